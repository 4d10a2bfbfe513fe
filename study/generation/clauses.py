"""A shallow clause parser: fronted adverbial, subject, verb group, rest.

Enough structure to turn "In 1440 Gutenberg developed a press in Mainz." into "When did
Gutenberg develop a press in Mainz?" without a tagger. It is deliberately conservative: when
the subject is a pronoun, longer than eight words, or no verb is recognised with confidence,
`parse` returns None and only cloze cards come from the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from study.generation.lexicon import (
    BE,
    COORDINATORS,
    DETERMINERS,
    DISCOURSE,
    DO,
    FREQUENCY_ADVERBS,
    HAVE,
    IRREGULAR,
    LEADING_PRONOUNS,
    MODALS,
    MONTHS,
    NEGATIONS,
    POSSESSIVE_PRONOUNS,
    PREPOSITIONS,
    QUANTIFIERS,
    RELATIVES,
    STOPWORDS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    word_set,
)
from study.generation.morphology import is_auxiliary, is_plural_noun, verb_form
from study.generation.tokens import Token

MAX_SUBJECT_WORDS = 8
_YEARISH = re.compile(r"^(?:\d{3,4}s?|\d{1,2}(?:st|nd|rd|th)?)$")
MAX_LEAD_TOKENS = 16
_IRREGULAR_PASTS = frozenset(p for p, _ in IRREGULAR.values()) | frozenset(
    pp for _, pp in IRREGULAR.values()
)
_NOUN_CONTEXT = DETERMINERS | POSSESSIVE_PRONOUNS | QUANTIFIERS | PREPOSITIONS | {"and", "or"}
_HEDGES = word_set("about around nearly almost over some roughly approximately")
_SUBJECT_PREPOSITIONS = word_set("of in for on at from with between among against")


@dataclass(frozen=True, slots=True)
class Clause:
    tokens: tuple[Token, ...]
    start: int  # first token of the clause proper (after a fronted adverbial)
    subject: tuple[int, int]  # token range [start, end)
    skipped: tuple[tuple[int, int], ...]  # parentheticals/appositives inside the subject
    appositive: tuple[int, int] | None  # ", a Scottish economist," after the subject
    verb: tuple[int, int]  # verb group range, adverbs included
    aux: int | None  # a finite auxiliary that inverts ("was", "could", "has")
    main: int | None  # the lexical verb; None for a bare copula ("X was a Y")
    end: int  # index of the closing punctuation (or len(tokens))
    plural: bool  # the subject is plural (for agreement)
    imperative: bool = False  # "Shift the chain ...": no subject, verb first

    def subject_tokens(self) -> list[Token]:
        return [
            t
            for i, t in enumerate(self.tokens[self.subject[0] : self.subject[1]], self.subject[0])
            if not any(a <= i < b for a, b in self.skipped)
        ]

    @property
    def copula(self) -> bool:
        return self.main is None and self.aux is not None and self.tokens[self.aux].lower in BE

    def finite(self) -> Token:
        return self.tokens[self.aux if self.aux is not None else self.main or 0]


def parse(tokens: Sequence[Token], start: int = 0) -> Clause | None:
    tokens = tuple(tokens)
    end = _closing(tokens)
    if start == 0:
        start = _lead_end(tokens, end)
    if start >= end:
        return None
    if start == 0 and _imperative(tokens, end):
        return Clause(tokens, 0, (0, 0), (), None, (0, 1), None, 0, end, True, imperative=True)
    subject = _subject(tokens, start, end, strict=True) or _subject(
        tokens, start, end, strict=False
    )
    if subject is None:
        return None
    subject_end, skipped, appositive, verb_at, plural = subject
    group = _verb_group(tokens, verb_at, end)
    if group is None:
        return None
    verb_end, aux, main = group
    if _finite_follows(tokens, verb_end, end) and main is not None:
        return None  # "Books printed before 1501 are called ...": we found the wrong verb
    return Clause(
        tokens=tokens,
        start=start,
        subject=(start, subject_end),
        skipped=tuple(skipped),
        appositive=appositive,
        verb=(subject_end, verb_end),
        aux=aux,
        main=main,
        end=end,
        plural=plural,
    )


_OBJECT_OPENERS = DETERMINERS | POSSESSIVE_PRONOUNS | QUANTIFIERS | {"it", "them", "any"}


def _imperative(tokens: tuple[Token, ...], end: int) -> bool:
    """ "Shift the chain ...", "Hold the pressure for ...": a capitalised base verb, then
    its object."""
    if end < 2 or not tokens[0].is_capitalized:
        return False
    form = verb_form(tokens[0].lower)
    if form is None or "base" not in form.kinds or form.kinds & {"past", "3sg"}:
        return False
    following = tokens[1]
    return following.lower in _OBJECT_OPENERS or following.is_number


def _closing(tokens: tuple[Token, ...]) -> int:
    end = len(tokens)
    while end > 0 and tokens[end - 1].text in {".", "!", "?", ";", ":", '"', "”", "'", "’"}:
        end -= 1
    return end


def _lead_end(tokens: tuple[Token, ...], end: int) -> int:
    """Skip "In 1958, " / "However, " / "Because of X, " / "In 1903 " (date, no comma)."""
    if not tokens:
        return 0
    colon = next((i for i, t in enumerate(tokens[:5]) if t.text == ":"), None)
    if colon and all(_YEARISH.match(t.text) or t.lower in MONTHS for t in tokens[:colon]):
        return colon + 1  # a timeline entry "1796: Jenner inoculated ..."
    first = tokens[0].lower
    if first in DISCOURSE and len(tokens) > 1 and tokens[1].text == ",":
        return 2
    if first in PREPOSITIONS or first in SUBORDINATORS or first in DISCOURSE:
        for index in range(1, min(end, MAX_LEAD_TOKENS)):
            if tokens[index].text == ",":
                return index + 1
        # "In 1903 Curie ..." / "In March 1917 the ..." : a date lead needs no comma.
        index = 1
        while index < end and (_YEARISH.match(tokens[index].text) or tokens[index].lower in MONTHS):
            index += 1
        if index > 1 and index < end and tokens[index].is_word:
            return index
        return end  # an unparsed lead: refuse the sentence
    return 0


def _subject(
    tokens: tuple[Token, ...], start: int, end: int, *, strict: bool
) -> tuple[int, list[tuple[int, int]], tuple[int, int] | None, int, bool] | None:
    index = start
    first = tokens[start]
    if first.lower in LEADING_PRONOUNS or first.lower in SUBJECT_PRONOUNS:
        return None
    if first.lower in DETERMINERS or first.lower in QUANTIFIERS:
        index += 1
    elif first.lower in _HEDGES and start + 1 < end and tokens[start + 1].is_number:
        index += 1  # "About 30 million people died ..."
    skipped: list[tuple[int, int]] = []
    appositive: tuple[int, int] | None = None
    content: list[Token] = []
    has_and = False
    while index < end:
        token = tokens[index]
        if token.text == "(":
            close = _find(tokens, ")", index, min(end, index + 14))
            if close is None:
                return None
            skipped.append((index, close + 1))
            index = close + 1
            continue
        if token.text == ",":
            if not content:
                return None
            close = _find(tokens, ",", index + 1, min(end, index + 16))
            after = tokens[index + 1] if index + 1 < end else None
            opens_aside = after is not None and (
                after.lower in DETERMINERS or after.lower in {"who", "which"}
            )
            if opens_aside and close is not None and _verb_follows(tokens, close + 1, end):
                skipped.append((index, close + 1))
                if after is not None and after.lower in DETERMINERS:
                    appositive = (index + 1, close)
                index = close + 1
                break
            return None
        if not token.is_word:
            return None
        lower = token.lower
        if token.is_number:
            content.append(token)
            index += 1
            continue
        if lower in {"and", "&"} or lower in _SUBJECT_PREPOSITIONS:
            if not content or index + 1 >= end or not tokens[index + 1].is_word:
                return None
            has_and = has_and or lower == "and"
            index += 1
            if tokens[index].lower in DETERMINERS:
                index += 1
            continue
        if content and _is_verb(
            tokens, index, end, _head(tokens, start, index), has_and, strict=strict
        ):
            break
        if lower in STOPWORDS:
            break
        content.append(token)
        index += 1
    if not content or len(content) > MAX_SUBJECT_WORDS or index >= end:
        return None
    verb_at = index
    while verb_at < end and _is_adverb(tokens[verb_at]):
        verb_at += 1
    if verb_at >= end:
        return None
    plural = has_and or is_plural_noun(_head(tokens, start, index).text)
    head = _head(tokens, start, index)
    if not _is_verb(tokens, verb_at, end, head, has_and, strict=strict, after_adverb=True):
        return None
    return index, skipped, appositive, verb_at, plural


def _head(tokens: tuple[Token, ...], start: int, end: int) -> Token:
    """The head noun of a subject: the last word before "of"/"in" ("prices in Germany")."""
    head = tokens[start]
    for token in tokens[start:end]:
        if token.lower in _SUBJECT_PREPOSITIONS:
            break
        if token.is_word and token.lower not in DETERMINERS:
            head = token
    return head


def _is_verb(
    tokens: tuple[Token, ...],
    index: int,
    end: int,
    head: Token,
    has_and: bool,
    *,
    strict: bool,
    after_adverb: bool = False,
) -> bool:
    token = tokens[index]
    lower = token.lower
    if lower in BE or lower in HAVE or lower in DO or lower in MODALS:
        return True
    if token.is_capitalized or not token.is_word:
        return False
    form = verb_form(lower)
    if form is None:
        return False
    previous = tokens[index - 1].lower if index > 0 else ""
    if previous in _NOUN_CONTEXT and not after_adverb:
        return False
    following = tokens[index + 1] if index + 1 < end else None
    plural = has_and or is_plural_noun(head.text)
    if "past" in form.kinds or "participle" in form.kinds:
        if _finite_follows(tokens, index + 1, end):
            return False  # "Books printed before 1501 are called ...": a reduced relative
        if lower in _IRREGULAR_PASTS and "base" not in form.kinds:
            return True
        if not strict:
            return True
        return following is None or _starts_object(following)
    if "3sg" in form.kinds and not plural:
        return not _agrees_later(tokens, index, end)
    if "base" in form.kinds and plural:
        return not _agrees_later(tokens, index, end)
    return False


def _finite_follows(tokens: tuple[Token, ...], index: int, end: int) -> bool:
    """A finite "was/are/had/could" later in the same stretch means the verb is still to come."""
    for token in tokens[index : min(end, index + 8)]:
        lower = token.lower
        if token.text in {",", ";", ":", "(", "—"} or lower in RELATIVES:
            return False
        if lower in SUBORDINATORS and lower not in PREPOSITIONS:
            return False
        if lower in COORDINATORS:
            return False
        if lower in {"is", "are", "was", "were", "has", "have", "had"} or lower in MODALS:
            return True
    return False


def _starts_object(token: Token) -> bool:
    lower = token.lower
    return (
        not token.is_word
        or token.is_number
        or token.is_capitalized
        or lower in STOPWORDS
        or lower.endswith("ly")
    )


# Third-person verbs that are almost never plural nouns ("photosynthesis takes place").
_LIGHT_VERBS = word_set(
    "takes makes gives goes comes gets becomes keeps seems means lets puts brings holds leads "
    "helps shows begins remains contains requires depends consists allows causes"
)


def _agrees_later(tokens: tuple[Token, ...], index: int, end: int) -> bool:
    """ "Price changes affect demand": "changes" is a noun when a verb follows at once."""
    if not tokens[index].lower.endswith("s") or tokens[index].lower in _LIGHT_VERBS:
        return False
    index += 1
    while index < end and _is_adverb(tokens[index]):
        index += 1  # "balances often compound"
    if index >= end:
        return False
    following = tokens[index]
    if following.is_capitalized or not following.is_word:
        return False
    form = verb_form(following.lower)
    if form is None or following.lower in STOPWORDS:
        return False
    return "base" in form.kinds or "past" in form.kinds


def _verb_group(
    tokens: tuple[Token, ...], index: int, end: int
) -> tuple[int, int | None, int | None] | None:
    first = tokens[index].lower
    if not is_auxiliary(first):
        return index + 1, None, index
    aux = index
    cursor = index + 1
    main: int | None = None
    while cursor < end:
        lower = tokens[cursor].lower
        if lower in NEGATIONS or _is_adverb(tokens[cursor]):
            cursor += 1
            continue
        if lower in BE or lower in HAVE:
            cursor += 1
            main = None
            continue
        form = verb_form(lower)
        if (
            form is not None
            and tokens[cursor].is_word
            and not tokens[cursor].is_capitalized
            and form.kinds & {"participle", "ing", "base", "past"}
            and not _noun_after_copula(tokens, cursor, end, first)
        ):
            main = cursor
            cursor += 1
        break
    while cursor > aux + 1 and _is_adverb(tokens[cursor - 1]) and main is None:
        cursor -= 1  # trailing adverbs belong to the complement ("was also a ...")
    if main is None and first in HAVE | DO and cursor == aux + 1:
        return aux + 1, None, aux  # lexical "had two sons", "did research"
    return cursor, aux, main


def _noun_after_copula(tokens: tuple[Token, ...], index: int, end: int, aux: str) -> bool:
    """ "was a key part" fine; "is change" (noun) vs "is changing"/"was changed" (verbs)."""
    lower = tokens[index].lower
    form = verb_form(lower)
    if form is None or aux not in BE:
        return False
    return form.kinds <= {"base", "3sg"}


def _is_adverb(token: Token) -> bool:
    lower = token.lower
    if lower in FREQUENCY_ADVERBS or lower in {"not", "never"}:
        return True
    return (
        token.is_word
        and lower.endswith("ly")
        and len(lower) > 4
        and lower not in {"only", "early", "family", "italy", "july", "supply", "apply", "rely"}
        and verb_form(lower) is None
    )


def _verb_follows(tokens: tuple[Token, ...], index: int, end: int) -> bool:
    while index < end and _is_adverb(tokens[index]):
        index += 1
    if index >= end:
        return False
    lower = tokens[index].lower
    if is_auxiliary(lower):
        return True
    form = verb_form(lower)
    return form is not None and not tokens[index].is_capitalized and "ing" not in form.kinds


def _find(tokens: tuple[Token, ...], text: str, start: int, stop: int) -> int | None:
    for index in range(start, stop):
        if tokens[index].text == text:
            return index
    return None


def relative_follows(tokens: Sequence[Token], index: int) -> bool:
    return index < len(tokens) and tokens[index].lower in RELATIVES


def is_coordinator(token: Token) -> bool:
    return token.lower in COORDINATORS
