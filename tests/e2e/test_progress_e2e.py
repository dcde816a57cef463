"""The progress dashboard in a real browser: every chart drawn, saved as PNG, SVG and CSV, and a filter applied."""

from datetime import date
from pathlib import Path

import pytest

from engine.demo import demo_dataset, demo_profile
from engine.store import Store

from .conftest import settle

pytestmark = pytest.mark.e2e


def download(page, click) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def funnel_takeaway(page) -> str:
    heading = page.get_by_role("heading", name="From outreach to referral")
    return heading.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]/following-sibling::*[1]") \
        .inner_text()


def test_progress_draws_every_chart_and_saves_them(server, page, tmp_path):
    url, db = server
    with Store(db) as store:  # before the app opens the store: one program at a time
        store.load_demo(demo_dataset(date.today()), demo_profile())
    page.goto(url + "/progress")
    settle(page)
    page.get_by_text("Outreach per week", exact=True).first.wait_for()  # not "Real outreach per week"

    charts = page.locator("[data-testid='stVegaLiteChart']")
    charts.nth(5).locator("svg.marks").wait_for()
    assert charts.count() == 6
    for i in range(6):  # drawn as SVG, with marks in it
        assert charts.nth(i).locator("svg.marks path, svg.marks line, svg.marks rect").count() > 0
    assert page.locator("[data-testid='stException']").count() == 0
    shot = tmp_path / "progress.png"
    page.set_viewport_size({"width": 1300, "height": 2400})  # Streamlit scrolls inside the page: show it all
    page.screenshot(path=str(shot))
    page.set_viewport_size({"width": 1300, "height": 900})
    print(f"screenshot: {shot}")

    charts.first.hover()
    png_button = page.get_by_role("button", name="Download as PNG").first
    png_button.wait_for()
    name, data = download(page, png_button.click)
    assert name.endswith(".png") and data[:8] == b"\x89PNG\r\n\x1a\n"

    name, data = download(page, page.get_by_role("button", name="Chart as PNG").nth(1).click)  # rendered here
    assert name == "unstuck_road.png" and data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000

    name, data = download(page, page.get_by_role("button", name="Save as SVG").first.click)
    assert name == "unstuck_weekly.svg"
    assert data.startswith(b"<?xml") and b"<svg" in data and b"People reached out to" in data

    name, data = download(page, page.get_by_role("button", name="Table as CSV").first.click)
    assert name == "unstuck_weekly.csv" and data.decode().splitlines()[0] == "week,outreach,goal"
    name, data = download(page, page.get_by_role("button", name="Table as CSV").nth(2).click)
    assert name == "unstuck_funnel.csv"
    header = data.decode().splitlines()[0]
    assert header.startswith("label,people") and "reached_out" not in data.decode()  # stages in words, no codes

    before = funnel_takeaway(page)
    channel = page.locator("[data-testid='stMultiSelect'] input[aria-label='Channel']")
    channel.click()
    channel.press_sequentially("emai")
    page.get_by_role("option", name="email", exact=True).click()
    page.keyboard.press("Escape")
    settle(page)
    page.wait_for_function(
        "t => ![...document.querySelectorAll('[data-testid=stMarkdownContainer]')].some(e => e.innerText === t)",
        arg=before)
    assert funnel_takeaway(page) != before
    assert charts.count() == 6 and page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(tmp_path / "progress_email.png"), full_page=True)
