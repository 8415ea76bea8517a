"""Thin Scrapy adapters over the pipeline cores: extract+clean+normalize (in workers), validate, link, export."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime
from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured

from crawler import stats as stats_keys
from pipelines.chain import make_reject
from pipelines.draft import Draft
from pipelines.export import OutputClosed, OutputFailed, RunWriter, default_paths
from pipelines.extraction import ExtractError, ExtractOptions
from pipelines.linking import CopyIndex, LinkStore, Prepared
from pipelines.normalize import canonical_url
from pipelines.state import PostState, StateStore
from pipelines.validation import InvalidRecord, SeenIds, build_record, duplicate_detail
from pipelines.workers import ExtractorPool, take_early_pool
from schemas.article import ArticleRecord
from schemas.raw import RawPost
from schemas.reject import FieldError

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from typing_extensions import Self

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Checked:
    """A validated record on its way to export, with the linking signatures the worker computed."""

    record: ArticleRecord
    linking: Prepared | None = None

    @property
    def url(self) -> str:
        return self.record.url


class Rejected(DropItem):
    """A post that ends as a reject: carries the stage and the stable reason code."""

    def __init__(self, url: str, stage: str, reason: str, detail: str = "", input_ref: str | None = None,
                 errors: list[FieldError] | None = None) -> None:
        super().__init__(f"{stage}/{reason}: {url}", log_level="DEBUG")
        self.url, self.stage, self.reason, self.detail = url, stage, reason, detail
        self.input_ref, self.errors = input_ref, errors or []


def extract_options(settings: Any) -> tuple[ExtractOptions, int | None]:
    """The workers' options and count (None: one per core) from the crawl's settings."""
    return (ExtractOptions(mode=settings.get("SPLOG_EXTRACTOR"), timeout=settings.getfloat("SPLOG_EXTRACT_TIMEOUT"),
                           max_html_chars=settings.getint("DOWNLOAD_MAXSIZE"),
                           rules_dirs=tuple(settings.getlist("SPLOG_RULES_DIRS"))),
            settings.getint("SPLOG_WORKERS") or None)


class ExtractPipeline:
    """RawPost -> Draft. The worker processes run the extract, clean and normalize cores in turn
    (all CPU-bound), so both cores work while the reactor keeps fetching; the main process is left
    with validation, linking and export."""

    def __init__(self, pool: ExtractorPool, stats: Any = None) -> None:
        self.pool = pool
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        options, processes = extract_options(crawler.settings)
        pool = take_early_pool(options, processes)  # started by the crawl runner, before Scrapy's set-up
        if pool is None:
            pool = ExtractorPool(options, processes)
            pool.warm()  # as early as possible: the workers start while Scrapy sets up and fetches
        return cls(pool, crawler.stats)

    async def process_item(self, item: RawPost) -> Draft:
        if item.error:
            raise Rejected(item.url, "fetch", item.error, item.error_detail, item.source)
        result = await self.pool.extract(item)
        if isinstance(result, ExtractError):
            stage = "clean" if result.reason == "empty_after_clean" else "extract"
            raise Rejected(item.url, stage, result.reason, result.detail, item.source)
        if self.stats is not None:
            self.stats.inc_value(f"{stats_keys.EXTRACTED_BY}/{result.method}")
            if len(kept := self.pool.templates.kept_used) != self.stats.get_value(stats_keys.TEMPLATES_KEPT, 0):
                self.stats.set_value(stats_keys.TEMPLATES_KEPT, len(kept))
        return result

    def close_spider(self) -> None:
        self.pool.close()


class ValidatePipeline:
    """Draft -> ArticleRecord; invalid drafts become rejects keyed by pydantic error type."""

    def __init__(self, job_id: str) -> None:
        self.job_id = job_id
        self.seen = SeenIds()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.settings.get("SPLOG_JOB_ID"))

    def process_item(self, item: Draft) -> Checked:
        try:
            record = build_record(item, self.job_id)
        except InvalidRecord as exc:
            raise Rejected(item.url, "validate", "invalid_record", str(exc)[:300], item.source, exc.errors) from None
        if not self.seen.first(record.id):
            raise Rejected(item.url, "validate", "duplicate_post", duplicate_detail(record), item.source)
        return Checked(record, item.linking)


class Unchanged(DropItem):
    """Same content as the state store last saw: not a record, not a reject (counted as unchanged)."""

    def __init__(self, url: str) -> None:
        super().__init__(f"unchanged: {url}", log_level="DEBUG")
        self.url = url


class BeforeSince(DropItem):
    """Published before --since (a page fetched without a listed date): not a record, not a reject."""

    def __init__(self, url: str) -> None:
        super().__init__(f"before --since: {url}", log_level="DEBUG")
        self.url = url


class SincePipeline:
    """With --since, drop a post whose record is dated before it (its listing gave no date)."""

    def __init__(self, since: datetime) -> None:
        self.since = since

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from crawler.params import since_setting

        since = since_setting(crawler.settings.get("SPLOG_SINCE"))  # (a bad value fails the job)
        if since is None:
            raise NotConfigured
        return cls(since)

    def process_item(self, item: Checked) -> Checked:
        published = item.record.published_at
        if published is not None and published < self.since:
            raise BeforeSince(item.record.url)
        return item


class ChangePipeline:
    """Mark records new/updated against the state store; drop posts whose content did not change."""

    def __init__(self, state: StateStore | None, full: bool) -> None:
        self.state, self.full = state, full

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from crawler.jobs import crawl_state

        state = crawl_state(crawler)
        if state is None:
            # Off is the normal case; a message would make Scrapy warn about it on every run.
            logger.info("change tracking off: no state file, every post is new")
            raise NotConfigured
        return cls(state, crawler.settings.getbool("SPLOG_FULL"))

    def process_item(self, item: Checked) -> Checked:
        if self.state is None:
            return item
        rec = item.record
        prev = self.state.get_post(canonical_url(rec.canonical_url or rec.url))
        if prev is not None and prev.sha256 == rec.fingerprint.sha256 and not self.full:
            raise Unchanged(rec.url)
        change = "updated" if prev is not None else "new"
        item.record = rec.model_copy(update={"crawl": rec.crawl.model_copy(update={"change": change})})
        return item


class LinkPipeline:
    """Link copies across blogs; with a state file the copy index persists across runs."""

    def __init__(self, index: CopyIndex) -> None:
        self.index = index

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from crawler.jobs import crawl_state

        redis_url = crawler.settings.get("SPLOG_REDIS_URL")
        if redis_url:
            from pipelines.redis_link import RedisLinkStore

            return cls(CopyIndex(RedisLinkStore(redis_url)))
        state = crawl_state(crawler)
        db = getattr(state, "db", None)
        return cls(CopyIndex(LinkStore(db) if db is not None else None))

    def process_item(self, item: Checked) -> Checked:
        item.record = self.index.link(item.record, item.linking)
        item.linking = None
        return item

    def close_spider(self) -> None:
        self.index.close()


SAME_POST_REASONS = ("duplicate_post", "redirect_to_seen")


def verdict(finish_reason: str, writer: RunWriter, max_reject_ratio: float) -> dict[str, Any]:
    """The scheduler's answer: ok, or the reason the run failed (unfinished, too many rejects)."""
    # (a post that came twice, or redirected to one the crawl has, is a record already: no failure;
    # a post unchanged since the state's last run was read as well as a record was: an incremental
    # run that finds nothing new and one feed page broken is not a run where every post failed; so is
    # a post read and left out by --since)
    failed = writer.rejects - sum(writer.reasons[r] for r in SAME_POST_REASONS)
    processed = writer.records + writer.unchanged + writer.before_since + failed
    ratio = failed / processed if processed else 0.0
    if writer.failed:
        return {"ok": False, "reason": writer.failed, "reject_ratio": round(ratio, 4)}
    if finish_reason != "finished":
        return {"ok": False, "reason": f"crawl ended with '{finish_reason}'", "reject_ratio": round(ratio, 4)}
    if ratio > max_reject_ratio:
        return {"ok": False, "reason": f"reject ratio {ratio:.3f} over SPLOG_MAX_REJECT_RATIO {max_reject_ratio}",
                "reject_ratio": round(ratio, 4)}
    return {"ok": True, "reason": "finished", "reject_ratio": round(ratio, 4)}


