"""engine.merge: who matches whom, what a merge changes, and why."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.importing import preview_files
from engine.merge import (
    Directory,
    MergePlan,
    _column,
    decide,
    describe_changes,
    normalise_company,
    normalise_email,
    normalise_linkedin_url,
    normalise_name,
    plan_merge,
    resolve,
    same_company,
)
from engine.readers import CONTACT_FIELDS, read_contacts

SAMPLES = Path(__file__).parents[1] / "data" / "import"


def contacts(*people: dict) -> pd.DataFrame:
    """Incoming contacts as the importer shapes them (missing fields are None)."""
    rows = [{**{f: None for f in CONTACT_FIELDS}, "tags": [], "row": i + 2, **p} for i, p in enumerate(people)]
    for r in rows:
        r.setdefault("full_name", " ".join(filter(None, [r.get("first_name"), r.get("last_name")])))
    return pd.DataFrame(rows, columns=[*CONTACT_FIELDS, "row"])


def stored(*people: dict) -> pd.DataFrame:
    """Existing contacts as the store hands them over: an id and manual_fields too."""
    frame = contacts(*people).drop(columns="row")
    frame.insert(0, "id", [p.get("id", i + 1) for i, p in enumerate(people)])
    frame["manual_fields"] = [p.get("manual_fields", []) for p in people]
    return frame


def as_existing(incoming: pd.DataFrame, first_id: int = 1) -> pd.DataFrame:
    """What the store would hold after adding every incoming contact."""
    frame = incoming.drop(columns=["row", "raw"], errors="ignore").reset_index(drop=True)
    frame.insert(0, "id", range(first_id, first_id + len(frame)))
    frame["manual_fields"] = [[] for _ in range(len(frame))]
    return frame


def sample(name: str) -> pd.DataFrame:
    return read_contacts(name, (SAMPLES / name).read_bytes()).contacts


def only(plan: MergePlan) -> dict:
    assert len(plan.rows) == 1
    return plan.rows.iloc[0].to_dict()


# ---- normalisers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "key"), [
    ("  Ana@Bar.IO ", "ana@bar.io"),
    ("mailto:bob@x.org", "bob@x.org"),
    ("not an address", None),
    ("", None),
    (None, None),
    (pd.NA, None),
    (float("nan"), None),
])
def test_normalise_email(raw, key):
    assert normalise_email(raw) == key


@pytest.mark.parametrize(("raw", "key"), [
    ("https://www.linkedin.com/in/ana-ruiz", "linkedin.com/in/ana-ruiz"),
    ("http://linkedin.com/in/Ana-Ruiz/", "linkedin.com/in/ana-ruiz"),
    ("linkedin.com/in/ana-ruiz?trk=public_profile#about", "linkedin.com/in/ana-ruiz"),
    ("https://de.linkedin.com/in/ana-ruiz/details/experience/", "linkedin.com/in/ana-ruiz"),
    ("https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-4b2a1", "linkedin.com/in/josé-müller-4b2a1"),
    ("https://www.linkedin.com/in/josé-müller-4b2a1/", "linkedin.com/in/josé-müller-4b2a1"),
    ("https://www.linkedin.com/company/acme/", "linkedin.com/company/acme"),
    ("https://Ana.Example.com/about/?x=1", "ana.example.com/about"),
    ("  ", None),
    (None, None),
])
def test_normalise_linkedin_url(raw, key):
    assert normalise_linkedin_url(raw) == key


@pytest.mark.parametrize(("a", "b"), [
    ("José Müller", "Jose Muller"),
    ("Anna Weber, PhD", "Dr. Anna Weber"),
    ("Marcus Johnson Jr.", "marcus johnson"),
    ("Sam 🌱 Okafor", "Sam Okafor"),
    ("Müller, José", "José Müller"),
    ("Jürgen Groß", "JURGEN GROSS"),
    ("O'Neil-Smith, Mary", "Mary ONeil Smith"),
])
def test_names_that_are_the_same_person(a, b):
    assert normalise_name(a) == normalise_name(b) is not None


@pytest.mark.parametrize(("a", "b"), [("Ana Ruiz", "Ana Ruiz Gómez"), ("Ma Lin", "Lin"), ("Jan", "Jana")])
def test_names_that_differ(a, b):
    assert normalise_name(a) != normalise_name(b)


def test_name_of_only_credentials_or_emoji_is_none():
    assert normalise_name("🚀") is None
    assert normalise_name(" ") is None


@pytest.mark.parametrize(("raw", "key"), [
    ("Acme Inc.", "acme"), ("ACME", "acme"), ("Acme, Inc", "acme"), ("Siemens AG", "siemens"),
    ("Telefónica S.A.", "telefonica"), ("Müller & Söhne GmbH & Co. KG", "muller and sohne"),
    ("L’Oréal", "loreal"), ("Contoso Ltd", "contoso"), ("Umbrella Corp", "umbrella"), ("AG", "ag"),
])
def test_normalise_company(raw, key):
    assert normalise_company(raw) == key


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Acme Inc.", "ACME", True),
    ("Acme, Inc", "Acme Corporation", True),
    ("Google", "Google Cloud", True),
    ("Globex Corp", "Globex Corpp", True),
    ("Acme", "Acne", False),
    ("Globex", "Initech", False),
    ("Meta", "Metaview", False),
    ("Acme", None, False),
])
def test_same_company(a, b, same):
    assert same_company(normalise_company(a), normalise_company(b)) is same


# ---- plan_merge ------------------------------------------------------------------------------------------

def test_nothing_stored_means_everything_is_added():
    plan = plan_merge(sample("linkedin_connections.csv"), stored().iloc[0:0])
    assert plan.counts == {"add": 6, "merge": 0, "skip": 0, "ambiguous": 0}
    assert set(plan.rows["reason"]) == {"new contact"}
    assert plan.rows["contact_id"].isna().all()


def test_importing_the_same_file_twice_changes_nothing():
    for name in ("linkedin_connections.csv", "google_contacts.csv", "outlook_desktop.csv", "apple_contacts.vcf",
                 "linkedin_connections.xlsx"):
        incoming = sample(name)
        plan = plan_merge(incoming, as_existing(incoming, first_id=10))
        assert plan.counts == {"add": 0, "merge": 0, "skip": len(incoming), "ambiguous": 0}, name
        assert set(plan.rows["reason"]) == {"no change"}
        assert plan.rows["contact_id"].tolist() == list(range(10, 10 + len(incoming)))
        assert all(c == {} for c in plan.rows["changes"])


def test_same_person_across_two_formats_is_one_merge_with_its_reason():
    linkedin = sample("linkedin_connections.csv")
    plan = plan_merge(sample("outlook_desktop.csv"), as_existing(linkedin))
    jose = plan.rows.iloc[0]
    assert (jose["action"], jose["contact_id"]) == ("merge", 2)
    assert jose["reason"] == "same name, company 'Acme Inc.' ~ 'ACME'"
    assert jose["changes"] == {"email": [None, "jose.muller@acme.example"], "phone": [None, "+49 170 1234567"],
                               "emails": [[], ["jose.muller@acme.example"]], "phones": [[], ["+49 170 1234567"]],
                               "notes": [None, "Met at the O’Reilly conf – paid €40 for lunch"],
                               "tags": [[], ["Work", "Berlin"]]}  # the stored name and company stay
    chloe = plan.rows.iloc[1]
    assert (chloe["action"], chloe["contact_id"], chloe["reason"]) == ("merge", 5, "same LinkedIn URL")
    assert chloe["changes"] == {"title": ["Chargée de recrutement", "Responsable RH"]}
    assert plan.counts == {"add": 0, "merge": 2, "skip": 0, "ambiguous": 0}


def test_credentials_do_not_hide_a_match():
    linkedin = sample("linkedin_connections.csv")  # "Anna Weber, PhD" at Siemens AG
    plan = plan_merge(sample("apple_contacts.vcf"), as_existing(linkedin))
    anna = plan.rows.iloc[0]  # "Dr. Anna Weber" in the vCard carries the same LinkedIn URL
    assert (anna["action"], anna["contact_id"], anna["reason"]) == ("merge", 1, "same LinkedIn URL")
    assert set(anna["changes"]) == {"email", "phone", "emails", "phones", "notes", "tags"}  # "/" is no new URL
    without_url = sample("apple_contacts.vcf").assign(linkedin_url=None)
    anna = plan_merge(without_url, as_existing(linkedin)).rows.iloc[0]
    assert (anna["action"], anna["contact_id"], anna["reason"]) == ("merge", 1, "same name and company")


@pytest.mark.parametrize(("incoming", "reason"), [
    ({"full_name": "A. Ruiz", "email": "ANA@bar.io"}, "same email"),
    ({"full_name": "Ana R.", "linkedin_url": "http://de.linkedin.com/in/Ana-Ruiz/?trk=x"}, "same LinkedIn URL"),
    ({"full_name": "ana ruiz", "company": "Bar Inc."}, "same name, company 'Bar' ~ 'Bar Inc.'"),
    ({"full_name": "Ana Ruiz", "company": "Bar"}, "same name and company"),
])
def test_match_rules(incoming, reason):
    existing = stored({"id": 7, "full_name": "Ana Ruiz", "email": "ana@bar.io", "company": "Bar",
                       "linkedin_url": "https://www.linkedin.com/in/ana-ruiz"},
                      {"id": 8, "full_name": "Bob Stone", "company": "Bar"})
    row = only(plan_merge(contacts({**incoming, "title": "CTO"}), existing))
    assert (row["action"], row["contact_id"], row["reason"]) == ("merge", 7, reason)
    assert row["changes"] == {"title": [None, "CTO"]}


def test_email_wins_over_a_conflicting_url():
    existing = stored({"id": 1, "full_name": "A", "email": "a@x.org"},
                      {"id": 2, "full_name": "B", "linkedin_url": "linkedin.com/in/b"})
    row = only(plan_merge(contacts({"full_name": "A", "email": "a@x.org", "linkedin_url": "linkedin.com/in/b"}),
                          existing))
    assert (row["contact_id"], row["reason"]) == (1, "same email")


@pytest.mark.parametrize(("stored_people", "incoming", "candidates", "reason"), [
    ([{"full_name": "Ana Ruiz", "company": "Foo"}], {"full_name": "Ana Ruiz", "company": "Bar"}, [1],
     "same name, different company ('Foo' vs 'Bar')"),
    ([{"full_name": "Ana Ruiz"}], {"full_name": "Ana Ruiz", "company": "Bar"}, [1],
     "same name, company missing on one side"),
    ([{"full_name": "Ana Ruiz", "company": "Bar"}], {"full_name": "Ana Ruiz"}, [1],
     "same name, company missing on one side"),
    ([{"full_name": "Ana Ruiz", "company": "Bar"}, {"full_name": "Ana Ruiz", "company": "Bar S.A."}],
     {"full_name": "Ana Ruiz", "company": "BAR"}, [1, 2], "same name and company as 2 contacts"),
    ([{"full_name": "Ana Ruiz", "company": "Foo"}, {"full_name": "Ana Ruiz", "company": "Baz"}],
     {"full_name": "Ana Ruiz", "company": "Bar"}, [1, 2], "same name, different company ('Foo', 'Baz' vs 'Bar')"),
    ([{"full_name": "Ann", "email": "shared@x.org"}, {"full_name": "Bo", "email": "shared@x.org"}],
     {"full_name": "Cy", "email": "Shared@x.org"}, [1, 2], "same email as 2 contacts"),
])
def test_ambiguous_is_never_merged_silently(stored_people, incoming, candidates, reason):
    row = only(plan_merge(contacts({**incoming, "title": "CTO"}), stored(*stored_people)))
    assert (row["action"], row["candidates"], row["reason"], row["changes"]) == (
        "ambiguous", candidates, reason, {})
    assert pd.isna(row["contact_id"])


@pytest.mark.parametrize(("stored_person", "incoming", "reason"), [
    ({"full_name": "Thomas Nguyen", "company": "Stripe Inc."}, {"full_name": "Tom Nguyen", "company": "Stripe"},
     "same first name as a nickname (Thomas ~ Tom), same last name, company 'Stripe Inc.' ~ 'Stripe'"),
    ({"full_name": "Zoë Müller", "company": "Allegro.pl"}, {"full_name": "Zoe Mueller", "company": "Allegro"},
     "same name spelled differently (Zoë Müller ~ Zoe Mueller), company 'Allegro.pl' ~ 'Allegro'"),
    ({"full_name": "Łukasz Nowak", "company": "Allegro Sp. z o.o."}, {"full_name": "?ukasz Nowak",
                                                                      "company": "Allegro"},
     "same name but for a letter lost to an encoding (Łukasz Nowak ~ ?ukasz Nowak), company 'Allegro Sp. z o.o.' ~ "
     "'Allegro'"),
    ({"full_name": "Daniel Okafor", "company": "Deloitte Consulting LLP"},
     {"full_name": "Dan Okafor", "email": "dan.okafor@deloitte.com"},
     "same first name as a nickname (Daniel ~ Dan), same last name, email domain deloitte.com ~ company "
     "'Deloitte Consulting LLP'"),
])
def test_a_name_said_differently_merges_when_the_employer_agrees(stored_person, incoming, reason):
    row = only(plan_merge(contacts({**incoming, "title": "CTO"}), stored(stored_person | {"id": 4})))
    assert (row["action"], row["contact_id"], row["reason"]) == ("merge", 4, reason)
    assert row["candidates"] == [] and row["evidence"] == row["strength"] == ()


def test_a_row_recognised_by_a_nickname_that_changes_nothing_still_says_why():
    existing = stored({"id": 4, "full_name": "Margaret Lee", "company": "Kaiser Permanente"})
    row = only(plan_merge(contacts({"full_name": "Peggy Lee", "company": "Kaiser Permanente"}), existing))
    assert (row["action"], row["contact_id"], row["reason"]) == (
        "skip", 4, "no change: same first name as a nickname (Margaret ~ Peggy), same last name, same company")


def test_a_card_that_may_be_two_people_goes_to_the_one_that_agrees_on_most():
    existing = stored({"full_name": "Michael Chen", "company": "St. Mary's Hospital", "title": "Nurse"},
                      {"full_name": "Michael Chen", "company": "Northwind Logistics", "title": "Warehouse Supervisor"})
    mike = {"full_name": "Mike Chen", "email": "mike.chen@northwind-logistics.com"}
    row = only(plan_merge(contacts(mike), existing))
    assert (row["action"], row["contact_id"]) == ("merge", 2)
    assert row["reason"].endswith("email domain northwind-logistics.com ~ company 'Northwind Logistics'")
    exact = only(plan_merge(contacts({"full_name": "Michael Chen", "company": "Northwind Logistics Inc.",
                                      "title": "Shift Lead"}), existing))
    assert (exact["action"], exact["contact_id"]) == ("merge", 2)


def test_a_name_without_an_employer_is_asked_with_evidence_and_strength():
    existing = stored({"full_name": "Michael Chen", "company": "Stripe"},
                      {"full_name": "Mike Chen", "company": "Plaid"}, {"full_name": "Michael Chen", "company": "Acme"})
    row = only(plan_merge(contacts({"full_name": "Mike Chen", "email": "mike@gmail.com", "title": "CTO"}), existing))
    assert (row["action"], row["candidates"]) == ("ambiguous", [2, 1, 3])  # the exact name first, then by id
    assert row["evidence"] == (
        "same name, company missing on one side",
        "same first name as a nickname (Michael ~ Mike), same last name, company missing on one side",
        "same first name as a nickname (Michael ~ Mike), same last name, company missing on one side")
    assert row["strength"] == (0.6, 0.4, 0.4)
    assert row["reason"] == "may be one of 3 contacts; closest: same name, company missing on one side"


def test_two_people_who_agree_as_well_are_asked_about_not_guessed():
    existing = stored({"full_name": "Robert Kowalski", "company": "Kowalski & Son Plumbing"},
                      {"full_name": "Bob Kowalski", "company": "Kowalski and Son Plumbing"})
    row = only(plan_merge(contacts({"full_name": "Rob Kowalski", "company": "Kowalski & Son Plumbing",
                                    "title": "Owner"}), existing))
    assert (row["action"], row["candidates"]) == ("ambiguous", [1, 2])


def test_father_and_son_are_never_candidates():
    existing = stored({"full_name": "Robert Kowalski Sr.", "company": "Kowalski & Son Plumbing"})
    row = only(plan_merge(contacts({"full_name": "Robert Kowalski Jr.", "company": "Kowalski & Son Plumbing"}),
                          existing))
    assert (row["action"], row["reason"]) == ("add", "new contact")


def test_a_nickname_never_joins_two_linkedin_profiles():
    existing = stored({"full_name": "Thomas Nguyen", "company": "Stripe", "linkedin_url": "linkedin.com/in/tn-1"})
    row = only(plan_merge(contacts({"full_name": "Tom Nguyen", "company": "Stripe",
                                    "linkedin_url": "https://www.linkedin.com/in/tn-2"}), existing))
    assert row["action"] == "add"


def test_a_name_only_row_that_changes_nothing_is_a_skip_not_a_question():
    existing = stored({"id": 4, "full_name": "Grandma", "phone": "+1 555 0100"},
                      {"id": 5, "full_name": "Ana Ruiz", "company": "Foo"})
    plan = plan_merge(contacts({"full_name": "Grandma", "phone": "+1 555 0100"},
                               {"full_name": "Grandma", "phone": "+1 555 0199"},
                               {"full_name": "Ana Ruiz"}), existing)
    assert plan.rows["action"].tolist() == ["skip", "ambiguous", "skip"]
    assert plan.rows["reason"].tolist() == ["no change", "same name, company missing on one side", "no change"]
    assert plan.rows["contact_id"].tolist()[::2] == [4, 5]


def test_a_new_position_updates_title_and_company():
    before = sample("linkedin_connections.csv")
    after = before.copy()
    ana = after.index[after["full_name"] == "Ana Ruiz"][0]
    after.loc[ana, ["title", "company"]] = ["Data Scientist", "Bar"]
    plan = plan_merge(after, as_existing(before))
    assert plan.counts == {"add": 0, "merge": 1, "skip": 5, "ambiguous": 0}
    assert plan.rows.loc[ana, "changes"] == {"company": ["Foo", "Bar"], "title": ["Data Analyst", "Data Scientist"]}
    assert describe_changes(plan) == ["Ana Ruiz: Data Analyst at Foo -> Data Scientist at Bar"]


def test_describe_changes_lines():
    existing = stored({"full_name": "Ana Ruiz", "title": "Analyst", "company": "Foo", "email": "ana@foo.com"},
                      {"full_name": "Bob Stone", "linkedin_url": "linkedin.com/in/bob", "tags": ["x"]})
    incoming = contacts({"full_name": "Ana Ruiz", "email": "ana@foo.com", "title": "Lead Analyst",
                         "phone": "+1 555"},
                        {"full_name": "Bob Stone", "linkedin_url": "linkedin.com/in/bob", "title": "CEO",
                         "company": "Bobco", "tags": ["x", "y"]})
    assert describe_changes(plan_merge(incoming, existing)) == [
        "Ana Ruiz: Analyst at Foo -> Lead Analyst at Foo",
        "Ana Ruiz: phone +1 555 added",
        "Bob Stone: no position -> CEO at Bobco",
        "Bob Stone: tags + y",
    ]


def test_merge_respects_manual_fields_and_never_empties_a_value():
    existing = stored({"id": 3, "full_name": "Ana Ruiz", "email": "ana@foo.com", "title": "My own words",
                       "company": "Foo", "phone": "+1 555 0100", "notes": "kept", "tie_strength": 4,
                       "manual_fields": ["title", "phone"]})
    incoming = contacts({"full_name": "Ana Ruiz", "email": "ana@foo.com", "title": "Data Scientist",
                         "phone": "+1 555 0199", "company": None, "notes": "new note", "tie_strength": 2,
                         "connected_on": dt.date(2021, 3, 7)})
    row = only(plan_merge(incoming, existing))
    assert row["changes"] == {"connected_on": [None, dt.date(2021, 3, 7)],  # the typed phone stays the primary,
                              "phones": [["+1 555 0100"], ["+1 555 0100", "+1 555 0199"]]}  # the new one is kept


@pytest.mark.parametrize(("old", "new"), [
    ({"email": "Ana@Foo.com"}, {"email": "ana@foo.com"}),
    ({"phone": "+1 (555) 010-0"}, {"phone": "+1 555 0100"}),
    ({"company": "Acme Inc."}, {"company": "ACME"}),
    ({"title": "Data  analyst"}, {"title": "Data Analyst"}),
    ({"linkedin_url": "https://www.linkedin.com/in/ana/"}, {"linkedin_url": "linkedin.com/in/ana"}),
    ({"tags": ["Work", "mentor"]}, {"tags": ["work"]}),
])
def test_spelling_differences_are_not_changes(old, new):
    existing = stored({"full_name": "Ana Ruiz", "email": "ana@foo.com", **old})
    row = only(plan_merge(contacts({"full_name": "Ana Ruiz", "email": "ana@foo.com", **new}), existing))
    assert (row["action"], row["reason"], row["changes"]) == ("skip", "no change", {})


def test_tags_are_unioned():
    existing = stored({"full_name": "Ana", "email": "a@x.org", "tags": ["alumni", "Work"]})
    row = only(plan_merge(contacts({"full_name": "Ana", "email": "a@x.org", "tags": ["work", "mentor"]}),
                          existing))
    assert row["changes"] == {"tags": [["alumni", "Work"], ["alumni", "Work", "mentor"]]}


def test_the_same_new_person_twice_in_one_file_is_added_once():
    incoming = contacts({"full_name": "Ana Ruiz", "email": "ana@bar.io"},
                        {"full_name": "Bob Stone"},
                        {"full_name": "A. Ruiz", "email": "ANA@bar.io", "title": "CTO"},
                        {"full_name": "Ana Ruiz", "email": "ana@bar.io"},
                        {"full_name": "Bob Stone", "company": "Acme"},
                        {"full_name": "Cy Young", "company": "Acme Inc."},
                        {"full_name": "Cy Young", "company": "ACME", "phone": "1"})
    plan = plan_merge(incoming, stored().iloc[0:0])
    assert plan.rows["action"].tolist() == ["add", "add", "merge", "skip", "add", "add", "merge"]
    assert plan.rows["reason"].tolist()[2:4] == ["already in this file (row 2)"] * 2
    assert plan.rows["reason"].iloc[6] == "already in this file (row 7)"
    assert plan.rows["same_as"].tolist() == [None, None, 0, 0, None, None, 5]
    assert plan.rows["changes"].iloc[2] == {"title": [None, "CTO"]}
    assert plan.rows["changes"].iloc[6] == {"phone": [None, "1"], "phones": [[], ["1"]]}
    assert plan.counts == {"add": 4, "merge": 2, "skip": 1, "ambiguous": 0}


def test_a_stored_person_twice_in_one_file_merges_in_order():
    existing = stored({"id": 9, "full_name": "Ana Ruiz", "email": "ana@bar.io",
                       "linkedin_url": "linkedin.com/in/ana"})
    incoming = contacts({"full_name": "Ana Ruiz", "linkedin_url": "linkedin.com/in/ana", "title": "Analyst"},
                        {"full_name": "Ana Ruiz", "email": "ana@bar.io", "title": "Scientist"},
                        {"full_name": "Ana Ruiz", "email": "ana@bar.io", "title": "Scientist"})
    plan = plan_merge(incoming, existing)
    assert plan.rows["action"].tolist() == ["merge", "merge", "skip"]
    assert plan.rows["contact_id"].tolist() == [9, 9, 9]
    assert plan.rows["reason"].tolist() == ["same LinkedIn URL", "already in this file (row 2)",
                                            "already in this file (row 2)"]
    assert plan.rows["changes"].iloc[1] == {"title": ["Analyst", "Scientist"]}


def test_plan_keeps_the_incoming_index():
    incoming = contacts({"full_name": "Ana"}, {"full_name": "Bob"}).set_axis([10, 20])
    assert plan_merge(incoming, stored()).rows.index.tolist() == [10, 20]


def test_stored_frames_from_the_store_may_use_numpy_and_nan():
    existing = stored({"full_name": "Ana", "email": "a@x.org"}).astype({"tie_strength": "float"})
    existing["tags"] = [pd.Series(["x"]).to_numpy()]
    existing["connected_on"] = [pd.Timestamp("2021-03-07")]
    row = only(plan_merge(contacts({"full_name": "Ana", "email": "a@x.org", "tags": ["x"],
                                    "connected_on": dt.date(2021, 3, 7)}), existing))
    assert (row["action"], row["changes"]) == ("skip", {})


# ---- properties ------------------------------------------------------------------------------------------

NAMES = ["Ana Ruiz", "ana ruiz", "José Müller", "Jose Muller", "Bob Stone", "Anna Weber, PhD"]
COMPANIES = [None, "Acme Inc.", "ACME", "Foo", "Bar S.A."]
EMAILS = [None, "a@x.org", "A@x.org", "b@y.org"]
URLS = [None, "linkedin.com/in/ana", "https://www.linkedin.com/in/ana/", "linkedin.com/in/bob"]
TITLES = [None, "CTO", "Analyst"]
PEOPLE = st.fixed_dictionaries({"full_name": st.sampled_from(NAMES), "company": st.sampled_from(COMPANIES),
                                "email": st.sampled_from(EMAILS), "linkedin_url": st.sampled_from(URLS),
                                "title": st.sampled_from(TITLES)})


@pytest.mark.slow  # 150 plans of random networks
@settings(max_examples=150, deadline=None)
@given(existing=st.lists(PEOPLE, max_size=6), incoming=st.lists(PEOPLE, min_size=1, max_size=6),
       order=st.randoms(use_true_random=False))
def test_plan_does_not_depend_on_the_order_of_stored_rows(existing, incoming, order):
    stored_frame = stored(*[{**p, "id": i + 1} for i, p in enumerate(existing)])
    shuffled = stored_frame.sample(frac=1, random_state=order.randint(0, 10**6))
    a, b = plan_merge(contacts(*incoming), stored_frame), plan_merge(contacts(*incoming), shuffled)
    pd.testing.assert_frame_equal(a.rows, b.rows)
    assert a.counts == b.counts


@pytest.mark.slow  # 150 plans of random networks
@settings(max_examples=150, deadline=None)
@given(existing=st.lists(PEOPLE, max_size=6), incoming=st.lists(PEOPLE, min_size=1, max_size=6))
def test_plan_invariants(existing, incoming):
    plan = plan_merge(contacts(*incoming), stored(*existing))
    assert sum(plan.counts.values()) == len(incoming)
    for row in plan.rows.itertuples():
        assert (row.action == "ambiguous") == bool(row.candidates)
        assert len(row.evidence) == len(row.strength) == len(row.candidates)
        assert all(0 < v <= 1 for v in row.strength)
        assert (row.action == "merge") == bool(row.changes)
        assert all(new is not None and new != [] for _, new in row.changes.values())
    # Applying the same file again after importing it changes nothing.
    again = plan_merge(contacts(*incoming), as_existing(contacts(*incoming)))
    assert again.counts["add"] == 0 and again.counts["merge"] == 0


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_url_batch_and_scalar_agree(text):
    from engine.merge import _url_keys

    for candidate in (text, f"https://www.linkedin.com/in/{text}", f"LinkedIn.com/in/{text}/x"):
        assert _url_keys([candidate]) == [normalise_linkedin_url(candidate)]


def test_two_linkedin_profiles_are_two_people_even_with_the_same_name_and_company():
    ana = {"full_name": "Ana Ruiz", "company": "Foo", "linkedin_url": "https://www.linkedin.com/in/ana-ruiz-1"}
    twin = ana | {"linkedin_url": "https://www.linkedin.com/in/ana-ruiz-2"}
    assert plan_merge(contacts(ana, twin), stored()).counts["add"] == 2
    plan = plan_merge(contacts(twin), stored(ana | {"id": 7}))
    assert plan.counts == {"add": 1, "merge": 0, "skip": 0, "ambiguous": 0}
    same = plan_merge(contacts(ana | {"title": "Data Scientist"}), stored(ana | {"id": 7}))
    assert same.counts["merge"] == 1 and same.rows["contact_id"].tolist() == [7]


# -- what an import writes: decided here, written by engine.store ---------------------------------------------

def test_resolve_adds_merges_and_folds_repeats_without_a_database():
    existing = stored({"full_name": "Ana Diaz", "email": "ana@acme.com", "company": "Acme", "title": "Analyst"})
    incoming = contacts({"full_name": "Ana Diaz", "email": "ana@acme.com", "company": "Acme", "title": "Lead"},
                        {"full_name": "Ben Ode", "email": "ben@x.io", "company": "X"},
                        {"full_name": "Ben Ode", "email": "ben@x.io", "company": "X", "phone": "+44 20 1234 5678"})
    actions = decide(plan_merge(incoming, existing).rows, {})
    new, updates, owner = resolve(incoming, actions, existing)
    assert updates == {1: {"title": "Lead", "position_from": "linkedin", "position_on": None}}
    assert new["full_name"].tolist() == ["Ben Ode"] and new.loc[0, "phone"] == "+44 20 1234 5678"
    assert owner.to_dict() == {0: 1, 1: -1, 2: -1}  # a stored id, or the new contact's -(position + 1)


def test_decide_applies_the_users_choices_on_ambiguous_rows_only():
    existing = stored({"full_name": "Sam Lee", "company": "Acme"}, {"full_name": "Kim Roe", "company": "Initech"})
    incoming = contacts({"full_name": "Sam Lee", "company": "Globex"}, {"full_name": "Kim Roe", "company": "Umbrella"},
                        {"full_name": "New Person", "company": "Acme"})
    plan = plan_merge(incoming, existing).rows
    assert plan["action"].tolist()[:2] == ["ambiguous", "ambiguous"]
    actions = decide(plan, {0: 1, 1: "add", 2: "skip"})  # row 2 is no question: the choice is ignored
    assert actions["action"].tolist() == ["merge_into", "add", "add"] and actions.at[0, "contact_id"] == 1
    new, updates, owner = resolve(incoming, actions, existing)
    assert new["full_name"].tolist() == ["Kim Roe", "New Person"] and owner[0] == 1
    assert updates == {}  # "same as" fills only empty fields: Sam's stored company stays


def test_a_directory_extended_file_by_file_plans_like_one_built_from_everyone():
    """An upload indexes the store once and adds each file's new people: the plans must not depend on that."""
    first = stored({"full_name": "Michael Chen", "company": "Stripe", "email": "mchen@stripe.com"},
                   {"full_name": "Zoë Müller", "company": "Allegro", "linkedin_url": "https://www.linkedin.com/in/zm"})
    added = stored({"full_name": "Katherine O'Neill", "company": "Deloitte Consulting LLP"},
                   {"full_name": "Daniel Okafor", "company": "Monzo", "email": "dan@monzo.com"})
    added["id"] = [-1, -2]
    incoming = contacts({"full_name": "Mike Chen", "company": "Stripe Inc."},
                        {"full_name": "Kate O'Neill", "company": "Deloitte"},
                        {"full_name": "Dan Okafor", "email": "dan@monzo.com"},
                        {"full_name": "Zoe Mueller", "company": "Allegro.pl"},
                        {"full_name": "Someone New", "company": "Acme"})
    directory = Directory(first)
    plan_merge(incoming, directory)  # the people side is built, then extended
    directory.extend(added)
    extended = plan_merge(incoming, directory).rows
    whole = plan_merge(incoming, pd.concat([first, added], ignore_index=True)).rows
    columns = ["action", "contact_id", "candidates", "reason"]
    assert extended[columns].astype(str).values.tolist() == whole[columns].astype(str).values.tolist()
    assert (extended["action"] != "add").sum() >= 3  # the test means something: rows met earlier people


