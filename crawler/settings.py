"""Scrapy settings of the splog crawler: the only place settings live, each with its reason."""

from __future__ import annotations

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "splog"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
# `scrapy crawl` (and scrapyd, which runs it) checks the blogs spider's arguments and -s values first:
# a bad one is a one-line usage error, not a traceback (crawler/commands/crawl.py).
COMMANDS_MODULE = "crawler.commands"

# --- Politeness (defaults a user may raise for their own infrastructure) -------------------------
# Identify ourselves; splog operators rarely care, but the hosts' owners should be able to tell.
USER_AGENT = "splog/0.1 (+https://github.com/splog/splog; spam-blog research crawler)"
# robots.txt is respected: Blogger's disallows /search, which also keeps us off its index pages.
ROBOTSTXT_OBEY = True
# Total parallel requests; blogs are crawled side by side.
CONCURRENT_REQUESTS = 32
# Per host: 4 keeps a single blog's server comfortable while feeds bring 100-150 posts a request.
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# AutoThrottle adapts the delay to each host's latency; start at 0.5 s and never wait over 10 s.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 10.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# --- Bad pages: bounded, retried, then rejected ------------------------------------------------
# Post pages are well under 1 MB; a 4 MB cap rejects traps and binaries early (reason too_large).
DOWNLOAD_MAXSIZE = 4 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# A slow page costs at most 3 x 20 s (two retries) before it becomes a `timeout` reject.
DOWNLOAD_TIMEOUT = 20
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Redirects are followed, and the private-host guard re-checks each hop.
REDIRECT_MAX_TIMES = 5
# Scrapy's resolver, except that an IP literal (an IPv6 one too: http://[2001:db8::1]/) needs no lookup.
# (Scrapy 2.19 renamed the setting TWISTED_DNS_RESOLVER and warns on every crawl that sets the old name.)
_RESOLVER = "crawler.resolver.LiteralResolver"
if hasattr(_scrapy_defaults, "TWISTED_DNS_RESOLVER"):
    TWISTED_DNS_RESOLVER = _RESOLVER
else:
    DNS_RESOLVER = _RESOLVER
# Items of one response processed concurrently by the pipelines. Scrapy starts this many asyncio
# tasks for EVERY response (scrapy.utils.asyncio._parallel_asyncio), so a large value costs a lot
# on page-by-page crawls (200 made the main process the bottleneck: ~45 tasks per post); 16 in
# flight per feed page keeps the extraction workers busy.
CONCURRENT_ITEMS = 16

# --- Components ---------------------------------------------------------------------------------
# Without a download delay, Scrapy's own downloader lets a host get up to CONCURRENT_REQUESTS at once
# under the asyncio reactor; this one keeps CONCURRENT_REQUESTS_PER_DOMAIN true (crawler/downloader.py).
DOWNLOADER = "crawler.downloader.SlotBoundDownloader"
DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt (100) so that even robots.txt of a private host is never fetched.
    "crawler.middlewares.PrivateHostGuard": 50,
    # Nearer the network than Scrapy's RetryMiddleware (550): the host's slot is slowed before the
    # refused request is retried through it.
    "crawler.middlewares.RateLimitBackoff": 560,
    # (next to it: a robots.txt's Crawl-delay holds the host's slot to that wait)
    "crawler.middlewares.CrawlDelay": 570,
    # (and its Sitemap: lines go to the spider, which then needs no second fetch of it)
    "crawler.middlewares.RobotsSitemaps": 571,
    # (after Scrapy's HttpCompressionMiddleware, 590, has undone the Content-Encoding: a body that is
    # still gzipped, compressed twice or sent gzipped unsaid, is unwrapped once)
    "crawler.middlewares.StrayGzip": 580,
    # (before Scrapy's HttpCompressionMiddleware, 590, inflates what there is: a compressed body
    # whose stream is cut short is asked again, then refused)
    "crawler.middlewares.UnfinishedEncoding": 595,
    "crawler.middlewares.RequestAccounting": 950,
}
# Scrapy's own downloader statistics measure the size of every request and response; the manifest
# needs only counts, which RequestAccounting keeps (requests per site, responses per status).
DOWNLOADER_STATS = False
# Scrapy reads the source of a generator callback to warn of a `return value` in it, again each time
# its cache of callbacks (weakly held bound methods) has let one go: ~50 source reads and parses a
# 400-page crawl in the main process. The test suite makes that check over our spider's callbacks
# instead (tests/test_scraping.py).
WARN_ON_GENERATOR_RETURN_VALUE = False
# Depth tracking runs over every request a page yields; splog bounds a crawl by posts per blog and
# by what feeds, sitemaps and archives list, never by depth. Put it back to use DEPTH_LIMIT.
SPIDER_MIDDLEWARES = {"scrapy.spidermiddlewares.depth.DepthMiddleware": None,
                      # a callback that fails on a page leaves an internal_error reject (nearest the spider)
                      "crawler.middlewares.CallbackErrorsAsRejects": 1000}
