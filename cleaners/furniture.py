"""Page furniture that HTML extractors let through, as generic line rules.

What survives extraction is furniture set as ordinary paragraphs: "Related:" teasers,
newsletter, subscription and app prompts, follow invitations, reporter contact lines and
credits, copyright and reprint notices, dateline stamps, reading times, tag lists,
comment-section labels. Each rule recognises such a *kind* of line, in English, French
and Arabic (plus the phrases of a few other languages where the article benchmark showed
them); none names a site or quotes one page. They were measured on the 181-page article
benchmark (bench/bench_articles.py) and apply to dumps too: a scraper's text dump
carries the same furniture. A phrase that the lexicons (`cleaners.lexicon`) or the shape
rules (`cleaners.generic`: bylines, date-only lines) hold is not repeated here: each
phrase lives in one rule (tests/test_one_place.py).

Rules that could be ordinary words inside an article ("Posted by", dateline stamps) only
fire outside the body core; rules searched inside a line carry `needles`, so a long line
is searched only when it holds one of them.
"""

from __future__ import annotations

from ._caches import cached
from .rules import LineRule, drop_line

__all__ = ["furniture_rules"]


@cached
def furniture_rules() -> tuple[LineRule, ...]:
    """The rules, built on first use (no work at import time)."""
    return (
        # --- related-content teasers and the labels that open a list of them
        drop_line(
            "related-teaser",
            r"[\[(]?related(?: (?:posts?|articles?|stories|story|news|content|coverage|reading|"
            r"links?|topics?|videos?))?\s*:\s*.+",
            r"also on [\w-]+(?:\.[\w-]+)+\b.*",
            # a network's read-more line under the text: "En Xataka | <headline>"
            r"en [\w.'’-]{2,25}(?: [\w.'’-]{2,25})? \| .{5,160}",
            kind="related",
            max_len=200,
        ),
        drop_line(
            "related-label",
            r"(?:you )?(?:may|might|should|will) also (?:like|enjoy|be interested in)\W*",
            r"(?:don'?t|do not) miss\W*",
            r"popular on .{1,40}",
            r"more\s*:",
            kind="related",
            max_len=60,
            opens_block=True,
        ),
        drop_line(
            "tagged-teaser",
            # a headline teaser that ends in a bracketed content type: "... [VIDEO]"
            r".{5}\[(?:videos?|photos?|pics|pictures|gallery|insight|reaction|analysis|poll|"
            r"listen|watch|live|latest|news|revealed|warning|comment|opinion|quiz|interview|"
            r"podcast|vidéo|diaporama|فيديو|صور)\]\s*\|?$",
            kind="related",
            max_len=220,
            full=False,
            needles=("[",),
        ),
        # --- newsletters, subscriptions, apps (searched: the phrase may stand anywhere)
        drop_line(
            "newsletter-prompt",
            r"\b(?:in|to|into) your inbox\b",
            r"\b(?:abonnez-vous|inscrivez-vous)\b",
            r"^(?:thanks|thank you) for (?:signing up|subscribing)",
            r"^there was an error processing your subscription",
            kind="newsletter",
            max_len=250,
            full=False,
            needles=(
                "newsletter",
                "inbox",
                "abonnez",
                "inscrivez",
                "thank",
                "subscription",
            ),
        ),
        drop_line(
            "subscribe-prompt",
            r"^subscribe (?:to|now|today)\b",
            r"\b(?:click(?:ing)? here|cliquez ici)\b|اضغط هنا|انقر هنا",
            r"\b(?:download|get) (?:the|our) .{1,40} app\b",
            kind="ad",
            max_len=250,
            full=False,
            needles=("subscribe", "click", "cliquez", "اضغط هنا", "انقر هنا", " app"),
        ),
        # --- follow invitations, reporter contact lines
        drop_line(
            "follow-prompt",
            # imperative only: "Follow X on Twitter", at the start of a sentence
            r"(?:^|[.!?]\s+)follow .{0,80}\bon (?:twitter|facebook|instagram|linkedin|youtube|"
            r"tiktok|snapchat|threads|x)\b",
            r"^(?:suivez|retrouvez)-nous\b",
            r"^(?:تابعونا|تابعنا) (?:على|عبر)",
            kind="share",
            max_len=300,
            full=False,
            needles=("follow", "suivez", "retrouvez", "تابعونا", "تابعنا"),
        ),
        drop_line(
            "reporter-contact",
            r"^(?:have a (?:news )?tip|got a tip)\?",
            r"\b(?:may|can) be reached at\b",
            r"^reach (?:the )?(?:reporters?|writers?|authors?)\b",
            kind="byline",
            max_len=300,
            full=False,
            needles=("tip", "reached", "reach "),
        ),
        # --- credits, datelines, wire slugs
        drop_line(
            "reporting-credit",
            r"^\(?(?:additional )?reporting by\b",
            r"(?:^|[(;]\s*)(?:editing|writing) by\b",
            r"\bcontributed(?: reporting)? to this (?:report|story|article)\W*$",
            r"^(?:source|sources|with agencies|agencies)\s*:\s*.{1,60}$",
            r"^original-content von\s*:",
            kind="byline",
            max_len=320,
            full=False,
            needles=(
                "reporting",
                "editing",
                "writing",
                "contributed",
                "source",
                "agencies",
                "original-content",
            ),
        ),
        drop_line(
            "wire-slug",
            # news-agency story slugs: "AP-US--Topic, 4th Ld-Writethru"
            r"(?:ap|bc)-[a-z]{2,}-{1,2}[\w-]+(?:,.{0,40})?",
            kind="byline",
            max_len=100,
        ),
        drop_line(
            "dateline-stamp",
            # a label with its date; the label alone ("Updated on:") is the lexicons' chrome
            r"(?:[-|•]\s*)?(?:first |last )?(?:published|updated|posted|modified|"
            r"publié|mis à jour|mise à jour)\b(?!\W*(?:on|at|le)?\W*$).{0,80}",
            kind="date",
            where="edge",
            max_len=100,
        ),
        drop_line(
            "reading-time",
            r"(?:reading time|read time|temps de lecture|tempo de leitura|lesezeit)\s*:?.{0,30}",
            r"\d{1,3}\s*(?:min|mins|minutes?)\s+(?:read|de lecture)\W*",
            kind="chrome",
            where="edge",
            max_len=60,
        ),
        drop_line(
            "image-credit",
            r"(?:image|photo|picture|pic|video|illustration)s?(?: source| credit|s? by)?\s*:.{1,100}",
            r"\((?:photo|image|credit|picture)s?\s*:.{1,100}\)",
            r"(?:crédit|credit)s?(?: photo)?\s*:.{1,100}",
            r"(?:quellen? )?(?:text und )?(?:foto|fotos|bild|bilder)(?:quelle)?\s*:.{1,100}",
            r"(?:bild|foto)?rechte\s*:.{1,80}",
            r"(?:imagen|imágenes|fotografía|foto)\s*\|\s*.{1,100}",
            kind="widget",
            max_len=120,
        ),
        # --- legal and reprint notices
        drop_line(
            "copyright-notice",
            r"^(?:copyright\b.{0,60}\d{4}|copyright\s*(?:©|\(c\)|ⓒ)|©|\(c\)\s*\d{4}|ⓒ)",
            r"\ball rights reserved\b|tous droits réservés|جميع الحقوق محفوظة|alle rechte vorbehalten"
            r"|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados",
            r"^alle angaben ohne gewähr\b",
            r"^this (?:copy|article|material) is for your personal",
            kind="widget",
            max_len=320,
            full=False,
            needles=(
                "copyright",
                "©",
                "(c)",
                "ⓒ",
                "rights reserved",
                "droits réservés",
                "rechte vorbehalten",
                "derechos reservados",
                "diritti riservati",
                "direitos reservados",
                "ohne gewähr",
                "جميع الحقوق",
                "this copy",
                "this article",
                "this material",
            ),
        ),
        drop_line(
            # a contact address line: a label and an e-mail address, nothing else to say
            "contact-address",
            r".{0,60}(?:e-?mail|courriel|ایمیل|پست الکترونیک|البريد الإلكتروني)"
            r"\s*:?\s*\S+@\S+",
            kind="footer",
            max_len=120,
        ),
        drop_line(
            # a notice that opens with the sign and the years runs on at any length (the
            # reprint terms that follow it): the whole line is the notice
            "copyright-terms",
            r"(?:copyright\s*)?(?:©|\(c\)|ⓒ)\s*(?:\d{4}\s*[-/–]\s*)?\d{4}\b.*",
            kind="widget",
            max_len=1200,
        ),
        drop_line(
            "credit-symbol",
            r"©",  # a short line with a copyright sign is a credit or a caption
            kind="widget",
            max_len=150,
            full=False,
            needles=("©",),
        ),
        # --- taxonomy and author stamps
        drop_line(
            "tags-line",
            r"(?:tags?|tagged(?: with| in)?|filed under|categor(?:y|ies)|categorias?|"
            r"catégories?|mots[- ]clés|étiquettes|الوسوم|وسوم|كلمات مفتاحية|التصنيفات?)"
            r"\s*:\s*.{1,380}",
            kind="nav",
            max_len=400,
        ),
        drop_line(
            "tags-label",
            r"(?:tags?|tagged|filed under|categor(?:y|ies)|categorias?|catégories?|mots[- ]clés|"
            r"étiquettes|الوسوم|وسوم|كلمات مفتاحية|التصنيفات?)\s*:?",
            kind="nav",
            max_len=30,
            opens_block=True,
        ),
        drop_line(
            "posted-by",
            r"^[\d/.:\s|-]{0,25}(?:posted|published|written|publié|publiée|rédigé|publicado|"
            r"pubblicato) (?:by|par|por|da)\b",
            kind="byline",
            where="edge",
            max_len=200,
            full=False,
            needles=(
                "posted",
                "published",
                "written",
                "publié",
                "rédigé",
                "publicado",
                "pubblicato",
            ),
        ),
        drop_line(
            "shortcode",
            # CMS shortcodes left unrendered: "[button link=...]Text[/button]"
            r"\[([a-z_]+)(?:\s[^\]]*)?\].{0,200}\[/\1\]",
            kind="widget",
            max_len=400,
            full=False,
            needles=("[",),
        ),
        drop_line(
            "comment-policy",
            r"\b(?:comments?|comentários|commentaires)\b.{0,150}\b(?:(?:will|shall) not be "
            r"(?:approved|published)|não serão (?:aprovados|publicados)|ne seront pas "
            r"(?:publiés|validés)|moderador|moderator|modérateur)\b",
            kind="comment-policy",
            max_len=400,
            full=False,
            needles=("comment", "coment"),
        ),
        # --- comments and ads
        drop_line(
            "comments-label",
            r"tell us what you think\W*",
            r"comments? (?:are|is) closed\W*",
            kind="comments",
            max_len=60,
        ),
        drop_line(
            "advertisement-label",
            r"continue reading (?:below|the main story)\W*",
            # the label of an ad slot, alone on its line, in the languages the lexicons lack
            r"(?:publicidad|pubblicità|publicidade|anzeige|werbung|reklame|advertentie)\W*",
            kind="ad",
            max_len=60,
        ),
    )
