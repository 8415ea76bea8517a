"""Read page metadata (title, dates, author, labels, canonical URL, platform, UI language) from an lxml tree."""

from __future__ import annotations

import calendar
import html
import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date as _day, timedelta
from itertools import accumulate, islice
from urllib.parse import urljoin, urlsplit

from lxml import etree

from pipelines.cleaning import TITLE_AFFIX_SEPS
from pipelines.htmltext import fold_spaces, hidden_by_class, parse_fragment, to_text
from pipelines.normalize import to_utc, zoned
from pipelines.rules import HIJRI, SOLAR_HIJRI, Months, fold, site_host, url_host, url_parses

_GCFG_LANG = re.compile(r"""___gcfg\s*=\s*\{\s*['"]lang['"]\s*:\s*['"]([A-Za-z_-]{2,8})['"]""")


# Post title classes by platform template, most specific first (SIGNATURES §6); then //article//h1.
_TITLE_CLASSES = ("post-title", "entry-title")
# Body containers: used when exactly one matches, so index pages fall back to trafilatura.
# (platform, class, tag, an ancestor it must have); the itemprop container is found by its itemprop.
BODY_CONTAINERS = (
    ("blogger", "post-body", "div", None),
    ("wordpress", "entry-content", "div", "article"),
    ("wordpress", "amp-wp-article-content", "div", None),  # the AMP plugin's reader-mode page
    ("generic", "@itemprop=articleBody", None, None),
    ("generic", "entry-content", "div", None),
    # Divi's theme builder: the template's Post Content module (a Blog module beside it lists other
    # posts, each body in a "post-content" box)
    ("generic", "et_pb_post_content", "div", None),
    ("generic", "post-content", "div", None),
    ("generic", "article-content", "div", None),
    # WordPress's old default themes and the many themes made from them, still the dress of old blogs
    # and autoblogs: <div class="post" id="post-N"> holds the headline, a date line, the text in
    # <div class="entry"> (Kubrick) or <div class="storycontent"> (Classic) and the meta lines; such
    # a box counts only under such a post
    ("generic", "entry", "div", "post"),
    ("generic", "storycontent", "div", "post"),
    # Ghost's themes (Casper, Source, …): <section class="gh-content"> under the article's header,
    # whose custom excerpt stands between the headline and the byline
    ("generic", "gh-content", None, None),
    # Telegraph (telegra.ph): its editor's <article> repeats the headline and the author's line
    ("telegraph", "tl_article_content", "article", None),
    # Ameba Blog (ameblo.jp): the entry's body under its head, above the like, comment and reblog row
    ("generic", "skin-entryBody", "div", None),
)


_INDEXED_ATTRIBUTES = etree.XPath(".//@class | .//@id | .//@itemprop")


class ClassIndex:
    """Elements by class name (and by id and itemprop), in document order, from one pass over the
    page.

    Stands in for XPaths like //*[contains(concat(' ', normalize-space(@class), ' '), ' x ')], which
    evaluate string functions on every element of the page: a dozen of them were most of the time
    spent reading the metadata of a page with a heavy theme."""

    __slots__ = ("by_name", "by_id", "by_itemprop")

    def __init__(self, tree: etree._Element) -> None:
        self.by_name: dict[str, list[etree._Element]] = {}
        self.by_id: dict[str, list[etree._Element]] = {}
        self.by_itemprop: dict[str, list[etree._Element]] = {}
        # (the three attributes' values, in document order, from one XPath: ~2.5x faster than a
        # walk of every element that reads its attributes, on a theme's 800-element page; and a
        # theme repeats a few dozen class values over hundreds of elements, each split once)
        names_of: dict[str, set[str]] = {}
        for value in _INDEXED_ATTRIBUTES(tree):
            el = value.getparent()
            kind = value.attrname
            if kind == "class":
                if value:
                    names = names_of.get(value)
                    if names is None:
                        names = names_of[value] = set(value.split())
                    for name in names:
                        self.by_name.setdefault(name, []).append(el)
            elif kind == "id":
                self.by_id.setdefault(str(value), []).append(el)
            else:
                self.by_itemprop.setdefault(str(value), []).append(el)

    def get(self, name: str, tag: str | None = None, within: str | None = None) -> list[etree._Element]:
        """Elements of class name (of that tag; with an ancestor of tag `within`)."""
        found = self.by_name.get(name, [])
        if tag:
            found = [el for el in found if el.tag == tag]
        if within:
            found = [el for el in found if _inside(el, within)]
        return found

    def has(self, el: etree._Element, *names: str) -> bool:
        return bool(set((el.get("class") or "").split()).intersection(names))


class _Links:
    """The page's links and their hrefs, in page order. A theme's page has hundreds of links and
    read_meta looks in them for a few kinds (an author's page, a tag's): each kind is searched for
    once in all the hrefs joined, instead of link by link (~0.5 ms a page of a heavy theme)."""

    __slots__ = ("anchors", "hrefs", "_joined", "_lowered", "_starts")

    def __init__(self, tree: etree._Element) -> None:
        self.anchors = list(tree.iter("a"))
        self.hrefs = [a.get("href") or "" for a in self.anchors]
        self._joined: str | None = None
        self._lowered: str | None = None
        self._starts: list[int] = []

    def joined(self) -> str:
        """The hrefs joined by line breaks."""
        if self._joined is None:
            self._joined = "\n".join(self.hrefs)
            self._starts = list(accumulate((len(h) + 1 for h in self.hrefs[:-1]), initial=0))
        return self._joined

    def with_href(self, pattern: re.Pattern[str], lowered: bool = False) -> list[int]:
        """The indexes of the links whose href (lower-cased: a case-sensitive pattern of lower-case
        words runs ~4x faster than the same with re.I) the pattern finds something in, in page
        order. The pattern must match no line break and hold no anchor: it runs over the hrefs
        joined by line breaks."""
        text = self.joined()
        if lowered:
            if self._lowered is None:
                self._lowered = text.lower()
            text = self._lowered
        found: list[int] = []
        for m in pattern.finditer(text):
            i = bisect_right(self._starts, m.start()) - 1
            if not found or found[-1] != i:
                found.append(i)
        return found


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    html_title: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    labels: list[str] = field(default_factory=list)
    generator: str | None = None
    platform: str = "generic"
    ui_language: str | None = None
    feeds: list[tuple[str, str]] = field(default_factory=list)  # (type, absolute href)
    wp_api_root: str | None = None
    sitemaps: list[str] = field(default_factory=list)
    offsite_permalink: str | None = None  # FeedWordPress: the post's title links to the original
    home_heading: str | None = None  # an <h1> that is only a link to the site's home: its name, not a headline
    offsite_canonical: str | None = None  # a canonical URL on another site: the original a copy points to
    # the short lines printed just above a post body read from its container (its heading, its
    # "Posted on May 9, 2026 by Jane Roe" line): where a byline or date outside the body is read
    header_lines: list[str] = field(default_factory=list)
    # the JSON-LD article node's articleBody, its lines: the whole text on a page that shows a teaser
    # of it (a script-rendered theme, a "continue reading" box), or nothing at all
    ld_body: str | None = None
    ld_headline: str | None = None  # that node's headline
    heading: str | None = None  # the page's one <h1>, when the title is it and a shorter part beside it
    # the texts of the theme's meta lines and post footers, read before any cut (meta_lines): where
    # the date of a page whose metadata names none may be
    meta_lines: list[str] = field(default_factory=list)


def _texts(nodes) -> str | None:
    for node in nodes:
        text = fold_spaces(node if isinstance(node, str) else " ".join(node.itertext()))
        if text:
            return text
    return None


# a link to an author's page (WordPress, Ghost, most CMSs: /author/jane-doe/; news sites' /people/,
# /by/, /staff/, /journalist/), and a name's shape: one to five words, not "View all posts" or "More
# from this author"
_AUTHOR_FOLDER = r"/(authors?|writers?|penulis|autor|auteur|people|by|staff|journalists?|reporters?|columnists?|contributors?)/"
_AUTHOR_PAGE = re.compile(_AUTHOR_FOLDER + r"[^/]+/?$", re.I)
_AUTHOR_HREF = re.compile(_AUTHOR_FOLDER)  # (run over lower-cased hrefs)
# (with the combining marks that \w leaves out: Devanagari's vowel signs and virama, Thai's vowels)
_MARKS = "\u0300-\u036f\u0900-\u0dff\u0e00-\u0e7f\u1000-\u109f"
_NAME_SHAPE = re.compile(rf"(?!(view|see|all|more|posts?)\b)[^\W\d_][\w.'’{_MARKS}-]*( [\w.'’{_MARKS}-]+){{0,4}}",
                         re.I)


def _author_link(links: _Links, url: str) -> str | None:
    """The name on the page's links to one author's page on its own site; None when they lead to
    more than one (a sidebar's list of the site's writers) or none has a name's shape."""
    names: dict[str, str | None] = {}
    for i in links.with_href(_AUTHOR_HREF, lowered=True):  # (cheap first: a page has hundreds of links)
        a, href = links.anchors[i], links.hrefs[i]
        link = joined(url, href)
        if link is None or not _AUTHOR_PAGE.search(urlsplit(link).path) or url_host(link) != url_host(url):
            continue
        text = fold_spaces(" ".join(a.itertext()))
        text = re.sub(r"^(by|oleh|por|par|von|di)\s+", "", text, flags=re.I)
        key = link.rstrip("/")
        if names.get(key) is None:
            names[key] = text if _NAME_SHAPE.fullmatch(text) else None
    return next(iter(names.values())) if len(names) == 1 else None


