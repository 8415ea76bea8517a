"""Pure URL decisions: which links are posts, which are index pagination, which to skip."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import SplitResult, parse_qsl, urljoin, urlsplit

_DATE_PATH = re.compile(r"/\d{4}/\d{1,2}/(\d{1,2}/)?[^/]+")
_SKIP_PATH = re.compile(
    r"(^/(search|feeds?|tag|tags|category|categories|label|author|page|wp-json|wp-content|wp-admin|"
    r"wp-includes|comments|cdn-cgi|amp)(/|$))|(/(about|contact|privacy|terms|login|register|sitemap|"
    r"disclaimer|advertise|subscribe)([-_.][a-z]+)?(\.html?|/)?$)", re.I)
# Blogger's static pages (/p/about.html), not posts; elsewhere /p/<slug> is a post's address (Substack's)
_BLOGGER_PAGE = re.compile(r"^/p(/|$)", re.I)
_BLOGSPOT = re.compile(r"\.blogspot\.(com|[a-z]{2}|com?\.[a-z]{2})$", re.I)
_ID_QUERY = re.compile(r"(^|&)(p|id|post|article|story|news_id|post_id)=\d+(&|$)", re.I)
_ASSET = re.compile(r"\.(jpe?g|png|gif|webp|svg|ico|css|js|xml|json|pdf|zip|gz|mp[34]|woff2?|ttf|txt)$", re.I)
_PAGINATION = re.compile(r"(/page/\d+(/|\.html?)?$)|([?&](page|paged|start-index)=\d+)|(/search\?updated-max=)", re.I)
# Child sitemaps that list a blog's static pages, its taxonomies or its authors, never its posts, by
# the names the platforms and SEO plugins give them: WordPress core (wp-sitemap-posts-page-1.xml,
# wp-sitemap-taxonomies-category-1.xml, wp-sitemap-users-1.xml), Yoast, Rank Math and All in One SEO
# (page-sitemap.xml, category-sitemap.xml, post_tag-sitemap2.xml, author-sitemap.xml), Blogger
# (sitemap-pages.xml), Ghost (sitemap-pages.xml, sitemap-tags.xml, sitemap-authors.xml). A post
# sitemap (post-sitemap.xml, wp-sitemap-posts-post-1.xml) or one of a custom post type
# (wp-sitemap-posts-news-1.xml) is followed.
_NON_POST_SITEMAP = re.compile(
    r"/(wp-sitemap-(posts-(page|attachment|wp_block|elementor_library)|taxonomies-[\w-]+|users)-\d+"
    r"|(page|category|post_tag|tag|author|attachment|product_cat|product_tag|local|web-story|video)-sitemap\d*"
    r"|sitemap-(pages|tags|authors))\.xml(\.gz)?$", re.I)
_OLDER_TEXT = re.compile(r"^(older|next|more|previous entries|older (posts?|stories|entries)|posting lama|"
                         r"entradas antiguas|postagens mais antigas|älterer post|»|›|next page)\b", re.I)


# A path segment from which on a URL names a listing of a blog (or its feed, API or sitemap), not
# the blog: a seed at /news/category/local/ or /news/2024/05/ is the blog at /news/.
_LISTING_SEGMENT = re.compile(
    r"(search|feeds?|rss|atom|tags?|category|categories|labels?|author|page|archives?|wp-json|"
    r"sitemaps?|comments|p|amp|\d{4})", re.I)

# the name of a site's front page, not of a folder
_PAGE_NAME = re.compile(r"(index|home|default|main|start|welcome)", re.I)


def same_site(url: str, root: str) -> bool:
    return urlsplit(url).netloc.lower() == urlsplit(root).netloc.lower()


def blog_root(url: str) -> str:
    """The home URL of the blog that a page which is not a post belongs to: the host, and the
    folders above the page's file name and above its first listing segment (category/, tag/, page/,
    feed/, a year...). A blog installed under a folder (example.com/news/) is that folder."""
    parts = urlsplit(url)
    segments = [seg for seg in parts.path.split("/") if seg]
    if segments and not parts.path.endswith("/") and ("." in segments[-1] or _PAGE_NAME.fullmatch(segments[-1])):
        segments.pop()  # a page's name: index.html, rss.xml, /home
    kept: list[str] = []
    for seg in segments:
        if _LISTING_SEGMENT.fullmatch(seg):
            break
        kept.append(seg)
    return f"{parts.scheme}://{parts.netloc}/" + "".join(seg + "/" for seg in kept)


def host_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def seed_blog_root(url: str) -> str:
    """The home URL of the blog a seed (or the page it led to) belongs to: a post's blog is taken to
    be its host, any other page's is its folder (blog_root)."""
    return host_root(url) if is_post_url(url) else blog_root(url)


