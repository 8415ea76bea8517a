"""Copy verification: exact measures between two texts (shingle overlap, per-side sentence coverage, anchors).

Thresholds come from the measurements in the linking issue (real spun pair vs 2,235 negatives):
3-shingle Jaccard 0.34 for the spin vs <= 0.045 for unrelated or same-event articles; sentence
coverage 0.75 vs <= 0.042. Coverage is required on *both* sides, which keeps apart two different
articles that embed the same block (a wire paragraph, a fact box).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
_NUMBER = re.compile(r"\d[\d.,:/]*\d|\d")
_NAME_INSIDE = re.compile(r"(?<=[^.!?\s] )[A-Z][^\W\d_]+")  # a capitalised word not opening a sentence
_QUOTED = re.compile(r"[\"“”]([^\"“”]{8,200})[\"“”]")
STOPWORDS = frozenset("""a an the and or but if then of to in on at by for with from as into over after before
about against between through during without within under above up down out off than too very can will just
is are was were be been being have has had do does did not no nor so such that this these those there here
it its he she they them his her their we our you your i me my who whom which what when where why how all any
both each few more most other some own same only also said says say would could should may might must shall
yang dan di ke dari untuk dengan pada ini itu dalam tidak akan adalah juga oleh karena atau sebagai""".split())

# Decision thresholds (see module docstring for the measurements behind them).
NEAR_JACCARD = 0.80  # same text with other boilerplate or small edits
NEAR_CONTAINMENT = 0.90  # one text holds (nearly) all of the other's shingles: truncation
SENTENCE_MATCH = 0.4  # a sentence "is covered" at this content-word Jaccard (0.5 missed 30% of 45% spins)
SPIN_COVERAGE = 0.35  # minimum coverage on EACH side (seed pair 0.8; 0.3 let template look-alikes in)
SPIN_ANCHORS = 0.25  # and the names/numbers the spinner leaves alone must overlap this much


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_words(tokens: list[str]) -> list[str]:
    return [w for w in tokens if len(w) > 2 and w not in STOPWORDS]


@dataclass(frozen=True, slots=True)
class Sentence:
    words: frozenset[str]  # content words
    anchors: frozenset[str]  # numbers and names in it
    key: int  # hash of the normalized sentence (for boilerplate counting)


def sentence_anchors(sentence: str) -> frozenset[str]:
    tokens = _WORD.findall(sentence)
    found = {t.lower() for t in tokens[1:] if t[:1].isupper() and len(t) > 1}
    found.update(_NUMBER.findall(sentence))
    return frozenset(found)


def sentence_key(sentence: str) -> int:
    return zlib.crc32(sentence.strip().lower().encode("utf-8"))


@dataclass
class Features:
    """Everything verification needs about one text, computed once and cached."""

    text: str

    @cached_property
    def tokens(self) -> list[str]:
        return words(self.text)

    @cached_property
    def shingles(self) -> frozenset[str]:
        t = self.tokens
        if len(t) < 3:
            return frozenset([" ".join(t)]) if t else frozenset()
        return frozenset(map(" ".join, zip(t, t[1:], t[2:])))

    @cached_property
    def shingle_hashes(self) -> "np.ndarray":
        """Distinct 64-bit hashes of the word 3-shingles (for MinHash and SimHash)."""
        from pipelines.minhash import hash_strings, shingle_hashes

        return shingle_hashes(hash_strings(self.tokens))

    @cached_property
    def sentences(self) -> list[Sentence]:
        out = []
        for sentence in _SENTENCE.split(self.text):
            cw = frozenset(content_words(words(sentence)))
            if len(cw) >= 3:
                out.append(Sentence(cw, sentence_anchors(sentence), sentence_key(sentence)))
        return out

    @cached_property
    def anchors(self) -> frozenset[str]:
        """Tokens spinners leave alone: numbers, capitalised names inside sentences, quoted strings."""
        found = set(_NUMBER.findall(self.text))
        found.update(name.lower() for name in _NAME_INSIDE.findall(self.text))
        found.update(q.lower()[:40] for q in _QUOTED.findall(self.text))
        return frozenset(found)

    @cached_property
    def sentence_keys(self) -> list[int]:
        """Hashes of the normalized sentences (cheap; for counting boilerplate sentences)."""
        import zlib

        return [sentence_key(s) for s in _SENTENCE.split(self.text) if len(s) > 20]


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def containment(a: frozenset, b: frozenset) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _anchors_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences naming things name mostly the same things (a garbled name may differ)."""
    if not a or not b:
        return True
    return len(a & b) / min(len(a), len(b)) >= 0.5


def coverage(a: list[Sentence], b: list[Sentence], boilerplate: frozenset[int] | set[int] = frozenset()) -> float:
    """Share of a's sentences with a counterpart in b: content-word Jaccard >= SENTENCE_MATCH and the
    same names and numbers. Sentences known as boilerplate (shared by many distinct articles) count
    on neither side."""
    a = [x for x in a if x.key not in boilerplate]
    b = [x for x in b if x.key not in boilerplate]
    if not a or not b:
        return 0.0
    index: dict[str, list[int]] = {}
    for j, sent in enumerate(b):
        for w in sent.words:
            index.setdefault(w, []).append(j)
    covered = 0
    for sent in a:
        counts: dict[int, int] = {}
        for w in sent.words:
            for j in index.get(w, ()):
                counts[j] = counts.get(j, 0) + 1
        covered += any(n / (len(sent.words) + len(b[j].words) - n) >= SENTENCE_MATCH
                       and _anchors_agree(sent.anchors, b[j].anchors) for j, n in counts.items())
    return covered / len(a)


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # exact | near | spin | none
    similarity: float


def compare(a: Features, b: Features, same_hash: bool = False,
            boilerplate: frozenset[int] | set[int] = frozenset()) -> Verdict:
    """How b relates to a: exact, near, spin, or none (with a similarity in [0, 1])."""
    if same_hash:
        return Verdict("exact", 1.0)
    j3 = jaccard(a.shingles, b.shingles)
    if j3 >= NEAR_JACCARD:
        return Verdict("near", round(j3, 4))
    c3 = containment(a.shingles, b.shingles)
    if c3 >= NEAR_CONTAINMENT and min(len(a.shingles), len(b.shingles)) >= 20:
        return Verdict("near", round(c3, 4))
    cov_ab = coverage(a.sentences, b.sentences, boilerplate)
    if cov_ab < SPIN_COVERAGE:
        return Verdict("none", round(j3, 4))
    cov_ba = coverage(b.sentences, a.sentences, boilerplate)
    if cov_ba >= SPIN_COVERAGE and jaccard(a.anchors, b.anchors) >= SPIN_ANCHORS:
        return Verdict("spin", round((cov_ab + cov_ba) / 2, 4))
    return Verdict("none", round(j3, 4))
