"""Per-host body templates: learned from trafilatura, used only once they agree, audited, dropped."""

from __future__ import annotations

import copy
import random

import pytest

import pipelines.extraction as extraction
from pipelines import templates
from pipelines.extraction import ExtractOptions, extract_post
from pipelines.rules import load_rules
from pipelines.templates import LEARN_PAGES, MAX_FAILURES, Templates, agreement

TRUSTED_AFTER = LEARN_PAGES  # learning starts on a host's first page
from pipelines.workers import run_extract
from schemas.raw import BlogInfo, RawPost

WORDS = ("harbour tide ferry council lantern orchard quarry meadow signal bridge weather market "
         "tunnel engine valley lighthouse schedule festival bakery mill canal granite").split()
SIDEBAR = "Most read this week: the orchard ledger, the quarry diaries and the canal notebook"
COMMENT = "Brilliant write-up, pop over to my page for discount lanterns and ferry tickets galore"
FOOTER = "Copyright Coastline Daily Wire, every word reserved for our readers"
BIO = "Ann Reed has covered the harbour and its ferries for the wire since the spring of 2019"


def article(n: int) -> tuple[str, list[str]]:
    rng = random.Random(n)
    title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize() + f" {n}"
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 45))).capitalize() + "."
                  for _ in range(rng.randint(4, 7))]
    return title, paragraphs


def page(n: int, layout: str = "entry") -> str:
    title, paragraphs = article(n)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    if layout == "entry":
        post = (f"<article class='entry'><h1 class='headline'>{title}</h1>"
                f"<div class='byline'>Filed 0{n % 9 + 1} March 2026</div>{body}</article>")
    elif layout == "renamed":  # the site changed its theme: the old container is gone
        post = f"<main class='story-body'><h1>{title}</h1>{body}</main>"
    elif layout == "dated-inside":  # a date line of the container, with no author markup
        post = (f"<article class='entry'><h1 class='headline'>{title}</h1>"
                f"<div class='post-date'>Filed 0{n % 9 + 1} March 2026</div>{body}</article>")
    elif layout == "dated-above":  # the date line sits just outside the container
        post = (f"<div class='post'><div class='post-date'>Filed 0{n % 9 + 1} March 2026</div>"
                f"<article class='entry'><h1 class='headline'>{title}</h1>{body}</article></div>")
    elif layout == "dated-in-footer":  # the theme moved the date line to the foot of the page
        post = f"<article class='entry'><h1 class='headline'>{title}</h1>{body}</article>"
        return page(n, "dated-inside").replace(f"<div class='post-date'>Filed 0{n % 9 + 1} March 2026</div>", "").replace(
            "<div class='footer'>", f"<div class='footer'><span class='posted'>Posted 1{n % 9} April 2026</span> ")
    elif layout == "br-text":  # an older template: paragraphs kept apart by <br><br> in one <div>
        post = (f"<div class='posttext'><b>{title}</b><br><br>" + "<br><br>".join(paragraphs)
                + "<br><br><i>Share this story with your friends</i></div>")
    elif layout == "hashed-names":  # a build tool's class names, the same on every page of the site
        post = (f"<div class='Story_wrap__x8Zq1'><h1 class='Story_title__9fKd2'>{title}</h1>"
                f"<div class='Story_body__3kF9x'>{body}</div><div class='Share_bar__7Tq2'>Share this</div></div>")
    elif layout == "post-classes":  # the theme's class first, then the post's own category and tag
        tag = WORDS[n % len(WORDS)]
        post = (f"<div class='story-text cat-{tag} tag-{WORDS[(n * 3) % len(WORDS)]}'><h1 class='headline'>{title}</h1>"
                f"{body}</div>")
    elif layout == "font-tags":  # an old template: no class or id near the text, only <font> attributes
        post = (f"<font face='Verdana' size='2'><b>{title}</b><br><br>" + "<br><br>".join(paragraphs) + "</font>"
                f"<font size='1'>Share this</font>")
    elif layout == "table-row":  # a layout table: trafilatura gives the whole row as one line
        post = (f"<table><tr><td class='story'><h1>{title}</h1>{body}</td>"
                f"<td class='links'>Weather desk</td></tr></table>")
    elif layout == "body-with-tags":  # the container's child wraps the paragraphs and a tag list
        post = (f"<article class='node node--type-article{' node--promoted' if n % 2 else ''}'><h1>{title}</h1>"
                f"<div class='node-content'><div class='field-body'>{body}</div>"
                f"<div class='field-tags'><a href='/t/{n}'>{WORDS[n % len(WORDS)]}</a></div></div></article>")
    elif layout == "inline-ads":  # ad slots between the paragraphs, at other places on each page
        parts = [f"<p>{p}</p>" for p in paragraphs]
        for at in (1 + n % (len(parts) - 1), len(parts) - 1):
            parts.insert(at, "<div class='ad-wrap'><ins class='adsbygoogle'></ins><small>Advertisement</small></div>")
        post = f"<div class='story-wrap'><h1>{title}</h1><div class='text'>{''.join(parts)}</div></div>"
    elif layout == "random-wrapper":  # the body's own wrapper has a class made up for each page
        post = f"<main><h1>{title}</h1><div class='w-{random.Random(n).getrandbits(32):08x}'>{body}</div></main>"
    elif layout == "id-per-post":  # no classes; the body's id is the post's, its parent's the site's
        post = f"<div id='content'><h1>{title}</h1><div id='item-{n}'>{body}</div></div>"
    elif layout == "share-bars":  # share links above and below the text, inside its container
        share = "<div class='share'>Share: <a href='#f'>Facebook</a> <a href='#t'>Twitter</a></div>"
        post = f"<div class='single-post'><h1>{title}</h1>{share}{body}{share}</div>"
    elif layout == "compose-mixed":  # posts typed in divs (a footer line in a <p>), later ones in <p>s
        inner = ("".join(f"<div>{p}</div><div><br></div>" for p in paragraphs)
                 + "<p><strong><a href='https://blockads.fivefilters.org'>Let's block ads!</a></strong> "
                   "<a href='https://blockads.fivefilters.org/acceptable.html'>(Why?)</a></p>"
                 if n < 4 else body)
        post = f"<div class='post-wrap'><h1>{title}</h1><div class='story-text'>{inner}</div></div>"
    elif layout == "bare-article":  # a theme whose post is a bare <article>
        post = f"<article><h1>{title}</h1>{body}</article>"
    elif layout == "boxed-article":  # another theme's bare <article> with its header, share bar and footer
        post = (f"<article><div class='post-head'><ul class='post-cats'><li>World</li></ul><h1>{title}</h1>"
                f"<div class='post-views'>{1200 + n}</div></div>"
                "<div class='share-top'>Share this: Facebook Twitter WhatsApp</div>"
                f"<div class='story-main'>{body}</div>"
                "<footer><div class='prev-post'><span>Previous article</span><a href='/p'>Council approves the new budget</a></div>"
                "<div class='next-post'><span>Next article</span><a href='/n'>Rain is expected over the weekend</a></div>"
                "</footer></article>")
    elif layout == "wprss-meta":  # WP RSS Aggregator's meta line under each imported post, in its container
        post = (f"<article class='entry'><h1 class='headline'>{title}</h1><div class='story-body'>{body}"
                f"<div class='wprss-feed-meta'>Source: <a href='https://ledger.example/story-{n}'>Coastal Ledger</a>"
                f" | Published on March 3, 2026 | By Ann Reed</div></div></article>")
    elif layout in ("source-box", "container-source-box"):  # the Newspaper theme's source box below the post
        cls = "entry-content" if layout == "container-source-box" else "story-body"
        post = (f"<article class='entry'><h1 class='headline'>{title}</h1><div class='{cls}'>{body}</div>"
                f"<footer><div class='td-post-source-via'><div class='td-post-small-box'><span>SOURCE</span>"
                f"<a rel='nofollow' href='https://ledger.example/story-{n}'>Coastal Ledger</a></div></div></footer></article>")
    elif layout == "author-bio":  # the theme's box about the writer, shown on some posts only
        post = (f"<article class='entry'><h1 class='headline'>{title}</h1>"
                f"<div class='byline'>Filed 0{n % 9 + 1} March 2026</div>{body}"
                f"<div class='author-bio'><h4>About Ann Reed</h4><p>{BIO}</p></div></article>")
    else:  # "teaser": the old container still exists but holds a teaser; the body moved below
        post = (f"<article class='entry'><h1 class='headline'>{title}</h1><p>Read on below.</p></article>"
                f"<section class='fulltext'>{body}</section>")
    return (f"<html><head><title>{title} | Coastline Daily Wire</title></head><body>"
            f"<div id='masthead'><a href='/'>Coastline Daily Wire</a> <a href='/about'>About</a></div>"
            f"<div class='layout'><div class='main-col'>{post}"
            f"<div class='comments'><h3>One comment</h3><p>{COMMENT}</p></div></div>"
            f"<div class='sidebar'><h3>Popular</h3><p>{SIDEBAR}</p></div></div>"
            f"<div class='footer'>{FOOTER}</div></body></html>")


