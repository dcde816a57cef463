"""Store.version names one state of the data: every write that commits gives a new one, nothing else does.
The app caches what it derives from the data (scores, what was learned, progress figures) by it, so a write that
kept the old version would show stale pages, and a read that changed it would recompute everything on every click.
And Store.holds_data is the one answer to "is there anything here to lose"."""

from datetime import date, timedelta

import pandas as pd
import pytest

from engine.demo import demo_dataset, demo_profile
from engine.importing import preview_files
from engine.profile import make_profile
from engine.store import Store

TODAY = date.today()
DEMO = demo_dataset(TODAY)
CSV = b"Name,Company,Title,Email\nAna Ruiz,Acme,Data Analyst,ana@acme.io\nBo Chen,Globex,Nurse,bo@globex.io\n"


@pytest.fixture
def filled(store, tmp_path):
    """A store with one of everything, and a backup of it, so that every write below has something to act on."""
    store.save_profile(make_profile(target_role="Data Scientist", reward="cake", reward_every=1))
    ana = store.add_contact(full_name="Ana Ruiz", company="Acme")
    event = store.log_event(ana, "reached_out", TODAY - timedelta(days=3))
    practice = store.add_practice("Sourdough", TODAY)
    preview = preview_files([("people.csv", CSV.replace(b"Ana Ruiz", b"Cy Diaz"))], store.contacts())[0]
    batch = store.apply_import("people.csv", preview.parsed.format, preview.parsed.encoding, preview.parsed.contacts,
                               preview.plan.rows).batch_id
    other = store.add_contact(full_name="Ana Ruiz", company="Initech")
    store.add_contact(full_name="Kim Park", company="Stripe")  # a pair a look through the contacts would offer
    store.add_contact(full_name="Kimberly Park", company="Stripe Inc.")
    merge = store.merge_contacts(store.add_contact(full_name="Bo"), store.add_contact(full_name="Bo Chen"))
    store.backup(tmp_path / "backup.zip")
    return store, {"ana": ana, "other": other, "merge": merge, "event": event, "practice": practice, "batch": batch,
                   "backup": tmp_path / "backup.zip"}


def _import(store, ids):
    preview = preview_files([("more.csv", CSV.replace(b"Bo Chen", b"Di Eze"))], store.contacts())[0]
    store.apply_import("more.csv", preview.parsed.format, preview.parsed.encoding, preview.parsed.contacts,
                       preview.plan.rows)


WRITES = {
    "save_profile": lambda s, i: s.save_profile(make_profile(target_role="Nurse")),
    "set_settings": lambda s, i: s.set_settings({"follow_up_after": 5}),
    "delete_settings": lambda s, i: s.delete_settings(["follow_up_after"]),
    "add_referrals": lambda s, i: s.add_referrals(i["ana"], ["Grace Kim"], TODAY),
    "add_contact": lambda s, i: s.add_contact(full_name="Eve Fox"),
    "update_contacts": lambda s, i: s.update_contacts({i["ana"]: {"notes": "met at a meetup"}}),
    "delete_contact": lambda s, i: s.delete_contact(i["ana"]),
    "log_event": lambda s, i: s.log_event(i["ana"], "replied", TODAY),
    "update_event": lambda s, i: s.update_event(i["event"], note="by email"),
    "delete_event": lambda s, i: s.delete_event(i["event"]),
    "snooze": lambda s, i: s.snooze(i["ana"], TODAY + timedelta(days=14)),
    "set_flag_dismissed": lambda s, i: s.set_flag_dismissed(i["ana"], "hr_or_recruiting"),
    "set_company_industry": lambda s, i: s.set_company_industry("Acme", "Fintech"),
    "add_practice": lambda s, i: s.add_practice("Chess", TODAY),
    "update_practice": lambda s, i: s.update_practice(i["practice"], feeling=4),
    "delete_practice": lambda s, i: s.delete_practice(i["practice"]),
    "sync_rewards": lambda s, i: s.sync_rewards([1], "cake", TODAY),
    "mark_celebrated": lambda s, i: s.mark_celebrated([1]),
    "apply_import": _import,
    "undo_import": lambda s, i: s.undo_import(i["batch"]),
    "load_demo": lambda s, i: s.load_demo(DEMO, demo_profile()),
    "remove_demo": lambda s, i: s.remove_demo(),
    "wipe": lambda s, i: s.wipe(),
    "restore": lambda s, i: s.restore(i["backup"], force=True),
    "write": lambda s, i: s.write(lambda cur: cur.execute("UPDATE contacts SET notes = 'x'")),
    "merge_contacts": lambda s, i: s.merge_contacts(i["ana"], i["other"]),
    "find_possible_duplicates": lambda s, i: s.find_possible_duplicates(),
    "undo_merge": lambda s, i: s.undo_merge(i["merge"]),
    "keep_apart": lambda s, i: s.keep_apart(i["ana"], i["other"]),
    "add_possible_duplicates": lambda s, i: s.add_possible_duplicates(
        pd.DataFrame({"a": [i["ana"]], "b": [i["other"]], "evidence": ["same name"]})),
    "rate": lambda s, i: s.rate(i["ana"], "good"),
    "reject_title": lambda s, i: s.reject_title("Yoga Teacher"),
    "apply_archive": lambda s, i: s.apply_archive("archive.zip", pd.DataFrame({
        "contact_id": [i["ana"]], "kind": ["reached_out"], "channel": ["linkedin"], "note": ["Hi Ana"],
        "happened_on": [TODAY], "source_key": ["k1"], "message_text": ["Hi Ana\nA longer text"]})),
    "forget_message_texts": lambda s, i: s.forget_message_texts(),
}
READS = {
    "contacts": lambda s, i: s.contacts(),
    "contacts_by_id": lambda s, i: s.contacts_by_id([i["ana"]]),
    "contact_events": lambda s, i: s.contact_events(i["ana"]),
    "events": lambda s, i: s.events(),
    "practice": lambda s, i: s.practice(),
    "counts": lambda s, i: s.counts(),
    "dismissed_flags": lambda s, i: s.dismissed_flags(),
    "company_industries": lambda s, i: s.company_industries(),
    "snoozed": lambda s, i: s.snoozed(TODAY),
    "has_demo": lambda s, i: s.has_demo(),
    "holds_data": lambda s, i: s.holds_data() and s.holds_data(own=True),
    "import_batches": lambda s, i: s.import_batches(),
    "load_profile": lambda s, i: s.load_profile(),
    "settings": lambda s, i: s.settings(),
    "meta": lambda s, i: s.meta(),
    "people_reached": lambda s, i: s.people_reached(),
    "rewards": lambda s, i: s.rewards(),
    "source_formats": lambda s, i: s.source_formats(),
    "ratings": lambda s, i: s.ratings(),
    "rejected_titles": lambda s, i: s.rejected_titles(),
    "source_owners": lambda s, i: s.source_owners(['{"Name": "Cy Diaz"}']),
    "written_by": lambda s, i: s.written_by(1),
    "possible_duplicates": lambda s, i: s.possible_duplicates(),
    "merges": lambda s, i: s.merges(),
    "schema_version": lambda s, i: s.schema_version(),
    "own_positions": lambda s, i: s.own_positions(),
    "archive_about": lambda s, i: s.archive_about(),
    "message_texts": lambda s, i: s.message_texts(),
    "event_sources": lambda s, i: s.event_sources(),
    "read": lambda s, i: s.read("SELECT count(*) FROM contacts"),
    "scalar": lambda s, i: s.scalar("SELECT count(*) FROM contacts"),
    # these copy the data elsewhere or tidy the file; the data itself stays as it was
    "backup": lambda s, i: s.backup(i["backup"].with_name("again.zip")),
    "keep_safety_copy": lambda s, i: s.keep_safety_copy(),
    "checkpoint": lambda s, i: s.checkpoint(),
    # how titles read (engine.readings) is a cache beside the data: remembering it changes no data a page shows
    "title_readings": lambda s, i: s.title_readings("fingerprint"),
    "save_title_readings": lambda s, i: s.save_title_readings("fingerprint", pd.DataFrame([{
        "title": "Data Analyst", "english_role": "data analyst", "canonical_role": "data analyst",
        "seniority": "unknown", "is_hr": False, "family": "data", "family_strength": 2,
        "evidence": ["'Data Analyst' -> data and analytics"]}])),
}
NOT_DATA = {"close", "scratch", "transaction"}  # plumbing: no data goes in or out


