"""Where a store lives, what lies beside it, and copying a whole database through DuckDB itself."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "unstuck.duckdb"
SCRATCH_MARK = ".work-"  # temporary folders beside the store: unstuck.duckdb.work-XXXX


def default_path() -> Path:
    """The store file: $UNSTUCK_DB if set, else data/unstuck.duckdb beside the code."""
    return Path(os.environ.get("UNSTUCK_DB") or DEFAULT_PATH).expanduser()


def safety_copy_path(path: Path) -> Path:
    """Where the copy of the store from just before the latest import is kept."""
    return path.with_name(path.name + ".before-import")


def sql_text(value: object) -> str:
    """A file path as a SQL string literal (ATTACH and COPY take no parameters)."""
    return "'" + str(value).replace("'", "''") + "'"


def copy_database(source: Path, target: Path, con: duckdb.DuckDBPyConnection | None = None) -> None:
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
            con.execute(f"ATTACH {sql_text(source)} AS source_db (READ_ONLY)")
            name = "source_db"
        else:
            name = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"ATTACH {sql_text(partial)} AS copy_db")
        try:
            con.execute(f'COPY FROM DATABASE "{name}" TO copy_db')
        finally:
            con.execute("DETACH copy_db")
    finally:
        if own:
            con.close()
    Path(str(target) + ".wal").unlink(missing_ok=True)
    os.replace(partial, target)


def lock_message(path: Path, error: Exception) -> str:
    holder = re.search(r"held in (.+?) \(PID (\d+)\)", str(error))
    who = f" by another program ({Path(holder[1]).name}, process {holder[2]})" if holder else ""
    return (f"The store {path} is open{who}. Only one program at a time can use a store: close the other "
            f"one (another `unstuck` or `streamlit run`), or choose another file with UNSTUCK_DB or --db.")
