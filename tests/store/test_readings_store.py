"""The store's cache of title readings (engine.store.readings): a round trip, one fingerprint at a time, only titles
some contact holds, never in a backup, no new data version, and a ranking with it equal to one without."""

import zipfile
from datetime import date

import pandas as pd

from engine import readings, titles
from engine.demo import demo_dataset, demo_profile
from engine.importing import preview_files
from engine.ranking import rank_contacts
from engine.settings import read_settings
from engine.store import SCHEMA_VERSION, Store

TODAY = date(2026, 11, 28)


def row(title, family="data", evidence=("'Data' -> data and analytics",)):
    return {"title": title, "english_role": title.lower(), "canonical_role": title.lower(), "seniority": "senior",
            "is_hr": False, "family": family, "family_strength": 2, "evidence": list(evidence)}


def rows(*titles_):
    return pd.DataFrame([row(t) for t in titles_], columns=list(readings.COLUMNS))


def held(store, *titles_):
    for t in titles_:
        store.add_contact(full_name=f"Holder of {t}", title=t)


def remembered(store, fingerprint="fp1"):
    return sorted(store.title_readings(fingerprint)["title"])


def test_readings_round_trip(store):
    held(store, "Data Engineer", "Nurse")
    frame = pd.DataFrame([row("Data Engineer"), row("Nurse", "healthcare", ())], columns=list(readings.COLUMNS))
    assert store.save_title_readings("fp1", frame) == 2
    back = store.title_readings("fp1").sort_values("title").reset_index(drop=True)
    assert back[list(readings.COLUMNS[:-1])].to_dict("records") == frame[list(readings.COLUMNS[:-1])].to_dict(
        "records")
    assert [list(e) for e in back["evidence"]] == [["'Data' -> data and analytics"], []]
    assert store.save_title_readings("fp1", rows("Data Engineer")) == 0  # already remembered: kept, not doubled
    assert remembered(store) == ["Data Engineer", "Nurse"]


def test_saving_readings_is_no_change_to_the_data(store):
    held(store, "Data Engineer")
    version = store.version
    store.save_title_readings("fp1", rows("Data Engineer"))
    assert store.version == version  # pages cache by the version: a cache write must not redraw them


def test_another_fingerprint_empties_the_table(store):
    held(store, "Data Engineer", "Nurse")
    store.save_title_readings("fp1", rows("Data Engineer", "Nurse"))
    store.save_title_readings("fp2", rows("Nurse"))
    assert remembered(store, "fp1") == []  # readings of an older lexicon are never used again
    assert remembered(store, "fp2") == ["Nurse"]
    assert store.scalar("SELECT count(*) FROM title_readings") == 1


def test_only_titles_a_contact_holds_are_kept(store):
    held(store, "Data Engineer")
    store.save_title_readings("fp1", rows("Data Engineer", "Nobody's Title"))
    assert remembered(store) == ["Data Engineer"]


def test_a_deleted_persons_title_does_not_outlive_them(store):
    held(store, "Data Engineer", "Data Engineer", "Rare Title")
    ids = store.contacts().set_index("title")["id"]
    store.save_title_readings("fp1", rows("Data Engineer", "Rare Title"))
    store.delete_contact(int(ids["Rare Title"]))
    store.delete_contact(int(ids["Data Engineer"].iloc[0]))
    assert remembered(store) == ["Data Engineer"]  # still held by the other one


def test_editing_a_title_forgets_the_old_one(store):
    held(store, "Old Title")
    store.save_title_readings("fp1", rows("Old Title"))
    store.update_contacts({int(store.contacts()["id"][0]): {"title": "New Title"}})
    assert remembered(store) == []


def test_merging_two_contacts_forgets_the_title_that_went(store):
    held(store, "Data Engineer", "Data Engineer at Acme")
    a, b = store.contacts()["id"].tolist()
    store.save_title_readings("fp1", rows("Data Engineer", "Data Engineer at Acme"))
    store.merge_contacts(a, b)
    assert remembered(store) == ["Data Engineer"]


