"""Backup to one zip of Parquet tables and a manifest, restore through the migrations, and wipe. Caches (the title
readings) are neither backed up nor restored: a restored store starts with them empty."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import datetime
from pathlib import Path

from engine.store.errors import StoreError
from engine.store.files import sql_text
from engine.store.schema import CACHE_TABLES, SCHEMA_VERSION, SEQUENCES


class Backups:
    """Backup, restore, wipe (a part of Store)."""

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
            with type(self)(staging, migrate_to=version) as old:  # the backup's own schema...
                def load(cur):
                    for table in manifest["tables"]:
                        source = sql_text(work / f"{table}.parquet")
                        cur.execute(f'INSERT INTO "{table}" SELECT * FROM read_parquet({source})')
                old.write(load)
            type(self)(staging).close()  # ...upgraded in place to today's

            def replace(cur):
                cur.execute(f"ATTACH {sql_text(staging)} AS backup (READ_ONLY)")
                try:
                    for table in self._tables(cur):
                        cur.execute(f'DELETE FROM "{table}"')
                        cur.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM backup."{table}"')
                    for table in CACHE_TABLES:  # derived from the data replaced: it starts empty
                        cur.execute(f'DELETE FROM "{table}"')
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
            for table in self._tables(cur, caches=True):
                cur.execute(f'DELETE FROM "{table}"')
        self.write(wipe)
        self.checkpoint()
