"""Parse discovery documents: Blogger JSON feeds, Atom/RSS feeds, JSON Feeds, WordPress REST posts, sitemaps."""

from __future__ import annotations

import base64
import codecs
import copy
import gzip
import html as htmllib
import io
import json
import re
import zlib
from dataclasses import dataclass, field

from lxml import etree
from w3lib.encoding import resolve_encoding
from w3lib.url import safe_url_string

from pipelines.htmltext import surrogate_refs_read
from pipelines.metadata import joined
from pipelines.rules import url_parses

_XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
_STRICT_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM03 = "{http://purl.org/atom/ns#}"  # Atom 0.3, which old Blogger and Movable Type blogs still serve
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}"
DC_CREATOR, DC_DATE, DC_SUBJECT, DC_TITLE = f"{DC}creator", f"{DC}date", f"{DC}subject", f"{DC}title"
# a podcast's or a media feed's item title and author where the item has no <title> or <author>
# (Apple's namespace as its own pages once spelled it, capitals and all, is as common)
ITUNES_AUTHORS = ("{http://www.itunes.com/dtds/podcast-1.0.dtd}author", "{http://www.itunes.com/DTDs/Podcast-1.0.dtd}author")
MEDIA_TITLE = "{http://search.yahoo.com/mrss/}title"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"
RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
RSS1 = "{http://purl.org/rss/1.0/}"
FEEDBURNER_ORIG = "{http://rssnamespace.org/feedburner/ext/1.0}origLink"  # the post's own URL behind feedproxy
# Blogger's Atom feeds use the OpenSearch RSS 1.0 namespace; other feeds use OpenSearch 1.1's
OPENSEARCH_TOTALS = ("{http://a9.com/-/spec/opensearchrss/1.0/}totalResults",
                     "{http://a9.com/-/spec/opensearch/1.1/}totalResults")
SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # the sitemaps protocol's limit on a sitemap, uncompressed


class DiscoveryError(ValueError):
    """A discovery document that cannot be read (not JSON, not a feed, wrong shape)."""


@dataclass(slots=True)
class Entry:
    url: str
    title: str | None = None
    html: str | None = None  # whole post body; None when the feed only has a summary
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    labels: list[str] = field(default_factory=list)
    source_publisher: str | None = None
    source_url: str | None = None
    # the addresses the feed gives for its authors (a Blogger profile, an avatar), space-separated:
    # what pipelines/operator_ids.py reads their accounts from (`author`)
    author_links: str | None = None


@dataclass(slots=True)
class FeedPage:
    entries: list[Entry]
    total: int | None = None
    next_url: str | None = None
    title: str | None = None
    format: str = "rss"  # "rss" (2.0 and 1.0), "atom" or "json-feed": the records' `via`
    # items or entries the document holds that a feed read in recover mode did not give as posts (a
    # broken byte or tag ended the tree, or an item's link, there): counted, not silently gone
    unread: int = 0

    def __post_init__(self) -> None:
        # (an item whose link does not parse, "http://[::1/x", is skipped, not the whole feed page)
        self.entries = usable(self.entries)
        if self.next_url is not None and not _parses(self.next_url):
            self.next_url = None


def _parses(url: str) -> bool:
    return url.startswith(("http://", "https://")) and url_parses(url)


_TAGS = r"(p|div|br|span|a|img|h[1-6]|ul|ol|li|figure|blockquote|strong|em|b|i|table|iframe)\b"
_TAG = re.compile(f"<{_TAGS}", re.I)
_ESCAPED_TAG = re.compile(f"&lt;/?{_TAGS}", re.I)


def unescaped_markup(body: str | None) -> str | None:
    """A feed body escaped twice (autoblog chains do it: "&amp;lt;p&amp;gt;" in the XML), whose HTML,
    read once, is text showing tags: escaped once more, so the post is not its markup's source. A
    body with a tag of its own (a post about HTML showing "&lt;p&gt;" in <code>) is left as it is."""
    if body and _ESCAPED_TAG.search(body) and not _TAG.search(body):
        return htmllib.unescape(body)
    return body


_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote)>|<br\s*/?>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
_ELLIPSIS_END = re.compile(r"(\[\s*(…|\.\.\.)\s*\]|…|\.\.\.)\s*$")
_MORE_LINK = re.compile(r"""<a\s[^>]*href=["']([^"']+)["'][^>]*>\s*(<[^>]+>\s*)*(continue reading|read more|more|leer más|"""
                        r"""seguir leyendo|leia mais|continuar lendo|lire la suite|weiterlesen|leggi tutto|"""
                        r"""continua a leggere|lees verder|baca selengkapnya|selengkapnya|đọc tiếp|devamını oku|"""
                        r"""czytaj dalej|читать далее)\b""", re.I)
TEASER_MAX_CHARS = 2000


WHOLE_DESCRIPTION_CHARS = 1500


