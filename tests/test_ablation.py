"""Rule ablation (issue 9): every rule must change some case's output when disabled.

For every site rule, platform rule, alternative of each generic rule (lexicon phrases,
shape and furniture rules) and pipeline stage that drops lines, the cases are cleaned
again without it (tests/ablation.py says how, and why it is fast); a unit that changes
no case's output — title, paragraphs, and each removal's line, kind and rule id — is
dead weight or hides behind another rule. It must then be deleted, given the case that
needs it, or listed in SHADOWS with the reason it stays.

Run with `-s` to see the table (it is also in the assertion message and in the report's
"ablation" section).
"""

from __future__ import annotations

import pytest
from ablation import Result, ablate, all_units, load_cases, table

# units that change no case and stay, with the reason (keep this list short)
SHADOWS: dict[str, str] = {}

# units that changed no case when this test was written (issue 9, left to do): each is to
# be deleted or given a case. The list may only shrink: a unit that starts to change a
# case must leave it, and no unit may join it (a new dead unit goes to SHADOWS, with a
# reason, or goes away).
UNDECIDED: frozenset[str] = frozenset(
    {
        "generic/view-counters: (views?|vues?|مشاهده|مشاهدات|قراءات)\\s*:?\\s*\\d[\\d\\s.,]*[km]?",
        "generic/template-placeholders: \\{\\{[^{}]{1,80}\\}\\}",
        "generic/template-placeholders: \\[/[a-z_-]+\\]",
        "generic/template-placeholders: \\[(caption|gallery|embed|video|audio|playlist|vc_[a-z_]+|et_pb_[a-z_]+|td_[a-z_]+)\\]",
        "generic/template-placeholders: %[a-z_]{2,40}%",
        "generic/template-placeholders: undefined|null|nan|\\[object object\\]",
        "generic/bylines: \\(?(و\\.? ?م\\.? ?ع|ا ف ب|رويترز|afp|reuters|ap|map|aps|efe|dpa)\\)?",
        "generic/ar-share: (شارك|مشاركه|انشر)( علي| عبر) (فيسبوك|فايسبوك|تويتر|واتساب|واتس اب|تيليغرام|تلغرام|لينكدان|اكس|البريد الالكتروني)",
        "generic/ar-comment-form: (الحقول|الخانات) (الالزاميه|المطلوبه|الاجباريه) (مشار اليها|معلمه|محدده).*",
        "generic/ar-comment-form: يجب (عليك )?تسجيل الدخول (لكتابه|لنشر|لاضافه) (تعليق|التعليق).*",
        "generic/ar-comments: (لا توجد|لا يوجد|ليس هناك) (اي )?(تعليقات|تعليق)( بعد)?\\.?",
        "generic/ar-comments: (كن|كوني) اول من (يعلق|يضيف تعليقا?).*",
        "generic/ar-comment-policy",
        "generic/ar-widget: (جار|جاري) (التحميل|التحمیل)\\.*",
        "generic/ar-widget: (تحميل|عرض) (المزيد|مزيد)\\.*",
        "generic/ar-share-edge: (تابعونا|تابعنا|تابعوا) (علي|عبر).{0,60}",
        "generic/ar-nav-edge: (القائمه|بحث|ابحث|البحث|ابحث عن)\\s*:?",
        "generic/ar-cookie-edge",
        "generic/ar-newsletter-edge: (اشترك|اشتركوا)( الان)?( في| ب)( النشره| القناه| قناتنا| خدمه| حسابنا| قائمتنا)[^.!؟]{0,40}",
        "generic/ar-comment-policy-phrase: (تحتفظ|يحتفظ) (الجريده|الموقع|اداره الموقع) بحق (حذف|عدم نشر)",
        "generic/ar-newsletter-phrase: (النشره البريديه|القائمه البريديه|نشرتنا|النشره الاخباريه).{0,80}(اشترك|سجل|بريدك)",
        "generic/fr-share: (partager|partagez) (cet|l') ?(article|info|actu)( sur \\S+)?",
        "generic/fr-comment-form: les champs obligatoires sont indiqués.*",
        "generic/fr-comment-form: vous devez (être connecté|vous connecter) pour (publier|poster) un commentaire\\.?",
        "generic/fr-comments: (aucun|pas de) commentaire( pour le moment| pour l'instant)?\\.?",
        "generic/fr-comments: soyez (le premier|la première) à (commenter|réagir).*",
        "generic/fr-comment-policy",
        "generic/fr-related: (voir|découvrir) aussi\\s*:?.{0,160}",
        "generic/fr-widget: aucun résultat( trouvé)?\\.?",
        "generic/fr-widget: (chargement|chargement en cours)( …|\\.\\.\\.)?",
        "generic/fr-widget: (voir|afficher|charger) plus( d'articles)?",
        "generic/fr-share-edge: (suivez|suivre)[- ]nous( sur)?.{0,60}",
        "generic/fr-nav-edge: (menu|rechercher|recherche)\\s*:?",
        "generic/fr-cookie-edge: (paramétrer|gérer) (les )?cookies",
        "generic/fr-newsletter-edge: (abonnez|inscrivez)[- ]vous.{0,120}",
        "generic/fr-newsletter-edge: votre (adresse )?(e-mail|email)",
        "generic/fr-comment-policy-phrase: (tout|les) commentaires? (injurieux|diffamatoires?|insultants?) .{0,40}(supprimés?|modérés?)",
        "generic/fr-newsletter-phrase: \\bnewsletters?\\b.{0,80}(abonn|inscri|recev|e-?mail|courriel)",
        "generic/en-share: (click|tap) to share.{0,80}",
        "generic/en-comment-form: cancel reply",
        "generic/en-comment-form: required fields are marked.*",
        "generic/en-comment-form: you must be logged in to post a comment\\.?",
        "generic/en-comments: no comments?( yet)?\\.?",
        "generic/en-comments: (be the first to comment|join the (conversation|discussion)).*",
        "generic/en-comments: (view|show|load|read) (all )?(\\d+ )?comments",
        "generic/en-comment-policy",
        "generic/en-chrome",
        "generic/en-widget: no (results|posts) found\\.?",
        "generic/en-share-edge: follow us( on)?.{0,60}",
        "generic/en-share-edge: (click|tap) to share.{0,80}",
        "generic/en-nav-edge: (previous|next) (article|post|story)\\s*:?.{0,160}",
        "generic/en-cookie-edge: (manage|cookie) (preferences|settings)",
        "generic/en-comment-policy-phrase: (comments|views|opinions) (expressed )?.{0,40}(are (those|the views) of|do not (necessarily )?(reflect|represent))",
        "generic/en-comment-policy-phrase: we reserve the right to (remove|delete|edit) (any )?comments?",
        "generic/en-newsletter-phrase: \\bnewsletters?\\b.{0,80}(subscribe|sign up|inbox|delivered|e-?mail)",
        "generic/read-more-teaser: (?:leia|veja) (?:também|mais)\\s*[:|»-]?.*",
        "generic/read-more-teaser: \\(?leggi anche(?: su)?\\s*[:|»-]?.*",
        "generic/related-teaser: [\\[(]?related(?: (?:posts?|articles?|stories|story|news|content|coverage|reading|links?|topics?|videos?))?\\s*:\\s*.+",
        "generic/related-teaser: also on [\\w-]+(?:\\.[\\w-]+)+\\b.*",
        "generic/related-label: (?:you )?(?:may|might|should|will) also (?:like|enjoy|be interested in)\\W*",
        "generic/related-label: (?:don'?t|do not) miss\\W*",
        "generic/related-label: popular on .{1,40}",
        "generic/related-label: more\\s*:",
        "generic/tagged-teaser",
        "generic/newsletter-prompt: \\b(?:sign(?:ing)? ?up|subscribe|subscribing|subscription|register)\\b.{0,80}\\bnewsletters?\\b",
        "generic/newsletter-prompt: \\bnewsletters?\\b.{0,80}\\b(?:sign(?:ing)? ?up|subscribe|inbox)\\b",
        "generic/newsletter-prompt: ^(?:thanks|thank you) for (?:signing up|subscribing)",
        "generic/newsletter-prompt: ^there was an error processing your subscription",
        "generic/reporter-contact: ^(?:have a (?:news )?tip|got a tip)\\?",
        "generic/reporter-contact: \\b(?:may|can) be reached at\\b",
        "generic/reporter-contact: ^reach (?:the )?(?:reporters?|writers?|authors?)\\b",
        "generic/reporting-credit: ^\\(?(?:additional )?reporting by\\b",
        "generic/reporting-credit: (?:^|[(;]\\s*)(?:editing|writing) by\\b",
        "generic/reporting-credit: \\bcontributed(?: reporting)? to this (?:report|story|article)\\W*$",
        "generic/wire-slug",
        "generic/dateline-stamp: .{0,60}\\|\\s*updated\\s*:.{0,60}",
        "generic/reading-time: \\d{1,3}\\s*(?:min|mins|minutes?)\\s+(?:read|de lecture)\\W*",
        "generic/image-credit: (?:image|photo|picture|pic|video|illustration)s?(?: source| credit|s? by)?\\s*:.{1,100}",
        "generic/image-credit: \\((?:photo|image|credit|picture)s?\\s*:.{1,100}\\)",
        "generic/image-credit: (?:crédit|credit)s?(?: photo)?\\s*:.{1,100}",
        "generic/copyright-notice: ^this (?:copy|article|material) is for your personal",
        "generic/by-author: by\\s*:?(?!\\s+the\\b)(?:\\s+[\\w.'’-]+){0,5}",
        "generic/shortcode",
        "generic/comment-policy",
        "generic/comments-label: tell us what you think\\W*",
        "generic/comments-label: comments? (?:are|is) closed\\W*",
        "generic/advertisement-label",
    }
)


