"""URL shapes: which links are posts, which are pagination."""

from __future__ import annotations

import pytest

from crawler.links import blog_root, classify_links, is_pagination, is_post_url, lists_no_posts, sitemap_listings
from crawler.spiders.blogs import _platform_root
from pipelines.normalize import canonical_url


@pytest.mark.parametrize(("url", "expected"), [
    # Blogger
    ("https://x.blogspot.com/2020/09/amid-protests-lukashenko.html", True),
    ("https://x.blogspot.com/2020/09/amid-protests-lukashenko.html?m=1", True),
    ("https://x.blogspot.com/p/about.html", False),
    ("https://x.blogspot.com/search/label/News", False),
    ("https://x.blogspot.com/search?updated-max=2020-09-14T09:18:00-07:00&max-results=7", False),
    ("https://x.blogspot.com/feeds/posts/default", False),
    ("https://x.blogspot.com/", False),
    # WordPress
    ("https://autonews.example/2026/03/02/harbor-bridge-reopens/", True),
    ("https://autonews.example/?p=123", True),
    ("https://autonews.example/category/news/", False),
    ("https://autonews.example/tag/world/", False),
    ("https://autonews.example/page/2/", False),
    ("https://autonews.example/wp-content/uploads/2026/03/a-b-c.jpg", False),
    ("https://autonews.example/author/admin/", False),
    # plain sites
    ("http://mirror.example/news/harbor-bridge-reopens.html", True),
    ("http://mirror.example/contact.html", False),
    ("http://mirror.example/privacy-policy/", False),
    ("http://mirror.example/page/3.html", False),
    ("http://mirror.example/sitemap.xml", False),
    ("http://mirror.example/post1.html", True),
    ("http://mirror.example/index.html", False),
    ("http://mirror.example/article/48213", True),
    ("http://mirror.example/about-us/", False),
    ("http://mirror.example/article.php?id=4821", True),
    ("http://mirror.example/?page=2", False),
])
def test_is_post_url(url: str, expected: bool) -> None:
    assert is_post_url(url) is expected


@pytest.mark.parametrize(("url", "platform", "expected"), [
    # Blogger's static pages, on a blogspot host or a Blogger blog under its own domain
    ("https://x.blogspot.com/p/about-this-blog.html", None, False),
    ("https://x.blogspot.co.uk/p/ferry-timetable.html", "generic", False),
    ("https://ferrynotes.example/p/ferry-timetable.html", "blogger", False),
    # elsewhere /p/<slug> is a post's address (Substack's, a plain site's)
    ("https://ferrynotes.substack.com/p/why-the-night-ferry-stopped", None, True),
    ("https://ferrynotes.example/p/why-the-night-ferry-stopped", "generic", True),
    ("https://ferrynotes.example/p/48213", "generic", True),
    ("https://ferrynotes.example/p/about.html", "generic", False),
])
def test_a_p_folder_holds_static_pages_on_blogger_only(url: str, platform: str | None, expected: bool) -> None:
    """Blogger keeps its static pages under /p/; Substack and other sites put their posts there, and a
    sitemap that listed them gave no post to fetch ("listed no posts")."""
    from crawler.links import might_be_post

    assert is_post_url(url, platform) is expected
    assert might_be_post(url, platform) is expected
    posts, _ = classify_links([(url, "A post", "")], url.split("/p/")[0] + "/", platform)
    assert posts == ([url] if expected else [])


@pytest.mark.parametrize(("url", "text", "rel", "expected"), [
    ("https://x.example/page/2/", "", "", True),
    ("https://x.example/archive-b", "Older posts", "", True),
    ("https://x.example/archive-b", "Posting Lama", "", True),
    ("https://x.example/archive-b", "", "next", True),
    ("https://x.example/archive-b", "Contact", "", False),
])
def test_is_pagination(url: str, text: str, rel: str, expected: bool) -> None:
    assert is_pagination(url, text, rel) is expected


