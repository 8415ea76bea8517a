"""Feed pages: asked for a window at a time (SPLOG_FEED_WINDOW), blogs' first pages and later ones,
and a page over DOWNLOAD_MAXSIZE (posts with heavy markup) asked for again in smaller pages, so the
posts still come whole from the feed, with no reject and no fall-back to page fetches."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import Handler, run_splog, serve

POSTS = 60
WORDS = "tide ferry council lantern orchard quarry meadow signal bridge market tunnel engine".split()


def _body(n: int, heavy: range) -> str:
    text = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(60)).capitalize() + f". Notice {n}."
    pad = "<span class='x'></span>" * (200 if n in heavy else 0)  # ~5 KB of markup weight, no text
    return f"<p>{text}</p>{pad}<p>Harbour notice number {n} was posted by the council office today.</p>"


class _FeedSite(Handler):
    """A Blogger blog (JSON feed with start-index/max-results) or a WordPress one (REST API with
    page/per_page and X-WP-TotalPages), chosen by the server's `platform`; the posts in `heavy`
    carry ~5 KB of markup each, the others ~1 KB."""

    platform = "blogger"
    heavy = range(0)
    later_delay = 0.0  # seconds each later feed page takes; the most served at once is recorded
    first_delay = 0.0  # the same for first feed pages
    lock = threading.Lock()
    in_flight = most = 0

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        later = query.get("start-index", "1") != "1" or query.get("page", "1") != "1"
        first = url.path in ("/feeds/posts/default", "/wp-json/wp/v2/posts") and not later
        if not (later and self.later_delay) and not (first and self.first_delay):
            self._answer(url, query)
            return
        cls = type(self)
        with cls.lock:
            cls.in_flight += 1
            cls.most = max(cls.most, cls.in_flight)
        time.sleep(self.later_delay if later else self.first_delay)
        try:
            self._answer(url, query)
        finally:
            with cls.lock:
                cls.in_flight -= 1

    def _answer(self, url, query: dict[str, str]) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if url.path == "/":
            head = ("<meta name='generator' content='Blogger'/>"
                    f"<link rel='alternate' type='application/atom+xml' href='{base}/feeds/posts/default'/>"
                    if self.platform == "blogger" else
                    f"<meta name='generator' content='WordPress 6.4'/><link rel='https://api.w.org/' href='{base}/wp-json/'/>")
            self.send(200, "text/html; charset=utf-8", f"<html><head>{head}<title>Notices</title></head><body></body></html>")
        elif url.path == "/feeds/posts/default" and self.platform == "blogger":
            start, size = int(query["start-index"]), int(query["max-results"])
            entries = [{"link": [{"rel": "alternate", "href": f"{base}/2026/03/notice-{n}.html"}],
                        "title": {"$t": f"Notice {n}"}, "content": {"$t": _body(n, self.heavy)},
                        "published": {"$t": "2026-03-01T10:00:00Z"}, "updated": {"$t": "2026-03-01T10:00:00Z"}}
                       for n in range(start - 1, min(POSTS, start - 1 + size))]
            self.send(200, "application/json; charset=UTF-8", json.dumps(
                {"feed": {"openSearch$totalResults": {"$t": str(POSTS)}, "entry": entries}}))
        elif url.path == "/wp-json/wp/v2/posts" and self.platform == "wordpress":
            page, size = int(query["page"]), int(query["per_page"])
            posts = [{"link": f"{base}/2026/03/notice-{n}/", "title": {"rendered": f"Notice {n}"},
                      "content": {"rendered": _body(n, self.heavy)}, "date": "2026-03-01T10:00:00",
                      "date_gmt": "2026-03-01T10:00:00", "modified": "2026-03-01T10:00:00",
                      "modified_gmt": "2026-03-01T10:00:00"}
                     for n in range((page - 1) * size, min(POSTS, page * size))]
            self.send(200, "application/json; charset=UTF-8", json.dumps(posts),
                       {"X-WP-Total": str(POSTS), "X-WP-TotalPages": str(-(-POSTS // size))})
        else:
            self.send_error(404)


PLATFORMS = [("blogger", "blogger-feed", "SPLOG_BLOGGER_PAGE_SIZE"), ("wordpress", "wp-json", "SPLOG_WP_PAGE_SIZE")]


def _crawl(tmp_path, platform: str, size_setting: str, heavy: range):
    """Pages of 20 posts; a page of 20 heavy posts (~110 KB) is over the 64 KB cap, a half is not."""
    handler = type("Site", (_FeedSite,), {"platform": platform, "heavy": heavy})
    with serve(handler) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", "-s", f"{size_setting}=20",
                        "-s", "DOWNLOAD_MAXSIZE=65536", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    return run


@pytest.mark.parametrize("platform, via, size_setting", PLATFORMS)
def test_a_later_feed_page_over_the_size_cap_comes_again_as_its_halves(tmp_path, platform, via, size_setting) -> None:
    run = _crawl(tmp_path, platform, size_setting, heavy=range(20, 40))
    records = run.records()
    assert len(records) == POSTS and {r["crawl"]["via"] for r in records} == {via}
    assert sorted(int(r["url"].rstrip("/").rsplit("-", 1)[1].split(".")[0]) for r in records) == list(range(POSTS))
    manifest = run.manifest()
    assert manifest["counts"]["rejects"] == 0
    assert manifest["discovery"]["feed_pages_split"] == 1
    assert manifest["discovery"]["feed_pages"] == 4  # pages 1 and 3 whole, page 2 as two halves


@pytest.mark.parametrize("platform, via, size_setting", PLATFORMS)
def test_a_first_feed_page_over_the_size_cap_pages_the_whole_feed_smaller(tmp_path, platform, via, size_setting) -> None:
    run = _crawl(tmp_path, platform, size_setting, heavy=range(0, 20))
    records = run.records()
    assert len(records) == POSTS and {r["crawl"]["via"] for r in records} == {via}
    manifest = run.manifest()
    assert manifest["counts"]["rejects"] == 0
    assert manifest["discovery"]["feed_pages_split"] == 1
    assert manifest["discovery"]["feed_pages"] == 6  # page 1 again at 10 posts, then the rest at 10


def test_a_feed_whose_posts_are_each_too_big_still_falls_back_with_a_reject(tmp_path) -> None:
    # under MIN_FEED_PAGE posts a page, splitting stops: the page is a too_large reject and the next
    # strategy (here the sitemap, missing: then page links) is tried
    handler = type("Site", (_FeedSite,), {"platform": "blogger", "heavy": range(0, POSTS)})
    with serve(handler) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle",
                        "-s", "DOWNLOAD_MAXSIZE=4000", out=tmp_path / "o.jsonl")
    manifest = run.manifest()
    assert manifest["counts"]["rejects_by_reason"] == {"too_large": 1}
    assert manifest["discovery"]["feed_pages_split"] == 3  # 150 -> 75 -> 25 -> 5, then no smaller


@pytest.mark.parametrize("platform, via, size_setting", PLATFORMS)
def test_later_feed_pages_go_out_a_window_at_a_time(tmp_path, platform, via, size_setting) -> None:
    # 6 pages of 10 posts: the 5 later ones are asked for 2 at a time although the host allows 8
    handler = type("Site", (_FeedSite,), {"platform": platform, "later_delay": 0.2, "in_flight": 0, "most": 0})
    with serve(handler) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", "--concurrency", "8",
                        "-s", f"{size_setting}=10", "-s", "SPLOG_FEED_WINDOW=2", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert len(run.records()) == POSTS and {r["crawl"]["via"] for r in run.records()} == {via}
    assert handler.most == 2
    assert run.manifest()["discovery"]["feed_pages"] == 6


def test_first_feed_pages_of_many_blogs_share_the_window(tmp_path) -> None:
    # five blogs of one 60-post page each, found at once: their pages go out 2 at a time, as later
    # pages do (a list of hundreds of blogs would otherwise hold all their first pages in memory)
    handler = type("Site", (_FeedSite,), {"platform": "blogger", "first_delay": 0.2, "in_flight": 0, "most": 0})
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(serve(handler)) for _ in range(5)]
        run = run_splog("crawl", *(base + "/" for base in bases), "--allow-private-hosts", "--no-throttle",
                        "--concurrency", "8", "-s", "SPLOG_BLOGGER_PAGE_SIZE=60", "-s", "SPLOG_FEED_WINDOW=2",
                        out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert len(run.records()) == 5 * POSTS and {r["crawl"]["via"] for r in run.records()} == {"blogger-feed"}
    assert handler.most == 2
    assert run.manifest()["discovery"]["feed_pages"] == 5
