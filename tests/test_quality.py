"""Cleaning quality on the labelled corpus (tests/corpus): the issue's targets, asserted."""

from __future__ import annotations

import json
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


def test_a_corpus_labelled_by_hand_needs_only_the_page_and_its_text(tmp_path) -> None:
    """No url.txt, no title, publisher, family or kind in truth.json; a Windows-1252 page."""
    page = tmp_path / "corpus" / "kiosk"
    page.mkdir(parents=True)
    body = "Le kiosque du port rouvre après trois mois de travaux, a annoncé la mairie mardi."
    (page / "input.html").write_bytes(
        f"<html><head><meta charset='windows-1252'><title>Kiosque</title></head><body><article><p>{body}</p>"
        f"<p>Let's block ads! (Why?)</p></article></body></html>".encode("cp1252"))
    (page / "truth.json").write_text('{"text": "%s", "residue": ["block ads"]}' % body, encoding="utf-8")
    run = run_splog("eval", str(tmp_path / "corpus"), "--json")
    assert run.code == 0, run.stderr[-2000:]
    assert "unlabelled" in run.stdout and "title      -" in run.stdout
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["pages"] == 1 and figures["f1"] == 1.0 and figures["leakage"] == 0.0


@pytest.mark.parametrize(("truth", "says"), [
    ('{"title": "Kiosque"}', 'needs an object with the article\'s "text"'),
    ('{"text": "x", "kind": "news"}', '"kind" must be one of splog, control, trap'),
    ("{text", "truth.json: Expecting property name"),
])
def test_a_corpus_page_that_cannot_be_read_is_a_one_line_error(tmp_path, truth: str, says: str) -> None:
    page = tmp_path / "corpus" / "kiosk"
    page.mkdir(parents=True)
    (page / "input.html").write_text("<html><body><p>Le kiosque rouvre.</p></body></html>")
    (page / "truth.json").write_text(truth)
    run = run_splog("eval", str(tmp_path / "corpus"))
    assert run.code == 2 and run.stderr.startswith("splog: error: bad corpus page: ") and says in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_yoast_footer_with_a_dotted_site_name_is_cut() -> None:
    from pipelines.cleaning import Context, cut_text
    from pipelines.rules import load_rules

    out = cut_text("Body line here.\nThe post Rates hold appeared first on Bloomberg.com.", load_rules(), Context())
    assert out.text == "Body line here." and out.harvest.publishers == ["Bloomberg.com"]
