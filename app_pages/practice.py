"""Practice: pleasure interviews on topics outside work, to train stage fright away before real outreach."""

from datetime import date

import streamlit as st

from app_pages.shared import events_of, md, open_store, practice_of
from engine.charts import practice_weeks_chart
from engine.practice import (
    FEELINGS,
    LOG_COLUMNS,
    MAX_LEARNED,
    MAX_PERSON,
    MAX_TOPIC,
    PracticeError,
    entry_label,
    guide,
    make_practice,
    practice_edits,
    practice_log,
    practice_vs_outreach,
    readiness,
    suggest_topics,
    takeaway,
)
from engine.words import TABLE_DATE

FORM_KEYS = ("practice_topic", "practice_person", "practice_date", "practice_feeling", "practice_learned",
             "practice_observed")
LOG_CONFIG = {
    "happened_on": st.column_config.DateColumn("Date", format=TABLE_DATE),
    "topic": st.column_config.TextColumn("Topic", max_chars=MAX_TOPIC),
    "person": st.column_config.TextColumn("Person", max_chars=MAX_PERSON),
    "feeling": st.column_config.NumberColumn("Felt", min_value=1, max_value=5, step=1, width="small",
                                             help="1 very hard … 5 a pleasure"),
    "learned": st.column_config.TextColumn("What you learned", width="medium", max_chars=MAX_LEARNED),
    "observed": st.column_config.CheckboxColumn("Observed", width="small", help="A friend watched"),
}

store = open_store()
today = date.today()
exercise = guide()["exercise"]


def _request(*request) -> None:
    st.session_state.practice_request = request


def _use_topic(topic: str, who: str) -> None:
    st.session_state.practice_topic = topic
    st.session_state.practice_who = who


def _more_ideas() -> None:
    st.session_state.practice_shuffle = st.session_state.get("practice_shuffle", 0) + 1


request = st.session_state.pop("practice_request", None) or ("",)
form_errors: list[str] = []
if request[0] == "log":
    values = {k: st.session_state.get(k) for k in FORM_KEYS}
    try:
        entry = make_practice(topic=values["practice_topic"], happened_on=values["practice_date"], today=today,
                              person=values["practice_person"], feeling=values["practice_feeling"],
                              learned=values["practice_learned"], observed=values["practice_observed"])
    except PracticeError as e:
        form_errors = e.messages()
    else:
        store.add_practice(entry.topic, entry.happened_on, **entry.fields())
        for key in (*FORM_KEYS, "practice_who"):
            st.session_state.pop(key, None)  # the next run draws an empty form
        st.toast("Logged. Every conversation makes the next one easier.", icon=":material/check:")
elif request[0] == "delete":
    store.delete_practice(request[1])
    for key in ("practice_log", "practice_delete_choice"):  # pending edits refer to rows by position
        st.session_state.pop(key, None)
    st.toast("Practice interview deleted.", icon=":material/delete:")

practice = practice_of(store)
log = practice_log(practice)
save_errors: list[str] = []
if request[0] == "save":
    try:
        edits = practice_edits(log, (st.session_state.get("practice_log") or {}).get("edited_rows", {}), today)
    except PracticeError as e:
        save_errors = [f"Nothing saved. {m}" for m in e.messages()]
    else:
        for practice_id, fields in edits.items():
            store.update_practice(practice_id, **fields)
        st.session_state.pop("practice_log", None)
        st.toast(f"Saved changes to {len(edits)} practice interview{'s' * (len(edits) != 1)}." if edits
                 else "No changes to save.", icon=":material/check:")
        practice = practice_of(store)
        log = practice_log(practice)

st.title("Practice")
st.caption("Pleasure interviews: low-stakes conversations about something you are curious about, "
           "to warm up for real outreach.")

ready = readiness(practice, today)
(st.success if ready.ready else st.info)(
    ready.message, icon=":material/rocket_launch:" if ready.ready else ":material/self_improvement:")

