"""Crash trials: SIGKILL `unstuck import` (and `unstuck backup`) at random moments, then prove nothing was lost.

Each import trial copies a store holding a known committed set (1,000 contacts from a first import, a profile,
outreach events, a dismissed flag), starts `unstuck import` of a large generated LinkedIn export into it (new
people plus 25 who changed jobs, so the batch both adds and updates), and kills the process with SIGKILL after
a random delay (seeded), mostly while it writes. Then the store must open (or `recover` must bring back the copy
from before the import, and then it opens) and hold exactly the state before the import or exactly the state an
uninterrupted import leaves, compared table by table with a checksum: never part of a batch.
Each backup trial kills `unstuck backup PATH`: PATH then either does not exist or is a complete backup that
restores to exactly the store's contents (a leftover PATH.partial is fine).

Run: `.venv/bin/python bench/crash_trials.py [--trials 200] [--backup-trials 200] [--rows 100000] [--seed 1]`
Prints a summary; exits 1 if any trial failed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import_parse import linkedin_export  # noqa: E402

from engine.merge import plan_merge  # noqa: E402
from engine.profile import make_profile  # noqa: E402
from engine.readers import read_contacts  # noqa: E402
from engine.store import Store, StoreDamagedError, recover  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = 1_000
MOVED = 25  # committed people the big file updates (a new job): the batch changes stored rows too
TIMESTAMPS = {"created_at", "updated_at", "dismissed_at", "applied_at"}
# `unstuck backup` with a marker once Python and the libraries are loaded, so the kill lands in the real work
BACKUP_CHILD = ("import sys; from engine.cli import main; print('started', file=sys.stderr, flush=True); "
                "sys.exit(main(['backup', '--db', sys.argv[1], sys.argv[2]]))")


def committed_file() -> bytes:
    """The first import: names no generated row can match by accident."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Kept,Stayer{i:04d},https://www.linkedin.com/in/stayer-{i},stayer{i}@example.com,Keepsake Ltd,"
              f"Analyst,01 Jan 2020" for i in range(COMMITTED)]
    return ("\n".join(lines) + "\n").encode()


