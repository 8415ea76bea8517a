"""Extract stage: post HTML (a page or a feed body) -> main text + metadata, cutting signature blocks first."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree, html as lxml_html

from crawler.links import is_home
from pipelines.cleaning import TITLE_AFFIX_SEPS, Harvest, ui_language_of
from pipelines.htmltext import (BLOCK_TAGS, IDEOGRAPHS, SKIP_TAGS, SOURCE_LINE_END, controls_dropped, cut_blocks,
                                cut_page_boxes, cut_unseen, drop_element, ended_early, fold_spaces, harvest_links,
                                hidden_by_class, inside, opened_html_tag, parse_fragment, post_short_links, shallower,
                                source_line_ends_as_spaces, to_text, too_deep, void_elements_emptied)
from pipelines.metadata import (NOT_SHOWN, ClassIndex, PageMeta, find_body, header_lines, heading_date, heading_lines,
                                joined, meta_lines, names_its_host, own_site_name, post_heading, posted_on_date,
                                in_side_column, read_meta, resolve_base, same_site)
from pipelines.normalize import canonical_url
from pipelines.operator_ids import find_ids
from pipelines.rules import RuleSet, fold, site_host
from pipelines.templates import HostTemplate, Templates, drop_children, dropped_head_lines, learn_date_scope, select
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
    method: str  # feed | container | template | trafilatura | json-ld
    extra: dict[str, Any] = field(default_factory=dict)
    # the operator ids in the post's body (a feed's, or the page's post container before its boxes
    # are cut: an affiliate box's tag is the blog's), (kind, id) (pipelines/operator_ids.py)
    body_ids: list[tuple[str, str]] = field(default_factory=list)
    # the links of the post's body as (href, anchor text, the text around a short anchor), after its
    # boxes are cut: the record's outlinks are those to other sites whose words the text keeps
    anchors: list[tuple[str, str, str]] = field(default_factory=list)


# Body templates learned per host in this process (pipelines/templates.py).
TEMPLATES = Templates()


def _html_parser(**options: Any) -> lxml_html.HTMLParser:
    """lxml.html's parser with a class lookup done in C: lxml.html's own lookup (which gives form
    fields their own classes, used by nobody here) is a Python call each time an element is touched
    from Python, ~7,000 times a page between our passes, trafilatura's and htmldate's. Comments and
    processing instructions are left out as trafilatura's own parser leaves them out: its extraction
    drops a comment node's tail, and "Write to<!-- --> Ann Lee" lost the name."""
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, **options)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    return parser


_PARSER = _html_parser()
_UTF8_PARSER = _html_parser(encoding="utf-8")


# Control characters that text does not hold (tab, line ends and form feed aside), and the
# replacement character a decoder leaves for bytes that are not text.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


# a feed or a sitemap where a page was expected (a post URL that serves the blog's feed, a saved feed)
_XML_DOCUMENT = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*"
                           r"<(rss|feed|rdf:RDF|urlset|sitemapindex)[\s>]", re.S | re.I)
_HTML_ROOT = re.compile(r"<(html|body)[\s>]", re.I)
# any other XML document: a declaration, then (past comments, a stylesheet, a doctype) a root element
# that is no HTML's
_OTHER_XML = re.compile(r"\s*<\?xml[^>]*>\s*(<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*"
                        r"<(?!(html|head|body|title|meta|link|div|p|table)[\s>/])[A-Za-z_][\w.:-]*[\s>/]", re.S | re.I)


def _parse_page(raw_html: str) -> etree._Element:
    sample = raw_html[:4096]
    xml = _XML_DOCUMENT.match(sample)
    if xml and not _HTML_ROOT.search(sample):
        kind = xml.group(3).lower()
        raise ExtractError("not_html", "a sitemap, not a page" if kind in ("urlset", "sitemapindex") else "a feed, not a page")
    if _OTHER_XML.match(sample) and not _HTML_ROOT.search(sample):
        raise ExtractError("not_html", "an XML document, not a page")  # (a shop's product export, a data file)
    # binary content (an image, a PDF, a compressed body: deflate's and brotli's hold no NUL byte as
    # often as not) under a text type, or a page with a few stray NUL bytes (a broken template or
    # database field), which are dropped
    if len(_NOT_TEXT.findall(sample)) > 0.02 * len(sample):
        raise ExtractError("not_html", "binary content")
    if "\x00" in sample:
        raw_html = raw_html.replace("\x00", "")
    raw_html = ended_early(controls_dropped(raw_html))
    tree, cut_short = _parsed(raw_html)
    for attempt in range(2):  # (a page nested deeper than libxml2 builds: its wrappers are taken out)
        if not cut_short:
            break
        tree, cut_short = _parsed(shallower(raw_html, attempt) or raw_html)
    if (tree is None or len(tree) == 0) and (opened := opened_html_tag(raw_html)) is not raw_html:
        tree, _ = _parsed(opened)
    if tree is None or len(tree) == 0:
        raise ExtractError("unparsable_html", "empty document")
    if _BASE_TAG.search(raw_html, 0, 65_536):
        resolve_base(tree)
    void_elements_emptied(tree)
    source_line_ends_as_spaces(tree)
    return tree


_BASE_TAG = re.compile(r"<base\s[^>]*href", re.I)


