import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from engine.cli import build_parser, main
from engine.store import Store

UNSTUCK = Path(sys.executable).parent / "unstuck"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_target_then_profile_json(db_path, capsys):
    code, out, _ = run(capsys, "target", "--role", "Data Scientist", "--level", "senior", "--industry", "Health",
                       "--industry", "Fintech", "--company", "Acme:5", "--company", "Globex", "--keyword", "ML",
                       "--no-hr-target")
    assert code == 0 and json.loads(out)["target_role"] == "Data Scientist"
    code, out, _ = run(capsys, "profile", "--json")
    profile = json.loads(out)
    assert code == 0
    assert profile["industries"] == ["Health", "Fintech"]
    assert profile["companies"] == [{"name": "Acme", "motivation": 5}, {"name": "Globex", "motivation": 3}]
    assert profile["hr_target"] is False and profile["target_level"] == "senior"


def test_target_keeps_what_is_not_given(db_path, capsys):
    run(capsys, "target", "--role", "Recruiter", "--hr-target", "--company", "Acme:4")
    run(capsys, "target", "--level", "lead")
    profile = json.loads(run(capsys, "profile", "--json")[1])
    assert (profile["target_role"], profile["target_level"], profile["hr_target"]) == ("Recruiter", "lead", True)
    assert profile["companies"] == [{"name": "Acme", "motivation": 4}]


def test_bad_target_is_refused_with_the_field_named(db_path, capsys):
    code, out, err = run(capsys, "target", "--role", "PM", "--company", "Acme:7")
    assert code == 2 and out == ""
    assert "companies" in err and "1 to 5" in err
    with Store(db_path) as store:
        assert store.load_profile() is None


def test_profile_without_one_says_how_to_set_it(db_path, capsys):
    code, out, err = run(capsys, "profile", "--json")
    assert code == 1 and out.strip() == "null" and "unstuck target" in err


def test_demo_loads_once_and_refuses_to_mix_with_real_data(db_path, capsys):
    assert run(capsys, "demo")[0] == 0
    with Store(db_path) as store:
        assert store.has_demo() and store.counts()["demo_contacts"] > 300
        store.write(lambda cur: cur.execute("INSERT INTO contacts (full_name) VALUES ('Real Person')"))
    code, _, err = run(capsys, "demo")
    assert code == 1 and "--force" in err
    assert run(capsys, "demo", "--force")[0] == 0
    assert run(capsys, "demo", "--remove")[0] == 0
    with Store(db_path) as store:
        assert store.contacts()["full_name"].tolist() == ["Real Person"] and not store.has_demo()


def test_demo_if_empty_leaves_a_store_with_data_alone(db_path, capsys):
    run(capsys, "target", "--role", "Nurse")
    code, _, err = run(capsys, "demo", "--if-empty")
    assert code == 0 and "not loaded" in err
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 0


def test_db_option_chooses_the_store(tmp_path, capsys):
    other = tmp_path / "other.duckdb"
    run(capsys, "target", "--db", str(other), "--role", "Designer")
    assert other.exists()
    assert json.loads(run(capsys, "profile", "--json", "--db", str(other))[1])["target_role"] == "Designer"


def test_every_command_has_help_text():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0]
    assert set(commands.choices) >= {"demo", "target", "profile"}
    for name, sub in commands.choices.items():
        assert sub.description, name
        for action in sub._actions:
            assert action.help, f"{name} {action.option_strings}"
    assert all(a.help for a in commands._choices_actions)


def test_console_script_is_installed_and_a_locked_store_gives_a_plain_message(db_path):
    assert UNSTUCK.exists()
    with Store(db_path):  # this process holds the store
        out = subprocess.run([str(UNSTUCK), "--db", str(db_path), "profile"], capture_output=True, text=True,
                             timeout=60)
    assert out.returncode == 1
    assert str(db_path) in out.stderr and "Traceback" not in out.stderr


