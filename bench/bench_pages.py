"""Page speed as the user feels it: server CPU per navigation in a real browser, over the demo and a 30k store.

Run: `.venv/bin/python bench/bench_pages.py [--db PATH] [--contacts N] [--events N] [--skip-big] [--tours N]`
(prints figures only). Without --db it builds two temporary stores: the demo (about 400 people) and one of
--contacts people with --events outreach events (the Progress bench's recipe); with --db it measures a copy.

For each store it starts the app as `make run` does (serve.py), opens Today in headless Chromium (the first Today
after start: the store's first run, nothing remembered), starts the app again over the same store and opens Today
(the next start: the titles' readings the first run remembered in the store are loaded, as on a user's next day),
then tours every page of the sidebar by clicking its link, --tours times (the first tour is cold, the others warm),
then opens each page's address once more (a page load: a new session, as after a reload or from a bookmark),
uploads the sample import files on the Import page (the import preview), imports them, and opens Today again (the
first Today after a write: everything is scored and learned anew). Each figure is the CPU time the server process
spent (user + system, all threads, from /proc/<pid>/stat) from the click until the server went quiet, so it counts
the script run, caching, serialisation and serving alike, and not the browser.
Targets on a 2-core machine: every page warm <= 0.15 s (demo) and <= 0.4 s (30k); the first Today <= 2 s (30k);
the import preview of the sample files <= 1 s. It prints the server's start too (its CPU until it went quiet):
serve.py loads the engine then, once Streamlit's server is up, instead of on the first click.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bytecode import compile_checkout  # noqa: E402

from engine.demo import demo_dataset, demo_profile  # noqa: E402
from engine.store import Store  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from app_server import start_app, stop_app  # noqa: E402  (the browser tests start the app the same way)

CHROMIUM = os.environ.get("UNSTUCK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SAMPLES = ROOT / "tests" / "data" / "import"
TICK = os.sysconf("SC_CLK_TCK")
QUIET_S = 0.5  # the server counts as done once it used at most one clock tick per 50 ms for this long


def cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process and all its threads so far, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime and stime: fields 14 and 15 of stat(5)


def cpu_seconds(pid: int) -> float:
    return cpu_ticks(pid) / TICK


def wait_quiet(pid: int, timeout: float = 300.0) -> float:
    """Block until the server stops using CPU (its script run and the sending of what it drew are over); returns
    the moment, on the perf_counter clock, it was last seen working."""
    deadline = time.monotonic() + timeout
    last, busy = cpu_ticks(pid), time.perf_counter()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = cpu_ticks(pid)
        if now - last > 1:  # more than one clock tick: still working
            last, busy = now, time.perf_counter()
        elif time.perf_counter() - busy >= QUIET_S:
            return busy
    raise TimeoutError("the server kept working for more than five minutes")


def measure(pid: int, action, page) -> tuple[float, float]:
    """(server CPU seconds, wall seconds) of one user action, until the server went quiet. The quiet period the
    measurement waits through costs at most a clock tick, and wall time ends where the server's work did."""
    cpu, start = cpu_seconds(pid), time.perf_counter()
    action()
    page.wait_for_selector("[data-testid='stApp']")
    busy = wait_quiet(pid)
    return cpu_seconds(pid) - cpu, max(busy, start) - start


def sample_files() -> list[str]:
    return sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".csv", ".tsv", ".xlsx", ".vcf"))


def start_and_open_today(db: Path, log: Path, browser):
    """Start the app over `db`, open Today in a new browser context once the server is quiet; (server process,
    address, context, page, the (CPU, wall) figure of that first Today, the server's CPU seconds from its start until
    it went quiet: Streamlit's start, then the engine loading, serve.py). The server is stopped if opening
    fails."""
    proc, url = start_app(db, log, timeout=120)
    try:
        wait_quiet(proc.pid)
        startup = cpu_seconds(proc.pid)
        context = browser.new_context(viewport={"width": 1300, "height": 900})
        page = context.new_page()
        page.set_default_timeout(300_000)
        figure = measure(proc.pid, lambda: page.goto(url), page)
        page.get_by_text("Whom to approach next").wait_for()
    except BaseException:
        stop_app(proc)
        raise
    return proc, url, context, page, figure, startup


