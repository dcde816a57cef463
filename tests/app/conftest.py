from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from engine.demo import demo_dataset, demo_profile
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py")
               if p.name not in {"__init__.py", "shared.py", "archive_section.py"})  # helpers, not pages


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


def _bday(day: date, n: int) -> date:
    return (pd.Timestamp(day) + pd.offsets.BDay(n)).date()


def _plant(db_path, n: int = 120, seed: int = 3, fresh: int = 0) -> None:
    rng, today = np.random.default_rng(seed), date.today()
    total = n + fresh
    contacts = pd.DataFrame({
        "id": range(1, total + 1), "full_name": [f"Person {i}" for i in range(1, total + 1)],
        "first_name": None, "last_name": None, "email": None, "phone": None,
        "company": [f"Company {i % 40}" for i in range(total)],
        "title": rng.choice(["Data Analyst", "Software Engineer", "Product Manager", "Account Executive"], total),
        "linkedin_url": None, "notes": None, "tags": [["demo"] for _ in range(total)],
        "tie_strength": rng.choice([1, 2, 3], total), "connected_on": [date(2020, 1, 1)] * total,
        "referred_by": pd.array([1 if i % 3 == 0 and i > 1 else None for i in range(1, total + 1)], dtype="Int64"),
    })
    rows = []
    for cid, referred in zip(contacts["id"][:n], contacts["referred_by"][:n].notna(), strict=True):
        day = _bday(today, -int(rng.integers(20, 120)))
        rows.append((cid, "reached_out", "email", None, day, False))
        if rng.random() < (0.8 if referred else 0.1):
            rows.append((cid, "replied", "email", None, _bday(day, 2), False))
    events = pd.DataFrame(rows, columns=["contact_id", "kind", "channel", "note", "happened_on", "energising"])
    practice = pd.DataFrame(columns=["topic", "person", "happened_on", "feeling", "learned", "observed"])
    with Store(db_path) as store:
        store.load_demo({"contacts": contacts, "events": events, "practice": practice}, demo_profile())


@pytest.fixture
def planted():
    """Fill a store (planted(db_path, n=120, seed=3, fresh=0)) with a history holding a strong pattern: of the n
    people reached out to, those referred to the user replied 80% of the time, the others 10%. `fresh` more people
    have no history yet: whom a ranking that learned the pattern leans toward."""
    return _plant