def in_folder(url: str, root: str) -> bool:
    """Whether the URL's path lies under the path of a blog's home URL (any host: a sitemap may
    spell its host with or without www)."""
    return (urlsplit(url).path or "/").startswith(urlsplit(root).path or "/")


def is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _not_a_post_path(parts: SplitResult, platform: str | None) -> bool:
    """The home page, an asset, a listing, a site page or a page of an index; on Blogger (said, or a
    blogspot host), a static page."""
    path = parts.path or "/"
    return (path == "/" or bool(_ASSET.search(path) or _SKIP_PATH.search(path) or _PAGINATION.search(parts.geturl()))
            or (bool(_BLOGGER_PAGE.match(path))
                and (platform == "blogger" or bool(_BLOGSPOT.search(parts.hostname or "")))))


def is_post_url(url: str, platform: str | None = None) -> bool:
    """A single-post URL by its shape: date paths, .html slugs, ?p=N, hyphenated slugs (platform: the
    blog's, when known)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if _ID_QUERY.search(parts.query or ""):
        return True
    if _not_a_post_path(parts, platform):
        return False
    if _DATE_PATH.search(path):
        return True
    last = [seg for seg in path.split("/") if seg][-1]
    stem = re.sub(r"\.(html?|php|aspx?)$", "", last, flags=re.I)
    if stem != last:  # a page file: posts unless its name says index/home
        return stem.lower() not in ("index", "default", "home", "main")
    return stem.count("-") >= 2 or (stem.isdigit() and len(stem) >= 3)


def might_be_post(url: str, platform: str | None = None) -> bool:
    """For URLs a sitemap lists: anything that is not the home page, an index, a feed or an asset."""
    return is_post_url(url, platform) or not _not_a_post_path(urlsplit(url), platform)


# a taxonomy's folder: the segment before a term's listing page (/blog/tag/farming/, /en/categories/local/);
# the second kind holds posts too (WordPress's numeric permalinks are /archives/123)
_TAXONOMY = re.compile(r"(tags?|category|categories|labels?|authors?|page|search)", re.I)
_TAXONOMY_OR_POSTS = re.compile(r"(topics?|archives?)", re.I)


def sitemap_listings(urls: list[str]) -> set[str]:
    """The URLs a sitemap lists that are listings of other pages, not posts: a taxonomy term's page
    below the blog's folder (/blog/tag/x/, /en/categories/y/, which might_be_post lets through when
    the taxonomy is not the first folder), and a section's folder above two or more of the other URLs
    listed whose own name is not a post's (a static site's /posts/ or /news/ above its posts)."""
    listings: set[str] = set()
    below: dict[tuple[str, str], int] = {}
    for url in urls:
        parts = urlsplit(url)
        segments = [seg for seg in parts.path.split("/") if seg]
        if len(segments) >= 2 and (_TAXONOMY.fullmatch(segments[-2]) or (
                _TAXONOMY_OR_POSTS.fullmatch(segments[-2]) and not is_post_url(url))):
            listings.add(url)
            continue
        for depth in range(1, len(segments)):
            key = (parts.netloc.lower(), "/".join(segments[:depth]).lower())
            below[key] = below.get(key, 0) + 1
    for url in urls:
        if url in listings:
            continue
        parts = urlsplit(url)
        folder = parts.path.strip("/").lower()
        if folder and not parts.query and below.get((parts.netloc.lower(), folder), 0) >= 2 and not is_post_url(url):
            listings.add(url)
    return listings


def is_pagination(url: str, anchor_text: str = "", rel: str = "") -> bool:
    """An index page that lists more posts (older-posts links, /page/N, rel=next)."""
    return "next" in rel.lower().split() or bool(_PAGINATION.search(url)) or bool(
        _OLDER_TEXT.match(anchor_text.strip()))


def classify_links(links: list[tuple[str, str, str]], root: str,
                   platform: str | None = None) -> tuple[list[str], list[str]]:
    """(posts, pagination) among (url, anchor text, rel) links of one page, same site only; for a
    blog under a folder, those under its folder (all the site's when none is: then the folder was
    not where the blog's posts live)."""
    posts: dict[str, None] = {}
    pages: dict[str, None] = {}
    outside: list[tuple[str, str, str]] = []
    for url, text, rel in links:
        if not url.startswith(("http://", "https://")) or not same_site(url, root):
            continue
        if not in_folder(url, root):
            outside.append((url, text, rel))
            continue
        url = url.split("#", 1)[0]
        if is_post_url(url, platform):
            posts.setdefault(url, None)
        elif is_pagination(url, text, rel):
            pages.setdefault(url, None)
    if not posts and not pages and outside:
        return classify_links(outside, host_root(root), platform)
    return list(posts), list(pages)


def lists_no_posts(sitemap_url: str) -> bool:
    """A child sitemap that by its name lists pages, taxonomies or authors, not posts."""
    return bool(_NON_POST_SITEMAP.search(urlsplit(sitemap_url).path))


def first_url(meta: dict, url: str) -> str:
    """The URL a request was made for, before any redirect (Scrapy keeps the chain in its meta)."""
    chain = meta.get("redirect_urls")
    return chain[0] if chain else url


# A post split over several pages (WordPress's <!--nextpage-->, a slideshow site's "next page"):
# WordPress's page links (class post-page-numbers, since 5.1) anywhere, a <link rel="next"> in the
# head, and any link to the post's own path and a page number (…/post-slug/2/: older WordPress's page
# links, a "Next Page" link in the text); each followed only where it is the post's own address with
# a page number (…/post-slug/2/, …?page=2, …?p=123&page=2): WordPress also names the next *post* rel="next".
_PAGE_LINK = re.compile(r"""<a\b[^>]*?\bclass\s*=\s*["']?[^"'>]*\bpost-page-numbers\b[^>]*>""", re.I)
_NEXT_LINK = re.compile(r"""<link\b[^>]*?\brel\s*=\s*["']?next\b[^>]*>""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_PAGE_PARAMS = ("page", "pg", "paged")


def post_page_number(candidate: str, post: str) -> int | None:
    """N when candidate is page N of the post at `post` (its path + "/N", or its query + page=N)."""
    c, p = urlsplit(candidate), urlsplit(post)
    if c.netloc.lower() != p.netloc.lower() or c.scheme.lower() not in ("http", "https"):
        return None
    base = p.path.rstrip("/")
    path = c.path.rstrip("/")
    if c.query == p.query and base and path.startswith(base + "/"):
        rest = path[len(base) + 1:]
        return int(rest) if rest.isdigit() and len(rest) < 4 else None
    if c.path == p.path and c.query:
        params = parse_qsl(c.query, keep_blank_values=True)
        pages = [v for k, v in params if k in _PAGE_PARAMS]
        others = sorted((k, v) for k, v in params if k not in _PAGE_PARAMS)
        if len(pages) == 1 and pages[0].isdigit() and len(pages[0]) < 4 and \
                others == sorted(parse_qsl(p.query, keep_blank_values=True)):
            return int(pages[0])
    return None


def _own_path_links(text: str, post: str) -> Iterator[str]:
    """The hrefs in text that are the post's path, a slash and a number ("/2026/05/ferry/2/"), written
    from the root or whole on the post's own host (found by the path, not by parsing the page)."""
    parts = urlsplit(post)
    base = parts.path.rstrip("/")
    if len(base) < 2 or parts.query:
        return
    needle, at = base + "/", 0
    while (at := text.find(needle, at)) >= 0:
        start, at = at, at + len(needle)
        end = at
        while end < len(text) and end - at < 4 and text[end].isdigit():
            end += 1
        if end == at:
            continue
        if text[end:end + 1] == "/":
            end += 1
        if text[end:end + 1] not in ("'", '"'):  # (the number ends the address: not …/2/amp/, …/2024-review/)
            continue
        if text[start - 1:start] in ("'", '"'):
            yield text[start:end]
        elif text[max(0, start - len(parts.netloc) - 1):start].lower() == "/" + parts.netloc.lower():
            yield f"{parts.scheme}://{parts.netloc}{text[start:end]}"


def post_pages(text: str, url: str, post: str | None = None) -> dict[int, str]:
    """The later pages of the post (pages 2 on) that a page of it links to: {number: URL}. `post`:
    the post's own address (page 1's), when `url` is a later page's."""
    post = post or url
    tags = _PAGE_LINK.findall(text) if "post-page-numbers" in text else []
    head_end = text.find("</head>")
    if head_end > 0 and text.find("next", 0, head_end) >= 0:
        tags += _NEXT_LINK.findall(text, 0, head_end)
    found: dict[int, str] = {}
    for href in _own_path_links(text, post):
        number = post_page_number(urljoin(url, href), post)
        if number is not None and number >= 2:
            found.setdefault(number, urljoin(url, href))
    for tag in tags:
        href = _HREF.search(tag)
        if href is None:
            continue
        target = urljoin(url, html.unescape(next(g for g in href.groups() if g is not None)).strip())
        number = post_page_number(target, post)
        if number is not None and number >= 2:
            found.setdefault(number, target.split("#")[0])
    return found
