"""Cut splog residue from extracted text (head scan, tail scan, whole-line rules) and harvest provenance."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipelines.rules import LineRule, RuleSet, Shortcodes, chain_credit, fold, url_parses

# What a page's <title> puts between the headline and the site's name, as fold() leaves it (dashes
# become "-", and "»" a double quote)
TITLE_AFFIX_SEPS = (" :: ", " | ", " - ", " -- ", " >> ", ' " ', " \u00b7 ", " / ", " ~ ")
# what may stand between the headline and the publisher's (or the blog's) name when a line repeats it
_REPEAT_SEPS = (" - ", " | ", " :: ", " \u00b7 ")
LIST_LINES = 12  # at most this many items under a "Related posts" heading at the end of the text
LIST_ITEM_WORDS = 16  # an item is a headline: this many words at most, and no sentence end
# and this many characters at most, a wide one counting three (a paragraph in a script that writes no
# spaces between words, or no full stop at a sentence's end, as Thai, is longer)
LIST_ITEM_CHARS = 160
BOX_LINES = 3  # at most this many lines under an "About the author" heading at the end of the text
BOX_CHARS = 800  # and this many characters in all (a bio and a link, not a section of the article)
THREAD_LINES = 60  # at most this many lines under a "Comments" heading at the end of the text
THREAD_CHARS = 12000  # and this many characters in all
# A site's menu at an end of the text: this many short lines at least, of which this many (and a third
# at least) are a template's own items; an item no template set knows has this many words at most
MENU_ITEMS, MENU_KNOWN, MENU_ITEM_WORDS = 3, 2, 3
# (also Chinese and Japanese full stops, full-width marks and closing quotes, the Arabic question mark,
# the Devanagari danda and the Urdu full stop)
_SENTENCE_END = re.compile(r"[.!?:;\"')\]。！？：；」』）｡؟।॥۔]$")
# a widget's count after its item ("December 2026 (12)", "News (40)"): no sentence's end
_ITEM_COUNT = re.compile(r"\(\d[\d,.]*\)$")
# a kicker above the headline: a few words
_KICKER_CHARS = 50
_KICKER_WORDS = 6
_ABOVE_TITLE_CHARS = 160  # a line or two above the headline at the head of the text, cut with it
_HARVEST_FIELDS = ("feed_title", "publisher", "link", "source_url", "autoposted_at", "author", "published",
                   "updated")
# Where one template item ends and the next starts with no space between ("PostOlder", "BlogThis!Share").
_GLUED_WORDS = re.compile(r"(?<=[a-zß-öø-ÿа-яё!.)?])(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])")
_BYLINE_MARKS = " ·•|/-–—,:"  # what a theme sets between a byline's name and its date
# the name after a date line's "by" under the text: a capitalised name or a user name ("admin"), not
# words ("by the harbour")
_NAME_LIKE = re.compile(r"[^\W\d_](?<![a-zß-öø-ÿа-яё])[^|·•]*|[\w.-]{2,30}")
# a byline's parts (a writer, an outlet, a date), its lead word, and the words after an outlet's name
# that make it the outlet's staff ("By Reuters Staff")
_BYLINE_PARTS = re.compile(r"\s*(?:,|\||\u00b7|\u2022|\s-\s|\s/\s)\s*")
_BYLINE_LEAD = re.compile(r"^(?:by|por|par|von|oleh)\b\s*:?\s*", re.I)
_BYLINE_STAFF = re.compile(r"\s+(?:staff|staff reports?|wire|wire services?|news service|reporters?)$", re.I)
_NAME_START = re.compile(r"[^\W_](?<![a-zß-öø-ÿа-яё])")  # a name's first letter: a capital, a digit, or a script without case
# A short label before the headline repeated under a copied post ("Article Link: <headline> - <publisher>")
_LABEL_BEFORE = re.compile(r"[^\s:]{1,24}(?: [^\s:]{1,24}){0,2}\s*:\s*")
_COPY_SIGNS = frozenset({"tool", "feed_title", "publisher", "link", "source_url", "autoposted_at", "copy"})


# a list item's bullet as our text writes it ("- "), or as a copy keeps it ("• ", "· ")
_HEAD_BULLET = re.compile(r"[-•·]\s+")


# what follows a publisher's name in a credit's link text or after it: a screen reader's note, an arrow,
# the link's own words
_PUBLISHER_TAIL = re.compile(r"(\s*(\((opens|open|opening) in (a )?new (tab|window)\)|\((external( link)?|link is external)\)"
                             r"|[→»›\"]+|\s[-|]\s*(read more|read the full (story|article)|continue reading|full story)\b[.…]*))+\s*$",
                             re.I)


@dataclass(slots=True)
class Harvest:
    """Provenance found while cutting: what the residue said about the article's origin."""

    feed_titles: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    source_urls: list[str] = field(default_factory=list)
    autoposted_at: str | None = None
    authors: list[str] = field(default_factory=list)
    # the writers a credit of a copy names (an importer's "Author: …" under the text, a cut block's
    # "By …"), not a byline over the text, which may be the copying site's own
    credited_authors: list[str] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    chrome_languages: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)  # written dates: "Posted on 14 January 2025"
    updated: list[str] = field(default_factory=list)  # "Updated: 16 January 2025"
    platform_tools: list[str] = field(default_factory=list)  # "wordpress:wp-rss-aggregator": a tool if the page is one
    credit_links: dict[str, str] = field(default_factory=dict)  # a credit's linked name -> its href ("Source: <a>X</a>")

    def add(self, name: str, value: str | None) -> None:
        """Record one harvested value (first autoposted_at wins; lists keep order, no repeats)."""
        if not value:
            return
        value = value.strip()
        if name == "autoposted_at":
            self.autoposted_at = self.autoposted_at or value
            return
        if name in ("source_url", "link") and not url_parses(value):
            return  # (a page's broken link: "http://[::1/x", a port out of range)
        if name == "source_url":
            if not value.lower().startswith(("http://", "https://")):
                return  # (a rule's group that caught a bare address: source.url is a URL)
            # a text's URL at the end of its sentence or inside brackets ("(Source: https://…)")
            value = value.rstrip(".,;:!?\"'»") or value
            if value.endswith((")", "]")) and value.count("(") + value.count("[") < value.count(")") + value.count("]"):
                value = value[:-1]
        if name == "publisher":
            # what a credit's link adds after the name ("X (opens in new tab)", "X →", "X - Read more")
            value = _PUBLISHER_TAIL.sub("", value).strip() or value
        bucket = {"feed_title": self.feed_titles, "publisher": self.publishers, "link": self.links,
                  "source_url": self.source_urls, "author": self.authors,
                  "credited_author": self.credited_authors, "tool": self.tools,
                  "chrome": self.chrome_languages, "published": self.published,
                  "updated": self.updated, "platform_tool": self.platform_tools}[name]
        if value not in bucket:
            bucket.append(value)

    def add_credit(self, name: str, value: str | None) -> None:
        """One value a signature block gave: its writer is the original's (credited_authors) too."""
        self.add(name, value)
        if name == "author":
            self.add("credited_author", value)


