"""Draft: a post between extraction and validation, and the clean and normalize stage cores."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from pipelines.cleaning import (TIME_FIRST, TITLE_AFFIX_SEPS, Context, Harvest, cut_text, read_head, resolve_spintax,
                                strip_shortcodes, strip_shown_tags, ui_language_of)
from pipelines.confusables import Confusables
from pipelines.extraction import Extracted
from pipelines.fingerprint import sha256_hex, simhash64
from pipelines.linking import prepare, prepare_many
from pipelines.metadata import PageMeta, names_its_host
from pipelines.normalize import (LINE_ZONE, canonical_url, clean_line, clean_text, detect_language, fix_mojibake,
                                 ifttt_time, to_utc, unescape_entities, written_date, zone_offset)
from pipelines.operator_ids import find_ids, merge
from pipelines.provenance import (credit_line_publisher, dateline_publisher, ends_cut_off, feed_title_publisher,
                                  foreign_publishers, is_aggregator, order_chain, resolve_title, split_publisher,
                                  strip_blog_affix)
from pipelines.rules import AuthorWords, Months, RuleSet, fold, load_rules, site_host, url_parses
from schemas.raw import BlogInfo, RawPost


@dataclass(slots=True)
class Draft:
    url: str
    blog: BlogInfo
    via: str
    status: int | None
    fetched_at: str
    source: str | None
    feed: dict
    text: str
    removed: list[tuple[str, str]]
    harvest: Harvest
    meta: PageMeta
    method: str
    title: str | None = None
    raw_title: str | None = None
    publisher: str | None = None
    source_url: str | None = None
    feed_title: str | None = None
    source_author: str | None = None  # the original's writer, as a credit of the copy names them
    autoposted_at: str | None = None
    chain: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    language: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    canonical_url: str | None = None
    author: str | None = None
    labels: list[str] = field(default_factory=list)
    excerpt: bool = False  # the text is only the opening of the original (a teaser on a copy)
    sha256: str | None = None
    simhash: str | None = None
    linking: Any = None  # linking.Prepared, computed in the worker
    operator_ids: list[dict[str, Any]] = field(default_factory=list)  # (pipelines/operator_ids.py: merge)
    outlinks: list[dict[str, str]] = field(default_factory=list)  # (outlinks_of)
    pages: int = 1  # the pages of a post split over several that its text joins
    pages_missing: int = 0  # and those of its later pages that could not be fetched


def from_extracted(raw: RawPost, ex: Extracted) -> Draft:
    """Merge what the feed said with what the page said (the feed wins: it is the platform's own data)."""
    blog = raw.blog
    if raw.via in ("page", "file", "warc"):
        name = blog.name or ex.meta.site_name
        if not name or names_its_host(name, raw.url):
            name = _title_prefix(ex.meta.html_title, ex.meta.title) or name
        blog = replace(blog, platform=blog.platform if blog.platform != "generic" else ex.meta.platform,
                       ui_language=blog.ui_language or ex.meta.ui_language, name=name)
    return Draft(url=raw.url, blog=blog, via=raw.via, status=raw.status, fetched_at=raw.fetched_at,
                 source=raw.source, feed=raw.feed, text=ex.text, removed=list(ex.removed),
                 harvest=ex.harvest, meta=ex.meta, method=ex.method)


def clean(draft: Draft, rules: RuleSet) -> Draft:
    """Cut line residue, resolve the title and assemble provenance."""
    feed, meta = draft.feed, draft.meta
    # (a title escaped twice, "Pier&#8217;s new roof &#8211; Coast Post", is read before its suffix is)
    page_title = meta.title
    if page_title and meta.html_title and draft.blog.name and fold(strip_blog_affix(page_title, draft.blog.name)).lower() \
            .strip() in (fold(draft.blog.name).lower().strip(), "blog archive"):
        # the part of a "Site - Headline" <title> taken for the headline was the site's name (or old
        # WordPress themes' "Site » Blog Archive » Headline"): the <title>, its affixes cut below
        page_title = meta.html_title
    raw_title = unescape_entities(feed.get("title") or page_title or meta.html_title)
    raw_title = fix_mojibake(raw_title) if raw_title else raw_title
    # (a title with the HTML tags a feed or a chain left in it, "Ferry <b>adds</b> sailings", a script
    # with its code: the headline is its text; "History of the <blink> tag" keeps its words)
    shown, title_tags = strip_shown_tags(raw_title) if raw_title and "<" in raw_title else (raw_title, [])
    if title_tags:
        shown = " ".join(shown.split()) or None  # (a title of tags alone is none)
    ctx = Context(title=shown, raw_title=meta.html_title, blog_name=draft.blog.name,
                  blog_host=draft.blog.host, feed_title=feed.get("via_feed_title"),
                  labels=tuple(feed.get("labels") or meta.labels),
                  authors=tuple(name.strip() for byline in (feed.get("author"), meta.author) if byline
                                for name in byline.split(";")))
    # (UTF-8 read as Windows-1252 up the chain is read again first: "SÃ­guenos en Facebook" is residue)
    # (character references a chain escaped twice are read, the HTML tags it then shows and WordPress
    # shortcodes printed raw cut, first: the line rules then read the lines as a reader sees them)
    text, tags = strip_shown_tags(unescape_entities(fix_mojibake(draft.text)) or "")
    text, shortcodes = strip_shortcodes(text, rules.shortcodes)
    cut = cut_text(text, rules, ctx, draft.harvest)
    cut.removed.extend(("html.shown-tag", piece) for piece in title_tags + tags)
    cut.removed.extend(("wordpress.shortcode", piece) for piece in shortcodes)
    harvest = cut.harvest
    outlets = rules.publishers | {fold(n).lower() for n in (draft.blog.name, meta.site_name) if n}
    if meta.header_lines and not ((feed.get("author") or _author_names(meta.author, outlets, rules.author_words)
                                   or harvest.authors)
                                  and (feed.get("published") or meta.published or harvest.published)):
        # a byline or date printed above the body, outside the text: read by the same head rules
        above = read_head(meta.header_lines, rules, ctx)
        harvest.authors.extend(a for a in above.authors if a not in harvest.authors)
        harvest.published.extend(above.published)
        harvest.updated.extend(above.updated)
    text, spun = resolve_spintax(cut.text, rules.spintax)
    spun_title: list[str] = []
    title = shown
    if shown:
        title, spun_title = resolve_spintax(shown, rules.spintax)
    if spun or spun_title:
        harvest.add("tool", "spintax")
        cut.removed.extend(("spintax.unresolved", group) for group in spun_title + spun)
    gnews = rules.by_id.get("google-news.feed-title")
    if gnews is not None and any(gnews.pattern.fullmatch(fold(t)) for t in harvest.feed_titles):
        harvest.add("tool", "google-news")  # the feed IFTTT read was a Google News topic feed
    publishers = foreign_publishers(harvest, draft.blog.name, draft.blog.host, rules.aggregators)
    harvest.publishers[:] = publishers
    source_hint = feed.get("source_publisher")
    if not source_hint and meta.site_name and draft.blog.name and harvest.tools and \
            fold(meta.site_name).lower() != fold(draft.blog.name).lower() and draft.via == "page" and \
            not names_its_host(meta.site_name, draft.url) and meta.site_name != meta.home_heading and \
            (not publishers or fold(meta.site_name).lower() in rules.publishers):
        # an autoblogged page that kept the original's og:site_name (or a site name trafilatura read
        # off a "Blog: Post" <title>: a name the residue spells out, "Source: <a>X</a>", is surer)
        source_hint = meta.site_name
    if not source_hint and not feed.get("title"):
        suffix = _suffix_publisher(raw_title, meta.html_title, harvest, rules, draft.blog.host)
        # (a name taken for its place in the <title> only, when the residue names none: it may be
        # the splog's own name)
        if suffix and (not publishers or suffix.lower() in rules.publishers) and \
                fold(suffix).lower() not in (fold(draft.blog.name or "").lower(), fold(meta.site_name or "").lower()):
            source_hint = suffix
    if source_hint and is_aggregator(source_hint, rules.aggregators):
        source_hint = None  # (a feed item's <source> or a kept og:site_name that names the service it came through)
    if meta.offsite_permalink:
        harvest.add("source_url", meta.offsite_permalink)
        if draft.blog.platform != "blogger":  # (a Blogger post's title links where its "Title link" field says)
            harvest.add("tool", "feedwordpress")
    if meta.offsite_canonical:
        harvest.add("source_url", meta.offsite_canonical)  # (after what the residue named: that is surer)
    titled = resolve_title(title, harvest, rules, blog_name=draft.blog.name, source_hint=source_hint,
                           blog_host=draft.blog.host, labels=feed.get("labels") or meta.labels)
    # (the heading the text opened with, else the page's one <h1> when the title is it and more)
    heading = next((line for rule, line in cut.removed if rule == "head.title"), None) or meta.heading
    if heading and titled.title and _site_affixed(titled.title, heading):
        # the page's own heading is the headline; what its <title> adds after it is the site's name
        # or a section's ("Headline - Auto News")
        titled = replace(titled, title=heading)
    if titled.publisher is None:
        # a copy that names its source nowhere else may still carry the agency's dateline, or have
        # come through the agency's own feed ("Reuters: World News" as IFTTT's {{FeedTitle}})
        # (or name it on its last line, as plain text that stays: "Source: Gazeta X")
        titled = replace(titled, publisher=dateline_publisher(text, rules)
                         or feed_title_publisher(harvest.feed_titles, rules)
                         or credit_line_publisher(text, rules, (draft.blog.name, draft.blog.host, meta.site_name)))
    ui_language = draft.blog.ui_language or ui_language_of(harvest.chrome_languages)
    for entry in harvest.platform_tools:  # (a plugin's default credit line, on that plugin's platform)
        platform, _, tool = entry.partition(":")
        if platform == draft.blog.platform:
            harvest.add("tool", tool)
    done = replace(
        draft, text=text, removed=draft.removed + cut.removed, raw_title=raw_title,
        labels=[] if feed.get("labels") or meta.labels else written_labels(cut.removed, rules),
        title=titled.title, publisher=titled.publisher,
        # (a link back into the blog itself, "Read more" on a teaser, is never the original article;
        # a short link is a redirect to be followed, wherever it is)
        # (a redirect wrapper's link, written out as text or in a source block, gives its target)
        source_url=feed.get("source_url") or next((u for u in (rules.unwrap(u)[0] for u in harvest.source_urls)
                                                   if rules.is_short_link(u) or site_host(u) != site_host(draft.blog.url)), None)
        or (harvest.credit_links.get(fold(titled.publisher).lower()) if titled.publisher else None),
        feed_title=harvest.feed_titles[0] if harvest.feed_titles else None,
        autoposted_at=ifttt_time(harvest.autoposted_at), links=list(harvest.links),
        chain=order_chain(harvest.tools, rules), blog=replace(draft.blog, ui_language=ui_language),
        # the feed's byline, else the page's, else the one a plugin's footer named ("Author: …", cut
        # from the text); a platform's placeholder for a hidden profile ("Unknown") is no author
        author=_first_author((feed.get("author"), _as_printed(meta.author, harvest.authors), *harvest.authors),
                             outlets, rules),
        source_author=_first_author(harvest.credited_authors, outlets, rules),
    )
    # a copy that names its original (a publisher, its address, a tool of the chain) and ends cut off
    named = bool(done.publisher or done.source_url or done.chain)
    return replace(done, excerpt=named and ends_cut_off(text, rules))


_LABEL_SEPS = re.compile(r"\s*[,;|·•、،]\s*")


@lru_cache(maxsize=4)
def _second_list(tags_line: re.Pattern[str]) -> re.Pattern[str]:
    """tags_line where a word starts: where a meta line's second labelled list begins ("Filed Under:
    Ports Tagged With: ferry, pier")."""
    return re.compile(r"(?<!\w)(?:" + tags_line.pattern + ")", tags_line.flags)


def _label_lists(labels: str, tags_line: re.Pattern[str]) -> list[str]:
    """The lists a labels line's text holds, without the label of each list after the first: Genesis's
    "Ports Tagged With: ferry, pier" and "Ports · Tags: ferry" are "Ports" and "ferry, pier"."""
    lists = []
    while (m := _second_list(tags_line).search(labels, 1)) is not None:
        lists.append(labels[:m.start()])
        labels = m.group("labels")
    return [*lists, labels]


def written_labels(removed: list[tuple[str, str]], rules: RuleSet) -> list[str]:
    """The labels a cut line writes out ("Tags: rail, freight, grain"; "Filed Under: Ports Tagged With:
    ferry, pier"), also at the end of a template's row a copy ran together ("No comments: Email This …
    Labels: Ports"): the first such line's, split at its commas; none when one of them reads as a
    sentence (over eight words)."""
    if rules.tags_line is None:
        return []
    for rule, line in removed:
        folded = fold(line)
        m = rules.tags_line.fullmatch(folded)
        if m is None and rule.startswith("chrome."):
            # (a template's row run together with its labels last: "… Share to Pinterest Labels: Ports")
            m = next((hit for k in (j + 1 for j, c in enumerate(folded) if c == " ")
                      if (hit := rules.tags_line.fullmatch(folded, k))), None)
        if m:
            labels = [x.strip(" .#") for part in _label_lists(m.group("labels"), rules.tags_line)
                      for x in _LABEL_SEPS.split(part)]
            labels = list(dict.fromkeys(x for x in labels if x))
            if labels and len(labels) <= 30 and all(len(x.split()) <= 8 for x in labels):
                return labels
    return []


def _first_author(values, outlets: frozenset[str], rules: RuleSet) -> str | None:
    """The first of these bylines that names someone (_author_names), not a platform's placeholder."""
    return next((a for a in (_author_names(v, outlets, rules.author_words) for v in values)
                 if a and fold(a).strip().lower() not in rules.author_placeholders), None)


def _as_printed(author: str | None, bylines: list[str]) -> str | None:
    """The page's author as its byline prints it, when the byline read off the page names the same
    person in other letter case (trafilatura writes "by editor" as "Editor")."""
    if author:
        key = fold(author).strip().lower()
        for byline in bylines:
            if fold(byline).strip().lower() == key:
                return byline
    return author


_NAME_PARTICLES = frozenset("de la del der den van von da di du le bin al el y e".split())


def _name_shaped(part: str) -> bool:
    """Two to five words, each capitalised (or a surname's particle: "de la", "van"), no digits."""
    words = part.split()
    return (2 <= len(words) <= 5 and not any(c.isdigit() for c in part)
            and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words) and words[0][0].isupper())


