"""The one place stat keys of the crawl are built (splog/<area>/<name>[/<part>])."""

from __future__ import annotations

PREFIX = "splog"


def key(*parts: str) -> str:
    return "/".join((PREFIX, *parts))


REQUESTS_BY_SITE = key("requests_by_site")
RESPONSES_BY_STATUS = key("responses_by_status")
RATE_LIMITED = key("rate_limited")  # per site: answers that asked us to slow down (429, 503 + Retry-After)
CRAWL_DELAY = key("crawl_delay")  # per site: the Crawl-delay its robots.txt asks of us (seconds, capped)
PLATFORM_BY_SITE = key("platform_by_site")
OUTPUT_ERROR = key("output_error")  # an output file, the manifest included, could not be written
DISCOVERY = key("discovery")
EXTRACTED_BY = key("extracted_by")  # records by extraction method: feed, container, template, trafilatura, json-ld
TEMPLATES_KEPT = key("templates_kept")  # hosts read with a template kept from an earlier crawl
CLOSE_REASON = key("close_reason")  # why the engine closed the spider, kept as it starts closing
