"""Hostile files through `unstuck import`: how long each takes to be refused and the peak memory of the process,
and that nothing was written. Each runs in its own process, so its peak is its own.

Run: `.venv/bin/python bench/bench_hostile.py`   (prints figures; asserts nothing)
Target on a 2-core machine: every one refused within 10 s and 1 GiB. Before this work: the zip bomb ran past
300 s, the 2,000,000-cell row took 85 s and 1.7 GB, the 100,000-property vCard 95 s, the pipe blocked forever.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "engine"))
from test_hostile_files import many_properties, sheet, wide_row, workbook, zip_bomb  # noqa: E402  (the tests')


def just_under_the_limits() -> bytes:
    """About the most work a workbook may ask for: 8,400,000 cells in 1,400 rows of 6,000, 126 MB unpacked."""
    return workbook(sheet(b"".join(b'<row r="%d">' % r + b"<c><v>1</v></c>" * 6000 + b"</row>"
                                   for r in range(1, 1401))))

# VmHWM, not ru_maxrss: on Linux ru_maxrss carries over the parent's peak through fork and exec.
CHILD = """
import json, re, sys, time
from pathlib import Path
from engine.cli import main
from engine.store import Store
start = time.perf_counter()
code = main(["import", "--db", sys.argv[1], sys.argv[2], "--json"])
seconds = time.perf_counter() - start
with Store(sys.argv[1]) as store:
    written = store.counts()["contacts"] + len(store.import_batches())
peak_kb = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
print(json.dumps({"code": code, "seconds": seconds, "written": written, "peak_mb": peak_kb / 1024}), file=sys.stderr)
"""


def through_the_cli(path: Path, db: Path) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    report = json.loads(done.stdout)["files"][0]
    return figures | {"wall": time.perf_counter() - start, "message": report.get("error", "(read)")}


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    cases = {
        "baseline: a 2-row CSV": lambda p: p.write_bytes(b"Name,Email\nAna Ruiz,ana@example.com\n"),
        "xlsx zip bomb, 1 GiB of blanks": lambda p: p.write_bytes(zip_bomb(1 << 30)),
        "xlsx with a row of 2,000,000 cells": lambda p: p.write_bytes(wide_row(2_000_000)),
        "vCard card with 100,000 properties": lambda p: p.write_bytes(many_properties(100_000)),
        "named pipe with no writer": lambda p: os.mkfifo(p),
        "xlsx just under the size limits": lambda p: p.write_bytes(just_under_the_limits()),
    }
    suffix = {"xlsx": ".xlsx", "vCard": ".vcf"}
    print(f"{'file':44} {'refused in':>11} {'with start-up':>14} {'peak':>9}  written  message")
    for i, (label, make) in enumerate(cases.items()):
        path = tmp / f"case{i}{next((s for k, s in suffix.items() if k in label), '.csv')}"
        make(path)
        size = f" ({path.stat().st_size / 1e6:.1f} MB)" if path.is_file() else ""
        r = through_the_cli(path, tmp / f"case{i}.duckdb")
        print(f"{label + size:44} {r['seconds']:9.2f} s {r['wall']:12.2f} s {r['peak_mb']:6.0f} MB  "
              f"{r['written']:7}  {r['message']}")
    print("written = contacts + import batches in the store afterwards. Targets: refused within 10 s and 1 GiB, "
          "nothing written;\nthe workbook just under the limits is stopped by the time budget (60 s), the backstop.")


if __name__ == "__main__":
    main()