def _parsed(raw_html: str) -> tuple[etree._Element, bool]:
    """The page's tree, and whether libxml2 stopped building it at its depth limit."""
    try:
        try:
            return lxml_html.document_fromstring(raw_html, parser=_PARSER), too_deep(_PARSER)
        except ValueError:  # a str holding an XML encoding declaration: parse its UTF-8 bytes instead
            tree = lxml_html.document_fromstring(raw_html.encode("utf-8", "replace"), parser=_UTF8_PARSER)
            return tree, too_deep(_UTF8_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError("unparsable_html", str(exc)[:200]) from None


# htmldate without its "extensive" pass: that pass hands free-text dates to dateparser, whose first
# use compiles every locale's month names (~45 MB more per worker, a step seen after ~1,000 pages).
# Dates in meta tags, JSON-LD, <time>, URLs and common written forms are still found.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


# What trafilatura's author search (trafilatura.xpaths.AUTHOR_XPATHS) looks for: these strings in
# the values of class, id, rel, itemprop, data-testid and data-component, and <author> or <rel>
# elements. On a page with none of them the search finds nothing, so it is skipped: it copies the
# whole page and runs regular-expression XPaths over every element (~10 ms on a theme-heavy page,
# most of trafilatura's metadata pass). tests/test_extraction.py checks these against its XPaths.
AUTHOR_HINTS = ("author", "byl", "bbl", "username", "screenname", "writer", "zuozhe", "bianji", "xiaobian",
                "channel-name", "submitted-by", "posted-by", "journalist-name")
_AUTHOR_ATTRS = ("id", "rel", "itemprop", "data-testid", "data-component")


_UNINDEXED_ATTRS = tuple(a for a in _AUTHOR_ATTRS if a not in ("id", "itemprop"))  # ClassIndex keeps those
_UNINDEXED_XPATH = "//*[" + " or ".join(f"@{a}" for a in _UNINDEXED_ATTRS) + "]"


def may_name_author(tree: etree._Element, classes: ClassIndex) -> bool:
    """Whether trafilatura's author search could find anything in this page."""
    indexed = (*classes.by_name, *classes.by_id, *classes.by_itemprop)  # class names, ids, itemprops
    if any(hint in value.lower() for value in indexed for hint in AUTHOR_HINTS):
        return True
    if next(tree.iter("author", "rel"), None) is not None:
        return True
    return any(hint in (el.get(attr) or "").lower()
               for el in tree.xpath(_UNINDEXED_XPATH)
               for attr in _UNINDEXED_ATTRS for hint in AUTHOR_HINTS)


@contextlib.contextmanager
def _metadata_pass(author_search: bool) -> Iterator[None]:
    """trafilatura's metadata pass without the parts whose results we never read: categories, tags
    and licence always, the author search when the page cannot give it one. (The pass is one
    function that calls these in turn; they are swapped for no-ops in this worker process, which
    extracts one page at a time, and put back at once.)"""
    import trafilatura.metadata as tm

    skipped = {"extract_catstags": lambda *_args, **_kw: [], "extract_license": lambda *_args, **_kw: None}
    if not author_search:
        skipped["extract_author"] = lambda *_args, **_kw: None
    saved = {name: getattr(tm, name) for name in skipped if hasattr(tm, name)}
    try:
        for name in saved:
            setattr(tm, name, skipped[name])
        yield
    finally:
        for name, function in saved.items():
            setattr(tm, name, function)


# trafilatura falls back to its "baseline" (the main element's text, joined into one line: headline,
# byline and paragraphs run together) when its own extraction finds fewer than MIN_EXTRACTED_SIZE
# characters (250 by default): a two-paragraph splog post is short. Below 50 it still does.
MIN_EXTRACTED_SIZE = 50
_CONFIG: Any = None


def trafilatura_config() -> Any:
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        _CONFIG = use_config()
        _CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_EXTRACTED_SIZE))
    return _CONFIG


# Elements whose opening text trafilatura may drop, and what ends that opening run of text
_WRAPPED = ("article", "main", "section", "div", "td", "center", "span", "font")
_INLINE_WRAPPED = frozenset(("span", "font"))
_RUN_ENDS = BLOCK_TAGS | {"br"}


def _inline_run(first: etree._Element | None) -> tuple[list[etree._Element], bool]:
    """The elements from first on, among its siblings, up to the next <br> or block; and whether one
    ended the run."""
    run = []
    while first is not None:
        if isinstance(first.tag, str) and first.tag.lower() in _RUN_ENDS:
            return run, True
        run.append(first)
        first = first.getnext()
    return run, False


def _wrapped(text: str | None, run: list[etree._Element], tag: str) -> etree._Element:
    """A new `tag` element of text and the run's elements (each with its tail: the run's text between
    them). The line ends of the page's source in that text are spaces, as a browser shows them
    (trafilatura keeps them in a paragraph it is given so, and each made a line of the record), and
    the paragraph's own ends are trimmed."""
    wrapper = etree.Element(tag)
    wrapper.text = SOURCE_LINE_END.sub(" ", text).lstrip() if text else text
    for el in run:
        if el.tail:
            el.tail = SOURCE_LINE_END.sub(" ", el.tail)
        wrapper.append(el)
    last = run[-1] if run else None
    if last is None and wrapper.text:
        wrapper.text = wrapper.text.rstrip()
    elif last is not None and last.tail:
        last.tail = last.tail.rstrip()
    return wrapper


def _wrap_leading_text(tree: etree._Element, tag: str = "p") -> None:
    """Put the text a container opens with (its text and the inline elements after it, up to its
    first <br> or block) in a <p> (or `tag`) of its own. trafilatura drops that text when it takes
    such an element inside others as the page's body: a post written as text between <br>s lost its
    first paragraph. A container of inline text alone ("by <a>Ann</a>") is left as it is."""
    for el in [el for el in tree.iter(*_WRAPPED) if len(el) and el.text and el.text.strip()]:
        run, ended = _inline_run(el[0])
        if ended:
            text, el.text = el.text, None
            el.insert(0, _wrapped(text, run, tag))


def _wrap_text_after_blocks(tree: etree._Element, tag: str = "p") -> None:
    """Put the text that follows a block inside a container (a picture's box, then the paragraph
    "<div class='pic'>…</div>The dairy's …<br>") in a <p> (or `tag`) of its own, with the inline
    elements after it, up to the next <br> or block; and so each paragraph of text between <br>s
    that follows it ("…</p><br><br>Next paragraph<br><br>Another"). trafilatura drops a block's tail
    text, and on a page it reads by its <p>s, the text between <br>s beside them: the paragraph after
    a picture was lost, and the paragraphs after an embedded post that followed it."""
    found = []
    for el in tree.iter(*_WRAPPED):
        after_block = False
        between_brs = None  # (asked once a container has text after a <br> that follows a block)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = child.tag.lower()
            has_tail = bool(child.tail and child.tail.strip())
            if name in BLOCK_TAGS:
                after_block = True
                if has_tail:
                    found.append(child)
            elif name == "br" and after_block and has_tail:
                if between_brs is None:
                    # (the text between <br>s only in a block that no paragraph holds: in a <span> or
                    # in a <p>, trafilatura reads paragraphs put there as one line)
                    between_brs = el.tag not in _INLINE_WRAPPED and next(el.iterancestors("p"), None) is None
                if between_brs:
                    found.append(child)
    for child in found:
        run, _ended = _inline_run(child.getnext())
        text, child.tail = child.tail, None
        child.addnext(_wrapped(text, run, tag))


_PARAGRAPH_TEXT = etree.XPath("//p//text()")


def _reads_divs(tree: etree._Element) -> bool:
    """Whether trafilatura reads this page's divs as text blocks: it does on a page whose <p>s hold
    little text (under three times its MIN_EXTRACTED_SIZE), and reads only <p>s and the like
    otherwise. (A page laid out in divs and <br>s that our wraps gave a few <p>s, its author line and
    footer, lost the text between its divs.)"""
    return sum(len(t) for t in _PARAGRAPH_TEXT(tree)) < 3 * MIN_EXTRACTED_SIZE


_BLOCKS_AND_SKIPPED = BLOCK_TAGS | SKIP_TAGS | {"img", "picture"}
_LONE_DIV_CHARS = 20  # a div's text shorter than this ("Advertisement", a date) is not wrapped
_BESIDE_CHARS = 40  # the paragraph beside it that shows it is in a post's run of paragraphs


def _paragraph_runs(tree: etree._Element) -> list[etree._Element]:
    """The elements that hold a post's paragraphs: the parent of a <p> of some length, and the
    parent of a div that opens with one (the leading run _wrap_leading_text put in a <p>)."""
    runs: dict[etree._Element, None] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is None or parent in runs:
            continue
        if len((p.text or "").strip()) < _BESIDE_CHARS and len("".join(p.itertext()).strip()) < _BESIDE_CHARS:
            continue
        runs[parent] = None
        if parent.tag == "div" and parent[0] is p and (outer := parent.getparent()) is not None:
            runs[outer] = None
    return list(runs)


