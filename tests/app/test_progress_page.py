"""The Overview page as the progress dashboard: over the demo, over an empty store, and as the user filters."""

from datetime import date, timedelta

from engine.profile import make_profile
from engine.store import Store

OVERVIEW = "app_pages/progress.py"
PANELS = ["Outreach per week", "The long road", "From outreach to referral", "The road ahead",
          "Closeness of the people you reach", "Practice beside real outreach", "Good moments"]


def text(at) -> list[str]:
    """Markdown as the user reads it (escapes removed)."""
    return [m.value.replace("\\", "") for m in at.markdown]


def takeaway(at, heading: str) -> str:
    lines = text(at)
    return lines[lines.index(f"#### {heading}") + 1]


def test_without_a_profile_the_page_asks_for_one(app):
    at = app(OVERVIEW)
    assert not at.exception
    assert "which career you are aiming for" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_with_a_profile_and_no_history_there_is_nothing_to_chart_yet(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist"))
    at = app(OVERVIEW)
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["People reached"] == "0"
    assert any("Nothing to chart yet" in i.value for i in at.info)
    assert not at.get("vega_lite_chart")


def test_practice_alone_is_already_progress(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist"))
        store.add_practice("Beekeeping", date.today() - timedelta(days=2), person="Neighbour", feeling=3)
    at = app(OVERVIEW)
    assert not at.exception
    assert takeaway(at, "Practice beside real outreach") == ("1 pleasure interview in this view. A little more "
                                                             "practice helps: plan one more pleasure interview this "
                                                             "week and see how it feels.")
    assert takeaway(at, "The road ahead").startswith("Next meeting: too little data to tell")
    assert len(at.get("vega_lite_chart")) == 6


def test_the_demo_shows_every_chart_with_its_takeaway_and_csv(app, demo_store):
    at = app(OVERVIEW)
    assert not at.exception
    headings = [t[5:] for t in text(at) if t.startswith("#### ")]
    assert headings == PANELS
    assert len(at.get("vega_lite_chart")) == 6
    downloads = at.get("download_button")
    names = ("weekly", "road", "funnel", "forecast", "closeness", "practice")
    assert [d.key for d in downloads] == [f"progress_{kind}_{n}" for n in names for kind in ("png", "csv")]
    assert "in a row at or above your goal" in takeaway(at, "Outreach per week")
    assert takeaway(at, "The long road").startswith(f"{at.metric[0].value} of about 80 people reached")
    assert "people replied" in takeaway(at, "From outreach to referral")
    assert takeaway(at, "The road ahead").startswith("Next meeting: about ")
    assert "median closeness" in takeaway(at, "Closeness of the people you reach")
    assert "pleasure interviews" in takeaway(at, "Practice beside real outreach")
    assert "gave you energy" in takeaway(at, "Good moments")
    assert any("Pace\\:" in c.value for c in at.caption)  # escaped: the caption is md() text


def test_every_widget_key_is_prefixed(app, demo_store):
    at = app(OVERVIEW)
    keys = [w.key for w in at.main if getattr(w, "key", None)]
    assert keys and all(k.startswith("progress_") for k in keys)


def test_a_filter_narrows_the_charts(app, demo_store):
    at = app(OVERVIEW)
    before = takeaway(at, "From outreach to referral")
    at.multiselect(key="progress_channels").set_value(["email"]).run()
    assert not at.exception
    after = takeaway(at, "From outreach to referral")
    assert after != before and int(after.split(" of ")[1].split()[0]) < int(before.split(" of ")[1].split()[0])
    assert "Next reward" not in takeaway(at, "The long road")  # rewards count everyone, not a filtered road
    assert at.metric[0].value == app(OVERVIEW).metric[0].value  # the headline stays the whole story


def test_a_date_range_with_no_activity_still_draws(app, demo_store):
    at = app(OVERVIEW)
    long_ago = date.today() - timedelta(days=400)
    at.date_input(key="progress_range").set_value((long_ago, long_ago + timedelta(days=20))).run()
    assert not at.exception
    assert takeaway(at, "From outreach to referral").startswith("Nobody reached")
    assert len(at.get("vega_lite_chart")) == 6


def test_the_horizon_is_a_setting(app, demo_store):
    at = app(OVERVIEW)
    at.number_input(key="progress_horizon").set_value(120).run()
    assert not at.exception
    with Store(demo_store) as store:
        assert store.settings()["horizon"] == "120"
    assert "of about 120 people" in app(OVERVIEW).progress[0].text


def test_too_little_data_is_said_plainly(app, db_path):
    today = date.today()
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist"))
        ids = [store.add_contact(full_name=f"Person {i}", company="Acme", title="Analyst") for i in range(3)]
        for cid in ids:
            store.log_event(cid, "reached_out", today, channel="email")
    at = app(OVERVIEW)
    assert not at.exception
    assert "too little data to tell" in takeaway(at, "The road ahead")


def test_user_text_is_shown_literally(app, db_path):
    today = date.today()
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="Data Scientist", reward="*cake*"))
        cid = store.add_contact(full_name="**Bold** [Ann](http://evil.example)", company="Acme", title="Analyst")
        store.log_event(cid, "reached_out", today - timedelta(days=3))
        store.log_event(cid, "met", today, note="<b>great</b> # talk", energising=True)
    at = app(OVERVIEW)
    assert not at.exception
    moment = next(m.value for m in at.markdown if "great" in m.value)
    assert "\\*\\*Bold\\*\\* \\[Ann\\]\\(http\\:" in moment and "\\<b\\>great\\<" in moment
