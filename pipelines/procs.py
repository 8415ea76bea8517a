"""How extraction processes are started; importable without the extraction stack, so that a crawl
can start the forkserver before it imports anything heavy itself."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
from multiprocessing.context import BaseContext

# what the forkserver imports once, before it forks any worker (prewarm first: re's cache)
PRELOAD = ["pipelines.prewarm", "pipelines.workers", "pipelines.preload"]


def context() -> BaseContext:
    """forkserver: workers fork from a clean server process that imported the extraction stack once
    (never from the crawling process, which runs a reactor and threads); spawn where it is missing."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def start_forkserver() -> None:
    """Start the forkserver now: it imports the extraction stack and loads the language model
    (a second or more) while the caller goes on importing and setting up Scrapy."""
    if context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def stop_forkserver() -> None:
    """End the forkserver at once and remove its socket's folder, for a process about to exit
    without the interpreter's teardown. Left alone, the forkserver notices the exit, then tears
    down its imports (~0.15 s) while holding this process's stdout and stderr open, so a caller
    reading them waits. Its workers must be gone already."""
    from multiprocessing import forkserver

    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)  # CPython 3.8+
    if pid:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    # the folder holding the forkserver's socket (/tmp/pymp-*): the interpreter's teardown removes
    # it, so a process leaving without that teardown removes it here or leaves one a run behind
    tempdir = multiprocessing.process.current_process()._config.get("tempdir")  # CPython 3.3+
    if tempdir:
        shutil.rmtree(tempdir, ignore_errors=True)