def _several(byline: str, between: re.Pattern[str], outlets: frozenset[str] = frozenset()) -> list[str]:
    """A byline's writers one by one ("Ann Lee, Bo Chan, and Cy Diaz, AP", split at `between`'s
    commas and words), without the agency or paper named after them ("…, CNN", "…, Reuters"): split
    only when every part has a name's shape ("Lee, Ann", a surname first, stays as it is)."""
    parts = [p.strip() for p in between.split(byline) if p and p.strip()]
    if len(parts) < 2:
        return [byline]
    if len(parts[-1].split()) == 1 and parts[-1].isupper() or fold(parts[-1]).strip(" .").lower() in outlets:
        parts = parts[:-1]  # (an agency's initials or a known outlet after the names)
    return parts if all(_name_shaped(p) for p in parts) else [byline]


# a web address given as the author ("elmundo.es", "www.site.com", or as a byline search wrote it in
# words, "Www Medianotions De"): the site, not a writer (a user name with a dot, "ann.lee", is a name:
# the address ends in a country's code or a common top-level domain)
_ADDRESS = re.compile(r"www[\s.].*|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2}|com|net|org|info|biz|blog|news|online|"
                      r"site|xyz|top|club|media|web|app)", re.I)


# a name that holds a web address ("Pixelworks - www.pixelworks.example", "Ann Lee | https://…"): a
# web agency's or a site's credit, not a writer
_HOLDS_ADDRESS = re.compile(r"(?<!\S)(?:www\.|https?://)\S", re.I)


