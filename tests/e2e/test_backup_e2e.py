"""A backup made in the browser restores, in the browser, into a fresh store on another run of the app, whole."""

from datetime import date
from pathlib import Path

import pytest

from engine.demo import demo_dataset, demo_profile
from engine.store import Store

from .conftest import running_app, settle

pytestmark = pytest.mark.e2e


def contents(path: Path) -> tuple[dict[str, int], str]:
    """Row counts of every table, and the contacts table as text (timestamps left out)."""
    with Store(path) as store:
        tables = store.read("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                            "ORDER BY table_name")["table_name"]
        counts = {t: int(store.scalar(f'SELECT count(*) FROM "{t}"')) for t in tables}  # names from the catalogue
        contacts = store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id").to_csv()
    return counts, contacts


def test_back_up_in_one_app_and_restore_in_another(browser, tmp_path):
    source, fresh = tmp_path / "source.duckdb", tmp_path / "fresh.duckdb"
    with Store(source) as store:
        store.load_demo(demo_dataset(date.today()), demo_profile())
        people = store.counts()["contacts"]
    backup = tmp_path / "downloaded-backup.zip"

    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        with running_app(source, tmp_path / "source.log") as url:
            page.goto(url + "/data")
            settle(page)
            page.get_by_role("button", name="Prepare a backup").click()
            page.get_by_text("Backup ready:").wait_for()
            with page.expect_download() as download:
                page.get_by_role("button", name="Download the backup").click()
            download.value.save_as(backup)
            page.screenshot(path=str(tmp_path / "backup.png"), full_page=True)

        with running_app(fresh, tmp_path / "fresh.log") as url:
            page.goto(url + "/data")
            settle(page)
            page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(backup))
            settle(page)  # the upload's own rerun
            page.get_by_role("button", name="Restore", exact=True).click()
            # the success alert itself: a bare text match also hits "Restore" + "Delete" in one container
            restored = page.locator("[data-testid='stAlert']").filter(has_text="Restored:")
            restored.wait_for()
            assert f"Restored: {people} contacts" in restored.inner_text()
            assert page.locator("[data-testid='stException']").count() == 0
            page.screenshot(path=str(tmp_path / "restore.png"), full_page=True)
    finally:
        context.close()

    assert backup.stat().st_size > 0
    assert (tmp_path / "backup.png").stat().st_size > 0 and (tmp_path / "restore.png").stat().st_size > 0
    (counts, contacts), (restored_counts, restored_contacts) = contents(source), contents(fresh)
    assert counts["contacts"] > 100 and counts["outreach_events"] > 0
    assert restored_counts == counts
    assert restored_contacts == contacts
