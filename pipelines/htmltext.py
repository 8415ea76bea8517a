"""HTML-level cutting (signature blocks, chrome containers) and a faithful post-body-to-text converter."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice
from urllib.parse import urlsplit

from lxml import etree, html

from pipelines.cleaning import Harvest
from pipelines.rules import (BlockRule, LinkListRule, NamedBoxes, RuleSet, chain_credit, fold, site_host, url_host,
                             url_parses)

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "aside", "header", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tr",
    "td", "th", "figure", "figcaption", "address", "hr", "center", "details", "summary", "caption",
})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "iframe", "form", "button", "svg", "select", "textarea", "template",
    "head", "object", "embed", "video", "audio", "canvas", "input", "nav", "map",
})
def _host_in(host: str, hosts: tuple[str, ...]) -> bool:
    """host is one of hosts or below one ("*": any host, for rules that name the block by its text)."""
    return any(host == h or host.endswith("." + h) or (h == "*" and host) for h in hosts)


def _block_of(el: etree._Element, root: etree._Element) -> etree._Element:
    """Smallest block element holding el (el itself if it is one); never above root."""
    node = el
    while node is not root and node.tag not in BLOCK_TAGS and node.getparent() is not None:
        node = node.getparent()
    return node


def node_text(el: etree._Element) -> str:
    if not len(el):  # no children (most anchors): its own text is all of it
        return fold(el.text or "")
    return fold(" ".join(el.itertext()))


# what a rule's pattern may hold that joining it with others would break: a numbered or named
# back-reference, or global flags at its start
_UNJOINABLE = re.compile(r"\\[1-9]|\(\?P=|^\(\?[a-zA-Z]+\)")


@lru_cache(maxsize=64)
def any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that fully matches what any of these fully matches, to test a text once instead
    of against each rule; None when they cannot be joined safely (a back-reference or a global flag
    in a user's rule) and each must be tried."""
    sources = [p.pattern for p in patterns]
    if not sources or any(_UNJOINABLE.search(s) for s in sources):
        return None
    try:
        return re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)
    except re.error:
        return None



def inside(el: etree._Element, ancestor: etree._Element) -> bool:
    """Whether el is below ancestor (still in the tree: an earlier cut may have taken el's block)."""
    return any(a is ancestor for a in el.iterancestors())


def drop_element(el: etree._Element) -> None:
    """Remove el but keep its tail text in the document."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _candidates(rule: BlockRule, root: etree._Element, index: dict[str, list]) -> list[etree._Element]:
    found: list[etree._Element] = []
    if rule.link_hosts:
        found += _by_host(index["a"], rule.link_hosts, root)
    if rule.img_hosts:
        found += [_image_block(img, root) for img in _by_host(index["img"], rule.img_hosts, root, blocks=False)]
    if rule.classes:
        wanted = set(rule.classes)
        found += [el for classes, el in index["class"] if wanted & classes]
    if rule.element_ids:
        found += _by_id_xpath(rule.element_ids)(root)
    return found


_ID_XPATHS: dict[tuple[str, ...], etree.XPath] = {}


def _by_id_xpath(ids: tuple[str, ...]) -> etree.XPath:
    """One compiled XPath for the elements with one of these ids (libxml2 tests them, so a page's
    other elements never reach Python)."""
    found = _ID_XPATHS.get(ids)
    if found is None:
        test = " or ".join(f"@id='{i}'" for i in ids)  # (the rules loader refuses an id with a quote)
        found = _ID_XPATHS[ids] = etree.XPath(f"descendant-or-self::*[{test}]")
    return found


def _by_host(elements: list[tuple[str, etree._Element]], hosts: tuple[str, ...],
             root: etree._Element, blocks: bool = True) -> list[etree._Element]:
    """The blocks of the elements whose host is one of hosts (or below one), in document order (the
    elements themselves with blocks=False). A page repeats a few hosts in hundreds of links, so each
    distinct host is tested once."""
    wanted = {host for host in {host for host, _el in elements} if _host_in(host, hosts)}
    if not wanted:
        return []
    return [_block_of(el, root) if blocks else el for host, el in elements if host in wanted]


def _image_block(img: etree._Element, root: etree._Element) -> etree._Element:
    """What a tracking image takes with it: its block when that holds no text (`<p><img></p>`), else
    the image alone, with a link around it that holds nothing else. FeedBurner puts its pixel straight
    into the post body, beside the article's paragraphs, so its block is often the whole article."""
    block = _block_of(img, root)
    if block is not root and not node_text(block):
        return block
    node = img
    while (parent := node.getparent()) is not None and parent is not block and parent.tag not in BLOCK_TAGS \
            and not node_text(parent):
        node = parent
    return node


def _index(root: etree._Element) -> dict[str, list]:
    """Anchors and images with their hosts, and elements with their classes, in document order."""
    return {"a": [(url_host(el.get("href") or ""), el) for el in root.iter("a")],
            "img": [(url_host(el.get("src") or ""), el) for el in root.iter("img")],
            "class": [(set(el.get("class").split()), el) for el in root.xpath("descendant-or-self::*[@class]")]}


def _item_after(a: etree._Element, tags: tuple[str, ...]) -> etree._Element | None:
    """The element right after anchor a (nothing but spaces between them) when its tag is one of tags."""
    nxt = a.getnext()
    if nxt is None or not isinstance(nxt.tag, str) or nxt.tag not in tags:
        return None
    return nxt if not (a.tail or "").replace("\xa0", " ").strip() else None


def _cut_items(rule: BlockRule, rules: RuleSet, root: etree._Element, index: dict[str, list],
               harvest: Harvest, removed: list[tuple[str, str]]) -> None:
    """An inline rule: each anchor to the rule's hosts followed by an element of its `after` tags
    (Google News's "<a>Headline</a>&nbsp;&nbsp;<font>Publisher</font>") is cut, both elements and
    not their block; a list item, then a list, left empty by it goes too."""
    for a in _by_host(index["a"], rule.link_hosts, root, blocks=False):
        after = _item_after(a, rule.after)
        parent = a.getparent()
        if after is None or parent is None or not inside(a, root):
            continue
        named = node_text(after).strip()
        text = f"{node_text(a)} {named}".strip()
        _harvest_links(a, rules, harvest)
        if rule.after_gives in HARVESTED and named:
            harvest.add(rule.after_gives, named)
        removed.append((rule.id, text))
        if (credit := chain_credit(rule)) is not None:
            harvest.add(*credit)
        a.tail = after.tail
        parent.remove(after)
        drop_element(a)
        while parent is not root and parent.tag in ("li", "ol", "ul") and not len(parent) \
                and not (parent.text or "").replace("\xa0", " ").strip() and parent.getparent() is not None:
            above = parent.getparent()
            drop_element(parent)
            parent = above


