"""Extraction cost per page, on one core: splog's worker (learned templates, and its trafilatura path)
against plain trafilatura over the same post pages.

    python bench/extract_cost.py [--posts 100] [--weights plain,light,full]

Renders the sitemap-only blogs of the bench farm (4 blogs) without serving them, at each theme
weight (plain: 3-5 KB pages; light: ~38 KB; full: ~70 KB, as real splog themes), and times, in this
process, what an extraction worker does with each page (extract, cut, harvest links, clean,
normalize, linking signatures; batches of 8 as the crawl sends them) in `auto` mode (templates
learned from the first pages of each host) and in `trafilatura` mode (every page through
trafilatura, as for a host whose layout gives no template), beside `trafilatura.extract` alone. The
crawl's page mode cannot beat the worker's figure: it adds fetching and the main process's work.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.farm.model import bench_farm  # noqa: E402
from crawler.farm.pages import post_path  # noqa: E402
from crawler.farm.server import Site  # noqa: E402

BATCH = 8


def pages(weight: str, posts: int) -> list[tuple[str, str, str]]:
    """(blog URL, post URL, HTML) of the farm's sitemap-only blogs, interleaved as a crawl meets them."""
    chrome = None if weight == "plain" else weight
    blogs = [b for b in bench_farm(20, posts, chrome=chrome) if b.kind == "plain"]
    per_blog = []
    for n, blog in enumerate(blogs):
        base = f"http://127.0.0.{10 + n}:8000"
        site = Site(blog, base)
        per_blog.append([(base + "/", base + post_path(blog, p), site.page([p], True, None)[2].decode("utf-8"))
                         for p in site.posts])
    return [page for row in zip(*per_blog) for page in row]


def worker_cost(items: list[tuple[str, str, str]], mode: str) -> tuple[float, Counter]:
    """CPU ms a page of a fresh worker in this mode (its host templates learned from scratch)."""
    from urllib.parse import urlsplit

    import pipelines.extraction as extraction
    from pipelines.extraction import ExtractOptions
    from pipelines.templates import Templates
    from pipelines.workers import _init_worker, run_extract_many
    from schemas.raw import BlogInfo, RawPost

    extraction.TEMPLATES = Templates()
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGALRM)}
    _init_worker(ExtractOptions(mode=mode))
    for sig, handler in handlers.items():  # (a worker ignores Ctrl-C: this process is no worker)
        signal.signal(sig, handler)
    # (ids: as in a crawl, whose blogs' operator ids were read off their home pages, not each page)
    raws = [RawPost(url=url, blog=BlogInfo(url=home, host=urlsplit(home).hostname or "", ids=()), via="page", html=html,
                    status=200, fetched_at="2026-01-01T00:00:00Z") for home, url, html in items]
    methods: Counter = Counter()
    start = time.process_time()
    for i in range(0, len(raws), BATCH):
        for out in run_extract_many(raws[i:i + BATCH]):
            methods[getattr(out, "method", "error")] += 1
    return (time.process_time() - start) * 1000 / len(raws), methods


def trafilatura_cost(items: list[tuple[str, str, str]]) -> float:
    import trafilatura

    start = time.process_time()
    for _home, _url, html in items:
        trafilatura.extract(html, include_comments=False)
    return (time.process_time() - start) * 1000 / len(items)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=100, help="posts per blog (4 sitemap-only blogs)")
    ap.add_argument("--weights", default="plain,light,full", help="theme weights: plain, light, full")
    args = ap.parse_args(argv)
    weights = [w for w in args.weights.split(",") if w]
    if not weights or any(w not in ("plain", "light", "full") for w in weights):
        ap.error("--weights takes plain, light and full, comma-separated")
    import pipelines.preload  # noqa: F401 - what a worker has before its first page

    print(f"{'pages':<20} {'n':>5} {'KB':>5}  {'splog auto':>11} {'splog traf':>11} {'trafilatura':>12}  "
          f"{'auto/traf':>9} {'traf path/traf':>14}  methods (auto)")
    for weight in weights:
        items = pages(weight, args.posts)
        size = sum(len(html) for _h, _u, html in items) / len(items) / 1024
        trafilatura_cost(items[:20])  # its first pages build lazy state; not counted
        plain = trafilatura_cost(items)
        auto, methods = worker_cost(items, "auto")
        traf_path, _ = worker_cost(items, "trafilatura")
        print(f"{weight:<20} {len(items):>5} {size:>5.0f}  {auto:>8.2f} ms {traf_path:>8.2f} ms {plain:>9.2f} ms  "
              f"{auto / plain:>9.2f} {traf_path / plain:>14.2f}  "
              + ", ".join(f"{k} {v}" for k, v in sorted(methods.items())))
    print("(CPU ms a page on one core; a worker also makes the linking signatures and cuts splog residue, "
          "which trafilatura alone does not)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
