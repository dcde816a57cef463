"""Today: whom to approach next, and why."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from app_pages.shared import (
    celebrate,
    events_of,
    md,
    names_of,
    open_store,
    rating_model,
    require_contacts,
    require_profile,
    scored,
    settings_of,
    states_of,
    templates_of,
)
from engine.coaching import drafting_nudges, good_moments, message, perspective, words
from engine.ratings import RATINGS, status_words
from engine.reminders import agenda, describe, to_ics
from engine.scoring import FLAG_LABELS, FLAG_RULE, PRIORITY_RULE, next_contacts

AGENDA_SHOWN = 8  # items of the agenda listed on the page; the calendar file holds them all

store = open_store()
today = date.today()

st.title("Whom to approach next")
profile = require_profile(store)
require_contacts(store)


def _request(action: str, contact_id: int, code: str | None = None) -> None:
    st.session_state.today_request = (action, contact_id, code)


request = st.session_state.pop("today_request", None)
if request:
    action, contact_id, code = request
    if action == "reached_out":
        store.log_event(contact_id, "reached_out", today)
        st.toast("Logged. One more step on the road.", icon=":material/send:")
    elif action == "follow_up":
        store.log_event(contact_id, "follow_up", today)
        st.toast("Follow-up logged. If they stay silent, Unstuck closes them for you later.", icon=":material/send:")
    elif action == "snooze":
        store.snooze(contact_id, today + timedelta(days=14))
        st.toast("Put aside for two weeks.", icon=":material/snooze:")
    elif action == "dismiss":
        store.set_flag_dismissed(contact_id, code)
        st.toast("Flag dismissed for this contact.", icon=":material/check:")
    elif action == "rate":  # a rating, or None to take it back; the last one can be undone from the top
        store.rate(contact_id, code)
        st.session_state.today_last_rating = (contact_id, code) if code else None

celebrate(store, profile, today)
settings = settings_of(store)
events = events_of(store)
states = states_of(store, settings, today)
everyone = scored(store, profile, settings, today)  # cached; it carries every contact's fields, so no second read
people = everyone.set_index("id", drop=False)
names = people["full_name"]
everyone_names = names_of(store)
templates = templates_of(store)


def draft(kind: str, person: dict) -> str:
    """A message to one scored contact, in the user's words, naming who introduced them."""
    giver = person.get("referred_by")
    introducer = everyone_names.get(int(giver)) if pd.notna(giver) else None
    return message(kind, person, profile, introducer=introducer, templates=templates)


stale = drafting_nudges(states, settings.rules)
if stale is not None and not stale.empty:
    with st.container(border=True, key="today_drafts"):
        st.markdown(f"**Waiting in your drafts: {len(stale)}.** {md(words()['drafting_nudge'])}")
        for contact_id, state in stale.head(5).iterrows():
            person = people.loc[contact_id].to_dict()
            with st.expander(f"{md(names[contact_id])}: started {state['drafting_days']} days ago"):
                st.text_area("A short version, ready to send", draft("send_it_now", person),
                             key=f"today_draft_msg_{contact_id}", height=130)
                st.button("Sent it", key=f"today_sent_{contact_id}", on_click=_request,
                          args=("reached_out", contact_id), icon=":material/send:")

items = agenda(states, events, everyone_names, today, settings.rules)
if not items.empty:
    with st.container(border=True, key="today_agenda"):
        due = int(items["due"].sum())
        meetings = int((items["kind"] == "meeting").sum())
        later = len(items) - due - meetings
        counts = [f"{n} {word if n == 1 else word + 's'} {when}" for n, word, when in (
            (due, "follow-up", "due now"), (meetings, "conversation", "coming up"), (later, "follow-up", "later"))
            if n]
        st.markdown(f"**Follow-ups and conversations: {', '.join(counts)}.** Follow up once, then move on; prepare "
                    "each conversation with the four themes.")
        for item in items.head(AGENDA_SHOWN).itertuples(index=False):
            said, link = st.columns([4, 1], vertical_alignment="center")
            icon = ":material/forum:" if item.kind == "meeting" else ":material/schedule:"
            # the name made inert; the rest are Unstuck's own words (a time stays as written)
            said.markdown(f"{icon} {describe(item._asdict() | {'full_name': md(item.full_name)}, today)}")
            link.page_link("app_pages/contact.py", label="Open", query_params={"id": int(item.contact_id)},
                           icon=":material/arrow_forward:")
        more = len(items) - AGENDA_SHOWN
        # the calendar file is made when clicked: made on every run, it was 0.3 s of a first Today at 30,000 contacts
        st.download_button(
            "Add them to your calendar (.ics)" + (f": {more} more inside" if more > 0 else ""),
            lambda: to_ics(items), file_name="unstuck-reminders.ics", mime="text/calendar", key="today_calendar",
            on_click="ignore", icon=":material/calendar_add_on:",
            help="A calendar file any calendar app opens. Nothing is sent anywhere.")

