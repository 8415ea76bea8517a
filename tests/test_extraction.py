"""trafilatura's metadata pass without the parts we never read: same fields, same text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import trafilatura
from trafilatura.xpaths import AUTHOR_XPATHS

from crawler.farm.chrome import with_chrome
from crawler.farm.model import bench_farm, demo_farm
from crawler.farm.pages import PAGE_RENDERERS, post_path
from crawler.spiders.blogs import _page_tree
from pipelines.extraction import (_DATE_PARAMS, _AUTHOR_ATTRS, _TABLE_RULE, AUTHOR_HINTS, _fill_meta, _parse_page,
                                  _trafilatura_text, _wrap_leading_text, may_name_author, trafilatura_config,
                                  unwrap_layout_tables)
from pipelines.htmltext import ended_early, parse_fragment
from pipelines.metadata import ClassIndex, PageMeta, own_canonical, read_meta, same_site
from pipelines.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent


def test_the_author_hints_cover_what_trafilaturas_author_search_looks_for() -> None:
    source = " ".join(xpath.path for xpath in AUTHOR_XPATHS)
    attributes = set(re.findall(r"@([\w-]+)", source))
    assert attributes <= {"class", *_AUTHOR_ATTRS}, attributes
    for literal in re.findall(r"'([^']*)'", source):
        for alternative in literal.split("|"):
            plain = re.sub(r"\[(\w)\w*\]", r"\1", alternative).replace("-?", "").lower()
            # rel='me' compares the text of a <rel> element, which may_name_author looks for
            assert any(hint in plain for hint in AUTHOR_HINTS) or (plain == "me" and "rel='me'" in source), literal
    assert "//author" in source  # <author> elements: looked for too


def farm_pages() -> list[tuple[str, str]]:
    """Post pages of every farm platform, plain and with a theme's weight around them."""
    out = []
    blogs = demo_farm(4) + [b for b in bench_farm(5, 3, chrome="full")]
    for blog in blogs:
        base = f"http://{blog.key}.example/"
        for post in blog.posts[:2]:
            html = PAGE_RENDERERS[blog.kind if blog.kind in PAGE_RENDERERS else "plain"](blog, base, [post], True, None)
            if blog.chrome:
                html = with_chrome(html, blog, base, post.index)
            out.append((base.rstrip("/") + post_path(blog, post), html))
    return out


def corpus_pages() -> list[tuple[str, str]]:
    files = sorted((ROOT / "tests").glob("corpus/**/*.html")) + sorted((ROOT / "tests").glob("golden/**/*.html"))
    return [("https://example.blogspot.com/2026/01/post.html", f.read_text(encoding="utf-8", errors="replace"))
            for f in files]


def test_skipping_what_we_never_read_changes_no_field_and_no_text() -> None:
    pages = farm_pages() + corpus_pages()
    skipped = 0
    for url, html in pages:
        tree = _parse_page(html)
        classes = ClassIndex(tree)
        meta = read_meta(tree, url, classes)
        skipped += not may_name_author(tree, classes)
        ours_meta = PageMeta(**{f: getattr(meta, f) for f in ("title", "published", "author", "site_name")})
        text, gained = _trafilatura_text(tree, url, ours_meta, classes)
        # trafilatura's own full pass over a fresh parse of the same page (its opening text of an
        # <article> put in a <p>, the one change we make to the page: it would drop that text)
        fresh = _parse_page(html)
        _wrap_leading_text(fresh)
        full = trafilatura.bare_extraction(fresh, url=url, include_comments=False, deduplicate=False,
                                           config=trafilatura_config(),
                                           with_metadata=True, include_tables=True,
                                           date_extraction_params=_DATE_PARAMS)
        reference = PageMeta(**{f: getattr(meta, f) for f in ("title", "published", "author", "site_name")})
        expected = _fill_meta(reference, full, None, url) if (not meta.title or not meta.published or not meta.author) else {}
        reference_text = full.text or ""
        if full.body is not None and unwrap_layout_tables(full.body):  # (the one change we make to its text)
            from trafilatura.xml import xmltotxt

            reference_text = xmltotxt(full.body, include_formatting=False)
        reference_text = _TABLE_RULE.sub("", reference_text)  # (and the rule under a table's header row)
        assert (text, gained) == (reference_text, expected), url
    # both kinds of page were seen: ones the author search was skipped on, and ones it ran on
    assert 0 < skipped < len(pages), (skipped, len(pages))


@pytest.mark.parametrize("markup", [
    "<span class='post-author vcard'>Ann Lee</span>", "<div id='author-box'>Ann Lee</div>",
    "<a rel='author' href='/u/ann'>Ann Lee</a>", "<span itemprop='author'>Ann Lee</span>",
    "<p data-component='Byline'>By Ann Lee</p>", "<author>Ann Lee</author>", "<p class='BBL'>Ann Lee</p>",
])
def test_pages_the_author_search_could_read_are_left_to_it(markup: str) -> None:
    tree = _parse_page(f"<html><body><article><p>Some words of text here.</p>{markup}</article></body></html>")
    assert may_name_author(tree, ClassIndex(tree))


def test_a_page_without_any_author_markup_is_not_searched() -> None:
    tree = _parse_page("<html><body><div id='main' class='post-body'><p>An author wrote this, by hand.</p>"
                       "<a href='/author/ann/' rel='nofollow'>more</a></div></body></html>")
    assert not may_name_author(tree, ClassIndex(tree))  # the word in text or in a link's URL is not markup



def _body(xml: str):
    from lxml import etree

    return etree.fromstring(xml)


def test_a_layout_table_in_trafilaturas_output_becomes_its_posts_cell() -> None:
    from trafilatura.xml import xmltotxt

    from pipelines.extraction import unwrap_layout_tables

    post = "".join(f"<p>The ferry will run twice a week from May on the island route, line {n}.</p>" for n in range(8))
    body = _body(f"<body><table><row><cell>Site name<p>Tagline</p></cell><cell/></row><row><cell>Menu<p>Home</p>"
                 f"<p>News</p></cell><cell><head rend='h2'>Ferry returns</head>Posted on 3 June 2025{post}</cell>"
                 f"<cell>Ads</cell></row></table></body>")
    assert unwrap_layout_tables(body)
    lines = xmltotxt(body, include_formatting=False).splitlines()
    assert lines[:2] == ["Ferry returns", "Posted on 3 June 2025"] and len(lines) == 10
    assert "Menu" not in lines and "Ads" not in lines and not any("|" in line for line in lines)


@pytest.mark.parametrize("table", [
    # a data table: many small cells
    "<table>" + "".join(f"<row><cell>Pier {n}</cell><cell>{n * 3} berths</cell><cell>open</cell></row>" for n in range(30))
    + "</table>",
    # a table with one long cell, but a small part of the article's text
    "<table><row><cell>Note</cell><cell>" + "The timetable changes in winter. " * 14 + "</cell></row></table>",
])
def test_a_data_table_in_an_article_stays_a_table(table: str) -> None:
    from pipelines.extraction import unwrap_layout_tables

    article = "".join(f"<p>The harbour board met on Tuesday to discuss the new ferry timetable, item {n}.</p>"
                      for n in range(12 if "Note" in table else 3))
    body = _body(f"<body>{article}{table}{article}</body>")
    assert not unwrap_layout_tables(body)
    assert body.find(".//table") is not None


def test_stray_nul_bytes_are_dropped_and_binary_content_is_not_html() -> None:
    from pipelines.extraction import ExtractError

    para = "<p>The council approved the harbour plan on Tuesday after a long debate about its cost.</p>"
    page = f"<html><head><title>Harbour plan</title></head><body><article>{para}\x00{para}</article></body></html>"
    tree = _parse_page(page)
    assert "\x00" not in tree.text_content() and "harbour plan on Tuesday" in tree.text_content()
    binary = "\x89PNG\r\n\x1a\n" + "".join(map(chr, range(256))) * 8  # (as a page decoded from bytes)
    with pytest.raises(ExtractError) as err:
        _parse_page(binary)
    assert err.value.reason == "not_html"


@pytest.mark.parametrize(("doc", "detail"), [
    # compressed bytes under a text type with no NUL among the first of them (a brotli or deflate body
    # the server did not say it compressed), as a page decoded from them
    ("".join(map(chr, range(1, 256))) * 16, "binary content"),
    # an XML document that is no page: a shop's product export saved or served as .html
    ("<?xml version='1.0' encoding='UTF-8'?>\n<!-- export -->\n<products><product id='7'><name>Harbour print</name>"
     "<price>28.00</price></product></products>", "an XML document, not a page"),
])
def test_binary_content_without_nul_and_an_xml_document_are_not_pages(doc: str, detail: str) -> None:
    from pipelines.extraction import ExtractError

    with pytest.raises(ExtractError) as err:
        _parse_page(doc)
    assert (err.value.reason, err.value.detail) == ("not_html", detail)
    xhtml = ("<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN' "
             "'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'>\n<html xmlns='http://www.w3.org/1999/xhtml'><head>"
             "<title>Harbour print</title></head><body><p>A print of the harbour at dawn.</p></body></html>")
    assert "harbour at dawn" in _parse_page(xhtml).text_content()  # (XHTML is a page)


@pytest.mark.parametrize("url, declared, own, offsite", [
    ("https://blog.example/2026/03/x.html", "https://blog.example/2026/03/x.html", "https://blog.example/2026/03/x.html", None),
    ("https://blog.example/2026/03/x.html?m=1", "/2026/03/x.html", "https://blog.example/2026/03/x.html", None),
    ("https://m.blog.example/x/", "https://www.blog.example/x/", "https://www.blog.example/x/", None),
    ("https://foo.blogspot.com/2026/03/x.html", "https://foo.blogspot.co.uk/2026/03/x.html",
     "https://foo.blogspot.co.uk/2026/03/x.html", None),
    ("https://news.blog.example/x/", "https://blog.example/news/x/", "https://blog.example/news/x/", None),
    # a copy pointing at its original; a Blogger blog pointing at another Blogger blog
    ("https://splog.example/x/", "https://paper.example/story", None, "https://paper.example/story"),
    ("https://a.blogspot.com/x.html", "https://b.blogspot.com/y.html", None, "https://b.blogspot.com/y.html"),
    # a theme's canonical to the home page on every page; nothing usable
    ("https://blog.example/2026/03/x.html", "https://blog.example/", None, None),
    ("https://blog.example/?p=12", "https://blog.example", None, None),
    ("https://blog.example/", "https://blog.example/", "https://blog.example/", None),
    ("https://blog.example/x/", "javascript:void(0)", None, None),
    ("https://blog.example/x/", "  ", None, None),
    # addresses that do not parse, or hold spaces: no canonical, and no crash
    ("https://blog.example/x/", "http://[::1", None, None),
    ("https://blog.example/x/", "http://paper.example:99999/x", None, None),
    ("https://blog.example/x/", "http://paper example/x", None, None),
])
def test_own_canonical(url, declared, own, offsite) -> None:
    assert own_canonical(url, declared) == (own, offsite)


def test_same_site_is_not_fooled_by_shared_hosts() -> None:
    assert same_site("www.blog.example", "blog.example") and same_site("m.blog.example", "blog.example")
    assert not same_site("a.blogspot.com", "blogspot.com") and not same_site("a.wordpress.com", "b.wordpress.com")
    assert not same_site("blog.example", "other.example")


def test_original_source_meta_names_the_original() -> None:
    page = ('<html><head><meta name="original-source" content="https://paper.example/story">'
            '<link rel="canonical" href="https://splog.example/x/"></head><body><p>x</p></body></html>')
    meta = read_meta(_parse_page(page), "https://splog.example/x/")
    assert meta.canonical_url == "https://splog.example/x/" and meta.offsite_canonical == "https://paper.example/story"


@pytest.mark.parametrize(("html", "lines"), [
    # a data table: a row a line, as trafilatura writes it
    ("<table><tr><th>Day</th><th>Departs</th></tr><tr><td>Monday</td><td><b>08:10</b> <script>x()</script>am</td></tr></table>",
     ["| Day | Departs |", "| Monday | 08:10 am |"]),
    # a layout table: cells that hold paragraphs or line breaks, or a row of one cell, stay lines
    ("<table><tr><td><p>First paragraph.</p><p>Second one.</p></td><td>Weather desk</td></tr></table>",
     ["First paragraph.", "Second one.", "Weather desk"]),
    ("<table><tr><td>First line<br>second line</td><td>Side</td></tr></table>", ["First line", "second line", "Side"]),
    ("<table><tr><td>The whole story in one cell.</td></tr></table>", ["The whole story in one cell."]),
])
def test_table_rows_in_a_body_read_as_trafilatura_reads_them(html: str, lines: list[str]) -> None:
    from pipelines.htmltext import parse_fragment, to_text

    assert to_text(parse_fragment("<p>Intro.</p>" + html + "<p>Outro.</p>")).split("\n") == ["Intro.", *lines, "Outro."]


@pytest.mark.parametrize("wrappers", ["<font size='2'>" * 400, "<div class='w'>" * 700, "<span><div>" * 1500])
def test_a_page_nested_deeper_than_the_parser_builds_keeps_its_article(wrappers: str) -> None:
    """Tags left open in a loop nest a page past libxml2's 256 levels, where it stops building the
    tree: the article after them was lost (an empty_text reject). The page is parsed again without
    its wrappers."""
    from pipelines.extraction import ExtractOptions, extract_post
    from pipelines.htmltext import parse_fragment, to_text
    from pipelines.rules import load_rules
    from schemas.raw import BlogInfo, RawPost

    paragraphs = [f"The river ferry will run later on Fridays from next month, the operator said on day {n}."
                  for n in range(6)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = f"<html><head><title>Ferry runs later</title></head><body>{wrappers}<h1>Ferry runs later</h1>{body}</body></html>"
    raw = RawPost(url="https://deep.example/x.html", blog=BlogInfo(url="https://deep.example/", host="deep.example"),
                  via="page", html=page)
    text = extract_post(raw, load_rules(), ExtractOptions()).text
    assert all(p in text for p in paragraphs)
    assert to_text(parse_fragment(wrappers + body)).split("\n") == paragraphs  # a feed's post body too


@pytest.mark.parametrize("opening", [
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" />\n<html xml:lang='de' />", "<html/>", "<HTML LANG=en />",
])
def test_a_page_whose_template_self_closes_its_html_tag_keeps_its_article(opening: str) -> None:
    """libxml2 ends the document at a self-closed <html/>: the page was an unparsable_html reject
    ("empty document"). It is parsed again with that tag opened."""
    paragraphs = [f"The river ferry will run later on Fridays from next month, the operator said on day {n}."
                  for n in range(5)]
    hidden = "<p class='d-none'>Subscribe to our newsletter and never miss a sailing update from the harbour.</p>"
    page = (f"{opening}<head><title>Ferry runs later</title></head><body><div id='nav'><a href='/'>Home</a></div>"
            "<div class='content'><h1>Ferry runs later</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + hidden + "</div></body></html>")
    assert _record(page, "https://xhtml.example/ferry.html").text.split("\n") == paragraphs


@pytest.mark.parametrize("ends", ["</body></html>", "</html>", "</body>", "</BODY>\n</HTML>"])
def test_a_post_after_a_stray_end_of_the_document_is_kept(ends: str) -> None:
    """A widget that writes a whole document ("…</body></html>") mid-page, or a feed body with a page's
    ends in it: libxml2 dropped all that came after </html> and put what came after </body> outside
    the body, the post's last paragraphs with it. A browser shows them in the body; so do we."""
    paragraphs = [f"The river ferry will run later on Fridays from next month, the operator said on day {n}."
                  for n in range(6)]
    widget = f"<div class='widget'><iframe src='/ad.html'></iframe>{ends}</div>"
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:3]) + widget + "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    page = ("<html><head><title>Ferry runs later</title></head><body><div class='content'><h1>Ferry runs later</h1>"
            + body + "</div><footer><p>All rights reserved.</p></footer></body></html>")
    assert _record(page, "https://ends.example/ferry.html").text.split("\n") == paragraphs
    assert _feed_record(body, "https://ends.example/ferry.html").text.split("\n") == paragraphs
    assert _page_tree(f"<p>x</p>{ends}<a href='/page/2/'>Older posts</a>").xpath("//body//a/@href") == ["/page/2/"]


@pytest.mark.parametrize("footer", [
    "Copyright Harbour Digest 2026. Read more ferry news every day at harbourdigest.blogspot.com",
    "Cheap island ferry tickets: <a href='https://tickets.example/'>book your crossing here</a>",
])
def test_a_blogger_feeds_post_footer_is_cut_from_the_text(footer: str) -> None:
    """The text a Blogger blog's owner sets to close every post in its feeds ("Post feed footer"), in
    <div class="blogger-post-footer"> with the feed's tracking pixel: the owner's lines, not the post's."""
    paragraphs = [f"The river ferry will run later on Fridays from next month, the operator said on day {n}."
                  for n in range(6)]
    pixel = "<img width='1' height='1' src='https://blogger.googleusercontent.com/tracker/1234-5678?l=harbourdigest.blogspot.com'>"
    body = "".join(f"<p>{p}</p>" for p in paragraphs) + f"<div class='blogger-post-footer'>{footer}{pixel}</div>"
    record = _feed_record(body, "https://harbourdigest.blogspot.com/2026/04/ferry.html")
    assert record.text.split("\n") == paragraphs and [r.rule for r in record.removed] == ["blogger.feed-footer"]
    assert record.outlinks == [] and record.source.publisher is None


@pytest.mark.parametrize("element", ["<embed src='/player.swf' width='400'>", "<source src='/tide.mp3'>",
                                     "<track src='/tide.vtt'>", "<wbr>", "<keygen>"])
@pytest.mark.parametrize("around", ["{}", "<div class='separator'>{}</div>", "<p>Listen: {} to the tide report.</p>"])
def test_the_text_after_an_empty_element_libxml2_takes_for_a_container_is_kept(element: str, around: str) -> None:
    """libxml2 reads a bare <embed> (or <source>, <track>, <wbr>) as an element with content: all
    that followed it up to its parent's end went inside, and was cut with it (half a post, after an
    old Flash player's <embed> between its paragraphs)."""
    paragraphs = [f"The river ferry will run later on Fridays from next month, the operator said on day {n}."
                  for n in range(6)]
    middle = around.format(element)
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:3]) + middle + "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    expected = paragraphs[:3] + (["Listen: to the tide report."] if "Listen" in middle else []) + paragraphs[3:]
    page = ("<html><head><title>Ferry</title></head><body><div class='post'><h1>Ferry</h1>"
            + body + "</div><div class='footer'>Copyright</div></body></html>")
    tag = element[1:].split(">")[0].split()[0]
    assert _parse_page(page).xpath(f"//{tag}[node()]") == [] and parse_fragment(body).xpath(f"//{tag}[node()]") == []
    assert _record(page, "https://embeds.example/2026/ferry.html").text.split("\n") == expected
    assert _feed_record(body, "https://embeds.example/2026/ferry.html").text.split("\n") == expected


def test_a_document_s_usual_ends_and_what_may_follow_them_leave_the_page_as_it_is() -> None:
    for page in ("<p>one</p></body></html>", "<p>one</p></body>\n<script>x()</script>\n</html>\n<!-- cached 0.2s -->",
                 "<p>one</p>"):
        assert ended_early(page) is page
    assert ended_early("<p>one</p></body><p>two</p></body></html>") == "<p>one</p><p>two</p>"


@pytest.mark.parametrize(("body", "title"), [
    ("<h1>城市新增三条公交线路</h1><p>text</p>", "城市新增三条公交线路"),          # "Headline_Site"
    ("<h1>Night ferry returns</h1><p>text</p>", "Night ferry returns"),
    # an <h1> that is the site's name (shorter than what the title adds), or one of two: no title
    ("<h1>Site</h1><p>text</p>", None),
    ("<h1>Night ferry</h1><h1>Other</h1>", None),
])
def test_the_lone_h1_beside_a_name_in_the_title_is_the_headline(body: str, title: str | None) -> None:
    html_title = {"城": "城市新增三条公交线路_新闻速递网"}.get(body[4], "Site | Night ferry returns")
    page = f"<html><head><title>{html_title}</title></head><body>{body}</body></html>"
    assert read_meta(_parse_page(page), "https://x.example/a.html").title == title


def _ld(ld: str) -> str:
    return f"<script type='application/ld+json'>{ld}</script>"


@pytest.mark.parametrize(("head", "name"), [
    # the JSON-LD alone (before, such a page, the AMP plugin's reader page or a theme without og:site_name,
    # named no blog); Yoast's graph: the WebSite node names the site (the Organization may be another name)
    (_ld('{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"Quay Media Ltd"},'
     '{"@type":"WebSite","name":"Quay Notes","url":"https://quaynotes.example/"},'
     '{"@type":"BlogPosting","headline":"Crane returns"}]}'), "Quay Notes"),
    (_ld('{"@type":"NewsArticle","headline":"Crane returns","publisher":{"@type":"Organization","name":"Quay Notes"}}'),
     "Quay Notes"),
    (_ld('{"@type":"NewsArticle","headline":"Crane returns"}'), None),
    (_ld("{not json"), None),
    # the title of a feed the page links to: Blogger's feed links (a template whose header is a logo),
    # WordPress's in English and in French
    ('<link rel="alternate" type="application/atom+xml" title="Quay Notes 24/7 - Atom" href="/feeds/posts/default">'
     '<link rel="alternate" type="application/rss+xml" title="Quay Notes 24/7 - RSS" href="/feeds/posts/default?alt=rss">',
     "Quay Notes 24/7"),
    ('<link rel="alternate" type="application/rss+xml" title="Quay Notes &raquo; Feed" href="/feed/">', "Quay Notes"),
    ('<link rel="alternate" type="application/rss+xml; charset=UTF-8" title="Notes du quai » Crane returns Flux des '
     'commentaires" href="/crane-returns/feed/">', "Notes du quai"),
    # a feed titled by itself alone, or a link that is no feed: no name
    ('<link rel="alternate" type="application/rss+xml" title="RSS Feed" href="/rss.xml">', None),
    ('<link rel="alternate" hreflang="fr" title="Quay Notes » Français" href="/fr/">', None),
])
def test_a_page_naming_its_site_only_in_its_head_gives_the_blog_name(head: str, name: str | None) -> None:
    page = (f"<html><head><title>Crane returns</title>{head}</head><body><header><a href='/'><img src='/logo.png' "
            f"alt=''></a></header><h1>Crane returns</h1><p>text</p></body></html>")
    assert read_meta(_parse_page(page), "https://quaynotes.example/crane-returns/").site_name == name


@pytest.mark.parametrize("header", [
    "<header class='site-header'><p class='site-title'><a href='/'>Quay Notes</a></p></header>",
    # a block theme's header template part (Twenty Twenty-Two and after), and GeneratePress's
    "<header class='wp-block-template-part'><div class='wp-block-group'><p class='wp-block-site-title'><a href='/'>"
    "Quay Notes</a></p></div></header>",
    "<header class='site-header' id='masthead'><div class='site-branding'><p class='main-title' itemprop='headline'>"
    "<a href='/' rel='home'>Quay Notes</a></p></div></header>",
    # the AMP plugin's reader page
    "<header id='top' class='amp-wp-header'><div><a href='/'><span class='amp-site-title'>Quay Notes</span></a></div>"
    "</header>",
])
def test_a_wordpress_theme_s_site_title_in_its_header_names_the_blog(header: str) -> None:
    # (the <title> names no site, so only the header can)
    page = f"<html><head><title>Crane returns</title></head><body>{header}<h1>Crane returns</h1><p>text</p></body></html>"
    assert read_meta(_parse_page(page), "https://quaynotes.example/crane-returns/").site_name == "Quay Notes"
    outside = page.replace("<header", "<div").replace("</header>", "</div>")  # (a post's own "main title")
    assert read_meta(_parse_page(outside), "https://quaynotes.example/crane-returns/").site_name is None


_VIDEO_JS = ("<div class='video-js vjs-paused' id='v1' role='region' aria-label='Video Player'><video class='vjs-tech' "
             "src='/v.mp4'></video><div class='vjs-loading-spinner'><span class='vjs-control-text'>Video Player is loading."
             "</span></div><button class='vjs-big-play-button' title='Play Video'><span class='vjs-control-text'>Play Video"
             "</span></button><div class='vjs-control-bar'><button class='vjs-play-control vjs-control'><span class="
             "'vjs-control-text'>Play</span></button><div class='vjs-current-time vjs-control'><span class='vjs-control-text'>"
             "Current Time&nbsp;</span><span class='vjs-current-time-display'>0:00</span></div><div class='vjs-time-divider'>"
             "<div><span>/</span></div></div><div class='vjs-duration vjs-control'><span class='vjs-control-text'>Duration"
             "&nbsp;</span><span class='vjs-duration-display'>0:00</span></div><button class='vjs-fullscreen-control'><span "
             "class='vjs-control-text'>Fullscreen</span></button></div><div class='vjs-modal-dialog vjs-hidden "
             "vjs-text-track-settings'><p class='vjs-modal-dialog-description vjs-control-text'>Beginning of dialog window. "
             "Escape will cancel and close the window.</p><button class='vjs-close-button'><span class='vjs-control-text'>"
             "Close Modal Dialog</span></button><p class='vjs-control-text'>End of dialog window.</p></div></div>")


def test_a_video_players_controls_in_a_copy_of_a_page_as_a_browser_built_it_are_cut() -> None:
    # (every label had stayed: "Play Video", "Current Time 0:00", "/", "Fullscreen", the dialog's notices)
    paragraphs = ["The harbour board voted on Tuesday to close the old ferry slip for eight months of repairs.",
                  "Commuters will be moved to a temporary landing at the fish market from the first week of March.",
                  "Divers had found rot in more than a third of the timber piles during an inspection in January."]
    page = (f"<html><head><title>Ferry slip closes</title></head><body><article><h1>Ferry slip closes</h1><div class="
            f"'entry-content'><p>{paragraphs[0]}</p>{_VIDEO_JS}<p>{paragraphs[1]}</p><p>{paragraphs[2]}</p></div></article>"
            f"</body></html>")
    assert _record(page, "https://quaynotes.example/ferry-slip-closes/").text.split("\n") == paragraphs


@pytest.mark.parametrize(("after", "date"), [
    ("<div class='art-info'>2026-12-01 09:32:15　来源：城市日报　作者：李明</div>", "2026-12-01T09:32:15"),
    ("<p class='meta'>发布时间：2026年12月1日</p>", "2026-12-01"),
    ("<div><span>Posted 2026/03/07</span></div>", "2026-03-07"),
    # no year first (day and month could be either way round), or no date right after the heading
    ("<div>Posted 03/07/2026</div>", None),
    ("<p>First paragraph.</p><p>Second.</p><p>In 2026-12-01 terms, a third.</p>", None),
])
def test_a_date_written_just_after_the_heading(after: str, date: str | None) -> None:
    from pipelines.metadata import heading_date

    tree = _parse_page(f"<html><body><h1>Headline</h1>{after}<p>Body text.</p></body></html>")
    assert heading_date(tree) == date


