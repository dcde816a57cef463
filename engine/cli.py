"""`unstuck`: the command line over the same engine and store as the app, for scripting and batch work.

Every command takes --db PATH (default: $UNSTUCK_DB, else data/unstuck.duckdb). Machine-readable output goes
to standard output; messages for people go to standard error.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import stat
import sys
from collections.abc import Iterator
from datetime import date, datetime
from json.encoder import encode_basestring
from pathlib import Path
from typing import NamedTuple, NoReturn

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from engine.profile import LEVELS, ProfileError, make_profile, parse_level_range
from engine.store import Store, StoreError, default_path

EXIT_USAGE = 2
MAX_CHANGE_LINES = 25


def _store(args) -> Store:
    return Store(args.db or default_path())


def cmd_demo(args) -> int:
    from engine.demo import demo_dataset, demo_profile

    with _store(args) as store:
        if args.remove:
            store.remove_demo()
            print(f"Removed the demo data from {store.path}.", file=sys.stderr)
            return 0
        if args.if_empty and store.holds_data():
            print(f"{store.path} already holds data; demo not loaded.", file=sys.stderr)
            return 0
        if store.holds_data(own=True) and not args.force:
            print(f"{store.path} holds your own contacts or history; the demo would mix into them. "
                  "Use --force to load it anyway, or choose another store with --db.", file=sys.stderr)
            return 1
        data = demo_dataset(today=date.today(), seed=args.seed)
        store.load_demo(data, demo_profile())
        print(f"Loaded the demo: {len(data['contacts'])} invented contacts, {len(data['events'])} outreach "
              f"events, {len(data['practice'])} practice interviews into {store.path}. "
              "Remove it with `unstuck demo --remove`.", file=sys.stderr)
    return 0


def cmd_target(args) -> int:
    with _store(args) as store:
        old = store.load_profile()
        base = old.to_dict() if old else {}
        fields = {"target_role": args.role, "target_level": args.level, "industries": args.industry,
                  "companies": args.company, "keywords": args.keyword, "hr_target": args.hr_target,
                  "my_name": args.my_name, "my_role": args.my_role, "my_background": args.my_background}
        fields |= _target_words(args)
        try:
            profile = make_profile(**(base | {k: v for k, v in fields.items() if v is not None}))
        except ProfileError as e:
            for name, message in e.errors.items():
                print(f"unstuck target: {name}: {message}", file=sys.stderr)
            return EXIT_USAGE
        store.save_profile(profile)
    print(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2))
    return 0


def _target_words(args) -> dict:
    """The target in the user's own words from `unstuck target`: several --role titles (or "A; B"), a
    --level-range, --adjacent roles. A --role replaces the stored titles; a --level alone is a single level."""
    fields: dict = {}
    if args.role is not None:
        fields |= {"target_role": "; ".join(args.role), "role_aliases": ()}
    if args.level is not None:
        fields["level_high"] = ""
    if args.level_range is not None:
        fields["target_level"], fields["level_high"] = parse_level_range(args.level_range)
    if args.adjacent is not None:
        fields["adjacent_roles"] = "; ".join(args.adjacent)
    return fields


def cmd_profile(args) -> int:
    with _store(args) as store:
        profile = store.load_profile()
    if profile is None:
        print("No profile yet: set one with `unstuck target --role ...`.", file=sys.stderr)
        if args.json:
            print("null")
        return 1
    if args.json:
        print(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"Target: {profile.target_role} ({profile.level_words()})"
              + (" in HR/recruiting" if profile.hr_target else ""))
        for label, items in (("Also called", profile.role_aliases), ("Adjacent roles", profile.adjacent_roles)):
            if items:
                print(f"{label}: {'; '.join(items)}")
        for label, items in (("Industries", profile.industries), ("Keywords", profile.keywords)):
            print(f"{label}: {', '.join(items) or '-'}")
        print("Companies: " + (", ".join(f"{c.name} ({c.motivation}/5)" for c in profile.companies) or "-"))
        print(f"Weekly goal: {profile.weekly_goal} outreaches; reward: {profile.reward or '-'} "
              f"every {profile.reward_every}")
        print(f"You: {profile.my_name or '-'}; now {profile.my_role or '-'}; background: "
              f"{profile.my_background or '-'}")
    return 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _mapping(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise SystemExit(f"unstuck import: --map takes field=column, not {pair!r}")
        mapping[name.strip()] = column.strip()
    return mapping


def _read_file(path: Path, max_bytes: int) -> bytes:
    """A regular file's bytes; ImportFileError for a pipe, device or folder (reading those could block or never
    end) and for a file over the size limit, before anything is read."""
    from engine.readers import ImportFileError

    # O_NONBLOCK: opening a named pipe that nobody writes to would otherwise wait forever
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe" if stat.S_ISFIFO(info.st_mode)
                    else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "a socket")
            raise ImportFileError(path.name, f"this is {kind}, not a file; only regular files are imported")
        if info.st_size > max_bytes:
            raise ImportFileError(path.name, f"file is {info.st_size / 2**20:.3g} MB; the limit is "
                                             f"{max_bytes / 2**20:.3g} MB")
        with os.fdopen(fd, "rb") as f:
            fd = None
            return f.read(max_bytes + 1)  # a file growing meanwhile is cut just past the limit, then refused
    finally:
        if fd is not None:
            os.close(fd)


def cmd_import(args) -> int:
    from engine.importing import preview_files
    from engine.merge import Directory
    from engine.readers import LIMITS, ImportFileError

    unreadable: list[dict] = []
    directory: Directory | None = None
    written: int | None = None  # the import batch the directory has not seen yet
    with _store(args) as store:
        summaries = []
        mapping = _mapping(args.map)
        profile = store.load_profile()
        for path in map(Path, args.files):
            if _is_archive_file(path):
                directory = None  # the archive writes contacts its own way: index the store again after it
                summary = _import_archive(store, path, args, profile)
                if "error" in summary:
                    unreadable.append(summary)
                summaries.append(summary)
                continue
            try:
                data = _read_file(path, LIMITS.max_bytes)  # one file in memory at a time: it can be 100 MB
            except ImportFileError as e:
                unreadable.append({"file": path.name, "error": e.message})
                summaries.append(unreadable[-1])
                continue
            except OSError as e:
                unreadable.append({"file": path.name, "error": e.strerror or str(e)})
                summaries.append(unreadable[-1])
                continue
            name = path.name
            _progress(f"{name}: reading…")
            # each file is planned against the store as earlier files of this run left it
            if directory is None:
                directory = Directory(store.contacts())  # indexed once, then kept up to date file by file
            elif written is not None:  # the contacts the previous file wrote, as stored now
                directory.refresh(store.written_by(written))
            written = None
            preview = preview_files([(name, data)], directory, profile, {name: mapping} if mapping else None,
                                    owners=store.source_owners)[0]
            del data
            summary = preview.summary()
            if preview.error:
                unreadable.append(summary)
                summaries.append(summary)
                continue
            if not args.dry_run:
                _progress(f"{name}: writing {summary['added']} new and {summary['merged']} merged contacts…")
                decisions = dict.fromkeys(preview.ambiguous.index, args.ambiguous)
                result = store.apply_import(name, preview.parsed.format, preview.parsed.encoding,
                                            preview.parsed.contacts, preview.plan.rows, decisions)
                written = result.batch_id
                summary |= {"added": result.added, "merged": result.merged, "skipped": result.skipped,
                            "batch": result.batch_id, "to_review": result.to_review}
            for row in preview.ambiguous.itertuples():
                if args.ambiguous == "skip":
                    summary["problems"].append({
                        "row": int(preview.parsed.contacts.at[row.Index, "row"]),
                        "message": f"{row.reason}: not imported (--ambiguous skip)"})
            # what matters first (moved to a target company, into the target role), then a sample of the rest
            changes = sorted(preview.changes, key=lambda c: c[1] is None)
            for line, why in changes[:MAX_CHANGE_LINES]:
                _progress(f"  {line}" + (f"  <- {why}" if why else ""))
            if len(changes) > MAX_CHANGE_LINES:
                _progress(f"  … and {len(changes) - MAX_CHANGE_LINES} more changes")
            summaries.append(summary)
        total = store.counts()["contacts"]
    if args.json:
        print(json.dumps({"files": summaries, "contacts_total": total}, ensure_ascii=False, indent=2))
    else:
        for s in summaries:
            if "error" in s:
                print(f"{s['file']}: not imported: {s['error']}")
                continue
            review = f", {s['to_review']} possibly the same as someone stored" if s.get("to_review") else ""
            if "messages" in s:
                _print_archive(s, args.dry_run)
            print(f"{s['file']} ({s['format']}, {s['encoding'] or 'xlsx'}): {s['rows']} rows, {s['added']} added, "
                  f"{s['merged']} merged, {s['skipped']} skipped{review}" + (" (dry run)" if args.dry_run else ""))
            for problem in s["problems"]:
                print(f"  row {problem['row']}: {problem['message']}")
        print(f"{total} contacts in {store.path}")
        if any(s.get("to_review") for s in summaries):
            print("Review who may be the same person with `unstuck duplicates` (or on the app's Review page).")
    for bad in unreadable:
        print(f"unstuck import: {bad['file']}: {bad['error']}", file=sys.stderr)
    return EXIT_USAGE if unreadable else 0


def _is_archive_file(path: Path) -> bool:
    from engine.archive import is_archive

    if not path.is_dir() and (path.suffix.lower() != ".zip" or not path.is_file()):
        return False
    return is_archive(path.name, path=path)


def _import_archive(store: Store, path: Path, args, profile) -> dict:
    """A LinkedIn archive (zip or folder): its connections as any import, then its conversations and invitations
    as outreach events and the user's past jobs, as a second import (undo that one first to take it all back)."""
    from engine.archive import ArchiveError, open_archive, plan_archive
    from engine.importing import as_existing, preview_files

    name = path.name
    try:
        files = open_archive(name, path=path) if path.is_dir() else open_archive(name, _read_file(path, 2**31))
    except (ArchiveError, OSError) as e:
        return {"file": name, "error": str(e).removeprefix(f"{name}: ")}
    summary = {"file": name, "format": "linkedin_archive", "encoding": "utf-8", "rows": 0, "added": 0, "merged": 0,
               "skipped": 0, "ambiguous": 0, "problems": []}
    contacts = store.contacts()
    _progress(f"{name}: reading the messages and invitations…")
    try:  # everything is read before anything is written
        plan = plan_archive(files, None, with_text=args.with_message_text)  # matched once contacts are in
    except ArchiveError as e:
        return {"file": name, "error": str(e)}
    if (connections := files.get("connections")) is not None:
        _progress(f"{name}: reading {connections[0]}…")
        preview = preview_files([connections], contacts, profile, owners=store.source_owners)[0]
        if preview.error:
            return {"file": name, "error": f"{connections[0]}: {preview.error}"}
        summary |= {k: v for k, v in preview.summary().items() if k in ("rows", "added", "merged", "skipped",
                                                                         "ambiguous", "problems")}
        if args.dry_run:
            new = preview.parsed.contacts[preview.plan.rows["action"] == "add"]
            contacts = pd.concat([contacts, as_existing(new, -1)], ignore_index=True) if len(new) else contacts
        else:
            decisions = dict.fromkeys(preview.ambiguous.index, args.ambiguous)
            result = store.apply_import(f"{name}: {connections[0]}", preview.parsed.format, preview.parsed.encoding,
                                        preview.parsed.contacts, preview.plan.rows, decisions)
            summary |= {"added": result.added, "merged": result.merged, "skipped": result.skipped,
                        "batch": result.batch_id, "to_review": result.to_review}
            contacts = store.contacts()
    plan = plan.rematched(contacts)
    summary["messages"] = plan.summary()
    summary["about_you"] = {"name": plan.profile.get("name"), "headline": plan.profile.get("headline"),
                            "positions": len(plan.positions)}
    if not args.dry_run:
        written = store.apply_archive(name, plan.matched, plan.positions, plan.profile)
        summary["messages"] |= {"added": written.added, "already_imported": written.already}
        summary["events_batch"] = written.batch_id
    return summary


