"""Import previews: read several files, plan each against what is stored (and what earlier files add), and
report what will be added, merged, skipped or left for the user to decide, with what changed and why it matters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from engine.merge import Directory, MergePlan, Source, normalise_companies, plan_merge, row_changes
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


def as_existing(contacts: pd.DataFrame, first_id: int) -> pd.DataFrame:
    """Incoming rows shaped like stored contacts, with provisional negative ids, for planning later files."""
    frame = contacts[list(CONTACT_FIELDS)].copy()
    frame.insert(0, "id", range(first_id, first_id - len(frame), -1))
    frame["manual_fields"] = [[] for _ in range(len(frame))]
    return frame


def preview_files(files: list[tuple[str, bytes]], existing: pd.DataFrame | Directory, profile: Profile | None = None,
                  mappings: dict[str, dict[str, str]] | None = None, sheets: dict[str, str] | None = None,
                  owners: Callable[[list[str]], dict[str, int]] | None = None) -> list[FilePreview]:
    """Read and plan each file in turn; later files are planned against the contacts earlier ones add.
    `existing` is the stored contacts, or a merge.Directory of them (which then also receives, provisionally, the
    people each file but the last adds).
    `owners` (Store.source_owners) says which stored contact each row reached when imported before."""
    previews, next_id = [], -1
    # indexed once; each file's new people are added for the files after it
    known = existing if isinstance(existing, Directory) else Directory(existing)
    pending: tuple[pd.DataFrame, int] | None = None  # the last file's new people, as_existing's arguments
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
        contacts = preview.parsed.contacts
        if pending is not None:  # only now: after the last file nobody needs them indexed
            known.extend(as_existing(*pending))
            pending = None
        preview.plan = plan_merge(contacts, known, Source.of(preview.parsed.format, contacts),
                                  owners(contacts["raw"].tolist()) if owners else None)
        preview.changes = change_report(preview.plan, profile)
        new = contacts[preview.plan.rows["action"] == "add"]
        if len(new):
            pending = (new, next_id)
            next_id -= len(new)
        previews.append(preview)
    return previews


def change_report(plan: MergePlan, profile: Profile | None) -> list[tuple[str, str | None]]:
    """Readable lines for what merges change, each with why it matters now, if it does.

    Only a real move is a reason to write now: to another employer that is a target company, or into the target
    role from another one. A new phone number, a spelling of the same company or a filled-in title is not.
    """
    targets = set(normalise_companies([c.name for c in profile.companies])) - {None} if profile else set()
    target_role = canonical_role(profile.target_role) if profile else None
    report = []
    for row in plan.rows[plan.rows["action"] == "merge"].itertuples():  # a first import merges nothing
        lines, why = row_changes(row), []
        company, title = row.changes.get("company"), row.changes.get("title")
        if company and company[0] and normalise_companies([company[1]])[0] in targets:
            why.append("moved to a target company")
        if title and title[0] and target_role and canonical_role(title[1]) == target_role \
                and canonical_role(title[0]) != target_role:
            why.append("now in your target role")
        moved = (company or title) and why
        report += [(line, " and ".join(why) + ": a good reason to write now" if moved and n == 0 else None)
                   for n, line in enumerate(lines)]
    return report
