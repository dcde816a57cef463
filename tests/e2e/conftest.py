"""Start the app as `make run` does (serve.py) on a free localhost port over a fresh store and drive it in headless
Chromium."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from .app_server import start_app, stop_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("UNSTUCK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}: CI must install it (apt-get install chromium)")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}; `apt-get install chromium` to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def seed():
    """Override in a test module to fill the store before the app starts: a function of the store path."""
    return None


@contextmanager
def running_app(db: Path, log_path: Path):
    """`streamlit run` over the store `db` on a free localhost port until the block ends; yields its URL and prints
    the server log if the block fails."""
    proc, url = start_app(db, log_path)
    try:
        yield url
    except BaseException:
        print(f"--- server log {log_path.name} ---\n" + log_path.read_text()[-3000:])
        raise
    finally:
        stop_app(proc)


@pytest.fixture
def server(tmp_path, seed):
    """A running app over its own store; yields (url, store path)."""
    db = tmp_path / "e2e.duckdb"
    if seed is not None:
        seed(db)
    with running_app(db, tmp_path / "server.log") as url:
        yield url, db


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector("[data-testid='stApp']")
    page.wait_for_timeout(300)
    page.wait_for_function("!document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=20_000)
