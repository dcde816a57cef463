from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from engine.coaching import (
    MESSAGES,
    drafting_nudges,
    follow_ups,
    good_moments,
    good_moments_takeaway,
    message,
    perspective,
    question_themes,
    responsiveness,
    tiara,
)
from engine.outreach import contact_states
from engine.profile import make_profile
from engine.rewards import milestones_reached, next_milestone
from engine.scoring import score_contacts
from engine.settings import STANDARD

PROFILE = make_profile(target_role="Data Scientist")
ANA = {"full_name": "Ana Ruiz", "first_name": "Ana", "company": "Acme"}


def history(*rows):
    frame = pd.DataFrame(rows, columns=["contact_id", "kind", "happened_on"])
    return frame.assign(id=range(1, len(frame) + 1), energising=False, note=None)


@pytest.mark.parametrize("kind", MESSAGES)
def test_every_message_is_filled_from_the_contact_and_profile(kind):
    text = message(kind, ANA, PROFILE, my_name="Sam")
    assert text.startswith("Hi Ana,") and "Sam" in text and "{" not in text
    if kind in ("first_note", "referral_ask", "send_it_now"):
        assert "Data Scientist" in text


def test_a_message_without_a_first_name_or_company_still_reads_well():
    text = message("first_note", {"full_name": "Zoë", "company": None}, PROFILE)
    assert text.startswith("Hi Zoë,") and " at None" not in text and "[your name]" in text
    assert message("follow_up", {"full_name": ""}, None).startswith("Hi there,")
    with pytest.raises(ValueError):
        message("spam", ANA, PROFILE)


def test_conversation_prompts_cover_the_four_themes_and_tiara():
    assert [t["theme"] for t in question_themes()] == ["Their path", "What they enjoy", "What is hard",
                                                       "Their view of the industry"]
    assert [t["part"] for t in tiara()] == ["Trends", "Insights", "Advice", "Resources", "Assignments"]
    assert "rarely about you" in perspective(0) and perspective(1) != perspective(0)


def test_drafts_older_than_the_rule_are_nudged_longest_first():
    events = history((1, "drafting", date(2026, 11, 20)), (2, "drafting", date(2026, 11, 26)),
                     (3, "drafting", date(2026, 11, 23)), (3, "reached_out", date(2026, 11, 24)))
    states = contact_states(events, date(2026, 11, 28), STANDARD.rules)
    assert drafting_nudges(states, STANDARD.rules).index.tolist() == [1]  # 2 is two days old: not yet; 3 was sent
    assert drafting_nudges(states, replace(STANDARD.rules, drafting_nudge_after=1)).index.tolist() == [1, 2]


def test_follow_ups_due():
    events = history((1, "reached_out", date(2026, 11, 2)), (2, "reached_out", date(2026, 11, 25)))
    assert follow_ups(contact_states(events, date(2026, 11, 28), STANDARD.rules)).index.tolist() == [1]


def test_responsiveness_labels():
    events = history((1, "reached_out", date(2026, 11, 2)), (1, "replied", date(2026, 11, 3)),
                     (2, "reached_out", date(2026, 11, 2)), (2, "replied", date(2026, 11, 12)),
                     (3, "reached_out", date(2026, 11, 2)), (3, "closed", date(2026, 11, 20)),
                     (4, "reached_out", date(2026, 11, 26)))
    labels = responsiveness(events, date(2026, 11, 28))
    assert labels.to_dict() == {1: "quick", 2: "slow", 3: "silent"}  # 4: too early to tell


def test_quick_responders_lift_their_colleagues():
    contacts = pd.DataFrame({"id": [1, 2, 3], "full_name": ["Quick", "Colleague", "Elsewhere"],
                             "company": ["Acme", "Acme", "Globex"], "title": ["Analyst", "Data Analyst",
                                                                              "Data Analyst"]})
    events = history((1, "reached_out", date(2026, 11, 2)), (1, "replied", date(2026, 11, 3)))
    labels = responsiveness(events, date(2026, 11, 28))
    s = score_contacts(contacts, PROFILE, contact_states(events, date(2026, 11, 28), STANDARD.rules), responsive=labels)
    s = s.set_index("full_name")
    assert s.loc["Colleague", "priority"] > s.loc["Elsewhere", "priority"]
    assert "Quick at Acme answered quickly: people there may too" in s.loc["Colleague", "why"]


