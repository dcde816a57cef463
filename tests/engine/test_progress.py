"""Progress metrics on small histories computed by hand: empty, one event, quiet weeks, too little data."""

from datetime import date, timedelta

import altair as alt
import pandas as pd
import pytest

from engine import charts
from engine import progress as pg
from engine.settings import STANDARD

TODAY = date(2026, 11, 28)  # a Saturday; this week started Monday 23 Nov
HORIZON = STANDARD.horizon
D = date.fromisoformat


def events(*rows):
    """(contact_id, kind, day[, channel[, energising]]) rows as the store's events frame."""
    full = [(i + 1, r[0], r[1], r[3] if len(r) > 3 else None, None, D(r[2]), r[4] if len(r) > 4 else False)
            for i, r in enumerate(rows)]
    return pd.DataFrame(full, columns=["id", "contact_id", "kind", "channel", "note", "happened_on", "energising"])


def people_reached_on(*days):
    """A journeys-like frame: one person first reached on each day, no outcome."""
    return pg.journeys(events(*[(i, "reached_out", d) for i, d in enumerate(days, 1)]), TODAY)


FOUR = events(  # A met and gave a referral; B declined but referred someone; C replied; D is silent
    (1, "reached_out", "2026-10-01", "email"), (1, "replied", "2026-10-02"), (1, "meeting_scheduled", "2026-10-05"),
    (1, "met", "2026-10-09"), (1, "referral_given", "2026-10-09"),
    (2, "reached_out", "2026-10-20", "linkedin"), (2, "declined", "2026-10-22"), (2, "referral_given", "2026-10-22"),
    (3, "reached_out", "2026-11-10", "linkedin"), (3, "replied", "2026-11-12"),
    (4, "drafting", "2026-11-16"), (4, "reached_out", "2026-11-24", "email"), (4, "reached_out", "2026-11-26", "phone"),
    (5, "replied", "2026-11-20"),  # wrote to us first: not someone we reached out to
)


# -- journeys and filters ------------------------------------------------------------------------------------

def test_journeys_of_an_empty_history_is_an_empty_frame_with_every_column():
    people = pg.journeys(events(), TODAY)
    assert people.empty and list(people.columns) == pg.PEOPLE_COLUMNS


def test_journeys_of_one_event():
    people = pg.journeys(events((7, "reached_out", "2026-11-27", "email")), TODAY)
    assert people.to_dict("records") == [{"contact_id": 7, "first_reached": pd.Timestamp("2026-11-27"),
                                          "channel": "email", "reached": True, "replied": False, "meeting": False,
                                          "met": False, "referral": False}]


def test_journeys_count_how_far_each_person_got():
    people = pg.journeys(FOUR, TODAY).set_index("contact_id")
    assert list(people.index) == [1, 2, 3, 4]  # 5 was never reached out to
    assert people["replied"].tolist() == [True, True, True, False]  # a decline is an answer
    assert people["meeting"].tolist() == [True, False, False, False]
    assert people["referral"].tolist() == [True, True, False, False]
    assert people.loc[4, "first_reached"] == pd.Timestamp("2026-11-24") and people.loc[4, "channel"] == "email"


def test_journeys_ignore_events_after_today():
    history = events((1, "reached_out", "2026-11-20"), (1, "replied", "2026-11-30"), (2, "reached_out", "2026-12-01"))
    people = pg.journeys(history, TODAY)
    assert people["contact_id"].tolist() == [1] and not people["replied"].any()


def test_filters_by_channel_company_family_and_dates():
    frame = pd.DataFrame({"channel": ["email", "linkedin", "email"], "company": ["Acme", "Acme", "Globex"],
                          "family": ["data", "finance", "data"],
                          "day": pd.to_datetime(["2026-11-01", "2026-11-10", "2026-11-20"])})
    assert len(pg.apply_filters(frame, pg.Filters())) == 3
    assert pg.apply_filters(frame, pg.Filters(channels=("email",)), "day").index.tolist() == [0, 2]
    assert pg.apply_filters(frame, pg.Filters(companies=("Acme",), families=("data",))).index.tolist() == [0]
    assert pg.apply_filters(frame, pg.Filters(D("2026-11-05"), D("2026-11-20")), "day").index.tolist() == [1, 2]
    assert len(pg.apply_filters(frame, pg.Filters(D("2026-11-05"), D("2026-11-06")))) == 3  # no date column
    assert pg.Filters(channels=("email",)).narrows_people and not pg.Filters(D("2026-11-05")).narrows_people


