"""Export stage: records JSONL, rejects JSONL and a run manifest whose counts reconcile."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import secrets
import stat
import sys
from collections import Counter
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterator

from pipelines.rules import site_host
from schemas.article import SCHEMA_VERSION, ArticleRecord
from schemas.reject import RejectRecord


def new_job_id() -> str:
    """UTC time + a random suffix: sortable, and unique enough for runs started the same second."""
    return utc_now().strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


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


# -o -: the records go to standard output (for a pipe), the rejects and manifest to data/output/
STDOUT = "-"


def is_stdout(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def default_paths(out: str | None, job_id: str, data_dir: str = "data") -> tuple[Path, Path, Path]:
    """records, rejects and manifest paths: beside OUT when given, else under data/output/ (with
    OUT "-", the records' path is "-" and the other two are there)."""
    if is_stdout(out):
        _, rejects, manifest = default_paths(None, job_id, data_dir)
        return Path(STDOUT), rejects, manifest
    records = Path(out) if out else Path(data_dir) / "output" / f"{job_id}.jsonl"
    stem = records.name[: -len(".jsonl")] if records.name.endswith(".jsonl") else records.name
    return records, records.with_name(stem + ".rejects.jsonl"), records.with_name(stem + ".manifest.json")


def repair_tail(path: Path) -> None:
    """Cut a torn last line (a write interrupted by a kill) so that appending starts on a fresh line."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        back = min(size, 1 << 20)
        while True:
            fh.seek(size - back)
            chunk = fh.read(back)
            if chunk.endswith(b"\n"):
                return
            cut = chunk.rfind(b"\n")
            if cut >= 0 or back == size:
                fh.truncate(size - back + cut + 1 if cut >= 0 else 0)
                return
            back = min(size, back * 2)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Complete, parseable lines of a JSONL file (a torn or corrupt line is skipped)."""
    if not path.exists():
        return
    with path.open("rb") as fh:
        for line in fh:
            if line.endswith(b"\n"):
                try:
                    yield json.loads(line)
                except ValueError:
                    continue


def done_urls(records: Path, rejects: Path) -> set[str]:
    """URLs that already have a record or a reject in this job's output (resume after a kill)."""
    return {d["url"] for path in (records, rejects) for d in read_jsonl(path) if "url" in d}


class OutputClosed(Exception):
    """The reader of the records (a pipe on standard output) went away: no more can be written."""


class OutputFailed(OSError):
    """An output file cannot be written (a full disk, a device that refuses): the run stops and fails.
    Its message names the file and the system's reason."""


class _CountedStream:
    """Standard output, or an output path that is not a regular file (a named pipe, a device), as the
    records or rejects file: what file_summary reads back from a file (lines, SHA-256) is counted as
    it is written, since a pipe cannot be read again (and reading a device back may never end)."""

    def __init__(self, raw: Any, path: str = STDOUT, owned: bool = False) -> None:
        self.raw = raw
        self.path = path
        self.owned = owned  # opened by us (closed at the end), not standard output
        self.digest = hashlib.sha256()
        self.lines = 0

    def write(self, data: bytes) -> None:
        self.raw.write(data)
        self.digest.update(data)
        self.lines += data.count(b"\n")

    def flush(self) -> None:
        self.raw.flush()

    def fileno(self) -> int:
        return self.raw.fileno()

    def close(self) -> None:
        """Flush; standard output itself stays open for the caller's last lines. Its reader may be
        gone: the manifest then says so (RunWriter.output_closed), the closing does not fail."""
        try:
            if self.owned:
                self.raw.close()
            else:
                self.raw.flush()
        except BrokenPipeError:
            pass

    def summary(self) -> dict[str, Any]:
        return {"path": self.path, "lines": self.lines, "sha256": self.digest.hexdigest()}


def _open_output(path: Path, mode: str) -> Any:
    """A regular file (or a new one) as it is; a named pipe or a device counted as it is written."""
    try:
        regular = not path.exists() or stat.S_ISREG(path.stat().st_mode)
    except OSError:
        regular = True
    return path.open(mode) if regular else _CountedStream(path.open("wb"), str(path), owned=True)


SHARED_BLOGS_LISTED = 100  # a shared operator id's blogs the manifest names (blog_count counts them all)


class LinkedHosts:
    """The hosts the run's outlinks point at, and the blogs that link each (the sites a link network's
    blogs are there to promote are linked from many of them). Kept as (host, blog) pairs of small ints,
    at most MAX_PAIRS (then `truncated`: later pairs are not counted)."""

    MAX_PAIRS = 2_000_000
    LISTED = 100  # hosts the manifest names
    BLOGS_LISTED = 20  # blogs it names for each

    def __init__(self) -> None:
        self.blogs: dict[str, int] = {}
        self.hosts: dict[str, set[int]] = {}
        self.records: Counter[str] = Counter()
        self.links = 0
        self.pairs = 0
        self.truncated = False

    def add(self, blog: str, urls: list[str]) -> None:
        index = self.blogs.setdefault(blog, len(self.blogs))
        for host in {site_host(u) for u in urls} - {""}:
            blogs = self.hosts.get(host)
            if blogs is None or index not in blogs:
                if self.pairs >= self.MAX_PAIRS:
                    self.truncated = True
                    continue
                self.hosts.setdefault(host, set()).add(index)
                self.pairs += 1
            self.records[host] += 1
        self.links += len(urls)

    def summary(self) -> dict[str, Any]:
        """How many links and hosts, and the hosts linked from two or more blogs (most blogs first)."""
        names = {i: url for url, i in self.blogs.items()}
        shared = sorted(((h, b) for h, b in self.hosts.items() if len(b) > 1),
                        key=lambda item: (-len(item[1]), -self.records[item[0]], item[0]))[:self.LISTED]
        return {"links": self.links, "hosts": len(self.records), "truncated": self.truncated,
                "shared_hosts": [{"host": h, "blog_count": len(b), "records": self.records[h],
                                  "blogs": sorted(names[i] for i in b)[:self.BLOGS_LISTED]} for h, b in shared]}


class RunWriter:
    """Appends records and rejects, flushing every `flush_every` lines, and writes the manifest at close.

    With append=True (resuming a killed job) a torn last line is cut first and the counts start from
    what the files already hold, so the final manifest describes the whole job.
    """

    def __init__(self, records: Path, rejects: Path, manifest: Path, job_id: str,
                 arguments: dict[str, Any], flush_every: int = 100, append: bool = False,
                 on_flush: Callable[[], None] | None = None) -> None:
        self.paths = {"records": records, "rejects": rejects, "manifest": manifest}
        for path in self.paths.values():
            if not is_stdout(path):
                path.parent.mkdir(parents=True, exist_ok=True)
        self.job_id = job_id
        self.arguments = arguments
        self.started_at = utc_now()
        self.flush_every = flush_every
        self.on_flush = on_flush
        self._pending = 0
        self.output_closed = False
        self.failed: str | None = None  # what could not be written, and why (then the run stops)
        self.records = 0
        self.unchanged = 0
        self.before_since = 0  # posts read, but published before --since: not a record, not a reject
        self.resumed = 0
        self.reasons: Counter[str] = Counter()
        self.stages: Counter[str] = Counter()
        self.by_via: Counter[str] = Counter()
        self.by_kind: Counter[str] = Counter()
        self.by_change: Counter[str] = Counter()
        self.excerpts = 0  # records whose text is only the opening of the original (source.excerpt)
        self.by_rule: Counter[str] = Counter()  # records that a rule cut something from (`removed`)
        self.operators: dict[tuple[str, str], set[str]] = {}  # (kind, id) -> the blogs whose records carry it
        self.linked = LinkedHosts()  # the hosts the records' outlinks point at, by the blogs that link them
        if append:
            for path in (records, rejects):
                repair_tail(path)
            self._count_existing(records, rejects)
        if append and is_stdout(records):
            raise ValueError("a job written to standard output cannot be resumed")
        mode = "ab" if append else "wb"  # append only when resuming a job
        self._records = _CountedStream(sys.stdout.buffer) if is_stdout(records) else _open_output(records, mode)
        self._rejects = _open_output(rejects, mode)

    def _failure(self, name: str, exc: OSError) -> OutputFailed:
        if self.failed is None:
            path = self.paths[name]
            self.failed = f"cannot write {name} to {path}: {exc.strerror or exc}"
        return OutputFailed(self.failed)

    def _count_existing(self, records: Path, rejects: Path) -> None:
        for d in read_jsonl(records):
            self.records += 1
            self.by_via[d["crawl"]["via"]] += 1
            self.by_kind[d["duplicate"]["kind"]] += 1
            self.by_change[d["crawl"].get("change", "new")] += 1
            self.excerpts += bool((d.get("source") or {}).get("excerpt"))
            self.by_rule.update({r["rule"] for r in d.get("removed") or ()})
            for o in d.get("operator_ids") or ():
                self.operators.setdefault((o["kind"], o["id"]), set()).add(d["blog"]["url"])
            self.linked.add(d["blog"]["url"], [o["url"] for o in d.get("outlinks") or ()])
        for d in read_jsonl(rejects):
            self.reasons[d["reason"]] += 1
            self.stages[d["stage"]] += 1
        self.resumed = self.records + sum(self.reasons.values())

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Flush both files and fsync them: a line acknowledged here survives a crash. Raises
        OutputFailed when one cannot be written (then nothing more is)."""
        if self.failed:
            raise OutputFailed(self.failed)
        for name, fh in (("records", self._records), ("rejects", self._rejects)):
            try:
                fh.flush()
            except BrokenPipeError as exc:  # the records' reader is gone (see write_record)
                if name != "records":
                    raise self._failure(name, exc) from None
                self.output_closed = True
                continue
            except OSError as exc:
                raise self._failure(name, exc) from None
            try:
                if stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # (not a pipe or a terminal)
                    os.fsync(fh.fileno())
            except OSError as exc:
                raise self._failure(name, exc) from None
        self._pending = 0
        if self.on_flush is not None:
            self.on_flush()  # e.g. commit the state rows of the records just made durable

    def _write(self, name: str, line: bytes) -> None:
        """One line to the records or rejects file. Raises OutputClosed once the records' pipe has no
        reader, OutputFailed once a file cannot be written (that line is not counted)."""
        if self.output_closed and name == "records":
            raise OutputClosed
        if self.failed:
            raise OutputFailed(self.failed)
        try:
            (self._records if name == "records" else self._rejects).write(line + b"\n")
        except BrokenPipeError as exc:
            if name != "records":
                raise self._failure(name, exc) from None
            self.output_closed = True
            raise OutputClosed from None
        except OSError as exc:
            raise self._failure(name, exc) from None

    def _counted(self, via: str, kind: str, change: str) -> None:
        self.records += 1
        self.by_via[via] += 1
        self.by_kind[kind] += 1
        self.by_change[change] += 1
        self._tick()

    def write_record(self, record: ArticleRecord) -> None:
        self._write("records", record.model_dump_json().encode("utf-8"))
        self._counted(record.crawl.via, record.duplicate.kind, record.crawl.change)
        self.excerpts += record.source.excerpt
        if record.removed:
            self.by_rule.update({r.rule for r in record.removed})
        for o in record.operator_ids:
            self.operators.setdefault((o.kind, o.id), set()).add(record.blog.url)
        if record.outlinks:
            self.linked.add(record.blog.url, [o.url for o in record.outlinks])

    def write_foreign(self, data: dict[str, Any], kind: str) -> None:
        """Another tool's document (`splog link` over its output), with our fingerprint and duplicate."""
        self._write("records", json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"))
        self._counted("foreign", kind, "new")

    def write_reject(self, reject: RejectRecord) -> None:
        self._write("rejects", reject.model_dump_json().encode("utf-8"))
        self.reasons[reject.reason] += 1
        self.stages[reject.stage] += 1
        self._tick()

    def operator_summary(self) -> dict[str, Any]:
        """The run's operator ids: how many, and those on the records of two or more blogs (the blogs
        one operator runs), the most blogs first, each with its blogs (the first SHARED_BLOGS_LISTED)."""
        shared = sorted(((key, blogs) for key, blogs in self.operators.items() if len(blogs) > 1),
                        key=lambda item: (-len(item[1]), item[0]))
        return {"ids": len(self.operators), "blogs_with_ids": len(set().union(*self.operators.values())),
                "shared": [{"kind": kind, "id": value, "blog_count": len(blogs),
                            "blogs": sorted(blogs)[:SHARED_BLOGS_LISTED]} for (kind, value), blogs in shared]}

    @property
    def rejects(self) -> int:
        return sum(self.reasons.values())

    def close(self, status: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Flush, close, and write the manifest (atomically: temp file + rename). Returns it. After a
        write failed, the manifest still says what was counted, the error (`output_error`) and that
        the files do not reconcile; a manifest that cannot be written raises OutputFailed."""
        try:
            self.flush()
        except OutputFailed:
            pass
        for fh in (self._records, self._rejects):
            try:
                fh.close()
            except OSError:  # (its buffer's last write failed again: already in self.failed)
                if self.failed is None:
                    raise
        posts = self.records + self.rejects + self.unchanged + self.before_since
        manifest: dict[str, Any] = {
            "job_id": self.job_id, "schema_version": SCHEMA_VERSION, "status": status,
            "command": sys.argv, "arguments": self.arguments, "versions": versions(),
            "started_at": self.started_at.isoformat(), "finished_at": utc_now().isoformat(),
            "counts": {"posts": posts, "records": self.records, "rejects": self.rejects,
                       "unchanged": self.unchanged, "before_since": self.before_since,
                       "resumed_from_earlier_attempts": self.resumed,
                       "records_by_change": dict(sorted(self.by_change.items())),
                       "rejects_by_reason": dict(sorted(self.reasons.items())),
                       "rejects_by_stage": dict(sorted(self.stages.items())),
                       "records_by_via": dict(sorted(self.by_via.items())),
                       "records_by_duplicate_kind": dict(sorted(self.by_kind.items())),
                       "records_excerpt": self.excerpts,
                       "records_by_removed_rule": dict(sorted(self.by_rule.items()))},
            "operator_ids": self.operator_summary(),
            "outlinks": self.linked.summary(),
            "files": {name: (fh.summary() if isinstance(fh, _CountedStream) else file_summary(self.paths[name]))
                      for name, fh in (("records", self._records), ("rejects", self._rejects))},
        }
        manifest.update(extra or {})
        manifest["manifest_path"] = str(self.paths["manifest"])
        files = manifest["files"]
        manifest["reconciles"] = (self.failed is None and files["records"]["lines"] == self.records
                                  and files["rejects"]["lines"] == self.rejects
                                  and posts == self.records + self.rejects + self.unchanged + self.before_since)
        if self.failed:
            manifest["output_error"] = self.failed
        tmp = self.paths["manifest"].with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(manifest, indent=2, sort_keys=False, default=str) + "\n", encoding="utf-8")
            tmp.replace(self.paths["manifest"])
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            first = f"; before that, {self.failed}" if self.failed else ""
            raise OutputFailed(f"cannot write the manifest to {self.paths['manifest']}: {exc.strerror or exc}{first}") from None
        return manifest
