"""Discovery parsers on documents in the platforms' real formats (rendered by the farm)."""

from __future__ import annotations

import base64
import gzip
import html as htmllib
import json
import re
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from crawler.discovery import DiscoveryError, parse_blogger_json, parse_sitemap, parse_wp_posts, parse_xml_feed, robots_sitemaps
from crawler.farm import feeds
from crawler.farm.model import demo_farm
from crawler.farm.pages import post_path
from tests.conftest import Handler, run_splog, serve

BLOGS = demo_farm(20)
BASE = "https://x.blogspot.com"


def test_blogger_json_page_with_totals_and_next_link() -> None:
    blog = BLOGS[0]
    page = parse_blogger_json(feeds.blogger_json(blog, BASE, blog.posts[:5], 20, 1, 5, summary=False))
    assert page.total == 20 and page.title == blog.name
    assert page.next_url and "start-index=6" in page.next_url
    first = page.entries[0]
    assert first.url == BASE + post_path(blog, blog.posts[0])
    assert first.html and "<p>" in first.html
    assert first.labels == list(blog.posts[0].labels) and first.author == blog.posts[0].author


def test_blogger_summary_feed_has_no_bodies() -> None:
    blog = BLOGS[0]
    page = parse_blogger_json(feeds.blogger_json(blog, BASE, blog.posts[:3], 3, 1, 25, summary=True))
    assert [e.html for e in page.entries] == [None, None, None] and page.next_url is None


def test_blogger_jsonp_wrapper() -> None:
    blog = BLOGS[0]
    body = "callback(" + feeds.blogger_json(blog, BASE, blog.posts[:2], 2, 1, 25, summary=False) + ");"
    assert len(parse_blogger_json(body).entries) == 2


def test_atom_and_rss_feeds() -> None:
    blog = BLOGS[0]
    atom = parse_xml_feed(feeds.blogger_atom(blog, BASE, blog.posts[:4], 20, 1).encode(), BASE)
    assert len(atom.entries) == 4 and atom.total == 20 and atom.entries[0].html
    rss = parse_xml_feed(feeds.rss2(blog, BASE, blog.posts[:3]).encode(), BASE)
    assert len(rss.entries) == 3 and rss.entries[0].html and rss.entries[0].published
    summary = parse_xml_feed(feeds.rss2(blog, BASE, blog.posts[:3], full=False).encode(), BASE)
    assert all(e.html is None for e in summary.entries)


ATOM_XHTML = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/journal/"><title>Harbour notes</title>
<link rel="next" href="atom-2.xml"/>
<entry xml:base="2025/"><title>Ferry timetable</title><link href="ferry.html"/>
 <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Boats &amp; buses <p>The <b>early</b> ferry.</p></div></content></entry>
<entry><title>Text only</title><link rel="alternate" href="https://elsewhere.example/t"/><content type="text">words</content></entry>
<entry><title>Blank</title><link href="blank.html"/><content type="html">   </content></entry>
<entry><title>Outside</title><link href="out.html"/><content type="text/html" src="https://x.example/body"/></entry>
</feed>"""

RSS1 = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://quay.example/"><title>Quay daily</title></channel>
<item rdf:about="https://quay.example/nets"><title>Nets mended</title><link>https://quay.example/nets</link>
 <dc:date>2025-05-02T08:00:00Z</dc:date><dc:creator>Ines Quay</dc:creator><dc:subject>harbour</dc:subject>
 <content:encoded><![CDATA[<p>The nets were mended.</p>]]></content:encoded></item>
<item rdf:about="https://quay.example/tide"><title>Tide</title></item></rdf:RDF>"""


def test_atom_links_follow_xml_base_and_xhtml_content_is_the_body() -> None:
    feed = parse_xml_feed(ATOM_XHTML, "https://quay.example/feeds/atom.xml")
    assert feed.next_url == "https://quay.example/journal/atom-2.xml"
    urls = [e.url for e in feed.entries]
    assert urls == ["https://quay.example/journal/2025/ferry.html", "https://elsewhere.example/t",
                    "https://quay.example/journal/blank.html", "https://quay.example/journal/out.html"]
    assert feed.entries[0].html == "Boats &amp; buses <p>The <b>early</b> ferry.</p>"
    assert [e.html for e in feed.entries[1:]] == [None, None, None]  # text, blank, out of line: the page has it


ATOM_COPIED = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Quay mirror</title>
<author><name>Mirror Desk</name></author>
<entry><title>Copied</title>
 <source><title>Harbour Gazette</title><link rel="self" href="https://gazette.example/feed.atom"/>
  <link rel="alternate" href="https://gazette.example/"/><author><name>Ola Berg</name></author>
  <category term="gazette-news"/></source>
 <link rel="alternate" type="application/pdf" href="https://quay.example/copied.pdf"/>
 <link rel="alternate" type="text/html" href="https://quay.example/copied.html"/>
 <category term="harbour"/></entry>
<entry><title>Two writers</title><link href="https://quay.example/two.html"/>
 <author><name>Ann Lee</name></author><author><name>Bo Chan</name></author></entry>
<entry><title>Desk's own</title><id>https://quay.example/?p=12</id></entry>
<entry><title>No address</title><id>tag:quay.example,2026:13</id></entry>
</feed>"""


def test_atom_entries_read_their_own_links_and_take_provenance_and_authors_from_their_source() -> None:
    """An entry's link and categories are its own, not its <source>'s (they were, when the source came
    first); the source names the publisher; authors come from the entry, else its source, else the
    feed (RFC 4287 4.2.1); an entry with no link is found by an id that is a web address."""
    feed = parse_xml_feed(ATOM_COPIED, "https://quay.example/feed.atom")
    copied, two, own = feed.entries
    assert (copied.url, copied.labels) == ("https://quay.example/copied.html", ["harbour"])
    assert (copied.source_publisher, copied.source_url, copied.author) == (
        "Harbour Gazette", "https://gazette.example/", "Ola Berg")
    assert (two.author, two.source_publisher, two.source_url) == ("Ann Lee; Bo Chan", None, None)
    assert (own.url, own.author) == ("https://quay.example/?p=12", "Mirror Desk")


def test_an_atom_summary_that_holds_the_whole_post_is_its_body() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of the harbour report, " + "with its words " * 20 + "</p>" for i in range(6))
    body = (b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Q</title>"
            b"<entry><title>Whole</title><link href='https://quay.example/w.html'/><summary type='html'>"
            + htmllib.escape(paragraphs).encode() + b"</summary></entry>"
            b"<entry><title>Short</title><link href='https://quay.example/s.html'/><summary type='html'>"
            b"&lt;p&gt;A line.&lt;/p&gt;</summary></entry></feed>")
    whole, short = parse_xml_feed(body, "https://quay.example/feed.atom").entries
    assert whole.html == paragraphs and short.html is None


def test_rss1_rdf_feeds_and_rss2_guid_permalinks() -> None:
    feed = parse_xml_feed(RSS1, "https://quay.example/index.rdf")
    assert feed.title == "Quay daily" and [e.url for e in feed.entries] == ["https://quay.example/nets", "https://quay.example/tide"]
    first = feed.entries[0]
    assert (first.html, first.published, first.author, first.labels) == (
        "<p>The nets were mended.</p>", "2025-05-02T08:00:00Z", "Ines Quay", ["harbour"])
    rss = parse_xml_feed(b"""<rss version="2.0"><channel><title>Q</title>
        <item><title>a</title><guid>https://quay.example/a</guid></item>
        <item><title>b</title><guid isPermaLink="false">https://quay.example/b</guid></item>
        <item><title>c</title><link> /c.html </link></item></channel></rss>""", "https://quay.example/feed")
    assert [e.url for e in rss.entries] == ["https://quay.example/a", "https://quay.example/c.html"]


def test_rss_in_a_namespace_of_its_own_and_items_outside_the_channel() -> None:
    """RSS 2.0 in Radio UserLand's namespace reads as RSS 2.0 (it was "not a feed"), RSS 0.90 as RSS
    1.0, and an RSS 0.91 feed's items after its closed channel are its items (it had none)."""
    item = ("<item><title>Nets mended</title><link>https://quay.example/nets</link>"
            "<description>The nets were mended.</description><pubDate>Fri, 02 May 2025 08:00:00 GMT</pubDate></item>")
    userland = parse_xml_feed(f'<rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel>'
                              f"<title>Quay daily</title>{item}</channel></rss>".encode(), "https://quay.example/rss")
    assert userland.title == "Quay daily"
    assert [(e.url, e.title, e.published) for e in userland.entries] == [
        ("https://quay.example/nets", "Nets mended", "Fri, 02 May 2025 08:00:00 GMT")]
    netscape = parse_xml_feed(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                              b'xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Quay daily</title>'
                              b"</channel><item><title>Nets mended</title><link>https://quay.example/nets</link></item>"
                              b"</rdf:RDF>", "https://quay.example/rss")
    assert netscape.title == "Quay daily" and [e.url for e in netscape.entries] == ["https://quay.example/nets"]
    closed = parse_xml_feed(f'<rss version="0.91"><channel><title>Quay daily</title></channel>{item}</rss>'.encode(),
                            "https://quay.example/rss")
    assert [e.title for e in closed.entries] == ["Nets mended"]
    other = parse_xml_feed(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x">'
                           b"<x:item><x:link>https://quay.example/x</x:link></x:item></rdf:RDF>", "https://quay.example/rss")
    assert other.entries == []  # (RDF of another vocabulary is no feed of posts)


def test_wordpress_rest_posts_with_embed() -> None:
    blog = BLOGS[2]
    entries = parse_wp_posts(feeds.wp_posts_json(blog, "https://wp.example", blog.posts[:3], embed=True))
    assert len(entries) == 3
    assert entries[0].author == blog.posts[0].author and entries[0].labels == list(blog.posts[0].labels)
    assert entries[0].published.endswith("Z") and entries[0].html


def test_a_wordpress_post_with_fields_of_the_wrong_type_skips_them_not_the_page() -> None:
    good = {"link": "https://wp.example/2026/01/ok/", "title": {"rendered": "Quay &amp; pier"},
            "content": {"rendered": "<p>Body</p>"}, "date_gmt": "2026-01-01T10:00:00", "modified": "2026-01-02T11:00:00"}
    odd = {"link": "https://wp.example/2026/01/odd/", "title": ["x"], "content": False, "date_gmt": 5,
           "_embedded": {"author": "nobody", "wp:term": [None, [{"name": 3}, {"name": "Harbour"}]]}}
    entries = parse_wp_posts(json.dumps([good, odd, {"link": 12345}, {"link": "javascript:x"}, "post", None]))
    assert [(e.url, e.title, e.html, e.published, e.updated, e.labels) for e in entries] == [
        ("https://wp.example/2026/01/ok/", "Quay & pier", "<p>Body</p>", "2026-01-01T10:00:00Z", "2026-01-02T11:00:00", []),
        ("https://wp.example/2026/01/odd/", None, None, None, None, ["Harbour"])]


def test_a_blogger_feed_entry_of_another_shape_is_skipped_not_the_page() -> None:
    good = {"link": [{"rel": "alternate", "href": "https://b.example/2026/01/ok.html"}], "title": {"$t": "Ok"},
            "content": {"$t": "<p>Body</p>"}, "author": [{"name": {"$t": "Ann"}}], "category": [{"term": "News"}]}
    odd = {"link": [{"rel": "alternate", "href": "https://b.example/2026/01/odd.html"}], "title": {"$t": 5},
           "content": "<p>not an object</p>", "author": "Ann", "category": [{"term": 3}, "x"]}
    feed = {"feed": {"entry": [good, odd, {"link": "x"}, {"link": [{"rel": "alternate", "href": 7}]}, "entry", None],
                     "openSearch$totalResults": {"$t": 2}, "link": {"rel": "next"}, "title": ["Blog"]}}
    page = parse_blogger_json(json.dumps(feed))
    assert [(e.url, e.title, e.html, e.author, e.labels) for e in page.entries] == [
        ("https://b.example/2026/01/ok.html", "Ok", "<p>Body</p>", "Ann", ["News"]),
        ("https://b.example/2026/01/odd.html", None, None, None, [])]
    assert (page.total, page.next_url, page.title) == (None, None, None)


