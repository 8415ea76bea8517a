"""Per-host body templates learned from trafilatura, so most pages of a host skip it.

A splog host renders every post with one template. For pages without a known platform container,
trafilatura decides where the article is. After it has done so on a page, we find the element that
held its text (the common ancestor of the paragraphs it kept), describe that element by a selector
made of stable tag, id and class names, and note which of the element's children trafilatura left
out every time (the title heading, a date line, a share bar). Once the selector has given the same
text as trafilatura on `LEARN_PAGES` pages in a row, the host's later pages are read from it with
our own converter: an XPath and a tree walk instead of trafilatura's cleaning, scoring and fallback
comparison. Every `AUDIT_EVERY`-th page of a trusted host still goes through trafilatura and is
compared again (a template that passed audits, here or in the crawls that kept it, half as often
for each passed, down to one page in `AUDIT_EVERY << MAX_AUDIT_DOUBLINGS`); a disagreement sends the
host back to learning (and the other workers check their next page of the host), and a host that
keeps disagreeing stays with trafilatura for good. Learning state lives in each worker process; a
template one worker comes to trust (or a host it gives up on) is passed, through the crawl's main
process, to the other workers with their next pages of that host (`SharedTemplates`), so a host is
learned once, not once in every worker. The templates trusted at the end of a crawl are kept in the
cache folder (`save_kept`) for the next crawl of those hosts (`load_kept`): a worker reads its first
page of such a host through trafilatura too and compares, as an audit does, before it uses one.
"""

from __future__ import annotations

import copy
import re
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from lxml import etree

from pipelines.cachedir import cache_dir, read_kept, versions_of, write_kept
from pipelines.htmltext import drop_element, to_text
from pipelines.rules import fold

LEARN_PAGES = 3  # pages in a row on which selector and trafilatura agree before the host is trusted
AUDIT_EVERY = 40  # a trusted host's every n-th page is extracted both ways and compared again
MAX_AUDIT_DOUBLINGS = 3  # each audit a template passes doubles that interval, up to 8 times (320 pages)
MIN_AGREEMENT = 0.9  # word-bag F1 between the selector's text and trafilatura's
MAX_FAILURES = 4  # disagreements after which a host stays with trafilatura
MAIN_SHARE = 0.85  # of trafilatura's text, in the container when some of it lies elsewhere
# A splog farm runs many blogs on one theme: the selectors trusted on other hosts (the newest
# MAX_THEMES) are tried on a new host's first learning page, and one that gives trafilatura's text
# there starts the host THEME_HEAD_START agreements along (one more of its own pages makes it trusted).
MAX_THEMES = 32
THEME_HEAD_START = LEARN_PAGES - 1
LONE_LINE = 300  # a single line of trafilatura's text this long can still be placed
MAX_HOSTS = 5000  # hosts remembered per process (least recently seen dropped first)

# where trafilatura's lines are looked for: paragraph-like elements first, wrappers only if needed
_PARAGRAPH_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "dd",
                   "dt", "figcaption")
_WRAPPER_TAGS = ("div", "span", "section", "article", "font")
_STABLE_NAME = re.compile(r"^[A-Za-z_-]+$")  # ids and classes with digits differ per post (post-4312)
_LOOSE_NAME = re.compile(r"^[A-Za-z_-][A-Za-z0-9_-]*$")
# what names an element that has no id or class (and how its value may be spelled)
_NAMING_ATTRIBUTES = ("itemprop", "role", "face", "size", "color", "align", "valign", "width")
_MAX_SINGLE_CLASSES = 4  # classes of an element tried alone in a selector (then all of them together)
_ATTRIBUTE_VALUE = re.compile(r"^[\w .,#%:/-]{1,80}$")
_TAG = re.compile(r"^[a-z][a-z0-9]*$")
_WORD = re.compile(r"\w+")
_LIST_MARK = re.compile(r"^[-*•]\s+")


