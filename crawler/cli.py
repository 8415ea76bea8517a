"""Command line: splog crawl | extract | demo | schema."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

EXIT_USAGE = 2
EXIT_FAILED = 1  # the run finished badly (unfinished, too many rejects, output does not reconcile)
EXIT_LOCKED = 3  # another run holds the state lock


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line naming the problem, exit 2 (no usage dump, no traceback)."""
        print(f"splog: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


# where the command's own lines (paths, summary, verdict) go: standard output, unless the records do
_info = sys.stdout


def _fail(message: str) -> NoReturn:
    print(f"splog: error: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def since_time(text: str, now: datetime | None = None) -> str:
    """An argparse type for --since (crawler.params.since_time, with argparse's error)."""
    from crawler.params import since_time as parse

    try:
        return parse(text, now)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _at_least(low: int):
    """An argparse type: a whole number no lower than low."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more, got {value}")
        return value
    return parse


def _run_id(text: str) -> str:
    from crawler.params import job_id_problem

    problem = job_id_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def _path(text: str) -> str:
    """An argparse type for a file or folder: not empty (an unset shell variable, `-o "$OUT"`, had
    sent the records to the default file)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("empty path")
    return text


def _ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return value


def _check_writable(path: str | None, what: str, folder: bool = False) -> None:
    """An output file (or folder) that cannot be written is a one-line error before any work starts;
    its folder is made if missing."""
    if not path or path == "-":  # ("-": the records go to standard output)
        return
    target = Path(path)
    if not folder and target.is_dir():
        _fail(f"{what} {path} is a folder, not a file")
    if folder and target.exists() and not target.is_dir():
        _fail(f"{what} {path} is a file, not a folder")
    parent = target if folder else target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot make {what} {path}: {exc.strerror or exc}" if folder else
              f"cannot make the folder of {what} {path}: {exc.strerror or exc}")
    if not os.access(parent, os.W_OK | os.X_OK):
        _fail(f"cannot write {what} {path}: its folder is not writable")
    if not folder and target.exists() and not target.is_file():
        # a named pipe or a device: opened once only (a trial open would end a pipe's reader)
        if not os.access(target, os.W_OK):
            _fail(f"cannot write {what} {path}: permission denied")
        return
    if not folder:  # (a folder the permission bits allow may still refuse: read-only mounts, /proc)
        existed = target.exists()
        try:
            with target.open("ab"):
                pass
        except OSError as exc:
            _fail(f"cannot write {what} {path}: {exc.strerror or exc}")
        if not existed:
            target.unlink(missing_ok=True)


def _check_settings(overrides: dict[str, Any]) -> None:
    """-s NAME=VALUE for a setting whose default is a number or a flag must read as one (else Scrapy
    fails with a traceback deep in its set-up)."""
    from crawler.params import unreadable_setting

    bad = unreadable_setting(overrides)
    if bad:
        _fail(f"--set {bad}")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", type=_path, help="records JSONL (rejects and manifest are written beside it); "
                                          "- for standard output (rejects and manifest then go to data/output/)")
    p.add_argument("--rules-dir", action="append", default=[], type=_path, help="extra directory of rule *.toml files")
    p.add_argument("--extractor", choices=["auto", "trafilatura"], default="auto",
                   help="auto: platform body container, else a body template learned per host, "
                        "else trafilatura; trafilatura: always")
    p.add_argument("--workers", type=_at_least(0), default=0, help="extraction processes (default: one per core)")
    p.add_argument("--job-id", type=_run_id, help="run id (default: UTC time + random suffix)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary line")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="splog", description="Crawl spam blogs into clean, attributed, validated JSONL.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    crawl = sub.add_parser("crawl", help="crawl blogs (home or post URLs)")
    crawl.add_argument("seeds", nargs="*", help="blog home URLs or post URLs")
    crawl.add_argument("--seeds-file", type=_path, help="file with one URL a line (# comments allowed)")
    crawl.add_argument("--allow-private-hosts", action="store_true",
                       help="allow loopback/private addresses (off by default; the demo and tests use it)")
    crawl.add_argument("--max-posts-per-blog", type=_at_least(0), help="stop after this many posts per blog")
    crawl.add_argument("--since", type=since_time, metavar="WHEN",
                       help="only posts published at or after WHEN: a date or time (2026-11-01, "
                            "2026-11-01T06:00Z; UTC unless it says) or a span back from now (36h, 7d, 2w)")
    crawl.add_argument("--concurrency", type=_at_least(1), help="parallel requests per host (default 4)")
    crawl.add_argument("--no-throttle", action="store_true", help="turn AutoThrottle off (own or loopback hosts)")
    crawl.add_argument("--resolve-short-links", action="store_true",
                       help="follow ift.tt-style links (HEAD, bounded, cached) to fill source.url")
    crawl.add_argument("--no-feeds", action="store_true", help="skip feeds/APIs: sitemaps and page links only")
    crawl.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="any Scrapy/splog setting, e.g. -s DOWNLOAD_TIMEOUT=5")
    crawl.add_argument("--log-level", default="WARNING", help="Scrapy log level (default WARNING)")
    crawl.add_argument("--state", type=_path, help="SQLite state file: incremental runs emit only new or changed posts")
    crawl.add_argument("--full", action="store_true", help="with --state: re-crawl everything")
    crawl.add_argument("--job-dir", type=_path, help="job directory: a killed run started again with it resumes")
    crawl.add_argument("--redis", help="redis://host:port/db: share the copy index with other machines")
    crawl.add_argument("--max-reject-ratio", type=_ratio, default=None,
                       help="exit non-zero when rejects/(records+rejects) is over this (default 0.25)")
    _common(crawl)

    extract = sub.add_parser("extract", help="run the pipelines over saved HTML / WARC files (no network)")
    extract.add_argument("paths", nargs="+", type=_path, help=".html, .html.gz, .warc(.gz), .arc(.gz) files or folders of them; - for standard input")
    extract.add_argument("--url", help="URL of the page (one input file only)")
    extract.add_argument("--base-url", help="URL prefix for files whose page declares no URL")
    _common(extract)

    demo = sub.add_parser("demo", help="serve the bundled demo splog farm on loopback and crawl it")
    demo.add_argument("--posts", type=_at_least(1), default=20, help="posts per demo blog (default 20)")
    _common(demo)

    link = sub.add_parser("link", help="re-link an existing records JSONL (copy clusters) offline")
    link.add_argument("input", type=_path, help="records JSONL (splog's own output, or another tool's lines with a text); - for standard input")
    link.add_argument("-o", "--output", type=_path, help="relinked records JSONL (rejects and manifest beside it; - for "
                                             "standard output)")
    link.add_argument("--state", type=_path, help="SQLite state holding the copy index (shared with crawls)")
    link.add_argument("--redis", help="redis://host:port/db: use the copy index shared through Redis")
    link.add_argument("--job-id", type=_run_id, help="run id (default: UTC time + random suffix)")

    nets = sub.add_parser("networks", help="the blogs one operator runs, by the operator ids their records share")
    nets.add_argument("inputs", nargs="+", type=_path, help="records JSONL files (one run's or many runs'); - for "
                                                             "standard input")
    nets.add_argument("-o", "--output", type=_path, help="networks JSONL (default: standard output)")
    nets.add_argument("--all", action="store_true", help="list each blog that shares no id too, as a network of one")

    ev = sub.add_parser("eval", help="cleaning quality on a labelled corpus (default tests/corpus/pages)")
    ev.add_argument("corpus", nargs="?", default="tests/corpus/pages", help="folder of labelled pages")
    ev.add_argument("--extractor", choices=["auto", "trafilatura"], default="auto")
    ev.add_argument("--json", action="store_true", help="print the overall figures as JSON too")

    schema = sub.add_parser("schema", help="print the JSON Schema of records (or of rejects)")
    schema.add_argument("--kind", choices=["article", "reject"], default="article")
    return parser


