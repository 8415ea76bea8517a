"""Regular expressions in compiled form, kept in the cache between runs: the signature rules', and
those a crawl's processes compile as they import their modules (`warm_re` / `keep_re`).

Every crawl's extraction forkserver compiles the rules' ~480 patterns before its first worker can
start: ~0.16 s of its ~0.7 s set-up, on the way to the first extracted page. `re` parses a pattern
and generates its opcodes in Python code, then hands the opcodes to the C engine (`_sre.compile`),
which only checks and stores them. This module keeps each pattern's opcodes in one file of the
cache folder (pipelines/cachedir.py), so that a later run builds the same pattern objects from
them (~5 ms for all of the rules' patterns): pattern objects compare equal only when their source,
flags and opcodes are the same, and the tests compare every rule's pattern with `re.compile`'s.
The same file keeps what each rule's pattern tells before it is tried (its facts: the longest line
it can match, a text every match holds, the characters a match starts with; pipelines/
patternfacts.py), which are read off the parsed pattern.

The modules a crawl imports (Scrapy, Twisted, ours) compile ~440 more patterns at import time in the
main process, and ~420 in the extraction forkserver: ~0.06 s of each one's start-up, and the main
process's start-up is what the first requests wait for. `keep_re` keeps the patterns in `re`'s own
cache once a process has imported what it needs; `warm_re`, first thing in the next run's process,
puts them back into that cache, built from their opcodes, and `re.compile` then finds them there.

This leans on `re`'s private parts (`re._parser.parse`, `re._compiler._code`, `_sre.compile`, `re._cache` keyed
by (type, pattern, flags), as in CPython 3.11). The file carries the interpreter's version and the engine's magic number and a
checksum of its contents (cachedir.write_kept); another version, a damaged file, a folder that cannot
be written and an interpreter whose internals differ all leave each pattern to `re.compile`.
"""

from __future__ import annotations

import contextlib
import re
import sys
from array import array
from pathlib import Path
from typing import Any

from pipelines.cachedir import cache_dir, read_kept, write_kept
from pipelines.patternfacts import VERSION as FACTS_VERSION
from pipelines.patternfacts import Facts, analyse

try:  # CPython's
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another interpreter: every pattern compiled by re
    _sre = None

MAX_ENTRIES = 4000  # patterns kept in the file (the built-in rules have ~480, a user's rules add theirs)

# (pattern, flags) -> (the flags the pattern ends up with, its opcodes as native 32-bit words, the
# number of groups - 1, group name -> number, number -> group name)
Entry = tuple[int, bytes, int, dict, tuple]


def _stamp() -> tuple:
    return (sys.version, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None), sys.byteorder)


RULES_FORMAT = 2  # the rules' file: (patterns with their opcodes, patterns with their facts)


def _rules_stamp() -> tuple:
    return (*_stamp(), RULES_FORMAT, FACTS_VERSION)


def _usable() -> bool:
    """Whether this interpreter's `re` is built the way this module expects."""
    return (_sre is not None and hasattr(_sre, "compile") and hasattr(_compiler, "_code")
            and hasattr(_parser, "parse") and array("I").itemsize == getattr(_sre, "CODESIZE", 0))


def cache_path() -> Path | None:
    """The file, in the cache folder; None when caching is off."""
    folder = cache_dir()
    return None if folder is None else folder / f"rule-patterns.{sys.implementation.cache_tag}.bin"


class PatternCache:
    """Patterns compiled from the file's opcodes where it has them, by re otherwise; `save` writes
    the file again when some were new."""

    def __init__(self, path: Path | None) -> None:
        self.path = path if _usable() else None
        self.entries: dict[tuple[str, int], Entry] = {}
        # (pattern, its final flags) -> what it tells before it is tried (pipelines/patternfacts.py)
        self.facts: dict[tuple[str, int], Facts] = {}
        if self.path is not None:
            self._read()
        self.used: dict[tuple[str, int], Entry] = {}
        self.new = 0  # patterns this process compiled anew
        self._unsaved = False

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        """re.compile(pattern, flags), raising re.error as it does."""
        flags = int(flags)
        key = (pattern, flags)
        entry = self.entries.get(key)
        if entry is not None:
            with contextlib.suppress(Exception):  # (an entry the engine refuses: compiled anew below)
                compiled = _build(pattern, entry)
                self.used[key] = entry
                return compiled
        if self.path is None:
            return re.compile(pattern, flags)
        parsed = _parser.parse(pattern, flags)  # (re.error for a bad pattern, as from re.compile)
        try:
            entry = _entry(parsed, flags)
            compiled = _build(pattern, entry)
        except Exception:  # noqa: BLE001 - internals other than expected: re's own way, not kept
            return re.compile(pattern, flags)
        self.entries[key] = self.used[key] = entry
        self.new += 1
        self._unsaved = True
        return compiled

    def save(self) -> None:
        """Write the file when this process compiled patterns it did not hold."""
        if self.path is None or not self._unsaved:
            return
        keep = self.entries if len(self.entries) <= MAX_ENTRIES else self.used
        sources = {pattern for pattern, _flags in keep}
        facts = self.facts if len(self.facts) <= MAX_ENTRIES else {
            key: value for key, value in self.facts.items() if key[0] in sources}
        if write_kept(self.path, _rules_stamp(), (list(keep.items()), list(facts.items()))):
            self._unsaved = False

    def facts_of(self, pattern: re.Pattern[str]) -> Facts:
        """patternfacts.analyse(pattern), kept with the pattern's opcodes."""
        key = (pattern.pattern, pattern.flags)
        facts = self.facts.get(key)
        if facts is None:
            facts = self.facts[key] = analyse(pattern.pattern, pattern.flags)
            self._unsaved = True
        return facts

    def _read(self) -> None:
        value = read_kept(self.path, _rules_stamp())
        try:
            items, facts = value
            self.entries, self.facts = dict(items), dict(facts)
        except (TypeError, ValueError):
            self.entries, self.facts = {}, {}