def run(db: Path, label: str, tours: int, browser, tmp: Path) -> None:
    proc, url, context, page, first, startup = start_and_open_today(db, tmp / f"server-{label}.log", browser)
    # The next start of the app over the same store, as a user's next day: the titles' readings the first Today
    # remembered in the store (engine.readings) are loaded instead of read again.
    context.close()
    stop_app(proc)
    proc, url, context, page, again, _ = start_and_open_today(db, tmp / f"server-{label}-again.log", browser)
    pid = proc.pid
    try:
        links = page.locator("[data-testid='stSidebarNavLink']")
        names = [links.nth(i).inner_text().strip().splitlines()[-1] for i in range(links.count())]  # after the icon
        hrefs = [urljoin(url + "/", links.nth(i).get_attribute("href")) for i in range(links.count())]
        clicks: dict[str, list[float]] = {name: [] for name in names}
        loads: dict[str, float] = {}
        for _ in range(tours):  # clicks in the sidebar: one session, the page's script reruns
            for i, name in enumerate(names):
                clicks[name].append(measure(pid, lambda i=i: links.nth(i).click(), page)[0])
                if page.locator("[data-testid='stException']").count():
                    print(f"  !! {name} shows an exception")
        for name, href in zip(names, hrefs, strict=True):  # opening the address: a new session each time
            loads[name] = measure(pid, lambda href=href: page.goto(href), page)[0]
        measure(pid, lambda: page.goto(hrefs[names.index("Import")]), page)
        files = sample_files()
        preview = measure(pid, lambda: page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            files), page)
        page.locator(".st-key-import_confirm").wait_for()
        imported = measure(pid, lambda: page.locator(".st-key-import_confirm button").click(), page)
        after = measure(pid, lambda: links.nth(names.index("Today")).click(), page)
        page.get_by_text("Whom to approach next").wait_for()
        context.close()
    finally:
        stop_app(proc)

    with Store(db) as store:
        counts = store.counts()
    warm = "warm click" + (f" (best of {tours - 1})" if tours > 2 else "")
    print(f"\n{label}: {counts['contacts']:,} contacts, {counts['events']:,} outreach events after the import "
          "(server CPU seconds; wall seconds in brackets)")
    print(f"  the server's start, then the engine loading (serve.py): {startup:.2f} s CPU")
    print(f"  first Today after start, the store's first run: {first[0]:.2f} s CPU ({first[1]:.2f} s)")
    print(f"  first Today after the next start (title readings remembered): {again[0]:.2f} s CPU ({again[1]:.2f} s)")
    print(f"  {'page':<12}{'cold click':>12}{warm:>{len(warm) + 4}}{'warm load':>12}")
    for name, runs in clicks.items():
        print(f"  {name:<12}{runs[0]:>12.2f}{min(runs[1:], default=float('nan')):>{len(warm) + 4}.2f}"
              f"{loads[name]:>12.2f}")
    print(f"  slowest page, warm click: {max(min(r[1:], default=0) for r in clicks.values()):.2f} s CPU; "
          f"warm load: {max(loads.values()):.2f} s CPU")
    print(f"  import preview of the {len(files)} sample files: {preview[0]:.2f} s CPU ({preview[1]:.2f} s)")
    print(f"  importing them: {imported[0]:.2f} s CPU; then Today: {after[0]:.2f} s CPU ({after[1]:.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="measure a copy of this store only (the tour imports the sample files)")
    ap.add_argument("--contacts", type=int, default=30_000, help="people in the big store (default 30,000)")
    ap.add_argument("--events", type=int, default=5_000, help="outreach events in the big store (default 5,000)")
    ap.add_argument("--skip-big", action="store_true", help="measure the demo store only")
    ap.add_argument("--tours", type=int, default=2, help="tours of every page (default 2: cold, then warm; with "
                    "more, the best warm figure is shown)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    compile_checkout()  # else every "first Today" would compile the engine from source (bench/bytecode.py)

    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    stores: list[tuple[Path, str]] = []
    if args.db:
        shutil.copy(args.db, tmp / args.db.name)  # a closed store file: nothing holds it
        stores.append((tmp / args.db.name, args.db.name))
    else:
        today = date.today()
        with Store(tmp / "demo.duckdb") as store:
            store.load_demo(demo_dataset(today), demo_profile())
        stores.append((tmp / "demo.duckdb", "demo store"))
        if not args.skip_big:
            sys.path.insert(0, str(ROOT / "bench"))
            from bench_progress import build_store

            build_store(tmp / "big.duckdb", args.contacts, args.events, today)
            stores.append((tmp / "big.duckdb", f"{args.contacts:,}-contact store"))
    print(f"{os.cpu_count()} cores; the machine may be shared: repeat the run and compare the best figures")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                for db, label in stores:
                    run(db, label, args.tours, browser, tmp)
            finally:
                browser.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
