"""Write the labelled cleaning corpus: tests/corpus/pages/<name>/{input.html,url.txt,truth.json}.

    python -m tests.corpus.build

truth.json comes from the generator, never from the pipeline: the article's own paragraphs, its
title, the publisher the residue names (or null), the feed title, the tools in the chain, and the
residue strings planted in the page. Families: splog pages (Blogger classic in 8 UI languages,
a Contempo-like theme, WordPress autoblogs, plain splogs), controls (ordinary news pages and blog
posts with no residue) and traps (article text that looks like residue).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

from crawler.farm.model import FEED_TITLES, Blog, Post, load_articles
from crawler.farm.pages import PAGE_RENDERERS, post_path
from crawler.farm.residue import FTR_NEW, FTR_OLD

OUT = Path(__file__).parent / "pages"
BASE = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)
CHAIN = {"gnews-ftr-ifttt": ["google-news", "fivefilters", "ifttt"],
         "ftr-old-ifttt-from": ["google-news", "fivefilters", "ifttt"], "ftr-new-via-ifttt": ["fivefilters", "ifttt"],
         "yoast": ["yoast"], "yoast-gnews": ["yoast"], "wpematico": ["wpematico"], "wprss": ["wp-rss-aggregator"],
         "feedwordpress": ["feedwordpress"], "continue-reading": [], "google-alerts": ["google-alerts"],
         "source-link": [], "clean": [], "feedburner-ftr": ["feedburner", "fivefilters"],
         "credit-via": [], "wp-automatic": [], "credits-id": [], "yoast-article": ["yoast"], "republished": []}
NAMES_PUBLISHER = {"gnews-ftr-ifttt", "yoast", "yoast-gnews", "feedwordpress", "credit-via", "credits-id",
                   "yoast-article", "republished"}
FEED_TITLE = {"gnews-ftr-ifttt", "ftr-old-ifttt-from"}
TRAPS = (
    "Source: the ministry's annual report and interviews with three officials.",
    "Analysts said traffic from Google News to regional outlets fell by a third last year.",
    'A sign on the door of the council chamber still reads "Post a Comment" from an old consultation.',
    "IFTTT, the automation service, says millions of people use its applets every day.",
    "The post of harbour master appeared first on a list of jobs the council wants to fill.",
    "Let's be clear about one thing: nobody expected the repairs to take this long.",
    "Read more about the plan in the council's own summary, published on Monday.",
    "Home owners near the river were told to move valuables upstairs.",
)


# The Google News topic feed an IFTTT applet of a blog in that language reads: the product's name
# is translated in most editions (made-up topic names; the product names as Google News shows them).
LOCAL_GNEWS = {"id": "Berita Utama - Google Berita", "es": "Titulares - Google Noticias",
               "pt": "Principais notícias - Google Notícias", "fr": "À la une - Google Actualités",
               "ar": "أهم الأخبار - أخبار Google", "vi": "Tin nổi bật - Google Tin tức"}


def _residue(style: str, post: Post) -> list[str]:
    """Strings planted by a style that must not survive in the text."""
    return {
        "gnews-ftr-ifttt": ["block ads", post.feed_title, "ift.tt"],
        "ftr-old-ifttt-from": [FTR_OLD[:40], "ift.tt"], "ftr-new-via-ifttt": [FTR_NEW[:40], "via IFTTT"],
        "yoast": ["appeared first on"], "yoast-gnews": ["appeared first on"], "wpematico": ["Go to Source", "Author:"],
        "wprss": ["Source: http"], "feedwordpress": ["syndicated post"], "continue-reading": ["Continue reading"],
        "google-alerts": [], "source-link": ["Source link"], "clean": [],
        "feedburner-ftr": [FTR_NEW[:40], "feedburner"],
        "credit-via": [f"Via {post.article.publisher}"], "wp-automatic": ["Source"],
        "credits-id": ["telah tayang", "Penulis", "Editor", "Klik untuk baca"], "yoast-article": ["first appeared on"],
        "republished": ["originally published"],
    }[style]


def _post(article, i: int, style: str) -> Post:
    when = BASE + timedelta(hours=5 * i)
    return Post(index=i, article=article, style=style, published=when, updated=when, author="admin",
                labels=("News",), feed_title=FEED_TITLES[i % len(FEED_TITLES)],
                ift_links=(f"https://ift.tt/4q{i:05d}a", f"https://ift.tt/4q{i:05d}b"), slug=f"{article.slug}-{i}")


def _write(name: str, family: str, kind: str, html: str, url: str, truth: dict) -> None:
    folder = OUT / name
    folder.mkdir(parents=True)
    (folder / "input.html").write_text(html, encoding="utf-8")
    (folder / "url.txt").write_text(url + "\n", encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps({"family": family, "kind": kind, **truth}, indent=2,
                                                  ensure_ascii=False) + "\n", encoding="utf-8")


def _truth(post: Post, style: str, paragraphs: tuple[str, ...]) -> dict:
    return {"text": "\n".join(paragraphs), "title": post.article.title,
            "publisher": post.article.publisher if style in NAMES_PUBLISHER else None,
            "feed_title": post.feed_title if style in FEED_TITLE else None, "chain": CHAIN[style],
            "residue": _residue(style, post)}


def _news_page(article, site: str) -> str:
    paras = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(article.title)} | {site}</title>
<meta property="og:title" content="{escape(article.title)}"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="2026-02-10T09:00:00Z"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/login">Sign in</a></nav></header>
<main><article><h1>{escape(article.title)}</h1><p class="byline">By Staff Reporter</p>{paras}</article></main>
<aside><h2>Most read</h2><ul><li><a href="/x">Storm closes coastal road</a></li><li><a href="/y">Bus fares to rise</a></li></ul></aside>
<footer><p>&copy; 2026 {site}. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms</a></p></footer>
</body></html>"""


