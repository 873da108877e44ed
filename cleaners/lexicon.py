"""Phrase lexicons of generic boilerplate, per language and per kind.

Each entry is a regex alternative matched against the folded line (lower case, Arabic
letter variants folded: write natural spelling, `drop_line` folds it). They name kinds of
boilerplate that news templates and CMSs print — comment forms, comment policies, share
bars, "read also" headers, cookie and newsletter prompts, empty-widget messages — never
one page's text. `cleaners.generic` turns them into rules; a site module adds only what
its own template prints.
"""

from __future__ import annotations

from typing import Final

__all__ = ["LEXICON", "InlineLexicon", "Lexicon"]

# kind -> alternatives; "full" lexicons match a whole line
Lexicon = dict[str, tuple[str, ...]]
# kind -> (alternatives, needles): "inline" phrases are searched inside a line of up to a
# few hundred characters, and only in lines that hold one of the needles (a cheap gate)
InlineLexicon = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]

_AR_FULL: Final[Lexicon] = {
    "share": (
        r"(شارك|شاركي|شاركوا|انشر)(( هذا| هذه)? (المقال|الخبر|الموضوع|الصفحة|التدوينة)( على| عبر)?( \S+){0,2})?\W*",
        r"(شارك|مشاركة|انشر)( على| عبر) (فيسبوك|فايسبوك|تويتر|واتساب|واتس اب|تيليغرام|تلغرام|لينكدإن|إكس|البريد الإلكتروني)",
    ),
    "comment-form": (
        r"(اترك|اكتب|اضف|شارك) (ردا?|رداً|تعليقا?|تعليقاً|تعليقك|رأيك)",
        r"(اترك|اضف) (ردا|تعليقا) (على|إلغاء الرد).*",
        r"إلغاء الرد",
        r"(إرسال|أرسل|نشر) (التعليق|تعليق|الرد)",
        r"لن يتم نشر (عنوان )?بريدك الإلكتروني\.?.*",
        r"(الحقول|الخانات) (الإلزامية|المطلوبة|الاجبارية) (مشار إليها|معلمة|محددة).*",
        r"احفظ اسمي.*",
        r"(الاسم|البريد الإلكتروني|الموقع الإلكتروني|التعليق) ?\*",
        r"يجب (عليك )?تسجيل الدخول (لكتابة|لنشر|لإضافة) (تعليق|التعليق).*",
    ),
    "comments": (
        r"(عدد )?(التعليقات|تعليقات|التعليق|تعليق|الردود|ردود)[ :()\d]*",
        r"\(?\d+\)? ?(تعليقات|تعليق|ردود|رد)",
        r"(لا توجد|لا يوجد|ليس هناك) (أي )?(تعليقات|تعليق)( بعد)?\.?",
        r"(كن|كوني) أول من (يعلق|يضيف تعليقا?).*",
        r"(تعليقات|آراء|ردود) (الزوار|القراء)( \(?\d+\)?)?\s*:?",
    ),
    "comment-policy": (r"(شروط|قواعد|ضوابط|سياسة) (النشر|التعليق|التعليقات)\s*:?",),
    "related": (
        r"(مواضيع|مقالات|أخبار|تقارير|قصص|منشورات|مواد) (ذات صلة|مشابهة|متعلقة|مرتبطة|قد تهمك|ذات علاقة)\s*:?",
        r"ذات صلة\s*:?",
        r"(اقرأ|طالع|شاهد) (أيضا|كذلك|المزيد)\s*[:|»-]?.{0,160}",
        r"(قد يهمك|قد يعجبك|ننصحك بقراءة|يهمك أيضا|الأكثر قراءة|الأكثر مشاهدة|الأكثر تعليقا)( أيضا)?\s*:?",
        r"(المزيد من|مزيد من) (الأخبار|المقالات|المواضيع)\s*:?",
    ),
    "chrome": (
        r":?\s*(آخر تحديث|تاريخ النشر|تاريخ التحديث|نشر في|تم النشر في|نشر بتاريخ|محدث)\s*:?",
    ),
    "widget": (
        r"(لم يتم العثور على|لا توجد|لا يوجد) (نتائج|نتيجة|أي نتائج)\.?",
        r"(جار|جاري) (التحميل|التحمیل)\.*",
        r"(تحميل|عرض) (المزيد|مزيد)\.*",
    ),
    "ad": (
        r"(إعلان|إعلانات)( ممول)?",
        # the ad-blocker notice's salutation and thanks, each on its own line
        r"(عزيزي|عزيزتي) (المستخدم|القارئ|الزائر|المتصفح)\s*[,،:]?",
        r"شكرا (لتفهمك|لتفهمكم|على تفهمك|على تفهمكم)\s*[.!]?",
    ),
    "newsletter": (r"(اشترك|اشتركوا)( الآن)?( مجانا)?", r"النشرة البريدية\s*:?"),
}

