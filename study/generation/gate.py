"""The one quality gate every generator's output goes through.

Hard checks only (a card failing any is rejected with every reason found), so the same rules
hold for the offline templates and for whatever a language model returns:

- grounded: the evidence quote is found in the section (after normalising quotes, dashes and
  whitespace) and stored as code point offsets into the original text;
- supported: the answer's content words are in the evidence (one may be missing when there are
  four or more) and every number in the answer appears in the evidence;
- well formed: questions end with "?", have 3-30 words, open with no dangling pronoun and never
  say "according to the text"; cloze texts use valid `{{c1::...}}` markup with 1-6 word
  deletions;
- not given away: the question does not already contain every content word of the answer;
- atomic: answers of at most 15 words, no yes/no answers, no enumerations of more than three;
- distinct: no near-duplicate of a card kept before it (rapidfuzz), so callers pass drafts
  best first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from study.generation import cloze
from study.generation.lexicon import LEADING_PRONOUNS
from study.generation.normalize import Normalized, find_span, fold, normalize
from study.generation.tokens import content_stems, numbers_in, stem, words
from study.generation.types import Card, CardDraft, Evidence

MIN_EVIDENCE_CHARS = 12
MAX_EVIDENCE_CHARS = 600
MIN_QUESTION_WORDS, MAX_QUESTION_WORDS = 3, 30
MIN_CLOZE_WORDS, MAX_CLOZE_WORDS = 5, 60
MAX_ANSWER_WORDS = 15
MIN_DELETION_WORDS, MAX_DELETION_WORDS = 1, 6
MAX_LIST_ITEMS = 3
DUPLICATE_QUESTION_RATIO = 90
DUPLICATE_ANSWER_RATIO = 90

# Stable reason codes (tests and the benchmark count them) with the text a model is shown
# when it is asked to fix its cards.
REASONS: dict[str, str] = {
    "kind": 'kind must be "basic" or "cloze"',
    "evidence_missing": "the evidence is not a verbatim quote from the section",
    "evidence_length": f"the evidence must quote {MIN_EVIDENCE_CHARS}-{MAX_EVIDENCE_CHARS} "
    "characters",
    "answer_empty": "the answer is empty",
    "answer_too_long": f"the answer has more than {MAX_ANSWER_WORDS} words",
    "answer_unsupported": "the answer uses words that are not in the quoted evidence",
    "number_unsupported": "the answer has a number that is not in the quoted evidence",
    "answer_yes_no": "yes/no and true/false answers are not allowed",
    "list_answer": f"the answer lists more than {MAX_LIST_ITEMS} items; make one card per item",
    "question_mark": 'a basic question must end with "?"',
    "question_length": f"a question needs {MIN_QUESTION_WORDS}-{MAX_QUESTION_WORDS} words "
    f"(a cloze text {MIN_CLOZE_WORDS}-{MAX_CLOZE_WORDS})",
    "leading_pronoun": "the question opens with a pronoun whose referent is not in the card",
    "meta_reference": 'the question refers to "the text", "the passage" or "the author"',
    "dangling_reference": 'the question says "this", "these", "those", "there" or "here" '
    "about something the card does not name",
    "answer_in_question": "the question gives the answer away",
    "cloze_syntax": "the cloze text needs {{c1::...}} deletions with valid syntax",
    "cloze_deletion_length": f"each cloze deletion must have {MIN_DELETION_WORDS}-"
    f"{MAX_DELETION_WORDS} words",
    "cloze_unsupported": "the cloze text says things the quoted evidence does not",
    "duplicate": "it repeats another card",
}

_META = re.compile(
    r"\b(?:according to|in|from|by|within) (?:the|this) "
    r"(?:text|passage|article|section|excerpt|paragraph|reading|author|document)\b"
    r"|\bthis (?:text|passage|section|excerpt|paragraph)\b|\bthe author\b",
    re.IGNORECASE,
)
_DEICTIC = {"this", "these", "those"}  # "this effect": which one? the card cannot say
_YES_NO = {"yes", "no", "true", "false", "yes.", "no.", "true.", "false."}
_PRONOUN_WINDOW = 3  # "Why did he ...": a pronoun this early has no referent in the card


@dataclass(frozen=True, slots=True)
class Rejection:
    card: CardDraft
    reasons: tuple[str, ...]


@dataclass(slots=True)
class GateResult:
    kept: list[Card] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        total = len(self.kept) + len(self.rejected)
        return len(self.kept) / total if total else 0.0


def check(
    section_text: str, drafts: Iterable[CardDraft], *, existing: Sequence[Card] = ()
) -> GateResult:
    """Gate `drafts` (best first) against `section_text`; `existing` cards count as kept."""
    result = GateResult()
    cache: list[Normalized] = []

    def haystack() -> Normalized:  # normalising a long section is costly: only when needed
        if not cache:
            cache.append(normalize(section_text))
        return cache[0]

    accepted = [_Seen.of(card) for card in existing]
    for draft in drafts:
        card, reasons = _check_one(section_text, haystack, draft)
        if card is not None and not reasons:
            seen = _Seen.of(card)
            if any(seen.duplicates(other) for other in accepted):
                reasons.append("duplicate")
            else:
                accepted.append(seen)
        if card is None or reasons:
            result.rejected.append(Rejection(draft, tuple(reasons)))
            continue
        result.kept.append(card)
    return result


def describe(reasons: Iterable[str]) -> str:
    return "; ".join(REASONS.get(reason, reason) for reason in reasons)


def _check_one(text: str, haystack: Normalized, draft: CardDraft) -> tuple[Card | None, list[str]]:
    reasons: list[str] = []
    kind = draft.kind.strip().lower()
    if kind not in ("basic", "cloze"):
        return None, ["kind"]
    question = " ".join(draft.question.split())
    answer = " ".join(draft.answer.split())
    evidence = _locate(text, haystack, draft, reasons)
    evidence_text = evidence.exact if evidence else ""
    if kind == "basic":
        _check_question(question, reasons)
        _check_answer(answer, question, evidence, evidence_text, reasons)
    else:
        answer = _check_cloze(question, evidence, evidence_text, reasons)
    if evidence is None:
        return None, reasons
    return Card(question=question, answer=answer, kind=kind, evidence=evidence), reasons


def _locate(
    text: str, haystack: Callable[[], Normalized], draft: CardDraft, reasons: list[str]
) -> Evidence | None:
    span = find_span(text, draft.quote, hint=draft.start, haystack=haystack)
    if span is None:
        reasons.append("evidence_missing")
        return None
    start, end = span
    if not MIN_EVIDENCE_CHARS <= end - start <= MAX_EVIDENCE_CHARS:
        reasons.append("evidence_length")
    return Evidence(start=start, end=end, exact=text[start:end])


def _check_question(question: str, reasons: list[str]) -> None:
    if not question.endswith("?"):
        reasons.append("question_mark")
    if not MIN_QUESTION_WORDS <= len(words(question)) <= MAX_QUESTION_WORDS:
        reasons.append("question_length")
    _check_opening(question, reasons)


def _check_opening(text: str, reasons: list[str], *, basic: bool = True) -> None:
    opening = [w.lower() for w in words(text)[:_PRONOUN_WINDOW]]
    if opening and (
        opening[0] in LEADING_PRONOUNS
        or any(w in {"he", "she", "it", "they", "him", "them", "his"} for w in opening[1:])
    ):
        reasons.append("leading_pronoun")
    if _META.search(text):
        reasons.append("meta_reference")
    tokens = words(text)
    lowered = [w.lower() for w in tokens]
    if basic and (
        any(w in _DEICTIC for w in lowered)
        or any(w in {"there", "here"} for w in lowered[1:])
        or _unnamed_person(tokens)
    ):
        reasons.append("dangling_reference")


def _unnamed_person(tokens: list[str]) -> bool:
    """ "Who showed her his engine?", "... named a language in her honour": he, she, his and
    her point at someone the card may not name, so basic questions never use them."""
    return any(word.lower() in _PERSONAL for word in tokens)


_PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}


def _check_answer(
    answer: str, question: str, evidence: Evidence | None, evidence_text: str, reasons: list[str]
) -> None:
    answer_words = words(answer)
    if not answer_words:
        reasons.append("answer_empty")
        return
    if len(answer_words) > MAX_ANSWER_WORDS:
        reasons.append("answer_too_long")
    if answer.lower().strip() in _YES_NO:
        reasons.append("answer_yes_no")
    if "\n" in answer or _list_items(answer) > MAX_LIST_ITEMS:
        reasons.append("list_answer")
    if evidence is not None:
        _check_support(answer, evidence_text, reasons)
    if _given_away(answer, question):
        reasons.append("answer_in_question")


def _check_support(answer: str, evidence_text: str, reasons: list[str]) -> None:
    evidence_stems = set(content_stems(evidence_text))
    stems = content_stems(answer)
    missing = [s for s in stems if s not in evidence_stems]
    if len(missing) > (1 if len(stems) >= 4 else 0):
        reasons.append("answer_unsupported")
    evidence_numbers = set(numbers_in(evidence_text))
    if any(n not in evidence_numbers for n in numbers_in(answer)):
        reasons.append("number_unsupported")


def _given_away(answer: str, question: str) -> bool:
    answer_words = " ".join(words(fold(answer)))
    if answer_words and f" {answer_words} " in f" {' '.join(words(fold(question)))} ":
        return True
    stems = set(content_stems(answer))
    return bool(stems) and stems <= set(content_stems(question))


def _list_items(answer: str) -> int:
    separators = answer.count(",") + answer.count(";")
    if re.search(r"\b(?:and|or)\b", answer):
        separators += 1
    return separators + 1 if separators else 1


def _check_cloze(
    text: str, evidence: Evidence | None, evidence_text: str, reasons: list[str]
) -> str:
    if not cloze.is_valid(text):
        reasons.append("cloze_syntax")
        return ""
    found = cloze.deletions(text)
    answer = "; ".join(d.text.strip() for d in found)
    full = cloze.filled(text)
    if not MIN_CLOZE_WORDS <= len(words(full)) <= MAX_CLOZE_WORDS:
        reasons.append("question_length")
    _check_opening(full, reasons, basic=False)  # a cloze text carries its own context
    if any(not MIN_DELETION_WORDS <= len(words(d.text)) <= MAX_DELETION_WORDS for d in found):
        reasons.append("cloze_deletion_length")
    visible = cloze.masked(text, " ")
    if any(_given_away(d.text, visible) for d in found):
        reasons.append("answer_in_question")
    if evidence is not None:
        _check_support(answer, evidence_text, reasons)
        evidence_stems = set(content_stems(evidence_text))
        stems = content_stems(full)
        if stems and sum(s in evidence_stems for s in stems) < 0.8 * len(stems):
            reasons.append("cloze_unsupported")
    return answer


@dataclass(frozen=True, slots=True)
class _Seen:
    """A kept card with the keys the duplicate check compares, computed once."""

    card: Card
    key: str
    answer: str

    @classmethod
    def of(cls, card: Card) -> _Seen:
        question = cloze.filled(card.question) if card.kind == "cloze" else card.question
        return cls(card, _plain(question), _plain(card.answer))

    def duplicates(self, other: _Seen) -> bool:
        if fuzz.token_sort_ratio(self.key, other.key) >= DUPLICATE_QUESTION_RATIO:
            return True
        a, b = self.card.evidence, other.card.evidence
        overlap = a.start < b.end and b.start < a.end
        return overlap and fuzz.ratio(self.answer, other.answer) >= DUPLICATE_ANSWER_RATIO


def _plain(text: str) -> str:
    return " ".join(stem(w) for w in words(text.casefold()))
