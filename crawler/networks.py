"""`splog networks`: the blogs one operator runs, found in one or many runs' records by the operator
ids they share (an AdSense account, an analytics property, a Blogger profile, a Gravatar), joined
transitively: blog A and B share an AdSense id, B and C an analytics id, so A, B and C are one network.

An id found only in a post's body does not join blogs: a copied article may carry its original's
(an affiliate tag, an ad unit), which says who wrote the article, not who runs the blog.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from pipelines.rules import site_host


LINKS_LISTED = 20  # the hosts a network's line names


class _Sets:
    """Union-find over blog URLs."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:  # (path compression)
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Tally:
    """What the records say about each blog and each id, read line by line."""

    def __init__(self) -> None:
        self.records: Counter[str] = Counter()  # blog URL -> its records
        self.platform: dict[str, str] = {}
        self.ids: dict[tuple[str, str], set[str]] = {}  # (kind, id) -> the blogs that carry it (not in a body alone)
        self.links: dict[str, set[str]] = {}  # blog URL -> the hosts its records' outlinks point at
        self.lines = 0
        self.unread = 0  # lines that are not a record with a blog (another tool's, a torn last line)

    def read(self, stream: Iterable[str]) -> None:
        for line in stream:
            if not line.strip():
                continue
            self.lines += 1
            try:
                record = json.loads(line)
                blog = record["blog"]["url"]
            except (ValueError, KeyError, TypeError):
                self.unread += 1
                continue
            if not isinstance(blog, str) or not blog:
                self.unread += 1
                continue
            self.records[blog] += 1
            self.platform.setdefault(blog, str(record["blog"].get("platform") or "generic"))
            hosts = {site_host(o["url"]) for o in record.get("outlinks") or () if isinstance(o, dict)
                     and isinstance(o.get("url"), str)} - {""}
            if hosts:
                self.links.setdefault(blog, set()).update(hosts)
            for found in record.get("operator_ids") or ():
                if not isinstance(found, dict) or set(found.get("where") or ()) <= {"body"}:
                    continue
                self.ids.setdefault((str(found.get("kind")), str(found.get("id"))), set()).add(blog)

    def networks(self, singles: bool = False) -> Iterator[dict[str, Any]]:
        """Each network, the most blogs first (then the most records): its blogs, the ids two or more
        of them share (the evidence), its records and platforms. `singles`: a blog that shares no id
        too (a network of one)."""
        sets = _Sets()
        for blogs in self.ids.values():
            first = min(blogs)
            for blog in blogs:
                sets.union(first, blog)
        members: dict[str, list[str]] = {}
        for blog in self.records:
            members.setdefault(sets.find(blog), []).append(blog)
        shared: dict[str, list[tuple[tuple[str, str], int]]] = {}
        for key, blogs in self.ids.items():
            if len(blogs) > 1:
                shared.setdefault(sets.find(next(iter(blogs))), []).append((key, len(blogs)))
        groups = [sorted(blogs) for blogs in members.values() if singles or len(blogs) > 1]
        groups.sort(key=lambda g: (-len(g), -sum(self.records[b] for b in g), g[0]))
        for number, blogs in enumerate(groups, 1):
            evidence = sorted(shared.get(sets.find(blogs[0]), []), key=lambda item: (-item[1], item[0]))
            linked = Counter(host for b in blogs for host in self.links.get(b, ()))
            yield {"network": number, "blog_count": len(blogs), "records": sum(self.records[b] for b in blogs),
                   "blogs": blogs, "platforms": dict(Counter(self.platform[b] for b in blogs).most_common()),
                   "ids": [{"kind": kind, "id": value, "blog_count": count} for (kind, value), count in evidence],
                   # the sites two or more of its blogs link to (what a link network is there to promote)
                   "links_to": [{"host": host, "blog_count": count} for host, count in
                                sorted(linked.items(), key=lambda item: (-item[1], item[0])) if count > 1][:LINKS_LISTED]}


def write_networks(tally: Tally, out: TextIO, singles: bool = False) -> int:
    count = 0
    for network in tally.networks(singles):
        out.write(json.dumps(network, ensure_ascii=False) + "\n")
        count += 1
    return count


def read_paths(tally: Tally, paths: list[str]) -> None:
    for path in paths:
        if path == "-":
            tally.read(sys.stdin)
        else:
            with open(path, encoding="utf-8", errors="replace") as fh:
                tally.read(fh)
