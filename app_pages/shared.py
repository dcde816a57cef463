"""What every page shares: the cached store for this process, what pages derive from its data, and the sidebar.

Everything derived from the data (the profile, the settings, contacts, scores, what was learned, progress figures) is
cached by the store's version, which every write and nothing else changes: a click that changed nothing recomputes
nothing, and the run after a write sees the write.
"""

from __future__ import annotations

import threading
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from engine.coaching import templates_from_settings
from engine.inert import markdown_text
from engine.outreach import contact_states
from engine.profile import Profile
from engine.rewards import milestones_reached, next_milestone, people_reached
from engine.settings import Settings, read_settings
from engine.store import Store, default_path

if TYPE_CHECKING:
    from engine import progress
    from engine.learning import Learned
    from engine.merge import Directory
    from engine.ranking import Ranking
    from engine.ratings import RatingModel

# The scoring and learning modules load the title vectors, the lexicons and SciPy's special functions: they are
# imported where they are used, so the navigation and sidebar draw at once and only pages that score pay for them.


@st.cache_resource(show_spinner=False)
def _store_at(path: str) -> Store:
    # One DuckDB connection per process and file; each operation gets its own cursor (engine/store/connection.py).
    return Store(path)


def open_store() -> Store:
    return _store_at(str(default_path().resolve()))


# -- what pages derive from the data --------------------------------------------------------------------------
# Kept with st.cache_resource, keyed by the store's file, its version and (where it matters) the day. Like
# st.cache_data it is shared by the sessions of this process, which all show the same store; unlike it, it hands out
# the object itself instead of unpickling a copy on every read, which for 30,000 scored contacts was most of a warm
# click. So nobody changes these in place: frames are handed out as shallow copies (pandas' copy-on-write keeps a
# change to one from reaching the cached original); the settings and profile are frozen, and the rest (the ranking,
# the history, names) are read only. max_entries=2 keeps the current version and the one before it, for a session
# still drawing the older one.


@st.cache_resource(show_spinner=False, max_entries=2)
def _snapshot(path: str, version: int, _store: Store) -> dict:
    """The small facts every page run needs, read in one go for this version of the data."""
    stored = _store.settings()
    return {"profile": _store.load_profile(), "settings": read_settings(stored),
            "templates": templates_from_settings(stored), "has_demo": _store.has_demo(),
            "industries": _store.company_industries(), "archive_about": _store.archive_about()}


def _fact(store: Store, name: str):
    return _snapshot(str(store.path), store.version, store)[name]


def profile_of(store: Store) -> Profile | None:
    """The saved profile (target career and routine), or None before the user set one."""
    return _fact(store, "profile")


def templates_of(store: Store) -> dict[str, str]:
    """The user's own message templates (engine.coaching.templates_from_settings), read once per version."""
    return _fact(store, "templates")


def industries_of(store: Store) -> dict:
    """The industries the user said companies are in (Store.company_industries), read once per version."""
    return _fact(store, "industries")


def archive_about_of(store: Store) -> dict:
    """What the latest LinkedIn archive says about the user (Store.archive_about), read once per version."""
    return _fact(store, "archive_about")


def settings_of(store: Store) -> Settings:
    """The user's settings, read once per version of the data: pass them down to every engine call that needs them."""
    return _fact(store, "settings")


@st.cache_resource(show_spinner=False, max_entries=2)
def _reached(path: str, version: int, today: date, _store: Store) -> int:
    return people_reached(_table(path, version, "events", _store), today)


def reached_of(store: Store, today: date) -> int:
    """People reached out to by today (engine.rewards.people_reached): what the sidebar, the celebration and the
    Progress page all count rewards in."""
    return _reached(str(store.path), store.version, today, store)


@st.cache_resource(show_spinner=False, max_entries=2)
def _counts(path: str, version: int, _store: Store) -> dict[str, int]:
    return _store.counts()


def counts_of(store: Store) -> dict[str, int]:
    """Row counts of contacts, outreach events and practice (Store.counts())."""
    return _counts(str(store.path), store.version, store)


@st.cache_resource(show_spinner=False, max_entries=8)
def _table(path: str, version: int, name: str, _store: Store) -> pd.DataFrame:
    return {"contacts": _store.contacts, "events": _store.events, "practice": _store.practice,
            "ratings": _store.ratings}[name]()


def contacts_of(store: Store) -> pd.DataFrame:
    """Every stored contact, ordered by id."""
    return _table(str(store.path), store.version, "contacts", store).copy(deep=False)


def events_of(store: Store) -> pd.DataFrame:
    """The outreach log, oldest first."""
    return _table(str(store.path), store.version, "events", store).copy(deep=False)


def practice_of(store: Store) -> pd.DataFrame:
    """The practice (pleasure) interviews, oldest first."""
    return _table(str(store.path), store.version, "practice", store).copy(deep=False)


def ratings_of(store: Store) -> dict[int, str]:
    """The user's rating of each rated contact ('good' or 'not_relevant') by id."""
    ratings = _table(str(store.path), store.version, "ratings", store)
    return dict(zip(ratings["contact_id"].tolist(), ratings["rating"].tolist(), strict=True))