# Scripts written without spaces between words (Thai, Japanese kana, Chinese characters) and
# Devanagari (whose vowel signs a split may leave at a word's start): their hint words are searched
# for anywhere in the text.
_UNSPACED = re.compile("[\u0900-\u097f\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_PUNCT = "()[]{}\"'¿¡«»<>*#@-.,:;|/!?"


class _PageWords:
    """Whether a page's text (folded, lower case) holds a rule's hint word. A hint's first word is a
    word of the text, or its first six letters (punctuation around it aside): that is looked up
    among the page's words, and only a hint that passes is searched for in the text (the text
    searched for each of ~90 hint words took ~2 ms of a themed page's ~4 ms here)."""

    __slots__ = ("root", "_text", "_starts", "_unspaced")

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._text: str | None = None
        self._starts: set[str] | None = None
        self._unspaced: bool | None = None

    @property
    def text(self) -> str:  # (read once, when a rule with hint words first asks)
        if self._text is None:
            # (its text nodes apart: one block's last word and the next one's first are two words)
            self._text = fold(" ".join(self.root.itertext())).lower()
        return self._text

    def has(self, word: str) -> bool:
        start = _word_start(word)
        if start is None:
            if self._unspaced is None:  # (one scan says whether the page has such a script at all)
                self._unspaced = _UNSPACED.search(self.text) is not None
            return self._unspaced and word in self.text
        return start in self.starts and word in self.text

    @property
    def starts(self) -> set[str]:
        """The first six letters of each of the text's words (punctuation around them aside)."""
        if self._starts is None:
            self._starts = {w.strip(_PUNCT)[:6] for w in set(self.text.split())}
        return self._starts

    def has_any(self, words: tuple[str, ...]) -> bool:
        """Whether the text holds one of a rule's hint words: most pages share no first word with any
        of them, which one set operation tells (a call of has() for each word took ~0.1 ms of a feed
        post's ~2.5 ms)."""
        starts, unspaced = _hint_keys(words)
        if not unspaced and self.starts.isdisjoint(starts):
            return False
        return any(self.has(word) for word in words)


@lru_cache(maxsize=256)
def _hint_keys(words: tuple[str, ...]) -> tuple[frozenset[str], bool]:
    """The first words (six letters) a rule's hint words begin with, and whether one of them is of a
    script written without spaces (looked for anywhere in the text)."""
    starts = [_word_start(word) for word in words]
    return frozenset(s for s in starts if s is not None), None in starts


@lru_cache(maxsize=1024)
def _word_start(word: str) -> str | None:
    """A hint's first word (its first six letters) as _PageWords looks it up; None for a word of a
    script written without spaces."""
    return None if _UNSPACED.search(word) else word.split()[0].strip(_PUNCT)[:6]


# What a reader never sees (a splog's keyword stuffing and hacked-in links, cloaked in the post body):
# the `hidden` attribute; an inline style of display:none, visibility:hidden, a font size of 0 or 1px,
# no opacity, a transparent colour, a box of no width or height (or one pixel) that hides what
# overflows it, a clip to nothing, or a place far off the screen ("position:absolute; left:-9999px");
# and the classes and ids that the page's own <style> blocks hide so (an injected
# "<style>.xq{display:none}</style><div class=xq>").
# (A stylesheet the page links to is not fetched, and a theme's big one is not read: what they hide
# is read.)
_STYLED = etree.XPath(".//*[@hidden or @style]")
_ZERO_BOX = r"(?<![-\w])(?:max-)?(?:width|height):(?:0(?:px)?|1px)(?![.\d])"  # (a pixel: a dot, no text)
# (a property's name whole: "backface-visibility: hidden" hides nothing; off the screen: a thousand
# pixels or more to the left or above it)
_HIDING = re.compile(r"(?<![-\w])(?:display:none|visibility:hidden|font-size:(?:0(?![.\d])|1px)|opacity:0(?:\.0+)?(?![.\d])"
                     r"|color:transparent|clip:rect\(0(?:px)?,?0(?:px)?,?0(?:px)?,?0(?:px)?\)"
                     rf"|{_ZERO_BOX}(?=.*overflow:hidden)|overflow:hidden(?=.*{_ZERO_BOX})"
                     r"|(?:left|top|text-indent|margin-left):-\d{4,})")
# trafilatura leaves out every element whose style says "hidden", which "overflow: hidden" (a box that
# clips its floats, around a post's text on many old blogs) and "backface-visibility: hidden" say too:
# the paragraph went, without a word. What hides an element is cut first (cut_unseen); such a style
# is then dropped.
_STYLE_SAYS_HIDDEN = etree.XPath(".//*[contains(@style, 'hidden')]")
_CSS_BLOCK = re.compile(r"([^{}]*)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^[a-z0-9]*([.#])([\w-]+)$", re.I)


def _hiding(declarations: str) -> re.Match[str] | None:
    """The declaration that hides an element ("display: none", "left: -9999px"), if one does."""
    return _HIDING.search(declarations.replace(" ", "").lower())


def _is_hidden(el: etree._Element, hidden: tuple[frozenset[str], frozenset[str]], inline_none: bool) -> bool:
    """Whether el is hidden; inline_none=False: not by an inline display:none alone (trafilatura
    leaves those out of a page itself)."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style:
        found = _hiding(style)
        if found is not None and (inline_none or found.group() != "display:none"):
            return True
    classes, ids = hidden
    return bool((classes and classes.intersection((el.get("class") or "").split()))
                or (ids and el.get("id") in ids))


HIDING_STYLE_MAX = 4000  # characters: the <style> block cloaking injected links is a rule or two


def stylesheet_hidden(doc: etree._Element) -> tuple[frozenset[str], frozenset[str]]:
    """The classes and ids that the page's small <style> blocks hide, by rules of one class or id
    alone (".xq", "div#links"), outside @media blocks (hidden on some screens only); a later rule
    that shows one again ("display:block") takes it back."""
    classes: dict[str, bool] = {}
    ids: dict[str, bool] = {}
    for style in doc.iter("style"):
        css = style.text or ""
        if len(css) > HIDING_STYLE_MAX:
            continue  # a theme's stylesheet: it hides menus and pop-ups, not a post's words
        if ("none" not in css and "hidden" not in css and "-9" not in css and "opacity" not in css
                and "transparent" not in css and "size:" not in css):
            continue
        for selectors, declarations in _CSS_BLOCK.findall(_top_level(css)):
            hides = _hiding(declarations) is not None
            shows = not hides and ("display" in declarations or "visibility" in declarations)
            if not (hides or shows):
                continue
            for selector in selectors.split(","):
                m = _SIMPLE_SELECTOR.match(selector.strip())
                if m:
                    (classes if m[1] == "." else ids)[m[2]] = hides
    return (frozenset(k for k, v in classes.items() if v), frozenset(k for k, v in ids.items() if v))


# an at-rule and its block (@media, @font-face, @supports), with the rule blocks inside it
_AT_BLOCK = re.compile(r"@[^{};]*(?:;|\{(?:[^{}]*\{[^{}]*\})*[^{}]*\})")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _top_level(css: str) -> str:
    """The CSS outside @media, @supports and other at-rules' blocks, and without comments."""
    if "/*" in css:
        css = _CSS_COMMENT.sub("", css)
    return _AT_BLOCK.sub("", css) if "@" in css else css


HIDDEN_SHARE = 0.5  # an element that holds more of the page's text than this is not cut: a theme
# that hides its content until a script shows it


# An image's caption: <figcaption>, and the caption elements of WordPress's classic editor and
# galleries and of Blogger's image tables (the picture's description and credit, not the article's
# text: trafilatura leaves them out of a page it reads whole)
_CAPTION_CLASSES = frozenset({"wp-caption-text", "wp-element-caption", "gallery-caption", "tr-caption"})
_CAPTIONS = etree.XPath(".//figcaption | .//*[@class][contains(@class, 'caption') or contains(@class, 'credit')"
                        " or contains(@class, 'source')]")
# Other themes' and papers' caption and credit lines, by a class word ("caption", "image-caption",
# "photo-credit", "source" as a picture box's credit line): taken only beside a picture (in a small box
# with an <img> that is not inside them) and only when short, as a picture's line is
_CAPTION_WORD = re.compile(r"(?:[a-z]+[-_])*(?:caption|credits?|source)(?:[-_][a-z]+)*")
_CAPTION_CHARS = 300
_BOX_OTHER_CHARS = 200  # the text of a picture's box besides the line: its other lines (caption, credit)


def _picture_line(el: etree._Element) -> bool:
    """Whether el is a picture's caption or credit line by another theme's class word: short, and in
    the box (its parent or the box around that) of a picture that is not inside it."""
    if not any(_CAPTION_WORD.fullmatch(word) for word in el.get("class", "").lower().split()):
        return False
    own = len("".join(el.itertext()).strip())
    if own > _CAPTION_CHARS or next(el.iter("img", "picture", "video"), None) is not None:
        return False
    up = el.getparent()
    for _ in range(2):  # (a picture's box holds its lines and little else: not the article around it)
        if up is None or len("".join(up.itertext()).strip()) - own > _BOX_OTHER_CHARS:
            return False
        if next(up.iter("img", "picture"), None) is not None:
            return True
        up = up.getparent()
    return False


# A dialog a script opens over the page (a newsletter sign-up, a "send us a tip" form, a cookie
# notice): the <dialog> element, an ARIA dialog, or a block whose class or id names a popup or a
# modal ("tipus_popup_holder", "modal-dialog"; not "popular", and not an inline link that opens one)
_DIALOG_NAME = re.compile(r"(?:^|[\s_-])(?:popup|modal)(?:$|[\s_-])", re.I)


def _dialog(el: etree._Element) -> bool:
    return el.tag == "dialog" or el.get("role") in ("dialog", "alertdialog") or el.get("aria-modal") == "true" \
        or bool(_DIALOG_NAME.search(el.get("class", "")) or _DIALOG_NAME.search(el.get("id", "")))


# The classes CSS frameworks and themes hide an element with, whatever the page's stylesheet
# (Bootstrap's and Foundation's "hide", "hidden", "d-none", "invisible"; "sr-only", "visually-hidden"
# and WordPress's "screen-reader-text", text for screen readers alone, such as "(opens in a new tab)"
# inside a link); not on an element another class shows again on some screens ("hidden md:block",
# "d-none d-lg-block", "hide visible-lg")
_HIDING_CLASSES = frozenset(("hide", "hidden", "d-none", "is-hidden", "u-hidden", "invisible", "sr-only",
                             "visually-hidden", "screen-reader-text", "display-none"))
_SHOWN_AGAIN = re.compile(r":|^d-(?!none)|^visible|^show|block$|^(sm|md|lg|xl)-")


def hidden_by_class(el: etree._Element) -> bool:
    """Whether a framework's utility class hides el on every screen ("sr-only", "d-none"; not "hidden md:block")."""
    names = (el.get("class") or "").split()
    return bool(_HIDING_CLASSES.intersection(names)) and not any(_SHOWN_AGAIN.search(n) for n in names)


# A comment thread or its form, by a class or id that names it whole or as a part between "-" and "_"
# ("sf_comment_list", "fb-comments", "kommentare", "comentarios"): trafilatura leaves out only those
# whose class or id begins so. Not a count, a link or a flag about comments ("comments-count",
# "has-comments", "comment-link"), which a post's own wrapper or byline may carry.
_COMMENT_PART = re.compile(r"^(comments?|commentlist|commentlists|comentarios?|comentários?|commentaires?|kommentare?|"
                           r"komentar|komentarze?|commenti|reacties|yorumlar)$", re.I)
_NOT_A_THREAD = re.compile(r"^(has|no|count|counts|number|num|link|links|icon|bubble|meta|open|closed|enabled|disabled|"
                           r"btn|button|toggle|total)$", re.I)


def _comment_thread(el: etree._Element) -> bool:
    for name in (*(el.get("class") or "").split(), el.get("id") or ""):
        parts = re.split(r"[-_]+", name)
        if any(_COMMENT_PART.match(p) for p in parts) and not any(_NOT_A_THREAD.match(p) for p in parts):
            return True
    return False


_DIALOG_TAGS = frozenset(("div", "section", "aside", "form"))
_THREAD_TAGS = frozenset(("div", "section", "aside", "ol", "ul", "form"))
_HIDING_HINTS = ("hid", "none", "sr-only", "screen-reader", "invisible")
_DIALOG_HINTS = ("popup", "modal")
_THREAD_HINTS = ("oment", "omment", "eacties", "yorum")


def _flagged(root: etree._Element) -> tuple[list[etree._Element], list[etree._Element], list[etree._Element]]:
    """The elements below root that a class hides, the dialogs and the comment threads, in one walk
    of the tree (three XPath queries with contains() took ~2 ms of a themed page, this ~0.4 ms)."""
    hidden: list[etree._Element] = []
    dialogs: list[etree._Element] = []
    threads: list[etree._Element] = []
    for el in root.iterdescendants():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        names, ident, role = el.get("class"), el.get("id"), el.get("role")
        if names is None and ident is None and role is None and tag != "dialog" and el.get("aria-modal") is None:
            continue
        key = f"{names or ''} {ident or ''}".lower()
        if names and any(h in key for h in _HIDING_HINTS) and hidden_by_class(el):
            hidden.append(el)
        if tag == "dialog" or (tag in _DIALOG_TAGS and (role or el.get("aria-modal") or any(h in key for h in _DIALOG_HINTS))
                               and _dialog(el)):
            dialogs.append(el)
        if tag in _THREAD_TAGS and any(h in key for h in _THREAD_HINTS) and _comment_thread(el):
            threads.append(el)
    return hidden, dialogs, threads


# An AMP page's components that hold no article text: ad slots (whose "Loading ad..." placeholder and
# "Sorry, no ad available" fallback are text), analytics, the consent banner and the menu's sidebar,
# share buttons; and what a component shows while its content loads or when it fails (its
# `placeholder`, `fallback` and `overflow` children: "Read more" under an amp-iframe).
_AMP_NOT_TEXT = etree.XPath(
    ".//*[self::amp-ad or self::amp-embed or self::amp-sticky-ad or self::amp-auto-ads or self::amp-analytics"
    " or self::amp-pixel or self::amp-consent or self::amp-user-notification or self::amp-sidebar"
    " or self::amp-social-share or self::amp-web-push-widget or self::amp-geo]"
    " | .//*[starts-with(name(), 'amp-')]/*[@placeholder or @fallback or @overflow]")


def _amp_page(root: etree._Element) -> bool:
    """Whether root is in an AMP page (<html amp> or <html ⚡>), whose components _AMP_NOT_TEXT names."""
    html = root.getroottree().getroot()
    return html.tag == "html" and (html.get("amp") is not None or html.get("\u26a1") is not None)


def _unseen(root: etree._Element, whole_page: bool = False) -> Iterator[tuple[str, etree._Element]]:
    if _amp_page(root):
        for el in _AMP_NOT_TEXT(root):
            yield "html.amp", el
    hidden = stylesheet_hidden(root.getroottree().getroot())
    candidates = _STYLED(root)
    if hidden[0] or hidden[1]:
        candidates = [el for el in root.iter() if isinstance(el.tag, str)
                      and (el.get("hidden") is not None or el.get("style") or el.get("class") or el.get("id"))]
    by_class, dialogs, threads = _flagged(root)
    whole = None

    def most_of_page(el: etree._Element) -> bool:
        """Whether el holds most of a page's text: the content itself, which a script shows, or a
        theme names after a dialog or its comments."""
        nonlocal whole
        if whole is None:
            whole = len(node_text(root))
        return whole > 500 and len(node_text(el)) > HIDDEN_SHARE * whole

    unseen = [el for el in candidates if el is not root and _is_hidden(el, hidden, inline_none=not whole_page)]
    threads = [el for el in threads if next(el.iter("h1"), None) is None]
    for rule, found in (("html.hidden", unseen + by_class), ("html.dialog", dialogs), ("html.comments", threads)):
        for el in found:
            if not most_of_page(el):
                yield rule, el
    if whole_page:
        return
    body_chars = None  # (the text below root, read once: nothing is cut until all are found)
    for el in _CAPTIONS(root):
        if el.tag == "figcaption" or _CAPTION_CLASSES.intersection(el.get("class", "").split()) or _picture_line(el):
            body_chars = len(node_text(root).strip()) if body_chars is None else body_chars
            if not _the_posts_own_text(el, body_chars):
                yield "html.caption", el


def _the_posts_own_text(el: etree._Element, body_chars: int) -> bool:
    """Whether a caption's element holds more than half of the text below root (body_chars of it): a
    photo blog's post set in a box its template names "caption" beside the picture, its only text (a
    Movable Type photo template's <div class="caption">), which had been cut to an empty_text reject."""
    own = len(node_text(el).strip())
    return own > 0 and 2 * own > body_chars


def cut_unseen(root: etree._Element, whole_page: bool = False) -> list[tuple[str, str]]:
    """Remove the elements below root that are not the article's text as a reader sees it: what a
    reader never sees (html.hidden), a dialog a script opens over the page (html.dialog), the
    readers' comments (html.comments), images' captions (html.caption) and an AMP page's ads and
    widgets (html.amp); (rule, text) for each one
    that held text. whole_page: the body of a page that trafilatura reads next, which leaves out
    captions and inline display:none itself, but not the rest of what is hidden."""
    removed = []
    for rule, el in list(_unseen(root, whole_page)):
        if el.getparent() is None or not inside(el, root):
            continue  # (inside an element cut before it)
        text = node_text(el)
        if text:
            removed.append((rule, text))
        drop_element(el)
    for el in _STYLE_SAYS_HIDDEN(root):
        if _hiding(el.get("style", "")) is None:
            del el.attrib["style"]
    return removed


def cut_blocks(root: etree._Element, rules: RuleSet, harvest: Harvest) -> list[tuple[str, str]]:
    """Remove signature blocks below root; returns (rule id, text) for each cut, in document order.
    A post's body (not a whole page) loses what is not its text as a reader sees it first (cut_unseen)."""
    removed: list[tuple[str, str]] = [] if root.tag == "html" else cut_unseen(root)
    index = _index(root)
    page = _PageWords(root)
    for rule in rules.blocks:
        if rule.after:
            _cut_items(rule, rules, root, index, harvest, removed)
            continue
        if rule.hint is not None and not page.has_any(rule.hint):
            continue  # (most pages never show the rule's words)
        any_link = "*" in rule.link_hosts
        candidates = dict.fromkeys(_candidates(rule, root, index))  # (a block with many links: once)
        for block in candidates:
            if block is root or block.getparent() is None or not inside(block, root):
                continue  # the root itself, or inside a block an earlier rule already cut
            if rule.element_ids and any(above in candidates for above in block.iterancestors()):
                continue  # (found by class before the box around it was found by id: cut with the box)
            if any_link and len(block) > 4:
                continue  # named by its text: a line with a link or two, not a menu or a paragraph of them
            if rule.lead is not None and not rule.lead.match(next((t for t in block.itertext() if t.strip()), "").lstrip()):
                continue  # (its first words are not the rule's: no need to read the whole block)
            text = node_text(block)
            matched = rule.text.fullmatch(text) if rule.text is not None else None
            if rule.text is not None and matched is None:
                continue
            if rule.source_link and not _names_its_link(block, matched):
                continue  # "Source: <a>Name</a>" names its link; "SOURCE: agencies … via <a>IFTTT</a>" does not
            if rule.wrapper_classes:
                block = _with_its_heading(block, root, rule.wrapper_classes)
                text = node_text(block)
            _give(rule, block, text, matched, rules, harvest, removed)
            drop_element(block)
    for rule in rules.link_lists:
        present = tuple(w for w in rule.hint if page.has(w))
        if present:
            _cut_link_lists(root, rule, present, removed)
    _cut_comment_threads(root, rules, removed, page)
    if root.tag != "html" and rules.named_boxes.words:
        _cut_named_boxes(root, rules.named_boxes, removed)
    return removed


# a class's or an id's parts: split at "-", "_", spaces and where a lower-case letter meets a capital
_NAME_PARTS = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")


def _names_a_box(value: str, boxes: NamedBoxes) -> bool:
    parts = [p.lower() for p in _NAME_PARTS.split(value) if p]
    if any(p in boxes.words for p in parts):
        return True
    return any(parts[i:i + len(run)] == list(run) for run in boxes.runs for i in range(len(parts) - len(run) + 1))


def _cut_named_boxes(root: etree._Element, boxes: NamedBoxes, removed: list[tuple[str, str]]) -> None:
    """The boxes (block elements) in a post's body that a word of their class or id names as other
    things (html.toml [named_boxes]: share buttons, tags, related stories...) and that hold little
    text of their own: at most boxes.most_chars characters, or mostly links; never one with most of
    the body's text."""
    body_chars = 0
    for el in list(root.iter()):
        if el is root or not isinstance(el.tag, str) or el.getparent() is None or not inside(el, root):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not names.strip() or not _names_a_box(names, boxes):
            continue
        if el.tag not in BLOCK_TAGS:  # a word in a sentence, "<span class='ad'>", is no box; a link
            parent = el.getparent()  # that is all its paragraph holds ("<p><a class='related'>") is
            if parent is root or parent.tag not in BLOCK_TAGS or node_text(parent).split() != node_text(el).split():
                continue
            el = parent
        text = " ".join(node_text(el).split())
        chars = len(text)
        if chars > boxes.most_chars:
            linked = sum(len(" ".join(node_text(a).split())) for a in el.iter("a"))
            body_chars = body_chars or len(" ".join(node_text(root).split()))
            if linked * 2 < chars or chars * 2 > body_chars:
                continue
        if text:
            removed.append(("html.named-box", text))
        drop_element(el)


THREAD_CHARS = 12000  # a comment thread under its heading: this many characters at most
_THREAD_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "p", "div", "b", "strong", "span", "header")


