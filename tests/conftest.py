import sys
import threading
from pathlib import Path

import pytest

from engine import readings
from engine.scoring import _title_columns
from engine.store import Store

TESTS = Path(__file__).resolve().parent
# Folders whose tests open stores, run the CLI or the app, drive a browser, or grind through the fuzzing corpus:
# all marked slow, so `pytest -m "not slow"` (`make test-fast`) runs the engine's own unit tests in under a minute.
SLOW_FOLDERS = ("store", "cli", "fuzz", "app", "e2e")
SLOW_FILES = ("test_no_network.py",)  # starts processes that import, score and back up under strace


def pytest_ignore_collect(collection_path, config):
    """With -m "not slow", slow folders are not even collected: importing them (Streamlit for the app) takes seconds."""
    if config.getoption("markexpr", "") == "not slow" and collection_path.parent == TESTS \
            and (collection_path.name in SLOW_FOLDERS or collection_path.name in SLOW_FILES):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        where = Path(str(item.path)).resolve().relative_to(TESTS).parts
        if where[0] in SLOW_FOLDERS or where[-1] in SLOW_FILES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A fresh store file for this test, also chosen for the app and CLI through UNSTUCK_DB."""
    path = tmp_path / "unstuck.duckdb"
    monkeypatch.setenv("UNSTUCK_DB", str(path))
    return path


@pytest.fixture
def store(db_path):
    with Store(db_path) as s:
        yield s


@pytest.fixture
def in_threads():
    """Call it with fn and n: runs fn(0) ... fn(n - 1) each in its own thread at once and waits for them all. With
    `switch` (seconds) the threads take turns that often meanwhile, so that a race shows within a few calls."""
    def run(fn, n: int, switch: float | None = None) -> None:
        threads = [threading.Thread(target=fn, args=(k,)) for k in range(n)]
        before = sys.getswitchinterval()
        if switch:
            sys.setswitchinterval(switch)
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            sys.setswitchinterval(before)
    return run


@pytest.fixture
def new_process():
    """This process's title readings (and the scoring cache built on them) forgotten before and after the test, as a
    new process starts; call it to forget them again mid-test, as the next process would."""
    def forget() -> None:
        readings.forget_process_readings()
        _title_columns.cache_clear()
    forget()
    yield forget
    forget()
