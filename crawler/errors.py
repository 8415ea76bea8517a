"""Map fetch failures to stable reject reason codes."""

from __future__ import annotations

import gzip

from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure


class PrivateHostBlocked(IgnoreRequest):
    """The request's host resolves to a loopback/private/reserved address and that is not allowed."""


class UnfinishedBody(Exception):
    """A compressed body (gzip, deflate, br, zstd) that ends before its stream does: the whole body
    came, as long as the server said, but what it holds is cut short (a cache's truncated .gz file).
    Scrapy inflates what there is, and the page would be a record of part of its post."""


# Words of the errors a body that does not decompress raises (gzip/deflate, br, zstd).
_DECODING_WORDS = ("zlib", "decompress", "compressed", "brotli", "zstd")


def _scrapy_errors(*names: str) -> tuple[type[BaseException], ...]:
    """Scrapy's own download errors of these names (2.13+ wraps Twisted's in them; an older Scrapy
    has none of them, and raises Twisted's, which reason_of reads too)."""
    return tuple(cls for cls in (getattr(scrapy_errors, name, None) for name in names) if isinstance(cls, type))


_TIMEOUTS = (net.TimeoutError, net.TCPTimedOutError, *_scrapy_errors("DownloadTimeoutError"))
_DNS = (net.DNSLookupError, *_scrapy_errors("CannotResolveHostError"))
_CONNECTION = (net.ConnectionRefusedError, net.ConnectError, net.ConnectionLost, net.ConnectionDone,
               *_scrapy_errors("DownloadConnectionRefusedError"))
_WRAPPED = _scrapy_errors("DownloadFailedError")  # Twisted's ResponseFailed, its reasons inside


def _lost_connection(exc: BaseException) -> bool:
    """A download that failed because the connection went (reset, closed before any answer): Twisted's
    ResponseFailed, alone or wrapped in Scrapy's DownloadFailedError, holds ConnectionLost."""
    cause = exc.__cause__ if isinstance(exc, _WRAPPED) else exc
    reasons = getattr(cause, "reasons", None) or []
    return any(isinstance(r, Failure) and isinstance(r.value, _CONNECTION) for r in reasons)


def reason_of(failure: Failure) -> tuple[str, str]:
    """(reason code, detail) for a failed request."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"http_{status}", f"HTTP {status}"
    if isinstance(exc, PrivateHostBlocked):
        return "private_host_blocked", str(exc)
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        if "robots" in text.lower():
            return "robots_disallowed", text
        if "redirections" in text.lower():  # Scrapy's RedirectMiddleware: a loop, or over REDIRECT_MAX_TIMES
            return "too_many_redirects", text
        if "download_maxsize" in text.lower():  # (a body that inflates past it: a gzip bomb)
            return "too_large", text[:300]
        return "ignored", text
    if isinstance(exc, _TIMEOUTS):
        return "timeout", str(exc)[:200]
    if isinstance(exc, _DNS):
        return "dns_error", str(exc)[:200]
    if isinstance(exc, _CONNECTION) or _lost_connection(exc):
        return "connection_error", (str(exc) or type(exc).__name__)[:200]
    if isinstance(exc, UnfinishedBody):
        return "truncated", str(exc)[:200]
    if isinstance(exc, gzip.BadGzipFile):  # (a body declared gzip that is not)
        return "bad_encoding", f"{type(exc).__name__}: {exc}"[:200]
    text = f"{type(exc).__name__}: {exc}"
    low = text.lower()
    if "dataloss" in low.replace(" ", ""):
        return "truncated", text[:200]  # the connection closed before the length the server declared
    if isinstance(exc, EOFError) or any(w in low for w in _DECODING_WORDS):
        return "bad_encoding", text[:200]  # a gzip/deflate/br body that does not decompress
    if "maxsize" in low or "max size" in low or "larger than" in low:
        return "too_large", text[:200]
    if "timeout" in low or "timed out" in low:
        return "timeout", text[:200]
    return "fetch_failed", text[:200]