def test_every_public_method_of_the_store_is_known_to_write_or_not():
    public = {m for m in dir(Store) if not m.startswith("_") and callable(getattr(Store, m))}
    assert public == set(WRITES) | set(READS) | NOT_DATA, "classify a new Store method in WRITES or READS here"


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_write_gives_the_store_a_new_version(filled, name):
    store, ids = filled
    before = store.version
    WRITES[name](store, ids)
    assert store.version != before


@pytest.mark.parametrize("name", sorted(READS))
def test_a_read_keeps_the_version(filled, name):
    store, ids = filled
    before = store.version
    READS[name](store, ids)
    assert store.version == before


def test_a_write_that_fails_keeps_the_version_and_the_data(filled):
    store, _ = filled
    before, people = store.version, len(store.contacts())

    def half_then_fail(cur):
        cur.execute("INSERT INTO contacts (full_name) VALUES ('Half')")
        raise RuntimeError("disk full")
    with pytest.raises(RuntimeError):
        store.write(half_then_fail)
    assert store.version == before and len(store.contacts()) == people


def test_sync_rewards_with_nothing_new_writes_nothing(filled):
    store, _ = filled
    store.mark_celebrated(store.sync_rewards([1], "cake", TODAY))
    before = store.version
    assert store.sync_rewards([1], "cake", TODAY) == []
    assert store.version == before


def test_versions_never_repeat_across_stores_of_one_process(db_path, tmp_path):
    with Store(db_path) as first:
        seen = {first.version}
        first.add_contact(full_name="Ana Ruiz")
        seen.add(first.version)
    with Store(db_path) as again, Store(tmp_path / "other.duckdb") as other:
        assert again.version not in seen and other.version not in seen and again.version != other.version


# -- does the store hold data ---------------------------------------------------------------------------------

def test_an_empty_store_holds_nothing(store):
    assert not store.holds_data() and not store.holds_data(own=True)


@pytest.mark.parametrize("fill, anything, own", [
    (lambda s: s.save_profile(make_profile(target_role="Nurse")), True, False),  # a demo would keep it
    (lambda s: s.add_contact(full_name="Ana Ruiz"), True, True),
    (lambda s: s.add_practice("Chess", TODAY), True, True),
    (lambda s: s.load_demo(DEMO, demo_profile()), True, False),
    (lambda s: (s.load_demo(DEMO, demo_profile()),
                s.log_event(int(s.contacts()["id"].iloc[0]), "reached_out", TODAY)), True, True),
])
def test_what_counts_as_holding_data(store, fill, anything, own):
    fill(store)
    assert store.holds_data() is anything and store.holds_data(own=True) is own


def test_removing_the_demo_leaves_nothing_to_hold(store):
    store.load_demo(DEMO, demo_profile())
    store.remove_demo()
    assert not store.holds_data()
