"""Progress figures from the outreach history: how many people reached, how it is going, what comes next.

Everything here is pure: DataFrames and dates in, DataFrames, small dataclasses and one-line takeaways out.
The rules the figures follow are the constants and tables below; the functions apply them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from engine.exporting import neutralise
from engine.rewards import next_milestone

# The funnel, in order: stage -> (event kinds that show a reached person got at least this far,
# the stage its conversion rate is measured from). Referrals come from meetings and from polite declines
# alike, so their rate is measured from everyone who answered, not from meetings.
FUNNEL = {
    "reached": (("reached_out",), None),
    "replied": (("replied", "meeting_scheduled", "met", "declined", "referral_given"), "reached"),
    "meeting": (("meeting_scheduled", "met"), "replied"),
    "met": (("met",), "meeting"),
    "referral": (("referral_given",), "replied"),
}
STAGE_LABELS = {"reached": "reached out", "replied": "replied", "meeting": "meeting planned", "met": "met",
                "referral": "referral given"}
RECENT_DAYS = 28     # "the last 4 weeks" that rates and closeness are compared over
MIN_COHORT = 5       # a rate over fewer people than this is not compared: one person more would swing it

# Closeness bands, highest first: (name, lower bound of closeness).
CLOSENESS_BANDS = (("close", 0.45), ("near", 0.2), ("far", 0.0))

# The forecast says "too little data to tell" below these: with fewer than 10 people reached or no meeting yet,
# the meeting rate's interval spans nearly everything; with under 2 weeks since the first outreach there is
# no pace to speak of.
MIN_PEOPLE_FOR_FORECAST = 10
MIN_MEETINGS_FOR_FORECAST = 1
MIN_DAYS_FOR_PACE = 14
PACE_DAYS = 28       # the pace is people newly reached per week over the last 4 weeks (or since the start)
INTERVAL = (0.1, 0.5, 0.9)  # an 80% interval around the median

PEOPLE_COLUMNS = ["contact_id", "first_reached", "channel", *FUNNEL]


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _days(values) -> pd.Series:
    return pd.to_datetime(pd.Series(values)).dt.normalize()


# -- the headline ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    people_reached: int
    replied: int
    meetings: int
    met: int
    referrals: int
    referrers: int      # people who gave them
    this_week: int
    weekly_goal: int
    horizon: int
    next_reward_at: int | None
    reward: str

    @property
    def to_next_reward(self) -> int | None:
        return None if self.next_reward_at is None else self.next_reward_at - self.people_reached


def referrers_of(contacts: pd.DataFrame | None) -> dict[int, int]:
    """How many contacts each contact introduced (their `referred_by`), by the introducer's id."""
    if contacts is None or contacts.empty or "referred_by" not in contacts:
        return {}
    ids = pd.to_numeric(contacts["referred_by"], errors="coerce").dropna().astype("int64")
    return {int(k): int(v) for k, v in ids.value_counts().items()}


def referrals_by_person(events: pd.DataFrame | None, today: date,
                        introduced: dict[int, int] | None = None) -> pd.Series:
    """Referrals each person gave, by contact id: a referral is logged as a "referral_given" event, as a contact
    recorded as introduced by them (`introduced`, see referrers_of), or both for the same referral. So per person
    the larger of the two counts: adding the referred person and logging the event count once, and either alone
    counts too."""
    logged = pd.Series(dtype="int64")
    if events is not None and len(events):
        ev = events[events["kind"] == "referral_given"]
        ev = ev[(pd.to_datetime(ev["happened_on"]).dt.normalize() <= pd.Timestamp(today)).to_numpy()]
        logged = ev.groupby("contact_id").size().astype("int64")
    added = pd.Series(introduced or {}, dtype="int64")
    both = pd.concat([logged.rename("logged"), added.rename("added")], axis=1).fillna(0)
    per = both.max(axis=1).astype("int64") if len(both) else pd.Series(dtype="int64")
    return per[per > 0].sort_index()


