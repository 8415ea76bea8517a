"""Cleaning quality on the labelled corpus (tests/corpus): the issue's targets, asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.quality import evaluate, summary
from tests.conftest import run_splog

CORPUS = Path(__file__).parent / "corpus" / "pages"


@pytest.fixture(scope="module")
def figures() -> dict:
    return summary(evaluate(CORPUS))


def test_corpus_is_big_enough(figures) -> None:
    assert figures["pages"] >= 80


def test_no_leakage_and_no_overcut(figures) -> None:
    assert figures["leakage"] == 0.0
    assert figures["overcut"] == 0.0


def test_body_title_publisher_targets(figures) -> None:
    assert figures["f1"] >= 0.97
    assert figures["title_exact"] >= 0.95
    assert figures["publisher_accuracy"] >= 0.95


def test_never_below_plain_trafilatura(figures) -> None:
    assert figures["f1"] >= figures["baseline_f1"]


def test_eval_command_prints_families_and_trafilatura() -> None:
    run = run_splog("eval", str(CORPUS))
    assert run.code == 0, run.stderr[-2000:]
    assert "overall" in run.stdout and "trafilatura" in run.stdout and "blogger-id" in run.stdout


def test_yoast_footer_with_a_dotted_site_name_is_cut() -> None:
    from pipelines.cleaning import Context, cut_text
    from pipelines.rules import load_rules

    out = cut_text("Body line here.\nThe post Rates hold appeared first on Bloomberg.com.", load_rules(), Context())
    assert out.text == "Body line here." and out.harvest.publishers == ["Bloomberg.com"]
