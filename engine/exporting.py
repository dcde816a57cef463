"""Exports a person can open in any spreadsheet: contacts with scores and flags, the outreach log, the practice log.

Tables hold the exact values. In a CSV, cells that a spreadsheet would run as a formula (starting with = + - @, a
tab or a carriage return) get a leading apostrophe, as OWASP recommends for CSV injection; Unstuck's importer
strips it again on the way back. An .xlsx needs none: its text cells are typed as text and never run.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from engine.words import word, words

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTACT_COLUMNS = {"id": "Id", "full_name": "Full name", "first_name": "First name", "last_name": "Last name",
                   "email": "Email", "phone": "Phone", "emails": "All emails", "phones": "All phones",
                   "company": "Company", "title": "Title",
                   "linkedin_url": "LinkedIn URL", "notes": "Notes", "tags": "Tags", "tie_strength": "Tie strength",
                   "connected_on": "Connected on", "closeness": "Closeness", "priority": "Priority",
                   "seniority": "Seniority", "family": "Job family", "status": "Status", "flags": "Flags",
                   "why": "Why"}
EVENT_COLUMNS = {"id": "Id", "contact_id": "Contact id", "full_name": "Contact", "happened_on": "Date",
                 "kind": "What", "channel": "Channel", "note": "Note", "energising": "Energising",
                 "meeting_at": "Conversation at"}
PRACTICE_COLUMNS = {"id": "Id", "happened_on": "Date", "topic": "Topic", "person": "Person", "feeling": "Feeling",
                    "learned": "Learned", "observed": "Observed"}
WHAT = ("contacts", "outreach", "practice")


def neutralise(value):
    """'=HYPERLINK(...)' -> "'=HYPERLINK(...)"; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _joined(values) -> str:
    """Tags, reasons and flags in one cell; a flag reads 'what it is: reason' in words (engine.words), dismissed
    ones are left out."""
    parts = []
    for v in values:
        if hasattr(v, "code"):
            if not v.dismissed:
                parts.append(f"{word('flag', v.code)}: {v.reason}")
        else:
            parts.append(str(v))
    return "; ".join(parts)


def _cell(value):
    if isinstance(value, list | tuple | np.ndarray):
        value = _joined(value)
    if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
        return None
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    return value


# Columns holding a stored code, and the engine.words vocabulary that turns it into words.
CODED = {"status": "status", "kind": "event", "channel": "channel", "family": "family", "seniority": "seniority"}


def _shape(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    frame = frame.assign(**{c: words(kind, frame[c]) for c, kind in CODED.items() if c in frame and c in columns})
    present = [c for c in columns if c in frame]
    out = frame[present].rename(columns=columns)
    return out.apply(lambda col: col.map(_cell)) if len(out) else out


def contacts_table(scored: pd.DataFrame) -> pd.DataFrame:
    """Every contact with its scores, active flags (code: reason) and why, in priority order."""
    return _shape(scored.sort_values("priority", ascending=False, kind="stable") if "priority" in scored else scored,
                  CONTACT_COLUMNS)


def outreach_table(events: pd.DataFrame, contacts: pd.DataFrame) -> pd.DataFrame:
    names = contacts.set_index("id")["full_name"] if len(contacts) else pd.Series(dtype=object)
    events = events.assign(full_name=events["contact_id"].map(names))
    if "meeting_at" in events:  # a date and a time of day, where the other dates are days
        at = pd.to_datetime(events["meeting_at"])
        events["meeting_at"] = at.dt.strftime("%Y-%m-%d %H:%M").where(at.notna(), None)
    return _shape(events, EVENT_COLUMNS)


def practice_table(practice: pd.DataFrame) -> pd.DataFrame:
    return _shape(practice, PRACTICE_COLUMNS)


def table_for(what: str, contacts: pd.DataFrame, events: pd.DataFrame, practice: pd.DataFrame) -> pd.DataFrame:
    """The export named by `what` (one of WHAT); `contacts` may be scored (then scores and flags are included)."""
    if what == "contacts":
        return contacts_table(contacts)
    if what == "outreach":
        return outreach_table(events, contacts)
    if what == "practice":
        return practice_table(practice)
    raise ValueError(f"nothing to export called {what!r}; one of {', '.join(WHAT)}")


def to_csv(table: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, so Excel shows accents and emoji right when the file is opened; formula-like cells get
    their apostrophe here."""
    safe = table.map(neutralise) if len(table) else table
    return safe.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(table: pd.DataFrame, sheet: str = "Unstuck") -> bytes:
    """One sheet; every text cell is written as a string cell, never a formula, and keeps its exact value.

    (A carriage return comes back as a line feed: XML turns one into the other, and LF is the spreadsheet's own
    line break.)
    """
    book = Workbook(write_only=True)
    sheet_ = book.create_sheet(sheet[:31])
    sheet_.append(list(table.columns))
    for row in table.itertuples(index=False):
        sheet_.append([_xlsx_cell(sheet_, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl types any text starting with "=" as a formula
    return cell
