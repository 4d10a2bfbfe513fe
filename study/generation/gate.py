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
  best first;
- not trivial (`trivial_reasons`): the answer is not the article's or section's title, does not
  merely repeat the question's own words, a cloze blank is a specific fact (a name, number,
  date or a term the section uses again) rather than a generic phrase, and a "What ...?"
  question names something to ask about instead of a bare verb ("What fell sharply?").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from study.generation import cloze
from study.generation.lexicon import LEADING_PRONOUNS, STOPWORDS, word_set
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
    "answer_is_title": "the answer is the article's or the section's title",
    "answer_echoes_question": "the answer only adds a word to what the question already says",
    "generic_blank": "a cloze blank must be a specific fact (a name, number, date or term), "
    "not a generic phrase",
    "guessable_answer": "the answer is a common word anyone could guess without reading",
    "vague_question": "the question does not say what it asks about; many things in the "
    "section would fit",
}
TRIVIAL = frozenset(
    {
        "answer_is_title",
        "answer_echoes_question",
        "generic_blank",
        "guessable_answer",
        "vague_question",
    }
)

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
    section_text: str,
    drafts: Iterable[CardDraft],
    *,
    existing: Sequence[Card] = (),
    titles: Sequence[str] = (),
) -> GateResult:
    """Gate `drafts` (best first) against `section_text`; `existing` cards count as kept.

    `titles` are the article's and the section's titles: a card answering with one is trivial.
    """
    result = GateResult()
    cache: list[Normalized] = []
    terms = _Terms(section_text, titles)

    def haystack() -> Normalized:  # normalising a long section is costly: only when needed
        if not cache:
            cache.append(normalize(section_text))
        return cache[0]

    accepted = [_Seen.of(card) for card in existing]
    for draft in drafts:
        card, reasons = _check_one(section_text, haystack, draft)
        if card is not None and not reasons:
            reasons += terms.trivial(card)
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
            # One sentence may give several cloze cards, each blanking a different fact.
            both_cloze = self.card.kind == other.card.kind == "cloze"
            return not both_cloze or fuzz.ratio(self.answer, other.answer) >= 60
        a, b = self.card.evidence, other.card.evidence
        overlap = a.start < b.end and b.start < a.end
        return overlap and fuzz.ratio(self.answer, other.answer) >= DUPLICATE_ANSWER_RATIO


def _plain(text: str) -> str:
    return " ".join(stem(w) for w in words(text.casefold()))


def trivial_reasons(card: Card, section_text: str, titles: Sequence[str] = ()) -> list[str]:
    """Why a card that is otherwise well formed tests nothing (empty when it is fine)."""
    return _Terms(section_text, titles).trivial(card)


# Words anyone could put in a blank or answer without reading: a card whose whole answer is
# one of these tests guessing, not the section.
GUESSABLE = word_set(
    "people person thing things way ways time times reality success failure change changes "
    "problem problems power work life world everything nothing something growth progress "
    "result results effect effects cause causes reason reasons part parts number numbers "
    "use uses action actions idea ideas fact facts truth society history future past "
    "money food water help support control order attention importance interest interests "
    "value values need needs way means place places area areas level levels"
)
_GENERIC_HEADS = word_set(
    "provinces regions areas places countries parts groups members people things ways "
    "years times cases examples factors problems issues changes results effects kinds "
    "types forms aspects sides levels steps stages"
)
_NAMING = re.compile(r"\b(?:called|termed|named|dubbed|known as|defined as)\s+(?:the |an? )?$")
_TERM_LENGTH = 11
_NUMBER_WORDS = word_set(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions billion billions half quarter "
    "dozen first second third fourth fifth"
)


