"""Validate stage: Draft -> ArticleRecord, or a reject carrying pydantic's error types."""

from __future__ import annotations

from pydantic import ValidationError

from pipelines.draft import Draft
from pipelines.fingerprint import sha256_hex, simhash64
from pipelines.normalize import canonical_url, record_id, to_utc
from schemas.article import ArticleRecord
from schemas.reject import FieldError


class InvalidRecord(Exception):
    """The draft does not satisfy the record contract."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.loc}: {e.type}" for e in errors))
        self.errors = errors


class SeenIds:
    """The record ids written this run. A post that comes twice is one record: two saved copies of one
    page, or two URLs of a site whose pages name the same canonical URL (a sitemap that lists a post
    under its short and its pretty link). The second is a `duplicate_post` reject."""

    __slots__ = ("_ids",)

    def __init__(self) -> None:
        self._ids: set[int] = set()  # (as ints: ~half the memory of the hex strings)

    def first(self, record_id: str) -> bool:
        """Whether this id is new to the run (it is then taken)."""
        key = int(record_id, 16)
        if key in self._ids:
            return False
        self._ids.add(key)
        return True


def duplicate_detail(record: ArticleRecord) -> str:
    return f"the same post as an earlier record (id {record.id}, {record.canonical_url or record.url})"


def _blog_url(draft: Draft) -> str:
    return draft.blog.url or canonical_url(draft.url).split("/", 3)[0] + "//" + draft.blog.host + "/"


def build_record(draft: Draft, job_id: str) -> ArticleRecord:
    """The validated record (duplicate: its own cluster until the link stage says otherwise)."""
    rid = record_id(draft.canonical_url or draft.url)
    data = {
        "id": rid, "url": draft.url, "canonical_url": draft.canonical_url, "title": draft.title,
        "raw_title": draft.raw_title, "text": draft.text, "language": draft.language,
        "published_at": draft.published_at, "updated_at": draft.updated_at, "author": draft.author,
        "labels": draft.labels,
        "blog": {"host": draft.blog.host, "url": _blog_url(draft), "name": draft.blog.name,
                 "platform": draft.blog.platform, "ui_language": draft.blog.ui_language},
        "source": {"publisher": draft.publisher, "url": draft.source_url, "author": draft.source_author,
                   "feed_title": draft.feed_title,
                   "autoposted_at": draft.autoposted_at, "links": draft.links, "chain": draft.chain,
                   "excerpt": draft.excerpt},
        "removed": [{"rule": rule, "text": text} for rule, text in draft.removed],
        "operator_ids": draft.operator_ids,
        "outlinks": draft.outlinks,
        "fingerprint": {"sha256": draft.sha256 or sha256_hex(draft.text),
                        "simhash": draft.simhash or simhash64(draft.text)},
        "duplicate": {"cluster_id": rid, "kind": "first", "of": None, "similarity": 1.0},
        "crawl": {"job_id": job_id, "fetched_at": to_utc(draft.fetched_at), "status": draft.status,
                  "via": draft.via, "source": draft.source, "change": draft.feed.get("change", "new"),
                  "pages": draft.pages, "pages_missing": draft.pages_missing},
    }
    try:
        return ArticleRecord.model_validate(data)
    except ValidationError as exc:
        raise InvalidRecord([FieldError(type=e["type"], loc=".".join(str(p) for p in e["loc"]),
                                        msg=e["msg"]) for e in exc.errors()]) from None
