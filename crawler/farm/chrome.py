"""Theme weight for benchmark farms (`--chrome`): what real splog themes carry around a post.

The plain farm pages are 3-5 KB, so plain trafilatura reads them in ~3 ms and a benchmark on them
measures little but HTTP overhead. Real splog pages are 40-150 KB: style and script blocks, a
category menu, sidebar widgets (popular and recent posts with thumbnails, categories, tag cloud,
archives), ad slots, related posts and a link-heavy footer. This adds that weight, deterministically:
'full' (~70 KB a page), or 'light' (~38 KB: a short stylesheet, no script blocks, no latest-news list)
for the middle ground where the cost of fetching a page and of reading it are about equal.
"""

from __future__ import annotations

from html import escape

from crawler.farm.model import Blog, Post
from crawler.farm.pages import post_path

CATEGORIES = ("World", "Business", "Technology", "Sports", "Entertainment", "Health", "Science", "Politics",
              "Travel", "Lifestyle", "Opinion", "Local", "Weather", "Crypto", "Automotive")
TAGS = ("breaking", "market", "election", "football", "celebrity", "storm", "vaccine", "startup", "bitcoin",
        "transfer", "recipe", "review", "budget", "tax", "housing", "festival", "airline", "smartphone",
        "climate", "police", "court", "oil", "gold", "stocks", "school", "hospital", "bridge", "flood",
        "concert", "museum", "tennis", "cricket", "rugby", "finance", "loan", "insurance", "casino", "diet",
        "fitness", "fashion")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _css() -> str:
    rules = []
    for i, name in enumerate(("header", "nav", "sidebar", "widget", "post", "footer", "related", "ad", "menu",
                              "thumb", "title", "meta", "tagcloud", "archive", "search", "social")):
        for part in ("", "-inner", "-title", " a", " a:hover", " li", " ul", " img"):
            rules.append(f".{name}{part}{{margin:{i % 7}px {i % 5}px;padding:{i % 3}px;color:#{(i * 4099) % 0xFFFFFF:06x};"
                         f"font:{12 + i % 6}px/1.{i % 9} Arial,sans-serif;border-bottom:1px solid #eee}}")
    return "\n".join(rules)


def _scripts() -> str:
    ads = "".join(f"(adsbygoogle=window.adsbygoogle||[]).push({{slot:'{1000 + i}',format:'auto',responsive:true}});\n"
                  for i in range(40))
    tracker = "".join(f"function t{i}(e){{var d=document,s=d.createElement('img');s.src='/px?e='+e+'&n={i}';"
                      f"d.body.appendChild(s);return {i};}}\n" for i in range(60))
    return f"<script>{ads}</script>\n<script>{tracker}</script>"


HEAD = f"<style>{_css()}</style>\n{_scripts()}"
LIGHT_HEAD = f"<style>{_css()[:3000]}</style>"


def _post_links(blog: Blog, base: str, posts: list[Post], thumbs: bool) -> str:
    items = []
    for p in posts:
        img = (f"<a class='thumb' href='{base}{post_path(blog, p)}'><img src='{base}/img/{p.slug}-150x150.jpg' "
               f"width='150' height='150' alt='{escape(p.title)}' loading='lazy'></a>") if thumbs else ""
        items.append(f"<li>{img}<a href='{base}{post_path(blog, p)}' title='{escape(p.title)}'>{escape(p.title)}</a>"
                     f"<span class='meta'>{p.published:%B %d, %Y}</span></li>")
    return "<ul>" + "".join(items) + "</ul>"


def _widget(title: str, body: str) -> str:
    return f"<div class='widget'><h3 class='widget-title'>{title}</h3><div class='widget-inner'>{body}</div></div>"


def _ad(slot: int) -> str:
    return (f"<div class='ad'><ins class='adsbygoogle' style='display:block' data-ad-client='ca-pub-{slot:016d}' "
            f"data-ad-slot='{slot}'></ins><script>t{slot % 60}('slot{slot}')</script></div>")


