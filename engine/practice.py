"""The practice track: pleasure interviews (Daniel Porot's low-stakes exercise) to plan, log and learn from.

Pure: callers pass the practice and outreach frames from the store, `today` and a seed; nothing here reads a
clock, a database or global random state. The exercise text, the opening questions and the topic ideas live in
data/practice_topics.json.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import pandas as pd

from engine.progress import weekly_outreach
from engine.words import nice_date

GUIDE_PATH = Path(__file__).resolve().parents[1] / "data" / "practice_topics.json"

# -- the rules this module keeps --------------------------------------------------------------------------

MAX_TOPIC = 120
MAX_PERSON = 120
MAX_LEARNED = 2000
FEELINGS = {1: "very hard", 2: "hard", 3: "okay", 4: "easy", 5: "a pleasure"}
FIELD_LABELS = {"topic": "Topic", "person": "Person", "happened_on": "Date", "feeling": "How it felt",
                "learned": "What you learned", "observed": "Observed by a friend"}

READY_LAST = 3  # the latest rated practice interviews that are weighed
RECENT_DAYS = 42  # only practice in about the last six weeks counts as recent
READY_AT_LEAST = 2  # fewer rated recent interviews than this is "little practice"
EASY = 4.0  # average feeling at or above this: practice feels easy
HARD = 2.0  # average feeling at or below this: practice feels hard

# First matching row wins: (level, fewest rated recent interviews, lowest average, highest average).
# With no practice at all the level is "start"; when no row matches it is "more".
READINESS_RULES = (
    ("ready", READY_AT_LEAST, EASY, 5.0),
    ("hard", 1, 1.0, HARD),
    ("steady", READY_AT_LEAST, 1.0, 5.0),
)
READINESS_MESSAGES = {
    "start": "No practice yet. Pick a topic you are curious about and ask someone who knows it: no stakes, "
             "and often good fun.",
    "more": "A little more practice helps: plan one more pleasure interview this week and see how it feels.",
    "hard": "Your recent practice felt hard (average {average:.1f} of 5), and that is normal: everyone is stiff "
            "at first, and it eases with every conversation. Try the next one with a friend watching, who can "
            "tell you afterwards what went well.",
    "steady": "Getting there: your recent practice felt okay (average {average:.1f} of 5). One or two more and it "
              "will feel easier, or reach out for real whenever you feel like it.",
    "ready": "You're ready: try a real outreach this week. Your last {rated} practice interviews felt easy "
             "(average {average:.1f} of 5).",
}

LOG_COLUMNS = ("happened_on", "topic", "person", "feeling", "learned", "observed")


@cache
def guide() -> dict:
    """The exercise explained, the opening questions and the topic ideas, as shipped in data/."""
    return json.loads(GUIDE_PATH.read_text(encoding="utf-8"))


def _key(topic: object) -> str:
    return " ".join(str(topic).split()).casefold()


def suggest_topics(done_topics: Iterable[str], seed: int, n: int = 3,
                   topics: list[dict] | None = None) -> list[dict]:
    """Up to `n` topic ideas ({"topic", "who"}) picked at random with `seed`, never one already done.

    A topic counts as done when it matches a done topic ignoring case and spacing. The same seed and the
    same done topics give the same ideas; fewer than `n` come back only when fewer are left.
    """
    done = {_key(t) for t in done_topics if isinstance(t, str)}
    left = [dict(t) for t in (guide()["topics"] if topics is None else topics) if _key(t["topic"]) not in done]
    return random.Random(seed).sample(left, min(n, len(left)))


# -- readiness ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Readiness:
    level: str  # start | more | hard | steady | ready
    message: str
    rated: int  # rated practice interviews weighed (recent, at most READY_LAST)
    average: float | None  # their average feeling, 1..5

    @property
    def ready(self) -> bool:
        return self.level == "ready"


def _days(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column).dt.date


def readiness(practice: pd.DataFrame, today: date, *, last: int = READY_LAST,
              recent_days: int = RECENT_DAYS) -> Readiness:
    """How ready practice says the seeker is for real outreach, judged on the latest `last` rated interviews
    from the last `recent_days` days, with a message in plain words (see READINESS_RULES)."""
    days = _days(practice["happened_on"]) if len(practice) else pd.Series(dtype=object)
    if not (days <= today).any():
        return Readiness("start", READINESS_MESSAGES["start"], 0, None)
    recent = practice.assign(day=days)[(days <= today) & (days > today - timedelta(days=recent_days))
                                       & practice["feeling"].notna()]
    weighed = recent.sort_values("day", kind="stable").tail(last)["feeling"].astype(float)
    rated, average = len(weighed), (float(weighed.mean()) if len(weighed) else None)
    level = "more"
    for name, fewest, low, high in READINESS_RULES:
        if rated >= fewest and average is not None and low <= average <= high:
            level = name
            break
    return Readiness(level, READINESS_MESSAGES[level].format(rated=rated, average=average or 0), rated, average)



def view_takeaway(in_view: pd.DataFrame, ready: Readiness) -> str:
    """For Progress: how much practice its filtered view holds, and the Practice page's own readiness verdict."""
    n = len(in_view)
    if not n:
        return ("No pleasure interview logged in this view: asking a neighbour about their hobby is practice "
                "without stakes.")
    return f"{n} {'pleasure interview' if n == 1 else 'pleasure interviews'} in this view. {ready.message}"


