"""People typed by hand: the same identity checks as an import (engine.merge.plan_merge), so a person added or
edited by hand never silently doubles someone already stored.

`check_new_person` says what adding one person would do: "add" (nobody like them is stored), "same" (they are
already stored: same email, same LinkedIn URL, or name and employer agree; the user opens them instead, or adds
them anyway and the pair waits for review) or "review" (they may be someone stored: they are added and each pair
is listed on the Duplicates page, exactly as an import's ambiguous row is by default).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from engine.fields import CONTACT_FIELDS
from engine.identity import normalise_email, normalise_linkedin_url
from engine.merge import plan_merge

HAND_FIELDS = ("full_name", "title", "company", "email", "phone", "linkedin_url", "notes")
FIELD_WORDS = {"full_name": "Name", "title": "Job title", "company": "Company", "email": "Email", "phone": "Phone",
               "linkedin_url": "LinkedIn URL", "notes": "Notes"}
MAX_FIELD = 300


@dataclass(frozen=True)
class PersonCheck:
    action: str                                  # "add", "same" or "review"
    contact_id: int | None = None                # "same": the stored person they already are
    reason: str = ""                             # why, in words
    candidates: dict[int, str] = field(default_factory=dict)  # "review": stored id -> evidence


def clean_person(values: dict) -> tuple[dict, dict[str, str]]:
    """The typed fields trimmed (empty ones left out), and problems by field in words; a name is required."""
    fields, errors = {}, {}
    for name in HAND_FIELDS:
        raw = values.get(name)
        text = (str(raw).strip() if name == "notes" else " ".join(str(raw).split())) if raw is not None else ""
        if len(text) > MAX_FIELD:
            errors[name] = f"keep it under {MAX_FIELD} characters"
        elif text:
            fields[name] = text
    if "full_name" not in fields and "full_name" not in errors:
        errors["full_name"] = "say who they are: a name is needed"
    return fields, errors


def _incoming(fields: dict) -> pd.DataFrame:
    row = {f: fields.get(f) for f in CONTACT_FIELDS}
    row["tags"] = []
    return pd.DataFrame([row]).astype(object).assign(row=1, raw=None)


def check_new_person(fields: dict, existing: pd.DataFrame, *, exclude: int | None = None) -> PersonCheck:
    """What adding `fields` (clean_person) to the stored contacts `existing` would do, decided by the import's own
    rules. `exclude` leaves one stored contact out: the person being edited, checked against everyone else."""
    others = existing[existing["id"] != exclude] if exclude is not None and len(existing) else existing
    plan = plan_merge(_incoming(fields), others).rows.iloc[0]
    if plan["action"] in ("merge", "skip") and pd.notna(plan["contact_id"]):
        stored = others.set_index("id").loc[int(plan["contact_id"])]
        return PersonCheck("same", int(plan["contact_id"]), _why_same(fields, stored, str(plan["reason"])))
    if plan["action"] == "ambiguous":
        evidence = plan["evidence"] or ()
        found = {int(c): (evidence[i] if i < len(evidence) else str(plan["reason"]))
                 for i, c in enumerate(plan["candidates"]) if int(c) > 0}
        return PersonCheck("review", None, str(plan["reason"]), found)
    return PersonCheck("add")


def _why_same(fields: dict, stored, reason: str) -> str:
    for name, key in (("email", normalise_email), ("linkedin_url", normalise_linkedin_url)):
        typed = key(fields.get(name)) if fields.get(name) else None
        kept = [key(v) for v in ([stored.get(name)] + list(stored.get(f"{name}s", None) or [])) if isinstance(v, str)]
        if typed and typed in kept:
            return "same email" if name == "email" else "same LinkedIn URL"
    reason = reason.removeprefix("no change").removeprefix(": ").strip()
    return reason or "same name and company"
