"""The extraction pool: worker processes are replaced after a number of posts (memory stays flat)."""

from __future__ import annotations

import asyncio

from pipelines.draft import Draft
from pipelines.extraction import ExtractOptions
from pipelines.workers import ExtractorPool
from schemas.raw import BlogInfo, RawPost
from tests.conftest import fresh_python

BODY = ("<p>The harbour board met on Monday to approve the dredging plan for the northern quay.</p>"
        "<p>Work is due to start in {n} weeks and will close two berths for a month.</p>")


def _extract_all(pool: ExtractorPool, raws: list[RawPost]) -> list:
    """Every post through pool.extract at once, as the crawl's pipeline sends them; the pool is closed."""
    async def run() -> list:
        return await asyncio.gather(*(pool.extract(raw) for raw in raws))

    try:
        return asyncio.run(run())
    finally:
        pool.close()


class _WatchedPool(ExtractorPool):
    """Counts, each time a fresh pool is made, the processes of the earlier pools still alive."""

    def __init__(self, *args, **kwargs) -> None:
        self.process_maps: list[dict] = []
        self.alive_at_swap: list[int] = []
        super().__init__(*args, **kwargs)

    def _new_pool(self):
        self.alive_at_swap.append(sum(proc.is_alive() for procs in self.process_maps for proc in procs.values()))
        pool = super()._new_pool()
        self.process_maps.append(pool._processes)  # filled as its workers start; kept after shutdown
        return pool


def test_pool_is_replaced_after_its_quota_and_every_post_comes_back() -> None:
    pool = _WatchedPool(ExtractOptions(), processes=1, tasks_per_worker=3)
    blog = BlogInfo(url="https://harbour.example/", host="harbour.example")
    raws = [RawPost(url=f"https://harbour.example/p/{n}", blog=blog, via="rss", html=BODY.format(n=n),
                    is_fragment=True) for n in range(10)]

    results = _extract_all(pool, raws)
    assert all(isinstance(r, Draft) for r in results), results
    assert [f"in {n} weeks" in r.text for n, r in enumerate(results)] == [True] * 10
    assert pool.recycled == 3  # after posts 3, 6 and 9
    # the old worker has exited before a new one is forked: never two workers' memory at once
    assert pool.alive_at_swap == [0, 0, 0, 0]
    assert all(len(procs) == 1 for procs in pool.process_maps)


def _dies_on_poison(raws: list[RawPost]) -> list:
    """Runs in the worker: a post whose URL says "poison" kills the process, like a segfault would."""
    import os

    from pipelines.workers import run_shared

    if any("poison" in raw.url for raw in raws):
        os._exit(1)
    return run_shared(raws, {})


class _PoisonablePool(ExtractorPool):
    def submit(self, raws: list[RawPost]):
        return self._pool.submit(_dies_on_poison, raws)


def test_posts_go_in_batches_and_a_worker_death_costs_only_the_post_that_caused_it() -> None:
    pool = _PoisonablePool(ExtractOptions(), processes=1)
    blog = BlogInfo(url="https://harbour.example/", host="harbour.example")
    raws = [RawPost(url=f"https://harbour.example/{'poison' if n == 3 else 'p'}/{n}", blog=blog, via="rss",
                    html=BODY.format(n=n), is_fragment=True) for n in range(6)]

    results = _extract_all(pool, raws)
    assert [type(r).__name__ for r in results] == ["Draft"] * 3 + ["ExtractError"] + ["Draft"] * 2
    assert results[3].reason == "extract_crashed"
    assert all(r.linking is not None and r.simhash for n, r in enumerate(results) if n != 3)


class _FailingPool(ExtractorPool):
    def submit(self, raws: list[RawPost]):
        raise RuntimeError("cannot reach the workers")


def test_a_batch_that_cannot_be_sent_comes_back_as_rejects() -> None:
    pool = _FailingPool(ExtractOptions(), processes=1)
    blog = BlogInfo(url="https://harbour.example/", host="harbour.example")
    raws = [RawPost(url=f"https://harbour.example/p/{n}", blog=blog, via="rss", html=BODY.format(n=n),
                    is_fragment=True) for n in range(3)]

    async def run() -> list:
        return await asyncio.wait_for(asyncio.gather(*(pool.extract(raw) for raw in raws)), 30)

    try:
        results = asyncio.run(run())  # every post answered: none waits for ever
    finally:
        pool.close()
    assert [(r.reason, "cannot reach the workers" in r.detail) for r in results] == [("extract_failed", True)] * 3


