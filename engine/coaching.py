"""Coaching: the messages, conversation prompts and nudges that carry the seeker from a name to a conversation.

The words live in data/coaching.json; this module fills them in and decides when each nudge applies.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from engine.outreach import FollowUpRules, business_days_between
from engine.profile import Profile

COACHING_PATH = Path(__file__).resolve().parents[1] / "data" / "coaching.json"
MESSAGES = ("first_note", "follow_up", "referral_ask", "send_it_now")
# reply within this many business days: a quick responder; later: slow but dutiful; never: does not answer
QUICK_REPLY_DAYS = 2
RESPONSIVENESS = {"quick": "quick and helpful", "slow": "slow but dutiful", "silent": "does not answer"}


@cache
def words() -> dict:
    return json.loads(COACHING_PATH.read_text(encoding="utf-8"))


def _first_name(contact) -> str:
    first = contact.get("first_name")
    if isinstance(first, str) and first.strip():
        return first.strip()
    full = str(contact.get("full_name") or "").split()
    return full[0] if full else "there"


def message(kind: str, contact: dict, profile: Profile | None, my_name: str = "") -> str:
    """A ready-to-edit message of one kind, filled from the contact and the profile. Unstuck never sends it."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown message {kind!r}; one of {', '.join(MESSAGES)}")
    company = contact.get("company")
    return words()["messages"][kind].format(
        first_name=_first_name(contact),
        target_role=profile.target_role if profile else "this kind of",
        at_company=f" at {company}" if isinstance(company, str) and company.strip() else "",
        my_name=my_name or "[your name]").strip()


def question_themes() -> list[dict]:
    """The four themes of an informational conversation, each with two example questions."""
    return words()["themes"]


def tiara() -> list[dict]:
    """Question ideas on trends, insights, advice, resources and assignments."""
    return words()["tiara"]


def perspective(seed: int = 0) -> str:
    """One perspective note for after a decline (rotating with the seed)."""
    notes = words()["perspective"]
    return notes[seed % len(notes)]


def drafting_nudges(states: pd.DataFrame, rules: FollowUpRules) -> pd.DataFrame:
    """Contacts left in "drafting" for longer than the user's rules allow (drafting_nudge_after), longest first."""
    if states is None or states.empty:
        return states
    stale = states[(states["status"] == "drafting") & (states["drafting_days"] > rules.drafting_nudge_after)]
    return stale.sort_values("drafting_days", ascending=False)


def follow_ups(states: pd.DataFrame) -> pd.DataFrame:
    """Contacts due one polite follow-up, the longest waiting first."""
    if states is None or states.empty:
        return states
    return states[states["follow_up_due"]].sort_values("waiting_days", ascending=False)


def responsiveness(events: pd.DataFrame, today: date) -> pd.Series:
    """Per contact reached out to: "quick" (replied within QUICK_REPLY_DAYS business days), "slow" (replied
    later), "silent" (closed or no answer without a reply), or absent while it is too early to tell."""
    if events is None or events.empty:
        return pd.Series(dtype=object, name="responsiveness")
    ev = events.assign(happened_on=pd.to_datetime(events["happened_on"]))
    first_out = ev[ev["kind"] == "reached_out"].groupby("contact_id")["happened_on"].min()
    replied = ev[ev["kind"].isin(["replied", "meeting_scheduled", "met", "declined", "referral_given"])]
    first_reply = replied.groupby("contact_id")["happened_on"].min().reindex(first_out.index)
    ended = ev[ev["kind"].isin(["closed", "no_answer"])].groupby("contact_id").size().reindex(first_out.index)
    label = pd.Series(None, index=first_out.index, dtype=object, name="responsiveness")
    answered = first_reply.notna()
    if answered.any():
        delay = business_days_between(first_out[answered], today) - business_days_between(first_reply[answered],
                                                                                              today)
        label[answered] = ["quick" if d <= QUICK_REPLY_DAYS else "slow" for d in delay]
    label[~answered & ended.notna()] = "silent"
    return label.dropna()


def good_moments(events: pd.DataFrame, contacts: pd.DataFrame | None = None, n: int = 3
                 ) -> tuple[int, pd.DataFrame]:
    """How many conversations were marked energising, and the latest `n` of them, newest first: contact_id,
    full_name (from `contacts`, or the events' own column), happened_on, note. Today, Contact and Progress all
    remind the user of good moments with this."""
    cols = ["contact_id", "full_name", "happened_on", "note"]
    if events is None or events.empty:
        return 0, pd.DataFrame(columns=cols)
    good = events[events["energising"].fillna(False).astype(bool)]
    latest = good.sort_values(["happened_on"] + (["id"] if "id" in good else []), ascending=False,
                              kind="stable").head(n)
    if contacts is not None:
        names = contacts.set_index("id")["full_name"] if len(contacts) else pd.Series(dtype=object)
        latest = latest.assign(full_name=latest["contact_id"].map(names))
    return len(good), latest.reindex(columns=cols)


def good_moments_takeaway(count: int) -> str:
    if not count:
        return ("No conversation marked energising in this view yet: mark the ones that lift you, "
                "to come back to them.")
    talks = "conversation" if count == 1 else "conversations"
    return f"{count} {talks} gave you energy. Come back to them when the road feels long."