def _whole_description(body: str | None) -> str | None:
    """An RSS item's <description> when it carries the whole post (Tumblr's, many static sites'): HTML
    of three paragraphs or more and 1,500 characters of text or more. A summary (WordPress's 55-word
    excerpt, Hugo's 70 words) is shorter; a long excerpt ending in "[…]" is a teaser (is_teaser)."""
    if not body or len(body) < WHOLE_DESCRIPTION_CHARS:
        return None
    body = unescaped_markup(body)
    if len(_BLOCK_END.findall(body)) < 3:
        return None
    return body if len(" ".join(_plain(body).split())) >= WHOLE_DESCRIPTION_CHARS else None


def _plain(body: str) -> str:
    """A feed body's text, a line for each block: enough to measure it, not the record's text."""
    return htmllib.unescape(_ANY_TAG.sub(" ", _BLOCK_END.sub("\n", body)))


def is_teaser(body: str, url: str) -> bool:
    """Whether a feed's body is the post's opening only, not the post: a short text whose last lines
    end in an ellipsis ("… [&hellip;]", "[...]"), or a body that links to its own post to "Continue
    reading". Its page is then fetched (a whole post taken for a teaser costs one request; a teaser
    taken for the post would be the record)."""
    own = url.split("#", 1)[0].rstrip("/")
    if own.rsplit("/", 1)[-1] in body:  # (cheap first: the body names its own post's address)
        for m in _MORE_LINK.finditer(body):
            if m.group(1).split("#", 1)[0].rstrip("/") == own:
                return True
    if not any(mark in body[-800:] for mark in ("…", "...", "hellip", "8230")):
        return False
    text = _plain(body)
    if len(text) > TEASER_MAX_CHARS:
        return False
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return any(_ELLIPSIS_END.search(line) for line in lines[-2:])


_TEXT_AFTER_TAG = re.compile(r"(?:^|>)\s*[^<\s&]")  # a letter at the start or right after a tag


def _has_text(body: str) -> bool:
    """Whether a feed body has any text: a quick look for a letter after a tag (a post's first words
    are found at once), else its whole text read (a body that opens with an entity: "&quot;…")."""
    return _TEXT_AFTER_TAG.search(body) is not None or bool(_plain(body).strip())


def usable(entries: list[Entry]) -> list[Entry]:
    """The entries whose post URL parses, each URL spelt as it is requested ("/café/" as
    "/caf%C3%A9/"): a post's record has one `url` whether a feed or a page fetch gave it; a body
    escaped twice is read as HTML; a teaser is no body (is_teaser), nor is one with no text at all (an
    image alone, an empty paragraph: a feed that leaves the text out)."""
    kept = []
    for entry in entries:
        if _parses(entry.url):
            entry.url = safe_url_string(entry.url)
            entry.html = unescaped_markup(entry.html)
            if entry.html and (is_teaser(entry.html, entry.url) or not _has_text(entry.html)):
                entry.html = None  # (a summary: the page holds the post)
            kept.append(entry)
    return kept


def _t(obj: object) -> str | None:
    value = obj.get("$t") if isinstance(obj, dict) else None
    return value if isinstance(value, str) else None


