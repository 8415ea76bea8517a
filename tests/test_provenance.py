"""Title suffixes: publisher suffixes and blog-name affixes come off; headline dashes stay."""

from __future__ import annotations

import pytest

from pipelines.cleaning import Harvest
from pipelines.normalize import clean_line
from pipelines.provenance import feed_title_publisher, resolve_title, split_publisher, strip_blog_affix
from pipelines.rules import load_rules

RULES = load_rules()


@pytest.mark.parametrize(("title", "google_news", "autoblog", "hints", "expected"), [
    # known publisher list
    ("Ceasefire talks resume in Cairo - Reuters", False, False, [], ("Ceasefire talks resume in Cairo", "Reuters")),
    ("Amid protests, leader flies to talks - Al Jazeera English", False, False, [],
     ("Amid protests, leader flies to talks", "Al Jazeera English")),
    ("Ferry fares rise again - Bangkok Post", False, False, [], ("Ferry fares rise again", "Bangkok Post")),
    ("Ferry fares rise again - Folha de S.Paulo", False, False, [], ("Ferry fares rise again", "Folha de S.Paulo")),
    # a news site's address
    ("Ferry fares rise again - Reuters.com", False, False, [], ("Ferry fares rise again", "Reuters.com")),
    ("Ferry fares rise again - coastalledger.co.uk", False, False, [], ("Ferry fares rise again", "coastalledger.co.uk")),
    ("Ferry fares rise again - news.com.au", False, False, [], ("Ferry fares rise again", "news.com.au")),
    ("Upgrading our servers - part 2.5", False, False, [], ("Upgrading our servers - part 2.5", None)),
    ("How we build the site - Node.js", False, False, [], ("How we build the site - Node.js", None)),
    # any suffix when the post came through Google News
    ("Harbor bridge reopens - Coastal Ledger", True, True, [], ("Harbor bridge reopens", "Coastal Ledger")),
    # a suffix named by the residue (IFTTT title line, feed <source>)
    ("Harbor bridge reopens - Coastal Ledger", False, False, ["Coastal Ledger"], ("Harbor bridge reopens", "Coastal Ledger")),
    # autoblog posts: a name-shaped suffix
    ("Frost hits orchards - Valley Farm Report", False, True, [], ("Frost hits orchards", "Valley Farm Report")),
    # headline dashes stay when nothing says it is a publisher
    ("Man bites dog - and survives", False, False, [], ("Man bites dog - and survives", None)),
    ("Man bites dog - and survives", False, True, [], ("Man bites dog - and survives", None)),
    ("Budget 2026 - what changes for renters", False, False, [], ("Budget 2026 - what changes for renters", None)),
    ("No dash here", True, True, [], ("No dash here", None)),
    # a Google News post whose title the splog had freed of its suffix: a clause is no publisher
    ("Review: Marlow - Tenancy law, 3rd edition 2024", True, True, [], ("Review: Marlow - Tenancy law, 3rd edition 2024", None)),
    ("Tour the old lighthouse keeper's cottage - it's for sale!", True, True, [],
     ("Tour the old lighthouse keeper's cottage - it's for sale!", None)),
    ("Who pays for the new seawall - and when?", True, True, [], ("Who pays for the new seawall - and when?", None)),
    ("Die Strandtasche - das Must-have für den Sommer", True, True, [],
     ("Die Strandtasche - das Must-have für den Sommer", None)),
    # names that start with a small letter
    ("Neue Fähre für Sylt - heise online", True, True, [], ("Neue Fähre für Sylt", "heise online")),
    ("Ferry app adds offline tickets - iPhone in Canada", True, True, [], ("Ferry app adds offline tickets", "iPhone in Canada")),
])
def test_split_publisher(title, google_news, autoblog, hints, expected) -> None:
    assert split_publisher(title, RULES, hints=hints, google_news=google_news, autoblog=autoblog) == expected


@pytest.mark.parametrize("host", ["harbournotes.com", "www.harbournotes.com", "news.harbournotes.com"])
def test_the_blogs_own_address_after_a_title_is_no_publisher(host: str) -> None:
    title = "Ferry fares rise again - harbournotes.com"
    assert split_publisher(title, RULES, hints=[], google_news=False, autoblog=False, own_host=host) == (title, None)
    assert split_publisher(title, RULES, hints=[], google_news=False, autoblog=False,
                           own_host="other.example") == ("Ferry fares rise again", "harbournotes.com")


@pytest.mark.parametrize(("title", "blog", "expected"), [
    ("Daily World Pulse: Bridge reopens", "Daily World Pulse", "Bridge reopens"),  # classic Blogger <title>
    ("Bridge reopens | Newswire Mirror", "Newswire Mirror", "Bridge reopens"),
    ("Bridge reopens \u2013 AutoNews Hub", "AutoNews Hub", "Bridge reopens"),
    ("Bridge reopens", "AutoNews Hub", "Bridge reopens"),
    ("Bridge reopens :: Quayside Feed", "Quayside Feed", "Bridge reopens"),  # not "Bridge reopens :"
    ("Bridge reopens » Quayside Feed", "Quayside Feed", "Bridge reopens"),
    ("Quayside Feed » Bridge reopens", "Quayside Feed", "Bridge reopens"),
    ("Bridge reopens", None, "Bridge reopens"),
    # a free Blogger template's tilde; the blog's name with its tagline after it
    ("Bridge reopens ~ Quayside Feed", "Quayside Feed", "Bridge reopens"),
    ("Bridge reopens - Quayside Feed - Local news for the bay", "Quayside Feed", "Bridge reopens"),
    ("Bridge reopens | Quayside Feed | Ferries, piers and the people who work them", "Quayside Feed", "Bridge reopens"),
    # the name inside a headline is the headline's; a sentence after it is no tagline
    ("Readers pick - Quayside Feed - as the one blog they would keep if the harbour's other news sites all went dark "
     "tomorrow", "Quayside Feed", "Readers pick - Quayside Feed - as the one blog they would keep if the harbour's other "
     "news sites all went dark tomorrow"),
    ("Why we read Quayside Feed - and why you should", "Quayside Feed", "Why we read Quayside Feed - and why you should"),
])
def test_strip_blog_affix(title, blog, expected) -> None:
    assert strip_blog_affix(title, blog) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Bridge reopens | by Ann Lee | Quayside Weekly | Medium", "Bridge reopens"),
    ("Bridge reopens | by Ann Lee | Medium", "Bridge reopens"),
    ("Bridge reopens - by Ann Lee - The Quayside Letter", "Bridge reopens"),  # (Substack's)
    ("Bridge reopens | Tumblr", "Bridge reopens"),
    # a headline's own "by"
    ("Ferry costs - By The Numbers", "Ferry costs - By The Numbers"),
    ("Ferry costs | by the numbers", "Ferry costs | by the numbers"),
    ("Bridge reopened by Ann Lee", "Bridge reopened by Ann Lee"), ("Medium", "Medium"),
])
def test_a_hosted_platforms_title_loses_its_byline_its_publication_and_the_platforms_name(title, expected) -> None:
    for blog in (None, "Quayside Weekly", "The Quayside Letter"):
        assert strip_blog_affix(title, blog) == expected


@pytest.mark.parametrize(("title", "labels", "expected"), [
    ("Bridge reopens | Ports | Quayside Feed", ["Ports", "Ferries"], "Bridge reopens"),
    ("Bridge reopens - ferries - Quayside Feed", ["Ferries"], "Bridge reopens"),
    ("Bridge reopens | Ports | Quayside Feed", [], "Bridge reopens | Ports"),  # (no label says it is a section)
    ("Bridge reopens | Ports", ["Ports"], "Bridge reopens | Ports"),  # (no blog's name: no SEO <title> to read)
    ("Ports", ["Ports"], "Ports"),
])
def test_a_section_a_title_names_between_the_headline_and_the_blog_goes_when_it_is_a_label(title, labels, expected) -> None:
    assert strip_blog_affix(title, "Quayside Feed", labels) == expected


def test_a_credit_with_its_link_on_a_line_of_a_body_written_between_brs_gives_the_publisher_and_the_link() -> None:
    text = "<br/>".join(f"A prefeitura aprovou o plano do cais, disse o vereador no dia {n} de maio." for n in range(8))
    html = ("<html><head><title>Cais reaberto</title></head><body><div class='post-body entry-content'>"
            f"{text}<br/><br/>Créditos: <a href='https://jornalcosta.example/cais'>Jornal da Costa</a><br/>"
            "<br/>Ver notícia original<br/></div></body></html>")
    record = _record(html, "https://noticiasdaserra.blogspot.com/2026/11/cais.html", platform="blogger", name="Serra")
    assert record.source.publisher == "Jornal da Costa" and record.source.url == "https://jornalcosta.example/cais"
    assert "Créditos" not in record.text


def test_a_press_release_a_splog_republished_names_its_issuer_its_wire_and_the_original() -> None:
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(6))
    html = ("<html><head><title>Harbour Ferries adds a night route</title></head><body><article>"
            "<h1>Harbour Ferries adds a night route</h1><div class='entry-content'>"
            "<p>NEW YORK, Nov. 20, 2026 /PRNewswire/ -- Harbour Ferries Inc. today added a night route.</p>"
            f"{text}<p>Logo - https://mma.prnewswire.com/media/1234567/Harbour_Ferries_Logo.jpg</p>"
            "<p>View original content to download multimedia:"
            "<a href='https://www.prnewswire.com/news-releases/night-route-302112345.html'>"
            "https://www.prnewswire.com/news-releases/night-route-302112345.html</a></p>"
            "<p>SOURCE Harbour Ferries Inc.</p></div></article></body></html>")
    record = _record(html, name="Crypto Daily Wire")
    assert record.source.publisher == "Harbour Ferries Inc."
    assert record.source.url == "https://www.prnewswire.com/news-releases/night-route-302112345.html"
    assert record.source.chain == ["prnewswire"]
    assert "prnewswire.com" not in record.text and "SOURCE" not in record.text
    assert record.text.startswith("NEW YORK, Nov. 20, 2026 /PRNewswire/ --")