_AR_EDGE: Final[Lexicon] = {
    "share": (
        r"(شارك|شاركي|شاركوا|مشاركة|انشر)( هذا| هذه)?( المقال| الخبر| الموضوع| الصفحة| الرابط)?( على| عبر)?( \S+){0,3}",
        r"(نسخ|انسخ) (الرابط|الرابط المختصر)",
        r"طباعة",
    ),
    "nav": (
        r"(الرئيسية|الصفحة الرئيسية)(\s*[»›>/|\\-]\s*.{0,60})?",
        r"(أخبار|آخر الأخبار) (عاجلة|ساخنة|الساعة|اليوم)\s*:?",
        r"(آخر|أحدث) (الأخبار|المقالات|المواضيع|المستجدات)\s*:?",
        r"عاجل\s*:?",
        r"(القائمة|بحث|ابحث|البحث|ابحث عن)\s*:?",
        r"(المقال|الخبر|الموضوع) (السابق|التالي)\s*:?",
    ),
    "cookie": (r"(أوافق|موافق|قبول)( على)?( الكل| ملفات تعريف الارتباط)?",),
    "newsletter": (
        r"(اشترك|اشتركوا)( الآن)?( في| ب)( النشرة| القناة| قناتنا| خدمة| حسابنا| قائمتنا)[^.!؟]{0,40}",
    ),
}

_AR_INLINE: Final[InlineLexicon] = {
    "ad": (
        (
            r"(إلغاء تفعيل|تعطيل|إيقاف|إغلاق|اكتشاف) (مانع|حاجب|برنامج حجب) الإعلانات",
            # the appeal that comes with it: the site lives on its advertising
            r"(العائد|الدخل|الإيرادات) من الإعلانات .{0,40}(مصدر|المصدر)",
        ),
        ("مانع", "حاجب", "حجب", "من الإعلانات"),
    ),
    "comment-policy": (
        (
            r"(التعليقات|الآراء|المواد) (المنشورة )?(تعبر|لا تعبر|لا تمثل) .{0,20}(عن )?(رأي|آراء) (كتابها|كاتبيها|أصحابها)",
            r"(لا تعبر|لا تمثل) (بالضرورة )?عن (رأي|آراء|وجهة نظر) (الموقع|الجريدة|الصحيفة|إدارة)",
            r"(عدم|تجنب) الإساءة (للكاتب|للأشخاص|للمقدسات)",
            r"(تحتفظ|يحتفظ) (الجريدة|الموقع|إدارة الموقع) بحق (حذف|عدم نشر)",
        ),
        ("تعبر", "لا تمثل", "الإساءة لل", "تحتفظ", "يحتفظ"),
    ),
    "cookie": (
        (r"(نستخدم|يستخدم|يستعمل|نستعمل) .{0,60}(ملفات تعريف الارتباط|الكوكيز|كوكيز)",),
        ("تعريف الارتباط", "كوكيز"),
    ),
    "newsletter": (
        (
            r"(اشترك|سجل|ليصلك|لتصلك|احصل|توصل).{0,80}(النشرة البريدية|القائمة البريدية|نشرتنا|النشرة الإخبارية|بريدك)",
            r"(النشرة البريدية|القائمة البريدية|نشرتنا|النشرة الإخبارية).{0,80}(اشترك|سجل|بريدك)",
        ),
        ("النشرة", "نشرتنا", "البريدية", "بريدك"),
    ),
}