def test_good_moments_are_the_latest_energising_conversations():
    events = history((1, "met", date(2026, 11, 2)), (2, "met", date(2026, 11, 9)), (3, "met", date(2026, 11, 16)))
    events.loc[[0, 2], "energising"] = True
    events.loc[2, "note"] = "laughed a lot"
    contacts = pd.DataFrame({"id": [1, 2, 3], "full_name": ["A", "B", "C"]})
    count, moments = good_moments(events, contacts)
    assert count == 2 and moments["full_name"].tolist() == ["C", "A"] and moments["note"].iloc[0] == "laughed a lot"
    assert good_moments(events.iloc[:0], contacts)[0] == 0
    named = events.assign(full_name=["a", "b", "c"])  # Progress's history carries the names already
    assert good_moments(named, n=1)[1]["full_name"].tolist() == ["c"]
    assert good_moments_takeaway(1) == "1 conversation gave you energy. Come back to them when the road feels long."
    assert good_moments_takeaway(0).startswith("No conversation marked energising")


@pytest.mark.parametrize("reached, every, reward, done, upcoming", [
    (0, 10, "cake", [], (10, 10)),
    (9, 10, "cake", [], (10, 1)),
    (10, 10, "cake", [10], (20, 10)),
    (23, 10, "cake", [10, 20], (30, 7)),
    (23, 10, "", [], None),
])
def test_reward_milestones(reached, every, reward, done, upcoming):
    assert milestones_reached(reached, every, reward) == done
    assert next_milestone(reached, every, reward) == upcoming


def test_drafts_sound_like_the_user_and_name_the_introducer():
    from engine.coaching import check_template, templates_from_settings

    me = make_profile(target_role="UX Researcher", my_name="Sam Lee", my_role="Marketing Manager",
                      my_background="Eight years of brand research")
    grace = {"full_name": "Grace Kim", "title": "UX Research Lead", "company": "Globex", "title_sim": 0.2,
             "at_target_company": True}
    text = message("first_note", grace, me, introducer="Ana Ruiz")
    assert text.startswith("Hi Grace,") and text.endswith("Sam Lee") and "[your name]" not in text
    for part in ("Ana Ruiz suggested I get in touch", "Marketing Manager", "Eight years of brand research",
                 "UX Research Lead at Globex", "Globex is a place", "UX Researcher"):
        assert part in text
    assert "who else should I talk to?" in message("thank_you", grace, me)
    own = templates_from_settings({"template_first_note": "Hello {first_name}, {my_name} here.", "horizon": "80"})
    assert message("first_note", grace, me, templates=own) == "Hello Grace, Sam Lee here."
    assert check_template("Hi {nme}").startswith("Unstuck does not know {nme}")
    assert check_template("Hi {") and check_template("  ")
    broken = {"first_note": "Hi {nme}"}  # a template that cannot be filled falls back to the standard one
    assert message("first_note", grace, me, templates=broken) == message("first_note", grace, me)


def test_every_status_has_a_next_step_and_a_follow_up_is_asked_for_once():
    from engine.coaching import next_step

    assert next_step(None, STANDARD.rules)[0] == "Write a first message"
    day = date(2026, 11, 2)
    events = history((1, "reached_out", day), (2, "reached_out", day), (2, "follow_up", date(2026, 11, 11)),
                     (3, "reached_out", date(2026, 11, 27)), (4, "drafting", day), (5, "replied", day),
                     (6, "meeting_scheduled", day), (7, "met", day), (8, "declined", day), (9, "no_answer", day))
    states = contact_states(events, date(2026, 11, 12), STANDARD.rules)
    steps = {cid: next_step(state, STANDARD.rules)[0] for cid, state in states.iterrows()}
    assert steps == {1: "Follow up once", 2: "Wait for a reply, then move on", 3: "Wait for a reply",
                     4: "Send your draft", 5: "Agree on a time for the conversation", 6: "Prepare the conversation",
                     7: "Send a thank-you and ask who else to talk to",
                     8: "Ask whether they can recommend someone else", 9: "Closed: on to the next conversation"}
    assert "8 Dec 2026" in next_step(states.loc[3], STANDARD.rules)[1]