def test_history_joins_who_each_person_is_and_keeps_deleted_contacts():
    contacts = pd.DataFrame({"id": [1, 2, 3], "full_name": ["Ann", "Bo", "Cy"], "company": ["Acme", "Globex", None],
                             "family": ["data", "finance", "data"], "closeness": [0.8, 0.1, 0.5],
                             "title": ["x", "y", "z"]})
    history = FOUR.assign(energising=FOUR["kind"].eq("met"), note=None)
    practice = pd.DataFrame({"topic": ["Bees"], "person": ["Neighbour"], "happened_on": [D("2026-10-03")],
                             "feeling": [3], "learned": [""], "observed": [False]})
    h = pg.history(history, practice, contacts, TODAY)
    assert h.people.set_index("contact_id")["company"].fillna("?").tolist() == ["Acme", "Globex", "?", "?"]
    assert pd.isna(h.people.set_index("contact_id").loc[4, "closeness"])  # contact 4 was deleted
    assert h.outreach["contact_id"].tolist() == [1, 2, 3, 4, 4]
    assert h.moments[["contact_id", "full_name", "channel"]].values.tolist() == [[1, "Ann", "email"]]
    options = pg.filter_options(h)
    assert options == {"channels": ["email", "linkedin", "phone"], "companies": ["Acme", "Globex"],
                       "families": ["data", "finance"]}
    assert pg.default_range(h, TODAY) == (D("2026-09-28"), TODAY)  # the Monday before the first activity (3 Oct)


def test_default_range_is_at_least_eight_and_at_most_26_weeks():
    empty = pg.history(events(), pd.DataFrame(columns=["happened_on"]), pd.DataFrame(columns=["id"]), TODAY)
    assert pg.default_range(empty, TODAY) == (pg.monday(TODAY - timedelta(weeks=8)), TODAY)
    old = pg.history(events((1, "reached_out", "2024-01-10")), None, pd.DataFrame({"id": [1]}), TODAY)
    assert pg.default_range(old, TODAY)[0] == pg.monday(TODAY - timedelta(weeks=26))


# -- outreach per week and the streak -----------------------------------------------------------------------

def test_weekly_counts_keep_empty_weeks_and_leave_out_days_outside_the_range():
    days = [D("2026-11-02"), D("2026-11-08"), D("2026-11-23"), D("2026-10-30"), D("2026-11-29")]
    weekly = pg.weekly_counts(days, D("2026-11-01"), TODAY, name="outreach")
    assert weekly["week"].dt.strftime("%d %b").tolist() == ["26 Oct", "02 Nov", "09 Nov", "16 Nov", "23 Nov"]
    assert weekly["outreach"].tolist() == [0, 2, 0, 0, 1]  # 30 Oct is before the start, 29 Nov after the end


def test_weekly_counts_of_nothing():
    weekly = pg.weekly_counts([], D("2026-11-16"), TODAY)
    assert weekly["count"].tolist() == [0, 0]


def weeks(*counts, last=TODAY):
    start = pg.monday(last) - timedelta(weeks=len(counts) - 1)
    return pd.DataFrame({"week": pd.date_range(start, periods=len(counts), freq="7D"), "outreach": list(counts)})


