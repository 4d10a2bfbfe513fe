"""The quality gate: a table of good and bad cards with the reasons they fail."""

from __future__ import annotations

import pytest

from study.generation import CardDraft, check
from study.generation.gate import REASONS

SECTION = (
    "Photosynthesis is the process by which plants capture the energy of sunlight.\n"
    "The Great Leap Forward (1958–1961) was Mao Zedong’s campaign to industrialise China.\n"
    "Chlorophyll absorbs red and blue light but reflects green light.\n"
    "In 1961 Melvin Calvin received the Nobel Prize in Chemistry.\n"
)
PHOTO = "Photosynthesis is the process by which plants capture the energy of sunlight."
LEAP = "The Great Leap Forward (1958–1961) was Mao Zedong’s campaign to industrialise China."
CHLORO = "Chlorophyll absorbs red and blue light but reflects green light."
CALVIN = "In 1961 Melvin Calvin received the Nobel Prize in Chemistry."


def basic(question: str, answer: str, quote: str) -> CardDraft:
    return CardDraft(question=question, answer=answer, kind="basic", quote=quote)


def cloze(text: str, answer: str, quote: str) -> CardDraft:
    return CardDraft(question=text, answer=answer, kind="cloze", quote=quote)


GOOD = [
    (
        "definition",
        basic("What is photosynthesis?", "the process by which plants capture energy", PHOTO),
    ),
    ("date", basic("When did Melvin Calvin receive the Nobel Prize in Chemistry?", "1961", CALVIN)),
    (
        "curly quotes and dashes in the quote",
        basic(
            "Who led the Great Leap Forward?",
            "Mao Zedong",
            "The Great Leap Forward (1958-1961) was Mao Zedong's campaign",
        ),
    ),
    (
        "quote with different whitespace",
        basic(
            "What colour does chlorophyll reflect?",
            "green light",
            "Chlorophyll absorbs red and blue\n light but reflects   green light",
        ),
    ),
    (
        "cloze",
        cloze(
            "Chlorophyll absorbs red and blue light but reflects {{c1::green light}}.",
            "green light",
            CHLORO,
        ),
    ),
    (
        "cloze with hint",
        cloze(
            "In {{c1::1961::year}} Melvin Calvin received the Nobel Prize in Chemistry.",
            "1961",
            CALVIN,
        ),
    ),
]

BAD = [
    (
        "invented quote",
        basic("What is photosynthesis?", "a process", "Photosynthesis is how plants eat sunlight."),
        {"evidence_missing"},
    ),
    (
        "quote too short",
        basic("When did Calvin win the prize?", "1961", "In 1961"),
        {"evidence_length"},
    ),
    (
        "no question mark",
        basic("What is photosynthesis", "the process by which plants capture energy", PHOTO),
        {"question_mark"},
    ),
    (
        "question too short",
        basic("Photosynthesis?", "the process by which plants capture energy", PHOTO),
        {"question_length"},
    ),
    (
        "leading pronoun",
        basic("It absorbs which colours of light?", "red and blue light", CHLORO),
        {"leading_pronoun"},
    ),
    (
        "pronoun in the opening words",
        basic("What did he receive in 1961?", "the Nobel Prize in Chemistry", CALVIN),
        {"leading_pronoun", "dangling_reference"},
    ),
    (
        "according to the text",
        basic(
            "According to the text, what is photosynthesis?",
            "the process by which plants capture energy",
            PHOTO,
        ),
        {"meta_reference"},
    ),
    (
        "deictic",
        basic("What does this pigment reflect?", "green light", CHLORO),
        {"dangling_reference"},
    ),
    (
        "answer given away",
        basic("Which light does chlorophyll reflect, green light or red?", "green light", CHLORO),
        {"answer_in_question"},
    ),
    (
        "answer too long",
        basic(
            "What is photosynthesis?",
            "the process by which plants capture the energy of sunlight and store it as sugar "
            "for later use",
            PHOTO,
        ),
        {"answer_too_long", "answer_unsupported"},
    ),
    (
        "answer not in evidence",
        basic("What does chlorophyll absorb?", "ultraviolet radiation", CHLORO),
        {"answer_unsupported"},
    ),
    (
        "number not in evidence",
        basic("When did Melvin Calvin receive the Nobel Prize in Chemistry?", "1962", CALVIN),
        {"number_unsupported"},
    ),
    ("yes/no", basic("Does chlorophyll reflect green light?", "Yes", CHLORO), {"answer_yes_no"}),
    (
        "a list as the answer",
        basic("Which colours are mentioned for chlorophyll?", "red, blue, green, light", CHLORO),
        {"list_answer"},
    ),
    ("empty answer", basic("What does chlorophyll reflect?", "", CHLORO), {"answer_empty"}),
    ("unknown kind", CardDraft(question="Q?", answer="A", kind="essay", quote=CHLORO), {"kind"}),
    (
        "cloze without markup",
        cloze("Chlorophyll absorbs red and blue light.", "red", CHLORO),
        {"cloze_syntax"},
    ),
    (
        "cloze numbered from 2",
        cloze(
            "Chlorophyll absorbs {{c2::red}} and blue light but reflects green light.",
            "red",
            CHLORO,
        ),
        {"cloze_syntax"},
    ),
    (
        "cloze with stray braces",
        cloze("Chlorophyll absorbs {{c1::red}} and {{blue light.", "red", CHLORO),
        {"cloze_syntax"},
    ),
    (
        "cloze deletion too long",
        cloze(
            "{{c1::Chlorophyll absorbs red and blue light but}} reflects green light.", "x", CHLORO
        ),
        {"cloze_deletion_length"},
    ),
    (
        "cloze gives itself away",
        cloze(
            "Chlorophyll absorbs red and blue {{c1::light}} but reflects green light.",
            "light",
            CHLORO,
        ),
        {"answer_in_question"},
    ),
    (
        "cloze that rewrites the evidence",
        cloze(
            "Chlorophyll eats {{c1::red}} photons and purple lasers for breakfast daily.",
            "red",
            CHLORO,
        ),
        {"cloze_unsupported"},
    ),
]


