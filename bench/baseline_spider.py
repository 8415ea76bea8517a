"""The forty-line baseline a user writes instead of splog: SitemapSpider + trafilatura + JSON lines.

    scrapy runspider bench/baseline_spider.py -a sitemaps=URL,URL -o out.jsonl

With `-a extract=0` it fetches the same pages and yields only their URLs: the ceiling of any
Scrapy crawl that fetches one page per post on this machine (the benchmark prints it).
"""

from __future__ import annotations

import trafilatura
from scrapy.spiders import SitemapSpider


class BaselineSpider(SitemapSpider):
    name = "baseline"
    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "AUTOTHROTTLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "FEED_EXPORT_ENCODING": "utf-8",
    }

    def __init__(self, sitemaps: str = "", extract: str = "1", **kwargs):
        super().__init__(**kwargs)
        self.sitemap_urls = [u for u in sitemaps.split(",") if u]
        self.extract = extract != "0"

    def parse(self, response):
        if not self.extract:
            yield {"url": response.url, "title": None, "text": ""}
            return
        text = trafilatura.extract(response.text, url=response.url, include_comments=False)
        if text:
            title = response.css("title::text").get()
            yield {"url": response.url, "title": title, "text": text}
