"""The data contracts: raw posts in, article records and rejects out."""

from __future__ import annotations

from schemas.article import SCHEMA_VERSION, ArticleRecord
from schemas.raw import BlogInfo, RawPost
from schemas.reject import FieldError, RejectRecord

__all__ = ["SCHEMA_VERSION", "ArticleRecord", "BlogInfo", "FieldError", "RawPost", "RejectRecord"]