_FR_FULL: Final[Lexicon] = {
    "share": (
        r"(partager|partagez) (cet|l') ?(article|info|actu)( sur \S+)?",
        r"(partager|partagez) sur (facebook|twitter|x|whatsapp|linkedin|telegram|messenger|e-?mail)",
    ),
    "comment-form": (
        r"(laisser|laissez|ajouter|poster|écrire) (un|une|votre) (commentaire|réponse)",
        r"(annuler|répondre)( la)? réponse",
        r"(publier|envoyer|poster) (le|un|mon) commentaire",
        r"votre adresse (e-mail|email|de messagerie|électronique) ne sera pas publiée\.?.*",
        r"les champs obligatoires sont indiqués.*",
        r"enregistrer mon nom.*",
        r"(nom|e-mail|email|site web|commentaire) ?\*",
        r"vous devez (être connecté|vous connecter) pour (publier|poster) un commentaire\.?",
    ),
    "comments": (
        r"\(?\d+\)? ?(commentaires?|réactions?|réponses?)",
        r"(commentaires?|réactions?)[ :()\d]*",
        r"(aucun|pas de) commentaire( pour le moment| pour l'instant)?\.?",
        r"soyez (le premier|la première) à (commenter|réagir).*",
    ),
    "comment-policy": (r"(charte|règles?) (de modération|des commentaires|de publication)\s*:?",),
    "related": (
        r"(à|a) lire (aussi|également|egalement)\s*:?.{0,160}",
        r"lire (aussi|également|la suite)\s*:?.{0,160}",
        r"(sur le même sujet|dans la même rubrique|articles? (similaires|liés|associés|recommandés))\s*:?",
        r"(vous aimerez aussi|vous pourriez aussi aimer|les plus lus|les plus (commentés|partagés))\s*:?",
        r"(voir|découvrir) aussi\s*:?.{0,160}",
    ),
    "chrome": (r"(dernière mise à jour|mise? à jour|publié) ?(le)?\s*:?",),
    "widget": (
        r"aucun résultat( trouvé)?\.?",
        r"(chargement|chargement en cours)( …|\.\.\.)?",
        r"(voir|afficher|charger) plus( d'articles)?",
    ),
    "ad": (r"(publicité|annonce|contenu sponsorisé|sponsorisé)",),
}

_FR_EDGE: Final[Lexicon] = {
    "share": (
        r"(partager|partagez)( (cet|l') ?article)?( sur| par)?( \S+){0,3}",
        r"(imprimer|copier le lien|envoyer par (e-?mail|courriel))",
    ),
    "nav": (
        r"accueil(\s*[»›>/|\\-]\s*.{0,60})?",
        r"(à la une|dernières (nouvelles|infos|actualités)|flash info|en direct)\s*:?",
        r"(menu|rechercher|recherche)\s*:?",
        r"article (précédent|suivant)\s*:?",
    ),
    "cookie": (
        r"(tout )?(accepter|refuser)( (tout|les cookies))?",
        r"(paramétrer|gérer) (les )?cookies",
    ),
    "newsletter": (r"votre (adresse )?(e-mail|email)",),
}

_FR_INLINE: Final[InlineLexicon] = {
    "comment-policy": (
        (
            r"(les )?(commentaires|propos|opinions) .{0,40}(n'engagent que|ne reflètent pas|relèvent de la seule responsabilité)",
            r"(tout|les) commentaires? (injurieux|diffamatoires?|insultants?) .{0,40}(supprimés?|modérés?)",
        ),
        ("engagent", "reflètent", "responsabilité", "supprim", "modér"),
    ),
    "cookie": (
        (
            r"\b(cookies?|traceurs)\b.{0,240}\b(accept|utilis|consent|navigation|paramétr)|\b(accept|utilis|consent)\w* .{0,120}\b(cookies?|traceurs)\b",
        ),
        ("cookie", "traceur"),
    ),
    "newsletter": (
        (
            r"(abonn|inscri|recev|recevoir|inscription).{0,80}\bnewsletters?\b",
            r"\bnewsletters?\b.{0,80}(abonn|inscri|recev|e-?mail|courriel)",
        ),
        ("newsletter",),
    ),
}

