"""The rules' compiled patterns kept in the cache: a later load builds patterns equal to
re.compile's (same source, flags and opcodes) from the file, and every way the file can fail leaves
the patterns to re.compile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelines import patterncache, rules
from pipelines.patterncache import PatternCache

# what the rules' patterns use: named groups and back-references, inline and scoped flags, lookaround,
# classes outside ASCII, bounded repeats
PATTERNS = [
    r"(?P<who>[^\W\d_]+) (?P=who)",
    r"(?i)posted by (?P<author>\w+)",
    r"(?=.{1,160}$)(?!.*[.!?]$)(by|von) (?-i:[A-Z]\w+)",
    r"(?<![\w.])(?:reuters|afp)(?![\w.])",
    r"[\u3400-\u9fff]{2,10}\s*=\s*[^)）]{2,20}?",
    r"(\d{1,2})[./](\d{1,2})[./](\d{4})",
]


def build_rules() -> rules.RuleSet:
    """The built-in rules compiled afresh in this process (load_rules keeps one set per process)."""
    patterncache.forget()
    return rules.load_rules.__wrapped__(())


def rule_patterns(ruleset: rules.RuleSet) -> list[re.Pattern[str]]:
    return [r.pattern for r in ruleset.lines] + [r.text for r in ruleset.anchors]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPLOG_CACHE_DIR", str(tmp_path / "cache"))
    yield patterncache.cache_path()
    patterncache.forget()


def test_a_second_load_takes_every_rule_pattern_from_the_file_equal_to_re_compile(cache):
    first = build_rules()
    assert cache.exists() and cache.stat().st_size > 100_000
    stamp = cache.stat().st_mtime_ns
    second = build_rules()
    reader = patterncache._ACTIVE
    assert reader.new == 0 and len(reader.used) >= 400  # none compiled by re this time
    assert cache.stat().st_mtime_ns == stamp  # nor written again
    for ours, plain in zip(rule_patterns(second), rule_patterns(first), strict=True):
        fresh = re.compile(plain.pattern, plain.flags)
        assert ours == fresh and ours.groupindex == fresh.groupindex and ours.groups == fresh.groups
    assert second.lines[0].pattern.fullmatch is not None


def test_patterns_of_every_kind_round_trip(cache):
    writer = PatternCache(cache)
    made = [writer.compile(p, re.IGNORECASE) for p in PATTERNS]
    writer.save()
    reader = PatternCache(cache)
    again = [reader.compile(p, re.IGNORECASE) for p in PATTERNS]
    assert reader.new == 0
    for source, a, b in zip(PATTERNS, made, again):
        assert a == b == re.compile(source, re.IGNORECASE)
    assert again[0].fullmatch("Ann Ann").group("who") == "Ann"
    assert again[2].fullmatch("von Lee") and not again[2].fullmatch("von lee")  # the scoped (?-i:)
    assert again[5].search("on 09.10.2026").groups() == ("09", "10", "2026")


def test_a_bad_pattern_raises_as_re_does(cache):
    with pytest.raises(re.error):
        PatternCache(cache).compile(r"(unclosed", re.IGNORECASE)
    with pytest.raises(re.error):
        PatternCache(None).compile(r"(unclosed", re.IGNORECASE)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped"])
def test_a_damaged_file_is_ignored_and_written_anew(cache, damage):
    build_rules()
    data = cache.read_bytes()
    cache.write_bytes({"garbage": b"not a cache file at all",
                       "truncated": data[: len(data) // 2],
                       "flipped": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]}[damage])
    assert PatternCache(cache).entries == {}
    again = build_rules()
    assert patterncache._ACTIVE.new >= 400
    assert all(p == re.compile(p.pattern, p.flags) for p in rule_patterns(again))
    assert len(PatternCache(cache).entries) >= 400  # whole again


def test_a_file_of_another_python_is_ignored(cache, monkeypatch):
    writer = PatternCache(cache)
    writer.compile(PATTERNS[0])
    monkeypatch.setattr(patterncache, "_stamp", lambda: ("2.7.18", 1, 4, "little"))
    writer.save()
    monkeypatch.undo()
    assert PatternCache(cache).entries == {}


def test_opcodes_the_engine_refuses_are_compiled_again(cache):
    writer = PatternCache(cache)
    writer.compile(PATTERNS[1], re.IGNORECASE)
    key = (PATTERNS[1], int(re.IGNORECASE))
    final, code, groups, names, by_number = writer.entries[key]
    writer.entries[key] = (final, code[: len(code) // 2], groups, names, by_number)  # half a program
    writer.save()
    reader = PatternCache(cache)
    assert reader.compile(PATTERNS[1], re.IGNORECASE) == re.compile(PATTERNS[1], re.IGNORECASE)
    assert reader.new == 1


def test_a_folder_that_cannot_be_written_keeps_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SPLOG_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: mkdir fails
    ruleset = build_rules()
    assert all(p == re.compile(p.pattern, p.flags) for p in rule_patterns(ruleset))
    assert list(tmp_path.iterdir()) == [blocker]
    patterncache.forget()


def test_caching_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SPLOG_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert patterncache.cache_path() is None
    ruleset = build_rules()
    assert len(ruleset.lines) > 100 and list(tmp_path.iterdir()) == []
    patterncache.forget()
