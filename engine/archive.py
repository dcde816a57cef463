"""The full LinkedIn archive ("Get a copy of your data"): which files count, and the user's conversations and
invitations turned into the outreach log's events (pure: bytes in, frames out; engine.store writes them).

The rules, read top to bottom for each person the user wrote with (one timeline per person, oldest first):
- the user's first message (or an outgoing invitation with a note) is an outreach, channel "linkedin";
- while the user waits, a message of the user at least FOLLOW_UP_GAP later is a follow-up (sooner: the same
  message sent in parts);
- the person's first message after that is a reply (with how long it took);
- anything after a reply is the conversation going on, not a new event, until both sides were silent for
  NEW_CYCLE_DAYS: then the user's next message is a new outreach;
- when the person wrote first, the user's answer is not an outreach (nobody was reached out to), so that
  stretch gives no events.
Group conversations, sponsored messages and recruiter InMail, automated senders (company pages, newsletters,
"LinkedIn Member" without a profile) and conversations in the spam folder are left out and counted.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path, PurePosixPath

import pandas as pd

from engine.identity import _name_keys, _url_keys, normalise_company

NEW_CYCLE_DAYS = 90  # both sides silent this long: the user's next message reaches out anew
FOLLOW_UP_GAP = timedelta(hours=20)  # a second message sooner is the same message in parts, not a follow-up
FIRST_LINE_CHARS = 140  # what is kept of a message by default: its first line, at most this long
USED_FILES = {"connections.csv": "connections", "messages.csv": "messages", "invitations.csv": "invitations",
              "profile.csv": "profile", "positions.csv": "positions"}
MAX_MEMBER_BYTES = 200 * 2**20  # one file inside the archive; a zip bomb is refused, not unpacked
IGNORED_REASONS = {"group": "group conversations", "inmail": "InMail and sponsored messages",
                   "automated": "automated senders (company pages, newsletters)",
                   "unknown_sender": "messages from \u201cLinkedIn Member\u201d or nobody", "spam": "spam folder",
                   "drafts": "drafts"}
_SPAM_FOLDERS = frozenset({"spam", "junk", "trash"})
_SPONSORED_FOLDERS = frozenset({"sponsored", "inmail", "sponsored_inbox", "promotions"})
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u00cf\u00d0\u00d1"
                       "\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                       "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039"
                       "\u203a\u20ac\u2122]")
_TAG = re.compile(r"<[^>]{0,500}>")
_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/h\d)\s*/?\s*>", re.IGNORECASE)


class ArchiveError(Exception):
    """The archive as a whole cannot be read; str(e) says which file and why."""


@dataclass
class ArchiveFiles:
    """The files of one archive that Unstuck reads (name inside the archive, bytes), and those it ignores."""
    name: str
    found: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # kind -> (path inside, bytes)
    ignored: list[str] = field(default_factory=list)

    def get(self, kind: str) -> tuple[str, bytes] | None:
        return self.found.get(kind)


def is_archive(name: str, data: bytes | None = None, path: Path | None = None) -> bool:
    """A LinkedIn archive: a folder, or a zip (bytes, or a file's path) holding messages.csv or Connections.csv (an
    .xlsx is a zip too)."""
    if path is not None and Path(path).is_dir():
        return any(p.name.lower() in USED_FILES for p in Path(path).rglob("*.csv"))
    if path is not None:  # a zip file: only its header and index are read, not the whole file
        with open(path, "rb") as f:
            data = f.read(4)
    if data is None or data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(path if path is not None else io.BytesIO(data)) as z:
            return any(PurePosixPath(n).name.lower() in ("messages.csv", "connections.csv") for n in z.namelist())
    except zipfile.BadZipFile:
        return False


def open_archive(name: str, data: bytes | None = None, path: Path | None = None) -> ArchiveFiles:
    """The used files of an archive zip (bytes) or unpacked folder (path); names and folders vary by export."""
    out = ArchiveFiles(name)
    if path is not None and Path(path).is_dir():
        members = [(str(p.relative_to(path)), p) for p in sorted(Path(path).rglob("*")) if p.is_file()]
        for inner, file in members:
            kind = USED_FILES.get(file.name.lower())
            if kind and kind not in out.found:
                if file.stat().st_size > MAX_MEMBER_BYTES:
                    raise ArchiveError(f"{name}: {inner} is {file.stat().st_size / 2**20:.0f} MB; the limit is "
                                       f"{MAX_MEMBER_BYTES // 2**20} MB")
                out.found[kind] = (inner, file.read_bytes())
            else:
                out.ignored.append(inner)
        return out
    try:
        with zipfile.ZipFile(io.BytesIO(data or b"")) as z:
            for info in z.infolist():
                if info.is_dir():
                    continue
                kind = USED_FILES.get(PurePosixPath(info.filename).name.lower())
                if not kind or kind in out.found:
                    out.ignored.append(info.filename)
                    continue
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ArchiveError(f"{name}: {info.filename} is {info.file_size / 2**20:.0f} MB unpacked; "
                                       f"the limit is {MAX_MEMBER_BYTES // 2**20} MB")
                out.found[kind] = (info.filename, z.read(info))
    except zipfile.BadZipFile as e:
        raise ArchiveError(f"{name}: not a readable zip archive ({e})") from None
    if not out.found:
        raise ArchiveError(f"{name}: holds none of Connections.csv, messages.csv, Invitations.csv, Profile.csv, "
                           "Positions.csv; is it the LinkedIn archive?")
    return out


# ---- text -------------------------------------------------------------------------------------------------------

def fix_mojibake(text: str) -> str:
    """'JosÃ© MÃ¼ller' -> 'José Müller': UTF-8 read once as cp1252 (bytes cp1252 lacks read as latin-1, the way
    Windows tools do) is decoded back; text that is not such a misreading comes back unchanged."""
    if not text or not _MOJIBAKE.search(text):
        return text
    raw = bytearray()
    for ch in text:
        code = _CP1252.get(ch)
        if code is None:
            if ord(ch) > 0xFF:
                return text
            code = ord(ch)
        raw.append(code)
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return text
    again = fix_mojibake(fixed)  # some exports encode twice over; a second round must give letters only
    if again != fixed and all(c.isascii() or unicodedata.category(c)[0] in "LM" for c in again):
        return again
    return fixed


_CP1252 = {bytes([b]).decode("cp1252"): b for b in range(256) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def plain_text(content: str) -> str:
    """A message's text without HTML: breaks kept as new lines, tags dropped, entities decoded, mojibake fixed."""
    if not content:
        return ""
    text = content
    if "<" in text and ">" in text:
        text = _TAG.sub("", _BREAK.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    text = fix_mojibake(text).replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def first_line(text: str) -> str:
    """The first non-empty line, at most FIRST_LINE_CHARS long: what is kept of a message by default."""
    for line in (text or "").split("\n"):
        if line.strip():
            line = line.strip()
            return line if len(line) <= FIRST_LINE_CHARS else line[:FIRST_LINE_CHARS - 1].rstrip() + "\u2026"
    return ""


def _fixed(series: pd.Series) -> pd.Series:
    uniques = series.unique()
    mapping = {v: fix_mojibake(v) for v in uniques}
    return series.map(mapping)


# ---- reading the files ------------------------------------------------------------------------------------------

def _csv(name: str, data: bytes, required: tuple[str, ...], problems: list[str] | None = None) -> pd.DataFrame:
    """A CSV of the archive as text columns with upper-case names; a preamble before the header is skipped."""
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.split("\n", 30)
    start = 0
    for i, line in enumerate(lines[:30]):
        cells = {c.strip().strip('"').upper() for c in line.split(",")}
        if all(r in cells for r in required):
            start = i
            break
    else:
        raise ArchiveError(f"{name}: no header row with {', '.join(required)}")
    body = text if start == 0 else text.split("\n", start)[start]
    try:
        frame = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL,
                            engine="c")
    except pd.errors.ParserError:  # a row with too many cells: read again, slower, and say which rows
        bad: list[list[str]] = []
        try:
            frame = pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False, engine="python",
                                on_bad_lines=lambda cells: bad.append(cells) and None)
        except (pd.errors.ParserError, ValueError, csv.Error) as e:
            raise ArchiveError(f"{name}: cannot be read as CSV ({str(e).splitlines()[0]})") from None
        if problems is not None:
            problems += [f"{name}: a row with {len(cells)} cells where the header has {len(frame.columns)} is "
                         f"left out (it begins {','.join(cells[:3])[:60]!r})" for cells in bad[:20]]
            if len(bad) > 20:
                problems.append(f"{name}: and {len(bad) - 20} more such rows")
    except (ValueError, csv.Error) as e:
        raise ArchiveError(f"{name}: cannot be read as CSV ({str(e).splitlines()[0]})") from None
    frame = frame.fillna("")  # a row with fewer cells than the header: the missing ones are empty
    frame.columns = [str(c).strip().upper() for c in frame.columns]
    frame.insert(0, "ROW", range(start + 2, start + 2 + len(frame)))  # approximate: a quoted line break shifts it
    return frame


