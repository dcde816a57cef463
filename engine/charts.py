"""Altair charts: each takes a tidy DataFrame from engine/progress.py and returns a chart, nothing else."""

from __future__ import annotations

import altair as alt
import pandas as pd


def weekly_outreach_chart(weekly: pd.DataFrame, goal: int) -> alt.LayerChart:
    """Bars of outreach per week with the weekly goal as a rule."""
    data = weekly.assign(label=weekly["week"].dt.strftime("%d %b"))
    bars = alt.Chart(data).mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        x=alt.X("label:N", title="Week starting", sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("outreach:Q", title="People reached out to"),
        color=alt.condition(alt.datum.outreach >= goal, alt.value("#2f7d6d"), alt.value("#9cc5bb")),
        tooltip=[alt.Tooltip("week:T", title="Week of", format="%d %b %Y"), "outreach:Q"])
    rule = alt.Chart(pd.DataFrame({"goal": [goal]})).mark_rule(strokeDash=[4, 4], color="#c0573e").encode(
        y="goal:Q", tooltip=[alt.Tooltip("goal:Q", title="Weekly goal")])
    return (bars + rule).properties(height=220)
