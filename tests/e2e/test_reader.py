from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import login, run_axe


def test_library_lists_the_sample_article(page, live_server, sample):
    page.goto(live_server.url + "/")
    link = page.get_by_role("link", name="The Great Leap Forward")
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Great Leap Forward")
    assert page.js_errors == []


def test_reader_shows_nine_sections_with_generate_buttons_where_there_are_facts(
    page, live_server, sample
):
    page.goto(live_server.url + "/articles/great-leap-forward/")
    expect(page.locator("article section")).to_have_count(9)
    expect(page.locator("article section h2")).to_have_count(9)
    # Every section but the reading list, which says why it has none.
    expect(page.get_by_role("button", name="Generate Flashcards")).to_have_count(8)
    expect(page.get_by_text("No flashcards for Selected sources")).to_be_visible()
    expect(page.get_by_role("button", name="Notes", exact=True)).to_be_visible()
    toc = page.get_by_role("navigation", name="Table of contents")
    lessons = toc.get_by_role("link", name="Lessons")
    if page.viewport_size["width"] < 900:
        expect(lessons).to_be_hidden()  # collapsed on phones so the article comes first
        toc.get_by_text("Contents").click()
    lessons.click()
    expect(page.locator("#lessons")).to_be_in_viewport()
    # Nothing overflows sideways at phone width.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.js_errors == []


def test_visitor_using_a_study_tool_is_asked_to_log_in(page, live_server, sample):
    page.goto(live_server.url + "/articles/great-leap-forward/")
    page.get_by_role("button", name="Generate Flashcards for Lessons").click()
    prompt = page.get_by_role("dialog", name="Log in to use study tools")
    expect(prompt).to_be_visible()
    login_link = prompt.get_by_role("link", name="Log in")
    expect(login_link).to_be_focused()
    assert "/accounts/login/?next=/articles/great-leap-forward/" in login_link.get_attribute("href")
    page.keyboard.press("Escape")
    expect(prompt).to_be_hidden()
    page.get_by_role("button", name="Notes", exact=True).click()
    expect(prompt).to_be_visible()


def test_sign_up_log_out_and_log_in(page, live_server, sample):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Username").fill("newreader")
    page.get_by_label("Password", exact=True).fill("a-long-enough-passphrase")
    page.get_by_label("Password confirmation").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("link", name="newreader")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Account")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()
    nav.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("newreader")
    page.get_by_label("Password").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="newreader")).to_be_visible()
    assert page.js_errors == []


def test_wrong_password_shows_a_clear_error(desktop_page, live_server, reader_user):
    page = desktop_page
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()


def test_pages_have_no_serious_accessibility_violations(axe_page, live_server, sample, reader_user):
    page = axe_page
    for path in ("/", "/articles/great-leap-forward/", "/accounts/signup/", "/accounts/login/"):
        page.goto(live_server.url + path)
        assert run_axe(page) == [], path
    login(page, live_server, reader_user)
    for path in ("/accounts/profile/", "/articles/great-leap-forward/"):
        page.goto(live_server.url + path)
        assert run_axe(page) == [], path
