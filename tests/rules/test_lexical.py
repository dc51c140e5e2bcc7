"""MT4xx lexical calques and untranslated words: data files, contexts, languages, offsets."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from mtcheck.document import Document
from mtcheck.rules.base import SOURCE_LANGUAGES, Hit, Rule, RuleOptions
from mtcheck.rules.lexical import mt402_untranslated_word
from mtcheck.rules.lexical.calques import calque_lexicon
from mtcheck.rules.lexical.mt401_false_friend import FalseFriendRule
from mtcheck.rules.lexical.mt402_untranslated_word import UntranslatedWordRule


def hits(rule: Rule, text: str, options: RuleOptions | None = None) -> list[tuple[str, Hit]]:
    return [(text[h.start : h.end], h) for h in rule.check(Document.from_text(text), options or RuleOptions())]


def spans(rule: Rule, text: str, options: RuleOptions | None = None) -> list[str]:
    return [s for s, _ in hits(rule, text, options)]


def langs(*codes: str) -> RuleOptions:
    return RuleOptions(source_languages=frozenset(codes))


# ----------------------------------------------------------------------------- data files


@pytest.mark.parametrize("lang", SOURCE_LANGUAGES)
def test_calque_file_per_language_has_source_header(lang: str) -> None:
    text = resources.files("mtcheck.data.calques").joinpath(f"{lang}.toml").read_text("utf-8")
    assert text.startswith("# source:")
    assert tomllib.loads(text)["language"] == lang


def test_calque_lexicon_compiles_and_every_entry_has_trigger_and_meaning() -> None:
    lex = calque_lexicon()
    assert len(lex.calques) >= 50
    for i, calque in enumerate(lex.calques):
        # Patterns compile lazily at check time: compile every one here so a bad entry fails.
        pattern = lex.pattern(i)
        for group in (calque.error, calque.clear, calque.topic, calque.off_topic):
            assert all(isinstance(p, re.Pattern) for p in group)
        assert calque.triggers, calque.key
        assert calque.meaning and calque.sources
        assert calque.confidence > 0 or calque.error or calque.topic, f"{calque.key} can never fire"
        assert all(t == t.lower() and t.replace("-", "").isalpha() for t in calque.triggers)
        assert isinstance(pattern, re.Pattern)
    shared = {c.key: c for c in lex.calques}["actual"]
    assert set(shared.sources) == set(SOURCE_LANGUAGES)


def test_untranslated_data_files_have_source_headers() -> None:
    pkg = resources.files("mtcheck.data.untranslated")
    for name in ("function_words.toml", "loanwords.toml"):
        assert pkg.joinpath(name).read_text("utf-8").startswith("# source:")


# ----------------------------------------------------------------------------- MT401


def test_false_friend_message_names_source_word_and_meaning() -> None:
    text = "The agency warned of the dangerous assumptions of this new alliance."
    [(span, hit)] = hits(FalseFriendRule(), text)
    assert span == "assumptions"
    assert "Spanish 'supuestos'" in hit.message and "scenarios" in hit.message
    assert hit.suggestions[0] == "scenarios"


def test_false_friend_context_clears_native_use() -> None:
    rule = FalseFriendRule()
    assert spans(rule, "The budget's growth assumptions are too optimistic.") == []
    assert spans(rule, "Assumptions about inflation drove the forecast.") == []
    assert spans(rule, "The intricacies of the tax code baffled the jury.") == []
    assert spans(rule, "It found the necessary intricacies to evade the ban.") == ["intricacies"]


def test_false_friend_shared_entry_follows_source_languages() -> None:
    text = "The actual president of the region resigned."
    [(_, hit)] = hits(FalseFriendRule(), text, langs("it"))
    assert "Italian 'attuale'" in hit.message and "Spanish" not in hit.message
    [(_, hit)] = hits(FalseFriendRule(), text)
    assert "Spanish 'actual'" in hit.message and "German 'aktuell'" in hit.message


def test_false_friend_language_off_means_silent() -> None:
    assert spans(FalseFriendRule(), "He pretends to approve the reform.", langs("de")) == []
    assert spans(FalseFriendRule(), "He pretends to approve the reform.", langs("pt")) == ["pretends to"]


def test_false_friend_assured_that_warns_only_with_a_person_as_subject() -> None:
    """'assured that' is also English for 'ensured that': info then, a warning where a
    person said it (the Spanish 'aseguró que')."""
    rule = FalseFriendRule()
    [(_, ensured)] = hits(rule, "The new rotas assured that every ward had a doctor at night.")
    [(_, said)] = hits(rule, "The minister assured that the talks would resume on Monday.")
    assert ensured.confidence < rule.warning_confidence <= said.confidence
    assert said.suggestions == ("said",)


def test_false_friend_accept_option() -> None:
    text = "Iran found the necessary intricacies to evade the ban."
    assert spans(FalseFriendRule(), text, RuleOptions(accept=frozenset({"intricacies"}))) == []


def test_false_friend_forms_keep_case_and_inflection() -> None:
    [(span, hit)] = hits(FalseFriendRule(), "They celebrated a summit in Rome.")
    assert span == "celebrated" and hit.suggestions == ("held",)
    [(span, hit)] = hits(FalseFriendRule(), "Celebrating a plenary session in August is unusual.")
    assert span == "Celebrating" and hit.suggestions == ("Holding",)
    [(_, hit)] = hits(FalseFriendRule(), "The ECB cut rates by 25 basic points.")
    assert hit.suggestions == ("basis points",)


def test_false_friend_offsets_with_accents() -> None:
    text = "Según José Muñoz, el Gobierno's Exterior Minister spoke."
    [(span, hit)] = hits(FalseFriendRule(), text)
    assert span == "Exterior Minister" and text[hit.start : hit.end] == span


@pytest.mark.parametrize(
    "text",
    [
        "Actually, the vote was never in doubt.",
        "The eventual winner, Carlos Alcaraz, celebrated the title with his team.",
        "The Executive Board of the ECB raised rates by 25 basis points.",
        "The unions reached a compromise with the government.",
        "The pope celebrated Mass in St Peter's Square.",
        "He realized the study was flawed and realized a profit on the sale.",
        "The pilot performed a risky maneuver. Border controls were tightened at Calais.",
        "Thousands took part in the demonstration, a manifestation of public anger.",
        "The Northern Ireland Executive met at Stormont.",
        "The Union of European Football Associations fined the club.",
        "Reporting by Ana García; Editing by Peter Graff.",
    ],
)
def test_false_friend_native_look_alikes_stay_clean(text: str) -> None:
    assert spans(FalseFriendRule(), text) == []


# ----------------------------------------------------------------------------- MT402


def test_untranslated_connective_with_suggestion_and_offsets() -> None:
    text = "El ministerio de Sánchez will appeal, según the statement."
    found = hits(UntranslatedWordRule(), text)
    by_span = {s: h for s, h in found}
    assert "según" in by_span
    assert by_span["según"].suggestions == ("according to",)
    assert by_span["según"].start == text.index("según")


def test_untranslated_run_joins_function_words() -> None:
    text = "Selon le ministère, the talks failed."
    [(span, hit)] = hits(UntranslatedWordRule(), text)
    assert span == "Selon le ministère"
    assert "French" in hit.message


def test_untranslated_names_and_loanwords_stay_clean() -> None:
    text = (
        "Óscar de la Hoya, Luiz Inácio Lula da Silva and Ursula von der Leyen met in São Paulo. "
        "The junta called the coup d'état a fait accompli, per se a de facto regime; the "
        "Bundestag and the Bundesbank argued over Realpolitik, the Mittelstand and Ostpolitik. "
        "A café owner's fiancé sent his résumé. The fiesta ended before the siesta."
    )
    assert spans(UntranslatedWordRule(), text) == []


def test_untranslated_short_english_words_stay_clean() -> None:
    text = "The minister said no, do not forget it: sales rose 5 per cent, Smith et al. wrote, con artists aside."
    assert spans(UntranslatedWordRule(), text) == []


def test_untranslated_respects_source_languages() -> None:
    text = "Secondo the prosecutors, the suspects fled. Laut the ministry, the plan failed."
    assert spans(UntranslatedWordRule(), text, langs("it")) == ["Secondo"]
    assert spans(UntranslatedWordRule(), text, langs("de")) == ["Laut"]


def test_untranslated_frequency_candidate_without_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mt402_untranslated_word, "_detected", lambda word, languages: None)
    [(span, hit)] = hits(UntranslatedWordRule(), "The president declaró the state of emergency over.")
    assert span == "declaró"
    assert hit.suggestions == ("said",)  # a listed word: strong confidence, no frequency test
    [(span, hit)] = hits(UntranslatedWordRule(), "The plan for the população was approved.")
    assert span == "população"
    assert hit.confidence == mt402_untranslated_word.FREQUENCY_CONFIDENCE


def test_untranslated_accept_option() -> None:
    text = "The ministry will appeal, según the statement."
    assert spans(UntranslatedWordRule(), text, RuleOptions(accept=frozenset({"según"}))) == []


def test_false_friend_topic_words_decide() -> None:
    rule = FalseFriendRule()
    assert spans(rule, "The Westerners remain sceptical about Tehran's nuclear plan.") == ["The Westerners"]
    assert spans(rule, "The Westerners were freed after three weeks in captivity.") == []
    assert spans(rule, "Parliament approved the maneuver worth 30 billion euros.") == ["the maneuver"]
    assert spans(rule, "The pilot said the maneuver saved the aircraft.") == []


def test_false_friend_weak_hits_gain_from_strong_neighbours() -> None:
    rule = FalseFriendRule()
    weak = "The Executive wants to approve the plan."
    [(_, alone)] = hits(rule, weak)
    story = "The Exterior Minister spoke in declarations to Reuters. " + weak
    boosted = {s: h for s, h in hits(rule, story)}["The Executive"]
    assert alone.confidence < 0.5 <= boosted.confidence


def test_untranslated_acronyms_only_in_capitals_and_not_dates() -> None:
    rule = UntranslatedWordRule()
    assert spans(rule, "The BCE kept rates on hold.") == ["BCE"]
    assert spans(rule, "The temple dates from 500 BCE.") == []
    assert spans(rule, "He played a game of Uno.") == []


def test_untranslated_plain_ascii_word_by_frequency() -> None:
    rule = UntranslatedWordRule()
    [(span, hit)] = hits(rule, "His lawyers lodged a pourvoi against the ruling.")
    assert span == "pourvoi" and "French" in hit.message
    # shared Latinate derivations and ordinary rare English words stay clean
    assert spans(rule, "They denounced the instrumentalisation of justice by a showman sprinter.") == []


def test_untranslated_phrase_patterns_all_compile() -> None:
    from mtcheck.rules.lexical.mt402_untranslated_word import _lexicon

    lex = _lexicon()
    assert lex.by_first_word
    for word in lex.by_first_word:
        assert lex.phrases_starting(word).search(" ".join(lex.by_first_word[word]).lower())
