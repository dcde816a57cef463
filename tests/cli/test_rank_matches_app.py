"""`unstuck rank` gives what the app's scoring path gives (history, learning and all), written exactly as
json.dumps writes each contact, and a rank process loads neither scikit-learn nor SciPy when there is nothing
to learn yet."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from engine.cli import RANK_COLUMNS, _ranking_json, main
from engine.ranking import rank_contacts
from engine.scoring import next_contacts, ranked, score_with_history
from engine.settings import STANDARD, read_settings
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ['Zoë "Zed" O\'Brien\\', "Robert'); drop table contacts;--", "名前 テスト\u2028", "tab\there\x01"]


def app_scores(db_path):
    """What app_pages/shared.py ranks: engine.ranking, score then learn then apply."""
    today = date.today()
    with Store(db_path) as store:
        ranking = rank_contacts(store.contacts(), store.events(), store.load_profile(),
                                read_settings(store.settings()), today, dismissed=store.dismissed_flags(),
                                snoozed=store.snoozed(today), sources=store.source_formats(),
                                ratings=store.ratings())
        assert ranking.learned.beats_base_rate  # the demo's history is long enough: learning changes the ranking
        return ranking.ranked


def as_json(rows) -> str:
    """The JSON `rank --json` wrote before it was built a column at a time."""
    def text(value):
        return value if isinstance(value, str) and value else None
    items = [json.dumps({"id": r.id, "name": r.full_name, "company": text(r.company), "title": text(r.title),
                         "seniority": r.seniority, "family": r.family, "closeness": round(r.closeness, 4),
                         "priority": round(r.priority, 2), "status": r.status,
                         "flags": [{"code": f.code, "reason": f.reason} for f in r.flags if not f.dismissed],
                         "dismissed_flags": [f.code for f in r.flags if f.dismissed], "why": r.why},
                        ensure_ascii=False) for r in rows.itertuples()]
    return "[" + ",".join(items) + "]\n"


def test_rank_json_is_the_apps_ranking_byte_for_byte(db_path, capsys):
    assert main(["demo"]) == 0
    with Store(db_path) as store:
        for name, title in zip(HOSTILE, ["Recruiter", "", "Data Scientist", "VP Data"], strict=True):
            store.add_contact(full_name=name, title=title or None, company="Northwind Health")
        flagged = next(r for r in score_with_history(store.contacts(), store.events(), store.load_profile(),
                                                     date.today(), STANDARD.rules).itertuples() if r.flags)
        store.set_flag_dismissed(flagged.id, flagged.flags[0].code)
        ids = store.contacts()["id"].tolist()  # ratings: the same list moves in the app and in `unstuck rank`
        for n, contact_id in enumerate(ids[:12]):
            store.rate(contact_id, "good" if n % 2 else "not_relevant")
    capsys.readouterr()
    expected = app_scores(db_path)
    assert main(["rank", "--all", "--json"]) == 0
    out = capsys.readouterr().out
    assert out == as_json(ranked(expected))
    everyone = json.loads(out)
    assert {e["name"] for e in everyone} >= set(HOSTILE)
    assert any(flagged.flags[0].code in e["dismissed_flags"] for e in everyone if e["id"] == flagged.id)
    assert main(["rank", "--top", "20", "--json"]) == 0
    assert capsys.readouterr().out == as_json(next_contacts(expected, 20))
    # written a chunk at a time, in the order given: chunks of a few contacts join up to the same text
    order = expected.index.get_indexer(ranked(expected).index)
    assert "[" + ",".join(_ranking_json(expected[RANK_COLUMNS], order, chunk=7)) + "]\n" == out


def test_a_rank_process_with_nothing_to_learn_loads_neither_scikit_learn_nor_scipy(db_path, capsys):
    assert main(["target", "--role", "Data Scientist"]) == 0
    with Store(db_path) as store:
        store.add_contact(full_name="Ana Ruiz", title="Data Analyst", company="Acme")
    code = ("import sys; from engine.cli import main; rc = main(sys.argv[1:]); "
            "print(sorted(m for m in ('sklearn', 'scipy', 'altair') if m in sys.modules), file=sys.stderr); "
            "sys.exit(rc)")
    out = subprocess.run([sys.executable, "-c", code, "rank", "--top", "20", "--db", str(db_path)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "Ana Ruiz" in out.stdout
    assert out.stderr.strip().splitlines()[-1] == "[]"
