"""Two overlapping exports in a real browser: nobody is left out, the doubtful pairs wait for the user, who merges
one, keeps one apart and undoes the merge."""

import pytest

from engine.profile import make_profile
from engine.store import Store

from .conftest import settle

pytestmark = pytest.mark.e2e

LINKEDIN = """First Name,Last Name,URL,Email Address,Company,Position,Connected On
Michael,Chen,https://www.linkedin.com/in/michael-chen-rn,,St Mary's Hospital,Registered Nurse,12 Mar 2024
Kate,O'Neill,https://www.linkedin.com/in/kate-oneill,,Deloitte,Senior Consultant,02 Feb 2023
"""
GOOGLE = """Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title
Michael Chen,Michael,Chen,mchen@acme-logistics.com,Acme Logistics,Warehouse Supervisor
Kate O'Neill,Kate,O'Neill,kate.oneill@gmail.com,,
"""


@pytest.fixture
def seed():
    def fill(db):
        with Store(db) as store:
            store.save_profile(make_profile(target_role="Operations Manager"))
    return fill


def test_import_two_overlapping_files_then_review_merge_keep_apart_and_undo(server, page, tmp_path):
    url, _ = server
    (tmp_path / "Connections.csv").write_text(LINKEDIN)
    (tmp_path / "google.csv").write_text(GOOGLE)
    page.goto(url + "/import")
    settle(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        [str(tmp_path / "Connections.csv"), str(tmp_path / "google.csv")])
    page.get_by_role("button", name="Import 2 file(s)").click()
    page.get_by_text("2 of them may be someone already here.").wait_for()
    page.get_by_text("google.csv: 2 added, 0 merged").wait_for()  # nobody left out
    page.screenshot(path=str(tmp_path / "imported.png"), full_page=True)

    page.get_by_role("link", name="Review possible duplicates").click()
    page.get_by_text("2 pair(s) to review.").wait_for()
    page.get_by_text("same name, company missing on one side").wait_for()
    page.screenshot(path=str(tmp_path / "queue.png"), full_page=True)

    kate = page.locator("[class*='st-key-duplicates_pair_']").filter(has_text="Kate O'Neill")
    kate.get_by_role("button", name="Same person: keep this one").first.click()
    page.get_by_text("1 pair(s) to review.").wait_for()
    michael = page.locator("[class*='st-key-duplicates_pair_']").filter(has_text="Michael Chen")
    michael.get_by_role("button", name="Different people: keep both").click()
    page.get_by_text("Nobody to review").wait_for()
    # While the page redraws, the merge line of the run before can still sit beside the new one: wait for either,
    # let the run finish, then count.
    page.get_by_text("Kate O'Neill merged into contact").first.wait_for()
    settle(page)  # the run has finished: no element of the run before it is still on the page
    assert page.get_by_text("Kate O'Neill merged into contact").count() == 1  # shown once
    assert page.get_by_role("button", name="Undo").count() == 1  # one merge, one undo

    page.get_by_role("button", name="Undo").click()
    page.get_by_text("1 pair(s) to review.").wait_for()
    page.screenshot(path=str(tmp_path / "undone.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Registered Nurse at St Mary's Hospital").count() == 0  # kept apart stays apart
