"""Vectorised MinHash and band keys on 64-bit token hashes (numpy): no per-shingle Python strings.

Tokens are hashed once with xxh64; a 3-shingle's hash is an arithmetic combination of its three
token hashes; permutation k maps a hash h to the top 32 bits of (a_k * h + b_k) mod 2^64 (odd a_k),
a standard multiply-shift family. Everything is seeded, so signatures are stable across runs.
"""

from __future__ import annotations

import numpy as np
import xxhash

SEED = 20261123
_P1, _P2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)


def _params(n: int, salt: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED + salt)
    a = rng.integers(1, 2**63, size=n, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    return a, b


_TOKEN_CACHE: dict[str, int] = {}
_TOKEN_CACHE_MAX = 1_000_000  # ~100 MB at most; cleared when full (words repeat: Zipf)


def _token_hash(token: str) -> int:
    value = xxhash.xxh64_intdigest(token.encode("utf-8"))
    if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[token] = value
    return value


def hash_strings(items: list[str]) -> np.ndarray:
    """xxh64 of each string; common words come from a cache instead of being hashed again."""
    get = _TOKEN_CACHE.get
    return np.fromiter((get(t) or _token_hash(t) for t in items), dtype=np.uint64, count=len(items))


def shingle_hashes(token_hashes: np.ndarray) -> np.ndarray:
    """Distinct hashes of word 3-shingles (one shingle of all tokens when there are fewer than 3)."""
    if len(token_hashes) < 3:
        return np.unique(np.array([np.bitwise_xor.reduce(token_hashes)] if len(token_hashes) else [0],
                                  dtype=np.uint64))
    with np.errstate(over="ignore"):
        combined = token_hashes[:-2] * _P1 + token_hashes[1:-1] * _P2 + token_hashes[2:]
    return np.unique(combined)


class MinHasher:
    """`perm` permutations, read as `bands` bands of perm // bands rows."""

    def __init__(self, perm: int, bands: int, salt: int) -> None:
        self.perm, self.bands, self.rows = perm, bands, perm // bands
        self.a, self.b = _params(perm, salt)
        rng = np.random.default_rng(SEED + 1000 + salt)
        self.band_salt = rng.integers(0, 2**63, size=bands, dtype=np.uint64)
        self.row_mult = rng.integers(1, 2**63, size=self.rows, dtype=np.uint64) * np.uint64(2) + np.uint64(1)

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """uint32 MinHash values; an empty set gets all-max values."""
        if not len(hashes):
            return np.full(self.perm, 0xFFFFFFFF, dtype=np.uint32)
        with np.errstate(over="ignore"):
            mixed = hashes[:, None] * self.a[None, :] + self.b[None, :]
        return (mixed.min(axis=0) >> np.uint64(32)).astype(np.uint32)

    def band_keys(self, sig: np.ndarray) -> np.ndarray:
        """One int64 key per band: its rows folded together, salted per band so bands never meet."""
        rows = sig.reshape(self.bands, self.rows).astype(np.uint64)
        with np.errstate(over="ignore"):
            folded = (rows * self.row_mult[None, :]).sum(axis=1, dtype=np.uint64) ^ self.band_salt
        return folded.view(np.int64)


def simhash_bits(hashes: np.ndarray) -> int:
    """64-bit SimHash: bit k set when it is set in more than half of the hashes."""
    if not len(hashes):
        return 0
    bits = np.unpackbits(hashes.astype(">u8").view(np.uint8).reshape(len(hashes), 8), axis=1)
    majority = bits.sum(axis=0) * 2 > len(hashes)
    return int.from_bytes(np.packbits(majority).tobytes(), "big")
