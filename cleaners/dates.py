"""Dates in news lines: month and day names (Arabic, Maghreb, Levantine, French,
English), what a date line or a relative time looks like, and reading one.

Patterns are written folded (lower case, Arabic variants folded: see `normalize.fold`)
and matched against folded lines.
"""

from __future__ import annotations

import re
from typing import Final

from .normalize import fold_arabic

__all__ = [
    "AR_DAYS",
    "AR_MONTHS",
    "EN_DAYS",
    "EN_MONTHS",
    "FR_DAYS",
    "FR_MONTHS",
    "UR_MONTHS",
    "date_in_line",
    "looks_dated",
    "relative_time",
]

# Maghreb (يناير... غشت، شتنبر، نونبر، دجنبر), Egyptian/Gulf (يونيه، أغسطس) and Levantine
# (كانون الثاني... ) month names, folded
AR_MONTHS: Final = fold_arabic(
    "يناير|فبراير|مارس|أبريل|ابريل|ماي|مايو|يونيو|يونيه|يوليوز|يوليو|يوليه|غشت|أغسطس|اغسطس|"
    "شتنبر|سبتمبر|أكتوبر|اكتوبر|نونبر|نوفمبر|دجنبر|ديسمبر|جانفي|فيفري|أفريل|جوان|جويلية|أوت|"
    "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول"
)
# Urdu (the Gregorian months in Urdu spelling; Persian's solar months are common words
# too, "مهر", "تیر", "دی": left out)
UR_MONTHS: Final = fold_arabic(
    "جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر"
)
AR_DAYS: Final = fold_arabic(
    "الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد"
)
FR_MONTHS: Final = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec"
)
FR_DAYS: Final = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
EN_MONTHS: Final = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
)
EN_DAYS: Final = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)

_NAMES: Final = f"{AR_MONTHS}|{UR_MONTHS}|{AR_DAYS}|{FR_MONTHS}|{FR_DAYS}|{EN_MONTHS}|{EN_DAYS}"
# a month or day name next to a number, a numeric date, or a clock time
_DATED = re.compile(
    rf"(?:\d{{1,4}}\s*(?:{_NAMES})\b|\b(?:{_NAMES})\s*,?\s*\d)"
    r"|\b\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}\b"
    r"|\b\d{1,2}\s*[:h]\s*\d{2}\b"
)
_RELATIVE = re.compile(
    fold_arabic(
        r"(?:^|\s)(?:منذ|قبل)\s+(?:\d+\s+)?(?:ثانية|ثوان|دقيقة|دقائق|دقيقتين|ساعة|ساعات|ساعتين|يوم|أيام|يومين|أسبوع|أسابيع|أسبوعين|شهر|أشهر|شهرين|سنة|سنوات)"
        r"|\b\d+\s*(?:s|sec|secs|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?)\s+ago\b"
        r"|\b(?:an?|one)\s+(?:minute|hour|day|week|month|year)\s+ago\b"
        r"|\bil y a\s+(?:\d+|une?|quelques)\s+(?:secondes?|min|minutes?|h|heures?|jours?|semaines?|mois|ans?)\b"
    )
)

_MONTH_NUMBER: Final[dict[str, int]] = {}
for _number, _names in enumerate(
    (
        "يناير|جانفي|كانون الثاني|جنوری|january|jan|janvier|janv",
        "فبراير|فيفري|شباط|فروری|february|feb|février|fevrier|févr|fevr",
        "مارس|آذار|مارچ|march|mar|mars",
        "أبريل|ابريل|أفريل|نيسان|اپریل|april|apr|avril|avr",
        "ماي|مايو|أيار|مئی|may|mai",
        "يونيو|يونيه|جوان|حزيران|جون|june|jun|juin",
        "يوليوز|يوليو|يوليه|جويلية|تموز|جولائی|july|jul|juillet|juil",
        "غشت|أغسطس|اغسطس|أوت|آب|اگست|august|aug|août|aout",
        "شتنبر|سبتمبر|أيلول|ستمبر|september|sep|sept|septembre",
        "أكتوبر|اكتوبر|تشرين الأول|اکتوبر|october|oct|octobre",
        "نونبر|نوفمبر|تشرين الثاني|نومبر|november|nov|novembre",
        "دجنبر|ديسمبر|كانون الأول|دسمبر|december|dec|décembre|decembre|déc",
    ),
    start=1,
):
    for _name in _names.split("|"):
        _MONTH_NUMBER[fold_arabic(_name)] = _number
