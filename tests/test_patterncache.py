"""The rules' compiled patterns kept in the cache: a later load builds patterns equal to
re.compile's (same source, flags and opcodes) from the file, and every way the file can fail leaves
the patterns to re.compile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelines import patterncache, rules
from pipelines.patterncache import PatternCache
from tests.conftest import fresh_python

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


# --- re's own cache, kept between runs (warm_re / keep_re) ------------------------------------------

@pytest.fixture
def re_cache(cache: Path):
    """re's cache emptied for the test, and put back as it was after it."""
    saved = dict(re._cache)
    re.purge()
    yield cache.parent
    re.purge()
    re._cache.update(saved)


def _compiled_anew(monkeypatch: pytest.MonkeyPatch) -> list:
    """The patterns re compiles from here on (rather than finding them in its cache)."""
    made: list = []
    compile_ = re._compiler.compile

    def counted(pattern, flags=0):
        made.append(pattern)
        return compile_(pattern, flags)

    monkeypatch.setattr(re._compiler, "compile", counted)
    return made


def test_kept_patterns_come_back_into_res_cache_equal_to_what_re_compiles(re_cache, monkeypatch):
    wanted = [(p, re.IGNORECASE) for p in PATTERNS] + [(PATTERNS[0], 0), (rb"\x00[^\x00]{2,}\xff", re.S)]
    first = [re.compile(p, f) for p, f in wanted]
    assert patterncache.keep_re("test") == len(wanted)
    assert patterncache.keep_re("test") == 0  # nothing new: the file is not written again
    patterncache.forget()
    re.purge()
    assert patterncache.warm_re("test") == len(wanted)
    made = _compiled_anew(monkeypatch)
    again = [re.compile(p, f) for p, f in wanted]
    assert made == []  # every one found in re's cache
    for a, b in zip(first, again):
        assert a == b and a.groupindex == b.groupindex and a.groups == b.groups and a is not b
    assert again[0].fullmatch("Ann Ann").group("who") == "Ann"
    assert again[2].fullmatch("von Lee") and not again[2].fullmatch("von lee")
    assert again[-1].match(b"\x00abc\xff") and isinstance(again[-1].pattern, bytes)
    assert re.match(PATTERNS[5], "09.10.2026", re.I).groups() == ("09", "10", "2026") and made == []


def test_a_fresh_interpreter_imports_our_modules_without_compiling_their_patterns(re_cache):
    script = ("import json, re, sys\n"
              "from pipelines import patterncache\n"
              "warmed = patterncache.warm_re('imports')\n"
              "made = []\n"
              "compile_ = re._compiler.compile\n"
              "re._compiler.compile = lambda p, f=0: made.append(p) or compile_(p, f)\n"
              "import pipelines.htmltext, pipelines.metadata, pipelines.cleaning\n"
              "kept = patterncache.keep_re('imports')\n"
              "print(json.dumps([warmed, len(made), kept]))\n")
    runs = [fresh_python(script, env={"SPLOG_CACHE_DIR": str(re_cache)}) for _ in range(2)]
    assert runs[0][0] == 0 and runs[0][1] > 50 and runs[0][2] >= runs[0][1]  # compiled, then kept
    assert runs[1][0] >= runs[0][1] and runs[1][1] == 0 and runs[1][2] == 0  # all found in re's cache


def test_warming_leaves_room_in_res_cache(re_cache):
    for n in range(450):
        re.compile(f"kept-{n}-(a|b)")
    assert patterncache.keep_re("many") == 450
    patterncache.forget()
    re.purge()
    for n in range(100):  # (compiled before the warming: what the process had imported first)
        re.compile(f"early-{n}-(c|d)")
    added = patterncache.warm_re("many")
    assert added == re._MAXCACHE - patterncache.RE_ROOM - 100 == len(re._cache) - 100


def test_a_few_patterns_new_each_run_do_not_rewrite_the_file_many_do(re_cache):
    for n in range(200):
        re.compile(f"import-time-{n}-(a|b)")
    assert patterncache.keep_re("test") == 200
    path = patterncache.re_cache_path("test")
    written = path.stat().st_mtime_ns
    for run in range(3):  # what a set's order makes of a pattern differs from one process to the next
        patterncache.forget()
        re.compile(f"[{''.join(sorted('xyz', key=lambda c: (ord(c) * (run + 1)) % 7))}]+")
        assert patterncache.keep_re("test") == 0
    assert path.stat().st_mtime_ns == written
    re.purge()  # another version of the code: other patterns
    for n in range(150):
        re.compile(f"import-time-{n}-(a|b)")
    for n in range(30):
        re.compile(f"new-module-{n}-(c|d)")
    assert patterncache.keep_re("test") == 30
    patterncache.forget()
    re.purge()
    assert patterncache.warm_re("test") == 180  # the file holds what re's cache held, no more


@pytest.mark.parametrize("damage", ["garbage", "flipped", "foreign"])
def test_a_damaged_or_foreign_re_file_warms_nothing_and_is_written_anew(re_cache, monkeypatch, damage):
    re.compile(PATTERNS[1])
    patterncache.keep_re("test")
    path = patterncache.re_cache_path("test")
    data = path.read_bytes()
    if damage == "foreign":
        patterncache.forget()
        monkeypatch.setattr(patterncache, "_stamp", lambda: ("2.7.18", 1, 4, "little"))
        patterncache.keep_re("test")
        monkeypatch.undo()
    else:
        path.write_bytes(b"not a cache file" if damage == "garbage" else data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    patterncache.forget()
    re.purge()
    assert patterncache.warm_re("test") == 0
    re.compile(PATTERNS[1])
    assert patterncache.keep_re("test") == 1
    patterncache.forget()
    re.purge()
    assert patterncache.warm_re("test") == 1


def test_opcodes_the_engine_refuses_are_left_to_re(re_cache):
    re.compile(PATTERNS[1], re.IGNORECASE)
    patterncache.keep_re("test")
    path = patterncache.re_cache_path("test")
    from pipelines.cachedir import read_kept, write_kept

    (pattern, flags, (final, code, groups, names, by_number)), = read_kept(path, patterncache._stamp())
    write_kept(path, patterncache._stamp(), [(pattern, flags, (final, code[: len(code) // 2], groups, names, by_number))])
    patterncache.forget()
    re.purge()
    assert patterncache.warm_re("test") == 0
    assert re.compile(PATTERNS[1], re.IGNORECASE).fullmatch("Posted by Ann").group("author") == "Ann"


def test_re_caching_off_or_unwritable_keeps_nothing(tmp_path, monkeypatch):
    saved = dict(re._cache)
    try:
        for setting in ("off", str(tmp_path / "a-file" / "cache")):
            (tmp_path / "a-file").write_text("")
            monkeypatch.setenv("SPLOG_CACHE_DIR", setting)
            patterncache.forget()
            re.purge()
            assert re.compile(PATTERNS[3]).search("(reuters)")
            assert patterncache.keep_re("test") == 0
            assert patterncache.warm_re("test") == 0
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
    finally:
        patterncache.forget()
        re._cache.update(saved)