def test_a_sitemap_with_an_undeclared_prefix_is_read() -> None:
    body = (b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url>"
            b"<loc>https://x.example/2026/01/a.html</loc><image:image><image:loc>https://x.example/a.jpg</image:loc>"
            b"</image:image><news:news><news:title>A</news:title></news:news></url></urlset>")
    assert parse_sitemap(body, "https://x.example/sitemap.xml") == ([], [("https://x.example/2026/01/a.html", None, None)])


def test_a_news_sitemap_gives_each_pages_publication_date() -> None:
    body = (b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            b"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url><loc>https://x.example/a.html</loc>"
            b"<news:news><news:publication><news:name>X</news:name><news:language>en</news:language></news:publication>"
            b"<news:publication_date>2026-03-02T10:00:00+01:00</news:publication_date><news:title>A</news:title>"
            b"</news:news></url><url><loc>https://x.example/b.html</loc><lastmod>2026-03-04</lastmod></url></urlset>")
    assert parse_sitemap(body, "https://x.example/sitemap.xml")[1] == [
        ("https://x.example/a.html", None, "2026-03-02T10:00:00+01:00"), ("https://x.example/b.html", "2026-03-04", None)]


def test_sitemap_index_and_urlset() -> None:
    children, pages = parse_sitemap(feeds.sitemap_index([BASE + "/sitemap.xml?page=1"]).encode(), BASE)
    assert children == [(BASE + "/sitemap.xml?page=1", None)] and pages == []
    children, _pages = parse_sitemap(feeds.sitemap_index([BASE + "/s1.xml"], ["2026-02-01"]).encode(), BASE)
    assert children == [(BASE + "/s1.xml", "2026-02-01")]
    children, pages = parse_sitemap(feeds.sitemap_urlset([(BASE + "/a.html", "2026-01-01")]).encode(), BASE)
    assert children == [] and pages == [(BASE + "/a.html", "2026-01-01", None)]


def test_gzipped_and_text_sitemaps() -> None:
    index = feeds.sitemap_index([BASE + "/posts.txt"]).encode()
    assert parse_sitemap(gzip.compress(index), BASE) == ([(BASE + "/posts.txt", None)], [])
    text = f"{BASE}/2026/01/a.html\r\n\n{BASE}/2026/01/b.html\n".encode()
    assert parse_sitemap(text, BASE) == ([], [(BASE + "/2026/01/a.html", None, None), (BASE + "/2026/01/b.html", None, None)])
    assert parse_sitemap(gzip.compress(text), BASE)[1][1] == (BASE + "/2026/01/b.html", None, None)


@pytest.mark.parametrize("body", [
    b'<rss version="2.0"><channel><item><link>https://x.example/a.html</link></item><item><title>no link</title>'
    b'</item><item><link>javascript:void(0)</link></item></channel></rss>',
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://x.example/a.html"/></entry></feed>'])
def test_a_feed_given_as_a_sitemap_lists_its_posts(body: bytes) -> None:
    assert parse_sitemap(body, BASE) == ([], [("https://x.example/a.html", None, None)])


@pytest.mark.parametrize("body", [gzip.compress(b"x")[:12], b"Welcome to my blog\n", b"/relative.html\n",
                                  gzip.compress(b"<urlset>" + b" " * 60_000_000)])
def test_bad_sitemaps_raise_discovery_error(body: bytes) -> None:
    with pytest.raises(DiscoveryError):
        parse_sitemap(body, BASE)


@pytest.mark.parametrize("body", [b"", b"<html><body>nope</body></html>", b"\x89PNG\x00\x00"])
def test_bad_feeds_raise_discovery_error(body: bytes) -> None:
    with pytest.raises(DiscoveryError):
        parse_xml_feed(body, BASE)


@pytest.mark.parametrize("body", ["", "<html>", '{"feed": 3}', "[1, 2]"])
def test_bad_json_raises_discovery_error(body: str) -> None:
    with pytest.raises(DiscoveryError):
        parse_blogger_json(body)


def test_robots_sitemaps() -> None:
    assert robots_sitemaps("User-agent: *\nDisallow: /search\n\nSitemap: https://x/sitemap.xml\n") == ["https://x/sitemap.xml"]
    # as Google reads them: a byte order mark before the first line (a robots.txt saved by a Windows
    # editor), white space around the line and the colon, a comment after the address
    assert robots_sitemaps("\ufeffSitemap: https://x/a.xml\nUser-agent: *\r\n  sitemap : https://x/b.xml # news\r\n"
                           "# Sitemap: https://x/old.xml\nsitemap:\nDisallow: /\n") == ["https://x/a.xml", "https://x/b.xml"]


def _crawl_site(handler: type, tmp_path, *extra: str) -> tuple[str, Any]:
    """Crawl a test site served by handler from its home page (loopback allowed, no throttle):
    its base URL and the run."""
    with serve(handler) as base:
        return base, run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *extra,
                               out=tmp_path / "o.jsonl")


def _post_page(title: str, sentence: str) -> bytes:
    text = " ".join(sentence for _ in range(6))
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<article><p>{text}</p><p>{text}</p></article></body></html>").encode()


def _home_page(name: str) -> bytes:
    return f"<html><body><h1>{name}</h1></body></html>".encode()


class _CanalSite(Handler):
    """A sitemap-only site of canal notices: /…/notice-N.html are its posts, / its home page; its
    subclasses serve its robots.txt and sitemaps, and hand every other path to canal_page."""

    def canal_page(self) -> None:
        if (m := re.search(r"/notice-(\d+)\.html$", self.path)) is not None:
            n = int(m.group(1))
            self.send(200, "text/html; charset=utf-8", _post_page(
                f"Lock {n} reopens", f"The canal lock number {n} reopens after repairs to its upper gate, the trust said."))
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", _home_page("Canal Notices"))
        else:
            self.send_error(404)


class _PackedSitemaps(_CanalSite):
    """A sitemap-only site whose robots.txt names a gzipped sitemap index (served as a file, as
    sitemap.xml.gz is) of one text sitemap."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/robots.txt":
            self.send(200, "text/plain", f"User-agent: *\nSitemap: {base}/sitemap_index.xml.gz\n".encode())
        elif self.path == "/sitemap_index.xml.gz":
            self.send(200, "application/gzip", gzip.compress(feeds.sitemap_index([base + "/posts.txt"]).encode()))
        elif self.path == "/posts.txt":
            self.send(200, "text/plain", "".join(f"{base}/2026/03/notice-{n}.html\n" for n in range(6)).encode())
        else:
            self.canal_page()


def test_a_crawl_finds_posts_through_gzipped_and_text_sitemaps(tmp_path) -> None:
    base, run = _crawl_site(_PackedSitemaps, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/2026/03/notice-{n}.html" for n in range(6)]
    assert run.manifest()["counts"]["rejects"] == 0


class _IndexWithEmptyChildren(_CanalSite):
    """A plain site whose sitemap index lists its posts' sitemap, an empty one and a missing one."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_index([f"{base}/{n}.xml" for n in ("events", "posts", "gone")]))
        elif self.path == "/events.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset([]))
        elif self.path == "/posts.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset(
                [(f"{base}/2026/03/notice-{n}.html", "2026-03-01") for n in range(3)]))
        else:
            self.canal_page()


def test_a_sitemap_index_s_empty_or_missing_child_does_not_send_the_crawl_on(tmp_path) -> None:
    """Only when none of a blog's sitemaps listed a post does its crawl go on to the next way in (page
    links). Before, each empty or missing child did: the home page's links were followed twice."""
    base, run = _crawl_site(_IndexWithEmptyChildren, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/2026/03/notice-{n}.html" for n in range(3)]
    discovery = run.manifest()["discovery"]
    assert "strategy/links" not in discovery and discovery["sitemaps"] == 3
    assert run.manifest()["http"]["requests"] == 9  # robots, home, the index, its 3 children, 3 posts


class _SlowPostsChild(_IndexWithEmptyChildren):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/posts.xml":
            time.sleep(0.5)  # (its siblings answer first)
        super().do_GET()


def test_a_sitemap_given_as_the_seed_waits_for_all_its_children(tmp_path) -> None:
    """A sitemap index given as the seed: its blog's home page is the next way in only when none of
    its children listed a post. Before, the seed's own sitemap was not counted, and the home page was
    read as soon as the two children before the last had answered with nothing."""
    with serve(_SlowPostsChild) as base:
        run = run_splog("crawl", base + "/sitemap.xml", "--allow-private-hosts", "--no-throttle", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert len(run.records()) == 3
    assert "strategy/home" not in run.manifest()["discovery"]


class _YoastIndex(_CanalSite):
    """A plain site whose posts are in three child sitemaps, each with its lastmod in the index (as
    Yoast writes them); `added` posts go at the end of the third, which then has a later lastmod."""

    added = 0

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        children = {f"/post-sitemap{k or ''}.xml": range(k * 4, k * 4 + 4 + (self.added if k == 2 else 0)) for k in range(3)}
        stamps = ["2026-01-10T08:00:00+00:00", "2026-02-10T08:00:00+00:00", "2026-03-10T08:00:00+00:00"]
        late = "2026-05-02T09:30:00+00:00"
        if self.path == "/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_index(
                [base + c for c in children], stamps[:2] + [late if self.added else stamps[2]]))
        elif self.path in children:
            k = list(children).index(self.path)
            self.send(200, "application/xml", feeds.sitemap_urlset(
                [(f"{base}/2026/notice-{n}.html", late if n >= 12 else stamps[k]) for n in children[self.path]]))
        else:
            self.canal_page()


class _YoastIndexInRobots(_YoastIndex):
    """The same site with its index at /sitemap_index.xml, which only robots.txt names."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/robots.txt":
            self.send(200, "text/plain", f"User-agent: *\nSitemap: {base}/sitemap_index.xml\n")
        elif self.path == "/sitemap.xml":
            self.send_error(404)
        else:
            self.path = "/sitemap.xml" if self.path == "/sitemap_index.xml" else self.path
            super().do_GET()


def test_a_known_blog_s_sitemaps_are_asked_for_where_the_last_run_found_them(tmp_path) -> None:
    """An unchanged blog whose sitemap index only robots.txt names costs two requests on the next run
    (robots.txt, the index; its children unchanged). Before: /sitemap.xml's 404 and a second
    robots.txt as well, every run."""
    _YoastIndex.added = 0
    state = ("--state", str(tmp_path / "state.db"))
    with serve(_YoastIndexInRobots) as base:
        first = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *state, out=tmp_path / "1.jsonl")
        assert first.code == 0 and len(first.records()) == 12, first.stderr[-2000:]
        second = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *state, out=tmp_path / "2.jsonl")
    assert second.code == 0, second.stderr[-2000:]
    assert second.records() == [] and second.rejects() == []
    assert second.manifest()["http"]["requests"] == 2


def test_an_incremental_run_reads_only_the_child_sitemaps_changed_since_the_last(tmp_path) -> None:
    """Run 2 reads the index and the one child whose lastmod is newer than the blog's newest post of
    run 1, and fetches only the post added there: robots.txt, the index, that child and the post.
    Before, every child sitemap was read again on every run."""
    state = ("--state", str(tmp_path / "state.db"))
    with serve(_YoastIndex) as base:
        first = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *state, out=tmp_path / "1.jsonl")
        assert first.code == 0 and len(first.records()) == 12, first.stderr[-2000:]
        _YoastIndex.added = 1
        second = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *state, out=tmp_path / "2.jsonl")
    assert second.code == 0, second.stderr[-2000:]
    assert [r["url"] for r in second.records()] == [f"{base}/2026/notice-12.html"]
    assert second.manifest()["discovery"]["sitemaps_unchanged"] == 2
    assert second.manifest()["http"]["requests"] == 4


class _EmptyRest(Handler):
    """A WordPress blog whose REST API answers every visitor an empty list (a plugin limits it), while
    its /feed/ gives its three posts whole."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        sentence = "The lock gates on the upper canal will be replaced over the winter closure."
        if self.path == "/":
            self.send(200, "text/html; charset=utf-8", (
                f"<html><head><meta name='generator' content='WordPress 6.6'>"
                f"<link rel='https://api.w.org/' href='{base}/wp-json/'></head>"
                f"<body><h1>Canal Notes</h1></body></html>").encode())
        elif self.path.startswith("/wp-json/wp/v2/posts"):
            self.send(200, "application/json", b"[]", {"X-WP-Total": "0", "X-WP-TotalPages": "0"})
        elif self.path.startswith("/feed/") and "paged" not in self.path:
            items = "".join(
                f"<item><title>Lock gates {n}</title><link>{base}/2026/11/lock-gates-{n}/</link>"
                f"<pubDate>Mon, 0{n + 1} Nov 2026 08:00:00 +0000</pubDate><content:encoded><![CDATA["
                f"<p>{' '.join([sentence] * 5)} Notice {n}.</p>]]></content:encoded></item>" for n in range(3))
            self.send(200, "application/rss+xml", (
                "<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
                f"<channel><title>Canal Notes</title><link>{base}/</link>{items}</channel></rss>").encode())
        else:
            self.send_error(404)


