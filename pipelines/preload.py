"""Imported once by the extraction forkserver, before it forks any worker: the extraction stack,
the language model and what trafilatura builds on its first page (the public-suffix list behind its
hostname field, ~0.25 s; its compiled patterns) are then shared by every worker, including the fresh
ones that replace a recycled pool, instead of built by each.

So is the stoplist of every language that trafilatura's jusText fallback builds the first time a
page needs it (~0.1 s, ~33 MB: 154,000 words, and the lower-cased set jusText caches): built in a
worker, it made that worker's memory jump by ~32 MB in the middle of a crawl, once per worker and
again after each recycle, so a 20,000-post crawl of heavy pages peaked 1.25x above a 2,000-post one."""

from __future__ import annotations

import gc

import trafilatura
from courlan import extract_domain

from pipelines.extraction import ExtractOptions
from pipelines.linking import prepare
from pipelines.normalize import detect_language
from pipelines.patterncache import keep_re
from pipelines.prewarm import ROLE
from pipelines.rules import load_rules
from pipelines.stopwords import load_stop_words
from pipelines.workers import run_extract
from schemas.raw import BlogInfo, RawPost

_SAMPLE = ("<html><head><title>Dredging plan approved | Harbour News</title></head><body><article>"
           "<h1>Dredging plan approved</h1><p class='byline'>By Ada Quay, 3 March 2024</p>"
           "<p>The harbour board approved the dredging plan for the northern quay on Monday, after a long debate "
           "about the cost of the work and the months the quay would stay closed to ships.</p>"
           "<p>Work starts in spring. The board expects the quay to reopen before the autumn season.</p>"
           "</article></body></html>")
extract_domain("https://news.example.co.uk/")  # loads the public-suffix list (fast=True does not, for most hosts)
trafilatura.bare_extraction(_SAMPLE, url="https://news.example.com/2024/03/dredging.html", with_metadata=True,
                            include_comments=False, include_tables=True)
detect_language("The harbour board approved the dredging plan for the northern quay on Monday.")
prepare("The harbour board approved the dredging plan for the northern quay on Monday.")
load_stop_words()  # what try_justext asks for when the page's language is not given (pipelines/stopwords.py)
load_rules(())  # the built-in signature rules, compiled (a worker adds a user's rule directories itself)
# Our own path over that page once: what it builds on first use (the gates joined from the rules'
# patterns, the date formats strptime compiles) cost each worker's first page ~5 ms otherwise.
# (trafilatura mode: no host template is learned here for the workers to inherit)
run_extract(RawPost(url="https://news.example.com/2024/03/dredging.html", via="page", html=_SAMPLE,
                    blog=BlogInfo(url="https://news.example.com/", host="news.example.com")),
            ExtractOptions(mode="trafilatura"))
keep_re(ROLE)  # the patterns all of the above compiled, for the next run's forkserver (pipelines/prewarm.py)
gc.freeze()  # (the collector was off since pipelines/prewarm.py)
gc.enable()
