"""One contact, the workbench of outreach: how to reach them, why them, what to watch out for, the next step with a
message ready to edit, and the timeline in words. Unstuck never sends anything itself."""

from datetime import date, datetime, time

import pandas as pd
import streamlit as st

from app_pages.shared import (
    celebrate,
    contacts_of,
    events_of,
    industries_of,
    labels_of,
    md,
    open_store,
    ratings_of,
    require_contacts,
    require_profile,
    scored,
    settings_of,
    states_of,
    templates_of,
)
from engine.coaching import (
    RESPONSIVENESS,
    good_moments,
    message,
    next_step,
    perspective,
    question_themes,
    responsiveness,
    tiara,
)
from engine.industries import company_industry_words
from engine.outreach import CHANNELS, EVENT_KINDS, STATUS_LABELS
from engine.people import FIELD_WORDS, HAND_FIELDS, check_new_person, clean_person
from engine.ratings import RATINGS
from engine.reach import ways_to_reach
from engine.scoring import FLAG_LABELS, company_keys, next_contacts
from engine.words import INPUT_DATE, TABLE_DATE, nice_date, word

# the timeline says what happened as a sentence
KIND_WORDS = {"drafting": "You started a draft", "reached_out": "You reached out", "follow_up": "You followed up",
              "replied": "They replied", "meeting_scheduled": "You planned a conversation", "met": "You met",
              "declined": "They declined", "referral_given": "They suggested someone to talk to",
              "no_answer": "No answer", "closed": "You closed this and moved on"}
CHANNEL_WORDS = {"email": "by email", "linkedin": "on LinkedIn", "phone": "by phone", "in_person": "in person",
                 "event": "at an event", "video call": "on a video call", "other": "another way"}
WAY_LABELS = {"email": ("Write an email", ":material/mail:"), "phone": ("Call", ":material/call:"),
              "profile": ("Open their profile", ":material/open_in_new:")}
WAY_NAMES = {"email": "Email", "phone": "Phone", "profile": "Profile link"}

store = open_store()
st.title("Contact")
profile = require_profile(store)
require_contacts(store)
today = date.today()
settings = settings_of(store)


def _request(*action) -> None:
    st.session_state.person_request = action


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _count(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else word + 's'}"


if request := st.session_state.pop("person_request", None):
    kind = request[0]
    if kind == "log":
        _, contact_id, event, when, channel, note, energising = request
        store.log_event(contact_id, event, when, channel=channel, note=note or None, energising=energising)
        st.toast(f"Logged: {word('event', event).lower()}.", icon=":material/check:")
    elif kind == "follow_up":
        store.log_event(request[1], "follow_up", today)
        st.toast("Follow-up logged. If they stay silent, Unstuck closes them for you later.", icon=":material/send:")
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
    elif kind == "dismiss":
        store.set_flag_dismissed(request[1], request[2])
        st.toast("Flag dismissed for this contact.", icon=":material/check:")
    elif kind == "meeting":
        _, contact_id, event_id, at = request
        if event_id is None:
            store.log_event(contact_id, "meeting_scheduled", today, meeting_at=at)
        else:
            store.update_event(event_id, meeting_at=at)
        st.toast(f"Conversation planned for {nice_date(at)} at {at:%H:%M}.", icon=":material/event:")

    elif kind == "add_anyway":
        _, fields, same_as, why = request
        new_id = store.add_contact(**fields, apart_from={same_as: why})
        st.session_state.person_pick = new_id
        st.toast("Added as a different person.", icon=":material/person_add:")

celebrate(store, profile, today)
contacts = contacts_of(store).set_index("id", drop=False)
events = events_of(store)
states = states_of(store, settings, today)
labels = labels_of(store)  # cached with the data: building 30,000 labels on every run costs a second
ids = list(labels)

# -- whom: a link (or the address bar) names a person, and wins over what the picker last showed ----------------
wanted = st.query_params.get("id")
wanted = int(wanted) if wanted and wanted.isdigit() and int(wanted) in labels else None
if wanted is not None and (wanted != st.session_state.get("person_url_seen")
                           or st.session_state.get("person_pick") is None):
    st.session_state.person_pick = wanted
contact_id = st.selectbox("Whom to open", ids, index=None, key="person_pick", format_func=labels.get,
                          placeholder="Type a name, a title or a company")