# HTML a chain escaped once too often, shown to readers as text ("…agreed.<br /><br />The vote…",
# "<strong>Fish</strong>"): a tag of a known element, bare or with attributes that all have values
# ("x <b and c> y" is no tag); a script's, style's or frame's content goes with it.
_BLOCK_TAGS = ("p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "tr", "table",
               "tbody", "thead", "section", "article", "header", "footer", "figure", "figcaption", "hr", "pre", "center")
_INLINE_TAGS = ("a", "b", "i", "u", "em", "strong", "span", "font", "small", "sup", "sub", "code", "img", "td", "th",
                "abbr", "cite", "mark", "s", "strike", "del", "ins", "big")
_ATTRS = r"""(?:\s+[a-zA-Z][\w:-]*\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=]+))*\s*/?"""
_SHOWN_CONTENT = re.compile(rf"<(script|style|iframe|noscript)\b{_ATTRS}>.*?</\1\s*>|<(?:script|style|iframe|noscript)\b{_ATTRS}>",
                            re.I)
_SHOWN_TAG = re.compile(rf"</?({'|'.join(sorted(_BLOCK_TAGS + _INLINE_TAGS, key=len, reverse=True))})\b{_ATTRS}>", re.I)
_BLOCK = frozenset(_BLOCK_TAGS)
# the tags a line may hold alone and still be leaked markup: a break, a paragraph's, an image
_ALONE = re.compile(rf"</?(?:br|p|img|hr)\b{_ATTRS}>", re.I)
# a line of code or about HTML, where tags are shown on purpose: one in quotes ('<p>', a string of a
# program), a line that opens with a quote, a prompt (">>>"), the word "HTML"
_CODE_LIKE = re.compile(r"""^\s*['"`]|['"`(]\s*<|>>>|(?<![./\w])html(?!\w)""", re.I)


def strip_shown_tags(text: str) -> tuple[str, list[str]]:
    """Text without the HTML tags it shows as text: a block's tag ends a line, an inline one goes; what
    was cut, one entry per line of the text as it came. A line of code or about HTML is left alone;
    a text with a line of other markup alone (a code sample's "<div class="post">") is left whole."""
    if "<" not in text or ">" not in text:
        return text, []
    out: list[str] = []
    removed: list[str] = []
    for line in text.split("\n"):
        if "<" not in line or _CODE_LIKE.search(line):
            out.append(line)
            continue
        pieces: list[str] = []

        def cut(m: re.Match[str]) -> str:  # (a block's tag ends the line)
            pieces.append(m.group(0))
            return "\n" if m.re is _SHOWN_TAG and m.group(1).lower() in _BLOCK else ""

        kept = _SHOWN_TAG.sub(cut, _SHOWN_CONTENT.sub(cut, line))
        parts = [part for part in (" ".join(x.split()) for x in kept.split("\n")) if part]
        if not pieces:
            out.append(line)
            continue
        if not parts and not all(_ALONE.fullmatch(p) for p in pieces):
            return text, []  # (a line of markup alone, "<div class="post">": the text shows a code sample)
        removed.append(" ".join(pieces))
        out.extend(parts)
    return "\n".join(out), removed


# A shortcode's tag: "[name]", "[/name]", "[name attr="value" …]", "[name /]"
_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]{0,40})(\s[^\[\]\n]{0,400}?)?\s*/?\]")


def strip_shortcodes(text: str, codes: Shortcodes | None) -> tuple[str, list[str]]:
    """Text without the WordPress shortcodes printed raw in it (lines.toml [shortcodes]), and what was
    cut, one entry per line; a line left empty goes. A line that says "shortcode" is left alone: it
    is about them ("Add the [gallery] shortcode to the post")."""
    if codes is None or "[" not in text or "]" not in text:
        return text, []
    tags = list(_SHORTCODE.finditer(text))
    if not tags:
        return text, []
    closed = {m.group(2) for m in tags if m.group(1)}

    def is_code(m: re.Match[str]) -> bool:
        attrs = m.group(3)
        return codes.known(m.group(2)) or m.group(2) in closed or bool(attrs and "=" in attrs)

    out: list[str] = []
    removed: list[str] = []
    for line in text.split("\n"):
        if "[" not in line or "shortcode" in line.lower():  # (a line about shortcodes shows them)
            out.append(line)
            continue
        pieces: list[str] = []

        def cut(m: re.Match[str]) -> str:
            pieces.append(m.group(0))
            return ""

        if codes.wrapped is not None:
            line = codes.wrapped.sub(cut, line)
        line = _SHORTCODE.sub(lambda m: cut(m) if is_code(m) else m.group(0), line)
        if pieces:
            removed.append(" ".join(pieces))
            line = " ".join(line.split())
            if not line:
                continue
        out.append(line)
    return "\n".join(out), removed


def resolve_spintax(text: str, pattern: re.Pattern[str] | None) -> tuple[str, list[str]]:
    """Text with a spinner's unresolved choices ("{quick|fast|rapid}") replaced by their first choice
    (nested groups from the inside out), and the groups found."""
    found: list[str] = []
    if pattern is None or "|" not in text or "{" not in text:
        return text, found

    def first(m: re.Match[str]) -> str:
        found.append(m.group(0))
        return m.group(1)

    for _ in range(4):  # (a group inside a group is matched once the inner one is resolved)
        text, n = pattern.subn(first, text)
        if not n:
            break
    return text, found


def ui_language_of(languages: list[str]) -> str | None:
    """The UI language the template strings a page matched are in: another than English first
    (English strings are shared by several sets), else English, else none."""
    return next((lang for lang in languages if lang != "en"), languages[0] if languages else None)


@dataclass(slots=True)
class CutText:
    text: str
    removed: list[tuple[str, str]]  # (rule id, text cut), in text order
    harvest: Harvest


