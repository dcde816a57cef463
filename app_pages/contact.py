"""One contact: their timeline, what to do next (message, follow-up, referral after a no, prep for a meeting)."""

from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.shared import (
    celebrate,
    code,
    contacts_of,
    events_of,
    labels_of,
    md,
    open_store,
    ratings_of,
    require_contacts,
    require_profile,
    settings_of,
    states_of,
)
from engine.coaching import RESPONSIVENESS, good_moments, message, perspective, question_themes, responsiveness, tiara
from engine.industries import company_industry_words
from engine.outreach import CHANNELS, EVENT_KINDS, STATUS_LABELS
from engine.ratings import RATINGS
from engine.words import INPUT_DATE, TABLE_DATE, word

KIND_LABELS = {"drafting": "Started a draft", "reached_out": "Reached out", "follow_up": "Followed up",
               "replied": "They replied", "meeting_scheduled": "Meeting scheduled", "met": "We met",
               "declined": "They declined", "referral_given": "They gave a referral", "no_answer": "No answer",
               "closed": "Closed (moving on)"}

store = open_store()
st.title("Contact")
profile = require_profile(store)
require_contacts(store)
today = date.today()


def _request(*action) -> None:
    st.session_state.person_request = action


if request := st.session_state.pop("person_request", None):
    kind = request[0]
    if kind == "log":
        _, contact_id, event, when, channel, note, energising = request
        store.log_event(contact_id, event, when, channel=channel, note=note or None, energising=energising)
        st.toast(f"Logged: {KIND_LABELS[event].lower()}.", icon=":material/check:")
    elif kind == "close":
        store.log_event(request[1], "closed", today, note="Still no after a referral ask: moving on")
        st.toast("Closed. On to the next conversation.", icon=":material/arrow_forward:")
    elif kind == "industry":
        _, company, said = request
        store.set_company_industry(company, said)
        st.toast(f"Saved for everyone at {company}." if said else f"Forgot what you said about {company}.",
                 icon=":material/factory:")
    elif kind == "rate":
        store.rate(request[1], request[2])
        st.toast(f"Rated: {RATINGS[request[2]]}." if request[2] else "Rating taken back.", icon=":material/check:")
    elif kind == "prep":
        text = st.session_state.get(f"person_prep_{request[1]}", "").strip()
        store.update_contacts({request[1]: {"prep_notes": text or None}})
        st.toast("Notes saved to the contact.", icon=":material/save:")

celebrate(store, profile, today)
contacts = contacts_of(store).set_index("id", drop=False)
events = events_of(store)
states = states_of(store, settings_of(store), today)

wanted = st.query_params.get("id")
labels = labels_of(store)  # cached with the data: building 30,000 labels on every run costs a second
ids = list(labels)
default = ids.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in labels else 0
contact_id = st.selectbox("Contact", ids, index=default, key="person_pick", format_func=labels.get)
st.query_params["id"] = str(contact_id)
person = contacts.loc[contact_id].to_dict()
state = states.loc[contact_id] if contact_id in states.index else None
status = state["status"] if state is not None else "to_approach"
label = responsiveness(events, today).get(contact_id)

where = " at ".join(md(v) for v in (person["title"], person["company"]) if isinstance(v, str) and v)
st.markdown(f"### {md(person['full_name'])}\n{where}")
facts = [f"Status: **{STATUS_LABELS[status]}**"]
if label:
    facts.append(f"Responds: **{RESPONSIVENESS[label]}**")
if pd.notna(person.get("referred_by")) and person["referred_by"] in contacts.index:
    facts.append(f"Introduced by **{md(contacts.loc[person['referred_by'], 'full_name'])}**")
st.caption(" · ".join(facts))
# -- the user's rating of this person for their target: one click, undoable
rating = ratings_of(store).get(contact_id)
said, good, not_relevant, clear = st.columns([2, 1, 1, 1], vertical_alignment="center")
said.caption(f"Your rating: {RATINGS[rating]}." if rating else "Not rated yet: is this a good person for your target?")
good.button("Good for my target", key=f"person_rate_good_{contact_id}", on_click=_request,
            args=("rate", contact_id, "good"), icon=":material/thumb_up:", disabled=rating == "good")