def raw(n: int, layout: str = "entry", host: str = "wire.example") -> RawPost:
    url = f"https://{host}/news/{n}.html"
    return RawPost(url=url, blog=BlogInfo(url=f"https://{host}/", host=host), via="page", html=page(n, layout))


@pytest.fixture
def fresh_templates(monkeypatch: pytest.MonkeyPatch) -> Templates:
    learned = Templates()
    monkeypatch.setattr(extraction, "TEMPLATES", learned)
    return learned


def extract(post: RawPost, mode: str = "auto"):
    return extract_post(post, load_rules(), ExtractOptions(mode=mode))


def test_template_is_learned_then_used_and_gives_trafilaturas_record(fresh_templates: Templates) -> None:
    methods = []
    for n in range(12):
        post = raw(n)
        ours = run_extract(post, ExtractOptions())
        plain = run_extract(post, ExtractOptions(mode="trafilatura"))
        methods.append(ours.method)
        assert (ours.title, ours.published_at, ours.language) == (plain.title, plain.published_at, plain.language)
        assert agreement(ours.text, plain.text) > 0.97
        for paragraph in article(n)[1]:
            assert paragraph in ours.text
        for junk in (SIDEBAR, COMMENT, FOOTER, "Filed 0"):
            assert junk not in ours.text
    assert methods == ["trafilatura"] * TRUSTED_AFTER + ["template"] * (12 - TRUSTED_AFTER)
    tmpl = fresh_templates.hosts["wire.example"]
    assert "entry" in tmpl.selector and tmpl.trusted
    assert any("byline" in step for step in tmpl.drop)  # the date line trafilatura left out


def test_a_template_is_learned_where_paragraphs_are_text_between_line_breaks(fresh_templates: Templates) -> None:
    # no element holds one paragraph: the runs of text between the <br>s place the container
    methods = []
    for n in range(10):
        post = raw(n, "br-text", host="oldwire.example")
        ours = run_extract(post, ExtractOptions())
        plain = run_extract(post, ExtractOptions(mode="trafilatura"))
        methods.append(ours.method)
        assert agreement(ours.text, plain.text) > 0.97
        assert all(paragraph in ours.text for paragraph in article(n)[1])
        assert not any(junk in ours.text for junk in (SIDEBAR, COMMENT, FOOTER))
    assert methods == ["trafilatura"] * TRUSTED_AFTER + ["template"] * (10 - TRUSTED_AFTER)
    assert "posttext" in fresh_templates.hosts["oldwire.example"].selector


@pytest.mark.parametrize(("layout", "named", "relearned"), [
    ("hashed-names", "Story_", 0),  # names with digits, used when nothing else names the body
    # the theme's own class alone, once a selector with the post's cat-… and tag-… classes failed
    ("post-classes", "story-text", 1),
    ("font-tags", "@face='Verdana'", 0),  # attributes name an element that has no class or id
    ("table-row", "story", 0),  # trafilatura's text is one line, the table's row
    ("body-with-tags", "node", 0),  # a child holding most of the text is never dropped for its tag list
    ("inline-ads", "text", 0),  # the ad slots are dropped wherever they sit
    ("random-wrapper", "//main", 0),  # the stable element around a wrapper named anew on each page
    ("id-per-post", "content", 0),  # the site's id, not the post's
    ("share-bars", "single-post", 0),  # the share bars are dropped
])
def test_templates_are_learned_for_other_kinds_of_layout(fresh_templates: Templates, layout: str, named: str,
                                                         relearned: int) -> None:
    methods = []
    for n in range(10):
        post = raw(n, layout, host=f"{layout}.example")
        ours = run_extract(post, ExtractOptions())
        methods.append(ours.method)
        assert all(paragraph in ours.text for paragraph in article(n)[1])
        if ours.method == "template":  # (trafilatura keeps the other cell of a layout table's row)
            assert not any(junk in ours.text for junk in (SIDEBAR, COMMENT, FOOTER, "Weather desk", "Share this",
                                                         "Advertisement", "Facebook"))
    learning = TRUSTED_AFTER + relearned
    assert methods == ["trafilatura"] * learning + ["template"] * (10 - learning)
    selector = fresh_templates.hosts[f"{layout}.example"].selector
    assert named in selector
    assert "cat-" not in selector and "tag-" not in selector and "promoted" not in selector
    assert "w-" not in selector and "item-" not in selector  # names of one page, not of the site


