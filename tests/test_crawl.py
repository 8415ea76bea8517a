"""End to end: `splog crawl` over the farm on loopback, through real HTTP, real Scrapy, real workers."""

from __future__ import annotations

import json
import re
import urllib.request
from collections import Counter
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest

from crawler.farm.model import demo_farm
from crawler.farm.pages import post_path
from crawler.farm.server import TROUBLE, Site
from schemas.generate import OUT_DIR
from tests.conftest import Handler, run_splog, serve

RESIDUE = re.compile(
    r"block ads|Full-Text RSS|ift\.tt|via IFTTT|- Google News|appeared first on|Go to Source|Posted by|"
    r"Powered by Blogger|Diberdayakan|Source link|Bagikan Berita|Post a Comment|Posting Komentar|Author:|"
    r"Share this:|Leave a Reply|Older Post|Posting Lama|Subscribe to:|Langganan:", re.I)


def _expected_urls(farm: list[dict]) -> set[str]:
    blogs = {b.key: b for b in demo_farm()}
    out = set()
    for listing in farm:
        if listing["key"] in blogs:
            blog = blogs[listing["key"]]
            out |= {listing["url"].rstrip("/") + post_path(blog, p) for p in blog.posts}
    return out


def test_every_post_found_exactly_once(farm, farm_crawl) -> None:
    assert farm_crawl.code in (0, 1), farm_crawl.stderr[-2000:]
    urls = [r["url"] for r in farm_crawl.records()]
    assert len(urls) == len(set(urls)), "a post was emitted twice"
    expected = _expected_urls(farm)
    assert expected <= set(urls), sorted(expected - set(urls))[:5]


def test_feeds_first_keeps_requests_per_post_low(farm_crawl) -> None:
    http = farm_crawl.manifest()["http"]
    assert http["by_platform"]["blogger"]["requests_per_post"] < 0.2
    assert http["by_platform"]["wordpress"]["requests_per_post"] < 0.2
    vias = Counter(r["crawl"]["via"] for r in farm_crawl.records())
    assert vias["blogger-feed"] == 40 and vias["wp-json"] == 20


