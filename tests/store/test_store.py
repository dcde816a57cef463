import subprocess
import sys
import threading

import duckdb
import pandas as pd
import pytest

from engine.profile import make_profile
from engine.store import SCHEMA_VERSION, Store, StoreLockedError, StoreTooNewError
from engine.store.records import LIST_COLUMNS

HOSTILE = "Robert'); DROP TABLE contacts;--"


def add_contact(store, name, **fields):
    def insert(cur):
        cur.execute("INSERT INTO contacts (full_name, company, tie_strength) VALUES (?, ?, ?)",
                    [name, fields.get("company"), fields.get("tie_strength")])
    store.write(insert)


def table_names(store):
    return set(store.read("SELECT table_name FROM duckdb_tables()")["table_name"])


def test_fresh_store_has_current_schema(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert {"profile", "target_companies", "contacts", "contact_sources", "import_batches", "outreach_events",
            "practice_interviews", "rewards", "contact_changes", "flag_dismissals"} <= table_names(store)


def test_reopening_applies_no_migration_twice(db_path):
    Store(db_path).close()
    with Store(db_path) as store:
        assert store.read("SELECT count(*) AS n FROM schema_version")["n"][0] == SCHEMA_VERSION


def test_store_from_the_first_schema_is_upgraded_in_place(db_path):
    with Store(db_path, migrate_to=1) as old:
        assert old.schema_version() == 1
        assert "flag_dismissals" not in table_names(old)
        add_contact(old, "Ana Ruiz", company="Acme")
        old.save_profile(make_profile(target_role="Data Scientist"))
    with Store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert "flag_dismissals" in table_names(store)
        assert store.contacts()["full_name"].tolist() == ["Ana Ruiz"]
        assert store.load_profile().target_role == "Data Scientist"


def schema_of(path):
    """Everything DuckDB says about a store's schema, and its schema_version rows without their times."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {view: con.execute(f"SELECT * EXCLUDE (database_oid, schema_oid, {oid}) FROM {view}() "
                                  "WHERE database_name = current_database() ORDER BY ALL").fetchall()
                for view, oid in [("duckdb_tables", "table_oid"), ("duckdb_columns", "table_oid"),
                                  ("duckdb_constraints", "table_oid"), ("duckdb_indexes", "index_oid, table_oid"),
                                  ("duckdb_sequences", "sequence_oid")]} | {
            "versions": con.execute("SELECT version, description FROM schema_version ORDER BY 1").fetchall()}
    finally:
        con.close()


def test_a_new_store_has_exactly_the_schema_of_one_migrated_step_by_step(tmp_path):
    # a new store is created in one transaction; an old one is upgraded a migration (and transaction) at a time
    new, old = tmp_path / "new" / "unstuck.duckdb", tmp_path / "old" / "unstuck.duckdb"  # one database name
    Store(new).close()
    Store(old, migrate_to=1).close()
    Store(old).close()
    new, old = schema_of(new), schema_of(old)
    assert len(new["versions"]) == SCHEMA_VERSION and len(new["duckdb_columns"]) > 100
    assert new == old


def test_store_from_a_newer_version_is_refused_with_the_file_named(db_path):
    with Store(db_path) as store:
        store.write(lambda cur: cur.execute("INSERT INTO schema_version (version) VALUES (99)"))
    with pytest.raises(StoreTooNewError, match="newer Unstuck") as err:
        Store(db_path)
    assert str(db_path) in str(err.value)


def test_a_failing_write_leaves_no_row(store):
    def half_then_fail(cur):
        cur.execute("INSERT INTO contacts (full_name) VALUES ('First')")
        cur.execute("INSERT INTO contacts (full_name, tie_strength) VALUES ('Second', 9)")  # violates CHECK

    with pytest.raises(duckdb.ConstraintException):
        store.write(half_then_fail)
    assert store.contacts().empty


def test_an_exception_in_python_rolls_back_too(store):
    def fail(cur):
        cur.execute("INSERT INTO contacts (full_name) VALUES ('Someone')")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.write(fail)
    assert store.contacts().empty


def test_hostile_text_is_stored_verbatim(store):
    add_contact(store, HOSTILE, company="=HYPERLINK(\"http://x\")")
    row = store.contacts().iloc[0]
    assert row.full_name == HOSTILE and row.company == "=HYPERLINK(\"http://x\")"
    assert "contacts" in table_names(store)


def test_profile_round_trips(store):
    profile = make_profile(target_role="UX Researcher", target_level="lead", industries="Health, Games",
                           companies="Acme: 5\nGlobex", keywords=["usability"], hr_target=True, weekly_goal=7,
                           reward="a back massage", reward_every=12)
    store.save_profile(profile)
    assert store.load_profile() == profile
    store.save_profile(make_profile(target_role="UX Designer"))
    assert store.load_profile().companies == ()


def test_two_threads_writing_at_once_both_succeed(store, in_threads):
    errors, barrier = [], threading.Barrier(4)

    def tab(n):
        try:
            barrier.wait()
            for i in range(25):
                add_contact(store, f"tab{n}-{i}")
                # every tab rewrites the same profile row: a real write-write conflict, retried
                store.save_profile(make_profile(target_role=f"Role {n}-{i}", companies=f"C{n}: 4"))
        except Exception as e:  # noqa: BLE001 - any failure in a thread must fail the test
            errors.append(e)

    in_threads(tab, 4)
    assert errors == []
    assert len(store.contacts()) == 100
    profile = store.load_profile()
    assert profile.target_role.startswith("Role ") and len(profile.companies) == 1


def test_a_second_process_gets_a_plain_message_naming_the_file(store):
    code = ("import sys; from engine.store import Store, StoreLockedError\n"
            "try:\n    Store(sys.argv[1])\nexcept StoreLockedError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code, str(store.path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert str(store.path) in out.stdout and "is open by another program" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_lock_error_type_is_raised_in_the_second_process(store):
    code = "import sys; from engine.store import Store; Store(sys.argv[1])"
    out = subprocess.run([sys.executable, "-c", code, str(store.path)], capture_output=True, text=True, timeout=60)
    assert out.returncode != 0 and StoreLockedError.__name__ in out.stderr


def test_demo_loads_and_removes_without_touching_own_data(store):
    from datetime import date

    from engine.demo import demo_dataset, demo_profile

    add_contact(store, "My Own Friend")
    store.load_demo(demo_dataset(date(2026, 11, 28)), demo_profile())
    counts = store.counts()
    assert store.has_demo() and counts["demo_contacts"] >= 380 and counts["demo_events"] > 100
    assert store.load_profile() == demo_profile()
    store.remove_demo()
    assert not store.has_demo()
    assert store.contacts()["full_name"].tolist() == ["My Own Friend"]
    assert store.events().empty and store.practice().empty
    assert store.load_profile() is None  # the demo's profile goes with it


def test_removing_demo_keeps_a_profile_the_user_saved(store):
    from datetime import date

    from engine.demo import demo_dataset, demo_profile

    store.load_demo(demo_dataset(date(2026, 11, 28)), demo_profile())
    mine = make_profile(target_role="Nurse Educator")
    store.save_profile(mine)
    store.remove_demo()
    assert store.load_profile() == mine


def test_the_demos_past_milestones_are_not_celebrated_again(store):
    from datetime import date

    from engine.demo import demo_dataset, demo_profile

    store.load_demo(demo_dataset(date(2026, 11, 28)), demo_profile())
    rewards = store.rewards()
    assert len(rewards) >= 3 and rewards["celebrated"].all()
    reached = store.people_reached()
    assert store.sync_rewards(list(range(10, reached + 1, 10)), "x", date(2026, 11, 28)) == []
    store.remove_demo()
    assert store.rewards().empty


def test_contacts_are_the_frame_duckdb_gives_in_id_order_however_they_are_stored(store):
    """Store.contacts() reads text and list columns through Arrow and rows as stored: the frame is still the one
    DuckDB's own conversion gives for ORDER BY id (types, missing values, numbering), with no contacts at all too."""
    def compare():
        frame, own = store.contacts(), store.read("SELECT * FROM contacts ORDER BY id")
        assert list(frame.columns) == list(own.columns)
        for name in own.columns:
            if name in LIST_COLUMNS:
                assert [list(v) for v in frame[name]] == [list(v) for v in own[name]]
            else:
                pd.testing.assert_series_equal(frame[name], own[name], check_exact=True)
        return frame

    assert compare().empty
    store.write(lambda cur: cur.execute(  # stored out of id order
        "INSERT INTO contacts (id, full_name, company, email, tags, tie_strength) VALUES "
        "(100, 'Ann Lee', 'Acme', NULL, ['x', 'y'], 3), (50, 'Bo Chen', NULL, 'bo@example.com', [], NULL)"))
    add_contact(store, HOSTILE, company="Zoë \"Z\" Ltd")
    frame = compare()
    assert frame["id"].tolist() == sorted(frame["id"]) and frame.index.tolist() == [0, 1, 2]
    assert frame["phone"].tolist() == [None] * 3  # a text column with no text: objects, as DuckDB gives
