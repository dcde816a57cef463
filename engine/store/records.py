"""The user's records in the store: profile, contacts and their history, practice, rewards, settings, demo data."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from engine.fields import CONTACT_FIELDS
from engine.identity import normalise_company
from engine.merge import POSITION_FIELDS
from engine.outreach import EVENT_KINDS
from engine.profile import Profile, TargetCompany
from engine.rewards import milestones_reached
from engine.store.errors import StoreError
from engine.store.schema import (
    DEMO_TABLES,
    EDITABLE_FIELDS,
    EVENT_FIELDS,
    PRACTICE_FIELDS,
    delete_dependents,
    forget_unheld_readings,
)

LIST_COLUMNS = ("tags", "manual_fields", "emails", "phones")
RATINGS = ("good", "not_relevant")


class Records:
    """Queries and writes of the user's records (a part of Store; the connection comes from Connection)."""

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
            reward=row.reward, reward_every=int(row.reward_every),
            **_target_words(row),
            **{f: row.get(f) or "" for f in ("my_name", "my_role", "my_background")})

    def save_profile(self, profile: Profile) -> None:
        """Save the user's profile; from now on it is theirs, and removing demo data keeps it."""
        def save(cur):
            _write_profile(cur, profile)
            cur.execute("DELETE FROM meta WHERE key = 'demo_profile'")
        self.write(save)

    # -- contacts and history ---------------------------------------------------------------------------

    def contacts(self) -> pd.DataFrame:
        """Every contact by id; one snapshot for all. The text and list columns come through Arrow, which builds
        them in one pass where DuckDB's own conversion makes a Python object per value (seconds of a million-contact
        ranking); each is given the type DuckDB's would have (_as_duckdb_gives). The others come from DuckDB. Rows are
        read as stored, which is by id unless something moved them; only then are they sorted (_by_id)."""
        cur = self._cursor()
        try:
            cur.execute("BEGIN TRANSACTION")  # read-only: closing the cursor ends it
            described = cur.execute("SELECT * FROM contacts LIMIT 0").description
            columns = [d[0] for d in described]
            texts = [d[0] for d in described if str(d[1]) == "VARCHAR"]
            through_arrow = ", ".join([*texts, *LIST_COLUMNS])  # constant names
            frame = _by_id(cur.execute(f"SELECT * EXCLUDE ({through_arrow}) FROM contacts").df())
            table = cur.sql(f"SELECT id, {through_arrow} FROM contacts").to_arrow_table()
        finally:
            cur.close()
        ids = table.column("id").to_numpy()
        if len(ids) and not (ids[1:] > ids[:-1]).all():
            table = table.take(np.argsort(ids, kind="stable"))
        for name in LIST_COLUMNS:
            frame[name] = table.column(name).to_pandas().to_numpy()
        for name in texts:
            frame[name] = _as_duckdb_gives(table.column(name))
        return frame[columns]

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
            forget_unheld_readings(cur)
            batch = cur.execute(
                "INSERT INTO import_batches (file_name, format, rows, added, is_demo) VALUES (?, 'demo', ?, ?, "
                "true) RETURNING id", ["demo data", len(contacts), len(contacts)]).fetchall()[0][0]
            base = cur.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchall()[0][0]
            cur.register("demo_contacts", contacts.assign(id=contacts["id"] + base, batch_id=batch,
                                                           referred_by=contacts["referred_by"] + base))
            columns = ", ".join(("id", *CONTACT_FIELDS, "referred_by", "batch_id"))
            cur.execute(f"INSERT INTO contacts ({columns}, is_demo) SELECT {columns}, true FROM demo_contacts")
            cur.execute("UPDATE contacts SET emails = CASE WHEN email IS NULL THEN [] ELSE [email] END, phones = "
                        "CASE WHEN phone IS NULL THEN [] ELSE [phone] END, position_from = 'demo' WHERE is_demo")
            cur.execute("SELECT setval('contact_ids', (SELECT max(id) FROM contacts))").fetchall()
            cur.register("demo_events", events.assign(contact_id=events["contact_id"] + base,
                                                      meeting_at=events.get("meeting_at")))
            cur.execute("INSERT INTO outreach_events (contact_id, kind, channel, note, happened_on, energising, "
                        "meeting_at, is_demo) SELECT contact_id, kind, channel, note, happened_on, energising, "
                        "CAST(meeting_at AS TIMESTAMP), true FROM demo_events ORDER BY happened_on")
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
            delete_dependents(cur, "SELECT id FROM contacts WHERE is_demo")
            for table in DEMO_TABLES:
                cur.execute(f"DELETE FROM {table} WHERE is_demo")  # table names are constants above
            if cur.execute("SELECT value FROM meta WHERE key = 'demo_profile'").fetchall() == [("yes",)]:
                cur.execute("DELETE FROM profile")
                cur.execute("DELETE FROM target_companies")
                cur.execute("DELETE FROM rewards")
            cur.execute("DELETE FROM meta WHERE key IN ('demo', 'demo_profile')")
            forget_unheld_readings(cur)
        self.write(remove)
        self.checkpoint()

    def update_contacts(self, edits: dict[int, dict], review_with: dict[int, dict[int, str]] | None = None) -> int:
        """Apply the user's edits {contact_id: {field: value}} in one transaction; each edited field joins that
        contact's manual_fields, so no later import overwrites it. Returns how many contacts changed. In the same
        transaction, each edited contact in `review_with` ({contact_id: {other id: evidence}}) is listed for review
        beside the others it may now be."""
        unknown = {f for fields in edits.values() for f in fields} - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")

        def apply(cur):
            for contact_id, fields in edits.items():
                if not fields:
                    continue
                typed, fields = list(fields), dict(fields)
                for field in ("email", "phone"):  # the typed value becomes the primary; the others stay
                    if field in fields:
                        found = cur.execute(f"SELECT {field}s FROM contacts WHERE id = ?",  # a constant name
                                            [contact_id]).fetchall()
                        rest = [v for v in (found[0][0] if found else None) or [] if v != fields[field]]
                        fields[f"{field}s"] = [fields[field], *rest] if fields[field] else rest
                sets = ", ".join(f"{f} = ?" for f in fields)  # field names: EDITABLE_FIELDS and their lists
                cur.execute(f"UPDATE contacts SET {sets}, manual_fields = list_distinct(list_concat(manual_fields, ?)),"
                            " updated_at = current_timestamp WHERE id = ?",
                            [*fields.values(), typed, contact_id])
            pairs = [(cid, other, e, "open") for cid, found in (review_with or {}).items()
                     for other, e in found.items()]
            if pairs:
                self._pair(cur, pairs)
            if any("title" in fields for fields in edits.values()):
                forget_unheld_readings(cur)
            return sum(bool(f) for f in edits.values())
        return self.write(apply)

    def add_contact(self, review_with: dict[int, str] | None = None, apart_from: dict[int, str] | None = None,
                    **fields) -> int:
        """Add one contact typed by hand; every field given counts as typed by hand. In the same transaction, the
        new contact is listed for review beside each stored contact in `review_with` ({id: evidence}), and kept apart
        for good from each in `apart_from` (the user said they are someone else)."""
        unknown = set(fields) - set(CONTACT_FIELDS) - {"referred_by"}
        if unknown or not str(fields.get("full_name") or "").strip():
            raise ValueError("a contact needs a full_name" if not unknown else f"unknown fields: {sorted(unknown)}")
        typed = [n for n in fields if n != "referred_by"]
        lists = {f"{f}s": [fields[f]] for f in ("email", "phone") if fields.get(f)}
        if any(fields.get(f) for f in POSITION_FIELDS):
            lists["position_from"] = "manual"
        row = fields | lists

        def add(cur):
            new_id = cur.execute(
                f"INSERT INTO contacts ({', '.join(row)}, manual_fields) VALUES ({', '.join('?' * len(row))}, ?) "
                "RETURNING id", [*row.values(), typed]).fetchall()[0][0]
            pairs = [(new_id, c, e, "open") for c, e in (review_with or {}).items()]
            pairs += [(new_id, c, e, "kept_apart") for c, e in (apart_from or {}).items()]
            if pairs:
                self._pair(cur, pairs)
            return new_id
        return self.write(add)

    def log_event(self, contact_id: int, kind: str, happened_on, *, channel: str | None = None,
                  note: str | None = None, energising: bool = False, meeting_at=None) -> int:
        """Log one outreach event; a "meeting_scheduled" may say when the meeting takes place (`meeting_at`)."""
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown outreach event {kind!r}; one of {', '.join(EVENT_KINDS)}")
        if meeting_at is not None and kind != "meeting_scheduled":
            raise ValueError("only a scheduled meeting has a meeting time")
        return self.write(lambda cur: cur.execute(
            "INSERT INTO outreach_events (contact_id, kind, channel, note, happened_on, energising, meeting_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [contact_id, kind, channel, note, happened_on, energising, meeting_at]).fetchall()[0][0])

    def add_referrals(self, contact_id: int, names: list[str], happened_on) -> list[int]:
        """Add the people `contact_id` suggested, each introduced by them, and log one referral per person: all
        in one transaction. Returns the new contacts' ids."""
        introducer = self.scalar("SELECT full_name FROM contacts WHERE id = ?", [contact_id])
        if introducer is None:
            raise ValueError(f"no contact {contact_id}")

        def add(cur):
            ids = []
            for name in names:
                ids.append(cur.execute(
                    "INSERT INTO contacts (full_name, referred_by, tie_strength, notes, manual_fields) "
                    "VALUES (?, ?, 3, ?, ['full_name', 'tie_strength', 'notes']) RETURNING id",
                    [name, contact_id, f"Introduced by {introducer}"]).fetchall()[0][0])
                cur.execute("INSERT INTO outreach_events (contact_id, kind, note, happened_on) "
                            "VALUES (?, 'referral_given', ?, ?)", [contact_id, f"Suggested {name}", happened_on])
            return ids
        return self.write(add)

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
        def delete(cur):  # an imported event deleted stays deleted when the same archive is imported again
            cur.execute("INSERT INTO deleted_event_keys SELECT source_key FROM outreach_events WHERE id = ? "
                        "AND source_key IS NOT NULL ON CONFLICT DO NOTHING", [event_id])
            cur.execute("DELETE FROM outreach_events WHERE id = ?", [event_id])
        self.write(delete)

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
            delete_dependents(cur, "?", [contact_id])
            for table in ("outreach_events", "contact_changes"):
                cur.execute(f"DELETE FROM {table} WHERE contact_id = ?", [contact_id])  # constant table names
            cur.execute("UPDATE contacts SET referred_by = NULL WHERE referred_by = ?", [contact_id])
            cur.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
            forget_unheld_readings(cur)
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
        milestones earned and not yet celebrated, so the app celebrates each exactly once. Milestones passed when
        past history was imported (a LinkedIn archive: people reached once it was in) are recorded as celebrated:
        an import does not fire a stack of old rewards, only outreach after it is celebrated. Writes only when
        something changed, so it costs no cache invalidation on an ordinary page run."""
        known = self.read("SELECT milestone, celebrated FROM rewards")
        if set(known["milestone"]) == set(reached) and known["celebrated"].all():
            return []

        def sync(cur):
            cur.execute("DELETE FROM rewards WHERE milestone NOT IN (SELECT unnest(?::INTEGER[]))", [reached])
            history = cur.execute("SELECT coalesce(max(reached_after), 0) FROM import_batches "
                                  "WHERE undone_at IS NULL").fetchall()[0][0]
            quiet = {m for m in reached if m <= history}  # passed when history was imported: not a party now
            for milestone in reached:
                cur.execute("INSERT INTO rewards (milestone, reward, earned_on, celebrated) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT DO NOTHING", [milestone, reward, today, milestone in quiet])
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

    def delete_settings(self, keys: list[str]) -> None:
        """Forget settings, so that their standard values apply again."""
        self.write(lambda cur: cur.execute("DELETE FROM settings WHERE key IN (SELECT unnest(?::VARCHAR[]))",
                                           [list(keys)]))

    def dismissed_flags(self) -> set[tuple[int, str]]:
        """(contact_id, flag code) pairs the user has waved off."""
        return set(self.read("SELECT contact_id, code FROM flag_dismissals").itertuples(index=False, name=None))

    def set_flag_dismissed(self, contact_id: int, code: str, dismissed: bool = True) -> None:
        def apply(cur):
            cur.execute("DELETE FROM flag_dismissals WHERE contact_id = ? AND code = ?", [contact_id, code])
            if dismissed:
                cur.execute("INSERT INTO flag_dismissals (contact_id, code) VALUES (?, ?)", [contact_id, code])
        self.write(apply)

    def company_industries(self) -> dict[str, str]:
        """The industry the user said each company is in, by normalised company name (engine.identity)."""
        return dict(self.read("SELECT company_key, industry FROM company_industries").itertuples(index=False))

    def set_company_industry(self, company: str, industry: str | None) -> None:
        """Say which industry a company is in, for everyone who works there; None or "" forgets the answer."""
        key = normalise_company(company)
        if not key:
            raise StoreError(f"{company!r} is not a company name one can say an industry for")
        industry = " ".join(str(industry or "").split())[:200]

        def apply(cur):
            cur.execute("DELETE FROM company_industries WHERE company_key = ?", [key])
            if industry:
                cur.execute("INSERT INTO company_industries (company_key, company, industry) VALUES (?, ?, ?)",
                            [key, " ".join(company.split())[:300], industry])
        self.write(apply)

    def meta(self) -> dict[str, str]:
        return dict(self.read("SELECT key, value FROM meta").itertuples(index=False))

    # -- ratings of contacts and titles turned down -------------------------------------------------------

    def ratings(self) -> pd.DataFrame:
        """The user's ratings (contact_id, rating 'good' | 'not_relevant', rated_at) of contacts still stored."""
        return self.read("SELECT r.contact_id, r.rating, r.rated_at FROM contact_ratings r "
                         "JOIN contacts c ON c.id = r.contact_id ORDER BY r.rated_at, r.contact_id")

    def rate(self, contact_id: int, rating: str | None) -> None:
        """Rate a contact 'good' (a good person for my target) or 'not_relevant'; None clears the rating."""
        if rating not in RATINGS and rating is not None:
            raise ValueError(f"a rating is one of {', '.join(RATINGS)}, not {rating!r}")

        def apply(cur):
            if not cur.execute("SELECT 1 FROM contacts WHERE id = ?", [contact_id]).fetchall():
                raise ValueError(f"there is no contact {contact_id}")
            cur.execute("DELETE FROM contact_ratings WHERE contact_id = ?", [contact_id])
            if rating is not None:
                cur.execute("INSERT INTO contact_ratings (contact_id, rating) VALUES (?, ?)", [contact_id, rating])
        self.write(apply)

    def rejected_titles(self) -> set[str]:
        """Titles the user turned down as suggestions for their target (as they were shown)."""
        return set(self.read("SELECT title FROM rejected_titles")["title"].tolist())

    def reject_title(self, title: str) -> None:
        self.write(lambda cur: cur.execute("INSERT INTO rejected_titles (title) VALUES (?) ON CONFLICT DO NOTHING",
                                           [title]))


def _by_id(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows in id order, numbered from 0 (as ORDER BY id gives them)."""
    if frame["id"].is_monotonic_increasing:
        return frame
    return frame.sort_values("id", kind="stable", ignore_index=True)


def _as_duckdb_gives(column: pa.ChunkedArray) -> pd.Series | np.ndarray:
    """A text column as DuckDB's .df() gives it: pandas' text type (NaN where missing); Python objects (None) when
    it holds no text at all (no rows, or all missing)."""
    if column.null_count == len(column):
        return np.full(len(column), None, dtype=object)
    return column.to_pandas()


def _target_words(row) -> dict:
    """The profile row's other target titles, level range top and adjacent roles."""
    def titles(name: str) -> tuple[str, ...]:  # a store of an older schema has none of them
        value = getattr(row, name, None)
        return tuple(value) if value is not None and not isinstance(value, float) else ()
    high = getattr(row, "level_high", "")
    return {"role_aliases": titles("role_aliases"), "level_high": high if isinstance(high, str) else "",
            "adjacent_roles": titles("adjacent_roles")}


def _write_profile(cur: duckdb.DuckDBPyConnection, profile: Profile) -> None:
    cur.execute("DELETE FROM profile")
    cur.execute("DELETE FROM target_companies")
    # the about-you fields are written only when set (they default to ''), so a store kept at an older schema
    # version (tests, a migration in progress) still takes a profile without them
    about = {f: getattr(profile, f) for f in ("my_name", "my_role", "my_background") if getattr(profile, f)}
    columns = ", ".join(["target_role", "target_level", "industries", "keywords", "hr_target", "weekly_goal", "reward",
                         "reward_every", *about])  # constant names
    cur.execute(
        f"INSERT INTO profile (id, {columns}) VALUES (1, {', '.join('?' * (8 + len(about)))})",
        [profile.target_role, profile.target_level, list(profile.industries), list(profile.keywords),
         profile.hr_target, profile.weekly_goal, profile.reward, profile.reward_every, *about.values()])
    if profile.companies:
        cur.executemany("INSERT INTO target_companies VALUES (?, ?, ?)",
                        [[c.name, c.motivation, i] for i, c in enumerate(profile.companies)])
    if cur.execute("SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
                   "AND table_name = 'profile' AND column_name = 'role_aliases'").fetchall()[0][0]:  # a new schema
        cur.execute("UPDATE profile SET role_aliases = ?, level_high = ?, adjacent_roles = ? WHERE id = 1",
                    [list(profile.role_aliases), profile.level_high, list(profile.adjacent_roles)])
