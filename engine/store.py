"""The one module that talks to DuckDB: schema, ordered migrations, parameterised queries, transactions.

Concurrency: DuckDB lets one process hold a database file. Each process therefore opens ONE `duckdb`
connection per store file (the app caches the `Store` with `st.cache_resource`), and every operation runs on a
fresh cursor of that connection, DuckDB's supported way to use one database from several threads. Reads run
side by side. Writes are serialised by a lock: two Streamlit sessions (browser tabs) that rewrite the same
rows would otherwise make DuckDB abort one of them (a write conflict, or a key clash at commit); waiting a
few milliseconds for the other tab is simpler and safer than retrying, and our writes are short.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from glob import escape as glob_escape
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd

from engine.outreach import EVENT_KINDS
from engine.profile import Profile, TargetCompany
from engine.rewards import milestones_reached

T = TypeVar("T")
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "unstuck.duckdb"
SCRATCH_MARK = ".work-"  # temporary folders beside the store: unstuck.duckdb.work-XXXX
# Store.version values, unique in this process: a store reopened (or another file) never repeats an old version,
# so (path, version) names one state of the data for as long as the process lives.
_VERSIONS = itertools.count(1)

CONTACT_COLUMNS = ("full_name", "first_name", "last_name", "email", "phone", "company", "title",
                   "linkedin_url", "notes", "tags", "tie_strength", "connected_on")


class StoreError(Exception):
    """A store problem to show to the user as it is: the message names the file and what to do."""


class StoreLockedError(StoreError):
    pass


class StoreTooNewError(StoreError):
    pass


class StoreDamagedError(StoreError):
    """The file exists but DuckDB cannot open it; `copy` is the safety copy from before the last import, if any."""

    def __init__(self, message: str, copy: Path | None):
        super().__init__(message)
        self.copy = copy


def safety_copy_path(path: Path) -> Path:
    """Where the copy of the store from just before the latest import is kept."""
    return path.with_name(path.name + ".before-import")


def recover(path: str | Path, *, force: bool = False) -> Path:
    """Put the safety copy from before the last import back in place of a store that cannot be opened; the
    damaged file is kept beside it. A store that opens is left alone unless force=True (that would silently
    undo the last import). Returns where the replaced file went. Only DuckDB reads and writes the files."""
    path = Path(path)
    copy = safety_copy_path(path)
    if not copy.exists():
        raise StoreError(f"There is no copy from before an import beside {path}.")
    try:  # a store another program holds is refused here (StoreLockedError), forced or not
        Store(path).close()
        opens = True
    except StoreDamagedError:
        opens = False
    if opens and not force:
        raise StoreError(f"The store {path} opens fine, so there is nothing to recover; putting back the copy from "
                         "before the last import would undo everything since. Add --force if that is what you want.")
    kept = path.with_name(f"{path.name}.{'replaced' if opens else 'damaged'}-{datetime.now():%Y%m%d-%H%M%S}")
    for suffix in ("", ".wal"):
        if Path(str(path) + suffix).exists():
            os.replace(str(path) + suffix, str(kept) + suffix)
    _copy_database(copy, path)
    return kept


def _sql_text(value: object) -> str:
    """A file path as a SQL string literal (ATTACH and COPY take no parameters)."""
    return "'" + str(value).replace("'", "''") + "'"


def _copy_database(source: Path, target: Path, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """Copy a whole DuckDB database (schema, rows, sequences) into a new file through DuckDB itself.

    Never with a plain file copy: on Linux, closing any descriptor of a file drops every POSIX lock the process
    holds on it, so copying an open store by hand would silently release DuckDB's one-program lock. With `con`,
    `source` is that connection's own database; the copy is written beside `target` and renamed into place."""
    partial = target.with_name(target.name + ".partial")
    for leftover in (partial, Path(str(partial) + ".wal")):
        leftover.unlink(missing_ok=True)
    own = con is None
    con = con or duckdb.connect()
    try:
        if own:
            con.execute(f"ATTACH {_sql_text(source)} AS source_db (READ_ONLY)")
            name = "source_db"
        else:
            name = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"ATTACH {_sql_text(partial)} AS copy_db")
        try:
            con.execute(f'COPY FROM DATABASE "{name}" TO copy_db')
        finally:
            con.execute("DETACH copy_db")
    finally:
        if own:
            con.close()
    Path(str(target) + ".wal").unlink(missing_ok=True)
    os.replace(partial, target)


def default_path() -> Path:
    """The store file: $UNSTUCK_DB if set, else data/unstuck.duckdb beside the code."""
    return Path(os.environ.get("UNSTUCK_DB") or DEFAULT_PATH).expanduser()


