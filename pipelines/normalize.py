"""Normalisers: Unicode and whitespace, UTC dates, canonical URLs, record ids, language."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime, parsedate_tz
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from pipelines.confusables import Confusables
from pipelines.confusables import default as default_confusables

# (and the soft hyphen: a place a word may break, "Wehr\u00admauer", which leaves the word unfindable;
# and the other characters that print nothing, which splogs put inside words so that a copy no longer
# matches its original: the combining grapheme joiner, the Hangul and Khmer fillers, the Mongolian
# vowel separator, the invisible operators, the deprecated format characters, the musical ones, and
# tag characters (_TAGS), except after the black flag whose tag sequence names a region's flag)
_CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u115f\u1160\u17b4\u17b5"
                      "\u180e\u200b\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0]")
_TAGS = re.compile("(?<![\U0001f3f4\U000e0000-\U000e007f])[\U000e0000-\U000e007f]+|[\U0001d173-\U0001d17a]")
# a variation selector after a Latin letter selects nothing (an emoji's and a CJK character's do)
_STRAY_SELECTOR = re.compile("(?<=[A-Za-z])[\ufe00-\ufe0f\U000e0100-\U000e01ef]+")
# (what the three look for, in one cheap look: rare)
_RARE = re.compile("[\ufe00-\ufe0f\U0001d173-\U0001d7ff\U000e0000-\U000e01ef]")
# letters of the mathematical alphanumeric symbols ("𝐅𝐑𝐄𝐄 𝐃𝐎𝐖𝐍𝐋𝐎𝐀𝐃", "𝓈𝒸𝓇𝒾𝓅𝓉"), styled
# text that copy detection and search read as no word at all: read as the letters they style
_STYLED = re.compile("[\U0001d400-\U0001d7ff]+")
# The zero-width non-joiner and joiner are spelling in Persian, Urdu, Kurdish ("می\u200cشود") and the
# Indic scripts, and join an emoji sequence: kept between two letters of such a script or two
# pictographs; elsewhere (inserted between Latin letters to defeat copy detection, or stray) dropped.
_JOINS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff"
_PICTO = "\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
_STRAY_JOINER = re.compile(f"(?<![{_JOINS}])\u200c|\u200c(?![{_JOINS}])|(?<![{_JOINS}{_PICTO}])\u200d|\u200d(?![{_JOINS}{_PICTO}])")
# (and the Ogham space mark, and the line and paragraph separators, which an HTML page shows as a
# space, not a line break: "one\u2028two" was one word to copy detection)
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|m|amp|showComment|feature|ref|ocid)$", re.I)
_IFTTT_TIME = "%B %d, %Y at %I:%M%p"


# UTF-8 read as Windows-1252 somewhere up a splog's chain ("cafÃ©", "Itâ€™s", "Ð¿Ñ€Ð¸", "Ø§Ù„"): a
# character that begins a UTF-8 sequence followed by one that continues it, in the pairs such text
# shows; where a line has one, each run of such characters that decodes as UTF-8 is read again
_CP1252_BYTES = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_CP1252_SPECIALS = "".join(c for c in _CP1252_BYTES if ord(c) > 0xFF)  # (€ ‚ ƒ „ … for bytes 0x80-0x9F)
_CONTINUES = "\u0080-\u00bf" + _CP1252_SPECIALS  # what a UTF-8 continuation byte reads as
# (and a capital or ß, whose second byte Windows-1252 reads as one of its own signs, before a letter:
# "Ãœber", "Ã‰tats", "Ã–ffnungszeiten", "StraÃŸe"; not "IRMÃ”", a word that ends in Ã before a quote)
_MOJIBAKE_HINT = re.compile(f"[ÃÂ][\u0080-\u00bf]|â€|(?<=[A-Za-z])Ã(?=[a-z])|Ã[{_CP1252_SPECIALS}](?=[^\\W\\d_])"
                            f"|[ÐÑØÙ][{_CONTINUES}]|à[¤-¿]")
_MOJIBAKE_PAIR = re.compile(f"[A-Za-z]Ã[a-z]|[ÃÂâÐÑØÙà][{_CONTINUES}]")  # (a quick first look)
_HIGH_RUN = re.compile(f"[\u0080-\u00ff{_CP1252_SPECIALS}]{{2,}}")


def _utf8_length(lead: int) -> int:
    return 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0


def _redecoded(run: re.Match[str]) -> str:
    """A run of characters read again as the bytes they stand for in Windows-1252, sequence by
    sequence: each that is UTF-8 becomes its character, the rest stay ("«Café»", "SÃO": no sequence)."""
    chars = run[0]
    if any(c not in _CP1252_BYTES and ord(c) > 0xFF for c in chars):
        return chars
    raw = bytes(_CP1252_BYTES.get(c, ord(c)) for c in chars)
    out, i = [], 0
    while i < len(raw):
        n = _utf8_length(raw[i])
        if n and i + n <= len(raw):
            try:
                out.append(raw[i:i + n].decode("utf-8"))
                i += n
                continue
            except UnicodeDecodeError:
                pass
        out.append(chars[i])
        i += 1
    return "".join(out)


# an "í" whose second byte (0xAD, a soft hyphen once read as Windows-1252) was dropped as invisible:
# "SÃguenos" (a capital Ã after a letter and before a lower-case one is no word's: Portuguese writes it in capitals)
_LOST_I = re.compile("(?<=[A-Za-z])Ã(?=[a-z])")
# a right double quote whose last byte (0x9D, which Windows-1252 lacks) was lost on the way
_LOST_QUOTE = re.compile(f"â€(?![{_CONTINUES}])")


def fix_mojibake(text: str) -> str:
    """Text whose UTF-8 was read as Windows-1252 (or Latin-1) read again as UTF-8, run by run, on the
    lines that show it; other lines, and what is not UTF-8 in a run, as they were."""
    if text.isascii() or _MOJIBAKE_PAIR.search(text) is None or _MOJIBAKE_HINT.search(text) is None:
        return text
    return "\n".join(_LOST_I.sub("í", _LOST_QUOTE.sub("\u201d", _HIGH_RUN.sub(_redecoded, line)))
                     if _MOJIBAKE_HINT.search(line) else line for line in text.split("\n"))


def clean_text(text: str, confusables: Confusables | None = None, changed: list[str] | None = None) -> str:
    """NFC, no control or zero-width characters (but the joiners that spell a word), single spaces,
    no blank lines; UTF-8 that was read as Windows-1252 up the chain read again; words written in
    look-alike letters of another script read in theirs (`confusables`, else the package's table;
    the words as they were are appended to `changed`)."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", fix_mojibake(text)))
    if not text.isascii():
        if "\u200c" in text or "\u200d" in text:
            text = _STRAY_JOINER.sub("", text)
        if _RARE.search(text):
            text = _TAGS.sub("", _STRAY_SELECTOR.sub("", text))
            text = _STYLED.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
        text = (confusables or default_confusables()).unconfuse(text, changed)
    # (each run of spaces in a line as one: str.split() splits at every space character, and the
    # control characters it also splits at, vertical tab, form feed, carriage return, are gone)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# a character reference left in a text or a short field by markup escaped twice ("Council&#8217;s
