"""Time parsing a generated LinkedIn export (30,000 and 1,000,000 rows) and planning a 30k-vs-30k merge.

Run: `.venv/bin/python bench/bench_import_parse.py [rows ...]`
"""

from __future__ import annotations

import random
import sys
import time

from engine.merge import plan_merge
from engine.readers import read_contacts

FIRST = ["Anna", "José", "Ana", "Lucía", "Chloé", "Sam", "Priya", "Kenji", "Jürgen", "Fatima", "Tom", "Mia"]
LAST = ["Weber, PhD", "Müller", "Ruiz", "Gómez", "Martin", "Okafor", "Natarajan", "Sato", "Groß", "Zahra"]
# 24 syllables: about 4 million surnames x first names, so namesakes at one employer stay as rare as in life
SYLLABLES = ["ber", "mar", "ko", "lin", "sa", "ta", "ven", "ro", "gu", "del", "no", "fi",
             "ha", "mi", "zu", "per", "lo", "an", "ste", "vi", "bo", "ren", "ka", "tes"]
COMPANIES = ["Acme Inc.", "Globex", "Initech", "Siemens AG", "Telefónica S.A.", "L'Oréal", "Umbrella Corp"]
TITLES = ["Data Analyst", "Engineer", "Head of Data", "Jefa de Ventas", "Chargée de recrutement", "CTO"]
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses..."\n\n'


def linkedin_export(rows: int, seed: int = 1, slug: str = "person") -> bytes:
    """A preamble plus `rows` connections; about 10% carry an email."""
    rng = random.Random(seed)
    lines = [PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(rows):
        # Mostly distinct surnames, with the odd namesake, like a real network.
        first = rng.choice(FIRST)
        last = rng.choice(LAST) if rng.random() < 0.05 else "".join(rng.choices(SYLLABLES, k=4)).title()
        email = f"person{i}@example.com" if rng.random() < 0.1 else ""
        day = f"{rng.randint(1, 28):02d} {rng.choice(['Jan', 'Mar', 'Jul', 'Nov'])} {rng.randint(2010, 2024)}"
        lines.append(f'{first},"{last}",https://www.linkedin.com/in/{slug}-{i},{email},'
                     f'"{rng.choice(COMPANIES)}",{rng.choice(TITLES)},{day}')
    return ("\n".join(lines) + "\n").encode("utf-8")


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    for rows in sizes:
        data = linkedin_export(rows)
        seconds = best_of(3 if rows <= 100_000 else 1, lambda data=data: read_contacts("Connections.csv", data))
        print(f"parse {rows:>9,} rows ({len(data) / 1e6:6.1f} MB): {seconds:6.3f} s")
    parsed = read_contacts("Connections.csv", linkedin_export(30_000)).contacts
    existing = parsed.drop(columns=["row", "raw"]).assign(id=range(1, len(parsed) + 1),
                                                          manual_fields=[[]] * len(parsed))
    # Half the people changed jobs; the other half are unchanged (skips).
    incoming = parsed.copy()
    incoming.loc[::2, "title"] = "Senior " + incoming.loc[::2, "title"].astype(str)
    seconds = best_of(3, lambda: plan_merge(incoming, existing))
    plan = plan_merge(incoming, existing)
    print(f"plan_merge 30,000 vs 30,000: {seconds:6.3f} s  {plan.counts}")
    fresh = read_contacts("Connections.csv", linkedin_export(30_000, seed=2, slug="other")).contacts
    seconds = best_of(3, lambda: plan_merge(fresh, existing))
    print(f"plan_merge 30,000 new names vs 30,000: {seconds:6.3f} s  {plan_merge(fresh, existing).counts}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [30_000, 1_000_000])
