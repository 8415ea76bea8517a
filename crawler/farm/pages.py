"""HTML pages of the farm's blogs: classic Blogger (en/id UI), a WordPress theme, a plain splog."""

from __future__ import annotations

from html import escape

from crawler.farm.model import Blog, Post
from crawler.farm.residue import body_html

# Blogger template strings by UI language (SIGNATURES §5).
UI = {
    "en": {"posted_by": "Posted by", "labels": "Labels:", "newer": "Newer Post", "older": "Older Post",
           "older_posts": "Older Posts", "home": "Home", "subscribe": "Subscribe to:",
           "comments_feed": "Post Comments (Atom)", "posts_feed": "Posts (Atom)", "post_comment": "Post a Comment",
           "no_comments": "No comments:", "email": "Email This", "twitter": "Share to Twitter",
           "facebook": "Share to Facebook", "powered": "Powered by Blogger.", "search": "Search This Blog",
           "archive": "Blog Archive", "share_head": "Share this post", "lang": "en"},
    "id": {"posted_by": "Diposkan oleh", "labels": "Label:", "newer": "Posting Lebih Baru", "older": "Posting Lama",
           "older_posts": "Posting Lama", "home": "Beranda", "subscribe": "Langganan:",
           "comments_feed": "Posting Komentar (Atom)", "posts_feed": "Entri (Atom)", "post_comment": "Posting Komentar",
           "no_comments": "Tidak ada komentar:", "email": "Kirimkan Ini lewat Email", "twitter": "Berbagi ke Twitter",
           "facebook": "Berbagi ke Facebook", "powered": "Diberdayakan oleh Blogger.", "search": "Cari Blog Ini",
           "archive": "Arsip Blog", "share_head": "Bagikan Berita Ini", "lang": "in"},
    "es": {"posted_by": "Publicado por", "labels": "Etiquetas:", "newer": "Entrada más reciente",
           "older": "Entrada antigua", "older_posts": "Entradas antiguas", "home": "Página principal",
           "subscribe": "Suscribirse a:", "comments_feed": "Publicar comentarios (Atom)", "posts_feed": "Entradas (Atom)",
           "post_comment": "Publicar un comentario", "no_comments": "No hay comentarios:",
           "email": "Enviar por correo electrónico", "twitter": "Compartir con Twitter",
           "facebook": "Compartir con Facebook", "powered": "Con la tecnología de Blogger.",
           "search": "Buscar este blog", "archive": "Archivo del blog", "share_head": "Compartir esta noticia", "lang": "es"},
    "pt": {"posted_by": "Postado por", "labels": "Marcadores:", "newer": "Postagem mais recente",
           "older": "Postagem mais antiga", "older_posts": "Postagens mais antigas", "home": "Página inicial",
           "subscribe": "Assinar:", "comments_feed": "Postar comentários (Atom)", "posts_feed": "Postagens (Atom)",
           "post_comment": "Postar um comentário", "no_comments": "Nenhum comentário:", "email": "Enviar por e-mail",
           "twitter": "Compartilhar no X", "facebook": "Compartilhar no Facebook", "powered": "Tecnologia do Blogger.",
           "search": "Pesquisar este blog", "archive": "Arquivo do blog", "share_head": "Compartilhe esta notícia",
           "lang": "pt_BR"},
    "de": {"posted_by": "Eingestellt von", "labels": "Labels:", "newer": "Neuerer Post", "older": "Älterer Post",
           "older_posts": "Ältere Posts", "home": "Startseite", "subscribe": "Abonnieren",
           "comments_feed": "Kommentare zum Post (Atom)", "posts_feed": "Posts (Atom)",
           "post_comment": "Kommentar veröffentlichen", "no_comments": "Keine Kommentare:",
           "email": "Diesen Post per E-Mail versenden", "twitter": "In Twitter freigeben",
           "facebook": "In Facebook freigeben", "powered": "Powered by Blogger.", "search": "Blog durchsuchen",
           "archive": "Blog-Archiv", "share_head": "BlogThis!", "lang": "de"},
    "fr": {"posted_by": "Publié par", "labels": "Libellés :", "newer": "Article plus récent",
           "older": "Article plus ancien", "older_posts": "Articles plus anciens", "home": "Accueil",
           "subscribe": "Inscription à :", "comments_feed": "Publier les commentaires (Atom)",
           "posts_feed": "Articles (Atom)", "post_comment": "Publier un commentaire", "no_comments": "Aucun commentaire:",
           "email": "Envoyer par e-mail", "twitter": "Partager sur Twitter", "facebook": "Partager sur Facebook",
           "powered": "Fourni par Blogger.", "search": "Rechercher dans ce blog", "archive": "Archives du blog",
           "share_head": "BlogThis!", "lang": "fr"},
    "ar": {"posted_by": "مرسلة بواسطة", "labels": "تسميات:", "newer": "رسالة أحدث", "older": "رسالة أقدم",
           "older_posts": "رسائل أقدم", "home": "الصفحة الرئيسية", "subscribe": "الاشتراك في:",
           "comments_feed": "تعليقات على الرسالة (Atom)", "posts_feed": "الرسائل (Atom)", "post_comment": "إرسال تعليق",
           "no_comments": "ليست هناك تعليقات:", "email": "مشاركة", "twitter": "مشاركة", "facebook": "مشاركة",
           "powered": "يتم التشغيل بواسطة Blogger.", "search": "بحث هذه المدونة الإلكترونية",
           "archive": "أرشيف المدونة الإلكترونية", "share_head": "مشاركة", "lang": "ar"},
    "vi": {"posted_by": "Đăng bởi", "labels": "Nhãn:", "newer": "Bài đăng Mới hơn", "older": "Bài đăng Cũ hơn",
           "older_posts": "Bài đăng Cũ hơn", "home": "Trang chủ", "subscribe": "Đăng ký:",
           "comments_feed": "Đăng Nhận xét (Atom)", "posts_feed": "Bài đăng (Atom)", "post_comment": "Đăng nhận xét",
           "no_comments": "Không có nhận xét nào:", "email": "Gửi email bài đăng này", "twitter": "Chia sẻ lên Twitter",
           "facebook": "Chia sẻ lên Facebook", "powered": "Được tạo bởi Blogger.", "search": "Tìm kiếm Blog này",
           "archive": "Lưu trữ Blog", "share_head": "Chia sẻ", "lang": "vi"},
}


