"""Possibly the same person: every readable row is stored, doubtful pairs wait for the user, merges undo."""

import json
from datetime import date

import pandas as pd
import pytest

from engine.cli import main
from engine.importing import preview_files
from engine.store import Store, StoreError

LINKEDIN = """First Name,Last Name,URL,Email Address,Company,Position,Connected On
Michael,Chen,https://www.linkedin.com/in/michael-chen-rn,,St Mary's Hospital,Registered Nurse,12 Mar 2024
Ana,Diaz,https://www.linkedin.com/in/ana-diaz,ana@stripe.com,Stripe,Product Manager,01 Feb 2023
"""
GOOGLE = """Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title,Phone 1 - Value
Michael Chen,Michael,Chen,mchen@acme-logistics.com,Acme Logistics,Warehouse Supervisor,+1 555 0100
Ana Diaz,Ana,Diaz,ana@stripe.com,Stripe,,+1 555 0199
"""


def import_text(store: Store, name: str, text: str, decisions: dict | None = None):
    preview = preview_files([(name, text.encode())], store.contacts())[0]
    assert preview.error is None, preview.error
    return store.apply_import(name, preview.parsed.format, preview.parsed.encoding, preview.parsed.contacts,
                              preview.plan.rows, decisions)


@pytest.fixture
def two_files(store):
    import_text(store, "Connections.csv", LINKEDIN)
    result = import_text(store, "google.csv", GOOGLE)
    return store, result


def ids(store) -> dict[str, list[int]]:
    contacts = store.contacts()
    return {name: group["id"].tolist() for name, group in contacts.groupby("full_name")}


def test_two_people_who_share_a_name_are_both_stored_and_offered_for_review(two_files):
    store, result = two_files
    assert result.added == 1 and result.merged == 1 and result.to_review == 1
    people = ids(store)
    assert len(people["Michael Chen"]) == 2 and len(people["Ana Diaz"]) == 1  # Ana merged by email
    pairs = store.possible_duplicates()
    assert pairs[["a", "b"]].values.tolist() == [sorted(people["Michael Chen"])]
    assert pairs.loc[0, "a_company"] == "St Mary's Hospital" and pairs.loc[0, "b_company"] == "Acme Logistics"
    assert "Michael Chen" in pairs.loc[0, "evidence"] or "name" in pairs.loc[0, "evidence"]
    again = import_text(store, "google.csv", GOOGLE)  # the same files again: nothing new, nothing asked twice
    assert again.batch_id is None and again.to_review == 0 and len(store.possible_duplicates()) == 1


def test_kept_apart_is_never_asked_again(two_files):
    store, _ = two_files
    a, b = ids(store)["Michael Chen"]
    store.keep_apart(b, a)
    assert store.possible_duplicates().empty
    assert store.possible_duplicates("kept_apart")[["a", "b"]].values.tolist() == [[a, b]]
    store.add_possible_duplicates(store.possible_duplicates("kept_apart").assign(evidence="found again"))
    assert store.possible_duplicates().empty


def test_a_merge_combines_everything_and_undo_puts_it_all_back(store):
    keep = store.add_contact(full_name="Kate O'Neill", company="Deloitte", tags=["alumni"], tie_strength=2)
    other = store.add_contact(full_name="Katherine O'Neill", company="Deloitte Consulting LLP",
                              email="katherine@deloitte.com", tags=["mentor"], tie_strength=4, notes="Met at a meetup")
    friend = store.add_contact(full_name="Raj Patel", referred_by=other)
    store.log_event(other, "reached_out", date(2026, 11, 2), channel="email")
    store.set_flag_dismissed(other, "above_target_level")
    store.snooze(other, date(2026, 12, 20))
    store.add_possible_duplicates(pd.DataFrame({"a": [keep], "b": [other], "evidence": ["Kate ~ Katherine"]}))
    before = store.contacts().set_index("id")

    merge_id = store.merge_contacts(keep, other)
    after = store.contacts().set_index("id")
    assert other not in after.index and len(after) == 2
    merged = after.loc[keep]
    assert merged["email"] == "katherine@deloitte.com" and merged["company"] == "Deloitte"  # kept's own value stays
    assert list(merged["tags"]) == ["alumni", "mentor"] and merged["tie_strength"] == 4
    assert merged["notes"] == "Met at a meetup" and after.loc[friend, "referred_by"] == keep
    assert store.contact_events(keep)["kind"].tolist() == ["reached_out"]
    assert store.dismissed_flags() == {(keep, "above_target_level")} and store.snoozed(date(2026, 12, 1)) == {keep}
    assert store.possible_duplicates().empty and len(store.possible_duplicates("merged")) == 1
    assert store.merges()["merged_name"].tolist() == ["Katherine O'Neill"]

    store.undo_merge(merge_id)
    restored = store.contacts().set_index("id")
    columns = ["full_name", "company", "email", "tie_strength", "notes", "referred_by"]
    assert restored[columns].equals(before[columns])
    assert [list(t) for t in restored["tags"]] == [list(t) for t in before["tags"]]
    assert store.contact_events(other)["kind"].tolist() == ["reached_out"] and store.contact_events(keep).empty
    assert store.dismissed_flags() == {(other, "above_target_level")} and store.snoozed(date(2026, 12, 1)) == {other}
    assert store.possible_duplicates()[["a", "b"]].values.tolist() == [[keep, other]]
    assert store.merges().empty
    with pytest.raises(StoreError, match="already undone"):
        store.undo_merge(merge_id)


