"""Time and reminders: the follow-ups due and the conversations coming up, as one list, and as a calendar file.

One list (`agenda`) feeds the Today page, the `.ics` download and `unstuck calendar`, so they always agree. Nothing
is sent anywhere: the calendar file is written for the user to open in their own calendar app.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from engine.outreach import WAITING, FollowUpRules
from engine.words import nice_date

AGENDA_COLUMNS = ["kind", "contact_id", "full_name", "on", "at", "due"]
MEETING_MINUTES = 45  # how long a conversation is put in the calendar for


def follow_up_on(reached_on, rules: FollowUpRules):
    """The day a follow-up falls due after an outreach on `reached_on`: the follow_up_after-th business day after
    it (the day engine.outreach.contact_states first says follow_up_due)."""
    day = np.datetime64(pd.Timestamp(reached_on).date(), "D")
    return np.busday_offset(day, rules.follow_up_after, roll="backward").astype(object)


def agenda(states: pd.DataFrame, events: pd.DataFrame, names: Mapping[int, str], today: date,
           rules: FollowUpRules) -> pd.DataFrame:
    """Follow-ups and upcoming conversations, soonest first, one row each: kind ("follow_up" or "meeting"),
    contact_id, full_name, on (the day: a follow-up's due day, today at the earliest; a meeting's day, or None when
    its date was not logged), at (a meeting's local date and time, else None), due (a follow-up due now).

    A follow-up is listed for everyone waiting on a first outreach not yet followed up (contact_states); a meeting
    for everyone whose status is "meeting planned", at the time of their latest scheduled meeting, unless that
    time has passed."""
    rows = []
    if states is not None and not states.empty:
        waiting = states[states["status"].isin(WAITING) & ~states["followed_up"] & states["reached_on"].notna()]
        for contact_id, state in waiting.iterrows():
            due_on = follow_up_on(state["reached_on"], rules)
            rows.append(("follow_up", int(contact_id), names.get(contact_id, ""), max(due_on, today), None,
                         bool(state["follow_up_due"])))
        meeting_ids = states.index[states["status"] == "meeting"]
        if len(meeting_ids):
            scheduled = events[(events["kind"] == "meeting_scheduled") & events["contact_id"].isin(meeting_ids)]
            if "meeting_at" not in scheduled:
                scheduled = scheduled.assign(meeting_at=pd.NaT)
            order = ["contact_id", "happened_on"] + (["id"] if "id" in scheduled else [])
            latest = scheduled.sort_values(order, kind="stable").groupby("contact_id").tail(1)
            for contact_id, at in zip(latest["contact_id"], latest["meeting_at"], strict=True):
                when = pd.Timestamp(at).to_pydatetime() if pd.notna(at) else None
                if when is not None and when.date() < today:
                    continue  # it took place: log how it went on their page
                rows.append(("meeting", int(contact_id), names.get(contact_id, ""), when.date() if when else None,
                             when, False))
    out = pd.DataFrame(rows, columns=AGENDA_COLUMNS)
    if out.empty:
        return out
    # soonest first; a meeting without a date comes first of all (it needs one), then by day and time
    key = out.apply(lambda r: (r["on"] is not None, r["on"] or today, r["at"] or datetime.min), axis=1)
    return out.iloc[sorted(range(len(out)), key=lambda i: key.iloc[i])].reset_index(drop=True)


def describe(row, today: date) -> str:
    """One agenda row in words: "Follow up with Ana Ruiz: due today", "Conversation with Ben Kim: 3 Dec 2026 at
    14:30", "Conversation with Ben Kim: no date yet" (dates as everywhere: engine.words.nice_date)."""
    who = row["full_name"] or "someone"
    if row["kind"] == "follow_up":
        when = "due today" if row["on"] == today else f"due {nice_date(row['on'])}"
        return f"Follow up with {who}: {when}"
    if row["at"] is None or pd.isna(row["at"]):
        return f"Conversation with {who}: no date yet"
    return f"Conversation with {who}: {nice_date(row['at'])} at {row['at']:%H:%M}"


def to_ics(items: pd.DataFrame, now: datetime | None = None) -> bytes:
    """The agenda as an iCalendar file any calendar app opens: a follow-up as an all-day event on its day, a
    conversation at its local time (floating: the calendar's own time zone) for MEETING_MINUTES. Meetings without
    a date are left out."""
    from icalendar import Calendar, Event

    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Unstuck//networking coach//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Unstuck: follow-ups and conversations")
    for row in items.itertuples(index=False):
        event = Event()
        who = row.full_name or "someone"
        if row.kind == "follow_up":
            event.add("summary", f"Follow up with {who}")
            event.add("description", "One polite follow-up, then move on. Unstuck has a draft ready on their page.")
            event.add("dtstart", row.on)
            event.add("dtend", row.on + timedelta(days=1))
            day = row.on
        elif row.at is not None and not pd.isna(row.at):
            event.add("summary", f"Conversation with {who}")
            event.add("description", "Prepare with the four themes: their path, what they enjoy, what is hard, "
                                     "how they see the industry. Afterwards, send a thank-you note.")
            event.add("dtstart", row.at)
            event.add("dtend", row.at + timedelta(minutes=MEETING_MINUTES))
            day = row.at.date()
        else:
            continue
        event.add("uid", f"unstuck-{row.kind}-{row.contact_id}-{day:%Y%m%d}@unstuck.local")
        event.add("dtstamp", stamp)
        cal.add_component(event)
    return cal.to_ical()
