"""Downloader middlewares: refuse private hosts (also after redirects); count requests per site; slow
a host down when it says it is rate-limiting us; refuse a compressed body cut short; unwrap a body
still gzipped. Spider middleware: a callback that fails on a page leaves a reject, not a silent gap."""

from __future__ import annotations

import ipaddress
import logging
import socket
import zlib
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.responsetypes import responsetypes
from scrapy.spidermiddlewares.httperror import HttpError

from crawler import stats
from crawler.discovery import robots_sitemaps
from crawler.errors import PrivateHostBlocked, UnfinishedBody
from crawler.links import first_url
from schemas.raw import BlogInfo, RawPost

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self


@lru_cache(maxsize=4096)
def is_private_host(host: str) -> bool:
    """True when host is, or resolves to, a non-public address (loopback, private, link-local...)."""
    host = host.strip("[]").lower()
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        addrs = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, OSError):
            return False  # unresolvable: the download fails with dns_error
        addrs = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    return any(not a.is_global or a.is_multicast for a in addrs)


class PrivateHostGuard:
    """Raise PrivateHostBlocked for requests to non-public addresses unless SPLOG_ALLOW_PRIVATE_HOSTS."""

    def __init__(self, allow: bool) -> None:
        self.allow = allow

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.settings.getbool("SPLOG_ALLOW_PRIVATE_HOSTS"))

    def process_request(self, request: Request) -> None:
        if self.allow:
            return None
        host = urlsplit(request.url).hostname or ""
        if is_private_host(host):
            raise PrivateHostBlocked(f"{host} is a private or loopback address (use --allow-private-hosts)")
        return None


