"""The language model's uncompressed copy in the cache: same answers as py3langid's packaged model,
and every way the copy can fail falls back to the packaged model."""

from __future__ import annotations

from pathlib import Path

import pytest
from py3langid.langid import LanguageIdentifier

from pipelines import langmodel

TEXTS = [
    "The harbour board approved the dredging plan for the northern quay on Monday evening.",
    "Der Hafenrat hat am Montagabend den Plan zum Ausbaggern des nördlichen Kais genehmigt.",
    "El consejo del puerto aprobó el lunes por la noche el plan de dragado del muelle norte.",
    "Le conseil du port a approuvé lundi soir le plan de dragage du quai nord de la ville.",
    "Совет порта в понедельник вечером одобрил план углубления северного причала.",
]


@pytest.fixture(scope="module")
def packaged() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(langmodel.packaged_model())


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPLOG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(langmodel, "_IDENTIFIER", None)
    return tmp_path / "cache"


def answers(ident: LanguageIdentifier) -> list[tuple[str, float]]:
    return [ident.classify(text) for text in TEXTS]


def test_the_copy_is_written_once_and_answers_like_the_packaged_model(fresh_cache, packaged):
    first = langmodel.identifier()
    copy = langmodel.cached_copy_path()
    assert copy is not None and copy.parent == fresh_cache and copy.stat().st_size > 10_000_000
    assert answers(first) == answers(packaged)
    assert [code for code, _score in answers(first)] == ["en", "de", "es", "fr", "ru"]
    stamp = copy.stat().st_mtime_ns
    second = langmodel._load()  # a later process: reads the copy, does not write it again
    assert copy.stat().st_mtime_ns == stamp
    assert answers(second) == answers(packaged)


def test_a_damaged_copy_is_replaced_and_the_packaged_model_used(fresh_cache, packaged):
    copy = langmodel.cached_copy_path()
    copy.parent.mkdir(parents=True)
    copy.write_bytes(b"not a numpy archive")
    assert answers(langmodel._load()) == answers(packaged)
    assert not copy.exists()  # removed, so the next process writes a good one
    assert answers(langmodel._load()) == answers(packaged) and copy.stat().st_size > 10_000_000


def test_an_unwritable_cache_directory_falls_back(tmp_path, monkeypatch, packaged):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SPLOG_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: mkdir fails
    assert answers(langmodel._load()) == answers(packaged)
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.parametrize("value", ["off", ""])
def test_caching_off_writes_nothing(tmp_path, monkeypatch, value):
    monkeypatch.setenv("SPLOG_CACHE_DIR", value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert langmodel.cache_dir() is None and langmodel.cached_copy_path() is None
    assert langmodel._load().classify(TEXTS[1])[0] == "de"
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("SPLOG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert langmodel.cache_dir() == tmp_path / "splog"


def test_only_the_newest_copies_are_kept(fresh_cache, packaged):
    # each fresh install of py3langid (a CI job's new environment) names a new 68 MB copy
    import os

    fresh_cache.mkdir(parents=True)
    stale = [fresh_cache / f"py3langid-0.0.{n}-1-1.npz" for n in range(3)]
    for n, path in enumerate(stale):
        path.write_bytes(b"an older copy")
        os.utime(path, ns=(1_000_000_000 * (n + 1), 1_000_000_000 * (n + 1)))
    assert answers(langmodel.identifier()) == answers(packaged)
    kept = sorted(p.name for p in fresh_cache.glob("py3langid-*.npz"))
    assert kept == sorted([langmodel.cached_copy_path().name, stale[2].name])


def test_the_copy_maps_its_big_arrays_instead_of_reading_them(fresh_cache, packaged):
    import numpy as np

    langmodel.identifier()
    ident = langmodel._load()  # from the copy
    assert isinstance(ident.nb_ptc, np.memmap) and isinstance(ident.tk_nextmove, memoryview)
    assert answers(ident) == answers(packaged)
