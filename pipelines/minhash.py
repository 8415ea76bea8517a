"""Vectorised signatures for copy linking (numpy), computed for many texts at once.

Word hashing works on bytes, with no Python object per word: the texts (lowercased words joined
by single spaces) are concatenated, each byte is looked up in a seeded random table by (its
position inside its word, its value), and a word's hash is the sum over its bytes (tabulation
hashing). A 3-shingle's hash is an arithmetic combination of its three word hashes.

Two MinHash flavours:
  - shingles: one-permutation hashing with rotation densification (Shrivastava and Li 2014). The
    mixed hash's top bits pick one of `perm` bins, the next 32 bits are the value, each bin keeps
    its minimum (one `minimum.at` over the whole batch), and an empty bin borrows from the next
    filled one plus an offset per step. Two sets agree on a bin with probability close to their
    Jaccard, at O(n) instead of O(n * perm);
  - anchors (a few dozen per text): classic `perm` multiply-shift permutations, where the top 32 bits
    of (a_k * h + b_k) mod 2^64 are the value.
Band keys fold a band's rows into one int64, salted per band. Everything is seeded, so signatures
are the same across runs, processes and machines.
"""

from __future__ import annotations

import numpy as np
import xxhash

SEED = 20261123
_P1, _P2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
_SPACE, _NEWLINE = 32, 10  # bytes up to the space separate words; a newline also ends a sentence
_BYTE_VALUES = np.random.default_rng(SEED).integers(1, 2**63, size=256, dtype=np.uint64)
_BYTE_VALUES[:_SPACE + 1] = 0  # separators add nothing, so a word's sum may run on to the next word
_EMPTY = np.uint32(0xFFFFFFFF)
BATCH_BYTES = 1 << 20  # texts are hashed in slices of about this many bytes (bounded temporary arrays)


