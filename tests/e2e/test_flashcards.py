"""Flashcards in real Chromium: generate, flip, move, show in text, cache, cooldown, panels."""

from __future__ import annotations

import re
import threading

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from study.models import Cooldown
from study.services import cardset_get_or_generate
from tests.e2e.conftest import login, run_axe
from tests.study.helpers import section

ARTICLE = "/articles/great-leap-forward/"
FRONT = re.compile(r"^(Question|Fill in the gap): ")
BACK = re.compile(r"^Answer: ")
POSITION = re.compile(r"^\d+ / \d+$")


@pytest.fixture(autouse=True)
def _offline(settings):
    settings.READMARK_FLASHCARD_GENERATOR = "local"
    settings.READMARK_TASK_BACKEND = "embedded"


def panel(page):
    return page.get_by_role("complementary", name="Flashcards")


def open_section(page, live_server, user, name="Lessons"):
    login(page, live_server, user)
    page.goto(live_server.url + ARTICLE)
    page.get_by_role("button", name=f"Generate Flashcards for {name}").click()
    cards = panel(page)
    expect(cards).to_be_visible()
    expect(cards.get_by_text(POSITION)).to_have_text(re.compile(r"^1 / [3-8]$"))
    return cards


def test_generate_flip_and_move_through_the_cards(page, live_server, sample, reader_user):
    cards = open_section(page, live_server, reader_user)
    position = cards.get_by_text(POSITION)
    total = int(position.inner_text().split("/")[1])
    card = cards.get_by_role("button", name=FRONT)
    expect(card).to_be_focused()  # keyboard users land on the card
    question = card.locator(".flashcard-front").text_content()
    question = question.removeprefix("Question").removeprefix("Fill in the gap")
    card.click()
    back = cards.get_by_role("button", name=BACK)
    expect(back).to_be_visible()
    expect(cards.get_by_role("button", name="Show in text")).to_be_visible()
    back.press("Enter")
    expect(cards.get_by_role("button", name=FRONT)).to_have_accessible_name(
        re.compile(re.escape(question) + "$")
    )
    expect(cards.get_by_role("button", name="Show in text")).to_be_hidden()
    cards.get_by_role("button", name=FRONT).press(" ")
    expect(cards.get_by_role("button", name=BACK)).to_be_visible()
    cards.get_by_role("button", name="Next").click()
    expect(position).to_have_text(f"2 / {total}")
    expect(cards.get_by_role("button", name=FRONT)).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(position).to_have_text(f"3 / {total}")
    page.keyboard.press("ArrowLeft")
    cards.get_by_role("button", name="Previous").click()
    expect(position).to_have_text(f"1 / {total}")
    expect(cards.get_by_role("button", name="Previous")).to_be_disabled()
    assert page.js_errors == []


def test_show_in_text_scrolls_to_the_passage_and_marks_it(page, live_server, sample, reader_user):
    cards = open_section(page, live_server, reader_user, name="What it was")
    cards.get_by_role("button", name=FRONT).click()
    quote = cards.locator("blockquote")
    cards.get_by_role("button", name="Show in text").click()
    marked = page.evaluate(
        "() => { const h = CSS.highlights.get('flashcard-evidence');"
        " return h ? [...h][0].toString() : null; }"
    )
    lessons_text = section(sample, "what-it-was").text
    assert marked and marked in lessons_text
    if quote.is_visible():
        assert quote.inner_text().strip() == marked.strip()
    # Scrolled into view (smoothly: give it the time a reader would see it take).
    page.wait_for_function(
        "() => { const h = CSS.highlights.get('flashcard-evidence'); if (!h) return false;"
        " const r = [...h][0].getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        timeout=5000,
    )
    narrow = page.viewport_size["width"] < 768
    if narrow:
        expect(cards).to_be_hidden()  # on a phone the panel makes way for the text
    else:
        expect(cards).to_be_visible()
    assert page.js_errors == []


