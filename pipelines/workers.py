"""Worker processes for extraction: trafilatura and lxml are CPU-bound and not thread-safe."""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from pipelines.draft import Draft, process, signed
from pipelines.extraction import ExtractError, Extracted, ExtractOptions, extract_post, template_host
from pipelines.procs import context
from pipelines.rules import RuleSet, load_rules
from pipelines.templates import HostTemplate, SharedTemplates, load_kept, save_kept
from schemas.raw import RawPost

_OPTIONS: ExtractOptions | None = None
# The pool is replaced by a fresh one after this many posts per worker: libraries' caches and the
# allocator's high-water mark grow with the pages a process has seen (129 -> 174 MB per worker
# between 1,000 and 10,000 posts), and fresh forks of the preloaded forkserver cost a fraction of a
# second. (ProcessPoolExecutor's own max_tasks_per_child can deadlock with a backlog on Python 3.11:
# CPython issue 115634.)
TASKS_PER_WORKER = 2500
# Posts go to the workers in batches: one task per post costs the reactor's process ~0.25 ms of
# pickling, queueing and wake-ups (measured), a batch of 16 ~0.02 ms a post, and a batch's linking
# signatures are made in one vectorised pass. A post waits at most BATCH_WAIT for company.
BATCH_MAX = 16
BATCH_WAIT = 0.003
# How long a recycled pool's idle workers get to exit before they are killed.
RETIRE_WAIT = 5.0


class _PageTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _PageTimeout()


def _init_worker(options: ExtractOptions, themes: tuple[str, ...] = ()) -> None:
    """A worker's set-up; `themes`: the selectors of templates trusted before (kept from earlier
    crawls, or this crawl's, for a pool that replaces a recycled one), oldest first, which a new
    host's first page tries (Templates._adopt_theme)."""
    global _OPTIONS
    _OPTIONS = options
    if themes:
        from pipelines import extraction

        extraction.TEMPLATES.know_themes(themes)
    gc.enable()  # (off in the forkserver while it preloads: pipelines/prewarm.py)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and shuts us down
    signal.signal(signal.SIGALRM, _on_alarm)
    load_rules(options.rules_dirs)  # compile once per process


def _warm() -> int:
    """Imports and models loaded in a worker before the first page arrives."""
    from pipelines.normalize import detect_language

    detect_language("warming up the language model of this worker process")
    return os.getpid()


def run_extract_many(raws: list[RawPost]) -> list[Draft | ExtractError]:
    """run_extract over a batch, with the linking signatures made for the whole batch at once (one
    vectorised pass instead of one per post: ~0.1 instead of ~0.7 ms a post)."""
    out = [run_extract(raw, sign=False) for raw in raws]
    drafts = [(i, d) for i, d in enumerate(out) if isinstance(d, Draft)]
    try:
        for (i, _), draft in zip(drafts, signed([d for _, d in drafts])):
            out[i] = draft
    except Exception:  # noqa: BLE001 - one odd text must not cost the batch: sign them one by one
        for i, d in drafts:
            try:
                out[i] = signed([d])[0]
            except Exception as exc:  # noqa: BLE001
                out[i] = ExtractError("extract_failed", f"signatures: {type(exc).__name__}: {exc}"[:300])
    return out


def _hosts(raws: list[RawPost]) -> set[str]:
    """The keys of the batch's host templates."""
    return {template_host(raw.url) for raw in raws}


def run_shared(raws: list[RawPost], shared: dict[str, HostTemplate],
               revoked: dict[str, tuple[int, str | None]] | None = None
               ) -> tuple[list[Draft | ExtractError], dict[str, HostTemplate | None]]:
    """run_extract_many in a pool's worker: first take the templates other workers trust for the
    batch's hosts (`shared`, from the main process), and the templates their audits found wrong
    (`revoked`: Templates.revoke); then report the hosts whose template this batch made trusted or
    refused, or no longer trusted (for the main process to pass on)."""
    from pipelines import extraction

    templates = extraction.TEMPLATES
    for host, (serial, selector) in (revoked or {}).items():
        templates.revoke(host, serial, selector)
    for host, tmpl in shared.items():
        templates.take(host, tmpl)
    before = {host: templates.state(host) for host in _hosts(raws)}
    return run_extract_many(raws), templates.changes(before)


def _later_pages(raw: RawPost, rules: RuleSet, opts: ExtractOptions) -> list[tuple[RawPost, Extracted]]:
    """The later pages of a post split over several, each extracted as a page of it (one with no
    text of its own, a last page of comments, adds nothing)."""
    out = []
    for html in raw.more_pages:
        page = replace(raw, html=html, more_pages=[])
        try:
            out.append((page, extract_post(page, rules, opts)))
        except ExtractError:
            continue
    return out


