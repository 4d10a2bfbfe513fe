"""Find dates ("in 1958", "4 July 1776", "the 15th century", "from 1958 to 1961") and counted
quantities ("about 180 copies", "30 million people", "$2 billion") in a sentence's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from study.generation.lexicon import MONTHS, STOPWORDS, word_set
from study.generation.morphology import is_plural_noun, verb_form
from study.generation.tokens import Token

_YEAR = re.compile(r"^(?:1\d{3}|20\d{2})(?:s)?$")
_YEAR_RANGE = re.compile(r"^(?:1\d{3}|20\d{2})\s?[–—-]\s?\d{2,4}$")
_DAY = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$")
_ORDINAL = re.compile(r"^\d{1,2}(?:st|nd|rd|th)$")
_ORDINAL_WORDS = word_set(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth twenty-first"
)
_TIME_PREPOSITIONS = word_set("in since until till by before after during")
_ATTRIBUTIVE = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})
_ERAS = frozenset({"bc", "bce", "ad", "ce"})
_PERIOD_WORDS = frozenset({"century", "centuries", "millennium"})
_PERIOD_NOUNS = word_set(
    "summer winter spring autumn fall end beginning start middle half part years"
)
_EARLY_LATE = frozenset({"early", "mid", "late", "mid-"})
DATE_PREPOSITIONS = word_set(
    "in on by around about circa c since until till from after before during between "
    "through throughout"
)
KEEP_PREPOSITION = word_set(
    "by around about circa c since until till from after before between through"
)
NUMBER_WORDS = word_set(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty sixty seventy eighty ninety hundred dozens hundreds thousands millions "
    "tens billions"
)
_SCALES = frozenset(["hundred", "thousand", "million", "billion", "trillion"])
_PLURAL_SCALES = frozenset(["dozens", "hundreds", "thousands", "millions", "billions"])
_MODIFIERS = word_set(
    "about around nearly almost over some roughly approximately only just more less fewer "
    "than at least most up to an estimated"
)
_CURRENCY = frozenset({"$", "£", "€", "¥"})
_CURRENCY_WORDS = word_set("dollars pounds euros francs marks yen yuan rupees shillings")
_UNITS_NOT_COUNTED = frozenset(["percent", "per", "cent", "%"])


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int  # token index, preposition included
    end: int
    value_start: int  # token index where the date itself starts (after "in"/"the")
    preposition: str

    def answer_range(self) -> tuple[int, int]:
        keep = self.preposition in KEEP_PREPOSITION
        return (self.start if keep else self.value_start), self.end


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # first token (modifier or currency included)
    end: int  # end of the number (and its scale word)
    noun_start: int  # the counted noun phrase (after "of" in "tens of millions of farmers")
    noun_end: int  # its end (== noun_start when nothing is counted)
    money: bool
    percent: bool = False


def dates(tokens: Sequence[Token]) -> list[DateSpan]:
    found: list[DateSpan] = []
    index = 0
    while index < len(tokens):
        end = _date_at(tokens, index)
        if end is None:
            index += 1
            continue
        value_start = index
        start = index
        if start > 0 and tokens[start - 1].lower in {"the"}:
            start -= 1
            value_start = start
        # "the summer of 1958", "the end of the 1950s"
        if (
            start >= 3
            and tokens[start - 1].lower == "of"
            and tokens[start - 2].lower in _PERIOD_NOUNS
            and tokens[start - 3].lower in {"the", "early", "late"}
        ):
            start -= 3
            value_start = start
        while start > 0 and tokens[start - 1].lower in _EARLY_LATE:
            start -= 1
            value_start = start
        preposition = ""
        if start > 0 and tokens[start - 1].lower.rstrip(".") in DATE_PREPOSITIONS:
            preposition = tokens[start - 1].lower.rstrip(".")
            start -= 1
        end = _range_tail(tokens, preposition, end)
        found.append(DateSpan(start, end, value_start, preposition))
        index = end
    return found


def _date_at(tokens: Sequence[Token], index: int) -> int | None:
    """End index of a date starting exactly at `index`, or None."""
    token = tokens[index]
    text = token.text
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.is_capitalized and token.lower in MONTHS and len(text) > 3:
        end = index + 1
        if end < len(tokens) and _DAY.match(tokens[end].text):
            end += 1
            if (
                end + 1 < len(tokens)
                and tokens[end].text == ","
                and _YEAR.match(tokens[end + 1].text)
            ):
                end += 2
        if end < len(tokens) and _YEAR.match(tokens[end].text):
            end += 1
        return end if end > index + 1 else None
    if (
        _DAY.match(text)
        and following is not None
        and following.lower in MONTHS
        and following.is_capitalized
    ):
        end = index + 2
        if end < len(tokens) and _YEAR.match(tokens[end].text):
            end += 1
        return end
    ordinal = _ORDINAL.match(text) or token.lower in _ORDINAL_WORDS
    if ordinal and following is not None and following.lower in _PERIOD_WORDS:
        return _with_era(tokens, index + 2)
    if _YEAR.match(text) or _YEAR_RANGE.match(text):
        previous = tokens[index - 1].lower if index > 0 else ""
        timed = previous in _TIME_PREPOSITIONS  # "In 1923 prices ...", "By 1500 presses ..."
        if following is not None and _counts_something(following) and not timed:
            return None  # "1500 people" is a quantity, not a year
        attributive = following is not None and following.is_word
        if attributive and previous in _ATTRIBUTIVE and following.lower not in STOPWORDS:  # type: ignore[union-attr]
            return None  # "the 2023 Nobel Prize", "the 1958 target": names a thing
        return _with_era(tokens, index + 1)
    return None


def _with_era(tokens: Sequence[Token], end: int) -> int:
    if end < len(tokens) and tokens[end].lower.rstrip(".") in _ERAS:
        return end + 1
    return end


def _range_tail(tokens: Sequence[Token], preposition: str, end: int) -> int:
    """ "from 1958 to 1961", "between 1958 and 1961" are one date."""
    joiner = {"from": "to", "between": "and"}.get(preposition)
    if joiner and end + 1 < len(tokens) and tokens[end].lower == joiner:
        tail = _date_at(tokens, end + 1)
        if tail is not None:
            return tail
    return end


def _counts_something(token: Token) -> bool:
    lower = token.lower
    if not token.is_word or token.is_capitalized or lower in STOPWORDS:
        return False
    form = verb_form(lower)
    return form is None or "3sg" in form.kinds or is_plural_noun(lower)


def quantities(tokens: Sequence[Token], date_tokens: set[int]) -> list[Quantity]:
    found: list[Quantity] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        is_number = token.is_number or token.lower in NUMBER_WORDS
        if not is_number or index in date_tokens:
            index += 1
            continue
        start = index
        money = start > 0 and tokens[start - 1].text in _CURRENCY
        if money:
            start -= 1
        while start > 0 and tokens[start - 1].lower in _MODIFIERS:
            start -= 1
        if start > 0 and tokens[start - 1].lower == "an" and tokens[start].lower == "estimated":
            start -= 1
        end = _number_end(tokens, index + 1)
        # "12 to 18", "between 5 and 10 million": one quantity
        if (
            end + 1 < len(tokens)
            and tokens[end].lower in {"to", "and", "or"}
            and tokens[end + 1].is_number
        ):
            end = _number_end(tokens, end + 2)
        if end < len(tokens) and tokens[end].lower in _CURRENCY_WORDS:
            money, end = True, end + 1
        if end < len(tokens) and tokens[end].lower in _UNITS_NOT_COUNTED:
            unit_end = end + 2 if tokens[end].lower == "per" else end + 1
            found.append(Quantity(start, unit_end, unit_end, unit_end, money, percent=True))
            index = unit_end
            continue
        # "tens of millions of farmers", "hundreds of workers"
        while (
            end + 1 < len(tokens)
            and tokens[end].lower == "of"
            and tokens[end + 1].lower in _PLURAL_SCALES
        ):
            end += 2
        noun_start = end
        if (
            token.lower in _PLURAL_SCALES | {"tens"}
            and end < len(tokens)
            and tokens[end].lower == "of"
        ):
            noun_start = end + 1
        noun_end = noun_start if money else _counted_noun(tokens, noun_start)
        if noun_end == noun_start:
            noun_start = noun_end = end
        found.append(Quantity(start, end, noun_start, noun_end, money))
        index = max(end, noun_end)
    return found


def _number_end(tokens: Sequence[Token], end: int) -> int:
    while end < len(tokens) and tokens[end].lower in _SCALES:
        end += 1
    return end


def _counted_noun(tokens: Sequence[Token], index: int) -> int:
    """ "180 copies of the Bible": up to two modifiers, a plural head, an "of" phrase."""
    cursor = index
    while cursor < len(tokens) and cursor - index < 3:
        token = tokens[cursor]
        if not token.is_word or token.lower in STOPWORDS or token.is_capitalized:
            break
        if is_plural_noun(token.lower):
            cursor += 1
            if cursor < len(tokens) and tokens[cursor].lower == "of":
                tail = cursor + 1
                while tail < len(tokens) and tail - cursor <= 3 and tokens[tail].is_word:
                    if tokens[tail].lower in STOPWORDS - {"the", "a", "an"}:
                        break
                    tail += 1
                if tail > cursor + 1 and tokens[tail - 1].lower not in STOPWORDS:
                    cursor = tail
            return cursor
        cursor += 1
    return index