_EN_FULL: Final[Lexicon] = {
    "share": (
        r"(share|tweet|pin|email) (this|the) (article|story|post|page)( on \S+| via \S+)?",
        r"(share|tweet|post) (on|via|to|with) (facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|messenger|e-?mail)",
        r"(click|tap) to share.{0,80}",
    ),
    "comment-form": (
        r"leave (a |your )?(reply|comment|response)( to .{0,120})?",
        r"(post|submit|add) (a |your )?comments?",
        r"cancel reply",
        r"your email address will not be published\.?.*",
        r"required fields are marked.*",
        r"save my name, email.*",
        r"(name|email|website|comment) ?\*",
        r"you must be logged in to post a comment\.?",
    ),
    "comments": (
        r"\(?\d+\)? ?(comments?|responses?|replies)",
        r"(comments?|responses?)[ :()\d]*",
        r"no comments?( yet)?\.?",
        r"(be the first to comment|join the (conversation|discussion)).*",
        r"(view|show|load|read) (all )?(\d+ )?comments?[ :()\d]*",
    ),
    "comment-policy": (r"(comment|commenting|community) (policy|guidelines|rules)\s*:?",),
    "related": (
        r"(read|see) (also|more|next)\s*:?.{0,160}",
        r"related( (articles?|posts?|stories|news|content|coverage|topics|reading))?\s*:?",
        r"(more (from|on|in|stories|news)|recommended( for you| stories| reading)?|you (may|might) (also )?like|trending( now)?|most (read|popular|viewed))\b[^.!?]{0,40}",
        r"(editor'?s picks|top stories|latest (news|stories|posts))\s*:?",
    ),
    "chrome": (r"((first|last) )?(updated|published|posted|modified)( on| at)?\s*:?",),
    "widget": (
        r"no (results|posts) found\.?",
        r"loading(\.\.\.|…)?",
        r"(load|show|view) more( (articles|stories|posts))?",
    ),
    "ad": (
        r"(advertisement|sponsored( content)?|ad|adverti[sz]ing|story continues below( advertisement)?)",
    ),
}

_EN_EDGE: Final[Lexicon] = {
    "share": (
        r"(share|tweet|pin|email)( (this|the) (article|story|post|page))?( on| via| with)?( \S+){0,3}",
        r"follow us( on)?.{0,60}",
        r"(print|copy link|copy url)( this (article|page))?",
    ),
    "nav": (
        r"home(\s*[»›>/|\\-]\s*.{0,60})",
        r"(breaking( news)?|latest news|live updates?|skip to (main )?content|menu|search)\s*:?",
        r"(previous|next) (article|post|story)\s*:?.{0,160}",
    ),
    "cookie": (
        r"(accept|reject|decline|allow)( all)?( cookies)?",
        r"(manage|cookie) (preferences|settings)",
    ),
    "newsletter": (
        # "subscribe to/now/today ..." anywhere: furniture's subscribe-prompt
        r"(sign up( now| today)?( to| for)?|subscribe(?! (to|now|today)\b)).{0,120}",
        r"enter your e-?mail( address)?.{0,40}",
    ),
}

_EN_INLINE: Final[InlineLexicon] = {
    "comment-policy": (
        (
            r"(comments|views|opinions) (expressed )?.{0,40}(are (those|the views) of|do not (necessarily )?(reflect|represent))",
            r"(comments are|all comments are) (moderated|reviewed)",
            r"we reserve the right to (remove|delete|edit) (any )?comments?",
        ),
        ("reflect", "represent", "views of", "moderated", "reviewed", "reserve the right"),
    ),
    "cookie": (
        (
            r"\bcookies?\b.{0,240}\b(accept|consent|brows|experience|privacy|settings|preferences)|\b(we|this (web)?site) (use|uses) cookies\b",
            # a consent placeholder where an embedded post or video would show
            r"\b(this|the) (embedded )?content (is )?(hosted|provided) by (a )?third[- ]party",
            r"\b(show|load|allow|display) (external|third[- ]party) content\b",
        ),
        ("cookie", "content"),
    ),
    "newsletter": (
        (
            r"(subscribe|sign up|signup|get|receive|delivered|join).{0,80}\bnewsletters?\b",
            r"\bnewsletters?\b.{0,80}(subscribe|sign up|inbox|delivered|e-?mail)",
        ),
        ("newsletter",),
    ),
    "share": ((r"\bshare (it|this( story| article| post)?) with\b",), ("share",)),
    "ad": (
        (
            r"\b(disable|turn off|pause|deactivate)\b.{0,60}\bad[ -]?block(er)?s?\b",
            r"\bad[ -]?block(er)?s?\b.{0,120}\b(whitelist|allow ?list|disable|turn (it )?off)\b",
        ),
        ("adblock", "ad block", "ad-block"),
    ),
}

