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


RUNNING_TEXT = {
    "en": "The council said that the new bridge will open in May. It has been closed since "
    "the flood, and the works were delayed by the rain, which they had not expected.",
    "fr": "La mairie a précisé que les travaux sont terminés dans le quartier. Les habitants "
    "ont été informés par une lettre, et la rue sera rouverte aux voitures cette semaine.",
    "es": "El alcalde dijo que las obras ya terminaron y que el puente abrirá en mayo. Los "
    "vecinos pidieron más plazas de aparcamiento, pero el plan no cambia según la ciudad.",
    "pt": "A prefeitura informou que as obras já terminaram e que a ponte será aberta em maio. "
    "Os moradores não foram ouvidos, mas a câmara diz que isso ainda pode mudar.",
    "it": "Il sindaco ha detto che i lavori della piazza sono finiti e che il ponte sarà "
    "aperto a maggio. Gli abitanti della zona hanno chiesto anche più parcheggi.",
    "de": "Der Bürgermeister sagte, dass die Arbeiten an der Brücke nicht vor Mai beendet "
    "sind. Die Anwohner hatten sich über den Lärm beschwert, und die Stadt will reagieren.",
    "nl": "De burgemeester zei dat het werk aan de brug niet voor mei klaar is. De bewoners "
    "hebben geklaagd over het lawaai, maar de gemeente wil het plan ook niet wijzigen.",
}


@pytest.mark.parametrize("lang", sorted(RUNNING_TEXT))
def test_running_text_is_told_by_its_function_words_without_the_model(lang: str) -> None:
    from nadif.cleaners import lang as lang_module

    lang_module._identifier.cache_clear()
    assert detect_lang(RUNNING_TEXT[lang]) == lang, f"{lang} running text"
    assert lang_module._identifier.cache_info().misses == 0, "the model was not loaded"


def test_text_without_a_clear_vote_goes_to_the_model() -> None:
    from nadif.cleaners import lang as lang_module

    mixed = "The market and the bridge: le marché et le pont, der Markt und die Brücke."
    assert lang_module.function_word_lang(mixed) is None, "no language plainly dominates"
    assert lang_module.function_word_lang("Breaking: the mayor resigns") is None, "too few words"
    galician = "O concello di que a obra non remata: unha rúa e outra, polo menos, seguen pechadas."
    assert lang_module.function_word_lang(galician) is None, "a relative the vote does not know"


def test_the_vote_agrees_with_the_model_on_every_corpus_text() -> None:
    """Where the function-word vote decides, it gives py3langid's answer (412 corpus texts,
    about 100 decided by the vote)."""
    import json
    from pathlib import Path

    from nadif.cleaners import lang as lang_module

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("dumps/*/*.txt"))]
    texts += ["\n".join(json.loads(p.read_text())["body"]) for p in corpus.glob("pages/*/*.json")]
    voted = 0
    for text in texts:
        lines = sorted((line for line in text.split("\n") if line.strip()), key=len, reverse=True)
        text = "\n".join(lines[:4])
        sample = text[: lang_module.SAMPLE_CHARS]
        if lang_module._ARABIC_SCRIPT.search(sample):
            continue
        vote = lang_module.function_word_lang(text)
        if vote is None:
            continue
        voted += 1
        label = str(lang_module._identifier().classify(sample)[0])
        assert vote == label, f"vote {vote}, model {label}: {sample[:60]!r}"
    assert voted >= 80, f"the vote decides most Latin-script texts ({voted})"


def test_the_vote_lists_are_disjoint() -> None:
    """A word votes for one language, or marks a relative the vote does not know."""
    from collections import Counter

    from nadif.cleaners import lang as lang_module

    words = Counter(w for ws in lang_module._FUNCTION_WORDS.values() for w in ws.split())
    assert not [w for w, n in words.items() if n > 1], "a word in two languages' lists"
    assert not set(words) & lang_module._RELATIVES, "a voting word among the relatives"
