"""Deciding, for incoming contacts against stored ones, which to add, merge, skip or flag as ambiguous.

Rules, in order: same email, then same LinkedIn profile, then same name *and* a matching company.
A name alone never merges: same name with another or a missing company is "ambiguous".
A merge fills empty fields, takes the newer company/title/email/phone/URL, unions tags, never touches
a field the user typed by hand (manual_fields) and never replaces a value with an empty one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz

ACTIONS = ("add", "merge", "skip", "ambiguous")
# How each field merges when both sides hold a value: "newer" takes the incoming one, "keep" the stored one.
FIELD_RULES = {"full_name": "keep", "first_name": "keep", "last_name": "keep", "email": "newer",
               "phone": "newer", "company": "newer", "title": "newer", "linkedin_url": "newer",
               "notes": "keep", "tags": "union", "tie_strength": "keep", "connected_on": "keep"}
COMPANY_THRESHOLD = 90  # rapidfuzz ratio on normalised names: "acme corp" ~ "acme crop", not "acme" ~ "acne"

_HONORIFICS_AND_CREDENTIALS = frozenset({
    "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "mme", "mlle", "herr", "frau", "sir", "dame", "jr", "sr",
    "ii", "iii", "iv", "phd", "md", "mba", "msc", "bsc", "meng", "dipl", "ing", "mag", "cpa", "cfa", "pmp",
    "esq", "dds", "rn", "pe"})
_LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "ag", "kg", "se", "sa", "sas", "sarl",
    "sl", "srl", "spa", "bv", "nv", "plc", "corp", "corporation", "co", "company", "oy", "ab", "as", "pty",
    "and"})
_PLAIN_PROFILE = r"^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)?linkedin\.com/in/(?P<slug>[a-z0-9_.~-]+)(?:[/?#]|$)"
_PROFILE = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)?linkedin\.com/in/([^/?#]+)")


@dataclass
class MergePlan:
    rows: pd.DataFrame
    counts: dict[str, int]


# ---- normalisers (pure, exported) ------------------------------------------------------------------------

def normalise_email(s: object) -> str | None:
    """'  Mailto:Ana@Bar.IO ' -> 'ana@bar.io'; None when there is no address."""
    return None if _missing(s) else _email_key(str(s))


def normalise_linkedin_url(s: object) -> str | None:
    """'https://de.linkedin.com/in/Jos%C3%A9-M/?trk=x' -> 'linkedin.com/in/josé-m'; other URLs lose scheme/query."""
    return None if _missing(s) else _url_key(str(s))


def normalise_name(s: object) -> str | None:
    """Case, accents, punctuation, emoji, word order, credentials ignored: 'Dr. José Müller, PhD' -> 'jose muller'."""
    return _name_keys([None if _missing(s) else str(s)])[0]


def normalise_company(s: object) -> str | None:
    """Case, accents, punctuation and legal suffixes ignored: 'Acme, Inc.' -> 'acme', 'Bar S.A.' -> 'bar'."""
    return _company_keys([None if _missing(s) else str(s)])[0]


def normalise_companies(values) -> list[str | None]:
    """normalise_company over a whole column, each distinct name once (fast for a million rows)."""
    return _company_keys([None if _missing(v) else str(v) for v in values])


def _email_key(t: str) -> str | None:
    t = t.strip().lower().removeprefix("mailto:")
    return t if "@" in t else None


def _url_key(t: str) -> str | None:
    t = t.strip()
    if "%" in t:
        t = unquote(t)
    if not t.isascii():
        t = unicodedata.normalize("NFC", t)
    t = t.lower()
    profile = _PROFILE.match(t)
    if profile:
        return "linkedin.com/in/" + profile.group(1)
    t = re.sub(r"^[a-z][a-z0-9+.-]*://", "", t)
    t = re.split(r"[?#]", t, maxsplit=1)[0].rstrip("/")
    host, _, path = t.partition("/")
    host = host.removeprefix("www.")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
        if path.startswith("in/"):
            path = "in/" + path[3:].split("/")[0]
    key = f"{host}/{path}" if path else host
    return key or None


def _folded_words(values: list[str | None], company: bool = False) -> list[str | None]:
    """Lower case, accents dropped, anything but letters and digits turned to spaces; one pyarrow pass."""
    a = pc.utf8_lower(pc.utf8_normalize(pa.array(values, pa.string()), "NFKD"))
    a = pc.replace_substring(pc.replace_substring_regex(a, r"\p{Mn}+", ""), "ß", "ss")
    a = pc.replace_substring_regex(a, "['’`]", "")  # O'Neil is oneil, not o neil
    if company:
        a = pc.replace_substring(pc.replace_substring(a, "&", " and "), ".", "")
    return pc.replace_substring_regex(a, r"[^\pL\pN]+", " ").to_pylist()


def _name_keys(values: list[str | None]) -> list[str | None]:
    keys = []
    for t in _folded_words(values):
        words = sorted(w for w in t.split() if w not in _HONORIFICS_AND_CREDENTIALS) if t else None
        keys.append(" ".join(words) if words else None)
    return keys


def _company_keys(values: list[str | None]) -> list[str | None]:
    # Employers repeat a lot in a network: normalise each distinct name once.
    distinct = list(dict.fromkeys(v for v in values if v is not None))
    keys = {None: None}
    for raw, t in zip(distinct, _folded_words(distinct, company=True), strict=True):
        words = t.split()
        while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
            words.pop()
        keys[raw] = " ".join(words) or None
    return [keys[v] for v in values]


def _url_keys(values: list[str | None]) -> list[str | None]:
    """normalise_linkedin_url over a column, with the common plain profile URL handled by pyarrow."""
    low = pc.utf8_lower(pc.utf8_trim_whitespace(pa.array(values, pa.string())))
    slugs = pc.struct_field(pc.extract_regex(low, _PLAIN_PROFILE), [0]).to_pylist()
    return [f"linkedin.com/in/{slug}" if slug else (None if v is None else _url_key(v))
            for v, slug in zip(values, slugs, strict=True)]


def same_company(a: str | None, b: str | None) -> bool:
    """Whether two *normalised* company names are the same employer, tolerating typos and a dropped word."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    if long[:len(short)] == short and len("".join(short)) >= 3:
        return True
    return fuzz.ratio(a, b) >= COMPANY_THRESHOLD