def operator_tags(blog: Blog) -> str:
    """The ad and analytics tags of the blog's operator, in every page's head (none without one)."""
    op = blog.operator
    if op is None:
        return ""
    return (f'\n<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-{op.adsense}" '
            'crossorigin="anonymous"></script>\n'
            f'<script async src="https://www.googletagmanager.com/gtag/js?id={op.analytics}"></script>\n'
            "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}\n"
            f"gtag('js', new Date()); gtag('config', '{op.analytics}');</script>")


def affiliate_box(blog: Blog, post: Post) -> str:
    """A shop's product box (AAWP's markup) under every fourth post of an operator's WordPress blog,
    its link tagged with the operator's Amazon Associates id."""
    if blog.operator is None or blog.kind != "wordpress" or post.index % 4 != 1:
        return ""
    return (f'<div class="aawp"><div class="aawp-product"><a href="https://www.amazon.com/dp/B0{post.index:08d}'
            f'?tag={blog.operator.amazon_tag}&amp;linkCode=ogi&amp;th=1" rel="nofollow sponsored">Check the price '
            'on Amazon</a></div></div>')


def post_path(blog: Blog, post: Post) -> str:
    if blog.kind == "blogger":
        return f"/{post.published:%Y/%m}/{post.slug}.html"
    if blog.kind == "wordpress":
        return f"/{post.published:%Y/%m/%d}/{post.slug}/"
    return f"/news/{post.slug}.html"