def test_a_pages_title_loses_the_section_it_names_before_the_blog() -> None:
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(8))
    html = ("<html><head><title>Night ferry returns | Ports | Quayside Feed</title></head><body><article>"
            f"<div class='entry-content'>{text}</div><a href='/category/ports/' rel='category tag'>Ports</a></article>"
            "</body></html>")
    record = _record(html, name="Quayside Feed")
    assert record.labels == ["Ports"] and record.title == "Night ferry returns"


def _gnews(url: bytes) -> str:
    import base64

    token = base64.urlsafe_b64encode(b"\x08\x13\x22" + bytes([len(url)]) + url + b"\xd2\x01\x00").decode()
    return "https://news.google.com/rss/articles/" + token.rstrip("=") + "?oc=5"


@pytest.mark.parametrize(("link", "expected"), [
    (_gnews(b"https://www.example-news.org/2026/03/bridge-reopens"), "https://www.example-news.org/2026/03/bridge-reopens"),
    (_gnews(b"https://x.example/a?b=1").replace("/rss/articles/", "/__i/rss/rd/articles/"), "https://x.example/a?b=1"),
    ("https://news.google.com/rss/articles/AU_yqLOnewEncryptedForm?oc=5", None),  # not decodable offline
    ("https://ift.tt/3abcdEF", None),
])
def test_google_news_article_links(link: str, expected: str | None) -> None:
    from pipelines.htmltext import google_news_target

    assert google_news_target(link) == expected


def _record(html: str, url: str = "https://autonews.example/2026/04/night-ferry/", name: str | None = None,
            platform: str = "generic", feed: dict | None = None):
    """The record the pipeline makes of a page of a blog at url's host."""
    from urllib.parse import urlsplit

    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    parts = urlsplit(url)
    blog = BlogInfo(url=f"{parts.scheme}://{parts.netloc}/", host=parts.hostname, platform=platform, name=name)
    raw = RawPost(url=url, blog=blog, via="page", html=html, fetched_at="2026-04-01T00:00:00+00:00", feed=feed or {})
    return finish_post(raw, run_extract(raw, ExtractOptions()), "t", CopyIndex())


@pytest.mark.parametrize(("source", "publisher"), [("Coastal Ledger", "Coastal Ledger"), ("Google News", None),
                                                 ("Flipboard", None), (None, None)])
def test_a_feed_items_source_is_the_publisher_unless_it_names_the_service_the_item_came_through(source, publisher) -> None:
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(8))
    html = (f"<html><head><title>Night ferry returns</title></head><body><article><h1>Night ferry returns</h1>{text}"
            f"<p>Let's block ads! <a href='https://blockads.fivefilters.org'>(Why?)</a></p></article></body></html>")
    record = _record(html, feed={"source_publisher": source} if source else {}, name="Auto Feed Hub")
    assert record.source.publisher == publisher and "fivefilters" in record.source.chain


@pytest.mark.parametrize(("byline", "publisher", "author"), [
    ("By Jane Roe, Associated Press", "Associated Press", "Jane Roe"), ("By Jane Roe | Reuters", "Reuters", "Jane Roe"),
    ("By Reuters Staff", "Reuters", "Reuters Staff"), ("Por Jane Roe \u00b7 EFE", "EFE", "Jane Roe"),
    # a writer's job, or the blog's own name, is no outlet
    ("By Jane Roe, Staff Writer", None, "Jane Roe"), ("By Jane Roe, Auto Feed Hub", None, "Jane Roe"),
])
def test_a_known_outlet_a_byline_names_above_the_text_is_the_publisher(byline, publisher, author) -> None:
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(8))
    html = (f"<html><head><title>Night ferry returns</title></head><body><article><h1>Night ferry returns</h1>"
            f"<p>{byline}</p>{text}</article></body></html>")
    record = _record(html, name="Auto Feed Hub")
    assert record.source.publisher == publisher and record.author == author and byline not in record.text


@pytest.mark.parametrize(("generator", "chain"), [("blogger", []), ("WordPress 6.6.2", ["feedwordpress"])])
def test_a_post_title_linking_to_another_site_names_the_source_and_feedwordpress_only_on_wordpress(
        generator: str, chain: list[str]) -> None:
    """A Blogger post's title links where its "Title link" field says (IFTTT and FiveFilters set it to
    the original); FeedWordPress does the same on WordPress. Both give the source's address."""
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(8))
    html = (f"<html><head><meta name='generator' content='{generator}'><title>Night ferry returns</title></head><body>"
            f"<div class='post hentry'><h3 class='post-title entry-title'><a href='https://ledger.example/night-ferry'>"
            f"Night ferry returns</a></h3><div class='post-body entry-content'>{text}</div></div></body></html>")
    record = _record(html, "https://ferrynotes.example/2026/04/night-ferry.html")
    assert record.source.url == "https://ledger.example/night-ferry" and record.source.chain == chain


def _record_author(feed_author: str | None, page_byline: str | None) -> str | None:
    byline = f"<span class='post-author vcard'>Posted by <span class='fn'>{page_byline}</span></span>" if page_byline else ""
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(8))
    html = (f"<html><head><title>Night ferry returns</title></head><body><div class='post hentry'>"
            f"<h3 class='post-title entry-title'>Night ferry returns</h3><div class='post-body entry-content'>{text}</div>"
            f"<div class='post-footer'>{byline}</div></div></body></html>")
    return _record(html, "https://ferrynotes.blogspot.com/2026/04/night-ferry.html", platform="blogger",
                   feed={"author": feed_author} if feed_author else {}).author


def _night_trains_post(line: str):
    """The record of a WordPress post with line set above its body container (outside the text read
    from it), as a theme prints a byline or a date line there."""
    text = "".join(f"<p>Sleeper carriages will run again to the northern coast from May, the operator said on day {n}.</p>"
                   for n in range(6))
    html = (f"<html><head><meta name='generator' content='WordPress 6.5'><title>Night trains return</title></head>"
            f"<body><article class='post'><h1 class='entry-title'>Night trains return</h1><div>{line}</div>"
            f"<div class='entry-content'>{text}</div></article></body></html>")
    return _record(html, "https://railnotes.example/night-trains-return/", platform="wordpress")


@pytest.mark.parametrize(("line", "author", "published"), [
    ("Posted on March 9, 2026 by Ellen Marsh", "Ellen Marsh", "2026-03-09"),
    ("By Ellen Marsh | March 9, 2026", "Ellen Marsh", "2026-03-09"),
    ("Ellen Marsh · 9 Mar 2026", "Ellen Marsh", "2026-03-09"),
    ("Published 2026-03-09 by admin", "admin", "2026-03-09"),
    # the date first, an ordinal's letters after the day, no mark between it and "by"
    ("March 9th, 2026 by Ellen Marsh", "Ellen Marsh", "2026-03-09"),
    ("Diposting pada 9 March 2026 oleh Budi Santoso", "Budi Santoso", "2026-03-09"),
    # in scripts without capitals, after their own lead word, or before a Korean reporter's title
    ("بقلم: أحمد علي", "أحمد علي", None), ("लेखक: राम शर्मा", "राम शर्मा", None), ("文：山田太郎", "山田太郎", None),
    ("记者 王伟", "王伟", None), ("홍길동 기자 hong@news.example", "홍길동", None),
    # Thai's "by", a month's short form; a Russian date whose year's "г." ends the line with a dot
    ("โดย สมชาย ใจดี | 9 มี.ค. 2569", "สมชาย ใจดี", "2026-03-09"), ("เขียนโดย สมชาย ใจดี", "สมชาย ใจดี", None),
    ("Автор: Иван Петров, 9 марта 2026 г.", "Иван Петров", "2026-03-09"),
    ("Night trains will run from May", None, None),  # a standfirst, not a byline
    # a reading time between the name and the date
    ("Ellen Marsh \u00b7 4 min read \u00b7 Mar 9, 2026", "Ellen Marsh", "2026-03-09"),
])
def test_a_byline_printed_above_the_post_body_gives_its_author_and_date(line, author, published) -> None:
    """A theme's plain-text byline above the post's body container: before, neither its author nor its
    date reached the record."""
    record = _night_trains_post(line)
    assert record.author == author
    assert (record.published_at.date().isoformat() if record.published_at else None) == published
    assert line not in record.text


@pytest.mark.parametrize(("lines", "published", "updated"), [
    (["Updated: March 12, 2026"], None, "2026-03-12"),
    (["Posted on March 9, 2026", "Last updated 12 Mar 2026 at 6:40 pm"], "2026-03-09", "2026-03-12"),
    (["Last modified: 12 March 2026"], None, "2026-03-12"),
    # the update's date after the byline's own, and a last-modified plugin's line with its writer
    (["Written by Ellen Marsh | Published: 9 March 2026 | Updated: 12 March 2026"], "2026-03-09", "2026-03-12"),
    (["Last Updated on March 12, 2026 by Ellen Marsh"], None, "2026-03-12"),
])
def test_an_update_date_above_the_post_is_its_updated_at_not_its_published_at(lines, published, updated) -> None:
    """Before, "Updated: March 12, 2026" above a body was read as the date the post was published."""
    text = "".join(f"<p>The harbour ferry will call at the two outer islands again from June, on day {n}.</p>"
                   for n in range(6))
    above = "".join(f"<div>{line}</div>" for line in lines)
    html = (f"<html><head><meta name='generator' content='WordPress 6.5'><title>Ferry calls again</title></head>"
            f"<body><article class='post'><h1 class='entry-title'>Ferry calls again</h1>{above}"
            f"<div class='entry-content'>{text}</div></article></body></html>")
    record = _record(html, "https://harbournotes.example/ferry-calls-again/", platform="wordpress")
    assert (record.published_at.date().isoformat() if record.published_at else None) == published
    assert (record.updated_at.date().isoformat() if record.updated_at else None) == updated
    assert not any(line in record.text for line in lines)