with st.expander("What a pleasure interview is, and easy questions to start with", expanded=practice.empty,
                 icon=":material/lightbulb:"):
    about, questions = st.columns(2, gap="large")
    about.markdown("\n\n".join(exercise[k] for k in ("what", "why", "fun", "observer")))
    questions.markdown("**Easy openers**\n" + "\n".join(f"- {q}" for q in guide()["questions"]))

st.subheader("Topic ideas")
seed = today.toordinal() * 1000 + st.session_state.get("practice_shuffle", 0)
ideas = suggest_topics(practice["topic"], seed)
for i, (column, idea) in enumerate(zip(st.columns(len(ideas) or 1), ideas, strict=False)):
    with column.container(border=True, height="stretch", key=f"practice_idea_{i}"):
        st.markdown(f"**{md(idea['topic'])}**")
        st.caption(f"Who might know: {md(idea['who'])}")
        st.button("Use this topic", key=f"practice_use_{i}", on_click=_use_topic, args=(idea["topic"], idea["who"]),
                  icon=":material/arrow_downward:")
st.button("Other ideas", key="practice_more", on_click=_more_ideas, icon=":material/shuffle:", type="tertiary")

st.subheader("Log a practice interview")
st.session_state.setdefault("practice_date", today)
st.session_state.setdefault("practice_feeling", 3)
who = st.session_state.get("practice_who") or "a neighbour, a friend, the baker around the corner"
with st.form("practice_form", border=True):
    left, right = st.columns(2, gap="medium")
    left.text_input("Topic", key="practice_topic", max_chars=MAX_TOPIC, placeholder="e.g. Sourdough baking")
    left.text_input("Whom you talked to", key="practice_person", max_chars=MAX_PERSON, placeholder=f"e.g. {who}")
    left.date_input("When", key="practice_date", max_value=today, format="DD/MM/YYYY")
    right.select_slider("How it felt", options=list(FEELINGS), key="practice_feeling",
                        format_func=lambda v: f"{v} · {FEELINGS[v]}")
    right.text_area("What you learned", key="practice_learned", max_chars=MAX_LEARNED, height=80,
                    placeholder="One thing that surprised you")
    right.checkbox("A friend watched and gave feedback", key="practice_observed")
    st.form_submit_button("Log it", key="practice_log_it", type="primary", icon=":material/add:",
                          on_click=_request, args=("log",))
for message in form_errors:
    st.error(md(message), icon=":material/error:")

st.subheader("Practice beside real outreach")
weekly = practice_vs_outreach(practice, events_of(store), today)
if weekly[["practice", "outreach"]].to_numpy().any():
    st.altair_chart(practice_weeks_chart(weekly), key="practice_chart")
st.caption(takeaway(weekly))

st.subheader("Your practice log")
if log.empty:
    st.info("Nothing logged yet: your practice interviews will be listed here, to edit or delete.",
            icon=":material/history_edu:")
    st.stop()
st.data_editor(log, column_config=LOG_CONFIG, column_order=LOG_COLUMNS, hide_index=True, key="practice_log",
               disabled=["id"], placeholder="", alt="Your practice interviews, newest first")
for message in save_errors:
    st.error(md(message), icon=":material/error:")
actions = st.container(horizontal=True, vertical_alignment="center", key="practice_actions")
actions.button("Save changes", key="practice_save", on_click=_request, args=("save",), type="primary",
            icon=":material/save:")
with actions.popover("Delete one", icon=":material/delete:"):
    labels = {int(i): entry_label(row) for i, row in log.iterrows()}
    chosen = st.selectbox("Practice interview", list(labels), format_func=labels.get, key="practice_delete_choice")
    st.caption("This cannot be undone.")
    st.button("Yes, delete it", key="practice_delete", on_click=_request, args=("delete", chosen), type="primary")
actions.caption("Edit any cell, then save your changes.")