def test_a_changed_layout_goes_back_to_trafilatura_and_is_learned_again(fresh_templates: Templates) -> None:
    for n in range(TRUSTED_AFTER):
        extract(raw(n))
    assert extract(raw(50)).method == "template"
    renamed = [extract(raw(n, "renamed")) for n in range(100, 100 + LEARN_PAGES + 2)]
    # the first renamed page is read by trafilatura and teaches the new container (one agreement)
    assert [ex.method for ex in renamed] == ["trafilatura"] * LEARN_PAGES + ["template"] * 2
    assert "story-body" in fresh_templates.hosts["wire.example"].selector
    for n, ex in zip(range(100, 106), renamed):
        assert all(p in ex.text for p in article(n)[1])


def test_a_teaser_left_in_the_old_container_is_not_taken_for_the_body(fresh_templates: Templates) -> None:
    for n in range(TRUSTED_AFTER):
        extract(raw(n))
    ex = extract(raw(200, "teaser"))  # the selector still names one element, but it holds a teaser
    assert ex.method == "trafilatura"
    assert all(p in ex.text for p in article(200)[1])


def test_a_box_the_theme_shows_on_some_posts_only_is_left_to_trafilatura_then_dropped(fresh_templates: Templates) -> None:
    """A template learned on posts without the writer's bio box has not seen trafilatura leave it out:
    the first post with one is read by trafilatura, and the template drops the box from then on."""
    for n in range(TRUSTED_AFTER):
        extract(raw(n))
    first, later = extract(raw(60, "author-bio")), extract(raw(61, "author-bio"))
    assert [first.method, later.method] == ["trafilatura", "template"]
    for n, ex in ((60, first), (61, later)):
        assert BIO not in ex.text and "About Ann Reed" not in ex.text
        assert all(p in ex.text for p in article(n)[1])
    assert extract(raw(62)).method == "template"  # (posts without the box still go through the template)


def test_audits_catch_a_template_that_stopped_agreeing(fresh_templates: Templates,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "AUDIT_EVERY", 2)
    for n in range(TRUSTED_AFTER):
        extract(raw(n))
    tmpl = fresh_templates.hosts["wire.example"]
    assert tmpl.trusted
    tmpl.selector = "//div[contains(concat(' ', normalize-space(@class), ' '), ' sidebar ')]"  # spoil it
    tmpl.min_chars = 0
    methods = [extract(raw(n)).method for n in range(10, 14)]
    assert "trafilatura" in methods  # the audit page
    assert fresh_templates.counts["audit_failed"] == 1
    assert "entry" in tmpl.selector  # relearned from the audited page


def test_a_template_that_passes_its_audits_is_audited_less_often(fresh_templates: Templates,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "AUDIT_EVERY", 2)
    monkeypatch.setattr(templates, "MAX_AUDIT_DOUBLINGS", 2)
    _trusted_here(fresh_templates)  # (the host's pages 1 to 3)
    audited = [n for n in range(4, 30) if extract(raw(n)).method == "trafilatura"]  # (page n is the host's nth)
    # every 2nd page at first, every 4th after one audit passed, every 8th (at most) after two
    assert audited == [4, 8, 16, 24]
    tmpl = fresh_templates.hosts["wire.example"]
    assert tmpl.audits == 4 and tmpl.audit_every == 8
    tmpl.selector = "//div[contains(concat(' ', normalize-space(@class), ' '), ' sidebar ')]"  # spoil it
    tmpl.min_chars = 0
    assert [extract(raw(n)).method for n in range(30, 33)] == ["template", "template", "trafilatura"]
    assert fresh_templates.counts["audit_failed"] == 1
    assert tmpl.audits == 0 and "entry" in tmpl.selector  # (learned anew: audited every 2nd page again)


def test_a_host_without_a_nameable_container_stays_with_trafilatura(fresh_templates: Templates) -> None:
    def bare(n: int) -> RawPost:
        title, paragraphs = article(n)
        html = (f"<html><head><title>{title}</title></head><body><div id='top'>Menu</div>"
                + "".join(f"<p>{p}</p>" for p in paragraphs) + f"<div>{FOOTER}</div></body></html>")
        return RawPost(url=f"https://bare.example/{n}", blog=BlogInfo(url="https://bare.example/", host="bare.example"),
                       via="page", html=html)

    methods = [extract(bare(n)).method for n in range(1 + MAX_FAILURES + 2)]
    assert set(methods) == {"trafilatura"}
    tmpl = fresh_templates.hosts["bare.example"]
    assert tmpl.refused
    assert not fresh_templates.plan("bare.example").learn  # no second parse for a refused host


def test_trafilatura_mode_never_uses_templates(fresh_templates: Templates) -> None:
    methods = {extract(raw(n), mode="trafilatura").method for n in range(LEARN_PAGES + 3)}
    assert methods == {"trafilatura"}
    assert not fresh_templates.hosts


@pytest.mark.parametrize("theme", [(), ("--chrome",)], ids=["light", "themed"])
def test_crawl_of_a_sitemap_only_blog_reads_most_pages_through_its_template(tmp_path, theme) -> None:
    """Light pages, and pages carrying a real theme's weight (menus, sidebars, ads, a footer)."""
    from bench.throughput import body_f1, truth_by_url
    from crawler.farm.runner import farm_process
    from tests.conftest import run_splog

    with farm_process("--bench", "5:40", *theme) as blogs:
        plain = [b for b in blogs if b["kind"] == "plain"]
        run = run_splog("crawl", "--allow-private-hosts", "--no-throttle", "-q", plain[0]["url"],
                        out=tmp_path / "out.jsonl")
        truth = truth_by_url(blogs, 5, 40)
    assert run.code == 0, run.stderr[-2000:]
    manifest = run.manifest()
    by_method = manifest["extraction"]["by_method"]
    assert manifest["reconciles"] and manifest["counts"]["records"] == 40
    # the workers start learning the host at once: at most TRUSTED_AFTER (+ a page or two) each via trafilatura
    assert by_method.get("template", 0) >= 40 - 2 * (TRUSTED_AFTER + 2), by_method
    records = run.records()
    f1s = sorted(body_f1(r["text"], truth[r["url"]]) for r in records)
    # on themed pages trafilatura itself (the pages it reads: learning, audits) sometimes takes in a
    # teaser from a widget; the template never does
    assert sum(f1 <= 0.95 for f1 in f1s) <= by_method.get("trafilatura", 0) and f1s[0] > 0.8, f1s[:6]
    assert all(r["published_at"] and r["title"] for r in records)


