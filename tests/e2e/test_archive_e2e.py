"""LinkedIn's whole archive in a real browser: upload the zip, import it, and see Progress, Today's follow-ups and
the former-colleague reasons change."""

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from engine.profile import make_profile
from engine.store import Store

from .conftest import settle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "archive"))
from make_archive import make_archives  # noqa: E402

pytestmark = pytest.mark.e2e
SHOTS = os.environ.get("UNSTUCK_SHOTS")  # a folder to keep the screenshots in, to look at them


@pytest.fixture
def seed():
    def fill(db):
        with Store(db) as store:
            store.save_profile(make_profile(target_role="Data Analyst", reward="a long walk", reward_every=10))
    return fill


def people_reached(page) -> int:
    metric = page.locator("[data-testid='stMetric']").filter(has_text="People reached")
    return int(metric.locator("[data-testid='stMetricValue']").inner_text())


def shot(page, tmp_path, name):
    page.set_viewport_size({"width": 1400, "height": 2600})
    page.screenshot(path=str(Path(SHOTS or tmp_path) / name), full_page=True)
    page.set_viewport_size({"width": 1300, "height": 900})


def test_import_the_archive_and_see_progress_follow_ups_and_former_colleagues(server, page, tmp_path):
    url, _ = server
    exported = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=1)
    gen = make_archives(n_people=120, first_export=exported)  # recent history: some of it is due a follow-up
    archive = tmp_path / f"Basic_LinkedInDataExport_{exported:%m-%d-%Y}.zip"
    archive.write_bytes(gen["a"])
    truth = [t for t in gen["truth_a"] if t.connection_url]

    page.goto(url + "/progress")
    settle(page)
    assert people_reached(page) == 0

    page.goto(url + "/import")
    settle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(archive))
    page.get_by_text("your LinkedIn archive").wait_for()
    page.get_by_text("group conversations").first.wait_for()
    page.get_by_role("button", name="Import the archive").wait_for()
    settle(page)
    shot(page, tmp_path, "archive_preview.png")
    page.get_by_role("button", name="Import the archive").click()
    page.get_by_text(f"{len(truth)} events in your outreach log").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, tmp_path, "archive_imported.png")

    page.goto(url + "/progress")
    settle(page)
    page.get_by_text("The long road").first.wait_for()
    page.get_by_text("Outreach per week", exact=True).first.wait_for()  # the charts, drawn from the imported log
    reached = len({t.connection_url for t in truth if t.kind == "reached_out"})
    assert people_reached(page) == reached
    # old history passes milestones quietly: no stack of celebrations for the imported past
    assert page.get_by_text("people reached!").count() == 0
    shot(page, tmp_path, "archive_progress.png")

    page.goto(url)
    settle(page)
    page.get_by_text("Whom to approach next").wait_for()
    page.get_by_text("Follow up with").first.wait_for()  # the agenda: imported outreach left unanswered
    page.get_by_text("former colleague: you both worked at").first.wait_for()
    assert page.get_by_text("people reached!").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    shot(page, tmp_path, "archive_today.png")