@dataclass(slots=True)
class HostTemplate:
    selector: str | None = None
    drop: frozenset[str] = frozenset()  # child steps trafilatura always left out
    # the named kinds of child (steps with an id, classes or attributes) the container held, with
    # text, on the pages the template was learned or checked on (see `unfamiliar`)
    known: frozenset[str] = frozenset()
    agreed: int = 0
    failures: int = 0
    pages: int = 0
    min_chars: int = 0  # shortest container text on a page where the template agreed
    # How to reproduce what trafilatura's metadata pass added to our reader's fields on this host's
    # pages: a title element, htmldate alone for the date, a constant site name; `full_metadata`
    # when something (an author, a title found elsewhere) needs the whole pass.
    title_selector: str | None = None
    needs_date: bool = False
    site_name: str | None = None
    full_metadata: bool = False
    # Where htmldate finds the page's date: this many levels above the container (0: the container
    # itself), for the container named by `date_scope_of`; asking htmldate about that element costs
    # a fraction of asking it about the whole page. None: the whole page (not learned yet, or some
    # page's date was not found there: `date_scope_failed`, for good).
    date_scope: int | None = None
    date_scope_of: str | None = None
    date_scope_failed: bool = False
    # A learned selector that named no element (or several) on a later page of the host: the body's
    # container may carry the post's own classes (cat-news tag-ferry), so learning names it by one
    # class where one is enough from then on.
    single_classes: bool = False
    # audits this template passed (the first pages of a crawl that kept it included)
    audits: int = 0
    # kept from an earlier crawl (load_kept): the next page is compared with trafilatura's text first
    verify: bool = False

    @property
    def date_scope_known(self) -> bool:
        return self.date_scope is not None and self.date_scope_of == self.selector

    def date_element(self, node: etree._Element) -> etree._Element | None:
        """The element htmldate should read for a page whose container is node; None: the page."""
        return _climb(node, self.date_scope) if self.date_scope_known else None

    @property
    def trusted(self) -> bool:
        return self.selector is not None and self.agreed >= LEARN_PAGES

    @property
    def refused(self) -> bool:
        return self.failures >= MAX_FAILURES

    @property
    def audit_every(self) -> int:
        """One page in this many is an audit: AUDIT_EVERY, doubled for each audit passed (at most
        MAX_AUDIT_DOUBLINGS times)."""
        return AUDIT_EVERY << min(self.audits, MAX_AUDIT_DOUBLINGS)

    def looks_short(self, node: etree._Element) -> bool:
        """The container holds under half the text it held on any page that agreed: the body may
        have moved elsewhere (a teaser in the old place), so trafilatura should read this page."""
        return len(node.text_content()) * 2 < self.min_chars

    def note_agreement(self, node: etree._Element) -> None:
        size = len(node.text_content())
        self.min_chars = size if not self.min_chars else min(self.min_chars, size)
        self.known |= child_kinds(node)

    def unfamiliar(self, node: etree._Element) -> bool:
        """The container holds, with text, a named kind of child or grandchild that no page the
        template was learned or checked on had: a box the theme shows on some posts only (an author's
        bio, a related-posts list, a sign-up form) whose fate trafilatura has not shown yet, so it
        should read this page."""
        known = self.known
        return any(path not in known and _has_text(el) for el, path in _named_kinds(node))

    def adopt_drop(self, kept: frozenset[str], dropped: frozenset[str]) -> frozenset[str]:
        """The drop set after a page on which trafilatura kept the kinds of child `kept` and left
        out `dropped`: the kinds it left out on every page that had them, and the named kinds first
        met on this page that it left out (a bare <div> may hold the article on one post and an
        advertisement on the next)."""
        new = frozenset(path for path in dropped if path not in self.known and path.endswith("]"))
        return (self.drop - kept) | new


@dataclass(slots=True)
class Plan:
    """What extract_post should do with one page of a host."""

    template: HostTemplate
    use: bool  # read the page through the template
    learn: bool  # run trafilatura and compare (keep a fresh parse of the page for it)


