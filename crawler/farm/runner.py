"""Start the farm server as a subprocess and hand back its blog URLs (demo, tests, benchmarks)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def farm_process(*args: str) -> Iterator[list[dict]]:
    """Run `python -m crawler.farm.server ARGS` until the block ends; yields its blog listing."""
    proc = subprocess.Popen([sys.executable, "-m", "crawler.farm.server", *args], stdout=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line:
            raise RuntimeError(f"farm server did not start (exit code {proc.poll()})")
        yield json.loads(line)["blogs"]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def serve_demo(posts: int = 20) -> Iterator[list[str]]:
    with farm_process("--posts", str(posts)) as blogs:
        yield [b["url"] for b in blogs]
