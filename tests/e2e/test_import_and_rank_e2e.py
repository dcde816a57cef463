"""A new user's first run in a real browser: set the target, upload a LinkedIn export, see whom to approach."""

from pathlib import Path

import pytest

from .conftest import settle

pytestmark = pytest.mark.e2e
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "import"


def test_upload_a_linkedin_export_and_see_the_ranked_list(server, page, tmp_path):
    url, _ = server
    page.goto(url + "/profile")
    settle(page)
    page.get_by_role("textbox", name="Target role", exact=True).fill("Data Engineer")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Saved.").wait_for()

    page.goto(url + "/import")
    settle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        str(SAMPLES / "linkedin_connections.csv"))
    page.get_by_text("To add").wait_for()
    assert page.locator("[data-testid='stMetricValue']").first.inner_text() == "6"
    page.get_by_role("button", name="Import 1 file(s)").click()
    page.get_by_text("linkedin_connections.csv: 6 added").wait_for()
    page.screenshot(path=str(tmp_path / "import.png"), full_page=True)

    page.goto(url)
    settle(page)
    page.get_by_text("Whom to approach next").wait_for()
    page.get_by_text("José Müller").first.wait_for()  # a Data Engineer: the closest to the target
    page.get_by_text("same role as your target").first.wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(tmp_path / "today.png"), full_page=True)