def test_a_rest_api_that_lists_no_post_on_a_first_crawl_is_not_the_blog_s_end(tmp_path) -> None:
    """Before, an empty first page of the REST API ended the blog's discovery: no post, no reject."""
    base, run = _crawl_site(_EmptyRest, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/2026/11/lock-gates-{n}/" for n in range(3)]
    assert {r["crawl"]["via"] for r in run.records()} == {"rss"}
    assert run.manifest()["discovery"]["empty/wp-json"] == 1


class _NoLastmod(Handler):
    """A sitemap-only site whose sitemap gives no lastmod (as many plain sites' do): `posts` notices."""

    posts = 5
    asked: list[str] = []
    address = "/notes/lock-keeper-{n}.html"

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.asked.append(self.path)
        listed = [self.address.format(n=n) for n in range(self.posts)]
        if self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in listed)
            self.send(200, "application/xml", f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
        elif self.path in listed:
            n = listed.index(self.path)
            self.send(200, "text/html; charset=utf-8", _post_page(
                f"Lock keeper notice {n}", f"The lock keeper at Ashby will be on leave for {n + 2} days in June."))
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", _home_page("Ashby Locks"))
        else:
            self.send_error(404)


def test_a_later_run_fetches_only_the_posts_a_sitemap_without_lastmod_adds(tmp_path) -> None:
    """With no lastmod to say what changed, a post the state has a record of is not fetched again
    (`--full` does). Before, every run fetched every post the sitemap listed."""
    handler = type("Site", (_NoLastmod,), {"posts": 5, "asked": []})
    state = ("--state", str(tmp_path / "state.db"))
    with serve(handler) as base:
        first = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *state, out=tmp_path / "1.jsonl")
        assert first.code == 0 and len(first.records()) == 5, first.stderr[-2000:]
        handler.posts, handler.asked = 6, []
        second = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *state, out=tmp_path / "2.jsonl")
        assert second.code == 0, second.stderr[-2000:]
        assert [r["url"] for r in second.records()] == [f"{base}/notes/lock-keeper-5.html"]
        assert sorted(handler.asked) == ["/notes/lock-keeper-5.html", "/robots.txt", "/sitemap.xml"]
        assert second.manifest()["discovery"]["known_skipped"] == 5
        full = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", *state, "--full",
                         out=tmp_path / "3.jsonl")
    assert full.code == 0 and full.manifest()["counts"]["posts"] == 6, full.stderr[-2000:]


def test_a_sites_posts_under_a_p_folder_are_crawled(tmp_path) -> None:
    """Substack and other sites put their posts under /p/, where Blogger keeps its static pages: a
    plain site whose sitemap listed only such addresses "listed no posts"."""
    handler = type("Site", (_NoLastmod,), {"posts": 4, "asked": [], "address": "/p/lock-keeper-notice-{n}"})
    with serve(handler) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", out=tmp_path / "p.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/p/lock-keeper-notice-{n}" for n in range(4)]


class _CountedRobots(_PackedSitemaps):
    robots = 0

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/robots.txt":
            type(self).robots += 1
        super().do_GET()


def test_robots_txt_is_read_once_for_both_the_rules_and_the_sitemaps(tmp_path) -> None:
    """/sitemap.xml missing, robots.txt names the sitemap: the copy Scrapy's robots.txt middleware
    read gives its Sitemap: lines (it was fetched twice); with ROBOTSTXT_OBEY off, discovery reads it."""
    for obey, reads in (("true", 1), ("false", 1)):
        _CountedRobots.robots = 0
        base, run = _crawl_site(_CountedRobots, tmp_path, "-s", f"ROBOTSTXT_OBEY={obey}")
        assert run.code == 0, run.stderr[-2000:]
        assert len(run.records()) == 6 and _CountedRobots.robots == reads, obey


class _BaseHref(Handler):
    """A site without feed or sitemap whose pages say <base href="/news/">: the home page's links to
    posts, and a post's link to its author, are relative to that folder."""

    def do_GET(self) -> None:  # noqa: N802
        head = "<head><base href='/news/'></head>"
        if self.path == "/":
            links = "".join(f"<li><a href='2026/05/notice-{n}.html'>Notice {n}</a></li>" for n in range(3))
            self.send(200, "text/html; charset=utf-8", f"<html>{head}<body><h1>Quay Notices</h1><ul>{links}</ul></body></html>")
        elif self.path.startswith("/news/2026/05/notice-"):
            n = int(self.path.rsplit("-", 1)[1].split(".")[0])
            text = " ".join(f"The quay crane number {n} is back in service after its gearbox was rebuilt." for _ in range(6))
            self.send(200, "text/html; charset=utf-8", (
                f"<html>{head}<body><article><h1>Crane {n} returns</h1>"
                f"<p class='byline'>By <a href='author/ines-moreau/'>Ines Moreau</a></p><p>{text}</p><p>{text}</p>"
                "</article></body></html>"))
        else:
            self.send_error(404)


def test_links_are_read_against_the_page_s_base_href(tmp_path) -> None:
    """Before, a page's relative links were joined to its own URL: the posts were looked for at
    /2026/05/… (404), and nothing was crawled."""
    base, run = _crawl_site(_BaseHref, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    records = run.records()
    assert sorted(r["url"] for r in records) == [f"{base}/news/2026/05/notice-{n}.html" for n in range(3)]
    assert {r["author"] for r in records} == {"Ines Moreau"}


def test_json_feeds_are_read_from_their_bytes_or_through_their_declared_charset() -> None:
    # UTF-8 bytes go to json.loads as they are (no decoded copy of a big feed page kept on the
    # response); a body in another charset, declared or not, is read through Scrapy's decoding
    from scrapy.http import TextResponse

    from crawler.spiders.blogs import _read_json

    posts = json.dumps([{"link": f"{BASE}/a", "title": {"rendered": "Café crème"},
                         "content": {"rendered": "<p>Ça va.</p>"}}], ensure_ascii=False)
    bodies = [(posts.encode("utf-8"), "application/json; charset=UTF-8"),
              (posts.encode("utf-8"), "application/json"),
              (posts.encode("latin-1"), "application/json; charset=ISO-8859-1")]
    for body, ctype in bodies:
        response = TextResponse(f"{BASE}/wp-json/wp/v2/posts", body=body, headers={"Content-Type": ctype})
        entries = _read_json(parse_wp_posts, response)
        assert (entries[0].title, entries[0].html) == ("Café crème", "<p>Ça va.</p>"), ctype
    # not UTF-8 and saying nothing: json.loads refuses the bytes, Scrapy's guess of the charset reads it
    response = TextResponse(f"{BASE}/wp-json/wp/v2/posts", body=posts.encode("cp1252"),
                            headers={"Content-Type": "application/json"})
    assert [e.url for e in _read_json(parse_wp_posts, response)] == [f"{BASE}/a"]
    jsonp = b'callback({"feed": {"entry": [{"link": [{"rel": "alternate", "href": "https://x/p.html"}]}]}});'
    assert parse_blogger_json(jsonp).entries[0].url == "https://x/p.html"


class _CoreSitemaps(Handler):
    """A WordPress site without feeds whose /sitemap.xml redirects to the core sitemap index: posts,
    static pages, categories and users, each in its own child sitemap."""

    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        type(self).asked.append(self.path)
        urlset = {"/wp-sitemap-posts-post-1.xml": [f"{base}/2026/03/ferry-notice-{n}/" for n in range(4)],
                  "/wp-sitemap-posts-page-1.xml": [f"{base}/sample-page/", f"{base}/our-story/"],
                  "/wp-sitemap-taxonomies-category-1.xml": [f"{base}/category/news/"],
                  "/wp-sitemap-users-1.xml": [f"{base}/author/admin/"]}
        if self.path == "/sitemap.xml":
            self.send(301, "text/html", b"", {"Location": f"{base}/wp-sitemap.xml"})
        elif self.path == "/wp-sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_index([base + path for path in urlset]).encode())
        elif self.path in urlset:
            self.send(200, "application/xml", feeds.sitemap_urlset([(u, "2026-03-02T10:00:00+00:00")
                                                                    for u in urlset[self.path]]).encode())
        elif self.path.startswith(("/2026/03/", "/sample-page/", "/our-story/")):
            route = self.path.strip("/")
            self.send(200, "text/html; charset=utf-8", _post_page(
                "Notice", f"The ferry timetable for the {route} route changes on Monday."))
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", _home_page("Ferry Notices"))
        else:
            self.send_error(404)


def test_sitemaps_of_static_pages_taxonomies_and_users_are_not_followed(tmp_path) -> None:
    handler = type("Site", (_CoreSitemaps,), {"asked": []})
    base, run = _crawl_site(handler, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/2026/03/ferry-notice-{n}/" for n in range(4)]
    assert not [path for path in handler.asked if "page" in path or "taxonomies" in path or "users" in path]
    assert run.manifest()["discovery"]["sitemaps_skipped"] == 3


class _Redirects(Handler):
    """A sitemap-only site whose listed posts redirect every way a real one does: moved to a new URL,
    into a loop, by meta refresh onto another listed post, by HTTP onto another listed post, and (a
    deleted post) to the home page."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        listed = ["/news/pier-reopens.html", "/news/old-slug.html", "/news/loop-a.html", "/news/refresh.html",
                  "/news/alias.html", "/news/deleted.html"]
        moves = {"/news/old-slug.html": "/news/lighthouse-repainted.html", "/news/loop-a.html": "/news/loop-b.html",
                 "/news/loop-b.html": "/news/loop-a.html", "/news/alias.html": "/news/pier-reopens.html",
                 "/news/deleted.html": "/"}
        if self.path == "/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset([(base + p, "2026-03-02") for p in listed]).encode())
        elif self.path in moves:
            self.send(301, "text/html", b"", {"Location": base + moves[self.path]})
        elif self.path == "/news/refresh.html":
            self.send(200, "text/html; charset=utf-8",
                      b"<html><head><meta http-equiv='refresh' content='0; url=/news/pier-reopens.html'></head>"
                      b"<body>Moved</body></html>")
        elif self.path == "/news/pier-reopens.html":
            self.send(200, "text/html; charset=utf-8", _post_page(
                "Pier reopens", "The pier at Wexcombe reopened on Saturday after a year of repairs to its decking."))
        elif self.path == "/news/lighthouse-repainted.html":
            self.send(200, "text/html; charset=utf-8", _post_page(
                "Lighthouse repainted", "Volunteers repainted the red and white bands of the Gull Point lighthouse."))
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", _home_page("Wexcombe Notes"))
        else:
            self.send_error(404)


def test_every_redirecting_post_ends_as_a_record_or_a_reject(tmp_path) -> None:
    base, run = _crawl_site(_Redirects, tmp_path, "--max-reject-ratio", "1")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/news/lighthouse-repainted.html",
                                                       f"{base}/news/pier-reopens.html"]
    assert sorted((r["url"], r["reason"]) for r in run.rejects()) == [
        (f"{base}/news/alias.html", "redirect_to_seen"),
        (f"{base}/news/deleted.html", "redirect_to_home"),
        (f"{base}/news/loop-a.html", "too_many_redirects"),
        (f"{base}/news/refresh.html", "redirect_to_seen"),
    ]
    manifest = run.manifest()
    assert manifest["counts"]["posts"] == 6 and manifest["reconciles"]


class _BigSitemap(Handler):
    """A sitemap-only blog whose one sitemap file lists 2,000 posts (~220 KB)."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset(
                [(f"{base}/2025/11/harbour-dredging-notice-{n}.html", "2025-11-02") for n in range(2000)]).encode())
        elif self.path.startswith("/2025/11/"):
            self.send(200, "text/html; charset=utf-8", _post_page(
                "Dredging notice", "Dredging of the inner harbour starts on Monday and lasts three weeks."))
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", _home_page("Harbour Notices"))
        else:
            self.send_error(404)


