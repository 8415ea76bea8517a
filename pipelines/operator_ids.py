"""Operator ids: the identifiers a blog's HTML carries of the people who run it or earn from it (an
ad network's publisher id, an analytics or tag-manager id, an affiliate tag, a platform account),
read by the rules in rules/ids.toml.

Splogs of one operator share these across hosts and platforms, so they are what ties a farm's blogs
together. Each id is listed with where it was found:

- `home`: the blog's home page (its template: ads, analytics and the profile widget);
- `page`: the post's own page (page by page crawls and saved pages);
- `body`: the post's body as its feed gave it (a copied article may carry its original's tags);
- `author`: the feed's author entry (a Blogger profile, a Gravatar of the author's e-mail).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

WHERES = ("home", "page", "body", "author")
_DEFAULT_SCAN = ("home", "page", "body")
_KIND = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# the most ids a record lists, and of one kind (a page of links to a hundred shops' tags stays one
# record's size, and leaves room for the template's and the author's ids)
MAX_IDS = 24
MAX_PER_KIND = 8


class IdRuleError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class IdRule:
    kind: str
    pattern: re.Pattern[str]  # its first group is the id (the whole match when it has none)
    needles: tuple[str, ...]  # the pattern is tried only on HTML that holds one of these
    scan: frozenset[str]  # the places (WHERES) it reads
    # ids a platform puts on every blog it hosts (its own analytics): not any operator's (all rules' [platform_ids])
    platform: frozenset[str] = frozenset()

    def find(self, html: str) -> Iterable[str]:
        if not any(n in html for n in self.needles):
            return ()
        group = 1 if self.pattern.groups else 0
        return (m.group(group) for m in self.pattern.finditer(html)
                if m.group(group) and m.group(group) not in self.platform)


def parse_platform(table: Any, src: str) -> list[str]:
    """A rule file's [platform_ids] ids = [...]: ids a platform puts on every blog it hosts."""
    ids = table.get("ids") if isinstance(table, dict) else None
    if not isinstance(ids, list) or not all(isinstance(i, str) and i.strip() for i in ids):
        raise IdRuleError(f"{src}: platform_ids: ids = a list of ids")
    return [i.strip() for i in ids]


def with_platform(rules: Iterable[IdRule], platform: Iterable[str]) -> tuple[IdRule, ...]:
    """The rules, each leaving out the platforms' own ids."""
    ignored = frozenset(platform)
    return tuple(replace(rule, platform=ignored) for rule in rules)


def parse(tables: Any, src: str) -> list[IdRule]:
    """The [[id]] tables of one rule file; IdRuleError names the first bad one."""
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise IdRuleError(f"{src}: id: a list of [[id]] tables")
    rules = []
    for t in tables:
        kind = t.get("kind")
        if not isinstance(kind, str) or not _KIND.fullmatch(kind):
            raise IdRuleError(f"{src}: an [[id]] rule needs kind, lower-case words joined by '-': {t}")
        pattern = t.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            raise IdRuleError(f"{src}: id {kind!r}: a rule needs a pattern")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise IdRuleError(f"{src}: id {kind!r}: bad pattern: {exc}") from None
        needles = t.get("needles")
        if not isinstance(needles, list) or not needles or not all(isinstance(n, str) and n for n in needles):
            raise IdRuleError(f"{src}: id {kind!r}: needles: a list of the strings one of which a page "
                              "must hold for the pattern to be tried")
        scan = t.get("scan", list(_DEFAULT_SCAN))
        if not isinstance(scan, list) or not scan or any(w not in WHERES for w in scan):
            raise IdRuleError(f"{src}: id {kind!r}: scan: a list of {', '.join(WHERES)}")
        rules.append(IdRule(kind, compiled, tuple(needles), frozenset(scan)))
    return rules


def find_ids(html: str | None, where: str, rules: Iterable[IdRule]) -> list[tuple[str, str]]:
    """The (kind, id) pairs the rules that read `where` find in html, in the rules' order, once each."""
    if not html:
        return []
    found: dict[tuple[str, str], None] = {}
    for rule in rules:
        if where in rule.scan:
            for value in rule.find(html):
                found[(rule.kind, value)] = None
    return list(found)


def merge(*places: tuple[str, Iterable[tuple[str, str]]]) -> list[dict[str, Any]]:
    """The record's list: each (kind, id) once, with the places it was found in WHERES' order. Those
    found in the most places come first, then by the first place (home, page, body, author), then in
    the order found; at most MAX_PER_KIND of a kind and MAX_IDS in all."""
    by_id: dict[tuple[str, str], list[str]] = {}
    for where, ids in places:
        for key in ids:
            wheres = by_id.setdefault(key, [])
            if where not in wheres:
                wheres.append(where)
    ranked = sorted(((key, sorted(wheres, key=WHERES.index)) for key, wheres in by_id.items()),
                    key=lambda item: (-len(item[1]), WHERES.index(item[1][0])))
    per_kind: dict[str, int] = {}
    out = []
    for (kind, value), wheres in ranked:
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if per_kind[kind] <= MAX_PER_KIND:
            out.append({"kind": kind, "id": value, "where": wheres})
    return out[:MAX_IDS]


def as_text(ids: Iterable[tuple[str, str]] | None) -> str | None:
    """A blog's home-page ids as the state keeps them ("kind id" a line; "" for none; None: not read)."""
    return None if ids is None else "\n".join(f"{kind} {value}" for kind, value in ids)


def from_text(text: str | None) -> tuple[tuple[str, str], ...] | None:
    if text is None:
        return None
    return tuple((kind, value) for kind, _, value in (line.partition(" ") for line in text.splitlines()) if value)