@pytest.mark.parametrize(("counts", "current", "best", "in_progress"), [
    ((), 0, 0, False),
    ((0,), 0, 0, True),
    ((5,), 1, 1, False),
    ((5, 6, 0, 5, 5, 2), 2, 2, True),   # this week (2 so far) is still running: it does not break the streak
    ((5, 6, 7, 5, 5, 6), 6, 6, False),
    ((5, 5, 5, 1, 5, 0), 1, 3, True),
    ((5, 5, 4, 0, 0, 0), 0, 2, True),   # quiet weeks end a streak
])
def test_goal_streak(counts, current, best, in_progress):
    streak = pg.goal_streak(weeks(*counts), 5, TODAY)
    assert (streak.current, streak.best, streak.in_progress) == (current, best, in_progress)


def test_a_past_week_below_goal_breaks_the_streak():
    streak = pg.goal_streak(weeks(5, 5, 2, last=D("2026-11-01")), 5, TODAY)  # the view ends in an earlier week
    assert (streak.current, streak.best, streak.in_progress) == (0, 2, False)


def test_streak_takeaways():
    assert pg.goal_streak(weeks(5, 6, 2), 5, TODAY).takeaway(5) == \
        "2 weeks in a row at or above your goal of 5. This week: 2 of 5 so far."
    assert pg.goal_streak(weeks(6), 5, TODAY).takeaway(5) == "1 week in a row at or above your goal of 5."
    assert pg.goal_streak(weeks(5, 0, 1), 5, TODAY).takeaway(5) == \
        "No streak running right now (your best: 1). This week: 1 of 5 so far."
    assert pg.goal_streak(weeks(), 5, TODAY).takeaway(5) == \
        "No week at your goal of 5 yet. One message at a time adds up."


# -- the long road ------------------------------------------------------------------------------------------

def test_road_counts_everyone_reached_before_the_view_starts():
    people = people_reached_on("2026-10-01", "2026-11-25", "2026-11-25", "2026-11-27")
    road = pg.road(people, D("2026-11-24"), TODAY)
    assert road["reached"].tolist() == [1, 3, 3, 4, 4]
    assert road["day"].iloc[0] == pd.Timestamp("2026-11-24") and len(road) == 5


def test_road_of_nobody_is_flat_at_zero():
    assert pg.road(pg.journeys(events(), TODAY), D("2026-11-26"), TODAY)["reached"].tolist() == [0, 0, 0]


def test_milestones_are_the_days_every_nth_person_was_reached():
    people = people_reached_on("2026-11-01", "2026-11-03", "2026-11-02", "2026-11-09", "2026-11-10")
    marks = pg.milestone_days(people, 2, "cake")
    assert marks["milestone"].tolist() == [2, 4]
    assert marks["day"].tolist() == [pd.Timestamp("2026-11-02"), pd.Timestamp("2026-11-09")]
    assert pg.milestone_days(people, 2, "").empty  # no reward chosen: no milestones
    assert pg.milestone_days(pg.journeys(events(), TODAY), 2, "cake").empty


def test_reward_marks_follow_the_dates_and_vanish_on_a_narrowed_road():
    people = people_reached_on("2026-11-01", "2026-11-03", "2026-11-09", "2026-11-10")
    assert pg.reward_marks(people, pg.Filters(D("2026-11-05"), TODAY), 2, "cake")["milestone"].tolist() == [4]
    assert pg.reward_marks(people, pg.Filters(), 2, "cake")["milestone"].tolist() == [2, 4]
    assert pg.reward_marks(people, pg.Filters(channels=("email",)), 2, "cake").empty


def test_road_takeaway():
    assert pg.road_takeaway(20, 80, 30) == \
        "20 of about 80 people reached: 25% of the long road. Next reward at 30: 10 to go."
    assert pg.road_takeaway(0, 80).startswith("0 of about 80 people reached: 0%")
    assert "past the horizon" in pg.road_takeaway(85, 80)


# -- the funnel ---------------------------------------------------------------------------------------------

def test_funnel_counts_people_and_rates_from_each_stage_base():
    table = pg.funnel(pg.journeys(FOUR, TODAY), TODAY).set_index("stage")
    assert table["people"].tolist() == [4, 3, 1, 1, 2]
    assert table["rate"].tolist()[1:] == pytest.approx([3 / 4, 1 / 3, 1.0, 2 / 3])
    assert pd.isna(table.loc["reached", "rate"])
    assert table.loc["referral", "from_stage"] == "replied"  # referrals come from declines too