@dataclass(slots=True)
class Context:
    """What the cleaner knows about the post besides its text."""

    title: str | None = None
    raw_title: str | None = None
    blog_name: str | None = None
    blog_host: str | None = None
    feed_title: str | None = None
    labels: tuple[str, ...] = ()  # the post's categories and tags (a section kicker above the text is one)
    authors: tuple[str, ...] = ()  # the writers the feed or the page's metadata name (an author box under the text names one)


# A line under a newsletter box's heading with this many words and a sentence's end is the article's,
# unless it speaks of the sign-up (an e-mail, an inbox, a subscription, the privacy policy)
_BOX_SENTENCE_WORDS = 12
_SIGN_UP_WORDS = re.compile(r"newsletter|e-?mail|inbox|subscri|sign(ing)? ?up|unsubscri|privacy|spam|posteingang|abonn|datenschutz|"
                            r"inscri|suscri|correo|privacidad|assin|privacidade|iscriv|langganan|berlangganan|kotak masuk")


# the count a comments heading gives ("3 Comments", "Comments (3)", "12 thoughts on …")
_COMMENT_COUNT = re.compile(r"\d{1,4}")

# A repeat is cut when it has this many characters at least (an excerpt, a paragraph or a run of
# them), and its lines this many on average (a song's lines have fewer)
REPEAT_CHARS, REPEAT_LINE_CHARS = 60, 40
_WORD = re.compile(r"\w+")
_WIDE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# how an excerpt ends when it is cut off: "…", "...", "[…]", "[...]", "(…)", or a "Read more" after it
_EXCERPT_END = re.compile(r"\s*(?:[\[(]?(?:…|\.\.\.)[\])]?)\s*(?:(?:read more|continue reading)\W*)?$")


# a time alone, as a date line gives the hour of the last change on the day it was published
# ("Publié le 2 décembre 2026 à 09h12, mis à jour à 11h40"), and a date's time with what follows it
_TIME_ALONE = re.compile(r"\d{1,2}[:h.]\d{2}(\s*(uhr|h|[ap]\.?m\.?))?(\s*[a-z]{2,4})?\.?", re.I)
_TIME_AFTER_DATE = re.compile(r"(?<=\d)[\s,]+(?:(?:à|at|um|às|a las|pukul|lúc|-)\s+)?\d{1,2}[:h.]\d{2}\b.*$", re.I)
_TIME_IN = re.compile(r"\d{1,2}[:h.]\d{2}")
# a time written before its date, as US papers print it ("9:12 a.m. ET Dec. 1, 2026", and what follows
# it: "… | Updated …") and Vietnamese ones ("09:12 02/12/2026"): the time (with its zone), the date
TIME_FIRST = re.compile(r"(\d{1,2}[:.]\d{2}\s*(?:[aApP]\.?[mM]\.?)?(?:\s*[A-Z]{2,5}\b)?)[\s,]+"  # the time, its zone
                        r"([^|·•\d]{0,12}\d{1,2},? \d{4}|\d{1,2}\.? [^\W\d]{3,12}\.?,? \d{4}"  # the date
                        r"|(?:ngày )?\d{1,2}([/.-])\d{1,2}\3\d{4})\b")  # (in figures: "09:12 02/12/2026")


def _on_day_of(published: str, updated: str) -> str:
    """The date of a change given as a time alone, on the day of the published date before it
    ("11h40" after "2 décembre 2026 à 09h12" is "2 décembre 2026 11h40", "3:15 p.m. ET" after "9:12
    a.m. ET Dec. 1, 2026" is "Dec. 1, 2026 3:15 p.m. ET"); any other as it is."""
    if not _TIME_ALONE.fullmatch(updated.strip()):
        return updated
    published = published.strip()
    day = _TIME_AFTER_DATE.sub("", published)
    if day == published and (first := TIME_FIRST.match(published)) is not None:
        day = first[2]  # ("9:12 a.m. ET Dec. 1, 2026")
    if day == published and _TIME_IN.search(published):
        return updated  # (a time the date's words hold in a way not read here)
    return f"{day} {updated.strip()}"


def _bare_headline(key: str) -> str:
    """A line as the headline it may repeat, without the quotes around it or a full stop after it
    ('"Bridge reopens"', "Bridge reopens.")."""
    return key.strip(' "').rstrip(".").strip(' "')


def _words(line: str) -> str:
    """A line's words alone, one space between them (its punctuation left out)."""
    return " ".join(_WORD.findall(line))


def _size(plain: str) -> int:
    """A text's length in characters, a Chinese, Japanese or Korean one counted as three (a word's
    worth: a line of 30 of them is a sentence, not a song's line)."""
    return len(plain) + 2 * len(_WIDE.findall(plain)) if not plain.isascii() else len(plain)