def _print_archive(s: dict, dry_run: bool) -> None:
    m = s["messages"]
    ignored = ", ".join(f"{n} {IGNORED_WORDS[k]}" for k, n in m["ignored"].items() if k in IGNORED_WORDS and n)
    added = "" if dry_run else f"; {m.get('added', 0)} new in your log"
    print(f"{s['file']}: {m['conversations']} conversations: {m['outreach']} outreach, {m['follow_ups']} follow-ups, "
          f"{m['replies']} replies{added}" + (" (dry run)" if dry_run else ""))
    if ignored:
        print(f"  left out: {ignored}")
    for problem in m["problems"]:
        print(f"  {problem}")
    if m["ignored"].get("files"):
        print(f"  files not used: {len(m['ignored']['files'])}")
    if m["unmatched"]:
        names = ", ".join(p["name"] for p in m["unmatched"][:10])
        more = f" and {len(m['unmatched']) - 10} more" if len(m["unmatched"]) > 10 else ""
        print(f"  not among your contacts, so not logged: {names}{more}")
    if s.get("events_batch"):
        print(f"  undo: unstuck undo-import {s['events_batch']}" + (
            f", then unstuck undo-import {s['batch']}" if s.get("batch") else ""))


IGNORED_WORDS = {"group": "group conversations", "inmail": "InMail or sponsored", "automated": "automated",
                 "unknown_sender": "without a sender", "spam": "in spam", "drafts": "drafts"}


