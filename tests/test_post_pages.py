"""A post split over several pages (WordPress's <!--nextpage-->, a slideshow site's "next page"):
its pages are fetched one by one and its record's text joins them."""

from __future__ import annotations

from pathlib import Path

from crawler.links import post_page_number, post_pages
from tests.conftest import Handler, run_splog, serve


def _para(topic: str, n: int) -> str:
    return (f"<p>{topic}, part {n}: the harbour council met again on Tuesday evening and heard from the ferry "
            f"operators, the fishing cooperative and two residents' groups about the winter timetable, "
            f"which has been cut back every year since the old pier closed (note {n}).</p>")


def _page(title: str, body: str, head: str = "") -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title} – Bay Notes</title>{head}"
            f"<link rel='next' title='Another post' href='/2026/05/another-post/'></head><body>"
            f"<header><a href='/'>Bay Notes</a></header><main><article class='post'><h1>{title}</h1>"
            f"<div class='entry-content'>{body}</div></article></main>"
            f"<aside><h3>Recent</h3><a href='/2026/05/another-post/'>Another post</a></aside></body></html>")


def _wp_links(base: str, current: int, last: int) -> str:
    items = [f"<span class='post-page-numbers current'>{n}</span>" if n == current else
             f"<a href='{base}{'' if n == 1 else f'{n}/'}' class='post-page-numbers'>{n}</a>"
             for n in range(1, last + 1)]
    return f"<div class='page-links'>Pages: {' '.join(items)}</div>"


