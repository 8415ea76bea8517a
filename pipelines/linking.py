"""Link stage: every copy of an article joins one cluster — exact, near (boilerplate, truncation) or spin.

Candidates come from MinHash LSH in two channels (pipelines.minhash, vectorised over 64-bit token
hashes), then each candidate is verified exactly
(pipelines.similarity.compare):
  - word 3-shingles, 128 permutations as 64 bands x 2 rows: retrieval 1.00 at Jaccard 0.34 (the
    measured spin pair) and 0.93 at 0.2; datasketch's `threshold=` picks bands that miss spins;
  - anchors (numbers, names, quoted strings), 96 permutations as 32 bands x 3 rows: spinners swap
    words but leave these alone (Jaccard 0.62 on the seed pair, 0.5-1.0 on our 45% spins), so
    heavy spins that share few 3-shingles are still found (retrieval 0.99 at 0.5), while unrelated
    articles, which share almost no anchors, rarely collide (2.6e-4 per pair at 0.02).
The cluster id is the id of the cluster's first record and never changes; `of` names the cluster's
representative (the first record seen; `splog link` sorts by publication time, so there it is the
earliest-published member). The index persists in the state's SQLite file when one is given.
"""

from __future__ import annotations

import sqlite3
import struct
import zlib
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from pipelines.minhash import MinHasher, hash_strings

from pipelines.similarity import Features, compare
from schemas.article import ArticleRecord, Duplicate

SHINGLE_PERM, SHINGLE_BANDS = 128, 64
ANCHOR_PERM, ANCHOR_BANDS = 96, 32
RANK = {"exact": 3, "near": 2, "spin": 1}
# Candidates whose MinHash estimates are below both floors are not verified: unrelated texts
# (estimated 3-shingle Jaccard ~0.01, std 0.009 at 128 permutations) fall under 0.04; the measured
# spin pair has 0.34 and anchors 0.62, our 45% spins keep anchors at 0.5 and more.
ESTIMATE_SHINGLES, ESTIMATE_ANCHORS = 0.04, 0.2
# A sentence found in this many distinct clusters is boilerplate (a publisher footer, a wire block),
# not evidence of copying; 3 because two articles may legitimately quote one sentence.
BOILERPLATE_CLUSTERS = 3


_SHINGLE_HASHER = MinHasher(SHINGLE_PERM, SHINGLE_BANDS, salt=1)
_ANCHOR_HASHER = MinHasher(ANCHOR_PERM, ANCHOR_BANDS, salt=2)


def signatures(f: Features) -> tuple[list[int], bytes]:
    """(one LSH key per band, shingle channel first; the raw MinHash values of both channels as
    uint32 bytes, for estimating Jaccard before exact verification). Stable across runs."""
    sh_sig = _SHINGLE_HASHER.signature(f.shingle_hashes)
    an_sig = _ANCHOR_HASHER.signature(hash_strings(sorted(f.anchors)))
    keys = np.concatenate((_SHINGLE_HASHER.band_keys(sh_sig), _ANCHOR_HASHER.band_keys(an_sig)))
    return keys.tolist(), np.concatenate((sh_sig, an_sig)).tobytes()


def estimates(a: bytes, b: bytes) -> tuple[float, float]:
    """MinHash estimates of (3-shingle Jaccard, anchor Jaccard) from two signatures."""
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    same = x == y
    return float(same[:SHINGLE_PERM].mean()), float(same[SHINGLE_PERM:].mean())


