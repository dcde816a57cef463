"""The LinkedIn archive through `unstuck import` into the store: every event against the generator's ground truth,
re-import and the newer archive add exactly the new ones, undo removes them; message texts only by choice."""

import json
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "archive"))
from make_archive import PLANTED, make_archives  # noqa: E402

from engine.cli import main  # noqa: E402
from engine.identity import normalise_linkedin_url  # noqa: E402
from engine.store import Store, StoreError  # noqa: E402


@pytest.fixture(scope="module")
def gen():
    return make_archives()


@pytest.fixture
def zips(gen, tmp_path):
    a, b = tmp_path / "Basic_LinkedInDataExport_10-15-2026.zip", tmp_path / "Complete_LinkedInDataExport.zip"
    a.write_bytes(gen["a"])
    b.write_bytes(gen["b"])
    return a, b


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def imported(capsys, path, *flags) -> dict:
    code, out, err = run(capsys, "import", str(path), "--json", *flags)
    assert code == 0, err
    return json.loads(out)["files"][0]


def stored(db_path) -> list[tuple]:
    with Store(db_path) as s:
        events = s.events()
        contacts = s.contacts().set_index("id")
    return sorted((normalise_linkedin_url(contacts.at[c, "linkedin_url"]), k, d, n)
                  for c, k, d, n in zip(events["contact_id"], events["kind"], events["happened_on"].dt.date,
                                        events["note"], strict=True))


def truth(gen, export) -> list[tuple]:
    out = []
    for t in gen[f"truth_{export}"]:
        if t.connection_url is None:
            continue
        note = t.first_line
        out.append((normalise_linkedin_url(t.connection_url), t.kind, t.at.date(), note))
    return sorted(out)


def _same_but_reply_notes(got, want):
    """Replies' notes say how long the reply took before the first line."""
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g[:3] == w[:3]
        assert g[3] == w[3] if g[1] != "replied" else (g[3].startswith("replied after ") and g[3].endswith(w[3]))


def test_archive_imports_into_exactly_the_ground_truth_and_undo_removes_it(db_path, capsys, gen, zips):
    a, b = zips
    report = imported(capsys, a)
    m = report["messages"]
    want = truth(gen, "a")
    assert m["outreach"] + m["replies"] + m["follow_ups"] == len(want) == m["added"]
    assert {k: v for k, v in m["ignored"].items() if k != "files"} == gen["ignored_a"]
    assert len(m["ignored"]["files"]) == 4
    _same_but_reply_notes(stored(db_path), want)

    # the same archive again: nothing new, nothing recorded
    again = imported(capsys, a)
    assert again["messages"]["added"] == 0 and again["events_batch"] is None and again["added"] == 0
    # the newer export (other folder layout, more columns, drafts): exactly the new events
    newer = imported(capsys, b)
    assert newer["messages"]["added"] == len(truth(gen, "b")) - len(want) > 0
    _same_but_reply_notes(stored(db_path), truth(gen, "b"))

    # every imported event says where it came from; undoing the newer import takes back exactly its events
    with Store(db_path) as s:
        sources = s.event_sources()
        assert len(sources) == len(truth(gen, "b")) and set(sources["source"]) == {"LinkedIn archive"}
        undone = s.undo_import(newer["events_batch"])
        assert undone["events"] == newer["messages"]["added"]
    _same_but_reply_notes(stored(db_path), want)
    with Store(db_path) as s:  # then the first archive's events, then its contacts
        with pytest.raises(StoreError, match=f"Undo import {report['events_batch']} first"):
            s.undo_import(report["batch"])
        s.undo_import(report["events_batch"])
        s.undo_import(report["batch"])
        assert s.counts()["events"] == 0 and s.counts()["contacts"] == 0


def test_dry_run_reports_without_writing(db_path, capsys, zips):
    report = imported(capsys, zips[1], "--dry-run")
    assert report["messages"]["outreach"] > 300 and "added" not in report["messages"]
    assert report["messages"]["unmatched"] and all(p["name"] for p in report["messages"]["unmatched"])
    with Store(db_path) as s:
        assert s.counts()["events"] == 0 and s.counts()["contacts"] == 0


def test_unpacked_folder_and_plain_text_output(db_path, capsys, zips, tmp_path):
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(zips[1]).extractall(folder)
    code, out, _ = run(capsys, "import", str(folder))
    assert code == 0
    assert "conversations:" in out and "left out:" in out and "group conversations" in out
    assert "not among your contacts, so not logged: " in out


def test_imported_events_are_corrected_and_deleted_like_logged_ones(db_path, capsys, zips):
    imported(capsys, zips[0])
    with Store(db_path) as s:
        first, second = s.events()["id"].iloc[:2]
        s.update_event(int(first), kind="met", note="we met for coffee")
        s.delete_event(int(second))
        assert s.events().set_index("id").at[first, "kind"] == "met"
    assert imported(capsys, zips[0])["messages"]["added"] == 0  # a re-import does not undo the correction


def _file_bytes(db_path) -> bytes:
    with Store(db_path) as s:
        s.checkpoint()
    return Path(db_path).read_bytes()


