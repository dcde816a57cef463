"""The Contacts page's logic: filtering the scored contacts, shaping the table, turning table edits into store
updates, and explaining in plain words how each score was reached (also for the CLI's `unstuck explain`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from engine.outreach import STATUS_LABELS
from engine.profile import Profile, split_list
from engine.rolewords import english_role
from engine.scoring import (
    ADJACENT,
    BOOST_GATE,
    CLOSENESS_WEIGHTS,
    FAMILY_CONFIDENCE,
    FLAG_LABELS,
    FLAG_MARGIN,
    FLAG_PENALTY,
    MEANING_WEIGHT,
    PRIORITY_WEIGHTS,
    ROLE_GATE,
    ROLE_WEIGHTS,
    STATE_BONUS,
    boost_gate,
    family_relatedness,
    priority_steps,
    role_gate,
    target_family_confidence,
)
from engine.text import fold_all
from engine.titles import FAMILY_LABELS, SENIORITY_RANK, level_gap, parse_title
from engine.words import SENIORITY_LABELS, words

MAX_ROWS = 1000  # rows the table shows at once; the filters narrow the rest down
NO_FLAG = "none"
FLAG_CHOICES = {**FLAG_LABELS, NO_FLAG: "no flag"}
EDITABLE = ("tie_strength", "tags", "notes")  # table columns the user may edit, named as the store fields
TABLE_COLUMNS = ("full_name", "title", "company", "closeness", "priority", "flags", "tie_strength", "tags", "notes",
                 "status", "seniority", "family")
CUE_WORDS = {2: "a clear cue", 1: "a weaker cue", 0: "a generic word", -1: "a guess"}


@dataclass(frozen=True)
class ContactFilter:
    """What the user narrowed the contacts to; an empty choice means 'any'."""
    query: str = ""
    flags: tuple[str, ...] = ()        # flag codes, or NO_FLAG for contacts without an active flag
    seniority: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    min_closeness: float = 0.0


class EditError(ValueError):
    """Table edits that cannot be saved; `problems` names each contact and what is wrong, one per line."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _fold(texts: pd.Series) -> pd.Series:
    """engine.text.fold of each text, missing as ''."""
    return pd.Series(fold_all(texts.fillna("").astype(str).tolist()).to_pylist(), index=texts.index, dtype=object)


def _active_codes(flags) -> set[str]:
    return {f.code for f in flags if not f.dismissed}


def filter_contacts(scored: pd.DataFrame, wanted: ContactFilter) -> pd.DataFrame:
    """The scored contacts matching every filter, highest priority first.

    The search finds every word of the query in the name, company, title or notes, ignoring case and accents.
    """
    keep = pd.Series(True, index=scored.index)
    words = _fold(pd.Series([wanted.query])).iloc[0].split()
    if words:
        hay = (_fold(scored["full_name"]) + "\n" + _fold(scored["company"]) + "\n" + _fold(scored["title"])
               + "\n" + _fold(scored["notes"]))
        for word in words:
            keep &= hay.str.contains(word, regex=False)
    if wanted.flags:
        chosen = set(wanted.flags)
        keep &= scored["flags"].map(lambda fs: bool(_active_codes(fs) & chosen)
                                    or (NO_FLAG in chosen and not _active_codes(fs)))
    for column, chosen in (("seniority", wanted.seniority), ("family", wanted.families),
                           ("status", wanted.statuses), ("company", wanted.companies)):
        if chosen:
            keep &= scored[column].isin(chosen)
    if wanted.min_closeness > 0:
        keep &= scored["closeness"] >= wanted.min_closeness
    return scored[keep].sort_values(["priority", "id"], ascending=[False, True], kind="stable")


def company_choices(scored: pd.DataFrame) -> list[str]:
    """Distinct company names as written, alphabetically, for the company filter."""
    names = scored["company"].dropna().astype(str)
    return sorted(names[names.str.strip() != ""].unique(), key=str.casefold)


