"""`splog networks`: the blogs one operator runs, by the operator ids their records share, over one
run's records or many runs'."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.farm.model import Operator
from tests.conftest import run_splog


def _networks(run) -> list[dict]:
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_a_crawls_records_name_the_network_of_one_operators_blogs(farm, farm_crawl, tmp_path: Path) -> None:
    """The demo farm: three blogs of one operator (a Blogger, a WordPress and a plain site), one of another."""
    records = farm_crawl.out.read_text(encoding="utf-8").splitlines()
    run = run_splog("networks", str(farm_crawl.out))
    assert run.code == 0, run.stderr
    [network] = _networks(run)
    first = Operator(1)
    kinds = {b["url"]: b["kind"] for b in farm}
    assert network["blog_count"] == 3 and sorted(kinds[b] for b in network["blogs"]) == ["blogger", "plain", "wordpress"]
    assert {"kind": "adsense", "id": first.adsense, "blog_count": 3} in network["ids"]
    assert {"kind": "google-analytics", "id": first.analytics, "blog_count": 3} in network["ids"]
    assert network["records"] == sum(1 for line in records if json.loads(line)["blog"]["url"] in network["blogs"])
    assert run.stderr.strip() == (f"splog: 1 network of two or more blogs among {len(kinds)} blogs "
                                  f"({len(records)} records) in 1 file")
    # the same from the records split over two runs' files, and with --all the blogs that share no id
    half = len(records) // 2
    (tmp_path / "a.jsonl").write_text("\n".join(records[:half]) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(records[half:]) + "\n", encoding="utf-8")
    split = run_splog("networks", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "--all")
    networks = _networks(split)
    assert networks[0] == network and [n["blog_count"] for n in networks] == [3, 1, 1]


def _line(blog: str, *ids: tuple[str, str, list[str]], links: tuple[str, ...] = ()) -> str:
    return json.dumps({"blog": {"url": blog, "platform": "generic"},
                       "operator_ids": [{"kind": k, "id": i, "where": w} for k, i, w in ids],
                       "outlinks": [{"url": u, "text": "a link"} for u in links]})


def test_ids_join_blogs_transitively_but_an_id_in_a_body_alone_joins_none(tmp_path: Path) -> None:
    lines = [
        _line("https://a.example/", ("adsense", "pub-1111222233334444", ["home"]),
              links=("https://www.money.example/casino", "https://wiki.example/Harbour")),
        _line("https://b.example/", ("adsense", "pub-1111222233334444", ["home"]), ("google-analytics", "G-B2C3", ["home"]),
              links=("https://money.example/slots",)),
        _line("https://c.example/", ("google-analytics", "G-B2C3", ["home"]), links=("https://money.example/",)),
        # a copied article's affiliate tag, in two unrelated blogs' bodies
        _line("https://d.example/", ("amazon-associates", "origpaper-20", ["body"])),
        _line("https://e.example/", ("amazon-associates", "origpaper-20", ["body"])),
        "not json", json.dumps({"title": "another tool's line"}),
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "networks.jsonl"
    run = run_splog("networks", str(path), out=out)
    assert run.code == 0, run.stderr
    [network] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert network["blogs"] == ["https://a.example/", "https://b.example/", "https://c.example/"]
    assert network["ids"] == [{"kind": "adsense", "id": "pub-1111222233334444", "blog_count": 2},
                              {"kind": "google-analytics", "id": "G-B2C3", "blog_count": 2}]
    assert network["links_to"] == [{"host": "money.example", "blog_count": 3}]  # (not a host one blog links to)
    assert "2 lines were no record" in run.stderr


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    for args, message in ((["/nonexistent/records.jsonl"], "no such file"), ([str(tmp_path)], "a folder"),
                          (["-", "-"], "can be read once")):
        run = run_splog("networks", *args)
        assert run.code == 2 and message in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    junk = tmp_path / "junk.jsonl"
    junk.write_text("hello\n", encoding="utf-8")
    run = run_splog("networks", str(junk))
    assert run.code == 1 and "no line was a splog record" in run.stderr