def big_file(rows: int) -> bytes:
    """A large LinkedIn export of new people, plus MOVED committed people in a new job (found by their URL)."""
    moved = [f"Kept,Stayer{i:04d},https://www.linkedin.com/in/stayer-{i},,Newplace GmbH,Head of Analytics,"
             f"01 Jan 2020" for i in range(0, COMMITTED, COMMITTED // MOVED)]
    return linkedin_export(rows, seed=rows, slug="crash") + ("\n".join(moved) + "\n").encode()


def import_in_process(store: Store, name: str, data: bytes) -> None:
    parsed = read_contacts(name, data)
    plan = plan_merge(parsed.contacts, store.contacts())
    store.apply_import(name, parsed.format, parsed.encoding, parsed.contacts, plan.rows)


def fingerprint(store: Store) -> dict[str, tuple[int, str]]:
    """Every table's row count and an MD5 of its rows (sorted, timestamps left out): equal means same contents."""
    columns = store.read("SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = "
                         "current_database() ORDER BY table_name, column_index")
    out = {}
    for table, cols in columns.groupby("table_name", sort=True)["column_name"]:
        kept = ", ".join(f'"{c}"' for c in cols if c not in TIMESTAMPS)  # names from the catalogue, quoted
        n, digest = store.read(
            f"SELECT count(*) AS n, md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) AS digest FROM "
            f'(SELECT CAST(t AS VARCHAR) AS r FROM (SELECT {kept} FROM "{table}") t)').iloc[0]
        out[table] = (int(n), digest)
    return out


def batch_parts(store: Store, batch: int) -> tuple[int, int, int, int]:
    """(import_batches rows, contacts, contact_sources, contact_changes) that carry this batch id."""
    return tuple(int(store.scalar(sql, [batch])) for sql in (
        "SELECT count(*) FROM import_batches WHERE id = ?", "SELECT count(*) FROM contacts WHERE batch_id = ?",
        "SELECT count(*) FROM contact_sources WHERE batch_id = ?",
        "SELECT count(*) FROM contact_changes WHERE batch_id = ?"))


@dataclass
class Lab:
    """A folder with the committed store, the big file, the expected states and the calibrated timings."""
    folder: Path
    rows: int
    base: Path = field(init=False)
    after: Path = field(init=False)
    big: Path = field(init=False)
    before_state: dict = field(init=False)
    after_state: dict = field(init=False)
    batch: int = field(init=False)
    batch_parts: tuple = field(init=False)
    reading_s: float = field(init=False)  # start until the CLI says it is writing
    writing_s: float = field(init=False)  # from then until the CLI exits
    backup_s: float = field(init=False)  # loaded until `unstuck backup` exits

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.base, self.big = self.folder / "base.duckdb", self.folder / "Connections.csv"
        with Store(self.base) as store:
            import_in_process(store, "Committed.csv", committed_file())
            store.save_profile(make_profile(target_role="Data Analyst", companies="Newplace GmbH: 4"))
            ids = store.contacts()["id"].tolist()
            for i, contact in enumerate(ids[:40]):
                store.log_event(contact, "reached_out", date(2026, 1, 5 + i % 20), channel="email", note=f"n{i}")
            store.set_flag_dismissed(ids[0], "hr_gatekeeper")
            self.before_state = fingerprint(store)
            self.batch = int(store.scalar("SELECT max(id) FROM import_batches")) + 1
        self.big.write_bytes(big_file(self.rows))
        # the uninterrupted import, through the same CLI: the only other state a trial may end in
        self.after = self.folder / "after.duckdb"
        shutil.copyfile(self.base, self.after)
        run = Child(import_command(self.after, self.big), marker="writing")
        if run.finish() != 0:
            raise RuntimeError("the reference import failed:\n" + "".join(run.lines))
        self.reading_s, self.writing_s = run.marked_at - run.started, run.ended - run.marked_at
        with Store(self.after) as store:
            self.after_state = fingerprint(store)
            self.batch_parts = batch_parts(store, self.batch)
        added, merged = self.batch_parts[1], self.batch_parts[3]
        if not (added >= self.rows * 0.99 and merged == MOVED):
            raise RuntimeError(f"the reference import added {added} and merged {merged}; expected about "
                               f"{self.rows} and {MOVED}")
        backup = self.folder / "reference-backup.zip"
        run = Child(backup_command(self.after, backup), marker="started")
        run.finish()
        self.backup_s = run.ended - run.marked_at
        restored_state(backup, self.folder / "reference-restore.duckdb")  # it must work before we test it


def import_command(db: Path, file: Path) -> list[str]:
    return [sys.executable, "-m", "engine.cli", "import", "--db", str(db), str(file)]


def backup_command(db: Path, path: Path) -> list[str]:
    return [sys.executable, "-c", BACKUP_CHILD, str(db), str(path)]


class Child:
    """A CLI run whose standard error is read as it comes, noting when a marker line appears."""

    def __init__(self, command: list[str], marker: str):
        self.marker, self.lines = marker, []
        self.marked, self.marked_at, self.ended = threading.Event(), None, None
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line)
            if self.marker in line and not self.marked.is_set():
                self.marked_at = time.perf_counter()
                self.marked.set()
        self.proc.wait()
        self.ended = time.perf_counter()

    def finish(self) -> int:
        self.proc.wait()
        self.reader.join(10)
        return self.proc.returncode

    def kill_after(self, delay: float) -> bool:
        """SIGKILL after `delay` seconds unless it exits first; True if it was killed."""
        try:
            self.proc.wait(delay)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGKILL)
        return self.finish() == -signal.SIGKILL


@dataclass
class Outcome:
    kind: str  # import | backup
    killed: bool
    phase: str  # import: reading | writing | committed | completed; backup: no file | complete file
    recovered: bool = False
    wal_left: bool = False
    failure: str | None = None