def _missing(v: object) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and v != v:
        return True
    return isinstance(v, str) and not v.strip()



# ---- planning --------------------------------------------------------------------------------------------

_FIELDS = tuple(FIELD_RULES)


def plan_merge(incoming: pd.DataFrame, existing: pd.DataFrame) -> MergePlan:
    """One row per incoming contact (same index) saying what importing it would do, and why.

    Rows are meant to be applied in order: `changes` are relative to the contact as earlier rows left it.
    Extra columns beside the documented five: `same_as` (index label of the earlier incoming row this one
    repeats, when that row is itself an "add"), and `name`, `title`, `company` as they will read afterwards.
    """
    ex = existing.sort_values("id", kind="stable") if len(existing) else existing
    ids = [int(i) for i in ex["id"]] if len(ex) else []
    stored = _Columns(ex)
    no_lock: set[str] = set()
    manual = ([set(v) if (v := _as_list(m)) else no_lock for m in ex["manual_fields"]]
              if "manual_fields" in ex else [no_lock] * len(ids))
    position = {cid: i for i, cid in enumerate(ids)}
    by_email = _index(ids, (v and _email_key(v) for v in stored["email"]))
    stored_urls = _url_keys(stored["linkedin_url"])
    by_url = _index(ids, stored_urls)
    by_name: dict[str, list[int]] | None = None  # built on first need: LinkedIn re-imports match by URL
    companies: dict[int, tuple[str | None, str | None]] = {}  # id -> (company, normalised)
    same: dict[tuple, bool] = {}  # (normalised, normalised) -> same_company

    values = _Columns(incoming)
    url_keys = _url_keys(values["linkedin_url"])
    name_keys: list | None = None  # names are normalised on first need, like by_name
    company_keys: list = [None] * len(incoming)
    rows = incoming["row"].tolist() if "row" in incoming else list(range(1, len(incoming) + 1))
    n = len(incoming)
    action, contact_id, candidates = ["add"] * n, [None] * n, [[] for _ in range(n)]
    reason, changes, same_as = ["new contact"] * n, [{} for _ in range(n)], [None] * n
    targets: list[object] = [None] * n
    first_row: dict[object, int] = {}  # target -> position of the first incoming row that reached it
    seen: dict[tuple[str, str], object] = {}  # ("email"|"url"|"name", key) -> target, within this file

    # 0. Rows no other row or stored contact can match (every key unique and unknown) are new: decided in bulk.
    email_keys = [v and _email_key(v) for v in values["email"]]
    unknown = [i for i in range(n) if (email_keys[i] is None or email_keys[i] not in by_email)
               and (url_keys[i] is None or url_keys[i] not in by_url)]
    lonely: set[int] = set()
    if unknown:
        by_name = _index(ids, _name_keys(stored["full_name"]))
        companies = dict(zip(ids, zip(stored["company"], _company_keys(stored["company"]), strict=True),
                             strict=True))
        name_keys, company_keys = _name_keys(values["full_name"]), _company_keys(values["company"])
        pairs = [f"{a}|{b}" if a and b else None for a, b in zip(name_keys, company_keys, strict=True)]
        counts = Counter(k for keys in (email_keys, url_keys) for k in keys if k is not None)
        named = Counter(k for k in pairs if k is not None)
        lonely = {i for i in unknown
                  if (email_keys[i] is None or counts[email_keys[i]] == 1)
                  and (url_keys[i] is None or counts[url_keys[i]] == 1)
                  and (name_keys[i] is None or name_keys[i] not in by_name)
                  and (pairs[i] is None or named[pairs[i]] == 1)}
        for i in lonely:
            targets[i] = ("new", i)
            first_row[targets[i]] = i

    # 1. Who is who: dictionary look-ups only.
    for i in range(n):
        if i in lonely:
            continue
        email = email_keys[i]
        url = url_keys[i]
        name, company = (name_keys[i], company_keys[i]) if name_keys else (None, None)
        target, why, found = None, "", []
        for kind, key, index, because in (("email", email, by_email, "same email"),
                                          ("url", url, by_url, "same LinkedIn URL")):
            if key is not None and key in index:
                if len(index[key]) == 1:
                    target, why = index[key][0], because
                else:
                    found, why = index[key], f"{because} as {len(index[key])} contacts"
                break
            if key is not None and (kind, key) in seen:
                target, why = seen[(kind, key)], because
                break
        if target is None and not found:
            if by_name is None:
                by_name = _index(ids, _name_keys(stored["full_name"]))
                companies = dict(zip(ids, zip(stored["company"], _company_keys(stored["company"]), strict=True),
                                     strict=True))
                name_keys, company_keys = _name_keys(values["full_name"]), _company_keys(values["company"])
                name, company = name_keys[i], company_keys[i]
                for k in range(i):  # rows before this one are known by name from now on too
                    if targets[k] is not None and name_keys[k] and company_keys[k]:
                        seen.setdefault(("name", f"{name_keys[k]}|{company_keys[k]}"), targets[k])
            # two different LinkedIn profiles are two people, whatever their names
            block = [c for c in by_name.get(name, []) if url is None or stored_urls[position[c]] in (None, url)] \
                if name else []
            if block:
                target, why, found = _by_name(block, values["company"][i], company, companies, same)
            elif company and ("name", f"{name}|{company}") in seen:
                target, why = seen[("name", f"{name}|{company}")], "same name and company"
                if url is not None and url_keys[target[1] if isinstance(target, tuple) else first_row[target]] \
                        not in (None, url):
                    target, why = None, ""
        if found:
            # Nothing to decide when the row would change nothing on one of them (a re-import).
            new = {f: values[f][i] for f in _FIELDS}
            unchanged = [cid for cid in found
                         if not _changes({f: stored[f][position[cid]] for f in _FIELDS}, new, manual[position[cid]])]
            if not unchanged:
                action[i], candidates[i], reason[i] = "ambiguous", found, why
                continue
            target, why = unchanged[0], "no change"
        if target is None:
            target = ("new", i)
        elif target in first_row:
            why = f"already in this file (row {rows[first_row[target]]})"
        targets[i], reason[i] = target, why or reason[i]
        first_row.setdefault(target, i)
        _remember(seen, target, email, url, name, company)

    # 2. What changes: column by column for each contact's first row, then in order for repeats.
    state: dict[object, dict] = {}  # target -> the contact as earlier rows leave it (only when reached again)
    repeated = {t for i, t in enumerate(targets) if t is not None and first_row[t] != i}
    firsts = [i for i in range(n) if targets[i] in position and first_row[targets[i]] == i]
    _first_changes(firsts, [position[targets[i]] for i in firsts], values, stored, manual, changes)
    shown = {f: values[f][:] for f in ("full_name", "title", "company")}  # the contact after this row
    for i in range(n):
        target = targets[i]
        if target is None or i in lonely:
            continue
        first = first_row[target] == i
        if target in repeated:
            if first:
                source = stored if target in position else values
                row = position.get(target, i)
                state[target] = {f: source[f][row] for f in _FIELDS}
            else:
                locked = manual[position[target]] if target in position else no_lock
                changes[i] = _changes(state[target], {f: values[f][i] for f in _FIELDS}, locked)
            for f, (_, after) in changes[i].items():
                state[target][f] = after
            for f in shown:
                shown[f][i] = state[target][f]
        elif target in position:
            for f in shown:
                shown[f][i] = changes[i][f][1] if f in changes[i] else stored[f][position[target]]
        if target in position:
            contact_id[i] = target
        elif not first:
            same_as[i] = incoming.index[target[1]]
        if target in position or not first:
            action[i] = "merge" if changes[i] else "skip"
            if not changes[i] and not reason[i].startswith("already in this file"):
                reason[i] = "no change"
    frame = pd.DataFrame({
        "action": action, "contact_id": contact_id, "candidates": candidates, "reason": reason,
        "changes": changes, "same_as": same_as,
        "name": shown["full_name"], "title": shown["title"], "company": shown["company"],
    }, index=incoming.index, dtype=object)
    frame["contact_id"] = pd.array(contact_id, dtype="Int64")
    counts = {a: action.count(a) for a in ACTIONS}
    return MergePlan(frame, counts)


