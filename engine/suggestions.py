"""Titles from the user's own network that sit nearest their target: offered on the Profile page to add as another
title of the target role or as an adjacent role, or to turn down for good.

Pure: the contacts' titles, the profile and the titles already turned down go in; suggestions come out. Nearness is
the engine's own role similarity (engine.scoring.role_similarity, best over the target's titles), so a suggestion
is what the ranking itself finds close.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from engine.profile import Profile
from engine.scoring import target_similarity
from engine.titles import parse_titles

MIN_SIMILARITY = 0.3   # a title less similar than this to every target title is not worth offering
SAME_WORDS = 0.95      # title-word similarity from which a title is the target itself ("Senior UX Researcher")
MAX_SUGGESTIONS = 8


@dataclass(frozen=True)
class Suggestion:
    title: str          # as most of the user's contacts spell it
    similarity: float   # role similarity to the nearest target title, 0..1
    nearest: str        # that target title
    people: int         # how many contacts hold it


def suggest_titles(titles: pd.Series, profile: Profile, rejected=frozenset(), n: int = MAX_SUGGESTIONS,
                   min_similarity: float = MIN_SIMILARITY) -> list[Suggestion]:
    """The n distinct titles of `titles` (the stored contacts' titles) nearest the profile's target titles.

    Left out: titles already among the target's titles or adjacent roles, titles turned down (`rejected`),
    compared case-insensitively; titles whose words are the target's own (nothing to add); titles less similar
    than `min_similarity`. Nearest first; equally near, the one more contacts hold first, then alphabetically.
    """
    text = titles.dropna().astype(str).str.split().str.join(" ")
    text = text[text != ""]
    if text.empty:
        return []
    keys = text.str.casefold()
    counts = keys.value_counts()
    spelling = text.groupby(keys).agg(lambda s: s.value_counts().index[0])  # the commonest spelling of each title
    listed = {t.casefold() for t in (*profile.target_roles, *profile.adjacent_roles)}
    turned_down = {str(t).casefold() for t in rejected}
    candidates = [k for k in counts.index if k not in listed and k not in turned_down]
    if not candidates:
        return []
    shown = pd.Series([spelling[k] for k in candidates], dtype=object)
    parsed = parse_titles(shown)
    role, title_sim, nearest = target_similarity(shown, parsed["family"], replace(profile, adjacent_roles=()),
                                                 parsed["family_strength"])
    found = pd.DataFrame({"title": shown, "similarity": role, "title_sim": title_sim, "nearest": nearest,
                          "people": [int(counts[k]) for k in candidates]})
    found = found[(found["similarity"] >= min_similarity) & (found["title_sim"] < SAME_WORDS)]
    found = found.sort_values(["similarity", "people", "title"], ascending=[False, False, True], kind="stable")
    return [Suggestion(r.title, round(float(r.similarity), 4), r.nearest, r.people)
            for r in found.head(n).itertuples()]
