"""Extract stage: post HTML (a page or a feed body) -> main text + metadata, cutting signature blocks first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html as lxml_html

from pipelines.cleaning import Harvest
from pipelines.htmltext import cut_blocks, harvest_links, parse_fragment, to_text
from pipelines.metadata import PageMeta, find_body, read_meta
from pipelines.rules import RuleSet
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

    mode: str = "auto"  # auto: template body container when found, else trafilatura; trafilatura: always
    max_html_chars: int = 5_000_000  # ~5 MB: real post pages are <1 MB; bigger ones are junk or traps
    timeout: float = 20.0  # seconds per page in a worker
    rules_dirs: tuple[str, ...] = ()


@dataclass(slots=True)
class Extracted:
    text: str
    removed: list[tuple[str, str]]
    harvest: Harvest
    meta: PageMeta
    method: str  # feed | container | trafilatura
    extra: dict[str, Any] = field(default_factory=dict)


def _parse_page(raw_html: str) -> etree._Element:
    if "\x00" in raw_html[:4096]:
        raise ExtractError("not_html", "binary content")
    try:
        try:
            tree = lxml_html.document_fromstring(raw_html)
        except ValueError:  # a str holding an XML encoding declaration: parse its UTF-8 bytes instead
            parser = lxml_html.HTMLParser(encoding="utf-8")
            tree = lxml_html.document_fromstring(raw_html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError("unparsable_html", str(exc)[:200]) from None
    if tree is None or len(tree) == 0:
        raise ExtractError("unparsable_html", "empty document")
    return tree


# htmldate without its "extensive" pass: that pass hands free-text dates to dateparser, whose first
# use compiles every locale's month names (~45 MB more per worker, a step seen after ~1,000 pages).
# Dates in meta tags, JSON-LD, <time>, URLs and common written forms are still found.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _trafilatura_text(tree: etree._Element, url: str, meta: PageMeta) -> str:
    # trafilatura's own metadata pass (a third of its time on small pages) only when our reader of
    # the page's meta tags and JSON-LD left the title, date or author open
    import trafilatura  # here, not at the top: the main process never extracts (workers preload it)

    wanted = not (meta.title and meta.published and meta.author)
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, deduplicate=False,
                                      with_metadata=wanted, include_tables=True,
                                      date_extraction_params=_DATE_PARAMS if wanted else None)
    if doc is None:
        return ""
    meta.title = meta.title or doc.title
    meta.author = meta.author or doc.author
    meta.published = meta.published or doc.date
    meta.site_name = meta.site_name or doc.sitename
    return doc.text or ""


def extract_post(raw: RawPost, rules: RuleSet, options: ExtractOptions) -> Extracted:
    """The article text and metadata of one post, with signature blocks cut and their links harvested."""
    if len(raw.html) > options.max_html_chars:
        raise ExtractError("too_large", f"{len(raw.html)} characters")
    harvest = Harvest()
    if raw.is_fragment:
        root = parse_fragment(raw.html)
        removed = cut_blocks(root, rules, harvest)
        harvest_links(root, rules, harvest)
        text, meta, method = to_text(root), PageMeta(), "feed"
    else:
        tree = _parse_page(raw.html)
        meta = read_meta(tree, raw.url)
        body = find_body(tree) if options.mode == "auto" else None
        if body is not None:
            removed = cut_blocks(body[1], rules, harvest)
            harvest_links(body[1], rules, harvest)
            text, method = to_text(body[1]), "container"
        else:
            removed = cut_blocks(tree, rules, harvest)
            harvest_links(tree, rules, harvest, short_links=False)  # the page's sidebars are not the post
            text, method = _trafilatura_text(tree, raw.url, meta), "trafilatura"
    if not text.strip():
        raise ExtractError("empty_text", method)
    return Extracted(text, removed, harvest, meta, method)
