"""ArticleRecord v1: the exported record contract (DESIGN §3)."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1"

Platform = Literal["blogger", "wordpress", "generic"]
Via = Literal["page", "blogger-feed", "wp-json", "rss", "atom", "json-feed", "warc", "file"]
DuplicateKind = Literal["first", "exact", "near", "spin"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Blog(_Frozen):
    host: str = Field(min_length=1, description="Full host name of the blog (never only the registered domain).")
    url: str = Field(description="Root URL of the blog.")
    name: str | None = Field(default=None, description="Blog name as the blog declares it.")
    platform: Platform = Field(description="Blogging platform detected from markup, feeds and URL shapes.")
    ui_language: str | None = Field(
        default=None, description="Language of the blog's template (UI) strings, ISO 639-1 when known."
    )


class Source(_Frozen):
    publisher: str | None = Field(default=None, description="Original publisher of the article, e.g. 'Reuters'.")
    url: str | None = Field(default=None, description="URL of the original article when the page reveals it.")
    author: str | None = Field(default=None, description=(
        "Writer of the original article as a credit of the copy names them (an importer's 'Author: ...' "
        "under the text, a feed plugin's 'By ...', a portal's 'Penulis: ...'); not the byline over the text, "
        "which may be the copying blog's own (that is the record's author)."))
    feed_title: str | None = Field(default=None, description="Title of the feed the post came through.")
    autoposted_at: str | None = Field(
        default=None,
        description="Auto-post time printed by the posting tool (e.g. IFTTT), ISO 8601; "
        "no offset when the tool printed none.",
    )
    links: list[str] = Field(default_factory=list, description="Short links / tool links found in the residue.")
    chain: list[str] = Field(
        default_factory=list,
        description="Tools seen in the republishing chain, e.g. google-news, fivefilters, ifttt, wpematico, yoast.",
    )
    excerpt: bool = Field(
        default=False,
        description="The text is only the opening of the original article: it ends cut off ('...', '[...]') "
        "on a copy that names its original (a publisher, an address or a tool of the chain).",
    )


class Removed(_Frozen):
    rule: str = Field(min_length=1, description="Id of the rule that cut this piece.")
    text: str = Field(description="The text that was cut.")


class OperatorId(_Frozen):
    kind: str = Field(min_length=1, description=(
        "What the id is, by the rule that read it: adsense, google-analytics, google-tag-manager, google-ads, "
        "facebook-pixel, yandex-metrica, statcounter, histats, clicky, amazon-associates, media-net, taboola, "
        "popads, adsterra, microsoft-clarity, hotjar, "
        "blogger-blog, blogger-profile, jetpack-blog, gravatar, or a user rule's kind."))
    id: str = Field(min_length=1, description="The id as the page writes it (AdSense: pub-<16 digits>).")
    where: list[Literal["home", "page", "body", "author"]] = Field(min_length=1, description=(
        "Where it was found: home, the blog's home page (its template); page, the post's own page (read "
        "whole only when the crawl did not read the home page: saved pages, post seeds); body, the post's "
        "body (a copied article may carry its original's ids); author, the feed's author entry."))


class Outlink(_Frozen):
    url: str = Field(pattern=r"^https?://", description="The address linked to, as the post writes it.")
    text: str = Field(min_length=1, description="The link's words (the first anchor that links there).")


class Fingerprint(_Frozen):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the normalized text.")
    simhash: str = Field(pattern=r"^[0-9a-f]{16}$", description="64-bit SimHash of the normalized text, hex.")


class Duplicate(_Frozen):
    cluster_id: str = Field(min_length=1, description="Id shared by all copies of one article; stable across runs.")
    kind: DuplicateKind = Field(description="first: the cluster's first member; exact/near/spin: kind of copy.")
    of: str | None = Field(default=None, description="Record id of the cluster's representative.")
    similarity: float = Field(ge=0.0, le=1.0, description=(
        "Similarity to the representative: 1.0 for exact (and for first); for near, the 3-shingle Jaccard "
        "(or containment); for spin, the share of sentences with a reworded counterpart, both sides averaged."))


class Crawl(_Frozen):
    job_id: str = Field(min_length=1, description="Id of the run that produced this record.")
    fetched_at: AwareDatetime = Field(description="When the page or feed holding the post was fetched (UTC).")
    status: int | None = Field(default=None, description="HTTP status of that response; null for offline input.")
    via: Via = Field(description="How the post body was obtained.")
    source: str | None = Field(
        default=None, description="Offline runs: the file or WARC record the post came from; else the feed URL."
    )
    change: Literal["new", "updated"] = Field(
        default="new", description="Whether the post is new to the state store or changed since last seen."
    )
    pages: int = Field(default=1, ge=1, description=(
        "The pages of the post its text joins: more than 1 for a post split over several (WordPress's "
        "<!--nextpage-->, a slideshow site's page 2, 3...), fetched one by one."))
    pages_missing: int = Field(default=0, ge=0, description=(
        "Later pages of such a post that could not be fetched: the text stops before the first of them."))


class ArticleRecord(_Frozen):
    """One clean article taken from one splog post."""

    schema_version: Literal["1"] = Field(default=SCHEMA_VERSION, description="Contract version.")
    id: str = Field(pattern=r"^[0-9a-f]{32}$", description="Stable id: hash of the canonical URL.")
    url: str = Field(pattern=r"^https?://", description="URL of the post as crawled (after redirects).")
    canonical_url: str | None = Field(default=None, description="Canonical URL the page declares.")
    title: str | None = Field(default=None, description="Clean headline: no publisher or blog-name suffix.")
    raw_title: str | None = Field(default=None, description="Title as found.")
    text: str = Field(min_length=1, description="Clean article text, paragraphs separated by newlines.")
    language: str | None = Field(default=None, description="ISO 639-1 code of the text.")
    published_at: AwareDatetime | None = Field(default=None, description="Publication time, UTC.")
    updated_at: AwareDatetime | None = Field(default=None, description="Last update time, UTC.")
    author: str | None = Field(default=None, description="Author as the post declares it.")
    labels: list[str] = Field(default_factory=list, description="Labels / categories / tags of the post.")
    blog: Blog
    source: Source
    removed: list[Removed] = Field(default_factory=list, description="Every piece cut, with the rule that cut it.")
    outlinks: list[Outlink] = Field(default_factory=list, description=(
        "The post's links to other sites whose words its text keeps (a residue line's link, cut with it, is "
        "none), each address once, at most 50: what the splog links to, for link-graph work."))
    operator_ids: list[OperatorId] = Field(default_factory=list, description=(
        "Ids of the people who run or earn from the blog that its HTML carries (ad-network publisher ids, "
        "analytics and tag-manager ids, affiliate tags, platform accounts): what ties one operator's blogs "
        "together. Each once, those found in more places first; at most 8 of a kind and 24 in all."))
    fingerprint: Fingerprint
    duplicate: Duplicate
    crawl: Crawl

    @field_validator("text")
    @classmethod
    def _text_has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value
