"""Your data: export it, back it up, restore it, delete it. It is yours, and it never leaves this machine."""

from datetime import date

import streamlit as st

from app_pages.shared import (
    contacts_of,
    counts_of,
    events_of,
    md,
    names_of,
    open_store,
    practice_of,
    profile_of,
    scored,
    settings_of,
)
from engine import exporting
from engine.store import StoreError

store = open_store()
today = date.today()
st.title("Your data")
st.caption(f"Everything lives in one file on this machine: {md(store.path)}. Unstuck never sends anything, "
           "calls no server and shares nothing.")


def _request(*action) -> None:
    st.session_state.settings_request = action


if request := st.session_state.pop("settings_request", None):
    if request[0] == "wipe":
        store.wipe()
        st.success("Everything is deleted. The store is empty.", icon=":material/delete_forever:")
    elif request[0] == "delete":
        store.delete_contact(request[1])
        st.success("The contact and all of their history are deleted.", icon=":material/person_remove:")

st.subheader("Export")
what = st.segmented_control("What", exporting.WHAT, default="contacts", key="settings_export_what",
                            format_func={"contacts": "Contacts with scores and flags", "outreach": "Outreach log",
                                         "practice": "Practice log"}.get) or "contacts"
counts = counts_of(store)
profile = profile_of(store)


def export_table():
    """Built only when a download button is clicked: shaping 30,000 contacts takes a moment."""
    contacts = scored(store, profile, settings_of(store), today) if what == "contacts" and profile \
        and counts["contacts"] else contacts_of(store)
    return exporting.table_for(what, contacts, events_of(store), practice_of(store))


rows = {"contacts": counts["contacts"], "outreach": counts["events"], "practice": counts["practice"]}[what]
if what == "contacts" and profile is None:
    st.caption("No target career yet: contacts are exported without scores or flags.")
st.caption(f"{rows} rows. Excel files keep every value exactly; in CSV files a cell that a spreadsheet could run as a "
           "formula starts with an apostrophe.")
csv, xlsx, _ = st.columns([1, 1, 2])
csv.download_button("Download CSV", lambda: exporting.to_csv(export_table()), f"unstuck-{what}.csv", "text/csv",
                    key="settings_download_csv", icon=":material/download:")
xlsx.download_button("Download Excel", lambda: exporting.to_xlsx(export_table(), what), f"unstuck-{what}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     key="settings_download_xlsx", icon=":material/download:")

st.subheader("Backup and restore")
st.caption("A backup is one file with everything: profile, contacts and where they came from, outreach, practice, "
           "rewards. Restore it here or with `unstuck restore`.")
if st.button("Prepare a backup", key="settings_backup", icon=":material/backup:"):
    with store.scratch() as folder:
        path = folder / "backup.zip"
        manifest = store.backup(path)
        st.session_state.settings_backup_bytes = path.read_bytes()
    st.caption(f"Backup ready: {sum(manifest['tables'].values())} rows in {len(manifest['tables'])} tables.")
if data := st.session_state.get("settings_backup_bytes"):
    st.download_button("Download the backup", data, f"unstuck-backup-{today:%Y-%m-%d}.zip", "application/zip",
                       key="settings_backup_download", icon=":material/download:", type="primary")

upload = st.file_uploader("Restore a backup", type=["zip"], key="settings_restore_file")
if upload is not None:
    holds_data = store.holds_data()
    sure = not holds_data or st.checkbox("Replace everything in this store with the backup", key="settings_restore_ok")
    if st.button("Restore", key="settings_restore", disabled=not sure, icon=":material/settings_backup_restore:"):
        with store.scratch() as folder:
            path = folder / "restore.zip"
            path.write_bytes(upload.getvalue())
            try:
                manifest = store.restore(path, force=holds_data)
                st.success(f"Restored: {manifest['tables'].get('contacts', 0)} contacts, "
                           f"{manifest['tables'].get('outreach_events', 0)} outreach events.", icon=":material/check:")
            except StoreError as e:
                st.error(f"{md(upload.name)}: {md(e)}", icon=":material/error:")

st.subheader("Delete")
if counts["contacts"]:
    names = names_of(store)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    victim = left.selectbox("Delete one contact with all their history", list(names), format_func=names.get,
                            index=None, key="settings_delete_pick", placeholder="Choose a contact")
    if victim is not None:
        with right.popover("Delete", icon=":material/person_remove:"):
            st.write(f"Delete {md(names[victim])} and everything logged about them?")
            st.button("Yes, delete", key="settings_delete_confirm", type="primary", on_click=_request,
                      args=("delete", victim))
with st.popover("Delete everything", icon=":material/delete_forever:"):
    st.write("This deletes your profile, every contact, outreach and practice entry. Consider a backup first.")
    typed = st.text_input("Type DELETE to confirm", key="settings_wipe_text")
    st.button("Delete everything", key="settings_wipe", type="primary", disabled=typed.strip() != "DELETE",
              on_click=_request, args=("wipe",))
