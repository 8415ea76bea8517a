"""Titles and provenance: strip publisher / blog-name affixes from titles, assemble `source`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.cleaning import TITLE_AFFIX_SEPS, Harvest
from pipelines.rules import RuleSet, fold

# A publisher name: 1-6 words, starting with a capital or digit, no sentence punctuation at the end.
_PUBLISHER_SHAPE = re.compile(r"[A-Z0-9][\w.&'’/()-]*( [\w.&'’/()-]+){0,5}")
# A site's address as a publisher's name ("Reuters.com", "VIVA.co.id", "news.com.au"): a name with a
# dot and a country or generic domain after it, no spaces.
_SITE_ADDRESS = re.compile(r"[A-Za-z0-9][\w-]*(\.[\w-]+)*\.(com|net|org|info|news|co|id|in|uk|au|ca|de|fr|es|it|br|"
                           r"mx|ar|cl|pe|ru|ua|pl|nl|be|ch|at|se|no|dk|fi|pt|gr|tr|jp|kr|cn|tw|hk|sg|my|ph|vn|th|pk|"
                           r"bd|lk|np|ng|za|ke|gh|eg|ae|sa|qa|ie|nz|us|tv)", re.I)
_CLAUSE = re.compile(r",\s|[!?]$|^(?-i:[a-zà-öø-ÿ][a-zà-öø-ÿ'’-]*)(\s+\S+){2}")
_AUTOBLOG_TOOLS = frozenset({"google-news", "fivefilters", "ifttt", "wpematico", "feedwordpress",
                             "wp-rss-aggregator", "feedzy", "feedburner", "wp-automatic",
                             "newsapi"})


_SUFFIX_SEPS = tuple(sorted(TITLE_AFFIX_SEPS, key=len, reverse=True))
_PREFIX_SEPS = (*_SUFFIX_SEPS, ": ")


def _aligned(title: str) -> tuple[str, str]:
    """The title with its spaces made single and zero-width characters dropped, and its folded form,
    character for character the same length: affixes are found in the folded form and cut from the
    title as written, which keeps its curly quotes, dashes and guillemets."""
    t = " ".join(title.replace("\u200b", "").replace("\ufeff", "").split())
    folded = fold(t)
    return (t, folded) if len(folded) == len(t) else (folded, folded)


# What a <title> adds that is neither the headline nor the site: a listing's page number ("Headline |
# Page 2 | Site") and old WordPress themes' "Site » Blog Archive » Headline"
_PAGE_AFFIX = re.compile(r"\s+[|:\u2013\u2014-]\s+(?:page|página|pagina|seite|halaman|strona|trang|sayfa|страница)"
                         r"\s+\d+(?=\s+[|:\u2013\u2014-]\s+|$)", re.I)
_BLOG_ARCHIVE = re.compile(r"^blog archive\s+[»>|]\s+", re.I)
# A hosted platform's name after the rest ("Headline | Medium", "Headline | Tumblr"), and the writer's
# byline its <title> puts after the headline, with the publication after that ("Headline | by Jane Roe |
# Harbour Weekly | Medium", Substack's "Headline - by Jane Roe - The Harbour Letter"): a lower-case
# "by" and a capitalised name, so a headline's "- By The Numbers" stays
_HOSTED_AFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+(?:medium|substack|tumblr|livejournal)$", re.I)
_BY_AFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+by\s+[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}"
                       r"(?:\s+[|\u2013\u2014-]\s+[^|\u2013\u2014]{1,60})?$")


def strip_blog_affix(title: str, blog_name: str | None, labels: tuple[str, ...] | list[str] = ()) -> str:
    """'Blog: Post' (classic Blogger <title>), 'Post | Blog', 'Post - Blog' -> 'Post'; also 'Post -
    Blog - the blog's tagline', 'Post | Section | Blog' when Section is one of the post's labels, and a
    hosted platform's 'Post | by Writer | Publication | Medium'."""
    title = _BY_AFFIX.sub("", _HOSTED_AFFIX.sub("", _PAGE_AFFIX.sub("", title)))
    if not blog_name:
        return title
    name = fold(blog_name).lower()
    t, folded = _aligned(title)
    low = folded.lower()
    for sep in _PREFIX_SEPS:
        if low.startswith(name + sep) and len(t) > len(name) + len(sep):
            return _BLOG_ARCHIVE.sub("", t[len(name) + len(sep):].strip())
    for sep in _SUFFIX_SEPS:  # (the longest first: "Post :: Blog" is not "Post :" + ": Blog")
        if low.endswith(sep + name) and len(t) > len(name) + len(sep):
            return _without_label(t[: -(len(name) + len(sep))].strip(), labels)
    for sep in _SUFFIX_SEPS:
        # the blog's name with its tagline after it ("Post - Blog - Local news for the bay")
        at = low.rfind(sep + name + sep)
        if at > 0 and len(low[at + len(sep + name + sep):].split()) <= _TAGLINE_WORDS:
            return _without_label(t[:at].strip(), labels)
    return t


