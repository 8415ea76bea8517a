"""py3langid's language model, loaded from an uncompressed copy in the user's cache.

py3langid ships its model as an LZMA-compressed NumPy archive (4.5 MB, 68 MB inside). Decompressing
it takes ~0.6 s of CPU, in the forkserver of every crawl, at the moment the crawl is starting up and
needs the cores most. The first run writes the decompressed archive to the cache directory; later
runs map its two big arrays from the file (~0.01 s, and the crawl's processes share those pages)
and read the small ones. The directory is pipelines/cachedir.py's. The copy's name carries py3langid's
version and the packaged file's size and time, so an upgrade (or a fresh install) makes a new one;
only the newest KEEP_COPIES stay. Whenever the copy cannot be written or read, the packaged model is
loaded as before.
"""

from __future__ import annotations

import contextlib
import logging
import lzma
import os
import shutil
from array import array
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.cachedir import cache_dir

logger = logging.getLogger(__name__)

_IDENTIFIER: Any = None
_TYPECODES = {2: "H", 4: "I", 8: "L"}  # unsigned item size -> array typecode, as py3langid uses
KEEP_COPIES = 2  # copies of the model kept in the cache folder (the newest; each is 68 MB)


def packaged_model() -> Path:
    from py3langid import langid

    return Path(langid.MODEL_DIR) / langid.MODEL_FILE


def cached_copy_path() -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        stat = packaged_model().stat()
        release = version("py3langid")
    except (OSError, PackageNotFoundError):
        return None
    return folder / f"py3langid-{release}-{stat.st_size}-{stat.st_mtime_ns}.npz"


def identifier() -> Any:
    """The process's py3langid LanguageIdentifier, loaded on first use."""
    global _IDENTIFIER
    if _IDENTIFIER is None:
        _IDENTIFIER = _load()
    return _IDENTIFIER


def _load() -> Any:
    from py3langid.langid import LanguageIdentifier

    path = cached_copy_path()
    if path is not None:
        if not path.exists():
            _write_copy(path)
        if path.exists():
            try:
                return _from_archive(LanguageIdentifier, path)
            except Exception as exc:  # noqa: BLE001 - a damaged or foreign copy: use the packaged model
                logger.info("language model copy %s unreadable (%s); loading the packaged model", path, exc)
                with contextlib.suppress(OSError):
                    path.unlink()
    return LanguageIdentifier.from_model_file(packaged_model())


def _write_copy(path: Path) -> None:
    """Decompress the packaged archive to path (through a temporary name, so that a concurrent
    reader never sees half a file)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with lzma.open(packaged_model()) as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, length=1 << 20)
        os.replace(tmp, path)
        _forget_old_copies(path.parent)
    except (OSError, lzma.LZMAError) as exc:
        logger.info("cannot keep an uncompressed language model in %s: %s", path.parent, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()


def _forget_old_copies(folder: Path) -> None:
    """Remove all but the newest KEEP_COPIES copies: every new install of py3langid (a CI job's fresh
    environment) makes one. A process still mapping a removed copy keeps reading it."""
    copies = sorted(folder.glob("py3langid-*.npz"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in copies[KEEP_COPIES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _as_array(values: Any) -> array:
    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(values.tobytes())
    return out


def _from_archive(cls: Any, path: Path) -> Any:
    """The identifier py3langid's own loader builds, from the same arrays read uncompressed. The two
    big ones (the DFA's transitions, 39 MB, and the per-feature class weights, 28 MB) are mapped
    from the file instead of read: no copy to make at start-up (~0.08 s of the extraction
    forkserver's preload), and the processes of a crawl share the page cache's pages."""
    members = _mapped_members(path)
    nextmove = members["nextmove"]
    if nextmove.dtype.isnative:  # the DFA walk indexes it item by item: a typed view of the mapped bytes
        transitions: Any = memoryview(nextmove).cast("B").cast(_TYPECODES[nextmove.dtype.itemsize])
    else:  # written on a machine of the other byte order: read and converted
        transitions = _as_array(nextmove.astype(nextmove.dtype.newbyteorder("=")))
    return cls(members["ptc"], np.array(members["pc"]), members["classes"].tolist(), transitions,
               members["out_feat"].tolist(), tk_row=_as_array(members["nextmove_row"]))


def _mapped_members(path: Path) -> dict[str, Any]:
    """Each array of an uncompressed .npz (a zip whose members are stored whole) as a read-only map of
    the file's bytes where that member's data lies."""
    import struct
    import zipfile

    out: dict[str, Any] = {}
    with zipfile.ZipFile(path) as archive, open(path, "rb") as fh:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
                raise ValueError(f"{info.filename}: not a stored .npy member")
            fh.seek(info.header_offset)
            local = fh.read(30)
            if local[:4] != b"PK\x03\x04":
                raise ValueError(f"{info.filename}: no local header")
            name_length, extra_length = struct.unpack("<HH", local[26:30])
            fh.seek(info.header_offset + 30 + name_length + extra_length)
            version = np.lib.format.read_magic(fh)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, fortran, dtype = read_header(fh)
            if dtype.hasobject:
                raise ValueError(f"{info.filename}: object array")
            out[info.filename[:-4]] = np.memmap(path, dtype=dtype, mode="r", offset=fh.tell(), shape=shape,
                                                order="F" if fortran else "C")
    return out
