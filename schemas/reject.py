"""RejectRecord: one line of the rejects JSONL, for every post or page that did not become a record."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class FieldError(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str = Field(description="pydantic error type, e.g. 'missing'.")
    loc: str = Field(description="Dotted path of the failing field.")
    msg: str = Field(description="Human-readable message.")


class RejectRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    url: str = Field(description="URL of the post or page.")
    stage: str = Field(description="Stage that rejected it: fetch, extract, clean, validate, export.")
    reason: str = Field(description="Stable reason code (see README, 'Reject reasons').")
    detail: str = Field(default="", description="Free text: status code, exception message, ...")
    job_id: str = Field(description="Id of the run.")
    at: AwareDatetime = Field(description="When the reject was written (UTC).")
    input: str | None = Field(default=None, description="Pointer to the input: file path, WARC record, feed URL.")
    errors: list[FieldError] = Field(default_factory=list, description="Validation errors, when stage=validate.")
