"""Command-line contract: one-line errors with exit code 2; offline extraction of files, .gz and WARC."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import zlib

import pytest

from tests.conftest import ROOT, fresh_python, run_splog

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize(("args", "needle"), [
    (["crawl"], "no seeds"),
    (["crawl", "ftp://example.org/"], "not an http(s) URL"),
    (["crawl", "--seeds-file", "/nonexistent/seeds.txt"], "seeds file not found"),
    (["crawl", "http://exa mple.org/"], "not a URL"),
    (["crawl", "http://[::1/"], "not a URL: 'http://[::1/'"),
    (["crawl", "harbournews"], "no domain"),  # a word, not a blog's address
    (["crawl", "http://example.org:99999/"], "bad port"),
    (["crawl", "http://example.org/", "--workers", "many"], "--workers: not a whole number"),
    (["extract", "/nonexistent/page.html"], "no such file"),
    (["extract", str(GOLDEN), "--url", "https://x.example/a"], "--url needs exactly one input file"),
    (["extract", str(GOLDEN), "--base-url", "mirror.example"], "--base-url is not an http(s) URL"),
    (["extract", str(GOLDEN / "control-news-page" / "input.html"), "--url", "http://"], "--url is not an http(s) URL"),
    (["link", str(GOLDEN)], "a folder, not a records file"),
    (["frobnicate"], "invalid choice"),
    (["extract", str(GOLDEN / "control-news-page" / "input.html"), "--rules-dir", "/nonexistent"], "rules directory"),
    (["crawl", "http://example.org/", "--workers", "-1"], "--workers: must be 0 or more"),
    (["crawl", "http://example.org/", "--concurrency", "0"], "--concurrency: must be 1 or more"),
    (["crawl", "http://example.org/", "--max-posts-per-blog", "lots"], "not a whole number"),
    (["crawl", "http://example.org/", "--max-reject-ratio", "2"], "between 0 and 1"),
    (["crawl", "http://example.org/", "--since", "yesterday"], "--since: not a date, a time or a span like 7d"),
    (["crawl", "http://example.org/", "--since", "2026-02-30"], "--since: not a real date or time"),
    (["crawl", "http://example.org/", "-s", "SPLOG_SINCE=last week"], "SPLOG_SINCE=last week: not a date, a time or a span"),
    (["crawl", "http://example.org/", "-s", "DOWNLOAD_TIMEOUT=abc"], "DOWNLOAD_TIMEOUT takes a number"),
    (["crawl", "http://example.org/", "-s", "ROBOTSTXT_OBEY=maybe"], "ROBOTSTXT_OBEY takes a true/false"),
    (["crawl", "http://example.org/", "-o", str(GOLDEN)], "is a folder, not a file"),
    (["crawl", "http://example.org/", "-o", str(GOLDEN / "control-news-page" / "input.html" / "o.jsonl")],
     "cannot make the folder"),
    (["crawl", "http://example.org/", "--job-dir", str(GOLDEN / "control-news-page" / "input.html")],
     "is a file, not a folder"),
    (["crawl", "http://example.org/", "-o", "-", "--job-dir", str(GOLDEN)], "-o - cannot go with --job-dir"),
    (["link", str(GOLDEN / "control-news-page" / "expected.json"), "--state",
      str(GOLDEN / "control-news-page" / "input.html" / "s.db")], "cannot make the folder of state file"),
    (["demo", "--posts", "0"], "--posts: must be 1 or more"),
    # a run id names the run's files: none that would write them elsewhere
    (["crawl", "http://example.org/", "--job-id", "../../nightly"], "--job-id: not a run id: '../../nightly'"),
    (["extract", str(GOLDEN), "--job-id", "a/b"], "--job-id: not a run id"),
    (["crawl", "http://example.org/", "-s", "SPLOG_JOB_ID=.hidden"], "SPLOG_JOB_ID=.hidden: not a run id"),
    (["extract", str(GOLDEN), "-o", str(GOLDEN)], "is a folder, not a file"),
    # a path that is neither a file nor a folder, and files whose folder allows writing but that
    # cannot be made there (/proc, a read-only mount)
    (["extract", os.devnull], "not a file or folder"),
    (["crawl", "--seeds-file", str(GOLDEN)], "is a folder, not a file"),
    # an empty path (an unset shell variable): not the default output file, nor every file in the folder
    (["crawl", "http://example.org/", "-o", ""], "argument -o/--output: empty path"),
    (["crawl", "http://example.org/", "--state", " "], "argument --state: empty path"),
    (["crawl", "--seeds-file", ""], "argument --seeds-file: empty path"),
    (["extract", ""], "argument paths: empty path"), (["link", ""], "argument input: empty path"),
    pytest.param(["extract", str(GOLDEN / "control-news-page" / "input.html"), "-o", "/proc/splog-out.jsonl"],
                 "cannot write output", marks=pytest.mark.skipif(not os.path.isdir("/proc"), reason="no /proc")),
    pytest.param(["crawl", "http://example.org/", "--state", "/proc/splog-state.db"], "cannot write state file",
                 marks=pytest.mark.skipif(not os.path.isdir("/proc"), reason="no /proc")),
])
def test_bad_arguments_give_one_line_and_exit_2(args, needle) -> None:
    run = run_splog(*args)
    assert run.code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("splog: error:") and needle in lines[0], run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(("args", "needle"), [
    ([], "no seeds"),
    (["-a", "seeds=ftp://example.org/"], "not an http(s) URL"),
    (["-a", "seeds_file=/nonexistent/seeds.txt"], "seeds file not found"),
    (["-a", "seeds=http://example.org/", "-a", "max_posts_per_blog=-3"], "max_posts_per_blog"),
    (["-a", "seeds=http://example.org/", "-s", "DOWNLOAD_TIMEOUT=abc"], "DOWNLOAD_TIMEOUT takes a number"),
    (["-a", "seeds=http://example.org/", "-s", "SPLOG_FULL=maybe"], "SPLOG_FULL takes a true/false"),
    (["-a", "seeds=http://example.org/", "-s", "SPLOG_JOB_ID=../x"], "SPLOG_JOB_ID=../x: not a run id"),
])
def test_scrapy_crawl_with_bad_arguments_is_a_usage_error(args, needle) -> None:
    """The design card's entry point (scrapy.cfg; also what scrapyd runs) refuses them the same way."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "blogs", *args], capture_output=True,
                         text=True, timeout=120, cwd=ROOT, env=env)
    assert run.returncode == 2, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    last = run.stderr.strip().splitlines()[-1]
    assert ": error: " in last and needle in last, run.stderr[-2000:]  # ("__main__.py: error: ..." under -m)


