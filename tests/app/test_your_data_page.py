import io
import zipfile

from engine.store import Store

PAGE = "app_pages/your_data.py"


def test_exports_are_offered_for_each_table(app, demo_store):
    at = app(PAGE)
    assert not at.exception
    assert any("rows" in c.value for c in at.caption)
    assert {b.key for b in at.get("download_button")} >= {"settings_download_csv", "settings_download_xlsx"}


def test_backup_then_restore_over_data_needs_the_confirmation(app, demo_store, tmp_path):
    at = app(PAGE)
    at.button(key="settings_backup").click().run()
    data = at.session_state["settings_backup_bytes"]
    assert zipfile.ZipFile(io.BytesIO(data)).read("manifest.json")
    with Store(demo_store) as store:
        before = store.counts()
        store.add_contact(full_name="Added after the backup")
    at.file_uploader(key="settings_restore_file").set_value(("backup.zip", data, "application/zip")).run()
    assert at.button(key="settings_restore").disabled
    at.checkbox(key="settings_restore_ok").check().run()
    at.button(key="settings_restore").click().run()
    assert any("Restored" in s.value for s in at.success)
    with Store(demo_store) as store:
        assert store.counts() == before


def test_a_bad_backup_file_is_named_and_nothing_changes(app, demo_store):
    at = app(PAGE)
    at.file_uploader(key="settings_restore_file").set_value(("junk.zip", b"not a zip", "application/zip")).run()
    at.checkbox(key="settings_restore_ok").check().run()
    at.button(key="settings_restore").click().run()
    assert any("junk" in e.value for e in at.error)
    with Store(demo_store) as store:
        assert store.counts()["contacts"] > 300


def test_delete_one_contact_and_then_everything(app, demo_store):
    at = app(PAGE)
    at.selectbox(key="settings_delete_pick").set_value(1).run()
    at.button(key="settings_delete_confirm").click().run()
    with Store(demo_store) as store:
        assert 1 not in set(store.contacts()["id"]) and not (store.events()["contact_id"] == 1).any()
    assert at.button(key="settings_wipe").disabled
    at.text_input(key="settings_wipe_text").set_value("DELETE").run()
    at.button(key="settings_wipe").click().run()
    with Store(demo_store) as store:
        assert store.counts()["contacts"] == 0 and store.load_profile() is None
