"""MT202-MT208 broken structure: offsets, data files, options and native look-alikes."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from mtcheck.config import Config
from mtcheck.document import Document
from mtcheck.engine import check_text
from mtcheck.finding import Severity
from mtcheck.rules import all_rules
from mtcheck.rules.base import RuleOptions
from mtcheck.rules.structure.adjectives import is_adjective, looks_adjectival
from mtcheck.rules.structure.mt208_common_noun_speaker import surname_index
from mtcheck.rules.structure.word_classes import words_before
from tests.conftest import SHARED

CODES = ("MT202", "MT203", "MT204", "MT205", "MT206", "MT207", "MT208")


def run(text: str, codes: tuple[str, ...] = CODES, filename: str = "t.txt", **config_kw):
    cfg = Config(model=False, select=codes, **config_kw)
    return [f for f in check_text(text, filename=filename, config=cfg) if f.code in codes]


def hits(code: str, text: str, **options) -> list[str]:
    rule = all_rules()[code]()
    return [text[h.start:h.end] for h in rule.check(Document.from_text(text), RuleOptions(**options))]


# Native English wire copy written for these tests, full of look-alikes: postposed adjectives
# English allows, object complements, gapping, stranded prepositions, "the other 12",
# plausible speakers, list markers and parentheticals. None of it may fire.
NATIVE = """\
KYIV, Ukraine (AP) — Russian drones struck Kharkiv overnight, killing four people and wounding
37 others, Gov. Oleh Syniehubov said. Another 12 people were missing. The other nine drones
were shot down. "We need the means necessary to protect our cities," Zelenskyy said.

The European Council agreed to extend sanctions. Hungary's prime minister called the measures
counterproductive. The leaders discussed the money available for reconstruction and the people
responsible for war crimes. "Something new is needed," said the minister, and the attorney
general said the units involved had been identified. The heir apparent and the president elect
attended; the party faithful cheered.

The fighting was intense, and the damage extensive. The details remain confidential, the
company said. The talks turned political and the mood grew tense. The court made the documents
public, deemed the measures necessary and found the proposals unacceptable. With the door open,
he kept the talks secret. Issues important to voters include housing; lawmakers critical of
the deal walked out. Vaccines effective against the variant are available. The situation
remains critical, and the new nuclear plant opens in 2030 under the federal judiciary's eye.

The report they referred to in the meeting was published. A total of at least 50 people died,
and the toll rose to about 60. The rebels gave in to pressure and the police zeroed in on the
suspects. The group called for an end to the war. She had had enough, and he said that that
plan would fail. The team flew to Walla Walla. It was very, very clear.

The will of the people must be respected. A can of petrol was found, and vitamin a is not the
issue. The options are: a) talks, b) sanctions. From a to z, the in-laws and the would-be
attacker were on the agenda. "Oh my, what a day," she said.

He called the law "unconstitutional" and said it would be challenged; it was described as
"unworkable" and that view was shared. The ships sailed through international waters or that
is what officials said.

Some voters backed the plan with 40%, others 60%. The teams play each other 3 times a season.
Other 2024 candidates withdrew. Others 50 years ago had tried.

"We will rebuild," said the governor, who toured the area. "It is over," the mayor said.
Farmers said the fields, which flooded last year, were ruined. The castle, said the guide,
dates from the 12th century. "We need peace," said the war widow.

The ceasefire (which began on Friday) is holding. Results: 1) Labour 2) Conservatives. Fans
were happy :) and the agreement (signed in 2015 [and amended in 2018]) remains in force.