def _blogger_post(blog: Blog, post: Post, base: str, ui: dict, item: bool) -> str:
    url = base + post_path(blog, post)
    labels = ", ".join(f"<a href='{base}/search/label/{escape(x)}' rel='tag'>{escape(x)}</a>" for x in post.labels)
    comments = (f"<div class='comments' id='comments'><h4>0 Response to \"{escape(post.title)}\"</h4>"
                f"<h4 id='comment-post-message'>{ui['post_comment']}</h4>"
                "<iframe id='comment-editor' src='https://www.blogger.com/comment-iframe.g?blogID=1'></iframe></div>"
                if item else f"<a class='comment-link' href='{url}#comment-form'>{ui['no_comments']}</a>")
    author = post.author if blog.operator is None else (
        f"<a class='g-profile' href='https://www.blogger.com/profile/{blog.operator.blogger_profile}' rel='author' "
        f"title='author profile'>{post.author}</a>")
    return f"""<h2 class='date-header'><span>{post.published:%A, %B %d, %Y}</span></h2>
<div class='post-outer'><div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
<meta content='{post.index + 1000}' itemprop='postId'/>
<h3 class='post-title entry-title' itemprop='name'><a href='{url}'>{escape(post.title)}</a></h3>
<div class='post-header'><div class='post-header-line-1'></div></div>
<div class='post-body entry-content' id='post-body-{post.index + 1000}' itemprop='description articleBody'>
{body_html(post)}
<div style='clear: both;'></div></div>
<div class='post-footer'><div class='post-footer-line post-footer-line-1'>
<span class='post-author vcard'>{ui['posted_by']} <span class='fn' itemprop='author'>{author}</span></span>
<span class='post-timestamp'><a class='timestamp-link' href='{url}'><abbr class='published' itemprop='datePublished' title='{post.published.isoformat()}'>{post.published:%I:%M %p}</abbr></a></span>
<div class='post-share-buttons goog-inline-block'><a class='goog-inline-block share-button sb-email' href='https://www.blogger.com/share-post.g?blogID=1&amp;target=email'><span class='share-button-link-text'>{ui['email']}</span></a>
<a class='share-button sb-twitter' href='https://www.blogger.com/share-post.g?blogID=1&amp;target=twitter'><span class='share-button-link-text'>{ui['twitter']}</span></a>
<a class='share-button sb-facebook' href='https://www.blogger.com/share-post.g?blogID=1&amp;target=facebook'><span class='share-button-link-text'>{ui['facebook']}</span></a></div></div>
<div class='post-footer-line post-footer-line-2'><span class='post-labels'>{ui['labels']} {labels}</span></div></div>
<div class='share-box'><h4>{ui['share_head']}</h4></div>
</div>{comments}</div>"""


def blogger_page(blog: Blog, base: str, posts: list[Post], item: bool, older: str | None) -> str:
    ui = UI[blog.ui_language]
    title = f"{escape(blog.name)}: {escape(posts[0].title)}" if item else escape(blog.name)
    body = "\n".join(_blogger_post(blog, p, base, ui, item) for p in posts)
    pager = f"<a class='home-link' href='{base}/'>{ui['home']}</a>"
    if older:
        pager += f" <a class='blog-pager-older-link' href='{escape(older)}' id='Blog1_blog-pager-older-link' title='{ui['older_posts']}'>{ui['older_posts']}</a>"
    canonical = f"<link href='{base}{post_path(blog, posts[0])}' rel='canonical'/>" if item else ""
    return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b'>
<head><meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<link href='{base}/favicon.ico' rel='icon' type='image/x-icon'/>{canonical}
<link rel="alternate" type="application/atom+xml" title="{escape(blog.name)} - Atom" href="{base}/feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="{escape(blog.name)} - RSS" href="{base}/feeds/posts/default?alt=rss" />
<link rel="service.post" type="application/atom+xml" title="{escape(blog.name)} - Atom" href="https://www.blogger.com/feeds/7001/posts/default" />
<title>{title}</title>
<script type='text/javascript'>window.___gcfg = {{ 'lang': '{ui['lang']}' }};</script>{operator_tags(blog)}
</head><body>
<div class='header-outer'><div class='Header' id='Header1'><h1 class='title'><a href='{base}/'>{escape(blog.name)}</a></h1></div></div>
<div class='sidebar'><div class='widget BlogSearch'><h2 class='title'>{ui['search']}</h2><form action='{base}/search'><input name='q' type='text'/><input type='submit' value='Search'/></form></div></div>
<div class='main-outer'><div class='blog-posts hfeed'>
{body}
</div>
<div class='blog-pager' id='blog-pager'>{pager}</div>
<div class='blog-feeds'><div class='feed-links'>{ui['subscribe']} <a class='feed-link' href='{base}/feeds/posts/default' type='application/atom+xml'>{ui['posts_feed']}</a></div></div></div>
<div class='sidebar'><div class='widget BlogArchive'><h2>{ui['archive']}</h2><ul><li><a href='{base}/2026/'>2026</a></li></ul></div></div>
<div class='footer'><div class='widget Attribution' data-version='1' id='Attribution1'>{ui['powered']}</div></div>
</body></html>"""


def wordpress_page(blog: Blog, base: str, posts: list[Post], item: bool, older: str | None) -> str:
    arts = []
    for p in posts:
        url = base + post_path(blog, p)
        cats = " ".join(f"category-{x.lower()}" for x in p.labels)
        content = body_html(p) + affiliate_box(blog, p) if item else f"<p>{escape(p.article.paragraphs[0])}</p>"
        share = ("<div class=\"sharedaddy sd-sharing-enabled\"><h3 class=\"sd-title\">Share this:</h3><ul><li>"
                 "<a href=\"#twitter\">Twitter</a></li><li><a href=\"#facebook\">Facebook</a></li></ul></div>"
                 "<div id=\"jp-relatedposts\" class=\"jp-relatedposts\"><h3 class=\"jp-relatedposts-headline\">Related</h3></div>")
        arts.append(f"""<article id="post-{p.index + 1}" class="post-{p.index + 1} post type-post status-publish format-standard hentry {cats}">
