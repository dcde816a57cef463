from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.outreach import contact_states
from engine.profile import make_profile
from engine.scoring import FLAG_MARGIN, FLAG_RULE, flagged_priority, next_contacts, ranked, score_contacts
from engine.settings import STANDARD

DS = make_profile(target_role="Data Scientist", target_level="senior", industries="Healthcare",
                  companies="Northwind Health: 5\nLumen Bank: 2", keywords="forecasting")
HR = make_profile(target_role="HR Business Partner", target_level="mid", hr_target=True)


def people(*rows, **extra):
    df = pd.DataFrame(rows, columns=["full_name", "title", "company"])
    df.insert(0, "id", range(1, len(df) + 1))
    for key, values in extra.items():
        df[key] = values
    return df


def codes(scored, name):
    row = scored.set_index("full_name").loc[name]
    return {f.code for f in row["flags"] if not f.dismissed}


def test_closeness_orders_same_role_over_related_over_unrelated():
    s = score_contacts(people(("A", "Data Scientist", "X"), ("B", "Machine Learning Engineer", "X"),
                              ("C", "Software Engineer", "X"), ("D", "Pastry Chef", "X"), ("E", None, "X")), DS)
    c = s.set_index("full_name")["closeness"]
    assert c["A"] > c["B"] > c["C"] > c["D"] >= c["E"] == 0
    assert all(0 <= v <= 1 for v in c)


def test_target_company_industry_and_keyword_raise_closeness_with_reasons():
    s = score_contacts(people(("A", "Data Analyst", "Globex"), ("B", "Data Analyst", "Northwind Health Inc."),
                              ("C", "Data Analyst", "Globex"), notes=[None, None, "does forecasting"]),
                       DS).set_index("full_name")
    assert s.loc["B", "closeness"] > s.loc["A", "closeness"]
    assert "works at a target company (Northwind Health Inc., 5/5)" in s.loc["B", "why"]
    assert "in Healthcare" in s.loc["B", "why"]
    assert s.loc["C", "closeness"] > s.loc["A", "closeness"] and "mentions forecasting" in s.loc["C", "why"]


@pytest.mark.parametrize("title, company, expected", [
    ("Technical Recruiter", "Acme", {"hr_or_recruiting"}),
    ("Talent Acquisition Partner", "Acme", {"hr_or_recruiting"}),
    ("Head of Data Science", "Acme", {"could_be_boss"}),
    ("Data Science Manager", "Northwind Health", {"could_be_boss"}),
    ("VP of Data", "Acme", {"above_target_level"}),
    ("Chief Data Officer", "Acme", {"above_target_level"}),
    ("Chief Financial Officer", "Northwind Health", {"above_target_level"}),  # above, at a target company
    ("Chief Financial Officer", "Acme", set()),  # above, but far from the target field
    ("Senior Data Scientist", "Acme", set()),    # a peer at the target level
    ("Data Analyst", "Acme", set()),
    ("Engineering Manager", "Acme", set()),      # a manager, but not of the target function
])
def test_flag_rules(title, company, expected):
    assert codes(score_contacts(people(("P", title, company)), DS), "P") == expected


def test_flag_reasons_name_the_rule_and_the_evidence():
    s = score_contacts(people(("R", "Technical Recruiter", "Acme"), ("V", "VP of Data", "Acme")), DS)
    reasons = {f.code: f.reason for fs in s["flags"] for f in fs}
    assert "'Technical Recruiter'" in reasons["hr_or_recruiting"] and "HR" in reasons["hr_or_recruiting"]
    assert "'VP of Data'" in reasons["above_target_level"] and "senior level" in reasons["above_target_level"]


def test_when_the_target_is_hr_recruiters_are_the_closest_and_unflagged():
    s = score_contacts(people(("R", "Talent Acquisition Partner", "Acme"), ("H", "HR Generalist", "Acme"),
                              ("D", "Data Scientist", "Acme")), HR).set_index("full_name")
    assert codes(s.reset_index(), "R") == set() and codes(s.reset_index(), "H") == set()
    assert s.loc["R", "closeness"] > s.loc["D", "closeness"]
    assert s.loc["H", "closeness"] > s.loc["D", "closeness"]


def test_flags_rank_down_but_never_hide_and_can_be_dismissed():
    contacts = people(("Peer", "Data Scientist", "Acme"), ("Boss", "Head of Data Science", "Acme"))
    s = score_contacts(contacts, DS).set_index("full_name")
    assert s.loc["Boss", "priority"] < s.loc["Peer", "priority"]
    assert len(ranked(s.reset_index())) == 2
    dismissed = score_contacts(contacts, DS, dismissed={(2, "could_be_boss")}).set_index("full_name")
    assert dismissed.loc["Boss", "priority"] > s.loc["Boss", "priority"]
    assert [f.dismissed for f in dismissed.loc["Boss", "flags"]] == [True]
    assert not any(w.startswith("flagged") for w in dismissed.loc["Boss", "why"])
    assert "flagged: could be your boss" in s.loc["Boss", "why"]