def _tags(value) -> list[str]:
    if value is None or isinstance(value, float) and math.isnan(value):
        return []
    if isinstance(value, str):
        return list(split_list(value))
    return list(split_list(",".join(str(v) for v in value)))  # a tag typed as "a, b" becomes two tags


def _objects(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), None)


def contacts_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The table the page shows: one row per contact indexed by id, codes turned into words, flags as text."""
    table = pd.DataFrame({
        "full_name": _objects(rows["full_name"]), "title": _objects(rows["title"]),
        "company": _objects(rows["company"]), "closeness": rows["closeness"].astype(float).round(2),
        "priority": rows["priority"].astype(float),
        "seniority": words("seniority", rows["seniority"]),
        "family": words("family", rows["family"]),
        "status": words("status", rows["status"]),
        "flags": rows["flags"].map(lambda fs: "; ".join(FLAG_LABELS[f.code] for f in fs if not f.dismissed)),
        "tie_strength": pd.to_numeric(rows["tie_strength"], errors="coerce").astype("Int64"),
        "tags": rows["tags"].map(_tags),
        "notes": _objects(rows["notes"]),
    })
    table.index = pd.Index(rows["id"].astype(int), name="id")
    return table[list(TABLE_COLUMNS)]


def contact_labels(table: pd.DataFrame) -> dict[int, str]:
    """'Name · Title · Company' for each row of the table, to pick one contact by."""
    return {cid: " · ".join(str(v) for v in (r.full_name, r.title, r.company) if isinstance(v, str) and v.strip())
            for cid, r in zip(table.index, table.itertuples(index=False), strict=True)}


def _missing(value) -> bool:
    return value is None or value is pd.NA or isinstance(value, float) and math.isnan(value)


def _text(value) -> str | None:
    return None if _missing(value) or not str(value).strip() else str(value).strip()


def _tie(value, name: str, problems: list[str]) -> int | None:
    if _missing(value) or isinstance(value, str) and not value.strip():
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not number.is_integer() or not 1 <= number <= 5:
        problems.append(f"{name}: tie strength must be a whole number from 1 to 5, not {value}")
        return None
    return int(number)


def edits_from_editor(table: pd.DataFrame, edited_rows: Mapping) -> dict[int, dict]:
    """Turn st.data_editor's edited_rows {row position: {column: value}} over `table` into store updates
    {contact_id: {field: value}}, keeping only fields that really changed. Empty text becomes None, tags are
    split on commas, tie strength must be a whole 1..5 (or empty); raises EditError naming every bad row.
    """
    edits: dict[int, dict] = {}
    problems: list[str] = []
    for position, changes in sorted(edited_rows.items(), key=lambda item: int(item[0])):
        position = int(position)
        if not 0 <= position < len(table):
            continue
        contact_id, before = int(table.index[position]), table.iloc[position]
        name = before["full_name"] or f"contact {contact_id}"
        fields = {}
        for field, value in changes.items():
            if field == "tie_strength":
                new, old = _tie(value, name, problems), None if _missing(before[field]) else int(before[field])
            elif field == "tags":
                new, old = _tags(value), _tags(before[field])
            elif field in EDITABLE:
                new, old = _text(value), _text(before[field])
            else:
                continue
            if new != old:
                fields[field] = new
        if fields:
            edits[contact_id] = fields
    if problems:
        raise EditError(problems)
    return edits


# -- explanation -------------------------------------------------------------------------------------------


def _n(x: float) -> str:
    return f"{x:.2f}"


def _family_match(family: str, target_family: str, strength, target_strength: int) -> tuple[float, float]:
    """(relatedness of the two families, confidence in the contact's family times that in the target's), as
    engine.scoring weighs them."""
    related = family_relatedness(family, target_family)
    strength = -1 if _missing(strength) else int(strength)
    confidence = FAMILY_CONFIDENCE.get(strength, FAMILY_CONFIDENCE[-1])
    return related, confidence * target_family_confidence(target_strength)


def _cue_words(family: str, strength: int) -> str:
    """What the family was read from, in words; a family no lexicon phrase named is a guess from meaning
    (engine.families)."""
    if strength == -1 and family != "other":
        return "a guess: no listed words name it, and it is the family nearest in meaning"
    return CUE_WORDS.get(strength, "a guess")


def _role_lines(row, profile: Profile) -> list[str]:
    title = row["title"] if isinstance(row["title"], str) else ""
    if not title.strip():
        return ["Role: no job title known, so the role similarity is 0 and closeness rests on company, "
                "industry and keywords alone."]
    aim, weight, lead = _matched_target(row, profile)
    role, title_sim = row["role"] / weight, row["title_sim"] / weight
    target = parse_title(aim)
    words, target_words = english_role(title) or title, english_role(aim) or aim
    related, confidence = _family_match(row["family"], target.family, row.get("family_strength"),
                                        target.family_strength)
    family, target_family = FAMILY_LABELS.get(row["family"], row["family"]), FAMILY_LABELS[target.family]
    if related == 1.0:
        relation = f"the same as your target's ({target_family})"
    elif related > 0:
        relation = f"related to your target's {target_family}"
    else:
        relation = f"unrelated to your target's {target_family}"
    match = related * confidence
    w = ROLE_WEIGHTS
    meaning = row.get("meaning", 0.0)
    meaning = 0.0 if _missing(meaning) else float(meaning)
    mw = MEANING_WEIGHT if meaning or row.get("meaning_used", False) else 0.0
    words_part = (role - mw * meaning) / (1 - mw)  # the lexicon part of the role, before meaning is blended
    expanded = min(max((words_part - w["title"] * title_sim - w["family"] * match) / w["expanded"], 0), 1)
    strength = -1 if _missing(row.get("family_strength")) else int(row["family_strength"])
    lines = [
        f"Title words: '{title}' reads as '{words}', your {lead} '{aim}' as '{target_words}': "
        f"word similarity {_n(title_sim)}.",
        f"Job family: {family} (read from {_cue_words(row['family'], strength)}), {relation}: relatedness "
        f"{_n(related)} × confidence {_n(confidence)} = family match {_n(match)}.",
        f"Role similarity {_n(role)} = " + (f"{1 - mw:g} × (" if mw else "")
        + f"{w['title']} × title words {_n(title_sim)} + {w['expanded']} × "
        f"words with the family's vocabulary {_n(expanded)} + {w['family']} × family match {_n(match)}"
        + (f") + {mw:g} × meaning {_n(meaning)} (how close the titles are in meaning)" if mw else "") + ".",
    ]
    if weight != 1:
        lines.append(f"An adjacent role counts {ADJACENT:g} of a target title: role similarity {_n(role)} × "
                     f"{ADJACENT:g} = {_n(row['role'])}.")
    return lines


def _matched_target(row, profile: Profile) -> tuple[str, float, str]:
    """Which of the user's target titles or adjacent roles the contact's role similarity came from, the weight it
    counts with (engine.scoring.target_similarity), and how to name it."""
    matched = row.get("matched_target")
    aim = matched if isinstance(matched, str) and matched else profile.target_role
    if aim in profile.target_roles:
        several = len(profile.target_roles) > 1
        return aim, 1.0, "nearest target title" if several else "target"
    return aim, ADJACENT, "adjacent role"


def _company_line(row, profile: Profile) -> str:
    company = row["company"] if isinstance(row["company"], str) and row["company"].strip() else None
    if row["at_target_company"]:
        return (f"Target company: {company} is on your list, motivation {round(row['motivation'] * 5)}/5 "
                f"(counts {_n(row['company_pull'])} toward priority: the closer their role, the more).")
    if not profile.companies:
        return "Target company: you listed no target companies yet."
    where = f"{company} is" if company else "no company known, so"
    return f"Target company: {where} not one of your {len(profile.companies)} target companies (motivation 0)."


def _hit_line(label: str, hit, listed, where: str) -> str:
    if isinstance(hit, str):
        return f"{label}: mentions '{hit}' (in the {where})."
    if not listed:
        return f"{label}: you listed none yet."
    return f"{label}: none of yours ({', '.join(listed)}) appears in the {where}."


def _closeness_line(row) -> str:
    w, role = CLOSENESS_WEIGHTS, row["role"]
    gate = role_gate(role)
    hits = {"company": int(bool(row["at_target_company"])), "industry": int(isinstance(row["industry_hit"], str)),
            "keyword": int(isinstance(row["keyword_hit"], str))}
    extras = " + ".join(f"{w[k]} × {k} {v}" for k, v in hits.items())
    return (f"Closeness {_n(row['closeness'])} ({row['closeness']:.0%}) = {w['role']} × role {_n(role)} + gate "
            f"{_n(gate)} × ({extras}); the gate ({ROLE_GATE} + {1 - ROLE_GATE:.1f} × role) lets company, industry "
            "and keywords count fully only for people close to your target role.")


def _warmth_line(row, names: Mapping | None) -> str:
    tie = pd.to_numeric(row["tie_strength"], errors="coerce")
    known = not _missing(tie)
    tie = min(max(float(tie), 1), 5) if known else 1.5
    line = (f"Warmth {_n(row['warmth'])}: tie strength {tie:g}/5" if known
            else f"Warmth {_n(row['warmth'])}: tie strength not set (counted as {tie:g}/5)")
    line += f", ({tie:g} − 1) / 4 = {_n((tie - 1) / 4)}"
    referrer = row.get("referred_by")
    if not _missing(referrer):
        giver = names.get(int(referrer)) if names is not None else None
        line += f"; referred by {giver or f'contact {int(referrer)}'}, so at least 0.90"
    return line + "."


def _seniority_line(row, profile: Profile) -> str:
    low, high = SENIORITY_RANK[profile.target_level], SENIORITY_RANK[profile.level_top]
    aim = profile.level_words()
    level = SENIORITY_LABELS.get(row["seniority"], row["seniority"])
    rank = SENIORITY_RANK.get(row["seniority"], -1)
    fit = _n(row["seniority_fit"])
    if rank < 0:
        return f"Seniority fit {fit}: the level is unknown from the title (no information, never read as junior)."
    diff = int(level_gap(rank, low, high))
    if diff == 0:
        where = "at your target level"
    elif diff > 0:
        where = f"{diff} level{'s' if diff > 1 else ''} above your target ({aim})"
    else:
        where = f"{-diff} level{'s' if diff < -1 else ''} below your target ({aim})"
    return (f"Seniority fit {fit}: {level}, {where} (peers and up to two levels below 1.00, one above 0.80, "
            "further below 0.50, further above 0.30).")


_ACTIVE = (f"active: priority × {FLAG_PENALTY}, and below anyone unflagged whose closeness is at most {FLAG_MARGIN:g} "
           "lower")


def _flag_lines(row) -> list[str]:
    if not row["flags"]:
        return ["Flags: none."]
    return [f"Flag '{FLAG_LABELS.get(f.code, f.code)}' "
            f"({'dismissed: it no longer lowers the priority' if f.dismissed else _ACTIVE}"
            f"): {f.reason}." for f in row["flags"]]


def _bonus_words(row, step: str) -> str:
    """Why a STATE_BONUS step of engine.scoring.priority_steps applies to this contact."""
    return {"follow_up_due": "follow-up due", "drafting": "a message in draft",
            "colleague_silent": f"{row.get('colleague_silent')} at the same company is silent",
            "quick_colleague": f"{row.get('quick_colleague')} at the same company answered quickly"}[step]


def _step_words(row, step: str) -> str:
    """What one step of engine.scoring.priority_steps did to this contact's priority."""
    if step in STATE_BONUS:
        return f"+ {STATE_BONUS[step]:g} ({_bonus_words(row, step)})"
    if step == "flag_active":
        return f"× {FLAG_PENALTY} (at most below similar closeness) for an active flag"
    if step == "rating_factor":
        return _rating_words(row)
    return f"× {row['learned_factor']:.2f} for how likely they are to answer you (learned from your own outreach)"


