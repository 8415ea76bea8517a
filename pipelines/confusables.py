"""Look-alike letters (homoglyphs): words a splog wrote partly or wholly in another script's letters
that print the same, read back in the script they were meant in (rules/confusables.toml)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

# The scripts whose letters pass for each other, by code point ranges (letters and their accented
# and extended forms; a word is a run of letters of these scripts).
SCRIPTS = {
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "greek": "\u0386\u0388-\u03ff\u1f00-\u1ffc",
    "cyrillic": "\u0400-\u0481\u048a-\u052f",
    "armenian": "\u0531-\u0556\u0561-\u0587",
}
_ANY = "".join(SCRIPTS.values())
_SPANS = {name: [(ord(a), ord(b)) if b else (ord(a), ord(a))
                 for a, b in re.findall(r"(.)(?:-(.))?", ranges, re.S)] for name, ranges in SCRIPTS.items()}
_OTHERS = "".join(v for k, v in SCRIPTS.items() if k != "latin")
_OTHER = re.compile(f"[{_OTHERS}]")
# a Latin letter beside one of another script: where a word mixes them
_PAIR = re.compile(f"[{SCRIPTS['latin']}][{_OTHERS}]|[{_OTHERS}][{SCRIPTS['latin']}]")
_LETTERS = re.compile(f"[{_ANY}]+")


def script_of(char: str) -> str | None:
    code = ord(char)
    for name, spans in _SPANS.items():
        for low, high in spans:
            if low <= code <= high:
                return name
    return None


def _letters_of(scripts: tuple[str, ...]) -> list[str]:
    return [chr(c) for s in scripts for low, high in _SPANS[s] for c in range(low, high + 1)]


def _class(chars: list[str] | set[str]) -> re.Pattern[str]:
    return re.compile(f"[{''.join(re.escape(c) for c in sorted(chars))}]" if chars else r"(?!)")


class ConfusablesError(ValueError):
    pass


@dataclass(frozen=True)
class Confusables:
    """script -> {a letter of another script: the letter of this one it looks like}."""

    to: dict[str, dict[str, str]]
    _tables: dict[str, dict[int, str]] = field(init=False, repr=False, compare=False)
    _looks: dict[str, re.Pattern[str]] = field(init=False, repr=False, compare=False)
    _real_other: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _real_latin: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = {k for t in self.to.values() for k in t}
        latin = self.to.get("latin", {})
        others = tuple(s for s in SCRIPTS if s != "latin")
        setattr_ = object.__setattr__
        setattr_(self, "_tables", {s: str.maketrans(t) for s, t in self.to.items()})
        # per script, its letters that some table reads as another script's
        setattr_(self, "_looks", {s: _class({k for k in keys if script_of(k) == s}) for s in SCRIPTS})
        # a letter of another script that reads as no Latin one: a word really in that script
        setattr_(self, "_real_other", _class([c for c in _letters_of(others) if c not in latin]))
        # a Latin letter that reads as no other script's: a word really in Latin letters
        setattr_(self, "_real_latin", _class([c for c in _letters_of(("latin",)) if c not in keys]))

    @classmethod
    def parse(cls, tables: dict, into: dict[str, dict[str, str]], src: str) -> None:
        """Add a rules file's [confusables.SCRIPT] tables to `into`, checking each reading."""
        for script, table in tables.items():
            if script not in SCRIPTS or not isinstance(table, dict):
                raise ConfusablesError(f"{src}: confusables.{script}: a table for one of {', '.join(SCRIPTS)}")
            for key, value in table.items():
                if not (isinstance(value, str) and len(key) == 1 and len(value) == 1
                        and script_of(value) == script and script_of(key) not in (None, script)):
                    raise ConfusablesError(f"{src}: confusables.{script}: {key!r} = {value!r}: a letter of "
                                           f"another of {', '.join(SCRIPTS)} and one {script} letter")
                into.setdefault(script, {})[key] = value

    def _dominant(self, text: str) -> str:
        """The script most of the text's letters that no table reads as another script's are in."""
        solid = {s: len(re.findall(f"[{SCRIPTS[s]}]", text)) - len(self._looks[s].findall(text)) for s in SCRIPTS}
        return max(solid, key=solid.__getitem__)

    def unconfuse(self, text: str, changed: list[str] | None = None) -> str:
        """The text with its words of look-alike letters read in their script (rules/confusables.toml);
        each word changed is appended to `changed` as it was written, once."""
        if text.isascii() or not self.to or not _OTHER.search(text):
            return text
        # a text in Latin letters whose other letters are all look-alikes of Latin ones: a word of
        # look-alikes alone is read too (else only words that mix scripts)
        whole = "latin" in self.to and not self._real_other.search(text) and self._real_latin.search(text)
        words: list[tuple[int, int]] = []
        for hit in (_OTHER if whole else _PAIR).finditer(text):
            if words and hit.start() < words[-1][1]:
                continue
            start = hit.start()
            while start and _LETTERS.match(text, start - 1, start):
                start -= 1
            m = _LETTERS.match(text, start)
            words.append((start, m.end() if m else hit.end()))
        if not words:
            return text
        dominant: list[str] = []
        seen: set[str] = set()
        out, last = [], 0
        for start, end in words:
            word = text[start:end]
            read = self._read(word, dominant, text)
            if read != word and changed is not None and word not in seen:
                seen.add(word)
                changed.append(word)
            out.append(text[last:start])
            out.append(read)
            last = end
        out.append(text[last:])
        return "".join(out)

    def _read(self, word: str, dominant: list[str], text: str) -> str:
        """The word in the script whose table reads all its other letters: the text's own script
        (`dominant` caches it), or the one most of the word is in ("ΔT" in an English text stays).
        A word wholly in look-alikes (only met in a text of Latin letters) is read as Latin; but a
        Greek letter alone stays, a symbol more than a word."""
        of = [script_of(c) for c in word]
        scripts = set(of)
        if len(scripts) == 1:
            if "latin" in scripts or (len(word) == 1 and "greek" in scripts):
                return word
            return word.translate(self._tables["latin"]) if all(c in self.to["latin"] for c in word) else word
        fit = [s for s in scripts if s in self.to and all(c in self.to[s] for c, o in zip(word, of) if o != s)]
        if not fit:
            return word
        if not dominant:
            dominant.append(self._dominant(text))
        fit = [dominant[0]] if dominant[0] in fit else [s for s in fit if of.count(s) * 2 > len(word)]
        return word.translate(self._tables[fit[0]]) if fit else word


# (read through importlib.resources, as the other rules are, so a zipped egg under scrapyd reads it too)
_BUILTIN = resources.files("pipelines") / "rules" / "confusables.toml"
_default: Confusables | None = None


def default() -> Confusables:
    """The package's own table (what a caller without a rule set, such as `splog link`, reads with)."""
    global _default
    if _default is None:
        into: dict[str, dict[str, str]] = {}
        Confusables.parse(tomllib.loads(_BUILTIN.read_text(encoding="utf-8")).get("confusables", {}), into,
                          _BUILTIN.name)
        _default = Confusables(into)
    return _default
