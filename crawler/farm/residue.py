"""Post bodies with the splog residue of each style (FiveFilters, IFTTT, Google News, WP plugins)."""

from __future__ import annotations

from html import escape

from crawler.farm.model import Post

FTR_OLD = ("This entry passed through the Full-Text RSS service - if this is your content and you're "
           "reading it on someone else's site, please read the FAQ at fivefilters.org/content-only/faq.php#publishers.")
FTR_NEW = ("This article passed through the Full-Text RSS service \u2013 if this is your content and you\u2019re "
           "reading it on someone else\u2019s site, please read the FAQ at fivefilters.org/content-only/faq.php#publishers.")
BLOCKADS = ('<p><strong><a href="https://blockads.fivefilters.org">Let\'s block ads!</a></strong> '
            '<a href="https://blockads.fivefilters.org/acceptable.html">(Why?)</a></p>')


def _ifttt_time(post: Post) -> str:
    return post.published.strftime("%B %d, %Y at %I:%M%p").replace(" 0", " ", 1)


def _link(url: str) -> str:
    return f'<a href="{escape(url)}">{escape(url)}</a>'


def body_html(post: Post) -> str:
    """The post body as the autoposting chain left it."""
    paras = "".join(f"<p>{escape(p)}</p>" for p in post.article.paragraphs)
    ift1, ift2 = post.ift_links
    title = escape(post.title)
    style = post.style
    if style == "gnews-ftr-ifttt":
        return (paras + BLOCKADS + f"<br />{escape(post.feed_title)}<br />{_ifttt_time(post)}<br />{_link(ift1)}"
                f"<br /><br />{escape(post.article.title)} - {escape(post.article.publisher)}<br />"
                f"{escape(post.feed_title)}<br />{_link(ift2)}")
    if style == "ftr-old-ifttt-from":
        return paras + f"<p><em>{escape(FTR_OLD)}</em></p><p>from {escape(post.feed_title)} {_link(ift1)}</p>"
    if style == "ftr-new-via-ifttt":
        return (paras + f"<p>{escape(FTR_NEW)}</p>"
                '<p>via <a href="https://ifttt.com/?ref=da&amp;site=blogger">IFTTT</a></p>')
    if style in ("yoast", "yoast-gnews"):
        home = post.original_url.rsplit("/", 3)[0]
        return (paras + f'<p>The post <a href="{escape(post.original_url)}">{escape(post.article.title)}</a> '
                f'appeared first on <a href="{escape(home)}">{escape(post.article.publisher)}</a>.</p>')
    if style == "wpematico":
        return paras + f'<br><a href="{escape(post.original_url)}">Go to Source</a><br />Author: {escape(post.author)}'
    if style == "wprss":
        return paras + f'<p>Source: <a href="{escape(post.original_url)}">{escape(post.original_url)}</a></p>'
    if style == "feedwordpress":
        return (f'<p class="syndicated-attribution">This is a syndicated post, reprinted from '
                f'<a href="{escape(post.original_url)}">{escape(post.article.publisher)}</a>.</p>' + paras)
    if style == "feedzy":
        return paras + f'<p>Source: <a href="{escape(post.original_url)}">{escape(post.original_url)}</a></p>'
    if style == "feedburner-ftr":  # FeedBurner's flare links and 1x1 pixel, loose in the body (not in a <p>)
        feed = "".join(w.capitalize() for w in post.feed_title.split()[:2] if w.isalpha()) or "Wire"
        flare = "".join(f'<a href="http://feeds.feedburner.com/~ff/{feed}?a={post.index:04d}{k}"><img '
                        f'src="http://feeds.feedburner.com/~ff/{feed}?d={k}x{post.index:04d}" border="0"></a> '
                        for k in "qr")
        return (paras + f'<div class="feedflare">{flare}</div><img src="http://feeds.feedburner.com/~r/{feed}/~4/'
                f'{post.index:04d}zz" height="1" width="1" alt=""/>' + f"<p><em>{escape(FTR_NEW)}</em></p>")
    if style == "credit-via":  # a credit line naming the original's publisher in its link
        return paras + f'<p>Via <a href="{escape(post.original_url)}">{escape(post.article.publisher)}</a></p>'
    if style == "wp-automatic":  # WP Automatic's bare "Source" link after the content
        return paras + f'<br><a href="{escape(post.original_url)}" target="_blank">Source</a>'
    if style == "credits-id":  # an Indonesian portal's credit and staff lines, kept by the copier
        home = post.original_url.rsplit("/", 3)[0] + "/"
        writer = ("Dewi Anggraeni", "Bayu Santoso", "Rizal Fahmi")[post.index % 3]
        return (paras + f'<p>Artikel ini telah tayang di <a href="{escape(home)}">{escape(post.article.publisher)}</a> '
                f'dengan judul "{escape(post.article.title)}", Klik untuk baca: {_link(post.original_url)}.</p>'
                f"<p>Penulis : {writer}<br>Editor : Redaksi</p>")
    if style == "yoast-article":  # Yoast's footer with the site's own wording
        home = post.original_url.rsplit("/", 3)[0]
        return (paras + f'<p>The article <a href="{escape(post.original_url)}">{escape(post.article.title)}</a> '
                f'first appeared on <a href="{escape(home)}">{escape(post.article.publisher)}</a>.</p>')
    if style == "republished":  # a republisher's credit as the last line, no link
        return paras + f"<p>This article was originally published on {escape(post.article.publisher)}.</p>"
    if style == "continue-reading":
        return paras + f'<p><a href="{escape(post.original_url)}">Continue reading &rarr;</a></p>'
    if style == "google-alerts":
        target = escape(post.original_url)
        return paras + (f'<p><a href="https://www.google.com/url?rct=j&amp;sa=t&amp;url={target}&amp;ct=ga">'
                        f'{escape(post.article.title)}</a></p>')
    if style == "source-link":
        return paras + f'<p><a href="{escape(post.original_url)}" rel="nofollow">Source link</a></p>'
    return paras + (f"<p>{title}</p>" if style == "title-echo" else "")