def _cut_comment_threads(root: etree._Element, rules: RuleSet, removed: list[tuple[str, str]],
                         page: _PageWords) -> None:
    """Readers' comments in no element a theme marks as comments ("<h3>3 Comments</h3><p><b>Ann
    Lee</b> wrote: …</p>…"): an element whose whole text is a `where = "thread"` heading (with the
    wrapper that holds only it), and the elements after it to the end of its parent, the first and at
    least half of them (a list's items one by one) opening as a comment does (lines.toml
    [commenter]); nothing but them there. Extractors keep such threads as the article's text."""
    threads = [r for r in rules.by_where.get("thread", ()) if r.hint is None or page.has_any(r.hint)]
    if not threads or rules.commenter is None:
        return  # (most pages: none of the headings' words)
    found = [el for el in root.iter(*_THREAD_HEADINGS)
             if len(el) <= 2 and (t := el.text) and t.strip() and len(t) < 250]
    for heading in found:
        if heading is root or not inside(heading, root):
            continue
        text = node_text(heading)
        rule = next((r for r in threads if r.pattern.fullmatch(text)), None) if len(text) <= 250 else None
        if rule is None:
            continue
        node = heading
        while node.getnext() is None and (up := node.getparent()) is not None and up is not root \
                and inside(up, root) and _letters(up) <= _letters(node):
            node = up
        items = list(node.itersiblings())
        if not items or any(el.tail and el.tail.strip() for el in (node, *items)) or not all(
                isinstance(el.tag, str) for el in items):
            continue
        comments = [li for el in items for li in (el.findall("li") if el.tag in ("ul", "ol") else [el])]
        texts = [t for t in (node_text(el) for el in comments) if t]
        opening = [t for t in texts if rules.commenter.match(t)]
        if not texts or texts[0] not in opening or 2 * len(opening) < len(texts) \
                or sum(len(t) for t in texts) > THREAD_CHARS:
            continue
        removed.append((rule.id, " ".join([text, *texts])))
        for el in (node, *items):
            drop_element(el)