# emoji and pictographs a writer puts beside a name ("Ann Lee ❤️", "✍️ Ann Lee"): no part of it
_PICTOGRAPHS = re.compile(r"\s*[\u2190-\u2BFF\uFE0F\u200D\U0001F000-\U0001FAFF]+\s*")


# an e-mail address in a byline: RSS's <author> is one, with the name in brackets after it
# ("noreply@blogger.com (Ann Lee)"); a name may have one after it ("Ann Lee <ann@site.com>")
_EMAIL = r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_EMAIL_FORMS = re.compile(rf"[(<\[]\s*{_EMAIL}\s*[)>\]]|{_EMAIL}\s*(?:\(([^()]*)\))?")


def _without_role(name: str, words: AuthorWords) -> str:
    """A name without the writer's job written after it ("LAURE BRETTON Envoyés spéciaux à Toulouse")
    and without an author box's links read with it ("Ann Lee Twitter Email"): only when two words of
    a name are left ("Ann Reporter" stays)."""
    for after in (words.links_after, words.role_after):
        bare = after.sub("", name)
        if bare != name and len(bare.split()) >= 2:
            name = bare
    return _without_buttons(name, words)


def _without_buttons(name: str, words: AuthorWords) -> str:
    """A name without the buttons' words a byline search read after it ("Jakob Ulbrich Blocked Unblock
    Follow Following"): the rules' not_names at its end, but a month's name ("Brian May"), while
    two words are left."""
    parts = name.split()
    months = load_rules().months
    while len(parts) > 2 and (last := fold(parts[-1]).strip(".,:|").lower()) in words.not_names and last not in months:
        parts.pop()
    return " ".join(parts) if len(parts) < len(name.split()) else name


