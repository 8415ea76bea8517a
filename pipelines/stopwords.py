"""The stop words of every jusText language, which trafilatura's jusText fallback reads a page of
no given language with, read from the cache folder (pipelines/cachedir.py).

The extraction forkserver builds them once, before it forks any worker (pipelines/preload.py: built
in a worker mid-crawl, they raised its memory by ~33 MB). jusText keeps them in ~100 files: reading
and lower-casing them takes ~0.07 s, on the way to the first extracted page of every crawl; the
154,000 words read back from one file take ~0.02 s. The file's stamp holds jusText's and
trafilatura's versions."""

from __future__ import annotations

from justext.core import define_stoplist
from trafilatura import external

from pipelines.cachedir import cache_dir, read_kept, versions_of, write_kept


def load_stop_words() -> frozenset[str]:
    """Set trafilatura's list of every language's stop words (from the cache when it has them,
    written there otherwise) and build jusText's set of them, which it keeps for later pages."""
    folder, stamp = cache_dir(), versions_of("justext", "trafilatura")
    path = folder / "justext-stop-words.bin" if folder is not None and stamp is not None else None
    words = read_kept(path, stamp) if path is not None else None
    if isinstance(words, tuple) and words and all(isinstance(w, str) for w in words[:100]):
        external.JT_STOPLIST = words
    else:
        words = external.jt_stoplist_init()
        if path is not None:
            write_kept(path, stamp, words)
    # (what try_justext asks for when the page's language is not given: the same tuple, so that
    # jusText's cache of its lower-cased set answers)
    return define_stoplist(external.JT_STOPLIST)
