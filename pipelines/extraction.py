"""Extract stage: post HTML (a page or a feed body) -> main text + metadata, cutting signature blocks first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree, html as lxml_html

from pipelines.cleaning import Harvest
from pipelines.htmltext import cut_blocks, harvest_links, parse_fragment, to_text
from pipelines.metadata import ClassIndex, PageMeta, find_body, read_meta
from pipelines.rules import RuleSet, fold
from pipelines.templates import HostTemplate, Templates, drop_children, select
from schemas.raw import RawPost


class ExtractError(Exception):
    """A page that yields no article; ``reason`` is the stable reject code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Built once from settings; shipped to each worker process."""

    # auto: the platform's body container when found, else a body template learned for the host,
    # else trafilatura; trafilatura: always trafilatura
    mode: str = "auto"
    max_html_chars: int = 5_000_000  # ~5 MB: real post pages are <1 MB; bigger ones are junk or traps
    timeout: float = 20.0  # seconds per page in a worker
    rules_dirs: tuple[str, ...] = ()


@dataclass(slots=True)
class Extracted:
    text: str
    removed: list[tuple[str, str]]
    harvest: Harvest
    meta: PageMeta
    method: str  # feed | container | template | trafilatura
    extra: dict[str, Any] = field(default_factory=dict)


# Body templates learned per host in this process (pipelines/templates.py).
TEMPLATES = Templates()


def _html_parser(**options: Any) -> lxml_html.HTMLParser:
    """lxml.html's parser with a class lookup done in C: lxml.html's own lookup (which gives form
    fields their own classes, used by nobody here) is a Python call each time an element is touched
    from Python, ~7,000 times a page between our passes, trafilatura's and htmldate's."""
    parser = lxml_html.HTMLParser(**options)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    return parser


_PARSER = _html_parser()
_UTF8_PARSER = _html_parser(encoding="utf-8")


def _parse_page(raw_html: str) -> etree._Element:
    if "\x00" in raw_html[:4096]:
        raise ExtractError("not_html", "binary content")
    try:
        try:
            tree = lxml_html.document_fromstring(raw_html, parser=_PARSER)
        except ValueError:  # a str holding an XML encoding declaration: parse its UTF-8 bytes instead
            tree = lxml_html.document_fromstring(raw_html.encode("utf-8", "replace"), parser=_UTF8_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError("unparsable_html", str(exc)[:200]) from None
    if tree is None or len(tree) == 0:
        raise ExtractError("unparsable_html", "empty document")
    return tree


# htmldate without its "extensive" pass: that pass hands free-text dates to dateparser, whose first
# use compiles every locale's month names (~45 MB more per worker, a step seen after ~1,000 pages).
# Dates in meta tags, JSON-LD, <time>, URLs and common written forms are still found.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _trafilatura_text(tree: etree._Element, url: str, meta: PageMeta) -> tuple[str, dict[str, str]]:
    """trafilatura's text of the page, and the fields its metadata pass filled that ours left open.

    Its metadata pass (a third of its time on small pages) runs only when our reader of the page's
    meta tags and JSON-LD left the title, date or author open."""
    import trafilatura  # here, not at the top: the main process never extracts (workers preload it)

    wanted = _wants_metadata(meta)
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, deduplicate=False,
                                      with_metadata=wanted, include_tables=True,
                                      date_extraction_params=_DATE_PARAMS if wanted else None)
    if doc is None:
        return "", {}
    return doc.text or "", _fill_meta(meta, doc) if wanted else {}


def _wants_metadata(meta: PageMeta) -> bool:
    return not (meta.title and meta.published and meta.author)


_META_FIELDS = (("title", "title"), ("author", "author"), ("published", "date"), ("site_name", "sitename"))


def _fill_meta(meta: PageMeta, doc: Any) -> dict[str, str]:
    """Fill our open fields from trafilatura's metadata; returns what that added."""
    gained = {}
    for ours, theirs in _META_FIELDS:
        value = getattr(doc, theirs, None)
        if not getattr(meta, ours) and value:
            setattr(meta, ours, value)
            gained[ours] = value
    return gained


def _page_date(tree: etree._Element, url: str) -> str | None:
    from htmldate import find_date

    return find_date(tree, url=url, **_DATE_PARAMS)


def _template_metadata(tree: etree._Element, url: str, meta: PageMeta, tmpl: HostTemplate) -> None:
    """For a template page: what trafilatura's metadata pass would have added, the cheap way the
    host's learning pages showed to give the same values, or the pass itself."""
    if tmpl.full_metadata:
        from trafilatura.metadata import extract_metadata

        _fill_meta(meta, extract_metadata(tree, default_url=url, date_config=_DATE_PARAMS))
        return
    if tmpl.title_selector and not meta.title:
        node = select(tree, tmpl.title_selector)
        meta.title = fold(node.text_content()) if node is not None else None
    if tmpl.needs_date and not meta.published:
        meta.published = _page_date(tree, url)
    meta.site_name = meta.site_name or tmpl.site_name


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


def extract_post(raw: RawPost, rules: RuleSet, options: ExtractOptions) -> Extracted:
    """The article text and metadata of one post, with signature blocks cut and their links harvested."""
    if len(raw.html) > options.max_html_chars:
        raise ExtractError("too_large", f"{len(raw.html)} characters")
    harvest = Harvest()
    if raw.is_fragment:
        root = parse_fragment(raw.html)
        removed = cut_blocks(root, rules, harvest)
        harvest_links(root, rules, harvest)
        return _checked(Extracted(to_text(root), removed, harvest, PageMeta(), "feed"))
    tree = _parse_page(raw.html)
    classes = ClassIndex(tree)
    meta = read_meta(tree, raw.url, classes)
    body = find_body(tree, classes) if options.mode == "auto" else None
    if body is not None:
        removed = cut_blocks(body[1], rules, harvest)
        harvest_links(body[1], rules, harvest)
        return _checked(Extracted(to_text(body[1]), removed, harvest, meta, "container"))
    plan = TEMPLATES.plan(_host(raw.url)) if options.mode == "auto" else None
    if plan is not None and plan.use:
        node = select(tree, plan.template.selector or "")
        if node is not None and not plan.template.looks_short(node):
            if _wants_metadata(meta):  # first: the date line may be one of the dropped children
                _template_metadata(tree, raw.url, meta, plan.template)
            drop_children(node, plan.template.drop)
            removed = cut_blocks(node, rules, harvest)
            harvest_links(node, rules, harvest)
            return _checked(Extracted(to_text(node), removed, harvest, meta, "template"))
        # else (an index page, another layout, a body far shorter than the host's usual) this page
        # goes through trafilatura, and is compared with the template like an audit
        plan.learn = not plan.template.refused
    fresh = _parse_page(raw.html) if plan is not None and plan.learn else None  # before any cutting
    removed = cut_blocks(tree, rules, harvest)
    harvest_links(tree, rules, harvest, short_links=False)  # the page's sidebars are not the post
    text, gained = _trafilatura_text(tree, raw.url, meta)
    if fresh is not None and text.strip():
        date = _page_date(fresh, raw.url) if "published" in gained else None
        TEMPLATES.observe(plan.template, fresh, text, gained, date)
    return _checked(Extracted(text, removed, harvest, meta, "trafilatura"))


def _checked(ex: Extracted) -> Extracted:
    if not ex.text.strip():
        raise ExtractError("empty_text", ex.method)
    return ex