def test_a_cached_set_is_instant_for_a_second_reader(
    desktop_page, live_server, sample, reader_user, django_user_model
):
    page = desktop_page
    first = django_user_model.objects.create_user("first", password="x-long-passphrase")
    lessons = section(sample, "lessons")
    made = cardset_get_or_generate(user=first, article=sample, section=lessons).cardset
    questions = list(made.cards.values_list("question", flat=True))
    Cooldown.objects.all().update(until=timezone.now())
    what = section(sample, "what-it-was")
    other_set = cardset_get_or_generate(user=first, article=sample, section=what).cardset
    login(page, live_server, reader_user)
    page.goto(live_server.url + ARTICLE)
    button = page.get_by_role("button", name="Generate Flashcards for Lessons")
    expect(button).to_have_attribute("data-flashcards-ready", "")
    button.click()
    cards = panel(page)
    expect(cards.get_by_text(POSITION)).to_have_text(f"1 / {len(questions)}")
    expect(cards.get_by_role("progressbar")).to_be_hidden()
    front = cards.get_by_role("button", name=FRONT).locator(".flashcard-front").text_content()
    assert any(q.split("{{")[0][:20] in front for q in questions)
    # No cooldown for this reader: every other section can still be generated.
    expect(
        page.get_by_role("button", name="Generate Flashcards for Goals and main policies")
    ).to_be_enabled()
    # The switcher offers the sections that have sets, and shows the chosen one's cards.
    switcher = cards.get_by_role("combobox", name="Section")
    expect(switcher.locator("option")).to_have_text(["What it was", "Lessons"])
    switcher.select_option(label="What it was")
    expect(cards.get_by_text(POSITION)).to_have_text(f"1 / {other_set.cards.count()}")
    first_question = other_set.cards.order_by("position").first().question.split("{{")[0][:20]
    expect(cards.get_by_role("button", name=FRONT)).to_contain_text(first_question)
    assert page.js_errors == []


def test_the_flip_animates_except_under_reduced_motion(
    desktop_page, live_server, sample, reader_user
):
    page = desktop_page
    cards = open_section(page, live_server, reader_user)
    inner = cards.locator(".flashcard-inner")
    assert inner.evaluate("e => getComputedStyle(e).transitionDuration") == "0.35s"
    page.emulate_media(reduced_motion="reduce")
    assert inner.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"
    cards.get_by_role("button", name=FRONT).click()
    expect(cards.get_by_role("button", name=BACK)).to_be_visible()


def test_the_cooldown_disables_uncached_sections_and_shows_the_time_left(
    desktop_page, live_server, sample, reader_user
):
    page = desktop_page
    cards = open_section(page, live_server, reader_user, name="Lessons")
    other = page.get_by_role("button", name=re.compile(r"^Generate Flashcards for What it was"))
    expect(other).to_be_disabled()
    expect(other).to_have_accessible_name(
        re.compile(r"^Generate Flashcards for What it was — available in [2-5]:\d\d$")
    )
    shown = other.locator("[data-time]")
    first = shown.inner_text()
    expect(shown).not_to_have_text(first, timeout=3000)  # it ticks
    lessons = page.get_by_role("button", name=re.compile(r"^Generate Flashcards for Lessons"))
    expect(lessons).to_be_enabled()  # a section with a set stays available
    expect(
        cards.get_by_role("button", name=re.compile(r"^Regenerate \(\d:\d\d\)$"))
    ).to_be_disabled()
    # After a reload the buttons come back the same, from the page's own configuration.
    page.reload()
    expect(other).to_be_disabled()
    expect(other.locator("[data-time]")).to_have_text(re.compile(r"^[2-5]:\d\d$"))
    expect(lessons).to_be_enabled()
    assert page.js_errors == []


def test_phone_size_opening_one_panel_closes_the_other(page, live_server, sample, reader_user):
    cards = open_section(page, live_server, reader_user)
    narrow = page.viewport_size["width"] < 768
    notes = page.get_by_role("complementary", name="Notes")
    page.get_by_role("button", name="Notes", exact=True).click()
    expect(notes).to_be_visible()
    if not narrow:
        # Desktop: Flashcards on the left and Notes on the right, open together, apart.
        expect(cards).to_be_visible()
        left, right = cards.bounding_box(), notes.bounding_box()
        assert left["x"] + left["width"] <= right["x"]
        assert page.js_errors == []
        return
    expect(cards).to_be_hidden()  # below 768 px, one panel at a time
    # And back: Generate (from the keyboard: the notes sheet may cover the button) closes Notes.
    generate = page.get_by_role("button", name="Generate Flashcards for Lessons")
    generate.focus()
    page.keyboard.press("Enter")
    expect(cards).to_be_visible()
    expect(notes).to_be_hidden()
    assert page.js_errors == []


