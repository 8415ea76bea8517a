"""The data contracts: raw posts in, article records and rejects out.

The names below are loaded on first use, so that a process needing only `schemas.raw` (the
extraction workers) does not import pydantic with the records' models (~0.07 s at start-up)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {"SCHEMA_VERSION": "schemas.article", "ArticleRecord": "schemas.article", "BlogInfo": "schemas.raw",
          "RawPost": "schemas.raw", "FieldError": "schemas.reject", "RejectRecord": "schemas.reject"}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'schemas' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