def test_a_page_with_broken_links_is_read_without_them() -> None:
    """An address that does not parse ("http://[::1", a port out of range) in the page's canonical,
    feed, API, sitemap, title and credit links: the page is a record (it was an extract_failed reject),
    and the broken addresses are no provenance."""
    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.article import ArticleRecord
    from schemas.raw import BlogInfo, RawPost

    bad, port = "http://[::1", "http://paper.example:99999"
    body = "".join(f"<p>The river ferry will run later on Fridays from next month, said the operator on day {n}.</p>"
                   for n in range(6))
    page = (f'<html><head><title>Ferry runs later</title><link rel="canonical" href="{bad}">'
            f'<link rel="alternate" type="application/rss+xml" href="{bad}/feed"><link rel="https://api.w.org/" href="{port}/">'
            f'<link rel="sitemap" href="{bad}/s.xml"><meta name="original-source" content="{port}/x"></head><body>'
            f'<h1><a href="{bad}">Site</a></h1><article><h2 class="entry-title"><a href="{bad}/post">Ferry runs later</a></h2>'
            f'{body}<p>Source: <a href="{bad}/orig">Coastal Ledger</a></p><p><a href="{port}/x">Read more</a></p>'
            f'<p><a href="https://www.google.com/url?rct=j&url={bad}/y">Ferry</a></p></article></body></html>')
    raw = RawPost(url="https://deep.example/x.html", blog=BlogInfo(url="https://deep.example/", host="deep.example"),
                  via="page", html=page, fetched_at="2026-01-01T00:00:00+00:00")
    record = finish_post(raw, run_extract(raw, ExtractOptions()), "t", CopyIndex())
    assert isinstance(record, ArticleRecord), record
    assert "day 5" in record.text and record.source.url is None and record.canonical_url is None


@pytest.mark.parametrize(("links", "author"), [
    # a theme's byline: the post's author page, with the name and with an avatar
    ("<a href='/author/marina-lopez/'><img src='a.jpg'></a> <a href='/author/marina-lopez/'>Marina Lopez</a>", "Marina Lopez"),
    ("<span>By <a href='https://notes.example/author/admin/'>admin</a></span>", "admin"),
    ("<a href='/penulis/budi/'>Oleh Budi Santoso</a>", "Budi Santoso"),
    # a news site's writer pages
    ("<span class='pb-byline'>By <a href='/people/erin-lund'>Erin Lund</a></span>", "Erin Lund"),
    ("<a href='/by/erin-lund'>Erin Lund</a>", "Erin Lund"), ("<a href='/staff/erin-lund/'>Erin Lund</a>", "Erin Lund"),
    # a sidebar of the site's writers, a link that says what it does, another site's author page
    ("<a href='/author/ann/'>Ann Lee</a><a href='/author/bo/'>Bo Park</a>", None),
    ("<a href='/author/ann/'>View all posts</a>", None),
    ("<a href='https://elsewhere.example/author/ann/'>Ann Lee</a>", None),
])
def test_a_link_to_one_authors_page_names_the_author(links: str, author: str | None) -> None:
    tree = _parse_page(f"<html><body><article><h1>Quay crane returns</h1><div class='meta'>{links}</div>"
                       "<p>The old quay crane returns to service after its gearbox was rebuilt.</p></article></body></html>")
    assert read_meta(tree, "https://notes.example/posts/quay-crane-returns/").author == author


@pytest.mark.parametrize(("headline", "title"), [
    # Wikipedia's JSON-LD headline is the topic's short description: the <h1> the <title> is
    ("technique for reducing dimensions", "Harbour crane index"),
    ("Harbour crane index", "Harbour crane index"),  # (one the <title> holds stands)
])
def test_a_json_ld_headline_the_title_does_not_hold_yields_to_the_h1_the_title_is(headline: str, title: str) -> None:
    ld = '{"@context": "https://schema.org", "@type": "Article", "headline": "%s"}' % headline
    page = (f"<html><head><title>Harbour crane index - Port Wiki</title><script type='application/ld+json'>{ld}</script>"
            "</head><body><div id='content'><h1 id='firstHeading'>Harbour crane index</h1><div id='bodyContent'>"
            "<p>The harbour crane index lists every crane that has worked the quay since 1900.</p></div></div></body></html>")
    assert read_meta(_parse_page(page), "https://portwiki.example/wiki/Harbour_crane_index").title == title


@pytest.mark.parametrize("footer", ["<span class='author'>Port & Co</span>", "<span class='tweet-authors'>Follow</span>",
                                    "<span class='username'>Username</span>"])
def test_a_site_s_name_or_a_button_trafilatura_s_author_search_finds_is_no_author(footer: str) -> None:
    body = "".join(f"<p>The harbour's new crane was lifted into place on Tuesday morning, step {n}.</p>" for n in range(5))
    page = ("<html><head><title>Crane lifted</title><meta property='og:site_name' content='Port & Co'></head><body>"
            f"<article><h1>Crane lifted</h1>{body}</article><footer>{footer}</footer></body></html>")
    assert _record(page, "https://portco.example/2026/11/crane.html").author is None


@pytest.mark.parametrize(("title", "body", "expected"), [
    # WordPress's old default theme: "Site » Blog Archive » Headline", the headline in an <h2>'s permalink
    ("Harbour Chronicle &raquo; Blog Archive &raquo; Pontoons approved at last",
     "<h1><a href='/'>Harbour Chronicle</a></h1><h2><a href='/2026/05/p.html' rel='bookmark'>Pontoons approved at last</a></h2>",
     "Pontoons approved at last"),
    ("News | Pontoons approved at last | Harbour Chronicle", "<h3>Pontoons approved at last</h3><h3>Archive</h3>",
     "Pontoons approved at last"),
    # the site's name linking home is never the title; a heading the <title> does not spell is not either
    ("Harbour Chronicle | Archive", "<h1><a href='/'>Harbour Chronicle</a></h1>", None),
    ("Harbour Chronicle | Pontoons approved", "<h2>Pontoons approved at last</h2>", None),
])
def test_the_part_of_a_title_that_a_heading_spells_is_the_headline(title: str, body: str, expected: str | None) -> None:
    tree = _parse_page(f"<html><head><title>{title}</title></head><body>{body}<p>text</p></body></html>")
    assert read_meta(tree, "https://harbour.example/2026/05/p.html").title == expected


@pytest.mark.parametrize(("head", "body", "name"), [
    ("<title>Harbour Chronicle &#8211; Local news for the bay</title>", "<h1>Harbour Chronicle</h1>", "Harbour Chronicle"),
    ("<title>Local news for the bay | Harbour Chronicle</title>", "<p class='logo'><a href='/'><h1>Harbour Chronicle</h1></a></p>",
     "Harbour Chronicle"),
    ("<title>Harbour Chronicle &#8211; Local news</title><meta property='og:site_name' content='The Chronicle'>",
     "<h1>Harbour Chronicle</h1>", "The Chronicle"),
    ("<title>Harbour Chronicle &#8211; Local news for the bay</title>", "<h1>Welcome</h1>",
     "Harbour Chronicle – Local news for the bay"),  # nothing tells the name from the tagline: the whole title
])
def test_a_blog_s_name_from_its_home_page_leaves_its_tagline_out(head: str, body: str, name: str) -> None:
    from pipelines.metadata import home_name

    tree = _parse_page(f"<html><head>{head}</head><body>{body}<p>Latest posts</p></body></html>")
    assert home_name(tree, read_meta(tree, "https://harbour.example/")) == name


def test_a_short_post_keeps_its_paragraphs_apart() -> None:
    """Two short paragraphs under a byline: trafilatura's own fallback for short texts ran them, the
    headline and the byline into one line."""
    from pipelines.extraction import ExtractOptions, extract_post
    from pipelines.rules import load_rules
    from schemas.raw import BlogInfo, RawPost

    paragraphs = ["The harbour board approved the new pontoons on Tuesday after a long debate about fees.",
                  "Work starts in May and should be finished before the summer season, the board said."]
    page = ("<html><head><title>Pontoons approved</title></head><body><article><h1>Pontoons approved</h1>"
            "<div class='meta'>Posted on May 12, 2026 by Jane Doe</div>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></body></html>")
    raw = RawPost(url="https://harbour.example/pontoons-approved/", via="page", html=page,
                  blog=BlogInfo(url="https://harbour.example/", host="harbour.example"))
    assert extract_post(raw, load_rules(), ExtractOptions()).text.split("\n")[-2:] == paragraphs


_LONG = "".join(f"<p>The band played its last show at the harbour hall on night {n}, to a full house.</p>" for n in range(12))


@pytest.mark.parametrize(("page", "gone"), [
    # WordPress's 404 template (body class error404), whatever its words
    ("<html><head><title>Oops</title></head><body class='error404 hfeed'><h1>Nichts gefunden</h1>"
     "<p>Versuchen Sie es mit einer Suche.</p><ul><li><a href='/a/'>Neuer Radweg</a></li></ul></body></html>", True),
    # Blogger's notice on a page of no post
    ("<html><head><meta name='generator' content='blogger'><title>Daily Pulse</title></head><body>"
     "<div class='status-msg-wrap'><div class='status-msg-body'>Sorry, the page you were looking for in this blog "
     "does not exist.</div></div><div class='blog-posts hfeed'></div></body></html>", True),
    # a "not found" title (the site's name split off) over little text, in another language
    ("<html><head><title>Página no encontrada | Noticias Hoy</title></head><body><h1>Error</h1>"
     "<p>La página que busca no existe.</p></body></html>", True),
    # an article whose headline only looks like one: a long text
    (f"<html><head><title>404 Not Found | Music Notes</title></head><body><article><h1>404 Not Found</h1>{_LONG}"
     "</article></body></html>", False),
])
def test_a_page_saying_the_post_is_not_there_is_a_reject(page: str, gone: bool) -> None:
    """A soft 404 (status 200) became a record of its apology and its list of recent posts."""
    from pipelines.extraction import ExtractError, ExtractOptions, extract_post
    from pipelines.rules import load_rules
    from schemas.raw import BlogInfo, RawPost

    raw = RawPost(url="https://notes.example/2026/11/gone.html", blog=BlogInfo(url="https://notes.example/", host="notes.example"),
                  via="page", html=page)
    if gone:
        with pytest.raises(ExtractError) as err:
            extract_post(raw, load_rules(), ExtractOptions())
        assert err.value.reason == "not_found_page"
    else:
        assert "last show" in extract_post(raw, load_rules(), ExtractOptions()).text


def test_links_to_tag_pages_in_the_post_are_its_labels_and_a_sidebar_s_cloud_is_not() -> None:
    # a theme's "Tagged ferries, Port Ellery" without rel="tag"; the sidebar's tag cloud is the site's
    page = ("<html><head><title>Ferry</title></head><body><article class='post'><h1>Ferry</h1><p>Text.</p>"
            "<footer class='entry-footer'><span class='tags-links'>Tagged <a href='/tag/ferries/'>ferries</a>, "
            "<a href='/tag/port-ellery/'>Port Ellery</a></span></footer></article>"
            "<aside class='sidebar'><div class='widget tagcloud'><a href='/tag/weather/'>weather</a></div></aside>"
            "<div class='widget_tag_cloud'><a href='/tag/tides/'>tides</a></div></body></html>")
    assert read_meta(_parse_page(page), "https://notes.example/ferry/").labels == ["ferries", "Port Ellery"]


@pytest.mark.parametrize(("href", "text"), [
    ("https://isle.tumblr.com/tagged/ferry", "#ferry"), ("/blog/category/ferries", "ferries"),
    ("/categoria/balsas/", "balsas"), ("/kategori/feri/", "feri"), ("/labels/ferry/", "ferry"),
    ("/?cat=3", "Ferries"), ("/PostList.naver?blogId=isle&tag=ferry", "#ferry")])
def test_a_link_to_a_tag_or_category_page_in_the_post_is_a_label_on_any_platform(href: str, text: str) -> None:
    page = ("<html><head><title>Ferry</title></head><body><div class='blog-post'><h2>Ferry</h2><p>Text.</p>"
            f"<div class='post-footer'>Filed under <a href='{href}'>{text}</a></div></div>"
            "<div class='blog-sidebar'><a href='/blog/category/all'>All</a></div></body></html>")
    assert read_meta(_parse_page(page), "https://isle.example/ferry/").labels == [text.lstrip("#")]


def test_the_class_index_holds_each_class_id_and_itemprop_in_document_order() -> None:
    page = ("<html><body class='home blog'><div id='page' class='wrap  wrap'><!-- a comment -->"
            "<article class='post hentry' itemprop='blogPost' id=''><h1 class='entry-title'>Ferry</h1>"
            "<div class='entry-content post' itemprop='articleBody'><p class=''>Text.</p>"
            "<span itemprop='author' class='by'>Ann</span></div></article>"
            "<aside class='side'><div class='post'>Other</div><div id='page'>Twice</div></aside></div></body></html>")
    tree = _parse_page(page)

    def walked(root):  # what the index stands for: every element's attributes, read in turn
        by_name, by_id, by_prop = {}, {}, {}
        for el in root.iter():
            for name in set((el.get("class") or "").split()):
                by_name.setdefault(name, []).append(el)
            if el.get("id") is not None:
                by_id.setdefault(el.get("id"), []).append(el)
            if el.get("itemprop") is not None:
                by_prop.setdefault(el.get("itemprop"), []).append(el)
        return by_name, by_id, by_prop

    for root in (tree, tree.find(".//article")):  # (a part of a page: that element and what it holds)
        index = ClassIndex(root)
        assert (index.by_name, index.by_id, index.by_itemprop) == walked(root)
    index = ClassIndex(tree)
    assert [el.tag for el in index.get("post")] == ["article", "div", "div"] and len(index.by_id["page"]) == 2
    assert index.by_id[""][0].tag == "article" and set(index.by_itemprop) == {"blogPost", "articleBody", "author"}
    assert ClassIndex(tree.find(".//article")).get("side") == []
    assert all(type(key) is str for key in (*index.by_id, *index.by_itemprop, *index.by_name))


def test_links_found_in_the_joined_hrefs_are_those_each_href_holds() -> None:
    # read_meta searches all of a page's hrefs at once for an author's page and a tag's: the same
    # links as searching each href (re.I for the author's folder), a line break inside one included
    from lxml import html as lxml_html

    from pipelines.metadata import _AUTHOR_FOLDER, _AUTHOR_HREF, _TAG_FOLDER, _TAG_PARAMETER, _Links

    hrefs = ["/AUTHOR/ann-lee/", "", "/tag/ferries/", "https://x.example/?cat=3", "/?tags=5", "/?p=4&label=ferry",
             "/by", "/writers/\nbob/", "/category=ferries", "/people/", "/Tag/x", "tag=", "=tag", "/2026/11/ferry/",
             "/staff/a/tag/b/?category=c&label=d", "/?concat=1"]
    page = "<div>" + "".join(f"<a href='{h}'>x</a>" if h else "<a>x</a>" for h in hrefs) + "</div>"
    links = _Links(lxml_html.fromstring(page))
    assert links.hrefs == hrefs
    author = re.compile(_AUTHOR_FOLDER, re.I)
    assert links.with_href(_AUTHOR_HREF, lowered=True) == [i for i, h in enumerate(links.hrefs) if author.search(h)]
    tag_word = re.compile("/(?:tag|categor|label|kategori|etiqueta|schlagwort)|(?:tag|cat|category|label)=")
    tagged = sorted({*links.with_href(_TAG_FOLDER), *links.with_href(_TAG_PARAMETER)})
    assert tagged == [i for i, h in enumerate(links.hrefs) if tag_word.search(h)] == [2, 3, 5, 8, 11, 14, 15]


@pytest.mark.parametrize(("url", "platform"), [
    ("https://isle.wordpress.com/2026/11/24/ferry/", "wordpress"), ("https://isle.blogspot.com.br/2026/11/ferry.html", "blogger"),
    ("https://isle.blogspot.co.uk/2026/11/ferry.html", "blogger"), ("https://isle.blogspot.fr/2026/11/ferry.html", "blogger"),
    ("https://blogspot.isle.example/ferry/", "generic")])
def test_a_post_on_a_platforms_own_host_is_of_that_platform(url: str, platform: str) -> None:
    page = "<html><head><title>Ferry</title></head><body><h1>Ferry</h1><p>Text.</p></body></html>"
    assert read_meta(_parse_page(page), url).platform == platform


@pytest.mark.parametrize("name", ["न्यूज़ डेस्क", "สมชาย ใจดี", "Zoë Brandsma"])
def test_a_name_on_a_link_to_the_authors_page_in_any_script_is_the_author(name: str) -> None:
    from lxml import html as lxml_html

    from pipelines.metadata import _author_link, _Links

    tree = lxml_html.fromstring(f'<div><span class="by">by <a href="/author/desk/">{name}</a></span></div>')
    assert _author_link(_Links(tree), "https://news.example/story/") == name


@pytest.mark.parametrize(("meta", "date"), [
    ("<p class='postmetadata alt'><small>This entry was posted on Tuesday, November 24th, 2026 at 7:15 pm and is "
     "filed under <a href='/c/news/'>News</a>.</small></p>", "2026-11-24T19:15:00"),
    ("<div class='post-info'>Posted by <a href='/u/admin'>admin</a> on 3 March 2026</div>", "2026-03-03"),
    ("<div class='entry-meta'>Published on the 9th of July, 2026 @ 08:05</div>", "2026-07-09T08:05:00"),
    # a news theme's meta column, named as its theme names it, with a caption, a share script and its
    # rows on lines of their own
    ("<div class='col-4 rf-news-meta'><div>Harbour at dawn. | © Ines Brandt</div>\n\n<div>\n  3. März 2026 | 06:10\n</div>"
     "<div>Seite drucken</div><script>shareBox('" + "x" * 600 + "');</script></div>", "2026-03-03T06:10:00"),
    ("<div class='c-article__meta'><span>By\nAnn Lee</span>\n<time>3 March 2026</time></div>", "2026-03-03"),
    ("<footer class='post__meta'>Posted\n  on 3 March 2026</footer>", "2026-03-03"),
    # a date in the text, or a meta line without "posted … on", is not the post's
    ("<p>Posted on November 24, 2026, the notice said the pier would close.</p>", None),
    ("<div class='entry-meta'>Filed under News, November 2026</div>", None),
])
def test_the_date_in_a_themes_meta_line(meta: str, date: str | None) -> None:
    from pipelines.metadata import meta_lines, posted_on_date

    tree = _parse_page(f"<html><body><h2>Headline</h2><div class='entry'><p>Body text.</p>{meta}</div></body></html>")
    assert posted_on_date(meta_lines(tree), load_rules().months) == date


def test_on_a_page_whose_h1_is_the_sites_name_the_date_follows_the_h2_that_is_the_title() -> None:
    from pipelines.metadata import heading_date

    page = ("<html><body><h1><a href='/'>Harbour Notes</a></h1><h2 class='ently_title'>Night market opens</h2>"
            "<div class='ently_navi'>2026/11/24(火) 08:30:15 | News</div><p>Body text.</p>"
            "<h2>Recent</h2><ul><li>2026/11/02 Older post</li></ul></body></html>")
    tree = _parse_page(page)
    assert heading_date(tree, "Harbour Notes", "Night market opens") == "2026-11-24T08:30:15"
    assert heading_date(tree, "Harbour Notes", None) is None  # (not any h2: a sidebar's list has dates too)


def _feed_record(body: str, url: str):
    """The record of a post whose body a feed gave."""
    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    host = url.split("/")[2]
    raw = RawPost(url=url, blog=BlogInfo(url=f"https://{host}/", host=host), via="rss", html=body, is_fragment=True,
                  fetched_at="2026-01-01T00:00:00+00:00")
    return finish_post(raw, run_extract(raw, ExtractOptions()), "t", CopyIndex())


def _record(page: str, url: str):
    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    host = url.split("/")[2]
    raw = RawPost(url=url, blog=BlogInfo(url=f"https://{host}/", host=host), via="page", html=page,
                  fetched_at="2026-01-01T00:00:00+00:00")
    return finish_post(raw, run_extract(raw, ExtractOptions()), "t", CopyIndex())


@pytest.mark.parametrize("tag", ["article", "main", "section"])
def test_the_text_a_nested_article_opens_with_before_its_first_line_break_is_kept(tag: str) -> None:
    """trafilatura drops the text an <article>, <main> or <section> inside others opens with: a
    journal's post written as text between <br>s lost its first paragraph."""
    paras = ["The city's new outdoor rink opened on Saturday in the central park after two weeks of work.",
             "The park's director said the rink would stay open every day until the end of February.",
             "More than fifteen hundred people came on the first day, and skates can be hired nearby."]
    page = (f"<html><head><title>Rink opens</title></head><body><div>menu</div><div><div class='content'><{tag}>"
            + "<br><br>".join(paras) + f"</{tag}></div></div><div>footer</div></body></html>")
    record = _record(page, "https://journal.example/123.html")
    assert record.text.split("\n") == paras


def test_a_journal_on_a_shared_host_is_not_named_after_the_service() -> None:
    body = "".join(f"<p>The rink in the park opened on Saturday and will stay open daily, line {n}.</p>" for n in range(5))
    page = ("<html><head><title>Rink opens</title><meta property='og:site_name' content='{}'></head><body><article>"
            "<h1>Rink opens</h1>" + body + "</article></body></html>")
    assert _record(page.format("LiveJournal"), "https://novosti.livejournal.com/1.html").blog.name is None
    assert _record(page.format("LiveJournal"), "https://journal.example/1.html").blog.name == "LiveJournal"
    assert _record(page.format("Harbour Notes"), "https://novosti.livejournal.com/1.html").blog.name == "Harbour Notes"
    # beside the blog's name, the service's is dropped wherever the page is
    assert _record(page.format("네이버 블로그 | 바다소식"), "https://blog.naver.com/seanews/1").blog.name == "바다소식"
    assert _record(page.format("Harbour Notes : Tistory"), "https://notes.example/1").blog.name == "Harbour Notes"
    assert _record(page.format("Harbour Notes | Port Ellery"), "https://ports.example/1").blog.name == \
        "Harbour Notes | Port Ellery"


_FERRY = ["The river ferry will run two extra sailings on Fridays from next month, the operator said on Monday.",
          "Passenger numbers rose by a fifth over the summer, and queues at the terminal often stretched past.",
          "A spokesperson said the late sailing would leave the mainland at 11:30 p.m. and return at midnight.",
          "Fares for the extra sailings will be the same as those for daytime crossings, the company added."]


def _ferry_blog_post(inside: str, at: int = len(_FERRY)):
    """The record of a Blogger post of _FERRY's paragraphs with `inside` put before paragraph `at`."""
    page = ("<html><head><title>Blog: Ferry adds sailings</title><meta content='blogger' name='generator'/></head><body>"
            "<div class='post hentry'><h3 class='post-title entry-title'>Ferry adds sailings</h3>"
            "<div class='post-body entry-content' id='post-body-1'>" + "".join(f"<p>{x}</p>" for x in _FERRY[:at])
            + inside + "".join(f"<p>{x}</p>" for x in _FERRY[at:]) + "</div></div></body></html>")
    return _record(page, "https://ferryblog.blogspot.com/2026/11/ferry.html")


_GNEWS_LINK = "https://news.google.com/rss/articles/CBMiHWh0dHBzOi8vbGVkZ2VyLmV4YW1wbGUvYnJpZGdl?oc=5"


@pytest.mark.parametrize(("after", "side", "credited"), [
    # an autoblog's "Source link" to the Google News item it imported, under the text (past an ad's slot)
    (f"<p><a href='{_GNEWS_LINK}'>Source link</a></p>", "", True),
    (f"<div class='ad-slot'></div><p><a href='{_GNEWS_LINK}' target='_blank'>Source link</a></p>", "", True),
    # Google News in the sidebar, or a list of its stories under the post's text, is no post's source
    ("", f"<div class='widget'><a href='{_GNEWS_LINK}'><img src='/gn.png' alt=''></a></div>", False),
    ("<ul>" + "".join(f"<li><a href='{_GNEWS_LINK}{n}'>Harbour story {n}</a></li>" for n in range(3)) + "</ul>", "", False),
    # a "Follow us on Google News" button under the text links the site's page there, not an item
    ("<div class='gn-follow'><a href='https://news.google.com/publications/CAAqBwgKMNXa?hl=en'>"
     "<img src='/gn.png' alt=''></a></div>", "", False),
])
def test_a_google_news_source_link_under_a_page_read_whole_credits_the_chain(after: str, side: str, credited: bool) -> None:
    """A page of no known post container is read whole, and its short links were left alone (a
    sidebar's are not the post's), so the Google News link an autoblog puts under the post it
    imported (which trafilatura leaves out of the text) was lost, with the original it holds."""
    page = ("<html><head><title>Ferry adds sailings | Harbour Wire</title></head><body>"
            "<div class='top'><a href='/'>Harbour Wire</a> <a href='/news/'>News</a></div><div class='main'>"
            "<div class='story'><h1>Ferry adds sailings</h1>" + "".join(f"<p>{x}</p>" for x in _FERRY) + after
            + "</div><div class='side'><div class='widget'><p>Our newsletter brings the week's harbour news to you "
            "every Friday morning.</p></div>" + side + "</div></div></body></html>")
    record = _record(page, f"https://harbourwire{len(after) + len(side)}.example/ferry-adds-sailings/")
    assert record.text.split("\n") == _FERRY
    assert (record.source.chain, record.source.links, record.source.url) == (
        (["google-news"], [_GNEWS_LINK], "https://ledger.example/bridge") if credited else ([], [], None))


_CARDS = "".join(f"<article class='card'><h3><a href='/c{i}'>Other headline number {i} about the city</a></h3>"
                 f"<p>Short teaser text for another story number {i}, read more.</p></article>" for i in range(4))


@pytest.mark.parametrize("body", [
    "<br><br>".join(_FERRY),
    "<span>" + "<br>".join(_FERRY) + "</span>",
    "<font face='Arial'>" + "<br><br>".join(_FERRY) + "</font>",
    _FERRY[0] + "".join(f"<p>{x}</p>" for x in _FERRY[1:]),
    _FERRY[0][:40] + "<a href='/x'>" + _FERRY[0][40:60] + "</a>" + _FERRY[0][60:] + "<br><br>" + "<br><br>".join(_FERRY[1:]),
    "<table><tr><td>" + "<br><br>".join(_FERRY) + "</td></tr></table>",
])
@pytest.mark.parametrize("page", [
    "<div class='wrap'><article class='main'><h1>Ferry adds sailings</h1><div class='body'>{}</div></article>"
    "<section class='related'><h2>Related</h2>" + _CARDS + "</section></div>",
    "<div id='page'><div class='inner'><main><h1>Ferry adds sailings</h1><div class='meta'>by Ann</div>{}</main></div></div>",
])
def test_every_paragraph_of_a_post_written_between_line_breaks_is_kept(page: str, body: str) -> None:
    """trafilatura drops the text a container opens with, before its first <br> or block, when it
    takes that container inside others as the body: the post's first paragraph was lost."""
    html = "<html><head><title>Ferry adds sailings</title></head><body>" + page.replace("{}", body) + "</body></html>"
    record = _record(html, f"https://ferry{abs(hash((page, body))) % 10**8}.example/news.html")  # (a host each)
    assert record.text.split("\n") == _FERRY