def _date_words_only(name: str, words: AuthorWords) -> bool:
    """Whether a name is made of the words a byline's date prints and numbers ("Wednesday January",
    read off "Wednesday January 18, 2017 11:44 am PST by …"), each one of the rules' not_names."""
    parts = re.findall(r"[^\W\d_]+", fold(name).lower())
    return bool(parts) and all(part in words.not_names for part in parts)


def _author_names(value: str | None, outlets: frozenset[str] = frozenset(),
                  words: AuthorWords | None = None) -> str | None:
    """A byline's names ("; " between several, as "Ann Lee, Bo Chan and Cy Diaz, AP" lists them),
    without the parts that are a date's words or a writer's job beside a name ("Ann Lee, Staff
    Writer"), a role or the site's address in brackets after it ("Olaf Kempin (Autor)"), a profile
    badge's preposition ("annlee on"), and without a lead "By" or label ("Autor:"): `words`, the
    rules' [authors] lists (the bundled rules' when not given). outlets (lower case): publishers'
    and the site's names, dropped beside a writer's ("Ann Lee, CNN", which trafilatura gives as "Ann
    Lee; CNN"); a web address or an e-mail address is never an author (the name given with one is:
    _EMAIL_FORMS); nor are emoji beside a name."""
    if not value:
        return value
    words = words or load_rules().author_words
    if "&" in value:  # (an entity's ";" is no separator: "O&#039;Donnell" gave "O' Donnell")
        value = html.unescape(value)
    if "@" in value:
        value = _EMAIL_FORMS.sub(lambda m: m.group(1) or "", value).strip(" ,")
    value = _PICTOGRAPHS.sub(" ", value).strip()
    names = [name for part in value.split(";")
             for name in _several(words.lead_before_names.sub("", words.lead.sub("", part.strip(), count=1), count=1),
                                  words.between_names, outlets)]
    names = [_without_role(words.after_name.sub("", words.bracket_note.sub("", n)), words) for n in names]
    names = [n for n in names if n and fold(n).strip(" .,").lower() not in words.not_names and not _date_words_only(n, words)
             and not _ADDRESS.fullmatch(n.strip()) and not _HOLDS_ADDRESS.search(n) and not words.company.search(n)]
    people = [n for n in names if fold(n).strip(" .,").lower() not in words.roles]
    writers = [n for n in people if fold(n).strip(" .,").lower() not in outlets]
    return "; ".join(writers or people or names) or None  # (a byline that is only a role, "by editor", names that user)


