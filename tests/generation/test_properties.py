"""Property tests: for arbitrary text, generation never raises and evidence always slices."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from study.generation import CardDraft, GenerationOptions, check, generate
from study.generation.normalize import find_span, normalize

TRICKY = (
    "The a In 1958 Mao campaign was is because led to caused Who What famine, steel; "
    "photosynthesis “quoted” ‘single’ — – - : ( ) 30–45 million % $ called known as "
    "It They This he she and or but which that 12 percent Dr. U.S. e.g. ... ? ! \n \n\n - "
    "* • 1. Gutenberg’s B cells, which became plasma cells. Term: explanation here"
)
WORDS = st.sampled_from(TRICKY.split(" "))
SENTENCES = st.lists(WORDS, min_size=0, max_size=60).map(" ".join)
ANY_TEXT = st.text(max_size=400)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(text: str) -> None:
    cards = generate(text, GenerationOptions())
    assert len(cards) <= GenerationOptions().max_cards
    for card in cards:
        assert text[card.evidence.start : card.evidence.end] == card.evidence.exact
        assert card.kind in ("basic", "cloze")


@SETTINGS
@given(ANY_TEXT)
def test_it_never_raises_on_arbitrary_text(text: str) -> None:
    assert_well_formed(text)


@SETTINGS
@given(SENTENCES)
def test_it_never_raises_on_text_made_of_tricky_words(text: str) -> None:
    assert_well_formed(text)


@SETTINGS
@given(st.lists(SENTENCES, min_size=1, max_size=6).map("\n".join))
def test_it_never_raises_on_paragraphs_and_lists(text: str) -> None:
    assert_well_formed(text)


@SETTINGS
@given(ANY_TEXT, st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=80))
def test_it_finds_every_true_substring_and_maps_it_back(text: str, start: int, size: int) -> None:
    quote = text[start : start + size]
    span = find_span(text, quote)
    if not quote.strip() or not normalize(quote).text:
        return
    assert span is not None
    found = text[span[0] : span[1]]
    assert normalize(found).text == normalize(quote.strip()).text


@SETTINGS
@given(ANY_TEXT, st.text(max_size=60), st.text(max_size=60), st.sampled_from(["basic", "cloze"]))
def test_the_gate_never_raises_and_kept_evidence_slices(
    text: str, question: str, quote: str, kind: str
) -> None:
    result = check(text, [CardDraft(question=question, answer=quote[:20], kind=kind, quote=quote)])
    for card in result.kept:
        assert text[card.evidence.start : card.evidence.end] == card.evidence.exact
