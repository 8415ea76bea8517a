"""The spider middleware that turns a failing callback into a reject, on real Scrapy requests and
responses."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler

from crawler.middlewares import CallbackErrorsAsRejects
from schemas.raw import BlogInfo

BLOG = BlogInfo(url="https://wexcombe-notes.example/", host="wexcombe-notes.example")


def _response(url: str, meta: dict) -> HtmlResponse:
    request = Request(url, meta=meta, cb_kwargs={"blog": BLOG})
    return HtmlResponse(url, body=b"<html><body><p>Pier news</p></body></html>", request=request)


def test_a_failing_post_callback_becomes_an_internal_error_reject() -> None:
    crawler = get_crawler()
    mw = CallbackErrorsAsRejects.from_crawler(crawler)
    moved = "https://wexcombe-notes.example/2026/03/pier.html"
    response = _response(moved, {"kind": "page", "redirect_urls": ["https://wexcombe-notes.example/?p=12"]})
    [reject] = mw.process_spider_exception(response, ValueError("no such element"))
    assert reject.url == "https://wexcombe-notes.example/?p=12"  # the URL the post was listed under
    assert reject.error == "internal_error" and "ValueError: no such element" in reject.error_detail
    assert reject.blog == BLOG and reject.status == 200
    assert crawler.stats.get_value("splog/discovery/callback_errors/page") == 1


def test_a_failing_discovery_callback_is_accounted_and_errors_scrapy_handles_are_left_alone() -> None:
    crawler = get_crawler()
    mw = CallbackErrorsAsRejects.from_crawler(crawler)
    response = _response("https://wexcombe-notes.example/sitemap.xml", {"kind": "sitemap"})
    [reject] = mw.process_spider_exception(response, KeyError("loc"))
    assert reject.url == "https://wexcombe-notes.example/sitemap.xml" and reject.error == "internal_error"
    assert mw.process_spider_exception(response, HttpError(response, "HTTP 404")) is None


def test_installed_nearest_the_spider() -> None:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    assert settings.getdict("SPIDER_MIDDLEWARES")["crawler.middlewares.CallbackErrorsAsRejects"] == 1000