def _first(tree: etree._Element, xpath: str) -> str | None:
    return _texts(tree.xpath(xpath))


class _Head:
    """The page's <meta>, <link> and <script> elements, from one walk each: the few dozen lookups
    read_meta makes in them were each a walk of the whole page as XPaths."""

    __slots__ = ("meta", "tags", "authors", "links", "scripts", "_ld")

    def __init__(self, tree: etree._Element) -> None:
        self.meta: dict[str, str] = {}  # property / name / itemprop -> first non-empty content
        self.tags: list[str] = []  # every article:section and article:tag, in page order
        self.authors: list[tuple[str, str]] = []  # every (attribute, content) of an "author" meta
        for el in tree.iter("meta"):
            content = fold_spaces(el.get("content") or "")
            if content:
                for attr in ("property", "name", "itemprop"):
                    key = el.get(attr)
                    if key is not None:
                        self.meta.setdefault(key, content)
                        if key in ("article:section", "article:tag"):
                            self.tags.append(content)
                        elif key == "author":
                            self.authors.append((attr, content))
        self.links = list(tree.iter("link"))
        self.scripts = list(tree.iter("script"))
        self._ld: list[dict] | None = None

    def ld_nodes(self) -> list[dict]:
        """The nodes of the page's JSON-LD scripts (a list, an @graph or one node each), in order;
        parsed on first use, once for every reader."""
        if self._ld is None:
            self._ld = [node for script in self.scripts
                        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text
                        for value in _ld_values(script.text) for node in _ld_nodes(value)]
        return self._ld

    def author(self) -> str | None:
        """The writers the author meta tags name: one tag's, or each of several tags written the same
        way (a co-written post: <meta name="author"> twice), "; " between."""
        if not self.authors:
            return None
        first = self.authors[0][0]
        names: dict[str, str] = {}
        for attr, content in self.authors:
            if attr == first:
                names.setdefault(fold(content).lower(), content)
        return "; ".join(names.values())

    def link_href(self, rel: str) -> str | None:
        return _texts(link.get("href") or "" for link in self.links if rel in _rels(link))

    def any_link(self, *parts: str) -> bool:
        return any(part in (link.get("href") or "") for link in self.links for part in parts)


# What a theme wraps a JSON-LD script's text in for old browsers: an HTML comment or a CDATA
# section, bare or behind a script comment ("//<![CDATA[" ... "//]]>", "/*<![CDATA[*/")
_LD_WRAPS = re.compile(r"\A\s*(?:<!--|(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?)"
                       r"|(?:-->|(?://|/\*)?\s*\]\]>(?:\s*\*/)?)\s*\Z")
_LD_DECODER = json.JSONDecoder(strict=False)  # (a line break typed into a string: plugins write them)
_LD_GAP = re.compile(r"[\s;,]*")
_LD_MENDS = 64  # faults mended in one script before what is read so far stands
_LD_DEPTH = 4  # lists and @graphs inside each other


def _mended(text: str, fault: json.JSONDecodeError) -> str | None:
    """text with the fault the decoder stopped at mended, else None: a trailing comma (",}") dropped,
    or a quote a template left unescaped inside a string ("By <a href="/p/ann">") escaped."""
    before = len(text[:fault.pos].rstrip()) - 1
    if before < 0:
        return None
    if text[before] == "," and text[fault.pos:fault.pos + 1] in ("}", "]"):
        return text[:before] + text[before + 1:]
    if text[before] == '"' and fault.msg.startswith("Expecting ',' delimiter"):
        return text[:before] + "\\" + text[before:]
    return None


def _ld_values(text: str) -> list:
    """The JSON values a JSON-LD script holds, read leniently, as its writers meant them: out of a
    comment or CDATA wrapper, with raw line breaks in strings, a ";" or another value after the
    first (two objects one after the other), trailing commas and unescaped quotes inside strings
    (_mended). What came before a fault that cannot be mended, or nesting too deep to read, is kept."""
    text = _LD_WRAPS.sub("", text).strip()
    values: list = []
    pos = mends = 0
    while pos < len(text) and text[pos] in "[{":
        try:
            value, end = _LD_DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as fault:
            fixed = _mended(text, fault) if mends < _LD_MENDS else None
            if fixed is None:
                break
            text, mends = fixed, mends + 1
            continue
        except RecursionError:
            break
        values.append(value)
        pos = _LD_GAP.match(text, end).end()
    return values


def _ld_nodes(value: object, depth: int = 0) -> Iterator[dict]:
    """The nodes in a JSON-LD value: a list's and an @graph's (either inside the other), or one node."""
    if depth > _LD_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _ld_nodes(item, depth + 1)
    elif isinstance(value, dict):
        if "@graph" in value:
            yield from _ld_nodes(value["@graph"], depth + 1)
        else:
            yield value


def _rels(link: etree._Element) -> list[str]:
    """A <link>'s relations: rel is a list of words, in any case ("alternate feed", "Canonical")."""
    return (link.get("rel") or "").lower().split()


def _ld_types(item: dict) -> list[str]:
    """A JSON-LD node's types by their short names: @type may be a list, or a full address
    ("http://schema.org/BlogPosting") or prefixed name ("schema:BlogPosting")."""
    kinds = item.get("@type")
    return [re.split(r"[/:#]", kind)[-1] for kind in (kinds if isinstance(kinds, list) else [kinds])
            if isinstance(kind, str)]


def _is_article(item: object) -> bool:
    return isinstance(item, dict) and any(kind.lower().endswith(("posting", "article")) for kind in _ld_types(item))


def _json_ld(head: _Head) -> dict:
    """The page's article node (a BlogPosting, NewsArticle...), else {}: the first one, or the one a
    WebPage node holds as its mainEntity. Its author and publisher given by reference ({"@id": ...},
    as Yoast's @graph gives them) are the nodes referred to."""
    nodes = head.ld_nodes()
    article = next((node for item in nodes
                    for node in (item, item.get("mainEntity"), item.get("mainEntityOfPage")) if _is_article(node)), {})
    if not article:
        return {}
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}

    def resolved(value: object) -> object:
        if isinstance(value, list):
            return [resolved(v) for v in value]
        if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
            return by_id.get(value["@id"], value)
        return value
    return {**article, "author": resolved(article.get("author")), "publisher": resolved(article.get("publisher"))}


def _vcard_author(classes: ClassIndex) -> str | None:
    """The name an author hCard holds as its own text, without the `fn` inside that marks it
    elsewhere (the AMP plugin's reader theme: <span class="amp-wp-author author vcard">Name</span>)."""
    for el in classes.get("vcard"):
        if len(el) == 0 and classes.has(el, "author"):
            text = fold_spaces(el.text or "")
            if _NAME_SHAPE.fullmatch(text):
                return text
    return None


# A theme's byline as a bare element that names the writer by its class alone: <span class="author">,
# "author-name", "byline__name", "article-author" (no hCard, no link, no schema.org); the name may
# follow a "By"
_AUTHOR_CLASSES = ("author", "author-name", "author_name", "authorname", "byline-name", "byline__name",
                   "byline-author", "article-author", "article__author", "post-author-name", "entry-author-name")
_BY_PREFIX = re.compile(r"^(by|von|par|por|oleh|door|di|da|av|af|przez|автор:?|author:|autor:|auteur\s?:)\s+", re.I)
_INLINE = frozenset(("a", "span", "strong", "b", "em", "i"))
_QUOTED = frozenset(("blockquote", "q", "figure", "figcaption"))
_NOT_THE_WRITER = re.compile(r"comment|quote|caption|testimonial|review", re.I)


def _class_author(classes: ClassIndex) -> str | None:
    """The name a bare author element holds, first in the page, when it has a name's shape and stands
    outside comments, quotes and boxes of other posts (a comment's "author" is a reader, a pull
    quote's the person quoted)."""
    for name in _AUTHOR_CLASSES:
        for el in classes.get(name):
            if any(child.tag not in _INLINE for child in el) or _in_other_posts(el) or any(
                    up.tag in _QUOTED or _NOT_THE_WRITER.search((up.get("class") or "") + " " + (up.get("id") or ""))
                    for up in el.iterancestors()):
                continue
            text = _BY_PREFIX.sub("", fold_spaces(" ".join(el.itertext())))
            if _NAME_SHAPE.fullmatch(text):
                return text
    return None


# the schema.org types of an article or blog post (Article, NewsArticle, BlogPosting, SocialMediaPosting, …)
_ARTICLE_ITEMTYPE = re.compile(r"(Article|Posting)/?$")


def _microdata_author(classes: ClassIndex) -> str | None:
    """The writer schema.org microdata gives an article: an itemprop="author" of an Article or
    BlogPosting item (Joomla's "Written by: <span itemprop=name>…</span>", Jekyll's minima), its
    itemprop="name", its content attribute or its own text when that is a name alone. Not an
    organisation, not a review's or a teaser's (a listing gives each of its stories a writer: the
    page's one name only)."""
    names: dict[str, None] = {}
    for el in classes.by_itemprop.get("author", []):
        item = next((up for up in el.iterancestors() if up.get("itemscope") is not None), None)
        if item is None or not _ARTICLE_ITEMTYPE.search(item.get("itemtype") or "") \
                or "Organization" in (el.get("itemtype") or ""):
            continue
        inner = next((n for n in el.iterdescendants() if n.get("itemprop") == "name"), None)
        if el.get("content") is not None:
            text = el.get("content") or ""
        elif inner is not None:
            text = inner.get("content") or "" if inner.tag == "meta" else inner.text_content()
        else:
            text = el.text_content() if len(el) == 0 else ""
        text = fold_spaces(text)
        if _NAME_SHAPE.fullmatch(text):
            names.setdefault(text, None)
    return next(iter(names)) if len(names) == 1 else None


