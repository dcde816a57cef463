import pytest
from playwright.sync_api import expect

from .conftest import settle

pytestmark = pytest.mark.e2e


def test_save_a_profile_and_see_it_after_a_reload(server, page, tmp_path):
    url, db = server
    page.goto(url + "/profile")
    settle(page)
    role = page.get_by_role("textbox", name="Target role", exact=True)
    role.fill("Product Designer")
    page.get_by_role("textbox", name="Target companies", exact=True).fill("Acme: 5\nGlobex")
    page.get_by_role("textbox", name="Industries", exact=True).fill("Games, Health")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Saved.").wait_for()

    page.reload()
    settle(page)
    # expect() retries until the rerun after the reload has drawn the saved values
    expect(page.get_by_role("textbox", name="Target role", exact=True)).to_have_value("Product Designer")
    expect(page.get_by_role("textbox", name="Target companies", exact=True)).to_have_value("Acme: 5\nGlobex: 3")
    expect(page.get_by_role("textbox", name="Industries", exact=True)).to_have_value("Games, Health")
    page.screenshot(path=str(tmp_path / "profile.png"), full_page=True)

    page.goto(url + "/progress")
    settle(page)
    page.get_by_text("Aiming for").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
