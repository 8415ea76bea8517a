"""--resolve-short-links against a real local server: a two-hop short link ends at the original article."""

from __future__ import annotations

import pytest

from tests.conftest import Handler, run_splog, serve


class _Handler(Handler):
    hits: list[tuple[str, str]] = []

    def _answer(self, body: bool) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.hits.append((self.command, self.path))
        routes = {
            "/robots.txt": (200, {"Content-Type": "text/plain"}, "User-agent: *\nAllow: /\n"),
            "/s/abc": (301, {"Location": f"{base}/s/def"}, ""),
            "/s/def": (302, {"Location": "https://www.original.example/2026/03/story"}, ""),
            "/2026/03/harbor-bridge-reopens.html": (200, {"Content-Type": "text/html; charset=utf-8"}, (
                "<html><head><meta name='generator' content='WordPress 6.4'><title>Bridge reopens</title></head>"
                "<body><article><h1 class='entry-title'>Bridge reopens</h1><div class='entry-content'>"
                "<p>The harbour bridge reopened on Tuesday after eight months of repairs to its cables.</p>"
                "<p>Engineers replaced 212 strands and rebuilt two joints, the city said.</p>"
                f"<p>Source: <a href='{base}/s/abc'>{base}/s/abc</a></p></div></article></body></html>")),
        }
        status, headers, text = routes.get(self.path, (404, {}, "not found"))
        self.send(status, "", text, headers, write=body)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(False)


@pytest.fixture()
def shortener():
    _Handler.hits = []
    with serve(_Handler) as base:
        yield base


def test_short_links_resolve_to_the_original(shortener, tmp_path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local.toml").write_text('[short_links]\nhosts = ["127.0.0.1"]\n', encoding="utf-8")
    post = shortener + "/2026/03/harbor-bridge-reopens.html"
    args = ("crawl", post, "--allow-private-hosts", "--no-throttle", "--rules-dir", str(rules))
    plain = run_splog(*args, out=tmp_path / "plain.jsonl")
    assert plain.records()[0]["source"]["url"] == shortener + "/s/abc"  # not resolved unless asked
    assert not any(method == "HEAD" for method, _ in _Handler.hits)
    run = run_splog(*args, "--resolve-short-links", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    [record] = run.records()
    assert record["source"]["url"] == "https://www.original.example/2026/03/story"
    assert ("HEAD", "/s/abc") in _Handler.hits and ("HEAD", "/s/def") in _Handler.hits
