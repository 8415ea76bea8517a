"""Imported once by the extraction forkserver, before it forks any worker: the extraction stack
and the language model (py3langid loads it on first use, ~0.5 s of CPU) are then shared by every
worker, including the fresh ones that replace a recycled pool, instead of loaded by each."""

from __future__ import annotations

import trafilatura  # noqa: F401  (imported for its side effect: the module is loaded once)

from pipelines.linking import prepare
from pipelines.normalize import detect_language

detect_language("The harbour board approved the dredging plan for the northern quay on Monday.")
prepare("The harbour board approved the dredging plan for the northern quay on Monday.")