def _timestamps(name: str, values: pd.Series, rows: pd.Series, problems: list[str]) -> pd.Series:
    cleaned = values.str.replace(r"\s*UTC$", "", regex=True).str.strip()
    parsed = pd.to_datetime(cleaned, errors="coerce", format="%Y-%m-%d %H:%M:%S")
    missing = parsed.isna() & cleaned.ne("")
    if missing.any():  # Invitations.csv writes "1/15/24, 10:23 AM"; other exports differ
        for fmt in ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d %b %Y"):
            again = pd.to_datetime(cleaned[missing], errors="coerce", format=fmt)
            parsed[missing] = again
            missing = parsed.isna() & cleaned.ne("")
            if not missing.any():
                break
        if missing.any():
            parsed[missing] = pd.to_datetime(cleaned[missing], errors="coerce")
    bad = parsed.isna()
    for row, value in zip(rows[bad].head(20), values[bad].head(20), strict=True):
        what = f"the date {value!r} cannot be read" if value.strip() else "there is no date"
        problems.append(f"{name}, row {row}: {what}; this row is left out")
    if bad.sum() > 20:
        problems.append(f"{name}: and {int(bad.sum()) - 20} more rows without a readable date")
    return parsed


def read_messages(name: str, data: bytes, problems: list[str] | None = None) -> pd.DataFrame:
    """messages.csv as one row per message: conversation, sender (name, url key), recipients (url keys), at,
    subject, text (plain), folder, draft. Unreadable rows are left out with a line in `problems`."""
    problems = [] if problems is None else problems
    raw = _csv(name, data, ("CONVERSATION ID", "FROM", "DATE"), problems)
    for column in ("CONVERSATION TITLE", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "SUBJECT", "CONTENT",
                   "FOLDER", "IS MESSAGE DRAFT"):
        if column not in raw:
            raw[column] = ""
    at = _timestamps(name, raw["DATE"], raw["ROW"], problems)
    frame = pd.DataFrame({
        "row": raw["ROW"], "conversation": raw["CONVERSATION ID"].str.strip(),
        "title": raw["CONVERSATION TITLE"], "sender": _fixed(raw["FROM"].str.strip()),
        "sender_url": _url_keys([u or None for u in raw["SENDER PROFILE URL"].str.strip()]),
        "to": _fixed(raw["TO"].str.strip()),
        "recipient_urls": _url_lists(raw["RECIPIENT PROFILE URLS"].tolist()),
        "at": at, "subject": raw["SUBJECT"].str.strip(), "content": raw["CONTENT"],
        "folder": raw["FOLDER"].str.strip().str.lower(),
        "draft": raw["IS MESSAGE DRAFT"].str.strip().str.lower().isin(("yes", "true", "1")),
    })
    frame = frame[frame["at"].notna() & frame["conversation"].ne("")]
    return frame.sort_values(["at", "row"], kind="stable").reset_index(drop=True)


