"""Worker processes for extraction: trafilatura and lxml are CPU-bound and not thread-safe."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from pipelines.draft import Draft, process
from pipelines.extraction import ExtractError, ExtractOptions, extract_post
from pipelines.rules import load_rules
from schemas.raw import RawPost

_OPTIONS: ExtractOptions | None = None


class _PageTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _PageTimeout()


def _init_worker(options: ExtractOptions) -> None:
    global _OPTIONS
    _OPTIONS = options
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and shuts us down
    signal.signal(signal.SIGALRM, _on_alarm)
    load_rules(options.rules_dirs)  # compile once per process


def _warm() -> int:
    """Imports and models loaded in a worker before the first page arrives."""
    from pipelines.normalize import detect_language

    detect_language("warming up the language model of this worker process")
    return os.getpid()


def run_extract(raw: RawPost, options: ExtractOptions | None = None) -> Draft | ExtractError:
    """Extract, clean and normalize one post under a wall-clock limit (the CPU-bound stages, so they
    run on every core); failures come back as values, never raised."""
    opts = options or _OPTIONS or ExtractOptions()
    rules = load_rules(opts.rules_dirs)
    use_alarm = os.name == "posix" and multiprocessing.current_process().name != "MainProcess"
    if use_alarm:
        signal.setitimer(signal.ITIMER_REAL, opts.timeout)
    try:
        draft = process(raw, extract_post(raw, rules, opts), rules)
        if not draft.text:
            return ExtractError("empty_after_clean", f"{len(draft.removed)} pieces cut")
        return draft
    except ExtractError as exc:
        return exc
    except _PageTimeout:
        return ExtractError("extract_timeout", f"over {opts.timeout:g}s")
    except RecursionError:
        return ExtractError("unparsable_html", "nesting too deep")
    except Exception as exc:  # last resort at the process boundary: one bad page must not kill the run
        return ExtractError("extract_failed", f"{type(exc).__name__}: {exc}"[:300])
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)


class ExtractorPool:
    """A process pool sized to the cores; rebuilt if a worker dies (segfault, OOM kill)."""

    def __init__(self, options: ExtractOptions, processes: int | None = None) -> None:
        self.options = options
        self.processes = processes or os.cpu_count() or 1
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: workers fork from a clean server process that imported the extraction stack once
        # (never from this process, which runs a reactor and threads); spawn where it is missing.
        if "forkserver" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["pipelines.workers", "trafilatura", "py3langid.langid"])
        else:
            ctx = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.processes, mp_context=ctx, initializer=_init_worker,
                                   initargs=(self.options,))

    def warm(self) -> None:
        """Start every worker now (spawn + imports take a second or two), while the crawl fetches."""
        for _ in range(self.processes):
            self._pool.submit(_warm)

    def submit(self, raw: RawPost) -> Future:
        try:
            return self._pool.submit(run_extract, raw)
        except BrokenProcessPool:
            self._pool = self._new_pool()
            return self._pool.submit(run_extract, raw)

    async def extract(self, raw: RawPost) -> Draft | ExtractError:
        """Await one extraction; a dead worker or a hang past twice the limit becomes a reject."""
        try:
            return await asyncio.wait_for(asyncio.wrap_future(self.submit(raw)), self.options.timeout * 2 + 5)
        except BrokenProcessPool:
            self._pool = self._new_pool()
            return ExtractError("extract_crashed", "worker process died")
        except asyncio.TimeoutError:
            return ExtractError("extract_timeout", "worker did not answer")

    def map(self, raws, chunksize: int = 8):
        """Offline use: extraction results in input order."""
        return self._pool.map(run_extract, raws, chunksize=chunksize)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
