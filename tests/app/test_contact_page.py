from datetime import date, datetime, time, timedelta

from engine.profile import make_profile
from engine.store import Store
from engine.words import nice_date

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
    assert any("1 conversation coming up" in m.value for m in at.markdown)
    assert any("Conversation with Ana Ruiz: no date yet" in m.value.replace("\\", "") for m in at.markdown)


def test_every_email_phone_and_profile_link_is_shown_with_links_unstuck_builds(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Analyst"))
        ana = store.add_contact(full_name="Ana Ruiz", email="ana@work.example", phone="+1 555 0101",
                                linkedin_url="https://www.linkedin.com/in/ana")
        store.update_contacts({ana: {"email": "ana@home.example"}})
        bad = store.add_contact(full_name="Bad Link", email="x@y.example?bcc=z@q.example",
                                linkedin_url="javascript:alert(1)")
    at = open_contact(app, ana)
    assert [c.value for c in at.code] == ["ana@home.example", "ana@work.example", "+1 555 0101",
                                         "https://www.linkedin.com/in/ana"]
    assert [b.proto.url for b in at.get("link_button")] == [
        "mailto:ana@home.example", "mailto:ana@work.example", "tel:+15550101", "https://www.linkedin.com/in/ana"]
    at.selectbox(key="person_pick").set_value(bad).run()
    assert [c.value for c in at.code] == ["x@y.example?bcc=z@q.example", "javascript:alert(1)"]
    assert not at.get("link_button")  # neither becomes a link
    assert sum("Not a link Unstuck can open" in c.value for c in at.caption) == 2


def test_with_nobody_chosen_the_page_asks_whom_to_open(app, db_path):
    setup(db_path)
    at = app(PAGE)
    assert not at.exception
    assert at.selectbox(key="person_pick").value is None
    assert any("Whom would you like to open?" in i.value for i in at.info)
    assert not [t for t in at.text_area if t.key.startswith("person_first")]  # no message to anyone yet


def test_the_contact_page_shows_the_same_flags_and_reasons_as_today(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist", target_level="mid"))
        boss = store.add_contact(full_name="Vera Boss", title="Data Science Manager", company="Acme")
    today = app()
    card_warnings = [w.value for w in today.warning]
    assert any("could be your boss" in w for w in card_warnings)
    at = open_contact(app, boss)
    assert [w.value for w in at.warning] == card_warnings  # the same engine function, the same words
    at.button(key="person_dismiss_could_be_boss").click().run()
    with Store(db_path) as store:
        assert (boss, "could_be_boss") in store.dismissed_flags()
    assert not any("could be your boss" in w.value for w in at.warning)


def test_a_link_to_a_referral_opens_the_referral_not_the_person_last_shown(app, db_path):
    ana, ben = setup(db_path)
    at = open_contact(app, ana)
    assert any(m.value.startswith("### Ana Ruiz") for m in at.markdown)
    at.query_params["id"] = str(ben)  # what "Open Ben Kim" does: the same page with another id
    at.run()
    assert at.selectbox(key="person_pick").value == ben
    assert any(m.value.startswith("### Ben Kim") for m in at.markdown)
    at.selectbox(key="person_pick").set_value(ana).run()  # and picking by hand still works afterwards
    assert any(m.value.startswith("### Ana Ruiz") for m in at.markdown)


def test_a_follow_up_is_logged_as_one_and_asked_for_once(app, db_path):
    ana, _ = setup(db_path)
    with Store(db_path) as store:
        store.log_event(ana, "reached_out", date.today() - timedelta(days=12))
    at = open_contact(app, ana)
    assert any("Next step: Follow up once" in m.value for m in at.markdown)
    at.button(key="person_log_follow_up").click().run()
    with Store(db_path) as store:
        assert store.contact_events(ana)["kind"].tolist() == ["reached_out", "follow_up"]
    assert any("Next step: Wait for a reply, then move on" in m.value for m in at.markdown)
    assert not any(b.key == "person_log_follow_up" for b in at.button)


def test_a_meeting_gets_a_date_and_time_and_prep_notes_stay_after_it(app, db_path):
    ana, _ = setup(db_path)
    with Store(db_path) as store:
        store.log_event(ana, "reached_out", date.today() - timedelta(days=5))
        store.log_event(ana, "replied", date.today() - timedelta(days=1))
    at = open_contact(app, ana)
    day = date.today() + timedelta(days=3)
    at.date_input(key="person_meeting_day").set_value(day)
    at.time_input(key="person_meeting_time").set_value(time(14, 30))
    at.button(key="person_meeting_save").click().run()
    with Store(db_path) as store:
        events = store.contact_events(ana)
    assert events["kind"].tolist()[-1] == "meeting_scheduled"
    assert events["meeting_at"].tolist()[-1] == datetime.combine(day, time(14, 30))
    assert any(f"You meet on {nice_date(day)} at 14:30" in m.value for m in at.markdown)
    at.text_area(key=f"person_prep_{ana}").set_value("Ask about the forecasting team")
    at.button(key="person_prep_save").click().run()
    log(at, "met")
    assert at.text_area(key=f"person_prep_{ana}").value == "Ask about the forecasting team"
    assert "who else should I talk to?" in at.text_area(key=f"person_thanks_{ana}").value


def test_after_a_meeting_two_referrals_are_logged_in_one_step(app, db_path):
    ana, _ = setup(db_path)
    with Store(db_path) as store:
        store.log_event(ana, "met", date.today() - timedelta(days=1))
    at = open_contact(app, ana)
    at.text_area(key="person_who_else").set_value("Grace Kim\n\nHugo Lind\nGrace Kim")
    at.button(key="person_who_else_add").click().run()
    assert not at.exception
    with Store(db_path) as store:
        people = store.contacts().set_index("full_name")
        assert people.loc[["Grace Kim", "Hugo Lind"], "referred_by"].tolist() == [ana, ana]
        assert store.contact_events(ana)["kind"].tolist() == ["met", "referral_given", "referral_given"]
    assert any("Added 2 referrals" in s.value for s in at.success)
    with Store(db_path) as store:
        grace = int(store.contacts().set_index("full_name").loc["Grace Kim", "id"])
    at.query_params["id"] = str(grace)
    at.run()
    first = at.text_area(key=f"person_first_{grace}").value
    assert "Ana Ruiz suggested I get in touch with you." in first


def add_by_hand(at, **fields):
    for name, value in fields.items():
        widget = at.text_area if name == "notes" else at.text_input
        widget(key=f"person_new_{name}").set_value(value)
    at.button(key="person_new_submit").click().run()
    return at


def test_a_person_added_by_hand_goes_through_the_import_checks(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist"))
        ana = store.add_contact(full_name="Ana Ruiz", email="ana@acme.example", company="Acme")
        mike = store.add_contact(full_name="Michael Brown", company="Stripe")
    at = add_by_hand(app(PAGE), full_name="A. Ruiz", email="ANA@acme.example")
    assert any("Already in your contacts" in w.value and "same email" in w.value for w in at.warning)
    with Store(db_path) as store:
        assert len(store.contacts()) == 2  # not added twice
    at.button(key="person_new_anyway").click().run()
    with Store(db_path) as store:
        assert len(store.contacts()) == 3
        apart = store.possible_duplicates(status="kept_apart")
        assert apart[["a", "b"]].values.tolist() == [[ana, 3]]

    at = add_by_hand(app(PAGE), full_name="Mike Brown", title="Data Scientist")
    assert any("listed on Duplicates" in s.value for s in at.success)
    with Store(db_path) as store:
        queued = store.possible_duplicates()
        new = int(store.contacts().set_index("full_name").loc["Mike Brown", "id"])
    assert queued[["a", "b"]].values.tolist() == [[mike, new]]

    at = add_by_hand(app(PAGE), full_name="  ")
    assert any(e.value.startswith("Name:") for e in at.error)


def test_edits_by_hand_are_kept_and_checked_against_everyone_else(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist"))
        ana = store.add_contact(full_name="Ana Ruiz", email="ana@acme.example")
        ben = store.add_contact(full_name="Ben Kim")
    at = open_contact(app, ben)
    at.text_input(key=f"person_edit_{ben}_title").set_value("Data Scientist")
    at.text_input(key=f"person_edit_{ben}_email").set_value("ana@acme.example")
    at.button(key=f"person_edit_{ben}_submit").click().run()
    assert not at.exception
    assert any("listed on Duplicates" in s.value for s in at.success)
    with Store(db_path) as store:
        person = store.contacts().set_index("id").loc[ben]
        assert person["title"] == "Data Scientist" and "title" in list(person["manual_fields"])
        assert store.possible_duplicates()[["a", "b"]].values.tolist() == [[ana, ben]]


def test_the_reasons_are_those_today_gives(app, db_path):
    ana, _ = setup(db_path, companies="Acme: 5")
    today = app()
    card = [m.value for m in today.markdown if m.value.startswith("- ")][0]
    at = open_contact(app, ana)
    assert card in [m.value for m in at.markdown]  # the same reasons, from the same ranking
    assert "works at a target company" in card


def test_a_meeting_in_the_past_asks_how_it_went(app, db_path):
    ana, _ = setup(db_path)
    with Store(db_path) as store:
        store.log_event(ana, "meeting_scheduled", date.today() - timedelta(days=5),
                        meeting_at=datetime.combine(date.today() - timedelta(days=2), time(9, 0)))
    at = open_contact(app, ana)
    assert any("log below how it went" in i.value for i in at.info)


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
