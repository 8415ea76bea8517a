"""Run a crawl (Scrapy engine) or an offline extraction, and return the run manifest."""

from __future__ import annotations

import gc
import json
import logging
from itertools import islice
from pathlib import Path
from typing import Any

from crawler.params import CrawlParams

# gc thresholds while crawling (Python's default: 700, 10, 10); see _freeze_setup_objects.
GC_THRESHOLDS = (7000, 20, 20)


def crawl_settings(job_id: str, output: str | None, allow_private: bool, rules_dirs: list[str],
                   extractor: str, workers: int, concurrency: int | None, throttle: bool,
                   overrides: dict[str, Any], log_level: str, arguments: dict[str, Any]):
    """Project settings with this run's values on top, at command-line priority."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    values: dict[str, Any] = {
        "SPLOG_JOB_ID": job_id, "SPLOG_OUTPUT": output, "SPLOG_ALLOW_PRIVATE_HOSTS": allow_private,
        "SPLOG_RULES_DIRS": list(rules_dirs), "SPLOG_EXTRACTOR": extractor, "SPLOG_WORKERS": workers,
        "LOG_LEVEL": log_level, "SPLOG_ARGUMENTS": arguments,
    }
    if concurrency:
        values["CONCURRENT_REQUESTS_PER_DOMAIN"] = concurrency
    if not throttle:
        values["AUTOTHROTTLE_ENABLED"] = False
    values.update(overrides)
    settings.setdict(values, priority="cmdline")
    return settings


def crawl(params: CrawlParams, *, job_id: str, output: str | None = None, allow_private: bool = False,
          rules_dirs: list[str] = (), extractor: str = "auto", workers: int = 0, concurrency: int | None = None,
          throttle: bool = True, overrides: dict[str, Any] | None = None, log_level: str = "WARNING",
          state: Any = None) -> dict[str, Any]:
    """Crawl the seeds with the `blogs` spider in this process; returns the manifest.

    `state` is an already opened (and locked) StateStore, or None for a stateless run."""
    _import_tls_factories()
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.jobs import attach_state
    from crawler.spiders.blogs import BlogsSpider
    from pipelines.adapters import extract_options
    from pipelines.workers import close_early_pool, start_early_pool

    arguments = {"seeds": params.seeds, "output": output, "allow_private_hosts": allow_private,
                 "rules_dirs": list(rules_dirs), "extractor": extractor, "workers": workers,
                 "max_posts_per_blog": params.max_posts_per_blog, "overrides": overrides or {}}
    settings = crawl_settings(job_id, output, allow_private, list(rules_dirs), extractor, workers, concurrency,
                              throttle, overrides or {}, log_level, arguments)
    thresholds, collecting = gc.get_threshold(), gc.isenabled()
    gc.disable()  # until the spider is open (_freeze_setup_objects): see crawler/cli.py run_crawl
    scrapy_log = logging.getLogger("scrapy")
    scrapy_level = scrapy_log.level
    try:
        start_early_pool(*extract_options(settings))  # its workers start while Scrapy sets up
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(BlogsSpider)
        crawler.signals.connect(_freeze_setup_objects, signal=signals.spider_opened)
        crawler.signals.connect(_keep_patterns, signal=signals.spider_opened)
        crawler.signals.connect(_filter_at_scrapy_logger, signal=signals.spider_opened)
        attach_state(crawler, state)
        process.crawl(crawler, params=params)
        process.start()
    finally:
        close_early_pool()  # (when the crawl ended before its pipelines took it)
        gc.unfreeze()  # a caller that goes on in this process gets its collector back as it was
        gc.set_threshold(*thresholds)
        (gc.enable if collecting else gc.disable)()
        scrapy_log.setLevel(scrapy_level)
        if state is not None:
            state.close()
    path = crawler.stats.get_value("splog/manifest_path")
    if not path:
        from crawler import stats
        from pipelines.export import OutputFailed

        error = crawler.stats.get_value(stats.OUTPUT_ERROR)
        if error:
            raise OutputFailed(error)
        raise RuntimeError("the crawl ended without writing a manifest")
    return json.loads(Path(path).read_text(encoding="utf-8"))


class _CallerFrames:
    """What scrapy.utils.deprecate reads of `inspect` while its module-level aliases are made: the
    frames of the stack, without the lines of source inspect.stack() reads for each of them, and the
    module a frame runs in, from its globals; all else is inspect's."""

    def __getattr__(self, name: str) -> Any:
        import inspect

        return getattr(inspect, name)

    @staticmethod
    def stack(context: int = 1) -> list[tuple]:
        import sys

        frames, frame = [], sys._getframe(1)
        while frame is not None:
            frames.append((frame,))
            frame = frame.f_back
        return frames

    @staticmethod
    def getmodule(obj: Any, filename: str | None = None) -> Any:
        import inspect
        import sys

        return sys.modules.get(obj.f_globals.get("__name__")) if inspect.isframe(obj) else inspect.getmodule(obj, filename)


