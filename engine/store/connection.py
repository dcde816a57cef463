"""One open store file: the DuckDB connection, cursors, transactions, the schema migrations, and the files
kept beside it (the safety copy, temporary folders).

Concurrency: DuckDB lets one process hold a database file. Each process therefore opens ONE `duckdb`
connection per store file (the app caches the `Store` with `st.cache_resource`), and every operation runs on a
fresh cursor of that connection, DuckDB's supported way to use one database from several threads. Reads run
side by side. Writes are serialised by a lock: two Streamlit sessions (browser tabs) that rewrite the same
rows would otherwise make DuckDB abort one of them (a write conflict, or a key clash at commit); waiting a
few milliseconds for the other tab is simpler and safer than retrying, and our writes are short.

Nothing in the process opens the store's file except DuckDB: on Linux, closing any descriptor of a file drops
every POSIX lock the process holds on it, which would silently let a second program in.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from glob import escape as glob_escape
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from engine.store.errors import StoreDamagedError, StoreError, StoreLockedError, StoreTooNewError
from engine.store.files import SCRATCH_MARK, copy_database, default_path, lock_message, safety_copy_path
from engine.store.schema import CACHE_TABLES, MIGRATIONS, SCHEMA_VERSION

T = TypeVar("T")
# Store.version values, unique in this process: a store reopened (or another file) never repeats an old version,
# so (path, version) names one state of the data for as long as the process lives.
_VERSIONS = itertools.count(1)


def recover(path: str | Path, *, force: bool = False) -> Path:
    """Put the safety copy from before the last import back in place of a store that cannot be opened; the
    damaged file is kept beside it. A store that opens is left alone unless force=True (that would silently
    undo the last import). Returns where the replaced file went. Only DuckDB reads and writes the files."""
    path = Path(path)
    copy = safety_copy_path(path)
    if not copy.exists():
        raise StoreError(f"There is no copy from before an import beside {path}.")
    try:  # a store another program holds is refused here (StoreLockedError), forced or not
        Connection(path).close()
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
    copy_database(copy, path)
    return kept


class Connection:
    """A DuckDB store file, open and migrated to the current schema; the Store's plumbing."""

    def __init__(self, path: str | Path | None = None, *, migrate_to: int = SCHEMA_VERSION):
        self.path = Path(path) if path else default_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(self.path))
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreLockedError(lock_message(self.path, e)) from None
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
        process never opens the store's file itself (which would release DuckDB's lock on it).

        A store that holds nothing (new, or wiped) has nothing to lose: no copy is made (a first import saves the
        work), and a copy left from before (of data since wiped, or of an earlier file here) is removed, so
        recovering never brings back anything older than this empty store."""
        if str(self.path) == ":memory:":
            return
        copy = safety_copy_path(self.path)
        with self._write_lock:
            cur = self._cursor()
            try:
                if self._holds_nothing(cur):
                    for stale in (copy, Path(str(copy) + ".wal")):
                        stale.unlink(missing_ok=True)
                else:
                    copy_database(self.path, copy, cur)
            finally:
                cur.close()

    def _tables(self, cur=None, *, caches: bool = False) -> list[str]:
        """The store's tables; the caches (CACHE_TABLES: derived, not the user's data) only when asked for."""
        sql = ("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
               "AND table_name <> 'schema_version' ORDER BY table_name")
        rows = (cur.execute(sql).fetchall() if cur is not None else self.read(sql).itertuples(index=False))
        return [r[0] for r in rows if caches or r[0] not in CACHE_TABLES]

    def _holds_nothing(self, cur: duckdb.DuckDBPyConnection) -> bool:
        """Whether no table but the caches holds a row (names from duckdb_tables(): our own schema, quoted anyway)."""
        first_rows = " UNION ALL ".join(f'(SELECT 1 FROM "{table}" LIMIT 1)' for table in self._tables(cur))
        return not cur.execute(f"SELECT count(*) FROM ({first_rows})").fetchone()[0]  # planned faster than EXISTS

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

    def __enter__(self):
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
        if current == 0:  # a new store: its whole schema in one transaction (one commit, not one per migration)
            with self.transaction() as cur:
                cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                            "description VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)")
                for version in range(1, target + 1):
                    self._apply_migration(cur, version)
            return
        for version in range(current + 1, target + 1):
            with self.transaction() as cur:
                self._apply_migration(cur, version)

    @staticmethod
    def _apply_migration(cur: duckdb.DuckDBPyConnection, version: int) -> None:
        """Inside a transaction: one migration's statements and its schema_version record."""
        description, statements = MIGRATIONS[version - 1]
        for statement in statements:
            cur.execute(statement)
        cur.execute("INSERT INTO schema_version (version, description) VALUES (?, ?)", [version, description])