def cmd_imports(args) -> int:
    with _store(args) as store:
        batches = store.import_batches()
    if args.json:
        print(batches.to_json(orient="records", date_format="iso"))
        return 0
    if batches.empty:
        print("No imports yet.", file=sys.stderr)
    for b in batches.itertuples():
        state = f"undone {b.undone_at:%Y-%m-%d}" if pd.notna(b.undone_at) else "undo: unstuck undo-import " + str(b.id)
        print(f"{b.id:>4}  {b.created_at:%Y-%m-%d %H:%M}  {b.file_name} ({b.format}): {b.added} added, "
              f"{b.merged} merged, {b.skipped} skipped  [{state}]")
    return 0


def cmd_undo_import(args) -> int:
    with _store(args) as store:
        result = store.undo_import(args.batch)
    print(f"Undid import {args.batch}: removed {result['removed']} contacts, restored {result['restored']}.",
          file=sys.stderr)
    return 0


def _side(row, side: str) -> dict:
    fields = ("full_name", "company", "title", "email", "phone", "linkedin_url")
    return {"id": int(row[side]), **{f: _text(row[f"{side}_{f}"]) for f in fields}}


def cmd_duplicates(args) -> int:
    with _store(args) as store:
        store.find_possible_duplicates()
        pairs = store.possible_duplicates()
    listed = [{"a": _side(row, "a"), "b": _side(row, "b"), "evidence": row["evidence"]}
              for row in pairs.to_dict("records")]
    if args.json:
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return 0
    for pair in listed:
        a, b = pair["a"], pair["b"]
        print(f"[{a['id']}] {a['full_name']} ({a['company'] or 'no company'})  ~  "
              f"[{b['id']}] {b['full_name']} ({b['company'] or 'no company'}): {pair['evidence']}")
    print(f"{len(listed)} pair(s) to review: `unstuck merge KEEP OTHER` or `unstuck keep-apart A B`.",
          file=sys.stderr)
    return 0


def cmd_merge(args) -> int:
    with _store(args) as store:
        merge_id = store.merge_contacts(args.keep, args.other)
    print(f"Merged contact {args.other} into {args.keep} (merge {merge_id}; `unstuck undo-merge {merge_id}` "
          "puts it back).", file=sys.stderr)
    return 0


def cmd_keep_apart(args) -> int:
    with _store(args) as store:
        store.keep_apart(args.a, args.b)
    print(f"Contacts {args.a} and {args.b} are different people; they will not be offered again.", file=sys.stderr)
    return 0


def cmd_undo_merge(args) -> int:
    with _store(args) as store:
        store.undo_merge(args.merge)
    print(f"Undid merge {args.merge}.", file=sys.stderr)
    return 0


def _scored(store):
    """The profile, the contacts, and every contact ranked as the app ranks them (engine.ranking)."""
    from engine.ranking import rank_contacts
    from engine.settings import read_settings

    profile = store.load_profile()
    if profile is None:
        raise SystemExit("unstuck: no target career yet: set one with `unstuck target --role ...` first")
    from engine.archive import with_former_colleagues

    contacts = with_former_colleagues(store.contacts(), store.own_positions())
    _progress(f"scoring {len(contacts):,} contacts…")
    today = date.today()
    ranking = rank_contacts(contacts, store.events(), profile, read_settings(store.settings()), today,
                            dismissed=store.dismissed_flags(), snoozed=store.snoozed(today),
                            sources=store.source_formats(), ratings=store.ratings(),
                            industry_overrides=store.company_industries(), readings=store, share_reading=True)
    ranked = ranking.ranked
    if ranking.rated.n:
        from engine.ratings import status_words

        _progress(status_words(ranking.rated))
    return profile, contacts, ranked