def match_keys(contacts: pd.DataFrame) -> pd.DataFrame:
    """The keys plan_merge finds people by, one row per contact (same index): email, LinkedIn URL and name, each
    normalised as plan_merge does (None when missing). A stored contact none of whose keys occurs among a file's
    takes no part in that file's plan: planning against only the ones that share a key gives the same plan."""
    values = _Columns(contacts)
    return pd.DataFrame({"email": [v and _email_key(v) for v in values["email"]],
                         "url": _url_keys(values["linkedin_url"]), "name": _name_keys(values["full_name"])},
                        index=contacts.index, dtype=object)


def _first_changes(rows: list[int], positions: list[int], values: dict, stored: dict, manual: list[set],
                   changes: list[dict]) -> None:
    """_changes for many (incoming row, stored contact) pairs at once, one field at a time."""
    for f, rule in FIELD_RULES.items():
        new = [values[f][i] for i in rows]
        old = [stored[f][p] for p in positions]
        if rule == "keep":
            hits = [k for k, (a, b) in enumerate(zip(old, new, strict=True)) if a is None and b is not None]
        elif rule == "newer":
            hits = [k for k, (a, b) in enumerate(zip(old, new, strict=True))
                    if b is not None and a != b and (a is None or not _same(f, a, b))]
        else:
            hits = [k for k, (a, b) in enumerate(zip(old, new, strict=True)) if b and not set(b) <= set(a)]
        for k in hits:
            if f in manual[positions[k]]:
                continue
            if rule == "union":
                change = _changes({f: old[k]}, {f: new[k]}, set(), fields={f: rule})
                changes[rows[k]].update(change)
            else:
                changes[rows[k]][f] = [old[k], new[k]]