@dataclass
class Templates:
    hosts: OrderedDict[str, HostTemplate] = field(default_factory=OrderedDict)
    counts: Counter = field(default_factory=Counter)  # learned / adopted / trusted / audit_failed / refused
    # the selectors of templates trusted on some host, newest last (see MAX_THEMES)
    themes: OrderedDict[str, None] = field(default_factory=OrderedDict)
    # host -> the last revocation (SharedTemplates.revocations) this process has acted on
    revocations: dict[str, int] = field(default_factory=dict)

    def plan(self, host: str) -> Plan:
        tmpl = self.hosts.get(host) or HostTemplate()
        _keep_newest(self.hosts, host, tmpl, MAX_HOSTS)
        tmpl.pages += 1  # learning starts on a host's first page: it adds ~5 ms to a ~50 ms trafilatura run
        if tmpl.refused:
            return Plan(tmpl, use=False, learn=False)
        if tmpl.trusted:
            audit = tmpl.verify or tmpl.pages % tmpl.audit_every == 0
            return Plan(tmpl, use=not audit, learn=audit)
        return Plan(tmpl, use=False, learn=True)

    def observe(self, tmpl: HostTemplate, fresh: etree._Element, reference: str,
                gained: dict[str, str], date: str | None = None) -> None:
        """Compare the host's template with trafilatura's text of this page (`fresh`: the page parsed
        anew, before any cutting); learn a new one when there is none or it disagrees. `gained`: the
        fields trafilatura's metadata pass filled; `date`: htmldate's date of `fresh` when one was."""
        _learn_metadata(tmpl, fresh, gained, date)
        was_trusted = tmpl.trusted
        tmpl.verify = False  # (a kept template is checked here: it agrees, or the host learns anew)
        if tmpl.selector is not None:
            node = select(fresh, tmpl.selector)
            if node is None:
                tmpl.single_classes = True
            else:
                drop = tmpl.adopt_drop(*_sorted_steps(node, reference))
                text = template_text(copy.deepcopy(node), drop)
                if agreement(text, reference) >= MIN_AGREEMENT:
                    tmpl.drop = drop
                    tmpl.agreed += 1
                    tmpl.audits += was_trusted
                    self._count_in_step(tmpl)
                    tmpl.note_agreement(node)
                    if tmpl.trusted and not was_trusted:
                        self.counts["trusted"] += 1
                        self._remember_theme(tmpl.selector)
                    return
            tmpl.failures += 1
            if was_trusted:
                self.counts["audit_failed"] += 1
        if tmpl.selector is None and not tmpl.failures and self._adopt_theme(tmpl, fresh, reference):
            return
        learned = learn(fresh, reference, tmpl.single_classes)
        if learned is None:
            tmpl.selector, tmpl.agreed, tmpl.audits = None, 0, 0
            tmpl.failures += 1
        else:
            tmpl.selector, tmpl.drop = learned
            tmpl.agreed, tmpl.min_chars, tmpl.known, tmpl.audits = 1, 0, frozenset(), 0
            if self._count_in_step(tmpl):
                self.counts["in_step"] += 1
            tmpl.note_agreement(select(fresh, tmpl.selector))
            self.counts["learned"] += 1
        if tmpl.refused:
            self.counts["refused"] += 1

    def state(self, host: str) -> tuple[str, ...] | None:
        """What other workers may take of this host's template: ("trusted", selector), ("refused",),
        or None (none yet, or still learning)."""
        tmpl = self.hosts.get(host)
        if tmpl is None:
            return None
        if tmpl.refused:
            return ("refused",)
        return ("trusted", tmpl.selector) if tmpl.trusted else None

    def changes(self, before: dict[str, tuple[str, ...] | None]) -> dict[str, HostTemplate | None]:
        """The hosts of `before` (their states then) whose state changed since: the template each now
        has when it is trusted or refused, None when it is neither any more (an audit failed)."""
        out: dict[str, HostTemplate | None] = {}
        for host, then in before.items():
            now = self.state(host)
            if now != then:
                out[host] = self.hosts[host] if now is not None else None
        return out

    def take(self, host: str, tmpl: HostTemplate) -> bool:
        """Start a host from the template another worker process trusts (or gave up on): unless this
        process has its own trusted template, or its own has failed on some page here (its audits
        or learning then decide). The audit count stays this process's own."""
        local = self.hosts.get(host)
        if local is not None and (local.trusted or local.failures):
            return False
        tmpl = copy.copy(tmpl)
        tmpl.pages = local.pages if local is not None else 0
        _keep_newest(self.hosts, host, tmpl, MAX_HOSTS)
        if tmpl.trusted:
            self._remember_theme(tmpl.selector)
        self.counts["shared"] += 1
        return True

    def revoke(self, host: str, serial: int, selector: str | None) -> bool:
        """Another worker's audit of this host failed on `selector` (revocation number `serial`): if
        this process reads the host through that selector too, its next page of the host is compared
        with trafilatura's text again (audits grow sparse as a template passes them, so without this
        it could read the host through a template another worker found wrong for hundreds of pages).
        Acted on once per revocation. Whether the template is to be checked."""
        if self.revocations.get(host, 0) >= serial:
            return False
        self.revocations[host] = serial
        local = self.hosts.get(host)
        if local is None or not local.trusted or local.selector != selector:
            return False
        local.verify = True
        self.counts["revoked"] += 1
        return True

    def _count_in_step(self, tmpl: HostTemplate) -> bool:
        """Count one agreement more for a learning template (not one that has failed here) whose
        selector is in step with other hosts (_in_step): it is then trusted after two pages of its
        own, as a host that adopted a theme is. Whether it was counted."""
        if tmpl.failures or tmpl.trusted or not self._in_step(tmpl):
            return False
        tmpl.agreed += 1
        return True

    def _in_step(self, tmpl: HostTemplate) -> bool:
        """Whether the template's selector has given trafilatura's text on LEARN_PAGES pages of this
        process's other hosts in all, trusted there or still learning: a farm's blogs on one theme,
        whose pages come in turn, so that no host is trusted yet when the others start learning and
        none could start from its template (_adopt_theme)."""
        support = 0
        for other in self.hosts.values():
            if other is not tmpl and other.selector == tmpl.selector and not other.refused:
                support += other.agreed
                if support >= LEARN_PAGES:
                    return True
        return False

    def _remember_theme(self, selector: str) -> None:
        self.themes.pop(selector, None)
        self.themes[selector] = None
        if len(self.themes) > MAX_THEMES:
            self.themes.popitem(last=False)

    def know_themes(self, selectors: tuple[str, ...]) -> None:
        """Selectors trusted before on other hosts (oldest first), to try on a new host's first page."""
        for selector in selectors:
            self._remember_theme(selector)

    def _adopt_theme(self, tmpl: HostTemplate, fresh: etree._Element, reference: str) -> bool:
        """Start the host with a template trusted on another host when it gives trafilatura's text
        on this page (the newest such template first), dropping what trafilatura left out of it here,
        as learning does: the other host's drop set names its own theme's boxes. (Kept to those, a
        bare `//article` learned on one theme took another theme's header, view count and links to
        the next posts into the text.)"""
        for selector in reversed(self.themes):
            node = select(fresh, selector)
            if node is None:
                continue
            dropped = _dropped_steps(node, reference)
            if agreement(template_text(copy.deepcopy(node), dropped), reference) >= MIN_AGREEMENT:
                tmpl.selector, tmpl.drop = selector, dropped
                tmpl.agreed, tmpl.min_chars, tmpl.known = THEME_HEAD_START, 0, frozenset()
                tmpl.note_agreement(node)
                self.counts["adopted"] += 1
                return True
        return False