def _title_prefix(html_title: str | None, title: str | None) -> str | None:
    """The site's name a page's <title> sets before the headline ("Site | Headline"), or after it with
    an underscore ("Headline_Site"), for a site that names itself nowhere else. (Not a name after
    " - " or " | ": an autoblog keeps the original's "Headline - Publisher" there.)"""
    if not html_title or not title:
        return None
    whole, head = fold(html_title).strip(), fold(title).strip()
    for sep in TITLE_AFFIX_SEPS:
        if whole.lower().endswith((sep + head).lower()):
            prefix = whole[:len(whole) - len(sep + head)].strip()
            return prefix if 0 < len(prefix) <= 60 and len(prefix.split()) <= 6 else None
    for sep in _SITE_AFTER_SEPS:  # ("标题_站名": Chinese sites' own form, never a copied publisher's)
        if whole.lower().startswith((head + sep).lower()):
            suffix = whole[len(head + sep):].strip()
            return suffix if 0 < len(suffix) <= 30 and sep not in suffix else None
    return None


_SITE_AFTER_SEPS = ("_", "｜")


def _site_affixed(title: str, heading: str) -> bool:
    """Whether title is heading with a site's name after it ("Headline :: Site", "Headline | Site")."""
    t, h = fold(title).lower(), fold(heading).lower().strip()
    return t != h and any(t.startswith(h + sep) for sep in TITLE_AFFIX_SEPS)