def build() -> int:
    shutil.rmtree(OUT, ignore_errors=True)
    arts = load_articles()
    n = 0
    # Blogger classic, every UI language the rules know, each with four residue styles.
    for li, lang in enumerate(("en", "id", "es", "pt", "de", "fr", "ar", "vi")):
        blog = Blog(f"corpus-{lang}", "blogger", f"Berita {lang.upper()} Harian", lang)
        for si, style in enumerate(("gnews-ftr-ifttt", "ftr-old-ifttt-from", "ftr-new-via-ifttt", "google-alerts")):
            post = _post(arts[(li * 4 + si) % len(arts)], n, style)
            if style == "gnews-ftr-ifttt" and lang in LOCAL_GNEWS:
                post = replace(post, feed_title=LOCAL_GNEWS[lang])
            base = f"https://berita-{lang}-harian.blogspot.com"
            _write(f"blogger-{lang}-{style}", f"blogger-{lang}", "splog",
                   PAGE_RENDERERS["blogger"](blog, base, [post], True, None), base + post_path(blog, post),
                   _truth(post, style, post.article.paragraphs))
            n += 1
    # Contempo-like Blogger theme (newer class names and chrome).
    for si, style in enumerate(("gnews-ftr-ifttt", "ftr-new-via-ifttt", "clean")):
        blog = Blog("contempo", "blogger", "Contempo News Wire", "en")
        post = _post(arts[(si + 5) % len(arts)], n, style)
        html = PAGE_RENDERERS["blogger"](blog, "https://contempo-wire.blogspot.com", [post], True, None)
        html = html.replace("post-body entry-content", "post-body entry-content float-container").replace(
            "<div class='blog-pager'", "<div class='post-share-buttons'><a>Get link</a><a>Facebook</a><a>Email</a>"
            "<a>Other Apps</a></div><div class='popular'><h3>Popular posts from this blog</h3></div><div class='blog-pager'")
        _write(f"contempo-{style}", "blogger-contempo", "splog", html,
               "https://contempo-wire.blogspot.com" + post_path(blog, post), _truth(post, style, post.article.paragraphs))
        n += 1
    # WordPress autoblogs: every plugin footer, two articles each.
    blog = Blog("wp", "wordpress", "Auto Feed Daily", "en")
    for si, style in enumerate(("yoast", "yoast-gnews", "wpematico", "wprss", "feedwordpress", "continue-reading",
                                "source-link", "credit-via", "wp-automatic", "yoast-article", "republished")):
        for k in range(2):
            post = _post(arts[(si * 2 + k) % len(arts)], n, style)
            _write(f"wordpress-{style}-{k}", "wordpress", "splog",
                   PAGE_RENDERERS["wordpress"](blog, "https://autofeeddaily.example", [post], True, None),
                   "https://autofeeddaily.example" + post_path(blog, post), _truth(post, style, post.article.paragraphs))
            n += 1
    # Plain-HTML splogs (trafilatura path).
    blog = Blog("plain", "plain", "World News Mirror", "en")
    for si, style in enumerate(("source-link", "ftr-old-ifttt-from", "gnews-ftr-ifttt", "continue-reading",
                                "ftr-new-via-ifttt", "feedburner-ftr", "credits-id")):
        for k in range(2):
            post = _post(arts[(si * 2 + k + 3) % len(arts)], n, style)
            _write(f"plain-{style}-{k}", "plain", "splog",
                   PAGE_RENDERERS["plain"](blog, "http://worldnewsmirror.example", [post], True, None),
                   "http://worldnewsmirror.example" + post_path(blog, post), _truth(post, style, post.article.paragraphs))
            n += 1
    # Controls: ordinary news pages and ordinary blog posts, nothing to cut.
    for k, art in enumerate(arts):
        site = ("The Riverton Courier", "Coastal Ledger Online", "Valley Times")[k % 3]
        _write(f"control-news-{k}", "control-news", "control", _news_page(art, site),
               f"https://www.{site.lower().replace(' ', '')}.example/2026/{art.slug}",
               {"text": "\n".join(art.paragraphs), "title": art.title, "publisher": None, "feed_title": None,
                "chain": [], "residue": []})
        n += 1
    # a news agency's own story page: its staff credits under the text are part of it (cut only from copies)
    for k, credits in enumerate(("Reporting by Ana Ruiz; Editing by Tom Field",
                                 "Reporting by Li Wei in Marrow Point; Additional reporting by Jo Park; Editing by Sam Hale")):
        art = replace(arts[(k + 4) % len(arts)], paragraphs=arts[(k + 4) % len(arts)].paragraphs + (credits,))
        _write(f"control-wire-{k}", "control-news", "control", _news_page(art, "Harbour Wire Service"),
               f"https://www.harbourwire.example/2026/{art.slug}",
               {"text": "\n".join(art.paragraphs), "title": art.title, "publisher": None, "feed_title": None,
                "chain": [], "residue": []})
        n += 1
    for k, kind in enumerate(("blogger", "wordpress", "blogger", "wordpress")):
        blog = Blog("ctl", kind, "Notes From The Valley", "en")
        post = _post(arts[(k + 7) % len(arts)], n, "clean")
        base = "https://notesfromthevalley.blogspot.com" if kind == "blogger" else "https://notesvalley.example"
        _write(f"control-blog-{kind}-{k}", "control-blog", "control",
               PAGE_RENDERERS[kind](blog, base, [post], True, None), base + post_path(blog, post),
               _truth(post, "clean", post.article.paragraphs))
        n += 1
    # Traps: article lines that look like residue, inside ordinary and splog posts.
    for k, trap in enumerate(TRAPS):
        art = arts[k % len(arts)]
        paragraphs = art.paragraphs[:-1] + (trap,) + art.paragraphs[-1:] if k % 2 else art.paragraphs + (trap,)
        art = replace(art, paragraphs=paragraphs)
        style = ("clean", "ftr-new-via-ifttt")[k % 2]
        kind = ("blogger", "wordpress")[k // 4]
        blog = Blog("trap", kind, "Daily Trap Report", "en")
        post = _post(art, n, style)
        base = "https://dailytrapreport.blogspot.com" if kind == "blogger" else "https://dailytrap.example"
        _write(f"trap-{k}", "trap", "trap", PAGE_RENDERERS[kind](blog, base, [post], True, None),
               base + post_path(blog, post), _truth(post, style, paragraphs))
        n += 1
    return n


if __name__ == "__main__":
    print(f"wrote {build()} pages to {OUT}")
