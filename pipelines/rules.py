"""Load splog signature rules from TOML data files (package rules + user rule directories)."""

from __future__ import annotations

import codecs
import re
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pipelines.confusables import Confusables, ConfusablesError
from pipelines.operator_ids import IdRule, IdRuleError, parse_platform, with_platform
from pipelines.operator_ids import parse as parse_id_rules
from pipelines.normalize import ascii_host
from pipelines.patterncache import compiled, facts_of, save as save_compiled
from pipelines.patternfacts import NO_FACTS, UNBOUNDED, Facts, may_open, may_start
from pipelines.patternfacts import caseless as caseless_text

# Read through importlib.resources so the rules load from a zipped egg too (scrapyd deployments).
BUILTIN_DIR = resources.files("pipelines") / "rules"

_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2012": "-",
    "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
})
_FOLDED = {chr(code): to for code, to in _FOLD.items()}
_TO_FOLD = re.compile("[" + "".join(_FOLDED) + "]")


# months.toml's [solar_hijri_months] are kept in the months dict as this plus their number (1..12),
# its [hijri_months] (the lunar calendar's) as HIJRI plus theirs
SOLAR_HIJRI = 100
HIJRI = 200


class Months(dict[str, int]):
    """The names a written date uses (months.toml): a month's name or form, folded and in lower case
    -> 1..12 (SOLAR_HIJRI + 1..12 for a month of the Solar Hijri calendar, HIJRI + 1..12 for one of the
    Hijri calendar); and `eras`, an era's name
    -> the Gregorian year that was its first ("令和" -> 2019: "令和8年" is 2026)."""

    def __init__(self) -> None:
        super().__init__()
        self.eras: dict[str, int] = {}


def fold(text: str) -> str:
    """Fold curly quotes, dashes and odd spaces, collapse whitespace, strip: the form rules match.

    The same as text.translate(_FOLD) with whitespace runs replaced by one space, 6-8x faster: every
    character to fold is outside ASCII, and str.split() splits at the characters the regex class
    for whitespace matches (tested for each of them)."""
    if not text.isascii():
        text = _TO_FOLD.sub(lambda m: _FOLDED[m.group()], text)
    return " ".join(text.split())


@lru_cache(maxsize=16384)
def url_host(url: str) -> str:
    """The lower-cased host of a URL, '' when it has none or cannot be parsed (cached: a site's
    menus and sidebars repeat the same links on every page); an internationalized name in its ASCII
    form, as requests go out ("bücher.example" is "xn--bcher-kva.example")."""
    from urllib.parse import urlsplit

    try:
        return ascii_host((urlsplit(url).hostname or "").lower())
    except ValueError:
        return ""


def url_parses(url: str) -> bool:
    """Whether urllib reads the URL: not a broken IPv6 host ("http://[::1/x") or a port out of range,
    on which it raises (a page's broken link is then skipped, never the page)."""
    from urllib.parse import urlsplit

    try:
        urlsplit(url).port  # noqa: B018 -- (the port is read, and checked, only when asked for)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=16384)
def _is_short_link(url: str, hosts: frozenset[str]) -> bool:
    host = url_host(url)
    return host in hosts or any(host.endswith("." + h) for h in hosts)


class RuleError(ValueError):
    """A rule file is malformed (bad TOML, missing key, bad regex)."""


SPAN_MOST = 16  # a `span` rule's most lines between its opening and closing lines, unless it says


@dataclass(frozen=True, slots=True)
class LineRule:
    id: str
    pattern: re.Pattern[str]
    where: str = "tail"  # tail | head | any
    chain: str | None = None
    copies_only: bool = False  # cut only from a page that shows itself a copy (see cleaning.cut_text)
    chain_platform: str | None = None  # the chain is credited only on a page of this platform
    # a tail rule whose line is residue wherever it stands whole (a bare short link, FiveFilters' ad
    # footer): also cut above the text and between its lines
    inside: bool = False
    # the line itself says the page is a copy ("Vai all'articolo originale", "The original article can
    # be found here.") though it names no tool nor the original: the copies_only lines of the page go too
    copy: bool = False
    # a `thread` heading's words: a page's elements are read for it only when its text holds one
    hint: tuple[str, ...] | None = None
    # what the pattern tells before it is tried: the characters its matches can open with (derived:
    # pipelines/patternfacts.py)
    facts: Facts = field(default=NO_FACTS, compare=False)
    # a `span` rule's closing line (its pattern reads the opening one), and the heading that may stand
    # right above the opening line
    until: re.Pattern[str] | None = field(default=None, compare=False)
    lead: re.Pattern[str] | None = field(default=None, compare=False)
    most: int = SPAN_MOST  # (span rules) at most this many lines between the opening line and the closing one
    inner: re.Pattern[str] | None = field(default=None, compare=False)  # (span rules) what each of them may be

    @property
    def first(self) -> int:
        """The ASCII characters a match can start with, a bit mask (FIRST_ANY: any)."""
        return self.facts[2]

    @property
    def second(self) -> dict[int, int] | None:
        """For each such character's code, a mask of those that can follow it (None: any)."""
        return self.facts[3]


@dataclass(frozen=True, slots=True)
class BlockRule:
    id: str
    chain: str | None
    link_hosts: tuple[str, ...] = ()
    img_hosts: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    text: re.Pattern[str] | None = None
    source_link: bool = False  # the block's first link is the original article (source.url)
    # the page's text must hold one of these words (lower case) for its blocks to be looked at
    hint: tuple[str, ...] | None = None
    after: tuple[str, ...] = ()  # inline items: the anchor and the element right after it (these tags)
    after_gives: str | None = None  # the provenance field that element's text gives
    lead: re.Pattern[str] | None = None  # the block's first words must match this (a cheap first test)
    element_ids: tuple[str, ...] = ()  # id attributes of the node itself
    provenance: bool = True  # False: the cut block's links and text give no provenance (an embedded post)
    anywhere: bool = False  # a theme's box outside the post body: looked for on the whole page (by class)
    # the chain is credited only on a page of this platform (a credit line whose wording is the
    # plugin's default, but which any site may write)
    chain_platform: str | None = None
    # a wrapper of one of these classes around the box, holding besides it only the box's heading
    # and a line or two above it (a WordPress group: "Discover more from <site>", a prompt, the form),
    # goes with the box
    wrapper_classes: tuple[str, ...] = ()