def test_a_refreshed_directory_plans_like_one_built_from_the_store_as_it_is_now():
    """After an import the directory takes the contacts it wrote: new ones, and changed ones with their new values."""
    before = stored({"full_name": "Michael Chen", "company": "Stripe", "email": "mchen@stripe.com"},
                    {"full_name": "Zoë Müller", "company": "Allegro"})
    now = stored({"full_name": "Michael Chen", "company": "Monzo", "email": "mchen@stripe.com",
                  "linkedin_url": "https://www.linkedin.com/in/mchen"},
                 {"full_name": "Zoë Müller", "company": "Allegro"},
                 {"full_name": "Katherine O'Neill", "company": "Deloitte Consulting LLP", "id": 3})
    incoming = contacts({"full_name": "Mike Chen", "company": "Monzo"},
                        {"full_name": "Kate O'Neill", "company": "Deloitte"},
                        {"full_name": "M. Chen", "linkedin_url": "https://www.linkedin.com/in/mchen"},
                        {"full_name": "Zoe Mueller", "company": "Allegro.pl", "title": "Engineer"})
    directory = Directory(before)
    plan_merge(incoming, directory)  # the people side is built, then refreshed
    directory.refresh(now.iloc[[0, 2]])  # Michael changed (company, URL); Katherine is new
    refreshed = plan_merge(incoming, directory).rows
    whole = plan_merge(incoming, now).rows
    columns = ["action", "contact_id", "candidates", "reason", "changes"]
    assert refreshed[columns].astype(str).values.tolist() == whole[columns].astype(str).values.tolist()
    assert refreshed["contact_id"].tolist()[:3] == [1, 3, 1]  # the test means something: the new values matched


