"""Contacts: everyone in one table to search, filter, sort and edit, and how each contact's scores were reached."""

from datetime import date

import streamlit as st

from app_pages.shared import (
    md,
    names_of,
    open_store,
    rating_model,
    require_contacts,
    require_profile,
    scored,
    settings_of,
)
from engine.contacts_view import (
    FLAG_CHOICES,
    MAX_ROWS,
    SENIORITY_LABELS,
    TABLE_COLUMNS,
    ContactFilter,
    EditError,
    company_choices,
    contact_labels,
    contacts_table,
    edits_from_editor,
    explain,
    filter_contacts,
)
from engine.outreach import STATUS_LABELS
from engine.ratings import RATINGS, status_words
from engine.scoring import FLAG_LABELS
from engine.titles import FAMILY_LABELS

COLUMNS = {
    "full_name": st.column_config.TextColumn("Name", pinned=True),
    "title": st.column_config.TextColumn("Title"),
    "company": st.column_config.TextColumn("Company"),
    "closeness": st.column_config.ProgressColumn("Closeness", min_value=0, max_value=1, format="percent",
                                                 width="small", help="How close their work is to your target"),
    "priority": st.column_config.NumberColumn("Priority", format="%.0f", width="small",
                                              help="Whom to approach first: closeness, warmth, motivation, level"),
    "seniority": st.column_config.TextColumn("Seniority"),
    "family": st.column_config.TextColumn("Family"),
    "status": st.column_config.TextColumn("Status"),
    "flags": st.column_config.TextColumn("Flags", help="Active flags rank a contact down, never out"),
    "tie_strength": st.column_config.NumberColumn("Tie", min_value=1, max_value=5, step=1, width="small",
                                                  help="Tie strength: how well you know them, 1 to 5 (editable)"),
    "tags": st.column_config.ListColumn("Tags", help="Your own labels (editable)"),
    "notes": st.column_config.TextColumn("Notes", width="medium", help="Editable"),
}
EDITABLE = ("tie_strength", "tags", "notes")

store = open_store()
today = date.today()

st.title("Contacts")
profile = require_profile(store)
require_contacts(store)
settings = settings_of(store)


def _request(*request) -> None:
    st.session_state.contacts_request = request


request = st.session_state.pop("contacts_request", None)
if request and request[0] == "flag":
    _, contact_id, code, dismissed = request
    store.set_flag_dismissed(contact_id, code, dismissed)
    st.toast("Flag dismissed for this contact." if dismissed else "Flag restored.", icon=":material/check:")
elif request and request[0] == "reached_out":
    store.log_event(request[1], "reached_out", today)
    st.toast("Logged. One more step on the road.", icon=":material/send:")
elif request and request[0] == "rate":
    store.rate(request[1], request[2])
    st.toast(f"Rated: {RATINGS[request[2]]}." if request[2] else "Rating taken back.", icon=":material/check:")

every = scored(store, profile, settings, today)
search, flag_col, status_col, closeness_col = st.columns([3, 2, 2, 2], vertical_alignment="bottom")
query = search.text_input("Search", key="contacts_search", placeholder="Name, company, title or notes",
                          icon=":material/search:")
flags = flag_col.multiselect("Flag", list(FLAG_CHOICES), format_func=FLAG_CHOICES.get, key="contacts_flags",
                             placeholder="Any")
statuses = status_col.multiselect("Status", list(STATUS_LABELS), format_func=STATUS_LABELS.get,
                                  key="contacts_status", placeholder="Any")
min_closeness = closeness_col.slider("Closeness at least", 0.0, 1.0, 0.0, 0.05, format="percent",
                                     key="contacts_min_closeness")
seniority_col, family_col, company_col = st.columns([2, 2, 3])
seniority = seniority_col.multiselect("Seniority", list(SENIORITY_LABELS), format_func=SENIORITY_LABELS.get,
                                      key="contacts_seniority", placeholder="Any")
families = family_col.multiselect("Family", list(FAMILY_LABELS), format_func=FAMILY_LABELS.get,
                                  key="contacts_family", placeholder="Any")
companies = company_col.multiselect("Company", company_choices(every), key="contacts_company", placeholder="Any")

wanted = ContactFilter(query, tuple(flags), tuple(seniority), tuple(families), tuple(statuses), tuple(companies),
                       min_closeness)
