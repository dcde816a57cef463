"""The app's launcher (serve.py): `streamlit run streamlit_app.py` with the engine loading beside the server's start."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import serve  # noqa: E402


def test_main_runs_the_app_script_with_the_options_given_and_loads_the_engine_once_the_server_is_up(monkeypatch):
    steps, loaded, ran = [], threading.Event(), {}
    monkeypatch.setattr(serve, "server_started", lambda: steps.append("server up"))
    monkeypatch.setattr(serve, "load_engine", lambda: (steps.append("engine loaded"), loaded.set()))
    monkeypatch.setattr(sys, "argv", ["serve.py", "--server.port", "8599"])
    from streamlit.web import cli

    monkeypatch.setattr(cli, "main", lambda prog_name: ran.update(argv=list(sys.argv), prog_name=prog_name))
    serve.main()
    assert ran == {"argv": ["streamlit", "run", str(ROOT / "streamlit_app.py"), "--server.port", "8599"],
                   "prog_name": "streamlit"}
    assert loaded.wait(10)  # on its own thread, so the server starts meanwhile
    assert steps == ["server up", "engine loaded"]


class _Runtime:
    """Streamlit's runtime as server_started sees it: INITIAL for its first polls, then up."""

    def __init__(self):
        self.polls = 0

    def exists(self):
        return True

    def instance(self):
        self.polls += 1
        return self

    @property
    def state(self):
        from streamlit.runtime import RuntimeState

        return RuntimeState.INITIAL if self.polls < 3 else RuntimeState.NO_SESSIONS_CONNECTED


def test_loading_waits_for_the_server_and_gives_up_waiting_on_one_that_never_starts(monkeypatch):
    import streamlit.runtime

    assert not serve.server_started(timeout=0.2)  # no runtime in this process
    runtime = _Runtime()
    monkeypatch.setattr(streamlit.runtime, "Runtime", runtime)
    assert serve.server_started(timeout=5) and runtime.polls == 3


# In a fresh interpreter: load the engine as serve.py does, then rank a different, bigger network: that ranking
# imports no module and fills no loader the warm-up had not (the first page pays only for the user's own data);
# DuckDB and the Excel reader are loaded, Streamlit is left to its own start.
CHECK = """
import sys, gc
from datetime import date
import serve
serve.load_engine()
from engine import embeddings, families, titles
loaders = [titles._lexicon, titles._manager_heads, families._centroids, embeddings._model]
filled = [f.cache_info().currsize for f in loaders]
before = set(sys.modules)
import pandas as pd
from engine.demo import demo_dataset, demo_profile
from engine.ranking import rank_contacts
from engine.settings import STANDARD
demo = demo_dataset(date.today())
contacts = demo["contacts"].iloc[100:300]
rank_contacts(contacts, demo["events"], demo_profile(), STANDARD, date.today(), dismissed=set(), snoozed=set(),
              sources=pd.DataFrame({"contact_id": pd.Series(dtype="int64"), "format": pd.Series(dtype=object)})).ranked
print(filled, sorted(set(sys.modules) - before), "streamlit" in before, "duckdb" in before, "openpyxl" in before)
"""


@pytest.mark.slow  # a fresh interpreter loads the whole engine
def test_loading_the_engine_leaves_nothing_for_the_first_ranking_to_load():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["[1,", "1,", "1,", "1]", "[]", "False", "True", "True"], out.stdout