_WRAPPER_LEVELS = 2  # (a WordPress group and its inner container)
_WRAPPER_EXTRA_CHARS = 300  # the heading and prompt beside a box, at most
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def _with_its_heading(block: etree._Element, root: etree._Element, classes: tuple[str, ...]) -> etree._Element:
    """The wrapper around a box (of one of `classes`, up to two levels) when all it holds besides
    the box is a heading and a line or two before it: "<div class=wp-block-group><h2>Discover more
    from Site</h2><p>Subscribe to get …</p><div class=box>…</div></div>"; else the box."""
    node = block
    for _ in range(_WRAPPER_LEVELS):
        parent = node.getparent()
        if parent is None or parent is root or not set((parent.get("class") or "").split()).intersection(classes):
            break
        before = []
        for child in parent:
            if child is node:
                break
            if isinstance(child.tag, str):
                before.append(child)
        after = [c for c in node.itersiblings() if isinstance(c.tag, str)]
        if after or (before and before[0].tag not in _HEADINGS) or len(before) > 3 \
                or len(node_text(parent)) - len(node_text(node)) > _WRAPPER_EXTRA_CHARS:
            break
        node = parent
    return node


def _give(rule: BlockRule, block: etree._Element, text: str, matched: re.Match[str] | None, rules: RuleSet,
          harvest: Harvest, removed: list[tuple[str, str]]) -> None:
    """What a block a rule matched says of the article's origin, into harvest; the cut into removed."""
    if rule.provenance:
        _harvest_links(block, rules, harvest)
        _harvest_text(text, rules, harvest)
    for name, value in (matched.groupdict() if matched else {}).items():
        if value and value.strip() and name in HARVESTED:
            if name == "publisher" and rule.source_link and _is_its_address(value, block):
                continue  # "Original article: <a>example.com</a>": an address, not a name
            harvest.add_credit(name, value.strip())
    if rule.source_link:
        href = next((a.get("href", "").strip() for a in block.iter("a")
                     if a.get("href", "").strip().startswith(("http://", "https://"))), "")
        if href and not rules.is_short_link(href):
            harvest.add("source_url", href)
    removed.append((rule.id, text))
    if (credit := chain_credit(rule)) is not None:
        harvest.add(*credit)


