"""Outreach rules: what each logged event means for a contact's status, and when a follow-up is due.

The rules are data (the tables below), read top to bottom like a coach's checklist; the functions apply them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

STATUSES = ("to_approach", "drafting", "reached_out", "replied", "meeting", "met", "declined", "closed")
STATUS_LABELS = {"to_approach": "to approach", "drafting": "drafting", "reached_out": "reached out",
                 "replied": "replied", "meeting": "meeting planned", "met": "met", "declined": "declined",
                 "closed": "closed"}

# event kind -> the status it leaves the contact in (None: the event does not change the status)
EVENT_STATUS = {
    "drafting": "drafting",
    "reached_out": "reached_out",
    "follow_up": "reached_out",
    "replied": "replied",
    "meeting_scheduled": "meeting",
    "met": "met",
    "declined": "declined",
    "referral_given": None,
    "no_answer": "closed",
    "closed": "closed",
}
EVENT_KINDS = tuple(EVENT_STATUS)
OUTCOMES = ("replied", "meeting_scheduled", "met", "declined", "referral_given", "no_answer")
CHANNELS = ("email", "linkedin", "phone", "in_person", "event", "video call", "other")
WAITING = {"reached_out"}  # statuses in which the seeker waits for the other person
# Business days of silence after which a first message has gone quiet for good: a follow-up months later (an
# imported history holds many) helps no one, so the contact is closed rather than listed as due.
QUIET_AFTER = 30


@dataclass(frozen=True)
class FollowUpRules:
    """The user's follow-up rhythm: engine.settings.read_settings builds it, with the standard days where unset."""
    try_colleague_after: int    # business days without reply: try the next person at the same company
    follow_up_after: int        # business days without reply: one polite follow-up
    close_after_follow_up: int  # business days after the follow-up: close and move on
    drafting_nudge_after: int   # calendar days a draft may sit before "send it now"


def business_days_between(start, end) -> np.ndarray:
    """Business days (Mon-Fri) from start to end, not counting start: Friday -> Monday is 1. Each of start and
    end is one day or many (element-wise). Follow-up timing, responsiveness and the reply model all count so."""
    return np.busday_count(_days(start) + 1, _days(end) + 1)


def _days(when) -> np.ndarray:
    if np.ndim(when) == 0:
        return np.datetime64(pd.Timestamp(when).date(), "D")
    return pd.to_datetime(pd.Series(when)).to_numpy(dtype="datetime64[D]")


def contact_states(events: pd.DataFrame, today: date, rules: FollowUpRules) -> pd.DataFrame:
    """One row per contact that has events, indexed by contact_id.

    Columns: status, last_on (date of the status-setting event), reached_on (last outreach or follow-up),
    followed_up, waiting_days (business days since reached_on while waiting), drafting_days,
    try_colleague, follow_up_due, referrals (how many referrals the contact gave).
    """
    columns = ["status", "last_on", "reached_on", "followed_up", "waiting_days", "drafting_days",
               "try_colleague", "follow_up_due", "referrals"]
    if events is None or events.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="contact_id"))
    ev = events.assign(happened_on=pd.to_datetime(events["happened_on"]), status=events["kind"].map(EVENT_STATUS))
    order = ["contact_id", "happened_on"] + (["id"] if "id" in ev else [])
    ev = ev.sort_values(order, kind="stable")
    setting = ev.dropna(subset=["status"])
    last = setting.groupby("contact_id").tail(1).set_index("contact_id")
    out = pd.DataFrame(index=pd.Index(ev["contact_id"].unique(), name="contact_id"))
    out["status"] = last["status"].reindex(out.index).fillna("to_approach")
    out["last_on"] = last["happened_on"].reindex(out.index)
    reach = ev[ev["kind"].isin(["reached_out", "follow_up"])].groupby("contact_id")["happened_on"].max()
    out["reached_on"] = reach.reindex(out.index)
    # a follow-up counts only if it came after the latest first outreach
    first = ev[ev["kind"] == "reached_out"].groupby("contact_id")["happened_on"].max()
    follow = ev[ev["kind"] == "follow_up"].groupby("contact_id")["happened_on"].max()
    out["followed_up"] = (follow.reindex(out.index) >= first.reindex(out.index)).fillna(False).astype(bool)
    waiting = out["status"].isin(WAITING) & out["reached_on"].notna()
    days = pd.Series(0, index=out.index)
    if waiting.any():
        days[waiting] = business_days_between(out.loc[waiting, "reached_on"], today)
    out["waiting_days"] = days.where(waiting, 0).astype(int)
    drafting = out["status"] == "drafting"
    out["drafting_days"] = ((pd.Timestamp(today) - out["last_on"]).dt.days.where(drafting, 0)).fillna(0).astype(int)
    quiet = waiting & (out["waiting_days"] >= max(QUIET_AFTER, rules.follow_up_after + rules.close_after_follow_up))
    out["try_colleague"] = waiting & ~out["followed_up"] & (out["waiting_days"] >= rules.try_colleague_after) & ~quiet
    out["follow_up_due"] = waiting & ~out["followed_up"] & (out["waiting_days"] >= rules.follow_up_after) & ~quiet
    closing = waiting & out["followed_up"] & (out["waiting_days"] >= rules.close_after_follow_up) | quiet
    out.loc[closing, "status"] = "closed"  # followed up once (or gone quiet long ago), still silent: move on
    out["referrals"] = ev[ev["kind"] == "referral_given"].groupby("contact_id").size().reindex(out.index).fillna(0)
    out["referrals"] = out["referrals"].astype(int)
    for col in ("last_on", "reached_on"):
        out[col] = out[col].dt.date
    return out[columns]
