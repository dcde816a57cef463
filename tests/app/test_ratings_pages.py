"""Thumbs-up ratings in the app (Today, Contacts) and the target in the user's own words on the Profile page:
one click stores a rating, the list moves, the rating can be taken back; suggested titles can be added or
turned down for good."""

from engine.profile import make_profile
from engine.store import Store

PROFILE = "app_pages/profile.py"
CONTACTS = "app_pages/contacts.py"


def card_ids(at) -> list[int]:
    return [int(b.key.rsplit("_", 1)[1]) for b in at.button if b.key and b.key.startswith("today_snooze_")]


def test_not_relevant_on_today_drops_the_person_and_can_be_undone(app, demo_store):
    at = app()
    first = card_ids(at)[0]
    at.button(key=f"today_rate_not_{first}").click().run()
    assert not at.exception
    with Store(demo_store) as store:
        assert store.ratings().set_index("contact_id")["rating"].to_dict() == {first: "not_relevant"}
    assert first not in card_ids(at)
    assert any("not relevant" in i.value for i in at.info), "the last rating is shown, to take back"
    assert any("1 rating so far" in c.value for c in at.caption)
    at.button(key="today_undo_rating").click().run()
    with Store(demo_store) as store:
        assert store.ratings().empty
    assert card_ids(at)[0] == first


def test_good_on_today_is_stored_shown_and_taken_back_by_a_second_click(app, demo_store):
    at = app()
    at.slider(key="today_top_n").set_value(10).run()
    last = card_ids(at)[-1]
    at.button(key=f"today_rate_good_{last}").click().run()
    with Store(demo_store) as store:
        assert store.ratings()["rating"].tolist() == ["good"]
    ids = card_ids(at)
    assert ids.index(last) < 9, "a good rating lifts them"
    assert any("You rated them: a good person for my target" in c.value for c in at.caption)
    at.button(key=f"today_rate_good_{last}").click().run()
    with Store(demo_store) as store:
        assert store.ratings().empty


def test_contacts_page_rates_the_chosen_contact_and_explains_the_step(app, demo_store):
    at = app(CONTACTS)
    contact_id = at.selectbox(key="contacts_detail").value
    at.button(key=f"contacts_rate_not_{contact_id}").click().run()
    assert not at.exception
    with Store(demo_store) as store:
        assert store.ratings()["contact_id"].tolist() == [contact_id]
    at.selectbox(key="contacts_detail").set_value(contact_id).run()
    lines = [m.value for m in at.markdown if "because you marked them not relevant" in m.value]
    assert lines, "the priority's explanation names the rating's step"
    at.button(key=f"contacts_rate_clear_{contact_id}").click().run()
    with Store(demo_store) as store:
        assert store.ratings().empty


def test_after_enough_ratings_the_pages_say_how_the_list_uses_them(app, demo_store):
    with Store(demo_store) as store:
        ids = store.contacts()["id"].tolist()
        for contact_id in ids[:5]:
            store.rate(contact_id, "good")
        for contact_id in ids[-5:]:
            store.rate(contact_id, "not_relevant")
    at = app()
    words = [c.value for c in at.caption if "your 10 ratings" in c.value]
    assert words and ("Leaning on" in words[0] or "Not leaning on" in words[0])
    assert "held back" in words[0]


def test_profile_page_saves_several_titles_a_level_range_and_adjacent_roles(app, db_path):
    at = app(PROFILE)
    at.text_input(key="profile_role").set_value("UX Researcher; User Researcher")
    at.text_input(key="profile_role_aliases").set_value("Design Researcher")
    at.selectbox(key="profile_level").set_value("mid")
    at.selectbox(key="profile_level_high").set_value("senior")
    at.text_input(key="profile_adjacent").set_value("Product Designer")
    at.button(key="profile_save").click().run()
    assert not at.exception and at.success
    with Store(db_path) as store:
        profile = store.load_profile()
    assert profile.target_roles == ("UX Researcher", "User Researcher", "Design Researcher")
    assert (profile.target_level, profile.level_high, profile.adjacent_roles) == ("mid", "senior",
                                                                                  ("Product Designer",))
    again = app(PROFILE)
    assert again.text_input(key="profile_role_aliases").value == "User Researcher; Design Researcher"
    assert again.selectbox(key="profile_level_high").value == "senior"


def test_a_level_range_upside_down_is_refused_with_a_clear_message(app, db_path):
    at = app(PROFILE)
    at.text_input(key="profile_role").set_value("Nurse")
    at.selectbox(key="profile_level").set_value("senior")
    at.selectbox(key="profile_level_high").set_value("entry")
    at.button(key="profile_save").click().run()
    assert any(e.value.startswith("Up to level:") and "swap" in e.value for e in at.error)
    with Store(db_path) as store:
        assert store.load_profile() is None


def test_suggested_titles_can_be_added_or_turned_down_for_good(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="UX Researcher"))
        for name, title in [("Ana", "User Researcher"), ("Bo", "User Researcher"), ("Cy", "UX Research Lead"),
                            ("Di", "Design Researcher"), ("Ed", "Accountant")]:
            store.add_contact(full_name=name, title=title)
    at = app(PROFILE)
    offered = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")]
    assert "User Researcher" in offered and "Accountant" not in offered
    at.button(key=f"profile_suggest_alias_{offered.index('User Researcher')}").click().run()
    assert not at.exception
    with Store(db_path) as store:
        assert store.load_profile().role_aliases == ("User Researcher",)
    assert at.text_input(key="profile_role_aliases").value == "User Researcher"
    rejected = next(m.value for m in at.markdown if m.value.startswith("**")).split("**")[1]
    at.button(key="profile_suggest_reject_0").click().run()
    with Store(db_path) as store:
        assert store.rejected_titles() == {rejected.replace("\\", "")}
    assert not any(m.value.startswith(f"**{rejected}**") for m in at.markdown)


def test_contact_page_rates_the_person_shown_and_takes_it_back(app, demo_store):
    with Store(demo_store) as store:
        contact_id = int(store.contacts()["id"].iloc[0])
    at = app("app_pages/contact.py")
    at.selectbox(key="person_pick").set_value(contact_id).run()  # with nobody chosen, the page asks whom to open
    assert any("Not rated yet" in c.value for c in at.caption)
    at.button(key=f"person_rate_good_{contact_id}").click().run()
    assert not at.exception
    with Store(demo_store) as store:
        assert store.ratings().set_index("contact_id")["rating"].to_dict() == {contact_id: "good"}
    assert any("Your rating: a good person for my target" in c.value for c in at.caption)
    assert at.button(key=f"person_rate_good_{contact_id}").disabled
    at.button(key=f"person_rate_clear_{contact_id}").click().run()
    with Store(demo_store) as store:
        assert store.ratings().empty
