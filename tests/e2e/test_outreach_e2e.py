"""Two journeys in a real browser: a decline turned into a referral, and the tenth outreach celebrated."""

from datetime import date, timedelta

import pytest

from engine.profile import make_profile
from engine.store import Store

from .conftest import settle

pytestmark = pytest.mark.e2e


def choose(page, label: str, option: str) -> None:
    """Pick an option in a Streamlit selectbox by its label (typed: steadier on a busy machine)."""
    from .test_workbench_e2e import choose as typed

    typed(page, label, option)


@pytest.fixture
def seed(request):
    def fill(db):
        with Store(db) as store:
            store.save_profile(make_profile(target_role="Data Scientist", target_level="senior",
                                            reward="a back massage", reward_every=10))
            ana = store.add_contact(full_name="Ana Ruiz", first_name="Ana", title="Data Scientist", company="Acme")
            store.log_event(ana, "reached_out", date.today() - timedelta(days=2))
            for i in range(8):
                other = store.add_contact(full_name=f"Reached {i}", title="Data Analyst", company=f"Co {i}")
                store.log_event(other, "reached_out", date.today() - timedelta(days=1))  # waiting for a reply
            for i in range(3):
                store.add_contact(full_name=f"Fresh {i}", title="Nurse", company=f"Clinic {i}")
    return fill


def test_a_decline_becomes_a_referral_that_ranks_first(server, page, tmp_path):
    url, _ = server
    page.goto(url + "/contact?id=1")
    settle(page)
    page.get_by_text("Ana Ruiz").first.wait_for()
    choose(page, "What", "They declined")
    page.get_by_role("button", name="Log it").click()
    page.get_by_text("Next step: ask whether they can recommend someone else").wait_for()
    page.get_by_role("textbox", name="Name", exact=True).fill("Carla Diaz")
    page.get_by_role("textbox", name="Job title", exact=True).fill("Senior Data Scientist")
    page.get_by_role("textbox", name="Company", exact=True).fill("Acme")
    page.get_by_role("button", name="Add the referral").click()
    page.get_by_text("Added Carla Diaz, introduced by Ana Ruiz").wait_for()
    page.screenshot(path=str(tmp_path / "referral.png"), full_page=True)

    page.goto(url)
    settle(page)
    first = page.locator("[class*='st-key-today_card_']").first
    first.get_by_text("Carla Diaz").wait_for()
    assert "referred by Ana Ruiz" in first.inner_text()
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_tenth_outreach_is_celebrated(server, page, tmp_path):
    url, _ = server
    page.goto(url)
    settle(page)
    page.get_by_text("Next reward at 10 people reached (1 to go)").wait_for()
    page.get_by_role("button", name="Mark as reached out").first.click()
    page.get_by_text("10 people reached!").wait_for()
    assert page.get_by_text("a back massage").count() >= 1
    page.screenshot(path=str(tmp_path / "celebration.png"), full_page=True)
    page.reload()
    settle(page)
    assert page.get_by_text("10 people reached!").count() == 0  # celebrated once, not on every rerun