def _dicts(value: object) -> list[dict]:
    """The objects of a JSON list (a feed's entries, links, authors); nothing for any other value."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _href_of(links: object, rel: str) -> str | None:
    return next((lk["href"] for lk in _dicts(links) if lk.get("rel") == rel and isinstance(lk.get("href"), str)), None)


def parse_blogger_json(body: str | bytes) -> FeedPage:
    """Blogger /feeds/posts/default?alt=json (also accepts a JSONP wrapper); the body as text, or
    as the UTF-8 bytes JSON is sent in."""
    text = body.strip()
    brace, paren, semicolon, close = ("{", "(", ";", ")") if isinstance(text, str) else (b"{", b"(", b";", b")")
    try:
        if not text.startswith(brace) and paren in text:  # (a JSONP wrapper; without its ")", no JSON)
            text = text[text.index(paren) + 1: text.rstrip(semicolon).rindex(close)]
        feed = json.loads(text)["feed"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DiscoveryError(f"not a Blogger JSON feed: {exc}") from None
    if not isinstance(feed, dict):
        raise DiscoveryError("not a Blogger JSON feed: 'feed' is not an object")
    # (each value is read only if it has the type Blogger gives it: an entry of another shape is
    # skipped, a field of another type is left empty, never the feed page)
    entries = []
    for e in _dicts(feed.get("entry")):
        url = _href_of(e.get("link"), "alternate")
        if not url:
            continue
        entries.append(Entry(
            url=url, title=_t(e.get("title")), html=_t(e.get("content")), published=_t(e.get("published")),
            updated=_t(e.get("updated")),
            author=next((_t(a.get("name")) for a in _dicts(e.get("author"))), None),
            labels=[c["term"] for c in _dicts(e.get("category")) if isinstance(c.get("term"), str) and c["term"]],
            author_links=_links(*(_t(a.get("uri")) for a in _dicts(e.get("author"))))))
    total = _t(feed.get("openSearch$totalResults"))
    next_url = _href_of(feed.get("link"), "next")
    return FeedPage(entries, int(total) if total and total.isdigit() else None, next_url, _t(feed.get("title")))


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    value = "".join(el.itertext()).strip()
    return value or None


# PHP's warnings and notices that an outdated plugin or theme prints before a WordPress feed, sitemap
# or REST response ("<br />\n<b>Deprecated</b>:  Function create_function() is deprecated in
# <b>/home/x/wp-content/plugins/y.php</b> on line <b>12</b><br />", or as plain text), and the byte
# order marks that PHP files saved with one each print (two or more before the document, or one after
# a blank line): a feed reader reads on past them; the XML parser took the first of the messages'
# tags for the document, or found none past a second mark ("empty feed"), and JSON failed.
_PHP_MESSAGE = (rb"(?:<b>)?(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|Catchable fatal error)(?:</b>)?:"
                rb"[^\n]*?on line\s*(?:<b>)?\d+(?:</b>)?")
_BEFORE_DOCUMENT = re.compile(rb"(?:\xef\xbb\xbf|\s|<br\s*/?>)*(?:" + _PHP_MESSAGE + rb"(?:\xef\xbb\xbf|\s|<br\s*/?>)*)*", re.I)
_NOISE_START = re.compile(rb"[\s\xef\xbb\xbf]*(?:<br|<b>|PHP |Warning|Notice|Deprecated|Strict|Catchable|\xef\xbb\xbf)"
                         rb"|\s+<\?xml", re.I)
_BOM = b"\xef\xbb\xbf"


def without_leading_noise(body: bytes) -> bytes:
    """The body from its document's first byte, without the PHP messages and extra byte order marks
    printed before it (_BEFORE_DOCUMENT), and without the blank lines a theme or plugin printed before
    its XML declaration (which XML allows nowhere but at the very start: libxml2's recover mode then
    drops every "&amp;" and "&lt;", and an escaped post body loses its tags); the body itself when it
    starts with none (a look at its first bytes). One mark at the very start is the document's own,
    and stays."""
    if not _NOISE_START.match(body, 0, 64):
        return body
    m = _BEFORE_DOCUMENT.match(body)
    noise = body[:m.end()]
    if b":" in noise or noise.count(_BOM) > 1 or (_BOM in noise and not noise.startswith(_BOM)) \
            or (noise not in (b"", _BOM) and body.startswith(b"<?xml", m.end())):
        return body[m.end():]
    return body


# An "&" outside CDATA (left as it is): one that begins no character reference, as sloppy feeds write a
# link's query ("?a=1&b=2"), which XML's recovering parser reads as an unknown reference and drops
# ("?a=1=2"); and a reference to one of HTML's named characters ("&nbsp;", "&rsquo;", "&hellip;"),
# which XML does not define: libxml2's recover mode dropped the rest of the text after it, and an
# escaped post body lost all its tags after the first ("pThe quay … /p").
_AMP_OR_ENTITY = re.compile(rb"<!\[CDATA\[.*?\]\]>|&(?:([A-Za-z][\w.-]*);|#[0-9]+;|#[xX][0-9a-fA-F]+;)?", re.S)
_XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))


def _amp_or_entity(m: re.Match[bytes]) -> bytes:
    whole, name = m[0], m[1]
    if whole[:1] == b"<" or (whole != b"&" and name is None) or name in _XML_ENTITIES:
        return whole  # (CDATA, a numeric reference, one XML defines)
    if name is not None and (char := htmllib.entities.html5.get(name.decode("ascii", "replace") + ";")):
        return "".join(f"&#{ord(c)};" for c in char).encode()
    return b"&amp;" + whole[1:]  # (a bare "&", or a name HTML does not know either: kept as text)


# UTF-8's multi-byte sequences, and the bytes beyond ASCII
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _mostly_not_utf8(body: bytes) -> bool:
    """Whether fewer than half the bytes beyond ASCII of a document are in UTF-8's sequences."""
    beyond = len(body) - len(body.translate(None, _HIGH_BYTES))
    return 2 * sum(map(len, _UTF8_SEQUENCE.findall(body))) < beyond


