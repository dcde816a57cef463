"""Identity at the size of a full network: possible_duplicates over 30,000 stored contacts, and planning a 30,000-row
address book (no LinkedIn URLs, so every row is matched through names and employers) against them.

Run: `.venv/bin/python bench/bench_identity.py [--rows N]`   (prints figures; asserts nothing)
Targets on a 2-core machine: possible_duplicates on 30,000 contacts < 1 s; planning the address book < 2 s.
The network is invented but shaped like one: common surnames repeat (a few hundred Smiths, Nguyens, Chens),
given names come from the nickname table, a few hundred employers with their legal-suffix variants.
"""

from __future__ import annotations

import argparse
import random
import time

import pandas as pd
from nicknames import name_triplets

from engine.identity import possible_duplicates
from engine.merge import plan_merge
from engine.readers import CONTACT_FIELDS

COMMON = ["Smith", "Nguyen", "Chen", "Wang", "Kim", "Garcia", "Müller", "Kowalski", "Nowak", "Johnson", "Brown",
          "Patel", "Singh", "Li", "Zhang", "Ivanov", "Rossi", "Martin", "Dubois", "Schmidt", "O'Neill", "Okafor",
          "Silva", "Santos", "Lee", "Park", "Tanaka", "Suzuki", "Cohen", "Jones", "Williams", "Davis", "Yılmaz"]
SYLLABLES = ["ka", "ro", "mi", "len", "dor", "van", "ber", "sto", "wic", "ham", "tel", "ska", "ni", "gar", "los",
             "ven", "tor", "bel", "rin", "cho", "mar", "den", "fel", "gri", "hal"]
SUFFIXES = ["", "", "", " Inc.", " Ltd", " GmbH", " LLC", " S.A.", " plc", " Group", " Sp. z o.o."]


def network(rows: int, seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stored contacts, an address book of mostly the same people written differently)."""
    rng = random.Random(seed)
    triplets = name_triplets()
    formal = sorted({t.name1 for t in triplets})
    nick = {}
    for t in triplets:
        nick.setdefault(t.name1, []).append(t.name2)
    rare = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize() for _ in range(4000)]
    companies = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize() for _ in range(800)]
    stored, book = [], []
    for i in range(rows):
        given = rng.choice(formal).capitalize()
        family = rng.choice(COMMON) if rng.random() < 0.3 else rng.choice(rare)
        company = rng.choice(companies)
        email = f"{given.lower()}.{i}@{company.lower()}.com" if rng.random() < 0.3 else None
        stored.append({"id": i + 1, "full_name": f"{given} {family}", "company": company + rng.choice(SUFFIXES),
                       "email": email, "linkedin_url": None})
        if rng.random() < 0.7:  # this person is in the address book too
            said = rng.choice(nick[given.lower()]).capitalize() if rng.random() < 0.3 else given
            book.append({"full_name": f"{said} {family}", "company": company + rng.choice(SUFFIXES),
                         "email": f"{said.lower()}@{company.lower()}.com" if rng.random() < 0.5 else None})
        else:
            book.append({"full_name": f"{rng.choice(formal).capitalize()} {rng.choice(rare)}",
                         "company": rng.choice(companies), "email": None})
    frame = pd.DataFrame(stored)
    for f in CONTACT_FIELDS:
        if f not in frame:
            frame[f] = [[] for _ in range(rows)] if f == "tags" else None
    frame["manual_fields"] = [[] for _ in range(rows)]
    incoming = pd.DataFrame(book)
    for f in CONTACT_FIELDS:
        if f not in incoming:
            incoming[f] = [[] for _ in range(len(incoming))] if f == "tags" else None
    incoming["row"] = range(2, len(incoming) + 2)
    return frame, incoming


def best_of(n: int, fn):
    """(wall seconds, CPU seconds of this process, result), each the best of n runs: on a shared machine the CPU
    figure is the steadier one."""
    walls, cpus, result = [], [], None
    for _ in range(n):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=30_000)
    args = ap.parse_args()
    stored, book = network(args.rows)
    wall, cpu, pairs = best_of(3, lambda: possible_duplicates(stored))
    print(f"possible_duplicates over {args.rows:,} stored contacts: {wall:.2f} s ({cpu:.2f} s CPU), best of 3; "
          f"{len(pairs):,} pairs, {int((pairs['strength'] >= 0.8).sum()):,} of them strong   target < 1 s")
    wall, cpu, plan = best_of(3, lambda: plan_merge(book, stored))
    print(f"planning a {len(book):,}-row address book (no LinkedIn URLs) against them: {wall:.2f} s "
          f"({cpu:.2f} s CPU), best of 3; {plan.counts}   target < 2 s")


if __name__ == "__main__":
    main()
