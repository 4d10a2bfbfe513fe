"""Review in real Chromium: keep a set from the Flashcards panel, review it with the keyboard
only, see the due dates move and the progress page count the reviews."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reader.access import section_for_read
from study.models import ReviewLog, ReviewState
from study.services import cardset_generate_now
from tests.e2e.conftest import login, run_axe


@pytest.fixture(autouse=True)
def _offline(settings):
    settings.READMARK_FLASHCARD_GENERATOR = "local"
    settings.READMARK_TASK_BACKEND = "embedded"


@pytest.fixture
def lessons_set(sample):
    return cardset_generate_now(article=sample, section=section_for_read(sample, "lessons"))


def test_keep_a_set_and_review_it_with_the_keyboard(
    desktop_page, live_server, sample, reader_user, lessons_set
):
    page = desktop_page
    total = lessons_set.cards.count()
    login(page, live_server, reader_user)
    page.goto(live_server.url + "/articles/great-leap-forward/")
    page.get_by_role("button", name="Generate Flashcards for Lessons").click()
    panel = page.get_by_role("complementary", name="Flashcards")
    expect(panel.get_by_text(re.compile(r"^1 / \d+$"))).to_be_visible()
    panel.get_by_role("button", name="Study these cards").click()
    expect(panel.get_by_role("status").filter(has_text="to your review")).to_have_text(
        f"Added {total} cards to your review. {total} cards due today."
    )
    assert ReviewState.objects.filter(user=reader_user).count() == total
    panel.get_by_role("link", name="Review this article").click()

    # From here on, the keyboard only.
    expect(page.get_by_role("heading", level=1)).to_have_text("Review: The Great Leap Forward")
    expect(page.get_by_text(f"{total} cards due today")).to_be_visible()
    ratings = page.get_by_role("group", name="How well did you remember?")
    expect(ratings).to_be_hidden()
    started = timezone.now()

    # First card: Space shows the answer and "Show in text"; 4 (Easy) sends it 8 days away.
    reveal = page.get_by_role("button", name="Show answer")
    expect(reveal).to_be_visible()
    page.keyboard.press("Space")
    expect(ratings).to_be_visible()
    expect(reveal).to_be_hidden()
    link = page.get_by_role("link", name="Show in text")
    expect(link).to_be_visible()
    assert link.get_attribute("href").startswith("/articles/great-leap-forward/#lessons:~:text=")
    expect(ratings.get_by_role("button", name="Easy in 8 d")).to_be_visible()
    expect(ratings.get_by_role("button", name="Again in 1 min")).to_be_visible()
    first = ReviewState.objects.filter(user=reader_user).order_by("due", "id").first()
    page.keyboard.press("4")
    expect(ratings).to_be_hidden()
    expect(page.get_by_text(f"{total - 1} cards due today")).to_be_visible()
    first.refresh_from_db()
    assert timedelta(days=7, hours=23) < first.due - started < timedelta(days=8, hours=1)

    # The other cards: Good (10 minutes, still due today), then Easy when it comes back.
    for _ in range(total - 1):
        expect(page.locator("[data-ref=front]")).to_be_focused()
        page.keyboard.press("Space")
        expect(ratings).to_be_visible()
        page.keyboard.press("3")
        expect(ratings).to_be_hidden()
    expect(page.get_by_text(f"{total - 1} cards due today")).to_be_visible()
    for _ in range(total - 1):
        page.keyboard.press("Space")
        expect(ratings.get_by_role("button", name="Good in 2 d")).to_be_visible()
        expect(ratings.get_by_role("button", name="Easy in 4 d")).to_be_visible()
        page.keyboard.press("4")
        expect(ratings).to_be_hidden()
    done = page.get_by_role("heading", name=re.compile("^Nothing left to review"))
    expect(done).to_be_visible()
    expect(done).to_be_focused()
    expect(page.get_by_text("0 cards due today")).to_be_visible()

    reviews = 1 + 2 * (total - 1)
    assert ReviewLog.objects.filter(user=reader_user).count() == reviews
    # Easy on a card in its second learning step: the short-term stability, about 4 days.
    for state in ReviewState.objects.filter(user=reader_user).exclude(pk=first.pk):
        assert timedelta(days=3, hours=23) < state.due - started < timedelta(days=4, hours=1)
    assert page.js_errors == []

    # The progress page reflects the reviews.
    page.goto(live_server.url + "/accounts/profile/progress/")
    expect(page.get_by_text(f"{reviews} reviews in the last 30 days.")).to_be_visible()
    expect(page.locator('[data-fact="due-today"]')).to_have_text("0")
    expect(page.locator('[data-fact="streak"]')).to_have_text("1 day")
    expect(page.get_by_role("img", name=re.compile("^Reviews per day"))).to_be_visible()


def test_review_and_progress_pages_are_accessible(
    axe_page, live_server, sample, reader_user, lessons_set
):
    from study.review.services import review_section_keep

    review_section_keep(
        user=reader_user,
        article=sample,
        section=section_for_read(sample, "lessons"),
        now=timezone.now(),
    )
    page = axe_page
    login(page, live_server, reader_user)
    page.goto(live_server.url + "/review/")
    page.keyboard.press("Space")
    expect(page.get_by_role("group", name="How well did you remember?")).to_be_visible()
    assert run_axe(page) == []
    for path in ("/accounts/profile/progress/", "/accounts/profile/"):
        page.goto(live_server.url + path)
        assert run_axe(page) == [], path
    assert page.js_errors == []
