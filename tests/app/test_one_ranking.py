"""The app and the CLI rank one store the same way: score, learn from the user's outcomes, lean the ranking on it."""

import json

from engine.cli import main


def cli_rank(capsys, top: int) -> list[dict]:
    assert main(["rank", "--top", str(top), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_today_and_unstuck_rank_agree_on_whom_to_approach_and_why(app, db_path, planted, capsys):
    planted(db_path, n=120, fresh=40)
    at = app()
    at.slider(key="today_top_n").set_value(20).run()
    assert not at.exception
    shown = [int(b.key.rsplit("_", 1)[1]) for b in at.button if b.key and b.key.startswith("today_snooze_")]
    reasons = [m.value for m in at.markdown if m.value.startswith("- ")]
    ranked = cli_rank(capsys, 20)
    assert shown == [r["id"] for r in ranked] and len(shown) == 20
    learned = [r for r in ranked if any("reply more often to you" in why for why in r["why"])]
    assert learned, "the learned step ran: its reason is among the CLI's"
    assert any("reply more often to you" in text.replace("\\", "") for text in reasons), "...and on Today"