_DAIRY = ["The dairy's new sensors watch each quarter of the udder while the cows are milked every morning.",
          "Farmers said the readings on conductivity and colour found infections days before the herd showed signs.",
          "The cooperative will lend the devices to twelve more farms in the valley from the first of March."]


@pytest.mark.parametrize("footer", [
    # an author line and footers of text between <br>s, which our wraps once gave <p>s of their own: a page
    # of divs then read as one of paragraphs, and the text between the story's divs was lost
    "<div id='byline'>Author: <a href='/author/ann'>Ann Lee</a><br>Published in the spring issue</div>"
    "<div id='address'>Valley Farm Press, 5 Mill Lane, Kettleby, telephone 0123 456 789, fax 0123 456 780<br>Imprint</div>"
    "<div id='editions'>Choose your edition of the farm press: English, Deutsch, Français, Italiano, Español, Polski, "
    "Čeština, Magyar<br>More</div>",
    "",
])
def test_the_text_after_a_picture_s_box_in_a_post_of_divs_and_line_breaks_is_kept(footer: str) -> None:
    page = ("<html><head><title>Milking sensors</title></head><body><div id='nav'><a href='/'>Home</a> <a href='/n'>News</a>"
            "</div><div id='main'><h1>Milking sensors</h1><div id='story'><div class='pic'><img src='/a.jpg'>"
            "<div class='cap'>A sensor on the milking stand.</div></div>" + "<br>".join(_DAIRY) + f"<br></div>{footer}</div>"
            "</body></html>")
    lines = _record(page, "https://valleyfarm.example/sensors.html").text.split("\n")
    assert [line for line in lines if line in _DAIRY] == _DAIRY


_RULING = ["The appeal court surprised the trade on Tuesday by ruling that only one of three tagged posts was an advert, "
           "which settles many of the questions that the first ruling had left open for writers.",
           "The lower court had held last spring that tagging a brand was advertising in itself, and its ruling set off a "
           "wave of warning letters and much anger among the writers who post photographs for a living.",
           "The case turned on three posts, none of them marked as advertising, and on the links each of them carried to "
           "the accounts of companies that had in one case paid for the flight shown in the picture.",
           "The second post showed the writer at a workshop she had paid to attend, holding balloons tagged with the name "
           "of a cosmetics firm, and the court again found no link between the tags and the post itself.",
           "That view is not unreasonable, since a reader who cannot tell why a brand is tagged will hardly take the post "
           "for an opinion, but it does not follow that every such tag is there to sell something.",
           "With the first post the court was plainly swayed by the fact that the company had paid for the trip, though "
           "what counts in the end is only what the link itself is for.",
           "Such cases are rare in any event, and the third post, a sweatshirt and a brooch tagged with no deal behind "
           "them, was found to be editorial and in no need of a label at all."]
_EMBED = ("<div class='media'><blockquote class='instagram-media' data-instgrm-permalink='https://www.instagram.com/p/Ab1/'>"
          "<a href='https://www.instagram.com/p/Ab1/'>View this post on Instagram</a><p>A post shared by a writer</p>"
          "</blockquote></div>")


@pytest.mark.parametrize(("container", "made"), [
    # after a block: each paragraph between <br>s gets an element of its own, with its inline elements
    ("<div><p>{0}</p><br><br>{1}<br><br>{2} <a href='/x'>link</a>.<br><br><div class='embed'></div>{3}</div>",
     ["{1}", "{2} link.", "{3}"]),
    ("<div><figure><img src='/a.jpg'></figure>{1}<br>{2}</div>", ["{1}", "{2}"]),
    # in a <span> or a <p>, whose paragraphs trafilatura would read as one line: left alone (a span's
    # leading text aside, which has been put in a paragraph of its own before)
    ("<div><p>{0}</p><span>{1}<br>{2}</span></div>", ["{1}"]),
    ("<div><p><font><b>{0}</b><br>{1}<br>{2}</font></p></div>", []),
])
def test_the_paragraphs_between_line_breaks_after_a_block_get_elements_of_their_own(container: str, made: list[str]) -> None:
    """trafilatura drops a block's tail text, and on a page it reads by its <p>s, may drop the text
    between <br>s beside them: the paragraphs after an embedded post were lost (horizont.net's comment
    kept 4,310 of its 7,146 characters)."""
    from pipelines.extraction import _wrap_leading_text, _wrap_text_after_blocks
    from pipelines.htmltext import parse_fragment

    tree = parse_fragment("<div id='c'>" + container.format(*_RULING[:4]) + "</div>")
    for p in tree.iter("p"):
        p.set("data-page", "")
    _wrap_leading_text(tree)
    _wrap_text_after_blocks(tree)
    new = [" ".join("".join(p.itertext()).split()) for p in tree.iter("p") if p.get("data-page") is None]
    assert new == [x.format(*_RULING[:4]) for x in made]


def test_the_line_ends_of_the_source_in_text_after_a_block_are_spaces() -> None:
    """Text after a picture's box, put in a paragraph of its own, kept the line ends of the page's
    source, and each made a line of the record."""
    wrapped = [x.replace(" the ", "\n      the ", 1) for x in _DAIRY]
    page = ("<html><head><title>Milking sensors</title></head><body><div id='main'><h1>Milking sensors</h1>"
            "<div id='story'><div class='pic'><img src='/a.jpg'><div class='cap'>A sensor on the milking stand.</div>"
            "</div>" + "<br><br>".join(wrapped) + "</div></div></body></html>")
    lines = _record(page, "https://valleyfarm.example/sensors.html").text.split("\n")
    assert [line for line in lines if line != "A sensor on the milking stand."] == _DAIRY


def _hard_wrapped(line: str, width: int = 40) -> str:
    """line as a hand-written page's source has it: cut at spaces into lines of about `width`, each
    indented."""
    out, cur = [], ""
    for word in line.split(" "):
        if cur and len(cur) + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return "\n      ".join([*out, cur])


@pytest.mark.parametrize("layout", ["wordpress", "generic", "feed"])
def test_a_paragraph_hard_wrapped_in_the_pages_source_is_one_line(layout: str) -> None:
    """A hand-written page breaks its paragraphs' source into lines ("…after 15 years as Legal\n
    Director, I took…"): each source line was a line of the record, from our text walk and from
    trafilatura alike. A browser shows a line end there as a space, and so does the record; a
    <pre>'s lines stay lines."""
    code = "harbour --list\n  ferry 08:10\n  ferry 09:40"
    body = "".join(f"<p>{_hard_wrapped(x)}</p>" for x in _RULING[:4]) + f"<pre>{code}</pre>"
    if layout == "feed":
        record = _feed_record(body, "https://tradepress.example/ruling/")
    else:
        container = "<article><div class='entry-content'>{}</div></article>" if layout == "wordpress" else "<div class='story'>{}</div>"
        page = (f"<html><head><title>Tagged posts ruling</title></head><body><div id='nav'><a href='/'>Home</a></div>"
                f"<div class='main'><h1>Tagged posts ruling</h1>{container.format(body)}</div></body></html>")
        record = _record(page, "https://tradepress.example/ruling/")
    assert record.text.split("\n") == [*_RULING[:4], "harbour --list", "ferry 08:10", "ferry 09:40"]


def test_a_plain_text_feed_body_keeps_its_line_ends_as_lines() -> None:
    assert _feed_record("\n".join(_RULING[:3]), "https://tradepress.example/ruling/").text.split("\n") == _RULING[:3]


@pytest.mark.parametrize("shown", ["<p class='hidden md:block'>{}</p>", "<p class='d-none d-lg-block'>{}</p>",
                                   "<p class='hidden-xs'>{}</p>", "<p class='hide visible-lg'>{}</p>", "<p class='hidden-gem'>{}</p>"])
def test_a_paragraph_a_class_hides_on_some_screens_only_stays(shown: str) -> None:
    line = "The timetable for the winter months will be printed in the harbour office window."
    assert _ferry_blog_post(shown.format(line)).text.split("\n") == [*_FERRY, line]


_REPLY = "I walked past the pier yesterday and the new roof already looks much better than the old one did"


@pytest.mark.parametrize("thread", [
    f"<div id='sf_comment_list'><div class='sf_comment'><p>{_REPLY}.</p></div><div class='sf_comment'><p>{_REPLY} too.</p></div></div>",
    f"<section class='kommentare'><p>{_REPLY}.</p><p>{_REPLY} too.</p></section>",
    f"<ol class='lista-comentarios'><li><p>{_REPLY}.</p></li><li><p>{_REPLY} too.</p></li></ol>",
])
def test_readers_comments_under_a_post_are_cut_whatever_the_thread_is_called(thread: str) -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry adds sailings</title></head><body><div class='page'><div class='main has-comments'>"
            f"<h1>Ferry adds sailings</h1><div>{body}</div><span class='comments-count'>2</span>{thread}"
            "</div></div></body></html>")
    record = _record(page, "https://harbourferries.example/2026/11/ferry-adds-sailings.html")
    assert record.text.split("\n") == _FERRY
    assert "html.comments" in {r.rule for r in record.removed}


_SIGN_UP = "Never miss a story from the harbour desk: join our weekly newsletter today"


@pytest.mark.parametrize("dialog", [f"<div class='tipus_popup_holder'><h2>Sign up</h2><p>{_SIGN_UP}</p></div>",
                                    f"<div class='modal fade'><form><p>{_SIGN_UP}</p></form></div>",
                                    f"<dialog><p>{_SIGN_UP}</p></dialog>",
                                    f"<section role='dialog' aria-label='Newsletter'><p>{_SIGN_UP}</p></section>",
                                    f"<div id='newsletter-popup'><p>{_SIGN_UP}</p></div>"])
def test_a_dialog_a_script_opens_over_the_page_is_cut(dialog: str) -> None:
    record = _ferry_blog_post(dialog, at=2)
    assert record.text.split("\n") == _FERRY
    assert [r.rule for r in record.removed] == ["html.dialog"] and _SIGN_UP in record.removed[0].text


@pytest.mark.parametrize("kept", ["<div class='popular-note'><p>{}</p></div>", "<p><a class='open-popup' href='#m'>{}</a></p>",
                                  "<div class='modalities'><p>{}</p></div>"])
def test_a_block_that_only_names_a_popup_in_passing_stays(kept: str) -> None:
    line = "The timetable for the winter months will be printed in the harbour office window."
    assert _ferry_blog_post(kept.format(line)).text.split("\n") == [*_FERRY, line]


@pytest.mark.parametrize("hidden", ["<div style='display:none'>cheap casino bonus free spins best casino online</div>",
                                    "<p style='Visibility: Hidden'>cheap casino bonus free spins best casino online</p>",
                                    "<span hidden>cheap casino bonus free spins best casino online</span>",
                                    # the classes frameworks hide an element with, whatever the stylesheet
                                    "<div class='referenced-item hide'>cheap casino bonus free spins best casino online</div>",
                                    "<p class='d-none'>cheap casino bonus free spins best casino online</p>",
                                    "<span class='screen-reader-text'>cheap casino bonus free spins best casino online</span>"])
def test_text_a_reader_never_sees_is_cut_from_a_posts_body(hidden: str) -> None:
    record = _ferry_blog_post(hidden, at=2)
    assert record.text.split("\n") == _FERRY
    assert [(r.rule, r.text) for r in record.removed] == [("html.hidden", "cheap casino bonus free spins best casino online")]


@pytest.mark.parametrize("at", [0, 2])
@pytest.mark.parametrize("residue", [
    "<p><a href='https://ift.tt/2RpVTP6'>https://ift.tt/2RpVTP6</a></p>",
    "<p>from Hacker News <a href='https://ift.tt/36D7NLV'>https://ift.tt/36D7NLV</a></p>",
    "<p>World - Latest - Google News</p>",
    "<p>Let's block ads! (Why?)</p>",
])
def test_an_applets_lines_above_the_post_or_between_its_entries_are_cut(residue: str, at: int) -> None:
    record = _ferry_blog_post(residue, at=at)
    assert record.text.split("\n") == _FERRY
    assert record.source.chain and set(record.source.chain) <= {"ifttt", "google-news", "fivefilters"}


_DEPOT = ["The town council voted on Wednesday to turn the old rail depot into a covered market with sixty stalls.",
          "Councillors said the market would open in the autumn of next year and would be run by a trust of traders.",
          "The depot has stood empty since 2009, when the last freight trains stopped using the branch line.",
          "A survey found that the roof and the iron columns were sound, which kept the cost of the work down.",
          "Traders who want a stall can apply from January, and rents will be lower for the first two years."]
_DEPOT_SIDE = ("<div class='sidebar'><h3>Recent Posts</h3><ul><li><a href='/a'>Bridge repairs finish early</a></li>"
               "<li><a href='/b'>School wins robotics prize</a></li></ul></div>")


def _depot_page(body: str) -> str:
    return ("<html><head><title>Depot to become market | Riverside Voice</title></head><body><div id='header'>"
            "<a href='/'>Riverside Voice</a></div>" + body + _DEPOT_SIDE + "<div id='footer'><p>Privacy policy and "
            "terms of use of the Riverside Voice website.</p></div></body></html>")


@pytest.mark.parametrize(("body", "lines"), [
    # a post in a container trafilatura knows by no name: its search of the page takes paragraphs
    # only, and dropped the subheading and the list between them
    ("<div class='single'><h1>Depot to become market</h1>" + "".join(f"<p>{x}</p>" for x in _DEPOT[:2])
     + f"<h2>What happens next</h2><ul><li>{_DEPOT[2]}</li><li>{_DEPOT[3]}</li></ul><p>{_DEPOT[4]}</p></div>",
     [*_DEPOT[:2], "What happens next", f"- {_DEPOT[2]}", f"- {_DEPOT[3]}", _DEPOT[4]]),
    # the post in two boxes of one class around an ad: trafilatura read the first alone
    ("<div class='article'><h1>Depot to become market</h1><div class='text'>" + "".join(f"<p>{x}</p>" for x in _DEPOT[:3])
     + "</div><div class='ad-slot'><span>Advertisement</span></div><div class='text'>"
     + "".join(f"<p>{x}</p>" for x in _DEPOT[3:]) + "</div></div>", _DEPOT),
    # not put back: a heading over a list of links between the paragraphs, and a list of links
    ("<div class='single'><h1>Depot to become market</h1>" + "".join(f"<p>{x}</p>" for x in _DEPOT[:3])
     + "<h3>More from the town</h3><ul><li><a href='/c'>Bus lane plan</a></li><li><a href='/d'>Pool reopens</a></li></ul>"
     + "".join(f"<p>{x}</p>" for x in _DEPOT[3:]) + "</div>", _DEPOT),
    # not put back: a row of share buttons or of tags between the paragraphs; a list of short points is
    ("<div class='single'>" + "".join(f"<p>{x}</p>" for x in _DEPOT[:2]) + "<ul class='share-buttons'><li><button>"
     "Facebook</button></li><li><button>Twitter</button></li></ul><ul><li>Market</li><li>Rail</li></ul><ul><li>Sixty "
     "stalls</li><li>Run by a trust</li></ul>" + "".join(f"<p>{x}</p>" for x in _DEPOT[2:]) + "</div>",
     [*_DEPOT[:2], "- Sixty stalls", "- Run by a trust", *_DEPOT[2:]]),
    # not put back: a second box of the class that holds a line of tags, not sentences
    ("<div class='article'><div class='text'>" + "".join(f"<p>{x}</p>" for x in _DEPOT)
     + "</div><div class='text'><p>Topics: town, market, rail</p></div></div>", _DEPOT),
    # the post in boxes of one class, each with a container of its part (and a subheading beside it):
    # trafilatura read the first part alone; a bold word keeps its comma
    ("<div class='article'><h1>Depot to become market</h1><div class='part'><div class='fig'><img src='/d.jpg'>"
     "<span>The depot in 2009</span></div><div class='text'>" + "".join(f"<p>{x}</p>" for x in _DEPOT[:3])
     + "</div></div><div class='part last'><h4>What happens next</h4><div class='text'><p>"
     + _DEPOT[3].replace("sound,", "<b>sound</b>,") + f"</p><p>{_DEPOT[4]}</p></div></div></div>",
     [*_DEPOT[:3], "What happens next", *_DEPOT[3:]]),
    # not put back: boxes of the class after a heading of their own, teasers of other posts
    ("<div class='article'><h1>Depot to become market</h1><div class='part'><div class='text'>"
     + "".join(f"<p>{x}</p>" for x in _DEPOT) + "</div></div><h4>More from the town</h4><div class='part'>"
     "<a href='/bus'><h2>Bus lane plan</h2></a><p>The council wants a bus lane on the high street by the summer, "
     "and traders are worried that their deliveries will have to come before seven in the morning.</p></div><div class='part'><a href='/pool'><h2>Pool reopens</h2></a>"
     "<p>The town pool reopened on Saturday after a year of repairs to its roof and its heating, with free swims "
     "for children all through the first week.</p></div></div>", _DEPOT),
])
def test_what_trafilatura_dropped_between_the_paragraphs_it_kept_is_put_back(body: str, lines: list[str]) -> None:
    record = _record(_depot_page(body), f"https://depot{len(body)}.example/2026/03/depot-market.html")
    assert record.text.split("\n") == lines


@pytest.mark.parametrize("url", ["https://listblog.blogspot.com/2026/11/ferry.html", "https://plainlists.example/ferry.html"])
def test_list_items_read_alike_on_every_path(url: str) -> None:
    """A list's items are "- item" lines whether the body is read from the platform's container or
    by trafilatura, so one post copied on two platforms reads the same."""
    body = f"<p>{_FERRY[0]}</p><ul>" + "".join(f"<li>{x}</li>" for x in _FERRY[1:]) + "</ul><ul><li><img src='a.jpg'></li></ul>"
    page = ("<html><head><title>Ferry adds sailings</title><meta content='blogger' name='generator'/></head><body>"
            "<div class='post hentry'><h3 class='post-title entry-title'>Ferry adds sailings</h3>"
            f"<div class='post-body entry-content' id='post-body-1'>{body}</div></div></body></html>")
    if "blogspot" not in url:
        page = page.replace("blogger", "none").replace("post-body entry-content", "story")
    record = _record(page, url)
    assert record.text.split("\n") == [_FERRY[0]] + [f"- {x}" for x in _FERRY[1:]]


@pytest.mark.parametrize("block", [
    "<table><tr><th>Day</th><th>Departs</th></tr><tr><td>Friday</td><td>23:30</td></tr><tr><td>Sunday</td><td>22:00</td></tr></table>",
    "<dl><dt>Departs</dt><dd>23:30</dd><dt>Returns</dt><dd>00:00</dd></dl>",
    "<figure><img src='a.jpg'><figcaption>The ferry at the mainland terminal. Photo: Ann Lee</figcaption></figure>",
    "<div class='wp-caption'><img src='a.jpg'><p class='wp-caption-text'>The ferry at the terminal. Photo: Ann Lee</p></div>",
    "<ul><li>Fridays<ul><li>late sailing</li><li>midnight return</li></ul></li><li>Saturdays</li></ul>",
])
def test_a_post_reads_the_same_from_its_platforms_container_and_through_trafilatura(block: str) -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY[:2]) + block + "".join(f"<p>{x}</p>" for x in _FERRY[2:])
    key = abs(hash(block)) % 10**8
    blogger = _record("<html><head><title>Ferry adds sailings</title><meta content='blogger' name='generator'/></head>"
                      "<body><div class='post hentry'><h3 class='post-title entry-title'>Ferry adds sailings</h3>"
                      f"<div class='post-body entry-content' id='post-body-1'>{body}</div></div></body></html>",
                      f"https://ferry{key}.blogspot.com/2026/11/ferry.html")
    plain = _record("<html><head><title>Ferry adds sailings</title></head><body><div id='nav'><a href='/'>Home</a></div>"
                    f"<div id='main'><h1>Ferry adds sailings</h1><div class='text'>{body}</div></div>"
                    "<div id='footer'>Copyright 2026</div></body></html>", f"https://ferry{key}.example/ferry.html")
    assert blogger.text == plain.text
    assert "Photo: Ann Lee" not in blogger.text and "---" not in blogger.text


_SHOPS = "Shop owners on the quay said they hoped the later sailing would bring evening visitors to the island."


@pytest.mark.parametrize("where", ["first", "middle", "last"])
@pytest.mark.parametrize("div", ["<div>{}</div>", "<div><span>{}</span></div>", "<div><font size='2'>{}</font></div>",
                                 "<div dir='ltr'>{}<br>Source: Island Courier</div>"])
def test_a_paragraph_written_as_a_bare_div_among_p_paragraphs_is_kept(where: str, div: str) -> None:
    """trafilatura reads divs' text only on a page with little <p> text: a paragraph written as a
    bare div among <p>s (a pasted lead, a credit line under the post) was dropped."""
    paragraphs = [f"<p>{x}</p>" for x in _FERRY]
    paragraphs.insert({"first": 0, "middle": 2, "last": 4}[where], div.format(_SHOPS))
    page = ("<html><head><title>Ferry adds sailings - Island Post</title></head><body><div id='nav'><a href='/'>Island Post</a>"
            f"</div><div id='main'><h1>Ferry adds sailings</h1><div class='text'>{''.join(paragraphs)}</div></div>"
            "<div id='footer'>Copyright 2026</div></body></html>")
    lines = _record(page, f"https://isle{abs(hash((where, div))) % 10**8}.example/ferry.html").text.split("\n")
    assert _SHOPS in lines and all(x in lines for x in _FERRY)
    assert lines.index(_SHOPS) == {"first": 0, "middle": 2, "last": 4}[where]


def test_a_compose_boxs_first_paragraph_under_the_posts_picture_is_kept() -> None:
    """A post written as divs (a compose box's paragraphs, blank divs between them) under its picture,
    with a <p> further down (a footer line): its first paragraph, right under the picture, had been
    taken for a caption and dropped."""
    picture = "<div class='separator' style='clear: both; text-align: center;'><a href='p.jpg'><img src='p.jpg'></a></div>"
    # (enough text in <p>s that trafilatura reads only those: the divs must be made paragraphs)
    tail = [_SHOPS, "The harbour master added that the quay lights would be replaced before the first Friday sailing, "
            "and that the waiting room would stay open until the last boat had left the island each evening.",
            "Tickets for the extra sailings can be bought on board or at the kiosk by the slipway, and season passes "
            "issued this year remain valid on every crossing, the operator's statement said at the end."]
    body = picture + "".join(f"<div>{x}</div><div><br></div>" for x in _FERRY) + "".join(f"<p>{x}</p>" for x in tail)
    page = ("<html><head><title>Ferry adds sailings - Island Post</title></head><body><div id='main'>"
            f"<h1>Ferry adds sailings</h1><div class='story-text'>{body}</div></div></body></html>")
    assert _record(page, "https://isle-compose.example/ferry.html").text.split("\n") == [*_FERRY, *tail]


@pytest.mark.parametrize("div", ["<div><a href='/more'>More stories from the island and the harbour</a></div>",
                                 "<div class='separator'><a href='p.jpg'><img src='p.jpg'></a></div>"
                                 "<div style='text-align:center'>The ferry at the mainland terminal last summer.</div>"])
def test_a_link_or_a_pictures_caption_written_as_a_div_among_paragraphs_is_not_made_a_paragraph(div: str) -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY[:2]) + div + "".join(f"<p>{x}</p>" for x in _FERRY[2:])
    page = ("<html><head><title>Ferry adds sailings - Island Post</title></head><body><div id='main'>"
            f"<h1>Ferry adds sailings</h1><div class='text'>{body}</div></div></body></html>")
    assert _record(page, f"https://isle{abs(hash(div)) % 10**8}.example/ferry.html").text.split("\n") == _FERRY


@pytest.mark.parametrize(("line", "date"), [
    ("24 de noviembre de 2026", "2026-11-24"), ("24 ноября 2026, 16:20", "2026-11-24T16:20:00"),
    ("24 listopada 2026", "2026-11-24"), ("24. November 2026", "2026-11-24"), ("24 Kasım 2026", "2026-11-24"),
    ("24 novembre 2026 à 08h30", "2026-11-24T08:30:00"), ("24 Tháng 11, 2026", "2026-11-24"),
    ("24 نوفمبر 2026", "2026-11-24"), ("By Ann Lee | Nov 24, 2026 7:15 pm", "2026-11-24T19:15:00"),
    ("Published: 24.11.2026", "2026-11-24"), ("11/24/2026", "2026-11-24"),
    # either way round, an update, a sentence that mentions a date, no date at all
    ("24 בנובמבר 2026", "2026-11-24"), ("5 मई 2026, 10:30", "2026-05-05T10:30:00"), ("24 नवंबर 2026", "2026-11-24"),
    ("24 พฤศจิกายน 2569", "2026-11-24"), ("วันอังคารที่ 24 พฤศจิกายน พ.ศ. 2569", "2026-11-24"),
    ("24 พฤศจิกายน ค.ศ. 2026", "2026-11-24"),
    # the Solar Hijri calendar's (Persian, Dari) months, in Persian digits too
    ("سه‌شنبه ۲۸ بهمن ۱۴۰۴", "2026-02-17"), ("۱ فروردین ۱۴۰۵ - ۱۰:۳۰", "2026-03-21T10:30:00"),
    ("۲۷ دلو ۱۴۰۴", "2026-02-16"), ("۳۰ اسفند ۱۴۰۴", None), ("٢٤ نوفمبر ٢٠٢٦ ١٠:٣٠", "2026-11-24T10:30:00"),
    ("۲۸ بهمن ۱۴۰۴ ساعت ۱۰:۳۰ ب.ظ", "2026-02-17T22:30:00"),
    # months' short forms: Thai's with dots, Russian, Ukrainian, Turkish, Polish, Italian, Dutch
    ("17 ก.พ. 2569", "2026-02-17"), ("17 เม.ย. 2569 10:30", "2026-04-17T10:30:00"), ("17 февр. 2026", "2026-02-17"),
    ("17 лют. 2026", "2026-02-17"), ("17 Şub 2026", "2026-02-17"), ("17 paź 2026", "2026-10-17"),
    ("17 mag 2026", "2026-05-17"), ("17 mrt 2026", "2026-03-17"),
    # Arabic's Gregorian year mark written on to the year, its morning and evening marks after a time
    ("17 فبراير 2026م", "2026-02-17"), ("الثلاثاء 17 فبراير 2026م - 09:15 م", "2026-02-17T21:15:00"),
    ("17 فبراير 2026 - 10:30 ص", "2026-02-17T10:30:00"), ("17 فبراير 2026 - 12:05 ص", "2026-02-17T00:05:00"),
    ("17 فبراير 2026 - 10:30 مساءً", "2026-02-17T22:30:00"), ("17 فبراير 2026 - 10:30 صباحاً", "2026-02-17T10:30:00"),
    # the Levant's Gregorian months of two words; the Hijri calendar's months, with its year mark "هـ"
    ("17 كانون الثاني 2026", "2026-01-17"), ("الثلاثاء 17 تشرين الأول 2026", "2026-10-17"),
    ("الثلاثاء 29 شعبان 1447 هـ", "2026-02-17"), ("1 رمضان 1447هـ - 10:30 م", "2026-02-18T22:30:00"),
    ("12 ربيع الأول 1447", "2025-09-04"), ("30 شعبان 1447 هـ", None),
    ("منگل، 17 فروری، 2026", "2026-02-17"), ("الثلاثاء، 17 فبراير، 2026", "2026-02-17"),  # (Arabic script's comma) ("24. marraskuuta 2026", "2026-11-24"), ("24. studenoga 2026.", "2026-11-24"),
    ("2026년 11월 24일 오후 3:20", "2026-11-24T15:20:00"), ("2026. 11. 24. 9:15", "2026-11-24T09:15:00"),
    ("2026年11月24日(火) 午後3時20分", "2026-11-24T15:20:00"), ("2026-11-24 12:05 AM", "2026-11-24T00:05:00"),
    # a year an era counts: Japan's (its first year "元年"), the Republic of China's; an era the rules do not know
    ("令和8年11月24日(火) 午後3時20分", "2026-11-24T15:20:00"), ("平成元年1月8日", "1989-01-08"),
    ("民國115年11月24日 09:15", "2026-11-24T09:15:00"), ("天保8年11月24日", None),
    ("۲۴ نوامبر ۲۰۲۶", "2026-11-24"), ("Közzétéve: 2026. november 24.", "2026-11-24"), ("24. novembra 2026", "2026-11-24"), ("24 ноември 2026", "2026-11-24"),
    ("03.04.2026", "2026-04-03"), ("Veröffentlicht: 6.5.2026", "2026-05-06"),  # (dots: day first, everywhere)
    ("03/04/2026", None), ("31.02.2026", None), ("Updated 24 November 2026", None), ("The plant closed on 3 March 2019.", None),
    ("Updated 3 hours ago", None),
])
def test_a_date_line_under_the_heading_in_any_language(line: str, date: str | None) -> None:
    from pipelines.metadata import heading_date

    tree = _parse_page(f"<html><body><h1>Ferry adds sailings</h1><span>{line}</span><p>Body text.</p></body></html>")
    assert heading_date(tree, months=load_rules().months) == date


