from datetime import date, timedelta

from engine.profile import make_profile
from engine.store import Store

PAGE = "app_pages/contact.py"


def setup(db_path, **profile):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist", **profile))
        ana = store.add_contact(full_name="Ana Ruiz", first_name="Ana", title="Data Scientist", company="Acme")
        ben = store.add_contact(full_name="Ben Kim", title="Nurse", company="Clinic")
    return ana, ben


def open_contact(app, contact_id):
    at = app(PAGE)
    at.selectbox(key="person_pick").set_value(contact_id).run()
    return at


def log(at, kind, note="", energising=False):
    at.selectbox(key="person_log_kind").set_value(kind)
    at.text_input(key="person_log_note").set_value(note)
    at.checkbox(key="person_log_energising").set_value(energising)
    at.button(key="person_log_submit").click().run()
    return at


def test_a_first_message_is_ready_and_outreach_is_logged(app, db_path):
    ana, _ = setup(db_path)
    at = open_contact(app, ana)
    assert not at.exception
    first = at.text_area(key=f"person_first_{ana}").value
    assert first.startswith("Hi Ana,") and "Data Scientist" in first
    log(at, "reached_out", note="sent on LinkedIn")
    with Store(db_path) as store:
        events = store.contact_events(ana)
    assert events["kind"].tolist() == ["reached_out"] and events["note"].tolist() == ["sent on LinkedIn"]
    assert any("reached out" in c.value for c in at.caption)


def test_a_decline_leads_to_a_referral_ask_and_the_referral_ranks_as_a_warm_intro(app, db_path):
    ana, _ = setup(db_path)
    at = open_contact(app, ana)
    log(at, "reached_out")
    log(at, "declined", note="too busy")
    assert any("rarely about you" in i.value or "brave part" in i.value or "dozens" in i.value for i in at.info)
    assert "recommend someone" in at.text_area(key=f"person_ask_{ana}").value
    at.text_input(key="person_ref_name").set_value("Carla Diaz")
    at.text_input(key="person_ref_title").set_value("Senior Data Scientist")
    at.text_input(key="person_ref_company").set_value("Acme")
    at.button(key="person_ref_add").click().run()
    assert not at.exception
    with Store(db_path) as store:
        contacts = store.contacts().set_index("full_name")
        assert contacts.loc["Carla Diaz", "referred_by"] == ana
        assert "referral_given" in store.contact_events(ana)["kind"].tolist()
    today = app()  # the Today page
    first = next(m.value for m in today.markdown if m.value.startswith("**1."))
    assert "Carla Diaz" in first
    assert any("referred by Ana Ruiz" in m.value for m in today.markdown)


def test_still_no_closes_the_contact(app, db_path):
    ana, _ = setup(db_path)
    at = open_contact(app, ana)
    log(at, "reached_out")
    log(at, "declined")
    at.button(key="person_close").click().run()
    with Store(db_path) as store:
        assert store.contact_events(ana)["kind"].tolist()[-1] == "closed"
    assert any("closed" in c.value for c in at.caption)


def test_a_meeting_brings_the_prep_sheet_and_notes_are_saved(app, db_path):
    ana, _ = setup(db_path)
    at = open_contact(app, ana)
    log(at, "reached_out")
    log(at, "meeting_scheduled")
    texts = " ".join(m.value for m in at.markdown)
    for theme in ("Their path", "What they enjoy", "What is hard", "Their view of the industry", "Trends"):
        assert theme in texts
    at.text_area(key=f"person_prep_{ana}").set_value("Ask about the forecasting team")
    at.button(key="person_prep_save").click().run()
    with Store(db_path) as store:
        assert store.contacts().set_index("id").loc[ana, "prep_notes"] == "Ask about the forecasting team"


def test_the_timeline_can_be_edited_and_deleted(app, db_path):
    ana, _ = setup(db_path)
    with Store(db_path) as store:
        first = store.log_event(ana, "reached_out", date.today() - timedelta(days=3))
        store.log_event(ana, "replied", date.today() - timedelta(days=1))
    at = open_contact(app, ana)
    key = f"person_timeline_{ana}"
    at.session_state[key] = {"edited_rows": {0: {"note": "via LinkedIn"}}, "added_rows": [], "deleted_rows": [1]}
    at.run()
    at.button(key="person_timeline_save").click().run()
    with Store(db_path) as store:
        events = store.contact_events(ana)
    assert events["id"].tolist() == [first] and events["note"].tolist() == ["via LinkedIn"]


def test_the_tenth_outreach_is_celebrated_once(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist", reward="a back massage", reward_every=10))
        ids = [store.add_contact(full_name=f"Person {i}", title="Data Analyst") for i in range(12)]
        for contact_id in ids[:9]:
            store.log_event(contact_id, "reached_out", date.today())
    at = app()
    assert not any("Time for your reward" in s.value for s in at.success)
    assert any("Next reward at 10" in c.value and "1 to go" in c.value for c in at.sidebar.caption)
    next(b for b in at.button if b.key and b.key.startswith("today_reached_")).click().run()
    assert any("10 people reached" in s.value and "a back massage" in s.value for s in at.success)
    assert at.get("balloons")
    at.run()  # a rerun does not celebrate again
    assert not any("Time for your reward" in s.value for s in at.success)
    with Store(db_path) as store:
        assert store.rewards()["milestone"].tolist() == [10] and bool(store.rewards()["celebrated"].iloc[0])


def test_today_lists_upcoming_meetings_with_a_link_to_prepare(app, db_path):
    ana, _ = setup(db_path)
    with Store(db_path) as store:
        store.log_event(ana, "reached_out", date.today() - timedelta(days=3))
        store.log_event(ana, "meeting_scheduled", date.today())
    at = app()
    assert any("Coming up: 1 conversation" in m.value for m in at.markdown)


def test_every_email_and_phone_is_shown(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Analyst"))
        ana = store.add_contact(full_name="Ana Ruiz", email="ana@work.example", phone="+1 555 0101")
        store.update_contacts({ana: {"email": "ana@home.example"}})
    at = app(PAGE)
    shown = " ".join(c.value for c in at.caption)
    assert "ana@home" in shown and "ana@work" in shown and "555 0101" in shown


def test_the_industry_of_a_company_is_said_once_for_everyone_there(app, db_path):
    ana, _ = setup(db_path, industries="Fintech")
    with Store(db_path) as store:
        store.add_contact(full_name="Cleo Acme", title="Engineer", company="ACME Inc.")
    at = open_contact(app, ana)
    assert any("does not know Acme's industry" in t.value for t in at.text)
    at.text_input(key="person_industry").set_value("Payments")
    at.button(key="person_industry_save").click().run()
    assert not at.exception
    with Store(db_path) as store:
        assert store.company_industries() == {"acme": "Payments"}
    assert any("You said Acme is in Payments." in t.value for t in at.text)