def cut_page_boxes(tree: etree._Element, rules: RuleSet, harvest: Harvest,
                   by_class: Callable[[str], list[etree._Element]]) -> list[tuple[str, str]]:
    """The boxes of `anywhere` rules, wherever they are on the page, for a page whose text is read from
    its body alone (a body container, a learned template): a theme sets them around the post body as
    often as in it (the Newspaper theme's "SOURCE <a>Publisher</a>" under the article), and a
    template may drop them. Their provenance is harvested and they are cut, as when the page is read
    whole. by_class: the page's elements of a class (its class index)."""
    removed: list[tuple[str, str]] = []
    for rule in rules.page_boxes:
        for block in dict.fromkeys(el for name in rule.classes for el in by_class(name)):
            if block.getparent() is None or not inside(block, tree):
                continue  # (inside a box cut before it)
            text = node_text(block)
            matched = rule.text.fullmatch(text) if rule.text is not None else None
            if rule.text is not None and matched is None:
                continue
            if rule.source_link and not _names_its_link(block, matched):
                continue
            _give(rule, block, text, matched, rules, harvest, removed)
            drop_element(block)
    return removed



def _cut_link_lists(root: etree._Element, rule: LinkListRule, words: tuple[str, ...],
                    removed: list[tuple[str, str]]) -> None:
    """A box of links to other stories set in the post ("<b>Baca Juga</b><ul><li><a>…</a></li>…</ul>"):
    the smallest block, at most three levels above an element whose whole text is the rule's heading,
    whose text is that heading and the texts of 1 to the rule's `items` links, nothing else; or the
    heading's own element (nothing in it but the heading) with the elements right after it that are
    nothing but those links. A paragraph of the article around the heading, or right after it, has
    text of its own, so it stays. Elements are
    looked at only when their own text holds one of the hint words the page holds (`words`)."""
    found = [el for el in root.iter() if (t := el.text) and len(t) < 200 and any(w in t.lower() for w in words)]
    for heading in found:
        parent = heading.getparent()
        if len(heading) > 1 or not isinstance(heading.tag, str) or heading.tag in _NO_HEADING or parent is None \
                or parent.tag == "a":
            continue
        text = node_text(heading)
        if len(text) > 60 or (len(text) <= 3 and not IDEOGRAPHS.search(text)) or not rule.heading.fullmatch(text):
            continue
        node, below = heading, None
        for _ in range(4):
            if node is root or node.getparent() is None or not inside(node, root):
                break
            if below is not None and _words_before(below):
                break  # (a box opens with its heading: above it in node stands the post, as a page
                # builder's column holds the article, then "Related Posts" over teasers)
            anchors = node.findall(".//a")
            if 0 < len(anchors) <= rule.items and (_only_links(node, heading, anchors)
                                                   or _teasers(node, heading, anchors)):
                removed.append((rule.id, node_text(node)))
                drop_element(node)
                break
            if anchors:
                break
            if _letters(node) <= _letters(heading) and (items := _links_after(node, rule.items)):
                # "<p><b>Leia também:</b></p><ul><li><a>…</a></li></ul>": the links under, not around it
                removed.append((rule.id, " ".join(node_text(el) for el in (node, *items))))
                for el in (node, *items):
                    drop_element(el)
                break
            node, below = node.getparent(), node


_NO_HEADING = SKIP_TAGS | {"a", "html", "body"}  # (a link is an item, never the heading)
# (a heading of two or three such signs is a whole phrase: "目次", "목차", "相关")
IDEOGRAPHS = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def _words_before(child: etree._Element) -> bool:
    """Whether child's parent holds words before child (the levels below were looked at on the way up)."""
    parent = child.getparent()
    if parent is not None and parent.text and any(c.isalpha() for c in parent.text):
        return True
    return any((sib.tail and any(c.isalpha() for c in sib.tail)) or (isinstance(sib.tag, str) and _letters(sib) > 0)
               for sib in child.itersiblings(preceding=True))


def _links_after(node: etree._Element, most: int) -> list[etree._Element]:
    """The elements right after a heading's own element (no text between) that hold nothing but 1 to
    `most` links in all: a list of headlines set under the heading rather than around it
    (a `<ul>` of links, or a paragraph a link). Empty when the next element has text of its own."""
    items: list[etree._Element] = []
    count = 0
    el = node
    while not (el.tail and el.tail.strip()):
        el = el.getnext()
        if el is None or not isinstance(el.tag, str):
            break
        anchors = el.findall(".//a") if el.tag != "a" else [el]
        count += len(anchors)
        if not anchors or count > most or _letters(el) > sum(_letters(a) for a in anchors):
            break
        items.append(el)
    return items


def _letters_beside_links(node: etree._Element, heading: etree._Element, anchors: list[etree._Element]) -> int:
    """The letters of node's text that are neither the heading's nor its links' (list marks and
    separators do not count), each text read by libxml2 rather than walked in Python."""
    return _letters(node) - _letters(heading) - sum(_letters(a) for a in anchors if not inside(a, heading))


def _only_links(node: etree._Element, heading: etree._Element, anchors: list[etree._Element]) -> bool:
    """Whether node's text is the heading's and its links' texts (with list marks and separators)."""
    return _letters_beside_links(node, heading, anchors) <= 0


TEASER_LETTERS = 300  # a related story's teaser under its link: at most this many letters per link
TEASER_RUN = 400  # and no run of text longer than this (characters): a paragraph of an article


def _teasers(node: etree._Element, heading: etree._Element, anchors: list[etree._Element]) -> bool:
    """Whether node is a list of 2 or more links to other stories, each with a short teaser (a line of
    the story, its date) under the heading: each link stands alone in its element (a headline, not a
    few words of a sentence), and the text beside the links is at most TEASER_LETTERS letters a
    link, in runs no longer than TEASER_RUN characters."""
    if len(anchors) < 2 or not all(_stands_alone(a) for a in anchors):
        return False
    for run in node.xpath(".//text()"):
        if len(run) > TEASER_RUN:
            owner = run.getparent().getparent() if run.is_tail else run.getparent()
            if owner is None or (owner.tag != "a" and next(owner.iterancestors("a"), None) is None):
                return False
    return _letters_beside_links(node, heading, anchors) <= TEASER_LETTERS * len(anchors)


