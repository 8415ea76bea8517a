"""Offline inputs for `splog extract`: saved .html / .html.gz files, folders of them, WARC files."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from w3lib.encoding import http_content_type_encoding

from crawler.links import host_root
from schemas.raw import BlogInfo, RawPost

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")  # (an ARC, the Internet Archive's older format, is read as WARC)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_COMMENT = re.compile(rb"<!--.*?-->", re.S)


def meta_charsets(data: bytes) -> list[str]:
    """The charsets a page's <meta> tags declare in its first 4 KB, in order, outside comments (a
    theme's commented-out old declaration is none); spaces around "=" allowed."""
    head = data[:4096]
    if b"<!--" in head:
        head = _COMMENT.sub(b"", head)
    return [m.group(1).decode("ascii", "ignore") for m in _META_CHARSET.finditer(head)]


class InputError(ValueError):
    """A path given on the command line that cannot be read."""


@dataclass(slots=True)
class Document:
    data: bytes
    ref: str  # file path or WARC record pointer
    url: str | None
    via: str  # file | warc
    status: int | None = None
    fetched_at: str | None = None
    charset: str | None = None  # declared by the HTTP Content-Type header (WARC records)
    error: str | None = None  # an input that could not be read: its reject reason (bad_encoding, bad_warc)
    error_detail: str | None = None


_SINGLE_BYTE = ("iso8859", "latin", "cp125", "windows-125", "koi8", "mac-", "ascii", "cp437", "cp850", "tis-620", "cp874")


def utf8_mislabelled(data: bytes, encoding: str | None) -> bool:
    """Whether bytes labelled with a one-byte charset (ISO-8859-1, Windows-1251, KOI8-R...: a server's
    or a template's default) are UTF-8: they hold letters beyond ASCII and all of them read as UTF-8,
    which a one-byte text's accented or Cyrillic letters all but never do."""
    if not encoding:
        return False
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    if not name.startswith(_SINGLE_BYTE) or data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def guess_charset(data: bytes, rules_dirs: tuple[str, ...] = ()) -> str:
    """The charset of bytes that declare none and are not UTF-8: what charset_normalizer finds
    (windows-1251, Shift_JIS, GBK...), but Windows-1252, the web's old default, whenever it reads
    the bytes about as well (the detector's first pick for a French page may be a Baltic code page);
    a code page of Latin letters then yields to one of the text's language (_language_charset)."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:200_000])
    best = results.best()
    if best is None:
        pick = "cp1252"
    else:
        near = {m.encoding for m in results if m.chaos <= best.chaos + 0.1}
        pick = "cp1252" if "cp1252" in near or best.encoding == "ascii" else best.encoding  # (ASCII: the
        # detector's pick for bytes of few letters beyond it, which it would turn to U+FFFD)
    return _language_charset(data, pick, rules_dirs) if _latin_code_page(pick) else pick


_UPPER_HALF = bytes(range(0x80, 0x100))  # where a one-byte code page keeps its letters beyond ASCII


@lru_cache(maxsize=64)
def _latin_code_page(encoding: str) -> bool:
    """Whether a one-byte code page's letters beyond ASCII are mostly Latin ones (Windows-1252, ISO
    8859-2, Mac Roman, DOS's 437 and 850...), not Cyrillic, Greek, Arabic, Hebrew or Thai ones."""
    try:
        text = _UPPER_HALF.decode(encoding, "replace")
    except LookupError:
        return False
    latin = sum(unicodedata.name(ch, "").startswith("LATIN") for ch in text)
    return latin > 2 * sum(ch.isalpha() for ch in text) // 3


_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>|&#?\w+;", re.S | re.I)  # (and scripts, references)


def _visible(data: bytes, encoding: str) -> str:
    return " ".join(_MARKUP.sub(" ", data.decode(encoding, "replace")).split())


def _letter_score(text: str, letters: frozenset[str]) -> int:
    """The alphabet's letters beyond ASCII in text, less the other letters and control characters
    beyond it (what a wrong code page makes of the alphabet's letters)."""
    score = 0
    for ch in text:
        if ch > "\x7f":
            if ch in letters:
                score += 1
            elif ch.isalpha() or "\x80" <= ch <= "\x9f" or ch == "\ufffd":
                score -= 1
    return score


def _language_charset(data: bytes, pick: str, rules_dirs: tuple[str, ...]) -> str:
    """The charset of a page that declares none, read first in `pick` (a Latin code page): when its
    text is in a language charsets.toml knows, whichever of that language's code pages (or the pick)
    reads the most of its alphabet's letters ("yapılan", not Windows-1252's "yapýlan"); the pick
    for a text in another language, or of no letter beyond ASCII."""
    from pipelines.langmodel import identifier
    from pipelines.rules import load_charset_languages

    text = _visible(data, pick)
    if len(text) < 20 or text.isascii():
        return pick
    language, _score = identifier().classify(text[:_LANGUAGE_SAMPLE])
    known = load_charset_languages(tuple(rules_dirs)).get(language)
    if known is None:
        return pick
    scores = {enc: _letter_score(text if enc == pick else _visible(data, enc), known.letters)
              for enc in dict.fromkeys((*known.charsets, pick))}
    return max(scores, key=scores.__getitem__)  # (on a tie, the language's first)