# plan", "Fish &amp; chips"): read, each on its own ("Q&A" and "R&D" beside one stay as they are)
_ENTITY = re.compile(r"&(#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_entities(value: str | None) -> str | None:
    """Character references left in a parsed text or field, read; a reference escaped three times
    ("&amp;amp;nbsp;", as some autoblog chains pass a feed on) is read to the end."""
    if not value or "&" not in value:
        return value
    for _ in range(3):
        read = _ENTITY.sub(lambda m: html.unescape(m[0]), value)
        if read == value or "&" not in read:
            return read
        value = read
    return value


def clean_line(value: str | None, confusables: Confusables | None = None,
               changed: list[str] | None = None) -> str | None:
    """A one-line field (title, author, label, name): character references read, clean_text, one line."""
    if value is None:
        return None
    value = clean_text(unescape_entities(value), confusables, changed).replace("\n", " ")
    return value or None


def to_utc(value: str | datetime | None, months: dict[str, int] | None = None) -> datetime | None:
    """ISO 8601, RFC 822 (as feeds write it: _written_time), a Unix time or a datetime -> aware UTC
    datetime; naive times are taken as UTC. With `months` (the rules' month names), RFC 822 written in another
    language is read too ("Sáb, 05 Dic 2026 10:00:00 +0100")."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif (text := value.strip()).isdigit() and len(text) in (10, 13):
        # a Unix time, in seconds or milliseconds (OpenGraph's og:updated_time may be one: "1772645682")
        return datetime.fromtimestamp(int(text) / (1000 if len(text) == 13 else 1), timezone.utc)
    else:
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        except ValueError:
            dt = _written_time(text, months)
            if dt is None:
                return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


# Zone names written after a time, beyond the few RFC 822 knows (UT, GMT, the four US zones), in
# minutes east of UTC. A name two places share is read as the one feeds and pages use most (IST:
# India; BST: British summer time). A name not listed is read as UTC, as before.
_ZONE_MINUTES = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "IST": 330,
    "CET": 60, "CEST": 120, "MET": 60, "MEST": 120, "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "SAST": 120, "PKT": 300, "ICT": 420, "WIB": 420, "WITA": 480, "WIT": 540, "PHT": 480,
    "SGT": 480, "HKT": 480, "JST": 540, "KST": 540, "AWST": 480, "ACST": 570, "AEST": 600, "AEDT": 660,
    "NZST": 720, "NZDT": 780, "NST": -210, "NDT": -150, "AST": -240, "ADT": -180, "EST": -300, "EDT": -240,
    "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480,
    "HST": -600, "AT": -240, "ET": -300, "CT": -360, "MT": -420, "PT": -480}
# A time at the end of a date, with what feeds write after it: "10:00 pm", "10:00:00 CEST",
# "10:00:00 +02:00" (RFC 822 has no colon there), "10:00:00 GMT+2", "10:00:00 +0200 (CEST)"
_TIME_TAIL = re.compile(
    r"(?:\s+at|,|T)?\s*(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?(?:\s*(?P<ampm>[aApP])\.?[mM]\b\.?)?"
    r"(?:\s*\(?(?P<zone>[A-Za-z]{1,5})\)?)?(?:\s*(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?"
    r"(?:\s*\([A-Za-z ]+\))?\s*$")
_MONTH_COMMA = re.compile(r"(\d{1,2}\s+[A-Za-z]{3,9})\.?,")  # ("13 Feb, 2012")
_ISO_DAY = re.compile(r"(?:[A-Za-z]+,?\s*)?(\d{4})[-/](\d{1,2})[-/](\d{1,2})")  # ("Fri, 2006/09/15")
# a day, an English month and a year: a date without a time ("Thu, 01 Jan 2004", "Dec 5 2026")
_WRITTEN_DAY = re.compile(r"(?:\d{1,2}(?:st|nd|rd|th)?[\s-]+[A-Za-z]{3,9}\.?,?[\s-]+|[A-Za-z]{3,9}\.?\s+\d{1,2}"
                          r"(?:st|nd|rd|th)?,?\s+)(?:\d{4}|\d{2})", re.I)


# the zone a line writes after its time ("10:45 WIB", "09:12 (CET)", "10:21 GMT+7", "10:21 +07:00")
LINE_ZONE = re.compile(r"\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[apAP]\.?[mM]\.?\s*)?\(?(?:(?P<zone>[A-Za-z]{2,5})\b)?"
                       r"\s*(?:(?P<sign>[+-])(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?\)?\s*$")
# the same anywhere in a line ("Posted on November 21, 2026 at 8:40 pm EST by Jane Roe")
_TIME_ZONE = re.compile(LINE_ZONE.pattern.removesuffix(r"\s*$") + r"(?!\w)")


def zoned(iso: str | None, text: str) -> str | None:
    """A date read off a line with its time (ISO, no offset), with the offset of the zone the line
    writes after its first time ("21 Nov 2026, 08:40 IST" -> "2026-11-21T08:40+05:30"); else as it was
    (a word after the time that names no zone _ZONE_MINUTES knows is none: "8:40 am by Ann Lee")."""
    if iso is None or "T" not in iso or iso.endswith("Z") or "+" in iso[10:] or "-" in iso[10:]:
        return iso
    m = _TIME_ZONE.search(text)
    offset = zone_offset(m) if m else None
    if offset is None:
        return iso
    return f"{iso}{'-' if offset < 0 else '+'}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


def zone_offset(m: re.Match[str]) -> int | None:
    """The minutes east of UTC that a time's zone says, from a match with the groups `zone` (a name
    of _ZONE_MINUTES), `sign`, `oh` and `om` (an offset, alone or after the name: "GMT+2"); None when
    it names no zone it knows and gives no offset."""
    offset = _ZONE_MINUTES.get(m["zone"].upper()) if m["zone"] else None
    if m["sign"]:
        hours, minutes = int(m["oh"]), int(m["om"] or 0)
        if len(m["oh"]) <= 2 and hours <= 14 and minutes < 60:
            offset = (offset or 0) + (1 if m["sign"] == "+" else -1) * (hours * 60 + minutes)
    return offset


def _written_time(text: str, months: dict[str, int] | None = None) -> datetime | None:
    """A date as feeds and old themes write it when it is not ISO 8601: RFC 822 ("Sat, 05 Dec 2026
    10:00:00 +0200"), with what such feeds put in it besides: a zone's name (_ZONE_MINUTES), an
    offset with a colon or after "GMT", a comma after the month, an "am"/"pm", no time at all
    ("Thu, 01 Jan 2004", midnight); or an ISO day with such a time ("2026-12-05 10:00:00 CEST")."""
    m = _TIME_TAIL.search(text)
    if m:
        day, hour, minute, second = text[:m.start()].strip(" ,"), int(m["h"]), int(m["mi"]), int(m["s"] or 0)
        if m["ampm"] and 1 <= hour <= 12:
            hour = hour % 12 + (12 if m["ampm"].lower() == "p" else 0)
    else:
        dt = _email_time(text)  # (other forms email.utils reads: "Sun Jan  4 16:29:06 2004")
        if dt is not None or not _WRITTEN_DAY.search(text):
            return dt
        day, hour, minute, second = text.strip(" ,"), 0, 0, 0
    offset = zone_offset(m) if m else None
    iso = _ISO_DAY.fullmatch(day)
    try:
        if iso:
            year, month, mday = (int(g) for g in iso.groups())
        else:
            parts = parsedate_tz(_MONTH_COMMA.sub(r"\1", day) + " 00:00:00")
            if parts is None and months:
                from pipelines.metadata import named_date

                written = named_date(day, months)  # ("Sáb, 05 Dic 2026": the day in another language)
                parts = (int(written[:4]), int(written[5:7]), int(written[8:10])) if written else None
            if parts is None:
                return _email_time(text)
            year, month, mday = parts[:3]
        dt = datetime(year, month, mday, hour, minute, second)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return dt.replace(tzinfo=timezone(timedelta(minutes=offset))) if offset is not None else dt


def _email_time(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def ifttt_time(value: str | None) -> str | None:
    """'September 14, 2020 at 04:18PM' -> '2020-09-14T16:18:00' (IFTTT prints no offset)."""
    if not value:
        return None
    text = re.sub(r"\s*([ap])\.?m\.?$", lambda m: m.group(1).upper() + "M", " ".join(value.split()), flags=re.I)
    try:
        return datetime.strptime(text, _IFTTT_TIME).isoformat()
    except ValueError:
        return None


_WRITTEN_DATES = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%d %B, %Y", "%Y-%m-%d",
                  "%b %d, %Y", "%b %d %Y", "%d %b %Y", "%d %b, %Y")  # (also "Mar 9, 2026", "9 Mar 2026")


def written_date(value: str | None) -> datetime | None:
    """A date as a page prints it ("14 January 2025", "January 14, 2025 at 9:41 am", "2025-01-14"),
    as UTC (a printed time has no offset: taken as UTC, like other naive times). Numeric day/month
    forms are read day first when written with dots ("06.05.2025"), else only when they cannot be
    the other way round ("25/01/2025", "25-01-2025")."""
    if not value:
        return None
    text = " ".join(value.replace(" at ", " ").split())
    text = re.sub(r"\b(sept|[a-z]{3})\.", lambda m: m.group(1)[:3], text, flags=re.I)  # "Sept. 9" as "Sep 9"
    text = re.sub(r"\bsept\b", "Sep", text, flags=re.I)
    m = re.fullmatch(r"(.*?),? (\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap])?\.?m?\.?", text, re.I)
    hour = minute = 0
    if m:
        text, hour, minute = m.group(1), int(m.group(2)) % 24, int(m.group(3))
        if m.group(4):
            hour = hour % 12 + (12 if m.group(4).lower() == "p" else 0)
    day = None
    for fmt in _WRITTEN_DATES:
        try:
            day = datetime.strptime(text.strip(), fmt)
            break
        except ValueError:
            continue
    if day is None:
        n = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", text.strip())
        if not n:
            return None
        a, b, year = int(n[1]), int(n[3]), int(n[4])
        if n[2] == "." or a > 12 >= b:
            a, b = b, a  # day first (as dots are always written)
        elif not b > 12 >= a:
            return None  # 03/04/2025: either way
        try:
            day = datetime(year, a, b)
        except ValueError:
            return None
    if minute > 59:
        return None
    return day.replace(hour=hour, minute=minute, tzinfo=timezone.utc)


# characters a path keeps as they are: RFC 3986's unreserved and sub-delimiters, ":", "@", "/", and
# "%" (an escape already made)
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _unescape_unreserved(match: re.Match[str]) -> str:
    char = chr(int(match[1], 16))
    return char if char in _UNRESERVED else "%" + match[1].upper()


def ascii_host(hostname: str) -> str:
    """A host name in the ASCII form requests go out in ("bücher.example" is "xn--bcher-kva.example");
    as given when it is ASCII already or cannot be encoded."""
    if hostname.isascii():
        return hostname
    try:
        return hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return hostname


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking or mobile (?m=1) params
    (also after an "&amp;" that should have been "&");
    one spelling of each character: an IRI's letters ("/café/", "bücher.de") and their escapes
    ("/caf%c3%a9/", "xn--bcher-kva.de") are the same URL, as a feed's link and a sitemap's often
    spell one post two ways."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = ascii_host((parts.hostname or "").lower())
    if ":" in host:  # an IPv6 address keeps its brackets ("http://[::1]:8080/")
        host = f"[{host}]"
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = _ESCAPE.sub(_unescape_unreserved, quote(parts.path or "/", safe=_PATH_SAFE))
    # ("&amp;" between parameters: a link escaped once too often, as broken feeds and templates do)
    # (and Medium's feed links' "?source=rss-…": which feed the reader came from)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query.replace("&amp;", "&"), keep_blank_values=True)
                       if not _TRACKING.match(k) and not (k.lower() == "source" and v.lower().startswith("rss"))])
    return urlunsplit((scheme, netloc, path, query, ""))


def record_id(url: str) -> str:
    """Stable post id: first 32 hex digits of SHA-256 of the canonical URL."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:32]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text (py3langid, a maintained langid.py fork); None for very short text."""
    if len(text) < 20:
        return None
    from pipelines.langmodel import identifier  # lazily: only extracting processes load the model

    code, _score = identifier().classify(text[:LANGUAGE_SAMPLE])
    return code


# The opening of the text that decides its language: its cost grows with its length (py3langid walks
# it byte by byte, ~0.5 µs a byte; a thousand characters were a fifth of a feed post's extraction),
# and 600 characters, 100 words or so, gave the same language as a thousand on every text of the
# labelled corpus, the golden pages and 185 real pages.
LANGUAGE_SAMPLE = 600
