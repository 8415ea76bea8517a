"""The forty-line baseline a user writes instead of splog: SitemapSpider + trafilatura + JSON lines.

    scrapy runspider bench/baseline_spider.py -a sitemaps=URL,URL -o out.jsonl
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

    def __init__(self, sitemaps: str = "", **kwargs):
        super().__init__(**kwargs)
        self.sitemap_urls = [u for u in sitemaps.split(",") if u]

    def parse(self, response):
        text = trafilatura.extract(response.text, url=response.url, include_comments=False)
        if text:
            title = response.css("title::text").get()
            yield {"url": response.url, "title": title, "text": text}
