import pytest

from engine.store import Store


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