def test_funnel_compares_the_last_4_weeks_with_before():
    people = pg.journeys(FOUR, TODAY)  # 1 and 2 were first reached before 31 Oct, 3 and 4 after
    table = pg.funnel(people, TODAY, min_cohort=1).set_index("stage")
    assert table.loc["replied", "rate_before"] == 1.0 and table.loc["replied", "rate_last_4_weeks"] == 0.5
    assert table.loc["replied", "change"] == pytest.approx(-0.5)
    assert pd.isna(table.loc["met", "rate_last_4_weeks"])  # nobody recent had a meeting to base it on
    default = pg.funnel(people, TODAY).set_index("stage")  # fewer than 5 people a side: not compared
    assert default[["rate_last_4_weeks", "rate_before", "change"]].isna().all().all()


def test_funnel_of_nobody():
    table = pg.funnel(pg.journeys(events(), TODAY), TODAY)
    assert table["people"].tolist() == [0, 0, 0, 0, 0] and table["rate"].isna().all()
    assert pg.funnel_takeaway(table).startswith("Nobody reached")


def test_funnel_takeaway():
    assert pg.funnel_takeaway(pg.funnel(pg.journeys(FOUR, TODAY), TODAY)) == \
        "3 of 4 people replied (75%) and 1 in 4 led to a meeting."
    one = pg.funnel(pg.journeys(events((1, "reached_out", "2026-11-27")), TODAY), TODAY)
    assert pg.funnel_takeaway(one) == "0 of 1 people replied (0%); no meeting yet."


# -- the forecast -------------------------------------------------------------------------------------------

def history_of(n: int, meetings: int, first: date, last: date = TODAY) -> pd.DataFrame:
    """n people reached evenly from `first` to `last`, the first `meetings` of them with a meeting."""
    step = (last - first) / max(n - 1, 1)
    rows = [(i, "reached_out", (first + step * i).isoformat()) for i in range(n)]
    rows += [(i, "meeting_scheduled", last.isoformat()) for i in range(meetings)]
    return pg.journeys(events(*rows), TODAY)


def test_forecast_of_an_empty_history_says_too_little_data():
    f = pg.forecast(pg.journeys(events(), TODAY), TODAY, HORIZON)
    assert f.per_meeting is None and f.pace is None and f.weeks_to_horizon is None and f.to_horizon == 80
    assert f.meeting_reason.startswith("too little data to tell") and "nobody reached" in f.pace_reason
    assert pg.forecast_lines(f)[0] == "Next meeting: too little data to tell: 0 of the 10 people needed reached."


def test_forecast_of_one_outreach_says_too_little_data():
    f = pg.forecast(history_of(1, 0, TODAY), TODAY, HORIZON)
    assert f.per_meeting is None and f.pace is None
    assert "1 of the 10 people" in f.meeting_reason and "1 of the 14 days" in f.pace_reason


def test_no_meeting_yet_is_too_little_data_but_the_pace_still_projects_the_horizon():
    f = pg.forecast(history_of(12, 0, TODAY - timedelta(days=27)), TODAY, HORIZON)
    assert f.per_meeting is None
    assert f.meeting_reason == "too little data to tell: no meeting yet from 12 people reached"
    assert f.pace is not None and f.weeks_to_horizon is not None