class ExportPipeline:
    """Write records; write a reject for every dropped or failed item; write the manifest at close."""

    def __init__(self, crawler: Crawler, writer: RunWriter) -> None:
        self.crawler = crawler
        self.writer = writer
        self.posts_by_site: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        s = crawler.settings
        job_id = s.get("SPLOG_JOB_ID")
        from crawler.jobs import crawl_state

        state = crawl_state(crawler)
        records, rejects, manifest = default_paths(s.get("SPLOG_OUTPUT"), job_id)
        writer = RunWriter(records, rejects, manifest, job_id, dict(s.getdict("SPLOG_ARGUMENTS")),
                           s.getint("SPLOG_FLUSH_EVERY"), append=s.getbool("SPLOG_RESUME"),
                           on_flush=state.commit if state is not None else None)
        pipe = cls(crawler, writer)
        pipe.state = state
        crawler.signals.connect(pipe.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(pipe.item_error, signal=signals.item_error)
        crawler.signals.connect(pipe._watch_close_reason, signal=signals.engine_started)
        return pipe

    def _watch_close_reason(self) -> None:
        """Keep the reason the engine is closing the spider for ("finished", "shutdown" on SIGTERM or
        Ctrl-C, a CloseSpider's), as it starts: Scrapy closes the pipelines before it sends
        spider_closed and records finish_reason, so without this the manifest of a crawl stopped by
        a scheduler's SIGTERM said "finished", and its job was not resumed."""
        engine = self.crawler.engine
        close = engine.close_spider_async
        stats = self.crawler.stats

        async def close_spider_async(*, reason: str = "cancelled") -> None:
            if stats.get_value(stats_keys.CLOSE_REASON) is None:  # (the first call decides, as in Scrapy)
                stats.set_value(stats_keys.CLOSE_REASON, reason)
            await close(reason=reason)

        engine.close_spider_async = close_spider_async

    def _stop_on_closed_output(self) -> None:
        """Records go to standard output and its reader closed it (`splog crawl … -o - | head`): the
        crawl stops, and its manifest says so (status output_closed; the run is not ok)."""
        self._stop("output_closed", "the reader of the records closed them after %d records: stopping the crawl",
                   self.writer.records)

    def _stop_on_failed_output(self) -> None:
        """An output file cannot be written (a full disk): the crawl stops, its manifest (if it can
        still be written) says why (status output_failed, `output_error`), and the run fails."""
        self._stop("output_failed", "%s: stopping the crawl", self.writer.failed)

    def _stop(self, reason: str, message: str, *args: Any) -> None:
        if getattr(self, "_stopping", False):
            return
        self._stopping = True
        logger.error(message, *args)
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))

    def _write_reject(self, reject: Any) -> None:
        try:
            self.writer.write_reject(reject)
        except OutputFailed:
            self._stop_on_failed_output()

    def _site(self, url: str) -> None:
        self.posts_by_site[urlsplit(url).netloc.lower()] += 1

    def process_item(self, item: Checked) -> ArticleRecord:
        rec = item.record
        try:
            self.writer.write_record(rec)
        except OutputClosed:
            self._stop_on_closed_output()
            return rec
        except OutputFailed:
            self._stop_on_failed_output()
            return rec
        self._site(rec.url)
        if self.state is not None:  # committed by the writer's flush, after the line is on disk
            self.state.put_post(PostState(
                canonical_url(rec.canonical_url or rec.url), rec.blog.url, rec.id, rec.fingerprint.sha256,
                rec.updated_at.isoformat() if rec.updated_at else None, None, rec.crawl.fetched_at.isoformat()))
        return rec

    def item_dropped(self, item: Any, response: Any, exception: BaseException, spider: Any = None) -> None:
        job = self.writer.job_id
        if isinstance(exception, Unchanged):
            self.writer.unchanged += 1
            self._site(exception.url)
            return
        if isinstance(exception, BeforeSince):
            self.writer.before_since += 1
            self._site(exception.url)
            return
        if isinstance(exception, Rejected):
            reject = make_reject(exception.url, exception.stage, exception.reason, job, exception.detail,
                                 exception.input_ref, exception.errors)
        else:
            reject = make_reject(getattr(item, "url", "?"), "pipeline", "dropped", job, str(exception)[:300])
        self._write_reject(reject)
        self._site(reject.url)

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        """A bug in a stage: the post still ends as a reject, and the error is logged once per type."""
        url = getattr(item, "url", "?")
        detail = f"{failure.type.__name__}: {failure.value}"[:300]
        logger.warning("internal error on %s: %s", url, detail)
        self._write_reject(make_reject(url, "pipeline", "internal_error", self.writer.job_id, detail))
        self._site(url)

    def close_spider(self) -> None:
        stats = self.crawler.stats.get_stats()
        reason = stats.get(stats_keys.CLOSE_REASON) or stats.get("finish_reason") or "finished"
        with contextlib.suppress(OutputFailed):  # (then in writer.failed)
            self.writer.flush()  # (the last lines: a reader of standard output may have gone meanwhile)
        if self.writer.failed:
            reason = "output_failed"
        elif self.writer.output_closed and reason == "finished":
            reason = "output_closed"
        from pipelines.manifest_extra import crawl_summary

        extra = crawl_summary(stats, self.posts_by_site)
        extra["verdict"] = verdict(reason, self.writer, self.crawler.settings.getfloat("SPLOG_MAX_REJECT_RATIO"))
        try:
            self.manifest = self.writer.close(reason, extra)
        except OutputFailed as exc:  # not even the manifest: the command says why and fails
            logger.error("%s", exc)
            self.crawler.stats.set_value(stats_keys.OUTPUT_ERROR, str(exc))
            return
        self.crawler.stats.set_value("splog/manifest_path", str(self.writer.paths["manifest"]))