def test_edit_delete_undo_and_add_a_card(desktop_page, live_server, sample, reader_user):
    page = desktop_page
    cards = open_section(page, live_server, reader_user)
    position = cards.get_by_text(POSITION)
    total = int(position.inner_text().split("/")[1])
    cards.get_by_role("button", name="Edit").click()
    answer = cards.get_by_label("Answer")
    if answer.is_visible():
        cards.get_by_label("Question").fill("What lesson did the famine teach about false reports?")
        answer.fill("That fear distorts information")
    else:  # a fill-in-the-gap card stays one: its gap is its answer
        cards.get_by_label("Question").fill(
            "The famine taught what {{c1::false reports}} cost when people fear the truth."
        )
    cards.get_by_role("button", name="Save").click()
    expect(cards.get_by_role("button", name=FRONT)).to_contain_text("false reports")
    expect(cards.get_by_role("button", name="Undo my edit")).to_be_visible()
    cards.get_by_role("button", name="Delete").click()
    expect(position).to_have_text(f"1 / {total - 1}")
    cards.get_by_role("button", name="Undo").click()
    expect(position).to_have_text(f"1 / {total}")
    expect(cards.get_by_role("button", name=FRONT)).to_contain_text("false reports")
    cards.get_by_role("button", name="Add card").click()
    cards.get_by_label("Question").fill("Which year did the Great Leap Forward begin?")
    cards.get_by_label("Answer").fill("1958")
    cards.get_by_role("button", name="Save").click()
    expect(position).to_have_text(f"{total + 1} / {total + 1}")
    expect(cards.get_by_role("button", name=FRONT)).to_contain_text("Which year did the Great")
    # A bad card is refused with the reason, and nothing is lost from the form.
    cards.get_by_role("button", name="Add card").click()
    cards.get_by_label("Question").fill("Only a question?")
    cards.get_by_role("button", name="Save").click()
    expect(cards.get_by_role("alert")).to_contain_text("Write an answer")
    expect(cards.get_by_label("Question")).to_have_value("Only a question?")
    cards.get_by_role("button", name="Cancel").click()
    # After a reload the reader's changes are still theirs.
    page.reload()
    page.get_by_role("button", name="Generate Flashcards for Lessons").click()
    expect(position).to_have_text(f"1 / {total + 1}")
    expect(cards.get_by_role("button", name=FRONT)).to_contain_text("false reports")
    assert page.js_errors == []


def test_the_open_panel_has_no_serious_accessibility_violations(
    axe_page, live_server, sample, reader_user
):
    page = axe_page
    cards = open_section(page, live_server, reader_user)
    assert run_axe(page) == []
    cards.get_by_role("button", name=FRONT).click()
    expect(cards.get_by_role("button", name="Show in text")).to_be_visible()
    assert run_axe(page) == []


