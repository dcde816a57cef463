"""Profile: the target career and the routine (weekly goal, reward) everything else is measured against."""

import streamlit as st

from app_pages.shared import (
    archive_about_of,
    contacts_of,
    md,
    open_store,
    profile_of,
    settings_of,
    templates_of,
    title_suggestions,
)
from engine.archive import about_you
from engine.coaching import (
    MESSAGE_LABELS,
    MESSAGES,
    PLACEHOLDERS,
    TEMPLATE_KEY,
    check_template,
    standard_template,
)
from engine.coaching import (
    message as draft_message,
)
from engine.profile import LEVEL_LABELS, LEVELS, Profile, ProfileError, format_companies, make_profile

RULE_LABELS = {"try_colleague_after": "Try a colleague after (business days)",
               "follow_up_after": "Follow up after (business days)",
               "close_after_follow_up": "Close after the follow-up (business days)",
               "drafting_nudge_after": "Nudge a draft after (days)"}
FIELD_LABELS = {"target_role": "Target role", "target_level": "Target level", "industries": "Industries",
                "companies": "Target companies", "keywords": "Keywords", "weekly_goal": "Weekly goal",
                "reward": "Reward", "reward_every": "Reward rhythm", "my_name": "Your name",
                "my_role": "Your current role", "my_background": "Your background"}
# -- the target in the user's own words
FIELD_LABELS |= {"role_aliases": "Other titles for the same role", "level_high": "Up to level",
                 "adjacent_roles": "Adjacent roles"}
TARGET_INPUTS = ("profile_role_aliases", "profile_adjacent")  # re-read from the saved profile after a suggestion

store = open_store()


def _suggestion(action: str, title: str) -> None:
    st.session_state.profile_suggestion = (action, title)


def _take_suggestion(profile: Profile, action: str, title: str) -> None:
    """Add a suggested title to the target's titles or the adjacent roles, or remember it was turned down."""
    if action == "reject":
        store.reject_title(title)
        st.toast(f"'{md(title)}' will not be suggested again.", icon=":material/block:")
        return
    field = "role_aliases" if action == "alias" else "adjacent_roles"
    try:
        store.save_profile(make_profile(**profile.to_dict() | {field: (*getattr(profile, field), title)}))
    except ProfileError as e:
        st.error(f"Not added: {md(e)}", icon=":material/error:")
        return
    for key in TARGET_INPUTS:
        st.session_state.pop(key, None)
    st.toast(f"Added '{md(title)}' as {'another title of your target' if action == 'alias' else 'an adjacent role'}.",
             icon=":material/check:")


if (taken := st.session_state.pop("profile_suggestion", None)) and profile_of(store) is not None:
    _take_suggestion(profile_of(store), *taken)

saved = profile_of(store) or Profile(target_role="")
from_archive = {k: v for k, v in about_you(archive_about_of(store)).items() if v != getattr(saved, k)}


def _use_archive(fields: dict[str, str]) -> None:
    for name, value in fields.items():  # into the form, for the user to check and save
        st.session_state[f"profile_{name}"] = value


st.title("Your target career")
st.caption("The clearer you are about what you want, the better Unstuck can tell who is close to it.")