def _as_utf8(body: bytes, rules_dirs: tuple[str, ...] = ()) -> bytes:
    """A document that says (or, saying nothing, is) UTF-8 but holds bytes that are not: each such byte
    read as Windows-1252, as a feed that pasted Latin-1 text into UTF-8 means it (libxml2's recover
    mode had replaced it and dropped every "&lt;" after it, so an escaped body lost its tags); or,
    when most of its letters beyond ASCII are not UTF-8, the whole read in the charset its bytes read
    best in (crawler.offline's guess_charset, as a page of no charset is): an old site's Windows-1251
    or EUC-KR feed served with neither declaration nor header charset had come out as "Ïàðîì".
    `rules_dirs`: the user's rules directories, whose charsets.toml tables that reading uses too."""
    declared = _DECLARED_ENCODING.match(body)
    if declared is not None and declared[1].lower().replace(b"-", b"").replace(b"_", b"") != b"utf8":
        return body
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    if _mostly_not_utf8(body):
        from crawler.offline import guess_charset

        return body.decode(guess_charset(body, rules_dirs), "replace").encode("utf-8")
    return body.decode("utf-8", "cp1252_bytes").encode("utf-8")


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", "replace"), exc.end


codecs.register_error("cp1252_bytes", _cp1252_bytes)
_DECLARED_ENCODING = re.compile(rb"""(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def in_utf8(body: bytes, encoding: str | None = None) -> bytes:
    """An XML document in a legacy encoding as UTF-8, its declaration saying so: in the encoding its
    declaration names, else `encoding`, its Content-Type header's (RFC 7303: a feed served as
    "charset=EUC-JP" with a bare "<?xml version='1.0'?>" had been read as UTF-8, each byte that is not
    UTF-8 as Windows-1252: its Japanese came out as "¹Á¤ο·¤"), read as the superset browsers read for
    the name (w3lib's resolve_encoding: a "gb2312" feed with GBK's characters had failed to parse in
    libxml2). A document whose bytes are UTF-8 is UTF-8 whatever it or its header says (a template's
    old declaration, a server's default charset), and one that starts with a byte order mark is left to it."""
    if body.startswith(_BOMS):
        return body
    declared = _DECLARED_ENCODING.match(body)
    name = declared[1].decode("ascii", "replace") if declared else encoding
    codec = name and (resolve_encoding(name) or (None if declared else name))
    if codec is None or codec == "utf-8":
        return body  # (bytes that are not: _as_utf8, once the strict parse has failed)
    try:
        text = body.decode("utf-8")
        if declared is None:
            return body  # (a header's charset that the bytes belie)
    except UnicodeDecodeError:
        try:
            text = body.decode(codec, "replace")
        except LookupError:
            return body
    return _DECLARED_NAME.sub(r"\g<1>UTF-8", text, count=1).encode("utf-8")


_DECLARED_NAME = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[\w.:-]+""")


def _xml_root(body: bytes, what: str, base: str | None = None, encoding: str | None = None,
              rules_dirs: tuple[str, ...] = ()) -> etree._Element:
    """_xml_document's root."""
    return _xml_document(body, what, base, encoding, rules_dirs)[0]


_ITEM_TAG = re.compile(rb"<(?:item|entry)[\s>]")


def _unread(body: bytes, read: int) -> int:
    """How many of a feed's items or entries (their tags in its bytes) a recovering parse did not give
    as posts (lost, or left without their link)."""
    return max(len(_ITEM_TAG.findall(body)) - read, 0)


def _xml_document(body: bytes, what: str, base: str | None = None, encoding: str | None = None,
                  rules_dirs: tuple[str, ...] = ()) -> tuple[etree._Element, bool]:
    """(root, whether it was read in recover mode): the document's root, past the PHP messages and extra byte order marks before it
    (without_leading_noise), as UTF-8 (in_utf8: a legacy encoding its declaration or its header's
    `encoding` names): parsed as XML, else (a document that is not well-formed, as many feeds
    are) with its bare "&"s escaped and HTML's named characters written as numbers (_AMP_OR_ENTITY),
    its surrogates' references read (surrogate_refs_read) and bytes that are not UTF-8 read as
    Windows-1252 (_as_utf8), strictly again and, failing that, in recover mode."""
    body = in_utf8(without_leading_noise(body), encoding)
    recovered = False
    try:
        root = etree.fromstring(body, _STRICT_XML_PARSER, base_url=base)
    except etree.XMLSyntaxError:
        if b"&" in body:
            body = _AMP_OR_ENTITY.sub(_amp_or_entity, body)
            body = surrogate_refs_read(body)
        body = _as_utf8(body, rules_dirs)
        try:
            root = etree.fromstring(body, _STRICT_XML_PARSER, base_url=base)
        except etree.XMLSyntaxError:
            try:
                root = etree.fromstring(body, _XML_PARSER, base_url=base)
                recovered = True
            except etree.XMLSyntaxError as exc:
                raise DiscoveryError(f"not XML: {exc}") from None
    if root is None:
        raise DiscoveryError(f"empty {what}")
    _plain_rss(root)
    return root, recovered


# RSS in a namespace of its own, read as the RSS it is: RSS 2.0 as Radio UserLand served it
# (xmlns="http://backend.userland.com/rss2", a Yandex news export's too) as plain RSS 2.0, and RSS
# 0.90 (RDF whose channel and items are in Netscape's namespace) as RSS 1.0
_RSS_NAMESPACES = {"{http://backend.userland.com/rss2}": "", "{http://backend.userland.com/rss}": "",
                   "{http://my.netscape.com/rdf/simple/0.9/}": RSS1}


def _plain_rss(root: etree._Element) -> None:
    """Renames, in place, the elements of a feed whose RSS is in a namespace of its own
    (_RSS_NAMESPACES) to those of the RSS it is; other documents are left as they are."""
    if root.tag == RDF:
        ns = next((c.tag[:c.tag.index("}") + 1] for c in root if isinstance(c.tag, str)
                   and c.tag[:c.tag.find("}") + 1] in _RSS_NAMESPACES), None)
    else:
        ns = root.tag[:-len("rss")] if root.tag.endswith("}rss") else None
    if ns not in _RSS_NAMESPACES:
        return
    plain = _RSS_NAMESPACES[ns]
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith(ns):
            el.tag = plain + el.tag[len(ns):]


def _local(tag: str) -> str:
    """A tag's local name, "{namespace}loc" or "loc"; also of the "image:loc" that a document with an
    undeclared prefix leaves, read in recover mode (etree.QName raises on that one)."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _href(el: etree._Element, href: str) -> str:
    """href read against the element's base: the feed's URL, and any xml:base on the way down ('' for
    one that does not parse)."""
    return joined(el.base or "", href) or ""


def _atom_html(content: etree._Element | None) -> str | None:
    """An Atom entry's whole body as HTML: escaped HTML (type html / text/html), inline XHTML (one
    xhtml:div whose inside is the body), or Atom 0.3's base64'd HTML. Plain text, out-of-line (src=)
    or other media types: None."""
    if content is None or content.get("src"):
        return None
    kind = (content.get("type") or "text").lower()
    if content.get("mode", "").lower() == "base64" and "html" in kind:  # (Atom 0.3)
        try:
            text = base64.b64decode(content.text or "").decode("utf-8", "replace")
        except ValueError:
            return None
        return text if text.strip() else None
    if kind in ("html", "text/html"):
        return content.text if content.text and content.text.strip() else None
    if kind not in ("xhtml", "application/xhtml+xml"):
        return None
    div = next((child for child in content if isinstance(child.tag, str)), None)
    if div is None:
        return None
    div = copy.deepcopy(div)
    for el in div.iter():
        if isinstance(el.tag, str):
            el.tag = _local(el.tag)
    etree.cleanup_namespaces(div)
    inner = (htmllib.escape(div.text) if div.text else "") + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in div)
    return inner if inner.strip() else None


def _rss_link(item: etree._Element, ns: str = "") -> str | None:
    """An item's permalink: <link>, else a <guid> that is one (isPermaLink is true unless said false)."""
    link = item.find(f"{ns}link")
    if link is not None and _text(link):
        return _href(link, _text(link) or "")
    guid = item.find("guid")
    value = _text(guid)
    if guid is not None and value and guid.get("isPermaLink", "true").lower() != "false" \
            and value.startswith(("http://", "https://")):
        return _href(guid, value)
    return None