_BESIDE_LINK = 30  # characters of a date or a count beside a link in its element ("— 3 March 2026", "(4)")


def _stands_alone(anchor: etree._Element) -> bool:
    """Whether the link's element holds no words of its own beside its links: nothing, marks, or a
    short run with figures (a date, a count); "the <a>report</a> the council published" is a sentence."""
    parent = anchor.getparent()
    if parent is None:
        return False
    for run in (parent.text, *(child.tail for child in parent)):
        run = (run or "").strip()
        if run and (len(run) > _BESIDE_LINK or (not any(c.isdigit() for c in run) and any(c.isalpha() for c in run))):
            return False
    return True


_GLUE = str.maketrans("", "", " \t\n\r\xa0-|•·»«:,.()[]\"'")


def _letters(el: etree._Element) -> int:
    return len("".join(el.itertext()).translate(_GLUE))



_GNEWS_ARTICLE = re.compile(r"https?://news\.google\.com/(?:__i/)?rss/(?:rd/)?articles/([A-Za-z0-9_-]+)")
_URL_BYTES = re.compile(rb"https?://[\x21-\x7e]+")


def google_news_target(link: str) -> str | None:
    """The publisher URL inside an older Google News article link (CBMi...: base64url protobuf that
    holds the URL); None for the newer encrypted form, which cannot be decoded offline."""
    import base64

    m = _GNEWS_ARTICLE.match(link)
    if not m:
        return None
    token = m.group(1)
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    found = _URL_BYTES.search(raw)
    if not found:
        return None
    url = found.group(0)
    if len(raw) > found.start() - 1 >= 0 and raw[found.start() - 1] < len(url):  # protobuf length prefix
        url = url[: raw[found.start() - 1]]
    try:
        return url.decode("ascii")
    except UnicodeDecodeError:
        return None


def _is_its_address(name: str, block: etree._Element) -> bool:
    """Whether a link's text is its own web address ("example.com", "www.example.com/story"), in
    lower case as addresses are written ("Kompas.com" is a name)."""
    if name != name.lower():
        return False
    name = name.strip().removeprefix("https://").removeprefix("http://").removeprefix("www.")
    hosts = {site_host(a.get("href") or "") for a in block.iter("a")}
    return any(host and name.split("/")[0] == host for host in hosts)


def _names_its_link(block: etree._Element, matched: re.Match[str] | None) -> bool:
    """For a rule whose block gives the original's link: the publisher its text names (when its
    pattern has that group) is the text of one of the block's links."""
    named = (matched.groupdict().get("publisher") or "").strip().lower() if matched else ""
    return not named or any(node_text(a).strip().lower() == named for a in block.iter("a"))


# the provenance fields a rule's named groups may give
HARVESTED = ("feed_title", "publisher", "source_url", "autoposted_at", "author", "link")


def _harvest_text(text: str, rules: RuleSet, harvest: Harvest) -> None:
    """A cut block that reads like a line rule (e.g. 'reprinted from <Publisher>') gives its groups too."""
    for rule in rules.lines:
        m = rule.pattern.fullmatch(text)
        if m:
            for name, value in m.groupdict().items():
                if value and name in HARVESTED:
                    harvest.add_credit(name, value)
            return


def _harvest_links(root: etree._Element, rules: RuleSet, harvest: Harvest, short_links: bool = True) -> None:
    gate = any_of(tuple(rule.text for rule in rules.anchors))
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href.startswith(("http://", "https://")):
            continue
        if rules.is_short_link(href):
            if not short_links:
                continue
            harvest.add("link", href)
            if "news.google.com" in href:
                harvest.add("tool", "google-news")
                target = google_news_target(href)
                if target:
                    harvest.add("source_url", target)
        else:
            target, tool = rules.unwrap(href)
            if tool:  # a news feed's redirect (a Google Alert's, a Bing News item's): the original
                harvest.add("link", href)
                harvest.add("source_url", target)
                harvest.add("tool", tool)
            href = target  # (through any other wrapper, a source anchor's target is the original)
        text = node_text(a)
        if not text or (gate is not None and not gate.fullmatch(text)):
            continue
        for rule in rules.anchors:
            if rule.text.fullmatch(text) and not rules.is_short_link(href):
                harvest.add("source_url", href)
                if rule.chain:
                    harvest.add("tool", rule.chain)
                break


_BESIDE_WORDS = 40  # the least of a neighbouring block's text that shows it is one of the post's lines
_SOURCE_LINE = 80  # the most text of the block a source's short link stands in ("Source: <a>…</a>")
# a Google News item's link (its story), not the site's page there that a "Follow us" button links
_GNEWS_ITEM = re.compile(r"https?://news\.google\.com/(?:__i/)?(?:rss/)?(?:rd/)?(?:articles|read)/")


def post_short_links(root: etree._Element, rules: RuleSet, harvest: Harvest, text: str) -> None:
    """On a page read whole, whose short links harvest_links leaves alone (a sidebar's are not the
    post's), those that stand as a line of their own among the post's lines: the one anchor of a short
    block (not a list's item) right after or before one whose words the post's `text` holds
    (whitespace folded to single spaces). A WordPress autoblog ends the post it imported from Google
    News with "<p><a href=news.google.com/rss/articles/…>Source link</a></p>", which trafilatura
    leaves out of the text."""
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href.startswith(("http://", "https://")) or not rules.is_short_link(href) \
                or ("news.google.com" in href and not _GNEWS_ITEM.match(href)):
            continue
        block = a.getparent()
        if block.tag != "li" and len(block.findall(".//a")) == 1 \
                and len(" ".join(block.text_content().split())) <= _SOURCE_LINE and _beside_text(block, text):
            _harvest_links(a, rules, harvest)


def _beside_text(block: etree._Element, text: str) -> bool:
    """Whether a block (or the box it is in) has a neighbour, the element right before or after it
    (past one of no text: an ad's slot), whose text is the post's."""
    node = block
    for _level in range(2):
        if node is None or node.tag in ("body", "html"):
            return False
        for side in (node.itersiblings(preceding=True), node.itersiblings()):
            for sibling in islice((s for s in side if isinstance(s.tag, str)), 2):
                words = " ".join(sibling.text_content().split())
                if len(words) >= _BESIDE_WORDS:
                    if words[:120] in text:
                        return True
                    break  # (a neighbour with text of its own that is not the post's ends the look)
        node = node.getparent()
    return False


def _path_of(href: str) -> str:
    try:
        return urlsplit(href).path
    except ValueError:
        return ""


def harvest_links(root: etree._Element, rules: RuleSet, harvest: Harvest, short_links: bool = True,
                  titles: tuple[str | None, ...] = (), page_url: str = "") -> None:
    """Short links (ift.tt, Google News), 'Go to Source'-style anchors, the original article's link
    in source blocks ('The post <a>…</a> appeared first on …') below root, and after them an anchor
    to another site whose text is one of the post's titles (_title_link)."""
    _harvest_links(root, rules, harvest, short_links)
    _source_blocks(root, rules, harvest)
    _title_link(root, titles, page_url, rules, harvest)
    _credit_links(root, rules, harvest, page_url)


def _credit_links(root: etree._Element, rules: RuleSet, harvest: Harvest, page_url: str) -> None:
    """Each anchor to another site that a credit's label leads ("Источник: <a>X</a>" on a line of a
    body written between <br>s, where no block holds the credit alone): its text and href, for the
    credit line that names the publisher below the text to give source.url too."""
    if rules.credit_line is None:
        return
    here = site_host(page_url) if page_url else ""
    for a in root.iter("a"):
        before = a.getprevious()
        lead = (before.tail if before is not None else a.getparent().text) or ""
        if not lead.rstrip().endswith((":", "：")):
            continue
        href = (a.get("href") or "").strip()
        if not href.startswith(("http://", "https://")) or not url_parses(href) or site_host(href) == here:
            continue
        name = fold(node_text(a))
        line = fold(lead.rsplit("\n", 1)[-1] + " " + name)
        m = rules.credit_line.fullmatch(line)
        if m and name:
            harvest.credit_links.setdefault(name.lower(), href)


