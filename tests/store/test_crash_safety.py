"""A process killed (SIGKILL) in the middle of a large import or a backup loses nothing committed and leaves no half.

A handful of random kills here (bench/crash_trials.py runs 200 of each and prints the figures), plus kills at the
exact worst moments: with the whole batch written but not committed, just after the commit, and with the backup
written but not yet renamed into place.
"""

import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import crash_trials  # noqa: E402
from crash_trials import Lab, backup_trial, batch_parts, fingerprint, import_trial, open_after_crash  # noqa: E402

ROWS = 50_000  # about 5 MB: long enough that a random kill lands inside the write most of the time

# The CLI with one seam: SIGKILL at a chosen moment of the import's write, or of the backup's final rename.
KILL_AT = """
import os, signal, sys
from engine import store
from engine.cli import main

when, argv = sys.argv[1], sys.argv[2:]
write = store.Store.write

def killing_write(self, fn):
    def body(cur):
        result = fn(cur)
        if when == "before-commit" and cur.execute("SELECT count(*) FROM contacts").fetchall()[0][0] > 10_000:
            os.kill(os.getpid(), signal.SIGKILL)  # every row of the batch is written, the COMMIT is not
        return result
    result = write(self, body)
    if when == "after-commit" and getattr(result, "batch_id", None):
        os.kill(os.getpid(), signal.SIGKILL)  # committed; the checkpoint after a large import has not run
    return result

replace = os.replace

def killing_replace(src, dst):
    if when == "before-rename" and str(src).endswith(".zip.partial"):
        os.kill(os.getpid(), signal.SIGKILL)  # the whole backup is on disk, under its .partial name
    return replace(src, dst)

store.Store.write = killing_write
os.replace = killing_replace  # the os module is shared: the store renames through it too
sys.exit(main(argv))
"""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A committed store, the big file, and the states before and after an uninterrupted import."""
    return Lab(tmp_path_factory.mktemp("crash"), ROWS)


def kill_at(when: str, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILL_AT, when, *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_the_lab_knows_both_states_it_accepts(lab):
    assert lab.before_state != lab.after_state
    added, merged = lab.batch_parts[1], lab.batch_parts[3]
    assert lab.batch_parts[0] == 1 and added >= ROWS * 0.99 and merged == crash_trials.MOVED
    assert lab.batch_parts[2] == added + merged  # a source row for every row of the file that reached someone


def test_random_kills_during_a_large_import_keep_the_committed_set_and_never_part_of_the_batch(lab):
    rng = random.Random(20261128)
    outcomes = []
    while len(outcomes) < 5 or (sum(o.killed for o in outcomes) < 3 and len(outcomes) < 12):
        outcomes.append(import_trial(lab, len(outcomes), rng))  # a busy machine may let a run outpace its kill
    print(crash_trials.summary(lab, outcomes))
    assert [o.failure for o in outcomes if o.failure] == []
    assert sum(o.killed for o in outcomes) >= 3  # a kill that came too late proves nothing


@pytest.mark.parametrize("when, expected", [("before-commit", "before"), ("after-commit", "after")])
def test_a_kill_at_the_worst_moment_of_the_write(lab, tmp_path, when, expected):
    db = tmp_path / "unstuck.duckdb"
    db.write_bytes(lab.base.read_bytes())
    run = kill_at(when, "import", "--db", str(db), str(lab.big))
    assert run.returncode == -signal.SIGKILL, run.stderr
    store, recovered = open_after_crash(db)
    with store:
        state, parts = fingerprint(store), batch_parts(store, lab.batch)
    if expected == "before":
        assert state == lab.before_state and parts == (0, 0, 0, 0)
    else:
        assert not recovered and state == lab.after_state and parts == lab.batch_parts


def test_random_kills_during_a_backup_leave_no_file_or_a_whole_one(lab):
    rng = random.Random(7)
    outcomes = [backup_trial(lab, n, rng) for n in range(3)]
    print(crash_trials.summary(lab, outcomes))
    assert [o.failure for o in outcomes if o.failure] == []


def test_a_backup_killed_before_its_rename_leaves_only_the_partial_file(lab, tmp_path):
    db, path = tmp_path / "unstuck.duckdb", tmp_path / "backup.zip"
    db.write_bytes(lab.after.read_bytes())
    run = kill_at("before-rename", "backup", "--db", str(db), str(path))
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert not path.exists() and Path(str(path) + ".partial").exists()
    with open_after_crash(db)[0] as store:
        assert fingerprint(store) == lab.after_state
