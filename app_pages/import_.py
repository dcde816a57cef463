"""Import: bring contacts in from LinkedIn, Google, Outlook, Excel, vCard or any CSV; preview, then confirm."""

import json

import pandas as pd
import streamlit as st

from app_pages.archive_section import archive_results, archive_section, forget_texts_section, split_uploads
from app_pages.shared import contacts_of, directory_of, md, open_store, profile_of
from engine.importing import FilePreview, preview_files
from engine.merge import Directory, Source, plan_merge
from engine.readers import CONTACT_FIELDS, looks_like_data
from engine.words import nice_date, nice_datetime

FIELD_LABELS = {"full_name": "Full name", "first_name": "First name", "last_name": "Last name", "email": "Email",
                "phone": "Phone", "company": "Company", "title": "Job title", "linkedin_url": "LinkedIn URL",
                "notes": "Notes", "tags": "Tags", "tie_strength": "How well you know them (1-5)",
                "connected_on": "Connected on"}
NONE = "(not in this file)"

store = open_store()
st.title("Import contacts")
st.caption("LinkedIn `Connections.csv`, Google or Outlook contacts, Excel, vCard, or any CSV. People already here "
           "are merged, not duplicated. Nothing is written until you confirm, and every import can be undone. "
           "LinkedIn's whole archive (the zip from \"Get a copy of your data\") also fills your outreach log "
           "from your messages.")

if "import_round" not in st.session_state:
    st.session_state.import_round = 0


def _undo(batch_id: int) -> None:
    st.session_state.import_undo = batch_id


def _confirm() -> None:
    st.session_state.import_confirmed = True


if (batch_id := st.session_state.pop("import_undo", None)) is not None:
    try:
        undone = store.undo_import(batch_id)
        events = f", {undone['events']} outreach events removed" if undone.get("events") else ""
        st.success(f"Import {batch_id} undone: {undone['removed']} contacts removed, {undone['restored']} restored"
                   f"{events}.", icon=":material/undo:")
    except Exception as e:  # StoreError carries a message written for the user
        st.error(str(e), icon=":material/error:")

uploads = st.file_uploader("Contact files", accept_multiple_files=True,
                           key=f"import_files_{st.session_state.import_round}",
                           help="You can pick several files at once. Up to 25 MB each.")

uploads, archives = split_uploads(uploads)
for archive in archives:
    archive_section(store, archive)
archive_results()


def _forget_mapping(file_id: str) -> None:
    """Header row or not changes what the columns are: start the mapping over."""
    st.session_state.pop(f"import_mapping_{file_id}", None)
    for name in CONTACT_FIELDS:
        st.session_state.pop(f"import_map_{file_id}_{name}", None)


def mapping_for(upload) -> dict[str, str] | None:
    """The user's corrected column mapping for this file, if they changed it."""
    return st.session_state.get(f"import_mapping_{upload.file_id}")


def _column_pickers(upload, preview: FilePreview, columns: list[str], current: dict[str, str]) -> dict[str, str]:
    """One picker per contact field, the column that holds it (with, for a file that needs it, whether the first
    row is a person); returns the columns picked."""
    labels = {}
    by_position = bool(columns) and all(c.isdigit() for c in columns)  # read without a header row
    if preview.error or by_position:
        no_header = st.checkbox(
            "The first row is a person, not column names", value=by_position or looks_like_data(columns),
            key=f"import_headerless_{upload.file_id}", on_change=_forget_mapping, args=(upload.file_id,),
            help="Then columns are chosen by position, and the first row is imported too.")
        if no_header and not by_position:  # offer positions, each shown with its first-row value
            labels = {str(i): f"Column {i}" + ("" if c == f"column {i}" else f": {c}")  # blank cell
                      for i, c in enumerate(columns, 1)}
            columns = list(labels)
        elif by_position:
            labels = {c: f"Column {c}" for c in columns}
    chosen = {}
    grid = st.columns(3)
    for i, name in enumerate(CONTACT_FIELDS):
        options = [NONE, *columns]
        value = current.get(name)
        chosen[name] = grid[i % 3].selectbox(
            FIELD_LABELS[name], options, index=options.index(value) if value in options else 0,
            format_func=lambda c, labels=labels: labels.get(c, c), key=f"import_map_{upload.file_id}_{name}")
    return {k: v for k, v in chosen.items() if v != NONE}