@st.cache_resource(show_spinner=False, max_entries=2)
def _names(path: str, version: int, _store: Store) -> dict[int, str]:
    contacts = _table(path, version, "contacts", _store)
    return dict(zip(contacts["id"].tolist(), contacts["full_name"].tolist(), strict=True))


DIRECTORY_KEPT = 200_000  # contacts: a prepared directory holds about 2 KB each; beyond, each upload builds its own


@st.cache_resource(show_spinner=False, max_entries=2)
def _directory(path: str, version: int, _store: Store) -> Directory:
    from engine.merge import Directory

    return Directory(_table(path, version, "contacts", _store)).prepared()


def directory_of(store: Store) -> Directory | None:
    """The stored contacts indexed for planning an import (engine.merge.Directory, prepared), once per version of
    the data; None above DIRECTORY_KEPT contacts. Read-only: plan on a fork() of it."""
    if counts_of(store)["contacts"] > DIRECTORY_KEPT:
        return None
    return _directory(str(store.path), store.version, store)


@st.cache_resource(show_spinner=False, max_entries=2)
def _labels(path: str, version: int, _store: Store) -> dict[int, str]:
    from engine.contacts_view import contact_labels

    return contact_labels(_table(path, version, "contacts", _store)[["id", "full_name", "title", "company"]]
                          .set_index("id"))


def names_of(store: Store) -> dict[int, str]:
    """Each contact's name by id. Read-only."""
    return _names(str(store.path), store.version, store)


def labels_of(store: Store) -> dict[int, str]:
    """'Name · Title · Company' by contact id, to pick one contact by (built only where a picker needs it: 0.2 s
    for 30,000 people). Read-only."""
    return _labels(str(store.path), store.version, store)


@st.cache_resource(show_spinner=False, max_entries=2)
def _states(path: str, version: int, today: date, _store: Store, _settings: Settings) -> pd.DataFrame:
    return contact_states(_table(path, version, "events", _store), today, _settings.rules)


def states_of(store: Store, settings: Settings, today: date) -> pd.DataFrame:
    """Where each contact with history stands (engine.outreach.contact_states) under the user's follow-up rules."""
    return _states(str(store.path), store.version, today, store, settings).copy(deep=False)


@st.cache_resource(show_spinner="Scoring your contacts…", max_entries=2)
def _ranking(path: str, version: int, today: date, _store: Store, _profile: Profile, _settings: Settings) -> Ranking:
    from engine.archive import with_former_colleagues
    from engine.ranking import rank_contacts

    contacts = with_former_colleagues(_table(path, version, "contacts", _store), _store.own_positions())
    # readings=_store: the titles' readings come from the store and new ones go back to it (engine.readings), under
    # the store's write lock like every write, without a new version: this cached ranking stays the current one
    return rank_contacts(contacts, _table(path, version, "events", _store),
                         _profile, _settings, today,
                         dismissed=_store.dismissed_flags(), snoozed=_store.snoozed(today),
                         sources=_store.source_formats(), ratings=_table(path, version, "ratings", _store),
                         industry_overrides=industries_of(_store), readings=_store,
                         states=_states(path, version, today, _store, _settings))  # the pages' own, made once


def ranking(store: Store, profile: Profile, settings: Settings, today: date) -> Ranking:
    """Every contact scored, learned from and ranked (engine.ranking): once per version of the data and day."""
    return _ranking(str(store.path), store.version, today, store, profile, settings)


def base_scores(store: Store, profile: Profile, settings: Settings, today: date) -> pd.DataFrame:
    """Scores without what the reply model learned: closeness and flags, for pages that need only those."""
    return ranking(store, profile, settings, today).scored.copy(deep=False)


def scored(store: Store, profile: Profile, settings: Settings, today: date) -> pd.DataFrame:
    """Every contact scored, with what the user's own history teaches blended in once it is reliable."""
    r = ranking(store, profile, settings, today)
    with st.spinner("Learning from your outreach…") if r.learning_pending else nullcontext():
        return r.ranked.copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=2)
def _suggestions(path: str, version: int, _store: Store) -> list:
    from engine.suggestions import suggest_titles

    profile = _fact(_store, "profile")
    if profile is None:
        return []
    return suggest_titles(_table(path, version, "contacts", _store)["title"], profile, _store.rejected_titles())


def title_suggestions(store: Store) -> list:
    """Titles from the user's network nearest their target, not yet listed nor turned down (engine.suggestions)."""
    return _suggestions(str(store.path), store.version, store)


def rating_model(store: Store, profile: Profile, settings: Settings, today: date) -> RatingModel:
    """What the user's ratings taught the ranking, and whether it leans on them (engine.ratings). Read-only."""
    return ranking(store, profile, settings, today).rated


