"""What a rule's pattern tells before it is tried on a line: the most characters a match can have,
a piece of text every match holds, and the characters a match can start with. The rules test them
first and try a pattern only on a line it could match (most lines a scan meets are article text and
match none of the ~180 line rules: trying each on every line was ~17% of an extraction worker's
time on a farm's feed posts).

The facts are read off the regex parser's tree (`re._parser`, a private module: should it change, a
pattern gets facts that gate nothing and it is simply tried), once per pattern; patterncache keeps
them in the cache folder beside the pattern's opcodes, so a later run does not parse the pattern.

The start characters are those of ASCII: FIRST_ANY when a match may start with any of them (or
match an empty line, or start with what the analysis does not follow, such as a back-reference).
A line that starts with another character is tried with every pattern. The second characters are
worked out the same way, for each first one (a line's first two characters pick its rules: on the
farm's pages about half as many as its first alone). Each single-character item
is tested for each ASCII character by the engine itself, compiled with the case folding the rules
use (re.IGNORECASE: "k" is also matched by the Kelvin sign, "i" by the dotless ı), so the set is
never narrower than what the pattern matches.
"""

from __future__ import annotations

import re
from typing import Any

VERSION = 6  # of the analysis: kept facts of another version are worked out again (patterncache's stamp)
UNBOUNDED = -1  # no bound on a match's length
FIRST_ANY = -1  # any character may start a match
NEEDLE_CHARS = 3  # a pattern's fixed text shorter than this gates nothing worth the test
_ASCII = [chr(code) for code in range(128)]
_ALL_ASCII = (1 << 128) - 1

_MAX_PREFIXES = 400  # two-character prefixes followed in a pattern before it is taken as starting with any

# (longest match or UNBOUNDED, the longest literal run at the top level casefolded or '', the start
# characters as a bit mask over ASCII codes or FIRST_ANY, and the second characters: each ASCII first
# character's code -> a mask of the ASCII characters that may follow it, or None when any may follow
# any)
Facts = tuple[int, str, int, "dict[int, int] | None"]
NO_FACTS: Facts = (UNBOUNDED, "", FIRST_ANY, None)


