from datetime import date
from pathlib import Path

import pandas as pd

from engine import importing
from engine.demo import demo_dataset
from engine.importing import change_report, preview_files
from engine.merge import match_keys, plan_merge
from engine.profile import make_profile
from engine.readers import CONTACT_FIELDS

PROFILE = make_profile(target_role="Data Scientist", companies="Northwind Health: 5")
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "import"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def stored(*rows):
    frame = pd.DataFrame(rows, columns=["full_name", "company", "title", "linkedin_url"])
    frame.insert(0, "id", range(1, len(frame) + 1))
    for col in ("first_name", "last_name", "email", "phone", "notes", "tie_strength", "connected_on"):
        frame[col] = None
    frame["tags"] = [[] for _ in range(len(frame))]
    frame["manual_fields"] = [[] for _ in range(len(frame))]
    return frame


def test_a_move_to_a_target_company_or_into_the_target_role_is_highlighted():
    existing = stored(("Ana Ruiz", "Foo", "Data Analyst", "https://www.linkedin.com/in/ana"),
                      ("Ben Kim", "Bar", "Analyst", "https://www.linkedin.com/in/ben"),
                      ("Cleo Park", "Baz", "Nurse", "https://www.linkedin.com/in/cleo"))
    newer = (HEADER + "Ana,Ruiz,https://www.linkedin.com/in/ana,,Northwind Health,Data Analyst,01 Jan 2020\n"
             "Ben,Kim,https://www.linkedin.com/in/ben,,Bar,Data Scientist,01 Jan 2020\n"
             "Cleo,Park,https://www.linkedin.com/in/cleo,,Baz,Head Nurse,01 Jan 2020\n").encode()
    preview = preview_files([("Connections.csv", newer)], existing, PROFILE)[0]
    lines = dict(preview.changes)
    assert lines["Ana Ruiz: Data Analyst at Foo -> Data Analyst at Northwind Health"].startswith(
        "moved to a target company")
    assert lines["Ben Kim: Analyst at Bar -> Data Scientist at Bar"].startswith("now in your target role")
    assert lines["Cleo Park: Nurse at Baz -> Head Nurse at Baz"] is None


def test_without_a_profile_changes_are_listed_without_highlights():
    existing = stored(("Ana Ruiz", "Foo", "Data Analyst", "https://www.linkedin.com/in/ana"))
    incoming = existing.drop(columns=["id", "manual_fields"]).assign(company="Bar", row=2)
    assert change_report(plan_merge(incoming, existing), None) == [
        ("Ana Ruiz: Data Analyst at Foo -> Data Analyst at Bar", None)]


def test_later_files_are_planned_against_what_earlier_files_add():
    first = (HEADER + "Ana,Ruiz,https://www.linkedin.com/in/ana,,Foo,Data Analyst,01 Jan 2020\n").encode()
    second = b"Name,E-mail Address,Company\nAna Ruiz,ana@foo.example,Foo\n"
    a, b = preview_files([("a.csv", first), ("b.csv", second)], stored(), PROFILE)
    assert a.counts["add"] == 1 and b.counts["merge"] == 1 and b.counts["add"] == 0


def test_an_unreadable_file_is_reported_and_the_next_still_previewed():
    bad, good = preview_files([("x.csv", b""), ("y.csv", (HEADER + "A,B,,,C,D,\n").encode())], stored())
    assert bad.error and bad.summary()["error"] and good.counts["add"] == 1


def demo_store_contacts() -> pd.DataFrame:
    contacts = demo_dataset(date(2026, 3, 2))["contacts"].drop(columns=["referred_by"])
    twin = contacts[contacts["email"].notna()].iloc[[0]].assign(id=len(contacts) + 1, full_name="Someone Else")
    contacts = pd.concat([contacts, twin], ignore_index=True)  # two stored people share an email
    return contacts.assign(manual_fields=[["title"] if i % 7 == 0 else [] for i in range(len(contacts))])


def incoming_like(existing: pd.DataFrame) -> pd.DataFrame:
    """One row for each way plan_merge finds (or does not find) someone among the stored contacts."""
    by_email = existing[existing["email"].notna()].iloc[0]
    by_url = existing[existing["linkedin_url"].notna() & existing["email"].isna()].iloc[0]
    by_name = existing[existing["linkedin_url"].isna() & existing["email"].isna()].iloc[0]
    rows = [
        {"full_name": by_email["full_name"], "email": by_email["email"].upper(), "title": "Head of Data"},
        {"full_name": by_url["full_name"], "linkedin_url": by_url["linkedin_url"] + "?trk=x", "company": "Newco"},
        {"full_name": by_name["full_name"], "company": by_name["company"], "notes": "same person, by name"},
        {"full_name": by_name["full_name"], "company": "Another Employer"},  # a name alone: ambiguous
        {"full_name": f"Dr. {by_name['full_name']}, PhD", "company": by_name["company"]},
        {"full_name": "Someone Else", "email": existing["email"].iloc[-1]},  # an email two stored people share
        {"full_name": "Zed Newcomer", "email": "zed@new.example"},
        {"full_name": "Zed Newcomer", "email": "zed@new.example", "title": "Nurse"},  # a repeat within the file
    ]
    frame = pd.DataFrame(rows).reindex(columns=list(CONTACT_FIELDS))
    frame["tags"] = [[] for _ in range(len(frame))]
    return frame.assign(row=range(2, len(frame) + 2), raw="{}")


def test_a_plan_against_the_stored_contacts_that_share_a_key_is_the_plan_against_all():
    existing = demo_store_contacts()
    incoming = incoming_like(existing)
    sharing = importing._sharing_keys(existing, match_keys(existing), incoming)
    assert 0 < len(sharing) < len(existing) / 10
    full, narrow = plan_merge(incoming, existing), plan_merge(incoming, sharing)
    assert full.counts == narrow.counts and set(full.counts.values()) != {0}
    assert {"add", "merge", "ambiguous"} <= set(full.rows["action"])
    pd.testing.assert_frame_equal(full.rows, narrow.rows)


def test_several_files_are_previewed_as_if_each_were_planned_against_every_stored_contact(monkeypatch):
    existing = demo_store_contacts()
    files = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.iterdir()) if p.suffix in (".csv", ".vcf", ".xlsx")]
    mine = incoming_like(existing).drop(columns=["tags", "row", "raw"])
    files.append(("mine.csv", mine.rename(columns={"full_name": "Name"}).to_csv(index=False).encode()))
    fast = preview_files(files, existing, PROFILE)
    monkeypatch.setattr(importing, "_sharing_keys", lambda existing, keys, incoming: existing)
    slow = preview_files(files, existing, PROFILE)
    assert fast[-1].counts["merge"] and fast[-1].counts["ambiguous"], "mine.csv finds stored people"
    assert [p.counts for p in fast] == [p.counts for p in slow]
    assert [p.changes for p in fast] == [p.changes for p in slow]
    for a, b in zip(fast, slow, strict=True):
        if a.plan is not None:
            pd.testing.assert_frame_equal(a.plan.rows, b.plan.rows)