def summary(events: pd.DataFrame, today: date, *, weekly_goal: int = 5, reward: str = "",
            reward_every: int = 10, horizon: int, introduced: dict[int, int] | None = None) -> Summary:
    """The headline numbers, from the same journeys the funnel is drawn from (events after `today` left out):
    people reached; people who answered (a reply, a meeting, a decline or a referral all answer); people with a
    meeting; people met; referrals received (referrals_by_person, `introduced` from referrers_of); outreach
    messages this week since Monday (the same count as the week's bar on the chart)."""
    people = journeys(events, today, referrers=set(introduced or ()))
    reached = len(people)
    given = referrals_by_person(events, today, introduced)
    this_week = 0
    if len(events):
        days = pd.to_datetime(events["happened_on"]).dt.date
        this_week = int(((events["kind"] == "reached_out") & (days >= monday(today)) & (days <= today)).sum())
    return Summary(
        people_reached=reached, replied=int(people["replied"].sum()), meetings=int(people["meeting"].sum()),
        met=int(people["met"].sum()), referrals=int(given.sum()), referrers=len(given),
        this_week=this_week, weekly_goal=weekly_goal, horizon=horizon,
        next_reward_at=next_reward(reached, reward_every, reward), reward=reward)


def next_reward(reached: int, every: int, reward: str) -> int | None:
    """The next milestone a reward waits at (engine.rewards), or None without a reward."""
    upcoming = next_milestone(reached, every, reward)
    return None if upcoming is None else upcoming[0]


# -- who was reached, and how far each got ---------------------------------------------------------------


