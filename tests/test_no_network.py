"""Nothing leaves the machine: import, merge, store, scoring, ranking, export and backup with outgoing connections
blocked, proving nothing even tried to connect.

Two layers: Python's socket functions replaced by ones that record the attempt and refuse (portable), and, where
strace runs, every connect()/sendto() system call of the process and its threads (that also catches DuckDB's and
other native code, which never goes through Python's socket module).
That Streamlit sends no usage statistics (`browser.gatherUsageStats = false`) is tests/test_config.py's
test_streamlit_config_keeps_everything_on_this_machine.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "import"

WORK = r"""
import contextlib, io, json, socket, sys
from pathlib import Path

attempts = []

def refuse(name):
    def blocked(*args, **kwargs):
        attempts.append([name, repr(args[1:] if name.startswith("socket.connect") else args)[:200]])
        raise OSError(f"network blocked by test_no_network: {name}")
    return blocked

socket.socket.connect = refuse("socket.connect")
socket.socket.connect_ex = refuse("socket.connect_ex")
socket.create_connection = refuse("socket.create_connection")
socket.getaddrinfo = refuse("socket.getaddrinfo")

from datetime import date

from engine.cli import main
from engine.coaching import responsiveness
from engine.readers import read_contacts
from engine.merge import plan_merge
from engine.outreach import contact_states
from engine.profile import make_profile
from engine.scoring import next_contacts, score_contacts
from engine.settings import STANDARD
from engine.store import Store

samples, work = Path(sys.argv[1]), Path(sys.argv[2])
done = {}
with Store(work / "unstuck.duckdb") as store:
    store.save_profile(make_profile(target_role="Data Engineer", companies="Acme Inc.: 5", industries="Software"))
    for path in sorted(p for p in samples.iterdir() if p.suffix in (".csv", ".tsv", ".vcf", ".xlsx")):
        parsed = read_contacts(path.name, path.read_bytes(), sheet="People" if path.name == "network.xlsx" else None)
        plan = plan_merge(parsed.contacts, store.contacts())
        store.apply_import(path.name, parsed.format, parsed.encoding, parsed.contacts, plan.rows,
                           dict.fromkeys(plan.rows.index[plan.rows["action"] == "ambiguous"], "add"))
    done["contacts"] = store.counts()["contacts"]
    contact = int(store.contacts()["id"].iloc[0])
    store.log_event(contact, "reached_out", date.today(), channel="email")
    events = store.events()
    states = contact_states(events, date.today(), STANDARD.rules)
    scored = score_contacts(store.contacts(), store.load_profile(), states, store.dismissed_flags(),
                            store.snoozed(date.today()), responsiveness(events, date.today()))
    done["next"] = len(next_contacts(scored, 5))
db = str(work / "unstuck.duckdb")
ranking = io.StringIO()
with contextlib.redirect_stdout(ranking):
    codes = [main(["rank", "--json", "--all", "--db", db])]
done["ranked"] = len(json.loads(ranking.getvalue()))
codes += [main(["export", str(work / "contacts.csv"), "--db", db]),
         main(["export", str(work / "contacts.xlsx"), "--format", "xlsx", "--db", db]),
         main(["backup", str(work / "backup.zip"), "--db", db]),
         main(["restore", str(work / "backup.zip"), "--db", str(work / "restored.duckdb")])]
done["codes"] = codes
done["files"] = sorted(p.name for p in work.iterdir())
print("\n@@" + json.dumps({"attempts": attempts, "done": done}))
"""


def run_work(tmp_path: Path, prefix: list[str] = ()) -> tuple[dict, subprocess.CompletedProcess]:
    run = subprocess.run([*prefix, sys.executable, "-c", WORK, str(SAMPLES), str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.rsplit("\n@@", 1)[1])
    return report, run


def assert_the_work_was_done(report: dict) -> None:
    done = report["done"]
    assert done["contacts"] >= 20 and done["next"] == 5
    assert done["codes"] == [0, 0, 0, 0, 0]
    assert {"contacts.csv", "contacts.xlsx", "backup.zip", "restored.duckdb"} <= set(done["files"])
    assert done["ranked"] == done["contacts"]


def test_import_scoring_ranking_and_export_never_try_the_network(tmp_path):
    report, _ = run_work(tmp_path)
    assert report["attempts"] == []
    assert_the_work_was_done(report)


def test_not_even_native_code_opens_a_connection(tmp_path):
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed; the Python-level test above still runs")
    log = tmp_path / "syscalls.log"
    probe = subprocess.run([strace, "-f", "-o", str(tmp_path / "probe.log"), "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here: {probe.stderr.decode(errors='replace')[:200]}")
    report, _ = run_work(tmp_path, [strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log)])
    assert report["attempts"] == []
    assert_the_work_was_done(report)
    calls = log.read_text().splitlines()
    outward = [c for c in calls if "AF_INET" in c or "AF_INET6" in c or "AF_NETLINK" in c]
    assert outward == [], "\n".join(outward[:20])
    local = [c for c in calls if "connect(" in c]
    assert all("AF_UNIX" in c for c in local), "\n".join(local[:20])  # e.g. nscd; never a network peer
