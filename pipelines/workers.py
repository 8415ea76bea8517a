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
# The pool is replaced by a fresh one after this many posts per worker: libraries' caches and the
# allocator's high-water mark grow with the pages a process has seen (129 -> 174 MB per worker
# between 1,000 and 10,000 posts), and fresh forks of the preloaded forkserver cost a fraction of a
# second. (ProcessPoolExecutor's own max_tasks_per_child can deadlock with a backlog on Python 3.11:
# CPython issue 115634.)
TASKS_PER_WORKER = 2500


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


def _context() -> multiprocessing.context.BaseContext:
    """forkserver: workers fork from a clean server process that imported the extraction stack once
    (never from the crawling process, which runs a reactor and threads); spawn where it is missing."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["pipelines.workers", "pipelines.preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def start_forkserver() -> None:
    """Start the forkserver now: it imports the extraction stack (~1 s) while the caller goes on
    importing and setting up Scrapy, instead of after it."""
    if _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


class ExtractorPool:
    """A process pool sized to the cores; rebuilt if a worker dies (segfault, OOM kill)."""

    def __init__(self, options: ExtractOptions, processes: int | None = None,
                 tasks_per_worker: int = TASKS_PER_WORKER) -> None:
        self.options = options
        self.processes = processes or os.cpu_count() or 1
        self._pool = self._new_pool()
        self._recycle_after = tasks_per_worker * self.processes
        self._submitted = 0
        self._in_flight: set[asyncio.Future] = set()
        self._recycling: asyncio.Lock | None = None
        self.recycled = 0

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=_context(), initializer=_init_worker,
                                   initargs=(self.options,))

    def warm(self) -> None:
        """Start every worker now, from a background thread: the forkserver imports the extraction
        stack (a second or two) and starting a worker waits for it, which must not hold up the
        reactor's first requests."""
        import threading

        def start() -> None:
            for _ in range(self.processes):
                self._pool.submit(_warm)

        threading.Thread(target=start, name="splog-pool-warm", daemon=True).start()

    def submit(self, raw: RawPost) -> Future:
        try:
            return self._pool.submit(run_extract, raw)
        except BrokenProcessPool:
            self._pool = self._new_pool()
            return self._pool.submit(run_extract, raw)

    async def _recycle(self) -> None:
        """Let the running extractions finish, then swap in a fresh pool (new submissions wait)."""
        if self._recycling is None:
            self._recycling = asyncio.Lock()
        async with self._recycling:
            if self._submitted < self._recycle_after:
                return  # another caller recycled while this one waited
            if self._in_flight:  # bounded: a hung extraction times out on its own anyway
                await asyncio.wait(set(self._in_flight), timeout=self.options.timeout * 2 + 5)
            old, self._pool = self._pool, self._new_pool()
            old.shutdown(wait=False, cancel_futures=True)
            self._submitted = 0
            self.recycled += 1
            self.warm()

    async def extract(self, raw: RawPost) -> Draft | ExtractError:
        """Await one extraction; a dead worker or a hang past twice the limit becomes a reject."""
        if self._submitted >= self._recycle_after:
            await self._recycle()
        self._submitted += 1
        future = asyncio.wrap_future(self.submit(raw))
        self._in_flight.add(future)
        future.add_done_callback(self._in_flight.discard)
        try:
            return await asyncio.wait_for(future, self.options.timeout * 2 + 5)
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
