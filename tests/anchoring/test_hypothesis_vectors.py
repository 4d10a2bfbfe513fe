"""Hypothesis's own quote-matching vectors: ``match_quote`` must agree with their client.

The vectors are theirs (BSD-2, see fixtures/README.md); offsets in them are UTF-16 code units
and are converted to code points before comparing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anchoring import match_quote, utf16_to_codepoints

FIXTURE = json.loads(
    (Path(__file__).parent / "fixtures" / "hypothesis_match_quote_vectors.json").read_text("utf-8")
)
VECTORS = FIXTURE["vectors"]
ORDERINGS = FIXTURE["ordering"]


def _context(case: dict) -> dict:
    context = {key: case[key] for key in ("prefix", "suffix") if key in case}
    if "hint" in case:
        context["hint"] = utf16_to_codepoints(case["text"], case["hint"])
    return context


def test_it_keeps_the_attribution_of_the_vectors():
    assert "BSD-2-Clause" in FIXTURE["source"]
    assert "hypothesis/client" in FIXTURE["source"]
    assert (Path(__file__).parent / "fixtures" / "LICENSE-hypothesis-client.txt").exists()


@pytest.mark.parametrize("case", VECTORS, ids=[case["name"] for case in VECTORS])
def test_it_matches_hypothesis_vector(case):
    match = match_quote(case["text"], case["exact"], _context(case))
    expect = case["expect"]
    if expect is None:
        assert match is None
        return
    assert match is not None
    text = case["text"]
    assert match.start == utf16_to_codepoints(text, expect["start"])
    if "end" in expect:
        assert match.end == utf16_to_codepoints(text, expect["end"])
    if "score" in expect:
        assert match.score == pytest.approx(expect["score"])
    if "score_lt" in expect:
        assert match.score < expect["score_lt"]
    if "score_gt" in expect:
        assert match.score > expect["score_gt"]


@pytest.mark.parametrize("case", ORDERINGS, ids=[case["name"] for case in ORDERINGS])
def test_it_scores_worse_matches_lower(case):
    scores = []
    for query in case["queries"]:
        match = match_quote(case["text"], query["exact"], _context(query))
        assert match is not None, query
        scores.append(match.score)
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores), "each worse query should score strictly lower"