def analyse(pattern: str, flags: int = 0) -> Facts:
    """The facts of re.compile(pattern, flags)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern, flags)
        longest = tree.getwidth()[1]
        starts = _Starts(_parser, _compiler, tree.state)
        first, nullable = starts.of_sequence(tree.data)
        return (longest if longest < _parser.MAXREPEAT else UNBOUNDED, _needle(_parser, tree),
                FIRST_ANY if nullable or first == _ALL_ASCII else first, starts.second_characters(tree.data))
    except Exception:  # noqa: BLE001 - only a speed-up: on any doubt, gate nothing
        return NO_FACTS


def may_start(facts: Facts, char: str) -> bool:
    """Whether a line starting with this character may match (a non-ASCII one or '': always)."""
    first = facts[2]
    return first == FIRST_ANY or not char or not char.isascii() or bool(first >> ord(char) & 1)


def may_open(facts: Facts, opening: str) -> bool:
    """Whether a line opening with these two characters may match (always when one is outside ASCII
    or the line is shorter)."""
    if len(opening) < 2 or not opening.isascii():
        return may_start(facts, opening[:1])
    second = facts[3]
    if second is None:
        return may_start(facts, opening[:1])
    return bool(second.get(ord(opening[0]), 0) >> ord(opening[1]) & 1)


# What casefold() leaves apart that the engine's case-insensitive matching takes as one: "i", "I", "ı"
# and "İ" all match each other, while casefold() keeps "ı" and gives "i" with a combining dot for "İ"
_ENGINE_FOLD = str.maketrans({"\u0131": "i", "\u0307": None})


def caseless(text: str) -> str:
    """Text folded as a needle is: casefolded, with the dotless and the dotted i as "i" (a Turkish line's
    "YAYINLANDI" holds the needle "yayınlan" as a case-insensitive match sees it)."""
    return text.casefold().translate(_ENGINE_FOLD)


def _needle(parser: Any, tree: Any) -> str:
    """The longest run of literal characters at the pattern's top level or inside a group that stands
    there (a named group every match fills: "(?P<link>https?://ift\\.tt/…)"), folded as caseless() folds
    a line: every match holds it ('' when it is shorter than NEEDLE_CHARS)."""
    runs: list[str] = []

    def walk(items: Any, run: list[str]) -> list[str]:
        for op, arg in items:
            if op is parser.LITERAL:
                run.append(chr(arg))
            elif op is parser.SUBPATTERN:
                run = walk(arg[-1], run)  # (a group is matched once, in its place: its literals are the line's)
            else:
                runs.append("".join(run))
                run = []
        return run

    runs.append("".join(walk(tree, [])))
    needle = caseless(max(runs, key=len))
    return needle if len(needle) >= NEEDLE_CHARS else ""


class _Starts:
    """The ASCII characters a parsed pattern's matches can start with, as a bit mask."""

    def __init__(self, parser: Any, compiler: Any, state: Any) -> None:
        self.p, self.compiler, self.state = parser, compiler, state
        self.single_items = (parser.LITERAL, parser.NOT_LITERAL, parser.IN, parser.ANY)
        self.repeats = tuple(getattr(parser, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                             if hasattr(parser, name))
        self.zero_width = (parser.AT, parser.ASSERT, parser.ASSERT_NOT)
        self.memo: dict[tuple, int] = {}

    def of_sequence(self, items: list) -> tuple[int, bool]:
        """(mask, whether the sequence can match nothing)."""
        mask, limit = 0, _ALL_ASCII
        for item in items:
            op, arg = item
            if op is self.p.ASSERT and arg[0] == 1 and not mask:
                # a look-ahead before anything is matched: the match starts with what it can start with
                ahead, empty = self.of_sequence(arg[1].data)
                if not empty:
                    limit &= ahead
                continue
            first, nullable = self.of_item(item)
            mask |= first
            if mask & limit == limit or not nullable:
                return mask & limit, False
        return mask & limit, True

    def _shape(self, item: tuple) -> tuple[str, Any]:
        """What a parsed item is, for both analyses: ("single", item), ("branch", sequences),
        ("group", sequence), ("repeat", (low, high, sequence)), ("empty", None) for what matches no
        character (an anchor, a look-around), ("unknown", None) for the rest (a back-reference, a
        conditional group)."""
        op, arg = item
        p = self.p
        if op in self.single_items:
            return "single", item
        if op is p.BRANCH:
            return "branch", [alternative.data for alternative in arg[1]]
        if op is p.SUBPATTERN:
            return "group", arg[-1].data
        if op is getattr(p, "ATOMIC_GROUP", None):
            return "group", arg.data
        if op in self.repeats:
            low, high, body = arg
            return "repeat", (low, high, body.data)
        if op in self.zero_width:
            return "empty", None
        return "unknown", None

    def of_item(self, item: tuple) -> tuple[int, bool]:
        kind, part = self._shape(item)
        if kind == "single":
            return self._single(part), False
        if kind == "branch":
            mask, nullable = 0, False
            for sequence in part:
                first, empty = self.of_sequence(sequence)
                mask, nullable = mask | first, nullable or empty
            return mask, nullable
        if kind == "group":
            return self.of_sequence(part)
        if kind == "repeat":
            low, _high, sequence = part
            first, empty = self.of_sequence(sequence)
            return first, empty or low == 0
        if kind == "empty":  # (an anchor, a look-behind, a look-ahead after something: as matching nothing)
            return 0, True
        return _ALL_ASCII, False

    def second_characters(self, items: list) -> dict[int, int] | None:
        """For each first character, the characters that may follow it in a match of two or more
        (None: any, as far as this follows)."""
        prefixes = self._prefixes(items)
        if prefixes is None:
            return None
        second: dict[int, int] = {}
        for prefix in prefixes:
            if len(prefix) == 2:
                firsts, follow = prefix
                for code in range(128):
                    if firsts >> code & 1:
                        second[code] = second.get(code, 0) | follow
        return second

    def _prefixes(self, items: list, start: frozenset = frozenset({()})) -> frozenset | None:
        """The first two characters of the sequence's matches, each a mask: (first, second) pairs,
        and shorter ones where a match may end sooner (None: too many to follow)."""
        partial, whole = set(start), set()
        for item in items:
            if not partial:
                break
            more = self._item_prefixes(item)
            if more is None:
                return None
            longer = set()
            for prefix in partial:
                for tail in more:
                    joined = (prefix + tail)[:2]
                    (whole if len(joined) == 2 else longer).add(joined)
            partial = longer
            if len(whole) + len(partial) > _MAX_PREFIXES:
                return None
        return frozenset(whole | partial)

    def _item_prefixes(self, item: tuple) -> set | frozenset | None:
        kind, part = self._shape(item)
        if kind == "single":
            return {(self._single(part),)}
        if kind == "branch":
            out: set = set()
            for sequence in part:
                prefixes = self._prefixes(sequence)
                if prefixes is None:
                    return None
                out |= prefixes
            return out
        if kind == "group":
            return self._prefixes(part)
        if kind == "repeat":
            low, high, sequence = part
            once = self._prefixes(sequence)
            if once is None:
                return None
            # (twice is as far as two characters reach; a shorter run than `low` times only widens the set)
            out = set(once) | ({()} if low == 0 else set())
            if high >= 2:
                out |= {(a + b)[:2] for a in once for b in once}
            return out
        if kind == "empty":
            return {()}
        return None

    def _single(self, item: tuple) -> int:
        """Which ASCII characters one single-character item matches, asked of the engine: compiled
        case-insensitively and with DOTALL whatever the pattern's flags (a wider set, never a
        narrower one)."""
        key = (item[0], repr(item[1]))
        mask = self.memo.get(key)
        if mask is None:
            sub = self.p.SubPattern(self.state, [item])
            engine = self.compiler.compile(sub, re.IGNORECASE | re.DOTALL)
            mask = sum(1 << code for code, char in enumerate(_ASCII) if engine.fullmatch(char))
            self.memo[key] = mask
        return mask

