"""Export stage: records JSONL, rejects JSONL and a run manifest whose counts reconcile."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from collections import Counter
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from schemas.article import SCHEMA_VERSION, ArticleRecord
from schemas.reject import RejectRecord


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("splog", "scrapy", "trafilatura", "pydantic", "lxml"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "unknown"
    return out


def file_summary(path: Path) -> dict[str, Any]:
    """Line count and SHA-256 of an output file, read in chunks."""
    digest, lines = hashlib.sha256(), 0
    if path.exists():
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
                lines += chunk.count(b"\n")
    return {"path": str(path), "lines": lines, "sha256": digest.hexdigest()}


def default_paths(out: str | None, job_id: str, data_dir: str = "data") -> tuple[Path, Path, Path]:
    """records, rejects and manifest paths: beside OUT when given, else under data/output/."""
    records = Path(out) if out else Path(data_dir) / "output" / f"{job_id}.jsonl"
    stem = records.name[: -len(".jsonl")] if records.name.endswith(".jsonl") else records.name
    return records, records.with_name(stem + ".rejects.jsonl"), records.with_name(stem + ".manifest.json")


class RunWriter:
    """Appends records and rejects, flushing every `flush_every` lines, and writes the manifest at close."""

    def __init__(self, records: Path, rejects: Path, manifest: Path, job_id: str,
                 arguments: dict[str, Any], flush_every: int = 100, append: bool = False) -> None:
        self.paths = {"records": records, "rejects": rejects, "manifest": manifest}
        for path in self.paths.values():
            path.parent.mkdir(parents=True, exist_ok=True)
        self.job_id = job_id
        self.arguments = arguments
        self.started_at = utc_now()
        self.flush_every = flush_every
        mode = "ab" if append else "wb"  # append only when resuming a job
        self._records = records.open(mode)
        self._rejects = rejects.open(mode)
        self._pending = 0
        self.records = 0
        self.reasons: Counter[str] = Counter()
        self.stages: Counter[str] = Counter()
        self.by_via: Counter[str] = Counter()
        self.by_kind: Counter[str] = Counter()

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Flush both files and fsync them: a line acknowledged here survives a crash."""
        for fh in (self._records, self._rejects):
            fh.flush()
            os.fsync(fh.fileno())
        self._pending = 0

    def write_record(self, record: ArticleRecord) -> None:
        self._records.write(record.model_dump_json().encode("utf-8") + b"\n")
        self.records += 1
        self.by_via[record.crawl.via] += 1
        self.by_kind[record.duplicate.kind] += 1
        self._tick()

    def write_reject(self, reject: RejectRecord) -> None:
        self._rejects.write(reject.model_dump_json().encode("utf-8") + b"\n")
        self.reasons[reject.reason] += 1
        self.stages[reject.stage] += 1
        self._tick()

    @property
    def rejects(self) -> int:
        return sum(self.reasons.values())

    def close(self, status: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Flush, close, and write the manifest (atomically: temp file + rename). Returns it."""
        self.flush()
        self._records.close()
        self._rejects.close()
        posts = self.records + self.rejects
        manifest: dict[str, Any] = {
            "job_id": self.job_id, "schema_version": SCHEMA_VERSION, "status": status,
            "command": sys.argv, "arguments": self.arguments, "versions": versions(),
            "started_at": self.started_at.isoformat(), "finished_at": utc_now().isoformat(),
            "counts": {"posts": posts, "records": self.records, "rejects": self.rejects,
                       "rejects_by_reason": dict(sorted(self.reasons.items())),
                       "rejects_by_stage": dict(sorted(self.stages.items())),
                       "records_by_via": dict(sorted(self.by_via.items())),
                       "records_by_duplicate_kind": dict(sorted(self.by_kind.items()))},
            "files": {name: file_summary(self.paths[name]) for name in ("records", "rejects")},
        }
        manifest.update(extra or {})
        files = manifest["files"]
        manifest["reconciles"] = (files["records"]["lines"] == self.records
                                  and files["rejects"]["lines"] == self.rejects
                                  and posts == self.records + self.rejects)
        tmp = self.paths["manifest"].with_suffix(".tmp")
        tmp.write_text(json.dumps(manifest, indent=2, sort_keys=False, default=str) + "\n", encoding="utf-8")
        tmp.replace(self.paths["manifest"])
        return manifest
