"""The throughput benchmark on a farm it did not generate: seeds, answer key, sitemap-only blogs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.throughput import Truth, load_seeds, load_truth, mean_f1, page_only


def test_page_mode_blogs_are_found_from_how_their_posts_came(farm: list[dict], farm_crawl) -> None:
    listed = [{"key": b["url"], "kind": None, "url": b["url"]} for b in farm]
    picked = {b["url"] for b in page_only(listed, {"records": farm_crawl.records()})}
    # the plain blog and the blog of bad pages have no feed; Blogger and WordPress posts came whole from theirs
    assert picked == {b["url"] for b in farm if b["kind"] in ("plain", "trouble")}
    assert {b["kind"] for b in farm} >= {"blogger", "wordpress", "plain"}


def test_seeds_and_answer_key_are_read_as_an_unseen_farm_would_give_them(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("# farm B\nhttp://127.0.0.9:8001\n\nhttp://127.0.0.9:8002/  # the plain one\n")
    assert [b["url"] for b in load_seeds(seeds)] == ["http://127.0.0.9:8001/", "http://127.0.0.9:8002/"]
    key = tmp_path / "truth.jsonl"
    key.write_text(json.dumps({"url": "HTTP://127.0.0.9:8001/p/one.html?utm_source=x", "text": "a b c d e f"}) + "\n")
    truth = load_truth(key)
    assert truth.get("http://127.0.0.9:8001/p/one.html") == "a b c d e f"  # by canonical URL
    assert mean_f1([("http://127.0.0.9:8001/p/one.html", "a b c d e f")], truth) == "1.000"
    assert mean_f1([("http://127.0.0.9:8001/p/two.html", "a b c d")], truth) == "n/a"
    assert not Truth({}) and mean_f1([("u", "t")], Truth({})) == "n/a"
    key.write_text('{"url": "http://127.0.0.9:8001/p/one.html"}\n')
    with pytest.raises(SystemExit, match="truth.jsonl:1"):
        load_truth(key)


def test_extraction_cost_bench_times_both_worker_paths_beside_trafilatura(capsys: pytest.CaptureFixture) -> None:
    import signal

    from bench.extract_cost import main, pages

    interrupt = signal.getsignal(signal.SIGINT)

    items = pages("light", 6)
    assert len(items) == 24 and len({url for _home, url, _html in items}) == 24
    assert all("<html" in html.lower() and len(html) > 20_000 for _home, _url, html in items)  # the theme's weight
    assert main(["--posts", "6", "--weights", "plain"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("plain "))
    assert "template" in row and " ms " in row
    assert signal.getsignal(signal.SIGINT) is interrupt  # (Ctrl-C still stops the bench: it set up no worker)
    with pytest.raises(SystemExit):
        main(["--weights", "heavy"])


def test_share_of_sitemap_only_blogs_is_chosen_and_the_answer_key_follows_it() -> None:
    import urllib.request

    from bench.throughput import main, truth_by_url
    from crawler.farm.runner import farm_process

    with farm_process("--plain-share", "0.6", "--bench", "5:3") as blogs:
        assert [b["kind"] for b in blogs].count("plain") == 3
        truth = truth_by_url(blogs, 5, 3, 0.6)
        assert len(truth) == 15
        plain = next(b for b in blogs if b["kind"] == "plain")
        sitemap = urllib.request.urlopen(plain["url"] + "sitemap.xml", timeout=10).read().decode()
        served = [u for u in truth if u.startswith(plain["url"])]
        assert len(served) == 3 and all(f"<loc>{u}</loc>" in sitemap for u in served)
    for bad in (["--plain-share", "1.5"], ["--plain-share", "0.5", "--seeds", __file__]):
        with pytest.raises(SystemExit):
            main(bad)
