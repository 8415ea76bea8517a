"""`splog link`: re-link an existing records JSONL offline (our older output, or another tool's)."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
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

# Where other tools keep a document's address and date: trafilatura's JSON (url or source, date),
# datatrove's documents (id, metadata.url, metadata.date), news-please (url, date_publish)
_URL_KEYS = ("url", "source", "link", "source_url", "canonical_url")
_DATE_KEYS = ("published_at", "date", "date_publish", "published", "pubdate")


@dataclass(slots=True)
class Foreign:
    """A line of another tool's output: a JSON object with a "text", kept as it is, to which the
    copy linking adds `fingerprint` and `duplicate`."""

    data: dict[str, Any]
    record: ArticleRecord  # (constructed: id, text, fingerprint; what the copy index reads)


def _field(data: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    for where in (data, meta):
        for key in keys:
            value = where.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def foreign(data: dict[str, Any]) -> Foreign | None:
    """Another tool's document (a JSON object of a line), or None when it has no non-empty "text". Its
    id is its own "id", else our id of its URL, else a hash of its text."""
    from pipelines.fingerprint import sha256_hex, simhash64
    from pipelines.normalize import clean_text, record_id
    from schemas.article import Fingerprint

    if not isinstance(data.get("text"), str) or not data["text"].strip():
        return None
    text = clean_text(data["text"])
    url = _field(data, _URL_KEYS)
    own = data.get("id")
    rid = str(own) if isinstance(own, (str, int)) and str(own) else (
        record_id(url) if url and url.startswith(("http://", "https://")) else sha256_hex(text)[:32])
    fingerprint = Fingerprint.model_construct(sha256=sha256_hex(text), simhash=simhash64(text))
    return Foreign(data, ArticleRecord.model_construct(id=rid, text=text, fingerprint=fingerprint))


def _order(path: Path) -> list[tuple[str, int]]:
    """(sort key, byte offset) per line: earliest publication first, so it represents its cluster."""
    keys = []
    with path.open("rb") as fh:
        offset = 0
        for line in fh:
            if not line.strip():  # a blank line (one at the end, or between files joined) is no record
                offset += len(line)
                continue
            try:
                data = json.loads(line)
            except ValueError:
                data = None
            if isinstance(data, dict):
                when = _field(data, _DATE_KEYS) or "9999"
                crawl = data.get("crawl")
                seen = (crawl.get("fetched_at") if isinstance(crawl, dict) else None) or ""
            else:
                when, seen = "9999", ""
            keys.append((f"{when}|{seen}|{offset:012d}", offset))
            offset += len(line)
    keys.sort()
    return keys


def _not_ours(line: bytes) -> dict[str, Any] | None:
    """The JSON object of a line that does not claim to be one of our records (no schema_version):
    another tool's, read as such; one of ours that fails validation stays an invalid_record reject."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) and "schema_version" not in data else None


def relink(src: str, *, job_id: str, output: str | None, state_path: str | None,
           redis_url: str | None = None) -> dict[str, Any]:
    if src != "-":
        return _relink(src, Path(src), job_id=job_id, output=output, state_path=state_path, redis_url=redis_url)
    # standard input (`splog crawl … -o - | splog link -`): kept in a temporary file, as the lines are
    # linked in order of publication, not of arrival
    with tempfile.NamedTemporaryFile(prefix="splog-link-", suffix=".jsonl") as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.flush()
        return _relink(src, Path(spool.name), job_id=job_id, output=output, state_path=state_path,
                       redis_url=redis_url)


def _relink(src: str, path: Path, *, job_id: str, output: str | None, state_path: str | None,
            redis_url: str | None) -> dict[str, Any]:
    records, rejects, manifest = default_paths(output, job_id)
    state = SQLiteState(state_path) if state_path else None
    if redis_url:
        from pipelines.redis_link import RedisLinkStore

        index = CopyIndex(RedisLinkStore(redis_url))
    else:
        index = CopyIndex(LinkStore(state.db) if state else None)
    writer = RunWriter(records, rejects, manifest, job_id, {"input": src, "output": output, "state": state_path},
                       on_flush=state.commit if state else None)
    batch: list[ArticleRecord | Foreign] = []

    def flush() -> None:  # records are linked in batches (same result as one by one, much faster)
        linked = index.link_many([item.record if isinstance(item, Foreign) else item for item in batch])
        for item, record in zip(batch, linked):
            if isinstance(item, Foreign):
                # (the id its duplicate.of names: its own, or the one given to it, added)
                writer.write_foreign({"id": record.id, **item.data, "fingerprint": record.fingerprint.model_dump(),
                                      "duplicate": record.duplicate.model_dump()}, record.duplicate.kind)
            else:
                writer.write_record(record)
        batch.clear()

    try:
        with path.open("rb") as fh:
            for _, offset in _order(path):
                fh.seek(offset)
                line = fh.readline()
                try:
                    record: ArticleRecord | Foreign | None = ArticleRecord.model_validate_json(line)
                except ValidationError as exc:
                    other = _not_ours(line)
                    record = foreign(other) if other is not None else None
                    if record is None:
                        errors = [FieldError(type=e["type"], loc=".".join(str(p) for p in e["loc"]), msg=e["msg"])
                                  for e in exc.errors()[:20]]
                        detail = ('no "text" to link (another tool\'s line needs one)' if other is not None
                                  else str(exc.errors()[0]["msg"])[:200])
                        writer.write_reject(make_reject(f"{src}#offset={offset}", "validate", "invalid_record", job_id,
                                                        detail, src, [] if other is not None else errors))
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
