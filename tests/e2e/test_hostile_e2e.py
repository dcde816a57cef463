"""Hostile names in a real browser: Today and Contacts show them as text; no image, script or javascript: link
is ever made of them."""

from datetime import date, timedelta

import pytest

from engine.profile import make_profile
from engine.store import Store

from .conftest import settle

pytestmark = pytest.mark.e2e
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = [IMG, "[click](javascript:alert(1))", "**bold**", "$x$", "<script>alert(1)</script>"]


@pytest.fixture
def seed():
    def fill(path):
        today = date.today()
        with Store(path) as store:
            store.save_profile(make_profile(target_role="Data Engineer", companies="Acme: 5"))
            ids = [store.add_contact(full_name=text, title=f"Data Engineer {text}", company=text, notes=text,
                                     tie_strength=4) for text in HOSTILE]
            store.add_contact(full_name="Plain Person", title="Data Engineer", company="Acme", tie_strength=5)
            store.log_event(ids[0], "drafting", today - timedelta(days=10))  # a stale draft: its own panel
            store.log_event(ids[1], "meeting_scheduled", today - timedelta(days=1))  # a conversation on the agenda
    return fill


def assert_nothing_became_markup(page) -> None:
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.locator("script:text('alert(1)')").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate("() => window.__alerted === undefined")


def test_today_and_contacts_show_hostile_names_as_text(server, page, tmp_path):
    url, _ = server
    page.add_init_script("window.alert = () => { window.__alerted = true; };")
    page.goto(url)
    settle(page)
    page.get_by_text("Whom to approach next").wait_for()
    page.get_by_role("button", name="Mark as reached out").first.wait_for()
    page.get_by_text(IMG).first.wait_for()  # the literal text is visible
    assert page.get_by_text("**bold**").count() >= 1 and page.get_by_text("$x$").count() >= 1
    assert_nothing_became_markup(page)
    page.screenshot(path=str(tmp_path / "today.png"), full_page=True)

    page.goto(url + "/contacts")
    settle(page)
    page.get_by_text("How the scores were reached").wait_for()
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    assert_nothing_became_markup(page)
    page.screenshot(path=str(tmp_path / "contacts.png"), full_page=True)
    assert (tmp_path / "today.png").stat().st_size > 0 and (tmp_path / "contacts.png").stat().st_size > 0


def test_the_agenda_shows_the_name_as_typed(server, page):
    url, _ = server
    page.goto(url)
    settle(page)
    line = page.locator("[data-testid='stMarkdownContainer']").filter(has_text="Conversation with [click]")
    line.first.wait_for()
    shown = line.first.inner_text().strip().replace("\u2060", "")  # engine.inert's invisible joiner aside
    assert shown.endswith("Conversation with [click](javascript:alert(1)): no date yet")
    assert line.first.locator("a").count() == 0  # the name is text, never a link
