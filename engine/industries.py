"""Which industry a contact works in, beyond the words they wrote: well-known employers and industry synonyms.

data/employers.json (see its "about" for how it was made) lists industries with the words people use for them
("fintech": payments, neobank, lending...) and well-known employers with their industries. A target industry the
user names ("Fintech", "Banking", "Healthcare") is read as every listed industry it names or is a word of; a contact
is in it when their employer is listed under one of those industries, when the user said so for that company
(`overrides`, one answer for everyone who works there), or when the company's own name says it ("Harbourline Bank",
"St Aldric Hospital"). Pure: json, pandas and the company-name normalisation of engine.identity.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from engine.identity import normalise_companies
from engine.text import fold

REFERENCE_PATH = Path(__file__).resolve().parents[1] / "data" / "employers.json"


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


@lru_cache(maxsize=1)
def _reference() -> tuple[dict[str, tuple[str, ...]], dict[str, frozenset[str]]]:
    """(industry -> its words, normalised employer name -> its industries)."""
    raw = json.loads(REFERENCE_PATH.read_text(encoding="utf-8"))
    synonyms = {key: tuple(dict.fromkeys([_words(key.replace("_", " ")), *map(_words, words)]))
                for key, words in raw["industries"].items()}
    if unknown := [industry for industry in raw["employers"] if industry not in synonyms]:
        raise ValueError(f"employers.json: employers listed under unknown industry {unknown[0]!r}")
    listed = [(industry, name) for industry, names in raw["employers"].items() for name in names]
    employers: dict[str, set[str]] = {}
    # every name in one call: each call costs milliseconds to set up (its regexes), 0.1 s over the 23 industries
    for (industry, _), key in zip(listed, normalise_companies([name for _, name in listed]), strict=True):
        if key:
            employers.setdefault(key, set()).add(industry)
    return synonyms, {k: frozenset(v) for k, v in employers.items()}


def industries_named(phrase: str) -> frozenset[str]:
    """The listed industries a user's phrase names: by their key or any of their words ("Payments" -> fintech)."""
    words = _words(phrase)
    return frozenset(key for key, syn in _reference()[0].items() if words and words in syn)


def employer_industries(company_key: str, overrides: Mapping[str, str] | None = None) -> frozenset[str]:
    """A normalised company name's industries: the user's answer for it if any, else the reference list's,
    trying the name without a trailing word at a time ("santander uk" -> "santander")."""
    if overrides and company_key in overrides:
        return industries_named(overrides[company_key]) or frozenset({_words(overrides[company_key])})
    employers = _reference()[1]
    words = company_key.split()
    for size in range(len(words), 0, -1):
        found = employers.get(" ".join(words[:size]))
        if found is not None and len(" ".join(words[:size])) >= 3:
            return found
    return frozenset()


def company_industry_hits(keys: pd.Series, user_industries: Iterable[str],
                          overrides: Mapping[str, str] | None = None) -> pd.Series:
    """For each contact, the first of the user's industries their employer is in (else None).

    `keys` are normalised company names (engine.scoring.company_keys, "" when unknown); each distinct one is looked
    up once. An employer counts by the user's answer for that company, else the reference list, or when its name
    holds one of the industry's words as a whole word ("Northbridge Savings Bank": banking).
    """
    wanted = [(u, industries_named(u) | {_words(u)}) for u in user_industries if _words(u)]
    out = pd.Series([None] * len(keys), index=keys.index, dtype=object)
    if not wanted:
        return out
    synonyms = _reference()[0]
    name_words = {w for _, named in wanted for i in named for w in synonyms.get(i, (i,))}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(name_words, key=len, reverse=True))
                         + r")\b")
    codes, distinct = pd.factorize(keys.fillna(""))
    hits = []
    for key in distinct:
        known = employer_industries(key, overrides) if key else frozenset()
        said = set(pattern.findall(key)) if key and not (overrides and key in overrides) else set()
        hits.append(next((user for user, named in wanted
                          if known & named or any(w in synonyms.get(i, (i,)) for i in named for w in said)), None))
    return pd.Series(np.array([*hits, None], dtype=object)[codes], index=keys.index, dtype=object)


def company_industry_words(company: str | None, overrides: Mapping[str, str] | None = None) -> str:
    """What is known of a company's industry, in plain words, for the page where the user can correct it."""
    key = (normalise_companies([company])[0] or "") if company else ""
    if not key:
        return "No company known for this person."
    if overrides and key in overrides:
        return f"You said {company} is in {overrides[key]}."
    known = employer_industries(key)
    if known:
        names = " and ".join(sorted(k.replace("_", " ") for k in known))
        return f"{company} is known to be in {names} (from the list of well-known employers)."
    return f"Unstuck does not know {company}'s industry yet."