def open_after_crash(db: Path) -> tuple[Store, bool]:
    """Open the store as the app would; if DuckDB cannot, put back the copy from before the import."""
    try:
        return Store(db), False
    except StoreDamagedError:
        recover(db)
        return Store(db), True


def import_trial(lab: Lab, n: int, rng: random.Random) -> Outcome:
    folder = lab.folder / f"import-{n}"
    folder.mkdir()
    db = folder / "unstuck.duckdb"
    shutil.copyfile(lab.base, db)
    child = Child(import_command(db, lab.big), marker="writing")
    if rng.random() < 0.15:  # now and then while it reads and plans
        killed = child.kill_after(rng.uniform(0, lab.reading_s))
    else:  # mostly while it writes: the transaction, its commit, the checkpoint after it
        child.marked.wait(lab.reading_s * 5 + 30)
        killed = child.kill_after(rng.uniform(0, lab.writing_s))
    wal_left = Path(str(db) + ".wal").exists() and Path(str(db) + ".wal").stat().st_size > 0
    if not killed and child.proc.returncode != 0:
        return Outcome("import", False, "completed", failure="the import failed:\n" + "".join(child.lines[-5:]))
    try:
        store, recovered = open_after_crash(db)
    except Exception as e:  # noqa: BLE001 - any way of not opening is the failure we look for
        return Outcome("import", killed, "?", wal_left=wal_left, failure=f"the store does not open: {e!r}")
    with store:
        state, parts = fingerprint(store), batch_parts(store, lab.batch)
    if state == lab.before_state and parts == (0, 0, 0, 0):
        phase = "writing" if child.marked.is_set() else "reading"
    elif state == lab.after_state and parts == lab.batch_parts:
        phase = "committed" if killed else "completed"
    else:
        differ = sorted(t for t in state if state[t] != lab.before_state.get(t) and state[t] != lab.after_state[t])
        return Outcome("import", killed, "partial", recovered, wal_left,
                       f"neither the state before nor after the import: batch parts {parts} (whole batch: "
                       f"{lab.batch_parts}); tables matching neither: {differ}")
    if not killed and phase != "completed":
        return Outcome("import", killed, phase, recovered, wal_left, "the import exited 0 but wrote nothing")
    shutil.rmtree(folder, ignore_errors=True)
    return Outcome("import", killed, phase, recovered, wal_left)


def restored_state(backup: Path, into: Path) -> dict:
    """Check the backup is a whole zip and restore it into a fresh store; returns that store's fingerprint."""
    with zipfile.ZipFile(backup) as archive:
        bad = archive.testzip()
        if bad is not None:
            raise ValueError(f"{bad} in the backup is damaged")
    with Store(into) as fresh:
        fresh.restore(backup)
        return fingerprint(fresh)


def backup_trial(lab: Lab, n: int, rng: random.Random) -> Outcome:
    folder = lab.folder / f"backup-{n}"
    folder.mkdir()
    db, path = folder / "unstuck.duckdb", folder / "unstuck-backup.zip"
    shutil.copyfile(lab.after, db)
    child = Child(backup_command(db, path), marker="started")
    child.marked.wait(60)
    killed = child.kill_after(rng.uniform(0, lab.backup_s * 1.1))
    if not killed and child.proc.returncode != 0:
        return Outcome("backup", False, "?", failure="the backup failed:\n" + "".join(child.lines[-5:]))
    try:
        with Store(db) as store:
            if fingerprint(store) != lab.after_state:
                return Outcome("backup", killed, "?", failure="the store changed while it was backed up")
    except Exception as e:  # noqa: BLE001
        return Outcome("backup", killed, "?", failure=f"the store does not open after the kill: {e!r}")
    if not path.exists():
        if not killed:
            return Outcome("backup", killed, "no file", failure="the backup exited 0 and wrote no file")
        shutil.rmtree(folder, ignore_errors=True)
        return Outcome("backup", killed, "no file")
    try:
        state = restored_state(path, folder / "restored.duckdb")
    except Exception as e:  # noqa: BLE001 - a partial or unreadable backup is the failure we look for
        return Outcome("backup", killed, "partial file", failure=f"{path.name} exists but does not restore: {e!r}")
    # the restored store has its own schema_version rows (applied now); everything else must be equal
    if {t: v for t, v in state.items() if t != "schema_version"} != \
            {t: v for t, v in lab.after_state.items() if t != "schema_version"}:
        return Outcome("backup", killed, "partial file", failure="the backup restores to different contents")
    shutil.rmtree(folder, ignore_errors=True)
    return Outcome("backup", killed, "complete file")