def _source_blocks(root: etree._Element, rules: RuleSet, harvest: Harvest) -> None:
    """The original article's link in a block a source_block rule reads whole."""
    if not rules.source_blocks:
        return
    gate = any_of(tuple(rule.text for rule in rules.source_blocks))
    for block in root.iter("p", "div"):
        if len(block) > 8:  # a sentence naming its source has a few links and little else, not a menu
            continue
        anchors = block.findall(".//a[@href]")
        if not anchors or len(anchors) > 4:
            continue
        text = node_text(block)
        if gate is not None and not gate.fullmatch(text):
            continue
        for rule in rules.source_blocks:
            if rule.text.fullmatch(text):
                # the original is the first link to a page, not to a site's home ("… tayang di
                # <a href=home>Kompas.com</a> …, Klik untuk baca: <a href=article>…</a>")
                hrefs = [a.get("href", "").strip() for a in anchors]
                hrefs = [h for h in hrefs if h.startswith(("http://", "https://"))]
                pages = [h for h in hrefs if _path_of(h).strip("/")]
                if pages or hrefs:
                    harvest.add("source_url", (pages or hrefs)[0])
                break


def _title_link(root: etree._Element, titles: tuple[str | None, ...], page_url: str, rules: RuleSet,
                harvest: Harvest) -> None:
    """An anchor on another site whose text is the post's headline (IFTTT's `<a href={{EntryUrl}}>
    {{EntryTitle}}</a>` under a copied post, a feed's entry link): the original article, after what
    the rules found (those name it surer)."""
    keys = {fold(t).lower().strip() for t in titles if t and len(t.split()) >= 3}
    if not keys:
        return
    here = site_host(page_url)
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href.startswith(("http://", "https://")) or rules.is_short_link(href):
            continue
        if site_host(href) == here or not url_parses(href):
            continue
        text = fold(node_text(a)).lower().strip()
        if text in keys or (len(text) >= 12 and any(key.startswith(text + " - ") for key in keys)):
            harvest.add("source_url", href)
            return


def _inline_text(el: etree._Element, out: list[str]) -> bool:
    """el's text into out, scripts and the like skipped; False when el holds a block or a <br>."""
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in BLOCK_TAGS or tag == "br":
            return False
        if tag and tag not in SKIP_TAGS and not _inline_text(child, out):
            return False
        if child.tail:
            out.append(child.tail)
    return True


def _table_row(tr: etree._Element) -> str | None:
    """A data table's row as one line, "| Day | Departs | Arrives |" (as trafilatura writes it): a row
    of two cells or more, each of inline text only. None for a layout table's row (a cell holding
    paragraphs or line breaks, or a row of one cell), whose cells stay lines of their own."""
    cells = [c for c in tr if isinstance(c.tag, str)]
    if len(cells) < 2 or any(c.tag.lower() not in ("td", "th") for c in cells):
        return None
    texts = []
    for cell in cells:
        out: list[str] = []
        if not _inline_text(cell, out):
            return None
        texts.append(fold_spaces("".join(out)))
    return "\n| " + " | ".join(texts) + " |\n" if any(texts) else "\n"


# where a list item opens and ends, in to_text's parts (no page's text holds a NUL)
_ITEM, _ITEM_END = "\x00i", "\x00e"
_ITEM_TAGS = frozenset({"li", "dt", "dd"})  # (trafilatura reads a definition list as a list)


def to_text(root: etree._Element) -> str:
    """Block elements and <br> become line breaks; inline text is joined; scripts and forms are skipped."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS or not tag:
            if el.tail:
                parts.append(el.tail)
            return
        tag = tag.lower()
        if tag == "tr" and (row := _table_row(el)) is not None:
            parts.append(row)
            if el.tail:
                parts.append(el.tail)
            return
        if tag in _ITEM_TAGS:
            parts.append("\n" + _ITEM)  # (a list item's line opens with "- ", as trafilatura writes it)
        elif tag in BLOCK_TAGS or tag == "br":
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in BLOCK_TAGS:
            parts.append("\n" + _ITEM_END if tag in _ITEM_TAGS else "\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    lines = [fold_spaces(line) for line in "".join(parts).split("\n")]
    out: list[str] = []
    item = False  # a list item whose text starts on a later line (<li><p>…</p></li>)
    for line in lines:
        if line.startswith(_ITEM):
            line = line[len(_ITEM):].strip()
            item = True
        elif line.startswith(_ITEM_END):  # (an item with no text of its own: nothing after it is one)
            line = line[len(_ITEM_END):].strip()
            item = False
        if line:
            out.append("- " + line if item else line)
            item = False
    return "\n".join(out)


_WS = re.compile(r"[ \t\r\f\v\u00a0\u202f\u2009\u200b]+")


# A line end inside a run of a page's text, and the spaces around it: one space, as a browser shows
# it, outside <pre> and the like. Hard-wrapped paragraphs ("…after 15 years as Legal\n    Director, I
# took…") were cut into lines, by trafilatura (which keeps some) and by our own text walk. A line end
# between elements, with no text beside it, stays what it was: a menu's links written one a line
# ("<a>Home</a>\n<a>News</a>") stay lines the rules know one by one, not one line they do not.
SOURCE_LINE_END = re.compile(r"[ \t\r\f]*\n\s*")
_WRAPPED_LINE = re.compile(r"(?<=\S)[ \t\r\f]*\n\s*(?=\S)")
# (text nodes with a line end and some text, outside the elements that keep their lines: found by
# libxml2, about twice as fast as a walk of every element in Python)
_WRAPPED_TEXTS = etree.XPath(
    "//text()[contains(., '\n')][normalize-space()][not(ancestor::pre or ancestor::textarea or ancestor::listing"
    " or ancestor::xmp or ancestor::plaintext or ancestor::script or ancestor::style)]")


# Inline elements: a line end between one and the text beside it, inside a paragraph ("…was published\n
# <a …>February 28</a>"), is a space too, as a browser shows it
_INLINE = frozenset({"a", "b", "i", "em", "strong", "span", "code", "abbr", "cite", "mark", "small", "sub", "sup",
                     "u", "s", "del", "ins", "q", "time", "font", "kbd", "var", "dfn", "big", "tt", "label"})
_LINE_END_AFTER = re.compile(r"(?<=\S)[ \t\r\f]*\n\s*$")
_LINE_END_BEFORE = re.compile(r"^\s*\n\s*(?=\S)")


def _inline(el: etree._Element | None) -> bool:
    return el is not None and isinstance(el.tag, str) and el.tag.lower() in _INLINE


def source_line_ends_as_spaces(root: etree._Element) -> None:
    """Make each line end within the text of a parsed page a space, but inside <pre>, <textarea>,
    scripts and styles; also one between a text and an inline element beside it."""
    for text in _WRAPPED_TEXTS(root):
        owner = text.getparent()
        if owner is None:
            continue
        value = _WRAPPED_LINE.sub(" ", text)
        # (the element after this text: the owner's first child, or the element after the owner;
        # the one before it: the owner, whose tail it is, or, for an inline owner, the owner itself)
        after = owner.getnext() if text.is_tail else (owner[0] if len(owner) else None)
        if _inline(after):
            value = _LINE_END_AFTER.sub(" ", value)
        if _inline(owner):
            value = _LINE_END_BEFORE.sub(" ", value)
        if text.is_tail:
            owner.tail = value
        else:
            owner.text = value


def fold_spaces(line: str) -> str:
    return _WS.sub(" ", line).strip()


# libxml2 stops building the tree 256 elements deep ("Excessive depth in document"): the rest of the
# page is lost. Old and broken pages get there with tags left open in a loop (hundreds of unclosed
# <font> or <div> tags before the post). Such a page is parsed again with those wrappers taken out:
# first the inline ones, which carry no text of their own; then the block wrappers, each a line break.
_INLINE_WRAPPERS = re.compile(r"</?(?:font|b|i|u|s|em|strong|span|small|big|tt|strike|center|nobr)(?:\s[^>]*)?/?>", re.I)
_BLOCK_WRAPPERS = re.compile(r"</?(?:div|section|article|main|aside|header|footer|blockquote|table|tbody|thead|tr|td|th"
                             r"|ul|ol|li|dl|dt|dd|figure|figcaption|form)(?:\s[^>]*)?/?>", re.I)


def too_deep(parser: etree.HTMLParser) -> bool:
    """Whether the parser's last run stopped at libxml2's depth limit (which halts it: the last error)."""
    last = parser.error_log.last_error
    return last is not None and "Excessive depth" in last.message


# "<html xml:lang="de" />": the opening tag written as an empty element, by a template that took
# XHTML's syntax for it. libxml2 closes the root there: the page parses as an empty document.
_SELF_CLOSED_HTML = re.compile(r"<(html\b[^<>]*?)\s*/>", re.I)


def opened_html_tag(page: str) -> str:
    """The page with a self-closed <html …/> opened (the page itself when it has none)."""
    m = _SELF_CLOSED_HTML.search(page)
    return page if m is None else f"{page[:m.start()]}<{m.group(1)}>{page[m.end():]}"

# A UTF-16 surrogate written as a character reference ("&#55357;&#56832;", an emoji as a MySQL utf8
# database or a JavaScript tool wrote it) is no character: in a feed's XML, libxml2's recovering
# parser kept its bytes, which are not UTF-8, and reading that text raised UnicodeDecodeError (the
# whole feed page lost); in HTML it is U+FFFD. A pair is read as the character it spells, a lone
# one as U+FFFD.
_SURROGATE_REF = (r"&#(?:[xX]([dD][89a-fA-F][0-9a-fA-F]{2})|"
                  r"(5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]));")
_SURROGATES = re.compile(_SURROGATE_REF + "(?:" + _SURROGATE_REF + ")?")
_SURROGATES_BYTES = re.compile(_SURROGATES.pattern.encode())


def _surrogates_read(m: re.Match) -> str | bytes:
    first = int(m[1], 16) if m[1] else int(m[2])
    second = (int(m[3], 16) if m[3] else int(m[4])) if m[3] or m[4] else None
    if first <= 0xDBFF and second is not None and second >= 0xDC00:
        out = "&#x%X;" % (0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    else:
        out = "&#xFFFD;" * (1 if second is None else 2)
    return out.encode() if isinstance(m[0], bytes) else out


def surrogate_refs_read(markup: str | bytes) -> str | bytes:
    """The markup (a feed's XML, a feed's post body) with its surrogates' references read (_SURROGATES)."""
    if isinstance(markup, bytes):
        return _SURROGATES_BYTES.sub(_surrogates_read, markup) if b"&#" in markup else markup
    return _SURROGATES.sub(_surrogates_read, markup) if "&#" in markup else markup


