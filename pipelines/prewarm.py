"""Imported first by the extraction forkserver, before the extraction stack: `re`'s cache gets the
patterns the forkserver's imports compiled last time (pipelines/patterncache.py, `warm_re`), and
pipelines/preload.py keeps the ones it lacks once the stack is loaded."""

from __future__ import annotations

from pipelines.patterncache import warm_re

ROLE = "extract"

warm_re(ROLE)