def test_extract_folder_gz_and_warc(tmp_path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = tmp_path / "pages"
    shutil.copytree(GOLDEN / "control-news-page", pages / "control")
    src = (GOLDEN / "trap-article-about-ifttt" / "input.html").read_bytes()
    (pages / "trap.html.gz").write_bytes(gzip.compress(src))  # no URL in the page: --base-url gives one
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    body = (GOLDEN / "blogger-en-gnews-ifttt" / "input.html").read_bytes()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://dailyworldpulse.blogspot.com/2026/03/harbor.html",
                                                  "response", payload=io.BytesIO(body), http_headers=headers))
    (pages / "crawl.warc.gz").write_bytes(buf.getvalue())
    (pages / "junk.html").write_bytes(b"\x00\x01\x02binary")
    run = run_splog("extract", str(pages), "--base-url", "https://saved.example/", out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    records = {r["crawl"]["via"] + ":" + r["crawl"]["source"].rsplit("/", 1)[-1].split("#")[0]: r for r in run.records()}
    assert set(records) == {"file:input.html", "file:trap.html.gz", "warc:crawl.warc.gz"}
    assert records["file:input.html"]["url"] == "https://www.rivertoncourier.example/city/tram-line-extension-approved"
    assert records["file:trap.html.gz"]["url"] == "https://saved.example/trap.html.gz"
    assert records["warc:crawl.warc.gz"]["source"]["publisher"] == "Coastal Ledger"
    assert [r["reason"] for r in run.rejects()] == ["not_html"]
    assert run.manifest()["reconciles"] is True


@pytest.mark.parametrize(("level", "shown", "hidden"), [
    ("DEBUG", ["Crawled (200)", "Spider opened"], []),
    ("INFO", ["Spider opened"], ["Crawled (200)"]),
])
def test_log_level_is_the_users(farm, tmp_path, level, shown, hidden) -> None:
    """--log-level decides which of Scrapy's lines are shown, at either side of its per-page debug lines
    (the crawl filters them at Scrapy's logger, not only at its handler)."""
    blog = next(b for b in farm if b["kind"] == "plain")
    run = run_splog("crawl", blog["url"], "--allow-private-hosts", "--no-throttle", "--max-posts-per-blog", "2",
                    "--log-level", level, out=tmp_path / "out.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    for needle in shown:
        assert needle in run.stderr
    for needle in hidden:
        assert needle not in run.stderr


_QUAY_PAGE = ("<html><head><title>Quay reopens</title></head><body><article><h1>Quay reopens</h1><p>The north quay "
              "at Wexcombe reopened to fishing boats on Friday after the dredging of its berths was finished.</p>"
              "<p>The harbour master thanked skippers for their patience during the six weeks of work.</p></article>"
              "</body></html>")


def test_warc_records_read_as_a_crawl_reads_responses(tmp_path) -> None:
    """The charset of a record's HTTP header decodes its page; error and redirect responses the archiving
    crawler kept are http_<status> rejects, as in a crawl; a gzip-encoded body is read decoded."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ru = ("<html><head><title>Паром снова ходит</title></head><body><article><h1>Паром снова ходит</h1>"
          "<p>Паром между Заречьем и Озерском снова ходит по расписанию после ремонта двигателя, который занял "
          "почти две недели.</p><p>Перевозчик обещает добавить вечерний рейс к началу лета.</p></article></body></html>")
    en = _QUAY_PAGE
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, status, headers, body in [
        ("https://ozersk-news.example/parom.html", "200 OK", [("Content-Type", "text/html; charset=windows-1251")],
         ru.encode("cp1251")),
        ("https://ozersk-news.example/gone.html", "404 Not Found", [("Content-Type", "text/html")],
         b"<html><body><h1>Not found</h1><p>The page you asked for is not on this server any more.</p></body></html>"),
        ("https://ozersk-news.example/old.html", "301 Moved Permanently",
         [("Content-Type", "text/html"), ("Location", "https://ozersk-news.example/parom.html")],
         b"<html><body><p>This page has moved to a new address on this server.</p></body></html>"),
        ("https://wexcombe.example/quay.html", "200 OK",
         [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")], gzip.compress(en.encode())),
    ]:
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(buf.getvalue())
    run = run_splog("extract", str(warc), out=tmp_path / "o.jsonl")
    records = {r["url"]: r for r in run.records()}
    assert set(records) == {"https://ozersk-news.example/parom.html", "https://wexcombe.example/quay.html"}
    assert records["https://ozersk-news.example/parom.html"]["title"] == "Паром снова ходит"
    assert "Заречьем" in records["https://ozersk-news.example/parom.html"]["text"]
    assert "dredging" in records["https://wexcombe.example/quay.html"]["text"]
    assert sorted((r["url"], r["reason"]) for r in run.rejects()) == [
        ("https://ozersk-news.example/gone.html", "http_404"), ("https://ozersk-news.example/old.html", "http_301")]
    assert run.manifest()["reconciles"] is True




def test_a_broken_warc_or_gzip_file_is_a_reject_and_the_rest_is_read(tmp_path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = _QUAY_PAGE
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://wexcombe.example/quay.html", "response",
                                                  payload=io.BytesIO(page.encode()), http_headers=http))
    # then a record cut short, with no target URI (warcio fails on it)
    (tmp_path / "cut.warc").write_bytes(buf.getvalue() + b"WARC/1.0\r\nWARC-Type: response\r\n"
                                        b"Content-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n")
    (tmp_path / "page.html.gz").write_bytes(b"not gzip at all")
    run = run_splog("extract", str(tmp_path / "cut.warc"), str(tmp_path / "page.html.gz"), out=tmp_path / "o.jsonl")
    assert "Traceback" not in run.stderr
    assert [r["url"] for r in run.records()] == ["https://wexcombe.example/quay.html"]
    assert sorted((r["reason"], r["detail"].split(":")[0]) for r in run.rejects()) == [
        ("bad_encoding", "not gzip"), ("bad_warc", "unreadable after 1 records")]
    assert run.manifest()["reconciles"] is True


@pytest.mark.parametrize(("data", "label", "text"), [
    ("<p>Pyhäjärvi café</p>".encode("utf-8"), "ISO-8859-1", "<p>Pyhäjärvi café</p>"),  # a server's default label
    ("<p>Паром снова ходит</p>".encode("utf-8"), "windows-1251", "<p>Паром снова ходит</p>"),
    ("<p>Pyhäjärvi café</p>".encode("cp1252"), "ISO-8859-1", "<p>Pyhäjärvi café</p>"),  # labelled right
    ("<p>Паром снова ходит</p>".encode("cp1251"), "windows-1251", "<p>Паром снова ходит</p>"),
    ("<p>Паром</p>".encode("koi8-r"), "koi8-r", "<p>Паром</p>"),
])
def test_utf8_under_a_one_byte_label_is_read_as_utf8(data: bytes, label: str, text: str) -> None:
    from crawler.offline import decode_html

    assert decode_html(data, label) == text
    assert decode_html(f"<meta charset='{label}'>".encode() + data) == f"<meta charset='{label}'>" + text


_FERRY_RU = "<html><body><p>Паром на остров будет ходить три раза в день вместо двух, сообщил перевозчик.</p></body></html>"
_FERRY_JA = "<html><body><p>運航会社は十二月から島へのフェリーを一日三便に増やすと発表した。</p></body></html>"
_FERRY_FR = "<html><body><p>Le café du port rouvrira à Pâques, déjà rénové, après un hiver de travaux.</p></body></html>"


@pytest.mark.parametrize(("text", "charset"), [
    (_FERRY_RU, "cp1251"), (_FERRY_JA, "shift_jis"), (_FERRY_FR * 20, "cp1252"), (_FERRY_FR, "cp1252")])
def test_a_page_in_a_legacy_charset_it_names_nowhere_is_read_in_it(text: str, charset: str) -> None:
    """A saved page without a charset label, not UTF-8: before, it was always read as Windows-1252
    (a Russian or Japanese page became mojibake); the detector's guess is taken unless Windows-1252
    reads the bytes about as well (its first guess for French may be a Baltic code page)."""
    from crawler.offline import decode_html

    assert decode_html(text.encode(charset)) == text


# fictional stories in languages whose letters Windows-1252 lacks, and an English one whose few
# letters beyond ASCII the detector alone read in a Baltic code page
_FERRY_TR = ("<html><body><h1>Adaya yapılacak feribot seferleri artırılıyor</h1><p>Aralıktan itibaren adaya günde iki "
             "yerine üç feribot seferi yapılacağını işletme şirketi açıkladı. Ek sefer akşam altıda anakaradan kalkacak. "
             "Ada sakinleri, işten sonra eve dönebilmek için uzun süredir bir akşam seferi istiyordu.</p></body></html>")
_FERRY_HU = ("<html><body><h1>Sűrűbben jár a komp a szigetre</h1><p>Decembertől naponta kettő helyett három kompjárat "
             "indul a szigetre, közölte az üzemeltető. Az új járat este hatkor hagyja el a szárazföldet. A sziget lakói "
             "régóta kérték az esti járatot, hogy munka után hazaérjenek.</p></body></html>")
_FERRY_CS = ("<html><body><h1>Trajekt na ostrov bude jezdit častěji</h1><p>Od prosince bude trajekt na ostrov plout "
             "třikrát denně místo dvakrát, oznámil dopravce. Další spoj vypluje z pevniny v šest večer. Obyvatelé "
             "ostrova dlouho žádali o večerní plavbu, aby se po práci stihli vrátit domů.</p></body></html>")
_FERRY_EN = ("<html><body><p>" + "The ferry to the island will run three times a day from December instead of twice, "
             "the operator said on Monday. The extra crossing leaves the mainland at six in the evening and returns an "
             "hour later. Islanders had long asked for an evening boat so that they could get home after work. " * 5
             + "Its owner, Zoë Marsh, was pleased… </p></body></html>")


@pytest.mark.parametrize(("text", "charset"), [
    (_FERRY_TR, "cp1254"), (_FERRY_TR, "iso8859_9"), (_FERRY_HU, "cp1250"), (_FERRY_HU, "iso8859_2"),
    (_FERRY_CS, "cp1250"), (_FERRY_CS, "iso8859_2"), (_FERRY_EN, "cp1252")])
def test_a_page_of_no_charset_is_read_in_a_code_page_of_its_language(text: str, charset: str) -> None:
    """Windows-1252 reads a Turkish, Hungarian or Czech page's bytes about as well as their own code
    page does, so it was taken: "yapýlan" for "yapılan", "Sûrûbben" for "Sűrűbben". The text's language
    now picks among its code pages (charsets.toml), by the letters of its alphabet each reads."""
    from crawler.offline import decode_html

    assert decode_html(text.encode(charset)) == text


_FERRY_CY = ("<html><body><p>Bydd y fferi i'r ynys yn hwylio dair gwaith y dydd o fis Rhagfyr ymlaen, meddai'r cwmni. "
             "Mae trigolion yr ynys wedi gofyn am daith gyda'r nos ers tro, er mwyn cyrraedd adref ar ôl gwaith. Ŵyr y "
             "capten sy'n llywio'r cwch newydd, a bydd y daith yn cymryd llai nag awr. Mae'r porthladd yn brysur yn yr "
             "haf, ac mae'r tŷ coffi ger y cei yn gwerthu bara brith.</p></body></html>")


def test_a_rules_directory_adds_a_language_s_code_page(tmp_path) -> None:
    """A language the package does not list (Welsh, in ISO 8859-14: "tŷ", not Windows-1252's "tþ") is
    read right once a user's charsets table names it; a bad table is a one-line error."""
    from crawler.offline import decode_html
    from pipelines.rules import RuleError, check_rule_dirs

    page = tmp_path / "page.html"
    page.write_bytes(_FERRY_CY.encode("iso8859_14"))
    assert decode_html(page.read_bytes()) != _FERRY_CY
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "welsh.toml").write_text('[charset_languages.cy]\ncharsets = ["iso8859_14"]\n'
                                      'letters = "âêîôûŵŷäëïöüáéíóúẁẃẅỳý ÂÊÎÔÛŴŶ"\n', encoding="utf-8")
    assert decode_html(page.read_bytes(), rules_dirs=(str(rules),)) == _FERRY_CY
    run = run_splog("extract", str(page), "--url", "https://ynys.example/fferi", "--rules-dir", str(rules),
                    out=tmp_path / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    [record] = run.records()
    assert "tŷ coffi" in record["text"] and record["language"] == "cy"
    (rules / "welsh.toml").write_text('[charset_languages.cy]\ncharsets = ["iso-welsh"]\nletters = "ŵŷ"\n',
                                      encoding="utf-8")
    with pytest.raises(RuleError, match="unknown charset 'iso-welsh'"):
        check_rule_dirs((str(rules),))
    bad = run_splog("extract", str(page), "--url", "https://ynys.example/fferi", "--rules-dir", str(rules),
                    out=tmp_path / "bad.jsonl")
    assert bad.code != 0 and len(bad.stderr.strip().splitlines()) == 1 and "iso-welsh" in bad.stderr


@pytest.mark.parametrize("before", ['<!-- <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"> -->',
                                    '<meta charset="x-user-defined-old">', ""])
@pytest.mark.parametrize("declared", ['<meta charset="windows-1251">', "<meta charset = 'windows-1251' >",
                                      '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'])
def test_a_page_s_charset_is_its_first_meta_outside_comments_that_names_a_known_one(before: str, declared: str) -> None:
    """A theme's commented-out old declaration was taken (the page read as Latin-1: mojibake), and a
    first declaration naming no charset Python knows hid the next one."""
    from crawler.offline import decode_html

    page = f"<html><head>{before}{declared}</head>" + _FERRY_RU[6:]
    assert decode_html(page.encode("cp1251")) == page


def _stdout_crawl(farm: list[dict], cwd) -> subprocess.Popen:
    seeds = [b["url"] for b in farm if b["key"] != "trouble"]
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--allow-private-hosts", "--no-throttle",
                             *seeds, "-o", "-"], cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _manifest_named_in(stderr: str, cwd) -> dict:
    line = next(line for line in stderr.splitlines() if line.startswith("manifest: "))
    return json.loads((cwd / line.split(": ", 1)[1]).read_text())


def test_records_go_to_standard_output_with_o_dash(farm, tmp_path) -> None:
    """`-o -`: only records on standard output (for a pipe); paths, summary and verdict on standard
    error; rejects and manifest under data/output/, the manifest counting and hashing what was sent."""
    proc = _stdout_crawl(farm, tmp_path)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()[-2000:]
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 80 and all(r["schema_version"] == "1" for r in records)
    manifest = _manifest_named_in(err.decode(), tmp_path)
    assert manifest["files"]["records"] == {"path": "-", "lines": 80, "sha256": hashlib.sha256(out).hexdigest()}
    assert manifest["reconciles"] and manifest["status"] == "finished"
    assert not (tmp_path / "-").exists()  # (before, a file named "-")


def test_a_reader_that_closes_standard_output_stops_the_crawl(farm, tmp_path) -> None:
    """`splog crawl … -o - | head -1`: the crawl stops, is not ok, and its manifest says why."""
    proc = _stdout_crawl(farm, tmp_path)
    first = proc.stdout.readline()
    proc.stdout.close()  # 80 records (~180 KB) cannot all fit in the pipe before this
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 1, err[-2000:]
    assert json.loads(first)["schema_version"] == "1"
    assert "crawl ended with 'output_closed'" in err.strip().splitlines()[-1]
    manifest = _manifest_named_in(err, tmp_path)
    assert manifest["status"] == "output_closed" and manifest["reconciles"]
    assert 1 <= manifest["files"]["records"]["lines"] == manifest["counts"]["records"] < 80


def test_records_go_to_a_named_pipe(farm, tmp_path) -> None:
    """-o FIFO: opened once (a trial open would end its reader), never read back (that never ended)."""
    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    seeds = [b["url"] for b in farm if b["key"] != "trouble"]
    run = run_splog("crawl", "--allow-private-hosts", "--no-throttle", *seeds, out=fifo, timeout=300)
    reader.join(timeout=30)
    assert run.code == 0, run.stderr[-2000:]
    manifest = json.loads((tmp_path / "records.fifo.manifest.json").read_text())
    assert manifest["files"]["records"] == {"path": str(fifo), "lines": 80, "sha256": hashlib.sha256(got[0]).hexdigest()}
    assert manifest["reconciles"] and len(got[0].splitlines()) == 80


def _limit_file_size() -> None:
    """(in the child) files may grow to 40 kB: a write past that fails as on a full disk"""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))