def _by_name(block: list[int], raw_company: str | None, company: str | None,
             companies: dict[int, tuple[str | None, str | None]],
             same: dict[tuple, bool]) -> tuple[int | None, str, list[int]]:
    """Same normalised name: merge only when exactly one of them works at a matching company."""
    matching = []
    for cid in block:
        key = companies[cid][1]
        if (company, key) not in same:
            same[(company, key)] = same_company(company, key)
        if same[(company, key)]:
            matching.append(cid)
    if len(matching) == 1:
        old = companies[matching[0]][0]
        if old == raw_company:
            return matching[0], "same name and company", []
        return matching[0], f"same name, company '{old}' ~ '{raw_company}'", []
    if matching:
        return None, f"same name and company as {len(matching)} contacts", matching
    if company is None or any(companies[cid][1] is None for cid in block):
        return None, "same name, company missing on one side", block
    shown = ", ".join(dict.fromkeys(f"'{companies[cid][0]}'" for cid in block))
    return None, f"same name, different company ({shown} vs '{raw_company}')", block


def _changes(old: dict, new: dict, locked: set[str], fields: dict[str, str] = FIELD_RULES) -> dict[str, list]:
    """field -> [old, new] for what merging `new` into `old` would change."""
    changes = {}
    for f, rule in fields.items():
        after = new[f]
        if f in locked or after is None or (rule == "union" and not after):
            continue
        before = old[f]
        if rule == "union":
            have = {t.casefold() for t in before or []}
            added = [t for t in after if t.casefold() not in have]
            if added:
                changes[f] = [before or [], [*(before or []), *added]]
        elif before is None or (rule == "newer" and not _same(f, before, after)):
            changes[f] = [before, after]
    return changes