def _site(asked: list[str]) -> type[Handler]:
    ferry = "/2026/05/ferry-timetable/"
    broken = "/2026/05/pier-repairs/"
    pages = {"/sitemap.xml": None}
    for n in (1, 2, 3):  # WordPress: the page list on every page (3 pages)
        path = ferry if n == 1 else f"{ferry}{n}/"
        tail = "<p>Source: Harbour Gazette</p>" if n == 3 else ""
        pages[path] = _page("Ferry timetable cut", _para("Ferry", n) + _para("Ferry", n + 10) + tail
                            + _wp_links(ferry, n, 3))
    for n in (1, 2, 3):  # a slideshow site: each page names only the next one, in its head
        path = "/stories/lighthouse.html" + ("" if n == 1 else f"?page={n}")
        head = f"<link rel='next' href='/stories/lighthouse.html?page={n + 1}'>" if n < 3 else ""
        pages[path] = _page("Lighthouse keeper retires", _para("Lighthouse", n) + _para("Lighthouse", n + 10), head)
    pages["/2026/05/short-note/"] = _page("Short note", _para("Note", 1) + _para("Note", 2))
    for n in (1, 2):  # page 3 of 3 fails
        pages[broken if n == 1 else f"{broken}{n}/"] = _page("Pier repairs", _para("Pier", n) + _para("Pier", n + 10)
                                                              + _wp_links(broken, n, 3))
    posts = [ferry, "/stories/lighthouse.html", "/2026/05/short-note/", broken]

    class Site(Handler):
        def do_GET(self) -> None:  # noqa: N802
            asked.append(self.path)
            base = f"http://{self.headers['Host']}"
            if self.path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in posts)
                self.send(200, "application/xml",
                          f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>")
            elif self.path == "/":
                self.send(200, "text/html; charset=utf-8", "<html><head><title>Bay Notes</title></head><body>"
                          + "".join(f"<a href='{p}'>post</a>" for p in posts) + "</body></html>")
            elif self.path == f"{broken}3/":
                self.send(500, "text/plain", "error")
            elif self.path in pages:
                self.send(200, "text/html; charset=utf-8", pages[self.path])
            else:
                self.send(404, "text/plain", "not here")

    return Site


def test_a_post_split_over_pages_is_one_record_of_all_its_text(tmp_path: Path) -> None:
    asked: list[str] = []
    with serve(_site(asked)) as base:
        run = run_splog("crawl", base + "/", "--allow-private-hosts", "--no-throttle", "-s", "RETRY_TIMES=0",
                        out=tmp_path / "out.jsonl")
    assert run.code in (0, 1), run.stderr[-2000:]
    records = {r["url"].removeprefix(base): r for r in run.records()}
    assert sorted(records) == ["/2026/05/ferry-timetable/", "/2026/05/pier-repairs/", "/2026/05/short-note/",
                               "/stories/lighthouse.html"]
    ferry = records["/2026/05/ferry-timetable/"]
    assert ferry["crawl"]["pages"] == 3
    order = [ferry["text"].index(f"Ferry, part {n}:") for n in (1, 11, 2, 12, 3, 13)]
    assert order == sorted(order)
    assert "Pages:" not in ferry["text"] and {"rule": "chrome.wordpress.en", "text": "Pages: 1 2 3"} in ferry["removed"]
    assert ferry["source"]["publisher"] == "Harbour Gazette"  # (named on the last page)
    assert ferry["title"] == "Ferry timetable cut"
    lighthouse = records["/stories/lighthouse.html"]
    assert lighthouse["crawl"]["pages"] == 3
    assert all(f"Lighthouse, part {n}:" in lighthouse["text"] for n in (1, 2, 3, 11, 12, 13))
    assert records["/2026/05/short-note/"]["crawl"]["pages"] == 1
    pier = records["/2026/05/pier-repairs/"]
    assert (pier["crawl"]["pages"], pier["crawl"]["pages_missing"]) == (2, 1) and "Pier, part 2:" in pier["text"]
    assert ferry["crawl"]["pages_missing"] == 0
    # each page once; the next *post* that WordPress also names rel="next" is not a page of any of them
    later = [p for p in asked if p not in ("/", "/sitemap.xml", "/robots.txt")]
    assert len(later) == len(set(later)) and "/2026/05/another-post/" not in later
    assert sorted(later) == sorted(["/2026/05/ferry-timetable/", "/2026/05/ferry-timetable/2/",
                                    "/2026/05/ferry-timetable/3/", "/stories/lighthouse.html",
                                    "/stories/lighthouse.html?page=2", "/stories/lighthouse.html?page=3",
                                    "/2026/05/short-note/", "/2026/05/pier-repairs/", "/2026/05/pier-repairs/2/",
                                    "/2026/05/pier-repairs/3/"])
    stats = run.manifest()["discovery"]
    assert (stats["paginated_posts"], stats["post_pages"], stats["post_pages_failed"]) == (3, 5, 1)
    assert "page 3 of " in run.stderr and "pier-repairs" in run.stderr


def test_a_page_link_is_one_only_when_it_is_the_posts_own_address_with_a_number() -> None:
    post = "https://bay.example/2026/05/ferry/"
    assert post_page_number("https://bay.example/2026/05/ferry/2/", post) == 2
    assert post_page_number("https://bay.example/2026/05/ferry/3", post) == 3
    assert post_page_number("https://bay.example/?p=41&page=2", "https://bay.example/?p=41") == 2
    assert post_page_number("https://bay.example/story.html?pg=4", "https://bay.example/story.html") == 4
    for other in ("https://bay.example/2026/05/ferry-2/", "https://bay.example/2026/05/other/2/",
                  "https://elsewhere.example/2026/05/ferry/2/", "https://bay.example/2026/05/ferry/2026/",
                  "https://bay.example/?p=42&page=2", "https://bay.example/2026/05/ferry/comment-page-2/"):
        assert post_page_number(other, post if "?p=" not in other else "https://bay.example/?p=41") is None, other
    page = ("<html><head><link rel='next' href='/2026/05/other-post/'><link rel=next href='/2026/05/ferry/2/'>"
            "</head><body><a class='post-page-numbers' href='/2026/05/ferry/3/'>3</a>"
            # older WordPress's page links have no class; a "Next Page" link in the text neither
            "<div class='page-links'>Pages: <a href='/2026/05/ferry/4/'>4</a></div>"
            "<p><a href=\"https://bay.example/2026/05/ferry/5/\">Next Page</a></p>"
            # not pages: another site's address, an AMP copy of a page, a post whose slug goes on
            "<a href='https://elsewhere.example/2026/05/ferry/6/'>6</a><a href='/2026/05/ferry/7/amp/'>7</a>"
            "<a href='/2026/05/ferry/2026-review/'>review</a></body></html>")
    assert post_pages(page, post) == {n: f"https://bay.example/2026/05/ferry/{n}/" for n in (2, 3, 4, 5)}
