"""`unstuck`: the command line over the same engine and store as the app, for scripting and batch work.

Every command takes --db PATH (default: $UNSTUCK_DB, else data/unstuck.duckdb). Machine-readable output goes
to standard output; messages for people go to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from engine.profile import LEVELS, ProfileError, make_profile
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
                  "companies": args.company, "keywords": args.keyword, "hr_target": args.hr_target}
        try:
            profile = make_profile(**(base | {k: v for k, v in fields.items() if v is not None}))
        except ProfileError as e:
            for name, message in e.errors.items():
                print(f"unstuck target: {name}: {message}", file=sys.stderr)
            return EXIT_USAGE
        store.save_profile(profile)
    print(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2))
    return 0


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
        print(f"Target: {profile.target_role} ({profile.target_level})"
              + (" in HR/recruiting" if profile.hr_target else ""))
        for label, items in (("Industries", profile.industries), ("Keywords", profile.keywords)):
            print(f"{label}: {', '.join(items) or '-'}")
        print("Companies: " + (", ".join(f"{c.name} ({c.motivation}/5)" for c in profile.companies) or "-"))
        print(f"Weekly goal: {profile.weekly_goal} outreaches; reward: {profile.reward or '-'} "
              f"every {profile.reward_every}")
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


def cmd_import(args) -> int:
    from engine.importing import preview_files

    unreadable: list[dict] = []
    with _store(args) as store:
        summaries = []
        mapping = _mapping(args.map)
        profile = store.load_profile()
        for path in map(Path, args.files):
            try:
                data = path.read_bytes()  # one file in memory at a time: a contact file can be 100 MB
            except OSError as e:
                unreadable.append({"file": path.name, "error": e.strerror or str(e)})
                summaries.append(unreadable[-1])
                continue
            name = path.name
            _progress(f"{name}: reading…")
            # each file is planned against the store as earlier files of this run left it
            preview = preview_files([(name, data)], store.contacts(), profile, {name: mapping} if mapping else None)[0]
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
                summary |= {"added": result.added, "merged": result.merged, "skipped": result.skipped,
                            "batch": result.batch_id}
                if args.ambiguous == "add":
                    summary["ambiguous"] = 0
            for row in preview.ambiguous.itertuples():
                if args.ambiguous == "skip":
                    summary["problems"].append({
                        "row": int(preview.parsed.contacts.at[row.Index, "row"]),
                        "message": f"{row.reason}: not imported; decide in the app, or use --ambiguous add"})
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
            print(f"{s['file']} ({s['format']}, {s['encoding'] or 'xlsx'}): {s['rows']} rows, {s['added']} added, "
                  f"{s['merged']} merged, {s['skipped']} skipped" + (" (dry run)" if args.dry_run else ""))
            for problem in s["problems"]:
                print(f"  row {problem['row']}: {problem['message']}")
        print(f"{total} contacts in {store.path}")
    for bad in unreadable:
        print(f"unstuck import: {bad['file']}: {bad['error']}", file=sys.stderr)
    return EXIT_USAGE if unreadable else 0


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


def _scored(store):
    """The profile, the contacts, and every contact ranked as the app ranks them (engine.ranking)."""
    from engine.ranking import rank_contacts
    from engine.settings import read_settings

    profile = store.load_profile()
    if profile is None:
        raise SystemExit("unstuck: no target career yet: set one with `unstuck target --role ...` first")
    contacts = store.contacts()
    _progress(f"scoring {len(contacts):,} contacts…")
    today = date.today()
    ranking = rank_contacts(contacts, store.events(), profile, read_settings(store.settings()), today,
                            dismissed=store.dismissed_flags(), snoozed=store.snoozed(today),
                            sources=store.source_formats())
    return profile, contacts, ranking.ranked


def cmd_rank(args) -> int:
    from engine.scoring import next_contacts, ranked

    with _store(args) as store:
        _, _, scored = _scored(store)
    rows = ranked(scored) if args.all else next_contacts(scored, args.top)
    columns = ["id", "full_name", "company", "title", "seniority", "family", "closeness", "priority", "status",
               "flags", "why"]
    if args.json:
        # written item by item: a million contacts make a few hundred MB of JSON
        out = sys.stdout
        out.write("[")
        for n, (cid, name, company, title, seniority, family, closeness, priority, status, flags, why) in \
                enumerate(zip(*(rows[c].tolist() for c in columns), strict=True)):
            item = {"id": cid, "name": name, "company": _text(company), "title": _text(title),
                    "seniority": seniority, "family": family, "closeness": round(closeness, 4),
                    "priority": round(priority, 2), "status": status,
                    "flags": [{"code": f.code, "reason": f.reason} for f in flags if not f.dismissed],
                    "dismissed_flags": [f.code for f in flags if f.dismissed], "why": why}
            out.write(("," if n else "") + json.dumps(item, ensure_ascii=False))
        out.write("]\n")
        return 0
    for n, r in enumerate(rows.itertuples(), 1):
        where = " at ".join(x for x in (_text(r.title), _text(r.company)) if x)
        print(f"{n:>3}. [{r.id}] {r.full_name}" + (f", {where}" if where else "")
              + f"  closeness {r.closeness:.0%}, priority {r.priority:.0f}, {r.status.replace('_', ' ')}")
        print(f"     why: {'; '.join(r.why)}")
    return 0


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

    with _store(args) as store:
        name = _contact_name(store, args.contact)
        event = store.log_event(args.contact, args.outcome, _day(args.date), note=args.note,
                                energising=args.energising)
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
        contacts = _scored(store)[2] if args.what == "contacts" else store.contacts()
        table = exporting.table_for(args.what, contacts, store.events(), store.practice())
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
    target.add_argument("--role", help="target role, e.g. 'Data Scientist'")
    target.add_argument("--level", choices=LEVELS, help="the level you are aiming for")
    target.add_argument("--industry", action="append", metavar="TEXT", help="a target industry (repeatable)")
    target.add_argument("--company", action="append", metavar="NAME[:1-5]",
                        help="a target company, optionally with how much you want it, 1-5 (repeatable)")
    target.add_argument("--keyword", action="append", metavar="TEXT", help="a keyword of the target (repeatable)")
    target.add_argument("--hr-target", action=argparse.BooleanOptionalAction, default=None,
                        help="whether the target career is HR/recruiting itself")
    target.set_defaults(func=cmd_target)

    profile = sub.add_parser("profile", parents=[common], help="show the profile",
                             description="Print the stored profile.")
    profile.add_argument("--json", action="store_true", help="print JSON on standard output")
    profile.set_defaults(func=cmd_profile)

    imp = sub.add_parser("import", parents=[common], help="import contact files (LinkedIn, Google, Outlook, ...)",
                         description="Import contact files; people already stored are merged, not duplicated. "
                         "Formats: LinkedIn Connections.csv, Google and Outlook CSV, Excel .xlsx, vCard .vcf, "
                         "any CSV/TSV. Exit 0 when every file could be read, 2 when one could not.")
    imp.add_argument("files", nargs="+", metavar="FILE", help="files to import")
    imp.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing")
    imp.add_argument("--json", action="store_true", help="print a JSON report on standard output")
    imp.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                     help="map a contact field to a column, e.g. --map full_name=Name (repeatable; replaces the "
                     "guessed mapping)")
    imp.add_argument("--ambiguous", choices=("skip", "add"), default="skip",
                     help="what to do with rows that might be someone already stored (default: skip and report)")
    imp.set_defaults(func=cmd_import)

    imports = sub.add_parser("imports", parents=[common], help="list past imports",
                             description="List past imports, newest first, with how to undo each.")
    imports.add_argument("--json", action="store_true", help="print JSON on standard output")
    imports.set_defaults(func=cmd_imports)

    undo = sub.add_parser("undo-import", parents=[common], help="undo one import",
                          description="Remove the contacts an import added and restore what it changed.")
    undo.add_argument("batch", type=int, metavar="BATCH", help="the import's number (see `unstuck imports`)")
    undo.set_defaults(func=cmd_undo_import)

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
                            description="Export to a file any spreadsheet opens; formula-looking cells are made "
                            "safe (a leading apostrophe), and Unstuck's import strips it again.")
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
    try:
        return args.func(args)
    except StoreError as e:
        print(f"unstuck: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