def _url_lists(cells: list[str]) -> list[list[str]]:
    """Each cell's semicolon-separated profile URLs as url keys, in one pass over all of them."""
    split = [[u.strip() for u in c.split(";") if u.strip()] for c in cells]
    keys = iter(_url_keys([u for urls in split for u in urls]))
    return [[k for k in (next(keys) for _ in urls) if k] for urls in split]


def read_invitations(name: str, data: bytes, problems: list[str] | None = None) -> pd.DataFrame:
    """Invitations.csv: from, to, at, note (plain), direction ('incoming'/'outgoing'), both url keys."""
    problems = [] if problems is None else problems
    raw = _csv(name, data, ("FROM", "TO", "DIRECTION"), problems)
    for column in ("SENT AT", "MESSAGE", "INVITERPROFILEURL", "INVITEEPROFILEURL"):
        if column not in raw:
            raw[column] = ""
    frame = pd.DataFrame({
        "row": raw["ROW"], "from": _fixed(raw["FROM"].str.strip()), "to": _fixed(raw["TO"].str.strip()),
        "at": _timestamps(name, raw["SENT AT"], raw["ROW"], problems),
        "note": raw["MESSAGE"], "direction": raw["DIRECTION"].str.strip().str.lower(),
        "from_url": _url_keys([u.strip() or None for u in raw["INVITERPROFILEURL"]]),
        "to_url": _url_keys([u.strip() or None for u in raw["INVITEEPROFILEURL"]]),
    })
    return frame[frame["at"].notna()].reset_index(drop=True)


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}


