"""Three journeys through the Contact page as the workbench of outreach, in a real browser, each with screenshots:
(a) from Today to the Contact page, copy an email, log the outreach; a week later log the follow-up from Today and
see it counted once; (b) a decline, the referral ask, the referral added, its page opened from the link, the draft
naming the introducer; (c) a meeting with a date, the calendar file opened by a parser, the thank-you note, two
referrals logged from it."""

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from engine.profile import make_profile
from engine.store import Store
from engine.words import nice_date

from .conftest import running_app, settle

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("UNSTUCK_SHOTS", "")) if os.environ.get("UNSTUCK_SHOTS") else None


def shot(page, tmp_path, name: str) -> Path:
    path = (SHOTS or tmp_path) / name
    page.screenshot(path=str(path), full_page=True)
    return path


def choose(page, label: str, option: str) -> None:
    """Pick an option in a Streamlit selectbox by typing it: steadier than clicking a list that may re-render.
    On a busy machine the list can close under the click while the page finishes a run: then try again."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).locator("input").first
    for attempt in range(3):
        settle(page)
        box.click()
        box.fill(option)
        try:
            page.get_by_role("option", name=option, exact=True).wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            box.press("Escape")
    box.press("Enter")
    expect(box).to_have_value(option)


def log_outcome(page, contact_url: str, what: str, next_step: str, draft: str) -> str:
    """On a contact's page, log what happened; wait for the next step it brings and return that step's draft."""
    page.goto(contact_url)
    settle(page)
    choose(page, "What", what)
    settle(page)  # the choice reruns the page: click "Log it" on the page it draws, not on the one it replaces
    page.get_by_role("button", name="Log it").click()
    page.get_by_text(f"Next step: {next_step}").wait_for()
    return page.get_by_role("textbox", name=draft).input_value()


def seed_people(db, *history):
    with Store(db) as store:
        store.save_profile(make_profile(target_role="UX Researcher", target_level="mid", my_name="Sam Lee",
                                        my_role="Marketing Manager", my_background="Eight years of brand research",
                                        reward="a long walk", reward_every=10))
        ana = store.add_contact(full_name="Ana Ruiz", first_name="Ana", title="UX Researcher", company="Acme",
                                email="ana@acme.example", phone="+1 555 0101",
                                linkedin_url="https://www.linkedin.com/in/ana-ruiz", tie_strength=3)
        store.update_contacts({ana: {"email": "ana.ruiz@home.example"}})
        for i in range(3):
            store.add_contact(full_name=f"Other {i}", title="Nurse", company=f"Clinic {i}")
        for kind, days_ago in history:
            store.log_event(ana, kind, date.today() - timedelta(days=days_ago))
    return ana


def test_a_from_today_copy_the_email_log_the_outreach_then_the_follow_up_once(browser, tmp_path):
    db = tmp_path / "a.duckdb"
    ana = seed_people(db)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(20_000)
    with running_app(db, tmp_path / "a1.log") as url:
        page.goto(url)
        settle(page)
        card = page.locator(f".st-key-today_card_{ana}")
        card.get_by_text("Open: message, log, prepare").click()
        page.get_by_text("How to reach them").wait_for()
        assert f"id={ana}" in page.url
        email = page.locator("[data-testid='stCode']").filter(has_text="ana.ruiz@home.example")
        email.hover()
        email.locator("button").first.click()  # Streamlit's copy button on the code block
        assert page.evaluate("navigator.clipboard.readText()") == "ana.ruiz@home.example"
        mail = page.get_by_role("link", name="Write an email").first
        assert mail.get_attribute("href") == "mailto:ana.ruiz@home.example"
        draft = page.get_by_role("textbox", name="A first message, ready to edit").input_value()
        assert draft.startswith("Hi Ana,") and draft.endswith("Sam Lee") and "Marketing Manager" in draft
        page.get_by_role("button", name="Log it").click()
        page.get_by_text("Next step: Wait for a reply").wait_for()
        shot(page, tmp_path, "a1-contact-logged.png")
    with Store(db) as store:  # a week and a half later: the outreach was that long ago
        (event_id,) = store.contact_events(ana)["id"].tolist()
        store.update_event(event_id, happened_on=date.today() - timedelta(days=11))
    with running_app(db, tmp_path / "a2.log") as url:
        page.goto(url)
        settle(page)
        card = page.locator(f".st-key-today_card_{ana}")
        assert card.get_by_role("button", name="Mark as reached out").count() == 0
        page.get_by_text("Follow up with Ana Ruiz: due today").wait_for()
        card.get_by_text("A polite follow-up, ready to edit").click()
        shot(page, tmp_path, "a2-today-follow-up-due.png")
        card.get_by_role("button", name="Log follow-up").click()
        page.get_by_text("Follow-up logged").first.wait_for()
        settle(page)
        assert page.locator(f".st-key-today_card_{ana}").count() == 0  # followed up once: off the list
        page.get_by_text("Next reward at 10 people reached (9 to go)").wait_for()  # counted once
        shot(page, tmp_path, "a3-today-after-follow-up.png")
    with Store(db) as store:
        assert store.contact_events(ana)["kind"].tolist() == ["reached_out", "follow_up"]
        assert store.people_reached() == 1
    context.close()


def test_b_a_decline_the_referral_ask_and_the_referrals_page_naming_the_introducer(browser, tmp_path):
    db = tmp_path / "b.duckdb"
    ana = seed_people(db, ("reached_out", 3))
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(20_000)
    with running_app(db, tmp_path / "b.log") as url:
        ask = log_outcome(page, f"{url}/contact?id={ana}", "They declined",
                          "Ask whether they can recommend someone else", "Referral ask")
        assert "recommend someone else at Acme" in ask and ask.endswith("Sam Lee")
        page.get_by_role("textbox", name="Name", exact=True).fill("Grace Kim")
        page.get_by_role("textbox", name="Job title", exact=True).fill("UX Research Lead")
        page.get_by_role("textbox", name="Company", exact=True).fill("Globex")
        page.get_by_role("button", name="Add the referral").click()
        page.get_by_text("Added Grace Kim, introduced by Ana Ruiz").wait_for()
        shot(page, tmp_path, "b1-referral-added.png")
        page.get_by_text("Open Grace Kim").click()
        page.get_by_role("heading", name="Grace Kim").wait_for()
        settle(page)
        first = page.get_by_role("textbox", name="A first message, ready to edit").input_value()
        assert first.startswith("Hi Grace,") and "Ana Ruiz suggested I get in touch with you." in first
        assert "UX Research Lead at Globex" in first
        assert page.get_by_role("heading", name="Ana Ruiz").count() == 0
        shot(page, tmp_path, "b2-referral-opened.png")
    page.close()


def test_c_a_meeting_with_a_date_in_the_calendar_a_thank_you_and_two_referrals(browser, tmp_path):
    db = tmp_path / "c.duckdb"
    ana = seed_people(db, ("reached_out", 6), ("replied", 1))
    day = date.today() + timedelta(days=3)
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.set_default_timeout(20_000)
    with running_app(db, tmp_path / "c.log") as url:
        page.goto(f"{url}/contact?id={ana}")
        settle(page)
        page.get_by_text("Next step: Agree on a time for the conversation").wait_for()
        page.locator(".st-key-person_meeting_day [role='spinbutton'][data-type='day']").click()
        page.keyboard.type(f"{day:%d%m%Y}")  # day, month, year segments
        page.keyboard.press("Tab")
        hour = page.locator(".st-key-person_meeting_time [role='spinbutton'][data-type='hour']")
        hour.click()
        page.keyboard.type("1430")  # the hour, then the minute segment
        page.keyboard.press("Tab")
        page.get_by_role("button", name="Save the meeting").click()
        page.get_by_text(f"You meet on {nice_date(day)} at 14:30").wait_for()
        shot(page, tmp_path, "c1-meeting-planned.png")

        page.goto(url)
        settle(page)
        page.get_by_text(f"Conversation with Ana Ruiz: {nice_date(day)} at 14:30").wait_for()
        with page.expect_download() as download:
            page.get_by_role("button", name="Add them to your calendar (.ics)").click()
        ics = Path(download.value.path()).read_bytes()
        (meeting,) = Calendar.from_ical(ics).walk("VEVENT")
        assert str(meeting["summary"]) == "Conversation with Ana Ruiz"
        assert meeting.decoded("dtstart") == datetime(day.year, day.month, day.day, 14, 30)
        shot(page, tmp_path, "c2-today-agenda.png")

        thanks = log_outcome(page, f"{url}/contact?id={ana}", "We met",
                             "Send a thank-you and ask who else to talk to", "Thank-you note")
        assert "who else should I talk to?" in thanks and thanks.endswith("Sam Lee")
        page.get_by_role("textbox", name="Names they suggested").fill("Grace Kim\nHugo Lind")
        page.get_by_role("button", name="Add them as referrals").click()
        page.get_by_text("Added 2 referrals, introduced by Ana Ruiz").wait_for()
        assert page.get_by_text("Open Grace Kim").count() == 1 and page.get_by_text("Open Hugo Lind").count() == 1
        shot(page, tmp_path, "c3-thank-you-and-referrals.png")
    with Store(db) as store:
        people = store.contacts().set_index("full_name")
        assert people.loc[["Grace Kim", "Hugo Lind"], "referred_by"].tolist() == [ana, ana]
        assert store.contact_events(ana)["kind"].tolist()[-2:] == ["referral_given", "referral_given"]
    page.close()