@pytest.mark.parametrize(("line", "published"), [
    # the byline's time and zone: "WIB" is seven hours east of UTC, "IST" five and a half, "EST" five west
    ("By Ellen Marsh | 2026-03-09 08:40 WIB", "2026-03-09T01:40:00+00:00"),
    ("Posted by newsbot on 21/03/2026 at 08:40 | 3 Comments | 1,204 views", "2026-03-21T08:40:00+00:00"),
    ("9 Mar 2026, 08:40 IST", "2026-03-09T03:10:00+00:00"),
    ("Posted on March 9, 2026 at 8:40 pm EST by Ellen Marsh", "2026-03-10T01:40:00+00:00"),
])
def test_a_date_line_above_the_post_gives_its_time_in_the_zone_it_names(line: str, published: str) -> None:
    record = _night_trains_post(line)
    assert record.published_at is not None and record.published_at.isoformat() == published
    assert line not in record.text


def test_an_update_line_heading_the_text_gives_updated_at() -> None:
    # the same line inside the text read from the body: cut, and its date is the update time
    body = "<p>Updated: April 2, 2026</p>" + "".join(
        f"<p>The upland bus route will add an evening run from May, the council said on day {n}.</p>" for n in range(6))
    html = (f"<html><head><title>Evening bus</title></head><body><article><h1>Evening bus</h1>"
            f"<div class='entry-content'>{body}</div></article></body></html>")
    record = _record(html, "https://uplandnotes.example/evening-bus/")
    assert record.updated_at is not None and record.updated_at.date().isoformat() == "2026-04-02"
    assert "Updated" not in record.text


def test_a_hidden_profile_s_placeholder_is_no_author() -> None:
    # Blogger names a post's author "Unknown" when the profile is hidden (in the UI language on pages)
    assert _record_author("Unknown", None) is None
    assert _record_author(None, "Desconocido") is None
    assert _record_author(None, "알 수 없음") is None  # and in the other languages Blogger shows
    assert _record_author(None, "Không xác định") is None
    assert _record_author("Unknown", "Mira Castell") == "Mira Castell"  # the next byline found
    assert _record_author("Mira Castell", None) == "Mira Castell"
    assert "unknown" in RULES.author_placeholders  # (kept as data: publishers.toml [authors])


@pytest.mark.parametrize(("text", "expected"), [
    ("14 January 2025", "2025-01-14T00:00:00+00:00"),
    ("January 14, 2025 at 9:41 am", "2025-01-14T09:41:00+00:00"),
    ("January 14, 2025, 09:41PM", "2025-01-14T21:41:00+00:00"),
    ("2025-01-14", "2025-01-14T00:00:00+00:00"),
    ("25/01/2025", "2025-01-25T00:00:00+00:00"),  # day first: 25 cannot be a month
    ("01/25/2025", "2025-01-25T00:00:00+00:00"),
    ("03/04/2025", None),  # either way round: no date rather than a wrong one
    ("03.04.2025", "2025-04-03T00:00:00+00:00"),  # with dots: day first, as every country that uses them writes it
    ("25-01-2025 at 09:12", "2025-01-25T09:12:00+00:00"),  # dashes, as slashes: day first when it can only be so
    ("03-04-2025", None),
    ("31.02.2025", None),
    ("Sometime last week", None),
    ("9 Mar 2026", "2026-03-09T00:00:00+00:00"),  # abbreviated months, with or without a dot
    ("Sept. 9, 2026", "2026-09-09T00:00:00+00:00"),
    ("Dec 1 2025", "2025-12-01T00:00:00+00:00"),
])
def test_written_dates(text, expected) -> None:
    from pipelines.normalize import written_date

    got = written_date(text)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sat, 05 Dec 2026 10:00:00 GMT", "2026-12-05T10:00:00+00:00"),
    ("Sat, 05 Dec 2026 10:00:00 +0200", "2026-12-05T08:00:00+00:00"),
    ("Sat, 05 Dec 2026 10:00:00 +02:00", "2026-12-05T08:00:00+00:00"),  # (RFC 822 has no colon: it was read as UTC)
    ("Sat, 05 Dec 2026 10:00:00 GMT+2", "2026-12-05T08:00:00+00:00"),
    ("Sat, 05 Dec 2026 10:00:00 GMT-03:30", "2026-12-05T13:30:00+00:00"),
    ("Sat, 05 Dec 2026 10:00:00 CEST", "2026-12-05T08:00:00+00:00"),  # a zone RFC 822 does not name
    ("Sat, 05 Dec 2026 10:00:00 WIB", "2026-12-05T03:00:00+00:00"),
    ("Sat, 05 Dec 2026 10:00:00 EST", "2026-12-05T15:00:00+00:00"),
    ("Sat, 05 Dec 2026 10:00:00 +0100 (CET)", "2026-12-05T09:00:00+00:00"),
    ("Sat, 05 Dec, 2026 10:00:00 UTC", "2026-12-05T10:00:00+00:00"),
    ("Sat, 05 Dec 2026", "2026-12-05T00:00:00+00:00"),  # no time: midnight (it was no date)
    ("December 5, 2026 10:15 pm", "2026-12-05T22:15:00+00:00"),  # (the "pm" was dropped: 10:15)
    ("December 5, 2026 at 12:05 a.m.", "2026-12-05T00:05:00+00:00"),
    ("2026-12-05 10:00:00 CEST", "2026-12-05T08:00:00+00:00"),
    ("Sat, 2026/12/05 10:00:00 EDT", "2026-12-05T14:00:00+00:00"),
    ("Sun Dec  6 16:29:06 2026", "2026-12-06T16:29:06+00:00"),  # (C's asctime, as before)
    ("2026-12-05T10:00:00+02:00", "2026-12-05T08:00:00+00:00"),
    ("Sat, 05 Dec 2026 10:00:00 XYZ", "2026-12-05T10:00:00+00:00"),  # a zone not known: UTC, as a naive time
    ("Sat, 31 Feb 2026 10:00:00 GMT", None),
    ("Sat, 05 Dec 2026 25:00:00 GMT", None),
    ("10:00", None),
    ("Sometime last week", None),
])
def test_feed_dates(text, expected) -> None:
    """Dates as feeds write them (pubDate, dc:date, Atom's dates), and as meta tags and old themes do."""
    from pipelines.normalize import to_utc

    got = to_utc(text)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sáb, 05 Dic 2026 10:00:00 +0100", "2026-12-05T09:00:00+00:00"),  # a CMS that writes its feed in Spanish
    ("Di, 05 Dez 2026 10:00:00 +0100", "2026-12-05T09:00:00+00:00"),
    ("sam., 05 déc. 2026 10:00:00 CET", "2026-12-05T09:00:00+00:00"),
    ("Sat, 05 Dec 2026 10:00:00 +0100", "2026-12-05T09:00:00+00:00"),
    ("Sáb, 31 Feb 2026 10:00:00 +0100", None),
    (None, None),
])
def test_a_feed_date_written_in_the_site_s_language_is_read(text, expected) -> None:
    from pipelines.draft import _feed_time

    got = _feed_time(text, load_rules().months)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("LONDON, Feb 17 (Reuters) - Rail fares will rise.\nMore text.", "Reuters"),
    ("WASHINGTON (AP) \u2014 The Senate voted on Tuesday.", "AP"),
    ("JAKARTA, KOMPAS.com - Harga cabai turun.", "KOMPAS.com"),
    ("Jakarta, CNN Indonesia -- Harga cabai turun.", "CNN Indonesia"),
    ("Liputan6.com, Jakarta - Harga cabai turun.", "Liputan6.com"),
    ("Workers clear the line. Photo: Jane Roe\nMADRID (EFE) - El tren vuelve.", "EFE"),
    # a name the publisher list does not hold, and a sentence with brackets, name nobody
    ("HOLLIN (Valley Press) - The line reopens.", None),
    ("The mayor (a former engineer) - who spoke first - said yes.", None),
    ("First line.\nSecond line.\nThird line.\nPARIS (AFP) - Too far down.", None),
    # a press release's dateline names its wire
    ("NEW YORK, Nov. 20, 2026 /PRNewswire/ -- Harbour Ferries Inc. today added a night route.", "PRNewswire"),
    ("SAN FRANCISCO--(BUSINESS WIRE)--Harbour Ferries Inc. today added a night route.", "BUSINESS WIRE"),
    ("OSLO, Norway, Nov. 20, 2026 (GLOBE NEWSWIRE) -- Harbour Ferries added a night route.", "GLOBE NEWSWIRE"),
    ("Fares rose by a Reuters-style 5% (Reuters)-led estimate.", None), ("Ferries and/or buses/AP/ - run late.", None),
])
def test_a_copied_storys_dateline_names_a_known_agency(text: str, expected: str | None) -> None:
    from pipelines.provenance import dateline_publisher

    assert dateline_publisher(text, RULES) == expected


def test_a_name_the_residue_spells_out_beats_a_title_suffix_taken_for_its_shape() -> None:
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(6))
    credit = ('<p>Source: <a href="https://ledger.example/ferry">Coastal Ledger</a> via '
              '<a href="https://news.google.com/rss/articles/CBMiQ">Google News</a></p>')
    html = (f"<html><head><title>Night ferry returns &#8211; Auto Feed Hub</title></head><body><article>"
            f"<h1>Night ferry returns</h1>{text}{credit}</article></body></html>")
    record = _record(html)
    assert record.title == "Night ferry returns"
    assert record.source.publisher == "Coastal Ledger" and record.source.url == "https://ledger.example/ferry"
    assert "Source" not in record.text
    # with no name in the residue, the suffix of a post that came through Google News is still taken
    html = html.replace(credit, "<p>Top stories - Google News<br>April 1, 2026 at 08:15AM</p>")
    assert _record(html).source.publisher == "Auto Feed Hub"


def test_a_name_the_residue_spells_out_beats_the_pages_site_name() -> None:
    # a copied page's og:site_name (or the name trafilatura reads off a "Blog: Post" <title>) that is
    # not the blog's: the original's name, or the splog's under another name; the residue's is surer
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(6))
    credit = '<p>Credit: <a href="https://ledger.example/ferry">Coastal Ledger</a></p>'
    html = (f"<html><head><title>Night ferry returns</title><meta property='og:site_name' content='Ferry Flash Daily'>"
            f"</head><body><article><h1>Night ferry returns</h1>{text}{credit}<p>https://ift.tt/3abcdEF</p></article></body></html>")
    record = _record(html, name="Auto Feed Hub")
    assert record.source.publisher == "Coastal Ledger" and record.source.url == "https://ledger.example/ferry"
    # with no name in the residue, the site name is the original's
    assert _record(html.replace(credit, ""), name="Auto Feed Hub").source.publisher == "Ferry Flash Daily"