def test_classify_links_keeps_same_site_only() -> None:
    root = "http://mirror.example/"
    posts, pages = classify_links([
        ("http://mirror.example/news/a-b-c.html", "A", ""),
        ("http://other.example/news/a-b-c.html", "A", ""),
        ("http://mirror.example/page/2.html", "Older stories", ""),
        ("mailto:x@y", "", ""),
    ], root)
    assert posts == ["http://mirror.example/news/a-b-c.html"]
    assert pages == ["http://mirror.example/page/2.html"]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://x.example/wp-sitemap-posts-post-1.xml", False),
    ("https://x.example/wp-sitemap-posts-news-2.xml", False),  # a custom post type may be articles
    ("https://x.example/post-sitemap.xml", False),
    ("https://x.example/post-sitemap3.xml", False),
    ("https://x.example/sitemap.xml?page=2", False),
    ("https://x.example/sitemap.xml", False),
    ("https://x.example/wp-sitemap-posts-page-1.xml", True),
    ("https://x.example/wp-sitemap-taxonomies-category-1.xml", True),
    ("https://x.example/wp-sitemap-taxonomies-post_tag-1.xml", True),
    ("https://x.example/wp-sitemap-users-1.xml", True),
    ("https://x.example/page-sitemap.xml", True),
    ("https://x.example/category-sitemap.xml", True),
    ("https://x.example/post_tag-sitemap2.xml", True),
    ("https://x.example/author-sitemap.xml", True),
    ("https://x.blogspot.com/sitemap-pages.xml", True),
    ("https://ghost.example/sitemap-tags.xml", True),  # Ghost's index: pages, posts, authors, tags
    ("https://ghost.example/sitemap-authors.xml", True),
    ("https://ghost.example/sitemap-posts.xml", False),
    ("https://x.example/news/page-sitemap-notes.xml", False),
])
def test_sitemaps_of_pages_taxonomies_and_authors_are_known_by_name(url: str, expected: bool) -> None:
    assert lists_no_posts(url) is expected


@pytest.mark.parametrize(("url", "root"), [
    ("https://x.example/", "https://x.example/"),
    ("https://x.example/news/", "https://x.example/news/"),
    ("https://x.example/news", "https://x.example/news/"),
    ("https://x.example/news/index.html", "https://x.example/news/"),
    ("https://x.example/home", "https://x.example/"),
    ("https://x.example/news/category/local/", "https://x.example/news/"),
    ("https://x.example/news/2026/04/", "https://x.example/news/"),
    ("https://x.example/news/page/3/", "https://x.example/news/"),
    ("https://x.example/news/feed/", "https://x.example/news/"),
    ("https://x.example/news/sitemap.xml", "https://x.example/news/"),
    ("https://x.example/sitemaps/post-sitemap1.xml", "https://x.example/"),
    ("https://x.blogspot.com/search/label/News", "https://x.blogspot.com/"),
    ("https://x.blogspot.com/feeds/posts/default", "https://x.blogspot.com/"),
    ("https://x.example/wp-json/wp/v2/posts", "https://x.example/"),
    ("https://x.example/?m=1", "https://x.example/"),
    ("https://someone.sitehost.example/mysite", "https://someone.sitehost.example/mysite/"),
])
def test_blog_root_of_a_page_that_is_not_a_post(url: str, root: str) -> None:
    assert blog_root(url) == root


@pytest.mark.parametrize(("root", "platform", "api", "expected"), [
    ("https://x.blogspot.com/p/", "blogger", None, "https://x.blogspot.com/"),  # Blogger: the whole host
    ("https://x.example/", "wordpress", "https://x.example/news/wp-json/", "https://x.example/news/"),
    ("https://x.example/news/", "wordpress", "https://x.example/?rest_route=/", "https://x.example/news/"),
    ("https://x.example/news/", "wordpress", "https://cdn.example/wp-json/", "https://x.example/news/"),
    ("https://x.example/news/", "generic", None, "https://x.example/news/"),
])
def test_platform_root(root: str, platform: str, api: str | None, expected: str) -> None:
    assert _platform_root(root, platform, api) == expected


def test_a_blog_in_a_folder_keeps_its_folders_links_else_the_sites() -> None:
    links = [("https://x.example/news/2026/04/quay-works-begin.html", "", ""),
             ("https://x.example/shop/2026/04/summer-sale-starts-now.html", "", ""),
             ("https://x.example/news/page/2/", "Older posts", "")]
    assert classify_links(links, "https://x.example/news/") == (
        ["https://x.example/news/2026/04/quay-works-begin.html"], ["https://x.example/news/page/2/"])
    # a "folder" with no link under it was no blog's folder: the site's links are the blog's
    assert classify_links(links[1:2], "https://x.example/welcome-page/") == (
        ["https://x.example/shop/2026/04/summer-sale-starts-now.html"], [])