def _keep_newest(hosts: OrderedDict[str, HostTemplate], host: str, tmpl: HostTemplate, most: int) -> None:
    """hosts[host] = tmpl as the newest entry, the oldest dropped beyond `most`."""
    hosts[host] = tmpl
    hosts.move_to_end(host)
    if len(hosts) > most:
        hosts.popitem(last=False)


class SharedTemplates:
    """The main process's copy of the templates its workers came to trust or refuse, newest last:
    each batch of pages takes along those of its hosts (~0.5 KB and a few microseconds each), and a
    worker that has not learned a host yet starts from it (Templates.take). It starts with the
    templates kept from earlier crawls (`keep_from`), which every worker verifies on its first page
    of the host."""

    def __init__(self, most: int = MAX_HOSTS) -> None:
        self.hosts: OrderedDict[str, HostTemplate] = OrderedDict()
        self.most = most
        self.kept: set[str] = set()  # hosts whose template came from an earlier crawl, as long as it stands
        self.kept_used: set[str] = set()  # those of them this crawl's pages went out with
        # host -> (number, selector) of the last failed audit of a host whose template has not been
        # trusted again since: a batch of the host tells its worker (Templates.revoke)
        self.revoked: dict[str, tuple[int, str | None]] = {}
        self._revocations = 0

    @property
    def dropped(self) -> set[str]:
        """The hosts whose template failed an audit here and was not trusted again (not kept)."""
        return set(self.revoked)

    def keep_from(self, kept: dict[str, HostTemplate]) -> None:
        for host, tmpl in kept.items():
            _keep_newest(self.hosts, host, tmpl, self.most)
        self.kept = set(kept)

    def themes(self) -> tuple[str, ...]:
        """The selectors of the newest MAX_THEMES distinct trusted templates, oldest first: what a
        fresh worker tries on the first page of a host none has learned (a farm's other blogs on one
        theme, crawled before or earlier in this crawl)."""
        newest: list[str] = []
        for tmpl in reversed(self.hosts.values()):
            if tmpl.trusted and not tmpl.refused and tmpl.selector and tmpl.selector not in newest:
                newest.append(tmpl.selector)
                if len(newest) == MAX_THEMES:
                    break
        return tuple(reversed(newest))

    def for_hosts(self, hosts: set[str]) -> dict[str, HostTemplate]:
        # (get: a batch may be sent from another thread while the reactor's takes in a report)
        out = {host: tmpl for host in hosts if (tmpl := self.hosts.get(host)) is not None}
        if self.kept:
            self.kept_used.update(host for host in out if host in self.kept)
        return out

    def revocations_for(self, hosts: set[str]) -> dict[str, tuple[int, str | None]]:
        return {host: revoked for host in hosts if (revoked := self.revoked.get(host)) is not None}

    def update(self, changes: dict[str, HostTemplate | None]) -> None:
        for host, tmpl in changes.items():
            self.kept.discard(host)
            if tmpl is None:  # (a worker's template of the host failed an audit)
                old = self.hosts.pop(host, None)
                self._revocations += 1
                self.revoked[host] = (self._revocations, old.selector if old is not None else None)
            else:
                _keep_newest(self.hosts, host, tmpl, self.most)
                self.revoked.pop(host, None)


