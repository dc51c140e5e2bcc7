"""MT502-MT508 locale conventions: offsets, conversions, options and native look-alikes."""

from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.engine import check_text
from mtcheck.finding import Severity
from mtcheck.rules import all_rules
from mtcheck.rules.punctuation.mt502_source_number_format import english_number
from mtcheck.rules.punctuation.mt503_source_time_format import twelve_hour

CODES = ("MT502", "MT503", "MT504", "MT505", "MT506", "MT507", "MT508")


def run(text: str, codes: tuple[str, ...] = CODES, filename: str = "t.txt", **config_kw):
    cfg = Config(model=False, select=codes, **config_kw)
    return [f for f in check_text(text, filename=filename, config=cfg) if f.code in codes]


# Native English wire copy written for these tests: every number, time and punctuation
# mark below is the English convention and must stay clean.
NATIVE = """\
KYIV, March 3 (Reuters) - Russia launched 7.7 million dollars' worth of drones, officials said,
and 400,000 people lost power; 1,500 people remain in shelters in Kharkiv.

Inflation rose 2.5% in May and the central bank's rate stands at 3.125%. The bond raised
$1.125 million, the index fell 0.375 points and the sprinter finished 1.250 seconds ahead.
Gas hit $3.599 a gallon. Under Article 3.1 of the treaty, version 2.100 of the rules applies.

The talks resumed at 10:30 a.m. and lasted 14 hours; a 24-hour strike began at midnight.
Troops moved at 1400 hours. Overtime is capped at 12 hours a week. The vote was on 9.6.2023.
Spain won 2-1, and the ratio was 3 : 1 in favour. The meeting opened at 10 : 30 sharp.

"We will rebuild ... every home," the mayor said. Why? "Because we must!" she added.
Follow the latest updates below. (AP Photo/Efrem Lukatsky) Read more »

Key facts:
- Turnout : 64%
- Seats : 120

Reporting by Olena Harmash; Editing by Alex Richardson
"""


def test_native_copy_is_clean():
    assert [(f.code, f.text) for f in run(NATIVE)] == []


def test_native_copy_as_markdown_is_clean():
    assert [(f.code, f.text) for f in run(NATIVE, filename="t.md")] == []


@pytest.mark.parametrize(
    ("num", "english"),
    [("1,5", "1.5"), ("1.250.000", "1,250,000"), ("1.250,75", "1,250.75"), ("9 000", "9,000"),
     ("1\u00a0500", "1,500"), ("12.500", "12,500")],
)
def test_english_number(num, english):
    assert english_number(num) == english


@pytest.mark.parametrize(
    ("hour", "minute", "english"),
    [(14, 0, "2 p.m."), (10, 30, "10:30 a.m."), (0, 0, "midnight"), (24, 0, "midnight"),
     (12, 0, "noon"), (12, 15, "12:15 p.m."), (9, 5, "9:05 a.m."), (20, 45, "8:45 p.m.")],
)
def test_twelve_hour(hour, minute, english):
    assert twelve_hour(hour, minute) == english


def test_offsets_on_accented_text():
    text = "Él dijo: São Paulo — «ça va» — and 1.250.000 niños.\nThe rate was 3,2%."
    found = {f.code: f for f in run(text) if f.line == 1}
    f = found["MT502"]
    assert text[f.start : f.end] == "1.250.000"
    assert (f.line, f.column) == (1, text.index("1.250.000") + 1)
    assert f.suggestions == ("1,250,000",)
    g = found["MT504"]
    assert text[g.start : g.end] == "«ça va»" and g.suggestions == ("“ça va”",)
    decimal = [x for x in run(text) if x.code == "MT502" and x.line == 2]
    assert decimal and decimal[0].column == len("The rate was ") + 1


def test_markdown_offsets_map_to_the_original():
    text = "# Budget\n\nThe deficit reached **1,5 million** euros at *10.30 hours*.\n"
    found = run(text, filename="t.md")
    spans = sorted((f.code, text[f.start : f.end]) for f in found)
    assert spans == [("MT502", "1,5"), ("MT503", "10.30 hours")]


def test_accept_silences_a_number():
    text = "Some 1.000 soldiers were deployed."
    assert run(text, ("MT502",))
    assert run(text, ("MT502",), accept=("1.000",)) == []


def test_source_languages_narrow_language_specific_rules():
    spanish = "¿Who will pay? the mayor asked."
    french = "The minister was clear : no delay. Why ? Nobody knows."
    assert run(spanish, ("MT505",))
    assert run(spanish, ("MT505",), source_languages=("fr",)) == []
    assert run(french, ("MT507",))
    assert run(french, ("MT507",), source_languages=("es", "it")) == []


def test_hits_carry_source_languages():
    text = "“¿Why?” he asked « en français » about 1.000 soldiers : at 14 hours (...) ok."
    for f in run(text):
        assert f.data.get("lang"), f.code


def test_guillemet_language_depends_on_spacing():
    spaced = run("He spoke of « a decisive moment » today.", ("MT504",))[0]
    tight = run("He spoke of «a decisive moment» today.", ("MT504",))[0]
    german = run("He spoke of „a decisive moment“ today.", ("MT504",))[0]
    assert spaced.data["lang"] == ["fr"]
    assert "es" in tight.data["lang"]
    assert german.data["lang"] == ["de"]