def journeys(events: pd.DataFrame, today: date, referrers: set[int] | frozenset[int] = frozenset()) -> pd.DataFrame:
    """One row per person reached out to (events up to `today`): the first outreach's day and channel, and
    for each funnel stage whether the person got at least that far (see FUNNEL). A person in `referrers`
    introduced someone (a contact's `referred_by`): that is a referral given, and so an answer, even without the
    event logged."""
    if events is None or events.empty or not (events["kind"] == "reached_out").any():
        out = pd.DataFrame({c: pd.Series(dtype=bool) for c in PEOPLE_COLUMNS})
        return out.astype({"contact_id": "int64", "first_reached": "datetime64[ns]", "channel": object})
    ev = events.assign(happened_on=_days(events["happened_on"].to_numpy()).to_numpy())
    if "channel" not in ev:
        ev = ev.assign(channel=None)
    ev = ev[ev["happened_on"] <= pd.Timestamp(today)]
    order = ["happened_on"] + (["id"] if "id" in ev else [])
    reach = ev[ev["kind"] == "reached_out"].sort_values(order, kind="stable")
    first = reach.groupby("contact_id", sort=True).agg(first_reached=("happened_on", "first"),
                                                       channel=("channel", "first"))
    people = first.reset_index()
    for stage, (kinds, _) in FUNNEL.items():
        people[stage] = people["contact_id"].isin(ev.loc[ev["kind"].isin(kinds), "contact_id"])
    if referrers:
        gave = people["contact_id"].isin(list(referrers))
        people["referral"] |= gave
        people["replied"] |= gave
    return people[PEOPLE_COLUMNS].astype({"contact_id": "int64", "first_reached": "datetime64[ns]"})


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to; an empty tuple means everything."""
    start: date | None = None
    end: date | None = None
    channels: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    families: tuple[str, ...] = ()

    @property
    def narrows_people(self) -> bool:
        return bool(self.channels or self.companies or self.families)


def apply_filters(frame: pd.DataFrame, filters: Filters, date_col: str | None = None) -> pd.DataFrame:
    """Rows matching the filters: channel on the row, company and family from its contact, and
    `date_col` within start..end (no date filter when date_col is None)."""
    mask = np.ones(len(frame), dtype=bool)
    for col, wanted in (("channel", filters.channels), ("company", filters.companies),
                        ("family", filters.families)):
        if wanted:
            mask &= frame[col].isin(wanted).to_numpy() if col in frame else False
    if date_col is not None and len(frame):
        days = pd.to_datetime(frame[date_col])
        if filters.start is not None:
            mask &= (days >= pd.Timestamp(filters.start)).to_numpy()
        if filters.end is not None:
            mask &= (days <= pd.Timestamp(filters.end)).to_numpy()
    return frame[mask]


@dataclass(frozen=True)
class History:
    """The outreach history joined to who each person is, ready to filter and chart."""
    people: pd.DataFrame    # journeys() + full_name, company, family, closeness
    outreach: pd.DataFrame  # reached_out events: contact_id, happened_on, channel, company, family, closeness
    moments: pd.DataFrame   # energising events + full_name, company, family, channel of the first outreach
    practice: pd.DataFrame  # pleasure interviews


CONTACT_COLUMNS = ["full_name", "company", "family", "closeness"]


def history(events: pd.DataFrame, practice: pd.DataFrame, contacts: pd.DataFrame, today: date) -> History:
    """Join events to `contacts` (id plus CONTACT_COLUMNS, e.g. the scored contacts); events after today are left
    out. A person whose contact was deleted keeps their events, with unknown company, family and closeness."""
    info = contacts.reindex(columns=["id", *CONTACT_COLUMNS]).rename(columns={"id": "contact_id"})
    info = info.astype({"contact_id": "int64"})
    people = journeys(events, today, set(referrers_of(contacts))).merge(info, on="contact_id", how="left")
    ev = events if events is not None else pd.DataFrame(columns=["contact_id", "kind", "happened_on"])
    if len(ev):
        ev = ev[pd.to_datetime(ev["happened_on"]) <= pd.Timestamp(today)]
    ev = ev.assign(happened_on=pd.to_datetime(ev["happened_on"]), contact_id=ev["contact_id"].astype("int64"))
    outreach = ev.loc[ev["kind"] == "reached_out", ["contact_id", "happened_on", "channel"]].merge(
        info, on="contact_id", how="left")
    good = ev[ev["energising"].fillna(False).astype(bool)] if "energising" in ev else ev.iloc[:0]
    moments = good.drop(columns=["channel"], errors="ignore").merge(info, on="contact_id", how="left").merge(
        people[["contact_id", "channel"]], on="contact_id", how="left")
    return History(people, outreach.reset_index(drop=True), moments.reset_index(drop=True),
                   practice.reset_index(drop=True) if practice is not None else pd.DataFrame())


def filter_options(h: History) -> dict[str, list[str]]:
    """The channels, companies and job families that occur among the people reached, sorted."""
    def values(frame: pd.DataFrame, col: str) -> list[str]:
        return sorted({str(v) for v in frame[col].dropna()}, key=str.casefold) if col in frame else []
    return {"channels": sorted(set(values(h.outreach, "channel")) | set(values(h.people, "channel"))),
            "companies": values(h.people, "company"), "families": values(h.people, "family")}


def default_range(h: History, today: date, weeks: int = 26) -> tuple[date, date]:
    """From the first activity (not more than `weeks` back, and at least 8 weeks back) to today."""
    firsts = [pd.to_datetime(f[c]).min() for f, c in ((h.people, "first_reached"), (h.practice, "happened_on"))
              if len(f) and c in f]
    first = min(firsts).date() if firsts else today
    earliest, latest = today - timedelta(weeks=weeks), today - timedelta(weeks=8)
    return monday(min(max(first, earliest), latest)), today


# -- outreach per week and the streak ---------------------------------------------------------------------


def weekly_counts(days, start: date, end: date, name: str = "count") -> pd.DataFrame:
    """How many of `days` fall in each week (Monday to Sunday) from start's week to end's, empty weeks
    included; days outside start..end are not counted."""
    first, last = monday(start), monday(end)
    weeks = pd.date_range(first, last, freq="7D")
    d = _days(days) if len(days) else pd.Series(dtype="datetime64[ns]")
    d = d[(d >= pd.Timestamp(start)) & (d <= pd.Timestamp(end))]
    week_of = d - pd.to_timedelta(d.dt.day_of_week, unit="D")
    counts = week_of.value_counts().reindex(weeks, fill_value=0)
    return pd.DataFrame({"week": weeks, name: counts.to_numpy().astype(int)})


def weekly_outreach(events: pd.DataFrame, today: date, weeks: int = 8) -> pd.DataFrame:
    """Outreach count per week (weeks start on Monday) for the last `weeks` weeks, empty weeks included."""
    start = monday(today) - timedelta(weeks=weeks - 1)
    days = events.loc[events["kind"] == "reached_out", "happened_on"] if len(events) else []
    return weekly_counts(days, start, today, name="outreach")


@dataclass(frozen=True)
class Streak:
    current: int        # weeks in a row at or above the goal, up to the latest finished week (or this one)
    best: int
    this_week: int      # outreach so far in the latest week shown
    in_progress: bool   # the latest week is the current one and has not reached the goal yet

    def takeaway(self, goal: int) -> str:
        weeks = "week" if self.current == 1 else "weeks"
        now = f"This week: {self.this_week} of {goal} so far." if self.in_progress else ""
        if self.current:
            return f"{self.current} {weeks} in a row at or above your goal of {goal}. {now}".strip()
        if self.best:
            return f"No streak running right now (your best: {self.best}). {now}".strip()
        return f"No week at your goal of {goal} yet. {now or 'One message at a time adds up.'}".strip()


def goal_streak(weekly: pd.DataFrame, goal: int, today: date, column: str = "outreach") -> Streak:
    """Weeks in a row at or above `goal`, counted back from the latest week; the current week does not break
    the streak while it is still running below the goal."""
    counts = weekly[column].to_numpy()
    if not len(counts):
        return Streak(0, 0, 0, False)
    at_goal = counts >= max(goal, 1)
    latest_is_now = pd.Timestamp(weekly["week"].iloc[-1]).date() == monday(today)
    in_progress = bool(latest_is_now and not at_goal[-1])
    finished = at_goal[:-1] if in_progress else at_goal
    current = 0
    for ok in finished[::-1]:
        if not ok:
            break
        current += 1
    best = run = 0
    for ok in at_goal:
        run = run + 1 if ok else 0
        best = max(best, run)
    return Streak(current, best, int(counts[-1]), in_progress)


# -- the long road ----------------------------------------------------------------------------------------


def road(people: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Cumulative people reached at the end of each day from start to end, counting everyone reached before
    start too (the road does not restart with the view)."""
    days = pd.date_range(start, end, freq="D")
    firsts = np.sort(pd.to_datetime(people["first_reached"]).to_numpy(dtype="datetime64[ns]"))
    reached = np.searchsorted(firsts, days.to_numpy(dtype="datetime64[ns]"), side="right")
    return pd.DataFrame({"day": days, "reached": reached.astype(int)})


