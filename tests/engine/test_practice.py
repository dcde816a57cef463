import math
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from engine.charts import practice_weeks_chart
from engine.practice import (
    EASY,
    HARD,
    READY_AT_LEAST,
    READY_LAST,
    RECENT_DAYS,
    PracticeError,
    guide,
    make_practice,
    practice_edits,
    practice_log,
    practice_vs_outreach,
    readiness,
    suggest_topics,
    takeaway,
    view_takeaway,
)

TODAY = date(2026, 11, 26)  # a Thursday


def practice(*rows) -> pd.DataFrame:
    """Practice interviews from (days ago, feeling) pairs, as the store returns them."""
    return pd.DataFrame({
        "id": range(1, len(rows) + 1),
        "topic": [f"Topic {i}" for i in range(1, len(rows) + 1)],
        "person": ["A neighbour"] * len(rows),
        "happened_on": pd.to_datetime([TODAY - timedelta(days=ago) for ago, _ in rows]),
        "feeling": pd.array([f for _, f in rows], dtype="Int64"),
        "learned": [None] * len(rows),
        "observed": [False] * len(rows),
    })


def events(*days_and_kinds) -> pd.DataFrame:
    return pd.DataFrame({"contact_id": range(1, len(days_and_kinds) + 1),
                         "kind": [k for _, k in days_and_kinds],
                         "happened_on": pd.to_datetime([d for d, _ in days_and_kinds])})


# -- the shipped guide -----------------------------------------------------------------------------------------


def test_the_guide_explains_the_exercise_and_ships_questions_and_topics():
    g = guide()
    assert {"what", "why", "fun", "observer"} <= set(g["exercise"])
    assert 5 <= len(g["questions"]) <= 8
    assert len(g["topics"]) >= 24
    assert all(t["topic"].strip() and t["who"].strip() for t in g["topics"])
    assert len({t["topic"].casefold() for t in g["topics"]}) == len(g["topics"]), "no topic twice"


# -- suggestions ---------------------------------------------------------------------------------------------


TOPICS = [{"topic": t, "who": "someone"} for t in ("Bees", "Bread", "Chess", "Clocks", "Dogs")]


@pytest.mark.parametrize("seed", [0, 1, 7, 2026])
def test_suggestions_are_deterministic_for_a_seed(seed):
    assert suggest_topics([], seed) == suggest_topics([], seed)
    assert len(suggest_topics([], seed)) == 3


def test_different_seeds_give_different_ideas():
    picks = {tuple(t["topic"] for t in suggest_topics([], seed)) for seed in range(10)}
    assert len(picks) > 1


@pytest.mark.parametrize(("done", "left"), [
    ([], {"Bees", "Bread", "Chess", "Clocks", "Dogs"}),
    (["Bees"], {"Bread", "Chess", "Clocks", "Dogs"}),
    (["  bread ", "CHESS"], {"Bees", "Clocks", "Dogs"}),  # case and spacing do not matter
    (["Bees", "Bread", "Chess", "Clocks"], {"Dogs"}),
    (["Bees", "Bread", "Chess", "Clocks", "Dogs"], set()),
    ([None, float("nan"), "Something else"], {"Bees", "Bread", "Chess", "Clocks", "Dogs"}),
])
def test_suggestions_never_repeat_a_topic_already_done(done, left):
    for seed in range(20):
        picked = suggest_topics(done, seed, n=3, topics=TOPICS)
        assert {t["topic"] for t in picked} <= left
        assert len(picked) == min(3, len(left))
        assert len({t["topic"] for t in picked}) == len(picked)


def test_suggestions_carry_who_might_know():
    idea = suggest_topics([], 1, n=1)[0]
    assert set(idea) == {"topic", "who"} and idea["who"]


def test_suggestions_do_not_let_the_caller_change_the_shipped_list():
    suggest_topics([], 1, n=1)[0]["topic"] = "changed"
    assert all(t["topic"] != "changed" for t in guide()["topics"])


