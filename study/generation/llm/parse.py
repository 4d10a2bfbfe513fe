"""Tolerant parsing of model output into card drafts.

Models and servers differ: some honour the JSON schema, some wrap JSON in ``` fences, some add
a sentence before it, some use other key names (front/back, q/a, source). Losing cards to a
parse failure is a real bug in other tools, so we accept all of these and let the gate judge.
"""

from __future__ import annotations

import json
import re
from typing import Any

from study.generation.types import CardDraft

_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_QUESTION_KEYS = ("question", "front", "q", "prompt", "text", "cloze")
_ANSWER_KEYS = ("answer", "back", "a", "response")
_EVIDENCE_KEYS = ("evidence", "quote", "source", "source_excerpt", "excerpt", "support")
_KIND_KEYS = ("kind", "type", "card_type")
_LIST_KEYS = ("cards", "flashcards", "items", "data", "results")


def parse_cards(content: str, origin: str) -> list[CardDraft] | None:
    """Drafts found in `content`, or None when there is no JSON with cards in it at all."""
    data = _load(content)
    if data is None:
        return None
    items = _items(data)
    if items is None:
        return None
    drafts = [d for d in (_draft(item, origin) for item in items) if d is not None]
    return drafts if drafts or not items else None


def _load(content: str) -> Any:
    text = content.strip()
    candidates = [text, *(m.group(1).strip() for m in _FENCE.finditer(text))]
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return _first_json(text)


def _first_json(text: str) -> Any:
    """The first JSON object or array embedded in prose."""
    decoder = json.JSONDecoder()
    for index, char in enumerate(text):
        if char in "[{":
            try:
                value, _ = decoder.raw_decode(text, index)
            except ValueError:
                continue
            if isinstance(value, dict | list):
                return value
    return None


def _items(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    for key in _LIST_KEYS:
        if isinstance(data.get(key), list):
            return data[key]
    if any(key in data for key in _QUESTION_KEYS):
        return [data]  # a single card
    return None


def _draft(item: Any, origin: str) -> CardDraft | None:
    if not isinstance(item, dict):
        return None
    question = _first(item, _QUESTION_KEYS)
    answer = _first(item, _ANSWER_KEYS)
    evidence = _first(item, _EVIDENCE_KEYS)
    kind = (_first(item, _KIND_KEYS) or "").lower()
    if not question:
        return None
    if "{{c" in question:
        kind = "cloze"
    elif kind not in ("basic", "cloze"):
        kind = "basic"  # "qa", "q&a", "question": all plain question cards
    return CardDraft(question=question, answer=answer, kind=kind, quote=evidence, origin=origin)


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""