def milestone_days(people: pd.DataFrame, every: int, reward: str) -> pd.DataFrame:
    """The day each reward milestone (every `every` people, none without a reward) was reached."""
    firsts = np.sort(pd.to_datetime(people["first_reached"]).to_numpy(dtype="datetime64[ns]"))
    marks = list(range(every, len(firsts) + 1, every)) if reward and every > 0 else []
    return pd.DataFrame({"milestone": pd.Series(marks, dtype=int),
                         "day": pd.to_datetime(pd.Series([firsts[m - 1] for m in marks], dtype="datetime64[ns]")),
                         "reward": pd.Series([reward] * len(marks), dtype=object)})


def reward_marks(people: pd.DataFrame, filters: Filters, every: int, reward: str) -> pd.DataFrame:
    """Milestones reached within the view's dates. Rewards count everyone reached, so a view narrowed to some
    people (a channel, company or family) shows none: on that road they would sit in the wrong place."""
    marks = milestone_days(people, every, "" if filters.narrows_people else reward)
    return apply_filters(marks, Filters(filters.start, filters.end), "day")


def road_takeaway(reached: int, horizon: int, next_reward_at: int | None = None) -> str:
    share = reached / horizon if horizon else 0
    if reached >= horizon:
        text = f"{reached} people reached: past the horizon of about {horizon}. The road is walked; keep talking."
    else:
        text = f"{reached} of about {horizon} people reached: {share:.0%} of the long road."
    if next_reward_at is not None:
        text += f" Next reward at {next_reward_at}: {next_reward_at - reached} to go."
    return text