def test_an_output_that_cannot_be_written_stops_the_run_in_one_line(farm, tmp_path) -> None:
    seeds = [b["url"] for b in farm if b["key"] != "trouble"]
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--allow-private-hosts", "--no-throttle",
                           *seeds, "-o", str(tmp_path / "o.jsonl")], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=_limit_file_size)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    failed = f"cannot write records to {tmp_path / 'o.jsonl'}: File too large"
    assert proc.stderr.strip().splitlines()[-1] == f"splog: FAILED: {failed}"
    manifest = json.loads((tmp_path / "o.manifest.json").read_text())
    assert manifest["status"] == "output_failed" and manifest["output_error"] == failed
    assert manifest["reconciles"] is False and manifest["verdict"]["ok"] is False


def test_a_run_leaves_nothing_in_the_temporary_folder(farm, tmp_path) -> None:
    """The extraction forkserver's socket folder (pymp-*) goes with the run, also after a bad
    argument: a scheduled job used to leave one folder in /tmp a run."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)}
    seed = next(b["url"] for b in farm if b["key"] != "trouble")
    for args, code in (([seed, "-o", str(tmp_path / "o.jsonl")], 0), (["http://[::1/"], 2)):
        proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--allow-private-hosts", "--no-throttle",
                               *args], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
        assert proc.returncode == code, proc.stderr[-2000:]
        assert list(tmp.iterdir()) == []


def test_seeds_come_from_standard_input_with_seeds_file_dash(farm, tmp_path) -> None:
    """`… | splog crawl --seeds-file -`: the seeds file's format (comments too) read from a pipe."""
    seed = next(b["url"] for b in farm if b["key"] != "trouble")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--allow-private-hosts", "--no-throttle",
                           "--seeds-file", "-", "-o", str(tmp_path / "o.jsonl")], input=f"# watchlist\n{seed}  # one blog\n",
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert len(records) == 20 and {r["blog"]["url"] for r in records} == {seed}