def chain_credit(rule: LineRule | BlockRule) -> tuple[str, str] | None:
    """What a matched rule's chain gives the harvest: its tool, or (for a rule with chain_platform)
    the tool held until the page's platform is known ("wordpress:wp-rss-aggregator")."""
    if not rule.chain:
        return None
    if rule.chain_platform:
        return "platform_tool", f"{rule.chain_platform}:{rule.chain}"
    return "tool", rule.chain


@dataclass(frozen=True, slots=True)
class AnchorRule:
    id: str
    chain: str | None
    text: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Redirect:
    """A redirect wrapper that writes its target into its own link ("bing.com/news/apiclick.aspx?
    url=<target>", "<host>.cdn.ampproject.org/c/s/<target host>/<path>")."""
    id: str
    hosts: re.Pattern[str]  # the wrapper's host, or any subdomain of it
    path: str  # its path; a prefix when it ends in "/"
    params: tuple[str, ...] = ()  # query parameters that hold the target (the first present wins)
    rest: str | None = None  # or: the target is the path after `path`, under this scheme
    tool: str | None = None  # the chain's tool a link through it credits
    drop_params: frozenset[str] = frozenset()  # the wrapper's own query parameters, not the target's
    labels: frozenset[str] = frozenset()  # a label each of its hosts has ("google", "bing"): a quick first test
    # or: the target's host is written in the wrapper's first label, a dash for each dot and two for
    # a dash ("www-harbour--daily-com.translate.goog": www.harbour-daily.com), its path and query as
    # the wrapper's, under this scheme
    label: str | None = None

    def target(self, url: str) -> str | None:
        from urllib.parse import parse_qs, urlsplit

        if not self.hosts.fullmatch(url_host(url)):
            return None
        parts = urlsplit(url)  # (it parses: url_host read it)
        if self.path.endswith("/") and not parts.path.startswith(self.path) or \
                not self.path.endswith("/") and parts.path != self.path:
            return None
        if self.rest or self.label:
            if self.label:
                host = url_host(url).split(".")[0].replace("--", "\0").replace("-", ".").replace("\0", "-")
                target = host + parts.path
            else:
                target = parts.path[len(self.path):]
            if not target or "." not in target.split("/")[0]:
                return None  # (no host after the prefix, or in the label)
            query = "&".join(pair for pair in parts.query.split("&")
                             if pair and pair.partition("=")[0] not in self.drop_params)
            target = f"{self.rest or self.label}://{target}" + (f"?{query}" if query else "")
            return target if url_parses(target) else None
        query = parse_qs(parts.query)
        for name in self.params:
            value = query.get(name, [""])[0].strip()
            if value.lower().startswith(("http://", "https://")) and url_parses(value):
                return value
        return None


def _redirect_hosts(src: str, rid: str, hosts: list[str]) -> re.Pattern[str]:
    """The hosts a redirect rule lists, as one pattern: each host or any subdomain of it; a last
    label "*" stands for any top-level domain ("google.*": google.com, google.co.uk, google.com.br)."""
    if not hosts or not all(isinstance(h, str) and h for h in hosts):
        raise RuleError(f"{src}: {rid}: hosts must be a non-empty list of host names")
    alts = [re.escape(h.lower()).replace(r"\*", r"[a-z]{2,3}(?:\.[a-z]{2})?") for h in hosts]
    return re.compile(r"(?:[^.]+\.)*(?:" + "|".join(alts) + ")")


def _host_labels(hosts: list[str]) -> frozenset[str]:
    """For each host a rule lists, one label every matching host has: the one before a "*" or before
    the last ("google.*" -> google, "l.facebook.com" -> facebook, "vk.com" -> vk)."""
    return frozenset(h.lower().split(".")[-2] if "." in h else h.lower() for h in hosts)


@dataclass(frozen=True, slots=True)
class LinkListRule:
    id: str
    heading: re.Pattern[str]
    hint: tuple[str, ...]  # words one of which the page's folded lower-case text must hold
    items: int = 12  # at most this many links under the heading (a table of contents may list more)


