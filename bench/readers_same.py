"""Check that a change to engine/readers.py reads every file exactly as before (for speed-only changes).

Records, for each input, read_contacts' whole outcome: the contacts frame (columns, dtypes, pyarrow types, index,
every value with the type of its missing values), problems in order, format, encoding, columns, mapping, sheets,
or the error with its message and MappingNeeded's details. Inputs: the files under tests/data/{import,fuzz,archive,
identity}, random CSVs of awkward cells (0-400 rows), one of 300,000 rows (pandas hands that over in chunks) and a
20,000-row LinkedIn export; with --tests also every read_contacts call the reader, fuzz, import and CLI tests make
(their hypothesis inputs included), captured once into the record.

    .venv/bin/python bench/readers_same.py record /tmp/readers.pkl --tests --engine /path/to/old/checkout
    .venv/bin/python bench/readers_same.py compare /tmp/readers.pkl
"""

from __future__ import annotations

import csv
import io
import math
import pickle
import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
# --engine DIR reads with another checkout's engine (the old code), on this checkout's test files
ENGINE = sys.argv[sys.argv.index("--engine") + 1] if "--engine" in sys.argv else str(ROOT)
sys.path[:0] = [ENGINE, str(ROOT / "bench")]
from bench_import_parse import linkedin_export  # noqa: E402

import engine.readers as readers  # noqa: E402

TESTS = ["tests/engine/test_readers.py", "tests/engine/test_hostile_files.py", "tests/engine/test_importing.py",
         "tests/engine/test_merge.py", "tests/engine/test_outside_corpus.py", "tests/engine/test_exporting.py",
         "tests/fuzz", "tests/store/test_imports.py", "tests/cli/test_cli.py"]
HEADERS = ["Name", "First Name", "Last Name", "Middle Name", "Email", "Company", "Title", "Job Title", "Notes",
           "Tags", "Vorname", "Connected On", "Tie strength", "URL", "Phone", "x", "", "Name", "LinkedIn"]
CELLS = ["", "", "", " ", "Ann", "Bo Li", "ann@x.org", "MAILTO:Bo@Y.com", "a@b.c; d@e.f", "bad@", "Acme", "'=1+2",
         "'@x", "Mr.", "Dr", "3", "7", "2.0", "x", "07 Mar 2021", "13/02/2020", "2/3/2021", "2021-02-30",
         "https://www.linkedin.com/in/ann", "http://linkedin.com/in/ann/", "www.example.com", "+1 555 0100 ::: 555",
         "a, b; *c ::: a", "line\nbreak", 'quo"te', "tab\there", "été", "Acme Inc", "  Ann  ", "x\x01y",
         "\u00a0Ann\u2003", "a@b.c\x0b,d@e.f", "Ann\x1c"]


def captured_from_tests() -> list[tuple[str, bytes, dict]]:
    import pytest

    calls: list[tuple[str, bytes, dict]] = []
    original = readers.read_contacts

    def recording(file_name, data, **kwargs):
        if len(data) <= 3_000_000:
            calls.append((file_name, bytes(data), kwargs))
        return original(file_name, data, **kwargs)

    readers.read_contacts = recording  # before the tests import it
    try:
        pytest.main(["-q", "-p", "no:cacheprovider", *[str(ROOT / t) for t in TESTS]])
    finally:
        readers.read_contacts = original
    return calls


def generated() -> list[tuple[str, bytes, dict]]:
    rng = random.Random(7)
    out = [("big_linkedin.csv", linkedin_export(20_000), {})]
    for k in range(150):
        header = rng.sample(HEADERS, rng.randint(1, 7))
        rows = [[rng.choice(CELLS) for _ in header] for _ in range(rng.choice([0, 1, 3, 10, 60, 400]))]
        text = io.StringIO()
        csv.writer(text, delimiter=rng.choice([",", ";", "\t"]), lineterminator="\r\n").writerows([header, *rows])
        out.append((f"random{k}.csv", text.getvalue().encode(rng.choice(["utf-8", "utf-8-sig", "utf-16"])), {}))
    header = ["First Name", "Last Name", "Email", "Company", "Title", "Phone", "LinkedIn", "Tags", "Connected On",
              "Tie strength", "Notes"]
    for k in range(1):
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows(
            [header, *([rng.choice(CELLS) for _ in header] for _ in range(300_000))])
        out.append((f"big_random{k}.csv", text.getvalue().encode(), {}))
    return out


def fixtures() -> list[tuple[str, bytes, dict]]:
    return [(p.name, p.read_bytes(), {}) for folder in ("import", "fuzz", "archive", "identity")
            for p in sorted((ROOT / "tests" / "data" / folder).iterdir())
            if p.suffix in (".csv", ".tsv", ".vcf", ".xlsx")]


def value(v):
    if isinstance(v, (np.ndarray, list)):
        return ["list", [value(x) for x in list(v)]]
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ["missing", type(v).__name__]
    return [type(v).__name__, v]


def outcome(name: str, data: bytes, kwargs: dict):
    try:
        parsed = readers.read_contacts(name, data, **kwargs)
    except readers.ImportFileError as e:
        details = (e.format, e.columns, e.mapping, e.headerless) if isinstance(e, readers.MappingNeeded) else None
        return ("error", type(e).__name__, str(e), details)
    c = parsed.contacts
    arrow = [str(c[k].array._pa_array.type) if hasattr(c[k].array, "_pa_array") else type(c[k].array).__name__
             for k in c.columns]
    frame = (list(c.columns), [repr(t) for t in c.dtypes], arrow, repr(c.index),
             {k: [value(v) for v in c[k].tolist()] for k in c.columns})
    return ("ok", parsed.file, parsed.format, parsed.encoding, parsed.columns, parsed.mapping, frame,
            [(p.row, p.message) for p in parsed.problems], parsed.sheets)


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1])
    if mode == "record":
        inputs = (captured_from_tests() if "--tests" in argv else []) + generated() + fixtures()
        pickle.dump([(name, data, kwargs, outcome(name, data, kwargs)) for name, data, kwargs in inputs],
                    path.open("wb"))
        print(f"recorded {len(inputs)} inputs with {readers.__file__}")
        return 0
    differ = 0
    recorded = pickle.load(path.open("rb"))
    for name, data, kwargs, before in recorded:
        after = outcome(name, data, kwargs)
        if after != before:
            differ += 1
            if differ <= 5:
                print(f"--- {name} ({len(data):,} bytes, {kwargs})\n before: {str(before)[:800]}\n"
                      f" after:  {str(after)[:800]}")
    print(f"compared {len(recorded)} inputs with {readers.__file__}: {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