def test_a_date_alone_in_a_themes_meta_element_dates_the_post() -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry adds sailings</title></head><body><div id='main'><h2>Ferry adds sailings</h2>"
            f"<div class='text'>{body}</div><div class='entry-meta'>Opublikowano 24 listopada 2026</div></div></body></html>")
    assert _record(page, "https://prom.example/ferry.html").published_at.isoformat() == "2026-11-24T00:00:00+00:00"


def _ferry_wp_post(head: str = "", after: str = "", abbr: str = "") -> str:
    """A WordPress post page of _FERRY's paragraphs (read from its entry-content container), with
    `head` in its <head>, `abbr` in its entry header and `after` after its body."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    return (f"<html><head><title>Ferry adds sailings</title>{head}</head><body><article class='post'>"
            f"<header><h1 class='entry-title'>Ferry adds sailings</h1>{abbr}</header>"
            f"<div class='entry-content'>{body}</div>{after}</article></body></html>")


@pytest.mark.parametrize(("abbr", "date"), [
    ("<abbr class='published' title='Dienstag, März 3rd, 2026, 9:10 am'>03.03.2026</abbr>", "2026-03-03T09:10:00+00:00"),
    ("<abbr class='published' title='le 3 mars 2026'>3/3</abbr>", "2026-03-03T00:00:00+00:00"),
    ("<abbr class='published' title='2026-03-03T09:10:00+01:00'>3 March</abbr>", "2026-03-03T08:10:00+00:00"),
])
def test_an_old_themes_published_abbr_written_out_in_words_dates_the_post(abbr: str, date: str) -> None:
    """Old themes (Sandbox, Thematic) put the post's date in <abbr class="published" title=…>, some in
    words ("Sonntag, Dezember 16th, 2012, 7:05 pm"): that is read as a date, not left unparsed (the
    record had no date at all)."""
    record = _record(_ferry_wp_post(abbr=abbr), "https://prom.example/ferry/")
    assert record.published_at.isoformat() == date


def test_a_date_in_a_post_footer_cut_as_a_box_still_dates_the_post() -> None:
    """A theme's post footer ("Dieser Artikel wurde am … von … geschrieben und unter … eingeordnet") is
    cut with the share buttons it holds; its date is read before the cut."""
    footer = ("<div class='post-footer'>Dieser Artikel wurde am 3. März 2026 um 09:10 von <a href='/author/ina/'>Ina</a>"
              " geschrieben und unter <a href='/c/faehre/' rel='category tag'>Fähre</a> eingeordnet."
              " <a href='#comments'>Kommentare (2)</a></div>")
    record = _ferry_blog_post(footer)
    assert "Dieser Artikel" not in record.text
    assert record.published_at.isoformat() == "2026-03-03T09:10:00+00:00"


def test_a_date_only_in_a_meta_tag_we_do_not_read_is_found_by_htmldate() -> None:
    """A page read from its container whose date is in none of the fields we read (here a
    Dublin Core tag): htmldate's date of the page."""
    page = _ferry_wp_post(head="<meta name='DC.date.issued' content='2026-03-03'>")
    assert _record(page, "https://prom.example/ferry/").published_at.isoformat() == "2026-03-03T00:00:00+00:00"
    assert _record(_ferry_wp_post(), "https://prom.example/ferry/").published_at is None


def _blogger_day_page(headers: str, footer: str = "") -> str:
    """A classic Blogger post page whose theme hides the post's time: its date header(s) over the post."""
    return ("<html><head><meta name='generator' content='blogger'><title>Kanal Haberleri: Feribot seferleri</title>"
            "</head><body><div class='blog-posts hfeed'>" + headers +
            "<div class='post-outer'><div class='post hentry'><h3 class='post-title entry-title'>Feribot seferleri</h3>"
            "<div class='post-body entry-content' id='post-body-77'>Ada feribotu yaz tarifesine pazartesi günü geçiyor ve "
            "sabah seferleri yarım saat erken başlıyor.<br>Belediye yeni iskelenin de haziran sonunda açılacağını "
            "söyledi.</div><div class='post-footer'>" + footer + "</div></div></div></div></body></html>")


@pytest.mark.parametrize(("headers", "published"), [
    # the header in the blog's language, with the weekday; a year-first one; an English one
    ("<h2 class='date-header'><span>Salı, 17 Şubat 2026</span></h2>", "2026-02-17T00:00:00+00:00"),
    ("<h2 class='date-header'><span>الثلاثاء، 17 فبراير 2026</span></h2>", "2026-02-17T00:00:00+00:00"),
    ("<h2 class='date-header'><span>2026年2月17日火曜日</span></h2>", "2026-02-17T00:00:00+00:00"),
    ("<h2 class='date-header'><span>令和8年2月17日火曜日</span></h2>", "2026-02-17T00:00:00+00:00"),
    ("<h2 class='date-header'><span>Tuesday, February 17, 2026</span></h2>", "2026-02-17T00:00:00+00:00"),
])
def test_a_blogger_date_header_in_any_language_dates_a_post_that_shows_no_time(headers: str, published: str) -> None:
    """htmldate reads the month names of a few languages only: a Blogger post in Arabic or Japanese whose
    theme hides its timestamp had no date, though its date header wrote it in words the month lists know."""
    url = "https://kanal-haber.blogspot.com/2026/02/feribot.html"
    from pipelines.normalize import to_utc

    assert to_utc(read_meta(_parse_page(_blogger_day_page(headers)), url).published).isoformat() == published
    assert _record(_blogger_day_page(headers), url).published_at.isoformat() == published


@pytest.mark.parametrize("headers", [
    # two days' headers (an index page's way) say nothing of the post; nor does one in a box of other
    # posts, or one that names no day
    "<h2 class='date-header'>17 Şubat 2026</h2><h2 class='date-header'>16 Şubat 2026</h2>",
    "<div class='popular-posts'><h2 class='date-header'>17 Şubat 2026</h2></div>",
    "<h2 class='date-header'><span>Salı</span></h2>",
])
def test_a_date_header_that_is_not_the_posts_alone_gives_no_date(headers: str) -> None:
    page = _parse_page(_blogger_day_page(headers))
    assert read_meta(page, "https://kanal-haber.blogspot.com/2026/02/feribot.html").published is None


def test_a_date_header_is_read_on_blogger_pages_alone() -> None:
    """Another platform's theme may name any box "date-header" (an archive widget's): its day is no post's."""
    page = _blogger_day_page("<h2 class='date-header'><span>Salı, 17 Şubat 2026</span></h2>").replace(
        "content='blogger'", "content='WordPress 6.5'")
    assert read_meta(_parse_page(page), "https://kanal-haber.example/2026/02/feribot/").published is None


def test_a_blogger_timestamp_dates_the_post_before_its_date_header() -> None:
    stamp = ("<a class='timestamp-link' href='#'><abbr class='published' itemprop='datePublished' "
             "title='2026-02-17T09:40:00+03:00'>09:40</abbr></a>")
    record = _record(_blogger_day_page("<h2 class='date-header'><span>Salı, 17 Şubat 2026</span></h2>", stamp),
                     "https://kanal-haber.blogspot.com/2026/02/feribot.html")
    assert record.published_at.isoformat() == "2026-02-17T06:40:00+00:00"


@pytest.mark.parametrize(("times", "published"), [
    ("<time datetime='2026-03-05T08:30:00+02:00'>5 March</time>", "2026-03-05T06:30:00+00:00"),
    # a recent-posts widget's time on the same day is another post's
    ("<time datetime='2026-03-05T08:30:00Z'>5 March</time>"
     "<aside class='widget'><time datetime='2026-03-05T17:00:00Z'>5 March</time></aside>", "2026-03-05T08:30:00+00:00"),
    # two times of the day in the post: which is the post's is not known, the day is
    ("<time datetime='2026-03-05T08:30:00Z'>5 March</time> <time datetime='2026-03-05T17:00:00Z'>(17:00)</time>",
     "2026-03-05T00:00:00+00:00"),
])
def test_a_time_element_gives_the_time_of_the_day_htmldate_dates_the_post(times: str, published: str) -> None:
    """htmldate gives the day alone; the page's one <time> of that day (outside sidebars) gives its
    time and zone too."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry adds sailings</title></head><body><div id='nav'><a href='/'>Home</a></div>"
            f"<div class='post'><h1>Ferry adds sailings</h1>{times}<div class='text'>{body}</div></div></body></html>")
    record = _record(page, f"https://times{abs(hash(times)) % 10**8}.example/ferry.html")
    assert record.published_at.isoformat() == published
    assert all(x in record.text.split("\n") for x in _FERRY)


@pytest.mark.parametrize(("line", "published"), [
    ("Publié le 5 mars 2026 à 14h05 par Ina Morel", "2026-03-05T14:05:00+00:00"),
    ("Veröffentlicht am 5. März 2026, 14:05 Uhr, von Ina Morel", "2026-03-05T14:05:00+00:00"),
    # a line of the day without a time: the day
    ("Publié le 5 mars 2026 par Ina Morel", "2026-03-05T00:00:00+00:00"),
])
def test_a_byline_gives_the_time_of_the_day_the_page_is_dated(line: str, published: str) -> None:
    """A page dated by its visible text alone (no metadata, no <time>) gets the day from htmldate and
    its time from the byline that prints both."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry adds sailings</title></head><body><div id='nav'><a href='/'>Home</a></div>"
            f"<div class='post'><h1>Ferry adds sailings</h1><p class='info'>{line}</p><div class='text'>{body}</div>"
            "</div></body></html>")
    record = _record(page, f"https://line{abs(hash(line)) % 10**8}.example/ferry.html")
    assert record.published_at.isoformat() == published
    assert all(x in record.text.split("\n") for x in _FERRY)


@pytest.mark.parametrize(("meta", "date"), [
    ("<div class='post-footer'>Publié le 3 mars 2026 par Ina dans Ferry. 2 commentaires</div>", "2026-03-03"),
    ("<footer class='entry-footer'>Dieser Beitrag wurde am Dienstag, 3. März 2026 veröffentlicht.</footer>", "2026-03-03"),
    ("<div class='post-footer'>Aktualisiert am 5. März 2026, zuerst am 3. März 2026 erschienen.</div>", None),
    # a recent-posts widget marks its dates like a post's meta line
    ("<aside class='widget'><ul><li>Other post <span class='post-date'>1 March 2026</span></li></ul></aside>", None),
    ("<div id='sidebar'><div class='post-meta'>1 March 2026</div></div>", None),
])
def test_a_date_near_the_start_of_a_themes_meta_sentence_in_any_language(meta: str, date: str | None) -> None:
    from pipelines.metadata import meta_lines, posted_on_date

    tree = _parse_page(f"<html><body><h2>Headline</h2><div class='entry'><p>Body text.</p>{meta}</div></body></html>")
    assert posted_on_date(meta_lines(tree), load_rules().months) == date


@pytest.mark.parametrize(("above", "date"), [
    ("<div class='detailheader'>14.06.2026 (ch) <span class='rating'>3 of 5</span></div>", "2026-06-14T00:00:00+00:00"),
    ("<p class='kicker-date'>June 14, 2026</p>", "2026-06-14T00:00:00+00:00"),
    # an update's line, a month's heading, or a sentence above the headline: no date
    ("<div>Updated June 14, 2026</div>", None), ("<h2>June 2026</h2>", None),
    # a date header as a heading (Blogger's h2 class="date-header"), read off the head of the text
    ("<h2>June 14, 2026</h2>", "2026-06-14T00:00:00+00:00"),
    ("<p>The harbour closed on June 14, 2026, after the storm, and the council said it would reopen soon.</p>", None),
])
def test_a_short_date_line_just_above_the_headline_dates_the_post(above: str, date: str | None) -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = (f"<html><head><title>Ferry adds sailings</title></head><body><div id='nav'><a href='/'>Home</a></div>"
            f"<div id='content'>{above}<h1 class='detail'>Ferry adds sailings</h1><div class='detail'>{body}</div></div>"
            "</body></html>")
    published = _record(page, "https://ferrynews.example/ferry-adds-sailings").published_at
    assert (published.isoformat() if published else None) == date


def test_the_date_line_under_a_post_title_set_below_a_section_heading_dates_the_post() -> None:
    """A club's news page: its <h1> is the section ("News"), the post's title an <h3> with the date
    line under it. The line after the section's heading was read, and held no date."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry club</title></head><body><div id='nav'><a href='/'>Home</a></div>"
            "<h1>News</h1><div class='intro'>What the club has been up to.</div><div class='post'>"
            "<h3 class='newstitle entry-title'>Ferry adds sailings</h3><p class='copyright'>Mai 06 2026</p>"
            f"<div class='text'>{body}</div></div></body></html>")
    assert _record(page, "https://ferryclub.example/news/119843/ferry").published_at.isoformat() == "2026-05-06T00:00:00+00:00"


@pytest.mark.parametrize("headline", ["<div class='h'>Ferry adds sailings</div>", "<p><b>Ferry adds sailings</b></p>"])
def test_the_date_line_under_a_headline_set_in_no_heading_dates_the_post(headline: str) -> None:
    """A hand-made autoblog template sets its headline in a div, no <h1> anywhere, with the date line
    under it: the page had no date (trafilatura's own date search found it; ours looked only under
    headings)."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry adds sailings</title></head><body><div class='c1'><a href='/'>Ferry News</a></div>"
            f"<div class='c2'><div class='c3'>{headline}<div class='d'>March 3, 2026</div>{body}</div>"
            "<div class='c4'><b>Trending</b><br><a href='/1'>Ten tips for a greener garden</a></div></div></body></html>")
    assert _record(page, "https://ferrynews-plain.example/ferry-adds-sailings").published_at.isoformat() == \
        "2026-03-03T00:00:00+00:00"


def test_a_month_name_two_languages_read_differently_keeps_its_first_reading() -> None:
    from pipelines.metadata import named_date
    from pipelines.rules import load_rules

    months = load_rules(()).months
    assert named_date("24 listopada 2026", months) == "2026-11-24"  # Polish November, not Croatian October
    assert named_date("24. prosinca 2026.", months) == "2026-12-24"  # (Croatian's other months are read)


@pytest.mark.parametrize("table", ["months", "solar_hijri_months", "hijri_months"])
def test_a_months_table_needs_twelve_months(tmp_path, table: str) -> None:
    from pipelines.rules import RuleError, load_rules

    (tmp_path / "m.toml").write_text(f'[{table}]\nxx = ["one", "two"]\n', encoding="utf-8")
    with pytest.raises(RuleError, match=f"{table}.xx: twelve months"):
        load_rules((str(tmp_path),))


@pytest.mark.parametrize(("calendar", "date", "day"), [
    # the Solar Hijri calendar: the first of Farvardin (Nowruz) on either side of a leap year; a leap
    # year's last day
    ("solar_hijri", (1399, 1, 1), "2020-03-20"), ("solar_hijri", (1400, 1, 1), "2021-03-21"),
    ("solar_hijri", (1403, 1, 1), "2024-03-20"), ("solar_hijri", (1404, 1, 1), "2025-03-21"),
    ("solar_hijri", (1403, 12, 30), "2025-03-20"), ("solar_hijri", (1404, 11, 28), "2026-02-17"),
    ("solar_hijri", (1404, 7, 1), "2025-09-23"), ("solar_hijri", (1300, 1, 1), "1921-03-21"),
    # no such day: the 30th of Esfand of a common year, the 31st of a month of the second half
    ("solar_hijri", (1404, 12, 30), None), ("solar_hijri", (1404, 7, 31), None), ("solar_hijri", (1404, 13, 1), None),
    ("solar_hijri", (1299, 1, 1), None),
    # the Hijri calendar: the first of Ramadan 1447, of Shawwal 1446, the last of Sha'ban 1447 (a month
    # of 29 days), the first and last years the Umm al-Qura calendar's table holds
    ("hijri", (1447, 9, 1), "2026-02-18"), ("hijri", (1446, 10, 1), "2025-03-30"), ("hijri", (1447, 8, 29), "2026-02-17"),
    ("hijri", (1343, 1, 1), "1924-08-01"), ("hijri", (1500, 12, 29), "2077-11-15"),
    ("hijri", (1447, 8, 30), None), ("hijri", (1447, 13, 1), None), ("hijri", (1342, 12, 29), None),
    ("hijri", (1501, 1, 1), None),
])
def test_a_date_of_another_calendar_is_its_gregorian_day(calendar: str, date: tuple[int, int, int], day: str | None) -> None:
    from pipelines import metadata

    found = getattr(metadata, f"{calendar}_day")(*date)
    assert (found.isoformat() if found else None) == day


def test_a_user_table_of_solar_hijri_months_reads_its_dates_in_that_calendar(tmp_path) -> None:
    from pipelines.metadata import named_date
    from pipelines.rules import load_rules

    (tmp_path / "m.toml").write_text('[solar_hijri_months]\nxx = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", '
                                     '"m9", "m10", "m11", "zzmonth"]\n', encoding="utf-8")
    assert named_date("29 zzmonth 1404", load_rules((str(tmp_path),)).months) == "2026-03-20"


def test_a_user_table_of_eras_reads_the_years_they_count(tmp_path) -> None:
    from pipelines.metadata import year_first
    from pipelines.rules import RuleError, load_rules

    (tmp_path / "eras.toml").write_text('[eras]\nja-old = { "大正" = 1912 }\n', encoding="utf-8")
    eras = load_rules((str(tmp_path),)).months.eras
    assert year_first("大正15年3月3日", eras) == "1926-03-03" and year_first("令和8年3月3日", eras) == "2026-03-03"
    (bad := tmp_path / "bad").mkdir()
    (bad / "eras.toml").write_text('[eras]\nja-old = { "大正" = "1912" }\n', encoding="utf-8")
    with pytest.raises(RuleError, match="eras.ja-old: an era's name = the Gregorian year that was its first"):
        load_rules((str(bad),))


@pytest.mark.parametrize("line", ["Published: 17 februaro 2026", "Publikigita 17 februaro 2026 de Ana Verda"])
def test_a_user_table_of_months_dates_the_post_from_a_date_line_in_the_text(tmp_path, line: str) -> None:
    """A language a user's months table adds dates a post whose only date is a line of its text, as
    it does one whose date is in its metadata: the line's date was read with the package's months
    alone, so it was cut and lost."""
    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    (tmp_path / "eo.toml").write_text(
        '[months]\neo = ["januaro", "februaro", "marto", "aprilo", "majo", "junio", "julio", "aŭgusto", "septembro", '
        '"oktobro", "novembro", "decembro"]\n\n[[line]]\nid = "user.eo-date"\n'
        "pattern = '''publikigita (?P<published>\\d{1,2} \\w+ \\d{4}) de (?P<author>[\\w ]+)'''\n",
        encoding="utf-8")
    paragraphs = "".join(f"<p>{s}</p>" for s in (
        "La norda urbo malfermis novan publikan bibliotekon en la malnova stacidomo marde, post du jaroj da laboro.",
        "La urbestro diris, ke la biblioteko havas legoĉambron por infanoj kaj studejon, kiu restas malferma ĝis noktomezo.",
        "Loĝantoj povas ricevi membrokarton senpage ĉe la giĉeto en la unua etaĝo ekde hodiaŭ, laŭ la anonco."))
    page = (f"<html lang='eo'><head><title>La urbo malfermas novan bibliotekon</title></head><body><article>"
            f"<h1>La urbo malfermas novan bibliotekon</h1>{paragraphs}<p>{line}</p></article></body></html>")
    url = "https://urbo.example.org/2026/02/biblioteko.html"
    raw = RawPost(url=url, blog=BlogInfo(url="https://urbo.example.org/", host="urbo.example.org"), via="page",
                  html=page, fetched_at="2026-03-01T00:00:00+00:00")
    record = finish_post(raw, run_extract(raw, ExtractOptions(rules_dirs=(str(tmp_path),))), "t", CopyIndex())
    assert line not in record.text and record.published_at.date().isoformat() == "2026-02-17"


@pytest.mark.parametrize(("byline", "author"), [
    ("<p>By Ann Lee | November 24, 2026</p>", "Ann Lee"), ("<p>Автор: Иван Петров</p>", "Иван Петров"),
    ("<p>Yazar: Ayşe Yılmaz</p>", "Ayşe Yılmaz"), ("<p>Tác giả: Nguyễn Văn An</p>", "Nguyễn Văn An"),
    ("<p>作者：李明</p>", "李明"), ("<div class='meta'>Posted on May 12, 2026 by Jane Doe</div>", "Jane Doe"),
    ("<div class='byline'>Author: Ann Lee</div>", "Ann Lee"), ("<div class='byline'>Autor: Jan Kowalski</div>", "Jan Kowalski"),
    ("<div class='byline'>Ann Lee, Staff Writer</div>", "Ann Lee"), ("<div class='byline'>by editor</div>", "editor"),
    ("<p>By Ann Lee (ann@ledger.example)</p>", "Ann Lee"), ("<p>By Ann Lee ann@ledger.example | March 5, 2026</p>", "Ann Lee"),
    ("<p>লেখক: রহিম উদ্দিন</p>", "রহিম উদ্দিন"), ("<p>تحریر: احمد علی</p>", "احمد علی"),
    ("<p>द्वारा: राहुल शर्मा</p>", "राहुल शर्मा"), ("<p>Na Juma Mwinyi</p>", "Juma Mwinyi"),
    ("<p>Ni Juan dela Cruz</p>", "Juan dela Cruz"),
    ("<p>Door prizes at the fair</p>", None),
])
def test_the_byline_under_the_heading_names_the_author_in_any_language(byline: str, author: str | None) -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry adds sailings</title></head><body><div id='nav'><a href='/'>Home</a></div>"
            f"<div id='main'><h1>Ferry adds sailings</h1>{byline}<div class='text'>{body}</div></div></body></html>")
    record = _record(page, f"https://byline{abs(hash(byline)) % 10**8}.example/ferry.html")
    assert record.author == author
    assert record.text.split("\n") == _FERRY


@pytest.mark.parametrize(("header", "author", "published"), [
    ("<div class='post-meta'>By Ann Lee · 4 min read</div>", "Ann Lee", None),
    ("<div class='meta'><span>By Ann Lee</span> <span>March 5, 2026</span></div>", "Ann Lee", "2026-03-05"),
    ("<div class='meta'><span>By Ann Lee</span> <span>5 March 2026</span></div>", "Ann Lee", "2026-03-05"),
    ("<p>Published March 5, 2026 by Ann Lee</p>", "Ann Lee", "2026-03-05"),
])
def test_the_byline_in_the_articles_own_header_above_a_known_body_names_the_author(header: str, author: str,
                                                                                   published: str | None) -> None:
    """A theme's <header> inside the <article>, over the entry-content body, is the post's own (its
    heading, byline and date), not the page's masthead; the date may follow the name with no mark
    between, as two spans give it."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry adds sailings – Harbour Notes</title></head><body>"
            "<header class='site-header'><a href='/'>Harbour Notes</a><nav><a href='/'>Home</a></nav></header>"
            f"<main><article class='post'><header class='entry-header'><h1 class='entry-title'>Ferry adds sailings</h1>"
            f"{header}</header><div class='entry-content'>{body}</div></article></main></body></html>")
    record = _record(page, f"https://header{abs(hash(header)) % 10**8}.example/2026/03/ferry.html")
    assert record.author == author
    assert (record.published_at.date().isoformat() if record.published_at else None) == published
    assert record.text.split("\n") == _FERRY


@pytest.mark.parametrize("title", [
    "Harbour Notes - Ferry adds late sailings", "Harbour Notes | Ferry adds late sailings",
    "Ferry adds late sailings – Harbour Notes – Local news for the bay", "Harbour Notes: Ferry adds late sailings",
    "Harbour Notes » Blog Archive » Ferry adds late sailings", "Ferry adds late sailings | Page 2 | Harbour Notes",
    "Ferry adds late sailings :: Harbour Notes",
])
def test_a_page_without_a_heading_is_titled_from_its_title_less_the_sites_name(title: str) -> None:
    """The site's name is the text of the link home that is a part of the <title>; the headline is
    the rest (not the site's name that trafilatura may take from a "Site - Headline" <title>)."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = (f"<html><head><title>{title}</title></head><body><div id='head'><a href='/'>Harbour Notes</a></div>"
            f"<div id='main'><div class='text'>{body}</div></div></body></html>")
    record = _record(page, f"https://notes{abs(hash(title)) % 10**8}.example/ferry.html")
    assert (record.title, record.blog.name) == ("Ferry adds late sailings", "Harbour Notes")