def test_message_bodies_are_kept_only_by_choice_and_forgotten_for_good(db_path, capsys, zips, tmp_path):
    planted = PLANTED.encode()
    imported(capsys, zips[0])
    assert planted not in _file_bytes(db_path)  # the default: first lines only
    with Store(db_path) as s:
        assert s.message_texts() == 0
    imported(capsys, zips[0])
    imported(capsys, zips[0], "--with-message-text")  # chosen later: the stored events get their texts
    assert planted in _file_bytes(db_path)  # the check can fail: the body is there when chosen
    with Store(db_path) as s:
        kept = s.message_texts()
        assert kept > 300
        assert s.forget_message_texts() == kept
        assert s.message_texts() == 0
        assert len(s.events()) > 300  # the events stay
        s.backup(tmp_path / "after.zip")
    assert planted not in Path(db_path).read_bytes()
    assert not Path(str(db_path) + ".wal").exists() or planted not in Path(str(db_path) + ".wal").read_bytes()
    with zipfile.ZipFile(tmp_path / "after.zip") as z:
        assert all(planted not in z.read(n) for n in z.namelist())
    from engine.store import safety_copy_path
    copy = safety_copy_path(Path(db_path))
    assert not copy.exists() or planted not in copy.read_bytes()
    with Store(db_path) as s:  # the rewritten store opens and works
        assert s.message_texts() == 0 and len(s.events()) > 300


@pytest.mark.parametrize("reward_set", ["before", "after"])
def test_old_history_does_not_fire_a_stack_of_rewards(db_path, capsys, zips, reward_set):
    from engine.profile import make_profile
    from engine.rewards import milestones_reached

    def sync(s):
        return s.sync_rewards(milestones_reached(s.people_reached(), 10, "a massage"), "a massage",
                              pd.Timestamp.now().date())
    with Store(db_path) as s:
        if reward_set == "before":
            s.save_profile(make_profile(target_role="Data Analyst", reward="a massage", reward_every=10))
        for contact in range(8):  # eight people reached by hand before the import
            s.log_event(s.add_contact(full_name=f"Hand Logged {contact}"), "reached_out", "2026-12-01")
        if reward_set == "before":
            assert sync(s) == []
    imported(capsys, zips[0])
    with Store(db_path) as s:
        if reward_set == "after":
            s.save_profile(make_profile(target_role="Data Analyst", reward="a massage", reward_every=10))
        reached = s.people_reached()
        assert reached > 100
        assert sync(s) == []  # the import alone passed every milestone so far: nothing to celebrate
        assert len(s.rewards()) == reached // 10 and s.rewards()["celebrated"].all()
        # the next milestone, reached by outreach after the import, is celebrated
        for n in range(10 - reached % 10):
            s.log_event(s.add_contact(full_name=f"After Import {n}"), "reached_out", "2026-12-02")
        assert sync(s) == [s.people_reached()]


def test_past_jobs_are_stored_and_go_with_undo(db_path, capsys, zips):
    report = imported(capsys, zips[0])
    with Store(db_path) as s:
        jobs = s.own_positions()
        assert jobs["company"].tolist() == ["Globex", "Initech"]
        from engine.archive import with_former_colleagues
        contacts = with_former_colleagues(s.contacts(), jobs)  # as the store gives them: dates as Timestamps
        former = contacts[contacts["former_colleague"].notna()]
        assert set(former["company"]) == {"Globex", "Initech"}
        assert len(former) == contacts["company"].isin(["Globex", "Initech"]).sum()
        assert s.archive_about() == {"name": "Alex Rivera", "headline": "Data analyst moving into product analytics",
                                     "positions": ["Data Analyst at Globex (2021-today)",
                                                   "Junior Analyst at Initech (2018-2021)"]}
        s.undo_import(report["events_batch"])
        assert s.own_positions().empty
        assert s.archive_about() == {"name": None, "headline": None, "positions": []}


def test_a_broken_messages_file_is_named_and_nothing_is_written(db_path, capsys, gen, tmp_path):
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as z, zipfile.ZipFile(__import__("io").BytesIO(gen["a"])) as original:
        for name in original.namelist():
            z.writestr(name, original.read(name) if name != "messages.csv" else b"Hello,World\n1,2\n")
    code, out, err = run(capsys, "import", str(broken), "--json")
    report = json.loads(out)["files"][0]
    assert code == 2 and "messages.csv: no header row with CONVERSATION ID, FROM, DATE" in report["error"]
    with Store(db_path) as s:  # not even the connections: the archive is read whole before anything is written
        assert s.counts()["contacts"] == 0 and s.import_batches().empty


def test_a_row_with_extra_cells_is_reported_not_silently_dropped(db_path, capsys, gen, tmp_path):
    odd = tmp_path / "odd.zip"
    with zipfile.ZipFile(odd, "w") as z, zipfile.ZipFile(__import__("io").BytesIO(gen["a"])) as original:
        for name in original.namelist():
            data = original.read(name)
            if name == "messages.csv":
                data += b"x,,A,B,C,D,2026-01-01 10:00:00 UTC,,hi,INBOX,extra,cells,here\n"
            z.writestr(name, data)
    report = imported(capsys, odd)
    assert any("a row with 13 cells" in p for p in report["messages"]["problems"])
    assert report["messages"]["added"] == len(truth(gen, "a"))
