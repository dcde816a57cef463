import json
from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from engine.cli import main
from engine.store import Store


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_target_sets_and_profile_shows_about_you(db_path, capsys):
    run(capsys, "target", "--role", "UX Researcher", "--my-name", "Sam Lee", "--my-role", "Marketing Manager")
    run(capsys, "target", "--my-background", "Eight years of brand research")
    profile = json.loads(run(capsys, "profile", "--json")[1])
    assert (profile["my_name"], profile["my_role"], profile["my_background"]) == (
        "Sam Lee", "Marketing Manager", "Eight years of brand research")
    code, out, _ = run(capsys, "profile")
    assert code == 0 and "You: Sam Lee; now Marketing Manager; background: Eight years of brand research" in out


def test_calendar_writes_the_agenda_as_an_ics_file(db_path, capsys, tmp_path):
    with Store(db_path) as store:
        ana = store.add_contact(full_name="Ana Ruiz")
        ben = store.add_contact(full_name="Ben Kim")
        store.log_event(ana, "reached_out", date.today() - timedelta(days=14))
        when = datetime.combine(date.today() + timedelta(days=1), time(16, 0))
        store.log_event(ben, "meeting_scheduled", date.today(), meeting_at=when)
    out_file = tmp_path / "reminders.ics"
    code, out, err = run(capsys, "calendar", "--out", str(out_file))
    assert code == 0 and "Follow up with Ana Ruiz: due today" in out and "Wrote 2 reminder(s)" in err
    events = {str(e["summary"]): e for e in Calendar.from_ical(out_file.read_bytes()).walk("VEVENT")}
    assert events["Conversation with Ben Kim"].decoded("dtstart") == when
    assert events["Follow up with Ana Ruiz"].decoded("dtstart") == date.today()


def test_a_meeting_logged_from_the_command_line_keeps_its_time(db_path, capsys):
    with Store(db_path) as store:
        ana = store.add_contact(full_name="Ana Ruiz")
    code, _, _ = run(capsys, "outcome", str(ana), "meeting_scheduled", "--at", "2026-12-04 14:30")
    assert code == 0
    with Store(db_path) as store:
        assert store.events()["meeting_at"].tolist() == [datetime(2026, 12, 4, 14, 30)]
    for argv, said in ((["outcome", str(ana), "replied", "--at", "2026-12-04 14:30"], "only a scheduled meeting"),
                       (["outcome", str(ana), "meeting_scheduled", "--at", "next friday"], "not a date and time")):
        with pytest.raises(SystemExit, match=said):
            main(argv)