def test_learning_starts_on_a_hosts_first_page() -> None:
    learned = Templates()
    first, second = learned.plan("new.example"), learned.plan("new.example")
    assert (first.use, first.learn) == (False, True) and (second.use, second.learn) == (False, True)


@pytest.mark.parametrize(("layout", "levels"), [("dated-inside", 0), ("dated-above", 1)])
def test_the_date_is_read_from_the_element_around_the_body_that_holds_it(
        fresh_templates: Templates, layout: str, levels: int, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []  # what htmldate is given, on template pages
    page_date = extraction._page_date
    monkeypatch.setattr(extraction, "_page_date", lambda el, url: asked.append(el.tag) or page_date(el, url))
    for n in range(12):
        post = raw(n, layout)
        ours, plain = run_extract(post, ExtractOptions()), run_extract(post, ExtractOptions(mode="trafilatura"))
        assert ours.published_at == plain.published_at and ours.published_at.isoformat().startswith("2026-03-0"), n
        if ours.method == "template":
            assert asked[-1] == ("article", "div")[levels], asked  # the element, not the whole page
    tmpl = fresh_templates.hosts["wire.example"]
    assert ours.method == "template" and tmpl.needs_date
    assert (tmpl.date_scope, tmpl.date_scope_of, tmpl.date_scope_failed) == (levels, tmpl.selector, False)


def test_a_date_that_moved_out_of_the_learned_element_is_still_found(fresh_templates: Templates,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templates, "AUDIT_EVERY", 8)  # the host's 4th to 7th pages are read by template
    for n in range(TRUSTED_AFTER):
        extract(raw(n, "dated-inside"))
    tmpl = fresh_templates.hosts["wire.example"]
    assert tmpl.date_scope == 0
    methods = []
    for n in range(20, 30):  # the date is now at the foot of the page: the element has none
        post = raw(n, "dated-in-footer")
        ours, plain = run_extract(post, ExtractOptions()), run_extract(post, ExtractOptions(mode="trafilatura"))
        methods.append(ours.method)
        assert ours.published_at == plain.published_at and ours.published_at.isoformat().startswith("2026-04-1"), n
    assert methods[:4] == ["template"] * 4 and methods[4] == "trafilatura"  # then the audit
    assert tmpl.date_scope_failed and tmpl.date_element(object()) is None  # whole pages from now on


def test_a_child_kept_for_most_of_its_text_loses_the_parts_trafilatura_left_out() -> None:
    # trafilatura kept the header's title but not its byline and time: the header stays, those go
    from lxml import html as lxml_html

    title, paragraphs = article(3)
    container = lxml_html.fromstring(
        f"<article><header><h1>{title}</h1><span class='byline'>By Ada Quay</span> <time>March 3</time>"
        f"</header><section class='body'>{''.join(f'<p>{p}</p>' for p in paragraphs)}</section></article>")
    dropped = templates._dropped_steps(container, "\n".join([title, *paragraphs]))
    assert "header" not in dropped and "header/time" in dropped
    assert any(step.startswith("header/span") and "byline" in step for step in dropped)
    text = templates.template_text(container, dropped)
    assert text.startswith(title) and all(p in text for p in paragraphs)
    assert "Ada Quay" not in text and "March 3" not in text


def test_a_new_host_on_a_theme_another_host_taught_needs_fewer_learning_pages(fresh_templates: Templates) -> None:
    # a farm's blogs share one theme: the second host starts from the first one's template once it
    # gives trafilatura's text on its first page, and is trusted after one more of its own pages
    def methods(host: str, layout: str) -> list[str]:
        return [run_extract(raw(n, layout, host=host), ExtractOptions()).method for n in range(6)]

    assert methods("first.example", "entry") == ["trafilatura"] * TRUSTED_AFTER + ["template"] * (6 - TRUSTED_AFTER)
    assert methods("second.example", "entry") == ["trafilatura"] * 2 + ["template"] * 4
    assert fresh_templates.counts["adopted"] == 1
    # another theme learns from scratch
    assert methods("third.example", "renamed") == ["trafilatura"] * TRUSTED_AFTER + ["template"] * (6 - TRUSTED_AFTER)
    assert fresh_templates.counts["adopted"] == 1
    assert fresh_templates.hosts["second.example"].selector == fresh_templates.hosts["first.example"].selector


def test_hosts_of_one_theme_whose_pages_come_in_turn_each_learn_from_two_pages(fresh_templates: Templates) -> None:
    # a crawl meets a farm's blogs in turn, so all of them are learning before any is trusted: once
    # the theme's selector has given trafilatura's text on three pages of the others, a host is
    # trusted after two pages of its own, as one that adopted a trusted theme is
    hosts = ["one.example", "two.example", "three.example", "four.example"]
    methods: dict[str, list[str]] = {host: [] for host in hosts}
    for n in range(5):
        for k, host in enumerate(hosts):
            methods[host].append(run_extract(raw(10 * n + k, host=host), ExtractOptions()).method)
    assert all(m == ["trafilatura"] * 2 + ["template"] * 3 for m in methods.values()), methods
    assert fresh_templates.counts["in_step"] == 1 and fresh_templates.counts["adopted"] == 0
    assert len({fresh_templates.hosts[h].selector for h in hosts}) == 1
    for n, host in enumerate(hosts):  # read through the template, the text is trafilatura's
        draft = run_extract(raw(100 + n, host=host), ExtractOptions())
        assert draft.method == "template" and draft.text.split("\n") == article(100 + n)[1]


def test_too_few_pages_of_a_theme_elsewhere_leave_a_host_its_three_learning_pages(fresh_templates: Templates) -> None:
    # two hosts of one theme in turn, beside a host of another theme: neither theme has given
    # trafilatura's text on three pages of other hosts when a host's own second page comes
    hosts = [("one.example", "entry"), ("two.example", "entry"), ("other.example", "renamed")]
    methods: dict[str, list[str]] = {host: [] for host, _layout in hosts}
    for n in range(5):
        for k, (host, layout) in enumerate(hosts):
            methods[host].append(run_extract(raw(10 * n + k, layout, host=host), ExtractOptions()).method)
    assert all(m == ["trafilatura"] * TRUSTED_AFTER + ["template"] * (5 - TRUSTED_AFTER) for m in methods.values())
    assert fresh_templates.counts["in_step"] == 0


def test_a_byline_the_template_drops_still_names_the_writer(fresh_templates: Templates) -> None:
    """A byline inside the body's box that the template drops (trafilatura left it out on the learning
    pages), on a page whose metadata names only the byline's lead word ("Posted"): the pages read
    through the template had no author, since the head scan that reads the byline never saw it."""
    from pipelines.templates import HostTemplate

    content = "//div[contains(concat(' ', normalize-space(@class), ' '), ' content ')]"
    byline = "span[contains(concat(' ', normalize-space(@class), ' '), ' submitted-by ')]"
    body = "div[contains(concat(' ', normalize-space(@class), ' '), ' field-body ')]"
    fresh_templates.hosts["drupal.example"] = HostTemplate(selector=content, drop=frozenset({byline}), agreed=3,
                                                           known=frozenset({byline, body}))
    title, paragraphs = article(3)
    page = (f"<html><head><title>{title}</title></head><body><div class='node'><h1 class='title'>{title}</h1>"
            "<div class='content'><span class='submitted-by'>Posted on 2019-01-21 by Jane Roe</span>"
            f"<div class='field-body'>{''.join(f'<p>{p}</p>' for p in paragraphs)}</div></div></div></body></html>")
    post = RawPost(url="https://drupal.example/node/3", blog=BlogInfo(url="https://drupal.example/", host="drupal.example"),
                   via="page", html=page)
    draft = run_extract(post, ExtractOptions())
    assert draft.method == "template" and "Posted on" not in draft.text
    assert draft.author == "Jane Roe"


def test_a_host_that_starts_from_another_themes_template_drops_what_trafilatura_left_out_of_it(
        fresh_templates: Templates) -> None:
    """A bare `//article` trusted on one theme, adopted on a host of another theme whose <article> also
    holds its header, a share bar and links to the next posts: it kept the first theme's drop set (for
    boxes this theme does not have), so those boxes came into the text of every page read through it."""
    for n in range(4):
        run_extract(raw(n, "bare-article", host="plain-theme.example"), ExtractOptions())
    drafts = [run_extract(raw(n, "boxed-article", host="boxed-theme.example"), ExtractOptions()) for n in range(8)]
    assert fresh_templates.counts["adopted"] == 1 and "template" in {d.method for d in drafts}
    for n, draft in enumerate(drafts):
        assert all(p in draft.text for p in article(n)[1])
        for junk in ("Previous article", "Next article", "Council approves", "Share this", str(1200 + n)):
            assert junk not in draft.text, (n, draft.method, junk)


@pytest.mark.parametrize(("box", "method"), [("inner-text", "template"), ("entry", "container")])
def test_an_old_theme_whose_h1_is_the_sites_name_gives_each_posts_title(fresh_templates: Templates, box: str,
                                                                        method: str) -> None:
    # the site's name in the page's one <h1> (a link home), the post's title in an <h2 class="title">,
    # a <title> that is the site's name alone: through trafilatura, then through the learned template;
    # or, in Kubrick's <div class="entry"> inside the post's wrapper, from that box on every page
    methods = []
    for n in range(10):
        title, paragraphs = article(n)
        html = ("<html><head><title>Coastline Daily Wire</title></head><body><div id='header'>"
                "<h1><a href='https://wire.example/'>Coastline Daily Wire</a></h1></div><div id='content'>"
                f"<div class='post' id='post-{n}'><h2 class='title'>{title}</h2><div class='{box}'>"
                + "".join(f"<p>{p}</p>" for p in paragraphs) + f"</div></div></div><div id='sidebar'>"
                f"<h2 class='title'>Popular</h2><p>{SIDEBAR}</p></div></body></html>")
        post = RawPost(url=f"https://wire.example/news/{n}.html", blog=BlogInfo(url="https://wire.example/", host="wire.example"),
                       via="page", html=html)
        record = run_extract(post, ExtractOptions())
        methods.append(record.method)
        assert (record.title, record.blog.name) == (title, "Coastline Daily Wire"), n
        assert paragraphs[0] in record.text and SIDEBAR not in record.text
    assert methods[-1] == method


@pytest.mark.parametrize("layout", ["source-box", "container-source-box"])
def test_a_themes_source_box_outside_the_body_names_the_original_on_every_path(fresh_templates: Templates,
                                                                               layout: str) -> None:
    """The Newspaper theme sets "SOURCE <a href=original>Publisher</a>" under the article, outside the
    post's body: whether the text comes from trafilatura (the whole page), a learned template or a
    known body container, the box gives the publisher and the original's URL and is not in the text."""
    methods = set()
    for n in range(8):
        draft = run_extract(raw(n, layout), ExtractOptions())
        methods.add(draft.method)
        assert (draft.publisher, draft.source_url) == ("Coastal Ledger", f"https://ledger.example/story-{n}")
        assert "SOURCE" not in draft.text and ("theme.source-box", "SOURCE Coastal Ledger") in draft.removed
    assert methods == ({"container"} if layout == "container-source-box" else {"trafilatura", "template"})


def test_a_signature_block_inside_the_learned_container_gives_its_provenance_on_every_path(
        fresh_templates: Templates) -> None:
    """A block cut before trafilatura read the learning pages (WP RSS Aggregator's meta line) was
    learned as a child trafilatura leaves out, and the template dropped it unread: the pages read
    through the template had no publisher and no author."""
    methods = []
    for n in range(8):
        draft = run_extract(raw(n, "wprss-meta"), ExtractOptions())
        methods.append(draft.method)
        assert (draft.publisher, draft.author) == ("Coastal Ledger", "Ann Reed"), (n, draft.method)
        assert "Published on" not in draft.text and "wprss.meta" in {rule for rule, _ in draft.removed}
    assert "template" in methods and "trafilatura" in methods


def _mirror_page(n: int, headline: str | None = None) -> str:
    """A plain mirror's post page: "Headline | Site" title, a layout table, a FiveFilters footer."""
    title, paragraphs = article(n)
    title = headline or title
    body = "".join(f"<p>{p}</p>" for p in paragraphs) + "<p>Let's block ads! (Why?)</p>"
    return (f"<html><head><meta charset='utf-8'><title>{title} | Wire Mirror</title></head><body>"
            f"<div id='top'><a href='https://wire.example/'>Wire Mirror</a> | <a href='/contact.html'>Contact</a></div>"
            f"<table width='100%'><tr><td valign='top' width='70%'><div class='story'><h1>{title}</h1>"
            f"<p class='meta'>0{n % 9 + 1} March 2026</p>{body}</div></td><td valign='top'>Popular: none</td></tr>"
            f"</table><div id='foot'>Wire Mirror</div></body></html>")


@pytest.mark.parametrize("dotted", [0, 1, 2])
def test_a_headline_trafilatura_reads_as_the_site_name_is_not_learned(fresh_templates: Templates, dotted: int) -> None:
    """trafilatura names a "Headline | Site" page's site after its headline when the headline holds a
    dot ("… at 4.25 percent", read as a domain). A host's template learnt that as the site's name
    when such a page came among its first, and every later page of the host named that headline its
    publisher: which pages came first decided it, so a crawl's records differed from run to run."""
    headline = "Central bank holds key rate at 4.25 percent"
    blog = BlogInfo(url="https://wire.example/", host="wire.example", name="Wire Mirror")
    drafts = [run_extract(RawPost(url=f"https://wire.example/news/{n}.html", via="page", blog=blog,
                                  html=_mirror_page(n, headline if n == dotted else None)), ExtractOptions())
              for n in range(9)]
    assert fresh_templates.hosts["wire.example"].site_name != headline
    assert [d.method for d in drafts][-3:] == ["template"] * 3
    assert [d.publisher for d in drafts] == [None] * 9


def test_a_post_written_in_ps_after_posts_written_in_divs_keeps_its_text(fresh_templates: Templates) -> None:
    """A template learned on posts typed in divs, each with a footer line in a bare <p> that trafilatura
    left out, dropped every <p>: the host's next post, written in <p>s, came out empty."""
    for n in range(8):
        draft = run_extract(raw(n, "compose-mixed"), ExtractOptions())
        assert all(p in draft.text for p in article(n)[1]), (n, draft.method)


def test_a_bare_inline_child_is_never_a_step_the_template_drops() -> None:
    """A loose link in the body's box that trafilatura left out on a learning page ("Go to Source") made
    a bare `a` step that dropped every loose link on later pages, IFTTT's among them: "via Le Courrier
    du Sud https://ift.tt/… via IFTTT" came out "via Le Courrier du Sud via". A named one may be dropped."""
    from lxml import etree

    from pipelines.templates import _dropped_steps

    node = etree.fromstring("<div class='story'><p>The quay was rebuilt over the winter, the harbour office said.</p>"
                            "<br/><a href='https://ledger.example/q'>Go to Source</a><br/>"
                            "<span>Author: Ann Reed</span><a class='share-link' href='#'>Share on the harbour board</a>"
                            "<div class='ad-box'>Advertisement here</div></div>")
    dropped = _dropped_steps(node, "The quay was rebuilt over the winter, the harbour office said.")
    assert "a" not in dropped and "span" not in dropped
    assert any("share-link" in step for step in dropped) and any("ad-box" in step for step in dropped)
    # (nor a bare <p> or <div>: the paragraphs of the next post may be those; a bare heading may go)
    node = etree.fromstring("<div class='story'><h1>Quay rebuilt</h1><div>The quay was rebuilt over the winter, the "
                            "harbour office said.</div><p>This entry passed through the Full-Text RSS service.</p></div>")
    dropped = _dropped_steps(node, "The quay was rebuilt over the winter, the harbour office said.")
    assert dropped == {"h1"}


def test_a_template_one_worker_learned_is_used_by_the_next_without_learning_again(tmp_path, monkeypatch) -> None:
    """A pool of one worker, replaced after every LEARN_PAGES posts: each fresh worker process starts
    with no template of its own, and reads the host through the one its predecessor learned, passed
    on by the pool (with several workers at once, the same spares each of them learning the host)."""
    import asyncio

    from pipelines.workers import ExtractorPool

    monkeypatch.setenv("SPLOG_CACHE_DIR", str(tmp_path))  # (no template kept by an earlier test's pool)
    pool = ExtractorPool(ExtractOptions(), processes=1, tasks_per_worker=LEARN_PAGES)

    async def one_by_one() -> list:
        return [await pool.extract(raw(n)) for n in range(2 * LEARN_PAGES + 1)]

    try:
        results = asyncio.run(one_by_one())
    finally:
        pool.close()
    assert pool.recycled == 2
    assert [r.method for r in results] == ["trafilatura"] * LEARN_PAGES + ["template"] * (LEARN_PAGES + 1)
    assert "entry" in pool.templates.hosts["wire.example"].selector
    assert list(templates.load_kept()) == ["wire.example"]  # (kept by the pool's close, for the next crawl)
    for n, r in enumerate(results):
        assert all(paragraph in r.text for paragraph in article(n)[1])
        assert SIDEBAR not in r.text and COMMENT not in r.text and "Filed 0" not in r.text


def test_a_worker_takes_another_workers_template_only_for_a_host_it_has_not_judged_itself(
        fresh_templates: Templates) -> None:
    for n in range(TRUSTED_AFTER):
        extract(raw(n))
    other = Templates()
    # a host the worker has not met, and one it is still learning without a failure: taken
    assert other.take("wire.example", fresh_templates.hosts["wire.example"])
    assert other.state("wire.example") == fresh_templates.state("wire.example") == (
        "trusted", fresh_templates.hosts["wire.example"].selector)
    assert other.hosts["wire.example"].pages == 0  # its audit count is its own
    learning = Templates()
    learning.plan("wire.example")
    assert learning.take("wire.example", fresh_templates.hosts["wire.example"])
    # one whose own template failed on a page here: its own learning decides
    failed = Templates()
    failed.plan("wire.example").template.failures = 1
    assert not failed.take("wire.example", fresh_templates.hosts["wire.example"])
    assert failed.state("wire.example") is None


def test_a_worker_reports_a_template_it_came_to_trust_and_one_whose_audit_failed(
        fresh_templates: Templates, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {"wire.example": fresh_templates.state("wire.example")}
    for n in range(TRUSTED_AFTER):
        extract(raw(n))
    assert fresh_templates.changes(before) == {"wire.example": fresh_templates.hosts["wire.example"]}
    assert fresh_templates.changes({"wire.example": fresh_templates.state("wire.example")}) == {}
    monkeypatch.setattr(templates, "AUDIT_EVERY", 1)  # the next page is an audit
    before = {"wire.example": fresh_templates.state("wire.example")}
    fresh_templates.hosts["wire.example"].selector = "//div[@class='sidebar']"  # spoiled: the audit fails
    extract(raw(20))
    assert fresh_templates.counts["audit_failed"] == 1
    # (the failed template was learned again from the audited page: not trusted again yet)
    assert fresh_templates.changes(before) == {"wire.example": None}


# --- templates kept between crawls ---------------------------------------------------------------

def _trusted_here(learned: Templates, host: str = "wire.example", layout: str = "entry") -> templates.HostTemplate:
    for n in range(TRUSTED_AFTER):
        extract(raw(n, layout, host))
    tmpl = learned.hosts[host]
    assert tmpl.trusted
    return tmpl


def _shared(**hosts: templates.HostTemplate) -> templates.SharedTemplates:
    shared = templates.SharedTemplates()
    shared.update({host.replace("_", "."): tmpl for host, tmpl in hosts.items()})
    return shared


def test_a_crawls_trusted_templates_are_kept_and_the_next_crawl_verifies_each_before_using_it(
        fresh_templates: Templates, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / templates.KEPT_FILE
    trusted = _trusted_here(fresh_templates)
    learning = Templates()
    learning.plan("slow.example")  # (a host still learning: nothing to keep)
    shared = _shared(wire_example=trusted, slow_example=learning.hosts["slow.example"])
    assert templates.save_kept(shared, path)
    kept = templates.load_kept(path)
    assert list(kept) == ["wire.example"]
    tmpl = kept["wire.example"]
    assert (tmpl.selector, tmpl.drop, tmpl.known, tmpl.agreed) == (trusted.selector, trusted.drop, trusted.known,
                                                                   trusted.agreed)
    assert tmpl.verify and tmpl.pages == 0
    # the next crawl: a worker that takes it reads its first page through trafilatura and compares
    # (an audit), then reads the host by template
    worker = Templates()
    monkeypatch.setattr(extraction, "TEMPLATES", worker)
    assert worker.take("wire.example", tmpl)
    methods = [extract(raw(n)).method for n in range(50, 53)]
    assert methods == ["trafilatura", "template", "template"]
    assert not worker.hosts["wire.example"].verify and worker.counts["learned"] == 0
    assert worker.hosts["wire.example"].audits == trusted.audits + 1  # (the verification was an audit passed)
    assert worker.state("wire.example") == ("trusted", trusted.selector)  # (nothing new to report)


def test_a_kept_template_the_site_has_outgrown_is_learned_anew_and_kept_only_once_trusted_again(
        fresh_templates: Templates, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / templates.KEPT_FILE
    templates.save_kept(_shared(wire_example=_trusted_here(fresh_templates)), path)
    shared = templates.SharedTemplates()
    shared.keep_from(templates.load_kept(path))
    worker = Templates()
    monkeypatch.setattr(extraction, "TEMPLATES", worker)
    for host, tmpl in shared.for_hosts({"wire.example"}).items():
        worker.take(host, tmpl)
    assert shared.kept_used == {"wire.example"}
    before = {"wire.example": worker.state("wire.example")}
    first = extract(raw(100, "renamed"))  # the theme changed: the old container is gone
    assert first.method == "trafilatura" and all(p in first.text for p in article(100)[1])
    assert worker.counts["audit_failed"] == 1
    shared.update(worker.changes(before))
    templates.save_kept(shared, path)
    assert templates.load_kept(path) == {}  # (a crawl ended here would keep nothing of the host)
    before = {"wire.example": worker.state("wire.example")}
    later = [extract(raw(n, "renamed")).method for n in range(101, 101 + LEARN_PAGES + 1)]
    assert later[-1] == "template"
    shared.update(worker.changes(before))
    templates.save_kept(shared, path)
    assert "story-body" in templates.load_kept(path)["wire.example"].selector


def test_a_host_a_crawl_gave_up_on_keeps_no_template_and_a_kept_ones_failures_are_not_carried(
        fresh_templates: Templates, tmp_path) -> None:
    path = tmp_path / templates.KEPT_FILE
    trusted = _trusted_here(fresh_templates)
    trusted.failures = 2  # (it disagreed twice before it was learned as it is)
    templates.save_kept(_shared(wire_example=trusted), path)
    kept = templates.load_kept(path)["wire.example"]
    assert kept.failures == 0 and kept.trusted
    refused = copy.copy(trusted)
    refused.failures = MAX_FAILURES
    templates.save_kept(_shared(wire_example=refused), path)
    assert templates.load_kept(path) == {}


def test_kept_templates_are_the_newest_hosts_with_those_another_crawl_kept_meanwhile(
        fresh_templates: Templates, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / templates.KEPT_FILE
    monkeypatch.setattr(templates, "MAX_HOSTS", 3)
    learned = {host: _trusted_here(fresh_templates, host) for host in ("a.example", "b.example", "c.example",
                                                                      "d.example")}
    ours = _shared(a_example=learned["a.example"], b_example=learned["b.example"])
    templates.save_kept(_shared(c_example=learned["c.example"], d_example=learned["d.example"]), path)  # another crawl
    templates.save_kept(ours, path)
    assert list(templates.load_kept(path)) == ["d.example", "a.example", "b.example"]


def test_a_damaged_foreign_or_older_kept_templates_file_reads_as_none(
        fresh_templates: Templates, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / templates.KEPT_FILE
    templates.save_kept(_shared(wire_example=_trusted_here(fresh_templates)), path)
    assert list(templates.load_kept(path)) == ["wire.example"]
    monkeypatch.setattr(templates, "KEPT_FORMAT", templates.KEPT_FORMAT + 1)
    assert templates.load_kept(path) == {}
    path.write_bytes(b"not a kept file")
    assert templates.load_kept(path) == {}
    monkeypatch.setenv("SPLOG_CACHE_DIR", "off")
    assert templates.kept_path() is None and templates.load_kept() == {}
    assert not templates.save_kept(_shared(wire_example=_trusted_here(fresh_templates)))


def test_a_second_crawl_of_a_blog_reads_it_through_the_templates_the_first_kept(tmp_path, monkeypatch) -> None:
    """Two crawls of a themed sitemap-only blog with one cache folder: the second's workers verify the
    kept template on one page each instead of learning the host, and give the same records."""
    from bench.throughput import body_f1, truth_by_url
    from crawler.farm.runner import farm_process
    from tests.conftest import run_splog

    monkeypatch.setenv("SPLOG_CACHE_DIR", str(tmp_path / "cache"))
    runs = []
    with farm_process("--bench", "5:40", "--chrome", "full") as blogs:
        plain = [b for b in blogs if b["kind"] == "plain"]
        for n in range(2):
            runs.append(run_splog("crawl", "--allow-private-hosts", "--no-throttle", "--workers", "2", "-q",
                                  plain[0]["url"], out=tmp_path / f"out{n}.jsonl"))
        truth = truth_by_url(blogs, 5, 40)
    first, second = (run.manifest()["extraction"] for run in runs)
    assert first["templates_kept"] == 0 and second["templates_kept"] == 1
    assert first["by_method"]["trafilatura"] >= LEARN_PAGES
    # (one verification page a worker; now and then one page more, whose post box holds a kind of box
    # that the kept template's worker never met in the first crawl, as the other worker's pages did:
    # such an unfamiliar page is read by trafilatura, as it should be)
    assert second["by_method"]["trafilatura"] <= 4 and second["by_method"]["template"] >= 36, second
    texts = [{r["url"]: r["text"] for r in run.records()} for run in runs]
    assert texts[0].keys() == texts[1].keys() and len(texts[1]) == 40
    assert all(body_f1(texts[1][url], truth[url]) >= body_f1(texts[0][url], truth[url]) - 0.02 for url in texts[1])


def test_a_new_host_on_the_theme_of_a_kept_template_starts_from_it_in_a_fresh_pool(
        fresh_templates: Templates, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A farm's other blog, met by a later crawl: the pool's workers start knowing the selectors of
    the kept templates, and the new host's first page, which gives trafilatura's text through one of
    them, starts it two agreements along."""
    import asyncio

    from pipelines.workers import ExtractorPool

    monkeypatch.setenv("SPLOG_CACHE_DIR", str(tmp_path))
    trusted = _trusted_here(fresh_templates, "first.example")
    templates.save_kept(_shared(first_example=trusted))
    shared = templates.SharedTemplates()
    shared.keep_from(templates.load_kept())
    assert shared.themes() == (trusted.selector,)
    pool = ExtractorPool(ExtractOptions(), processes=1)

    async def one_by_one() -> list:
        return [await pool.extract(raw(n, host="second.example")) for n in range(5)]

    try:
        results = asyncio.run(one_by_one())
    finally:
        pool.close()
    assert [r.method for r in results] == ["trafilatura"] * 2 + ["template"] * 3
    assert pool.templates.hosts["second.example"].selector == trusted.selector
    # (without the kept template, a fresh pool learns the host from three pages)
    monkeypatch.setenv("SPLOG_CACHE_DIR", "off")
    pool = ExtractorPool(ExtractOptions(), processes=1)
    try:
        results = asyncio.run(one_by_one())
    finally:
        pool.close()
    assert [r.method for r in results] == ["trafilatura"] * TRUSTED_AFTER + ["template"] * (5 - TRUSTED_AFTER)


def test_a_template_another_worker_found_wrong_is_checked_again_on_the_next_page(
        fresh_templates: Templates, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker A's audit fails (the site changed its theme); worker B, which reads the host through the
    same template, is told with its next batch of the host and compares its next page with
    trafilatura's text, once, rather than at its own next audit (up to 320 pages away)."""
    first = fresh_templates  # worker A
    trusted = _trusted_here(first)
    selector = trusted.selector
    shared = templates.SharedTemplates()
    shared.update({"wire.example": copy.copy(trusted)})  # (what reaches the main process is a copy)
    second = Templates()  # worker B
    for host, tmpl in shared.for_hosts({"wire.example"}).items():
        second.take(host, tmpl)
    assert shared.revocations_for({"wire.example"}) == {}
    before = {"wire.example": first.state("wire.example")}
    assert extract(raw(100, "renamed")).method == "trafilatura" and first.counts["audit_failed"] == 1
    shared.update(first.changes(before))
    revoked = shared.revocations_for({"wire.example", "other.example"})
    assert revoked == {"wire.example": (1, selector)}
    from pipelines import workers

    monkeypatch.setattr(extraction, "TEMPLATES", second)
    monkeypatch.setattr(workers, "_OPTIONS", ExtractOptions())  # (a worker's: auto mode, whatever ran before)
    run_shared = workers.run_shared
    # (each batch of the host carries the revocation until a template of it is trusted again)
    methods = [run_shared([raw(n)], {}, revoked)[0][0].method for n in (101, 102)]
    assert methods == ["trafilatura", "template"]  # (B's page agrees with the template)
    assert second.counts["revoked"] == 1 and second.counts["audit_failed"] == 0
    # once a worker trusts a template of the host again, its batches carry no revocation
    monkeypatch.setattr(extraction, "TEMPLATES", first)
    before = {"wire.example": first.state("wire.example")}
    for n in range(103, 103 + LEARN_PAGES):
        extract(raw(n, "renamed"))
    shared.update(first.changes(before))
    assert shared.revocations_for({"wire.example"}) == {}
    assert "story-body" in shared.hosts["wire.example"].selector


def test_a_pool_whose_crawl_found_its_only_kept_template_wrong_leaves_it_out_of_the_file(
        fresh_templates: Templates, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from pipelines.workers import ExtractorPool

    monkeypatch.setenv("SPLOG_CACHE_DIR", str(tmp_path))
    templates.save_kept(_shared(wire_example=_trusted_here(fresh_templates)))
    pool = ExtractorPool(ExtractOptions(), processes=1)
    try:
        result = asyncio.run(pool.extract(raw(100, "renamed")))  # (the site's new theme: the check fails)
    finally:
        pool.close()
    assert result.method == "trafilatura" and all(p in result.text for p in article(100)[1])
    assert pool.templates.dropped == {"wire.example"} and not pool.templates.hosts
    assert templates.load_kept() == {}
