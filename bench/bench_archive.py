"""LinkedIn archive import figures: 30,000 connections and about 20,000 messages (a very active account), through
`unstuck import archive.zip` in one process, into an empty store and again (nothing new), with the parts.

Run: `.venv/bin/python bench/bench_archive.py [--people N] [--connections N]`   (prints figures; asserts nothing)
Target on a 2-core machine: the first import < 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "data" / "archive")]  # this checkout's engine and generator
from make_archive import COMPANIES, EXPORT_B, TITLES, Person, archive_zip, build  # noqa: E402

from engine.archive import open_archive, plan_archive  # noqa: E402
from engine.cli import main  # noqa: E402
from engine.readers import read_contacts  # noqa: E402


def big_archive(people: int, connections: int) -> tuple[bytes, int]:
    arc = build(people, seed=11)
    for i in range(connections - sum(p.connected for p in arc.people)):
        arc.people.append(Person("Quiet", f"Connection{i}", f"https://www.linkedin.com/in/quiet-{i}",
                                 COMPANIES[i % len(COMPANIES)], TITLES[i % len(TITLES)]))
    return archive_zip(arc, EXPORT_B, newer=True), len(arc.messages)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timed_cpu(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process): on a shared machine the CPU time says what the work costs."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main_bench() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=9_000, help="people the user wrote with")
    parser.add_argument("--connections", type=int, default=30_000)
    args = parser.parse_args()
    data, n_messages = big_archive(args.people, args.connections)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Basic_LinkedInDataExport.zip"
        path.write_bytes(data)
        db = Path(tmp) / "bench.duckdb"
        files = open_archive(path.name, data)
        parsed = read_contacts(*files.get("connections")).contacts
        contacts = parsed.assign(id=range(1, len(parsed) + 1))
        print(f"archive: {len(parsed):,} connections, {n_messages:,} messages, {len(data) / 1e6:.1f} MB zipped")
        print(f"  open zip                     {timed(lambda: open_archive(path.name, data)):6.2f} s")
        plan_s = timed(lambda: plan_archive(files, contacts))
        print(f"  messages into events, match  {plan_s:6.2f} s")
        quiet = contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO())

        def cli():
            with quiet[0], quiet[1]:
                assert main(["import", "--db", str(db), str(path), "--json"]) == 0
        first = timed_cpu(cli)
        quiet = contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO())
        again = timed_cpu(cli)
        print(f"unstuck import, empty store    {first[0]:6.2f} s   ({first[1]:.2f} s CPU; target < 5 s)")
        print(f"unstuck import again (no-op)   {again[0]:6.2f} s   ({again[1]:.2f} s CPU)")


if __name__ == "__main__":
    main_bench()