def _suffix_publisher(title: str | None, html_title: str | None, harvest: Harvest, rules: RuleSet,
                      host: str | None = None) -> str | None:
    """The publisher that the page's <title> names after the headline we took ("Headline - Reuters"
    when the headline came without it: trafilatura's title reader drops such a suffix) -- a known
    publisher, or any name when the post came through Google News; never a name guessed by its
    shape alone, which on a page is as often the splog's own."""
    if not title or not html_title or fold(title).lower() == fold(html_title).lower():
        return None
    head, publisher = split_publisher(html_title, rules, hints=[], autoblog=False,
                                      google_news="google-news" in harvest.tools, own_host=host)
    return publisher if publisher and fold(head).lower() == fold(title).lower() else None


# a Korean platform's feed date ("2026년 05월 28일 01:31:15", "2026-05-25 오후 11:23:17"): Korean time
_KOREAN_DATE = re.compile(r"[년월일]|오전|오후")
_KST = timezone(timedelta(hours=9))
# a date year first that is no ISO 8601 gone wrong ("2026-12-31T25:14:55Z" is not read as its day)
_YEAR_FIRST_FORM = re.compile(r"[년월일年月日]|오전|오후|\d{4}/\d{1,2}/\d{1,2}")


def _feed_time(value: str | None, months: Months) -> datetime | None:
    """A feed's date: ISO 8601 or RFC 822, else RFC 822 that a CMS wrote in the site's language
    ("Sáb, 05 Dic 2026 10:00:00 +0100": the month names of months.toml), else a date written year
    first as Korean and Japanese platforms write it, in Korean time when it is written in Korean."""
    if not value:
        return None
    when = to_utc(value, load_rules().months)  # (the months only when English fails)
    if when is None and _YEAR_FIRST_FORM.search(value):
        from pipelines.metadata import year_first

        iso = year_first(value, months.eras)
        if iso:
            when = datetime.fromisoformat(iso)
            when = when.replace(tzinfo=_KST if _KOREAN_DATE.search(value) else timezone.utc).astimezone(timezone.utc)
    return when


# a zone's offset after a date that a time came before ("09:12 02/12/2026 (GMT+7)")
_OFFSET_AFTER = re.compile(r"\s*\(?(?:utc|gmt)\s*[+-]\d{1,2}(?::?\d{2})?\)?", re.I)


def _line_time(value: str, months: Months, day_first: bool = False) -> datetime | None:
    """A date a line of the text gave (a byline's, a date line's): as a page prints it in English or
    figures (written_date), else year first ("2026-03-02 10:21:05", "2026年3月2日 10:21", "2026.03.02
    오후 3:20") or with a month's name in another language ("2 марта 2026", "2 de marzo de 2026"); a
    time with a zone's name or an offset after it is read in that zone ("10:45 WIB" is 03:45 UTC).
    With day_first (a text in a language that writes the day first: all but English), a date in
    figures that could be read either way ("02/12/2026") is read day first."""
    from pipelines.metadata import named_date, year_first

    value = value.strip()
    if (first := TIME_FIRST.match(value)) is not None:  # (read as the date with the time and its zone after it)
        offset_after = _OFFSET_AFTER.match(value, first.end())  # ("09:12 02/12/2026 (GMT+7)")
        value = f"{first[2]} {first[1]}" + (offset_after[0] if offset_after else "")
    when = written_date(value)
    if when is None:
        iso = year_first(value, months.eras) or named_date(value, months, day_first)
        when = to_utc(iso) if iso else None
    zone = LINE_ZONE.search(value) if when is not None else None
    if zone and (offset := zone_offset(zone)):
        when = when.replace(tzinfo=timezone(timedelta(minutes=offset))).astimezone(timezone.utc)
    return when