_LANGUAGE_SAMPLE = 3000  # (a page's opening is often its menu: more of it than an article's language sample)


def decode_html(data: bytes, declared: str | None = None, rules_dirs: tuple[str, ...] = ()) -> str:
    """BOM, then the declared or <meta> charset (unless the bytes are UTF-8 under a one-byte label),
    then UTF-8, then the charset the bytes read best in (guess_charset; `rules_dirs`: the user's
    rules directories, for their charsets.toml tables)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    candidates = [declared] if declared else []
    candidates += meta_charsets(data)  # (one Python does not know, "bogus", yields to the next)
    candidates = [enc for enc in candidates if not utf8_mislabelled(data, enc)]
    for enc in [*candidates, "utf-8"]:
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        if markup_survived(data, text):
            return text
    return data.decode(guess_charset(data, rules_dirs), "replace")


def markup_survived(data: bytes, text: str) -> bool:
    """False when decoding lost the page's markup: its bytes open tags, the text has none (an
    ASCII page declared UTF-16 reads as CJK characters)."""
    return b"<" not in data[:2048] or "<" in text[:2048]


def page_url(text: str) -> str | None:
    """The page's own URL: <link rel=canonical>, else og:url."""
    m = re.search(r"""<link[^>]+rel=["']canonical["'][^>]*>|<meta[^>]+property=["']og:url["'][^>]*>""", text[:200_000], re.I)
    if not m:
        return None
    try:
        el = lxml_html.fragment_fromstring(m.group(0))
    except Exception:  # lxml raises several types on odd markup; a missing URL is the answer
        return None
    url = el.get("href") or el.get("content")
    return url if url and url.startswith(("http://", "https://")) else None


def _files(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(HTML_SUFFIXES + WARC_SUFFIXES))
        elif path.is_file():
            yield path
        else:
            raise InputError(f"no such file or directory: {raw}")


_WHOLE_GZIP = "non-chunked gzip"  # (warcio's words for a file gzipped whole)
# The most bytes a page (a file, standard input, a WARC record's body) is read to once unpacked: the
# extractor takes 5 million characters at most, and a gzip bomb (a few KB that inflate to gigabytes)
# stops here, a too_large reject, instead of filling the memory.
MOST_UNPACKED_BYTES = 32 * 1024 * 1024
_GZIP = b"\x1f\x8b"
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")  # a WARC record's first line, an ARC file's


def _gzipped(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == _GZIP


def _warc(path: Path) -> Iterator[Document]:
    seen: set[str] = set()
    with path.open("rb") as fh:
        for doc in _warc_records(fh, str(path)):
            if doc.error == "bad_warc" and _WHOLE_GZIP in (doc.error_detail or "") and _gzipped(path):
                break  # a file gzipped whole ("gzip crawl.warc"), which warcio reads only a record to a gzip member
            seen.add(doc.ref)
            yield doc
        else:
            return
    with gzip.open(path, "rb") as whole:  # read again through gzip, past the records given already
        yield from (doc for doc in _warc_records(whole, str(path)) if doc.ref not in seen)


def _warc_records(fh: BinaryIO, path: str) -> Iterator[Document]:
    from warcio.archiveiterator import ArchiveIterator

    read = 0
    records = iter(ArchiveIterator(fh, arc2warc=True))
    while True:
        record = None
        try:
            record = next(records, None)
            if record is None:
                if not read:  # (a file of no record warcio can read: an empty one)
                    yield Document(b"", path, None, "warc", error="bad_warc", error_detail="no WARC or ARC record in it")
                return
            read += 1
            if record.rec_type == "response" and record.http_headers:
                ctype, status = (record.http_headers.get_header("Content-Type") or "",
                                 int(record.http_headers.get_statuscode() or 0) or None)
            elif record.rec_type == "resource":  # (a page kept without its HTTP headers: Webrecorder's, a browser's)
                ctype, status = record.rec_headers.get_header("Content-Type") or "", None
            else:
                continue
            if "html" not in ctype.lower():
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            offset = record.rec_headers.get_header("WARC-Record-ID") or f"record-{read}"
            body = record.content_stream().read(MOST_UNPACKED_BYTES + 1)
            doc = Document(body, f"{path}#{offset}", uri, "warc", status,
                           record.rec_headers.get_header("WARC-Date"), http_content_type_encoding(ctype))
            if len(body) > MOST_UNPACKED_BYTES:
                doc = _too_large(doc)
        except Exception as exc:  # noqa: BLE001 -- warcio raises many types on a broken or cut file
            # the rest of the file cannot be read: one reject for it, the records before it kept
            done = read - 1 if record is not None else read  # (records read whole before this one)
            yield Document(b"", f"{path}#record-{done + 1}", None, "warc", error="bad_warc",
                           error_detail=f"unreadable after {done} records: {type(exc).__name__}: {exc}"[:300])
            return
        yield doc


def check_paths(paths: list[str]) -> None:
    for raw in paths:
        if raw == STDIN:
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"no such file or directory: {raw}")
        if not path.is_file() and not path.is_dir():
            raise InputError(f"not a file or folder: {raw}")