@st.cache_resource(show_spinner=False, max_entries=4)
def _preview(names_ids: tuple, _files: list, mappings_json: str, path: str, version: int, _store) -> list:
    """The previews of these uploads against this version of the store: read-only, kept as they are (no copy)."""
    return preview_files(_files, _stored(_store), profile_of(_store), json.loads(mappings_json) or None,
                         owners=_store.source_owners)


def _stored(store) -> Directory:
    """What an upload is planned against: a fork of the kept directory of this version (indexed once, not per
    upload: half a second at 30,000 contacts), or a directory of its own for a store too large to keep one."""
    kept = directory_of(store)
    return kept.fork() if kept is not None else Directory(contacts_of(store))


if uploads:
    files = [(u.name, u.getvalue()) for u in uploads]
    mappings = {u.name: m for u in uploads if (m := mapping_for(u)) is not None}
    with st.spinner(f"Reading {len(files)} file{'s' * (len(files) != 1)} and matching them to your contacts…"):
        previews: list[FilePreview] = _preview(tuple((u.name, u.file_id) for u in uploads), files,
                                               json.dumps(mappings, sort_keys=True), str(store.path), store.version,
                                               store)

    decisions: dict[str, dict] = {}
    for upload, preview in zip(uploads, previews, strict=True):
        with st.container(border=True, key=f"import_file_{upload.file_id}"):
            if preview.error and not preview.columns:
                st.error(f"**{md(preview.file)}** cannot be imported: {md(preview.error)}", icon=":material/block:")
                continue
            if preview.error:  # readable, but the columns need naming
                st.warning(f"**{md(preview.file)}**: which column holds the name? Say below which column holds "
                           "what, then apply.", icon=":material/table_view:")
                st.caption(md(preview.error))
                columns, mapping = preview.columns, {}
            else:
                parsed, counts = preview.parsed, preview.counts
                columns, mapping = parsed.columns, parsed.mapping
                st.markdown(f"**{md(preview.file)}**: {parsed.format} file, {parsed.encoding or 'Excel'}; "
                            f"{preview.rows} rows")
                cols = st.columns(4)
                cols[0].metric("To add", counts["add"])
                cols[1].metric("To merge", counts["merge"])
                cols[2].metric("Unchanged or skipped", counts["skip"] + len({p.row for p in preview.problems}))
                cols[3].metric("Maybe already here", counts["ambiguous"])

            # a file of a known export (LinkedIn, Google, Outlook, vCard) is read by its format: its twelve column
            # pickers are drawn only when asked for (14 files drew 168 select boxes, a fifth of a preview's CPU)
            generic = bool(preview.error) or preview.parsed.format in ("csv", "xlsx")
            with st.expander("Columns: which holds what", expanded=generic):
                current = mapping_for(upload) or mapping
                if not generic and not st.toggle(
                        "Change which column holds what", key=f"import_remap_{upload.file_id}",
                        help=f"Unstuck reads a {preview.parsed.format} export by its known columns."):
                    st.caption(" · ".join(f"{FIELD_LABELS[f]}: {md(current[f])}" for f in CONTACT_FIELDS
                                          if f in current) or "No columns: each person is read as a whole.")
                    picked = None
                else:
                    picked = _column_pickers(upload, preview, columns, current)
                if picked is not None and picked != mapping and st.button(
                        "Apply these columns", key=f"import_apply_{upload.file_id}"):
                    st.session_state[f"import_mapping_{upload.file_id}"] = picked
                    st.rerun()
            if preview.error:
                continue

            if preview.problems:
                with st.expander(f"{len(preview.problems)} row(s) with a problem"):
                    st.dataframe(pd.DataFrame([{"row": p.row, "problem": p.message} for p in preview.problems]),
                                 hide_index=True, key=f"import_problems_{upload.file_id}")
            if preview.changes:
                with st.expander(f"What changed for {counts['merge']} people already here",
                                 expanded=any(why for _, why in preview.changes)):
                    for line, why in preview.changes:
                        if why:
                            st.success(f"{md(line)}: **{md(why)}**", icon=":material/star:")
                        else:
                            st.text(line)
            if counts["ambiguous"]:
                st.markdown("**Maybe the same person?** Unstuck never merges on a name alone: by default these are "
                            "added and listed on the Duplicates page for you to decide later.")
                ids = [int(c) for cands in preview.ambiguous["candidates"] for c in cands if int(c) > 0]
                known = store.contacts_by_id(ids)
                mine = decisions.setdefault(preview.file, {})
                for index, row in preview.ambiguous.iterrows():
                    options = {"review": "Add, and ask me later", "add": "A different person: add",
                               "skip": "Leave it out"}
                    for cand in row["candidates"]:
                        if int(cand) > 0 and int(cand) in known.index:
                            other = known.loc[int(cand)]
                            options[int(cand)] = f"Same as {other.full_name} ({other.company or 'no company'})"
                    line = parsed.contacts.at[index, "row"]
                    label = (f"Row {line}: {md(row['name'])} ({md(row['company'] or 'no company')}): "
                             f"{md(row['reason'])}")
                    choice = st.selectbox(label, list(options), format_func=options.get,
                                          key=f"import_decide_{upload.file_id}_{index}")
                    mine[index] = choice

    readable = [p for p in previews if not p.error]
    if readable:
        st.button(f"Import {len(readable)} file(s)", type="primary", key="import_confirm", on_click=_confirm)
    if st.session_state.pop("import_confirmed", False) and readable:
        bar = st.progress(0.0, text="Importing…")
        results = []
        directory = _stored(store)  # indexed once, then kept up to date with what each file writes
        written: int | None = None
        for n, preview in enumerate(readable, 1):
            bar.progress((n - 0.5) / len(readable), text=f"Merging {preview.file}…")
            # plan again against the store as it is now: earlier files of this upload are in it
            contacts = preview.parsed.contacts
            if written is not None:  # the next file meets what the previous one wrote, as stored now
                directory.refresh(store.written_by(written))
            plan = plan_merge(contacts, directory, Source.of(preview.parsed.format, contacts),
                              store.source_owners(contacts["raw"].tolist()))
            result = store.apply_import(preview.file, preview.parsed.format, preview.parsed.encoding,
                                        preview.parsed.contacts, plan.rows, decisions.get(preview.file))
            written = result.batch_id
            results.append((preview.file, result))
        bar.empty()
        st.session_state.import_done = results
        st.session_state.import_round += 1  # a fresh, empty uploader
        st.rerun()

