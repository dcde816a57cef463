"""How each title reads, remembered across runs (engine.readings): a cache beside the user's data, not part of it.

Saving readings changes no data a page shows, so it does not give the store a new version (pages cache by it); it
takes the write lock like every write. The table is never backed up nor restored (schema.CACHE_TABLES), holds the
readings of one fingerprint at a time, and only titles some contact holds (schema.forget_unheld_readings).
"""

from __future__ import annotations

import pandas as pd

from engine.store.schema import forget_unheld_readings

_COLUMNS = "title, english_role, canonical_role, seniority, is_hr, family, family_strength, evidence"


class Readings:
    """The title readings cache (a part of Store)."""

    def title_readings(self, fingerprint: str) -> pd.DataFrame:
        """Every remembered reading made under this fingerprint (engine.readings.COLUMNS)."""
        return self.read(f"SELECT {_COLUMNS} FROM title_readings WHERE fingerprint = ?", [fingerprint])

    def save_title_readings(self, fingerprint: str, rows: pd.DataFrame) -> int:
        """Remember these readings (engine.readings.export_readings) in one transaction: readings of another
        fingerprint go, and so do those of titles no contact holds; a title already remembered keeps its row, and
        rows for titles no contact holds are not written. Returns how many rows were added. The store's version
        stays: this is no change to the data."""
        with self._write_lock, self.transaction() as cur:
            cur.execute("DELETE FROM title_readings WHERE fingerprint <> ?", [fingerprint])
            forget_unheld_readings(cur)
            if rows.empty:
                return 0
            cur.register("new_readings", rows)
            try:
                added = cur.execute(
                    f"INSERT INTO title_readings (fingerprint, {_COLUMNS}) "
                    "SELECT DISTINCT ON (title) ?, title, english_role, canonical_role, seniority, is_hr, family, "
                    "family_strength, CAST(evidence AS VARCHAR[]) FROM new_readings "
                    "WHERE title IN (SELECT title FROM contacts) AND title NOT IN (SELECT title FROM title_readings)",
                    [fingerprint]).fetchall()
            finally:
                cur.unregister("new_readings")
            return int(added[0][0]) if added else 0
