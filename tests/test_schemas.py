"""The committed JSON Schema is current, and the record model enforces the contract."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from schemas.article import ArticleRecord
from schemas.generate import MODELS, OUT_DIR, render
from tests.golden.regen import cases, run_case


@pytest.mark.parametrize("name", sorted(MODELS))
def test_committed_schema_matches_models(name: str) -> None:
    committed = (OUT_DIR / name).read_text(encoding="utf-8")
    assert committed == render(MODELS[name]), f"{name} drifted: run python -m schemas.generate"


def _record() -> dict:
    case = cases()[0]
    data = run_case(case)
    data.update({"schema_version": "1", "id": "0" * 32,
                 "duplicate": {"cluster_id": "c", "kind": "first", "of": None, "similarity": 1.0},
                 "crawl": {"job_id": "j", "fetched_at": "2026-01-01T00:00:00Z", "status": 200, "via": "page",
                           "source": None}})
    return data


def test_a_golden_record_validates() -> None:
    record = ArticleRecord.model_validate(_record())
    assert record.model_dump(mode="json")["published_at"].endswith("Z")


@pytest.mark.parametrize(("path", "value", "error_type"), [
    (("text",), "", "string_too_short"),
    (("text",), "   ", "value_error"),
    (("url",), "ftp://x/y", "string_pattern_mismatch"),
    (("blog", "platform"), "tumblr", "literal_error"),
    (("duplicate", "kind"), "twin", "literal_error"),
    (("surprise",), 1, "extra_forbidden"),
    (("published_at",), "2026-01-01T00:00:00", "timezone_aware"),
])
def test_contract_violations_are_rejected(path, value, error_type) -> None:
    data = _record()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError) as exc:
        ArticleRecord.model_validate(data)
    assert error_type in {e["type"] for e in exc.value.errors()}


def test_records_are_frozen() -> None:
    record = ArticleRecord.model_validate(_record())
    with pytest.raises(ValidationError):
        record.title = "changed"


def test_schema_command_prints_the_committed_schema(capsys) -> None:
    from crawler.cli import main

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads((OUT_DIR / "article.schema.json").read_text())
