"""Shared fixtures: the farm served by a real subprocess on loopback, and crawls run through the CLI."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.farm.runner import farm_process

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT.parent / "shared" / "seeds"


@dataclass
class Run:
    """One finished `splog` command: exit code, output, and what it wrote."""

    code: int
    stdout: str
    stderr: str
    out: Path

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.out.read_text(encoding="utf-8").splitlines()]

    def rejects(self) -> list[dict]:
        path = self.out.with_name(self.out.name.replace(".jsonl", ".rejects.jsonl"))
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    def manifest(self) -> dict:
        return json.loads(self.out.with_name(self.out.name.replace(".jsonl", ".manifest.json")).read_text())


def run_splog(*args: str, out: Path | None = None, timeout: float = 300) -> Run:
    """Run the real command line in a subprocess (Scrapy's reactor runs once per process)."""
    cmd = [sys.executable, "-m", "crawler.cli", *args]
    if out is not None:
        cmd += ["-o", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
    return Run(proc.returncode, proc.stdout, proc.stderr, out or Path("/nonexistent"))


def fresh_python(script: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """Run a Python script with args in a fresh interpreter (what a process imports and builds once);
    the JSON value of the last line it prints."""
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env=env, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


class Handler(BaseHTTPRequestHandler):
    """A test site's request handler: `send` answers with a body (bytes or text) and headers; the
    server's per-request log lines are kept quiet."""

    def send(self, status: int, ctype: str, body: bytes | str, headers: dict[str, str] | None = None,
             write: bool = True) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if write:
            self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1") -> Iterator[str]:
    """Serve handler on a free loopback port for the duration; yields the base URL (no slash).
    host "::1" serves on IPv6 loopback (the URL's host is then "[::1]")."""
    server = (_IPv6Server if ":" in host else ThreadingHTTPServer)((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{f'[{host}]' if ':' in host else host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files splog caches (the uncompressed language model) go to the session's temporary folder,
    for this process and every crawl it starts, not to the user's ~/.cache."""
    path = tmp_path_factory.mktemp("cache")
    os.environ["SPLOG_CACHE_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def farm() -> list[dict]:
    """The demo farm plus a blog of bad pages, each blog on its own loopback host."""
    with farm_process("--trouble") as blogs:
        yield blogs


@pytest.fixture(scope="session")
def farm_crawl(farm: list[dict], tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One crawl of the whole farm through `splog crawl --seeds-file`, shared by the e2e tests."""
    tmp = tmp_path_factory.mktemp("crawl")
    seeds = tmp / "seeds.txt"
    seeds.write_text("# demo farm\n" + "".join(b["url"] + "\n" for b in farm), encoding="utf-8")
    return run_splog("crawl", "--allow-private-hosts", "--seeds-file", str(seeds), "--no-throttle",
                     "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1", out=tmp / "out.jsonl")