@pytest.fixture(scope="module")
def results() -> list[Result]:
    cases = load_cases()
    return [ablate(unit, cases) for unit in all_units()]


def test_ablation_table(results: list[Result], record_property: pytest.RecordProperty) -> None:
    """Prints the table; fails on a unit that changes nothing and is neither a listed
    shadow nor a known undecided one."""
    shown = table(results, {**SHADOWS, **dict.fromkeys(UNDECIDED, "undecided (issue 9)")})
    print("\n" + shown)
    record_property("ablation", shown)
    dead = [r.unit.key for r in results if not r.changed]
    unlisted = [key for key in dead if key not in SHADOWS and key not in UNDECIDED]
    assert not unlisted, (
        "disabling these changes no case: delete them, give each the case that needs it, "
        f"or list it in SHADOWS with the reason it stays: {unlisted}\n{shown}"
    )


def test_shadow_and_undecided_lists_are_current(results: list[Result]) -> None:
    """A listed unit that now changes a case, or no longer exists, leaves the lists."""
    live = {r.unit.key for r in results if r.changed}
    known = {r.unit.key for r in results}
    stale = sorted(k for k in (*SHADOWS, *UNDECIDED) if k in live or k not in known)
    assert not stale, f"remove from SHADOWS/UNDECIDED (they change a case, or are gone): {stale}"


def test_every_site_rule_and_stage_changes_a_case(results: list[Result]) -> None:
    """No exception for site rules and pipeline stages: each one is needed by a case."""
    needed = [r for r in results if r.unit.namespace != "generic"]
    idle = [r.unit.key for r in needed if not r.changed]
    assert needed, "site rules and stages are ablated"
    assert not idle, f"site rules or stages that change no case: {idle}"