def run_extract(raw: RawPost, options: ExtractOptions | None = None, sign: bool = True) -> Draft | ExtractError:
    """Extract, clean and normalize one post under a wall-clock limit (the CPU-bound stages, so they
    run on every core); failures come back as values, never raised. sign=False: no linking
    signatures (run_extract_many makes them for its batch)."""
    opts = options or _OPTIONS or ExtractOptions()
    rules = load_rules(opts.rules_dirs)
    use_alarm = os.name == "posix" and multiprocessing.current_process().name != "MainProcess"
    if use_alarm:  # (a post of several pages has the time of as many)
        signal.setitimer(signal.ITIMER_REAL, opts.timeout * (1 + len(raw.more_pages)))
    try:
        ex = extract_post(raw, rules, opts)
        draft = process(raw, ex, rules, sign, _later_pages(raw, rules, opts))
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


def _chunks(items, size: int):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def worker_count(processes: int | None) -> int:
    """How many workers a pool asked for `processes` has: that many, else one per core."""
    return processes or os.cpu_count() or 1


class ExtractorPool:
    """A process pool sized to the cores; rebuilt if a worker dies (segfault, OOM kill)."""

    def __init__(self, options: ExtractOptions, processes: int | None = None,
                 tasks_per_worker: int = TASKS_PER_WORKER) -> None:
        self.options = options
        self.processes = worker_count(processes)
        self.templates = SharedTemplates()  # what one worker learned, for the others (and fresh ones)
        if options.mode == "auto":
            self.templates.keep_from(load_kept())  # (and what earlier crawls learned: verified first)
        self._pool = self._new_pool()
        self._recycle_after = tasks_per_worker * self.processes
        self._submitted = 0
        self._in_flight: set[asyncio.Future] = set()
        self._recycling: asyncio.Lock | None = None
        self._waiting: list[tuple[RawPost, asyncio.Future]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._sending: set[asyncio.Task] = set()
        self._warming: threading.Event | None = None  # set once warm() has started every worker
        self.recycled = 0

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=context(), initializer=_init_worker,
                                   initargs=(self.options, self.templates.themes()))

    def warm(self) -> None:
        """Start every worker now, from a background thread: the forkserver imports the extraction
        stack (a second or two) and starting a worker waits for it, which must not hold up the
        reactor's first requests."""
        started = self._warming = threading.Event()

        def start() -> None:
            try:
                for _ in range(self.processes):
                    self._pool.submit(_warm)
            finally:
                started.set()

        threading.Thread(target=start, name="splog-pool-warm", daemon=True).start()

    def submit(self, raws: list[RawPost]) -> Future:
        """Send a batch to the workers, with the templates other workers trust for its hosts; the
        future's result is run_shared's (the caller hands the templates it reports to `learned`)."""
        hosts = _hosts(raws)
        shared = self.templates.for_hosts(hosts) if self.templates.hosts else {}
        revoked = self.templates.revocations_for(hosts) if self.templates.revoked else None
        try:
            return self._pool.submit(run_shared, raws, shared, revoked)
        except BrokenProcessPool:
            self._pool = self._new_pool()
            return self._pool.submit(run_shared, raws, shared, revoked)

    def learned(self, answer: tuple[list, dict]) -> list[Draft | ExtractError]:
        """A batch's results, its workers' template reports kept for the next batches."""
        results, changes = answer
        self.templates.update(changes)
        return results

    async def _recycle(self) -> None:
        """Let the running extractions finish, then swap in a fresh pool (new submissions wait)."""
        if self._recycling is None:
            self._recycling = asyncio.Lock()
        async with self._recycling:
            if self._submitted < self._recycle_after:
                return  # another caller recycled while this one waited
            if self._in_flight:  # bounded: a hung extraction times out on its own anyway
                await asyncio.wait(set(self._in_flight), timeout=self.options.timeout * BATCH_MAX + 5)
            await self._retire(self._pool)
            self._pool = self._new_pool()
            self._submitted = 0
            self.recycled += 1
            self.warm()

    @staticmethod
    async def _retire(pool: ProcessPoolExecutor) -> None:
        """Shut an idle pool down and wait for its processes to exit before new ones are forked, so a
        recycle never has more workers alive than the pool's size (for that moment their memory
        would add up: a third ~130 MB worker at the end of a 20,000-post crawl). Bounded: a worker
        still there after RETIRE_WAIT seconds is killed."""
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)

        def join() -> None:
            deadline = time.monotonic() + RETIRE_WAIT
            for proc in processes:
                proc.join(max(0.0, deadline - time.monotonic()))
                if proc.is_alive():
                    proc.kill()
                    proc.join(1.0)

        if processes:
            await asyncio.get_running_loop().run_in_executor(None, join)

    async def extract(self, raw: RawPost) -> Draft | ExtractError:
        """Await one extraction. Posts are sent to the workers in batches: those arriving within
        BATCH_WAIT of each other (a feed page's entries, pages fetched together), at most BATCH_MAX;
        a dead worker or a hang past the limits becomes a reject."""
        loop = asyncio.get_running_loop()
        result: asyncio.Future = loop.create_future()
        self._waiting.append((raw, result))
        if len(self._waiting) >= BATCH_MAX:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(BATCH_WAIT, self._flush)
        return await result

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._waiting = self._waiting, []
        if batch:
            task = asyncio.ensure_future(self._send(batch))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _send(self, batch: list[tuple[RawPost, asyncio.Future]]) -> None:
        """Run a batch (split at the recycling quota); every post's future gets a result, whatever
        happens. When a worker dies, the batch's posts are retried one by one, so only the post that
        kills a worker is rejected for it."""
        rest = batch
        try:
            while rest:
                if self._submitted >= self._recycle_after:
                    await self._recycle()
                part = rest[:max(1, self._recycle_after - self._submitted)]
                rest = rest[len(part):]
                self._submitted += len(part)
                results = await self._run([raw for raw, _ in part])
                for (_, future), res in zip(part, results):
                    if not future.done():
                        future.set_result(res)
        except Exception as exc:  # noqa: BLE001 - never leave a post waiting forever
            for _, future in batch:  # the whole batch: the part being run when it failed included
                if not future.done():
                    future.set_result(ExtractError("extract_failed", f"{type(exc).__name__}: {exc}"[:300]))
            raise

    async def _run(self, raws: list[RawPost]) -> list[Draft | ExtractError]:
        if self._warming is not None and not self._warming.is_set():
            # the warm-up thread is still starting workers, and holds the pool's lock while the
            # forkserver finishes its preload: a submit from the reactor's thread would stop every
            # fetch and parse until then (~50 ms measured), so this one is made from another thread
            submitted = await asyncio.get_running_loop().run_in_executor(None, self.submit, raws)
        else:
            submitted = self.submit(raws)
        future = asyncio.wrap_future(submitted)
        self._in_flight.add(future)
        future.add_done_callback(self._in_flight.discard)
        try:
            return self.learned(await asyncio.wait_for(future, self.options.timeout * (len(raws) + 1) + 5))
        except BrokenProcessPool:
            self._pool = self._new_pool()
            if len(raws) == 1:
                return [ExtractError("extract_crashed", "worker process died")]
            return [res for raw in raws for res in await self._run([raw])]
        except asyncio.TimeoutError:
            return [ExtractError("extract_timeout", "worker did not answer")] * len(raws)

    def map(self, raws, chunksize: int = BATCH_MAX):
        """Offline use: extraction results in input order."""
        for submitted in [self.submit(chunk) for chunk in _chunks(raws, chunksize)]:
            yield from self.learned(submitted.result())

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self.options.mode == "auto" and (self.templates.hosts or self.templates.revoked):
            save_kept(self.templates)  # for the next crawl of these hosts (less those it found wrong)


# A pool the crawl runner starts as soon as the settings are known, before Scrapy's own set-up (a
# tenth of a second or more): the workers are then ready by the time the first pages arrive.
_EARLY: ExtractorPool | None = None


def start_early_pool(options: ExtractOptions, processes: int | None) -> None:
    """Start the extraction workers now; the crawl's ExtractPipeline takes them (take_early_pool)."""
    global _EARLY
    close_early_pool()
    _EARLY = ExtractorPool(options, processes)
    _EARLY.warm()


def take_early_pool(options: ExtractOptions, processes: int | None) -> ExtractorPool | None:
    """The early pool when it was started with these options and this many workers (it is then the
    caller's to close); None otherwise (a pool started for other options is closed)."""
    global _EARLY
    pool, _EARLY = _EARLY, None
    if pool is not None and pool.options == options and pool.processes == worker_count(processes):
        return pool
    if pool is not None:
        pool.close()
    return None


def close_early_pool() -> None:
    """Close an early pool no pipeline took (a crawl that ended before its pipelines were built)."""
    global _EARLY
    pool, _EARLY = _EARLY, None
    if pool is not None:
        pool.close()