_SAME = {
    "email": normalise_email,
    "linkedin_url": normalise_linkedin_url,
    "company": lambda v: _company_key_cached(str(v)),
    "title": lambda v: " ".join(str(v).casefold().split()),
    "phone": lambda v: re.sub(r"\D", "", str(v)) or str(v).strip(),
}


@functools.lru_cache(maxsize=4096)
def _company_key_cached(value: str) -> str | None:
    return _company_keys([value])[0]


def _same(field: str, a: object, b: object) -> bool:
    key = _SAME.get(field)
    return a == b or (key is not None and key(a) == key(b))


def _remember(seen: dict, target: object, email: str | None, url: str | None, name: str | None,
              company: str | None) -> None:
    for kind, key in (("email", email), ("url", url), ("name", f"{name}|{company}" if name and company else None)):
        if key is not None:
            seen.setdefault((kind, key), target)


def _index(ids: list[int], keys) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for cid, key in zip(ids, keys, strict=True):
        if key is not None:
            found = index.get(key)
            if found is None:
                index[key] = [cid]
            else:
                found.append(cid)
    return index


class _Columns(dict):
    """Columns as plain Python lists, each converted on first use: a million new rows need only four."""

    def __init__(self, frame: pd.DataFrame):
        super().__init__()
        self.frame = frame

    def __missing__(self, field: str) -> list:
        self[field] = _column(self.frame, field)
        return self[field]


def _column(frame: pd.DataFrame, field: str) -> list:
    """A column as plain Python values: None for missing, lists for tags, dates for dates, stripped text."""
    if field not in frame:
        return [[] if field == "tags" else None] * len(frame)
    column = frame[field]
    if field == "tags":
        # The importer's tags are pyarrow lists: pyarrow builds the Python lists much faster.
        values = pa.array(column).to_pylist() if isinstance(column.dtype, pd.ArrowDtype) else column.tolist()
        return [_as_list(v) for v in values]
    if field == "connected_on":
        # Few distinct dates: convert each once.
        codes, uniques = pd.factorize(column)
        dates = [_as_date(v) for v in uniques] + [None]
        return [dates[c] for c in codes]
    if field == "tie_strength":
        numbers = pd.to_numeric(column, errors="coerce").astype("Int64")
        return [None if v is pd.NA else int(v) for v in numbers.tolist()]
    text = column.astype("string").str.strip()
    values = text.to_numpy(dtype=object, na_value=None)
    values[(text == "").fillna(True).to_numpy(dtype=bool)] = None
    return values.tolist()


def _as_list(v: object) -> list:
    if isinstance(v, list):
        return v
    if isinstance(v, tuple | np.ndarray):
        return [str(t) for t in v]
    return [] if _missing(v) else [str(v)]


def _as_date(v: object) -> dt.date | None:
    if type(v) is dt.date:
        return v
    if _missing(v):
        return None
    if isinstance(v, dt.datetime):  # includes pd.Timestamp
        return v.date()
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])


# ---- describing ------------------------------------------------------------------------------------------

def describe_changes(plan: MergePlan) -> list[str]:
    """Readable lines for what merges change, e.g. 'Ana Ruiz: Data Analyst at Foo -> Data Scientist at Bar'."""
    lines = []
    for row in plan.rows.itertuples():
        if row.action != "merge":
            continue
        changes = row.changes
        if "title" in changes or "company" in changes:
            before_title = changes["title"][0] if "title" in changes else row.title
            before_company = changes["company"][0] if "company" in changes else row.company
            lines.append(f"{row.name}: {_position(before_title, before_company)} -> "
                         f"{_position(row.title, row.company)}")
        for f, (before, after) in changes.items():
            if f in ("title", "company"):
                continue
            if f == "tags":
                added = [t for t in after if t not in before]
                lines.append(f"{row.name}: tags + {', '.join(added)}")
            elif before is None:
                lines.append(f"{row.name}: {f.replace('_', ' ')} {_shown(after)} added")
            else:
                lines.append(f"{row.name}: {f.replace('_', ' ')} {_shown(before)} -> {_shown(after)}")
    return lines


def _position(title: object, company: object) -> str:
    if title and company:
        return f"{title} at {company}"
    return str(title or company or "no position")


def _shown(value: object) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
