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


def _warm(people: pd.DataFrame) -> pd.Series:
    tie = pd.to_numeric(people["tie_strength"], errors="coerce").fillna(0)
    return people["referred_by"].notna() | people["status"].isin(ANSWERED) | (tie >= WARM_TIE)


def companies_overview(scored: pd.DataFrame, profile: Profile) -> pd.DataFrame:
    """One row per company the user knows someone at or named as a target: key, company (shown name), people,
    target (on the target list), motivation (1-5, or 0 when not a target), industry (a target industry their
    people's details mention, else None), warm_paths (people there introduced to the user, who answered, or whom
    the user knows well), answered, reached (people there the user wrote to). Target companies first, by
    motivation, then by warm paths and people."""
    targets = _targets(profile)
    known = scored[scored["company"].notna() & scored["company"].astype(str).str.strip().ne("")]
    keys = company_keys(known["company"])
    known = known.assign(key=keys.to_numpy(), warm=_warm(known).to_numpy(),
                         answered=known["status"].isin(ANSWERED).to_numpy(),
                         reached=(~known["status"].isin(("to_approach", "drafting"))).to_numpy())
    known = known[known["key"] != ""]
    rows = []
    for key, group in known.groupby("key", sort=False):
        industries = group["industry_hit"].dropna()
        name, motivation = targets.get(key, (group["company"].mode().iloc[0], 0))
        rows.append((key, " ".join(str(name).split()), len(group), key in targets, motivation,
                     industries.mode().iloc[0] if len(industries) else None, int(group["warm"].sum()),
                     int(group["answered"].sum()), int(group["reached"].sum())))
    for key, (name, motivation) in targets.items():
        if key not in set(known["key"]):
            rows.append((key, name, 0, True, motivation, None, 0, 0, 0))
    out = pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)
    if out.empty:
        return out
    order = np.lexsort((out["company"].str.casefold(), -out["people"], -out["warm_paths"], -out["motivation"],
                        ~out["target"]))
    return out.iloc[order].reset_index(drop=True)


def company_people(scored: pd.DataFrame, key: str, names: Mapping[int, str]) -> pd.DataFrame:
    """The people at one company (by key), warmest path first, then by priority: id, full_name, title, status,
    closeness, path (in words: "introduced by Ana Ruiz", "answered you", "you know them well", or None)."""
    known = scored[scored["company"].notna()]
    people = known[company_keys(known["company"]) == key]
    if people.empty:
        return pd.DataFrame(columns=["id", "full_name", "title", "status", "closeness", "path"])
    tie = pd.to_numeric(people["tie_strength"], errors="coerce").fillna(0)
    paths = []
    for giver, status, strong in zip(people["referred_by"], people["status"], tie >= WARM_TIE, strict=True):
        if pd.notna(giver):
            paths.append(f"introduced by {names.get(int(giver), 'someone you know')}")
        elif status in ANSWERED:
            paths.append("answered you")
        elif strong:
            paths.append("you know them well")
        else:
            paths.append(None)
    rank = [0 if p and p.startswith("introduced") else 1 if p == "answered you" else 2 if p else 3 for p in paths]
    out = people.assign(path=pd.Series(paths, index=people.index, dtype=object), _rank=rank)
    out = out.sort_values(["_rank", "priority"], ascending=[True, False], kind="stable")
    return out[["id", "full_name", "title", "status", "closeness", "path"]].reset_index(drop=True)