def _in_a_fresh_worker(fn, *args):
    """fn(*args), run in the only worker of a new pool before it has taken any page."""
    pool = ExtractorPool(ExtractOptions(), processes=1)
    try:
        return pool._pool.submit(fn, *args).result(timeout=60)
    finally:
        pool.close()


def _fallback_stoplist_ready() -> bool:
    """Runs in a fresh worker before any page: whether jusText's all-language stoplist (what
    trafilatura's fallback builds on first use, ~33 MB) is there already, inherited from the forkserver."""
    from justext.core import define_stoplist
    from trafilatura import external

    return external.JT_STOPLIST is not None and define_stoplist.cache_info().currsize >= 1


def test_workers_start_with_what_trafilaturas_fallback_builds_lazily() -> None:
    # built in a worker mid-crawl it was a ~32 MB step in that worker's memory (again after each recycle)
    assert _in_a_fresh_worker(_fallback_stoplist_ready) is True


def _gates_built() -> int:
    """Runs in a fresh worker before any page: how many joined rule gates it inherited."""
    from pipelines.htmltext import any_of

    return any_of.cache_info().currsize


def test_workers_start_with_the_gates_our_path_joins_from_the_rules_on_its_first_page() -> None:
    # (the outlink anchors' and the source blocks' patterns, each joined into one: ~10 ms of a
    # worker's first page otherwise, in every worker and again after each recycle)
    assert _in_a_fresh_worker(_gates_built) >= 2


def _one_rule_set() -> bool:
    """Runs in a fresh worker: whether every way our code asks for the built-in rules gets the set
    the forkserver compiled (each other one is compiled anew, ~0.25 s)."""
    from pipelines.rules import load_rules

    return load_rules() is load_rules(()) is load_rules(tuple())


def test_a_worker_compiles_the_built_in_rules_never_again() -> None:
    # (load_rules() and load_rules(()) were two entries of the cache: each worker compiled every
    # rule a second time, ~0.25 s, on its first page that read a date or an author)
    assert _in_a_fresh_worker(_one_rule_set) is True


def _loaded(*modules: str) -> list[str]:
    import sys

    return [name for name in modules if name in sys.modules]


def test_workers_do_not_load_the_records_models() -> None:
    # pydantic and the record models are the main process's (validation): ~0.07 s less before a
    # crawl's first worker can take a page
    assert _in_a_fresh_worker(_loaded, "pydantic", "schemas.article", "trafilatura") == ["trafilatura"]


def _collector() -> tuple[bool, int]:
    """Runs in a fresh worker: whether its cyclic garbage collector runs, and how many objects it
    passes by (frozen in the forkserver once preloaded)."""
    import gc

    return gc.isenabled(), gc.get_freeze_count()


def test_workers_collect_garbage_but_not_over_what_the_forkserver_preloaded() -> None:
    collecting, frozen = _in_a_fresh_worker(_collector)
    assert collecting and frozen > 50_000


def test_the_forkserver_preloads_without_a_garbage_collection() -> None:
    # (pipelines/prewarm.py turns the collector off, pipelines/preload.py freezes and turns it on:
    # ~150 collections, ~50 ms of the forkserver's start-up, freed nothing)
    from pipelines.procs import PRELOAD

    first, *rest = PRELOAD
    assert first == "pipelines.prewarm"
    script = ("import gc, json, sys\n"
              f"__import__({first!r})\n"  # (a source not byte-compiled yet may collect while compiled)
              "runs = []\n"
              "gc.callbacks.append(lambda phase, info: phase == 'stop' and runs.append(info['collected']))\n"
              f"for name in {rest!r}:\n"
              "    __import__(name)\n"
              "print(json.dumps([len(runs), gc.isenabled(), gc.get_freeze_count()]))\n")
    runs, collecting, frozen = fresh_python(script)
    assert runs == 0 and collecting and frozen > 50_000


def test_the_pool_started_before_scrapys_set_up_is_taken_only_for_the_same_options() -> None:
    import os

    import pipelines.workers as workers
    from pipelines.workers import close_early_pool, start_early_pool, take_early_pool

    start_early_pool(ExtractOptions(), 1)
    pool = take_early_pool(ExtractOptions(), 1)
    try:
        assert pool is not None and pool.processes == 1
        assert take_early_pool(ExtractOptions(), 1) is None  # taken once
        assert pool._pool.submit(os.getpid).result(timeout=60) != os.getpid()  # a live worker
    finally:
        pool.close()
    start_early_pool(ExtractOptions(), 1)
    early = workers._EARLY
    assert take_early_pool(ExtractOptions(mode="trafilatura"), 1) is None  # other options: closed
    assert early._pool._shutdown_thread
    close_early_pool()  # nothing left to close