def _rating_words(row) -> str:
    """What the user's ratings did (engine.ratings), as a step of the priority."""
    factor, rating = row.get("rating_factor", 1.0), row.get("rating")
    if rating == "not_relevant":
        return f"× {factor:g} because you marked them not relevant"
    if rating == "good":
        return f"× {factor:.2f} because you rated them a good person for your target"
    return f"× {factor:.2f} for how much they resemble the people you rated (learned from your ratings)"


def _taken_steps(row) -> list[tuple[str, float]]:
    """The steps of the priority that changed it, with the value after each (the first is the weighted sum)."""
    steps = priority_steps(row)
    return [steps[0]] + [(step, value) for (step, value), (_, before) in zip(steps[1:], steps, strict=False)
                         if round(float(value), 2) != round(float(before), 2)]


def _status_line(row) -> str:
    line = f"Status: {STATUS_LABELS.get(row['status'], row['status'])}"
    for step, _ in _taken_steps(row)[1:]:
        if step in STATE_BONUS:
            line += f"; {_bonus_words(row, step)} (+{STATE_BONUS[step]:g})"
    eligible = row.get("eligible", True)
    return line + ("; Today can suggest them." if eligible else "; Today does not suggest them now.")


def _priority_line(row) -> str:
    """The priority's own steps (engine.scoring.priority_steps), so the line ends on the priority shown."""
    def show(value: float) -> str:  # rounded as engine.scoring rounds the priority, so the last step matches it
        return f"{round(float(value), 2):.1f}"
    boosts = " + ".join(f"{w} × {k.replace('_', ' ')} {_n(row[k])}" for k, w in PRIORITY_WEIGHTS.items()
                        if k != "closeness")
    gate = _n(boost_gate(row["closeness"]))
    steps = _taken_steps(row)
    line = (f"Priority {row['priority']:.1f} = ({PRIORITY_WEIGHTS['closeness']} × closeness {_n(row['closeness'])} "
            f"+ gate {gate} × ({boosts})) × 100 = {show(steps[0][1])}")
    for step, value in steps[1:]:
        line += f", {_step_words(row, step)} = {show(value)}"
    return line + "."


def _gate_line(row) -> str:
    """Why warmth, company and level count less for people far from the target (engine.scoring.boost_gate)."""
    return (f"Gate {_n(boost_gate(row['closeness']))} = {BOOST_GATE} + {1 - BOOST_GATE:.1f} × closeness: warmth, a "
            "target company and level fit count fully only for people close to your target, so they order people "
            "of similar closeness without lifting someone far from it above someone clearly closer.")


def explain(row: Mapping, profile: Profile, names: Mapping | None = None) -> list[str]:
    """How one scored contact's closeness and priority were reached, one plain-text line per component.

    `row` is a row of engine.scoring.score_contacts (a Series or dict); `names` maps contact ids to names,
    to name who referred them.
    """
    row = pd.Series(row) if not isinstance(row, pd.Series) else row
    return [
        *_role_lines(row, profile),
        _company_line(row, profile),
        _hit_line("Industry", row["industry_hit"], profile.industries, "company, title, notes or tags"),
        _hit_line("Keywords", row["keyword_hit"], profile.keywords, "title or notes"),
        _closeness_line(row),
        _warmth_line(row, names),
        _seniority_line(row, profile),
        *_flag_lines(row),
        _status_line(row),
        _gate_line(row),
        _priority_line(row),
    ]

