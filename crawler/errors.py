"""Map fetch failures to stable reject reason codes."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure


class PrivateHostBlocked(IgnoreRequest):
    """The request's host resolves to a loopback/private/reserved address and that is not allowed."""


# Words of the errors a body that does not decompress raises (gzip/deflate, br, zstd).
_DECODING_WORDS = ("zlib", "decompress", "compressed", "brotli", "zstd")


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
        return "ignored", text
    if isinstance(exc, (net.TimeoutError, net.TCPTimedOutError)):
        return "timeout", str(exc)[:200]
    if isinstance(exc, net.DNSLookupError):
        return "dns_error", str(exc)[:200]
    if isinstance(exc, (net.ConnectionRefusedError, net.ConnectError, net.ConnectionLost)):
        return "connection_error", str(exc)[:200]
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