def _ld_body(body: object) -> str | None:
    """A JSON-LD articleBody as lines of text: its own line breaks kept, markup (some plugins write
    the HTML) read as text, spaces folded."""
    if not isinstance(body, str) or not body.strip():
        return None
    if "<" in body and re.search(r"<(p|br|div|h\d|li|a|em|strong|span)\b", body, re.I):
        body = to_text(parse_fragment(body))
    lines = (fold_spaces(line) for line in body.splitlines())
    return "\n".join(line for line in lines if line) or None


def _ld_site_name(head: _Head, article: dict) -> str | None:
    """The site's name in its JSON-LD: a WebSite node's, else the article's publisher's (the SEO
    plugin's, in the page's head: the blog's own)."""
    site = next((item for item in head.ld_nodes() if "WebSite" in _ld_types(item)), None)
    publisher = article.get("publisher")
    name = (site or {}).get("name") or (publisher.get("name") if isinstance(publisher, dict) else None)
    return (_ld_text(name) or None) if isinstance(name, str) else None


def joined(url: str, href: str | None) -> str | None:
    """href read against the page's url; None for one that does not parse ("http://[::1", a port out
    of range): a page's broken link is skipped, never the page; None too for one that leads to no web
    page (javascript:, mailto:, data:, a sitemap line "Sitemap: javascript:x")."""
    if not href or not href.strip():
        return None
    try:
        link = urljoin(url, href.strip())
    except ValueError:
        return None
    return link if link[:8].lower().startswith(("http://", "https://")) and url_parses(link) else None


def names_its_host(name: str, url: str) -> bool:
    """Whether a site name is only the page's own address (what trafilatura gives for a page that
    names no site: "example.com", "127.0.0.1:8080")."""
    name = fold(name).lower().removeprefix("www.")
    try:
        netloc = urlsplit(url).netloc.lower().removeprefix("www.")
    except ValueError:
        netloc = ""
    return name in (site_host(url), netloc)


_NOT_POST_HEADER = ("header", "nav", "aside", "footer", "form", "script", "style")


def _posts_header(el: etree._Element) -> bool:
    """A <header> inside an <article>, without a menu: the post's own header (its heading, byline and
    date), not the page's."""
    return (el.tag.lower() == "header" and next(el.iterancestors("article"), None) is not None
            and el.find(".//nav") is None)


def header_lines(body: etree._Element, most: int = 6) -> list[str]:
    """The text lines of the elements just before a post body: its siblings before it, else its
    parent's (two levels up at most), nearest last; never a page's header, menus or sidebars, and
    only short lines (a heading, a byline, a date), at most `most` of them."""
    from pipelines.htmltext import to_text

    node = body
    for _level in range(3):
        siblings = []
        for sib in node.itersiblings(preceding=True):
            if not isinstance(sib.tag, str) or (sib.tag.lower() in _NOT_POST_HEADER and not _posts_header(sib)):
                break
            siblings.append(sib)
            if len(siblings) >= most:
                break
        lines = [line.strip() for sib in reversed(siblings) for line in to_text(sib).split("\n")]
        lines = [line for line in lines if line]
        if lines:
            return [line for line in lines if len(line) <= 200][-most:]
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            break
    return []


def resolve_base(tree: etree._Element) -> None:
    """Links relative to the page's <base href> made relative to the page itself (absolute, or
    rooted when the base is), so that every later reader joins a link to the page's URL."""
    if hasattr(tree, "resolve_base_href") and tree.find(".//base[@href]") is not None:
        tree.resolve_base_href(handle_failures="ignore")


_BLOGSPOT_HOST = re.compile(r"\.blogspot\.(com|[a-z]{2}|com?\.[a-z]{2})$")  # (and Blogger's country domains)


def detect_platform(head: _Head, url: str, generator: str | None) -> str:
    """blogger / wordpress / generic, from the generator meta, API links, asset paths and host."""
    gen = (generator or "").lower()
    host = url_host(url)
    if ("blogger" in gen or _BLOGSPOT_HOST.search(host) or head.any_link("blogger.com/feeds/", "/feeds/posts/default")
            or any("_WidgetManager._Init" in (s.text or "") for s in head.scripts)):
        return "blogger"
    if ("wordpress" in gen or host.endswith(".wordpress.com") or "amp plugin" in gen or "amp for wp" in gen  # (the AMP plugins are WordPress's)
            or any("https://api.w.org/" in _rels(link) for link in head.links)
            or head.any_link("/wp-content/") or any("/wp-includes/" in (s.get("src") or "") for s in head.scripts)):
        return "wordpress"
    return "generic"


def ui_language(tree: etree._Element, head: _Head) -> str | None:
    """Blogger's ___gcfg lang, else <html lang>; normalised to ISO 639-1 ('in' is Blogger's 'id')."""
    lang = None
    for script in head.scripts:
        m = _GCFG_LANG.search(script.text or "") if "___gcfg" in (script.text or "") else None
        if m:
            lang = m.group(1)
            break
    lang = lang or tree.get("lang") or _first(tree, "/html/@lang | /html/@xml:lang")
    if not lang:
        return None
    code = re.split(r"[-_]", lang.strip().lower())[0]
    return {"in": "id", "iw": "he", "ji": "yi"}.get(code, code) if 2 <= len(code) <= 3 else None


def _marked_time(classes: ClassIndex) -> str | None:
    """The datetime of the <time> a theme marks as the post's date (WordPress's class `published`,
    else `entry-date`, else a block theme's Post Date block around it), on a page with no <article>:
    outside sidebars, menus, footers, a block theme's list of other posts and a theme's related posts,
    whose dates are marked the same way. None when more than one date is so marked."""
    for times in (classes.get("published", "time"), classes.get("entry-date", "time"),
                  [t for block in classes.get("wp-block-post-date") for t in block.iter("time")]):
        dates = {t.get("datetime", "").strip() for t in times
                 if not any(up.tag in ("aside", "nav", "footer") or classes.has(up, *_OTHER_POSTS)
                            or "widget" in (up.get("class") or "") for up in t.iterancestors())
                 and not _in_other_posts(t)} - {""}
        if dates:
            return dates.pop() if len(dates) == 1 else None
    return None


_OTHER_POSTS = ("wp-block-post-template", "wp-block-latest-posts")  # (a block theme's lists of posts)


def _date_header(classes: ClassIndex) -> str | None:
    """The day in a Blogger page's date header over the post (<h2 class="date-header"><span>Tuesday, 17
    February 2026</span></h2>, in the blog's language: "17 فبراير 2026", "2026年2月17日"), for a page
    whose metadata and timestamp give none (a theme that hides the post's time shows the header
    still); year first, or as written for the month names to read. None when the page's headers
    (outside boxes of other posts) give more than one day: an index page has one a day."""
    days = {year_first(text) or text for el in classes.get("date-header") if not _in_other_posts(el)
            if (text := fold_spaces(" ".join(el.itertext())))}
    return days.pop() if len(days) == 1 else None


def _block_author(classes: ClassIndex) -> str | None:
    """The writer a WordPress block theme names in its Post Author Name block (Twenty Twenty-Four's
    byline: <div class="wp-block-post-author-name">) or its Post Author block's name line, outside the
    theme's lists of other posts, each of which names its own writer the same way."""
    return _texts(el for name in ("wp-block-post-author-name", "wp-block-post-author__name") for el in classes.get(name)
                  if not any(classes.has(up, *_OTHER_POSTS) for up in el.iterancestors()) and not _in_other_posts(el))


def _inside(el: etree._Element, tag: str) -> bool:
    return next(el.iterancestors(tag), None) is not None


# A box of other posts (a theme's related posts under the article), whose items carry the classes of a
# post's own title and body: ColorMag's related list holds the page's only <h3 class="entry-title"> and
# <div class="article-content">, the post itself "cm-entry-title" and "cm-entry-summary", so the related
# headline had been the record's title and its two lines its text.
_OTHER_POSTS_BOX = re.compile(r"[\w-]*(related|popular-posts|recent-posts|more-posts|also-like|you-may|read-next)[\w-]*",
                              re.I)
_POST_NAVIGATION = frozenset(("post-navigation", "nav-links", "nav-previous", "nav-next", "navigation"))


def _in_other_posts(el: etree._Element) -> bool:
    """Whether el stands in a box of other posts: an ancestor's class or id names one ("related-posts",
    "yarpp-related", "popular-posts"), or it is the links to the previous and next posts (a <nav>,
    "post-navigation": OceanWP names the neighbour's headline there "post-title"). (Not "widget":
    Blogger's posts stand in its Blog widget.)"""
    for up in el.iterancestors():
        if up.tag == "nav":
            return True
        names = up.get("class")
        ident = up.get("id")
        if (names and any(_OTHER_POSTS_BOX.fullmatch(n) or n in _POST_NAVIGATION for n in names.split())) \
                or (ident and _OTHER_POSTS_BOX.fullmatch(ident)):
            return True
    return False



# A headline's kicker or label set inside its heading ("<span class='article-heading__kicker'>Rail
# travel</span>", "<span class='pretitle'>KNOWHOW</span>", "<span class='label abo'>Subscribers</span>"):
# not part of the title
_KICKER_PARTS = ("kicker", "pretitle", "overline", "dachzeile", "eyebrow", "topline", "supertitle", "roofline")
_LABEL_NAMES = frozenset(("label", "badge"))


