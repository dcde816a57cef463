"""Overview: where the search stands, and whether the effort is adding up. The figures come from engine/progress.py."""

from dataclasses import dataclass
from datetime import date

import streamlit as st

from app_pages.shared import (
    chart_spec,
    contacts_of,
    events_of,
    history_of,
    md,
    open_store,
    practice_of,
    require_profile,
    settings_of,
)
from engine import charts
from engine import progress as pg
from engine.coaching import good_moments, good_moments_takeaway
from engine.practice import readiness, view_takeaway
from engine.profile import Profile
from engine.titles import FAMILY_LABELS
from engine.words import INPUT_DATE, nice_date, word

store = open_store()
today = date.today()

st.title("Progress")
profile = require_profile(store)

if st.session_state.pop("progress_horizon_changed", False):
    store.set_settings({"horizon": int(st.session_state.progress_horizon)})
settings = settings_of(store)
horizon = settings.horizon


def _horizon_changed() -> None:
    st.session_state.progress_horizon_changed = True


events = events_of(store)
s = pg.summary(events, today, weekly_goal=profile.weekly_goal, reward=profile.reward,
               reward_every=profile.reward_every, horizon=horizon, introduced=pg.referrers_of(contacts_of(store)))
st.caption(f"Aiming for **{md(profile.target_role)}**. Every conversation counts toward the long road.")

cols = st.columns(5)
cols[0].metric("People reached", s.people_reached, help=f"Toward a horizon of about {s.horizon} people")
cols[1].metric("This week", f"{s.this_week} / {s.weekly_goal}", help="Outreach since Monday against your goal")
cols[2].metric("Replies", s.replied, help="People who answered you: a reply, a meeting, a decline or a referral")
cols[3].metric("Meetings", s.meetings, help="People you planned a meeting with or met")
cols[4].metric("Referrals", s.referrals, help=f"People introduced to you, by {s.referrers} "
               f"{'person' if s.referrers == 1 else 'people'}")

bar, setting = st.columns([6, 1], vertical_alignment="bottom")
bar.progress(min(s.people_reached / s.horizon, 1.0),
             text=f"The long road: {s.people_reached} of about {s.horizon} people")
with setting.popover("Horizon", icon=":material/tune:", width="stretch"):
    st.number_input("People on the long road", min_value=10, max_value=1000, step=5, value=horizon,
                    key="progress_horizon", on_change=_horizon_changed,
                    help="Practitioners estimate conversations with about 80 people before the one that leads to "
                         "an offer. Set your own horizon.")
if s.next_reward_at is not None:
    st.caption(f"Next reward, **{md(s.reward)}**, at {s.next_reward_at} people reached: {s.to_next_reward} to go.")

if events.empty and practice_of(store).empty:
    st.info("Nothing to chart yet. Reach out to a first person, or log a pleasure interview to practise: "
            "the charts fill in from there.", icon=":material/insights:")
    st.page_link("app_pages/today.py", label="Whom to approach next", icon=":material/arrow_forward:")
    st.stop()

h = history_of(store, profile, settings, today)  # recomputed only when the store changed or the day turned


# Streamlit's chart toolbar saves a PNG; this saves the drawn SVG of the chart above a "Save as SVG" button.
# Constant code, no user data; one listener for the whole page.
SAVE_SVG = """<script>
if (!window.unstuckSaveSvg) {
  window.unstuckSaveSvg = true;
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-unstuck-svg]");
    if (!button) return;
    let svg = null;
    for (let node = button; node && !svg; node = node.parentElement) {
      for (let prev = node.previousElementSibling; prev && !svg; prev = prev.previousElementSibling) {
        svg = prev.querySelector("[data-testid='stVegaLiteChart'] svg.marks");
      }
    }
    if (!svg) return;
    const copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    const text = '<?xml version="1.0" encoding="utf-8"?>\\n' + new XMLSerializer().serializeToString(copy);
    const url = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
    const link = Object.assign(document.createElement("a"), {href: url, download: button.dataset.unstuckSvg});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 2000);
  });
}
</script>"""
SVG_BUTTON = ('<button data-unstuck-svg="{name}" title="The chart as an SVG image" style="background:none;'
              'border:none;padding:0.25rem 0.5rem;font:inherit;font-size:0.875rem;color:inherit;cursor:pointer">'
              'Save as SVG</button>')


@dataclass(frozen=True)
class Figure:
    """One chart of the dashboard, ready to draw: its takeaway, Vega-Lite spec and table as CSV."""
    title: str
    takeaway: str
    spec: dict
    csv: bytes
    chart: object  # the Altair chart, rendered to PNG only when its download is asked for
    caption: str = ""