def _atom_link(el: etree._Element, *rels: str, ns: str = ATOM) -> str | None:
    """An Atom element's own link (not one of its <source>'s) of the first of rels that it has (an
    alternate: a web page, before another medium's), read against xml:base; for an entry with no such
    link, an id that is a web address (WordPress's "https://site/?p=12")."""
    links = [lk for lk in el.findall(f"{ns}link") if lk.get("href")]
    for rel in rels or ("alternate",):
        found = [lk for lk in links if lk.get("rel", "alternate") == rel]
        best = next((lk for lk in found if "html" in (lk.get("type") or "html")), found[0] if found else None)
        if best is not None:
            return _href(best, best.get("href", ""))
    if rels:
        return None
    ident = _text(el.find(f"{ns}id"))
    return ident if ident and ident.startswith(("http://", "https://")) else None


def _links(*links: object) -> str | None:
    """An entry's author addresses as Entry.author_links holds them (strings only, no spaces inside)."""
    return " ".join(link for link in links if isinstance(link, str) and link and " " not in link) or None


def _atom_author_links(el: etree._Element | None, ns: str = ATOM) -> str | None:
    return _links(*(_text(a.find(f"{ns}uri")) for a in el.findall(f"{ns}author"))) if el is not None else None


def _atom_authors(el: etree._Element, ns: str = ATOM) -> str | None:
    """The names of an Atom entry's (or feed's, or source's) authors, "; " between several."""
    names = [n for n in (_text(a.find(f"{ns}name")) for a in el.findall(f"{ns}author")) if n]
    return "; ".join(names) or None


