"""Scheduled jobs: incremental runs, resume after SIGKILL, the state lock, the exit-code contract."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.farm.runner import farm_process
from pipelines.export import repair_tail
from pipelines.state import LockedError, SQLiteState
from tests.conftest import ROOT, run_splog

CRAWL = ("crawl", "--allow-private-hosts", "--no-throttle")


@pytest.fixture()
def mutable_farm():
    with farm_process("--mutable", "--posts", "15") as blogs:
        yield blogs


def _seeds(tmp: Path, blogs: list[dict]) -> str:
    path = tmp / "seeds.txt"
    path.write_text("".join(b["url"] + "\n" for b in blogs))
    return str(path)


def test_incremental_runs_emit_only_new_and_changed_posts(mutable_farm, tmp_path) -> None:
    seeds, state = _seeds(tmp_path, mutable_farm), str(tmp_path / "state.db")
    run1 = run_splog(*CRAWL, "--seeds-file", seeds, "--state", state, out=tmp_path / "r1.jsonl")
    assert run1.code == 0, run1.stderr[-2000:]
    assert len(run1.records()) == 60 and {r["crawl"]["change"] for r in run1.records()} == {"new"}

    run2 = run_splog(*CRAWL, "--seeds-file", seeds, "--state", state, out=tmp_path / "r2.jsonl")
    assert run2.code == 0 and run2.records() == [] and run2.rejects() == []
    for site, numbers in run2.manifest()["http"]["by_site"].items():
        assert numbers["requests"] <= 3, (site, numbers)

    urllib.request.urlopen(mutable_farm[0]["url"] + "__farm/mutate?add=3").read()  # Blogger
    urllib.request.urlopen(mutable_farm[2]["url"] + "__farm/mutate?add=2&edit=4").read()  # WordPress
    run3 = run_splog(*CRAWL, "--seeds-file", seeds, "--state", state, out=tmp_path / "r3.jsonl")
    changes = sorted(r["crawl"]["change"] for r in run3.records())
    assert changes == ["new"] * 5 + ["updated"], changes
    assert "revised at" in next(r for r in run3.records() if r["crawl"]["change"] == "updated")["text"]
    # the blogs' home pages were not read again: their operator ids came from the state
    first = {r["blog"]["url"]: [o for o in r["operator_ids"] if o["where"] == ["home"]] for r in run1.records()}
    assert all(first[r["blog"]["url"]] and [o for o in r["operator_ids"] if o["where"] == ["home"]]
               == first[r["blog"]["url"]] for r in run3.records())

    full = run_splog(*CRAWL, "--seeds-file", seeds, "--state", state, "--full", out=tmp_path / "r4.jsonl")
    assert len(full.records()) == 65


def test_a_state_from_before_operator_ids_reads_each_home_page_once_for_them(mutable_farm, tmp_path) -> None:
    import sqlite3

    seeds, state = _seeds(tmp_path, mutable_farm), str(tmp_path / "state.db")
    run1 = run_splog(*CRAWL, "--seeds-file", seeds, "--state", state, out=tmp_path / "r1.jsonl")
    assert run1.code == 0, run1.stderr[-2000:]
    home_ids = {r["blog"]["url"]: [o for o in r["operator_ids"] if "home" in o["where"]] for r in run1.records()}
    with sqlite3.connect(state) as db:  # (as a state file written before the ids were kept)
        db.execute("UPDATE blogs SET ids = NULL")
    urllib.request.urlopen(mutable_farm[0]["url"] + "__farm/mutate?add=2").read()  # Blogger
    urllib.request.urlopen(mutable_farm[2]["url"] + "__farm/mutate?add=1").read()  # WordPress
    run2 = run_splog(*CRAWL, "--seeds-file", seeds, "--state", state, out=tmp_path / "r2.jsonl")
    assert run2.code == 0, run2.stderr[-2000:]
    assert len(run2.records()) == 3
    assert all([o for o in r["operator_ids"] if "home" in o["where"]] == home_ids[r["blog"]["url"]]
               for r in run2.records())
    assert run2.manifest()["discovery"]["home_pages_for_ids"] == 4
    with sqlite3.connect(state) as db:
        assert db.execute("SELECT COUNT(*) FROM blogs WHERE ids IS NULL").fetchone() == (0,)
    run3 = run_splog(*CRAWL, "--seeds-file", seeds, "--state", state, out=tmp_path / "r3.jsonl")
    assert run3.code == 0 and run3.records() == [] and "home_pages_for_ids" not in run3.manifest()["discovery"]


def test_killed_runs_resume_to_the_clean_result(tmp_path) -> None:
    with farm_process("--bench", "4:150") as blogs:
        seeds = _seeds(tmp_path, blogs)
        base = [sys.executable, "-m", "crawler.cli", *CRAWL, "--seeds-file", seeds, "--concurrency", "1",
                "-s", "SPLOG_FLUSH_EVERY=7"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        clean = run_splog(*CRAWL, "--seeds-file", seeds, out=tmp_path / "clean.jsonl")
        rng = random.Random(20261123)
        for _ in range(5):
            proc = subprocess.Popen([*base, "--job-dir", str(tmp_path / "job")], cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(rng.uniform(1.0, 4.0))
            os.killpg(proc.pid, signal.SIGKILL)  # the crawler and its worker processes
            proc.wait()
        last = subprocess.run([*base, "--job-dir", str(tmp_path / "job")], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
        assert last.returncode == 0, last.stderr[-2000:]
    lines = (tmp_path / "job" / "out.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b""  # no torn last line
    urls = [json.loads(line)["url"] for line in lines[:-1]]
    assert len(urls) == len(set(urls))
    assert set(urls) == {r["url"] for r in clean.records()}
    manifest = json.loads((tmp_path / "job" / "out.manifest.json").read_text())
    assert manifest["reconciles"] and manifest["counts"]["records"] == len(urls)
    # (the records each rule cut something from: those written before a kill are counted from the file)
    by_rule = Counter(rule for line in lines[:-1] for rule in {r["rule"] for r in json.loads(line)["removed"]})
    assert by_rule and manifest["counts"]["records_by_removed_rule"] == dict(sorted(by_rule.items()))
    # (and the operator ids that blogs share: an operator runs each pair of the farm's blogs)
    blogs: dict[tuple[str, str], set[str]] = {}
    for line in lines[:-1]:
        record = json.loads(line)
        for o in record["operator_ids"]:
            blogs.setdefault((o["kind"], o["id"]), set()).add(record["blog"]["url"])
    shared = {key: sorted(urls) for key, urls in blogs.items() if len(urls) > 1}
    assert len(shared) >= 4 and {(s["kind"], s["id"]): s["blogs"] for s in manifest["operator_ids"]["shared"]} == shared


def test_a_crawl_stopped_by_sigterm_says_so_and_its_job_resumes(tmp_path) -> None:
    """A scheduler's timeout (SIGTERM) ends the crawl gracefully; before, its manifest said
    "finished" and ok, and the job folder counted as done, so the next attempt did not resume."""
    with farm_process("--bench", "2:60") as blogs:
        cmd = [sys.executable, "-m", "crawler.cli", *CRAWL, "--seeds-file", _seeds(tmp_path, blogs), "--no-feeds",
               "--job-dir", str(tmp_path / "job"), "-s", "SPLOG_FLUSH_EVERY=1", "-s", "DOWNLOAD_DELAY=0.05"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out = tmp_path / "job" / "out.jsonl"
        deadline = time.monotonic() + 120
        while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 1, err[-2000:]
        assert err.strip().splitlines()[-1] == "splog: FAILED: crawl ended with 'shutdown'"
        manifest = json.loads((tmp_path / "job" / "out.manifest.json").read_text())
        assert manifest["status"] == "shutdown" and not manifest["verdict"]["ok"] and manifest["reconciles"]
        assert 0 < manifest["counts"]["records"] < 120
        again = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    urls = [json.loads(line)["url"] for line in out.read_text().splitlines()]
    assert len(urls) == len(set(urls)) == 120


def test_second_run_on_the_same_state_is_refused(farm, tmp_path) -> None:
    state = tmp_path / "state.db"
    holder = SQLiteState(state)
    try:
        with pytest.raises(LockedError):
            SQLiteState(state)
        run = run_splog(*CRAWL, farm[0]["url"], "--state", str(state), out=tmp_path / "o.jsonl")
        assert run.code == 3 and "another run holds the state lock" in run.stderr.strip().splitlines()[-1]
    finally:
        holder.close()


def test_too_many_rejects_fail_the_run_with_the_reason_last(farm, tmp_path) -> None:
    trouble = next(b["url"] for b in farm if b["key"] == "trouble")
    run = run_splog(*CRAWL, trouble, "--max-reject-ratio", "0.1", "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=0",
                    out=tmp_path / "o.jsonl")
    assert run.code == 1
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("splog: FAILED: reject ratio") and "SPLOG_MAX_REJECT_RATIO" in last
    verdict = run.manifest()["verdict"]
    assert verdict["ok"] is False and verdict["reject_ratio"] > 0.1


@pytest.mark.parametrize(("records", "unchanged", "rejects", "ok"), [
    (0, 30, 1, True),  # an incremental run: nothing new, one page failed
    (0, 2, 1, False),
    (10, 0, 1, True),
    (2, 0, 1, False),
])
def test_the_reject_ratio_counts_unchanged_posts_as_read(records, unchanged, rejects, ok) -> None:
    from types import SimpleNamespace

    from pipelines.adapters import verdict

    writer = SimpleNamespace(records=records, unchanged=unchanged, before_since=0, rejects=rejects, failed=None,
                             reasons=Counter({"http_500": rejects}))
    assert verdict("finished", writer, 0.25)["ok"] is ok


@pytest.mark.parametrize(("content", "expected"), [
    (b'{"a":1}\n{"b":2}\n{"c":', b'{"a":1}\n{"b":2}\n'),
    (b'{"c":', b""),
    (b'{"a":1}\n', b'{"a":1}\n'),
    (b"", b""),
])
def test_repair_tail_cuts_a_torn_last_line(tmp_path, content, expected) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(content)
    repair_tail(path)
    assert path.read_bytes() == expected


def test_a_state_file_from_before_blogs_sitemaps_were_kept_is_read_and_extended(tmp_path) -> None:
    import sqlite3

    from pipelines.state import BlogState

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE blogs (url TEXT PRIMARY KEY, platform TEXT, name TEXT, ui_language TEXT, "
               "api_root TEXT, newest_updated TEXT, last_crawl TEXT)")
    db.execute("INSERT INTO blogs VALUES ('https://quay.example/', 'generic', 'Quay', 'en', NULL, "
               "'2026-05-01T00:00:00+00:00', '2026-05-02T00:00:00+00:00')")
    db.commit()
    db.close()
    state = SQLiteState(path)
    try:
        known = state.get_blog("https://quay.example/")
        assert known is not None and known.name == "Quay" and known.sitemaps is None and known.feed is None
        state.put_blog(BlogState("https://quay.example/", "generic", "Quay", "en", sitemaps="https://quay.example/s.xml",
                                 feed="https://quay.example/feed/"))
        again = state.get_blog("https://quay.example/")
        assert (again.sitemaps, again.feed) == ("https://quay.example/s.xml", "https://quay.example/feed/")
    finally:
        state.close()


SINCE = "2026-03-05T00:00:00+00:00"


def test_since_crawls_only_the_posts_published_from_then_on(farm, tmp_path) -> None:
    """--since on Blogger, WordPress and a sitemap-only site: the records are the posts a full crawl
    gives that were published from then on; older posts are not fetched (the APIs are asked for the
    newer ones, the sitemap's lastmod is read), and the manifest still reconciles."""
    demo = [b for b in farm if b["kind"] != "trouble"]
    seeds = _seeds(tmp_path, demo)
    full = run_splog(*CRAWL, "--seeds-file", seeds, out=tmp_path / "full.jsonl")
    since = run_splog(*CRAWL, "--seeds-file", seeds, "--since", "2026-03-05", out=tmp_path / "since.jsonl")
    assert full.code == 0 and since.code == 0, since.stderr[-2000:]
    newer = {r["url"] for r in full.records() if r["published_at"] >= "2026-03-05"}
    assert 0 < len(newer) < len(full.records())
    assert {r["url"] for r in since.records()} == newer and since.rejects() == []
    manifest = since.manifest()
    assert manifest["reconciles"] and manifest["arguments"]["overrides"]["SPLOG_SINCE"] == SINCE
    assert manifest["http"]["requests"] < full.manifest()["http"]["requests"]
    assert manifest["discovery"]["before_since_skipped"] > 0  # (the sitemap's older URLs)
    assert "published before --since" not in since.stderr + since.stdout


def _sitemap_site(urlset: Callable[[str], str], post: Callable[[str], str | None]) -> type:
    """A test site of a sitemap (`urlset(host)`: its <urlset>), the posts `post(path)` gives a page
    for, a home page, and 404 for the rest."""
    from tests.conftest import Handler

    class Site(Handler):
        def do_GET(self) -> None:
            if self.path == "/sitemap.xml":
                return self.send(200, "application/xml", urlset(self.headers["Host"]))
            page = post(self.path)
            if page is not None:
                return self.send(200, "text/html", page)
            if self.path == "/":
                return self.send(200, "text/html", "<html><head><title>Quay notes</title></head><body><h1>Quay notes</h1>"
                                                   "<p>Notes from the quay.</p></body></html>")
            return self.send(404, "text/html", "<html><body>Not found</body></html>")

    return Site


def test_since_counts_a_fetched_page_published_before_it(tmp_path) -> None:
    """A site whose sitemap gives no lastmod: every listed page is fetched, and the older one is
    counted as read before --since, neither a record nor a reject."""
    from tests.conftest import serve

    body = "".join(f"<p>The quay's new crane lifted its first container on a calm morning, day {n}.</p>" for n in range(5))

    def urlset(host: str) -> str:
        locs = "".join(f"<url><loc>http://{host}/2026/0{m}/post-{m}.html</loc></url>" for m in (1, 2, 3))
        return f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>"

    def post(path: str) -> str | None:
        if not path.startswith("/2026/"):
            return None
        m = path.split("/")[2]
        return (f"<html><head><title>Crane lifts {m}</title><meta property='article:published_time' "
                f"content='2026-{m}-10T08:00:00Z'></head><body><article><h1>Crane lifts {m}</h1>{body}</article></body></html>")

    Site = _sitemap_site(urlset, post)

    with serve(Site) as url:
        # (as the setting a scrapyd job is given)
        run = run_splog(*CRAWL, url, "--no-feeds", "-s", "SPLOG_SINCE=2026-02-01", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["published_at"][:7] for r in run.records()) == ["2026-02", "2026-03"]
    counts = run.manifest()["counts"]
    assert counts["before_since"] == 1 and counts["rejects"] == 0 and counts["posts"] == 3
    assert run.manifest()["reconciles"] and "1 read but published before --since" in run.stdout + run.stderr


def test_since_reads_a_news_sitemaps_publication_dates(tmp_path) -> None:
    """A Google News sitemap gives each post's <news:publication_date> and no lastmod: the posts
    published before --since are not fetched, and the others' records are dated by it where the page
    gives no date."""
    from tests.conftest import serve

    body = "".join(f"<p>The ferry timetable changes next week on the island route, note {n}.</p>" for n in range(5))
    news = "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'"

    def urlset(host: str) -> str:
        urls = "".join(
            f"<url><loc>http://{host}/ferry-{m}.html</loc><news:news><news:publication>"
            f"<news:name>Isle Post</news:name><news:language>en</news:language></news:publication>"
            f"<news:publication_date>2026-0{m}-10T08:00:00+00:00</news:publication_date>"
            f"<news:title>Ferry {m}</news:title></news:news></url>" for m in (1, 2, 3))
        return f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' {news}>{urls}</urlset>"

    def post(path: str) -> str | None:
        if not path.startswith("/ferry-"):
            return None
        m = path[7]
        return f"<html><head><title>Ferry {m}</title></head><body><article><h1>Ferry {m}</h1>{body}</article></body></html>"

    Site = _sitemap_site(urlset, post)

    with serve(Site) as url:
        run = run_splog(*CRAWL, url, "--no-feeds", "--since", "2026-02-01", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["published_at"] for r in run.records()) == ["2026-02-10T08:00:00Z", "2026-03-10T08:00:00Z"]
    manifest = run.manifest()
    assert manifest["discovery"]["before_since_skipped"] == 1 and manifest["counts"]["posts"] == 2
    assert manifest["http"]["requests"] == 5  # robots.txt, home, sitemap, two posts