def test_a_sitemap_over_download_maxsize_is_still_read(tmp_path) -> None:
    """Sitemaps have their own cap (the protocol's 50 MB): a big blog's single-file sitemap passes
    DOWNLOAD_MAXSIZE (here lowered to 100 KB, a post page's scale) and must not cost the blog its posts."""
    base, run = _crawl_site(_BigSitemap, tmp_path, "--max-posts-per-blog", "3", "-s", "DOWNLOAD_MAXSIZE=100000")
    assert run.code == 0, run.stderr[-2000:]
    assert len(run.records()) == 3
    assert run.rejects() == []
    assert run.manifest()["discovery"]["sitemaps"] == 1


class _HugeHome(Handler):
    """A site whose home page prints every post whole (~150 KB, over a lowered DOWNLOAD_MAXSIZE).
    Its /feed/ gives the two newest posts whole and its sitemap lists all four; with feed=False,
    /feed/ answers the home page's small error page instead (a site that serves anything it is
    asked for)."""

    feed = True
    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.asked.append(self.path)
        posts = [f"/2026/05/tide-table-{n}/" for n in range(4)]
        sentence = "The tide table for the estuary moorings changes with the spring equinox this year."
        if self.path == "/":
            self.send(200, "text/html; charset=utf-8", _home_page("Estuary Moorings") + b"<p>x</p>" * 20000)
        elif self.path == "/feed/" and self.feed:
            items = "".join(
                f"<item><title>Tide table {n}</title><link>{base}{posts[n]}</link>"
                f"<pubDate>Sat, 0{n + 1} May 2026 08:00:00 +0000</pubDate>"
                f"<content:encoded><![CDATA[<p>{' '.join([sentence] * 6)} Notice {n}.</p>]]></content:encoded></item>"
                for n in (3, 2))
            self.send(200, "application/rss+xml", (
                "<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
                f"<channel><title>Estuary Moorings</title><link>{base}/</link>{items}</channel></rss>").encode())
        elif self.path == "/feed/":
            self.send(200, "text/html; charset=utf-8", b"<html><body><p>Nothing here.</p></body></html>")
        elif self.path == "/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset([(base + p, "2026-05-04") for p in posts]).encode())
        elif self.path in posts:
            self.send(200, "text/html; charset=utf-8", _post_page(f"Tide table {posts.index(self.path)}", sentence))
        else:
            self.send_error(404)


@pytest.mark.parametrize("feed", [True, False])
def test_a_home_page_over_download_maxsize_still_leads_to_the_posts(tmp_path, feed) -> None:
    """Before, a home page too large to fetch was the blog's only way in: one too_large reject, and
    none of its posts. Its feed and sitemap are now asked for without it; a /feed/ that is not a feed
    (asked for blind) is no reject."""
    handler = type("Site", (_HugeHome,), {"feed": feed, "asked": []})
    base, run = _crawl_site(handler, tmp_path, "-s", "DOWNLOAD_MAXSIZE=100000")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/2026/05/tide-table-{n}/" for n in range(4)]
    assert run.rejects() == []
    discovery = run.manifest()["discovery"]
    assert discovery["homes_too_large"] == 1
    fetched = [p for p in handler.asked if p.startswith("/2026/")]
    assert sorted(fetched) == [f"/2026/05/tide-table-{n}/" for n in ((0, 1) if feed else range(4))]
    assert "too large" in run.stderr


@pytest.mark.parametrize(("body", "kind"), [
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>', "sitemap"),
    (b"\xef\xbb\xbf\n  <sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>", "sitemap"),
    (gzip.compress(b"<urlset></urlset>"), "sitemap"),
    (b"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>", "feed"),
    (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>", "feed"),
    (b'{"version":"1.0","encoding":"UTF-8","feed":{', "feed"),
    (b'[{"id":12,"link":"https://x.example/a/"}]', "feed"),
    (b'gdata.io.handleScriptLoaded({"feed":{', "feed"),
    (b"<!DOCTYPE html><html><head><title>How to make an <rss> feed</title>", None),
    (b"<html><body><p>Our <feed> of news</p></body></html>", None),
    (b"Just text", None),
])
def test_what_a_seed_url_answers_with(body, kind) -> None:
    from crawler.spiders.blogs import _seed_document

    assert _seed_document(body) == kind


@pytest.mark.parametrize(("seed", "records", "rejects"), [
    ("/news/deleted.html", [], [("/news/deleted.html", "redirect_to_home")]),  # not the whole blog
    ("/news/old-slug.html", ["/news/lighthouse-repainted.html"], []),
    ("/news/refresh.html", ["/news/pier-reopens.html"], []),
    ("/news/loop-a.html", [], [("/news/loop-a.html", "too_many_redirects")]),
])
def test_a_post_seed_that_redirects(tmp_path, seed, records, rejects) -> None:
    with serve(_Redirects) as base:
        run = run_splog("crawl", base + seed, "--allow-private-hosts", "--no-throttle", "--max-reject-ratio", "1",
                        out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert [r["url"].removeprefix(base) for r in run.records()] == records
    assert [(r["url"].removeprefix(base), r["reason"]) for r in run.rejects()] == rejects


class _FolderBlogs(Handler):
    """Two blogs in folders of one site (/harbour/ and /ferry/), the site's own sitemap listing both
    and a page of the site outside them; only /harbour/ has a sitemap of its own. One of its posts
    was deleted and now redirects to the blog's home page, /harbour/."""

    POSTS = {"/harbour/2026/04/dredging-starts-monday.html": "Dredging of the north basin starts on Monday.",
             "/harbour/2026/04/crane-number-two-returns.html": "Crane number two is back in service at the quay.",
             "/ferry/2026/04/winter-timetable-ends.html": "The winter timetable of the island ferry ends on Sunday.",
             "/ferry/2026/04/new-ticket-office-opens.html": "A new ticket office opens beside the ferry ramp."}

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        site_pages = [*self.POSTS, "/harbour/2026/03/old-notice-removed.html", "/visiting-the-town-centre"]
        if self.path == "/robots.txt":
            self.send(200, "text/plain", f"User-agent: *\nSitemap: {base}/sitemap.xml\n")
        elif self.path == "/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset([(base + p, "2026-04-02") for p in site_pages]))
        elif self.path == "/harbour/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset(
                [(base + p, "2026-04-02") for p in site_pages if p.startswith("/harbour/")]))
        elif self.path == "/harbour/2026/03/old-notice-removed.html":
            self.send(301, "text/html", b"", {"Location": base + "/harbour/"})
        elif self.path in self.POSTS:
            sentence = self.POSTS[self.path]
            self.send(200, "text/html; charset=utf-8", _post_page(sentence.split(" of ")[0], sentence))
        elif self.path == "/visiting-the-town-centre":
            self.send(200, "text/html; charset=utf-8", _post_page("Visiting", "Parking is free on Sundays in town."))
        elif self.path == "/ferry":
            self.send(301, "text/html", b"", {"Location": base + "/ferry/"})
        elif self.path in ("/harbour/", "/ferry/"):
            self.send(200, "text/html; charset=utf-8", _home_page(self.path.strip("/").title() + " News"))
        else:
            self.send_error(404)


