from __future__ import annotations

import pytest

from reader.progress.rules import (
    Position,
    ProgressRefused,
    check_report,
    merge_read,
    worth_restoring,
)

ORDER = ["intro", "famine", "lessons"]


def test_merge_keeps_what_was_read_and_follows_the_article_order():
    assert merge_read(order=ORDER, stored=["lessons"], reported=["intro"]) == ["intro", "lessons"]


def test_merge_never_forgets_a_read_section():
    assert merge_read(order=ORDER, stored=["intro", "famine"], reported=[]) == ["intro", "famine"]


def test_merge_drops_sections_the_article_no_longer_has():
    assert merge_read(order=ORDER, stored=["gone", "intro"], reported=["intro"]) == ["intro"]


@pytest.mark.parametrize(
    ("anchor", "reported"), [("nope", []), ("intro", ["nope"]), ("", ["famine", "nope"])]
)
def test_unknown_sections_are_refused_with_a_way_out(anchor, reported):
    with pytest.raises(ProgressRefused, match="“nope”.*reload the page"):
        check_report(order=ORDER, anchor=anchor, reported=reported)


def test_known_sections_pass():
    check_report(order=ORDER, anchor="famine", reported=["intro", "lessons"])
    check_report(order=ORDER, anchor="", reported=[])


@pytest.mark.parametrize(
    ("position", "offered"),
    [
        (Position("intro", 0.0), False),
        (Position("intro", 0.01), False),
        (Position("intro", 0.5), True),
        (Position("lessons", 0.0), True),
        (Position("gone", 0.5), False),
        (Position("", 0.0), False),
    ],
)
def test_only_a_position_past_the_start_is_worth_restoring(position, offered):
    assert worth_restoring(order=ORDER, position=position) is offered
