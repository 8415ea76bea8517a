"""The main-process stages (validate, link) for callers that run without Scrapy (offline, benchmarks)."""

from __future__ import annotations

from pipelines.draft import Draft
from pipelines.export import utc_now
from pipelines.extraction import ExtractError
from pipelines.linking import CopyIndex
from pipelines.validation import InvalidRecord, SeenIds, build_record, duplicate_detail
from schemas.article import ArticleRecord
from schemas.raw import RawPost
from schemas.reject import FieldError, RejectRecord


def make_reject(url: str, stage: str, reason: str, job_id: str, detail: str = "",
                input_ref: str | None = None, errors: list[FieldError] | None = None) -> RejectRecord:
    return RejectRecord(url=url, stage=stage, reason=reason, detail=detail, job_id=job_id, at=utc_now(),
                        input=input_ref, errors=errors or [])


def finish_post(raw: RawPost, result: Draft | ExtractError, job_id: str,
                index: CopyIndex, seen: SeenIds | None = None) -> ArticleRecord | RejectRecord:
    """validate -> link for one post that the workers took through extract, clean and normalize
    (seen: the run's record ids, when posts may come twice)."""
    ref = raw.source
    if raw.error:
        return make_reject(raw.url, "fetch", raw.error, job_id, raw.error_detail, ref)
    if isinstance(result, ExtractError):
        stage = "clean" if result.reason == "empty_after_clean" else "extract"
        return make_reject(raw.url, stage, result.reason, job_id, result.detail, ref)
    draft = result
    try:
        record = build_record(draft, job_id)
    except InvalidRecord as exc:
        return make_reject(raw.url, "validate", "invalid_record", job_id, str(exc)[:300], ref, exc.errors)
    if seen is not None and not seen.first(record.id):
        return make_reject(raw.url, "validate", "duplicate_post", job_id, duplicate_detail(record), ref)
    return index.link(record, draft.linking)