class _Scan:
    """One cleaning pass over a list of lines."""

    def __init__(self, lines: list[str], rules: RuleSet, ctx: Context, harvest: Harvest) -> None:
        self.lines = lines
        self.folded = [fold(line) for line in lines]
        self.keys = [line.lower() for line in self.folded]
        self.found: list[tuple[int, str, str]] = []  # (line index, harvest field, value)
        self.rules = rules
        self.harvest = harvest
        self.cut: dict[int, str] = {}
        self.trimmed: list[tuple[int, str, str]] = []  # (line index, rule id, text trimmed off its end)
        self.pending: set[int] = set()  # lines cut by copies_only rules, kept if the page is no copy
        self.template: set[int] = set()  # lines a chrome set cut (a menu's items among them)
        titles = {fold(t).lower() for t in (ctx.title, ctx.raw_title) if t}
        # and each without the site's name that a page's <title> adds ("Headline :: Site",
        # "Headline | Site"): the heading above the text is the headline alone
        # (in a fixed order, the shortest first: a line "<headline> - <publisher>" is read as the
        # headline with its publisher after it, not as the whole <title> it may also equal; a set's
        # order changed with each run's string hashing)
        self.titles = tuple(sorted(titles | {head.strip() for t in titles for sep in TITLE_AFFIX_SEPS
                                             for head in [t.rpartition(sep)[0]] if len(head.split()) >= 3},
                                   key=lambda t: (len(t), t)))
        self.names = {fold(n).lower() for n in (ctx.blog_name, ctx.blog_host) if n}
        self.labels = {fold(n).lower() for n in ctx.labels if n}
        self.authors = {fold(n).strip().lower() for n in ctx.authors if n and n.strip()}
        self.feed_title = fold(ctx.feed_title).lower() if ctx.feed_title else None

    def _apply(self, i: int, rule: LineRule, match: re.Match[str]) -> None:
        self.cut[i] = rule.id
        if rule.copies_only:
            self.pending.add(i)
        self._apply_groups(i, rule, match)
        if rule.id == "chrome.byline":
            self._byline_outlet(i, match.string)
            if not match.groupdict().get("published"):
                self._byline_date(i, match.string)

    def _byline_outlet(self, i: int, line: str) -> None:
        """A known news outlet a byline names beside its writer or for one ("By Ann Lee, Associated
        Press", "By Ann Lee | Reuters", "By Reuters Staff", "By The Associated Press"): the story's
        publisher (the blog's own name is dropped later, as every harvested publisher's is)."""
        for part in _BYLINE_PARTS.split(_BYLINE_LEAD.sub("", line.strip())):
            name = _BYLINE_STAFF.sub("", part.strip(" ."))
            key = fold(name).lower()
            if key in self.rules.publishers or key.removeprefix("the ") in self.rules.publishers:
                self.found.append((i, "publisher", name))
                return

    def _byline_date(self, i: int, line: str) -> None:
        """A byline whose date the byline rule's own forms do not read ("Oleh: Ann Lee | Jumat, 9
        Oktober 2026 14:05 WIB", "Por Ann Lee · 9 de octubre de 2026"): the line dates the post when
        a date written with a month's name or in figures stands in it, and no word says it is the date
        of a change ("By Ann Lee | Updated 09.10.2026")."""
        from pipelines.metadata import named_date

        if not _UPDATE_WORD.search(line) and named_date(line, self.rules.months):
            self.found.append((i, "published", line))

    def _apply_groups(self, i: int, rule: LineRule, match: re.Match[str]) -> None:
        if (credit := chain_credit(rule)) is not None:
            self.found.append((i, *credit))
        if rule.copy:
            self.found.append((i, "copy", rule.id))
        groups = match.groupdict()
        if groups.get("updated") and groups.get("published"):
            groups["updated"] = _on_day_of(groups["published"], groups["updated"])
        for name in _HARVEST_FIELDS:
            if groups.get(name):
                self.found.append((i, name, groups[name]))
        if groups.get("author") and rule.where != "head":
            self.found.append((i, "credited_author", groups["author"]))

    def _reported(self, i: int) -> bool:
        """The line ends by saying who spoke (", the board urged residents."): the article reporting
        a call that a template also prints."""
        reported = self.rules.reported
        return reported is not None and reported.search(self.keys[i]) is not None

    def _line_rule(self, i: int, where: str, line: str | None = None) -> str | None:
        hit = self.rules.line_match(where, self.folded[i] if line is None else line)
        # (a tool's footer that prints a title is its own, whatever the title says: "The post X, police
        # say appeared first on Y."; a tool's line that may stand anywhere is a statement, which a story
        # may report: "This report was written with the help of ChatGPT, the lawyer admitted.")
        if hit is None or ((not hit[0].chain or hit[0].where == "any") and line is None and self._reported(i)):
            return None
        self._apply(i, *hit)
        return hit[0].id

    def _chrome(self, i: int) -> str | None:
        chrome = self.rules.chrome_match(self.keys[i])
        if chrome is None and self.keys[i].startswith("- "):
            chrome = self.rules.chrome_match(self.keys[i][2:])  # (an item of a list of share links: "- Teilen")
        if chrome is None and _GLUED_WORDS.search(self.folded[i]):
            # a template's items run together without spaces, as a minified pager or share row
            # reads ("Newer PostOlder PostHome"): read as a run of the items
            chrome = self.rules.chrome_match(_GLUED_WORDS.sub(" ", self.folded[i]).lower())
        if chrome is None or self._reported(i):
            return None
        self.cut[i] = chrome.id
        self.template.add(i)
        if chrome.language != "any":  # (a language-neutral set says nothing of the template's language)
            self.found.append((i, "chrome", chrome.language))
        return chrome.id

    def _share_blog(self, i: int) -> str | None:
        """A newsletter's share button with the blog's own name under the post ("Share Island Notes",
        as Substack prints it)."""
        label, _, name = self.keys[i].partition(" ")
        if label != "share" or name not in self.names:
            return None
        self.cut[i] = "chrome.share-blog"
        return self.cut[i]

    def _title_repeat(self, i: int, head: bool = False) -> str | None:
        """The headline again below the text, alone, with its publisher after " - ", or after a short
        label ("Article Link: <headline> - <publisher>", the linked entry title of a feed-to-blog tool).
        `head`: above the text, where a feed-to-blog tool also prints the entry's title with its
        publisher (a Google News item's "<headline> - <publisher>" over a post titled by the headline
        alone), only with a name after " - ": no sentence, not in lower case ("… - live updates")."""
        key, folded = self.keys[i], self.folded[i]
        label = _LABEL_BEFORE.match(key)
        for start in (0, label.end()) if label else (0,):
            rest = key[start:]
            bare = _bare_headline(rest)
            for title in self.titles:
                if title in (rest, bare):
                    self.cut[i] = "title.repeat"
                    return "title.repeat"
                sep = next((sep for sep in _REPEAT_SEPS if rest.startswith(title + sep)), None)
                if sep is not None and len(rest) - len(title) <= 80:
                    name = folded[start + len(title) + len(sep):]
                    if head and (_SENTENCE_END.search(name) or not _NAME_START.match(name)):
                        continue
                    self.cut[i] = "title.repeat"
                    if name.lower() not in self.names:  # (the blog's own name is no publisher)
                        self.found.append((i, "publisher", name))
                    return "title.repeat"
        return None

    def _ingredient(self, i: int, below: str | None) -> str | None:
        """IFTTT ingredients with no fixed text: the feed title and entry title above a date/link line."""
        if below not in ("ifttt.date", "ifttt.link", "ifttt.feed-title") or _SENTENCE_END.search(self.keys[i]):
            return None
        if _SENTENCE_INSIDE.search(self.keys[i]):
            # the article's last line, with the feed's title run on after its last sentence ("… said.
            # Harbour Daily" above IFTTT's date): that title is trimmed off, the sentences kept
            if below == "ifttt.date":
                self._feed_title_after_sentence(i)
            return None
        key, rules = self.keys[i], self.rules
        looks_like_feed = (key == self.feed_title or self.keys.count(key) > 1 or (
            rules.feed_title_hint is not None and len(key) <= rules.feed_title_max_chars
            and rules.feed_title_hint.fullmatch(key) is not None))
        if looks_like_feed and below != "ifttt.feed-title":
            self.cut[i] = "ifttt.feed-title"
            self.found.append((i, "feed_title", self.folded[i]))
            self.found.append((i, "tool", "ifttt"))
            return "ifttt.feed-title"
        if below == "ifttt.link" and len(key) <= 300:
            self.cut[i] = "ifttt.entry-title"
            head, sep, tail = self.folded[i].rpartition(" - ")
            if sep and head:
                self.found.append((i, "publisher", tail))
            return "ifttt.entry-title"
        return None

    def _feed_title_after_sentence(self, i: int) -> None:
        ends = list(_SENTENCE_INSIDE.finditer(self.lines[i]))
        if not ends:
            return
        rest = self.lines[i][ends[-1].end():].strip()
        if not 1 <= len(rest.split()) <= 10 or len(rest) > self.rules.feed_title_max_chars:
            return
        self.trimmed.append((i, "ifttt.feed-title", rest))
        self.lines[i] = self.lines[i][:ends[-1].end()].rstrip()
        self.folded[i] = fold(self.lines[i])
        self.keys[i] = self.folded[i].lower()
        self.found.append((i, "feed_title", fold(rest)))
        self.found.append((i, "tool", "ifttt"))

    def tail(self) -> None:
        below: str | None = None
        i = len(self.lines) - 1
        while i >= 0:
            if not self.keys[i] or i in self.cut:
                i -= 1
                continue
            hit = (self._line_rule(i, "tail") or self._chrome(i) or self._title_repeat(i)
                   or self._ingredient(i, below) or self._dated_byline(i) or self._share_blog(i))
            if hit is None:
                heading = self._list_heading(i)
                if heading is None:
                    heading = self._box_heading(i)
                if heading is None:
                    heading = self._comment_thread(i)
                if heading is None:
                    heading = self._author_box(i)
                if heading is None:
                    heading = self._menu(i, -1)
                if heading is None:
                    self._suffix(i)
                    return
                i, hit = heading, self.cut[heading]
            below = hit
            i -= 1

    def _suffix(self, i: int) -> None:
        """The last article line may end with residue run on after its last sentence ("... said.
        Let's block ads! (Why?)", "... said. via IFTTT"): `where = "suffix"` rules trim it off."""
        for rule in self.rules.by_where["suffix"]:
            m = rule.pattern.fullmatch(self.folded[i])
            if m is None:
                continue
            words = self.lines[i].split()
            keep = len(m.group("kept_text").split())
            self.trimmed.append((i, rule.id, " ".join(words[keep:])))
            self.lines[i] = " ".join(words[:keep])
            self.folded[i] = fold(self.lines[i])
            self.keys[i] = self.folded[i].lower()
            self._apply_groups(i, rule, m)
            return

    def _list_heading(self, last: int) -> int | None:
        """A "Related posts:" heading (a `where = "list"` rule) at most LIST_LINES lines above
        `last`, with only short lines that end no sentence between (a widget's count after an item,
        "December 2026 (12)", is no sentence's end)."""
        return self._heading_over(last, "list", LIST_LINES,
                                  lambda key, _chars: len(key.split()) <= LIST_ITEM_WORDS and _size(key) <= LIST_ITEM_CHARS
                                  and (not _SENTENCE_END.search(key) or _ITEM_COUNT.search(key) is not None))

    def _box_heading(self, last: int) -> int | None:
        """An "About the author" heading (a `where = "box"` rule) at most BOX_LINES lines above `last`,
        the lines between (a bio, a link to the author's site) BOX_CHARS characters in all at most."""
        return self._heading_over(last, "box", BOX_LINES, lambda _key, chars: chars <= BOX_CHARS, self._box_lines)

    def _box_lines(self, items: list[int], heading: LineRule, _at: int) -> bool:
        """Whether the lines under a box's heading are the box's: under a newsletter's heading, none is
        a long sentence that names nothing of a sign-up (a news site's "Sign up for our newsletter"
        between the article's last paragraphs is no box over them)."""
        if heading.id != "promo.newsletter-box":
            return True
        return not any(len(self.keys[j].split()) >= _BOX_SENTENCE_WORDS and _SENTENCE_END.search(self.keys[j])
                       and not _SIGN_UP_WORDS.search(self.keys[j]) for j in items)

    def _comment_thread(self, last: int) -> int | None:
        """Readers' comments under the text, in no element a theme marks as such: a "Comments" heading
        (a `where = "thread"` rule) at most THREAD_LINES lines above `last`, the line right under it
        and at least half of those under it opening as a comment does ("Ann Lee wrote: …", "Bo Chan
        (March 5, 2026): …", lines.toml [commenter]); or, when the extractor left out the commenters'
        names, a heading that counts them ("3 Comments") over as many lines as it says and at most
        three times as many (a comment of a few paragraphs, a name and a date on lines of their own).
        The heading and the comments are cut, and the commenters' names are no author of the post."""
        commenter = self.rules.commenter
        if commenter is None:
            return None

        def comments(items: list[int], _heading: LineRule, at: int) -> bool:  # (items from the bottom up: the last is under the heading)
            if not items:
                return False
            count = _COMMENT_COUNT.search(self.keys[at])
            if count is not None and 0 < int(count.group()) <= len(items) <= 3 * int(count.group()):
                return True
            opening = [j for j in items if commenter.match(self.folded[j])]
            return items[-1] in opening and 2 * len(opening) >= len(items)

        return self._heading_over(last, "thread", THREAD_LINES, lambda _key, chars: chars <= THREAD_CHARS, comments)

    def _menu(self, at: int, step: int) -> int | None:
        """A site's menu at an end of the text, as an extractor keeps it, one item a line ("Home",
        "World", "Careers", "About Us", "Privacy Policy"): a run of lines from `at` on (`step` -1 up
        from the tail, 1 down from the head), each with no sentence's end, known to a chrome set or a
        few capitalised words, with the items a chrome set cut just before it on the same side; at
        least MENU_ITEMS of them, MENU_KNOWN and a third of them known. Cut, and the index of its
        last item (from `at`) returned. A run that reaches the other end, or that a line ending with a
        colon leads into (a list's lead-in: "Bring:"), is the article's."""
        known = 0
        j = at - step
        while 0 <= j < len(self.keys) and (not self.keys[j] or j in self.template):
            if self.keys[j] and self._menu_item(j, True) is None:
                break
            known += bool(self.keys[j])
            j -= step
        run: list[tuple[int, bool]] = []
        j = at
        while 0 <= j < len(self.keys):
            key = self.keys[j]
            if key and j not in self.cut:
                chrome = self._menu_item(j, False)
                if chrome is None:
                    break
                run.append((j, chrome))
            j += step
        else:
            return None  # (nothing of the article on the other side)
        if self.keys[j].endswith(":") or not run:
            return None
        known += sum(chrome for _, chrome in run)
        total = known + sum(not chrome for _, chrome in run)
        if total < MENU_ITEMS or known < MENU_KNOWN or 3 * known < total:
            return None
        for j, chrome in run:
            if not (chrome and self._chrome(j)):
                self.cut[j] = "chrome.menu"
                self.template.add(j)
        return run[-1][0]

    def _menu_item(self, j: int, cut: bool) -> bool | None:
        """Whether line j may be a menu's item: True if a chrome set knows it (or `cut`: it cut it),
        False if it is a few capitalised words, None if it is no item."""
        key = self.keys[j]
        if _SENTENCE_END.search(key):
            return None
        if cut or self.rules.chrome_match(key) is not None:
            return True
        return False if len(key.split()) <= MENU_ITEM_WORDS and _NAME_START.match(self.folded[j]) else None

    def _top(self) -> int | None:
        """The first line the scans have left."""
        return next((j for j, key in enumerate(self.keys) if key and j not in self.cut), None)

    def _author_box(self, last: int) -> int | None:
        """A theme's author box under the post: a line that is the writer's name (as the feed or the
        page's metadata give it), at most BOX_LINES lines above `last`, over a short bio (BOX_CHARS
        characters in all at most); or the name alone, a signature, on the last line. A name with no
        text of the article above it is a byline over a short post, no box (the head scan cuts it)."""
        if not self.authors:
            return None
        chars = 0
        for i in range(last, max(last - BOX_LINES - 1, -1), -1):
            key = self.keys[i]
            if not key or i in self.cut:
                continue
            if key in self.authors:
                if i == self._top():
                    return None
                for j in range(i, last + 1):
                    if self.keys[j] and j not in self.cut:
                        self.cut[j] = "author.box"
                return i
            chars += len(key)
            if chars > BOX_CHARS:
                return None
        return None

    def _heading_over(self, last: int, where: str, span: int, fits: Callable[[str, int], bool],
                      under: Callable[[list[int], LineRule, int], bool] | None = None) -> int | None:
        """A heading that a `where` rule matches, at most `span` lines above `last`, over lines that
        `fits` takes (each line's key, from the bottom up, with the characters of the lines from
        there down) and, all together, `under` takes (with the heading's rule and index): the heading
        and those lines are cut, and the index of the heading is returned. A heading with no text of
        the article above it is none: the lines under it are the article."""
        if not self.rules.by_where[where]:
            return None
        items: list[int] = []
        chars = 0
        top = self._top()
        for i in range(last, max(last - span - 1, -1), -1):
            key = self.keys[i]
            if not key:
                continue
            if i == top:
                return None
            # (also a line an "anywhere" rule cut: "Most Read" heads a list)
            hit = self.rules.line_match(where, self.folded[i])
            if hit is not None:
                if under is not None and not under(items, hit[0], i):
                    return None
                self._apply(i, *hit)
                for item in items:
                    self.cut[item] = self.cut[i]
                return i
            if i in self.cut:
                continue
            chars += len(key)
            if not fits(key, chars):
                return None
            items.append(i)
        return None

    def head(self) -> None:
        for i in range(len(self.lines)):
            if not self.keys[i] or i in self.cut:
                continue
            if self.keys[i] in self.titles or self.keys[i] in self.names:
                self.cut[i] = "head.title" if self.keys[i] in self.titles else "head.blog-name"
                continue
            if self._title_repeat(i, head=True):  # the headline with its publisher ("<headline> - Reuters")
                continue
            if self.keys[i] in self.labels:  # a section kicker ("WORLD NEWS") that is one of the post's categories
                self.cut[i] = "head.label"
                continue
            if self.keys[i].strip(_BYLINE_MARKS) in self.authors:
                # a byline that is the writer's name alone, or with the mark a theme set between it and
                # the date the extractor left out ("Jonas Weber ·")
                self.cut[i] = "head.author"
                continue
            if not (self._line_rule(i, "head") or self._line_rule(i, "inside") or self._chrome(i) or self._kicker(i)
                    or self._head_item(i) or self._above_title(i) or self._meta_row(i) or self._menu(i, 1) is not None):
                self._dated_byline_under(i)
                return
            if self.cut[i] == "chrome.byline" and i + 1 < len(self.lines) and self.keys[i + 1] and i + 1 not in self.cut:
                self._line_rule(i + 1, "byline")  # the writer's job on the line under the byline

    def _meta_row(self, i: int) -> str | None:
        """A theme's meta row whose items the head rules, the rules that may stand anywhere or the chrome
        sets each read alone, set on one line with bars or dots between ("Veröffentlicht: 09.10.2026,
        14:05 Uhr | Lesezeit: 3 Min.", "By Ann Lee • 3 min read"), or with spaces alone before labelled
        items ("2026-12-02 09:12 来源：港口日报 作者：王小明"), some items perhaps the post's category,
        its writer, the site's or a known publisher's name ("World | 9 October 2026", "AFP | Updated: Oct 9, 2026"): cut, and
        read for what each rule's item gives."""
        parts = _ROW_SEPARATOR.split(self.folded[i])
        if len(parts) == 1:
            parts = _LABELLED_ITEM.split(self.folded[i])
        if not 2 <= len(parts) <= _ROW_ITEMS:
            return None
        hits = []
        for part in parts:
            key = part.lower()
            hit = (self.rules.line_match("head", part) or self.rules.line_match("inside", part)
                   or self.rules.line_match("any", part))
            if hit is None and self.rules.chrome_match(key) is None:
                if key not in self.labels and key not in self.authors and key not in self.names \
                        and key not in self.rules.publishers:
                    return None
                continue
            hits.append(hit)
        if not hits:
            return None  # (names alone: a menu's or a list's line, not a meta row)
        self.cut[i] = "head.meta-row"
        for hit in hits:
            if hit is not None:
                self._apply_groups(i, *hit)
        return self.cut[i]

    def _dated_byline(self, i: int) -> str | None:
        """A byline that dates the post, where the head scan does not reach: the head's byline rule,
        only with its date ("Written by Ann Lee on March 3, 2026", "By admin | March 3, 2026 | 0
        comments" in a theme's footer), or the head's date line with a name after it ("March 3, 2026
        by Ann Lee"), which no sentence of the story is. Cut and read for its writer and date."""
        if _SENTENCE_END.search(self.keys[i]):
            return None
        hit = self.rules.line_match("head", self.folded[i])
        if hit is None or not hit[1].groupdict().get("published"):
            return None
        if hit[0].id != "chrome.byline" and not (hit[0].id == "chrome.posted-date" and _NAME_LIKE.fullmatch(
                hit[1].groupdict().get("author") or "")):
            return None
        self._apply(i, *hit)
        return hit[0].id

    def _dated_byline_under(self, i: int) -> None:
        """The byline with its date right under the first line of the text that is no residue: a
        standfirst, the line a news theme sums the story up in under its headline ("… a new national
        role in the world" over "by Duncan Bell / January 19, 2017 / Leave a comment")."""
        j = next((j for j in range(i + 1, len(self.lines)) if self.keys[j]), None)
        if j is not None and j not in self.cut:
            self._dated_byline(j)

    def _head_item(self, i: int) -> str | None:
        """A theme's meta line printed as a list's item above the post ("- 27 juin 2019", "- Par Elba",
        "- 2018/6/19 5:50"): the head rules read it without its bullet."""
        item = _HEAD_BULLET.match(self.folded[i])
        return self._line_rule(i, "head", self.folded[i][item.end():]) if item else None

    def inside(self) -> None:
        """The tail rules marked `inside` on the lines the scans from the ends left: a tool's line
        that is residue wherever it stands (an IFTTT template that puts the entry's short link above
        the text, or a post of several feed entries, each with its own footer)."""
        for i, key in enumerate(self.keys):
            if key and i not in self.cut:
                self._line_rule(i, "inside")

    def _kicker(self, i: int) -> str | None:
        """A short line right above the headline at the head of the text: a section's name or a
        kicker ("Market Insider", "Analysis"), or a page's skip link ("Main Content")."""
        j = next((j for j in range(i + 1, len(self.lines)) if self.keys[j]), None)
        if j is None or self.keys[j] not in self.titles or len(self.keys[i]) > _KICKER_CHARS \
                or len(self.keys[i].split()) > _KICKER_WORDS or _SENTENCE_END.search(self.keys[i]):
            return None
        self.cut[i] = "head.kicker"
        return "head.kicker"

    def _above_title(self, i: int) -> str | None:
        """A line or two above the headline at the head of the text, longer than a kicker: a sidebar's
        teaser or a promo's line that trafilatura read before the post ("Updated models with AMD
        graphics options expected in early 2017." over the headline), _ABOVE_TITLE_CHARS at most;
        never when no text follows the headline (a short post that ends with its title, as an
        affiliate's product blurb does, is those lines)."""
        chars, seen = 0, 0
        for j in range(i, len(self.lines)):
            if not self.keys[j]:
                continue
            if self.keys[j] in self.titles:
                if not seen or not any(self.keys[j + 1:]):
                    return None
                for k in range(i, j):
                    if self.keys[k]:
                        self.cut[k] = "head.above-title"
                return "head.above-title"
            chars, seen = chars + len(self.keys[j]), seen + 1
            if seen > 2 or chars > _ABOVE_TITLE_CHARS:
                return None
        return None

    def repeats(self) -> None:
        """What an autoblog's template prints twice: the post's excerpt above its whole text (the
        excerpt's words open the text; it may end cut off, "…" or "[…]") as `text.excerpt`; a
        paragraph printed again right under itself, and a run of paragraphs printed again right after
        itself (the whole text twice) as `text.repeat`. Lines as short as a song's (a chorus sung
        twice) stay."""
        left = [i for i, key in enumerate(self.keys) if key and i not in self.cut]
        if len(left) < 2:
            return
        first, rest = left[0], left[1:]
        opening = _words(_EXCERPT_END.sub("", self.keys[first]))
        if _size(opening) >= REPEAT_CHARS and self.keys[first] != self.keys[rest[0]]:
            following = ""
            for i in rest:  # (the words of the lines after it, as far as the excerpt goes)
                following += " " + _words(self.keys[i])
                if len(following) > len(opening):
                    break
            if following[1:len(opening) + 1] == opening:
                self.cut[first] = "text.excerpt"
                left = rest
        seen: dict[str, int] = {}
        for pos, i in enumerate(left):
            earlier = seen.setdefault(self.keys[i], pos)
            if earlier == pos or i in self.cut:
                continue
            span = pos - earlier  # is the run from `earlier` printed again from `pos`?
            run, again = left[earlier:pos], left[pos:pos + span]
            if len(again) != span or [self.keys[j] for j in run] != [self.keys[j] for j in again] \
                    or any(j in self.cut for j in run):
                continue
            size = sum(_size(_words(self.keys[j])) for j in run)
            if size >= REPEAT_CHARS and size >= REPEAT_LINE_CHARS * span:
                for j in again:
                    self.cut[j] = "text.repeat"

    def keep_unless_copy(self) -> None:
        """Lines that `copies_only` rules cut (a wire story's "Reporting by …; Editing by …", a
        portal's "Penulis : …") are part of an ordinary article as its publisher prints it: they go
        only from a page that shows itself a copy, by what the HTML cuts or the other line rules
        found (a tool, a feed title, a short link, the original's link or publisher)."""
        if not self.pending:
            return
        copy = self.harvest.tools or self.harvest.links or self.harvest.source_urls or self.harvest.feed_titles or \
            self.harvest.publishers or any(name in _COPY_SIGNS for i, name, _ in self.found if i not in self.pending)
        if copy:
            return
        for i in self.pending:
            del self.cut[i]
        self.found = [f for f in self.found if f[0] not in self.pending]

    def flush(self) -> None:
        """Hand what was found to the harvest in text order (the scans run in both directions)."""
        for _, name, value in sorted(self.found, key=lambda f: f[0]):
            if name != "copy":  # (a sign read by keep_unless_copy, no provenance)
                self.harvest.add(name, value)

    def spans(self) -> None:
        """Blocks a page marks at both ends, wherever they stand: a `span` rule's opening line (a
        newsletter promotion's "Skip past newsletter promotion", a box's "list of 4 items"), its
        closing line at most the rule's `most` lines under it (SPAN_MOST unless it says: "after
        newsletter promotion", "end of list") with the closing lines right after that one, all between
        (each a line the rule's `inner` reads, if it has one), and the rule's heading right above the
        opening line ("Recommended Stories"). An opening line with no closing one under it is cut
        alone."""
        if not self.rules.by_where["span"]:
            return
        for i, key in enumerate(self.keys):
            if not key or i in self.cut:
                continue
            hit = self.rules.line_match("span", self.folded[i])
            if hit is None:
                continue
            rule = hit[0]
            assert rule.until is not None
            end = i
            for j in range(i + 1, min(len(self.keys), i + rule.most + 2)):
                if not self.keys[j]:
                    continue
                if rule.until.fullmatch(self.folded[j]):
                    end = j
                    break
                if rule.inner is not None and not rule.inner.fullmatch(self.folded[j]):
                    break  # (a line no such block holds: the article's)
            while end > i:  # (and the closing lines right after it: "End of dialog window.", "Close Modal Dialog")
                after = next((j for j in range(end + 1, len(self.keys)) if self.keys[j]), None)
                if after is None or not rule.until.fullmatch(self.folded[after]):
                    break
                end = after
            above = next((j for j in range(i - 1, -1, -1) if self.keys[j]), None)
            start = above if (above is not None and above not in self.cut and rule.lead is not None
                              and rule.lead.fullmatch(self.folded[above])) else i
            for j in range(start, end + 1):
                if self.keys[j]:
                    self.cut[j] = rule.id

    def anywhere(self) -> None:
        """The 'any' rules on every line. A line that a chrome set also reads ("Síguenos en Facebook")
        still tells the template's language, as when the scans from the ends cut it."""
        for i, key in enumerate(self.keys):
            if key and i not in self.cut and self._line_rule(i, "any"):
                chrome = self.rules.chrome_match(key)
                if chrome is not None and chrome.language != "any":
                    self.found.append((i, "chrome", chrome.language))