def _month(text: str) -> date | None:
    """'Jan 2020', '2020-01', '01/2020' or '2020' -> the first day of that month (January for a bare year)."""
    t = (text or "").strip().lower()
    if not t:
        return None
    if m := re.fullmatch(r"([a-z]{3})[a-z]*\.?\s+(\d{4})", t):
        return date(int(m.group(2)), _MONTHS.get(m.group(1), 1), 1) if m.group(1) in _MONTHS else None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", t):
        return date(int(m.group(1)), int(m.group(2)), 1) if 1 <= int(m.group(2)) <= 12 else None
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", t):
        return date(int(m.group(2)), int(m.group(1)), 1) if 1 <= int(m.group(1)) <= 12 else None
    if m := re.fullmatch(r"(\d{4})", t):
        return date(int(m.group(1)), 1, 1)
    return None


def read_profile(name: str, data: bytes) -> dict:
    """Profile.csv (one row): the account holder's name and headline."""
    raw = _csv(name, data, ("FIRST NAME", "LAST NAME"))
    if raw.empty:
        return {"name": None, "headline": None}
    row = raw.iloc[0]
    full = " ".join(fix_mojibake(str(row.get(c, "")).strip()) for c in ("FIRST NAME", "LAST NAME")).strip()
    headline = plain_text(str(row.get("HEADLINE", ""))) or None
    return {"name": full or None, "headline": headline}


def read_positions(name: str, data: bytes) -> pd.DataFrame:
    """Positions.csv: the account holder's jobs (company, title, started_on, finished_on: None = ongoing)."""
    raw = _csv(name, data, ("COMPANY NAME", "TITLE"))
    frame = pd.DataFrame({
        "company": _fixed(raw["COMPANY NAME"].str.strip()), "title": _fixed(raw["TITLE"].str.strip()),
        "started_on": [_month(v) for v in raw.get("STARTED ON", pd.Series([""] * len(raw)))],
        "finished_on": [_month(v) for v in raw.get("FINISHED ON", pd.Series([""] * len(raw)))],
    })
    return frame[frame["company"].ne("")].reset_index(drop=True)


def about_from_archive(profile: dict | None, positions: pd.DataFrame | None) -> dict:
    """What the archive says about the user, for the profile's "about you" fields once they confirm:
    name, headline and past positions (newest first, each "Title at Company (2019-2022)")."""
    profile = profile or {}
    lines = []
    if positions is not None and len(positions):
        ordered = positions.sort_values("started_on", ascending=False, na_position="last", key=_date_key)
        for p in ordered.itertuples():
            started, finished = _day(p.started_on), _day(p.finished_on)  # dates, or Timestamps from the store
            span = "-".join(str(d.year) if d else "" for d in (started, finished)) if started else ""
            if started and not finished:
                span += "today"
            head = f"{p.title} at {p.company}" if p.title else p.company
            lines.append(f"{head} ({span})" if span else head)
    return {"name": profile.get("name"), "headline": profile.get("headline"), "positions": lines}


