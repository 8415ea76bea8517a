"""Golden fixtures pin extraction + cleaning + normalisation, field by field."""

from __future__ import annotations

import json

import pytest

from tests.golden.regen import FIELDS, cases, run_case

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    got = run_case(case)
    assert set(got) == set(expected)
    for field in FIELDS:
        assert got.get(field) == expected.get(field), field


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 10
