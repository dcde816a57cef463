"""Many sessions of one app, and a second program, on one store: nothing is lost and nobody sees 'database is locked'.

Streamlit runs every browser tab's script in its own thread over the one cached Store; a second program (another
`unstuck` or `streamlit run`) is a second process, which DuckDB refuses while the first holds the file: that
user must get a plain message naming the file and the process that holds it.
"""

import json
import os
import random
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

from engine.profile import make_profile
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
SESSIONS = 6
MIN_ROUNDS, MAX_ROUNDS = 40, 400  # each session goes on until the second-process checks are done, within bounds
FLAGS = ("hr_or_recruiting", "could_be_boss", "above_target_level")
OPEN_IN_APP = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("streamlit_app.py", default_timeout=60).run()
print("\\n".join(e.value for e in at.error))
sys.exit(0 if not at.exception else 1)
"""


class Session:
    """One browser tab: a seeded mix of what the pages write and read, remembering everything it wrote."""

    def __init__(self, store: Store, n: int, own: list[int], everyone: list[int]):
        self.store, self.n, self.own, self.everyone = store, n, own, everyone
        self.rng = random.Random(n)
        self.added: dict[int, str] = {}
        self.events: dict[int, str] = {}
        self.notes: dict[int, str] = {}
        self.flags: dict[tuple[int, str], bool] = {}
        self.roles: list[tuple[str, str]] = []
        self.setting: str | None = None
        self.rounds = 0
        self.errors: list[BaseException] = []

    def step(self, i: int) -> None:
        store, tag = self.store, f"s{self.n}-{i}"
        op = self.rng.choice(("add", "log", "edit", "profile", "flag", "settings", "read", "read"))
        if op == "add":
            contact = store.add_contact(full_name=f"Person {tag}", company=f"Company {self.n}", tie_strength=3)
            self.added[contact] = f"Person {tag}"
            assert contact in set(store.contacts()["id"])  # a session sees its own write at once
        elif op == "log":
            contact = self.rng.choice(self.everyone)
            self.events[store.log_event(contact, "reached_out", date(2026, 11, 2) + timedelta(days=i % 20),
                                        channel="email", note=tag)] = tag
        elif op == "edit":
            contact = self.rng.choice(self.own)
            store.update_contacts({contact: {"notes": tag, "tie_strength": 1 + i % 5}})
            self.notes[contact] = tag
        elif op == "profile":
            store.save_profile(make_profile(target_role=f"Role {tag}", companies=f"Company {self.n}: 4"))
            self.roles.append((f"Role {tag}", f"Company {self.n}"))
        elif op == "flag":
            key = (self.rng.choice(self.own), self.rng.choice(FLAGS))
            self.flags[key] = self.rng.random() < 0.7
            store.set_flag_dismissed(*key, dismissed=self.flags[key])
        elif op == "settings":
            store.set_settings({f"session_{self.n}": tag})
            self.setting = tag
        else:
            store.contacts(), store.events(), store.counts(), store.load_profile(), store.dismissed_flags()

    def run(self, barrier: threading.Barrier, others_done: threading.Event) -> None:
        try:
            barrier.wait()
            while self.rounds < MIN_ROUNDS or (not others_done.is_set() and self.rounds < MAX_ROUNDS):
                self.step(self.rounds)
                self.rounds += 1
        except BaseException as e:  # noqa: BLE001 - anything escaping a session is what the user would see
            self.errors.append(e)


def check_everything_is_there(store: Store, sessions: list[Session]) -> None:
    contacts = store.contacts().set_index("id")
    for s in sessions:
        for contact, name in s.added.items():
            assert contacts.at[contact, "full_name"] == name
        for contact, note in s.notes.items():
            assert contacts.at[contact, "notes"] == note and "notes" in list(contacts.at[contact, "manual_fields"])
    events = store.events().set_index("id")["note"].to_dict()
    assert events == {e: note for s in sessions for e, note in s.events.items()}
    dismissed = {key for s in sessions for key, on in s.flags.items() if on}
    assert store.dismissed_flags() == dismissed
    settings = store.settings()
    assert {k: v for k, v in settings.items() if k.startswith("session_")} == \
        {f"session_{s.n}": s.setting for s in sessions if s.setting}
    profile = store.load_profile()
    last_saves = {s.roles[-1] for s in sessions if s.roles}  # the last save wins, whole: role with its company
    assert (profile.target_role, *(c.name for c in profile.companies)) in last_saves


def second_process(*argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=env)


def assert_plain_lock_message(run: subprocess.CompletedProcess, path: Path) -> None:
    assert run.returncode != 0, run.stdout
    assert str(path) in run.stderr and f"process {os.getpid()})" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and "locked" not in run.stderr.lower()


def test_six_sessions_and_a_second_program_lose_nothing(db_path):
    store = Store(db_path)
    store.save_profile(make_profile(target_role="Data Analyst"))
    seeded = [store.add_contact(full_name=f"Seed {i}", company="Acme") for i in range(SESSIONS * 5)]
    sessions = [Session(store, n, seeded[n * 5:(n + 1) * 5], seeded) for n in range(SESSIONS)]
    barrier, others_done = threading.Barrier(SESSIONS + 1), threading.Event()
    threads = [threading.Thread(target=s.run, args=(barrier, others_done)) for s in sessions]
    for t in threads:
        t.start()
    try:
        barrier.wait()
        # meanwhile a second program tries the store: the CLI, the library, and the app itself
        rank = second_process("-m", "engine.cli", "rank", "--db", str(db_path))
        backup = second_process("-m", "engine.cli", "backup", "--db", str(db_path), str(db_path.parent / "b.zip"))
        library = second_process("-c", "import sys; from engine.store import Store, StoreError\ntry:\n"
                                 "    Store(sys.argv[1])\nexcept StoreError as e:\n"
                                 "    sys.exit(f'unstuck: {e}')", str(db_path))
        app = second_process("-c", OPEN_IN_APP, env=dict(os.environ, UNSTUCK_DB=str(db_path)))
    finally:
        others_done.set()
        for t in threads:
            t.join(120)
    assert [e for s in sessions for e in s.errors] == []
    assert all(s.rounds >= MIN_ROUNDS for s in sessions)
    print(f"rounds per session: {[s.rounds for s in sessions]}; writes: "
          f"{sum(len(s.added) + len(s.events) + len(s.notes) + len(s.roles) for s in sessions)}")
    for run in (rank, backup, library):
        assert_plain_lock_message(run, db_path)
    assert not (db_path.parent / "b.zip").exists()
    assert app.returncode == 0, app.stderr
    assert str(db_path) in app.stdout and f"process {os.getpid()})" in app.stdout and "Only one program" in app.stdout

    check_everything_is_there(store, sessions)
    total = store.counts()
    store.close()
    with Store(db_path) as reopened:  # on disk, not only in this process's memory
        check_everything_is_there(reopened, sessions)
        assert reopened.counts() == total

    # once the first program has let go, the second one works on everything the first one wrote
    contact = next(iter(sessions[0].added), seeded[0])
    logged = second_process("-m", "engine.cli", "log", str(contact), "--note", "from the second program",
                            "--db", str(db_path))
    assert logged.returncode == 0, logged.stderr
    ranked = second_process("-m", "engine.cli", "rank", "--all", "--json", "--db", str(db_path))
    assert ranked.returncode == 0, ranked.stderr
    assert len(json.loads(ranked.stdout)) == total["contacts"]
    with Store(db_path) as store:
        assert store.counts()["events"] == total["events"] + 1
        assert "from the second program" in set(store.events()["note"])
