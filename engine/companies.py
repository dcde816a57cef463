"""Companies: whom the user knows at each one, the warm ways in, and what the profile says about it.

One row per company (`companies_overview`) and one company's people and warm paths (`company_people`), both from
the scored contacts (engine.ranking), so a person's status, closeness and "referred by" read the same as on Today
and the Contact page. A company is known by its normalised name (engine.scoring.company_keys: "Stripe, Inc." and
"stripe" are one company); it is shown by the spelling most of its people carry.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from engine.profile import Profile
from engine.scoring import company_keys

ANSWERED = ("replied", "meeting", "met", "declined")  # statuses in which they answered the user
WARM_TIE = 4  # tie strength from which the user knows someone well
OVERVIEW_COLUMNS = ["key", "company", "people", "target", "motivation", "industry", "warm_paths", "answered",
                    "reached"]


def _targets(profile: Profile) -> dict[str, tuple[str, int]]:
    names = pd.Series([c.name for c in profile.companies], dtype=object)
    keys = company_keys(names).tolist() if len(names) else []
    return {k: (c.name, c.motivation) for k, c in zip(keys, profile.companies, strict=True) if k}


def _former(people: pd.DataFrame) -> pd.Series:
    """Where each person worked with the user (engine.archive.with_former_colleagues), or None."""
    if "former_colleague" not in people:
        return pd.Series(None, index=people.index, dtype=object)
    return people["former_colleague"].astype(object).where(people["former_colleague"].notna(), None)


def _warm(people: pd.DataFrame) -> pd.Series:
    tie = pd.to_numeric(people["tie_strength"], errors="coerce").fillna(0)
    return (people["referred_by"].notna() | people["status"].isin(ANSWERED) | _former(people).notna()
            | (tie >= WARM_TIE))


def companies_overview(scored: pd.DataFrame, profile: Profile) -> pd.DataFrame:
    """One row per company the user knows someone at or named as a target: key, company (shown name), people,
    target (on the target list), motivation (1-5, or 0 when not a target), industry (a target industry their
    people's details mention, else None), warm_paths (people there introduced to the user, who answered, who
    worked with the user before, or whom the user knows well), answered, reached (people there the user wrote
    to). Target companies first, by motivation, then by warm paths and people."""
    targets = _targets(profile)
    known = scored[scored["company"].notna() & scored["company"].astype(str).str.strip().ne("")]
    keys = company_keys(known["company"])
    known = known.assign(key=keys.to_numpy(), warm=_warm(known).to_numpy(),
                         answered=known["status"].isin(ANSWERED).to_numpy(),
                         reached=(~known["status"].isin(("to_approach", "drafting"))).to_numpy())
    known = known[known["key"] != ""]
    grouped = known.groupby("key", sort=False)
    out = grouped.agg(people=("id", "size"), warm_paths=("warm", "sum"), answered=("answered", "sum"),
                      reached=("reached", "sum"))
    # shown by the spelling most of its people carry, and in the target industry most of them mention
    spelled = known.groupby(["key", "company"], sort=False).size().sort_values(ascending=False, kind="stable")
    out["company"] = spelled.reset_index().drop_duplicates("key").set_index("key")["company"]
    hits = known.dropna(subset=["industry_hit"]).groupby(["key", "industry_hit"], sort=False).size()
    hits = hits.sort_values(ascending=False, kind="stable").reset_index().drop_duplicates("key")
    out["industry"] = hits.set_index("key")["industry_hit"].reindex(out.index).astype(object)
    out["industry"] = out["industry"].where(out["industry"].notna(), None)
    out["target"] = out.index.isin(list(targets))
    out["motivation"] = [targets[k][1] if k in targets else 0 for k in out.index]
    out["company"] = [" ".join(str(targets[k][0] if k in targets else c).split())
                      for k, c in zip(out.index, out["company"], strict=True)]
    rows = [(key, name, 0, True, motivation, None, 0, 0, 0) for key, (name, motivation) in targets.items()
            if key not in out.index]
    out = pd.concat([out.reset_index()[OVERVIEW_COLUMNS], pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)],
                    ignore_index=True) if rows else out.reset_index()[OVERVIEW_COLUMNS]
    for column in ("people", "warm_paths", "answered", "reached", "motivation"):
        out[column] = out[column].astype(int)
    if out.empty:
        return out
    order = np.lexsort((out["company"].str.casefold(), -out["people"], -out["warm_paths"], -out["motivation"],
                        ~out["target"]))
    return out.iloc[order].reset_index(drop=True)


def company_people(scored: pd.DataFrame, key: str, names: Mapping[int, str]) -> pd.DataFrame:
    """The people at one company (by key), warmest path first, then by priority: id, full_name, title, status,
    closeness, path (in words: "introduced by Ana Ruiz", "answered you", "a former colleague: you both worked at
    Acme", "you know them well", or None)."""
    known = scored[scored["company"].notna()]
    people = known[company_keys(known["company"]) == key]
    if people.empty:
        return pd.DataFrame(columns=["id", "full_name", "title", "status", "closeness", "path"])
    tie = pd.to_numeric(people["tie_strength"], errors="coerce").fillna(0)
    paths = []
    for giver, status, former, strong in zip(people["referred_by"], people["status"], _former(people),
                                             tie >= WARM_TIE, strict=True):
        if pd.notna(giver):
            paths.append(f"introduced by {names.get(int(giver), 'someone you know')}")
        elif status in ANSWERED:
            paths.append("answered you")
        elif former:
            paths.append(f"a former colleague: you both worked at {former}")
        elif strong:
            paths.append("you know them well")
        else:
            paths.append(None)
    rank = [0 if p and p.startswith("introduced") else 1 if p == "answered you"
            else 2 if p and p.startswith("a former colleague") else 3 if p else 4 for p in paths]
    out = people.assign(path=pd.Series(paths, index=people.index, dtype=object), _rank=rank)
    out = out.sort_values(["_rank", "priority"], ascending=[True, False], kind="stable")
    return out[["id", "full_name", "title", "status", "closeness", "path"]].reset_index(drop=True)