def test_warmth_and_referrals_raise_priority_and_say_so():
    contacts = people(("Cold", "Data Analyst", "A"), ("Warm", "Data Analyst", "B"), ("Ref", "Data Analyst", "C"),
                      tie_strength=[1, 5, None], referred_by=[None, None, 2])
    s = score_contacts(contacts, DS).set_index("full_name")
    assert s.loc["Warm", "priority"] > s.loc["Cold", "priority"]
    assert s.loc["Ref", "priority"] > s.loc["Cold", "priority"]
    assert "you know them well" in s.loc["Warm", "why"] and "referred by Warm" in s.loc["Ref", "why"]


def test_waiting_contacts_leave_the_queue_until_a_follow_up_is_due():
    contacts = people(("Waiting", "Data Scientist", "A"), ("Due", "Data Scientist", "B"),
                      ("Declined", "Data Scientist", "C"), ("Fresh", "Data Analyst", "D"),
                      ("Colleague", "Data Analyst", "A"))
    events = pd.DataFrame([(1, "reached_out", date(2026, 11, 24)), (2, "reached_out", date(2026, 11, 13)),
                           (3, "reached_out", date(2026, 11, 20)), (3, "declined", date(2026, 11, 23))],
                          columns=["contact_id", "kind", "happened_on"])
    today = date(2026, 11, 27)
    s = score_contacts(contacts, DS, contact_states(events, today, STANDARD.rules))
    queue = next_contacts(s, 10)["full_name"].tolist()
    assert "Waiting" not in queue and "Declined" not in queue
    assert queue[0] == "Due"
    due = s.set_index("full_name").loc["Due"]
    assert due["why"][0].startswith("no reply for a week: follow up once")
    colleague = s.set_index("full_name").loc["Colleague"]
    assert "Waiting at A has not replied yet: try a colleague" in colleague["why"]


def test_queue_avoids_ten_people_from_one_company():
    contacts = people(*[(f"Acme {i}", "Data Scientist", "Acme Inc.") for i in range(8)],
                      ("Other", "Data Analyst", "Globex"), ("Another", "Data Analyst", "ACME"))
    queue = next_contacts(score_contacts(contacts, DS), 5, per_company=2)
    assert queue["company"].str.lower().str.startswith("acme").sum() == 2
    assert {"Other"} <= set(queue["full_name"])


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(6))))
def test_ranking_does_not_depend_on_input_order(order):
    contacts = people(("A", "Data Scientist", "X"), ("B", "Recruiter", "Y"), ("C", "VP Data", "Z"),
                      ("D", "Nurse", "W"), ("E", "Data Analyst", "Northwind Health"), ("F", "", "V"))
    base = ranked(score_contacts(contacts, DS))["id"].tolist()
    shuffled = ranked(score_contacts(contacts.iloc[list(order)], DS))["id"].tolist()
    assert shuffled == base


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 4))
def test_raising_tie_strength_never_lowers_priority(tie):
    contacts = people(("A", "Data Analyst", "X"), ("B", "Nurse", "Y"), tie_strength=[tie, tie])
    warmer = contacts.assign(tie_strength=tie + 1)
    before = score_contacts(contacts, DS)["priority"].to_numpy()
    after = score_contacts(warmer, DS)["priority"].to_numpy()
    assert (after >= before).all()


def test_snoozed_contacts_leave_the_queue_but_keep_their_scores():
    contacts = people(("A", "Data Scientist", "X"), ("B", "Data Analyst", "Y"))
    s = score_contacts(contacts, DS, snoozed={1})
    assert next_contacts(s, 5)["full_name"].tolist() == ["B"]
    a = s.set_index("full_name").loc["A"]
    assert a["closeness"] > 0.5 and "snoozed: put aside for now" in a["why"]


def test_only_the_next_best_colleague_of_a_silent_contact_is_brought_up():
    contacts = people(("Silent", "Data Scientist", "Acme"), ("Best", "Data Scientist", "Acme"),
                      ("Other", "Nurse", "Acme"))
    events = pd.DataFrame([(1, "reached_out", date(2026, 11, 20))], columns=["contact_id", "kind", "happened_on"])
    s = score_contacts(contacts, DS, contact_states(events, date(2026, 11, 26), STANDARD.rules)).set_index("full_name")
    assert any("try a colleague" in w for w in s.loc["Best", "why"])
    assert not any("try a colleague" in w for w in s.loc["Other", "why"])


def test_level_flags_need_a_known_level():
    entry = make_profile(target_role="Credit Risk Analyst", target_level="entry")
    s = score_contacts(people(("U", "Credit Risk Analyst", "Acme"), ("S", "Senior Credit Risk Analyst", "Acme"),
                              ("B", "Credit Risk Team Lead", "Acme")), entry).set_index("full_name")
    assert s.loc["U", "seniority"] == "unknown" and codes(s.reset_index(), "U") == set()
    assert codes(s.reset_index(), "S") == {"above_target_level"}
    assert codes(s.reset_index(), "B") == {"could_be_boss"}


