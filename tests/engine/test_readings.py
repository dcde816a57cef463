"""How each title reads, remembered across runs (engine.readings): seeded readings are returned without reading the
title again, exported readings are what the readers computed, and the fingerprint names what they depend on."""

from datetime import date

import pandas as pd
import pytest

from engine import families, readings, titles
from engine.demo import demo_dataset, demo_profile
from engine.ranking import rank_contacts
from engine.rolewords import english_role
from engine.settings import read_settings
from engine.titles import canonical_role, parse_title, parse_titles

# titles written for these tests; "Zyxqa" is no word of any lexicon
INVENTED = "Zyxqa Wrangler of Tests"
REAL = ["Senior Data Scientist", "Científica de Datos", "Landschaftsarchitektin", "Orthodontist", "Head Waiter",
        "Talent Acquisition Partner"]


def _never(*_args):
    raise AssertionError("a remembered title was read again")


def test_seeded_readings_are_returned_without_reading_the_title(new_process, monkeypatch):
    rows = pd.DataFrame([{"title": INVENTED, "english_role": "seeded english", "canonical_role": "seeded canonical",
                          "seniority": "director", "is_hr": True, "family": "legal", "family_strength": 1,
                          "evidence": ["seeded"]}])
    assert readings.seed_readings(rows) == 1
    monkeypatch.setattr(titles, "_parse", _never)
    monkeypatch.setattr(titles, "_guess_families", _never)
    parsed = parse_titles(pd.Series([INVENTED, None, INVENTED]))
    assert parsed["seniority"].tolist() == ["director", "unknown", "director"]
    assert parsed["is_hr"].tolist() == [True, False, True]
    assert parsed.loc[0, ["family", "family_strength"]].tolist() == ["legal", 1]
    assert parse_title(INVENTED).evidence == ("seeded",)
    assert english_role(INVENTED) == "seeded english"
    assert canonical_role(INVENTED) == "seeded canonical"


def test_exported_readings_seed_a_new_process_to_the_same_readings(new_process, monkeypatch):
    column = pd.Series(REAL)
    computed = parse_titles(column)
    english = column.map(english_role).tolist()
    canonical = column.map(canonical_role).tolist()
    infos = [parse_title(t) for t in REAL]
    rows = readings.export_readings([*REAL, "", None, "Never read"])
    assert rows["title"].tolist() == REAL  # blank, missing and unread titles are left out
    assert list(rows.columns) == list(readings.COLUMNS)
    assert rows.loc[3, "family"] == "healthcare"  # the family guessed from meaning is part of the reading
    readings.forget_process_readings()
    readings.seed_readings(rows)
    monkeypatch.setattr(titles, "_parse", _never)
    monkeypatch.setattr(titles, "_guess_families", _never)
    pd.testing.assert_frame_equal(parse_titles(column), computed)
    assert [parse_title(t) for t in REAL] == infos
    assert column.map(english_role).tolist() == english
    assert column.map(canonical_role).tolist() == canonical


def test_a_reading_remembered_under_another_guess_setting_is_not_used(new_process, monkeypatch):
    assert parse_title("Orthodontist").family == "healthcare"
    monkeypatch.setattr(families, "GUESS_MIN", 1.01)  # a bench trying a stricter guess: read again, not remembered
    assert parse_title("Orthodontist").family == "other"


def _copy_data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for pattern in readings.DATA_FILES:
        for path in readings.DATA.glob(pattern):
            (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_the_fingerprint_changes_with_one_byte_of_a_lexicon(tmp_path, monkeypatch):
    folder = _copy_data(tmp_path)
    monkeypatch.setattr(readings, "DATA", folder)
    readings._files_fingerprint.cache_clear()
    try:
        before = readings.fingerprint()
        assert readings.fingerprint() == before  # stable while nothing changes
        words = folder / "role_words.json"
        words.write_bytes(words.read_bytes().replace(b"architect", b"architekt", 1))
        readings._files_fingerprint.cache_clear()
        assert readings.fingerprint() != before
    finally:
        readings._files_fingerprint.cache_clear()
    assert {"titles.json", "titles_world.json", "role_words.json", "role_synonyms.json"} <= {
        p.name for pattern in readings.DATA_FILES for p in readings.DATA.glob(pattern)}


def test_the_fingerprint_changes_with_the_guess_setting(monkeypatch):
    before = readings.fingerprint()
    monkeypatch.setattr(families, "GUESS_MIN", 0.5)
    assert readings.fingerprint() != before


class FakeStore:
    """A store's readings as a list of frames; counts what was asked."""

    def __init__(self, fail: bool = False):
        self.rows = pd.DataFrame(columns=list(readings.COLUMNS))
        self.fingerprint, self.saves, self.fail = None, 0, fail

    def title_readings(self, fingerprint):
        if self.fail:
            raise OSError("read-only file system")
        return self.rows if fingerprint == self.fingerprint else self.rows.iloc[:0]

    def save_title_readings(self, fingerprint, rows):
        if self.fail:
            raise OSError("read-only file system")
        self.saves += 1
        self.rows = pd.concat([self.rows if fingerprint == self.fingerprint else self.rows.iloc[:0], rows])
        self.fingerprint = fingerprint
        return len(rows)


@pytest.fixture(scope="module")
def demo():
    today = date(2026, 11, 28)
    data = demo_dataset(today)
    return data["contacts"].assign(title=data["contacts"]["title"].astype(object)), data["events"], today


def _rank(demo, store):
    contacts, events, today = demo
    return rank_contacts(contacts, events, demo_profile(), read_settings({}), today, dismissed=set(), snoozed=set(),
                         sources=pd.DataFrame(columns=["contact_id", "format"]), readings=store).scored


def test_a_second_process_reads_the_titles_from_the_store_and_ranks_alike(new_process, demo, monkeypatch):
    store = FakeStore()
    first = _rank(demo, store)
    held = set(demo[0]["title"].dropna()) - {""}
    assert store.saves == 1 and set(store.rows["title"]) == held
    new_process()  # as a new process
    read = []
    monkeypatch.setattr(titles, "read_lexically", lambda t, real=titles.read_lexically: read.append(t) or real(t))
    again = _rank(demo, store)
    assert not set(read) & held  # only the target's words are read; every contact's title was remembered
    assert store.saves == 1  # nothing new: nothing written
    pd.testing.assert_frame_equal(again, first)


def test_a_store_that_cannot_be_read_or_written_only_costs_the_reading(new_process, demo, caplog):
    expected = _rank(demo, None)
    new_process()
    pd.testing.assert_frame_equal(_rank(demo, FakeStore(fail=True)), expected)
    assert "not loaded" in caplog.text and "not saved" in caplog.text
