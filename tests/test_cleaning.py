"""Line-level cutting: residue goes, article text (including look-alike traps) stays."""

from __future__ import annotations

import pytest

from pipelines.cleaning import Context, Harvest, cut_text, ui_language_of
from pipelines.rules import fold, load_rules

RULES = load_rules()
BODY = "The council approved the plan on Tuesday.\nIt will cost 4 million."


def _placed(body: str, line: str) -> tuple[str, str, str]:
    """body (two lines) with line above it, between its lines and under it."""
    first, second = body.split("\n")
    return f"{line}\n{body}", f"{first}\n{line}\n{second}", f"{body}\n{line}"


def _ends(body: str, line: str) -> tuple[str, str]:
    """body with line above it and under it."""
    return f"{line}\n{body}", f"{body}\n{line}"


def _stays(*texts: str) -> None:
    """Each text comes out of the cleaner as it went in."""
    for text in texts:
        assert cut_text(text, RULES, Context(title="Bridge reopens")).text == text, text


def _cut_tail(tail: str) -> set[str]:
    """The rules that cut tail, under BODY, back to BODY (which the cleaner must leave as it was)."""
    out = cut_text(f"{BODY}\n{tail}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY, tail
    return {rule for rule, _ in out.removed}


def _cut_to_body(texts: tuple[str, ...], line: str, rule: str) -> list:
    """Each text cut back to BODY, line alone removed and by rule (the cuts, for what else a test reads)."""
    outs = []
    for text in texts:
        out = cut_text(text, RULES, Context(title="Bridge reopens"))
        assert out.text == BODY and out.removed == [(rule, line)], text
        outs.append(out)
    return outs


@pytest.mark.parametrize(("tail", "rule"), [
    # FiveFilters, three footer forms and the error text
    ("Let's block ads! (Why?)", "fivefilters.blockads"),
    ("Let\u2019s block ads! (Why?)", "fivefilters.blockads"),
    ("This entry passed through the Full-Text RSS service - if this is your content and you're reading it on "
     "someone else's site, please read the FAQ at fivefilters.org/content-only/faq.php#publishers.", "fivefilters.passed-through"),
    ("This article passed through the Full-Text RSS service \u2013 if this is your content and you\u2019re reading "
     "it on someone else\u2019s site, please read the FAQ at fivefilters.org/content-only/faq.php#publishers.",
     "fivefilters.passed-through"),
    ("[unable to retrieve full-text content]", "fivefilters.error"),
    # IFTTT
    ("https://ift.tt/2RpVTP6", "ifttt.link"),
    ("from Hacker News https://ift.tt/36D7NLV", "ifttt.from-feed"),
    ("via IFTTT", "ifttt.via"),
    ("March 3, 2026 at 09:41AM", "ifttt.date"),
    # WordPress plugins
    ("The post Bridge reopens appeared first on Coastal Ledger.", "yoast.appeared-first"),
    ("The article Bridge reopens appeared first on Coastal Ledger.", "yoast.appeared-first"),
    ("The story Bridge reopens was first published on Coastal Ledger", "yoast.appeared-first"),
    ("La entrada Bridge reopens se publicó primero en Coastal Ledger.", "yoast.appeared-first"),
    ("Der Beitrag Bridge reopens erschien zuerst auf Ledger.example.", "yoast.appeared-first"),
    ("L'articolo Bridge reopens sembra essere il primo su Coastal Ledger.", "yoast.appeared-first"),
    ("O post Bridge reopens apareceu primeiro em Coastal Ledger.", "yoast.appeared-first"),
    ("Pos Jembatan dibuka kembali muncul pertama kali di Kabar Pantura.", "yoast.appeared-first"),
    ("Artikel Jembatan dibuka kembali pertama kali tampil pada Kabar Pantura.", "yoast.appeared-first"),
    ("This article was originally published on The Coastal Ledger.", "autoblog.originally-published"),
    ("Originally posted at Coastal Ledger", "autoblog.originally-published"),
    ("Cet article est paru dans Le Courrier du Port.", "autoblog.originally-published"),
    ("Este artículo fue publicado originalmente en Diario del Sur.", "autoblog.originally-published"),
    ("Este texto foi publicado originalmente no Jornal do Sul.", "autoblog.originally-published"),
    ("Dieser Artikel erschien zuerst auf Tagblatt Nord.", "autoblog.originally-published"),
    ("Материал впервые опубликован на сайте Морские вести.", "autoblog.originally-published"),
    ("Artykuł pierwotnie ukazał się w Gazecie Portowej.", "autoblog.originally-published"),
    ("Bu haber ilk olarak Liman Gazetesi'nde yayınlandı.", "autoblog.originally-published"),
    ("本文转载自海港日报", "autoblog.originally-published"),
    ("この記事は港湾新聞に掲載されたものです。", "autoblog.originally-published"),
    ("이 기사는 항구일보에 처음 게재되었습니다.", "autoblog.originally-published"),
    ("यह लेख मूल रूप से बंदरगाह समाचार पर प्रकाशित हुआ था।", "autoblog.originally-published"),
    ("Αυτό το άρθρο δημοσιεύτηκε αρχικά στο Λιμάνι.", "autoblog.originally-published"),
    ("Artikel ini pertama kali terbit di Kabar Pantura.", "autoblog.originally-published"),
    ("This article is republished from The Coastal Ledger under a Creative Commons license. Read the original "
     "article.", "autoblog.originally-published"),
    ("This post was originally published on this site", "wp-automatic.originally-published"),
    ("Go to Source", "wpematico.go-to-source"),
    ("Article Source: http://articlehive.example/10293847", "autoblog.source-label"),
    ("Ngu\u1ed3n b\u00e0i vi\u1ebft: https://baocang.example.vn/cau-mo-lai.html", "autoblog.source-label"),
    ("Nota original: https://elfaro.example/puente", "autoblog.source-label"),
    ("Créditos: https://jornalcosta.example/cais", "autoblog.source-label"),
    ("Créditos da imagem: Divulgação", "credits.image"), ("Créditos das fotos: Reprodução", "credits.image"),
    ("Acompanhe o Notícias da Serra no Google News", "chrome.site.pt"),
    ("\u041e\u0440\u0438\u0433\u0438\u043d\u0430\u043b \u0441\u0442\u0430\u0442\u044c\u0438: https://sever.example/most", "autoblog.source-label"),
    ("Haberin orijinali: https://liman.example/kopru", "autoblog.source-label"),
    ("Ссылка на источник", "autoblog.source-link"), ("Enlace a la fuente", "autoblog.source-link"),
    ("Все новости", "chrome.site.ru"), ("Haber Merkezi", "chrome.site.tr"), ("Volg ons op Google Nieuws", "chrome.site.nl"),
    ("Assine o Jornal do Porto", "chrome.site.pt"), ("Veja os v\u00eddeos mais assistidos do Jornal do Porto", "chrome.site.pt"),
    ("LINEで送る", "chrome.share.ja"),
    ("Bu haber otomatik olarak eklenmi\u015ftir.", "autoblog.imported-notice"),
    ("Dieser Beitrag wurde automatisch importiert.", "autoblog.imported-notice"),
    ("Shortlink: https://bridge.example/?p=123", "chrome.site.en"), ("Accept all cookies", "chrome.site.en"),
    ("This article was last updated on April 12, 2026.", "chrome.wordpress.en"),
    ("ताजा खबरों के लिए हमारे व्हाट्सएप चैनल से जुड़ें", "chrome.site.hi"),
    ("(डिस्क्लेमर: यह खबर सीधे सिंडिकेट फीड से पब्लिश की गई है। इसे हमारी टीम ने एडिट नहीं किया है।)", "chrome.site.hi"),
    ("\u0627\u0644\u0631\u0627\u0628\u0637 \u0627\u0644\u0645\u062e\u062a\u0635\u0631: https://bridge.example/a1b2",
     "chrome.site.ar"),
    ("\u062a\u0627\u0628\u0639\u0648\u0627 \u0622\u062e\u0631 \u0627\u0644\u0623\u062e\u0628\u0627\u0631 \u0639\u0628\u0631 "
     "\u0642\u0646\u0627\u062a\u0646\u0627 \u0639\u0644\u0649 \u062a\u064a\u0644\u064a\u062c\u0631\u0627\u0645", "chrome.site.ar"),
    ("\u0627\u0644\u062a\u0639\u0644\u064a\u0642\u0627\u062a", "chrome.site.ar"),
    ("\u0627\u0646\u0642\u0631 \u0647\u0646\u0627 \u0644\u0642\u0631\u0627\u0621\u0629 \u0627\u0644\u062e\u0628\u0631 "
     "\u0645\u0646 \u0627\u0644\u0645\u0635\u062f\u0631", "autoblog.continue-reading"),
    ("Find More Home Improvement Articles", "article-directory.more-articles"),
    ("Disclosure: This post may contain affiliate links. We may earn a commission at no cost to you.",
     "ads.affiliate-disclosure"),
    ("As an Amazon Associate I earn from qualifying purchases.", "ads.affiliate-disclosure"),
    ("Source: https://www.example.org/2026/03/bridge", "wprss.source-url"),
    ("Source link", "autoblog.source-link"),
    ("Read the full article at Reuters", "autoblog.read-more-at"),
    ("Read more at reuters.com/world/bridge-reopens", "autoblog.read-more-at"),
    # Blogger chrome, English and Indonesian
    # a hand-made page's way back, under the post
    ("Back to home", "chrome.site.en"), ("<< Back", "chrome.site.en"), ("Volver al inicio", "chrome.site.es"),
    ("Retour à l'accueil", "chrome.site.fr"), ("Kembali ke beranda", "chrome.site.id"),
    ("Powered by Blogger.", "chrome.blogger.en"),
    ("Post a Comment", "chrome.blogger.en"),
    ("Follow by Email", "chrome.blogger.en"),
    ('0 Response to "Bridge reopens"', "chrome.blogger.en"),
    ("Bagikan Berita Ini", "chrome.blogger.id"),
    ("Diposkan oleh admin di 09.18", "chrome.blogger.id"),
    ("Langganan: Posting Komentar (Atom)", "chrome.blogger.id"),
    # a label whose value (a name, links) stood in elements of their own, cut before
    ("Posted by", "chrome.blogger.en"),
    ("Libellés :", "chrome.blogger.fr"),
    ("Published on:", "wprss.published-on"),
    # Blogger's mobile template, and an Indonesian portal's footer links
    ("View web version", "chrome.blogger.en"),
    ("Ver versão para computador", "chrome.blogger.pt"), ("Ver versão para a Web", "chrome.blogger.pt"),
    ("Tampilkan versi web", "chrome.blogger.id"),
    ("Pages: 1 2 3 \u00bb", "chrome.wordpress.en"),
    ("Теги: паром, гавань", "chrome.site.ru"), ("Комментарии", "chrome.site.ru"),
    ("Следите за новостями в нашем Telegram", "chrome.site.ru"), ("Abone olun", "chrome.site.tr"),
    ("Bình luận", "chrome.site.vi"), ("Tin cùng chuyên mục", "chrome.site.vi"), ("Video đang HOT", "chrome.site.vi"),
    ("この記事をシェアする", "chrome.share.ja"), ("ツイート シェア はてブ LINE", "chrome.share.ja"), ("分享到：", "chrome.share.zh"),
    ("微信 微博 QQ空间", "chrome.share.zh"), ("免责声明：本文仅代表作者个人观点", "chrome.share.zh"),
    ("공유하기", "chrome.share.ko"), ("페이스북 트위터 카카오톡", "chrome.share.ko"),
    ("Reactions: funny (0) interesting (0) cool (0)", "chrome.blogger.en"), ("Reactions:", "chrome.blogger.en"),
    ("Bir cevap yazın", "chrome.wordpress.tr"), ("Оставьте комментарий", "chrome.wordpress.ru"),
    ("مشاركة:", "chrome.wordpress.ar"), ("Thích Đang tải...", "chrome.wordpress.vi"),
    ("Kebijakan Privasi", "chrome.site.id"),
    ("Ikuti kami di Google News", "promo.follow"),
    ("Sigue a Diario del Puerto en Google News", "promo.follow"), ("Suivez Le Courrier sur Google Actualit\u00e9s", "promo.follow"),
    ("Ikuti Harian Pelabuhan di Google News", "promo.follow"),
    # any site's template, and news aggregators' notices
    ("Filed under: Harbour News", "chrome.site.en"),
    ("Comments are closed.", "chrome.site.en"), ("Donate", "chrome.site.en"), ("Support us", "chrome.site.en"),
    ("Copyright 2026 Coastal Ledger. All rights reserved.", "chrome.site.en"),
    ("Follow us on Telegram for the latest news", "promo.follow"),
    ("© 2026 Diario del Valle", "chrome.site.any"),
    ("Síguenos en Facebook y Twitter", "promo.follow"),
    ("Seguici su Facebook e Instagram.", "promo.follow"), ("Theo dõi chúng tôi trên Facebook.", "chrome.site.vi"),
    ("हमें फेसबुक पर फॉलो करें।", "chrome.site.hi"), ("Подписывайтесь на наш Telegram-канал.", "promo.follow"),
    ("Bizi Twitter'da takip edin.", "chrome.site.tr"), ("Obserwuj nas na Facebooku.", "chrome.site.pl"),
    ("تابعونا على فيسبوك", "chrome.site.ar"), ("تابعنا على جوجل نيوز", "chrome.site.ar"), ("شارك", "chrome.share.ar"), ("Download our free app for breaking news.", "promo.follow"),
    ("Click here to join our Telegram channel.", "promo.follow"), ("Like our Facebook page for more news.", "chrome.site.en"),
    ("Please share this post if you found it useful.", "chrome.site.en"),
    ("What do you think? Let us know in the comments below.", "chrome.site.en"),
    ("Tous droits réservés.", "chrome.site.fr"),
    ("Читайте нас в Telegram", "chrome.site.ru"), ("Больше новостей в нашем Telegram-канале", "chrome.site.ru"),
    ("Поделиться:", "chrome.site.ru"), ("Підписуйтесь на наш Telegram-канал", "chrome.site.uk"),
    ("عضویت در کانال تلگرام", "chrome.site.fa"), ("Abonnez-vous à notre chaîne Telegram", "chrome.site.fr"),
    ("شارك هذا الخبر", "chrome.share.ar"), ("Bu haberi paylaş", "chrome.share.tr"), ("Поделитесь этой новостью", "chrome.share.ru"),
    ("Chia sẻ bài viết này", "chrome.share.vi"), ("Udostępnij ten artykuł", "chrome.share.pl"),
    ("इस खबर को शेयर करें", "chrome.share.hi"), ("Bagikan artikel ini", "chrome.share.id"),
    ("Alle Rechte vorbehalten.", "chrome.site.de"),
    ("Disclaimer: this story is auto-aggregated by a computer program and has not been edited by our staff.",
     "chrome.site.en"),
    ("(Except for the headline, this story has not been edited by Coastal TV staff and is published from a "
     "syndicated feed.)", "chrome.site.en"),
    # a theme's comment form, post navigation, sign-up prompts; Blogger's share row with its spaces lost
    ("Leave a Reply Cancel reply", "chrome.wordpress.en"),
    ("Your email address will not be published. Required fields are marked *", "chrome.wordpress.en"),
    ("Save my name, email, and website in this browser for the next time I comment.", "chrome.wordpress.en"),
    ("\u00ab Previous Post", "chrome.wordpress.en"),
    ("Tagged: ferry, harbour", "chrome.wordpress.en"),
    ("Sign up for our daily newsletter", "promo.newsletter"),
    ("Join our WhatsApp channel for the latest news", "promo.follow"),
    ("More from Coastal Ledger", "chrome.site.en"),
    ("Disclaimer: The views expressed are the author's own.", "chrome.site.en"),
    ("\u00a9 Copyright 2026 Coastal Ledger", "chrome.site.any"),
    ("Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest", "chrome.blogger.en"),
    ("Read the original article on Coastal Ledger.", "autoblog.read-more-at"),
    ("Article Source: https://ift.tt/3abcDEF", "ifttt.source-link"), ("Sumber: https://ift.tt/3abcDEF", "ifttt.source-link"),
    ("Link: https://ift.tt/3abcDEF", "ifttt.labelled-link"), ("Artikel asli: https://ift.tt/3abcDEF", "ifttt.labelled-link"),
    ("Lanjut baca: https://harbourdaily.example/news/a", "autoblog.continue-reading"),
    ("Posted via IFTTT", "ifttt.via"), ("https://ift.tt/3abcDEF via IFTTT", "ifttt.link"),
    ("from Harbour Daily https://ift.tt/3abcDEF via IFTTT", "ifttt.from-feed"), ("Source link: https://harbourdaily.example/news/a", "autoblog.source-link"),
    ("This article originally appeared on Harbour Daily.", "autoblog.originally-published"),
    ("Republished with permission from Harbour Daily.", "autoblog.originally-published"),
    ("Originally published at harbourdaily.example", "autoblog.originally-published"),
    ("For more news, visit Harbour Daily.", "chrome.site.en"), ("Copyright Harbour Daily 2026", "chrome.copyright"),
    ("Sign up for the Harbour Daily newsletter.", "promo.newsletter"),
    ("Get all the latest news on the island delivered daily to your inbox.", "promo.newsletter"),
    ("Click here to subscribe to our daily newsletter.", "promo.newsletter"),
    ("Inscreva-se na nossa newsletter e receba as notícias do dia no seu e-mail.", "promo.newsletter"),
    ("Suscríbete a nuestro boletín y recibe las noticias cada mañana.", "promo.newsletter"),
    ("Abonnez-vous à notre newsletter pour ne rien manquer.", "promo.newsletter"),
    ("Abonnieren Sie unseren Newsletter!", "promo.newsletter"), ("Iscriviti alla nostra newsletter", "promo.newsletter"),
    ("Berlangganan newsletter kami untuk berita terbaru.", "promo.newsletter"),
    # the same theme strings in WordPress's translations
    ("Tinggalkan Balasan", "chrome.wordpress.id"),
    ("Dapatkan berita terbaru di Google News", "chrome.wordpress.id"),
    ("Tu dirección de correo electrónico no será publicada.", "chrome.wordpress.es"),
    ("Deixe um comentário", "chrome.wordpress.pt"),
    ("Article précédent", "chrome.wordpress.fr"),
    ("Schreibe einen Kommentar", "chrome.wordpress.de"), ("Kommentar verfassen Antworten abbrechen", "chrome.wordpress.de"),
    ("Email của bạn sẽ không được hiển thị công khai.", "chrome.wordpress.vi"),
    ("Chia s\u1ebb b\u00e0i vi\u1ebft l\u00ean Facebook", "chrome.wordpress.vi"),
    ("\u0110\u0103ng b\u1edfi: admin", "chrome.wordpress.vi"),
    ("B\u1ea1n \u0111ang \u0111\u1ecdc b\u00e0i vi\u1ebft \"C\u1ea7u m\u1edf l\u1ea1i\" t\u1ea1i chuy\u00ean m\u1ee5c "
     "Th\u1eddi s\u1ef1. M\u1ecdi th\u00f4ng tin g\u00f3p \u00fd v\u00e0 chia s\u1ebb, xin vui l\u00f2ng li\u00ean h\u1ec7 "
     "email: toasoan@baocang.example.vn", "chrome.wordpress.vi"),
    ("لن يتم نشر عنوان بريدك الإلكتروني.", "chrome.wordpress.ar"),
    ("Lascia un commento Annulla risposta", "chrome.wordpress.it"), ("Je e-mailadres wordt niet gepubliceerd.", "chrome.wordpress.nl"),
    ("Dodaj komentarz Anuluj pisanie odpowiedzi", "chrome.wordpress.pl"), ("Предыдущая запись", "chrome.wordpress.ru"),
    ("E-posta adresiniz yayınlanmayacak.", "chrome.wordpress.tr"), ("メールアドレスが公開されることはありません。", "chrome.wordpress.ja"),
    ("Comparte esta nota", "chrome.share.es"),
    ("Compartilhe", "chrome.share.pt"),
    ("Partager cet article", "chrome.share.fr"),
    ("Diesen Artikel teilen", "chrome.share.de"),
    ("Condividi su Facebook", "chrome.share.it"),
    ("Deel dit artikel", "chrome.share.nl"), ("Sdílet článek", "chrome.share.cs"), ("Dela artikeln", "chrome.share.sv"),
    ("Del artikkelen", "chrome.share.no"), ("Jaa artikkeli", "chrome.share.fi"), ("Oszd meg a cikket", "chrome.share.hu"),
    ("Distribuie articolul", "chrome.share.ro"), ("Μοιραστείτε το άρθρο", "chrome.share.el"),
    ("اشتراک گذاری", "chrome.share.fa"), ("Shiriki habari hii", "chrome.share.sw"), ("Ibahagi", "chrome.share.tl"),
    ("Kongsi artikel ini", "chrome.share.ms"), ("แชร์บทความนี้", "chrome.share.th"),
    # a line of several template lines in a row, as a copy flattens a pager or a feed box; also
    # with the spaces between the items lost, as a minified template reads
    ("Newer PostOlder PostHome", "chrome.blogger.en"), ("Posting Lebih BaruPosting LamaBeranda", "chrome.blogger.id"),
    ("Newer Post Older Post Home", "chrome.blogger.en"),
    # the classic template in more of Blogger's interface languages
    ("Starší příspěvek Domovská stránka", "chrome.blogger.cs"), ("Äldre inlägg Startsida", "chrome.blogger.sv"),
    ("Nyere innlegg Eldre innlegg Startsiden", "chrome.blogger.no"), ("Nyere indlæg Ældre indlæg Start", "chrome.blogger.da"),
    ("Uudempi teksti Vanhempi viesti Etusivu", "chrome.blogger.fi"), ("Régebbi bejegyzés Főoldal", "chrome.blogger.hu"),
    ("Postare mai veche Pagina de pornire", "chrome.blogger.ro"), ("Παλαιότερη Ανάρτηση Αρχική σελίδα", "chrome.blogger.el"),
    ("Старіша публікація Головна сторінка", "chrome.blogger.uk"), ("บทความที่เก่ากว่า หน้าแรก", "chrome.blogger.th"),
    ("Catatan Lama Laman utama", "chrome.blogger.ms"), ("پست قدیمی‌تر صفحهٔ اصلی", "chrome.blogger.fa"),
    ("Email This BlogThis! Share to X Share to Facebook", "chrome.blogger.en"),
    # newer wordings of the share row and the footer in the issue's languages
    ("Enregistrer un commentaire", "chrome.blogger.fr"),
    ("Suscribirse a: Enviar comentarios (Atom)", "chrome.blogger.es"),
    ("اشترك في: تعليقات الرسالة (Atom)", "chrome.blogger.ar"),
    ("Enviar por e-mail Postar no blog! Compartilhar no X Compartilhar no Facebook Compartilhar com o Pinterest",
     "chrome.blogger.pt"),
    ("Kirimkan Ini lewat Email BlogThis! Bagikan ke X Berbagi ke Facebook Bagikan ke Pinterest", "chrome.blogger.id"),
    ("Diesen Post per E-Mail versenden BlogThis! In X freigeben In Facebook freigeben Auf Pinterest teilen",
     "chrome.blogger.de"),
    # WordPress's comment-consent box and Jetpack's loading like row, translated
    ("Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente.", "chrome.wordpress.es"),
    ("Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser für die nächste Kommentierung speichern.",
     "chrome.wordpress.de"),
    ("J\u2019aime chargement\u2026", "chrome.wordpress.fr"), ("Curtir Carregando...", "chrome.wordpress.pt"),
    # the newer themes' strings in the issue's languages
    ("Beliebte Posts aus diesem Blog", "chrome.blogger-contempo.de"), ("Obtener el enlace", "chrome.blogger-contempo.es"),
    ("Postingan populer dari blog ini", "chrome.blogger-contempo.id"),
    ("Bài đăng phổ biến từ blog này", "chrome.blogger-contempo.vi"),
    ("المشاركات الشائعة من هذه المدونة", "chrome.blogger-contempo.ar"),
    # Blogger's template in more of its UI languages
    ("Post più recente Post più vecchio Home page", "chrome.blogger.it"),
    ("Iscriviti a: Commenti sul post (Atom)", "chrome.blogger.it"),
    ("Oudere post Homepage", "chrome.blogger.nl"),
    ("Subskrybuj: Posty (Atom)", "chrome.blogger.pl"),
    ("Подписаться на: Комментарии к сообщению (Atom)", "chrome.blogger.ru"),
    ("Sonraki Kayıt Önceki Kayıt Ana Sayfa", "chrome.blogger.tr"),
    ("次の投稿 前の投稿 ホーム", "chrome.blogger.ja"),
    ("최근 게시물 이전 게시물 홈", "chrome.blogger.ko"),
    ("較新的文章 較舊的文章 首頁", "chrome.blogger.zh"),
    ("नई पोस्ट पुरानी पोस्ट मुख्यपृष्ठ", "chrome.blogger.hi"), ("सदस्यता लें: संदेश टिप्पणियाँ (Atom)", "chrome.blogger.hi"),
    ("নতুন পোস্টগুলি পুরাতন পোস্টগুলি হোম", "chrome.blogger.bn"),
    # Japanese blog-ranking banners and the plea to click them
    ("にほんブログ村", "ranking.banner"),
    ("人気ブログランキング", "ranking.banner"),
    ("↑ランキングに参加しています。応援クリックお願いします！", "ranking.banner"),
    # pagers with arrows or the neighbour's headline, an older theme's meta line, plugins' own lines
    ("\u2190 Previous Post", "chrome.wordpress.en"), ("Next Post \u2192", "chrome.wordpress.en"),
    ("Previous Post: Storm warning for the east coast", "chrome.wordpress.en"),
    ("This entry was posted in News and tagged bridge. Bookmark the permalink.", "chrome.wordpress.en"),
    ("Please follow and like us:", "chrome.wordpress.en"),
    ("Originally posted 2026-11-03 09:12:44. Republished by Blog Post Promoter", "blog-post-promoter.reposted"),
    ("Powered by WPeMatico", "wpematico.powered-by"),
    ("The original article can be found here.", "autoblog.original-here"),
    ("Disclaimer: This post was automatically generated from an RSS feed. We do not own the content.",
     "autoblog.imported-notice"),
    # a plugin's PHP message printed into the post (and so into the feed's body)
    ("Deprecated: Function create_function() is deprecated in /home/quay/public_html/wp-content/plugins/seo/seo.php "
     "on line 41", "php.message"),
    ('Warning: Undefined array key "ratio" in C:\\xampp\\htdocs\\wp-content\\themes\\quay\\functions.php on line 88',
     "php.message"),
    ("Notice: Trying to get property 'ID' of non-object in /srv/www/wp-includes/post-template.php on line 30",
     "php.message"),
    # a theme's and Jetpack's lines under a WordPress post (Jannah, WordPress.com)
    ("Check Also", "chrome.wordpress.en"),
    ("Back to top button", "chrome.wordpress.en"),
    ("No Comments", "chrome.wordpress.en"),
    ("Discover more from Harbour Notes", "chrome.wordpress.en"),
    ("Subscribe to get the latest posts sent to your email.", "chrome.wordpress.en"),
    ("Facebook Twitter LinkedIn Tumblr Pinterest Reddit VKontakte Share via Email Print", "chrome.share.en"),
    ("Pin", "chrome.share.en"),
    ("Discover more from the harbour's past at the town museum.", None),
    # Blogger's byline in Arabic as other templates word it, and "no comments" in Spanish
    ("أرسلت بواسطة Ann Lee في 10:15 ص", "chrome.blogger.ar"),
    ("Sin comentarios:", "chrome.blogger.es"),
    # WordPress.com's action bar and likes, a theme's author link, the default category
    ("Loading Comments...", "chrome.wordpress.en"),
    ("Comment Reblog Subscribe", "chrome.wordpress.en"),
    ("Liked by 1 person", "chrome.wordpress.en"),
    ("3 bloggers like this.", "chrome.wordpress.en"),
    ("View all posts by Ann Lee", "chrome.wordpress.en"),
    ("Uncategorized", "chrome.wordpress.en"),
    ("Published by the council in March, the plan runs to 40 pages.", None),
    ("Liked by many readers, the column ran for ten years.", None),
    # an old theme's row of comment links, and WordAds' label
    ("Comments RSS | Trackback URL", "chrome.wordpress.en"),
    ("Permalink | Leave a comment", "chrome.wordpress.en"),
    ("Kommentarfeed | Kommentare geschlossen | Trackback-URL", "chrome.wordpress.de"),
    ("About these ads", "chrome.wordpress.en"),
    ("Trackback and comments are closed on this blog, the editor wrote.", None),
    ("Permalink | trackback: two words the new blog owners had to learn.", None),
    # an article's line that holds template words among others is text
    ("Share this post on the home page of your blog.", None),
    ("The original source is available on request.", None),
    ("This story was generated by Automated Insights using data from the league.", None),
    ("Home Newer Post office", None),
    # another paper's syndicated-feed notice, a copying site's takedown and "fair use" notices, a caption's
    # label, a cookie banner's text, a theme's breadcrumb printed under the post
    ("(Only the headline and picture of this report may have been reworked by the Harbour Daily staff; the rest of "
     "the content is auto-generated from a syndicated feed.)", "chrome.site.en"),
    ("DMCA: We respect copyright. If you own any content here and want it removed, contact us.", "chrome.site.en"),
    ("Copyright Disclaimer Under Section 107 of the Copyright Act 1976, allowance is made for \"fair use\" for purposes "
     "such as criticism, comment, news reporting, teaching, scholarship, and research.", "chrome.site.en"),
    ("Featured image: the northern pier after the January storm. Photo: Harbour Daily", "chrome.site.en"),
    ("Featured Image Credit: Harbour Daily", "credits.image"), ("Featured image via Flickr", "credits.image"),
    ("Note: This article is auto-generated from a syndicated feed.", "chrome.site.en"),
    ("This story has been published from a wire agency feed without modifications to the text.", "chrome.site.en"),
    ("This story has been published from a wire agency feed without modifications to the text. Only the headline "
     "has been changed.", "chrome.site.en"),
    # a news site's buttons under the text: an audio player's, a text-size switch, following a writer, a
    # reading list, a response count, a tip line, a blog platform's sign-up prompt
    ("Listen \u00b7 4:12 min", "chrome.site.en"), ("Text size A A A", "chrome.site.en"),
    ("Follow this author", "chrome.site.en"), ("Add to reading list", "chrome.site.en"),
    ("Responses (3)", "chrome.site.en"), ("42 notes", "chrome.site.en"), ("Click to enlarge", "chrome.site.en"),
    ("Got a story? Contact us at news@harbourdaily.example", "chrome.site.en"),
    ("Sign up to discover human stories that deepen your understanding of the world.", "chrome.site.en"),
    # the same buttons in Spanish, Portuguese, French, German and Indonesian
    ("Deja tu comentario", "chrome.site.es"), ("Deixe seu coment\u00e1rio", "chrome.site.pt"),
    ("Son Dakika Haberleri", "chrome.site.tr"), ("Yorumlar (3)", "chrome.site.tr"),
    ("Also Watch", "chrome.site.en"), ("Trending Topics", "chrome.site.en"), ("Permalink", "chrome.site.en"),
    ("Najnowsze wiadomo\u015bci", "chrome.site.pl"), ("Skomentuj", "chrome.site.pl"), ("Ultime notizie", "chrome.site.it"),
    ("Derni\u00e8res actualit\u00e9s", "chrome.site.fr"), ("Kommentar schreiben", "chrome.site.de"),
    ("Tama\u00f1o de letra", "chrome.site.es"), ("Ouvir esta not\u00edcia", "chrome.site.pt"),
    ("Suivre cet auteur", "chrome.site.fr"), ("Artikel merken", "chrome.site.de"), ("Komentar (6)", "chrome.site.id"),
    ("Laporkan kesalahan", "chrome.site.id"),
    ("(Disclaimer: This story is auto-generated from a syndicated feed; only the image and headline may have been "
     "reworked by Harbour Daily)", "chrome.site.en"),
    ("This content is imported from Twitter. You may be able to find the same content in another format, or you may be "
     "able to find more information, at their web site.", "chrome.embed-placeholder"),
    ("We use cookies to ensure that we give you the best experience on our website. If you continue to use this "
     "site we will assume that you are happy with it.", "chrome.site.en"),
    ("This website uses cookies to improve your experience. We'll assume you're ok with this.", "chrome.site.en"),
    ("By continuing to use this site, you agree to the use of cookies.", "chrome.site.en"),
    ("Home \u00bb News \u00bb Pier plan approved", "chrome.breadcrumb"),
    ("Home > Local > Harbour", "chrome.breadcrumb"),
    ("Note: This article have been indexed to our site. We do not claim legitimacy, ownership or copyright of any of "
     "the content above. To see the article at original source Click Here", "autoblog.indexed-notice"),
    ("We do not claim ownership or copyright of any of the content above.", "autoblog.indexed-notice"),
    # a copying site's credit handed back, its disowning line and its offer to take the post down
    ("All credits go to the original author.", "autoblog.indexed-notice"),
    ("We do not own this content.", "autoblog.indexed-notice"),
    ("If you are the owner of this content and want it removed, please contact us.", "autoblog.indexed-notice"),
    ("This article was published automatically by our news bot.", "autoblog.imported-notice"),
    # the blogs' languages: a lone "Comments" or related box heading, a copyright line, a call to follow on
    # Google News, a portal's prompts, an end mark, a video promotion
    ("Comentarios", "chrome.site.es"), ("Comentários", "chrome.site.pt"), ("Kommentare", "chrome.site.de"),
    ("Commentaires", "chrome.site.fr"), ("टिप्पणियां", "chrome.site.hi"), ("Te recomendamos", "chrome.site.es"),
    ("Lo más leído", "chrome.site.es"), ("Temas relacionados", "chrome.site.es"), ("Новости по теме", "chrome.site.ru"),
    ("संबंधित खबरें", "chrome.site.hi"), ("Riproduzione riservata \u00a9", "chrome.site.it"),
    ("Google News'te takip edin", "chrome.site.tr"), ("Google News पर फॉलो करें", "chrome.site.hi"),
    ("Google News'te Takip Et", "chrome.site.tr"),
    ("Dapatkan update berita pilihan dan breaking news setiap hari dari Harian Pelabuhan. Mari bergabung di Grup "
     "Telegram \"Harian Pelabuhan Update\", caranya klik link https://t.me/harianupdate, kemudian join.", "chrome.site.id"),
    ("Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses berita Harian "
     "Pelabuhan WhatsApp Channel : https://www.whatsapp.com/channel/0029VaF", "chrome.site.id"),
    ("(*)", "text.mark-line"), ("Tonton juga video berikut ini", "promo.video-id"), ("Tonton juga", "promo.video-id"),
    # a news portal's own closing lines, carried along by copies
    ("Catch all the Business News, Market News, Breaking News Events and Latest News Updates on Harbour Mint. "
     "Download The Harbour Mint News App to get Daily Market Updates.", "promo.portal-footer"),
    ("(Catch all the Business News, Breaking News Events and Latest News Updates on The Port Times.)",
     "promo.portal-footer"),
    ("Subscribe to The Port Times Prime and read the PT ePaper online.", "promo.portal-footer"),
    ("For more news like this visit PortHealth.example", "promo.portal-footer"),
    ("Get Latest News Live on Port Times along with Breaking News and Top Headlines from India and around the world.",
     "promo.portal-footer"),
    ("Read all the Latest News, Trending News, Cricket News, Bollywood News, India News and Entertainment News here. "
     "Follow us on Facebook, Twitter and Instagram.", "promo.portal-footer"),
    ("Stay updated with the latest news on Harbour Mint.", "promo.portal-footer"),
    ("Baca berita dengan sedikit iklan, klik di sini", "promo.portal-footer"),
    ("© dpa-infocom, dpa:261009-99-123456/2", "credits.wire-notice"),
    # a search-engine splog's keyword list, and a plain site's pager with a bar between its halves
    ("Incoming search terms: bridge reopening date, harbour bridge repairs cost", "seo.search-terms"),
    ("Related searches: harbour bridge, bridge closure, cheap ferry tickets", "seo.search-terms"),
    ("People also search for: bridge opening times, harbour traffic", "seo.search-terms"),
    ("Pencarian terkait: jembatan pelabuhan, jadwal feri", "seo.search-terms"),
    ("\u00ab Previous article | Next article \u00bb", "chrome.wordpress.en"),
    # a WordPress theme's credit in the footer, in WordPress's languages; its Chinese, Spanish, French and Dutch
    # navigation, share and reply-form lines
    ("Theme by Blossom Themes. Powered by WordPress.", "chrome.site.any"),
    ("Copyright \u00a9 2026 Bridge Daily | Theme: Newspaperly by Jane Doe | Powered by WordPress", "chrome.site.any"),
    ("Tema: ColorMag oleh ThemeGrill.", "chrome.site.any"), ("Fi\u00e8rement propuls\u00e9 par WordPress", "chrome.site.any"),
    ("\u6587\u7ae0\u5bfc\u822a", "chrome.wordpress.zh"), ("Compartir esto:", "chrome.wordpress.es"),
    ("Navigation des articles", "chrome.wordpress.fr"), ("Kirim Komentar", "chrome.wordpress.id"),
    ("Noticia relacionada", "chrome.site.es"),
    ("Saksikan Video Pilihan di Bawah Ini:", "chrome.wordpress.id"), ("Je e-mailadres zal niet getoond worden.", "chrome.wordpress.nl"),
    ("Powered by WordPress, the council's new site went live in May.", None),
    # a Japanese and a Korean portal's links under its story
    ("\u5199\u771f\u3092\u898b\u308b\uff08\u51685\u679a\uff09", "chrome.site.ja"), ("\u3010\u95a2\u9023\u8a18\u4e8b\u3011", "chrome.site.ja"),
    ("\u7121\u65ad\u8ee2\u8f09\u7981\u6b62", "chrome.site.ja"), ("\uc774 \uae30\uc0ac\ub97c \uacf5\uc720\ud569\ub2c8\ub2e4", "chrome.site.ko"),
    # a Chinese portal's buttons, the original's headline and a reporter's credit under its story
    ("\u3010\u7ea0\u9519\u3011", "chrome.site.zh"), ("\u626b\u4e00\u626b\u5728\u624b\u673a\u6253\u5f00\u5f53\u524d\u9875", "chrome.site.zh"),
    ("\u539f\u6807\u9898\uff1a\u6e2f\u6e7e\u6e21\u8f6e\u505c\u822a", "chrome.site.zh"),
    ("\u8bb0\u8005 \u5f20\u4e09 \u62a5\u9053", "chrome.site.zh"),
    ("\u8bb0\u8005\u8c03\u67e5\u53d1\u73b0\uff0c\u6e21\u8f6e\u505c\u822a\u540e\u5c45\u6c11\u51fa\u884c\u65f6\u95f4\u589e\u52a0\u4e86\u3002", None),
    ("The site was hacked last year. Powered by WordPress, it ran an old plugin.", None),
    ("People also ask: when will the bridge close again?", None),
    ("Related searches on the council's site rose by a third after the closure.", None),
    ("Home > Settings is where the new switch sits, the firm said.", None),
    ("The museum uses cookies to teach children about old bakeries.", None),
    ("Featured in the council's report, the pier will be rebuilt.", None),
])
def test_tail_residue_is_cut(tail: str, rule: str | None) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    if rule is None:
        assert out.text.endswith(tail)
    else:
        assert out.text == BODY
        assert out.removed == [(rule, tail)]


@pytest.mark.parametrize(("line", "publisher"), [
    ("For more news like this visit The Port Times.", "The Port Times"),
    ("Get Latest News Live on Port Times along with Breaking News and Top Headlines from India and around the world.",
     "Port Times"),
    ("Stay updated with the latest news on Harbour Mint.", "Harbour Mint"),
])
def test_a_portals_closing_line_names_the_portal_without_its_full_stop(line: str, publisher: str) -> None:
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.harvest.publishers == [publisher]


@pytest.mark.parametrize("text", [
    # traps: article lines that look like residue stay
    "Source: Reuters and local agencies",
    "SOURCE: Coastal Ledger and news agencies",
    "Analysts said Google News traffic to the site fell by half.",
    'The sign at the door read "Post a Comment" in large letters.',
    "IFTTT, the automation service, said it would raise prices next month.",
    "The company said its post appeared first on a partner site, which it called a mistake.",
    "Copyright lawyers for the harbour board said the logo was theirs.",
    "Originally published in 1998, the harbour guide is now out of print.",
    "Reporting by phone from the island was impossible for a week.",
    "More from him later.",
    "Print editions will cost more from May.",
    "The story was first published on a Tuesday, when few people read it.",
    "Critics said this site includes affiliate links without saying so.",
    "Download the app from Google Play or the App Store to check your balance.",
    "Readers can follow us on the ferry's route map, the operator joked.",
    "Copyright law changed in 2019.",
    "The story first appeared in the 1990s.",
    "Warning: the ferry in the harbour on line 4 will not sail today.",
    "Notice: the council meets in /Room 2 on Tuesday.",
    "A newsletter da prefeitura informou que as obras começam em janeiro.",
    "Subscribers to the council's newsletter were told about the closure on Monday.",
    "Home",
    # sentences that open with a template's label or credit words
    "Posted by the council in March, the plan runs to 40 pages.",
    "Publicado por el ayuntamiento en marzo, el plan tiene 40 páginas.",
    "Diposting oleh pemerintah kota pada Maret, rencana itu setebal 40 halaman.",
    "Posted on the island's notice board, the plan drew 40 comments.",
    "Categories: the council listed three, from parks to roads, in its report.",
    "Tags: the council will issue new parking tags to residents in May.",
    "Labels: the new law requires labels on every food package sold.",
    "Etiquetas: la nueva ley exige etiquetas en cada paquete de comida.",
    "Filed under a different name, the claim was rejected by the court.",
    "Leave a comment / question below and we will answer it.", "By train / by car the trip takes 4 hours",
    "Ferries | Piers | Harbours", "The login page | the register form | and the help desk",
    "Wir verwenden Cookies nur selten, sagte der Datenschützer am Montag.",
    "Nous utilisons des cookies depuis 2019, a dit le directeur de la mairie.",
    "Veröffentlicht in der Zeitung stand, dass der Hafen schließt.", "Publicado en 2019, el informe dice que el puerto cerró.",
    "Publié dans le journal local, le rapport a été lu par tous.",
    "نشر بواسطة الحكومة تقريرا مفصلا عن الميناء في العام الماضي.",
    "Author: the council's chief planner, who asked not to be named.",
    "Published on Monday, the plan was 40 pages.",
    "Catch the latest news on the harbour on our website.", "We will catch all the updates on Friday.",
    "Download the app to get the timetable.",
])
def test_article_lines_that_look_like_residue_stay(text: str) -> None:
    body = BODY + "\n" + text if text != "Home" else "Home\n" + BODY
    out = cut_text(body, RULES, Context(title="Something else"))
    assert text in out.text.split("\n") or text == "Home"
    assert BODY in out.text


def test_wp_automatic_credit_is_cut_as_the_first_line_and_names_the_tool() -> None:
    out = cut_text("This post was originally published on this site\n" + BODY, RULES, Context())
    assert out.text == BODY
    assert out.removed == [("wp-automatic.originally-published", "This post was originally published on this site")]
    assert out.harvest.tools == ["wp-automatic"]


def test_ifttt_tail_harvests_provenance_in_text_order() -> None:
    tail = ("Let's block ads! (Why?)\nWorld - Latest - Google News\nMarch 3, 2026 at 09:41AM\n"
            "https://ift.tt/3abcdEF\nBridge reopens - Coastal Ledger\nWorld - Latest - Google News\n"
            "https://ift.tt/3ghijKL")
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY
    h = out.harvest
    assert h.feed_titles == ["World - Latest - Google News"]
    assert h.links == ["https://ift.tt/3abcdEF", "https://ift.tt/3ghijKL"]
    assert h.publishers == ["Coastal Ledger"]
    assert h.autoposted_at == "March 3, 2026 at 09:41AM"
    assert h.tools == ["fivefilters", "google-news", "ifttt"]


@pytest.mark.parametrize(("line", "rule"), [
    ("https://ift.tt/2RpVTP6", "ifttt.link"),
    ("https://ift.tt/2RpVTP6 via IFTTT", "ifttt.link"),
    ("from Hacker News https://ift.tt/36D7NLV", "ifttt.from-feed"),
    ("Source: https://ift.tt/2VBG2hr", "ifttt.source-link"),
    ("Link: https://ift.tt/2VBG2hr", "ifttt.labelled-link"),
    ("via IFTTT", "ifttt.via"),
    ("Let's block ads! (Why?)", "fivefilters.blockads"),
    ("World - Latest - Google News", "google-news.feed-title"),
    ("https://news.google.com/rss/articles/CBMiK2h0dHBzOi8vZXhhbXBsZS5jb20vYS5odG1s0gEA?oc=5", "google-news.link"),
    ("Go to Source", "wpematico.go-to-source"),
    ("View original post", "feedwordpress.view-original"),
    ("This is a syndicated post, reprinted from Coastal Ledger.", "feedwordpress.syndicated"),
])
@pytest.mark.parametrize("at", ["above", "between"])
def test_a_tools_line_is_cut_above_the_text_and_between_its_lines(line: str, rule: str, at: str) -> None:
    """An IFTTT recipe may put the entry's short link (and feed title) above the text, and a post
    made of several feed entries has a footer after each: these lines are residue wherever they stand."""
    first, second = BODY.split("\n")
    text = f"{line}\n{BODY}" if at == "above" else f"{first}\n{line}\n{second}"
    out = cut_text(text, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY
    assert out.removed == [(rule, line)]


def test_the_byline_under_a_short_link_above_the_text_is_cut_too() -> None:
    out = cut_text("https://ift.tt/2RpVTP6\nPosted by Ann Lee\n" + BODY, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY
    assert out.harvest.links == ["https://ift.tt/2RpVTP6"] and out.harvest.tools == ["ifttt"]


@pytest.mark.parametrize("line", [
    # sentences the tools' tail rules would read at the end stay between an article's lines
    "The post office reopened on the island, which appeared first on Monday's list.",
    "The story of the lighthouse keeper first appeared on BBC Radio in 1998.",
    "Published on: the council's website, the plan runs to 40 pages.",
    "Author: the council's chief planner, who asked not to be named.",
    "March 3, 2026 at 10:15AM",
])
def test_a_line_only_the_tail_reads_as_residue_stays_between_paragraphs(line: str) -> None:
    first, second = BODY.split("\n")
    out = cut_text(f"{first}\n{line}\n{second}", RULES, Context(title="Bridge reopens"))
    assert out.text == f"{first}\n{line}\n{second}"


def test_inside_is_only_for_tail_rules(tmp_path) -> None:
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text("[[line]]\nid = 'x'\nwhere = 'head'\ninside = true\npattern = 'x'\n")
    with pytest.raises(RuleError, match="true only on a tail rule"):
        load_rules((str(tmp_path),))
    (tmp_path / "mine.toml").write_text("[[line]]\nid = 'x.promo'\ninside = true\npattern = 'get 50% off at .+'\n")
    promo = "Get 50% off at pills.example"
    out = cut_text(f"{promo}\n" + BODY.replace("\n", f"\n{promo}\n"), load_rules((str(tmp_path),)), Context())
    assert out.text == BODY and [r for r, _ in out.removed] == ["x.promo", "x.promo"]


def test_custom_feed_title_is_cut_only_when_it_looks_like_one() -> None:
    tail = "\nTech Headlines Daily\nMarch 3, 2026 at 09:41AM\nhttps://ift.tt/3abcdEF"
    out = cut_text(BODY + tail, RULES, Context())
    assert out.text == BODY and out.harvest.feed_titles == ["Tech Headlines Daily"]
    # an article line just above the IFTTT date stays: it ends like a sentence
    out = cut_text("Intro line here.\nReporters were told to wait.\nMarch 3, 2026 at 09:41AM", RULES, Context())
    assert out.text == "Intro line here.\nReporters were told to wait."


def test_head_scan_drops_title_blog_name_and_chrome() -> None:
    text = "Search\nBridge reopens - Coastal Ledger\nexample.blogspot.com\n" + BODY
    out = cut_text(text, RULES, Context(title="Bridge reopens - Coastal Ledger", blog_host="example.blogspot.com"))
    assert out.text == BODY
    assert [r for r, _ in out.removed] == ["chrome.blogger.en", "head.title", "head.blog-name"]


def test_user_rules_directory_extends_the_rules(tmp_path) -> None:
    (tmp_path / "extra.toml").write_text(
        '[[line]]\nid = "custom.promo"\npattern = \'\'\'get 50% off at .+\'\'\'\n', encoding="utf-8")
    rules = load_rules((str(tmp_path),))
    out = cut_text(BODY + "\nGet 50% off at pills.example", rules, Context())
    assert out.text == BODY and out.removed == [("custom.promo", "Get 50% off at pills.example")]


@pytest.mark.parametrize(("pattern", "line", "cut"), [
    (r".{0,40}\bharbour rights kept\.?", "Harbour Daily, 2026. Harbour rights kept.", True),
    (r".{0,40}\bharbour rights kept\.?", "Harbour rights were kept by the court on Monday.", False),
    (r"(tip|send) us (a|your) (story|tip)", "Send us your story", True),  # (no fixed text to gate on)
    (r"\d+ stars?", "5 stars", True),
    (r"(?P<who>\w+) loved this", "Ana loved this", True),
    (r"rate this: .*", "Rate this: " + "★" * 500, True),  # (no longest match: any length is tried)
])
def test_a_users_chrome_pattern_matches_the_lines_it_says_and_only_those(tmp_path, pattern, line, cut) -> None:
    """Chrome patterns are tried only on lines that could match them (short enough, holding their fixed
    text): a user's set still cuts all its lines, whatever the shape of its pattern."""
    quotes = "'" * 3
    (tmp_path / "extra.toml").write_text(f"[chrome.site.xx]\nlines = []\npatterns = [{quotes}{pattern}{quotes}]\n",
                                         encoding="utf-8")
    rules = load_rules((str(tmp_path),))
    out = cut_text(BODY + "\n" + line, rules, Context())
    assert (out.removed == [("chrome.site.xx", line)]) is cut
    assert rules.chrome_match(fold(line).lower()) is (rules.chrome[-1] if cut else None)


def test_fold_is_the_translation_table_then_whitespace_collapsed() -> None:
    # fold skips the table for ASCII text and collapses with str.split(): the same result as the
    # plain definition for every character that is whitespace or folded, alone, doubled and between words
    import re

    from pipelines.rules import _FOLD, fold

    def reference(text: str) -> str:
        return re.sub(r"\s+", " ", text.translate(_FOLD)).strip()

    chars = [chr(cp) for cp in range(0x3100) if not 0xD800 <= cp <= 0xDFFF]
    chars += [chr(cp) for cp in _FOLD] + ["\ufeff", "\u205f", "\U0001f600"]
    for c in chars:
        for text in (c, f"a{c}b", f" {c}{c} x {c}", f"Caf\u00e9{c}\u2019s"):
            assert fold(text) == reference(text), hex(ord(c))


def test_rules_are_tested_together_only_when_joining_them_keeps_their_meaning() -> None:
    import re

    from pipelines.htmltext import any_of

    joined = any_of((re.compile("go to source", re.I), re.compile("read more at .+", re.I)))
    assert joined.fullmatch("Go to Source") and joined.fullmatch("read more at the Herald")
    assert not joined.fullmatch("go to source now") and not joined.fullmatch("read more")
    # a back-reference or a leading global flag would change meaning or fail inside an alternation
    assert any_of((re.compile(r"(\w+) and \1", re.I), re.compile("source", re.I))) is None
    assert any_of((re.compile("source", re.I), re.compile("(?x) go \\ to", re.I))) is None
    assert any_of(()) is None


@pytest.mark.parametrize(("html", "kept", "rule", "publisher", "source_url"), [
    # WP RSS Aggregator: "Source:" and a link named after the feed source
    ('<p>Source: <a href="https://ledger.example/bridge">The Coastal Ledger</a></p>', "", "wprss.source-name",
     "The Coastal Ledger", "https://ledger.example/bridge"),
    ('<div>Source: <a href="https://ledger.example/bridge"><b>Coastal Ledger</b></a>.</div>', "",
     "wprss.source-name", "Coastal Ledger", "https://ledger.example/bridge"),
    # traps: an article's own closing attribution without a link, and a sentence with a link, stay
    ("<p>SOURCE: Al Jazeera and news agencies</p>", "SOURCE: Al Jazeera and news agencies", None, None, None),
    ('<p>The data source: <a href="https://stats.example/">the census</a> shows growth.</p>',
     "The data source: the census shows growth.", None, None, None),
    ('<div>SOURCE: Al Jazeera and news agencies via <a href="https://ifttt.com/?ref=da">IFTTT</a></div>',
     "SOURCE: Al Jazeera and news agencies via IFTTT", None, None, None),
    # the same credit in parentheses, with other labels, in other languages
    ('<p>(Source: <a href="https://ledger.example/bridge">The Coastal Ledger</a>)</p>', "", "wprss.source-name",
     "The Coastal Ledger", "https://ledger.example/bridge"),
    ('<p>Credit: <a href="https://ledger.example/bridge">Coastal Ledger</a></p>', "", "autoblog.source-label",
     "Coastal Ledger", "https://ledger.example/bridge"),
    ('<p>Courtesy: <a href="https://ledger.example/bridge">Coastal Ledger</a></p>', "", "autoblog.source-label",
     "Coastal Ledger", "https://ledger.example/bridge"),
    ('<p>بشکریہ: <a href="https://ledger.example/bridge">روزنامہ ساحل</a></p>', "", "autoblog.source-label",
     "روزنامہ ساحل", "https://ledger.example/bridge"),
    ('<p>Via <a href="https://ledger.example/bridge">Coastal Ledger</a></p>', "", "autoblog.source-label",
     "Coastal Ledger", "https://ledger.example/bridge"),
    ('<p>Sumber: <a href="https://kabar.example/jembatan">Kabar Pesisir</a></p>', "", "autoblog.source-label",
     "Kabar Pesisir", "https://kabar.example/jembatan"),
    ('<p>(Fuente: <a href="https://diario.example/puente">Diario Costero</a>)</p>', "", "autoblog.source-label",
     "Diario Costero", "https://diario.example/puente"),
    ('<p>Источник: <a href="https://vesti.example/most">Заречные Вести</a></p>', "", "autoblog.source-label",
     "Заречные Вести", "https://vesti.example/most"),
    ('<p>出典：<a href="https://shinbun.example/hashi">港町新聞</a></p>', "", "autoblog.source-label",
     "港町新聞", "https://shinbun.example/hashi"),
    ('<p>Kaynak: <a href="https://gazete.example/kopru">Liman Gazetesi</a></p>', "", "autoblog.source-label",
     "Liman Gazetesi", "https://gazete.example/kopru"),
    ('<p>منبع: <a href="https://ruzname.example/pol">روزنامه ساحل</a></p>', "", "autoblog.source-label",
     "روزنامه ساحل", "https://ruzname.example/pol"),
    ('<p>Fuente original: <a href="https://diario.example/puente">Diario Costero</a></p>', "", "autoblog.source-label",
     "Diario Costero", "https://diario.example/puente"),
    ('<div>Source originale : <a href="https://journal.example/pont">Le Courrier du Port</a></div>', "",
     "autoblog.source-label", "Le Courrier du Port", "https://journal.example/pont"),
    ('<p>Créditos: <a href="https://jornalcosta.example/cais">Jornal da Costa</a></p>', "", "autoblog.source-label",
     "Jornal da Costa", "https://jornalcosta.example/cais"),
    ('<p>Crédito: <a href="https://diario.example/puente">Diario Costero</a></p>', "", "autoblog.source-label",
     "Diario Costero", "https://diario.example/puente"),
    # Google News's link to a story's full coverage, alone in its block
    ('<p><strong><a href="https://news.google.com/rss/articles/CBMiHWh0dHBzOi8vbGVkZ2VyLmV4YW1wbGUvYnJpZGdl?oc=5">'
     'View Full coverage on Google News</a></strong></p>', "", "google-news.full-coverage", None,
     "https://ledger.example/bridge"),
    ('<p><a href="https://news.google.com/rss/articles/CBMiHWh0dHBzOi8vbGVkZ2VyLmV4YW1wbGUvYnJpZGdl?oc=5">'
     'Ver la cobertura completa en Google Noticias</a></p>', "", "google-news.full-coverage", None,
     "https://ledger.example/bridge"),
    ('<p><a href="https://news.google.com/rss/articles/CBMiHWh0dHBzOi8vbGVkZ2VyLmV4YW1wbGUvYnJpZGdl?oc=5">'
     'View Full coverage on Google News \u00bb</a></p>', "", "google-news.full-coverage", None,
     "https://ledger.example/bridge"),
    # an article's sentence that links to Google News stays
    ('<p>The ministry pointed readers to <a href="https://news.google.com/topics/x">Google News</a> for updates.</p>',
     "The ministry pointed readers to Google News for updates.", None, None, None),
    # the label in its own element ("<strong>Source</strong>: <a>…</a>")
    ('<p><strong>Source</strong>: <a href="https://ledger.example/bridge">Coastal Ledger</a></p>', "",
     "wprss.source-name", "Coastal Ledger", "https://ledger.example/bridge"),
    # a link that shows its own address names no publisher; a name with capitals does
    ('<p>Original article: <a href="https://ledger.example/bridge">ledger.example</a></p>', "",
     "autoblog.source-label", None, "https://ledger.example/bridge"),
    ('<p>Source: <a href="https://www.kompas.example/x">Kompas.example</a></p>', "", "wprss.source-name",
     "Kompas.example", "https://www.kompas.example/x"),
    # traps: a sentence that begins with one of the words and links somewhere stays
    ('<p>Via <a href="https://social.example/mayor">her account</a> the mayor thanked the crews.</p>',
     "Via her account the mayor thanked the crews.", None, None, None),
    ('<p>Credit: card payments at the <a href="https://ferry.example/">ferry</a> start in May.</p>',
     "Credit: card payments at the ferry start in May.", None, None, None),
])
def test_source_lines_with_a_link_are_cut_and_give_the_source(html, kept, rule, publisher, source_url) -> None:
    from pipelines.htmltext import cut_blocks, parse_fragment, to_text

    body = "<p>The council approved the plan on Tuesday.</p>"
    root = parse_fragment(body + html)
    harvest = Harvest()
    removed = cut_blocks(root, RULES, harvest)
    assert to_text(root).strip().splitlines()[1:] == ([kept] if kept else [])
    assert [r for r, _text in removed] == ([rule] if rule else [])
    assert harvest.publishers == ([publisher] if publisher else [])
    assert harvest.source_urls == ([source_url] if source_url else [])


@pytest.mark.parametrize(("words", "cut"), [
    ("Let's block ads! (Why?)", True),
    # a splog that machine-translates what it copies keeps the links under its language's words
    ("Vamos bloquear anúncios! (Por quê?)", True),
    ("¡Bloqueemos los anuncios! (¿Por qué?)", True),
    ("Lass uns Werbung blockieren! (Warum?)", True),
    # an article that links the host as an ad-blocker test page stays
    ("Open the test page to see whether your blocker works.", False),
])
def test_the_full_text_services_footer_is_cut_in_any_language_it_was_translated_into(words: str, cut: bool) -> None:
    from pipelines.htmltext import cut_blocks, parse_fragment, to_text

    first, rest = words.split("(", 1) if "(" in words else (words, "")
    link = (f'<p><a href="https://blockads.fivefilters.org/">{first.strip()}</a>'
            + (f' <a href="https://blockads.fivefilters.org/acceptable.html">({rest}</a>' if rest else "") + "</p>")
    root = parse_fragment("<p>The council approved the plan on Tuesday.</p>" + link)
    harvest = Harvest()
    removed = cut_blocks(root, RULES, harvest)
    assert (to_text(root).strip() == "The council approved the plan on Tuesday.") is cut
    assert ("fivefilters" in harvest.tools) is cut and len(removed) == cut


def test_a_rule_on_any_link_needs_a_hint(tmp_path) -> None:
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text("[[block]]\nid = 'x'\nlink_host = ['*']\ntext = '''via:.*'''\n")
    with pytest.raises(RuleError, match="needs a text pattern and a hint"):
        load_rules((str(tmp_path),))


def test_an_inline_rule_needs_the_host_of_its_anchor(tmp_path) -> None:
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text("[[block]]\nid = 'x'\nafter = ['font']\n")
    with pytest.raises(RuleError, match="after needs link_host"):
        load_rules((str(tmp_path),))


def test_google_news_items_are_cut_but_an_article_s_own_link_to_it_stays() -> None:
    from lxml import html as lxml_html

    from pipelines.htmltext import cut_blocks

    link = "https://news.google.com/rss/articles/CBMiAbc?oc=5"
    root = lxml_html.fragment_fromstring(
        f"<div><p>Harbour fees rise, said <a href='{link}'>a report</a> <b>quoted</b> by the council.</p>"
        f"<ol><li><a href='{link}'>Fees rise</a>&nbsp;&nbsp;<font color='#6f6f6f'>Coastal Ledger</font></li></ol>"
        f"<a href='{link}'>Fees rise again</a> <font>Tide Times</font></div>")
    harvest = Harvest()
    removed = cut_blocks(root, RULES, harvest)
    assert [r for r, _text in removed] == ["google-news.description"] * 2
    assert root.find(".//ol") is None and "said a report quoted by the council" in "".join(root.itertext())
    assert harvest.publishers == ["Coastal Ledger", "Tide Times"] and "google-news" in harvest.tools


@pytest.mark.parametrize(("tail", "publisher", "source_url"), [
    ("Read the full article at Reuters", "Reuters", None),
    ("Continue reading at The Coastal Ledger.", "The Coastal Ledger", None),
    ("Read more at: https://ledger.example/bridge", None, "https://ledger.example/bridge"),
    ("Read more: https://ledger.example/bridge", None, "https://ledger.example/bridge"),
    ("Read more »", None, None),  # (» folds to a double quote)
    ("Read more.", None, None),
    ("Click here to read the full story.", None, None),
    ("Sumber: Kompas.com", "Kompas.com", None),  # an address with capitals is a name
    ("(Sumber: detik.com)", None, None),  # a lower-case address is not
    ("Continue reading: https://ledger.example/bridge", None, "https://ledger.example/bridge"),
    # in the blogs' other languages
    ("Leer más", None, None),
    ("Lire la suite »", None, None),
    ("Weiterlesen: https://ledger.example/bridge", None, "https://ledger.example/bridge"),
    ("Baca selengkapnya", None, None),
    ("Đọc tiếp", None, None),
    ("اقرأ المزيد", None, None),
    ("Lees verder", None, None), ("Läs mer", None, None), ("Lue lisää", None, None), ("Olvass tovább", None, None),
    ("Citește mai mult", None, None), ("Διαβάστε περισσότερα", None, None), ("Читати далі", None, None),
    ("ادامه مطلب", None, None), ("Soma zaidi", None, None), ("Pokračovat ve čtení", None, None), ("อ่านต่อ", None, None),
    ("全文を読む", None, None), ("記事全文を読む", None, None), ("続きはこちら", None, None),
    ("Lesen Sie den ganzen Artikel bei SZ.de", "SZ.de", None),
    ("Den vollständigen Artikel lesen bei Kieler Nachrichten", "Kieler Nachrichten", None),
    ("Lire l'article complet sur Le Courrier du Port", "Le Courrier du Port", None),
    ("Leer el artículo completo en El Faro", "El Faro", None),
    ("Leia a matéria completa no Diário do Cais", "Diário do Cais", None),
    ("Leer m\u00e1s en El Faro \u2192", "El Faro", None), ("Leia mais em Di\u00e1rio do Cais \u00bb", "Di\u00e1rio do Cais", None),
    ("Leggi l'articolo completo su Il Molo", "Il Molo", None),
    ("Baca artikel selengkapnya di Kompas.com", "Kompas.com", None),
    ("Lees het volledige artikel op NOS.nl", "NOS.nl", None),
    ("Read more at the council's website", None, None),  # (cut; a lower-case phrase is no name)
    ("Matéria completa em Gazeta do Vale", "Gazeta do Vale", None),
    ("Clique aqui para ler a matéria completa", None, None),
    ("Sigue leyendo en El Faro", "El Faro", None),
    ("Подробнее читайте на сайте Северные вести", "Северные вести", None),
    ("Подробнее на РБК: https://ledger.example/bridge", "РБК", "https://ledger.example/bridge"),
    ("Читать полностью", None, None),
    ("اقرأ المزيد على موقع الميناء", "الميناء", None),
    ("أكمل القراءة", None, None),
    ("Czytaj dalej na stronie Gazeta Portowa", "Gazeta Portowa", None),
    ("Klik untuk baca: https://ledger.example/bridge", None, "https://ledger.example/bridge"),
    ("Read the full story here", None, None),
    ("Full article: https://ledger.example/bridge", None, "https://ledger.example/bridge"),
    ("Xem chi tiết tại: https://ledger.example/bridge", None, "https://ledger.example/bridge"),
    ("Xem chi tiết tại đây", None, None),
    ("पूरी खबर पढ़ने के लिए यहां क्लिक करें", None, None),
    ("और पढ़ें", None, None),
    ("Pour lire la suite, cliquez ici", None, None),
    ("Den ganzen Artikel lesen", None, None),
    ("기사 원문 보기", None, None),
    ("查看原文", None, None),
    # the pointer in more of its English forms, and an excerpt's or an importer's credit
    ("Keep reading on The Coastal Ledger \u00bb", "The Coastal Ledger", None),
    ("Read the rest of this article at Coastal Ledger", "Coastal Ledger", None),
    ("This is an excerpt. Read the full article at Coastal Ledger.", "Coastal Ledger", None),
    ("To read the full story, visit Coastal Ledger.", "Coastal Ledger", None),
    ("Visit ledger.example for the full story.", "ledger.example", None),
    ("Excerpt from Coastal Ledger", "Coastal Ledger", None),
    ("Content retrieved from: https://ledger.example/bridge.", None, "https://ledger.example/bridge"),
    ("Read the rest of the story here.", None, None), ("Continue to the full article", None, None),
])
def test_read_more_lines_name_the_publisher_or_the_original(tail, publisher, source_url) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY
    assert out.harvest.publishers == ([publisher] if publisher else [])
    assert out.harvest.source_urls == ([source_url] if source_url else [])


@pytest.mark.parametrize("line", ["A matéria completa na edição de domingo traz os detalhes do projeto.",
                                  "Подробнее в нашем материале.", "Czytaj więcej w dziale sport",
                                  "Visit the harbour at dawn for the best view.", "Keep reading the tide tables before you sail.",
                                  "Leia mais no site da prefeitura, que publicou o edital completo."])
def test_a_read_more_sentence_without_a_name_after_it_stays(line: str) -> None:
    assert cut_text(BODY + "\n" + line, RULES, Context(title="Bridge reopens")).text == BODY + "\n" + line


@pytest.mark.parametrize(("head", "rule"), [
    ("Posted 2026-04-12 06:40", "chrome.posted-date"),
    ("Cập nhật lúc 09:12 ngày 12/04/2026", "chrome.updated"),
    ("12/04/2026 06h40 - Atualizado há 2 horas", "chrome.updated"),
    ("12/04/2026 06h40 Atualizado há 2 horas", "chrome.updated"),
    ("Published on 12/04/2026 by admin", "chrome.posted-date"),
    ("Updated: April 12, 2026 at 6:40 am", "chrome.updated-date"),
    # a weekday's short name before the date ("Sun 12 Apr 2026 06.40 BST", the Guardian's way)
    ("This article was last updated on April 12, 2026.", "chrome.updated-date"),
    ("Sun 12 Apr 2026 06.40 BST", "chrome.date-header"), ("Last modified on Sun 12 Apr 2026 06.40 BST", "chrome.updated-date"),
    # the last update's label of more than one word, in German, French, Spanish and Portuguese
    ("Zuletzt aktualisiert: 12.04.2026, 06:40 Uhr", "chrome.date-label"),
    ("Derni\u00e8re mise \u00e0 jour le 12/04/2026 \u00e0 06h40", "chrome.date-label"),
    ("\u00daltima actualizaci\u00f3n: 12 de abril de 2026, 06:40", "chrome.date-label"),
    ("\u00daltima atualiza\u00e7\u00e3o: 12/04/2026 \u00e0s 06h40", "chrome.date-label"),
    ("अपडेटेड: 12 अप्रैल 2026, 06:40 AM IST", "chrome.date-label"),
    ("Ultimo aggiornamento: 12 aprile 2026, 06:40", "chrome.date-label"),
    ("Laatst bijgewerkt op 12 april 2026 06:40", "chrome.date-label"),
    ("Ostatnia aktualizacja: 12 kwietnia 2026, 06:40", "chrome.date-label"),
    ("Terakhir diperbarui: 12 April 2026, 06:40 WIB", "chrome.date-label"),
    ("\u0622\u062e\u0631 \u062a\u062d\u062f\u064a\u062b: 12 \u0623\u0628\u0631\u064a\u0644 2026 - 06:40 "
     "\u0645\u0633\u0627\u0621\u064b", "chrome.date-label"),
    ("2026-04-12", "chrome.posted-date"),
    # a theme's meta line: the month's short form, the date of the last change, a category and a
    # comment count after bars, a comment link after the writer
    ("Apr 12, 2026 | News | 0 comments", "chrome.posted-date"),
    ("April 12, 2026 - Updated April 13, 2026", "chrome.posted-date"),
    ("April 12, 2026 by Ann Lee Leave a Comment", "chrome.posted-date"),
    ("Written by Ann Lee in Local News", "chrome.byline"), ("admin | April 12, 2026 | 0 Comments", "chrome.byline"),
    ("Reported By: Ann Lee", "chrome.byline"), ("Words by Ann Lee", "chrome.byline"), ("Story by Ann Lee", "chrome.byline"),
    ("Published - December 02, 2026 09:12 am IST", "chrome.date-label"),
    ("Updated - December 02, 2026 11:40 am IST", "chrome.date-label"),
    ("Story by the sea", None), ("Updated - the rules", None),
    ("Breaking News", "chrome.page-labels"),
    ("12 April 2026 was the day the council met.", None),  # an article's first sentence stays
    ("Apr 12, 2026 | the day the bridge reopened to traffic after two years.", None),
])
def test_a_themes_date_line_above_the_post_is_cut(head: str, rule: str | None) -> None:
    out = cut_text(head + "\n" + BODY, RULES, Context(title="Bridge reopens"))
    assert out.text == (BODY if rule else head + "\n" + BODY)
    assert [r for r, _ in out.removed] == ([rule] if rule else [])
    if "Ann Lee" in head:
        assert out.harvest.authors == ["Ann Lee"]
    if " - Updated " in head:
        assert out.harvest.updated == ["April 13, 2026"]
    if rule and head.startswith(("Zuletzt", "Derni", "\u00dalt", "\u0622\u062e\u0631", "अपडेटेड", "Ultimo", "Laatst", "Ostatnia",
                        "Terakhir", "Updated - ")):
        assert len(out.harvest.updated) == 1 and not out.harvest.published
    if "Sun 12 Apr" in head:
        assert (out.harvest.updated if "modified" in head else out.harvest.published) == ["12 Apr 2026 06.40 BST"]


@pytest.mark.parametrize(("line", "published", "updated"), [
    ("Publi\u00e9 le 2 d\u00e9cembre 2026 \u00e0 09h12, mis \u00e0 jour \u00e0 11h40", "2026-12-02T09:12", "2026-12-02T11:40"),
    ("Publi\u00e9 le 2 d\u00e9cembre 2026 \u00e0 09h12, modifi\u00e9 le 3 d\u00e9cembre 2026 \u00e0 11h40",
     "2026-12-02T09:12", "2026-12-03T11:40"),
    ("Ver\u00f6ffentlicht am 2. Dezember 2026, 09:12 Uhr, aktualisiert um 11:40 Uhr", "2026-12-02T09:12",
     "2026-12-02T11:40"),
    ("Published 9:12 a.m. ET Dec. 1, 2026 | Updated 3:15 p.m. ET", "2026-12-01T14:12", "2026-12-01T20:15"),
    ("Published December 1, 2026 | Updated 3:15 p.m.", "2026-12-01T00:00", "2026-12-01T15:15"),
    ("Diterbitkan 2 Desember 2026, 09:12 WIB | Diperbarui 11:40 WIB", "2026-12-02T02:12", "2026-12-02T04:40"),
    ("Publicado el 2 de diciembre de 2026 | Actualizado: 11:40", "2026-12-02T00:00", "2026-12-02T11:40"),
])
def test_a_date_line_that_gives_the_change_as_a_time_alone_dates_it_on_the_day_published(
        line: str, published: str, updated: str) -> None:
    from pipelines.draft import _line_time

    out = cut_text(f"{line}\n{BODY}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and len(out.harvest.published) == len(out.harvest.updated) == 1
    assert [_line_time(value, RULES.months, True).strftime("%Y-%m-%dT%H:%M")
            for value in out.harvest.published + out.harvest.updated] == [published, updated]


@pytest.mark.parametrize(("line", "field", "when"), [
    ("C\u1eadp nh\u1eadt l\u00fac 09:12 02/12/2026", "updated", "2026-12-02T09:12"),
    ("C\u1eadp nh\u1eadt l\u00fac 09:12 ng\u00e0y 02/12/2026 (GMT+7)", "updated", "2026-12-02T02:12"),
    ("\u0110\u0103ng l\u00fac 09:12 02/12/2026 (GMT+7)", "published", "2026-12-02T02:12"),
])
def test_a_vietnamese_date_line_with_the_time_before_the_date_is_read(line: str, field: str, when: str) -> None:
    from pipelines.draft import _line_time

    out = cut_text(f"{line}\n{BODY}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY
    values = getattr(out.harvest, field)
    assert len(values) == 1 and _line_time(values[0], RULES.months, True).strftime("%Y-%m-%dT%H:%M") == when


def test_a_known_publisher_after_the_headline_in_the_pages_title_is_the_source() -> None:
    """trafilatura's title reader drops "- Reuters" from "<title>Headline - Reuters</title>"; the
    publisher is still the record's. A name that is not a known publisher is not taken (on a page it
    is as often the splog's own)."""
    from pipelines.draft import _suffix_publisher

    title = "Wind farm bid rejected by island council"
    assert _suffix_publisher(title, title + " - Reuters", Harvest(), RULES) == "Reuters"
    assert _suffix_publisher(title, title + " - World Wire Mirror", Harvest(), RULES) is None
    news = Harvest(tools=["google-news"])
    assert _suffix_publisher(title, title + " - Island Gazette", news, RULES) == "Island Gazette"
    assert _suffix_publisher(title, "Another headline - Reuters", Harvest(), RULES) is None


def _between_paragraphs(line: str):
    """cut_text over BODY's two paragraphs with line between them."""
    first, second = BODY.split("\n")
    return cut_text(f"{first}\n{line}\n{second}", RULES, Context(title="Bridge reopens"))


def _block_between_paragraphs(block: str, **link_args) -> tuple[list[str], list[str], Harvest]:
    """The block rules and the link harvest over BODY's two paragraphs with an HTML block between
    them: the text's lines, the ids of the rules that cut, and the harvest."""
    from pipelines.htmltext import cut_blocks, harvest_links, parse_fragment, to_text

    first, second = BODY.split("\n")
    root = parse_fragment(f"<p>{first}</p>{block}<p>{second}</p>")
    harvest = Harvest()
    removed = cut_blocks(root, RULES, harvest)
    harvest_links(root, RULES, harvest, **link_args)
    return to_text(root).strip().splitlines(), [rule for rule, _ in removed], harvest


@pytest.mark.parametrize(("line", "cut"), [
    ("Also Read | Harbour fees rise again", True),
    ("READ MORE: Ferry strike called off", True),
    ("Baca juga: Harga cabai naik lagi di pasar induk", True),
    ("Tonton juga: Jadwal feri baru di pelabuhan", True),
    ("Lesen Sie auch: Die Fähre fährt wieder", True),
    ("Xem thêm: Giá vàng hôm nay tăng mạnh", True),
    ("Veja também: Chuva forte atinge o litoral", True),
    ("اقرأ أيضا: ارتفاع أسعار الذهب", True),
    ("Watch: The ferry's first crossing", True),
    ("Читайте также: Паром снова ходит по расписанию", True),
    ("あわせて読みたい：港まつり、今年は三日間に拡大", True),
    ("Czytaj także: Prom znów kursuje", True), ("Przeczytaj również: Prom znów kursuje", True),
    ("Olvasd el ezt is: Újra jár a komp", True),
    ("यह भी पढ़ें: बिजली की नई दरें लागू", True),
    ("بیشتر بخوانید: قیمت نان دوباره بالا رفت", True),
    ("อ่านเพิ่มเติม : รถไฟสายใหม่เปิดวันจันทร์", True),
    ("Διαβάστε επίσης: Το πλοίο δένει ξανά στο λιμάνι", True),
    ("Läs också: Färjan går igen", True),
    ("ये भी पढ़ें- बिजली की नई दरें लागू", True), ("மேலும் படிக்க: சென்னையில் மழை", True),
    ("İlginizi çekebilir: İstanbul'da sağanak", True), ("Δείτε επίσης: Βροχή στην Αθήνα", True),
    ("相关新闻：北京暴雨", True), ("Related - Ferry strike called off", True),
    ("RELATED PHOTOS: Harbour views at dawn", True), ("Related video: Storm hits the pier", True),
    ("Related coverage - Ferry strike called off", True), ("Related photos show the pier before the storm.", False),
    ("ఇవి కూడా చదవండి: హైదరాబాద్‌లో వర్షం", True), ("Прочетете още: Фериботът отново плава", True),
    ("Pročitajte i: Trajekt ponovno plovi", True), ("Preberite še: Trajekt spet pluje", True),
    ("Prečítajte si tiež: Trajekt opäť premáva", True), ("Llegiu també: El ferri torna a navegar", True),
    ("Olvassa el: Újra jár a komp", True),
    # in brackets, as Indonesian portals print it
    ("(Baca juga: Harga cabai naik lagi di pasar induk)", True), ("[Baca juga: Harga cabai naik lagi]", True),
    ("Related-party loans at the bank rose again.", False),
    ("Watch the council meeting again on its website.", False),
    # prose that starts the same way has no colon or bar after the words
    ("Read more about the plan on the council website.", False),
    ("Related projects in the region were delayed by the same dispute.", False),
])
def test_links_to_other_stories_between_paragraphs_are_cut(line: str, cut: bool) -> None:
    out = _between_paragraphs(line)
    assert out.text == (BODY if cut else BODY.replace("\n", f"\n{line}\n"))
    assert [r for r, _ in out.removed] == (["inline.read-also"] if cut else [])


JA_BODY = "港の新しい桟橋の計画が火曜日に承認され、工事は四月に始まる予定です。\n工事の期間はおよそ十八か月で、漁船は南側の岸壁を使うことになります。"


@pytest.mark.parametrize(("line", "rule"), [
    # the ad FC2, Seesaa and Hatena show on a blog left a month or more without a new post
    ("スポンサーサイト", "blog-host.stale-ad-ja"),
    ("上記の広告は1ヶ月以上更新のないブログに表示されています。 新しい記事を書く事で広告が消せます。", "blog-host.stale-ad-ja"),
    ("この広告は90日以上新しい記事の投稿がないブログに表示されております。", "blog-host.stale-ad-ja"),
    ("この広告は、90日以上更新していないブログに表示しています。", "blog-host.stale-ad-ja"),
    ("一定期間更新がないため広告を表示しています", "blog-host.stale-ad-ja"),
    # ranking banners and the plea to click them
    ("にほんブログ村 ニュースブログへ", "ranking.banner"), ("人気ブログランキング", "ranking.banner"),
    ("ランキングに参加しています。応援クリックお願いします！", "ranking.banner"),
    ("↑ よろしければクリックお願いします", "ranking.banner"),
])
def test_a_japanese_blog_hosts_notices_and_ranking_pleas_are_cut_wherever_they_stand(line: str, rule: str) -> None:
    for text in _placed(JA_BODY, line):
        out = cut_text(text, RULES, Context())
        assert out.text == JA_BODY and [r for r, _ in out.removed] == [rule]


@pytest.mark.parametrize("line", [
    "テーマ : 政治・経済・時事問題 ジャンル : 政治・経済", "コメント(0)", "コメント：0 | トラックバック：0", "[PR]",
    "posted by ann at 10:21| Comment(0) | ニュース |", "ann at 10:21│Comments(0)│ニュース", "Comment(0) | TrackBack(0)",
    "この記事へのトラックバック", "いいね！した人", "カテゴリ：ニュース", "2026-03-03 10:21 | ニュース | コメント(0)",
])
def test_a_japanese_blog_templates_lines_are_cut_above_and_under_the_text(line: str) -> None:
    for text in (f"{line}\n{JA_BODY}", f"{JA_BODY}\n{line}"):
        out = cut_text(text, RULES, Context())
        assert out.text == JA_BODY, text
    # (Blogger's English "Posted by …" reads Seesaa's footer first)
    assert out.harvest.chrome_languages == (["en"] if line.startswith("posted by") else ["ja"])


@pytest.mark.parametrize(("line", "published"), [
    ("2026年3月3日", "2026-03-03"), ("2026年3月3日（火） 10:21", "2026-03-03T10:21"), ("2026.03.03 (火)", "2026-03-03"),
    ("2026년 3월 3일 화요일", "2026-03-03"), ("2026年3月3日 星期二", "2026-03-03"), ("2026年03月03日 10時21分", "2026-03-03T10:21"),
    ("令和8年3月3日（火） 10:21", "2026-03-03T10:21"), ("民國115年3月3日 星期二", "2026-03-03"),  # (a year an era counts)
])
def test_a_cjk_date_alone_above_the_text_is_cut_and_dates_the_post(line: str, published: str) -> None:
    from pipelines.draft import _line_time

    out = cut_text(f"{line}\n{JA_BODY}", RULES, Context())
    assert out.text == JA_BODY and [r for r, _ in out.removed] == ["chrome.posted-date"]
    assert out.harvest.published == [line] and _line_time(line, load_rules().months).isoformat().startswith(published)


@pytest.mark.parametrize("line", ["2026年3月3日に港の桟橋が再開しました。", "カテゴリーの分け方について説明します。",
                                  "令和8年3月3日に港の桟橋が再開しました。",
                                  "ランキングに参加している店が増えています。", "クリックするだけで予約できます。"])
def test_japanese_sentences_that_open_like_a_blogs_lines_stay(line: str) -> None:
    for text in (f"{line}\n{JA_BODY}", f"{JA_BODY}\n{line}"):
        assert cut_text(text, RULES, Context()).text == text


ZH_BODY = "港务局周二批准了重建北码头的计划，该码头曾两次被风暴损坏。\n工程预计四月开工，工期约十八个月，渔船将暂时停靠南码头。"


@pytest.mark.parametrize(("line", "rule", "publisher"), [
    ("本文来源：新华网", "reprint.source-zh", "新华网"), ("来源 | 新华网", "reprint.source-zh", "新华网"),
    ("返回搜狐，查看更多", "reprint.note-zh", None),
    ("平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。", "reprint.note-zh", None),
    ("特别声明：本文为网易自媒体平台“网易号”作者上传并发布，仅代表该作者观点。", "reprint.note-zh", None),
    ("转载请注明出处", "reprint.note-zh", None), ("本文由某某原创，转载请注明出处。", "reprint.note-zh", None),
    ("文章来源于网络", "reprint.note-zh", None), ("图片来源于网络，如有侵权请联系删除", "reprint.note-zh", None),
    ("版权声明：本文版权归原作者所有", "reprint.note-zh", None),
    ("阅读 1234", "chrome.counter-zh", None), ("阅读量 10万+", "chrome.counter-zh", None),
    ("扫码关注我们", "wechat.prompt", None), ("更多精彩内容，请关注我们的公众号", "wechat.prompt", None),
    ("喜欢就点个赞吧", "wechat.prompt", None),
])
def test_a_chinese_reprints_notes_and_a_self_media_platforms_lines_are_cut_wherever_they_stand(
        line: str, rule: str, publisher: str | None) -> None:
    for text in _placed(ZH_BODY, line):
        out = cut_text(text, RULES, Context())
        assert out.text == ZH_BODY and [r for r, _ in out.removed] == [rule]
        assert out.harvest.publishers == ([publisher] if publisher else [])


@pytest.mark.parametrize("line", ["文 | 张三", "文/张三 图/李四", "编辑：李四", "在看", "举报", "推荐阅读", "猜你喜欢",
                                  "上一篇：港口新闻", "下一篇 渡轮涨价"])
def test_a_chinese_posts_credits_buttons_and_neighbours_are_cut_above_and_under_the_text(line: str) -> None:
    for text in (f"{line}\n{ZH_BODY}", f"{ZH_BODY}\n{line}"):
        assert cut_text(text, RULES, Context()).text == ZH_BODY, text


@pytest.mark.parametrize("line", ["文章来源于网络的说法并不准确，记者进行了核实。", "阅读是一种好习惯，港口图书馆周末开放。",
                                  "作者在书中写道，港口的历史可以追溯到明朝。", "来源于上游的洪水冲毁了码头。",
                                  "上一篇文章提到，港口的吞吐量在去年创下新高。", "图为正在施工的北码头。"])
def test_chinese_sentences_that_open_like_a_reprints_lines_stay(line: str) -> None:
    for text in _placed(ZH_BODY, line):
        assert cut_text(text, RULES, Context()).text == text


KO_BODY = "항만청은 화요일 폭풍으로 두 차례 파손된 북쪽 부두를 재건하는 계획을 승인했다.\n공사는 4월에 시작해 약 18개월이 걸릴 예정이며 어선은 남쪽 부두를 이용하게 된다."


@pytest.mark.parametrize(("line", "rule"), [
    ("공감 3", "chrome.counter-ko"), ("댓글 0", "chrome.counter-ko"), ("조회수 1,234", "chrome.counter-ko"),
    ("▶ 네이버에서 한강일보를 구독하세요!", "promo.follow-ko"), ("한강일보 네이버 뉴스스탠드 구독하기", "promo.follow-ko"),
    ("기사제보 및 보도자료 news@hangang.example", "promo.follow-ko"),
    ("사진=연합뉴스", "credits.photo-ko"), ("[사진 출처=한강일보]", "credits.photo-ko"), ("<ⓒ연합뉴스>", "credits.photo-ko"),
    ("출처: 한강일보", "reprint.source-cjk"),
])
def test_a_korean_posts_counters_pleas_and_credits_are_cut_wherever_they_stand(line: str, rule: str) -> None:
    for text in _placed(KO_BODY, line):
        out = cut_text(text, RULES, Context())
        assert out.text == KO_BODY and [r for r, _ in out.removed] == [rule]


@pytest.mark.parametrize("line", ["공감", "구독하기", "이웃추가", "신고하기", "이 블로그의 인기글", "많이 본 뉴스", "이전글 항만 소식",
                                  "다음글: 여객선 요금 인상", "작성자 홍길동"])
def test_a_korean_blogs_buttons_and_neighbours_are_cut_above_and_under_the_text(line: str) -> None:
    for text in (f"{line}\n{KO_BODY}", f"{KO_BODY}\n{line}"):
        out = cut_text(text, RULES, Context())
        assert out.text == KO_BODY and out.harvest.chrome_languages == ["ko"], text


@pytest.mark.parametrize(("line", "author"), [("(서울=연합뉴스) 홍길동 기자 =", "홍길동"), ("[한강일보=홍길동 기자]", "홍길동"),
                                              ("2026. 3. 3. 10:21", None)])
def test_a_korean_dateline_or_date_alone_above_the_text_is_cut(line: str, author: str | None) -> None:
    out = cut_text(f"{line}\n{KO_BODY}", RULES, Context())
    assert out.text == KO_BODY and out.harvest.authors == ([author] if author else [])


@pytest.mark.parametrize("line", ["공감을 얻은 이 계획은 주민 투표를 거쳤다.", "댓글 기능은 다음 달부터 다시 열린다.", "사진은 항만청이 제공했다.",
                                  "조회 결과 부두의 균열은 심각했다.", "이전 글에서 말했듯이 부두는 오래되었다.",
                                  "유튜브 채널을 구독하는 사람이 늘었다.", "네이버 구독 서비스가 시작됐다."])
def test_korean_sentences_that_open_like_a_blogs_lines_stay(line: str) -> None:
    for text in _placed(KO_BODY, line):
        assert cut_text(text, RULES, Context()).text == text


MORE_BODIES = {
    "th": "คณะกรรมการท่าเรืออนุมัติแผนสร้างท่าเทียบเรือด้านเหนือใหม่เมื่อวันอังคาร หลังพายุทำให้เสียหายสองครั้ง\n"
          "งานจะเริ่มในเดือนเมษายนและใช้เวลาประมาณสิบแปดเดือน เรือประมงจะจอดที่ท่าด้านใต้",
    "bn": "বন্দর কর্তৃপক্ষ মঙ্গলবার উত্তরের জেটি পুনর্নির্মাণের পরিকল্পনা অনুমোদন করেছে।\nএপ্রিলে কাজ শুরু হবে এবং প্রায় আঠারো মাস লাগবে।",
    "ur": "بندرگاہ کے بورڈ نے منگل کو شمالی گھاٹ کی تعمیر نو کے منصوبے کی منظوری دی۔\nکام اپریل میں شروع ہوگا اور تقریباً اٹھارہ ماہ لگیں گے۔",
    "ms": "Lembaga pelabuhan meluluskan pelan pada hari Selasa untuk membina semula jeti utara.\nKerja dijangka bermula pada bulan April.",
    "sw": "Bodi ya bandari iliidhinisha mpango Jumanne wa kujenga upya gati la kaskazini.\nKazi inatarajiwa kuanza mwezi Aprili.",
    "tl": "Inaprubahan ng lupon ng pantalan noong Martes ang plano na muling itayo ang hilagang pantalan.\nMagsisimula ang trabaho sa Abril.",
}


@pytest.mark.parametrize(("lang", "line"), [
    ("th", "ติดตามข่าวสารได้ที่ Facebook"), ("th", "ข่าวที่เกี่ยวข้อง"), ("th", "ความคิดเห็น"), ("th", "แท็ก"),
    ("bn", "শেয়ার করুন"), ("bn", "ফেসবুকে আমাদের ফলো করুন"), ("bn", "সম্পর্কিত খবর"), ("ur", "شیئر کریں"),
    ("ur", "ہمیں فیس بک پر فالو کریں"), ("ur", "متعلقہ خبریں"), ("ms", "Komen"), ("ms", "Dikemaskini oleh Admin"),
    ("sw", "Tufuate kwenye Facebook"), ("sw", "Maoni"), ("tl", "Sundan kami sa Facebook"), ("tl", "Mga komento"),
])
def test_a_sites_lines_in_thai_bengali_urdu_malay_swahili_and_tagalog_are_cut_above_and_under_the_text(
        lang: str, line: str) -> None:
    body = MORE_BODIES[lang]
    for text in (f"{line}\n{body}", f"{body}\n{line}"):
        out = cut_text(text, RULES, Context())
        assert out.text == body and out.harvest.chrome_languages == [lang], text


@pytest.mark.parametrize(("lang", "line"), [("th", "เข้าชม 1,234 ครั้ง"), ("ur", "اشتہار"), ("sw", "Tangazo"), ("tl", "Patalastas")])
def test_a_view_count_or_an_ad_label_in_those_languages_is_cut_between_the_paragraphs(lang: str, line: str) -> None:
    assert cut_text(_placed(MORE_BODIES[lang], line)[1], RULES, Context()).text == MORE_BODIES[lang]


@pytest.mark.parametrize(("lang", "line", "publisher"), [
    ("th", "ที่มา: ไทยรัฐ", "ไทยรัฐ"), ("th", "ขอบคุณข้อมูลจาก ไทยรัฐ", "ไทยรัฐ"), ("bn", "সূত্র: প্রথম আলো", "প্রথম আলো"),
    ("ur", "بشکریہ: جنگ", "جنگ"), ("sw", "Chanzo: Mwananchi", "Mwananchi"), ("tl", "Pinagmulan: Abante", "Abante"),
])
def test_a_credit_under_a_copy_names_its_publisher_in_thai_bengali_urdu_swahili_and_tagalog(
        lang: str, line: str, publisher: str) -> None:
    body = MORE_BODIES[lang]
    out = cut_text(f"{body}\n{line}\nvia IFTTT", RULES, Context())
    assert out.text == body and out.harvest.publishers == [publisher]
    # the article's own credit, on a page that shows no copy, stays
    assert cut_text(f"{body}\n{line}", RULES, Context()).text == f"{body}\n{line}"


_PLAYER = ("Video Player is loading. Play Video Play Mute Current Time 0:00 / Duration 0:00 Loaded: 0% Stream Type LIVE "
           "Seek to live, currently behind live LIVE Remaining Time -0:00 1x Playback Rate Chapters Captions captions "
           "settings, opens captions settings dialog captions off, selected Audio Track Picture-in-Picture Fullscreen")
_CAPTION_SETTINGS = ("Text Color White Black Red Green Transparency Opaque Semi-Transparent Background Color Black White "
                     "Font Size 50% 75% 100% 125% Text Edge Style None Raised Depressed Uniform Dropshadow Font Family "
                     "Proportional Sans-Serif Monospace Sans-Serif Reset restore all settings to the default values Done")


@pytest.mark.parametrize(("line", "rule"), [
    # a copy of a page as a browser showed it: the video player's text, joined on one line or a line a notice
    (_PLAYER, "player.controls"), ("Video Player is loading.Play VideoPlayMuteCurrent Time 0:00/Duration 0:00Loaded: 0%Stream Type LIVESeek to live, currently "
     "behind liveLIVERemaining Time -0:00 1xPlayback Rate", "player.controls"),
    ("This is a modal window.", "player.controls"), (_CAPTION_SETTINGS, "player.controls"),
    ("Beginning of dialog window. Escape will cancel and close the window.", "player.controls"),
    ("Media playback is unsupported on your device", "player.controls"),
    # the caption-settings dialog's lines when its fieldsets were parted
    ("Text Color White Black Red Green Blue Yellow Magenta Cyan Transparency Opaque Semi-Transparent", "player.controls"),
    ("Reset restore all settings to the default values Done Close Modal Dialog", "player.controls"),
    ("This is a modal window. This modal can be closed by pressing the Escape key or activating the close button.",
     "player.controls"),
    # a news site's paywall and sign-up prompts, its buttons and its labels
    ("Thank you for subscribing!", "chrome.paywall"), ("Already a subscriber? Log in", "chrome.paywall"),
    ("By clicking Sign Up, you agree to our Terms and Privacy Policy.", "chrome.paywall"),
    ("You have reached your limit of free articles.", "chrome.paywall"), ("Gift this article", "chrome.paywall"),
    ("pic.twitter.com/Ab12Cd34Ef", "chrome.paywall"), ("SKIP ADVERTISEMENT", "ads.label"), ("Ad Feedback", "ads.label"),
    ("Representational image", "chrome.media-label"), ("Click to expand", "chrome.media-label"),
    ("\u00bfEncontraste un error? Rep\u00f3rtalo aqu\u00ed", "chrome.typo-prompt"),
    ("Encontrou algum erro? Avise-nos.", "chrome.typo-prompt"), ("Fehler gefunden? Jetzt melden.", "chrome.typo-prompt"),
    ("Encontrou algum erro? Entre em contato", "chrome.typo-prompt"),
    ("\u041e\u0448\u0438\u0431\u043a\u0430 \u0432 \u0442\u0435\u043a\u0441\u0442\u0435? \u0412\u044b\u0434\u0435\u043b\u0438\u0442\u0435 "
     "\u0435\u0451 \u0438 \u043d\u0430\u0436\u043c\u0438\u0442\u0435 Ctrl + Enter", "chrome.typo-prompt"),
    ("Vous avez rep\u00e9r\u00e9 une erreur dans cet article ? Signalez-la-nous.", "chrome.typo-prompt"),
    ("CLICK HERE TO GET THE HARBOUR NEWS APP", "chrome.paywall"), ("Our journalism needs your support", "chrome.paywall"),
    ("Create a free account to continue reading.", "chrome.paywall"), ("Read in app", "chrome.paywall"),
    # a photo gallery's counter and buttons, an embed's label
    ("Image 1 of 5", "chrome.gallery"), ("1 / 5", "chrome.gallery"), ("Swipe for more photos", "chrome.gallery"),
    ("Next slide", "chrome.gallery"), ("Embed from Getty Images", "chrome.gallery"), ("Watch on YouTube", "chrome.gallery"),
    ("Watch on TikTok", "chrome.gallery"), ("Loading tweet...", "chrome.gallery"),
    ("Tweet may have been deleted", "chrome.gallery"), ("Click to load the video", "chrome.gallery"),
    ("Sorry, the video player failed to load.(Error Code: 100013)", "chrome.gallery"),
    ("@harbourdaily Ferry day at the pier! #ferry \u266c original sound - Harbour Daily", "embed.social"),
    ("\u266c original sound - harbourdaily", "embed.social"),
    # a photo's caption and its agency photographer's credit
    ("FILE PHOTO: A ferry docks at the harbour, February 3, 2026. REUTERS/Jane Roe/File Photo", "credits.image-agency"),
    ("REUTERS/Jane Roe", "credits.image-agency"), ("(AP Photo/Jane Roe, File)", "credits.image-agency"),
    ("A ferry docks at the harbour on Feb. 3, 2026. (AP Photo/Jane Roe)", "credits.image-agency"),
    ("Jane Roe/AP hide caption", "credits.image-agency"), ("Photograph: Jane Roe/AP", "credits.image"),
    ("Pic credit: Harbour Daily", "credits.image"), ("Fot\u00f3: MTI", "credits.image"),
    ("Sumber foto: Istimewa", "credits.image"), ("Kredit foto: Dok. Humas Pemkot", "credits.image"),
    ("A balsa atracada no cais \u2014 Foto: Reprodu\u00e7\u00e3o/Instagram", "credits.image-agency"),
])
def test_a_news_pages_player_paywall_and_labels_are_cut_wherever_they_stand(line: str, rule: str) -> None:
    _cut_to_body(_placed(BODY, line), line, rule)


@pytest.mark.parametrize("line", ["Play", "Live", "Play Video", "Duration 0:00", "Done",
                                  "The concert will play live on the pier, the board said.",
                                  "Watch on the pier as the ferry arrives.", "@harbourdaily said the ferry was late.",
                                  "Picnic: the harbour's best spots for a summer lunch.",
                                  "Text color black, background color white: the council's new signs are plain.",
                                  "Support for the plan stood at 40%, according to a poll by Reuters/Ipsos.",
                                  "2 of 3 respondents said no.", "The score was 3 / 5 at the break.",
                                  "O prefeito disse - e a foto prova - que a obra acabou.",
                                  "The council said it would show caption contests at the fair.",
                                  "Click here to get the new timetable app, the board said.",
                                  "\u00bfEncontraste un error en el presupuesto?, pregunt\u00f3 la concejala.",
                                  "Thank you for subscribing to the harbour board's updates, the chair wrote.",
                                  "The fish market's owner said the new landing would be a click to expand trade."])
def test_a_players_single_words_or_a_sentence_with_its_words_stay_between_the_paragraphs(line: str) -> None:
    between = _placed(BODY, line)[1]
    assert cut_text(between, RULES, Context(title="Bridge reopens")).text == between


RU_BODY = ("Портовое управление во вторник одобрило план восстановления северного причала.\n"
           "Работы начнутся в апреле и займут около восемнадцати месяцев.")


@pytest.mark.parametrize("line", ["Нашли опечатку? Выделите текст и нажмите Ctrl+Enter",
                                  "Помітили помилку? Виділіть її та натисніть Ctrl+Enter",
                                  "Spotted a typo? Select it and press Ctrl+Enter",
                                  "Found a mistake? Please highlight the text and press Ctrl+Enter to let us know.",
                                  "Если вы нашли ошибку, пожалуйста, выделите фрагмент текста и нажмите Ctrl+Enter.",
                                  "If you find an error, please highlight it and press Ctrl+Enter.",
                                  "Did you find an error? Highlight it and press Ctrl+Enter",
                                  "Просмотров: 1234"])
def test_a_typo_prompt_or_a_labelled_view_count_is_cut_wherever_it_stands(line: str) -> None:
    for text in _placed(RU_BODY, line):
        assert cut_text(text, RULES, Context()).text == RU_BODY, text
    # a sentence that opens the same way stays
    between = _placed(RU_BODY, "Нашли ошибку в расчётах инженеры ещё в прошлом году.")[1]
    assert cut_text(between, RULES, Context()).text == between


@pytest.mark.parametrize(("line", "rule"), [
    # Rate My Post's box, WP-PostRatings' and kk Star Ratings' counts, a "was it helpful?" vote
    ("How useful was this post?", "chrome.widget.en"), ("Click on a star to rate it!", "chrome.widget.en"),
    ("Average rating 4.6 / 5. Vote count: 23", "chrome.widget.en"),
    ("No votes so far! Be the first to rate this post.", "chrome.widget.en"),
    ("We are sorry that this post was not useful for you!", "chrome.widget.en"),
    ("Did you find this post useful? Rate it!", "chrome.widget.en"), ("Was this guide helpful? Yes No", "chrome.widget.en"),
    ("(3 votes, average: 4.67 out of 5)", "chrome.widget.en"), ("(4.7/5, 3 votes)", "chrome.widget.en"),
    ("Bookmark the permalink.", "chrome.widget.en"),
    # a tip jar
    ("Liked it? Take a second to support Harbour Notes on Patreon!", "chrome.widget.en"),
    ("Buy Me a Coffee at ko-fi.com", "chrome.widget.en"),
    ("If you enjoyed this post, please consider buying me a coffee.", "chrome.widget.en"),
    ("Like what you read? Support our independent journalism.", "chrome.widget.en"),
    # the same in Spanish, Portuguese, French, German and Indonesian
    ("¿Te ha resultado útil este artículo?", "chrome.widget.es"),
    ("Haz clic en una estrella para puntuarlo", "chrome.widget.es"),
    ("Puntuación media 4.6 / 5. Recuento de votos: 23", "chrome.widget.es"),
    ("Clique em uma estrela para classificá-la!", "chrome.widget.pt"), ("Faça uma doação", "chrome.widget.pt"),
    ("Cet article vous a-t-il été utile ?", "chrome.widget.fr"),
    ("Note moyenne 4.6 / 5. Décompte des voix : 23", "chrome.widget.fr"),
    ("Wie hilfreich war dieser Beitrag?", "chrome.widget.de"), ("Klicke auf die Sterne um zu bewerten!", "chrome.widget.de"),
    ("Seberapa bermanfaat postingan ini?", "chrome.widget.id"), ("Dukung kami di Trakteer", "chrome.widget.id"),
    # a recipe card's prompt, an affiliate box's price notes and list labels, an article directory's footer
    ("Tried this recipe? Let us know how it was!", "chrome.widget.en"),
    ("Tag @harbourkitchen on Instagram and hashtag it #harbourkitchen", "chrome.widget.en"),
    ("Expert Author Jane Roe", "chrome.widget.en"), ("Article Directory: http://articlehive.example", "chrome.widget.en"),
    ("This article has been viewed 412 times.", "chrome.widget.en"), ("Submit Articles", "chrome.widget.en"),
])
def test_a_rating_box_or_a_tip_jar_above_or_under_the_text_is_cut(line: str, rule: str) -> None:
    _cut_to_body(_ends(BODY, line), line, rule)


@pytest.mark.parametrize("line", [
    "Was this the right call? Few in the town think so.",
    "Rate this year's harvest as poor, farmers said.",
    "Support us on the ferry plan, the mayor asked residents.",
    "If you enjoyed this post, you will like the next one about the ferry.",
    "Average rating of the town's hotels is 4.2 out of 5, the board said.",
    "Click a star on the map to see each pier's opening hours.",
])
def test_a_sentence_that_opens_like_a_rating_box_or_a_tip_jar_stays(line: str) -> None:
    text = f"{BODY}\n{line}"
    assert cut_text(text, RULES, Context(title="Bridge reopens")).text == text


@pytest.mark.parametrize("line", ["Jump to Recipe", "Jump to Recipe Print Recipe", "Print Recipe | Pin Recipe",
                                  "Did you make this recipe?", "Cook Mode Prevent your screen from going dark"])
def test_a_recipe_cards_buttons_are_cut_wherever_they_stand(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "widget.recipe-buttons")
    # a sentence about printing a recipe stays
    between = _placed(BODY, "Print recipes were sold at the harbour fair for a dollar each.")[1]
    assert cut_text(between, RULES, Context(title="Bridge reopens")).text == between


@pytest.mark.parametrize("line", [
    "Prices pulled from the Amazon Product Advertising API on: November 20, 2026",
    "Product prices and availability are accurate as of the date/time indicated and are subject to change. Any price "
    "and availability information displayed on the site at the time of purchase will apply.",
    "Bestseller No. 1", "SaleBestseller No. 2"])
def test_an_affiliate_boxs_price_notes_are_cut_wherever_they_stand(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "affiliate.price-note")


@pytest.mark.parametrize(("footer", "rules", "publisher", "source_url"), [
    # PR Newswire's footer: the media links, the original's address, the issuer
    ("Logo - https://mma.prnewswire.com/media/1234567/Harbour_Ferries_Logo.jpg\n"
     "View original content to download multimedia:https://www.prnewswire.com/news-releases/night-route-302112345.html\n"
     "SOURCE Harbour Ferries Inc.",
     ["prnewswire.media", "prnewswire.view-original", "prnewswire.source"], "Harbour Ferries Inc.",
     "https://www.prnewswire.com/news-releases/night-route-302112345.html"),
    # Business Wire's, under the release's contacts
    ("Contacts\nJane Roe\npress@harbourferries.example\n+1 555 0100\n"
     "View source version on businesswire.com: https://www.businesswire.com/news/home/20261120005123/en/",
     ["wire.contact"] * 4 + ["businesswire.view-source"], "businesswire.com",
     "https://www.businesswire.com/news/home/20261120005123/en/"),
    # other wires' notices, and a contact line
    ("Media Contact: Jane Roe, press@harbourferries.example\nThis press release was distributed by ACCESSWIRE.",
     ["wire.contact", "wire.distributed"], "ACCESSWIRE", None),
    ("Press release distributed by Pressat on behalf of Harbour Ferries, on Friday 20 November, 2026. For more "
     "information subscribe and follow https://pressat.co.uk/", ["wire.distributed"], "Pressat", None),
    ("Distributed by GlobeNewswire", ["wire.distributed"], "GlobeNewswire", None),
])
def test_a_press_release_wires_footer_is_cut_and_names_the_issuer_or_the_wire(footer, rules, publisher, source_url) -> None:
    out = cut_text(f"{BODY}\n{footer}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and [r for r, _ in out.removed] == rules
    assert out.harvest.publishers[:1] == [publisher] and out.harvest.source_urls[:1] == ([source_url] if source_url else [])


@pytest.mark.parametrize("line", [
    "SOURCE: Al Jazeera and news agencies", "Source Harbour Ferries said the route would open in May.",
    "Contact the council on 555-0100 for details.", "Media contacts were told to wait outside.",
    "The views expressed at the meeting were mixed.",
])
def test_a_line_that_opens_like_a_wire_footer_stays(line: str) -> None:
    text = f"{BODY}\n{line}"
    assert cut_text(text, RULES, Context(title="Bridge reopens")).text == text


def test_an_opinion_disclaimer_under_the_text_is_cut() -> None:
    line = ("The views and opinions expressed herein are the views and opinions of the author and do not necessarily "
            "reflect those of Nasdaq, Inc.")
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed == [("chrome.site.en", line)]


@pytest.mark.parametrize(("line", "rule"), [
    ("Click to share on X (Opens in new window)", "chrome.share.en"),
    ("Click to email a link to a friend (Opens in new window)", "chrome.share.en"),
    ("Click to share on Facebook (Opens in new window) Click to share on X (Opens in new window) Click to print "
     "(Opens in new window)", "chrome.share.en"),
    ("Follow @harbourdaily for more", "chrome.share.en"),
    ("Follow @harbourdaily on Instagram for daily updates", "chrome.share.en"),
])
def test_jetpacks_share_buttons_and_a_call_to_follow_a_handle_are_cut_above_and_under_the_text(line: str, rule: str) -> None:
    _cut_to_body(_ends(BODY, line), line, rule)
    for kept in ("Click to print the council report at the library.",
                 "Follow @harbourdaily as she sails the coast this summer."):
        assert cut_text(f"{BODY}\n{kept}", RULES, Context(title="Bridge reopens")).text == f"{BODY}\n{kept}"


@pytest.mark.parametrize("line", ["Posted 2 hours ago",
                                  "admin November 20, 2026 Leave a Comment on Bridge reopens",
                                  "Leave a Reply on Bridge reopens"])
def test_a_themes_post_age_or_meta_row_with_its_comment_link_is_cut_above_and_under_the_text(line: str) -> None:
    for text in _ends(BODY, line):
        assert cut_text(text, RULES, Context(title="Bridge reopens")).text == BODY, text
    kept = "Readers can leave a comment on the council's site until Friday."
    assert cut_text(f"{BODY}\n{kept}", RULES, Context(title="Bridge reopens")).text == f"{BODY}\n{kept}"


@pytest.mark.parametrize("line", [
    # a chat model's reply around the text it rewrote, pasted whole
    "Certainly! Here's a rewritten version of the article:",
    "Sure, here is the article rewritten in a unique and SEO-friendly way:",
    "Here's the paraphrased text:", "Rewritten Article:", "Paraphrased content:",
    "I hope this helps! Let me know if you need any changes.",
    "Let me know if you'd like me to adjust the tone or length.",
    "As an AI language model, I cannot browse the internet.",
    "Meta description: Harbour board approves the plan for the northern pier.", "Focus keyword: northern pier",
    "Slug: northern-pier-plan", "[Insert image of the pier here]",
    "\u00a1Claro! Aqu\u00ed tienes una versi\u00f3n reescrita del art\u00edculo:",
    "Tentu! Berikut adalah versi artikel yang ditulis ulang:",
    "Bien s\u00fbr ! Voici une version r\u00e9\u00e9crite de l'article :",
])
def test_a_chat_models_reply_around_the_rewritten_text_is_cut_wherever_it_stands(line: str) -> None:
    for out in _cut_to_body(_placed(BODY, line), line, "ai.chat-residue"):
        assert out.harvest.tools == ["ai-writer"]


@pytest.mark.parametrize("line", [
    "Here is the revised schedule for the ferry:", "Here's what the council said about the pier:",
    "Here is the full text of the mayor's statement:", "Let me know if you have any questions about the pier.",
    "I hope this helps the town, the mayor said.", "As an AI researcher, I have studied ports for years.",
    "I hope this helps!",
    "Slug races drew a crowd at the fair.", "Below is a paraphrase of what the engineer told us, in plain terms.",
    "The rewritten article was published on Friday.",
])
def test_a_sentence_that_opens_like_a_chat_models_reply_stays(line: str) -> None:
    _stays(*_placed(BODY, line))


@pytest.mark.parametrize("line", ["Contents hide 1 The vote 2 The cost 3 What comes next",
                                  "Daftar Isi [Sembunyikan] 1 Pemungutan suara 2 Biaya 3 Langkah berikutnya",
                                  "Table of Contents 1. The vote 2. The cost 2.1. Grants 3. What comes next"])
def test_a_flattened_table_of_contents_is_cut_wherever_it_stands(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "toc.flattened")
    for kept in ("Contents of the box: 2 ropes, 3 buoys", "The contents 1 ferry and 2 boats were lost."):
        between = _placed(BODY, kept)[1]
        assert cut_text(between, RULES, Context(title="Bridge reopens")).text == between


@pytest.mark.parametrize("line", ["Sponsored by Harbour Bank", "Brought to you by Harbour Bank",
                                  "Sponsored content from Harbour Bank",
                                  "This post is sponsored by Harbour Bank. All opinions are my own.",
                                  "Load more", "Join the discussion", "Table of Contents Toggle", "Word count: 512",
                                  "Supported by", "Share full article", "Listen to this article \u00b7 4:12 min Learn more"])
def test_a_sponsors_line_a_comment_sections_button_or_an_empty_contents_heading_is_cut_above_and_under_the_text(
        line: str) -> None:
    _cut_to_body(_ends(BODY, line), line, "chrome.site.en")


@pytest.mark.parametrize("line", [
    # Medium
    "Member-only story", "Jane Roe \u00b7 Follow", "Published in Harbour Weekly \u00b7 5 min read \u00b7 Nov 20, 2026",
    "1.2K Followers \u00b7 12 Following", "Writer for Harbour Weekly", "Editor of Harbour Weekly", "See all from Jane Roe",
    "Recommended from Medium", "Get an email whenever Jane Roe publishes.",
    "Help Status About Careers Press Blog Privacy Terms Text to speech Teams",
    # Ghost: its sign-up box, its hidden notices and its credit
    "Sign up for more like this.", "Subscribe to Harbour Weekly", "Get the latest posts delivered right to your inbox",
    "Great! You've successfully signed up.", "You've successfully subscribed to Harbour Weekly.", "Read next",
    "Published with Ghost", "Powered by Squarespace",
    # Wix, LiveJournal, Substack's footer
    "12 views0 comments", "Post not marked as liked", "Recent Posts See All", "Current Mood: tired",
    "12 views0 commentsPost not marked as liked", "islandgirl reblogged this from harbournotes", "harbourfan liked this",
    "Privacy \u2219 Terms \u2219 Collection notice", "Substack is the home for great culture",
    # Medium's sign-up panel and responses, Tumblr's prompt, Wix's and Weebly's banners, DEV's comments
    "Distraction-free reading. No ads.", "Read offline with the Medium app", "No responses yet",
    "See more posts like this on Tumblr",
    "This site was designed with the Wix.com website builder. Create your website today. Start Now",
    "This site was designed with the .com website builder. Create your website today.",
    "Powered by Create your own unique website with customizable templates. Get Started",
    "Top comments (0)", "Code of Conduct \u2022 Report abuse",
])
def test_a_hosted_platforms_chrome_is_cut_above_and_under_the_text(line: str) -> None:
    _cut_to_body(_ends(BODY, line), line, "chrome.hosted.en")


def test_mediums_footer_one_link_a_line_is_cut_under_the_text() -> None:
    footer = ["Help", "Status", "About", "Careers", "Press", "Blog", "Privacy", "Terms", "Text to speech", "Teams"]
    assert _cut_tail("\n".join(footer)) == {"chrome.hosted.en", "chrome.site.en"}


@pytest.mark.parametrize("line", ["Published in The Lancet", "Jane Roe is editor of Harbour Weekly.",
                                  "Sign up for the ferry lottery before the end of the month and pay nothing",
                                  "Write a comment below and tell us.", "Current events",
                                  "Sponsored content from the ferry company was rejected.", "Everyone liked this"])
def test_a_line_that_reads_like_a_hosted_platforms_chrome_stays(line: str) -> None:
    _stays(*_ends(BODY, line))


def test_mediums_highlight_label_is_cut_wherever_it_stands() -> None:
    _cut_to_body(_placed(BODY, "Top highlight"), "Top highlight", "medium.highlight")


@pytest.mark.parametrize("label", ["Original article in English:", "Original article (in English):",
                                   "Original (English):", "Source (in English):",
                                   "Art\u00edculo original en ingl\u00e9s:", "Artigo original em ingl\u00eas:",
                                   "Article original en anglais :", "Originalartikel auf Englisch:",
                                   "Artikel asli dalam bahasa Inggris:"])
def test_a_translated_copys_link_to_the_original_in_its_language_is_cut_and_gives_the_source(label: str) -> None:
    line = f"{label} https://harbourdaily.example/ferry-fares"
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and [text for _, text in out.removed] == [line]
    assert out.harvest.source_urls == ["https://harbourdaily.example/ferry-fares"]


@pytest.mark.parametrize("line", ["A version of this story first appeared in Harbour Daily.",
                                  "A version of this article originally appeared on Harbour Daily.",
                                  "An earlier version of this column was published in Harbour Daily."])
def test_a_version_of_this_story_first_appeared_names_the_publisher(line: str) -> None:
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed == [("autoblog.originally-published", line)]
    assert out.harvest.publishers == ["Harbour Daily"]


@pytest.mark.parametrize("line", [
    "A version of this article appears in print on Dec. 2, 2026, Section A, Page 12 of the New York edition with "
    "the headline: Ferry Timetable Agreed. Order Reprints | Today's Paper | Subscribe",
    "A version of this story appeared in print on December 2, 2026, on page A4 of the Harbour Daily with the "
    "headline: Ferry timetable set.",
    "Dieser Artikel erschien in der Printausgabe vom 2. Dezember 2026.",
    "Este art\u00edculo apareci\u00f3 en la edici\u00f3n impresa del 2 de diciembre de 2026.",
    "Esta reportagem foi publicada na edi\u00e7\u00e3o impressa de 2 de dezembro.",
    "Cet article est paru dans l'\u00e9dition du Monde du 2 d\u00e9cembre 2026.",
    "Artikel ini telah terbit di edisi cetak Harian Pelabuhan, 2 Desember 2026.",
])
def test_a_papers_print_edition_note_under_the_story_is_cut_and_names_no_publisher(line: str) -> None:
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed == [("credits.print-edition", line)]
    assert out.harvest.publishers == []


@pytest.mark.parametrize("line", ["He said the story appeared in print on Monday.",
                                  "El texto apareci\u00f3 en la edici\u00f3n impresa y provoc\u00f3 un debate en el pleno.",
                                  "Der Artikel erschien in der Zeitung, die am Montag gedruckt wurde."])
def test_a_line_about_something_printed_stays_under_the_text(line: str) -> None:
    _stays(f"{BODY}\n{line}")


@pytest.mark.parametrize(("line", "publisher", "url"), [
    ("Source: Harbour Daily (https://harbourdaily.example/ferry-fares)", "Harbour Daily", "https://harbourdaily.example/ferry-fares"),
    ("Fuente: Diario del Puerto - https://diariodelpuerto.example/nota/1", "Diario del Puerto",
     "https://diariodelpuerto.example/nota/1"),
    ("Source URL: https://harbourdaily.example/ferry-fares", None, "https://harbourdaily.example/ferry-fares"),
    ("Link to the original article: https://harbourdaily.example/ferry-fares", None, "https://harbourdaily.example/ferry-fares"),
    ("Original: https://harbourdaily.example/ferry-fares", None, "https://harbourdaily.example/ferry-fares"),
    # an importer's pointers to the original, with its address or its host
    ("View Original Source Here", None, None), ("View original article: https://harbourdaily.example/ferry-fares", None,
                                                "https://harbourdaily.example/ferry-fares"),
    ("Click here to view original web page at harbourdaily.example", None, None),
    ("First published by Harbour Daily.", "Harbour Daily", None),
])
def test_a_copys_credit_with_the_originals_name_and_address_gives_both(line: str, publisher, url) -> None:
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and [text for _, text in out.removed] == [line]
    assert out.harvest.publishers == ([publisher] if publisher else [])
    assert out.harvest.source_urls == ([url] if url else [])
    _stays(f"{BODY}\nFirst published in 1998.")


def test_a_plain_via_credit_stays_and_names_the_publisher() -> None:
    from pipelines.provenance import credit_line_publisher

    text = f"{BODY}\nVia: Harbour Daily"
    _stays(text)
    assert credit_line_publisher(text, RULES) == "Harbour Daily"


@pytest.mark.parametrize("line", ["View Full Coverage on Google News", "Ver cobertura completa en Google Noticias",
                                  "Voir la couverture compl\u00e8te sur Google Actualit\u00e9s",
                                  "Lihat liputan lengkap di Google Berita"])
def test_google_news_full_coverage_link_is_cut_wherever_it_stands_and_names_google_news(line: str) -> None:
    for out in _cut_to_body(_placed(BODY, line), line, "google-news.full-coverage"):
        assert out.harvest.tools == ["google-news"]


def test_an_article_translated_automatically_says_so_and_a_speech_translated_so_stays() -> None:
    for line in ("This article has been translated automatically.",
                 "The content above was generated with the help of AI."):
        out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
        assert out.text == BODY and out.removed == [("ai.disclosure", line)]
    _stays(f"{BODY}\nThe speech was translated automatically into six languages.")


@pytest.mark.parametrize("line", ["Updated 3 hours ago", "Published yesterday", "Last updated: 2 days ago",
                                  "Actualizado hace 2 horas", "Aktualisiert vor 3 Stunden", "Diperbarui 2 jam yang lalu"])
def test_a_pages_age_under_the_text_is_cut_and_dates_nothing(line: str) -> None:
    harvest = Harvest()
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"), harvest)
    assert out.text == BODY and out.removed == [("chrome.date-footer", line)]
    assert harvest.published == [] and harvest.updated == []
    _stays(f"{BODY}\nPublished today, the report says the pier is unsafe.")


@pytest.mark.parametrize(("line", "field"), [("First published on Fri 20 Nov 2026 10.15 GMT", "published"),
                                             ("Filed on November 20, 2026", "published"),
                                             ("Modified date: November 20, 2026", "updated")])
def test_a_date_line_with_a_weekday_a_dotted_time_or_a_plain_label_is_cut_and_read_above_and_under_the_text(
        line: str, field: str) -> None:
    for text in _ends(BODY, line):
        harvest = Harvest()
        out = cut_text(text, RULES, Context(title="Bridge reopens"), harvest)
        assert out.text == BODY and [cut for _, cut in out.removed] == [line], text
        dates = getattr(harvest, field)
        assert len(dates) == 1 and "20" in dates[0] and "2026" in dates[0] and harvest.publishers == [], text


def test_a_date_line_with_the_writers_name_after_it_under_the_text_is_cut_and_read() -> None:
    harvest = Harvest()
    out = cut_text(f"{BODY}\nNovember 20, 2026 by Jane Roe", RULES, Context(title="Bridge reopens"), harvest)
    assert out.text == BODY and harvest.authors == ["Jane Roe"] and harvest.published == ["November 20, 2026"]
    # words after the date's "by" are no writer's name
    _stays(f"{BODY}\nNovember 20, 2026 by the harbour")


@pytest.mark.parametrize("line", [
    "Dapatkan berita terbaru langsung di ponsel Anda. Download aplikasi Harian Pelabuhan sekarang!",
    "Gabung di WhatsApp Channel Harian Pelabuhan",
    "Jangan lewatkan berita terbaru, follow kami di Instagram @harianpelabuhan",
    "Klik di sini untuk mendapatkan update berita terkini",
])
def test_an_indonesian_portals_prompts_are_cut_above_and_under_the_text(line: str) -> None:
    _cut_to_body(_ends(BODY, line), line, "chrome.site.id")
    _stays(f"{BODY}\nJangan lewatkan kesempatan ini, ikuti kami di Instagram.")


@pytest.mark.parametrize(("line", "rule"), [
    ("The Daily Briefing newsletter provides all the news you need to start your day. Sign up here.", "promo.newsletter"),
    ("Sign up here.", "promo.newsletter"), ("Want more stories like this? Sign up for our newsletter.", "promo.newsletter"),
    ("To get the latest news in your inbox, sign up for our free Morning Briefing newsletter.", "promo.newsletter"),
    ("Also Watch: Ferry crew rescues swimmer", "inline.read-also"),
    (">>> Baca juga: Jembatan baru dibuka pekan depan", "inline.read-also"), ("\u2192 Read also: Pier repairs finish", "inline.read-also"),
])
def test_a_papers_newsletter_prompt_or_read_also_link_is_cut_wherever_it_stands(line: str, rule: str) -> None:
    _cut_to_body(_placed(BODY, line), line, rule)
    _stays(f"{BODY}\nThe council said residents could sign up here.",
           f"{BODY}\nSign up here for the ferry trial, the council said on Monday.")


@pytest.mark.parametrize(("line", "rule"), [
    ("Media caption, Watch: the ferry's first night run", "credits.image-agency"),
    ("EPA-EFE/JANE ROE", "credits.image-agency"), ("\u00a9 Jane Roe", "credits.image"),
    ("Cr\u00e9dito: Reprodu\u00e7\u00e3o/Instagram", "credits.image"),
])
def test_a_photos_credit_or_a_videos_caption_is_cut_wherever_it_stands(line: str, rule: str) -> None:
    _cut_to_body(_placed(BODY, line), line, rule)


@pytest.mark.parametrize(("line", "rule"), [
    ("To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video",
     "html.fallback"),
    ("This content is hosted by a third party. By showing the external content you accept the terms and conditions "
     "of youtube.com.", "html.fallback"),
    ("This content is not available due to your privacy preferences.", "html.fallback"), ("Load video", "html.fallback"),
    ("YouTube video player", "html.fallback"), ("The ferry is back! pic.twitter.com/x1Y2z3W4", "embed.social"),
])
def test_a_players_fallback_a_held_back_embeds_placeholder_and_a_tweets_text_are_cut_wherever_they_stand(
        line: str, rule: str) -> None:
    _cut_to_body(_placed(BODY, line), line, rule)
    _stays(f"{BODY}\nThe ferry's return was shared widely on social media on Monday.")


@pytest.mark.parametrize("line", ["Scroll untuk membaca", "Scroll untuk melanjutkan membaca artikel", "Gulir untuk membaca"])
def test_an_indonesian_ad_slots_scroll_prompt_is_cut_wherever_it_stands(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "ads.label")


@pytest.mark.parametrize("line", [
    "Lanjutkan membaca artikel di bawah ini", "Gulir ke bawah untuk melanjutkan", "Artikel lanjutan di bawah ini",
    "Continúa leyendo después de la publicidad", "Continue após a publicidade", "Continua a leggere dopo la pubblicità",
    "Artikel wird unter der Anzeige fortgesetzt", "La suite après cette publicité", "Lire la suite après la publicité",
    "Reklamdan sonra devam ediyor", "\u041f\u0440\u043e\u0434\u043e\u043b\u0436\u0435\u043d\u0438\u0435 \u043d\u0438\u0436\u0435",
    "Ti\u1ebfp t\u1ee5c \u0111\u1ecdc b\u00ean d\u01b0\u1edbi",
])
def test_the_note_that_the_text_goes_on_under_an_ad_is_cut_wherever_it_stands_in_the_blogs_languages(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "ads.label")
    # a sentence that says the story goes on stays
    _stays(f"{BODY}\nLa suite de l'enquête sera publiée demain.", f"{BODY}\nContinúa leyendo el informe completo en la web.")


@pytest.mark.parametrize("heading", ["Vous aimerez aussi", "Plus d'articles", "Notizie correlate", "Другие новости",
                                     "También te puede interesar", "Quizás te interese", "Ver más noticias",
                                     "Você também pode gostar", "You might be interested in", "Berita Populer"])
def test_a_related_stories_heading_in_more_wordings_is_cut_with_its_list_or_alone(heading: str) -> None:
    for tail in (heading, f"{heading}\nPier reopens after storm\nFerry crew wins award"):
        assert _cut_tail(tail) == {"related.list"}, tail


@pytest.mark.parametrize(("tail", "rules"), [
    # a Spanish or Portuguese portal's buttons, prompts and boxes under the text
    ("Contin\u00faa leyendo", {"autoblog.continue-reading"}), ("Cr\u00e9dito: Getty Images", {"credits.image"}),
    ("Comenta esta noticia\nEscucha la nota\nGuardar\nReportar error\n\u00bfQu\u00e9 opinas?", {"chrome.site.es"}),
    ("Clique aqui e receba as not\u00edcias no WhatsApp", {"chrome.site.pt"}),
    ("M\u00e1s informaci\u00f3n\nEl puerto abrir\u00e1 un nuevo muelle\nEl ferry cambia de horario", {"related.list"}),
    ("Conte\u00fado relacionado\nPorto vai abrir novo cais", {"related.list"}),
    ("Temas relacionados:\npuerto\nmuelle", {"chrome.tags-label"}), ("\u00daltimas\nEl ferry cambia de horario", {"widget.list"}),
    # a French or German one's
    ("Recevez notre newsletter", {"promo.newsletter"}), ("Newsletter abonnieren\nJetzt abonnieren", {"promo.newsletter"}),
    ("Artikel vorlesen", {"audio.player"}), ("R\u00e9agir\nCommenter", {"chrome.site.fr"}), ("Kommentieren", {"chrome.site.de"}),
    ("Commenta", {"chrome.site.it"}), ("Комментировать", {"chrome.site.ru"}),
    # a Japanese blog theme's follow box, share button and way back to the list, and its recommended box
    ("この記事が気に入ったら\nいいね！しよう\n最新情報をお届けします\nTwitterでシェア\n記事一覧へ", {"chrome.site.ja"}),
    ("おすすめ記事\n港に新しい桟橋\nフェリーの時刻表が変わる", {"related.list"}),
])
def test_a_portals_buttons_and_boxes_in_more_languages_are_cut_under_the_text(tail: str, rules: set[str]) -> None:
    assert _cut_tail(tail) == rules


@pytest.mark.parametrize(("heading", "paragraphs"), [
    ("関連記事", ["委員会は火曜日の夜に会合を開き、新しい桟橋の計画について話し合った。",
              "住民の意見は分かれ、道路の渋滞を心配する声もあった！", "結論は来年の春に出る見込みだ。"]),
    ("相关阅读", ["委员会周二晚间开会讨论了新码头的计划。", "居民意见不一，有人担心道路拥堵。"]),
    ("Tags", ["委員会は火曜日の夜に会合を開き、新しい桟橋の計画について話し合った。"]),
    ("यह भी पढ़ें", ["बोर्ड ने मंगलवार शाम को नए घाट की योजना पर चर्चा की।", "निवासियों की राय बंटी हुई थी।"]),
    # Thai writes no full stop: a paragraph is longer than a headline
    ("ข่าวที่เกี่ยวข้อง", ["คณะกรรมการท่าเรือประชุมเมื่อเย็นวันอังคารเพื่อพิจารณาแผนสร้างท่าเรือเฟอร์รี่แห่งที่สองซึ่งมีการถกเถียงกันมาสามปีแล้ว"
                         "และชาวบ้านที่แสดงความเห็นในที่ประชุมมีความเห็นแตกต่างกันมาก"]),
])
def test_paragraphs_in_a_script_without_latin_full_stops_under_a_related_heading_in_the_text_stay(
        heading: str, paragraphs: list[str]) -> None:
    # (the heading between the paragraphs goes; the paragraphs under it are the article's, not its list)
    opening = "港の新しい桟橋について、委員会が初めて公式に説明した。"
    out = cut_text("\n".join([opening, heading, *paragraphs]), RULES, Context(title="港の桟橋"))
    assert out.text.split("\n")[-len(paragraphs):] == paragraphs
    # a list of headlines in these scripts under the text is still cut with its heading
    tail = "\n".join([opening, heading, "港に新しい桟橋", "フェリーの時刻表が変わる", "รถไฟสายใหม่เปิดวันจันทร์"])
    assert cut_text(tail, RULES, Context(title="港の桟橋")).text == opening


_CJK_BODY = "港の新しい桟橋について、委員会が初めて公式に説明した。\n住民の意見は分かれ、結論は来年の春に出る見込みだ。"


@pytest.mark.parametrize(("tail", "rules", "harvested"), [
    # a Japanese theme's or portal's buttons, footer links, wire credit and notes under the story
    ("コメントをどうぞ\nこの記事はいかがでしたか？\nもっと見る\nこの記事のURLをコピーする", {"chrome.site.ja", "chrome.share.ja"}, {}),
    ("トップページ\nお問い合わせ\nプライバシーポリシー", {"chrome.site.ja"}, {}), ("(共同通信)", {"chrome.site.ja"}, {}),
    ("この記事を書いた人\n山田花子。港町在住のライター。", {"author.box"}, {}),
    ("写真：山田花子", {"credits.image"}, {}), ("提供元：港湾新聞", {"reprint.source-cjk"}, {"publishers": ["港湾新聞"]}),
    ("※この記事は港湾新聞からの転載です。", {"reprint.reprinted-ja"}, {"publishers": ["港湾新聞"]}),
    # a Chinese portal's
    ("打开APP阅读\n展开全文\n责任编辑：\n首页\n联系我们", {"chrome.site.zh"}, {}), ("点击数：56", {"chrome.counter-zh"}, {}),
    ("摄影：王小明", {"credits.image"}, {}),
    # a Korean portal's
    ("구독\n인쇄\n이전 글\n다음 글\n회사소개\n개인정보처리방침", {"chrome.site.ko"}, {}),
])
def test_cjk_portals_buttons_credits_and_notes_are_cut_under_the_text(tail: str, rules: set[str], harvested: dict) -> None:
    out = cut_text(f"{_CJK_BODY}\n{tail}", RULES, Context(title="港の桟橋"))
    assert out.text == _CJK_BODY and {rule for rule, _ in out.removed} == rules
    assert all(getattr(out.harvest, name) == value for name, value in harvested.items())


@pytest.mark.parametrize(("head", "rule", "harvested"), [
    ("読了時間：約3分", "chrome.reading-time", {}), ("この記事は約3分で読めます", "chrome.reading-time", {}),
    ("阅读时间：3分钟", "chrome.reading-time", {}), ("읽는 시간 3분", "chrome.reading-time", {}),
    # a Chinese portal's date and source on one row over the story
    ("2026年12月02日 09:12 来源：港口日报", "reprint.source-zh", {"publishers": ["港口日报"], "published": ["2026年12月02日 09:12"]}),
    ("2026-12-02 09:12:30 来源：港口日报", "reprint.source-zh", {"publishers": ["港口日报"], "published": ["2026-12-02 09:12:30"]}),
])
def test_cjk_reading_times_and_a_date_and_source_row_are_read_over_the_text(head: str, rule: str, harvested: dict) -> None:
    out = cut_text(f"{head}\n{_CJK_BODY}", RULES, Context(title="港の桟橋"))
    assert out.text == _CJK_BODY and out.removed == [(rule, head)]
    assert all(getattr(out.harvest, name) == value for name, value in harvested.items())


@pytest.mark.parametrize(("tail", "rules"), [
    # Polish, Dutch, Italian, Russian and Turkish portals' buttons and footer links, their "recommended" and
    # "most read" boxes' headings, newsletter prompts and sponsored labels
    ("Drukuj\nZgłoś błąd\nOceń artykuł\nMasz ciekawy temat? Napisz do nas!\nPolityka prywatności", {"chrome.site.pl"}),
    ("Terug naar boven\nTip de redactie\nPrivacybeleid\nCookiebeleid", {"chrome.site.nl"}),
    ("Stampa\nContatti\nInformativa privacy", {"chrome.site.it"}), ("Печать\nНаверх\nКонтакты", {"chrome.site.ru"}),
    ("Takip Et\nYazdır\nBaşa Dön\nİletişim\nGizlilik Politikası", {"chrome.site.tr"}),
    ("Polecane\nPort rozbudowany\nNowy prom", {"related.list"}), ("Najczęściej czytane", {"related.list"}),
    ("Aanbevolen", {"related.list"}), ("Consigliati", {"related.list"}), ("Читать также", {"related.list"}),
    ("Партнерские материалы", {"related.list"}), ("En Çok Okunanlar", {"related.list"}), ("Önerilen", {"related.list"}),
    ("Subskrybuj nasz newsletter", {"promo.newsletter"}), ("Подпишитесь на нашу рассылку", {"promo.newsletter"}),
    ("Bültenimize abone olun", {"promo.newsletter"}), ("Artykuł sponsorowany", {"ads.label"}), ("Gesponsord", {"ads.label"}),
    ("Fot. Anna Nowak", {"credits.image"}), ("Fot. PAP/Anna Nowak", {"credits.image"}),
    ("Leggi di più", {"autoblog.continue-reading"}),
])
def test_european_portals_buttons_boxes_and_labels_are_cut_under_the_text(tail: str, rules: set[str]) -> None:
    assert _cut_tail(tail) == rules


@pytest.mark.parametrize(("byline", "author"), [("Door Anna de Vries", "Anna de Vries"), ("door Jan Jansen", "Jan Jansen"),
                                              ("Muhabir: Ayşe Yılmaz", "Ayşe Yılmaz")])
def test_dutch_and_turkish_bylines_name_the_writer(byline: str, author: str) -> None:
    out = cut_text(f"{byline}\n{BODY}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.harvest.authors == [author]


def test_lines_like_the_new_european_items_stay() -> None:
    # an English kicker that opens with "Door" names no writer
    for line in ("Door County Sheriff", "Door County"):
        out = cut_text(f"{line}\n{BODY}", RULES, Context(title="Bridge reopens"))
        assert not out.harvest.authors, line
    _stays(*(text for line in ("Polecane przez lekarzy szczepienia ruszą w styczniu", "Door de storm bleef de pier gesloten",
                               "Stampa estera: il porto cresce", "Печать новых паспортов начнётся в январе",
                               "Muhabir olarak çalışan Ayşe, limanı anlattı", "Önerilen plan meclisten geçti",
                               "Aanbevolen wordt om vroeg te komen", "Fot. 3: the pier at night")
             for text in _placed(BODY, line)))


@pytest.mark.parametrize(("row", "harvested"), [
    ("2026-12-02 09:12:30 来源：港口日报 作者：王小明 阅读：1234",
     {"publishers": ["港口日报"], "authors": ["王小明"], "published": ["2026-12-02 09:12:30"]}),
    ("来源：港口日报 作者：王小明 发布时间：2026-12-02 09:12", {"publishers": ["港口日报"], "authors": ["王小明"], "published": ["2026-12-02 09:12"]}),
    ("公開日：2026年12月2日 カテゴリー：ニュース", {"published": ["2026年12月2日"]}),
    ("2026-12-02 09:12 编辑：李华", {"published": ["2026-12-02 09:12"]}),
])
def test_a_meta_row_with_spaces_alone_before_its_labelled_items_is_cut_and_read(row: str, harvested: dict) -> None:
    out = cut_text(f"{row}\n{_CJK_BODY}", RULES, Context(title="港の桟橋"))
    assert out.text == _CJK_BODY and out.removed == [("head.meta-row", row)]
    assert all(getattr(out.harvest, name) == value for name, value in harvested.items())
    # a row with an item no rule reads stays
    for line in ("来源：港口日报 委员会：周二开会讨论", "Note: the pier closes at 6 Source: Harbour Daily"):
        assert cut_text(f"{line}\n{_CJK_BODY}", RULES, Context(title="港の桟橋")).text.startswith(line)


@pytest.mark.parametrize(("tail", "rules"), [
    ("บทความก่อนหน้า\nบทความถัดไป\nนโยบายความเป็นส่วนตัว\nติดต่อเรา\nพิมพ์\nกลับขึ้นด้านบน\nสงวนลิขสิทธิ์", {"chrome.site.th"}),
    ("ภาพ: สมชาย ใจดี", {"credits.image"}), ("สมัครรับจดหมายข่าว", {"promo.newsletter"}),
    ("أضف تعليقك\nطباعة\nالرئيسية\nاتصل بنا\nسياسة الخصوصية", {"chrome.site.ar"}), ("شارك المقال", {"chrome.share.ar"}),
    ("تصوير: أحمد علي", {"credits.image"}), ("اشترك في النشرة البريدية", {"promo.newsletter"}),
])
def test_thai_and_arabic_portals_buttons_credits_and_prompts_are_cut_under_the_text(tail: str, rules: set[str]) -> None:
    assert _cut_tail(tail) == rules


@pytest.mark.parametrize("head", ["وقت القراءة: 3 دقائق", "เวลาในการอ่าน 3 นาที"])
def test_thai_and_arabic_reading_times_are_cut_over_the_text(head: str) -> None:
    _cut_to_body((f"{head}\n{BODY}",), head, "chrome.reading-time")


def test_cjk_lines_like_the_new_items_stay() -> None:
    for line in ("目次を作るのが苦手な人も多い。", "もっと見るべき点がある、と委員長は述べた。", "2026年12月02日，港口日报来源的消息称码头将延期。",
                 "写真を撮影した住民によると、桟橋は午後に閉鎖された。", "읽는 시간이 3분을 넘는 기사는 드물다."):
        for text in (f"{line}\n{_CJK_BODY}", f"{_CJK_BODY}\n{line}"):
            assert cut_text(text, RULES, Context(title="港の桟橋")).text == text, text


@pytest.mark.parametrize(("tail", "rules"), [
    ("Blog at WordPress.com.", {"chrome.wordpress.en"}),
    ("Design a site like this with WordPress.com\nGet started", {"chrome.wordpress.en", "chrome.hosted.en"}),
    ("Privacy & Cookies: This site uses cookies. By continuing to use this website, you agree to their use.\n"
     "To find out more, including how to control cookies, see here: Cookie Policy", {"chrome.wordpress.en"}),
    ("Enter your email address to subscribe to this blog and receive notifications of new posts by email.\n"
     "Email Address\nSubscribe\nJoin 1,234 other subscribers", {"chrome.wordpress.en", "newsletter.prompt"}),
    ("Theme by Anders Nor\u00e9n", {"chrome.wordpress.en"}),
    ("Theme: Astra by Brainstorm Force.", {"chrome.wordpress.en"}),
    ("Follow Coastal Ledger:", {"promo.follow-named"}),
    ("Get the latest news updates on your phone with our app.", {"promo.follow"}),
    ("Stay on top of the latest news with our newsletter.", {"promo.newsletter"}),
])
def test_a_hosted_wordpress_footer_a_subscription_widget_and_a_themes_credit_are_cut_under_the_text(
        tail: str, rules: set[str]) -> None:
    assert _cut_tail(tail) == rules


@pytest.mark.parametrize(("tail", "language"), [
    ("Blog de WordPress.com.\nPrivacidad y cookies: este sitio utiliza cookies. Al continuar utilizando esta web, "
     "aceptas su uso.\nPara saber m\u00e1s, incluido c\u00f3mo controlar las cookies, consulta aqu\u00ed: "
     "Pol\u00edtica de cookies", "es"),
    ("\u00danete a otros 1.234 suscriptores", "es"),
    ("Crie um site ou blog gratuito no WordPress.com.\nPrivacidade e cookies: Esse site utiliza cookies. Ao continuar "
     "a usar este site, voc\u00ea concorda com seu uso.\nJunte-se a 1.234 outros assinantes", "pt"),
    ("Un blog WordPress.com.\nConfidentialit\u00e9 et cookies : ce site utilise des cookies. En continuant \u00e0 "
     "naviguer sur ce site, vous acceptez que nous en utilisions.\nRejoignez 1 234 autres abonn\u00e9s", "fr"),
    ("Kommentar verfassen\nAntwort abbrechen\nBlog bei WordPress.com.\nDatenschutz & Cookies: Diese Website verwendet "
     "Cookies. Wenn du die Website weiterhin nutzt, stimmst du der Verwendung von Cookies zu.\nWeitere Informationen, "
     "beispielsweise zur Kontrolle von Cookies, findest du hier: Cookie-Richtlinie", "de"),
    ("Schlie\u00dfe dich 1.234 anderen Abonnenten an", "de"),
    ("Blog di WordPress.com.\nBergabunglah dengan 1.234 pelanggan lain", "id"),
    ("Blog su WordPress.com.\nUnisciti ad altri 1.234 iscritti", "it"),
    # Blogger's attribution gadget with the theme's name and its images' artist
    ("Watermark theme. Theme images by Ann Lee. Powered by Blogger.", "en"),
    ("Ethereal theme. Powered by Blogger.", "en"),
    ("Tema Sederhana. Gambar tema oleh Ann Lee. Diberdayakan oleh Blogger.", "id"),
    ("Tema Simples. Imagens de tema por Ann Lee. Tecnologia do Blogger.", "pt"),
    ("Tema Marca de agua. Im\u00e1genes del tema: Ann Lee. Con la tecnolog\u00eda de Blogger.", "es"),
    ('Design "Einfach". Designbilder von Ann Lee. Powered by Blogger.', "de"),
    ("Th\u00e8me Simple. Images de th\u00e8mes de Ann Lee. Fourni par Blogger.", "fr"),
])
def test_a_hosted_blogs_footer_is_cut_in_its_language(tail: str, language: str) -> None:
    # a WordPress.com blog's footer, cookie widget and subscriber count; Blogger's attribution gadget
    out = cut_text(f"{BODY}\n{tail}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and ui_language_of(out.harvest.chrome_languages) == language


@pytest.mark.parametrize("line", ["\u00danete a otros 30 voluntarios en la playa.", "Rejoignez les 200 b\u00e9n\u00e9voles du port.",
                                  "Privacidad y cookies: el Gobierno prepara una ley.",
                                  "The [source] of the leak was never found.", "The theme. Powered by Blogger, it ran for years."])
def test_a_line_like_a_hosted_blogs_footer_stays_under_the_text(line: str) -> None:
    _stays(BODY + "\n" + line)


@pytest.mark.parametrize(("tail", "rules"), [
    ("Also on Harbour Daily\nFerry fares to rise in spring\nIsland school to close", {"related.list"}),
    ("Elsewhere on the BBC\nThe ferry timetable explained", {"related.list"}),
    ("AdChoices", {"chrome.site.en"}), ("Tap to unmute", {"chrome.site.en"}),
    ("This content is blocked. Accept cookies to view this content.", {"chrome.site.en"}),
    ("Share\nclose panel\nShare page\nCopy link\nAbout sharing", {"chrome.site.en", "chrome.copy-link", "newsletter.prompt"}),
])
def test_a_papers_list_of_its_other_stories_and_its_share_panel_are_cut_under_the_text(tail: str, rules: set[str]) -> None:
    assert _cut_tail(tail) == rules


@pytest.mark.parametrize("tail", ["Also on Monday\nCouncil votes on budget", "Also on the island, the school will close."])
def test_a_roundups_heading_or_a_sentence_that_opens_like_also_on_stays(tail: str) -> None:
    _stays(f"{BODY}\n{tail}")


@pytest.mark.parametrize("tail", ["[Source]", "(Sumber)", "[Fuente]", "[Original article]"])
def test_a_bracketed_source_label_left_without_its_link_is_cut_under_the_text(tail: str) -> None:
    assert _cut_tail(tail) == {"autoblog.source-link"}


@pytest.mark.parametrize("line", ["Theme: the sea and the harbour", "Follow the river:",
                                  "Stay on top of things, she advised.",
                                  "Email addresses of 400 customers were leaked, the firm said."])
def test_a_line_like_a_themes_credit_or_a_call_to_follow_stays_under_the_text(line: str) -> None:
    _stays(BODY + "\n" + line)


@pytest.mark.parametrize("line", ["Mira tambi\u00e9n", "Ver tambi\u00e9n"])
def test_a_spanish_see_also_label_is_cut_wherever_it_stands(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "inline.read-also-bare")


@pytest.mark.parametrize("line", ["What's Hot", "Editor's Choice", "HOT NEWS", "Latest:", "TERKINI", "Eilmeldung",
                                  "Последние новости"])
def test_a_themes_widget_heading_is_cut_wherever_it_stands(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "widget.heading")


@pytest.mark.parametrize("line", ["Breaking News: Storm warning for the coast",
                                  "Trending: Ferry strike, Harbour plan, Bridge repairs", "Terkini: Jembatan dibuka"])
def test_a_news_tickers_headlines_above_the_post_are_cut(line: str) -> None:
    _cut_to_body((f"{line}\n{BODY}",), line, "widget.ticker")
    # a live report's first line, which ends a sentence, stays
    _stays(f"Latest: the council voted 5-2 on Tuesday.\n{BODY}", f"Breaking news: the bridge is closed.\n{BODY}")


@pytest.mark.parametrize("tail", [
    # WordPress's default widgets, as a page's whole column leaves them under the text
    "Recent Comments\nAnna on Storm closes the pass\ntomk on Bridge repairs close the north road",
    "Archives\nNovember 2026\nOctober 2026", "Meta\nLog in\nEntries feed\nComments feed\nWordPress.org",
    "Tag Cloud\nferry pier council", "Entradas recientes\nSube el pasaje", "Arsip\nNovember 2026",
    # a theme's widget titles, over their items or alone on the last line
    "Popular\nTen tips for winter driving\nLottery winner gives away half", "Popular", "You missed",
    "Useful Links\nHarbour authority\nFerry timetable", "Follow Us\nFacebook\nInstagram", "Featured Posts",
    # items with the widget's count after them (WordPress's archives, Blogger's archive and subscribe gadgets)
    "Archives\nDecember 2026 (12)\nNovember 2026 (40)", "Blog Archive\n\u25ba 2026 (52)\n\u25bc December 2026 (12)",
    "Subscribe To\nPosts\nAtom\nComments\nAtom",
])
def test_a_sidebar_widget_under_the_text_is_cut_with_its_items(tail: str) -> None:
    assert "widget.list" in _cut_tail(tail), tail


@pytest.mark.parametrize("tail", [
    "Click to share on X (Opens in new window) X\nClick to email a link to a friend (Opens in new window) Email",
    "Post navigation\n\u2190 Bridge repairs close the north road\nGull Island fish plant adds a night shift \u2192",
    "\u00ab Bridge repairs close the north road\nGull Island fish plant adds a night shift \u00bb",
    "Leave a Reply Cancel reply\nComment *\nName *\nEmail *\nWebsite\nPost Comment",
    "Search for:\nSearch",
])
def test_a_wordpress_themes_share_text_post_links_and_comment_form_under_the_text_are_cut(tail: str) -> None:
    _cut_tail(tail)
    # a quote set off with spaces inside a sentence stays
    _stays(f'{BODY}\nHe told the council: \u00ab We will go \u00bb and left', f'{BODY}\n\u2190 It will cost 4 million.',
           f'{BODY}\nThe council voted on the ferry plan Continue reading \u2192')


@pytest.mark.parametrize("tail", [
    # wpDiscuz's comment box as a page read whole leaves it
    "Subscribe\nLogin\nNotify of\nnew follow-up comments\nnew replies to my comments\nguest\n0 Comments\n"
    "Inline Feedbacks\nView all comments",
    "Join the discussion\nBe the First to Comment!\nOldest\nNewest\nMost Voted",
    # a news theme's hidden login pop-ups (tagDiv Newspaper's, JNews's) and a search overlay
    "Welcome! Log into your account\nyour username\nyour password\nForgot your password? Get help\nPassword recovery\n"
    "Recover your password\nyour email\nA password will be e-mailed to you.",
    "Welcome Back!\nLogin to your account below\nRemember Me\nForgotten Password?\nRetrieve your password\n"
    "Please enter your username or email address to reset your password.\nLog In",
    "Type above and press Enter to search. Press Esc to cancel.",
    # the pager's label run on to the neighbour's headline (two inline elements), and a "Share." row
    "Previous articleStorm warning lifted for the coast road\nNext articleFish market moves to the rope works",
    "Share. Facebook Twitter Pinterest LinkedIn Tumblr Email",
])
def test_a_news_themes_comment_box_pop_ups_and_pager_under_the_text_are_cut(tail: str) -> None:
    _cut_tail(tail)
    # a last sentence that starts with the same words stays
    _stays(f"{BODY}\nNext postseason game is on Tuesday.", f"{BODY}\nPrevious articles showed it would cost more.")


@pytest.mark.parametrize(("tail", "language"), [
    # a news theme's pager run on to the neighbours' headlines, its heading over the author's other posts,
    # and the warnings under its comment form (tagDiv Newspaper's), in the words its translations give them
    ("Previous articleStorm warning lifted for the coast road\n"
     "Next articleFish market moves to the rope works\nMORE FROM AUTHOR\n"
     "Library opens in the old mill\nNew bus line to the airport\nLEAVE A REPLY\n"
     "Please enter your comment!\nPlease enter your name here\n"
     "You have entered an incorrect email address!\nPlease enter your email address here\n"
     "Save my name, email, and website in this browser for the next time I comment.", "en"),
    ("Vorheriger ArtikelSturmwarnung für die Küstenstraße aufgehoben\n"
     "Nächster ArtikelFischmarkt zieht in die Seilerei\nMEHR VOM AUTOR\n"
     "Bibliothek in der alten Mühle\nNeue Buslinie zum Flughafen\nHINTERLASSEN SIE EINE ANTWORT\n"
     "Bitte geben Sie Ihren Kommentar ein!\nBitte geben Sie hier Ihren Namen ein\n"
     "Sie haben eine falsche E-Mail-Adresse eingegeben!\nBitte geben Sie hier Ihre E-Mail-Adresse ein", "de"),
    ("Article précédentAlerte levée sur la route côtière\n"
     "Article suivantLe marché aux poissons déménage\nPLUS DE L'AUTEUR\n"
     "Une bibliothèque dans le vieux moulin\nNouvelle ligne de bus\nLAISSER UN COMMENTAIRE\n"
     "Veuillez entrer votre commentaire!\nVeuillez entrer votre nom ici\n"
     "Vous avez entré une adresse e-mail incorrecte!\nVeuillez entrer votre adresse email ici", "fr"),
    ("Artículo anteriorLevantan la alerta en la carretera\n"
     "Artículo siguienteEl mercado de pescado se muda\nMÁS DEL AUTOR\n"
     "Una biblioteca en el viejo molino\nNueva línea de autobús\nDEJA UNA RESPUESTA\n"
     "¡Por favor ingrese su comentario!\nPor favor ingrese su nombre aquí\n"
     "¡Has introducido una dirección de correo electrónico incorrecta!\n"
     "Por favor ingrese su dirección de correo electrónico aquí", "es"),
    ("Artigo anteriorAlerta suspenso na estrada costeira\n"
     "Próximo artigoMercado de peixe muda de lugar\nMAIS DO AUTOR\nBiblioteca no velho moinho\n"
     "Nova linha de ônibus\nDEIXE UMA RESPOSTA\nPor favor, digite seu comentário!\n"
     "Por favor, digite seu nome aqui\nVocê forneceu um endereço de e-mail incorreto!\n"
     "Por favor, digite seu endereço de e-mail aqui", "pt"),
    ("Articolo precedenteRevocata l'allerta sulla strada costiera\n"
     "Articolo successivoIl mercato del pesce trasloca\nALTRI ARTICOLI DALL'AUTORE\n"
     "Biblioteca nel vecchio mulino\nNuova linea di autobus\nLASCIA UN COMMENTO\n"
     "Inserisci il tuo commento!\nInserisci il tuo nome qui\nHai inserito un indirizzo email errato!\n"
     "Inserisci qui il tuo indirizzo email", "it"),
    ("Artikel sebelumnyaPeringatan badai dicabut\nArtikel selanjutnyaPasar ikan pindah\n"
     "LEBIH DARI PENULIS\nPerpustakaan di kincir tua\nJalur bus baru ke bandara\nTINGGALKAN BALASAN\n"
     "Silakan masukkan komentar anda!\nSilakan masukkan nama Anda di sini\n"
     "Anda telah memasukkan alamat email yang salah!\nSilakan masukkan alamat email Anda di sini", "id"),
    ("Bài trước\nBài tiếp theo\nBÀI VIẾT LIÊN QUAN\nThư viện mới trong cối xay cũ\nTuyến xe buýt mới\n"
     "ĐỂ LẠI MỘT BÌNH LUẬN\nVui lòng nhập bình luận của bạn\nVui lòng nhập tên của bạn ở đây\n"
     "Bạn đã nhập địa chỉ email không chính xác!\nVui lòng nhập địa chỉ email của bạn ở đây", "vi"),
    ("Önceki İçerik\nSonraki İçerik\nYAZARIN DİĞER YAZILARI\nEski değirmende kütüphane\n"
     "Havalimanına yeni otobüs hattı\nBİR CEVAP BIRAKIN\nLütfen yorumunuzu giriniz!\n"
     "Lütfen isminizi buraya giriniz\nHatalı bir e-posta adresi girdiniz!\n"
     "Lütfen e-posta adresinizi buraya giriniz", "tr"),
    ("Предыдущая статья\nСледующая статья\nЕЩЕ ОТ АВТОРА\nБиблиотека в старой мельнице\n"
     "Новый автобусный маршрут\nОСТАВЬТЕ ОТВЕТ\nПожалуйста, введите ваш комментарий!\n"
     "Пожалуйста, введите ваше имя здесь\nВы ввели неправильный адрес электронной почты!\n"
     "Пожалуйста, введите ваш адрес электронной почты здесь", "ru"),
    ("Poprzedni artykuł\nNastępny artykuł\nWIĘCEJ OD AUTORA\nBiblioteka w starym młynie\n"
     "Nowa linia autobusowa\nZOSTAW ODPOWIEDŹ\nProszę wpisać swój komentarz!\n"
     "Proszę podać swoje imię tutaj\nPodałeś niepoprawny adres e-mail!\n"
     "Proszę podać swój adres e-mail tutaj", "pl"),
    ("Vorig artikel\nVolgend artikel\nMEER VAN DE AUTEUR\nBibliotheek in de oude molen\n"
     "Nieuwe buslijn naar het vliegveld\nLAAT EEN ANTWOORD ACHTER\nVul alstublieft uw commentaar in!\n"
     "Vul hier uw naam in\nU heeft een onjuist e-mailadres ingevoerd!\nVul hier uw e-mailadres in", "nl"),
    ("المقال السابقعاصفة على الساحل\nالمقال التاليسوق السمك ينتقل\nالمزيد من الكاتب\n"
     "مكتبة في الطاحونة القديمة\nخط حافلات جديد\nاترك رداً\nالرجاء إدخال تعليقك!\nالرجاء إدخال اسمك هنا\n"
     "لقد أدخلت عنوان بريد إلكتروني غير صحيح!\nالرجاء إدخال عنوان بريدك الإلكتروني هنا", "ar"),
])
def test_a_news_themes_pager_author_list_and_comment_warnings_are_cut_in_its_language(tail: str, language: str) -> None:
    out = cut_text(f"{BODY}\n{tail}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and {rule for rule, _ in out.removed} == {f"chrome.wordpress.{language}", "related.list"}, tail
    assert ui_language_of(out.harvest.chrome_languages) == language
    # an article's own line in the same words stays ("previously", a request with more after it)
    _stays(f"{BODY}\nArticolo precedentemente pubblicato su Il Faro", f"{BODY}\nArt\u00edculo anteriormente publicado en El Faro",
           f"{BODY}\nPlease enter your comment below if you have a question.", f"{BODY}\nBitte geben Sie Ihren Kommentar bis Freitag ein.")


@pytest.mark.parametrize(("tail", "language"), [
    # a Blogger sidebar's gadgets (their default titles, the contact form's and subscribe gadget's
    # fields), as a page read whole leaves them under the text, in the blog's language
    ("Followers\nTotal Pageviews\n1,024\nContact Form\nName\nEmail *\nMessage *\nTranslate\nFeatured Post\n"
     "Show all posts\nFollow by Email", "en"),
    ("P\u00e1ginas vistas en total\nFormulario de contacto\nMensaje *\nTraducir\nEntrada destacada", "es"),
    ("Total de visualiza\u00e7\u00f5es de p\u00e1gina\nFormul\u00e1rio de contato\nMensagem *\nTraduzir", "pt"),
    ("Total Tayangan Halaman\nFormulir Kontak\nPesan *\nTerjemahkan\nPostingan Unggulan", "id"),
    ("Nombre total de pages vues\nFormulaire de contact\nTraduire", "fr"),
    ("Seitenaufrufe insgesamt\nKontaktformular\nNachricht *\n\u00dcbersetzen", "de"),
    ("Yay\u0131nlayan admin zaman: 08:40\nTakip\u00e7iler\nToplam Sayfa G\u00f6r\u00fcnt\u00fcleme Say\u0131s\u0131\n"
     "\u0130leti\u015fim Formu\nMesaj *\n\u00c7evir\nT\u00fcm yay\u0131nlar\u0131 g\u00f6ster", "tr"),
])
def test_a_blogger_sidebars_gadgets_in_the_blogs_language_are_cut_under_the_text(tail: str, language: str) -> None:
    out = cut_text(f"{BODY}\n{tail}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and f"chrome.blogger.{language}" in {rule for rule, _ in out.removed}, tail
    assert ui_language_of(out.harvest.chrome_languages) == language


@pytest.mark.parametrize("line", ["Ba\u011flant\u0131y\u0131 al", "Di\u011fer Uygulamalar",
                                  "Bu blogdaki pop\u00fcler yay\u0131nlar"])
def test_a_newer_blogger_themes_buttons_in_turkish_are_cut(line: str) -> None:
    _cut_to_body(_ends(BODY, line), line, "chrome.blogger-contempo.tr")


@pytest.mark.parametrize(("tail", "language"), [
    ("Comentario *\nNombre *\nCorreo electr\u00f3nico *\nWeb\nPublicar el comentario", "es"),
    ("Coment\u00e1rio *\nNome *\nE-mail *\nSite\nPublicar coment\u00e1rio\nPesquisar por:", "pt"),
    ("Commentaire *\nNom *\nE-mail *\nSite web\nRechercher :", "fr"),
    ("Kommentar *\nName *\nE-Mail *\nWebsite\nKommentar abschicken\nSuche nach:", "de"),
    ("Komentar *\nNama *\nEmail *\nSitus Web\nKirim Komentar\nCari untuk:", "id"),
    ("Commento *\nNome *\nEmail *\nSito web\nInvia commento\nCerca:", "it"),
    ("Reactie *\nNaam *\nE-mail *\nWebsite\nMijn naam, e-mail en site bewaren in deze browser voor de volgende keer "
     "wanneer ik een reactie plaats.\nReactie plaatsen\nZoeken naar:", "nl"),
    ("Lubi\u0119 to:\nKomentarz *\nNazwa *\nAdres e-mail *\nWitryna internetowa\nOpublikuj komentarz\nSzukaj:", "pl"),
    ("\u041d\u0440\u0430\u0432\u0438\u0442\u0441\u044f\n\u041a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0439 *\n"
     "\u0418\u043c\u044f *\nEmail *\n\u0421\u0430\u0439\u0442\n\u041d\u0430\u0439\u0442\u0438:", "ru"),
    ("Benzer\nYorum *\nAd *\nE-posta *\n\u0130nternet sitesi\nAra:", "tr"),
    ("\u0412\u0430\u0448 e-mail \u043d\u0435 \u0431\u0443\u0434\u0435\u0442 \u043e\u043f\u0443\u0431\u043b\u0438\u043a\u043e\u0432\u0430\u043d.\nEmail *", "ru"),
    ("Th\u00edch b\u00e0i n\u00e0y:\nB\u00e0i ti\u1ebfp theo\nB\u00ecnh lu\u1eadn *\nT\u00ean *\nTrang web\n"
     "Ph\u1ea3n h\u1ed3i\nT\u00ecm ki\u1ebfm cho:", "vi"),
])
def test_a_wordpress_comment_forms_fields_in_the_blogs_language_are_cut(tail: str, language: str) -> None:
    assert f"chrome.wordpress.{language}" in _cut_tail(tail), tail


@pytest.mark.parametrize("line", ["If you liked this article, please share it.", "Don't forget to share this post!",
                                  "Stay tuned for more updates.", "Keep visiting our website for more updates.",
                                  "Stay connected with us on social media platforms for instant updates.",
                                  "Bookmark this page for more updates."])
def test_a_blogs_closing_call_to_share_come_back_or_bookmark_is_cut_under_the_text(line: str) -> None:
    _cut_to_body((f"{BODY}\n{line}",), line, "chrome.site.en")
    # the article's own last sentence on the same words stays
    _stays(f"{BODY}\nStay tuned for the council's decision on Friday.", f"{BODY}\nPlease share your views with the council.")


@pytest.mark.parametrize("line", ["Menu", "Toggle navigation", "Primary Menu", "Featured Image"])
def test_a_themes_menu_button_above_or_under_the_text_is_cut(line: str) -> None:
    _cut_to_body(_ends(BODY, line), line, "chrome.site.en")


def test_a_widget_title_between_paragraphs_or_over_sentences_is_the_articles_heading() -> None:
    _stays("The bridge reopened on Tuesday.\nArchives\nThe town's archives hold the plans of the first bridge.",
           "The bridge reopened on Tuesday.\nMeta\nIt will cost 4 million.\nThe council paid for it.")


@pytest.mark.parametrize(("line", "rule"), [
    ("Pol\u00edtica de privacidad", "chrome.site.es"), ("Aviso legal", "chrome.site.es"), ("Fale conosco", "chrome.site.pt"),
    ("Mentions l\u00e9gales", "chrome.site.fr"), ("Impressum", "chrome.site.de"), ("Datenschutzerkl\u00e4rung", "chrome.site.de"),
    ("Hubungi Kami", "chrome.site.id"), ("Impressum | Datenschutz | Kontakt", "chrome.site.any"),
    ("Ver m\u00e1s", "chrome.site.es"), ("Ver mais", "chrome.site.pt"), ("Recibe nuestro bolet\u00edn", "chrome.site.es"),
    ("Receba nossa newsletter", "chrome.site.pt"), ("Este conte\u00fado foi \u00fatil para voc\u00ea?", "chrome.site.pt"),
    ("\u00bfTe result\u00f3 \u00fatil este art\u00edculo?", "chrome.site.es"),
    ("Voir plus", "chrome.site.fr"), ("Article r\u00e9serv\u00e9 aux abonn\u00e9s", "chrome.site.fr"),
    ("Weitere Artikel laden", "chrome.site.de"), ("Merken", "chrome.site.de"),
    ("Tin n\u1ed5i b\u1eadt", "chrome.site.vi"), ("\u0110\u0103ng k\u00fd nh\u1eadn b\u1ea3n tin", "chrome.site.vi"),
    ("Mentions l\u00e9gales - Contact - Plan du site", "chrome.site.any"),
    ("Sobre | Contato | Pol\u00edtica de Privacidade", "chrome.site.any"),
    ("Tentang Kami | Redaksi | Pedoman Media Siber | Kebijakan Privasi", "chrome.site.any"),
])
def test_a_sites_own_page_links_in_its_language_are_cut_above_or_under_the_text(line: str, rule: str) -> None:
    _cut_to_body(_ends(BODY, line), line, rule)


@pytest.mark.parametrize("line", ["About Us", "Contact Us", "Privacy Policy", "Skip to content", "Login",
                                  "Privacy Policy | Terms | DMCA", "About Us Contact Us Privacy Policy Disclaimer",
                                  "Home \u00b7 About \u00b7 Contact", "Careers", "Site Map", "Accessibility Statement",
                                  "Editorial Policy", "Submit a Tip", "Do Not Sell or Share My Personal Information",
                                  "Your Privacy Choices", "Manage Cookies"])
def test_a_sites_own_page_links_above_or_under_the_text_are_cut(line: str) -> None:
    _cut_to_body(_ends(BODY, line), line, "chrome.site.en")
    _stays(f"{BODY}\nContact us at the harbour office for the new timetable.")


@pytest.mark.parametrize(("menu", "language"), [
    # a news site's sections between its own pages: the sections are no template's words
    (["Home", "World", "Business", "Weather", "Contact"], "en"),
    (["About Us", "Our Team", "Investors", "Privacy Policy", "Terms of Use"], "en"),
    (["Inicio", "Deportes", "Econom\u00eda", "Contacto", "Aviso legal"], "es"),
    (["Beranda", "Berita", "Olahraga", "Kontak", "Tentang Kami"], "id"),
    (["Startseite", "Politik", "Sport", "Impressum", "Datenschutz"], "de"),
])
def test_a_sites_menu_one_item_a_line_is_cut_above_and_under_the_text_with_its_language(
        menu: list[str], language: str) -> None:
    for text in _ends(BODY, "\n".join(menu)):
        out = cut_text(text, RULES, Context(title="Bridge reopens"))
        assert out.text == BODY and [line for _, line in out.removed] == menu, text
        assert "chrome.menu" in {rule for rule, _ in out.removed}
        assert ui_language_of(out.harvest.chrome_languages) == language


@pytest.mark.parametrize("lines", [
    "What to bring\nWater\nA hat\nSunscreen",  # no template's item
    "The four priorities are:\nJobs\nHousing\nTransport",  # a list's lead-in over it
    "Contact\nJane Roe\nHarbour Board",  # one item of three a template's
    "Sunday\nHome\nRest",
    "Home\nHome on the range\nWhere the deer and the antelope play",
])
def test_a_short_list_under_the_text_that_is_no_menu_stays(lines: str) -> None:
    _stays(f"{BODY}\n{lines}")


@pytest.mark.parametrize(("line", "rule"), [
    ("Read this article in Spanish", "chrome.site.en"), ("English version", "chrome.site.en"),
    ("Lee este art\u00edculo en ingl\u00e9s", "chrome.site.es"), ("Leia este artigo em ingl\u00eas", "chrome.site.pt"),
    ("Lire cet article en anglais", "chrome.site.fr"),
])
def test_a_link_to_the_same_article_in_another_language_is_cut_above_and_under_the_text(line: str, rule: str) -> None:
    _cut_to_body(_ends(BODY, line), line, rule)


@pytest.mark.parametrize("line", [
    "Este sitio usa Akismet para reducir el spam. Aprende c\u00f3mo se procesan los datos de tus comentarios.",
    "Ce site utilise Akismet pour r\u00e9duire les ind\u00e9sirables. En savoir plus sur la fa\u00e7on dont les "
    "donn\u00e9es de vos commentaires sont trait\u00e9es.",
    "Diese Website verwendet Akismet, um Spam zu reduzieren. Erfahre mehr dar\u00fcber, wie deine Kommentardaten "
    "verarbeitet werden.",
    "Situs ini menggunakan Akismet untuk mengurangi spam. Pelajari bagaimana data komentar Anda diproses.",
    "Этот сайт использует Akismet для борьбы со спамом.",
])
def test_akismets_note_in_wordpress_translations_is_cut_above_and_under_the_text(line: str) -> None:
    _cut_to_body(_ends(BODY, line), line, "chrome.site.any")
    _stays(f"{BODY}\nThis site uses Akismet, and spam fell by half within a week.")


@pytest.mark.parametrize("line", ["You are here: Home > News", "Главная » Новости",
                                  "Strona główna / Wiadomości / Port", "Página inicial » Notícias"])
def test_a_breadcrumb_from_home_in_more_languages_or_after_you_are_here_is_cut_above_the_text(line: str) -> None:
    _cut_to_body((f"{line}\n{BODY}",), line, "chrome.breadcrumb")


@pytest.mark.parametrize(("line", "rule"), [
    ("Sin categoría", "chrome.wordpress.es"), ("Sem categoria", "chrome.wordpress.pt"),
    ("Non classé", "chrome.wordpress.fr"), ("Allgemein", "chrome.wordpress.de"),
    ("Tak Berkategori", "chrome.wordpress.id"), ("Chưa phân loại", "chrome.wordpress.vi"),
    ("Без рубрики", "chrome.wordpress.ru"), ("Senza categoria", "chrome.wordpress.it"), ("未分類", "chrome.wordpress.ja"),
])
def test_wordpress_default_category_in_its_translations_is_cut_above_and_under_the_text(line: str, rule: str) -> None:
    _cut_to_body(_ends(BODY, line), line, rule)


@pytest.mark.parametrize(("end", "link"), [
    ("[\u2026]", "Read more \u00bb"), ("\u2026", "Continue reading \u2192"), ("[...]", "Read More"),
    ("\u2026", 'Continue reading "Bridge reopens"'), ("\u2026", "Lire la suite"), ("\u2026", "Baca selengkapnya"),
])
def test_a_themes_read_more_link_after_an_excerpts_last_words_is_trimmed_and_the_text_ends_cut_off(
        end: str, link: str) -> None:
    from pipelines.provenance import ends_cut_off

    first, second = BODY.split("\n")
    out = cut_text(f"{first}\n{second[:-1]} {end} {link}", RULES, Context(title="Bridge reopens"))
    assert out.text == f"{first}\n{second[:-1]} {end}" and out.removed == [("autoblog.read-more-suffix", link)]
    assert ends_cut_off(out.text, RULES)
    # a sentence that invites the reader to read on is the article's
    _stays(f"{BODY} Read more about the ferry at the council's site.")


@pytest.mark.parametrize(("line", "rule"), [
    ("Reposted from Harbour Daily", "autoblog.imported-notice"), ("Cross-posted from Harbour Daily", "autoblog.imported-notice"),
    ("Curated by Harbour Bot from Harbour Daily", "autoblog.imported-notice"),
    ("Automatically imported from Harbour Daily", "autoblog.imported-notice"),
    ("This post was automatically created from the RSS feed of Harbour Daily.", "autoblog.imported-notice"),
    ("This content was generated automatically from Harbour Daily.", "autoblog.imported-notice"),
    ("Read the original at Harbour Daily", "autoblog.read-elsewhere"),
])
def test_a_short_credit_that_the_post_was_reposted_names_the_publisher(line: str, rule: str) -> None:
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed == [(rule, line)] and out.harvest.publishers == ["Harbour Daily"]


@pytest.mark.parametrize("line", ["Imported from Italy", "Imported from China, the parts cost less.",
                                  "Reposted from Harbour Daily, with thanks to its editors.",
                                  "We do not own the land, the council said.",
                                  "If you are the owner of the car, please call the police.",
                                  "All credit goes to the volunteers who cleaned the beach."])
def test_a_product_line_or_a_sentence_that_names_where_something_came_from_stays(line: str) -> None:
    text = f"{BODY}\n{line}"
    assert cut_text(text, RULES, Context(title="Bridge reopens")).text == text


@pytest.mark.parametrize("line", ["Sent from my iPhone", "Posted from my iPhone", "Posted from WordPress for Android",
                                  "Sent from my Samsung Galaxy smartphone."])
def test_a_phone_apps_signature_is_cut_above_and_under_the_text(line: str) -> None:
    _cut_to_body(_ends(BODY, line), line, "chrome.site.en")


def test_a_spanish_pointer_to_the_original_here_is_cut() -> None:
    out = cut_text(f"{BODY}\nLea la nota original aqu\u00ed", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and [rule for rule, _ in out.removed] == ["autoblog.view-original"]


@pytest.mark.parametrize(("line", "rule"), [
    ("Be the first to comment", "chrome.site.en"), ("S\u00e9 el primero en comentar", "chrome.site.es"),
    ("Sem coment\u00e1rios", "chrome.site.pt"), ("Soyez le premier \u00e0 commenter", "chrome.site.fr"),
    ("Keine Kommentare", "chrome.site.de"), ("Belum ada komentar", "chrome.site.id"), ("Nessun commento", "chrome.site.it"),
    ("Chưa có bình luận nào", "chrome.site.vi"), ("3 bình luận", "chrome.site.vi"),
    ("Нет комментариев", "chrome.site.ru"),
])
def test_an_empty_comment_sections_notice_is_cut_above_and_under_the_text(line: str, rule: str) -> None:
    _cut_to_body(_ends(BODY, line), line, rule)


@pytest.mark.parametrize(("tail", "rules"), [
    ("No related posts.", {"chrome.wordpress.en"}), ('In "Harbour News"', {"chrome.wordpress.en"}),
    ("Similar Posts", {"related.list"}), ("Similar Posts\nPier reopens after storm\nFerry crew wins award", {"related.list"}),
])
def test_a_related_posts_plugins_leftovers_under_the_text_are_cut(tail: str, rules: set[str]) -> None:
    assert _cut_tail(tail) == rules
    _stays(f'{BODY}\nIn "Ulysses", the hero sails home for ten years.')


def test_a_blogger_post_footers_first_line_run_together_is_cut_under_the_text() -> None:
    """(Above the text the byline rule reads it, for its writer.)"""
    line = "Posted by admin at 10:15 AM No comments: Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest"
    _cut_to_body((f"{BODY}\n{line}",), line, "chrome.blogger.en")


@pytest.mark.parametrize(("line", "rule"), [
    ("at 10:15 PM No comments:", "chrome.blogger.en"), ("at 10:15 AM", "chrome.blogger.en"),
    ("No comments: Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest Labels: Ports", "chrome.blogger.en"),
    ("Links to this post", "chrome.blogger.en"), ("Reacciones:", "chrome.blogger.es"), ("Reaksi:", "chrome.blogger.id"),
])
def test_a_blogger_post_footer_run_together_is_cut_above_and_under_the_text(line: str, rule: str) -> None:
    _cut_to_body(_ends(BODY, line), line, rule)
    _stays(f"{BODY}\nat 10:15 AM the ferry left the pier.")


@pytest.mark.parametrize("line", ["Post Views: 1,234", "Page views: 87", "Hits: 12"])
def test_a_plugins_view_counter_is_cut_between_the_paragraphs(line: str) -> None:
    assert cut_text(_placed(BODY, line)[1], RULES, Context(title="Bridge reopens")).text == BODY


@pytest.mark.parametrize("line", ["Новости партнёров", "Оцените статью", "Понравилась статья? Поделитесь с друзьями!",
                                  "Присоединяйтесь к нам в Telegram", "Материалы по теме", "Главное за день"])
def test_a_russian_sites_boxes_and_prompts_are_cut_above_and_under_the_text(line: str) -> None:
    for text in (f"{line}\n{RU_BODY}", f"{RU_BODY}\n{line}"):
        out = cut_text(text, RULES, Context())
        assert out.text == RU_BODY and out.harvest.chrome_languages == ["ru"], text


def test_a_copyright_line_says_nothing_of_the_templates_language() -> None:
    spanish = cut_text(BODY + "\n© 2026 Diario del Valle\nSíguenos en Facebook", RULES, Context(title="x"))
    assert spanish.harvest.chrome_languages == ["es"]
    alone = cut_text(BODY + "\n© 2026 Diario del Valle", RULES, Context(title="x"))
    assert alone.text == BODY and alone.harvest.chrome_languages == []


@pytest.mark.parametrize(("tail", "source_url"), [
    ('<p><a href="https://ledger.example/bridge">Source</a></p>', "https://ledger.example/bridge"),
    ('<p><a href="https://ledger.example/bridge">Original Source</a></p>', "https://ledger.example/bridge"),
    ("<p>Source: ledger.example</p>", None),
    ('<p><a href="https://ledger.example/bridge" target="_blank">Read More</a></p>', "https://ledger.example/bridge"),
    # "Read more" back into the blog itself is cut, and names no original
    ('<p><a href="https://autofeed.example/bridge-reopens/#more">Read more &raquo;</a></p>', None),
])
def test_credit_lines_at_the_end_are_cut_whole(tail, source_url) -> None:
    from pipelines.chain import finish_post
    from pipelines.extraction import ExtractOptions
    from pipelines.linking import CopyIndex
    from pipelines.workers import run_extract
    from schemas.raw import BlogInfo, RawPost

    body = "".join(f"<p>The harbour bridge reopened on day {n} after repairs to its cables, the council said.</p>"
                   for n in range(1, 6))
    html = (f"<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
            f"<div class='entry-content'>{body}{tail}</div></article></body></html>")
    raw = RawPost(url="https://autofeed.example/bridge-reopens/", via="page", html=html,
                  blog=BlogInfo(url="https://autofeed.example/", host="autofeed.example"),
                  fetched_at="2026-04-01T00:00:00+00:00")
    record = finish_post(raw, run_extract(raw, ExtractOptions()), "t", CopyIndex())
    assert record.text.splitlines()[-1].startswith("The harbour bridge reopened on day 5"), record.text
    assert record.source.url == source_url


@pytest.mark.parametrize(("text", "kept"), [
    # a heading over the site's other headlines at the end: both go, and the scan goes on above them
    ("The bridge reopened on Tuesday.\nThe council paid for it.\nSource link\nRelated posts:\nFerry fares frozen\n"
     "New bike lanes on Elm Street", "The bridge reopened on Tuesday.\nThe council paid for it."),
    ("The bridge reopened on Tuesday.\nBerita Terkait\nJembatan baru dibuka\nTarif feri tetap", "The bridge reopened on Tuesday."),
    # the inline "see also" headings serve as list headings too, in the languages the box rule knows
    ("The bridge reopened on Tuesday.\nVeja também:\nChuva forte atinge o litoral\nFeira começa sábado",
     "The bridge reopened on Tuesday."),
    ("The bridge reopened on Tuesday.\nSee also\nFerry fares frozen", "The bridge reopened on Tuesday."),
    # an SEO plugin's search terms, one a line under their label
    ("The bridge reopened on Tuesday.\nIncoming search terms:\nbridge reopening date\nharbour bridge repairs cost",
     "The bridge reopened on Tuesday."),
    ("The bridge reopened on Tuesday.\nCheck Also\nFerry fares frozen for another year", "The bridge reopened on Tuesday."),
    ("The bridge reopened on Tuesday.\nЧитайте также:\nПаром снова ходит\nНовые тарифы", "The bridge reopened on Tuesday."),
    # traps: an article's own closing list (no heading over it), and a heading over sentences
    ("Bring these on the walk:\nWater\nA map\nWarm gloves", "Bring these on the walk:\nWater\nA map\nWarm gloves"),
    ("The bridge reopened.\nRelated stories\nThe council voted for the repairs in March last year.",
     "The bridge reopened.\nRelated stories\nThe council voted for the repairs in March last year."),
])
def test_a_related_posts_list_at_the_end_is_cut_with_its_heading(text, kept) -> None:
    assert cut_text(text, RULES, Context(title="Bridge reopens")).text == kept


def test_the_heading_above_the_text_is_the_title_without_the_site_s_name() -> None:
    cut = cut_text("Bridge reopens after repairs\nThe bridge reopened on Tuesday.", RULES,
                   Context(title="Bridge reopens after repairs :: Harbour Mirror"))
    assert cut.text == "The bridge reopened on Tuesday." and cut.removed == [("head.title", "Bridge reopens after repairs")]


@pytest.mark.parametrize(("text", "kept", "rules"), [
    ("The bakery reopened.\nThe owners thanked the village. Let's block ads! (Why?)",
     "The bakery reopened.\nThe owners thanked the village.", ["fivefilters.blockads-suffix"]),
    ("The bakery reopened.\nThe owners thanked the village. via IFTTT\nfrom Trail News https://ift.tt/3aBcDeF",
     "The bakery reopened.\nThe owners thanked the village.", ["ifttt.via-suffix", "ifttt.from-feed"]),
    ("The bakery reopened.\nThe owners thanked the village and\u2026 [+2345 chars]",
     "The bakery reopened.\nThe owners thanked the village and\u2026", ["newsapi.truncated-suffix"]),
    # traps: the phrase inside a sentence, or the sentence itself, stays
    ("The bakery reopened.\nYou can order bread via IFTTT.", "The bakery reopened.\nYou can order bread via IFTTT.", []),
    ("Ad blockers are popular.\nA campaign says: let's block ads (why?) everywhere.",
     "Ad blockers are popular.\nA campaign says: let's block ads (why?) everywhere.", []),
])
def test_residue_run_on_after_the_last_sentence_is_trimmed(text, kept, rules) -> None:
    cut = cut_text(text, RULES, Context(title="Bakery reopens"))
    assert cut.text == kept and [r for r, _ in cut.removed] == rules


def test_a_hint_is_a_word_or_a_list_of_words(tmp_path) -> None:
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text("[[block]]\nid = 'x'\nlink_host = ['*']\ntext = '''via:.*'''\nhint = []\n")
    with pytest.raises(RuleError, match="hint is a word or a list of words"):
        load_rules((str(tmp_path),))
    (tmp_path / "mine.toml").write_text("[[block]]\nid = 'x'\nlink_host = ['*']\ntext = '''via:.*'''\nhint = 'Via:'\n")
    assert next(r for r in load_rules((str(tmp_path),)).blocks if r.id == "x").hint == ("via:",)


@pytest.mark.parametrize(("html", "source_url"), [
    ('<p>The post <a href="https://ledger.example/bridge">Bridge reopens</a> appeared first on '
     '<a href="https://ledger.example/">Coastal Ledger</a>.</p>', "https://ledger.example/bridge"),
    # a site's reworded footer template
    ('<p>The article <a href="https://ledger.example/bridge">Bridge reopens</a> first appeared on '
     '<a href="https://ledger.example/">Coastal Ledger</a>.</p>', "https://ledger.example/bridge"),
    ('<p>This article is republished from <a href="https://ledger.example/">The Coastal Ledger</a>. '
     '<a href="https://ledger.example/bridge">Read the original article</a>.</p>', "https://ledger.example/bridge"),
    # a "read more" link in the blog's language leading off the blog
    ('<p><a href="https://ledger.example/bridge">Leia mais</a></p>', "https://ledger.example/bridge"),
    # "read the whole article at X" in the blog's language, the link on all of it
    ('<p><a href="https://ledger.example/bruecke">Lesen Sie den ganzen Artikel bei SZ.de</a></p>',
     "https://ledger.example/bruecke"),
    ('<p><a href="https://ledger.example/pont">Lire l\'article complet sur Le Courrier</a></p>', "https://ledger.example/pont"),
    # Yoast's footer in the source site's language
    ('<p>L\u2019article <a href="https://ledger.example/bridge">Le pont rouvre</a> est apparu en premier sur '
     '<a href="https://ledger.example/">Le Courrier</a>.</p>', "https://ledger.example/bridge"),
    ('<p>Este artículo fue publicado originalmente en <a href="https://ledger.example/puente">Diario del Sur</a>.</p>',
     "https://ledger.example/puente"),
    # an Indonesian copy's credit: the article's link, not the home page's
    ('<p>Artikel ini telah tayang di <a href="https://www.ledger.example/">Ledger.example</a> dengan judul "Jembatan '
     'dibuka", Klik untuk baca: <a href="https://www.ledger.example/read/2025/bridge">https://www.ledger.example/read/'
     '2025/bridge</a>.</p>', "https://www.ledger.example/read/2025/bridge"),
    # an autoblog template's pointer under the copy, the publisher's name as its link
    ('<p>Read more at <a href="https://ledger.example/bridge">Coastal Ledger</a></p>', "https://ledger.example/bridge"),
    ('<p>Lire la suite sur <a href="https://ledger.example/pont">Le Courrier</a></p>', "https://ledger.example/pont"),
    ('<p><a href="https://ledger.example/ponte">Vai all\'articolo originale</a> Via: Il Corriere</p>',
     "https://ledger.example/ponte"),
    # an article's sentence about a first publication names no original
    ('<p>The novel was first published in <a href="https://press.example/">a small press</a> in 1998.</p>', None),
    ('<p>Read more on <a href="https://press.example/">the council\'s plans</a> in our archive and in the minutes '
     'the clerk published on Tuesday after the long meeting about the harbour wall.</p>', None),
])
def test_a_footer_that_names_the_original_gives_its_link(html, source_url) -> None:
    from pipelines.htmltext import harvest_links, parse_fragment

    harvest = Harvest()
    harvest_links(parse_fragment("<p>The council approved the plan on Tuesday.</p>" + html), RULES, harvest)
    assert harvest.source_urls == ([source_url] if source_url else [])


@pytest.mark.parametrize(("box", "rule", "publisher"), [
    ('<p class="syndicated-attribution">This is a syndicated post, reprinted from '
     '<a href="https://ledger.example/bridge">Coastal Ledger</a>.</p>', "feedwordpress.attribution", "Coastal Ledger"),
    ('<div class="wprss-feed-meta">Source: <a href="https://ledger.example/bridge">Coastal Ledger</a> | '
     'Published on: March 9, 2026</div>', "wprss.meta", "Coastal Ledger"),
])
def test_a_plugins_credit_box_gives_the_original_it_links(box, rule, publisher) -> None:
    from pipelines.htmltext import cut_blocks, harvest_links, parse_fragment

    harvest = Harvest()
    root = parse_fragment("<p>The council approved the plan on Tuesday.</p>" + box)
    removed = cut_blocks(root, RULES, harvest)
    harvest_links(root, RULES, harvest)
    assert [r for r, _ in removed] == [rule]
    assert harvest.source_urls == ["https://ledger.example/bridge"]
    assert harvest.publishers == [publisher]


@pytest.mark.parametrize(("tail", "rules", "publisher", "source_url"), [
    # the Tribun network's line (no quotes, no "Klik untuk baca"), with and without the address
    ("Artikel ini telah tayang di Ledger.example dengan judul Jembatan dibuka kembali, "
     "https://www.ledger.example/regional/2026/02/17/jembatan.", ["credits.first-published-id"], "Ledger.example",
     "https://www.ledger.example/regional/2026/02/17/jembatan"),
    ("Artikel ini telah tayang di LedgerJakarta.example dengan judul Jembatan dibuka kembali setelah dua tahun perbaikan",
     ["credits.first-published-id"], "LedgerJakarta.example", None),
    # detik's line under text copied from its page, and the call to get its app
    ('Baca artikel ledgernews, "Jembatan dibuka kembali setelah dua tahun perbaikan" selengkapnya '
     "https://news.ledger.example/berita/d-1234567/jembatan-dibuka.\nDownload Apps Ledger Sekarang "
     "https://apps.ledger.example/", ["credits.copied-from-id", "promo.app-links"], "ledgernews",
     "https://news.ledger.example/berita/d-1234567/jembatan-dibuka"),
    ("Download aplikasi Ledger.example untuk akses berita lebih mudah dan cepat:\nAndroid: https://bit.ly/3abcdEF\n"
     "iOS: https://apple.co/3abcdEF", ["chrome.site.id", "promo.app-links", "promo.app-links"], None, None),
])
def test_an_indonesian_portals_line_under_shared_or_copied_text_names_the_original(
        tail: str, rules: list[str], publisher: str | None, source_url: str | None) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Jembatan dibuka kembali"))
    assert out.text == BODY and [r for r, _ in out.removed] == rules
    assert out.harvest.publishers == ([publisher] if publisher else [])
    assert out.harvest.source_urls == ([source_url] if source_url else [])


def test_a_copied_news_articles_credits_give_publisher_author_and_original() -> None:
    tail = ('Artikel ini telah tayang di Ledger.example dengan judul "Jembatan dibuka kembali", Klik untuk baca: '
            "https://www.ledger.example/read/2025/bridge.\nPenulis : Dwi Hartanto\nEditor : Rina Mulyani")
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Jembatan dibuka kembali"))
    assert out.text == BODY
    assert [r for r, _ in out.removed] == ["credits.first-published-id", "credits.staff", "credits.staff"]
    assert out.harvest.publishers == ["Ledger.example"]
    assert out.harvest.source_urls == ["https://www.ledger.example/read/2025/bridge"]
    assert out.harvest.authors == ["Dwi Hartanto"]
    # on one line, and in English
    out = cut_text(BODY + "\nReporter: Ana Ruiz | Editor: Tom Field\nhttps://ift.tt/3abcdEF", RULES, Context())
    assert out.text == BODY and out.harvest.authors == ["Ana Ruiz"]
    # an article's last sentence with a colon stays
    out = cut_text(BODY + "\nEditor: the board will meet again in June.", RULES, Context())
    assert out.text.endswith("meet again in June.")


@pytest.mark.parametrize("line", ["- Riverside FC (@RiversideFC) June 6, 2025", "View this post on Instagram",
                                  "A post shared by Riverside FC (@riversidefc)"])
def test_what_an_embedded_social_post_leaves_is_cut(line: str) -> None:
    out = cut_text("The council approved the plan on Tuesday.\n" + line + "\nIt will cost 4 million.", RULES, Context())
    assert out.text == BODY and out.removed == [("embed.social", line)]


@pytest.mark.parametrize("label", ["Advertisement", "ADVERTISEMENT", "- Advertisement -", "Story continues below advertisement",
                                   "SCROLL TO CONTINUE WITH CONTENT", "Continue reading the main story", "Iklan",
                                   "Publicidad", "Anzeige", "Реклама", "スポンサーリンク", "광고", "Report this ad",
                                   "Continua depois da publicidade", "Continúa después de la publicidad", "La nota sigue debajo",
                                   "Der Artikel geht unten weiter", "विज्ञापन", "โฆษณา", "বিজ্ঞাপন", "اشتہار", "تبلیغات",
                                   "Ad", "AD", "Skip Ad", "Sponsored Links", "Sponsored Ads", "Promoted Content",
                                   "The story continues after the ad", "Advertisement - story continues below",
                                   "ADVERTISEMENT: Continue reading below", "Paid Post", "Advertorial",
                                   "Sponsored Post", "Partner Content"])
def test_ad_slot_labels_are_cut_between_the_paragraphs(label: str) -> None:
    out = cut_text("The council approved the plan on Tuesday.\n" + label + "\nIt will cost 4 million.", RULES, Context())
    assert out.text == BODY and out.removed == [("ads.label", label)]


def test_a_newspapers_reprint_box_in_a_pasted_copy_is_cut() -> None:
    """A forum or a splog that pastes a Wall Street Journal story carries its reprint box along, above
    the headline or between the paragraphs."""
    box = ["DOW JONES REPRINTS",
           "This copy is for your personal, non-commercial use only. To order presentation-ready copies for "
           "distribution to your colleagues, clients or customers, use the Order Reprints tool at the bottom of any "
           "article or visit:", "www.djreprints.com.", "• See a sample reprint in PDF format.",
           "• Order a reprint of this article now.", "Order Reprints | Today's Paper | Subscribe"]
    lines = BODY.split("\n")
    out = cut_text("\n".join([*box, lines[0], *lines[1:]]), RULES, Context())
    assert out.text == BODY and [rule for rule, _ in out.removed] == ["reprint.notice"] * len(box)
    kept = "The museum will order reprints of the old harbour photographs for its new hall."
    assert cut_text(BODY + "\n" + kept, RULES, Context()).text.endswith(kept)


@pytest.mark.parametrize(("line", "rule"), [
    # a read-also label whose link the copier dropped, a sponsored label, in the blogs' languages
    ("Baca Juga", "inline.read-also-bare"), ("Leia também:", "inline.read-also-bare"),
    # (a guillemet or arrow after the label: "»" reads as a quote mark once folded)
    ("Baca Juga \u00bb", "inline.read-also-bare"), ("Related \u00bb", "inline.read-also-bare"),
    ("Read more \u2192", "inline.read-also-bare"), ("Most read \u00bb", "widget.heading"),
    ("Lesen Sie auch", "inline.read-also-bare"), ("Konten Sponsor", "ads.label"),
    ("यह भी पढ़ें", "inline.read-also-bare"), ("আরও পড়ুন", "inline.read-also-bare"), ("READ ALSO", "inline.read-also-bare"),
    ("Te puede interesar", "inline.read-also-bare"), ("Читайте також", "inline.read-also-bare"),
    ("Zobacz też:", "inline.read-also-bare"), ("あわせて読みたい", "inline.read-also-bare"), ("관련기사", "inline.read-also-bare"),
    ("Διαβάστε επίσης", "inline.read-also-bare"), ("อ่านเพิ่มเติม", "inline.read-also-bare"),
    ("Contenido patrocinado", "ads.label"), ("Lihat Foto", "chrome.media-label"), ("WATCH VIDEO", "chrome.media-label"),
    ("View Images", "chrome.media-label"), ("Video Ad Feedback", "chrome.media-label"),
    ("View gallery »", "chrome.media-label"),
    ("Join our Telegram channel for the latest updates", "promo.follow"),
    ("\U0001F449 Follow us on Instagram for more news", "promo.follow"),
    ("Click here to join our WhatsApp group \U0001F514", "promo.follow"),
    ("Ikuti kami di Instagram", "promo.follow"), ("Síguenos en Facebook", "promo.follow"),
    ("Receba notícias no WhatsApp", "promo.follow"), ("Copy link", "chrome.copy-link"), ("Link copiado", "chrome.copy-link"),
    ("Ouça este conteúdo", "audio.player"), ("Escuchar artículo", "audio.player"),
    ("Suivez-nous sur X", "promo.follow"), ("Folgen Sie uns auf Instagram", "promo.follow"),
    ("Подписывайтесь на наш Telegram-канал", "promo.follow"), ("Únete a nuestro canal de WhatsApp", "promo.follow"),
    ("Download our app for breaking news alerts.", "promo.follow"),
    ("#ferry #island #news", "promo.hashtags"),
    # other sites' read-also labels, a share button's label, WordPress's
    # placeholder for an embed in its feed, a "Continue reading" link, a call to subscribe to a channel
    ("Also See: Ferry fares rise in spring", "inline.read-also"),
    ("Don't Miss: Ferry fares rise in spring", "inline.read-also"), ("MORE: Ferry fares rise in spring", "inline.read-also"),
    ("Suggested: Ferry fares rise in spring", "inline.read-also"), ("Must Read: Ferry fares rise", "inline.read-also"),
    ("Tweet", "share.button"), ("Click To Tweet", "share.button"), ("Pin It", "share.button"),
    ("Share on Facebook Share on X Share on WhatsApp", "share.button"),
    ("[embedded content]", "html.fallback"), ("Continue Reading", "chrome.pagination"),
    ("Continue reading \u2192", "chrome.pagination"), ("Continue reading…", "chrome.pagination"),
    ("Subscribe to our YouTube channel", "promo.follow"),
    ("Follow us on Facebook, Twitter and Instagram for the latest updates.", "promo.follow"),
    ("For more such stories, follow Harbour Daily on Google News.", "promo.follow"),
    ("Stay updated with the latest news by subscribing to our newsletter.", "promo.newsletter"),
])
def test_a_call_to_follow_a_line_of_hashtags_or_a_bare_label_between_the_paragraphs_is_cut(line: str, rule: str) -> None:
    out = cut_text("The council approved the plan on Tuesday.\n" + line + "\nIt will cost 4 million.", RULES, Context())
    assert out.text == BODY and out.removed == [(rule, line)]


@pytest.mark.parametrize(("line", "language"), [
    ("Síguenos en Facebook y Twitter", "es"), ("Ikuti kami di Google News", "id"), ("Seguici su Facebook e Instagram.", "it"),
    ("Follow us on Telegram for the latest news", "en"),
])
def test_a_call_to_follow_cut_by_its_any_rule_still_tells_the_templates_language(line: str, language: str) -> None:
    """The 'any' rules run before the scans from the ends, so such a line under the text carries the
    promo's id, not the chrome set's; the set's language is still read off it (blog.ui_language)."""
    for text in (BODY + "\n" + line, "The council approved the plan on Tuesday.\n" + line + "\nIt will cost 4 million."):
        out = cut_text(text, RULES, Context())
        assert out.text == BODY and out.harvest.chrome_languages == [language]


@pytest.mark.parametrize("line", ["Follow us on Twitter, the mayor told residents, and then left the stage.",
                                  "Baca juga berita lainnya di halaman ini, kata dia.", "Related",
                                  "Síguenos en Facebook, dijo el alcalde, y luego se fue.",
                                  "Illustration of the bridge shows its new deck, the council said.",
                                  "Watch the video of the council meeting on its website.",
                                  "Join our team at the harbour, the advert said.", "The tag #ferry trended on Monday.",
                                  "#1", "Credit: the harbour board",
                                  "More: the board will meet again in June.", "Tweets from the mayor drew 40 replies.",
                                  "Ad campaigns cost the council 4,000 euros.", "Related stories ran in May, she said.",
                                  "Pin it to the board, the teacher said.", "Continue reading the report for its figures."])
def test_a_sentence_that_begins_like_a_call_to_follow_or_a_label_stays(line: str) -> None:
    assert _between_paragraphs(line).text.split("\n")[1] == line


@pytest.mark.parametrize("line", [
    "Subscribe to the harbour newsletter, the board urged residents.",
    "Follow us on Twitter, police urged drivers on Sunday.",
    "Subscribe to our YouTube channel, the singer wrote on Instagram.",
    "Sign up for our free daily newsletter, the paper told readers.",
    "Please share this post, said the organisers.",
    "S\u00edguenos en Facebook, pidi\u00f3 el alcalde.",
    "Folgen Sie uns auf Twitter, sagte der Sprecher.",
    # a tool's statement that may stand anywhere, reported ("…, the lawyer admitted.", "…, the court heard.")
    "This report was written with the help of ChatGPT, the lawyer admitted.",
    "This summary was produced by an AI tool, the court heard.",
])
def test_a_call_to_subscribe_or_follow_that_the_article_reports_stays_wherever_it_stands(line: str) -> None:
    # a template prints the call alone; the article says who made it (", the board urged residents.")
    _stays(*_placed(BODY, line))


@pytest.mark.parametrize(("line", "rule"), [
    ("Category: News", "chrome.category-line"), ("Kategori: Berita", "chrome.category-line"),
    ("Catégorie : Société", "chrome.category-line"), ("1.2K views", "chrome.view-count"),
    ("Rubrique : Soci\u00e9t\u00e9", "chrome.category-line"), ("Ressort: Politik", "chrome.category-line"),
    ("Secci\u00f3n: Sociedad", "chrome.category-line"), ("Posted in: Harbour News", "chrome.category-line"),
    ("Dilihat 1.234 kali", "chrome.view-count"), ("Visto 1.234 veces", "chrome.view-count"),
    ("Aufrufe: 532", "chrome.view-count"), ("Okunma Say\u0131s\u0131: 1.204", "chrome.view-count"),
])
def test_a_category_line_and_a_view_counter_are_cut_above_and_under_the_text(line: str, rule: str) -> None:
    for text in (line + "\n" + BODY, BODY + "\n" + line):
        out = cut_text(text, RULES, Context(title="Bridge reopens"))
        assert out.text == BODY and [r for r, _ in out.removed] == [rule]


@pytest.mark.parametrize("line", ["Mar 3, 2026 10:15 AM ET", "March 3, 2026 10:15 a.m. EST", "3 March 2026 10:15 GMT"])
def test_a_date_line_above_the_text_with_its_time_zone_is_cut(line: str) -> None:
    out = cut_text(line + "\n" + BODY, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and [r for r, _ in out.removed] == ["chrome.date-header"]


@pytest.mark.parametrize("line", ["Category: Best Film", "The video had 1.2 million views in a day.",
                                  "Visto 3 veces por el médico, el paciente se recuperó."])
def test_a_category_or_a_count_of_views_in_a_sentence_between_the_paragraphs_stays(line: str) -> None:
    assert _between_paragraphs(line).text.split("\n")[1] == line


def test_a_sentence_about_advertising_stays() -> None:
    text = BODY + "\nAdvertisement revenue at the paper fell by a third.\nSponsored by the harbour board, the race starts at noon."
    assert cut_text(text, RULES, Context()).text == text


@pytest.mark.parametrize(("line", "rule"), [("Jane Roe/AP", "credits.image-agency"),
                                             ("Jane Roe/Reuters, File", "credits.image-agency"),
                                             ("(Jane Roe/The Associated Press)", "credits.image-agency"),
                                             ("Listen to this article \u00b7 4 min", "audio.player")])
def test_a_photographers_credit_with_the_agency_after_a_slash_or_a_players_length_is_cut_wherever_it_stands(
        line: str, rule: str) -> None:
    for text in _placed(BODY, line):
        out = cut_text(text, RULES, Context())
        assert out.text == BODY and out.removed == [(rule, line)], text
    between = _placed(BODY, "Input/Output")[1]
    assert cut_text(between, RULES, Context()).text == between


@pytest.mark.parametrize("line", ["Photo: Jane Roe/Valley Press", "Image source: Getty Images", "Foto: Dok. Istimewa",
                                  "(Photo credit: Harbour Board)", "Featured image: Coastal Ledger",
                                  "Credit: AP Photo/Jane Roe", "(Credit: Getty Images)", "Фото: ТАСС",
                                  # labels of one word or after their picture's name, and a credit in brackets
                                  "Bildquelle: Pixabay", "Beitragsbild: dpa", "Quellen Bild: S-F / Shutterstock.com",
                                  "Crédit photo : AFP", "Photo (cc) : svenwerk", "Foto de portada: EFE", "图片来源：视觉中国",
                                  "题图来自 Hater", "(Credit: Jane Roe / Valley Press)"])
def test_a_photo_credit_is_cut_wherever_it_stands(line: str) -> None:
    for text in (line + "\n" + BODY, "The council approved the plan on Tuesday.\n" + line + "\nIt will cost 4 million.",
                 BODY + "\n" + line):
        out = cut_text(text, RULES, Context())
        assert out.text == BODY and out.removed == [("credits.image", line)]


@pytest.mark.parametrize(("line", "rule"), [
    ("Photo courtesy of NASA", "credits.image-courtesy"), ("Illustration by Mike Dunn", "credits.image-courtesy"),
    ("Courtesy G4", "credits.image-courtesy"), ("(Al Hughes Photography)", "credits.image-courtesy"),
    ("Photo by Jane Roe for The Valley Press", "credits.image-courtesy"), ("AP Photo/Jane Roe", "credits.image-agency"),
    ("Photo by Jane Roe on Unsplash", "credits.image-courtesy"),
    ("Image by Ann Lee from Pixabay", "credits.image-courtesy"), ("Stock photo by Pexels", "credits.image-courtesy"),
    ("Representational image.", "credits.image-illustrative"),
    ("Image used for illustrative purposes only.", "credits.image-illustrative"),
    ("Ảnh minh họa", "credits.image-illustrative"), ("(Foto ilustrasi: Antara)", "credits.image-illustrative"),
    ("Symbolbild", "credits.image-illustrative"), ("File photo", "credits.image-illustrative"),
])
def test_a_photo_credit_without_a_colon_is_cut_wherever_it_stands(line: str, rule: str) -> None:
    for text in (line + "\n" + BODY, "The council approved the plan on Tuesday.\n" + line + "\nIt will cost 4 million.",
                 BODY + "\n" + line):
        out = cut_text(text, RULES, Context())
        assert out.text == BODY and out.removed == [(rule, line)]


@pytest.mark.parametrize("line", ["Courtesy of the family, the bridge was painted blue.", "Video by the council",
                                  "Photo by photo, the exhibition tells the town's story.", "Courtesy matters on the road.",
                                  "Bildquelle der Studie war ein Archiv in Kiel, das 1990 schloss.",
                                  "(Credit where credit is due: the council acted fast.)"])
def test_a_sentence_that_begins_like_a_credit_stays(line: str) -> None:
    assert _between_paragraphs(line).text.split("\n")[1] == line


@pytest.mark.parametrize(("line", "published", "updated"), [
    ("Publié le 29/10/2012", "29/10/2012", None), ("Mis à jour le 29/10/2012 à 14h03", None, "29/10/2012"),
    ("Published: March 3, 2026", "March 3, 2026", None), ("Last updated 2026-03-04 10:41", None, "2026-03-04"),
    ("Pubblicato il 3 marzo 2026", "3 marzo 2026", None), ("Опубликовано: 3 марта 2026", "3 марта 2026", None),
    ("Dikemaskini: 3 Mac 2026", None, "3 Mac 2026"), ("Imesasishwa: 3 Machi 2026", None, "3 Machi 2026"),
    ("Date: 3 March 2026", None, None),  # (an event's date closes its announcement: only "published" labels)
])
def test_a_date_line_under_the_text_is_cut_and_dates_the_post(line: str, published, updated) -> None:
    out = cut_text(BODY + "\n" + line, RULES, Context())
    assert (out.text == BODY) is bool(published or updated)
    assert out.harvest.published == ([published] if published else [])
    assert out.harvest.updated == ([updated] if updated else [])
    # a sentence that dates a correction stays
    text = BODY + "\nUpdated on March 3, 2026 to correct the name of the mayor."
    assert cut_text(text, RULES, Context()).text == text


@pytest.mark.parametrize("line", ["Read or Share this story: http://usat.ly/1x3DFko", "What's Your Reaction?",
                                  "Add us on Facebook!", "Harbour Press Inc. No reproduction without permission."])
def test_a_papers_share_prompt_under_the_text_is_cut(line: str) -> None:
    assert cut_text(BODY + "\n" + line, RULES, Context()).text == BODY


def test_a_row_of_share_buttons_is_cut_but_a_sentence_naming_networks_stays() -> None:
    out = cut_text(BODY + "\nShare this article:\nFacebook Twitter WhatsApp\nEmail | Print", RULES, Context())
    assert out.text == BODY and len(out.removed) == 3
    text = BODY + "\nThe council will post updates on Facebook and Twitter."
    assert cut_text(text, RULES, Context()).text == text


@pytest.mark.parametrize(("head", "rule", "author"), [
    ("Home » News » Bridge reopens", "chrome.breadcrumb", None),
    ("Beranda > Daerah > Jembatan dibuka", "chrome.breadcrumb", None),
    ("By admin | June 3, 2025 | 0 comments", "chrome.byline", "admin"),
    ("By admin / June 3, 2025 / Leave a Comment", "chrome.byline", "admin"),
    ("By Ann Lee / 3 March 2026", "chrome.byline", "Ann Lee"),
    ("By Jane Roe, Staff Writer", "chrome.byline", "Jane Roe"),
    ("Oleh: Redaksi", "chrome.byline", "Redaksi"),
    ("By Ann Lee and Bo Chan | Harbour Daily", "chrome.byline", "Ann Lee and Bo Chan"),
    ("By Ann Lee March 5, 2026", "chrome.byline", "Ann Lee"), ("von jweber 20.06.2018", "chrome.byline", "jweber"),
    ("Medically reviewed by Dr. Ann Lee, MD", "chrome.reviewer", None), ("Fact checked by Bo Chan", "chrome.reviewer", None),
    ("2 hours ago", "chrome.relative-time", None), ("Hace 2 horas", "chrome.relative-time", None),
    ("vor 3 Stunden", "chrome.relative-time", None), ("2 jam yang lalu", "chrome.relative-time", None),
    ("منذ 3 ساعات", "chrome.relative-time", None),
    ("Reading time: 3 minutes", "chrome.reading-time", None),
    ("3 min read", "chrome.reading-time", None),
    ("Last updated: June 3, 2025", "chrome.updated-date", None),
    ("Updated 3 hours ago", "chrome.updated", None),
    ("Published 3 hours ago", "chrome.updated", None),
    ("Share on Facebook Share on Twitter", "share.button", None),
    ("Jane Roe | March 3, 2026", "chrome.byline", "Jane Roe"),
    ("November 25, 2026 · By Leo Marsh", "chrome.byline", "Leo Marsh"),
    ("Wednesday May 6, 2026 9:15 am PST by Leo Marsh", "chrome.byline", "Leo Marsh"),
    ("03/11/2026 10:15 am | Posted by admin | 2 comments", "chrome.byline", "admin"),
    ("Rabu, 2 Juli 2025 | 10:45 WIB", "chrome.date-header", None),
    ("sábado, 17 de mayo de 2025", "chrome.date-header", None),
    ("Samstag, 14. Juni 2025, 10:30 Uhr", "chrome.date-header", None),
    ("7 Aral\u0131k 2026 Pazartesi", "chrome.date-header", None), ("Pazartesi, 7 Aral\u0131k 2026", "chrome.date-header", None),
    ("7 Aral\u0131k 2026 tarihinde yay\u0131nland\u0131", "chrome.date-header", None),
    ("luned\u00ec 7 dicembre 2026", "chrome.date-header", None), ("maandag 7 december 2026", "chrome.date-header", None),
    ("poniedzia\u0142ek, 7 grudnia 2026, 08:40", "chrome.date-header", None),
    ("Listen to this article", "audio.player", None),
    # the date line in figures after a weekday, with the time as portals print it; "Stand:" and "Giriş:";
    # the reading time, a player's label and the byline in more of the blogs' languages; a desk for a byline
    ("02.03.2026, 10:21 Uhr", "chrome.posted-date", None), ("Thứ ba, 2/3/2026, 10:21 (GMT+7)", "chrome.posted-date", None),
    ("02/03/2026 - 10h21", "chrome.posted-date", None), ("2 марта 2026, 10:21", "chrome.posted-date", None),
    ("Stand: 02.03.2026 10:21 Uhr", "chrome.date-label", None), ("Giriş: 02.03.2026 10:21", "chrome.date-label", None),
    ("Tempo di lettura: 3 minuti", "chrome.reading-time", None), ("Время чтения: 3 мин", "chrome.reading-time", None),
    ("Okuma süresi: 3 dk", "chrome.reading-time", None), ("Lectura: 3 min", "chrome.reading-time", None),
    ("Escuchar", "audio.player", None), ("di Marco Rossi", "chrome.byline", "Marco Rossi"),
    ("Laporan Wartawan Harian Pelabuhan, Budi Santoso", "chrome.byline", "Budi Santoso"),
    ("Haber Merkezi", "chrome.byline", None), ("News Desk", "chrome.byline", None),
    ("Da Reda\u00e7\u00e3o", "chrome.byline", None), ("Par la r\u00e9daction", "chrome.byline", None),
    ("A cura della redazione", "chrome.byline", None), ("Door Redactie", "chrome.byline", None),
    # an Indonesian portal's editor, alone or after the writer (who is the author)
    ("Editor: Budi Santoso", "chrome.byline", None),
    ("Penulis: Ana Lestari Editor: Budi Santoso", "chrome.byline", "Ana Lestari"),
    # a byline's lead word alone, the names it led lost with their links
    ("By", "chrome.byline", None), ("Posted by:", "chrome.byline", None), ("Oleh", "chrome.byline", None),
    ("Scritto da", "chrome.byline", None),
    # the lead words of more of the blogs' languages
    ("Scritto da Marco Rossi", "chrome.byline", "Marco Rossi"), ("\u00c9crit par Anne Martin", "chrome.byline", "Anne Martin"),
    ("Ditulis oleh Budi Santoso", "chrome.byline", "Budi Santoso"),
    ("Napisane przez Jan Kowalski", "chrome.byline", "Jan Kowalski"),
    ("Publicado por Ana Ruiz em 7 de dezembro de 2026", "chrome.byline", "Ana Ruiz"),
    ("بواسطة أحمد علي", "chrome.byline", "أحمد علي"), ("بواسطة", "chrome.byline", None),
])
def test_a_themes_lines_above_the_post_are_cut(head: str, rule: str, author: str | None) -> None:
    out = cut_text(head + "\n" + BODY, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed == [(rule, head)]
    assert out.harvest.authors == ([author] if author else [])


@pytest.mark.parametrize("first", [
    "By the numbers",  # a subheading
    "By Tuesday the bridge will reopen.",
    "Updated guidance from the council was published on Monday, 3 June.",
    "Updated guidance on ferries",
    "Homeowners near the river were told to leave.",
    "5 minutes later, the ferry left.",
    "The Mayor - March 3, 2026 was a big day for the island.",
    "March 3, 2026 - by then the ferry was gone",
    "Published reports say the bridge will cost more.",
    "Edited by the council, the plan was published.", "Reviewed by the board",
    "2 hours ago the bridge was still closed.",
    "von am 20.06.2018",  # (a byline whose name a theme left empty: no "am" for an author)
    "Di Balik Layar",  # (an Indonesian kicker: "di" is a byline's only in lower case, as Italian writes it)
    "Lectura obligada para el verano",
    "Editor: the job nobody wants at the town paper",  # (a headline: the editor's line names a person)
])
def test_an_articles_first_line_like_a_themes_line_stays(first: str) -> None:
    assert cut_text(first + "\n" + BODY, RULES, Context(title="Bridge reopens")).text == first + "\n" + BODY


@pytest.mark.parametrize(("box", "cut"), [
    # an article directory's resource box, above its "Article Source:" footer
    ("About the Author\nDerek Hollis has repaired roofs for twenty years. Visit Gutter Gurus for more tips.\n"
     "Article Source: https://articlebase.example/home/gutters-9981.html", True),
    ("Sobre el autor:\nMarta Gil escribe sobre jardinería desde 2010.\nVisita su blog para más consejos.", True),
    ("Об авторе\nИван Петров пишет о ремонте домов.", True),
    ("著者プロフィール\n山田太郎。住宅リフォームのライター。", True),
    # more than a bio: four lines, or a long section under such a heading, is the article's
    ("About the author\nOne.\nTwo.\nThree.\nFour.", False),
    ("About the author\n" + " ".join(["She spent a decade on the river before she wrote a word about it."] * 14), False),
    # an article's sentence about an author
    ("The author of the report, Ana Ruiz, said the findings were preliminary.", False),
])
def test_an_author_box_under_the_text_is_cut_with_its_heading(box: str, cut: bool) -> None:
    out = cut_text(BODY + "\n" + box, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is cut
    if not cut:
        assert out.text.endswith(box.rsplit("\n", 1)[-1])


@pytest.mark.parametrize("tail", ["de Portada - Google Noticias https://ift.tt/3abcdEF\nv\u00eda IFTTT",
                                  "desde Portada - Google Noticias https://ift.tt/3abcdEF v\u00eda IFTTT", "v\u00eda IFTTT",
                                  "Top stories - Google News https://ift.tt/3abcdEF\nPowered by Blogger"])
def test_an_applets_tail_over_another_line_or_its_via_ifttt_with_a_spanish_accent_is_cut_and_credits_ifttt(
        tail: str) -> None:
    """("vía IFTTT" had stopped the scan from the end; and a feed's title and link with no "from" before
    them were read only on the text's last line, so over another they stayed in the text.)"""
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and "ifttt" in out.harvest.tools, tail


@pytest.mark.parametrize(("tail", "feed_title", "source_url"), [
    ("dari Harian Kota https://ift.tt/3abcdEF", "Harian Kota", None),
    ("desde Titulares - Google Noticias https://ift.tt/3abcdEF", "Titulares - Google Noticias", None),
    ("von Schlagzeilen - Google News\nhttps://ift.tt/3abcdEF", "Schlagzeilen - Google News", None),
    # a title's own short first word is not an applet's "from"
    ("Da Nang - Google News https://ift.tt/3abcdEF", "Da Nang - Google News", None),
    # link shortening turned off: the entry's own address, the original's
    ("from Harbour Daily https://harbourdaily.example/news/bridge-reopens", "Harbour Daily",
     "https://harbourdaily.example/news/bridge-reopens"),
])
def test_an_applets_tail_in_the_blogs_language_or_unshortened_gives_the_feed_and_the_original(
        tail: str, feed_title: str, source_url: str | None) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY
    assert out.harvest.feed_titles == [feed_title]
    assert ("ifttt" in out.harvest.tools) is ("ift.tt" in tail)  # (a Google News title credits its tool on the record)
    assert out.harvest.source_urls == ([source_url] if source_url else [])


@pytest.mark.parametrize(("tail", "publisher"), [
    ("Source: Harbour Daily https://ift.tt/3abcdEF", "Harbour Daily"),
    ("Источник: Северные вести https://ift.tt/3abcdEF", "Северные вести"),
    ("출처: 한강일보 https://ift.tt/3abcdEF", "한강일보"),
    ("Sumber: https://ift.tt/3abcdEF", None),
    ("Source: the council https://ift.tt/3abcdEF", None),  # (not a name's shape)
])
def test_a_credit_over_the_applets_link_names_the_publisher(tail: str, publisher: str | None) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.harvest.links == ["https://ift.tt/3abcdEF"]
    assert out.harvest.publishers == ([publisher] if publisher else [])


@pytest.mark.parametrize(("below", "publisher", "copy"), [
    ("from Cronaca - Google News https://ift.tt/3xYz9Qa", "Gazzetta del Lago", True),
    ("", None, False),  # an ordinary article's own "Via: …" credit stays, and names nobody
])
def test_a_via_credit_under_a_copy_is_cut_and_names_the_original(below: str, publisher: str | None, copy: bool) -> None:
    """The Italian autoblog template's two lines, a <br> between them ("Vai all'articolo originale" /
    "Via: Gazzetta del Lago"), under an IFTTT post; on an ordinary page the credit is the article's."""
    tail = "Vai all'articolo originale\nVia: Gazzetta del Lago" if copy else "Via: Gazzetta del Lago"
    out = cut_text(BODY + "\n" + tail + ("\n" + below if below else ""), RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is copy
    assert (publisher in out.harvest.publishers) if publisher else out.harvest.publishers == []


@pytest.mark.parametrize(("via", "publisher"), [("Via Gazzetta del Lago", "Gazzetta del Lago"),
                                                ("via the council's website", None)])
def test_a_via_credit_without_its_colon_names_a_capitalised_original_under_a_copy(via: str, publisher: str | None) -> None:
    out = cut_text(BODY + "\n" + via + "\nhttps://ift.tt/3xYz9Qa", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY  # (a line over the applet's link is its entry title, when it is nothing else)
    assert out.harvest.publishers == ([publisher] if publisher else [])


@pytest.mark.parametrize("line", ["Distributed by Tribune Content Agency, LLC.",
                                  "This story was originally published November 3, 2026, 9:12 AM.",
                                  "Originally Published: November 3, 2026 at 9:12 a.m.",
                                  "The Associated Press contributed to this report.",
                                  "Associated Press writer Jane Roe contributed to this report.",
                                  "Con informaci\u00f3n de agencias", "(Com informa\u00e7\u00f5es das ag\u00eancias)",
                                  "Follow Jane Roe on Twitter: @janeroe", "Автор: Мара Экхольм", "كتب: مارا إيكهولم",
                                  "लेखक: मारा एकहोम", "(इनपुट: एजेंसी)", "Written By: Jane Roe", "Muhabir: Mara Ekholm",
                                  "Originally published as Bridge reopens after two years of repairs",
                                  "Contact the writer: jane@coastalledger.example",
                                  "Write to Jane Roe at jane.roe@coastalledger.example"])
@pytest.mark.parametrize("copy", [True, False])
def test_a_newspapers_own_footer_lines_go_only_from_a_copy(line: str, copy: bool) -> None:
    below = "\nhttps://ift.tt/3abcdEF" if copy else ""
    out = cut_text(BODY + "\n" + line + below, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is copy and (out.text == BODY + "\n" + line) is not copy


def test_a_list_over_the_writer_s_address_is_cut_and_the_address_stays_on_an_original() -> None:
    tail = ("More Must-Reads From Coastal Ledger\n- Harbour cranes compared\n- Port fees rise again\n"
            "Write to Jane Roe at jane.roe@coastalledger.example")
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY + "\nWrite to Jane Roe at jane.roe@coastalledger.example"


@pytest.mark.parametrize(("line", "cut"), [
    ("Follow Coastal Ledger on Facebook and Twitter.", True), ("Have a news tip? Email us at tips@ledger.example", True),
    ("Get local news delivered to your inbox!", True), ("(c) 2026 Coastal Ledger", True),
    ("Related Stories From Coastal Ledger", True),
    ("Mantente informado de las noticias de la región en nuestro canal de WhatsApp", True),
    ("Siga o G1 no Instagram", True), ("Rejoignez notre chaîne WhatsApp", True),
    ("Abonnieren Sie unseren Newsletter", True), ("Gabung grup WhatsApp kami", True),
    ("Don't miss out! Subscribe to our newsletter.", True), ("Read the full article here", True),
    ("Follow the river on foot for two miles.", False), ("Have a tip for visitors? Email us and we will print it.", False),
    ("Don't miss the ferry festival next weekend.", False), ("Read the full report here, the council said.", False),
])
def test_a_papers_prompts_under_its_story_are_cut_from_any_page(line: str, cut: bool) -> None:
    out = cut_text(BODY + "\n" + line, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is cut


@pytest.mark.parametrize("credits", ["Reporting by Ana Ruiz; Additional reporting by Li Wei; Editing by Tom Field",
                                     "Our Standards: The Thomson Reuters Trust Principles.",
                                     "— With files from The Harbour Press", "(With inputs from PTI)",
                                     "With inputs from agencies", "Via: Harbour Ledger", "h/t Harbour Ledger",
                                     "Hat tip: Harbour Ledger",
                                     "Penulis : Dwi Hartanto", "Published By: Dwi Hartanto"])
@pytest.mark.parametrize(("below", "copy"), [
    ("", False),  # an ordinary article as its publisher prints it: its credits are its own
    ("Advertisement", False),  # (cut, but a page's ad label says nothing of copying)
    ("Source link", False),  # (a label alone names no original)
    ("https://ift.tt/3abcdEF", True),  # a tool's residue: the page is a copy, and the credits are the original's
    ("Let's block ads! (Why?)", True),
    ("Read more at: https://ledger.example/bridge", True),
])
def test_a_wire_storys_credits_go_only_from_a_copy(credits: str, below: str, copy: bool) -> None:
    out = cut_text(BODY + "\n" + credits + ("\n" + below if below else ""), RULES, Context(title="Bridge reopens"))
    assert (credits in out.text.split("\n")) is not copy
    if not copy:
        assert out.harvest.authors == []  # (a credit left in names no author)


@pytest.mark.parametrize("feed_title", ["Top stories - Google News", "Titulares - Google Noticias", "Berita Utama - Google Berita",
                                        "أهم الأخبار - أخبار Google", "ข่าวเด่น - Google ข่าว", "Toppnyheter - Google Nyheter"])
def test_a_google_news_feed_title_in_any_edition_says_the_post_came_through_google_news(feed_title: str) -> None:
    out = cut_text(f"{BODY}\n{feed_title}\nMarch 3, 2026 at 09:41AM\nhttps://ift.tt/3abcdEF", RULES, Context())
    assert out.text == BODY and out.harvest.feed_titles == [feed_title]
    assert out.harvest.tools == ["google-news", "ifttt"]



def _blocks_cut(box: str, after: bool = False) -> tuple[list[str], list[str]]:
    """cut_blocks over BODY's two paragraphs with box between them (or after both): the text's lines
    left and the ids of the rules that cut."""
    from pipelines.htmltext import cut_blocks, parse_fragment, to_text

    first, second = "<p>The council approved the plan on Tuesday.</p>", "<p>It will cost 4 million.</p>"
    root = parse_fragment(first + second + box if after else first + box + second)
    removed = cut_blocks(root, RULES, Harvest())
    return to_text(root).strip().splitlines(), [r for r, _ in removed]

@pytest.mark.parametrize(("box", "cut"), [
    ("<div><b>Baca Juga</b><ul><li><a href='/a'>Jalan lingkar ditutup</a></li><li><a href='/b'>Harga beras turun</a></li></ul></div>", True),
    ("<div class='box'><h4>Related posts:</h4><p><a href='/a'>Pier repairs finish</a> | <a href='/b'>Lifeboat crew marks 150 years</a></p></div>", True),
    ("<aside><strong>Leia também</strong><br><a href='/a'>Chuva forte atinge o litoral</a></aside>", True),
    ("<div class='related-entries'><h2>関連記事</h2><ul><li><a href='/a'>市バスの新路線</a></li><li><a href='/b'>駅前の再開発</a></li></ul></div>", True),
    ("<div><h3>Похожие записи</h3><ul><li><a href='/a'>Паром снова ходит</a></li></ul></div>", True),
    ("<p><b>यह भी पढ़ें:</b> <a href='/a'>बिजली की नई दरें लागू</a></p>", True),
    # the links under the heading's own element rather than in a box with it
    ("<p><strong>Leia também:</strong></p><ul><li><a href='/a'>Chuva forte atinge o litoral</a></li>"
     "<li><a href='/b'>Feira começa sábado</a></li></ul>", True),
    ("<h3>See also</h3><p><a href='/a'>Pier repairs finish</a></p><p><a href='/b'>Lifeboat crew marks 150 years</a></p>", True),
    ("<div><h4>مطالب مرتبط</h4><ul><li><a href='/a'>قیمت نان</a></li><li><a href='/b'>مترو</a></li></ul></div>", True),
    ("<div><h3>Notas relacionadas</h3><ul><li><a href='/a'>Sube el pasaje</a></li></ul></div>", True),
    ("<div><h3>Potrebbe interessarti anche</h3><ul><li><a href='/a'>Il porto riapre</a></li></ul></div>", True),
    ("<div><h3>Você também pode gostar</h3><ul><li><a href='/a'>Feira começa sábado</a></li></ul></div>", True),
    ("<div><h3>Vous aimerez aussi</h3><ul><li><a href='/a'>Le port rouvre</a></li></ul></div>", True),
    ("<div class='penci-ilrltpost-insert'><div>You may be interested</div><ul><li><a href='/a'>Pier repairs finish</a>"
     "</li><li><a href='/b'>Lifeboat crew marks 150 years</a></li></ul></div>", True),
    # other stories' links each with a teaser (a line of the story, its date), as themes and
    # related-posts plugins show them
    ("<div class='yarpp'><h3>Related Posts</h3><ul><li><a href='/a'>Pier repairs finish</a><p>Work on the old pier "
     "ended a week early, the council said.</p></li><li><a href='/b'>Lifeboat crew marks 150 years</a><p>The crew "
     "held an open day for the town.</p></li></ul></div>", True),
    ("<div><h4>Recent Posts</h4><ul><li><a href='/a'>Pier repairs finish</a> — 3 March 2026</li>"
     "<li><a href='/b'>Lifeboat crew marks 150 years</a> (4)</li></ul></div>", True),
    ("<section><h2>Ähnliche Beiträge</h2><article><h3><a href='/a'>Die Fähre fährt wieder</a></h3><p>Nach drei Wochen "
     "Pause legt die Fähre wieder an.</p></article><article><h3><a href='/b'>Neuer Markt am Hafen</a></h3>"
     "<p>Jeden Samstag ab acht Uhr.</p></article></section>", True),
    ("<div class='popular-posts'><h3>Popular posts from this blog</h3><div><a href='/a'>Pier repairs finish</a>"
     "<div class='snippet'>Work on the old pier ended a week early.</div></div><div><a href='/b'>Lifeboat crew marks "
     "150 years</a><div class='snippet'>The crew held an open day.</div></div></div>", True),
    ("<div><h3>Berita Lainnya</h3><div><a href='/a'>Jalan lingkar ditutup</a><p>Perbaikan selesai bulan depan.</p></div>"
     "<div><a href='/b'>Harga beras turun</a><p>Pasar induk ramai lagi.</p></div></div>", True),
    ("<div><h4>Postagens relacionadas</h4><ul><li><a href='/a'>Chuva forte atinge o litoral</a></li></ul></div>", True),
    ("<aside><h2>Most read</h2><ul><li><a href='/a'>Pier repairs finish</a></li><li><a href='/b'>Lifeboat crew marks 150 years</a></li></ul></aside>", True),
    # links set in a sentence of the article are not headlines; nor is a paragraph of an article a teaser
    ("<h3>Trending now</h3><p>Ferry fares are <a href='/d'>trending</a> up again, and <a href='/e'>bus fares</a> too.</p>", False),
    ("<h3>See also</h3><p>The <a href='/d'>report</a> the council published in May and <a href='/e'>the audit</a> "
     "that followed it.</p>", False),
    ("<div><h3>You may also like</h3><ul><li><a href='/a'>Pier repairs finish</a><p>" + "The pier was built in 1891 "
     "and has been repaired four times since then, most recently after the storm of the winter before last. " * 4
     + "</p></li><li><a href='/b'>Lifeboat crew marks 150 years</a></li></ul></div>", False),
    # a paragraph that goes on after the words has text of its own; a lone "Read more" link is the
    # original's (its anchor rule reads it), not a list
    ("<p><b>Related</b> projects in the region were delayed by <a href='/d'>the same dispute</a>.</p>", False),
    ("<p><a href='https://ledger.example/bridge'>Read more</a></p>", False),
    ("<h3>See also</h3><p>The <a href='/d'>report</a> the council published in May.</p>", False),
    ("<p>Readers should <b>see also</b></p><ul><li><a href='/a'>Pier repairs finish</a></li></ul>", False),
])
def test_a_box_of_links_to_other_stories_inside_the_post_is_cut(box: str, cut: bool) -> None:
    lines, rules = _blocks_cut(box)
    assert (lines == BODY.split("\n")) is cut
    assert rules == (["related.box"] if cut else [])


@pytest.mark.parametrize(("box", "rule"), [
    # WP QUADS's ad slot; Elementor's author box and post links in a theme built with it
    ("<div class='quads-location quads-ad2'><p>Advertisement</p><ins class='adsbygoogle'></ins></div>",
     "wordpress.plugin-widget"),
    ("<div class='elementor-element elementor-widget elementor-widget-author-box'><div><h4>Jane Roe</h4>"
     "<p>Jane writes about ports and ferries for the site.</p></div></div>", "wordpress.plugin-widget"),
    ("<div class='elementor-widget elementor-widget-post-navigation'><a href='/p'>Previous Pier repairs finish</a>"
     "<a href='/n'>Next Lifeboat crew marks 150 years</a></div>", "wordpress.plugin-widget"),
    # tagDiv's ad slot, the block editor's latest posts and feed items
    ("<div class='td-a-rec td-a-rec-id-content_inline'><span>- Advertisement -</span></div>", "html.named-box"),
    ("<ul class='wp-block-latest-posts__list wp-block-latest-posts'><li><a href='/a'>Pier repairs finish</a></li>"
     "<li><a href='/b'>Lifeboat crew marks 150 years</a></li></ul>", "html.named-box"),
    ("<ul class='wp-block-rss'><li><a href='/a'>Pier repairs finish</a></li></ul>", "html.named-box"),
])
def test_a_themes_or_plugins_box_between_the_paragraphs_is_cut(box: str, rule: str) -> None:
    assert _blocks_cut(box) == (BODY.split("\n"), [rule])


@pytest.mark.parametrize("box", [
    # Easy Table of Contents: older versions mark the box by its id alone; Table of Contents Plus too
    "<div id='ez-toc-container' class='counter-hierarchy ez-toc-grey'><p class='ez-toc-title'>Table of Contents</p>"
    "<span class='ez-toc-title-toggle'><a href='#'>Toggle</a></span><nav><ul><li><a href='#a'>Fees</a></li></ul></nav></div>",
    "<div id='toc_container' class='no_bullets'><p class='toc_title'>Contents</p><ul class='toc_list'>"
    "<li><a href='#a'>Fees</a></li></ul></div>",
    "<div class='ez-toc-v2_0_17 counter-hierarchy ez-toc-counter'><p>Table of Contents</p><ul><li>Fees</li></ul></div>",
])
def test_a_plugins_table_of_contents_is_cut(box: str) -> None:
    assert _blocks_cut(box) == (BODY.split("\n"), ["wordpress.plugin-widget"])


def _toc(heading: str, n: int) -> str:
    return (f"<div><p><b>{heading}</b></p><ol>"
            + "".join(f"<li><a href='#s{i}'>Part {i}</a><ol><li><a href='#s{i}b'>Step {i}</a></li></ol></li>"
                      for i in range(n)) + "</ol></div>")


@pytest.mark.parametrize(("box", "cut"), [
    # a table of contents no plugin's class marks: its heading over nothing but the links to the
    # post's sections, however many, with the toggle's word or in the blog's language
    (_toc("Table of Contents", 3), True), (_toc("Contents [hide]", 20), True), (_toc("Inhaltsverzeichnis", 4), True),
    (_toc("Daftar Isi", 2), True), (_toc("目次", 5), True), (_toc("Содержание", 3), True), (_toc("Índice", 3), True),
    ("<h4>In this article:</h4><ul><li><a href='#a'>Fees</a></li><li><a href='#b'>Dates</a></li></ul>", True),
    # a heading over a paragraph of the article, and a list too long to be one (60 links at most)
    ("<h3>Contents</h3><p>The <a href='#a'>box</a> held letters the council had kept since 1950.</p>", False),
    (_toc("Contents", 31), False),
])
def test_a_table_of_contents_that_no_class_marks_is_cut(box: str, cut: bool) -> None:
    lines, rules = _blocks_cut(box)
    assert (lines == BODY.split("\n")) is cut
    assert rules == (["toc.box"] if cut else [])


def test_a_link_lists_most_items_is_a_whole_number(tmp_path) -> None:
    from pipelines.rules import RuleError

    rule = "[[link_list]]\nid = 'x'\nhint = 'see'\nheading = 'see'\nitems = {}\n"
    for bad in ("0", "'many'", "true"):
        (tmp_path / "mine.toml").write_text(rule.format(bad))
        with pytest.raises(RuleError, match="items must be a whole number above 0"):
            load_rules((str(tmp_path),))
    (tmp_path / "mine.toml").write_text(rule.format("3"))
    assert next(r for r in load_rules((str(tmp_path),)).link_lists if r.id == "x").items == 3


@pytest.mark.parametrize(("box", "rule"), [
    # an old theme's meta line and post navigation inside the post's box, in the blog's language
    ("<p class='postmetadata alt'><small>Dieser Beitrag wurde am Montag, 3. März 2025 um 10:15 Uhr veröffentlicht "
     "und unter <a href='/c/hafen' rel='category tag'>Hafen</a> abgelegt. Kommentare können über den "
     "<a href='/feed'>RSS 2.0</a> Feed verfolgt werden.</small></p>", "wordpress.post-meta"),
    ("<div class='navigation'><div class='alignleft'>&laquo; <a href='/a' rel='prev'>Ferry timetable changes</a>"
     "</div><div class='alignright'><a href='/b' rel='next'>Harbour fees rise</a> &raquo;</div></div>",
     "wordpress.post-meta"),
    ("<nav class='navigation post-navigation'><h2 class='screen-reader-text'>Navigation des articles</h2>"
     "<div class='nav-links'><div class='nav-previous'><a href='/a' rel='prev'>Horaires du ferry</a></div></div></nav>",
     "wordpress.post-meta"),
    # a theme's categories box: its label over the categories ("Filed under"), WordPress's cat-links
    ("<div class='entry-category entry-left-column'><h5>Filed under</h5><a href='/category/harbour/' "
     "rel='category tag'>Harbour</a>, <a href='/category/ferries/' rel='category tag'>Ferries</a></div>",
     "theme.categories-box"),
    ("<span class='cat-links'>Posted in <a href='/category/news/' rel='category tag'>News</a></span>",
     "theme.categories-box"),
    # WordAds' slot on a free WordPress.com site
    ("<div class='wpcnt'><div class='wpa'><span class='wpa-about'>Publicidad</span><div class='u'></div></div></div>",
     "wordpress.com-ads"),
    ("<div class='wp-block-group'><h2>Descubre más desde Notas del Puerto</h2><p>Suscríbete para recibir las "
     "últimas entradas en tu correo electrónico.</p><div class='wp-block-jetpack-subscriptions__container'><form>"
     "<input type='email' placeholder='Escribe tu correo electrónico…'><button>Suscribirse</button></form></div></div>",
     "jetpack.subscribe"),
    ("<div class='wp-block-jetpack-subscriptions wp-block-jetpack-subscriptions__supports-newline'><p>Entdecke mehr "
     "von Hafennotizen</p><button>Abonnieren</button></div>", "jetpack.subscribe"),
    ("<nav class='wp-block-jetpack-sharing-buttons'><ul><li><a href='#'>Facebook</a></li><li><a href='#'>X</a></li>"
     "</ul></nav>", "jetpack.share"),
])
def test_wordpress_boxes_inside_the_post_are_cut_in_any_language(box: str, rule: str) -> None:
    lines, rules = _blocks_cut(box, after=True)
    assert lines == BODY.split("\n") and rule in rules


@pytest.mark.parametrize("group", [
    # the article's own lines in the same group as the box: a paragraph first, or a heading over more
    # than a prompt's worth of text
    "<div class='wp-block-group'><p>The ferry will run again on Friday.</p>{box}</div>",
    "<div class='wp-block-group'><h2>Update</h2><p>" + "The ferry will run again on Friday, the operator said. " * 7
    + "</p>{box}</div>",
])
def test_the_articles_lines_beside_a_subscription_box_stay(group: str) -> None:
    from pipelines.htmltext import cut_blocks, parse_fragment, to_text

    box = "<div class='wp-block-jetpack-subscriptions__container'><form><button>Subscribe</button></form></div>"
    root = parse_fragment("<p>The council approved the plan on Tuesday.</p>" + group.format(box=box))
    removed = cut_blocks(root, RULES, Harvest())
    assert "The ferry will run again on Friday" in to_text(root)
    assert removed == [("jetpack.subscribe", "Subscribe")]


def test_hint_words_are_found_at_the_start_of_a_pages_words() -> None:
    from pipelines.htmltext import _PageWords, parse_fragment

    page = _PageWords(parse_fragment("<p>The viaduct opened on Tuesday.</p><p>Noticias relacionadas</p>"
                                     "<div>港町の関連記事</div>"))
    assert page.has("relacionad")  # the first six letters of a word
    assert page.has("tuesday.")  # a block's last word and the next one's first are apart
    assert page.has("noticias relacionadas")
    assert not page.has("via ")  # a whole short word: not the start of "viaduct"
    assert page.has("関連") and not page.has("出典")  # written without spaces: anywhere
    assert not _PageWords(parse_fragment("<p>Plain English text only.</p>")).has("関連")


def test_an_embedded_social_post_is_cut_and_its_short_links_are_not_the_chains() -> None:
    tweet = ("<blockquote class='twitter-tweet'><p>Scenes at the ferry tonight <a href='https://t.co/AbCdEf123'>"
             "pic.twitter.com/AbCdEf123</a></p>&mdash; Harbour FC (@HarbourFC) <a href='https://twitter.com/HarbourFC/"
             "status/1'>June 6, 2025</a></blockquote>")
    lines, removed, harvest = _block_between_paragraphs(tweet)
    assert lines == BODY.split("\n")
    assert removed == ["embed.social"] and harvest.links == []


@pytest.mark.parametrize("embed", [
    # an embed block whose player was not rendered: the address alone; a WordPress post embedded
    "<figure class='wp-block-embed is-type-video wp-block-embed-youtube'><div class='wp-block-embed__wrapper'>\n"
    "https://www.youtube.com/watch?v=abcdEFGhijk\n</div></figure>",
    "<blockquote class='wp-embedded-content'><a href='https://other.example/2025/06/harbour-fair/'>Harbour fair "
    "draws record crowd</a></blockquote>",
    # Ghost's bookmark card: the linked page's title, description, site and writer
    "<figure class='kg-card kg-bookmark-card'><a class='kg-bookmark-container' href='https://other.example/harbour-fair/'>"
    "<div class='kg-bookmark-content'><div class='kg-bookmark-title'>Harbour fair draws record crowd</div><div class="
    "'kg-bookmark-description'>Stalls lined the quay all weekend.</div><div class='kg-bookmark-metadata'><img class="
    "'kg-bookmark-icon' src='https://other.example/icon.png' alt=''><span class='kg-bookmark-author'>Other News</span>"
    "<span class='kg-bookmark-publisher'>Bo Chan</span></div></div></a></figure>",
])
def test_a_wordpress_embed_block_is_cut_and_its_link_is_not_the_source(embed: str) -> None:
    lines, removed, harvest = _block_between_paragraphs(embed, titles=("Harbour fair draws record crowd",),
                                                        page_url="https://blog.example/x/")
    assert lines == BODY.split("\n")
    assert removed == ["embed.block"] and harvest.source_urls == [] and harvest.links == []


@pytest.mark.parametrize(("line", "cut"), [
    ("https://www.youtube.com/watch?v=abcdEFGhijk", True), ("https://youtu.be/abcdEFGhijk", True),
    ("https://vimeo.com/123456789", True), ("https://x.com/HarbourFC/status/1234567890", True),
    ("https://www.instagram.com/p/CxYz123/", True), ("https://www.tiktok.com/@harbourfc/video/7300000000000000000", True),
    # a line that says more than the address; another site's address
    ("Watch the launch: https://www.youtube.com/watch?v=abcdEFGhijk", False),
    ("https://harbour.example/news/fair", False),
])
def test_a_video_or_social_posts_address_alone_on_a_line_is_cut(line: str, cut: bool) -> None:
    out = _between_paragraphs(line)
    assert (out.text == BODY) is cut


@pytest.mark.parametrize(("line", "cut"), [
    ("This article was generated with the help of AI.", True),
    ("Disclaimer: This content was created using ChatGPT and reviewed by our editors.", True),
    ("(This story was automatically generated by an AI model from agency reports.)", True),
    ("AI-generated content. Please verify important information.", True),
    ("Artikel ini dibuat dengan bantuan AI dan telah disunting oleh redaksi.", True),
    ("Dieser Artikel wurde mit Hilfe von KI erstellt.", True), ("本文由AI生成，仅供参考。", True),
    # a note that a machine translated it, in the splogs' languages
    ("This article was machine translated.", True), ("Esta nota fue traducida autom\u00e1ticamente.", True),
    ("Translated by Google Translate", True), ("Artikel ini diterjemahkan secara otomatis.", True),
    ("Note: This article has been automatically translated from Spanish.", True),
    ("(Este artigo foi traduzido automaticamente.)", True), ("Dieser Artikel wurde maschinell \u00fcbersetzt.", True),
    ("※この記事は自動翻訳されています。", True), ("本文由机器翻译生成。", True), ("이 기사는 자동 번역되었습니다.", True),
    ("This article was translated from Spanish by Ana Ruiz.", False),
    ("The speech was translated by Google Translate for the visitors, officials said.", False),
    # the article's own sentences about AI
    ("The report was written with the help of AI researchers at the university, the council said.", False),
    ("The report was generated by AI, officials admitted.", False),
    ("AI-generated images flooded the contest, organisers said.", False),
])
def test_a_note_that_a_machine_wrote_the_text_is_cut_and_names_the_ai_writer(line: str, cut: bool) -> None:
    out = _between_paragraphs(line)
    assert (out.text == BODY) is cut
    assert ("ai-writer" in out.harvest.tools) is cut


@pytest.mark.parametrize(("line", "publisher"), [
    ("This is an AI-generated summary of an article from Harbour Daily.", "Harbour Daily"),
    ("This post is a summary of an article originally published by Harbour Daily.", "Harbour Daily"),
    ("Note: This article is a rewritten version of a story originally published by Harbour Daily.", "Harbour Daily"),
    ("This article was paraphrased by AI from Harbour Daily.", "Harbour Daily"),
    ("Summary generated by AI. Read the original at Harbour Daily.", "Harbour Daily"),
    ("AI-rewritten from Harbour Daily", "Harbour Daily"), ("Rewritten by AI. Source: harbourdaily.example", "harbourdaily.example"),
    ("Artikel ini telah diparafrasekan dari Kabar Pantura.", "Kabar Pantura"),
    ("Este art\u00edculo fue reescrito con IA a partir de El Faro.", "El Faro"),
    ("This content has been rewritten for clarity and originality.", None),
])
def test_an_ai_rewriters_note_naming_what_it_rewrote_is_cut_and_names_the_publisher(line: str, publisher: str | None) -> None:
    for out in (_between_paragraphs(line), cut_text(line + "\n" + BODY, RULES, Context(title="Bridge reopens"))):
        assert out.text == BODY and out.removed == [("ai.rewritten-from", line)]
        assert out.harvest.publishers == ([publisher] if publisher else [])
    assert ("ai-writer" in _between_paragraphs(line).harvest.tools) is (publisher is not None)


@pytest.mark.parametrize("line", ["This is a summary of the report by the Harbour Board.",
                                  "This article was adapted from a book by Ann Lee.",
                                  "The text was rewritten from scratch by the council's lawyers.",
                                  "This post is a rewrite of an article I wrote in 2019."])
def test_a_sentence_about_a_summary_or_a_rewrite_stays(line: str) -> None:
    assert line in _between_paragraphs(line).text


def test_a_section_kicker_above_the_text_that_is_one_of_the_posts_categories_is_cut() -> None:
    out = cut_text("WORLD NEWS\n" + BODY, RULES, Context(title="Bridge reopens", labels=("World News", "Ferries")))
    assert out.text == BODY and out.removed == [("head.label", "WORLD NEWS")]
    # a line that names no category of the post stays
    assert cut_text("WORLD NEWS\n" + BODY, RULES, Context(title="Bridge reopens")).text.startswith("WORLD NEWS")


@pytest.mark.parametrize(("line", "cut"), [
    ("Continue reading »", True), ("View As One Page", True), ("Next page ›", True), ("« Previous", True),
    ("Read the full story on one page", True), ("Weiterlesen »", True), ("- （1/3ページ）", True),
    ("Continue reading to learn how the ferry works.", False), ("Next page of the plan was approved.", False),
])
def test_a_paginated_articles_links_between_its_pages_are_cut_wherever_they_stand(line: str, cut: bool) -> None:
    out = _between_paragraphs(line)
    assert (out.text == BODY) is cut
    assert out.removed == ([("chrome.pagination", line)] if cut else [])


@pytest.mark.parametrize(("line", "cut"), [
    ("この記事は会員限定です。電子版に登録すると続きをお読みいただけます。", True), ("To continue reading, subscribe now.", True),
    ("Dieser Artikel ist nur für Abonnenten verfügbar.", True), ("Cet article est réservé aux abonnés.", True),
    ("Este contenido es exclusivo para suscriptores.", True), ("Esta matéria é exclusiva para assinantes.", True),
    # the article's own sentences
    ("This article is available to members of the public who visit the library.", False),
    ("Subscribe to continue reading the council minutes, the mayor said.", False),
])
def test_a_paywall_s_notice_under_a_cut_short_copy_is_cut(line: str, cut: bool) -> None:
    out = cut_text(BODY + "\n" + line, RULES, Context())
    assert (out.text == BODY) is cut
    assert out.removed == ([("paywall.notice", line)] if cut else [])


@pytest.mark.parametrize("line", ["January 29th, 2013 in Pop", "March 3, 2026", "Tuesday, March 3rd, 2026 in World News"])
def test_a_date_header_with_an_ordinal_day_or_its_category_is_cut(line: str) -> None:
    out = cut_text(f"{line}\n" + BODY, RULES, Context())
    assert out.text == BODY and out.removed == [("chrome.date-header", line)]


@pytest.mark.parametrize("kicker", ["Market Insider", "ANALYSIS", "Main Content", "Opinion | Transport"])
def test_a_short_line_right_above_the_headline_is_cut(kicker: str) -> None:
    out = cut_text(f"{kicker}\nBridge reopens after repairs\n" + BODY, RULES, Context(title="Bridge reopens after repairs"))
    assert out.text == BODY and out.removed == [("head.kicker", kicker), ("head.title", "Bridge reopens after repairs")]


@pytest.mark.parametrize("above", [
    # a sidebar's teaser, a post navigation's line read before the post: a line or two over the headline
    ["Updated models with larger screens expected in early 2027."],
    ["« Older: Ferry fares rise | Home | Newer: Pier lights repaired »", "Posted in Transport"],
])
def test_a_line_or_two_above_the_headline_at_the_head_are_cut(above: list[str]) -> None:
    title = "Bridge reopens after repairs"
    out = cut_text("\n".join([*above, title]) + "\n" + BODY, RULES, Context(title=title))
    assert out.text == BODY and out.removed[-1] == ("head.title", title)
    assert {rule for rule, _ in out.removed[:-1]} <= {"head.above-title", "head.kicker"}


@pytest.mark.parametrize("above", [
    # three lines, or a paragraph longer than a teaser's line, above the headline: the post's own
    ["The council met on Monday.", "It voted on the bridge.", "Work starts soon."],
    ["The bridge over the Holme was closed in March after inspectors found cracks in two of its piers, and the "
     "council spent the summer arguing about whether to repair it or build a new one."],
])
def test_more_than_a_line_or_two_above_the_headline_stays(above: list[str]) -> None:
    title = "Bridge reopens after repairs"
    out = cut_text("\n".join([*above, title]) + "\n" + BODY, RULES, Context(title=title))
    assert out.text.startswith(above[0])


def test_a_short_post_that_ends_with_its_title_keeps_the_lines_above_it() -> None:
    """An affiliate's product blurb: two lines, then the product's name, which is the post's title.
    The lines above the "headline" are the post itself (head.above-title had cut them: the post was
    an empty_after_clean reject); the title's repeat at the end goes."""
    title = "Harbour Glow night cream"
    above = ["Two patents, one jar: the new cream from the makers of Harbour Glow!",
             "Smooth as a boiled egg by morning, say the first buyers. On sale online from today!"]
    out = cut_text("\n".join([*above, title]), RULES, Context(title=title))
    assert out.text == "\n".join(above)
    assert out.removed == [("title.repeat", title)]


@pytest.mark.parametrize("first", [
    # a sentence, or a line that is not right above the headline, stays
    "The bridge was closed for a month.", "Market Insider",
])
def test_a_line_that_is_no_kicker_above_the_headline_stays(first: str) -> None:
    text = f"{first}\n" + BODY + "\nBridge reopens after repairs"
    assert cut_text(text, RULES, Context(title="Bridge reopens after repairs")).text.startswith(first)


@pytest.mark.parametrize(("role", "cut"), [
    ("CNBC Executive News Editor", True), ("Staff Writer", True), ("Senior Correspondent, Europe", True),
    ("Redakteurin", True), ("Envoyés spéciaux à Toulouse", True), ("Reporter for the Coast Daily", True),
    # the text's first line under the byline
    ("The editor resigned on Monday.", False), ("Ferries resume on the northern route", False),
])
def test_the_writer_s_job_under_a_byline_is_cut(role: str, cut: bool) -> None:
    out = cut_text(f"Bridge reopens\nBy: Ann Lee\n{role}\n" + BODY, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is cut
    assert out.harvest.authors == ["Ann Lee"]
    # not a line at the head with no byline above it
    assert cut_text(f"{role}\n" + BODY, RULES, Context(title="Bridge reopens")).text.startswith(role)


@pytest.mark.parametrize("box", [
    "Ann Lee\nSenior editor covering ports and shipping. You can keep up with me on Twitter: @annlee",
    "ANN LEE\nAnn writes about the harbour.\nhttps://annlee.example", "Ann Lee",
])
def test_an_author_box_under_the_text_is_cut_when_it_names_the_writer(box: str) -> None:
    out = cut_text(BODY + "\n" + box, RULES, Context(authors=("Bo Chan", "Ann Lee")))
    assert out.text == BODY and {rule for rule, _ in out.removed} == {"author.box"}
    # a writer the page does not name: the lines stay
    assert cut_text(BODY + "\n" + box, RULES, Context(authors=("Bo Chan",))).text != BODY


@pytest.mark.parametrize(("tail", "rule"), [
    ("Further reading\n- Harbour cranes compared\n- Port fees rise", "related.list"),
    ("Weiterführende Links\n- Hafenkräne im Vergleich", "related.list"), ("Weiterführender Link", "related.list"),
    ("Related Topics\nPorts\nShipping", "related.list"), ("- Related Items\nports shipping cranes", "related.list"),
    ("Keine Neuigkeiten aus dem Hafen mehr verpassen: Abonnieren Sie kostenlos den Hafen-Newsletter.", "chrome.site.de"),
    ("You can keep up with me on Twitter: @annlee", "chrome.site.en"),
    ("Verwandte Themen auf unserem Blog:\nHafenkräne im Vergleich\nHafengebühren steigen", "related.list"),
    ("Das Thema könnte dich auch interessieren:\n- Hafenkräne im Vergleich", "related.list"),
    ("Ti potrebbe interessare:\n- Il porto riapre\n- Nuovo molo", "related.list"),
    ("Notas relacionadas\n- Sube el pasaje", "related.list"),
    ("ข่าวที่เกี่ยวข้อง\n- รถไฟสายใหม่เปิดวันจันทร์", "related.list"), ("टिप्पणियाँ", "chrome.site.hi"),
    ("Kommentare lesen\n(128)\nZur Startseite", None), ("- Teilen auf\n- Artikel drucken", "chrome.share.de"),
    ("Kommentare lesen (128)", "chrome.site.any"), ("Comments (12)", "chrome.site.any"),
    ("Voir les commentaires (3)", "chrome.site.any"),
    # a comment count a script was to fill in, a bare count and a comments heading
    ("Kommentare ()", "chrome.site.any"), ("Comments ()", "chrome.site.any"), ("37 commentaires", "chrome.blogger.fr"),
    ("2 Responses", "chrome.wordpress.en"), ("No replies", "chrome.wordpress.en"),
    # a theme's meta line under the post in its translations, and after a separator the theme printed
    ("Veröffentlicht in Hafen | Schreib einen Kommentar", "chrome.wordpress.de"),
    ("| Abgelegt unter Hafen, Fähren", "chrome.wordpress.de"), ("Classé dans : Actualités", "chrome.wordpress.fr"),
    ("Publié dans Port | Laisser un commentaire", "chrome.wordpress.fr"),
    ("Publicado en Noticias | Deja un comentario", "chrome.wordpress.es"),
    ("Publicado em Notícias | Deixe um comentário", "chrome.wordpress.pt"),
    ("Pubblicato in Notizie | Lascia un commento", "chrome.wordpress.it"),
    ("Geplaatst in Nieuws | Geef een reactie", "chrome.wordpress.nl"),
    ("Dipublikasi di Berita | Tinggalkan komentar", "chrome.wordpress.id"),
    ("| Filed under Harbour News", "chrome.site.en"), ("| Posted in Harbour News", "chrome.wordpress.en"),
    # a theme's meta row between slashes with its comment link (Astra's order, and the byline's)
    ("Leave a Comment / Harbour News / By admin", "chrome.wordpress.en"),
    ("Harbour News / By admin / 3 Comments", "chrome.wordpress.en"),
    ("Kommentare insgesamt: 0\n| Kostenlos Homepage Baukasten - uCoz erstellen | Copyright MyCorp © 2016 |", "chrome.site.any"),
    # a cookie banner's text in the blogs' languages (the consent plugins' translations)
    ("Diese Website verwendet Cookies. Wenn Sie die Website weiter nutzen, gehen wir von Ihrem Einverständnis aus. OK",
     "chrome.site.de"),
    ("Durch die weitere Nutzung der Webseite stimmen Sie der Verwendung von Cookies zu.", "chrome.site.de"),
    ("Ce site utilise des cookies pour améliorer votre expérience. Accepter", "chrome.site.fr"),
    ("Este sitio web utiliza cookies para mejorar su experiencia. Aceptar Leer más", "chrome.site.es"),
    ("Utilizamos cookies para asegurar que damos la mejor experiencia al usuario en nuestra web.", "chrome.site.es"),
    ("Utilizamos cookies para garantir que você tenha a melhor experiência em nosso site. Ok", "chrome.site.pt"),
    ("Questo sito utilizza cookie tecnici e di terze parti. Accetta", "chrome.site.it"),
    ("Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda. Terima", "chrome.site.id"),
    ("Этот сайт использует файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь. OK", "chrome.site.ru"),
    # a free host's greeting and menu (uCoz), as they stand over the post too
    ("Приветствую Вас Гость | RSS", "chrome.site.any"), ("Willkommen Gast | RSS", "chrome.site.any"),
    ("Главная | Регистрация | Вход", "chrome.site.any"), ("Hauptseite | Blog | Registrieren | Login", "chrome.site.any"),
    ("AUTOR\nist Hafenmeisterin in Kettleby und schreibt über Schifffahrt.", "author.box"),
    # Blogger's profile gadget: its title, the blogger's name and a line of bio
    ("About Me\nGull Admin\nNews from the coast, every morning.", "author.box"),
    ("Über mich\nGull Admin", "author.box"), ("Hakkımda\nGull Admin", "author.box"),
])
def test_more_lists_and_prompts_under_the_text_are_cut(tail: str, rule: str | None) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context())
    assert out.text == BODY and (rule is None or {r for r, _ in out.removed} == {rule})


@pytest.mark.parametrize(("byline", "cut"), [
    ("by Ann Lee / March 3, 2026 / Leave a comment", True), ("By Ann Lee | 3 March 2026", True),
    # a byline without a date, or a line that opens like one, is not passed the standfirst for
    ("By Ann Lee", False), ("By contrast the pier stays shut until 2027", False),
])
def test_a_dated_byline_under_the_standfirst_is_cut_and_read(byline: str, cut: bool) -> None:
    """A news theme's standfirst (the story summed up under its headline) above the byline: the scan
    from the head stops at the standfirst, a sentence of the story to it, and the byline under it
    stayed with its writer unread."""
    standfirst = "Ferry fares rise for the first time in a decade as the harbour board looks for money"
    harvest = Harvest()
    out = cut_text(f"{standfirst}\n{byline}\n{BODY}", RULES, Context(), harvest)
    assert out.text == (f"{standfirst}\n{BODY}" if cut else f"{standfirst}\n{byline}\n{BODY}")
    assert harvest.authors == (["Ann Lee"] if cut else [])
    assert bool(harvest.published) == cut


@pytest.mark.parametrize(("footer", "cut"), [
    ("Written by Ann Lee on March 3, 2026", True), ("By Ann Lee | March 3, 2026 | 0 comments", True),
    # a signature without a date, and a sentence that opens like a byline, stay
    ("By Ann Lee", False), ("By March 3, 2026 the pier will reopen", False),
])
def test_a_dated_byline_in_a_themes_footer_under_the_text_is_cut_and_read(footer: str, cut: bool) -> None:
    harvest = Harvest()
    out = cut_text(f"{BODY}\n{footer}", RULES, Context(), harvest)
    assert out.text == (BODY if cut else f"{BODY}\n{footer}")
    assert harvest.authors == (["Ann Lee"] if cut else []) and bool(harvest.published) == cut


@pytest.mark.parametrize("name", ["Ann Lee", "ANN LEE"])
def test_the_writers_name_alone_above_the_text_is_a_byline(name: str) -> None:
    """Telegraph's editor repeats the writer's line (its <address>) under the headline inside the post."""
    out = cut_text(f"{name}\n{BODY}", RULES, Context(authors=("Bo Chan", "Ann Lee")))
    assert out.text == BODY and [rule for rule, _ in out.removed] == ["head.author"]
    # a name the feed or the page gives no writer stays
    assert cut_text(f"{name}\n{BODY}", RULES, Context(authors=("Bo Chan",))).text == f"{name}\n{BODY}"


@pytest.mark.parametrize("line", ["💡", "⭐⭐⭐", "👉 👉", "★ ★ ★", "🔥🔥"])
def test_a_line_of_emoji_or_symbols_alone_is_cut_wherever_it_stands(line: str) -> None:
    for text in _placed(BODY, line):
        out = cut_text(text, RULES, Context())
        assert out.text == BODY and [rule for rule, _ in out.removed] == ["text.symbols-only"]


@pytest.mark.parametrize("line", ["}", ">>>", "| |", "$ ~"])
def test_a_line_of_ascii_signs_between_paragraphs_stays(line: str) -> None:
    """A code listing's closing brace or prompt is the code's."""
    first, second = BODY.split("\n")
    assert cut_text(f"{first}\n{line}\n{second}", RULES, Context()).text == f"{first}\n{line}\n{second}"


def test_the_writers_name_over_the_articles_own_paragraphs_stays() -> None:
    para = ("The harbour master said the new crane would be ready before the winter storms arrive. " * 4).strip()
    paras = [f"{para} ({n} of 3)" for n in (1, 2, 3)]  # (three paragraphs: one printed thrice is a repeat)
    text = BODY + "\nAnn Lee\n" + "\n".join(paras) + "\nAnn Lee said the crane cost 4 million."
    assert cut_text(text, RULES, Context(authors=("Ann Lee",))).text == text


@pytest.mark.parametrize(("last", "rules"), [
    # a recipe's ingredients run on without their line breaks, after the article's last sentence
    ("It will cost 4 million. Let's block ads! (Why?)World - Latest - Google NewsMarch 3, 2026 at 09:41AM"
     "https://ift.tt/3abcdEF", ["fivefilters.blockads", "google-news.feed-title", "ifttt.date", "ifttt.link"]),
    ("It will cost 4 million.The post Bridge reopens appeared first on Coastal Ledger.", ["yoast.appeared-first"]),
    ("It will cost 4 million. March 3, 2026 at 09:41AM https://ift.tt/3abcdEF", ["ifttt.date", "ifttt.link"]),
])
def test_residue_run_on_in_the_last_line_is_split_off_and_cut(last: str, rules: list[str]) -> None:
    out = cut_text("The council approved the plan on Tuesday.\n" + last, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and [r for r, _ in out.removed] == rules


@pytest.mark.parametrize("last", [
    "It will cost 4 million, the iPhone maker said. Apple shares rose 2% (see https://example.com/x).",
    "Details at https://ift.tt/3abcDEF are wrong, the council said.",
    "The McDonald's on Fore Street said its post appeared first on a partner site.",
])
def test_an_articles_last_line_is_not_split(last: str) -> None:
    text = "The council approved the plan on Tuesday.\n" + last
    assert cut_text(text, RULES, Context(title="Bridge reopens")).text == text


@pytest.mark.parametrize(("text", "kept"), [
    ("کتابخانه دوباره باز می\u200cشود", "کتابخانه دوباره باز می\u200cشود"),  # Persian spelling
    ("क्\u200dष", "क्\u200dष"),
    ("family \U0001f468\u200d\U0001f469\u200d\U0001f467 photo", "family \U0001f468\u200d\U0001f469\u200d\U0001f467 photo"),
    # between Latin letters (copy detection dodged), stray, or before a space: dropped
    ("fer\u200cry cross\u200ding", "ferry crossing"),
    ("\u200cکتاب\u200c ها", "کتاب ها"),
    ("zero\u200bwidth\ufeff", "zerowidth"),
    ("Wehr\u00admauer\u00adbrot", "Wehrmauerbrot"),  # soft hyphens
    ("SÃ\u00adguenos en Facebook", "Síguenos en Facebook"),  # (a soft hyphen that is half an "í" read as Windows-1252)
])
def test_zero_width_joiners_stay_only_where_they_spell_a_word_and_soft_hyphens_go(text: str, kept: str) -> None:
    from pipelines.normalize import clean_text

    assert clean_text(text) == kept


def test_the_italian_autoblog_footer_names_the_original_publisher() -> None:
    """SIGNATURES §4: "Vai all'articolo originale Via: <Publisher>" after an FTR footer."""
    out = cut_text(BODY + "\nVai all'articolo originale Via: Gazzetta del Porto", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.harvest.publishers == ["Gazzetta del Porto"]


ZH_BODY = "市交通局昨日宣布，下周一起将新增三条公交线路。\n新线路全部使用电动公交车，高峰时段发车间隔为八分钟。"


@pytest.mark.parametrize(("above", "below", "publisher"), [
    ("原标题：三条新公交线路下周开通", "（来源：城市日报）\n责任编辑：王芳", "城市日报"),
    ("【原标题】三条新公交线路下周开通", "来源：城市日报\n声明：本文转载自其他媒体，不代表本站观点。如有侵权，请联系删除。", "城市日报"),
    ("", "编辑：王芳", None),
])
def test_a_chinese_reprints_lines_are_cut_and_name_the_original(above: str, below: str, publisher: str | None) -> None:
    out = cut_text("\n".join(x for x in (above, ZH_BODY, below) if x), RULES, Context(title="城市新增三条公交线路"))
    assert out.text == ZH_BODY
    assert out.harvest.publishers == ([publisher] if publisher else [])


def test_a_chinese_sentence_about_a_source_stays() -> None:
    text = ZH_BODY + "\n该数据来源于国家统计局，编辑部已经核实。"
    assert cut_text(text, RULES, Context(title="x")).text == text


KO_BODY = "시청은 다음 달부터 버스 노선 세 개를 새로 운영한다고 밝혔다.\n새 노선은 모두 전기버스로 운행된다."


@pytest.mark.parametrize(("below", "publishers", "authors"), [
    ("홍길동 기자 hong@hangang.example\n<저작권자 ⓒ 한강일보, 무단 전재-재배포 금지>", ["한강일보"], ["홍길동"]),
    ("[한강일보 홍길동 기자]\nⓒ 한강일보 무단전재 및 재배포금지", ["한강일보"], ["홍길동"]),
    ("출처: 한강일보", ["한강일보"], []),
    ("※この記事は港町新聞より転載しています。", ["港町新聞"], []),
    ("（出典：港町新聞）", ["港町新聞"], []),
    # the original's date after its name is not the name's; a matome blog's "引用元", "転載元"
    ("出典：港町新聞 2026年2月17日", ["港町新聞"], []), ("（出典：港町新聞 2026/02/17 10:30）", ["港町新聞"], []),
    ("転載元：港町新聞", ["港町新聞"], []),
    # the names a news feed's distributor and an aggregator give the original
    ("情報元：港町新聞", ["港町新聞"], []), ("配信元：港町新聞", ["港町新聞"], []), ("（記事提供：港町新聞）", ["港町新聞"], []),
])
def test_korean_and_japanese_copies_credits_are_cut_and_name_the_original(below, publishers, authors) -> None:
    body = KO_BODY if "港町" not in below else "市は来月から新しいバス路線を三つ開設すると発表した。\n新路線はすべて電気バスで運行される。"
    out = cut_text(body + "\n" + below, RULES, Context(title="x"))
    assert out.text == body
    assert out.harvest.publishers == publishers and out.harvest.authors == authors


@pytest.mark.parametrize("label", ["引用元：", "引用元: ", "転載元：", "参照元：", "元記事：", "ソース元：", "情報元：", "原文链接：", "原文網址：", "原文連結："])
def test_a_japanese_or_chinese_label_with_the_originals_address_is_cut_and_gives_it(label: str) -> None:
    body = "市は来月から新しいバス路線を三つ開設すると発表した。\n新路線はすべて電気バスで運行される。"
    out = cut_text(f"{body}\n{label}https://minato-shimbun.example/news/20260217-0001", RULES, Context(title="x"))
    assert out.text == body
    assert out.harvest.source_urls == ["https://minato-shimbun.example/news/20260217-0001"]


def test_a_korean_sentence_about_a_reporter_stays() -> None:
    text = KO_BODY + "\n김 기자는 현장에서 주민들의 이야기를 들었다."
    assert cut_text(text, RULES, Context(title="x")).text == text


@pytest.mark.parametrize(("line", "cut"), [
    ("Pages: 1 2 3", True), ("Rate this post", True), ("(No Ratings Yet)", True), ("[Total: 2 Average: 4.5]", True),
    ("Rating: 4.5/5 (12 votes)", True), ("Print Friendly, PDF & Email", True), ("Sharing is caring!", True),
    ("Post Views: 1,024", True), ("Hits: 120", True), ("Reading Time: 3 minutes", True),
    ("Last Updated on March 3, 2026 by Editor", True), ("Last updated: 2026-03-03 10:15 GMT", True),
    # sentences that begin the same way
    ("Last updated figures show the river rose two metres.", False),
    ("Views: the council heard from forty residents.", False),
    ("Rating: the agency kept the town's bonds at A.", False),
])
def test_wordpress_plugins_counters_and_buttons_are_cut(line: str, cut: bool) -> None:
    out = cut_text(BODY + "\n" + line, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is cut


@pytest.mark.parametrize(("line", "cut"), [
    ("Advertisement - Scroll to Continue", True), ("(adsbygoogle = window.adsbygoogle || []).push({});", True),
    ("Trending Now", True), ("Recommended Videos", True), ("RELATED:", True), ("Also Read:", True), ("READ MORE", True),
    ("Click here to read more", True), ("Image source, Getty Images", True), ("AFP via Getty Images", True),
    ("Image caption, The wall after the storm", True),
    # a paragraph of the article, a lone agency name (a credit, not a photo's), a sentence on pictures
    ("Reuters", False), ("Related projects were delayed by the same dispute.", False),
    ("Picture credits go to the volunteers who cleaned the beach.", False),
])
def test_widget_and_ad_residue_between_paragraphs_is_cut(line: str, cut: bool) -> None:
    out = _between_paragraphs(line)
    assert (out.text == BODY) is cut


@pytest.mark.parametrize(("line", "cut"), [
    # another ad or tag manager's script kept as text, between the paragraphs
    ("window.googletag = window.googletag || {cmd: []}; googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });", True),
    ("window._taboola = window._taboola || []; _taboola.push({article:'auto'});", True),
    ("atOptions = {'key' : '9f2c', 'format' : 'iframe', 'height' : 90, 'width' : 728};", True),
    ("ezstandalone.cmd.push(function() { ezstandalone.showAds(104); });", True),
    ("window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}", True),
    # what stands in for an embed or a comment box the copy cannot run
    ("Your browser does not support iframes.", True), ("Your browser doesn't support HTML5 video.", True),
    ("Please enable JavaScript to view the comments powered by Disqus.", True),
    ("You need to enable JavaScript to run this app.", True), ("Votre navigateur ne prend pas en charge les vidéos HTML5.", True),
    # the article's own sentences on the same things
    ("Taboola (a content recommendation firm) said its revenue from the region rose in the quarter.", False),
    ("The council said the googletag code was removed from its site after residents complained.", False),
    ("Your browser does not support the old ticket site, the operator warned, so passengers should update it.", False),
    ("Readers who enable JavaScript can see the live map of the ferry routes on the council's website.", False),
])
def test_a_tags_script_or_an_embeds_stand_in_text_between_paragraphs_is_cut(line: str, cut: bool) -> None:
    out = _between_paragraphs(line)
    assert (out.text == BODY) is cut


def test_a_wire_agencys_notice_under_the_story_names_it() -> None:
    notice = ("Copyright 2026 The Associated Press. All rights reserved. This material may not be published, "
              "broadcast, rewritten or redistributed.")
    out = cut_text(BODY + "\n" + notice, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.harvest.publishers == ["The Associated Press"]


@pytest.mark.parametrize(("tail", "feed_title", "tools"), [
    (" World - Google News September 14, 2026 at 04:18PM https://ift.tt/3abcdEF", "World - Google News",
     ["google-news", "ifttt"]),
    (" Let's block ads! (Why?) World - Google News September 14, 2026 at 04:18PM https://ift.tt/3abcdEF",
     "World - Google News", ["fivefilters", "google-news", "ifttt"]),
    (" Harbour Daily September 14, 2026 at 04:18PM https://ift.tt/3abcdEF", "Harbour Daily", ["ifttt"]),
])
def test_ifttts_tail_run_on_with_spaces_after_the_last_sentence_is_cut_and_the_sentence_kept(tail, feed_title, tools):
    """The tail on the article's last line, its items apart by spaces only: the last sentence stays
    (before, the whole line was taken for a feed's title and cut)."""
    out = cut_text(BODY + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY
    assert out.harvest.feed_titles == [feed_title] and out.harvest.tools == tools
    assert out.harvest.autoposted_at == "September 14, 2026 at 04:18PM"


def test_a_last_sentence_that_names_a_date_stays() -> None:
    text = BODY + " It reopened on September 14, 2026 at 4 pm."
    assert cut_text(text, RULES, Context(title="Bridge reopens")).text == text


ID_BODY = "Pemerintah kota membuka jembatan baru pada hari Selasa.\nBiayanya mencapai 4 miliar rupiah."


@pytest.mark.parametrize(("below", "publishers"), [
    ("Simak berita dan artikel lainnya di Google News", []),
    ("Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.", ["Kompas.com"]),
    ("Mari bergabung di Grup Telegram \"Kabar Update\", caranya klik link ini.", []),
    ("Halaman: 1 2 3", []), ("Halaman selanjutnya »", []),
    ("(ant/jpnn)\nhttps://ift.tt/3abcdEF", []),  # desk initials: from a copy only
    ("(*/ant)\nhttps://ift.tt/3abcdEF", []), ("(red)\nhttps://ift.tt/3abcdEF", []),
    ("Dapatkan berita terbaru setiap hari dari Berita Pelabuhan. Yuk, gabung di Grup Telegram.", []),
    ("Tonton video pilihan berikut ini", []), ("Topik Pilihan\npelabuhan\njembatan", []),
])
def test_indonesian_portal_footers_are_cut(below: str, publishers: list[str]) -> None:
    out = cut_text(ID_BODY + "\n" + below, RULES, Context(title="Jembatan baru dibuka"))
    assert out.text == ID_BODY and out.harvest.publishers == publishers


@pytest.mark.parametrize("initials", ["(ant/jpnn)", "(*/ant)", "(red)"])
def test_a_portals_desk_initials_stay_on_its_own_story(initials: str) -> None:
    text = ID_BODY + "\n" + initials
    assert cut_text(text, RULES, Context(title="Jembatan baru dibuka")).text == text


@pytest.mark.parametrize("line", ["Únete a nuestro canal de WhatsApp", "Para más noticias síguenos en Facebook",
                                  "Recibe las noticias en tu correo", "Clique aqui para seguir o canal no WhatsApp"])
def test_spanish_and_portuguese_calls_to_follow_are_cut(line: str) -> None:
    body = "El ayuntamiento aprobó el plan el martes.\nCostará 4 millones de euros."
    assert cut_text(body + "\n" + line, RULES, Context(title="x")).text == body


def test_a_korean_outlets_own_reporter_line_stays() -> None:
    text = KO_BODY + "\n홍길동 기자 hong@hangang.example"
    assert cut_text(text, RULES, Context(title="x")).text == text


@pytest.mark.parametrize(("line", "rule"), [
    ("Get the biggest stories straight to your inbox. Sign up for our free daily newsletter.", "promo.newsletter"),
    ("Storm warning issued for coast [LATEST]", "widget.tagged-headline"),
    ("Bridge toll to rise in spring [REVEAL]", "widget.tagged-headline"),
    # an article's sentences stay
    ("Residents can sign up for the council's new flood alerts by text message, the officer said.", None),
    ("The report [PDF] was published by the council on Monday and runs to ninety pages.", None),
])
def test_a_tabloid_s_promos_between_paragraphs_are_cut(line: str, rule: str | None) -> None:
    text = BODY.replace("\n", "\n" + line + "\n", 1)
    out = cut_text(text, RULES, Context(title="Bridge reopens"))
    assert [r for r, _ in out.removed] == ([rule] if rule else [])
    assert (line in out.text) == (rule is None)


@pytest.mark.parametrize("tail", [
    "- Facebook\n- Instagram\n- Reddit",  # a list of the site's profiles, or of share links, an item a line
    "Share\nInstagram YouTube TikTok",
    "0 Shares", "1.2K views", "345 Likes",
    "Read more at Harbour Ledger",
])
def test_the_networks_of_a_share_or_follow_list_and_a_share_count_are_cut(tail: str) -> None:
    assert cut_text(BODY + "\n" + tail, RULES, Context()).text == BODY


@pytest.mark.parametrize("line", [
    "Instagram removed the account on Tuesday, the company said.",  # (a sentence about a network)
    "Read more at the library's new reading room, the sign says, and people actually do.",
    "Views differ on the plan, and 40 residents wrote to the council.",
])
def test_a_sentence_that_opens_like_share_residue_stays(line: str) -> None:
    text = BODY + "\n" + line
    assert cut_text(text, RULES, Context()).text == text


@pytest.mark.parametrize(("line", "author", "published"), [
    ("Veröffentlicht am 5. März 2026 von Jonas Weber", "Jonas Weber", "5. März 2026"),
    ("Publié le 5 mars 2026 par Claire Martin", "Claire Martin", "5 mars 2026"),
    ("Pubblicato il 5 marzo 2026 da Marco Rossi", "Marco Rossi", "5 marzo 2026"),
    ("Gepubliceerd op 5 maart 2026 door Jan de Vries", "Jan de Vries", "5 maart 2026"),
    ("Diterbitkan pada 5 Maret 2026 oleh Budi Santoso", "Budi Santoso", "5 Maret 2026"),
    # a site's user name as WordPress prints it, lower case, at the end of the line
    ("Publié le 5 mars 2026 à 14h05 par admin", "admin", "5 mars 2026 à 14h05"),
    ("Veröffentlicht am 5. März 2026 von redaktion_2", "redaktion_2", "5. März 2026"),
])
@pytest.mark.parametrize("where", ["head", "tail"])
def test_a_theme_date_line_with_the_writer_in_any_language_is_cut_and_names_both(line: str, author: str,
                                                                                published: str, where: str) -> None:
    out = cut_text(line + "\n" + BODY if where == "head" else BODY + "\n" + line, RULES, Context())
    assert out.text == BODY and out.removed == [("chrome.date-label", line)]
    assert out.harvest.authors == [author] and out.harvest.published == [published]


@pytest.mark.parametrize(("line", "published", "author"), [
    # a theme's meta row: items the head rules read alone, with bars or dots between
    ("Veröffentlicht: 09.10.2026, 14:05 Uhr | Lesezeit: 3 Min.", ["09.10.2026, 14:05 Uhr"], []),
    ("Posted on March 9, 2026 · 4 min read", ["March 9, 2026"], []),
    # a date line that goes on past its date
    ("Posted on 9 October 2026 in News", ["9 October 2026 in News"], []),
    ("Publié le 09/10/2026 à 14:05, mis à jour à 16:00", ["09/10/2026 à 14:05"], []),  # (its change: updated)
    # a time counted back from now dates nothing
    ("Posted 2 hours ago", [], []),
    ("Diterbitkan 2 jam lalu", [], []),
    ("Posted on Monday by the harbour master", [], []),
])
def test_a_date_line_above_the_text_is_cut_and_read_for_its_date(line: str, published: list[str], author: list[str]) -> None:
    out = cut_text(line + "\n" + BODY, RULES, Context())
    assert out.text == BODY
    assert out.harvest.published == published and out.harvest.authors == author


@pytest.mark.parametrize(("line", "author", "published"), [
    ("admin December 1, 2026 0 Comments", "admin", "December 1, 2026"),
    ("Ann Lee December 1, 2026", "Ann Lee", "December 1, 2026"),
    ("Ann Lee Dec 1, 2026 3 min read", "Ann Lee", "Dec 1, 2026"),
    ("December 1, 2026 admin", "admin", "December 1, 2026"),
    ("Budi Santoso 1 Desember 2026 pukul 09:12 WIB", "Budi Santoso", "1 Desember 2026 pukul 09:12 WIB"),
])
def test_a_meta_row_run_together_with_spaces_is_cut_and_gives_the_writer_and_the_date(line: str, author: str,
                                                                                      published: str) -> None:
    out = cut_text(line + "\n" + BODY, RULES, Context())
    assert out.text == BODY and out.removed == [("chrome.name-date", line)]
    assert out.harvest.authors == [author] and out.harvest.published == [published]


@pytest.mark.parametrize("first", ["Storms on December 1, 2026 closed the port.", "The vote on December 1, 2026",
                                   "Ann Lee December 1, 2026 was the day the port closed."])
def test_a_first_line_with_a_name_and_a_date_in_a_sentence_stays(first: str) -> None:
    assert cut_text(first + "\n" + BODY, RULES, Context()).text == first + "\n" + BODY


@pytest.mark.parametrize(("tail", "publisher"), [
    ("The Associated Press receives support from the Harbour Foundation for its coverage of ports. "
     "The AP is solely responsible for all content.", "The Associated Press"),
    ("Find AP's standards for working with philanthropies, a list of supporters and funded coverage areas at AP.org.", None),
    ("Follow AP's coverage of ferries at https://apnews.com/hub/ferries", "AP"),
    ("This report by The Canadian Press was first published Dec. 1, 2026.", "The Canadian Press"),
])
def test_a_wire_agencys_boilerplate_under_its_story_is_cut_and_names_the_agency(tail: str, publisher: str | None) -> None:
    out = cut_text(f"{BODY}\n{tail}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed == [("credits.wire-notice", tail)]
    assert out.harvest.publishers == ([publisher] if publisher else [])


@pytest.mark.parametrize("line", ["Associated Press writer Ann Lee in Porthaven contributed to this report.",
                                  "\u2014CNN's Ann Lee contributed to this report."])
def test_a_contributors_line_with_a_city_or_a_dash_is_cut_from_a_copy_and_stays_on_an_original(line: str) -> None:
    copy = cut_text(f"{BODY}\n{line}\nLet's block ads! (Why?)", RULES, Context(title="Bridge reopens"))
    assert copy.text == BODY and ("credits.newspaper-footer", line) in copy.removed
    _stays(f"{BODY}\n{line}")


def test_a_story_first_published_by_a_person_stays() -> None:
    _stays(f"{BODY}\nThis story by the mayor was first published in the parish magazine in 1998.")


@pytest.mark.parametrize("line", ["Gabung sekarang di Channel WhatsApp kami untuk berita terbaru!",
                                  "Gabunglah dengan saluran WhatsApp kami."])
def test_an_indonesian_portals_call_to_join_its_channel_is_cut_wherever_it_stands(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "promo.follow")


def test_an_indonesian_portals_picks_for_the_reader_are_cut_under_the_text_and_a_call_to_join_a_group_stays() -> None:
    assert _cut_tail("Pilihan Untuk Anda\nFeri berhenti berlayar\nHarga tiket naik") == {"related.list"}
    _stays(*_placed(BODY, "Gabung sekarang di grup relawan desa."), *_placed(BODY, "Gabung dengan grup relawan di desa itu."))


def test_a_newsletters_tail_and_its_share_button_with_the_blogs_name_are_cut_and_a_title_case_line_stays() -> None:
    tail = "Share Island Notes\nGet 20% off for 1 year\nRestacks\nNo posts\nAudio is AI-generated."
    out = cut_text(f"{BODY}\n{tail}", RULES, Context(title="Bridge reopens", blog_name="Island Notes"))
    assert out.text == BODY and {rule for rule, _ in out.removed} == {"chrome.share-blog", "chrome.hosted.en"}
    kept = f"{BODY}\nShare Prices Fell Again"
    assert cut_text(kept, RULES, Context(title="Bridge reopens", blog_name="Island Notes")).text == kept


@pytest.mark.parametrize(("line", "rule"), [
    ("Ver esta publicaci\u00f3n en Instagram", "embed.social"),
    ("Una publicaci\u00f3n compartida por Puerto Hoy (@puertohoy)", "embed.social"),
    ("Voir cette publication sur Instagram", "embed.social"),
    ("Ein Beitrag geteilt von Hafenblatt (@hafenblatt)", "embed.social"),
    ("Lihat postingan ini di Instagram", "embed.social"),
    ("Receba as principais not\u00edcias no seu e-mail", "promo.newsletter"),
    ("Recibe las noticias m\u00e1s relevantes en tu correo", "promo.newsletter"),
    ("Ver en YouTube", "chrome.media-label"), ("Auf YouTube ansehen", "chrome.media-label"),
])
def test_an_embeds_leftovers_and_a_newsletter_prompt_in_the_blogs_languages_are_cut_wherever_they_stand(
        line: str, rule: str) -> None:
    _cut_to_body(_placed(BODY, line), line, rule)


@pytest.mark.parametrize("line", ["Published 9:12 a.m. ET Dec. 1, 2026 | Updated 3:15 p.m. ET Dec. 2, 2026",
                                  "Published 9:12 a.m. ET Dec. 1, 2026 Updated 3:15 p.m. ET Dec. 2, 2026"])
def test_a_us_papers_date_row_is_cut_and_gives_the_posts_date_and_its_change(line: str) -> None:
    from pipelines.draft import _line_time

    out = cut_text(line + "\n" + BODY, RULES, Context())
    assert out.text == BODY
    assert out.harvest.published == ["9:12 a.m. ET Dec. 1, 2026"] and out.harvest.updated == ["3:15 p.m. ET Dec. 2, 2026"]
    assert _line_time(out.harvest.published[0], RULES.months).isoformat() == "2026-12-01T14:12:00+00:00"


@pytest.mark.parametrize(("byline", "author", "published"), [
    # a byline whose date the byline forms do not read: a weekday before it, "de" between its parts
    ("Oleh: Ann Lee | Jumat, 9 Oktober 2026 14:05 WIB", "Ann Lee", "2026-10-09T07:05:00+00:00"),
    ("Por Ann Lee · 9 de octubre de 2026", "Ann Lee", "2026-10-09T00:00:00+00:00"),
    # a date the byline says is a change's is not the post's
    ("By Ann Lee | Updated 09.10.2026 14:05", "Ann Lee", None),
    ("By Ann Lee", "Ann Lee", None),
])
def test_a_byline_dates_the_post_with_a_date_written_anywhere_in_it(byline: str, author: str,
                                                                    published: str | None) -> None:
    from pipelines.draft import _line_time

    out = cut_text(byline + "\n" + BODY, RULES, Context())
    assert out.text == BODY and out.harvest.authors == [author]
    dates = [_line_time(d, load_rules().months, True) for d in out.harvest.published]
    assert [d.isoformat() for d in dates if d] == ([published] if published else [])


@pytest.mark.parametrize(("line", "published", "updated"), [
    ("World | 9 October 2026", ["9 October 2026"], []),  # (the post's category)
    ("AFP | Updated: Oct 9, 2026, 14:05 IST", [], ["Oct 9, 2026, 14:05 IST"]),  # (a known publisher)
])
def test_a_meta_row_may_hold_the_posts_category_or_a_publishers_name(line: str, published: list[str],
                                                                    updated: list[str]) -> None:
    out = cut_text(line + "\n" + BODY, RULES, Context(labels=["World"]))
    assert out.text == BODY and out.removed == [("head.meta-row", line)]
    assert out.harvest.published == published and out.harvest.updated == updated


@pytest.mark.parametrize("line", [
    "Politics | Economy | Sport",  # (a menu's words: no rule reads them alone)
    "World | Reuters",  # (names alone, no item a rule reads)
    "Ferry news | the council voted for the plan",
])
def test_a_line_with_bars_whose_items_are_not_all_meta_stays(line: str) -> None:
    text = line + "\n" + BODY
    assert cut_text(text, RULES, Context(labels=["World"])).text == text


@pytest.mark.parametrize("label", ["Updated", "Published:", "Posted on", "Last updated", "Zuletzt aktualisiert:", "Publié le"])
def test_a_date_lines_label_left_without_its_date_is_cut(label: str) -> None:
    """The date was a <time> element or a script's, and is gone from the text: its label alone stays
    behind, above or under the text."""
    assert cut_text(label + "\n" + BODY, RULES, Context()).text == BODY
    assert cut_text(BODY + "\n" + label, RULES, Context()).text == BODY
    text = BODY + "\nUpdated daily, the list shows every sailing."  # (a sentence)
    assert cut_text(text, RULES, Context()).text == text


@pytest.mark.parametrize("line", ["Schlagwörter: Hafen, Fähre", "Mots-clés : port, ferry", "タグ: 港, フェリー",
                                  "Palavras-chave: porto, balsa", "Trefwoorden: haven, veerboot"])
def test_a_tags_line_in_the_blogs_other_languages_is_cut(line: str) -> None:
    assert cut_text(BODY + "\n" + line, RULES, Context()).text == BODY
    assert cut_text(line + "\n" + BODY, RULES, Context()).text == BODY
    text = BODY + "\nMots-clés : le maire les a répétés trois fois devant le conseil."  # (a sentence)
    assert cut_text(text, RULES, Context()).text == text


@pytest.mark.parametrize("label", ["Artikel teilen:", "Bagikan artikel ini:", "Partager cet article :",
                                   "Compartilhe este artigo:", "Comparte este artículo：", "Condividi questo articolo:"])
def test_a_share_label_with_its_colon_over_icons_is_cut(label: str) -> None:
    """A listed share heading with the colon a theme writes after it, over buttons that are icons alone
    (no text): it stayed, and above it the tail scan stopped, so a footer over it stayed too."""
    out = cut_text(BODY + "\nThe post Bridge reopens appeared first on Coastal Ledger.\n" + label, RULES, Context())
    assert out.text == BODY and out.removed[-1][1] == label
    text = BODY + "\nNote:"  # (a colon after words no template lists)
    assert cut_text(text, RULES, Context()).text == text


@pytest.mark.parametrize("label", ["Поделиться статьей", "Compartir este artículo", "Compartilhe esta postagem",
                                   "Partager l'article", "Condividi questo post", "Diesen Beitrag teilen", "Bagikan tulisan ini"])
def test_more_share_headings_are_cut_under_the_text(label: str) -> None:
    out = cut_text(BODY + "\n" + label + ":", RULES, Context())
    assert out.text == BODY and len(out.removed) == 1


@pytest.mark.parametrize("count", ["1284", "157", "1,284", "12.5K"])
def test_a_view_or_comment_count_alone_above_the_text_is_cut(count: str) -> None:
    out = cut_text(count + "\n" + BODY, RULES, Context())
    assert out.text == BODY and out.removed == [("head.count", count)]
    for kept in (BODY + "\n" + count, "1.\n" + BODY, "10 things the council decided\n" + BODY):
        assert cut_text(kept, RULES, Context()).text == kept  # (under the text; a list's number; words)


@pytest.mark.parametrize("byline", ["Jonas Weber ·", "Jonas Weber |", "— Jonas Weber", "Jonas Weber,"])
def test_the_writers_name_with_the_mark_before_a_dropped_date_is_cut_above_the_text(byline: str) -> None:
    out = cut_text(byline + "\n" + BODY, RULES, Context(authors=["Jonas Weber"]))
    assert out.text == BODY and out.removed == [("head.author", byline)]
    text = "Jonas Weber · the council's own architect, drew the plan.\n" + BODY  # (a sentence)
    assert cut_text(text, RULES, Context(authors=["Jonas Weber"])).text == text


def test_a_row_of_share_buttons_under_a_label_in_any_language_is_cut() -> None:
    for row in ("Udostępnij: Facebook Twitter WhatsApp", "Compartilhe: Facebook | WhatsApp | Telegram",
                "Поделиться: VK Telegram"):
        out = cut_text(BODY + "\n" + row, RULES, Context())
        assert out.removed == [("chrome.share.any", row)] and out.text == BODY
    text = BODY + "\nBanned at the school: Facebook and TikTok."  # (a sentence, not a row of names)
    assert cut_text(text, RULES, Context()).text == text


@pytest.mark.parametrize(("top", "publisher"), [
    # a Google News entry's title over its copy, in a post titled by the headline alone
    ("Bridge reopens after repairs - Coastal Ledger\nWorld - Latest - Google News", "Coastal Ledger"),
    ("Bridge reopens after repairs - Coastal Ledger", "Coastal Ledger"),
    ("Bridge reopens after repairs - 한강일보", "한강일보"),
    # the blog's own name after the headline: the line goes, naming no publisher
    ("Bridge reopens after repairs - Harbour Splog", None),
    # a bar or a dot between them, as a page's <title> joins them
    ("Bridge reopens after repairs | Coastal Ledger", "Coastal Ledger"), ("Bridge reopens after repairs | Harbour Splog", None),
    ("Bridge reopens after repairs \u00b7 Coastal Ledger", "Coastal Ledger"),
    # the headline alone in quotes or with a full stop
    ("\u201cBridge reopens after repairs\u201d", None), ("Bridge reopens after repairs.", None),
])
def test_the_headline_with_its_publisher_above_the_text_is_cut_and_names_the_publisher(top: str, publisher: str | None) -> None:
    ctx = Context(title="Bridge reopens after repairs", blog_name="Harbour Splog")
    out = cut_text(top + "\n" + BODY, RULES, ctx)
    assert out.text == BODY and out.removed[0] == ("title.repeat", top.split("\n")[0])
    assert out.harvest.publishers == ([publisher] if publisher else [])


@pytest.mark.parametrize("top", [
    "Bridge reopens after repairs - live updates as crews finish",  # (no name: lower case)
    "Bridge reopens after repairs - the council said on Tuesday.",  # (a sentence)
    "Bridge reopens after repairs | see the full timetable below.",  # (a sentence)
])
def test_the_headline_run_on_into_words_above_the_text_stays(top: str) -> None:
    text = top + "\n" + BODY
    assert cut_text(text, RULES, Context(title="Bridge reopens after repairs")).text == text


def test_the_linked_headline_under_a_label_below_the_text_is_cut_and_names_the_publisher() -> None:
    line = "Article Link: Bridge reopens after repairs - Coastal Ledger"
    out = cut_text(BODY + "\n" + line, RULES, Context(title="Bridge reopens after repairs"))
    assert out.text == BODY and out.removed == [("title.repeat", line)]
    assert out.harvest.publishers == ["Coastal Ledger"]
    text = BODY + "\nLink: the bridge reopens after repairs next spring."  # (not the headline)
    assert cut_text(text, RULES, Context(title="Bridge reopens after repairs")).text == text


@pytest.mark.parametrize(("html", "cut"), [
    ('<p><a href="https://t.me/harbourdigest">हमारे टेलीग्राम चैनल से जुड़ें</a></p>', True),
    ('<div class="promo"><a href="https://whatsapp.com/channel/0029Va">Gabung saluran WhatsApp kami</a></div>', True),
    ('<p>ताज़ा खबरों के लिए हमें <a href="https://news.google.com/publications/CAAq">Google News</a> पर फॉलो करें।</p>',
     True),
    # a story's own sentence that links a channel stays
    ('<p>The ministry posted the full list of closed roads on its <a href="https://t.me/roadsministry">Telegram '
     'channel</a> late on Tuesday, hours after the first landslide blocked the pass.</p>', False),
])
def test_a_sites_invitation_to_its_channel_is_cut_in_any_language(html: str, cut: bool) -> None:
    from pipelines.htmltext import cut_blocks, parse_fragment, to_text

    root = parse_fragment("<p>The council approved the plan on Tuesday.</p>" + html)
    harvest = Harvest()
    removed = cut_blocks(root, RULES, harvest)
    assert (len(to_text(root).strip().splitlines()) == 1) is cut
    assert bool(removed) is cut
    assert not harvest.links and not harvest.tools  # (the site's own follow links are no provenance)


@pytest.mark.parametrize(("text", "read"), [
    ("The cafÃ© reopened after a â€œlongâ€\x9d winter. Itâ€™s the third owner.",
     "The café reopened after a “long” winter. It’s the third owner."),
    ("after a â€œlongâ€ winter", "after a “long” winter"),  # (the quote's last byte lost on the way)
    ("GrÃ¼ÃŸe aus MÃ¼nchen", "Grüße aus München"),
    ("ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "Привет мир"),
    ("Ø§Ù„Ø³Ù„Ø§Ù… Ø¹Ù„ÙŠÙƒÙ…", "السلام عليكم"),
    ("à¤¨à¤®à¤¸à¥\x8dà¤¤à¥‡", "नमस्ते"),
    ("Tickets cost Â£5. Photo Â©2026", "Tickets cost £5. Photo ©2026"),
    ("SÃguenos en Facebook", "Síguenos en Facebook"),  # (í's second byte, a soft hyphen, dropped as invisible)
    ("A cafÃ© line\nand a «Café» line", "A café line\nand a «Café» line"),
    # a capital (or ß) whose second byte Windows-1252 reads as one of its own signs, with no other sign
    # of it on the line
    ("Ãœber uns", "Über uns"), ("Ã–ffnungszeiten", "Öffnungszeiten"), ("Ã‰tats-Unis", "États-Unis"),
    ("Ã‡a va", "Ça va"),
    # text that is what it says stays
    ("A IRMÃ” DE ANA", "A IRMÃ” DE ANA"),
    ("SÃO PAULO — «Café» au lait, naïve résumé", "SÃO PAULO — «Café» au lait, naïve résumé"),
    ("À bientôt, Ça va? Ñandú, Ørsted, Ùltimo", "À bientôt, Ça va? Ñandú, Ørsted, Ùltimo"),
])
def test_utf8_read_as_windows_1252_up_the_chain_is_read_again(text: str, read: str) -> None:
    """Splog chains (a feed service, IFTTT, a copier) hand on UTF-8 read as Windows-1252: "cafÃ©",
    "Itâ€™s". Such a run is read again as UTF-8; text that merely has such letters stays."""
    from pipelines.normalize import clean_line, clean_text

    assert clean_text(text) == read
    assert clean_line(text.split("\n")[0]) == read.split("\n")[0]


@pytest.mark.parametrize(("line", "publisher"), [
    ("Материал впервые опубликован на сайте Морские вести.", "Морские вести"),
    ("Bu haber ilk olarak Liman Gazetesi'nde yayınlandı.", "Liman Gazetesi"),
    ("本文首发于海港日报", "海港日报"), ("この記事は港湾新聞に掲載されたものです。", "港湾新聞"),
    ("نُشر هذا المقال أولاً على موقع الميناء", "الميناء"), ("ظهر هذا الخبر لأول مرة في صحيفة الميناء.", "الميناء"),
    ("이 기사는 항구일보에 처음 게재되었습니다.", "항구일보"),
    ("यह लेख मूल रूप से बंदरगाह समाचार पर प्रकाशित हुआ था।", "बंदरगाह समाचार"),
    ("This article originally appeared on Harbour Daily.", "Harbour Daily"),
    ("Republished with permission from Harbour Daily.", "Harbour Daily"),
    ("Article originally appeared on Harbour Daily", "Harbour Daily"),
    ("This news was originally published at Harbour Daily.", "Harbour Daily"),
    ("This content was first published on Harbour Daily.", "Harbour Daily"),
    ("This article is syndicated from Harbour Daily.", "Harbour Daily"),
    ("This post was syndicated from Harbour Daily. Click here to read the full text on the original website.",
     "Harbour Daily"),
    ("This article is sourced from Harbour Daily.", "Harbour Daily"),
    ("This content was automatically imported from Harbour Daily.", "Harbour Daily"),
    # an autoblog's notice that it imported the post, in the blogs' other languages
    ("Bu haber Liman Gazetesi tarafından otomatik olarak eklenmiştir.", "Liman Gazetesi"),
    ("Esta noticia fue importada automáticamente de Diario del Puerto.", "Diario del Puerto"),
    ("Berita ini diambil secara otomatis dari Harian.example.", "Harian.example"),
    ("Cet article a été publié automatiquement par Le Courrier du Port.", "Le Courrier du Port"),
    # the credit with what the republisher adds after the name
    ("This article first appeared on Harbour Daily and is republished here under a Creative Commons license.",
     "Harbour Daily"),
    ("The post Bridge reopens appeared first on Harbour Daily and is republished here with permission.", "Harbour Daily"),
    ("Republished with permission from Harbour Daily, where it first appeared.", "Harbour Daily"),
    # a link's own words after the name: a screen reader's note, an arrow, "Read more"
    ("Read more at Harbour Daily (opens in new tab)", "Harbour Daily"), ("Read the full article at Harbour Daily \u2192",
                                                                        "Harbour Daily"),
    # Medium's feed footer with its links lost
    ("Bridge reopens was originally published in Harbour Notes on Medium, where people are continuing the conversation "
     "by highlighting and responding to this story.", "Harbour Notes"),
    # the credit's shorter word orders, and the Turkish verb as the dictionary spells it
    ("Article publi\u00e9 initialement sur Le Courrier du Port", "Le Courrier du Port"),
    ("Cet article a \u00e9t\u00e9 publi\u00e9 \u00e0 l'origine sur Le Courrier du Port.", "Le Courrier du Port"),
    ("Zuerst erschienen bei Kieler Nachrichten", "Kieler Nachrichten"), ("Pubblicato originariamente su Il Molo", "Il Molo"),
    ("Oorspronkelijk gepubliceerd op NOS.nl", "NOS.nl"), ("Bu haber ilk olarak Liman Gazetesi'nde yay\u0131mland\u0131.", "Liman Gazetesi"),
    ("Leer nota completa en El Faro", "El Faro"),
    # a pointer to the original in the blogs' languages, with a site's name after it
    ("Leia a not\u00edcia original no Di\u00e1rio do Cais", "Di\u00e1rio do Cais"),
])
def test_a_syndication_credit_below_the_text_names_the_publisher_in_any_language(line: str, publisher: str) -> None:
    out = cut_text(BODY + "\n" + line, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.harvest.publishers == [publisher]


def test_a_republishers_credit_with_the_writer_after_the_name_gives_both() -> None:
    out = cut_text(BODY + "\nOriginally posted on Harbour Daily by Mary Kay", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.harvest.publishers == ["Harbour Daily"] and out.harvest.credited_authors == ["Mary Kay"]


def test_a_credit_that_names_the_original_by_its_address_gives_the_link_and_the_date() -> None:
    out = cut_text(BODY + "\nOriginally published at https://ledger.example/bridge on March 2, 2026.", RULES,
                   Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed[0][0] == "autoblog.originally-published"
    assert out.harvest.source_urls == ["https://ledger.example/bridge"] and out.harvest.published == ["March 2, 2026"]


@pytest.mark.parametrize(("line", "publisher"), [
    ("Thanks for reading Rail Letters! Subscribe for free to receive new posts and support my work.", "Rail Letters"),
    ("Rail Letters is a reader-supported publication. To receive new posts and support my work, consider becoming a free "
     "or paid subscriber.", "Rail Letters"),
    ("Subscribe now", None), ("Share", None), ("Give a gift subscription", None),
    ("Continue reading this post for free, courtesy of Ann Lee.", None),
    ("This post is for subscribers only. Sign up now to read the rest.", None),
    ("This post is for paying subscribers only", None),
])
def test_a_newsletter_platforms_prompts_between_paragraphs_are_cut(line: str, publisher: str | None) -> None:
    out = _between_paragraphs(line)
    assert out.text == BODY and out.harvest.publishers == ([publisher] if publisher else [])


@pytest.mark.parametrize("line", ["Share prices fell three percent after the vote.",
                                  "Subscribe to the council's alerts if you live near the river, the mayor said."])
def test_a_sentence_that_begins_like_a_newsletter_button_stays(line: str) -> None:
    out = _between_paragraphs(line)
    assert line in out.text


@pytest.mark.parametrize("line", ["Story continues", "Article continues below", "Content continues below", "View comments"])
def test_a_portals_story_continues_and_comments_markers_are_cut_anywhere(line: str) -> None:
    assert _between_paragraphs(line).text == BODY


@pytest.mark.parametrize("line", ['Simak Video "Jembatan Baru Dibuka di Sumbara"', "[Gambas:Video 20detik]", "Video Pilihan",
                                  "Simak Video Pilihan Berikut Ini:", "Lihat Video: Jembatan Baru Dibuka di Sumbara"])
def test_an_indonesian_portals_video_promotions_are_cut_anywhere(line: str) -> None:
    assert _between_paragraphs(line).text == BODY


def test_a_sentence_that_asks_to_watch_a_video_stays() -> None:
    line = "Lihat video kami untuk melihat jembatan baru itu dari udara."
    assert line in _between_paragraphs(line).text


@pytest.mark.parametrize("heading", ["Promoted Stories", "Around the Web", "Sponsored Links by Taboola",
                                     "Ads by Revcontent", "Recommended by Outbrain", "See more stories",
                                     # a news site's own lists under a story it copied
                                     "More Must-Reads From Harbour Weekly", "More stories from Harbour Weekly", "Most Read",
                                     "Trending Now", "Editor's Picks", "Top Stories", "Most Popular Stories",
                                     "Trending Photos",
                                     # the related posts' heading in more of the blogs' languages
                                     "Gerelateerde berichten", "Související články", "Relaterade artiklar",
                                     "Relaterte artikler", "Aiheeseen liittyvät", "Kapcsolódó cikkek", "Articole similare",
                                     "Σχετικά άρθρα", "Схожі статті", "مطالب مرتبط", "Habari zinazohusiana",
                                     "Kaugnay na balita", "Artikel berkaitan", "ข่าวที่เกี่ยวข้อง", "İlgili Yazılar",
                                     "Powiązane artykuły", "Verwandte Beiträge",
                                     # Jetpack's one-word heading over its related posts, as a copy keeps it
                                     "Related", "Relacionado", "Correlati", "Gerelateerd", "Похожее", "関連"])
def test_a_content_recommendation_widgets_list_under_the_text_is_cut(heading: str) -> None:
    tail = f"{heading}\nThis one trick lowers your heating bill\nDoctors stunned by a new fruit\nSponsored Links by Taboola"
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and {r for r, _ in out.removed} == {"related.list"}


@pytest.mark.parametrize(("line", "cut"), [
    ("Getting your Trinity Audio player ready...", True), ("Powered by Trinity Audio", True),
    ("Voiced by Amazon Polly", True), ("Listen to this article 3 min", True), ("▶ Listen to this story", True),
    ("00:00 / 03:12", True), ("Escuchar este artículo", True), ("Artikel anhören (3 Minuten)", True),
    ("Dengarkan berita ini", True), ("Слушать статью", True),
    ("Hide caption", True), ("Toggle caption", True), ("Enlarge this image", True), ("View image in fullscreen", True),
    # sentences about audio, captions and times
    ("The audio of the hearing is available online.", False), ("Listen to this: the bridge will reopen.", False),
    ("The rally lasted 1:30 / 2:00 hours.", False), ("The caption under the photo was wrong, the paper said.", False),
])
def test_an_audio_players_and_a_caption_boxs_controls_are_cut_anywhere(line: str, cut: bool) -> None:
    out = _between_paragraphs(line)
    assert (out.text == BODY) is cut


@pytest.mark.parametrize(("line", "cut"), [
    ("Check Price on Amazon", True), ("Buy on Amazon", True), ("View Deal »", True), ("[Check Latest Price]", True),
    ("Buy Now", True), ("Last update on 2026-11-30 / Affiliate links / Images from Amazon Product Advertising API", True),
    ("Amazonで詳細を見る", True), ("楽天市場で見る", True),
    # a button's label before the product it links
    ("ADD TO CART: US$25 Gift Card for the Harbour Arcade", True), ("VIEW PRICE: Seaview 7x50 Marine Binoculars", True),
    ("Shop now: Alder Trail Running Shoes", True),
    # a coupon site's buttons
    ("Show Coupon Code", True), ("Get Deal", True), ("Shop Now", True), ("Copy Code", True), ("Get Code", True),
    # sentences about prices and buying
    ("Buy now: the offer on ferry passes ends on Friday, the operator said.", False),
    ("Check the price before you buy, the consumer office warned.", False),
    ("Buy now, pay later schemes grew fast in the region last year.", False),
    ("Get the code from the harbour office before you board.", False),
])
def test_an_affiliate_sites_buy_buttons_between_paragraphs_are_cut(line: str, cut: bool) -> None:
    out = _between_paragraphs(line)
    assert (out.text == BODY) is cut


_RINKER = ("<div class='yyi-rinker-contents yyi-rinker-postid-1'><div class='yyi-rinker-title'><a href='https://af.moshimo.com/"
           "af/c/click?a_id=1'>Seaview 7x50 Marine Binoculars</a></div><span class='price'>¥12,800</span><ul class='yyi-rinker-links'>"
           "<li><a href='https://af.moshimo.com/af/c/click?a_id=1'>Amazonで見る</a></li></ul></div>")


@pytest.mark.parametrize("rinker", [False, True])
def test_an_affiliate_plugins_product_box_is_cut_and_its_links_are_not_the_source(rinker: bool) -> None:
    box = _RINKER if rinker else ("<div class='aawp'><div class='aawp-product'><a class='aawp-product__title' href='https://www.amazon.com/dp/B0X?tag=x-20'>"
           "Seaview 7x50 Marine Binoculars</a><ul><li>Bright optics</li></ul><span class='aawp-product__price'>$129.99</span>"
           "<a class='aawp-button' href='https://www.amazon.com/dp/B0X?tag=x-20'>Buy on Amazon</a></div></div>")
    lines, removed, harvest = _block_between_paragraphs(box, titles=("Seaview 7x50 Marine Binoculars",),
                                                        page_url="https://picks.example/x/")
    assert lines == BODY.split("\n")
    assert removed == ["affiliate.product-box"] and harvest.source_urls == []


@pytest.mark.parametrize("box", [
    "<aside class='gh-post-upgrade-cta'><div class='gh-post-upgrade-cta-content'><h2>This post is for paying subscribers "
    "only</h2><a class='gh-btn' href='#/portal/signup'>Subscribe now</a><p>Already have an account? "
    "<a href='#/portal/signin'>Sign in</a></p></div></aside>",
    "<div class='kg-card kg-signup-card'><h2>Get the rail letter</h2><form><input type='email'><button>Subscribe"
    "</button></form></div>",
])
def test_ghosts_paywall_and_sign_up_boxes_in_a_post_are_cut(box: str) -> None:
    lines, removed, _ = _block_between_paragraphs(box)
    assert lines == BODY.split("\n") and removed == ["ghost.widgets"]


ZH_BODY = "本周一，北方港口的自动化集装箱码头正式投入使用。\n业内人士表示，自动化码头可以减少夜间作业的安全风险。"


def test_a_wechat_accounts_prompts_around_a_copied_article_are_cut_and_its_credit_read() -> None:
    text = ("点击上方蓝字关注我们\n" + ZH_BODY + "\nEND\n来源：海港日报\n编辑：李华\n长按识别二维码关注我们\n点个在看你最好看\n"
            "分享、点赞、在看，给个三连击呗！")
    out = cut_text(text, RULES, Context(title="港口自动化码头投入使用"))
    assert out.text == ZH_BODY and out.harvest.publishers == ["海港日报"]
    assert [r for r, _ in out.removed].count("wechat.prompt") == 5


@pytest.mark.parametrize("line", ["关注度持续上升，港口方面表示将继续扩建。", "点击率并不是衡量新闻价值的唯一标准。"])
def test_a_chinese_sentence_that_begins_like_a_wechat_prompt_stays(line: str) -> None:
    out = cut_text(ZH_BODY + "\n" + line, RULES, Context(title="港口"))
    assert out.text.endswith(line)


def test_every_bundled_pattern_that_names_a_character_the_fold_replaces_also_names_what_it_becomes() -> None:
    """Rules match folded text, where "»" and "«" are '"', "’" is "'" and "—" is "-": a pattern that
    lists only the unfolded form never matches ("Baca Juga »" and "Pages: 1 2 3 »" had stayed)."""
    import tomllib
    from pathlib import Path

    from pipelines.rules import _FOLDED

    def strings(node: object, keys: tuple[str, ...] = ()):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from strings(value, keys + (key,))
        elif isinstance(node, list):
            for value in node:
                yield from strings(value, keys)
        elif isinstance(node, str) and set(keys) & {"pattern", "patterns", "heading", "text"}:
            yield node

    rules_dir = Path(__file__).resolve().parent.parent / "pipelines" / "rules"
    unmatched = [(path.name, char, pattern[:60]) for path in sorted(rules_dir.glob("*.toml"))
                 for pattern in strings(tomllib.loads(path.read_text(encoding="utf-8")))
                 for char, folded in _FOLDED.items() if folded and char in pattern and folded not in pattern]
    assert unmatched == []


@pytest.mark.parametrize("box", [
    "<div class='wpulike wpulike-default'><div class='wp_ulike_general_class'><button class='wp_ulike_btn'></button>"
    "<span class='count-box'>0</span></div></div>",
    "<div class='post-views content-post post-12 entry-meta'><span class='post-views-label'>Post Views: </span>"
    "<span class='post-views-count'>1,234</span></div>",
    "<div class='rmp-widgets-container'><p class='rmp-heading'>How useful was this post?</p><span>Vote count: 0</span></div>",
])
def test_a_like_button_a_view_counter_or_a_rating_box_inside_the_post_is_cut(box: str) -> None:
    """WP ULike had left its count ("0") as the text's last line."""
    from pipelines.htmltext import cut_blocks, parse_fragment, to_text

    root = parse_fragment("<p>The council approved the plan on Tuesday.</p>" + box + "<p>It will cost 4 million.</p>")
    removed = cut_blocks(root, RULES, Harvest())
    assert to_text(root).strip().splitlines() == BODY.split("\n")
    assert [r for r, _ in removed] == ["wordpress.plugin-widget"]


@pytest.mark.parametrize(("head", "published", "updated"), [
    ("기사입력 2026-10-24 03:00:00 기사수정 2026-10-24 05:10:00", "2026-10-24 03:00:00", "2026-10-24 05:10:00"),
    ("입력 2026.03.02 10:21 | 수정 2026.03.02 11:00", "2026.03.02 10:21", "2026.03.02 11:00"),
    ("등록 2026-03-02 오후 3:20", "2026-03-02 오후 3:20", None),
    ("发布时间：2026-03-02 10:21 来源：港城日报", "2026-03-02 10:21", None),
    ("發布時間：2026年03月02日 10:21:05 作者：陳小明", "2026年03月02日 10:21:05", None),
    ("公開日：2026/03/02 (月) 10:00", "2026/03/02 (月) 10:00", None),
    ("更新日：2026年3月2日", None, "2026年3月2日"),
    ("Ngày đăng: 02/03/2026", "02/03/2026", None),
    ("Опубликовано: 2 марта 2026, 10:21", "2 марта 2026, 10:21", None),
    ("Yayınlanma: 02.03.2026 - 10:21", "02.03.2026 - 10:21", None),
    ("Güncelleme: 02.03.2026 10:21", None, "02.03.2026 10:21"),
    ("Opublikowano: 2 marca 2026", "2 marca 2026", None),
    ("تاريخ النشر: 2026-03-02", "2026-03-02", None),
    ("เผยแพร่: 2 มีนาคม 2569", "2 มีนาคม 2569", None),
    ("Publicado el 2 de marzo de 2026", "2 de marzo de 2026", None),
    ("Veröffentlicht am 2. März 2026, 10:21 Uhr", "2. März 2026, 10:21 Uhr", None),
    ("Date: March 2, 2026 | Source: Harbour Wire", "March 2, 2026", None),
    # a US paper's time with its dotted "a.m." / "p.m." at the line's end, which is no sentence's full stop
    ("Updated December 2, 2026 at 3:15 p.m.", None, "December 2, 2026 at 3:15 p.m."),
    ("Published: December 1, 2026 at 9:12 a.m.", "December 1, 2026 at 9:12 a.m.", None),
    ("Posted December 1, 2026 9:12 a.m.", "December 1, 2026 9:12 a.m.", None),
])
def test_a_labelled_date_line_above_the_post_is_cut_in_many_languages(head: str, published, updated) -> None:
    out = cut_text(head + "\n" + BODY, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and [r for r, _ in out.removed] == ["chrome.date-label"]
    assert [p.strip() for p in out.harvest.published] == ([published] if published else [])
    assert [u.strip() for u in out.harvest.updated] == ([updated] if updated else [])


@pytest.mark.parametrize("first", [
    "Updated figures came out at 3 p.m.", "Published at 9 a.m., the report ran to 40 pages.",
    "Date: 12 March 2026 was when the council met.", "Data: the results of the 2026 survey",
    "Datum 12.03.2026, Ort: Rathaus",  # an event's details
    "Fecha: 2 de marzo de 2026 en el salón del pueblo",
    "Date: March 2, 2026. The council met.",
])
def test_a_first_line_that_only_starts_like_a_date_label_stays(first: str) -> None:
    assert cut_text(first + "\n" + BODY, RULES, Context(title="Bridge reopens")).text == first + "\n" + BODY


@pytest.mark.parametrize(("written", "when"), [
    ("2026-10-24 03:00:00", "2026-10-24T03:00:00"), ("2026年03月02日 10:21:05", "2026-03-02T10:21:05"),
    ("2026.03.02 오후 3:20", "2026-03-02T15:20:00"), ("2026/03/02 (月) 10:00", "2026-03-02T10:00:00"),
    ("2 марта 2026, 10:21", "2026-03-02T10:21:00"), ("2 de marzo de 2026", "2026-03-02T00:00:00"),
    ("2 มีนาคม 2569", "2026-03-02T00:00:00"), ("02.03.2026 - 10:21", "2026-03-02T10:21:00"),
    ("02/03/2026", None),  # (day and month either way round)
    # the time before the date, as US papers print it, in the zone it names
    ("9:12 a.m. ET Dec. 1, 2026", "2026-12-01T14:12:00"), ("3:15 p.m. Dec. 2, 2026", "2026-12-02T15:15:00"),
    ("14:05, 1 December 2026", "2026-12-01T14:05:00"),
])
def test_a_date_a_line_gave_is_read_in_figures_and_in_the_months_of_other_languages(written: str, when) -> None:
    from pipelines.draft import _line_time

    got = _line_time(written, load_rules().months)
    assert (got.strftime("%Y-%m-%dT%H:%M:%S") if got else None) == when


@pytest.mark.parametrize("head", ["뉴스 > 경제 > 기업·CEO", "News » Business » Markets", "Sport › Football › Premier League"])
def test_a_breadcrumb_that_does_not_start_at_home_is_cut(head: str) -> None:
    out = cut_text(head + "\n" + BODY, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed == [("chrome.breadcrumb", head)]


@pytest.mark.parametrize("first", ["News › World", "Politics > Elections > The vote was postponed again.",
                                   'He said "yes" to the plan'])
def test_a_first_line_with_arrows_that_is_no_breadcrumb_stays(first: str) -> None:
    assert cut_text(first + "\n" + BODY, RULES, Context(title="Bridge reopens")).text == first + "\n" + BODY


@pytest.mark.parametrize("line", ["Podcast: Play in new window | Download (Duration: 28:13 \u2014 25.9MB) | Embed",
                                  "Podcast (audio): Download", "Subscribe: Apple Podcasts | Spotify | Android | RSS"])
def test_a_podcast_plugins_links_are_cut_wherever_they_stand(line: str) -> None:
    for text in (line + "\n" + BODY, _between(line), BODY + "\n" + line):
        out = cut_text(text, RULES, Context())
        assert out.text == BODY and out.removed == [("wordpress.podcast-links", line)]


def _between(line: str) -> str:
    first, second = BODY.split("\n")
    return f"{first}\n{line}\n{second}"


def test_a_donation_button_under_the_tags_line_lets_the_tail_scan_reach_it() -> None:
    """A station's post ends with its tags line and a "Donate" button: both go (the button had stopped
    the tail scan, so the tags line stayed in the text)."""
    out = cut_text(BODY + "\nTags: harbour, ferries, council\nDonate", RULES, Context())
    assert out.text == BODY
    assert [r for r, _ in out.removed] == ["chrome.wordpress.en", "chrome.site.en"]


@pytest.mark.parametrize("tail", ["Tags", "Mots-clés", "Kategorien", "Schlagwörter:\nHafen\nFähre\nStadtrat", "Topics:"])
def test_a_tags_label_alone_or_over_its_tags_at_the_end_is_cut(tail: str) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context())
    assert out.text == BODY and {r for r, _ in out.removed} == {"chrome.tags-label"}


@pytest.mark.parametrize("mark", ["___", "\u2014", "-------------", "* * *", "###", "(END)", "-30-", "(\ub05d)", "\uff08\u5b8c\uff09",
                                  "/ENDS"])
def test_a_line_with_no_word_or_a_wires_end_mark_is_cut_at_the_ends(mark: str) -> None:
    for text in (BODY + "\n" + mark, (mark + "\n" + BODY) if "(" not in mark and "\uff08" not in mark and "END" not in mark
                 and "30" not in mark else BODY):
        out = cut_text(text, RULES, Context())
        assert out.text == BODY
        assert {r for r, _ in out.removed} <= {"text.mark-line"}
    # a section break between paragraphs stays, and so do a last line of symbols with letters in it
    first, second = BODY.split("\n")
    assert cut_text(f"{first}\n{mark}\n{second}", RULES, Context()).text == f"{first}\n{mark}\n{second}"
    assert cut_text(BODY + "\nC++", RULES, Context()).text == BODY + "\nC++"


@pytest.mark.parametrize(("head", "rule", "published", "author"), [
    ("- 27 juin 2026", "chrome.date-header", "27 juin 2026", None),  # a theme's meta list above the post
    ("- Par Elba Morel", "chrome.byline", None, "Elba Morel"),
    ("• 2026/6/19 5:50", "chrome.posted-date", "2026/6/19 5:50", None),
    ("Datum: 22.12.2026, Rubrik: USA", "chrome.date-label", "22.12.2026", None),
    ("Ana Gil | Palma de Mallorca | 18/01/2026", "chrome.byline", "18/01/2026", "Ana Gil"),
    ("このニュースをシェア", "chrome.share.ja", None, None),
])
def test_more_of_a_themes_lines_above_the_post_are_cut_and_read(head: str, rule: str, published, author) -> None:
    out = cut_text(head + "\n" + BODY, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and [r for r, _ in out.removed] == [rule]
    assert [p.strip() for p in out.harvest.published] == ([published] if published else [])
    assert out.harvest.authors == ([author] if author else [])


def test_a_list_item_above_the_post_that_is_no_meta_line_stays() -> None:
    text = "- The council met on Monday\n" + BODY
    assert cut_text(text, RULES, Context(title="Bridge reopens")).text == text


@pytest.mark.parametrize(("written", "when"), [
    ("2 Juli 2026 | 10:45 WIB", "2026-07-02T03:45"), ("2026-03-02 10:21 GMT+7", "2026-03-02T03:21"),
    ("March 3, 2026 at 9:41 pm EST", "2026-03-04T02:41"), ("2026-03-02 10:21 +01:00", "2026-03-02T09:21"),
    ("2. März 2026, 10:21 Uhr", "2026-03-02T10:21"), ("2026-03-02 10:21", "2026-03-02T10:21"),
])
def test_a_lines_time_is_read_in_the_zone_written_after_it(written: str, when: str) -> None:
    from pipelines.draft import _line_time

    assert _line_time(written, load_rules().months).strftime("%Y-%m-%dT%H:%M") == when


@pytest.mark.parametrize("box", [
    "Stay connected\nGet the latest updates from\nCoastal Ledger\nDiscover special offers, top stories, upcoming events, and more.",
    "Newsletter\nSign up to get the harbour news every morning.", "Bleiben Sie informiert!\nAbonnieren Sie den Hafenbrief.",
])
def test_a_newsletter_box_at_the_end_is_cut_with_its_lines(box: str) -> None:
    out = cut_text(BODY + "\n" + box, RULES, Context())
    assert out.text == BODY and {r for r, _ in out.removed} == {"promo.newsletter-box"}


def test_a_newsletter_box_whose_lines_speak_of_the_sign_up_is_cut_however_long_they_are() -> None:
    box = ("Sign up for our newsletter\nBy clicking subscribe, you agree to receive emails from us and accept our privacy "
           "policy; you can unsubscribe at any time.")
    out = cut_text(BODY + "\n" + box, RULES, Context())
    assert out.text == BODY and {r for r, _ in out.removed} == {"promo.newsletter-box"}


def test_a_newsletter_prompt_between_the_articles_last_paragraphs_takes_only_itself() -> None:
    """A news site's "Sign up for our newsletter" set between paragraphs is no box over the article's
    last lines: they stay."""
    last = ("The board said the new fares would take effect on the first of next month and would be reviewed in "
            "the spring.\nA petition against the rise will be handed to the council on Friday, its organisers said.")
    out = cut_text(f"{BODY}\nSign up for our newsletter\n{last}", RULES, Context())
    assert out.text == f"{BODY}\n{last}"


def test_a_recent_articles_list_at_the_end_is_cut() -> None:
    out = cut_text(BODY + "\nRecent articles\n- Ferry strike ends - 4th March 2026\n- Pier reopens - 25th February 2026",
                   RULES, Context())
    assert out.text == BODY and {r for r, _ in out.removed} == {"related.list"}


@pytest.mark.parametrize("heading", ["Stay connected", "Newsletter", "About the author"])
def test_a_box_heading_with_no_article_text_above_it_takes_nothing_under_it(heading: str) -> None:
    """A heading at the top of a short text is no box under an article: the lines under it are the article
    (the whole text had gone, for "About the author" too)."""
    out = cut_text(heading + "\n" + BODY, RULES, Context())
    assert out.text.endswith(BODY) and all(text == heading for _, text in out.removed)


@pytest.mark.parametrize(("tail", "rule"), [
    ("via [IFTTT](https://ifttt.com/?ref=da&site=blogger)", "ifttt.via"),  # a copy converted to Markdown
    ("Share this news", "chrome.site.en"), ("Source:", "chrome.site.en"), ("Link:", "chrome.site.en"),
])
def test_the_catalogues_other_forms_of_tail_residue_are_cut(tail: str, rule: str) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context())
    assert out.text == BODY and out.removed == [(rule, tail)]


@pytest.mark.parametrize(("tail", "copy"), [
    ("Vai all'articolo originale\nVia: Gazzetta del Lago", True),  # the template's two lines alone
    ("The original article can be found here.\nVia: Gazzetta del Lago", True),
    ("We do not claim legitimacy, ownership or copyright of any of the content above.\nVia: Gazzetta del Lago", True),
    ("Via: Gazzetta del Lago", False),
    ("Story via Gazzetta del Lago\nVer noticia original", True),
    # a pointer to the rest of the story on the site it was taken from
    ("Via: Gazzetta del Lago\nContinue reading the original post on Gazzetta del Lago", True),
    ("Via: Gazzetta del Lago\nExcerpted from the Gazzetta del Lago.", True),
    # the same pointer naming no site, in the blogs' other languages
    ("Via: Gazzetta del Lago\nVer noticia original", True), ("Via: Gazzetta del Lago\nZum Originalartikel", True),
    ("Via: Gazzetta del Lago\nBaca berita asli", True), ("Via: Gazzetta del Lago\nXem b\u00e0i g\u1ed1c", True),
    ("Via: Gazzetta del Lago\n\u0427\u0438\u0442\u0430\u0442\u044c \u043e\u0440\u0438\u0433\u0438\u043d\u0430\u043b", True),
    # a Portuguese or Spanish credit's other label
    ("Créditos: Gazzetta del Lago\nVer notícia original", True), ("Crédito: Gazzetta del Lago\nVer noticia original", True),
    ("Créditos: Gazzetta del Lago", False),
    # the credit's labels in French, Italian, German, Indonesian and Vietnamese, Spanish's accented "Vía"
    ("Crédits : Gazzetta del Lago\nVer noticia original", True), ("Crediti: Gazzetta del Lago\nVer noticia original", True),
    ("Fonte originale: Gazzetta del Lago\nVer noticia original", True),
    ("Quellen: Gazzetta del Lago\nZum Originalartikel", True), ("Kredit: Gazzetta del Lago\nBaca berita asli", True),
    ("Nguồn tin: Gazzetta del Lago\nXem bài gốc", True), ("Vía: Gazzetta del Lago\nVer noticia original", True),
    ("Vía Gazzetta del Lago\nVer noticia original", True), ("Vía: Gazzetta del Lago", False),
])
def test_a_line_that_says_the_post_is_a_copy_lets_the_copies_only_lines_go(tail: str, copy: bool) -> None:
    """A line no article writes about itself ("Vai all'articolo originale", "The original article can be
    found here.") shows a copy though it names neither a tool nor the original: the credit beside it
    goes and names the publisher. ("Source link" alone is no such line: a site may label its own
    sources so; see test_a_wire_storys_credits_go_only_from_a_copy.)"""
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is copy
    assert out.harvest.publishers == (["Gazzetta del Lago"] if copy else [])


@pytest.mark.parametrize(("credit", "publisher"), [
    ("Source: Harbour Chronicle", "Harbour Chronicle"), ("Fuente: Diario del Puerto", "Diario del Puerto"),
    ("Nguồn: Báo Cảng", "Báo Cảng"), ("Theo VnExpress", "VnExpress"), ("(Theo Báo Cảng)", "Báo Cảng"),
    ("Quelle: Hafenblatt", "Hafenblatt"), ("Con información de Diario del Puerto", "Diario del Puerto"),
    ("Com informações do Diário do Porto", "Diário do Porto"), ("Avec AFP", "AFP"),
    ("Sumber: Harian Pelabuhan", "Harian Pelabuhan"), ("स्रोत: बंदरगाह समाचार", "बंदरगाह समाचार"),
    ("(With inputs from PTI)", "PTI"), ("Bron: Havenblad", "Havenblad"),
    ("Com informações da Folha de S.Porto", "Folha de S.Porto"), ("Mit Material von dpa", "dpa"),
    ("Tomado de Diario del Puerto", "Diario del Puerto"), ("Retirado de O Cais", "O Cais"),
    ("Extraído de Diario del Puerto", "Diario del Puerto"), ("Traduzido de The Quayside Post", "The Quayside Post"),
    ("Información de: Diario del Puerto", "Diario del Puerto"),
    # a line that names several sources is the article's own (the founding example's last line)
    ("SOURCE: Coastal Ledger and news agencies", None), ("Con información de EFE y Reuters", None),
    ("Source: agencies", None),
])
@pytest.mark.parametrize("below", ["Let's block ads! (Why?)", "https://ift.tt/3abcDEF", ""])
def test_a_credit_that_names_the_original_goes_from_a_copy_and_names_its_publisher(credit: str, publisher: str | None,
                                                                                 below: str) -> None:
    """"Source: X", "Theo X", "Con información de X" under a copy (FiveFilters' footer or an IFTTT link
    under it) name the original's publisher; on a page that shows no copy they may be the article's
    own last line, and stay. (Above an IFTTT link the line had been taken for the entry's title.)"""
    out = cut_text(BODY + "\n" + credit + ("\n" + below if below else ""), RULES, Context(title="Bridge reopens"))
    if publisher is None:  # (right above an IFTTT link, the line is the entry's title, as before)
        assert (credit in out.text.split("\n")) is not below.startswith("https://ift.tt/")
        assert out.harvest.publishers == []
        return
    assert (out.text == BODY) is bool(below)
    assert out.harvest.publishers == ([publisher] if below else [])


@pytest.mark.parametrize(("tail", "publisher", "published", "author"), [
    # WP RSS Aggregator's meta lines under an imported post, one a line or parted by bars
    ("Source: Harbour Chronicle | Published on March 2, 2026 | By Mary Kay", "Harbour Chronicle", "March 2, 2026",
     "Mary Kay"),
    ("Published on March 2, 2026 | By Mary Kay", None, "March 2, 2026", "Mary Kay"),
    ("Source: https://harbour.example/news/x\nPublished on: March 2, 2026\nBy Mary Kay", None, "March 2, 2026",
     "Mary Kay"),
])
def test_an_importers_meta_lines_give_the_publisher_date_and_writer(tail: str, publisher: str | None, published: str,
                                                                    author: str) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY
    assert out.harvest.publishers == ([publisher] if publisher else [])
    assert out.harvest.published == [published] and out.harvest.authors == [author]


@pytest.mark.parametrize("credit", ["By Mary Kay", "Written by Mary Kay", "Story by Mary Kay"])
def test_a_writers_name_under_a_copy_goes_and_names_the_originals_writer(credit: str) -> None:
    out = cut_text(BODY + "\n" + credit + "\nLet's block ads! (Why?)", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed[0] == ("autoblog.by-author", credit)
    assert out.harvest.credited_authors == ["Mary Kay"]


@pytest.mark.parametrize(("credit", "rule"), [
    ("Report by Mary Kay; Photos by Bo Chan", "autoblog.by-author"), ("\u2014 Mary Kay", "autoblog.signature"),
    ("-- Mary Kay, Harbour Times", "autoblog.signature"), ("\u2014 Mary Kay, Staff Writer", "autoblog.signature"),
])
def test_a_writers_sign_off_under_a_copy_goes_and_names_the_originals_writer(credit: str, rule: str) -> None:
    out = cut_text(BODY + "\n" + credit + "\nLet's block ads! (Why?)", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.removed[0] == (rule, credit)
    assert out.harvest.credited_authors == ["Mary Kay"]
    _stays(f"{BODY}\n\u2014 Mary Kay")  # (an ordinary post's: a quotation's attribution, perhaps)


def test_an_article_directorys_source_by_credit_goes_and_names_the_writer() -> None:
    out = cut_text(f"{BODY}\nBy Mary Kay\nSource by Mary Kay", RULES, Context(title="Bridge reopens"))
    # (the credit shows a copy, so the byline above it goes as well)
    assert out.text == BODY and out.removed[-1] == ("autoblog.source-by", "Source by Mary Kay")
    assert out.harvest.authors == ["Mary Kay"]
    _stays(f"{BODY}\nSource by the river")


def test_a_copying_sites_credit_handed_back_shows_the_page_a_copy() -> None:
    out = cut_text(f"{BODY}\nBy Mary Kay\nAll credits go to the original author.", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and out.harvest.credited_authors == ["Mary Kay"]


@pytest.mark.parametrize("last", ["By Mary Kay", "Written by Mary Kay", "By the way, the bridge toll stays at two euros"])
def test_a_writers_name_alone_under_an_ordinary_post_stays(last: str) -> None:
    out = cut_text(BODY + "\n" + last, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY + "\n" + last and out.harvest.authors == []


@pytest.mark.parametrize(("last", "cut"), [("from Harbour Chronicle", True), ("from the archives", False)])
def test_a_feeds_name_under_a_copy_whose_link_sits_on_the_name_is_the_feed_title(last: str, cut: bool) -> None:
    """A recipe that links the feed's name to the entry ("from <a href=https://ift.tt/…>Harbour
    Chronicle</a>"): the text keeps only the name, the page's short link shows the copy."""
    out = cut_text(BODY + "\n" + last, RULES, Context(title="Bridge reopens"), Harvest(links=["https://ift.tt/3abcdEF"]))
    assert (out.text == BODY) is cut
    assert out.harvest.feed_titles == (["Harbour Chronicle"] if cut else [])


def test_a_users_rule_can_say_its_line_shows_a_copy(tmp_path) -> None:
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text("[[line]]\nid = 'x'\ncopy = 'yes'\npattern = 'x'\n")
    with pytest.raises(RuleError, match="copy must be true or false"):
        load_rules((str(tmp_path),))
    (tmp_path / "mine.toml").write_text("[[line]]\nid = 'x.mirror'\ncopy = true\npattern = 'mirrored by newsbot'\n")
    tail = "Via: Gazzetta del Lago\nMirrored by NewsBot"
    assert cut_text(BODY + "\n" + tail, RULES, Context()).text == BODY + "\nVia: Gazzetta del Lago\nMirrored by NewsBot"
    out = cut_text(BODY + "\n" + tail, load_rules((str(tmp_path),)), Context())
    assert out.text == BODY and out.harvest.publishers == ["Gazzetta del Lago"]


@pytest.mark.parametrize(("line", "where", "publisher", "published"), [
    ("Originally published at Harbour Chronicle on March 2, 2026", "head", "Harbour Chronicle", "March 2, 2026"),
    ("Originally published at Harbour Chronicle on March 2, 2026", "tail", "Harbour Chronicle", "March 2, 2026"),
    ("This story first appeared in Harbour Chronicle.", "head", "Harbour Chronicle", None),
    ("This report was published by Harbour Chronicle.", "tail", "Harbour Chronicle", None),
    ("The report was published by Harbour Chronicle.", "tail", None, None),  # the article's own last line
    ("The report was published by Harbour Chronicle.", "head", None, None),
    ("Originally published in 1851, the novel sold well.", "head", None, None),
])
def test_a_republishers_credit_above_or_under_the_text(line: str, where: str, publisher: str | None,
                                                      published: str | None) -> None:
    text = line + "\n" + BODY if where == "head" else BODY + "\n" + line
    out = cut_text(text, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is (publisher is not None)
    assert out.harvest.publishers == ([publisher] if publisher else [])
    assert out.harvest.published == ([published] if published else [])


@pytest.mark.parametrize(("line", "labels"), [("Keywords: bridge, council, harbour", ["bridge", "council", "harbour"]),
                                             ("Topics: Harbour, Fishing", ["Harbour", "Fishing"]),
                                             ("Palabras clave: puente, consejo", ["puente", "consejo"]),
                                             ("Temas: puente, consejo", ["puente", "consejo"]),
                                             ("Themen: Hafen, F\u00e4hre", ["Hafen", "F\u00e4hre"]),
                                             # a theme's meta line with a second labelled list
                                             ("Filed Under: Ports \u00b7 Tagged With: ferry, pier",
                                              ["Ports", "ferry", "pier"]),
                                             ("Filed Under: Ports, Local Tagged With: ferry, pier",
                                              ["Ports", "Local", "ferry", "pier"]),
                                             ("Categories: Ports | Tags: ferry | Keywords: pier",
                                              ["Ports", "ferry", "pier"]),
                                             ("Tags: vintage, postage stamps, heritage", ["vintage", "postage stamps",
                                                                                          "heritage"])])
@pytest.mark.parametrize("where", ["head", "tail"])
def test_a_keywords_or_topics_line_is_cut_and_gives_the_labels(line: str, labels: list[str], where: str) -> None:
    from pipelines.draft import written_labels

    out = cut_text(line + "\n" + BODY if where == "head" else BODY + "\n" + line, RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and written_labels(out.removed, RULES) == labels


def test_the_labels_at_the_end_of_a_blogger_footer_run_together_are_read() -> None:
    from pipelines.draft import written_labels

    line = "No comments: Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest Labels: Ports, Ferries"
    out = cut_text(f"{BODY}\n{line}", RULES, Context(title="Bridge reopens"))
    assert out.text == BODY and written_labels(out.removed, RULES) == ["Ports", "Ferries"]
    # a line some other rule cut is not searched for a list inside it
    assert written_labels([("autoblog.continue-reading", "Read more Tags: ferry, pier")], RULES) == []


@pytest.mark.parametrize(("line", "cut"), [
    ("About the author: Mary Kay has covered the port for the Chronicle since 2019.", True),
    ("Sobre el autor: Ana Gil escribe sobre el puerto.", True),
    ("Follow Harbour Daily on Google News", True),
    ("Follow Harbour Daily on Google News for more updates.", True),
    ("About the council: it has twelve members.", False),
])
def test_a_one_line_author_box_or_google_news_call_is_cut(line: str, cut: bool) -> None:
    out = cut_text(BODY + "\n" + line, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is cut


@pytest.mark.parametrize(("tail", "cut"), [
    ("3 Comments\nAnn Lee wrote: Good news at last.\nBo Chan wrote: About time.", True),
    ("Comments (2)\nAnn Lee (March 5, 2026): Good news at last.\nThe boats will be glad.\nquayfan88: About time.", True),
    ("2 thoughts on \"Bridge reopens\"\nAnn Lee says:\nGood news at last.\nBo Chan on March 6, 2026 at 9:00 am\nAbout time.", True),
    ("Comments\nThe board received three hundred comments.\nMost were in favour.", False),
    ("Reactions\nMayor Ann Lee: A good day.\nBo Chan: Too late.", False),
    # a sentence that opens "X said …" is the article's, not a comment's opening
    ("0 comments\nThe board said the new fares would take effect next month.", False),
    ("Comments\nThe board said on Monday: fares rise in May.\nMost were in favour.", False),
    # the date between the verb and the colon, Blogger's dots after the verb
    ("Comments\ntomk said on 21/11/2026: Stuck here since Wednesday.\nAnna said on 22/11/2026: Any news?", True),
    ("Comments\nAnonymous said...\nGood news at last.\nBo Chan said\u2026\nAbout time.", True),
    # the commenters' names left out: the heading's count, met by the lines under it
    ("3 Comments\nStuck here since Wednesday, the cafe ran out of bread.\nAny news on the tolls?\nGreat post!", True),
    ("2 thoughts on \"Bridge reopens\"\nGood news at last.\nThe boats will be glad.\nAbout time.", True),
    # fewer lines than it counts, or three times as many: no such thread
    ("3 Comments\nStuck here since Wednesday, the cafe ran out of bread.", False),
    ("1 Comment\nOne.\nTwo.\nThree.\nFour.", False),
])
def test_a_comment_thread_under_the_text_goes_with_its_heading(tail: str, cut: bool) -> None:
    out = cut_text(BODY + "\n" + tail, RULES, Context(title="Bridge reopens"))
    assert (out.text == BODY) is cut
    assert out.harvest.authors == []


def test_a_thread_rules_hint_words_gate_the_pages_read_for_it(tmp_path) -> None:
    """A page whose text holds none of a thread heading's words is not read for it (each element of
    every post had been), and a user's thread rule may name its own words."""
    from pipelines.htmltext import cut_blocks, parse_fragment
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text("[[line]]\nid = 'x'\nwhere = 'thread'\nhint = 7\npattern = 'x'\n")
    with pytest.raises(RuleError, match="hint is a word or a list of words"):
        load_rules((str(tmp_path),))
    (tmp_path / "mine.toml").write_text("[[line]]\nid = 'x.guestbook'\nwhere = 'thread'\nhint = 'gästebuch'\n"
                                        "pattern = 'gästebuch'\n")
    body = "<p>The ferry runs late on Fridays.</p><h3>Gästebuch</h3><p>Ann Lee: Nice.</p><p>Bo Chan: Thanks.</p>"
    assert [r for r, _ in cut_blocks(parse_fragment(body), RULES, Harvest())] == []
    assert [r for r, _ in cut_blocks(parse_fragment(body), load_rules((str(tmp_path),)), Harvest())] == ["x.guestbook"]


@pytest.mark.parametrize(("text", "read", "changed"), [
    # Latin words with Cyrillic or Greek look-alikes, or wholly in them ("а", "ѕо"), read as Latin
    ("Тhе соmpany ѕаid ѕо а ріре burѕt.", "The company said so a pipe burst.", ["Тhе", "соmpany", "ѕаid", "ѕо", "а", "ріре", "burѕt"]),
    ("The fеrry Αpril timetable", "The ferry April timetable", ["fеrry", "Αpril"]),
    # a Russian or Greek word with Latin look-alikes, read in its own script
    ("Правительство сообщилo о мерах, Прaвительство", "Правительство сообщило о мерах, Правительство",
     ["сообщилo", "Прaвительство"]),
    ("Η κυβέρνηση ανaκοίνωσε νέα μέτρα", "Η κυβέρνηση ανακοίνωσε νέα μέτρα", ["ανaκοίνωσε"]),
    # what stays: Latin names and acronyms in Russian, Greek symbols and a Russian quote in English,
    # a word whose letters no table reads ("Gazпром"), half and half ("ΔT")
    ("Биржа OKX и саммит COP26 в Москве", "Биржа OKX и саммит COP26 в Москве", []),
    ("The α-helix, a ΔT of 3 K, and «Прaво, а не сила» he said.", "The α-helix, a ΔT of 3 K, and «Право, а не сила» he said.",
     ["Прaво"]),
    ("Gazпром and Hello", "Gazпром and Hello", []),
])
def test_words_in_look_alike_letters_are_read_in_their_script(text: str, read: str, changed: list[str]) -> None:
    """Splogs write an article's letters in another script that prints the same, so that the copy no
    longer matches its original in copy detection or search (rules/confusables.toml)."""
    from pipelines.normalize import clean_text

    words: list[str] = []
    assert clean_text(text, changed=words) == read and words == changed


@pytest.mark.parametrize(("text", "kept"), [
    # characters that print nothing, put inside words: dropped
    ("fer\u2063ry cro\u034fss\u2062ing har\u180ebour", "ferry crossing harbour"),
    ("pi\U000e0041\U000e0042er tim\u3164etable", "pier timetable"),  # tag characters; a Hangul filler
    ("ca\ufe0ffe", "cafe"),  # a variation selector after a Latin letter
    ("ferry\u2028crossing\u2029harbour\u1680pier", "ferry crossing harbour pier"),  # (spaces, not breaks)
    # a region's flag (a tag sequence after the black flag) and an emoji's selector stay
    ("Go \U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f! \u2764\ufe0f",
     "Go \U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f! \u2764\ufe0f"),
    # styled letters of the mathematical alphanumeric symbols read as the letters they style
    ("\U0001d405\U0001d411\U0001d404\U0001d404 \U0001d4c8\U0001d4b8\U0001d4c7\U0001d4be\U0001d4c5\U0001d4c9 now",
     "FREE script now"),
])
def test_characters_that_hide_a_copy_go_and_the_ones_that_spell_stay(text: str, kept: str) -> None:
    from pipelines.normalize import clean_text

    assert clean_text(text) == kept


def test_a_rules_directory_adds_look_alike_letters_and_a_bad_reading_is_an_error(tmp_path) -> None:
    from pipelines.normalize import clean_text
    from pipelines.rules import RuleError

    (tmp_path / "mine.toml").write_text('[confusables.latin]\n"ԛ" = "q"\n"Ꮃ" = "W"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="confusables.latin"):
        load_rules((str(tmp_path),))  # (Cherokee is not one of the scripts)
    # a Serbian word with a Latin "h" for its "ћ", which no built-in table reads
    (tmp_path / "mine.toml").write_text('[confusables.cyrillic]\n"h" = "ћ"\n', encoding="utf-8")
    rules = load_rules((str(tmp_path),))
    assert clean_text("Шahта", rules.confusables) == "Шаћта" and clean_text("Шahта") == "Шahта"


_PIER = ["The harbour board approved a plan on Tuesday to rebuild the north pier, closed since a storm in January.",
         "The work will cost about 14 million dollars and should take two summers, the board's chair told reporters.",
         "Ferry operators have been landing passengers at the old fishing wharf, a short walk from the town centre."]
_PIER_ZH = ["港务局周二批准了重建北码头的计划，该码头自一月的风暴后一直关闭。",
            "工程预计耗资约一千四百万元，需要两个夏季完成，港务局主席对记者表示。",
            "渡轮运营商一直在旧渔港让乘客上下船，那里离镇中心只有几步路。"]
_SONG = ["Oh the river runs so cold tonight", "And I am walking home alone"]


@pytest.mark.parametrize(("lines", "kept", "cut"), [
    # the excerpt above the whole text, cut off or not, as autoblog templates print it
    ([" ".join(" ".join(_PIER).split()[:24]) + " […]", *_PIER], _PIER, ["text.excerpt"]),
    ([" ".join(" ".join(_PIER).split()[:20])[:-3] + "...", *_PIER], _PIER, ["text.excerpt"]),  # (cut in a word)
    ([" ".join(" ".join(_PIER).split()[:20]) + "… Read more", *_PIER], _PIER, ["text.excerpt"]),
    (["".join(_PIER_ZH)[:45] + "……", *_PIER_ZH], _PIER_ZH, ["text.excerpt"]),
    # a paragraph right under itself; the whole text twice
    ([_PIER[0], _PIER[1], _PIER[1], _PIER[2]], _PIER, ["text.repeat"]),
    ([*_PIER, *_PIER], _PIER, ["text.repeat"] * 3),
    ([*_PIER_ZH, *_PIER_ZH], _PIER_ZH, ["text.repeat"] * 3),
    # what stays: a chorus sung twice, a line that opens the text without its words after it, a
    # paragraph quoted again further down, a short line
    ([_PIER[0], *_SONG, *_SONG, _PIER[1]], [_PIER[0], *_SONG, *_SONG, _PIER[1]], []),
    (["The harbour board approved a plan on Monday […]", *_PIER], ["The harbour board approved a plan on Monday […]", *_PIER], []),
    ([*_PIER, "Some residents asked why the board did not repair the old pier.", _PIER[1]],
     [*_PIER, "Some residents asked why the board did not repair the old pier.", _PIER[1]], []),
    ([*_PIER, "Three cheers for the crew!", "Three cheers for the crew!"], [*_PIER, "Three cheers for the crew!", "Three cheers for the crew!"], []),
])
def test_what_a_template_prints_twice_is_read_once(lines: list[str], kept: list[str], cut: list[str]) -> None:
    """An autoblog's template that prints the feed's excerpt above the post ({excerpt}{content}), or
    the content twice: the article was in the record two times over, and its copies linked as "near"."""
    out = cut_text("\n".join(lines), RULES, Context(title="Pier plan approved"))
    assert out.text.split("\n") == kept and [r for r, _ in out.removed if r.startswith("text.")] == cut


@pytest.mark.parametrize(("line", "cut"), [
    ("Seiten: 1 2 3", True), ("Pages : 1 2 3", True), ("Páginas: 1 2", True), ("Страницы: 1 2 3", True),
    ("Sayfalar: 1 2", True), ("Seiten: 1 2 3 Weiter", True), ("Nächste Seite »", True), ("« Page précédente", True),
    ("Próxima página", True), ("下一页", True), ("다음 페이지", True), ("Trang tiếp theo", True), ("Trang sau", True),
    # a sentence about a page, a page's number alone
    ("Die nächste Seite des Berichts zeigt die Kosten.", False), ("Trang 2 của báo cáo cho biết chi phí.", False),
    ("Trang 3", False),
])
def test_a_paginated_posts_links_to_its_pages_go_in_the_blogs_languages(line: str, cut: bool) -> None:
    """WordPress's list of a post's pages (wp_link_pages) as its translations label it, and a link to
    the next or previous page, between the paragraphs or under them; "Pages: 1 2" in English and
    "Halaman: 1 2" were cut already."""
    first, second = BODY.split("\n")
    for text in (f"{first}\n{line}\n{second}", f"{BODY}\n{line}"):
        out = cut_text(text, RULES, Context(title="Bridge reopens"))
        assert (out.text == BODY) is cut and ([r for r, _ in out.removed] == ["chrome.pagination-intl"]) is cut


def test_every_space_character_in_a_line_is_one_space_and_control_ones_are_dropped() -> None:
    """What the spaces of a text come to, for each character Python counts as one: a run of them
    within a line is one space (no-break, ideographic, line and paragraph separators, the typographic
    spaces), the control ones (vertical tab, form feed, carriage return, the separators of C0,
    NEL) are taken out, a newline breaks the line; zero-width characters are no spaces."""
    import sys

    from pipelines.normalize import clean_text

    control = {"\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f", "\x85"}
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert {" ", "\t", "\u00a0", "\u1680", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u2007"} < set(spaces)
    for char in spaces:
        expected = "ab" if char in control else "a\nb" if char == "\n" else "a b"
        assert clean_text(f"{char}a{char}{char}b{char}") == expected, hex(ord(char))
    assert clean_text("a\u200b b\u2060c") == "a bc"


def test_the_headline_repeated_with_its_publisher_names_the_publisher_in_every_run() -> None:
    """A page whose <title> is a Google News item's "<headline> - <publisher>", with that line again
    under the text: the line is the headline with its publisher after it, whatever order the run's
    string hashing gives a set (it also equals the whole <title>, which names no publisher)."""
    from tests.conftest import fresh_python

    script = """
import json
from pipelines.cleaning import Context, cut_text
from pipelines.rules import load_rules
title = "Harbour bridge reopens after two years of repairs - Coast Gazette"
out = cut_text("The council approved the plan on Tuesday.\\nIt will cost 4 million.\\n" + title, load_rules(),
               Context(title=title, raw_title=title, blog_name="Daily Splog News"))
print(json.dumps([out.text, out.harvest.publishers, [r for r, _ in out.removed]]))
"""
    runs = [fresh_python(script, env={"PYTHONHASHSEED": str(seed)}) for seed in range(6)]
    assert runs == [["The council approved the plan on Tuesday.\nIt will cost 4 million.", ["Coast Gazette"],
                     ["title.repeat"]]] * 6


_GUARDIAN_PROMO = ("Skip past newsletter promotion\nSign up to Harbour Mornings\nFree daily newsletter\n"
                   "Our morning email sums up the day's harbour news, telling you what is happening and why it matters.\n"
                   "Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by outside parties.\n"
                   "after newsletter promotion")
_BBC_EMBED = ("Skip Twitter post by @harbourdaily\nAllow Twitter content?\nThis article contains content provided by Twitter. "
              "We ask for your permission before anything is loaded, as they may be using cookies.\nAccept and continue\n"
              "The pier is closed today. Stay safe, everyone.\n— Harbour Daily (@harbourdaily) December 2, 2026\n"
              "The BBC is not responsible for the content of external sites.\nEnd of Twitter post by @harbourdaily")
_AJ_BOX = ("Recommended Stories\nlist of 4 items\nFerry fares to rise in spring\nIsland school to close\n"
           "Storm closes the coast road\nNew pier plan unveiled\nend of list")


@pytest.mark.parametrize(("block", "rule"), [(_GUARDIAN_PROMO, "promo.newsletter-span"), (_BBC_EMBED, "embed.span"),
                                             (_AJ_BOX, "related.span")])
def test_a_block_marked_at_both_ends_is_cut_whole_wherever_it_stands(block: str, rule: str) -> None:
    for text in _placed(BODY, block):
        out = cut_text(text, RULES, Context(title="Bridge reopens"))
        assert out.text == BODY and {r for r, _ in out.removed} == {rule}, text
        assert "\n".join(cut for _, cut in out.removed) == block


def test_a_blocks_opening_line_alone_is_cut_and_a_closing_line_too_far_under_it_leaves_the_text() -> None:
    _cut_to_body(_placed(BODY, "Skip past newsletter promotion"), "Skip past newsletter promotion", "promo.newsletter-span")
    _cut_to_body(_placed(BODY, "list of 3 items"), "list of 3 items", "related.span")
    for line in ("after newsletter promotion", "End of Twitter post by @harbourdaily", "Open image in gallery",
                 "This video can not be played"):
        _cut_to_body(_placed(BODY, line), line, "embed.notice")
    # a closing line further than 16 lines under the opening one closes nothing: the lines between stay
    between = [f"Paragraph {n} of the story goes on about the pier." for n in range(17)]
    text = "\n".join(["Skip past newsletter promotion", *between, "after newsletter promotion", BODY])
    out = cut_text(text, RULES, Context(title="Bridge reopens"))
    assert out.text == "\n".join([*between, BODY])
    # the heading goes with the box only right above its opening line
    out = cut_text(f"Recommended Stories\n{BODY}\nlist of 1 item\nFerry fares to rise\nend of list", RULES, Context(title="Bridge reopens"))
    assert out.text.split("\n")[-2:] == BODY.split("\n") and ("related.span", "Recommended Stories") not in out.removed


def test_a_span_rule_needs_its_closing_line(tmp_path) -> None:
    from pipelines.rules import RuleError
    (tmp_path / "x.toml").write_text("[[line]]\nid = \"x.span\"\nwhere = \"span\"\npattern = '''skip ad'''\n", encoding="utf-8")
    with pytest.raises(RuleError, match="needs until"):
        load_rules((str(tmp_path),))
    (tmp_path / "x.toml").write_text("[[line]]\nid = \"x.any\"\nwhere = \"any\"\npattern = '''skip ad'''\nuntil = '''ad ends'''\n",
                                     encoding="utf-8")
    with pytest.raises(RuleError, match="needs until"):
        load_rules((str(tmp_path),))


@pytest.mark.parametrize(("tail", "rules"), [
    ("Saved\nAdd to bookmarks\nFollow topics\nAdd topic\nManage alerts\nTurn on notifications\nGo to comments",
     {"chrome.site.en"}),
    ("Summarize\nRead comments\nSuggested Topics:", {"chrome.site.en"}), ("Listen (4 min)", {"chrome.site.en"}),
    ("Share on Bluesky\nShare on Threads\nEmail this article", {"chrome.share.en"}),
    ("Add Harbour Daily on Google", {"chrome.site.en"}),
])
def test_a_news_sites_bookmark_alert_and_summary_buttons_are_cut_under_the_text(tail: str, rules: set[str]) -> None:
    assert _cut_tail(tail) == rules


@pytest.mark.parametrize("line", ["Add Harbour Daily as a preferred source on Google", "Make us a preferred source on Google",
                                  "Add us as a trusted source in Google News.", "Why you can trust Harbour Daily"])
def test_a_call_to_pick_the_site_as_a_preferred_source_is_cut_wherever_it_stands(line: str) -> None:
    _cut_to_body(_placed(BODY, line), line, "promo.preferred-source")


def test_lines_like_the_preferred_source_call_stay() -> None:
    _stays(*(text for line in ("The council made the harbour trust a preferred source of advice on Google's request.",
                               "Why you can trust the tide tables: they are checked twice a year.",
                               "Why you can trust the tide tables",
                               "Add salt on Google's advice, the chef joked.")
             for text in _placed(BODY, line)))


# a video.js player written out one control a line, its caption-settings dialog and all
_PLAYER = "\n".join(("Video Player is loading.", "Play Video", "Play", "Mute", "Current Time 0:00", "/", "Duration 2:14",
                     "Loaded: 0%", "Stream Type LIVE", "Seek to live, currently behind live", "LIVE", "Remaining Time -2:14",
                     "1x", "Playback Rate", "Chapters", "Descriptions", "descriptions off, selected", "Captions",
                     "captions settings, opens captions settings dialog", "captions off, selected", "Audio Track",
                     "Fullscreen", "This is a modal window.",
                     "Beginning of dialog window. Escape will cancel and close the window.",
                     *("Text Color White Black Red Green Blue Yellow Magenta Cyan Transparency Opaque Semi-Transparent "
                       "Background Color Black White Transparent Window Color Black").split(),
                     "Font Size", "50%", "75%", "100%", "125%", "150%", "175%", "200%", "300%", "400%", "Text Edge Style",
                     "None", "Raised", "Depressed", "Uniform", "Dropshadow", "Font Family", "Proportional Sans-Serif",
                     "Monospace Sans-Serif", "Proportional Serif", "Monospace Serif", "Casual", "Script", "Small Caps",
                     "Reset", "restore all settings to the default values", "Done", "Close Modal Dialog",
                     "End of dialog window.", "Close Modal Dialog",
                     "This is a modal window. This modal can be closed by pressing the Escape Key or activating the close button."))


def test_a_video_players_controls_and_dialog_one_a_line_are_cut_whole_wherever_they_stand() -> None:
    for text in _placed(BODY, _PLAYER):
        out = cut_text(text, RULES, Context(title="Bridge reopens"))
        assert out.text == BODY and {rule for rule, _ in out.removed} == {"player.span"}, text
    # the article's lines between a loading notice and a dialog's end are no player's: they stay
    text = f"Video Player is loading.\nPlay Video\n{BODY}\nClose Modal Dialog"
    assert BODY in cut_text(text, RULES, Context(title="Bridge reopens")).text


def test_a_span_rules_most_and_inner_are_checked(tmp_path) -> None:
    from pipelines.rules import RuleError
    for extra, message in (("most = 0", "most"), ("most = \"ten\"", "most"), ("inner = \'\'\'(\'\'\'", "bad pattern")):
        (tmp_path / "x.toml").write_text("[[line]]\nid = \"x.span\"\nwhere = \"span\"\npattern = \'\'\'skip ad\'\'\'\n"
                                         f"until = \'\'\'ad ends\'\'\'\n{extra}\n", encoding="utf-8")
        with pytest.raises(RuleError, match=message):
            load_rules((str(tmp_path),))


@pytest.mark.parametrize(("tail", "rules"), [
    ("Merkliste\nVorlesen\nZusammenfassung anzeigen\nZu den Kommentaren\nPush-Benachrichtigungen aktivieren", {"chrome.site.de"}),
    ("Ir a los comentarios\nActivar notificaciones", {"chrome.site.es"}), ("Ir para os comentários\nAtivar notificações", {"chrome.site.pt"}),
    ("Aller aux commentaires\nActiver les notifications", {"chrome.site.fr"}), ("Dengarkan artikel\nAktifkan notifikasi", {"chrome.site.id"}),
])
def test_a_news_sites_bookmark_audio_and_notification_buttons_in_more_languages_are_cut_under_the_text(tail: str, rules: set[str]) -> None:
    assert _cut_tail(tail) == rules