# words that call a date a change's, not the post's
_UPDATE_WORD = re.compile(r"\b(updated|modified|edited|actualizado|atualizado|mis à jour|aktualisiert|diperbarui|"
                          r"aggiornato|bijgewerkt|cập nhật|обновлено|güncellendi|zaktualizowano)\b", re.I)
_ROW_SEPARATOR = re.compile(r"\s+[|\u2022\u00b7]\s+")  # (" | ", " • ", " · " between a meta row's items)
# where a meta row with only spaces between its items starts a labelled one ("2026-12-02 09:12 来源：港口日报
# 作者：王小明 阅读：1234", "投稿日：2026年12月2日 カテゴリー：ニュース"): a label of a few letters and a colon
_LABELLED_ITEM = re.compile(r"\s+(?=[^\W\d][^\s:：|]{0,7}\s*[:：])")
_ROW_ITEMS = 6


# Where a tool's residue may start inside a line whose breaks were lost ("…(Why?)World - Latest -
# Google NewsSeptember 14, 2020 at 04:18PMhttps://ift.tt/2RpVTP6"): a word run on to the next
# without a space (a lower-case letter, a digit or a closing mark, then a capital), a web address,
# a sentence's end, or the space before IFTTT's date ("… World - Google News September 14, 2020 at
# 04:18PM https://ift.tt/…" on one line).
_GLUE = re.compile(r"(?<=[a-z0-9)?!.\]])(?=[A-Z])|(?<=\S)\s*(?=https?://)|(?<=[.!?)\]\"'])\s+(?=\S)"
                   r"|(?<=\S)\s+(?=(?:January|February|March|April|May|June|July|August|September|October|November"
                   r"|December) \d{1,2}, \d{4} at \d)")
