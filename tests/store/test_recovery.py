from pathlib import Path

import pytest

from engine.cli import main
from engine.store import Store, StoreDamagedError, StoreError, recover, safety_copy_path


def damage(path):
    data = bytearray(path.read_bytes())
    data[:4096] = b"\xde\xad\xbe\xef" * 1024  # the header: DuckDB cannot read the file any more
    path.write_bytes(bytes(data))


def store_with_a_copy(path):
    """A store with one contact from before an import (kept in the safety copy) and one from the import."""
    with Store(path) as store:
        store.add_contact(full_name="Before the import")
        store.keep_safety_copy()
        store.add_contact(full_name="In the import")
    return path


def test_an_import_keeps_a_copy_and_a_damaged_store_can_be_recovered(tmp_path, capsys):
    path = store_with_a_copy(tmp_path / "unstuck.duckdb")
    assert safety_copy_path(path).exists()
    damage(path)
    with pytest.raises(StoreDamagedError) as err:
        Store(path)
    assert str(path) in str(err.value) and "unstuck recover" in str(err.value) and err.value.copy is not None
    assert main(["recover", "--db", str(path)]) == 0
    with Store(path) as store:
        assert store.contacts()["full_name"].tolist() == ["Before the import"]
    assert list(tmp_path.glob("unstuck.duckdb.damaged-*"))


def test_without_a_copy_the_message_says_so_plainly(tmp_path):
    path = tmp_path / "unstuck.duckdb"
    Store(path).close()
    damage(path)
    with pytest.raises(StoreDamagedError) as err:
        Store(path)
    assert err.value.copy is None and "Traceback" not in str(err.value)


def test_recover_leaves_a_healthy_store_alone_unless_forced(tmp_path, capsys):
    path = store_with_a_copy(tmp_path / "unstuck.duckdb")
    with pytest.raises(StoreError, match="opens fine"):
        recover(path)
    assert main(["recover", "--db", str(path)]) != 0
    assert "opens fine" in capsys.readouterr().err
    with Store(path) as store:
        assert store.contacts()["full_name"].tolist() == ["Before the import", "In the import"]
    assert main(["recover", "--force", "--db", str(path)]) == 0
    with Store(path) as store:
        assert store.contacts()["full_name"].tolist() == ["Before the import"]
    assert list(tmp_path.glob("unstuck.duckdb.replaced-*"))


def test_a_store_that_holds_nothing_keeps_no_copy_and_drops_an_older_one(tmp_path):
    path = store_with_a_copy(tmp_path / "unstuck.duckdb")  # a copy with "Before the import" in it
    with Store(path) as store:
        store.wipe()
        store.keep_safety_copy()  # nothing to lose: no copy, and the old one would bring wiped people back
        assert not safety_copy_path(path).exists()
        store.add_contact(full_name="After the wipe")
        store.keep_safety_copy()  # something to lose again: copied
    assert safety_copy_path(path).exists()
    with Store(safety_copy_path(path)) as copy:
        assert copy.contacts()["full_name"].tolist() == ["After the wipe"]


def test_a_first_import_into_a_new_store_keeps_no_copy(tmp_path):
    path = tmp_path / "unstuck.duckdb"
    assert main(["import", "--db", str(path), str(Path(__file__).parents[1] / "data" / "import"
                                                  / "linkedin_connections.csv")]) == 0
    assert not safety_copy_path(path).exists()
    with Store(path) as store:
        assert len(store.contacts()) > 0
