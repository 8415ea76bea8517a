"""Link stage: every copy of an article joins one cluster — exact, near (boilerplate, truncation) or spin.

Candidates come from MinHash LSH in two channels (pipelines.minhash, vectorised over 64-bit token
hashes), then each candidate is verified exactly
(pipelines.similarity.compare):
  - word 3-shingles, 128 permutations as 64 bands x 2 rows: retrieval 1.00 at Jaccard 0.34 (the
    measured spin pair) and 0.93 at 0.2; datasketch's `threshold=` picks bands that miss spins;
  - anchors (numbers, names, quoted strings), 96 permutations as 32 bands x 3 rows: spinners swap
    words but leave these alone (Jaccard 0.62 on the seed pair, 0.5-1.0 on our 45% spins), so
    heavy spins that share few 3-shingles are still found (retrieval 0.99 at 0.5), while unrelated
    articles, which share almost no anchors, rarely collide (2.6e-4 per pair at 0.02);
and, for an excerpt of a long article (too few shared shingles for the bands), the members whose
opening sentences it shares (see LEAD below).
The cluster id is the id of the cluster's first record and never changes; `of` names the cluster's
representative (the first record seen; `splog link` sorts by publication time, so there it is the
earliest-published member). The index persists in the state's SQLite file when one is given.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import time
import struct
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from pipelines.minhash import (BATCH_BYTES, Batch, MinHasher, OnePermutationHasher, distinct,
                               hash_strings, simhash_bits)
from pipelines.normalize import record_id
from pipelines.similarity import Features, compare

if TYPE_CHECKING:  # the records' models (pydantic) load in the main process only: workers sign texts
    from schemas.article import ArticleRecord

SHINGLE_PERM, SHINGLE_BANDS = 128, 64
ANCHOR_PERM, ANCHOR_BANDS = 96, 32
RANK = {"exact": 3, "near": 2, "spin": 1}
# A sentence found in this many distinct clusters is boilerplate (a publisher footer, a wire block),
# not evidence of copying; 3 because two articles may legitimately quote one sentence.
BOILERPLATE_CLUSTERS = 3


_SHINGLE_HASHER = OnePermutationHasher(SHINGLE_PERM, SHINGLE_BANDS, salt=1)
_ANCHOR_HASHER = MinHasher(ANCHOR_PERM, ANCHOR_BANDS, salt=2)


# A member becomes a candidate when the bands it shares with the text weigh CANDIDATE_WEIGHT or more:
# two shingle bands, two anchor bands, or one of each. One band alone is weak evidence: unrelated
# texts at 3-shingle Jaccard 0.01 share one of 64 two-row bands with probability 0.6%, and texts that
# share one number out of a dozen (anchor Jaccard 0.08) one of 32 three-row anchor bands with 1.8%,
# so single-band candidates grow with the index. A real copy shares several: 7.4 shingle bands on
# average at the seed pair's 0.34, 4 anchor bands at anchor Jaccard 0.5 (45% spins).
SHINGLE_WEIGHT, ANCHOR_WEIGHT, CANDIDATE_WEIGHT = 2, 3, 4
# Before a candidate is verified, the low bytes of both texts' MinHash values estimate their Jaccard
# (b-bit minwise hashing: slots agree with probability J + (1 - J) / 256). Below both floors the
# candidate is dropped: unrelated texts sit near 0.01 (3-shingles) and 0.08 (one shared number),
# the measured spin pair has 0.34 and 0.62, our 45% spins keep anchors at 0.5 and more.
SIG_BYTES = SHINGLE_PERM + ANCHOR_PERM
ESTIMATE_SHINGLES, ESTIMATE_ANCHORS = 0.04, 0.2
# LEAD: an excerpt of a long article (a feed's summary, an autoblog's teaser: its first 60 words of 500 or
# more) shares too few of its 3-shingles for the bands (Jaccard ~0.1: 41% of the excerpts of 152
# real articles were never candidates). Its opening sentences are the original's, word for word, so
# each text's first sentences (Features.lead_keys) are indexed, the first member to have one keeping
# it, and looked up for each new text (a splog's own line or two may stand above the copied
# opening); a member found so is verified like any candidate, its MinHash estimate aside.


def _weights(band: np.ndarray) -> np.ndarray:
    """Weight of a shared band by its position (shingle bands first)."""
    return np.where(band < SHINGLE_BANDS, SHINGLE_WEIGHT, ANCHOR_WEIGHT)


class _Run:
    """A run of (key, member) pairs sorted by key."""

    __slots__ = ("keys", "vals")

    def __init__(self, keys: np.ndarray, vals: np.ndarray, is_sorted: bool = False) -> None:
        if not is_sorted:
            order = np.argsort(keys, kind="stable")
            keys, vals = keys[order], vals[order]
        self.keys, self.vals = keys, vals

    def __len__(self) -> int:
        return len(self.keys)

    def merged(self, newer: _Run) -> _Run:
        """Both runs as one sorted run (this run's pairs first among equal keys). The newer run's
        slots come from a binary search, so the only temporaries besides the result are an index
        and a mask, not the full argsort and gathered copies a re-sort would make."""
        n = len(self.keys) + len(newer.keys)
        at = np.searchsorted(self.keys, newer.keys, side="right")
        at += np.arange(len(newer.keys), dtype=at.dtype)
        older = np.ones(n, dtype=bool)
        older[at] = False
        keys = np.empty(n, dtype=self.keys.dtype)
        vals = np.empty(n, dtype=self.vals.dtype)
        keys[at], vals[at] = newer.keys, newer.vals
        keys[older], vals[older] = self.keys, self.vals
        return _Run(keys, vals, is_sorted=True)


class BandIndex:
    """LSH buckets, key -> member indexes, in ~12 bytes per (record, band): a few sorted runs (merged
    like an LSM tree, so each key is re-sorted O(log n) times) plus a dict of recent inserts."""

    FLUSH_EVERY = 100_000  # keys held in the dict (~100 bytes each) before they become a sorted run

    def __init__(self) -> None:
        self.runs: list[_Run] = []  # larger first
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
        recent = self.recent
        # straight from the dict, without a list of (key, member) tuples (~6 MB at 100,000 keys, alive
        # with the dict at the crawl's memory peak); a bucket's further members (rare) go at the end,
        # after its first, which the stable sort keeps
        more = [(k, v) for k, v in recent.items() if isinstance(v, list)]
        keys = np.fromiter(recent.keys(), dtype=np.int64, count=len(recent))
        vals = np.fromiter((v[0] if isinstance(v, list) else v for v in recent.values()), dtype=np.int32,
                           count=len(recent))
        if more:
            keys = np.concatenate([keys, np.fromiter((k for k, v in more for _ in v[1:]), dtype=np.int64)])
            vals = np.concatenate([vals, np.fromiter((i for _k, v in more for i in v[1:]), dtype=np.int32)])
        self.recent, self._pending = {}, 0
        self.add_run(keys, vals)

    def add_run(self, keys: np.ndarray, vals: np.ndarray) -> None:
        """Add (key, member) pairs as a sorted run, merging runs of similar size."""
        if not len(keys):
            return
        run = _Run(keys, vals)
        while self.runs and len(self.runs[-1]) <= 2 * len(run):
            run = self.runs.pop().merged(run)
        self.runs.append(run)

    def probe_runs(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(flat probe position, member) of every run entry whose key equals one of `keys` (2-D: a row
        per record), found with one sorted pass per run (sorted probes keep the searches local)."""
        flat = keys.ravel()
        order = np.argsort(flat)
        probe = flat[order]
        found_pos, found_members = [], []
        for run in self.runs:
            lo = np.searchsorted(run.keys, probe, side="left")
            hit = np.flatnonzero(run.keys[np.minimum(lo, len(run.keys) - 1)] == probe)
            if not len(hit):
                continue
            lo = lo[hit]  # only the hits need the end of their equal range
            count = np.searchsorted(run.keys, probe[hit], side="right") - lo
            at = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
            found_pos.append(np.repeat(order[hit], count))
            found_members.append(run.vals[at])
        if not found_pos:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        return np.concatenate(found_pos), np.concatenate(found_members)

    def lookup(self, keys: list[int]) -> dict[int, int]:
        """member index -> the summed weights of the bands (`keys`, by position) it shares."""
        hits: dict[int, int] = {}
        if self.runs:
            positions, members = self.probe_runs(np.asarray([keys], dtype=np.int64))
            for weight, member in zip(_weights(positions).tolist(), members.tolist()):
                hits[member] = hits.get(member, 0) + weight
        recent = self.recent
        common = recent.keys() & keys
        if common:
            anchor_keys = set(keys[SHINGLE_BANDS:])
            for key in common:
                weight = ANCHOR_WEIGHT if key in anchor_keys else SHINGLE_WEIGHT
                hit = recent[key]
                for member in (hit if isinstance(hit, list) else (hit,)):
                    hits[member] = hits.get(member, 0) + weight
        return hits


class SentenceCounts:
    """In how many distinct clusters each sentence (by its 32-bit key) was seen; a sentence met in
    BOILERPLATE_CLUSTERS clusters is boilerplate (a publisher footer, a wire block), not evidence of
    copying. First sightings (most sentences are seen once) are kept compactly: a dict of recent
    ones, flushed into one sorted pair of arrays (8 bytes a sentence)."""

    FLUSH_EVERY = 50_000

    def __init__(self) -> None:
        self.keys = np.zeros(0, dtype=np.uint32)  # sorted: first sightings ...
        self.tags = np.zeros(0, dtype=np.int32)  # ... and a tag of the cluster they were seen in
        self.recent: dict[int, int] = {}  # first sightings not yet in the arrays
        self.multi: dict[int, int] = {}  # key -> distinct clusters seen (2 and more)
        self.boilerplate: set[int] = set()

    @staticmethod
    def _tag(cluster: str) -> int:
        return zlib.crc32(cluster.encode("utf-8")) - (1 << 31)

    def in_arrays(self, keys: list[int]) -> dict[int, int]:
        """key -> tag of the given keys that are in the sorted arrays (a batch asks once)."""
        if not keys or not len(self.keys):
            return {}
        probe = np.array(keys, dtype=np.uint32)
        at = np.minimum(np.searchsorted(self.keys, probe), len(self.keys) - 1)
        hit = self.keys[at] == probe
        return dict(zip(probe[hit].tolist(), self.tags[at[hit]].tolist()))

    def add(self, sentence_keys: list[int], cluster: str, known: dict[int, int] | None = None) -> None:
        """Count one record's sentences. `known` (from in_arrays, asked once for a whole batch)
        saves the array lookup; while a batch uses it the arrays must not change, so a batch calls
        flush() at its end."""
        tag = self._tag(cluster)
        batch = known is not None
        if not batch:
            known = self.in_arrays(sentence_keys)
        for key in sentence_keys:
            count = self.multi.get(key)
            if count is not None:
                self._bump(key, count + 1)
                continue
            first = self.recent.get(key)
            if first is None:
                first = known.get(key)  # type: ignore[union-attr]
            if first is None:
                self.recent[key] = tag
            elif first != tag:
                self._bump(key, 2)
        if not batch:
            self.flush()

    def flush(self) -> None:
        if len(self.recent) >= self.FLUSH_EVERY:
            self._flush()

    def _bump(self, key: int, count: int) -> None:
        if count <= BOILERPLATE_CLUSTERS:
            self.multi[key] = count
            if count == BOILERPLATE_CLUSTERS:
                self.boilerplate.add(key)

    def _flush(self) -> None:
        keys = np.concatenate((self.keys, np.fromiter(self.recent.keys(), dtype=np.uint32, count=len(self.recent))))
        tags = np.concatenate((self.tags, np.fromiter(self.recent.values(), dtype=np.int32, count=len(self.recent))))
        order = np.argsort(keys, kind="stable")
        self.keys, self.tags, self.recent = keys[order], tags[order], {}


class TextStore:
    """Member texts in an unlinked temporary file (read back only to verify a candidate), so a long
    run's index keeps offsets in memory rather than texts."""

    def __init__(self) -> None:
        import tempfile

        self._file = tempfile.TemporaryFile(prefix="splog-texts-")
        self._pending = bytearray()
        self._flushed = 0  # bytes already in the file
        self._spans: list[tuple[int, int]] = []

    def add(self, data: bytes) -> int:
        self._spans.append((self._flushed + len(self._pending), len(data)))
        self._pending += data
        if len(self._pending) >= 1 << 20:
            self._flush()
        return len(self._spans) - 1

    def _flush(self) -> None:
        self._file.write(self._pending)
        self._file.flush()
        self._flushed += len(self._pending)
        self._pending = bytearray()

    def get(self, handle: int) -> bytes:
        start, size = self._spans[handle]
        if start >= self._flushed:
            return bytes(self._pending[start - self._flushed:start - self._flushed + size])
        return os.pread(self._file.fileno(), size, start)

    def close(self) -> None:
        self._file.close()


@dataclass(frozen=True, slots=True)
class Prepared:
    """What linking needs from a text, computable anywhere (the workers do it, off the main process)."""

    keys: list[int]
    sentence_keys: list[int]
    simhash: str = ""  # from the same shingles (fingerprint.simhash64)
    sig: bytes = b""  # low byte of every MinHash value of both channels (see SIG_BYTES)
    # the text's Features, kept by prepare_many(keep_features=True) so that verifying it against a
    # candidate does not compute them again (not for pickling: workers leave it out)
    features: Features | None = field(default=None, compare=False, repr=False)
    lead_keys: list[int] = field(default_factory=list)  # Features.lead_keys


def prepare(text: str) -> Prepared:
    return prepare_many([text])[0]


def prepare_many(texts: list[str], simhash: bool = True, keep_features: bool = False) -> list[Prepared]:
    with _no_gc():
        return _prepare_many(texts, simhash, keep_features)


@contextlib.contextmanager
def _no_gc():
    """Batch work allocates many short-lived objects without reference cycles; the cyclic garbage
    collector, triggered by allocation counts, would walk every live object again and again (a fifth
    of the time over 100,000 records). It runs once, after the batch."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _prepare_many(texts: list[str], simhash: bool, keep_features: bool) -> list[Prepared]:
    """Prepared linking data for many texts, vectorised over slices of about BATCH_BYTES (the same
    result as one by one). `simhash=False` leaves the SimHash field empty (it is not used to link)."""
    out: list[Prepared] = []
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and (end == start or size < BATCH_BYTES):
            size += len(texts[end])
            end += 1
        out.extend(_prepare_slice(texts[start:end], simhash, keep_features))
        start = end
    return out


def _prepare_slice(texts: list[str], simhash: bool, keep_features: bool) -> list[Prepared]:
    feats = [Features(t) for t in texts]
    n = len(feats)
    batch = Batch([f.normalized for f in feats], [f.lines for f in feats])
    an_hashes, an_owner = batch.anchors, batch.anchor_owner
    quoted = [(i, q) for i, f in enumerate(feats) for q in f.quoted]
    if quoted:  # quoted strings are anchors too (rare enough to merge in one by one)
        an_hashes = np.concatenate((an_hashes, hash_strings([q for _, q in quoted])))
        an_owner = np.concatenate((an_owner, np.array([i for i, _ in quoted], dtype=np.int64)))
        order = np.argsort(an_owner, kind="stable")
        an_hashes, an_owner = an_hashes[order], an_owner[order]
    sh_sigs = _SHINGLE_HASHER.signatures(batch.shingles, batch.shingle_owner, n)
    an_sigs = _ANCHOR_HASHER.signatures(an_hashes, an_owner, n)
    keys = np.concatenate((_SHINGLE_HASHER.band_keys(sh_sigs), _ANCHOR_HASHER.band_keys(an_sigs)), axis=1)
    small = np.concatenate((sh_sigs, an_sigs), axis=1).astype(np.uint8)  # keeps the low byte
    hashes = ""
    if simhash or keep_features:
        edges = np.searchsorted(batch.shingle_owner, np.arange(n + 1))
    out = []
    for i, (f, row) in enumerate(zip(feats, keys.tolist())):
        if simhash:
            hashes = f"{simhash_bits(distinct(batch.shingles[edges[i]:edges[i + 1]])):016x}"
        if keep_features:
            f.shingle_source = batch.shingles[edges[i]:edges[i + 1]]
        out.append(Prepared(row, f.sentence_keys, hashes, small[i].tobytes(), f if keep_features else None,
                            f.lead_keys))
    return out


class Member(NamedTuple):
    """One indexed record. A tuple of strings and an int: the garbage collector stops tracking it,
    so a large index does not make every collection slower."""

    rid: str
    cluster: str
    rep: str
    sha256: str
    text: int  # handle of the normalized text in the index's TextStore


# Stored band keys are only valid for the signature scheme that made them; a state file written
# under another scheme has its keys recomputed from the stored texts when it is loaded.
SCHEME = f"oph{SHINGLE_PERM}x{SHINGLE_BANDS}+minhash{ANCHOR_PERM}x{ANCHOR_BANDS}+bytes3"


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


class LinkStore:
    """Persistence of the copy index in SQLite (the run's state file)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.execute("CREATE TABLE IF NOT EXISTS link_docs (rid TEXT PRIMARY KEY, cluster TEXT, rep TEXT, "
                   "sha256 TEXT, text BLOB, keys BLOB, sig BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS link_meta (name TEXT PRIMARY KEY, value TEXT)")
        # a member's source.url, as the id of the record it names (see CopyIndex.originals)
        db.execute("CREATE TABLE IF NOT EXISTS link_sources (rid TEXT PRIMARY KEY, source TEXT)")
        row = db.execute("SELECT value FROM link_meta WHERE name = 'scheme'").fetchone()
        self.stale = row is not None and row[0] != SCHEME or (
            row is None and db.execute("SELECT 1 FROM link_docs LIMIT 1").fetchone() is not None)
        db.execute("INSERT OR REPLACE INTO link_meta VALUES ('scheme', ?)", (SCHEME,))

    def load(self):
        """(rid, cluster, rep, sha256, compressed text, keys, sig) of each member, oldest first;
        signatures made under another scheme are recomputed (and stored again)."""
        rows = self.db.execute("SELECT rid, cluster, rep, sha256, text, keys, sig FROM link_docs ORDER BY rowid")
        for rid, cluster, rep, sha, text, blob, sig in rows.fetchall() if self.stale else rows:
            if self.stale:
                prepared = prepare(unpack_text(text))
                blob, sig = struct.pack(f"<{len(prepared.keys)}q", *prepared.keys), prepared.sig
                self.db.execute("UPDATE link_docs SET keys = ?, sig = ? WHERE rid = ?", (blob, sig, rid))
            yield rid, cluster, rep, sha, text, blob, sig or b""
        self.stale = False

    def save(self, m: Member, prepared: Prepared, text: str) -> None:
        keys = prepared.keys
        self.db.execute("INSERT OR REPLACE INTO link_docs VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (m.rid, m.cluster, m.rep, m.sha256, pack_text(text), struct.pack(f"<{len(keys)}q", *keys),
                         prepared.sig))

    def save_source(self, rid: str, source: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO link_sources VALUES (?, ?)", (rid, source))

    def sources(self) -> list[tuple[str, str]]:
        """(member id, id of the record its source.url names) of each member that named one."""
        return self.db.execute("SELECT rid, source FROM link_sources ORDER BY rowid").fetchall()


_M_MMAP_THRESHOLD = -3  # glibc mallopt parameter
_heap_bounded = False


def _map_large_allocations() -> None:
    """Serve allocations over 128 KiB from their own mappings for the rest of the process (glibc).

    By default glibc raises that threshold each time a large block is freed, up to 32 MiB, after
    which the index's merge temporaries come from the heap and their freed space stays in the
    process's RSS. Pinning it returns them to the system: 20,000 linked records then add ~61 MB
    instead of ~83 MB. A no-op where the C library has no mallopt."""
    global _heap_bounded
    if _heap_bounded:
        return
    _heap_bounded = True
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):
        pass