# Extract, clean and normalize are CPU-bound: ExtractPipeline runs those three cores in worker
# processes, one per core. Validation, linking and export stay in the main process.
ITEM_PIPELINES = {
    "pipelines.adapters.ExtractPipeline": 100,
    "pipelines.adapters.ValidatePipeline": 400,
    "pipelines.adapters.SincePipeline": 420,
    "pipelines.adapters.ChangePipeline": 450,
    "pipelines.resolve.ResolvePipeline": 470,
    "pipelines.adapters.LinkPipeline": 500,
    "pipelines.adapters.ExportPipeline": 900,
}
# Dropped items are expected outcomes (rejects are written to their own file): keep the log quiet.
DEFAULT_DROPITEM_LOG_LEVEL = "DEBUG"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
# Scrapy's remote-control HTTP endpoint (code execution behind a token in a job file) has no place in
# unattended scheduled jobs either.
REMOTE_CONTROL_ENABLED = False
# Scrapy imports every listed component, disabled ones included, to read its settings key: take
# the remote control out of the base list so that its aiohttp server stack (~0.1 s) is not loaded.
EXTENSIONS_BASE = {name: order for name, order in _scrapy_defaults.EXTENSIONS_BASE.items()
                   if not name.endswith(".RemoteControl")}

# Scrapy starts CONCURRENT_ITEMS tasks for every response, one item or 150; these start as items
# wait for them (crawler/scraping.py).
EXTENSIONS = {"crawler.scraping.ItemWorkersAsNeeded": 0}

# --- splog ----------------------------------------------------------------------------------------
# Refuse loopback, private, link-local and reserved addresses (also after redirects) unless True.
SPLOG_ALLOW_PRIVATE_HOSTS = False
# Output: records JSONL (None: data/output/<job>.jsonl); rejects and manifest sit beside it.
SPLOG_OUTPUT = None
SPLOG_JOB_ID = None
# Extra directories of rule files (*.toml) added to the built-in signature rules.
SPLOG_RULES_DIRS = []
# Extraction: "auto" uses a template's post-body container when there is exactly one, else
# trafilatura; "trafilatura" always runs trafilatura on the whole page.
SPLOG_EXTRACTOR = "auto"
# Worker processes for extraction (0: one per core) and the per-page time limit in seconds.
SPLOG_WORKERS = 0
SPLOG_EXTRACT_TIMEOUT = 20.0
# Records/rejects are flushed and fsynced every N lines (and at the end of the run).
SPLOG_FLUSH_EVERY = 100
# State between runs (SQLite file; None: every run is complete and stateless). With state, a run
# asks feeds only for what changed and emits only new or changed posts; SPLOG_FULL re-crawls all.
SPLOG_STATE = None
SPLOG_FULL = False
# --since: only posts published at or after this UTC time (ISO 8601; None: all). Feeds and APIs are
# asked for them (WordPress's `after`, Blogger's `published-min`), listed posts and sitemap URLs
# dated before it are not fetched, and a fetched page dated before it is counted as before_since.
SPLOG_SINCE = None
# Set by --job-dir when an earlier attempt of the same job left output behind: append and skip
# what it already wrote.
SPLOG_RESUME = False
# A finished run fails (non-zero exit) when rejects / (records + rejects) exceeds this.
SPLOG_MAX_REJECT_RATIO = 0.25
# Copy index shared through Redis (redis://host:port/db) by every machine of a job; None: the
# state file's SQLite index (or an in-memory one for stateless runs).
SPLOG_REDIS_URL = None
# --resolve-short-links: follow ift.tt-style links with HEAD requests to fill source.url; at most
# SPLOG_RESOLVE_MAX requests a run (each distinct link is asked once; hops count separately).
SPLOG_RESOLVE_SHORT_LINKS = False
SPLOG_RESOLVE_MAX = 2000
# Feeds and APIs first (one request brings 100-150 whole posts); False: sitemaps and page links only.
SPLOG_USE_FEEDS = True
# A post split over several pages (WordPress's <!--nextpage-->, a slideshow site's page 2, 3…) is
# fetched page by page up to this many pages, and its record's text joins them; 1 reads page 1 only.
SPLOG_MAX_POST_PAGES = 20
# A host's Retry-After (429, or 503) is honoured up to this many seconds between its requests.
SPLOG_RETRY_AFTER_MAX = 60.0
# A robots.txt Crawl-delay (for our user agent) is honoured up to this many seconds; 0 ignores it.
SPLOG_CRAWL_DELAY_MAX = 30.0
# Blogger feeds: 150 posts a request is the page size known to be served in full (DESIGN §5).
SPLOG_BLOGGER_PAGE_SIZE = 150
# WordPress REST: 100 is the API's maximum per_page.
SPLOG_WP_PAGE_SIZE = 100
# Feed pages (each 100-150 whole posts, up to DOWNLOAD_MAXSIZE; blogs' first pages and later ones) are
# asked for at most this many at a time across the crawl: each stays in memory with its posts until
# they are extracted, and asking for every page of every big blog at once held ~30-40 of them in the
# main process.
# 0: four per extraction worker, at least 8 (the workers, not the feeds, are what posts wait for).
SPLOG_FEED_WINDOW = 0