def _state(directory: Directory) -> tuple:
    """Everything a directory holds, as plain values (a deep copy: later changes do not reach it)."""
    by_name, cards, index = directory.names()
    return copy.deepcopy((directory.ids, directory.position, dict(directory.stored), directory.manual,
                          directory.emails, directory.urls, directory.by_email, directory.by_url, by_name, cards,
                          index.cards, index._probes, index._filed, index._foreign, index._by_initials))


def test_planning_on_a_fork_plans_as_a_fresh_directory_and_never_changes_the_one_forked():
    """The app keeps one prepared directory per version of the store and plans each upload on a fork of it."""
    held = as_existing(pd.concat([sample("linkedin_connections.csv"), sample("google_contacts.csv"),
                                  sample("contacts_fr.csv")], ignore_index=True))
    base = Directory(held).prepared()
    before = _state(base)
    files = [(name, (SAMPLES / name).read_bytes()) for name in (
        "outlook_desktop.csv", "linkedin_connections.xlsx", "apple_contacts.vcf", "google_contacts_old.csv")]
    on_fork, fresh = preview_files(files, base.fork()), preview_files(files, held)
    columns = ["action", "contact_id", "candidates", "reason", "changes"]
    for a, b in zip(on_fork, fresh, strict=True):
        assert a.plan.rows[columns].astype(str).values.tolist() == b.plan.rows[columns].astype(str).values.tolist()
    assert sum((p.plan.rows["action"] != "add").sum() for p in fresh) >= 5  # the files meet stored people
    refreshed = base.fork()
    changed = held.iloc[[0, 1]].copy()
    changed["company"] = ["Monzo", "Acme"]
    other = next(i for i in range(3, len(held)) if isinstance(held["email"].iloc[i], str))  # not the 999 below
    changed.iloc[1, changed.columns.get_loc("email")] = held["email"].iloc[other]  # now shares another's email
    changed.loc[len(held)] = {**held.iloc[2].to_dict(), "id": 999}  # filed under the keys of a stored person
    refreshed.refresh(changed)
    assert refreshed.stored["company"][:2] == ["Monzo", "Acme"] and 999 in refreshed.position
    assert any(999 in found and len(found) > 1 for found in refreshed.by_email.values())  # shared keys grew
    assert int(held["id"].iloc[1]) in refreshed.by_email[refreshed.emails[other]]
    assert _state(base) == before


_EDGES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200b\u2028\u3000\ufeff"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.none() | st.text(alphabet=st.sampled_from(_EDGES) | st.characters(), max_size=8), max_size=12))
def test_text_columns_read_the_same_through_arrow_and_through_pandas(values):
    """A column of Arrow-backed text (what the readers and the store give) is read in Arrow directly; the same
    values as plain objects go through pandas' own steps. Both give the same stripped text or None."""
    arrow = pd.DataFrame({"title": pd.Series(values, dtype=pd.StringDtype("pyarrow"))})
    plain = pd.DataFrame({"title": pd.Series(values, dtype=object)})
    assert _column(arrow, "title") == _column(plain, "title")