@pytest.mark.parametrize(("logo", "name"), [
    ("<img src='/logo.png' alt='Harbour Notes'>", "Harbour Notes"),
    # a logo whose alt is no part of the <title> ("logo"), or a logo linking elsewhere: no name
    ("<img src='/logo.png' alt='logo'>", None),
])
def test_a_themes_logo_linking_home_names_the_blog_by_its_alt_when_the_title_holds_it(logo: str, name: str | None) -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = (f"<html><head><title>Ferry adds late sailings \u2013 Harbour Notes</title></head><body><div class='jeg_header'>"
            f"<a href='https://other.example/'>{logo}</a><a href='/'>{logo}</a><a href='/'>Home</a></div>"
            f"<h1>Ferry adds late sailings</h1><div class='text'>{body}</div></body></html>")
    assert read_meta(_parse_page(page), "https://logo.example/ferry/").site_name == name
    elsewhere = page.replace("<a href='/'>", "<a href='/about/'>")
    assert read_meta(_parse_page(elsewhere), "https://logo.example/ferry/").site_name is None


def test_the_blogs_name_between_the_headline_and_the_publisher_is_cut_from_the_title() -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = ("<html><head><title>Ferry adds late sailings - Harbour Notes - Reuters</title></head><body>"
            f"<div id='head'><a href='/'>Harbour Notes</a></div><div id='main'><div class='text'>{body}</div></div></body></html>")
    record = _record(page, "https://notes-reuters.example/ferry.html")
    assert (record.title, record.source.publisher) == ("Ferry adds late sailings", "Reuters")


@pytest.mark.parametrize("head", [
    "<meta property='article:section' content='Transport'><meta property='article:tag' content='ferries'>",
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Ferry\", "
    "\"articleSection\": [\"Transport\"], \"keywords\": \"ferries, Transport\"}</script>",
])
def test_a_page_that_links_no_labels_takes_those_its_head_declares(head: str) -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = (f"<html><head><title>Ferry adds sailings</title>{head}</head><body><div id='main'><h1>Ferry adds sailings</h1>"
            f"<div class='text'>{body}</div></div></body></html>")
    assert _record(page, f"https://labels{abs(hash(head)) % 10**8}.example/ferry.html").labels == ["Transport", "ferries"]


@pytest.mark.parametrize(("page", "gone"), [
    ("<html><head><title>Account Suspended</title></head><body><h1>Account Suspended</h1>"
     "<p>This Account has been suspended.</p><p>Contact your hosting provider for more information.</p></body></html>", True),
    ("<html><head><title>Blogger: Blog not found</title></head><body><h1>Sorry, the blog at harbournews.blogspot.com has "
     "been removed. This address is not available for new blogs.</h1></body></html>", True),
    ("<html><head><title>Harbour Notes &#8212; Site is no longer available</title></head><body><h1>harbournotes.wordpress"
     ".com is no longer available.</h1><p>This site has been archived or suspended for a violation of our Terms of "
     "Service.</p></body></html>", True),
    ("<html><head><title>harbournotes.com - This domain may be for sale!</title></head><body><h1>harbournotes.com</h1>"
     "<p>Buy this domain.</p><p>Related searches: Ferry Tickets, Island Holidays</p></body></html>", True),
    # a post about a suspended account is no notice
    ("<html><head><title>Senator's account suspended after hack</title></head><body><h1>Senator's account suspended "
     "after hack</h1><p>The senator's social media account was suspended on Tuesday after a hacker posted from it, "
     "his office said.</p></body></html>", False),
])
def test_a_site_that_says_it_is_gone_gives_a_site_gone_reject(page: str, gone: bool) -> None:
    """A suspended hosting account, a blog its platform removed, a parked domain: every post's
    address serves the notice with status 200, which became a record of it."""
    from pipelines.extraction import ExtractError, ExtractOptions, extract_post
    from pipelines.rules import load_rules
    from schemas.raw import BlogInfo, RawPost

    raw = RawPost(url="https://notes.example/2026/11/ferry.html", blog=BlogInfo(url="https://notes.example/", host="notes.example"),
                  via="page", html=page)
    if gone:
        with pytest.raises(ExtractError) as err:
            extract_post(raw, load_rules(), ExtractOptions())
        assert err.value.reason == "site_gone"
    else:
        assert "hacker" in extract_post(raw, load_rules(), ExtractOptions()).text


@pytest.mark.parametrize(("refresh", "reason"), [
    ("0;url=https://best-offers.example/landing?id=77", "redirect_offsite"),
    ("0; URL='/'", "redirect_to_home"),
    ("1;url=/2026/11/ferry-fares-2.html", "empty_text"),
    ("300", None),  # a news page that reloads itself every five minutes
    ("30; url=https://best-offers.example/", None),  # (not at once: the reader sees the page)
])
def test_a_saved_page_that_only_sends_its_reader_on_is_a_reject_by_where_it_points(refresh: str,
                                                                                 reason: str | None) -> None:
    """A splog's post page that is a meta refresh to a landing page ("Redirecting...") was a record of
    "Redirecting..." when read offline; a crawl follows the refresh and judges where it lands."""
    from pipelines.extraction import ExtractError, ExtractOptions, extract_post
    from pipelines.rules import load_rules
    from schemas.raw import BlogInfo, RawPost

    page = (f"<html><head><meta http-equiv='Refresh' content=\"{refresh}\"><title>Loading...</title></head>"
            "<body><p>Redirecting...</p></body></html>")
    raw = RawPost(url="https://islanddaily.example/2026/11/ferry-fares.html",
                  blog=BlogInfo(url="https://islanddaily.example/", host="islanddaily.example"), via="file", html=page)
    if reason is None:
        assert extract_post(raw, load_rules(), ExtractOptions()).text == "Redirecting..."
    else:
        with pytest.raises(ExtractError) as err:
            extract_post(raw, load_rules(), ExtractOptions())
        assert err.value.reason == reason and "meta refresh" in err.value.detail


_TREES = ["The city planted its thousandth new street tree on Saturday, two years ahead of the council's target.",
          "Most of the trees are native oaks and limes, chosen because they cope well with dry summers and salted roads.",
          "Residents can ask for a tree outside their home on the council's website; the waiting list is four months."]


def _trees_page(body: str, layout: str, side: str = "") -> tuple[str, str]:
    """A page about the trees and its address: a Blogger post ("blogger"), or a page whose text box has
    the class `layout`, with `side` beside it."""
    key = abs(hash((body, layout))) % 10**8
    if layout == "blogger":
        return ("<html><head><title>Trees</title><meta content='blogger' name='generator'/></head><body>"
                "<div class='post hentry'><h3 class='post-title entry-title'>Trees</h3>"
                f"<div class='post-body entry-content' id='post-body-1'>{body}</div></div></body></html>",
                f"https://trees{key}.blogspot.com/2026/11/trees.html")
    return (f"<html><head><title>Trees</title></head><body><div id='main'><h1>Trees</h1><div class='{layout}'>"
            f"{body}</div></div>{side}</body></html>", f"https://trees{key}.example/trees.html")


@pytest.mark.parametrize("cloak", [
    "<style>.hl{display:none}</style><div class='hl'><a href='https://pills.example/'>cheap pills online</a> "
    "<a href='https://casino.example/'>best casino bonus</a></div>",
    "<style>#seo { position: absolute; left: -9999px }</style><p id='seo'>cheap pills online best casino bonus</p>",
    "<p style='position:absolute;top:-5000px'>cheap pills online best casino bonus</p>",
    "<span style='font-size:0'>cheap pills online best casino bonus</span>",
    "<p hidden>cheap pills online best casino bonus</p>",
    "<p style='opacity: 0'>cheap pills online best casino bonus</p>",
    "<p style='color:transparent'>cheap pills online best casino bonus</p>",
    "<div style='width:0;height:0;overflow:hidden'>cheap pills online best casino bonus</div>",
    "<div style='width:1px;height:1px;overflow:hidden'>cheap pills online best casino bonus</div>",
    "<p style='position:absolute;clip:rect(0 0 0 0)'>cheap pills online best casino bonus</p>",
    "<p style='font-size:1px'>cheap pills online best casino bonus</p>",
    "<style>.fade{opacity:0}</style><p class='fade'>cheap pills online best casino bonus</p>",
    "<style>@import url(x.css); .z{color:red}</style><style>.b{display:none} .b{display:block}</style>"
    "<p class='w'>Keep this line.</p>",
    "<p style='opacity:0.6;overflow:hidden;max-width:100%;color:#333;font-size:12px'>Keep this line.</p>",
])
@pytest.mark.parametrize("platform", ["blogger", "none"])
def test_links_and_words_a_page_hides_from_its_reader_are_cut_on_every_path(cloak: str, platform: str) -> None:
    """Hacked-in links and keyword stuffing hidden by the page's own small <style> block, an inline
    style that moves them off the screen or shrinks them to nothing, or the hidden attribute: they
    were part of the record's text (trafilatura reads all but an inline display:none)."""
    body = f"<p>{_TREES[0]}</p>{cloak}<p>{_TREES[1]}</p><p>{_TREES[2]}</p>"
    record = _record(*_trees_page(body, "blogger" if platform == "blogger" else "text"))
    kept = ["Keep this line."] if "Keep" in cloak else []
    assert record.text.split("\n") == [_TREES[0], *kept, *_TREES[1:]]
    if not kept:
        assert [r.rule for r in record.removed] == ["html.hidden"]


@pytest.mark.parametrize("style", ["display:none", "visibility:hidden", "font-size:0", "opacity:0", "color: transparent",
                                   "display:inline-block;width:0;height:0;overflow:hidden"])
@pytest.mark.parametrize("layout", ["entry-content", "text"])
def test_words_hidden_inside_a_sentence_are_cut_from_it(style: str, layout: str) -> None:
    """A splog salts a copied article with words its reader never sees, inside the sentences, so that
    the copy no longer matches its original: the sentence is read as shown."""
    salt = f"<span style='{style}'>zqx casino bonus</span>"
    body = "".join(f"<p>{x.replace(' new ', f' new {salt} ').replace(' are ', f' are {salt} ')}</p>" for x in _TREES)
    page = (f"<html><head><title>Trees</title></head><body><article><h1>Trees</h1><div class='{layout}'>{body}"
            "</div></article><div class='side'>Links</div></body></html>")
    record = _record(page, f"https://s{abs(hash((style, layout))) % 10**8}.example/trees.html")
    assert record.text.split("\n") == _TREES


@pytest.mark.parametrize("wrap", [
    lambda body: body.replace("<p>" + _TREES[1], "<p style='overflow:hidden'>" + _TREES[1]),
    lambda body: f"<div style='overflow: hidden;'>{body}</div>",
    lambda body: f"<div style='backface-visibility:hidden'>{body}</div>",
    lambda body: body.replace("<p>" + _TREES[1], "<div style='overflow-x:hidden;clear:both'><p>" + _TREES[1]),
])
@pytest.mark.parametrize("layout", ["text", "entry-content", "blogger"])
def test_a_style_that_says_hidden_but_hides_nothing_keeps_its_text(wrap, layout: str) -> None:
    """A box that clips its floats ("overflow: hidden", round many old blogs' paragraphs) had lost its
    paragraph on a page read whole: trafilatura drops every element whose style says "hidden". And
    "backface-visibility: hidden" round a post's body had been read as "visibility: hidden": no text."""
    body = wrap("".join(f"<p>{x}</p>" for x in _TREES))
    assert _record(*_trees_page(body, layout, side="<div class='side'>Links here</div>")).text.split("\n") == _TREES


@pytest.mark.parametrize("style", ["@media (max-width: 600px) { .note { display: none } }",
                                   ".post .note{display:none}", ".note:hover{display:none}"])
def test_what_a_page_hides_on_some_screens_or_in_some_places_only_is_read(style: str) -> None:
    body = f"<p>{_TREES[0]}</p><p class='note'>Planting goes on until March.</p><p>{_TREES[1]}</p>"
    page = (f"<html><head><title>Trees</title><style>{style}</style></head><body><div id='main'><h1>Trees</h1>"
            f"<div class='text'>{body}</div></div></body></html>")
    assert "Planting goes on until March." in _record(page, f"https://t{abs(hash(style)) % 10**8}.example/t.html").text


def test_a_pages_content_that_its_style_hides_until_a_script_shows_it_is_read() -> None:
    body = "".join(f"<p>{x}</p>" for x in _TREES * 3)
    page = ("<html><head><title>Trees</title><style>#content{display:none}</style></head><body><h1>Trees</h1>"
            f"<div id='content'>{body}</div><div id='footer'>Green Town</div></body></html>")
    assert _record(page, "https://shown-by-script.example/trees.html").text.startswith(_TREES[0])


def test_residue_written_in_utf8_read_as_windows_1252_is_still_cut() -> None:
    body = "".join(f"<p>{x}</p>" for x in _TREES) + "<p>SÃ­guenos en Facebook y Twitter</p>"
    page = ("<html><head><title>Ãrboles nuevos</title></head><body><div id='main'><h1>Ãrboles</h1>"
            f"<div class='text'>{body}</div></div></body></html>")
    record = _record(page, "https://arboles-moji.example/arboles.html")
    assert record.text.split("\n") == _TREES
    assert ("promo.follow", "Síguenos en Facebook y Twitter") in [(r.rule, r.text) for r in record.removed]


@pytest.mark.parametrize("label", ["Источник:", "Source:", "Fuente:", "Quelle:"])
def test_a_linked_credit_on_the_last_line_of_a_body_written_between_line_breaks_gives_the_source(label: str) -> None:
    """No block holds such a credit alone, so no block rule reads it: the credit line named the
    publisher but the record had no source.url."""
    body = "<br><br>".join(_TREES) + f"<br><br>{label} <a href='https://harbourdaily.example/news/trees-1'>Harbour Daily</a>"
    page = ("<html><head><title>Trees</title></head><body><div id='main'><h1>Trees</h1>"
            f"<div class='text'>{body}</div></div></body></html>")
    record = _record(page, f"https://credit{abs(hash(label)) % 10**8}.example/trees.html")
    assert record.source.publisher == "Harbour Daily"
    assert record.source.url == "https://harbourdaily.example/news/trees-1"


_SIDEBAR = ("<aside class='widget widget_recent_entries'><ul><li><a href='/old/'>Old post</a> <time class='entry-date published' "
            "datetime='2026-10-02T08:00:00+00:00'>October 2, 2026</time></li></ul></aside>")


@pytest.mark.parametrize(("times", "published"), [
    # a theme without <article> that marks its date the WordPress way: the date with its time of day
    ("<time class='entry-date updated td-module-date' datetime='2026-12-01T07:30:00+00:00'>December 1, 2026</time>",
     "2026-12-01T07:30:00+00:00"),
    ("<time class='entry-date published' datetime='2026-12-01T07:30:00+00:00'>Dec 1</time>"
     "<time class='updated' datetime='2026-12-02T09:00:00+00:00'>Dec 2</time>", "2026-12-01T07:30:00+00:00"),
    # a recent-posts list marks its dates the same way; two dates marked in the post's own part say nothing
    ("<time class='entry-date' datetime='2026-12-01T07:30:00+00:00'>December 1, 2026</time>" + _SIDEBAR,
     "2026-12-01T07:30:00+00:00"),
    (_SIDEBAR, None),
    ("<time class='entry-date' datetime='2026-12-01T07:30:00+00:00'>a</time><time class='entry-date' "
     "datetime='2026-11-20T07:30:00+00:00'>b</time>", None),
    # a block theme's Post Date block (Twenty Twenty-Four) around a plain <time>; its list of other
    # posts under the text dates them with the same block
    ("<div class='wp-block-post-date'><time datetime='2026-12-01T07:30:00+00:00'>December 1, 2026</time></div>"
     "<ul class='wp-block-post-template'><li><div class='wp-block-post-date'><time datetime='2026-10-02T08:00:00+00:00'>"
     "October 2, 2026</time></div></li></ul>", "2026-12-01T07:30:00+00:00"),
    ("<ul class='wp-block-post-template'><li><div class='wp-block-post-date'><time datetime='2026-10-02T08:00:00+00:00'>"
     "October 2, 2026</time></div></li></ul>", None),
])
def test_a_themes_marked_time_dates_a_page_without_an_article_element(times: str, published: str | None) -> None:
    page = (f"<html><body><div class='post-header'><h1 class='entry-title'>Ferry orders</h1>{times}</div>"
            "<div class='post-content'><p>The island ferry company has ordered two battery-powered vessels.</p></div>"
            "</body></html>")
    assert read_meta(_parse_page(page), "https://brief.example/ferry/").published == published


@pytest.mark.parametrize(("byline", "author"), [
    # a block theme's Post Author Name block (Twenty Twenty-Four), its name linked or not
    ("<div class='wp-block-post-author-name'>Mira Quayle</div>", "Mira Quayle"),
    ("<div class='wp-block-post-author-name'><a href='/author/mira/' target='_self' "
     "class='wp-block-post-author-name__link'>Mira Quayle</a></div>", "Mira Quayle"),
    # the older Post Author block's name line
    ("<div class='wp-block-post-author'><div class='wp-block-post-author__content'>"
     "<p class='wp-block-post-author__name'>Mira Quayle</p></div></div>", "Mira Quayle"),
    # its list of other posts under the text names their writers with the same block
    ("<div class='wp-block-post-author-name'>Mira Quayle</div><ul class='wp-block-post-template'><li>"
     "<div class='wp-block-post-author-name'>Tom Brack</div></li></ul>", "Mira Quayle"),
    ("<ul class='wp-block-post-template'><li><div class='wp-block-post-author-name'>Tom Brack</div></li></ul>", None),
])
def test_a_block_themes_author_block_names_the_writer(byline: str, author: str | None) -> None:
    page = (f"<html><body><main><h1 class='wp-block-post-title'>Ferry orders</h1>{byline}"
            "<div class='entry-content wp-block-post-content'><p>The island ferry company has ordered two "
            "battery-powered vessels.</p></div></main></body></html>")
    assert read_meta(_parse_page(page), "https://brief.example/ferry/").author == author


_PORT = ["Vessels waiting to enter the port of Qaramel were told on Thursday to expect delays of up to four days "
         "after a crane collapsed on the main container quay.",
         "Nobody was hurt when the 60-metre crane toppled onto an empty berth shortly before dawn, the port authority said.",
         "Engineers are checking the other five cranes on the quay, which handles two thirds of the port's container traffic.",
         "Shipping agents said eleven ships were at anchor outside the harbour by the afternoon, and some lines were "
         "already diverting cargo to Port Selvin, 90 kilometres to the south.",
         "The authority said it expected partial operations to resume on Saturday."]


def _ld_page(shown: str, body: str, headline: str = "Crane collapse halts container port") -> str:
    import json

    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                     "articleBody": body, "datePublished": "2026-11-26T06:40:00Z"})
    return ("<html lang='en'><head><title>Crane collapse halts container port | Trend Buzz</title>"
            f"<script type='application/ld+json'>{ld}</script></head><body><div id='__next'><header><a href='/'>Trend Buzz"
            "</a><nav><a href='/news'>News</a> <a href='/tech'>Tech</a></nav></header><main>"
            f"<h1>Crane collapse halts container port</h1>{shown}<div class='spinner'>Loading...</div></main>"
            "<footer>Trend Buzz, all the news</footer></div></body></html>")


@pytest.mark.parametrize(("shown", "body", "whole"), [
    # a script-rendered theme: a teaser (under a kicker) in the HTML, the whole text in the JSON-LD
    (f"<p class='teaser'>{_PORT[0][:90]}...</p>", "\n\n".join(_PORT), True),
    (f"<p class='kicker'>SHIPPING</p><p class='teaser'>{_PORT[0][:90]}...</p>", "\n".join(_PORT), True),
    # nothing shown: the headline says the body is this page's
    ("", "\n\n".join(_PORT), True),
    # the articleBody as HTML (a plugin's), in one line
    (f"<p>{_PORT[0][:90]}...</p>", "".join(f"<p>{p}</p>" for p in _PORT), True),

    # a teaser of another story, or a short description: not this page's text
    ("<p>The ferry to the outer islands will run twice a week from May, the operator said on Monday.</p>",
     "\n\n".join(_PORT), False),
    (f"<p class='teaser'>{_PORT[0][:90]}...</p>", _PORT[0][:200], False),
])
def test_a_page_that_shows_a_teaser_of_its_json_ld_article_body_gives_the_whole_body(shown, body, whole) -> None:
    from pipelines.extraction import ExtractOptions
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    url = f"https://trendbuzz{abs(hash(shown + body)) % 10**8}.example/news/crane-collapse/"
    page = _ld_page(shown, body)
    raw = RawPost(url=url, blog=BlogInfo(url=url.rsplit("/news", 1)[0] + "/", host=url.split("/")[2]), via="page",
                  html=page, fetched_at="2026-01-01T00:00:00+00:00")
    assert (run_extract(raw, ExtractOptions()).method == "json-ld") is whole
    text = _record(page, url).text
    assert (text.split("\n") == _PORT) is whole


def test_a_page_that_shows_its_whole_text_keeps_it_beside_its_json_ld_article_body() -> None:
    page = _ld_page("".join(f"<p>{p}</p>" for p in _PORT) + "<p>The passenger terminal beside the quay stayed open all day.</p>", "\n\n".join(_PORT))
    from pipelines.extraction import ExtractOptions
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    raw = RawPost(url="https://trendbuzz-whole.example/news/crane/", via="page", html=page,
                  blog=BlogInfo(url="https://trendbuzz-whole.example/", host="trendbuzz-whole.example"),
                  fetched_at="2026-01-01T00:00:00+00:00")
    out = run_extract(raw, ExtractOptions())
    assert out.method != "json-ld" and out.text.split("\n")[-1] == "The passenger terminal beside the quay stayed open all day."


def test_an_empty_page_with_another_storys_json_ld_body_gives_no_text_of_it() -> None:
    """With nothing shown to compare, only a body whose headline is the page's title is taken; the body
    of another story (a "most read" node) is not this page's, and the page has no text."""
    from pipelines.extraction import fuller_ld_body

    meta = read_meta(_parse_page(_ld_page("", "\n\n".join(_PORT), headline="Ferry timetable changes")),
                     "https://trendbuzz.example/news/crane-collapse/")
    assert meta.ld_body == "\n".join(_PORT) and fuller_ld_body("", meta) is None
    meta.ld_headline = "Crane collapse halts container port"
    assert fuller_ld_body("", meta) == "\n".join(_PORT)


@pytest.mark.parametrize(("byline", "author"), [
    # the AMP plugin's reader theme: the hCard's own text, no fn inside
    ("<span class='amp-wp-author author vcard'>Tomas Reyes</span>", "Tomas Reyes"),
    ("<span class='author vcard'><a class='url fn n' href='/author/tr/'>Tomas Reyes</a></span>", "Tomas Reyes"),
    # the name itself marked as the author in a byline's hCard: a news theme's "By <a class='author fn'>"
    ("<p class='byline vcard'>By <a class='author fn' href='/users/tr'>Tomas Reyes</a> on "
     "<time>June 29, 2026</time></p>", "Tomas Reyes"),
    # a comment's card, and a card that holds no name
    ("<div class='comment-author vcard'>Ana Lind</div>", None),
    ("<div class='comment-author vcard'><cite class='fn'>Ana Lind</cite> says:</div>", None),
    ("<span class='author vcard'>View all posts</span>", None),
    # a theme's bare byline elements, named by their class alone
    ("<span class='author'>Tomas Reyes</span> · <span class='date'>Published 29.06.2026</span>", "Tomas Reyes"),
    ("<div class='byline'>By <span class='byline__name'>Tomas Reyes</span></div>", "Tomas Reyes"),
    ("<p class='article-author'>By Tomas Reyes</p>", "Tomas Reyes"),
    # not a byline: the person a pull quote quotes, a comment's reader, a box of other posts, a sentence
    ("<blockquote>We lit the burners at two.<span class='author'>Ana Lind</span></blockquote>", None),
    ("<div class='pull-quote'><span class='author'>Ana Lind</span></div>", None),
    ("<ol class='comment-list'><li><span class='author'>Ana Lind</span> says: lovely</li></ol>", None),
    ("<div class='related-posts'><span class='author'>Ana Lind</span></div>", None),
    ("<span class='author'>This story was written by two of our readers</span>", None),
])
def test_an_authors_hcard_or_bare_author_element_names_the_author(byline: str, author: str | None) -> None:
    page = (f"<html><body><article><h1 class='amp-wp-title'>Early frost</h1><div class='amp-wp-meta'>{byline}</div>"
            "<p>Fruit growers lit burners between their rows.</p></article></body></html>")
    assert read_meta(_parse_page(page), "https://cropdaily.example/early-frost/amp/").author == author


@pytest.mark.parametrize(("title", "platform", "name"), [
    ("Viral Clips Now: Storm chasers film waterspout", "blogger", "Viral Clips Now"),
    ("Viral Clips Now: Update: Storm chasers film waterspout", "blogger", "Viral Clips Now"),
    ("Storm chasers film waterspout", "blogger", None),
    ("Viral Clips Now: Storm chasers film waterspout", "generic", None),  # (another platform's <title> says less)
])
def test_a_blogger_post_pages_title_names_the_blog_when_its_header_does_not(title, platform, name) -> None:
    heading = title.rsplit(": ", 1)[-1] if "Update" not in title else "Update: Storm chasers film waterspout"
    generator = "<meta content='blogger' name='generator'>" if platform == "blogger" else ""
    page = (f"<html><head>{generator}<title>{title}</title></head><body><div class='post hentry'>"
            f"<h3 class='post-title entry-title'>{heading}</h3><div class='post-body entry-content'>"
            "<p>A pair of storm chasers filmed a waterspout spinning across the bay.</p></div></div></body></html>")
    url = "https://viral-clips-now.blogspot.com/2026/11/x.html" if platform == "blogger" else "https://viralclips.example/x/"
    assert read_meta(_parse_page(page), url).site_name == name


_RIVER = ("<p>The river rose two metres overnight and the ferry stopped running until the water fell again.</p>"
          "<p>Residents of the lower town moved their cars to higher streets before dawn, the mayor said.</p>")


@pytest.mark.parametrize(("byline", "author"), [
    # trafilatura reads the lead word of a Drupal byline with no name as the author
    ("<span class='submitted-by'>Submitted on Mon, 2019-01-21 13:49</span>", None),
    ("<span class='submitted-by'>Submitted by Jane Roe on Mon, 2019-01-21 13:49</span>", "Jane Roe"),
    # ... and "Posted" of this one, which kept the byline's own name from being read
    ("<span class='submitted-by'>Posted on 2019-01-21 by Jane Roe</span>", "Jane Roe"),
])
def test_a_bylines_lead_word_alone_is_no_author_and_leaves_the_name_to_be_read(byline: str, author: str | None) -> None:
    page = (f"<html><head><title>River rises</title></head><body><div class='node'><h1 class='title'>River rises</h1>"
            f"<div class='content'>{byline}<div class='field-body'>{_RIVER}</div></div></div></body></html>")
    record = _record(page, "https://drupalnews.example/node/5")
    assert record.author == author
    assert record.published_at.date().isoformat() == "2019-01-21"


