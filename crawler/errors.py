"""Map fetch failures to stable reject reason codes."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure


class PrivateHostBlocked(IgnoreRequest):
    """The request's host resolves to a loopback/private/reserved address and that is not allowed."""


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
    if "dataloss" in text.lower().replace(" ", "") or "PotentialDataLoss" in text:
        return "truncated", text[:200]  # the connection closed before the length the server declared
    if isinstance(exc, EOFError) or "zlib" in text.lower() or "decompress" in text.lower() or \
            "compressed" in text.lower() or "brotli" in text.lower() or "zstd" in text.lower():
        return "bad_encoding", text[:200]  # a gzip/deflate/br body that does not decompress
    if "maxsize" in text.lower() or "max size" in text.lower() or "larger than" in text.lower():
        return "too_large", text[:200]
    if "timeout" in text.lower() or "timed out" in text.lower():
        return "timeout", text[:200]
    return "fetch_failed", text[:200]
