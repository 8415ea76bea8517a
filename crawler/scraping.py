"""Scrapy's item workers for a response, started as its output needs them.

For every response, Scrapy (2.13 to 2.19 at least) hands the callback's output to
`scrapy.utils.asyncio._parallel_asyncio`, which starts CONCURRENT_ITEMS worker tasks and a filling
task at once, whatever the output holds. splog sets CONCURRENT_ITEMS to 16 for feed pages (100-150
posts each), so a post page, which yields one item, cost 17 tasks, 16 of them only to be told to
stop: 72 us a response against 14 us here (a loop of one-item outputs), ~3-5% of the main process's
CPU on a page-by-page crawl.

`parallel_as_needed` keeps the contract (at most `count` calls in flight, every item handed to
`callable_` in order, return once all calls are done) and starts a worker only when an item waits
and no started worker is free: one item, one worker; a sitemap's 100 requests or a feed's 150 posts
still get `count`. A call that raises is logged and its worker goes on (Scrapy's worker would end,
and with all of them ended the rest of the output would wait forever). `install` puts it in
Scrapy's scraper module when the function there has the signature it was written for, and leaves
Scrapy as it is otherwise.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable
from typing import Any

logger = logging.getLogger(__name__)

_END = object()
_SIGNATURE = ["iterable", "count", "callable_", "args", "kwargs"]


async def parallel_as_needed(iterable: Iterable[Any] | AsyncIterator[Any], count: int,
                             callable_: Callable[..., Coroutine[Any, Any, None]], *args: Any,
                             **kwargs: Any) -> None:
    """Await callable_(item, *args, **kwargs) for each item, at most `count` at a time."""
    queue: asyncio.Queue = asyncio.Queue(count * 2)
    workers: list[asyncio.Task] = []
    free = 0  # started workers not busy with an item (waiting for one, or not yet running)

    async def worker() -> None:
        nonlocal free
        while True:
            item = await queue.get()
            if item is _END:
                return
            free -= 1
            try:
                await callable_(item, *args, **kwargs)
            except Exception:  # Scrapy's handlers catch their own; a worker that died here would
                # leave later items waiting for a free worker that never comes
                logger.exception("an item of a response failed")
            free += 1
            queue.task_done()

    async def put(item: Any) -> None:
        nonlocal free
        await queue.put(item)
        if queue.qsize() > free and len(workers) < count:
            free += 1
            workers.append(asyncio.create_task(worker()))

    if isinstance(iterable, AsyncIterator):
        async for item in iterable:
            await put(item)
    else:
        for item in iterable:
            await put(item)
    if workers:
        for _ in workers:
            await queue.put(_END)
        await asyncio.wait(workers)


def fits(function: Callable[..., Any]) -> bool:
    """Whether Scrapy's function is the one this stands in for."""
    try:
        return (inspect.iscoroutinefunction(function)
                and list(inspect.signature(function).parameters) == _SIGNATURE)
    except (TypeError, ValueError):
        return False


def install() -> bool:
    """Use parallel_as_needed for Scrapy's responses in this process; False when this Scrapy's
    scraper is not the one it was written for (then nothing is changed)."""
    try:
        import scrapy.core.scraper as scraper
    except ImportError:  # pragma: no cover - Scrapy is a dependency
        return False
    current = getattr(scraper, "_parallel_asyncio", None)
    if current is parallel_as_needed:
        return True
    if current is None or not fits(current):
        logger.debug("this Scrapy's scraper is not the one splog's item workers were written for: "
                     "left unchanged")
        return False
    scraper._parallel_asyncio = parallel_as_needed
    return True


class ItemWorkersAsNeeded:
    """Scrapy extension (settings.EXTENSIONS) that installs parallel_as_needed for the crawl, so
    that every way of running the spider (splog crawl, scrapy crawl, scrapyd) gets it."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> ItemWorkersAsNeeded:
        install()
        return cls()
