from datetime import date, datetime, timedelta

import pandas as pd
from icalendar import Calendar

from engine.outreach import contact_states
from engine.reminders import agenda, describe, follow_up_on, to_ics
from engine.settings import STANDARD

NAMES = {1: "Ana Ruiz", 2: "Ben Kim", 3: "Cy Odu", 4: "Dee Park"}


def events(*rows):
    frame = pd.DataFrame(rows, columns=["contact_id", "kind", "happened_on", "meeting_at"])
    return frame.assign(id=range(1, len(frame) + 1), energising=False, note=None)


def test_a_follow_up_falls_due_the_day_contact_states_says_so():
    reached = date(2026, 11, 20)  # a Friday
    due = follow_up_on(reached, STANDARD.rules)
    ev = events((1, "reached_out", reached, None))
    assert contact_states(ev, due, STANDARD.rules).loc[1, "follow_up_due"]
    assert not contact_states(ev, due - timedelta(days=1), STANDARD.rules).loc[1, "follow_up_due"]
    saturday = follow_up_on(date(2026, 11, 21), STANDARD.rules)
    assert contact_states(events((1, "reached_out", date(2026, 11, 21), None)), saturday,
                          STANDARD.rules).loc[1, "follow_up_due"]


def test_the_agenda_lists_follow_ups_and_upcoming_meetings_once_each_soonest_first():
    today = date(2026, 12, 2)
    ev = events(
        (1, "reached_out", date(2026, 11, 16), None),                    # due since 25 Nov: due today
        (2, "reached_out", date(2026, 12, 1), None),                     # due later
        (3, "reached_out", date(2026, 11, 10), None),
        (3, "meeting_scheduled", date(2026, 11, 12), datetime(2026, 12, 4, 14, 30)),
        (4, "reached_out", date(2026, 11, 10), None),
        (4, "follow_up", date(2026, 11, 20), None),                      # followed up: no second follow-up
    )
    states = contact_states(ev, today, STANDARD.rules)
    items = agenda(states, ev, NAMES, today, STANDARD.rules)
    assert items[["kind", "contact_id"]].values.tolist() == [["follow_up", 1], ["meeting", 3], ["follow_up", 2]]
    assert items["due"].tolist() == [True, False, False]
    assert items.loc[0, "on"] == today
    words = [describe(r, today) for _, r in items.iterrows()]
    assert words == ["Follow up with Ana Ruiz: due today", "Conversation with Cy Odu: 4 Dec 2026 at 14:30",
                     "Follow up with Ben Kim: due 10 Dec 2026"]


def test_a_past_meeting_leaves_the_agenda_and_one_without_a_date_asks_for_it():
    today = date(2026, 12, 2)
    ev = events((1, "meeting_scheduled", date(2026, 11, 20), datetime(2026, 11, 30, 10, 0)),
                (2, "meeting_scheduled", date(2026, 11, 20), None))
    items = agenda(contact_states(ev, today, STANDARD.rules), ev, NAMES, today, STANDARD.rules)
    assert items["contact_id"].tolist() == [2]
    assert describe(items.iloc[0], today) == "Conversation with Ben Kim: no date yet"


def test_the_calendar_file_parses_back_with_every_dated_item():
    today = date(2026, 12, 2)
    ev = events((1, "reached_out", date(2026, 11, 16), None),
                (3, "meeting_scheduled", date(2026, 11, 12), datetime(2026, 12, 4, 14, 30)),
                (2, "meeting_scheduled", date(2026, 11, 20), None))
    items = agenda(contact_states(ev, today, STANDARD.rules), ev, NAMES, today, STANDARD.rules)
    cal = Calendar.from_ical(to_ics(items))
    found = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert set(found) == {"Follow up with Ana Ruiz", "Conversation with Cy Odu"}  # no date: not in the calendar
    assert found["Follow up with Ana Ruiz"].decoded("dtstart") == today
    meeting = found["Conversation with Cy Odu"]
    assert meeting.decoded("dtstart") == datetime(2026, 12, 4, 14, 30)
    assert meeting.decoded("dtend") - meeting.decoded("dtstart") == timedelta(minutes=45)
    assert len({str(e["uid"]) for e in found.values()}) == 2