class RequestAccounting:
    """Count every request that reaches the network, per site (host:port), robots.txt included, and
    every response by HTTP status."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        site = urlsplit(request.url).netloc.lower()
        self.stats.inc_value(f"{stats.REQUESTS_BY_SITE}/{site}")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        self.stats.inc_value(f"{stats.RESPONSES_BY_STATUS}/{response.status}")
        return response


def retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds or an HTTP date (None when it is
    missing or unreadable; 0 for a date in the past)."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is in GMT
        when = when.replace(tzinfo=timezone.utc)
    return max((when - (now or datetime.now(timezone.utc))).total_seconds(), 0.0)


_CHECK_CHUNK = 1 << 16  # inflated 64 KB at a time, and dropped: the check keeps no copy of the body


def _stream_ends(coding: bytes, body: bytes, maxsize: int) -> bool | None:
    """Whether a body compressed with `coding` holds the end of its stream: True, False (cut short),
    or None when this cannot tell (a coding it does not know, bytes that are no such stream, or more
    than `maxsize` once inflated: Scrapy's to refuse as it does)."""
    try:
        if coding in (b"gzip", b"x-gzip", b"deflate"):
            tries = [16 + zlib.MAX_WBITS] if coding != b"deflate" else [zlib.MAX_WBITS, -zlib.MAX_WBITS]
            for wbits in tries:  # (deflate: zlib's wrapper, else raw, as Scrapy reads it)
                inflate, data, size = zlib.decompressobj(wbits), body, 0
                try:
                    while data and not inflate.eof:
                        size += len(inflate.decompress(data, _CHECK_CHUNK))
                        if maxsize and size > maxsize:
                            return None
                        data = inflate.unconsumed_tail
                except zlib.error:
                    continue
                return inflate.eof
            return None
        if coding == b"br":
            import brotli

            unbrotli = brotli.Decompressor()
            size = len(unbrotli.process(body, output_buffer_limit=_CHECK_CHUNK))
            while not unbrotli.is_finished():
                chunk = unbrotli.process(b"", output_buffer_limit=_CHECK_CHUNK)
                if not chunk:
                    return False
                size += len(chunk)
                if maxsize and size > maxsize:
                    return None
            return True
        if coding == b"zstd":
            try:
                from compression import zstd  # type: ignore[import-not-found]  # (Python 3.14)
            except ImportError:
                from backports import zstd  # type: ignore[no-redef]
            unzstd, data, size = zstd.ZstdDecompressor(), body, 0
            while not unzstd.eof:
                size += len(unzstd.decompress(data, _CHECK_CHUNK))
                if maxsize and size > maxsize:
                    return None
                if unzstd.needs_input:
                    return unzstd.eof
                data = b""
            return True
    except Exception:  # (bytes that are no such stream: Scrapy's decoding raises, a bad_encoding reject)
        return None
    return None


class UnfinishedEncoding:
    """A compressed body that came whole (as long as the server said) but whose stream ends before its
    end: a cache plugin's .gz file cut short on a full disk, a proxy's broken copy. Scrapy's
    HttpCompressionMiddleware inflates what there is without a word, so a page gave a record of part
    of its post (7 of 12 paragraphs), or of "<". Asked once more, then a `truncated` reject. Runs
    before Scrapy's middleware undoes the Content-Encoding (its last coding is the outer stream); an
    inflate of the body, its output dropped: about 0.45 ms a 230 KB page."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        codings = [c.strip().lower() for v in response.headers.getlist(b"Content-Encoding") for c in v.split(b",")]
        codings = [c for c in codings if c and c != b"identity"]
        if request.method == "HEAD" or not codings or not response.body or not 200 <= response.status < 300:
            return response  # (an error page's body is no post: its status says what went wrong)
        if _stream_ends(codings[-1], response.body, self.maxsize) is not False:
            return response
        from scrapy.downloadermiddlewares.retry import get_retry_request

        retry = get_retry_request(request, spider=self.crawler.spider, reason="unfinished_encoding", max_retry_times=1)
        if retry is not None:
            return retry
        raise UnfinishedBody(f"the {codings[-1].decode('ascii', 'replace')} body ({len(response.body)} B) "
                             f"ends before its stream does")


class StrayGzip:
    """A body still gzipped once Scrapy has undone its Content-Encoding: a server that compressed it
    twice (a cache plugin's gzip under the server's own) or sent a gzipped file as a page or a feed
    without saying so. A browser shows its bytes; the crawl had a not_html reject, or a feed that was
    "not XML". A text type's body (HTML, XML, JSON, plain text, or none named) is unwrapped once; a
    body that does not inflate stays as it came, and one that inflates past DOWNLOAD_MAXSIZE is
    ignored as Scrapy ignores such a body (a too_large reject: a gzip bomb inside the gzip), and one
    whose stream is cut short is a `truncated` reject. (A gzip file named as one, application/gzip: a
    sitemap.xml.gz, is discovery's to read.)"""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.settings.getint("DOWNLOAD_MAXSIZE"))

    def process_response(self, request: Request, response: Response) -> Response:
        if response.body[:2] != b"\x1f\x8b":
            return response
        kind = response.headers.get(b"Content-Type", b"").split(b";")[0].strip().lower()
        if kind and not (kind.startswith(b"text/") or kind.endswith((b"xml", b"json"))):
            return response
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = inflate.decompress(response.body, self.maxsize + 1 if self.maxsize > 0 else 0)
        except zlib.error:
            return response
        if self.maxsize > 0 and len(body) > self.maxsize:
            raise IgnoreRequest(f"Ignored response {response} because its body, gzipped once more inside, "
                                f"exceeded DOWNLOAD_MAXSIZE ({self.maxsize} B) during decompression.")
        if not inflate.eof:  # (cut short: what inflates is part of the page, see UnfinishedEncoding)
            raise UnfinishedBody(f"the body gzipped inside ({len(response.body)} B) ends before its stream does")
        cls = responsetypes.from_args(headers=response.headers, url=response.url, body=body)
        return response.replace(cls=cls, body=body)


class RateLimitBackoff:
    """A host that answers 429 (or 503 with Retry-After) is asked less often. Its downloader slot
    waits what Retry-After says (SPLOG_RETRY_AFTER_MAX at most; a 429 without it: twice the slot's
    delay, 1 s at least) between requests, the retry of the refused request included; each later
    good answer halves the wait, back to the slot's own delay. Scrapy's retry middleware (which comes
    after this one on the way back) still decides whether the request is asked again. Counted per
    site under rate_limited/<site> (the manifest's http.rate_limited)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = max(crawler.settings.getfloat("SPLOG_RETRY_AFTER_MAX", 60.0), 0.0)
        self.base: dict[str, tuple[float, float | bool]] = {}  # slot key -> its delay and jitter before we slowed it

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def _slot(self, request: Request) -> tuple[str, object | None]:
        key = request.meta.get("download_slot")
        return (key, _slot(self.crawler, key)) if key is not None else ("", None)

    def process_response(self, request: Request, response: Response) -> Response:
        status = response.status
        if status not in (429, 503) and (status >= 400 or not self.base):
            return response
        key, slot = self._slot(request)
        if slot is None:
            return response
        if status in (429, 503):
            wait = retry_after(response.headers.get(b"Retry-After"))
            if wait is None and status == 429:
                wait = max(slot.delay * 2, 1.0)
            if wait is None:
                return response
            wait = min(wait, self.cap)
            if wait > slot.delay:
                self.base.setdefault(key, (slot.delay, _jitter(slot)))
                slot.delay = wait
                _set_jitter(slot, 0.0)  # (Scrapy's random ±50% would ask again after half the wait)
            site = urlsplit(request.url).netloc.lower()
            self.crawler.stats.inc_value(f"{stats.RATE_LIMITED}/{site}")
            logger.info("splog: %s answered %d: asking it every %.1f s", site, status, slot.delay)
        elif key in self.base:
            base, jitter = self.base[key]
            slot.delay = slot.delay / 2
            if slot.delay <= base * 1.01 + 0.01:
                slot.delay = max(slot.delay, base)
                _set_jitter(slot, jitter)
                del self.base[key]
        return response


class CrawlDelay:
    """A site's robots.txt Crawl-delay for our user agent is the least wait between two requests to
    it: its downloader slot's delay is raised to it, without Scrapy's random variation (which would
    make half the waits shorter), and AutoThrottle, which lowers a slot's delay toward the site's
    answer times, leaves that slot alone. Capped at SPLOG_CRAWL_DELAY_MAX (30 s; 0 ignores
    Crawl-delay). Kept per site as crawl_delay/<site> (the manifest's http.crawl_delay)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = max(crawler.settings.getfloat("SPLOG_CRAWL_DELAY_MAX", 30.0), 0.0)
        self.agent = crawler.settings.get("USER_AGENT") or ""
        self.delays: dict[str, float] = {}  # host -> its crawl delay

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if self.delays:
            host = urlsplit(request.url).hostname or ""
            if host in self.delays:
                request.meta["autothrottle_dont_adjust_delay"] = True
                self._hold(request, host)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 200 and self.cap > 0 and urlsplit(request.url).path == "/robots.txt":
            from protego import Protego

            try:
                delay = Protego.parse(response.body.decode("utf-8", "replace")).crawl_delay(self.agent)
            except Exception:  # noqa: BLE001 -- (Scrapy's own robots.txt middleware reports a file it cannot read)
                delay = None
            if delay and float(delay) > 0:
                host = urlsplit(request.url).hostname or ""
                self.delays[host] = min(float(delay), self.cap)
                self.crawler.stats.set_value(f"{stats.CRAWL_DELAY}/{urlsplit(request.url).netloc.lower()}",
                                             self.delays[host])
                self._hold(request, host)
                logger.info("splog: %s asks for %.1f s between requests (robots.txt Crawl-delay)", host,
                            self.delays[host])
        return response

    def _hold(self, request: Request, host: str) -> None:
        # (before the downloader has given the request its slot, the slot is keyed by its host)
        slot = _slot(self.crawler, request.meta.get("download_slot") or host)
        if slot is not None and slot.delay < self.delays[host]:
            slot.delay = self.delays[host]
            _set_jitter(slot, 0.0)


class RobotsSitemaps:
    """Each robots.txt the crawl reads (Scrapy's robots.txt middleware asks for it before a site's
    first request) tells the spider its Sitemap: lines, so that discovery, looking for a site's
    sitemaps when /sitemap.xml is missing, need not fetch robots.txt a second time. A robots.txt
    that is not there (4xx) lists none; one that failed (5xx) is not told, and discovery asks for it."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        status = response.status
        note = getattr(self.crawler.spider, "note_robots", None)
        if note is not None and (status < 300 or 400 <= status < 500) and urlsplit(request.url).path == "/robots.txt":
            note(request.url, robots_sitemaps(response.body.decode("utf-8", "replace")) if status == 200 else [])
        return response


def _slot(crawler: Crawler, key: str) -> object | None:
    """The downloader's slot of that key, when it has one."""
    downloader = getattr(crawler.engine, "downloader", None)
    return downloader.slots.get(key) if downloader is not None else None


def _jitter(slot: object) -> float | bool:
    """The slot's random variation of its delay: `jitter` (Scrapy 2.14+) or `randomize_delay`."""
    return slot.jitter if hasattr(slot, "jitter") else getattr(slot, "randomize_delay", False)


def _set_jitter(slot: object, value: float | bool) -> None:
    if hasattr(slot, "jitter"):
        slot.jitter = value
    elif hasattr(slot, "randomize_delay"):
        slot.randomize_delay = bool(value)


class CallbackErrorsAsRejects:
    """A spider callback that raises on a response (a bug, or a page unlike any seen) would leave the
    post neither record nor reject, only a line in Scrapy's log: here it becomes an internal_error
    reject for the URL the request was made for (a post, or the discovery document that was being
    read), logged with its traceback and counted under discovery/callback_errors/<kind>."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception) -> list[RawPost] | None:
        if isinstance(exception, (HttpError, IgnoreRequest)):  # (errbacks and Scrapy handle these)
            return None
        request = response.request
        if request is None:
            return None
        kind = request.meta.get("kind", "page")
        url = first_url(request.meta, request.url)
        logger.error("splog: the %s callback failed on %s", kind, response.url, exc_info=exception)
        self.stats.inc_value(stats.key("discovery", "callback_errors", kind))
        blog = request.cb_kwargs.get("blog")
        if not isinstance(blog, BlogInfo):
            blog = BlogInfo(url=url, host=urlsplit(url).hostname or "")
        return [RawPost(url=url, blog=blog, via="page", status=response.status,
                        fetched_at=datetime.now(timezone.utc).isoformat(),
                        error="internal_error", error_detail=f"{kind}: {type(exception).__name__}: {exception}"[:300])]
