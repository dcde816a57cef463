"""Unstuck: the entry point. Opens the store, draws the shared sidebar, and runs the chosen page."""

from pathlib import Path

import streamlit as st

from app_pages.shared import open_store, sidebar
from engine.store import StoreDamagedError, StoreError, default_path, recover

# The tab icon is a file served by this app: a ":material/...:" page icon makes the browser fetch an SVG from
# fonts.gstatic.com on every page load, and Unstuck never calls the network (tests/e2e/test_no_network_e2e.py).
ICON = Path(__file__).resolve().parent / "assets" / "unstuck_icon.png"
st.set_page_config(page_title="Unstuck", page_icon=str(ICON), layout="wide")

try:
    store = open_store()
except StoreError as e:
    st.title("Unstuck")
    st.error(str(e), icon=":material/lock:")
    if isinstance(e, StoreDamagedError) and e.copy is not None and st.button(
            "Restore the copy from before the last import", key="app_recover", type="primary"):
        recover(default_path())
        st.cache_resource.clear()
        st.rerun()
    st.stop()

page = st.navigation([
    st.Page("app_pages/today.py", title="Today", icon=":material/today:", default=True),
    st.Page("app_pages/contacts.py", title="Contacts", icon=":material/group:"),
    st.Page("app_pages/contact.py", title="Contact", icon=":material/person:", url_path="contact"),
    st.Page("app_pages/companies.py", title="Companies", icon=":material/domain:", url_path="companies"),
    st.Page("app_pages/import_.py", title="Import", icon=":material/upload_file:", url_path="import"),
    st.Page("app_pages/duplicates.py", title="Duplicates", icon=":material/merge:"),
    st.Page("app_pages/progress.py", title="Progress", icon=":material/insights:", url_path="progress"),
    st.Page("app_pages/what_works.py", title="What works", icon=":material/psychology:", url_path="what-works"),
    st.Page("app_pages/practice.py", title="Practice", icon=":material/self_improvement:"),
    st.Page("app_pages/profile.py", title="Profile", icon=":material/flag:"),
    st.Page("app_pages/your_data.py", title="Your data", icon=":material/shield_lock:", url_path="data"),
])
reward_line = sidebar(store)
page.run()
reward_line()  # the page may have logged an outreach: the sidebar's reward line counts it, as the banner does