<header class="entry-header"><h1 class="entry-title"><a href="{url}" rel="bookmark">{escape(p.title)}</a></h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="{p.published.isoformat()}">{p.published:%B %d, %Y}</time></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="{base}/author/{p.author}/">{p.author}</a></span></span></div></header>
<div class="entry-content">{content}{share if item else ''}</div>
<footer class="entry-footer"><span class="cat-links">Posted in {', '.join(f'<a href="{base}/category/{x.lower()}/" rel="category tag">{x}</a>' for x in p.labels)}</span></footer>
</article>""")
    nav = f'<div class="nav-previous"><a href="{escape(older)}">Older posts</a></div>' if older else ""
    comments = ('<div id="comments" class="comments-area"><div id="respond" class="comment-respond">'
                '<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>'
                '<form id="commentform"><textarea name="comment"></textarea></form></div></div>') if item else ""
    title = f"{escape(posts[0].title)} &#8211; {escape(blog.name)}" if item else escape(blog.name)
    canonical = f'<link rel="canonical" href="{base}{post_path(blog, posts[0])}" />' if item else ""
    return f"""<!doctype html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>{title}</title>
<link rel='https://api.w.org/' href='{base}/wp-json/' />
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{base}/xmlrpc.php?rsd" />
<link rel="alternate" type="application/rss+xml" title="{escape(blog.name)} &raquo; Feed" href="{base}/feed/" />
<meta name="generator" content="WordPress 6.4.2" />{canonical}
<meta property="og:site_name" content="{escape(blog.name)}" />
<link rel='stylesheet' href='{base}/wp-content/themes/twentyseventeen/style.css' />{operator_tags(blog)}
</head><body class="home blog">
<header id="masthead" class="site-header"><p class="site-title"><a href="{base}/">{escape(blog.name)}</a></p>
<nav class="main-navigation"><a href="{base}/">Home</a> <a href="{base}/about/">About</a></nav></header>
<main id="main" class="site-main">{''.join(arts)}
<nav class="navigation posts-navigation"><div class="nav-links">{nav}</div></nav>{comments}</main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2></section></aside>
<footer id="colophon" class="site-footer"><div class="site-info"><a href="https://wordpress.org/">Proudly powered by WordPress</a></div></footer>
</body></html>"""


def plain_page(blog: Blog, base: str, posts: list[Post], item: bool, older: str | None) -> str:
    if item:
        p = posts[0]
        main = (f"<div class='story'><h1>{escape(p.title)}</h1><p class='meta'>{p.published:%d %B %Y}</p>"
                f"{body_html(p)}</div>")
        title = f"{escape(p.title)} | {escape(blog.name)}"
    else:
        main = "".join(f"<div class='teaser'><h2><a href='{base}{post_path(blog, p)}'>{escape(p.title)}</a></h2>"
                       f"<p>{escape(p.article.paragraphs[0][:160])}...</p></div>" for p in posts)
        main += f"<p class='pager'><a href='{escape(older)}'>Older stories</a></p>" if older else ""
        title = escape(blog.name)
    return f"""<html><head><meta charset="utf-8"><title>{title}</title>
<meta name="description" content="Latest news from everywhere">{operator_tags(blog)}</head>
<body><div id="top"><a href="{base}/">{escape(blog.name)}</a> | <a href="{base}/contact.html">Contact</a></div>
<table width="100%"><tr><td valign="top" width="70%">{main}</td>
<td valign="top"><div class="side"><b>Sponsored</b><br><a href="https://casino.example/">Best online casino bonus</a><br>
<a href="https://pills.example/">Cheap pills</a></div></td></tr></table>
<div id="foot">Copyright 2026 {escape(blog.name)}. All rights reserved.</div></body></html>"""


PAGE_RENDERERS = {"blogger": blogger_page, "wordpress": wordpress_page, "plain": plain_page}