def run_trials(folder: Path, rows: int, trials: int, backup_trials: int, seed: int,
               progress=None) -> tuple[Lab, list[Outcome]]:
    lab = Lab(folder, rows)
    rng = random.Random(seed)
    outcomes = []
    for n in range(trials):
        outcomes.append(import_trial(lab, n, rng))
        if progress:
            progress(outcomes[-1], n + 1, trials)
    for n in range(backup_trials):
        outcomes.append(backup_trial(lab, n, rng))
        if progress:
            progress(outcomes[-1], n + 1, backup_trials)
    return lab, outcomes


def summary(lab: Lab, outcomes: list[Outcome]) -> str:
    imports = [o for o in outcomes if o.kind == "import"]
    backups = [o for o in outcomes if o.kind == "backup"]
    lines = [f"store: {COMMITTED:,} committed contacts + profile + events; file: {lab.rows:,} new rows + {MOVED} "
             f"moves ({lab.big.stat().st_size / 1e6:.1f} MB); reference import: {lab.reading_s:.2f} s reading, "
             f"{lab.writing_s:.2f} s writing; reference backup: {lab.backup_s:.2f} s"]
    if imports:
        phases = Counter(o.phase for o in imports)
        lines += [
            f"import trials: {len(imports)}; killed: {sum(o.killed for o in imports)}; killed while reading: "
            f"{phases['reading']}; killed mid-write (nothing of the batch kept): {phases['writing']}; killed after "
            f"commit (whole batch kept): {phases['committed']}; finished before the kill: {phases['completed']}",
            f"  write-ahead log left by the kill (replayed on open): {sum(o.wal_left for o in imports)}; "
            f"recovered via the copy from before the import: {sum(o.recovered for o in imports)}; "
            f"failures: {sum(o.failure is not None for o in imports)}"]
    if backups:
        kinds = Counter(o.phase for o in backups)
        lines.append(f"backup trials: {len(backups)}; killed: {sum(o.killed for o in backups)}; no file left: "
                     f"{kinds['no file']}; complete, restorable file: {kinds['complete file']}; failures: "
                     f"{sum(o.failure is not None for o in backups)}")
    lines += [f"FAILURE ({o.kind}, {o.phase}): {o.failure}" for o in outcomes if o.failure]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=200, help="import trials (default 200)")
    ap.add_argument("--backup-trials", type=int, default=200, help="backup trials (default 200)")
    ap.add_argument("--rows", type=int, default=100_000, help="rows in the interrupted import (default 100,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the work folder (failed trials are always kept)")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="crash-trials-"))
    start = time.perf_counter()

    def progress(outcome: Outcome, n: int, total: int) -> None:
        if n % 20 == 0 or outcome.failure:
            print(f"  {outcome.kind} {n}/{total}" + (f": FAILED: {outcome.failure}" if outcome.failure else ""),
                  file=sys.stderr, flush=True)

    lab, outcomes = run_trials(folder, args.rows, args.trials, args.backup_trials, args.seed, progress)
    print(summary(lab, outcomes))
    failed = any(o.failure for o in outcomes)
    print(f"{time.perf_counter() - start:.0f} s; work folder {folder}"
          + (" (kept)" if failed or args.keep else " (removed)"))
    if not failed and not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