# A post's date is none before the web had blogs, nor more than a day or two ahead of now (a zone's
# offset): a CMS's zero date ("1970-01-01", "0001-01-01") or a typed year ("2206") is no date, and
# the next source of one is read instead.
EARLIEST_POST = datetime(1990, 1, 1, tzinfo=timezone.utc)
AHEAD_OF_NOW = timedelta(days=2)


def _with_line_time(day: str | None, lined: list[datetime | None]) -> list[datetime | None]:
    """The page's date, then the lines' dates. The page's date given as a day alone (htmldate's and
    trafilatura's are) takes its time from a byline or date line of that day that prints one ("Publié
    le 9 octobre 2026 à 21h00 par …")."""
    when = to_utc(day)
    if when is not None and day is not None and _DAY_ONLY.fullmatch(day.strip()):
        when = next((d for d in lined if d is not None and d.date() == when.date() and (d.hour, d.minute) != (0, 0)),
                    when)
    return [when, *lined]


_DAY_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _first_plausible(*dates: datetime | None) -> datetime | None:
    latest = datetime.now(timezone.utc) + AHEAD_OF_NOW
    return next((d for d in dates if d is not None and EARLIEST_POST <= d <= latest), None)


# the words `removed` lists of a text written in look-alike letters (the first ones, as they were)
HOMOGLYPH_WORDS = 20


def normalize(draft: Draft, sign: bool = True, confusables: Confusables | None = None,
              months: Months | None = None) -> Draft:
    """Unicode and whitespace, UTC dates, canonical URL, language, fingerprints of the final text.

    sign=False leaves the linking signatures and SimHash to the caller (`signed`), which makes them
    for a whole batch of drafts at once. Words written in look-alike letters of another script
    (`confusables`: the rules' table, else the package's) are read in theirs, and listed in `removed`
    as they were (`text.homoglyphs`, at most HOMOGLYPH_WORDS of them). Dates written with a month's
    name are read with `months` (the rules' table, else the package's)."""
    feed, meta = draft.feed, draft.meta
    months = load_rules().months if months is None else months
    homoglyphs: list[str] = []
    text = clean_text(draft.text, confusables, homoglyphs)
    prepared = prepare(text) if text and sign else None  # linking signatures and SimHash from one shingle set
    canonical = meta.canonical_url or feed.get("canonical_url")
    labels = feed.get("labels") or meta.labels or draft.labels
    language = detect_language(text)
    day_first = language is not None and language != "en"  # (English's US dates are month first)
    return replace(
        draft, text=text, title=clean_line(draft.title, confusables, homoglyphs),
        removed=draft.removed + ([("text.homoglyphs", " ".join(list(dict.fromkeys(homoglyphs))[:HOMOGLYPH_WORDS]))]
                                 if homoglyphs else []), raw_title=clean_line(draft.raw_title),
        publisher=clean_line(draft.publisher), feed_title=clean_line(draft.feed_title),
        source_author=clean_line(draft.source_author),
        language=language,
        published_at=_first_plausible(_feed_time(feed.get("published"), months),
                                      *_with_line_time(meta.published, [_line_time(d, months, day_first)
                                                                        for d in draft.harvest.published])),
        updated_at=_first_plausible(_feed_time(feed.get("updated"), months), to_utc(meta.updated),
                                    *(_line_time(d, months, day_first) for d in draft.harvest.updated)),
        canonical_url=canonical_url(canonical) if canonical else None,
        author=clean_line(draft.author),  # (chosen by clean)
        labels=[x for x in (clean_line(v) for v in labels) if x],
        blog=replace(draft.blog, name=clean_line(draft.blog.name)),
        sha256=sha256_hex(text), linking=prepared,
        simhash=prepared.simhash if prepared else (simhash64(text) if sign else None),
    )