# -- the funnel ------------------------------------------------------------------------------------------


def _rates(people: pd.DataFrame, min_base: int) -> dict[str, float | None]:
    out = {}
    for stage, (_, base) in FUNNEL.items():
        n = int(people[base].sum()) if base else 0
        out[stage] = float(people[stage].sum() / n) if base and n >= max(min_base, 1) else None
    return out


def funnel(people: pd.DataFrame, today: date, recent_days: int = RECENT_DAYS,
           min_cohort: int = MIN_COHORT) -> pd.DataFrame:
    """One row per stage: people who got at least that far, the conversion rate from the stage it is measured
    from, and that rate for people first reached in the last `recent_days` versus before (None when either
    group has fewer than `min_cohort` people at the base stage). Recent people have had less time to answer."""
    cut = pd.Timestamp(today) - pd.Timedelta(days=recent_days)
    recent = people[people["first_reached"] > cut]
    before = people[people["first_reached"] <= cut]
    overall, r_recent, r_before = _rates(people, 1), _rates(recent, min_cohort), _rates(before, min_cohort)
    rows = []
    for stage, (_, base) in FUNNEL.items():
        change = (r_recent[stage] - r_before[stage]
                  if r_recent[stage] is not None and r_before[stage] is not None else None)
        rows.append({"stage": stage, "label": STAGE_LABELS[stage], "people": int(people[stage].sum()),
                     "from_stage": STAGE_LABELS[base] if base else None, "rate": overall[stage],
                     "rate_last_4_weeks": r_recent[stage], "rate_before": r_before[stage], "change": change})
    return pd.DataFrame(rows)


def funnel_takeaway(table: pd.DataFrame) -> str:
    by = table.set_index("stage")
    reached = int(by.loc["reached", "people"])
    if not reached:
        return "Nobody reached in this view yet: the funnel fills from the first message."
    replied, meetings = int(by.loc["replied", "people"]), int(by.loc["meeting", "people"])
    text = f"{replied} of {reached} people replied ({replied / reached:.0%})"
    text += f" and 1 in {reached / meetings:.0f} led to a meeting." if meetings else "; no meeting yet."
    change = by.loc["replied", "change"]
    if change is not None and not pd.isna(change) and abs(change) >= 0.05:
        text += f" Replies are {'up' if change > 0 else 'down'} {abs(change) * 100:.0f} points in the last 4 weeks."
    return text


# -- the forecast ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Range:
    low: float   # 10th percentile
    mid: float   # median
    high: float  # 90th percentile


@dataclass(frozen=True)
class Forecast:
    people_reached: int
    meetings: int
    horizon: int
    pace_people: int          # people newly reached over the pace's basis
    pace_weeks: float         # the basis: weeks it covers
    pace: Range | None        # people newly reached per week
    per_meeting: Range | None  # outreaches per meeting, i.e. about how many more until the next one
    weeks_to_meeting: Range | None
    weeks_to_horizon: Range | None
    meeting_reason: str       # why there is no meeting forecast ("" when there is one)
    pace_reason: str

    @property
    def to_horizon(self) -> int:
        return max(self.horizon - self.people_reached, 0)

    @property
    def pace_basis(self) -> str:
        weeks = f"{self.pace_weeks:.0f}" if float(self.pace_weeks).is_integer() else f"{self.pace_weeks:.1f}"
        return f"{self.pace_people} people in the last {weeks} weeks"


def _range(quantiles) -> Range:
    low, mid, high = quantiles
    return Range(float(low), float(mid), float(high))


def _inverse(r: Range, scale: float = 1.0) -> Range:
    return Range(scale / r.high, scale / r.mid, scale / r.low)