for file, result in st.session_state.pop("import_done", []):
    if result.batch_id is None:
        st.info(f"{md(file)}: nothing new, everyone in it is already here.", icon=":material/check:")
    else:
        st.success(f"{md(file)}: {result.added} added, {result.merged} merged, {result.skipped} unchanged or "
                   "skipped.", icon=":material/check:")
        if result.to_review:
            st.info(f"{result.to_review} of them may be someone already here.", icon=":material/merge:")
            st.page_link("app_pages/duplicates.py", label="Review possible duplicates", icon=":material/arrow_forward:")

st.subheader("Past imports")
history = store.import_batches()
if history.empty:
    st.caption("None yet.")
for batch in history.itertuples():
    left, right = st.columns([5, 1])
    state = f" (undone {nice_date(batch.undone_at)})" if pd.notna(batch.undone_at) else ""
    left.markdown(f"**{md(batch.file_name)}** · {batch.format} · {nice_datetime(batch.created_at)}: "
                  f"{batch.added} added, {batch.merged} merged, {batch.skipped} skipped{state}")
    if not state:
        right.button("Undo", key=f"import_undo_{batch.id}", on_click=_undo, args=(batch.id,),
                     icon=":material/undo:")

forget_texts_section(store)
if not uploads:  # index the contacts now, the page drawn, while the user picks files: their preview starts at once
    directory_of(store)