# -- practice beside real outreach ----------------------------------------------------------------------------


def practice_vs_outreach(practice: pd.DataFrame, events: pd.DataFrame, today: date, weeks: int = 8) -> pd.DataFrame:
    """Per week (starting Monday, the last `weeks` weeks, empty weeks included): practice interviews, real
    outreach (events of kind "reached_out") and the practice's average feeling (NaN in a week without any)."""
    table = weekly_outreach(events, today, weeks)
    starts = table["week"].dt.date.tolist()
    count, feelings = dict.fromkeys(starts, 0), {s: [] for s in starts}
    if len(practice):
        for day, feeling in zip(_days(practice["happened_on"]), practice["feeling"], strict=True):
            week = day - timedelta(days=day.weekday())
            if week in count and day <= today:
                count[week] += 1
                if pd.notna(feeling):
                    feelings[week].append(float(feeling))
    table.insert(1, "practice", list(count.values()))
    table["feeling"] = [sum(f) / len(f) if f else float("nan") for f in feelings.values()]
    return table


def takeaway(weekly: pd.DataFrame) -> str:
    """One line on what the weekly table says: how much of each, and whether practice came first."""
    weeks, practised, reached = len(weekly), int(weekly["practice"].sum()), int(weekly["outreach"].sum())
    span = f"in the last {weeks} weeks"
    if not practised and not reached:
        return f"Nothing logged {span}: one pleasure interview is a gentle way to start."
    if not reached:
        return (f"{_n(practised, 'practice interview')} {span} and no real outreach yet: when practice feels easy, "
                "write to one real person.")
    if not practised:
        return (f"{_n(reached, 'real outreach', 'real outreaches')} {span} and no practice: practice is optional, "
                "and helps on days a message feels daunting.")
    line = f"{_n(practised, 'practice interview')} and {_n(reached, 'real outreach', 'real outreaches')} {span}"
    first_practice = weekly.loc[weekly["practice"] > 0, "week"].min()
    first_outreach = weekly.loc[weekly["outreach"] > 0, "week"].min()
    return line + (": practice came first, then real outreach." if first_practice < first_outreach else ".")


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


# -- a new entry, validated ------------------------------------------------------------------------------------


@dataclass
class PracticeError(ValueError):
    """What is wrong, by field name (or by a readable label): every problem at once, in words to act on."""

    errors: dict[str, str] = field(default_factory=dict)

    def messages(self) -> list[str]:
        return [f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in self.errors.items()]

    def __str__(self) -> str:
        return "; ".join(self.messages())


@dataclass(frozen=True)
class PracticeEntry:
    topic: str
    happened_on: date
    person: str | None = None
    feeling: int = 3
    learned: str | None = None
    observed: bool = False

    def fields(self) -> dict:
        """Everything but topic and date, as keywords for Store.add_practice."""
        return {"person": self.person, "feeling": self.feeling, "learned": self.learned, "observed": self.observed}


def _as_date(value) -> date | None:
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        return date.fromisoformat(value.strip()[:10])
    return None


def _line(value) -> str | None:
    text = " ".join(str(value).split()) if isinstance(value, str) else ""
    return text or None


