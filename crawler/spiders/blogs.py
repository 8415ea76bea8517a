"""Spider `blogs`: detect each blog's platform, find its posts feed-first, yield RawPost items only."""

from __future__ import annotations

import os
import re
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree, html as lxml_html
from scrapy import Request, Selector, Spider, signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from scrapy.utils.response import get_base_url
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from crawler import stats
from crawler.discovery import (SITEMAP_MAX_BYTES, DiscoveryError, Entry, parse_blogger_json, parse_feed, parse_sitemap,
                               parse_wp_posts, parse_xml_feed, robots_sitemaps, without_leading_noise)
from crawler.errors import reason_of
from crawler.links import (classify_links, first_url, host_root, in_folder, is_home, is_post_url, lists_no_posts,
                           might_be_post, post_pages, seed_blog_root, sitemap_listings)
from crawler.jobs import crawl_state
from crawler.offline import decode_html, markup_survived, utf8_mislabelled
from crawler.params import CrawlParams, parse_params, since_setting
from pipelines import operator_ids
from pipelines.export import default_paths, done_urls
from pipelines.htmltext import ended_early, opened_html_tag
from pipelines.metadata import home_name, joined, read_meta, resolve_base, same_site
from pipelines.normalize import canonical_url, to_utc
from pipelines.operator_ids import IdRule
from pipelines.rules import load_id_rules, site_host
from pipelines.state import BlogState, PostState
from schemas.raw import BlogInfo, RawPost

HTML_TYPES = (b"text/html", b"application/xhtml+xml")
# A feed page over DOWNLOAD_MAXSIZE (posts with heavy markup) is asked for again in smaller pages,
# down to this many posts; past that it is a too_large reject and the blog's next strategy is tried.
MIN_FEED_PAGE = 5
# the ways into a blog that list its posts: its first pages, when one fails, lead on to the next way
FEED_KINDS = ("blogger-feed", "wp-json", "rss-feed", "site-feed")
# how a server says it does not offer a feed or an API (switched off, or closed to visitors)
CLOSED = ("http_401", "http_403", "http_404", "http_410")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def _carry(meta: dict) -> dict:
    """The discovery state a follow-up request inherits (never Scrapy's own meta keys), and the form
    a Blogger feed is read in (`blogger_atom`: its Atom feed, the JSON one having failed)."""
    carried = {"strategies": meta.get("strategies", []), "home": meta.get("home")}
    if meta.get("blogger_atom"):
        carried["blogger_atom"] = True
    return carried


# The way in that lists the same posts as a feed kind, when that one fails: Blogger's Atom feed after
# its JSON one, WordPress's /feed/ after its REST API (which a security plugin may answer with an
# error or a page).
_SAME_POSTS = {"blogger-feed": "blogger-atom", "wp-json": "rss-feed"}


def _same_posts_next(meta: dict) -> bool:
    """Whether the way in asked for after a failed first feed page lists the same posts."""
    following = meta.get("strategies") or [None]
    return following[0] is not None and _SAME_POSTS.get(meta.get("kind")) == following[0]


