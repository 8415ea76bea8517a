"""Farm specification: blogs, their posts, and the splog residue each post carries."""

from __future__ import annotations

import functools
import hashlib
import itertools
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
    summary_feed: bool = False  # a "short" feed (Blogger's, WordPress's /feed/): the spider must fetch pages
    no_rest: bool = False  # WordPress with the REST API switched off
    chrome: str | None = None  # theme weight around every page: 'full' or 'light' (crawler/farm/chrome.py)
    operator: Operator | None = None  # who runs it: the ids its pages and feeds carry


@dataclass(frozen=True, slots=True)
class Operator:
    """The person behind some of a farm's blogs, by the ids their pages and feeds carry (each of the
    operator's blogs the same ones: what `operator_ids` ties together)."""

    number: int

    @property
    def adsense(self) -> str:
        return f"pub-{(7_130_000_000_000_000 + self.number * 9_876_543_211) % 10**16:016d}"

    @property
    def analytics(self) -> str:
        return f"G-{hashlib.sha1(f'ga{self.number}'.encode()).hexdigest()[:10].upper()}"

    @property
    def blogger_profile(self) -> str:
        return f"{(4_101_000_000_000_000_000 + self.number * 123_456_789_013) % 10**20:020d}"

    @property
    def gravatar(self) -> str:
        return hashlib.md5(f"op{self.number}@mail.example".encode()).hexdigest()

    @property
    def amazon_tag(self) -> str:
        return f"dealsop{self.number}-20"


def load_articles() -> list[Article]:
    data = tomllib.loads(ARTICLES.read_text(encoding="utf-8"))
    return [Article(a["slug"], a["title"], a["publisher"], tuple(a["paragraphs"])) for a in data["article"]]


_SYL = ("ka", "lo", "ren", "mi", "sto", "va", "del", "ori", "tan", "bek", "sul", "ma", "nor", "vi", "ash", "pe",
        "ru", "gan", "tel", "sa", "mon", "ki", "dra", "fe", "lin", "qo", "zu", "har", "wen", "bo")


class Vocabulary:
    """20,000 made-up words with Zipf frequencies (s = 1.05) and 5,000 names: text statistics close
    to news (a few very common words, a long tail), so benchmarks see realistic shingle diversity."""

    def __init__(self, seed: int = 3) -> None:
        rng = random.Random(seed)
        words = {"".join(rng.choice(_SYL) for _ in range(rng.randint(1, 4))) for _ in range(40_000)}
        self.words = sorted(words)[:20_000]
        rng.shuffle(self.words)
        self.cum = list(itertools.accumulate(1 / (r + 1) ** 1.05 for r in range(len(self.words))))
        self.names = sorted({"".join(rng.choice(_SYL) for _ in range(3)).capitalize() for _ in range(8000)})[:5000]

    def paragraphs(self, rng: random.Random) -> list[str]:
        out = []
        for _ in range(rng.randint(4, 8)):
            sentences = []
            for _ in range(rng.randint(2, 3)):
                tokens = rng.choices(self.words, cum_weights=self.cum, k=rng.randint(10, 22))
                tokens.insert(rng.randrange(1, len(tokens)), rng.choice(self.names))
                if rng.random() < 0.5:
                    tokens.insert(rng.randrange(1, len(tokens)), str(rng.randint(2, 99_999)))
                sentences.append(" ".join(tokens).capitalize() + ".")
            out.append(" ".join(sentences))
        return out


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary()


def synthetic_article(n: int) -> Article:
    """A deterministic made-up article for large benchmark farms (article n is always the same)."""
    rng = random.Random(n)
    vocab = vocabulary()
    paragraphs = vocab.paragraphs(rng)
    title = " ".join(rng.choices(vocab.words[:3000], k=rng.randint(5, 9))).capitalize() + f" {rng.choice(vocab.names)}"
    return Article(f"story-{n}", title, f"{rng.choice(vocab.names)} Times", tuple(paragraphs))


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
    first, second = Operator(1), Operator(2)  # (three of the blogs are one operator's)
    blogs = [
        Blog("daily-world-pulse", "blogger", "Daily World Pulse", "en", operator=first),
        Blog("berita-kilat", "blogger", "Berita Kilat Dunia", "id", operator=second),
        Blog("autonews-hub", "wordpress", "AutoNews Hub", "en", operator=first),
        Blog("newswire-mirror", "plain", "Newswire Mirror", "en", operator=first),
    ]
    styles = {"blogger": BLOGGER_STYLES, "wordpress": WORDPRESS_STYLES, "plain": PLAIN_STYLES}
    for n, blog in enumerate(blogs):
        blog.posts = _posts(blog.key, arts, styles[blog.kind], posts_per_blog, n)
    return blogs


def bench_farm(blogs: int = 20, posts_per_blog: int = 100, plain_share: float = 0.2,
               chrome: str | None = None) -> list[Blog]:
    """A generated farm: Blogger and WordPress blogs with complete feeds, plus sitemap-only plain sites;
    chrome: 'full' for pages as heavy as real splog themes make them, 'light' for about half that."""
    out = []
    n_plain = round(blogs * plain_share)
    for b in range(blogs):
        kind = "plain" if b < n_plain else ("blogger" if b % 2 == 0 else "wordpress")
        styles = {"blogger": BLOGGER_STYLES, "wordpress": WORDPRESS_STYLES, "plain": PLAIN_STYLES}[kind]
        arts = [synthetic_article(b * posts_per_blog + i) for i in range(posts_per_blog)]
        blog = Blog(f"bench-{b:03d}", kind, f"Bench Blog {b}", "id" if b % 3 == 0 else "en", chrome=chrome,
                    operator=Operator(b // 2))  # (an operator runs each pair of blogs)
        blog.posts = _posts(blog.key, arts, styles, posts_per_blog, 0)
        out.append(blog)
    return out
