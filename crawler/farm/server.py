"""Serve the farm: one HTTP server per blog, each on its own loopback address (127.0.0.x) or port.

    python -m crawler.farm.server [--bench BLOGS:POSTS [--chrome [light]]] [--trouble] [--seeds-out FILE]

prints one JSON line {"blogs": [{"key", "kind", "url"}, ...]} when every server listens, then serves
until it is killed.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from crawler.farm import feeds
from crawler.farm.chrome import with_chrome
from crawler.farm.model import Blog, bench_farm, demo_farm
from crawler.farm.pages import PAGE_RENDERERS, post_path

HTML, XML, JSON, TEXT = "text/html; charset=utf-8", "application/xml", "application/json; charset=UTF-8", "text/plain"
Reply = tuple[int, str, bytes, dict]
HOME_PAGE_SIZE = 5
MUTABLE = False  # --mutable: /__farm/mutate?add=N&edit=I,J changes a blog (tests of incremental runs)


def _reply(body: str, ctype: str = HTML, status: int = 200, headers: dict | None = None) -> Reply:
    return status, ctype, body.encode("utf-8"), headers or {}


def _int(query: dict, key: str, default: int) -> int:
    try:
        return int(query.get(key, [default])[0])
    except ValueError:
        return default


class Site:
    """Routes of one blog."""

    def __init__(self, blog: Blog, base: str) -> None:
        self.blog, self.base = blog, base
        self.posts = sorted(blog.posts, key=lambda p: p.published, reverse=True)  # newest first, like feeds
        self.by_path = {post_path(blog, p): p for p in self.posts}

    def page(self, posts: list, item: bool, older: str | None) -> Reply:
        html = PAGE_RENDERERS[self.blog.kind if self.blog.kind != "trouble" else "plain"](
            self.blog, self.base, posts, item, older)
        if self.blog.chrome:
            html = with_chrome(html, self.blog, self.base, posts[0].index if posts else 0, self.blog.chrome)
        return _reply(html)

    def mutate(self, add: int, edit: list[int]) -> dict:
        """Test control: add posts (newest) and edit posts (body and updated time change)."""
        from crawler.farm.model import load_articles
        from dataclasses import replace

        articles = load_articles()
        newest = max(p.published for p in self.blog.posts)
        for k in range(add):
            n = len(self.blog.posts)
            art = articles[n % len(articles)]
            when = newest + timedelta(hours=k + 1)
            self.blog.posts.append(replace(self.blog.posts[0], index=n, article=art, published=when, updated=when,
                                           slug=f"{art.slug}-late-{n}"))
        for i in edit:
            post = self.blog.posts[i]
            art = replace(post.article, paragraphs=post.article.paragraphs + (
                f"Update: this story was revised at {datetime.now():%H:%M:%S.%f}.",))
            self.blog.posts[i] = replace(post, article=art, updated=max(p.updated for p in self.blog.posts)
                                         + timedelta(minutes=1))
        self.__init__(self.blog, self.base)
        return {"posts": len(self.blog.posts)}

    def route(self, path: str, query: dict) -> Reply:
        if path == "/__farm/mutate" and MUTABLE:
            edits = [int(x) for x in query.get("edit", [""])[0].split(",") if x]
            return _reply(json.dumps(self.mutate(_int(query, "add", 0), edits)), JSON)
        if path == "/robots.txt":
            sitemap = "/wp-sitemap.xml" if self.blog.kind == "wordpress" else "/sitemap.xml"
            return _reply(f"User-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: {self.base}{sitemap}\n", TEXT)
        if path in self.by_path:
            return self.page([self.by_path[path]], True, None)
        if path == "/":
            return self.home(1)
        handler = getattr(self, f"route_{self.blog.kind}")
        return handler(path, query)

    def home(self, n: int) -> Reply:
        start = (n - 1) * HOME_PAGE_SIZE
        chunk = self.posts[start:start + HOME_PAGE_SIZE]
        if not chunk:
            return _reply("<html><body>Not found</body></html>", status=404)
        more = start + HOME_PAGE_SIZE < len(self.posts)
        older = {"blogger": f"{self.base}/page/{n + 1}", "wordpress": f"{self.base}/page/{n + 1}/"}.get(
            self.blog.kind, f"{self.base}/page/{n + 1}.html") if more else None
        return self.page(chunk, False, older)

    def _sitemap(self, posts: list) -> Reply:
        return _reply(feeds.sitemap_urlset([(self.base + post_path(self.blog, p), p.updated.isoformat())
                                            for p in posts]), XML)

    def route_blogger(self, path: str, query: dict) -> Reply:
        if path.startswith("/page/"):
            return self.home(int(path.split("/")[2] or 1))
        if path in ("/feeds/posts/default", "/feeds/posts/summary"):
            start = max(1, _int(query, "start-index", 1))
            per = min(150, max(1, _int(query, "max-results", 25)))
            posts = self.posts
            if query.get("orderby", ["updated"])[0] == "updated":
                posts = sorted(posts, key=lambda p: p.updated, reverse=True)
                if "updated-min" in query:  # inclusive, as Blogger documents it
                    floor = datetime.fromisoformat(query["updated-min"][0].replace("Z", "+00:00"))
                    posts = [p for p in posts if p.updated >= floor]
            if "published-min" in query:  # inclusive
                floor = datetime.fromisoformat(query["published-min"][0].replace("Z", "+00:00"))
                posts = [p for p in posts if p.published >= floor]
            total = len(posts)
            chunk = posts[start - 1:start - 1 + per]
            alt = query.get("alt", ["atom"])[0]
            summary = self.blog.summary_feed or path.endswith("summary")
            if alt == "json":
                return _reply(feeds.blogger_json(self.blog, self.base, chunk, total, start, per, summary), JSON)
            if alt == "rss":
                return _reply(feeds.rss2(self.blog, self.base, chunk, full=not summary), "application/rss+xml")
            return _reply(feeds.blogger_atom(self.blog, self.base, chunk, total, start), "application/atom+xml")
        if path == "/sitemap.xml":
            page = _int(query, "page", 0)
            if len(self.posts) > 150 and not page:
                pages = (len(self.posts) + 149) // 150
                return _reply(feeds.sitemap_index([f"{self.base}/sitemap.xml?page={i}" for i in range(1, pages + 1)]), XML)
            return self._sitemap(self.posts[(max(page, 1) - 1) * 150:max(page, 1) * 150])
        return _reply("<html><body>Not found</body></html>", status=404)

    def route_wordpress(self, path: str, query: dict) -> Reply:
        if path.startswith("/page/"):
            return self.home(int(path.strip("/").split("/")[1] or 1))
        if path == "/wp-json/" and not self.blog.no_rest:
            return _reply(json.dumps({"name": self.blog.name, "namespaces": ["wp/v2"], "routes": {}}), JSON)
        if path == "/wp-json/wp/v2/posts":
            if self.blog.no_rest:
                return _reply(json.dumps({"code": "rest_disabled", "message": "REST API disabled"}), JSON, 403)
            per = _int(query, "per_page", 10)
            page = _int(query, "page", 1)
            if not 1 <= per <= 100:
                return _reply(json.dumps({"code": "rest_invalid_param", "data": {"status": 400}}), JSON, 400)
            posts = self.posts
            if "modified_after" in query:  # exclusive, as the WordPress REST API documents it
                floor = datetime.fromisoformat(query["modified_after"][0].replace("Z", "+00:00"))
                posts = [p for p in posts if p.updated > floor]
            if "after" in query:  # published after it (exclusive)
                floor = datetime.fromisoformat(query["after"][0].replace("Z", "+00:00"))
                posts = [p for p in posts if p.published > floor]
            pages = max(1, (len(posts) + per - 1) // per)
            if page > pages or page < 1:
                return _reply(json.dumps({"code": "rest_post_invalid_page_number", "data": {"status": 400}}), JSON, 400)
            chunk = posts[(page - 1) * per:page * per]
            headers = {"X-WP-Total": str(len(posts)), "X-WP-TotalPages": str(pages)}
            if page < pages:
                headers["Link"] = f'<{self.base}/wp-json/wp/v2/posts?per_page={per}&page={page + 1}>; rel="next"'
            return _reply(feeds.wp_posts_json(self.blog, self.base, chunk, "_embed" in query), JSON, 200, headers)
        if path == "/feed/":
            page = _int(query, "paged", 1)
            chunk = self.posts[(page - 1) * 10:page * 10]
            if not chunk:
                return _reply("<html><body>Not found</body></html>", status=404)
            return _reply(feeds.rss2(self.blog, self.base, chunk, full=not self.blog.summary_feed),
                          "application/rss+xml; charset=UTF-8")
        if path == "/wp-sitemap.xml":
            return _reply(feeds.sitemap_index([f"{self.base}/wp-sitemap-posts-post-1.xml"]), XML)
        if path == "/wp-sitemap-posts-post-1.xml":
            return self._sitemap(self.posts)
        return _reply("<html><body>Not found</body></html>", status=404)

    def route_plain(self, path: str, query: dict) -> Reply:
        if path.startswith("/page/"):
            return self.home(int(path.split("/")[2].split(".")[0] or 1))
        if path == "/sitemap.xml":
            return self._sitemap(self.posts)
        return _reply("<html><body>Not found</body></html>", status=404)

    def route_trouble(self, path: str, query: dict) -> Reply:
        """Bad pages: each must end as a reject (or a record), never crash the run."""
        if path == "/sitemap.xml":
            bad = [f"{self.base}/bad/{name}" for name in TROUBLE]
            return _reply(feeds.sitemap_urlset([(u, "2026-03-01") for u in bad]
                                               + [(self.base + post_path(self.blog, p), "2026-03-01") for p in self.posts]), XML)
        name = path.rsplit("/", 1)[-1]
        if name in TROUBLE:
            return TROUBLE[name]()
        return self.route_plain(path, query)


def _story(title: str, ctype: str, encoding: str, *paras: str, head: str = "") -> Reply:
    """A short story page in `encoding`'s bytes, served as `ctype` says (the charset trouble pages)."""
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = (f"<html><head>{head}<title>{title}</title></head><body><div class='story'><h1>{title}</h1>{body}"
            "</div></body></html>")
    return 200, ctype, html.encode(encoding), {}


