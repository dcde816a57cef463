"""Duplicates: people who may be one person, for the user to merge or keep apart; any two can be merged by hand."""

import streamlit as st

from app_pages.shared import md, open_store
from engine.store import StoreError

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


def _side(column, row: dict, side: str) -> None:
    name = row[f"{side}_full_name"]
    column.markdown(f"**{md(name)}**")
    position = " at ".join(md(row[f"{side}_{f}"]) for f in ("title", "company") if row[f"{side}_{f}"])
    column.caption(position or "no title or company")
    for field, label in (("email", "Email"), ("phone", "Phone"), ("linkedin_url", "Profile")):
        if row[f"{side}_{field}"]:
            column.caption(f"{label}: {md(row[f'{side}_{field}'])}")


pairs = store.possible_duplicates()
if pairs.empty:
    st.success("Nobody to review: no two contacts look like the same person.", icon=":material/check:")
else:
    st.markdown(f"**{len(pairs)} pair(s) to review.**" + (f" The first {SHOWN} are shown." if len(pairs) > SHOWN
                                                          else ""))
    for row in pairs.head(SHOWN).to_dict("records"):
        a, b = int(row["a"]), int(row["b"])
        with st.container(border=True, key=f"duplicates_pair_{a}_{b}"):
            left, right = st.columns(2)
            _side(left, row, "a")
            _side(right, row, "b")
            st.caption(f"Why they may be one person: {md(row['evidence'])}")
            keep_a, keep_b, apart = st.columns(3)
            keep_a.button(f"Same person: keep {md(row['a_full_name'])}", key=f"duplicates_keep_{a}_{b}",
                          on_click=_request, args=("merge", a, b), icon=":material/merge:", width="stretch")
            keep_b.button(f"Same person: keep {md(row['b_full_name'])}", key=f"duplicates_keep_{b}_{a}",
                          on_click=_request, args=("merge", b, a), icon=":material/merge:", width="stretch")
            apart.button("Different people", key=f"duplicates_apart_{a}_{b}", on_click=_request,
                         args=("apart", a, b), icon=":material/call_split:", width="stretch")

st.subheader("Merge two contacts by hand")
contacts = store.contacts()
if len(contacts) >= 2:
    names = dict(zip(contacts["id"], contacts["full_name"] + contacts["company"].map(
        lambda c: f" ({c})" if isinstance(c, str) and c else ""), strict=True))
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
        left.markdown(f"{md(merge.merged_name)} merged into contact {merge.kept} on {merge.merged_at:%d %b %Y}")
        right.button("Undo", key=f"duplicates_undo_{merge.id}", on_click=_request, args=("undo", merge.id),
                     icon=":material/undo:")
