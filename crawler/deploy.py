"""Build a Scrapy egg of this project and deploy it to scrapyd (addversion.json), no setup.py needed.

    python -m crawler.deploy [--url http://127.0.0.1:6800/] [--project splog] [--version V] [--egg-only FILE]

Defaults come from the [deploy] section of scrapy.cfg.
"""

from __future__ import annotations

import argparse
import configparser
import io
import json
import secrets
import sys
import time
import urllib.request
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "pipelines", "schemas")
DATA_SUFFIXES = (".py", ".toml", ".json")


def build_egg(version: str) -> bytes:
    """A zipped egg: the project's packages plus EGG-INFO naming crawler.settings as the settings."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as egg:
        for package in PACKAGES:
            for path in sorted((ROOT / package).rglob("*")):
                if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
                    egg.write(path, path.relative_to(ROOT).as_posix())
        egg.writestr("EGG-INFO/PKG-INFO", f"Metadata-Version: 2.1\nName: splog\nVersion: {version}\n")
        egg.writestr("EGG-INFO/entry_points.txt", "[scrapy]\nsettings = crawler.settings\n")
        egg.writestr("EGG-INFO/top_level.txt", "\n".join(PACKAGES) + "\n")
        egg.writestr("EGG-INFO/not-zip-safe", "")
    return buf.getvalue()


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "splog" + secrets.token_hex(8)
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  "Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def deploy(url: str, project: str, version: str) -> dict:
    body, ctype = _multipart({"project": project, "version": version},
                             {"egg": (f"{project}-{version}.egg", build_egg(version))})
    req = urllib.request.Request(url.rstrip("/") + "/addversion.json", data=body, headers={"Content-Type": ctype})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def main(argv: list[str] | None = None) -> int:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "scrapy.cfg")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default=cfg.get("deploy", "url", fallback="http://127.0.0.1:6800/"))
    ap.add_argument("--project", default=cfg.get("deploy", "project", fallback="splog"))
    ap.add_argument("--version", default=f"{metadata.version('splog')}-{int(time.time())}")
    ap.add_argument("--egg-only", metavar="FILE", help="write the egg to FILE instead of deploying")
    args = ap.parse_args(argv)
    if args.egg_only:
        Path(args.egg_only).write_bytes(build_egg(args.version))
        return 0
    try:
        answer = deploy(args.url, args.project, args.version)
    except OSError as exc:
        print(f"splog deploy: error: {args.url}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(answer))
    return 0 if answer.get("status") == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