def _import_tls_factories() -> None:
    """Import Scrapy's TLS context factories before the crawler's set-up does. Their modules make
    deprecated aliases with scrapy.utils.deprecate.create_deprecated_class, which names each alias's
    module from inspect.stack(): that reads the source of every frame on the stack, ~0.15 s deep in
    the crawler's set-up, ~0.05 s from here, the main process's start-up that the first requests wait
    for. Meanwhile the deprecate module reads frames without their source (_CallerFrames): ~0.02 s."""
    import inspect

    from scrapy.utils import deprecate

    if getattr(deprecate, "inspect", None) is not inspect:  # (another Scrapy: imported as it comes)
        import scrapy.core.downloader.contextfactory  # noqa: F401
        return
    deprecate.inspect = _CallerFrames()
    try:
        import scrapy.core.downloader.contextfactory  # noqa: F401
    finally:
        deprecate.inspect = inspect


def _keep_patterns(**_: Any) -> None:
    """Once the crawl's components are set up (nearly every pattern of the main process compiled):
    keep those the next crawl's `warm_re("crawl")` (crawler/cli.py) does not have yet."""
    from pipelines.patterncache import keep_re

    keep_re("crawl")


class _WithoutTraceback(logging.Filter):
    """One line for an expected failure: Scrapy's robots.txt middleware logs a site it cannot reach
    (refused, timed out, DNS) at ERROR with the whole traceback of the download, 50 lines a site."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


def _filter_at_scrapy_logger(spider: Any) -> None:
    """Scrapy's logging set-up puts its "scrapy" logger at DEBUG and filters at its root handler, so
    each of its per-page debug lines ("Crawled", "Scraped from") is built into a record and then
    thrown away (~9% of the main process's CPU on a page-by-page crawl). Once the spider is open,
    that logger itself filters at the crawl's LOG_LEVEL."""
    logging.getLogger("scrapy").setLevel(spider.crawler.settings.get("LOG_LEVEL") or "DEBUG")
    robots = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
    if not any(isinstance(f, _WithoutTraceback) for f in robots.filters):
        robots.addFilter(_WithoutTraceback())


def _freeze_setup_objects() -> None:
    """Move everything alive once the spider is open (modules, classes, settings, the engine: ~86k
    objects) out of the cyclic collector's sight, and let it run less often: full collections over
    them took ~15% of the main process's CPU on a page-by-page crawl. (No collection first: at this
    point one takes ~70 ms, just before the first requests, and finds ~10 objects to free.) The
    collector, off while the crawl started, runs from here."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    gc.enable()


def extract_files(paths: list[str], *, job_id: str, output: str | None = None, url: str | None = None,
                  base_url: str | None = None, rules_dirs: list[str] = (), extractor: str = "auto",
                  workers: int = 0, batch: int = 64) -> dict[str, Any]:
    """The pipelines over saved pages, extraction in worker processes; returns the manifest."""
    from crawler.offline import documents, to_raw
    from pipelines.chain import finish_post
    from pipelines.export import RunWriter, default_paths
    from pipelines.extraction import ExtractError, ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.validation import SeenIds
    from pipelines.workers import ExtractorPool
    from schemas.article import ArticleRecord

    options = ExtractOptions(mode=extractor, rules_dirs=tuple(rules_dirs))
    records, rejects, manifest = default_paths(output, job_id)
    arguments = {"paths": paths, "output": output, "url": url, "base_url": base_url,
                 "rules_dirs": list(rules_dirs), "extractor": extractor}
    writer = RunWriter(records, rejects, manifest, job_id, arguments)
    index, seen = CopyIndex(), SeenIds()
    pool = ExtractorPool(options, workers or None)
    docs = documents(paths)
    try:
        while chunk := [to_raw(d, url, base_url, options.rules_dirs) for d in islice(docs, batch)]:
            todo = [r for r in chunk if not r.error]
            results = dict(zip(map(id, todo), pool.map(todo)))
            for raw in chunk:
                result = results.get(id(raw), ExtractError("fetch"))
                out = finish_post(raw, result, job_id, index, seen)
                (writer.write_record if isinstance(out, ArticleRecord) else writer.write_reject)(out)
    finally:
        pool.close()
    return writer.close("finished", {"inputs": paths})