def test_blogs_in_folders_of_one_site_are_each_their_folder(tmp_path) -> None:
    with serve(_FolderBlogs) as base:
        run = run_splog("crawl", base + "/harbour/", base + "/ferry", "--allow-private-hosts", "--no-throttle",
                        "--max-reject-ratio", "1", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    by_blog = sorted((r["blog"]["url"], r["url"]) for r in run.records())
    assert by_blog == sorted((base + p.split("2026")[0], base + p) for p in _FolderBlogs.POSTS)
    # the deleted post lands on its blog's home page, which is not read as the post
    assert [(r["url"], r["reason"]) for r in run.rejects()] == [
        (f"{base}/harbour/2026/03/old-notice-removed.html", "redirect_to_home")]
    manifest = run.manifest()
    assert manifest["reconciles"] and manifest["discovery"]["sitemap_posts_outside_blog"] == 4


class _MovedBlog(Handler):
    """A plain blog with no sitemap and no feed, moved to a new origin (127.0.0.3): its old origin
    (127.0.0.2) answers every path with a permanent redirect to the same path there."""

    POSTS = {"/2026/05/bus-route-nine-returns.html": "Bus route nine returns to the old town on Monday.",
             "/2026/05/library-opens-late-on-fridays.html": "The library opens until nine on Fridays from June."}
    new_origin = ""

    def do_GET(self) -> None:  # noqa: N802
        if self.server.server_address[0] == "127.0.0.2":
            self.send(301, "text/html", b"", {"Location": self.new_origin + self.path})
        elif self.path == "/":
            self.send(200, "text/html; charset=utf-8", "<html><body><h1>Town Notes</h1>" + "".join(
                f"<a href='{self.new_origin}{p}'>{t}</a>" for p, t in self.POSTS.items()) + "</body></html>")
        elif self.path in self.POSTS:
            text = self.POSTS[self.path]
            self.send(200, "text/html; charset=utf-8", _post_page(text.split(" returns")[0][:20], text))
        else:
            self.send_error(404)


def test_a_seed_that_moved_to_another_origin_is_crawled_there(tmp_path) -> None:
    servers = [ThreadingHTTPServer((ip, 0), _MovedBlog) for ip in ("127.0.0.2", "127.0.0.3")]
    _MovedBlog.new_origin = f"http://127.0.0.3:{servers[1].server_address[1]}"
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        run = run_splog("crawl", f"http://127.0.0.2:{servers[0].server_address[1]}/", "--allow-private-hosts",
                        "--no-throttle", out=tmp_path / "o.jsonl")
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    assert run.code == 0, run.stderr[-2000:]
    new = _MovedBlog.new_origin
    # before, the page links on the new origin were not "the blog's own": no post, and no reject
    assert sorted((r["blog"]["url"], r["blog"]["host"], r["url"]) for r in run.records()) == sorted(
        (new + "/", "127.0.0.3", new + p) for p in _MovedBlog.POSTS)
    assert run.manifest()["discovery"]["seeds_moved"] == 1


class _EmptyBlog(Handler):
    """A blog's home page with no post link, and no feed or sitemap."""

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/":
            self.send(200, "text/html; charset=utf-8", "<html><body><h1>Coming soon</h1></body></html>")
        else:
            self.send_error(404)


def test_a_blog_that_lists_no_post_is_named_in_the_log_and_counted(tmp_path) -> None:
    base, run = _crawl_site(_EmptyBlog, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    assert run.manifest()["discovery"]["blogs_without_posts"] == 1
    assert f"blog {base}/ listed no posts" in run.stderr
    assert "; 1 blog gave no posts (discovery.blogs_without_posts)" in run.stdout  # (in the summary line too)


_SITE_POSTS = {  # path: a sentence of the post (a plain site: no Blogger, no WordPress)
    "/notes/dredging-starts-at-the-east-quay": "Dredging starts at the east quay on Monday and lasts three weeks.",
    "/notes/fish-market-moves-indoors": "The fish market moves indoors to the old rope works for the winter.",
    "/notes/harbour-lights-repainted": "The harbour lights were repainted red and green by volunteers.",
    "/notes/pilot-boat-gets-new-engine": "The pilot boat gets a new engine after twenty years of service.",
    "/notes/slipway-closed-for-repairs": "The slipway is closed for repairs until the spring tides pass.",
}


def _atom(base: str, paths: list[str], next_path: str | None, foreign: bool = False) -> bytes:
    """An Atom feed page of whole posts (inline XHTML, then escaped HTML), links relative to xml:base;
    foreign: also another site's headline, which is not one of the site's posts."""
    entries = []
    for i, path in enumerate(paths):
        text = " ".join(_SITE_POSTS[path] for _ in range(6))
        content = (f"<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>{text}</p><p>{text}</p></div></content>"
                   if i % 2 == 0 else f"<content type='html'>&lt;p&gt;{text}&lt;/p&gt;&lt;p&gt;{text}&lt;/p&gt;</content>")
        entries.append(f"<entry><title>{path.rsplit('/', 1)[1]}</title><link rel='alternate' href='{path.lstrip('/')}'/>"
                       f"<updated>2026-04-0{i + 1}T09:00:00Z</updated>{content}</entry>")
    if foreign:
        entries.append("<entry><title>Elsewhere</title><link rel='alternate' href='http://headlines.invalid/story'/>"
                       "<content type='html'>&lt;p&gt;Not ours.&lt;/p&gt;</content></entry>")
    more = f"<link rel='next' href='{next_path}'/>" if next_path else ""
    return (f"<feed xmlns='http://www.w3.org/2005/Atom' xml:base='{base}/'><title>Quay Notes</title>{more}"
            + "".join(entries) + "</feed>").encode()


class _SiteWithFeed(Handler):
    """A plain site whose home page names a comments feed, then its Atom feed of the three newest
    posts whole, in two pages (the second's next link leads back to the first); its sitemap lists
    all five. `asked` keeps the paths asked for."""

    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.asked.append(self.path)
        paths = list(_SITE_POSTS)
        if self.path == "/":
            self.send(200, "text/html; charset=utf-8", (
                "<html><head><title>Quay Notes</title>"
                "<link rel='alternate' type='application/rss+xml' href='/comments/feed.xml'>"
                "<link rel='alternate' type='application/atom+xml' href='/atom.xml'></head>"
                "<body><h1>Quay Notes</h1></body></html>"))
        elif self.path == "/atom.xml":
            self.send(200, "application/atom+xml", _atom(base, paths[:2], "/atom-2.xml"))
        elif self.path == "/atom-2.xml":
            self.send(200, "application/atom+xml", _atom(base, paths[2:3], "/atom.xml", foreign=True))
        elif self.path == "/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset([(base + p, None) for p in paths]))
        elif self.path in _SITE_POSTS:
            self.send(200, "text/html; charset=utf-8", _post_page(self.path.rsplit("/", 1)[1], _SITE_POSTS[self.path]))
        else:
            self.send_error(404)


def test_a_plain_site_s_own_feed_gives_its_newest_posts_whole_and_its_sitemap_the_rest(tmp_path) -> None:
    _SiteWithFeed.asked = []
    base, run = _crawl_site(_SiteWithFeed, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    got = sorted((r["url"], r["crawl"]["via"]) for r in run.records())
    paths = list(_SITE_POSTS)
    assert got == sorted([(base + p, "atom") for p in paths[:3]] + [(base + p, "page") for p in paths[3:]])
    for record in run.records():
        assert _SITE_POSTS[record["url"][len(base):]] in record["text"]
    # the feed's posts were never fetched as pages; the comments feed was never asked for
    assert not set(_SiteWithFeed.asked) & set(paths[:3]) and "/comments/feed.xml" not in _SiteWithFeed.asked
    assert run.manifest()["counts"]["rejects"] == 0 and run.manifest()["reconciles"]
    assert run.manifest()["discovery"]["feed_posts_elsewhere"] == 1


def test_a_later_run_with_state_reads_a_plain_site_s_feed_again(tmp_path) -> None:
    # the feed is remembered with the blog: the next run asks it first, and skips what did not change
    paths = list(_SITE_POSTS)
    with serve(_SiteWithFeed) as base:
        for n in range(2):
            _SiteWithFeed.asked = []
            run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", "--state",
                            str(tmp_path / "state.db"), out=tmp_path / f"o{n}.jsonl")
            assert run.code == 0, run.stderr[-2000:]
    manifest = run.manifest()
    assert manifest["counts"]["records"] == 0 and manifest["counts"]["rejects"] == 0
    assert "/atom.xml" in _SiteWithFeed.asked and "/" not in _SiteWithFeed.asked
    # before, the sitemap alone: the feed's three posts were fetched as pages and came out as "updated"
    assert not set(_SiteWithFeed.asked) & set(paths[:3])


def test_feedburner_orig_link_is_the_post_s_url() -> None:
    feed = parse_xml_feed(b"""<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel>
        <title>Q</title><item><title>a</title><link>http://feedproxy.google.com/~r/Quay/~3/abc/</link>
        <feedburner:origLink>https://quay.example/2026/04/a.html</feedburner:origLink></item></channel></rss>""",
                          "https://feeds.feedburner.com/Quay")
    assert [e.url for e in feed.entries] == ["https://quay.example/2026/04/a.html"]


class _WordPressPlainPermalinks(Handler):
    """WordPress with plain permalinks (?p=N) and its REST API blocked: the feed is /?feed=rss2 and
    its pages /?feed=rss2&paged=N, two posts a page; /?paged=N is the home page's HTML."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        if parts.path.startswith("/wp-json"):
            self.send(403, "application/json", '{"code": "rest_disabled"}')
        elif parts.path == "/" and query.get("feed") == "rss2":
            page = int(query.get("paged", "1"))
            numbers = [n for n in range(1, 6) if (n - 1) // 2 + 1 == page]
            if not numbers:
                self.send_error(404)
                return
            items = "".join(
                f"<item><title>Notice {n}</title><link>{base}/?p={n}</link><pubDate>Mon, 0{n} Jun 2026 08:00:00 +0000</pubDate>"
                f"<content:encoded><![CDATA[<p>{' '.join(f'Ferry notice {n}: the crossing runs every {n * 10} minutes on weekdays.' for _ in range(8))}</p>]]>"
                "</content:encoded></item>" for n in numbers)
            self.send(200, "application/rss+xml", (
                "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
                f"<title>Ferry Notices</title>{items}</channel></rss>"))
        elif parts.path == "/":
            self.send(200, "text/html; charset=utf-8", (
                "<html><head><meta name='generator' content='WordPress 6.5'>"
                f"<link rel='alternate' type='application/rss+xml' href='{base}/?feed=rss2'>"
                f"<link rel='https://api.w.org/' href='{base}/wp-json/'></head>"
                "<body><h1>Ferry Notices</h1></body></html>"))
        else:
            self.send_error(404)


def test_a_wordpress_feed_with_plain_permalinks_pages_with_its_query_kept(tmp_path) -> None:
    base, run = _crawl_site(_WordPressPlainPermalinks, tmp_path, "--max-reject-ratio", "1")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted(r["url"] for r in run.records()) == [f"{base}/?p={n}" for n in range(1, 6)]
    # the blocked REST API is no reject; /?paged=2 (the home page's HTML) is never read as a feed
    assert run.rejects() == []


def _wordpress_behind_a_cache(paging: str) -> type[Handler]:
    """WordPress with its REST API closed (401) and 14 posts; its /feed/ holds the 10 newest whole
    (full content), and a page cache answers /feed/?paged=2 with the first page again (paging
    "repeats") or a plugin refuses it (paging "refused": 404); its sitemap lists every post."""

    class Site(Handler):
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            parts = urlsplit(self.path)
            numbers = range(14, 4, -1)
            if parts.path.startswith("/wp-json"):
                self.send(401, "application/json", '{"code": "rest_cannot_access"}')
            elif parts.path == "/feed/" and (paging == "repeats" or "paged" not in parts.query):
                items = "".join(
                    f"<item><title>Lock {n} reopens</title><link>{base}/lock-{n}/</link>"
                    f"<content:encoded><![CDATA[<p>{' '.join(f'Canal lock {n} reopens after its gates were rebuilt.' for _ in range(8))}</p>]]>"
                    "</content:encoded></item>" for n in numbers)
                self.send(200, "application/rss+xml", (
                    "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
                    f"<title>Canal Notices</title>{items}</channel></rss>"))
            elif parts.path == "/sitemap.xml":
                self.send(200, "application/xml", feeds.sitemap_urlset([(f"{base}/lock-{n}/", "2026-06-01") for n in range(1, 15)]))
            elif parts.path.startswith("/lock-"):
                n = int(parts.path.strip("/").split("-")[1])
                self.send(200, "text/html; charset=utf-8", _post_page(
                    f"Lock {n} reopens", f"Canal lock {n} reopens after its gates were rebuilt, the trust said."))
            elif parts.path == "/":
                self.send(200, "text/html; charset=utf-8", (
                    "<html><head><meta name='generator' content='WordPress 6.5'>"
                    f"<link rel='alternate' type='application/rss+xml' href='{base}/feed/'>"
                    f"<link rel='https://api.w.org/' href='{base}/wp-json/'></head>"
                    "<body><h1>Canal Notices</h1></body></html>"))
            else:
                self.send_error(404)

    return Site


@pytest.mark.parametrize("paging", ["repeats", "refused"])
def test_a_wordpress_feed_that_cannot_page_is_completed_by_the_sitemap(tmp_path, paging) -> None:
    """The feed's 10 newest posts come whole from it; the 4 older ones, which only the sitemap lists,
    come from their pages. Before, a feed whose second page repeated the first or was refused ended
    the blog's discovery there: 10 of its 14 posts."""
    base, run = _crawl_site(_wordpress_behind_a_cache(paging), tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    vias = {r["url"]: r["crawl"]["via"] for r in run.records()}
    assert vias == {f"{base}/lock-{n}/": "rss" if n > 4 else "page" for n in range(1, 15)}
    assert run.rejects() == []


def test_an_atom_feed_s_total_is_read_in_either_opensearch_namespace() -> None:
    for ns in ("http://a9.com/-/spec/opensearchrss/1.0/", "http://a9.com/-/spec/opensearch/1.1/"):
        body = (f"<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='{ns}'><title>Quay</title>"
                "<openSearch:totalResults>240</openSearch:totalResults>"
                "<entry><title>a</title><link rel='alternate' href='https://quay.example/a.html'/></entry></feed>")
        assert parse_xml_feed(body.encode(), "https://quay.example/feeds/posts/default").total == 240, ns


_SECTION_POSTS = {
    "/posts/quay-crane-returns/": "The old quay crane returns to service after its gearbox was rebuilt by apprentices.",
    "/posts/tide-gauge-moved/": "The harbour tide gauge has moved to the end of the north mole, the port office said.",
    "/posts/café-reopens-on-pier/": "The pier café reopens on Friday under new owners who promise the same scones.",
}


class _SectionedSite(Handler):
    """A static site (Hugo's shape): its RSS feed gives one post whole, its link spelt with the
    letter "é"; its sitemap spells the same post's URL with the escape "%C3%A9", and lists the
    section page above the posts (/posts/), a tag's page under a language folder and the home page."""

    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.asked.append(self.path)
        cafe = "/posts/café-reopens-on-pier/"
        pages = {urlsplit(base + path).path if path.isascii() else "/posts/caf%C3%A9-reopens-on-pier/": path
                 for path in _SECTION_POSTS}
        if self.path == "/":
            self.send(200, "text/html; charset=utf-8", (
                "<html><head><title>Mole Notes</title><link rel='alternate' type='application/rss+xml' "
                "href='/index.xml'></head><body><h1>Mole Notes</h1></body></html>").encode())
        elif self.path == "/index.xml":
            text = " ".join(_SECTION_POSTS[cafe] for _ in range(6))
            self.send(200, "application/rss+xml", (
                "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
                f"<title>Mole Notes</title><item><title>Café reopens</title><link>{base}{cafe}</link>"
                f"<content:encoded><![CDATA[<p>{text}</p><p>{text}</p>]]></content:encoded></item>"
                "</channel></rss>").encode())
        elif self.path == "/sitemap.xml":
            listed = [base + p for p in pages] + [base + "/posts/", base + "/en/tags/harbour/", base + "/"]
            self.send(200, "application/xml", feeds.sitemap_urlset([(u, "2026-05-01") for u in listed]).encode())
        elif self.path in pages:
            path = pages[self.path]
            self.send(200, "text/html; charset=utf-8", _post_page(path.split("/")[2], _SECTION_POSTS[path]))
        elif self.path in ("/posts/", "/en/tags/harbour/"):
            self.send(200, "text/html; charset=utf-8", ("<html><body><h1>Posts</h1>" + "".join(
                f"<article><h2><a href='{p}'>{p}</a></h2><p>{s}</p></article>" for p, s in _SECTION_POSTS.items())
                + "</body></html>").encode())
        else:
            self.send_error(404)


def test_one_post_spelt_two_ways_is_one_post_and_section_pages_are_not_posts(tmp_path) -> None:
    handler = type("Site", (_SectionedSite,), {"asked": []})
    base, run = _crawl_site(handler, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    got = sorted((r["url"], r["crawl"]["via"]) for r in run.records())
    assert got == [(f"{base}/posts/caf%C3%A9-reopens-on-pier/", "rss"), (f"{base}/posts/quay-crane-returns/", "page"),
                   (f"{base}/posts/tide-gauge-moved/", "page")]
    # the feed's post was not fetched again under its other spelling; the listings were not fetched
    assert not {"/posts/caf%C3%A9-reopens-on-pier/", "/posts/", "/en/tags/harbour/"} & set(handler.asked)
    manifest = run.manifest()
    assert manifest["counts"]["rejects"] == 0 and manifest["reconciles"]
    assert manifest["discovery"]["sitemap_listings_skipped"] == 2


_TWICE = ("<p>The pier&#8217;s roof at Wexcombe was mended in a week by a crew of four carpenters and a crane.</p>"
          "<p>The pier trust said the work cost less than the insurer&#8217;s first estimate.</p>") * 3


class _EscapedTwice(Handler):
    """A plain site whose RSS feed (an autoblog's) escapes its posts twice: the title's apostrophe and
    dash, and the whole HTML of the body, which read once is text showing tags."""

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/":
            self.send(200, "text/html; charset=utf-8", (
                "<html><head><title>Pier News</title><link rel='alternate' type='application/rss+xml' href='/feed/'>"
                "</head><body><h1>Pier News</h1></body></html>").encode())
        elif self.path == "/feed/":
            body = _TWICE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            self.send(200, "application/rss+xml", (
                "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Pier News"
                f"</title><item><title>Pier&amp;#8217;s roof mended &amp;amp; reopened</title>"
                f"<link>{base}/2026/05/pier-roof-mended/</link><content:encoded>{body}</content:encoded></item>"
                "</channel></rss>").encode())
        else:
            self.send_error(404)


def test_a_feed_escaped_twice_gives_the_post_not_its_markup(tmp_path) -> None:
    base, run = _crawl_site(_EscapedTwice, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    [record] = run.records()
    assert record["crawl"]["via"] == "rss" and record["title"] == "Pier’s roof mended & reopened"
    assert record["text"].startswith("The pier’s roof at Wexcombe was mended") and "<p>" not in record["text"]
    assert "insurer’s first estimate" in record["text"]


def test_a_feed_body_with_tags_of_its_own_is_not_escaped_again() -> None:
    from crawler.discovery import unescaped_markup

    about_html = "<p>Write &lt;p&gt; to start a paragraph:</p><pre><code>&lt;p&gt;Hello&lt;/p&gt;</code></pre>"
    assert unescaped_markup(about_html) == about_html
    assert unescaped_markup("&lt;p&gt;Hello&lt;/p&gt;") == "<p>Hello</p>"
    assert unescaped_markup("Plain text &amp; no markup") == "Plain text &amp; no markup"


_TEASED = {
    "/2026/06/ferry-timetable-changes/": "The summer ferry timetable adds a late sailing on Fridays and Saturdays from June.",
    "/2026/06/lifeboat-day-raises-funds/": "Lifeboat day raised a record sum for the station's new launching tractor this year.",
}


class _TeaserFeed(Handler):
    """A site whose RSS content:encoded holds each post's opening only: one ends in "[…]" above
    Yoast's footer, one in a "Continue reading" link to itself. `asked` keeps the paths asked for."""

    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.asked.append(self.path)
        first, second = list(_TEASED)
        if self.path == "/":
            self.send(200, "text/html; charset=utf-8", (
                "<html><head><title>Harbour Days</title><link rel='alternate' type='application/rss+xml' "
                "href='/feed/'></head><body><h1>Harbour Days</h1></body></html>").encode())
        elif self.path == "/feed/":
            teasers = {
                first: f"<p>{_TEASED[first][:50]} [&#8230;]</p><p>The post <a href='{base}{first}'>Ferry</a> "
                       f"appeared first on <a href='{base}/'>Harbour Days</a>.</p>",
                second: f"<p>{_TEASED[second][:40]}</p><p><a href='{base}{second}#more-7' class='more-link'>"
                        "Continue reading <span class='screen-reader-text'>Lifeboat day</span></a></p>"}
            items = "".join(f"<item><title>{p.split('/')[3]}</title><link>{base}{p}</link>"
                            f"<content:encoded><![CDATA[{t}]]></content:encoded></item>" for p, t in teasers.items())
            self.send(200, "application/rss+xml", (
                "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
                f"<title>Harbour Days</title>{items}</channel></rss>").encode())
        elif self.path in _TEASED:
            self.send(200, "text/html; charset=utf-8", _post_page(self.path.split("/")[3], _TEASED[self.path]))
        else:
            self.send_error(404)


def test_a_feed_of_teasers_has_its_posts_read_from_their_pages(tmp_path) -> None:
    handler = type("Site", (_TeaserFeed,), {"asked": []})
    base, run = _crawl_site(handler, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    records = {r["url"][len(base):]: r for r in run.records()}
    assert set(records) == set(_TEASED) and {r["crawl"]["via"] for r in records.values()} == {"page"}
    for path, sentence in _TEASED.items():
        assert sentence in records[path]["text"] and "[…]" not in records[path]["text"]
    assert set(_TEASED) <= set(handler.asked)


@pytest.mark.parametrize(("body", "teaser"), [
    ("<p>The pier reopened on Saturday after a year of repairs to its deck and [&hellip;]</p>", True),
    ("<p>The pier reopened on Saturday after a year of…</p><p>The post <a href='{url}'>Pier</a> appeared first on X.</p>",
     True),
    ("<p>The pier reopened.</p><p><a href='{url}#more-12'>Read more</a></p>", True),
    ("<p>The pier reopened.</p><p>The mayor said: we waited... and waited.</p><p>It cost £2m.</p>", False),
    ("<p>The pier reopened on Saturday...</p>" + "<p>Its deck was rebuilt plank by plank over the year.</p>" * 60, False),
    ("<p>The pier reopened.</p><p><a href='https://elsewhere.example/pier'>Read more</a></p>", False),
])
def test_a_feed_body_that_is_a_teaser(body: str, teaser: bool) -> None:
    from crawler.discovery import is_teaser

    url = "https://harbour.example/2026/05/pier-reopens/"
    assert is_teaser(body.replace("{url}", url), url) is teaser


def test_an_rss_description_is_the_body_only_when_it_holds_a_whole_post() -> None:
    paragraph = "<p>The harbour board approved the new pontoons on Tuesday after a long debate about fees.</p>"
    whole, short = paragraph * 20, paragraph * 2
    teaser = paragraph * 19 + "<p>The board will meet again in [&#8230;]</p>"
    items = "".join(f"<item><title>{name}</title><link>http://harbour.example/{name}/</link>"
                    f"<description><![CDATA[{body}]]></description></item>"
                    for name, body in (("whole", whole), ("short", short), ("teaser", teaser)))
    feed = parse_xml_feed(f"<rss version='2.0'><channel><title>H</title>{items}</channel></rss>".encode(),
                          "http://harbour.example/feed/")
    assert [(e.url.rsplit("/", 2)[1], e.html) for e in feed.entries] == [("whole", whole), ("short", None), ("teaser", None)]


def test_an_rss_item_s_author_and_local_time_reach_the_record() -> None:
    """RSS 2.0's <author> is an e-mail address with the name in brackets (Blogger's RSS writes
    "noreply@blogger.com (Name)"): the record has the name, never the address; a pubDate's offset
    written with a colon, or a zone's name, is read (both were UTC), and one in the site's language."""
    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    body = """<rss version="2.0"><channel><title>Quay daily</title>
      <item><title>Nets mended</title><link>https://quay.example/nets</link>
       <author>noreply@blogger.com (Ines Quay)</author><pubDate>Sat, 05 Dec 2026 10:00:00 +02:00</pubDate>
       <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>The nets on
       the north quay were mended by the crews before the first boats went out at dawn.</p>]]></content:encoded></item>
      <item><title>Tide</title><link>https://quay.example/tide</link><author>desk@quay.example</author>
       <pubDate>Sat, 05 Dec 2026 10:00:00 CET</pubDate>
       <description><![CDATA[<p>The tide table for the week, posted for the crews of the north quay.</p>]]></description></item>
      <item><title>Marea</title><link>https://quay.example/marea</link><pubDate>Sáb, 05 Dic 2026 10:00:00 +0100</pubDate>
       <description><![CDATA[<p>The tide table for the week, posted for the crews of the north quay.</p>]]></description></item>
    </channel></rss>""".encode()
    records = []
    for e in parse_xml_feed(body, "https://quay.example/feed").entries:
        html = e.html or "<p>The tide table for the week, posted for the crews of the north quay.</p>"
        raw = RawPost(url=e.url, blog=BlogInfo(url="https://quay.example/", host="quay.example"), via="rss", html=html,
                      is_fragment=True, fetched_at="2026-12-05T12:00:00+00:00",
                      feed={"title": e.title, "published": e.published, "author": e.author})
        records.append(finish_post(raw, run_extract(raw, ExtractOptions()), "t", CopyIndex()))
    assert [(r.author, r.published_at.isoformat()) for r in records] == [
        ("Ines Quay", "2026-12-05T08:00:00+00:00"), (None, "2026-12-05T09:00:00+00:00"),
        (None, "2026-12-05T09:00:00+00:00")]  # (a pubDate in the site's language: no date before)


def test_a_bare_ampersand_in_a_feed_or_sitemap_address_is_kept() -> None:
    """A sloppy feed or sitemap writes a query's "&" bare; the recovering XML parser had dropped it
    with the next name ("?p=7&lang=en" became "?p=7=en"). Inside CDATA an "&" is text and stays one."""
    feed = parse_xml_feed(b"""<rss version="2.0"><channel><title>Q &amp; A</title>
        <item><title>Fish & chips</title><link>https://quay.example/?p=7&lang=en</link>
        <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>AT&T &amp; co</p>]]></content:encoded>
        </item></channel></rss>""", "https://quay.example/feed")
    (entry,) = feed.entries
    assert (feed.title, entry.title, entry.url) == ("Q & A", "Fish & chips", "https://quay.example/?p=7&lang=en")
    assert entry.html == "<p>AT&T &amp; co</p>"
    _, pages = parse_sitemap(b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://quay.example/?p=8&lang=en</loc></url><url><loc>https://quay.example/a&amp;b</loc></url>
        </urlset>""", "https://quay.example/sitemap.xml")
    assert [url for url, _, _ in pages] == ["https://quay.example/?p=8&lang=en", "https://quay.example/a&b"]


_PHP_NOTICES = (b"<br />\n<b>Deprecated</b>:  Function create_function() is deprecated in "
                b"<b>/home/quay/public_html/wp-content/plugins/old-seo/seo.php</b> on line <b>41</b><br />\n"
                b"\nWarning: Cannot modify header information - headers already sent by (output started at "
                b"/home/quay/public_html/wp-content/plugins/old-seo/seo.php:41) in /home/quay/public_html/"
                b"wp-includes/pluggable.php on line 1435\n")


@pytest.mark.parametrize(("parse", "body", "urls"), [
    (lambda b: [e.url for e in parse_xml_feed(b, "https://quay.example/feed/").entries],
     b"<?xml version='1.0'?><rss version='2.0'><channel><title>Q</title><item><title>a</title>"
     b"<link>https://quay.example/a/</link></item></channel></rss>", ["https://quay.example/a/"]),
    (lambda b: [u for u, _, _ in parse_sitemap(b, "https://quay.example/sitemap.xml")[1]],
     b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
     b"<url><loc>https://quay.example/b/</loc></url></urlset>", ["https://quay.example/b/"]),
    (lambda b: [e.url for e in parse_wp_posts(b)],
     b'[{"id": 3, "link": "https://quay.example/c/", "title": {"rendered": "c"}}]', ["https://quay.example/c/"]),
])
def test_php_notices_printed_before_a_feed_sitemap_or_rest_response_are_skipped(parse, body: bytes, urls) -> None:
    """An outdated plugin's PHP notices before the document (on cheap WordPress hosts, common): the
    XML parser took their <br> for the document ("not a feed: <br>"), the JSON reader failed; past a
    second byte order mark, XML found no document ("empty feed") and JSON none either."""
    assert parse(body) == urls
    assert parse(_PHP_NOTICES + body) == urls
    assert parse(b"PHP Notice:  Undefined index: q in /srv/www/index.php on line 4\n" + body) == urls
    # the byte order marks of PHP files saved with one, each printed before the document
    assert parse(b"\xef\xbb\xbf\xef\xbb\xbf" + body) == urls and parse(b"\n\xef\xbb\xbf" + body) == urls
    assert parse(b"\xef\xbb\xbf" + body) == urls  # (the document's own mark)
    try:  # (a page that only says so lists nothing)
        got = parse(b"<br />\n<b>Fatal error</b>:  Allowed memory size exhausted in <b>/srv/a.php</b> on line <b>9</b>")
    except DiscoveryError:
        got = []
    assert got == []


@pytest.mark.parametrize("before", [b"\n", b"\n\n   \n", b"\xef\xbb\xbf\n", b"\r\n\t"])
def test_blank_lines_before_a_feeds_xml_declaration_lose_no_ampersand_nor_escaped_tag(before: bytes) -> None:
    """A theme's or plugin's blank line before "<?xml" (WordPress's classic "XML declaration allowed
    only at the start" feed): libxml2's recover mode, which the error led to, dropped every "&amp;" and
    "&lt;", so the title lost its "&" and an escaped body all its tags."""
    body = (b"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Q &amp; A</title><item>"
            b"<title>Fish &amp; chips</title><link>https://quay.example/a/</link><description>&lt;p&gt;The quay "
            b"re-opens on Monday, the harbour board said in its note.&lt;/p&gt;&lt;p&gt;Boats may moor there again "
            b"from the first of April, it added.&lt;/p&gt;</description><content:encoded "
            b"xmlns:content='http://purl.org/rss/1.0/modules/content/'>&lt;p&gt;The quay re-opens &amp;amp; "
            b"boats return.&lt;/p&gt;</content:encoded></item></channel></rss>")
    clean = parse_xml_feed(body, "https://quay.example/feed/")
    feed = parse_xml_feed(before + body, "https://quay.example/feed/")
    (entry,) = feed.entries
    assert (feed.title, entry.title) == ("Q & A", "Fish & chips")
    assert entry.html == clean.entries[0].html == "<p>The quay re-opens &amp; boats return.</p>"


_ESCAPED_ITEM = (b"<item><title>It&rsquo;s the quay&hellip; again</title><link>https://quay.example/a/?p=1&lang=en</link>"
                 b"<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>&lt;p&gt;The quay re-opens"
                 b"&nbsp;on Monday &amp;amp; boats return.&lt;/p&gt;&lt;p&gt;Caf\xc3\xa9s stay shut &mdash; &foo; for now."
                 b"&lt;/p&gt;</content:encoded></item>")


@pytest.mark.parametrize(("item", "title", "html"), [
    # HTML's named characters, which XML does not define, outside CDATA: the recovering parser dropped
    # the rest of the text after each one, so an escaped body lost every tag after the first
    (_ESCAPED_ITEM, "It\u2019s the quay\u2026 again",
     "<p>The quay re-opens\xa0on Monday &amp; boats return.</p><p>Caf\u00e9s stay shut \u2014 &foo; for now.</p>"),
    # a Latin-1 byte in a UTF-8 feed: the same loss after it; the byte is read as Windows-1252
    (_ESCAPED_ITEM.replace(b"&rsquo;", b"\x92").replace(b"Caf\xc3\xa9s", b"Caf\xe9s"), "It\u2019s the quay\u2026 again",
     "<p>The quay re-opens\xa0on Monday &amp; boats return.</p><p>Caf\u00e9s stay shut \u2014 &foo; for now.</p>"),
])
def test_a_feed_with_htmls_named_characters_or_a_latin1_byte_keeps_its_text_and_tags(item: bytes, title: str,
                                                                                   html: str) -> None:
    feed = parse_xml_feed(b"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Q &amp; A</title>"
                          + item + b"</channel></rss>", "https://quay.example/feed/")
    (entry,) = feed.entries
    assert (feed.title, entry.title, entry.url) == ("Q & A", title, "https://quay.example/a/?p=1&lang=en")
    assert entry.html == html


def test_a_feed_that_declares_another_encoding_is_read_in_it() -> None:
    """Only a document that says (or, saying nothing, is) UTF-8 has its stray bytes read as
    Windows-1252: a Latin-1 feed that says so is read as Latin-1."""
    feed = parse_xml_feed(b"<?xml version='1.0' encoding='ISO-8859-1'?><rss version='2.0'><channel><title>Q</title>"
                          b"<item><title>Caf\xe9 &nbsp;opens</title><link>https://quay.example/a/</link></item>"
                          b"</channel></rss>", "https://quay.example/feed/")
    assert feed.entries[0].title == "Caf\u00e9 \xa0opens"


_JA_ITEM = ("<rss version='2.0'><channel><title>港のブログ</title><item><title>桟橋の計画が承認</title><link>"
            "https://minato.example/entry-1.html</link><description>&lt;p&gt;港の新しい桟橋の計画が承認された。&lt;/p&gt;"
            "</description></item></channel></rss>")


@pytest.mark.parametrize(("declaration", "codec", "charset"), [
    # the encoding its Content-Type header names, where the declaration names none (RFC 7303)
    ("<?xml version='1.0'?>", "euc_jp", "EUC-JP"), ("<?xml version='1.0'?>", "shift_jis", "Shift_JIS"),
    ("", "gbk", "GBK"), ("<?xml version='1.0'?>", "cp1252", "ISO-8859-1"),
    # the superset browsers read for a name: a "gb2312" feed with GBK's characters, a "Shift_JIS" one with Windows'
    ("<?xml version='1.0' encoding='gb2312'?>", "gbk", None), ("<?xml version='1.0' encoding='Shift_JIS'?>", "cp932", None),
    # UTF-8 bytes are UTF-8, whatever the header or an old declaration says
    ("<?xml version='1.0'?>", "utf-8", "ISO-8859-1"), ("<?xml version='1.0' encoding='EUC-JP'?>", "utf-8", None),
])
def test_a_feed_in_a_legacy_encoding_is_read_in_the_one_its_declaration_or_header_names(
        declaration: str, codec: str, charset: str | None) -> None:
    title = "桟橋の計画が承認" if codec != "cp1252" else "Café – “open”"
    item = _JA_ITEM if codec != "cp1252" else (f"<rss version='2.0'><channel><title>Q</title><item><title>{title}</title>"
                                               "<link>https://minato.example/entry-1.html</link></item></channel></rss>")
    feed = parse_xml_feed((declaration + item).encode(codec), "https://minato.example/feed", charset)
    assert feed.entries[0].title == title and feed.entries[0].url == "https://minato.example/entry-1.html"


def _crawl_feed_site(out: Path, feed: Callable[[str], tuple[str, bytes]], post_page: str | None = None):
    """Crawl, into out, a site whose home page names /feed.xml: feed(base) gives the feed's content
    type and bytes; its other pages are post_page (404 when None). The finished Run."""
    class Site(Handler):
        def do_GET(self) -> None:
            if self.path == "/":
                self.send(200, "text/html; charset=utf-8", "<html><head><title>Q</title><link rel='alternate' "
                          "type='application/rss+xml' href='/feed.xml'></head><body>x</body></html>")
            elif self.path == "/feed.xml":
                self.send(200, *feed(f"http://{self.headers['Host']}"))
            elif post_page is not None:
                self.send(200, "text/html; charset=utf-8", post_page)
            else:
                self.send(404, "text/html", "no")

    with serve(Site) as url:
        return run_splog("crawl", url + "/", "--allow-private-hosts", out=out)


def test_a_crawl_reads_a_feed_in_the_encoding_its_header_names(tmp_path: Path) -> None:
    """A feed served as "application/rss+xml; charset=EUC-JP" with a bare XML declaration: its
    Japanese had been read as UTF-8 with Windows-1252 bytes ("¹Á¤ο·¤")."""
    paras = ["港の新しい桟橋の計画が火曜日に承認され、工事は四月に始まる予定です。" * 3, "漁船は南側の岸壁を使うことになります。" * 4]
    body = "".join(f"<p>{p}</p>" for p in paras) + "<p>" + "記事の続きです。" * 200 + "</p>"

    def feed(base: str) -> tuple[str, bytes]:
        xml = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>港のブログ</title><link>{base}/</link><item>"
               f"<title>桟橋の計画が承認</title><link>{base}/entry-1.html</link><description><![CDATA[{body}]]>"
               "</description></item></channel></rss>")
        return "application/rss+xml; charset=EUC-JP", xml.encode("euc_jp")

    [record] = _crawl_feed_site(tmp_path / "o.jsonl", feed).records()
    assert record["title"] == "桟橋の計画が承認" and record["text"].split("\n")[:2] == paras
    assert record["crawl"]["via"] == "rss"


def _items(n: int, base: str = "https://quay.example") -> str:
    return "".join(f"<item><title>Post {i}</title><link>{base}/p{i}.html</link><description>&lt;p&gt;Text {i}.&lt;/p&gt;"
                   "</description></item>" for i in range(n))


def test_the_items_a_broken_feed_loses_are_counted() -> None:
    """A NUL byte and a CDATA section left open in the third of four items: libxml2's recover mode
    ends the tree there; the two items it lost are counted (FeedPage.unread), not silently gone."""
    good = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Q</title>{_items(4)}</channel></rss>".encode()
    assert parse_xml_feed(good, "https://quay.example/feed/").unread == 0
    broken = parse_xml_feed(good.replace(b"<title>Post 2", b"<title>Post 2 \x00 <![CDATA[ open"), "https://quay.example/feed/")
    assert [e.url for e in broken.entries] == ["https://quay.example/p0.html", "https://quay.example/p1.html"]
    assert broken.unread == 2


def test_a_crawl_counts_and_names_a_broken_feeds_lost_items(tmp_path: Path) -> None:
    def feed(base: str) -> tuple[str, bytes]:
        xml = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Q</title>{_items(4, base)}</channel></rss>"
        return "application/rss+xml", xml.encode().replace(b"<title>Post 2", b"<title>Post 2 \x00 <![CDATA[ open")

    run = _crawl_feed_site(tmp_path / "o.jsonl", feed, "<html><head><title>Post</title></head><body><article><p>"
                           + "The harbour board met on Tuesday to approve the plan for the pier. " * 5 + "</p></article></body></html>")
    assert len(run.records()) == 2
    assert run.manifest()["discovery"]["feed_items_unread"] == 2
    assert "2 of its items could not be read" in run.stderr


class _SiteWithNoisyFeed(_SiteWithFeed):
    """_SiteWithFeed with PHP notices printed before its feed and its sitemap."""

    def send(self, status: int, ctype: str, body: str | bytes) -> None:
        if "xml" in ctype:
            body = _PHP_NOTICES + (body.encode() if isinstance(body, str) else body)
        super().send(status, ctype, body)


def test_a_plain_site_whose_feed_and_sitemap_follow_php_notices_is_crawled_as_without_them(tmp_path) -> None:
    base, run = _crawl_site(_SiteWithNoisyFeed, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    paths = list(_SITE_POSTS)
    got = sorted((r["url"], r["crawl"]["via"]) for r in run.records())
    assert got == sorted([(base + p, "atom") for p in paths[:3]] + [(base + p, "page") for p in paths[3:]])
    assert run.manifest()["counts"]["rejects"] == 0 and run.manifest()["reconciles"]


def test_an_emoji_written_as_two_surrogate_references_is_read_and_a_lone_one_is_no_crash() -> None:
    """"&#55357;&#56832;" (an emoji as a MySQL utf8 database or a JavaScript tool writes it) is no XML
    character: libxml2 kept its bytes, which are not UTF-8, and reading the title raised
    UnicodeDecodeError, which lost the whole feed page. A pair is its character; a lone one U+FFFD."""
    feed = parse_xml_feed(b"""<rss version="2.0"><channel><title>Q &#xD83D;&#xDE00;</title>
        <item><title>Nets mended &#55357;&#56832;</title><link>https://quay.example/nets</link>
        <dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Ines &#xD800;Quay</dc:creator></item>
        </channel></rss>""", "https://quay.example/feed")
    (entry,) = feed.entries
    assert (feed.title, entry.title, entry.author) == ("Q \U0001F600", "Nets mended \U0001F600", "Ines \ufffdQuay")


@pytest.mark.parametrize("body", [b"callback({\"feed\": {}}", b"callback(", b"x(y"])
def test_a_blogger_jsonp_body_without_its_closing_bracket_is_a_discovery_error(body: bytes) -> None:
    # (it raised ValueError, which the feed's callback does not expect)
    with pytest.raises(DiscoveryError):
        parse_blogger_json(body)


def test_an_atom_0_3_feed_is_read() -> None:
    """Atom 0.3 (an old Blogger or Movable Type blog's atom.xml): "not a feed" before. Its entries are
    dated "issued" and "modified", and their content is escaped, inline or base64'd HTML."""
    escaped = htmllib.escape("<p>The nets were mended.</p>")
    encoded = base64.b64encode("<p>The tide turned early.</p>".encode()).decode()
    feed = parse_xml_feed(f"""<?xml version="1.0" encoding="utf-8"?>
      <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Quay log</title><author><name>Ines Quay</name></author>
      <entry><title>Nets</title><link rel="alternate" type="text/html" href="https://quay.example/2006/05/nets.html"/>
       <issued>2006-05-02T08:00:00-07:00</issued><modified>2006-05-03T09:00:00Z</modified>
       <content type="text/html" mode="escaped">{escaped}</content></entry>
      <entry><title>Tide</title><link rel="alternate" type="text/html" href="https://quay.example/2006/05/tide.html"/>
       <issued>2006-05-04T08:00:00Z</issued><content type="text/html" mode="base64">{encoded}</content></entry>
      <entry><title>Boats</title><link rel="alternate" type="text/html" href="https://quay.example/2006/05/boats.html"/>
       <created>2006-05-05T08:00:00Z</created><content type="application/xhtml+xml" mode="xml">
       <div xmlns="http://www.w3.org/1999/xhtml"><p>Two <b>new</b> boats.</p></div></content></entry>
      </feed>""".encode(), "https://quay.example/atom.xml")
    assert (feed.title, feed.format) == ("Quay log", "atom")
    got = [(e.url.rsplit("/", 1)[1], e.html, e.published, e.updated, e.author) for e in feed.entries]
    assert got == [
        ("nets.html", "<p>The nets were mended.</p>", "2006-05-02T08:00:00-07:00", "2006-05-03T09:00:00Z", "Ines Quay"),
        ("tide.html", "<p>The tide turned early.</p>", "2006-05-04T08:00:00Z", None, "Ines Quay"),
        ("boats.html", "<p>Two <b>new</b> boats.</p>", "2006-05-05T08:00:00Z", None, "Ines Quay")]


def _json_feed(base: str, items: list[dict], **top: Any) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Canal Notices",
                       "home_page_url": base + "/", "feed_url": base + "/feed.json", "items": items, **top}).encode()


def test_a_json_feed_gives_whole_posts_with_their_dates_authors_and_tags() -> None:
    from crawler.discovery import parse_feed, parse_json_feed

    base = "https://canal.example"
    body = _json_feed(base, [
        {"id": "1", "url": "/2026/03/lock-1-reopens/", "title": "Lock 1 reopens",
         "content_html": "<p>The upper gate of lock 1 was rebuilt.</p>", "date_published": "2026-03-02T09:15:00+01:00",
         "date_modified": "2026-03-03T10:00:00+01:00", "authors": [{"name": "Ina Lock"}, {"name": "Bo Weir"}],
         "tags": ["locks", "repairs", 7]},
        # version 1's single author; a text body; a link post's subject
        {"id": f"{base}/2026/03/towpath/", "content_text": "The towpath is open.\nBikes too.\n\nDogs on leads.",
         "author": {"name": "Ina Lock"}, "external_url": "https://news.example/towpath-story"},
        # a summary only: no body (the page is fetched); no URL at all, or one that is no web address: skipped
        {"id": "3", "url": f"{base}/2026/03/moorings/", "summary": "Moorings change."},
        {"id": "4", "title": "No address"}, {"id": "5", "url": "mailto:ina@canal.example"}, "not an item",
        # fields of the wrong type are left empty, never the item
        {"id": "6", "url": f"{base}/2026/03/odd/", "title": 5, "content_html": ["x"], "tags": "locks", "authors": "Ina"},
    ], next_url="/feed-2.json")
    page = parse_json_feed(body, base + "/feed.json")
    assert page.format == "json-feed" and page.title == "Canal Notices" and page.next_url == base + "/feed-2.json"
    assert [e.url for e in page.entries] == [f"{base}/2026/03/{slug}/" for slug in ("lock-1-reopens", "towpath", "moorings", "odd")]
    first, towpath, moorings, odd = page.entries
    assert (first.title, first.html, first.published, first.updated, first.author, first.labels) == (
        "Lock 1 reopens", "<p>The upper gate of lock 1 was rebuilt.</p>", "2026-03-02T09:15:00+01:00",
        "2026-03-03T10:00:00+01:00", "Ina Lock; Bo Weir", ["locks", "repairs"])
    assert towpath.html == "<p>The towpath is open.<br>Bikes too.</p><p>Dogs on leads.</p>"
    assert towpath.author == "Ina Lock" and towpath.source_url == "https://news.example/towpath-story"
    assert moorings.html is None and (odd.title, odd.html, odd.labels, odd.author) == (None, None, [], None)
    # the site-feed reader takes either form of feed
    assert [e.url for e in parse_feed(body, base + "/feed.json").entries] == [e.url for e in page.entries]
    assert parse_feed(feeds.rss2(BLOGS[0], BASE, BLOGS[0].posts[:2]).encode(), BASE).format == "rss"
    # and given as a sitemap (robots.txt's "Sitemap: /feed.json"), its posts' pages
    # (with each item's date: "--since" skips the older ones unfetched)
    assert parse_sitemap(body, base + "/feed.json") == ([], [(e.url, None, e.published) for e in page.entries])
    assert page.entries[0].published == "2026-03-02T09:15:00+01:00"


@pytest.mark.parametrize("version", ["https://jsonfeed.org/version/1", "http://jsonfeed.org/version/1.1",
                                     "https://www.jsonfeed.org/version/1/", "1.0", "1.1", 1])
def test_a_json_feed_s_version_is_read_as_generators_write_it(version: object) -> None:
    """The spec's address for the version, also with http:// or www., or the bare number a generator
    writes ("1.0"): each was "not a JSON Feed" but the first."""
    from crawler.discovery import parse_feed

    body = json.dumps({"version": version, "items": [{"id": "1", "url": "https://canal.example/2026/03/weir/",
                                                      "content_html": "<p>The weir was cleared.</p>"}]}).encode()
    [entry] = parse_feed(body, "https://canal.example/feed.json").entries
    assert entry.url == "https://canal.example/2026/03/weir/" and entry.html == "<p>The weir was cleared.</p>"


@pytest.mark.parametrize("body", [b"{not json", b'{"items": []}', b'{"version": "https://jsonfeed.org/version/1"}',
                                  b'{"version": "https://jsonfeed.org/version/1", "items": {}}', b"[1, 2]",
                                  b'{"version": "2.0", "items": []}', b'{"version": "https://example.org/v1", "items": []}',
                                  b'{"version": true, "items": []}'])
def test_a_json_document_that_is_no_json_feed_is_a_discovery_error(body: bytes) -> None:
    from crawler.discovery import parse_json_feed

    with pytest.raises(DiscoveryError):
        parse_json_feed(body, "https://canal.example/feed.json")


class _JsonFeedSite(_CanalSite):
    """A static site whose pages name a JSON Feed (application/feed+json) of its newest posts, whole,
    and whose sitemap lists those and two older ones."""

    feed_asked = 0

    def do_GET(self) -> None:  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/":
            self.send(200, "text/html; charset=utf-8",
                      "<html><head><title>Canal Notices</title><link rel='alternate' type='application/feed+json' "
                      "title='Canal Notices' href='/feed.json'></head><body><h1>Canal Notices</h1></body></html>")
        elif self.path == "/feed.json":
            type(self).feed_asked += 1
            self.send(200, "application/feed+json", _json_feed(base, [
                {"id": str(n), "url": f"{base}/2026/03/notice-{n}.html", "title": f"Lock {n} reopens",
                 "content_html": "".join(f"<p>The canal lock number {n} reopens after repairs to its upper gate, "
                                         f"the trust said in its notice number {k}.</p>" for k in range(4)),
                 "date_published": f"2026-03-0{n + 1}T08:00:00Z", "authors": [{"name": "Ina Lock"}],
                 **({"external_url": "https://trust.example/notices/lock-2"} if n == 2 else {})}
                for n in range(2, 5)]))
        elif self.path == "/sitemap.xml":
            self.send(200, "application/xml", feeds.sitemap_urlset([(f"{base}/2026/03/notice-{n}.html", "2026-03-06") for n in range(5)]))
        else:
            self.canal_page()


def test_a_site_that_names_a_json_feed_gives_its_posts_from_it(tmp_path) -> None:
    """JSON Feed (application/feed+json), which static sites and micro-blogs publish: its posts come
    whole from it, with the feed's dates and authors, and the sitemap's other posts from their pages.
    Before, the feed was not looked at and every post's page was fetched."""
    _JsonFeedSite.feed_asked = 0
    base, run = _crawl_site(_JsonFeedSite, tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    records = {r["url"]: r for r in run.records()}
    assert sorted(records) == [f"{base}/2026/03/notice-{n}.html" for n in range(5)]
    assert _JsonFeedSite.feed_asked == 1
    for n in range(2, 5):
        record = records[f"{base}/2026/03/notice-{n}.html"]
        assert record["crawl"]["via"] == "json-feed" and record["author"] == "Ina Lock"
        assert record["published_at"] == f"2026-03-0{n + 1}T08:00:00Z"
        assert record["text"].count("reopens after repairs") == 4
    assert {records[f"{base}/2026/03/notice-{n}.html"]["crawl"]["via"] for n in range(2)} == {"page"}
    assert records[f"{base}/2026/03/notice-2.html"]["source"]["url"] == "https://trust.example/notices/lock-2"


@pytest.mark.parametrize("itunes", ["http://www.itunes.com/dtds/podcast-1.0.dtd", "http://www.itunes.com/DTDs/Podcast-1.0.dtd"])
def test_an_rss_items_title_and_author_in_other_namespaces_are_read(itunes: str) -> None:
    """An item without <title> or <author> may name them in Dublin Core, Media RSS or a podcast's iTunes
    elements (Apple's namespace as its pages once spelled it, too)."""
    from crawler.discovery import parse_feed

    body = (f'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" '
            f'xmlns:itunes="{itunes}"><channel><title>Harbour Radio</title>'
            '<item><link>https://radio.example/e1</link><dc:title>Ferry strike ends</dc:title>'
            '<itunes:author>Ann Lee</itunes:author></item>'
            '<item><link>https://radio.example/e2</link><media:title>Pier reopens</media:title>'
            '<author>bo@radio.example (Bo Chan)</author><itunes:author>Harbour Radio</itunes:author></item>'
            '</channel></rss>').encode()
    entries = parse_feed(body, "https://radio.example/feed").entries
    assert [(e.title, e.author) for e in entries] == [("Ferry strike ends", "Ann Lee"),
                                                      ("Pier reopens", "bo@radio.example (Bo Chan)")]


@pytest.mark.parametrize(("html", "whole"), [
    ("<p><img src='https://isle.example/crane.jpg'></p>", False),  # a feed that leaves the text out
    ("<p>&nbsp;</p><div><br></div>", False),
    ("<p>The crane arrived on Monday.</p>", True),
])
def test_a_feed_body_with_no_text_is_no_body(html: str, whole: bool) -> None:
    """Its page is fetched, as a summary's is: taken for the post, it had been an empty_text reject."""
    from crawler.discovery import Entry, usable

    [entry] = usable([Entry("https://isle.example/2026/03/crane.html", html=html)])
    assert (entry.html is not None) is whole
