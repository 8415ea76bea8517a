"""Content fingerprints of normalized text: SHA-256 and a 64-bit SimHash."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
import xxhash

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK = (1 << 64) - 1


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def simhash64(text: str, grams: Iterable[str] | None = None) -> str:
    """SimHash over the distinct word 3-shingles (hashed with xxh64); a field for users, not a
    linking decision. `grams` may be passed when the caller already has the shingle set."""
    if grams is None:
        tokens = words(text)
        grams = {" ".join(tokens[i:i + 3]) for i in range(max(1, len(tokens) - 2))} if tokens else {""}
    grams = list(grams) or [""]
    digests = b"".join(xxhash.xxh64_digest(g.encode("utf-8")) for g in grams)
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(len(grams), 8), axis=1)
    majority = bits.sum(axis=0) * 2 > len(grams)  # bit set in more than half of the shingle hashes
    value = int.from_bytes(np.packbits(majority).tobytes(), "big")
    return f"{value & _MASK:016x}"
