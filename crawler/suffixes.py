"""The public-suffix test of Scrapy's cookies middleware, offline and loaded when first needed.

Scrapy's CookiesMiddleware drops a cookie set for a public suffix ("Domain=co.uk") after asking
tldextract. Left as it is, tldextract's first answer fetches the suffix list from publicsuffix.org:
from the reactor's thread, with no time limit, so on a crawl machine that may not reach it every
fetch waits; where the name does not resolve, ~180 lines of tracebacks go to the crawl's log; and
the list is written under ~/.cache. Importing it (with requests) also costs the main process ~30 ms
of its start-up, though most crawls never meet such a cookie.

`offline_suffixes()` gives the middleware a stand-in instead: the list tldextract ships with, read
the first time a cookie names a domain, nothing fetched and nothing written."""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

COOKIES_MODULE = "scrapy.downloadermiddlewares.cookies"


class OfflineSuffixes:
    """Called like tldextract.TLDExtract (the options Scrapy gives it are kept); the real one, made
    from the bundled list alone, is built on the first call."""

    def __init__(self, *_args: Any, include_psl_private_domains: bool = False, **_options: Any) -> None:
        self.private_domains = include_psl_private_domains
        self._extract: Any = None

    def _real(self) -> Any:
        if self._extract is None:
            from tldextract import TLDExtract

            self._extract = TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True,
                                       include_psl_private_domains=self.private_domains)
        return self._extract

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._real()(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)


def offline_suffixes() -> None:
    """Import Scrapy's cookies middleware (before the crawler's set-up does) with OfflineSuffixes for
    tldextract's TLDExtract, and give its module-level extractor the stand-in; tldextract itself is
    not imported then. Once only; a Scrapy whose middleware has no such extractor is left as it is."""
    if COOKIES_MODULE not in sys.modules and "tldextract" not in sys.modules:
        stand_in = types.ModuleType("tldextract")
        stand_in.TLDExtract = OfflineSuffixes  # type: ignore[attr-defined]
        sys.modules["tldextract"] = stand_in
        try:
            importlib.import_module(COOKIES_MODULE)
        except ImportError:  # (a Scrapy that wants more of tldextract: imported below as it comes)
            sys.modules.pop(COOKIES_MODULE, None)
        finally:
            if sys.modules.get("tldextract") is stand_in:
                del sys.modules["tldextract"]  # (any other importer gets the real module)
    module = importlib.import_module(COOKIES_MODULE)
    split = getattr(module, "_split_domain", None)
    if split is not None and not isinstance(split, OfflineSuffixes):  # (imported before, as it comes)
        private = getattr(split, "include_psl_private_domains", True)
        module._split_domain = OfflineSuffixes(include_psl_private_domains=private)
