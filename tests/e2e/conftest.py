"""Start `streamlit run` on a free localhost port over a fresh store and drive it in headless Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("UNSTUCK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    port = _free_port()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=ROOT, env=dict(os.environ, UNSTUCK_DB=str(db)), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    raise RuntimeError("the app did not start:\n" + log_path.read_text()[-3000:]) from None
                time.sleep(0.3)
        yield url
    except BaseException:
        print(f"--- server log {log_path.name} ---\n" + log_path.read_text()[-3000:])
        raise
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