recent_no = events[(events["kind"] == "declined")
                   & (pd.to_datetime(events["happened_on"]).dt.date >= today - timedelta(days=3))]
if not recent_no.empty:
    _, moments = good_moments(events, everyone, n=3)
    with st.container(border=True, key="today_perspective"):
        st.markdown(md(perspective(seed=len(recent_no))))
        for moment in moments.itertuples():
            st.markdown(f"- A good moment: {md(moment.full_name)}, {md(moment.note or 'an energising conversation')}")

n = st.slider("How many to show", 1, 20, 5, key="today_top_n")
top = next_contacts(everyone, n)
aim = profile.level_words().lower() if profile.level_high else f"{profile.target_level.replace('_', '-')} level"
st.caption(f"Aiming for **{md(profile.target_role)}** ({aim}). "
           "Closest, warmest and most wanted first; flagged people are ranked down, never hidden. " + FLAG_RULE + " "
           + PRIORITY_RULE)
# -- ratings: what they do to the list, and the last one to take back (a "not relevant" leaves the list)
rated = rating_model(store, profile, settings, today)
if rated.n:
    st.caption(md(status_words(rated)))
if last := st.session_state.get("today_last_rating"):
    rated_id, rating = last
    if rated_id in names.index:
        note, undo = st.columns([4, 1], vertical_alignment="center")
        note.info(f"You rated {md(names[rated_id])}: {RATINGS[rating]}.", icon=":material/thumbs_up_down:")
        undo.button("Undo rating", key="today_undo_rating", on_click=_request, args=("rate", rated_id, None),
                    icon=":material/undo:")

for rank, row in enumerate(top.itertuples(), 1):
    with st.container(border=True, key=f"today_card_{row.id}"):
        head, score = st.columns([4, 1])
        where = " at ".join(md(x) for x in (row.title, row.company) if isinstance(x, str) and x)
        head.markdown(f"**{rank}. {md(row.full_name)}**  \n{where or 'no title or company known'}")
        score.metric("Closeness", f"{row.closeness:.0%}", label_visibility="visible")
        st.markdown("\n".join(f"- {md(reason)}" for reason in row.why))
        for flag in (f for f in row.flags if not f.dismissed):
            warn, button = st.columns([4, 1])
            warn.warning(f"**{FLAG_LABELS[flag.code]}**: {md(flag.reason)}", icon=":material/front_hand:")
            button.button("Dismiss flag", key=f"today_dismiss_{row.id}_{flag.code}", on_click=_request,
                          args=("dismiss", row.id, flag.code), help="You know better: stop ranking them down.")
        if row.follow_up_due:
            with st.expander("A polite follow-up, ready to edit"):
                st.text_area("Follow-up", draft("follow_up", row._asdict()), key=f"today_follow_{row.id}",
                             height=150)
        left, middle, right = st.columns([1, 1, 1])
        if row.follow_up_due:  # follow up once: logged as a follow-up, so it is never asked for again
            left.button("Log follow-up", key=f"today_follow_up_{row.id}", on_click=_request,
                        args=("follow_up", row.id), icon=":material/send:")
        else:
            left.button("Mark as reached out", key=f"today_reached_{row.id}", on_click=_request,
                        args=("reached_out", row.id), icon=":material/send:")
        middle.button("Snooze 2 weeks", key=f"today_snooze_{row.id}", on_click=_request, args=("snooze", row.id),
                      icon=":material/snooze:", help="Not now: they come back in two weeks.")
        right.page_link("app_pages/contact.py", label="Open: message, log, prepare", query_params={"id": row.id},
                        icon=":material/open_in_new:")
        rating = getattr(row, "rating", None)
        good, not_relevant, said = st.columns([1, 1, 1], vertical_alignment="center")
        good.button("Good for my target", key=f"today_rate_good_{row.id}", on_click=_request,
                    args=("rate", row.id, None if rating == "good" else "good"), icon=":material/thumb_up:",
                    type="primary" if rating == "good" else "secondary",
                    help="A good person for your target: they move up, and the list learns from your ratings.")
        not_relevant.button("Not relevant", key=f"today_rate_not_{row.id}", on_click=_request,
                            args=("rate", row.id, "not_relevant"), icon=":material/thumb_down:",
                            help="Not relevant for your target: they drop to the bottom of the list.")
        if isinstance(rating, str):
            said.caption(f"You rated them: {RATINGS[rating]}. Click again to take it back.")
if top.empty:
    st.success("Nobody is waiting for your first message: everyone is reached, waiting or done.")