def test_forecast_from_hand_computed_rates():
    f = pg.forecast(history_of(10, 2, TODAY - timedelta(days=27)), TODAY, HORIZON)  # all 10 inside the last 28 days
    # meeting rate ~ Beta(3, 9): median about 0.236 (Wilson-Hilferty: (3 - 1/3) / (12 - 2/3) = 0.235)
    assert f.per_meeting.mid == pytest.approx(1 / 0.2354, rel=0.01)
    assert f.per_meeting.low < f.per_meeting.mid < f.per_meeting.high
    # pace ~ Gamma(10.5, rate 4 weeks): median about (10.5 - 1/3) / 4 = 2.54 people a week
    assert (f.pace_people, f.pace_weeks) == (10, 4.0)
    assert f.pace.mid == pytest.approx(2.54, rel=0.01)
    assert f.weeks_to_horizon.mid == pytest.approx(70 / f.pace.mid)
    assert f.weeks_to_horizon.low < f.weeks_to_horizon.mid < f.weeks_to_horizon.high
    # the 80% bounds are the distributions' quantiles, as scipy.stats computes them
    from scipy import stats
    assert [1 / f.per_meeting.high, 1 / f.per_meeting.low] == pytest.approx(stats.beta(3, 9).ppf([0.1, 0.9]))
    assert [f.pace.low, f.pace.high] == pytest.approx(stats.gamma(10.5, scale=1 / 4).ppf([0.1, 0.9]))
    # weeks to the next meeting ~ (1 / rate) / pace: about 4.2 / 2.5 = 1.7 weeks
    assert 1.3 < f.weeks_to_meeting.mid < 2.1 and f.weeks_to_meeting.low < 1.3 and f.weeks_to_meeting.high > 2.1
    assert f.pace_basis == "10 people in the last 4 weeks"


def test_the_forecast_is_reproducible_from_its_seed():
    people = history_of(20, 4, TODAY - timedelta(days=60))
    assert pg.forecast(people, TODAY, HORIZON, seed=1) == pg.forecast(people, TODAY, HORIZON, seed=1)
    assert pg.forecast(people, TODAY, HORIZON, seed=1).weeks_to_meeting \
        != pg.forecast(people, TODAY, HORIZON, seed=2).weeks_to_meeting


def test_a_short_history_paces_over_the_weeks_since_the_first_outreach():
    f = pg.forecast(history_of(10, 3, TODAY - timedelta(days=13)), TODAY, HORIZON)  # 14 days: just enough
    assert f.pace_weeks == 2.0 and f.pace_people == 10
    assert pg.forecast(history_of(10, 3, TODAY - timedelta(days=12)), TODAY, HORIZON).pace is None


def test_quiet_weeks_leave_no_pace_to_project():
    f = pg.forecast(history_of(15, 3, D("2026-08-01"), D("2026-09-30")), TODAY, HORIZON)
    assert f.per_meeting is not None and f.pace is None and f.weeks_to_meeting is None
    assert f.pace_reason == "nobody newly reached in the last 4 weeks: no pace to project"
    lines = pg.forecast_lines(f)
    assert lines[0].startswith("Next meeting: about ") and lines[0].endswith(").")
    assert lines[1] == "Horizon: 65 more people; how many weeks: nobody newly reached in the last 4 weeks: " \
                       "no pace to project."


def test_past_the_horizon_there_is_nothing_left_to_project():
    f = pg.forecast(history_of(12, 3, TODAY - timedelta(days=40)), TODAY, horizon=10)
    assert f.to_horizon == 0 and f.weeks_to_horizon == pg.Range(0.0, 0.0, 0.0)
    assert pg.projection(f, TODAY).empty
    assert pg.forecast_lines(f)[1] == "Horizon: reached (12 of about 10 people)."


def test_projection_runs_from_today_to_the_horizon():
    f = pg.forecast(history_of(30, 6, TODAY - timedelta(days=60)), TODAY, HORIZON)
    ahead = pg.projection(f, TODAY)
    assert ahead["day"].iloc[0] == pd.Timestamp(TODAY) and ahead[["expected", "slow", "fast"]].iloc[0].eq(30).all()
    assert (ahead["slow"] <= ahead["expected"]).all() and (ahead["expected"] <= ahead["fast"]).all()
    assert ahead["slow"].iloc[-1] == 80 and ahead["expected"].is_monotonic_increasing


