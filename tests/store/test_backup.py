import zipfile
from datetime import date

import pytest

from engine.demo import demo_dataset, demo_profile
from engine.profile import make_profile
from engine.store import SCHEMA_VERSION, Store, StoreError

HOSTILE = ["José Müller", "Zoë O'Neil", "王芳", "Sam 🌱 Okafor", "Robert'); DROP TABLE contacts;--"]


def checksum(store):
    return store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id").to_csv()


def test_backup_and_restore_into_a_fresh_store_lose_nothing(store, tmp_path):
    store.load_demo(demo_dataset(date(2026, 11, 28)), demo_profile())
    for name in HOSTILE:
        store.add_contact(full_name=name, company="=HYPERLINK(\"x\")")
    manifest = store.backup(tmp_path / "backup.zip")
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["tables"]["contacts"] == store.counts()["contacts"] > len(HOSTILE)
    assert not list(tmp_path.glob("*.partial"))
    with Store(tmp_path / "fresh.duckdb") as fresh:
        fresh.restore(tmp_path / "backup.zip")
        assert fresh.counts() == store.counts()
        assert checksum(fresh) == checksum(store)
        assert fresh.load_profile() == store.load_profile()
        new = fresh.add_contact(full_name="After restore")  # sequences continue after the restored ids
        assert new > fresh.contacts()["id"].drop(fresh.contacts().index[-1]).max()


def test_restore_over_data_needs_force_and_replaces_it(store, tmp_path):
    store.add_contact(full_name="Only in the backup")
    store.backup(tmp_path / "b.zip")
    with Store(tmp_path / "other.duckdb") as other:
        other.add_contact(full_name="Only here")
        with pytest.raises(StoreError, match="already holds data"):
            other.restore(tmp_path / "b.zip")
        assert other.contacts()["full_name"].tolist() == ["Only here"]
        other.restore(tmp_path / "b.zip", force=True)
        assert other.contacts()["full_name"].tolist() == ["Only in the backup"]


def test_a_backup_from_the_first_schema_restores_through_the_migrations(tmp_path):
    with Store(tmp_path / "old.duckdb", migrate_to=1) as old:
        old.save_profile(make_profile(target_role="Nurse"))
        old.write(lambda cur: cur.execute("INSERT INTO contacts (full_name) VALUES ('Ana')"))
        manifest = old.backup(tmp_path / "old.zip")
    assert manifest["schema_version"] == 1
    with Store(tmp_path / "new.duckdb") as new:
        new.restore(tmp_path / "old.zip")
        assert new.schema_version() == SCHEMA_VERSION
        assert new.contacts()["full_name"].tolist() == ["Ana"] and new.load_profile().target_role == "Nurse"
        assert "prep_notes" in new.contacts().columns


@pytest.mark.parametrize("content", [b"not a zip", None])
def test_restoring_something_that_is_not_a_backup_is_refused_and_changes_nothing(store, tmp_path, content):
    store.add_contact(full_name="Keep me")
    path = tmp_path / "bad.zip"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("manifest.json", '{"app": "other", "schema_version": 99}')
    else:
        path.write_bytes(content)
    with pytest.raises(StoreError):
        store.restore(path, force=True)
    assert store.contacts()["full_name"].tolist() == ["Keep me"]


def test_wipe_leaves_a_clean_empty_store(store):
    store.load_demo(demo_dataset(date(2026, 11, 28)), demo_profile())
    store.wipe()
    assert store.counts() == dict.fromkeys(store.counts(), 0)
    assert store.schema_version() == SCHEMA_VERSION and not store.has_demo()
    assert store.add_contact(full_name="First again") >= 1
