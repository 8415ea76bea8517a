"""Farm specification: blogs, their posts, and the splog residue each post carries."""

from __future__ import annotations

import random
import tomllib
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

ARTICLES = Path(__file__).with_name("articles.toml")
BASE_TIME = datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)
# Residue styles (SIGNATURES §1-§4); each post carries one.
BLOGGER_STYLES = ("gnews-ftr-ifttt", "ftr-old-ifttt-from", "ftr-new-via-ifttt", "gnews-ftr-ifttt", "clean")
WORDPRESS_STYLES = ("yoast", "wpematico", "wprss", "yoast-gnews", "clean")
PLAIN_STYLES = ("source-link", "ftr-old-ifttt-from", "gnews-ftr-ifttt", "clean")
FEED_TITLES = ("World - Latest - Google News", "Top stories - Google News",
               "Business - Latest - Google News", "Technology - Latest - Google News")


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    title: str
    publisher: str
    paragraphs: tuple[str, ...]


@dataclass(slots=True)
class Post:
    index: int
    article: Article
    style: str
    published: datetime
    updated: datetime
    author: str
    labels: tuple[str, ...]
    feed_title: str
    ift_links: tuple[str, str]
    slug: str

    @property
    def title(self) -> str:
        """The title as the splog shows it (Google News posts keep the ' - Publisher' suffix)."""
        if "gnews" in self.style:
            return f"{self.article.title} - {self.article.publisher}"
        return self.article.title

    @property
    def original_url(self) -> str:
        pub = self.article.publisher.lower().replace(" ", "")
        return f"https://www.{pub}.example/{self.published:%Y/%m}/{self.article.slug}"


@dataclass(slots=True)
class Blog:
    key: str
    kind: str  # blogger | wordpress | plain | trouble
    name: str
    ui_language: str
    posts: list[Post] = field(default_factory=list)
    summary_feed: bool = False  # Blogger "short" feed: the spider must fetch pages
    no_rest: bool = False  # WordPress with the REST API switched off


def load_articles() -> list[Article]:
    data = tomllib.loads(ARTICLES.read_text(encoding="utf-8"))
    return [Article(a["slug"], a["title"], a["publisher"], tuple(a["paragraphs"])) for a in data["article"]]


_SYLLABLES = ("ka", "lo", "ren", "mi", "sto", "va", "del", "ori", "tan", "bek", "sul", "ma", "nor", "vi", "ash")
_WORDS = ("the", "council", "said", "on", "report", "river", "market", "new", "plan", "after", "week",
          "city", "officials", "more", "than", "people", "would", "during", "project", "water", "school",
          "company", "year", "local", "government", "police", "station", "data", "price", "season", "team",
          "because", "while", "about", "road", "north", "health", "budget", "energy", "court", "trade")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_article(n: int) -> Article:
    """A deterministic made-up article for large benchmark farms (article n is always the same)."""
    rng = random.Random(n)
    paragraphs = []
    for _ in range(rng.randint(4, 8)):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 20))]
            words.insert(rng.randint(0, len(words)), _name(rng))
            words.append(str(rng.randint(2, 9000)))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    title = f"{_name(rng)} {rng.choice(_WORDS)} {rng.choice(_WORDS)} {_name(rng)} report {n}"
    return Article(f"story-{n}", title, f"{_name(rng)} Times", tuple(paragraphs))


def _posts(blog_key: str, articles: list[Article], styles: tuple[str, ...], count: int,
           offset: int) -> list[Post]:
    posts = []
    for i in range(count):
        art = articles[(i + offset) % len(articles)]
        published = BASE_TIME + timedelta(hours=7 * i + offset, minutes=13 * (i % 4))
        code = f"{zlib.crc32(f'{blog_key}/{i}'.encode()) % 10**7:07d}"
        suffix = f"-{i // len(articles)}" if i >= len(articles) else ""
        posts.append(Post(
            index=i, article=art, style=styles[i % len(styles)], published=published,
            updated=published + timedelta(minutes=5), author=("admin", "editor", "newsbot")[i % 3],
            labels=(("World", "News"), ("Business",), ("Local", "News"))[i % 3],
            feed_title=FEED_TITLES[i % len(FEED_TITLES)],
            ift_links=(f"https://ift.tt/3{code[:6]}a", f"https://ift.tt/3{code[:6]}b"),
            slug=art.slug + suffix))
    return posts


def demo_farm(posts_per_blog: int = 20) -> list[Blog]:
    """The bundled demo: two Blogger splogs (en, id UI), a WordPress autoblog and a plain splog."""
    arts = load_articles()
    blogs = [
        Blog("daily-world-pulse", "blogger", "Daily World Pulse", "en"),
        Blog("berita-kilat", "blogger", "Berita Kilat Dunia", "id"),
        Blog("autonews-hub", "wordpress", "AutoNews Hub", "en"),
        Blog("newswire-mirror", "plain", "Newswire Mirror", "en"),
    ]
    styles = {"blogger": BLOGGER_STYLES, "wordpress": WORDPRESS_STYLES, "plain": PLAIN_STYLES}
    for n, blog in enumerate(blogs):
        blog.posts = _posts(blog.key, arts, styles[blog.kind], posts_per_blog, n)
    return blogs


def bench_farm(blogs: int = 20, posts_per_blog: int = 100, plain_share: float = 0.2) -> list[Blog]:
    """A generated farm: Blogger and WordPress blogs with complete feeds, plus sitemap-only plain sites."""
    out = []
    n_plain = round(blogs * plain_share)
    for b in range(blogs):
        kind = "plain" if b < n_plain else ("blogger" if b % 2 == 0 else "wordpress")
        styles = {"blogger": BLOGGER_STYLES, "wordpress": WORDPRESS_STYLES, "plain": PLAIN_STYLES}[kind]
        arts = [synthetic_article(b * posts_per_blog + i) for i in range(posts_per_blog)]
        blog = Blog(f"bench-{b:03d}", kind, f"Bench Blog {b}", "id" if b % 3 == 0 else "en")
        blog.posts = _posts(blog.key, arts, styles, posts_per_blog, 0)
        out.append(blog)
    return out