def _slow() -> Reply:
    time.sleep(6)
    return _reply("<html><body><p>too late</p></body></html>")


TROUBLE = {
    "server-error.html": lambda: _reply("<html><body>Internal error</body></html>", status=500),
    "missing.html": lambda: _reply("<html><body>gone</body></html>", status=404),
    "slow.html": _slow,
    "binary.html": lambda: (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, {}),
    "huge.html": lambda: _reply("<html><body>" + "<p>filler text for a huge page</p>" * 160_000 + "</body></html>"),
    # a one-byte charset's bytes that the server labels UTF-8
    "latin1.html": lambda: _story(
        "Caf\xe9 owners in S\xe3o Jo\xe3o protest new rents", "text/html; charset=utf-8", "latin-1",
        "Owners of small caf\xe9s in the old quarter of S\xe3o Jo\xe3o closed their doors for an hour on Friday to "
        "protest rent increases of up to 40 percent, which they say will force many of them out of business within "
        "a year.", "The landlords' association said the new rents only followed the market."),
    # the other way round: UTF-8 bytes under a server's default one-byte label
    "utf8-as-latin1.html": lambda: _story(
        "Kahvila Pyhäjärven rannalla avaa taas", "text/html; charset=ISO-8859-1", "utf-8",
        "The lakeside café at Pyhäjärvi reopens on Saturday after a winter of repairs to its jetty and its "
        "wood-fired sauna, its owners said.", "The menu keeps its famous blueberry pie, now also sold at the market "
        "in Tampere.", head="<meta charset='utf-8'>"),
    # a legacy charset the server does not name (no charset in Content-Type, no <meta>): not read as
    # Windows-1252 mojibake
    "cp1251-undeclared.html": lambda: _story(
        "Паром на остров будет ходить чаще", "text/html", "cp1251",
        "С декабря паром на остров будет ходить три раза в день вместо двух, сообщил перевозчик. Дополнительный "
        "рейс будет отправляться с материка в шесть вечера.", "Жители острова давно просили о вечернем рейсе, "
        "чтобы успевать вернуться домой после работы."),
    # a Turkish page in Windows-1254, named nowhere: Windows-1252 reads its bytes about as well (with
    # "ý" for "ı", "þ" for "ş"), its language tells them apart
    "cp1254-undeclared.html": lambda: _story(
        "Adaya yapılacak feribot seferleri artırılıyor", "text/html", "cp1254",
        "Aralıktan itibaren adaya günde iki yerine üç feribot seferi yapılacağını işletme şirketi açıkladı. Ek "
        "sefer akşam altıda anakaradan kalkacak.", "Ada sakinleri, işten sonra eve dönebilmek için uzun süredir "
        "bir akşam seferi istiyordu."),
    # Shift_JIS bytes that the server labels UTF-8
    "sjis-as-utf8.html": lambda: _story(
        "島へのフェリーが増便へ", "text/html; charset=utf-8", "shift_jis",
        "運航会社は十二月から島へのフェリーを一日三便に増やすと発表した。追加の便は夕方六時に本土を出港する。",
        "島の住民は、仕事帰りに島へ戻れる夕方の便を以前から求めていた。運航会社は、利用状況を見て春に再び時刻表を見直すとしている。"),
    # the blog's feed served at a post's URL (as text/html): no page, not a record made of its items
    "feed-as-page.html": lambda: _reply(
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Wexcombe Notes</title><item>"
        "<title>Pier reopens</title><link>http://wexcombe.invalid/pier</link><description>The pier at Wexcombe "
        "reopened on Saturday after a year of repairs to its decking and its Victorian railings.</description>"
        "</item></channel></rss>"),
    "broken.html": lambda: _reply(
        "<html><body><div class='story'><h1>Storm damages pier in Wexcombe<p>A storm damaged the Victorian "
        "pier in Wexcombe overnight, tearing away a 30-meter section of decking and the old bandstand.<p>"
        "Engineers will inspect the structure on Monday before deciding whether it can be repaired.<div><span>"),
    "empty.html": lambda: _reply("<html><head><title>nothing</title></head><body></body></html>"),
    # an ASCII page its server says is UTF-16 (read as such, it is CJK characters without a tag)
    "utf16-label.html": lambda: (200, "text/html; charset=utf-16", (
        "<html><head><title>Tide gauge replaced at Wexcombe harbour</title></head><body><div class='story'>"
        "<h1>Tide gauge replaced at Wexcombe harbour</h1><p>The harbour office replaced its 1960s tide gauge on "
        "Thursday with an electronic one that reports the water level every minute to the coastguard.</p>"
        "<p>The old gauge will go on show in the town museum.</p></div></body></html>").encode("ascii"), {}),
    # a body cut short (the connection closes before the declared length), and a gzip body that is not
    "truncated.html": lambda: (200, HTML, b"<html><head><title>Cut short</title></head><body><p>The harbour",
                               {"Content-Length": "20000", "Connection": "close"}),
    "bad-gzip.html": lambda: (200, HTML, b"\x1f\x8b\x08\x00not really gzip", {"Content-Encoding": "gzip"}),
    # a page with stray NUL bytes in its text (a broken database field)
    "stray-nul.html": lambda: _reply(
        "<html><head><title>Lifeboat crew trains at night</title></head><body><div class='story'>"
        "<h1>Lifeboat crew trains at night</h1><p>The Wexcombe lifeboat crew practised a night rescue off the "
        "point on Wednesday, with a volunteer playing a swimmer in difficulty.\x00</p><p>The exercise took two "
        "hours and ended at the slipway shortly before midnight.</p></div></body></html>"),
    # control characters that XML does not hold, pasted into the text (a stray \x10 from a word processor)
    "stray-controls.html": lambda: _reply(
        "<html><head><title>Ferry timetable changes in May</title></head><body><div class='story'>"
        "<h1>Ferry timetable changes in May</h1><p>The island ferry will leave Wexcombe half an hour earlier from "
        "May, the operator said, so that\x10 it can make a fourth crossing in the evening.</p><p>Season tickets"
        "\x0cbought before April stay valid on every crossing until the autumn.</p></div></body></html>"),
}


