"""Outlinks: a post's links to other sites, as a reader of its text meets them (what a link network's
splogs are paid to point at), from a feed's bodies and from pages."""

from __future__ import annotations

from pathlib import Path

from pipelines.export import RunWriter
from tests.conftest import Handler, run_splog, serve

_PARA = ("<p>The county's new cycle lanes opened on Monday after two years of work, and early counts show "
         "more riders on the coast road than the council had expected for the whole of the first month.</p>")


def _body(base: str) -> str:
    return (_PARA
            + "<p>Riders who want a new bike can compare <a href='https://cheap-bikes.example/deals?ref=42'>the "
            "cheapest e-bikes this spring</a> before the summer rush, the shop owners said.</p>"
            + "<p>The full route map is <a href='https://maps.example/coast-route'>here</a>, and an older "
            f"<a href='{base}/2026/01/lanes-plan/'>post on the plan</a> explains the stages.</p>"
            + _PARA.replace("Monday", "Tuesday")
            # share buttons whose words the text holds ("Share this on Twitter" stays a line of it)
            + "<p>Share this on <a href='https://twitter.com/intent/tweet?url=x'>Twitter</a> or "
            "<a href='https://www.facebook.com/sharer/sharer.php?u=x'>Facebook</a>.</p>"
            + "<p>The post <a href='https://coastnews.example/2026/05/lanes'>Cycle lanes open</a> appeared first "
            "on <a href='https://coastnews.example/'>Coast News</a>.</p>")


def _site() -> type[Handler]:
    class Site(Handler):
        def do_GET(self) -> None:  # noqa: N802
            base = f"http://{self.headers['Host']}"
            if self.path == "/":
                self.send(200, "text/html; charset=utf-8",
                          "<html><head><title>Lane Watch</title><link rel='alternate' type='application/rss+xml' "
                          f"href='{base}/feed.xml'></head><body><a href='/2026/05/lanes/'>Lanes</a></body></html>")
            elif self.path == "/feed.xml":
                item = (f"<item><title>Cycle lanes open</title><link>{base}/2026/05/lanes/</link>"
                        f"<pubDate>Mon, 04 May 2026 08:00:00 GMT</pubDate><content:encoded><![CDATA[{_body(base)}]]>"
                        "</content:encoded></item>")
                self.send(200, "application/rss+xml",
                          "<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/"
                          f"content/'><channel><title>Lane Watch</title><link>{base}/</link>{item}</channel></rss>")
            elif self.path == "/sitemap.xml":
                self.send(200, "application/xml", "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                          f"<url><loc>{base}/2026/05/lanes/</loc></url><url><loc>{base}/2026/05/bridge/</loc></url>"
                          "</urlset>")
            elif self.path == "/2026/05/bridge/":  # a page only the sitemap lists: read whole, its sidebar too
                body = _body(base).replace("cycle lanes", "bridge lanes").replace("Cycle lanes", "Bridge lanes")
                self.send(200, "text/html; charset=utf-8",
                          "<html><head><title>Bridge lanes open</title></head><body><div id='wrap'><main><h1>Bridge "
                          f"lanes open</h1>{body}</main><aside><h3>Friends</h3><ul><li><a href='https://casino-"
                          "partner.example/'>Best casino bonuses 2026</a></li><li><a href='https://pills.example/'>"
                          "Cheap pills</a></li></ul></aside></div></body></html>")
            else:
                self.send(404, "text/plain", "not here")

    return Site


def test_outlinks_are_the_bodys_links_to_other_sites_that_the_text_keeps(tmp_path: Path) -> None:
    with serve(_site()) as base, serve(_site()) as other:  # (two blogs of one link network)
        run = run_splog("crawl", base + "/", other + "/", "--allow-private-hosts", "--no-throttle",
                        out=tmp_path / "out.jsonl")
    assert run.code == 0, run.stderr[-2000:]
    assert len(run.records()) == 4
    # the manifest: the hosts both blogs link to, with how many records do
    summary = run.manifest()["outlinks"]
    assert (summary["links"], summary["hosts"], summary["truncated"]) == (8, 2, False)
    assert summary["shared_hosts"] == [
        {"host": host, "blog_count": 2, "records": 4, "blogs": sorted([base + "/", other + "/"])}
        for host in ("cheap-bikes.example", "maps.example")]
    # (a resumed job counts them from the lines written before)
    resumed = RunWriter(run.out, run.out.with_name("out.rejects.jsonl"), tmp_path / "again.manifest.json", "again", {},
                        append=True)
    assert resumed.close("finished")["outlinks"] == summary
    records = {r["url"].removeprefix(base): r for r in run.records() if r["url"].startswith(base)}
    assert records["/2026/05/lanes/"]["crawl"]["via"] == "rss" and records["/2026/05/bridge/"]["crawl"]["via"] == "page"
    for path, record in records.items():
        # the body's links to other sites in the words the text keeps; not the blog's own link, not the
        # residue line's (cut from the text: its original's address is source.url), not the sidebar's
        assert record["outlinks"] == [
            {"url": "https://cheap-bikes.example/deals?ref=42", "text": "the cheapest e-bikes this spring"},
            {"url": "https://maps.example/coast-route", "text": "here"}], path
        assert record["source"]["url"] == "https://coastnews.example/2026/05/lanes"


def test_a_link_to_the_sites_own_subdomain_is_no_outlink_but_one_to_another_blog_of_its_platform_is() -> None:
    from pipelines.extraction import own_host

    assert own_host("forum.harbour.example", "harbour.example") and own_host("harbour.example", "news.harbour.example")
    assert own_host("", "harbour.example")
    assert not own_host("other-blog.blogspot.com", "my-blog.blogspot.com")
    assert not own_host("harbour.example.net", "harbour.example") and not own_host("myharbour.example", "harbour.example")


def test_share_links_are_data_and_a_bad_list_is_a_one_line_error(tmp_path: Path) -> None:
    import pytest

    from pipelines.draft import outlinks_of
    from pipelines.rules import RuleError, check_rule_dirs, load_rules

    (tmp_path / "share.toml").write_text('[share_links]\nprefixes = ["Www.Sharethis-Example.com/share/"]\n')
    rules = load_rules((str(tmp_path),))
    anchors = [("https://sharethis-example.com/share/?u=1", "Share it", ""), ("https://maps.example/x", "the map", "")]
    text = "Share it. See the map."
    assert outlinks_of(anchors, text, "https://blog.example/p/", rules.share_links) == [
        {"url": "https://maps.example/x", "text": "the map"}]
    (tmp_path / "share.toml").write_text('[share_links]\nprefixes = "twitter.com/share"\n')
    with pytest.raises(RuleError, match="share_links") as err:
        check_rule_dirs((str(tmp_path),))
    assert "\n" not in str(err.value)
