"""`scrapy crawl`, checking the blogs spider's arguments and the numeric and true/false `-s`
settings before the crawl is set up: a bad one is a one-line usage error (exit 2), as with
`splog crawl`, instead of a traceback from deep inside Scrapy's start-up. It is what scrapyd runs
as well, so a job scheduled with a bad seed fails the same way."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.params import SeedError, parse_params, unreadable_setting

# the blogs spider's own arguments (any other -a NAME=VALUE becomes a spider attribute, as in Scrapy)
SPIDER_ARGS = ("seeds", "seeds_file", "max_posts_per_blog", "max_pages_per_blog")


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args and args[0] == "blogs":
            try:
                parse_params(**{k: v for k, v in opts.spargs.items() if k in SPIDER_ARGS})
            except SeedError as exc:
                raise UsageError(f"-a: {exc}", print_help=False) from None
        assert self.settings is not None
        overrides = {name: value for name, value in self.settings.items()
                     if self.settings.getpriority(name) == SETTINGS_PRIORITIES["cmdline"]}  # the -s ones
        bad = unreadable_setting(overrides)
        if bad:
            raise UsageError(f"-s {bad}", print_help=False)
        super().run(args, opts)
