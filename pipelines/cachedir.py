"""Where splog keeps files it can rebuild (the language model's uncompressed copy, the rules'
compiled patterns, jusText's stop words): `SPLOG_CACHE_DIR`, else `$XDG_CACHE_HOME/splog`, else
`~/.cache/splog`; `SPLOG_CACHE_DIR=off` keeps nothing on disk. Values are kept with `marshal`,
framed by a name and a checksum: a damaged, foreign or unreadable file reads as nothing, and a
file that cannot be written is left alone (the caller builds the value as if there were none)."""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
import zlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

_MAGIC = b"splog-cache1\n"  # then the CRC-32 of the rest (4 bytes, big-endian), then the marshalled value


def cache_dir() -> Path | None:
    """The folder; None when caching is off."""
    chosen = os.environ.get("SPLOG_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "none", "0") else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "splog"


def versions_of(*packages: str) -> tuple[str, ...] | None:
    """The installed versions of these packages (what a kept value built with them depends on, for
    its stamp); None when one is not installed."""
    try:
        return tuple(version(name) for name in packages)
    except PackageNotFoundError:
        return None


def read_kept(path: Path, stamp: Any) -> Any:
    """The value write_kept(path, stamp, value) wrote; None when the file is missing, damaged or
    foreign, or was written with another stamp (the versions the value depends on)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC)
    body = data[head + 4:]
    if data[:head] != _MAGIC or zlib.crc32(body).to_bytes(4, "big") != data[head:head + 4]:
        logger.info("cached %s damaged or foreign; building it anew", path)
        return None
    try:
        kept_stamp, value = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    return value if kept_stamp == stamp else None


def write_kept(path: Path, stamp: Any, value: Any) -> bool:
    """Keep value (of marshal's types) at path, through a temporary name: a process reading it
    meanwhile sees the old file or the new one, whole. False when it could not be written."""
    body = marshal.dumps((stamp, value))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(_MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)
        os.replace(tmp, path)
        return True
    except OSError as exc:
        logger.info("cannot keep %s in %s: %s", path.name, path.parent, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
