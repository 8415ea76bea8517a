"""Downloader middlewares: refuse private hosts (also after redirects); count requests per site. Spider
middleware: a callback that fails on a page leaves a reject, not a silent gap."""

from __future__ import annotations

import ipaddress
import logging
import socket
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from crawler import stats
from crawler.errors import PrivateHostBlocked
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