_SENTENCE_INSIDE = re.compile(r"[.!?][\"')\]]*\s")
_GLUE_TRIES = 12  # split points tried a pass, the line's last first
_GLUE_PASSES = 6  # residue items split off a line at most


def _tools(rules: RuleSet, line: str) -> list[LineRule]:
    """The tail rules naming a tool that may match the whole line."""
    return [rule for rule in rules.line_rules("tail", line) if rule.chain]


def _unglue(line: str, rules: RuleSet) -> list[str]:
    """The text's last line with the tools' residue run on at its end (no line breaks between
    them) split off into lines of their own: from the end, each shortest ending that one of the
    tools' tail rules (those naming a tool) matches whole becomes a line, while one does."""
    folded = fold(line)
    if any(rule.pattern.fullmatch(folded) for rule in (*_tools(rules, folded), *rules.line_rules("suffix", folded))):
        return [line]  # (a line the tail rules, or the rules for residue after a sentence, read whole)

    def residue(at: int) -> bool:
        if at <= 0:
            return False
        piece = folded[at:].strip()
        return any(rule.pattern.fullmatch(piece) for rule in _tools(rules, piece))

    pieces: list[str] = []
    for _ in range(_GLUE_PASSES):
        if len(folded) != len(line):  # (folding collapsed spaces: positions would not agree)
            break
        points = [m.end() for m in _GLUE.finditer(line, max(0, len(line) - 400))][::-1][:_GLUE_TRIES]
        found = next((k for k, at in enumerate(points) if residue(at)), None)
        if found is None:
            break
        at = points[found]
        # one more item of the same residue just before it, with no sentence between ("from Hacker
        # News" before its link): the longer ending is the one line
        for wider in points[found + 1:found + 3]:
            if not _SENTENCE_INSIDE.search(line, wider, at) and residue(wider):
                at = wider
        pieces.insert(0, line[at:].strip())
        line = line[:at].rstrip()
        folded = fold(line)
    return [line, *pieces] if pieces else [line]