def person_form(key: str, values: dict, button: str) -> tuple[dict, dict] | None:
    """The hand-typed fields of one person in a form; on submit, the cleaned fields and problems by field."""
    with st.form(key, border=False, clear_on_submit=False):
        cols = st.columns(3)
        typed = {}
        for i, name in enumerate(HAND_FIELDS[:-1]):
            old = values.get(name)
            typed[name] = cols[i % 3].text_input(FIELD_WORDS[name], old if isinstance(old, str) else "",
                                                 key=f"{key}_{name}")
        old = values.get("notes")
        typed["notes"] = st.text_area(FIELD_WORDS["notes"], old if isinstance(old, str) else "", key=f"{key}_notes",
                                      height=80)
        if st.form_submit_button(button, type="primary", key=f"{key}_submit"):
            return clean_person(typed)
    return None


with st.expander("Add a person by hand", icon=":material/person_add:"):
    st.caption("Someone you met, or whom a friend mentioned. Unstuck checks them as it checks an import: someone "
               "already stored is not added twice.")
    if (typed := person_form("person_new", {}, "Add the person")) is not None:
        fields, errors = typed
        for name, problem in errors.items():
            st.error(f"{FIELD_WORDS[name]}: {problem}", icon=":material/error:")
        if not errors:
            check = check_new_person(fields, contacts_of(store))
            if check.action == "same":
                same = _one_line(contacts.loc[check.contact_id, "full_name"])
                st.warning(f"**Already in your contacts**: {md(same)} ({md(check.reason)}). Open them to add what "
                           "is new, or add this person if they are someone else.", icon=":material/group:")
                st.page_link("app_pages/contact.py", label=f"Open {md(same)}", query_params={"id": check.contact_id},
                             icon=":material/arrow_forward:")
                st.button("They are someone else: add them", key="person_new_anyway", on_click=_request,
                          args=("add_anyway", fields, check.contact_id, check.reason))
            else:
                new_id = store.add_contact(**fields, review_with=check.candidates)
                said = f"Added {md(fields['full_name'])}."
                if check.candidates:
                    said += (f" They may be the same as {_count(len(check.candidates), 'stored contact')}: listed on "
                             "Duplicates for you to decide.")
                st.success(said, icon=":material/person_add:")
                st.page_link("app_pages/contact.py", label=f"Open {md(fields['full_name'])}",
                             query_params={"id": new_id}, icon=":material/arrow_forward:")
if contact_id is None:
    st.session_state.person_url_seen = None
    if "id" in st.query_params:
        del st.query_params["id"]
    st.info("Whom would you like to open? Pick a person above, or start with whom Today suggests:",
            icon=":material/person_search:")
    for row in next_contacts(scored(store, profile, settings, today), 5).itertuples():
        st.page_link("app_pages/contact.py", label=md(_one_line(row.full_name)), query_params={"id": int(row.id)},
                     icon=":material/arrow_forward:")
    st.stop()
st.session_state.person_url_seen = contact_id
st.query_params["id"] = str(contact_id)

person = contacts.loc[contact_id].to_dict()
everyone = scored(store, profile, settings, today)
row = everyone[everyone["id"].to_numpy() == contact_id].iloc[0]  # the same ranking, flags and reasons as Today
state = states.loc[contact_id] if contact_id in states.index else None
status = state["status"] if state is not None else "to_approach"
label = responsiveness(events, today).get(contact_id)
introducer = (_one_line(contacts.loc[person["referred_by"], "full_name"])
              if pd.notna(person.get("referred_by")) and person["referred_by"] in contacts.index else None)
context = person | {k: row[k] for k in ("title_sim", "at_target_company", "industry_hit", "keyword_hit") if k in row}
templates = templates_of(store)


def draft(kind: str) -> str:
    return message(kind, context, profile, introducer=introducer, templates=templates)


where = " at ".join(md(_one_line(v)) for v in (person["title"], person["company"]) if isinstance(v, str) and v.strip())
st.markdown(f"### {md(_one_line(person['full_name']))}\n{where}")
facts = [f"Status: **{STATUS_LABELS[status]}**", f"Closeness to your target: **{row['closeness']:.0%}**"]
if label:
    facts.append(f"Responds: **{RESPONSIVENESS[label]}**")
if introducer:
    facts.append(f"Introduced by **{md(introducer)}**")