def _job_id(args: argparse.Namespace) -> str:
    from pipelines.export import new_job_id

    return args.job_id or new_job_id()


def _summary(manifest: dict[str, Any], seconds: float) -> str:
    c = manifest["counts"]
    reasons = ", ".join(f"{k} {v}" for k, v in c["rejects_by_reason"].items())
    line = (f"splog: {c['records']} records, {c['rejects']} rejects{f' ({reasons})' if reasons else ''} "
            f"from {c['posts']} posts in {seconds:.1f}s")
    http = manifest.get("http")
    if http and http.get("requests_per_post") is not None:
        line += f"; {http['requests']} HTTP requests ({http['requests_per_post']:.3f}/post)"
    if c.get("before_since"):
        line += f" ({c['before_since']} read but published before --since)"
    empty = (manifest.get("discovery") or {}).get("blogs_without_posts")
    if empty:  # (a site whose feeds, sitemaps and links listed nothing: no reject says so)
        line += f"; {empty} blog{'s' if empty > 1 else ''} gave no posts (discovery.blogs_without_posts)"
    return line


def _report(manifest: dict[str, Any], seconds: float) -> None:
    files = manifest["files"]
    for line in (f"records:  {files['records']['path']}", f"rejects:  {files['rejects']['path']}",
                 f"manifest: {manifest['manifest_path']}", _summary(manifest, seconds)):
        print(line, file=_info)


