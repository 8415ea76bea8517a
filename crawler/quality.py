"""`splog eval`: cleaning quality on a labelled corpus, per family and overall, beside plain trafilatura.

A corpus is a folder of pages, each a folder with input.html, url.txt and truth.json (text, title,
publisher, feed_title, chain, residue, family, kind) — see tests/corpus/build.py. Only input.html and
the truth's text are required (see read_page for the rest), so a corpus labelled by hand or by
another tool is read as well.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str, n: int = 4) -> Counter:
    t = tokens(text)
    return Counter(tuple(t[i:i + n]) for i in range(max(0, len(t) - n + 1))) if len(t) >= n else Counter([tuple(t)])


def prf(got: str, truth: str) -> tuple[float, float, float]:
    """Body precision, recall, F1 on 4-word shingles (multisets)."""
    a, b = shingles(got or ""), shingles(truth)
    inter = sum((a & b).values())
    p = inter / sum(a.values()) if a else 0.0
    r = inter / sum(b.values()) if b else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def lost_tokens(got: str, truth: str) -> int:
    """Article tokens missing from the output (count-aware): over-cut when > 0."""
    have = Counter(tokens(got or ""))
    need = Counter(tokens(truth))
    return sum((need - have).values())


@dataclass
class Tally:
    pages: int = 0
    f1: float = 0.0
    p: float = 0.0
    r: float = 0.0
    baseline_f1: float = 0.0
    leaked: int = 0
    splog: int = 0
    overcut: int = 0
    guarded: int = 0
    title_ok: int = 0
    titled: int = 0
    publisher_ok: int = 0
    named: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        n = max(self.pages, 1)
        title = f"{self.title_ok / self.titled:6.1%}" if self.titled else "     -"
        leak = f"{self.leaked / self.splog:6.1%}" if self.splog else "     -"
        over = f"{self.overcut / self.guarded:6.1%}" if self.guarded else "     -"
        pub = f"{self.publisher_ok / self.named:6.1%}" if self.named else "     -"
        return (f"{name:<20} {self.pages:>4}  leak {leak}  overcut {over}  P {self.p / n:.3f} R {self.r / n:.3f} "
                f"F1 {self.f1 / n:.3f} (trafilatura {self.baseline_f1 / n:.3f})  title {title}  "
                f"publisher {pub}")


class CorpusError(ValueError):
    """A page of the corpus that cannot be read: the message names the file and what is wrong."""


KINDS = ("splog", "control", "trap")


def read_page(page: Path) -> tuple[dict[str, Any], str, str]:
    """A page's truth, HTML and URL. truth.json needs `text`; `title` and `publisher` may be left out
    (the page then counts in neither rate), `residue` defaults to none, `kind` to "splog" when
    residue is given and "control" otherwise, `family` to "unlabelled". The URL is url.txt's, else the
    truth's `url`, else one made from the folder's name. input.html is decoded as a crawl decodes a page."""
    from crawler.offline import decode_html
    from crawler.params import is_http_url

    try:
        truth = json.loads((page / "truth.json").read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{page / 'truth.json'}: {exc}") from None
    if not isinstance(truth, dict) or not isinstance(truth.get("text"), str):
        raise CorpusError(f"{page / 'truth.json'}: needs an object with the article's \"text\"")
    residue = truth.get("residue") or []
    if not isinstance(residue, list) or not all(isinstance(r, str) for r in residue):
        raise CorpusError(f"{page / 'truth.json'}: \"residue\" must be a list of strings")
    truth = {"title": None, "publisher": None, "family": "unlabelled", **truth, "residue": residue}
    truth.setdefault("kind", "splog" if residue else "control")
    if truth["kind"] not in KINDS:
        raise CorpusError(f"{page / 'truth.json'}: \"kind\" must be one of {', '.join(KINDS)}, not {truth['kind']!r}")
    try:
        html = decode_html((page / "input.html").read_bytes())
    except OSError as exc:
        raise CorpusError(f"{page / 'input.html'}: {exc.strerror or exc}") from None
    url_file = page / "url.txt"
    given = url_file if url_file.is_file() else page / "truth.json"
    url = url_file.read_text(encoding="utf-8-sig").strip() if url_file.is_file() else str(truth.get("url") or "")
    if not url:
        url = f"https://eval.example/{page.name}/"
    if not is_http_url(url):
        raise CorpusError(f"{given}: not an http(s) URL: {url!r}")
    return truth, html, url


def evaluate(corpus: Path, extractor: str = "auto") -> dict[str, Any]:
    import trafilatura

    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.article import ArticleRecord
    from schemas.raw import BlogInfo, RawPost

    tallies: dict[str, Tally] = defaultdict(Tally)
    options = ExtractOptions(mode=extractor)
    for page in sorted(p for p in corpus.iterdir() if (p / "truth.json").is_file()):
        truth, html, url = read_page(page)
        host = url.split("/")[2]
        raw = RawPost(url=url, blog=BlogInfo(url=f"{url.split('/')[0]}//{host}/", host=host), via="file",
                      html=html, fetched_at="2026-01-01T00:00:00+00:00", source=str(page))
        out = finish_post(raw, run_extract(raw, options), "eval", CopyIndex())
        rec = out if isinstance(out, ArticleRecord) else None
        text = rec.text if rec else ""
        base = trafilatura.extract(html, url=url, include_comments=False, deduplicate=False) or ""
        p, r, f1 = prf(text, truth["text"])
        for key in (truth["family"], "overall"):
            t = tallies[key]
            t.pages += 1
            t.p, t.r, t.f1 = t.p + p, t.r + r, t.f1 + f1
            t.baseline_f1 += prf(base, truth["text"])[2]
            if truth["kind"] == "splog":
                t.splog += 1
                leak = [s for s in truth["residue"] if s.lower() in text.lower()]
                t.leaked += bool(leak)
                if leak and key == "overall":
                    t.failures.append(f"leak {page.name}: {leak}")
            else:
                t.guarded += 1
                lost = lost_tokens(text, truth["text"])
                t.overcut += lost > 0
                if lost and key == "overall":
                    t.failures.append(f"overcut {page.name}: {lost} tokens")
            if truth["title"] is not None:
                t.titled += 1
                t.title_ok += bool(rec) and rec.title == truth["title"]
            if truth["publisher"]:
                t.named += 1
                t.publisher_ok += bool(rec) and rec.source.publisher == truth["publisher"]
            if key == "overall" and rec and truth["title"] is not None and rec.title != truth["title"]:
                t.failures.append(f"title {page.name}: {rec.title!r}")
            if key == "overall" and truth["publisher"] and (not rec or rec.source.publisher != truth["publisher"]):
                t.failures.append(f"publisher {page.name}: {rec.source.publisher if rec else None!r}")
    return dict(tallies)


def report(tallies: dict[str, Tally]) -> str:
    lines = [t.line(name) for name, t in sorted(tallies.items()) if name != "overall"]
    lines.append(tallies["overall"].line("overall"))
    lines += ["  " + f for f in tallies["overall"].failures[:30]]
    return "\n".join(lines)


def summary(tallies: dict[str, Tally]) -> dict[str, float]:
    t = tallies["overall"]
    n = max(t.pages, 1)
    return {"pages": t.pages, "leakage": t.leaked / t.splog if t.splog else 0.0,
            "overcut": t.overcut / t.guarded if t.guarded else 0.0, "f1": t.f1 / n, "baseline_f1": t.baseline_f1 / n,
            "title_exact": t.title_ok / t.titled if t.titled else 1.0, "publisher_accuracy": t.publisher_ok / t.named if t.named else 1.0}
