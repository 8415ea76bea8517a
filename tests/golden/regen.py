"""Rewrite tests/golden/<case>/expected.json from the current pipeline; review the diff before committing.

    python -m tests.golden.regen [CASE ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipelines.chain import finish_post
from pipelines.extraction import ExtractOptions
from pipelines.linking import CopyIndex
from pipelines.workers import run_extract
from schemas.article import ArticleRecord
from schemas.raw import BlogInfo, RawPost

GOLDEN = Path(__file__).parent
# Fields compared by the golden test: everything but the per-run ones (job id, fetch time, file path).
FIELDS = ("url", "canonical_url", "title", "raw_title", "text", "language", "published_at", "updated_at",
          "author", "labels", "blog", "source", "removed", "fingerprint")


def cases() -> list[Path]:
    return sorted(p for p in GOLDEN.iterdir() if (p / "input.html").is_file())


def run_case(case: Path) -> dict:
    """The record the pipeline makes of a case's page, restricted to FIELDS."""
    url = (case / "url.txt").read_text(encoding="utf-8").strip()
    host = url.split("/")[2]
    raw = RawPost(url=url, blog=BlogInfo(url=f"{url.split('/')[0]}//{host}/", host=host), via="file",
                  html=(case / "input.html").read_text(encoding="utf-8"),
                  fetched_at="2026-01-01T00:00:00+00:00", source="input.html")
    out = finish_post(raw, run_extract(raw, ExtractOptions()), "golden", CopyIndex())
    if not isinstance(out, ArticleRecord):
        return {"reject": out.reason}
    data = json.loads(out.model_dump_json())
    return {k: data[k] for k in FIELDS}


def main(names: list[str]) -> int:
    for case in cases():
        if names and case.name not in names:
            continue
        (case / "expected.json").write_text(json.dumps(run_case(case), indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
        print("wrote", case / "expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
