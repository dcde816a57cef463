"""Deciding, for incoming contacts against stored ones, which to add, merge, skip or flag as ambiguous.

Rules, in order: same email, then same LinkedIn profile, then a name *and* an employer that agree (engine.identity
says how names and employers compare: nicknames, transliterations, lost letters, company and email-domain forms).
A name alone never merges: a name with another or a missing employer is "ambiguous", with its evidence.
A merge fills empty fields, takes the newer company/title/email/phone/URL, unions tags, never touches
a field the user typed by hand (manual_fields) and never replaces a value with an empty one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from engine.fields import CONTACT_FIELDS, STORED_FIELDS
from engine.identity import COMPANY_THRESHOLD as COMPANY_THRESHOLD
from engine.identity import (
    Card,
    CardIndex,
    Finding,
    _company_keys,
    _email_key,
    _missing,
    _name_keys,
    _name_words,
    _url_keys,
    compare,
    make_cards,
)
from engine.identity import normalise_companies as normalise_companies
from engine.identity import normalise_company as normalise_company
from engine.identity import normalise_email as normalise_email
from engine.identity import normalise_linkedin_url as normalise_linkedin_url
from engine.identity import normalise_name as normalise_name
from engine.identity import same_company as same_company

ACTIONS = ("add", "merge", "skip", "ambiguous")
# How each field merges when both sides hold a value: "newer" takes the incoming one, "keep" the stored one (an
# empty field is filled either way), "union" keeps every value of both, and "position" (the title and company)
# takes the incoming one only from a source that outranks the stored one's (see outranks).
FIELD_RULES = {"full_name": "keep", "first_name": "keep", "last_name": "keep", "email": "keep",
               "phone": "keep", "emails": "union", "phones": "union", "company": "position",
               "title": "position", "linkedin_url": "newer", "notes": "keep", "tags": "union",
               "tie_strength": "keep", "connected_on": "keep"}
POSITION_FIELDS = ("title", "company")


@dataclass(frozen=True)
class Source:
    """Where an import's rows come from: the file's format and, for a LinkedIn export, its date (the newest
    'Connected On' in it: the export is at least that fresh). LinkedIn is the authority on current title and
    company; an address book only fills gaps."""
    format: str = "linkedin"
    on: dt.date | None = None

    @classmethod
    def of(cls, fmt: str, contacts: pd.DataFrame) -> Source:
        if fmt != "linkedin" or "connected_on" not in contacts:
            return cls(fmt)
        days = contacts["connected_on"].dropna()  # dates already (the readers parse them): no re-parsing a million
        newest = days.max() if len(days) else None
        return cls(fmt, None if newest is None or pd.isna(newest) else _as_date(newest))


def outranks(source: Source, stored_from: str | None, stored_on: dt.date | None) -> bool:
    """Whether a title and company from `source` replace stored ones from (stored_from, stored_on): a LinkedIn
    export replaces anything but a LinkedIn export at least as fresh; an address book never replaces (it fills)."""
    if source.format != "linkedin":
        return False
    if stored_from != "linkedin":
        return True
    return source.on is not None and (stored_on is None or source.on > stored_on)


@dataclass
class MergePlan:
    rows: pd.DataFrame
    counts: dict[str, int]


# ---- planning --------------------------------------------------------------------------------------------

_FIELDS = tuple(FIELD_RULES)
_STATE = (*_FIELDS, "position_from", "position_on")  # what a contact carries from row to row within one file
_PLANNED = (*_STATE, "email", "linkedin_url")  # every column of the stored contacts planning reads


def plan_merge(incoming: pd.DataFrame, existing: pd.DataFrame | Directory, source: Source = Source(),
               known: Mapping[str, int] | None = None) -> MergePlan:
    """One row per incoming contact (same index) saying what importing it would do, and why.

    Rows are meant to be applied in order: `changes` are relative to the contact as earlier rows left it.
    `source` says where the rows come from (Source.of the file): it decides whether a title and company replace
    the stored ones; the default is an authoritative file of unknown date. `known` maps source rows imported
    before (their raw text) to the contact they reached: the same row always reaches the same person, so a
    file imported again changes nothing even after that person moved on or was merged.
    Extra columns beside the documented five: `same_as` (index label of the earlier incoming row this one
    repeats, when that row is itself an "add"), and `name`, `title`, `company` as they will read afterwards;
    `evidence` and `strength`, tuples beside `candidates` (one item per candidate, empty otherwise): why that
    stored contact may be this person, in plain words ("same first name as a nickname (Michael ~ Mike), same
    last name, company 'Stripe Inc.' ~ 'Stripe'"), and how strongly, 0-1 (engine.identity.Finding.strength).

    Who is who (engine.identity.RULES): same email, then same LinkedIn URL, then names and employers. Names
    match exactly, through a nickname, a transliteration, a letter lost to an encoding or an initial; a name
    merges only with an employer that agrees (company, or email domain ~ company) and when no other stored
    contact agrees as well; otherwise the row is "ambiguous", its candidates strongest first.
    """
    directory = existing if isinstance(existing, Directory) else Directory(existing)
    stored, manual, position = directory.stored, directory.manual, directory.position
    no_lock: set[str] = set()
    by_email, by_url = directory.by_email, directory.by_url
    people: _People | None = None  # names and employers, built on first need: LinkedIn re-imports match by URL

    values = _Columns(incoming)
    values.source = source
    url_keys = _url_keys(values["linkedin_url"])
    name_keys: list | None = None  # names are normalised on first need, like by_name
    company_keys: list = [None] * len(incoming)
    rows = incoming["row"].tolist() if "row" in incoming else list(range(1, len(incoming) + 1))
    n = len(incoming)
    # rows that meet no one share one empty list and dict (a million rows, no millions of objects): only a row in
    # `rest` below gets a dict of its own to fill
    no_candidates: list[int] = []
    no_changes: dict[str, list] = {}
    action, contact_id, candidates = ["add"] * n, [None] * n, [no_candidates] * n
    reason, changes, same_as = ["new contact"] * n, [no_changes] * n, [None] * n
    evidence: dict[int, tuple[str, ...]] = {}  # row -> one line per candidate (only rows with candidates)
    strength: dict[int, tuple[float, ...]] = {}
    recognised = [False] * n  # matched by a name said differently: a skip keeps saying why
    targets: list[object] = [None] * n
    first_row: dict[object, int] = {}  # target -> position of the first incoming row that reached it
    seen: dict[tuple[str, str], object] = {}  # ("email"|"url"|"name", key) -> target, within this file

    # 0. Rows no other row or stored contact can match (every key unique and unknown) are new: decided in bulk.
    email_keys = [v and _email_key(v) for v in values["email"]]
    raws = incoming["raw"].tolist() if known and "raw" in incoming else [None] * n
    reached = [known[r] if r is not None and known.get(r) in position else None for r in raws] if known \
        else [None] * n
    unknown = [i for i, (email, url, contact) in enumerate(zip(email_keys, url_keys, reached, strict=True))
               if contact is None and email not in by_email and url not in by_url]  # None is no key of either
    lonely: set[int] = set()
    if unknown:
        people = _People(directory, values, email_keys, url_keys)
        name_keys, company_keys = people.name_keys, people.company_keys
        pairs = [f"{a}|{b}" if a and b else None for a, b in zip(name_keys, company_keys, strict=True)]
        keys = _repeated(email_keys + url_keys)  # one pool, as one key may be written as either
        alone = ~(keys[:n] | keys[n:] | _repeated(pairs))
        alone[np.setdiff1d(np.arange(n), unknown, assume_unique=True)] = False
        lonely = set(np.flatnonzero(alone).tolist())
        if people.index is not None:
            lonely = {i for i in lonely if not people.near(i)}
        # lonely rows need no target: no other row can reach them (their keys are their own)
    # A row imported before changes nothing again: it already reached its contact, whatever happened since.
    again = [i for i in range(n) if reached[i] is not None]
    if again:
        shown_stored = {f: stored[f] for f in ("full_name", "title", "company")}
    for i in again:
        action[i], contact_id[i], reason[i] = "skip", reached[i], "no change"
    done = lonely.union(again)
    rest = [i for i in range(n) if i not in done]  # rows that may meet a stored contact or another row
    for i in rest:
        changes[i] = {}

    # 1. Who is who: dictionary look-ups only.
    for i in rest:
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
        exact: list[int] = []  # candidates a row that changes nothing may simply be (a re-import)
        if found:
            exact = found
            evidence[i], strength[i] = (why.split(" as ")[0],) * len(found), (1.0,) * len(found)
        if target is None and not found:
            if people is None:
                people = _People(directory, values, email_keys, url_keys)
                name_keys, company_keys = people.name_keys, people.company_keys
                name, company = name_keys[i], company_keys[i]
                for k in range(i):  # rows before this one are known by name from now on too
                    if targets[k] is not None and name_keys[k] and company_keys[k]:
                        seen.setdefault(("name", f"{name_keys[k]}|{company_keys[k]}"), targets[k])
            findings = people.findings(i, position)
            if findings:
                target, why, chosen = _by_identity(findings, values["company"][i],
                                                   {cid: stored["company"][position[cid]] for cid, _ in findings})
                found = [cid for cid, _ in chosen]
                exact = [cid for cid, f in chosen if f.tier == "same"]
                recognised[i] = any(cid == target and f.tier != "same" for cid, f in findings)
                evidence[i], strength[i] = tuple(f.evidence for _, f in chosen), tuple(f.strength for _, f in chosen)
            elif company and ("name", f"{name}|{company}") in seen:
                target, why = seen[("name", f"{name}|{company}")], "same name and company"
                if url is not None and url_keys[target[1] if isinstance(target, tuple) else first_row[target]] \
                        not in (None, url):
                    target, why = None, ""
        if found:
            # Nothing to decide when the row would change nothing on one of them (a re-import).
            new = {f: values[f][i] for f in _FIELDS}
            unchanged = [cid for cid in exact
                         if not _changes({f: stored[f][position[cid]] for f in _FIELDS}, new, manual[position[cid]])]
            if not unchanged:
                action[i], candidates[i], reason[i] = "ambiguous", found, why
                continue
            target, why = unchanged[0], "no change"
            evidence.pop(i, None)
            strength.pop(i, None)
        if target is None:
            target = ("new", i)
        elif target in first_row:
            why = f"already in this file (row {rows[first_row[target]]})"
        targets[i], reason[i] = target, why or reason[i]
        first_row.setdefault(target, i)
        _remember(seen, target, email, url, name, company)

    # 2. What changes: column by column for each contact's first row, then in order for repeats.
    state: dict[object, dict] = {}  # target -> the contact as earlier rows leave it (only when reached again)
    repeated = {targets[i] for i in rest if targets[i] is not None and first_row[targets[i]] != i}
    firsts = [i for i in rest if targets[i] in position and first_row[targets[i]] == i]
    _first_changes(firsts, [position[targets[i]] for i in firsts], values, stored, manual, changes, source)
    shown = {f: values[f][:] for f in ("full_name", "title", "company")}  # the contact after this row
    for i in again:
        for f in shown:
            shown[f][i] = shown_stored[f][position[reached[i]]]
    for i in rest:
        target = targets[i]
        if target is None:
            continue
        first = first_row[target] == i
        if target in repeated:
            if first:
                origin = stored if target in position else values
                row = position.get(target, i)
                state[target] = {f: origin[f][row] for f in _STATE}
            else:
                locked = manual[position[target]] if target in position else no_lock
                changes[i] = _changes(state[target], {f: values[f][i] for f in _FIELDS}, locked, source)
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
                reason[i] = f"no change: {reason[i]}" if recognised[i] else "no change"
    frame = pd.DataFrame({
        "action": action, "contact_id": contact_id, "candidates": candidates, "reason": reason,
        "changes": changes, "same_as": same_as,
        "name": shown["full_name"], "title": shown["title"], "company": shown["company"],
        "evidence": _spread(evidence, n), "strength": _spread(strength, n),
    }, index=incoming.index, dtype=object)
    frame["contact_id"] = pd.array(contact_id, dtype="Int64")
    counts = {a: action.count(a) for a in ACTIONS}
    return MergePlan(frame, counts)


def _first_changes(rows: list[int], positions: list[int], values: dict, stored: dict, manual: list[set],
                   changes: list[dict], source: Source) -> None:
    """_changes for many (incoming row, stored contact) pairs at once, one field at a time."""
    ranks: dict[int, bool] = {}  # stored contact -> whether this source outranks its title and company
    for f, rule in FIELD_RULES.items():
        new = [values[f][i] for i in rows]
        old = [stored[f][p] for p in positions]
        if rule == "keep":
            hits = [k for k, (a, b) in enumerate(zip(old, new, strict=True)) if a is None and b is not None]
        elif rule in ("newer", "position"):
            differ = [k for k, (a, b) in enumerate(zip(old, new, strict=True)) if b is not None and a != b]
            if f == "company":  # one pass over the distinct names, not one per pair
                distinct = list({v for k in differ for v in (old[k], new[k]) if v is not None})
                key = dict(zip(distinct, _company_keys(distinct), strict=True))
                hits = [k for k in differ if old[k] is None or key[old[k]] != key[new[k]]]
            else:
                hits = [k for k in differ if old[k] is None or not _same(f, old[k], new[k])]
            if rule == "position":
                for k in hits:
                    if positions[k] not in ranks:
                        p = positions[k]
                        ranks[p] = outranks(source, stored["position_from"][p], stored["position_on"][p])
                hits = [k for k in hits if old[k] is None or ranks[positions[k]]]
        else:
            hits = [k for k, (a, b) in enumerate(zip(old, new, strict=True)) if b and not set(b) <= set(a)]
        for k in hits:
            if f in manual[positions[k]]:
                continue
            if rule == "union":
                change = _changes({f: old[k]}, {f: new[k]}, set(), source, fields={f: rule})
                changes[rows[k]].update(change)
            else:
                changes[rows[k]][f] = [old[k], new[k]]


def _repeated(keys: list) -> np.ndarray:
    """Whether each key (None for none) occurs more than once in the list."""
    column = pd.Series(keys, dtype=object)
    return (column.notna() & column.duplicated(keep=False)).to_numpy(dtype=bool)


def _spread(values: dict[int, tuple], n: int) -> list[tuple]:
    """A column from the few rows that have values; the rest share one empty tuple (a million rows, no lists)."""
    column: list[tuple] = [()] * n
    for i, v in values.items():
        column[i] = v
    return column


class Directory:
    """What planning an import needs from the stored contacts: their values as plain lists, who has which email
    and LinkedIn URL and, built on first need, their names and employers as identity cards. One upload of several
    files keeps one directory and extends it with each file's new people (provisional negative ids), so a large
    store is indexed once per upload, not once per file."""

    def __init__(self, existing: pd.DataFrame):
        ex = existing.sort_values("id", kind="stable") if len(existing) else existing
        self.ids: list[int] = [int(i) for i in ex["id"]] if len(ex) else []
        self.stored = _Columns(ex)
        no_lock: set[str] = set()
        self.manual: list[set] = ([set(v) if (v := _as_list(m)) else no_lock for m in ex["manual_fields"]]
                                  if "manual_fields" in ex else [no_lock] * len(self.ids))
        self.position = {cid: i for i, cid in enumerate(self.ids)}
        self.emails = [v and _email_key(v) for v in self.stored["email"]]
        self.by_email = _index(self.ids, self.emails)
        self.urls = _url_keys(self.stored["linkedin_url"])
        self.by_url = _index(self.ids, self.urls)
        self._names: tuple[dict, list[Card], CardIndex] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def names(self) -> tuple[dict[str, list[int]], list[Card], CardIndex]:
        """(name key -> ids, one identity card per contact, the index over those cards), built once."""
        if self._names is None:
            self._names = self._cards(self.ids, self.stored, self.emails, self.urls)
        return self._names

    @staticmethod
    def _cards(ids, stored, emails, urls) -> tuple[dict[str, list[int]], list[Card], CardIndex]:
        words = _name_words(stored["full_name"])
        keys = _name_keys(words=words)
        cards = make_cards(stored["full_name"], stored["company"], emails, urls, words,
                           _company_keys(stored["company"]), keys)
        return _index(ids, keys), cards, CardIndex(cards)

    def prepared(self) -> Directory:
        """This directory with every column planning reads and the identity cards built now, not on first need
        (for one kept to plan many uploads on, each on a fork()). Returns itself."""
        for f in _PLANNED:
            self.stored[f]
        self.names()
        return self

    def fork(self) -> Directory:
        """A copy to plan on: extend() and refresh() change the copy, never this directory. It shares what neither
        changes in place (the frame, the cards, the values in the columns); copying the containers is a few
        milliseconds at 30,000 contacts, building them half a second."""
        copy = Directory.__new__(Directory)
        copy.ids, copy.position = self.ids.copy(), self.position.copy()
        copy.stored = self.stored.fork()
        copy.manual, copy.emails, copy.urls = self.manual.copy(), self.emails.copy(), self.urls.copy()
        copy.by_email, copy.by_url = dict(self.by_email), dict(self.by_url)  # their lists are never changed
        if self._names is None:
            copy._names = None
        else:
            by_name, cards, index = self._names
            copy._names = (dict(by_name), cards.copy(), index.fork())
        return copy

    def extend(self, frame: pd.DataFrame) -> None:
        """Add contacts (shaped like stored ones, ids unused so far) after those already here."""
        more = Directory(frame)
        for cid in more.ids:
            self.position[cid] = len(self.ids)
            self.ids.append(cid)
        for f, column in self.stored.items():
            column.extend(more.stored[f])
        self.stored.frame = pd.concat([self.stored.frame, more.stored.frame], ignore_index=True) \
            if len(self.stored.frame) else more.stored.frame
        self.manual += more.manual
        self.emails += more.emails
        self.urls += more.urls
        # a key's list is replaced, never changed in place: a fork shares these lists with the directory forked
        for index, added in ((self.by_email, more.by_email), (self.by_url, more.by_url)):
            for key, found in added.items():
                index[key] = index.get(key, []) + found
        if self._names is not None:
            by_name, cards, index = self._names
            more_by_name, more_cards, _ = more.names()
            for key, found in more_by_name.items():
                by_name[key] = by_name.get(key, []) + found
            cards += more_cards
            index.add(more_cards)


    def refresh(self, frame: pd.DataFrame) -> None:
        """Contacts written since the directory was made (Store.contacts_by_id after an import): those it holds take
        their new values, new ones are added. An old email, URL or name key of a changed contact stays filed: a
        key only proposes whom to compare, the comparison reads the new values."""
        if frame.empty:
            return
        held = frame["id"].astype("int64").isin(list(self.position)).to_numpy(dtype=bool)
        if (~held).any():
            self.extend(frame[~held])
        if not held.any():
            return
        more = Directory(frame[held])
        for f in _PLANNED:  # so the frame is not read again
            self.stored[f]
        spots = [self.position[cid] for cid in more.ids]
        for f, column in self.stored.items():
            for p, value in zip(spots, more.stored[f], strict=True):
                column[p] = value
        for k, p in enumerate(spots):
            self.manual[p], self.emails[p], self.urls[p] = more.manual[k], more.emails[k], more.urls[k]
        indexes = [(self.by_email, more.by_email), (self.by_url, more.by_url)]
        if self._names is not None:
            by_name, cards, index = self._names
            more_by_name, more_cards, _ = more.names()
            indexes.append((by_name, more_by_name))
            for p, card in zip(spots, more_cards, strict=True):
                cards[p] = card
                index.refile(p, card)
        for index, added in indexes:  # replaced, not changed in place (extend)
            for key, found in added.items():
                have = index.get(key, [])
                index[key] = have + [cid for cid in found if cid not in have]


class _People:
    """Incoming contacts as engine.identity cards beside the directory's, to find who may be whom."""

    def __init__(self, directory: Directory, values: dict, email_keys: list, url_keys: list):
        incoming_words = _name_words(values["full_name"])
        self.name_keys, self.company_keys = _name_keys(words=incoming_words), _company_keys(values["company"])
        self.ids = directory.ids
        self.by_name: dict[str, list[int]] = {}
        self.stored: list[Card] = []
        self.cards: list[Card] = []
        self.index: CardIndex | None = None
        self._near: dict[int, list[int]] = {}
        if self.ids:  # nothing stored, nobody to find: skip the cards
            self.by_name, self.stored, self.index = directory.names()
            self.cards = make_cards(values["full_name"], values["company"], email_keys, url_keys, incoming_words,
                                    self.company_keys, self.name_keys)

    def near(self, i: int) -> list[int]:
        """Ids of stored contacts that may be incoming row i (to compare, not yet compared)."""
        if self.index is None:
            return []
        if i not in self._near:
            found = {self.ids[p] for p in self.index.candidates(self.cards[i])}
            found.update(self.by_name.get(self.name_keys[i], ()) if self.name_keys[i] else ())
            self._near[i] = sorted(found)
        return self._near[i]

    def findings(self, i: int, position: dict[int, int]) -> list[tuple[int, Finding]]:
        """(id, finding) for each stored contact that may be incoming row i, strongest first."""
        card = self.cards[i] if self.cards else None
        found = [(cid, f) for cid in self.near(i) if (f := compare(self.stored[position[cid]], card)) is not None]
        return sorted(found, key=lambda c: (-c[1].points, c[0]))


def _by_identity(findings: list[tuple[int, Finding]], raw_company: str | None, companies: dict[int, str | None]
                 ) -> tuple[int | None, str, list[tuple[int, Finding]]]:
    """Merge into the one contact the rules allow a merge with; otherwise ask about those that may be this person."""
    mergeable = [c for c in findings if c[1].action == "merge"]
    if len(mergeable) == 1:
        return mergeable[0][0], mergeable[0][1].evidence, []
    chosen = mergeable or findings
    return None, _reason(chosen, raw_company, companies), chosen


def _reason(chosen: list[tuple[int, Finding]], raw_company: str | None, companies: dict[int, str | None]) -> str:
    """One line for an ambiguous row: its one candidate's evidence, or what its candidates have in common."""
    if len(chosen) == 1:
        return chosen[0][1].evidence
    found = [f for _, f in chosen]
    if any(f.tier != "same" for f in found):
        return f"may be one of {len(found)} contacts; closest: {found[0].evidence}"
    if all(f.action == "merge" for f in found):
        what = "company" if all(f.employer == "same" for f in found) else "employer"
        return f"same name and {what} as {len(found)} contacts"
    theirs = [companies[cid] for cid, _ in chosen]
    if raw_company is None or None in theirs:
        return "same name, company missing on one side"
    shown = ", ".join(dict.fromkeys(f"'{c}'" for c in theirs))
    return f"same name, different company ({shown} vs '{raw_company}')"


def _changes(old: dict, new: dict, locked: set[str], source: Source = Source(),
             fields: dict[str, str] = FIELD_RULES) -> dict[str, list]:
    """field -> [old, new] for what merging `new` into `old` would change."""
    changes = {}
    for f, rule in fields.items():
        after = new[f]
        if f in locked or after is None or (rule == "union" and not after):
            continue
        before = old[f]
        if rule == "union":
            key = _UNION_KEYS.get(f, str.casefold)
            have = {key(t) for t in before or []}
            added = [t for t in dict.fromkeys(after) if key(t) not in have]
            if added:
                changes[f] = [before or [], [*(before or []), *added]]
        elif before is None or (rule == "newer" and not _same(f, before, after)) or (
                rule == "position" and not _same(f, before, after)
                and outranks(source, old.get("position_from"), old.get("position_on"))):
            changes[f] = [before, after]
    return changes


def _phone_key(v: object) -> str:
    """A phone number by its digits: '+1 (555) 010-0' is '+1 555 0100'."""
    return re.sub(r"\D", "", str(v)) or str(v).strip()


_SAME = {
    "email": normalise_email,
    "linkedin_url": normalise_linkedin_url,
    "company": lambda v: _company_key_cached(str(v)),
    "title": lambda v: " ".join(str(v).casefold().split()),
    "phone": _phone_key,
}
# list fields compare their items as the single fields do: another spelling of a number is no new number
_UNION_KEYS = {"emails": lambda v: normalise_email(v) or v, "phones": _phone_key}


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
    """Columns as plain Python lists, each converted on first use: a million new rows need only four. Rows of
    a file (with a `source`) take their title's provenance from it; every email and phone list derives from
    the single field where a frame has none."""

    def __init__(self, frame: pd.DataFrame):
        super().__init__()
        self.frame = frame
        self.source: Source | None = None

    def fork(self) -> _Columns:
        """The same columns in lists of their own (Directory.fork)."""
        copy = _Columns(self.frame)
        copy.source = self.source
        copy.update((f, column.copy()) for f, column in self.items())
        return copy

    def __missing__(self, field: str) -> list:
        if field in ("position_from", "position_on") and self.source is not None:
            value = self.source.format if field == "position_from" else self.source.on
            self[field] = [value] * len(self.frame)
        elif field in ("emails", "phones") and field not in self.frame:
            self[field] = [[v] if v is not None else [] for v in self[field[:-1]]]
        else:
            self[field] = _column(self.frame, field)
        return self[field]


def _column(frame: pd.DataFrame, field: str) -> list:
    """A column as plain Python values: None for missing, lists for tags, dates for dates, stripped text."""
    if field not in frame:
        return [[] if field == "tags" else None] * len(frame)
    column = frame[field]
    if field in ("emails", "phones"):
        return [_as_list(v) for v in column.tolist()]
    if field == "position_on":
        return [_as_date(v) for v in column.tolist()]
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
    if isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow":
        # the same steps in Arrow directly (what pandas' str.strip runs on this storage): 0.05 ms for a file of a
        # few rows instead of 0.8 ms through pandas, which an upload of many small files paid per column and file
        trimmed = pc.utf8_trim_whitespace(pa.array(column.array))
        return pc.if_else(pc.equal(trimmed, ""), None, trimmed).to_pylist()
    text = column.astype("string").str.strip()
    values = text.to_numpy(dtype=object, na_value=None)
    values[(text == "").fillna(True).to_numpy(dtype=bool)] = None
    return values.tolist()


def _as_list(v: object) -> list:
    if isinstance(v, list):
        return v
    if isinstance(v, np.ndarray):  # a stored VARCHAR[]: its items are text already
        return v.tolist()
    if isinstance(v, tuple):
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
    merged = plan.rows[plan.rows["action"] == "merge"]  # a first import merges nothing
    return [line for row in merged.itertuples() for line in row_changes(row)]


def row_changes(row) -> list[str]:
    """One merged row's change lines; a new position (title or company) comes first."""
    lines, changes = [], row.changes
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
        elif f in ("emails", "phones"):  # said once: a first email is "email ... added" above or below
            added = [v for v in after if v not in before and v != changes.get(f[:-1], (None, None))[1]]
            if added:
                lines.append(f"{row.name}: another {f[:-1]} {_shown(', '.join(added))} kept")
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


# -- what an import writes ---------------------------------------------------------------------------------
# engine.store writes what these decide, in one transaction per file.


AMBIGUOUS_CHOICES = ("review", "add", "skip")  # or a stored contact's id: "the same person as"


def decide(plan: pd.DataFrame, decisions: dict) -> pd.DataFrame:
    """The plan with the user's choices on ambiguous rows applied; every readable row is kept by default.

    Per ambiguous row: "review" (the default) adds the person and lists them with each candidate as possibly the
    same person; "add" adds them as a different person, for good (those pairs are never asked again); "skip"
    leaves the row out; a stored contact's id merges the row into that contact. Adds columns `review` and
    `apart` (the candidates to pair the new contact with) and `evidence` (why they may be one person).
    """
    actions = plan[["action", "contact_id", "changes", "same_as"]].copy()
    actions["contact_id"] = actions["contact_id"].astype(object).where(actions["contact_id"].notna(), None)
    none = ()  # one shared empty value: most rows of a large file pair with nobody
    for column in ("review", "apart"):
        actions[column] = pd.Series([none] * len(actions), index=actions.index, dtype=object)
    actions["evidence"] = plan.get("reason")
    for index in actions.index[actions["action"] == "ambiguous"]:
        choice = decisions.get(index, "review")
        candidates = [int(c) for c in plan.at[index, "candidates"] if int(c) > 0]
        if choice in ("review", "add"):
            actions.at[index, "action"] = "add"
            actions.at[index, "review" if choice == "review" else "apart"] = candidates
        elif choice == "skip":
            actions.at[index, "action"] = "skip_decided"
        else:
            actions.at[index, "action"], actions.at[index, "contact_id"] = "merge_into", int(choice)
    return actions


def resolve(incoming: pd.DataFrame, actions: pd.DataFrame, existing: pd.DataFrame, source: Source = Source()):
    """What to write: new contacts (a frame of STORED_FIELDS), updates {contact_id: {field: new value}}, and the
    owner of every incoming row that reached a contact: a stored id, or -(position in new, 1-based)."""
    act = actions["action"]
    new = incoming.loc[act == "add", list(CONTACT_FIELDS)].copy()
    none: list[str] = []  # shared by every contact without one: a million rows, no million empty lists
    for field in ("email", "phone"):
        new[f"{field}s"] = _single_lists(new[field], none)
    titled = new["title"].notna() | new["company"].notna()
    new["position_from"] = pd.Series(source.format, index=new.index, dtype=object).where(titled, None)
    new["position_on"] = pd.Series(source.on, index=new.index, dtype=object).where(titled, None)
    # owners in this order: new contacts, rows linked to a stored one, then repeats and "same as" choices below
    added = pd.Series(np.arange(-1, -len(new) - 1, -1, dtype="int64"), index=new.index)
    linked = actions["contact_id"].notna() & act.isin(["merge", "skip"])
    owner: dict = {}
    updates: dict[int, dict] = {}
    merged = linked & (act == "merge")
    for contact_id, changes in zip(actions.loc[merged, "contact_id"], actions.loc[merged, "changes"], strict=True):
        if changes:
            updates.setdefault(int(contact_id), {}).update({f: plain(v) for f, (_, v) in changes.items()})
            if any(f in changes for f in POSITION_FIELDS):  # they remember where they now come from
                updates[int(contact_id)] |= {"position_from": source.format, "position_on": source.on}
    # repeats of a row this file adds fold into that new contact
    repeats = actions[actions["same_as"].notna() & ~linked & (act != "add")]
    overrides: dict[object, dict] = {}
    folded_into = new.index.get_indexer(repeats["same_as"]) if len(repeats) else []
    for index, same_as, changes, at in zip(repeats.index, repeats["same_as"], repeats["changes"], folded_into,
                                           strict=True):
        if at >= 0:
            owner[index] = -(at + 1)
            overrides.setdefault(same_as, {}).update({f: plain(v) for f, (_, v) in changes.items()})
    stored = existing.set_index("id")
    for index, contact_id in actions.loc[act == "merge_into", "contact_id"].items():  # the user's "same as" choices
        if contact_id not in stored.index:
            continue
        owner[index] = contact_id
        manual = set(stored.at[contact_id, "manual_fields"])
        fill = {f: plain(v) for f, v in incoming.loc[index, list(CONTACT_FIELDS)].items()
                if f not in manual and jsonable(stored.at[contact_id, f]) is None and jsonable(v) is not None}
        for field in ("email", "phone"):  # the same person's other address or number is kept beside theirs
            have = list(plain(stored.at[contact_id, f"{field}s"]) or []) if f"{field}s" in stored else \
                _as_list(stored.at[contact_id, field])
            more = plain(incoming.at[index, field])
            if more and more not in have:
                fill[f"{field}s"] = [*have, more]
        if fill:
            updates.setdefault(contact_id, {}).update(fill)
    if overrides:
        new = new.astype(object)
        for index, fields in overrides.items():
            for field, value in fields.items():
                new.at[index, field] = value
    owners = pd.concat([added, actions.loc[linked, "contact_id"].astype("int64"),
                        pd.Series(list(owner.values()), index=list(owner), dtype="int64")])
    return new.reset_index(drop=True), updates, owners


def _single_lists(column: pd.Series, none: list) -> list:
    """[text] for each non-blank text in the column, the shared `none` for the rest."""
    lists = [none] * len(column)
    if len(column):
        values = column.tolist()
        for k in np.flatnonzero(column.notna().to_numpy(dtype=bool)).tolist():
            if isinstance(values[k], str) and values[k].strip():
                lists[k] = [values[k]]
    return lists


def jsonable(value):
    """A cell as JSON-able plain data (dates as ISO text, missing as None)."""
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v) for v in value]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()[:10]
    if isinstance(value, np.integer | int) and not isinstance(value, bool):
        return int(value)
    return str(value)



