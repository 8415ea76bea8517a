"""jusText's stop words of every language, kept in the cache: a later process reads them from there,
not from jusText's files, and builds the same set trafilatura's fallback then finds cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from justext.core import define_stoplist
from justext.utils import get_stoplist, get_stoplists
from trafilatura import external

from pipelines import stopwords


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new process's state: trafilatura has read no stop words yet; the cache folder is empty."""
    monkeypatch.setenv("SPLOG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    return tmp_path / "cache" / "justext-stop-words.bin"


def every_language() -> frozenset[str]:
    return frozenset(w for language in get_stoplists() for w in get_stoplist(language))


def test_the_words_are_kept_and_read_back_without_jusTexts_files(fresh, monkeypatch):
    first = stopwords.load_stop_words()
    assert first == every_language() and len(first) > 100_000
    assert fresh.exists()
    monkeypatch.setattr(external, "JT_STOPLIST", None)  # a later process

    def no_files() -> tuple:
        raise AssertionError("jusText's files read again")

    monkeypatch.setattr(external, "jt_stoplist_init", no_files)
    again = stopwords.load_stop_words()
    assert again == first
    # trafilatura's fallback asks for the set of its list: the one just built, from jusText's cache
    assert define_stoplist(external.JT_STOPLIST) is again


@pytest.mark.parametrize("content", [b"", b"splog-cache1\n\x00\x00\x00\x00garbage"])
def test_a_damaged_file_is_replaced(fresh, monkeypatch, content):
    fresh.parent.mkdir(parents=True)
    fresh.write_bytes(content)
    assert stopwords.load_stop_words() == every_language()
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    monkeypatch.setattr(external, "jt_stoplist_init", lambda: pytest.fail("not read from the new file"))
    assert stopwords.load_stop_words() == every_language()


def test_caching_off_reads_jusTexts_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SPLOG_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(external, "JT_STOPLIST", None)
    assert stopwords.load_stop_words() == every_language()
    assert list(tmp_path.iterdir()) == []
