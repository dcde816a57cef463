"""End-to-end import figures: a 30,000-row LinkedIn export (LinkedIn's connection cap) into an empty store and
again into the full one, and a 1,000,000-row file through the CLI with its peak memory, beside DuckDB alone.

Run: `.venv/bin/python bench/bench_import.py [--big-rows N]`   (prints figures; asserts nothing)
Whole-process figures (start-up included, and the 30,000-row import beside DuckDB alone): bench/bench_cli.py.
Targets on a 2-core machine: first import < 1 s, re-import < 1.5 s; 1M rows < 15 s and < 2 GiB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]  # this checkout's engine, not an installed one
from bench_import_parse import linkedin_export  # noqa: E402

from engine.importing import preview_files  # noqa: E402
from engine.store import Store  # noqa: E402


def import_once(store: Store, name: str, data: bytes):
    """What the CLI and the page do for one file: read, plan against the store (with the source rows imported
    before and the change report), write."""
    preview = preview_files([(name, data)], store.contacts(), store.load_profile(), owners=store.source_owners)[0]
    parsed = preview.parsed
    return store.apply_import(name, parsed.format, parsed.encoding, parsed.contacts, preview.plan.rows)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big-rows", type=int, default=1_000_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    data = linkedin_export(30_000)
    with Store(tmp / "bench.duckdb") as store:
        first, r1 = timed(lambda: import_once(store, "Connections.csv", data))
        again, r2 = timed(lambda: import_once(store, "Connections.csv", data))
        newer = linkedin_export(30_000, seed=2, slug="person")  # same people (same URLs), newer jobs
        changed, r3 = timed(lambda: import_once(store, "Connections-2.csv", newer))
    print(f"30,000-row LinkedIn export, first import into an empty store: {first:.2f} s "
          f"({r1.added} added)   target < 1 s")
    print(f"same file again into the full store (all matched, nothing new): {again:.2f} s "
          f"({r2.skipped} unchanged)   target < 1.5 s")
    print(f"a newer export of the same 30,000 people (jobs changed): {changed:.2f} s ({r3.merged} merged)")

    big = tmp / "Connections-big.csv"
    big.write_bytes(linkedin_export(args.big_rows, seed=3, slug="big"))
    size_mb = big.stat().st_size / 1e6
    code = ("import resource, sys, time; from engine.cli import main; t = time.perf_counter(); "
            "rc = main(['import', '--db', sys.argv[1], sys.argv[2], '--json']); "
            "print(f'{time.perf_counter() - t:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', "
            "file=sys.stderr); sys.exit(rc)")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, str(tmp / "big.duckdb"), str(big)], capture_output=True,
                         text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    seconds, peak_kb = out.stderr.strip().splitlines()[-1].split()
    print(f"{args.big_rows:,}-row file ({size_mb:.0f} MB) through `unstuck import`: {float(seconds):.1f} s inside "
          f"the CLI, {wall:.1f} s with start-up; peak memory {int(peak_kb) / 2**20:.2f} GiB   "
          f"targets < 15 s, < 2 GiB")

    import duckdb  # only to compare against DuckDB reading the same CSV on its own

    con = duckdb.connect()
    body = tmp / "body.csv"  # DuckDB's sniffer rejects the preamble, so give it the header onwards
    body.write_bytes(big.read_bytes().split(b"\n", 3)[3])
    duck, _ = timed(lambda: con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{body}')").fetchall())
    print(f"DuckDB alone, read_csv into a table: {duck:.2f} s; Unstuck's import is {float(seconds) / duck:.0f}x that "
          "(it also detects the format, checks every row, matches people and keeps each source row)")
    print(f"this process's peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB")


if __name__ == "__main__":
    main()