def forecast(people: pd.DataFrame, today: date, horizon: int, *, seed: int = 0,
             draws: int = 20_000) -> Forecast:
    """How much road is left, from the seeker's own rates, with 80% intervals.

    Meeting rate per person reached: Beta(1 + meetings, 1 + reached - meetings), a uniform prior; outreaches to
    the next meeting ~ 1 / rate. Pace: people newly reached per week over the last PACE_DAYS (or since the first
    outreach if later), Gamma(count + 1/2, weeks), the Jeffreys prior. Weeks = outreaches / pace; the interval of
    weeks to the next meeting combines both, from `draws` samples drawn with `seed`.
    """
    n = len(people)
    k = int(people["meeting"].sum()) if n else 0
    per_meeting = weeks_to_meeting = weeks_to_horizon = pace = None
    meeting_reason = pace_reason = ""
    if n < MIN_PEOPLE_FOR_FORECAST:
        meeting_reason = f"too little data to tell: {n} of the {MIN_PEOPLE_FOR_FORECAST} people needed reached"
    elif k < MIN_MEETINGS_FOR_FORECAST:
        meeting_reason = f"too little data to tell: no meeting yet from {n} people reached"
    # the quantiles of Beta(a, b) and Gamma(a, scale) are the inverse regularised incomplete beta and gamma
    # functions; scipy.special has them without scipy.stats, which costs 0.5 s more to import
    from scipy.special import betaincinv, gammaincinv

    if not meeting_reason:
        per_meeting = _inverse(_range(betaincinv(1 + k, 1 + n - k, INTERVAL)))

    firsts = pd.to_datetime(people["first_reached"]) if n else pd.Series(dtype="datetime64[ns]")
    now = pd.Timestamp(today)
    since_start = (now - firsts.min()).days + 1 if n else 0
    basis_days = min(PACE_DAYS, since_start)
    recent = int((firsts > now - pd.Timedelta(days=basis_days)).sum()) if n else 0
    pace_weeks = basis_days / 7
    if since_start < MIN_DAYS_FOR_PACE:
        pace_reason = (f"too little data to tell: {since_start} of the {MIN_DAYS_FOR_PACE} days of outreach a pace "
                       "needs" if n else "too little data to tell: nobody reached yet")
    elif recent == 0:
        pace_reason = f"nobody newly reached in the last {basis_days // 7} weeks: no pace to project"
    else:
        pace = _range(gammaincinv(recent + 0.5, INTERVAL) / pace_weeks)
        weeks_to_horizon = _inverse(pace, max(horizon - n, 0)) if horizon > n else Range(0.0, 0.0, 0.0)
        if per_meeting is not None:
            rng = np.random.default_rng(seed)
            weeks = 1 / (rng.beta(1 + k, 1 + n - k, draws) * rng.gamma(recent + 0.5, 1 / pace_weeks, draws))
            low, mid, high = np.quantile(weeks, INTERVAL)
            weeks_to_meeting = Range(float(low), float(mid), float(high))
    return Forecast(n, k, horizon, recent, pace_weeks, pace, per_meeting, weeks_to_meeting, weeks_to_horizon,
                    meeting_reason, pace_reason)


def _span(r: Range, one: str, many: str) -> str:
    low, mid, high = (max(1, round(v)) for v in (r.low, r.mid, r.high))
    if r.high < 1:
        return f"within a {one}"
    unit = one if mid == 1 else many
    return f"about {mid} {unit} (80% range {low} to {high})" if low != high else f"about {mid} {unit}"


def forecast_lines(f: Forecast) -> list[str]:
    """The forecast in plain sentences: next meeting, the horizon, and the pace they rest on."""
    lines = []
    if f.per_meeting is not None:
        meet = f"Next meeting: {_span(f.per_meeting, 'more outreach', 'more outreaches')}"
        meet += f", {_span(f.weeks_to_meeting, 'week', 'weeks')} at your pace." if f.weeks_to_meeting else "."
        lines.append(meet)
    else:
        lines.append(f"Next meeting: {f.meeting_reason}.")
    if f.to_horizon == 0:
        lines.append(f"Horizon: reached ({f.people_reached} of about {f.horizon} people).")
    elif f.weeks_to_horizon is not None:
        lines.append(f"Horizon: {f.to_horizon} more people, {_span(f.weeks_to_horizon, 'week', 'weeks')} at your pace.")
    else:
        lines.append(f"Horizon: {f.to_horizon} more people; how many weeks: {f.pace_reason}.")
    if f.pace is not None:
        lines.append(f"Pace: {f.pace.mid:.1f} people a week (from {f.pace_basis}).")
    return lines