def _seed_document(body: bytes) -> str | None:
    """"sitemap" or "feed" when a seed URL answers with one of those (sniffed from the body, as servers
    label them every way: text/xml, application/xml, application/rss+xml, text/plain...); None for a page."""
    head = without_leading_noise(body[:8192])[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")  # (a plugin's warnings first)
    if head.startswith(b"\x1f\x8b"):  # sitemap.xml.gz, served as a file
        return "sitemap"
    if head.startswith((b"{", b"[")) or _JSONP.match(head):  # Blogger ?alt=json, the WordPress REST API
        return "feed"
    if not head.startswith(b"<"):
        return None
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if _FEED_ROOT.search(head) and not _HTML_ROOT.search(head):
        return "feed"
    return None


_JSONP = re.compile(rb"[\w.$]+\s*\(\s*[{\[]")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_ROOT = re.compile(rb"<(html|body)[\s>]", re.I)


def _page_tree(text: str) -> etree._Element:
    """A seed or home page's tree; parsed again with its <html> opened when a self-closed <html …/>
    left libxml2 an empty document (its links, feeds and platform were lost); with more after its
    </body> or </html>, read as part of the body (ended_early)."""
    parser = lxml_html.HTMLParser(encoding="utf-8")
    tree = lxml_html.document_fromstring(ended_early(text).encode("utf-8"), parser=parser)
    if len(tree) == 0 and (opened := opened_html_tag(text)) is not text:
        tree = lxml_html.document_fromstring(opened.encode("utf-8"), parser=parser)
    return tree


@dataclass(slots=True)
class _PagedPost:
    """A post split over several pages while its later pages are fetched."""

    first: RawPost  # page 1
    wanted: dict[int, str]  # page number -> URL, as the pages fetched so far link them
    got: dict[int, str] = field(default_factory=dict)  # page number -> its HTML
    missing: int = 0  # pages that could not be fetched


def _decode(response: TextResponse, rules_dirs: tuple[str, ...] = ()) -> str:
    """The page text. UTF-8 bytes labelled with a one-byte charset ("charset=ISO-8859-1", a server's
    default) are read as UTF-8; bytes that declare no charset (Scrapy would read them as
    Windows-1252), that are not the UTF-8 they are labelled, or whose declared charset loses their
    markup (ASCII declared UTF-16), by their <meta>, as UTF-8, or in the charset they read best in
    (a windows-1251 or Shift_JIS page served without a charset, a Turkish one in Windows-1254: the
    rules directories' charsets.toml tables too)."""
    if utf8_mislabelled(response.body, response.encoding):
        return response.body.decode("utf-8")
    if response._declared_encoding() is None:  # (nothing said: not Scrapy's Windows-1252 guess)
        return decode_html(response.body, rules_dirs=rules_dirs)
    text = response.text
    if not markup_survived(response.body, text):
        return decode_html(response.body, rules_dirs=rules_dirs)
    if "\ufffd" in text and response.encoding.lower().replace("-", "") == "utf8":
        broken = text.count("\ufffd")
        if sum(1 for ch in text if ord(ch) > 127) - broken < 10 * broken:  # (not UTF-8 with a stray byte)
            return decode_html(response.body, rules_dirs=rules_dirs)  # (its <meta>, else the charset it reads best in)
    return text


def _header_encoding(response: Response) -> str | None:
    """The encoding a response's Content-Type header names (as Python's codec; None for none)."""
    return http_content_type_encoding(response.headers.get(b"Content-Type", b"").decode("latin-1"))


def _read_json(parse: Callable[[str | bytes], Any], response: Response) -> Any:
    """parse() over a JSON feed's bytes, which json.loads reads as UTF-8 (JSON's encoding): the
    decoded copy that response.text would keep on the response (as big as the page; a crawl of big
    blogs holds dozens of feed pages at once while their posts are extracted) is never made. A body
    declared in another charset, or not valid UTF-8, is read through Scrapy's decoding instead."""
    if not isinstance(response, TextResponse):
        return parse(response.body)
    declared = _header_encoding(response)
    if declared in (None, "utf-8"):
        try:
            return parse(response.body)
        except DiscoveryError:
            pass  # mislabelled: let Scrapy's decoding have a go
    return parse(response.text)


def _site_feed(feeds: list[tuple[str, str]]) -> str | None:
    """The feed a site's home page names first (RSS, Atom or a JSON Feed), leaving out comment feeds."""
    return next((href for _kind, href in feeds if "comment" not in href.lower()), None)


def _with_query(url: str, **params: Any) -> str:
    """url with these query parameters set (others kept, in order)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    return urlunsplit(parts._replace(query=urlencode(query + [(k, str(v)) for k, v in params.items()])))


def _platform_root(root: str, platform: str, api_root: str | None) -> str:
    """A blog's home URL once its platform is known: a Blogger blog is its whole host; a WordPress
    blog is where its REST API is installed (example.com/news/wp-json/ is the blog example.com/news/)."""
    if platform == "blogger":
        return host_root(root)
    if platform == "wordpress" and api_root:
        parts = urlsplit(api_root)
        if "/wp-json" in parts.path and parts.netloc.lower() == urlsplit(root).netloc.lower():
            return f"{parts.scheme}://{parts.netloc}" + parts.path.split("/wp-json", 1)[0] + "/"
    return root


class BlogsSpider(Spider):
    name = "blogs"

    def __init__(self, seeds: str | list[str] | None = None, seeds_file: str | None = None,
                 max_posts_per_blog: int | str | None = None, max_pages_per_blog: int | str | None = None,
                 params: CrawlParams | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.params = params or parse_params(seeds=seeds, seeds_file=seeds_file,
                                             max_posts_per_blog=max_posts_per_blog,
                                             max_pages_per_blog=max_pages_per_blog)
        self.seen: set[str] = set()  # canonical URLs of posts already emitted or requested
        self.per_blog: dict[str, int] = {}
        self.pages_per_blog: dict[str, int] = {}
        self.done: set[str] = set()  # URLs written by an earlier attempt of this job (resume)
        self.state = None
        self.full = False
        self.blogs: dict[str, BlogState] = {}  # what this run learned, saved to the state at the end
        self.since: dict[str, str] = {}  # per blog: newest update seen by the last complete crawl
        self.blog_errors: set[str] = set()
        self.sitemaps_asked: set[tuple[str, str]] = set()  # (blog URL, canonical sitemap URL)
        self.sitemaps_open: Counter[str] = Counter()  # per blog: its sitemaps asked for and not yet answered
        self.sitemap_posts: set[str] = set()  # blogs one of whose sitemaps listed posts
        self.robots_read: dict[str, list[str]] = {}  # site (host:port) -> its robots.txt's Sitemap: lines
        self.listed: set[str] = set()  # blogs whose feeds, sitemaps or pages listed a post (new or not)
        self.empty_warned: set[str] = set()
        # feed pages wait here and go out SPLOG_FEED_WINDOW at a time (see _issue_feeds)
        self.feed_backlog: deque[Request] = deque()
        self.first_feeds: set[str] = set()
        self.failed_feeds: set[str] = set()  # first feed pages that failed: a blog met again goes past them
        self.feeds_open = 0
        self.feed_window = 8
        self.id_rules: tuple[IdRule, ...] = load_id_rules()  # (with the rules dirs': from_crawler)
        self.rules_dirs: tuple[str, ...] = ()  # (the user's: from_crawler; their charsets.toml tables)
        self.max_post_pages = 20  # (SPLOG_MAX_POST_PAGES: from_crawler)

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """Give every run a job id: the CLI's, else scrapyd's job id, else UTC time + random suffix."""
        super().update_settings(settings)
        if not settings.get("SPLOG_JOB_ID"):
            import os

            from pipelines.export import new_job_id

            settings.set("SPLOG_JOB_ID", os.environ.get("SCRAPY_JOB") or new_job_id(), priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> BlogsSpider:
        from crawler.suffixes import offline_suffixes

        offline_suffixes()  # (before the crawler's set-up loads the cookies middleware)
        spider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        spider.state = crawl_state(crawler)
        spider.full = s.getbool("SPLOG_FULL")
        spider.not_before = since_setting(s.get("SPLOG_SINCE"))
        if s.getbool("SPLOG_RESUME"):
            records, rejects, _ = default_paths(s.get("SPLOG_OUTPUT"), s.get("SPLOG_JOB_ID"))
            spider.done = {canonical_url(u) for u in done_urls(records, rejects)}
        from pipelines.workers import worker_count

        workers = worker_count(s.getint("SPLOG_WORKERS"))
        spider.feed_window = max(1, s.getint("SPLOG_FEED_WINDOW") or max(8, 4 * workers))
        spider.rules_dirs = tuple(s.getlist("SPLOG_RULES_DIRS"))
        spider.id_rules = load_id_rules(spider.rules_dirs)
        spider.max_post_pages = max(1, s.getint("SPLOG_MAX_POST_PAGES"))
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    # --- feed pages, a window at a time -------------------------------------------------------------
    def _queue_feeds(self, requests: Iterable[Request], first: bool = False) -> None:
        """Hold feed pages back until the window has room: a blog's first page as discovery finds the
        feed (a crawl of hundreds of blogs would otherwise have all their first pages out and in
        memory at once), its later pages as the first one names them. `first`: ahead of the others
        (a page split because it was too large stands for one that was already out)."""
        held = [r.replace(dont_filter=True, meta={**r.meta, "windowed": True}) for r in requests]
        if first:
            self.feed_backlog.extendleft(reversed(held))
        else:
            self.feed_backlog.extend(held)

    def _issue_feeds(self) -> Iterator[Request]:
        while self.feed_backlog and self.feeds_open < self.feed_window:
            self.feeds_open += 1
            yield self.feed_backlog.popleft()

    def _feed_done(self, request: Request) -> Iterator[Request]:
        """A feed page's callback (or errback) has finished: its place in the window is free."""
        if request.meta.get("windowed"):
            self.feeds_open -= 1
        yield from self._issue_feeds()

    def _idle(self) -> None:
        """Never close with feed pages held back (a windowed request that ended without its callback
        or errback would otherwise hold its place for good)."""
        self._note_empty_blogs()
        if not self.feed_backlog:
            return
        self._count("discovery", "feed_window_reopened")
        self.feeds_open = 0
        released = list(self._issue_feeds())
        for request in released:
            self.crawler.engine.crawl(request)
        if released:
            raise DontCloseSpider

    def _note_empty_blogs(self) -> None:
        """A blog whose home page was read but where no feed, sitemap or page listed a single post is
        not silent: a warning names it, and the manifest counts it (discovery.blogs_without_posts).
        (A blog crawled before, asked only for what changed, may rightly list none.)"""
        empty = [url for url in self.blogs if url not in self.listed and url not in self.since]
        for url in empty:
            if url not in self.empty_warned:
                self.empty_warned.add(url)
                self.logger.warning("blog %s listed no posts (platform %s): no feed, sitemap or page link "
                                    "of it led to one", url, self.blogs[url].platform)
        self.crawler.stats.set_value(stats.key("discovery", "blogs_without_posts"), len(empty))

    # --- bookkeeping -------------------------------------------------------------------------------
    def _count(self, *parts: str) -> None:
        self.crawler.stats.inc_value(stats.key(*parts))

    def _claim(self, url: str, blog: BlogInfo) -> bool:
        """True the first time a post URL is seen (and while the blog is under its post limit)."""
        key = canonical_url(url)
        if key in self.seen:
            self._count("discovery", "duplicate_post_urls")
            return False
        if key in self.done:
            self.seen.add(key)
            self._count("discovery", "done_in_earlier_attempt")
            return False
        limit = self.params.max_posts_per_blog
        if limit and self.per_blog.get(blog.url, 0) >= limit:
            return False
        self.seen.add(key)
        self.per_blog[blog.url] = self.per_blog.get(blog.url, 0) + 1
        return True

    def _reject(self, url: str, blog: BlogInfo, reason: str, detail: str, via: str = "page",
                source: str | None = None) -> RawPost | None:
        self.blog_errors.add(blog.url)
        if canonical_url(url) in self.done:
            return None
        return RawPost(url=url, blog=blog, via=via, fetched_at=_now(), error=reason, error_detail=detail,
                       source=source)

    # --- start: seeds -----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request | RawPost]:
        for seed in self.params.seeds:
            root = seed_blog_root(seed)
            blog = BlogInfo(url=root, host=(urlsplit(seed).hostname or "").lower())
            given_home = seed.split("#")[0].rstrip("/") == root.rstrip("/")
            known = self._known_blog(blog.url) if self.state and not self.full and given_home else None
            if known is not None:
                # A blog crawled before: straight to its feed (or sitemap), asking only for what changed
                # (since its newest post's update time; a blog whose listings give no time: all, less
                # the posts the state has a record of).
                blog = BlogInfo(known.url, urlsplit(known.url).hostname or blog.host, known.platform, known.name,
                                known.ui_language, operator_ids.from_text(known.ids))
                self.blogs[blog.url] = known
                self.since[blog.url] = known.newest_updated
                self._count("discovery", "known_blogs")
                strategies = {"blogger": ["blogger-feed", "blogger-atom", "home"],
                              "wordpress": ["rss-feed" if known.feed else "wp-json", "home"]}.get(
                    known.platform, (["site-feed"] if known.api_root else []) + ["sitemap", "home"])
                feeds = [("rss", known.feed)] if known.feed else []
                home = {"api": known.api_root, "seed": seed, "feeds": feeds}
                if known.ids is None:  # (a state from before operator ids were kept: its home page, once)
                    yield Request(blog.url, callback=self.parse_home_ids, errback=self.home_ids_failed,
                                  cb_kwargs={"blog": blog, "strategies": strategies, "home": home},
                                  meta={"kind": "home-ids"}, dont_filter=True)
                    continue
                for item in self._fallback(blog, strategies, home):
                    yield item
                continue
            yield Request(seed, callback=self.parse_seed, errback=self.failed,
                          cb_kwargs={"blog": blog}, meta={"kind": "seed"}, dont_filter=True)

    def parse_home_ids(self, response: Response, blog: BlogInfo, strategies: list[str],
                       home: dict) -> Iterator[Any]:
        """A known blog's home page read for the operator ids its state does not hold, then its crawl
        as the state says (its feed, asking only for what changed)."""
        if isinstance(response, TextResponse) and host_root(response.url) == host_root(blog.url):
            ids = tuple(operator_ids.find_ids(_decode(response, self.rules_dirs), "home", self.id_rules))
            self.blogs[blog.url].ids = operator_ids.as_text(ids)
            blog = replace(blog, ids=ids)
            self._count("discovery", "home_pages_for_ids")
        yield from self._fallback(blog, strategies, home)

    def home_ids_failed(self, failure: Failure) -> Iterator[Any]:
        """That home page could not be read: the crawl goes on without its ids (read again next time)."""
        kwargs = failure.request.cb_kwargs
        yield from self._fallback(kwargs["blog"], kwargs["strategies"], kwargs["home"])

    def _known_blog(self, root: str) -> BlogState | None:
        """The state's record of the blog at root, or at the same host by https or http, with or
        without www. (where a seed that moved there was crawled before: see parse_seed)."""
        parts = urlsplit(root)
        host = parts.netloc.lower()
        other = host.removeprefix("www.") if host.startswith("www.") else "www." + host
        for scheme in dict.fromkeys((parts.scheme, "https", "http")):
            for netloc in (host, other):
                known = self.state.get_blog(f"{scheme}://{netloc}{parts.path}")
                if known is not None:
                    return known
        return None

    def failed(self, failure: Failure) -> Iterator[RawPost]:
        """A request that ended in an error: a reject for the post, or for the discovery page."""
        request = failure.request
        reason, detail = reason_of(failure)
        blog = request.cb_kwargs.get("blog") or BlogInfo(url=request.url, host=urlsplit(request.url).hostname or "")
        kind = request.meta.get("kind", "page")
        if reason == "too_large" and kind in ("blogger-feed", "wp-json"):
            smaller = list(self._smaller_feed_pages(request, kind))
            if smaller:  # heavy posts: the same posts in smaller pages, not a reject and a fallback
                self._count("discovery", "feed_pages_split")
                self._queue_feeds(smaller, first=True)
                yield from self._feed_done(request)
                return
        if reason == "too_large" and kind == "seed" and (is_home(request.url) or not is_post_url(request.url)):
            yield from self._past_huge_home(request, blog, detail)
            return
        self._count("discovery", "failed", kind)
        if reason == "too_large" and kind == "blogger-feed" and _same_posts_next(request.meta):
            # (the Atom feed holds the same posts, in more bytes)
            request.meta["strategies"] = request.meta["strategies"][1:]
        first = kind in FEED_KINDS and request.cb_kwargs.get("page", 1) == 1 and request.cb_kwargs.get("start", 1) == 1
        if first:
            self.failed_feeds.add(request.url)
        guessed = (request.meta.get("home") or {}).get("guessed")  # (a feed asked for blind: see _past_huge_home)
        if first and (reason in CLOSED or guessed or _same_posts_next(request.meta)) and request.meta.get("strategies"):
            # a feed or API the blog does not offer (switched off, or closed to visitors: 401/403/404/410;
            # or in any failure when the next way in lists the same posts: _same_posts_next) with another way in
            # after it: as a missing /sitemap.xml, not a page lost; the blog's crawl is still whole, so an
            # incremental run starts from its state the next time
            self._count("discovery", "closed", kind)
        else:
            reject = self._reject(first_url(request.meta, request.url), blog, reason, f"{kind}: {detail}", via="page")
            if reject is not None:
                yield reject
        if kind in ("blogger-feed", "wp-json", "rss-feed", "site-feed", "seed-home"):
            yield from self._fallback(blog, request.meta.get("strategies", []), request.meta.get("home"))
        if kind in ("blogger-feed", "wp-json"):
            yield from self._feed_done(request)

    def _past_huge_home(self, request: Request, blog: BlogInfo, detail: str) -> Iterator[Any]:
        """A home page over DOWNLOAD_MAXSIZE (a theme that prints hundreds of whole posts on it) is
        only one way in: the platform's feed (Blogger's on blogspot.com, a site's /feed/ elsewhere)
        and the sitemap are asked for instead, without its platform or links. Counted and logged; the
        blog is remembered like any other, and is named as listing no posts if none of them led to one."""
        self._count("discovery", "homes_too_large")
        self.logger.warning("home page %s is too large (%s): reading its feed and sitemap without it",
                            request.url, detail)
        if host_root(request.url) != host_root(blog.url):  # (the seed redirected to the blog's new home)
            blog = BlogInfo(url=seed_blog_root(request.url), host=(urlsplit(request.url).hostname or "").lower())
        blogger = (blog.host or "").endswith(".blogspot.com")
        platform = "blogger" if blogger else "generic"
        blog = BlogInfo(url=blog.url, host=blog.host, platform=platform)
        self.blogs.setdefault(blog.url, BlogState(blog.url, platform, None, None, None))
        strategies = ["blogger-feed", "blogger-atom", "sitemap"] if blogger else ["site-feed", "sitemap"]
        yield from self._fallback(blog, strategies, {"seed": blog.url, "guessed": True})

    def parse_seed(self, response: Response, blog: BlogInfo) -> Iterator[Any]:
        seed = first_url(response.meta, response.url)
        if seed != response.url and is_home(response.url) and not is_home(seed) and is_post_url(seed):
            # a post given as a seed that now leads to a home page is gone: not a way into the whole blog
            self._count("discovery", "redirects_to_home")
            yield from filter(None, [self._reject(seed, blog, "redirect_to_home", f"redirects to {response.url}")])
            return
        given = _seed_document(response.body)
        if given == "sitemap":  # its posts (and its child sitemaps'); the blog's home page if it lists none
            self._count("discovery", "seed_sitemaps")
            response.meta.update(strategies=["home"], home={"seed": blog.url})
            self.sitemaps_open[blog.url] += 1  # (as if asked for by _sitemap_requests)
            yield from self.parse_sitemap(response, blog)
            return
        if given == "feed":  # a way into the blog: crawled as from its home page (platform, UI language, paging)
            self._count("discovery", "seed_feeds")
            yield from self._fallback(blog, ["home"], {"seed": blog.url})
            return
        if not isinstance(response, TextResponse) or not response.headers.get(b"Content-Type", b"text/html").lower().startswith(HTML_TYPES):
            yield from filter(None, [self._reject(response.url, blog, "not_html", response.headers.get(b"Content-Type", b"").decode("latin-1"))])
            return
        text = _decode(response, self.rules_dirs)
        try:
            tree = _page_tree(text)
            resolve_base(tree)
        except (etree.ParserError, ValueError):
            yield from filter(None, [self._reject(response.url, blog, "unparsable_html", "seed page")])
            return
        meta = read_meta(tree, response.url)
        home = is_home(response.url) or not is_post_url(response.url)
        if host_root(response.url) != host_root(blog.url):
            # the seed led to another origin (http to https, a new domain, www. added): the blog is
            # there now, its posts, page links and feeds are; left at the seed's, no page link of it
            # was the blog's own, and a site without a sitemap or feed gave no post at all
            self._count("discovery", "seeds_moved")
            blog = BlogInfo(url=seed_blog_root(response.url), host=(urlsplit(response.url).hostname or "").lower())
        blog = BlogInfo(url=_platform_root(blog.url, meta.platform, meta.wp_api_root), host=blog.host,
                        platform=meta.platform, name=home_name(tree, meta) if home else meta.site_name,
                        ui_language=meta.ui_language,
                        # (the template's ids, read once for all the blog's posts; a post's page is read for
                        # them when the seed was a post)
                        ids=tuple(operator_ids.find_ids(text, "home", self.id_rules)) if home else None)
        self.crawler.stats.set_value(f"{stats.PLATFORM_BY_SITE}/{urlsplit(response.url).netloc.lower()}", meta.platform)
        if home:
            # (api_root: WordPress's REST root; a generic site's own feed, read first next time too)
            api_root = meta.wp_api_root if meta.platform in ("blogger", "wordpress") else _site_feed(meta.feeds)
            self.blogs[blog.url] = BlogState(blog.url, meta.platform, blog.name, blog.ui_language, api_root,
                                             ids=operator_ids.as_text(blog.ids))
        if not home:
            if self._claim(response.url, blog):
                yield self._page_item(response, blog, text, {})
            return
        self._count("discovery", "home_pages")
        if not self.settings.getbool("SPLOG_USE_FEEDS"):
            strategies = ["sitemap", "links"]
        elif meta.platform == "blogger":  # (its JSON feed; its Atom feed when that fails; the sitemap)
            strategies = ["blogger-feed", "blogger-atom", "sitemap", "links"]
        elif meta.platform == "wordpress":
            strategies = ["wp-json", "rss-feed", "sitemap", "links"]
        else:  # a site's own feed gives its newest posts whole; its sitemap lists the rest
            strategies = (["site-feed"] if _site_feed(meta.feeds) else []) + ["sitemap", "links"]
        # (the home page's links as written, for the last strategy: read against its URL only when a
        # blog gets that far, ~5 ms for a theme's ~330 links, while its sitemap request waits)
        home_links = [(href, " ".join(a.itertext()), a.get("rel", "")) for a in tree.iter("a")
                      if (href := a.get("href"))]
        yield from self._fallback(blog, strategies, {"hrefs": home_links, "api": meta.wp_api_root,
                                                     "feeds": meta.feeds, "url": response.url})

    # --- strategies, in order; each failure moves to the next -------------------------------------
    def _fallback(self, blog: BlogInfo, strategies: list[str], home: dict | None) -> Iterator[Any]:
        if not strategies:
            return
        first, rest = strategies[0], strategies[1:]
        meta = {"strategies": rest, "home": home}
        self._count("discovery", "strategy", first)
        if first in ("blogger-feed", "blogger-atom", "wp-json"):
            request = (self._blogger_request(blog, 1, {**meta, "blogger_atom": first == "blogger-atom"})
                       if first != "wp-json" else self._wp_request(blog, (home or {}).get("api"), 1, meta))
            if request.url not in self.first_feeds:  # (a blog given twice is asked once)
                self.first_feeds.add(request.url)
                self._queue_feeds([request])
                yield from self._issue_feeds()
            elif request.url in self.failed_feeds:  # (a known blog's feed failed, and its home page led back to it)
                yield from self._fallback(blog, rest, home)
        elif first == "rss-feed":
            feeds = [href for kind, href in (home or {}).get("feeds", []) if "rss" in kind]
            url = feeds[0] if feeds else urljoin(blog.url, "feed/")
            yield Request(url, callback=self.parse_rss, errback=self.failed, cb_kwargs={"blog": blog, "page": 1},
                          meta={**meta, "kind": "rss-feed"})
        elif first == "site-feed":
            yield Request(_site_feed((home or {}).get("feeds", [])) or (home or {}).get("api") or urljoin(blog.url, "feed/"),
                          callback=self.parse_rss, errback=self.failed, cb_kwargs={"blog": blog, "page": 1},
                          meta={**meta, "kind": "site-feed"}, dont_filter=True)
        elif first == "sitemap":  # /sitemap.xml first (or those the last run found); robots.txt's if missing
            known = self.blogs.get(blog.url)
            where = known.sitemaps.split("\n") if known is not None and known.sitemaps else [urljoin(blog.url, "sitemap.xml")]
            yield from self._sitemap_requests(blog, where, {**meta, "robots": True, "top": True})
        elif first == "robots-sitemaps":
            robots = urljoin(blog.url, "/robots.txt")
            read = self.robots_read.get(urlsplit(robots).netloc.lower())
            if read is not None:  # (read already, before the blog's first request)
                yield from self._robots_found(blog, read, robots, meta)
            else:
                yield Request(robots, callback=self.parse_robots, errback=self.robots_failed,
                              cb_kwargs={"blog": blog}, meta={**meta, "kind": "robots"}, dont_filter=True)
        elif first == "home":  # a known blog whose feed failed: start over from its home page
            yield Request((home or {}).get("seed", blog.url), callback=self.parse_seed, errback=self.failed,
                          cb_kwargs={"blog": blog}, meta={"kind": "seed"}, dont_filter=True)
        elif first == "links":
            page = (home or {}).get("url", blog.url)
            # (a link that does not parse: skipped; "links": as a job queued by an earlier version has them)
            links = [(url, text, rel) for href, text, rel in (home or {}).get("hrefs") or (home or {}).get("links") or []
                     if (url := joined(page, href)) is not None]
            yield from self._follow_links(blog, links, page)

    def _before_since(self, value: str | None) -> bool:
        """With --since: the listing's date of a post is before it (such a post is not fetched or read)."""
        if self.not_before is None or not value:
            return False
        stamp = to_utc(value)
        if stamp is None or stamp >= self.not_before:
            return False
        self._count("discovery", "before_since_skipped")
        return True

    # --- Blogger ----------------------------------------------------------------------------------
    def _since(self, blog: BlogInfo) -> str | None:
        """The newest update time seen in the last complete crawl of the blog (None: everything)."""
        return None if self.full else self.since.get(blog.url)

    def _blogger_request(self, blog: BlogInfo, start: int, meta: dict, size: int | None = None) -> Request:
        size = size or self.settings.getint("SPLOG_BLOGGER_PAGE_SIZE")
        # the JSON feed (the lightest to read), or the Atom feed, Blogger's default, when the JSON one
        # failed: a Blogger whose legacy API answers no JSON any more, a host that copies Blogger's feeds
        params: dict[str, Any] = ({} if meta.get("blogger_atom") else {"alt": "json"}) | {"start-index": start,
                                                                                         "max-results": size}
        since = self._since(blog)
        if since:  # Blogger applies updated-min (inclusive) only with orderby=updated
            params.update({"orderby": "updated", "updated-min": since})
        if self.not_before is not None:  # (a feed that ignores it is filtered here as well)
            params["published-min"] = self.not_before.isoformat()
        query = urlencode(params)
        return Request(urljoin(blog.url, f"feeds/posts/default?{query}"), callback=self.parse_blogger,
                       errback=self.failed, cb_kwargs={"blog": blog, "start": start},
                       meta={**meta, "kind": "blogger-feed", "page_size": size})

    def parse_blogger(self, response: Response, blog: BlogInfo, start: int) -> Iterator[Any]:
        try:
            page = (_read_json(parse_blogger_json, response) if response.body.lstrip()[:1] in (b"{", b"/")
                    or b"(" in response.body[:40] else parse_xml_feed(response.body, response.url,
                                                                     _header_encoding(response), self.rules_dirs))
        except (DiscoveryError, AttributeError) as exc:
            if start == 1 and _same_posts_next(response.meta):  # (the same posts are asked for as Atom next)
                self._count("discovery", "closed", "blogger-feed")
            else:
                yield from filter(None, [self._reject(response.url, blog, "bad_feed", str(exc)[:200])])
            yield from self._fallback(blog, response.meta.get("strategies", []), response.meta.get("home"))
            yield from self._feed_done(response.request)
            return
        self._count("discovery", "feed_pages")
        blog = replace(blog, name=blog.name or page.title)
        yield from self._entries(response, blog, page.entries, "blogger-feed")
        if start == 1 and not page.entries:
            yield from self._empty_feed(response, blog)
        asked = response.meta["page_size"]
        if start == 1 and page.entries:
            size = len(page.entries)
            if page.total:
                self._queue_feeds(self._blogger_request(blog, nxt, _carry(response.meta), asked)
                                  for nxt in range(1 + size, page.total + 1, size))
            elif page.next_url:
                self._queue_feeds([self._blogger_request(blog, 1 + size, _carry(response.meta), asked)])
        elif page.total is None and page.next_url and page.entries:
            self._queue_feeds([self._blogger_request(blog, start + len(page.entries), _carry(response.meta), asked)])
        yield from self._feed_done(response.request)

    # --- WordPress --------------------------------------------------------------------------------
    def _wp_request(self, blog: BlogInfo, api_root: str | None, page: int, meta: dict,
                    size: int | None = None) -> Request:
        root = api_root or urljoin(blog.url, "wp-json/")
        size = size or self.settings.getint("SPLOG_WP_PAGE_SIZE")
        query = {"per_page": size, "page": page, "_embed": "author,wp:term"}
        since = self._since(blog)
        if since:
            query["modified_after"] = since
        if self.not_before is not None:  # (published after; an API that ignores it is filtered here as well)
            query["after"] = self.not_before.isoformat()
        if "rest_route=" in root:
            url = root.split("rest_route=")[0] + urlencode({"rest_route": "/wp/v2/posts", **query})
        else:
            url = urljoin(root if root.endswith("/") else root + "/", "wp/v2/posts") + "?" + urlencode(query)
        return Request(url, callback=self.parse_wp, errback=self.failed,
                       cb_kwargs={"blog": blog, "page": page, "api_root": api_root},
                       meta={**meta, "kind": "wp-json", "page_size": size})

    def parse_wp(self, response: Response, blog: BlogInfo, page: int, api_root: str | None) -> Iterator[Any]:
        try:
            entries = _read_json(parse_wp_posts, response)
        except (DiscoveryError, AttributeError) as exc:
            if page == 1 and _same_posts_next(response.meta):  # (the same posts are asked for from /feed/ next)
                self._count("discovery", "closed", "wp-json")
            else:
                yield from filter(None, [self._reject(response.url, blog, "bad_feed", str(exc)[:200])])
            yield from self._fallback(blog, response.meta.get("strategies", []), response.meta.get("home"))
            yield from self._feed_done(response.request)
            return
        self._count("discovery", "feed_pages")
        yield from self._entries(response, blog, entries, "wp-json")
        if page == 1 and not entries:
            yield from self._empty_feed(response, blog)
        size = response.meta["page_size"]
        if page == 1:
            total_pages = response.headers.get(b"X-WP-TotalPages")
            if total_pages and total_pages.decode().isdigit():
                self._queue_feeds(self._wp_request(blog, api_root, n, _carry(response.meta), size)
                                  for n in range(2, int(total_pages.decode()) + 1))
            elif len(entries) >= size:
                self._queue_feeds([self._wp_request(blog, api_root, 2, _carry(response.meta), size)])
        elif response.headers.get(b"X-WP-TotalPages") is None and len(entries) >= size:
            self._queue_feeds([self._wp_request(blog, api_root, page + 1, _carry(response.meta), size)])
        yield from self._feed_done(response.request)

    def _empty_feed(self, response: Response, blog: BlogInfo) -> Iterator[Any]:
        """A feed or API whose first page lists no post, on a blog's first crawl (a later run's empty
        answer is "nothing new"): the next way in is asked as well (a plugin that empties the REST
        API for visitors, or limits it to another post type, left such a blog without a post)."""
        if self._since(blog):
            return
        self._count("discovery", "empty", response.meta.get("kind", "feed"))
        yield from self._fallback(blog, response.meta.get("strategies", []), response.meta.get("home"))

    def _smaller_feed_pages(self, request: Request, kind: str) -> Iterator[Request]:
        """The posts of a feed page that was over DOWNLOAD_MAXSIZE, asked for in pages a fraction
        of its size (none when it was already down to MIN_FEED_PAGE posts). A blog's first page
        comes again alone (its answer pages the rest at the new size); a later page is covered by
        the smaller pages that make it up."""
        size = request.meta["page_size"]
        factor = next((f for f in range(2, size + 1) if size % f == 0), 0)
        if size <= MIN_FEED_PAGE or not factor:
            return
        smaller, meta, blog = size // factor, _carry(request.meta), request.cb_kwargs["blog"]
        if kind == "blogger-feed":
            start = request.cb_kwargs["start"]
            for first in ([1] if start == 1 else range(start, start + size, smaller)):
                yield self._blogger_request(blog, first, meta, smaller)
        else:
            page, api_root = request.cb_kwargs["page"], request.cb_kwargs["api_root"]
            for n in ([1] if page == 1 else range((page - 1) * factor + 1, page * factor + 1)):
                yield self._wp_request(blog, api_root, n, meta, smaller)

    # --- RSS / Atom -------------------------------------------------------------------------------
    def parse_rss(self, response: Response, blog: BlogInfo, page: int) -> Iterator[Any]:
        try:
            feed = parse_feed(response.body, response.url, _header_encoding(response), self.rules_dirs)
        except DiscoveryError as exc:
            if page == 1 and (response.meta.get("home") or {}).get("guessed") and response.meta.get("strategies"):
                self._count("discovery", "closed", response.meta.get("kind", "rss-feed"))  # (no feed there)
            else:
                yield from filter(None, [self._reject(response.url, blog, "bad_feed", str(exc)[:200])])
            yield from self._fallback(blog, response.meta.get("strategies", []), response.meta.get("home"))
            return
        self._count("discovery", "feed_pages")
        if feed.unread:
            self.crawler.stats.inc_value(stats.key("discovery", "feed_items_unread"), feed.unread)
            self.logger.warning("feed %s is broken: %d of its items could not be read (its sitemap or page links "
                                "may list their posts)", response.url, feed.unread)
        if response.meta.get("kind") == "site-feed":
            # A site's own feed: its newest posts (whole, or summaries whose pages are fetched), paged
            # only by an Atom next link (RFC 5005); the sitemap, or the page links, then list the rest.
            # Items on other hosts are not its posts (a feed of another site's headlines in its head).
            blog = replace(blog, name=blog.name or feed.title)
            own = [e for e in feed.entries if site_host(e.url) == site_host(blog.url)]
            if len(own) < len(feed.entries):
                self.crawler.stats.inc_value(stats.key("discovery", "feed_posts_elsewhere"), len(feed.entries) - len(own))
            if blog.url != host_root(blog.url):  # a blog in a folder: the posts under it, if any are
                own = [e for e in own if in_folder(e.url, blog.url)] or own
            fresh = [e for e in own if canonical_url(e.url) not in self.seen]
            older = yield from self._entries(response, blog, own, feed.format)
            if fresh and feed.next_url and not (older and self.not_before is not None):  # (dont_filter: a next link back to a page read ends on "nothing new")
                yield Request(feed.next_url, callback=self.parse_rss, errback=self.failed, dont_filter=True,
                              cb_kwargs={"blog": blog, "page": page + 1}, meta={**_carry(response.meta), "kind": "site-feed"})
            else:
                yield from self._fallback(blog, response.meta.get("strategies", []), response.meta.get("home"))
            return
        known = self.blogs.get(blog.url)
        if page == 1 and known is not None and known.platform == "wordpress":
            known.feed = response.url  # (its REST API gave no posts: next time, this feed first)
        fresh = [e for e in feed.entries if canonical_url(e.url) not in self.seen]
        caught_up = yield from self._entries(response, blog, feed.entries, feed.format)
        # WordPress feeds page with ?paged=N (plain permalinks: ?feed=rss2&paged=N), every page as long
        # as the first but the last
        size = response.meta.get("first_size", len(feed.entries))
        if page > 1 and len(feed.entries) < size:
            self._count("discovery", "feed_end")
        elif caught_up:  # newest first: the pages after one that reached a post of the last run hold none new
            self._count("discovery", "feed_caught_up")
        elif fresh:
            yield Request(_with_query(response.url, paged=page + 1), callback=self.parse_rss, errback=self.rss_end,
                          cb_kwargs={"blog": blog, "page": page + 1},
                          meta={**_carry(response.meta), "kind": "rss-page", "first_size": size})
        else:  # a page with nothing new: a cache that answers every ?paged=N with the first page
            yield from self._rest_from_sitemap(blog, response.meta)

    def rss_end(self, failure: Failure) -> Iterator[Any]:
        """The page after a full one answers an error (404, as WordPress does past the last page; or a
        plugin that refuses paging): the feed may have listed every post or not, the sitemap tells."""
        self._count("discovery", "feed_end")
        yield from self._rest_from_sitemap(failure.request.cb_kwargs["blog"], failure.request.meta)

    def _rest_from_sitemap(self, blog: BlogInfo, meta: dict) -> Iterator[Any]:
        """A paged feed that stopped without a short last page may hold only a blog's newest posts:
        its sitemap lists the rest (the posts the feed gave are claimed already, so not fetched)."""
        if "sitemap" in meta.get("strategies", []):
            self._count("discovery", "feed_then_sitemap")
            yield from self._fallback(blog, ["sitemap"], meta.get("home"))

    # --- sitemaps ---------------------------------------------------------------------------------
    def note_robots(self, url: str, sitemaps: list[str]) -> None:
        """A site's robots.txt was read (by RobotsSitemaps, from Scrapy's robots.txt middleware)."""
        self.robots_read[urlsplit(url).netloc.lower()] = sitemaps

    def parse_robots(self, response: Response, blog: BlogInfo) -> Iterator[Any]:
        found = robots_sitemaps(response.text) if isinstance(response, TextResponse) else []
        yield from self._robots_found(blog, found, response.url, response.meta)

    def _robots_found(self, blog: BlogInfo, found: list[str], robots_url: str, meta: dict) -> Iterator[Any]:
        found = [url for url in (joined(robots_url, u) for u in found) if url]  # ("Sitemap: /sitemap.xml" too)
        guessed = canonical_url(urljoin(blog.url, "sitemap.xml"))
        found = self._post_sitemaps([u for u in found if canonical_url(u) != guessed])
        if not found and blog.url != host_root(blog.url):  # a blog in a folder: the site's sitemap
            found = [urljoin(blog.url, "/sitemap.xml")]
        if found:
            yield from self._sitemap_requests(blog, found, {**_carry(meta), "top": True})
        else:
            yield from self._fallback(blog, meta.get("strategies", []), meta.get("home"))

    def robots_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request
        yield from self._fallback(request.cb_kwargs["blog"], request.meta.get("strategies", []),
                                  request.meta.get("home"))

    def _changed_sitemaps(self, blog: BlogInfo, children: list[tuple[str, str | None]]) -> list[str]:
        """An index's child sitemaps, less those whose lastmod says nothing in them changed since the
        last complete crawl of the blog: no later than its newest post then, or for a date alone (in
        the site's time zone), two days or more before that post's in UTC. A blog with its posts in
        many sitemaps then costs two requests when unchanged."""
        since = to_utc(self._since(blog))
        if since is None:
            return [url for url, _lastmod in children]
        kept = []
        for url, lastmod in children:
            stamp = to_utc(lastmod) if lastmod else None
            day_only = bool(lastmod) and len(lastmod.strip()) <= 10
            if stamp is None or (stamp.date() >= since.date() - timedelta(days=1) if day_only else stamp > since):
                kept.append(url)
        if len(kept) < len(children):
            self.crawler.stats.inc_value(stats.key("discovery", "sitemaps_unchanged"), len(children) - len(kept))
        return kept

    def _post_sitemaps(self, urls: list[str]) -> list[str]:
        """The sitemaps that may list posts: those of a blog's static pages, categories, tags and
        authors (named so by the platforms and SEO plugins) are left out, and counted."""
        kept = [url for url in urls if not lists_no_posts(url)]
        if len(kept) < len(urls):
            self.crawler.stats.inc_value(stats.key("discovery", "sitemaps_skipped"), len(urls) - len(kept))
        return kept

    def _sitemap_requests(self, blog: BlogInfo, urls: list[str], meta: dict) -> Iterator[Request]:
        for url in urls:
            # each blog asks for a sitemap once (an index may list itself); two blogs in folders of
            # one site both read the site's sitemap, each for the posts in its folder
            if (blog.url, canonical_url(url)) in self.sitemaps_asked:
                continue
            self.sitemaps_asked.add((blog.url, canonical_url(url)))
            self.sitemaps_open[blog.url] += 1
            # A sitemap may hold 50,000 URLs in 50 MB (the protocol's limits; a blog's single-file one
            # passes DOWNLOAD_MAXSIZE from ~30,000 posts): its own cap, or big blogs lose their posts.
            yield Request(url, callback=self.parse_sitemap, errback=self.sitemap_failed, cb_kwargs={"blog": blog},
                          meta={**meta, "kind": "sitemap", "download_maxsize": SITEMAP_MAX_BYTES,
                                "download_warnsize": SITEMAP_MAX_BYTES}, dont_filter=True)
            meta = {**meta, "robots": False}  # only the first (guessed) sitemap falls back to robots.txt

    def sitemap_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request
        reason, detail = reason_of(failure)
        self._count("discovery", "failed", "sitemap")
        blog = request.cb_kwargs["blog"]
        if reason != "http_404":
            yield from filter(None, [self._reject(request.url, blog, reason, f"sitemap: {detail}")])
        strategies = request.meta.get("strategies", [])
        if request.meta.get("robots"):  # /sitemap.xml missing: ask robots.txt where the sitemaps are
            strategies = ["robots-sitemaps", *strategies]
        yield from self._sitemap_done(blog, strategies, request.meta.get("home"))

    def _sitemap_done(self, blog: BlogInfo, strategies: list[str], home: dict | None) -> Iterator[Any]:
        """One of a blog's sitemaps was read or failed. When it was the last one out and none listed a
        post, the blog's next way in: an index whose child of tags is empty, or one child that fails
        while another lists the posts, is not a blog without a sitemap (each led to its home page or
        page links again)."""
        self.sitemaps_open[blog.url] -= 1
        if self.sitemaps_open[blog.url] <= 0:
            del self.sitemaps_open[blog.url]
            if blog.url not in self.sitemap_posts:
                yield from self._fallback(blog, strategies, home)

    def parse_sitemap(self, response: Response, blog: BlogInfo) -> Iterator[Any]:
        try:
            children, pages = parse_sitemap(response.body, response.url, _header_encoding(response), self.rules_dirs)
        except DiscoveryError as exc:
            yield from filter(None, [self._reject(response.url, blog, "bad_sitemap", str(exc)[:200])])
            yield from self._sitemap_done(blog, response.meta.get("strategies", []), response.meta.get("home"))
            return
        self._count("discovery", "sitemaps")
        known = self.blogs.get(blog.url)
        if response.meta.get("top") and known is not None and (children or pages):
            kept = known.sitemaps.split("\n") if known.sitemaps else []
            if response.url not in kept:  # (the first run's; a known blog's are there already)
                known.sitemaps = "\n".join([*kept, response.url])
        changed = self._changed_sitemaps(blog, children)
        if len(changed) < len(children):  # (children unchanged since the last run: they list its posts)
            self.sitemap_posts.add(blog.url)
        children = self._post_sitemaps(changed)
        yield from self._sitemap_requests(blog, children, _carry(response.meta))
        posts = [page for page in pages if might_be_post(page[0], blog.platform)]
        listings = sitemap_listings([page[0] for page in posts])
        if listings:
            self.crawler.stats.inc_value(stats.key("discovery", "sitemap_listings_skipped"), len(listings))
            posts = [page for page in posts if page[0] not in listings]
        if not in_folder(response.url, blog.url):  # the site's sitemap, and the blog is in a folder of it
            mine = [page for page in posts if in_folder(page[0], blog.url)]
            if mine:  # (none: the folder was not where the blog's posts live, and all are its)
                self.crawler.stats.inc_value(stats.key("discovery", "sitemap_posts_outside_blog"),
                                             len(posts) - len(mine))
                posts = mine
        if posts:
            self.listed.add(blog.url)
            self.sitemap_posts.add(blog.url)
        for url, lastmod, published in posts:
            self._track(blog, lastmod or published)
            # (published before --since; or last modified before it: published before it too)
            if self._before_since(published or lastmod):
                continue
            if not self._unchanged(url, lastmod, self._previous(url)) and self._claim(url, blog):
                listed = {"updated": lastmod, "published": published}
                yield self._page_request(url, blog, {k: v for k, v in listed.items() if v})
        yield from self._sitemap_done(blog, response.meta.get("strategies", []), response.meta.get("home"))

    # --- page links (last resort) -----------------------------------------------------------------
    def _follow_links(self, blog: BlogInfo, links: list[tuple[str, str, str]], page_url: str) -> Iterator[Request]:
        posts, pages = classify_links(links, blog.url, blog.platform)
        if posts:
            self.listed.add(blog.url)
        for url in posts:
            if self._claim(url, blog):
                yield self._page_request(url, blog, {})
        for url in pages:
            count = self.pages_per_blog.get(blog.url, 0)
            if count >= self.params.max_pages_per_blog:
                break
            self.pages_per_blog[blog.url] = count + 1
            yield Request(url, callback=self.parse_index, errback=self.failed, cb_kwargs={"blog": blog},
                          meta={"kind": "index"})

    def parse_index(self, response: Response, blog: BlogInfo) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        self._count("discovery", "index_pages")
        base = get_base_url(response)  # (the page's <base href>, else its URL)
        if (ended := ended_early(response.text)) is not response.text:
            anchors = Selector(text=ended).css("a[href]")  # (links after a stray </html> were dropped)
        else:
            anchors = response.css("a[href]")
        if not anchors and (opened := opened_html_tag(response.text)) is not response.text:
            anchors = Selector(text=opened).css("a[href]")  # (a self-closed <html/> emptied the page)
        links = [(url, " ".join(a.css("::text").getall()), a.attrib.get("rel", "")) for a in anchors
                 if (url := joined(base, a.attrib.get("href"))) is not None]
        yield from self._follow_links(blog, links, response.url)

    # --- posts -------------------------------------------------------------------------------------
    def _track(self, blog: BlogInfo, updated: str | None) -> None:
        stamp = to_utc(updated) if updated else None
        known = self.blogs.get(blog.url)
        if stamp is None or known is None:
            return
        if known.newest_updated is None or stamp.isoformat() > known.newest_updated:
            known.newest_updated = stamp.isoformat()

    def _previous(self, url: str) -> PostState | None:
        """The state's record of this post, on an incremental run (None otherwise)."""
        if self.state is None or self.full:
            return None
        return self.state.get_post(canonical_url(url))

    def _unchanged(self, url: str, updated: str | None, prev: PostState | None) -> bool:
        """The state (its record prev) saw this post with the same update time, or (where its listing
        gives no update time: a sitemap without lastmod, an RSS item) saw it at all: not fetched or
        read again."""
        if prev is None:
            return False
        if updated:
            stamp = to_utc(updated)
            if stamp is None or prev.updated != stamp.isoformat():
                return False
            self._count("discovery", "unchanged_skipped")
        else:
            self._count("discovery", "known_skipped")
        self.seen.add(canonical_url(url))
        return True

    def _entries(self, response: Response, blog: BlogInfo, entries: list[Entry],
                 via: str) -> Generator[Any, None, bool]:
        """The feed's posts, whole or as page requests; returns whether one not seen in this run is
        one the state has a record of, or one dated before --since (newest first, the feed has
        reached the last run's posts, or the window's start)."""
        if entries:
            self.listed.add(blog.url)
        reached = False
        for e in entries:
            self._track(blog, e.updated or e.published)
            prev = self._previous(e.url)
            reached = reached or (prev is not None and canonical_url(e.url) not in self.seen)
            # (a whole body without an update time costs no request: read again, so that an edit
            # shows; a summary's page is fetched only for a post the state has not seen)
            if self._before_since(e.published or e.updated):
                reached = True  # (newest first: the pages after this one are older still)
                continue
            if ((e.updated or not e.html) and self._unchanged(e.url, e.updated, prev)) or not self._claim(e.url, blog):
                continue
            feed = {"title": e.title, "published": e.published, "updated": e.updated, "author": e.author,
                    "labels": e.labels, "source_publisher": e.source_publisher, "source_url": e.source_url,
                    "author_links": e.author_links}
            if e.html:
                yield RawPost(url=e.url, blog=blog, via=via, html=e.html, is_fragment=True,
                              status=response.status, fetched_at=_now(), source=response.url, feed=feed)
            else:  # summary-only feed: the page holds the body
                yield self._page_request(e.url, blog, feed)
        return reached

    def closed(self, reason: str) -> None:
        """After a finished crawl, remember each cleanly crawled blog (platform, newest update)."""
        if self.state is None or reason != "finished":
            return
        now = _now()
        for url, known in self.blogs.items():
            if url not in self.blog_errors:
                known.last_crawl = now
                self.state.put_blog(known)
        self.state.commit()

    def _page_request(self, url: str, blog: BlogInfo, feed: dict) -> Request:
        # Not through Scrapy's duplicate filter: posts are claimed once by canonical URL (_claim), and
        # the filter would silently drop a post whose redirect leads to a URL already asked for (a
        # redirect loop, or a page moved onto another post), leaving it neither record nor reject.
        return Request(url, callback=self.parse_post, errback=self.failed, cb_kwargs={"blog": blog, "feed": feed},
                       meta={"kind": "page"}, dont_filter=True)

    def parse_post(self, response: Response, blog: BlogInfo, feed: dict) -> Iterator[RawPost]:
        claimed = first_url(response.meta, response.url)
        reason = self._redirect_reason(claimed, response.url, blog)
        if reason:
            yield from filter(None, [self._reject(claimed, blog, reason, f"redirects to {response.url}")])
            return
        ctype = response.headers.get(b"Content-Type", b"text/html").lower()
        if not isinstance(response, TextResponse) or not ctype.startswith(HTML_TYPES):
            yield from filter(None, [self._reject(claimed, blog, "not_html", ctype.decode("latin-1"))])
            return
        text = _decode(response, self.rules_dirs)
        pages = post_pages(text, response.url) if self.max_post_pages > 1 else {}
        if pages:  # a post split over several pages: fetched one by one, then read as one post
            self._count("discovery", "paginated_posts")
            yield from self._next_post_page(_PagedPost(self._page_item(response, blog, text, feed), pages))
            return
        yield self._page_item(response, blog, text, feed)

    def _next_post_page(self, paged: _PagedPost) -> Iterator[Request | RawPost]:
        """The post's next page not yet fetched (its pages link to each other: page 2 may name page 3);
        once there is none, the post with all its pages."""
        number = next((n for n in sorted(paged.wanted) if n not in paged.got and n <= self.max_post_pages), None)
        if number is None:
            yield replace(paged.first, more_pages=[paged.got[n] for n in sorted(paged.got)],
                          pages_missing=paged.missing)
            return
        yield Request(paged.wanted[number], callback=self.parse_post_page, errback=self.post_page_failed,
                      cb_kwargs={"paged": paged, "number": number}, meta={"kind": "post-page"}, dont_filter=True)

    def parse_post_page(self, response: Response, paged: _PagedPost, number: int) -> Iterator[Request | RawPost]:
        post = paged.first.url
        ctype = response.headers.get(b"Content-Type", b"text/html").lower()
        if canonical_url(response.url) == canonical_url(post) or not isinstance(response, TextResponse) \
                or not ctype.startswith(HTML_TYPES):
            # (sent back to page 1: past the post's last page; or not a page at all)
            paged.wanted = {n: u for n, u in paged.wanted.items() if n < number}
        else:
            self._count("discovery", "post_pages")
            text = _decode(response, self.rules_dirs)
            paged.got[number] = text
            for n, url in post_pages(text, response.url, post).items():
                paged.wanted.setdefault(n, url)
        yield from self._next_post_page(paged)

    def post_page_failed(self, failure: Failure) -> Iterator[Request | RawPost]:
        """A later page of a post that could not be fetched: the post is read up to the page before it
        (the pages after it would join the text with a gap), counted and logged."""
        paged, number = failure.request.cb_kwargs["paged"], failure.request.cb_kwargs["number"]
        reason, detail = reason_of(failure)
        later = [n for n in paged.wanted if n >= number and n <= self.max_post_pages]
        paged.missing += len(later)
        paged.wanted = {n: u for n, u in paged.wanted.items() if n < number}
        paged.got = {n: t for n, t in paged.got.items() if n < number}
        self._count("discovery", "post_pages_failed")
        self.logger.warning("page %d of %s could not be fetched (%s: %s): its record has pages 1 to %d",
                            number, paged.first.url, reason, detail, number - 1)
        yield from self._next_post_page(paged)

    def _redirect_reason(self, claimed: str, final: str, blog: BlogInfo) -> str | None:
        """Why a post that redirected (HTTP or meta refresh) is a reject: it landed on a home page (the
        post is gone), on another site, or on a post this crawl has under its own URL (that one is the
        record). None to
        read the page, whose URL is then claimed, so that the post is not read twice."""
        if claimed == final:  # (not redirected: every other post page)
            return None
        key = canonical_url(final)
        if key == canonical_url(claimed):
            return None
        if is_home(final) or key == canonical_url(blog.url):
            self._count("discovery", "redirects_to_home")
            return "redirect_to_home"
        if not same_site(urlsplit(final).hostname or "", blog.host or urlsplit(blog.url).hostname or ""):
            # (an expired splog's posts sent on to another site: that page is not the blog's post)
            self._count("discovery", "redirects_offsite")
            return "redirect_offsite"
        if key in self.seen:
            self._count("discovery", "redirects_to_seen")
            return "redirect_to_seen"
        self.seen.add(key)
        return None

    def _page_item(self, response: TextResponse, blog: BlogInfo, text: str, feed: dict) -> RawPost:
        return RawPost(url=response.url, blog=blog, via="page", html=text, status=response.status,
                       fetched_at=_now(), source=None, feed=feed)