# -- readiness ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("history", "level"), [
    ((), "start"),
    (((-3, 5),), "start"),  # only a planned one in the future: nothing has happened yet
    (((2, 5),), "more"),  # one easy one: encourage one more
    (((2, 3),), "more"),
    (((2, 1),), "hard"),  # one hard one is already worth normalising
    (((10, 4), (3, 4)), "ready"),  # two easy ones are enough
    (((20, 3), (10, 4), (3, 5)), "ready"),  # average 4.0 is easy
    (((20, 5), (10, 3), (3, 3)), "steady"),  # average 3.67
    (((20, 2), (10, 2), (3, 2)), "hard"),  # average 2.0 is hard
    (((20, 1), (10, 3), (3, 3)), "steady"),  # average 2.33: in between
    (((30, 1), (20, 5), (10, 5), (3, 5)), "ready"),  # only the latest three count
    (((30, 5), (20, 2), (10, 1), (3, 1)), "hard"),  # and the other way round
    (((60, 5), (50, 5), (45, 5)), "more"),  # easy, but more than six weeks ago
    (((60, 5), (50, 5), (3, 5)), "more"),  # one recent
    (((RECENT_DAYS - 1, 5), (3, 5)), "ready"),  # just inside the window
    (((RECENT_DAYS, 5), (3, 5)), "more"),  # just outside it
])
def test_readiness_rules(history, level):
    result = readiness(practice(*history), TODAY)
    assert result.level == level
    assert result.ready is (level == "ready")


def test_readiness_thresholds_are_the_ones_the_product_describes():
    assert (READY_LAST, READY_AT_LEAST, EASY, HARD) == (3, 2, 4.0, 2.0)
    assert 35 <= RECENT_DAYS <= 49  # about six weeks


def test_unrated_interviews_are_not_weighed():
    history = practice((10, 5), (5, 5), (2, 5))
    history["feeling"] = pd.array([5, 5, None], dtype="Int64")
    result = readiness(history, TODAY)
    assert (result.level, result.rated, result.average) == ("ready", 2, 5.0)


@pytest.mark.parametrize(("history", "words"), [
    ((), "No practice yet"),
    (((2, 4),), "one more"),
    (((10, 2), (3, 1)), "normal"),
    (((10, 2), (3, 1)), "friend watching"),
    (((10, 3), (3, 3)), "average 3.0 of 5"),
    (((10, 4), (3, 5)), "You're ready: try a real outreach this week"),
    (((10, 4), (3, 5)), "average 4.5 of 5"),
])
def test_readiness_speaks_plain_words(history, words):
    assert words in readiness(practice(*history), TODAY).message


# -- practice beside outreach ------------------------------------------------------------------------------------


def test_weekly_table_over_an_empty_history_has_every_week_at_zero():
    empty_practice = practice()
    empty_events = pd.DataFrame(columns=["contact_id", "kind", "happened_on"])
    weekly = practice_vs_outreach(empty_practice, empty_events, TODAY, weeks=4)
    assert list(weekly.columns) == ["week", "practice", "outreach", "feeling"]
    assert weekly["week"].dt.date.tolist() == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16),
                                              date(2026, 11, 23)]
    assert weekly["practice"].tolist() == [0] * 4 and weekly["outreach"].tolist() == [0] * 4
    assert weekly["feeling"].isna().all()


def test_weekly_table_counts_one_practice_in_its_week():
    weekly = practice_vs_outreach(practice((3, 4)), events(), TODAY, weeks=3)  # Monday 23 Nov
    assert weekly["practice"].tolist() == [0, 0, 1]
    assert weekly["feeling"].iloc[-1] == 4.0 and weekly["feeling"].iloc[:2].isna().all()


def test_weekly_table_keeps_empty_weeks_and_counts_only_real_outreach():
    history = events((date(2026, 11, 2), "reached_out"), (date(2026, 11, 3), "replied"),
                     (date(2026, 11, 24), "reached_out"), (date(2026, 11, 27), "reached_out"))  # last: future
    weekly = practice_vs_outreach(practice((24, 2), (23, 4), (9, 1)), history, TODAY, weeks=4)
    assert weekly["outreach"].tolist() == [1, 0, 0, 1]
    assert weekly["practice"].tolist() == [2, 0, 1, 0]
    assert weekly["feeling"].iloc[0] == 3.0 and math.isnan(weekly["feeling"].iloc[1])


