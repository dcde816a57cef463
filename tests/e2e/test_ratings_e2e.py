"""In a real browser: rate three people on Today, one click each, and see the list change; take one back.
(The store itself is checked by the store and app tests: the running app holds its file.)"""

import re
from datetime import date

import pytest

from engine.demo import demo_dataset, demo_profile
from engine.store import Store

from .conftest import settle

pytestmark = pytest.mark.e2e


@pytest.fixture
def seed():
    def fill(db):
        with Store(db) as store:
            store.load_demo(demo_dataset(date.today()), demo_profile())
    return fill


def card_ids(page) -> list[int]:
    classes = page.locator("[class*='st-key-today_card_']").evaluate_all("els => els.map(e => e.className)")
    return [int(re.search(r"st-key-today_card_(\d+)", c).group(1)) for c in classes]


def click_and_wait(page, key: str, gone: int | None = None) -> list[int]:
    page.locator(f".st-key-{key} button").first.click()
    settle(page)
    if gone is not None:
        page.wait_for_function(f"!document.querySelector('.st-key-today_card_{gone}')")
    # the list is redrawn card by card: read it once all five are back (on a busy machine a read came mid-way)
    page.wait_for_function("document.querySelectorAll(\"[class*='st-key-today_card_']\").length >= 5")
    return card_ids(page)


def test_rate_three_people_on_today_and_see_the_list_change(server, page, tmp_path):
    url, db = server
    page.goto(url)
    settle(page)
    page.locator("[class*='st-key-today_card_']").first.wait_for()
    before = card_ids(page)
    assert len(before) == 5

    after_one = click_and_wait(page, f"today_rate_not_{before[0]}", gone=before[0])
    assert before[0] not in after_one and after_one[0] == before[1]
    page.get_by_text("not relevant", exact=False).first.wait_for()
    after_two = click_and_wait(page, f"today_rate_not_{after_one[0]}", gone=after_one[0])
    assert after_one[0] not in after_two
    lifted = after_two[-1]
    click_and_wait(page, f"today_rate_good_{lifted}")
    page.get_by_text("3 ratings so far").wait_for()
    page.get_by_text("You rated them: a good person for my target").wait_for()
    after_three = card_ids(page)
    assert after_three.index(lifted) < after_two.index(lifted), "a good rating lifts them"
    assert after_three != before
    page.set_viewport_size({"width": 1400, "height": 900})
    page.screenshot(path=str(tmp_path / "today_rated.png"), full_page=True)

    # the last rating can be taken back from the top of the page: two ratings are left, and it says so
    click_and_wait(page, "today_undo_rating")
    page.get_by_text("2 ratings so far").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