@pytest.mark.parametrize(("comments", "author"), [
    ("<div class='sf_comment'><p class='sf_comment_info'><span class='sf_comment_author'>Marta Gil</span></p>"
     "<div class='sf_comment_text'><p>What a week for the town.</p></div></div>", None),
    # the same name in the post's own byline is the author, whatever the comments say
    ("<div class='post-byline'><span class='author'>Marta Gil</span></div><div class='comments'>"
     "<span class='comment-author'>Marta Gil</span><p>Thanks for reading.</p></div>", "Marta Gil"),
])
def test_a_commenters_name_is_not_the_author(comments: str, author: str | None) -> None:
    """trafilatura's author search takes any class with "author" in it, a commenter's too."""
    page = (f"<html><head><title>River rises</title></head><body><div id='main'><h1>River rises</h1>"
            f"<div class='story'>{_RIVER}</div></div><div id='talk'>{comments}</div></body></html>")
    assert _record(page, "https://islanddaily.example/2019/01/river-rises.html").author == author


@pytest.mark.parametrize("story_class", ["story", "entry-content"])  # trafilatura's path, and a known body's
def test_text_after_an_html_comment_is_kept(story_class: str) -> None:
    """A server-rendered page splits text with empty comments ("Write to<!-- --> Ann Lee"):
    trafilatura's extraction drops a comment node's tail, so the comments are never parsed."""
    tail = ("<p>Write to<!-- --> <!-- -->Ana Lind<!-- --> at<!-- --> <a href='mailto:al@islanddaily.example'>"
            "al@islanddaily.example</a></p><p>Ferries<!-- run --> resume <b>on Monday</b><?php echo 1 ?>.</p>")
    page = (f"<html><head><title>River rises</title></head><body><div id='main'><h1>River rises</h1>"
            f"<div class='{story_class}'>{_RIVER}{tail}</div></div></body></html>")
    text = _record(page, "https://islanddaily.example/2019/01/river-rises.html").text
    assert text.split("\n")[-2:] == ["Write to Ana Lind at al@islanddaily.example", "Ferries resume on Monday."]


def test_a_generic_body_class_on_a_wrapper_around_the_whole_post_is_passed_over() -> None:
    """A theme's "post-content" that wraps the headline, a brand picker, the author box and a list of
    older stories is no body: the page goes to trafilatura, which finds the story inside."""
    page = ("<html><head><title>New hatchback launched</title></head><body><div class='grid-x post-content main-wrapper'>"
            "<h1 class='headline'>New hatchback launched</h1><div class='author-box'><a href='/author/ml/'>Mara Lopes</a>"
            " View More Articles</div><form><select><option>Choose a brand</option><option>Alder</option></select></form>"
            f"<div class='story-text'>{_RIVER}<p>The carmaker said the new model would reach showrooms in the spring.</p>"
            "</div><div class='more-stories'><h5>MORE STORIES LIKE THIS ONE</h5><div><a href='/a'>Older hatchback recalled"
            "</a><span>June 3, 2019</span></div><div><a href='/b'>Sedan sales slow</a><span>May 2, 2019</span></div></div>"
            "</div></body></html>")
    record = _record(page, "https://motorpage.example/news/new-hatchback-launched")
    assert record.text.split("\n") == [*re.findall(r"<p>(.*?)</p>", _RIVER),
                                       "The carmaker said the new model would reach showrooms in the spring."]


@pytest.mark.parametrize(("og_title", "title", "publisher"), [
    ("New hatchback launched - Auto News", "New hatchback launched", None),  # a section's name after it
    ("New hatchback launched - Reuters", "New hatchback launched", "Reuters"),  # a publisher's: still named
    ("New hatchback launched", "New hatchback launched", None),
])
def test_a_title_suffix_the_pages_own_heading_leaves_out_is_not_the_headline(og_title, title, publisher) -> None:
    page = (f"<html><head><title>{og_title}</title><meta property='og:title' content='{og_title}'></head><body>"
            "<div id='top'><a href='/'>Motor Page</a></div><div id='main'><h1 class='headline'>New hatchback launched</h1>"
            f"<div class='story'>{_RIVER}</div></div></body></html>")
    record = _record(page, "https://motorpage.example/news/new-hatchback-launched")
    assert (record.title, record.source.publisher) == (title, publisher)


@pytest.mark.parametrize(("sidebar", "title"), [
    # a theme that sets its sidebar's headlines in <h1>s too: the one the title is, is the heading
    ("<h1><a href='/c'>Sedan sales slow</a></h1><h1><a href='/d'>Older hatchback recalled</a></h1>",
     "New hatchback launched"),
    # the headline twice (a theme's mobile and desktop headers)
    ("<h1>New hatchback launched</h1>", "New hatchback launched"),
])
def test_the_heading_a_title_suffix_is_cut_by_is_the_h1_the_title_is_among_others(sidebar: str, title: str) -> None:
    page = ("<html><head><title>New hatchback launched - Auto News</title>"
            "<meta property='og:title' content='New hatchback launched - Auto News'></head><body>"
            "<div id='top'><a href='/'>Motor Page</a></div><div id='main'><h1 class='headline'>New hatchback launched</h1>"
            f"<div class='story'>{_RIVER}</div></div><div id='side'>{sidebar}</div></body></html>")
    assert _record(page, "https://motorpage.example/news/new-hatchback-launched").title == title


@pytest.mark.parametrize(("declared", "author"), [
    ("<meta property='article:author' content='Tomas Reyes'>", "Tomas Reyes"),  # the two agree: the writer
    ("", "Harbour Media Group"),  # only the JSON-LD: the page's own meta tag stands
    ("<meta property='article:author' content='https://harbour.example/author/tr'>", "Harbour Media Group"),
])
def test_a_publishing_houses_name_in_the_author_meta_tag_gives_way_to_the_writer_two_sources_agree_on(declared, author):
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Early frost",'
          ' "author": [{"@type": "Person", "name": "Tomas Reyes"}]}')
    page = (f"<html><head><meta name='author' content='Harbour Media Group'>{declared}"
            f"<script type='application/ld+json'>{ld}</script></head><body><article><h1>Early frost</h1>"
            "<p>Fruit growers lit burners between their rows.</p></article></body></html>")
    assert read_meta(_parse_page(page), "https://harbour.example/early-frost/").author == author


@pytest.mark.parametrize(("heading", "title"), [
    ("<span class='article-heading__kicker'>Rail travel</span><span class='visually-hidden'>: </span>"
     "<span class='article-heading__title'>By night train to the coast</span>", "By night train to the coast"),
    ("<span class='pretitle blockletters'>KNOWHOW</span><span>By night train to the coast</span><span class='hide'>.</span>",
     "By night train to the coast"),
    ("By night train to the coast <span class='label abo'>Subscribers</span>", "By night train to the coast"),
    # a heading that is all kicker, or a class that only looks like one, keeps its text
    ("<span class='kicker'>By night train to the coast</span>", "By night train to the coast"),
    ("<span class='title-label'>By night</span> train to the coast", "By night train to the coast"),
])
def test_a_kicker_label_or_hidden_text_inside_the_heading_is_not_part_of_the_title(heading: str, title: str) -> None:
    """A theme sets its kicker ("Rail travel"), a subscribers' label or text hidden for screen readers
    (": ", ".") inside the headline's <h1>: the title was "Rail travel : By night train to the coast"."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = (f"<html><head><title>Night trains - Coast Post</title></head><body><article><h1 class='entry-title'>{heading}</h1>"
            f"<div class='story'>{body}</div></article></body></html>")
    assert _record(page, "https://coastpost.example/night-train/").title == title


def test_entities_in_json_ld_strings_are_read_as_text() -> None:
    """A script's text is not unescaped by the HTML parser, and plugins write entities into JSON-LD:
    "O&#039;Donnell" was split at the entity's ";" into two names, "O' Donnell"."""
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Frost &amp; fruit",'
          ' "author": {"@type": "Person", "name": "Aileen O&#039;Donnell"}}')
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = (f"<html><head><script type='application/ld+json'>{ld}</script></head><body><div class='page'>"
            f"<div class='story'>{body}</div></div></body></html>")
    record = _record(page, "https://harbour.example/frost/")
    assert (record.author, record.title) == ("Aileen O'Donnell", "Frost & fruit")


@pytest.mark.parametrize(("byline", "author"), [
    # the byline shows the JSON-LD's writers and not the meta tag's producer: the writers
    ("By <a href='/p/tr'><span>Tomas Reyes</span></a> and <a href='/p/ik'><span>Ines Kahl</span></a>, Harbour Post",
     "Tomas Reyes; Ines Kahl"),
    # the meta tag's name is shown, or a writer is not: the meta tag stands
    ("By Dana Whitlock, with Tomas Reyes and Ines Kahl", "Dana Whitlock"),
    ("By Tomas Reyes", "Dana Whitlock"),
    ("", "Dana Whitlock"),
])
def test_an_author_meta_tag_naming_someone_the_page_never_shows_gives_way_to_the_writers_in_the_byline(byline, author):
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Early frost", "author": '
          '[{"@type": "Person", "name": "Tomas Reyes"}, {"@type": "Person", "name": "Ines Kahl"}]}')
    page = (f"<html><head><meta name='author' content='Dana Whitlock'><script type='application/ld+json'>{ld}</script>"
            "<script>var data = {producer: 'Dana Whitlock'};</script></head><body><article><h1>Early frost</h1>"
            f"<div class='meta'>{byline}</div><p>Fruit growers lit burners between their rows.</p></article></body></html>")
    assert read_meta(_parse_page(page), "https://harbour.example/early-frost/").author == author