def test_forecast_lines_say_how_far_and_on_what_pace():
    lines = pg.forecast_lines(pg.forecast(history_of(10, 2, TODAY - timedelta(days=27)), TODAY, HORIZON))
    assert lines[0].startswith("Next meeting: about 4 more outreaches (80% range ")
    assert lines[1].startswith("Horizon: 70 more people, about 28 weeks (80% range ")
    assert lines[2] == "Pace: 2.5 people a week (from 10 people in the last 4 weeks)."


# -- closeness, practice, good moments -------------------------------------------------------------------

def test_closeness_bands():
    bands = pg.closeness_band(pd.Series([0.9, 0.45, 0.44, 0.2, 0.0, None]))
    assert bands.tolist() == ["close", "close", "near", "near", "far", "unknown"]


def test_closeness_by_week_and_its_takeaway():
    people = people_reached_on("2026-11-16", "2026-11-17", "2026-11-24").assign(closeness=[0.6, 0.1, 0.3])
    weekly = pg.closeness_weekly(people, D("2026-11-16"), TODAY)
    pivot = weekly.pivot(index="week", columns="band", values="people")
    assert pivot["close"].tolist() == [1, 0] and pivot["near"].tolist() == [0, 1] and pivot["far"].tolist() == [1, 0]
    assert pg.closeness_takeaway(people, TODAY).startswith("Median closeness of the people reached: 30%")


def test_closeness_takeaway_compares_recent_with_before():
    old = [f"2026-10-{d:02d}" for d in range(1, 6)]
    recent = [f"2026-11-{d:02d}" for d in range(20, 25)]
    people = people_reached_on(*old, *recent).assign(closeness=[0.2] * 5 + [0.5] * 5)
    assert pg.closeness_takeaway(people, TODAY).startswith(
        "People reached in the last 4 weeks: median closeness 50%, closer than before (20%).")
    assert pg.closeness_takeaway(people.iloc[:0], TODAY).startswith("Nobody reached")


def test_tables_download_as_csv_that_a_spreadsheet_will_not_run():
    table = pd.DataFrame({"note": ["=HYPERLINK(\"x\")", "fine", "+1", None], "count": [-1, 2, 3, 4]})
    text = pg.table_csv(table).decode("utf-8").splitlines()
    assert text == ["note,count", '"\'=HYPERLINK(""x"")",-1', "fine,2", "'+1,3", ",4"]


# -- every chart builds from its metric table -------------------------------------------------------------

def test_each_chart_builds_a_vega_lite_spec_drawn_as_svg():
    people = pg.journeys(FOUR, TODAY).assign(closeness=[0.6, 0.3, 0.1, None])
    start = D("2026-09-28")
    weekly = pg.weekly_counts(FOUR.query("kind == 'reached_out'")["happened_on"], start, TODAY, name="outreach")
    f = pg.forecast(history_of(30, 6, TODAY - timedelta(days=60)), TODAY, HORIZON)
    practice = pd.DataFrame({"topic": ["Bees"], "happened_on": [D("2026-10-03")], "feeling": [3]})
    built = [
        charts.weekly_outreach_chart(weekly, 5),
        charts.road_chart(pg.road(people, start, TODAY), pg.milestone_days(people, 2, "cake"), 80, 4),
        charts.funnel_chart(pg.funnel(people, TODAY)),
        charts.forecast_chart(pg.road(people, start, TODAY), pg.projection(f, TODAY), 80),
        charts.closeness_chart(pg.closeness_weekly(people, start, TODAY), start, TODAY),
        charts.practice_chart(practice, weekly, start, TODAY),
    ]
    for chart in built:
        spec = charts.exportable(chart).to_dict()
        assert spec["usermeta"] == {"embedOptions": {"renderer": "svg"}}
    empty = pg.journeys(events(), TODAY).assign(closeness=[])
    assert isinstance(charts.road_chart(pg.road(empty, start, TODAY), pg.milestone_days(empty, 2, ""), 80),
                      alt.LayerChart)
    no_practice = charts.practice_chart(practice.iloc[:0], weekly, start, TODAY).to_dict()
    assert len(no_practice["vconcat"]) == 2
