"""Every Altair chart the app draws: each takes a tidy DataFrame from the engine (progress, practice, learning)
and returns a chart, nothing else.

One calm palette: deep teal for what was done, light teal for the rest, a warm red for goals and the horizon.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta

import altair as alt
import numpy as np
import pandas as pd

from engine.words import VEGA_DATE, VEGA_SHORT_DATE, nice_date

DONE, LIGHT, GOAL, MUTED = "#2f7d6d", "#9cc5bb", "#c0573e", "#b8b8b8"
BAND_COLORS = {"close": DONE, "near": LIGHT, "far": "#dcdcdc"}
# Drawn as SVG whatever its size, so the page can save the drawn chart as an SVG file. (Streamlit keeps Vega-Embed's
# own export menu off even when usermeta asks for it; its toolbar offers "Download as PNG" instead.)
EXPORT = {"embedOptions": {"renderer": "svg"}}


def exportable(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart, always rendered as SVG in the browser so it can be saved as SVG as well as PNG."""
    return chart.properties(usermeta=EXPORT)


def png(chart: alt.TopLevelMixin, width: int = 640, scale: float = 2.0) -> bytes:
    """The chart as a PNG image, rendered here (vl-convert: no browser, no network), `width` pixels wide at
    `scale` times the pixel density. A layered or single chart takes the width; a stacked one gets it per part."""
    import vl_convert as vlc

    sized = chart.properties(width=width) if not isinstance(chart, alt.VConcatChart) else alt.vconcat(
        *[part.properties(width=width) for part in chart.vconcat], spacing=chart.spacing).resolve_scale(
        x="shared").configure_title(fontSize=12, anchor="start", fontWeight="normal", color="#555")
    return vlc.vegalite_to_png(sized.to_json(), scale=scale)


