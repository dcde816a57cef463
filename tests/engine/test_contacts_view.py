import re
from datetime import date

import pandas as pd
import pytest

from engine.contacts_view import (
    MAX_ROWS,
    NO_FLAG,
    TABLE_COLUMNS,
    ContactFilter,
    EditError,
    company_choices,
    contact_labels,
    contacts_table,
    edits_from_editor,
    explain,
    filter_contacts,
)
from engine.demo import demo_dataset, demo_profile
from engine.outreach import contact_states
from engine.profile import make_profile
from engine.scoring import MEANING_WEIGHT, score_contacts
from engine.settings import STANDARD

DS = make_profile(target_role="Data Scientist", target_level="senior", industries="Healthcare",
                  companies="Northwind Health: 5\nLumen Bank: 2", keywords="forecasting")
PEOPLE = [  # full_name, title, company, notes, tie_strength
    ("Chloé Dubois", "Senior Data Scientist", "Northwind Health", "met at a meetup", 4),
    ("Ana Müller", "Technical Recruiter", "Globex", None, 2),
    ("Bob Stone", "Head of Data Science", "Acme", "forecasting guru", None),
    ("Dan Wu", "Pastry Chef", "Café Crème", "makes great croissants", 5),
    ("Eve Park", "Data Analyst", "Lumen Bank", None, 3),
    ("Finn Holt", None, None, None, None),
]


def people(rows=PEOPLE, **extra) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["full_name", "title", "company", "notes", "tie_strength"])
    df.insert(0, "id", range(1, len(df) + 1))
    df["tags"] = [["friend"], [], None, ["food", "paris"], [], []]
    for key, values in extra.items():
        df[key] = values
    return df


@pytest.fixture(scope="module")
def scored():
    return score_contacts(people(), DS)


def names(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["full_name"])


# -- filtering ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query, expected", [
    ("", ["Ana Müller", "Bob Stone", "Chloé Dubois", "Dan Wu", "Eve Park", "Finn Holt"]),
    ("chloe", ["Chloé Dubois"]),              # accents and case do not matter
    ("MULLER", ["Ana Müller"]),
    ("cafe", ["Dan Wu"]),                     # company
    ("data", ["Bob Stone", "Chloé Dubois", "Eve Park"]),  # title
    ("croissant", ["Dan Wu"]),                # notes
    ("data northwind", ["Chloé Dubois"]),     # every word must match, in any field
    ("data globex", []),
    ("  ", ["Ana Müller", "Bob Stone", "Chloé Dubois", "Dan Wu", "Eve Park", "Finn Holt"]),
    ("(", []),                                # taken literally, not as a regex
])
def test_search_finds_every_word_in_name_company_title_or_notes(scored, query, expected):
    assert names(filter_contacts(scored, ContactFilter(query=query))) == expected


def test_flag_filter_picks_active_flags_and_no_flag(scored):
    assert names(filter_contacts(scored, ContactFilter(flags=("hr_or_recruiting",)))) == ["Ana Müller"]
    assert names(filter_contacts(scored, ContactFilter(flags=("could_be_boss",)))) == ["Bob Stone"]
    both = filter_contacts(scored, ContactFilter(flags=("hr_or_recruiting", "could_be_boss")))
    assert names(both) == ["Ana Müller", "Bob Stone"]
    assert names(filter_contacts(scored, ContactFilter(flags=(NO_FLAG,)))) == [
        "Chloé Dubois", "Dan Wu", "Eve Park", "Finn Holt"]


def test_a_dismissed_flag_no_longer_counts_for_the_flag_filter():
    scored = score_contacts(people(), DS, dismissed={(2, "hr_or_recruiting")})
    assert filter_contacts(scored, ContactFilter(flags=("hr_or_recruiting",))).empty
    assert "Ana Müller" in names(filter_contacts(scored, ContactFilter(flags=(NO_FLAG,))))


def test_filters_combine_and_rows_come_highest_priority_first(scored):
    assert names(filter_contacts(scored, ContactFilter(seniority=("senior",)))) == ["Chloé Dubois"]
    assert names(filter_contacts(scored, ContactFilter(families=("data",), seniority=("unknown",)))) == ["Eve Park"]
    assert names(filter_contacts(scored, ContactFilter(companies=("Globex", "Acme")))) == ["Ana Müller", "Bob Stone"]
    assert names(filter_contacts(scored, ContactFilter(statuses=("met",)))) == []
    assert len(filter_contacts(scored, ContactFilter(statuses=("to_approach",)))) == len(scored)
    close = filter_contacts(scored, ContactFilter(min_closeness=0.5))
    assert len(close) and (close["closeness"] >= 0.5).all() and "Dan Wu" not in names(close)
    everyone = filter_contacts(scored, ContactFilter())
    assert everyone["priority"].is_monotonic_decreasing