def test_a_site_name_that_is_only_the_pages_address_names_no_publisher() -> None:
    # a page with no og:site_name: trafilatura's site name is its host, which is not the original's name
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(6))
    html = (f"<html><head><title>Night ferry returns - Coastal Ledger</title></head><body><article>"
            f"<h1>Night ferry returns - Coastal Ledger</h1>{text}<p>Top stories - Google News<br>"
            f"April 1, 2026 at 08:15AM</p></article></body></html>")
    for url in ("https://autonews.example/2026/04/night-ferry/", "http://127.0.0.9:8080/2026/04/night-ferry/"):
        record = _record(html, url, name="Auto Feed Hub")
        assert (record.title, record.source.publisher) == ("Night ferry returns", "Coastal Ledger"), url


@pytest.mark.parametrize(("footer", "expected"), [
    ("<span class='post-author'>Publicado por <span class='fn'>Ana</span></span>", "es"),
    ("<span class='post-comment-link'><a href='#'>Aucun commentaire:</a></span>", "fr"),
    ("<span class='post-author'>Posted by <span class='fn'>Ana</span></span>", "en"),
    ("<span class='post-comment-link'><a href='#'>Nessun commento:</a></span>", "it"),
    ("<span class='post-author'>Gepost door <span class='fn'>Ana</span></span>", "nl"),
    ("<span class='post-comment-link'><a href='#'>Brak komentarzy:</a></span>", "pl"),
    ("<span class='post-comment-link'><a href='#'>Комментариев нет:</a></span>", "ru"),
    ("<span class='post-comment-link'><a href='#'>Hiç yorum yok:</a></span>", "tr"),
    ("<span class='post-comment-link'><a href='#'>0 件のコメント:</a></span>", "ja"),
    ("<span class='post-comment-link'><a href='#'>댓글 없음:</a></span>", "ko"),
    ("<span class='post-comment-link'><a href='#'>沒有留言:</a></span>", "zh"),
    ("<span class='post-comment-link'><a href='#'>कोई टिप्पणी नहीं:</a></span>", "hi"),
    ("<span class='post-author'>অনিতা দ্বারা</span><span class='post-labels'>লেবেলগুলি: <a href='#'>ফেরি</a></span>", "bn"),
    ("", None),
])
def test_a_blogger_page_that_declares_no_language_is_known_by_its_template_strings(footer, expected) -> None:
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(8))
    html = (f"<html><head><meta content='blogger' name='generator'><title>Night ferry returns</title></head><body>"
            f"<div class='post hentry'><h3 class='post-title entry-title'>Night ferry returns</h3>"
            f"<div class='post-body entry-content'>{text}</div><div class='post-footer'>{footer}</div></div>"
            f"<div class='blog-pager' id='blog-pager'></div></body></html>")
    record = _record(html, "https://ferrynotes.blogspot.com/2026/04/night-ferry.html", platform="blogger")
    assert record.blog.ui_language == expected


def test_an_old_themes_h1_that_links_home_is_the_sites_name_not_the_headline() -> None:
    text = "".join(f"<p>Turning the thermostat down one degree trims the heating bill, tip number {n} of the season.</p>"
                   for n in range(6))
    html = ("<html><head><title>Simple ways to cut the heating bill</title></head><body><div id='header'>"
            "<h1><a href='https://autonews.example/'>Home Savvy Hub</a></h1></div><div class='post'>"
            f"<h2>Simple ways to cut the heating bill</h2><div class='entry'>{text}</div></div></body></html>")
    record = _record(html, "https://autonews.example/simple-ways-to-cut-the-heating-bill/")
    assert record.title == "Simple ways to cut the heating bill"
    assert record.blog.name == "Home Savvy Hub"
    # an <h1> that is the headline (no link home) is still the title, on a page read by trafilatura
    # (its box in no post wrapper; in one, the <h2> over the box that the <title> spells is the headline)
    html = html.replace("<h1><a href='https://autonews.example/'>Home Savvy Hub</a></h1>",
                        "<h1>Heating bills: what works</h1>")
    url = "https://autonews.example/simple-ways-to-cut-the-heating-bill/"
    assert _record(html.replace("<div class='post'>", "<div class='main'>"), url).title == "Heating bills: what works"
    assert _record(html, url).title == "Simple ways to cut the heating bill"


@pytest.mark.parametrize(("byline", "expected"), [
    ("By Aled Morgan | May 20, 2025", "Aled Morgan"),  # trafilatura read "Aled Morgan; May"
    ("By Aled Morgan and Rhian Price", "Aled Morgan; Rhian Price"),
])
def test_a_bylines_date_is_not_an_authors_name(byline: str, expected: str) -> None:
    text = "".join(f"<p>The cottage beside the lighthouse will open as a museum next summer, item {n} of the plan.</p>"
                   for n in range(6))
    html = (f"<html><head><title>Cottage to become museum</title></head><body><article><h1>Cottage to become museum</h1>"
            f"<p class='byline'>{byline}</p>{text}</article></body></html>")
    assert _record(html).author == expected


@pytest.mark.parametrize(("title", "name"), [
    ("Island Wire | Night ferry returns", "Island Wire"),
    ("Island Wire :: Night ferry returns", "Island Wire"),
    ("Night ferry returns_Island Wire", "Island Wire"),  # the Chinese sites' form
    # a name after the headline may be the original's (an autoblog keeps "Headline - Publisher"); a
    # page that names no site has no blog name (its address is blog.host, not a name)
    ("Night ferry returns - Island Wire", None),
    ("Night ferry returns", None),
])
def test_a_site_that_names_itself_only_before_the_headline_in_its_title(title: str, name: str | None) -> None:
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(6))
    html = (f"<html><head><title>{title}</title></head><body><table><tr><td><h1>Night ferry returns</h1>{text}"
            f"</td><td>Most read</td></tr></table></body></html>")
    record = _record(html)
    assert record.title == "Night ferry returns" and record.blog.name == name


def test_a_spinners_unresolved_choices_are_resolved_and_named_in_the_chain() -> None:
    """A copy posted without being spun keeps its spintax: "{quick|fast|rapid}". Each group becomes its
    first choice (nested groups too), in the title as well; the groups are in `removed` and the
    chain names `spintax`. Braces without a bar (a JSON snippet) and a bar without braces stay."""
    text = ("<p>The {harbour|port} council {approved|passed|backed} the {new|fresh} ferry timetable on Monday.</p>"
            "<p>Crossings will {{start|begin} earlier|open sooner} from March, the operator said.</p>"
            '<p>The timetable file reads {"boats": 2} and costs 2|3 pounds to print, the clerk added.</p>'
            "<p>Residents had asked for the change at three public meetings last winter, the council said.</p>")
    html = (f"<html><head><title>{{New|Fresh}} ferry timetable approved</title></head><body><article>"
            f"<h1>{{New|Fresh}} ferry timetable approved</h1>{text}</article></body></html>")
    record = _record(html)
    assert record.title == "New ferry timetable approved"
    lines = record.text.split("\n")
    assert lines[0] == "The harbour council approved the new ferry timetable on Monday."
    assert lines[1] == "Crossings will start earlier from March, the operator said."
    assert lines[2] == 'The timetable file reads {"boats": 2} and costs 2|3 pounds to print, the clerk added.'
    assert "spintax" in record.source.chain
    assert ("spintax.unresolved", "{approved|passed|backed}") in [(r.rule, r.text) for r in record.removed]


def _feed_post(body: str):
    from tests.test_extraction import _feed_record

    return _feed_record(body, "https://autonews.example/2026/04/night-ferry/")


def test_wordpress_shortcodes_printed_raw_are_cut_with_what_they_wrap_where_that_is_no_text() -> None:
    """A page builder's wrappers go and their text stays; a caption, an embed and a button go whole
    (a rendered caption is cut too); the chrome line under them is then the tail's, and cut."""
    body = ('<p>[vc_row][vc_column][vc_column_text]The night ferry to Talvik will run twice a week from May, '
            'the operator said on Monday.</p>'
            '<p>[caption id="attachment_812" align="alignnone" width="640"]<img src="https://autonews.example/f.jpg">'
            ' The ferry at its winter berth.[/caption]</p>'
            '<p>Tickets go on sale in April and cost [dropcap]t[/dropcap]welve euros each way, a spokeswoman '
            'added.[/vc_column_text][/vc_column][/vc_row]</p>'
            '<p>[embed]https://www.youtube.com/watch?v=ferry2026[/embed]</p>'
            '<p>[su_button url="https://autonews.example/tickets" style="flat"]Book now[/su_button]</p>'
            '<p>Share this:</p>')
    record = _feed_post(body)
    assert record.text == ("The night ferry to Talvik will run twice a week from May, the operator said on Monday.\n"
                           "Tickets go on sale in April and cost twelve euros each way, a spokeswoman added.")
    cut = [text for rule, text in ((r.rule, r.text) for r in record.removed) if rule == "wordpress.shortcode"]
    assert cut[0] == "[vc_row] [vc_column] [vc_column_text]" and "The ferry at its winter berth." in cut[1]
    assert "[embed]https://www.youtube.com/watch?v=ferry2026[/embed]" in cut and len(cut) == 5
    assert ("chrome.wordpress.en", "Share this:") in [(r.rule, r.text) for r in record.removed]


def test_an_autoblogs_ad_slots_and_the_block_editors_markers_printed_raw_are_cut() -> None:
    lines = ["The night ferry to Talvik will run twice a week from May, the operator said on Monday.",
             "Tickets go on sale in April and cost twelve euros each way, a spokeswoman added."]
    body = (f"<p>&lt;!-- wp:paragraph --&gt;</p><p>{lines[0]} [ad_1]</p><p>[adinserter block=\"2\"]</p>"
            f"<p>&lt;!-- wp:image {{\"id\":12}} /--&gt;</p><p>{lines[1]}</p><p>[ad_2]</p><p>&lt;!-- /wp:paragraph --&gt;</p>")
    record = _feed_post(body)
    assert record.text == "\n".join(lines)
    rules = [r.rule for r in record.removed]
    assert rules.count("wordpress.shortcode") == 3 and rules.count("wordpress.block-comment") == 3


