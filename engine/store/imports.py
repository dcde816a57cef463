"""Writing planned imports as batches, and undoing them. What to write is decided by engine.merge (pure)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pandas as pd

from engine.fields import STORED_FIELDS
from engine.merge import Source, decide, jsonable, plain, resolve
from engine.store.errors import StoreError
from engine.store.schema import delete_dependents, forget_unheld_readings


@dataclass(frozen=True)
class ImportResult:
    batch_id: int | None  # None: the file brought nothing new, and nothing was recorded
    added: int
    merged: int
    skipped: int
    to_review: int = 0  # pairs newly listed as possibly the same person


class Imports:
    """Import batches (a part of Store)."""

    def apply_import(self, file_name: str, fmt: str, encoding: str | None, incoming: pd.DataFrame,
                     plan: pd.DataFrame, decisions: dict | None = None) -> ImportResult:
        """Write one file's planned import as one batch, all or nothing.

        `incoming` is ParsedFile.contacts, `plan` MergePlan.rows (same index). `decisions` settles ambiguous rows
        (see engine.merge.decide): {row index: "review" | "add" | "skip" | contact_id}; a row with no decision is
        added and listed for review beside each stored contact it may be. Nothing is recorded when the file
        brings nothing new (importing the same file twice is a no-op).
        """
        actions = decide(plan, decisions or {})
        if actions["action"].isin(("add", "merge", "merge_into")).any():  # else it writes at most its rows
            self.keep_safety_copy()

        def apply(cur) -> ImportResult:
            ids = sorted({int(c) for c in actions["contact_id"].dropna()})
            existing = cur.execute("SELECT * FROM contacts WHERE id IN (SELECT unnest(?))", [ids]).df() \
                if ids else pd.DataFrame(columns=["id", *STORED_FIELDS, "manual_fields"])
            new, updates, owner = resolve(incoming, actions, existing, Source.of(fmt, incoming))
            every = owner.index.equals(incoming.index)  # a first import: no copy of a million raw rows
            sources = (incoming[["row", "raw"]] if every else incoming.loc[owner.index, ["row", "raw"]]) \
                .rename(columns={"row": "row_number"})
            sources.insert(0, "contact_id", owner.to_numpy())
            cur.register("incoming_sources", sources)
            fresh = "contact_id < 0 OR NOT EXISTS (SELECT 1 FROM contact_sources c WHERE c.contact_id = s.contact_id " \
                    "AND c.raw = s.raw)"
            n_sources = cur.execute(f"SELECT count(*) FROM incoming_sources s WHERE {fresh}").fetchall()[0][0]
            if new.empty and not updates and not n_sources:
                return ImportResult(None, 0, 0, len(actions))
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
                cols = ("id", *STORED_FIELDS, "batch_id")
                cur.execute(f"INSERT INTO contacts ({', '.join(cols)}) SELECT {_typed(cols)} FROM new_contacts")
                cur.execute("SELECT setval('contact_ids', (SELECT max(id) FROM contacts))").fetchall()
            if updates:
                before = existing.set_index("id").to_dict("index")
                fields = [f for f in STORED_FIELDS if any(f in after for after in updates.values())]
                # each row carries every updated column: the stored value where this contact's field is unchanged
                changed = pd.DataFrame([{"id": cid, **{f: after.get(f, plain(before[cid][f])) for f in fields}}
                                        for cid, after in updates.items()])
                cur.register("changed_contacts", changed)
                assignments = ", ".join(f"{f} = {_typed([f], 'u.')}" for f in fields)  # fields: STORED_FIELDS
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
            asked = actions[plan["action"] == "ambiguous"]  # only a question's answer pairs people
            pairs = [(base - owner[i], other, evidence, status) for i, review, apart, evidence in
                     zip(asked.index, asked["review"], asked["apart"], asked["evidence"], strict=True)
                     for others, status in ((review, "open"), (apart, "kept_apart")) for other in others]
            return ImportResult(batch, len(new), len(updates), skipped, self._pair(cur, pairs))

        result = self.write(apply)
        if result.added + result.merged > 1000:
            self.checkpoint()
        return result

    def written_by(self, batch_id: int | None) -> pd.DataFrame:
        """The contacts an import added or changed, as they are now, with their id as a column."""
        return self.read("SELECT * FROM contacts WHERE batch_id = ? OR id IN "
                         "(SELECT contact_id FROM contact_changes WHERE batch_id = ?) ORDER BY id",
                         [batch_id, batch_id])

    def source_owners(self, raws: list[str]) -> dict[str, int]:
        """Which contact each of these source rows (raw text) reached when it was imported before."""
        if not raws or not self.scalar("SELECT EXISTS (SELECT 1 FROM contact_sources)"):
            return {}
        cur = self._cursor()
        try:
            cur.register("incoming_raws", pd.DataFrame({"raw": pd.Series(raws, dtype=object).dropna().unique()}))
            found = cur.execute("SELECT s.raw, min(s.contact_id) FROM contact_sources s JOIN incoming_raws i "
                                "ON s.raw = i.raw GROUP BY s.raw").fetchall()
        finally:
            cur.close()
        return dict(found)

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
            # the events this import brought (a LinkedIn archive's) go with it, and do not count as later history
            events = cur.execute("DELETE FROM outreach_events WHERE batch_id = ? RETURNING id", [batch_id]).fetchall()
            cur.execute("DELETE FROM own_positions WHERE batch_id = ?", [batch_id])
            cur.execute("DELETE FROM own_profile WHERE batch_id = ?", [batch_id])
            busy = cur.execute("SELECT count(DISTINCT contact_id) FROM outreach_events WHERE contact_id IN "
                               "(SELECT id FROM contacts WHERE batch_id = ?)", [batch_id]).fetchall()[0][0]
            later = [r[0] for r in cur.execute(
                "SELECT DISTINCT batch_id FROM outreach_events WHERE batch_id IS NOT NULL AND contact_id IN "
                "(SELECT id FROM contacts WHERE batch_id = ?) ORDER BY 1", [batch_id]).fetchall()]
            if busy and later:  # a LinkedIn archive's messages, written as their own import
                raise StoreError(f"Undo import {', '.join(map(str, later))} first: it logged outreach with "
                                 f"contacts import {batch_id} added.")
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
                back = {f: v for f, v in before.items() if jsonable(now.at[0, f]) == after[f]}
                if back:
                    sets = ", ".join(f"{f} = ?" for f in back)  # keys are CONTACT_FIELDS written by apply_import
                    cur.execute(f"UPDATE contacts SET {sets}, updated_at = current_timestamp WHERE id = ?",
                                [*(_from_json(f, v) for f, v in back.items()), contact_id])
                    restored += 1
            delete_dependents(cur, "SELECT id FROM contacts WHERE batch_id = ?", [batch_id])
            cur.execute("DELETE FROM contact_sources WHERE batch_id = ?", [batch_id])  # rows it merged in, too
            removed = cur.execute("DELETE FROM contacts WHERE batch_id = ? RETURNING id", [batch_id]).fetchall()
            forget_unheld_readings(cur)
            cur.execute("UPDATE import_batches SET undone_at = current_timestamp WHERE id = ?", [batch_id])
            done = {"removed": len(removed), "restored": restored}
            return done | {"events": len(events)} if events else done
        return self.write(undo)


def _json(fields: dict) -> str:
    return json.dumps({k: jsonable(v) for k, v in fields.items()}, ensure_ascii=False)



def _from_json(field: str, value):
    if value is not None and field in ("connected_on", "position_on"):
        return date.fromisoformat(value)
    return value


_SQL_TYPES = {"tags": "VARCHAR[]", "emails": "VARCHAR[]", "phones": "VARCHAR[]", "tie_strength": "INTEGER",
              "connected_on": "DATE", "position_on": "DATE", "id": "BIGINT", "batch_id": "BIGINT"}


def _typed(columns, prefix: str = "") -> str:
    """A select list that casts registered DataFrame columns to the table's types (an all-empty column has none)."""
    return ", ".join(f"CAST({prefix}{c} AS {_SQL_TYPES.get(c, 'VARCHAR')})" for c in columns)
