"""Import previews: read several files, plan each against what is stored (and what earlier files add), and
report what will be added, merged, skipped or left for the user to decide, with what changed and why it matters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from engine.merge import MergePlan, describe_changes, match_keys, normalise_companies, plan_merge
from engine.profile import Profile
from engine.readers import CONTACT_FIELDS, ImportFileError, MappingNeeded, ParsedFile, RowProblem, read_contacts
from engine.titles import canonical_role


@dataclass
class FilePreview:
    file: str
    parsed: ParsedFile | None = None
    plan: MergePlan | None = None
    error: str | None = None  # the whole file could not be read
    columns: list[str] = field(default_factory=list)  # when error is a missing mapping: the file's columns
    changes: list[tuple[str, str | None]] = field(default_factory=list)  # (line, why it matters or None)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("add", "merge", "skip", "ambiguous"), 0)
        return counts | (self.plan.counts if self.plan else {})

    @property
    def problems(self) -> list[RowProblem]:
        return self.parsed.problems if self.parsed else []

    @property
    def rows(self) -> int:
        """Data rows read: the usable ones plus those skipped with a problem (a row is counted once)."""
        if not self.parsed:
            return 0
        return len(set(self.parsed.contacts["row"].tolist()) | {p.row for p in self.problems})

    @property
    def ambiguous(self) -> pd.DataFrame:
        rows = self.plan.rows if self.plan else pd.DataFrame(columns=["action"])
        return rows[rows["action"] == "ambiguous"]

    def summary(self, contacts_total: int | None = None) -> dict:
        """The CLI's JSON shape for one file."""
        c = self.counts
        out = {"file": self.file, "format": self.parsed.format if self.parsed else None,
               "encoding": self.parsed.encoding if self.parsed else None,
               "rows": self.rows,
               "added": c["add"], "merged": c["merge"], "skipped": c["skip"], "ambiguous": c["ambiguous"],
               "problems": [{"row": p.row, "message": p.message} for p in self.problems]}
        if self.error:
            out["error"] = self.error
        return out


def _as_existing(contacts: pd.DataFrame, first_id: int) -> pd.DataFrame:
    """Incoming rows shaped like stored contacts, with provisional negative ids, for planning later files."""
    frame = contacts[list(CONTACT_FIELDS)].copy()
    frame.insert(0, "id", range(first_id, first_id - len(frame), -1))
    frame["manual_fields"] = [[] for _ in range(len(frame))]
    return frame


def _sharing_keys(existing: pd.DataFrame, keys: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """The stored contacts that share an email, LinkedIn URL or name with an incoming one (see merge.match_keys)."""
    wanted = match_keys(incoming)
    share = np.zeros(len(existing), dtype=bool)
    for key in ("email", "url", "name"):
        if found := set(wanted[key].dropna()):
            share |= keys[key].isin(found).to_numpy(dtype=bool)
    return existing[share]


def preview_files(files: list[tuple[str, bytes]], existing: pd.DataFrame, profile: Profile | None = None,
                  mappings: dict[str, dict[str, str]] | None = None, sheets: dict[str, str] | None = None
                  ) -> list[FilePreview]:
    """Read and plan each file in turn; later files are planned against the contacts earlier ones add.

    With several files, the stored contacts' keys are normalised once, and each file is planned against those that
    share a key with it (the same plan, without redoing the stored side's work once per file)."""
    previews, added, next_id = [], [], -1  # added: what earlier files add, as provisional contacts
    stored_keys = match_keys(existing) if len(files) > 1 and len(existing) else None
    for name, data in files:
        preview = FilePreview(name)
        try:
            preview.parsed = read_contacts(name, data, mapping=(mappings or {}).get(name),
                                           sheet=(sheets or {}).get(name))
        except ImportFileError as e:
            preview.error = e.message
            if isinstance(e, MappingNeeded):
                preview.columns = e.columns
            previews.append(preview)
            continue
        incoming = preview.parsed.contacts
        stored = existing if stored_keys is None else _sharing_keys(existing, stored_keys, incoming)
        parts = [frame for frame in (stored, *added) if len(frame)]
        known = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0] if parts else stored
        preview.plan = plan_merge(incoming, known)
        preview.changes = change_report(preview.plan, profile)
        new = incoming[preview.plan.rows["action"] == "add"]
        if len(new):
            added.append(_as_existing(new, next_id))
            next_id -= len(new)
        previews.append(preview)
    return previews


def change_report(plan: MergePlan, profile: Profile | None) -> list[tuple[str, str | None]]:
    """Readable lines for what merges change, each with why it matters now, if it does.

    Someone who moved to a target company, or into the target role, is a reason to write to them now.
    """
    lines = describe_changes(plan)
    if not lines or profile is None:
        return [(line, None) for line in lines]
    rows = plan.rows[plan.rows["action"] == "merge"]
    rows = rows[rows["changes"].map(lambda c: "company" in c or "title" in c)]
    targets = set(normalise_companies([c.name for c in profile.companies])) - {None}
    target_role = canonical_role(profile.target_role)
    notes = {}
    for row, company_key in zip(rows.itertuples(), normalise_companies(rows["company"].tolist()), strict=True):
        why = []
        if "company" in row.changes and company_key in targets:
            why.append("moved to a target company")
        if "title" in row.changes and target_role and canonical_role(row.title) == target_role:
            why.append("now in your target role")
        if why:
            notes[str(row.name)] = " and ".join(why) + ": a good reason to write now"
    return [(line, next((why for name, why in notes.items() if line.startswith(f"{name}:")), None))
            for line in lines]