# The trusted templates kept between crawls: a file in the cache folder (pipelines/cachedir.py), the
# newest MAX_HOSTS hosts, each with what a worker learned of it but its counts of this crawl's pages.
KEPT_FILE = "host-templates.bin"
KEPT_FORMAT = 1  # (raised when what a template's fields mean changes)
_NOT_KEPT = ("pages", "verify")


def _kept_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(HostTemplate) if f.name not in _NOT_KEPT)


def _kept_stamp() -> tuple:
    return KEPT_FORMAT, _kept_fields(), versions_of("trafilatura")


def kept_path() -> Path | None:
    """The file; None when the cache folder is off (SPLOG_CACHE_DIR=off)."""
    folder = cache_dir()
    return None if folder is None else folder / KEPT_FILE


def load_kept(path: Path | None = None) -> OrderedDict[str, HostTemplate]:
    """The kept templates by host (oldest first), each to be verified (`verify`); none when there is
    no file, or it is damaged, foreign or of another version."""
    path = path or kept_path()
    items = read_kept(path, _kept_stamp()) if path is not None else None
    out: OrderedDict[str, HostTemplate] = OrderedDict()
    names = _kept_fields()
    for item in items if isinstance(items, list) else ():
        try:
            host, values = item
            tmpl = HostTemplate(**dict(zip(names, values, strict=True)), verify=True)
        except (TypeError, ValueError):
            continue
        tmpl.failures = 0  # (each crawl judges the host anew: its failures are counted toward refusal here)
        if isinstance(host, str) and isinstance(tmpl.selector, str) and tmpl.trusted and not tmpl.refused:
            out[host] = tmpl
    return out


def save_kept(shared: SharedTemplates, path: Path | None = None) -> bool:
    """Keep this crawl's trusted templates with those kept before (read again: another crawl may
    have kept some since this one started), less the hosts whose template failed here; the newest
    MAX_HOSTS. False when nothing could be written."""
    path = path or kept_path()
    if path is None:
        return False
    kept = load_kept(path)
    for host in shared.revoked:
        kept.pop(host, None)
    for host, tmpl in shared.hosts.items():
        if tmpl.refused:  # (this crawl gave up on the host's templates: none is kept for it)
            kept.pop(host, None)
        elif tmpl.trusted and tmpl.selector:
            kept.pop(host, None)
            kept[host] = tmpl
    while len(kept) > MAX_HOSTS:
        kept.popitem(last=False)
    names = _kept_fields()
    return write_kept(path, _kept_stamp(), [(host, tuple(getattr(t, n) for n in names)) for host, t in kept.items()])


def _learn_metadata(tmpl: HostTemplate, fresh: etree._Element, gained: dict[str, str],
                    date: str | None) -> None:
    if tmpl.full_metadata:
        return
    if "author" in gained:
        tmpl.full_metadata = True
        return
    if "published" in gained:
        tmpl.needs_date = True
        if date != gained["published"]:
            tmpl.full_metadata = True
    if "site_name" in gained:
        if tmpl.site_name is None:
            tmpl.site_name = gained["site_name"]
        elif tmpl.site_name != gained["site_name"]:
            tmpl.full_metadata = True
    if "title" in gained:
        if tmpl.title_selector is not None:
            node = select(fresh, tmpl.title_selector)
            if node is not None and fold(node.text_content()) == fold(gained["title"]):
                return
        title = fold(gained["title"])
        holder = next((el for tags in (("h1", "h2", "h3", "h4"), ("div", "span", "p", "a", "header"))
                       for el in fresh.iter(*tags)
                       if len(el.text_content()) < 3 * len(title) + 50 and fold(el.text_content()) == title), None)
        tmpl.title_selector = _selector(fresh, holder) if holder is not None else None
        if tmpl.title_selector is None:
            tmpl.full_metadata = True


DATE_SCOPE_MAX = 3  # levels above the container tried for the date


def _climb(node: etree._Element, levels: int) -> etree._Element | None:
    for _ in range(levels):
        node = node.getparent()
        if node is None or node.tag in ("html", "body"):
            return None
    return node


def learn_date_scope(tmpl: HostTemplate, fresh: etree._Element, date: str,
                     date_of: Callable[[etree._Element], str | None]) -> None:
    """On a learning or audit page whose date (`date`, htmldate's on the whole page) the template
    will have to find again: the nearest element around the container that gives htmldate the same
    date, or, once one is learned, a check that it still does."""
    if tmpl.date_scope_failed or tmpl.selector is None:
        return
    node = select(fresh, tmpl.selector)
    if node is None:
        return
    if tmpl.date_scope_known:
        element = tmpl.date_element(node)
        if element is None or date_of(element) != date:
            tmpl.date_scope, tmpl.date_scope_failed = None, True
        return
    for level in range(DATE_SCOPE_MAX + 1):
        element = _climb(node, level)
        if element is None:
            break
        if date_of(element) == date:
            tmpl.date_scope, tmpl.date_scope_of = level, tmpl.selector
            return
    tmpl.date_scope, tmpl.date_scope_failed = None, True


