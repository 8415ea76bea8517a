"""A DNS resolver that knows IP literals.

Scrapy's default resolver looks every host up with gethostbyname, which reads IPv4 addresses only:
an IPv6 literal seed (http://[2001:db8::1]/) failed with "DNS lookup failed" though it needs no
lookup at all. This one returns a literal as it is and leaves every name to the default (its cache
and DNS_TIMEOUT)."""

from __future__ import annotations

import ipaddress
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer


def ip_literal(name: str) -> str | None:
    """The address a host that is an IP literal spells ("[::1]", "::1", "127.0.0.1"), else None."""
    try:
        return str(ipaddress.ip_address(name.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


class LiteralResolver(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout: Any = ()) -> defer.Deferred:
        literal = ip_literal(name)
        return defer.succeed(literal) if literal is not None else super().getHostByName(name, timeout)