def _check_redis(url: str | None) -> None:
    """A shared copy index that cannot be reached is a one-line error before any work starts."""
    if not url:
        return
    import redis

    from pipelines.redis_link import RedisLinkStore

    try:
        RedisLinkStore(url)
    except (redis.RedisError, ValueError) as exc:
        _fail(f"cannot reach the Redis copy index {url}: {exc}")


def _check_rules(dirs: list[str]) -> None:
    """Read the user's rule files up front so that a bad rules directory or file is a one-line error
    (the built-in rules are not compiled in this process: ~0.1 s of every crawl's start)."""
    from pipelines.rules import RuleError, check_rule_dirs

    try:
        check_rule_dirs(tuple(dirs))
    except RuleError as exc:
        _fail(str(exc))


def run_crawl(args: argparse.Namespace, seeds: list[str], allow_private: bool) -> int:
    """A crawl, the cyclic garbage collector off until its spider is open (crawler/runner.py then
    freezes what is alive and turns it on): the imports and set-up allocate ~90k objects that live to
    the end, and ~220 collections over them (~45 ms of the start-up the first requests wait for) would
    free almost nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run_crawl(args, seeds, allow_private)
    finally:
        if enabled:
            gc.enable()


def _run_crawl(args: argparse.Namespace, seeds: list[str], allow_private: bool) -> int:
    from pipelines.procs import start_forkserver

    start_forkserver()  # first: its imports (~1 s) overlap with all of ours below
    from pipelines.patterncache import warm_re

    warm_re("crawl")  # the patterns the imports below compile, from the last crawl (runner keeps them)
    from crawler.params import SeedError, parse_params

    _check_rules(args.rules_dir)
    _check_redis(getattr(args, "redis", None))
    try:
        params = parse_params(seeds=seeds, seeds_file=args.seeds_file,
                              max_posts_per_blog=getattr(args, "max_posts_per_blog", None))
    except SeedError as exc:
        _fail(str(exc))
    from crawler.runner import crawl

    overrides: dict[str, Any] = {}
    for item in getattr(args, "set", []):
        if "=" not in item:
            _fail(f"--set takes NAME=VALUE, got {item!r}")
        name, value = item.split("=", 1)
        overrides[name.strip()] = value
    _check_settings(overrides)
    if getattr(args, "no_feeds", False):
        overrides["SPLOG_USE_FEEDS"] = False
    if getattr(args, "full", False):
        overrides["SPLOG_FULL"] = True
    if getattr(args, "redis", None):
        overrides["SPLOG_REDIS_URL"] = args.redis
    if getattr(args, "resolve_short_links", False):
        overrides["SPLOG_RESOLVE_SHORT_LINKS"] = True
    if getattr(args, "max_reject_ratio", None) is not None:
        overrides["SPLOG_MAX_REJECT_RATIO"] = args.max_reject_ratio
    if getattr(args, "since", None):
        overrides["SPLOG_SINCE"] = args.since
    job_id, output = _job_id(args), args.output
    if getattr(args, "job_dir", None):
        job_id, output, resume = _job(args.job_dir, job_id, output)
        overrides["SPLOG_RESUME"] = resume
    state = _open_state(getattr(args, "state", None))
    start = time.monotonic()
    manifest = crawl(params, job_id=job_id, output=output, allow_private=allow_private,
                     rules_dirs=args.rules_dir, extractor=args.extractor, workers=args.workers,
                     concurrency=getattr(args, "concurrency", None), throttle=not getattr(args, "no_throttle", False),
                     overrides=overrides, log_level=getattr(args, "log_level", "WARNING"), state=state)
    if getattr(args, "job_dir", None) and manifest.get("status") == "finished":
        _finish_job(args.job_dir)
    _report(manifest, time.monotonic() - start)
    verdict = manifest.get("verdict", {"ok": manifest.get("status") == "finished", "reason": manifest.get("status")})
    if manifest.get("output_error"):
        verdict = {"ok": False, "reason": manifest["output_error"]}
    elif not manifest.get("reconciles"):
        verdict = {"ok": False, "reason": "output files do not reconcile with the counts"}
    print(f"splog: {'ok' if verdict['ok'] else 'FAILED'}: {verdict['reason']}",
          file=_info if verdict["ok"] else sys.stderr)
    return 0 if verdict["ok"] else EXIT_FAILED


def _open_state(path: str | None):
    """Open and lock the state file; a second overlapping run stops here with exit code 3."""
    from pipelines.state import LockedError, open_state

    try:
        return open_state(path)
    except LockedError as exc:
        print(f"splog: FAILED: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_LOCKED) from None
    except OSError as exc:
        _fail(f"cannot open state file {path}: {exc.strerror or exc}")


def _job(job_dir: str, job_id: str, output: str | None) -> tuple[str, str, bool]:
    """(job id, output, resume?) for a job directory: an unfinished earlier attempt is resumed."""
    from crawler.jobs import load_job, save_job

    earlier = load_job(job_dir)
    if earlier and not earlier.get("finished"):
        return earlier["job_id"], earlier["output"], True
    output = output or str(Path(job_dir) / "out.jsonl")
    save_job(job_dir, {"job_id": job_id, "output": output, "finished": False})
    return job_id, output, False


def _finish_job(job_dir: str) -> None:
    from crawler.jobs import load_job, save_job

    job = load_job(job_dir) or {}
    save_job(job_dir, {**job, "finished": True})


def cmd_extract(args: argparse.Namespace) -> int:
    from crawler.offline import InputError, check_paths
    from crawler.params import is_http_url
    from crawler.runner import extract_files

    try:
        check_paths(args.paths)
    except InputError as exc:
        _fail(str(exc))
    _check_rules(args.rules_dir)
    if args.url and (len(args.paths) != 1 or Path(args.paths[0]).is_dir()):
        _fail("--url needs exactly one input file")
    for option, value in (("--url", args.url), ("--base-url", args.base_url)):
        if value and not is_http_url(value):
            _fail(f"{option} is not an http(s) URL: {value}")
    start = time.monotonic()
    manifest = extract_files(args.paths, job_id=_job_id(args), output=args.output, url=args.url,
                             base_url=args.base_url, rules_dirs=args.rules_dir, extractor=args.extractor,
                             workers=args.workers)
    _report(manifest, time.monotonic() - start)
    failure = manifest.get("output_error") or (None if manifest.get("reconciles") else
                                                "output files do not reconcile with the counts")
    if failure:
        print(f"splog: FAILED: {failure}", file=sys.stderr)
        return EXIT_FAILED
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.farm.runner import serve_demo

    with serve_demo(args.posts) as urls:
        print(f"demo farm: {len(urls)} blogs on loopback: {' '.join(urls)}", file=_info)
        args.seeds_file = None
        if not args.output:
            args.output = "data/output/demo.jsonl"
        return run_crawl(argparse.Namespace(**{**vars(args), "no_throttle": True, "set": [],
                                                "log_level": "WARNING"}), urls, allow_private=True)


def cmd_link(args: argparse.Namespace) -> int:
    from crawler.relink import relink
    from pipelines.state import LockedError

    if args.input != "-" and Path(args.input).is_dir():
        _fail(f"a folder, not a records file: {args.input}")
    if args.input != "-" and not Path(args.input).is_file():
        _fail(f"no such file: {args.input}")
    if args.output and args.input != "-" and Path(args.output).resolve() == Path(args.input).resolve():
        _fail("--output must differ from the input file")
    _check_redis(args.redis)
    start = time.monotonic()
    try:
        manifest = relink(args.input, job_id=_job_id(args), output=args.output, state_path=args.state,
                          redis_url=args.redis)
    except LockedError as exc:
        print(f"splog: FAILED: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except OSError as exc:  # the state file's folder, a full disk...
        _fail(f"cannot open {exc.filename or 'a file'}: {exc.strerror or exc}")
    _report(manifest, time.monotonic() - start)
    counts = manifest.get("counts", {})
    if counts.get("rejects") and not counts.get("records"):
        # (a file of something else, another tool's lines without text: nothing was linked)
        print(f"splog: FAILED: no line of {args.input} was a record to link", file=sys.stderr)
        return EXIT_FAILED
    return 0 if manifest.get("reconciles") else EXIT_FAILED


def cmd_networks(args: argparse.Namespace) -> int:
    from crawler.networks import Tally, read_paths, write_networks

    for path in args.inputs:
        if path != "-" and Path(path).is_dir():
            _fail(f"a folder, not a records file: {path}")
        if path != "-" and not Path(path).is_file():
            _fail(f"no such file: {path}")
    if args.inputs.count("-") > 1:
        _fail("standard input (-) can be read once")
    tally = Tally()
    read_paths(tally, args.inputs)
    if args.output and args.output != "-":
        with open(args.output, "w", encoding="utf-8") as out:
            found = write_networks(tally, out, args.all)
    else:
        found = write_networks(tally, sys.stdout, args.all)
    what = ("network" if found == 1 else "networks") + ("" if args.all else " of two or more blogs")
    unread = (f"; {tally.unread} line{'s were' if tally.unread != 1 else ' was'} no record" if tally.unread else "")
    print(f"splog: {found} {what} among {len(tally.records)} blogs ({sum(tally.records.values())} records) "
          f"in {len(args.inputs)} file{'s' if len(args.inputs) != 1 else ''}{unread}", file=sys.stderr)
    if tally.lines and not tally.records:
        print("splog: FAILED: no line was a splog record", file=sys.stderr)
        return EXIT_FAILED
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from crawler.quality import CorpusError, evaluate, report, summary

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        _fail(f"corpus folder not found: {args.corpus}")
    try:
        tallies = evaluate(corpus, args.extractor)
    except CorpusError as exc:
        _fail(f"bad corpus page: {exc}")
    if "overall" not in tallies:
        _fail(f"no labelled pages (truth.json) under {args.corpus}")
    print(report(tallies))
    if args.json:
        print(json.dumps(summary(tallies)))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from schemas.generate import MODELS, render

    print(render(MODELS[f"{args.kind}.schema.json"]), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    global _info
    args = build_parser().parse_args(argv)
    _info = sys.stdout
    if getattr(args, "output", None) == "-":  # -o -: records on standard output, for a pipe
        if getattr(args, "job_dir", None):
            _fail("-o - cannot go with --job-dir: a job resumed after a kill appends to its output file")
        _info = sys.stderr
    _check_writable(getattr(args, "output", None), "output")
    _check_writable(getattr(args, "state", None), "state file")
    _check_writable(getattr(args, "job_dir", None), "job folder", folder=True)
    try:
        if args.command == "crawl":
            if not args.seeds and not args.seeds_file:
                _fail("no seeds: give blog URLs or --seeds-file")
            return run_crawl(args, args.seeds, args.allow_private_hosts)
        return {"extract": cmd_extract, "demo": cmd_demo, "link": cmd_link, "eval": cmd_eval,
                "schema": cmd_schema, "networks": cmd_networks}[args.command](args)
    except KeyboardInterrupt:
        print("splog: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file that could be opened at the start but not written later (a full disk)
        from pipelines.export import OutputFailed

        if isinstance(exc, OutputFailed):  # (its message names the file and the reason)
            print(f"splog: error: {exc}", file=sys.stderr)
            return EXIT_FAILED
        where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
        print(f"splog: error: cannot write{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED


def run() -> NoReturn:
    """The `splog` command. Once a command has finished, its files are closed and its summary
    printed, the process leaves without the interpreter's teardown: freeing every module and object
    (~0.2 s after a crawl) and letting the extraction forkserver tear down its own (~0.15 s, during
    which a caller reading our output still waits) change nothing a caller can see."""
    try:
        code = main()
    except SystemExit as exc:  # bad arguments, --help: leave the same quick way, the forkserver included
        code = exc.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
        code = code if isinstance(code, int) else 0 if code is None else 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    from pipelines.procs import stop_forkserver

    stop_forkserver()
    os._exit(code)


if __name__ == "__main__":
    run()
