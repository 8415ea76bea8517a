"""Content fingerprints of normalized text: SHA-256 and a 64-bit SimHash."""

from __future__ import annotations

import hashlib

from pipelines.minhash import simhash_bits
from pipelines.similarity import Features


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def simhash64(text: str, features: Features | None = None) -> str:
    """SimHash over the distinct word 3-shingle hashes (the ones linking uses); a field for users,
    not a linking decision. Pass `features` when the caller already has them."""
    f = features if features is not None else Features(text)
    return f"{simhash_bits(f.shingle_hashes):016x}"