def about_you(about: dict) -> dict[str, str]:
    """The profile's "about you" fields as the archive would fill them (about_from_archive's dict): your name, your
    current role (the job with no end date, else the headline) and a one-line background (the headline, when the
    role did not already take it). Only what the archive says: fields it does not know are left out."""
    current = next((line.rsplit(" (", 1)[0] for line in about.get("positions") or () if line.endswith("today)")),
                   None)
    headline = (about.get("headline") or "").strip() or None
    role = current or headline
    fields = {"my_name": (about.get("name") or "").strip() or None, "my_role": role,
              "my_background": headline if headline and headline != role else None}
    return {k: v for k, v in fields.items() if v}


def _date_key(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, errors="coerce")


# ---- former colleagues ------------------------------------------------------------------------------------------

def former_colleagues(contacts: pd.DataFrame, positions: pd.DataFrame) -> pd.Series:
    """For each contact (index kept), the user's past employer they share, or None: the contact's company is one
    the user worked at. Where both sides have dates (the user's job; the contact's position_on, the day their
    title was last seen), the times must overlap: someone who joined years after the user left is not a former
    colleague. The user's current employer counts too (they are colleagues now)."""
    out = pd.Series([None] * len(contacts), index=contacts.index, dtype=object)
    if positions is None or positions.empty or contacts.empty:
        return out
    jobs: dict[str, list[tuple]] = {}
    for p in positions.itertuples():
        key = normalise_company(p.company)
        if key:
            jobs.setdefault(key, []).append((p.company, _day(p.started_on), _day(p.finished_on)))
    if not jobs:
        return out
    companies = contacts["company"] if "company" in contacts else pd.Series([None] * len(contacts))
    seen_on = contacts["position_on"] if "position_on" in contacts else pd.Series([None] * len(contacts))
    keys = {c: normalise_company(c) for c in companies.dropna().unique()}
    for idx, company, seen in zip(contacts.index, companies, seen_on, strict=True):
        key = keys.get(company) if isinstance(company, str) else None
        if not key or key not in jobs:
            continue
        seen = _day(seen)
        for shown, started, _finished in jobs[key]:
            # the contact is known to be there on `seen`; the user was there from started to finished (or today).
            # They overlap unless the contact was seen there only before the user started.
            if seen is None or started is None or seen >= started:
                out[idx] = shown
                break
    return out


def _day(value) -> date | None:
    """A date from a date, a Timestamp (as the store gives them) or nothing."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def with_former_colleagues(contacts: pd.DataFrame, positions: pd.DataFrame | None) -> pd.DataFrame:
    """`contacts` with a former_colleague column (engine.scoring reads it) when the user's jobs are known; the
    same frame, not a copy, when they are not."""
    if positions is None or positions.empty or contacts.empty:
        return contacts
    return contacts.assign(former_colleague=former_colleagues(contacts, positions))


# ---- conversations into events ----------------------------------------------------------------------------------

@dataclass
class Conversations:
    """What the messages and invitations give: one row per event (EVENT_COLUMNS), counts, and what was left out."""
    events: pd.DataFrame
    conversations: int
    ignored: dict[str, int]
    owner: dict  # the account holder as the messages show them: {"url": key or None, "name": ...}
    started_by_them: int = 0


EVENT_COLUMNS = ("source_key", "person_url", "person_name", "kind", "channel", "happened_at", "happened_on",
                 "first_line", "text", "waited_days", "conversation")


def find_owner(messages: pd.DataFrame, profile_name: str | None = None,
               sender_keys: list[str | None] | None = None) -> dict:
    """The account holder: the sender whose name is Profile.csv's, else the profile URL in the most conversations
    (as sender or recipient); their name as Profile.csv gives it, else as they sign their messages.
    `sender_keys` are the senders' names as _name_keys gives them, when the caller has them already."""
    if messages.empty:
        return {"url": None, "name": profile_name}
    key = _name_keys([profile_name])[0] if profile_name else None
    if key:
        keys = _name_keys(messages["sender"].tolist()) if sender_keys is None else sender_keys
        named = messages.loc[[k == key for k in keys], "sender_url"].dropna()
        if len(named):
            return {"url": named.mode().iloc[0], "name": profile_name}
    senders = messages[["conversation", "sender_url"]].rename(columns={"sender_url": "url"})
    recipients = messages[["conversation", "recipient_urls"]].explode("recipient_urls").rename(
        columns={"recipient_urls": "url"})
    pairs = pd.concat([senders, recipients], ignore_index=True).dropna().drop_duplicates()
    if pairs.empty:
        return {"url": None, "name": profile_name}
    url = pairs["url"].value_counts().index[0]
    names = messages.loc[messages["sender_url"] == url, "sender"]
    return {"url": url, "name": profile_name or (names.mode().iloc[0] if len(names) else None)}