with st.form("profile_form", border=False):
    left, right = st.columns(2)
    with left:
        role = st.text_input("Target role", saved.target_role, key="profile_role",
                             placeholder="e.g. Data Scientist")
        level = st.selectbox("Target level", LEVELS, index=LEVELS.index(saved.target_level),
                             format_func=LEVEL_LABELS.get, key="profile_level",
                             help="People above this level are flagged during informational networking.")
        industries = st.text_input("Industries", ", ".join(saved.industries), key="profile_industries",
                                   placeholder="e.g. Healthcare, Fintech", help="Separate with commas.")
        keywords = st.text_input("Keywords", ", ".join(saved.keywords), key="profile_keywords",
                                 placeholder="e.g. machine learning, forecasting", help="Separate with commas.")
        hr_target = st.toggle("My target career is in HR or recruiting", saved.hr_target, key="profile_hr_target",
                              help="Then HR people and recruiters are whom to learn from, not whom to avoid.")
    with right:
        companies = st.text_area(
            "Target companies", format_companies(saved.companies), key="profile_companies", height=140,
            placeholder="Acme: 5\nGlobex: 3",
            help="One per line. After a colon, how much you want to work there, from 1 to 5 (default 3).")
        goal = st.number_input("Weekly outreach goal", 1, 100, saved.weekly_goal, key="profile_weekly_goal")
        reward = st.text_input("Your reward", saved.reward, key="profile_reward",
                               placeholder="e.g. a back massage")
        every = st.number_input("Reward every N people reached", 1, 100, saved.reward_every,
                                key="profile_reward_every")
    # -- the target in the user's own words: other titles, a level range, adjacent roles
    aliases_col, high_col, adjacent_col = st.columns([3, 2, 3])
    aliases = aliases_col.text_input(
        "Other titles for the same role", "; ".join(saved.role_aliases), key="profile_role_aliases",
        placeholder="e.g. User Researcher; Design Researcher",
        help="The same work under other names, separated by semicolons. People are compared with each of them.")
    level_high = high_col.selectbox(
        "Up to level", ("", *LEVELS), index=(("", *LEVELS).index(saved.level_high)), key="profile_level_high",
        format_func=lambda v: LEVEL_LABELS.get(v, "Just the target level"),
        help="Aiming for a range, say mid level to senior? Only people above its top are flagged as above it.")
    adjacent = adjacent_col.text_input(
        "Adjacent roles you would also talk to", "; ".join(saved.adjacent_roles), key="profile_adjacent",
        placeholder="e.g. Product Designer; Data Analyst",
        help="Separated by semicolons. People in them count a little less than people in your target role.")
    st.markdown("###### About you, so that your messages sound like you")
    if from_archive:
        st.caption("Your LinkedIn archive says: " + "; ".join(
            f"{FIELD_LABELS[k].lower()} **{md(v)}**" for k, v in from_archive.items()) + ".")
        st.form_submit_button("Use what the archive says", key="profile_use_archive", on_click=_use_archive,
                              args=(from_archive,), help="Fills the three fields below; nothing is saved until "
                              "you press Save profile.")
    name_col, role_col = st.columns(2)
    my_name = name_col.text_input("Your name", saved.my_name, key="profile_my_name",
                                  placeholder="e.g. Sam Lee", help="Your messages are signed with it.")
    my_role = role_col.text_input("Your current role", saved.my_role, key="profile_my_role",
                                  placeholder="e.g. Marketing Manager")
    my_background = st.text_input("Your background, in one line", saved.my_background, key="profile_my_background",
                                  placeholder="e.g. Eight years of brand research and customer surveys")
    submitted = st.form_submit_button("Save profile", type="primary", key="profile_save")

if submitted:
    try:
        profile = make_profile(target_role=role, target_level=level, industries=industries,
                               companies=companies, keywords=keywords, hr_target=hr_target,
                               weekly_goal=goal, reward=reward, reward_every=every,
                               role_aliases=aliases, level_high=level_high, adjacent_roles=adjacent,
                               my_name=my_name, my_role=my_role, my_background=my_background)
    except ProfileError as e:
        for name, message in e.errors.items():
            st.error(f"{FIELD_LABELS.get(name, name)}: {md(message)}", icon=":material/error:")
    else:
        store.save_profile(profile)
        st.success("Saved. Unstuck will measure closeness against this target.", icon=":material/check:")