def _entry(parsed: Any, flags: int) -> Entry:
    """What re._compiler.compile hands the engine for a parsed pattern."""
    code = _compiler._code(parsed, flags)
    names = dict(parsed.state.groupdict)
    by_number: list[str | None] = [None] * parsed.state.groups
    for name, number in names.items():
        by_number[number] = name
    return (int(flags | parsed.state.flags), array("I", code).tobytes(), parsed.state.groups - 1, names,
            tuple(by_number))


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    final_flags, code, groups, names, by_number = entry
    words = array("I")
    words.frombytes(code)
    return _sre.compile(pattern, final_flags, words.tolist(), groups, names, by_number)


_ACTIVE: PatternCache | None = None


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile through this process's cache (opened from the cache folder on first use)."""
    return _active().compile(pattern, flags)


def facts_of(pattern: re.Pattern[str]) -> Facts:
    """What the pattern tells before it is tried (pipelines/patternfacts.py), through this process's
    cache: parsed only when the cache folder's file does not hold it."""
    return _active().facts_of(pattern)


def _active() -> PatternCache:
    """This process's cache, opened from the cache folder on first use."""
    global _ACTIVE
    if _ACTIVE is None:
        _ACTIVE = PatternCache(cache_path())
    return _ACTIVE


def save() -> None:
    """Keep what this process compiled anew (after loading a set of rules)."""
    if _ACTIVE is not None:
        _ACTIVE.save()


def forget() -> None:
    """Drop this process's cache (the next pattern opens the file again), and what warm_re read of
    its files: for tests."""
    global _ACTIVE
    _ACTIVE = None
    _RE_KEPT.clear()


# --- re's own cache -------------------------------------------------------------------------------
RE_ROOM = 32  # entries of re's cache (re._MAXCACHE: 512) warm_re leaves free for patterns not kept
# keep_re writes the file anew when more of the patterns in re's cache than this are missing from it
REWRITE_MISSING = 8
REWRITE_SHARE = 0.05

ReKey = tuple[type, "str | bytes", int]  # re._cache's key: (type(pattern), pattern, flags)

# role -> its file's items by re._cache key, as read (or last written) in this process
_RE_KEPT: dict[str, dict[ReKey, tuple]] = {}


def re_cache_path(role: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"re-cache.{role}.{sys.implementation.cache_tag}.bin"


def _re_cache() -> dict | None:
    cache = getattr(re, "_cache", None)
    return cache if _usable() and isinstance(cache, dict) else None


def _kept_re(role: str, path: Path) -> dict[ReKey, tuple]:
    if role not in _RE_KEPT:
        items = read_kept(path, _stamp())
        kept: dict[ReKey, tuple] = {}
        for item in items if isinstance(items, list) else []:
            try:
                pattern, flags, _entry_ = item
                kept[(type(pattern), pattern, flags)] = item
            except (TypeError, ValueError):
                kept = {}  # (not what keep_re writes: none of it is used)
                break
        _RE_KEPT[role] = kept
    return _RE_KEPT[role]


def warm_re(role: str) -> int:
    """Put the patterns a process of this role had compiled by keep_re last time into `re`'s cache,
    built from their opcodes: the modules it imports next find them there. Leaves RE_ROOM entries of
    that cache free; returns how many patterns it put in."""
    cache = _re_cache()
    path = re_cache_path(role) if cache is not None else None
    if path is None:
        return 0
    room = getattr(re, "_MAXCACHE", 512) - RE_ROOM - len(cache)
    added = 0
    for key, (pattern, _flags, entry) in _kept_re(role, path).items():
        if added >= room:
            break
        if key in cache:
            continue
        with contextlib.suppress(Exception):  # (an entry the engine refuses: re compiles it when asked)
            cache[key] = _build(pattern, entry)
            added += 1
    return added


def keep_re(role: str) -> int:
    """Keep the patterns now in `re`'s cache (once the process has imported its modules), in place of
    what the role's file held, when more than a few of them are missing from it; returns how many of
    those it kept. A few always are: the standard library builds some patterns from a set of strings,
    whose order, and so the pattern, changes from one process to the next (tokenize's string
    prefixes, http.cookies' legal characters); rewriting the file for them on every run would cost
    the start-up what the file saves. Each pattern is kept only when the one built from its kept
    opcodes equals the one re compiled."""
    cache = _re_cache()
    path = re_cache_path(role) if cache is not None else None
    if path is None:
        return 0
    known = _kept_re(role, path)
    try:
        now = list(cache.items())
    except RuntimeError:  # (changed by another thread meanwhile: kept next time)
        return 0
    now = [(key, compiled) for key, compiled in now
           if key[0] in (str, bytes) and isinstance(compiled, re.Pattern) and not key[2] & re.TEMPLATE]
    missing = sum(key not in known for key, _ in now)
    if missing <= max(REWRITE_MISSING, REWRITE_SHARE * len(now)) and known:
        return 0
    kept: dict[ReKey, tuple] = {}
    for key, compiled in now:
        item = known.get(key)
        if item is None:
            _kind, pattern, flags = key
            try:
                entry = _entry(_parser.parse(pattern, flags), flags)
                if _build(pattern, entry) != compiled:
                    continue
            except Exception:  # noqa: BLE001 - internals other than expected: this one is not kept
                continue
            item = (pattern, flags, entry)
        kept[key] = item
    if not write_kept(path, _stamp(), list(kept.values())):
        return 0
    _RE_KEPT[role] = kept
    return len(kept) - sum(key in known for key in kept)