not_relevant.button("Not relevant", key=f"person_rate_not_{contact_id}", on_click=_request,
                    args=("rate", contact_id, "not_relevant"), icon=":material/thumb_down:",
                    disabled=rating == "not_relevant")
clear.button("Clear rating", key=f"person_rate_clear_{contact_id}", on_click=_request, args=("rate", contact_id, None),
             icon=":material/undo:", disabled=rating is None)
reach = [f"{label}: " + ", ".join(code(v) for v in values) for label, values in
         (("Email", person.get("emails")), ("Phone", person.get("phones")))
         if isinstance(values, list | tuple | np.ndarray) and len(values)]
if reach:
    st.caption(" · ".join(reach))
if isinstance(person.get("company"), str) and person["company"].strip():
    company = person["company"].strip()
    overrides = store.company_industries()
    with st.expander(f"Industry of {md(company)}", icon=":material/factory:"):
        st.text(company_industry_words(company, overrides))
        with st.form(f"person_industry_{contact_id}", border=False):
            said = st.text_input("Which industry is it in? (one answer for everyone who works there)",
                                 key="person_industry", max_chars=200,
                                 placeholder="e.g. Fintech, Healthcare, Public sector")
            if st.form_submit_button("Save for everyone there", key="person_industry_save"):
                _request("industry", company, said.strip())
                st.rerun()

# -- what to do next -------------------------------------------------------------------------------------------
if status in ("to_approach", "drafting"):
    with st.expander("A first message, ready to edit", expanded=status == "drafting", icon=":material/edit:"):
        st.text_area("Message", message("first_note", person, profile), key=f"person_first_{contact_id}", height=180)
        st.caption("Copy it into your mail or LinkedIn. Unstuck never sends anything itself. Short beats perfect.")
elif state is not None and state["follow_up_due"]:
    st.info(f"No reply for {state['waiting_days']} business days: one polite follow-up, then move on.",
            icon=":material/schedule:")
    st.text_area("Follow-up", message("follow_up", person, profile), key=f"person_follow_{contact_id}", height=140)
elif status == "declined":
    st.info(perspective(seed=contact_id), icon=":material/favorite:")
    st.markdown("**Next step: ask whether they can recommend someone else.**")
    st.text_area("Referral ask", message("referral_ask", person, profile), key=f"person_ask_{contact_id}", height=150)
    with st.form(f"person_referral_{contact_id}", border=True):
        st.markdown("**They suggested someone?** Add them: a warm introduction ranks high.")
        cols = st.columns(3)
        name = cols[0].text_input("Name", key="person_ref_name")
        title = cols[1].text_input("Job title", key="person_ref_title")
        company = cols[2].text_input("Company", key="person_ref_company")
        email = st.text_input("Email (optional)", key="person_ref_email")
        if st.form_submit_button("Add the referral", type="primary", key="person_ref_add"):
            if not name.strip():
                st.error("Name: say who they suggested.")
            else:
                new_id = store.add_contact(full_name=name.strip(), title=title.strip() or None,
                                           company=company.strip() or None, email=email.strip() or None,
                                           referred_by=int(contact_id), tie_strength=3,
                                           notes=f"Introduced by {person['full_name']}")
                store.log_event(contact_id, "referral_given", today, note=f"Suggested {name.strip()}")
                st.success(f"Added {md(name.strip())}, introduced by {md(person['full_name'])}.",
                           icon=":material/group_add:")
                st.page_link("app_pages/contact.py", label=f"Open {md(name.strip())}", query_params={"id": new_id},
                             icon=":material/arrow_forward:")
    st.button("Still no: close and move on", key="person_close", on_click=_request, args=("close", contact_id),
              icon=":material/done_all:")
    _, moments = good_moments(events, contacts.reset_index(drop=True), n=3)
    if not moments.empty:
        st.markdown("**Remember these good moments:**")
        for moment in moments.itertuples():
            st.markdown(f"- {md(moment.full_name)}: {md(moment.note or 'an energising conversation')}")