def projection(f: Forecast, today: date, max_weeks: int = 156) -> pd.DataFrame:
    """The road ahead, week by week from today until the horizon: people reached at the median pace and at the
    slow (10%) and fast (90%) ends of its interval. Empty without a pace or once past the horizon."""
    columns = ["day", "expected", "slow", "fast"]
    if f.pace is None or f.to_horizon == 0:
        return pd.DataFrame(columns=columns)
    weeks = np.arange(0, min(int(np.ceil(f.weeks_to_horizon.high)), max_weeks) + 1)
    cap = float(max(f.horizon, f.people_reached))
    return pd.DataFrame({
        "day": pd.Timestamp(today) + pd.to_timedelta(weeks * 7, unit="D"),
        "expected": np.minimum(f.people_reached + f.pace.mid * weeks, cap).round(1),
        "slow": np.minimum(f.people_reached + f.pace.low * weeks, cap).round(1),
        "fast": np.minimum(f.people_reached + f.pace.high * weeks, cap).round(1)})


# -- closeness of who is reached ----------------------------------------------------------------------------


def closeness_band(closeness: pd.Series) -> pd.Series:
    """'close', 'near' or 'far' by CLOSENESS_BANDS; unknown closeness (a deleted contact) is 'unknown'."""
    values = pd.to_numeric(closeness, errors="coerce")
    out = pd.Series("unknown", index=closeness.index, dtype=object)
    for name, low in CLOSENESS_BANDS[::-1]:
        out[values >= low] = name
    return out


def closeness_weekly(people: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """People first reached each week by closeness band (long form: week, band, people), empty weeks kept."""
    bands = [name for name, _ in CLOSENESS_BANDS]
    weeks = pd.date_range(monday(start), monday(end), freq="7D")
    days = pd.to_datetime(people["first_reached"])
    inside = ((days >= pd.Timestamp(start)) & (days <= pd.Timestamp(end))).to_numpy()
    days = days[inside]
    week_of = (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).rename("week")
    band = closeness_band(people.loc[inside, "closeness"]).rename("band")
    counts = pd.Series(1, index=days.index).groupby([band, week_of]).sum()
    counts = counts.reindex(pd.MultiIndex.from_product([bands, weeks], names=["band", "week"]), fill_value=0)
    return counts.rename("people").astype(int).reset_index()[["week", "band", "people"]]


def closeness_takeaway(people: pd.DataFrame, today: date, recent_days: int = RECENT_DAYS) -> str:
    known = people.dropna(subset=["closeness"]) if len(people) else people
    if not len(known):
        return "Nobody reached in this view yet: start with the closest people on the Today page."
    cut = pd.Timestamp(today) - pd.Timedelta(days=recent_days)
    recent = known.loc[known["first_reached"] > cut, "closeness"]
    before = known.loc[known["first_reached"] <= cut, "closeness"]
    if len(recent) >= MIN_COHORT and len(before) >= MIN_COHORT:
        r, b = recent.median(), before.median()
        trend = "closer than" if r - b >= 0.03 else "less close than" if b - r >= 0.03 else "about as close as"
        return (f"People reached in the last 4 weeks: median closeness {r:.0%}, {trend} before ({b:.0%}). "
                "Closer contacts shorten the road.")
    median = known["closeness"].median()
    return f"Median closeness of the people reached: {median:.0%}. Closer contacts shorten the road."



# -- downloads -----------------------------------------------------------------------------------------------


def table_csv(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV that a spreadsheet opens as text: text cells pass engine.exporting's formula
    guard, so a note such as "=HYPERLINK(...)" is never run."""
    out = table.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(neutralise)
    return out.to_csv(index=False).encode("utf-8")