def _under_picture(div: etree._Element) -> bool:
    """Whether the element before div is a picture with no text of its own (div is its caption)."""
    before = div.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()
    return (before is not None and next(before.iter("img"), None) is not None
            and len(fold_spaces("".join(before.itertext()))) < 5)


def _lone_text_div(div: etree._Element | None) -> bool:
    """Whether div holds a paragraph's inline text alone: no blocks, not mostly links, not short."""
    if div is None or div.tag != "div" or any(
            isinstance(c.tag, str) and c.tag.lower() in _BLOCKS_AND_SKIPPED for c in div.iterdescendants()):
        return False
    text = "".join(div.itertext()).strip()
    linked = sum(len("".join(a.itertext()).strip()) for a in div.iter("a"))
    return len(text) >= _LONE_DIV_CHARS and linked * 2 <= len(text)


def _next_paragraph_div(div: etree._Element) -> etree._Element | None:
    """The element after div, past the empty divs a compose box leaves between paragraphs ("<div><br></div>")."""
    after = div.getnext()
    while after is not None and (not isinstance(after.tag, str) or (
            after.tag == "div" and not "".join(after.itertext()).strip() and next(after.iter("img"), None) is None)):
        after = after.getnext()
    return after


def _wrap_lone_divs(tree: etree._Element) -> None:
    """Put the inline content of a div that stands beside a post's <p> paragraphs in a <p> of its own.
    trafilatura keeps divs' text only on a page with little <p> text: a paragraph written as a bare
    div among <p>s ("<div>Source: Grain Weekly</div>" under the post, a pasted lead) was dropped.
    The div keeps its class and id (trafilatura picks a page's body by them); a div that is mostly
    link text, or shorter than a sentence, or under a picture (a caption), is left as it is; but not
    a div under a picture that more such divs follow: a compose box's first paragraph under the post's
    picture, the rest of them divs too, had been taken for its caption and dropped."""
    for div in [div for parent in _paragraph_runs(tree) for div in parent.iterchildren("div")]:
        if not _lone_text_div(div) or (_under_picture(div) and not _lone_text_div(_next_paragraph_div(div))):
            continue
        p = etree.Element("p")
        p.text, div.text = div.text, None
        for child in list(div):
            p.append(child)
        div.append(p)


def _trafilatura_text(tree: etree._Element, url: str, meta: PageMeta,
                      classes: ClassIndex) -> tuple[str, dict[str, str]]:
    """trafilatura's text of the page, and the fields its metadata pass filled that ours left open.

    Its metadata pass (a third of its time on small pages) runs only when our reader of the page's
    meta tags and JSON-LD left the title, date or author open."""
    import trafilatura  # here, not at the top: the main process never extracts (workers preload it)

    wanted = _wants_metadata(meta)
    if _reads_divs(tree):  # (wrapped in <div>s, which keep it so: a divs page does not lose a div's text)
        _wrap_leading_text(tree, "div")
        _wrap_text_after_blocks(tree, "div")
    else:
        _wrap_leading_text(tree)
        _wrap_text_after_blocks(tree)
        _wrap_lone_divs(tree)
    with _metadata_pass(author_search=wanted and may_name_author(tree, classes)):
        doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, deduplicate=False,
                                          with_metadata=wanted, include_tables=True,
                                          date_extraction_params=_DATE_PARAMS if wanted else None,
                                          config=trafilatura_config())
    if doc is None:
        return "", {}
    text = doc.text or ""
    if doc.body is not None and doc.body.find(".//table") is not None and unwrap_layout_tables(doc.body):
        from trafilatura.xml import xmltotxt

        text = xmltotxt(doc.body, include_formatting=False)
    if "|-" in text:  # (the rule trafilatura writes under a table's header row: no text, and no other path has it)
        text = _TABLE_RULE.sub("", text)
    return text, _fill_meta(meta, doc, tree, url) if wanted else {}


_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\n?", re.M)

# What trafilatura leaves out of a post it reads from no container it knows (its search of the page
# at large takes paragraphs only), or from the first of two containers of one class (the post split
# around an ad): put back when the paragraphs it kept show where the post is.
_GAP_LISTS = ("ul", "ol")
_GAP_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_GAP_TAGS = frozenset((*_GAP_LISTS, *_GAP_HEADINGS, "blockquote"))
_GAP_PART_BETWEEN = 200  # characters of text that may stand between two parts of a post (an ad's label)
# a second part is prose, of sentences (not a theme's line of tags in the same class of box)
_GAP_PART_CHARS = 120
_ENDS_SENTENCE = re.compile(r"[.!?。！？…\"”»)]\s*$")


def _line_key(text: str) -> str:
    """An element's text as one line, as trafilatura writes it (spaces collapsed)."""
    return " ".join(text.split())


def _word_key(text: str) -> str:
    """A line without its spaces: the same line whatever spaces a link or a <br> left in it."""
    return "".join(text.split()).lower()


_LINE_HEAD = 20  # a paragraph's first characters (spaces collapsed), looked up before its words are keyed


def _kept_paragraphs(tree: etree._Element, lines: list[str],
                     where: dict[str, int]) -> list[tuple[etree._Element, int]]:
    """The <p> elements whose text is one of the lines (by their word keys), in document order, each
    with the index of its line."""
    heads = {_line_key(line)[:_LINE_HEAD] for line in lines}
    kept = []
    for p in tree.iter("p"):
        text = "".join(p.itertext())
        if _line_key(text[:_LINE_HEAD * 4])[:_LINE_HEAD] in heads and (at := where.get(_word_key(text))) is not None:
            kept.append((p, at))
    return kept


def _inline_text(el: etree._Element) -> str:
    """An element's text as a reader reads it: a link's or a bold word's text run on with the words
    around it ("Obama's", not "Obama 's"), a space for a line break or a block."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            out.append(" " if child.tag == "br" or child.tag in BLOCK_TAGS else "")
            out.append(_inline_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _own_lines(el: etree._Element) -> list[str]:
    """An element's lines as trafilatura writes them: a list's items as "- item"; else its text."""
    if el.tag in _GAP_LISTS:
        return [f"- {key}" for li in el.iter("li") if (key := _line_key(_inline_text(li)))]
    key = _line_key(_inline_text(el))
    return [key] if key else []


def _part_lines(container: etree._Element) -> list[str]:
    """The lines of a container's paragraphs, lists, subheadings and quotes that read as prose."""
    return [line for el in container.iter("p", *_GAP_TAGS)
            if next(el.iterancestors(*_GAP_LISTS, "blockquote"), None) is None and _prose(el)
            for line in _own_lines(el)]


def _prose(el: etree._Element) -> bool:
    """Text a reader reads as the post's: not mostly links (a list of other stories), not hidden, not
    a box a theme names as its own (share buttons, tags, menus, ads), and a list not of single words
    (a row of buttons or tags)."""
    text = len(_line_key(" ".join(el.itertext())))
    linked = sum(len(_line_key(" ".join(a.itertext()))) for a in el.iter("a"))
    if not text or linked * 2 > text or hidden_by_class(el) or el.get("hidden") is not None \
            or _NOT_THE_POSTS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
        return False
    if el.tag in _GAP_LISTS:
        items = [len(" ".join(li.itertext()).split()) for li in el.iter("li")]
        return bool(items) and sum(items) >= 2 * len(items)
    return True


