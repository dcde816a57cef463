"""Reading titles with a helper process (engine.reading_helper): the readings are exactly those of reading every title
here, whether the helper takes its share, fails, hangs or never starts; and ranking with it ranks alike."""

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from engine import reading_helper, readings
from engine.demo import demo_dataset, demo_profile
from engine.ranking import rank_contacts
from engine.reading_helper import TitleHelper, read_one
from engine.settings import read_settings

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def labelled_titles() -> list[str]:
    """Titles people wrote in many languages (the labelled sets), some twice as long as usual, none blank."""
    titles = pd.concat([pd.read_csv(p)["title"] for p in sorted(DATA.glob("titles_labelled*.csv"))])
    distinct = list(dict.fromkeys(t for t in titles.dropna() if t.strip()))
    return distinct + [f"{a} | {b}" for a, b in zip(distinct[:300], distinct[300:600], strict=True)]


def _here(titles: list[str]) -> list:
    return [read_one(t) for t in titles]


def test_a_ready_helper_takes_a_share_and_the_readings_are_the_same(new_process, labelled_titles):
    with TitleHelper() as helper:
        assert helper.wait_ready(30)
        shared = helper.read(labelled_titles)
        assert 0 < helper.read_by_helper < len(labelled_titles)
    assert shared == _here(labelled_titles)


def test_a_helper_killed_while_reading_costs_nothing_but_time(new_process, labelled_titles):
    with TitleHelper() as helper:
        assert helper.wait_ready(30)
        os.kill(helper._process.pid, signal.SIGKILL)
        shared = helper.read(labelled_titles)
        assert helper.read_by_helper == 0 and not helper.alive
    assert shared == _here(labelled_titles)


def test_a_helper_that_hangs_is_left_aside(new_process, labelled_titles, monkeypatch):
    monkeypatch.setattr(reading_helper, "REPLY_WAIT", 0.5)
    with TitleHelper() as helper:
        assert helper.wait_ready(30)
        os.kill(helper._process.pid, signal.SIGSTOP)  # alive, silent
        try:
            shared = helper.read(labelled_titles)
        finally:
            os.kill(helper._process.pid, signal.SIGCONT)
        assert helper.read_by_helper == 0 and not helper.alive
    assert shared == _here(labelled_titles)


def test_without_a_process_to_start_every_title_is_read_here(new_process, labelled_titles, monkeypatch):
    def no_processes(*_args, **_kwargs):
        raise OSError("Resource temporarily unavailable")
    monkeypatch.setattr(subprocess, "Popen", no_processes)
    with TitleHelper() as helper:
        assert not helper.wait_ready(0.1)
        assert helper.read(labelled_titles[:500]) == _here(labelled_titles[:500])
        assert helper.read_by_helper == 0


def test_the_helper_process_starts_without_pandas():
    """It is ready in a fraction of a second because it loads the title readers alone (engine.titles and
    engine.text import NumPy, pandas and pyarrow only where a whole column is read)."""
    loaded = subprocess.run([sys.executable, "-c", "import sys, engine.reading_helper as h; h.read_one('CTO'); "
                             "print(sorted({'pandas', 'numpy', 'pyarrow', 'duckdb'} & set(sys.modules)))"],
                            capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2])
    assert loaded.stdout.strip() == "[]"


def _rank(share: bool) -> pd.DataFrame:
    today = date(2026, 11, 28)
    data = demo_dataset(today)
    contacts = data["contacts"].assign(title=data["contacts"]["title"].astype(object))
    return rank_contacts(contacts, data["events"], demo_profile(), read_settings({}), today, dismissed=set(),
                         snoozed=set(), sources=pd.DataFrame(columns=["contact_id", "format"]),
                         share_reading=share).ranked


def test_ranking_with_the_titles_read_by_a_helper_ranks_alike(new_process, monkeypatch):
    alone = _rank(share=False)
    new_process()
    by_helper = []

    def read_when_ready(helper, titles, real=TitleHelper.read):
        assert helper.wait_ready(30)
        out = real(helper, titles)
        by_helper.append(helper.read_by_helper)
        return out
    monkeypatch.setattr(TitleHelper, "read", read_when_ready)
    monkeypatch.setattr(readings, "SHARE_FROM", 1)
    monkeypatch.setattr(reading_helper, "BATCH", 20)  # the demo's few hundred titles still make many batches
    shared = _rank(share=True)
    assert by_helper and by_helper[0] > 0
    pd.testing.assert_frame_equal(shared, alone)
