"""The outside contact corpus (../shared/corpus/contact-files, read in place): people the readers read per format,
and what the merge step makes of them, each file planned against an empty store and then imported in turn into
one growing store (ambiguous rows left out, as `unstuck import` does by default).

Run: `.venv/bin/python bench/eval_corpus.py`   (prints figures; asserts nothing)
"""

from __future__ import annotations

import csv
import sys
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from engine.importing import preview_files  # noqa: E402
from engine.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "contact-files"
BY_POSITION = {"thunderbird_csv/tb_mozilla_csv_no_header.csv": {"full_name": "1", "email": "4"},
               "xlsx/xlsx_mailblaster_contacts_template.xlsx": {"full_name": "1", "email": "2"}}
KEYS = ("expected", "read", "mapped", "alone_add", "alone_repeat", "alone_ambiguous",
        "added", "merged", "unchanged", "ambiguous")


def main() -> None:
    if not (CORPUS / "manifest.csv").exists():
        sys.exit(f"no corpus at {CORPUS}")
    warnings.simplefilter("ignore")  # openpyxl's note on data validation extensions
    with open(CORPUS / "manifest.csv", encoding="utf-8", newline="") as f:
        files = list(csv.DictReader(f))
    by_format: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KEYS, 0))
    lines = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "empty.duckdb") as empty, \
            Store(Path(tmp) / "growing.duckdb") as growing:
        for row in files:
            name, data = Path(row["path"]).name, (CORPUS / row["path"]).read_bytes()
            figures = by_format[row["format"]]
            figures["expected"] += int(row["expected_people_if_known"])
            mappings = {name: BY_POSITION[row["path"]]} if row["path"] in BY_POSITION else None
            plain = preview_files([(name, data)], empty.contacts())[0]
            alone = preview_files([(name, data)], empty.contacts(), mappings=mappings)[0]
            read = len(plain.parsed.contacts) if plain.parsed else 0
            mapped = len(alone.parsed.contacts) if alone.parsed else 0
            figures["read"] += read
            figures["mapped"] += mapped
            if alone.error:
                lines.append(f"  {row['path']}: not read: {alone.error[:100]}")
                continue
            c = alone.counts
            figures["alone_add"] += c["add"]
            figures["alone_repeat"] += c["merge"] + c["skip"]
            figures["alone_ambiguous"] += c["ambiguous"]
            into = preview_files([(name, data)], growing.contacts(), mappings=mappings)[0]
            result = growing.apply_import(name, into.parsed.format, into.parsed.encoding, into.parsed.contacts,
                                          into.plan.rows)
            figures["added"] += result.added
            figures["merged"] += into.counts["merge"]
            figures["unchanged"] += into.counts["skip"]
            figures["ambiguous"] += into.counts["ambiguous"]
            if c["ambiguous"] or into.counts["ambiguous"] or c["add"] < mapped:
                lines.append(f"  {row['path']}: read {mapped}; alone {c}; into the growing store {into.counts}")
        total_stored = growing.counts()["contacts"]
    total = dict.fromkeys(KEYS, 0)
    print(f"{'format':16}" + "".join(f"{k:>16}" for k in KEYS))
    for fmt, figures in sorted(by_format.items()):
        print(f"{fmt:16}" + "".join(f"{figures[k]:>16}" for k in KEYS))
        for k in KEYS:
            total[k] += figures[k]
    print(f"{'all':16}" + "".join(f"{total[k]:>16}" for k in KEYS))
    print(f"\npeople read as the files come: {total['read']} of {total['expected']}; with the headerless files mapped "
          f"by position: {total['mapped']}")
    print(f"each file alone into an empty store: {total['alone_add']} added, {total['alone_repeat']} repeat an earlier "
          f"row of their file, {total['alone_ambiguous']} ambiguous (left out unless someone decides)")
    print(f"all files in turn into one store: {total['added']} added, {total['merged']} merged into someone already "
          f"there, {total['unchanged']} unchanged, {total['ambiguous']} ambiguous left out; {total_stored} contacts "
          "stored")
    print("files where the merge step keeps fewer people than were read:")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