@pytest.mark.parametrize("reload", [False, True], ids=["same-page", "after-reload"])
def test_a_slow_llm_set_appears_when_ready_even_with_the_panel_closed(
    desktop_page, live_server, sample, reader_user, settings, reload
):
    from study import tasks
    from tests.generation.fake_openai import FakeOpenAI, reply_cards
    from tests.study.test_llm_path import LESSONS_CARDS, held

    page = desktop_page
    release = threading.Event()
    with FakeOpenAI() as fake:
        fake.script(held(reply_cards(LESSONS_CARDS), release))
        settings.READMARK_FLASHCARD_GENERATOR = "openai"
        settings.READMARK_LLM_BASE_URL = fake.base_url
        settings.READMARK_LLM_MODEL = "fake-model"
        settings.READMARK_LLM_TIMEOUT_SECONDS = 10
        tasks.backend_reset()
        try:
            login(page, live_server, reader_user)
            page.goto(live_server.url + ARTICLE)
            page.get_by_role("button", name="Generate Flashcards for Lessons").click()
            cards = panel(page)
            expect(cards.get_by_role("status").first).to_contain_text(
                "Generating flashcards for “Lessons”"
            )
            expect(cards.get_by_role("progressbar", name="Generating flashcards")).to_be_visible()
            cards.get_by_role("button", name="Close flashcards").click()
            expect(cards).to_be_hidden()
            if reload:  # the page picks the reader's generation up again
                page.reload()
                expect(
                    page.get_by_role("button", name="Generate Flashcards for Lessons")
                ).to_be_enabled()
            release.set()
            toast = page.get_by_role("status").filter(has_text="are ready")
            expect(toast).to_contain_text("Flashcards for “Lessons” are ready.", timeout=15000)
            toast.get_by_role("button", name="Open").click()
            expect(cards).to_be_visible()
            expect(cards.get_by_text(POSITION)).to_have_text("1 / 3")
            expect(cards.get_by_role("button", name=FRONT)).to_contain_text("?")
        finally:
            release.set()
            tasks.backend_reset()
    assert page.js_errors == []


def test_regenerate_makes_a_new_set_once_the_cooldown_is_over(
    desktop_page, live_server, sample, reader_user
):
    from study.models import CardSet

    page = desktop_page
    rich = "Agricultural failures and causes of famine"  # enough facts for a second set
    cards = open_section(page, live_server, reader_user, name=rich)
    expect(cards.get_by_role("button", name=re.compile(r"^Regenerate \("))).to_be_disabled()
    Cooldown.objects.all().update(until=timezone.now())
    page.reload()
    page.get_by_role("button", name=f"Generate Flashcards for {rich}").click()
    cards.get_by_role("button", name="Regenerate", exact=True).click()
    cards.get_by_role("button", name="Yes, regenerate").click()
    expect(cards.get_by_role("button", name=re.compile(r"^Regenerate \("))).to_be_disabled()
    # Only cards not shown before: as many as the section has left, at least one.
    expect(cards.get_by_text(POSITION)).to_have_text(re.compile(r"^1 / [1-8]$"))
    assert CardSet.objects.count() == 2
    assert page.js_errors == []


def test_a_reading_list_offers_no_generate_button_and_says_why(
    page, live_server, sample, reader_user
):
    login(page, live_server, reader_user)
    page.goto(live_server.url + ARTICLE)
    heading = "Selected sources for further reading"
    section = page.locator("section", has=page.get_by_role("heading", name=heading))
    expect(section.get_by_role("button")).to_have_count(0)
    expect(section.get_by_text("No flashcards")).to_have_text(
        f"No flashcards for {heading}: This section lists sources and links; it states no "
        "facts to make flashcards from."
    )
    expect(page.get_by_role("button", name="Generate Flashcards for Lessons")).to_be_enabled()
    assert page.js_errors == []


def test_regenerating_with_nothing_new_keeps_the_set_and_the_cooldown_free(
    desktop_page, live_server, sample, reader_user
):
    page = desktop_page
    cards = open_section(page, live_server, reader_user)
    questions = set(cards.locator(".flashcard-front").all_text_contents())
    # Exhaust what "Lessons" can give, one new set at a time.
    for _ in range(5):
        Cooldown.objects.all().update(until=timezone.now())
        page.reload()
        page.get_by_role("button", name="Generate Flashcards for Lessons").click()
        cards.get_by_role("button", name="Regenerate", exact=True).click()
        cards.get_by_role("button", name="Yes, regenerate").click()
        notice = cards.get_by_role("status").filter(has_text="no new flashcards")
        nothing_new = cards.get_by_role("button", name="Regenerate", exact=True)
        expect(
            notice.or_(cards.get_by_role("button", name=re.compile(r"^Regenerate \(")))
        ).to_be_visible()
        if notice.count():
            break
    expect(notice).to_have_text(re.compile(r"Your cooldown was not used\.$"))
    expect(nothing_new).to_be_enabled()  # no cooldown started
    expect(cards.get_by_text(POSITION)).to_be_visible()  # the set stays on screen
    assert questions
    assert page.js_errors == []
