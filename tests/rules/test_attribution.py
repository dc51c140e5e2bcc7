"""MT3xx attribution calques: spans, suggestions, confidence and the native look-alikes."""

from __future__ import annotations

import pytest

from mtcheck.config import Config
from mtcheck.document import Document
from mtcheck.engine import check_text
from mtcheck.rules.attribution.mt301_present_perfect_attribution import PresentPerfectAttributionRule
from mtcheck.rules.attribution.mt302_trailing_relative_attribution import TrailingRelativeAttributionRule
from mtcheck.rules.attribution.mt303_inverted_attribution import InvertedPresentAttributionRule
from mtcheck.rules.attribution.mt304_reportative_conditional import ReportativeConditionalRule
from mtcheck.rules.attribution.speech_verbs import speech_lexicon
from mtcheck.rules.base import Hit, Rule, RuleOptions

# A machine-translated story in the manner of Spanish agency copy (written for these tests).
STORY = """The Defence Ministry has warned this Tuesday that the militia is rebuilding its rocket stocks.

The spokesman, Andrés Peñalver, has confirmed that Tehran would be using cargo ships on the Caspian to move shells. Kyiv maintains that the convoy would leave from the port of Taganrog.

“Moscow is paying with fighter jets,” Peñalver has counted, who has estimated the deal at several billion euros.

“Exporters must check where their components end up.” “, indicates the advisory of the ministries of Trade and Finance."""


def hits(rule: Rule, text: str, options: RuleOptions | None = None) -> list[tuple[str, Hit]]:
    return [(text[h.start : h.end], h) for h in rule.check(Document.from_text(text), options or RuleOptions())]


def spans(rule: Rule, text: str) -> list[str]:
    return [s for s, _ in hits(rule, text)]


def test_story_present_perfect_with_suggestions() -> None:
    found = {s: h for s, h in hits(PresentPerfectAttributionRule(), STORY)}
    assert set(found) == {"has warned", "has confirmed", "has counted"}
    assert found["has confirmed"].suggestions == ("confirmed",)
    assert found["has counted"].suggestions == ("said",)
    assert found["has warned"].confidence >= 0.9  # pinned to "this Tuesday"
    # three in one story: each is a warning, not info
    assert all(h.confidence >= 0.5 for h in found.values())


def test_story_trailing_relative() -> None:
    [(span, hit)] = hits(TrailingRelativeAttributionRule(), STORY)
    assert span == ", who has estimated"
    assert ". He estimated" in hit.suggestions


def test_story_inverted_present() -> None:
    [(span, hit)] = hits(InvertedPresentAttributionRule(), STORY)
    assert span == "indicates"
    assert hit.suggestions == ("indicated",)
    assert hit.confidence >= 0.8


def test_story_reportative_conditional() -> None:
    found = {s: h for s, h in hits(ReportativeConditionalRule(), STORY)}
    assert set(found) == {"would be using", "would leave"}
    assert found["would be using"].suggestions[0] == "is using"
    assert found["would leave"].suggestions[0] == "leaves"


def test_offsets_after_accented_text() -> None:
    text = "Según fuentes, José Peñalver Muñoz has assured that the talks will resume."
    [(span, hit)] = hits(PresentPerfectAttributionRule(), text)
    assert span == "has assured"
    assert text.index("has assured") == hit.start


@pytest.mark.parametrize(
    "text",
    [
        "Kirby has said repeatedly that Washington will not send troops.",
        "Moscow has long argued that the sanctions are illegal.",
        "The IMF has warned for years that the debt is unsustainable.",
        "The ministry has stressed on several occasions that the plan is legal.",
        "Trump has said he would sign the bill.",
        "The company has indicated interest in the tender.",
        "“We have explained that to our partners,” the minister told reporters.",
        "The minister, who has explained the plan to allies, flew to Brussels.",
        "He could have said that earlier. To have added that would have been odd.",
        "The minister has not confirmed that the talks will resume.",
    ],
)
def test_present_perfect_native_uses_stay_clean(text: str) -> None:
    assert spans(PresentPerfectAttributionRule(), text) == []


def test_present_perfect_plural_and_particle() -> None:
    text = "The unions have pointed out that the strike will go ahead."
    [(span, hit)] = hits(PresentPerfectAttributionRule(), text)
    assert span == "have pointed out"
    assert hit.suggestions == ("pointed out",)


def test_present_perfect_adverb_kept_in_suggestion() -> None:
    text = "The minister has also underlined that the budget is balanced."
    [(span, hit)] = hits(PresentPerfectAttributionRule(), text)
    assert span == "has also underlined"
    assert hit.suggestions == ("also stressed",)


def test_headline_lowers_confidence() -> None:
    body = "Sánchez has assured that the coalition will last."
    headline = "Sánchez has assured that the coalition will last\n\nMADRID, May 2 - The vote is on Friday."
    [(_, in_body)] = hits(PresentPerfectAttributionRule(), body)
    [(_, in_headline)] = hits(PresentPerfectAttributionRule(), headline)
    assert in_headline.confidence < in_body.confidence


