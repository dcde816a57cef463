"""The identity evaluation set imported file by file through preview_files, as the app does, counted against truth:
every true duplicate merged or offered with evidence, no two people merged, nobody left out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from eval_identity import SET, evaluate  # noqa: E402

from engine.readers import read_contacts  # noqa: E402


@pytest.fixture(scope="module")
def result():
    return evaluate()


def test_no_two_people_are_merged(result):
    figures, outcomes = result
    assert figures["false merge"] == 0, outcomes[outcomes["outcome"] == "false merge"].to_dict("records")


def test_every_true_duplicate_is_merged_or_offered_with_evidence(result):
    figures, outcomes = result
    assert figures["true duplicates"] >= 25
    assert figures["missed"] == 0, outcomes[outcomes["outcome"] == "missed"].to_dict("records")
    offered = outcomes[outcomes["action"] == "ambiguous"]
    assert all(ev and all(ev) and len(ev) == len(c) for ev, c in zip(offered["evidence"], offered["candidates"],
                                                                       strict=True))
    # most are settled without a question: only the weak signs (a short form, an initial, two people who fit as
    # well, a move to another company) are asked
    assert figures["merged"] >= 20 and figures["offered"] <= 5


def test_nobody_is_left_out(result):
    figures, outcomes = result
    assert figures["people with no contact or question"] == 0
    # one contact per person, but for those whose first card is a question and those twice in one file
    assert figures["contacts stored"] + figures["false question"] == figures["people"] + figures["twice in one file"]
    assert figures["rows"] == figures["new"] + figures["false question"] + figures["true duplicates"]


def test_a_person_stored_twice_is_offered_for_review(result):
    figures, outcomes = result
    assert figures["twice in one file"] == 1  # Kim and Kimberly Park in one Google export
    assert figures["stored twice and not offered"] == 0
    assert figures["stored pairs offered, same person"] == 1 and figures["stored pairs offered, two people"] == 0


def test_the_seven_the_tester_found_split_are_one_contact_or_one_question(result):
    _, outcomes = result
    by_name = outcomes.set_index("name")
    for name in ("Tom Nguyen", "Kate O’Neill", "Mike Chen", "Dan Okafor", "Zoe Mueller", "?ukasz Nowak"):
        assert by_name.loc[name, "outcome"] == "merged", name
    liv = by_name.loc["Liv Brown"]
    assert (liv["outcome"], liv["evidence"]) == ("offered", (
        "first name may be a short form (Olivia ~ Liv), same last name, company 'Spotify' ~ 'Spotify AB'",))


def test_the_traps(result):
    _, outcomes = result
    row = {(r.file[0], r.name): r for r in outcomes.itertuples()}
    assert row[("2", "Mike Chen")].person == "michael-chen-warehouse"  # not the nurse of the same name
    assert row[("4", "Michael Chen")].outcome == "merged"  # the nurse's own card finds the nurse
    assert row[("4", "Robert Kowalski Sr.")].action == "add"  # the father is not the son
    assert row[("3", "Robert Kowalski")].outcome == "merged"  # the son without his "Jr." is the son
    assert row[("2", "Daniela Okafor")].action == "add"
    assert row[("2", "Ben Carter")].action == "add"  # another LinkedIn profile
    chris = row[("4", "Chris Park")]
    assert chris.action == "ambiguous" and sorted(chris.candidates) == ["christine-park", "christopher-park"]


def test_the_outlook_file_really_lost_its_letters():
    contacts = read_contacts("3_outlook_desktop.csv", (SET / "3_outlook_desktop.csv").read_bytes())
    assert contacts.encoding == "cp1252"
    assert {"?ukasz Nowak", "Katarzyna Wi?niewska", "Ömer Y?lmaz"} <= set(contacts.contacts["full_name"])
