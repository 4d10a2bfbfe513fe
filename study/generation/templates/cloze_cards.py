"""Cloze cards for key sentences: delete a number, a date, a name or a keyphrase.

A sentence that opens with a pronoun ("This effect is called herd immunity.") is joined to the
sentence before it in the same paragraph, so the card carries its own referent.
"""

from __future__ import annotations

import re

from study.generation import cloze
from study.generation.context import SectionContext
from study.generation.lexicon import (
    FREQUENCY_ADVERBS,
    LEADING_PRONOUNS,
    PREPOSITIONS,
    STOPWORDS,
    word_set,
)
from study.generation.morphology import is_auxiliary, verb_form
from study.generation.quantities import NUMBER_WORDS, dates, quantities
from study.generation.segment import Sentence
from study.generation.templates.common import draft
from study.generation.tokens import Token, is_content_word, stem
from study.generation.types import CardDraft

MIN_WORDS, MAX_WORDS = 7, 60
MAX_MERGED_WORDS = 60
MAX_DELETIONS_PER_SENTENCE = 5
MIN_VISIBLE_CONTENT = 4
_VAGUE = word_set(
    "people person time times way ways part parts use uses number numbers year years "
    "thing things kind kinds type types lot form forms area areas case cases example "
    "examples result results second seconds minute minutes hour hours day days week weeks "
    "month months decade decades century centuries side sides place places child children "
    "man men woman women group groups level levels amount amounts other others target "
    "targets system systems process effect effects problem problems change changes method "
    "methods role rate rates value values factor factors model idea ideas issue issues "
    "source sources period periods stage stages step steps machine machines device devices"
)


def drafts(context: SectionContext, sentence: Sentence) -> list[CardDraft]:
    word_count = sum(1 for t in sentence.tokens if t.is_word)
    if not MIN_WORDS <= word_count <= MAX_WORDS or sentence.is_lead_in:
        return []
    quote_start, quote_end = sentence.start, sentence.end
    if _needs_previous(sentence):
        previous = _previous_in_line(context, sentence)
        if previous is None:
            return []
        merged_words = word_count + sum(1 for t in previous.tokens if t.is_word)
        if merged_words > MAX_MERGED_WORDS or previous.tokens[0].lower in LEADING_PRONOUNS:
            return []
        quote_start = previous.start
    quote = context.text[quote_start:quote_end]
    out: list[CardDraft] = []
    for start, end, quality in _gaps(context, sentence)[:MAX_DELETIONS_PER_SENTENCE]:
        text = cloze.make(quote, start - quote_start, end - quote_start)
        answer = context.text[start:end]
        out.append(
            draft(
                sentence,
                text,
                answer,
                "cloze.sentence",
                0.7 * quality,
                kind="cloze",
                quote=quote,
                start=quote_start,
            )
        )
    return out


def _needs_previous(sentence: Sentence) -> bool:
    """ "It was safer than ...", "Unlike the Difference Engine, it was ...": the referent is in
    the sentence before."""
    lowered = [t.lower for t in sentence.tokens]
    if lowered and lowered[0] in LEADING_PRONOUNS:
        return True
    tokens = sentence.tokens
    for index in range(1, min(8, len(tokens) - 1)):
        if lowered[index] in _SUBJECTS and _verb_like(tokens[index + 1]):
            return True  # "Unlike the Difference Engine, it was meant ...": a subject pronoun
    # "was meant to deliver on that promise", "these cells": refers to the sentence before
    return any(
        word in _DEICTIC or (word == "that" and lowered[i - 1] in PREPOSITIONS)
        for i, word in enumerate(lowered[1:], 1)
    )


_DEICTIC = frozenset({"this", "these", "those"})
_SUBJECTS = frozenset({"it", "he", "she", "they"})


def _verb_like(token: Token) -> bool:
    form = verb_form(token.lower)
    return form is not None or is_auxiliary(token.lower) or token.lower in FREQUENCY_ADVERBS


def _previous_in_line(context: SectionContext, sentence: Sentence) -> Sentence | None:
    if sentence.first_in_line or sentence.index == 0:
        return None
    previous = context.sentences[sentence.index - 1]
    return previous if previous.line == sentence.line else None