st.caption(" · ".join(facts))
if isinstance(person["company"], str) and (company_key := company_keys(pd.Series([person["company"]])).iloc[0]):
    st.page_link("app_pages/companies.py", label=f"Everyone you know at {md(_one_line(person['company']))}",
                 query_params={"company": company_key}, icon=":material/domain:")

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
if isinstance(person.get("company"), str) and person["company"].strip():
    company = person["company"].strip()
    overrides = industries_of(store)
    with st.expander(f"Industry of {md(company)}", icon=":material/factory:"):
        st.text(company_industry_words(company, overrides))
        with st.form(f"person_industry_{contact_id}", border=False):
            said = st.text_input("Which industry is it in? (one answer for everyone who works there)",
                                 key="person_industry", max_chars=200,
                                 placeholder="e.g. Fintech, Healthcare, Public sector")
            if st.form_submit_button("Save for everyone there", key="person_industry_save"):
                _request("industry", company, said.strip())
                st.rerun()

# -- how to reach them: every address, number and link, to copy or open in the user's own app ------------------
with st.container(border=True, key="person_reach"):
    st.markdown("**How to reach them**")
    ways = ways_to_reach(person)
    if not ways:
        st.caption("No email, phone or profile link stored for them. Add one under “Edit their details” below, "
                   "or reach them where you know them from.")
    for i, way in enumerate(ways):
        name, value, button = st.columns([1, 4, 2], vertical_alignment="center")
        name.caption(WAY_NAMES[way.kind])
        value.code(way.value, language=None, wrap_lines=True)  # shown as typed, with a copy button
        if way.href:
            text, icon = WAY_LABELS[way.kind]
            button.link_button(text, way.href, icon=icon, key=f"person_way_{i}")
        else:
            button.caption("Not a link Unstuck can open: copy it instead.")
    if ways:
        st.caption("Copy the address, or open your own mail or phone app. Unstuck never sends anything itself.")

with st.expander("Edit their details", icon=":material/edit:"):
    if (typed := person_form(f"person_edit_{contact_id}", person, "Save their details")) is not None:
        fields, errors = typed
        for name, problem in errors.items():
            st.error(f"{FIELD_WORDS[name]}: {problem}", icon=":material/error:")
        changed = {name: fields.get(name) for name in HAND_FIELDS
                   if (fields.get(name) or None) != (person.get(name) if isinstance(person.get(name), str)
                                                     and person.get(name).strip() else None)}
        if not errors and changed:
            check = check_new_person(fields, contacts_of(store), exclude=contact_id)
            found = dict(check.candidates)
            if check.action == "same":
                found[check.contact_id] = check.reason
            store.update_contacts({contact_id: changed}, review_with={contact_id: found} if found else None)
            st.session_state.person_edit_said = (
                "Saved. An import will not overwrite what you typed."
                + (f" They may be the same as {_count(len(found), 'other contact')}: listed on Duplicates for you "
                   "to decide." if found else ""))
            st.rerun()
        elif not errors:
            st.info("Nothing changed.", icon=":material/info:")
if said := st.session_state.pop("person_edit_said", None):
    st.success(said, icon=":material/check:")

# -- why them, and what to watch out for (the same reasons and flags as on Today) -------------------------------
for flag in (f for f in row["flags"] if not f.dismissed):
    warn, button = st.columns([4, 1])
    warn.warning(f"**{FLAG_LABELS[flag.code]}**: {md(flag.reason)}", icon=":material/front_hand:")
    button.button("Dismiss flag", key=f"person_dismiss_{flag.code}", on_click=_request,
                  args=("dismiss", contact_id, flag.code), help="You know better: stop ranking them down.")
with st.expander("Why Unstuck suggests them", icon=":material/lightbulb:",
                 expanded=status in ("to_approach", "drafting")):
    st.markdown("\n".join(f"- {md(reason)}" for reason in row["why"]))

# -- what to do next --------------------------------------------------------------------------------------------
headline, how = next_step(state, settings.rules)
st.markdown(f"#### Next step: {headline}\n{how}")
if not profile.my_name and status in ("to_approach", "drafting", "declined", "met", "reached_out"):
    st.page_link("app_pages/profile.py", label="Sign with your name and say who you are: add it to your profile",
                 icon=":material/badge:")

