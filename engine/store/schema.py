"""The store's schema as ordered migrations, and the names the queries use."""

# Each migration is applied once, in order, in one transaction together with its schema_version record (a new store
# gets them all in one transaction). Never edit a released migration; append a new one.
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
    ("possibly the same person: the review queue, and merges that can be undone", [
        # a pair of stored contacts that may be one person; a < b; the user merges them or keeps them apart
        """CREATE TABLE possible_duplicates (
            a BIGINT NOT NULL,
            b BIGINT NOT NULL CHECK (a < b),
            evidence VARCHAR NOT NULL,
            status VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept_apart', 'merged')),
            found_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            decided_at TIMESTAMP,
            PRIMARY KEY (a, b))""",
        "CREATE SEQUENCE merge_ids START 1",
        # everything a merge changed, as JSON, so it can be undone
        """CREATE TABLE contact_merges (
            id BIGINT PRIMARY KEY DEFAULT nextval('merge_ids'),
            kept BIGINT NOT NULL,
            merged BIGINT NOT NULL,
            record VARCHAR NOT NULL,
            merged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            undone_at TIMESTAMP)""",
    ]),
    ("every email and phone kept, and where the title and company come from", [
        "ALTER TABLE contacts ADD COLUMN emails VARCHAR[] DEFAULT []",
        "ALTER TABLE contacts ADD COLUMN phones VARCHAR[] DEFAULT []",
        "UPDATE contacts SET emails = CASE WHEN email IS NULL THEN [] ELSE [email] END, "
        "phones = CASE WHEN phone IS NULL THEN [] ELSE [phone] END",
        "ALTER TABLE contacts ADD COLUMN position_from VARCHAR",
        "ALTER TABLE contacts ADD COLUMN position_on DATE",
        # the format of the latest source row is the best guess of where today's title came from
        """UPDATE contacts SET position_from = latest.format FROM (
            SELECT DISTINCT ON (contact_id) contact_id, format FROM contact_sources ORDER BY contact_id, id DESC
        ) latest WHERE latest.contact_id = contacts.id
            AND (contacts.title IS NOT NULL OR contacts.company IS NOT NULL)""",
    ]),
    ("the target in the user's own words, suggested titles turned down, and ratings of contacts", [
        "ALTER TABLE profile ADD COLUMN role_aliases VARCHAR[] DEFAULT []",
        "ALTER TABLE profile ADD COLUMN level_high VARCHAR DEFAULT ''",
        "ALTER TABLE profile ADD COLUMN adjacent_roles VARCHAR[] DEFAULT []",
        # titles from the user's network that the Profile page offered and the user turned down: not offered again
        """CREATE TABLE rejected_titles (
            title VARCHAR PRIMARY KEY,
            rejected_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
        # "a good person for my target" or "not relevant", one per contact; clearing deletes the row
        """CREATE TABLE contact_ratings (
            contact_id BIGINT PRIMARY KEY,
            rating VARCHAR NOT NULL CHECK (rating IN ('good', 'not_relevant')),
            rated_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
    ]),
    ("the LinkedIn archive: where each event came from, message texts only by choice, the user's past jobs", [
        "ALTER TABLE outreach_events ADD COLUMN batch_id BIGINT",  # the import that brought it; NULL: by hand
        "ALTER TABLE outreach_events ADD COLUMN source_key VARCHAR",  # the message it came from: re-import skips it
        "ALTER TABLE outreach_events ADD COLUMN source VARCHAR",  # shown: "LinkedIn archive"
        "ALTER TABLE outreach_events ADD COLUMN message_text VARCHAR",  # the whole message, only if the user chose
        """CREATE TABLE own_positions (
            batch_id BIGINT NOT NULL,
            company VARCHAR NOT NULL,
            title VARCHAR,
            started_on DATE,
            finished_on DATE)""",
        # the account holder as the archive's Profile.csv names them, for the profile once the user confirms
        "CREATE TABLE own_profile (batch_id BIGINT NOT NULL, name VARCHAR, headline VARCHAR)",
        # people reached once this import was in: milestones up to it are history, not a reason for a party
        "ALTER TABLE import_batches ADD COLUMN reached_after INTEGER",
        # imported events the user deleted: a re-import of the same messages does not bring them back
        "CREATE TABLE deleted_event_keys (source_key VARCHAR PRIMARY KEY)",
    ]),
    ("the industry the user says a company is in, once for everyone who works there", [
        """CREATE TABLE company_industries (
            company_key VARCHAR PRIMARY KEY,
            company VARCHAR NOT NULL,
            industry VARCHAR NOT NULL,
            said_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
    ]),
    ("about the user for their messages, and when a meeting takes place", [
        "ALTER TABLE profile ADD COLUMN my_name VARCHAR DEFAULT ''",
        "ALTER TABLE profile ADD COLUMN my_role VARCHAR DEFAULT ''",
        "ALTER TABLE profile ADD COLUMN my_background VARCHAR DEFAULT ''",
        # a meeting_scheduled event may say when the conversation itself takes place (local time, no zone)
        "ALTER TABLE outreach_events ADD COLUMN meeting_at TIMESTAMP",
    ]),
    ("how each title reads, remembered across runs (a cache, not the user's data)", [
        # engine.readings: one row per distinct title a contact holds, for the fingerprint of the lexicons and code
        # that read it; never backed up nor restored, and pruned of titles no contact holds any more
        """CREATE TABLE title_readings (
            title VARCHAR NOT NULL,
            fingerprint VARCHAR NOT NULL,
            english_role VARCHAR NOT NULL,
            canonical_role VARCHAR NOT NULL,
            seniority VARCHAR NOT NULL,
            is_hr BOOLEAN NOT NULL,
            family VARCHAR NOT NULL,
            family_strength INTEGER NOT NULL,
            evidence VARCHAR[] NOT NULL)""",
    ]),
]
SCHEMA_VERSION = len(MIGRATIONS)
EVENT_FIELDS = ("contact_id", "kind", "channel", "note", "happened_on", "energising", "meeting_at")
PRACTICE_FIELDS = ("topic", "person", "happened_on", "feeling", "learned", "observed")
EDITABLE_FIELDS = ("full_name", "email", "phone", "company", "title", "linkedin_url", "notes", "tags", "tie_strength",
                   "prep_notes")
SEQUENCES = {"contact_ids": "contacts", "batch_ids": "import_batches", "source_ids": "contact_sources",
             "event_ids": "outreach_events", "practice_ids": "practice_interviews", "merge_ids": "contact_merges"}
DEMO_TABLES = ("contacts", "outreach_events", "practice_interviews", "import_batches")
# what the store keeps for speed, derived from the data: left out of backups and restores, emptied by wipe
CACHE_TABLES = ("title_readings",)
# rows that belong to one contact (by contact_id) and go when the contact goes; review pairs name two contacts
DEPENDENT_TABLES = ("contact_sources", "flag_dismissals", "snoozes", "contact_ratings")


def delete_dependents(cur, ids: str, params: list | tuple = ()) -> None:
    """Inside a write: delete what belongs to the contacts the subquery `ids` (with `params`) selects, their rows in
    DEPENDENT_TABLES and every review pair naming one of them. The contacts and their events are the caller's."""
    for table in DEPENDENT_TABLES:  # constant names
        cur.execute(f"DELETE FROM {table} WHERE contact_id IN ({ids})", list(params))
    cur.execute(f"DELETE FROM possible_duplicates WHERE a IN ({ids}) OR b IN ({ids})", [*params, *params])


def forget_unheld_readings(cur) -> None:
    """Inside a write that deleted contacts or changed titles: drop the remembered readings of titles no contact
    holds any more (engine.readings), so a deleted person's title does not outlive them in the cache."""
    cur.execute("DELETE FROM title_readings r WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.title = r.title)")
