"""The LinkedIn archive in the store: its events written as one import batch (each remembering the message it came
from, so a re-import or a newer archive adds only what is new), the user's past jobs, and forgetting message texts.
What to write is decided by the pure engine.archive."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from engine.archive import about_from_archive
from engine.store.connection import _VERSIONS
from engine.store.files import copy_database, safety_copy_path

ARCHIVE_FORMAT = "LinkedIn archive"  # shown in the list of past imports
ARCHIVE_SOURCE = "LinkedIn archive"
EVENT_COLUMNS = ("contact_id", "kind", "channel", "note", "happened_on", "source_key", "message_text")


@dataclass(frozen=True)
class ArchiveResult:
    batch_id: int | None  # None: nothing new, nothing recorded
    added: int  # events written
    already: int  # events a past import brought already (or the user deleted since)
    positions: int  # the user's past jobs written
    texts: int = 0  # whole message texts filled in on events imported before without them


class ArchiveRecords:
    """Archive events, the user's past positions, message texts (a part of Store)."""

    def apply_archive(self, file_name: str, events: pd.DataFrame, positions: pd.DataFrame | None = None,
                      about: dict | None = None) -> ArchiveResult:
        """Write the archive's events (EVENT_COLUMNS; contact_id set), the user's jobs and name and headline
        (`about`, from Profile.csv) as one batch, all or nothing. Events whose source_key is stored already are
        skipped; so are jobs and a name and headline equal to the stored ones."""
        me = (about or {}).get("name"), (about or {}).get("headline")
        events = events.loc[:, list(EVENT_COLUMNS)].reset_index(drop=True)
        positions = positions if positions is not None else pd.DataFrame(
            columns=["company", "title", "started_on", "finished_on"])

        def apply(cur) -> ArchiveResult:
            cur.register("archive_events", events)
            fresh = cur.execute(
                "SELECT count(*) FROM archive_events a WHERE NOT EXISTS (SELECT 1 FROM outreach_events e "
                "WHERE e.source_key = a.source_key) AND a.source_key NOT IN (SELECT source_key FROM deleted_event_keys)"
            ).fetchall()[0][0]
            stored_jobs = cur.execute("SELECT company, title, started_on, finished_on FROM own_positions "
                                      "WHERE batch_id = (SELECT max(batch_id) FROM own_positions)").fetchall()
            jobs = [tuple(None if pd.isna(v) else v for v in row) for row in
                    positions[["company", "title", "started_on", "finished_on"]].itertuples(index=False)]
            new_jobs = bool(jobs) and sorted(map(str, jobs)) != sorted(map(str, stored_jobs))
            stored_me = cur.execute("SELECT name, headline FROM own_profile ORDER BY batch_id DESC LIMIT 1"
                                    ).fetchall()
            new_me = any(me) and [me] != [tuple(r) for r in stored_me]
            # chosen now, after an import without them: the texts of events already stored are filled in
            texts = cur.execute(
                "UPDATE outreach_events e SET message_text = a.message_text FROM archive_events a "
                "WHERE e.source_key = a.source_key AND e.message_text IS NULL AND a.message_text IS NOT NULL "
                "RETURNING e.id").fetchall()
            if not fresh and not new_jobs and not new_me:
                return ArchiveResult(None, 0, len(events), 0, len(texts))
            batch = cur.execute(
                "INSERT INTO import_batches (file_name, format, rows, added) VALUES (?, ?, ?, ?) RETURNING id",
                [file_name, ARCHIVE_FORMAT, len(events), fresh]).fetchall()[0][0]
            cur.execute(
                "INSERT INTO outreach_events (contact_id, kind, channel, note, happened_on, batch_id, source_key, "
                "source, message_text) SELECT CAST(contact_id AS BIGINT), kind, channel, note, "
                "CAST(happened_on AS DATE), ?, source_key, ?, CAST(message_text AS VARCHAR) FROM archive_events a "
                "WHERE NOT EXISTS (SELECT 1 FROM outreach_events e WHERE e.source_key = a.source_key) "
                "AND a.source_key NOT IN (SELECT source_key FROM deleted_event_keys) ORDER BY happened_on",
                [batch, ARCHIVE_SOURCE])
            cur.execute("UPDATE import_batches SET reached_after = (SELECT count(DISTINCT contact_id) FROM "
                        "outreach_events WHERE kind = 'reached_out') WHERE id = ?", [batch])
            if new_jobs:
                cur.executemany("INSERT INTO own_positions VALUES (?, ?, ?, ?, ?)", [[batch, *job] for job in jobs])
            if new_me:
                cur.execute("INSERT INTO own_profile VALUES (?, ?, ?)", [batch, *me])
            return ArchiveResult(batch, fresh, len(events) - fresh, len(jobs) if new_jobs else 0, len(texts))

        self.keep_safety_copy()
        result = self.write(apply)
        if result.added > 1000:
            self.checkpoint()
        return result

    def own_positions(self) -> pd.DataFrame:
        """The user's own jobs, from the latest archive that had them (company, title, started_on, finished_on)."""
        return self.read("SELECT company, title, started_on, finished_on FROM own_positions "
                         "WHERE batch_id = (SELECT max(batch_id) FROM own_positions) ORDER BY started_on DESC")

    def archive_about(self) -> dict:
        """What the latest archive says about the user (engine.archive.about_from_archive): name, headline and
        past positions, for the profile's "about you" once the user confirms."""
        me = self.read("SELECT name, headline FROM own_profile ORDER BY batch_id DESC LIMIT 1")
        profile = me.iloc[0].to_dict() if len(me) else {}
        return about_from_archive({k: v for k, v in profile.items() if isinstance(v, str)}, self.own_positions())

    def message_texts(self) -> int:
        """How many events keep a whole message text."""
        return int(self.scalar("SELECT count(*) FROM outreach_events WHERE message_text IS NOT NULL"))

    def event_sources(self) -> pd.DataFrame:
        """Where each imported event came from: event id, source, the import's number and file."""
        return self.read("SELECT e.id, e.source, e.batch_id, b.file_name FROM outreach_events e "
                         "LEFT JOIN import_batches b ON b.id = e.batch_id WHERE e.batch_id IS NOT NULL")

    def forget_message_texts(self) -> int:
        """Remove every stored message text, and rewrite the store file so not even its free space holds them
        (DuckDB reuses freed blocks without wiping them). The copy kept from before the last import may hold
        them too: it is replaced by a copy of the cleaned store. Returns how many texts were removed."""
        removed = self.write(lambda cur: cur.execute(
            "UPDATE outreach_events SET message_text = NULL WHERE message_text IS NOT NULL RETURNING id"
        ).fetchall())
        self._rewrite_file()
        return len(removed)

    def _rewrite_file(self) -> None:
        """Copy the database into a fresh file and put it in place of the store's; the connection is reopened."""
        if str(self.path) == ":memory:":
            return
        with self._write_lock, self._lock:
            self._con.execute("CHECKPOINT")
            fresh = Path(str(self.path) + ".rewrite")
            cur = self._con.cursor()
            try:
                copy_database(self.path, fresh, cur)
            finally:
                cur.close()
            self._con.close()
            try:
                Path(str(self.path) + ".wal").unlink(missing_ok=True)
                os.replace(fresh, self.path)
            finally:
                self._con = duckdb.connect(str(self.path))
            safety = safety_copy_path(self.path)
            if safety.exists():
                cur = self._con.cursor()
                try:
                    copy_database(self.path, safety, cur)
                finally:
                    cur.close()
            self.version = next(_VERSIONS)

