"""Words for the codes Unstuck stores: what the user reads instead of `reached_out`, `in_person` or `could_be_boss`.

One mapping for the app, the exports and the CLI's human-readable output. Unknown codes come back with their
underscores as spaces (never a raw code with underscores), and a missing value comes back as "" (never "None").
"""

from __future__ import annotations

import pandas as pd

from engine.outreach import STATUS_LABELS
from engine.profile import LEVEL_LABELS
from engine.titles import FAMILY_LABELS

EVENT_LABELS = {"drafting": "Started a draft", "reached_out": "Reached out", "follow_up": "Followed up",
                "replied": "They replied", "meeting_scheduled": "Meeting scheduled", "met": "We met",
                "declined": "They declined", "referral_given": "They gave a referral", "no_answer": "No answer",
                "closed": "Closed (moving on)"}
CHANNEL_LABELS = {"email": "email", "linkedin": "LinkedIn", "phone": "phone", "in_person": "in person",
                  "event": "event", "video call": "video call", "other": "other"}
FLAG_LABELS = {"hr_or_recruiting": "HR or recruiting", "could_be_boss": "could be your boss",
               "above_target_level": "above your target level"}
SENIORITY_LABELS = {**LEVEL_LABELS, "founder_owner": "Founder or owner", "unknown": "Unknown"}

VOCABULARY = {"status": STATUS_LABELS, "event": EVENT_LABELS, "channel": CHANNEL_LABELS, "flag": FLAG_LABELS,
              "family": FAMILY_LABELS, "seniority": SENIORITY_LABELS}


def missing(value) -> bool:
    return value is None or (not isinstance(value, str | list | tuple) and bool(pd.isna(value)))


def word(kind: str, code) -> str:
    """The plain word for one stored code of `kind` (a key of VOCABULARY); "" for a missing value."""
    if missing(code) or code == "":
        return ""
    return VOCABULARY[kind].get(code, str(code).replace("_", " "))


def words(kind: str, codes: pd.Series) -> pd.Series:
    """word() over a column."""
    return codes.map(lambda c: word(kind, c))


# -- dates -----------------------------------------------------------------------------------------------------
# One readable date format everywhere the user reads a date: "2 Dec 2026" (no leading zero); a short form without
# the year for chart axes and lists within one year; Vega-Lite's own format strings for the charts' axes and
# tooltips. Weeks start on Monday (ISO 8601) everywhere: engine.progress.monday.
VEGA_DATE = "%-d %b %Y"
VEGA_SHORT_DATE = "%-d %b"
TABLE_DATE = "D MMM YYYY"   # the same in Streamlit's table columns (st.column_config.DateColumn(format=...))
INPUT_DATE = "DD/MM/YYYY"   # a date picker takes digits only (st.date_input(format=...)): day first, as above


def nice_date(value, *, year: bool = True) -> str:
    """A day as the user reads it: "2 Dec 2026" (or "2 Dec"); "" for a missing value."""
    if missing(value):
        return ""
    day = pd.Timestamp(value)
    text = f"{day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


def nice_datetime(value) -> str:
    """A moment as the user reads it: "2 Dec 2026, 14:05"."""
    if missing(value):
        return ""
    return f"{nice_date(value)}, {pd.Timestamp(value):%H:%M}"

