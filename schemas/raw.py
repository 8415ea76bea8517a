"""RawPost: what the spider hands to the pipelines (one post, or one failed fetch)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class BlogInfo:
    """What discovery learned about the blog a post belongs to."""

    url: str
    host: str
    platform: str = "generic"
    name: str | None = None
    ui_language: str | None = None
    # the operator ids its home page holds, (kind, id) (pipelines/operator_ids.py); None: the crawl
    # did not read its home page (saved pages, a post given as the seed), so each post's page is read
    ids: tuple[tuple[str, str], ...] | None = None


@dataclass(slots=True)
class RawPost:
    """A post as fetched: its HTML (page or feed body) and what the feed said about it.

    ``error`` is set instead of ``html`` when the fetch failed; the extract stage turns it
    into a reject, so every fetched page ends as a record or a reject.
    """

    url: str
    blog: BlogInfo
    via: str  # page | blogger-feed | wp-json | rss | atom | json-feed | warc | file
    html: str = ""
    is_fragment: bool = False  # html is a post body (from a feed), not a whole page
    status: int | None = None
    fetched_at: str = ""  # ISO 8601 UTC
    source: str | None = None  # feed URL, file path or WARC record pointer
    feed: dict[str, Any] = field(default_factory=dict)  # title, published, updated, author, labels, ...
    error: str | None = None  # reject reason code when the fetch failed
    error_detail: str = ""
    # a post split over several pages: the HTML of its pages 2, 3… (html is page 1's), joined by the
    # worker; `pages_missing`: how many of them could not be fetched
    more_pages: list[str] = field(default_factory=list)
    pages_missing: int = 0
