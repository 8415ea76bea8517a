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
"""

from __future__ import annotations

from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.asyncio import is_asyncio_available


class SlotBoundDownloader(Downloader):
    def _process_queue(self, slot: Slot) -> None:
        if not is_asyncio_available():  # coroutines then start at once and Scrapy counts them itself
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