def words(text: str) -> Counter:
    return Counter(_WORD.findall(text.lower()))


def agreement(text: str, reference: str) -> float:
    """F1 of the two texts' word bags."""
    a, b = words(text), words(reference)
    if not a or not b:
        return 0.0
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def _names(el: etree._Element, loose: bool = False) -> tuple[str, list[str]]:
    """el's usable id and classes (classes in the order the page writes them). Names with digits
    differ per post (post-4312) and are left out, unless `loose`: a site whose build tool hashes its
    class names (Article_body__3kF9x) has no others, and learning on the next pages shows whether a
    name held."""
    usable = _LOOSE_NAME if loose else _STABLE_NAME
    ident = el.get("id") or ""
    classes = list(dict.fromkeys(c for c in (el.get("class") or "").split() if usable.match(c)))
    return (ident if usable.match(ident) else ""), classes


def _class_test(names: list[str]) -> str:
    return " and ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in names)


def _attribute_step(el: etree._Element, tag: str) -> str | None:
    """A step by the attributes an element without id or classes is still known by: itemprop and role,
    or, in older templates, its presentational attributes (<font face="Arial" size="2">)."""
    tests = [f"@{name}='{value}'" for name in _NAMING_ATTRIBUTES
             if (value := el.get(name)) is not None and _ATTRIBUTE_VALUE.match(value)]
    return f"{tag}[{' and '.join(tests)}]" if tests else None


def _steps(el: etree._Element, loose: bool = False, singles: bool = False) -> list[str]:
    """The ways to name el in a selector, in the order they are tried: by id, (with `singles`) by each
    class alone (a theme writes its own class first and the post's category and tags after it:
    "story cat-news tag-ferry"), by all its classes together; by naming attributes when it has
    neither. Empty when none applies."""
    tag = el.tag if isinstance(el.tag, str) else None
    if not tag or not _TAG.match(tag):
        return []
    ident, classes = _names(el, loose)
    steps = [f"{tag}[@id='{ident}']"] if ident else []
    if singles:
        steps += [f"{tag}[{_class_test([c])}]" for c in classes[:_MAX_SINGLE_CLASSES]]
    if len(classes) > 1 or (classes and not singles):
        steps.append(f"{tag}[{_class_test(sorted(classes))}]")
    if not steps and (by_attributes := _attribute_step(el, tag)):
        steps.append(by_attributes)
    return steps


def _step(el: etree._Element, loose: bool = False) -> str | None:
    """An XPath step naming el by tag and its id, else all its classes, else its naming attributes;
    None when it has none of them."""
    steps = _steps(el, loose)
    return steps[0] if steps else None


def _step_or_tag(el: etree._Element) -> str | None:
    """A step naming el by tag plus stable names, or by its bare tag."""
    if not isinstance(el.tag, str):
        return None
    return _step(el) or (el.tag if _TAG.match(el.tag) else None)


def select(tree: etree._Element, selector: str) -> etree._Element | None:
    """The one element the selector names in this page; None when it names none or several."""
    try:
        found = tree.xpath(selector)
    except etree.XPathError:
        return None
    return found[0] if len(found) == 1 else None


def _named_kinds(node: etree._Element) -> list[tuple[etree._Element, str]]:
    """The container's children, and their children, named by an id, classes or attributes, with
    their paths as `_dropped_steps` writes them (a bare <p>, <h2> or <ul> is the article's own kind
    of child on any post)."""
    found: list[tuple[etree._Element, str]] = []
    for child in node:
        outer = _step_or_tag(child)
        if outer is None:
            continue
        if "[" in outer:
            found.append((child, outer))
        for grandchild in child:
            if (inner := _step(grandchild)) is not None:
                found.append((grandchild, f"{outer}/{inner}"))
    return found


def _has_text(el: etree._Element) -> bool:
    return any(run.strip() for run in el.itertext())


def child_kinds(node: etree._Element) -> frozenset[str]:
    """The paths of the container's named children and grandchildren that hold text."""
    return frozenset(path for el, path in _named_kinds(node) if _has_text(el))


def drop_children(node: etree._Element, drop: frozenset[str]) -> None:
    """Remove the container's children that the template drops (their tails stay)."""
    for step in drop:
        for child in node.xpath(f"./{step}"):
            drop_element(child)


