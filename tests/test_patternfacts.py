"""What a rule's pattern tells before it is tried (pipelines/patternfacts.py), and the line rules a
line is tried with: never fewer than those that match it, in the rules' order."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pipelines import patterncache, patternfacts
from pipelines.patterncache import PatternCache
from pipelines.patternfacts import FIRST_ANY, UNBOUNDED, analyse, may_open, may_start
from pipelines.rules import LINE_WHERES, fold, load_rules

TESTS = Path(__file__).resolve().parent


def starts(pattern: str, flags: int = re.IGNORECASE) -> str:
    """The printable ASCII characters a match may start with ('*' for any)."""
    facts = analyse(pattern, flags)
    if facts[2] == FIRST_ANY:
        return "*"
    return "".join(sorted(c for c in map(chr, range(32, 127)) if may_start(facts, c)))


def test_start_characters_of_the_shapes_rules_take():
    assert starts(r"via ifttt") == "Vv"
    assert starts(r"(?:read also|baca juga)\s*:.*") == "BRbr"
    assert starts(r"\s*(?:read also|baca juga)\s*:.*") == " BRbr"  # (and the other spaces, not printable)
    assert starts(r"(?:\(|\[)?source: .+") == "(S[s"
    assert starts(r"\d{1,2} comments?") == "0123456789"
    assert starts(r"[#*•-]+ ?share") == "#*-"  # ("•" starts a line outside ASCII: every rule is tried there)
    assert starts(r"(?=.{1,160}$)(?:by|von) \w+") == "BVbv"
    # a look-ahead before anything is matched narrows the set to what it can start with
    assert starts(r"(?=(window\.|var ))[^;]+;") == "VWvw"
    assert starts(r"(?=[\u3400-\u9fff])(?:本文由|转载)") == ""  # (a line starting outside ASCII: tried)
    assert starts(r"(?=a|)b") == "Bb" and starts(r"(?=x)?abc") == "Aa" and starts(r"(?<=x)abc") == "Aa"
    assert starts(r"\Aposted by") == "Pp"


def opens(pattern: str, *openings: str) -> list[str]:
    """Which of these two-character openings a match may have."""
    facts = analyse(pattern, re.IGNORECASE)
    return [o for o in openings if may_open(facts, o)]


def test_the_second_character_narrows_the_rules_a_line_is_tried_with():
    assert opens("via ifttt", "vi", "VI", "vI", "va", "v", "xi") == ["vi", "VI", "vI", "v"]
    assert opens(r"\s*(?:read also|baca juga)\s*:.*", " r", "re", "RE", "rx", "ba", "bx", "  ") == \
        [" r", "re", "RE", "ba", "  "]
    assert opens(r"(?:x|yz)w", "xw", "yz", "yw", "xz") == ["xw", "yz"]
    assert opens(r"a?b+c", "ab", "bb", "bc", "ac", "cb") == ["ab", "bb", "bc"]
    assert opens(r"\d{1,2} comments?", "1 ", "12", "1c", " 1") == ["1 ", "12"]
    assert opens(r"(?:(a)|b)\1c", "ab", "bz") == ["ab", "bz"]  # (a back-reference second: any may follow)
    assert opens(r"(?:(a)|b)\1c", "zz") == []  # (but the first character still counts)
    assert opens(r"ab", "aé", "éa") == ["aé", "éa"]  # (outside ASCII: the first, or none)


def test_what_the_analysis_cannot_follow_may_start_anywhere():
    assert starts(r"(?:(x)|y)?\1 z") == "*"  # a back-reference
    assert starts(r"a?b*") == "*"  # a pattern that matches an empty line
    assert starts(r".*\bvia ifttt") == "*"
    negated = starts(r"[^a]bc")  # (a negated class: every character but "a" and "A")
    assert "a" not in negated and "A" not in negated and len(negated) == 95 - 2


def test_case_folding_widens_the_set_as_the_engine_folds():
    # the Kelvin sign, the long s and the dotless i match "k", "s" and "i" under re.IGNORECASE
    assert starts("\u212aelvin") == "Kk"
    assert starts("\u017fource") == "Ss"
    assert starts("\u0131lgili") == "Ii"
    assert starts("Source", 0) == "Ss"  # (taken case-insensitively whatever the flags: a wider set)


def test_a_needle_is_found_in_a_line_the_engine_matches_whatever_its_is_dotted_or_not():
    # ("i", "I", "ı" and "İ" match each other case-insensitively; casefold() alone keeps them apart)
    needle = analyse(r"haber (ilk olarak )?.{1,40} yayınlandı\.?", re.IGNORECASE)[1]
    for line in ("Haber ilk olarak Liman'da yayınlandı.", "HABER ILK OLARAK LIMAN'DA YAYINLANDI.",
                 "HABER İLK OLARAK LİMAN'DA YAYİNLANDİ."):
        assert re.fullmatch(r"haber (ilk olarak )?.{1,40} yayınlandı\.?", line, re.IGNORECASE)
        assert needle and needle in patternfacts.caseless(line), (needle, line)


def test_lengths_and_fixed_text():
    longest, needle, *_ = analyse(r".{0,120}\ball rights reserved", re.IGNORECASE)
    assert (longest, needle) == (139, "all rights reserved")
    assert analyse(r"share on \w+", re.IGNORECASE)[:2] == (UNBOUNDED, "share on ")
    assert analyse(r"a(?:b|c)", re.IGNORECASE)[:2] == (2, "")  # (a run too short to gate)
    # the literals of a group every match fills, as a named group holds a link (before: no needle, so
    # the IFTTT link rules were tried on every line); not those of a group that may be left out
    assert analyse(r"(?P<t>[^:]{1,9}?)\s+(?P<link>https?://ift\.tt/\w+)/?", re.IGNORECASE)[1] == "://ift.tt/"
    assert analyse(r"(?:news )?(?P<n>\w+) (report)", re.IGNORECASE)[1] == " report"
    assert analyse(r"x(?:abcd)?y", re.IGNORECASE)[1] == ""


def test_a_pattern_the_parser_refuses_gates_nothing():
    assert analyse(r"(unclosed") == patternfacts.NO_FACTS


def corpus() -> list[str]:
    """Lines the tests of the cleaning, provenance and extraction stages are written with (they reach
    most of the line rules), as the scans see them, in other cases, after a space and with a no-break space second."""
    lines: set[str] = set()
    for name in ("test_cleaning.py", "test_provenance.py", "test_extraction.py", "test_golden.py"):
        for node in ast.walk(ast.parse((TESTS / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                lines.update(fold(line) for line in node.value.split("\n") if line.strip())
    return sorted({variant for line in lines
                   for variant in (line, line.lower(), line.swapcase(), " " + line, line[:1] + " " + line[1:])})


def test_a_line_is_tried_with_every_rule_that_matches_it_in_order():
    """...and holds the piece of fixed text every match of it holds (a caption rule that may start
    anywhere, "reuters/", is tried only on a line with it: before, on every line of every page)."""
    rules = load_rules(())
    lines = corpus()
    matched: set[str] = set()
    for where in (*LINE_WHERES, "inside"):
        every = rules.by_where[where]
        for line in lines:
            tried = {id(r) for r in rules.line_rules(where, line)}
            for rule in every:
                if rule.pattern.fullmatch(line):
                    assert id(rule) in tried, (where, rule.id, line)
                    # (and it holds the rule's needle, which the cleaner looks for before it tries the rule)
                    assert rule.facts[1] in patternfacts.caseless(line), (where, rule.id, line, rule.facts[1])
                    matched.add(rule.id)
        for opening in {line[:2] for line in lines} | {line[:1] for line in lines}:  # (the rules' order kept)
            order = [id(r) for r in rules.line_rules(where, opening)]
            assert [id(r) for r in every if id(r) in set(order)] == order
    assert len(matched) >= 120  # (the corpus reaches most of the ~180 rules)
    # and most lines are tried with far fewer rules than there are
    tail = rules.by_where["tail"]
    assert sum(len(rules.line_rules("tail", line)) for line in lines) < 0.5 * len(tail) * len(lines)


def test_a_line_starting_outside_ascii_or_empty_is_tried_with_every_rule():
    rules = load_rules(())
    for line in ("«Baca juga: x»", "\u212aelvin", "", "Ｓource: X"):
        assert rules.line_rules("tail", line) == rules.by_where["tail"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPLOG_CACHE_DIR", str(tmp_path / "cache"))
    yield patterncache.cache_path()
    patterncache.forget()


def test_facts_are_kept_beside_the_opcodes_and_read_back_unparsed(cache, monkeypatch):
    writer = PatternCache(cache)
    pattern = writer.compile(r"(?:read also|baca juga)\s*:.*", re.IGNORECASE)
    facts = writer.facts_of(pattern)
    writer.save()

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(patterncache, "analyse", no_parsing)
    reader = PatternCache(cache)
    assert reader.facts_of(reader.compile(r"(?:read also|baca juga)\s*:.*", re.IGNORECASE)) == facts
    assert reader.new == 0


def test_rules_loaded_again_take_their_facts_from_the_file(cache, monkeypatch):
    patterncache.forget()
    first = load_rules.__wrapped__(())
    patterncache.forget()
    monkeypatch.setattr(patterncache, "analyse", lambda *a, **k: pytest.fail("parsed again"))
    second = load_rules.__wrapped__(())
    assert [r.first for r in second.lines] == [r.first for r in first.lines]
    assert [c.gated[:2] for c in second.chrome] == [c.gated[:2] for c in first.chrome]
    assert [r.second for r in second.lines] == [r.second for r in first.lines]
    assert sum(r.first != FIRST_ANY for r in second.lines) > 150 and sum(r.second is not None for r in second.lines) > 150


def test_facts_of_another_version_of_the_analysis_are_worked_out_again(cache, monkeypatch):
    writer = PatternCache(cache)
    writer.facts_of(writer.compile("via ifttt", re.IGNORECASE))
    writer.save()
    monkeypatch.setattr(patterncache, "FACTS_VERSION", patternfacts.VERSION + 1)
    assert PatternCache(cache).facts == {}


def test_a_file_without_facts_is_read_as_none_kept(cache):
    from pipelines.cachedir import write_kept

    write_kept(cache, patterncache._stamp(), [])  # (the format before the facts: no format number)
    reader = PatternCache(cache)
    assert reader.entries == {} and reader.facts == {}
    assert reader.facts_of(re.compile("via ifttt", re.IGNORECASE))[2] != FIRST_ANY


def test_caching_off_still_gives_the_facts(monkeypatch):
    monkeypatch.setenv("SPLOG_CACHE_DIR", "off")
    patterncache.forget()
    try:
        assert patterncache.facts_of(re.compile("via ifttt", re.IGNORECASE))[:2] == (9, "via ifttt")
    finally:
        patterncache.forget()


def test_a_chrome_line_is_tried_with_every_pattern_that_matches_it_in_order():
    rules = load_rules(())
    lines = {line.lower() for line in corpus()}
    matched = set()
    for line in lines:
        tried = {id(g) for g in rules._chrome_gated_for(line[:1])}
        for gate in rules.chrome_gated:
            if gate[3].fullmatch(line):
                assert id(gate) in tried, (gate[3].pattern, line)
                assert gate[2] in patternfacts.caseless(line) and len(line) <= gate[1], (gate[3].pattern, line)
                matched.add(gate[3].pattern)
    for first in {line[:1] for line in lines}:
        order = [id(g) for g in rules._chrome_gated_for(first)]
        assert [id(g) for g in rules.chrome_gated if id(g) in set(order)] == order
    assert len(matched) >= 20
    assert rules._chrome_gated_for("é") == rules._chrome_gated_for("") == rules.chrome_gated