def _left_out_of_heading(el: etree._Element) -> bool:
    names = (el.get("class") or "").lower().split()
    return bool(names) and (hidden_by_class(el) or bool(_LABEL_NAMES.intersection(names))
                            or any(part in name for name in names for part in _KICKER_PARTS))


def heading_text(heading: etree._Element) -> str:
    """A heading's text without what its theme hides in it ("<span class='visually-hidden'>: </span>",
    "<span class='hide'>.</span>") and without a kicker or label set inside it; its whole text when
    nothing else is left."""
    whole = fold_spaces(" ".join(heading.itertext()))
    if not len(heading) or not any(isinstance(el.tag, str) and _left_out_of_heading(el) for el in heading.iterdescendants()):
        return whole
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not _left_out_of_heading(child):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(heading)
    return fold_spaces(" ".join(parts)) or whole


# "Headline_Site" is how Chinese sites write a page's <title>; a full-width bar too
_HEADING_SEPS = (*TITLE_AFFIX_SEPS, "_", " _ ", "｜", " ｜ ", "|", "-")


def _lone_heading(tree: etree._Element, html_title: str, home_heading: str | None) -> str | None:
    """The page's <h1> that the <title> is, with a shorter name beside it ("Headline_Site", "Site |
    Headline"): a theme with no title markup but that heading. One <h1> of several may be it (a
    theme that sets its sidebar's headlines in <h1>s too); none when two are. (Not an <h1> that
    links home: that is the site's name.)"""
    found = None
    for h1 in tree.iter("h1"):
        text = heading_text(h1)
        if text and text != home_heading and heading_in_title(text, html_title):
            if found is not None and text != found:
                return None
            found = text
    return found


def heading_in_title(heading: str, title: str) -> bool:
    """Whether a title is the heading and a shorter part beside it, after or before a separator
    ("Headline - Section", "Headline_Site", "Site | Headline")."""
    head, whole = fold(heading).strip().lower(), fold(title).strip().lower()
    for sep in _HEADING_SEPS:
        if whole.startswith(head + sep) and 0 < len(whole) - len(head + sep) < len(head):
            return True
        if whole.endswith(sep + head) and 0 < len(whole) - len(sep + head) < len(head):
            return True
    return False


# the separators a <title> sets between the site's name, a section and the headline (WordPress's old
# default theme: "Site » Blog Archive » Headline"), in the folded title: » and « are a double quote
# there, the en and em dashes a hyphen
# (Chinese, Japanese and Korean titles join their parts with no spaces: "标题_栏目_网站名", "見出し｜サイト")
_CJK_JOIN = r"(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])\s*[_｜|\-–—]\s*(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"
_TITLE_PART = re.compile(r"\s+(?:[|\"·•:/>~-]|::|--|>>)\s+|" + _CJK_JOIN)
_TITLE_PARTS = re.compile(r"\s+(?:[|\"·•:/>~-]|::|--|>>)\s+|:\s+|" + _CJK_JOIN)  # (and "Site: Headline")


def _title_part_heading(tree: etree._Element, html_title: str, home_heading: str | None) -> str | None:
    """The part of a <title> made of parts ("Site » Blog Archive » Headline", "Section | Headline |
    Site") that a heading of the page (h1-h3) or its permalink (rel=bookmark) spells: a theme that
    marks its post's title no other way. The longest such heading, never the site's name (a heading
    that links home)."""
    parts = [p for p in _TITLE_PART.split(fold(html_title).lower()) if p.strip()]
    if len(parts) < 2:
        return None
    wanted = {p.strip() for p in parts}
    best = None
    for el in tree.iter("h1", "h2", "h3", "a"):
        if el.tag == "a" and "bookmark" not in (el.get("rel") or "").split():
            continue
        text = fold_spaces(" ".join(el.itertext()))
        if not text or text == home_heading or len(text) < 12:
            continue
        if fold(text).lower() in wanted and (best is None or len(text) > len(best)):
            best = text
    return best


def home_name(tree: etree._Element, meta: PageMeta) -> str | None:
    """A blog's name from its home page: og:site_name or the theme's site title (meta.site_name), else
    the part of its <title> its heading spells ("Harbour Chronicle – Local news for the bay" with an
    <h1>Harbour Chronicle</h1>: not the tagline), else its <title>."""
    if meta.site_name:
        return meta.site_name
    if meta.html_title:
        return _title_part_heading(tree, meta.html_title, None) or meta.html_title
    return None


# A date written year first (no day/month order to guess): "2026-12-01 09:32:15", "2026/12/01",
# "2026年12月1日 09:32", "2026/11/24(火) 08:30:15"
_YEAR_FIRST = re.compile(r"(?<!\d)(20\d\d|19\d\d)\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?!\d)\s*[日일.]?"
                         r"(?:\s*[(（][^)）]{1,3}[)）])?"  # (a weekday: "2026/11/24(火) 08:30")
                         # (a time, after the morning or afternoon of Korean, Japanese and Chinese: "오후 3:20")
                         r"(?:\s*(오전|오후|午前|午後|上午|下午)?\s*(\d{1,2})[:時시点]\s*(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\b\.?)?)?", re.I)
# (and the first character of "pm", Arabic's "م" and Persian's "ب.ظ", after a named date's time)
_AFTERNOON = frozenset(("오후", "午後", "下午", "p", "م", "ب"))


# A date written with its month's name, day first or month first ("24 de noviembre de 2026", "24.
# listopada 2026", "November 24th, 2026"), Vietnamese's "24 tháng 11, 2026", or all in figures day
# first or month first when only one reading is a date ("24/11/2026", "11/24/2026"); then a time
# a month's name: letters, with the vowel signs of Indic and Thai script ("नवंबर", "พฤศจิกายน"), which
# are not word characters; two at least (Hindi's May, "मई"); or Thai's short form, written with dots
# ("ก.พ."); or an Arabic name of two words, the second with the article ("كانون الثاني", "ربيع الأول")
_MONTH = (r"(?:[\u0e01-\u0e4e]{1,2}\.[\u0e01-\u0e4e]{1,2}\.|[\u0620-\u064a]{2,8}\sال[\u0620-\u064a]{2,8}"
          r"|[^\W\d_](?:[^\W\d_]|[\u0900-\u0dff\u0e31-\u0e4e]){1,13})")
_NAMED_DATE = re.compile(
    # (Thai writes the era before the year: "17 กุมภาพันธ์ พ.ศ. 2569", Buddhist; "ค.ศ. 2026", Christian; Arabic
    # script's comma may stand after the month: "17 فروری، 2026")
    r"(?<![\w/.])(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:de\s+|of\s+)?(?P<m1>" + _MONTH + r")\.?[,،]?\s+"
    # (Arabic marks a Gregorian year "م", written on to it: "17 فبراير 2026م", and a Hijri one "هـ": "29 شعبان 1447 هـ")
    r"(?:de\s+|[พค]\.\s?ศ\.\s*)?(?P<y1>\d{4})(?:م(?!\w)|\s?هـ)?|(?P<m2>" + _MONTH + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})\s+tháng\s+(?P<n3>\d{1,2}),?\s+(?P<y3>\d{4})"
    r"|(?P<y5>\d{4})\.\s+(?P<m5>" + _MONTH + r")\s+(?P<d5>\d{1,2})\.?"  # (Hungarian: "2026. november 24.")
    r"|(?<![\d-])(?P<a4>\d{1,2})(?P<s4>[/.-])(?P<b4>\d{1,2})(?P=s4)(?P<y4>\d{4}))(?![\w/])"
    # (the time's half of the day: "pm"; Arabic's "ص" and "م" and their whole words "صباحاً" and "مساءً", Persian's
    # "ق.ظ" and "ب.ظ", morning and evening)
    r"(?:[^\d]{0,14}?(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?!\d)\s*(?P<ap>[ap]\.?m\b|مساءً?|صباحاً?|[صم](?!\w)|[قب]\.\s?ظ\.?)?)?",
    re.I)


BUDDHIST_ERA_FROM = 2400  # a written year above this counts from the Buddha (Thai dates), not from 1 AD

# The Solar Hijri calendar (Iran's, Afghanistan's; its months are months.toml's [solar_hijri_months]):
# days counted from the first of Farvardin 1404, which was 21 March 2025, with the 33-year cycle's
# leap years (day by day from 1300 to 1500 the same as the jdatetime and convertdate packages give).
_SOLAR_ANCHOR = (1404, _day(2025, 3, 21))
_SOLAR_LEAP = frozenset((1, 5, 9, 13, 17, 22, 26, 30))  # a year's remainder after 33 in a leap year
_SOLAR_YEARS = range(1300, 1501)  # the years read (a post's date lies in them; the rule is sure there)


def _solar_leap(year: int) -> bool:
    return year % 33 in _SOLAR_LEAP


def solar_hijri_day(year: int, month: int, day: int) -> _day | None:
    """The Gregorian day of a Solar Hijri date ("28 بهمن 1404" is 17 February 2026); None when it is no
    day of that calendar or its year lies outside the ones read."""
    if year not in _SOLAR_YEARS or not 1 <= month <= 12:
        return None
    length = 31 if month <= 6 else 30 if month <= 11 else 30 if _solar_leap(year) else 29
    if not 1 <= day <= length:
        return None
    start, first = _SOLAR_ANCHOR
    days = sum(366 if _solar_leap(y) else 365 for y in range(start, year)) \
        - sum(366 if _solar_leap(y) else 365 for y in range(year, start))
    days += (month - 1) * 31 - max(0, month - 7) + day - 1
    return first + timedelta(days=days)


