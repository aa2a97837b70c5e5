"""German, French, Spanish and Russian news sentences: explicit and relative dates (DCT 2026-01-16)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import _dateparser_adapter as dpa
from timeline._tagger import tag

DCT = "2026-01-16"  # a Friday

CASES = {
    "de": [
        ("Der Vertrag wurde am 19. Juni 2024 in Pjöngjang unterzeichnet.", "19. Juni 2024", "2024-06-19"),
        ("Im April 2025 meldete das Militär den Abzug. Im August kündigte Kim ein Museum an.", "August", "2025-08"),
        ("Ende Dezember sagte Kim zu Putin, die Beziehungen seien gestärkt.", "Ende Dezember", "2025-12"),
        ("Im vergangenen Jahr halfen nordkoreanische Truppen.", "vergangenen Jahr", "2025"),
        ("Die Bilder wurden am Freitag veröffentlicht.", "Freitag", "2026-01-16"),
        ("Der Angriff begann vor zwei Jahren.", "vor zwei Jahren", "2024"),
        ("Die Gespräche werden nächste Woche fortgesetzt.", "nächste Woche", "2026-W04"),
        ("Der Krieg dauerte drei Jahre.", "drei Jahre", "P3Y"),
        ("Kim sagte gestern, das Museum sei fast fertig.", "gestern", "2026-01-15"),
    ],
    "fr": [
        ("Le traité a été signé le 19 juin 2024 à Pyongyang.", "19 juin 2024", "2024-06-19"),
        ("En avril 2025, l'armée a annoncé le retrait. En août, Kim a annoncé un musée.", "août", "2025-08"),
        ("Fin décembre, Kim a dit à Poutine que les liens étaient renforcés.", "Fin décembre", "2025-12"),
        ("L'année dernière, les troupes nord-coréennes ont aidé la Russie.", "L'année dernière", "2025"),
        ("Les images publiées vendredi montrent Kim.", "vendredi", "2026-01-16"),
        ("L'offensive a commencé il y a deux ans.", "il y a deux ans", "2024"),
        ("Les négociations reprendront la semaine prochaine.", "la semaine prochaine", "2026-W04"),
        ("La guerre a duré trois ans.", "trois ans", "P3Y"),
        ("Kim a déclaré hier que le musée était presque terminé.", "hier", "2026-01-15"),
    ],
    "es": [
        ("El tratado se firmó el 19 de junio de 2024 en Pyongyang.", "19 de junio de 2024", "2024-06-19"),
        ("En abril de 2025 el ejército anunció la retirada. En agosto, Kim anunció un museo.", "agosto", "2025-08"),
        ("A finales de diciembre, Kim dijo a Putin que los lazos se habían fortalecido.", "finales de diciembre", "2025-12"),
        ("El año pasado, las tropas norcoreanas ayudaron a Rusia.", "El año pasado", "2025"),
        ("Las imágenes publicadas el viernes muestran a Kim.", "viernes", "2026-01-16"),
        ("La ofensiva comenzó hace dos años.", "hace dos años", "2024"),
        ("Las negociaciones se reanudarán la semana que viene.", "la semana que viene", "2026-W04"),
        ("La guerra duró tres años.", "tres años", "P3Y"),
        ("Kim dijo ayer que el museo estaba casi terminado.", "ayer", "2026-01-15"),
    ],
    "ru": [
        ("Договор был подписан 19 июня 2024 года в Пхеньяне.", "19 июня 2024 года", "2024-06-19"),
        ("В апреле 2025 года армия сообщила об отходе. В августе Ким объявил о музее.", "августе", "2025-08"),
        ("В конце декабря Ким сказал Путину, что связи укрепились.", "конце декабря", "2025-12"),
        ("В прошлом году северокорейские войска помогли России.", "прошлом году", "2025"),
        ("Снимки, опубликованные в пятницу, показывают Кима.", "пятницу", "2026-01-16"),
        ("Наступление началось два года назад.", "два года назад", "2024"),
        ("Переговоры возобновятся на следующей неделе.", "следующей неделе", "2026-W04"),
        ("Война длилась три года.", "три года", "P3Y"),
        ("Ким заявил вчера, что музей почти готов.", "вчера", "2026-01-15"),
    ],
}


@pytest.mark.parametrize(("lang", "text", "span", "value"),
                         [(lang, *case) for lang, cases in CASES.items() for case in cases],
                         ids=[f"{lang}-{i}" for lang, cases in CASES.items() for i in range(len(cases))])
def test_news_sentence(lang, text, span, value):
    found = tag(text, DCT, lang)
    got = {e.text: e for e in found}
    assert span in got, f"{span!r} not found in {text!r}: {[(e.text, e.value) for e in found]}"
    assert got[span].value == value
    for e in found:
        assert text[e.start:e.end] == e.text


@pytest.mark.parametrize("lang", sorted(CASES))
def test_without_dct_month_stays_unresolved(lang):
    text, month = CASES[lang][1][0], CASES[lang][1][1]
    later = text[text.index(". ") + 2:]  # without the sentence that names the year
    got = {e.text: e for e in tag(later, None, lang)}
    assert got[month].value == "XXXX-08"
    assert {e.text: e for e in tag(text, None, lang)}[month].value == "2025-08"  # the narrative gives it


@pytest.mark.parametrize("lang", sorted(CASES))
def test_explicit_dates_agree_with_dateparser(lang):
    """Our reading of each language's full date is the one dateparser gives for the same words."""
    text, span, value = CASES[lang][0]
    parsed = dpa.parse(span, lang)
    assert parsed is not None
    assert parsed[0].date() == dt.date.fromisoformat(value)


@pytest.mark.parametrize("lang", sorted(CASES))
def test_no_false_dates_in_plain_numbers(lang):
    assert tag("2,000 1-0 $2025 42", DCT, lang) == []


def test_dateparser_adapter_finds_offsets_and_drops_false_positives():
    text = "He wants to go in May to Paris; the meeting is on 5 June 2024 at 10:00."
    found = dpa.search(text, "en", dt.date(2024, 6, 1))
    for f in found:
        assert text[f.start:f.end] == f.text
        assert f.text.strip().lower() not in {"to", "may", "on"}
    assert any(f.date.date() == dt.date(2024, 6, 5) for f in found)
    assert dpa.is_false_positive("to") and dpa.is_false_positive("42") and not dpa.is_false_positive("1998")


def test_languages_without_rules_go_through_dateparser():
    text = "Il trattato è stato firmato il 19 giugno 2024. Ieri il presidente ha parlato."
    got = {e.text: e for e in tag(text, DCT, "it")}
    assert got["19 giugno 2024"].value == "2024-06-19" and got["19 giugno 2024"].rule == "dateparser"
    assert got["Ieri"].value == "2026-01-15"
    for e in got.values():
        assert text[e.start:e.end] == e.text
    # without a DCT, only dates that name their year: dateparser would resolve "Ieri" against any day
    assert [e.text for e in tag(text, None, "it")] == ["19 giugno 2024"]


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="no tagger rules"):
        tag("12 June 2024", DCT, "xx")