def cmd_rank(args) -> int:
    from engine.scoring import next_contacts, ranked

    with _store(args) as store:
        _, _, scored = _scored(store)
    if args.all:  # ordered on the sort keys alone; the columns shown are encoded where they stand, then taken
        rows = scored[RANK_COLUMNS]
        order = rows.index.get_indexer(ranked(scored[["eligible", "priority", "id"]]).index)
    else:
        rows, order = next_contacts(scored, args.top), None
    if args.json:
        out = sys.stdout
        out.write("[")
        for n, chunk in enumerate(_ranking_json(rows, order)):
            out.write(("," if n else "") + chunk)
        out.write("]\n")
        return 0
    for n, r in enumerate((rows if order is None else rows.iloc[order]).itertuples(), 1):
        where = " at ".join(x for x in (_text(r.title), _text(r.company)) if x)
        print(f"{n:>3}. [{r.id}] {r.full_name}" + (f", {where}" if where else "")
              + f"  closeness {r.closeness:.0%}, priority {r.priority:.0f}, {r.status.replace('_', ' ')}")
        print(f"     why: {'; '.join(r.why)}")
    return 0


RANK_COLUMNS = ["id", "full_name", "company", "title", "seniority", "family", "closeness", "priority", "status",
                "flags", "why"]
RANK_KEYS = ("id", "name", "company", "title", "seniority", "family", "closeness", "priority", "status", "flags",
             "dismissed_flags", "why")  # the JSON object of each contact, in this order


