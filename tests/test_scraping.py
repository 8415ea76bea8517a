"""Item workers started as a response's output needs them (crawler/scraping.py)."""

from __future__ import annotations

import asyncio

import pytest

from crawler import scraping
from crawler.scraping import fits, install, parallel_as_needed
from tests.conftest import fresh_python


def _run(items, count: int, delay: float = 0.0, fail: set | None = None,
         function=parallel_as_needed) -> dict:
    """Run function over items; what happened: order started, most in flight, most tasks."""
    seen = {"started": [], "done": [], "in_flight": 0, "most": 0, "tasks": 0}

    async def call(item, tag) -> None:
        assert tag == "response"
        seen["started"].append(item)
        seen["in_flight"] += 1
        seen["most"] = max(seen["most"], seen["in_flight"])
        seen["tasks"] = max(seen["tasks"], len(asyncio.all_tasks()) - 1)  # less the test's own task
        try:
            await asyncio.sleep(delay)
            if fail and item in fail:
                raise ValueError(f"item {item}")
            seen["done"].append(item)
        finally:
            seen["in_flight"] -= 1

    async def main() -> None:
        async with asyncio.timeout(10):  # (no task of its own, unlike wait_for)
            await function(items, count, call, "response")

    asyncio.run(main())
    return seen


def test_one_item_gets_one_worker() -> None:
    from scrapy.utils.asyncio import _parallel_asyncio

    seen = _run([7], 16, delay=0.01)
    assert seen["done"] == [7]
    assert seen["tasks"] == 1
    # Scrapy's own: 16 workers (its filler is done by then)
    assert _run([7], 16, delay=0.01, function=_parallel_asyncio)["tasks"] == 16


def test_many_items_all_handled_in_order_at_most_count_at_once() -> None:
    seen = _run(list(range(100)), 16, delay=0.001)
    assert seen["started"] == list(range(100))
    assert sorted(seen["done"]) == list(range(100))
    assert seen["most"] == 16


def test_async_output_and_empty_output() -> None:
    async def gen():
        for n in range(5):
            await asyncio.sleep(0)
            yield n

    assert sorted(_run(gen(), 3, delay=0.001)["done"]) == list(range(5))
    assert _run([], 16)["done"] == []


def test_a_failing_call_does_not_stop_the_rest(caplog) -> None:
    # one worker (count 1): had it ended with the error, items 3.. would wait for ever
    seen = _run(list(range(10)), 1, fail={2})
    assert seen["done"] == [n for n in range(10) if n != 2]
    assert "an item of a response failed" in caplog.text


def test_installed_only_over_the_function_it_was_written_for(monkeypatch) -> None:
    import scrapy.core.scraper as scraper
    from scrapy.utils import asyncio as scrapy_asyncio

    assert fits(scrapy_asyncio._parallel_asyncio)  # this Scrapy's own, where it is defined
    monkeypatch.setattr(scraper, "_parallel_asyncio", scrapy_asyncio._parallel_asyncio)
    assert install() and scraper._parallel_asyncio is parallel_as_needed

    async def other(iterable, count, callable_, *args, spider=None, **kwargs) -> None:
        pass

    monkeypatch.setattr(scraper, "_parallel_asyncio", other)
    assert not fits(other)
    assert not install() and scraper._parallel_asyncio is other


def test_the_crawl_settings_enable_it() -> None:
    from scrapy.utils.misc import load_object

    from crawler import settings

    assert [load_object(path) for path, order in settings.EXTENSIONS.items() if order is not None] \
        == [scraping.ItemWorkersAsNeeded]


@pytest.mark.parametrize("count", [1, 4])
def test_fewer_items_than_count(count: int) -> None:
    seen = _run(list(range(3)), count, delay=0.005)
    assert sorted(seen["done"]) == [0, 1, 2]
    assert seen["most"] == min(3, count)


def test_no_spider_callback_is_a_generator_that_returns_a_value() -> None:
    # (the check Scrapy makes on every crawl's callbacks, switched off by WARN_ON_GENERATOR_RETURN_VALUE)
    import inspect

    from scrapy.utils.misc import is_generator_with_return_value

    from crawler import settings
    from crawler.spiders.blogs import BlogsSpider

    assert settings.WARN_ON_GENERATOR_RETURN_VALUE is False
    # (the callbacks: the public ones; a helper such as _entries returns its value to a `yield from`)
    generators = [member for name, member in inspect.getmembers(BlogsSpider, inspect.isgeneratorfunction)
                  if not name.startswith("_")]
    assert len(generators) >= 5  # parse_seed, parse_sitemap, parse_rss, ...
    assert [g.__name__ for g in generators if is_generator_with_return_value(g)] == []


def test_scrapys_tls_aliases_are_made_without_reading_source_and_keep_their_module() -> None:
    # (crawler/runner.py _import_tls_factories, in a fresh interpreter: the modules are imported once)
    script = ("import inspect, json, linecache\n"
              "read = []\n"
              "getlines = linecache.getlines\n"
              "linecache.getlines = lambda *a, **k: read.append(a[0]) or getlines(*a, **k)\n"
              "from crawler.runner import _import_tls_factories\n"
              "_import_tls_factories()\n"
              "from scrapy.core.downloader import contextfactory, tls\n"
              "from scrapy.utils import deprecate\n"
              "print(json.dumps([contextfactory.ScrapyClientContextFactory.__module__,\n"
              "                  contextfactory.AcceptableProtocolsContextFactory.__module__,\n"
              "                  tls.ScrapyClientTLSOptions.__module__, deprecate.inspect is inspect, read]))\n")
    factory, protocols, options, restored, read = fresh_python(script)
    assert factory == protocols == "scrapy.core.downloader.contextfactory"
    assert options == "scrapy.core.downloader.tls"
    assert restored and read == []  # no frame's source read


def test_the_cookies_public_suffix_test_is_offline_and_loaded_when_first_needed(tmp_path) -> None:
    """crawler/suffixes.py: Scrapy's cookies middleware, imported through offline_suffixes, has not
    imported tldextract (nor requests) yet; its first answer reads the list tldextract ships with,
    with the private domains Scrapy asks for (blogspot.com is a suffix), and writes nothing under the
    user's cache folder."""
    script = (
        "import json, sys\n"
        "from crawler.suffixes import offline_suffixes\n"
        "offline_suffixes()\n"
        "before = [m in sys.modules for m in ('tldextract', 'requests')]\n"
        "from scrapy.downloadermiddlewares.cookies import _is_public_domain\n"
        "answers = [_is_public_domain(d) for d in ('co.uk', 'example.co.uk', 'blogspot.com', 'news.blogspot.com',\n"
        "                                          'com', 'localhost')]\n"
        "offline_suffixes()  # (a second call keeps the stand-in it made)\n"
        "print(json.dumps([before, answers, 'tldextract' in sys.modules]))\n")
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    before, answers, loaded = fresh_python(script, env=env)
    assert before == [False, False]
    assert answers == [True, False, True, False, True, False]
    assert loaded
    assert list(tmp_path.iterdir()) == []
