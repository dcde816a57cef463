from engine.profile import TargetCompany, make_profile
from engine.store import Store

PROFILE = "app_pages/profile.py"


def fill(at, **values):
    for key, value in values.items():
        next(w for w in at.main if getattr(w, "key", None) == f"profile_{key}").set_value(value)
    at.button(key="profile_save").click().run()
    return at


def test_fill_save_and_see_it_after_a_reload(app, db_path):
    at = fill(app(PROFILE), role="Data Scientist", level="senior", industries="Healthcare, Fintech",
              keywords="machine learning", companies="Northwind Health: 5\nLumen Bank", hr_target=False,
              weekly_goal=6, reward="a back massage", reward_every=8)
    assert not at.exception
    assert [s.value for s in at.success] and "Saved" in at.success[0].value
    with Store(db_path) as store:
        profile = store.load_profile()
    assert profile.target_role == "Data Scientist" and profile.target_level == "senior"
    assert profile.companies == (TargetCompany("Northwind Health", 5), TargetCompany("Lumen Bank", 3))
    assert (profile.weekly_goal, profile.reward, profile.reward_every) == (6, "a back massage", 8)

    reloaded = app(PROFILE)
    assert reloaded.text_input(key="profile_role").value == "Data Scientist"
    assert reloaded.selectbox(key="profile_level").value == "senior"
    assert reloaded.text_area(key="profile_companies").value == "Northwind Health: 5\nLumen Bank: 3"
    assert reloaded.number_input(key="profile_weekly_goal").value == 6


def test_bad_input_shows_clear_messages_and_saves_nothing(app, db_path):
    at = fill(app(PROFILE), role="   ", companies="Acme: 9")
    errors = [e.value for e in at.error]
    assert any(e.startswith("Target role:") for e in errors)
    assert any("Target companies" in e and "1 to 5" in e for e in errors)
    assert not at.success
    with Store(db_path) as store:
        assert store.load_profile() is None


def test_hr_target_switch_round_trips(app, db_path):
    fill(app(PROFILE), role="Talent Acquisition Partner", hr_target=True)
    with Store(db_path) as store:
        assert store.load_profile().hr_target is True
    assert app(PROFILE).toggle(key="profile_hr_target").value is True


def test_progress_without_a_profile_leads_to_the_profile_page(app):
    at = app("app_pages/progress.py")
    assert "which career you are aiming for" in at.info[0].value
    assert not at.metric


def test_overview_with_the_demo_shows_the_road(app, demo_store):
    at = app("app_pages/progress.py")
    labels = {m.label: m.value for m in at.metric}
    assert int(labels["People reached"]) > 30
    assert "/" in labels["This week"]
    bar = at.progress[0]
    assert bar.text.startswith("The long road") and 30 < bar.value < 100


def test_sidebar_names_the_store_and_removes_the_demo(app, demo_store):
    at = app()
    assert any(demo_store.name in c.value for c in at.sidebar.caption)
    assert any("demo data" in i.value for i in at.sidebar.info)
    at.sidebar.button(key="sidebar_remove_demo").click().run()
    assert not at.exception
    with Store(demo_store) as store:
        assert store.counts()["contacts"] == 0 and not store.has_demo()
    assert not any("demo data" in i.value for i in at.sidebar.info)


def test_follow_up_rhythm_is_a_setting(app, db_path):
    at = app(PROFILE)
    at.number_input(key="profile_rule_follow_up_after").set_value(5)
    at.button(key="profile_rules_save").click().run()
    with Store(db_path) as store:
        assert store.settings()["follow_up_after"] == "5"
    assert app(PROFILE).number_input(key="profile_rule_follow_up_after").value == 5


def test_about_you_is_saved_and_signs_the_drafts(app, db_path):
    with Store(db_path) as store:
        ana = store.add_contact(full_name="Ana Ruiz", title="UX Researcher", company="Acme")
    at = fill(app(PROFILE), role="UX Researcher", my_name="Sam Lee", my_role="Marketing Manager",
              my_background="Eight years of brand research")
    assert not at.exception and not at.error
    with Store(db_path) as store:
        profile = store.load_profile()
    assert (profile.my_name, profile.my_role, profile.my_background) == ("Sam Lee", "Marketing Manager",
                                                                         "Eight years of brand research")
    assert app(PROFILE).text_input(key="profile_my_name").value == "Sam Lee"
    contact = app("app_pages/contact.py")
    contact.selectbox(key="person_pick").set_value(ana).run()
    first = contact.text_area(key=f"person_first_{ana}").value
    assert first.endswith("Sam Lee") and "Marketing Manager" in first and "brand research" in first


def test_a_template_is_edited_checked_and_reset(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="UX Researcher", my_name="Sam Lee"))
    at = app(PROFILE)
    at.selectbox(key="profile_template_kind").set_value("first_note").run()
    at.text_area(key="profile_template_first_note").set_value("Hi {first_name}, coffee? {nme}").run()
    at.button(key="profile_template_save").click().run()
    assert any("Unstuck does not know {nme}" in e.value for e in at.error)
    with Store(db_path) as store:
        assert "template_first_note" not in store.settings()
    at.text_area(key="profile_template_first_note").set_value("Hi {first_name}, coffee? {my_name}").run()
    at.button(key="profile_template_save").click().run()
    assert "Hi Ana, coffee? Sam Lee" in [t.value for t in at.text]
    with Store(db_path) as store:
        assert store.settings()["template_first_note"] == "Hi {first_name}, coffee? {my_name}"
    at.button(key="profile_template_reset_button").click().run()
    with Store(db_path) as store:
        assert "template_first_note" not in store.settings()
    assert at.text_area(key="profile_template_first_note").value.startswith("Hi {first_name},\n\n{introduced_by}")