def _params(n: int, salt: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED + salt)
    a = rng.integers(1, 2**63, size=n, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    return a, b


def hash_strings(items: list[str]) -> np.ndarray:
    """xxh64 of each string (quoted strings: rarely repeated, so not cached)."""
    return np.fromiter((xxhash.xxh64_intdigest(i.encode("utf-8")) for i in items), dtype=np.uint64,
                       count=len(items))


class _Powers:
    """P^i and P^-i mod 2^64 for i < len, grown on demand (P odd, so it has an inverse)."""

    P = 0x100000001B3 * 2 + 1

    def __init__(self) -> None:
        self.pow = np.ones(0, dtype=np.uint64)
        self.inv = np.ones(0, dtype=np.uint64)

    def upto(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if n > len(self.pow):
            size = max(n, 2 * len(self.pow), 4096)
            with np.errstate(over="ignore"):
                self.pow = np.ones(size, dtype=np.uint64)
                self.pow[1:] = np.cumprod(np.full(size - 1, self.P, dtype=np.uint64), dtype=np.uint64)
                inverse = np.uint64(pow(self.P, -1, 2**64))
                self.inv = np.ones(size, dtype=np.uint64)
                self.inv[1:] = np.cumprod(np.full(size - 1, inverse, dtype=np.uint64), dtype=np.uint64)
        return self.pow, self.inv


_POWERS = _Powers()


def word_hashes(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(hash of each word of `data` — runs of bytes above the space —, byte offset where it starts).
    A word's hash is sum(T[byte_j] * P^j) mod 2^64 over its bytes, read off one cumulative sum."""
    b = np.frombuffer(data, dtype=np.uint8)
    n = len(b)
    if not n:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    word = b > _SPACE
    starts = np.flatnonzero(word[1:] > word[:-1]) + 1
    if word[0]:
        starts = np.concatenate(([0], starts))
    if not len(starts):
        return np.zeros(0, dtype=np.uint64), starts
    powers, inverses = _POWERS.upto(n)
    sums = np.zeros(n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.cumsum(_BYTE_VALUES.take(b) * powers[:n], out=sums[1:])
        bounds = np.append(starts, n)
        return (sums[bounds[1:]] - sums[bounds[:-1]]) * inverses.take(starts), starts


def shingles_of(words: np.ndarray) -> np.ndarray:
    """Hashes of the word 3-shingles (one shingle of all words when there are fewer than 3)."""
    if len(words) < 3:
        return np.array([np.bitwise_xor.reduce(words)] if len(words) else [0], dtype=np.uint64)
    with np.errstate(over="ignore"):
        return words[:-2] * _P1 + words[1:-1] * _P2 + words[2:]


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique without its overhead)."""
    values = np.sort(values)
    keep = np.empty(len(values), dtype=bool)
    if len(values):
        keep[0] = True
        np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


class Batch:
    """Word-level signature input of many texts, from one pass over their bytes."""

    __slots__ = ("shingles", "shingle_owner", "anchors", "anchor_owner")

    def __init__(self, lowered: list[str], original: list[str]) -> None:
        """`lowered[i]` is text i normalized (words separated by spaces, sentences by newlines) and
        `original[i]` the same before lowercasing. Shingles never run across texts. Anchors are the
        words that start with a digit (numbers) or with a capital letter anywhere but at the start
        of a sentence (names): spinners swap words but leave these alone."""
        encoded = [t.encode("utf-8") for t in lowered]
        cased = [o.encode("utf-8") for o in original]
        for i, (e, c) in enumerate(zip(encoded, cased)):
            if len(e) != len(c):  # lowercasing changed the byte length (rare scripts): no names
                cased[i] = e
        data = b"\n".join(encoded)
        words, starts = word_hashes(data)
        lengths = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=len(encoded))
        owner = np.searchsorted(np.cumsum(lengths) - lengths, starts, side="right") - 1
        self._shingles(words, owner, len(lowered))
        low, up = np.frombuffer(data, dtype=np.uint8), np.frombuffer(b"\n".join(cased), dtype=np.uint8)
        first = low[starts]
        second = np.minimum(starts + 1, len(low) - 1)
        capital = (up[starts] != first) | ((first >= 0xC0) & (up[second] != low[second]))
        inside = (starts > 0) & (low[np.maximum(starts - 1, 0)] != _NEWLINE)
        anchor = ((first - np.uint8(48)) < 10) | (capital & inside)
        self.anchors, self.anchor_owner = words[anchor], owner[anchor]

    def _shingles(self, words: np.ndarray, owner: np.ndarray, n: int) -> None:
        counts = np.bincount(owner, minlength=n)
        if len(words) >= 3 and counts.min() >= 3:  # the common case: every text has three words or more
            with np.errstate(over="ignore"):
                sh = words[:-2] * _P1 + words[1:-1] * _P2 + words[2:]
            inside = owner[:-2] == owner[2:]
            self.shingles, self.shingle_owner = sh[inside], owner[:-2][inside]
            return
        pieces, owners = [], []
        edges = np.concatenate(([0], np.cumsum(counts)))
        for i in range(n):
            sh = shingles_of(words[edges[i]:edges[i + 1]])
            pieces.append(sh)
            owners.append(np.full(len(sh), i, dtype=np.int64))
        self.shingles, self.shingle_owner = np.concatenate(pieces), np.concatenate(owners)


class OnePermutationHasher:
    """Shingle-channel MinHash (see the module docstring): `perm` bins read as `bands` bands."""

    _OFFSET = np.uint64(0x9E3779B1)  # added per borrowed step, so a borrowed value differs from its source

    def __init__(self, perm: int, bands: int, salt: int) -> None:
        assert perm & (perm - 1) == 0, "perm must be a power of two"
        self.perm, self.bands, self.rows = perm, bands, perm // bands
        self.bits = perm.bit_length() - 1
        (self.a,), (self.b,) = _params(1, salt)
        self.band_salt, self.row_mult = _band_params(bands, self.rows, salt)

    def signatures(self, hashes: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
        """(n, perm) uint32 signatures of the n sets given as (hashes, owning set index); an empty
        set gets all-max values."""
        with np.errstate(over="ignore"):
            mixed = hashes * self.a + self.b
        slot = owner * self.perm + (mixed >> np.uint64(64 - self.bits)).astype(np.int64)
        value = ((mixed << np.uint64(self.bits)) >> np.uint64(32)).astype(np.uint32)
        value[value == _EMPTY] -= 1  # keep the all-ones value for "empty bin"
        sig = np.full(n * self.perm, _EMPTY, dtype=np.uint32)
        np.minimum.at(sig, slot, value)
        sig = sig.reshape(n, self.perm)
        empty = sig == _EMPTY
        if empty.any():
            sig = self._densify(sig, empty)
        return sig

    def _densify(self, sig: np.ndarray, empty: np.ndarray) -> np.ndarray:
        """Empty bin i takes the value of the next filled bin j (circularly) plus (j - i) offsets."""
        n, perm = sig.shape
        idx = np.arange(2 * perm, dtype=np.int64)
        filled2 = np.tile(~empty, 2)
        nxt = np.where(filled2, idx, 4 * perm)
        nxt = np.minimum.accumulate(nxt[:, ::-1], axis=1)[:, ::-1][:, :perm]  # next filled position
        has_any = ~empty.all(axis=1)
        steps = (nxt - idx[:perm]).astype(np.uint64)
        source = np.take_along_axis(sig, np.minimum(nxt, 2 * perm - 1) % perm, axis=1).astype(np.uint64)
        with np.errstate(over="ignore"):
            borrowed = ((source + steps * self._OFFSET) & np.uint64(0xFFFFFFFE)).astype(np.uint32)
        out = np.where(empty & has_any[:, None], borrowed, sig)
        return out

    def band_keys(self, sigs: np.ndarray) -> np.ndarray:
        return _band_keys(sigs, self.bands, self.rows, self.band_salt, self.row_mult)


class MinHasher:
    """Anchor-channel MinHash: `perm` permutations read as `bands` bands of perm // bands rows."""

    def __init__(self, perm: int, bands: int, salt: int) -> None:
        self.perm, self.bands, self.rows = perm, bands, perm // bands
        self.a, self.b = _params(perm, salt)
        self.band_salt, self.row_mult = _band_params(bands, self.rows, salt)

    def signatures(self, hashes: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
        """(n, perm) uint32 signatures; `owner` must be sorted (sets given one after another)."""
        sig = np.full((n, self.perm), _EMPTY, dtype=np.uint32)
        if not len(hashes):
            return sig
        with np.errstate(over="ignore"):
            mixed = ((hashes[:, None] * self.a[None, :] + self.b[None, :]) >> np.uint64(32)).astype(np.uint32)
        present, first = np.unique(owner, return_index=True)
        sig[present] = np.minimum.reduceat(mixed, first, axis=0)
        return sig

    def band_keys(self, sigs: np.ndarray) -> np.ndarray:
        return _band_keys(sigs, self.bands, self.rows, self.band_salt, self.row_mult)


def _band_params(bands: int, rows: int, salt: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED + 1000 + salt)
    band_salt = rng.integers(0, 2**63, size=bands, dtype=np.uint64)
    row_mult = rng.integers(1, 2**63, size=rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    return band_salt, row_mult


def _band_keys(sigs: np.ndarray, bands: int, rows: int, salt: np.ndarray, mult: np.ndarray) -> np.ndarray:
    """(n, bands) int64 keys: each band's rows folded together, salted per band so bands never meet."""
    r = sigs.reshape(len(sigs), bands, rows).astype(np.uint64)
    with np.errstate(over="ignore"):
        folded = (r * mult).sum(axis=2, dtype=np.uint64) ^ salt
    return folded.view(np.int64)


def simhash_bits(hashes: np.ndarray) -> int:
    """64-bit SimHash: bit k set when it is set in more than half of the hashes."""
    if not len(hashes):
        return 0
    bits = np.unpackbits(hashes.astype(">u8").view(np.uint8).reshape(len(hashes), 8), axis=1)
    majority = bits.sum(axis=0) * 2 > len(hashes)
    return int.from_bytes(np.packbits(majority).tobytes(), "big")
