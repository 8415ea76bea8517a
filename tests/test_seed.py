"""The founding example: a Blogger page rebuilt at test time from ../shared/seeds/000_* (never copied here)."""

from __future__ import annotations

import html

import pytest

from tests.conftest import SEEDS_DIR, run_splog

SEED = next(iter(sorted(SEEDS_DIR.glob("000_*.txt"))), None) if SEEDS_DIR.is_dir() else None
needs_seed = pytest.mark.skipif(SEED is None, reason="../shared/seeds is not beside this checkout")


def _rebuild(lines: list[str]) -> tuple[str, list[str], str]:
    """A classic Blogger item page: article + FiveFilters footer + IFTTT tail in the body, chrome around."""
    title = lines[2]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Alexander Lukashenko has arrived"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("SOURCE:"))
    paragraphs = [ln for ln in lines[start:end + 1] if ln.strip()]
    tail = lines[end + 1:]
    ifttt = [ln for ln in tail if ln.strip() and "block ads" not in ln and ln.strip() not in (
        "Bagikan Berita Ini", "Post a Comment") and not ln.startswith(("0 Response", "Powered by"))]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    body += ('<p><strong><a href="https://blockads.fivefilters.org">Let\'s block ads!</a></strong> '
             '<a href="https://blockads.fivefilters.org/acceptable.html">(Why?)</a></p><br />')
    body += "<br />".join(f'<a href="{html.escape(x)}">{html.escape(x)}</a>' if x.startswith("https://ift.tt")
                          else html.escape(x) for x in ifttt)
    page = (f"<html><head><meta content='blogger' name='generator'/><title>{html.escape(title)}</title>"
            "<script>window.___gcfg = {'lang': 'in'};</script></head><body>"
            f"<div class='header'><h1>{html.escape(lines[4])}</h1></div><div>Search</div>"
            "<div class='post hentry'><h3 class='post-title entry-title'>" + html.escape(title) + "</h3>"
            f"<div class='post-body entry-content'>{body}</div></div>"
            "<div class='share'>Bagikan Berita Ini</div><div class='comments'><h4>0 Response to &quot;"
            + html.escape(title) + "&quot;</h4><h4 id='comment-post-message'>Post a Comment</h4></div>"
            "<div class='widget Attribution'>Powered by Blogger.</div></body></html>")
    return page, paragraphs, title


@needs_seed
def test_seed_page_extracts_exactly_the_article(tmp_path) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    page, paragraphs, title = _rebuild(lines)
    path = tmp_path / "seed.html"
    path.write_text(page, encoding="utf-8")
    url = "https://ladokopintan.blogspot.com/2020/09/amid-protests-lukashenko-arrives-in.html"
    run = run_splog("extract", str(path), "--url", url, out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    [record] = run.records()
    assert record["text"].split("\n") == [" ".join(p.split()) for p in paragraphs]  # whitespace folded
    assert record["title"] == title.rsplit(" - ", 1)[0]
    assert record["source"]["publisher"] == "Al Jazeera English"
    assert record["source"]["feed_title"] == "World - Latest - Google News"
    assert record["source"]["links"] == ["https://ift.tt/2RpVTP6", "https://ift.tt/2SeTG7d"]
    assert record["source"]["chain"] == ["google-news", "fivefilters", "ifttt"]
    assert record["blog"]["platform"] == "blogger" and record["blog"]["ui_language"] == "id"
    assert record["crawl"]["source"] == str(path)
