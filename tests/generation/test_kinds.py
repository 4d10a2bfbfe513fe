"""The question kinds study texts need, the trivial cards the gate refuses, sections without
facts, and regeneration leaving out what was shown: on texts of several kinds (history,
science, a biography, a how-to, economics)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from study.generation import CardDraft, GenerationOptions, Shown, check, generate
from study.generation.facts import NO_FACTS, SOURCES, TOO_SHORT, assess
from study.generation.gate import TRIVIAL, trivial_reasons
from study.generation.local import LocalGenerator
from study.generation.novelty import unseen
from tests.generation.conftest import all_sections

HISTORY = (
    "Grain production fell sharply after 1958. According to official figures released "
    "later, output dropped from about 200 million tonnes in 1958 to roughly 144 million "
    "tonnes in 1960. Officials promoted very close planting, ideas borrowed from the Soviet "
    "agronomist Trofim Lysenko."
)
SCIENCE = (
    "The population of the colony grew from 40,000 cells in 1990 to over a million cells in "
    "1995, helped by the warmer water. When nitrogen runs short, the algae stop dividing. "
    "The experiment shows how a single nutrient can limit growth."
)
BIOGRAPHY = (
    "Ada Lovelace was born in London in 1815. In 1843 she published notes on the Analytical "
    "Engine, a machine designed by Charles Babbage. Her notes show that a machine could "
    "manipulate symbols as well as numbers."
)
HOW_TO = (
    "If the tyre is underinflated, the tube can pinch against the rim. Inflate the tyre to "
    "the pressure printed on its sidewall, usually between 80 and 100 psi for a road bike."
)
ECONOMICS = (
    "When officials are rewarded for reporting success, planners lose sight of reality. "
    "Inflation is a sustained rise in the general level of prices."
)


def kept(text: str, titles: tuple[str, ...] = ()) -> dict[str, str]:
    cards = LocalGenerator().kept(text, GenerationOptions(titles=titles))
    return {card.question: card.answer for card in cards}


# --- question kinds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "question", "answer"),
    [
        (
            HISTORY,
            "How did output change between 1958 and 1960?",
            "dropped from about 200 million tonnes to roughly 144 million tonnes",
        ),
        (
            SCIENCE,
            "How did the population of the colony change between 1990 and 1995?",
            "grew from 40,000 cells to over a million cells",
        ),
    ],
    ids=["history", "science"],
)
def test_a_change_from_one_figure_to_another_asks_how_it_changed(
    text: str, question: str, answer: str
) -> None:
    assert kept(text).get(question) == answer


@pytest.mark.parametrize(
    ("text", "question", "answer"),
    [
        (
            ECONOMICS,
            "What happens when officials are rewarded for reporting success?",
            "planners lose sight of reality",
        ),
        (SCIENCE, "What happens when nitrogen runs short?", "the algae stop dividing"),
        (
            HOW_TO,
            "What happens if the tyre is underinflated?",
            "the tube can pinch against the rim",
        ),
    ],
    ids=["economics", "science", "how-to"],
)
def test_a_condition_asks_for_its_consequence(text: str, question: str, answer: str) -> None:
    assert kept(text).get(question) == answer


@pytest.mark.parametrize(
    ("text", "question", "answer"),
    [
        (SCIENCE, "What does the experiment show?", "how a single nutrient can limit growth"),
        (
            BIOGRAPHY,
            "What do her notes show?",
            None,  # "her" has no referent in the card: never asked
        ),
    ],
    ids=["science", "biography-pronoun"],
)
def test_a_finding_asks_what_it_shows(text: str, question: str, answer: str | None) -> None:
    assert kept(text).get(question) == answer


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        (HISTORY, "Trofim Lysenko"),  # a name
        (BIOGRAPHY, "Charles Babbage"),  # a name in an appositive
        (HOW_TO, "80 and 100 psi"),  # a number with its unit
    ],
    ids=["history", "biography", "how-to"],
)
def test_cloze_blanks_are_specific_facts(text: str, answer: str) -> None:
    cards = LocalGenerator().kept(text)
    blanks = [card.answer for card in cards if card.kind == "cloze"]
    assert answer in blanks or any(answer in card.answer for card in cards)


def test_quoted_names_and_whole_numbers_make_blanks() -> None:
    text = (
        "The channel was replaced by Sky Three in October 2005, which was re-branded as "
        "'Pick TV' in 2011. Sky bid £4.2bn for a package of 120 games across three seasons."
    )
    answers = {card.answer for card in LocalGenerator().kept(text) if card.kind == "cloze"}
    assert "Pick TV" in answers
    assert not any(answer.endswith("4.2") for answer in answers)  # never half of "£4.2bn"


def test_every_number_and_name_a_key_sentence_states_is_reachable() -> None:
    answers = " | ".join(c.answer for c in LocalGenerator().kept(HISTORY))
    for fact in ("1958", "200 million tonnes", "144 million tonnes", "Trofim Lysenko"):
        assert fact in answers


# --- the trivial, refused by the one gate ---------------------------------------------------

LEAP = "The Great Leap Forward, launched in 1958, was meant to deliver on that promise."
PROVINCES = "Anhui, Sichuan, Gansu and Henan were among the hardest-hit provinces."
REALITY = "When officials are rewarded for reporting success, planners lose sight of reality."
GRAIN = "Grain requisitions stripped villages of food and were a central cause of famine."
FELL = "Grain production fell sharply after 1958."
CHLORO = "Chlorophyll absorbs red and blue light but reflects green light."
SECTION = "\n".join([LEAP, PROVINCES, REALITY, GRAIN, FELL, CHLORO])
TITLES = ("The Great Leap Forward", "What it was")


def draft(question: str, answer: str, quote: str, kind: str = "basic") -> CardDraft:
    return CardDraft(question=question, answer=answer, kind=kind, quote=quote)


@pytest.mark.parametrize(
    ("card", "reason"),
    [
        (
            draft("The {{c1::Great Leap Forward}}, launched in 1958, was meant to deliver on "
                  "that promise.", "Great Leap Forward", LEAP, "cloze"),
            "answer_is_title",
        ),
        (
            draft("Anhui, Sichuan, Gansu and Henan were among the {{c1::hardest-hit provinces}}.",
                  "hardest-hit provinces", PROVINCES, "cloze"),
            "generic_blank",
        ),
        (
            draft("When officials are rewarded for reporting success, planners lose sight of "
                  "{{c1::reality}}.", "reality", REALITY, "cloze"),
            "generic_blank",
        ),
        (
            draft("What do planners lose sight of when officials are rewarded for reporting "
                  "success?", "reality", REALITY),
            "guessable_answer",
        ),
        (
            draft("Which requisitions stripped villages of food?", "Grain requisitions", GRAIN),
            "answer_echoes_question",
        ),
        (draft("What fell sharply after 1958?", "Grain production", FELL), "vague_question"),
    ],
    ids=["title", "generic-phrase", "one-word-guess", "guessable-answer", "echo", "vague"],
)  # fmt: skip
def test_the_gate_refuses_trivial_cards(card: CardDraft, reason: str) -> None:
    result = check(SECTION, [card], titles=TITLES)
    assert result.kept == []
    assert reason in result.rejected[0].reasons
    assert reason in TRIVIAL


@pytest.mark.parametrize(
    "card",
    [
        draft("When was the Great Leap Forward launched?", "1958", LEAP),
        draft("Which provinces were among the hardest hit?", "Anhui, Sichuan, Gansu", PROVINCES),
        draft("What colour of light does chlorophyll reflect?", "green light", CHLORO),
        draft("{{c1::Chlorophyll}} absorbs red and blue light but reflects green light.",
              "Chlorophyll", CHLORO, "cloze"),
        draft("Anhui, Sichuan, Gansu and {{c1::Henan}} were among the hardest-hit provinces.",
              "Henan", PROVINCES, "cloze"),
    ],
    ids=["date", "list-of-names", "colour", "term-at-start", "name-in-list"],
)  # fmt: skip
def test_the_gate_keeps_specific_cards(card: CardDraft) -> None:
    result = check(SECTION, [card], titles=TITLES)
    assert result.rejected == [], result.rejected


@pytest.mark.parametrize(("name", "heading", "text"), all_sections(), ids=lambda v: str(v)[:30])
def test_no_generated_card_is_trivial_on_any_test_text(name: str, heading: str, text: str) -> None:
    titles = (name.removesuffix(".md").replace("-", " "), heading)
    for card in generate(text, GenerationOptions(titles=titles)):
        assert trivial_reasons(card, text, titles) == [], card


# --- sections without facts ---------------------------------------------------------------

READING_LIST = (
    "Dikötter, Frank. Mao’s Great Famine. London: Bloomsbury, 2010.\n"
    "Yang, Jisheng. Tombstone: The Great Chinese Famine. New York: Farrar, 2012.\n"
    "Becker, Jasper. Hungry Ghosts: Mao’s Secret Famine. London: John Murray, 1996.\n"
)
LINKS = (
    "Official site: https://example.org/famine\n"
    "Archive photos: https://example.org/photos\n"
    "Teaching notes: https://example.org/notes and more at www.example.org/more\n"
)


@pytest.mark.parametrize(
    ("text", "enough", "reason"),
    [
        ("", False, TOO_SHORT),
        ("Hello there. See below.", False, TOO_SHORT),
        (READING_LIST, False, SOURCES),
        (LINKS, False, SOURCES),
        ("Enjoy the rest of the reading and keep going with it until the end, thank you.",
         False, NO_FACTS),
        (HISTORY, True, ""),
        (HOW_TO, True, ""),
    ],
    ids=["empty", "short", "reading-list", "links", "chatter", "history", "how-to"],
)  # fmt: skip
def test_it_says_whether_a_section_has_facts(text: str, enough: bool, reason: str) -> None:
    readiness = assess(text)
    assert (readiness.enough, readiness.reason) == (enough, reason)
    # The button and the generator never disagree: "enough" means cards can be made.
    assert bool(generate(text)) == enough


# --- regenerate: a different set ------------------------------------------------------------


def test_regenerating_leaves_out_every_card_shown_and_then_runs_out() -> None:
    text = next(t for _, h, t in all_sections() if len(t.split()) > 120)
    shown: list[Shown] = []
    sets = []
    while True:
        cards = generate(text, GenerationOptions(shown=tuple(shown)))
        if not cards:
            break
        sets.append(cards)
        shown += [Shown(c.question, c.answer) for c in cards]
        assert len(sets) < 20
    assert len(sets) >= 2
    questions = [c.question for cards in sets for c in cards]
    assert len(questions) == len(set(questions))  # no card comes back
    answers = [c.answer for cards in sets for c in cards]
    assert len(answers) == len(set(answers))  # nor the same fact asked another way


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_shown_card_ever_comes_back(data: st.DataObject) -> None:
    _, _, text = data.draw(st.sampled_from(all_sections()))
    pool = LocalGenerator().kept(text)
    chosen = data.draw(st.lists(st.sampled_from(pool), unique=True) if pool else st.just([]))
    shown = tuple(Shown(c.question, c.answer) for c in chosen)
    fresh = generate(text, GenerationOptions(shown=shown))
    assert not {c.question for c in fresh} & {s.question for s in shown}
    assert unseen(fresh, shown) == fresh


def test_a_constitution_is_never_asked_about_with_who() -> None:
    text = (
        "Victoria has a written constitution enacted in 1975, based on the Victoria "
        "Constitution Act 1855, which establishes the Parliament as the state's law-making "
        "body. The Victorian Constitution can be amended by the Parliament of Victoria."
    )
    for question, answer in kept(text).items():
        assert not (question.startswith("Who") and "Constitution" in answer), question


def test_a_capital_after_a_quoted_sentence_is_not_a_name() -> None:
    text = (
        "Its slogan was “more, faster, better, cheaper.” Enthusiasm was expected to make up "
        "for shortages of capital, machinery and expertise."
    )
    blank = draft(
        "{{c1::Enthusiasm}} was expected to make up for shortages of capital, machinery and "
        "expertise.",
        "Enthusiasm",
        "Enthusiasm was expected to make up for shortages of capital, machinery and expertise.",
        "cloze",
    )
    assert check(text, [blank]).rejected[0].reasons == ("generic_blank",)


def test_a_year_before_a_number_word_is_blanked_alone() -> None:
    text = "In the autumn of 1958 millions of farmers left the fields to tend furnaces."
    answers = {card.answer for card in LocalGenerator().kept(text) if card.kind == "cloze"}
    assert "1958" in answers
    assert "1958 millions" not in answers
