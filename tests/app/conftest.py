from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from engine.demo import demo_dataset, demo_profile
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py")
               if p.name not in {"__init__.py", "shared.py"})


@pytest.fixture
def app(db_path, monkeypatch):
    """An AppTest of the whole app over a fresh store; call app_at(page) to open another page."""
    monkeypatch.chdir(ROOT)

    def at(page: str | None = None) -> AppTest:
        test = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
        test.run()
        if page:
            test.switch_page(page).run()
        return test
    return at


@pytest.fixture
def demo_store(db_path):
    with Store(db_path) as store:
        store.load_demo(demo_dataset(date.today()), demo_profile())
    return db_path


@pytest.fixture
def page_alone(db_path, monkeypatch):
    """Run one page script on its own (not through st.navigation) over the test's store; call it with the page."""
    import streamlit as st

    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))  # run on its own, the page's folder, not the root, is on the path
    st.cache_data.clear()

    def run(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / page), default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        return at
    return run