def test_spanish_title_is_only_info():
    f = run("She gave an interview to the magazine ¡Hola! last week.", ("MT505",))[0]
    assert f.severity == Severity.INFO
    g = run("¡Enough is enough! the crowd chanted.", ("MT505",))[0]
    assert g.severity == Severity.WARNING


def test_bracketed_ellipsis_severity():
    round_quoted = run("“We will not accept (...) interference,” he said.", ("MT506",))[0]
    square = run("“The evidence [...] is conclusive,” the judge wrote.", ("MT506",))[0]
    assert round_quoted.severity == Severity.WARNING and "inside a quotation" in round_quoted.message
    assert square.severity == Severity.INFO


def test_space_before_punctuation_pattern_rates_higher():
    single = run("The minister was clear : there will be no delay.", ("MT507",))
    double = run("The minister was clear : no delay. Why ? Nobody knows.", ("MT507",))
    nbsp = run("The minister was clear\u00a0: there will be no delay.", ("MT507",))
    assert single[0].confidence < double[0].confidence
    assert nbsp[0].confidence >= 0.9
    assert all(f.suggestions == (f.text.strip(" \u00a0"),) for f in double)


def test_fact_box_lines_rate_low_but_paragraph_lines_do_not():
    box = run("Niger in figures\nPopulation : 24 million\nCapital : Niamey\n", ("MT507",))
    assert box and all(f.severity == Severity.INFO for f in box)
    # Paragraphs one to a line, each opening "X said : ...", are prose, not a fact box.
    prose = run("The minister said : we will not give in.\nHe added : talks resume on Monday.\n", ("MT507",))
    assert [f.severity for f in prose] == [Severity.WARNING, Severity.WARNING]


def test_space_before_punctuation_other_spaces_and_neighbours():
    found = run("A provocation\u2009! And the reform ?! Nobody asked (why ?) and he said : 'no ?'", ("MT507",))
    assert [f.text for f in found] == ["\u2009!", " ?", " ?", " :", " ?"]
    assert run("A smiley :) and ;) and :D, a URL https://x.org/?a=1, 3 : 1 at 10 : 30.", ("MT507",)) == []


def test_time_durations_stay_clean():
    text = (
        "The siege lasted 48 hours. Rescuers worked for 14 hours, and the flight took 2.25 hours. "
        "Shifts were set at 12 hours. The 24-hour strike ended. Paid at 10 hours per week."
    )
    assert run(text, ("MT503",)) == []


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [("The talks began at 10.30 hours.", "10.30 hours", "10:30 a.m."),
     ("The vote closes at 20h on Sunday.", "20h", "8 p.m."),
     ("The ceremony is at 16 o'clock.", "16 o'clock", "4 p.m."),
     ("The curfew starts at 22:00 hours.", "22:00 hours", "10 p.m.")],
)
def test_time_suggestions(text, span, fixed):
    f = run(text, ("MT503",))[0]
    assert (f.text, f.suggestions) == (span, (fixed,))


@pytest.mark.parametrize(
    "text",
    ["The earthquake had a magnitude of 7.1 and 1,200 aftershocks followed.",
     "Shares rose 1.125 percent to 12,500 points.",
     "The server at 10.100.100.100 was offline.",
     "Chapter 1.100 covers it.",
     "Founded in 1990, 500 people now work there.",
     "The results were 1,2 and 3 respectively."],
)
def test_number_lookalikes_stay_clean(text):
    assert run(text, ("MT502",)) == []


def test_case_files_have_at_least_three_each():
    for code in (*CODES, "MT604"):
        cases = all_rules()[code].cases()
        assert len(cases.bad) >= 3 and len(cases.good) >= 3, code


def test_bare_afternoon_time_is_only_info():
    (f,) = run("The polls closed at 20.00 on Sunday.", ("MT503",))
    assert f.severity == Severity.INFO and f.suggestions == ("8 p.m.",)


def test_glued_units_and_french_time():
    found = run("Growth hit 2,5% and the fund has €1,5bn; the march left at 14h30.")
    assert sorted((f.code, f.text) for f in found) == [("MT502", "1,5"), ("MT502", "2,5"), ("MT503", "14h30")]


def test_guillemets_with_a_nested_quotation():
    (f,) = run("He said «the word “never” was not used» on Monday.", ("MT504",))
    assert f.suggestions == ("“the word ‘never’ was not used”",)


def test_number_typography():
    single = run("Growth was 3.2 % last year.", ("MT502",))
    assert [(f.text, f.severity) for f in single] == [(" %", Severity.INFO)]
    habit = run("Growth was 3.2 % and inflation 2.9 %.", ("MT502",))
    assert all(f.severity == Severity.WARNING for f in habit) and len(habit) == 2
    (euro,) = run("Tickets cost 1,5 million € in all.", ("MT502",))[1:]
    assert euro.suggestions == ("€1.5 million",)
    assert run("Temperatures reached 44º in Seville.", ("MT502",)) == []
    (ordinal,) = run("It was the 23º edition.", ("MT502",))
    assert ordinal.suggestions == ("23rd",)


def test_html_list_items_are_not_flagged():
    html = "<html><body><p>Key facts:</p><ul><li>Turnout : 64%</li><li>Seats : 120</li></ul>" \
        "<p>The minister was clear : no delay. Why ? Nobody knows.</p></body></html>"
    found = run(html, ("MT507",), filename="t.html")
    assert sorted(html[f.start : f.end] for f in found) == [" :", " ?"]
