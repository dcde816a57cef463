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
    events_batch = int(batches[batches["format"] == "linkedin_archive"]["id"].iloc[0])
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