def _key(*parts) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:24]


def conversation_events(messages: pd.DataFrame, invitations: pd.DataFrame | None = None,
                        profile_name: str | None = None, *, with_text: bool = False) -> Conversations:
    """The events the user's one-to-one conversations and outgoing invitation notes give (see the module's rules).
    `text` is the whole plain text only with_text; `first_line` always. Keys are stable across exports, so a
    newer archive brings only what is new. One pass over plain lists: 20,000 messages take a fraction of a second."""
    names = messages["sender"].unique().tolist()
    name_keys = dict(zip(names, _name_keys(names), strict=True))  # each distinct name read once
    all_keys = [name_keys[n] for n in messages["sender"]]
    owner = find_owner(messages, profile_name, all_keys)
    me_url, me_key = owner["url"], _name_keys([owner["name"]])[0] if owner["name"] else None
    ignored = dict.fromkeys(IGNORED_REASONS, 0)
    timeline: list[tuple] = []  # (person_url, person_name, at, outgoing, conversation, key_parts, raw_content)
    n_conversations = 0
    if not messages.empty:
        ignored["drafts"] = int(messages["draft"].sum())
        msgs = messages[~messages["draft"]]
        sender_keys = [k for k, draft in zip(all_keys, messages["draft"], strict=True) if not draft]
        cols = {c: msgs[c].tolist() for c in ("conversation", "sender", "sender_url", "recipient_urls", "to",
                                              "subject", "content", "folder")}
        ats = msgs["at"].dt.to_pydatetime().tolist()
        outgoing = [(u == me_url) if (u and me_url) else (k is not None and k == me_key)
                    for u, k in zip(cols["sender_url"], sender_keys, strict=True)]
        groups: dict[str, list[int]] = {}
        for i, conv in enumerate(cols["conversation"]):
            groups.setdefault(conv, []).append(i)  # rows are oldest first already
        for conv, rows in groups.items():
            n_conversations += 1
            reason = _left_out(rows, cols, outgoing, me_url, owner["name"])
            if reason:
                ignored[reason] += 1
                continue
            incoming = [i for i in rows if not outgoing[i]]
            if incoming:
                url, name = cols["sender_url"][incoming[0]], cols["sender"][incoming[0]]
            else:
                urls = [u for u in cols["recipient_urls"][rows[0]] if u != me_url]
                url, name = (urls[0] if urls else None), cols["to"][rows[0]]
            for i in rows:
                timeline.append((url, name, ats[i], outgoing[i], conv,
                                 (conv, ats[i].isoformat(), "out" if outgoing[i] else "in"), cols["content"][i]))
    if invitations is not None and not invitations.empty:
        notes = invitations[(invitations["direction"] == "outgoing") & invitations["note"].str.strip().ne("")]
        for to_url, to, at, note in zip(notes["to_url"], notes["to"], notes["at"].dt.to_pydatetime(), notes["note"],
                                        strict=True):
            timeline.append((to_url, to, at, True, None, ("invitation", to_url or to, at.isoformat()), note))
    rows, started_by_them = _events(timeline, with_text)
    events = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    return Conversations(events, n_conversations, ignored, owner, started_by_them)