class BandIndex:
    """LSH buckets, key -> member indexes, in ~12 bytes per (record, band): a few sorted numpy runs
    (merged like an LSM tree, so each key is re-sorted O(log n) times) plus a dict of recent inserts."""

    FLUSH_EVERY = 200_000  # keys held in the dict before they become a sorted run

    def __init__(self) -> None:
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, member indexes), larger first
        self.recent: dict[int, int | list[int]] = {}  # key -> member index, or a list on collisions
        self._pending = 0

    def add(self, keys: list[int], idx: int) -> None:
        """Insert in bulk: a dict of the new keys, C-level intersection for the rare collisions."""
        recent = self.recent
        new = dict.fromkeys(keys, idx)
        for key in recent.keys() & new.keys():  # a bucket that already holds another member
            old = recent[key]
            new[key] = (old if isinstance(old, list) else [old]) + [idx]
        recent.update(new)
        self._pending += len(keys)
        if self._pending >= self.FLUSH_EVERY:
            self.merge()

    def merge(self) -> None:
        """Turn the recent dict into a sorted run; merge runs of similar size."""
        if not self.recent:
            return
        pairs = [(k, i) for k, v in self.recent.items() for i in (v if isinstance(v, list) else (v,))]
        keys = np.fromiter((k for k, _ in pairs), dtype=np.int64, count=len(pairs))
        vals = np.fromiter((i for _, i in pairs), dtype=np.int32, count=len(pairs))
        self.recent, self._pending = {}, 0
        order = np.argsort(keys, kind="stable")
        run = (keys[order], vals[order])
        while self.runs and len(self.runs[-1][0]) <= 2 * len(run[0]):
            older = self.runs.pop()
            k = np.concatenate((older[0], run[0]))
            v = np.concatenate((older[1], run[1]))
            order = np.argsort(k, kind="stable")
            run = (k[order], v[order])
        self.runs.append(run)

    def lookup(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        if self.runs:
            probe = np.asarray(keys, dtype=np.int64)
            for run_keys, run_vals in self.runs:
                lo = np.searchsorted(run_keys, probe, side="left")
                hi = np.searchsorted(run_keys, probe, side="right")
                hit = hi > lo
                if hit.any():
                    for a, b in zip(lo[hit].tolist(), hi[hit].tolist()):
                        found.update(run_vals[a:b].tolist())
        recent = self.recent
        for key in recent.keys() & set(keys):
            hit = recent[key]
            if isinstance(hit, list):
                found.update(hit)
            else:
                found.add(hit)
        return found


@dataclass(frozen=True, slots=True)
class Prepared:
    """What linking needs from a text, computable anywhere (the workers do it, off the main process)."""

    keys: list[int]
    sentence_keys: list[int]
    packed: bytes  # zlib-compressed text
    simhash: str = ""  # from the same shingles (fingerprint.simhash64)
    sig: bytes = b""  # MinHash values of both channels (uint32)


def prepare(text: str) -> Prepared:
    from pipelines.fingerprint import simhash64

    f = Features(text)
    keys, sig = signatures(f)
    return Prepared(keys, f.sentence_keys, zlib.compress(text.encode("utf-8"), 1), simhash64(text, f), sig)


@dataclass(slots=True)
class Member:
    rid: str
    cluster: str
    rep: str
    sha256: str
    text: bytes  # zlib-compressed normalized text, for exact verification
    sig: bytes = b""  # MinHash signatures (see `signatures`)


class LinkStore:
    """Persistence of the copy index in SQLite (the run's state file)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.execute("CREATE TABLE IF NOT EXISTS link_docs (rid TEXT PRIMARY KEY, cluster TEXT, rep TEXT, "
                   "sha256 TEXT, text BLOB, keys BLOB, sig BLOB)")

    def load(self):
        yield from self.db.execute("SELECT rid, cluster, rep, sha256, text, keys, sig FROM link_docs ORDER BY rowid")

    def save(self, m: Member, keys: list[int]) -> None:
        self.db.execute("INSERT OR REPLACE INTO link_docs VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (m.rid, m.cluster, m.rep, m.sha256, m.text, struct.pack(f"<{len(keys)}q", *keys), m.sig))


class CopyIndex:
    """Streaming copy index: link(record) returns the record with its `duplicate` group filled in.

    `store` persists it: LinkStore (SQLite, loaded at start) or redis_link.RedisLinkStore (shared
    by several machines, asked on every link)."""

    def __init__(self, store: LinkStore | None = None, cache_size: int = 512) -> None:
        self.bands = BandIndex()
        self.members: list[Member] = []
        self.by_rid: dict[str, int] = {}
        self.by_sha: dict[str, int] = {}
        self.store = store
        self._cache: OrderedDict[int, Features] = OrderedDict()
        # sentence key -> the one cluster it was seen in, or the number of distinct clusters (2, 3)
        self._sentence_clusters: dict[int, str | int] = {}
        self.boilerplate: set[int] = set()
        self._cache_size = cache_size
        if store is not None:
            for rid, cluster, rep, sha, text, blob, sig in store.load():
                keys = list(struct.unpack(f"<{len(blob) // 8}q", blob))
                self._add(Member(rid, cluster, rep, sha, text, sig), keys,
                          Features(zlib.decompress(text).decode("utf-8")).sentence_keys)
            self.bands.merge()

    def __len__(self) -> int:
        return len(self.members)

    def _add(self, member: Member, keys: list[int], sentence_keys: list[int]) -> int:
        idx = self.by_rid.get(member.rid)
        if idx is None:
            idx = len(self.members)
            self.members.append(member)
            self.by_rid[member.rid] = idx
        else:
            self.members[idx] = member
            self._cache.pop(idx, None)
        self.by_sha.setdefault(member.sha256, idx)
        self._count_sentences(member, sentence_keys)
        self.bands.add(keys, idx)
        return idx

    def _count_sentences(self, member: Member, sentence_keys: list[int]) -> None:
        """Sentences met in BOILERPLATE_CLUSTERS distinct clusters are boilerplate (footers, wire blocks)."""
        for key in sentence_keys:
            seen = self._sentence_clusters.get(key)
            if seen is None:
                self._sentence_clusters[key] = member.cluster
            elif isinstance(seen, str):
                if seen != member.cluster:
                    self._sentence_clusters[key] = 2
            elif seen < BOILERPLATE_CLUSTERS:
                self._sentence_clusters[key] = seen + 1
                if seen + 1 >= BOILERPLATE_CLUSTERS:
                    self.boilerplate.add(key)

    def _features(self, idx: int) -> Features:
        f = self._cache.get(idx)
        if f is None:
            f = Features(zlib.decompress(self.members[idx].text).decode("utf-8"))
            self._cache[idx] = f
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(idx)
        return f

    def _candidates(self, keys: list[int], own: int | None) -> set[int]:
        found = self.bands.lookup(keys)
        found.discard(own)  # type: ignore[arg-type]
        return found

    def _pull(self, rids: list[str]) -> None:
        """Members another machine stored (shared Redis index): add them to the local index."""
        for rid, cluster, rep, sha, text, blob, sig in self.store.fetch(rids):  # type: ignore[union-attr]
            keys = list(struct.unpack(f"<{len(blob) // 8}q", blob))
            self._add(Member(rid, cluster, rep, sha, text, sig), keys,
                      Features(zlib.decompress(text).decode("utf-8")).sentence_keys)

    def _remote_candidates(self, keys: list[int], sha256: str) -> None:
        if not getattr(self.store, "remote", False):
            return
        rids = self.store.candidates(keys)  # type: ignore[union-attr]
        first = self.store.by_sha(sha256)  # type: ignore[union-attr]
        if first:
            rids.add(first)
        missing = [rid for rid in rids if rid not in self.by_rid]
        if missing:
            self._pull(missing)

    def match(self, text: str, keys: list[int], sha256: str, own: int | None = None,
              sig: bytes = b"") -> tuple[int, str, float]:
        """Best existing member for this text: (index, kind, similarity); index -1 if none."""
        self._remote_candidates(keys, sha256)
        exact = self.by_sha.get(sha256)
        if exact is not None and exact != own:
            return exact, "exact", 1.0
        candidates = self._candidates(keys, own)
        if sig:
            candidates = {i for i in candidates if not self.members[i].sig or self._plausible(sig, self.members[i].sig)}
        if not candidates:
            return -1, "none", 0.0
        f = Features(text)
        best: tuple[tuple, int, str, float] | None = None
        for idx in sorted(candidates):
            verdict = compare(self._features(idx), f, same_hash=self.members[idx].sha256 == sha256,
                              boilerplate=self.boilerplate)
            if verdict.kind == "none":
                continue
            # Best kind first; among equals the oldest cluster (a text matching two clusters of one
            # story should join the one its original founded), then the closest text.
            age = -self.by_rid.get(self.members[idx].cluster, idx)
            score = (RANK[verdict.kind], age, verdict.similarity)
            if best is None or score > best[0]:
                best = (score, idx, verdict.kind, verdict.similarity)
        return best[1:] if best else (-1, "none", 0.0)

    @staticmethod
    def _plausible(a: bytes, b: bytes) -> bool:
        shingles, anchors = estimates(a, b)
        return shingles >= ESTIMATE_SHINGLES or anchors >= ESTIMATE_ANCHORS

    def link(self, record: ArticleRecord, prepared: Prepared | None = None) -> ArticleRecord:
        """The record in its copy cluster; `prepared` (from `prepare(record.text)`) saves the work here."""
        own = self.by_rid.get(record.id)
        if own is not None and self.members[own].sha256 == record.fingerprint.sha256:
            m = self.members[own]  # seen before with the same text (a re-crawl): keep its group
            return self._with(record, m.cluster, m.rep, "first" if m.rep == record.id else "exact", 1.0)
        prepared = prepared or prepare(record.text)
        idx, kind, similarity = self.match(record.text, prepared.keys, record.fingerprint.sha256, own, prepared.sig)
        if idx < 0:
            cluster, rep, kind, similarity = record.id, record.id, "first", 1.0
        else:
            cluster, rep = self.members[idx].cluster, self.members[idx].rep
        member = Member(record.id, cluster, rep, record.fingerprint.sha256, prepared.packed, prepared.sig)
        self._add(member, prepared.keys, prepared.sentence_keys)
        if self.store is not None:
            self.store.save(member, prepared.keys)
        return self._with(record, cluster, rep, kind, similarity)

    @staticmethod
    def _with(record: ArticleRecord, cluster: str, rep: str, kind: str, similarity: float) -> ArticleRecord:
        of = None if kind == "first" else rep
        dup = Duplicate(cluster_id=cluster, kind=kind, of=of, similarity=similarity)  # type: ignore[arg-type]
        return record.model_copy(update={"duplicate": dup})
