from datetime import date, timedelta

from engine.store import Store
from engine.words import nice_date


def test_today_lists_the_next_five_with_reasons(app, demo_store):
    at = app()
    assert not at.exception
    names = [m.value for m in at.markdown if m.value.startswith("**1.")]
    assert names, "the first card is shown"
    reasons = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert len(reasons) >= 5
    reached = [b for b in at.button if b.key and b.key.startswith("today_reached_")]
    assert len(reached) == 5


def test_top_n_is_adjustable(app, demo_store):
    at = app()
    at.slider(key="today_top_n").set_value(8).run()
    assert len([b for b in at.button if b.key and b.key.startswith("today_reached_")]) == 8


def test_mark_as_reached_out_logs_it_and_moves_the_queue(app, demo_store):
    at = app()
    first = next(b for b in at.button if b.key and b.key.startswith("today_reached_"))
    contact_id = int(first.key.rsplit("_", 1)[1])
    first.click().run()
    with Store(demo_store) as store:
        events = store.events()
    assert ((events["contact_id"] == contact_id) & (events["kind"] == "reached_out")).any()
    assert f"today_reached_{contact_id}" not in [b.key for b in at.button]


def test_snooze_puts_a_contact_aside(app, demo_store):
    at = app()
    snooze = next(b for b in at.button if b.key and b.key.startswith("today_snooze_"))
    contact_id = int(snooze.key.rsplit("_", 1)[1])
    snooze.click().run()
    with Store(demo_store) as store:
        assert contact_id in store.snoozed(date.today())
    assert f"today_snooze_{contact_id}" not in [b.key for b in at.button]


def test_dismissing_a_flag_is_stored_and_respected(app, db_path):
    from engine.profile import make_profile

    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist", target_level="mid"))
        recruiter = store.add_contact(full_name="Rita Recruiter", title="Technical Recruiter", company="Acme")
        store.add_contact(full_name="Ned Nurse", title="Nurse", company="Clinic")
    at = app()
    warnings = [w.value for w in at.warning]
    assert any("HR or recruiting" in w and "Technical Recruiter" in w for w in warnings)
    key = f"today_dismiss_{recruiter}_hr_or_recruiting"
    at.button(key=key).click().run()
    with Store(db_path) as store:
        assert (recruiter, "hr_or_recruiting") in store.dismissed_flags()
    assert key not in [b.key for b in at.button]
    assert not any("HR or recruiting" in w.value for w in at.warning)


def test_without_contacts_today_leads_to_import(app, db_path):
    from engine.profile import make_profile

    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist"))
    at = app()
    assert "No contacts yet" in at.info[0].value


def test_the_nudge_a_draft_after_setting_changes_today(app, db_path):
    from engine.profile import make_profile

    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist"))
        ana = store.add_contact(full_name="Ana Ruiz", title="Data Scientist", company="Acme")
        store.log_event(ana, "drafting", date.today() - timedelta(days=2))
    at = app()
    assert not at.exception
    assert not any("Waiting in your drafts" in m.value for m in at.markdown), "two days: not yet, by the standard 2"
    at.switch_page("app_pages/profile.py").run()
    at.number_input(key="profile_rule_drafting_nudge_after").set_value(1)
    at.button(key="profile_rules_save").click().run()
    at.switch_page("app_pages/today.py").run()
    assert any(m.value.startswith("**Waiting in your drafts: 1.**") for m in at.markdown)
    assert at.text_area(key=f"today_draft_msg_{ana}").value, "a short version, ready to send"


def test_a_follow_up_due_is_logged_as_a_follow_up_once_then_the_contact_is_closed_later(app, db_path):
    from engine.profile import make_profile

    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist", my_name="Sam Lee"))
        ana = store.add_contact(full_name="Ana Ruiz", title="Data Scientist", company="Acme")
        store.log_event(ana, "reached_out", date.today() - timedelta(days=14))
    at = app()
    keys = [b.key for b in at.button if b.key]
    assert f"today_follow_up_{ana}" in keys and f"today_reached_{ana}" not in keys  # not a second first outreach
    assert at.text_area(key=f"today_follow_{ana}").value.endswith("Sam Lee")
    assert any("1 follow-up due now" in m.value for m in at.markdown)
    at.button(key=f"today_follow_up_{ana}").click().run()
    with Store(db_path) as store:
        assert store.contact_events(ana)["kind"].tolist() == ["reached_out", "follow_up"]
        assert store.people_reached() == 1  # counted once
    keys = [b.key for b in at.button if b.key]
    assert f"today_follow_up_{ana}" not in keys and f"today_reached_{ana}" not in keys
    assert not any("due now" in m.value for m in at.markdown)  # followed up: nothing more to remind


def test_follow_ups_and_meetings_are_one_list_with_a_calendar_download(app, db_path):
    from datetime import datetime, time

    from engine.profile import make_profile

    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist"))
        ana = store.add_contact(full_name="Ana Ruiz", title="Data Scientist")
        ben = store.add_contact(full_name="Ben Kim", title="Data Analyst")
        store.log_event(ana, "reached_out", date.today() - timedelta(days=14))
        store.log_event(ben, "meeting_scheduled", date.today(),
                        meeting_at=datetime.combine(date.today() + timedelta(days=2), time(9, 30)))
    at = app()
    links = [m.value.replace("\\", "").replace("\u2060", "").split(" ", 1)[1] for m in at.markdown
             if m.value.startswith(":material/")]
    assert "Follow up with Ana Ruiz: due today" in links
    day = date.today() + timedelta(days=2)
    assert f"Conversation with Ben Kim: {nice_date(day)} at 09:30" in links
    assert links.index("Follow up with Ana Ruiz: due today") < links.index(
        f"Conversation with Ben Kim: {nice_date(day)} at 09:30")
    (button,) = at.get("download_button")
    assert "calendar" in button.proto.label


def test_today_states_the_flag_rule_in_one_plain_sentence(app, demo_store):
    from engine.scoring import FLAG_RULE

    at = app()
    assert not at.exception
    assert any(FLAG_RULE in c.value for c in at.caption)
