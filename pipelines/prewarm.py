"""Imported first by the extraction forkserver, before the extraction stack: `re`'s cache gets the
patterns the forkserver's imports compiled last time (pipelines/patterncache.py, `warm_re`), and
pipelines/preload.py keeps the ones it lacks once the stack is loaded. The cyclic garbage collector
is off meanwhile: ~150 collections over objects that all live on (~50 ms of the forkserver's start-up)
would free nothing; preload.py freezes them (the workers' collections then pass them by) and turns the
collector on again, before any worker is forked."""

from __future__ import annotations

import gc

gc.disable()

from pipelines.patterncache import warm_re  # noqa: E402 - (its imports with the collector off too)

ROLE = "extract"

warm_re(ROLE)
