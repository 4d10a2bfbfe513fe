"""The offline generator on texts of different kinds (tests/generation/texts/)."""

from __future__ import annotations

import statistics
import time

import pytest

from study.generation import GenerationOptions, check, generate, get_generator
from study.generation.local import LocalGenerator
from tests.generation.conftest import all_sections, text_files

SECTIONS = all_sections()
IDS = [f"{name}:{heading}" for name, heading, _ in SECTIONS]


def test_it_has_four_texts_of_different_kinds_with_enough_words() -> None:
    names = {path.stem for path in text_files()}
    assert {"photosynthesis", "ada-lovelace", "bicycle-puncture", "inflation"} <= names
    for path in text_files():
        words = len(path.read_text(encoding="utf-8").split())
        assert 500 <= words <= 1000, (path.name, words)


@pytest.mark.parametrize(("name", "heading", "text"), SECTIONS, ids=IDS)
def test_it_emits_only_cards_that_pass_the_gate(name: str, heading: str, text: str) -> None:
    cards = generate(text, GenerationOptions())
    drafts = [card_to_draft(card) for card in cards]
    result = check(text, drafts)
    assert result.rejected == [], result.rejected
    assert [c.question for c in result.kept] == [c.question for c in cards]


@pytest.mark.parametrize(("name", "heading", "text"), SECTIONS, ids=IDS)
def test_it_gives_each_section_of_80_words_two_to_eight_cards(
    name: str, heading: str, text: str
) -> None:
    cards = generate(text, GenerationOptions())
    assert len(cards) <= 8
    if len(text.split()) >= 80:
        assert len(cards) >= 2, [c.question for c in cards]


def test_most_sections_of_80_words_get_three_cards_or_more() -> None:
    # A section whose only other candidates are generic blanks ("their {{c1::savings}}") gets
    # fewer cards rather than trivial ones; most sections state enough facts for three.
    long = [text for _, _, text in SECTIONS if len(text.split()) >= 80]
    with_three = [text for text in long if len(generate(text, GenerationOptions())) >= 3]
    assert len(with_three) >= 0.8 * len(long)


@pytest.mark.parametrize(("name", "heading", "text"), SECTIONS, ids=IDS)
def test_it_slices_evidence_offsets_to_the_exact_text(name: str, heading: str, text: str) -> None:
    for card in generate(text, GenerationOptions()):
        assert text[card.evidence.start : card.evidence.end] == card.evidence.exact
        assert card.kind in ("basic", "cloze")


@pytest.mark.parametrize(("name", "heading", "text"), SECTIONS, ids=IDS)
def test_it_never_answers_with_a_whole_list(name: str, heading: str, text: str) -> None:
    # List items are lines of their own; evidence and answers never cross a line.
    items = [line.strip() for line in text.splitlines() if line.strip()]
    for card in generate(text, GenerationOptions()):
        assert "\n" not in card.evidence.exact
        assert "\n" not in card.answer
        covered = [item for item in items if item.rstrip(".") in card.answer]
        assert len(covered) <= 1


def test_it_is_deterministic() -> None:
    for _, _, text in SECTIONS:
        first = generate(text, GenerationOptions())
        assert generate(text, GenerationOptions()) == first
        assert LocalGenerator().generate(text, GenerationOptions()) == first


def test_it_mixes_question_kinds_across_the_texts() -> None:
    cards = [c for _, _, text in SECTIONS for c in generate(text, GenerationOptions())]
    basics = [c for c in cards if c.kind == "basic"]
    assert len(basics) >= len(cards) // 3
    openings = {c.question.split()[0] for c in basics}
    assert {"What", "When", "Why", "Who"} <= openings


def test_it_asks_template_questions_on_a_known_sentence() -> None:
    text = (
        "Inflation is a sustained rise in the general level of prices. Milton Friedman, an "
        "American economist, argued that inflation is a monetary phenomenon. In 1923 prices "
        "in Germany doubled every few days. Savers lose because their money buys less."
    )
    kept = check(text, LocalGenerator().candidates(text)).kept
    questions = {c.question: c.answer for c in kept}
    assert questions.get("What is inflation?") == (
        "a sustained rise in the general level of prices"
    )
    assert questions.get("Why do savers lose?") == "because their money buys less"
    assert questions.get("Who argued that inflation is a monetary phenomenon?") == "Milton Friedman"
    assert questions.get("Who was Milton Friedman?") == "an American economist"
    assert questions.get("When did prices in Germany double every few days?") == "1923"


def test_it_is_fast() -> None:
    generator = LocalGenerator()
    timings = []
    for _, _, text in SECTIONS:
        start = time.perf_counter()
        generator.generate(text, GenerationOptions())
        timings.append(time.perf_counter() - start)
    # bench/cards/run.py measures the time per section against its target; this only catches
    # a generator gone badly slow, with room for a loaded CI machine.
    assert statistics.median(timings) < 0.25


@pytest.mark.parametrize("text", ["", "   \n\n ", "Hi.", "## Heading only", "1958."])
def test_it_returns_no_cards_for_text_without_facts(text: str) -> None:
    assert generate(text, GenerationOptions()) == []


def test_it_is_registered_under_its_id() -> None:
    generator = get_generator("local")
    assert (generator.id, generator.version) == ("local", LocalGenerator.version)


def card_to_draft(card):  # noqa: ANN001, ANN201 - tiny helper
    from study.generation import CardDraft

    return CardDraft(
        question=card.question,
        answer=card.answer,
        kind=card.kind,
        quote=card.evidence.exact,
        start=card.evidence.start,
    )