def _ranking_json(rows: pd.DataFrame, order: np.ndarray | None = None, chunk: int = 50_000) -> Iterator[str]:
    """The contacts of `rows` as JSON objects, in `order` (positions; else as they stand), comma-joined a chunk at a
    time: a million contacts make a few hundred MB.

    Each object is exactly json.dumps(item, ensure_ascii=False) of {"id", "name", "company", "title", "seniority",
    "family", "closeness" (4 digits), "priority" (2 digits), "status", "flags" (active: code and reason),
    "dismissed_flags" (codes), "why"} (RANK_KEYS). Each column is encoded once over every row, a value that repeats
    once (_Encoded), and Arrow puts the objects of a chunk together from them.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    flags = rows["flags"].to_numpy(dtype=object)
    columns = [_plain(rows["id"], encode), _plain(rows["full_name"], encode),
               *(_encoded(rows[c], lambda v: encode(_text(v))) for c in ("company", "title")),
               *(_encoded(rows[c], encode) for c in ("seniority", "family")),
               _numbers(rows["closeness"], 4, encode), _numbers(rows["priority"], 2, encode),
               _encoded(rows["status"], encode),
               _by_identity(flags, lambda fs: encode([{"code": f.code, "reason": f.reason} for f in fs
                                                      if not f.dismissed])),
               _by_identity(flags, lambda fs: encode([f.code for f in fs if f.dismissed])),
               _encoded(pd.Series([tuple(w) for w in rows["why"].tolist()], dtype=object),
                        lambda w: encode(list(w)))]
    # every piece of text an object is made of in one array: the keys (the first one with and without a comma before
    # it), the closing brace, then each column's texts; a chunk is one take from it, its texts laid end to end
    keys = [f'{{"{RANK_KEYS[0]}": ', f',{{"{RANK_KEYS[0]}": ', *(f', "{key}": ' for key in RANK_KEYS[1:]), "}"]
    pieces = pa.concat_arrays([pa.array(keys, pa.string()), *(c.texts for c in columns)])
    bases = np.cumsum([len(keys), *(len(c.texts) for c in columns[:-1])])
    order = np.arange(len(rows)) if order is None else np.asarray(order)
    for start in range(0, len(order), chunk):
        at = order[start : start + chunk]
        index = np.empty((len(at), 2 * len(columns) + 1), dtype=np.int64)
        index[:, 0], index[0, 0] = 1, 0  # a comma before every object but the chunk's first
        index[:, 2:-1:2] = np.arange(2, len(keys) - 1)
        index[:, -1] = len(keys) - 1
        for k, (column, base) in enumerate(zip(columns, bases, strict=True)):
            index[:, 2 * k + 1] = column.codes[at] + base
        flat = pieces.take(index.ravel())
        yield pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(flat)], pa.int32()), flat), "")[0].as_py()


class _Encoded(NamedTuple):
    """A column written as JSON: row i reads texts[codes[i]]."""
    codes: np.ndarray
    texts: pa.Array


def _each(texts: list[str]) -> _Encoded:
    """One text per row."""
    return _Encoded(np.arange(len(texts)), pa.array(texts, pa.string()))


def _encoded(values: pd.Series, encode) -> _Encoded:
    """encode(value) for each value, each distinct value encoded once; a missing value (None, NaN) is null."""
    codes, distinct = pd.factorize(values)
    return _Encoded(np.where(codes < 0, len(distinct), codes), pa.array([*map(encode, distinct), "null"], pa.string()))


def _by_identity(values: np.ndarray, encode) -> _Encoded:
    """encode(value) for each value, once per distinct object: scoring shares one flags tuple among contacts
    flagged alike, and telling them apart by identity spares hashing their Flags."""
    codes, _ = pd.factorize(np.fromiter(map(id, values), dtype=np.int64, count=len(values)))
    _, first = np.unique(codes, return_index=True)
    return _Encoded(codes, pa.array([encode(values[i]) for i in first.tolist()], pa.string()))


def _plain(values: pd.Series, encode) -> _Encoded:
    """encode(value) for each value: ints written by Arrow, strs quoted by Arrow (json's own C helper escapes the
    few that need it), anything else one at a time."""
    if values.dtype.kind in "iu":  # a NumPy integer column: each value a Python int
        return _Encoded(np.arange(len(values)), pa.array(values.to_numpy()).cast(pa.string()))
    items = values.tolist()
    if not set(map(type, items)) <= {str}:
        return _each([encode(v) for v in items])
    text = pa.array(items, pa.string())
    quoted = pc.binary_join_element_wise('"', text, '"', "")
    escaped = pc.match_substring_regex(text, r'[\x00-\x1f"\\]')  # what encode_basestring escapes, else it quotes
    if pc.any(escaped).as_py():
        rows = np.flatnonzero(escaped.to_numpy(zero_copy_only=False))
        quoted = pc.replace_with_mask(quoted, escaped, pa.array([encode_basestring(items[i]) for i in rows.tolist()],
                                                                pa.string()))
    return _Encoded(np.arange(len(items)), quoted)


def _numbers(values: pd.Series, digits: int, encode) -> _Encoded:
    """Each number rounded as Python's round() does, written as json writes a float; each distinct float once (told
    apart by its bits: -0.0 is not 0.0)."""
    if values.dtype != np.float64:  # as the float64 case below, a row at a time
        array = values.to_numpy(dtype=float)
        if np.isfinite(array).all() and (np.round(array, digits) == array).all():
            return _each(list(map(float.__repr__, array.tolist())))
        return _each([encode(round(v, digits)) for v in values.tolist()])
    codes, bits = pd.factorize(values.to_numpy().view(np.int64))
    distinct = bits.view(np.float64)
    if np.isfinite(distinct).all() and (np.round(distinct, digits) == distinct).all():
        # already rounded by numpy to these digits: round() would give back the very same float
        return _Encoded(codes, pa.array(list(map(float.__repr__, distinct.tolist())), pa.string()))
    return _Encoded(codes, pa.array([encode(round(v, digits)) for v in distinct.tolist()], pa.string()))


def cmd_explain(args) -> int:
    from engine.contacts_view import explain

    with _store(args) as store:
        profile, contacts, scored = _scored(store)
    row = scored[scored["id"] == args.contact]
    if row.empty:
        print(f"unstuck explain: there is no contact {args.contact}", file=sys.stderr)
        return 1
    names = dict(zip(contacts["id"], contacts["full_name"], strict=True))
    r = row.iloc[0]
    print(f"{r['full_name']} ({_text(r['title']) or 'no title'} at {_text(r['company']) or 'no company'})")
    for line in explain(r, profile, names):
        print(f"  {line}")
    return 0


def _day(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"unstuck: --date takes YYYY-MM-DD, not {text!r}") from None
    if day > date.today():
        raise SystemExit(f"unstuck: --date {text} is in the future")
    return day


def _contact_name(store, contact_id: int) -> str:
    found = store.read("SELECT full_name FROM contacts WHERE id = ?", [contact_id])
    if found.empty:
        raise SystemExit(f"unstuck: there is no contact {contact_id} (see `unstuck rank --all`)")
    return found["full_name"][0]


def cmd_rate(args) -> int:
    from engine.ratings import RATINGS

    if args.clear == (args.rating is not None):
        print("unstuck rate: say good or not-relevant, or --clear (one of them)", file=sys.stderr)
        return EXIT_USAGE
    rating = None if args.clear else args.rating.replace("-", "_")
    with _store(args) as store:
        name = _contact_name(store, args.contact)
        store.rate(args.contact, rating)
    print(json.dumps({"contact": args.contact, "rating": rating}))
    print(f"Rated {name}: {RATINGS[rating]}." if rating else f"Cleared your rating of {name}.", file=sys.stderr)
    return 0


def cmd_log(args) -> int:
    with _store(args) as store:
        name = _contact_name(store, args.contact)
        kind = "drafting" if args.draft else "follow_up" if args.follow_up else "reached_out"
        event = store.log_event(args.contact, kind, _day(args.date), channel=args.channel, note=args.note)
    print(json.dumps({"event": event, "contact": args.contact, "kind": kind}))
    print(f"Logged {kind.replace('_', ' ')} to {name}.", file=sys.stderr)
    return 0


def cmd_outcome(args) -> int:
    from engine.coaching import perspective

    meeting_at = None
    if args.at is not None:
        if args.outcome != "meeting_scheduled":
            raise SystemExit("unstuck outcome: --at: only a scheduled meeting has a time (outcome meeting_scheduled)")
        try:
            meeting_at = datetime.strptime(args.at.strip(), "%Y-%m-%d %H:%M")
        except ValueError:
            raise SystemExit(f"unstuck outcome: --at: {args.at!r} is not a date and time like "
                             "'2026-12-04 14:30'") from None
    with _store(args) as store:
        name = _contact_name(store, args.contact)
        event = store.log_event(args.contact, args.outcome, _day(args.date), note=args.note,
                                energising=args.energising, meeting_at=meeting_at)
    print(json.dumps({"event": event, "contact": args.contact, "kind": args.outcome}))
    print(f"Logged {args.outcome.replace('_', ' ')} for {name}.", file=sys.stderr)
    if args.outcome == "declined":
        print(f"{perspective(seed=event)}\nNext: ask {name} whether they can recommend someone else "
              f"(`unstuck outcome {args.contact} referral_given`), or close with `unstuck outcome {args.contact} "
              "no_answer`.", file=sys.stderr)
    return 0


def cmd_followups(args) -> int:
    from engine.coaching import follow_ups, message
    from engine.outreach import contact_states
    from engine.settings import read_settings

    with _store(args) as store:
        today = date.today()
        states = contact_states(store.events(), today, read_settings(store.settings()).rules)
        due = follow_ups(states)
        contacts = store.contacts().set_index("id")
        profile = store.load_profile()
    items = [{"id": int(cid), "name": contacts.at[cid, "full_name"], "company": _text(contacts.at[cid, "company"]),
              "waiting_business_days": int(state["waiting_days"]),
              "message": message("follow_up", contacts.loc[cid].to_dict(), profile)}
             for cid, state in (due.iterrows() if due is not None else [])]
    if args.json:
        print(json.dumps(items, ensure_ascii=False))
    elif not items:
        print("No follow-ups due.", file=sys.stderr)
    for item in items if not args.json else []:
        print(f"[{item['id']}] {item['name']}" + (f" at {item['company']}" if item["company"] else "")
              + f": no reply for {item['waiting_business_days']} business days: follow up once.")
    return 0


def cmd_calendar(args) -> int:
    from engine.outreach import contact_states
    from engine.reminders import agenda, describe, to_ics
    from engine.settings import read_settings

    with _store(args) as store:
        today = date.today()
        events = store.events()
        rules = read_settings(store.settings()).rules
        names = dict(store.contacts()[["id", "full_name"]].itertuples(index=False))
    items = agenda(contact_states(events, today, rules), events, names, today, rules)
    Path(args.out).write_bytes(to_ics(items))
    for _, item in items.iterrows():
        print(describe(item, today))
    print(f"Wrote {len(items)} reminder(s) to {args.out}: open it with your calendar app.", file=sys.stderr)
    return 0


def cmd_practice(args) -> int:
    from engine.practice import PracticeError, make_practice, readiness

    with _store(args) as store:
        if args.action == "list":
            practice = store.practice()
            if args.json:
                print(practice.to_json(orient="records", date_format="iso"))
            for p in practice.itertuples() if not args.json else []:
                feeling = f", felt {int(p.feeling)}/5" if pd.notna(p.feeling) else ""
                print(f"[{p.id}] {p.happened_on:%Y-%m-%d} {p.topic}" + (f" with {p.person}" if p.person else "")
                      + feeling)
            return 0
        if args.action == "ready":
            print(readiness(store.practice(), date.today()).message)
            return 0
        try:
            entry = make_practice(topic=args.topic or "", happened_on=args.date or date.today(), today=date.today(),
                                  person=args.person, feeling=args.feeling, learned=args.learned,
                                  observed=args.observed)
        except PracticeError as e:
            raise SystemExit("unstuck practice add: " + "; ".join(e.messages())) from None
        pid = store.add_practice(entry.topic, entry.happened_on, **entry.fields())
    print(json.dumps({"practice": pid}))
    return 0


def cmd_export(args) -> int:
    from engine import exporting

    with _store(args) as store:
        scores = args.what == "contacts" and store.load_profile() is not None
        contacts = _scored(store)[2] if scores else store.contacts()
        table = exporting.table_for(args.what, contacts, store.events(), store.practice())
    if args.what == "contacts" and not scores:
        print("No target career yet, so the contacts are exported without scores or flags "
              "(set one with `unstuck target --role ...` to include them).", file=sys.stderr)
    data = exporting.to_csv(table) if args.format == "csv" else exporting.to_xlsx(table, args.what)
    Path(args.path).write_bytes(data)
    print(f"Exported {len(table)} {args.what} rows to {args.path}.", file=sys.stderr)
    return 0


def cmd_backup(args) -> int:
    with _store(args) as store:
        manifest = store.backup(args.path)
    print(json.dumps(manifest))
    print(f"Backed up {store.path} to {args.path}.", file=sys.stderr)
    return 0


def cmd_restore(args) -> int:
    with _store(args) as store:
        manifest = store.restore(args.path, force=args.force)
    print(f"Restored {args.path} (schema {manifest['schema_version']}, {manifest['tables'].get('contacts', 0)} "
          f"contacts) into {store.path}.", file=sys.stderr)
    return 0


def cmd_recover(args) -> int:
    from engine.store import recover

    path = Path(args.db) if args.db else default_path()
    replaced = recover(path, force=args.force)
    print(f"Restored the copy from before the last import into {path}; the file it replaced is kept as {replaced}.",
          file=sys.stderr)
    return 0


def cmd_wipe(args) -> int:
    if not args.yes:
        print("unstuck wipe deletes every contact, outreach and practice entry in the store. Add --yes to confirm "
              "(a backup first is wise: unstuck backup PATH).", file=sys.stderr)
        return EXIT_USAGE
    with _store(args) as store:
        store.wipe()
    print(f"Wiped {store.path}: it is empty now.", file=sys.stderr)
    return 0


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", help="store file (default: $UNSTUCK_DB or data/unstuck.duckdb)")
    parser = argparse.ArgumentParser(
        prog="unstuck", parents=[common],
        description="Unstuck: a local, private networking self-coach. Nothing leaves your machine.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", parents=[common], help="load (or remove) the invented demo data set",
                          description="Load a seeded demo data set of invented contacts and outreach history.")
    demo.add_argument("--force", action="store_true", help="load even if the store holds your own data")
    demo.add_argument("--if-empty", action="store_true", help="load only if the store is empty")
    demo.add_argument("--remove", action="store_true", help="remove the demo data instead")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.set_defaults(func=cmd_demo)

    target = sub.add_parser("target", parents=[common], help="set your target career (the profile)",
                            description="Set the target career; options not given keep their stored value.")
    target.add_argument("--role", action="append", metavar="TITLE",
                        help="target role, e.g. 'Data Scientist'; repeat it (or write 'A; B') for other titles of "
                        "the same role, the first being the main one; replaces the stored titles")
    target.add_argument("--level", choices=LEVELS, help="the level you are aiming for")
    target.add_argument("--level-range", metavar="LOW:HIGH",
                        help="a range of levels, e.g. mid:senior (" + ", ".join(LEVELS) + ")")
    target.add_argument("--adjacent", action="append", metavar="TITLE",
                        help="a role you would also talk to, scored a bit lower than the target (repeatable; "
                        "replaces the stored ones; --adjacent '' clears them)")
    target.add_argument("--industry", action="append", metavar="TEXT", help="a target industry (repeatable)")
    target.add_argument("--company", action="append", metavar="NAME[:1-5]",
                        help="a target company, optionally with how much you want it, 1-5 (repeatable)")
    target.add_argument("--keyword", action="append", metavar="TEXT", help="a keyword of the target (repeatable)")
    target.add_argument("--hr-target", action=argparse.BooleanOptionalAction, default=None,
                        help="whether the target career is HR/recruiting itself")
    target.add_argument("--my-name", metavar="TEXT", help="your name, to sign your messages with")
    target.add_argument("--my-role", metavar="TEXT", help="your current role, for your messages")
    target.add_argument("--my-background", metavar="TEXT", help="your background in one line, for your messages")
    target.set_defaults(func=cmd_target)

    calendar = sub.add_parser("calendar", parents=[common], help="write follow-ups and meetings to an .ics file",
                              description="Write the follow-ups due and the conversations coming up (the list on "
                              "Today) to an iCalendar file any calendar app opens. Nothing is sent anywhere.")
    calendar.add_argument("--out", required=True, metavar="FILE", help="the .ics file to write")
    calendar.set_defaults(func=cmd_calendar)

    profile = sub.add_parser("profile", parents=[common], help="show the profile",
                             description="Print the stored profile.")
    profile.add_argument("--json", action="store_true", help="print JSON on standard output")
    profile.set_defaults(func=cmd_profile)

    imp = sub.add_parser("import", parents=[common], help="import contact files (LinkedIn, Google, Outlook, ...)",
                         description="Import contact files; people already stored are merged, not duplicated. "
                         "Formats: LinkedIn Connections.csv, Google and Outlook CSV, Excel .xlsx, vCard .vcf, "
                         "any CSV/TSV, and LinkedIn's whole archive (the zip or its folder): its conversations and "
                         "invitations become your outreach log. Exit 0 when every file could be read, 2 when one "
                         "could not.")
    imp.add_argument("files", nargs="+", metavar="FILE", help="files to import")
    imp.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing")
    imp.add_argument("--json", action="store_true", help="print a JSON report on standard output")
    imp.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                     help="map a contact field to a column, e.g. --map full_name=Name (repeatable; replaces the "
                     "guessed mapping). For a file without a header row give positions: --map full_name=1 "
                     "--map email=4 (1 is the first column; the first row is then read as a person)")
    imp.add_argument("--with-message-text", action="store_true",
                     help="LinkedIn archive: keep whole message texts (default: only dates, direction, channel and "
                     "each message's first line)")
    imp.add_argument("--ambiguous", choices=("review", "add", "skip"), default="review",
                     help="rows that might be someone already stored: add them and list the pair for review "
                     "(default), add them as different people for good, or leave them out")
    imp.set_defaults(func=cmd_import)

    imports = sub.add_parser("imports", parents=[common], help="list past imports",
                             description="List past imports, newest first, with how to undo each.")
    imports.add_argument("--json", action="store_true", help="print JSON on standard output")
    imports.set_defaults(func=cmd_imports)

    undo = sub.add_parser("undo-import", parents=[common], help="undo one import",
                          description="Remove the contacts an import added and restore what it changed.")
    undo.add_argument("batch", type=int, metavar="BATCH", help="the import's number (see `unstuck imports`)")
    undo.set_defaults(func=cmd_undo_import)

    dupes = sub.add_parser("duplicates", parents=[common], help="pairs that may be the same person",
                           description="List pairs of contacts that may be one person, with the evidence, for you "
                           "to merge or keep apart (the app's Review page shows the same queue).")
    dupes.add_argument("--json", action="store_true", help="print JSON on standard output")
    dupes.set_defaults(func=cmd_duplicates)

    merge = sub.add_parser("merge", parents=[common], help="merge two contacts into one",
                           description="Merge OTHER into KEEP: history, notes, tags and sources move to KEEP, empty "
                           "fields are filled in. Any two contacts can be merged; `unstuck undo-merge` undoes it.")
    merge.add_argument("keep", type=int, metavar="KEEP", help="the contact that stays")
    merge.add_argument("other", type=int, metavar="OTHER", help="the contact merged into it")
    merge.set_defaults(func=cmd_merge)

    apart = sub.add_parser("keep-apart", parents=[common], help="two contacts are different people",
                           description="Say two contacts are different people: the pair is never offered again.")
    apart.add_argument("a", type=int, metavar="A", help="one contact's id")
    apart.add_argument("b", type=int, metavar="B", help="the other's")
    apart.set_defaults(func=cmd_keep_apart)

    undo_merge = sub.add_parser("undo-merge", parents=[common], help="undo a merge",
                                description="Put a merged contact back as it was, with its history.")
    undo_merge.add_argument("merge", type=int, metavar="MERGE", help="the merge's number (printed by `unstuck merge`)")
    undo_merge.set_defaults(func=cmd_undo_merge)

    rank = sub.add_parser("rank", parents=[common], help="whom to approach next, with why",
                          description="Rank contacts by priority for your target career. --top N gives the next N "
                          "to approach (waiting, declined and closed people left out); --all lists everyone.")
    which = rank.add_mutually_exclusive_group()
    which.add_argument("--top", type=int, default=5, metavar="N", help="the next N to approach (default 5)")
    which.add_argument("--all", action="store_true", help="every contact in the store, in priority order")
    rank.add_argument("--json", action="store_true", help="print only a JSON array on standard output")
    rank.set_defaults(func=cmd_rank)

    explain = sub.add_parser("explain", parents=[common], help="how one contact's scores were reached",
                             description="Print each component of a contact's closeness, flags and priority.")
    explain.add_argument("contact", type=int, metavar="CONTACT_ID", help="the contact's id (see `unstuck rank`)")
    explain.set_defaults(func=cmd_explain)

    rate = sub.add_parser("rate", parents=[common], help="rate a contact for your target: good or not-relevant",
                          description="Rate a contact as a good person for your target, or not relevant. Rated "
                          "people move at once; after a handful of ratings the whole list learns from them.")
    rate.add_argument("contact", type=int, metavar="CONTACT_ID", help="the contact's id (see `unstuck rank`)")
    rate.add_argument("rating", nargs="?", choices=("good", "not-relevant"), help="your rating")
    rate.add_argument("--clear", action="store_true", help="take your rating back")
    rate.set_defaults(func=cmd_rate)

    from engine.outreach import CHANNELS, OUTCOMES

    log = sub.add_parser("log", parents=[common], help="log an outreach to a contact",
                         description="Log that you reached out to a contact (or started a draft, or followed up).")
    log.add_argument("contact", type=int, metavar="CONTACT_ID", help="the contact's id")
    log.add_argument("--channel", choices=CHANNELS, default="email", help="how (default email)")
    log.add_argument("--note", help="a short note")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="when (default today)")
    kind = log.add_mutually_exclusive_group()
    kind.add_argument("--draft", action="store_true", help="you started a message but did not send it yet")
    kind.add_argument("--follow-up", action="store_true", help="this is the one polite follow-up")
    log.set_defaults(func=cmd_log)

    outcome = sub.add_parser("outcome", parents=[common], help="log what came of an outreach",
                             description="Log an outcome: " + ", ".join(OUTCOMES) + ".")
    outcome.add_argument("contact", type=int, metavar="CONTACT_ID", help="the contact's id")
    outcome.add_argument("outcome", choices=OUTCOMES, help="what happened")
    outcome.add_argument("--note", help="a short note")
    outcome.add_argument("--date", metavar="YYYY-MM-DD", help="when (default today)")
    outcome.add_argument("--energising", action="store_true", help="the conversation gave you energy")
    outcome.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'",
                         help="for meeting_scheduled: when the meeting takes place (local time)")
    outcome.set_defaults(func=cmd_outcome)

    followups = sub.add_parser("followups", parents=[common], help="who is due one polite follow-up",
                               description="List contacts with no reply for long enough to follow up once.")
    followups.add_argument("--json", action="store_true", help="print JSON (with the ready message)")
    followups.set_defaults(func=cmd_followups)

    practice = sub.add_parser("practice", parents=[common], help="log or list practice (pleasure) interviews",
                              description="Practice interviews on a non-work topic you are curious about.")
    practice.add_argument("action", choices=("add", "list", "ready"),
                          help="add one, list them, or ask whether you are ready for real outreach")
    practice.add_argument("--topic", help="what you asked about (add)")
    practice.add_argument("--person", help="whom you asked, e.g. the baker around the corner (add)")
    practice.add_argument("--feeling", type=int, metavar="1-5", help="how it felt, 1 hard to 5 easy (add)")
    practice.add_argument("--learned", help="what you learned (add)")
    practice.add_argument("--observed", action="store_true", help="a friend watched and gave feedback (add)")
    practice.add_argument("--date", metavar="YYYY-MM-DD", help="when (default today)")
    practice.add_argument("--json", action="store_true", help="print JSON (list)")
    practice.set_defaults(func=cmd_practice)

    export = sub.add_parser("export", parents=[common], help="export contacts, outreach or practice (CSV, Excel)",
                            description="Export to a file any spreadsheet opens. Excel files keep every value "
                            "exactly (text cells are typed as text); in CSV, formula-looking cells get a leading "
                            "apostrophe, which Unstuck's import strips again.")
    export.add_argument("path", metavar="PATH", help="the file to write")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="file format (default csv)")
    export.add_argument("--what", choices=("contacts", "outreach", "practice"), default="contacts",
                        help="contacts with scores and flags (default), the outreach log, or the practice log")
    export.set_defaults(func=cmd_export)

    backup = sub.add_parser("backup", parents=[common], help="back up the whole store into one file",
                            description="Write a consistent backup (Parquet tables and a manifest in one zip). "
                            "Close the app first: one program at a time per store.")
    backup.add_argument("path", metavar="PATH", help="the backup file to write, e.g. unstuck-backup.zip")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser("restore", parents=[common], help="restore a backup",
                             description="Replace the store's contents with a backup's; older backups are "
                             "upgraded. Refuses to overwrite a store with data unless --force.")
    restore.add_argument("path", metavar="PATH", help="the backup file")
    restore.add_argument("--force", action="store_true", help="overwrite a store that already holds data")
    restore.set_defaults(func=cmd_restore)

    recover_ = sub.add_parser("recover", parents=[common], help="restore the copy kept from before the last import",
                              description="When the store cannot be opened (say after a crash), put back the copy "
                              "Unstuck keeps from just before the last import. The damaged file is kept beside it. "
                              "A store that opens is left alone unless --force.")
    recover_.add_argument("--force", action="store_true",
                          help="put the copy back even though the store opens (undoes everything since that import)")
    recover_.set_defaults(func=cmd_recover)

    wipe = sub.add_parser("wipe", parents=[common], help="delete everything in the store",
                          description="Delete every contact, outreach event, practice entry and the profile.")
    wipe.add_argument("--yes", action="store_true", help="confirm")
    wipe.set_defaults(func=cmd_wipe)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # A command allocates millions of small objects (rows, keys, lists) that reference counting frees; the cyclic
    # collector's passes over them cost a large import or ranking a sixth of its time. Fewer passes, and none over
    # what was imported at start-up; the collector is set back afterwards (tests call main in one process).
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        return args.func(args)
    except StoreError as e:
        print(f"unstuck: {e}", file=sys.stderr)
        return 1
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def run() -> NoReturn:
    """The `unstuck` command (pyproject's script, and `python -m engine.cli`): main, then out at once.

    After a command, Python's own exit (a last collection over every object the command made, then every module torn
    down one by one) took 0.15 s of a 1.4 s `unstuck rank` over 30,000 contacts, with nothing left to tidy: the
    command has closed its store and written its files. So once main returns, the output is flushed, logging is shut
    down, and the process ends without the rest. An error (SystemExit, an exception) still leaves the usual way."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # the reader went away (`unstuck rank | head`): nothing more to say to it
        code = code or 1
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    run()
