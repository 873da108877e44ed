"""Language identification (`cleaners.lang.detect_lang`) and the `lang-mismatch` flag."""

from __future__ import annotations

import pytest

from nadif.cleaners.lang import detect_lang, script_lang
from nadif.cleaners.pipeline import clean_lines

SAMPLES = {
    "ar": "أعلنت وزارة التجهيز والماء عن إطلاق أشغال توسيع الطريق الرابطة بين المدينتين خلال الأسبوع المقبل.",
    "fa": "شهرداری تهران روز سه‌شنبه اعلام کرد که ساعت کار متروی پایتخت در روزهای نوروز تغییر می‌کند.",
    "ur": "حکومت پاکستان نے منگل کے روز اعلان کیا ہے کہ بجلی کی قیمتوں میں کوئی اضافہ نہیں کیا جائے گا۔",
    "fr": "La municipalité a annoncé mardi que les travaux de rénovation du marché central dureront six mois.",
    "es": "El ayuntamiento anunció el martes que las obras de reforma del mercado central durarán seis meses.",
    "it": "Il comune ha annunciato martedì che i lavori di ristrutturazione del mercato dureranno sei mesi.",
    "de": "Die Stadtverwaltung teilte am Dienstag mit, dass die Renovierung der Markthalle sechs Monate dauert.",
    "en": "The city council said on Tuesday that the renovation of the central market will take six months.",
    "ru": "Мэрия города во вторник сообщила, что ремонт центрального рынка продлится шесть месяцев.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_the_iso_code(lang: str) -> None:
    assert detect_lang(SAMPLES[lang]) == lang, f"{lang} sample"


def test_too_few_letters_is_unknown() -> None:
    assert detect_lang("12:45 — 3/4") is None, "digits and punctuation have no language"


def test_lang_mismatch_uses_the_detected_language() -> None:
    lines = [SAMPLES["fa"], SAMPLES["fa"].replace("تهران", "شیراز")]
    article = clean_lines(lines, expected_lang="ar", scorer=False)
    assert article.lang == "fa", "Persian is not reported as Arabic"
    assert "lang-mismatch" in article.flags, "a Persian text on an Arabic site is flagged"
    same = clean_lines(lines, expected_lang="fa", scorer=False)
    assert "lang-mismatch" not in same.flags, "no flag when the language is the expected one"


@pytest.mark.parametrize("lang", ["ar", "fa", "ur"])
def test_arabic_script_languages_are_told_by_their_letters(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_model() -> None:
        raise AssertionError("the model was asked")

    monkeypatch.setattr("nadif.cleaners.lang._identifier", no_model)
    assert detect_lang(SAMPLES[lang]) == lang, f"{lang}: decided by its own letters"


def test_mixed_arabic_script_signs_go_to_the_model() -> None:
    # Persian typed with the Arabic keyboard's ي and ك: the letters do not decide
    typed = SAMPLES["fa"].replace("ی", "ي").replace("ک", "ك")
    assert script_lang(typed, len(typed)) is None, "mixed signs are left to the model"
    assert detect_lang(typed) == "fa", "the model still reads Persian"


def test_pashto_letters_are_not_taken_for_persian() -> None:
    pashto = "د افغانستان حکومت ویلي چې په راتلونکې اونۍ کې به ښوونځي بیا پرانیستل شي."
    assert script_lang(pashto, len(pashto)) is None, "Pashto's own letters go to the model"