def test_square_brackets_of_an_article_and_a_line_about_shortcodes_stay() -> None:
    lines = ["The mayor said the budget was \"final [sic]\" and the audience laughed [laughs] at the reply.",
             "The report [1] was cited by two councillors and by the harbour board [Reuters] on Friday.",
             'To show photos, add the [gallery ids="12,13"] shortcode where the pictures should stand.',
             "The council will meet again in June to vote on the ferry timetable for the next winter."]
    record = _feed_post("".join(f"<p>{line}</p>" for line in lines))
    assert record.text == "\n".join(lines)
    assert not [r for r in record.removed if r.rule == "wordpress.shortcode"]


def test_character_references_a_chain_escaped_twice_are_read_in_the_text() -> None:
    """A feed passed on escaped once too often shows "&#8217;" and "&amp;" to its readers: they are read
    (three times escaped too), while an ampersand of the text ("Q&A", "AT&T;") stays."""
    body = ("<p>The council&amp;#8217;s ferry plan was called &amp;quot;final&amp;quot; on Monday &amp;#8212; "
            "and the harbour&amp;rsquo;s cafe will stay open.</p>"
            "<p>Fish &amp;amp; chips cost 5 euros&amp;amp;nbsp;on board, the Q&amp;A sheet says, as at AT&amp;T; "
            "the operator added.</p>")
    assert _feed_post(body).text == (
        "The council\u2019s ferry plan was called \"final\" on Monday \u2014 and the harbour\u2019s cafe will stay open.\n"
        "Fish & chips cost 5 euros on board, the Q&A sheet says, as at AT&T; the operator added.")


def test_html_tags_a_chain_shows_as_text_are_cut_and_a_line_about_html_keeps_them() -> None:
    """Escaped once too often, a body's inner markup reaches readers as text: a block's tag ends a line,
    an inline one goes, a script goes with its code; "a <b and c> d" is no tag, and a line of code or
    one about HTML shows its tags on purpose."""
    body = ("<p>The ferry will run twice a week from May, the operator said.&lt;br /&gt;&lt;br /&gt;Tickets go "
            "on sale in April.</p>"
            "<p>&lt;strong&gt;Fares&lt;/strong&gt; stay at 12 euros, see &lt;a href=\"https://autonews.example/f.html\"&gt;"
            "the table&lt;/a&gt;, if a &lt;b and c&gt; d holds.&lt;script&gt;var ad = 1;&lt;/script&gt;</p>"
            "<p>&lt;img src=\"https://autonews.example/ferry.jpg\" alt=\"The ferry\" /&gt;</p>"
            "<p>The council page explains that an HTML &lt;br&gt; tag breaks a line in the timetable.</p>"
            "<p>Its script reads document.write('&lt;p&gt;Timetable&lt;/p&gt;') for each crossing of the week.</p>")
    record = _feed_post(body)
    assert record.text.split("\n") == [
        "The ferry will run twice a week from May, the operator said.", "Tickets go on sale in April.",
        "Fares stay at 12 euros, see the table, if a <b and c> d holds.",
        "The council page explains that an HTML <br> tag breaks a line in the timetable.",
        "Its script reads document.write('<p>Timetable</p>') for each crossing of the week."]
    assert [r.text for r in record.removed if r.rule == "html.shown-tag"] == [
        "<br /> <br />", '<script>var ad = 1;</script> <strong> </strong> <a href="https://autonews.example/f.html"> </a>',
        '<img src="https://autonews.example/ferry.jpg" alt="The ferry" />']


def test_a_text_with_a_code_sample_of_markup_keeps_its_tags() -> None:
    """A line of markup alone ("<div class="post">") is a code sample's: the text shows HTML on purpose."""
    from pipelines.cleaning import strip_shown_tags

    text = ("To mark a post, wrap it in a box of its own and give it a class.\n<div class=\"post\">\n"
            "<p>Your text</p>\n</div>\nThe theme's stylesheet then finds it.")
    assert strip_shown_tags(text) == (text, [])
    assert strip_shown_tags(text.replace("<div class=\"post\">\n", "").replace("\n</div>", ""))[1] == ["<p> </p>"]


def test_a_users_rule_file_adds_shortcode_names(tmp_path) -> None:
    from pipelines.cleaning import strip_shortcodes
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text('[shortcodes]\nnames = ["ferry_box"]\ndrop_content = ["ferry_ad"]\n')
    rules = load_rules((str(tmp_path),))
    text = "[ferry_box]The ferry runs twice a week. [ferry_ad]Cheap tickets![/ferry_ad]\n[harbour_box]Kept."
    assert strip_shortcodes(text, rules.shortcodes) == (
        "The ferry runs twice a week.\n[harbour_box]Kept.", ["[ferry_ad]Cheap tickets![/ferry_ad] [ferry_box]"])
    assert strip_shortcodes(text, load_rules().shortcodes)[0].startswith("[ferry_box]")  # (not bundled)
    (tmp_path / "bad").mkdir()  # (load_rules caches by folder)
    (tmp_path / "bad" / "mine.toml").write_text('[shortcodes]\nnames = ["Ferry Box"]\n')
    with pytest.raises(RuleError, match="shortcodes.names"):
        load_rules((str(tmp_path / "bad"),))


def test_a_page_without_spintax_names_no_spinner() -> None:
    text = "".join(f"<p>The night ferry will run twice a week from May, the operator said on day {n}.</p>" for n in range(5))
    record = _record(f"<html><head><title>Night ferry</title></head><body><article><h1>Night ferry</h1>{text}"
                     f"</article></body></html>")
    assert "spintax" not in record.source.chain and not [r for r in record.removed if r.rule.startswith("spintax")]


@pytest.mark.parametrize(("raw", "blog", "title", "publisher"), [
    ("Pier’s roof – «mended» in a week - Reuters", None, "Pier’s roof – «mended» in a week", "Reuters"),
    ("Coast Blog:  „Neue Fähre“ für Wexcombe — Reuters", "Coast Blog", "„Neue Fähre“ für Wexcombe", "Reuters"),
    ("Pier’s roof mended\u00a0| Coast Blog", "Coast Blog", "Pier’s roof mended", None),
])
def test_a_title_keeps_its_quotes_and_dashes_when_its_affixes_are_cut(raw, blog, title, publisher) -> None:
    got = resolve_title(raw, Harvest(), load_rules(), blog_name=blog)
    assert (got.title, got.publisher) == (title, publisher)


@pytest.mark.parametrize(("value", "expected"), [
    ("Council&#8217;s plan &#8211; in full", "Council’s plan – in full"),
    ("Fish &amp; chips", "Fish & chips"),
    ("Q&A with R&D staff &amp; AT&T; fans", "Q&A with R&D staff & AT&T; fans"),  # only references are read
])
def test_character_references_left_in_a_field_are_read(value: str, expected: str) -> None:
    assert clean_line(value) == expected


@pytest.mark.parametrize(("feed_title", "publisher"), [
    ("Reuters: World News", "Reuters"), ("BBC News - Business", "BBC News"), ("Al Jazeera English", "Al Jazeera English"),
    ("World - Latest - Google News", None), ("Harbour Daily: Local", None),  # (not a known publisher)
])
def test_a_known_publisher_opening_the_feed_title_is_the_source(feed_title, publisher) -> None:
    assert feed_title_publisher([feed_title], RULES) == publisher


def test_an_entry_title_linked_to_another_site_is_the_original() -> None:
    """IFTTT's `<a href={{EntryUrl}}>{{EntryTitle}}</a>` under a post copied from a news feed: the link
    is source.url (before, nothing named the original), and the feed's title its publisher."""
    text = "".join(f"<p>Dockworkers at the port returned to work after a pay deal on day {n} of talks.</p>"
                   for n in range(6))
    tail = ("<p><a href='https://www.wire.example/world/dockworkers-deal-2026'>Dockworkers end strike after pay deal</a>"
            "<br/>Reuters: World News<br/>November 16, 2026 at 09:41AM</p>"
            "<p><a href='https://portnotes.blogspot.com/2026/11/other.html'>Dockworkers end strike after pay deal</a></p>")
    html = (f"<html><head><title>Dockworkers end strike after pay deal</title></head><body><div class='post hentry'>"
            f"<h3 class='post-title entry-title'>Dockworkers end strike after pay deal</h3>"
            f"<div class='post-body entry-content'>{text}{tail}</div></div></body></html>")
    record = _record(html, "https://portnotes.blogspot.com/2026/11/dockworkers.html", platform="blogger")
    assert str(record.source.url) == "https://www.wire.example/world/dockworkers-deal-2026"
    assert record.source.publisher == "Reuters" and record.source.feed_title == "Reuters: World News"
    assert "Dockworkers end strike" not in record.text


@pytest.mark.parametrize(("byline", "author"), [
    ("Oleh Admin Pasar", "Admin Pasar"), ("Por María Gil", "María Gil"), ("Posted by admin", "admin"),
    ("Von Max Müller", "Max Müller"),
    # words that also begin surnames, before a single word: the name
    ("Von Trapp", "Von Trapp"), ("Da Silva", "Da Silva"), ("Byron Lee", "Byron Lee"),
    # a lead word inside a name is part of it: only a byline's first word is its lead ("Shelby Lee"
    # was "ShelLee", "Heidi Klum Ross" "HeiKlum Ross", "Carlos Autor Ruiz" "Carlos Ruiz")
    ("Shelby Lee", "Shelby Lee"), ("Ruby Tran", "Ruby Tran"), ("Heidi Klum Ross", "Heidi Klum Ross"),
    ("Budi Santoso", "Budi Santoso"), ("Carlos Autor Ruiz", "Carlos Autor Ruiz"),
])
def test_a_byline_s_lead_word_is_no_part_of_the_author(byline: str, author: str) -> None:
    # a theme's author field that keeps its "By" in the page's language (Elementor's post info)
    from pipelines.draft import _author_names

    assert _author_names(byline) == author