def test_post_quote_perfect_is_stronger() -> None:
    text = "“We will not give up a single metre,” the minister has explained."
    [(span, hit)] = hits(PresentPerfectAttributionRule(), text)
    assert span == "has explained" and hit.confidence >= 0.6


@pytest.mark.parametrize(
    "text",
    [
        "“We are ready to talk,” said John Kirby, who heads the council's communications.",
        "As the minister said, who knows what the court will decide.",
        "Those who insisted, who were few, lost the vote.",
    ],
)
def test_trailing_relative_native_uses_stay_clean(text: str) -> None:
    assert spans(TrailingRelativeAttributionRule(), text) == []


@pytest.mark.parametrize(
    "text",
    [
        "“It's the best season I've had,” says Alcaraz, who turned 21 in May.",
        "The notice indicates that exporters face penalties.",
        "He called the plan “dangerous” indicates nothing.",
        "“There is no alternative,” the minister said.",
    ],
)
def test_inverted_native_uses_stay_clean(text: str) -> None:
    assert spans(InvertedPresentAttributionRule(), text) == []


def test_inverted_feature_verb_needs_wire_context() -> None:
    alone = "“There is no alternative to dialogue,” adds the statement."
    wire = "The ministry said talks would continue. " + alone
    assert spans(InvertedPresentAttributionRule(), alone) == []
    assert spans(InvertedPresentAttributionRule(), wire) == ["adds"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the route would begin operating next week.",
        "He would resign if the vote failed.",
        "Officials say the bill would allow exporters to claim refunds.",
        "The company would like to expand in Brazil.",
        "Without the ceasefire, the militia would be recruiting in every village.",
        "Kyiv would be able to hold the line with more air defence.",
        "In his youth he would walk to the harbour every morning.",
        "It would have been his 80th birthday on Friday.",
        "Unless the court intervenes, the law would take effect in May.",
        "Would the ministry be using the new system?",
    ],
)
def test_conditional_native_uses_stay_clean(text: str) -> None:
    assert spans(ReportativeConditionalRule(), text) == []


def test_conditional_plural_and_perfect_suggestions() -> None:
    text = "According to police, the attackers would have entered through a side door."
    [(span, hit)] = hits(ReportativeConditionalRule(), text)
    assert span == "would have entered"
    assert hit.suggestions[0] == "entered"
    text = "According to local media, the militias would be recruiting fighters."
    [(span, hit)] = hits(ReportativeConditionalRule(), text)
    assert hit.suggestions[0] == "are recruiting"


def test_conditional_irregular_participle() -> None:
    text = "According to the newspaper, the gunmen would have fled towards the border."
    [(_, hit)] = hits(ReportativeConditionalRule(), text)
    assert hit.suggestions[0] == "fled"


def test_lexicon_loads_and_is_consistent() -> None:
    lex = speech_lexicon()
    assert lex.perfect["counted"].past == "said"
    assert lex.inverted["indicates"].past == "indicated"
    assert all(0 < v.weight <= 1 for v in [*lex.perfect.values(), *lex.inverted.values()])
    assert "said" in lex.trailing


def test_source_languages_switch_romance_only_rules_off() -> None:
    text = "“We will not give up,” affirms the spokesman of the army."
    on = check_text(text, config=Config(model=False, select=("MT303",)))
    off = check_text(text, config=Config(model=False, select=("MT303",), source_languages=("de",)))
    assert [f.code for f in on] == ["MT303"]
    assert off == []


def test_german_perfekt_counts_for_present_perfect() -> None:
    text = "The spokesman has assured that the talks will resume."
    found = check_text(text, config=Config(model=False, select=("MT301",), source_languages=("de",)))
    assert [f.code for f in found] == ["MT301"]


def test_object_speech_acts_need_company() -> None:
    alone = "The mayor has asked the government for a coordinated response."
    assert spans(PresentPerfectAttributionRule(), alone) == []
    story = "The minister has assured that the port is safe. " + alone
    assert spans(PresentPerfectAttributionRule(), story) == ["has assured", "has asked"]


def test_inverted_present_perfect_after_quote() -> None:
    text = "“The reform is necessary”, has affirmed the Prime Minister in the evening."
    [(span, hit)] = hits(PresentPerfectAttributionRule(), text)
    assert span == "has affirmed" and hit.confidence >= 0.8


def test_adverbial_between_verb_and_clause() -> None:
    text = "The governor has indicated through his Telegram channel that the strike hit a school."
    assert spans(PresentPerfectAttributionRule(), text) == ["has indicated"]


def test_inside_quote_is_reported_with_note() -> None:
    text = "He wrote: “The minister has assured that the talks will resume.”"
    [finding] = check_text(text, config=Config(model=False, select=("MT301",)))
    assert "(inside a quotation)" in finding.message