if status in ("to_approach", "drafting"):
    st.text_area("A first message, ready to edit", draft("first_note"), key=f"person_first_{contact_id}",
                 height=270)
    st.caption("Copy it into your mail or LinkedIn, then log below that you reached out. Short beats perfect.")
elif state is not None and state["follow_up_due"]:
    st.text_area("Follow-up", draft("follow_up"), key=f"person_follow_{contact_id}", height=170)
    st.button("Log the follow-up", key="person_log_follow_up", type="primary", on_click=_request,
              args=("follow_up", contact_id), icon=":material/send:",
              help="Follow up once: if they stay silent after it, Unstuck closes them for you.")
elif status == "declined":
    st.info(perspective(seed=contact_id), icon=":material/favorite:")
    st.text_area("Referral ask", draft("referral_ask"), key=f"person_ask_{contact_id}", height=170)
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
                new_id = store.add_contact(full_name=_one_line(name), title=title.strip() or None,
                                           company=company.strip() or None, email=email.strip() or None,
                                           referred_by=int(contact_id), tie_strength=3,
                                           notes=f"Introduced by {person['full_name']}")
                store.log_event(contact_id, "referral_given", today, note=f"Suggested {_one_line(name)}")
                st.success(f"Added {md(_one_line(name))}, introduced by {md(_one_line(person['full_name']))}.",
                           icon=":material/group_add:")
                st.page_link("app_pages/contact.py", label=f"Open {md(_one_line(name))}",
                             query_params={"id": new_id}, icon=":material/arrow_forward:")
    st.button("Still no: close and move on", key="person_close", on_click=_request, args=("close", contact_id),
              icon=":material/done_all:")
    _, moments = good_moments(events, contacts.reset_index(drop=True), n=3)
    if not moments.empty:
        st.markdown("**Remember these good moments:**")
        for moment in moments.itertuples():
            st.markdown(f"- {md(_one_line(moment.full_name))}: {md(moment.note or 'an energising conversation')}")
elif status == "met":
    st.text_area("Thank-you note", draft("thank_you"), key=f"person_thanks_{contact_id}", height=250)
    with st.form(f"person_who_else_{contact_id}", border=True, clear_on_submit=True):
        st.markdown("**Who else should you talk to?** Write down the names they gave you, one per line: each "
                    "becomes a contact introduced by them, with a warm first message ready.")
        names = st.text_area("Names they suggested", key="person_who_else", height=100,
                             placeholder="Grace Kim\nHugo Lind")
        if st.form_submit_button("Add them as referrals", type="primary", key="person_who_else_add"):
            given = list(dict.fromkeys(_one_line(n) for n in names.splitlines() if n.strip()))
            if not given:
                st.error("Names they suggested: write at least one name, one per line.")
            else:
                st.session_state.person_added = (contact_id, store.add_referrals(contact_id, given, today), given)
    if (added := st.session_state.get("person_added")) and added[0] == contact_id:
        st.success(f"Added {_count(len(added[1]), 'referral')}, introduced by {md(_one_line(person['full_name']))}.",
                   icon=":material/group_add:")
        for new_id, name in zip(added[1], added[2], strict=True):
            st.page_link("app_pages/contact.py", label=f"Open {md(name)}", query_params={"id": new_id},
                         icon=":material/arrow_forward:")

