"""State between runs: what each blog and post looked like last time (SQLite by default).

The interface is small so that a shared backend (Redis) can implement it for multi-machine jobs.
Writes are batched and committed by the exporter right after it has flushed and fsynced the
records they describe, so the state never claims a record the output does not hold.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS blogs (
    url TEXT PRIMARY KEY, platform TEXT, name TEXT, ui_language TEXT, api_root TEXT,
    newest_updated TEXT, last_crawl TEXT, sitemaps TEXT, feed TEXT, ids TEXT);
CREATE TABLE IF NOT EXISTS posts (
    canonical_url TEXT PRIMARY KEY, blog_url TEXT, record_id TEXT, sha256 TEXT,
    updated TEXT, lastmod TEXT, seen_at TEXT);
"""


class LockedError(RuntimeError):
    """Another run holds the state lock."""


@dataclass(slots=True)
class BlogState:
    url: str
    platform: str
    name: str | None = None
    ui_language: str | None = None
    api_root: str | None = None  # WordPress: its REST root; a generic site: the feed its home page names
    newest_updated: str | None = None
    last_crawl: str | None = None
    # the sitemaps that listed its posts (one a line), found at /sitemap.xml or through robots.txt:
    # asked for first on the next run, so a sitemap robots.txt names costs no 404 and no search
    sitemaps: str | None = None
    # WordPress whose REST API is closed to visitors: the RSS feed that gave its posts instead, read
    # first on the next run (no 401 from the API and no home page to find it again)
    feed: str | None = None
    # the operator ids its home page held ("kind id" a line: pipelines/operator_ids.py), given to the
    # posts of a later run that does not read the home page; None: not read
    ids: str | None = None


@dataclass(slots=True)
class PostState:
    canonical_url: str
    blog_url: str
    record_id: str
    sha256: str
    updated: str | None = None
    lastmod: str | None = None
    seen_at: str | None = None


class StateStore:
    """Interface: blogs and posts by key; batched writes committed by `commit()`."""

    def get_blog(self, url: str) -> BlogState | None: raise NotImplementedError
    def put_blog(self, blog: BlogState) -> None: raise NotImplementedError
    def get_post(self, canonical_url: str) -> PostState | None: raise NotImplementedError
    def put_post(self, post: PostState) -> None: raise NotImplementedError
    def commit(self) -> None: raise NotImplementedError
    def close(self) -> None: raise NotImplementedError


class SQLiteState(StateStore):
    """One SQLite file (WAL journal), guarded by an exclusive lock file beside it."""

    def __init__(self, path: str | Path, lock: bool = True) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fh = None
        if lock:
            self._lock_fh = open(str(self.path) + ".lock", "a+")  # noqa: SIM115 - held for the run
            try:
                fcntl.flock(self._lock_fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._lock_fh.close()
                raise LockedError(f"another run holds the state lock {self.path}.lock") from None
        self.db = sqlite3.connect(self.path, isolation_level="DEFERRED")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(blogs)")}
        for column in ("sitemaps", "feed", "ids"):  # (a state file from before these were kept)
            if column not in columns:
                self.db.execute(f"ALTER TABLE blogs ADD COLUMN {column} TEXT")

    def get_blog(self, url: str) -> BlogState | None:
        row = self.db.execute("SELECT url, platform, name, ui_language, api_root, newest_updated, last_crawl, "
                              "sitemaps, feed, ids FROM blogs WHERE url = ?", (url,)).fetchone()
        return BlogState(*row) if row else None

    def put_blog(self, blog: BlogState) -> None:
        self.db.execute("INSERT OR REPLACE INTO blogs (url, platform, name, ui_language, api_root, newest_updated, "
                        "last_crawl, sitemaps, feed, ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (blog.url, blog.platform, blog.name, blog.ui_language, blog.api_root,
                         blog.newest_updated, blog.last_crawl, blog.sitemaps, blog.feed, blog.ids))

    def get_post(self, canonical_url: str) -> PostState | None:
        row = self.db.execute("SELECT canonical_url, blog_url, record_id, sha256, updated, lastmod, seen_at "
                              "FROM posts WHERE canonical_url = ?", (canonical_url,)).fetchone()
        return PostState(*row) if row else None

    def put_post(self, post: PostState) -> None:
        self.db.execute("INSERT OR REPLACE INTO posts VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (post.canonical_url, post.blog_url, post.record_id, post.sha256, post.updated,
                         post.lastmod, post.seen_at))

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        if self.db is None:
            return
        self.db.commit()
        self.db.close()
        self.db = None
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None


def open_state(path: str | None, lock: bool = True) -> StateStore | None:
    return SQLiteState(os.path.expanduser(path), lock=lock) if path else None