@dataclass(frozen=True, slots=True)
class ChromeSet:
    id: str  # chrome.<platform>.<lang>
    platform: str
    language: str
    lines: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    # each pattern's facts (pipelines/patternfacts.py), and the pattern with the longest line it can
    # match and a piece of text every match holds (derived)
    facts: tuple[Facts, ...] = field(default=(), compare=False)
    gated: tuple[tuple[int, str, re.Pattern[str]], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", tuple(facts_of(p) for p in self.patterns))
        object.__setattr__(self, "gated", tuple((*_gate(f), p) for f, p in zip(self.facts, self.patterns)))


LINE_WHERES = ("tail", "head", "any", "list", "suffix", "box", "byline", "thread", "span")
_CHROME_RUN_WORDS = 40  # a longer line is text, not a pager or a share bar


def site_host(url: str) -> str:
    """A URL's lower-cased host without a leading www. ('' when it has none)."""
    return url_host(url).removeprefix("www.")


_AUTHOR_WORD_KEYS = ("lead_words", "lead_words_before_names", "roles", "roles_after_name", "roles_in_brackets",
                     "not_names", "after_name", "links_after_name", "between_names", "company_forms")


# the word before a place after a writer's job ("Envoyés spéciaux à Toulouse", "Correspondent in Berlin")
_ROLE_PLACE_WORDS = ["à", "a", "au", "aux", "en", "in", "at", "for", "em", "no", "na", "bei", "für", "aus", "di", "de", "da",
                     "del", "desde", "from", "в", "во", "из", "di", "w", "z"]


def _alternatives(words: list[str]) -> str:
    """A regex alternation of words, the longest first ("written by" before "by")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


@dataclass(frozen=True, slots=True)
class NamedBoxes:
    """Boxes of other things in a post's body, by a word of their class or id (html.toml [named_boxes]):
    single words, runs of words (a word with a hyphen), and the most text a box so named may hold of
    its own."""

    words: frozenset[str] = frozenset()
    runs: tuple[tuple[str, ...], ...] = ()
    most_chars: int = 300

    @classmethod
    def of(cls, words: list[str], most_chars: int) -> NamedBoxes:
        parts = {tuple(w.lower().split("-")) for w in words}
        return cls(frozenset(p[0] for p in parts if len(p) == 1), tuple(sorted(p for p in parts if len(p) > 1)),
                   most_chars)


@dataclass(frozen=True, slots=True)
class CharsetLanguage:
    """A language's one-byte code pages from before UTF-8 and the letters beyond ASCII of its alphabet
    (charsets.toml [charset_languages]): what a page that declares no charset is read in when its
    text is in that language."""

    charsets: tuple[str, ...]
    letters: frozenset[str]


def _parse_charset_languages(data: dict, src: str, acc: dict) -> None:
    """A rule file's [charset_languages.<code>] tables: charsets = Python codec names, letters = a string."""
    for lang, table in (data.get("charset_languages") or {}).items():
        charsets = table.get("charsets") if isinstance(table, dict) else None
        letters = table.get("letters") if isinstance(table, dict) else None
        if not isinstance(charsets, list) or not charsets or not all(isinstance(c, str) for c in charsets) \
                or not isinstance(letters, str) or not letters.strip():
            raise RuleError(f"{src}: charset_languages.{lang}: charsets = a list of charset names, "
                            "letters = the letters beyond ASCII of its alphabet")
        for name in charsets:
            try:
                codecs.lookup(name)
            except LookupError:
                raise RuleError(f"{src}: charset_languages.{lang}: unknown charset {name!r}") from None
        acc["charset_languages"][lang] = CharsetLanguage(tuple(charsets), frozenset(letters.replace(" ", "")))


_Built = TypeVar("_Built")


def _per_dirs(build: Callable[[tuple[str, ...]], _Built]) -> Callable[..., _Built]:
    """build(extra_dirs), made once per process for each set of rule directories, however the call
    names it: `load_rules()` and `load_rules(())` had been two entries of one cache, so every worker
    compiled the built-in rules a second time (~0.25 s) on its first page that read a date or an
    author."""
    cached = lru_cache(maxsize=8)(build)

    @wraps(build)
    def load(extra_dirs: Iterable[str] = ()) -> _Built:
        return cached(tuple(extra_dirs))

    return load


@_per_dirs
def load_charset_languages(extra_dirs: tuple[str, ...] = ()) -> dict[str, CharsetLanguage]:
    """The languages' code pages alone (charsets.toml's, then each extra directory's, a later table
    of a language replacing an earlier one): what a page of no declared charset is read with, in the
    crawl's own process, without compiling every other rule."""
    acc: dict = {"charset_languages": {}}
    for path in (BUILTIN_DIR / "charsets.toml", *_user_rule_files(extra_dirs)):
        _parse_charset_languages(_read_toml(path), path.name, acc)
    return acc["charset_languages"]


@dataclass(frozen=True, slots=True)
class AuthorWords:
    """The words of a byline that are no name, by language (publishers.toml [authors]): its lead word
    or label, a writer's role, a role or the site's address in brackets after a name, what a byline
    search reads as a name (a date's words, a button's), a profile badge's preposition, the word
    between two writers' names ("and", "und", "y")."""

    lead: re.Pattern[str]
    lead_before_names: re.Pattern[str]
    roles: frozenset[str]  # folded, lower-cased
    role_after: re.Pattern[str]  # a writer's job (and a place) after the name ("Ann Lee Staff Writer")
    bracket_note: re.Pattern[str]
    not_names: frozenset[str]  # folded, lower-cased
    after_name: re.Pattern[str]
    links_after: re.Pattern[str]  # the words of an author box's links after the name ("Ann Lee Twitter Email")
    between_names: re.Pattern[str]  # splits a byline at its commas and at those words
    company: re.Pattern[str]  # a company's legal form as a word of the name ("GmbH", "Ltd.", "d.o.o.")

    @classmethod
    def of(cls, lists: dict[str, list[str]]) -> AuthorWords:
        between = _alternatives(lists["between_names"])
        return cls(
            lead=re.compile(rf"\A\s*(?:{_alternatives(lists['lead_words'])})(?:\s*[:：]\s*|\s+)(?=\w)", re.I),
            lead_before_names=re.compile(rf"\A\s*(?:{_alternatives(lists['lead_words_before_names'])})\s+(?=\w+\s+\w)",
                                         re.I),
            roles=frozenset(fold(w).lower() for w in lists["roles"]),
            role_after=re.compile(rf"(?<=\w)(?:\s*,\s*|\s+)(?:{_alternatives(lists['roles_after_name'])})"
                                  rf"(?:\s+(?:{_alternatives(_ROLE_PLACE_WORDS)})\s+\S.{{0,40}})?$", re.I),
            bracket_note=re.compile(rf"\s*\((?:{_alternatives(lists['roles_in_brackets'])}|https?://[^()\s]+|www\.[^()\s]+)\)$",
                                    re.I),
            not_names=frozenset(fold(w).lower() for w in lists["not_names"]),
            after_name=re.compile(rf"(?<=\w)\s+(?:{_alternatives(lists['after_name'])})$"),
            links_after=re.compile(rf"(?<=\w)(?:\s+(?:{_alternatives(lists['links_after_name'])}))+$"),
            between_names=re.compile(rf"\s*,\s*(?:(?:{between})\s+|&\s*)?|\s+(?:{between}|&)\s+", re.I),
            company=_company_forms(lists["company_forms"]),
        )


def _company_forms(forms: list[str]) -> re.Pattern[str]:
    """A legal form as a word of its own, as written ("AG", not "Ag" in "Agnes"): one in Latin capitals
    ("S.A.", "AG", "LLC") only as the name's last word (before a comma at most), where a writer's
    initials do not stand ("James S.A. Corey", "AG Cook"); any other ("GmbH", "d.o.o.", "ООО") anywhere."""
    last = [f for f in forms if re.fullmatch(r"[A-Z./]+", f)]
    anywhere = [f for f in forms if f not in last]
    return re.compile(rf"(?<![\w.])(?:(?:{_alternatives(anywhere)})(?![\w.])|(?:{_alternatives(last)})(?=\s*(?:,|$)))")


@dataclass(frozen=True, slots=True)
class Shortcodes:
    """WordPress shortcodes printed raw (lines.toml [shortcodes]): the names and name prefixes known
    as shortcodes, and the names whose content goes with their tags."""

    names: frozenset[str]
    prefixes: tuple[str, ...]
    drop_content: frozenset[str]
    wrapped: re.Pattern[str] | None  # a `drop_content` shortcode with what it wraps, on one line

    @classmethod
    def of(cls, lists: dict[str, set[str]]) -> Shortcodes:
        drop = sorted(lists["drop_content"])
        wrapped = re.compile(rf"\[({_alternatives(drop)})(?:\s[^\[\]\n]{{0,400}}?)?\s*\].*?\[/\1\]") if drop else None
        return cls(frozenset(lists["names"]), tuple(sorted(lists["prefixes"])), frozenset(drop), wrapped)

    def known(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


@dataclass(frozen=True, slots=True)
class RuleSet:
    lines: tuple[LineRule, ...]
    blocks: tuple[BlockRule, ...]
    anchors: tuple[AnchorRule, ...]
    chrome: tuple[ChromeSet, ...]
    publishers: frozenset[str]  # lower-cased
    chain_order: tuple[str, ...] = field(default=())
    source_blocks: tuple[AnchorRule, ...] = ()
    short_link_hosts: frozenset[str] = frozenset()
    feed_title_hint: re.Pattern[str] | None = None
    feed_title_max_chars: int = 100
    author_placeholders: frozenset[str] = frozenset()  # folded, lower-cased
    link_lists: tuple[LinkListRule, ...] = ()  # a heading over nothing but links ("Baca Juga" + headlines)
    spintax: re.Pattern[str] | None = None  # a spinner's unresolved choice, "{quick|fast|rapid}"
    not_found: re.Pattern[str] | None = None  # a soft 404's title or heading ("Page not found")
    credit_line: re.Pattern[str] | None = None  # an article's own last line naming its source ("Source: X")
    site_gone: re.Pattern[str] | None = None  # a suspended, removed or parked site's notice
    tags_line: re.Pattern[str] | None = None  # a post's labels as a line of text ("Tags: a, b")
    commenter: re.Pattern[str] | None = None  # how a comment starts ("Ann Lee wrote:", "Bo (March 5, 2026):")
    reported: re.Pattern[str] | None = None  # a line's end saying who spoke (", the board urged residents.")
    redirects: tuple[Redirect, ...] = ()  # wrappers whose links hold their target (the first match wins)
    months: Months = field(default_factory=Months, compare=False)  # (months.toml)
    author_words: AuthorWords | None = field(default=None, compare=False)  # (publishers.toml [authors])
    shortcodes: Shortcodes | None = field(default=None, compare=False)  # (lines.toml [shortcodes])
    confusables: Confusables | None = field(default=None, compare=False)  # (confusables.toml)
    operator_ids: tuple[IdRule, ...] = field(default=(), compare=False)  # (ids.toml: [[id]])
    share_links: tuple[str, ...] = ()  # share buttons' host + path prefixes, lower case: no outlinks
    named_boxes: NamedBoxes = field(default_factory=NamedBoxes, compare=False)  # (html.toml [named_boxes])
    aggregators: frozenset[str] = frozenset()  # services that write no news (publishers.toml), lower-cased
    # the line rules by where they apply, and by id (derived from `lines`)
    by_where: dict[str, tuple[LineRule, ...]] = field(default_factory=dict, compare=False)
    by_id: dict[str, LineRule] = field(default_factory=dict, compare=False)
    # (where, a line's first one or two characters, ASCII) -> the rules of by_where[where] a line
    # opening with them may match (filled as lines come: line_rules)
    by_first: dict[tuple[str, str], tuple[LineRule, ...]] = field(default_factory=dict, compare=False)
    page_boxes: tuple[BlockRule, ...] = field(default=(), compare=False)  # the `anywhere` block rules
    # a label of any redirect's hosts (a link's first test, as most pages link through none)
    redirect_labels: frozenset[str] = field(default=frozenset(), compare=False)
    # each chrome line (spaces collapsed) -> the first set that holds it; the words a line may start
    # and end with; and the most words one has: what reads a line of several items in a row
    chrome_owner: dict[str, ChromeSet] = field(default_factory=dict, compare=False)
    chrome_ends: tuple[frozenset[str], frozenset[str]] = field(default=(frozenset(), frozenset()), compare=False)
    chrome_max_words: int = field(default=0, compare=False)
    # each chrome line -> the index of the first set that holds it; every set's gated patterns, in order
    chrome_first: dict[str, int] = field(default_factory=dict, compare=False)
    chrome_gated: tuple[tuple[int, int, str, re.Pattern[str]], ...] = field(default=(), compare=False)
    # an ASCII character -> the gated patterns a line starting with it may match (filled as lines come)
    chrome_by_first: dict[str, tuple[tuple[int, int, str, re.Pattern[str]], ...]] = field(default_factory=dict,
                                                                                        compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "page_boxes", tuple(r for r in self.blocks if r.anywhere))
        if self.redirects:
            object.__setattr__(self, "redirect_labels", frozenset().union(*(r.labels for r in self.redirects)))
        by_where = {where: tuple(r for r in self.lines if r.where == where) for where in LINE_WHERES}
        by_where["inside"] = tuple(r for r in self.lines if r.inside)
        object.__setattr__(self, "by_where", by_where)
        object.__setattr__(self, "by_id", {r.id: r for r in self.lines})
        first: dict[str, int] = {}
        owner: dict[str, ChromeSet] = {}
        for index, chrome in enumerate(self.chrome):
            for line in chrome.lines:
                first.setdefault(line, index)
                owner.setdefault(" ".join(line.split()), chrome)
        words = [k.split() for k in owner if k]
        object.__setattr__(self, "chrome_first", first)
        object.__setattr__(self, "chrome_gated", tuple((index, *gate) for index, chrome in enumerate(self.chrome)
                                                       for gate in chrome.gated))
        object.__setattr__(self, "chrome_owner", owner)
        object.__setattr__(self, "chrome_ends", (frozenset(w[0] for w in words), frozenset(w[-1] for w in words)))
        object.__setattr__(self, "chrome_max_words", max((len(w) for w in words), default=0))

    def line_rules(self, where: str, line: str) -> tuple[LineRule, ...]:
        """The `where` rules, in order, that may match the whole line: those whose matches can open
        with its first two characters (with its first, when the second is outside ASCII; all of them
        for a line starting outside ASCII)."""
        opening = line[:2]
        rules = self.by_first.get((where, opening))
        if rules is None:
            rules = self._rules_opening(where, opening)
        return rules

    def line_match(self, where: str, line: str) -> tuple[LineRule, re.Match[str]] | None:
        """The first `where` rule that reads the whole line, with its match. As chrome_match gates its
        patterns, a rule whose every match holds a piece of fixed text (its needle: "reuters/", " otomatik
        olarak ") is tried only on a line that holds it: one that may start anywhere is otherwise tried
        on every line."""
        caseless = None
        for rule in self.line_rules(where, line):
            needle = rule.facts[1]
            if needle:
                if caseless is None:
                    caseless = caseless_text(line)
                if needle not in caseless:
                    continue
            if (m := rule.pattern.fullmatch(line)):
                return rule, m
        return None

    def _rules_opening(self, where: str, opening: str) -> tuple[LineRule, ...]:
        if not opening or not opening[0].isascii():
            return self.by_where[where]
        if len(opening) == 2 and not opening[1].isascii():
            return self.line_rules(where, opening[0])
        candidates = self.by_where[where] if len(opening) == 1 else self.line_rules(where, opening[0])
        rules = tuple(r for r in candidates if may_open(r.facts, opening))
        self.by_first[(where, opening)] = rules
        return rules

    def is_short_link(self, url: str) -> bool:
        return _is_short_link(url, self.short_link_hosts)

    def unwrap(self, url: str) -> tuple[str, str | None]:
        """A link's target when a redirect wrapper holds it (through up to three wrappers in turn),
        else the link itself; and the tool the first wrapper credits."""
        tool = None
        for _ in range(3):
            labels = url_host(url).split(".")
            if self.redirect_labels.isdisjoint(labels):
                break
            target = None
            for rule in self.redirects:
                target = None if rule.labels.isdisjoint(labels) else rule.target(url)
                if target:
                    tool = tool or rule.tool
                    break
            if not target:
                break
            url = target
        return url, tool

    def chrome_match(self, folded_lower: str) -> ChromeSet | None:
        """The first chrome set (in the rule files' order) with the line among its lines or matching one
        of its patterns; else the set of a line of several chrome lines in a row. A pattern is tried
        only on a line it could match, no longer than its longest match and holding its fixed text:
        most lines a scan meets are article text, and ".{0,120}\\ball rights reserved" costs 4 µs a
        try (all ~150 patterns tried took 40-130 µs a line; gated, 10-30)."""
        first = self.chrome_first.get(folded_lower, len(self.chrome))
        if first == len(self.chrome) and folded_lower.endswith((":", "：")):
            # a listed label with the colon a theme puts after it over its icons ("Artikel teilen:")
            first = self.chrome_first.get(folded_lower.rstrip(" :："), first)
        caseless, size = caseless_text(folded_lower), len(folded_lower)
        for index, longest, needle, pattern in self._chrome_gated_for(folded_lower[:1]):  # (one flat loop)
            if index >= first:
                break
            if size <= longest and needle in caseless and pattern.fullmatch(folded_lower):
                return self.chrome[index]
        if first < len(self.chrome):
            return self.chrome[first]
        return self._chrome_run(folded_lower)

    def _chrome_gated_for(self, first: str) -> tuple[tuple[int, int, str, re.Pattern[str]], ...]:
        """The gated chrome patterns, in order, whose matches can start with this character (all of
        them for one outside ASCII)."""
        gated = self.chrome_by_first.get(first)
        if gated is None:
            gated = self.chrome_gated
            if first.isascii() and first:
                facts = [f for chrome in self.chrome for f in chrome.facts]
                gated = tuple(g for g, f in zip(gated, facts, strict=True) if may_start(f, first))
                self.chrome_by_first[first] = gated
        return gated

    def _chrome_run(self, folded_lower: str) -> ChromeSet | None:
        """A line of two or more chrome lines in a row, as a copy flattens a template's pager or share
        bar ("newer post older post home", "email this blogthis! share to x"): the set that holds most
        of its items (the first of those in a tie)."""
        words = folded_lower.split()
        n = len(words)
        if not 2 <= n <= _CHROME_RUN_WORDS or words[0] not in self.chrome_ends[0] \
                or words[-1] not in self.chrome_ends[1]:
            return None
        owner, longest = self.chrome_owner, self.chrome_max_words
        runs: list[tuple[ChromeSet, ...] | None] = [None] * (n + 1)  # runs[j]: the items that make words[:j]
        runs[0] = ()
        for i in range(n):
            if runs[i] is None:
                continue
            for j in range(i + 1, min(n, i + longest) + 1):
                if runs[j] is None and (chrome := owner.get(" ".join(words[i:j]))) is not None:
                    runs[j] = runs[i] + (chrome,)
        items = runs[n]
        if not items or len(items) < 2:
            return None
        return max(items, key=items.count)


def _gate(facts: Facts) -> tuple[int, str]:
    """The most characters a pattern can match (sys.maxsize when it has no bound), and the longest
    run of literal characters at its top level, folded as patternfacts.caseless folds a line ('' for
    none): every match holds that run, so a line without it is not tried (pipelines/patternfacts.py;
    kept in the cache folder)."""
    longest, needle, _first, _second = facts
    return (sys.maxsize if longest == UNBOUNDED else longest), needle


def _hint_words(source: str, rule_id: str, value: Any) -> tuple[str, ...]:
    """A rule's `hint`: a word or a list of words (spaces kept: "via "), in lower case as they are
    looked for in a page's folded lower-case text."""
    words = [value] if isinstance(value, str) else value
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise RuleError(f"{source}: rule {rule_id!r}: hint is a word or a list of words")
    return tuple(w.lower() for w in words)


def _positive(source: str, rule_id: str, value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise RuleError(f"{source}: rule {rule_id!r}: {key} must be a whole number above 0")
    return value


def _compile(source: str, rule_id: str, pattern: str) -> re.Pattern[str]:
    try:
        return compiled(pattern, re.IGNORECASE)  # (from the cache's opcodes when it has them)
    except re.error as exc:
        raise RuleError(f"{source}: rule {rule_id!r}: bad pattern: {exc}") from None


def _need(source: str, table: dict, key: str) -> str:
    if key not in table:
        raise RuleError(f"{source}: a rule is missing {key!r}: {table}")
    return table[key]


def _rule_files(extra_dirs: tuple[str, ...]) -> list[Any]:
    builtin = sorted((f for f in BUILTIN_DIR.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return [*builtin, *_user_rule_files(extra_dirs)]


def _user_rule_files(extra_dirs: tuple[str, ...]) -> list[Any]:
    """Each extra directory's *.toml, in name order."""
    files: list[Any] = []
    for folder in extra_dirs:
        path = Path(folder)
        if not path.is_dir():
            raise RuleError(f"rules directory not found: {folder}")
        files.extend(sorted(path.glob("*.toml")))
    return files


def _read_toml(path: Any) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path.name}: {exc}") from None


def _parse_ids(data: dict, src: str, acc: dict) -> None:
    """A rule file's [[id]] rules and [platform_ids] (pipelines/operator_ids.py)."""
    if "id" in data or "platform_ids" in data:
        try:
            acc["operator_ids"].extend(parse_id_rules(data.get("id", []), src))
            if "platform_ids" in data:
                acc["platform_ids"].extend(parse_platform(data["platform_ids"], src))
        except IdRuleError as exc:
            raise RuleError(str(exc)) from None


def _parse_file(path: Any, acc: dict) -> None:
    src = path.name
    data = _read_toml(path)
    for t in data.get("line", []):
        rid = _need(src, t, "id")
        where = t.get("where", "tail")
        if where not in LINE_WHERES:
            raise RuleError(f"{src}: rule {rid!r}: where must be one of {', '.join(LINE_WHERES)}")
        inside = t.get("inside", False)
        if not isinstance(inside, bool) or (inside and where != "tail"):
            raise RuleError(f"{src}: rule {rid!r}: inside must be true or false, and true only on a tail rule")
        pattern = _need(src, t, "pattern")
        if where == "suffix":  # the residue after the last sentence of a line: what is before it is kept
            _compile(src, rid, pattern)
            pattern = rf"""(?P<kept_text>.*?[.!?"')\]…])\s+(?:{pattern})"""  # (… a text cut short)
        copy = t.get("copy", False)
        if not isinstance(copy, bool):
            raise RuleError(f"{src}: rule {rid!r}: copy must be true or false")
        hint = _hint_words(src, rid, t["hint"]) if "hint" in t else None
        if (where == "span") != ("until" in t) or (("lead" in t or "inner" in t) and where != "span"):
            raise RuleError(f"{src}: rule {rid!r}: until (and lead, inner) go with where = \"span\", which needs until")
        inner = _compile(src, rid, t["inner"]) if "inner" in t else None
        until = _compile(src, rid, t["until"]) if "until" in t else None
        lead = _compile(src, rid, t["lead"]) if "lead" in t else None
        most = t.get("most", SPAN_MOST)
        if (not isinstance(most, int) or isinstance(most, bool) or not 1 <= most <= 200
                or ("most" in t and where != "span")):
            raise RuleError(f"{src}: rule {rid!r}: most (span rules only) must be a whole number from 1 to 200")
        compiled_pattern = _compile(src, rid, pattern)
        acc["lines"].append(LineRule(rid, compiled_pattern, where, t.get("chain"),
                                     bool(t.get("copies_only", False)), t.get("chain_platform"), inside, copy, hint,
                                     facts_of(compiled_pattern), until, lead, most, inner))
    for t in data.get("block", []):
        rid = _need(src, t, "id")
        text = _compile(src, rid, t["text"]) if "text" in t else None
        if "*" in t.get("link_host", ()) and (text is None or "hint" not in t):
            raise RuleError(f"{src}: rule {rid!r}: link_host \"*\" (any link) needs a text pattern and a hint")
        hint = _hint_words(src, rid, t["hint"]) if "hint" in t else None
        after = tuple(tag.lower() for tag in t.get("after", ()))
        if any("'" in i or '"' in i for i in t.get("element_id", ())):
            raise RuleError(f"{src}: rule {rid!r}: an element_id holds a quote")
        if after and not t.get("link_host"):
            raise RuleError(f"{src}: rule {rid!r}: after needs link_host (the anchor it follows)")
        if t.get("anywhere") and not t.get("class"):
            raise RuleError(f"{src}: rule {rid!r}: anywhere needs class (a box is found on the page by its class)")
        acc["blocks"].append(BlockRule(rid, t.get("chain"), tuple(t.get("link_host", ())),
                                       tuple(t.get("img_host", ())), tuple(t.get("class", ())), text,
                                       bool(t.get("source_link", False)), hint, after, t.get("after_gives"),
                                       _compile(src, rid, t["lead"]) if "lead" in t else None,
                                       tuple(t.get("element_id", ())), bool(t.get("provenance", True)),
                                       bool(t.get("anywhere", False)), t.get("chain_platform"),
                                       tuple(t.get("wrapper_class", ()))))
    for t in data.get("source_anchor", []):
        rid = _need(src, t, "id")
        acc["anchors"].append(AnchorRule(rid, t.get("chain"), _compile(src, rid, _need(src, t, "text"))))
    for t in data.get("source_block", []):
        rid = _need(src, t, "id")
        acc["source_blocks"].append(AnchorRule(rid, t.get("chain"), _compile(src, rid, _need(src, t, "text"))))
    for t in data.get("link_list", []):
        rid = _need(src, t, "id")
        acc["link_lists"].append(LinkListRule(rid, _compile(src, rid, _need(src, t, "heading")),
                                              _hint_words(src, rid, _need(src, t, "hint")),
                                              _positive(src, rid, t.get("items", 12), "items")))
    for platform, langs in data.get("chrome", {}).items():
        for lang, t in langs.items():
            cid = f"chrome.{platform}.{lang}"
            lines = frozenset(fold(s).lower() for s in t.get("lines", ()))
            pats = tuple(_compile(src, cid, p) for p in t.get("patterns", ()))
            acc["chrome"].append(ChromeSet(cid, platform, lang, lines, pats))
    acc["publishers"].update(fold(n).lower() for n in data.get("names", ()))
    if "aggregators" in data:
        names = data["aggregators"].get("names") if isinstance(data["aggregators"], dict) else None
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise RuleError(f"{src}: aggregators: names = a list of services' names (\"Google News\")")
        acc["aggregators"].update(fold(n).strip().lower() for n in names)
    if "feed_title" in data:
        acc["feed_title_hint"] = _compile(src, "feed_title", data["feed_title"]["hint"])
        acc["feed_title_max_chars"] = int(data["feed_title"].get("max_chars", 100))
    if "share_links" in data:
        prefixes = data["share_links"].get("prefixes") if isinstance(data["share_links"], dict) else None
        if not isinstance(prefixes, list) or not all(isinstance(p, str) and "/" in p for p in prefixes):
            raise RuleError(f"{src}: share_links: prefixes = a list of host/path starts (\"twitter.com/share\")")
        acc["share_links"].extend(p.strip().lower().removeprefix("www.") for p in prefixes)
    _parse_charset_languages(data, src, acc)
    if "named_boxes" in data:
        boxes = data["named_boxes"]
        words = boxes.get("words", []) if isinstance(boxes, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", w)
                                                  for w in words):
            raise RuleError(f"{src}: named_boxes: words = a list of class words in lower case (\"share\", \"read-more\")")
        acc["named_box_words"].extend(words)
        if "most_chars" in boxes:
            acc["named_box_chars"] = _positive(src, "named_boxes", boxes["most_chars"], "most_chars")
    if "short_links" in data:
        acc["short_link_hosts"].update(h.lower() for h in data["short_links"].get("hosts", ()))
    if "chain" in data:
        acc["chain_order"] = tuple(data["chain"].get("order", ()))
    if "authors" in data:
        acc["author_placeholders"].update(fold(n).strip().lower() for n in data["authors"].get("placeholders", ()))
        for key in _AUTHOR_WORD_KEYS:
            words = data["authors"].get(key, [])
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise RuleError(f"{src}: authors.{key}: a list of words")
            acc["author_words"][key].extend(w.strip() for w in words)
    if "shortcodes" in data:
        for key in _SHORTCODE_KEYS:
            words = data["shortcodes"].get(key, [])
            if not isinstance(words, list) or not all(isinstance(w, str) and re.fullmatch(r"[a-z][a-z0-9_-]*", w)
                                                      for w in words):
                raise RuleError(f"{src}: shortcodes.{key}: a list of shortcode names in lower case")
            acc["shortcodes"][key].update(words)
    for key in _SINGLE_PATTERNS:  # (a section with one `pattern`: [spintax], [credit_line] ...)
        if key in data:
            acc[key] = _compile(src, key, _need(src, data[key], "pattern"))
    if "confusables" in data:
        if not isinstance(data["confusables"], dict):
            raise RuleError(f"{src}: confusables: tables [confusables.SCRIPT]")
        try:
            Confusables.parse(data["confusables"], acc["confusables"], src)
        except ConfusablesError as exc:
            raise RuleError(str(exc)) from None
    _parse_ids(data, src, acc)
    for table, first in (("months", 1), ("solar_hijri_months", SOLAR_HIJRI + 1), ("hijri_months", HIJRI + 1)):
        for lang, names in data.get(table, {}).items():
            if not isinstance(names, list) or len(names) != 12:
                raise RuleError(f"{src}: {table}.{lang}: twelve months, in order")
            for number, forms in enumerate(names, first):
                for form in [forms] if isinstance(forms, str) else forms:
                    # (the first reading of a form stands; in NFC, as named_date looks a name up)
                    acc["months"].setdefault(fold(unicodedata.normalize("NFC", form)).lower(), number)
    for lang, eras in data.get("eras", {}).items():
        if not isinstance(eras, dict) or not all(isinstance(name, str) and name.strip() and isinstance(first, int)
                                                 and 1 <= first <= 9999 for name, first in eras.items()):
            raise RuleError(f"{src}: eras.{lang}: an era's name = the Gregorian year that was its first")
        for name, first in eras.items():
            acc["months"].eras.setdefault(name.strip(), first)
    for t in data.get("redirect", []):
        rid = _need(src, t, "id")
        path = _need(src, t, "path")
        params, rest, label = tuple(t.get("params", ())), t.get("rest"), t.get("label")
        if not str(path).startswith("/") or [bool(params), bool(rest), bool(label)].count(True) != 1 \
                or rest not in (None, "http", "https") or label not in (None, "http", "https"):
            raise RuleError(f"{src}: {rid}: a redirect needs a path from /, and one of params, "
                            f"rest = \"http\"/\"https\" or label = \"http\"/\"https\"")
        hosts = _need(src, t, "hosts")
        acc["redirects"].append(Redirect(rid, _redirect_hosts(src, rid, hosts), path, params, rest, t.get("tool"),
                                         frozenset(t.get("drop_params", ())), _host_labels(hosts), label))


_SHORTCODE_KEYS = ("names", "prefixes", "drop_content")

# Sections that hold one pattern each (a later file's replaces an earlier one's)
_SINGLE_PATTERNS = ("spintax", "not_found", "site_gone", "tags_line", "credit_line", "commenter", "reported")


def _empty_acc() -> dict:
    return {"lines": [], "blocks": [], "anchors": [], "chrome": [], "publishers": set(), "aggregators": set(),
            "chain_order": (), "source_blocks": [], "short_link_hosts": set(), "feed_title_hint": None,
            "feed_title_max_chars": 100, "author_placeholders": set(), "link_lists": [],
            "spintax": None, "not_found": None, "credit_line": None, "months": Months(), "site_gone": None,
            "redirects": [], "tags_line": None, "commenter": None, "reported": None, "author_words": {key: [] for key in _AUTHOR_WORD_KEYS},
            "shortcodes": {key: set() for key in _SHORTCODE_KEYS}, "confusables": {},
            "operator_ids": [], "platform_ids": [], "share_links": [], "named_box_words": [], "named_box_chars": 300,
            "charset_languages": {}}


def check_rule_dirs(extra_dirs: tuple[str, ...]) -> None:
    """Read and compile a user's rule files alone, raising RuleError on the first bad one: what a
    crawl checks up front (the package's own files are tested with it; the workers compile all)."""
    acc = _empty_acc()
    for path in _user_rule_files(extra_dirs):
        _parse_file(path, acc)


@_per_dirs
def load_id_rules(extra_dirs: tuple[str, ...] = ()) -> tuple[IdRule, ...]:
    """The operator-id rules alone (ids.toml's, the package's only file of them, then each extra
    directory's [[id]] and [platform_ids]): what discovery reads a blog's home page with, without
    compiling every other rule."""
    acc: dict = {"operator_ids": [], "platform_ids": []}
    for path in (BUILTIN_DIR / "ids.toml", *_user_rule_files(extra_dirs)):
        _parse_ids(_read_toml(path), path.name, acc)
    return with_platform(acc["operator_ids"], acc["platform_ids"])


@_per_dirs
def load_rules(extra_dirs: tuple[str, ...] = ()) -> RuleSet:
    """All rules: the package's own files, then each extra directory's *.toml in name order."""
    acc = _empty_acc()
    for path in _rule_files(extra_dirs):
        _parse_file(path, acc)
    save_compiled()
    return RuleSet(tuple(acc["lines"]), tuple(acc["blocks"]), tuple(acc["anchors"]),
                   tuple(acc["chrome"]), frozenset(acc["publishers"]), acc["chain_order"],
                   tuple(acc["source_blocks"]), frozenset(acc["short_link_hosts"]), acc["feed_title_hint"], acc["feed_title_max_chars"],
                   frozenset(acc["author_placeholders"]), tuple(acc["link_lists"]), acc["spintax"],
                   not_found=acc["not_found"], credit_line=acc["credit_line"], months=acc["months"],
                   site_gone=acc["site_gone"], redirects=tuple(acc["redirects"]), tags_line=acc["tags_line"],
                   commenter=acc["commenter"], reported=acc["reported"],
                   author_words=AuthorWords.of(acc["author_words"]),
                   shortcodes=Shortcodes.of(acc["shortcodes"]), confusables=Confusables(acc["confusables"]),
                   operator_ids=with_platform(acc["operator_ids"], acc["platform_ids"]),
                   share_links=tuple(acc["share_links"]),
                   named_boxes=NamedBoxes.of(acc["named_box_words"], acc["named_box_chars"]),
                   aggregators=frozenset(acc["aggregators"]))