# German: the kinds seen on the dev pages of German-language sites
_DE_FULL: Final[Lexicon] = {
    "related": (
        r"(lesen sie|lies) (auch|mehr)\s*[:|»-]?.{0,160}",
        r"mehr zum thema( [^:]{1,60})?\s*:?",
    ),
    "comments": (
        r"kommentare?\s*\(\s*\d*\s*\)",
        r"(\d+ )?(lesermeinungen?|leserkommentare?)\s*:?",
    ),
    # a box's sign-off ("Ihr Hardwareluxx-Team")
    "widget": (r"(ihr|euer|dein) [\w.-]{2,30}[- ]team",),
    # a press release's contact block opens with its label (Austria: "Rückfragehinweis");
    # the names, addresses and numbers under it after the body go with it
    "contact": (r"(pressekontakt|medienkontakt|rückfragehinweis)\s*:?",),
}

_DE_INLINE: Final[InlineLexicon] = {
    "ad": (
        (
            r"^(jetzt )?(weiterlesen|lesen sie weiter) mit\b",
            r"\bmelden sie sich an oder registrieren sie sich\b",
            r"^unterstützen sie .{0,200}\bjetzt (mitglied werden|spenden|unterstützen)\b",
        ),
        ("weiterlesen", "lesen sie weiter", "registrieren sie sich", "unterstützen sie"),
    ),
    "widget": (
        (
            r"\b(deaktivieren|pausieren|ausschalten)\b.{0,60}\b(adblocker|werbeblocker)",
            r"\b(adblocker|werbeblocker)\b.{0,120}\b(deaktivieren|ausschalten|pausieren|whitelist)",
        ),
        ("adblock", "werbeblock"),
    ),
    # a consent placeholder where an embedded video or post would show
    "cookie": (
        (
            (
                r"\ban dieser stelle (möchten wir ihnen|finden sie|wird) .{0,60}"
                r"(externe[nr]? inhalt|youtube|video|tweet|instagram|podcast)"
            ),
            r"^datenschutzhinweis für (youtube|twitter|x|instagram|vimeo|spotify|facebook)\b",
            (
                r"^(youtube|twitter|instagram|vimeo|spotify)[- ]?(videos?|inhalte|beiträge)? ab jetzt "
                r"(direkt |immer )?anzeigen"
            ),
            r"\bexterne[nr]? inhalte? (laden|anzeigen|akzeptieren|zulassen)\b",
        ),
        ("an dieser stelle", "datenschutzhinweis", "ab jetzt", "externe"),
    ),
}

# Persian and Urdu: what their news templates print beside the Arabic-script lexicon
_FA_FULL: Final[Lexicon] = {
    # the news agencies' end-of-story marker, with the editor's letter ("انتهای پیام/ش")
    "chrome": (r"انتهای پیام(\s*/\s*\S{1,4})?",),
    "related": (r"(بیشتر بخوانید|بخوانید|مطالب مرتبط|اخبار مرتبط)\s*[:|»-]?.{0,160}",),
    # the agency's reporter and publisher line
    "byline": (
        r"(خبرنگار|گزارشگر|نویسنده)\s*:\s*[^:]{2,40}(\s*(انتشار[\s\u200c]?دهنده|ویراستار)\s*:\s*[^:]{2,40})?",
    ),
}

_FA_INLINE: Final[InlineLexicon] = {
    "follow": (
        (r"(کانال|صفحه) (تلگرام|اینستاگرام|ایتا|بله|روبیکا).{0,60}دنبال کنید",),
        ("دنبال کنید",),
    ),
    "comment-policy": (
        (
            (
                r"(نظرات|دیدگاه ها|نظراتی)( ی)? که .{0,120}(منتشر|درج) "
                r"(نخواهد شد|نخواهند شد|نمی[\s\u200c]?شو(د|ند))"
            ),
        ),
        ("منتشر", "درج"),
    ),
}

_UR_FULL: Final[Lexicon] = {
    "related": (r"(مزید|یہ بھی) (پڑھیں|پڑھئے|پڑھیے)\s*[:|»-]?.{0,160}",),
}

LEXICON: Final[dict[str, tuple[Lexicon, Lexicon, InlineLexicon]]] = {
    # language -> (whole lines, anywhere; whole lines, only outside the body core;
    #              phrases found inside a line, anywhere)
    "ar": (_AR_FULL, _AR_EDGE, _AR_INLINE),
    "fr": (_FR_FULL, _FR_EDGE, _FR_INLINE),
    "en": (_EN_FULL, _EN_EDGE, _EN_INLINE),
    "de": (_DE_FULL, {}, _DE_INLINE),
    "fa": (_FA_FULL, {}, _FA_INLINE),
    "ur": (_UR_FULL, {}, {}),
}