def plain(value):
    """A cell as plain Python for a DuckDB parameter: arrays as lists, any missing value as None."""
    if isinstance(value, np.ndarray):
        return list(value)
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    return value


def combine_contacts(kept: dict, other: dict) -> dict:
    """What merging `other` into `kept` changes in `kept`, as {field: new value}: an empty field takes the other's
    value; tags and hand-edited fields are joined; notes and conversation notes are both kept; the stronger tie
    and the earlier connection date win. On a conflict otherwise `kept` keeps its own value."""
    updates = {}
    for f in (*STORED_FIELDS, "prep_notes", "referred_by"):
        mine, theirs = plain(kept.get(f)), plain(other.get(f))
        if _blank(theirs):
            continue
        if f in ("tags", "emails", "phones"):
            joined = list(dict.fromkeys([*(mine or []), *theirs]))
            if joined != list(mine or []):
                updates[f] = joined
        elif _blank(mine):
            updates[f] = theirs
        elif f in ("notes", "prep_notes") and str(theirs).strip() not in str(mine):
            updates[f] = f"{mine}\n{theirs}"
        elif f == "tie_strength" and int(theirs) > int(mine):
            updates[f] = int(theirs)
        elif f == "connected_on" and pd.Timestamp(theirs) < pd.Timestamp(mine):
            updates[f] = theirs
    mine = list(plain(kept.get("manual_fields")) or [])
    manual = list(dict.fromkeys([*mine, *(plain(other.get("manual_fields")) or [])]))
    if manual != mine:
        updates["manual_fields"] = manual
    return updates


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, list) and not value)
