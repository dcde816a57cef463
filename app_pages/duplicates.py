"""Duplicates: people who may be one person, for the user to merge or keep apart; any two can be merged by hand."""

import pandas as pd
import streamlit as st

from app_pages.shared import code, labels_of, md, open_store
from engine.store import StoreError
from engine.words import nice_date

SHOWN = 20  # pairs shown at once; deciding one brings the next
store = open_store()
st.title("Possibly the same person")
st.caption("Unstuck never merges two people on a name alone: here you decide. Merging keeps everything (history, "
           "notes, tags, where they came from) and can be undone.")


def _request(*action) -> None:
    st.session_state.duplicates_request = action


if request := st.session_state.pop("duplicates_request", None):
    try:
        if request[0] == "merge":
            merge_id = store.merge_contacts(request[1], request[2])
            st.toast(f"Merged into one contact (merge {merge_id}).", icon=":material/merge:")
        elif request[0] == "apart":
            store.keep_apart(request[1], request[2])
            st.toast("Kept apart: they will not be offered again.", icon=":material/call_split:")
        elif request[0] == "undo":
            store.undo_merge(request[1])
            st.toast("Merge undone: both contacts are back.", icon=":material/undo:")
    except StoreError as e:
        st.error(md(e), icon=":material/error:")


def _side(column, row: dict, side: str, other: str) -> None:
    """One of the two people, and the button that keeps this one and merges the other into it."""
    value = {f: row[f"{side}_{f}"] if pd.notna(row[f"{side}_{f}"]) else None
             for f in ("full_name", "title", "company", "email", "phone", "linkedin_url")}
    column.markdown(f"**{md(value['full_name'])}**")
    column.caption(" at ".join(md(value[f]) for f in ("title", "company") if value[f]) or "no title or company")
    for field, label in (("email", "Email"), ("phone", "Phone"), ("linkedin_url", "Profile")):
        if value[field]:
            column.caption(f"{label}: {code(value[field])}")
    keep, merge = int(row[side]), int(row[other])
    column.button("Same person: keep this one", key=f"duplicates_keep_{keep}_{merge}", on_click=_request,
                  args=("merge", keep, merge), icon=":material/merge:", width="stretch")


# the store looks only when the data changed since its last look, so a warm click passes straight through (and
# the spinner, shown after half a second, appears only for a real look)
with st.spinner("Looking for people who may be one…"):
    store.find_possible_duplicates()
pairs = store.possible_duplicates()
if pairs.empty:
    st.success("Nobody to review: no two contacts look like the same person.", icon=":material/check:")
else:
    st.markdown(f"**{len(pairs)} pair(s) to review.**" + (f" The first {SHOWN} are shown." if len(pairs) > SHOWN
                                                          else ""))
    for row in pairs.head(SHOWN).to_dict("records"):
        a, b = int(row["a"]), int(row["b"])
        with st.container(border=True, key=f"duplicates_pair_{a}_{b}"):
            st.caption(f"Why they may be one person: {md(row['evidence'])}")
            left, right = st.columns(2)
            _side(left, row, "a", "b")
            _side(right, row, "b", "a")
            st.button("Different people: keep both", key=f"duplicates_apart_{a}_{b}", on_click=_request,
                      args=("apart", a, b), icon=":material/call_split:", width="stretch")

st.subheader("Merge two contacts by hand")
names = labels_of(store)  # built once per version of the store, not on every click
if len(names) >= 2:
    keep_col, other_col, go = st.columns([3, 3, 2], vertical_alignment="bottom")
    keep = keep_col.selectbox("Keep", list(names), format_func=names.get, index=None, key="duplicates_hand_keep",
                              placeholder="Choose a contact")
    other = other_col.selectbox("Merge into it", list(names), format_func=names.get, index=None,
                                key="duplicates_hand_other", placeholder="Choose another")
    go.button("Merge", key="duplicates_hand_merge", disabled=keep is None or other is None or keep == other,
              on_click=_request, args=("merge", keep, other), icon=":material/merge:", type="primary")
else:
    st.caption("Two contacts are needed to merge.")

merges = store.merges()
if not merges.empty:
    st.subheader("Recent merges")
    for merge in merges.head(10).itertuples():
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(f"{md(merge.merged_name)} merged into contact {merge.kept} on {nice_date(merge.merged_at)}")
        right.button("Undo", key=f"duplicates_undo_{merge.id}", on_click=_request, args=("undo", merge.id),
                     icon=":material/undo:")