def test_one_level_up_is_a_near_peer_not_above():
    mid = make_profile(target_role="Occupational Therapist", target_level="mid")
    s = score_contacts(people(("S", "Senior Occupational Therapist", "Acme")), mid)
    assert codes(s, "S") == set()


def test_a_flagged_contact_never_sits_above_an_unflagged_one_of_similar_closeness():
    contacts = people(("Boss", "Head of Data Science", "Northwind Health"), ("Peer", "Data Scientist", "Acme"),
                      ("Far", "Data Analyst", "Acme"), tie_strength=[5, 1, 1])
    s = score_contacts(contacts, DS).set_index("full_name")
    assert s.loc["Boss", "flag_active"] and not s.loc["Peer", "flag_active"]
    for other in ("Peer", "Far"):
        if s.loc[other, "closeness"] >= s.loc["Boss", "closeness"] - FLAG_MARGIN:
            assert s.loc[other, "priority"] > s.loc["Boss", "priority"]
    waved = score_contacts(contacts, DS, dismissed={(1, "could_be_boss")}).set_index("full_name")
    assert waved.loc["Boss", "priority"] > s.loc["Boss", "priority"]


def test_flagged_priority_is_the_one_rule_and_is_stated_plainly():
    assert flagged_priority(80.0, 0.9, False) == 80.0
    assert flagged_priority(60.0, 0.9, True) == pytest.approx(42.0)      # keeps 70%
    assert flagged_priority(80.0, 0.5, True) == pytest.approx(0.6 * 45)   # capped below similar closeness
    assert "similar closeness" in FLAG_RULE and "dismiss" in FLAG_RULE and "70%" in FLAG_RULE


def test_a_target_company_pulls_people_near_the_role_more_than_others():
    s = score_contacts(people(("R", "Receptionist", "Northwind Health"), ("D", "Data Scientist", "Northwind Health")),
                       DS).set_index("full_name")
    assert s.loc["D", "company_pull"] > s.loc["R", "company_pull"] > 0


def test_warmth_orders_similar_closeness_but_does_not_lift_the_far_above_the_clearly_closer():
    contacts = people(("Warm near", "Data Analyst", "A"), ("Cold near", "Data Analyst", "B"),
                      ("Cold close", "Data Scientist", "C"), ("Warm far", "Receptionist", "D"),
                      ("Cold far", "Receptionist", "E"), tie_strength=[5, 1, 1, 5, 1])
    s = score_contacts(contacts, DS).set_index("full_name")
    assert s.loc["Cold close", "closeness"] - s.loc["Warm far", "closeness"] > 0.5
    assert s.loc["Warm near", "priority"] > s.loc["Cold near", "priority"]  # same closeness: the warm one first
    assert s.loc["Warm far", "priority"] > s.loc["Cold far", "priority"]
    assert s.loc["Cold close", "priority"] > s.loc["Warm far", "priority"]  # a best friend far off is not first
    # warmth counts for less far from the target than near it (boost_gate)
    assert (s.loc["Warm far", "priority"] - s.loc["Cold far", "priority"]
            < s.loc["Warm near", "priority"] - s.loc["Cold near", "priority"])


def test_a_title_without_a_level_word_is_not_outranked_by_its_junior_version():
    s = score_contacts(people(("Plain", "Credit Risk Analyst", "A"), ("Junior", "Junior Credit Risk Analyst", "B")),
                       make_profile(target_role="Credit Risk Analyst", target_level="mid")).set_index("full_name")
    assert s.loc["Plain", "closeness"] >= s.loc["Junior", "closeness"]
    # a level word alone moves the priority by little: level fit 1.0 against UNKNOWN_LEVEL_FIT (was 0.6: 4 points)
    assert s.loc["Junior", "priority"] - s.loc["Plain", "priority"] < 2.5


def test_titles_are_read_with_the_cycle_collector_paused_and_it_runs_again_after(monkeypatch):
    import gc

    import engine.scoring as scoring

    seen = []
    real = scoring.parse_titles
    monkeypatch.setattr(scoring, "parse_titles", lambda titles: seen.append(gc.isenabled()) or real(titles))
    scoring._title_columns.cache_clear()
    assert gc.isenabled()
    scored = score_contacts(pd.DataFrame({"id": [1, 2], "full_name": ["Ann Lee", "Bo Li"], "company": ["A", "B"],
                                          "title": ["Paused Collector Analyst", "Cycle Reader"]}), DS)
    assert seen == [False] and gc.isenabled()
    assert len(scored) == 2
    gc.disable()  # a caller that paused it itself keeps it paused
    try:
        scoring._title_columns.cache_clear()
        score_contacts(pd.DataFrame({"id": [3], "full_name": ["Cy Day"], "title": ["Another Reader"]}), DS)
        assert not gc.isenabled()
    finally:
        gc.enable()
