"""Number, amount, date and time normalisation per source language."""

from __future__ import annotations

import pytest

from mtcheck.bilingual.numbers import compatible, extract_quantities, parse_digits


def values(text: str, lang: str) -> list[set]:
    return [set(q.values) for q in extract_quantities(text, lang)]


@pytest.mark.parametrize(
    ("token", "lang", "expected"),
    [
        ("1.500", "es", {1500.0}),
        ("1,500", "en", {1500.0}),
        ("1.500", "en", {1.5, 1500.0}),  # MT debris in English copy: either reading
        ("2,5", "es", {2.5}),
        ("1.500,75", "de", {1500.75}),
        ("1 500", "fr", {1500.0}),
        ("1\u202f500", "fr", {1500.0}),
        ("1.500.000", "it", {1500000.0}),
        ("2.5", "es", {2.5}),
    ],
)
def test_parse_digits(token, lang, expected):
    assert parse_digits(token, lang) == expected


@pytest.mark.parametrize(
    ("src", "lang", "tgt"),
    [
        ("1.500 millones de dólares", "es", "$1.5 billion"),
        ("mil millones de euros", "es", "a billion euros"),
        ("un billón de dólares", "es", "a trillion dollars"),
        ("2,5 milliards d'euros", "fr", "2.5 billion euros"),
        ("1,6 miliardi di euro", "it", "1.6 billion euros"),
        ("2,5 Mrd. Euro", "de", "2.5 billion euros"),
        ("2,5 mil milhões", "pt", "2.5 billion"),
        ("3 bilhões", "pt", "3 billion"),
        ("10 mila euro", "it", "10,000 euros"),
        ("15 por ciento", "es", "15 percent"),
        ("15 %", "fr", "15%"),
        ("15 Prozent", "de", "15 per cent"),
        ("9 de junio", "es", "June 9"),
        ("9 juin", "fr", "9 June"),
        ("9. Juni", "de", "June 9th"),
        ("9 giugno", "it", "June 9"),
        ("9 de junho", "pt", "June 9"),
        ("a las 22.30 horas", "es", "at 10:30 p.m."),
        ("um 22 Uhr", "de", "at 10 p.m."),
        ("à 22h30", "fr", "at 22:30"),
        ("alle 16", "it", "at 4 p.m."),
        ("once", "es", "eleven"),
        ("en junio", "es", "in June"),
        ("el martes", "es", "on Tuesday"),
        ("am Dienstagabend", "de", "on Tuesday evening"),
    ],
)
def test_source_and_english_agree(src, lang, tgt):
    s = extract_quantities(src, lang)
    t = extract_quantities(tgt, "en")
    assert s and t, (s, t)
    assert compatible(s[0], t[0]), (s[0], t[0])


@pytest.mark.parametrize(
    ("src", "lang", "tgt"),
    [
        ("1.500 millones de dólares", "es", "$1.5 million"),
        ("un billón", "es", "a billion"),
        ("1 200", "fr", "2,100"),
        ("9 de junio", "es", "June 19"),
        ("um 22 Uhr", "de", "at 10 a.m."),
        ("36.000", "it", "63,000"),
    ],
)
def test_mismatches_do_not_agree(src, lang, tgt):
    s = extract_quantities(src, lang)
    t = extract_quantities(tgt, "en")
    assert s and t
    assert not compatible(s[0], t[0])


def test_identifiers_are_not_quantities():
    assert extract_quantities("cazas Su-35 y el G7", "es") == []
    assert extract_quantities("Su-35 fighter jets and COVID-19", "en") == []


def test_english_modal_may_is_not_a_month():
    assert extract_quantities("Officials may resign.", "en") == []
    assert [q.kind for q in extract_quantities("The vote is in May.", "en")] == ["month"]


def test_offsets_are_exact():
    text = "Murieron 1.500 personas el 9 de junio."
    for q in extract_quantities(text, "es"):
        assert text[q.start : q.end] == q.text
