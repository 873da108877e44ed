"""The generic rules: the fallback that cleans any site, with or without a site module.

Three families, tried in this order:
- shape rules, language-free: counter lines, template placeholders, strings of social
  network names, breadcrumbs, date-only lines, bylines;
- phrase rules, built from `cleaners.lexicon` (per language, per kind);
- furniture rules (`cleaners.furniture`): what HTML extraction lets through.
Block and position rules (related-item blocks, the title, repeats, what stands before the
title or after the comment section) live in `cleaners.structure`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from ._caches import cached, clear_caches
from .furniture import furniture_rules
from .lexicon import LEXICON, Lexicon
from .rules import LineRule, Where, drop_line

__all__ = ["generic_rules", "rules_replaced"]

PHRASE_MAX_LEN: Final = 200  # labels, headers, form prompts: short lines
INLINE_MAX_LEN: Final = 400  # a policy sentence may stand inside a longer notice
# in-line phrases of these kinds only make a line boilerplate when the line is short
_INLINE_MAX_LEN: Final[dict[str, int]] = {"newsletter": PHRASE_MAX_LEN, "cookie": 400, "share": 120}

_SOCIAL = (
    r"facebook|fb|twitter|x|instagram|insta|youtube|whatsapp|telegram|linkedin|pinterest|"
    r"tiktok|snapchat|reddit|tumblr|vk|messenger|flickr|soundcloud|github|blogger|rss|"
    r"email|e-mail|mail|print|google-?play|google|app-?store|apple|android|threads|"
    r"khamsat|mostaql|tradent|ana|baaeed|nabd|dailymotion|vimeo|skype|viber|line"
)

_AR_MONTHS = (
    r"يناير|فبراير|مارس|أبريل|ماي|مايو|يونيو|يونيه|يوليوز|يوليو|غشت|أغسطس|شتنبر|سبتمبر|"
    r"أكتوبر|نونبر|نوفمبر|دجنبر|ديسمبر|كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|"
    r"أيلول|تشرين الأول|تشرين الثاني|كانون الأول|"
    r"جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر"  # Urdu
)
_AR_DAYS = r"الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد"
_FR_MONTHS = r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
_FR_DAYS = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_EN_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_EN_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
# the German months that English and French do not write alike
_DE_MONTHS = r"januar|jänner|februar|märz|juni|juli|oktober|dezember"
_DE_DAYS = r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
_EN_DAYS_SHORT = r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_DATE_LABEL = (
    r"(last )?updated( on)?|published( on)?|posted( on)?|mis à jour( le)?|publié le|modifié le|"
    r"آخر تحديث|تاريخ النشر|نشر في|نشر بتاريخ|تم النشر في|بتاريخ|"
    r"(derni[eè]re |premi[eè]re )?(publication|modification)( le)?|stand|erstellt( am)?|aktualisiert( am)?"
)
_DATE_WORD = rf"{_AR_MONTHS}|{_AR_DAYS}|{_FR_MONTHS}|{_FR_DAYS}|{_EN_MONTHS}|{_EN_DAYS}|{_DE_MONTHS}|{_DE_DAYS}|am|pm|gmt|utc|h|ص|م|الساعة|في|le|à|on|at|uhr"


_AGENCIES = r"afp|reuters|ap|dpa|efe|ansa|apa|sda|kna|epd|belga|ats|map|aps|رويترز|أ ف ب|وكالات"


def _shape_rules() -> tuple[LineRule, ...]:
    return (
        drop_line(
            "end-marks",
            # the mark that closes an agency dispatch or a press release, on its own line:
            # "انتهى", "(انتهى)", "-30-", "###", "- Ende -", "(fin)"
            r"[\s(\[/«-]*(انتهى|ends?|ende|fin|-30-|###)[\s)\]/»-]*",
            kind="credit",
            max_len=20,
            where="edge",
        ),
        drop_line(
            "counters",
            # share / like / comment counters: digits and separators only, e.g. "48", "0 54", "1.2k"
            r"[+]?\d[\d\s.,:/|·•+%-]*[km]?(\s+\d[\d\s.,:/|·•+%-]*[km]?)*",
            kind="share",
            max_len=30,
        ),
        drop_line(
            "view-counters",
            r"\d[\d\s.,]*[km]? ?(views?|vues?|lectures?|مشاهدة|مشاهدات|قراءة|قراءات|زيارة)",
            r"(views?|vues?|مشاهدة|مشاهدات|قراءات)\s*:?\s*\d[\d\s.,]*[km]?",
            kind="widget",
            max_len=40,
        ),
        drop_line(
            "template-placeholders",
            # unrendered template tokens: snake_case identifiers glued together
            # ("spot_imgspot_img"), mustache/shortcode/percent tokens, JS leftovers
            r"([a-z][a-z0-9]*(_[a-z0-9]+)+)+",
            r"\{\{[^{}]{1,80}\}\}",
            # CMS shortcodes: a closing tag, a name with attributes, or a known bare name
            # (a bracketed word such as a source credit "[Reuters]" is not one)
            r"\[/[a-z_-]+\]",
            r"\[[a-z_-]+ [a-z_-]+=[^\[\]]{0,200}\]",
            r"\[(caption|gallery|embed|video|audio|playlist|vc_[a-z_]+|et_pb_[a-z_]+|td_[a-z_]+)\]",
            r"%[a-z_]{2,40}%",
            r"undefined|null|nan|\[object object\]",
            kind="widget",
            max_len=200,
        ),
        drop_line(
            "social-icons",
            # a share/follow bar flattened to text: only social network names, possibly glued
            rf"((?:{_SOCIAL})[\s\-_|/·•,]*)+",
            kind="share",
            max_len=200,
            where="edge",
        ),
        drop_line(
            "breadcrumbs",
            r"[^.!?؟]{1,40}(\s[»›>/|]\s[^.!?؟»›>|]{1,60}){2,}",
            kind="nav",
            max_len=200,
            where="edge",
        ),
        drop_line(
            "date-only",
            rf"(?=.*\d)({_DATE_LABEL})?\s*:?\s*(\s|[-–—,:/.،()|]|\d|{_DATE_WORD})+",
            # a written-out date: "Sun 3 Mar 2024 10.12 GMT", "Sunday, March 3rd, 2024 at 9:30 pm"
            rf"(({_EN_DAYS}|{_EN_DAYS_SHORT}|{_FR_DAYS})\.?,?\s+)?(\d{{1,2}}(st|nd|rd|th|er)?\s+)?"
            rf"({_EN_MONTHS}|{_FR_MONTHS})\.?\s+(\d{{1,2}}(st|nd|rd|th)?,?\s+)?\d{{4}}"
            r"([,\s]+(at\s+)?\d{1,2}[:h.]\d{2}(\s*[ap]\.?m\.?)?)?(\s*\w{2,4})?",
            kind="date",
            max_len=80,
            where="edge",
        ),
        drop_line(
            "bylines",
            r"(بقلم|كتب|كتبت|تحرير|إعداد|حاوره|حاورته|ترجمة|متابعة|تقرير|نشر بواسطة|بواسطة|نشر من طرف)"
            r"\s*:\s*[^.!؟:]{2,40}",
            r"بقلم\s+[^.!؟:]{2,40}",
            r"كتب(\s+[\w.'’-]+){1,5}",
            r"[^.!؟:]{2,30}\s*:\s*(متابعة|متابعات|خاص|تقرير)",
            rf"\(?(و\.? ?م\.? ?ع|{_AGENCIES})\)?",
            # a broadcaster's or a desk's credit: "MDR (Name Surname)", "jov/ers (dpa, efe)"
            r"[a-z]{2,5} \([^\W\d_]+( [^\W\d_]+){1,2}\)",
            rf"[a-z]{{2,4}}(/[a-z]{{2,4}})+\s*\(({_AGENCIES})(\s*,\s*({_AGENCIES}))*\)",
            # a newsroom crediting the agencies it wrote from: "(NEWSROOM avec AFP)"
            rf"\(([^()]{{2,30}}\s)?(avec|with|mit|con|مع)\s({_AGENCIES})(\s*(,|/|&|et|and|und|y|و)\s*({_AGENCIES}))*\)",
            # German "von" takes two or three words of a name, no digit ("von Anna Berg")
            r"von\s+[^\W\d_][\w'’.-]*(\s+[^\W\d_][\w'’.-]*){1,2}(\s*,\s*[^\W\d_][\w.-]{1,20})?",
            r"(par|by\s*:?)\s+[\w'’.-]+(\s+[\w'’.-]+){0,3}(\s+(et|and)\s+[\w'’.-]+(\s+[\w'’.-]+){0,2})?(\s*[,|/-]\s*[\w'’.-]+){0,2}",
            kind="byline",
            max_len=80,
            where="edge",
        ),
    )


# a header of these kinds opens a block of items (see `cleaners.pipeline`)
_BLOCK_KINDS: Final = frozenset({"related", "contact"})


def _lexicon_rules(lang: str) -> tuple[LineRule, ...]:
    anywhere, edge, inline = LEXICON[lang]
    rules: list[LineRule] = []
    tables: tuple[tuple[str, Lexicon, Where], ...] = (
        ("", anywhere, "any"),
        ("-edge", edge, "edge"),
    )
    for suffix, table, where in tables:
        for kind, patterns in table.items():
            rules.append(
                drop_line(
                    f"{lang}-{kind}{suffix}",
                    *patterns,
                    kind=kind,
                    max_len=PHRASE_MAX_LEN,
                    where=where,
                    opens_block=kind in _BLOCK_KINDS,
                )
            )
    for kind, (patterns, needles) in inline.items():
        rules.append(
            drop_line(
                f"{lang}-{kind}-phrase",
                *patterns,
                kind=kind,
                max_len=_INLINE_MAX_LEN.get(kind, INLINE_MAX_LEN),
                where="any",  # in-line phrases are specific: a consent verb AND "cookies"
                full=False,
                needles=needles,
            )
        )
    return tuple(rules)


def generic_rules() -> tuple[LineRule, ...]:
    """All generic rules: the shape rules and the lexicons of every language.

    Every language's phrases apply to every page: an Arabic page carries French or English
    widget labels, and a rule set that changed with the detected language would clean a
    text differently once its boilerplate is gone. Compiled once per process, on first use
    (a cache of `cleaners._caches`); inside `rules_replaced(...)`, the rules given there.
    """
    return _replacement if _replacement is not None else _all_generic_rules()


_replacement: tuple[LineRule, ...] | None = None


@contextmanager
def rules_replaced(rules: tuple[LineRule, ...]) -> Iterator[None]:
    """Clean with `rules` instead of the generic rules, within the block (the rule
    ablation disables one rule this way). The derived caches (the matchers) are cleared
    on the way in and out, so no matcher built from the other rule set is used."""
    global _replacement
    saved, _replacement = _replacement, rules
    clear_caches(derived_only=True)
    try:
        yield
    finally:
        _replacement = saved
        clear_caches(derived_only=True)


@cached
def _all_generic_rules() -> tuple[LineRule, ...]:
    rules = _shape_rules()
    for lang in LEXICON:
        rules += _lexicon_rules(lang)
    return rules + furniture_rules()
