"""The practice page, run on its own (it joins st.navigation later) over a fresh store or the demo."""

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from engine.practice import guide
from engine.store import Store

PAGE = "app_pages/practice.py"


@pytest.fixture
def page(page_alone):
    """Run the page directly over the test's store (UNSTUCK_DB points at db_path)."""
    return lambda: page_alone(PAGE)


def stored(db_path):
    with Store(db_path) as store:
        return store.practice()


def log_one(at, topic="Beekeeping", *, person="Neighbour with hives", feeling=5, learned="Bees recognise faces",
            observed=False) -> AppTest:
    at.text_input(key="practice_topic").set_value(topic)
    at.text_input(key="practice_person").set_value(person)
    at.select_slider(key="practice_feeling").set_value(feeling)
    at.text_area(key="practice_learned").set_value(learned)
    at.checkbox(key="practice_observed").set_value(observed)
    return at.button(key="practice_log_it").click().run()


def plain(markdown: str) -> str:
    """Markdown as read, with app_pages.shared.md's escapes undone."""
    return markdown.replace("\\", "").replace("\u2060", "")  # and engine.inert's invisible word joiners


def ideas(at) -> set[str]:
    """The topic ideas on show (each a one-line bold title)."""
    return {plain(m.value).strip("*") for m in at.markdown if m.value.startswith("**") and "\n" not in m.value}


def texts(elements) -> str:
    return "\n".join(e.value for e in elements)


def test_an_empty_store_explains_the_exercise_and_invites_a_first_one(page):
    at = page()
    assert at.title[0].value == "Practice"
    assert "No practice yet" in texts(at.info)
    assert not at.success
    about = texts(at.markdown)
    assert "pleasure interview" in about and "a friend" in about.lower()
    assert all(q in about for q in guide()["questions"])
    assert len([b for b in at.button if b.key.startswith("practice_use_")]) == 3
    assert any(c.value.startswith("Nothing logged in the last 8 weeks") for c in at.caption)
    assert not at.get("vega_lite_chart"), "no chart of nothing"
    assert "Nothing logged yet" in texts(at.info) and not at.data_editor


def test_logging_a_practice_interview_lands_in_the_store_and_clears_the_form(page, db_path):
    at = log_one(page(), "  Sourdough   baking ", person="The baker around the corner", feeling=4,
                 learned="Starters need patience", observed=True)
    assert not at.exception and not at.error
    saved = stored(db_path)
    assert len(saved) == 1
    row = saved.iloc[0]
    assert (row["topic"], row["person"], row["feeling"], row["learned"], bool(row["observed"])) == \
        ("Sourdough baking", "The baker around the corner", 4, "Starters need patience", True)
    assert row["happened_on"].date() == date.today()
    assert at.text_input(key="practice_topic").value == ""
    assert at.select_slider(key="practice_feeling").value == 3
    shown = at.data_editor(key="practice_log").value
    assert shown["topic"].tolist() == ["Sourdough baking"]


def test_a_practice_interview_can_be_dated_in_the_past(page, db_path):
    at = page()
    last_week = date.today() - timedelta(days=7)
    at.date_input(key="practice_date").set_value(last_week)
    log_one(at)
    assert stored(db_path)["happened_on"].dt.date.tolist() == [last_week]


def test_a_missing_topic_shows_a_message_and_saves_nothing(page, db_path):
    at = log_one(page(), "   ")
    assert any(plain(e.value).startswith("Topic: say what you talked about") for e in at.error)
    assert stored(db_path).empty
    assert at.text_input(key="practice_person").value == "Neighbour with hives", "what was typed stays"


def test_three_easy_practice_interviews_say_you_are_ready(page):
    at = page()
    assert "No practice yet" in texts(at.info)
    log_one(at, "Beekeeping", feeling=2)
    assert "felt hard" in texts(at.info) and "friend watching" in texts(at.info)
    for topic in ("Chess", "Pottery", "Sailing"):
        log_one(at, topic, feeling=5)
    assert not at.exception
    assert "You're ready: try a real outreach this week" in texts(at.success)


def test_use_this_topic_fills_the_form_with_the_idea(page):
    at = page()
    idea = at.button(key="practice_use_1").click().run()
    topic = idea.text_input(key="practice_topic").value
    by_topic = {t["topic"]: t["who"] for t in guide()["topics"]}
    assert topic in by_topic
    assert topic in ideas(at)
    assert by_topic[topic] in at.text_input(key="practice_person").placeholder


def test_other_ideas_shuffle_and_topics_done_are_not_suggested(page, db_path):
    every = {t["topic"] for t in guide()["topics"]}
    with Store(db_path) as store:
        for topic in sorted(every)[:-4]:
            store.add_practice(topic, date.today(), feeling=4)
    at = page()
    first = ideas(at)
    assert len(first) == 3
    at.button(key="practice_more").click().run()
    second = ideas(at)
    left = set(sorted(every)[-4:])
    assert first <= left and second <= left


def test_delete_asks_for_confirmation_and_removes_only_that_entry(page, db_path):
    with Store(db_path) as store:
        keep = store.add_practice("Chess", date.today() - timedelta(days=3), feeling=3)
        gone = store.add_practice("Pottery", date.today(), feeling=4)
    at = page()
    at.selectbox(key="practice_delete_choice").set_value(gone)
    at.button(key="practice_delete").click().run()
    assert not at.exception
    assert stored(db_path)["id"].tolist() == [keep]
    assert at.data_editor(key="practice_log").value["topic"].tolist() == ["Chess"]


def test_edits_in_the_log_are_saved_and_bad_ones_are_refused(page, db_path):
    with Store(db_path) as store:
        first = store.add_practice("Chess", date.today() - timedelta(days=3), feeling=2, person="A friend")
    at = page()
    at.session_state["practice_log"] = {"edited_rows": {0: {"feeling": 4, "learned": "Openings matter less"}},
                                        "added_rows": [], "deleted_rows": []}
    at.button(key="practice_save").click().run()
    assert not at.exception and not at.error
    row = stored(db_path).set_index("id").loc[first]
    assert (row["feeling"], row["learned"], row["person"]) == (4, "Openings matter less", "A friend")

    at.session_state["practice_log"] = {"edited_rows": {0: {"topic": ""}}, "added_rows": [], "deleted_rows": []}
    at.button(key="practice_save").click().run()
    assert any(e.value.startswith("Nothing saved") for e in at.error)
    assert stored(db_path)["topic"].tolist() == ["Chess"]


def test_user_text_is_shown_literally(page, db_path):
    with Store(db_path) as store:
        store.add_practice("**Bold** [link](http://x)", date.today(), feeling=3, person="<b>me</b>")
    at = page()
    assert at.data_editor(key="practice_log").value["topic"].tolist() == ["**Bold** [link](http://x)"]
    at.session_state["practice_log"] = {"edited_rows": {0: {"feeling": 9}}, "added_rows": [], "deleted_rows": []}
    at.button(key="practice_save").click().run()
    refused = next(e.value for e in at.error if "Nothing saved" in e.value)
    assert "\\*\\*Bold\\*\\*" in refused and "**Bold** [link](http://x)" in plain(refused)


def test_the_demo_renders_with_practice_beside_outreach(page, demo_store):
    at = page()
    assert "You're ready" in texts(at.success)
    assert len(at.data_editor(key="practice_log").value) == 5
    assert any("practice interviews and" in c.value and "real outreach" in c.value for c in at.caption)
    assert at.get("vega_lite_chart"), "the chart is drawn"
