"""The copy index shared through Redis, for one job spread over several machines.

Layout (prefix `splog:link:` by default): `doc:<rid>` hash (cluster, rep, sha256, text, keys, sig, scheme),
`band:<key>` set of rids, `sha:<sha256>` the first rid with that text. Each link costs one pipelined
round trip for all band keys (plus one to fetch members this process has not seen yet), so every
machine sees the others' records as soon as they are written.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

import redis

from pipelines.linking import SCHEME, Member, Prepared, pack_text, prepare, unpack_text


class RedisLinkStore:
    """LinkStore backed by Redis; the CopyIndex asks it for remote candidates on every link."""

    remote = True

    def __init__(self, url: str, prefix: str = "splog:link:") -> None:
        self.r = redis.Redis.from_url(url)
        self.p = prefix
        self.r.ping()  # fail early, with the client's message, when the server is unreachable

    def load(self) -> Iterator[tuple]:
        return iter(())  # nothing is preloaded: members are fetched when a band points at them

    def save(self, m: Member, prepared: Prepared, text: str) -> None:
        keys = prepared.keys
        pipe = self.r.pipeline(transaction=False)
        pipe.hset(f"{self.p}doc:{m.rid}", mapping={
            "cluster": m.cluster, "rep": m.rep, "sha256": m.sha256, "text": pack_text(text),
            "keys": struct.pack(f"<{len(keys)}q", *keys), "sig": prepared.sig, "scheme": SCHEME})
        for key in keys:
            pipe.sadd(f"{self.p}band:{key}", m.rid)
        pipe.setnx(f"{self.p}sha:{m.sha256}", m.rid)
        pipe.execute()

    def candidates(self, keys: list[int]) -> set[str]:
        pipe = self.r.pipeline(transaction=False)
        for key in keys:
            pipe.smembers(f"{self.p}band:{key}")
        found: set[str] = set()
        for members in pipe.execute():
            found.update(m.decode() for m in members)
        return found

    def by_sha(self, sha256: str) -> str | None:
        rid = self.r.get(f"{self.p}sha:{sha256}")
        return rid.decode() if rid else None

    def fetch(self, rids: list[str]) -> list[tuple]:
        """(rid, cluster, rep, sha256, compressed text, keys blob, sig) of each stored member;
        signatures made under another scheme are recomputed from the text."""
        pipe = self.r.pipeline(transaction=False)
        for rid in rids:
            pipe.hgetall(f"{self.p}doc:{rid}")
        out = []
        for rid, doc in zip(rids, pipe.execute()):
            if doc:
                blob, sig = doc[b"keys"], doc.get(b"sig", b"")
                if doc.get(b"scheme", b"").decode() != SCHEME:
                    prepared = prepare(unpack_text(doc[b"text"]))
                    blob, sig = struct.pack(f"<{len(prepared.keys)}q", *prepared.keys), prepared.sig
                out.append((rid, doc[b"cluster"].decode(), doc[b"rep"].decode(), doc[b"sha256"].decode(),
                            doc[b"text"], blob, sig))
        return out