def parse_xml_feed(body: bytes, base: str, encoding: str | None = None, rules_dirs: tuple[str, ...] = ()) -> FeedPage:
    """Atom (1.0 or 0.3), RSS 2.0 or RSS 1.0 (RDF); `html` is set only when the feed carries whole posts (Atom
    content, content:encoded, an RSS description or Atom summary that holds a whole post:
    _whole_description). Links are read against the feed's URL and any xml:base. An Atom entry
    without authors has its <source>'s, else the feed's (RFC 4287); its <source> (the feed it was
    copied from) gives the publisher and source URL, as an RSS item's <source url=> does."""
    root, recovered = _xml_document(body, "feed", base, encoding, rules_dirs)
    if root.tag in (f"{ATOM}feed", f"{ATOM03}feed"):
        ns = root.tag[:-len("feed")]
        # (Atom 0.3 dates its entries "issued" and "modified", and may send content base64'd)
        published, updated = ("published", "updated") if ns == ATOM else ("issued", "modified")
        entries = []
        feed_authors = _atom_authors(root, ns)
        for e in root.iter(f"{ns}entry"):
            url = _text(e.find(FEEDBURNER_ORIG)) or _atom_link(e, ns=ns)
            if not url:
                continue
            source = e.find(f"{ns}source")
            entries.append(Entry(
                url=url, title=_text(e.find(f"{ns}title")),
                html=_atom_html(e.find(f"{ns}content")) or _whole_description(_atom_html(e.find(f"{ns}summary"))),
                published=_text(e.find(f"{ns}{published}")) or (_text(e.find(f"{ns}created")) if ns == ATOM03 else None),
                updated=_text(e.find(f"{ns}{updated}")),
                author=_atom_authors(e, ns) or (_atom_authors(source, ns) if source is not None else None) or feed_authors,
                labels=[c.get("term") for c in e.findall(f"{ns}category") if c.get("term")],
                source_publisher=_text(source.find(f"{ns}title")) if source is not None else None,
                source_url=_atom_link(source, "alternate", "self", ns=ns) if source is not None else None,
                # (a copied entry's <source> authors are the original's, not this blog's)
                author_links=_atom_author_links(e, ns) or (_atom_author_links(root, ns) if not e.findall(f"{ns}author")
                                                           and source is None else None)))
        total = next((t for t in (_text(root.find(name)) for name in OPENSEARCH_TOTALS) if t), None)
        next_link = next((lk for lk in root.findall(f"{ns}link") if lk.get("rel") == "next" and lk.get("href")), None)
        return FeedPage(entries, int(total) if total and total.isdigit() else None,
                        _href(next_link, next_link.get("href", "")) if next_link is not None else None,
                        _text(root.find(f"{ns}title")), "atom",
                        _unread(body, len(entries)) if recovered else 0)
    if root.tag == RDF:  # RSS 1.0: items are siblings of the channel, in the RSS 1.0 namespace
        entries = []
        for item in root.iter(f"{RSS1}item"):
            link = _rss_link(item, RSS1) or (item.get(RDF_ABOUT) or "").strip()
            if not link.startswith(("http://", "https://")):
                continue
            entries.append(Entry(
                url=link, title=_text(item.find(f"{RSS1}title")) or _text(item.find(DC_TITLE)), html=_text(item.find(CONTENT)),
                published=_text(item.find(DC_DATE)), author=_text(item.find(DC_CREATOR)),
                labels=[c for c in (_text(x) for x in item.findall(DC_SUBJECT)) if c]))
        return FeedPage(entries, None, None, _text(root.find(f"{RSS1}channel/{RSS1}title")), "rss",
                        _unread(body, len(entries)) if recovered else 0)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise DiscoveryError(f"not a feed: <{root.tag}>")
    entries = []
    # (an RSS 0.91 feed may close its channel before its items: they are the root's then)
    for item in list(channel.iter("item")) or root.findall("item"):
        link = _text(item.find(FEEDBURNER_ORIG)) or _rss_link(item)
        if not link:
            continue
        source = item.find("source")
        entries.append(Entry(
            url=link, title=_text(item.find("title")) or _text(item.find(DC_TITLE)) or _text(item.find(MEDIA_TITLE)),
            html=_text(item.find(CONTENT)) or _whole_description(_text(item.find("description"))),
            published=_text(item.find("pubDate")) or _text(item.find(DC_DATE)),
            author=_text(item.find(DC_CREATOR)) or _text(item.find("author"))
            or next((a for a in map(_text, map(item.find, ITUNES_AUTHORS)) if a), None),
            labels=[c for c in (_text(x) for x in item.findall("category")) if c],
            source_publisher=_text(source), source_url=source.get("url") if source is not None else None))
    return FeedPage(entries, None, None, _text(channel.find("title")), "rss",
                    _unread(body, len(entries)) if recovered else 0)