def test_records_validate_against_committed_schema(farm_crawl) -> None:
    schema = json.loads((OUT_DIR / "article.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for record in farm_crawl.records():
        errors = list(validator.iter_errors(record))
        assert not errors, (record["url"], errors[0].message)


def test_no_residue_in_text_and_no_publisher_suffix(farm_crawl) -> None:
    for r in farm_crawl.records():
        hit = RESIDUE.search(r["text"])
        assert hit is None, (r["url"], hit.group(0))
        if r["source"]["publisher"]:
            assert not r["title"].endswith(" - " + r["source"]["publisher"])
    gnews = [r for r in farm_crawl.records() if "google-news" in r["source"]["chain"]]
    assert gnews and all(r["source"]["feed_title"].endswith("Google News") and r["source"]["links"] for r in gnews)
    full_tail = [r for r in gnews if any(x["rule"] == "ifttt.date" for x in r["removed"])]
    assert full_tail and all(r["source"]["publisher"] and len(r["source"]["links"]) == 2 and
                             r["raw_title"] == f"{r['title']} - {r['source']['publisher']}" for r in full_tail)


def test_blog_attribution(farm, farm_crawl) -> None:
    by_key = {b["key"]: urlsplit(b["url"]).hostname for b in farm}
    blogs = {(r["blog"]["host"], r["blog"]["platform"], r["blog"]["ui_language"], r["blog"]["name"])
             for r in farm_crawl.records()}
    assert (by_key["daily-world-pulse"], "blogger", "en", "Daily World Pulse") in blogs
    assert (by_key["berita-kilat"], "blogger", "id", "Berita Kilat Dunia") in blogs
    assert (by_key["autonews-hub"], "wordpress", "en", "AutoNews Hub") in blogs


def test_a_crawl_keeps_the_patterns_its_processes_compiled_for_the_next(farm_crawl, cache_dir) -> None:
    # (pipelines/patterncache.py: warm_re / keep_re; the main process's and the extraction forkserver's)
    from pipelines import patterncache
    from pipelines.cachedir import read_kept

    for role in ("crawl", "extract"):
        kept = read_kept(cache_dir / patterncache.re_cache_path(role).name, patterncache._stamp())
        assert kept is not None and len(kept) >= 300, role
        assert all(isinstance(pattern, (str, bytes)) and isinstance(flags, int) for pattern, flags, _ in kept)


def test_bad_pages_become_rejects_and_manifest_reconciles(farm_crawl) -> None:
    m = farm_crawl.manifest()
    reasons = Counter(r["reason"] for r in farm_crawl.rejects())
    for reason in ("http_500", "http_404", "timeout", "not_html", "too_large", "empty_text", "truncated", "bad_encoding"):
        assert reasons[reason] >= 1, (reason, reasons)
    assert m["reconciles"] is True
    c = m["counts"]
    assert c["posts"] == c["records"] + c["rejects"] == len(farm_crawl.records()) + len(farm_crawl.rejects())
    assert m["files"]["records"]["lines"] == c["records"]
    statuses = m["http"]["responses_by_status"]
    assert statuses["500"] == 2 * reasons["http_500"]  # each asked twice (RETRY_TIMES=1)
    assert statuses["404"] >= reasons["http_404"] and statuses["200"] > 0
    assert sum(statuses.values()) + reasons["timeout"] <= m["http"]["requests"]
    trouble = {r["url"].rsplit("/", 1)[1]: r for r in farm_crawl.records()}
    assert "latin1.html" in trouble and "São João" in trouble["latin1.html"]["text"]  # mislabelled charset read right
    assert trouble["utf8-as-latin1.html"]["title"] == "Kahvila Pyhäjärven rannalla avaa taas"  # and the other way
    # legacy charsets named nowhere, or under a UTF-8 label: read in the charset the bytes read best in
    assert trouble["cp1251-undeclared.html"]["title"] == "Паром на остров будет ходить чаще"
    assert trouble["cp1251-undeclared.html"]["language"] == "ru"
    assert trouble["cp1254-undeclared.html"]["title"] == "Adaya yapılacak feribot seferleri artırılıyor"
    assert trouble["cp1254-undeclared.html"]["language"] == "tr"
    assert trouble["sjis-as-utf8.html"]["title"] == "島へのフェリーが増便へ"
    assert "broken.html" in trouble  # unclosed tags still give a record
    [feed] = [r for r in farm_crawl.rejects() if r["url"].endswith("/feed-as-page.html")]
    assert (feed["reason"], feed["detail"]) == ("not_html", "a feed, not a page")  # not a record of its items
    assert "Tide gauge replaced" in trouble["utf16-label.html"]["title"]  # a charset that loses the markup: not used
    assert "\x00" not in trouble["stray-nul.html"]["text"] and "slipway" in trouble["stray-nul.html"]["text"]
    # one control character in a paragraph left trafilatura nothing to read (the post was an empty_text reject)
    assert trouble["stray-controls.html"]["text"].endswith(
        "so that it can make a fourth crossing in the evening.\nSeason tickets bought before April stay valid on "
        "every crossing until the autumn.")


def test_a_page_alone_with_control_characters_is_a_record(tmp_path) -> None:
    """The trouble page crawled as a seed of its own, so no template learned from its blog's other
    posts reads it: trafilatura does, and once read nothing from it."""
    status, ctype, body, _ = TROUBLE["stray-controls.html"]()

    class Page(Handler):
        def do_GET(self) -> None:  # noqa: N802
            self.send(status, ctype, body) if self.path.endswith(".html") else self.send(404, "text/plain", "")

    with serve(Page) as base:
        run = run_splog("crawl", f"{base}/news/ferry.html", "--allow-private", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.rejects() == []
    [record] = run.records()
    assert record["text"].endswith("Season tickets bought before April stay valid on every crossing until the autumn.")


def test_a_cookie_set_for_a_domain_fetches_no_suffix_list(tmp_path, monkeypatch) -> None:
    """A page whose cookie names a domain: Scrapy's cookies middleware asks whether that domain is a
    public suffix. The crawl answers from the list tldextract ships with: it fetches no list from
    publicsuffix.org (here, offline, that left ~180 lines of tracebacks in the crawl's log) and
    writes none under the user's cache folder."""
    home = tmp_path / "home"
    home.mkdir()
    for name in ("XDG_CACHE_HOME", "TLDEXTRACT_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    status, ctype, body, _ = TROUBLE["stray-controls.html"]()

    class Page(Handler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path.endswith(".html"):
                self.send(status, ctype, body, {"Set-Cookie": "visit=1; Domain=example.co.uk; Path=/"})
            else:
                self.send(404, "text/plain", "")

    with serve(Page) as base:
        run = run_splog("crawl", f"{base}/news/ferry.html", "--allow-private", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.code == 0 and len(run.records()) == 1
    assert "Public Suffix" not in run.stderr and "Traceback" not in run.stderr
    assert not (home / ".cache").exists()


def test_copies_across_blogs_share_a_cluster(farm_crawl) -> None:
    clusters = Counter(r["duplicate"]["cluster_id"] for r in farm_crawl.records())
    assert max(clusters.values()) >= 4
    firsts = {r["id"] for r in farm_crawl.records() if r["duplicate"]["kind"] == "first"}
    assert all(r["duplicate"]["of"] in firsts for r in farm_crawl.records() if r["duplicate"]["kind"] == "exact")


def test_private_hosts_refused_without_the_flag(farm, tmp_path) -> None:
    run = run_splog("crawl", farm[0]["url"], "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.records() == []
    assert [r["reason"] for r in run.rejects()] == ["private_host_blocked"]
    assert run.manifest()["http"]["requests"] == 0  # not even robots.txt was fetched


def test_post_url_seed_and_max_posts(farm, tmp_path) -> None:
    blog = demo_farm()[0]
    post_url = farm[0]["url"].rstrip("/") + post_path(blog, blog.posts[3])
    run = run_splog("crawl", post_url, farm[2]["url"], "--allow-private-hosts", "--no-throttle",
                    "--max-posts-per-blog", "3", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    urls = [r["url"] for r in run.records()]
    assert post_url in urls and len(urls) == 4


def test_feed_and_sitemap_urls_as_seeds(farm, tmp_path) -> None:
    """Seeds may be a blog's feed or sitemap URL (DESIGN: "sitemap/feed URLs"): a feed leads into its
    blog as its home page would (feeds first), a sitemap's posts are crawled; nothing is a not_html reject."""
    by_kind = {kind: [b for b in farm if b["kind"] == kind] for kind in ("blogger", "wordpress", "plain")}
    seeds = [by_kind["blogger"][0]["url"] + "feeds/posts/default",  # Atom
             by_kind["blogger"][1]["url"] + "feeds/posts/default?alt=rss",
             by_kind["wordpress"][0]["url"] + "wp-json/wp/v2/posts",
             by_kind["plain"][0]["url"] + "sitemap.xml"]
    run = run_splog("crawl", *seeds, "--allow-private-hosts", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    listed = [*by_kind["blogger"][:2], by_kind["wordpress"][0], by_kind["plain"][0]]
    urls = [r["url"] for r in run.records()]
    assert len(urls) == len(set(urls))
    assert set(urls) == _expected_urls(listed)
    assert run.rejects() == []
    vias = Counter(r["crawl"]["via"] for r in run.records())
    assert vias["blogger-feed"] == 40 and vias["wp-json"] == 20 and vias["page"] == 20
    discovery = run.manifest()["discovery"]
    assert discovery["seed_feeds"] == 3 and discovery["seed_sitemaps"] == 1


def _crawl_farm_blog(blog, tmp_path, gone: str | None = None, runs: int = 1, add: int = 0, asked: list | None = None,
                     json_answer: tuple[int, str] | None = None, args: tuple[str, ...] = ()):
    """Serve one farm blog in this process (paths starting with `gone` answer 404; with `json_answer`,
    Blogger's ?alt=json feed and WordPress's REST API answer that status and body) and crawl it; returns the run and the blog's
    base URL. runs=2: crawl it twice with one state file, the blog given `add` new posts in between,
    returning the second run."""
    sites: dict[int, Site] = {}

    class OneBlog(Handler):
        def do_GET(self) -> None:  # noqa: N802
            port = self.server.server_address[1]
            site = sites.setdefault(port, Site(blog, f"http://127.0.0.1:{port}"))
            parts = urlsplit(self.path)
            if asked is not None:
                asked.append(self.path)
            if gone and parts.path.startswith(gone):
                self.send(404, "text/html", "<html><body>Not found</body></html>")
                return
            if json_answer and (parse_qs(parts.query).get("alt") == ["json"] or parts.path.startswith("/wp-json/wp/")):
                self.send(json_answer[0], "text/html", json_answer[1])
                return
            status, ctype, body, headers = site.route(parts.path or "/", parse_qs(parts.query))
            self.send(status, ctype, body, headers)

    state = ("--state", str(tmp_path / "state.db")) if runs > 1 else ()
    with serve(OneBlog) as base:
        for n in range(runs):
            if n:
                for site in sites.values():
                    site.mutate(add, [])
                if asked is not None:
                    asked.clear()  # (what the last run asked for)
            run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *state, *args,
                            out=tmp_path / f"o{n}.jsonl")
            assert run.code == 0, run.stderr[-2000:]
    return run, base


def test_wordpress_without_its_rest_api_comes_whole_through_its_paged_rss_feed(tmp_path) -> None:
    """A WordPress splog whose REST API a security plugin switched off (403): its /feed/ (10 posts a
    page, ?paged=N, full content) brings every post whole. The refused API call is no reject (the
    blog's crawl is whole), and the short fourth page ends the feed."""
    blog = next(b for b in demo_farm(35) if b.kind == "wordpress")
    blog.no_rest = True
    run, base = _crawl_farm_blog(blog, tmp_path)
    records = run.records()
    assert {r["url"] for r in records} == {base + post_path(blog, p) for p in blog.posts}
    assert len(records) == 35 and {r["crawl"]["via"] for r in records} == {"rss"}
    assert run.rejects() == [] and run.manifest()["discovery"]["closed/wp-json"] == 1
    assert not [r for r in records if RESIDUE.search(r["text"])]
    assert run.manifest()["http"]["requests"] <= 7  # robots, home, the API and 4 feed pages


@pytest.mark.parametrize("closed", ["wordpress REST API", "blogger feed"])
def test_a_blog_whose_feed_is_closed_is_crawled_incrementally(tmp_path, closed) -> None:
    """A feed or API that a blog does not offer is not a failed crawl: the blog is remembered, and the
    next run finds its new posts by the next way in, without a reject. Before, the refused call was a
    reject every run, the blog was never remembered, and a run with nothing new failed with a reject
    ratio of 1.0; a remembered blog whose feed failed again found no post at all."""
    kind = "wordpress" if closed.startswith("wordpress") else "blogger"
    blog = next(b for b in demo_farm(12) if b.kind == kind)
    blog.no_rest = kind == "wordpress"
    run, base = _crawl_farm_blog(blog, tmp_path, gone="/feeds/" if kind == "blogger" else None, runs=2, add=2)
    manifest = run.manifest()
    assert sorted(r["url"] for r in run.records()) == sorted(base + post_path(blog, p) for p in blog.posts[-2:])
    assert run.rejects() == [] and manifest["verdict"]["ok"]
    assert manifest["discovery"]["known_blogs"] == 1


@pytest.mark.parametrize("summaries", [False, True])
def test_a_wordpress_blog_without_its_rest_api_costs_little_on_the_next_run(tmp_path, summaries) -> None:
    """The next run reads the remembered /feed/ first (not the closed API, then the home page), and
    stops paging it at the first post the last run had; a summary's page is fetched only for a new
    post. Before, every run asked the API and the home page again, paged the whole feed and, with
    summaries, fetched every post's page again."""
    blog = next(b for b in demo_farm(25) if b.kind == "wordpress")
    blog.no_rest, blog.summary_feed = True, summaries
    asked: list[str] = []
    run, base = _crawl_farm_blog(blog, tmp_path, runs=2, add=2, asked=asked)
    new = sorted(post_path(blog, p) for p in blog.posts[-2:])
    assert sorted(r["url"] for r in run.records()) == [base + path for path in new]
    assert run.rejects() == [] and run.manifest()["discovery"]["feed_caught_up"] == 1
    assert sorted(asked) == sorted(["/robots.txt", "/feed/", *(new if summaries else [])])


@pytest.mark.parametrize("answer", [(400, "Bad Request"), (500, "Internal error"),
                                    (200, "<html><body>Sorry, this feed format is no longer offered.</body></html>")])
def test_a_blogger_blog_whose_json_feed_fails_is_read_from_its_atom_feed(tmp_path, answer) -> None:
    """Blogger's JSON feed came from its legacy API, whose retirement left "some GET requests" working
    "with minor differences": when ?alt=json fails or answers no JSON, the same posts come whole from
    the Atom feed (Blogger's default form), page by page, with no reject and no post page fetched."""
    blog = next(b for b in demo_farm(30) if b.kind == "blogger")
    asked: list[str] = []
    run, base = _crawl_farm_blog(blog, tmp_path, asked=asked, json_answer=answer, args=("-s", "SPLOG_BLOGGER_PAGE_SIZE=10"))
    records = run.records()
    assert sorted(r["url"] for r in records) == sorted(base + post_path(blog, p) for p in blog.posts)
    assert {r["crawl"]["via"] for r in records} == {"blogger-feed"} and run.rejects() == []
    atom_pages = [a for a in asked if a.startswith("/feeds/posts/default") and "alt=json" not in a]
    assert len(atom_pages) == 3 and not any(a.startswith("/20") for a in asked)  # (paged as Atom; no post page)
    assert run.manifest()["discovery"]["closed/blogger-feed"] == 1


@pytest.mark.parametrize("answer", [(500, "Internal error"), (200, "<html><body>REST API disabled</body></html>")])
def test_a_wordpress_blog_whose_rest_api_fails_is_read_from_its_feed_without_a_reject(tmp_path, answer) -> None:
    """A security plugin answers the REST API with an error or a page: the posts come whole from
    /feed/, and the API's answer is counted, not a reject (no post was lost)."""
    blog = next(b for b in demo_farm(12) if b.kind == "wordpress")
    run, base = _crawl_farm_blog(blog, tmp_path, json_answer=answer)
    assert sorted(r["url"] for r in run.records()) == sorted(base + post_path(blog, p) for p in blog.posts)
    assert run.rejects() == [] and run.manifest()["discovery"]["closed/wp-json"] == 1


@pytest.mark.parametrize("setting", ["feed switched off", "summaries only"])
def test_blogger_blog_without_whole_posts_in_its_feed(tmp_path, setting) -> None:
    """A Blogger blog whose feed is switched off (404: its sitemap then lists the posts) or gives only
    summaries (each post's page is then fetched): every post still comes whole, once."""
    blog = next(b for b in demo_farm(30) if b.kind == "blogger")
    blog.summary_feed = setting == "summaries only"
    run, base = _crawl_farm_blog(blog, tmp_path, gone="/feeds/" if setting == "feed switched off" else None)
    records = run.records()
    assert sorted(r["url"] for r in records) == sorted(base + post_path(blog, p) for p in blog.posts)
    assert {r["crawl"]["via"] for r in records} == {"page"}
    assert not [r for r in records if RESIDUE.search(r["text"])]
    assert all(r["blog"]["platform"] == "blogger" for r in records)
    assert run.rejects() == []  # (a feed switched off is no reject: the sitemap lists the posts)


_ORIGINAL = "https://www.harbour-gazette.example/news/2026/ferry-timetable"
_FERRY = ("<p>The island ferry will run two extra crossings on weekdays from March, the operator said on "
          "Monday, after a winter in which commuters were left on the quay when the morning boat filled up.</p>"
          "<p>The new sailings leave the mainland at 06:40 and the island at 18:15. The operator said it had "
          "hired four more deckhands and would lease a second vessel while its own boat is refitted.</p>"
          "<p>Parish councillors welcomed the change but asked for a later return on Fridays, when the last "
          "boat leaves before most shops on the mainland have closed.</p>")


def _sitemap_site(pages: dict[str, tuple[str, Callable[[str], str]]]) -> type[Handler]:
    """A sitemap-only site serving `pages`: path -> (title, the canonical URL its page declares, made
    from the site's base URL)."""

    class Site(Handler):
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in pages)
                self.send(200, "application/xml",
                          f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
            elif self.path in pages:
                title, canonical = pages[self.path]
                self.send(200, "text/html; charset=utf-8",
                          f'<html><head><title>{title}</title><link rel="canonical" href="{canonical(base)}">'
                          f'</head><body><article><h1>{title}</h1>{_FERRY}</article></body></html>')
            elif self.path == "/":
                self.send(200, "text/html", "<html><head><title>Island news</title></head><body>News</body></html>")
            else:
                self.send(404, "text/html", "<html><body>Not found</body></html>")

    return Site


# An autoblog whose posts declare a canonical URL that is not their own: the copied article's address
# on its original site (post a), or the blog's home page, as some themes write on every page (post b).
_Canonicals = _sitemap_site({"/a.html": ("Ferry adds two weekday crossings", lambda base: _ORIGINAL),
                             "/b.html": ("Quay repairs to start in May", lambda base: base + "/")})


def test_a_canonical_on_another_site_or_at_home_is_not_the_posts_address(tmp_path) -> None:
    """Two autoblogs copy the same article and point its canonical at the original: each copy keeps its
    own record id (the hash of its own URL), and the original's address is the copy's source.url. A
    post whose canonical is its blog's home page keeps its own id too, not one shared by every post."""
    with serve(_Canonicals) as one, serve(_Canonicals) as two:
        run = run_splog("crawl", one + "/", two + "/", "--allow-private-hosts", "--no-throttle",
                        out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    records = {r["url"]: r for r in run.records()}
    assert set(records) == {base + path for base in (one, two) for path in ("/a.html", "/b.html")}
    assert len({r["id"] for r in records.values()}) == 4
    for base in (one, two):
        copy, other = records[base + "/a.html"], records[base + "/b.html"]
        assert copy["canonical_url"] is None and copy["source"]["url"] == _ORIGINAL
        assert other["canonical_url"] is None and other["source"]["url"] is None


# A site whose sitemap lists one post under its short link and its pretty link: both pages name the
# pretty one canonical.
_TwoLinks = _sitemap_site({path: ("Ferry adds crossings", lambda base: base + "/2026/03/ferry.html")
                           for path in ("/?p=7", "/2026/03/ferry.html")})


def test_a_post_under_two_urls_is_one_record_and_a_duplicate_reject(tmp_path) -> None:
    """Two URLs whose pages name one canonical URL are one post (one id): one record; the other is a
    duplicate_post reject, so no id is written twice and the manifest still counts both pages. The
    same for two saved copies of one page given to `splog extract`."""
    with serve(_TwoLinks) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", out=tmp_path / "o.jsonl")
        assert run.code == 0, run.stderr[-2000:]
        records, rejects = run.records(), run.rejects()
        assert [r["canonical_url"] for r in records] == [base + "/2026/03/ferry.html"]
        assert [r["reason"] for r in rejects] == ["duplicate_post"]
        assert run.manifest()["counts"]["records"] == 1 and run.manifest()["counts"]["rejects"] == 1
        saved = tmp_path / "saved"
        saved.mkdir()
        page = urllib.request.urlopen(base + "/2026/03/ferry.html").read()
    (saved / "a.html").write_bytes(page)
    (saved / "b.html").write_bytes(page)
    offline = run_splog("extract", str(saved), out=tmp_path / "x.jsonl")
    assert offline.code == 0, offline.stderr[-2000:]
    assert len(offline.records()) == 1 and [r["reason"] for r in offline.rejects()] == ["duplicate_post"]


class _BrokenLinks(Handler):
    """A site whose home page, robots.txt, feed and sitemap each hold an address that does not parse
    ("http://[::1/…", a port out of range) beside good ones."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        bad = ("http://[::1/x", "http://127.0.0.1:99999/y")
        page = (f"<html><head><title>{{}}</title></head><body><article><h1>{{}}</h1>{_FERRY}</article>"
                f"<a href='{bad[0]}'>broken</a></body></html>")
        if self.path == "/":
            self.send(200, "text/html", f"<html><head><title>Island news</title><link rel='alternate' "
                      f"type='application/rss+xml' href='{base}/feed.xml'></head><body><a href='{bad[0]}'>x</a>"
                      f"<a href='{bad[1]}'>y</a><a href='/a.html'>a</a></body></html>")
        elif self.path == "/robots.txt":
            self.send(200, "text/plain", f"User-agent: *\nSitemap: {bad[0]}/s.xml\nSitemap: {base}/sitemap.xml\n")
        elif self.path == "/feed.xml":
            items = "".join(f"<item><title>{t}</title><link>{u}</link></item>"
                            for t, u in (("Broken", bad[0]), ("Ferry a", base + "/a.html"), ("Broken too", bad[1])))
            self.send(200, "application/rss+xml", f"<rss version='2.0'><channel><title>Island news</title>{items}</channel></rss>")
        elif self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{u}</loc></url>" for u in (bad[0], base + "/a.html", base + "/b.html", bad[1]))
            self.send(200, "application/xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
        elif self.path in ("/a.html", "/b.html"):
            title = "Ferry adds crossings" if self.path == "/a.html" else "Quay repairs begin"
            self.send(200, "text/html; charset=utf-8", page.format(title, title))
        else:
            self.send(404, "text/html", "<html><body>Not found</body></html>")


def test_addresses_that_do_not_parse_are_skipped_not_the_blog(tmp_path) -> None:
    """One broken link on the home page made the whole blog an internal_error reject; broken feed items,
    sitemap entries and robots.txt lines are skipped, and every good post is a record."""
    with serve(_BrokenLinks) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [base + "/a.html", base + "/b.html"]
    assert run.manifest()["counts"]["rejects"] == 0
    assert [r["reason"] for r in run.rejects()] == []


def test_a_post_that_redirects_to_another_site_is_a_reject(tmp_path) -> None:
    """An expired splog sends a post on to another site (a 301 to a shop on another host): that page is
    not the blog's post, so it is a redirect_offsite reject, not a record under the blog; a redirect
    within the site (another path, http to https, www) is followed as before."""
    import threading
    from http.server import ThreadingHTTPServer

    class Shop(Handler):
        def do_GET(self) -> None:  # noqa: N802
            self.send(200, "text/html; charset=utf-8", "<html><head><title>Cheap tickets</title></head><body>"
                      f"<article><h1>Cheap tickets</h1>{_FERRY}</article></body></html>")

    shop = ThreadingHTTPServer(("127.0.0.2", 0), Shop)
    threading.Thread(target=shop.serve_forever, daemon=True).start()
    away = f"http://127.0.0.2:{shop.server_address[1]}/tickets.html"
    pages = {"/a.html": ("Ferry adds crossings", lambda base: base + "/a.html"),
             "/c.html": ("Quay repairs begin", lambda base: base + "/c.html")}
    site = _sitemap_site(pages)

    class Expired(site):  # /a.html has moved within the site; /b.html is sent away
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in ("/old-a.html", "/b.html", "/c.html"))
                self.send(200, "application/xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
            elif self.path in ("/old-a.html", "/b.html"):
                self.send(301, "", b"", {"Location": base + "/a.html" if self.path == "/old-a.html" else away})
            else:
                super().do_GET()

    try:
        with serve(Expired) as base:
            run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", "--max-reject-ratio", "1",
                            out=tmp_path / "o.jsonl")
    finally:
        shop.shutdown()
        shop.server_close()
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [base + "/a.html", base + "/c.html"]
    [reject] = run.rejects()
    assert (reject["url"], reject["reason"], reject["detail"]) == (base + "/b.html", "redirect_offsite", f"redirects to {away}")


# two posts of a sitemap-only site, and a crawl of such a site whose own /sitemap.xml is missing
_TWO_POSTS = {"/a.html": ("Ferry adds crossings", lambda base: base + "/a.html"),
              "/b.html": ("Quay repairs begin", lambda base: base + "/b.html")}


def _both_posts_crawled(handler: type[Handler], tmp_path) -> list[dict]:
    """Crawl the site `handler` serves (its /sitemap.xml a 404); its records, checked to be both posts."""

    class NoSitemap(handler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/sitemap.xml":
                self.send(404, "text/html", "<html><body>Not found</body></html>")
            else:
                super().do_GET()

    with serve(NoSitemap) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    records = run.records()
    assert sorted(r["url"] for r in records) == [base + "/a.html", base + "/b.html"]
    return records


def _feed_as_sitemap_site(feed: Callable[[str], str], more: str = "") -> type[Handler]:
    """The two posts' sitemap-only site whose robots.txt names its feed as its sitemap ("Sitemap:
    /rss.xml"); `feed` makes the feed's body from the items of both posts (each a title, a link and
    `more`)."""

    class FeedAsSitemap(_sitemap_site(_TWO_POSTS)):
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/robots.txt":
                self.send(200, "text/plain", "User-agent: *\nSitemap: /rss.xml\n")
            elif self.path == "/rss.xml":
                items = "".join(f"<item><title>{title}</title><link>{base}{path}</link>{more}</item>"
                                for path, (title, _c) in _TWO_POSTS.items())
                self.send(200, "application/rss+xml", feed(items))
            else:
                super().do_GET()

    return FeedAsSitemap


def test_a_feed_that_robots_txt_gives_as_its_sitemap_lists_the_posts(tmp_path) -> None:
    """Search engines take an RSS or Atom feed as a sitemap, and robots.txt may name one ("Sitemap:
    /rss.xml"): read as a sitemap, it listed no posts, and the crawl found none."""
    site = _feed_as_sitemap_site(lambda items: f'<rss version="2.0"><channel><title>Island news</title>{items}'
                                 "</channel></rss>", "<description>A short teaser.</description>")
    records = _both_posts_crawled(site, tmp_path)
    assert all(r["text"].startswith("The island ferry will run two extra crossings") for r in records)


# a feed's items in the old forms that feed readers still read: RSS 2.0 in Radio UserLand's namespace,
# RSS 0.90 (RDF in Netscape's namespace), RSS 0.91 with its items after its channel is closed
_OLD_FEEDS = {
    "userland-rss2": ('<rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>Island news</title>',
                      "</channel></rss>"),
    "rss-0.90": ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                 'xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Island news</title></channel>',
                 "</rdf:RDF>"),
    "items-after-channel": ('<rss version="0.91"><channel><title>Island news</title></channel>', "</rss>"),
}


@pytest.mark.parametrize("form", sorted(_OLD_FEEDS))
def test_a_feed_in_an_old_form_lists_the_posts(tmp_path, form) -> None:
    """Feeds in older forms that feed readers read (and some news exports still send) were "not a feed"
    or a feed of no posts: the crawl of a site that names only such a feed found nothing."""
    opening, closing = _OLD_FEEDS[form]
    site = _feed_as_sitemap_site(lambda items: f'<?xml version="1.0"?>{opening}{items}{closing}')
    records = _both_posts_crawled(site, tmp_path)
    assert sorted(r["title"] for r in records) == ["Ferry adds crossings", "Quay repairs begin"]


# two whole posts of a Russian site's feed (fictional), which it sends in Windows-1251 and names no
# charset for: no XML declaration, none in its Content-Type
_RU_POSTS = {"/a.html": ("Паром будет ходить чаще", "С декабря паром на остров будет ходить три раза в день вместо "
                         "двух, сообщил перевозчик. Дополнительный рейс будет отправляться с материка в шесть вечера."),
             "/b.html": ("Ремонт причала начнётся в мае", "Ремонт старого причала начнётся в мае и продлится всё лето, "
                         "сообщили в администрации острова. На это время паром будет причаливать у нового пирса.")}


def test_a_feed_in_a_legacy_charset_that_it_names_nowhere_is_read_in_it(tmp_path) -> None:
    """XML with no declaration is UTF-8, so each byte that was not was read as Windows-1252: a
    Windows-1251 feed's posts came out as "Ïàðîì" mojibake, titles and text. Read in the charset its
    bytes read best in, as a page of no charset is."""

    class LegacyFeed(Handler):
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/":
                self.send(200, "text/html; charset=utf-8", "<html><head><title>Остров</title><link rel='alternate' "
                          "type='application/rss+xml' href='/rss.xml'></head><body>Новости</body></html>")
            elif self.path == "/rss.xml":
                items = "".join(f"<item><title>{title}</title><link>{base}{path}</link><content:encoded><![CDATA[<p>"
                                f"{text}</p><p>{text}</p>]]></content:encoded></item>"
                                for path, (title, text) in _RU_POSTS.items())
                body = ("<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
                        f"<title>Остров</title>{items}</channel></rss>")
                self.send(200, "application/rss+xml", body.encode("cp1251"))
            else:
                self.send(404, "text/html", "<html><body>Not found</body></html>")

    with serve(LegacyFeed) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    records = {r["url"].removeprefix(base): r for r in run.records()}
    assert sorted(records) == ["/a.html", "/b.html"]
    for path, (title, text) in _RU_POSTS.items():
        assert records[path]["title"] == title and records[path]["text"].startswith(text)
        assert records[path]["language"] == "ru" and records[path]["crawl"]["via"] != "page"


def test_a_page_gzipped_twice_or_gzipped_unsaid_is_read(tmp_path) -> None:
    """A cache plugin's gzip under the server's own sends a page compressed twice (Scrapy undoes one);
    a server may send a gzipped file as text/html with no Content-Encoding: both were binary, a
    not_html reject. Each is unwrapped once (the sitemap here is sent gzipped unsaid as well)."""
    import gzip

    pages = _TWO_POSTS

    class Gzipped(_sitemap_site(pages)):
        def send(self, status, ctype, body, headers=None, write=True) -> None:  # noqa: ANN001
            data = body.encode() if isinstance(body, str) else body
            if self.path == "/a.html":  # twice, the outer one said
                super().send(status, ctype, gzip.compress(gzip.compress(data)), {"Content-Encoding": "gzip"}, write)
            elif self.path in ("/b.html", "/sitemap.xml"):  # once, unsaid
                super().send(status, ctype, gzip.compress(data), headers, write)
            else:
                super().send(status, ctype, body, headers, write)

    with serve(Gzipped) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted((r["url"], r["title"]) for r in run.records()) == [
        (base + "/a.html", "Ferry adds crossings"), (base + "/b.html", "Quay repairs begin")]
    assert run.rejects() == []


def test_a_crawl_reads_a_page_of_no_charset_with_the_rules_directorys_code_pages(tmp_path) -> None:
    """The charsets tables of the crawl's --rules-dir reach the spider's decoding: a Welsh page in ISO
    8859-14 that names no charset reads "tŷ" with the user's table for Welsh, "tþ" without it."""
    from tests.test_cli import _FERRY_CY

    page = _FERRY_CY.replace("<html>", "<html><head><title>Fferi i'r ynys</title></head>")

    class Welsh(Handler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/":
                self.send(200, "text/html; charset=utf-8", "<html><head><title>Ynys</title></head><body>"
                          "<h2><a href='/fferi.html'>Fferi i'r ynys</a></h2></body></html>")
            elif self.path == "/fferi.html":
                self.send(200, "text/html", page.encode("iso8859_14"))
            else:
                self.send(404, "text/html", "<html><body>Not found</body></html>")

    without, with_table = _crawled_without_and_with_welsh(Welsh, tmp_path)
    assert "tþ coffi" in without["text"] and "tŷ coffi" in with_table["text"]


def _crawled_without_and_with_welsh(handler: type, tmp_path) -> list[dict]:
    """The one record of a crawl of the site `handler` serves, without a rules directory and then
    with one whose charsets table adds Welsh in ISO 8859-14."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "welsh.toml").write_text('[charset_languages.cy]\ncharsets = ["iso8859_14"]\n'
                                      'letters = "âêîôûŵŷäëïöüáéíóúẁẃẅỳý ÂÊÎÔÛŴŶ"\n', encoding="utf-8")
    records = []
    with serve(handler) as base:
        for n, extra in enumerate(((), ("--rules-dir", str(rules)))):
            run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *extra,
                            out=tmp_path / f"o{n}.jsonl")
            assert run.code == 0, run.stderr[-2000:]
            [record] = run.records()
            records.append(record)
    return records


def test_a_crawl_reads_a_feed_of_no_charset_with_the_rules_directorys_code_pages(tmp_path) -> None:
    """The same tables reach feed discovery: a Welsh blog's RSS feed in ISO 8859-14 with neither an
    XML declaration nor a header charset gives "Tŷ coffi" with the user's table, "Tþ coffi" without."""
    from tests.test_cli import _FERRY_CY

    body = _FERRY_CY.removeprefix("<html><body>").removesuffix("</body></html>")
    feed = ("<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
            "<title>Ynys</title><link>{base}/</link><item><title>Tŷ coffi ger y cei</title>"
            "<link>{base}/ty-coffi.html</link><pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate>"
            "<content:encoded><![CDATA[" + body + "]]></content:encoded></item></channel></rss>")

    class WelshFeed(Handler):
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://{self.headers['Host']}"
            if self.path == "/":
                self.send(200, "text/html; charset=utf-8", "<html><head><title>Ynys</title><link rel='alternate' "
                          "type='application/rss+xml' href='/feed.xml'></head><body><h2><a href='/ty-coffi.html'>"
                          "Tŷ coffi ger y cei</a></h2></body></html>")
            elif self.path == "/feed.xml":
                self.send(200, "application/rss+xml", feed.format(base=base).encode("iso8859_14"))
            else:
                self.send(404, "text/html", "<html><body>Not found</body></html>")

    records = _crawled_without_and_with_welsh(WelshFeed, tmp_path)
    assert [r["crawl"]["via"] for r in records] == ["rss", "rss"]
    assert records[0]["title"] == "Tþ coffi ger y cei" and "tþ coffi" in records[0]["text"]
    assert records[1]["title"] == "Tŷ coffi ger y cei" and "tŷ coffi" in records[1]["text"]


def test_a_gzip_bomb_page_is_a_too_large_reject(tmp_path) -> None:
    """A page that inflates past DOWNLOAD_MAXSIZE, through its Content-Encoding (Scrapy stops it) or
    gzipped once more inside (StrayGzip stops it), is a too_large reject; the first was "ignored", the
    second a binary not_html."""
    import gzip

    from tests.test_cli import _bomb

    bomb = _bomb(8 << 20)

    class Bombs(_sitemap_site(_TWO_POSTS)):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/a.html":
                self.send(200, "text/html", bomb, {"Content-Encoding": "gzip"})
            elif self.path == "/b.html":
                self.send(200, "text/html", gzip.compress(bomb), {"Content-Encoding": "gzip"})
            else:
                super().do_GET()

    with serve(Bombs) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", "--max-reject-ratio", "1",
                        out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert run.records() == []
    rejects = sorted(run.rejects(), key=lambda r: r["url"])
    assert [(r["url"], r["reason"]) for r in rejects] == [(base + "/a.html", "too_large"), (base + "/b.html", "too_large")]
    assert all("DOWNLOAD_MAXSIZE" in r["detail"] for r in rejects)


def test_a_site_whose_template_self_closes_its_html_tag_is_crawled_through_its_links(tmp_path) -> None:
    """A template that writes its opening tag as "<html lang='en' />" (XHTML's syntax taken for an
    opening): libxml2 closed the document there, so the home page gave no links, its older-posts page
    none either, and each post was an unparsable_html reject."""
    pages = _TWO_POSTS
    opening = "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN' />\n<html lang='en' />"

    class SelfClosed(_sitemap_site(pages)):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/":
                self.send(200, "text/html", f"{opening}<head><title>Island news</title></head><body>"
                                            "<h2><a href='/a.html'>Ferry adds crossings</a></h2>"
                                            "<a href='/page/2/'>Older posts</a></body></html>")
            elif self.path == "/page/2/":
                self.send(200, "text/html", f"{opening}<head><title>Island news - Page 2</title></head><body>"
                                            "<h2><a href='/b.html'>Quay repairs begin</a></h2></body></html>")
            elif self.path in pages:
                title = pages[self.path][0]
                self.send(200, "text/html; charset=utf-8", f"{opening}<head><title>{title}</title></head><body>"
                                                           f"<article><h1>{title}</h1>{_FERRY}</article></body></html>")
            else:
                super().do_GET()

    records = _both_posts_crawled(SelfClosed, tmp_path)
    assert all(r["text"].startswith("The island ferry will run two extra crossings") for r in records)


def test_a_robots_sitemap_line_with_a_path_only_is_read(tmp_path) -> None:
    """robots.txt's "Sitemap: /posts-sitemap.xml" (a path, not the protocol's full URL) is read against
    the site: before, the crawl found no posts on such a site and said nothing."""

    class PathOnly(_sitemap_site(_TWO_POSTS)):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/robots.txt":
                # (and lines that lead to no web page: skipped, not the blog's whole discovery)
                self.send(200, "text/plain", "User-agent: *\nSitemap: javascript:void(0)\nSitemap: mailto:x@y\n"
                                             "Sitemap: /posts-sitemap.xml\n")
                return
            if self.path == "/posts-sitemap.xml":
                self.path = "/sitemap.xml"  # (the site's sitemap, under the name robots.txt gives alone)
            super().do_GET()

    _both_posts_crawled(PathOnly, tmp_path)


def _ipv6_loopback() -> bool:
    import socket

    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_a_blog_at_an_ipv6_literal_address_is_crawled_and_guarded_as_any_other(tmp_path) -> None:
    """Scrapy's default resolver looked the literal "::1" up as a name and failed ("DNS lookup
    failed"): a literal needs no lookup. The private-host guard knows IPv6 loopback too."""

    class V6Blog(Handler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/":
                self.send(200, "text/html", "<html><head><title>Delta Notes</title></head><body><h1>Delta Notes</h1>"
                          "<a href='/2026/11/ferry-returns.html'>Ferry returns</a></body></html>")
            elif self.path == "/2026/11/ferry-returns.html":
                self.send(200, "text/html", "<html><head><title>Ferry returns</title></head><body><article>"
                          "<h1>Ferry returns</h1><div class='entry-content'><p>The delta ferry returned to service "
                          "on Monday after a month in dry dock.</p><p>Its new engines cut the crossing to twelve "
                          "minutes, the operator said.</p></div></article></body></html>")
            else:
                self.send(404, "text/html", "<html><body>Not found</body></html>")

    with serve(V6Blog, host="::1") as base:
        assert base.startswith("http://[::1]:")
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", out=tmp_path / "v6.jsonl")
        assert run.code == 0, run.stderr[-2000:]
        assert [(r["url"], r["title"]) for r in run.records()] == [(base + "/2026/11/ferry-returns.html", "Ferry returns")]
        guarded = run_splog("crawl", base + "/", "--no-throttle", out=tmp_path / "guarded.jsonl")
        assert [r["reason"] for r in guarded.rejects()] == ["private_host_blocked"] and guarded.records() == []


def test_a_compressed_body_cut_short_is_a_truncated_reject_not_part_of_its_post(tmp_path) -> None:
    """The whole body came (as long as its Content-Length) but its gzip, deflate or br stream is cut
    short (zstd's too), or a gzip inside it is: Scrapy inflated what there was and the page was a record of part of
    its post. Each is asked once more, then refused; whole streams (one with a bad CRC among them,
    which Scrapy reads) are records of every paragraph."""
    import gzip
    import zlib

    import brotli
    from backports import zstd  # (Scrapy's own dependency before Python 3.14)

    paragraphs = [f"<p>Paragraph {n}: the pontoon at Kessling quay opened to small boats this week after "
                  f"{n + 3} months of repairs to its floats and its chains, the harbour office said.</p>" for n in range(12)]
    page = ("<html><head><title>Pontoon</title></head><body><article><h1>Pontoon</h1>" + "".join(paragraphs)
            + "</article></body></html>").encode()
    zipped = gzip.compress(page)
    cut = {  # name: (Content-Encoding, body)
        "gzip-cut": ("gzip", zipped[:len(zipped) * 2 // 3]),
        "deflate-cut": ("deflate", zlib.compress(page)[:len(zipped) * 2 // 3]),
        "br-cut": ("br", brotli.compress(page)[:len(brotli.compress(page)) * 2 // 3]),
        "zstd-cut": ("zstd", zstd.compress(page)[:len(zstd.compress(page)) * 2 // 3]),
        "inner-gzip-cut": ("gzip", gzip.compress(zipped[:len(zipped) * 2 // 3])),
    }
    whole = {"gzip": ("gzip", zipped), "br": ("br", brotli.compress(page)), "deflate": ("deflate", zlib.compress(page)),
             "zstd": ("zstd", zstd.compress(page)),
             "gzip-bad-crc": ("gzip", zipped[:-8] + b"\0\0\0\0" + zipped[-4:])}
    asked: Counter = Counter()

    class Site(Handler):
        def do_GET(self) -> None:
            host, name = self.headers["Host"], self.path.strip("/").removesuffix(".html")
            if self.path == "/sitemap.xml":
                locs = "".join(f"<url><loc>http://{host}/{n}.html</loc></url>" for n in (*cut, *whole, "gone"))
                return self.send(200, "application/xml", f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>")
            asked[name] += 1
            if name in cut or name in whole:
                coding, body = {**cut, **whole}[name]
                return self.send(200, "text/html; charset=utf-8", body, {"Content-Encoding": coding})
            if name == "gone":  # an error page whose body is cut short too: its status tells
                return self.send(404, "text/html; charset=utf-8", zipped[:100], {"Content-Encoding": "gzip"})
            if self.path == "/":
                return self.send(200, "text/html", "<html><head><title>Quay</title></head><body><h1>Quay</h1></body></html>")
            return self.send(404, "text/html", "<html><body>Not found</body></html>")

    with serve(Site) as url:
        run = run_splog("crawl", "--allow-private-hosts", "--no-throttle", "--no-feeds", url, out=tmp_path / "o.jsonl")
    rejects = {r["url"].rsplit("/", 1)[1].removesuffix(".html"): r for r in run.rejects()}
    assert {name: r["reason"] for name, r in rejects.items()} == {**dict.fromkeys(cut, "truncated"), "gone": "http_404"}
    assert "the gzip body" in rejects["gzip-cut"]["detail"] and "the br body" in rejects["br-cut"]["detail"]
    assert "gzipped inside" in rejects["inner-gzip-cut"]["detail"]
    assert all(asked[name] == 2 for name in ("gzip-cut", "deflate-cut", "br-cut", "zstd-cut")), asked
    records = {r["url"].rsplit("/", 1)[1].removesuffix(".html"): r for r in run.records()}
    assert set(records) == set(whole)
    assert all(r["text"].count("Paragraph") == 12 for r in records.values())
    assert run.manifest()["reconciles"]


def test_network_failures_are_rejects_with_their_own_reasons(tmp_path) -> None:
    """Scrapy 2.13+ wraps Twisted's errors in its own (DownloadConnectionRefusedError,
    CannotResolveHostError, DownloadFailedError around a lost connection): each is still read as the
    failure it is, not as a bare fetch_failed; and a body declared gzip that is not is bad_encoding."""
    import socket

    body = "".join(f"<p>The harbour's new pontoon opened to small boats this week, note {n}.</p>" for n in range(5))

    class Site(Handler):
        def do_GET(self) -> None:
            host = self.headers["Host"]
            if self.path == "/sitemap.xml":
                locs = "".join(f"<url><loc>http://{host}/{name}.html</loc></url>" for name in ("ok", "reset", "not-gzip"))
                return self.send(200, "application/xml", f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}</urlset>")
            page = f"<html><head><title>Pontoon</title></head><body><article><h1>Pontoon</h1>{body}</article></body></html>"
            if self.path == "/reset.html":  # the connection closed with no answer
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.close()
                return None
            if self.path == "/not-gzip.html":
                return self.send(200, "text/html", page, {"Content-Encoding": "gzip"})
            if self.path == "/ok.html":
                return self.send(200, "text/html", page)
            if self.path == "/":
                return self.send(200, "text/html", "<html><head><title>Quay</title></head><body><h1>Quay</h1></body></html>")
            return self.send(404, "text/html", "<html><body>Not found</body></html>")

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        refused = f"http://127.0.0.1:{closed.getsockname()[1]}/"
    with serve(Site) as url:
        run = run_splog("crawl", "--allow-private-hosts", "--no-throttle", "--no-feeds", "-s", "RETRY_TIMES=0", url, refused,
                        "http://no-such-blog.invalid/", out=tmp_path / "o.jsonl")
    reasons = {r["url"].rsplit("/", 2)[-2 if r["url"].endswith("/") else -1]: r["reason"] for r in run.rejects()}
    assert reasons == {"reset.html": "connection_error", "not-gzip.html": "bad_encoding",
                       refused.split("/")[2]: "connection_error", "no-such-blog.invalid": "dns_error"}, run.rejects()
    assert [r["url"] for r in run.records()] == [url + "/ok.html"] and run.manifest()["reconciles"]
