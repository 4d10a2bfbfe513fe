"""Regenerate means a different set, and sections without facts offer no Generate button.

Through the API and the reader page, with the offline generator (tests/study/conftest.py).
"""

from __future__ import annotations

from django.utils import timezone

from study.cooldown import cooldown_remaining
from study.models import CardSet, Cooldown, Generation, Status
from study.regenerate import NOTHING_NEW

BASE = "/api/v1/articles/great-leap-forward/sections/{}/flashcards"
RICH = BASE.format("agricultural-failures-and-causes-of-famine")
SOURCES = BASE.format("selected-sources-for-further-reading")


def _cooldown_over(user) -> None:
    Cooldown.objects.filter(user=user).update(until=timezone.now())


def _facts(cards: list[dict]) -> set[tuple[str, str]]:
    return {(c["question"], c["answer"]) for c in cards}


def test_each_regeneration_is_a_new_set_until_nothing_new_is_left(owner_client, owner, article):
    first = owner_client.post(RICH)
    assert first.status_code == 200
    seen = _facts(first.json()["cards"])
    assert seen
    rounds = 0
    while True:
        _cooldown_over(owner)
        response = owner_client.post(RICH + "/regenerate")
        assert response.status_code == 200, response.content
        body = response.json()
        if body["detail"] == NOTHING_NEW:
            break
        rounds += 1
        fresh = _facts(body["cards"])
        assert fresh and not fresh & seen  # no card shown before comes back
        answers = {answer for _, answer in seen}
        assert not {answer for _, answer in fresh} & answers  # nor the same fact reworded
        assert cooldown_remaining(user=owner) > 0  # a new set costs the cooldown
        seen |= fresh
        assert rounds < 10
    assert rounds >= 1
    # Nothing new: the reader keeps the set they had, and no cooldown was used.
    assert cooldown_remaining(user=owner) == 0
    assert body["cooldown_seconds"] == 0
    assert _facts(body["cards"]) <= seen
    assert CardSet.objects.count() == rounds + 1
    last = Generation.objects.filter(user=owner).latest("id")
    assert last.status == Status.FAILED and last.error == NOTHING_NEW
    # And generating again at once is allowed: the cooldown really was given back.
    assert owner_client.post(RICH + "/regenerate").status_code == 200


def test_nothing_new_for_one_reader_is_still_a_set_for_another(
    owner_client, other_client, owner, other, article
):
    owner_client.post(RICH)
    while True:
        _cooldown_over(owner)
        if owner_client.post(RICH + "/regenerate").json()["detail"] == NOTHING_NEW:
            break
    # The other reader has seen only the shared set: regenerating gives them something new.
    other_client.post(RICH)
    _cooldown_over(other)
    response = other_client.post(RICH + "/regenerate")
    assert response.status_code == 200
    assert response.json()["detail"] != NOTHING_NEW


def test_a_reading_list_refuses_to_generate_without_cost_or_try_again(owner_client, owner, article):
    for url in (SOURCES, SOURCES + "/regenerate"):
        response = owner_client.post(url)
        assert response.status_code == 422
        body = response.json()
        assert body["detail"] == (
            "This section lists sources and links; it states no facts to make flashcards from."
        )
        assert body["retryable"] is False
    assert Generation.objects.count() == 0
    assert cooldown_remaining(user=owner) == 0


def test_the_reader_page_offers_generate_only_where_there_are_facts(owner_client, article):
    page = owner_client.get("/articles/great-leap-forward/").content.decode()
    assert 'data-study-tool="flashcards" data-section="lessons"' in page
    assert 'data-section="selected-sources-for-further-reading">Generate' not in page
    assert 'data-no-flashcards="selected-sources-for-further-reading"' in page
    assert "it states no facts to make flashcards from." in page
