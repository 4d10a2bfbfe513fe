"""A small keyphrase scorer: RAKE candidates, YAKE-like word statistics.

Why our own: YAKE is LGPLv3 and pulls in numpy, networkx, jellyfish and more (~95 MB);
rake-nltk needs an NLTK corpus download, which the offline generator must never do; the spaCy
English model is not on the package index. About a hundred lines give us what the templates
need, deterministic and fast:

- candidates (RAKE): maximal runs of words between stopwords, punctuation and words that act
  as verbs ("vaccines | use | a weakened strain"), at most four words;
- word weight (YAKE-like): frequency across the section (log-damped), spread over sentences,
  capitalisation inside sentences (names and terms), early first mention, and word length
  (long words tend to be specific terms);
- phrase score: the mean weight of its words, a mild bonus for multi-word phrases, and the
  phrase's own frequency.

Scores rank sentences and cloze gaps; they are never used as a gate (a keyphrase test flags
good answers such as "sparrows", see research/flashcards.md §2).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from study.generation.lexicon import (
    DEICTIC,
    DETERMINERS,
    IRREGULAR,
    MODALS,
    OBJECT_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    QUANTIFIERS,
    STOPWORDS,
    word_set,
)
from study.generation.morphology import is_auxiliary, is_plural_noun, verb_form
from study.generation.quantities import NUMBER_WORDS
from study.generation.segment import Sentence
from study.generation.tokens import Token, stem, strip_possessive

MAX_PHRASE_WORDS = 4
MAX_NAME_WORDS = 6
# Words that open a verb's object: after "use" in "vaccines use a ...", not after "share on".
_OBJECT_STARTERS = (
    DETERMINERS | DEICTIC | POSSESSIVE_PRONOUNS | OBJECT_PRONOUNS | QUANTIFIERS | NUMBER_WORDS
)
_TITLE_WORDS = frozenset({"of", "and", "for", "de", "von", "van", "la", "le", "da", "di"})
# Adverbs and particles that never belong in a keyphrase ("push farming forward together").
_ADVERBS = word_set(
    "together forward forwards back away apart instead abroad ahead alone almost nearly "
    "even rather quite very too much many well far up down out off again already yet ever "
    "inside outside anywhere everywhere somewhere nowhere close closer nearby little "
    "round"
)


@dataclass(frozen=True, slots=True)
class Phrase:
    tokens: tuple[Token, ...]
    sentence: int
    score: float = 0.0

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def key(self) -> str:
        return " ".join(stem(t.text) for t in self.tokens)


@dataclass(frozen=True, slots=True)
class Keyphrases:
    phrases: tuple[Phrase, ...]  # every candidate occurrence, scored
    word_weight: dict[str, float]

    def in_sentence(self, index: int) -> list[Phrase]:
        return [p for p in self.phrases if p.sentence == index]

    def best_score(self) -> float:
        return max((p.score for p in self.phrases), default=0.0)

    def weight_of(self, text_tokens: Sequence[Token]) -> float:
        return sum(self.word_weight.get(stem(t.text), 0.0) for t in text_tokens)


def candidates(
    sentence: Sentence, nouns: AbstractSet[str] = frozenset()
) -> list[tuple[Token, ...]]:
    runs: list[tuple[Token, ...]] = []
    current: list[Token] = []
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        previous = tokens[index - 1] if index > 0 else None
        if current and _starts_name(token, previous):
            runs.append(tuple(current))  # "the historian | Elizabeth Eisenstein"
            current = []
        if _breaks(token, bool(current), following, previous, nouns):
            if current:
                runs.append(tuple(current))
            current = []
            continue
        current.append(token)
    if current:
        runs.append(tuple(current))
    return [run for run in runs if len(run) <= MAX_PHRASE_WORDS or _is_name(run)]


def _starts_name(token: Token, previous: Token | None) -> bool:
    return (
        token.is_capitalized
        and previous is not None
        and not previous.is_capitalized
        and previous.text != "-"
        and previous.lower not in _TITLE_WORDS
    )


def _is_name(run: tuple[Token, ...]) -> bool:
    """ "United States Department of Defense": a name may be longer than a phrase."""
    return len(run) <= MAX_NAME_WORDS and all(
        t.is_capitalized or t.lower in _TITLE_WORDS for t in run
    )


def _breaks(
    token: Token,
    inside: bool,
    following: Token | None,
    previous: Token | None,
    nouns: AbstractSet[str],
) -> bool:
    if not token.is_word or token.is_number:
        return True
    lower = strip_possessive(token.text).lower()
    if token.is_capitalized and inside and lower not in STOPWORDS:
        return False  # "Great Leap Forward": names hold together
    if (
        inside
        and lower in _TITLE_WORDS
        and previous is not None
        and previous.is_capitalized
        and following is not None
        and following.is_capitalized
    ):
        return False  # "Bank of England"
    if lower in STOPWORDS or lower in _ADVERBS or is_auxiliary(lower) or lower in MODALS:
        return True
    if lower in NUMBER_WORDS or _is_ly_adverb(lower) or lower in _POSTNOMINAL:
        return True
    if previous is not None and previous.lower == "how":
        return True  # "how | long"
    form = verb_form(lower)
    if form is None:
        return False
    if token.is_capitalized:
        # A sentence-opening imperative ("Preheat the oven") is a verb when capitalised.
        return (
            previous is None
            and "base" in form.kinds
            and following is not None
            and following.lower in _OBJECT_STARTERS
        )
    if previous is not None and (previous.lower in MODALS or previous.lower == "to"):
        return True  # "would overtake", "to tend": certainly verbs
    if lower in _IRREGULAR_PAST_ONLY:
        return True  # "many | ran | public mess halls"
    if form.kinds & {"past", "ing"} and not form.kinds & {"base", "3sg"}:
        # Inside a phrase a past form or gerund is a verb ("the commune controlled land");
        # at its start it is usually an adjective ("falsified reports", "rising prices").
        return inside
    # Present tense: a word the section never uses as a noun is a verb here ("electrons |
    # gains | energy", "first | fix | carbon"); one it does use as a noun stays ("interest
    # rates", "the grain share").
    if inside and following is not None and _is_ly_adverb(following.lower):
        return True  # "printing | spread | quickly"
    plural_before = previous is not None and is_plural_noun(previous.text)
    if inside and "base" in form.kinds and plural_before:
        return True  # "planners | lose | sight", "prices | rise"
    if lower in nouns:
        return False
    if "3sg" in form.kinds:
        if following is None or following.text in {",", ";", ":", ")"}:
            return plural_before  # "CAM plants, such as" is a noun; "T cells survives," not
        if previous is not None and previous.text.isupper():
            return False  # "CAM plants", "DNA tests"
        return lower[:-1] not in nouns and lower.removesuffix("es") not in nouns
    # "electron transport chain", "grain share": after a singular noun, part of a compound.
    return not inside


_POSTNOMINAL = word_set(
    "similar due able unable likely unlikely responsible available capable related prone "
    "subject equal ready free necessary possible"
)
_IRREGULAR_PAST_ONLY = frozenset(
    past for past, participle in IRREGULAR.values() if past != participle
) - frozenset({"bore", "lay", "found", "saw", "left", "wound", "ground", "bound", "felt"})


def _is_ly_adverb(lower: str) -> bool:
    return lower.endswith("ly") and len(lower) > 4 and lower not in _LY_NOUNS


_LY_NOUNS = word_set("family supply italy july assembly ally rally monopoly anomaly")


EMPTY = Keyphrases((), {})


def score(sentences: Sequence[Sentence], nouns: AbstractSet[str] = frozenset()) -> Keyphrases:
    runs = [(s.index, run) for s in sentences for run in candidates(s, nouns)]
    frequency: Counter[str] = Counter()
    spread: dict[str, set[int]] = defaultdict(set)
    capitalised: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for sentence_index, run in runs:
        for position, token in enumerate(run):
            key = stem(token.text)
            frequency[key] += 1
            spread[key].add(sentence_index)
            first_seen.setdefault(key, sentence_index)
            sentence_start = sentences[sentence_index].tokens[0].start == token.start
            if token.is_capitalized and not (sentence_start and position == 0):
                capitalised[key] += 1
    total_sentences = max(1, len(sentences))
    weight: dict[str, float] = {}
    for key, count in frequency.items():
        tf = 1.0 + math.log(count)
        spread_share = len(spread[key]) / total_sentences
        casing = capitalised[key] / count
        position = 1.0 / math.log2(3.0 + first_seen[key])
        specificity = min(len(key), 6) / 6.0
        weight[key] = (
            tf
            * (1.0 + 0.5 * spread_share)
            * (1.0 + 0.6 * casing)
            * (0.6 + position)
            * (0.5 + specificity)
        )
    phrase_counts = Counter(" ".join(stem(t.text) for t in run) for _, run in runs)
    phrases = []
    for sentence_index, run in runs:
        mean = sum(weight[stem(t.text)] for t in run) / len(run)
        key = " ".join(stem(t.text) for t in run)
        value = mean * (1.0 + 0.25 * (len(run) - 1)) * (1.0 + 0.3 * math.log(phrase_counts[key]))
        phrases.append(Phrase(run, sentence_index, value))
    return Keyphrases(tuple(phrases), weight)
