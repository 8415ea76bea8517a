"""`splog link`: re-link an existing records JSONL offline (our older output, or another tool's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipelines.chain import make_reject
from pipelines.export import RunWriter, default_paths
from pipelines.linking import CopyIndex, LinkStore
from pipelines.state import SQLiteState
from schemas.article import ArticleRecord
from schemas.reject import FieldError


BATCH = 2000


def _order(path: Path) -> list[tuple[str, int]]:
    """(sort key, byte offset) per line: earliest publication first, so it represents its cluster."""
    import json

    keys = []
    with path.open("rb") as fh:
        offset = 0
        for line in fh:
            if not line.strip():  # a blank line (one at the end, or between files joined) is no record
                offset += len(line)
                continue
            try:
                data = json.loads(line)
                when = data.get("published_at") or "9999"
                seen = (data.get("crawl") or {}).get("fetched_at") or ""
            except ValueError:
                when, seen = "9999", ""
            keys.append((f"{when}|{seen}|{offset:012d}", offset))
            offset += len(line)
    keys.sort()
    return keys


def relink(src: str, *, job_id: str, output: str | None, state_path: str | None,
           redis_url: str | None = None) -> dict[str, Any]:
    path = Path(src)
    records, rejects, manifest = default_paths(output, job_id)
    state = SQLiteState(state_path) if state_path else None
    if redis_url:
        from pipelines.redis_link import RedisLinkStore

        index = CopyIndex(RedisLinkStore(redis_url))
    else:
        index = CopyIndex(LinkStore(state.db) if state else None)
    writer = RunWriter(records, rejects, manifest, job_id, {"input": src, "output": output, "state": state_path},
                       on_flush=state.commit if state else None)
    batch: list[ArticleRecord] = []

    def flush() -> None:  # records are linked in batches (same result as one by one, much faster)
        for linked in index.link_many(batch):
            writer.write_record(linked)
        batch.clear()

    try:
        with path.open("rb") as fh:
            for _, offset in _order(path):
                fh.seek(offset)
                line = fh.readline()
                try:
                    record = ArticleRecord.model_validate_json(line)
                except ValidationError as exc:
                    errors = [FieldError(type=e["type"], loc=".".join(str(p) for p in e["loc"]), msg=e["msg"])
                              for e in exc.errors()[:20]]
                    writer.write_reject(make_reject(f"{src}#offset={offset}", "validate", "invalid_record", job_id,
                                                    str(exc.errors()[0]["msg"])[:200], src, errors))
                    continue
                batch.append(record)
                if len(batch) >= BATCH:
                    flush()
        flush()
    finally:
        result = writer.close("finished", {"input": src, "linked_index_size": len(index)})
        index.close()
        if state:
            state.close()
    return result
