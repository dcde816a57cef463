from datetime import date

import pandas as pd

from engine.charts import weekly_outreach_chart
from engine.progress import weekly_outreach


def test_weekly_chart_has_one_bar_per_week_and_the_goal_rule():
    history = pd.DataFrame({"contact_id": [1, 2], "kind": ["reached_out"] * 2,
                            "happened_on": [date(2026, 11, 2), date(2026, 11, 24)]})
    spec = weekly_outreach_chart(weekly_outreach(history, date(2026, 11, 28), weeks=4), goal=3).to_dict()
    bars, rule = spec["layer"]
    assert bars["mark"]["type"] == "bar" and rule["mark"]["type"] == "rule"
    datasets = spec["datasets"]
    rows = next(v for v in datasets.values() if "label" in v[0])
    assert [r["label"] for r in rows] == ["2 Nov", "9 Nov", "16 Nov", "23 Nov"]
    assert [r["outreach"] for r in rows] == [1, 0, 0, 1]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_every_time_axis_ticks_on_mondays_in_the_one_date_format():
    from datetime import date as day

    from engine import charts, progress

    start, end = day(2026, 9, 3), day(2026, 12, 2)
    road = pd.DataFrame({"day": pd.date_range(start, end), "reached": range((end - start).days + 1)})
    weekly = progress.weekly_counts(pd.Series(pd.date_range(start, end, freq="3D")), start, end, name="outreach")
    bands = pd.DataFrame({"week": weekly["week"], "band": "close", "people": 1})
    practice = pd.DataFrame({"happened_on": [day(2026, 10, 7)], "topic": ["Bees"], "feeling": [4]})
    built = [charts.road_chart(road, pd.DataFrame(columns=["milestone", "day", "reward"]), 80, 90),
             charts.forecast_chart(road, pd.DataFrame(columns=["day", "expected", "slow", "fast"]), 80),
             charts.closeness_chart(bands, start, end), charts.practice_chart(practice, weekly, start, end)]
    axes = 0
    for chart in built:
        for node in _walk(chart.to_dict()):
            axis = node.get("axis") if node.get("type") == "temporal" else None
            if isinstance(axis, dict):
                axes += 1
                assert axis["format"] == "%-d %b"
                ticks = [day(v["year"], v["month"], v["date"]) for v in axis["values"]]
                assert ticks and all(t.weekday() == 0 for t in ticks) and len(ticks) <= 7
            if node.get("format", "").startswith("%"):
                assert node["format"] in ("%-d %b", "%-d %b %Y"), node
    assert axes >= 4


def test_the_horizon_and_next_reward_labels_sit_at_opposite_ends():
    road = pd.DataFrame({"day": pd.date_range("2026-11-01", "2026-12-02"), "reached": range(32)})
    spec = charts_road(road)
    texts = [n for n in _walk(spec) if isinstance(n.get("mark"), dict) and n["mark"].get("type") == "text"]
    sides = {n["mark"]["align"]: n["encoding"]["x"]["value"] for n in texts}
    assert sides == {"left": 0, "right": "width"}


def charts_road(road):
    from engine import charts

    return charts.road_chart(road, pd.DataFrame(columns=["milestone", "day", "reward"]), 80, 80).to_dict()


def test_a_chart_renders_to_png_on_this_machine():
    from engine import charts

    road = pd.DataFrame({"day": pd.date_range("2026-11-01", "2026-12-02"), "reached": range(32)})
    image = charts.png(charts.road_chart(road, pd.DataFrame(columns=["milestone", "day", "reward"]), 80, 40))
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 5_000
    weekly = pd.DataFrame({"week": pd.date_range("2026-11-02", periods=4, freq="7D"), "outreach": [1, 0, 2, 3]})
    practice = pd.DataFrame({"happened_on": [date(2026, 11, 4)], "topic": ["Bees"], "feeling": [4]})
    stacked = charts.png(charts.practice_chart(practice, weekly, date(2026, 11, 2), date(2026, 11, 28)))
    assert stacked.startswith(b"\x89PNG")
