"""Companies: whom you know at each one, the warm ways in, and what your profile says about it."""

from datetime import date

import streamlit as st

from app_pages.shared import md, names_of, open_store, require_contacts, require_profile, scored, settings_of
from engine.companies import companies_overview, company_people
from engine.outreach import STATUS_LABELS

SHOWN = 30  # people listed for one company: the warm ways in come first

store = open_store()
today = date.today()

st.title("Companies")
profile = require_profile(store)
require_contacts(store)
everyone = scored(store, profile, settings_of(store), today)
overview = companies_overview(everyone, profile)
if overview.empty:
    st.info("None of your contacts has a company yet, and your profile names no target company.",
            icon=":material/domain:")
    st.page_link("app_pages/profile.py", label="Name your target companies", icon=":material/arrow_forward:")
    st.stop()

st.caption("Where you know someone, and how warm the way in is: people introduced to you, who answered you, "
           "who worked with you before, whom you know well. Your target companies come first.")


labels = {row.key: " · ".join([row.company, f"{row.people} known"]
                              + ([f"target {row.motivation}/5"] if row.target else []))
          for row in overview.itertuples(index=False)}
wanted = st.query_params.get("company")
keys = overview["key"].tolist()
key = st.selectbox("Company", keys, index=keys.index(wanted) if wanted in keys else 0, format_func=labels.get,
                   key="companies_pick")
st.query_params["company"] = key
row = overview.set_index("key").loc[key]

st.markdown(f"### {md(row['company'])}")
facts = []
if row["target"]:
    facts.append(f"On your target list: you want to work there **{row['motivation']}/5**")
else:
    facts.append("Not on your target list")
if row["industry"]:
    facts.append(f"In **{md(row['industry'])}**, an industry you aim for")
facts.append(f"You know **{row['people']}** there; you wrote to {row['reached']}, {row['answered']} answered")
st.caption(" · ".join(facts))

people = company_people(everyone, key, names_of(store))
if people.empty:
    st.info("You know nobody there yet. Ask the people you talk to whether they know someone at "
            f"{md(row['company'])}: a warm introduction is the best way in.", icon=":material/person_search:")
else:
    warm = people[people["path"].notna()]
    st.markdown(f"**Warm ways in: {len(warm)}**" if len(warm) else
                "**No warm way in yet.** Start with whom you are closest to; after a conversation, ask who else "
                "you should talk to.")
    for person in people.head(SHOWN).itertuples():
        left, right = st.columns([3, 1], vertical_alignment="center")
        said = [md(" ".join(str(person.title).split()))] if isinstance(person.title, str) and person.title else []
        said.append(STATUS_LABELS.get(person.status, "to approach"))
        if person.path:
            said.append(f"**{md(person.path)}**")
        left.markdown(f"{md(' '.join(str(person.full_name).split()))}: " + " · ".join(said))
        right.page_link("app_pages/contact.py", label="Open", query_params={"id": int(person.id)},
                        icon=":material/arrow_forward:")

    if len(people) > SHOWN:
        st.caption(f"And {len(people) - SHOWN} more there: search the Contacts page for the company to see them all.")

with st.expander("All companies", icon=":material/table:"):
    st.dataframe(
        overview.drop(columns=["key"]), hide_index=True, width="stretch",
        column_config={
            "company": st.column_config.TextColumn("Company"),
            "people": st.column_config.NumberColumn("People you know"),
            "target": st.column_config.CheckboxColumn("Target"),
            "motivation": st.column_config.NumberColumn("How much you want it (1-5)"),
            "industry": st.column_config.TextColumn("Target industry"),
            "warm_paths": st.column_config.NumberColumn("Warm ways in"),
            "answered": st.column_config.NumberColumn("Answered you"),
            "reached": st.column_config.NumberColumn("You wrote to"),
        })