def dropped_head_lines(node: etree._Element, drop: frozenset[str], most: int = 6) -> list[str]:
    """The short lines of the children the template drops ahead of the container's first kept child
    with text (a byline or date line inside the body's box, left out by trafilatura): read as lines
    above the text, as metadata's header_lines reads the ones before the box, since dropped they never
    reach the head scan that harvests a byline's name."""
    if not drop:
        return []
    dropped = {id(el) for step in drop for el in node.xpath(f"./{step}")}
    lines: list[str] = []
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if id(child) not in dropped:
            if _has_text(child):
                break
            continue
        lines += [line.strip() for line in to_text(child).split("\n") if line.strip() and len(line.strip()) <= 200]
    return lines[-most:]


def template_text(node: etree._Element, drop: frozenset[str]) -> str:
    """The container's text without the children the template drops (the tree is changed)."""
    drop_children(node, drop)
    return to_text(node)


def _norm(text: str) -> str:
    return fold(_LIST_MARK.sub("", text))


def _dropped_steps(node: etree._Element, reference: str) -> frozenset[str]:
    """Child steps of the container none of whose texts occur in trafilatura's text, while at least
    one of them has text (so an empty or kept kind of child is never dropped); and, inside a child
    kept for most of its text (a header holding the title and a byline), the grandchild steps of
    that kind (`header/span[...]`)."""
    return _sorted_steps(node, reference)[1]


def _sorted_steps(node: etree._Element, reference: str) -> tuple[frozenset[str], frozenset[str]]:
    """The child steps (as in `_dropped_steps`) trafilatura kept some text of, and those it dropped."""
    kept: set[str] = set()
    missing: set[str] = set()
    _sort_steps(node, fold(reference), "", DROP_DEPTH, kept, missing)
    return frozenset(kept), frozenset(missing - kept)


DROP_DEPTH = 2  # levels below the container whose elements a template may drop
# the bare tags a template may drop: they never hold a post's own text
_BARE_DROPPABLE = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "aside", "form", "figure",
                             "figcaption", "time", "button", "select", "noscript"))


def _sort_steps(node: etree._Element, ref: str, prefix: str, depth: int, kept: set[str],
                missing: set[str]) -> None:
    """Each child's step (after prefix) into kept or missing by whether trafilatura kept its text. A
    child named by its bare tag goes into missing only when that tag never holds a post's text (a
    heading, a header, a footer, a form: _BARE_DROPPABLE): a bare step names every child of its kind,
    and a post's paragraphs are bare <p>s and <div>s on one page and the wrappers of a credit line on
    another (a compose box's post in divs with one <p> footer that trafilatura left out made the
    template drop every <p>, and the next post, written in <p>s, came out empty), and a bare inline
    child runs on with the text around it (a loose "Go to Source" link left out on one page made the
    template drop IFTTT's short link on the next: "via Le Courrier du Sud via")."""
    for child in node:
        step = _step_or_tag(child)
        if step is None:
            continue
        text = fold(" ".join(child.itertext()))
        if not text:
            continue
        path = prefix + step
        if text in ref:
            kept.add(path)
        elif _mostly_in(child, text, ref):
            kept.add(path)
            if depth > 1:
                _sort_steps(child, ref, path + "/", depth - 1, kept, missing)
        elif "[" in step or step in _BARE_DROPPABLE:
            missing.add(path)


def _mostly_in(child: etree._Element, text: str, ref: str) -> bool:
    """Most of the child's lines, or of its runs of text between tags, appear in the reference
    (trafilatura re-flows some whitespace, and a child that wraps the paragraphs and a tag list is
    not found whole)."""
    for parts in (text.split("\n"), child.itertext()):
        parts = [p for p in (fold(x) for x in parts) if len(p) > 20]
        if parts and sum(p in ref for p in parts) * 2 > len(parts):
            return True
    return False


