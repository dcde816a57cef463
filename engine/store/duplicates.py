"""Possibly the same person: the review queue, merging two contacts into one, and undoing a merge."""

from __future__ import annotations

import json

import pandas as pd

from engine.merge import combine_contacts, jsonable
from engine.store.errors import StoreError
from engine.store.schema import forget_unheld_readings

PAIR_FIELDS = ("full_name", "company", "title", "email", "phone", "linkedin_url")


class Duplicates:
    """The review queue of possible duplicates, and merges (a part of Store)."""

    @staticmethod
    def _pair(cur, pairs: list[tuple[int, int, str, str]]) -> int:
        """Record pairs (x, y, evidence, status) unless already known (a decision is never asked again); returns
        how many open pairs are new."""
        rows = [(min(int(x), int(y)), max(int(x), int(y)), evidence or "possibly the same person", status)
                for x, y, evidence, status in pairs if int(x) != int(y)]
        if not rows:
            return 0
        before = cur.execute("SELECT count(*) FROM possible_duplicates WHERE status = 'open'").fetchall()[0][0]
        new = pd.DataFrame(rows, columns=["a", "b", "evidence", "status"]).drop_duplicates(["a", "b"])
        cur.register("new_pairs", new)
        cur.execute("INSERT INTO possible_duplicates (a, b, evidence, status) SELECT a, b, evidence, status "
                    "FROM new_pairs ON CONFLICT DO NOTHING")
        return cur.execute("SELECT count(*) FROM possible_duplicates WHERE status = 'open'").fetchall()[0][0] - before

    def add_possible_duplicates(self, pairs: pd.DataFrame) -> int:
        """List pairs of stored contacts (columns a, b, evidence) for review; pairs already decided stay decided."""
        return self.write(lambda cur: self._pair(cur, [(int(a), int(b), e, "open") for a, b, e in
                                                       pairs[["a", "b", "evidence"]].itertuples(index=False)]))

    def find_possible_duplicates(self) -> int:
        """Look through every stored contact for pairs that may be one person (engine.identity: nicknames, other
        spellings, shared addresses) and list the pairs not seen before for review; a decided pair stays decided.
        Writes only when there is something new, and looks only when the data changed since the last look (its
        own write included), so looking again costs nothing. Returns the new pairs."""
        from engine.identity import OFFER_STORED, possible_duplicates  # name tables load on first use

        if getattr(self, "_duplicates_looked_at", None) == self.version:
            return 0
        found = possible_duplicates(self.contacts())
        found = found[found["strength"] >= OFFER_STORED]
        known = self.read("SELECT a, b FROM possible_duplicates")
        seen = set(zip(known["a"].tolist(), known["b"].tolist(), strict=True))
        new = found[[(int(a), int(b)) not in seen for a, b in zip(found["a"], found["b"], strict=True)]]
        added = self.add_possible_duplicates(new) if len(new) else 0
        self._duplicates_looked_at = self.version
        return added

    def possible_duplicates(self, status: str = "open") -> pd.DataFrame:
        """The pairs with this status, each side's name, company, title, email, phone and profile (a_*, b_*; empty
        for a side merged away)."""
        sides = ", ".join(f"{side}.{f} AS {side}_{f}" for side in "ab" for f in PAIR_FIELDS)
        return self.read(f"SELECT p.a, p.b, p.evidence, p.status, {sides} FROM possible_duplicates p "  # noqa: S608
                         "LEFT JOIN contacts a ON a.id = p.a LEFT JOIN contacts b ON b.id = p.b WHERE p.status = ? "
                         "ORDER BY p.found_at, p.a, p.b", [status])

    def keep_apart(self, a: int, b: int) -> None:
        """Two contacts are different people, for good: the pair is never offered again."""
        if a == b:
            raise StoreError("A contact is always the same person as itself.")

        def apply(cur):
            self._require(cur, [a, b])
            cur.execute("INSERT INTO possible_duplicates (a, b, evidence, status, decided_at) VALUES "
                        "(?, ?, 'kept apart by you', 'kept_apart', now()) ON CONFLICT (a, b) DO UPDATE "
                        "SET status = 'kept_apart', decided_at = now()", [min(a, b), max(a, b)])
        self.write(apply)

    @staticmethod
    def _require(cur, ids: list[int]) -> pd.DataFrame:
        found = cur.execute("SELECT * FROM contacts WHERE id IN (SELECT unnest(?::BIGINT[]))", [ids]).df()
        missing = sorted(set(ids) - set(found["id"].tolist()))
        if missing:
            raise StoreError(f"There is no contact {', '.join(map(str, missing))}.")
        return found.set_index("id")

    def merge_contacts(self, keep: int, other: int) -> int:
        """Merge `other` into `keep`, in one transaction: fields combined (engine.merge.combine_contacts), and the
        outreach history, sources, flags, snooze, referrals and review pairs of `other` moved to `keep`; then
        `other` is deleted. Everything is recorded so that undo_merge puts it back. Returns the merge's id."""
        if keep == other:
            raise StoreError("Choose two different contacts to merge.")

        def apply(cur) -> int:
            rows = self._require(cur, [keep, other])
            kept, gone = rows.loc[keep].to_dict(), rows.loc[other].to_dict()
            updates = combine_contacts(kept, gone)
            record = {
                "other": {k: jsonable(v) for k, v in {"id": other, **gone}.items()},
                "kept_before": {f: jsonable(kept[f]) for f in updates},
                "kept_after": {f: jsonable(v) for f, v in updates.items()},
                "events": _ids(cur, "SELECT id FROM outreach_events WHERE contact_id = ?", other),
                "sources": _ids(cur, "SELECT id FROM contact_sources WHERE contact_id = ?", other),
                "referrals": _ids(cur, "SELECT id FROM contacts WHERE referred_by = ?", other),
                "dismissals": [r[0] for r in cur.execute(
                    "SELECT code FROM flag_dismissals WHERE contact_id = ?", [other]).fetchall()],
                "dismissals_added": [r[0] for r in cur.execute(
                    "SELECT code FROM flag_dismissals WHERE contact_id = ? AND code NOT IN "
                    "(SELECT code FROM flag_dismissals WHERE contact_id = ?)", [other, keep]).fetchall()],
                "snooze": [jsonable(r[0]) for r in cur.execute(
                    "SELECT until FROM snoozes WHERE contact_id = ?", [other]).fetchall()],
                "snooze_moved": not cur.execute("SELECT 1 FROM snoozes WHERE contact_id = ?", [keep]).fetchall(),
                "rating": [r[0] for r in cur.execute(
                    "SELECT rating FROM contact_ratings WHERE contact_id = ?", [other]).fetchall()],
                "rating_moved": not cur.execute("SELECT 1 FROM contact_ratings WHERE contact_id = ?",
                                                [keep]).fetchall(),
                "pairs": [list(r) for r in cur.execute(
                    "SELECT a, b, evidence, status FROM possible_duplicates WHERE a = ? OR b = ?",
                    [other, other]).fetchall()],
            }
            if updates:
                sets = ", ".join(f"{f} = ?" for f in updates)  # names come from combine_contacts: contact columns
                cur.execute(f"UPDATE contacts SET {sets}, updated_at = now() WHERE id = ?",
                            [*updates.values(), keep])
            cur.execute("UPDATE outreach_events SET contact_id = ? WHERE contact_id = ?", [keep, other])
            cur.execute("UPDATE contact_sources SET contact_id = ? WHERE contact_id = ?", [keep, other])
            cur.execute("UPDATE contacts SET referred_by = ? WHERE referred_by = ?", [keep, other])
            for code in record["dismissals_added"]:
                cur.execute("INSERT INTO flag_dismissals (contact_id, code) VALUES (?, ?)", [keep, code])
            cur.execute("DELETE FROM flag_dismissals WHERE contact_id = ?", [other])
            if record["snooze"] and record["snooze_moved"]:
                cur.execute("UPDATE snoozes SET contact_id = ? WHERE contact_id = ?", [keep, other])
            cur.execute("DELETE FROM snoozes WHERE contact_id = ?", [other])
            if record["rating"] and record["rating_moved"]:  # the kept contact's own rating wins
                cur.execute("UPDATE contact_ratings SET contact_id = ? WHERE contact_id = ?", [keep, other])
            cur.execute("DELETE FROM contact_ratings WHERE contact_id = ?", [other])
            cur.execute("DELETE FROM possible_duplicates WHERE a = ? OR b = ?", [other, other])
            moved = [(keep, z, evidence, status) for a, b, evidence, status in record["pairs"]
                     for z in [b if a == other else a] if z != keep]
            record["pairs_added"] = [[min(x, y), max(x, y)] for x, y, *_ in moved if not cur.execute(
                "SELECT 1 FROM possible_duplicates WHERE a = ? AND b = ?", [min(x, y), max(x, y)]).fetchall()]
            self._pair(cur, moved)
            cur.execute("INSERT INTO possible_duplicates (a, b, evidence, status, decided_at) VALUES "
                        "(?, ?, 'merged by you', 'merged', now()) ON CONFLICT (a, b) DO UPDATE "
                        "SET status = 'merged', decided_at = now()", [min(keep, other), max(keep, other)])
            cur.execute("DELETE FROM contacts WHERE id = ?", [other])
            forget_unheld_readings(cur)
            return cur.execute("INSERT INTO contact_merges (kept, merged, record) VALUES (?, ?, ?) RETURNING id",
                               [keep, other, json.dumps(record, ensure_ascii=False)]).fetchall()[0][0]
        return self.write(apply)

    def merges(self) -> pd.DataFrame:
        """Merges not undone, newest first: id, kept, merged, the merged contact's name, merged_at."""
        frame = self.read("SELECT id, kept, merged, record, merged_at FROM contact_merges WHERE undone_at IS NULL "
                          "ORDER BY id DESC")
        frame["merged_name"] = [json.loads(r)["other"].get("full_name") for r in frame["record"]]
        return frame.drop(columns="record")

    def undo_merge(self, merge_id: int) -> None:
        """Put a merged contact back as it was, with its history, flags, snooze, rating, referrals and review pairs; the
        kept contact's fields return to what they were, unless changed since the merge."""
        def apply(cur):
            found = cur.execute("SELECT kept, merged, record, undone_at FROM contact_merges WHERE id = ?",
                                [merge_id]).fetchall()
            if not found:
                raise StoreError(f"There is no merge number {merge_id} to undo.")
            keep, other, record, undone = found[0]
            if undone is not None:
                raise StoreError(f"Merge {merge_id} was already undone.")
            record = json.loads(record)
            if cur.execute("SELECT 1 FROM contacts WHERE id = ?", [other]).fetchall():
                raise StoreError(f"Contact {other} exists again; merge {merge_id} cannot be undone.")
            kept_now = self._require(cur, [keep]).loc[keep]
            back = {f: v for f, v in record["kept_before"].items() if jsonable(kept_now[f]) == record["kept_after"][f]}
            types = dict(cur.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = "
                                     "'contacts' AND database_name = current_database()").fetchall())
            if back:
                sets = ", ".join(f"{f} = CAST(? AS {types[f]})" for f in back)  # contact columns and their types
                cur.execute(f"UPDATE contacts SET {sets} WHERE id = ?", [*back.values(), keep])
            row = {k: v for k, v in record["other"].items() if k in types}
            columns = ", ".join(row)
            casts = ", ".join(f"CAST(? AS {types[c]})" for c in row)
            cur.execute(f"INSERT INTO contacts ({columns}) VALUES ({casts})", list(row.values()))
            for table, key in (("outreach_events", "events"), ("contact_sources", "sources")):
                cur.execute(f"UPDATE {table} SET contact_id = ? WHERE id IN (SELECT unnest(?::BIGINT[]))",
                            [other, record[key]])  # constant table names
            cur.execute("UPDATE contacts SET referred_by = ? WHERE referred_by = ? AND id IN "
                        "(SELECT unnest(?::BIGINT[]))", [other, keep, record["referrals"]])
            for code in record["dismissals"]:
                cur.execute("INSERT INTO flag_dismissals (contact_id, code) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            [other, code])
            for code in record["dismissals_added"]:
                cur.execute("DELETE FROM flag_dismissals WHERE contact_id = ? AND code = ?", [keep, code])
            if record["snooze"]:
                if record["snooze_moved"]:
                    cur.execute("DELETE FROM snoozes WHERE contact_id = ?", [keep])
                cur.execute("INSERT OR REPLACE INTO snoozes VALUES (?, CAST(? AS DATE))", [other, record["snooze"][0]])
            if record.get("rating"):  # merges recorded before ratings existed have none
                if record["rating_moved"]:
                    cur.execute("DELETE FROM contact_ratings WHERE contact_id = ?", [keep])
                cur.execute("INSERT OR REPLACE INTO contact_ratings (contact_id, rating) VALUES (?, ?)",
                            [other, record["rating"][0]])
            for a, b in record.get("pairs_added", []):
                cur.execute("DELETE FROM possible_duplicates WHERE a = ? AND b = ?", [a, b])
            cur.execute("DELETE FROM possible_duplicates WHERE a = ? AND b = ?", [min(keep, other), max(keep, other)])
            for pair in record["pairs"]:
                cur.execute("INSERT INTO possible_duplicates (a, b, evidence, status) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT DO NOTHING", pair)
            if not any({a, b} == {keep, other} for a, b, *_ in record["pairs"]):  # merged by hand: offer it again
                cur.execute("INSERT INTO possible_duplicates (a, b, evidence) VALUES (?, ?, 'merged, then undone')",
                            [min(keep, other), max(keep, other)])
            cur.execute("SELECT setval('contact_ids', (SELECT max(id) FROM contacts))").fetchall()
            cur.execute("UPDATE contact_merges SET undone_at = now() WHERE id = ?", [merge_id])
        self.write(apply)


def _ids(cur, sql: str, contact_id: int) -> list[int]:
    return [int(r[0]) for r in cur.execute(sql, [contact_id]).fetchall()]