def make_practice(*, topic, happened_on, today: date, person=None, feeling=3, learned=None,
                  observed=False) -> PracticeEntry:
    """Validate raw inputs into a PracticeEntry; raise PracticeError naming every bad field.

    Topic is required (at most MAX_TOPIC characters), feeling a whole number 1..5, and the date no later than
    `today`; empty person or learned become None.
    """
    errors: dict[str, str] = {}
    topic_text = _line(topic) or ""
    if not topic_text:
        errors["topic"] = "say what you talked about, e.g. 'Sourdough baking'"
    elif len(topic_text) > MAX_TOPIC:
        errors["topic"] = f"keep it to {MAX_TOPIC} characters (it has {len(topic_text)})"
    person_text = _line(person)
    if person_text and len(person_text) > MAX_PERSON:
        errors["person"] = f"keep it to {MAX_PERSON} characters"
    learned_text = learned.strip() if isinstance(learned, str) else ""
    if len(learned_text) > MAX_LEARNED:
        errors["learned"] = f"keep it to {MAX_LEARNED} characters (it has {len(learned_text)})"
    try:
        day = _as_date(happened_on)
    except ValueError:
        day, errors["happened_on"] = None, f"{happened_on!r} is not a date; write it as YYYY-MM-DD"
    if day is None:
        errors.setdefault("happened_on", "say when it happened")
    elif day > today:
        errors["happened_on"] = (f"{nice_date(day)} is in the future: log a practice interview once it has "
                                 "happened")
    try:
        score = int(feeling)
        if score != float(feeling) or isinstance(feeling, bool):
            raise ValueError
    except (TypeError, ValueError):
        score, errors["feeling"] = 0, "choose how it felt, a whole number from 1 (very hard) to 5 (a pleasure)"
    if "feeling" not in errors and not 1 <= score <= 5:
        errors["feeling"] = f"must be from 1 (very hard) to 5 (a pleasure), not {score}"
    if errors:
        raise PracticeError(errors)
    return PracticeEntry(topic_text, day, person_text, score, learned_text or None, bool(observed))


# -- the log, and edits to it ----------------------------------------------------------------------------------


def practice_log(practice: pd.DataFrame) -> pd.DataFrame:
    """The log to show and edit: one row per interview (index: its id), newest first, dates as dates."""
    if practice.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in LOG_COLUMNS}, index=pd.Index([], name="id"))
    log = practice.assign(happened_on=_days(practice["happened_on"]))
    log = log.sort_values(["happened_on", "id"], ascending=False, kind="stable").set_index("id")
    return log[list(LOG_COLUMNS)].astype({"feeling": "Int64", "observed": bool})


def entry_label(row: Mapping) -> str:
    """How one interview is named in a list: 'Beekeeping, 3 May 2026'."""
    day = _as_date(row["happened_on"])
    return f"{row['topic']}, {nice_date(day)}" if day else str(row["topic"])


def _plain(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def practice_edits(log: pd.DataFrame, edited_rows: Mapping, today: date) -> dict[int, dict]:
    """Turn st.data_editor's edited_rows {row position: {column: value}} over `log` (from practice_log) into
    store updates {practice id: {field: value}} holding only fields that really changed. Every edited row is
    validated like a new entry; raises PracticeError naming the entry and field of every problem."""
    edits: dict[int, dict] = {}
    errors: dict[str, str] = {}
    for position, changes in sorted(edited_rows.items(), key=lambda item: int(item[0])):
        position = int(position)
        if not 0 <= position < len(log):
            continue
        practice_id, before = int(log.index[position]), {c: _plain(v) for c, v in log.iloc[position].items()}
        after = before | {c: _plain(v) for c, v in changes.items() if c in LOG_COLUMNS}
        try:
            entry = make_practice(today=today, **after)
        except PracticeError as e:
            label = entry_label(before)
            errors.update({f"{label}: {FIELD_LABELS[k].lower()}": v for k, v in e.errors.items()})
            continue
        new = {"topic": entry.topic, "happened_on": entry.happened_on} | entry.fields()
        old = {"topic": _line(before["topic"]), "happened_on": _as_date(before["happened_on"]),
               "person": _line(before["person"]), "feeling": before["feeling"],
               "learned": (before["learned"] or "").strip() or None, "observed": bool(before["observed"])}
        fields = {k: v for k, v in new.items() if k in changes and v != old[k]}
        if fields:
            edits[practice_id] = fields
    if errors:
        raise PracticeError(errors)
    return edits
