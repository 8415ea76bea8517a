"""The crawl part of the manifest: HTTP requests per site and platform, discovery counts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from crawler import stats as stats_keys  # the one owner of the stat key names

_REQ = stats_keys.REQUESTS_BY_SITE + "/"
_PLATFORM = stats_keys.PLATFORM_BY_SITE + "/"
_DISCOVERY = stats_keys.DISCOVERY + "/"
_EXTRACTED = stats_keys.EXTRACTED_BY + "/"
_STATUS = stats_keys.RESPONSES_BY_STATUS + "/"
_LIMITED = stats_keys.RATE_LIMITED + "/"
_DELAY = stats_keys.CRAWL_DELAY + "/"


def crawl_summary(stats: dict[str, Any], posts_by_site: Counter[str]) -> dict[str, Any]:
    requests = {k[len(_REQ):]: v for k, v in stats.items() if k.startswith(_REQ)}
    platforms = {k[len(_PLATFORM):]: v for k, v in stats.items() if k.startswith(_PLATFORM)}
    by_site = {}
    by_platform: dict[str, dict[str, float]] = {}
    for site in sorted(set(requests) | set(posts_by_site)):
        n_req, n_posts = requests.get(site, 0), posts_by_site.get(site, 0)
        platform = platforms.get(site, "unknown")
        by_site[site] = {"platform": platform, "requests": n_req, "posts": n_posts,
                         "requests_per_post": round(n_req / n_posts, 4) if n_posts else None}
        agg = by_platform.setdefault(platform, {"requests": 0, "posts": 0})
        agg["requests"] += n_req
        agg["posts"] += n_posts
    for agg in by_platform.values():
        agg["requests_per_post"] = round(agg["requests"] / agg["posts"], 4) if agg["posts"] else None
    total_req = sum(requests.values())
    total_posts = sum(posts_by_site.values())
    statuses = {k[len(_STATUS):]: v for k, v in stats.items() if k.startswith(_STATUS)}
    return {
        "http": {"requests": total_req, "responses_by_status": dict(sorted(statuses.items())),
                 "rate_limited": {k[len(_LIMITED):]: v for k, v in sorted(stats.items()) if k.startswith(_LIMITED)},
                 "crawl_delay": {k[len(_DELAY):]: v for k, v in sorted(stats.items()) if k.startswith(_DELAY)},
                 "requests_per_post": round(total_req / total_posts, 4) if total_posts else None,
                 "by_platform": by_platform, "by_site": by_site},
        "discovery": {k[len(_DISCOVERY):]: v for k, v in sorted(stats.items()) if k.startswith(_DISCOVERY)},
        "extraction": {"by_method": {k[len(_EXTRACTED):]: v for k, v in sorted(stats.items())
                                     if k.startswith(_EXTRACTED)},
                       "templates_kept": stats.get(stats_keys.TEMPLATES_KEPT, 0)},
    }
