"""Scrapy's downloader with its per-host concurrency limit made to hold under the asyncio reactor.

Scrapy (2.16 to 2.19 at least) starts a queued request by scheduling a coroutine
(`_schedule_coro`), and the request counts against its slot's concurrency only once that coroutine
runs. With the asyncio reactor, which splog uses, scheduling creates a task that runs on a later
loop turn, so `_process_queue` finds the slot free on every pass of its loop and starts the slot's
whole queue at once. (With a download delay, AutoThrottle's included, it starts one request a
pass and waits, so the limit held there.) Measured without a delay on one host with
CONCURRENT_REQUESTS_PER_DOMAIN = 8: up to 32 requests in flight (the global CONCURRENT_REQUESTS),
and 680 new TCP connections for 1,000 pages because Twisted's pool keeps only 8 idle ones. Here a
request counts as transferring from the moment it is started, so `--concurrency` is what a host
sees (8 in flight, 8 connections for the 1,000 pages).

This leans on Scrapy's internals (a plain `_process_queue`; a slot's `queue` deque of (request,
deferred) pairs and its `transferring` set). A Scrapy release that changes them gets Scrapy's own
downloader back, with one warning, instead of a crawl that stalls or fails; tests/test_politeness.py
then shows whether the limit still holds.
"""

from __future__ import annotations

import inspect
import logging
from collections import deque

from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.asyncio import is_asyncio_available

logger = logging.getLogger(__name__)

_PLAIN_METHOD = not inspect.iscoroutinefunction(Downloader._process_queue)


def fits(slot: object) -> bool:
    """Whether this Scrapy's downloader slot is the kind the override was written for."""
    queue, transferring = getattr(slot, "queue", None), getattr(slot, "transferring", None)
    return (_PLAIN_METHOD and isinstance(queue, deque) and isinstance(transferring, set)
            and callable(getattr(slot, "free_transfer_slots", None))
            and (not queue or (isinstance(queue[0], tuple) and len(queue[0]) == 2)))


class SlotBoundDownloader(Downloader):
    _warned = False

    def _process_queue(self, slot: Slot) -> None:
        if not is_asyncio_available():  # coroutines then start at once and Scrapy counts them itself
            super()._process_queue(slot)
            return
        if not fits(slot):
            if not SlotBoundDownloader._warned:
                SlotBoundDownloader._warned = True
                logger.warning("this Scrapy's downloader is not the one splog's per-host limit was "
                               "written for (2.16-2.19): using it unchanged")
            super()._process_queue(slot)
            return
        # hold back what the slot has no room for, let Scrapy start the rest (or wait out its
        # delay), then count what it started as transferring before those tasks get to run
        room = max(slot.free_transfer_slots(), 0)
        held = [slot.queue.pop() for _ in range(len(slot.queue) - room)]
        waiting = list(slot.queue)
        super()._process_queue(slot)
        for request, _ in waiting[:len(waiting) - len(slot.queue)]:
            slot.transferring.add(request)
        slot.queue.extend(reversed(held))