# a theme's or a plugin's box by its class or id: never put back into the post's text
_NOT_THE_POSTS = re.compile(r"shar(e|ing)|social|related|\btags?\b|tag-?(list|cloud)|menu|\bnav|widget|sponsor|promo"
                            r"|\bads?\b|advert|breadcrumb|follow|subscri|newsletter|comment", re.I)


# A post's container that holds only the start of its post: the page's own markup closed it early
# (a stray "</div>" in the post's HTML ends the container, and the post's later paragraphs follow it
# under the same parent) or the post goes on beside it (a gallery's slides after its intro). Such a
# page is read by trafilatura, not by the container.
_GOES_ON_CHARS = 300  # characters of prose after the container, and at least half the container's own
_GOES_ON_PARAGRAPH = 80  # a paragraph that counts: a sentence or more
# (a theme's boxes after a post, of prose that is not the post's: the author's bio, a disclaimer)
_AFTER_THE_POST = re.compile(r"author|\bbio|about|footer|meta|byline|disclaim|notice|signature", re.I)
_NOT_PROSE_TAGS = frozenset(("footer", "nav", "aside", "form", "script", "style", "noscript", "template"))


def _box_of_others(el: etree._Element) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return el.tag in _NOT_PROSE_TAGS or bool(_NOT_THE_POSTS.search(names) or _AFTER_THE_POST.search(names))


def _paragraphs_after(container: etree._Element) -> Iterator[etree._Element]:
    """The <p>s that follow container under its parent, outside a theme's boxes (_box_of_others), up to
    what starts another post (an <article>, a headline)."""
    for sib in container.itersiblings():
        if not isinstance(sib.tag, str) or _box_of_others(sib):
            continue
        if sib.tag in ("article", "h1") or next(sib.iter("article", "h1"), None) is not None:
            return
        stack = [sib]
        while stack:
            el = stack.pop()
            if el.tag == "p":
                yield el
                continue
            stack.extend(c for c in reversed(el) if isinstance(c.tag, str) and not _box_of_others(c))


def post_goes_on_after(container: etree._Element) -> bool:
    """Whether the paragraphs after a post's container (_paragraphs_after) are more of the post: two
    or more that read as prose, of _GOES_ON_CHARS or more and at least half what the container holds."""
    count = chars = 0
    for p in _paragraphs_after(container):
        n = len(_line_key("".join(p.itertext())))
        if n >= _GOES_ON_PARAGRAPH and _prose(p):
            count, chars = count + 1, chars + n
    return count >= 2 and chars >= _GOES_ON_CHARS and chars * 2 >= len(_line_key("".join(container.itertext())))


_HEADINGS = ("h1", *_GAP_HEADINGS)


def _teaser(el: etree._Element) -> bool:
    """Whether an element holds a linked heading: a list's or a box's teaser of another page."""
    return any(next(h.iterancestors("a"), None) is not None or next(h.iter("a"), None) is not None
               for h in el.iter(*_HEADINGS))


def fill_dropped_parts(tree: etree._Element, text: str) -> str:
    """trafilatura's text with the parts of the post it dropped put back in their places: a list or
    a subheading between two paragraphs it kept under one parent (a heading only over what is kept or
    put back), and the paragraphs of a second container of the same tag and class right after the
    one it read (or of a second box of the class of the box around that container), past at most an
    ad's label, when they are sentences. Nothing else of the page is looked at; what the text already
    holds, in any spacing, is not put in again."""
    lines = text.split("\n")
    where = {key: i for i, line in reversed(list(enumerate(lines))) if (key := _word_key(line))}
    if len(where) < 2:
        return text
    kept = _kept_paragraphs(tree, lines, where)
    if len(kept) < 2:
        return text
    # what the text holds, its lines run together: an element's words found in it are there already
    # (also when trafilatura broke them into two lines at a <br>)
    whole = "".join(map(_word_key, lines))

    def new(el_lines: list[str]) -> bool:
        return bool(el_lines) and not any(_word_key(line) in whole for line in el_lines)

    after: dict[int, list[str]] = {}  # line index -> lines to put after it
    for (a, at), (b, _) in zip(kept, kept[1:]):
        parent = a.getparent()
        if parent is None or b.getparent() is not parent:
            continue
        gap = []
        for el in a.itersiblings():
            if el is b:
                break
            if isinstance(el.tag, str):
                gap.append(el)
        found = [el for el in gap if el.tag in _GAP_TAGS and _prose(el) and new(_own_lines(el))]
        # a subheading goes back only over what follows it into the text (not over a list of links)
        found = [el for el in found if el.tag not in _GAP_HEADINGS
                 or (nxt := next((g for g in gap[gap.index(el) + 1:]), b)) is b or nxt in found]
        if found:
            after.setdefault(at, []).extend(line for el in found for line in _own_lines(el))
    last_p, last_at = kept[-1]
    box, body = last_p.getparent(), tree.find("body")
    # the container of the paragraphs kept, then the box around it: a post split into boxes of one
    # class, each with a container of its part ("group-container" > "group", a subheading beside it)
    for level in range(2):
        if box is None or not box.get("class") or box is body:
            break
        found, between, classes = False, 0, set(box.get("class", "").split())
        for sib in box.itersiblings():
            if not isinstance(sib.tag, str):
                continue
            if level and (sib.tag in _HEADINGS or _teaser(sib)):
                break  # (a box's heading between the boxes, "DW recommends"; a teaser of another post)
            if sib.tag == box.tag and (sib.get("class") == box.get("class") if level == 0
                                       else classes <= set(sib.get("class", "").split())):
                if level and next(sib.iter("h1", "article", "header"), None) is not None:
                    break  # (another post's box, with its own headline)
                part = [line for line in _part_lines(sib) if new([line])]
                if sum(map(len, part)) >= _GAP_PART_CHARS and any(_ENDS_SENTENCE.search(line) for line in part):
                    after.setdefault(last_at, []).extend(part)
                    whole += "".join(map(_word_key, part))
                    found = True
                continue
            between += len(_line_key(" ".join(sib.itertext())))
            if between > _GAP_PART_BETWEEN:
                break
        if found:
            break
        box = box.getparent()
    if not after:
        return text
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(after.get(i, ()))
    return "\n".join(out)


def _chars(el: etree._Element) -> int:
    return len("".join(el.itertext()).strip())