def test_filter_by_status_uses_the_outreach_state():
    events = pd.DataFrame({"contact_id": [1], "kind": ["met"], "happened_on": [date(2025, 1, 6)], "id": [1]})
    scored = score_contacts(people(), DS, contact_states(events, date(2025, 2, 1), STANDARD.rules))
    assert names(filter_contacts(scored, ContactFilter(statuses=("met",)))) == ["Chloé Dubois"]


def test_company_choices_are_distinct_and_alphabetical(scored):
    assert company_choices(scored) == ["Acme", "Café Crème", "Globex", "Lumen Bank", "Northwind Health"]


# -- the table ----------------------------------------------------------------------------------------------


def test_table_is_indexed_by_id_in_words_with_flags_as_text(scored):
    table = contacts_table(filter_contacts(scored, ContactFilter()))
    assert tuple(table.columns) == TABLE_COLUMNS
    assert table.index.name == "id" and table.index.is_unique
    bob, ana = table.loc[3], table.loc[2]
    assert bob["flags"] == "could be your boss" and ana["flags"] == "HR or recruiting"
    assert bob["seniority"] == "Director" and bob["family"] == "data and analytics" and bob["status"] == "to approach"
    assert table.loc[4, "tags"] == ["food", "paris"] and table.loc[3, "tags"] == []
    assert pd.isna(table.loc[3, "tie_strength"]) and table.loc[1, "tie_strength"] == 4
    assert table.loc[6, "title"] is None and 0 <= table["closeness"].min() <= table["closeness"].max() <= 1
    assert contact_labels(table)[1] == "Chloé Dubois · Senior Data Scientist · Northwind Health"
    assert contact_labels(table)[6] == "Finn Holt"


def test_two_flags_read_as_one_short_text():
    hr = make_profile(target_role="HR Business Partner", target_level="mid")
    rita = pd.DataFrame({"id": [1], "full_name": ["Rita Roe"], "title": ["HR Business Partner Manager"],
                         "company": ["Acme"]})
    scored = score_contacts(rita, hr)
    assert contacts_table(scored).loc[1, "flags"] == "HR or recruiting; could be your boss"


def test_max_rows_is_a_usable_cap():
    assert MAX_ROWS == 1000


# -- edits --------------------------------------------------------------------------------------------------


@pytest.fixture
def table(scored):
    return contacts_table(scored.sort_values("id"))  # positions 0..5 are ids 1..6


@pytest.mark.parametrize("edited, expected", [
    ({}, {}),
    ({0: {"tie_strength": 5}}, {1: {"tie_strength": 5}}),
    ({"0": {"tie_strength": 5.0}}, {1: {"tie_strength": 5}}),          # keys as text, floats that are whole
    ({0: {"tie_strength": 4}}, {}),                                     # unchanged: nothing to save
    ({0: {"tie_strength": None}}, {1: {"tie_strength": None}}),         # cleared
    ({2: {"tie_strength": None}}, {}),                                  # was unknown, still unknown
    ({0: {"notes": "  new note "}}, {1: {"notes": "new note"}}),
    ({0: {"notes": ""}}, {1: {"notes": None}}),                         # empty text -> None
    ({1: {"notes": "  "}}, {}),                                         # None before, empty now: unchanged
    ({0: {"tags": "friend, climbing ,  Friend"}}, {1: {"tags": ["friend", "climbing"]}}),
    ({0: {"tags": ["friend"]}}, {}),
    ({0: {"tags": ["a, b", "c"]}}, {1: {"tags": ["a", "b", "c"]}}),
    ({0: {"tags": None}}, {1: {"tags": []}}),
    ({0: {"tags": ""}}, {1: {"tags": []}}),
    ({2: {"tags": []}}, {}),
    ({0: {"full_name": "Hacker", "priority": 99, "tie_strength": 3}}, {1: {"tie_strength": 3}}),  # read-only
    ({9: {"tie_strength": 3}}, {}),                                     # a row that is not there
    ({0: {"tie_strength": 2}, 4: {"notes": "x", "tags": "a"}},
     {1: {"tie_strength": 2}, 5: {"notes": "x", "tags": ["a"]}}),
])
def test_edits_keep_only_what_changed(table, edited, expected):
    assert edits_from_editor(table, edited) == expected


@pytest.mark.parametrize("value", [0, 6, 2.5, "high", -1, "7"])
def test_a_bad_tie_strength_names_the_contact_and_saves_nothing(table, value):
    with pytest.raises(EditError) as e:
        edits_from_editor(table, {1: {"notes": "fine"}, 0: {"tie_strength": value}})
    assert e.value.problems == [f"Chloé Dubois: tie strength must be a whole number from 1 to 5, not {value}"]


def test_every_bad_row_is_reported(table):
    with pytest.raises(EditError) as e:
        edits_from_editor(table, {0: {"tie_strength": 9}, 3: {"tie_strength": 0}})
    assert [p.split(":")[0] for p in e.value.problems] == ["Chloé Dubois", "Dan Wu"]


def test_a_tie_strength_typed_as_text_is_read(table):
    assert edits_from_editor(table, {2: {"tie_strength": " 3 "}}) == {3: {"tie_strength": 3}}


