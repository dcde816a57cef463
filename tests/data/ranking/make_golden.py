"""Write golden.json: how a fixed network of 800 contacts with outreach history scores and ranks.

tests/engine/test_ranking_golden.py holds score_with_history, ranked and next_contacts to these figures, so a
change made for speed cannot change a result. After an intended change of the scoring rules, run
`.venv/bin/python tests/data/ranking/make_golden.py` and review the diff of golden.json in the commit.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

import pandas as pd  # noqa: E402

from engine.demo import demo_dataset, demo_profile  # noqa: E402
from engine.scoring import next_contacts, ranked, score_with_history  # noqa: E402
from engine.settings import read_settings  # noqa: E402

TODAY = date(2025, 3, 3)
SNOOZED = {5, 17, 222}


def network() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demo recipe at 800 contacts (titles and companies repeat), with odd titles and notes mixed in."""
    data = demo_dataset(TODAY, seed=11, n_contacts=800)
    contacts = data["contacts"].copy()
    odd = ["", None, "Científica de Datos Sr.", "Head of People & Culture", "VP Data @ Lumen Bank",
           "Ex-Google | Machine Learning Engineer", "Recruiter (m/w/d)", "Aspiring Data Scientist",
           "Founder & CEO", "Data Scientist II", "Pflegefachfrau", "Forecasting lead, Healthcare"]
    for i, title in enumerate(odd):
        contacts.loc[contacts.index[7 + 41 * i], "title"] = title
    contacts.loc[contacts.index[::97], "company"] = None
    contacts.loc[contacts.index[3::50], "notes"] = "Works on fintech payments and machine-learning forecasting"
    contacts["tags"] = [["demo", "fintech"] if i % 13 == 0 else ["demo"] for i in range(len(contacts))]
    return contacts, data["events"]


def golden() -> dict:
    contacts, events = network()
    profile = demo_profile()
    first = score_with_history(contacts, events, profile, TODAY, read_settings({}).rules, set(), SNOOZED)
    flagged = first[first["flags"].map(len) > 0]
    dismissed = {(int(cid), flags[0].code) for cid, flags in zip(flagged["id"][:6], flagged["flags"][:6],
                                                                    strict=True)}
    scored = score_with_history(contacts, events, profile, TODAY, read_settings({"follow_up_days": "5"}).rules,
                                dismissed, SNOOZED)
    return {
        "today": TODAY.isoformat(), "snoozed": sorted(SNOOZED), "dismissed": sorted(map(list, dismissed)),
        "contacts": [[int(r.id), float(r.closeness), float(r.priority), r.status, bool(r.eligible),
                      r.seniority, r.family, [[f.code, f.dismissed] for f in r.flags], list(r.why)]
                     for r in scored.itertuples()],
        "ranked": ranked(scored)["id"].tolist(),
        "next_20": next_contacts(scored, 20)["id"].tolist(),
    }


if __name__ == "__main__":
    data = golden()
    lines = [json.dumps(c, ensure_ascii=False) for c in data.pop("contacts")]  # one contact a line: a readable diff
    head = json.dumps(data, ensure_ascii=False)[:-1]
    (HERE / "golden.json").write_text(head + ', "contacts": [\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
