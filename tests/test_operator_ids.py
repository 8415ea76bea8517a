"""Operator ids: the ad, analytics, affiliate and account ids a blog's HTML and feeds carry, read by the
rules in pipelines/rules/ids.toml, listed on each record and, where blogs share one, in the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.discovery import parse_blogger_json, parse_json_feed, parse_wp_posts, parse_xml_feed
from crawler.farm.model import Operator
from pipelines.operator_ids import MAX_IDS, MAX_PER_KIND, find_ids, merge
from pipelines.rules import RuleError, check_rule_dirs, load_id_rules, load_rules
from tests.conftest import Handler, run_splog, serve

RULES = load_id_rules()

# (a fictional snippet of markup, the place it is read as, what must be found there)
FOUND = [
    ("<script async src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-4410228833016652'>"
     "</script><ins class='adsbygoogle' data-ad-client='ca-pub-4410228833016652' data-ad-slot='1234567890'></ins>",
     "home", [("adsense", "pub-4410228833016652")]),
    ("<input name='cx' value='partner-pub-9012345678901234:abcdefg'>", "page", [("adsense", "pub-9012345678901234")]),
    ("<script>ga('create', 'UA-3391042-7', 'auto');</script>", "home", [("google-analytics", "UA-3391042-7")]),
    ("<script async src='https://www.googletagmanager.com/gtag/js?id=G-7QK2M4ZP0N'></script>"
     "<script>gtag('config', 'G-7QK2M4ZP0N');</script>", "page", [("google-analytics", "G-7QK2M4ZP0N")]),
    ("_WidgetManager._Init({'analyticsAccountNumber': 'G-HB3K9S2LQ1'})", "home", [("google-analytics", "G-HB3K9S2LQ1")]),
    ("<noscript><iframe src='https://www.googletagmanager.com/ns.html?id=GTM-K7P2QX'></iframe></noscript>", "home",
     [("google-tag-manager", "GTM-K7P2QX")]),
    ("<script>gtag('config', 'AW-987654321');</script>", "home", [("google-ads", "AW-987654321")]),
    ("<script>fbq('init', '2718281828459045');</script><noscript><img src='https://www.facebook.com/tr?id="
     "2718281828459045&ev=PageView'></noscript>", "home", [("facebook-pixel", "2718281828459045")]),
    ("<script>ym(93817264, 'init', {clickmap:true});</script><noscript><img src='https://mc.yandex.ru/watch/93817264'>"
     "</noscript>", "home", [("yandex-metrica", "93817264")]),
    ("<script>var sc_project=12873645; var sc_invisible=1;</script>", "home", [("statcounter", "12873645")]),
    ("<script>_Hasync.push(['Histats.start', '1,4718293,4,0,0,0,00010000']);</script>", "home",
     [("histats", "4718293")]),
    ("<script>var clicky_site_ids = []; clicky_site_ids.push(101398427);</script>", "home", [("clicky", "101398427")]),
    ('<script type="text/javascript">(function(c,l,a,r,i,t,y){c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};'
     't=l.createElement(r);t.async=1;t.src="https://www.clarity.ms/tag/"+i;y=l.getElementsByTagName(r)[0];'
     'y.parentNode.insertBefore(t,y);})(window, document, "clarity", "script", "k3v9x2m7qa");</script>', "home",
     [("microsoft-clarity", "k3v9x2m7qa")]),
    ("<script>(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};"
     "h._hjSettings={hjid:3847261,hjsv:6};})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>",
     "page", [("hotjar", "3847261")]),
    ("<p>Our pick: <a href='https://www.amazon.co.uk/dp/B09XYZ1234?tag=kettlepicks-21&amp;th=1'>the kettle</a></p>",
     "body", [("amazon-associates", "kettlepicks-21")]),
    ("<script src='https://contextual.media.net/dmedianet.js?cid=8CU4R7TQ2' async></script>", "page",
     [("media-net", "8CU4R7TQ2")]),
    ("<script>window._taboola = window._taboola || [];</script><script src='//cdn.taboola.com/libtrc/harbourdaily-net/"
     "loader.js'></script>", "home", [("taboola", "harbourdaily-net")]),
    ("<script>var _pop = _pop || []; _pop.push(['siteId', 4827311]); _pop.push(['minBid', 0]);</script>"
     "<script src='//c1.popads.net/pop.js' async></script>", "home", [("popads", "4827311")]),
    ("<script>atOptions = {\n  'key' : '3f2a9c0d4b7e8f1a2c3d4e5f6a7b8c9d',\n  'format' : 'iframe',\n  'height' : 90};"
     "</script>", "page", [("adsterra", "3f2a9c0d4b7e8f1a2c3d4e5f6a7b8c9d")]),
    ("<link rel='service.post' href='https://www.blogger.com/feeds/8812736450918273645/posts/default'/>", "home",
     [("blogger-blog", "8812736450918273645")]),
    ("<a class='g-profile' href='https://www.blogger.com/profile/09182736450918273645' rel='author'>Ann</a>", "home",
     [("blogger-profile", "09182736450918273645")]),
    ("http://www.blogger.com/profile/09182736450918273645", "author", [("blogger-profile", "09182736450918273645")]),
    ("<script>_stq.push([ 'view', {v:'ext',blog:'204817362',post:'88',tz:'0'} ]);</script>", "page",
     [("jetpack-blog", "204817362")]),
    ("https://secure.gravatar.com/avatar/5d41402abc4b2a76b9719d911017c592?s=96&d=mm", "author",
     [("gravatar", "5d41402abc4b2a76b9719d911017c592")]),
]

# what must not be read as an id
NOT_FOUND = [
    ("<p>The G-7 summit and the G-SHOCK watch; an ID like UA-12-3; a pub-123 code.</p>", "page"),
    ("<p>pub-12345678901234567 has seventeen digits.</p>", "page"),
    # WordPress.com's own analytics account, on every blog it hosts ([platform_ids])
    ("<script>window.google_analytics_uacct = 'UA-52447-2'; _gaq.push(['_setAccount', 'UA-52447-2']);</script>", "home"),
    # Blogger's own AdSense host id, on every Blogger blog, ties no two blogs to one operator
    ("<ins class='adsbygoogle' data-ad-host='ca-host-pub-1556223355139109'></ins><script>_WidgetManager._Init("
     "{'adsenseHostId': 'ca-host-pub-1556223355139109'})</script>", "home"),
    ("<a href='https://example.com/shop?tag=summer-20'>a shop that is not Amazon</a>", "body"),
    # a template's ids are not read in a post's body (a copied article may embed its original's)
    ("<script>gtag('config', 'G-7QK2M4ZP0N');</script>", "body"),
    # a post page's Blogger profiles are its commenters'; a gravatar outside the feed's author entry is a commenter's
    ("<a href='https://www.blogger.com/profile/09182736450918273645' rel='nofollow'>commenter</a>", "page"),
    ("<img src='https://secure.gravatar.com/avatar/5d41402abc4b2a76b9719d911017c592'>", "page"),
]


@pytest.mark.parametrize("html, where, expected", FOUND, ids=[e[0][0] + e[1] for e in FOUND])
def test_each_kind_is_read_where_its_rule_reads(html: str, where: str, expected: list) -> None:
    assert find_ids(html, where, RULES) == expected


@pytest.mark.parametrize("html, where", NOT_FOUND)
def test_what_only_looks_like_an_id_is_not_read(html: str, where: str) -> None:
    assert find_ids(html, where, RULES) == []


def test_the_record_lists_each_id_once_with_every_place_found() -> None:
    ids = merge(("home", [("adsense", "pub-1"), ("google-analytics", "G-1")]), ("page", [("google-analytics", "G-1")]),
                ("body", [("amazon-associates", "a-20"), ("adsense", "pub-1")]), ("author", []))
    assert ids == [{"kind": "adsense", "id": "pub-1", "where": ["home", "body"]},
                   {"kind": "google-analytics", "id": "G-1", "where": ["home", "page"]},
                   {"kind": "amazon-associates", "id": "a-20", "where": ["body"]}]
    # a body of links to forty shops' tags: the first eight of them, after the template's id
    shops = merge(("body", [("amazon-associates", f"shop{i}-20") for i in range(40)]), ("home", [("adsense", "pub-1")]))
    assert shops[0] == {"kind": "adsense", "id": "pub-1", "where": ["home"]}
    assert [o["id"] for o in shops[1:]] == [f"shop{i}-20" for i in range(MAX_PER_KIND)]
    many = merge(("home", [(f"kind-{k}", str(i)) for k in range(5) for i in range(MAX_PER_KIND)]))
    assert len(many) == MAX_IDS and many[-1] == {"kind": f"kind-{MAX_IDS // MAX_PER_KIND - 1}",
                                                 "id": str(MAX_PER_KIND - 1), "where": ["home"]}


def test_a_user_rule_file_adds_a_kind(tmp_path: Path) -> None:
    (tmp_path / "ads.toml").write_text(
        '[[id]]\nkind = "popads-site"\nneedles = ["popads.net"]\npattern = \'popads\\.net/pop\\.js\\?id=(\\d+)\'\n'
        'scan = ["home", "page"]\n', encoding="utf-8")
    html = "<script src='//c1.popads.net/pop.js?id=4471'></script>"
    assert ("popads-site", "4471") in find_ids(html, "home", load_rules((str(tmp_path),)).operator_ids)
    assert ("popads-site", "4471") in find_ids(html, "home", load_id_rules((str(tmp_path),)))
    assert find_ids(html, "home", load_rules().operator_ids) == []
    # and names a network's own id, on every site it serves, as no operator's
    (tmp_path / "platform.toml").write_text('[platform_ids]\nids = ["4471"]\n', encoding="utf-8")
    both = (str(tmp_path), str(tmp_path / "empty"))  # (load_rules is cached by its folders)
    (tmp_path / "empty").mkdir()
    assert find_ids(html, "home", load_rules(both).operator_ids) == []
    assert find_ids(html, "home", load_id_rules(both)) == []


@pytest.mark.parametrize("rule, message", [
    ('[[id]]\nneedles = ["x"]\npattern = "x"\n', "needs kind"),
    ('[[id]]\nkind = "Ad Sense"\nneedles = ["x"]\npattern = "x"\n', "needs kind"),
    ('[[id]]\nkind = "x"\nneedles = ["x"]\npattern = "(x"\n', "bad pattern"),
    ('[[id]]\nkind = "x"\npattern = "x"\n', "needles"),
    ('[[id]]\nkind = "x"\nneedles = ["x"]\npattern = "x"\nscan = ["sidebar"]\n', "scan"),
    ('id = "x"\n', "[[id]] tables"),
    ('[platform_ids]\nids = "UA-1-1"\n', "platform_ids"),
])
def test_a_bad_rule_is_a_one_line_error(tmp_path: Path, rule: str, message: str) -> None:
    (tmp_path / "bad.toml").write_text(rule, encoding="utf-8")
    with pytest.raises(RuleError, match=message.replace("[", r"\[").replace("]", r"\]")) as err:
        check_rule_dirs((str(tmp_path),))
    assert "\n" not in str(err.value) and "bad.toml" in str(err.value)


def test_a_bad_rule_stops_a_crawl_before_it_starts(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "ids.toml").write_text('[[id]]\nkind = "x"\nneedles = ["x"]\npattern = "(x"\n')
    run = run_splog("crawl", "http://127.0.0.1:9/", "--allow-private-hosts", "--rules-dir", str(tmp_path / "rules"),
                    out=tmp_path / "out.jsonl")
    assert run.code == 2 and "bad pattern" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_feeds_give_their_authors_addresses() -> None:
    blogger = json.dumps({"feed": {"entry": [{
        "link": [{"rel": "alternate", "href": "https://x.blogspot.com/2026/01/a.html"}], "content": {"$t": "<p>a</p>"},
        "author": [{"name": {"$t": "Ann"}, "uri": {"$t": "http://www.blogger.com/profile/01928374650192837465"}}]}]}})
    assert parse_blogger_json(blogger).entries[0].author_links == "http://www.blogger.com/profile/01928374650192837465"
    atom = (b"<feed xmlns='http://www.w3.org/2005/Atom'><author><name>Desk</name><uri>https://desk.example/</uri></author>"
            b"<entry><link rel='alternate' href='https://x.example/a'/><author><name>Bo</name>"
            b"<uri>https://www.blogger.com/profile/11112222333344445555</uri></author><content type='html'>x</content>"
            b"</entry><entry><link rel='alternate' href='https://x.example/b'/><content type='html'>y</content></entry>"
            b"</feed>")
    entries = parse_xml_feed(atom, "https://x.example/feed").entries
    assert [e.author_links for e in entries] == ["https://www.blogger.com/profile/11112222333344445555",
                                                 "https://desk.example/"]
    wp = json.dumps([{"link": "https://w.example/a/", "content": {"rendered": "<p>a</p>"}, "_embedded": {"author": [
        {"name": "Cy", "avatar_urls": {"24": "https://secure.gravatar.com/avatar/0cc175b9c0f1b6a831c399e269772661?s=24"}}]}}])
    assert parse_wp_posts(wp)[0].author_links == "https://secure.gravatar.com/avatar/0cc175b9c0f1b6a831c399e269772661?s=24"
    feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
        {"url": "https://j.example/a", "content_html": "<p>a</p>",
         "authors": [{"name": "Di", "url": "https://j.example/di", "avatar": "https://j.example/di.png"}]}]})
    assert parse_json_feed(feed, "https://j.example/").entries[0].author_links == "https://j.example/di https://j.example/di.png"


def _by_blog(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in records:
        out.setdefault(r["blog"]["url"], []).append(r)
    return out


def test_a_crawl_lists_each_blogs_operator_ids_and_the_manifest_those_blogs_share(farm, farm_crawl) -> None:
    """The demo farm: three blogs of one operator (Blogger, WordPress, a plain site) and a Blogger blog of another."""
    first, second = Operator(1), Operator(2)
    kinds = {b["url"]: b["kind"] for b in farm}
    blogs = _by_blog(farm_crawl.records())
    blogger = [url for url in blogs if kinds.get(url) == "blogger"]
    assert len(blogger) == 2
    for url, records in blogs.items():
        kind = kinds[url]
        if kind == "trouble":
            continue
        op = second if records[0]["blog"]["ui_language"] == "id" else first
        for r in records:
            ids = {(o["kind"], o["id"]): o["where"] for o in r["operator_ids"]}
            assert ids[("adsense", op.adsense)] == ["home"], (kind, r["url"])
            assert ids[("google-analytics", op.analytics)] == ["home"]
            if kind == "blogger":  # the profile on the home page's bylines and in the feed's author entry
                assert ids[("blogger-profile", op.blogger_profile)] == ["home", "author"]
            if kind == "wordpress":  # the REST API's embedded author
                assert ids[("gravatar", op.gravatar)] == ["author"]
            # (a page by page crawl reads the home page's template, not each page: no "page")
            assert all("page" not in where for where in ids.values())
        tagged = [r for r in records if any(o["kind"] == "amazon-associates" for o in r["operator_ids"])]
        if kind == "wordpress":  # every fourth post's product box: cut from the text, its tag kept
            assert tagged and all({"kind": "amazon-associates", "id": op.amazon_tag, "where": ["body"]}
                                  in r["operator_ids"] for r in tagged)
            assert all("Amazon" not in r["text"] for r in tagged)
            assert all({"rule": "affiliate.product-box", "text": "Check the price on Amazon"} in r["removed"]
                       for r in tagged)
        else:
            assert not tagged
    shared = farm_crawl.manifest()["operator_ids"]["shared"]
    first_blogs = sorted(url for url, records in blogs.items()
                         if kinds[url] != "trouble" and records[0]["blog"]["ui_language"] != "id")
    assert {"kind": "adsense", "id": first.adsense, "blog_count": 3, "blogs": first_blogs} in shared
    assert not any(s["id"] == second.adsense for s in shared)


def test_a_post_given_as_the_seed_has_its_own_pages_ids(tmp_path: Path) -> None:
    page = ("<html><head><title>Tide tables move online</title>"
            "<script async src='https://www.googletagmanager.com/gtag/js?id=G-TIDE2026AB'></script>"
            "<script async src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client="
            "ca-pub-5550001112223334'></script></head><body><article><h1>Tide tables move online</h1>"
            + "".join(f"<p>The harbour office put its tide tables online this week, paragraph {i}, so that boat "
                      "owners no longer queue at the counter each spring for the printed booklet.</p>" for i in range(5))
            + "<p><a href='https://www.amazon.com/dp/B0TIDEBOOK?tag=harbourshop-20'>The printed booklet</a></p>"
            "</article><div class='comments'><a href='https://www.blogger.com/profile/12312312312312312312'>a reader</a>"
            "</div></body></html>")

    class Site(Handler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/2026/04/tide-tables.html":
                self.send(200, "text/html; charset=utf-8", page)
            else:
                self.send(404, "text/plain", "no")

    saved = tmp_path / "tide.html"  # (a saved page is read whole too)
    saved.write_text(page, encoding="utf-8")
    offline = run_splog("extract", str(saved), "--url", "https://tides.example/2026/04/tide-tables.html",
                        out=tmp_path / "saved.jsonl")
    assert offline.code == 0, offline.stderr[-2000:]
    assert [o["where"] for o in offline.records()[0]["operator_ids"]] == [["page"]] * 3

    with serve(Site) as base:
        run = run_splog("crawl", base + "/2026/04/tide-tables.html", "--allow-private-hosts", "--no-throttle",
                        out=tmp_path / "out.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    [record] = run.records()
    ids = {(o["kind"], o["id"]): o["where"] for o in record["operator_ids"]}
    assert ids == {("google-analytics", "G-TIDE2026AB"): ["page"], ("adsense", "pub-5550001112223334"): ["page"],
                   ("amazon-associates", "harbourshop-20"): ["page"]}