def learn(tree: etree._Element, reference: str,
          singles: bool = False) -> tuple[str, frozenset[str]] | None:
    """A selector for the element holding trafilatura's text in this page, and the child steps to
    drop; None when the text cannot be placed in one element that is not the whole page."""
    probes = {_norm(line) for line in reference.split("\n")}
    probes = {p for p in probes if len(p) >= 25}
    if len(probes) < 2 and not any(len(p) >= LONE_LINE for p in probes):
        return None  # too little text to place with confidence (one long line: a layout table's row)
    # a line may hold several of the page's blocks: trafilatura gives a layout table's row as one
    # line ("| title text paragraphs... | sidebar |"), so a block whose text lies inside a long line
    # counts too
    long_lines = [p for p in probes if len(p) > 400]
    matched: list[tuple[etree._Element, int]] = []
    seen: set[str] = set()
    longest = max(len(p) for p in probes)
    for tags in (_PARAGRAPH_TAGS, _WRAPPER_TAGS):
        for el in tree.iter(*tags):
            text = el.text_content() if len(el) else (el.text or "")
            if len(text) > 2 * longest + 200:
                continue
            text = fold(text)
            if text in probes:
                if text not in seen:
                    seen.add(text)
                    matched.append((el, len(text)))
            elif len(text) >= 25 and tags is _PARAGRAPH_TAGS:
                line = next((line for line in long_lines if text in line), None)
                if line is not None:
                    seen.add(line)
                    matched.append((el, len(text)))
        if len(seen) * 2 >= len(probes):
            break
    if len(seen) * 2 < len(probes):
        _match_text_runs(tree, probes, seen, matched)
    if len(seen) * 2 < len(probes) or len(matched) < 2:
        return None
    container = _common_ancestor([el for el, _size in matched])
    if container is not None and container.tag in ("html", "body"):
        container = _main_holder(matched)
    if container is None or container.tag in ("html", "body"):
        return None
    selector = _selector(tree, container, singles)
    if selector is None:
        return None
    dropped = _dropped_steps(container, reference)
    # the container must give the reference's text on this very page
    if agreement(template_text(copy.deepcopy(container), dropped), reference) < MIN_AGREEMENT:
        return None
    return selector, dropped


def _match_text_runs(tree: etree._Element, probes: set[str], seen: set[str],
                     matched: list[tuple[etree._Element, int]]) -> None:
    """Lines that are runs of text between tags rather than whole elements (paragraphs kept apart by
    <br><br> in one <div>, as older splog templates write them): each matched run places the
    element it sits in."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for run in (el.text, *(child.tail for child in el)):
            if run and len(run) >= 25:
                text = _norm(run)
                if text in probes and text not in seen:
                    seen.add(text)
                    matched.append((el, len(text)))


def _common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    chain = [elements[0], *elements[0].iterancestors()]
    depth = {id(el): i for i, el in enumerate(chain)}
    lowest = 0
    for el in elements[1:]:
        node = el
        while node is not None and id(node) not in depth:
            node = node.getparent()
        if node is None:
            return None
        lowest = max(lowest, depth[id(node)])
    return chain[lowest]


def _main_holder(matched: list[tuple[etree._Element, int]]) -> etree._Element | None:
    """The deepest element below <body> holding MAIN_SHARE of the matched text, for when the matched
    blocks meet only at <body>: trafilatura sometimes adds a block from elsewhere in the page (a
    teaser of another post in a widget) to the article."""
    total = sum(size for _el, size in matched)
    cover: dict[int, int] = {}
    nodes: dict[int, tuple[int, etree._Element]] = {}
    for el, size in matched:
        for depth, node in enumerate(reversed([el, *el.iterancestors()])):
            cover[id(node)] = cover.get(id(node), 0) + size
            nodes[id(node)] = (depth, node)
    held = [nodes[key] for key, size in cover.items()
            if size >= MAIN_SHARE * total and nodes[key][1].tag not in ("html", "body")]
    return max(held, key=lambda pair: pair[0])[1] if held else None


def _selector(tree: etree._Element, container: etree._Element, singles: bool = False) -> str | None:
    """The shortest path of stable steps, from the element up, that names it alone (the element's own
    step may be its bare tag); an ancestor without stable names is stepped over with `//`, and
    positions are never used. Names with digits are tried only when no path without them exists;
    `singles`: an element may be named by one of its classes alone."""
    return _path(tree, container, False, singles) or _path(tree, container, True, singles)


def _path(tree: etree._Element, container: etree._Element, loose: bool, singles: bool) -> str | None:
    def names_alone(steps: tuple[str, ...]) -> bool:
        found = tree.xpath("//" + "//".join(reversed(steps)))
        return len(found) == 1 and found[0] is container

    bare = [container.tag] if isinstance(container.tag, str) and _TAG.match(container.tag) else []
    own = _steps(container, loose, singles) + bare  # the bare tag last
    for step in own:
        if names_alone((step,)):
            return "//" + step
    between: list[str] = []  # ancestors passed on the way up, each by its id, else all classes
    node = container
    while own and len(between) < 3:
        node = node.getparent()
        while node is not None and node.tag not in ("html", "body") and not _steps(node, loose):
            node = node.getparent()
        if node is None or node.tag in ("html", "body"):
            return None
        ways = _steps(node, loose, singles)
        for way in ways:
            for step in own:
                if names_alone(steps := (step, *between, way)):
                    return "//" + "//".join(reversed(steps))
        between.append(_step(node, loose))  # never None: the node has steps
    return None