def _week_span(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(week_end=frame["week"] + pd.Timedelta(days=7))


def monday_ticks(start, end, most: int = 7) -> list[alt.DateTime]:
    """Tick marks on Mondays (weeks start on Monday, ISO 8601, as engine.progress counts them), every so many
    weeks that at most `most` labels share the axis, so they never overprint. Vega-Lite's own week ticks fall on
    Sundays."""
    first = pd.Timestamp(start).normalize()
    first += pd.Timedelta(days=(7 - first.weekday()) % 7)  # the first Monday on or after start: inside the axis
    weeks = pd.date_range(first, pd.Timestamp(end), freq="7D")
    step = max(1, -(-len(weeks) // most))
    return [alt.DateTime(year=d.year, month=d.month, date=d.day) for d in weeks[::step]]


def _monday_axis(start, end, **kwargs) -> alt.Axis:
    return alt.Axis(format=VEGA_SHORT_DATE, values=monday_ticks(start, end), labelFlush=True, **kwargs)


def _span_of(days: pd.Series) -> tuple:
    days = pd.to_datetime(days)
    return (days.min(), days.max()) if len(days) else (pd.Timestamp.today(), pd.Timestamp.today())


def _time_axis(start: date, end: date) -> alt.Scale:
    first = start - timedelta(days=start.weekday())
    last = end - timedelta(days=end.weekday()) + timedelta(days=7)
    return alt.Scale(domain=[pd.Timestamp(first).isoformat(), pd.Timestamp(last).isoformat()])


def weekly_outreach_chart(weekly: pd.DataFrame, goal: int) -> alt.LayerChart:
    """Bars of outreach per week with the weekly goal as a rule."""
    data = weekly.assign(label=weekly["week"].map(lambda w: nice_date(w, year=False)),
                         shade=(weekly["outreach"] >= goal).map({True: DONE, False: LIGHT}))
    bars = alt.Chart(data).mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        x=alt.X("label:N", title="Week starting", sort=None, axis=alt.Axis(labelAngle=0, labelOverlap="greedy")),
        y=alt.Y("outreach:Q", title="People reached out to"),
        color=alt.Color("shade:N", scale=None),
        tooltip=[alt.Tooltip("week:T", title="Week of", format=VEGA_DATE), alt.Tooltip("outreach:Q")])
    rule = alt.Chart(pd.DataFrame({"goal": [goal]})).mark_rule(strokeDash=[4, 4], color=GOAL).encode(
        y=alt.Y("goal:Q"), tooltip=[alt.Tooltip("goal:Q", title="Weekly goal")])
    return (bars + rule).properties(height=220)


def road_chart(road: pd.DataFrame, milestones: pd.DataFrame, horizon: int,
               next_reward_at: int | None = None) -> alt.LayerChart:
    """Cumulative people reached, day by day, under the horizon; reached milestones as dots on the line and
    the next one as a dashed rule."""
    top = max(horizon, int(road["reached"].max()) if len(road) else 0) * 1.05
    y = alt.Y("reached:Q", title="People reached", scale=alt.Scale(domain=[0, top]))
    line = alt.Chart(road).mark_area(line={"color": DONE}, color=LIGHT, opacity=0.5, interpolate="step-after").encode(
        x=alt.X("day:T", title=None, axis=_monday_axis(*_span_of(road["day"]))), y=y,
        tooltip=[alt.Tooltip("day:T", title="Day", format=VEGA_DATE), alt.Tooltip("reached:Q", title="Reached")])
    goals = pd.DataFrame({"value": [horizon], "what": [f"horizon: about {horizon}"], "side": ["left"]})
    if next_reward_at is not None:
        goals = pd.concat([goals, pd.DataFrame({"value": [next_reward_at], "what": [f"next reward: {next_reward_at}"],
                                                "side": ["right"]})])
    rules = alt.Chart(goals).mark_rule(strokeDash=[4, 4], color=GOAL).encode(
        y=alt.Y("value:Q"), tooltip=[alt.Tooltip("what:N", title="Line"), alt.Tooltip("value:Q", title="People")])
    # The horizon's label sits at the left end of its line, the next reward's at the right end: when the two lines
    # are close (or the same), the labels still do not overprint.
    left = alt.Chart(goals[goals["side"] == "left"]).mark_text(align="left", dx=4, dy=-7, color=GOAL,
                                                                fontSize=11).encode(
        y=alt.Y("value:Q"), x=alt.XValue(0), text=alt.Text("what:N"))
    right = alt.Chart(goals[goals["side"] == "right"]).mark_text(align="right", dx=-4, dy=-7, color=GOAL,
                                                                  fontSize=11).encode(
        y=alt.Y("value:Q"), x=alt.XValue("width"), text=alt.Text("what:N"))
    labels = alt.layer(left, right)
    layers = [line, rules, labels]
    if len(milestones):
        layers.append(alt.Chart(milestones).mark_point(filled=True, size=70, color=GOAL, shape="diamond").encode(
            x=alt.X("day:T"), y=alt.Y("milestone:Q"),
            tooltip=[alt.Tooltip("milestone:Q", title="Reward earned at"), alt.Tooltip("day:T", format=VEGA_DATE),
                     alt.Tooltip("reward:N", title="Reward")]))
    return alt.layer(*layers).properties(height=240)


def funnel_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Horizontal bars of people at each stage, labelled with the count and the conversion from its base."""
    rate = table["rate"].astype(float)
    data = table.assign(text=[f"{p}" if pd.isna(r) else f"{p}  ·  {r:.0%} of {f}"
                              for p, r, f in zip(table["people"], rate, table["from_stage"], strict=True)])
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=None, title=None))
    bars = base.mark_bar(color=DONE, cornerRadiusTopRight=3, cornerRadiusBottomRight=3).encode(
        x=alt.X("people:Q", title="People"),
        tooltip=[alt.Tooltip("label:N", title="Stage"), alt.Tooltip("people:Q", title="People"),
                 alt.Tooltip("rate:Q", title="Conversion", format=".0%"),
                 alt.Tooltip("rate_last_4_weeks:Q", title="Last 4 weeks", format=".0%"),
                 alt.Tooltip("rate_before:Q", title="Before", format=".0%")])
    text = base.mark_text(align="left", dx=4, color="#444").encode(x=alt.X("people:Q"), text=alt.Text("text:N"))
    return (bars + text).properties(height=200)


def forecast_chart(road: pd.DataFrame, ahead: pd.DataFrame, horizon: int) -> alt.LayerChart:
    """The road so far and, from today, the road ahead at the median pace inside its 80% band."""
    top = max(horizon, int(road["reached"].max()) if len(road) else 0) * 1.05
    y_scale = alt.Scale(domain=[0, top])
    days = pd.concat([road["day"], ahead["day"]]) if len(ahead) else road["day"]
    past = alt.Chart(road).mark_line(color=DONE, interpolate="step-after").encode(
        x=alt.X("day:T", title=None, axis=_monday_axis(*_span_of(days))),
        y=alt.Y("reached:Q", title="People reached", scale=y_scale),
        tooltip=[alt.Tooltip("day:T", format=VEGA_DATE), alt.Tooltip("reached:Q", title="Reached")])
    rule = alt.Chart(pd.DataFrame({"horizon": [horizon]})).mark_rule(strokeDash=[4, 4], color=GOAL).encode(
        y=alt.Y("horizon:Q"), tooltip=[alt.Tooltip("horizon:Q", title="Horizon")])
    layers = [past, rule]
    if len(ahead):
        band = alt.Chart(ahead).mark_area(color=LIGHT, opacity=0.45).encode(
            x=alt.X("day:T"), y=alt.Y("slow:Q", scale=y_scale), y2=alt.Y2("fast:Q"),
            tooltip=[alt.Tooltip("day:T", title="Week of", format=VEGA_DATE),
                     alt.Tooltip("expected:Q", title="Expected"), alt.Tooltip("slow:Q", title="Slow pace (10%)"),
                     alt.Tooltip("fast:Q", title="Fast pace (90%)")])
        mid = alt.Chart(ahead).mark_line(color=DONE, strokeDash=[6, 4]).encode(x=alt.X("day:T"),
                                                                              y=alt.Y("expected:Q"))
        layers = [band, past, mid, rule]
    return alt.layer(*layers).properties(height=240)


def closeness_chart(weekly: pd.DataFrame, start: date, end: date) -> alt.Chart:
    """People first reached each week, stacked by how close they are to the target career."""
    bands = list(BAND_COLORS)
    data = _week_span(weekly).assign(order=weekly["band"].map({b: i for i, b in enumerate(bands)}))
    return alt.Chart(data).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("week:T", title=None, scale=_time_axis(start, end), axis=_monday_axis(start, end)),
        x2=alt.X2("week_end:T"), y=alt.Y("sum(people):Q", title="People reached"),
        color=alt.Color("band:N", title="Closeness", scale=alt.Scale(domain=bands, range=list(BAND_COLORS.values())),
                        legend=alt.Legend(orient="top")),
        order=alt.Order("order:Q", sort="ascending"),
        tooltip=[alt.Tooltip("week:T", title="Week of", format=VEGA_DATE), alt.Tooltip("band:N", title="Closeness"),
                 alt.Tooltip("people:Q", title="People")]).properties(height=250)


def practice_chart(practice: pd.DataFrame, weekly: pd.DataFrame, start: date, end: date) -> alt.VConcatChart:
    """Pleasure interviews by how they felt (top) over real outreach per week (bottom), on one time axis."""
    x_scale = _time_axis(start, end)
    dots = practice.assign(day=pd.to_datetime(practice["happened_on"]))[["day", "topic", "feeling"]]
    felt = alt.Chart(dots).mark_circle(size=110, color=GOAL, opacity=0.85).encode(
        x=alt.X("day:T", title=None, scale=x_scale, axis=alt.Axis(format=VEGA_SHORT_DATE, labels=False, ticks=False,
                                                                  values=monday_ticks(start, end))),
        y=alt.Y("feeling:Q", title="Felt (1-5)", scale=alt.Scale(domain=[1, 5]), axis=alt.Axis(values=[1, 3, 5])),
        tooltip=[alt.Tooltip("day:T", title="Day", format=VEGA_DATE), alt.Tooltip("topic:N", title="Topic"),
                 alt.Tooltip("feeling:Q", title="Felt")]).properties(height=90, title="Pleasure interviews")
    bars = alt.Chart(_week_span(weekly)).mark_bar(color=LIGHT, stroke="white", strokeWidth=1).encode(
        x=alt.X("week:T", title=None, scale=x_scale, axis=_monday_axis(start, end)),
        x2=alt.X2("week_end:T"),
        y=alt.Y("outreach:Q", title="Outreach"), y2=alt.Y2Datum(0),
        tooltip=[alt.Tooltip("week:T", title="Week of", format=VEGA_DATE), alt.Tooltip("outreach:Q")],
    ).properties(height=120, title="Real outreach per week")
    return alt.vconcat(felt, bars, spacing=8).resolve_scale(x="shared").configure_title(
        fontSize=12, anchor="start", fontWeight="normal", color="#555")


PRACTICE_SERIES = {"practice": "Practice interviews", "outreach": "Real outreach"}
PRACTICE_COLOURS = {"Practice interviews": "#e0a84f", "Real outreach": "#2f7d6d"}


def practice_weeks_chart(weekly: pd.DataFrame) -> alt.Chart:
    """Bars of practice interviews and of real outreach side by side, week by week, on one time axis."""
    long = weekly.assign(label=weekly["week"].map(lambda w: nice_date(w, year=False))).melt(
        id_vars=["week", "label", "feeling"], value_vars=list(PRACTICE_SERIES), var_name="series", value_name="count")
    long["series"] = long["series"].map(PRACTICE_SERIES)
    long.loc[long["series"] != PRACTICE_SERIES["practice"], "feeling"] = float("nan")
    # the legend sits on the right: Streamlit squeezes the plot to a sliver under a legend on top
    return alt.Chart(long).mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        x=alt.X("label:N", title="Week starting", sort=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("series:N", sort=list(PRACTICE_SERIES.values())),
        y=alt.Y("count:Q", title="Conversations", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("series:N", title=None, sort=list(PRACTICE_SERIES.values()),
                        scale=alt.Scale(domain=list(PRACTICE_COLOURS), range=list(PRACTICE_COLOURS.values())),
                        legend=alt.Legend(orient="right")),
        tooltip=[alt.Tooltip("week:T", title="Week of", format=VEGA_DATE), alt.Tooltip("series:N", title="What"),
                 alt.Tooltip("count:Q", title="How many"),
                 alt.Tooltip("feeling:Q", title="Average feeling (1-5)", format=".1f")],
    ).properties(height=220)


def effects_chart(effects: pd.DataFrame) -> alt.LayerChart:
    """Horizontal bars of each factor's effect on the reply chance (points), with its 90% interval."""
    data = effects.assign(points=effects["effect"] * 100, low_points=effects["low"] * 100,
                          high_points=effects["high"] * 100,
                          direction=np.where(effects["effect"] >= 0, "raises", "lowers"),
                          axis_label=effects["label"].map(lambda t: textwrap.fill(str(t), 24)))
    # Long factor names wrap onto two lines (a newline in the data, split by the axis) instead of taking the width
    # the bars need: at phone width a one-line label column left the bars a sliver and cut the axis title.
    y = alt.Y("axis_label:N", title=None, sort=alt.EncodingSortField("points", order="descending"),
              axis=alt.Axis(labelExpr="split(datum.label, '\\n')", labelLimit=200, labelLineHeight=13,
                            labelOverlap=False, labelOffset={"expr": "indexof(datum.label, '\\n') >= 0 ? -6 : 0"}))
    tooltip = [alt.Tooltip("label:N", title="Factor"), alt.Tooltip("points:Q", title="Effect (points)", format="+.0f"),
               alt.Tooltip("low_points:Q", title="From", format="+.0f"),
               alt.Tooltip("high_points:Q", title="To", format="+.0f"),
               alt.Tooltip("n_on:Q", title="Outreaches with it")]
    bars = alt.Chart(data).mark_bar(cornerRadius=2).encode(
        x=alt.X("points:Q", title=["Change in reply chance", "(percentage points)"]), y=y,
        color=alt.Color("direction:N", scale=alt.Scale(domain=["raises", "lowers"], range=["#2f7d6d", "#c0573e"]),
                        legend=None), tooltip=tooltip)
    errors = alt.Chart(data).mark_rule(color="#444").encode(x="low_points:Q", x2="high_points:Q", y=y,
                                                            tooltip=tooltip)
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#b8b8b8").encode(x="x:Q")
    return (bars + errors + zero).properties(height=max(120, 40 * len(data)))
