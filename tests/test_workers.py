"""The extraction pool: worker processes are replaced after a number of posts (memory stays flat)."""

from __future__ import annotations

import asyncio

from pipelines.draft import Draft
from pipelines.extraction import ExtractOptions
from pipelines.workers import ExtractorPool
from schemas.raw import BlogInfo, RawPost

BODY = ("<p>The harbour board met on Monday to approve the dredging plan for the northern quay.</p>"
        "<p>Work is due to start in {n} weeks and will close two berths for a month.</p>")


def test_pool_is_replaced_after_its_quota_and_every_post_comes_back() -> None:
    pool = ExtractorPool(ExtractOptions(), processes=1, tasks_per_worker=3)
    blog = BlogInfo(url="https://harbour.example/", host="harbour.example")
    raws = [RawPost(url=f"https://harbour.example/p/{n}", blog=blog, via="rss", html=BODY.format(n=n),
                    is_fragment=True) for n in range(10)]

    async def run() -> list:
        return await asyncio.gather(*(pool.extract(raw) for raw in raws))

    try:
        results = asyncio.run(run())
    finally:
        pool.close()
    assert all(isinstance(r, Draft) for r in results), results
    assert [f"in {n} weeks" in r.text for n, r in enumerate(results)] == [True] * 10
    assert pool.recycled == 3  # after posts 3, 6 and 9
