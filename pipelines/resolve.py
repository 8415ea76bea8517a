"""Opt-in: follow short links (ift.tt and the like) with HEAD requests to find the original article."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.exceptions import NotConfigured

from pipelines.rules import RuleSet, load_rules
from schemas.article import ArticleRecord

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self

logger = logging.getLogger(__name__)
MAX_HOPS = 4  # ift.tt -> feedproxy -> news.google.com -> publisher is the longest chain seen


class ResolvePipeline:
    """Fill `source.url` from the record's short links: HEAD without following redirects, then read
    Location hop by hop while the next hop is itself a short link. Bounded per run, cached."""

    def __init__(self, crawler: Crawler, rules: RuleSet, budget: int) -> None:
        self.crawler, self.rules, self.budget = crawler, rules, budget
        self.cache: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        s = crawler.settings
        if not s.getbool("SPLOG_RESOLVE_SHORT_LINKS"):
            logger.info("short links are not resolved (--resolve-short-links)")
            raise NotConfigured  # off by default: no message, so that Scrapy does not warn of it
        return cls(crawler, load_rules(tuple(s.getlist("SPLOG_RULES_DIRS"))), s.getint("SPLOG_RESOLVE_MAX"))

    async def _head(self, url: str) -> str | None:
        """The Location of a redirect answer, else None (errors, non-redirects, budget spent)."""
        if self.budget <= 0:
            self.crawler.stats.inc_value("splog/resolve/over_budget")
            return None
        self.budget -= 1
        request = Request(url, method="HEAD", dont_filter=True,
                          meta={"dont_redirect": True, "handle_httpstatus_all": True, "kind": "resolve"})
        try:
            response = await self.crawler.engine.download_async(request)
        except Exception as exc:  # network errors of a best-effort lookup are counted, never fatal
            self.crawler.stats.inc_value(f"splog/resolve/failed/{type(exc).__name__}")
            return None
        location = response.headers.get(b"Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            return urljoin(url, location.decode("latin-1"))
        return None

    async def resolve(self, url: str) -> str | None:
        if url in self.cache:
            return self.cache[url]
        current, final = url, None
        for _ in range(MAX_HOPS):
            nxt = await self._head(current)
            if nxt is None:
                break
            final = nxt
            if not self.rules.is_short_link(nxt):
                break
            current = nxt
        self.cache[url] = final if final and not self.rules.is_short_link(final) else None
        self.crawler.stats.inc_value("splog/resolve/" + ("resolved" if self.cache[url] else "unresolved"))
        return self.cache[url]

    async def process_item(self, item: Any) -> Any:
        """Takes the validated item (adapters.Checked) and updates its record's source.url."""
        record: ArticleRecord = item.record
        source = record.source
        if source.url and not self.rules.is_short_link(source.url):
            return item
        candidates = ([source.url] if source.url else []) + [u for u in source.links if self.rules.is_short_link(u)]
        for link in candidates[:3]:
            target = await self.resolve(link)
            if target:
                item.record = record.model_copy(update={"source": source.model_copy(update={"url": target})})
                return item
        return item