def chrome(blog: Blog, base: str, anchor: int, weight: str = "full") -> tuple[str, str, str]:
    """(head assets, menu, sidebar + related + footer) for a page whose first post is number anchor."""
    posts, n = blog.posts, len(blog.posts)
    near = [posts[(anchor + k) % n] for k in range(1, 11)]
    popular = [posts[(anchor * 7 + k * 13) % n] for k in range(10)]
    menu = "<nav class='menu'><ul>" + "".join(
        f"<li><a href='{base}/category/{c.lower()}/'>{c}</a><ul class='sub'>" + "".join(
            f"<li><a href='{base}/category/{c.lower()}/{t}/'>{t.title()}</a></li>" for t in TAGS[i % 5::5][:6])
        + "</ul></li>" for i, c in enumerate(CATEGORIES)) + "</ul></nav>"
    side = "".join((
        _widget("Search", f"<form class='search' action='{base}/'><input name='s' type='text'><button>Go</button></form>"),
        _ad(anchor % 997),
        _widget("Popular Posts", _post_links(blog, base, popular, thumbs=True)),
        _widget("Recent Posts", _post_links(blog, base, near, thumbs=False)),
        _widget("Categories", "<ul>" + "".join(f"<li><a href='{base}/category/{c.lower()}/'>{c}</a> ({(anchor + i) % 90 + 3})</li>"
                                               for i, c in enumerate(CATEGORIES)) + "</ul>"),
        _widget("Tags", "<div class='tagcloud'>" + " ".join(
            f"<a href='{base}/tag/{t}/' style='font-size:{8 + (i * 7 + anchor) % 14}pt'>{t}</a>" for i, t in enumerate(TAGS)) + "</div>"),
        _widget("Archives", "<ul>" + "".join(f"<li><a href='{base}/2026/{m:02d}/'>{MONTHS[m - 1]} 2026</a></li>"
                                             for m in range(12, 0, -1)) + "</ul>"),
        _ad(anchor % 997 + 1),
    ))
    related = _widget("You May Also Like", _post_links(blog, base, near[:6], thumbs=True))
    latest = [posts[(anchor + 11 + k) % n] for k in range(20)]
    related += "" if weight == "light" else _widget("Latest News", "".join(
        f"<div class='post'><h4 class='title'><a href='{base}{post_path(blog, p)}'>{escape(p.title)}</a></h4>"
        f"<div class='meta'><span>{p.author}</span> <span>{p.published:%B %d, %Y}</span> "
        f"<a href='{base}{post_path(blog, p)}#comments'>{(p.index * 7) % 40} Comments</a></div>"
        f"<p>{escape(p.article.paragraphs[0][:150])}&hellip; <a class='more' href='{base}{post_path(blog, p)}'>Read more</a></p></div>"
        for p in latest))
    social = "".join(f"<a class='social' href='https://{s}.example/share?u={base}'>{s.title()}</a>"
                     for s in ("facebook", "twitter", "whatsapp", "telegram", "pinterest", "linkedin", "reddit"))
    columns = "".join(f"<div class='footer-inner'><h4>{title}</h4><ul>" + "".join(
        f"<li><a href='{base}/{title.lower()}/{k}/'>{title} {k}</a></li>" for k in range(10)) + "</ul></div>"
        for title in ("Company", "Sections", "Partners", "Network"))
    tail = (f"<aside class='sidebar'>{side}</aside><div class='related'>{related}<div class='share'>{social}</div></div>"
            f"<footer class='footer'>{columns}<p>&copy; 2026 {escape(blog.name)} &middot; "
            f"<a href='{base}/privacy/'>Privacy Policy</a> &middot; <a href='{base}/dmca/'>DMCA</a></p></footer>")
    return HEAD if weight == "full" else LIGHT_HEAD, menu, tail


def with_chrome(html: str, blog: Blog, base: str, anchor: int, weight: str = "full") -> str:
    """The page with the theme weight: assets at the end of <head>, the menu first in <body> and the
    widgets, related posts and footer at its end."""
    head, menu, tail = chrome(blog, base, anchor, weight)
    html = html.replace("</head>", head + "</head>", 1)
    start = html.find("<body")
    start = html.find(">", start) + 1 if start >= 0 else 0
    html = html[:start] + menu + html[start:]
    return html.replace("</body>", tail + "</body>", 1)
