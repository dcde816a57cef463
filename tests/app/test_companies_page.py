from datetime import date, timedelta

from engine.profile import make_profile
from engine.store import Store

PAGE = "app_pages/companies.py"


def test_a_company_shows_whom_you_know_there_and_the_warm_ways_in(app, db_path):
    with Store(db_path) as store:
        store.save_profile(make_profile(target_role="UX Researcher", companies="Stripe: 5\nGlobex: 4"))
        ana = store.add_contact(full_name="Ana Ruiz", title="UX Researcher", company="Stripe, Inc.")
        store.add_contact(full_name="Grace Kim", title="Designer", company="Stripe", referred_by=ana)
        store.add_contact(full_name="Ivy Chen", title="Analyst", company="stripe")
        store.add_contact(full_name="Kim Lee", title="Nurse", company="Clinic")
        store.log_event(ana, "reached_out", date.today() - timedelta(days=4))
        store.log_event(ana, "replied", date.today() - timedelta(days=2))
    at = app(PAGE)
    assert not at.exception
    assert at.selectbox(key="companies_pick").value == "stripe"
    texts = [m.value.replace("\\", "") for m in at.markdown]
    assert texts[0] == "### Stripe" or "### Stripe" in texts
    assert any("you want to work there **5/5**" in c.value for c in at.caption)
    assert "**Warm ways in: 2**" in texts
    people = [t for t in texts if t.startswith(("Grace Kim", "Ana Ruiz", "Ivy Chen"))]
    assert people[0].startswith("Grace Kim") and "introduced by Ana Ruiz" in people[0]
    assert people[1].startswith("Ana Ruiz") and "answered you" in people[1]
    at.selectbox(key="companies_pick").set_value("globex").run()
    assert any("You know nobody there yet" in i.value for i in at.info)