_TAGLINE_WORDS = 12


def _without_label(title: str, labels: tuple[str, ...] | list[str]) -> str:
    """A headline freed of the blog's name, without the section a <title> named before it ("Post |
    Ports" when the post is filed under Ports)."""
    t, folded = _aligned(title)
    low = folded.lower()
    for label in labels:
        key = fold(label).lower().strip()
        for sep in _SUFFIX_SEPS if key else ():
            if low.endswith(sep + key) and len(low) > len(sep + key):
                return t[: -len(sep + key)].strip()
    return title


def split_publisher(title: str, rules: RuleSet, *, hints: list[str], google_news: bool,
                    autoblog: bool, own_host: str | None = None) -> tuple[str, str | None]:
    """'Headline - Publisher' -> ('Headline', 'Publisher') when the suffix really is a publisher.

    The last ' - X' is a publisher when X is a known publisher or a news site's address
    ("Reuters.com": not the blog's own, `own_host`), was named by the residue (the IFTTT title line,
    the feed's <source>), the post came through Google News (whose titles always carry it), or the
    post shows other autoblog tools and X has the shape of a name.
    """
    t, folded = _aligned(title)
    head, sep, tail = folded.rpartition(" - ")
    if not sep or not head.strip() or not tail.strip():
        return t, None
    low = tail.strip().lower()
    known = (low in rules.publishers or any(low == fold(h).lower() for h in hints)
             or (_SITE_ADDRESS.fullmatch(tail.strip()) is not None and not _is_own_host(low.strip(), own_host)))
    shaped = _PUBLISHER_SHAPE.fullmatch(tail.strip()) is not None and not tail.endswith((".", "!", "?"))
    # (a Google News title's suffix is a publisher's name in any script; a headline's own second half
    # is a clause: "Internetrecht, 5. Auflage 2014", "it's for sale!", "das Must-have für den Sommer"
    # (three words or more after a small letter: "heise online" is a name), on a post whose title
    # the splog had already freed of the suffix)
    clause = _CLAUSE.search(tail.strip()) is not None
    if known or (google_news and len(tail) <= 80 and not clause) or (autoblog and shaped):
        return t[:len(head)].strip(), t[len(head) + len(sep):].strip()
    return t, None


def _is_own_host(address: str, own_host: str | None) -> bool:
    """Whether a site's address is the blog's own host (or a part of it: "harbour.example" of
    "www.harbour.example", "blog.harbour.example")."""
    if not own_host:
        return False
    host, address = own_host.lower().removeprefix("www."), address.removeprefix("www.")
    return host == address or host.endswith("." + address)


@dataclass(slots=True)
class TitleResult:
    title: str | None
    publisher: str | None


def resolve_title(raw_title: str | None, harvest: Harvest, rules: RuleSet, *, blog_name: str | None,
                  source_hint: str | None = None, blog_host: str | None = None,
                  labels: tuple[str, ...] | list[str] = ()) -> TitleResult:
    """Clean headline plus the publisher it (or the residue) names (`labels`: the post's, a section
    a <title> may name between the headline and the blog)."""
    hints = [h for h in [source_hint, *harvest.publishers] if h]
    tools = set(harvest.tools)
    if raw_title is None:
        return TitleResult(None, hints[0] if hints else None)
    title = strip_blog_affix(raw_title, blog_name, labels)
    title, publisher = split_publisher(title, rules, hints=hints, google_news="google-news" in tools,
                                       autoblog=bool(tools & _AUTOBLOG_TOOLS), own_host=blog_host)
    if publisher:  # ("Headline - Blog - Reuters": the blog's name before the publisher's)
        title = strip_blog_affix(title, blog_name)
    if publisher and hints and publisher.lower() not in rules.publishers and \
            all(fold(publisher).lower() != fold(h).lower() for h in hints):
        # a suffix taken for its shape ("Headline – Some Name" on a post that came through Google News)
        # may be the splog's own name; a name the residue spells out ("Source: <a>X</a>") is surer
        publisher = hints[0]
    return TitleResult(title or None, publisher or (hints[0] if hints else None))


# A copied story's dateline: "LONDON, Feb 17 (Reuters) - …", "WASHINGTON (AP) — …", "JAKARTA, KOMPAS.com - …"
# (and "Liputan6.com, Jakarta - …", the publisher first); a press release's, which names the wire:
# "NEW YORK, Nov. 20, 2026 /PRNewswire/ -- …", "SAN FRANCISCO--(BUSINESS WIRE)--…"
_DATELINE = re.compile(r"(?:[^()]{0,80}?\((?P<a>[^()]{2,40})\)(?=\s*-+\s|\s*--)|[A-Z][A-Za-z .'/-]{1,40},\s*(?P<b>[^,()]{2,40}?)"
                       r"|(?P<c>[A-Za-z][\w-]{1,30}\.[a-z]{2,3}(?:\.[a-z]{2})?),\s*[A-Z][\w .'-]{1,30}?"
                       r"|[^/()]{0,80}?/(?P<d>[A-Za-z][\w -]{1,30})/(?=\s*-+\s))\s*-+\s*")


