"""Overview: where the search stands, at a glance."""

from datetime import date

import streamlit as st

from app_pages.shared import md, open_store, require_profile
from engine.charts import weekly_outreach_chart
from engine.progress import summary, weekly_outreach

store = open_store()
today = date.today()

st.title("Overview")
profile = require_profile(store)
events = store.events()

st.caption(f"Aiming for **{md(profile.target_role)}**. Every conversation counts toward the long road.")
s = summary(events, today, weekly_goal=profile.weekly_goal, reward=profile.reward,
            reward_every=profile.reward_every)

cols = st.columns(5)
cols[0].metric("People reached", s.people_reached, help=f"Toward a horizon of about {s.horizon} people")
cols[1].metric("This week", f"{s.this_week} / {s.weekly_goal}", help="Outreach since Monday against your goal")
cols[2].metric("Replies", s.replied)
cols[3].metric("Meetings", s.meetings)
cols[4].metric("Referrals", s.referrals)

st.progress(min(s.people_reached / s.horizon, 1.0),
            text=f"The long road: {s.people_reached} of about {s.horizon} people")
if s.next_reward_at is not None:
    st.write(f"Next reward, **{md(s.reward)}**, at outreach {s.next_reward_at}: {s.to_next_reward} to go.")

st.subheader("Outreach per week")
st.altair_chart(weekly_outreach_chart(weekly_outreach(events, today), profile.weekly_goal),
                key="overview_weekly_chart")
