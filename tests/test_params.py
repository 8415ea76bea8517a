"""Seeds as a user writes them: files saved on any system, comments, one blog written several ways."""

from __future__ import annotations

import pytest

from crawler.params import SeedError, parse_params


def test_seeds_file_with_bom_crlf_and_comments(tmp_path) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_bytes("\ufeff# splogs found on Monday\r\n"
                      "https://harbour-news-daily.blogspot.com/   # reposts the Gazette\r\n"
                      "\r\n"
                      "   # (checked by hand)\r\n"
                      "  wexcombe-notes.example/2026/03/pier.html  \r\n".encode("utf-8"))
    assert parse_params(seeds_file=str(seeds)).seeds == ["https://harbour-news-daily.blogspot.com/",
                                                         "http://wexcombe-notes.example/2026/03/pier.html"]


def test_a_hash_inside_a_url_is_not_a_comment(tmp_path) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("https://wexcombe-notes.example/2026/03/pier.html#comments\n", encoding="utf-8")
    assert parse_params(seeds_file=str(seeds)).seeds == ["https://wexcombe-notes.example/2026/03/pier.html#comments"]


def test_one_blog_written_several_ways_is_one_seed(tmp_path) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("HTTPS://Harbour-News-Daily.Blogspot.com\nhttps://harbour-news-daily.blogspot.com/\n",
                     encoding="utf-8")
    params = parse_params(seeds=["https://harbour-news-daily.blogspot.COM/"], seeds_file=str(seeds))
    assert params.seeds == ["https://harbour-news-daily.blogspot.com/"]
    # the path keeps its case: on most servers /Pier.html and /pier.html are two pages
    assert parse_params(seeds=["https://x.example/Pier.html", "https://x.example/pier.html"]).seeds == [
        "https://x.example/Pier.html", "https://x.example/pier.html"]


def test_a_blog_under_an_internationalized_name_is_one_seed_in_the_form_requests_use() -> None:
    """Scrapy sends a request for "bücher.example" to "xn--bcher-kva.example": the seed is written so,
    and a page's links under either form are the same site's."""
    from pipelines.rules import url_host

    params = parse_params(seeds=["https://Bücher.Example/", "https://xn--bcher-kva.example/",
                                 "http://bücher.example:8080/blog"])
    assert params.seeds == ["https://xn--bcher-kva.example/", "http://xn--bcher-kva.example:8080/blog"]
    assert url_host("https://bücher.example/2026/03/a.html") == url_host("https://xn--bcher-kva.example/") \
        == "xn--bcher-kva.example"
    with pytest.raises(SeedError, match="cannot be encoded"):
        parse_params(seeds=["https://a..bé/"])


@pytest.mark.parametrize(("content", "needle"), [
    ("# nothing but a comment\n\n".encode(), "no seeds"),
    ("https://café.example/\n".encode("latin-1"), "not UTF-8"),
])
def test_bad_seeds_files_are_one_line_errors(tmp_path, content, needle) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_bytes(content)
    with pytest.raises(SeedError, match=needle):
        parse_params(seeds_file=str(seeds))


def test_a_bare_host_needs_a_domain_but_a_url_with_a_scheme_is_taken_as_given() -> None:
    assert parse_params(seeds=["harbournews.example"]).seeds == ["http://harbournews.example/"]
    assert parse_params(seeds=["http://intranet/"]).seeds == ["http://intranet/"]
    assert parse_params(seeds=["localhost:8080"]).seeds == ["http://localhost:8080/"]
    with pytest.raises(SeedError, match="no domain"):
        parse_params(seeds=["harbournews"])
