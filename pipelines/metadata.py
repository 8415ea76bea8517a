"""Read page metadata (title, dates, author, labels, canonical URL, platform, UI language) from an lxml tree."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from pipelines.htmltext import fold_spaces

_GCFG_LANG = re.compile(r"""___gcfg\s*=\s*\{\s*['"]lang['"]\s*:\s*['"]([A-Za-z_-]{2,8})['"]""")


# Post title classes by platform template, most specific first (SIGNATURES §6); then //article//h1.
_TITLE_CLASSES = ("post-title", "entry-title")
# Body containers: used when exactly one matches, so index pages fall back to trafilatura.
# (platform, class, tag, an ancestor it must have); the itemprop container is looked up by XPath.
BODY_CONTAINERS = (
    ("blogger", "post-body", "div", None),
    ("wordpress", "entry-content", "div", "article"),
    ("generic", "@itemprop=articleBody", None, None),
    ("generic", "entry-content", "div", None),
    ("generic", "post-content", "div", None),
    ("generic", "article-content", "div", None),
)


class ClassIndex:
    """Elements by class name, in document order, from one pass over the page.

    Stands in for XPaths like //*[contains(concat(' ', normalize-space(@class), ' '), ' x ')], which
    evaluate string functions on every element of the page: a dozen of them were most of the time
    spent reading the metadata of a page with a heavy theme."""

    __slots__ = ("by_name",)

    def __init__(self, tree: etree._Element) -> None:
        self.by_name: dict[str, list[etree._Element]] = {}
        for el in tree.xpath("//*[@class]"):
            for name in set(el.get("class", "").split()):
                self.by_name.setdefault(name, []).append(el)

    def get(self, name: str, tag: str | None = None, within: str | None = None) -> list[etree._Element]:
        """Elements of class name (of that tag; with an ancestor of tag `within`)."""
        found = self.by_name.get(name, [])
        if tag:
            found = [el for el in found if el.tag == tag]
        if within:
            found = [el for el in found if next(el.iterancestors(within), None) is not None]
        return found

    def has(self, el: etree._Element, *names: str) -> bool:
        return bool(set((el.get("class") or "").split()).intersection(names))


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


def _texts(nodes) -> str | None:
    for node in nodes:
        text = fold_spaces(node if isinstance(node, str) else " ".join(node.itertext()))
        if text:
            return text
    return None


def _first(tree: etree._Element, xpath: str) -> str | None:
    return _texts(tree.xpath(xpath))


def _meta(tree: etree._Element, key: str) -> str | None:
    return _first(tree, f"//meta[@property='{key}' or @name='{key}' or @itemprop='{key}']/@content")


def _json_ld(tree: etree._Element) -> dict:
    for node in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(node)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and str(item.get("@type", "")).endswith(("Posting", "Article")):
                return item
    return {}


def detect_platform(tree: etree._Element, url: str, generator: str | None) -> str:
    """blogger / wordpress / generic, from the generator meta, API links, asset paths and host."""
    gen = (generator or "").lower()
    host = (urlsplit(url).hostname or "").lower()
    if "blogger" in gen or host.endswith(".blogspot.com") or tree.xpath(
            "//link[contains(@href, 'blogger.com/feeds/') or contains(@href, '/feeds/posts/default')]"
            " | //script[contains(., '_WidgetManager._Init')]"):
        return "blogger"
    if "wordpress" in gen or tree.xpath("//link[@rel='https://api.w.org/']") or tree.xpath(
            "//link[contains(@href, '/wp-content/')] | //script[contains(@src, '/wp-includes/')]"):
        return "wordpress"
    return "generic"


def ui_language(tree: etree._Element) -> str | None:
    """Blogger's ___gcfg lang, else <html lang>; normalised to ISO 639-1 ('in' is Blogger's 'id')."""
    lang = None
    for script in tree.xpath("//script[contains(., '___gcfg')]/text()"):
        m = _GCFG_LANG.search(script)
        if m:
            lang = m.group(1)
            break
    lang = lang or tree.get("lang") or _first(tree, "/html/@lang | /html/@xml:lang")
    if not lang:
        return None
    code = re.split(r"[-_]", lang.strip().lower())[0]
    return {"in": "id", "iw": "he", "ji": "yi"}.get(code, code) if 2 <= len(code) <= 3 else None


def _site_name(tree: etree._Element, classes: ClassIndex) -> str | None:
    """Blog name in templates that declare no og:site_name: Blogger's Header widget (its h1 or
    .title), else a WordPress theme's .site-title inside <header>."""
    for header in tree.xpath("//*[@id='Header1']"):
        name = _texts(el for el in header.iterdescendants() if el.tag == "h1" or classes.has(el, "title"))
        if name:
            return name
    return _texts(classes.get("site-title", within="header"))


def _labels(tree: etree._Element, classes: ClassIndex) -> list[str]:
    """Links in .post-labels, and links with rel tag or category, in page order."""
    in_labels = {a for box in classes.get("post-labels") for a in box.iterdescendants("a")}
    seen: dict[str, None] = {}
    for a in tree.iter("a"):
        if a in in_labels or {"tag", "category"} & set((a.get("rel") or "").split(" ")):
            text = fold_spaces(" ".join(a.itertext()))
            if text:
                seen.setdefault(text, None)
    return list(seen)


def read_meta(tree: etree._Element, url: str, classes: ClassIndex | None = None) -> PageMeta:
    """Everything the page itself says about the post and its blog."""
    classes = classes or ClassIndex(tree)
    ld = _json_ld(tree)
    meta = PageMeta()
    meta.generator = _meta(tree, "generator")
    meta.platform = detect_platform(tree, url, meta.generator)
    meta.ui_language = ui_language(tree)
    meta.html_title = _first(tree, "//title")
    for nodes in (*(classes.get(name) for name in _TITLE_CLASSES), tree.xpath("//article//h1")):
        if len(nodes) == 1:
            meta.title = fold_spaces(" ".join(nodes[0].itertext())) or None
            break
    meta.title = meta.title or _meta(tree, "og:title") or _meta(tree, "twitter:title") or ld.get("headline")
    canonical = _first(tree, "//link[@rel='canonical']/@href") or _meta(tree, "og:url")
    meta.canonical_url = urljoin(url, canonical) if canonical else None
    meta.site_name = _meta(tree, "og:site_name") or _site_name(tree, classes)
    meta.published = (_texts(a.get("title", "") for a in classes.get("published", "abbr"))
                      or _meta(tree, "article:published_time")
                      or _meta(tree, "datePublished") or ld.get("datePublished")
                      or _first(tree, "//article//time/@datetime | //time[@itemprop='datePublished']/@datetime"))
    meta.updated = (_meta(tree, "article:modified_time") or _meta(tree, "dateModified") or ld.get("dateModified")
                    or _texts(a.get("title", "") for a in classes.get("updated", "abbr")))
    author = ld.get("author")
    meta.author = (_texts(el for el in classes.get("fn")
                          if any(classes.has(up, "post-author", "author") for up in el.iterancestors()))
                   or _first(tree, "//a[@rel='author']") or _meta(tree, "author")
                   or (author.get("name") if isinstance(author, dict) else None))
    meta.labels = _labels(tree, classes)
    for link in tree.xpath("//link[@rel='alternate'][@type]"):
        kind = link.get("type", "")
        if kind in ("application/atom+xml", "application/rss+xml") and link.get("href"):
            meta.feeds.append((kind, urljoin(url, link.get("href"))))
    api = _first(tree, "//link[@rel='https://api.w.org/']/@href")
    meta.wp_api_root = urljoin(url, api) if api else None
    meta.sitemaps = [urljoin(url, h) for h in tree.xpath("//link[@rel='sitemap']/@href")]
    titles = dict.fromkeys(classes.get("entry-title") + classes.get("post-title"))
    anchors = dict.fromkeys(a for t in titles for a in t.iterdescendants("a") if a.get("href") is not None)
    permalinks = [a.get("href") for a in anchors]
    if len(permalinks) == 1:
        link = urljoin(url, permalinks[0])
        if (urlsplit(link).hostname or "") != (urlsplit(url).hostname or ""):
            meta.offsite_permalink = link
    return meta


def find_body(tree: etree._Element, classes: ClassIndex | None = None) -> tuple[str, etree._Element] | None:
    """The post body container when the template has exactly one (a single post page)."""
    classes = classes or ClassIndex(tree)
    for platform, name, tag, within in BODY_CONTAINERS:
        nodes = (tree.xpath("//*[@itemprop='articleBody']") if name.startswith("@")
                 else classes.get(name, tag, within))
        if len(nodes) == 1:
            return platform, nodes[0]
        if len(nodes) > 1:
            return None
    return None
