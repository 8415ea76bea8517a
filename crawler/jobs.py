"""Per-crawl shared objects: the state store (opened once, shared by spider and pipelines) and the
job directory that lets a killed run resume."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.state import StateStore, open_state

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_MISSING = object()


def crawl_state(crawler: Crawler) -> StateStore | None:
    """The run's state store: the one the CLI opened (and locked), else opened from SPLOG_STATE."""
    state = getattr(crawler, "_splog_state", _MISSING)
    if state is _MISSING:
        from scrapy import signals

        state = open_state(crawler.settings.get("SPLOG_STATE"))
        crawler._splog_state = state  # type: ignore[attr-defined]
        if state is not None:  # opened here, so closed here: after every component is done with it
            crawler.signals.connect(state.close, signal=signals.engine_stopped)
    return state  # type: ignore[return-value]


def attach_state(crawler: Crawler, state: StateStore | None) -> None:
    crawler._splog_state = state  # type: ignore[attr-defined]


def load_job(job_dir: str) -> dict[str, Any] | None:
    """The job file of an earlier attempt of this job, if any (its presence means: resume)."""
    path = Path(job_dir) / "job.json"
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None


def save_job(job_dir: str, job: dict[str, Any]) -> None:
    folder = Path(job_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "job.json.tmp"
    tmp.write_text(json.dumps(job, indent=2), encoding="utf-8")
    tmp.replace(folder / "job.json")