# Each migration is applied once, in order, in one transaction together with its schema_version record.
# Never edit a released migration; append a new one.
MIGRATIONS: list[tuple[str, list[str]]] = [
    ("initial schema", [
        """CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
        """CREATE TABLE profile (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            target_role VARCHAR NOT NULL,
            target_level VARCHAR NOT NULL,
            industries VARCHAR[] NOT NULL DEFAULT [],
            keywords VARCHAR[] NOT NULL DEFAULT [],
            hr_target BOOLEAN NOT NULL DEFAULT false,
            weekly_goal INTEGER NOT NULL DEFAULT 5,
            reward VARCHAR NOT NULL DEFAULT '',
            reward_every INTEGER NOT NULL DEFAULT 10,
            updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
        """CREATE TABLE target_companies (
            name VARCHAR PRIMARY KEY,
            motivation INTEGER NOT NULL CHECK (motivation BETWEEN 1 AND 5),
            position INTEGER NOT NULL)""",
        "CREATE SEQUENCE batch_ids START 1",
        """CREATE TABLE import_batches (
            id BIGINT PRIMARY KEY DEFAULT nextval('batch_ids'),
            file_name VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            encoding VARCHAR,
            rows INTEGER NOT NULL DEFAULT 0,
            added INTEGER NOT NULL DEFAULT 0,
            merged INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            is_demo BOOLEAN NOT NULL DEFAULT false,
            created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            undone_at TIMESTAMP)""",
        "CREATE SEQUENCE contact_ids START 1",
        """CREATE TABLE contacts (
            id BIGINT PRIMARY KEY DEFAULT nextval('contact_ids'),
            full_name VARCHAR NOT NULL,
            first_name VARCHAR, last_name VARCHAR, email VARCHAR, phone VARCHAR,
            company VARCHAR, title VARCHAR, linkedin_url VARCHAR, notes VARCHAR,
            tags VARCHAR[] NOT NULL DEFAULT [],
            tie_strength INTEGER CHECK (tie_strength BETWEEN 1 AND 5),
            connected_on DATE,
            referred_by BIGINT,
            manual_fields VARCHAR[] NOT NULL DEFAULT [],
            batch_id BIGINT,
            is_demo BOOLEAN NOT NULL DEFAULT false,
            created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
        "CREATE SEQUENCE source_ids START 1",
        """CREATE TABLE contact_sources (
            id BIGINT PRIMARY KEY DEFAULT nextval('source_ids'),
            contact_id BIGINT NOT NULL,
            batch_id BIGINT,
            format VARCHAR NOT NULL,
            file_name VARCHAR,
            row_number INTEGER,
            raw VARCHAR)""",
        "CREATE SEQUENCE event_ids START 1",
        """CREATE TABLE outreach_events (
            id BIGINT PRIMARY KEY DEFAULT nextval('event_ids'),
            contact_id BIGINT NOT NULL,
            kind VARCHAR NOT NULL,
            channel VARCHAR,
            note VARCHAR,
            happened_on DATE NOT NULL,
            energising BOOLEAN NOT NULL DEFAULT false,
            is_demo BOOLEAN NOT NULL DEFAULT false,
            created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
        "CREATE SEQUENCE practice_ids START 1",
        """CREATE TABLE practice_interviews (
            id BIGINT PRIMARY KEY DEFAULT nextval('practice_ids'),
            topic VARCHAR NOT NULL,
            person VARCHAR,
            happened_on DATE NOT NULL,
            feeling INTEGER CHECK (feeling BETWEEN 1 AND 5),
            learned VARCHAR,
            observed BOOLEAN NOT NULL DEFAULT false,
            is_demo BOOLEAN NOT NULL DEFAULT false)""",
        """CREATE TABLE rewards (
            milestone INTEGER PRIMARY KEY,
            reward VARCHAR NOT NULL,
            earned_on DATE NOT NULL,
            celebrated BOOLEAN NOT NULL DEFAULT false)""",
    ]),
    ("import undo and flag dismissals", [
        # what a merge changed, so an import can be undone field by field
        """CREATE TABLE contact_changes (
            batch_id BIGINT NOT NULL,
            contact_id BIGINT NOT NULL,
            before VARCHAR NOT NULL,
            after VARCHAR NOT NULL)""",
        """CREATE TABLE flag_dismissals (
            contact_id BIGINT NOT NULL,
            code VARCHAR NOT NULL,
            dismissed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            PRIMARY KEY (contact_id, code))""",
    ]),
    ("snoozed contacts", [
        "CREATE TABLE snoozes (contact_id BIGINT PRIMARY KEY, until DATE NOT NULL)",
    ]),
    ("conversation prep notes and settings", [
        "ALTER TABLE contacts ADD COLUMN prep_notes VARCHAR",
        "CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    ]),
]
SCHEMA_VERSION = len(MIGRATIONS)
EVENT_FIELDS = ("contact_id", "kind", "channel", "note", "happened_on", "energising")
PRACTICE_FIELDS = ("topic", "person", "happened_on", "feeling", "learned", "observed")
EDITABLE_FIELDS = ("full_name", "email", "phone", "company", "title", "linkedin_url", "notes", "tags", "tie_strength",
                   "prep_notes")
SEQUENCES = {"contact_ids": "contacts", "batch_ids": "import_batches", "source_ids": "contact_sources",
             "event_ids": "outreach_events", "practice_ids": "practice_interviews"}
DEMO_TABLES = ("contacts", "outreach_events", "practice_interviews", "import_batches")


def _lock_message(path: Path, error: Exception) -> str:
    holder = re.search(r"held in (.+?) \(PID (\d+)\)", str(error))
    who = f" by another program ({Path(holder[1]).name}, process {holder[2]})" if holder else ""
    return (f"The store {path} is open{who}. Only one program at a time can use a store: close the other "
            f"one (another `unstuck` or `streamlit run`), or choose another file with UNSTUCK_DB or --db.")


class Store:
    """A DuckDB store file, migrated to the current schema on open."""

    def __init__(self, path: str | Path | None = None, *, migrate_to: int = SCHEMA_VERSION):
        self.path = Path(path) if path else default_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(self.path))
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreLockedError(_lock_message(self.path, e)) from None
            raise self._damaged(e) from None
        except duckdb.Error as e:  # e.g. a write-ahead log that fails to replay after a crash
            raise self._damaged(e) from None
        self._lock = threading.Lock()
        self._write_lock = threading.RLock()
        # A new value after every write and only then: what pages derive from the data is cached by it.
        self.version = next(_VERSIONS)
        try:
            self._sweep_scratch()
            self._migrate(migrate_to)
        except BaseException:
            self._con.close()
            raise

    def _damaged(self, error: Exception) -> StoreDamagedError:
        copy = safety_copy_path(self.path)
        offer = (f" A copy from just before the last import is kept at {copy}: restore it with `unstuck recover`"
                 " or from the app." if copy.exists() else "")
        return StoreDamagedError(f"The store {self.path} cannot be opened ({str(error).splitlines()[0]}).{offer}",
                                 copy if copy.exists() else None)

    def keep_safety_copy(self) -> None:
        """Copy the store aside before a large write (an import), so a crash that damages the file loses nothing
        committed before it. Made by DuckDB under the write lock, so the copy is one consistent state and this
        process never opens the store's file itself (which would release DuckDB's lock on it)."""
        if str(self.path) == ":memory:":
            return
        with self._write_lock:
            cur = self._cursor()
            try:
                _copy_database(self.path, safety_copy_path(self.path), cur)
            finally:
                cur.close()

    @contextmanager
    def scratch(self) -> Iterator[Path]:
        """A private folder for temporary files (backup work, an uploaded restore): beside the store, never in the
        system's shared temporary folder, removed afterwards, and swept on the next open if a crash left it."""
        base = self.path.parent if str(self.path) != ":memory:" else None
        folder = Path(tempfile.mkdtemp(prefix=f"{self.path.name}{SCRATCH_MARK}", dir=base))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _sweep_scratch(self) -> None:
        """Remove what a killed process left beside this store. Safe: we hold the store, so nobody else uses it."""
        if str(self.path) == ":memory:":
            return
        for leftover in self.path.parent.glob(f"{glob_escape(self.path.name)}{SCRATCH_MARK}*"):
            shutil.rmtree(leftover, ignore_errors=True)
        partial = safety_copy_path(self.path).with_name(safety_copy_path(self.path).name + ".partial")
        for stale in (partial, Path(str(partial) + ".wal")):
            stale.unlink(missing_ok=True)

    # -- plumbing ---------------------------------------------------------------------------------------

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:  # creating cursors is the one step that touches the shared connection object
            return self._con.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN; yield a cursor; COMMIT, or ROLLBACK on any exception and re-raise."""
        cur = self._cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                with suppress(duckdb.TransactionException):  # DuckDB may have aborted it already (a conflict)
                    cur.execute("ROLLBACK")
                raise
        finally:
            cur.close()

    def write(self, fn: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run fn(cursor) in one transaction: all of it commits, or none of it and the error is re-raised.
        Every change to the data goes through here, and each one that commits gives the store a new version."""
        with self._write_lock:
            with self.transaction() as cur:
                result = fn(cur)
            self.version = next(_VERSIONS)
            return result

    def read(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        cur = self._cursor()
        try:
            return cur.execute(sql, params).df()
        finally:
            cur.close()

    def scalar(self, sql: str, params: list | tuple = ()):
        cur = self._cursor()
        try:
            row = cur.execute(sql, params).fetchone()
            return row[0] if row else None
        finally:
            cur.close()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file after a large write; skipped if others are mid-transaction."""
        with suppress(duckdb.TransactionException):
            self.scalar("CHECKPOINT")

    # -- schema -----------------------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' "
                             "AND database_name = current_database()")
        return int(self.scalar("SELECT coalesce(max(version), 0) FROM schema_version")) if exists else 0

    def _migrate(self, target: int) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreTooNewError(
                f"The store {self.path} was written by a newer Unstuck (schema {current}; this one knows up to "
                f"{SCHEMA_VERSION}). Update Unstuck, or choose another file with UNSTUCK_DB or --db.")
        if current == 0:
            with self.transaction() as cur:
                cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                            "description VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)")
        for version in range(current + 1, target + 1):
            description, statements = MIGRATIONS[version - 1]
            with self.transaction() as cur:
                for statement in statements:
                    cur.execute(statement)
                cur.execute("INSERT INTO schema_version (version, description) VALUES (?, ?)",
                            [version, description])

    # -- profile ----------------------------------------------------------------------------------------

    def load_profile(self) -> Profile | None:
        df = self.read("SELECT * FROM profile WHERE id = 1")
        if df.empty:
            return None
        row = df.iloc[0]
        companies = self.read("SELECT name, motivation FROM target_companies ORDER BY position")
        return Profile(
            target_role=row.target_role, target_level=row.target_level,
            industries=tuple(row.industries), keywords=tuple(row.keywords),
            companies=tuple(TargetCompany(n, int(m)) for n, m in companies.itertuples(index=False)),
            hr_target=bool(row.hr_target), weekly_goal=int(row.weekly_goal),
            reward=row.reward, reward_every=int(row.reward_every))

    def save_profile(self, profile: Profile) -> None:
        """Save the user's profile; from now on it is theirs, and removing demo data keeps it."""
        def save(cur):
            _write_profile(cur, profile)
            cur.execute("DELETE FROM meta WHERE key = 'demo_profile'")
        self.write(save)

    # -- contacts and history ---------------------------------------------------------------------------

    def contacts(self) -> pd.DataFrame:
        return self.read("SELECT * FROM contacts ORDER BY id")

    def contacts_by_id(self, ids: list[int]) -> pd.DataFrame:
        """Some contacts, indexed by id."""
        return self.read("SELECT * FROM contacts WHERE id IN (SELECT unnest(?::BIGINT[]))", [ids]).set_index("id")

    def events(self) -> pd.DataFrame:
        return self.read("SELECT * FROM outreach_events ORDER BY happened_on, id")

    def practice(self) -> pd.DataFrame:
        return self.read("SELECT * FROM practice_interviews ORDER BY happened_on, id")

    def counts(self) -> dict[str, int]:
        """Row counts of the user-facing tables, and how many of them are demo rows."""
        row = self.read(
            "SELECT (SELECT count(*) FROM contacts) AS contacts,"
            " (SELECT count(*) FROM contacts WHERE is_demo) AS demo_contacts,"
            " (SELECT count(*) FROM outreach_events) AS events,"
            " (SELECT count(*) FROM outreach_events WHERE is_demo) AS demo_events,"
            " (SELECT count(*) FROM practice_interviews) AS practice,"
            " (SELECT count(*) FROM practice_interviews WHERE is_demo) AS demo_practice,"
            " (SELECT count(*) FROM profile) AS profile").iloc[0]
        return {k: int(v) for k, v in row.items()}

    def has_demo(self) -> bool:
        return self.scalar("SELECT value FROM meta WHERE key = 'demo'") == "loaded"

    def holds_data(self, *, own: bool = False) -> bool:
        """Whether the store holds anything a restore would replace: a profile, contacts, outreach or practice.
        With own=True, only the user's own contacts, outreach and practice count: not the invented demo rows, and
        not a profile (loading the demo keeps a profile it finds, so mixing the demo in loses nothing of it)."""
        if own:
            return bool(self.scalar("SELECT EXISTS (SELECT 1 FROM contacts WHERE NOT is_demo)"
                                    " OR EXISTS (SELECT 1 FROM outreach_events WHERE NOT is_demo)"
                                    " OR EXISTS (SELECT 1 FROM practice_interviews WHERE NOT is_demo)"))
        return bool(self.scalar("SELECT EXISTS (SELECT 1 FROM profile) OR EXISTS (SELECT 1 FROM contacts)"
                                " OR EXISTS (SELECT 1 FROM outreach_events)"
                                " OR EXISTS (SELECT 1 FROM practice_interviews)"))

    def load_demo(self, demo: dict[str, pd.DataFrame], profile: Profile | None = None) -> None:
        """Write a demo data set (contacts with local ids, events, practice) in one transaction, marked demo."""
        contacts, events, practice = demo["contacts"], demo["events"], demo["practice"]

        def load(cur):
            cur.execute("DELETE FROM outreach_events WHERE is_demo")
            cur.execute("DELETE FROM practice_interviews WHERE is_demo")
            cur.execute("DELETE FROM contacts WHERE is_demo")
            batch = cur.execute(
                "INSERT INTO import_batches (file_name, format, rows, added, is_demo) VALUES (?, 'demo', ?, ?, "
                "true) RETURNING id", ["demo data", len(contacts), len(contacts)]).fetchall()[0][0]
            base = cur.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchall()[0][0]
            cur.register("demo_contacts", contacts.assign(id=contacts["id"] + base, batch_id=batch,
                                                           referred_by=contacts["referred_by"] + base))
            columns = ", ".join(("id", *CONTACT_COLUMNS, "referred_by", "batch_id"))
            cur.execute(f"INSERT INTO contacts ({columns}, is_demo) SELECT {columns}, true FROM demo_contacts")
            cur.execute("SELECT setval('contact_ids', (SELECT max(id) FROM contacts))").fetchall()
            cur.register("demo_events", events.assign(contact_id=events["contact_id"] + base))
            cur.execute("INSERT INTO outreach_events (contact_id, kind, channel, note, happened_on, energising, "
                        "is_demo) SELECT contact_id, kind, channel, note, happened_on, energising, true "
                        "FROM demo_events ORDER BY happened_on")
            cur.register("demo_practice", practice)
            cur.execute("INSERT INTO practice_interviews (topic, person, happened_on, feeling, learned, observed, "
                        "is_demo) SELECT topic, person, happened_on, feeling, learned, observed, true "
                        "FROM demo_practice")
            cur.execute("INSERT OR REPLACE INTO meta VALUES ('demo', 'loaded')")
            if profile is not None and not cur.execute("SELECT count(*) FROM profile").fetchall()[0][0]:
                _write_profile(cur, profile)
                cur.execute("INSERT OR REPLACE INTO meta VALUES ('demo_profile', 'yes')")
                # the demo's past milestones were celebrated back then: opening the demo is not a party
                reached = cur.execute("SELECT count(DISTINCT contact_id) FROM outreach_events "
                                      "WHERE kind = 'reached_out'").fetchall()[0][0]
                for milestone in milestones_reached(reached, profile.reward_every, profile.reward):
                    cur.execute("INSERT INTO rewards VALUES (?, ?, current_date, true) ON CONFLICT DO NOTHING",
                                [milestone, profile.reward])
        self.write(load)
        self.checkpoint()

    def remove_demo(self) -> None:
        """Delete every demo row (and the demo profile, if the user never changed it) in one transaction."""
        def remove(cur):
            demo_ids = "SELECT id FROM contacts WHERE is_demo"
            cur.execute(f"DELETE FROM contact_sources WHERE contact_id IN ({demo_ids})")
            cur.execute(f"DELETE FROM flag_dismissals WHERE contact_id IN ({demo_ids})")
            cur.execute(f"DELETE FROM snoozes WHERE contact_id IN ({demo_ids})")
            for table in DEMO_TABLES:
                cur.execute(f"DELETE FROM {table} WHERE is_demo")  # table names are constants above
            if cur.execute("SELECT value FROM meta WHERE key = 'demo_profile'").fetchall() == [("yes",)]:
                cur.execute("DELETE FROM profile")
                cur.execute("DELETE FROM target_companies")
                cur.execute("DELETE FROM rewards")
            cur.execute("DELETE FROM meta WHERE key IN ('demo', 'demo_profile')")
        self.write(remove)
        self.checkpoint()

    # -- imports ----------------------------------------------------------------------------------------

    def apply_import(self, file_name: str, fmt: str, encoding: str | None, incoming: pd.DataFrame,
                     plan: pd.DataFrame, decisions: dict | None = None) -> ImportResult:
        """Write one file's planned import as one batch, all or nothing.

        `incoming` is ParsedFile.contacts, `plan` MergePlan.rows (same index). `decisions` settles ambiguous rows:
        {row index: "add" | "skip" | contact_id}; an ambiguous row with no decision is left out. Nothing is
        recorded when the file brings nothing new (importing the same file twice is a no-op).
        """
        actions = _decide(plan, decisions or {})
        ambiguous_left = int((actions["action"] == "ambiguous").sum())
        self.keep_safety_copy()

        def apply(cur) -> ImportResult:
            ids = sorted({int(c) for c in actions["contact_id"].dropna()})
            existing = cur.execute("SELECT * FROM contacts WHERE id IN (SELECT unnest(?))", [ids]).df() \
                if ids else pd.DataFrame(columns=["id", *CONTACT_COLUMNS, "manual_fields"])
            new, updates, owner = _resolve(incoming, actions, existing)
            sources = incoming.loc[owner.index, ["row", "raw"]].rename(columns={"row": "row_number"})
            sources.insert(0, "contact_id", owner.to_numpy())
            cur.register("incoming_sources", sources)
            fresh = "contact_id < 0 OR NOT EXISTS (SELECT 1 FROM contact_sources c WHERE c.contact_id = s.contact_id " \
                    "AND c.raw = s.raw)"
            n_sources = cur.execute(f"SELECT count(*) FROM incoming_sources s WHERE {fresh}").fetchall()[0][0]
            if new.empty and not updates and not n_sources:
                return ImportResult(None, 0, 0, len(actions), ambiguous_left)
            skipped = len(actions) - len(new) - len(updates)
            batch = cur.execute(
                "INSERT INTO import_batches (file_name, format, encoding, rows, added, merged, skipped) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [file_name, fmt, encoding, len(incoming), len(new), len(updates), skipped]).fetchall()[0][0]
            base = cur.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchall()[0][0]
            if len(new):
                new.insert(0, "id", range(base + 1, base + 1 + len(new)))
                new["batch_id"] = batch
                cur.register("new_contacts", new)
                cols = ("id", *CONTACT_COLUMNS, "batch_id")
                cur.execute(f"INSERT INTO contacts ({', '.join(cols)}) SELECT {_typed(cols)} FROM new_contacts")
                cur.execute("SELECT setval('contact_ids', (SELECT max(id) FROM contacts))").fetchall()
            if updates:
                before = existing.set_index("id").to_dict("index")
                fields = [f for f in CONTACT_COLUMNS if any(f in after for after in updates.values())]
                # each row carries every updated column: the stored value where this contact's field is unchanged
                changed = pd.DataFrame([{"id": cid, **{f: after.get(f, _plain(before[cid][f])) for f in fields}}
                                        for cid, after in updates.items()])
                cur.register("changed_contacts", changed)
                assignments = ", ".join(f"{f} = {_typed([f], 'u.')}" for f in fields)  # fields: CONTACT_COLUMNS
                cur.execute(f"UPDATE contacts SET {assignments}, updated_at = current_timestamp "
                            "FROM changed_contacts u WHERE contacts.id = u.id")
                undo = pd.DataFrame({"contact_id": list(updates),
                                     "before": [_json({f: before[c][f] for f in a}) for c, a in updates.items()],
                                     "after": [_json(a) for a in updates.values()]})
                cur.register("undo_records", undo)
                cur.execute("INSERT INTO contact_changes SELECT ?, contact_id, before, after FROM undo_records",
                            [batch])
            cur.execute("INSERT INTO contact_sources (contact_id, batch_id, format, file_name, row_number, raw) "
                        "SELECT CASE WHEN contact_id < 0 THEN ? - contact_id ELSE contact_id END, ?, ?, ?, row_number, "
                        f"raw FROM incoming_sources s WHERE {fresh}", [base, batch, fmt, file_name])
            return ImportResult(batch, len(new), len(updates), skipped, ambiguous_left)

        result = self.write(apply)
        if result.added + result.merged > 1000:
            self.checkpoint()
        return result

    def import_batches(self) -> pd.DataFrame:
        return self.read("SELECT * FROM import_batches WHERE NOT is_demo ORDER BY id DESC")

    def undo_import(self, batch_id: int) -> dict[str, int]:
        """Remove what an import added and restore what it changed, unless the user has changed it since."""
        def undo(cur):
            batch = cur.execute("SELECT undone_at, is_demo FROM import_batches WHERE id = ?", [batch_id]).fetchall()
            if not batch or batch[0][1]:
                raise StoreError(f"There is no import number {batch_id} to undo.")
            if batch[0][0] is not None:
                raise StoreError(f"Import {batch_id} was already undone.")
            busy = cur.execute("SELECT count(DISTINCT contact_id) FROM outreach_events WHERE contact_id IN "
                               "(SELECT id FROM contacts WHERE batch_id = ?)", [batch_id]).fetchall()[0][0]
            if busy:
                raise StoreError(f"Import {batch_id} added {busy} contact(s) you have since logged outreach with; "
                                 "undoing it would delete that history. Delete those contacts one by one instead.")
            restored = 0
            for contact_id, before, after in cur.execute(
                    "SELECT contact_id, before, after FROM contact_changes WHERE batch_id = ?", [batch_id]).fetchall():
                now = cur.execute("SELECT * FROM contacts WHERE id = ?", [contact_id]).df()
                if now.empty:
                    continue
                before, after = json.loads(before), json.loads(after)
                # a field changed again since this import (by hand or by a later import) keeps its new value
                back = {f: v for f, v in before.items() if _json_value(now.at[0, f]) == after[f]}
                if back:
                    sets = ", ".join(f"{f} = ?" for f in back)  # keys are CONTACT_COLUMNS written by apply_import
                    cur.execute(f"UPDATE contacts SET {sets}, updated_at = current_timestamp WHERE id = ?",
                                [*(_from_json(f, v) for f, v in back.items()), contact_id])
                    restored += 1
            added = "SELECT id FROM contacts WHERE batch_id = ?"
            cur.execute(f"DELETE FROM flag_dismissals WHERE contact_id IN ({added})", [batch_id])
            cur.execute(f"DELETE FROM snoozes WHERE contact_id IN ({added})", [batch_id])
            cur.execute(f"DELETE FROM contact_sources WHERE batch_id = ? OR contact_id IN ({added})",
                        [batch_id, batch_id])
            removed = cur.execute("DELETE FROM contacts WHERE batch_id = ? RETURNING id", [batch_id]).fetchall()
            cur.execute("UPDATE import_batches SET undone_at = current_timestamp WHERE id = ?", [batch_id])
            return {"removed": len(removed), "restored": restored}
        return self.write(undo)

    def update_contacts(self, edits: dict[int, dict]) -> int:
        """Apply the user's edits {contact_id: {field: value}} in one transaction; each edited field joins that
        contact's manual_fields, so no later import overwrites it. Returns how many contacts changed."""
        unknown = {f for fields in edits.values() for f in fields} - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")

        def apply(cur):
            for contact_id, fields in edits.items():
                if not fields:
                    continue
                sets = ", ".join(f"{f} = ?" for f in fields)  # field names come from EDITABLE_FIELDS only
                cur.execute(f"UPDATE contacts SET {sets}, manual_fields = list_distinct(list_concat(manual_fields, ?)),"
                            " updated_at = current_timestamp WHERE id = ?",
                            [*fields.values(), list(fields), contact_id])
            return sum(bool(f) for f in edits.values())
        return self.write(apply)

    def add_contact(self, **fields) -> int:
        """Add one contact typed by hand; every field given counts as typed by hand."""
        unknown = set(fields) - set(CONTACT_COLUMNS) - {"referred_by"}
        if unknown or not str(fields.get("full_name") or "").strip():
            raise ValueError("a contact needs a full_name" if not unknown else f"unknown fields: {sorted(unknown)}")
        names = list(fields)
        return self.write(lambda cur: cur.execute(
            f"INSERT INTO contacts ({', '.join(names)}, manual_fields) VALUES ({', '.join('?' * len(names))}, ?) "
            "RETURNING id", [*fields.values(), [n for n in names if n != "referred_by"]]).fetchall()[0][0])

    def log_event(self, contact_id: int, kind: str, happened_on, *, channel: str | None = None,
                  note: str | None = None, energising: bool = False) -> int:
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown outreach event {kind!r}; one of {', '.join(EVENT_KINDS)}")
        return self.write(lambda cur: cur.execute(
            "INSERT INTO outreach_events (contact_id, kind, channel, note, happened_on, energising) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [contact_id, kind, channel, note, happened_on, energising]).fetchall()[0][0])

    def snooze(self, contact_id: int, until) -> None:
        """Put a contact aside until a date: they leave the queue of whom to approach until then."""
        self.write(lambda cur: cur.execute("INSERT OR REPLACE INTO snoozes VALUES (?, ?)", [contact_id, until]))

    def snoozed(self, today) -> set[int]:
        return set(self.read("SELECT contact_id FROM snoozes WHERE until > ?", [today])["contact_id"].tolist())

    def update_event(self, event_id: int, **fields) -> None:
        """Correct a logged event (kind, channel, note, date, energising)."""
        if "kind" in fields and fields["kind"] not in EVENT_KINDS:
            raise ValueError(f"unknown outreach event {fields['kind']!r}")
        self._update("outreach_events", event_id, fields, EVENT_FIELDS)

    def delete_event(self, event_id: int) -> None:
        self.write(lambda cur: cur.execute("DELETE FROM outreach_events WHERE id = ?", [event_id]))

    def contact_events(self, contact_id: int) -> pd.DataFrame:
        """One contact's timeline, oldest first."""
        return self.read("SELECT * FROM outreach_events WHERE contact_id = ? ORDER BY happened_on, id", [contact_id])

    def add_practice(self, topic: str, happened_on, **fields) -> int:
        """Log a practice ("pleasure") interview; fields: person, feeling (1-5), learned, observed."""
        unknown = set(fields) - set(PRACTICE_FIELDS)
        if unknown or not str(topic or "").strip():
            raise ValueError("a practice interview needs a topic" if not unknown else f"unknown fields {unknown}")
        names = ["topic", "happened_on", *fields]
        return self.write(lambda cur: cur.execute(
            f"INSERT INTO practice_interviews ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
            "RETURNING id", [topic.strip(), happened_on, *fields.values()]).fetchall()[0][0])

    def update_practice(self, practice_id: int, **fields) -> None:
        self._update("practice_interviews", practice_id, fields, PRACTICE_FIELDS)

    def delete_practice(self, practice_id: int) -> None:
        self.write(lambda cur: cur.execute("DELETE FROM practice_interviews WHERE id = ?", [practice_id]))

    def _update(self, table: str, row_id: int, fields: dict, allowed: tuple[str, ...]) -> None:
        unknown = set(fields) - set(allowed)
        if unknown:
            raise ValueError(f"these fields cannot be changed: {', '.join(sorted(unknown))}")
        if fields:  # table and field names come from the constant tuples above, values are parameters
            sets = ", ".join(f"{f} = ?" for f in fields)
            self.write(lambda cur: cur.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*fields.values(), row_id]))

    def delete_contact(self, contact_id: int) -> None:
        """Delete a contact with all its history: events, sources, flags, snoozes, undo records."""
        def delete(cur):
            for table in ("outreach_events", "contact_sources", "flag_dismissals", "snoozes", "contact_changes"):
                cur.execute(f"DELETE FROM {table} WHERE contact_id = ?", [contact_id])  # constant table names
            cur.execute("UPDATE contacts SET referred_by = NULL WHERE referred_by = ?", [contact_id])
            cur.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
        self.write(delete)

    def source_formats(self) -> pd.DataFrame:
        """Which kind of file each contact came from (contact_id, format), oldest source first."""
        return self.read("SELECT contact_id, format FROM contact_sources ORDER BY id")

    def people_reached(self) -> int:
        """Distinct people the user has reached out to: the count rewards and the long road are measured in."""
        return int(self.scalar("SELECT count(DISTINCT contact_id) FROM outreach_events WHERE kind = 'reached_out'"))

    def rewards(self) -> pd.DataFrame:
        return self.read("SELECT * FROM rewards ORDER BY milestone")

    def sync_rewards(self, reached: list[int], reward: str, today) -> list[int]:
        """Record milestones newly reached (and forget ones no longer reached, after deletes); returns the
        milestones earned and not yet celebrated, so the app celebrates each exactly once. Writes only when
        something changed, so it costs no cache invalidation on an ordinary page run."""
        known = self.read("SELECT milestone, celebrated FROM rewards")
        if set(known["milestone"]) == set(reached) and known["celebrated"].all():
            return []

        def sync(cur):
            cur.execute("DELETE FROM rewards WHERE milestone NOT IN (SELECT unnest(?::INTEGER[]))", [reached])
            for milestone in reached:
                cur.execute("INSERT INTO rewards (milestone, reward, earned_on) VALUES (?, ?, ?) "
                            "ON CONFLICT DO NOTHING", [milestone, reward, today])
            return [r[0] for r in cur.execute(
                "SELECT milestone FROM rewards WHERE NOT celebrated ORDER BY milestone").fetchall()]
        return self.write(sync)

    def mark_celebrated(self, milestones: list[int]) -> None:
        self.write(lambda cur: cur.execute("UPDATE rewards SET celebrated = true WHERE milestone IN "
                                           "(SELECT unnest(?::INTEGER[]))", [milestones]))

    def settings(self) -> dict[str, str]:
        return dict(self.read("SELECT key, value FROM settings").itertuples(index=False))

    def set_settings(self, values: dict[str, object]) -> None:
        self.write(lambda cur: cur.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                                               [[k, str(v)] for k, v in values.items()]))

    # -- backup, restore, wipe --------------------------------------------------------------------------

    def _tables(self, cur=None) -> list[str]:
        sql = ("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
               "AND table_name <> 'schema_version' ORDER BY table_name")
        rows = (cur.execute(sql).fetchall() if cur is not None else self.read(sql).itertuples(index=False))
        return [r[0] for r in rows]

    def backup(self, path: str | Path) -> dict:
        """Write a consistent copy of every table (Parquet, one transaction's snapshot) and a manifest into one
        zip file; the file appears only when complete. Returns the manifest."""
        path = Path(path)
        with self.scratch() as work:
            def snapshot(cur):
                counts = {}
                for table in self._tables(cur):  # names from duckdb_tables(): our own schema, quoted anyway
                    target = str(work / f"{table}.parquet").replace("'", "''")
                    cur.execute(f'COPY (SELECT * FROM "{table}") TO \'{target}\' (FORMAT parquet)')
                    counts[table] = cur.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
                return counts
            with self.transaction() as cur:  # a read snapshot: writers may go on meanwhile
                counts = snapshot(cur)
            manifest = {"app": "unstuck", "format": 1, "schema_version": self.schema_version(),
                        "created_at": datetime.now().isoformat(timespec="seconds"), "tables": counts}
            (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
            partial = path.with_name(path.name + ".partial")
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                for file in sorted(work.iterdir()):
                    archive.write(file, file.name)
            with open(partial, "rb") as f:
                os.fsync(f.fileno())
            os.replace(partial, path)  # atomic: a crash leaves the old backup or none, never half of one
            return manifest

    def restore(self, path: str | Path, *, force: bool = False) -> dict:
        """Replace this store's contents with a backup's, upgraded through the migrations if it is older.
        Refuses to overwrite a store that holds data unless force=True. All or nothing."""
        path = Path(path)
        try:
            archive = zipfile.ZipFile(path)
            manifest = json.loads(archive.read("manifest.json"))
        except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as e:
            raise StoreError(f"{path} is not an Unstuck backup: {e}") from None
        version = int(manifest.get("schema_version", 0))
        if manifest.get("app") != "unstuck" or not 1 <= version <= SCHEMA_VERSION:
            raise StoreError(f"{path} is a backup from schema {version}; this Unstuck reads 1 to {SCHEMA_VERSION}.")
        if not force and self.holds_data():
            raise StoreError(f"{self.path} already holds data; restoring {path.name} would replace it. "
                             "Confirm to overwrite (--force), or restore into an empty store.")
        with archive, self.scratch() as work:
            archive.extractall(work)
            staging = work / "staging.duckdb"
            with Store(staging, migrate_to=version) as old:  # the backup's own schema...
                def load(cur):
                    for table in manifest["tables"]:
                        source = _sql_text(work / f"{table}.parquet")
                        cur.execute(f'INSERT INTO "{table}" SELECT * FROM read_parquet({source})')
                old.write(load)
            Store(staging).close()  # ...upgraded in place to today's

            def replace(cur):
                cur.execute(f"ATTACH {_sql_text(staging)} AS backup (READ_ONLY)")
                try:
                    for table in self._tables(cur):
                        cur.execute(f'DELETE FROM "{table}"')
                        cur.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM backup."{table}"')
                    for sequence, table in SEQUENCES.items():
                        cur.execute(f"SELECT setval('{sequence}', (SELECT coalesce(max(id), 0) + 1 FROM {table}))"
                                    ).fetchall()
                finally:
                    cur.execute("DETACH backup")
            self.write(replace)
        self.checkpoint()
        return manifest

    def wipe(self) -> None:
        """Delete everything, leaving a clean, empty store of the current schema."""
        def wipe(cur):
            for table in self._tables(cur):
                cur.execute(f'DELETE FROM "{table}"')
        self.write(wipe)
        self.checkpoint()

    def dismissed_flags(self) -> set[tuple[int, str]]:
        """(contact_id, flag code) pairs the user has waved off."""
        return set(self.read("SELECT contact_id, code FROM flag_dismissals").itertuples(index=False, name=None))

    def set_flag_dismissed(self, contact_id: int, code: str, dismissed: bool = True) -> None:
        def apply(cur):
            cur.execute("DELETE FROM flag_dismissals WHERE contact_id = ? AND code = ?", [contact_id, code])
            if dismissed:
                cur.execute("INSERT INTO flag_dismissals (contact_id, code) VALUES (?, ?)", [contact_id, code])
        self.write(apply)

    def meta(self) -> dict[str, str]:
        return dict(self.read("SELECT key, value FROM meta").itertuples(index=False))


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None  # None: the file brought nothing new, and nothing was recorded
    added: int
    merged: int
    skipped: int
    ambiguous_left: int


def _json_value(value):
    """A cell as JSON-able plain data (dates as ISO text, missing as None)."""
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v) for v in value]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()[:10]
    if isinstance(value, np.integer | int) and not isinstance(value, bool):
        return int(value)
    return str(value)


def _json(fields: dict) -> str:
    return json.dumps({k: _json_value(v) for k, v in fields.items()}, ensure_ascii=False)


def _from_json(field: str, value):
    if value is not None and field == "connected_on":
        return date.fromisoformat(value)
    return value


def _decide(plan: pd.DataFrame, decisions: dict) -> pd.DataFrame:
    """The plan with the user's decisions on ambiguous rows applied."""
    actions = plan[["action", "contact_id", "changes", "same_as"]].copy()
    actions["contact_id"] = actions["contact_id"].astype(object).where(actions["contact_id"].notna(), None)
    for index, choice in decisions.items():
        if index not in actions.index or actions.at[index, "action"] != "ambiguous":
            continue
        if choice == "add":
            actions.at[index, "action"] = "add"
        elif choice == "skip":
            actions.at[index, "action"] = "skip_decided"
        else:
            actions.at[index, "action"], actions.at[index, "contact_id"] = "merge_into", int(choice)
    return actions


def _resolve(incoming: pd.DataFrame, actions: pd.DataFrame, existing: pd.DataFrame):
    """What to write: new contacts (a frame of CONTACT_COLUMNS), updates {contact_id: {field: new value}}, and the
    owner of every incoming row that reached a contact: a stored id, or -(position in new, 1-based)."""
    act = actions["action"]
    new = incoming.loc[act == "add", list(CONTACT_COLUMNS)].copy()
    owner = dict(zip(new.index, range(-1, -len(new) - 1, -1), strict=True))
    linked = actions["contact_id"].notna() & act.isin(["merge", "skip"])
    owner.update(zip(actions.index[linked], actions.loc[linked, "contact_id"].astype("int64").tolist(), strict=True))
    updates: dict[int, dict] = {}
    merged = linked & (act == "merge")
    for contact_id, changes in zip(actions.loc[merged, "contact_id"], actions.loc[merged, "changes"], strict=True):
        if changes:
            updates.setdefault(int(contact_id), {}).update({f: _plain(v) for f, (_, v) in changes.items()})
    # repeats of a row this file adds fold into that new contact
    repeats = actions[actions["same_as"].notna() & ~linked & (act != "add")]
    overrides: dict[object, dict] = {}
    for index, same_as, changes in zip(repeats.index, repeats["same_as"], repeats["changes"], strict=True):
        if owner.get(same_as, 0) < 0:
            owner[index] = owner[same_as]
            overrides.setdefault(same_as, {}).update({f: _plain(v) for f, (_, v) in changes.items()})
    stored = existing.set_index("id")
    for index, contact_id in actions.loc[act == "merge_into", "contact_id"].items():  # the user's "same as" choices
        if contact_id not in stored.index:
            continue
        owner[index] = contact_id
        manual = set(stored.at[contact_id, "manual_fields"])
        fill = {f: _plain(v) for f, v in incoming.loc[index, list(CONTACT_COLUMNS)].items()
                if f not in manual and _json_value(stored.at[contact_id, f]) is None and _json_value(v) is not None}
        if fill:
            updates.setdefault(contact_id, {}).update(fill)
    if overrides:
        new = new.astype(object)
        for index, fields in overrides.items():
            for field, value in fields.items():
                new.at[index, field] = value
    return new.reset_index(drop=True), updates, pd.Series(owner, dtype="int64")


def _plain(value):
    if isinstance(value, np.ndarray):
        return list(value)
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    return value


_SQL_TYPES = {"tags": "VARCHAR[]", "tie_strength": "INTEGER", "connected_on": "DATE", "id": "BIGINT",
              "batch_id": "BIGINT"}


def _typed(columns, prefix: str = "") -> str:
    """A select list that casts registered DataFrame columns to the table's types (an all-empty column has none)."""
    return ", ".join(f"CAST({prefix}{c} AS {_SQL_TYPES.get(c, 'VARCHAR')})" for c in columns)


def _write_profile(cur: duckdb.DuckDBPyConnection, profile: Profile) -> None:
    cur.execute("DELETE FROM profile")
    cur.execute("DELETE FROM target_companies")
    cur.execute(
        "INSERT INTO profile (id, target_role, target_level, industries, keywords, hr_target, weekly_goal, "
        "reward, reward_every) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
        [profile.target_role, profile.target_level, list(profile.industries), list(profile.keywords),
         profile.hr_target, profile.weekly_goal, profile.reward, profile.reward_every])
    if profile.companies:
        cur.executemany("INSERT INTO target_companies VALUES (?, ?, ?)",
                        [[c.name, c.motivation, i] for i, c in enumerate(profile.companies)])