# German, Spanish, Italian and Portuguese names: a date is read in them ("28. November
# 2014", "3 de mayo de 2019"), though a line is not called dated for them (`_NAMES`)
_MORE_MONTHS: Final = (
    "januar|jänner|enero|gennaio|janeiro",
    "februar|febrero|febbraio|fevereiro",
    "märz|marz|marzo|março",
    "abril|aprile",
    "mayo|maggio|maio",
    "juni|junio|giugno|junho",
    "juli|julio|luglio|julho",
    "agosto",
    "septiembre|setiembre|settembre|setembro",
    "oktober|octubre|ottobre|outubro",
    "noviembre|novembro",
    "dezember|diciembre|dicembre|dezembro",
)
for _number, _names in enumerate(_MORE_MONTHS, start=1):
    for _name in _names.split("|"):
        _MONTH_NUMBER.setdefault(_name, _number)

_MONTH_ALT: Final = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
# "19 mars 2018", "19 مارس، 2018", "19 مـارس.2018" (tatweel folded away, a dot before the
# year), "28. November 2014", "3 de mayo de 2019", "24 آذار / مارس 2018" (both names)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:er|\.|º)?\s+(?:de\s+)?({_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?"
    rf"(?:\s*[,،.]\s*|\s+)(?:de\s+|del\s+)?(\d{{4}})\b"
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(\d{{4}})\b"
)
_ISO = re.compile(r"\b(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})\b")
_TIME = re.compile(r"\b(\d{1,2})\s*[:h]\s*(\d{2})\b")
_PM = re.compile(fold_arabic(r"\bp\.?m\b|مساء|مساءً|\bم\b"))


_ANY_DIGIT = re.compile(r"\d")
_RELATIVE_NEEDLES: Final = ("منذ", "قبل", "ago", "il y a")


def looks_dated(folded: str) -> bool:
    """A month or day name next to a number, a numeric date or a clock time."""
    return _ANY_DIGIT.search(folded) is not None and _DATED.search(folded) is not None


def relative_time(folded: str) -> bool:
    """Relative times: "منذ ساعتين", "3 hours ago", "il y a 2 jours"."""
    return any(n in folded for n in _RELATIVE_NEEDLES) and _RELATIVE.search(folded) is not None


def _valid(year: int, month: int, day: int) -> bool:
    return 1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31


def date_in_line(folded: str) -> str | None:
    """The one calendar date a (folded) date line states, as YYYY-MM-DD, with the time
    (YYYY-MM-DDTHH:MM) when the line gives exactly one; None when it states no date,
    or more than one different date (ambiguous: nothing is guessed)."""
    found: set[str] = set()
    for m in _DAY_MONTH_YEAR.finditer(folded):
        d, mo, y = int(m[1]), _MONTH_NUMBER[m[2]], int(m[3])
        if _valid(y, mo, d):
            found.add(f"{y:04d}-{mo:02d}-{d:02d}")
    for m in _MONTH_DAY_YEAR.finditer(folded):
        mo, d, y = _MONTH_NUMBER[m[1]], int(m[2]), int(m[3])
        if _valid(y, mo, d):
            found.add(f"{y:04d}-{mo:02d}-{d:02d}")
    for m in _ISO.finditer(folded):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if _valid(y, mo, d):
            found.add(f"{y:04d}-{mo:02d}-{d:02d}")
    for m in _DMY.finditer(folded):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        if _valid(y, mo, d):
            found.add(f"{y:04d}-{mo:02d}-{d:02d}")
    if len(found) != 1:
        return None
    date = found.pop()
    times = {(int(h), int(mi)) for h, mi in _TIME.findall(folded)}
    if len(times) == 1:
        h, mi = times.pop()
        if h < 12 and _PM.search(folded) is not None:
            h += 12
        if h < 24 and mi < 60:
            return f"{date}T{h:02d}:{mi:02d}"
    return date
