"""Ratings of contacts, titles turned down and the target in the user's own words: stored, cleared, cleaned up
with the contacts they belong to, and carried through a backup and restore."""

from datetime import date

import pytest

from engine.demo import demo_dataset, demo_profile
from engine.importing import preview_files
from engine.profile import make_profile
from engine.store import Store


def ratings(store) -> dict[int, str]:
    return store.ratings().set_index("contact_id")["rating"].to_dict()


def test_a_rating_is_stored_replaced_and_cleared(store):
    ana = store.add_contact(full_name="Ana")
    store.rate(ana, "good")
    assert ratings(store) == {ana: "good"}
    assert store.ratings()["rated_at"].notna().all()
    store.rate(ana, "not_relevant")
    assert ratings(store) == {ana: "not_relevant"}
    store.rate(ana, None)
    assert ratings(store) == {}


def test_a_bad_rating_or_an_unknown_contact_is_refused_and_writes_nothing(store):
    ana = store.add_contact(full_name="Ana")
    store.rate(ana, "good")
    with pytest.raises(ValueError, match="good, not_relevant"):
        store.rate(ana, "meh")
    with pytest.raises(ValueError, match="no contact 999"):
        store.rate(999, "good")
    assert ratings(store) == {ana: "good"}


def test_ratings_go_with_a_deleted_contact_an_undone_import_and_the_demo(store):
    ana = store.add_contact(full_name="Ana")
    store.rate(ana, "good")
    csv = b"Name,Company,Title\nBo Chen,Globex,Nurse\n"
    preview = preview_files([("people.csv", csv)], store.contacts())[0]
    batch = store.apply_import("people.csv", preview.parsed.format, preview.parsed.encoding,
                               preview.parsed.contacts, preview.plan.rows).batch_id
    bo = int(store.contacts().set_index("full_name").loc["Bo Chen", "id"])
    store.rate(bo, "not_relevant")
    store.load_demo(demo_dataset(date.today()), demo_profile())
    demo_one = int(store.contacts().query("is_demo")["id"].iloc[0])
    store.rate(demo_one, "good")
    store.remove_demo()
    assert set(ratings(store)) == {ana, bo}
    store.undo_import(batch)
    assert set(ratings(store)) == {ana}
    store.delete_contact(ana)
    assert store.read("SELECT count(*) AS n FROM contact_ratings")["n"][0] == 0


def test_titles_turned_down_are_remembered_once(store):
    store.reject_title("Yoga Teacher")
    store.reject_title("Yoga Teacher")
    assert store.rejected_titles() == {"Yoga Teacher"}


def test_ratings_target_titles_and_level_range_round_trip_through_backup_and_restore(store, tmp_path):
    profile = make_profile(target_role="UX Researcher; User Researcher", target_level="mid", level_high="senior",
                           adjacent_roles="Product Designer; Data Analyst", industries="Healthcare")
    store.save_profile(profile)
    ana, bo = store.add_contact(full_name="Ana"), store.add_contact(full_name="Bo")
    store.rate(ana, "good")
    store.rate(bo, "not_relevant")
    store.reject_title("Yoga Teacher")
    store.backup(tmp_path / "backup.zip")
    with Store(tmp_path / "fresh.duckdb") as fresh:
        fresh.restore(tmp_path / "backup.zip")
        assert fresh.load_profile() == profile
        assert fresh.load_profile().target_roles == ("UX Researcher", "User Researcher")
        assert (fresh.load_profile().target_level, fresh.load_profile().level_high) == ("mid", "senior")
        assert ratings(fresh) == {ana: "good", bo: "not_relevant"}
        assert fresh.rejected_titles() == {"Yoga Teacher"}


def test_a_store_from_before_these_fields_opens_with_a_plain_target(tmp_path):
    from engine.store.schema import MIGRATIONS

    before = next(i for i, (what, _) in enumerate(MIGRATIONS) if what.startswith("the target in the user's own"))
    with Store(tmp_path / "old.duckdb", migrate_to=before) as old:
        old.save_profile(make_profile(target_role="Nurse; Registered Nurse", level_high="senior"))
        assert old.load_profile().role_aliases == ()  # the old schema has nowhere to keep them
        old.backup(tmp_path / "old.zip")
    with Store(tmp_path / "old.duckdb") as upgraded:
        assert upgraded.load_profile() == make_profile(target_role="Nurse")
        assert upgraded.ratings().empty and upgraded.rejected_titles() == set()
    with Store(tmp_path / "restored.duckdb") as restored:
        restored.restore(tmp_path / "old.zip")
        assert restored.load_profile().target_role == "Nurse"


def test_a_merge_carries_the_rating_to_the_kept_contact_and_its_undo_puts_it_back(store):
    ana, ana_too, bo, bo_too = (store.add_contact(full_name=n) for n in ("Ana", "Ana R", "Bo", "Bo C"))
    store.rate(ana_too, "good")
    store.rate(bo, "not_relevant")
    store.rate(bo_too, "good")
    first = store.merge_contacts(ana, ana_too)
    second = store.merge_contacts(bo, bo_too)  # the kept contact's own rating wins
    assert ratings(store) == {ana: "good", bo: "not_relevant"}
    assert store.read("SELECT count(*) AS n FROM contact_ratings")["n"][0] == 2
    store.undo_merge(first)
    store.undo_merge(second)
    assert ratings(store) == {ana_too: "good", bo: "not_relevant", bo_too: "good"}