def test_any_two_contacts_can_be_merged_by_hand_and_an_edit_since_survives_undo(store):
    a = store.add_contact(full_name="Dan Okafor")
    b = store.add_contact(full_name="Daniel Okafor", company="Allegro", title="Engineer")
    merge_id = store.merge_contacts(a, b)
    store.update_contacts({a: {"title": "Staff Engineer"}})  # the user edits the merged contact afterwards
    store.undo_merge(merge_id)
    people = store.contacts().set_index("id")
    assert people.loc[a, "title"] == "Staff Engineer" and people.loc[b, "title"] == "Engineer"
    assert pd.isna(people.loc[a, "company"])  # the fill-in from the merge went back
    assert store.possible_duplicates()["evidence"].tolist() == ["merged, then undone"]
    with pytest.raises(StoreError, match="two different"):
        store.merge_contacts(a, a)
    with pytest.raises(StoreError, match="no contact 999"):
        store.merge_contacts(a, 999)


def test_deleting_or_undoing_an_import_takes_its_pairs_along(two_files):
    store, result = two_files
    store.undo_import(result.batch_id)
    assert store.possible_duplicates().empty and len(ids(store)["Michael Chen"]) == 1


def test_the_queue_and_merges_survive_backup_and_restore(two_files, tmp_path):
    store, _ = two_files
    a, b = ids(store)["Michael Chen"]
    merge_id = store.merge_contacts(a, b)
    store.backup(tmp_path / "b.zip")
    with Store(tmp_path / "other.duckdb") as other:
        other.restore(tmp_path / "b.zip")
        other.undo_merge(merge_id)
        assert len(ids(other)["Michael Chen"]) == 2 and len(other.possible_duplicates()) == 1


def test_the_command_line_shares_the_queue(db_path, capsys):
    with Store(db_path) as store:
        import_text(store, "Connections.csv", LINKEDIN)
        import_text(store, "google.csv", GOOGLE)
        a, b = ids(store)["Michael Chen"]
    assert main(["duplicates", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["a"]["id"], p["b"]["id"]) for p in listed] == [(a, b)] and listed[0]["evidence"]
    assert main(["merge", str(a), str(b)]) == 0
    merged = capsys.readouterr().err
    assert "Merged" in merged and "undo-merge" in merged
    assert main(["duplicates", "--json"]) == 0 and json.loads(capsys.readouterr().out) == []
    assert main(["undo-merge", "1"]) == 0
    capsys.readouterr()
    assert main(["keep-apart", str(a), str(b)]) == 0
    capsys.readouterr()
    assert main(["duplicates", "--json"]) == 0 and json.loads(capsys.readouterr().out) == []
    assert main(["merge", str(a), "12345"]) != 0 and "no contact 12345" in capsys.readouterr().err


def test_people_stored_twice_are_found_and_looking_again_writes_nothing(store):
    kim = store.add_contact(full_name="Kim Park", company="Stripe", email="kim@stripe.com")
    kimberly = store.add_contact(full_name="Kimberly Park", company="Stripe Inc.")
    store.add_contact(full_name="Lee Park", company="Initech")
    assert store.find_possible_duplicates() == 1
    pair = store.possible_duplicates().iloc[0]
    assert (pair["a"], pair["b"]) == (kim, kimberly) and "Kim" in pair["evidence"]
    version = store.version
    assert store.find_possible_duplicates() == 0 and store.version == version
    store.keep_apart(kim, kimberly)
    assert store.find_possible_duplicates() == 0 and store.possible_duplicates().empty


def test_looking_again_at_unchanged_data_does_not_look_at_all(store, monkeypatch):
    """The page looks on every visit: after its own write, and until the data changes, a look reads nothing."""
    import engine.identity

    store.add_contact(full_name="Kim Park", company="Stripe", email="kim@stripe.com")
    store.add_contact(full_name="Kimberly Park", company="Stripe Inc.")
    assert store.find_possible_duplicates() == 1  # a write: the store has a new version
    looks = []
    real = engine.identity.possible_duplicates
    monkeypatch.setattr(engine.identity, "possible_duplicates", lambda frame: looks.append(1) or real(frame))
    assert store.find_possible_duplicates() == 0 and looks == []
    store.add_contact(full_name="Kimberley Park", company="Stripe")
    assert store.find_possible_duplicates() >= 1 and looks == [1]
