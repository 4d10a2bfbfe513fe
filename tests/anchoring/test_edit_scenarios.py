"""Golden edit scenarios: old text + stored selectors + edited text -> new span or orphan.

Each scenario is checked through ``anchor`` (one highlight) and ``reanchor_many`` (the batch
path the app uses on a new revision), which must agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anchoring import Anchored, Orphaned, anchor, reanchor_many, validate_selectors

SCENARIOS = json.loads(
    (Path(__file__).parent / "fixtures" / "edit_scenarios.json").read_text("utf-8")
)["scenarios"]
IDS = [s["name"] for s in SCENARIOS]


def _check(result, expect: dict, new: str) -> None:
    if "orphan" in expect:
        assert isinstance(result, Orphaned), f"expected an orphan, got {result}"
        assert result.reason == expect["orphan"]
    else:
        assert isinstance(result, Anchored), f"expected {expect}, got {result}"
        assert (result.start, result.end) == (expect["start"], expect["end"])
        assert new[result.start : result.end] == expect["exact"]


@pytest.mark.parametrize("case", SCENARIOS, ids=IDS)
def test_it_has_consistent_fixtures(case):
    validate_selectors(case["old"], case["selectors"])  # what was stored matched the old text
    if "exact" in case["expect"]:
        assert (
            case["new"][case["expect"]["start"] : case["expect"]["end"]] == case["expect"]["exact"]
        )


@pytest.mark.parametrize("case", SCENARIOS, ids=IDS)
def test_it_reanchors_the_edit_scenario(case):
    _check(anchor(case["new"], case["selectors"]), case["expect"], case["new"])


@pytest.mark.parametrize("case", SCENARIOS, ids=IDS)
def test_it_reanchors_the_edit_scenario_in_a_batch(case):
    [result] = reanchor_many(case["new"], [case["selectors"]], old_length=len(case["old"]))
    _check(result, case["expect"], case["new"])