def test_weekly_table_ignores_practice_outside_the_window_or_in_the_future():
    weekly = practice_vs_outreach(practice((100, 5), (-2, 5)), events(), TODAY, weeks=8)
    assert weekly["practice"].sum() == 0


def test_weeks_start_on_monday_even_when_today_is_a_monday():
    monday = date(2026, 11, 23)
    weekly = practice_vs_outreach(practice(), events((monday, "reached_out")), monday, weeks=2)
    assert weekly["week"].dt.date.tolist() == [date(2026, 11, 16), monday]
    assert weekly["outreach"].tolist() == [0, 1]


def test_chart_draws_both_series_on_one_time_axis():
    weekly = practice_vs_outreach(practice((3, 4)), events((date(2026, 11, 24), "reached_out")), TODAY, weeks=2)
    spec = practice_weeks_chart(weekly).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "label" and spec["encoding"]["xOffset"]["field"] == "series"
    rows = next(iter(spec["datasets"].values()))
    assert {(r["label"], r["series"], r["count"]) for r in rows} == {
        ("16 Nov", "Practice interviews", 0), ("16 Nov", "Real outreach", 0),
        ("23 Nov", "Practice interviews", 1), ("23 Nov", "Real outreach", 1)}


@pytest.mark.parametrize(("practice_counts", "outreach_counts", "words"), [
    ([0, 0, 0], [0, 0, 0], "Nothing logged in the last 3 weeks"),
    ([1, 0, 0], [0, 0, 0], "1 practice interview in the last 3 weeks and no real outreach yet"),
    ([0, 0, 0], [0, 2, 1], "3 real outreaches in the last 3 weeks and no practice"),
    ([2, 1, 0], [0, 1, 4], "3 practice interviews and 5 real outreaches in the last 3 weeks: practice came first"),
    ([0, 1, 0], [1, 0, 0], "1 practice interview and 1 real outreach in the last 3 weeks."),
])
def test_takeaway_is_one_plain_line(practice_counts, outreach_counts, words):
    weekly = pd.DataFrame({"week": pd.to_datetime(["2026-11-09", "2026-11-16", "2026-11-23"]),
                           "practice": practice_counts, "outreach": outreach_counts, "feeling": [float("nan")] * 3})
    line = takeaway(weekly)
    assert line.startswith(words) and "\n" not in line


# -- validation ---------------------------------------------------------------------------------------------------


def valid(**overrides) -> dict:
    return {"topic": "Sourdough baking", "happened_on": TODAY, "today": TODAY, "person": "The baker",
            "feeling": 4, "learned": "Patience", "observed": True} | overrides


def test_a_valid_entry_is_cleaned_up():
    entry = make_practice(**valid(topic="  Sourdough   baking ", person="  ", learned="  \n", feeling=4.0))
    assert (entry.topic, entry.happened_on, entry.person, entry.feeling, entry.learned, entry.observed) == \
        ("Sourdough baking", TODAY, None, 4, None, True)
    assert entry.fields() == {"person": None, "feeling": 4, "learned": None, "observed": True}


