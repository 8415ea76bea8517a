"""Our own article spinner for the linking evaluation: synonym swaps, clause reordering, sentence
dropping and name mangling, at a target share of changed words."""

from __future__ import annotations

import random
import re
import tomllib
from pathlib import Path

SYNONYMS: dict[str, list[str]] = tomllib.loads(
    (Path(__file__).with_name("data") / "synonyms.toml").read_text(encoding="utf-8"))["words"]
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _case_like(src: str, word: str) -> str:
    return word[:1].upper() + word[1:] if src[:1].isupper() else word


def mangle_name(name: str, rng: random.Random) -> str:
    """'Shmatsina' -> 'Shamatsina': one letter doubled, swapped or replaced, as spinners garble names."""
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 1)
    op = rng.choice(("double", "swap", "vowel"))
    if op == "double":
        return name[:i] + name[i] + name[i:]
    if op == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    return name[:i] + rng.choice("aeiou") + name[i + 1:]


_DROPPABLE = {"the", "a", "an", "that", "very", "really", "just", "also", "then"}
# Filler replacements for words the dictionary lacks: cheap spinners swap in loosely related words.
_FILLER = ("matter", "thing", "aspect", "element", "factor", "portion", "manner", "instance", "notion",
           "piece", "section", "feature", "degree", "measure", "kind", "sort", "form", "mode", "stage")


def _clause_swap(sentence: str, rng: random.Random) -> str:
    head, _, tail = sentence.partition(", ")
    if not tail or len(head.split()) < 3:
        return sentence
    text = tail.rstrip(".!?") + ", " + head[:1].lower() + head[1:] + "."
    return text[:1].upper() + text[1:]


def spin(text: str, rate: float, seed: int) -> str:
    """A paraphrased copy with about `rate` of the original words changed (synonyms first, then
    dropped function words, then filler words), names mangled now and then, clauses reordered,
    a few sentences dropped; numbers and most names kept, as article spinners do."""
    rng = random.Random(seed)
    paragraphs = [[s for s in _SENTENCE.split(p) if s] for p in text.split("\n")]
    for sentences in paragraphs:  # drop a few sentences (never a paragraph's only one)
        if len(sentences) > 1 and rng.random() < rate / 2:
            sentences.pop(rng.randrange(len(sentences)))
    tokens = [[_TOKEN.findall(s) for s in sentences] for sentences in paragraphs]
    slots = [(p, s, t) for p, ss in enumerate(tokens) for s, ts in enumerate(ss) for t, tok in enumerate(ts)
             if tok.strip() and tok[0].isalnum()]
    words = [(p, s, t) for p, s, t in slots if not tokens[p][s][t][0].isdigit()]
    need = int(rate * len(slots))
    rng.shuffle(words)
    order = ([w for w in words if tokens[w[0]][w[1]][w[2]].lower() in SYNONYMS]
             + [w for w in words if tokens[w[0]][w[1]][w[2]].lower() in _DROPPABLE]
             + [w for w in words if not tokens[w[0]][w[1]][w[2]][:1].isupper()])
    changed: set[tuple[int, int, int]] = set()
    for p, s, t in order:
        if len(changed) >= need:
            break
        if (p, s, t) in changed:
            continue
        tok = tokens[p][s][t]
        low = tok.lower()
        if low in SYNONYMS:
            tokens[p][s][t] = _case_like(tok, rng.choice(SYNONYMS[low]))
        elif low in _DROPPABLE and t + 1 < len(tokens[p][s]):
            tokens[p][s][t] = ""
            tokens[p][s][t + 1] = ""  # the space after it
        else:
            tokens[p][s][t] = _case_like(tok, rng.choice(_FILLER))
        changed.add((p, s, t))
    for p, s, t in slots:  # garble a few capitalised names inside sentences
        tok = tokens[p][s][t]
        if t > 0 and tok[:1].isupper() and tok.isalpha() and (p, s, t) not in changed and rng.random() < rate / 6:
            tokens[p][s][t] = mangle_name(tok, rng)
    out = []
    for ss in tokens:
        sentences = ["".join(ts) for ts in ss]
        out.append(" ".join(_clause_swap(x, rng) if rng.random() < rate else x for x in sentences))
    return "\n".join(p for p in out if p)


_CONTENT = re.compile(r"[^\W\d_]{3,}")
# Words a thesaurus spinner leaves alone: they carry no meaning of their own to swap.
_FUNCTION = frozenset("""the and but for with from into over after before about than that this these those there
here its his her their our your who whom which what when where why how all any both each few more most other
some such only also very just can will would could should may might must shall are was were been being have
has had does did not nor yet""".split())


def spin_content(text: str, share: float, seed: int) -> str:
    """A thesaurus spinner's copy: `share` of the content words (not names, numbers or function words)
    swapped for a synonym from the dictionary, else a loosely related word, in place; no word dropped,
    no clause or sentence moved. Most of what such a copy changes is what carries the meaning, so its
    sentences keep fewer content words than a `spin` copy at the same share of all words changed."""
    rng = random.Random(seed)
    tokens = _TOKEN.findall(text)
    slots = [i for i, tok in enumerate(tokens) if _CONTENT.fullmatch(tok) and not tok[0].isupper()
             and tok.lower() not in _FUNCTION]
    rng.shuffle(slots)
    for i in slots[: round(share * len(slots))]:
        low = tokens[i].lower()
        tokens[i] = rng.choice(SYNONYMS[low]) if low in SYNONYMS else rng.choice(_FILLER)
    return "".join(tokens)


def reorder_sentences(text: str, seed: int) -> str:
    """The sentences of each paragraph in another order (a spinner's "reorder sentences" option)."""
    rng = random.Random(seed)
    out = []
    for paragraph in text.split("\n"):
        sentences = [s for s in _SENTENCE.split(paragraph) if s]
        rng.shuffle(sentences)
        out.append(" ".join(sentences))
    return "\n".join(out)


def changed_share(original: str, spun: str) -> float:
    """Share of the original's words that no longer appear (multiset difference)."""
    a = re.findall(r"\w+", original.lower())
    b = re.findall(r"\w+", spun.lower())
    pool: dict[str, int] = {}
    for w in b:
        pool[w] = pool.get(w, 0) + 1
    kept = 0
    for w in a:
        if pool.get(w, 0):
            pool[w] -= 1
            kept += 1
    return 1 - kept / len(a) if a else 0.0