# -- explanation --------------------------------------------------------------------------------------------


def row_of(scored, name):
    return scored.set_index("full_name").loc[name].to_dict() | {"full_name": name}


def test_explain_names_every_component_with_numbers(scored):
    lines = explain(row_of(scored, "Chloé Dubois"), DS)
    heads = [line.split(" ")[0] for line in lines]
    assert heads == ["Title", "Job", "Role", "Target", "Industry:", "Keywords:", "Closeness", "Warmth", "Seniority",
                     "Flags:", "Status:", "Gate", "Priority"]
    text = "\n".join(lines)
    assert "'Senior Data Scientist' reads as 'data scientist'" in text
    assert "the same as your target's (data and analytics)" in text
    assert "Northwind Health is on your list, motivation 5/5" in text
    assert "Industry: mentions 'Healthcare'" in text
    assert "Keywords: none of yours (forecasting)" in text
    assert "tie strength 4/5, (4 − 1) / 4 = 0.75" in text
    assert "Seniority fit 1.00: Senior, at your target level" in text
    assert "0.7 × role" in text and "0.6 × closeness" in text and "gate" in text


def test_explain_numbers_add_up_to_the_scores_over_the_demo():
    demo = demo_dataset(date(2025, 3, 3))
    contacts = demo["contacts"].assign(tags=lambda d: d["tags"].map(list))
    scored = score_contacts(contacts, demo_profile(), contact_states(demo["events"], date(2025, 3, 3), STANDARD.rules))
    for row in scored.to_dict("records"):
        lines = explain(row, demo_profile())
        priority = next(line for line in lines if line.startswith("Priority"))
        assert priority.rstrip(".").endswith(f"= {row['priority']:.1f}"), priority
        closeness = next(line for line in lines if line.startswith("Closeness"))
        role, gate, *hits = (float(x) for x in re.findall(r"(?:role|gate|company|industry|keyword) (\d+(?:\.\d+)?)",
                                                           closeness))
        assert 0.7 * role + gate * (0.15 * hits[0] + 0.1 * hits[1] + 0.05 * hits[2]) == pytest.approx(
            row["closeness"], abs=0.006)
        similarity = next(line for line in lines if line.startswith("Role similarity"))
        title, expanded, family = (float(x) for x in re.findall(r"(?:words|vocabulary|match) (\d+\.\d+)", similarity))
        meaning = [float(x) for x in re.findall(r"meaning (\d+\.\d+)", similarity)]
        assert 0 <= expanded <= 1
        words = 0.45 * title + 0.25 * expanded + 0.3 * family
        blended = (1 - MEANING_WEIGHT) * words + MEANING_WEIGHT * meaning[0] if meaning else words
        assert blended == pytest.approx(row["role"], abs=0.006)


def test_explain_a_flag_a_dismissed_flag_and_the_penalty():
    scored = score_contacts(people(), DS, dismissed={(2, "hr_or_recruiting")})
    bob = "\n".join(explain(row_of(scored, "Bob Stone"), DS))
    assert ("Flag 'could be your boss' (active: priority × 0.7, and below anyone unflagged whose closeness is at most "
            "0.05 lower): director-level in your target field") in bob
    assert "× 0.7 (at most below similar closeness) for an active flag" in bob
    assert "tie strength not set (counted as 1.5/5)" in bob
    ana = "\n".join(explain(row_of(scored, "Ana Müller"), DS))
    assert "Flag 'HR or recruiting' (dismissed: it no longer lowers the priority)" in ana
    assert "for an active flag" not in ana


def test_explain_without_title_targets_or_lists():
    bare = make_profile(target_role="Data Scientist")
    scored = score_contacts(people(), bare)
    lines = explain(row_of(scored, "Finn Holt"), bare)
    assert lines[0].startswith("Role: no job title known")
    assert "Target company: you listed no target companies yet." in lines
    assert "Industry: you listed none yet." in lines
    assert "Seniority fit 0.80: the level is unknown from the title (no information, never read as junior)." in lines


def test_explain_names_who_referred_them():
    scored = score_contacts(people(referred_by=[None, None, None, None, 1, None]), DS)
    eve = row_of(scored, "Eve Park")
    assert "referred by Chloé Dubois, so at least 0.90" in "\n".join(explain(eve, DS, {1: "Chloé Dubois"}))
    assert "referred by contact 1" in "\n".join(explain(eve, DS))
    assert "Warmth 0.90" in "\n".join(explain(eve, DS))


def test_explain_counts_state_bonuses():
    events = pd.DataFrame({"contact_id": [5], "kind": ["drafting"], "happened_on": [date(2025, 1, 6)], "id": [1]})
    scored = score_contacts(people(), DS, contact_states(events, date(2025, 1, 7), STANDARD.rules))
    eve = explain(row_of(scored, "Eve Park"), DS)
    assert "Status: drafting; a message in draft (+5); Today can suggest them." in eve
    assert eve[-1].endswith(f"+ 5 (a message in draft) = {scored.set_index('id').loc[5, 'priority']:.1f}.")