def test_the_command_leaves_at_once_with_its_writes_stored_and_its_output_whole(db_path):
    """`unstuck` ends its process as soon as a command returns (engine.cli.run skips Python's own exit): what the
    command wrote is in the store, every line of its output arrives, and its exit status is kept."""
    sample = Path(__file__).resolve().parents[1] / "data" / "import" / "linkedin_connections.csv"
    imported = subprocess.run([str(UNSTUCK), "import", "--json", str(sample)], capture_output=True, text=True,
                              timeout=120, check=True)
    added = json.loads(imported.stdout)["files"][0]["added"]
    with Store(db_path) as store:
        assert added > 0 and store.counts()["contacts"] == added
    subprocess.run([str(UNSTUCK), "target", "--role", "Data Analyst"], capture_output=True, timeout=120, check=True)
    ranked = subprocess.run([str(UNSTUCK), "rank", "--all", "--json"], capture_output=True, text=True, timeout=120,
                            check=True)
    assert len(json.loads(ranked.stdout)) == added
    missing = subprocess.run([str(UNSTUCK), "explain", "999999"], capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1


@pytest.mark.parametrize("argv", [["--help"], ["demo", "--help"], ["target", "--help"]])
def test_help_exits_cleanly(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0 and "unstuck" in capsys.readouterr().out


SAMPLES = Path(__file__).resolve().parents[1] / "data" / "import"


def test_import_json_report_then_history_and_undo(db_path, capsys):
    code, out, err = run(capsys, "import", str(SAMPLES / "linkedin_connections.csv"),
                         str(SAMPLES / "outlook_desktop.csv"), "--json")
    report = json.loads(out)
    assert code == 0 and report["contacts_total"] == 6
    linkedin, outlook = report["files"]
    assert (linkedin["format"], linkedin["encoding"], linkedin["added"]) == ("linkedin", "utf-8", 6)
    assert (outlook["format"], outlook["encoding"], outlook["merged"]) == ("outlook", "cp1252", 1)
    assert {"row": 11, "message": "no name (only the company 'Nowhere')"} in linkedin["problems"]
    assert set(linkedin) >= {"file", "format", "encoding", "rows", "added", "merged", "skipped", "problems"}
    assert "reading" in err  # progress goes to standard error, never into the JSON

    code, out, _ = run(capsys, "imports", "--json")
    batches = json.loads(out)
    assert [b["file_name"] for b in batches] == ["outlook_desktop.csv", "linkedin_connections.csv"]
    assert run(capsys, "undo-import", str(batches[0]["id"]))[0] == 0
    with Store(db_path) as store:
        jose = store.contacts().set_index("full_name").loc["José Müller"]
        assert pd.isna(jose["email"]) and list(jose["emails"]) == []  # what the Outlook file brought is gone


def test_import_dry_run_writes_nothing(db_path, capsys):
    code, out, _ = run(capsys, "import", str(SAMPLES / "google_contacts.csv"), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["files"][0]["added"] == 4
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 0


def test_an_unreadable_file_exits_2_and_the_others_still_import(db_path, tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "import", str(empty), str(SAMPLES / "linkedin_connections.csv"), "--json")
    report = json.loads(out)
    assert code == 2 and report["contacts_total"] == 6
    assert "empty.csv" in err and report["files"][0]["error"]


def test_import_with_a_column_mapping(db_path, tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("Wer;Wo;Was\nAna Ruiz;Foo;Data Analyst\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(people), "--map", "full_name=Wer", "--map", "company=Wo",
                       "--map", "title=Was", "--json")
    assert code == 0 and json.loads(out)["files"][0]["added"] == 1
    with Store(db_path) as store:
        assert store.contacts()[["full_name", "company", "title"]].values.tolist() == [["Ana Ruiz", "Foo",
                                                                                        "Data Analyst"]]


def test_a_headerless_file_is_imported_with_a_mapping_by_position(db_path, tmp_path, capsys):
    people = tmp_path / "no_header.csv"
    people.write_bytes(b"John Doe,John,Doe,john@doe.invalid\r\nJane Doe,Jane,Doe,jane@doe.invalid\r\n")
    code, _, err = run(capsys, "import", str(people))
    assert code == 2 and "map by position instead, e.g. full_name=1" in err
    code, out, _ = run(capsys, "import", str(people), "--map", "full_name=1", "--map", "email=4", "--json")
    assert code == 0 and json.loads(out)["files"][0]["added"] == 2
    with Store(db_path) as store:
        assert sorted(store.contacts()["email"]) == ["jane@doe.invalid", "john@doe.invalid"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_import_refuses_a_pipe_a_device_and_a_folder_at_once_and_writes_nothing(db_path, tmp_path):
    pipe = tmp_path / "contacts.csv"
    os.mkfifo(pipe)  # nobody ever writes to it: reading it would wait forever
    # A subprocess with a timeout: if the pipe were opened for reading, this test would hang, not fail.
    code = "import sys; from engine.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", code, "import", "--db", str(db_path), str(pipe), "/dev/zero",
                           str(tmp_path), "--json"],
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    report = json.loads(done.stdout)
    assert done.returncode == 2 and report["contacts_total"] == 0
    assert [f["error"] for f in report["files"]] == [
        "this is a named pipe, not a file; only regular files are imported",
        "this is a device, not a file; only regular files are imported",
        "this is a folder, not a file; only regular files are imported"]
    assert "unstuck import: contacts.csv: this is a named pipe" in done.stderr
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 0 and store.import_batches().empty


def test_import_refuses_a_file_over_the_size_limit_before_reading_it(db_path, tmp_path, capsys, monkeypatch):
    from engine import readers

    big = tmp_path / "big.csv"
    big.write_bytes(b"Name\n" + b"Ana\n" * (3 << 18))  # 3 MB
    monkeypatch.setattr(readers, "LIMITS", readers.Limits(max_bytes=1 << 20))
    code, out, _ = run(capsys, "import", str(big), "--json")
    assert code == 2 and json.loads(out)["files"][0]["error"] == "file is 3 MB; the limit is 1 MB"


def test_rank_json_and_explain(db_path, capsys):
    run(capsys, "demo")
    code, out, err = run(capsys, "rank", "--top", "4", "--json")
    top = json.loads(out)
    assert code == 0 and len(top) == 4 and "scoring" in err
    first = top[0]
    assert set(first) >= {"id", "name", "company", "title", "seniority", "family", "closeness", "priority", "flags",
                          "why", "status"}
    assert [t["priority"] for t in top] == sorted((t["priority"] for t in top), reverse=True)
    assert all(t["status"] in ("to_approach", "drafting") or "follow up" in " ".join(t["why"]) for t in top)
    everyone = json.loads(run(capsys, "rank", "--all", "--json")[1])
    with Store(db_path) as store:
        assert len(everyone) == store.counts()["contacts"]
    assert {e["status"] for e in everyone} >= {"to_approach", "met", "declined"}
    flagged = next(e for e in everyone if e["flags"])
    assert flagged["flags"][0]["code"] in {"hr_or_recruiting", "could_be_boss", "above_target_level"}
    assert flagged["flags"][0]["reason"]
    code, out, _ = run(capsys, "explain", str(first["id"]))
    assert code == 0 and first["name"] in out and "Closeness" in out and "Priority" in out
    assert run(capsys, "explain", "999999")[0] == 1


def test_a_second_rank_reads_the_titles_the_first_remembered(db_path, capsys, new_process):
    run(capsys, "demo")
    first = subprocess.run([sys.executable, "-m", "engine.cli", "rank", "--all", "--json", "--db", str(db_path)],
                           cwd=Path(__file__).resolve().parents[2], capture_output=True, check=True).stdout
    with Store(db_path) as store:
        titles = set(store.contacts()["title"].dropna())
        assert set(store.read("SELECT title FROM title_readings")["title"]) == titles

    def rank_as_a_new_process():
        new_process()
        return json.loads(run(capsys, "rank", "--all", "--json")[1])
    assert rank_as_a_new_process() == json.loads(first)
    someone = next(r for r in json.loads(first) if r["family"] != "legal" and r["title"])
    with Store(db_path) as store:  # a reading the store says differently: the next run takes the store's word
        store.write(lambda cur: cur.execute("UPDATE title_readings SET family = 'legal' WHERE title = ?",
                                            [someone["title"]]))
    again = {r["id"]: r for r in rank_as_a_new_process()}
    assert again[someone["id"]]["family"] == "legal"


def test_rank_without_a_profile_says_what_to_do(db_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["rank"])
    assert "unstuck target" in str(exit_.value.code)


def test_log_outcome_and_followups(db_path, capsys):
    with Store(db_path) as store:
        ana = store.add_contact(full_name="Ana Ruiz", company="Acme")
    code, out, _ = run(capsys, "log", str(ana), "--channel", "linkedin", "--note", "short note",
                       "--date", "2026-11-02")
    assert code == 0 and json.loads(out)["kind"] == "reached_out"
    followups = json.loads(run(capsys, "followups", "--json")[1])
    assert [f["id"] for f in followups] == [ana] and followups[0]["message"].startswith("Hi Ana,")
    code, _, err = run(capsys, "outcome", str(ana), "declined", "--note", "too busy")
    assert code == 0 and "recommend someone else" in err
    assert json.loads(run(capsys, "followups", "--json")[1]) == []
    with Store(db_path) as store:
        events = store.contact_events(ana)
    assert events["kind"].tolist() == ["reached_out", "declined"]
    assert events["channel"].iloc[0] == "linkedin"


def test_log_refuses_an_unknown_contact_and_a_future_date(db_path, capsys):
    with pytest.raises(SystemExit, match="no contact 42"):
        main(["log", "42"])
    with Store(db_path) as store:
        ana = store.add_contact(full_name="Ana")
    with pytest.raises(SystemExit, match="in the future"):
        main(["log", str(ana), "--date", "2999-01-01"])
    with pytest.raises(SystemExit, match="YYYY-MM-DD"):
        main(["log", str(ana), "--date", "yesterday"])


def test_practice_add_and_list(db_path, capsys):
    code, out, _ = run(capsys, "practice", "add", "--topic", "Beekeeping", "--person", "neighbour", "--feeling",
                       "4", "--observed")
    assert code == 0 and json.loads(out)["practice"]
    listed = json.loads(run(capsys, "practice", "list", "--json")[1])
    assert listed[0]["topic"] == "Beekeeping" and listed[0]["feeling"] == 4 and listed[0]["observed"] is True
    with pytest.raises(SystemExit, match="How it felt: must be from 1"):
        main(["practice", "add", "--topic", "x", "--feeling", "9"])
    code, out, _ = run(capsys, "practice", "ready")
    assert code == 0 and out.strip()


def test_export_works_before_a_target_career_is_set(db_path, tmp_path, capsys):
    with Store(db_path) as store:
        store.add_contact(full_name="Ana Ruiz", title="Nurse", company="Clinic")
    path = tmp_path / "contacts.csv"
    code, _, err = run(capsys, "export", str(path), "--what", "contacts")
    assert code == 0 and "without scores" in err
    text = path.read_bytes().decode("utf-8-sig")
    assert "Ana Ruiz" in text and "Priority" not in text.splitlines()[0]


def test_export_backup_wipe_and_restore(db_path, tmp_path, capsys):
    run(capsys, "demo")
    for fmt in ("csv", "xlsx"):
        for what in ("contacts", "outreach", "practice"):
            path = tmp_path / f"{what}.{fmt}"
            assert run(capsys, "export", str(path), "--format", fmt, "--what", what)[0] == 0
            assert path.stat().st_size > 100
    assert (tmp_path / "contacts.csv").read_bytes().startswith(b"\xef\xbb\xbfId,Full name")
    code, out, _ = run(capsys, "backup", str(tmp_path / "b.zip"))
    assert code == 0 and json.loads(out)["tables"]["contacts"] > 300
    assert run(capsys, "wipe")[0] == 2  # needs --yes
    with Store(db_path) as store:
        assert store.counts()["contacts"] > 300
    assert run(capsys, "wipe", "--yes")[0] == 0
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 0
    assert run(capsys, "restore", str(tmp_path / "b.zip"))[0] == 0
    code, _, err = run(capsys, "restore", str(tmp_path / "b.zip"))
    assert code == 1 and "--force" in err
    assert run(capsys, "restore", str(tmp_path / "b.zip"), "--force")[0] == 0
    with Store(db_path) as store:
        assert store.counts()["contacts"] > 300 and store.has_demo()


def test_every_explained_priority_ends_on_the_priority_shown_learned_step_included(db_path, capsys):
    """The demo leans on what its history teaches; each explanation must still add up to what `rank` prints."""
    from engine.cli import _scored
    from engine.contacts_view import explain

    assert run(capsys, "demo")[0] == 0
    shown = {item["id"]: item["priority"] for item in json.loads(run(capsys, "rank", "--all", "--json")[1])}
    with Store(db_path) as store:
        profile, _, scored = _scored(store)
    learned = 0
    for row in scored.to_dict("records"):
        line, priority = explain(row, profile)[-1], shown[row["id"]]
        assert line.startswith(f"Priority {priority:.1f} = ") and line.endswith(f"= {priority:.1f}."), line
        learned += "learned from your own outreach" in line
    assert learned > len(scored) / 2  # the demo's reply model is reliable, so most priorities take the learned step