class _Terms:
    """What the triviality checks need to know about the section, computed once per check."""

    def __init__(self, section_text: str, titles: Sequence[str]) -> None:
        self.text = section_text
        self.titles = [set(content_stems(t)) for t in titles if content_stems(t)]
        self._counts: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        if self._counts is None:
            counts: dict[str, int] = {}
            for word in words(self.text):
                key = stem(word.lower())
                counts[key] = counts.get(key, 0) + 1
            self._counts = counts
        return self._counts

    def trivial(self, card: Card) -> list[str]:
        reasons: list[str] = []
        answers = (
            [d.text for d in cloze.deletions(card.question)]
            if card.kind == "cloze"
            else [card.answer]
        )
        if any(self._is_title(answer) for answer in answers):
            reasons.append("answer_is_title")
        if card.kind == "cloze":
            if any(
                not self._specific_blank(card.question, d) for d in cloze.deletions(card.question)
            ):
                reasons.append("generic_blank")
            return reasons
        if _echoes(card.answer, card.question):
            reasons.append("answer_echoes_question")
        if _guessable(card.answer):
            reasons.append("guessable_answer")
        if _vague(card.question):
            reasons.append("vague_question")
        return reasons

    def _is_title(self, answer: str) -> bool:
        stems = set(content_stems(answer))
        return bool(stems) and any(stems <= title for title in self.titles)

    def _specific_blank(self, text: str, deletion: cloze.Deletion) -> bool:
        """A name, a number or date, or a term: named as one, or used again in the section."""
        tokens = words(deletion.text)
        if not tokens:
            return False
        if any(any(ch.isdigit() for ch in w) or w.lower() in _NUMBER_WORDS for w in tokens):
            return True
        before = text[: text.find("{{c")]
        at_start = not words(cloze.masked(before))
        capitals = [w for i, w in enumerate(tokens) if w[:1].isupper() and (i or not at_start)]
        if any(w.lower() not in STOPWORDS for w in capitals):
            return True
        if at_start and tokens[0][:1].isupper() and self._capitalised_elsewhere(tokens[0]):
            return True
        if _NAMING.search(cloze.masked(before)):
            return True
        content = [w for w in tokens if w.lower() not in STOPWORDS]
        if not content or all(w.lower() in GUESSABLE for w in content):
            return False
        head = content[-1].lower()
        if head in _GENERIC_HEADS:
            return False
        if len(head) >= _TERM_LENGTH:
            return True  # "chlorophyll", "mitochondria": long words are rarely everyday ones
        # a term of the section: its head noun comes back elsewhere in the section
        return self.counts().get(stem(head), 0) >= 2

    def _capitalised_elsewhere(self, word: str) -> bool:
        """Written with a capital somewhere other than the start of a sentence (a name)."""
        for match in re.finditer(rf"\b{re.escape(word)}\b", self.text):
            before = self.text[: match.start()].rstrip().rstrip("\"'”’)]")
            if before and before[-1] not in ".!?:\n":
                return True
        return False


_WHICH = re.compile(r"^(?:Which|What)\s+(\w+)\b")


def _echoes(answer: str, question: str) -> bool:
    """ "Which requisitions ...? Grain requisitions": the question names the answer's head, so
    all the answer adds is one modifier a reader guesses from the rest of the question."""
    match = _WHICH.match(question)
    stems = content_stems(answer)
    if match is None or len(stems) < 2 or match.group(1).lower() in STOPWORDS:
        return False
    asked = set(content_stems(question))
    new = [w for w in words(answer) if w.lower() not in STOPWORDS and stem(w.lower()) not in asked]
    if len(new) > 1 or any(any(ch.isdigit() for ch in w) for w in new):
        return False
    return stems[-1] == stem(match.group(1).lower())


def _guessable(answer: str) -> bool:
    tokens = [w.lower() for w in words(answer) if w.lower() not in STOPWORDS]
    return bool(tokens) and all(w in GUESSABLE for w in tokens)


_BARE_WH = re.compile(r"^(?:What|Which \w+)\s+(\w+)\s+(.*)\?$")


def _vague(question: str) -> bool:
    """ "What fell sharply after 1958?": a verb, an adverb and a date fit many things."""
    match = _BARE_WH.match(question)
    if match is None or match.group(1).lower() in STOPWORDS:
        return False  # "What is ...", "What did ... lead to": the question names its subject
    rest = [w for w in words(match.group(2)) if w.lower() not in STOPWORDS]
    nouns = [w for w in rest if not w.lower().endswith("ly") and not any(c.isdigit() for c in w)]
    return not nouns
