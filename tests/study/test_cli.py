"""`readmark flashcards` and `readmark worker`, run through the real console-script entry."""

from __future__ import annotations

import json

from config.cli import main
from study.cooldown import cooldown_remaining
from study.models import CardSet, Generation, Status
from study.services import cardset_get_or_generate
from tests.study.helpers import section


def run_json(capsys, *argv: str):
    assert main(["flashcards", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_exactly_the_documented_shape(article, capsys):
    data = run_json(capsys, "great-leap-forward", "--section", "lessons")
    assert isinstance(data, list) and len(data) == 1
    item = data[0]
    assert set(item) == {"section", "cards"}
    assert item["section"] == {"id": "lessons", "title": "Lessons"}
    assert 3 <= len(item["cards"]) <= 8
    text = section(article, "lessons").text
    for card in item["cards"]:
        assert set(card) == {"question", "answer", "kind", "evidence"}
        assert set(card["evidence"]) == {"exact", "start", "end"}
        assert (
            text[card["evidence"]["start"] : card["evidence"]["end"]] == card["evidence"]["exact"]
        )
        assert card["kind"] in {"basic", "cloze"}


def test_a_cached_set_is_printed_as_is_and_costs_nobody_a_cooldown(article, owner, capsys):
    made = cardset_get_or_generate(
        user=owner, article=article, section=section(article, "lessons")
    ).cardset
    data = run_json(capsys, "great-leap-forward", "--section", "lessons")
    assert [c["question"] for c in data[0]["cards"]] == list(
        made.cards.order_by("position").values_list("question", flat=True)
    )
    assert CardSet.objects.count() == 1
    assert Generation.objects.filter(user=None).count() == 0


def test_the_whole_article_generates_every_section_without_a_cooldown(article, owner, capsys):
    data = run_json(capsys, "great-leap-forward")
    anchors = [item["section"]["id"] for item in data]
    assert anchors == [s.anchor for s in article.current_revision.sections.order_by("order")]
    assert sum(1 for item in data if len(item["cards"]) >= 3) >= 7
    assert cooldown_remaining(user=owner) == 0
    assert not Generation.objects.exclude(user=None).exists()


def test_unknown_article_or_section_is_a_one_line_error(article, capsys):
    assert main(["flashcards", "no-such-article", "--json"]) == 1
    assert "no article with the slug 'no-such-article'" in capsys.readouterr().err
    assert main(["flashcards", "great-leap-forward", "--section", "nope"]) == 1
    assert "has no section 'nope'" in capsys.readouterr().err


def test_text_output_lists_cards_with_their_passages(article, capsys):
    assert main(["flashcards", "great-leap-forward", "--section", "lessons"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Lessons (")
    assert "→" in out and "“" in out


def test_worker_burst_runs_what_the_web_queued(article, owner, settings, capsys):
    settings.READMARK_TASK_BACKEND = "worker"
    from study import tasks

    tasks.backend_reset()
    result = cardset_get_or_generate(
        user=owner, article=article, section=section(article, "lessons")
    )
    assert result.status == "queued"  # nothing ran in the "request"
    assert main(["worker", "--burst"]) == 0
    assert "ran 1 generation" in capsys.readouterr().out
    generation = Generation.objects.get()
    assert generation.status == Status.DONE and generation.cardset.cards.count() >= 3
    assert main(["worker", "--burst"]) == 0
    assert "ran 0 generations" in capsys.readouterr().out
