"""`unstuck`: the command line over the same engine and store as the app, for scripting and batch work.

Every command takes --db PATH (default: $UNSTUCK_DB, else data/unstuck.duckdb). Machine-readable output goes
to standard output; messages for people go to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from engine.profile import LEVELS, ProfileError, make_profile
from engine.store import Store, StoreError, default_path

EXIT_USAGE = 2


def _store(args) -> Store:
    return Store(args.db or default_path())


def cmd_demo(args) -> int:
    from engine.demo import demo_dataset, demo_profile

    with _store(args) as store:
        if args.remove:
            store.remove_demo()
            print(f"Removed the demo data from {store.path}.", file=sys.stderr)
            return 0
        counts = store.counts()
        if args.if_empty and (counts["contacts"] or counts["events"] or counts["profile"]):
            print(f"{store.path} already holds data; demo not loaded.", file=sys.stderr)
            return 0
        if store.has_real_data() and not args.force:
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