def test_a_php_notice_a_plugin_printed_inside_the_post_is_cut_from_page_and_feed_body() -> None:
    paragraphs = [f"The river ferry will run later on Fridays from next month, the operator said on day {n}."
                  for n in range(4)]
    notice = ("<br />\n<b>Warning</b>:  Undefined array key \"ratio\" in <b>/home/quay/public_html/wp-content/"
              "plugins/gallery/gallery.php</b> on line <b>212</b><br />\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:2]) + notice + "".join(f"<p>{p}</p>" for p in paragraphs[2:])
    page = ("<html><head><title>Ferry</title></head><body><article><h1>Ferry</h1>" + notice + body
            + "</article><div class='footer'>Copyright</div></body></html>")
    for record in (_record(page, "https://quay.example/2026/ferry.html"),
                   _feed_record(body, "https://quay.example/2026/ferry.html")):
        assert record.text.split("\n") == paragraphs
        assert "php.message" in {r.rule for r in record.removed}


def test_a_feed_body_s_emoji_written_as_two_surrogate_references_is_read() -> None:
    paragraphs = [f"The river ferry will run later on Fridays from next month, the operator said on day {n}."
                  for n in range(3)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs) + "<p>Smile &#55357;&#56832; now, the captain said.</p>"
    assert _feed_record(body, "https://quay.example/2026/ferry.html").text.split("\n")[-1] == (
        "Smile \U0001F600 now, the captain said.")


@pytest.mark.parametrize("body", ["<html></html>", "<!DOCTYPE html>\n<html dir='ltr' lang='en'>\n<head>\n<meta content='bl",
                                  "<!DOCTYPE html>\n<html class='v2' xmlns:b='"])
def test_a_feed_body_that_is_a_document_cut_off_before_its_body_is_an_empty_text_reject(body: str) -> None:
    """lxml raised AssertionError ("too many bodies") or ParserError on such markup: the post was an
    extract_failed reject, the reason kept for our own faults."""
    reject = _feed_record(body, "https://quay.example/2026/ferry.html")
    assert reject.reason == "empty_text"
    ld = json.dumps({"@type": "BlogPosting", "headline": "Ferry", "articleBody": body})
    page = (f"<html><head><title>Ferry</title><script type='application/ld+json'>{ld}</script></head><body><article>"
            "<h1>Ferry</h1><p>The river ferry will run later on Fridays from next month, the operator said.</p>"
            "</article></body></html>")
    assert _record(page, "https://quay.example/2026/ferry.html").text == (
        "The river ferry will run later on Fridays from next month, the operator said.")


def test_a_feed_body_too_deep_to_parse_whose_shallower_copy_lxml_rejects_keeps_what_it_read() -> None:
    first = "The river ferry will run later on Fridays from next month, the operator said on Monday."
    body = f"<html><body><p>{first}</p></body></html>" + "<div>" * 300 + "<html/><body>x"
    record = _feed_record(body, "https://quay.example/2026/ferry.html")  # (was an extract_failed reject)
    assert record.text.split("\n")[0] == first


_LD_POST = ('"@type": "BlogPosting", "headline": "Early frost", "datePublished": "2026-03-01T10:00:00+00:00", '
            '"author": {"@type": "Person", "name": "Tomas Reyes"}')


@pytest.mark.parametrize("script", [
    # a line break typed into a string (strict JSON forbids it)
    "{" + _LD_POST + ', "description": "Frost\non the rows."}',
    # wrapped for old browsers
    "//<![CDATA[\n{" + _LD_POST + "}\n//]]>",
    "/*<![CDATA[*/{" + _LD_POST + "}/*]]>*/",
    "<!--\n{" + _LD_POST + "}\n-->",
    # a trailing comma, a ";" after it, a second object after it
    "{" + _LD_POST + ",}",
    "{" + _LD_POST + "};",
    "{" + _LD_POST + '}\n{"@type": "WebSite", "name": "Harbour"}',
    # @type as a list or a full address; the article as a WebPage's mainEntity; an @graph in a list
    "{" + _LD_POST.replace('"BlogPosting"', '["BlogPosting", "Article"]') + "}",
    "{" + _LD_POST.replace('"BlogPosting"', '"http://schema.org/BlogPosting"') + "}",
    "{" + _LD_POST.replace('"BlogPosting"', '"blogposting"') + "}",
    # quotes a template left unescaped inside a string
    "{" + _LD_POST + ', "articleBody": "<p>Growers lit <a href="/burners">burners</a> at night.</p>"}',
    '{"@type": "WebPage", "mainEntity": {' + _LD_POST + "}}",
    '[{"@context": "https://schema.org", "@graph": [{' + _LD_POST + "}]}]",
    # Yoast's @graph: the author by reference to a Person node
    '{"@context": "https://schema.org", "@graph": [{"@type": "Article", "headline": "Early frost", '
    '"datePublished": "2026-03-01T10:00:00+00:00", "author": {"@id": "https://harbour.example/#/schema/person/7"}}, '
    '{"@type": "Person", "@id": "https://harbour.example/#/schema/person/7", "name": "Tomas Reyes"}]}',
])
def test_json_ld_is_read_as_its_writers_meant_it(script: str) -> None:
    """Each of these had made the page's JSON-LD unread (json.loads failed, or no node was typed as an
    article in a way we matched), and with it the post's author and date."""
    page = (f"<html><head><title>Early frost</title><script type='application/ld+json'>{script}</script></head>"
            "<body><div class='page'><div class='story'>" + "".join(f"<p>{x}</p>" for x in _FERRY)
            + "</div></div></body></html>")
    record = _record(page, "https://harbour.example/early-frost/")
    assert (record.author, record.published_at.isoformat()) == ("Tomas Reyes", "2026-03-01T10:00:00+00:00")


@pytest.mark.parametrize(("author", "names"), [
    ('{"@type": "Person", "name": "By <a href=\\"/p/tr\\">Tomas Reyes</a> and <a href=\\"/p/ik\\">Ines Kahl</a>"}',
     "Tomas Reyes; Ines Kahl"),
    ('["Tomas Reyes", "Ines Kahl"]', "Tomas Reyes; Ines Kahl"),
    ('[{"@type": "Person", "name": "Tomas Reyes"}, "Ines Kahl"]', "Tomas Reyes; Ines Kahl"),
    ('{"@type": "Person", "givenName": "Tomas", "familyName": "Reyes"}', "Tomas Reyes"),
])
def test_json_ld_authors_written_with_markup_or_as_bare_strings_are_named(author: str, names: str) -> None:
    ld = '{"@type": "NewsArticle", "headline": "Early frost", "author": ' + author + "}"
    page = (f"<html><head><title>Early frost</title><script type='application/ld+json'>{ld}</script></head>"
            "<body><div class='page'><div class='story'>" + "".join(f"<p>{x}</p>" for x in _FERRY)
            + "</div></div></body></html>")
    assert _record(page, "https://harbour.example/early-frost/").author == names


@pytest.mark.parametrize(("metas", "author"), [
    # a co-written post: the tag once for each writer
    ("<meta name='author' content='Tomas Reyes'><meta name='author' content='Ines Kahl'>", "Tomas Reyes; Ines Kahl"),
    ("<meta name='author' content='Tomas Reyes'><meta name='author' content='tomas reyes'>", "Tomas Reyes"),
    # the same name written another way after it (another vocabulary's tag) adds nobody
    ("<meta name='author' content='Tomas Reyes'><meta property='author' content='Harbour Media'>", "Tomas Reyes"),
])
def test_each_author_meta_tag_of_a_co_written_post_names_a_writer(metas: str, author: str) -> None:
    page = (f"<html><head><title>Early frost</title>{metas}</head><body><div class='page'><div class='story'>"
            + "".join(f"<p>{x}</p>" for x in _FERRY) + "</div></div></body></html>")
    assert _record(page, "https://harbour.example/early-frost/").author == author


@pytest.mark.parametrize("link", [
    "<link rel='alternate' type='application/rss+xml; charset=UTF-8' href='/feed/'>",
    "<link rel='alternate' type='APPLICATION/RSS+XML' href='/feed/'>",
    "<link rel='Alternate' type='application/rss+xml' href='/feed/'>",
    "<link rel='alternate feed' type='application/rss+xml' href='/feed/'>",
])
def test_a_home_pages_feed_link_is_found_whatever_case_and_parameters_its_type_and_rel_have(link: str) -> None:
    """A site's feed link with a charset after its type, capitals or a second relation had gone
    unseen: the crawl fell back on the sitemap and fetched every post's page."""
    page = (f"<html><head><title>Pier News</title>{link}<link rel='Canonical' href='/home/'>"
            "<link rel='sitemap' type='application/xml' href='/sitemap.xml'></head><body><h1>Pier News</h1></body></html>")
    meta = read_meta(_parse_page(page), "https://pier.example/")
    assert [href for _kind, href in meta.feeds] == ["https://pier.example/feed/"]
    assert meta.canonical_url == "https://pier.example/home/" and meta.sitemaps == ["https://pier.example/sitemap.xml"]


@pytest.mark.parametrize("value", ["1767225600", "{\"@value\": \"2026-03-01\"}", "[\"2026-03-01\"]", "null", "true"])
def test_a_json_ld_date_that_is_no_text_yields_to_the_pages_other_dates(value: str) -> None:
    """A number, an object or a list as datePublished had raised AttributeError: an extract_failed
    reject, the post lost."""
    ld = '{"@type": "BlogPosting", "headline": "Early frost", "datePublished": ' + value + ', "dateModified": ' + value + "}"
    page = (f"<html><head><title>Early frost</title><script type='application/ld+json'>{ld}</script></head><body>"
            "<article><h1>Early frost</h1><time datetime='2026-03-02T09:00:00Z'>2 March</time><div class='story'>"
            + "".join(f"<p>{x}</p>" for x in _FERRY) + "</div></article></body></html>")
    record = _record(page, "https://harbour.example/early-frost/")
    assert record.published_at.isoformat() == "2026-03-02T09:00:00+00:00"


_RECENT_COMMENTS = "".join(
    f"<li class='recentcomments'><a href='/2026/0{i}/post-{i}/#comment-{i}'>reader{i}</a> on <b>Post number {i} about "
    f"the harbour</b>: I walked past the pier this morning and the queue was already very long again, as usual...</li>"
    for i in range(1, 7))


def _kubrick_post(lang: str = "en", box: str = "entry") -> str:
    """A single post page of WordPress's old default theme (Kubrick) as its descendants still print
    it: the post navigation above, <div class="post" id="post-N"> around the headline, a date line
    and <div class="entry">, which holds the text, the tags and the meta line; a sidebar of widgets."""
    meta = ("This entry was posted on Tuesday, March 3rd, 2026 at 9:10 am and is filed under "
            "<a href='/category/ferry/' rel='category tag'>Ferry</a>. You can follow any responses to this entry "
            "through the <a href='/feed/'>RSS 2.0</a> feed." if lang == "en" else
            "Dieser Beitrag wurde am Dienstag, 3. März 2026 um 09:10 Uhr veröffentlicht und unter "
            "<a href='/category/ferry/' rel='category tag'>Ferry</a> abgelegt. Du kannst Kommentare zu diesem "
            "Beitrag durch den <a href='/feed/'>RSS 2.0</a> Feed verfolgen.")
    return ("<html><head><title>Harbour Notes &raquo; Ferry adds sailings</title>"
            "<meta name='generator' content='WordPress 2.9'></head><body><div id='page'>"
            "<div id='header'><h1><a href='/'>Harbour Notes</a></h1></div>"
            "<div id='content' class='widecolumn'><div class='navigation'><div class='alignleft'>&laquo; "
            "<a href='/2026/02/fees/' rel='prev'>Harbour fees rise</a></div><div class='alignright'>"
            "<a href='/2026/03/pier/' rel='next'>Pier repairs begin</a> &raquo;</div></div>"
            "<div class='post' id='post-412'><h2>Ferry adds sailings</h2>"
            f"<div class='{box}'>" + "".join(f"<p>{x}</p>" for x in _FERRY)
            + "<p>Tags: <a href='/tag/ferry/' rel='tag'>ferry</a>, <a href='/tag/timetable/' rel='tag'>timetable</a></p>"
            "<p class='postmetadata alt'><small>" + meta + "</small></p></div></div>"
            "<h3 id='comments'>2 Responses to &#8220;Ferry adds sailings&#8221;</h3></div>"
            "<div id='sidebar'><ul><li id='recent-comments-2' class='widget widget_recent_comments'>"
            "<h2 class='widgettitle'>Recent Comments</h2><ul id='recentcomments'>" + _RECENT_COMMENTS + "</ul></li>"
            "<li class='widget widget_categories'><h2 class='widgettitle'>Categories</h2><ul><li>"
            "<a href='/category/ferry/'>Ferry</a></li></ul></li></ul></div>"
            "<div id='footer'><p>Harbour Notes is proudly powered by WordPress</p></div></div></body></html>")


@pytest.mark.parametrize(("lang", "box"), [("en", "entry"), ("de", "entry"), ("en", "storycontent")])
def test_an_old_default_themes_post_is_read_from_its_entry_box(lang: str, box: str) -> None:
    """WordPress's old default theme (Kubrick) and its many descendants put the text in <div
    class="entry"> under <div class="post" id="post-N">, a name no body container had: the page went
    to trafilatura, which also took the sidebar's recent comments as text. The entry box is the text;
    its tags, meta line and the post navigation are not, and the meta line's date and category are read."""
    record = _record(_kubrick_post(lang, box), f"https://harbournotes{lang}{box}.example/2026/03/ferry-adds-sailings/")
    assert record.text.split("\n") == _FERRY
    assert record.published_at.isoformat() == "2026-03-03T09:10:00+00:00"
    assert "Ferry" in record.labels


@pytest.mark.parametrize("box", ["entry", "storycontent"])
def test_a_bare_entry_box_outside_a_post_is_no_body_container(box: str) -> None:
    """A box named "entry" (Kubrick's) or "storycontent" (Classic's) is the post's body container
    inside a post's wrapper; one that no post wrapper holds (a comment's, a home page's teaser) is
    not taken for the post's text."""
    from pipelines.extraction import _parse_page
    from pipelines.metadata import find_body

    page = _kubrick_post(box=box).replace("class='post' id='post-412'", "class='teaser'")
    assert find_body(_parse_page(page)) is None
    assert find_body(_parse_page(_kubrick_post(box=box)))[1].get("class") == box


def test_an_old_themes_headline_over_its_entry_box_is_the_title_when_the_title_tag_is_the_sites_name() -> None:
    """An old theme whose <title> is the blog's name alone marks the headline only as the <h2> over the
    entry box; read from the box, the post was titled with the blog's name."""
    page = _kubrick_post().replace("Harbour Notes &raquo; Ferry adds sailings</title>", "Harbour Notes</title>")
    record = _record(page, "https://harbournotestitle.example/2026/03/ferry-adds-sailings/")
    assert record.title == "Ferry adds sailings"
    assert record.text.split("\n") == _FERRY


def test_the_headline_over_a_body_box_is_looked_for_inside_the_posts_wrapper_only() -> None:
    from pipelines.extraction import _parse_page
    from pipelines.metadata import find_body, post_heading

    tree = _parse_page(_kubrick_post())
    assert post_heading(find_body(tree)[1], "Harbour Notes") == "Ferry adds sailings"
    # (no heading inside the wrapper: not the site's header's, nor a sidebar's)
    tree = _parse_page(_kubrick_post().replace("<h2>Ferry adds sailings</h2>", "")
                       .replace("<h1><a href='/'>Harbour Notes</a></h1>", "<h1>Harbour Notes</h1><h2>Tide tables</h2>"))
    assert post_heading(find_body(tree)[1], "Harbour Notes") is None


@pytest.mark.parametrize(("footer", "publisher"), [
    ("<p>The post <a href='https://harbourdaily.example/2026/ferry/'>Ferry adds sailings</a> appeared first on "
     "<a href='https://harbourdaily.example/'>Harbour Daily</a>.</p>", "Harbour Daily"),
    ("<p>O post <a href='https://harbourdaily.example/2026/ferry/'>Balsa ganha viagens</a> apareceu primeiro em "
     "<a href='https://harbourdaily.example/'>Diário do Porto</a>.</p>", "Diário do Porto"),
])
def test_yoasts_rendered_footer_between_two_entries_of_a_post_is_cut(footer: str, publisher: str) -> None:
    """A copied post made of several feed entries has Yoast's footer under each, between paragraphs,
    where the tail scan does not look: as the plugin renders it (a sentence that ends with a link
    whose text is the site's name) it is cut wherever it stands, and names the original."""
    body = "".join(f"<p>{x}</p>" for x in _FERRY[:2]) + footer + "".join(f"<p>{x}</p>" for x in _FERRY[2:])
    record = _feed_record(body, "https://manyentries.example/2026/11/ferry/")
    assert record.text.split("\n") == _FERRY
    assert str(record.source.url) == "https://harbourdaily.example/2026/ferry/"
    assert record.source.publisher == publisher and "yoast" in record.source.chain


def test_a_sentence_that_says_where_a_story_first_appeared_stays() -> None:
    trap = ("The story <a href='https://radio.example/ferry'>of the night ferry</a> first appeared on "
            "<a href='https://radio.example/'>BBC Radio</a> in 1998.")
    body = "".join(f"<p>{x}</p>" for x in _FERRY[:2]) + f"<p>{trap}</p>" + "".join(f"<p>{x}</p>" for x in _FERRY[2:])
    record = _feed_record(body, "https://storyfirst.example/2026/11/ferry/")
    assert "The story of the night ferry first appeared on BBC Radio in 1998." in record.text.split("\n")


def test_a_title_tag_that_names_the_post_wins_over_a_heading_nearer_the_box() -> None:
    """The headline over the body box is read only when the <title> names no post: a section's
    heading between the headline and the box ("News") is no title."""
    page = (_kubrick_post().replace("Harbour Notes &raquo; Ferry adds sailings</title>", "Ferry adds sailings</title>")
            .replace("<h2>Ferry adds sailings</h2>", "<h2>Ferry adds sailings</h2><h3>News</h3>"))
    record = _record(page, "https://harbournotesnews.example/2026/03/ferry-adds-sailings/")
    assert record.title == "Ferry adds sailings"


def test_a_feed_posts_labelled_date_line_dates_it_and_leaves_the_text() -> None:
    """A copy of an Asian portal's story keeps the portal's date line over the text ("发布时间：… 来源：…");
    with no date from the feed or the page, that line dates the record."""
    paras = ["港城日报消息，新修的滨海大桥于周二重新开放，市民可以步行或骑车通过。",
             "市政府表示，大桥的维修工程历时八个月，总费用约为四千万元。"]
    body = "<p>发布时间：2026-03-02 10:21 来源：港城日报</p>" + "".join(f"<p>{p}</p>" for p in paras)
    record = _feed_record(body, "https://splog.example/2026/03/bridge.html")
    assert record.text.split("\n") == paras
    assert record.published_at.isoformat() == "2026-03-02T10:21:00+00:00"


def test_a_podcast_plugins_link_boxes_are_cut_by_their_class() -> None:
    paras = ["The harbour board met on Tuesday and spoke about the ferry timetable for the summer season.",
             "In this episode the chair explains why the late sailings were dropped from the plan."]
    body = (f"<p>{paras[0]}</p><p class='powerpress_links powerpress_links_mp3'>Podcast: <a href='/e.mp3'>Play "
            "in new window</a> | <a href='/e.mp3' download>Download</a> | <a href='#'>Embed</a></p>"
            f"<p>{paras[1]}</p><p class='powerpress_subscribe_links'>Subscribe to the show: <a href='/feed/'>Our "
            "feed</a></p>")
    record = _feed_record(body, "https://podcasts.example/2026/03/ferry.html")
    assert record.text.split("\n") == paras


def test_a_pictures_caption_and_credit_by_other_themes_class_words_are_cut() -> None:
    """A paper's picture box names its caption and credit lines by its own classes ("image-caption",
    "photo-credit", "source"): cut beside the picture, as figcaption and WordPress's captions are."""
    paras = ["The harbour board met on Tuesday and agreed to rebuild the north pier before the summer.",
             "Work will start in March, the board said, and the pier will stay open to walkers."]
    box = ("<div class='media-box'><div class='image'><img src='/pier.jpg' alt=''>"
           "<p class='source'><span><a href='https://photos.example/pier'>Harbour Photo Archive</a></span></p>"
           "<p class='image-caption'>The north pier at low tide</p><span class='photo-credit'>Ann Lee</span></div></div>")
    record = _feed_record(f"<p>{paras[0]}</p>{box}<p>{paras[1]}</p>", "https://splog.example/2026/03/pier.html")
    assert record.text.split("\n") == paras
    assert {r.rule for r in record.removed} == {"html.caption"}


def test_a_line_with_a_caption_like_class_away_from_a_picture_or_long_stays() -> None:
    """A dateline in a "source" box at the top of an article that has pictures further down, and a long
    block whose class merely holds the word, are the article's."""
    long = ("The board's chair said the pier had been closed twice last winter, and that the repairs would "
            "need divers, a floating crane and a month of calm weather before the new deck could be laid. "
            "Fishermen who moor at the pier will use the south quay while the work goes on, she added, and "
            "the ferry will call there too.")
    body = ("<div class='source'><cite>PORT ELLEN</cite></div>"
            "<p>The harbour board met on Tuesday and agreed to rebuild the north pier before the summer.</p>"
            f"<div class='story-caption-free'>{long}</div>"
            "<div><img src='/pier.jpg' alt=''></div><p>Work will start in March, the board said.</p>")
    record = _feed_record(body, "https://splog.example/2026/03/pier.html")
    assert record.text.split("\n")[0] == "PORT ELLEN"
    assert long in record.text


@pytest.mark.parametrize("caption", ["<div class='caption'>{}</div>", "<figcaption>{}</figcaption>"])
def test_a_photo_posts_text_in_a_caption_box_is_the_post(caption: str) -> None:
    """A photo blog's template sets a post's text in a box named "caption" beside its picture (Movable
    Type's photo templates): cut as the picture's caption, the post was an empty_text reject."""
    lines = ["Walked the north pier at low tide this morning.", "The gulls had the whole quay to themselves.",
             "Back at the cafe by nine, hands still cold."]
    body = caption.format("<p>" + "<br>".join(lines) + "</p>") + "<div class='photo'><img src='/pier.jpg'></div>"
    record = _feed_record(body, "https://pierphotos.example/mt/archives/000930.html")
    assert record.text.split("\n") == lines and record.removed == []


@pytest.mark.parametrize("bad", ["1970-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00", "2206-03-02T10:00:00Z"])
def test_a_date_no_post_can_have_gives_way_to_the_next_source(bad: str) -> None:
    """A CMS's zero date or a typed year in the page's metadata is no date: the theme's date line is read."""
    paras = ["The harbour board met on Tuesday and agreed to rebuild the north pier before the summer.",
             "Work will start in March, the board said, and the pier will stay open to walkers."]
    page = (f"<html><head><title>Pier to be rebuilt</title><meta property='article:published_time' content='{bad}'>"
            "</head><body><div class='post'><h1>Pier to be rebuilt</h1><div class='entry-content'>"
            "<p>Posted 2026-04-12 06:40</p>" + "".join(f"<p>{p}</p>" for p in paras) + "</div></div></body></html>")
    record = _record(page, "https://harbour.example/pier-to-be-rebuilt")
    assert record.text.split("\n") == paras
    assert record.published_at.isoformat() == "2026-04-12T06:40:00+00:00"


@pytest.mark.parametrize(("written", "when"), [
    ("2026년 05월 28일  01:31:15", "2026-05-27T16:31:15+00:00"), ("2026-05-25 오후 11:23:17", "2026-05-25T14:23:17+00:00"),
    ("2026/05/28 01:31", "2026-05-28T01:31:00+00:00"), ("Κυρ, 11 Ιούλ 2026 12:00:00 EST", "2026-07-11T17:00:00+00:00"),
    ("2026-12-31T25:14:55Z", None),  # (an hour no day has: no date, not the day at midnight)
])
def test_a_feeds_date_as_korean_and_greek_platforms_write_it_is_read(written: str, when) -> None:
    from pipelines.draft import _feed_time

    got = _feed_time(written, load_rules().months)
    assert (got.isoformat() if got else None) == when


@pytest.mark.parametrize(("given", "title"), [
    ("Ferry <b>adds</b> sailings", "Ferry adds sailings"),  # an Atom title of type "html", an RSS title with markup
    ('Ferry adds sailings<script type="text/javascript">track(1);</script>', "Ferry adds sailings"),
    ("Ferry adds sailings<br />", "Ferry adds sailings"), ("<p></p>", None),
    ("History of the <blink> tag", "History of the <blink> tag"),  # (no element a chain escapes: words)
    ("Using the <div> tag in HTML", "Using the <div> tag in HTML"), ("Fares: 5 < 7 > 3", "Fares: 5 < 7 > 3"),
])
def test_a_feed_titles_html_tags_are_no_part_of_the_headline(given: str, title: str | None) -> None:
    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    raw = RawPost(url="https://splog.example/2026/04/ferry.html", blog=BlogInfo(url="https://splog.example/",
                  host="splog.example"), via="atom", is_fragment=True, fetched_at="2026-01-01T00:00:00+00:00",
                  html="<p>The harbour board met on Tuesday and agreed to add two late sailings from May.</p>",
                  feed={"title": given})
    record = finish_post(raw, run_extract(raw, ExtractOptions()), "t", CopyIndex())
    assert record.title == title and record.raw_title == given
    assert ("html.shown-tag" in {r.rule for r in record.removed}) is (title != given)


def test_a_line_end_in_the_source_beside_a_link_inside_a_paragraph_is_a_space() -> None:
    """A post formatted by a tool writes a paragraph's links on lines of their own ("…was published\n
    <a …>February 28</a\n>. One of …"): a reader sees one line, and so does the text; links one a line
    with nothing between them (a menu) stay lines of their own."""
    para = ("\n      A bulletin on the harbour works was published\n      <a\n        href='https://port.example/b'\n"
            "        >on Tuesday</a\n      >. The second notice can be found\n      <a href='https://port.example/n'>here</a>\n"
            "      and covers the north pier.\n    ")
    body = f"<p>{para}</p><p>The board said the work on the south quay would start in the spring and last a year.</p>"
    record = _feed_record(body, "https://port.example/2026/03/harbour-works")
    assert record.text.split("\n")[0] == ("A bulletin on the harbour works was published on Tuesday. The second notice "
                                          "can be found here and covers the north pier.")
    from pipelines.htmltext import parse_fragment, source_line_ends_as_spaces, to_text

    menu = parse_fragment("<div><a href='/'>Home</a>\n<a href='/news'>News</a>\n<a href='/sport'>Sport</a></div>")
    source_line_ends_as_spaces(menu)
    assert to_text(menu) == "Home\nNews\nSport"


@pytest.mark.parametrize("stamp", ["1772645682", "1772645682000"])
def test_an_opengraph_update_time_given_as_a_unix_time_is_read(stamp: str) -> None:
    body = "".join(f"<p>{x}</p>" for x in _FERRY)
    page = (f"<html><head><title>Ferry adds sailings</title><meta property='og:updated_time' content='{stamp}'>"
            f"</head><body><article><h1>Ferry adds sailings</h1>{body}</article></body></html>")
    record = _record(page, "https://ferrynews.example/ferry-adds-sailings")
    assert record.updated_at.isoformat() == "2026-03-04T17:34:42+00:00"


def test_a_date_in_figures_either_way_round_is_read_day_first_in_a_language_that_writes_it_so() -> None:
    """"02/12/2026" is 2 December in Spanish, as in every language but (US) English; in English it stays
    unread (either way round)."""
    es = ["El ayuntamiento aprobó el martes el nuevo presupuesto para reparar las carreteras del norte.",
          "Las obras empezarán en primavera y deberían terminar antes de que acabe el año que viene."]
    en = ["The council approved the new budget for road repairs in the north of the county on Tuesday.",
          "Work will start in the spring and should be finished before the end of next year."]
    spanish = _feed_record("<p>Publicado el 02/12/2026 a las 10:45</p>" + "".join(f"<p>{p}</p>" for p in es),
                           "https://diario.example/2026/12/obras.html")
    english = _feed_record("<p>Posted 02/12/2026 10:45</p>" + "".join(f"<p>{p}</p>" for p in en),
                           "https://daily.example/2026/12/roads.html")
    assert spanish.text.split("\n") == es and spanish.language == "es"
    assert spanish.published_at.isoformat() == "2026-12-02T10:45:00+00:00"
    assert english.text.split("\n") == en and english.published_at is None


_THREAD_BODY = ["The harbour board voted on Tuesday to dredge the northern channel before the fishing season opens.",
                "Skippers had waited for months for the work, which the regional fund will pay for over two years."]


@pytest.mark.parametrize("thread", [
    "<h3>3 Comments</h3><p><b>Ann Lee</b> wrote: Good news for the boats at last.</p><p><b>Bo Chan</b> wrote: About time.</p>",
    "<h3>Comments</h3><p><strong>Ann Lee:</strong> Good news for the boats at last.</p><p><strong>quayfan88:</strong> About time.</p>",
    "<div><h4>Reader comments</h4></div><ul><li><b>Ann Lee</b> (March 5, 2026): Good news for the boats.</li>"
    "<li><b>Bo Chan</b> (March 6, 2026): About time.</li></ul>",
    "<h2>2 thoughts on “Channel to be dredged”</h2><div><div><b>Ann Lee</b> says:</div><p>Good news for the boats.</p></div>"
    "<div><div><b>Bo Chan</b> says:</div><p>About time.</p></div>",
    # the date between the verb and the colon, and a reply form under the comments
    "<div><h3>2 Comments</h3><div><b>Ann Lee</b> said on 21/11/2026: <p>Good news for the boats.</p></div>"
    "<div><b>Bo Chan</b> said on 22/11/2026: <p>About time.</p></div><h3>Leave a reply</h3>"
    "<form><textarea></textarea><input type='submit' value='Send'></form></div>",
])
def test_readers_comments_no_element_marks_are_cut_under_their_heading(thread: str) -> None:
    """A hand-made theme's comments, in elements with no comment class (trafilatura keeps them as the
    article's text): their heading and all under it go, and a commenter is no author."""
    body = "".join(f"<p>{p}</p>" for p in _THREAD_BODY)
    page = (f"<html><head><title>Channel to be dredged</title></head><body><div><h1>Channel to be dredged</h1>"
            f"<div>{body}</div>{thread}</div></body></html>")
    record = _record(page, "https://quay.example/2026/03/channel.html")
    assert record.text.split("\n") == _THREAD_BODY and record.author is None
    assert [r.rule for r in record.removed] == ["comments.thread"]


@pytest.mark.parametrize("section", [
    # the article's own last section: quotes under a heading no comment thread has
    "<h3>Reactions</h3><p>Mayor Ann Lee: It is a good day for the port.</p><p>Bo Chan: We waited too long.</p>",
    # a heading that says "comments", over the article's own paragraphs
    "<h3>Comments</h3><p>The board received three hundred comments on the plan.</p><p>Most were in favour of it.</p>",
])
def test_an_articles_own_last_section_is_no_comment_thread(section: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in _THREAD_BODY)
    page = (f"<html><head><title>Channel to be dredged</title></head><body><div><h1>Channel to be dredged</h1>"
            f"<div>{body}{section}</div></div></body></html>")
    record = _record(page, "https://quay.example/2026/03/channel.html")
    kept = [t for t in re.split(r"<[^>]+>", section) if t.strip()]
    assert all(line in record.text.split("\n") for line in kept[1:])


_LAYOUT_POST = ["The ferry board met on Monday and agreed to run two extra crossings on summer weekends this year.",
                "Islanders had asked for the change for years, saying the last boat left too early for day visitors.",
                "The board said the extra crossings would cost little, since the crew already waits on the island.",
                "Tickets for the new crossings go on sale next month at the harbour office and on the board's site.",
                "A review of the timetable is planned for the autumn, once the summer's passenger numbers are in."]


@pytest.mark.parametrize(("side", "kept"), [
    # an old page laid out in tables inside a table: the archive's links in one, the post in another
    ("<b>Archives</b><br><a href='/a/03'>March 2026</a><br><a href='/a/02'>February 2026</a><br><b>Links</b><br>"
     "<a href='http://friend.example'>Friend blog</a>", False),
    # a side cell of sentences is no menu: it stays, as trafilatura gives it
    ("The island has one shop and one pub.<br>Both close early in winter.<br>Visitors should plan ahead.", True),
])
def test_a_nested_layout_tables_menu_cell_is_not_the_posts_text(side: str, kept: bool) -> None:
    page = ("<html><head><title>More ferries</title></head><body><table><tr><td><table><tr><td>" + side +
            "</td></tr></table></td><td><table><tr><td>More ferries</td></tr><tr><td>" + "<br><br>".join(_LAYOUT_POST) +
            "</td></tr></table></td></tr></table></body></html>")
    lines = _record(page, "https://isle.example/2026/03/ferries.html").text.split("\n")
    assert lines[-5:] == _LAYOUT_POST
    assert (lines != _LAYOUT_POST) is kept


def test_a_short_post_in_a_one_column_table_reads_as_lines_not_table_rows() -> None:
    """A table of one cell a row (the site's name, the headline, the post under them) is a frame: its
    cells read in turn, with no "| … |" around them, however short the post; a data table stays one."""
    post = ["The ferry board agreed on Monday to run two extra crossings on summer weekends.",
            "Islanders had asked for the change for years."]
    data = "<table><tr><th>Year</th><th>Boats</th></tr><tr><td>2025</td><td>4</td></tr></table>"
    page = ("<html><head><title>More ferries</title><meta property='og:site_name' content='Quay Notes'></head><body>"
            "<table><tr><td>Quay Notes</td></tr><tr><td>More ferries</td></tr><tr><td>" + "<br><br>".join(post) +
            "</td></tr></table>" + data + "</body></html>")
    lines = _record(page, "https://isle.example/2026/03/ferries.html").text.split("\n")
    assert lines == [*post, "| Year | Boats |", "| 2025 | 4 |"]


_SIDE = ("<b>Archives</b><br><a href='/a/03'>March 2026</a><br><a href='/a/02'>February 2026</a><br><b>Links</b><br>"
         "<a href='http://friend.example'>Friend blog</a>")
_ADS = ("<b>Sponsors</b><br><a href='http://ads.example/1'>Cheap ferry tickets</a><br>"
        "<a href='http://ads.example/2'>Island hotels</a><br><a href='http://ads.example/3'>Boat rental</a>")
_MENU = "<a href='/'>Home</a> | <a href='/about'>About</a> | <a href='/contact'>Contact</a>"


@pytest.mark.parametrize("layout", [
    # three columns in one table, a header row with the site's name and menu, a footer row
    "<table width=100%><tr><td colspan=3><h1>Quay Notes</h1>{menu}</td></tr><tr><td>{side}</td><td>{post}</td>"
    "<td>{ads}</td></tr><tr><td colspan=3>Copyright 2026 Quay Notes</td></tr></table>",
    # the menu's table over a table of the side columns around the post's own table
    "<table><tr><td><table><tr><td>{menu}</td></tr></table></td></tr><tr><td><table><tr><td>{side}</td><td>"
    "<table><tr><td>{post}</td></tr></table></td><td>{ads}</td></tr></table></td></tr></table>",
    # a side column with a blurb over its lists
    "<table><tr><td><b>About me</b><br>I write about the harbour and the island ferries in my spare time.<br><br>"
    "{side}</td><td>{post}</td></tr></table>",
])
def test_a_short_post_in_a_table_layout_loses_its_menus_and_columns(layout: str) -> None:
    """However short the post (under the 400 characters a layout's main cell is otherwise known by),
    the cells beside it that are menus, link lists and a copyright line are not its text."""
    post = ["The ferry board agreed on Monday to run two extra crossings on summer weekends this year.",
            "Islanders had asked for the change for years."]
    html = layout.format(menu=_MENU, side=_SIDE, ads=_ADS, post="<br><br>".join(post))
    page = f"<html><head><title>More ferries</title></head><body>{html}</body></html>"
    assert _record(page, "https://isle.example/2026/03/ferries.html").text.split("\n") == post


def test_a_data_table_of_short_cells_beside_the_post_stays() -> None:
    """A table of names and figures, one a cell, is data, not a menu: it stays beside a long post."""
    post = "".join(f"<p>{line}</p>" for line in _LAYOUT_POST)
    data = ("<table><tr><td>Worbscheid</td><td>1</td><td>Hof</td></tr><tr><td>Heimicke</td><td>3</td><td>Mühle</td></tr>"
            "</table>")
    page = f"<html><head><title>Farms</title></head><body><article><h1>Farms</h1>{post}{data}</article></body></html>"
    lines = _record(page, "https://isle.example/2026/03/farms.html").text.split("\n")
    assert lines[:5] == _LAYOUT_POST and "| Worbscheid | 1 | Hof |" in lines


@pytest.mark.parametrize("opening", ["<!DOCTYPE html>", "\n<!-- saved by the importer -->\n<html lang='en'>"])
def test_a_feed_item_that_holds_a_whole_page_is_read_as_the_page(opening: str) -> None:
    """A tool that copied the original's HTML as it was puts a whole document in the feed's item: its
    menu, side column and footer are not the post's text, as they are not on the page."""
    body = "".join(f"<p>{line}</p>" for line in _LAYOUT_POST)
    html = (f"{opening}<html><head><title>More ferries</title></head><body><div id='nav'><a href='/'>Home</a> "
            "<a href='/about'>About</a></div><div class='sidebar'><h3>Archives</h3><ul><li><a href='/m'>March 2026</a>"
            f"</li></ul></div><div class='entry-content'>{body}</div><div class='footer'>Quay Notes</div></body></html>")
    html = html.replace("<html><head>", "<head>", 1) if "<html lang" in opening else html
    assert _feed_record(html, "https://isle.example/2026/03/ferries.html").text.split("\n") == _LAYOUT_POST


AMP_PARAS = ["The harbour board approved a plan on Tuesday to rebuild the northern pier, which storms damaged twice.",
             "Work is due to start in April and should take about eighteen months, the board's chair said.",
             "Fishing crews will moor at the southern quay while the pier is closed, the board added."]


@pytest.mark.parametrize("marker", ["amp", "\u26a1"])
@pytest.mark.parametrize("container", ["<article class='post'><div class='entry-content'>{}</div></article>",
                                       "<main><div>{}</div></main>"])
def test_an_amp_pages_ad_slots_and_widgets_give_no_text(marker: str, container: str) -> None:
    """An AMP page's ad slot shows "Loading ad..." while it loads and "Sorry, no ad available" when it
    fails; its consent banner, menu sidebar and an embed's "Read more" are no text of the article either."""
    ad = ("<amp-ad width='300' height='250' type='adsense'><div placeholder>Loading ad...</div>"
          "<div fallback>Sorry, no ad available</div></amp-ad>")
    embed = ("<amp-iframe width='600' height='400' src='https://maps.example/x' sandbox='allow-scripts'>"
             "<div overflow>Read more</div></amp-iframe>")
    body = f"<p>{AMP_PARAS[0]}</p>{ad}<p>{AMP_PARAS[1]}</p>{embed}<p>{AMP_PARAS[2]}</p>"
    consent = ("<amp-consent id='c' layout='nodisplay'><div>We value your privacy and ask for your consent to store "
               "data. <button>Accept</button></div></amp-consent>")
    sidebar = ("<amp-sidebar id='s' layout='nodisplay'><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
               "</ul></amp-sidebar>")
    page = (f"<!doctype html><html {marker} lang='en'><head><meta charset='utf-8'><title>Pier plan approved</title></head>"
            f"<body>{consent}{sidebar}<h1>Pier plan approved</h1>{container.format(body)}<footer>Farm News</footer></body></html>")
    record = _record(page, "https://farm.example/2026/03/pier.html?amp=1")
    assert record.text.split("\n") == AMP_PARAS


def test_an_amp_tag_on_a_page_that_is_not_amp_is_left_to_the_extractor() -> None:
    """The components are looked for only on an AMP page: another page's element of that name (a
    made-up tag in a post) is read as any other."""
    body = f"<p>{AMP_PARAS[0]}</p><amp-ad><p>{AMP_PARAS[1]}</p></amp-ad><p>{AMP_PARAS[2]}</p>"
    record = _record(f"<html><head><title>Pier plan approved</title></head><body><article class='post'>"
                     f"<div class='entry-content'>{body}</div></article></body></html>", "https://farm.example/2026/03/pier.html")
    assert record.text.split("\n") == AMP_PARAS


THEME_PARAS = ["The harbour board approved a plan on Tuesday to rebuild the northern pier, which storms damaged twice.",
               "Work is due to start in April and should take about eighteen months, the board's chair told reporters.",
               "Fishing crews will moor at the southern quay while the pier is closed, and the ferry will not change.",
               "The rebuilt pier will be two metres higher than the old one and will have lights along its length."]


def _theme_record(inner: str):
    """The record of a theme's page whose post is THEME_PARAS, as paragraphs where inner says {body}."""
    body = "".join(f"<p>{p}</p>" for p in THEME_PARAS)
    page = ("<html lang='en'><head><title>Pier plan approved - Farm News</title></head><body><header><a href='/'>Farm "
            f"News</a></header><main class='site-main'>{inner.replace('{body}', body)}</main><footer>Copyright 2026 Farm "
            "News</footer></body></html>")
    return _record(page, "https://farm.example/2026/03/pier-plan-approved/")


_COLORMAG = ("<article class='post'><header><h1 class='cm-entry-title'>Pier plan approved</h1></header>"
             "<div class='cm-entry-summary'>{body}</div></article><div class='related-posts-wrapper'><h3>You May Also "
             "Like</h3><div class='related-posts'><div class='single-related-posts'><div class='article-content'><h3 "
             "class='entry-title'><a href='/x'>Ferry fares rise in spring</a></h3><span>March 1, 2026</span></div></div>"
             "</div></div>")
_KADENCE = ("<article class='entry single-entry post'><header class='entry-header post-title'><div class="
            "'entry-taxonomies'><a href='/c/news' rel='tag'>News</a></div><h1 class='entry-title'>Pier plan approved"
            "</h1><div class='entry-meta'><span class='posted-by'>By <a href='/author/ann'>Ann Lee</a></span></div>"
            "</header><div class='entry-content single-content'>{body}</div></article>")
_OCEANWP = ("<article id='post-12' class='post'><header class='entry-header'><h2 class='single-post-title'>Pier plan "
            "approved</h2></header><ul class='meta'><li class='meta-date'>March 3, 2026</li></ul><div class='entry-content"
            " clr'>{body}</div><nav class='navigation post-navigation'><div class='nav-links'><div class='nav-previous'>"
            "<a href='/prev' rel='prev'><span class='title'>Previous Post</span><span class='post-title'>Ferry fares rise"
            "</span></a></div></div></nav><section id='related-posts'><h3>You Might Also Like</h3><article class="
            "'related-post'><h3><a href='/x'>Ferry fares rise in spring</a></h3><time class='published' datetime="
            "'2026-02-01'>February 1, 2026</time></article></section></article>")
_DIVI = ("<div class='et_builder_inner_content'><div class='et_pb_module et_pb_post_title'><h1 class='entry-title'>Pier "
         "plan approved</h1></div><div class='et_pb_module et_pb_post_content et_pb_post_content_0_tb_body'>{body}"
         "</div><div class='et_pb_module et_pb_blog_0_tb_body'><div class='et_pb_blog_grid'><article class="
         "'et_pb_post post'><h2 class='entry-title'><a href='/x'>Ferry fares rise in spring</a></h2><div class="
         "'post-content'><div class='post-content-inner'><p>Fares on the island ferry will go up by a tenth in "
         "spring, the operator said.</p></div></div></article></div></div></div>")


@pytest.mark.parametrize("inner", [pytest.param(_COLORMAG, id="colormag"), pytest.param(_KADENCE, id="kadence"),
                                   pytest.param(_OCEANWP, id="oceanwp"), pytest.param(_DIVI, id="divi")])
def test_a_themes_boxes_of_other_posts_and_its_header_give_not_the_posts_title_text_or_date(inner: str) -> None:
    """ColorMag's post is "cm-entry-title" over "cm-entry-summary"; its related list holds the page's
    only "entry-title" and "article-content" (the related headline had been the title, its two lines
    the text). Kadence names the whole entry header "post-title" (the category, the headline, the
    byline): its headline is the title. OceanWP names the neighbour's headline in the post navigation
    "post-title", and its related posts carry <time class="published">. Divi's theme builder: the Post
    Content module holds the post, a Blog module's teaser the page's only "post-content" box."""
    record = _theme_record(inner)
    assert record.title == "Pier plan approved" and record.text.split("\n") == THEME_PARAS
    assert record.published_at is None or record.published_at.date().isoformat() != "2026-02-01"


def test_a_related_heading_in_a_page_builders_column_takes_only_the_box_under_it() -> None:
    """An Elementor template's column holds the post, its share buttons and navigation, then "Related
    Posts" over teasers: the box a related heading opens takes nothing above the heading (the whole
    column, article and all, had gone as a list of teasers)."""
    widget = "<div class='elementor-element elementor-widget-{}'><div class='elementor-widget-container'>{}</div></div>"
    teasers = "".join(f"<article class='elementor-post'><h3><a href='/{slug}'>{title}</a></h3><p>{teaser}</p>"
                      f"<a href='/{slug}'>Read More \u00bb</a></article>"
                      for slug, title, teaser in (("x", "Ferry fares rise in spring", "Fares go up by a tenth."),
                                                  ("y", "New lighthouse keeper named", "The point has a new keeper.")))
    column = (widget.format("theme-post-title", "<h1>Pier plan approved</h1>") + widget.format("theme-post-content", "{body}")
              + widget.format("post-navigation", "<a href='/prev'>Previous</a> <a href='/next'>Next</a>")
              + widget.format("heading", "<h2>Related Posts</h2>")
              + widget.format("posts", f"<div class='elementor-posts'>{teasers}</div>"))
    inner = f"<div class='elementor elementor-12'><section><div class='elementor-widget-wrap'>{column}</div></section></div>"
    record = _theme_record(inner)
    assert record.text.split("\n") == THEME_PARAS


def _cms_page(head: str, body: str, url: str = "https://farm.example/2026/03/pier-plan-approved/"):
    """The record of a page of another platform than WordPress or Blogger, THEME_PARAS where body
    says {body}."""
    paras = "".join(f"<p>{p}</p>" for p in THEME_PARAS)
    return _record(f"<html lang='en'><head><title>Pier plan approved - Farm News</title>{head}</head><body>"
                   f"{body.replace('{body}', paras)}</body></html>", url)


_GHOST_CASPER = ("<main id='site-main'><article class='article post'><header class='article-header gh-canvas'><h1 class="
                 "'article-title'>Pier plan approved</h1><p class='article-excerpt'>The northern pier will be rebuilt from "
                 "April.</p><div class='article-byline'><h4 class='author-name'><a href='/author/ann/'>Ann Lee</a></h4><time "
                 "class='byline-meta-date' datetime='2026-03-03'>Mar 3, 2026</time><span class='byline-reading-time'>2 min "
                 "read</span></div></header><section class='gh-content gh-canvas'>{body}</section></article></main><aside "
                 "class='read-more-wrap'><article class='post-card post'><h2 class='post-card-title'>Ferry fares rise</h2>"
                 "<div class='post-card-excerpt'>Fares go up from May.</div></article></aside>")
_GHOST_SOURCE = ("<main class='gh-main'><article class='gh-article post'><header class='gh-article-header gh-canvas'><h1 "
                 "class='gh-article-title is-title'>Pier plan approved</h1><p class='gh-article-excerpt is-body'>The northern "
                 "pier will be rebuilt from April.</p><div class='gh-article-meta'><h4 class='gh-article-author-name'><a "
                 "href='/author/ann/'>Ann Lee</a></h4><time class='gh-article-meta-date' datetime='2026-03-03'>Mar 3, 2026"
                 "</time></div></header><section class='gh-content gh-canvas is-body'>{body}</section></article></main>")
_JOOMLA4 = ("<main><div class='com-content-article item-page' itemscope itemtype='https://schema.org/Article'><div class="
            "'page-header'><h1 itemprop='headline'>Pier plan approved</h1></div><dl class='article-info text-muted'><dt>"
            "Details</dt><dd class='createdby' itemprop='author' itemscope itemtype='https://schema.org/Person'>Written by: "
            "<span itemprop='name'>Ann Lee</span></dd><dd class='published'><time datetime='2026-03-03T10:21:00+00:00' "
            "itemprop='datePublished'>Published: 03 March 2026</time></dd><dd class='hits'>Hits: 123</dd></dl><div "
            "itemprop='articleBody' class='com-content-article__body'>{body}</div></div></main>")
_JOOMLA3 = ("<main id='content'><div class='item-page' itemscope itemtype='https://schema.org/Article'><div class='page-header'>"
            "<h2 itemprop='headline'>Pier plan approved</h2></div><dl class='article-info muted'><dd class='createdby' "
            "itemprop='author' itemscope itemtype='https://schema.org/Person'>Written by <span itemprop='name'>Ann Lee</span>"
            "</dd><dd class='published'><time datetime='2026-03-03T10:21:00+00:00' itemprop='datePublished'>Published: 03 "
            "March 2026</time></dd></dl><div itemprop='articleBody'>{body}</div></div></main>")
# (minima links the site's title in its header to the home page as rel="author")
_JEKYLL = ("<header class='site-header'><a class='site-title' rel='author' href='/'>Farm News</a></header><main class="
           "'page-content'><article class='post h-entry' itemscope itemtype='http://schema.org/BlogPosting'><header class="
           "'post-header'><h1 class='post-title p-name' itemprop='name headline'>Pier plan approved</h1><p class='post-meta'>"
           "<time class='dt-published' datetime='2026-03-03T10:21:00+00:00' itemprop='datePublished'>Mar 3, 2026</time> • "
           "<span itemprop='author' itemscope itemtype='http://schema.org/Person'><span class='p-author h-card' itemprop="
           "'name'>Ann Lee</span></span></p></header><div class='post-content e-content' itemprop='articleBody'>{body}</div>"
           "</article></main>")
# (Telegraph's editor repeats the headline and the writer's <address> inside the article)
_TELEGRAPH = ("<main class='tl_article'><header class='tl_article_header'><h1>Pier plan approved</h1><address><a rel='author'>"
              "Ann Lee</a><time datetime='2026-03-03T10:21:00+0000'>March 3, 2026</time></address></header><article id="
              "'_tl_editor' class='tl_article_content'><h1>Pier plan approved<br></h1><address>Ann Lee<br></address>{body}"
              "</article><aside class='tl_article_buttons'><button class='button edit_button'>Edit</button></aside></main>"
              "<div class='tl_page_footer'><div class='tl_footer_button'>Report content on this page</div></div>")


@pytest.mark.parametrize("body", [pytest.param(_GHOST_CASPER, id="ghost-casper"), pytest.param(_GHOST_SOURCE, id="ghost-source"),
                                  pytest.param(_JOOMLA4, id="joomla4"), pytest.param(_JOOMLA3, id="joomla3"),
                                  pytest.param(_JEKYLL, id="jekyll-minima"), pytest.param(_TELEGRAPH, id="telegraph")])
def test_a_page_of_ghost_joomla_jekyll_or_telegraph_gives_the_posts_text_and_writer(body: str) -> None:
    """Ghost's post is its "gh-content" under a header with the custom excerpt (which had opened the
    text); Joomla and Jekyll name the writer in schema.org microdata alone (Joomla's post had no
    author; Jekyll's was the site's title, which minima links home as rel="author"); Telegraph's
    article repeats the writer's line under the headline (it had opened the text)."""
    record = _cms_page("<meta property='og:type' content='article'>", body)
    assert record.title == "Pier plan approved" and record.text.split("\n") == THEME_PARAS
    assert record.author == "Ann Lee" and record.published_at.date().isoformat() == "2026-03-03"


_JA_PARAS = ["港の新しい桟橋の計画が火曜日に承認され、工事は四月に始まる予定です。北側の桟橋は嵐で二度壊れました。",
             "工事の期間はおよそ十八か月で、漁船は南側の岸壁を使うことになります。フェリーの時刻表は変わりません。"]
_ZH_PARAS = ["港务局周二批准了重建北码头的计划，该码头曾两次被风暴损坏，工程将于四月开工。",
             "工程预计持续约十八个月，期间渔船将暂时停靠南码头，渡轮时刻表保持不变。"]


def test_an_ameba_entrys_body_leaves_its_like_comment_and_reblog_row() -> None:
    body = "<br><br>".join(_JA_PARAS)
    page = ("<html lang='ja'><head><title>桟橋の計画が承認 | 港のブログ</title></head><body><article><h1 class='skin-entryTitle'>"
            f"桟橋の計画が承認</h1><div class='skin-entryBody' id='entryBody'>{body}</div><div class='skin-entryFoot'><div>"
            "コメント(0)</div><div>リブログ(0)</div><div>いいね！した人</div></div><div class='skin-reader'><p>ブログの更新情報が"
            "受け取れて、アクセスが簡単になります</p><button>フォローする</button></div></article></body></html>")
    record = _record(page, "https://ameblo.jp/minato/entry-12345678901.html")
    assert record.title == "桟橋の計画が承認" and record.text.split("\n") == _JA_PARAS


@pytest.mark.parametrize("title", ["港务局批准重建北码头计划_港口博客_新浪博客", "港务局批准重建北码头计划-港口新闻网",
                                   "港口博客｜港务局批准重建北码头计划"])
def test_a_chinese_titles_parts_joined_without_spaces_give_the_heading_it_spells(title: str) -> None:
    """Sina Blog's post title is an <h2 class="titName"> no rule reads: the <title>'s part it spells."""
    paras = "".join(f"<p>{p}</p>" for p in _ZH_PARAS)
    page = (f"<html><head><title>{title}</title></head><body><div class='articalTitle'><h2 class='titName SG_txta'>"
            f"港务局批准重建北码头计划</h2></div><div class='articalContent'>{paras}</div></body></html>")
    record = _record(page, "http://blog.sina.com.cn/s/blog_6a1b2c3d0102abcd.html")
    assert record.title == "港务局批准重建北码头计划" and record.text.split("\n") == _ZH_PARAS


@pytest.mark.parametrize("box", [
    # a listing: each teaser's writer in microdata, no article's
    "<div class='teaser' itemscope itemtype='https://schema.org/Article'><h2>Ferry fares rise</h2><p itemprop='author' "
    "itemscope itemtype='https://schema.org/Person'><span itemprop='name'>Bo Chan</span></p></div><div class='teaser' "
    "itemscope itemtype='https://schema.org/Article'><h2>Quay lights fixed</h2><p itemprop='author' itemscope itemtype="
    "'https://schema.org/Person'><span itemprop='name'>Cy Dunn</span></p></div>",
    # a review's writer, and a publisher named as the article's author
    "<div itemscope itemtype='https://schema.org/Review'><span itemprop='author'>Bo Chan</span></div>",
    "<div itemscope itemtype='https://schema.org/NewsArticle'><div itemprop='author' itemscope itemtype="
    "'https://schema.org/Organization'><span itemprop='name'>Farm Editorial</span></div></div>",
])
def test_microdata_names_no_writer_for_several_articles_a_review_or_an_organisation(box: str) -> None:
    """Such microdata does not stand before the writer the page's <meta name="author"> names."""
    record = _cms_page("<meta name='author' content='Ann Lee'>", f"<main><div class='post-body-x'>{{body}}</div>{box}</main>")
    assert record.author == "Ann Lee"


_FEES = "<p>The harbour board approved the new pontoons on Tuesday after a long debate about fees and berths.</p>"


@pytest.mark.parametrize(("html", "fragment"), [
    # read by trafilatura: one \x10 in a paragraph, and it read nothing (an empty_text reject)
    (f"<html><head><title>Pontoons</title></head><body><div class='x'><h1>Pontoons</h1>{_FEES}"
     f"<p>Work starts in May\x10 and ends in\x0cJune, the board said to the press.</p>{_FEES}</div></body></html>", False),
    # a lone <div> of text among paragraphs, made a paragraph before trafilatura: lxml raised ValueError
    (f"<html><head><title>Pontoons</title></head><body><div class='x'><h1>Pontoons</h1>{_FEES}"
     f"<div>Work starts in May\x10 and ends in\x0cJune, the board said to the press in the town.</div>{_FEES}</div>"
     "</body></html>", False),
    # a platform's container, and a feed's body
    (f"<html><head><meta name='generator' content='blogger'><title>Pontoons</title></head><body>"
     f"<div class='post-body entry-content'>{_FEES}<p>Work starts in May\x10 and ends in\x0cJune.</p></div></body></html>",
     False),
    (f"{_FEES}<p>Work starts in May\x10 and ends in\x0cJune.</p>", True),
])
def test_control_characters_xml_does_not_hold_are_dropped(html: str, fragment: bool) -> None:
    from pipelines.extraction import ExtractOptions, extract_post
    from schemas.raw import BlogInfo, RawPost

    raw = RawPost(url="https://harbour.example/pontoons/", via="rss" if fragment else "page", html=html,
                  is_fragment=fragment, blog=BlogInfo(url="https://harbour.example/", host="harbour.example"))
    text = extract_post(raw, load_rules(), ExtractOptions()).text
    assert "Work starts in May and ends in June" in text and not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)


