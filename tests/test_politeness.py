"""--concurrency is what a host sees: a slow real server counts the requests it has in flight."""

from __future__ import annotations

import threading
import time

import pytest

from tests.conftest import Handler, run_splog, serve

POSTS = 24
WORDS = ("ferry timetable council harbour winter crossing passengers island route evening morning "
         "captain vessel engine repairs weather survey report").split()


def _post(n: int) -> str:
    sentences = [" ".join(WORDS[(n + i + j) % len(WORDS)] for j in range(14)).capitalize() + "."
                 for i in range(12)]
    paragraphs = "".join(f"<p>{' '.join(sentences[k:k + 3])}</p>" for k in range(0, 12, 3))
    return (f"<html><head><title>Ferry notice {n}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Ferry notice {n}</h1>{paragraphs}</article><footer>Slow Ferry News</footer>"
            "</body></html>")


class _SlowBlog(Handler):
    """A sitemap-only blog whose post pages take 0.15 s each; it records the most post requests it
    was ever serving at once."""

    protocol_version = "HTTP/1.1"
    lock = threading.Lock()
    in_flight = 0
    most = 0
    served = 0

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/posts/"):
            cls = type(self)
            with cls.lock:
                cls.in_flight += 1
                cls.most = max(cls.most, cls.in_flight)
            time.sleep(0.15)
            with cls.lock:
                cls.in_flight -= 1
                cls.served += 1
            self.send(200, "text/html; charset=utf-8", _post(int(self.path.split("/")[2].split(".")[0])))
        elif self.path == "/robots.txt":
            self.send(200, "text/plain", f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")
        elif self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}/posts/{n}.html</loc></url>" for n in range(POSTS))
            self.send(200, "application/xml",
                       f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                       f"{urls}</urlset>")
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", "<html><body><h1>Slow Ferry News</h1></body></html>")
        else:
            self.send(404, "text/plain", "not found")


@pytest.fixture()
def slow_blog():
    _SlowBlog.in_flight = _SlowBlog.most = _SlowBlog.served = 0
    with serve(_SlowBlog) as base:
        yield base + "/"


@pytest.mark.parametrize("concurrency", [1, 3])
def test_a_host_never_has_more_requests_in_flight_than_concurrency(slow_blog, tmp_path, concurrency) -> None:
    # Scrapy's own downloader, under the asyncio reactor, starts a host's whole queue at once
    # (up to CONCURRENT_REQUESTS = 32 here); crawler/downloader.py keeps the per-host limit
    run = run_splog("crawl", slow_blog, "--allow-private-hosts", "--no-throttle",
                    "--concurrency", str(concurrency), out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert len(run.records()) == POSTS == _SlowBlog.served
    assert _SlowBlog.most == concurrency  # never more, and the allowance is used


def test_the_override_recognises_this_scrapys_slots_and_nothing_else() -> None:
    # a Scrapy whose slots differ gets its own downloader back (one warning) instead of a stalled crawl
    from scrapy import Request
    from scrapy.core.downloader import Slot
    from twisted.internet.defer import Deferred

    from crawler.downloader import fits

    slot = Slot(3, 0.0)
    assert fits(slot)
    slot.queue.append((Request("http://127.0.0.1/a"), Deferred()))
    assert fits(slot)

    class Changed:
        queue = slot.queue  # same queue, but no `transferring` set and no free_transfer_slots()

    assert not fits(Changed())
    slot.queue.clear()
    slot.queue.append(Request("http://127.0.0.1/b"))  # queued without its deferred
    assert not fits(slot)


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    from datetime import datetime, timezone

    from crawler.middlewares import retry_after

    now = datetime(2026, 6, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after(b"7", now) == 7.0
    assert retry_after("Mon, 01 Jun 2026 12:00:30 GMT", now) == 30.0
    assert retry_after("Mon, 01 Jun 2026 11:00:00 GMT", now) == 0.0
    assert retry_after(None, now) is None and retry_after(b"soon", now) is None and retry_after(b"-3", now) is None


class _RateLimitedBlog(Handler):
    """A sitemap-only blog that answers each post's first request 429 with Retry-After: 1 (the
    second post's as an HTTP date), and keeps when each request for a post came."""

    lock = threading.Lock()
    asked: dict[str, list[float]] = {}

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/posts/"):
            with self.lock:
                times = self.asked.setdefault(self.path, [])
                times.append(time.monotonic())
                first = len(times) == 1
            if first:
                n = int(self.path.rsplit("-", 1)[1])
                when = ("1" if n != 1 else time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 2)))
                self.send(429, "text/plain", b"slow down", {"Retry-After": when})
            else:
                self.send(200, "text/html; charset=utf-8", _post(int(self.path.rsplit("-", 1)[1])))
        elif self.path == "/sitemap.xml":
            self.send(200, "application/xml", "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>" + "".join(
                f"<url><loc>{base}/posts/notice-{n}</loc></url>" for n in range(3)) + "</urlset>")
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", "<html><body><h1>Ferry News</h1></body></html>")
        else:
            self.send_error(404)


def test_a_host_that_answers_429_is_asked_again_only_after_its_retry_after(tmp_path) -> None:
    _RateLimitedBlog.asked = {}
    with serve(_RateLimitedBlog) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/posts/notice-{n}" for n in range(3)]
    assert run.manifest()["counts"]["rejects"] == 0
    gaps = {path: times[1] - times[0] for path, times in _RateLimitedBlog.asked.items()}
    # before: Scrapy's retry asked again at once (~10 ms later), three times, then gave up with http_429
    assert len(gaps) == 3 and all(gap >= 0.9 for gap in gaps.values()), gaps
    assert run.manifest()["http"]["rate_limited"] == {base.split("//")[1]: 3}


class _PoliteBlog(Handler):
    """A sitemap-only blog whose robots.txt asks for a Crawl-delay of 1 s; it notes when each post
    request arrives."""

    arrivals: list[float] = []

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/posts/"):
            type(self).arrivals.append(time.monotonic())
            self.send(200, "text/html; charset=utf-8", _post(int(self.path.split("/")[2].split(".")[0])))
        elif self.path == "/robots.txt":
            self.send(200, "text/plain", f"User-agent: *\nCrawl-delay: 1\nAllow: /\nSitemap: {base}/sitemap.xml\n")
        elif self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}/posts/{n}.html</loc></url>" for n in range(4))
            self.send(200, "application/xml",
                      f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>")
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", "<html><body><h1>Polite Ferry News</h1></body></html>")
        else:
            self.send(404, "text/plain", "not found")


@pytest.mark.parametrize("throttle", [False, True])
def test_a_robots_crawl_delay_spaces_the_hosts_requests(tmp_path, throttle: bool) -> None:
    """Crawl-delay: 1 in robots.txt: no two post requests reach the host less than ~1 s apart, with
    AutoThrottle off (--no-throttle) or on (it would lower the delay toward the loopback's answer
    times); the manifest says what the site asked for."""
    _PoliteBlog.arrivals = []
    with serve(_PoliteBlog) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", *([] if throttle else ["--no-throttle"]),
                        out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert len(run.records()) == 4
    gaps = [b - a for a, b in zip(_PoliteBlog.arrivals, _PoliteBlog.arrivals[1:])]
    assert len(gaps) == 3 and min(gaps) >= 0.9, gaps
    assert run.manifest()["http"]["crawl_delay"] == {base.split("//")[1]: 1.0}
