"""A small learned ranker: which card would a person studying the section ask?

Logistic regression over a handful of features of a draft (its template, the shape of its
answer, how central the answer is to the section). The weights live in `ranker.json` next to
this file; `bench/cards/train_ranker.py` refits them from the data in bench/cards/data/
(deterministic: fixed data order, plain gradient descent, no randomness). Nothing here is
downloaded or trained at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from study.generation.lexicon import MONTHS
from study.generation.tokens import content_stems, words

WEIGHTS = Path(__file__).with_name("ranker.json")

FAMILIES = ("cloze", "numbers", "causes", "definition", "people", "places", "change", "findings")
_YEAR = re.compile(r"\b(?:1[0-9]|20)\d\d\b")


def features(
    *,
    prior: float,
    kind: str,
    origin: str,
    answer: str,
    question: str,
    section_counts: dict[str, int],
    sentence_share: float,
    salience: float,
    at_start: bool,
    position: float,
    sentence_words: int,
    in_list: bool,
    rivals: int,
) -> list[float]:
    """The feature vector of one draft; `names()` gives the matching names."""
    family = origin.split(".")[0] if origin else ""
    answer_words = words(answer)
    stems = content_stems(answer)
    capitals = sum(w[:1].isupper() for w in answer_words)
    frequency = max((section_counts.get(s, 0) for s in stems), default=0)
    return [
        1.0,
        prior,
        1.0 if kind == "cloze" else 0.0,
        *(1.0 if family == name else 0.0 for name in FAMILIES),
        1.0 if any(c.isdigit() for c in answer) else 0.0,
        1.0 if _YEAR.search(answer) or any(w.lower() in MONTHS for w in answer_words) else 0.0,
        capitals / len(answer_words) if answer_words else 0.0,
        min(len(answer_words), 6) / 6,
        math.log1p(frequency) / 3,
        sentence_share,
        salience,
        1.0 if at_start else 0.0,
        min(len(words(question)), 40) / 40,
        1.0 if any(c in answer for c in "%$£€") else 0.0,
        1.0 if _YEAR.fullmatch(answer.strip()) else 0.0,
        position,
        min(sentence_words, 60) / 60,
        1.0 if in_list else 0.0,
        math.log1p(rivals) / 3,
    ]


def names() -> list[str]:
    return [
        "bias",
        "prior",
        "cloze",
        *(f"family_{name}" for name in FAMILIES),
        "answer_number",
        "answer_date",
        "answer_capitals",
        "answer_words",
        "answer_frequency",
        "sentence_position",
        "salience",
        "answer_opens_sentence",
        "question_words",
        "answer_share_or_money",
        "answer_year_only",
        "answer_position",
        "sentence_words",
        "in_list",
        "rivals",
    ]


def probability(vector: Sequence[float]) -> float:
    weights = _weights()
    z = sum(w * x for w, x in zip(weights, vector, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def _weights() -> tuple[float, ...]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    by_name = data["weights"]
    return tuple(float(by_name.get(name, 0.0)) for name in names())
