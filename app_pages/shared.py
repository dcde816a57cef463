"""What every page shares: the cached store for this process, and the sidebar."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from engine.outreach import rules_from_settings
from engine.profile import Profile
from engine.rewards import milestones_reached, next_milestone
from engine.store import Store, default_path

if TYPE_CHECKING:
    from engine.learning import Learned

# The scoring and learning modules pull in scikit-learn and SciPy (about a second to import): they are imported
# where they are used, so the navigation and sidebar draw at once and only pages that score pay for them.


@st.cache_resource(show_spinner=False)
def _store_at(path: str) -> Store:
    # One DuckDB connection per process and file; each operation gets its own cursor (engine/store/connection.py).
    return Store(path)


def open_store() -> Store:
    return _store_at(str(default_path().resolve()))


def _ask_remove_demo() -> None:
    st.session_state.remove_demo_requested = True


def sidebar(store: Store) -> None:
    with st.sidebar:
        if st.session_state.pop("remove_demo_requested", False):
            store.remove_demo()
            st.toast("Demo data removed. The store is yours now.", icon=":material/check:")
        st.caption(f"Store: `{Path(store.path).name}`", help=str(store.path))
        if store.has_demo():
            st.info("This store holds **demo data**: invented people, for exploring.", icon=":material/science:")
            with st.popover("Remove demo data", icon=":material/delete:"):
                st.write("Delete every invented contact, event and practice interview? Your own data stays.")
                st.button("Yes, remove the demo", key="sidebar_remove_demo", on_click=_ask_remove_demo,
                          type="primary")
        profile = store.load_profile()
        if profile is not None and (upcoming := next_milestone(store.people_reached(), profile.reward_every,
                                                               profile.reward)):
            at, to_go = upcoming
            st.caption(f"Next reward at {at} people reached ({to_go} to go): {md(profile.reward)}")
        st.caption("Everything stays on this machine.")


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:")


def md(text: object) -> str:
    """User data made safe to embed in Markdown: every markup character is escaped, so it shows literally."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text))


def code(text: object) -> str:
    """User data as a Markdown code span: shown as typed (an address or URL never becomes a link)."""
    return "`" + " ".join(str(text).replace("`", "'").split()) + "`"


@st.cache_data(show_spinner="Scoring your contacts…", max_entries=8)
def scored_contacts(store_id: int, version: int, today: date, _store: Store, _profile: Profile) -> pd.DataFrame:
    """Every contact scored; recomputed only when the store changed (version) or the day turned."""
    from engine.scoring import score_with_history

    return score_with_history(_store.contacts(), _store.events(), _profile, today, _store.settings(),
                              _store.dismissed_flags(), _store.snoozed(today))


@st.cache_data(show_spinner="Learning from your outreach…", max_entries=8)
def learned_model(store_id: int, version: int, today: date, _store: Store, _profile: Profile | None) -> Learned:
    """The reply model learned from the user's outcomes; retrained only when the store changed or the day turned."""
    from engine.learning import learn

    events, settings = _store.events(), _store.settings()
    base = scored_contacts(store_id, version, today, _store, _profile) \
        if _profile is not None and not events.empty else pd.DataFrame()
    return learn(events, base, today, target_level=_profile.target_level if _profile else "mid",
                 sources=_store.source_formats(), settings=settings, rules=rules_from_settings(settings))


def learned(store: Store, profile: Profile | None, today: date) -> Learned:
    return learned_model(id(store), store.version, today, store, profile)


@st.cache_data(show_spinner=False, max_entries=8)
def ranked_contacts(store_id: int, version: int, today: date, _store: Store, _profile: Profile) -> pd.DataFrame:
    """The scores with learned reply chances blended in while the model beats the base rate."""
    from engine.learning import apply as apply_learning

    base = scored_contacts(store_id, version, today, _store, _profile)
    return apply_learning(base, learned_model(store_id, version, today, _store, _profile), today,
                          target_level=_profile.target_level, sources=_store.source_formats())


def base_scores(store: Store, profile: Profile, today: date) -> pd.DataFrame:
    """Scores without what the reply model learned: closeness and flags, for pages that need only those."""
    return scored_contacts(id(store), store.version, today, store, profile)


def scored(store: Store, profile: Profile, today: date) -> pd.DataFrame:
    """Every contact scored, with what the user's own history teaches blended in once it is reliable."""
    return ranked_contacts(id(store), store.version, today, store, profile)


def require_profile(store: Store) -> Profile:
    """The saved profile; without one, point the user to the Profile page and stop this page."""
    profile = store.load_profile()
    if profile is None:
        st.info("First tell Unstuck which career you are aiming for: closeness is measured against it.",
                icon=":material/flag:")
        st.page_link("app_pages/profile.py", label="Set your target career", icon=":material/arrow_forward:")
        st.stop()
    return profile


def require_contacts(store: Store) -> None:
    """Without contacts, point the user to the Import page and stop this page."""
    if not store.counts()["contacts"]:
        st.info("No contacts yet. Bring in your LinkedIn connections or an address book to get started.",
                icon=":material/group_add:")
        st.page_link("app_pages/import_.py", label="Import contacts", icon=":material/arrow_forward:")
        st.stop()


def celebrate(store: Store, profile: Profile, today: date) -> None:
    """Celebrate each reward milestone once, on the first page run after it is reached."""
    reached = milestones_reached(store.people_reached(), profile.reward_every, profile.reward)
    fresh = store.sync_rewards(reached, profile.reward, today)
    if fresh:
        st.balloons()
        st.success(f"**{fresh[-1]} people reached!** Time for your reward: **{md(profile.reward)}**. "
                   "You earned it.", icon=":material/celebration:")
        store.mark_celebrated(fresh)