def hijri_day(year: int, month: int, day: int) -> _day | None:
    """The Gregorian day of a date of the Hijri (lunar) calendar ("29 شعبان 1447" is 17 February 2026),
    by the Umm al-Qura calendar's months (the hijridate package: years 1343-1500); None when it is no
    day of that calendar or its year lies outside those."""
    from hijridate import Hijri

    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def named_date(text: str, months: dict[str, int], day_first: bool = False) -> str | None:
    """The first date written in text with a month's name (of any language `months` knows), or in
    figures: with dots (day first), or with slashes or dashes when only one reading of day and month is
    a date (or, with day_first, a text's language writing the day first, either way round); ISO, with
    the time when one follows."""
    for m in _NAMED_DATE.finditer(text):
        if m["y4"]:
            a, b = int(m["a4"]), int(m["b4"])
            if m["s4"] == "." or (day_first and a <= 12 and b <= 12):
                day, month, year = a, b, m["y4"]  # 06.05.2026: dots are written day first, in every country that uses them
            elif (a > 12) == (b > 12):
                continue  # 03/04/2026: either way round (or neither)
            else:
                day, month, year = (a, b, m["y4"]) if a > 12 else (b, a, m["y4"])
        elif m["y3"]:
            day, month, year = int(m["d3"]), int(m["n3"]), m["y3"]
        else:
            name = fold(m["m1"] or m["m2"] or m["m5"]).lower()
            if name not in months:
                name = unicodedata.normalize("NFC", name)  # (Bengali's "য়" written as one character, "ফেব্রুয়ারি")
                if name not in months:
                    continue
            day, month, year = int(m["d1"] or m["d2"] or m["d5"]), months[name], m["y1"] or m["y2"] or m["y5"]
            if int(year) > BUDDHIST_ERA_FROM:
                year = int(year) - 543  # (a Thai date's year: 2569 is 2026)
            if month > SOLAR_HIJRI:  # (a month of another calendar: its number after that calendar's offset)
                offset, convert = (HIJRI, hijri_day) if month > HIJRI else (SOLAR_HIJRI, solar_hijri_day)
                if (gregorian := convert(int(year), month - offset, day)) is None:
                    continue
                day, month, year = gregorian.day, gregorian.month, gregorian.year
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(int(year), month)[1]):
            continue  # (not a day of that month: "31.02.2026")
        hour = None
        if m["h"] is not None:
            hour = int(m["h"]) if not m["ap"] else int(m["h"]) % 12 + (12 if m["ap"][0].lower() in _AFTERNOON else 0)
        return _iso(int(year), month, day, hour, m["mi"])
    return None


def _iso(year: int, month: int, day: int, hour: int | None = None, minute: str | None = None,
         second: str | None = None) -> str:
    """A written date as ISO 8601, with its time when it has a valid one (in ASCII digits, whatever
    digits it was written in: "۱۰:۳۰")."""
    when = f"{year:04d}-{month:02d}-{day:02d}"
    if hour is not None and minute is not None and hour <= 23 and int(minute) < 60:
        when += f"T{hour:02d}:{int(minute):02d}:{int(second or 0):02d}"
    return when


# A line that dates the post's last change, not its publication
_UPDATED_LINE = re.compile(r"\W*(last\s+)?(updated|modified|edited|actualizado|atualizado|mis à jour|aktualisiert|"
                           r"diperbarui|обновлено|güncellendi|güncelleme|zaktualizowano|aggiornato)\b", re.I)
_DATE_LINE = 100  # a line this short that holds a date is a date line; a longer one may be a sentence


def _line_date(text: str, months: dict[str, int]) -> str | None:
    """The date of a short line ("By Ann Lee | 24 de noviembre de 2026", "Published: 24.11.2026"):
    not a line that dates an update, nor a sentence that merely mentions a date."""
    if len(text) > _DATE_LINE or _UPDATED_LINE.match(text) or text.endswith(("!", "?")):
        return None
    if text.endswith(".") and not _ends_in_date(text):
        return None
    return zoned(named_date(text, months), text)


def _ends_in_date(text: str) -> bool:
    """Whether a line that ends in a full stop is a date and a label, not a sentence: a date written
    with a closing dot ("24. studenoga 2026.", "2026. november 24.") after three words at most."""
    m = None
    for m in _NAMED_DATE.finditer(text):
        pass
    return m is not None and text[m.end():].strip() in ("", ".") and len(text[:m.start()].split()) <= 3


# A year an era counts ("令和8年", "平成元年": its first year, "民國115年"), after the era's name (the
# word's end: a label may be written on to it, "公開日令和8年")
_ERA_YEAR = re.compile(r"([^\W\d_]+?)\s*(\d{1,3}|元)\s*年")


def _era_years(text: str, eras: Mapping[str, int]) -> str:
    """text with the years of the eras it knows (months.toml's [eras]) written as Gregorian years:
    "令和8年2月17日" -> "2026年2月17日"."""
    def gregorian(m: re.Match[str]) -> str:
        word = m[1]
        era = next((name for name in eras if word.endswith(name)), None)
        if era is None:
            return m[0]
        return f"{word[:-len(era)]}{eras[era] + (1 if m[2] == '元' else int(m[2])) - 1}年"

    return _ERA_YEAR.sub(gregorian, text)


def year_first(text: str, eras: Mapping[str, int] | None = None) -> str | None:
    """The first date text writes year first ("2026-12-01 09:32", "2026年12月1日", "2026.12.01 오후
    3:20"), ISO, with its time when one follows; a year an era counts is read with `eras` ("令和8年2月17日")."""
    if eras and "年" in text:
        text = _era_years(text, eras)
    m = _YEAR_FIRST.search(text) if len(text) <= 300 else None
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        hour = int(m[5]) if m[5] is not None else None
        half = m[4] or m[8]
        if hour is not None and half is not None:
            hour = hour % 12 + (12 if half.lower() in _AFTERNOON else 0)
        return _iso(int(m[1]), int(m[2]), int(m[3]), hour, m[6], m[7])
    return None


_TITLE_BOXES = frozenset(("div", "p", "span", "strong", "b", "font", "td"))  # what a template of no <h1> sets its headline in


_TITLE_BOX_CHILDREN = 8  # a box with more children than this holds more than a headline


def _title_box(tree: etree._Element, title: str) -> etree._Element | None:
    """The first box (_TITLE_BOXES) whose whole text is the title, the outermost of those around the
    same text, outside links, menus, side columns, list items and footers. Found from the text runs
    that open the title (libxml2 picks the runs holding its first word), then up, not by reading every
    box's text: a page's outer divs hold all of it, and reading each cost ~1 ms on a 70 KB page."""
    words = title.split()
    if not words:
        return None
    for run in _RUNS_WITH(tree, word=words[0]):
        start = run.strip()
        if len(start) > len(title) + 10 or not title.startswith(fold_spaces(start)):
            continue
        found = None
        node = run.getparent().getparent() if run.is_tail else run.getparent()
        for _level in range(4):
            if node is None or not isinstance(node.tag, str) or len(node) > _TITLE_BOX_CHILDREN \
                    or fold_spaces(" ".join(node.itertext())) != title:
                break
            if node.tag in _TITLE_BOXES:
                found = node
            node = node.getparent()
        if found is not None and not any(up.tag in ("a", "nav", "aside", "li", "footer") for up in found.iterancestors()):
            return found
    return None


_RUNS_WITH = etree.XPath("//body//text()[contains(., $word)]")


def _after_heading(tree: etree._Element, home_heading: str | None, title: str | None) -> list[etree._Element]:
    """The post's heading and the two elements after it (or after the heading's own box): where a
    page prints its byline and date. The heading is the <h1> that is the post's title, else the <h2>
    or <h3> that is (under a section's <h1>, or an <h1> of the site's name: old themes, FC2), else the
    first <h1> that is not the site's name; on a page of no <h1>, the first box whose whole text is the title."""
    texts = {h: fold_spaces(" ".join(h.itertext())) for h in tree.iter("h1")}
    headings = [h for h, text in texts.items() if text not in ("", home_heading)]
    if title and title not in (texts[h] for h in headings):
        # (the post's title in an <h2> or <h3>: under a section's <h1>, "News", or an <h1> of the site's name)
        titled = [h for h in tree.iter("h2", "h3") if fold_spaces(" ".join(h.itertext())) == title][:1]
        headings = titled or headings
    if not headings and title:
        # (a hand-made template's headline in no heading at all: "<div class='h'>Title</div>")
        box = _title_box(tree, title)
        headings = [box] if box is not None else []
    if not headings:
        return []
    h1 = headings[0]
    near = [*h1.itersiblings()][:2]
    parent = h1.getparent()
    if parent is not None and len(parent) <= 3:
        near += [*parent.itersiblings()][:2]
    return [h1, *(el for el in near if isinstance(el.tag, str))]


def heading_date(tree: etree._Element, home_heading: str | None = None, title: str | None = None,
                 months: Months | None = None) -> str | None:
    """The date written in the line just after the post's heading ("2026-12-01 09:32:15 来源：… 作者：…",
    "By Ann Lee | 24 ноября 2026"), for a page whose metadata and markup name none: the first date in
    the two elements after it, year first, or with a month's name in a short line; else a short date
    line just above it ("14.06.2026 (ch)" in the header box over the headline)."""
    near = _after_heading(tree, home_heading, title)
    for el in near[1:]:
        text = fold_spaces(" ".join(el.itertext()))
        when = zoned(year_first(text, months.eras if months else None), text) or (_line_date(text, months) if months else None)
        if when:
            return when
    if near and months:
        above = next((el for el in near[0].itersiblings(preceding=True) if isinstance(el.tag, str)), None)
        if above is not None and above.tag not in _HEADINGS:
            return _line_date(fold_spaces(" ".join(above.itertext())), months)
    return None


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def heading_lines(tree: etree._Element, home_heading: str | None = None, title: str | None = None) -> list[str]:
    """The short lines of the post's heading and the two elements after it, for the head rules to read
    a byline and a date off (on a page read by trafilatura, which leaves them out of the text)."""
    from pipelines.htmltext import to_text

    lines = [line for el in _after_heading(tree, home_heading, title) for line in to_text(el).split("\n")]
    return [line for line in lines if line.strip() and len(line) <= 200][:6]