matching = filter_contacts(every, wanted)
table = contacts_table(matching.head(MAX_ROWS))

if request and request[0] == "save":
    try:
        edits = edits_from_editor(table, (st.session_state.get("contacts_table") or {}).get("edited_rows", {}))
    except EditError as e:
        for problem in e.problems:
            st.error(f"Nothing saved. {problem}", icon=":material/error:")
    else:
        changed = store.update_contacts(edits)
        st.success(f"Saved changes to {changed} contact{'s' * (changed != 1)}." if changed else "No changes to save.",
                   icon=":material/check:")
        matching = filter_contacts(scored(store, profile, settings, today), wanted)
        table = contacts_table(matching.head(MAX_ROWS))

shown = f"showing the first {MAX_ROWS:,} by priority: narrow the filters to see the others" \
    if len(matching) > MAX_ROWS else "highest priority first; click a column header to sort"
st.caption(f"{len(matching):,} of {len(every):,} contacts match, {shown}.")
if (rated := rating_model(store, profile, settings, today)).n:
    st.caption(md(status_words(rated)))
st.data_editor(table, column_config=COLUMNS, column_order=TABLE_COLUMNS, hide_index=True, key="contacts_table",
               disabled=[c for c in TABLE_COLUMNS if c not in EDITABLE], height=420, placeholder="",
               alt="Contacts, highest priority first")
save, note = st.columns([1, 4], vertical_alignment="center")
save.button("Save changes", key="contacts_save", on_click=_request, args=("save",), type="primary",
            icon=":material/save:", disabled=table.empty)
note.caption("Tie strength, tags and notes are yours to edit; what you type is never overwritten by an import. "
             "Save before changing the filters: unsaved edits are dropped when the table changes.")

st.subheader("How the scores were reached")
if table.empty:
    st.info("No contact matches these filters.", icon=":material/filter_alt_off:")
    st.stop()
labels = contact_labels(table)
contact_id = st.selectbox("Contact", list(labels), format_func=labels.get, key="contacts_detail")
row = matching[matching["id"] == contact_id].iloc[0]
with st.container(border=True, key="contacts_explanation"):
    st.markdown(f"**{md(row['full_name'])}**: closeness {row['closeness']:.0%}, priority {row['priority']:.0f}")
    log, open_ = st.columns(2)
    log.button("Mark as reached out", key=f"contacts_reached_{contact_id}", on_click=_request,
               args=("reached_out", contact_id), icon=":material/send:")
    open_.page_link("app_pages/contact.py", label="Open: timeline, messages, prepare", query_params={"id": contact_id},
                    icon=":material/open_in_new:")
    rating = row.get("rating")
    rating = rating if isinstance(rating, str) else None
    said, good, not_relevant, clear = st.columns([2, 1, 1, 1], vertical_alignment="center")
    said.caption(f"Your rating: {RATINGS[rating]}." if rating else "Not rated yet: is this a good person for your "
                 "target?")
    good.button("Good for my target", key=f"contacts_rate_good_{contact_id}", on_click=_request,
                args=("rate", contact_id, "good"), icon=":material/thumb_up:", disabled=rating == "good")
    not_relevant.button("Not relevant", key=f"contacts_rate_not_{contact_id}", on_click=_request,
                        args=("rate", contact_id, "not_relevant"), icon=":material/thumb_down:",
                        disabled=rating == "not_relevant")
    clear.button("Clear rating", key=f"contacts_rate_clear_{contact_id}", on_click=_request,
                 args=("rate", contact_id, None), icon=":material/undo:", disabled=rating is None)
    st.markdown("\n".join(f"- {md(line)}" for line in explain(row, profile, names_of(store))))
    for flag in row["flags"]:
        text, button = st.columns([4, 1], vertical_alignment="center")
        text.markdown(f"**{FLAG_LABELS[flag.code]}** ({'dismissed' if flag.dismissed else 'active'})")
        button.button("Restore flag" if flag.dismissed else "Dismiss flag",
                      key=f"contacts_flag_{contact_id}_{flag.code}", on_click=_request,
                      args=("flag", contact_id, flag.code, not flag.dismissed),
                      help="Rank them down again for this reason." if flag.dismissed
                      else "You know better: stop ranking them down.")