def _bind(index: int, handler: type) -> ThreadingHTTPServer:
    """127.0.0.(10+index) on a free port, so each blog is its own host; 127.0.0.1 where that fails."""
    for host in (f"127.0.0.{10 + index}", "127.0.0.1"):
        try:
            return _QuietServer((host, 0), handler)
        except OSError:
            continue
    raise OSError("cannot bind a loopback address")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver listens with a backlog of 5: a crawler opening 8+ connections to a host at once
    # overflowed it, and each dropped SYN stalled its request for the kernel's 1 s retransmit.
    # Real web servers listen with hundreds (nginx: 511).
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        """A crawler that hangs up (killed in a crash test) is not an error of the farm."""


def _handler(sites: dict) -> type:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # The headers and the body go out in two writes: with Nagle's algorithm the body waited for
        # the client's delayed ACK of the headers, 40 ms on every request of a kept-alive connection
        # but its first (real servers send both at once or set TCP_NODELAY, as this now does).
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            site = sites[self.server.server_address]
            parts = urlsplit(self.path)
            status, ctype, body, headers = site.route(parts.path or "/", parse_qs(parts.query))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if "Content-Length" not in headers:  # (a trouble page may declare more than it sends)
                self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def start(blogs: list[Blog]) -> tuple[list[ThreadingHTTPServer], list[dict]]:
    """Start one server thread per blog; returns the servers and [{key, kind, url}]."""
    sites: dict = {}
    handler = _handler(sites)
    servers, listing = [], []
    for i, blog in enumerate(blogs):
        server = _bind(i, handler)
        host, port = server.server_address[:2]
        base = f"http://{host}:{port}"
        sites[server.server_address] = Site(blog, base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        listing.append({"key": blog.key, "kind": blog.kind, "url": base + "/", "posts": len(blog.posts)})
    return servers, listing


def build(bench: str | None, trouble: bool, posts: int, chrome: str | None = None,
          plain_share: float = 0.2) -> list[Blog]:
    if bench:
        n_blogs, n_posts = (int(x) for x in bench.split(":"))
        blogs = bench_farm(n_blogs, n_posts, plain_share=plain_share, chrome=chrome)
    else:
        blogs = demo_farm(posts)
    if trouble:
        extra = demo_farm(2)[3]
        blogs.append(Blog("trouble", "trouble", "Trouble Spot", "en", extra.posts))
    return blogs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the demo splog farm on loopback.")
    parser.add_argument("--bench", metavar="BLOGS:POSTS", help="a generated farm instead of the demo")
    parser.add_argument("--posts", type=int, default=20, help="posts per demo blog (default 20)")
    parser.add_argument("--trouble", action="store_true", help="add a blog of bad pages")
    parser.add_argument("--chrome", nargs="?", const="full", choices=("full", "light"),
                        help="with --bench: pages as heavy as real splog themes (sidebars, ads, footer; ~70 KB), "
                             "or 'light': about half that (~38 KB)")
    parser.add_argument("--plain-share", type=float, default=0.2, metavar="F",
                        help="with --bench: the share of the blogs that are sitemap-only plain sites "
                             "(default 0.2; the rest have complete feeds)")
    parser.add_argument("--seeds-out", help="also write the blog URLs, one per line, to this file")
    parser.add_argument("--mutable", action="store_true", help="enable /__farm/mutate (tests)")
    args = parser.parse_args(argv)
    if not 0.0 <= args.plain_share <= 1.0:
        parser.error(f"--plain-share is a fraction from 0 to 1, got {args.plain_share}")
    global MUTABLE
    MUTABLE = args.mutable
    _servers, listing = start(build(args.bench, args.trouble, args.posts, args.chrome, args.plain_share))
    if args.seeds_out:
        with open(args.seeds_out, "w", encoding="utf-8") as fh:
            fh.writelines(b["url"] + "\n" for b in listing)
    print(json.dumps({"blogs": listing}), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