# a JSON Feed's version: the spec's address ("https://jsonfeed.org/version/1.1"), also as generators
# write it with http:// or www., or as the bare number ("1", "1.0", "1.1")
_JSON_FEED_VERSION = re.compile(r"(?:https?://(?:www\.)?jsonfeed\.org/version/)?1(?:\.[01])?/?", re.I)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _text_as_html(text: str | None) -> str | None:
    """A JSON Feed item's content_text as HTML: a paragraph for each run of lines, a <br> between lines."""
    if not text:
        return None
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return "".join("<p>" + "<br>".join(htmllib.escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs) or None


def parse_json_feed(body: str | bytes, base: str) -> FeedPage:
    """A JSON Feed (jsonfeed.org, versions 1 and 1.1): a static site's or a micro-blog's feed, which its
    pages name as type application/feed+json. An item's `content_html` (else its `content_text`) is
    the whole post; its `summary` alone is not. Its `external_url` (a link post's subject) is the
    source; authors are 1.1's `authors` or 1's `author`; `next_url` pages it. Links are read against
    the feed's URL."""
    try:
        feed = json.loads(body)
    except ValueError as exc:
        raise DiscoveryError(f"not JSON: {exc}") from None
    if not isinstance(feed, dict) or not isinstance(feed.get("version"), str | int | float) \
            or not _JSON_FEED_VERSION.fullmatch(str(feed["version"]).strip()):
        raise DiscoveryError("not a JSON Feed: no jsonfeed.org version")
    if not isinstance(feed.get("items"), list):
        raise DiscoveryError("not a JSON Feed: 'items' is not a list")
    # (each field is read only if it has the type the spec gives it: an item of another shape is
    # skipped, a field of another type is left empty, never the feed page)
    feed_authors = _json_feed_authors(feed)
    entries = []
    for item in _dicts(feed["items"]):
        ident = _str(item.get("id"))  # (an item's id is its address only when it is a whole one)
        url = joined(base, _str(item.get("url")) or (ident if ident and ident.startswith(("http://", "https://")) else None))
        if not url:
            continue
        tags = item.get("tags")
        external = joined(base, _str(item.get("external_url")))
        entries.append(Entry(
            url=url, title=_str(item.get("title")),
            html=_str(item.get("content_html")) or _text_as_html(_str(item.get("content_text"))),
            published=_str(item.get("date_published")), updated=_str(item.get("date_modified")),
            author=_json_feed_authors(item) or feed_authors,
            labels=[t for t in tags if isinstance(t, str) and t.strip()] if isinstance(tags, list) else [],
            source_url=external if external != url else None,
            author_links=_json_feed_author_links(item) or _json_feed_author_links(feed)))
    next_url = joined(base, _str(feed.get("next_url")))
    return FeedPage(entries, None, next_url, _str(feed.get("title")), "json-feed")


def _json_feed_authors(obj: dict) -> str | None:
    """The names of an item's (or the feed's) authors: version 1.1's `authors` list, else 1's `author`."""
    names = [a["name"].strip() for a in _dicts(obj.get("authors")) if _str(a.get("name"))]
    if not names and isinstance(obj.get("author"), dict) and _str(obj["author"].get("name")):
        names = [obj["author"]["name"].strip()]
    return "; ".join(names) or None


def _json_feed_author_links(obj: dict) -> str | None:
    authors = _dicts(obj.get("authors")) or _dicts([obj.get("author")])
    return _links(*(a.get(key) for a in authors for key in ("url", "avatar")))


def parse_feed(body: bytes, base: str, encoding: str | None = None, rules_dirs: tuple[str, ...] = ()) -> FeedPage:
    """A site's feed in whichever form it came: a JSON Feed (its body an object), else Atom or RSS
    (`encoding`: the one its Content-Type header names, as w3lib's http_content_type_encoding reads it;
    `rules_dirs`: the user's rules directories, for a feed of no declared charset: _as_utf8)."""
    document = without_leading_noise(body)
    if document[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return parse_json_feed(document, base)
    return parse_xml_feed(body, base, encoding, rules_dirs)


def parse_wp_posts(body: str | bytes) -> list[Entry]:
    """WordPress /wp-json/wp/v2/posts (with or without _embed); the body as text or UTF-8 bytes."""
    try:
        posts = json.loads(body)
    except ValueError as exc:  # (PHP's messages or byte order marks before it, or a mark in a str)
        try:
            posts = json.loads(without_leading_noise(body if isinstance(body, bytes) else body.encode("utf-8")))
        except ValueError:
            raise DiscoveryError(f"not JSON: {exc}") from None
    if not isinstance(posts, list):
        raise DiscoveryError("WordPress posts response is not a list")
    # (each field is read only if it has the type WordPress gives it: a plugin's broken post, a title
    # that is a list, content that is false, skips that field or that post, never the feed page)
    entries = []
    for p in posts:
        if not isinstance(p, dict) or not isinstance(p.get("link"), str) or not p["link"]:
            continue
        embedded = p.get("_embedded") if isinstance(p.get("_embedded"), dict) else {}
        authors = embedded.get("author") if isinstance(embedded.get("author"), list) else []
        author = next((a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)), None)
        avatars = [a["avatar_urls"] for a in authors if isinstance(a, dict) and isinstance(a.get("avatar_urls"), dict)]
        groups = embedded.get("wp:term") if isinstance(embedded.get("wp:term"), list) else []
        terms = [t["name"] for group in groups if isinstance(group, list) for t in group
                 if isinstance(t, dict) and isinstance(t.get("name"), str) and t["name"]]
        title = _rendered(p.get("title"))
        entries.append(Entry(
            url=p["link"], title=htmllib.unescape(title) if title else None, html=_rendered(p.get("content")),
            published=_wp_date(p, "date"), updated=_wp_date(p, "modified"), author=author, labels=terms,
            author_links=_links(*(next(iter(sizes.values()), None) for sizes in avatars))))
    return usable(entries)


def _rendered(field: object) -> str | None:
    value = field.get("rendered") if isinstance(field, dict) else None
    return value if isinstance(value, str) and value else None


def _wp_date(post: dict, name: str) -> str | None:
    """A post's date in UTC (`date_gmt`, which WordPress writes without an offset), else its local one."""
    gmt, local = post.get(f"{name}_gmt"), post.get(name)
    if isinstance(gmt, str) and gmt:
        return gmt if gmt.endswith("Z") else gmt + "Z"
    return local if isinstance(local, str) and local else None


def _gunzip(body: bytes) -> bytes:
    """A gzipped sitemap's bytes (sitemap.xml.gz is served as a file, not decoded by HTTP),
    refusing more than the protocol allows."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
            data = fh.read(SITEMAP_MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise DiscoveryError(f"bad gzip: {exc}") from None
    if len(data) > SITEMAP_MAX_BYTES:
        raise DiscoveryError("gzipped sitemap over 50 MB uncompressed")
    return data


# a sitemap's page: its URL, lastmod, and the date it was published (None when not given)
Listed = tuple[str, str | None, str | None]


def _text_sitemap(body: bytes, base: str) -> list[Listed]:
    """A sitemap in the protocol's text form: one absolute URL a line."""
    lines = [line.strip() for line in body.decode("utf-8", "replace").splitlines()]
    urls = [line for line in lines if line]
    if not urls or not all(u.startswith(("http://", "https://")) and " " not in u for u in urls):
        raise DiscoveryError("not a sitemap (neither XML nor one URL a line)")
    return [(u, None, None) for u in (joined(base, u) for u in urls) if u is not None]


def parse_sitemap(body: bytes, base: str, encoding: str | None = None,
                  rules_dirs: tuple[str, ...] = ()) -> tuple[list[tuple[str, str | None]], list[Listed]]:
    """([(child sitemap, lastmod)], [(page url, lastmod, published)]) of a sitemap index or urlset,
    gzipped or not, of a text sitemap, or of an RSS or Atom feed given as a sitemap. A page's
    published date is a Google News sitemap's <news:publication_date>, or a feed's item date."""
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
    body = without_leading_noise(body)
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"{":  # a JSON Feed given as a sitemap: its posts' pages
        return [], [(e.url, None, e.published) for e in parse_json_feed(body, base).entries]
    if start and start != b"<":
        return [], _text_sitemap(body, base)
    root = _xml_root(body, "sitemap", encoding=encoding, rules_dirs=rules_dirs)
    if root.tag in ("rss", f"{ATOM}feed", f"{ATOM03}feed", RDF):
        # a feed given as a sitemap (robots.txt's "Sitemap: /feed", which search engines accept):
        # its posts' pages
        return [], [(e.url, None, e.published) for e in parse_xml_feed(body, base, encoding, rules_dirs).entries
                    if url_parses(e.url)]
    children, pages = [], []
    for el in root.iter():
        if not isinstance(el.tag, str) or _local(el.tag) not in ("sitemap", "url"):
            continue
        loc = lastmod = published = None
        for child in el:
            name = _local(child.tag) if isinstance(child.tag, str) else ""
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip() or None
            elif name == "news":  # (a Google News sitemap's <news:news>: its publication_date)
                for sub in child:
                    if isinstance(sub.tag, str) and _local(sub.tag) == "publication_date":
                        published = (sub.text or "").strip() or None
        url = joined(base, loc) if loc else None  # (a <loc> that does not parse is skipped)
        if not url:
            continue
        if _local(el.tag) == "sitemap":
            children.append((url, lastmod))
        else:
            pages.append((url, lastmod, published))
    return children, pages


# a robots.txt line naming a sitemap, as Google's parser reads one: any case, white space around the
# colon and the line, a comment after it; a byte order mark before the first line
_ROBOTS_SITEMAP = re.compile(r"^[\ufeff \t]*sitemap[ \t]*:[ \t]*([^\s#]+)", re.I | re.M)


def robots_sitemaps(body: str) -> list[str]:
    return [url for url in _ROBOTS_SITEMAP.findall(body) if url_parses(url)]
