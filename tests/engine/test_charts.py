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
    assert [r["label"] for r in rows] == ["02 Nov", "09 Nov", "16 Nov", "23 Nov"]
    assert [r["outreach"] for r in rows] == [1, 0, 0, 1]