# An old theme's meta line: "This entry was posted on Tuesday, November 24th, 2026 at 7:15 am and is
# filed under News", "Posted by admin on 24 November 2026", "Dieser Artikel wurde am 14. Dezember 2026
# um 14:48 von Heiner geschrieben und unter … eingeordnet"; or a date alone in a post-meta element
_POSTED_ON = re.compile(r"\b(?:posted|published|written)\b.{0,60}?\bon\s+", re.I)
# the class names of a theme's meta line and post footer hold one of these
_META_CLASS_PARTS = ("postmetadata", "post-meta", "entry-meta", "postinfo", "post-info", "post-date", "byline",
                     "post-footer", "entry-footer")
# and a news theme's or a BEM-named meta column ("esf-news-meta", "article-meta", "c-article__meta", "post__meta")
_META_CLASS_NAME = re.compile(r"(?:post|entry|article|news|story)(?:-|__?)meta")
_META_SENTENCE = 500  # a meta line longer than this is no theme's line
_META_DATE_WITHIN = 120  # how far into a meta sentence its date may be ("… wurde am <date>", "Posted by X on <date>")
_meta_class_seen: dict[str, bool] = {}  # a class name -> whether it names a meta line (a site's pages share their names)


def _meta_class(name: str) -> bool:
    known = _meta_class_seen.get(name)
    if known is None:
        if len(_meta_class_seen) > 50_000:
            _meta_class_seen.clear()
        known = _meta_class_seen[name] = any(part in name for part in _META_CLASS_PARTS) or bool(_META_CLASS_NAME.search(name))
    return known


def in_side_column(el: etree._Element) -> bool:
    """Whether el is in a sidebar, a menu or a widget (a recent-posts list marks its dates like a post's)."""
    return any(up.tag in ("aside", "nav") or any(w in ((up.get("class") or "") + " " + (up.get("id") or "")).lower()
                                                 for w in ("widget", "sidebar"))
               for up in el.iterancestors())


def meta_lines(tree: etree._Element, classes: ClassIndex | None = None) -> list[str]:
    """The texts of the theme's meta lines and post footers outside sidebars, in the page's order:
    read before any cut (a footer may be cut as a box of share buttons, and its date with it), for
    posted_on_date to read when the page's metadata names no date."""
    classes = classes or ClassIndex(tree)
    names = [name for name in classes.by_name if _meta_class(name)]
    found = list(dict.fromkeys(el for name in names for el in classes.by_name[name]))
    if len(names) > 1 and len(found) > 1:  # (each name's elements are in order, not the names')
        lines = [el.sourceline for el in found]
        if None in lines or len(set(lines)) < len(lines):  # (a page on one line: its order, by a walk)
            order = {el: n for n, el in enumerate(tree.iter())}
            found.sort(key=order.__getitem__)
        else:
            found.sort(key=lambda el: el.sourceline)
    return [" ".join(" ".join(_SHOWN_TEXT(el)).split()) for el in found if not in_side_column(el)]


# an element's text as a reader sees it: not the script a theme put in its meta column (a share
# widget's call, which made the line too long to be read), on one line
_SHOWN_TEXT = etree.XPath("descendant::text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")


def posted_on_date(lines: list[str], months: dict[str, int]) -> str | None:
    """The date in a theme's meta line (meta_lines): a short date line, the date after an old theme's
    "This entry was posted on …", or the first date near the start of a longer meta sentence in any
    language (not one that dates an update)."""
    for text in lines:
        when = _line_date(text, months)
        if when is None and len(text) <= _META_SENTENCE and not _UPDATED_LINE.match(text):
            m = _POSTED_ON.search(text)
            when = named_date(text[m.end():m.end() + 80] if m else text[:_META_DATE_WITHIN], months)
        if when:
            return when
    return None


def _home_heading(tree: etree._Element, url: str) -> str | None:
    """The text of an <h1> that is nothing but a link to the site's home page: old themes set the
    site's name so and the post's title in an <h2> ("<h1><a href="/">Home Savvy Hub</a></h1>")."""
    for h1 in tree.iter("h1"):
        links = list(h1.iter("a"))
        if len(links) != 1:
            continue
        text = fold_spaces(" ".join(h1.itertext()))
        if not text or text != fold_spaces(" ".join(links[0].itertext())):
            continue
        try:
            target = urlsplit(urljoin(url, links[0].get("href") or ""))
            here = urlsplit(url)
        except ValueError:
            continue
        if target.netloc.lower() == here.netloc.lower() and target.path.strip("/") == "" and not target.query:
            return text
    return None


def _home_link_name(links: _Links, url: str, html_title: str | None) -> str | None:
    """The site's name on a page that declares none: the text of a link to the site's home page that
    is also a part of its <title> ("Harbour Notes - Headline", "Headline :: Harbour Notes", "Harbour
    Notes: Headline", "Headline – Harbour Notes – Tagline"), or the alt of the logo that link holds. Among
    the page's first 200 links (its header)."""
    if not html_title:
        return None
    parts = {p.strip() for p in _TITLE_PARTS.split(fold(html_title).lower()) if p.strip()}
    if len(parts) < 2:
        return None
    try:
        here = urlsplit(url)
    except ValueError:
        return None
    netloc = here.netloc.lower()
    for n, href in enumerate(islice(links.hrefs, 200)):
        if not _is_home_href(href.strip(), netloc):
            continue  # (the cheap test first: a page's header has dozens of links, one or two home)
        anchor = links.anchors[n]
        text = fold_spaces(" ".join(anchor.itertext()))
        if not text:  # (a theme's logo: the name in the alt of the image inside the link home)
            text = next((fold_spaces(img.get("alt") or "") for img in anchor.iter("img") if img.get("alt")), "")
        if text and fold(text).lower() in parts:
            return text
    return None


# The title a blog's platform gives the feeds a page links to: Blogger's "Blog Name - Atom" and "Blog
# Name - RSS", WordPress's "Blog Name » Feed" ("» Flux", "» Comments Feed", "» Post Title Comments Feed",
# "» News Category Feed": the blog's name before the first "»" in any language)
_FEED_TITLE = re.compile(r"(?P<name>.+?)\s+(»\s+.+|-\s+(Atom|RSS( 2\.0)?))", re.S)


def _feed_title_name(head: _Head) -> str | None:
    """The blog's name from the title of a feed its page links to, on a page that shows it nowhere
    else (a Blogger template with a logo for a header; a <title> of the headline alone)."""
    for link in head.links:
        kind = (link.get("type") or "").partition(";")[0].strip().lower()
        if kind in _FEED_TYPES and "alternate" in _rels(link):
            found = _FEED_TITLE.fullmatch(fold_spaces(link.get("title") or ""))
            if found:
                return found["name"]
    return None


def _blogger_title_name(meta: PageMeta) -> str | None:
    """A Blogger post page's blog name from its <title>, which a classic template writes "Blog Name:
    Post Title", for a page whose header shows no name (a header image, a theme without one)."""
    if meta.platform != "blogger" or not meta.html_title or not meta.title:
        return None
    whole, ending = fold(meta.html_title), ": " + fold(meta.title)
    if len(whole) <= len(ending) or not whole.lower().endswith(ending.lower()):
        return None
    return whole[:-len(ending)].strip() or None


def _is_home_href(href: str, netloc: str) -> bool:
    """Whether a link leads to the home page of the site at netloc: "/", "./", "https://site/",
    "//site" (no query, no other path)."""
    if not href or "?" in href or "#" in href:
        return False
    if href.startswith(("http://", "https://", "//")):
        host, _, path = href.split("//", 1)[1].partition("/")
        return host.lower() == netloc and path.strip("/") in ("", "index.html", "index.php")
    return href.strip("./") in ("", "index.html", "index.php") and href[:1] in ("/", ".")


def _site_name(tree: etree._Element, classes: ClassIndex) -> str | None:
    """Blog name in templates that declare no og:site_name: Blogger's Header widget (its h1 or
    .title), else a WordPress theme's site title inside <header>: .site-title (the classic themes,
    Astra, Kadence), a block theme's .wp-block-site-title (Twenty Twenty-Two and after), GeneratePress's
    .main-title, the AMP plugin's reader page's .amp-site-title."""
    for header in classes.by_id.get("Header1", []):
        name = _texts(el for el in header.iterdescendants() if el.tag == "h1" or classes.has(el, "title"))
        if name:
            return name
    for name in ("site-title", "wp-block-site-title", "main-title", "amp-site-title"):
        found = _texts(classes.get(name, within="header"))
        if found:
            return found
    return None


# Hosts that serve many people's sites as their subdomains: one of them is not another's site.
SHARED_HOSTS = frozenset(("blogspot.com", "wordpress.com", "tumblr.com", "medium.com", "github.io", "weebly.com",
                          "wixsite.com", "substack.com", "livejournal.com", "over-blog.com", "netlify.app",
                          "pages.dev", "vercel.app", "web.app", "firebaseapp.com", "herokuapp.com"))