def _left_out(rows: list[int], cols: dict[str, list], outgoing: list[bool], me_url: str | None,
              me_name: str | None) -> str | None:
    """Why a conversation is not one-to-one networking (a key of IGNORED_REASONS), or None."""
    folders = {cols["folder"][i] for i in rows}
    if folders & _SPAM_FOLDERS:
        return "spam"
    if folders & _SPONSORED_FOLDERS:
        return "inmail"
    people = {cols["sender_url"][i] for i in rows} - {None, me_url}
    for i in rows:
        people.update(u for u in cols["recipient_urls"][i] if u != me_url)
    if not people:  # an old export without profile URLs: count people by name
        names = {cols["sender"][i] for i in rows if not outgoing[i]}
        names.update(n.strip() for i in rows if outgoing[i] for n in cols["to"][i].split(","))
        people = names - {"", me_name}
    if len(people) > 1:
        return "group"
    incoming = [i for i in rows if not outgoing[i]]
    if incoming:
        sender, url = cols["sender"][incoming[0]], cols["sender_url"][incoming[0]]
        if sender.strip().lower() in ("", "linkedin member", "linkedin") or (not url and me_url):
            return "unknown_sender"  # nobody, a deleted account, or no profile where every real person has one
        if url and "/in/" not in url:
            return "automated"
        if not outgoing[rows[0]] and cols["subject"][rows[0]]:  # InMail comes with a subject; a chat has none
            return "inmail"
    elif not people:
        return "unknown_sender"
    return None


def _events(timeline: list[tuple], with_text: bool) -> tuple[list[tuple], int]:
    """Walk each person's messages in order and emit events by the rules in the module docstring."""
    nameless = [t[1] for t in timeline if not t[0]]
    name_key = dict(zip(nameless, _name_keys(nameless), strict=True)) if nameless else {}
    by_person: dict[str, list[tuple]] = {}
    for item in timeline:
        person = item[0] or "name:" + str(name_key.get(item[1]))
        by_person.setdefault(person, []).append(item)
    rows, started_by_them = [], 0
    for items in by_person.values():
        items.sort(key=lambda t: (t[2], not t[3]))
        state, last_at, last_out, reached_at = "idle", None, None, None
        url, name = next(((t[0], t[1]) for t in items if t[0]), (items[0][0], items[0][1]))
        for _, _, at, outgoing, conv, parts, content in items:
            if last_at is not None and (at - last_at).days >= NEW_CYCLE_DAYS:
                state = "idle"
            kind = None
            if outgoing:
                if state == "idle":
                    kind, state, reached_at = "reached_out", "waiting", at
                elif state == "waiting" and at - last_out >= FOLLOW_UP_GAP:
                    kind = "follow_up"
                last_out = at
            elif state == "waiting":
                kind, state = "replied", "talking"
            elif state == "idle":
                state = "talking"
                started_by_them += 1
            last_at = at
            if kind:
                text = plain_text(content)
                waited = (at - reached_at).days if kind == "replied" else None
                rows.append((_key(*parts, kind), url, name, kind, "linkedin", at, at.date(), first_line(text),
                             text if with_text else None, waited, conv))
    return rows, started_by_them


# ---- matching people to contacts --------------------------------------------------------------------------------

def match_people(events: pd.DataFrame, contacts: pd.DataFrame) -> pd.Series:
    """The contact id of each event's person, or NA: by profile URL first, then by a name that exactly one
    contact has (names compared as identity.normalise_name does: case, accents, order, credentials ignored).
    Nobody is invented; an unmatched or ambiguous person stays unmatched."""
    if events.empty:
        return pd.Series([], dtype="Int64")
    by_url: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    if not contacts.empty:
        urls = _url_keys([u if isinstance(u, str) and u else None for u in contacts["linkedin_url"]])
        for cid, url in zip(contacts["id"], urls, strict=True):
            if url:
                by_url.setdefault(url, int(cid))
        for cid, key in zip(contacts["id"], _name_keys(contacts["full_name"].tolist()), strict=True):
            if key:
                by_name.setdefault(key, []).append(int(cid))
    people = events[["person_url", "person_name"]].drop_duplicates()
    keys = _name_keys([n if isinstance(n, str) and n else None for n in people["person_name"]])
    found = {}
    for (url, name), key in zip(people.itertuples(index=False), keys, strict=True):
        cid = by_url.get(url) if url else None
        if cid is None and key and len(by_name.get(key, [])) == 1:
            cid = by_name[key][0]
        found[(url, name)] = cid
    ids = [found[(u, n)] for u, n in zip(events["person_url"], events["person_name"], strict=True)]
    return pd.Series(ids, index=events.index, dtype="Int64")