def test_removing_the_demo_and_wiping_empty_the_cache(store):
    store.load_demo(demo_dataset(TODAY), demo_profile())
    held(store, "My Own Title")
    demo_titles = store.contacts()["title"].dropna().unique().tolist()
    store.save_title_readings("fp1", rows(*demo_titles))
    store.remove_demo()
    assert remembered(store) == ["My Own Title"]
    store.save_title_readings("fp1", rows("My Own Title"))
    store.wipe()
    assert store.scalar("SELECT count(*) FROM title_readings") == 0


def test_undoing_an_import_forgets_its_titles(store):
    csv = b"Name,Company,Title\nAna Ruiz,Acme,Imported Title Only\n"
    preview = preview_files([("people.csv", csv)], store.contacts())[0]
    result = store.apply_import("people.csv", preview.parsed.format, preview.parsed.encoding, preview.parsed.contacts,
                                preview.plan.rows)
    store.save_title_readings("fp1", rows("Imported Title Only"))
    assert remembered(store) == ["Imported Title Only"]
    store.undo_import(result.batch_id)
    assert remembered(store) == []


def test_backups_leave_the_cache_out_and_a_restore_starts_without_it(store, tmp_path):
    held(store, "Data Engineer")
    store.save_title_readings("fp1", rows("Data Engineer"))
    manifest = store.backup(tmp_path / "b.zip")
    assert "title_readings" not in manifest["tables"]
    assert "title_readings.parquet" not in zipfile.ZipFile(tmp_path / "b.zip").namelist()
    with Store(tmp_path / "other.duckdb") as other:
        held(other, "Data Engineer", "Nurse")
        other.save_title_readings("fp1", rows("Data Engineer", "Nurse"))
        other.restore(tmp_path / "b.zip", force=True)
        assert other.scalar("SELECT count(*) FROM title_readings") == 0
        assert other.contacts()["title"].tolist() == ["Data Engineer"]


def test_an_older_store_gains_an_empty_cache(db_path):
    with Store(db_path, migrate_to=SCHEMA_VERSION - 1) as old:
        held(old, "Data Engineer")
        assert not old.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'title_readings'")
    with Store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert remembered(store) == []
        assert store.save_title_readings("fp1", rows("Data Engineer")) == 1


def rank(store):
    contacts = store.contacts()
    return rank_contacts(contacts, store.events(), store.load_profile(), read_settings(store.settings()), TODAY,
                         dismissed=store.dismissed_flags(), snoozed=store.snoozed(TODAY),
                         sources=store.source_formats(), ratings=store.ratings(), readings=store).ranked


def test_a_ranking_from_remembered_readings_equals_one_read_afresh(store, new_process, monkeypatch):
    store.load_demo(demo_dataset(TODAY), demo_profile())
    fresh = rank(store)  # every title read, and remembered
    held_titles = set(store.contacts()["title"].dropna())
    assert set(store.title_readings(readings.fingerprint())["title"]) == held_titles
    new_process()  # as the next process
    read = []
    monkeypatch.setattr(titles, "read_lexically", lambda t, real=titles.read_lexically: read.append(t) or real(t))
    warm = rank(store)
    assert not set(read) & held_titles
    pd.testing.assert_frame_equal(warm, fresh)


def test_a_closed_store_only_costs_the_reading(store, new_process, caplog):
    store.load_demo(demo_dataset(TODAY), demo_profile())
    contacts, events, profile = store.contacts(), store.events(), store.load_profile()
    sources = store.source_formats()
    expected = rank(store)
    new_process()
    store.close()  # every read and write of it fails now
    ranked = rank_contacts(contacts, events, profile, read_settings({}), TODAY, dismissed=set(), snoozed=set(),
                           sources=sources, readings=store).ranked
    pd.testing.assert_frame_equal(ranked, expected)
    assert "not loaded" in caplog.text and "not saved" in caplog.text