def signed(drafts: list[Draft]) -> list[Draft]:
    """The drafts (all with text: run_extract rejects empty ones) with their linking signatures and
    SimHash, made for all their texts at once."""
    prepared = prepare_many([d.text for d in drafts])
    return [replace(d, linking=p, simhash=p.simhash) for d, p in zip(drafts, prepared)]


def operator_ids_of(raw: RawPost, ex: Extracted, rules: RuleSet, later: list[Extracted] = ()) -> list[dict[str, Any]]:
    """The post's operator ids: its blog's home page's, its body's, its feed author's; and its own
    page's, read whole only when the crawl did not read the blog's home page (saved pages, a post
    given as the seed: a page-by-page crawl's pages share the home page's template, ~1 ms a page saved)."""
    whole = raw.blog.ids is None and not raw.is_fragment
    page = [key for html in (raw.html, *raw.more_pages) for key in find_ids(html, "page", rules.operator_ids)] \
        if whole else ()
    return merge(("home", raw.blog.ids or ()), ("page", page),
                 ("body", [key for e in (ex, *later) for key in e.body_ids]),
                 ("author", find_ids(raw.feed.get("author_links"), "author", rules.operator_ids)))


def _joined(first: Draft, later: Draft, rules: RuleSet) -> Draft:
    """A post's next page joined to it: its text after the text so far, what was cut from it, the
    provenance it names that the pages before did not (a source line is often on the last page)."""
    return replace(
        first, text="\n".join(t for t in (first.text, later.text) if t), removed=first.removed + later.removed,
        publisher=first.publisher or later.publisher, source_url=first.source_url or later.source_url,
        feed_title=first.feed_title or later.feed_title, source_author=first.source_author or later.source_author,
        autoposted_at=first.autoposted_at or later.autoposted_at,
        chain=order_chain(list(dict.fromkeys(first.chain + later.chain)), rules),
        links=list(dict.fromkeys(first.links + later.links)), excerpt=later.excerpt, pages=first.pages + 1)


def process(raw: RawPost, ex: Extracted, rules: RuleSet, sign: bool = True,
            more: list[tuple[RawPost, Extracted]] = ()) -> Draft:
    """The CPU-bound stages after extraction, in order: clean, then normalize. `more`: the later pages
    of a post split over several, each cleaned as a page of its own, then joined to the first."""
    draft = clean(from_extracted(raw, ex), rules)
    for page, page_ex in more:
        draft = _joined(draft, clean(from_extracted(page, page_ex), rules), rules)
    draft = normalize(draft, sign, rules.confusables, rules.months)
    return replace(draft, operator_ids=operator_ids_of(raw, ex, rules, [e for _, e in more]),
                   outlinks=outlinks_of([a for e in (ex, *(e for _, e in more)) for a in e.anchors], draft.text,
                                        raw.url, rules.share_links),
                   pages_missing=raw.pages_missing)


# the most outlinks a record lists (a link farm's page of hundreds stays one record's size)
MAX_OUTLINKS = 50


def outlinks_of(anchors: list[tuple[str, str, str]], text: str, page_url: str,
                share_links: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The post's links to other sites, as a reader of its text meets them: each of its body's anchors
    to another site (extraction's body_anchors) whose words the text keeps (and, for a short one, the
    words its paragraph starts with; a residue line's link, cut with it, is none; nor a share
    button's, `share_links`), each address once with its first anchor text, the first MAX_OUTLINKS.
    What a splog's body links to (the sites a link network is paid to promote, the original it
    copies), for link-graph work."""
    scheme = urlsplit(page_url).scheme or "https"
    out: dict[str, str] = {}
    for href, anchor, around in anchors:
        url = f"{scheme}:{href}" if href.startswith("//") else href
        if url in out or not url_parses(url):
            continue
        if share_links and (site_host(url) + urlsplit(url).path.lower()).startswith(share_links):
            continue
        words = clean_line(anchor)
        if not words or words not in text or (around and (clean_line(around) or "")[:60] not in text):
            continue
        out[url] = words
        if len(out) >= MAX_OUTLINKS:
            break
    return [{"url": url, "text": words} for url, words in out.items()]