# -- the conversation: when it is, and how to prepare (the notes stay after it took place) ----------------------
if status in ("replied", "meeting", "met") or (isinstance(person.get("prep_notes"), str) and person["prep_notes"]):
    if status in ("replied", "meeting"):
        planned = events[(events["contact_id"] == contact_id) & (events["kind"] == "meeting_scheduled")]
        latest = planned.iloc[-1] if status == "meeting" and not planned.empty else None
        at = latest.get("meeting_at") if latest is not None else None
        at = pd.Timestamp(at).to_pydatetime() if at is not None and pd.notna(at) else None
        if at is not None and at.date() < today:
            st.info(f"Your conversation was on {nice_date(at)} at {at:%H:%M}: log below how it went (“We met”), "
                    "then send a thank-you.", icon=":material/event_available:")
        elif at is not None:
            st.markdown(f"**You meet on {nice_date(at)} at {at:%H:%M}.** It is in the calendar file on Today.")
        with st.form(f"person_meeting_{contact_id}", border=True):
            st.markdown("**When do you meet?**" if at is None else "**Moved? Change the time**")
            left, right = st.columns(2)
            day = left.date_input("Date", at.date() if at else None, min_value=today, key="person_meeting_day",
                                  format=INPUT_DATE)
            hour = right.time_input("Time", at.time() if at else time(10, 0), key="person_meeting_time",
                                    step=900)
            if st.form_submit_button("Save the meeting", key="person_meeting_save", type="primary"):
                if day is None or hour is None:
                    st.error("Date and time: say when you meet.")
                else:
                    _request("meeting", contact_id, int(latest["id"]) if latest is not None else None,
                             datetime.combine(day, hour))
                    st.rerun()
    with st.expander("Prepare the conversation", expanded=status in ("replied", "meeting"), icon=":material/forum:"):
        st.markdown("It is mostly about them. Four themes carry a good conversation:")
        for theme in question_themes():
            st.markdown(f"**{theme['theme']}**: " + " ".join(theme["questions"]))
        st.markdown("More ideas (trends, insights, advice, resources, assignments):")
        st.markdown("\n".join(f"- *{t['part']}*: {t['question']}" for t in tiara()))
        facts_known = (("Title", person["title"]), ("Company", person["company"]), ("Notes", person["notes"]))
        known = [f"{k}: {md(_one_line(v))}" for k, v in facts_known if isinstance(v, str) and v]
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
    kind = cols[0].selectbox("What", EVENT_KINDS, format_func=lambda k: word("event", k), key="person_log_kind",
                             index=EVENT_KINDS.index("reached_out"))
    when = cols[1].date_input("When", today, max_value=today, key="person_log_date", format=INPUT_DATE)
    channel = cols[2].selectbox("Channel", CHANNELS, key="person_log_channel", format_func=lambda c: word("channel", c))
    note = st.text_input("Note", key="person_log_note", placeholder="What was said, what was good")
    energising = st.checkbox("This conversation gave me energy", key="person_log_energising")
    if st.form_submit_button("Log it", type="primary", key="person_log_submit"):
        _request("log", contact_id, kind, when, channel, note.strip(), energising)
        st.rerun()

# -- the timeline, in words; corrections in a table below -------------------------------------------------------
timeline = events[events["contact_id"] == contact_id].reset_index(drop=True)  # oldest first
st.markdown("**Timeline**")
if timeline.empty:
    st.caption("Nothing logged yet.")
else:
    lines = []
    for event in timeline.itertuples():
        said = KIND_WORDS.get(event.kind, "Something happened")
        if isinstance(event.channel, str) and event.channel in CHANNEL_WORDS and event.kind not in ("no_answer",):
            said += f" {CHANNEL_WORDS[event.channel]}"
        if event.kind == "meeting_scheduled" and pd.notna(getattr(event, "meeting_at", None)):
            said += f" for {nice_date(event.meeting_at)} at {event.meeting_at:%H:%M}"
        if isinstance(event.note, str) and event.note.strip():
            said += f": “{md(_one_line(event.note))}”"
        if event.energising:
            said += " (it gave you energy)"
        if isinstance(getattr(event, "source", None), str) and event.source:
            said += f" (from the {md(event.source)})"
        lines.append(f"- **{nice_date(pd.Timestamp(event.happened_on))}**: {said}")
    st.markdown("\n".join(lines))
    with st.expander("Correct or delete an entry", icon=":material/edit:"):
        shown = timeline.set_index("id")[["happened_on", "kind", "channel", "note", "energising"]]
        if "source" in timeline:  # where it came from, e.g. a LinkedIn archive
            shown["source"] = timeline["source"].fillna("logged here").to_numpy()
        st.data_editor(
            shown, key=f"person_timeline_{contact_id}", num_rows="delete", width="stretch", hide_index=True,
            disabled=["source"], placeholder="",
            column_config={
                "happened_on": st.column_config.DateColumn("Date", max_value=today, required=True,
                                                           format=TABLE_DATE),
                "kind": st.column_config.SelectboxColumn("What", options=list(EVENT_KINDS), required=True,
                                                         format_func=lambda k: word("event", k)),
                "channel": st.column_config.SelectboxColumn("Channel", options=list(CHANNELS),
                                                            format_func=lambda c: word("channel", c)),
                "note": st.column_config.TextColumn("Note"),
                "energising": st.column_config.CheckboxColumn("Gave energy"),
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
