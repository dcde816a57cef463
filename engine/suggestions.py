"""Titles from the user's own network that sit nearest their target: offered on the Profile page to add as another
title of the target role or as an adjacent role, or to turn down for good.

Pure: the contacts' titles, the profile and the titles already turned down go in; suggestions come out. Nearness is
the engine's own role similarity (engine.scoring.role_similarity, best over the target's titles), so a suggestion
is what the ranking itself finds close.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from engine.profile import Profile
from engine.scoring import target_similarity
from engine.titles import canonical_role, parse_titles

MIN_SIMILARITY = 0.3   # a title less similar than this to every target title is not worth offering
SAME_WORDS = 0.95      # title-word similarity from which a title is the target itself ("Senior UX Researcher")
MAX_SUGGESTIONS = 8


def _role_key(title: str) -> str:
    """What makes two titles one suggestion: the role they name without level words, else the title itself."""
    return canonical_role(title) or title.casefold()


@dataclass(frozen=True)
class Suggestion:
    title: str          # as most of the user's contacts holding this role spell it
    similarity: float   # role similarity to the nearest target title, 0..1
    nearest: str        # that target title
    people: int         # how many contacts hold it, at any level


def suggest_titles(titles: pd.Series, profile: Profile, rejected=frozenset(), n: int = MAX_SUGGESTIONS,
                   min_similarity: float = MIN_SIMILARITY) -> list[Suggestion]:
    """The n distinct titles of `titles` (the stored contacts' titles) nearest the profile's target titles.

    Titles naming one role at different levels ("Junior ML Engineer", "ML Engineer Intern") are one suggestion.
    Left out: roles already among the target's titles or adjacent roles, roles turned down (`rejected`), compared
    by the role they name (engine.titles.canonical_role) or case-insensitively; titles whose words are the
    target's own (nothing to add); titles less similar than `min_similarity`. Nearest first; equally near, the
    one more contacts hold first, then alphabetically.
    """
    text = titles.dropna().astype(str).str.split().str.join(" ")
    codes, distinct = pd.factorize(text[text != ""])
    if not len(distinct):
        return []
    # one suggestion per role: "Junior ML Engineer" and "ML Engineer Intern" are "ML Engineer" at other levels
    per_title = pd.DataFrame({"title": distinct, "people": np.bincount(codes, minlength=len(distinct))})
    per_title["role"] = [_role_key(t) for t in distinct]
    people = per_title.groupby("role")["people"].sum()
    per_title["length"] = per_title["title"].str.len()  # equally common: the one with the fewest level words
    best = per_title.sort_values(["people", "length", "title"], ascending=[False, True, True]).drop_duplicates("role")
    listed = {_role_key(t) for t in (*profile.target_roles, *profile.adjacent_roles)}
    turned_down = {_role_key(str(t)) for t in rejected}
    best = best[~best["role"].isin(listed | turned_down)]
    if best.empty:
        return []
    shown = pd.Series(best["title"].tolist(), dtype=object)
    parsed = parse_titles(shown)
    role, title_sim, nearest = target_similarity(shown, parsed["family"], replace(profile, adjacent_roles=()),
                                                 parsed["family_strength"])
    found = pd.DataFrame({"title": shown, "similarity": role, "title_sim": title_sim, "nearest": nearest,
                          "people": people.loc[best["role"]].to_numpy()})
    found = found[(found["similarity"] >= min_similarity) & (found["title_sim"] < SAME_WORDS)]
    found = found.sort_values(["similarity", "people", "title"], ascending=[False, False, True], kind="stable")
    return [Suggestion(r.title, round(float(r.similarity), 4), r.nearest, r.people)
            for r in found.head(n).itertuples()]