def unwrap_layout_tables(body: etree._Element) -> bool:
    """Replace, in trafilatura's output, each table that lays a page out (the post in one cell;
    the site's name, menus, ads and copyright in others) by that one cell's content, so that the
    text is the post's lines, not a table row with the menus in it. A table is a layout table when
    it holds most of the output's text and one cell holds most of its own, at least 400 characters:
    a data table in an article, of many small cells or a small part of the text, stays. A table of
    one cell with text frames what it holds (an old page's post in a one-cell table) and is always
    replaced. (Done on the output, not the page: trafilatura's choice of the page's main part is
    left as it was.)"""
    changed = False
    while True:
        total = _chars(body)
        for table in body.iter("table"):
            cells = [(_chars(cell), i, cell) for i, cell in enumerate(table.iter("cell"))]
            full = [c for c in cells if c[0]]
            shown = [cell for _, _, cell in full]
            if shown and table.find(".//table") is None and _menus_beside_post(table, shown, body):
                drop_element(table)  # a nested layout's menus, which trafilatura set apart from the post
                changed = True
                break
            if len(full) == 1 and full[0][2].find(".//table") is None:
                _replace_with_cell(table, full[0][2])  # a table of one cell is a frame, not data
                changed = True
                break
            if len(full) < 2:
                continue
            own = sum(n for n, _, cell in cells if cell.find(".//cell") is None)
            size, _, cell = max(cells, key=lambda c: (c[0], -c[1]))
            if cell.find(".//table") is None and own >= total * 0.5 and (
                    (size >= 400 and size >= own * 0.6) or _post_among_menus(cell, shown)):
                _replace_with_cell(table, cell)
                changed = True
                break
            if table.find(".//table") is None and all(sum(1 for c in row.iter("cell") if _chars(c)) <= 1
                                                      for row in table.iter("row")):
                # a column of cells, one a row (a short post under its heading's row): no data, a frame
                # whose cells read in turn, not as rows of a table ("| … |")
                _replace_with_cell(table, *shown)
                changed = True
                break
        else:
            return changed


MENU_LINE_CHARS = 40  # a menu's or a link list's item is this long at most
POST_MIN_CHARS = 80  # a post's cell beside menus: this long at least, and ending a sentence
_MENU_SEPARATORS = re.compile(r"\s*[|·•»/]\s*")
_COPYRIGHT = re.compile(r"(©|\(c\)|copyright\b)", re.I)


def _cell_lines(cell: etree._Element) -> list[str]:
    texts = (cell.text, *(child.text for child in cell), *(child.tail for child in cell))
    return [t.strip() for t in texts if t and t.strip()]


def _menu_cell(cell: etree._Element) -> bool:
    """Whether a cell of a layout is a menu, a list of links or a footer: a list of three short lines
    or more, or a row of three short items or more ("Home | News | Contact"), none ending a sentence
    (a side column of four lines or more may hold a blurb: one line in four); or a copyright line.
    (A data table's cells, a word or a figure each, are none of these.)"""
    lines = _cell_lines(cell)
    if len(lines) == 1 and _COPYRIGHT.match(lines[0]) and len(lines[0]) <= 2 * MENU_LINE_CHARS:
        return True
    rows = other = 0
    for line in lines:
        items = _MENU_SEPARATORS.split(line)
        if line.endswith((".", "!", "?")) or not (len(line) <= MENU_LINE_CHARS or (
                len(items) >= 3 and all(len(item) <= MENU_LINE_CHARS for item in items))):
            other += 1  # (a side column's blurb among its lists: "I write about the harbour.")
            continue
        rows += len(items) >= 3
    if other:
        return len(lines) >= 4 and other * 4 <= len(lines)
    return len(lines) >= 3 or rows > 0


def _is_post_cell(cell: etree._Element) -> bool:
    text = "".join(cell.itertext()).strip()
    return len(text) >= POST_MIN_CHARS and text.endswith((".", "!", "?", '"', "”", ")"))


def _menus_beside_post(table: etree._Element, cells: list[etree._Element], body: etree._Element) -> bool:
    """Whether a table is a nested layout's menus: trafilatura gives a page's outer table as tables
    side by side, one of the menu ("Home | About | Contact") or of the side columns' links
    ("Archives", "March 2026", "Links", …), another of the post. Each of its cells is a menu, and a
    cell elsewhere is a post."""
    if not all(_menu_cell(cell) for cell in cells):
        return False
    return any(_is_post_cell(other) for other in body.iter("cell") if not inside(other, table))


def _post_among_menus(post: etree._Element, cells: list[etree._Element]) -> bool:
    """Whether a layout table's largest cell is a post, however short, beside cells that are all
    menus, link lists or a footer (the site's name over its menu, the archive, the sponsors)."""
    return _is_post_cell(post) and all(_menu_cell(cell) for cell in cells if cell is not post)


