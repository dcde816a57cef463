"""The Import page's part for LinkedIn's whole archive (a helper module, not a page): preview what its
conversations and invitations become in the outreach log, import it with the same undo, and forget message texts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.shared import contacts_of, md, profile_of
from engine.archive import IGNORED_REASONS, ArchiveError, is_archive, open_archive, plan_archive
from engine.importing import as_existing, preview_files
from engine.merge import Source, plan_merge


def split_uploads(uploads: list) -> tuple[list, list]:
    """(contact files, LinkedIn archives) among the uploads."""
    files, archives = [], []
    for upload in uploads or []:
        (archives if upload.name.lower().endswith(".zip") and is_archive(upload.name, upload.getvalue())
         else files).append(upload)
    return files, archives


@st.cache_resource(show_spinner=False, max_entries=2)
def _preview(name: str, file_id: str, _data: bytes, path: str, version: int, _store):
    """The archive's files, its connections' preview and its events planned against this version of the store."""
    files = open_archive(name, _data)
    contacts, preview = contacts_of(_store), None
    if files.get("connections") is not None:
        preview = preview_files([files.get("connections")], contacts, profile_of(_store),
                                owners=_store.source_owners)[0]
        if not preview.error:
            new = preview.parsed.contacts[preview.plan.rows["action"] == "add"]
            contacts = pd.concat([contacts, as_existing(new, -1)], ignore_index=True) if len(new) else contacts
    return files, preview, plan_archive(files, contacts)


def archive_section(store, upload) -> None:
    """One uploaded archive: what it holds, what it will add, the opt-in for message texts, and the import."""
    key = upload.file_id
    with st.container(border=True, key=f"archive_{key}"):
        try:
            with st.spinner("Reading your LinkedIn archive…"):
                files, preview, plan = _preview(upload.name, key, upload.getvalue(), str(store.path), store.version,
                                                store)
        except ArchiveError as e:
            st.error(md(str(e)), icon=":material/block:")
            return
        summary = plan.summary()
        st.markdown(f"**{md(upload.name)}**: your LinkedIn archive")
        if preview is not None and preview.error:
            st.error(f"Its connections cannot be read: {md(preview.error)}", icon=":material/block:")
        elif preview is not None:
            st.caption(f"Connections: {preview.counts['add']} to add, {preview.counts['merge']} to merge, "
                       f"{preview.counts['skip']} already here.")
        cols = st.columns(4)
        cols[0].metric("Conversations", summary["conversations"])
        cols[1].metric("Outreach", summary["outreach"])
        cols[2].metric("Follow-ups", summary["follow_ups"])
        cols[3].metric("Replies", summary["replies"])
        left_out = [f"{n} {IGNORED_REASONS[k]}" for k, n in summary["ignored"].items() if k in IGNORED_REASONS and n]
        if left_out:
            st.caption("Left out, as not one-to-one networking: " + md("; ".join(left_out)) + ".")
        if summary["started_by_them"]:
            st.caption(f"{summary['started_by_them']} conversations they started: answering is not reaching out, "
                       "so these add no outreach.")
        if summary["unmatched"]:
            with st.expander(f"{len(summary['unmatched'])} people you wrote with are not among your contacts"):
                st.caption("Nothing is logged for them: Unstuck never invents a contact. Add them on the Contacts "
                           "page, then import the archive again.")
                st.dataframe(pd.DataFrame(summary["unmatched"]).rename(
                    columns={"name": "Name", "url": "Profile", "events": "Events"}), hide_index=True,
                    key=f"archive_unmatched_{key}")
        if summary["problems"]:
            with st.expander(f"{len(summary['problems'])} problem(s) reading the messages"):
                st.text("\n".join(summary["problems"]))
        if summary["ignored"]["files"]:
            with st.expander(f"{len(summary['ignored']['files'])} files in the archive are not used"):
                st.text("\n".join(summary["ignored"]["files"]))
        if plan.profile.get("name") or len(plan.positions):
            jobs = ", ".join(f"{p.title} at {p.company}" if p.title else p.company
                             for p in plan.positions.itertuples())
            st.caption(f"About you: {md(plan.profile.get('name') or '')}"
                       + (f" · {md(plan.profile['headline'])}" if plan.profile.get("headline") else "")
                       + (f" · past jobs: {md(jobs)} (people who worked there too are marked former colleagues)"
                          if jobs else ""))
        with_text = st.checkbox(
            "Also keep the whole text of each message", value=False, key=f"archive_texts_{key}",
            help="By default Unstuck keeps only dates, who wrote, the channel and each message's first line. "
            "Whole texts stay on this computer too, and you can forget them at any time below.")
        if st.button("Import the archive", type="primary", key=f"archive_import_{key}"):
            with st.spinner("Importing your archive…"):
                result = _import(store, upload.name, files, preview, with_text)
            st.session_state.archive_done = result
            st.session_state.import_round += 1
            st.rerun()


def _import(store, name: str, files, preview, with_text: bool) -> dict:
    contacts_batch = None
    plan = plan_archive(files, None, with_text=with_text)  # read before anything else is written
    if preview is not None and not preview.error:
        contacts = preview.parsed.contacts
        merge = plan_merge(contacts, store.contacts(), Source.of(preview.parsed.format, contacts),
                           store.source_owners(contacts["raw"].tolist()))
        contacts_batch = store.apply_import(f"{name}: {files.get('connections')[0]}", preview.parsed.format,
                                            preview.parsed.encoding, contacts, merge.rows)
    plan = plan.rematched(store.contacts())
    written = store.apply_archive(name, plan.matched, plan.positions, plan.profile)
    return {"file": name, "contacts": contacts_batch, "events": written}


def archive_results() -> None:
    """What the last archive import did, once, after the page reran."""
    done = st.session_state.pop("archive_done", None)
    if not done:
        return
    contacts, events = done["contacts"], done["events"]
    added = contacts.added if contacts is not None else 0
    if events.batch_id is None and (contacts is None or contacts.batch_id is None):
        st.info(f"{md(done['file'])}: nothing new, all of it is already here.", icon=":material/check:")
        return
    st.success(f"{md(done['file'])}: {added} contacts added and {events.added} events in your outreach log"
               + (f" ({events.already} were here already)" if events.already else "")
               + ". To take it back, undo the archive's events first, then its contacts, under Past imports.",
               icon=":material/check:")


def forget_texts_section(store) -> None:
    """How many whole message texts are kept, and the button that forgets them."""
    kept = store.message_texts()
    if not kept:
        return
    st.subheader("Message texts")
    st.caption(f"{kept} messages are kept with their whole text (you chose this when importing). Forgetting keeps "
               "the events, their dates and first lines, and wipes the texts from the store file.")
    if st.button("Forget message texts", key="archive_forget", icon=":material/delete_sweep:"):
        removed = store.forget_message_texts()  # a new version of the store: what pages derive is read afresh
        st.success(f"Forgot {removed} message texts.", icon=":material/check:")
