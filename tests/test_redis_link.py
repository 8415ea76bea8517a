"""The shared copy index against a real redis-server started on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest

from bench.link_eval import as_record
from bench.linkset import build
from pipelines.linking import CopyIndex
from tests.conftest import run_splog

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server is installed by .ci/run (apt)")


@pytest.fixture()
def redis_url(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def test_two_machines_share_clusters(redis_url) -> None:
    from pipelines.redis_link import RedisLinkStore

    docs = [d for d in build(10, 6) if d.kind in ("original", "exact", "near-truncated", "spin30")]
    originals = [d for d in docs if d.kind == "original"]
    first = CopyIndex(RedisLinkStore(redis_url))  # machine A links the originals
    clusters = {d.source: first.link(as_record(d)).duplicate.cluster_id for d in originals}
    second = CopyIndex(RedisLinkStore(redis_url))  # machine B, empty in memory, sees A's records live
    for d in docs:
        if d.kind != "original":
            dup = second.link(as_record(d)).duplicate
            assert dup.cluster_id == clusters[d.source], (d.id, dup)
            assert dup.kind == {"exact": "exact", "near-truncated": "near", "spin30": "spin"}[d.kind]


def test_splog_link_with_redis_and_bad_url(redis_url, tmp_path) -> None:
    docs = [d for d in build(6, 8) if d.kind in ("original", "exact")]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(as_record(d).model_dump_json() + "\n" for d in docs))
    run = run_splog("link", str(src), "--redis", redis_url, out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    again = run_splog("link", str(src), "--redis", redis_url, out=tmp_path / "o2.jsonl")  # a later run
    assert {r["duplicate"]["cluster_id"] for r in run.records()} == {r["duplicate"]["cluster_id"] for r in again.records()}
    bad = run_splog("link", str(src), "--redis", "redis://127.0.0.1:1/0", out=tmp_path / "o3.jsonl")
    assert bad.code == 2 and bad.stderr.strip().startswith("splog: error: cannot reach the Redis copy index")
