from datetime import date

import pandas as pd

from engine.companies import companies_overview, company_people
from engine.profile import make_profile
from engine.scoring import score_with_history
from engine.settings import STANDARD

PROFILE = make_profile(target_role="UX Researcher", industries="fintech",
                       companies="Stripe: 5\nGlobex: 4\nInitech: 2")


def contacts(*rows):
    frame = pd.DataFrame(rows, columns=["id", "full_name", "title", "company", "tie_strength", "referred_by"])
    for name in ("first_name", "last_name", "email", "phone", "linkedin_url", "notes", "connected_on"):
        frame[name] = None
    frame["tags"] = [[] for _ in range(len(frame))]
    frame["referred_by"] = frame["referred_by"].astype("Int64")
    return frame


def test_a_company_view_shows_whom_the_user_knows_and_the_warm_ways_in():
    people = contacts((1, "Ana Ruiz", "UX Researcher", "Stripe, Inc.", 2, None),
                      (2, "Grace Kim", "Designer", "stripe", 2, 1),
                      (3, "Hugo Lind", "Engineer", "Stripe", 5, None),
                      (4, "Ivy Chen", "Analyst", "Stripe", 1, None),
                      (5, "Jon Park", "Fintech analyst", "Acme", 1, None),
                      (6, "Kim Lee", "Nurse", "Acme", 1, None))
    events = pd.DataFrame({"id": [1, 2], "contact_id": [1, 5], "kind": ["reached_out", "reached_out"],
                           "happened_on": [date(2026, 11, 2), date(2026, 11, 2)], "channel": None, "note": None,
                           "energising": False})
    events = pd.concat([events, pd.DataFrame({"id": [3], "contact_id": [1], "kind": ["replied"],
                                              "happened_on": [date(2026, 11, 3)], "channel": None, "note": None,
                                              "energising": False})])
    scored = score_with_history(people, events, PROFILE, date(2026, 11, 10), STANDARD.rules, set(), set())
    overview = companies_overview(scored, PROFILE)
    assert overview["company"].tolist() == ["Stripe", "Globex", "Initech", "Acme"]
    stripe = overview.iloc[0]
    assert (stripe["people"], stripe["target"], stripe["motivation"], stripe["warm_paths"], stripe["answered"],
            stripe["reached"]) == (4, True, 5, 3, 1, 1)
    assert overview.set_index("company").loc["Globex", "people"] == 0  # a target nobody known works at
    assert overview.set_index("company").loc["Acme", "industry"] == "fintech"
    names = dict(zip(people["id"], people["full_name"], strict=True))
    at_stripe = company_people(scored, stripe["key"], names)
    assert at_stripe["full_name"].tolist()[:3] == ["Grace Kim", "Ana Ruiz", "Hugo Lind"]
    assert at_stripe["path"].tolist() == ["introduced by Ana Ruiz", "answered you", "you know them well", None]


def test_a_former_colleague_is_a_warm_way_in():
    people = contacts((1, "Ana Ruiz", "Designer", "Stripe", 1, None), (2, "Bo Li", "Analyst", "Stripe", 1, None))
    people["former_colleague"] = ["Initech", None]  # engine.archive.with_former_colleagues says where
    scored = score_with_history(people, pd.DataFrame(columns=["id", "contact_id", "kind", "happened_on"]), PROFILE,
                                date(2026, 11, 10), STANDARD.rules, set(), set())
    stripe = companies_overview(scored, PROFILE).set_index("company").loc["Stripe"]
    assert stripe["warm_paths"] == 1
    at_stripe = company_people(scored, "stripe", {})
    assert at_stripe["path"].tolist() == ["a former colleague: you both worked at Initech", None]