def unmatched_people(events: pd.DataFrame, contact_ids: pd.Series) -> list[dict]:
    """People with events but no contact: name, profile URL and how many events, most events first."""
    missing = events[contact_ids.isna()]
    if missing.empty:
        return []
    grouped = missing.groupby(["person_name", missing["person_url"].fillna("")], sort=False).size()
    people = [{"name": name, "url": url or None, "events": int(n)} for (name, url), n in grouped.items()]
    return sorted(people, key=lambda p: (-p["events"], p["name"] or ""))



# ---- the whole archive ------------------------------------------------------------------------------------------

@dataclass
class ArchivePlan:
    """What one archive brings besides its connections: events matched to contacts, and the user's own profile."""
    files: ArchiveFiles
    conversations: Conversations
    contact_ids: pd.Series  # per event row: the contact, or NA when nobody matches
    profile: dict
    positions: pd.DataFrame
    problems: list[str] = field(default_factory=list)

    @cached_property  # read by the summary and again by the writing: built once (rematched() makes a new plan)
    def matched(self) -> pd.DataFrame:
        """The events to write (engine.store.archive.EVENT_COLUMNS)."""
        ev = self.conversations.events.assign(contact_id=self.contact_ids)
        ev = ev[ev["contact_id"].notna()]
        notes = [f"replied after {int(w)} day{'s' if w != 1 else ''}: {line}" if kind == "replied" else line
                 for kind, w, line in zip(ev["kind"], ev["waited_days"], ev["first_line"], strict=True)]
        return pd.DataFrame({"contact_id": ev["contact_id"].astype("int64"), "kind": ev["kind"],
                             "channel": ev["channel"], "note": [n or None for n in notes],
                             "happened_on": ev["happened_on"], "source_key": ev["source_key"],
                             "message_text": ev["text"]}).reset_index(drop=True)

    def rematched(self, contacts: pd.DataFrame) -> ArchivePlan:
        """The same plan with its people matched again, to the contacts as they are now (after the archive's
        own connections were written)."""
        return replace(self, contact_ids=match_people(self.conversations.events, contacts))

    @property
    def unmatched(self) -> list[dict]:
        return unmatched_people(self.conversations.events, self.contact_ids)

    def summary(self) -> dict:
        """The CLI's JSON "messages" part: counts of the events for matched people, what was left out, who
        could not be matched."""
        kinds = self.matched["kind"].value_counts()
        ignored = {k: v for k, v in self.conversations.ignored.items()} | {"files": list(self.files.ignored)}
        return {"conversations": self.conversations.conversations,
                "outreach": int(kinds.get("reached_out", 0)), "replies": int(kinds.get("replied", 0)),
                "follow_ups": int(kinds.get("follow_up", 0)),
                "started_by_them": self.conversations.started_by_them,
                "ignored": ignored, "unmatched": self.unmatched, "problems": list(self.problems)}


def plan_archive(files: ArchiveFiles, contacts: pd.DataFrame | None, *, with_text: bool = False) -> ArchivePlan:
    """Read the archive's messages, invitations, profile and jobs, and match each event's person to `contacts`
    (id, full_name, linkedin_url: the store's, with the archive's own connections already in); with None,
    nobody is matched yet (see ArchivePlan.rematched)."""
    problems: list[str] = []
    profile = read_profile(*files.get("profile")) if files.get("profile") else {"name": None, "headline": None}
    positions = read_positions(*files.get("positions")) if files.get("positions") else \
        pd.DataFrame(columns=["company", "title", "started_on", "finished_on"])
    messages = read_messages(*files.get("messages"), problems) if files.get("messages") else _no_messages()
    invitations = read_invitations(*files.get("invitations"), problems) if files.get("invitations") else None
    conversations = conversation_events(messages, invitations, profile.get("name"), with_text=with_text)
    ids = match_people(conversations.events, contacts) if contacts is not None else \
        pd.Series(pd.NA, index=conversations.events.index, dtype="Int64")
    return ArchivePlan(files, conversations, ids, profile, positions, problems)


def _no_messages() -> pd.DataFrame:
    return pd.DataFrame(columns=["row", "conversation", "title", "sender", "sender_url", "to", "recipient_urls", "at",
                                 "subject", "content", "folder", "draft"])
