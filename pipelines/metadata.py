"""Read page metadata (title, dates, author, labels, canonical URL, platform, UI language) from an lxml tree."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from pipelines.htmltext import fold_spaces

_GCFG_LANG = re.compile(r"""___gcfg\s*=\s*\{\s*['"]lang['"]\s*:\s*['"]([A-Za-z_-]{2,8})['"]""")


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# Post title nodes by platform template, most specific first (SIGNATURES §6).
_TITLE_XPATHS = (
    f"//*[{_cls('post-title')}]",
    f"//*[{_cls('entry-title')}]",
    "//article//h1",
)
# Blog name in templates that declare no og:site_name (Blogger's Header widget, WordPress themes).
_SITE_NAME_XPATH = (f"//*[@id='Header1']//h1 | //*[@id='Header1']//*[{_cls('title')}] | "
                    f"//header//*[{_cls('site-title')}]")
# Body containers: used when exactly one matches, so index pages fall back to trafilatura.
BODY_XPATHS = (
    ("blogger", f"//div[{_cls('post-body')}]"),
    ("wordpress", f"//article//div[{_cls('entry-content')}]"),
    ("generic", "//*[@itemprop='articleBody']"),
    ("generic", f"//div[{_cls('entry-content')}]"),
    ("generic", f"//div[{_cls('post-content')}]"),
    ("generic", f"//div[{_cls('article-content')}]"),
)


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


def _first(tree: etree._Element, xpath: str) -> str | None:
    for value in tree.xpath(xpath):
        text = fold_spaces(value if isinstance(value, str) else " ".join(value.itertext()))
        if text:
            return text
    return None


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


def read_meta(tree: etree._Element, url: str) -> PageMeta:
    """Everything the page itself says about the post and its blog."""
    ld = _json_ld(tree)
    meta = PageMeta()
    meta.generator = _meta(tree, "generator")
    meta.platform = detect_platform(tree, url, meta.generator)
    meta.ui_language = ui_language(tree)
    meta.html_title = _first(tree, "//title")
    for xpath in _TITLE_XPATHS:
        nodes = tree.xpath(xpath)
        if len(nodes) == 1:
            meta.title = fold_spaces(" ".join(nodes[0].itertext())) or None
            break
    meta.title = meta.title or _meta(tree, "og:title") or _meta(tree, "twitter:title") or ld.get("headline")
    canonical = _first(tree, "//link[@rel='canonical']/@href") or _meta(tree, "og:url")
    meta.canonical_url = urljoin(url, canonical) if canonical else None
    meta.site_name = _meta(tree, "og:site_name") or _first(tree, _SITE_NAME_XPATH)
    meta.published = (_first(tree, f"//abbr[{_cls('published')}]/@title") or _meta(tree, "article:published_time")
                      or _meta(tree, "datePublished") or ld.get("datePublished")
                      or _first(tree, "//article//time/@datetime | //time[@itemprop='datePublished']/@datetime"))
    meta.updated = (_meta(tree, "article:modified_time") or _meta(tree, "dateModified") or ld.get("dateModified")
                    or _first(tree, f"//abbr[{_cls('updated')}]/@title"))
    author = ld.get("author")
    meta.author = (_first(tree, f"//*[{_cls('post-author')}]//*[{_cls('fn')}] | //*[{_cls('author')}]//*[{_cls('fn')}]")
                   or _first(tree, "//a[@rel='author']") or _meta(tree, "author")
                   or (author.get("name") if isinstance(author, dict) else None))
    labels = tree.xpath(f"//*[{_cls('post-labels')}]//a | //a[contains(concat(' ', @rel, ' '), ' tag ')]"
                        " | //a[contains(concat(' ', @rel, ' '), ' category ')]")
    seen: dict[str, None] = {}
    for a in labels:
        text = fold_spaces(" ".join(a.itertext()))
        if text:
            seen.setdefault(text, None)
    meta.labels = list(seen)
    for link in tree.xpath("//link[@rel='alternate'][@type]"):
        kind = link.get("type", "")
        if kind in ("application/atom+xml", "application/rss+xml") and link.get("href"):
            meta.feeds.append((kind, urljoin(url, link.get("href"))))
    api = _first(tree, "//link[@rel='https://api.w.org/']/@href")
    meta.wp_api_root = urljoin(url, api) if api else None
    meta.sitemaps = [urljoin(url, h) for h in tree.xpath("//link[@rel='sitemap']/@href")]
    permalinks = tree.xpath(f"//*[{_cls('entry-title')} or {_cls('post-title')}]//a[@href]/@href")
    if len(permalinks) == 1:
        link = urljoin(url, permalinks[0])
        if (urlsplit(link).hostname or "") != (urlsplit(url).hostname or ""):
            meta.offsite_permalink = link
    return meta


def find_body(tree: etree._Element) -> tuple[str, etree._Element] | None:
    """The post body container when the template has exactly one (a single post page)."""
    for platform, xpath in BODY_XPATHS:
        nodes = tree.xpath(xpath)
        if len(nodes) == 1:
            return platform, nodes[0]
        if len(nodes) > 1:
            return None
    return None