@pytest.mark.parametrize(("name", "draft"), GOOD, ids=[name for name, _ in GOOD])
def test_it_keeps_good_cards(name: str, draft: CardDraft) -> None:
    result = check(SECTION, [draft])
    assert result.rejected == [], result.rejected
    card = result.kept[0]
    assert SECTION[card.evidence.start : card.evidence.end] == card.evidence.exact


@pytest.mark.parametrize(("name", "draft", "reasons"), BAD, ids=[name for name, _, _ in BAD])
def test_it_rejects_bad_cards_with_reasons(name: str, draft: CardDraft, reasons: set[str]) -> None:
    result = check(SECTION, [draft])
    assert result.kept == []
    assert set(result.rejected[0].reasons) == reasons
    assert all(reason in REASONS for reason in reasons)


def test_it_stores_offsets_of_the_original_text_for_a_normalised_quote() -> None:
    quote = "Mao Zedong's campaign to industrialise China"  # straight apostrophe
    result = check(
        SECTION, [basic("Whose campaign was the Great Leap Forward?", "Mao Zedong's", quote)]
    )
    evidence = result.kept[0].evidence
    assert evidence.exact == "Mao Zedong’s campaign to industrialise China"
    assert SECTION[evidence.start : evidence.end] == evidence.exact


def test_it_fills_the_cloze_answer_from_the_deletions() -> None:
    draft = cloze(
        "Chlorophyll absorbs red and blue light but reflects {{c1::green light}}.", "", CHLORO
    )
    assert check(SECTION, [draft]).kept[0].answer == "green light"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            basic("What does chlorophyll reflect?", "green light", CHLORO),
            basic("What does chlorophyll reflect?", "green light", CHLORO),
        ),
        (
            basic("What colour of light does chlorophyll reflect?", "green light", CHLORO),
            cloze(
                "Chlorophyll absorbs red and blue light but reflects {{c1::green light}}.",
                "green light",
                CHLORO,
            ),
        ),
        (
            basic("When did Melvin Calvin receive the Nobel Prize in Chemistry?", "1961", CALVIN),
            basic("When did Melvin Calvin receive a Nobel Prize in Chemistry?", "1961", CALVIN),
        ),
    ],
    ids=["identical", "basic and cloze on the same fact", "reworded"],
)
def test_it_drops_near_duplicates_keeping_the_first(first: CardDraft, second: CardDraft) -> None:
    result = check(SECTION, [first, second])
    assert [c.question for c in result.kept] == [first.question]
    assert result.rejected[0].reasons == ("duplicate",)


def test_it_keeps_different_facts_from_one_sentence() -> None:
    drafts = [
        basic("What does chlorophyll reflect?", "green light", CHLORO),
        basic("Which colours of light does chlorophyll absorb?", "red and blue light", CHLORO),
    ]
    assert len(check(SECTION, drafts).kept) == 2


def test_it_counts_existing_cards_as_kept() -> None:
    first = check(SECTION, [basic("What does chlorophyll reflect?", "green light", CHLORO)]).kept
    again = check(
        SECTION, [basic("What does chlorophyll reflect?", "green light", CHLORO)], existing=first
    )
    assert again.kept == [] and again.rejected[0].reasons == ("duplicate",)


def test_it_reports_a_pass_rate() -> None:
    result = check(SECTION, [GOOD[0][1], BAD[0][1]])
    assert result.pass_rate == 0.5
