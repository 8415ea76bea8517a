"""Feeds and sitemaps in the real platforms' formats: Blogger JSON/Atom/RSS, WordPress REST and RSS."""

from __future__ import annotations

import json
from email.utils import format_datetime
from html import escape

from crawler.farm.model import Blog, Post
from crawler.farm.pages import affiliate_box, post_path
from crawler.farm.residue import body_html


def _t(value: str) -> dict:
    return {"$t": value}


def blogger_json(blog: Blog, base: str, posts: list[Post], total: int, start: int, per_page: int,
                 summary: bool) -> str:
    """/feeds/posts/default?alt=json: the shape Blogger serves (openSearch totals, entry links)."""
    entries = []
    for p in posts:
        url = base + post_path(blog, p)
        entry = {
            "id": _t(f"tag:blogger.com,1999:blog-7001.post-{p.index + 1000}"),
            "published": _t(p.published.isoformat()), "updated": _t(p.updated.isoformat()),
            "category": [{"scheme": "http://www.blogger.com/atom/ns#", "term": x} for x in p.labels],
            "title": {"type": "text", "$t": p.title},
            "link": [
                {"rel": "replies", "type": "application/atom+xml",
                 "href": f"{base}/feeds/{p.index + 1000}/comments/default", "title": "Post Comments"},
                {"rel": "self", "type": "application/atom+xml", "href": f"{base}/feeds/posts/default/{p.index + 1000}"},
                {"rel": "alternate", "type": "text/html", "href": url, "title": p.title},
            ],
            "author": [{"name": _t(p.author), "email": _t("noreply@blogger.com"),
                        **({"uri": _t(f"http://www.blogger.com/profile/{blog.operator.blogger_profile}")}
                           if blog.operator else {})}],
            "thr$total": _t("0"),
        }
        if summary:
            entry["summary"] = {"type": "text", "$t": p.article.paragraphs[0][:200]}
        else:
            entry["content"] = {"type": "html", "$t": body_html(p)}
        entries.append(entry)
    links = [{"rel": "http://schemas.google.com/g/2005#feed", "type": "application/atom+xml",
              "href": f"{base}/feeds/posts/default"},
             {"rel": "alternate", "type": "text/html", "href": f"{base}/"}]
    if start + len(posts) <= total:
        links.append({"rel": "next", "type": "application/atom+xml",
                      "href": f"{base}/feeds/posts/default?alt=json&start-index={start + len(posts)}&max-results={per_page}"})
    feed = {"version": "1.0", "encoding": "UTF-8", "feed": {
        "xmlns": "http://www.w3.org/2005/Atom", "id": _t("tag:blogger.com,1999:blog-7001"),
        "title": {"type": "text", "$t": blog.name}, "link": links,
        "generator": {"version": "7.00", "uri": "http://www.blogger.com", "$t": "Blogger"},
        "openSearch$totalResults": _t(str(total)), "openSearch$startIndex": _t(str(start)),
        "openSearch$itemsPerPage": _t(str(per_page)), "entry": entries}}
    return json.dumps(feed)


def blogger_atom(blog: Blog, base: str, posts: list[Post], total: int, start: int) -> str:
    items = "".join(
        f"<entry><id>tag:blogger.com,1999:blog-7001.post-{p.index + 1000}</id><published>{p.published.isoformat()}</published>"
        f"<updated>{p.updated.isoformat()}</updated>"
        + "".join(f"<category scheme='http://www.blogger.com/atom/ns#' term='{escape(x)}'/>" for x in p.labels)
        + f"<title type='text'>{escape(p.title)}</title><content type='html'>{escape(body_html(p))}</content>"
        f"<link rel='alternate' type='text/html' href='{base}{post_path(blog, p)}' title='{escape(p.title)}'/>"
        f"<author><name>{p.author}</name>{_atom_uri(blog)}</author></entry>" for p in posts)
    return (f"<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
            f"xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/'><id>tag:blogger.com,1999:blog-7001</id>"
            f"<title type='text'>{escape(blog.name)}</title><openSearch:totalResults>{total}</openSearch:totalResults>"
            f"<openSearch:startIndex>{start}</openSearch:startIndex>{items}</feed>")


def _atom_uri(blog: Blog) -> str:
    return f"<uri>http://www.blogger.com/profile/{blog.operator.blogger_profile}</uri>" if blog.operator else ""


def rss2(blog: Blog, base: str, posts: list[Post], full: bool = True) -> str:
    """RSS 2.0 as WordPress /feed/ serves it (content:encoded holds the whole post)."""
    items = "".join(
        f"<item><title>{escape(p.title)}</title><link>{base}{post_path(blog, p)}</link>"
        f"<pubDate>{format_datetime(p.published)}</pubDate><dc:creator><![CDATA[{p.author}]]></dc:creator>"
        + "".join(f"<category><![CDATA[{x}]]></category>" for x in p.labels)
        + f"<guid isPermaLink=\"false\">{base}/?p={p.index + 1}</guid>"
        f"<description><![CDATA[{p.article.paragraphs[0][:150]} [&#8230;]]]></description>"
        + (f"<content:encoded><![CDATA[{body_html(p) + affiliate_box(blog, p)}]]></content:encoded>" if full else "")
        + "</item>" for p in posts)
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{escape(blog.name)}</title><link>{base}/</link><description>news</description>"
            f"{items}</channel></rss>")


def wp_posts_json(blog: Blog, base: str, posts: list[Post], embed: bool) -> str:
    out = []
    for p in posts:
        item = {
            "id": p.index + 1, "date": p.published.strftime("%Y-%m-%dT%H:%M:%S"),
            "date_gmt": p.published.strftime("%Y-%m-%dT%H:%M:%S"),
            "guid": {"rendered": f"{base}/?p={p.index + 1}"},
            "modified": p.updated.strftime("%Y-%m-%dT%H:%M:%S"), "modified_gmt": p.updated.strftime("%Y-%m-%dT%H:%M:%S"),
            "slug": p.slug, "status": "publish", "type": "post", "link": base + post_path(blog, p),
            "title": {"rendered": escape(p.title)}, "content": {"rendered": body_html(p) + affiliate_box(blog, p), "protected": False},
            "excerpt": {"rendered": f"<p>{escape(p.article.paragraphs[0][:150])} [&hellip;]</p>", "protected": False},
            "author": 1 + p.index % 3, "categories": [1 + i for i, _ in enumerate(p.labels)], "tags": [],
        }
        if embed:
            avatar = f"https://secure.gravatar.com/avatar/{blog.operator.gravatar}" if blog.operator else None
            item["_embedded"] = {"author": [{"id": 1 + p.index % 3, "name": p.author,
                                             **({"avatar_urls": {size: f"{avatar}?s={size}&d=mm&r=g" for size in
                                                                 ("24", "48", "96")}} if avatar else {})}],
                                 "wp:term": [[{"id": 1 + i, "name": x, "taxonomy": "category"}
                                              for i, x in enumerate(p.labels)], []]}
        out.append(item)
    return json.dumps(out)


def sitemap_urlset(urls: list[tuple[str, str]]) -> str:
    body = "".join(f"<url><loc>{escape(u)}</loc><lastmod>{m}</lastmod></url>" for u, m in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'


def sitemap_index(locs: list[str], lastmods: list[str] | None = None) -> str:
    body = "".join(f"<sitemap><loc>{escape(u)}</loc>{f'<lastmod>{m}</lastmod>' if m else ''}</sitemap>"
                   for u, m in zip(locs, lastmods or [None] * len(locs)))
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'