def read_head(lines: list[str], rules: RuleSet, ctx: Context) -> Harvest:
    """What the head rules read off lines printed above a text (a post's heading, its byline and
    date): the same scan as a text's head, cutting nothing, only harvesting."""
    harvest = Harvest()
    scan = _Scan([line.strip() for line in lines], rules, ctx, harvest)
    scan.head()
    scan.flush()
    return harvest


def cut_text(text: str, rules: RuleSet, ctx: Context, harvest: Harvest | None = None) -> CutText:
    """Cut whole-line residue: blocks marked at both ends (`span` rules) and 'any' rules everywhere,
    then the tail bottom-up, then the head, then the tail rules marked `inside` on the lines between."""
    harvest = harvest if harvest is not None else Harvest()
    lines = [line.strip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    if lines and len(lines[-1]) > 20:
        lines[-1:] = _unglue(lines[-1], rules)
    scan = _Scan(lines, rules, ctx, harvest)
    scan.spans()
    scan.anywhere()
    scan.tail()
    scan.head()
    scan.inside()
    scan.repeats()
    scan.keep_unless_copy()
    scan.flush()
    kept = [line for i, line in enumerate(lines) if line and i not in scan.cut]
    removed = sorted([(i, scan.cut[i], lines[i]) for i in scan.cut] + scan.trimmed)
    removed = [(rule, cut) for _i, rule, cut in removed]
    return CutText("\n".join(kept), removed, harvest)