def _warc_of(url: str, body: bytes, gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzipped)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


@pytest.mark.parametrize("form", ["html", "html.gz", "warc", "warc.gz", "not gzip"])
def test_extract_reads_standard_input_with_a_dash(tmp_path, form) -> None:
    """`curl … | splog extract - --url URL`, or a WARC piped in (read as it streams)."""
    page = (GOLDEN / "control-news-page" / "input.html").read_bytes()
    url = "https://piped.example/2026/tram.html"
    data = {"html": page, "html.gz": gzip.compress(page), "warc": _warc_of(url, page, False),
            "warc.gz": _warc_of(url, page, True), "not gzip": b"\x1f\x8b" + page}[form]
    args = ["--url", url] if form.startswith("html") else []
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "extract", "-", *args, "-o", str(tmp_path / "o.jsonl")],
                          input=data, cwd=tmp_path, capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    records = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    rejects = [json.loads(line) for line in (tmp_path / "o.rejects.jsonl").read_text().splitlines()]
    if form == "not gzip":
        assert records == [] and [r["reason"] for r in rejects] == ["bad_encoding"]
    else:
        assert [r["url"] for r in records] == [url] and rejects == []
        assert "tram" in records[0]["text"].lower()


@pytest.mark.parametrize(("content", "needle"), [
    ('[[line]]\nid = "x.bad"\npattern = "(unclosed"\n', "x.toml"),
    ("[[line]\n", "x.toml"),
    ('[months]\nxx = ["one"]\n', "twelve months"),
])
def test_a_bad_rule_file_stops_a_crawl_before_it_starts_with_one_line(tmp_path, content: str, needle: str) -> None:
    """The crawl checks the user's rule files up front (the built-in ones are not compiled in its
    main process); the workers would otherwise fail on them page after page."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.toml").write_text(content, encoding="utf-8")
    run = run_splog("crawl", "http://127.0.0.1:9/", "--allow-private-hosts", "--rules-dir", str(rules),
                    "-o", str(tmp_path / "o.jsonl"))
    lines = run.stderr.strip().splitlines()
    assert run.code == 2 and len(lines) == 1 and lines[0].startswith("splog: error:") and needle in lines[0], run.stderr


def test_checking_a_users_rule_files_reads_theirs_alone(tmp_path) -> None:
    from pipelines.rules import RuleError, check_rule_dirs

    (tmp_path / "ok.toml").write_text('[[line]]\nid = "x.ok"\npattern = "sponsored by .{1,40}"\n', encoding="utf-8")
    check_rule_dirs((str(tmp_path),))
    check_rule_dirs(())
    with pytest.raises(RuleError, match="rules directory not found"):
        check_rule_dirs((str(tmp_path / "nope"),))


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-01", "2026-11-01T00:00:00+00:00"), ("2026-11-01T06:00Z", "2026-11-01T06:00:00+00:00"),
    ("2026-11-01T06:00:00+02:00", "2026-11-01T04:00:00+00:00"), ("2026-11-01 06:00", "2026-11-01T06:00:00+00:00"),
    ("36h", "2026-12-02T18:00:00+00:00"), ("7d", "2026-11-27T06:00:00+00:00"), ("2W", "2026-11-20T06:00:00+00:00"),
])
def test_since_reads_a_date_a_time_or_a_span_back_from_now(text: str, expected: str) -> None:
    from datetime import datetime, timezone

    from crawler.cli import since_time

    assert since_time(text, now=datetime(2026, 12, 4, 6, 0, tzinfo=timezone.utc)) == expected



def test_the_manifest_counts_the_records_that_hold_only_an_excerpt(tmp_path) -> None:
    body = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(3))
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, last in (("teaser.html", "The boats will also call at the smaller islands [&#8230;]"),
                       ("whole.html", "The boats will also call at the smaller islands.")):
        (pages / name).write_text(f"<html><head><title>Night ferry returns</title></head><body><article>"
                                  f"<h1>Night ferry returns</h1>{body}<p>{last}</p><p>Read more at "
                                  f"<a href='https://ledger.example/ferry'>Coastal Ledger</a></p></article></body></html>")
    run = run_splog("extract", str(pages), "--base-url", "https://copies.example/", out=tmp_path / "out.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert {r["url"].rsplit("/", 1)[-1]: r["source"]["excerpt"] for r in run.records()} == \
        {"teaser.html": True, "whole.html": False}
    assert run.manifest()["counts"]["records_excerpt"] == 1


def _arc(records: list[tuple[str, bytes]]) -> bytes:
    """An ARC file (version 1, the Internet Archive's format before WARC) of (url, HTTP response) records."""
    version = b"1 0 splog-test\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [b"filedesc://test.arc 0.0.0.0 20260301120000 text/plain %d\n" % len(version), version, b"\n"]
    for url, response in records:
        out += [b"%s 127.0.0.1 20260301120000 text/html %d\n" % (url.encode(), len(response)), response, b"\n"]
    return b"".join(out)


def test_arc_files_and_warc_resource_records_are_read(tmp_path) -> None:
    """An ARC file (plain or gzipped) is read as a WARC is; a WARC's resource record of an HTML page
    (kept without its HTTP headers) is a page too, and one of JSON is not."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + _QUAY_PAGE.encode())
    arc = _arc([("https://wexcombe.example/quay.html", response)])
    (tmp_path / "old.arc").write_bytes(arc)
    pier = ("<html><head><title>Pier lights repaired</title></head><body><article><h1>Pier lights repaired</h1><p>The "
            "lamps along Wexcombe pier shine again after volunteers rewired all forty of them over the winter.</p>"
            "<p>The town council paid for the cable and the new glass shades.</p></article></body></html>")
    response2 = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + pier.encode()
    (tmp_path / "old2.arc.gz").write_bytes(gzip.compress(_arc([("https://wexcombe.example/pier.html", response2)])))
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    page = ("<html><head><title>Lifeboat day</title></head><body><article><h1>Lifeboat day</h1><p>The lifeboat "
            "station at Wexcombe opens its doors to visitors on Saturday, with rides in the inshore boat for "
            "children.</p><p>Crew members will show how the launch tractor works.</p></article></body></html>").encode()
    for url, ctype, body in [("https://wexcombe.example/again.html", "text/html; charset=utf-8", page),
                             ("https://wexcombe.example/api.json", "application/json", b'{"ok": true}')]:
        writer.write_record(writer.create_warc_record(url, "resource", payload=io.BytesIO(body),
                                                      warc_content_type=ctype))
    (tmp_path / "kept.warc.gz").write_bytes(buf.getvalue())
    # a WARC gzipped whole ("gzip crawl.warc"), not a gzip member a record: warcio reads its first record
    # alone, then the rest through gzip (each record once)
    plain = io.BytesIO()
    writer = WARCWriter(plain, gzip=False)
    for name, title in [("ferry", "Ferry timetable changes"), ("market", "Market moves to the quay")]:
        body = _QUAY_PAGE.replace("Quay reopens", title).replace("north quay", f"{name} berth").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://wexcombe.example/{name}.html", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    (tmp_path / "whole.warc.gz").write_bytes(gzip.compress(plain.getvalue()))
    (tmp_path / "empty.warc").write_bytes(b"")  # (no record at all: a reject, not nothing)
    run = run_splog("extract", str(tmp_path / "old.arc"), str(tmp_path / "old2.arc.gz"), str(tmp_path / "kept.warc.gz"),
                    str(tmp_path / "whole.warc.gz"), str(tmp_path / "empty.warc"), out=tmp_path / "out" / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted((r["url"], r["crawl"]["via"]) for r in run.records()) == [
        ("https://wexcombe.example/again.html", "warc"), ("https://wexcombe.example/ferry.html", "warc"),
        ("https://wexcombe.example/market.html", "warc"), ("https://wexcombe.example/pier.html", "warc"),
        ("https://wexcombe.example/quay.html", "warc")]
    assert [(r["reason"], r["detail"]) for r in run.rejects()] == [("bad_warc", "no WARC or ARC record in it")]
    assert run.manifest()["reconciles"] is True


def _bomb(size: int) -> bytes:
    """A gzip bomb: a page of `size` bytes that gzip packs into about a thousandth of that."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"a" * (1 << 20)
    return b"".join([packer.compress(b"<html><body><p>"), *(packer.compress(block) for _ in range(size >> 20)),
                     packer.compress(b"</p></body></html>"), packer.flush()])


def test_a_gzip_bomb_is_a_too_large_reject_not_a_full_memory(tmp_path) -> None:
    """A gzipped page (a file, standard input, or a WARC record's gzip-encoded body) was unpacked
    whole before its size was looked at: a few hundred KB that inflate to gigabytes filled the memory.
    It is read to 32 MB at most; past that it is a too_large reject and the run goes on."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from crawler.offline import MOST_UNPACKED_BYTES

    bomb = _bomb(MOST_UNPACKED_BYTES + (2 << 20))
    assert len(bomb) < MOST_UNPACKED_BYTES // 500
    (tmp_path / "bomb.html.gz").write_bytes(bomb)
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://wexcombe.example/bomb.html", "response",
                                                  payload=io.BytesIO(bomb), http_headers=http))
    plain = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://wexcombe.example/quay.html", "response",
                                                  payload=io.BytesIO(_QUAY_PAGE.encode()), http_headers=plain))
    (tmp_path / "crawl.warc.gz").write_bytes(buf.getvalue())
    run = run_splog("extract", str(tmp_path / "bomb.html.gz"), str(tmp_path / "crawl.warc.gz"),
                    "--base-url", "https://wexcombe.example/", out=tmp_path / "out" / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert [r["url"] for r in run.records()] == ["https://wexcombe.example/quay.html"]
    assert sorted((r["reason"], r["detail"]) for r in run.rejects()) == [("too_large", "over 32 MB unpacked")] * 2
    piped = subprocess.run([sys.executable, "-m", "crawler.cli", "extract", "-", "--url", "https://wexcombe.example/b",
                            "-o", str(tmp_path / "stdin" / "o.jsonl")],
                           input=bomb, capture_output=True, cwd=ROOT, timeout=120)
    assert piped.returncode == 0, piped.stderr[-2000:]
    [reject] = [json.loads(line) for line in (tmp_path / "stdin" / "o.rejects.jsonl").read_text().splitlines()]
    assert (reject["reason"], reject["detail"]) == ("too_large", "over 32 MB unpacked")


def test_an_archive_or_a_gzipped_page_under_another_name_is_read_by_its_bytes(tmp_path) -> None:
    """A file named on the command line is read by what it holds, not only by its name: a WARC rotated
    to "crawl.warc.gz.1" and an ARC saved as "dump.bin" were read as one HTML page each (a no_url
    reject), and a page saved gzipped, as a server sent it, under ".html" was binary (not_html)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://wexcombe.example/ferry.html", "response",
                                                  payload=io.BytesIO(_QUAY_PAGE.replace("Quay reopens", "Ferry "
                                                                     "timetable changes").encode()), http_headers=http))
    (tmp_path / "crawl.warc.gz.1").write_bytes(buf.getvalue())
    response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + _QUAY_PAGE.encode()
    (tmp_path / "dump.bin").write_bytes(_arc([("https://wexcombe.example/quay.html", response)]))
    page = _QUAY_PAGE.replace("Quay reopens", "Pier lights repaired").replace(
        "<head>", "<head><link rel='canonical' href='https://wexcombe.example/pier.html'>")
    (tmp_path / "saved.html").write_bytes(gzip.compress(page.encode()))
    run = run_splog("extract", *(str(tmp_path / n) for n in ("crawl.warc.gz.1", "dump.bin", "saved.html")),
                    out=tmp_path / "out" / "o.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert sorted((r["url"], r["crawl"]["via"]) for r in run.records()) == [
        ("https://wexcombe.example/ferry.html", "warc"), ("https://wexcombe.example/pier.html", "file"),
        ("https://wexcombe.example/quay.html", "warc")]
    assert run.rejects() == []


