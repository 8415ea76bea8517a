"""A real scrapyd process on a free loopback port: deploy the project's egg, schedule `blogs`, read the output."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from crawler.deploy import deploy
from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


@pytest.fixture()
def scrapyd(tmp_path):
    exe = shutil.which("scrapyd", path=str(Path(sys.executable).parent)) or shutil.which("scrapyd")
    assert exe, "scrapyd is installed by the project's test dependencies"
    port = _free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {tmp_path / 'eggs'}\n"
        f"logs_dir = {tmp_path / 'logs'}\nitems_dir =\ndbs_dir = {tmp_path / 'dbs'}\nmax_proc = 2\n"
        "poll_interval = 0.5\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([exe], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                if _get(url + "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("scrapyd did not start: " + proc.stderr.read().decode()[-2000:] if proc.poll() else "timeout")
        yield url, tmp_path
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_deploy_schedule_and_read_output(scrapyd, farm) -> None:
    url, tmp = scrapyd
    assert deploy(url, "splog", "1.0")["status"] == "ok"
    out = tmp / "scrapyd-out.jsonl"
    form = [("project", "splog"), ("spider", "blogs"), ("seeds", farm[0]["url"]),
            ("setting", "SPLOG_ALLOW_PRIVATE_HOSTS=True"), ("setting", f"SPLOG_OUTPUT={out}"),
            ("setting", "AUTOTHROTTLE_ENABLED=False")]
    req = urllib.request.Request(url + "schedule.json", data=urllib.parse.urlencode(form).encode())
    job = json.loads(urllib.request.urlopen(req, timeout=10).read())
    assert job["status"] == "ok", job
    for _ in range(300):
        jobs = _get(url + "listjobs.json?project=splog")
        if any(j["id"] == job["jobid"] for j in jobs["finished"]):
            break
        time.sleep(0.2)
    else:
        pytest.fail("the scheduled job did not finish in 60 s")
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 20 and {r["blog"]["platform"] for r in records} == {"blogger"}
    manifest = json.loads(out.with_name("scrapyd-out.manifest.json").read_text())
    assert manifest["reconciles"] and manifest["verdict"]["ok"]
