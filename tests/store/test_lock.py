"""The one-program lock holds through everything the app does, and two programs writing lose nothing.

On Linux, closing any descriptor of a file drops every POSIX lock the process holds on that file. A safety copy,
backup or restore that opened the store's file by hand would silently release DuckDB's lock, and a second program
could then write the same file: the app's next checkpoint would overwrite its work, or damage the store.
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from engine.importing import preview_files
from engine.profile import make_profile
from engine.store import SCRATCH_MARK, Store, safety_copy_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "data" / "import"


def cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engine.cli", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def refused(run: subprocess.CompletedProcess, path: Path) -> bool:
    return (run.returncode != 0 and str(path) in run.stderr and f"process {os.getpid()})" in run.stderr
            and "Traceback" not in run.stderr)


def import_file(store: Store, path: Path) -> None:
    """What the Import page does: preview against the store, then apply each file."""
    for preview in preview_files([(path.name, path.read_bytes())], store.contacts()):
        store.apply_import(preview.file, preview.parsed.format, preview.parsed.encoding, preview.parsed.contacts,
                           preview.plan.rows)


def big_csv(path: Path, n: int, prefix: str) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"{prefix}{i},Person,https://www.linkedin.com/in/{prefix.lower()}-{i},,Acme {i % 50},Analyst,"
              "01 Jan 2024" for i in range(n)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_after_an_import_backup_restore_and_wipe_a_second_program_is_still_refused(db_path, tmp_path):
    store = Store(db_path)
    try:
        store.save_profile(make_profile(target_role="Data Analyst"))
        import_file(store, SAMPLES / "linkedin_connections.csv")
        assert safety_copy_path(db_path).exists()  # the import kept its copy...
        contact = int(store.contacts()["id"].iloc[0])
        for attempt in (cli("log", str(contact), "--db", str(db_path)),  # ...and the lock survived it
                        cli("import", str(SAMPLES / "google_contacts.csv"), "--db", str(db_path)),
                        cli("rank", "--db", str(db_path)),
                        cli("wipe", "--yes", "--db", str(db_path)),
                        cli("restore", str(tmp_path / "b.zip"), "--force", "--db", str(db_path))):
            assert refused(attempt, db_path), attempt.stderr
        store.backup(tmp_path / "b.zip")
        store.restore(tmp_path / "b.zip", force=True)
        store.keep_safety_copy()  # of the restored data (an empty store would need none)
        store.wipe()
        assert refused(cli("log", str(contact), "--db", str(db_path)), db_path)
        assert refused(cli("recover", "--force", "--db", str(db_path)), db_path)
    finally:
        store.close()
    assert cli("imports", "--db", str(db_path)).returncode == 0  # once the app lets go, the other program may


def test_two_programs_writing_at_once_lose_nothing_and_damage_nothing(db_path, tmp_path):
    """This process imports file after file while a second one keeps trying to log, import and wipe."""
    files = [big_csv(tmp_path / f"part{i}.csv", 3000, f"P{i}x") for i in range(4)]
    other = big_csv(tmp_path / "other.csv", 500, "Other")
    store = Store(db_path)
    store.save_profile(make_profile(target_role="Data Analyst"))
    stop, attempts = threading.Event(), []

    def second_program():
        while not stop.is_set():
            for argv in (("log", "1"), ("import", str(other)), ("wipe", "--yes")):
                attempts.append(cli(*argv, "--db", str(db_path)))

    thread = threading.Thread(target=second_program)
    thread.start()
    try:
        for file in files:
            import_file(store, file)
    finally:
        stop.set()
        thread.join(300)
        store.close()
    assert attempts and all(refused(a, db_path) for a in attempts), [a.stderr for a in attempts if a.returncode == 0]
    with Store(db_path) as reopened:  # what the first program wrote is all on disk, and nothing else
        assert reopened.counts()["contacts"] == 12000
        assert reopened.counts()["events"] == 0
        assert len(reopened.import_batches()) == 4
    ranked = cli("rank", "--all", "--json", "--db", str(db_path))
    assert ranked.returncode == 0, ranked.stderr
    assert len(json.loads(ranked.stdout)) == 12000


def test_temporary_files_live_beside_the_store_and_a_crash_leaves_none_behind(tmp_path):
    path = tmp_path / "unstuck.duckdb"
    with Store(path) as store:
        store.add_contact(full_name="Ana")
        with store.scratch() as work:
            assert work.parent == tmp_path and work.name.startswith(f"unstuck.duckdb{SCRATCH_MARK}")
        assert not work.exists()
        store.backup(tmp_path / "b.zip")
        store.restore(tmp_path / "b.zip", force=True)
        assert store.contacts()["full_name"].tolist() == ["Ana"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.zip", "unstuck.duckdb"]
    # a process killed mid-restore leaves its folder (a plain copy of the backup) and a half safety copy behind
    (tmp_path / f"unstuck.duckdb{SCRATCH_MARK}killed").mkdir()
    (tmp_path / f"unstuck.duckdb{SCRATCH_MARK}killed" / "contacts.parquet").write_bytes(b"private")
    (tmp_path / "unstuck.duckdb.before-import.partial").write_bytes(b"half")
    Store(path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.zip", "unstuck.duckdb"]