def test_a_blog_crawled_before_at_https_or_www_is_known_by_its_http_seed(tmp_path) -> None:
    """A seed that moved is kept in the state at its new home; the next run finds it from the seed."""
    from crawler.spiders.blogs import BlogsSpider
    from pipelines.state import BlogState, open_state

    state = open_state(str(tmp_path / "state.db"))
    state.put_blog(BlogState("https://www.harbour-notes.example/", "blogger", "Harbour Notes", "en", None,
                             "2026-05-01T00:00:00+00:00"))
    state.commit()
    spider = BlogsSpider(seeds="http://harbour-notes.example/")
    spider.state = state
    try:
        assert spider._known_blog("http://harbour-notes.example/").url == "https://www.harbour-notes.example/"
        assert spider._known_blog("https://www.harbour-notes.example/").platform == "blogger"
        assert spider._known_blog("http://harbour-notes.example/news/") is None  # another folder: another blog
        assert spider._known_blog("http://other-notes.example/") is None
    finally:
        state.close()


@pytest.mark.parametrize(("url", "listing"), [
    ("https://notes.example/posts/", True),  # a section above the posts the sitemap lists
    ("https://notes.example/en/tags/harbour/", True),
    ("https://notes.example/blog/category/local-news/", True),
    ("https://notes.example/blog/page/2/", True),
    ("https://notes.example/x/topics/tides/", True),
    ("https://notes.example/posts/quay-crane-returns/", False),
    ("https://notes.example/archives/4821", False),  # WordPress's numeric permalinks
    ("https://notes.example/long-post-with-photos/", False),  # a post above its attachments' pages
    ("https://notes.example/long-post-with-photos/photo-1/", False),
    ("https://notes.example/about/", False),  # above nothing listed
])
def test_sitemap_listings(url: str, listing: bool) -> None:
    listed = ["https://notes.example/posts/quay-crane-returns/", "https://notes.example/posts/tide-gauge-moved/",
              "https://notes.example/long-post-with-photos/photo-2/", url]
    assert (url in sitemap_listings(listed)) is listing


@pytest.mark.parametrize("spelling", [
    "http://notes.example/posts/café-reopens/", "http://notes.example/posts/caf%c3%a9-reopens/",
    "HTTP://Notes.Example:80/posts/caf%C3%A9-reopens/#comments", "http://notes.example/posts/caf%C3%A9-reopen%73/?utm_source=x",
])
def test_one_url_spelt_many_ways_has_one_canonical_form(spelling: str) -> None:
    assert canonical_url(spelling) == "http://notes.example/posts/caf%C3%A9-reopens/"


def test_a_feed_readers_source_parameter_is_no_part_of_a_posts_address() -> None:
    """Medium's feed links a post with "?source=rss-<id>------2"; another "source" stays."""
    assert canonical_url("https://medium.com/@ann/pier-plan-1a2b3c?source=rss-5f1e------2") == \
        "https://medium.com/@ann/pier-plan-1a2b3c"
    assert canonical_url("https://notes.example/view?source=archive&id=7") == "https://notes.example/view?source=archive&id=7"


def test_an_ipv6_host_keeps_its_brackets() -> None:
    assert canonical_url("http://[::1]:8080/a/") == "http://[::1]:8080/a/"
    assert canonical_url("HTTPS://[2001:DB8::1]:443/x") == "https://[2001:db8::1]/x"


def test_an_escaped_ampersand_between_parameters_is_one() -> None:
    assert canonical_url("https://notes.example/?p=123&amp;utm_source=rss") == "https://notes.example/?p=123"
    assert canonical_url("https://notes.example/?p=123&amp;lang=de") == canonical_url("https://notes.example/?p=123&lang=de")


def test_an_international_host_is_its_ascii_form() -> None:
    assert canonical_url("https://bücher.example/neu/") == canonical_url("https://xn--bcher-kva.example/neu/")
    assert canonical_url("http://notes.example/a%2fb") == "http://notes.example/a%2Fb"  # an escaped "/" stays escaped