def _replace_with_cell(table: etree._Element, *cells: etree._Element) -> None:
    """Put the cells' children where the table was, in turn, their loose text (a cell's own text,
    the text after a child) each in a paragraph of its own."""
    parent, at = table.getparent(), table.getparent().index(table)
    blocks: list[etree._Element] = []

    def loose(text: str | None) -> None:
        if text and text.strip():
            p = etree.Element("p")
            p.text = text.strip()
            blocks.append(p)

    for cell in cells:
        loose(cell.text)
        for child in list(cell):
            tail, child.tail = child.tail, None
            blocks.append(child)
            loose(tail)
    tail = table.tail
    parent.remove(table)
    for k, block in enumerate(blocks):
        parent.insert(at + k, block)
    if tail and tail.strip():
        if blocks:
            blocks[-1].tail = (blocks[-1].tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _names_no_post(meta: PageMeta) -> bool:
    """Whether the page's <title> is missing or is the site's name alone (its heading, or its
    declared name): then the headline over the body is the post's title, not the <title>."""
    if not meta.html_title:
        return True
    title = fold(meta.html_title).strip().lower()
    return any(title == fold(name).strip().lower() for name in (meta.home_heading, meta.site_name) if name)


def _wants_metadata(meta: PageMeta) -> bool:
    return not (meta.title and meta.published and meta.author)


_META_FIELDS = (("title", "title"), ("author", "author"), ("published", "date"), ("site_name", "sitename"))


_TITLED_HEADINGS = etree.XPath(
    "(//h2|//h3)[contains(@class, 'title') or contains(@id, 'title')]"
    "[not(ancestor::header or ancestor::nav or ancestor::aside or ancestor::footer"
    " or ancestor::*[contains(@class, 'sidebar') or contains(@class, 'widget') or contains(@id, 'sidebar')])]")


def _titled_heading(tree: etree._Element) -> str | None:
    """The post's title on a page whose one <h1> is the site's name: the first <h2>/<h3> named a
    title outside the page's header, menus, sidebars and footer (<h2 class="title">, the old themes'
    post title), else none (the <title> is taken)."""
    for heading in _TITLED_HEADINGS(tree):
        text = fold(" ".join(heading.itertext()))
        if text:
            return text
    return None


def _is_headline(name: str, meta: PageMeta, doc: Any) -> bool:
    """Whether a site name trafilatura read is the page's headline."""
    key = fold(name).lower().strip()
    return any(key == fold(t).lower().strip() for t in (meta.title, getattr(doc, "title", None)) if t)


def _names_only_a_commenter(name: str, tree: etree._Element) -> bool:
    """Whether every element whose own text is the name sits in a comment thread (an element whose
    class or id says "comment", itself or around it): trafilatura's author search takes any class
    with "author" in it, and a page with comments has a commenter's <span class="comment-author">."""
    key = fold(name).strip().lower()
    most = len(name) + 8  # (cheap tests first: a script's text can be megabytes, most text is no name)
    hits = [el for el in tree.iter() if isinstance(el.tag, str) and el.tag not in NOT_SHOWN
            and (text := el.text) and len(text) <= most + 40 and len(text.strip()) <= most
            and fold(text).strip().lower() == key]
    return bool(hits) and all(any("comment" in ((up.get("class") or "") + " " + (up.get("id") or "")).lower()
                                  for up in (el, *el.iterancestors())) for el in hits)


def _fill_meta(meta: PageMeta, doc: Any, tree: etree._Element | None, url: str) -> dict[str, str]:
    """Fill our open fields from trafilatura's metadata; returns what that added (a title gained is
    also what a host's template learns to find its titles by)."""
    gained = {}
    for ours, theirs in _META_FIELDS:
        value = getattr(doc, theirs, None)
        if ours == "title" and value and value == meta.home_heading:
            # trafilatura takes a page's one <h1>: in old themes the site's name, a link home
            value = _titled_heading(tree) if tree is not None else None
        if ours == "title" and value and not _agrees_with_title(value, meta, tree, url):
            value = None  # (a sidebar's or a comment box's heading "named a title": the <title> is taken)
        if ours == "site_name" and value and (names_its_host(value, url) or _is_headline(value, meta, doc)
                                              or own_site_name(value, url) is None):
            # (its stand-in when the page names no site: the address, which blog.host is; or, from a
            # "Headline | Site" <title>, the headline: a host's template learnt it as the site's name
            # from such a page, and every later page of the host named that headline its publisher; or
            # the service's name on a journal at a shared host, "LiveJournal")
            value = None
        if ours == "author" and value and (tree is not None and _names_only_a_commenter(value, tree)
                                           or _same_letters(value, meta.site_name or doc.sitename)):
            value = None  # (or the site's name, which its search splits at "&": "Mac & i" gave "Mac; I")
        if not getattr(meta, ours) and value:
            setattr(meta, ours, _with_its_time(value, tree) if ours == "published" else value)
            gained[ours] = value  # (as trafilatura gave it: what a host's template learns to find again)
    return gained


_TITLE_WORD = re.compile(r"\w+")


def _agrees_with_title(heading: str, meta: PageMeta, tree: etree._Element | None, url: str) -> bool:
    """Whether a headline trafilatura found may stand for the post's title: a page's <h1>, or a
    heading that shares a third or more of its words with a <title> that names a post. Its search for
    a title takes any <h2>/<h3> whose class says "title", and a sidebar's "Styles" or a comment box's
    "Got Feedback? Join the Discussion" was taken over a <title> that named the post. (A headline in
    a script without spaces passes.)"""
    if _names_no_post(meta) or names_its_host(meta.html_title or "", url) or IDEOGRAPHS.search(heading):
        return True
    key = fold(heading).strip().lower()
    if tree is not None and any(fold(" ".join(h.itertext())).strip().lower() == key for h in tree.iter("h1")):
        return True
    words = _TITLE_WORD.findall(key)
    title = set(_TITLE_WORD.findall(fold(meta.html_title or "").lower()))
    return not words or 3 * sum(word in title for word in words) >= len(words)


def _same_letters(a: str | None, b: str | None) -> bool:
    """Whether two names have the same letters and digits, whatever the case, spaces and marks."""
    return bool(a and b) and re.sub(r"[\W_]+", "", a).lower() == re.sub(r"[\W_]+", "", b).lower()


def _page_date(tree: etree._Element, url: str) -> str | None:
    from htmldate import find_date

    return find_date(tree, url=url, **_DATE_PARAMS)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _with_its_time(day: str | None, tree: etree._Element | None) -> str | None:
    """htmldate's and trafilatura's date of a page is the day alone: a <time> element of the page
    (outside sidebars and menus) that gives that day with its time and zone gives them too, when it is
    the only such one."""
    if not day or tree is None or not _DAY.fullmatch(day):
        return day
    found = {value for t in tree.iter("time")
             if len(value := (t.get("datetime") or "").strip()) > 10 and value.startswith(day) and not in_side_column(t)}
    return found.pop() if len(found) == 1 else day


def _template_metadata(tree: etree._Element, url: str, meta: PageMeta, tmpl: HostTemplate,
                       classes: ClassIndex, container: etree._Element) -> None:
    """For a template page: what trafilatura's metadata pass would have added, the cheap way the
    host's learning pages showed to give the same values, or the pass itself."""
    if tmpl.full_metadata:
        from trafilatura.metadata import extract_metadata

        with _metadata_pass(author_search=may_name_author(tree, classes)):
            _fill_meta(meta, extract_metadata(tree, default_url=url, date_config=_DATE_PARAMS), tree, url)
        return
    if tmpl.title_selector and not meta.title:
        node = select(tree, tmpl.title_selector)
        meta.title = fold(node.text_content()) if node is not None else None
    if tmpl.needs_date and not meta.published:
        scope = tmpl.date_element(container)  # the element around the body that held the date so far
        meta.published = _with_its_time((_page_date(scope, url) if scope is not None else None) or _page_date(tree, url), tree)
    meta.site_name = meta.site_name or tmpl.site_name


def template_host(url: str) -> str:
    """The key a page's host template is kept under: the URL's host and port."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


# The parts of a Blogger page around the post that print the template's strings in the blog's
# language: the pager ("Entrada más reciente"), the post's footer ("Publicado por"), the comments
# ("Publicar un comentario") and the feed links ("Suscribirse a:"), by id and by class
_TEMPLATE_IDS = ("blog-pager", "comments")
_TEMPLATE_CLASSES = ("post-footer", "blog-pager", "feed-links", "comment-footer")


def template_language(classes: ClassIndex, rules: RuleSet) -> str | None:
    """The UI language a Blogger page's template strings are in, for a page that declares none (no
    <html lang>, no ___gcfg): the language of the chrome sets its pager, footer and comment strings
    match (found through the page's class index, not another pass over the page)."""
    parts = [el for name in _TEMPLATE_IDS for el in classes.by_id.get(name, [])]
    parts += [el for name in _TEMPLATE_CLASSES for el in classes.get(name)]
    found: list[str] = []
    for part in parts[:12]:
        for el in part.iter():
            for text in (el.text, el.tail):
                if text and 2 < len(text) < 80 and (chrome := rules.chrome_match(fold(text).lower())) is not None \
                        and chrome.language != "any":
                    found.append(chrome.language)
    return ui_language_of(found)


_MARKUP_LINES = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote")  # a body that marks its lines
# a feed item's body that is a whole HTML document, not a post's body
_WHOLE_DOCUMENT = re.compile(r"\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>])", re.I | re.S)
_BODY_TAG = re.compile(r"<body[\s>]", re.I)  # (a document cut off before its body is an empty item)


def extract_post(raw: RawPost, rules: RuleSet, options: ExtractOptions) -> Extracted:
    """The article text and metadata of one post, with signature blocks cut and their links harvested."""
    if len(raw.html) > options.max_html_chars:
        raise ExtractError("too_large", f"{len(raw.html)} characters")
    harvest = Harvest()
    here = site_host(raw.blog.url or raw.url)  # (the site whose links are no outlinks)
    if raw.is_fragment and _WHOLE_DOCUMENT.match(raw.html) and _BODY_TAG.search(raw.html):
        # a feed whose item holds the whole page (a tool that copied the original's HTML as it was:
        # "<!DOCTYPE html><html>…<nav>…<aside>…"): read as the page it is, its menus and columns cut
        raw = replace(raw, is_fragment=False)
    if raw.is_fragment:
        ids = find_ids(raw.html, "body", rules.operator_ids)
        root = parse_fragment(raw.html)
        if next(root.iterdescendants(*_MARKUP_LINES), None) is not None:  # (in plain text, a line end is one)
            source_line_ends_as_spaces(root)
        removed = cut_blocks(root, rules, harvest)
        anchors = body_anchors(root, here)
        harvest_links(root, rules, harvest, titles=(raw.feed.get("title"),), page_url=raw.url)
        return _checked(Extracted(to_text(root), removed, harvest, PageMeta(), "feed", body_ids=ids, anchors=anchors))
    tree = _parse_page(raw.html)
    classes = ClassIndex(tree)
    meta = read_meta(tree, raw.url, classes, rules.months)
    _not_a_missing_page(tree, classes, meta, rules, len(raw.html), raw.url)
    if not meta.published:
        meta.meta_lines = meta_lines(tree, classes)
    if meta.ui_language is None and meta.platform == "blogger":
        meta.ui_language = template_language(classes, rules)
    body = find_body(tree, classes) if options.mode == "auto" else None
    if body is not None and post_goes_on_after(body[1]):
        body = None
    if body is not None:
        ids = _body_ids(body[1], rules)
        if not meta.title and _names_no_post(meta):  # (an old theme's <title> of the site's name alone)
            meta.title = post_heading(body[1], meta.home_heading)
        removed = cut_page_boxes(tree, rules, harvest, classes.get)
        removed += cut_blocks(body[1], rules, harvest)
        anchors = body_anchors(body[1], here)
        harvest_links(body[1], rules, harvest, titles=(raw.feed.get("title"), meta.title), page_url=raw.url)
        if not (meta.author and meta.published):
            meta.header_lines = header_lines(body[1])
        return _checked(Extracted(to_text(body[1]), removed, harvest, meta, "container", body_ids=ids,
                                  anchors=anchors),
                        tree, rules, raw.url)
    plan = TEMPLATES.plan(template_host(raw.url)) if options.mode == "auto" else None
    if plan is not None and plan.use:
        node = select(tree, plan.template.selector or "")
        if node is not None and not plan.template.looks_short(node) and not plan.template.unfamiliar(node):
            ids = _body_ids(node, rules)
            if _wants_metadata(meta):  # first: the date line may be one of the dropped children
                _template_metadata(tree, raw.url, meta, plan.template, classes, node)
            if not meta.published:  # (before the template drops the date line it may be)
                meta.published = (heading_date(tree, meta.home_heading, meta.title, rules.months)
                                  or posted_on_date(meta.meta_lines, rules.months))
            removed = cut_page_boxes(tree, rules, harvest, classes.get)
            # (the byline lines the template drops are read whatever the metadata named: trafilatura's
            # pass may name the byline's lead word, "Posted", which the draft then sets aside)
            meta.header_lines = ((header_lines(node) if not (meta.author and meta.published) else [])
                                 + dropped_head_lines(node, plan.template.drop))
            # (the signature blocks first: a block cut before trafilatura read the learning pages was
            # learned as a child it leaves out, and dropped unread, its publisher and author not harvested)
            removed += cut_blocks(node, rules, harvest)
            drop_children(node, plan.template.drop)
            anchors = body_anchors(node, here)
            harvest_links(node, rules, harvest, titles=(raw.feed.get("title"), meta.title), page_url=raw.url)
            return _checked(Extracted(to_text(node), removed, harvest, meta, "template",  # (date looked for above)
                                      body_ids=ids, anchors=anchors))
        # else (an index page, another layout, a body far shorter than the host's usual, a kind of
        # box the template has not met) this page goes through trafilatura, and is compared with the
        # template like an audit
        plan.learn = not plan.template.refused
    fresh = _parse_page(raw.html) if plan is not None and plan.learn else None  # before any cutting
    body = tree.find("body")  # (what trafilatura does not leave out itself: captions and inline display:none it does)
    removed = cut_unseen(body, whole_page=True) if body is not None else []
    removed += cut_blocks(tree, rules, harvest)
    harvest_links(tree, rules, harvest, short_links=False,  # the page's sidebars are not the post
                  titles=(raw.feed.get("title"), meta.title), page_url=raw.url)
    if not (meta.author and meta.published):  # (the byline and date under the heading: read by the head rules)
        meta.header_lines = heading_lines(tree, meta.home_heading, meta.title)
    text, gained = _trafilatura_text(tree, raw.url, meta, classes)
    text = fill_dropped_parts(tree, text)
    folded = " ".join(text.split())
    post_short_links(tree, rules, harvest, folded)
    # (the whole page's links: those whose words trafilatura's text holds are the post's)
    anchors = body_anchors(body if body is not None else tree, here, folded)
    if fresh is not None and text.strip():
        date = _page_date(fresh, raw.url) if "published" in gained else None
        TEMPLATES.observe(plan.template, fresh, text, gained, date)
        if date is not None and plan.template.needs_date:
            learn_date_scope(plan.template, fresh, date, lambda element: _page_date(element, raw.url))
    return _checked(Extracted(text, removed, harvest, meta, "trafilatura", anchors=anchors), tree, rules)


# the anchors of a body read for outlinks (a page of a thousand links is a link farm's index, not a post)
MAX_ANCHORS = 300
# an anchor shorter than this is an outlink only where the words around it are in the text too ("here")
SHORT_ANCHOR = 12


def own_host(host: str, here: str) -> bool:
    """Whether a link's host (site_host's spelling) is the blog's `here` or a subdomain or parent of it
    (forum.site.example on site.example); another blog of its platform (b.blogspot.com from
    a.blogspot.com) is not."""
    return not host or host == here or host.endswith("." + here) or here.endswith("." + host)


def body_anchors(root: etree._Element, here: str, text: str | None = None) -> list[tuple[str, str, str]]:
    """The links below root to an absolute address on another site than `here` (own_host): (href,
    anchor text, and for a short anchor the start of its parent's text), the first MAX_ANCHORS; with
    `text` (a whole page's, read by trafilatura), only anchors whose words it holds."""
    out = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href.startswith(("http://", "https://", "//")) or own_host(site_host(href), here):
            continue
        text_of = " ".join(a.text_content().split())
        if not text_of or (text is not None and text_of not in text):
            continue
        parent = a.getparent()
        around = " ".join(parent.text_content().split())[:80] \
            if len(text_of) < SHORT_ANCHOR and parent is not None else ""
        out.append((href, text_of, around))
        if len(out) >= MAX_ANCHORS:
            break
    return out


def _body_ids(body: etree._Element, rules: RuleSet) -> list[tuple[str, str]]:
    """The operator ids in a page's post body, read off its markup (only where a rule reads bodies)."""
    if not any("body" in rule.scan for rule in rules.operator_ids):
        return []
    return find_ids(etree.tostring(body, encoding="unicode", method="html", with_tail=False), "body",
                    rules.operator_ids)


SOFT_404_TEXT = 1800  # a "not found" title over a page with more text (menus and all) heads an article


SITE_GONE_HTML = 30_000  # a suspended, removed or parked site's notice is a smaller page than this


def _not_a_missing_page(tree: etree._Element, classes: ClassIndex, meta: PageMeta, rules: RuleSet,
                        html_size: int = 0, url: str = "") -> None:
    """A page that says the post is not there, though served with status 200 (a "soft 404"): a
    not_found_page reject, not a record of its apology and its list of recent posts."""
    body = tree.find("body")
    if body is not None and "error404" in (body.get("class") or "").split():
        raise ExtractError("not_found_page", "WordPress's 404 page")
    _not_a_redirect_stub(tree, body, url)
    if meta.platform == "blogger" and classes.get("status-msg-body") and not classes.get("post-body"):
        raise ExtractError("not_found_page", "Blogger's notice: no such post")
    if rules.not_found is None and rules.site_gone is None:
        return
    title = fold(meta.html_title or "")
    heads = [fold(" ".join(h.itertext())) for h in islice(tree.iter("h1"), 2)]
    parts = [" ".join(p.split()).lower() for p in (title, *(p for sep in TITLE_AFFIX_SEPS for p in title.split(sep)),
                                                  *heads) if p.strip()]
    if rules.not_found is not None and any(rules.not_found.fullmatch(p) for p in parts):
        text = fold_spaces(" ".join(body.itertext())) if body is not None else ""
        if len(text) < SOFT_404_TEXT:
            raise ExtractError("not_found_page", f"titled {(meta.html_title or '')[:80]!r}")
    if rules.site_gone is not None and body is not None and html_size < SITE_GONE_HTML:
        # (a notice is a small page: a post's page, menus and all, is not even looked at)
        lines = (" ".join(fold(el.text).split()).lower() for el in body.iter("p", "h1", "h2", "div", "span")
                 if el.text and len(el.text) <= 300)
        said = next((p for p in (*parts, *lines) if rules.site_gone.fullmatch(p)), None)
        if said is not None and len(fold_spaces(" ".join(body.itertext()))) < SOFT_404_TEXT:
            raise ExtractError("site_gone", f"the page says: {said[:120]!r}")


REFRESH_STUB_DELAY = 10  # seconds: a meta refresh sooner than this sends the reader on at once
_REFRESH = re.compile(r"^\s*(\d+)(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?['\"]?([^'\"\s]+)", re.I)


def _not_a_redirect_stub(tree: etree._Element, body: etree._Element | None, url: str) -> None:
    """A saved page that only sends its reader on with a meta refresh ("Redirecting..."): its post is
    not in it. A crawl follows such a refresh and judges where it lands; a page read offline is a
    reject by where it points, as the crawl's would be: redirect_to_home or redirect_offsite, and
    empty_text for another page of its own site."""
    head = tree.find("head")
    refresh = next((m.get("content") or "" for m in head.iter("meta")
                    if (m.get("http-equiv") or "").strip().lower() == "refresh"), None) if head is not None else None
    found = _REFRESH.match(refresh or "")
    if found is None or int(found[1]) >= REFRESH_STUB_DELAY:
        return
    target = joined(url, found[2]) if url else found[2]
    text = "" if body is None else fold_spaces(" ".join(
        t for el in body.iter() if isinstance(el.tag, str) and el.tag not in SKIP_TAGS
        for t in (el.text, el.tail) if t))
    if not target or len(text) >= REDIRECT_STUB_TEXT or canonical_url(target) == canonical_url(url or target):
        return
    own, its = urlsplit(url).hostname or "", urlsplit(target).hostname or ""
    if own and its and not same_site(own, its):
        raise ExtractError("redirect_offsite", f"a meta refresh to {target[:200]}")
    if its and is_home(target):
        raise ExtractError("redirect_to_home", f"a meta refresh to {target[:200]}")
    raise ExtractError("empty_text", f"a meta refresh to {target[:200]}: the post is not in this page")


LD_BODY_MIN_CHARS = 300  # a JSON-LD articleBody shorter than this is a description, not the text
LD_BODY_GAIN = 2.0  # it replaces the page's text only when it holds this many times the characters
LD_TEASER_WORDS = 60  # where in the page's text the body's opening words are looked for (under a kicker, a byline)
LD_OPENING_WORDS = 8
_WORDS = re.compile(r"\w+")


def fuller_ld_body(text: str, meta: PageMeta) -> str | None:
    """The page's JSON-LD articleBody, when the page shows only a teaser of it: a script-rendered
    theme whose HTML holds the first lines and "Loading...", a "continue reading" box. It replaces the
    text when it is at least LD_BODY_GAIN times as long and opens with the text's first words (a
    different story's body, a related post's, does not), or, on a page that shows no text at all,
    when its node's headline is in the page's <title>. The same text in one line (trafilatura reads the
    articleBody itself when a page shows nothing else) takes the articleBody's line breaks."""
    body, text = meta.ld_body, text.strip()
    if body is None or len(body) < LD_BODY_MIN_CHARS:
        return None
    if "\n" in body and "\n" not in text and abs(len(body) - len(text)) < len(body) // 10 \
            and _WORDS.findall(body) == _WORDS.findall(text):
        return body  # (trafilatura's own fallback read the articleBody into one line: its lines back)
    if len(body) < LD_BODY_GAIN * len(text):
        return None
    shown = _WORDS.findall(text[:2000].lower())[:LD_TEASER_WORDS]
    if not shown:
        headline, title = fold(meta.ld_headline or "").lower(), fold(meta.html_title or "").lower()
        return body if headline and headline in title else None
    opening = _WORDS.findall(body[:400].lower())[:min(LD_OPENING_WORDS, len(shown))]
    return body if opening and _holds_run(shown, opening) else None


def _holds_run(words: list[str], run: list[str]) -> bool:
    """The run of words appears in order, whole, somewhere in words."""
    n = len(run)
    return any(words[i:i + n] == run for i in range(len(words) - n + 1))


REDIRECT_STUB_TEXT = 300  # a page that sends its reader on has a line or two of its own at most


def _checked(ex: Extracted, tree: etree._Element | None = None, rules: RuleSet | None = None,
             htmldate_url: str | None = None) -> Extracted:
    """The extraction, its text made whole from the JSON-LD body where that is fuller, and for a page
    whose metadata names no date, the date its text writes: the line under its heading, its theme's
    meta line; else, with `htmldate_url` (a page htmldate has not read: one read from its container),
    htmldate's date of the page (a meta tag we do not read, the address, a dated element)."""
    fuller = fuller_ld_body(ex.text, ex.meta)
    if fuller is not None:
        ex.text, ex.method = fuller, "json-ld"
    if not ex.text.strip():
        raise ExtractError("empty_text", ex.method)
    if tree is not None and rules is not None and not ex.meta.published:
        ex.meta.published = (heading_date(tree, ex.meta.home_heading, ex.meta.title, rules.months)
                             or posted_on_date(ex.meta.meta_lines, rules.months)
                             or (_with_its_time(_page_date(tree, htmldate_url), tree) if htmldate_url else None))
    return ex