# Characters that XML does not hold (libxml2 keeps them in a tree's text, from which trafilatura
# then builds nothing: lxml refuses them in an element it makes, and one "\x10" in a paragraph left a
# news page empty). A form feed or vertical tab is a space to a browser; the other controls print nothing.
_NOT_XML_CHARS = tuple(map(chr, (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))))
_NOT_XML = re.compile(f"[{''.join(_NOT_XML_CHARS)}]")


def _control_read(m: re.Match[str]) -> str:
    return " " if m[0] in "\x0b\x0c" else ""


def controls_dropped(markup: str) -> str:
    """The markup without the control characters XML does not hold (_NOT_XML); the same string when
    it has none. (Looked for with one `in` a character, ~0.07 ms on a 100,000-character page: the
    regular expression's scan took five times that.)"""
    if not any(c in markup for c in _NOT_XML_CHARS):
        return markup
    return _NOT_XML.sub(_control_read, markup)


# What may follow a page's </body> or </html> without being part of it: white space, comments,
# scripts, more such ends. Anything else there (a widget's stray "</body></html>" mid-page, content
# that an injector or a feed's body put after them) a browser shows in the body; libxml2 drops what
# comes after </html> and puts what comes after </body> outside the body.
_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.I)
_TRAILER = re.compile(r"(?:\s+|<!--.*?-->|</(?:body|html)\s*>|<(script|style|noscript)\b.*?</\1\s*>)*", re.I | re.S)


def ended_early(page: str) -> str:
    """The page without its </body> and </html> tags when more of it follows them (the page itself
    otherwise): what follows is then read as part of the body, as a browser shows it. (One regular
    expression's scan, ~0.1 ms on a 100,000-character page: four str.find calls, one for each
    spelling, took three times that on pages that are not ASCII.)"""
    m = _DOCUMENT_END.search(page)
    if m is None or _TRAILER.fullmatch(page, m.start()):
        return page
    return _DOCUMENT_END.sub("", page)


# Elements that HTML makes empty but libxml2's HTML parser does not know as such: written without a
# "/>", each takes all that follows, up to its parent's end, as its content, so the text after a bare
# <embed> between a post's paragraphs was inside the embed (cut with it, as media).
_VOID_AS_PARENT = ("embed", "source", "track", "wbr", "keygen")


def void_elements_emptied(tree: etree._Element) -> None:
    """Moves the content libxml2 put inside an empty element (_VOID_AS_PARENT) out after it, where
    a browser has it."""
    for el in list(tree.iter(_VOID_AS_PARENT)):
        if not len(el) and not el.text:
            continue
        parent = el.getparent()
        if parent is None:
            continue
        children, text, tail = list(el), el.text, el.tail
        el.text, el.tail = None, text
        at = parent.index(el)
        for offset, child in enumerate(children, 1):
            parent.insert(at + offset, child)
        last = children[-1] if children else el
        last.tail = (last.tail or "") + (tail or "") or None


def shallower(markup: str, attempt: int) -> str | None:
    """The markup with its inline wrappers (attempt 0) or also its block wrappers (attempt 1) taken
    out, for a page too deeply nested to parse whole; None after that."""
    if attempt == 0:
        return _INLINE_WRAPPERS.sub("", markup)
    if attempt == 1:
        return _BLOCK_WRAPPERS.sub("<br>", _INLINE_WRAPPERS.sub("", markup))
    return None


_FRAGMENT_PARSER = html.HTMLParser()


def parse_fragment(fragment: str) -> etree._Element:
    """A post body (feed content, a JSON-LD articleBody's markup) as a <div> element; an empty one for
    markup that holds no body (a document cut off in its <head>, "<html></html>": lxml raised
    ParserError or AssertionError on it, which failed the post's extraction)."""
    markup = surrogate_refs_read(ended_early(controls_dropped(fragment))) if fragment else "<p></p>"  # (a body with a page's ends in it)
    try:
        wrapper = html.fragment_fromstring(markup, create_parent="div", parser=_FRAGMENT_PARSER)
    except (etree.ParserError, AssertionError):
        return html.fragment_fromstring("<p></p>", create_parent="div", parser=_FRAGMENT_PARSER)
    for attempt in range(2):
        if not too_deep(_FRAGMENT_PARSER):
            break
        try:
            wrapper = html.fragment_fromstring(shallower(markup, attempt), create_parent="div", parser=_FRAGMENT_PARSER)
        except (etree.ParserError, AssertionError):  # (what the deep parse built stands)
            break
    void_elements_emptied(wrapper)
    return wrapper