def _gaps(context: SectionContext, sentence: Sentence) -> list[tuple[int, int, float]]:
    """Candidate deletions as (start, end, quality in 0..1), best first, not overlapping."""
    tokens = sentence.tokens
    candidates: list[tuple[int, int, float]] = []
    found_dates = dates(tokens)
    for date in found_dates:
        first, last = date.value_start, date.end
        candidates.append((tokens[first].start, tokens[last - 1].end, 1.0))
    for first, last in _named_terms(tokens):
        candidates.append((tokens[first].start, tokens[last - 1].end, 0.95))
    for start, end in _quoted(sentence):
        candidates.append((start, end, 0.9))
    date_tokens = {i for d in found_dates for i in range(d.start, d.end)}
    for first, last, central in _names(context, sentence):
        if date_tokens & set(range(first, last)):
            continue  # "31 October 2005" is a date, not a name
        if tokens[last - 1].text.endswith(("'s", "’s")):
            continue  # "{{c1::BSkyB's}} channels": the key phrase blanks the name alone
        last = _noun_tail(tokens, last)
        candidates.append((tokens[first].start, tokens[last - 1].end, 0.8 + 0.1 * central))
    found_quantities = quantities(tokens, date_tokens)
    spans = [(tokens[d.start].start, tokens[d.end - 1].end) for d in found_dates]
    spans += [(tokens[q.start].start, tokens[q.end - 1].end) for q in found_quantities]
    for quantity in found_quantities:
        first = quantity.start
        while first < quantity.end and tokens[first].is_word and not _numeric(tokens[first]):
            first += 1  # "about 30 million" -> delete "30 million", keep the hedge visible
        if _straddles(tokens[first].start, tokens[quantity.end - 1].end, spans[: len(found_dates)]):
            continue  # "autumn of {{c1::1958 millions}}": a date run into a number
        if first < quantity.end:
            last = _noun_tail(tokens, quantity.end)
            candidates.append((tokens[first].start, tokens[last - 1].end, 1.0))
    best = context.phrases.best_score() or 1.0
    for phrase in context.phrases.in_sentence(sentence.index):
        if _vague(context, phrase.tokens) or _straddles(phrase.start, phrase.end, spans):
            continue
        quality = min(1.0, phrase.score / best) ** 0.5
        if {stem(t.text) for t in phrase.tokens} <= context.topic:
            quality *= 0.5  # the section's own subject is a weaker test than its facts
        candidates.append((phrase.start, phrase.end, quality))
    candidates.sort(key=lambda c: (-c[2], c[0]))
    chosen: list[tuple[int, int, float]] = []
    words = sum(1 for t in tokens if t.is_word)
    for start, end, quality in candidates:
        end = _word_end(sentence, end)  # "£4.2bn": never blank half a word
        if any(start < e and s < end for s, e, _ in chosen):
            continue
        gap_words = sum(1 for t in tokens if start <= t.start < end and t.is_word)
        if gap_words > 6 or gap_words * 2 > words:
            continue
        if _list_item(tokens, start, end):
            if not context.text[start : start + 1].isupper():
                continue
            quality *= 0.8  # one name of a list ("Ford, {{c1::Toyota}} and Holden"): weaker
        visible = [t for t in tokens if not start <= t.start < end and is_content_word(t.text)]
        if len(visible) < MIN_VISIBLE_CONTENT:
            continue  # "{{c1::High inflation}} also creates costs of its own": no cue left
        chosen.append((start, end, quality))
    return chosen


_NAMING = {"called", "termed", "named", "dubbed"}
_NAME_JOINERS = frozenset({"of", "de", "von", "van", "du", "la", "the", "and", "for"})


def _noun_tail(tokens: tuple[Token, ...], end: int) -> int:
    """ "the 1855 {{c1::colonial constitution}}": a name or number used as a modifier carries
    the nouns after it into the blank (up to three), so the blank is a whole thing."""
    last = end
    while last < len(tokens) and last - end < 3:
        token = tokens[last]
        if not token.is_word or token.is_capitalized or token.lower in STOPWORDS:
            break
        if token.lower in NUMBER_WORDS:
            break  # "autumn of 1958 millions of farmers": the next number, not a noun
        form = verb_form(token.lower)
        if form is not None and form.kinds & {"past", "ing", "3sg", "participle"}:
            break
        if token.lower.endswith("ly"):
            break
        last += 1
    return last


_QUOTED = re.compile(r"[\"“‘']([^\"“”‘’']{2,60})[\"”’']")


def _quoted(sentence: Sentence) -> list[tuple[int, int]]:
    """ "re-branded as 'Pick TV'": a quoted name or term of one to five words."""
    found = []
    for match in _QUOTED.finditer(sentence.text):
        inner = match.group(1)
        if 1 <= len(inner.split()) <= 5 and not inner.rstrip().endswith((".", ",", "!", "?")):
            start = sentence.start + match.start(1)
            found.append((start, start + len(inner)))
    return found