def test_a_crawl_starts_without_a_garbage_collection_and_collects_once_under_way(farm, tmp_path) -> None:
    # (crawler/cli.py run_crawl and crawler/runner.py: the collector is off until the spider is open,
    # then runs over what the crawl allocates, the set-up's objects frozen; on again after the crawl)
    script = ("import gc, json, sys\n"
              "from crawler import cli, runner\n"
              "runs, at_open = [], []\n"
              "gc.callbacks.append(lambda phase, info: phase == 'stop' and runs.append(info['generation']))\n"
              "freeze = runner._freeze_setup_objects\n"
              "runner._freeze_setup_objects = lambda: (at_open.append(len(runs)), freeze())\n"
              "crawl = cli.run_crawl\n"
              "cli.run_crawl = lambda *a: (at_open.append(len(runs)), crawl(*a))[1]\n"
              "code = cli.main(sys.argv[1:])\n"
              "print(json.dumps([code, at_open, len(runs), gc.isenabled(), gc.get_freeze_count()]))\n")
    code, at_open, runs, collecting, frozen = fresh_python(
        script, "crawl", "--allow-private-hosts", "--no-throttle", "--max-posts-per-blog", "3", farm[0]["url"],
        farm[1]["url"], "-o", str(tmp_path / "o.jsonl"))
    assert code == 0 and len(at_open) == 2 and at_open[0] == at_open[1]  # none from the start to the spider's opening
    assert collecting and frozen == 0  # (the crawl's own freeze undone when it returned)
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 6