# -- titles from the user's network near the target: add as another title, as an adjacent role, or turn down
if profile_of(store) is not None and not contacts_of(store).empty:
    offered = title_suggestions(store)
    with st.expander(f"Titles in your network near your target ({len(offered)})", icon=":material/lightbulb:",
                     expanded=bool(offered)):
        if not offered:
            st.caption("No more titles in your network sit near your target, or you have looked at them all.")
        else:
            st.caption("Titles your contacts hold that sit nearest your target. Is it the same work under another "
                       "name, a neighbouring role you would also talk to, or not for you?")
        for n, found in enumerate(offered):
            text, alias, near, no = st.columns([3, 1, 1, 1], vertical_alignment="center")
            text.markdown(f"**{md(found.title)}**  \n{found.people} contact{'s' * (found.people != 1)}, "
                          f"{found.similarity:.0%} similar to {md(found.nearest)}")
            alias.button("Same role", key=f"profile_suggest_alias_{n}", on_click=_suggestion,
                         args=("alias", found.title), help="Add it as another title of your target role.")
            near.button("Adjacent", key=f"profile_suggest_adjacent_{n}", on_click=_suggestion,
                        args=("adjacent", found.title), help="Add it as a role you would also talk to.")
            no.button("Not for me", key=f"profile_suggest_reject_{n}", on_click=_suggestion,
                      args=("reject", found.title), help="Do not suggest it again.")

with st.expander("Follow-up rhythm", icon=":material/schedule:"):
    st.caption("When a reached-out contact stays silent: after a few business days Unstuck suggests another person at "
               "the same company, after about a week one polite follow-up, and after that it closes the contact.")
    rules = settings_of(store).rules
    with st.form("profile_rules", border=False):
        cols = st.columns(4)
        values = {name: cols[i].number_input(label, 1, 60, getattr(rules, name), key=f"profile_rule_{name}")
                  for i, (name, label) in enumerate(RULE_LABELS.items())}
        if st.form_submit_button("Save rhythm", key="profile_rules_save"):
            store.set_settings(values)
            st.success("Saved.", icon=":material/check:")


def _reset_template(kind: str) -> None:
    store.delete_settings([TEMPLATE_KEY.format(kind=kind)])
    st.session_state.pop(f"profile_template_{kind}", None)  # the box shows Unstuck's version again
    st.session_state.profile_template_said = ("success", f"{MESSAGE_LABELS[kind]}: back to Unstuck's version.")


def _save_template(kind: str) -> None:
    text = st.session_state.get(f"profile_template_{kind}", "")
    if problem := check_template(text):
        st.session_state.profile_template_said = ("error", f"{MESSAGE_LABELS[kind]}: {problem}")
    else:
        store.set_settings({TEMPLATE_KEY.format(kind=kind): text})
        st.session_state.profile_template_said = ("success", "Saved. Drafts of this kind now start from your words.")


with st.expander("Your message templates", icon=":material/edit_note:"):
    st.caption("Unstuck fills these in for each person; change the words to sound like you. In curly brackets, what "
               "Unstuck fills in: " + "; ".join(f"{{{name}}} {what}" for name, what in PLACEHOLDERS.items())
               + ". Anything it has nothing to say for is left out.")
    own = templates_of(store)
    kind = st.selectbox("Message", MESSAGES, format_func=MESSAGE_LABELS.get, key="profile_template_kind")
    text = st.text_area(MESSAGE_LABELS[kind], own.get(kind, standard_template(kind)), key=f"profile_template_{kind}",
                        height=220)
    save, reset_col, _ = st.columns([1, 1, 2])
    save.button("Save template", key="profile_template_save", type="primary", on_click=_save_template, args=(kind,))
    reset_col.button("Reset to Unstuck's version", key="profile_template_reset_button", on_click=_reset_template,
                     args=(kind,), disabled=kind not in own, icon=":material/restart_alt:")
    if said := st.session_state.pop("profile_template_said", None):
        (st.success if said[0] == "success" else st.error)(said[1])
    if not check_template(text):
        example = {"full_name": "Ana Ruiz", "title": "UX Researcher", "company": "Acme"}
        st.markdown("How it reads, for an invented Ana Ruiz, UX Researcher at Acme:")
        st.text(draft_message(kind, example, profile_of(store) or saved, templates={kind: text}))
