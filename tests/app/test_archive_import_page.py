"""The Import page with LinkedIn's whole archive: preview, import with the same undo, opt-in texts, forgetting."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "archive"))
from make_archive import PLANTED, make_archives  # noqa: E402

from engine.store import Store  # noqa: E402

PAGE = "app_pages/import_.py"


@pytest.fixture(scope="module")
def gen():
    return make_archives(n_people=120)


def metrics(at):
    return dict((m.label, m.value) for m in at.metric)


def upload(at, gen):
    at.file_uploader[0].set_value([("Basic_LinkedInDataExport.zip", gen["a"], "application/zip")]).run()
    assert not at.exception
    return at


def test_archive_preview_then_import_then_undo(app, db_path, gen):
    at = upload(app(PAGE), gen)
    shown = metrics(at)
    truth = [t for t in gen["truth_a"] if t.connection_url]
    assert shown["Outreach"] == str(sum(t.kind == "reached_out" for t in truth))
    assert shown["Replies"] == str(sum(t.kind == "replied" for t in truth))
    assert any("group conversations" in c.value for c in at.caption)
    with Store(db_path) as s:
        assert s.counts()["events"] == 0  # a preview writes nothing
    at.button(key=next(b.key for b in at.button if b.key.startswith("archive_import_"))).click().run()
    assert not at.exception
    assert any(f"{len(truth)} events in your outreach log" in s.value for s in at.success)
    with Store(db_path) as s:
        assert s.counts()["events"] == len(truth) and s.message_texts() == 0
        batches = s.import_batches()
    events_batch = int(batches[batches["format"] == "LinkedIn archive"]["id"].iloc[0])
    at.button(key=f"import_undo_{events_batch}").click().run()
    assert any(f"{len(truth)} outreach events removed" in s.value for s in at.success)
    with Store(db_path) as s:
        assert s.counts()["events"] == 0


def test_message_texts_only_when_ticked_and_forgotten_on_request(app, db_path, gen):
    at = upload(app(PAGE), gen)
    at.checkbox(key=next(c.key for c in at.checkbox if c.key.startswith("archive_texts_"))).check().run()
    at.button(key=next(b.key for b in at.button if b.key.startswith("archive_import_"))).click().run()
    assert not at.exception
    with Store(db_path) as s:
        assert s.message_texts() > 0
        assert s.scalar("SELECT count(*) FROM outreach_events WHERE message_text LIKE ?", [f"%{PLANTED}%"]) == 1
    at.button(key="archive_forget").click().run()
    assert not at.exception
    assert any("Forgot" in s.value for s in at.success)
    with Store(db_path) as s:
        assert s.message_texts() == 0 and s.counts()["events"] > 0


def test_an_imported_event_shows_where_it_came_from_and_is_corrected_like_any(app, db_path, gen):
    from engine.cli import main
    from engine.profile import make_profile
    with Store(db_path) as s:
        s.save_profile(make_profile(target_role="Data Analyst"))
    archive = Path(db_path).with_name("archive.zip")
    archive.write_bytes(gen["a"])
    assert main(["import", str(archive)]) == 0
    with Store(db_path) as s:
        event = s.events().iloc[0]
        contact_id, hand = int(event["contact_id"]), s.log_event(int(event["contact_id"]), "met", "2026-11-30")
    at = app("app_pages/contact.py")
    at.selectbox(key="person_pick").set_value(contact_id).run()
    assert not at.exception
    key = f"person_timeline_{contact_id}"
    table = next(e for e in at.main if getattr(e, "key", None) == key).value
    sources = dict(zip(table.index, table["source"], strict=True))
    assert sources[int(event["id"])] == "LinkedIn archive" and sources[hand] == "logged here"
    at.session_state[key] = {"edited_rows": {0: {"note": "corrected"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="person_timeline_save").click().run()
    with Store(db_path) as s:
        assert s.contact_events(contact_id).set_index("id").at[int(event["id"]), "note"] == "corrected"


def test_rows_that_cannot_be_read_are_named_on_the_page(app, db_path, gen):
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z, zipfile.ZipFile(io.BytesIO(gen["a"])) as original:
        for name in original.namelist():
            data = original.read(name)
            if name == "messages.csv":
                data += b"x,,A,https://www.linkedin.com/in/a,B,,last tuesday,,hi,INBOX\n"
            z.writestr(name, data)
    at = app(PAGE)
    at.file_uploader[0].set_value([("archive.zip", buf.getvalue(), "application/zip")]).run()
    assert not at.exception
    assert any("problem(s) reading the messages" in e.label for e in at.expander)
    assert any("the date 'last tuesday' cannot be read" in t.value for t in at.text)


def test_the_profile_offers_what_the_archive_says_about_you_and_saves_it_only_when_asked(app, db_path, gen):
    at = upload(app(PAGE), gen)
    at.button(key=next(b.key for b in at.button if b.key.startswith("archive_import_"))).click().run()
    at.switch_page("app_pages/profile.py").run()
    assert not at.exception
    assert any("Your LinkedIn archive says" in c.value for c in at.caption)
    at.button(key="profile_use_archive").click().run()
    name = at.text_input(key="profile_my_name").value
    assert name  # the archive's name is in the form...
    with Store(db_path) as s:
        assert (s.load_profile().my_name if s.load_profile() else "") != name  # ...but nothing saved yet
    at.text_input(key="profile_role").set_value("Data Analyst")
    at.button(key="profile_save").click().run()
    assert not at.exception
    with Store(db_path) as s:
        assert s.load_profile().my_name == name
    at.run()
    assert not any("Your LinkedIn archive says" in c.value for c in at.caption)  # nothing left to offer