_SITE_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# What a shared host's pages name as their site when they name the service, not the journal on it
_SERVICE_NAMES = frozenset(("livejournal", "blogger", "blogspot", "wordpress", "wordpress.com", "tumblr", "medium",
                            "substack", "weebly", "wix", "over-blog", "github pages", "dreamwidth", "naver blog",
                            "네이버 블로그", "네이버블로그", "tistory", "티스토리", "daum blog", "다음 블로그", "ameba",
                            "ameblo", "アメーバブログ", "livedoor blog", "ライブドアブログ", "hatena blog", "はてなブログ",
                            "fc2ブログ", "fc2 blog", "seesaa blog", "seesaaブログ", "goo blog", "gooブログ", "jugem",
                            "blog.jp"))
# "Naver Blog | Sea News", "Sea News : Tistory": the service's name beside the blog's
_SERVICE_PAIR = re.compile(r"\s+[|:·•/-]\s+")


def own_site_name(name: str | None, url: str) -> str | None:
    """og:site_name, unless a site on a shared host gives the service's name ("LiveJournal" on
    novosti-dnya.livejournal.com): that is no blog's name. Beside the blog's name ("네이버 블로그 |
    바다소식"), the service's is dropped."""
    if not name:
        return None
    parts = _SERVICE_PAIR.split(name)
    if len(parts) == 2:
        kept = [p for p in parts if fold(p).lower() not in _SERVICE_NAMES]
        if len(kept) == 1:
            return kept[0]
    host = url_host(url)
    if fold(name).lower() in _SERVICE_NAMES and any(host.endswith("." + shared) for shared in SHARED_HOSTS):
        return None
    return name


def _site_of(host: str) -> str:
    """A host without the prefixes of its mobile and www copies; a Blogger blog under any of
    Blogger's country domains as its .blogspot.com host."""
    for prefix in _SITE_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    label, dot, rest = host.partition(".blogspot.")
    return f"{label}.blogspot.com" if dot and rest else host


def same_site(a: str, b: str) -> bool:
    """Whether two hosts are one site: the same host but for www./m. and Blogger's country domains,
    or one a subdomain of the other (news.example.com and example.com) -- unless the other is a
    host that serves many people's sites (a.blogspot.com and blogspot.com are not one site)."""
    a, b = _site_of(a.lower()), _site_of(b.lower())
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return long.endswith("." + short) and "." in short and short not in SHARED_HOSTS


def own_canonical(url: str, declared: str | None) -> tuple[str | None, str | None]:
    """The canonical URL a page declares, as (the post's own canonical URL, a canonical on another
    site). An autoblog points its copy's canonical at the original article, on the original's site:
    that is where the copy came from, not the copy's address, and taken as its address every copy of
    the same article on every splog would have one record id. A canonical that is the site's home
    page on a page that is not (a theme that writes one canonical on every page) is neither."""
    link = joined(url, declared)
    if link is None or not url_parses(url):  # (an address that does not parse: "http://[::1")
        return None, None
    own, its = urlsplit(url), urlsplit(link)
    if its.scheme not in ("http", "https") or not its.hostname or any(c.isspace() for c in link):
        return None, None
    if own.scheme not in ("http", "https") or not own.hostname:
        return link, None  # (a saved page with no address of its own: the canonical is the best there is)
    if not same_site(own.hostname, its.hostname):
        return None, link
    if its.path in ("", "/") and not its.query and (own.path not in ("", "/") or own.query):
        return None, None
    return link, None


_LABEL_RELS = frozenset({"tag", "category"})


# elements whose text no reader sees
NOT_SHOWN = frozenset(("script", "style", "noscript", "template", "head", "title", "meta"))


def _all_shown(names: list[str], tree: etree._Element) -> bool:
    """Whether each name is in the text the page's body shows (not in its scripts: a site's data
    layer names everyone)."""
    body = tree.find("body")
    if body is None:
        return False
    wanted = {fold(n).lower() for n in names if n.strip()}
    for el in body.iter():
        if not wanted:
            break
        if not isinstance(el.tag, str) or el.tag in NOT_SHOWN:
            texts = (el.tail,)
        else:
            texts = (el.text, el.tail)
        for text in texts:
            if text and len(text) < 2000:
                low = fold(text).lower()
                wanted = {n for n in wanted if n not in low}
    return not wanted


_MARKUP = re.compile(r"<[^>]*>")


def _ld_text(value: str) -> str:
    """A JSON-LD string as text: a script's text is not unescaped by the HTML parser, and plugins
    write entities into it ("O&#039;Donnell")."""
    return fold_spaces(html.unescape(value) if "&" in value else value)


def _person_name(person: dict) -> object:
    """A JSON-LD Person's name, or its given and family names together."""
    if person.get("name") is None and isinstance(person.get("familyName"), str):
        return " ".join(part for part in (person.get("givenName"), person["familyName"]) if isinstance(part, str))
    return person.get("name")


def _ld_names(author: object) -> str | None:
    """A JSON-LD author's name: a Person's, each of a list's ("; " between), or a bare string; a
    name written with markup ("By <a href=...>Ann Lee</a>") as its text."""
    people = author if isinstance(author, list) else [author]
    names = [person if isinstance(person, str) else _person_name(person) if isinstance(person, dict) else None
             for person in people]
    texts = (_ld_text(_MARKUP.sub("", name) if "<" in name else name) for name in names if isinstance(name, str))
    return "; ".join(text for text in texts if text) or None


_TAG_PATH = re.compile(r"/(tags?|tagged|labels?|etiquetas?|schlagwort|categor(y|ies|ia|ie)|kategori[e]?)/[^/?#]+/?$"
                       r"|[?&](tag|cat|category|label)=[^&#]+")  # (WordPress's plain permalinks, Naver's tags)


def _tag_link(a: etree._Element, boxes: dict[etree._Element, bool]) -> bool:
    """A link to a tag's or category's page ("/tag/council/", Tumblr's "/tagged/ferry", Weebly's
    "/blog/category/markets") inside the post, not in a sidebar's tag cloud or a menu: a theme's
    "Tags: council, lighting" line without rel="tag". (boxes: each element's verdict, for the page's
    other links in it: a menu of forty category links is looked at once.)"""
    if not _TAG_PATH.search(a.get("href") or ""):
        return False
    walked = []
    verdict = False
    for up in a.iterancestors():
        if up in boxes:
            verdict = boxes[up]
            break
        walked.append(up)
        if up.tag in ("aside", "nav", "body"):  # (body: its class names the page, "single-post")
            break
        names = up.get("class") or ""
        if names and _NOT_THE_POSTS.search(names):
            break
        if up.tag == "article" or (names and _POSTISH.search(names)):
            verdict = True
            break
    for up in walked:
        boxes[up] = verdict
    return verdict


# a box of links that is not the post's: a sidebar's, a menu's, a breadcrumb trail
_NOT_THE_POSTS = re.compile("widget|sidebar|cloud|menu|crumb|nav")
_POSTISH = re.compile("post|entry|article")


# (a first look: a folder of tags, or a parameter naming one: "tag=", "cat=", "category=", "label=",
# written as an "=" preceded by one, which the engine looks for from each "=" alone, ~15x faster)
_TAG_FOLDER = re.compile("/(?:tag|categor|label|kategori|etiqueta|schlagwort)")
_TAG_PARAMETER = re.compile("=(?:(?<=tag=)|(?<=cat=)|(?<=category=)|(?<=label=))")


def _labels(tree: etree._Element, links: _Links, classes: ClassIndex) -> list[str]:
    """Links in .post-labels (Blogger) or .post-tags (Hugo and Ghost themes), links with rel tag or
    category, and links to tag pages inside the <article>, in page order."""
    in_labels = {a for box in classes.get("post-labels") + classes.get("post-tags") for a in box.iterdescendants("a")}
    tagged = {*links.with_href(_TAG_FOLDER), *links.with_href(_TAG_PARAMETER)}
    # (a menu's dozens of category links)
    menus = {a for box in tree.iter("nav", "aside") for a in box.iter("a")} if tagged else set()
    seen: dict[str, None] = {}
    boxes: dict[etree._Element, bool] = {}
    for i, a in enumerate(links.anchors):
        rel = a.get("rel")
        if ((rel and not _LABEL_RELS.isdisjoint(rel.split(" "))) or (in_labels and a in in_labels)
                or (i in tagged and a not in menus and _tag_link(a, boxes))):
            text = fold_spaces(" ".join(a.itertext())).lstrip("#")  # (Tumblr's "#ferry")
            if text:
                seen.setdefault(text, None)
    return list(seen)


MAX_DECLARED_LABELS = 20


def _declared_labels(head: _Head, article: dict) -> list[str]:
    """The post's section and tags as its head declares them, for a page that links none: OpenGraph's
    article:section and article:tag, and its JSON-LD's articleSection and keywords (a list, or words
    between commas)."""
    found = list(head.tags)
    for key in ("articleSection", "keywords"):
        value = article.get(key)
        values = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
        found += [fold_spaces(v) for v in values if isinstance(v, str)]
    seen: dict[str, str] = {}
    for label in found:
        if label:
            seen.setdefault(fold(label).lower(), label)
    return list(seen.values())[:MAX_DECLARED_LABELS]


def _first_date(sources, months: Months | None) -> str | None:
    """The first of the page's dates (each source asked in turn) that is a date: ISO 8601 or RFC 822
    as given, else the date a theme wrote out in words, as ISO (an old theme's <abbr class="published"
    title="Sonntag, Dezember 16th, 2012, 7:05 pm">) or year first in an era's years (a Blogger date
    header, "令和8年2月17日火曜日"). A value that is neither, or no text at all (a
    JSON-LD number or object), yields to the next source."""
    for source in sources:
        value = source()
        if not value or not isinstance(value, str):
            continue
        if to_utc(value) is not None:
            return value
        if months is None:
            from pipelines.rules import load_rules

            months = load_rules().months
        written = (named_date(value, months) or year_first(value, months.eras)) if len(value) <= _DATE_LINE else None
        if written:
            return written
    return None