def _word_end(sentence: Sentence, end: int) -> int:
    text, offset = sentence.text, sentence.start
    while end - offset < len(text) and (text[end - offset].isalnum() or text[end - offset] in "+°"):
        end += 1
    return end


def _names(context: SectionContext, sentence: Sentence) -> list[tuple[int, int, float]]:
    """Runs of capitalised words ("Sky Italia", "Parliament of Victoria") as (first, last,
    centrality): 1.0 when the name comes back elsewhere in the section, else 0."""
    tokens = sentence.tokens
    found: list[tuple[int, int, float]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not (token.is_word and token.is_capitalized and token.lower not in STOPWORDS):
            index += 1
            continue
        if index == 0 and context.casing(token.text, _next_text(tokens, 0)) != token.text:
            index += 1
            continue  # "Following BSkyB's ...": a capital that only opens the sentence
        end = index + 1
        while end < len(tokens):
            current = tokens[end]
            if current.is_word and current.is_capitalized:
                end += 1
            elif current.text == "+" and current.start == tokens[end - 1].end:
                end += 1  # "Sky+ PVR": the plus belongs to the name
            elif (
                current.lower in _NAME_JOINERS - {"and"}
                and end + 1 < len(tokens)
                and tokens[end + 1].is_capitalized
                and tokens[end + 1].is_word
            ):
                end += 2
            else:
                break
        keys = {stem(t.text) for t in tokens[index:end] if t.lower not in STOPWORDS}
        central = 1.0 if any(context.text.count(k[:5].capitalize()) > 1 for k in keys) else 0.0
        found.append((index, end, central))
        index = end
    return found


def _next_text(tokens: tuple[Token, ...], index: int) -> str:
    return tokens[index + 1].text if index + 1 < len(tokens) else ""


def _named_terms(tokens: tuple[Token, ...]) -> list[tuple[int, int]]:
    """ "a process called {{c1::subduction}}", "a layer known as the {{c1::lithosphere}}"."""
    found = []
    for index, token in enumerate(tokens):
        start = None
        if (
            token.lower in _NAMING
            or token.lower == "as"
            and index > 0
            and tokens[index - 1].lower == "known"
        ):
            start = index + 1
        if start is None:
            continue
        while start < len(tokens) and tokens[start].lower in {"the", "a", "an"}:
            start += 1
        end = start
        while end < len(tokens) and end - start < 4 and tokens[end].is_word:
            if tokens[end].lower in STOPWORDS and not tokens[end].is_capitalized:
                break
            end += 1
        if end > start:
            found.append((start, end))
    return found


def _straddles(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """ "the {{c1::nineteenth century steam-powered}} presses", "12 {{c1::February}} 1809":
    part of a date or number is deleted; only the whole date or number may be."""
    return any(start < e and s < end and (start, end) != (s, e) for s, e in spans)


def _list_item(tokens: tuple[Token, ...], start: int, end: int) -> bool:
    """ "Anhui, {{c1::Sichuan}}, Gansu and Henan": one item of a list is a poor gap (no sets)."""
    inside = [i for i, t in enumerate(tokens) if start <= t.start < end]
    if not inside:
        return False
    first, last = inside[0], inside[-1]
    joiners = {",", "and", "or"}
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    listed_before = before is not None and before.lower in joiners and first >= 2
    if listed_before and _same_kind(tokens[first - 2], tokens[first]):
        return True
    listed_after = after is not None and after.lower in joiners and last + 2 < len(tokens)
    return listed_after and _same_kind(tokens[last + 2], tokens[first])


def _same_kind(other: Token, token: Token) -> bool:
    if not other.is_word or other.lower in STOPWORDS or other.lower.endswith("ly"):
        return False
    form = verb_form(other.lower)
    if form is not None and form.kinds & {"past", "ing"} and not other.is_capitalized:
        return False
    return other.is_capitalized == token.is_capitalized


def _numeric(token: Token) -> bool:
    return token.is_number or token.text in {"$", "£", "€"}


def _vague(context: SectionContext, tokens: tuple[Token, ...]) -> bool:
    if all(t.lower in NUMBER_WORDS or t.lower in _VAGUE for t in tokens):
        return True
    if len(tokens) > 1:
        return False
    token = tokens[0]
    if token.is_capitalized and context.casing(token.text) == token.text:
        return False  # a name or a term written with a capital
    # A lone lower-case word must look like a specific noun ("variolation", "the sparrows"),
    # not an adjective, a verb or an everyday word ("immune", "infected", "child").
    word = token.lower
    form = verb_form(word)
    if form is not None and form.kinds & {"past", "ing"}:
        return True
    return len(word) < 6 or word not in context.nouns