@pytest.mark.parametrize(("byline", "authors"), [
    ("Ana Lind, Bo Chan, and Cy Diaz, AP", "Ana Lind; Bo Chan; Cy Diaz"),
    ("By Ana Lind & Marta de la Cruz", "Ana Lind; Marta de la Cruz"),
    ("Ana Lind and Bo Chan", "Ana Lind; Bo Chan"), ("Ana Lind, AP", "Ana Lind"),
    # one name, or a name written surname first: as it is
    ("Lind, Ana", "Lind, Ana"), ("Smith and Wesson", "Smith and Wesson"), ("Marta de la Cruz", "Marta de la Cruz"),
    # in the site's language (publishers.toml [authors] between_names); a name with "y" in it stays one
    ("Ana Gil y Luis Mora", "Ana Gil; Luis Mora"), ("Von Jana Roth und Max Weber", "Jana Roth; Max Weber"),
    ("Par Léa Martin et Hugo Petit", "Léa Martin; Hugo Petit"), ("Oleh Budi Santoso dan Sri Wahyuni", "Budi Santoso; Sri Wahyuni"),
    ("José Ortega y Gasset", "José Ortega y Gasset"),
    # emoji and pictographs around a name
    ("Ann Lee ❤️", "Ann Lee"), ("✍️ Ann Lee", "Ann Lee"), ("Ann Lee 🌊 and Bo Chan", "Ann Lee; Bo Chan"),
])
def test_a_byline_of_several_writers_names_each_without_the_agency(byline: str, authors: str) -> None:
    from pipelines.draft import _author_names

    assert _author_names(byline) == authors


@pytest.mark.parametrize(("byline", "author"), [
    # trafilatura splits "By Ann Lee, CNN" into "Ann Lee; CNN"
    ("Ann Lee; CNN", "Ann Lee"), ("Ann Lee; USA TODAY", "Ann Lee"), ("ANN LEE; BO CHAN; AP", "ANN LEE; BO CHAN"),
    ("Ann Lee, Reuters", "Ann Lee"), ("Ann Lee, The Guardian", "Ann Lee"), ("Ann Lee; Coast Daily", "Ann Lee"),
    # an outlet alone is the byline as printed; a web address is nobody's name, a user name is one
    ("Reuters", "Reuters"), ("coastdaily.es", None), ("www.coastdaily.com", None), ("Www Coastdaily De", None),
    ("ann.lee", "ann.lee"),
    # a role or the site's address in brackets after the name
    ("Olaf Kempin (Autor)", "Olaf Kempin"), ("Ann Lee (author)", "Ann Lee"), ("Coast Daily (www.coastdaily.com)", "Coast Daily"),
    ("Ann Lee (Redaktion); Bo Chan", "Ann Lee; Bo Chan"), ("Ann Lee (Harbour Desk)", "Ann Lee (Harbour Desk)"),
    # a profile badge's "annlee on" (and the network's icon): the preposition is no part of the name
    ("annlee on", "annlee"), ("Ann Lee auf", "Ann Lee"), ("Ann On", "Ann On"),
    # an author box's links, read with the name as their screen-reader text; a one-word name keeps them
    ("Ann Lee Twitter Email", "Ann Lee"), ("Ann Lee Facebook", "Ann Lee"), ("Ann Twitter", "Ann Twitter"),
    # a byline's date read as a name ("Wednesday January 18, 2017 11:44 am PST by …"); a name of one
    # month's word and a surname is a name
    ("Wednesday January", None), ("Tuesday, Dec. 12", None), ("May Lee", "May Lee"),
    # a profile's buttons after the name, a list's lead before it, a lead word alone; a month's name
    # ends a name ("Brian May")
    ("Jakob Ulbrich Blocked Unblock Follow Following", "Jakob Ulbrich"), ("Ann Lee Share", "Ann Lee"),
    ("More stories by Jeremy Hale", "Jeremy Hale"), ("View all posts by Leo Marsh", "Leo Marsh"), ("By", None),
    ("Ann Lee May", "Ann Lee May"), ("Brian May", "Brian May"), ("Ann Follow", "Ann Follow"),
])
def test_an_outlet_beside_the_writers_is_no_author(byline: str, author: str | None) -> None:
    from pipelines.draft import _author_names

    assert _author_names(byline, RULES.publishers | {"coast daily"}) == author


@pytest.mark.parametrize(("byline", "author"), [
    ("LILIAN MARCHAND; LAURE BOUVIER Envoyés spéciaux à Brest", "LILIAN MARCHAND; LAURE BOUVIER"),
    ("Ann Lee Staff Writer", "Ann Lee"), ("Ana Gil, corresponsal en Roma", "Ana Gil"),
    ("Jana Roth, Korrespondentin in Wien", "Jana Roth"), ("Ivan Petrov, корреспондент", "Ivan Petrov"),
    ("Marco Bassi inviato a Genova", "Marco Bassi"),
    # a one-word name keeps what follows it; a surname that is a job's word stays
    ("Ann Reporter", "Ann Reporter"), ("Editor", "Editor"), ("Jane Journaliste Dupont", "Jane Journaliste Dupont"),
])
def test_a_writers_job_written_after_the_name_is_no_part_of_it(byline: str, author: str) -> None:
    """A paper's byline box prints the writer's job after the names, without a comma and with the
    place it was filed from ("Par <strong>X</strong>, <strong>Y</strong> Envoyés spéciaux à Toulouse")."""
    from pipelines.draft import _author_names

    assert _author_names(byline) == author