def dateline_publisher(text: str, rules: RuleSet) -> str | None:
    """The agency or paper the text's dateline names, when it is a known publisher (a name in a
    dateline that the publisher list does not hold may be a place or a person: not taken). The
    dateline opens one of the first lines (a photo's caption may come before it)."""
    for line in text[:1500].split("\n", 3)[:3]:
        m = _DATELINE.match(fold(line[:200]))
        if m:
            name = (m.group("a") or m.group("b") or m.group("c") or m.group("d")).strip()
            if name.lower() in rules.publishers:
                return name
    return None


# Where a credit line's name ends: "Al Jazeera and news agencies", "Reuters, AP", "Dagblad; foto: …"
_CREDIT_NAME_END = re.compile(r"\s*(?:[,;/|]|\s(?:and|with|y|e|et|und|en|i|dan|ve|и|và)\s)")


def _name_like(name: str) -> bool:
    """A name of one to six words that starts with a capital or a digit in any script, or with a letter
    of a script without capitals (दैनिक जनवाणी), with no sentence's punctuation: "Gazeta X",
    "Северогорские вести", "Kompas.com"; not "company filings"."""
    if not name or len(name) > 60 or len(name.split()) > 6 or re.search(r"[!?。！？।]|\.(\s|$)", name):
        return False
    first = name[0]
    return first.isdigit() or first.isupper() or (first.isalpha() and first.upper() == first.lower())


def credit_line_publisher(text: str, rules: RuleSet, own: tuple[str | None, ...] = ()) -> str | None:
    """The publisher a plain credit on one of the text's last two lines names ("Source: Gazeta X",
    "Bron: Het Dagblad"), when it has the shape of a name (or is a known publisher written in lower
    case, "Quelle: dpa") and is not the blog's own nor a service that writes no news ("Source: Google News")."""
    if rules.credit_line is None:
        return None
    mine = {fold(x).lower() for x in own if x}
    for line in text[-600:].rstrip().rsplit("\n", 2)[-2:][::-1]:
        m = rules.credit_line.fullmatch(fold(line))
        if m:
            name = _CREDIT_NAME_END.split(m.group("publisher"), maxsplit=1)[0].strip(" .")
            if (_name_like(name) or name.lower() in rules.publishers) and name.lower() not in mine \
                    and not is_aggregator(name, rules.aggregators):
                return name
    return None


_CUT_OFF = re.compile(r"(\[\s*(…|\.\.\.)\s*\]|\(\s*(…|\.\.\.)\s*\)|…|\.\.\.)[\"'”’»)]*$")


def ends_cut_off(text: str, rules: RuleSet) -> bool:
    """Whether the text's last line ends cut off ("…", "[…]", as feeds and autoblog tools shorten a
    story), or the line above a plain credit that stays in the text ("Source: X", the `[credit_line]`
    credit_line_publisher reads): the text is a teaser, when the page is a copy."""
    lines = text.rstrip().rsplit("\n", 2)[::-1]
    if len(lines) > 1 and rules.credit_line is not None and rules.credit_line.fullmatch(fold(lines[0])):
        lines = lines[1:]
    return _CUT_OFF.search(lines[0]) is not None


_FEED_TITLE_SEPS = re.compile(r"\s*(?::|\s-|\s>|\s\||\s\u00bb|\s\u203a)\s")


def feed_title_publisher(feed_titles: list[str], rules: RuleSet) -> str | None:
    """A known publisher that a news feed's title opens with ("Reuters: World News", "BBC News -
    Business", "NYT > World"): the publisher of what came through that feed."""
    for title in feed_titles:
        head = _FEED_TITLE_SEPS.split(fold(title), maxsplit=1)[0].strip()
        if head and head.lower() in rules.publishers:
            return head
    return None


def is_aggregator(name: str, aggregators: frozenset[str]) -> bool:
    """Whether a name is one of the services that pass news along and write none (publishers.toml's
    [aggregators], folded and lower-cased as they are loaded)."""
    return fold(name).strip().lower() in aggregators


def foreign_publishers(harvest: Harvest, blog_name: str | None, blog_host: str | None,
                       aggregators: frozenset[str] = frozenset()) -> list[str]:
    """Publishers named by residue, minus the splog itself ('appeared first on <the splog>') and the
    services that only pass news along ('via Google News')."""
    own = {fold(x).lower() for x in (blog_name, blog_host) if x}
    return [p for p in harvest.publishers if fold(p).strip().lower() not in own and not is_aggregator(p, aggregators)]


def order_chain(tools: list[str], rules: RuleSet) -> list[str]:
    """Tools in upstream-to-downstream order as the rules data declares it; unknown tools last."""
    rank = {name: i for i, name in enumerate(rules.chain_order)}
    return sorted(dict.fromkeys(tools), key=lambda t: (rank.get(t, len(rank)), tools.index(t)))
