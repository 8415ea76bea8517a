"""Write (or --check) the committed JSON Schema files under schemas/json/."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from schemas.article import ArticleRecord
from schemas.reject import RejectRecord

OUT_DIR = Path(__file__).with_name("json")
MODELS = {"article.schema.json": ArticleRecord, "reject.schema.json": RejectRecord}


def render(model: type) -> str:
    """The serialization-mode schema: what consumers of the JSONL read."""
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if a committed file differs")
    args = parser.parse_args(argv)
    stale = []
    for name, model in MODELS.items():
        path = OUT_DIR / name
        text = render(model)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"schema out of date: {', '.join(stale)} (run: python -m schemas.generate)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