_FISH_PASS = ["The river authority opened the new fish pass at Holmbridge weir on Monday, ten years after the first plans.",
          "Salmon and sea trout could not climb the old weir in low water, and counts upstream had fallen every year.",
          "The pass is a staircase of twenty concrete pools, each a little higher than the last, beside the weir's east bank.",
          "A camera at the top pool counts the fish that reach it and sends the pictures to the authority's office.",
          "Anglers' clubs paid a fifth of the cost; the rest came from the authority and a national river fund.",
          "The first salmon was filmed in the top pool on Tuesday morning, less than a day after the gates opened."]


def _fish_pass_page(article: str) -> str:
    return ("<html><head><title>Fish pass opens at Holmbridge weir</title></head><body><div class='site'>"
            f"<main class='content'>{article}</main><aside class='sidebar'><p>Recent posts and archives.</p></aside>"
            "</div></body></html>")


def _paras(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


@pytest.mark.parametrize("article", [
    # a stray </div> in the post's own HTML closes the container after its second paragraph; a
    # browser (and libxml2) puts the rest of the post after it
    f"<h1>Fish pass opens at Holmbridge weir</h1><div class='entry-content'>{_paras(_FISH_PASS[:2])}<div></div></div>"
    f"{_paras(_FISH_PASS[2:])}</div><div class='entry-footer'><a href='/tag/rivers/'>rivers</a></div>",
    # a gallery post: a short intro in the container, the post's text in the slides beside it
    f"<h1>Fish pass opens at Holmbridge weir</h1><div class='post-content'>{_paras(_FISH_PASS[:1])}</div>"
    f"<div class='slides'>" + "".join(f"<div class='slide'><img src='/s{n}.jpg'><p>{line}</p></div>"
                                      for n, line in enumerate(_FISH_PASS[1:])) + "</div>",
])
def test_a_container_that_holds_only_the_start_of_its_post_is_not_the_post(article: str) -> None:
    from pipelines.extraction import ExtractOptions, extract_post
    from schemas.raw import BlogInfo, RawPost

    raw = RawPost(url="https://riverside.example/fish-pass/", via="page", html=_fish_pass_page(article),
                  blog=BlogInfo(url="https://riverside.example/", host="riverside.example"))
    got = extract_post(raw, load_rules(), ExtractOptions())
    assert got.method == "trafilatura" and all(line in got.text for line in _FISH_PASS)


def test_a_themes_boxes_after_the_container_leave_it_the_post() -> None:
    """An author's bio, a disclaimer, related posts with their excerpts and the readers' comments follow
    many posts' containers under the same parent: prose, but not the post's."""
    from pipelines.extraction import ExtractOptions, extract_post
    from schemas.raw import BlogInfo, RawPost

    others = ("<div class='author-box'><p>Mara Lind writes about rivers, weirs and the fish that climb them. She "
              "lives by the Holme with two dogs and a leaky canoe, and has counted salmon for the anglers' club since "
              "the first survey of the weir.</p></div><div class='disclaimer'><p>The views in "
              "this post are the writer's own and not those of the river authority or its partners.</p></div>"
              "<div class='related-posts'><p>Otters return to the lower Holme after forty years away, counts show.</p>"
              "<p>A new footbridge over the Holme at Thongsbridge opens to walkers and cyclists in June.</p></div>"
              "<div id='comments'><p>Great news, I saw a trout jump at the weir last summer and wondered how they "
              "would ever get past it.</p><p>About time too, the old weir has been a barrier for a century.</p></div>")
    article = f"<h1>Fish pass opens at Holmbridge weir</h1><div class='entry-content'>{_paras(_FISH_PASS[:3])}</div>{others}"
    raw = RawPost(url="https://riverside.example/fish-pass/", via="page", html=_fish_pass_page(article),
                  blog=BlogInfo(url="https://riverside.example/", host="riverside.example"))
    got = extract_post(raw, load_rules(), ExtractOptions())
    assert (got.method, got.text) == ("container", "\n".join(_FISH_PASS[:3]))


@pytest.mark.parametrize(("box", "before", "title"), [
    # a sidebar widget's heading before the post
    ("<div class='sidebar'><div class='widget'><h3 class='widget-title'>Styles</h3><ul><li><a href='/s/a'>Bold</a>"
     "</li><li><a href='/s/b'>Calm</a></li></ul></div></div>", True, "Fish pass opens at Holmbridge weir"),
    # a comment box's heading after it
    ("<div id='respond'><h3 id='reply-title'>Got Feedback? Join the Discussion</h3><form><textarea></textarea>"
     "</form></div>", False, "Fish pass opens at Holmbridge weir"),
    # the page's headline, though its words are not the <title>'s: the post's title
    ("<h1 class='title'>Salmon climb past the old barrier at last</h1>", True, "Salmon climb past the old barrier at last"),
])
def test_a_boxs_heading_named_a_title_is_not_the_posts_title(box: str, before: bool, title: str) -> None:
    """trafilatura's title search takes any <h2>/<h3> whose class or id says "title" on a page with no
    <h1>: a heading that shares none of the <title>'s words is not the post's; the <title> is."""
    post = f"<div class='post'><div class='byline'>Posted in Rivers</div>{_paras(_FISH_PASS[:3])}</div>"
    page = ("<html><head><title>Fish pass opens at Holmbridge weir | Riverside Notes</title>"
            "<meta property='og:site_name' content='Riverside Notes'></head><body>"
            f"<div class='site'>{box if before else ''}{post}{'' if before else box}</div></body></html>")
    record = _record(page, "https://riverside.example/2026/05/fish-pass.html")
    assert record.title == title


_BOXED = [
    # a tag list, share buttons, related stories with a heading, an ad slot by its id: cut
    "<ul id='article-tags'><li><a href='/t/weir'>weir</a></li><li><a href='/t/salmon'>salmon</a></li></ul>",
    "<div class='article-body__social-container'><a href='https://facebook.com/sharer'>Share on Facebook</a>"
    "<a href='https://twitter.com/intent'>Share on Twitter</a></div>",
    "<div class='relatedContentList'><p>More river news</p><ul><li><a href='/otters'>Otters return to the Holme"
    "</a></li><li><a href='/bridge'>New footbridge opens at Thongsbridge</a></li></ul></div>",
    "<div id='ad-slot-3'>Advertisement</div><p><a class='story-related' href='/eels'>Eels counted at the weir</a></p>",
    # a share plugin's row by its name (Shariff's, whose buttons' words are the site's language's verbs)
    "<div class='shariff'><ul><li><a href='https://twitter.com/share'>twittern</a></li><li><a "
    "href='https://facebook.com/sharer'>teilen</a></li></ul></div>",
]
_KEPT = [
    # a box so named that holds prose of its own (a "related facts" panel the writer wrote): kept
    "<div class='related-facts'><p>The weir was built in 1848 to drive the wheels of three woollen mills, and it "
    "stayed in use until the last of them closed in 1971. Since then it has held back the river for no purpose, "
    "and the authority's surveys counted fewer salmon above it every year, while the pools below it filled with "
    "fish that could not climb the two-metre step.</p></div>",
    # a word in a sentence whose class is one of the words: no box
    "<p>The council bought an <span class='ad'>advert</span> in the town paper to announce the opening.</p>",
]


@pytest.mark.parametrize("fragment", [False, True])
def test_boxes_a_word_of_their_class_names_as_other_things_are_cut_from_a_post_body(fragment: bool) -> None:
    """A news site's tags, share bar, related list and ad slot inside the body a platform's container
    or a feed gives (html.toml [named_boxes]); a box so named with prose of its own stays."""
    from pipelines.extraction import ExtractOptions, extract_post
    from schemas.raw import BlogInfo, RawPost

    inner = (_paras(_FISH_PASS[:2]) + _BOXED[0] + _BOXED[3] + _paras(_FISH_PASS[2:4]) + _KEPT[0] + _BOXED[2]
             + _paras(_FISH_PASS[4:]) + _KEPT[1] + _BOXED[1] + _BOXED[4])
    html = inner if fragment else (
        "<html><head><meta name='generator' content='blogger'><title>Fish pass opens</title></head><body>"
        f"<div class='post hentry'><div class='post-body entry-content'>{inner}</div></div></body></html>")
    raw = RawPost(url="https://riverside.blogspot.com/2026/05/fish-pass.html", via="rss" if fragment else "page",
                  html=html, is_fragment=fragment,
                  blog=BlogInfo(url="https://riverside.blogspot.com/", host="riverside.blogspot.com"))
    got = extract_post(raw, load_rules(), ExtractOptions())
    kept = [re.sub("<[^>]+>", "", box) for box in _KEPT]
    assert got.text.split("\n") == [*_FISH_PASS[:4], kept[0], *_FISH_PASS[4:], kept[1]]
    assert [text for rule, text in got.removed if rule == "html.named-box"] == [
        "weir salmon", "Advertisement", "Eels counted at the weir", "More river news Otters return to the Holme New footbridge opens at "
        "Thongsbridge", "Share on Facebook Share on Twitter", "twittern teilen"]


def test_named_boxes_are_data_and_a_bad_word_is_a_one_line_error(tmp_path: Path) -> None:
    from pipelines.extraction import ExtractOptions, extract_post
    from pipelines.rules import RuleError, check_rule_dirs
    from schemas.raw import BlogInfo, RawPost

    (tmp_path / "boxes.toml").write_text('[named_boxes]\nwords = ["river-teaser"]\n')
    rules = load_rules((str(tmp_path),))
    body = (_paras(_FISH_PASS[:3]) + "<div class='box-river-teaser'><a href='/otters'>Otters return</a></div>"
            + "<div class='teaser'><p>Not this one: only the run of words names a box.</p></div>")
    raw = RawPost(url="https://riverside.example/fish-pass/", via="rss", html=body, is_fragment=True,
                  blog=BlogInfo(url="https://riverside.example/", host="riverside.example"))
    got = extract_post(raw, rules, ExtractOptions())
    assert got.text.split("\n") == [*_FISH_PASS[:3], "Not this one: only the run of words names a box."]
    (tmp_path / "boxes.toml").write_text('[named_boxes]\nwords = ["Share Box"]\n')
    with pytest.raises(RuleError, match="named_boxes") as err:
        check_rule_dirs((str(tmp_path),))
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(("line", "published"), [
    # Thai's era before the year; the year's "г." / "р." after it (Russian, Bulgarian, Ukrainian), which
    # ends the line with a dot as no sentence here does; Bulgarian's label
    ("เผยแพร่เมื่อ 17 กุมภาพันธ์ พ.ศ. 2569", "2026-02-17T00:00:00+00:00"),
    ("Опубликовано: 17 февраля 2026 г.", "2026-02-17T00:00:00+00:00"),
    ("Опубликовано: 17 февраля 2026 г., 10:30", "2026-02-17T10:30:00+00:00"),
    ("Опубліковано: 17 лютого 2026 р.", "2026-02-17T00:00:00+00:00"),
    ("Публикувано на 17 февруари 2026 г.", "2026-02-17T00:00:00+00:00"),
    ("تاریخ انتشار: ۲۸ بهمن ۱۴۰۴ - ۱۰:۳۰", "2026-02-17T10:30:00+00:00"),
    # Arabic's Gregorian year mark written on to the year ("2026م"), its evening and morning marks after a time
    ("نشر في: 17 فبراير 2026م", "2026-02-17T00:00:00+00:00"),
    ("نشر في: 17 فبراير 2026م - 09:15 م", "2026-02-17T21:15:00+00:00"),
    ("تاريخ النشر: 17 فبراير 2026 10:30 ص", "2026-02-17T10:30:00+00:00"),
    # Thai's months' short forms, with their dots; a year an era counts (Japan's, the Republic of China's)
    ("เผยแพร่เมื่อ 17 ก.พ. 2569", "2026-02-17T00:00:00+00:00"), ("วันที่ 17 ก.พ. 2569 10:30", "2026-02-17T10:30:00+00:00"),
    ("نشر في: 29 شعبان 1447 هـ", "2026-02-17T00:00:00+00:00"), ("تاريخ النشر: 17 تشرين الثاني 2026", "2026-11-17T00:00:00+00:00"),
    ("公開日：令和8年2月17日", "2026-02-17T00:00:00+00:00"),
    # Bengali (its "য়" written as one character too, or as two), Urdu, Swahili, Filipino; a zone after "AM"
    ("প্রকাশিত: ১৭ ফেব্রুয়ারি ২০২৬, ১০:৩০", "2026-02-17T10:30:00+00:00"),
    ("প্রকাশিত: ১৭ ফেব্রু\u09dfারি ২০২৬", "2026-02-17T00:00:00+00:00"),
    ("تاریخ اشاعت: 17 فروری 2026 10:30 PKT", "2026-02-17T05:30:00+00:00"), ("Imechapishwa: 17 Februari 2026", "2026-02-17T00:00:00+00:00"),
    ("شائع: 17 فروری، 2026", "2026-02-17T00:00:00+00:00"),
    ("Inilathala noong Pebrero 17, 2026 10:30 AM", "2026-02-17T10:30:00+00:00"),
    ("Published: February 17, 2026 10:30 PM IST", "2026-02-17T17:00:00+00:00"), ("發布時間：民國115年2月17日 10:30", "2026-02-17T10:30:00+00:00"),
])
def test_a_date_line_as_more_languages_write_it_dates_the_post_and_is_cut(line: str, published: str) -> None:
    paras = "".join(f"<p>The city opened a new public library by the harbour, with room for two hundred readers, wing {n}.</p>"
                    for n in range(4))
    record = _feed_record(f"<p>{line}</p>{paras}", "https://library-news.example/2026/02/library.html")
    assert record.published_at.isoformat() == published
    assert [(r.rule, r.text) for r in record.removed] == [("chrome.date-label", line)]