elif status in ("replied", "meeting"):
    with st.expander("Prepare the conversation", expanded=True, icon=":material/forum:"):
        st.markdown("It is mostly about them. Four themes carry a good conversation:")
        for theme in question_themes():
            st.markdown(f"**{theme['theme']}**: " + " ".join(theme["questions"]))
        st.markdown("More ideas (trends, insights, advice, resources, assignments):")
        st.markdown("\n".join(f"- *{t['part']}*: {t['question']}" for t in tiara()))
        known = [f"{k}: {md(v)}" for k, v in (("Title", person["title"]), ("Company", person["company"]),
                                              ("Notes", person["notes"])) if isinstance(v, str) and v]
        if known:
            st.markdown("**What you know already**  \n" + "  \n".join(known))
        saved = person.get("prep_notes")
        st.text_area("Your notes for this conversation", saved if isinstance(saved, str) else "",
                     key=f"person_prep_{contact_id}", height=120)
        st.button("Save notes", key="person_prep_save", on_click=_request, args=("prep", contact_id),
                  icon=":material/save:")

# -- log what happened -----------------------------------------------------------------------------------------
with st.form("person_log", border=True, clear_on_submit=True):
    st.markdown("**Log what happened**")
    cols = st.columns([2, 1, 1])
    kind = cols[0].selectbox("What", EVENT_KINDS, format_func=KIND_LABELS.get, key="person_log_kind",
                             index=EVENT_KINDS.index("reached_out"))
    when = cols[1].date_input("When", today, max_value=today, key="person_log_date", format=INPUT_DATE)
    channel = cols[2].selectbox("Channel", CHANNELS, key="person_log_channel", format_func=lambda c: word("channel", c))
    note = st.text_input("Note", key="person_log_note", placeholder="What was said, what was good")
    energising = st.checkbox("This conversation gave me energy", key="person_log_energising")
    if st.form_submit_button("Log it", type="primary", key="person_log_submit"):
        _request("log", contact_id, kind, when, channel, note.strip(), energising)
        st.rerun()

# -- the timeline ----------------------------------------------------------------------------------------------
timeline = store.contact_events(contact_id)
st.markdown("**Timeline**")
if timeline.empty:
    st.caption("Nothing logged yet.")
else:
    shown = timeline.set_index("id")[["happened_on", "kind", "channel", "note", "energising"]]
    shown["source"] = timeline["source"].fillna("logged here").to_numpy()  # where it came from, e.g. an archive
    edited = st.data_editor(
        shown, key=f"person_timeline_{contact_id}", num_rows="delete", width="stretch", disabled=["source"],
        hide_index=True, placeholder="",
        column_config={
            "happened_on": st.column_config.DateColumn("Date", max_value=today, required=True, format=TABLE_DATE),
            "kind": st.column_config.SelectboxColumn("What", options=list(EVENT_KINDS), required=True,
                                                     format_func=lambda k: word("event", k)),
            "channel": st.column_config.SelectboxColumn("Channel", options=list(CHANNELS),
                                                        format_func=lambda c: word("channel", c)),
            "note": st.column_config.TextColumn("Note"),
            "energising": st.column_config.CheckboxColumn("Energising"),
            "source": st.column_config.TextColumn("From"),
        })
    changes = st.session_state.get(f"person_timeline_{contact_id}", {})
    if (changes.get("edited_rows") or changes.get("deleted_rows")) and st.button(
            "Save timeline changes", key="person_timeline_save", type="primary"):
        for position, fields in changes.get("edited_rows", {}).items():
            store.update_event(int(shown.index[int(position)]), **fields)
        for position in changes.get("deleted_rows", []):
            store.delete_event(int(shown.index[int(position)]))
        st.rerun()
