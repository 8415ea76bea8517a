"""Copy verification: exact measures between two texts (shingle overlap, per-side sentence coverage, anchors).

Thresholds come from the measurements in the linking issue (real spun pair vs 2,235 negatives):
3-shingle Jaccard 0.34 for the spin vs <= 0.045 for unrelated or same-event articles; sentence
coverage 0.75 vs <= 0.042. Coverage is required on *both* sides, which keeps apart two different
articles that embed the same block (a wire paragraph, a fact box).
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

# Function words in the languages splogs are mostly written in. A thesaurus spinner swaps the words
# that carry meaning and leaves these in place, so the sequence they make in each sentence (with the
# numbers) survives a copy whose content words were nearly all swapped; two different articles, even
# on one event, share little of it (Stamatatos's stopword n-grams).
FUNCTION_WORDS = frozenset("""
a an the and or but if of to in on at by for with from as into over after before about against between
through during without within under above up down out off than too very is are was were be been being
have has had do does did not no nor so that this these those there here it its he she they them his her
their we our you your i me my who whom which what when where why how all any both each more most other
some same only can will would could should may might must shall
le la les un une des du de d l et ou mais donc car ni que qui dont où ce cet cette ces son sa ses leur
leurs il elle ils elles on nous vous je se sur sous dans par pour avec sans en au aux est sont était été
être avait ont ne pas plus comme si
der die das den dem des ein eine einen einem einer eines und oder aber denn dass daß wenn wie auch nicht
kein keine im ins am auf aus bei mit nach von vom zu zum zur für über unter vor durch gegen um ist sind
war waren wird werden wurde wurden hat haben hatte es er sie wir ihr ich sich sein seine ihre noch nur
el los las unos unas del al y o pero como por para con sin sobre entre son fue era ser ha han su sus lo
le más muy este esta estos estas ese esa
os as um uma do da dos das na nos nas em por com sem e é são foi seu sua seus suas não mais ao à
il lo gli di della dei delle dal nel nella sul tra fra ma che non è sono si più anche alla
het een en maar dat die dit deze van op aan met voor bij naar uit is zijn werd heeft hebben niet ook er
hij zij ze we
yang dan di ke dari untuk dengan pada ini itu dalam tidak akan adalah juga oleh karena atau sebagai
""".split())
_QUOTED = re.compile(r"[\"“”]([^\"“”]{8,200})[\"“”]")
STOPWORDS = frozenset("""a an the and or but if then of to in on at by for with from as into over after before
about against between through during without within under above up down out off than too very can will just
is are was were be been being have has had do does did not no nor so such that this these those there here
it its he she they them his her their we our you your i me my who whom which what when where why how all any
both each few more most other some own same only also said says say would could should may might must shall
yang dan di ke dari untuk dengan pada ini itu dalam tidak akan adalah juga oleh karena atau sebagai""".split())

# One C-level pass instead of several regexes (this runs on every record): sentence-ending marks
# become newlines, other punctuation and whitespace become a space, the thousands comma disappears
# ("1,200" stays one number); then lines are stripped and empty ones dropped. What remains is
# sentences on lines, words separated by spaces.
_SENTENCE_END = ".!?…\n\r。！？؟।\u2028\u2029"
_PUNCTUATION = ("\"#$%&'()*+-/:;<=>@[\\]^_`{|}~«»‘’‚‛“”„‟‹›–—―‐‑•·¡¿、，；：（）【】《》「」『』"
                "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                "\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000")
_TABLE = str.maketrans({**{c: " " for c in _PUNCTUATION}, **{c: "\n" for c in _SENTENCE_END}, ",": ""})
# A name: a capitalised word after a space, so never a sentence's first word (that follows a newline).
_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha())
_NAME = re.compile(f" ([{re.escape(_UPPER)}]\\w*)")
_DIGITS = re.compile(r"\d\S*")


# A character of a script written without spaces between words (Thai, Lao, Myanmar, Khmer, Japanese's
# kana, Chinese and Japanese ideographs): each is a word here, so a text's shingles are its character
# 3-grams. (A run between two commas had been one word: a copy with a character changed in each
# sentence shared no shingle with its original.)
_UNSPACED_CHAR = re.compile("([\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
                            "\u4e00-\u9fff\uf900-\ufaff])")


def sentence_lines(text: str) -> str:
    """The text as sentences on lines, words separated by spaces, original case (see above)."""
    lines = text.translate(_TABLE)
    if _UNSPACED_CHAR.search(lines):
        lines = _UNSPACED_CHAR.sub(r" \1 ", lines)
    return "\n".join([line for line in [x.strip(" ") for x in lines.split("\n")] if line])


def _numbers(normalized: str) -> set[str]:
    """Numbers (from their first digit to the end of the word) in a normalized text."""
    return set(_DIGITS.findall(normalized))


# Decision thresholds (see module docstring for the measurements behind them).
NEAR_JACCARD = 0.80  # same text with other boilerplate or small edits
NEAR_CONTAINMENT = 0.90  # one text holds (nearly) all of the other's shingles: truncation
# A shortened copy with lines of its own (a newsletter line above, "Read more at X" below): the
# sentences of the shorter text whose word 3-grams the other holds (NEAR_LINE of them; a sentence
# cut off in the middle is held whole) make NEAR_LINES of its words and NEAR_LINE_WORDS at least,
# and hold the longer text's first sentence.
# (A first 100 words of real articles with two such lines: 0.8 of the words; different articles
# sharing a wire paragraph and a publisher's footer: 0.25 in our evaluation set.)
NEAR_LINE, NEAR_LINES, NEAR_LINE_WORDS = 0.8, 0.6, 30
SENTENCE_MATCH = 0.4  # a sentence "is covered" at this content-word Jaccard (0.5 missed 30% of 45% spins)
SPIN_COVERAGE = 0.35  # minimum coverage on EACH side (seed pair 0.8; 0.3 let template look-alikes in)
SPIN_ANCHORS = 0.25  # and the names/numbers the spinner leaves alone must overlap this much
# and of the numbers of the side with fewer, this share must be the other's too, when both have 4+
# (our spins at 15-45%: 0.71 or more, with small numbers spelt out 0.5; three reports from one
# template on other companies: 0.14)
SPIN_NUMBERS, SPIN_NUMBERS_MIN = 0.5, 4
# A spin that swapped most content words (a thesaurus spinner: "vessels" for "ships", "stated" for
# "said"; 0.2-0.45 per sentence) keeps its sentences in the original's order: the most sentence pairs
# matched in order at LOOSE_MATCH, ORDER_COVERAGE of each side and ORDER_SENTENCES at least, with
# ORDER_ANCHORS of the names and numbers shared. Another outlet's report of the same event, telling
# the same facts in the same order with the same names and numbers, matched 0.29 of its sentences
# at 0.25 (0.57 at 0.2); a hand-spun copy 0.71 (1.0 at 0.2).
LOOSE_MATCH = 0.25
ORDER_COVERAGE = 0.6
ORDER_SENTENCES = 3
ORDER_ANCHORS = 0.5
# A thesaurus spinner that swapped nearly every content word (about 45% of all words; sentences
# share 0-0.3 of their content words) leaves each sentence's function words and numbers in place:
# SKELETON_N-grams of them (from the sentence's start), shared at SKELETON_COVERAGE of each side's
# (and of those holding a number, see _skeleton_shared) and SKELETON_MIN at least, with the anchors
# shared as for any spin. Measured on such copies with each paragraph's sentences reordered: 42 real
# English articles' copies kept 0.68-0.97 of them, our evaluation set's (short articles) 0.50-0.97.
# Between any two of 109 real articles (English, German, French) the most was 0.01; between two
# different articles of our evaluation set that share a quarter of their anchors, written from one
# phrase grammar, 0.36; between stock-filing reports on different companies from one template, 0.24.
SKELETON_N = 4
SKELETON_COVERAGE = 0.45
SKELETON_MIN = 12
SKELETON_NUMBERED = 4
# An excerpt's opening is its original's (see Features.lead_keys): the sentences of a text's
# opening that are keyed, and how much of its start is read, run together, for them.
LEAD_SENTENCES = 4
_LEAD_CHARS = 1200
_ENDS = tuple(_SENTENCE_END.strip())  # (a line ending so is a sentence's end however it is joined)


class Sentence(NamedTuple):
    words: frozenset[str]  # content words
    anchors: frozenset[str]  # numbers and names in it
    key: int  # hash of the normalized sentence (for boilerplate counting)


def _sentence_keys(lines) -> list[int]:
    """The keys of normalized sentence lines of 16 letters or more."""
    compact = (line.replace(" ", "") for line in lines)
    return [sentence_key(c) for c in compact if len(c) >= 16]


def sentence_key(compact: str) -> int:
    """Key of a sentence for boilerplate counting, given its normalized characters without spaces."""
    return zlib.crc32(compact.encode("utf-8"))


@dataclass
class Features:
    """Everything verification needs about one text, computed once and cached."""

    text: str

    @cached_property
    def lines(self) -> str:
        return sentence_lines(self.text)

    @cached_property
    def normalized(self) -> str:
        """Lowercased sentence lines (what word hashes, shingles and sentence keys are made of)."""
        return self.lines.lower()

    @cached_property
    def tokens(self) -> list[str]:
        return self.normalized.split()

    @cached_property
    def shingle_hashes(self) -> "np.ndarray":
        """Distinct 64-bit hashes of the word 3-shingles (for MinHash and SimHash)."""
        from pipelines.minhash import distinct, shingles_of, word_hashes

        source = self.__dict__.pop("shingle_source", None)  # set by a batch that already made them
        if source is None:
            source = shingles_of(word_hashes(self.normalized.encode("utf-8"))[0])
        return distinct(source)

    @cached_property
    def sentences(self) -> list[Sentence]:
        out = []
        for line, lowered in zip(self.lines.split("\n"), self.normalized.split("\n")):
            cw = frozenset(w for w in set(lowered.split()).difference(STOPWORDS) if len(w) > 2)
            if len(cw) >= 3:
                names = _NAME.findall(line)
                anchors = _DIGITS.findall(lowered)
                if names:
                    anchors.extend(" ".join(names).lower().split())
                out.append(Sentence(cw, frozenset(anchors), sentence_key(lowered.replace(" ", ""))))
        return out

    def line_shingles(self) -> tuple["np.ndarray", list[tuple[int, int, int, int]]]:
        """The hashes of the text's word 3-shingles in order (as shingle_hashes makes them), and per
        sentence of 3 words or more (first shingle, end, word count, key): its shingles, none across
        its end. Not kept: held_lines reads it once a pair."""
        import numpy as np

        from pipelines.minhash import shingles_of, word_hashes

        data = self.normalized.encode("utf-8")
        words, starts = word_hashes(data)
        ends = np.append(np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10), len(data))  # lines' ends
        bounds = np.searchsorted(starts, ends).tolist()  # each line's words: from the last bound to its own
        spans = []
        first = 0
        for line, last in zip(self.normalized.split("\n"), bounds):
            if last - first >= 3:
                spans.append((first, last - 2, last - first, sentence_key(line.replace(" ", ""))))
            first = last
        return shingles_of(words), spans

    @cached_property
    def skeleton(self) -> frozenset[str]:
        """Each sentence's function words and numbers in order, from its start, as SKELETON_N-grams."""
        grams: set[str] = set()
        n = SKELETON_N
        for line in self.normalized.split("\n"):
            seq = ["^", *(w for w in line.split() if w in FUNCTION_WORDS or w[0].isdigit())]
            grams.update(" ".join(seq[i:i + n]) for i in range(len(seq) - n + 1))
        return frozenset(grams)

    @cached_property
    def skeleton_numbered(self) -> int:
        """How many of the skeleton's n-grams hold a number."""
        return sum(_has_digit(g) for g in self.skeleton)

    @cached_property
    def numbers(self) -> frozenset[str]:
        """The anchors that are numbers."""
        return frozenset(x for x in self.anchors if x[0].isdigit())

    @cached_property
    def anchors(self) -> frozenset[str]:
        """Tokens spinners leave alone: numbers, capitalised names inside sentences, quoted strings."""
        found = _numbers(self.normalized)
        found.update(n.lower() for n in _NAME.findall(self.lines))
        found.update(self.quoted)
        return frozenset(found)

    @cached_property
    def quoted(self) -> list[str]:
        """Quoted strings (8 to 200 characters), lowercased and cut to 40 characters."""
        if '"' not in self.text and "“" not in self.text:
            return []
        return [q.lower()[:40] for q in _QUOTED.findall(self.text)]

    @cached_property
    def sentence_keys(self) -> list[int]:
        """Keys of the sentences of 16 letters or more (for counting boilerplate sentences)."""
        return _sentence_keys(self.normalized.split("\n"))

    @cached_property
    def lead_keys(self) -> list[int]:
        """Keys of the text's first LEAD_SENTENCES sentences (of 16 letters or more) as its lines give
        them, and as they are with its lines run together: a feed's excerpt runs the paragraphs of its
        opening into one, so a heading or a date line without a full stop joins the first sentence
        there. An excerpt shares some of these with its original, a copy's own line above it aside."""
        own = self.sentence_keys[:LEAD_SENTENCES]
        head = self.text[:_LEAD_CHARS]
        breaks = [p.rstrip() for p in head.split("\n", LEAD_SENTENCES)[:-1]]
        if all(p.endswith(_ENDS) or not p for p in breaks):  # each line a sentence's end: the same keys
            return own
        run_together = sentence_lines(head.replace("\n", " ")).lower().split("\n")
        return list(dict.fromkeys(own + _sentence_keys(run_together)[:LEAD_SENTENCES]))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _anchors_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences naming things name mostly the same things (a garbled name may differ)."""
    if not a or not b:
        return True
    return len(a & b) / min(len(a), len(b)) >= 0.5


def _partners(a: list[Sentence], b: list[Sentence], threshold: float) -> Iterator[list[int]]:
    """For each sentence of a, in order, the indexes of b's sentences it pairs with: content-word
    Jaccard >= threshold and the same names and numbers (words looked up in an index of b's)."""
    index: dict[str, list[int]] = {}
    for j, sent in enumerate(b):
        for w in sent.words:
            index.setdefault(w, []).append(j)
    for sent in a:
        counts: dict[int, int] = {}
        for w in sent.words:
            for j in index.get(w, ()):
                counts[j] = counts.get(j, 0) + 1
        size = len(sent.words)
        yield [j for j, n in counts.items() if n / (size + len(b[j].words) - n) >= threshold
               and _anchors_agree(sent.anchors, b[j].anchors)]


def _without(sentences: list[Sentence], boilerplate: frozenset[int] | set[int]) -> list[Sentence]:
    return [x for x in sentences if x.key not in boilerplate] if boilerplate else sentences


def coverage(a: list[Sentence], b: list[Sentence],
             boilerplate: frozenset[int] | set[int] = frozenset()) -> tuple[float, float]:
    """(share of a's sentences with a counterpart in b, share of b's with one in a), in one pass. A
    counterpart has content-word Jaccard >= SENTENCE_MATCH and the same names and numbers. Sentences
    known as boilerplate (shared by many distinct articles) count on neither side."""
    a, b = _without(a, boilerplate), _without(b, boilerplate)
    if not a or not b:
        return 0.0, 0.0
    covered_b = [False] * len(b)
    covered = 0
    for partners in _partners(a, b, SENTENCE_MATCH):
        for j in partners:
            covered_b[j] = True
        covered += bool(partners)
    return covered / len(a), sum(covered_b) / len(b)


def ordered_coverage(a: list[Sentence], b: list[Sentence],
                     boilerplate: frozenset[int] | set[int] = frozenset()) -> tuple[float, float]:
    """(share of a's sentences, share of b's) in the largest set of sentence pairs that keep their
    order on both sides, each pair at content-word Jaccard >= LOOSE_MATCH with the same names and
    numbers; (0, 0) when fewer than ORDER_SENTENCES pairs are found. Boilerplate counts on neither side."""
    a, b = _without(a, boilerplate), _without(b, boilerplate)
    if len(a) < ORDER_SENTENCES or len(b) < ORDER_SENTENCES:
        return 0.0, 0.0
    ends: list[int] = []  # ends[k]: the smallest b index that ends an in-order chain of k + 1 pairs
    for partners in _partners(a, b, LOOSE_MATCH):
        for j in sorted(partners, reverse=True):  # (last first: at most one of a sentence's partners joins a chain)
            k = bisect_left(ends, j)
            if k == len(ends):
                ends.append(j)
            else:
                ends[k] = j
    matched = len(ends)
    if matched < ORDER_SENTENCES:
        return 0.0, 0.0
    return matched / len(a), matched / len(b)


def held_lines(a: Features, b: Features, boilerplate: frozenset[int] | set[int] = frozenset()) -> float:
    """The share of the shorter text's words in its sentences the other holds (see NEAR_LINE); 0 when
    they are fewer than NEAR_LINE_WORDS, or when the longer text's first sentence of six words or
    more is not among them (a shortened copy keeps the start; two articles that share a publisher's
    long footer do not). Boilerplate sentences count on neither side. The pools are the texts' own
    3-shingles, across sentences' ends too (an excerpt may run a heading and its paragraph together)."""
    import numpy as np

    short, long = (a, b) if len(a.normalized) <= len(b.normalized) else (b, a)
    shingles, spans = long.line_shingles()
    first = next(((lo, hi) for lo, hi, words, key in spans if words >= 6 and key not in boilerplate), None)
    if first is None or np.isin(shingles[first[0]:first[1]], short.shingle_hashes).sum() < \
            NEAR_LINE * (first[1] - first[0]):
        return 0.0
    shingles, spans = short.line_shingles()
    inside = np.isin(shingles, long.shingle_hashes).tolist()
    held = total = 0
    for lo, hi, words, key in spans:
        if key in boilerplate:
            continue
        total += words
        if sum(inside[lo:hi]) >= NEAR_LINE * (hi - lo):
            held += words
    return held / total if total and held >= NEAR_LINE_WORDS else 0.0


def _numbers_kept(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the numbers of the side with fewer that the other has too (a spinner keeps them)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 1.0


def _other_numbers(a: Features, b: Features) -> bool:
    """Two texts with SPIN_NUMBERS_MIN numbers or more each, of which the side with fewer shares less
    than SPIN_NUMBERS with the other: a spinner keeps numbers (a copy that dropped sentences keeps a
    subset), reports written from one template on other companies, matches or days do not."""
    if len(a.numbers) < SPIN_NUMBERS_MIN or len(b.numbers) < SPIN_NUMBERS_MIN:
        return False
    return _numbers_kept(a.numbers, b.numbers) < SPIN_NUMBERS


def _skeleton_shared(a: Features, b: Features) -> float:
    """The share of the larger skeleton the two share (0 below SKELETON_MIN); when both skeletons
    hold SKELETON_NUMBERED n-grams with a number, no more than the share of the numbers of the side
    with fewer that the other has: articles written from one template (a stock filing report about
    another company) share its function words but not its numbers. (The numbers, not the n-grams
    holding them: a thesaurus spinner writes numbers of its own, "1" for "first", "10" for "ten",
    and function words of its own, "of late" for "recently", each breaking the n-grams around a
    number it kept; the share of such n-grams fell to 0.33-0.4 on copies that kept 0.7-0.85 of the
    skeleton and every number.)"""
    if len(a.skeleton) < SKELETON_MIN or len(b.skeleton) < SKELETON_MIN:
        return 0.0
    share = len(a.skeleton & b.skeleton) / max(len(a.skeleton), len(b.skeleton))
    if min(a.skeleton_numbered, b.skeleton_numbered) >= SKELETON_NUMBERED:
        share = min(share, _numbers_kept(a.numbers, b.numbers))
    return share


def _has_digit(gram: str) -> bool:
    return any(c.isdigit() for c in gram)


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # exact | near | spin | none
    similarity: float


def compare(a: Features, b: Features, same_hash: bool = False,
            boilerplate: frozenset[int] | set[int] = frozenset()) -> Verdict:
    """How b relates to a: exact, near, spin, or none (with a similarity in [0, 1])."""
    if same_hash:
        return Verdict("exact", 1.0)
    import numpy as np

    sa, sb = a.shingle_hashes, b.shingle_hashes  # sorted, distinct
    common = len(np.intersect1d(sa, sb, assume_unique=True))
    j3 = common / (len(sa) + len(sb) - common) if len(sa) or len(sb) else 0.0
    if j3 >= NEAR_JACCARD:
        return Verdict("near", round(j3, 4))
    c3 = common / min(len(sa), len(sb)) if len(sa) and len(sb) else 0.0
    if c3 >= NEAR_CONTAINMENT and min(len(sa), len(sb)) >= 20:
        return Verdict("near", round(c3, 4))
    # (held sentences share most of their 3-shingles, so a copy held at NEAR_LINES has a containment
    # of about NEAR_LINES * NEAR_LINE; half of that is a cheap bound below which none is looked for)
    held = held_lines(a, b, boilerplate) if c3 >= NEAR_LINES * NEAR_LINE / 2 else 0.0
    if held >= NEAR_LINES:
        return Verdict("near", round(held, 4))
    anchors = jaccard(a.anchors, b.anchors)
    if anchors < SPIN_ANCHORS or _other_numbers(a, b):  # cheap, so first
        return Verdict("none", round(j3, 4))
    cov_ab, cov_ba = coverage(a.sentences, b.sentences, boilerplate)
    if cov_ab >= SPIN_COVERAGE and cov_ba >= SPIN_COVERAGE:
        return Verdict("spin", round((cov_ab + cov_ba) / 2, 4))
    skeleton = _skeleton_shared(a, b)
    if skeleton >= SKELETON_COVERAGE:
        return Verdict("spin", round(skeleton, 4))
    if anchors >= ORDER_ANCHORS:
        cov_ab, cov_ba = ordered_coverage(a.sentences, b.sentences, boilerplate)
        if cov_ab >= ORDER_COVERAGE and cov_ba >= ORDER_COVERAGE:
            return Verdict("spin", round((cov_ab + cov_ba) / 2, 4))
    return Verdict("none", round(j3, 4))