def _source_id(record: ArticleRecord) -> str | None:
    """The id the record of the original would have, when this one's source.url names it."""
    source = getattr(record, "source", None)
    url = getattr(source, "url", None)
    if not url or not url.startswith(("http://", "https://")):
        return None
    rid = record_id(url)
    return rid if rid != record.id else None


class CopyIndex:
    """Streaming copy index: link(record) returns the record with its `duplicate` group filled in.

    `store` persists it: LinkStore (SQLite, loaded at start) or redis_link.RedisLinkStore (shared
    by several machines, asked on every link)."""

    def __init__(self, store: LinkStore | None = None, cache_size: int = 512) -> None:
        _map_large_allocations()
        self.bands = BandIndex()
        self.texts = TextStore()
        self.members: list[Member] = []
        self.by_rid: dict[str, int] = {}
        self.by_sha: dict[str, int] = {}
        self.store = store
        self._cache: OrderedDict[int, Features] = OrderedDict()
        self._sentences = SentenceCounts()
        self._leads: dict[int, int] = {}  # sentence key of a text's opening -> first member with it
        self._known_sentences: dict[int, int] | None = None  # set while link_many runs
        self.boilerplate: set[int] = self._sentences.boilerplate
        self._cache_size = cache_size
        self._sigs = np.zeros((0, SIG_BYTES), dtype=np.uint8)  # per member: see SIG_BYTES
        self._sig_known = np.zeros(0, dtype=bool)
        # where the time goes (seconds) and how many candidates were verified, for benchmarks
        self.costs = {"lookup": 0.0, "verify": 0.0, "index": 0.0, "candidates": 0}
        # The publisher's original of a cluster: a member whose address a copy's source.url names.
        # From then on it is the cluster's representative (`of`), however late it came.
        self.originals: dict[str, str] = {}  # cluster -> the original's record id
        self._named: dict[str, str] = {}  # record id a member's source.url names -> that member's cluster
        if store is not None:
            for row in store.load():
                self._add_stored(*row)
            self.bands.merge()
            for rid, source in getattr(store, "sources", list)():
                if rid in self.by_rid:
                    self._note_source(self.members[self.by_rid[rid]].cluster, source)

    def __len__(self) -> int:
        return len(self.members)

    def close(self) -> None:
        """Drop the texts' temporary file (the persistent store, if any, is its owner's to close)."""
        self.texts.close()

    def _note_source(self, cluster: str, source: str) -> None:
        """A member of `cluster` names the record `source` as its original."""
        self._named.setdefault(source, cluster)
        idx = self.by_rid.get(source)
        if idx is not None and self.members[idx].cluster == cluster:
            self.originals.setdefault(cluster, source)

    def _rep(self, cluster: str, rep: str) -> str:
        return self.originals.get(cluster, rep) if self.originals else rep

    def _add_stored(self, rid: str, cluster: str, rep: str, sha: str, packed: bytes, blob: bytes,
                    sig: bytes) -> None:
        text = unpack_text(packed)
        keys = list(struct.unpack(f"<{len(blob) // 8}q", blob))
        features = Features(text)
        self._add(Member(rid, cluster, rep, sha, self.texts.add(text.encode("utf-8"))), keys,
                  features.sentence_keys, sig, features.lead_keys)

    def _add(self, member: Member, keys: list[int] | None, sentence_keys: list[int], sig: bytes = b"",
             lead_keys: list[int] = ()) -> int:
        idx = self.by_rid.get(member.rid)
        if idx is None:
            idx = len(self.members)
            self.members.append(member)
            self.by_rid[member.rid] = idx
        else:
            self.members[idx] = member
            self._cache.pop(idx, None)
        if idx >= len(self._sigs):
            grown = np.zeros((max(1024, 2 * len(self._sigs)), SIG_BYTES), dtype=np.uint8)
            grown[:len(self._sigs)] = self._sigs
            self._sigs, self._sig_known = grown, np.concatenate((self._sig_known, np.zeros(len(grown) - len(self._sig_known), dtype=bool)))
        if len(sig) == SIG_BYTES:
            self._sigs[idx] = np.frombuffer(sig, dtype=np.uint8)
        self._sig_known[idx] = len(sig) == SIG_BYTES
        self.by_sha.setdefault(member.sha256, idx)
        self._count_sentences(member, sentence_keys)
        for key in lead_keys:
            self._leads.setdefault(key, idx)
        if keys is not None:
            self.bands.add(keys, idx)
        return idx

    def _count_sentences(self, member: Member, sentence_keys: list[int]) -> None:
        self._sentences.add(sentence_keys, member.cluster, self._known_sentences)

    def _features(self, idx: int) -> Features:
        f = self._cache.get(idx)
        if f is None:
            f = Features(self.texts.get(self.members[idx].text).decode("utf-8"))
            self._cache[idx] = f
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(idx)
        return f

    def _candidates(self, keys: list[int], own: int | None) -> list[int]:
        """Members whose shared bands weigh CANDIDATE_WEIGHT or more (see there)."""
        return [m for m, hits in self.bands.lookup(keys).items() if hits >= CANDIDATE_WEIGHT and m != own]

    def _lead_candidates(self, lead_keys: list[int], own: int | None) -> set[int]:
        """Members whose opening shares a sentence with this text's (Features.lead_keys)."""
        leads = self._leads
        found = {leads.get(key, -1) for key in lead_keys if key not in self.boilerplate}
        found.discard(-1)
        found.discard(own)  # type: ignore[arg-type]
        return found

    def _remote_candidates(self, keys: list[int], sha256: str) -> None:
        if not getattr(self.store, "remote", False):
            return
        rids = self.store.candidates(keys)  # type: ignore[union-attr]
        first = self.store.by_sha(sha256)  # type: ignore[union-attr]
        if first:
            rids.add(first)
        missing = [rid for rid in rids if rid not in self.by_rid]
        if missing:  # members another machine stored: add them to the local index
            for row in self.store.fetch(missing):  # type: ignore[union-attr]
                self._add_stored(*row)

    def _plausible(self, candidates, sig: bytes) -> list[int]:
        """The candidates whose b-bit MinHash estimates reach ESTIMATE_SHINGLES or ESTIMATE_ANCHORS
        (all of them when either side has no signature)."""
        idx = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
        if len(sig) != SIG_BYTES:
            return idx.tolist()
        same = self._sigs[idx] == np.frombuffer(sig, dtype=np.uint8)
        chance = 1 / 256
        shingles = (same[:, :SHINGLE_PERM].mean(axis=1) - chance) / (1 - chance)
        anchors = (same[:, SHINGLE_PERM:].mean(axis=1) - chance) / (1 - chance)
        keep = (shingles >= ESTIMATE_SHINGLES) | (anchors >= ESTIMATE_ANCHORS) | ~self._sig_known[idx]
        return idx[keep].tolist()

    def _best(self, text: str, sha256: str, own: int | None, candidates,
              features: Features | None = None, sig: bytes = b"", leads: set[int] = frozenset()
              ) -> tuple[int, str, float]:
        exact = self.by_sha.get(sha256)
        if exact is not None and exact != own:
            return exact, "exact", 1.0
        if candidates:
            candidates = self._plausible(candidates, sig)
        if leads:
            candidates = leads.union(candidates)
        if not candidates:
            return -1, "none", 0.0
        started = time.perf_counter()
        self.costs["candidates"] += len(candidates)
        f = features if features is not None else Features(text)
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
        self.costs["verify"] += time.perf_counter() - started
        return best[1:] if best else (-1, "none", 0.0)

    def link_many(self, records: list[ArticleRecord], prepared: list[Prepared] | None = None) -> list[ArticleRecord]:
        """link() for many records, in order, with the same results: the band lookups of the whole
        batch are done at once (against the stored runs, and among the batch's own records), so the
        per-record work left is verification and bookkeeping. A shared Redis index links one by one."""
        prepared = prepared if prepared is not None else prepare_many([r.text for r in records], keep_features=True)
        if len(records) < 2 or getattr(self.store, "remote", False):
            return [self.link(r, p) for r, p in zip(records, prepared)]
        with _no_gc():
            return self._link_many(records, prepared)

    def _link_many(self, records: list[ArticleRecord], prepared: list[Prepared]) -> list[ArticleRecord]:
        self.bands.merge()  # every member already indexed is now in a run
        keys = np.array([p.keys for p in prepared], dtype=np.int64)
        started = time.perf_counter()
        self._known_sentences = self._sentences.in_arrays([k for p in prepared for k in p.sentence_keys])
        try:
            return self._link_batch(records, prepared, keys, started)
        finally:
            self._known_sentences = None
            self._sentences.flush()

    def _link_batch(self, records: list[ArticleRecord], prepared: list[Prepared], keys: np.ndarray,
                    started: float) -> list[ArticleRecord]:
        older = self._grouped(*self._older_hits(keys), len(records))
        within = self._grouped(*self._batch_hits(keys), len(records))
        self.costs["lookup"] += time.perf_counter() - started
        member_at = [-1] * len(records)
        out: list[ArticleRecord] = []
        for i, (record, prep) in enumerate(zip(records, prepared)):
            own = self.by_rid.get(record.id)
            if own is not None and self.members[own].sha256 == record.fingerprint.sha256:
                m = self.members[own]
                out.append(self._with(record, m.cluster, self._rep(m.cluster, m.rep),
                                      "first" if m.rep == record.id else "exact", 1.0))
                continue
            candidates = set(older[i])
            candidates.update(member_at[j] for j in within[i] if member_at[j] >= 0)
            candidates.discard(own)  # type: ignore[arg-type]
            out.append(self._link_to(record, prep, own, candidates, self._lead_candidates(prep.lead_keys, own)))
            member_at[i] = self.by_rid[record.id]
        added = [i for i, m in enumerate(member_at) if m >= 0]
        started = time.perf_counter()
        self.bands.add_run(keys[added].ravel(),
                           np.repeat(np.array([member_at[i] for i in added], dtype=np.int32), keys.shape[1]))
        self.costs["index"] += time.perf_counter() - started
        return out

    def _older_hits(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(record row, member, band weight) of each band the batch shares with indexed members."""
        positions, members = self.bands.probe_runs(keys)
        return positions // keys.shape[1], members.astype(np.int64), _weights(positions % keys.shape[1])

    @staticmethod
    def _batch_hits(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(later row, earlier row, band weight) of each band two records of the batch share."""
        flat = keys.ravel()
        order = np.argsort(flat, kind="stable")  # equal keys together, in record order
        sk = flat[order]
        gstart = np.flatnonzero(np.concatenate(([True], sk[1:] != sk[:-1])))
        gsize = np.diff(np.append(gstart, len(sk)))
        pairs = gstart[gsize == 2]  # the usual case: two records share the band
        later, earlier = [order[pairs + 1]], [order[pairs]]
        for start, size in zip(gstart[gsize > 2].tolist(), gsize[gsize > 2].tolist()):
            rows = order[start:start + size]  # every (later, earlier) pair of a bigger bucket
            for a in range(1, size):
                later.append(np.full(a, rows[a]))
                earlier.append(rows[:a])
        lat, ear = np.concatenate(later), np.concatenate(earlier)
        k = keys.shape[1]
        return lat // k, ear // k, _weights(lat % k)

    @staticmethod
    def _grouped(rows: np.ndarray, others: np.ndarray, weights: np.ndarray, n: int) -> list[list[int]]:
        """Per row, the others whose summed band weights reach CANDIDATE_WEIGHT."""
        out: list[list[int]] = [[] for _ in range(n)]
        if not len(rows):
            return out
        combo = (rows.astype(np.int64) << 32) | others.astype(np.int64)
        order = np.argsort(combo)
        combo, weights = combo[order], weights[order]
        starts = np.flatnonzero(np.concatenate(([True], combo[1:] != combo[:-1])))
        totals = np.add.reduceat(weights, starts)
        kept = combo[starts[totals >= CANDIDATE_WEIGHT]]
        for row, other in zip((kept >> 32).tolist(), (kept & 0xFFFFFFFF).tolist()):
            out[row].append(other)
        return out

    def link(self, record: ArticleRecord, prepared: Prepared | None = None) -> ArticleRecord:
        """The record in its copy cluster; `prepared` (from `prepare(record.text)`) saves the work here."""
        own = self.by_rid.get(record.id)
        if own is not None and self.members[own].sha256 == record.fingerprint.sha256:
            m = self.members[own]  # seen before with the same text (a re-crawl): keep its group
            return self._with(record, m.cluster, self._rep(m.cluster, m.rep),
                              "first" if m.rep == record.id else "exact", 1.0)
        prepared = prepared or prepare(record.text)
        self._remote_candidates(prepared.keys, record.fingerprint.sha256)
        out = self._link_to(record, prepared, own, self._candidates(prepared.keys, own),
                            self._lead_candidates(prepared.lead_keys, own))
        self.bands.add(prepared.keys, self.by_rid[record.id])
        return out

    def _link_to(self, record: ArticleRecord, prepared: Prepared, own: int | None, candidates,
                 leads: set[int] = frozenset()) -> ArticleRecord:
        """Decide the record's cluster among the candidates (and the members whose opening it shares,
        `leads`) and add it as a member (its band keys are the caller's to index)."""
        idx, kind, similarity = self._best(record.text, record.fingerprint.sha256, own, candidates,
                                           prepared.features, prepared.sig, leads)
        if idx < 0:
            cluster, rep, kind, similarity = record.id, record.id, "first", 1.0
        else:
            cluster, rep = self.members[idx].cluster, self.members[idx].rep
            if self._named.get(record.id) == cluster:  # copies in the cluster name this record their original
                self.originals.setdefault(cluster, record.id)
        source = _source_id(record)
        if source is not None:
            self._note_source(cluster, source)
            if hasattr(self.store, "save_source"):
                self.store.save_source(record.id, source)  # type: ignore[union-attr]
        if idx >= 0:
            rep = self._rep(cluster, rep)
        member = Member(record.id, cluster, rep, record.fingerprint.sha256,
                        self.texts.add(record.text.encode("utf-8")))
        self._add(member, None, prepared.sentence_keys, prepared.sig, prepared.lead_keys)
        if self.store is not None:
            self.store.save(member, prepared, record.text)
        return self._with(record, cluster, rep, kind, similarity)

    @staticmethod
    def _with(record: ArticleRecord, cluster: str, rep: str, kind: str, similarity: float) -> ArticleRecord:
        of = None if kind == "first" else rep
        # our own values (a kind from RANK or "first", a similarity in [0, 1]): no validation needed
        from schemas.article import Duplicate

        dup = Duplicate.model_construct(cluster_id=cluster, kind=kind, of=of, similarity=similarity)
        return record.model_copy(update={"duplicate": dup})