def read_meta(tree: etree._Element, url: str, classes: ClassIndex | None = None,
              months: Months | None = None) -> PageMeta:
    """Everything the page itself says about the post and its blog (`months`: the month names dates
    written in words are read by; the bundled rules' when not given)."""
    classes = classes or ClassIndex(tree)
    head = _Head(tree)
    metas = head.meta
    ld = _json_ld(head)
    links = _Links(tree)
    meta = PageMeta()
    meta.generator = metas.get("generator")
    meta.platform = detect_platform(head, url, meta.generator)
    meta.ui_language = ui_language(tree, head)
    meta.html_title = _texts(tree.iter("title"))
    for nodes in (*(classes.get(name) for name in _TITLE_CLASSES), [h for h in tree.iter("h1") if _inside(h, "article")]):
        if len(nodes) == 1 and not _in_other_posts(nodes[0]):
            # (Kadence names the whole header "post-title": the category, the headline, the byline)
            inner = None if nodes[0].tag in _HEADLINE_TAGS else next(nodes[0].iter(*_HEADLINE_TAGS), None)
            meta.title = heading_text(inner if inner is not None else nodes[0]) or None
            break
    meta.title = meta.title or metas.get("og:title") or metas.get("twitter:title")
    meta.home_heading = _home_heading(tree, url)
    headline = _ld_text(ld["headline"]) or None if isinstance(ld.get("headline"), str) else None
    if not meta.title and headline:
        # a JSON-LD headline that the <title> does not hold (Wikipedia's gives the topic's short
        # description, "technique for dimensionality reduction") yields to the <h1> the <title> is
        held = not meta.html_title or fold(headline).lower().strip() in fold(meta.html_title).lower()
        meta.title = headline if held else _lone_heading(tree, meta.html_title, meta.home_heading) or headline
    if not meta.title and meta.html_title:
        meta.title = (_lone_heading(tree, meta.html_title, meta.home_heading)
                      or _title_part_heading(tree, meta.html_title, meta.home_heading))
    elif meta.title:  # (og:title "Headline - Section" over an <h1> of the headline alone)
        meta.heading = _lone_heading(tree, meta.title, meta.home_heading)
    meta.canonical_url, meta.offsite_canonical = own_canonical(url, head.link_href("canonical") or metas.get("og:url"))
    if meta.offsite_canonical is None:
        # (Google's tags for a syndicated copy: the original's address)
        original = metas.get("original-source") or metas.get("syndication-source")
        meta.offsite_canonical = own_canonical(url, original)[1] if original else None
    meta.site_name = (own_site_name(metas.get("og:site_name"), url) or _site_name(tree, classes)
                      or meta.home_heading or _ld_site_name(head, ld) or _feed_title_name(head)
                      or _home_link_name(links, url, meta.html_title) or _blogger_title_name(meta))
    meta.published = _first_date((
        lambda: _texts(a.get("title", "") for a in classes.get("published", "abbr")),
        lambda: metas.get("article:published_time"), lambda: metas.get("datePublished"),
        lambda: ld.get("datePublished"),
        lambda: _texts(t.get("datetime") for t in tree.iter("time") if t.get("datetime") is not None
                       and (_inside(t, "article") or t.get("itemprop") == "datePublished") and not _in_other_posts(t)),
        lambda: _marked_time(classes),
        lambda: _date_header(classes) if meta.platform == "blogger" else None), months)
    meta.updated = _first_date((
        lambda: metas.get("article:modified_time"), lambda: metas.get("og:updated_time"), lambda: metas.get("dateModified"),
        lambda: ld.get("dateModified"),
        lambda: _texts(a.get("title", "") for a in classes.get("updated", "abbr"))), months)
    person = _ld_names(ld.get("author"))
    named = head.author()
    if named and person and fold(named).lower() != fold(person).lower() \
            and fold(person).lower() == fold(metas.get("article:author") or "").lower():
        # <meta name="author"> naming the publishing house ("Condé Nast") where the article's own
        # JSON-LD and article:author agree on a writer: the writer
        named = person
    elif named and person and fold(named).lower() not in fold(person).lower() \
            and _all_shown(person.split("; "), tree) and not _all_shown([named], tree):
        # <meta name="author"> naming someone the page never shows (the producer who filed it) where
        # the byline shows each writer the article's JSON-LD names: the writers
        named = person
    meta.author = (_texts(el for el in classes.get("fn")  # (an hCard's name: "<a class='author fn'>" too)
                          if classes.has(el, "author") or any(classes.has(up, "post-author", "author")
                                                              for up in el.iterancestors()))
                   or _block_author(classes)
                   or _texts(a for a in links.anchors if a.get("rel") == "author"
                             and not _is_home_href(a.get("href") or "", urlsplit(url).netloc.lower()))
                   or _microdata_author(classes) or named
                   or _vcard_author(classes)
                   or metas.get("by")  # (Tistory's)
                   or person
                   or _author_link(links, url)
                   or _class_author(classes))
    meta.labels = _labels(tree, links, classes) or _declared_labels(head, ld)
    meta.ld_body = _ld_body(ld.get("articleBody"))
    if meta.ld_body is not None and isinstance(ld.get("headline"), str):
        meta.ld_headline = _ld_text(ld["headline"]) or None
    for link in head.links:
        kind = (link.get("type") or "").partition(";")[0].strip().lower()  # ("application/rss+xml; charset=UTF-8")
        if "alternate" in _rels(link) and kind in _FEED_TYPES and link.get("href"):
            if (feed := joined(url, link.get("href"))) is not None:
                meta.feeds.append((kind, feed))
    meta.wp_api_root = joined(url, head.link_href("https://api.w.org/"))
    meta.sitemaps = [m for link in head.links
                     if "sitemap" in _rels(link) and (m := joined(url, link.get("href"))) is not None]
    titles = dict.fromkeys(classes.get("entry-title") + classes.get("post-title"))
    title_links = dict.fromkeys(a for t in titles for a in t.iterdescendants("a") if a.get("href") is not None)
    permalinks = [a.get("href") for a in title_links]
    if len(permalinks) == 1:
        link = joined(url, permalinks[0])
        if link is not None and url_host(link) != url_host(url):
            meta.offsite_permalink = link
    return meta


# What a post's body never holds but a theme's wrapper around the whole post does: the headline, a
# form (a search or a "choose your brand" box), menus, a sidebar
_WRAPPER_PARTS = etree.XPath("descendant::*[self::h1 or self::form or self::select or self::nav or self::aside][1]")


_POST_ID = re.compile(r"post-\d+$")


def _is_post_wrapper(el: etree._Element) -> bool:
    """A post's wrapper: class "post" or "hentry", or an id "post-N" (WordPress's)."""
    return bool({"post", "hentry"} & set((el.get("class") or "").split()) or _POST_ID.match(el.get("id") or ""))


def _in_a_post(el: etree._Element) -> bool:
    """Whether el's parent or grandparent is a post's wrapper."""
    return any(_is_post_wrapper(up) for up in islice(el.iterancestors(), 2))


# the types a page's <link rel="alternate"> gives its feeds: RSS, Atom, a JSON Feed (jsonfeed.org)
_FEED_TYPES = ("application/atom+xml", "application/rss+xml", "application/feed+json")
_HEADLINE_TAGS = ("h1", "h2", "h3")


def post_heading(body: etree._Element, home_heading: str | None) -> str | None:
    """The headline over a post's body container, for a page whose <title> and metadata give only the
    site's name (an old theme's <h2> over its <div class="entry">): the nearest h1-h3 above the
    container inside the post's wrapper (its parent or grandparent: an <article>, class "post" or
    "hentry", id "post-N"), else among the container's own earlier siblings; never the site's name."""
    below = [body]  # (the container and what lies between it and the post's wrapper)
    for up in islice(body.iterancestors(), 2):
        if up.tag == "article" or _is_post_wrapper(up):
            break
        below.append(up)
    else:
        below = [body]  # (no wrapper: the container's own earlier siblings only)
    for node in below:
        for sib in node.itersiblings(preceding=True):
            if not isinstance(sib.tag, str):
                continue
            for heading in reversed([sib] if sib.tag in _HEADLINE_TAGS else [*sib.iter(*_HEADLINE_TAGS)]):
                text = heading_text(heading)
                if text and text != home_heading:
                    return text
    return None


def find_body(tree: etree._Element, classes: ClassIndex | None = None) -> tuple[str, etree._Element] | None:
    """The post body container when the template has exactly one (a single post page), not counting
    those in a box of other posts (_in_other_posts). A generic class name on a theme's wrapper (<div
    class="grid-x post-content main-wrapper"> around the headline, the author box and a related list)
    is passed over."""
    classes = classes or ClassIndex(tree)
    for platform, name, tag, within in BODY_CONTAINERS:
        if name.startswith("@"):
            nodes = classes.by_itemprop.get("articleBody", [])
        elif within == "post":
            nodes = [el for el in classes.get(name, tag) if _in_a_post(el)]
        else:
            nodes = classes.get(name, tag, within)
        nodes = [el for el in nodes if not _in_other_posts(el)]
        if len(nodes) == 1 and platform == "generic" and _WRAPPER_PARTS(nodes[0]):
            continue
        if len(nodes) == 1:
            return platform, nodes[0]
        if len(nodes) > 1:
            return None
    return None
