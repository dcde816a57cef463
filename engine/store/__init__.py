"""The only package that talks to DuckDB: schema and migrations, parameterised queries, transactions, backups.

`Store` is one open store file. Its parts live by concern: `connection` (opening, cursors, transactions,
migrations, the files beside the store), `records` (profile, contacts, history, practice, settings), `imports`
(writing planned imports and undoing them; what to write is decided by the pure engine.merge), `archive`
(the LinkedIn archive's events, the user's past jobs, forgetting message texts), `duplicates`
(the review queue of possibly the same person, merges and their undo), `backup` (backup, restore, wipe) and
`readings` (how each title reads, remembered across runs: a cache, not the user's data).
See connection.py for how several threads and programs share one file.
"""

from engine.store.archive import ArchiveRecords, ArchiveResult
from engine.store.backup import Backups
from engine.store.connection import Connection, recover
from engine.store.duplicates import Duplicates
from engine.store.errors import StoreDamagedError, StoreError, StoreLockedError, StoreTooNewError
from engine.store.files import DEFAULT_PATH, SCRATCH_MARK, default_path, safety_copy_path
from engine.store.imports import ImportResult, Imports
from engine.store.readings import Readings
from engine.store.records import Records
from engine.store.schema import MIGRATIONS, SCHEMA_VERSION


class Store(Records, Imports, ArchiveRecords, Duplicates, Backups, Readings, Connection):
    """A DuckDB store file, migrated to the current schema on open."""


__all__ = ["DEFAULT_PATH", "ArchiveResult", "MIGRATIONS", "SCHEMA_VERSION", "SCRATCH_MARK", "ImportResult", "Store",
           "StoreDamagedError", "StoreError", "StoreLockedError", "StoreTooNewError", "default_path", "recover",
           "safety_copy_path"]