@st.cache_resource(show_spinner=False, max_entries=16)
def figures(view: tuple, _h: pg.History, _s: pg.Summary, _profile: Profile) -> tuple[dict[str, Figure], tuple]:
    """Every chart, takeaway and table of one view: (store file, version, day, filters, horizon). A click that changes
    none of these (a page visit, a download) draws them again without building or validating a chart."""
    *_, today, f, horizon = view
    h, s, start, end = _h, _s, f.start, f.end
    people = pg.apply_filters(h.people, f)  # the road counts everyone reached before the start too
    in_range = pg.apply_filters(h.people, f, "first_reached")
    outreach = pg.apply_filters(h.outreach, f, "happened_on")
    practice = pg.apply_filters(h.practice, pg.Filters(start, end), "happened_on")
    moments = pg.apply_filters(h.moments, f, "happened_on")

    def figure(title, takeaway, chart, table, caption=""):
        return Figure(title, takeaway, chart_spec(charts.exportable(chart)), pg.table_csv(table), chart, caption)

    weekly = pg.weekly_counts(outreach["happened_on"], start, end, name="outreach")
    streak = pg.goal_streak(weekly, s.weekly_goal, today)
    road = pg.road(people, start, end)
    marks = pg.reward_marks(h.people, f, _profile.reward_every, _profile.reward)
    next_at = None if f.narrows_people else s.next_reward_at
    funnel = pg.funnel(in_range, today)
    forecast = pg.forecast(h.people, today, horizon)
    ahead = pg.projection(forecast, today)
    lines = pg.forecast_lines(forecast)
    bands = pg.closeness_weekly(in_range, start, end)
    out = {
        "weekly": figure("Outreach per week", streak.takeaway(s.weekly_goal),
                         charts.weekly_outreach_chart(weekly, s.weekly_goal), weekly.assign(goal=s.weekly_goal)),
        "road": figure("The long road", pg.road_takeaway(int(road["reached"].iloc[-1]), horizon, next_at),
                       charts.road_chart(road, marks, horizon, next_at), road),
        "funnel": figure("From outreach to referral", pg.funnel_takeaway(funnel), charts.funnel_chart(funnel),
                         funnel.drop(columns="stage"),  # the table in words: the stage's label, not its code
                         "Rates compare people first reached in the last 4 weeks with those before (hover a bar); "
                         "recent people have had less time to answer."),
        "forecast": figure("The road ahead", lines[0],
                           charts.forecast_chart(pg.road(h.people, start, today), ahead, horizon), ahead,
                           "  \n".join(md(line) for line in lines[1:]) + "  \nFrom your whole history, whatever "
                           "the filters; ranges are 80% intervals from your own rates."),
        "closeness": figure("Closeness of the people you reach", pg.closeness_takeaway(in_range, today),
                            charts.closeness_chart(bands, start, end), bands),
        "practice": figure("Practice beside real outreach", view_takeaway(practice, readiness(h.practice, today)),
                           charts.practice_chart(practice, weekly, start, end),
                           practice.drop(columns=["is_demo"], errors="ignore")),
    }
    return out, good_moments(moments, n=3)


def panel(name: str, fig: Figure) -> None:
    """One chart: a heading, its one-line takeaway, the chart, then PNG, SVG and CSV downloads (the PNG is rendered
    on this machine when asked for)."""
    st.markdown(f"#### {fig.title}")
    st.markdown(md(fig.takeaway))
    st.vega_lite_chart(spec=fig.spec, key=f"progress_chart_{name}")
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.download_button("Chart as PNG", lambda: charts.png(fig.chart), file_name=f"unstuck_{name}.png",
                           mime="image/png", key=f"progress_png_{name}", on_click="ignore",
                           icon=":material/image:", type="tertiary")
        st.download_button("Table as CSV", fig.csv, file_name=f"unstuck_{name}.csv", mime="text/csv",
                           key=f"progress_csv_{name}", on_click="ignore", icon=":material/download:", type="tertiary")
        st.html(SVG_BUTTON.format(name=f"unstuck_{name}.svg"), width="content")
    if fig.caption:
        st.caption(fig.caption)


@st.fragment
def dashboard(h: pg.History, horizon: int, s: pg.Summary) -> None:
    options, (first, last) = pg.filter_options(h), pg.default_range(h, today)
    dates, channel, company, family = st.columns([2, 1, 1, 1])
    picked = dates.date_input("Dates", value=(first, last), max_value=today, key="progress_range", format=INPUT_DATE)
    channels = channel.multiselect("Channel", options["channels"], key="progress_channels", placeholder="All",
                                   help="How you reached out (for a person: how you first reached out)",
                                   format_func=lambda c: word("channel", c))
    companies = company.multiselect("Company", options["companies"], key="progress_companies", placeholder="All")
    families = family.multiselect("Job family", options["families"], key="progress_families", placeholder="All",
                                  format_func=lambda f: FAMILY_LABELS.get(f, f))
    picked = tuple(picked) if isinstance(picked, tuple | list) else (picked,)
    start, end = (picked + (today,))[:2] if picked and picked[0] else (first, last)  # mid-pick: one date so far
    f = pg.Filters(start, end, tuple(channels), tuple(companies), tuple(families))
    shown, (count, latest) = figures((str(store.path), store.version, today, f, horizon), h, s, profile)

    for pair in (("weekly", "road"), ("funnel", "forecast"), ("closeness", "practice")):
        for column, name in zip(st.columns(2, gap="large"), pair, strict=True):
            with column:
                panel(name, shown[name])

    st.markdown("#### Good moments")
    st.markdown(md(good_moments_takeaway(count)))
    for row in latest.itertuples():
        who = md(row.full_name) if isinstance(row.full_name, str) else "someone"
        note = f": {md(row.note)}" if isinstance(row.note, str) and row.note else ""
        st.markdown(f":material/bolt: {nice_date(row.happened_on)} with **{who}**{note}")


st.html(SAVE_SVG, unsafe_allow_javascript=True)
dashboard(h, horizon, s)