def test_a_users_rules_extend_the_words_of_a_byline_that_are_no_name(tmp_path) -> None:
    """The byline's lead words, roles and the rest are data (publishers.toml [authors]): a user adds a
    language's or a site's without touching code."""
    from pipelines.draft import _author_names
    from pipelines.rules import RuleError, load_rules

    (tmp_path / "bylines.toml").write_text('[authors]\nroles = ["Hafenreporterin"]\nlead_words = ["geschrieben durch"]\n'
                                           'roles_in_brackets = ["Praktikantin"]\nbetween_names = ["ok"]\n'
                                           'roles_after_name = ["Lotsin"]\n', encoding="utf-8")
    words = load_rules((str(tmp_path),)).author_words
    assert _author_names("Geschrieben durch Ann Lee; Hafenreporterin", words=words) == "Ann Lee"
    assert _author_names("Ann Lee ok Bo Chan", words=words) == "Ann Lee; Bo Chan"
    assert _author_names("Ann Lee Lotsin im Hafen", words=words) == "Ann Lee Lotsin im Hafen"  # ("im": no place word)
    assert _author_names("Ann Lee Lotsin in Kiel", words=words) == "Ann Lee"
    assert _author_names("Bo Chan (Praktikantin)", words=words) == "Bo Chan"
    assert _author_names("Geschrieben durch Ann Lee; Hafenreporterin") == "Geschrieben durch Ann Lee; Hafenreporterin"
    (tmp_path / "bylines.toml").write_text('[authors]\nroles = "Hafenreporterin"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="authors.roles"):
        load_rules((str(tmp_path) + "/",))


@pytest.mark.parametrize(("byline", "author"), [
    # a web agency's or a publishing house's credit in the author tag: a web address in it, or a
    # company's legal form (publishers.toml [authors] company_forms)
    ("Pixelworks d.o.o. - www.pixelworks.example", None), ("Harbour Media GmbH, Kiel, Germany", None),
    ("Coast Daily Ltd.", None), ("ООО «Гавань»", None), ("Ann Lee | https://annlee.example", None),
    ("Ann Lee; Harbour Media GmbH", "Ann Lee"), ("Ann Lee; Pixelworks - www.pixelworks.example", "Ann Lee"),
    # the same letters inside a name are no legal form
    ("Agnes Inca", "Agnes Inca"), ("Ana Sag", "Ana Sag"), ("Gmbhe Tarr", "Gmbhe Tarr"),
    # initials in capitals are a legal form only as the name's last word
    ("James S.A. Corey", "James S.A. Corey"), ("AG Cook", "AG Cook"), ("Coast Daily S.A.", None),
    ("Coast Daily AG, Kiel", None),
])
def test_a_firms_credit_is_no_author(byline: str, author: str | None) -> None:
    from pipelines.draft import _author_names

    assert _author_names(byline) == author


def test_a_users_company_forms_extend_the_bundled_ones(tmp_path) -> None:
    from pipelines.draft import _author_names
    from pipelines.rules import load_rules

    (tmp_path / "firms.toml").write_text('[authors]\ncompany_forms = ["Ky"]\n', encoding="utf-8")
    assert _author_names("Satama Ky", words=load_rules((str(tmp_path),)).author_words) is None
    assert _author_names("Satama Ky") == "Satama Ky"


def test_a_page_whose_author_tag_is_its_address_has_no_author() -> None:
    body = "".join(f"<p>The harbour's new crane was lifted into place on Tuesday morning, step {n}.</p>" for n in range(5))
    page = ("<html><head><title>Crane lifted</title><meta name='author' content='coastdaily.es'></head><body><article>"
            "<h1>Crane lifted</h1>" + body + "</article></body></html>")
    assert _record(page, "https://coastdaily.es/2026/11/crane.html").author is None


@pytest.mark.parametrize(("last", "publisher"), [
    ("Źródło: Gazeta Zielonobrzeska", "Gazeta Zielonobrzeska"),
    ("Bron: Het Lage Land Dagblad.", "Het Lage Land Dagblad"),
    ("Izvor: Jadranski glasnik", "Jadranski glasnik"), ("Vir: Primorski dnevnik", "Primorski dnevnik"),
    ("Chanzo: Gazeti la Pwani", "Gazeti la Pwani"),
    ("(Fuente: Diario del Valle)", "Diario del Valle"),
    ("SOURCE: Al Jazeera and news agencies", "Al Jazeera"),
    ("Source: Reuters, AP", "Reuters"),
    ("स्रोत: दैनिक जनवाणी", "दैनिक जनवाणी"),
    ("بشکریہ: روزنامہ صبح نو", "روزنامہ صبح نو"),
    ("Courtesy: The Daily Lantern", "The Daily Lantern"),
    ("Источник: Северогорские вести", "Северогорские вести"),
    ("Sumber: Kompas.com", "Kompas.com"),
    ("(Con información de Agencia Meridiano)", "Agencia Meridiano"),
    ("Com informações da Agência Brasil", "Agência Brasil"),
    ("With additional reporting by Reuters and AP", "Reuters"),
    ("Theo Báo Thủ Đô Mới", "Báo Thủ Đô Mới"),
    ("[Source: Diario del Valle]", "Diario del Valle"),
    ("(Theo VnExpress)", "VnExpress"),
    # a known publisher as it writes itself, in lower case; German's "with material from"
    ("Quelle: dpa", "dpa"), ("Mit Material von dpa", "dpa"), ("Source: company filings", None),
    ("Theo ông Nam, dự án sẽ xong vào năm sau.", None),  # (a sentence: "according to Mr Nam, …")
    ("Theo kế hoạch", None),
    ("Con información de medios locales", None),
    ("Source: company filings and interviews", None),  # (no name's shape)
    ("Source: Harbour Digest", None),  # (the blog's own name)
    ("Source: Google News", None), ("Sumber: Google Berita", None),  # (a service that writes no news)
    ("Créditos: Jornal da Costa", "Jornal da Costa"),
    # a photo's credit under the text names no publisher
    ("Créditos: Divulgação", None), ("Créditos: Reprodução/Instagram", None), ("Créditos: Getty Images", None),
    ("Credit: Getty Images", None), ("Source: Shutterstock", None),
    ("Crédits : Le Courrier du Port", "Le Courrier du Port"), ("Crediti: Gazzetta del Lago", "Gazzetta del Lago"),
    ("Quellen: Hafenblatt Nord", "Hafenblatt Nord"), ("Nguồn tin: Báo Cảng", "Báo Cảng"),
    ("Sumber berita: Harian Pelabuhan", "Harian Pelabuhan"),
    # a French story's agency after "avec"; "avec" before anyone else is no credit
    ("(avec AFP)", "AFP"), ("Avec Reuters", "Reuters"), ("Avec Jean Dupont", None),
    ("The source: a letter seen by reporters.", None),
])
def test_a_plain_credit_on_the_last_line_names_the_publisher(last: str, publisher: str | None) -> None:
    from pipelines.provenance import credit_line_publisher

    text = f"The council approved the plan on Tuesday.\nIt will cost 4 million.\n{last}"
    assert credit_line_publisher(text, RULES, ("Harbour Digest", "harbourdigest.example")) == publisher


def test_a_credit_line_higher_up_in_the_text_names_no_publisher() -> None:
    from pipelines.provenance import credit_line_publisher

    text = "Source: Coastal Ledger\nThe council approved the plan on Tuesday.\nIt will cost 4 million.\nMore soon."
    assert credit_line_publisher(text, RULES) is None


_AMP_DROP = "amp_js_v=0.1&usqp=mq331AQ"


@pytest.mark.parametrize(("link", "target", "tool"), [
    ("http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=66A1&url=https%3a%2f%2fwww.quay.example%2fnews%2fcranes"
     "&c=123&mkt=en-gb", "https://www.quay.example/news/cranes", "bing-news"),
    ("https://www.google.com/url?rct=j&sa=t&url=https://quay.example/a%3Fid%3D7&ct=ga&cd=CAIy", "https://quay.example/a?id=7",
     "google-alerts"),
    ("https://www.google.co.uk/url?q=https://quay.example/b&sa=U&ved=2ah", "https://quay.example/b", None),
    ("https://www.google.com/amp/s/quay.example/c/amp/", "https://quay.example/c/amp/", None),
    (f"https://quay-example.cdn.ampproject.org/c/s/quay.example/d.amp.html?{_AMP_DROP}&page=2",
     "https://quay.example/d.amp.html?page=2", None),
    ("https://quay-example.cdn.ampproject.org/c/quay.example/e", "http://quay.example/e", None),
    ("https://l.facebook.com/l.php?u=https%3A%2F%2Fquay.example%2Ff&h=AT3x", "https://quay.example/f", None),
    ("https://t.umblr.com/redirect?z=https%3A%2F%2Fquay.example%2Fg&t=YmQ", "https://quay.example/g", None),
    # Google Translate's proxy writes the host in its first label (a dash for a dot, two for a dash)
    ("https://www-quay--side-example.translate.goog/news/m?id=4&_x_tr_sl=auto&_x_tr_tl=id&_x_tr_hl=en&_x_tr_pto=wapp",
     "https://www.quay-side.example/news/m?id=4", "google-translate"),
    ("https://quay-example.translate.goog/?_x_tr_sl=en&_x_tr_tl=vi", "https://quay.example/", "google-translate"),
    # a wrapper inside a wrapper
    ("https://www.google.com/url?q=https://www.google.com/amp/s/quay.example/h&sa=U", "https://quay.example/h", None),
    # not wrappers: another path, a look-alike host, no target, a target that is no web address
    ("https://www.google.com/search?q=https://quay.example/i", None, None),
    ("https://notgoogle.com/url?q=https://quay.example/j", None, None),
    ("https://www.bing.com/news/apiclick.aspx?ref=FexRss&c=1", None, None),
    ("https://www.google.com/url?q=javascript:alert(1)", None, None),
    ("https://www.google.com/amp/s/", None, None),
    ("https://translate.goog/", None, None), ("https://quay.translate.goog/n", None, None),  # (no host in the label)
    ("https://www.google.com/url?url=http://[::1/k", None, None),
])
def test_a_redirect_wrappers_link_gives_its_target(link: str, target: str | None, tool: str | None) -> None:
    assert RULES.unwrap(link) == (target or link, tool)


def test_a_source_link_through_a_news_feeds_redirect_is_the_original_article() -> None:
    """An autoblog post from a Bing News feed links "Source link" through bing.com's click counter; a
    copy that writes its source out as an AMP cache address: source.url is the publisher's page, and
    the wrapper's link stays in source.links."""
    body = "".join(f"<p>Dock workers at the eastern terminal voted on the contract offer on day {n} of the talks.</p>"
                   for n in range(6))
    bing = ("http://www.bing.com/news/apiclick.aspx?ref=FexRss&amp;aid=&amp;tid=66A1&amp;url=https%3a%2f%2fwww.tidings.example"
            "%2fnews%2fport-vote&amp;c=123&amp;mkt=en-gb")
    record = _record(f"<html><body><article><h1>Port workers vote</h1>{body}"
                     f"<p><a href='{bing}' rel='nofollow'>Source link</a></p></article></body></html>")
    assert record.source.url == "https://www.tidings.example/news/port-vote"
    assert record.source.links == [bing.replace("&amp;", "&")] and "bing-news" in record.source.chain
    assert "Source link" not in record.text

    amp = "https://www-tidings-example.cdn.ampproject.org/c/s/www.tidings.example/news/port-vote.amp?amp_js_v=0.1"
    record = _record(f"<html><body><article><h1>Port workers vote</h1>{body}<p>Source: {amp}</p></article></body></html>",
                     url="https://autonews.example/2026/04/port-vote/")
    assert record.source.url == "https://www.tidings.example/news/port-vote.amp"

    # a splog that translates what it copies through Google Translate's proxy, and links it so
    proxy = "https://www-tidings-example.translate.goog/news/port-vote?_x_tr_sl=auto&amp;_x_tr_tl=id&amp;_x_tr_hl=en"
    record = _record(f"<html><body><article><h1>Port workers vote</h1>{body}<p>Dock workers <a href='{proxy}'>voted"
                     "</a> again.</p></article></body></html>", url="https://autonews.example/2026/04/port-vote-2/")
    assert record.source.url == "https://www.tidings.example/news/port-vote" and "google-translate" in record.source.chain


def test_a_users_rule_file_adds_a_redirect_wrapper(tmp_path) -> None:
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text('[[redirect]]\nid = "go"\nhosts = ["out.example.net"]\npath = "/go"\n'
                                        'params = ["to"]\ntool = "out-go"\n', encoding="utf-8")
    rules = load_rules((str(tmp_path),))
    assert rules.unwrap("https://out.example.net/go?to=https%3A%2F%2Fquay.example%2Fz") == ("https://quay.example/z", "out-go")
    assert rules.unwrap("https://www.bing.com/news/apiclick.aspx?url=https://quay.example/y")[0] == "https://quay.example/y"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "mine.toml").write_text('[[redirect]]\nid = "go"\nhosts = ["out.example.net"]\npath = "go"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="go: a redirect needs a path from /"):
        load_rules((str(bad),))


@pytest.mark.parametrize(("line", "labels"), [
    ("Tags: rail, freight, grain, timber", ["rail", "freight", "grain", "timber"]),
    ("Etiquetas: Transporte; Puertos", ["Transporte", "Puertos"]),
    ("Thẻ: đường sắt, hàng hóa", ["đường sắt", "hàng hóa"]),
    ("Labels: News · Rail", ["News", "Rail"]),
    ("Libellés : Fret, Rail", ["Fret", "Rail"]),
    ("Nhãn: đường sắt, hàng hóa", ["đường sắt", "hàng hóa"]),
    ("التسميات: سكك حديدية، شحن", ["سكك حديدية", "شحن"]),
])
def test_a_posts_tags_written_out_as_a_line_are_its_labels(line: str, labels: list[str]) -> None:
    """A copy that kept the original's tags as a line of text, on a page whose links name no labels:
    the cut line gives them."""
    body = "".join(f"<p>Freight volumes on the northern corridor rose again in October, said the operator on day {n}.</p>"
                   for n in range(6))
    record = _record(f"<html><body><article><h1>Rail freight climbs</h1>{body}<p>{line}</p></article></body></html>")
    assert record.labels == labels and line not in record.text


def test_a_posts_linked_labels_stand_before_a_line_of_tags() -> None:
    body = "".join(f"<p>Freight volumes on the northern corridor rose again in October, said the operator on day {n}.</p>"
                   for n in range(6))
    record = _record(f"<html><body><article><h1>Rail freight climbs</h1>{body}<p>Tags: rail, freight</p>"
                     "<p><a rel='tag' href='/tag/transport/'>Transport</a></p></article></body></html>")
    assert record.labels == ["Transport"]


_TUNNEL = "".join(f"<p>The rail tunnel under the strait got its final approval on Thursday, said the ministry on day {n}.</p>"
                  for n in range(5))


@pytest.mark.parametrize("entry", [
    # a text post's body with the feed's footer run on after it; a link post's thumbnail table
    (f"<!-- SC_OFF --><div class='md'>{_TUNNEL}</div><!-- SC_ON --> &#32; submitted by &#32; <a href='https://www.reddit.com/"
     "user/strait_fan'> /u/strait_fan </a> <br/> <span><a href='https://www.straits.example/rail-tunnel'>[link]</a></span>"
     " &#32; <span><a href='https://www.reddit.com/r/worldnews/comments/1xyz/rail_tunnel/'>[comments]</a></span>"),
    ("<table> <tr><td> <a href='https://www.reddit.com/r/worldnews/comments/1xyz/rail_tunnel/'> <img src='https://b.thumbs."
     "redditmedia.com/abc.jpg' alt='Rail tunnel'/> </a> </td><td> &#32; submitted by &#32; <a href='https://www.reddit.com/"
     "user/strait_fan'> /u/strait_fan </a> <br/> <span><a href='https://www.straits.example/rail-tunnel'>[link]</a></span>"
     " &#32; <span><a href='https://www.reddit.com/r/worldnews/comments/1xyz/rail_tunnel/'>[comments]</a></span> </td></tr>"
     f"</table>{_TUNNEL}"),
])
def test_a_reddit_feeds_entry_footer_is_cut_and_its_link_is_the_source(entry: str) -> None:
    record = _record(f"<html><body><article><h1>Rail tunnel approved</h1>{entry}</article></body></html>",
                     url="https://feeddaily.example/rail-tunnel/")
    assert record.text.splitlines()[-1].startswith("The rail tunnel") and "submitted" not in record.text
    assert record.source.url == "https://www.straits.example/rail-tunnel" and record.source.chain == ["reddit"]
    assert record.author is None  # (the Reddit user who posted the link wrote nothing of it)


def test_an_articles_own_submitted_by_line_stays() -> None:
    record = _record(f"<html><body><article><h1>Rail tunnel approved</h1>{_TUNNEL}<p>Submitted by Ann Lee</p></article></body></html>",
                     url="https://feeddaily.example/rail-tunnel-2/")
    assert "reddit" not in record.source.chain


@pytest.mark.parametrize(("credit", "publisher"), [
    ("<p><a href='https://medium.com/harbour-notes/small-ports-9f1e2d'>Why small ports win</a> was originally published in "
     "<a href='https://medium.com/harbour-notes'>Harbour Notes</a> on Medium, where people are continuing the conversation by "
     "highlighting and responding to this story.</p>", "Harbour Notes"),
    ("<p><a href='https://medium.com/@annlee/small-ports-9f1e2d'>Why small ports win</a> was originally published on Medium, "
     "where people are continuing the conversation by highlighting and responding to this story.</p>", None),
])
def test_a_medium_feeds_closing_line_is_cut_and_names_the_original(credit: str, publisher: str | None) -> None:
    body = "".join(f"<p>Short-sea lines now call at smaller ports because their berths are free, day {n}.</p>" for n in range(5))
    record = _record(f"<html><body><article><h1>Why small ports win</h1>{body}<hr/>{credit}</article></body></html>",
                     url="https://digest.example/small-ports/")
    assert "Medium" not in record.text and record.source.chain == ["medium"]
    assert record.source.url.startswith("https://medium.com/") and record.source.publisher == publisher


def test_an_outbound_link_through_a_social_sites_wrapper_is_no_source_unless_an_anchor_names_it() -> None:
    """Facebook's l.php wrapper credits no feed: a link through it in the text is no source, while a
    "Source link" anchor through it gives its target."""
    body = "".join(f"<p>Dock workers at the eastern terminal voted on the contract offer on day {n} of the talks.</p>"
                   for n in range(6))
    shop = "https://l.facebook.com/l.php?u=https%3A%2F%2Fshop.example%2Fmugs&amp;h=AT1"
    record = _record(f"<html><body><article><h1>Port workers vote</h1>{body}<p>Mugs at <a href='{shop}'>our shop</a> "
                     "help the strike fund, the union said.</p></article></body></html>", url="https://autonews.example/vote-1/")
    assert record.source.url is None and record.source.links == []
    source = "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.tidings.example%2Fport-vote&amp;h=AT1"
    record = _record(f"<html><body><article><h1>Port workers vote</h1>{body}<p><a href='{source}'>Source link</a></p>"
                     "</article></body></html>", url="https://autonews.example/vote-2/")
    assert record.source.url == "https://www.tidings.example/port-vote"


@pytest.mark.parametrize(("last", "below", "excerpt"), [
    # a teaser copy: the story's opening cut off, and a pointer to the original under it
    ("The operator said the boats would also call at the smaller islands [&#8230;]",
     "<p>Read more at <a href='https://coastalledger.example/ferry'>Coastal Ledger</a></p>", True),
    ("The operator said the boats would also call at the smaller islands...", "<p>Source: Coastal Ledger</p>", True),
    # the whole story copied, and an article that ends trailing off with nothing copied
    ("The operator said the boats would also call at the smaller islands.", "<p>Source: Coastal Ledger</p>", False),
    ("The islanders are still waiting...", "", False),
])
def test_a_copy_that_holds_only_the_opening_of_its_original_says_so(last: str, below: str, excerpt: bool) -> None:
    text = "".join(f"<p>The night ferry to the islands will run twice a week from May, the operator said on day {n}.</p>"
                   for n in range(3))
    record = _record(f"<html><head><title>Night ferry returns</title></head><body><article><h1>Night ferry returns</h1>"
                     f"{text}<p>{last}</p>{below}</article></body></html>")
    assert record.source.excerpt is excerpt, (record.text, record.source)


def _copied_post(inside: str, byline: str = "admin") -> str:
    """A WordPress copy of an article whose body ends with `inside` (an importer's credit lines)."""
    text = "".join(f"<p>The harbour board approved a second ferry pier at the north quay, its chair said on day {n}.</p>"
                   for n in range(6))
    return ("<html><head><meta name='generator' content='WordPress 6.5'><title>Second ferry pier approved</title></head>"
            "<body><article class='post hentry'><h1 class='entry-title'>Second ferry pier approved</h1>"
            f"<div class='entry-meta'>by <span class='author vcard'><a class='url fn n' href='/author/{byline}/'>{byline}"
            f"</a></span></div><div class='entry-content'>{text}{inside}</div></article></body></html>")


@pytest.mark.parametrize(("inside", "credited"), [
    # an importer's footer (WPeMatico's "Author: {author}"), a feed plugin's meta box (WP RSS
    # Aggregator's, cut whole), a wire credit
    ("<p><a href='https://herald.example/pier'>Go to Source</a><br>Author: Tomas Berg</p>", "Tomas Berg"),
    ("<div class='wprss-feed-meta'>Source: <a href='https://herald.example/pier'>North Shore Herald</a> | "
     "Published on March 11, 2026 | By Tomas Berg</div>", "Tomas Berg"),
    ("<p>(Reporting by Tomas Berg; Editing by Ana Ruiz)</p><p><strong><a href='https://blockads.fivefilters.org'>"
     "Let's block ads!</a></strong> <a href='https://blockads.fivefilters.org/acceptable.html'>(Why?)</a></p>", "Tomas Berg"),
    # nothing credits a writer
    ("<p>The post <a href='https://herald.example/pier'>Second ferry pier approved</a> appeared first on "
     "<a href='https://herald.example'>North Shore Herald</a>.</p>", None),
])
def test_the_writer_a_copys_credit_names_is_the_sources_author_beside_the_blogs_byline(inside: str,
                                                                                       credited: str | None) -> None:
    """A splog's byline names its own account ("admin"); the original's writer, which an importer's
    credit names under the copied text, was cut with the credit and kept in no field."""
    record = _record(_copied_post(inside), "https://coastdigest.example/2026/03/pier/", platform="wordpress")
    assert record.author == "admin"
    assert record.source.author == credited


def test_a_byline_over_the_text_or_a_credit_on_a_page_that_is_no_copy_is_no_sources_author() -> None:
    # a byline line the text opens with: the post's own (it may be the copying site's), read as its author
    head = _record(_copied_post("").replace("<div class='entry-content'>", "<div class='entry-content'><p>By Ellen Marsh</p>")
                   .replace("<div class='entry-meta'>by <span class='author vcard'><a class='url fn n' href='/author/admin/'>"
                            "admin</a></span></div>", ""), "https://coastdigest.example/2026/03/pier/", platform="wordpress")
    assert (head.author, head.source.author) == ("Ellen Marsh", None)
    # a portal's own staff credit on an article that shows no sign of being a copy stays its text
    own = _record(_copied_post("<p>Penulis: Rina Hapsari</p>"), "https://coastdigest.example/2026/03/pier/",
                  platform="wordpress")
    assert own.source.author is None and own.text.endswith("Penulis: Rina Hapsari")


def test_a_credit_naming_a_service_that_passes_news_along_names_no_publisher(tmp_path) -> None:
    """"via Google News" under an IFTTT copy had made Google News the record's publisher; the tool is
    read from the link. A user's list of such services extends the package's."""
    from pipelines.cleaning import Context, cut_text
    from pipelines.provenance import foreign_publishers
    from pipelines.rules import RuleError

    body = "The council approved the plan on Tuesday.\nIt will cost 4 million."
    harvest = cut_text(body + "\nvia Google News\nhttps://ift.tt/3abcdEF", RULES, Context()).harvest
    assert harvest.publishers == ["Google News"]
    assert foreign_publishers(harvest, "Harbour Digest", "harbour.example", RULES.aggregators) == []
    assert foreign_publishers(harvest, "Harbour Digest", "harbour.example") == ["Google News"]
    (tmp_path / "mine.toml").write_text('[aggregators]\nnames = ["Harbour Wire Digest"]\n', encoding="utf-8")
    mine = load_rules((str(tmp_path),))
    assert {"harbour wire digest", "google news"} <= mine.aggregators
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "bad.toml").write_text('[aggregators]\nnames = "Harbour Wire Digest"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="aggregators"):
        load_rules((str(bad),))