@pytest.mark.parametrize(("given", "as_date"), [
    (TODAY, TODAY),
    (datetime(2026, 11, 20, 15, 30), date(2026, 11, 20)),
    (pd.Timestamp("2026-11-20"), date(2026, 11, 20)),
    ("2026-11-20", date(2026, 11, 20)),
])
def test_dates_come_in_many_shapes(given, as_date):
    assert make_practice(**valid(happened_on=given)).happened_on == as_date


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"topic": ""}, "topic", "say what you talked about"),
    ({"topic": "   "}, "topic", "say what you talked about"),
    ({"topic": None}, "topic", "say what you talked about"),
    ({"topic": "x" * 121}, "topic", "120 characters"),
    ({"person": "y" * 121}, "person", "120 characters"),
    ({"learned": "z" * 2001}, "learned", "2000 characters"),
    ({"feeling": 0}, "feeling", "not 0"),
    ({"feeling": 6}, "feeling", "not 6"),
    ({"feeling": 3.5}, "feeling", "whole number"),
    ({"feeling": None}, "feeling", "choose how it felt"),
    ({"feeling": "great"}, "feeling", "whole number"),
    ({"feeling": True}, "feeling", "whole number"),
    ({"happened_on": TODAY + timedelta(days=1)}, "happened_on", "in the future"),
    ({"happened_on": None}, "happened_on", "say when it happened"),
    ({"happened_on": "last Tuesday"}, "happened_on", "is not a date"),
])
def test_each_bad_field_gets_its_own_message(overrides, field, words):
    with pytest.raises(PracticeError) as caught:
        make_practice(**valid(**overrides))
    assert set(caught.value.errors) == {field}
    assert words in caught.value.errors[field]


def test_every_problem_is_reported_at_once_in_readable_words():
    with pytest.raises(PracticeError) as caught:
        make_practice(**valid(topic="", feeling=9, happened_on=TODAY + timedelta(days=3)))
    assert set(caught.value.errors) == {"topic", "feeling", "happened_on"}
    messages = caught.value.messages()
    assert messages[0].startswith("Topic: ") and any(m.startswith("How it felt: ") for m in messages)
    assert "Date: " in str(caught.value)


def test_the_boundaries_are_allowed():
    entry = make_practice(**valid(topic="x" * 120, feeling=1, happened_on=TODAY))
    assert entry.feeling == 1 and len(entry.topic) == 120
    assert make_practice(**valid(feeling=5)).feeling == 5


# -- the log and its edits ------------------------------------------------------------------------------------------


def test_the_log_is_newest_first_and_indexed_by_id():
    log = practice_log(practice((20, 2), (3, 5), (10, 4)))
    assert log.index.tolist() == [2, 3, 1]
    assert list(log.columns) == ["happened_on", "topic", "person", "feeling", "learned", "observed"]
    assert log["happened_on"].iloc[0] == TODAY - timedelta(days=3)


def test_the_log_of_nothing_is_empty_with_its_columns():
    log = practice_log(practice())
    assert log.empty and list(log.columns) == ["happened_on", "topic", "person", "feeling", "learned", "observed"]


def test_edits_keep_only_what_really_changed():
    log = practice_log(practice((20, 2), (3, 5)))  # row 0 is id 2, row 1 is id 1
    edits = practice_edits(log, {"0": {"feeling": 4, "learned": " Bees dance "},
                                 "1": {"person": "A neighbour"},  # unchanged
                                 "7": {"feeling": 1}}, TODAY)  # a row that is gone
    assert edits == {2: {"feeling": 4, "learned": "Bees dance"}}


def test_edits_accept_a_date_as_the_editor_sends_it():
    log = practice_log(practice((3, 5)))
    assert practice_edits(log, {0: {"happened_on": "2026-11-01"}}, TODAY) == {1: {"happened_on": date(2026, 11, 1)}}


def test_a_bad_edit_names_the_entry_and_the_field_and_nothing_is_returned():
    log = practice_log(practice((20, 2), (3, 5)))
    with pytest.raises(PracticeError) as caught:
        practice_edits(log, {0: {"feeling": 4}, 1: {"feeling": 9, "topic": ""}}, TODAY)
    messages = caught.value.messages()
    assert len(messages) == 2
    assert all(m.startswith("Topic 1, 6 Nov 2026: ") for m in messages)
    assert any("how it felt" in m and "not 9" in m for m in messages)


def test_progress_gives_the_practice_pages_verdict_never_its_own():
    """The latest two felt easy but the latest three did not: both pages say the same, not ready yet."""
    history = practice((20, 1), (10, 5), (2, 4))
    ready = readiness(history, TODAY)
    assert ready.level == "steady"
    assert view_takeaway(history, ready) == f"3 pleasure interviews in this view. {ready.message}"
    assert view_takeaway(history.iloc[:0], ready).startswith("No pleasure interview logged in this view")