def learned(store: Store, profile: Profile | None, settings: Settings, today: date) -> Learned:
    """The reply model learned from the user's outcomes; before a target career is set nothing is scored, so
    nothing is learned yet (and the model says how much history it waits for)."""
    from engine.learning import nothing_learned

    if profile is None:
        return nothing_learned(settings)
    r = ranking(store, profile, settings, today)
    with st.spinner("Learning from your outreach…") if r.learning_pending else nullcontext():
        return r.learned


@st.cache_resource(show_spinner="Adding up your road…", max_entries=2)
def _history(path: str, version: int, today: date, _store: Store, _profile: Profile,
             _settings: Settings) -> progress.History:
    from engine import progress

    return progress.history(_table(path, version, "events", _store), _table(path, version, "practice", _store),
                            base_scores(_store, _profile, _settings, today), today)


def history_of(store: Store, profile: Profile, settings: Settings, today: date) -> progress.History:
    """The outreach history joined to the scored contacts (engine.progress.history). Read-only."""
    return _history(str(store.path), store.version, today, store, profile, settings)


_ALTAIR_GLOBALS = threading.Lock()  # Altair's theme is process-wide: one conversion at a time


def chart_spec(chart) -> dict:
    """An Altair chart as the Vega-Lite spec st.altair_chart would send, for st.vega_lite_chart: a page can build,
    validate and serialise it once and keep it. Altair's default theme is left out (Streamlit's theme and width
    apply), and the data goes in as Arrow IPC bytes, which Streamlit passes on as they are."""
    import altair as alt
    import pyarrow as pa

    with _ALTAIR_GLOBALS, alt.theme.enable("none") if alt.theme.active == "default" else nullcontext():
        spec = chart.to_dict()
    for name, records in spec.get("datasets", {}).items():
        table = pa.Table.from_pandas(pd.DataFrame(records), preserve_index=False)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        spec["datasets"][name] = sink.getvalue().to_pybytes()
    return spec


# -- the sidebar and what pages ask first ----------------------------------------------------------------------


def _ask_remove_demo() -> None:
    st.session_state.remove_demo_requested = True


def sidebar(store: Store):
    """Draw the sidebar; returns a function to call once the page ran, which redraws the reward line, so it counts
    what the page just logged (the reward banner and the sidebar agree)."""
    with st.sidebar:
        if st.session_state.pop("remove_demo_requested", False):
            store.remove_demo()
            st.toast("Demo data removed. The store is yours now.", icon=":material/check:")
        st.caption(f"Store: `{Path(store.path).name}`", help=str(store.path))
        if _fact(store, "has_demo"):
            st.info("This store holds **demo data**: invented people, for exploring.", icon=":material/science:")
            with st.popover("Remove demo data", icon=":material/delete:"):
                st.write("Delete every invented contact, event and practice interview? Your own data stays.")
                st.button("Yes, remove the demo", key="sidebar_remove_demo", on_click=_ask_remove_demo,
                          type="primary")
        slot = st.empty()
        st.caption("Everything stays on this machine.")

    def reward_line() -> None:
        profile = profile_of(store)
        upcoming = profile and next_milestone(reached_of(store, date.today()), profile.reward_every, profile.reward)
        if upcoming:
            at, to_go = upcoming
            slot.caption(f"Next reward at {at} people reached ({to_go} to go): {md(profile.reward)}")
        else:
            slot.empty()

    reward_line()
    return reward_line


def md(text: object) -> str:
    """User data made safe to embed in Markdown (engine.inert.markdown_text): shown as typed, on one line, never as
    markup, a link, an icon or a colour."""
    return markdown_text(text)


def code(text: object) -> str:
    """User data as a Markdown code span: shown as typed (an address or URL never becomes a link)."""
    return "`" + " ".join(str(text).replace("`", "'").split()) + "`"


def require_profile(store: Store) -> Profile:
    """The saved profile; without one, point the user to the Profile page and stop this page."""
    profile = profile_of(store)
    if profile is None:
        st.info("First tell Unstuck which career you are aiming for: closeness is measured against it.",
                icon=":material/flag:")
        st.page_link("app_pages/profile.py", label="Set your target career", icon=":material/arrow_forward:")
        st.stop()
    return profile


def require_contacts(store: Store) -> None:
    """Without contacts, point the user to the Import page and stop this page."""
    if contacts_of(store).empty:  # the pages that ask need the contacts anyway: no second query
        st.info("No contacts yet. Bring in your LinkedIn connections or an address book to get started.",
                icon=":material/group_add:")
        st.page_link("app_pages/import_.py", label="Import contacts", icon=":material/arrow_forward:")
        st.stop()


def celebrate(store: Store, profile: Profile, today: date) -> None:
    """Celebrate each reward milestone once, on the first page run after it is reached."""
    reached = milestones_reached(reached_of(store, today), profile.reward_every, profile.reward)
    fresh = store.sync_rewards(reached, profile.reward, today)
    if fresh:
        st.balloons()
        st.success(f"**{fresh[-1]} people reached!** Time for your reward: **{md(profile.reward)}**. "
                   "You earned it.", icon=":material/celebration:")
        store.mark_celebrated(fresh)