STDIN = "-"  # an input path that is standard input: one page, gzipped or not, or a WARC stream


def _stdin() -> Iterator[Document]:
    """Standard input's page, or its WARC's records as they stream in (gzipped or not)."""
    stream: BinaryIO = sys.stdin.buffer
    try:
        if stream.peek(2)[:2] == _GZIP:
            stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        if stream.peek(11)[:11].startswith(_ARCHIVE_STARTS):
            yield from _warc_records(stream, "stdin")
            return
        data = stream.read(MOST_UNPACKED_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield Document(b"", "stdin", None, "file", error="bad_encoding", error_detail=f"not gzip: {exc}"[:300])
        return
    doc = Document(data, "stdin", None, "file")
    yield _too_large(doc) if len(data) > MOST_UNPACKED_BYTES else doc


def documents(paths: list[str]) -> Iterator[Document]:
    for raw in paths:
        if raw == STDIN:
            yield from _stdin()
        else:
            yield from _documents([raw])


def _documents(paths: list[str]) -> Iterator[Document]:
    for path in _files(paths):
        name = path.name.lower()
        if name.endswith(WARC_SUFFIXES):
            yield from _warc(path)
            continue
        with path.open("rb") as fh:
            head = fh.read(65536)
        if _opening(head).startswith(_ARCHIVE_STARTS):  # (an archive named otherwise: "crawl.warc.gz.1", "dump.bin"),
            yield from _warc(path)  # streamed, never read whole
            continue
        data = path.read_bytes()
        if name.endswith(".gz") or data[:2] == _GZIP:  # (a page saved as the server sent it, gzipped, as .html)
            try:
                with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                    data = unpacked.read(MOST_UNPACKED_BYTES + 1)
            except (OSError, EOFError, zlib.error) as exc:
                yield Document(b"", str(path), None, "file", error="bad_encoding", error_detail=f"not gzip: {exc}"[:300])
                continue
        doc = Document(data, str(path), None, "file")
        yield _too_large(doc) if len(data) > MOST_UNPACKED_BYTES else doc


def _too_large(doc: Document) -> Document:
    """A page over MOST_UNPACKED_BYTES once unpacked, as its reject: its bytes let go."""
    doc.data, doc.error = b"", "too_large"
    doc.error_detail = f"over {MOST_UNPACKED_BYTES // (1024 * 1024)} MB unpacked"
    return doc


def _opening(head: bytes) -> bytes:
    """A file's first bytes (from its head, the first 64 KB), through gzip when it is gzipped."""
    if head[:2] != _GZIP:
        return head[:16]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return b""


def to_raw(doc: Document, url: str | None, base_url: str | None, rules_dirs: tuple[str, ...] = ()) -> RawPost:
    """A RawPost for the pipelines; the URL comes from --url, the page, the WARC record, or --base-url."""
    fetched = doc.fetched_at or datetime.now(timezone.utc).isoformat()
    if doc.error:
        return RawPost(url=url or f"file://{doc.ref}", blog=BlogInfo(url="", host=""), via=doc.via, source=doc.ref,
                       fetched_at=fetched, error=doc.error, error_detail=doc.error_detail)
    text = decode_html(doc.data, doc.charset, rules_dirs)  # (binary content is told apart when the page is parsed)
    found = url or doc.url or page_url(text)
    if not found and base_url:
        found = urljoin(base_url if base_url.endswith("/") else base_url + "/", Path(doc.ref).name)
    if not found:
        return RawPost(url=f"file://{doc.ref}", blog=BlogInfo(url="", host=""), via=doc.via, source=doc.ref,
                       fetched_at=fetched, error="no_url",
                       error_detail="page has no canonical/og:url; pass --url or --base-url")
    blog = BlogInfo(url=host_root(found), host=(urlsplit(found).hostname or "").lower())
    if doc.status is not None and not 200 <= doc.status < 300:
        # an error page or a redirect the archiving crawler recorded: what a crawl rejects as http_<status>
        return RawPost(url=found, blog=blog, via=doc.via, status=doc.status, fetched_at=fetched, source=doc.ref,
                       error=f"http_{doc.status}", error_detail=f"HTTP {doc.status} in the WARC record")
    return RawPost(url=found, blog=blog, via=doc.via, html=text, status=doc.status, fetched_at=fetched,
                   source=doc.ref)
