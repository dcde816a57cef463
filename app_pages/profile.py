"""Profile: the target career and the routine (weekly goal, reward) everything else is measured against."""

import streamlit as st

from app_pages.shared import open_store, profile_of, settings_of
from engine.profile import LEVEL_LABELS, LEVELS, Profile, ProfileError, format_companies, make_profile

RULE_LABELS = {"try_colleague_after": "Try a colleague after (business days)",
               "follow_up_after": "Follow up after (business days)",
               "close_after_follow_up": "Close after the follow-up (business days)",
               "drafting_nudge_after": "Nudge a draft after (days)"}
FIELD_LABELS = {"target_role": "Target role", "target_level": "Target level", "industries": "Industries",
                "companies": "Target companies", "keywords": "Keywords", "weekly_goal": "Weekly goal",
                "reward": "Reward", "reward_every": "Reward rhythm"}

store = open_store()
saved = profile_of(store) or Profile(target_role="")

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
    submitted = st.form_submit_button("Save profile", type="primary", key="profile_save")

if submitted:
    try:
        profile = make_profile(target_role=role, target_level=level, industries=industries,
                               companies=companies, keywords=keywords, hr_target=hr_target,
                               weekly_goal=goal, reward=reward, reward_every=every)
    except ProfileError as e:
        for name, message in e.errors.items():
            st.error(f"{FIELD_LABELS.get(name, name)}: {message}", icon=":material/error:")
    else:
        store.save_profile(profile)
        st.success("Saved. Unstuck will measure closeness against this target.", icon=":material/check:")

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
