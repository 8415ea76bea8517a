"""Spider arguments as one validated pydantic model, checked before any request is made."""

from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pipelines.normalize import ascii_host


# a comment after a URL: "#" after white space (a "#" inside a URL starts its fragment)
_INLINE_COMMENT = re.compile(r"\s+#.*$")


class SeedError(ValueError):
    """Bad seeds or spider arguments; the message is one line naming the problem."""


def is_http_url(value: str) -> bool:
    """Whether value is an http(s) URL with a host, as written (no scheme is added)."""
    try:
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _check_url(raw: str) -> str:
    url = raw.strip()
    bare = "://" not in url
    if bare:
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "http://[::1/": urllib reads no host in it
        raise ValueError(f"not a URL: {raw!r} ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) URL: {raw!r}")
    if not parts.hostname or " " in url:
        raise ValueError(f"not a URL: {raw!r}")
    if bare and "." not in parts.hostname and ":" not in parts.hostname and parts.hostname != "localhost":
        # a word typed without a scheme is not a blog's address ("example.com" is; "http://intranet/" may be)
        raise ValueError(f"not a URL: {raw!r} (no domain: give the blog's address, e.g. {raw.strip()}.blogspot.com)")
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise ValueError(f"bad port in URL: {raw!r}") from None
    # scheme and host in lower case (an internationalized name in its ASCII form, as requests go out)
    # and "/" for no path, so that one blog written two ways is one seed
    userinfo, at, host = parts.netloc.rpartition("@")
    host = host.lower()
    if not host.isascii():
        name, colon, port = host.rpartition(":") if host.rpartition(":")[2].isdigit() else (host, "", "")
        host = ascii_host(name) + colon + port
        if not host.isascii():
            raise ValueError(f"not a URL: {raw!r} (a host name that cannot be encoded)")
    return urlunsplit((parts.scheme.lower(), userinfo + at + host, parts.path or "/", parts.query,
                       parts.fragment))


def read_seeds_file(path: str) -> list[str]:
    """One URL a line; blank lines, #comment lines and comments after a URL (" # ...") skipped. A
    byte-order mark and CRLF line ends (files saved on Windows) are read as nothing. "-" is standard
    input (`… | splog crawl --seeds-file -`)."""
    if path == "-":
        try:
            return _seed_lines(sys.stdin.buffer.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise SeedError("seeds on standard input are not UTF-8 text") from None
    file = Path(path)
    if file.is_dir():
        raise SeedError(f"seeds file {path} is a folder, not a file")
    if not file.exists():
        raise SeedError(f"seeds file not found: {path}")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SeedError(f"seeds file is not UTF-8 text: {path}") from None
    except OSError as exc:  # unreadable (permissions), a device...
        raise SeedError(f"cannot read seeds file {path}: {exc.strerror or exc}") from None
    return _seed_lines(text)


def _seed_lines(text: str) -> list[str]:
    seeds = [_INLINE_COMMENT.sub("", ln).strip() for ln in text.splitlines() if not ln.strip().startswith("#")]
    return [seed for seed in seeds if seed]


class CrawlParams(BaseModel):
    """What to crawl and how far."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seeds: list[str] = Field(default_factory=list, description="Blog home URLs or post URLs.")
    seeds_file: str | None = Field(default=None, description="File with one seed URL a line.")
    max_posts_per_blog: int = Field(default=0, ge=0, description="Stop discovering a blog after this many posts (0: no limit).")
    max_pages_per_blog: int = Field(default=500, ge=1, description="Page-link crawl limit per blog (fallback discovery).")

    @field_validator("seeds", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [v for v in value.replace(",", "\n").split() if v]
        return value

    @model_validator(mode="after")
    def _resolve(self) -> CrawlParams:
        seeds = list(self.seeds)
        if self.seeds_file:
            seeds += read_seeds_file(self.seeds_file)
        if not seeds:
            raise ValueError("no seeds: give blog URLs or --seeds-file")
        checked = [_check_url(s) for s in seeds]
        object.__setattr__(self, "seeds", list(dict.fromkeys(checked)))
        return self


_AGO = {"h": 3600, "d": 86400, "w": 7 * 86400}


def since_time(text: str, now: datetime | None = None) -> str:
    """What --since (or SPLOG_SINCE) names: an ISO 8601 date or time (a time without an offset is
    UTC), or a span back from now ("36h", "7d", "2w"); the UTC time, in ISO 8601. ValueError with a
    one-line message for anything else."""
    from pipelines.normalize import to_utc

    value = str(text).strip()
    m = re.fullmatch(r"(\d{1,5})\s*([hdw])", value.lower())
    if m:
        stamp = (now or datetime.now(timezone.utc)) - timedelta(seconds=int(m.group(1)) * _AGO[m.group(2)])
        return stamp.replace(microsecond=0).isoformat()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?", value):
        raise ValueError(f"not a date, a time or a span like 7d: {text!r} (give 2026-11-01, 2026-11-01T06:00Z, "
                         "36h, 7d or 2w)")
    stamp = to_utc(value)
    if stamp is None:
        raise ValueError(f"not a real date or time: {text!r}")
    return stamp.isoformat()


def since_setting(value: object) -> datetime | None:
    """The UTC time a SPLOG_SINCE setting names (spans resolved now), None when it is unset: what the
    spider and the pipeline that drops older posts both read."""
    from pipelines.normalize import to_utc

    return to_utc(since_time(str(value))) if value else None


_JOB_ID = re.compile(r"[^./\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]{0,199}")


def job_id_problem(value: str) -> str | None:
    """Why a run id cannot be one (None when it can): it names the run's files (data/output/<id>.jsonl),
    so no folder separator, no control character, no leading dot ("../x" would write elsewhere), and
    at most 200 characters."""
    if _JOB_ID.fullmatch(value):
        return None
    return f"not a run id: {value!r} (a file name: no '/' or '\\', no control character, not starting with '.')"


def unreadable_setting(overrides: dict[str, object]) -> str | None:
    """"NAME=VALUE: NAME takes a number" for the first override of a setting whose default is a
    number or a flag that does not read as one (Scrapy would fail on it with a traceback deep in its
    set-up); None when all of them read."""
    if not overrides:
        return None
    from scrapy.settings import Settings

    defaults = Settings()
    defaults.setmodule("crawler.settings", priority="project")
    for name, value in overrides.items():
        if name == "SPLOG_JOB_ID" and value and (problem := job_id_problem(str(value))):
            return f"{name}={value}: {problem}"
        if name == "SPLOG_SINCE" and value:
            try:
                since_time(str(value))
            except ValueError as exc:
                return f"{name}={value}: {exc}"
            continue
        default, probe = defaults.get(name), Settings({name: value})
        kind, read = ((("true/false", probe.getbool) if isinstance(default, bool) else
                       ("number", probe.getfloat) if isinstance(default, (int, float)) else (None, None)))
        if read is None:
            continue
        try:
            read(name)
        except (TypeError, ValueError):
            return f"{name}={value}: {name} takes a {kind}"
    return None


def parse_params(**kwargs: object) -> CrawlParams:
    """CrawlParams from spider kwargs / CLI values, raising SeedError with a one-line message."""
    from pydantic import ValidationError

    try:
        return CrawlParams(**{k: v for k, v in kwargs.items() if v is not None})
    except SeedError:
        raise
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        raise SeedError(f"{where}: {msg}" if where else msg) from None
