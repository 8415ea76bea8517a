"""Where splog keeps files it can rebuild (the language model's uncompressed copy, the rules'
compiled patterns): `SPLOG_CACHE_DIR`, else `$XDG_CACHE_HOME/splog`, else `~/.cache/splog`;
`SPLOG_CACHE_DIR=off` keeps nothing on disk."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The folder; None when caching is off."""
    chosen = os.environ.get("SPLOG_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "none", "0") else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "splog"