(Reporting by Olena Harmash;
Editing by Mark Heinrich)
"""


def test_native_copy_is_clean():
    assert [(f.code, f.text) for f in run(NATIVE)] == []


def test_reference_artefact_missing_noun():
    path = SHARED / "examples" / "wire-es-en-drones.txt"
    if not path.exists():
        pytest.skip("shared reference example not available")
    text = path.read_text(encoding="utf-8")
    found = [(f.code, f.text) for f in run(text)]
    assert ("MT204", "“opaque” or that") in found
    # The rest of the reference story is structurally sound for these rules.
    assert [c for c, _ in found] == ["MT204"]


def test_offsets_on_accented_text():
    text = "José Ramón Peña llegó. “No aceptaremos”, said the sands. Él habló de los the the planes."
    found = run(text, ("MT202", "MT208"))
    by_code = {f.code: f for f in found}
    assert by_code["MT208"].text == "said the sands"
    assert by_code["MT208"].column == text.index("said the sands") + 1
    assert by_code["MT202"].text == "the the"
    assert by_code["MT202"].column == text.index("the the") + 1


def test_offsets_across_a_line_break():
    text = "The ministers will discuss the\nthe ceasefire on Monday."
    [f] = run(text, ("MT202",))
    assert f.text == "the\nthe"
    assert (f.line, f.column, f.end_line) == (1, text.index("the\n") + 1, 2)


def test_suggestions_are_rewrites_of_the_span():
    [f] = run("Five people died and others 37 were wounded.", ("MT206",))
    assert f.suggestions == ("37 others",)
    [f] = run("The army said other 12 soldiers were missing.", ("MT206",))
    assert f.suggestions == ("12 other", "another 12")
    [f] = run("The EU wants a text more firm.", ("MT205",))
    assert f.suggestions == ("firmer text", "more firm text")
    [f] = run("Tehran denies it is building the weapons nuclear.", ("MT205",))
    assert f.suggestions == ("nuclear weapons",)
    [f] = run("“No,” said the mills in a statement.", ("MT208",))
    assert f.suggestions == ("said Molina",)
    [f] = run("The talks resumed for to discuss the plan.", ("MT202",))
    assert f.suggestions[0] == "to"


def test_emphatic_repeat_is_info():
    [f] = run("It was very very hard to watch.", ("MT202",))
    assert f.severity == Severity.INFO
    [f] = run("The talks on the the plan failed.", ("MT202",))
    assert f.severity == Severity.WARNING


def test_doubled_particle_after_a_verb_is_info():
    [f] = run("The new owners moved in in March.", ("MT202",))
    assert f.severity == Severity.INFO
    [f] = run("She expressed reservations in in the plenary session.", ("MT202",))
    assert f.severity == Severity.WARNING


def test_speaker_confidence_uses_the_name_elsewhere_in_the_story():
    [f] = run("“We hold firm,” the hunter added.", ("MT208",))
    assert f.severity == Severity.INFO  # a hunter can speak in native copy
    text = "Finance Minister María Jesús Montero presented the budget. “We hold firm,” the hunter added."
    [f] = run(text, ("MT208",))
    assert f.severity == Severity.WARNING and f.suggestions[0] == "Montero added"
    assert "appears elsewhere" in f.message


def test_sentence_initial_thing_speaking():
    assert hits("MT208", "The sands said the talks had failed.") == ["The sands said"]
    assert hits("MT208", "The stones said to date from Roman times were found.") == []
    assert hits("MT208", "The fields told a different story.") == []


def test_accept_option_silences_a_word():
    assert hits("MT208", "“No,” said the sands in an interview.") == ["said the sands"]
    assert hits("MT208", "“No,” said the sands in an interview.", accept=frozenset({"sands"})) == []
    assert hits("MT205", "They adopted measures structural.", accept=frozenset({"structural"})) == []


def test_source_languages_narrow_surname_translations():
    text = "The reform is dead, declared the mills."
    assert hits("MT208", text) == ["declared the mills"]
    assert hits("MT208", text, source_languages=frozenset({"de"})) == []
    assert run(text, ("MT208",), source_languages=("de",)) == []
    # German surnames still count when German is the source.
    assert hits("MT208", "“No,” said the nail.", source_languages=frozenset({"de"})) == ["said the nail"]


def test_source_languages_narrow_romance_order_rules():
    text = "Tehran denies it is building the weapons nuclear."
    assert [f.code for f in run(text, ("MT205",))] == ["MT205"]
    assert run(text, ("MT205",), source_languages=("de",)) == []


def test_inside_quote_is_reported_with_note():
    [f] = run('"We demand answers concrete," the opposition said.', ("MT205",))
    assert "inside a quotation" in f.message
    [f] = run("The ships sailed through “opaque” or that had no transponders.", ("MT204",))
    assert "inside a quotation" not in f.message  # scare quotes are part of the artefact


def test_orphan_brackets_pair_across_soft_wrapped_lines():
    text = "The Assembly (the lower house\napproved the bill.\n\nPrices rose) sharply."
    assert [f.text for f in run(text, ("MT207",))] == ["(", ")"]


STRUCTURE_DATA = (
    "word_classes.toml", "repeats.toml", "preposition_pairs.toml", "determiner_context.toml",
    "adjectives.toml", "postposed_frames.toml", "speakers.toml", "surname_translations.toml",
)


@pytest.mark.parametrize("name", STRUCTURE_DATA)
def test_data_files_name_their_source_and_load(name):
    raw = resources.files("mtcheck.data.structure").joinpath(name).read_text("utf-8")
    assert raw.startswith("# source:"), f"{name} must start with its source"
    data = tomllib.loads(raw)
    assert data
    for key, value in data.items():
        if isinstance(value, list):
            assert value, f"{name}:{key} is empty"


def test_surname_index_leaves_out_plausible_speakers():
    index = surname_index()
    assert ("Arenas", "es", False) in index["sands"]
    assert "mayor" not in index and "judge" not in index and "count" not in index
    assert index["pear tree"][0][0] == "Pereira"


def test_adjective_recognition():
    assert is_adjective("structural") and is_adjective("nuclear") and is_adjective("urgent")
    assert not is_adjective("proposal") and not is_adjective("available") and not is_adjective("apparent")
    assert looks_adjectival("former") and looks_adjectival("federal")
    assert not looks_adjectival("measures") and not looks_adjectival("superiority")


def test_word_helpers():
    doc = Document.from_text("The Élysée said: the talks, in-house, will go on.")
    # the comma right before "will" ends the phrase: no words before it on its side
    assert words_before(doc.text, doc.text.index("will"), 3) == []
    assert words_before(doc.text, doc.text.index(", will"), 3) == ["in-house"]
    assert words_before("the talks were held in", 22, 2) == ["held", "in"]


def test_rules_declare_their_metadata():
    for code in CODES:
        rule = all_rules()[code]
        assert rule.family() == "structure"
        assert rule.name and rule.summary and rule.explanation().count("Bad:") == 1
        assert len(rule.cases().bad) >= 3 and len(rule.cases().good) >= 3
