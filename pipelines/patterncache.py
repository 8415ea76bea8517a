"""The signature rules' regular expressions in compiled form, kept in the cache between runs.

Every crawl's extraction forkserver compiles the rules' ~480 patterns before its first worker can
start: ~0.16 s of its ~0.7 s set-up, on the way to the first extracted page. `re` parses a pattern
and generates its opcodes in Python code, then hands the opcodes to the C engine (`_sre.compile`),
which only checks and stores them. This module keeps each pattern's opcodes in one file of the
cache folder (pipelines/cachedir.py), so that a later run builds the same pattern objects from
them (~5 ms for all of the rules' patterns): pattern objects compare equal only when their source,
flags and opcodes are the same, and the tests compare every rule's pattern with `re.compile`'s.

This leans on `re`'s private parts (`re._parser.parse`, `re._compiler._code`, `_sre.compile`, as in
CPython 3.11). The file carries the interpreter's version and the engine's magic number and a
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
        self.entries: dict[tuple[str, int], Entry] = self._read() if self.path is not None else {}
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
        if write_kept(self.path, _stamp(), list(keep.items())):
            self._unsaved = False

    def _read(self) -> dict[tuple[str, int], Entry]:
        items = read_kept(self.path, _stamp())
        try:
            return dict(items) if items else {}
        except (TypeError, ValueError):
            return {}


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
    global _ACTIVE
    if _ACTIVE is None:
        _ACTIVE = PatternCache(cache_path())
    return _ACTIVE.compile(pattern, flags)


def save() -> None:
    """Keep what this process compiled anew (after loading a set of rules)."""
    if _ACTIVE is not None:
        _ACTIVE.save()


def forget() -> None:
    """Drop this process's cache (the next pattern opens the file again): for tests."""
    global _ACTIVE
    _ACTIVE = None
