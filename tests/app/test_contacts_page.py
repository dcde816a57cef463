import pandas as pd

from engine.demo import demo_profile
from engine.inert import markdown_text
from engine.store import Store

CONTACTS = "app_pages/contacts.py"


def table(at) -> pd.DataFrame:
    return at.data_editor(key="contacts_table").value


def matches(at) -> str:
    return next(c.value for c in at.main.caption if "contacts match" in c.value)


def edit(at, edited_rows: dict):
    at.session_state["contacts_table"] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.button(key="contacts_save").click().run()
    return at


def explanation(at) -> str:
    return "\n".join(m.value for m in at.main.get("markdown"))


def total(demo_store) -> int:
    with Store(demo_store) as store:
        return store.counts()["contacts"]


def test_the_demo_shows_every_contact_in_an_editable_table(app, demo_store):
    n = total(demo_store)
    at = app(CONTACTS)
    assert not at.exception
    assert matches(at).startswith(f"{n} of {n} contacts match")
    shown = table(at)
    assert len(shown) == n
    assert shown["priority"].is_monotonic_decreasing
    assert {"full_name", "closeness", "flags", "tie_strength", "tags", "notes"} <= set(shown.columns)
    assert at.data_editor(key="contacts_table").editing_mode == "fixed"


def test_search_narrows_the_table(app, demo_store):
    n = total(demo_store)
    at = app(CONTACTS)
    first = table(at)["full_name"].iloc[0]
    at.text_input(key="contacts_search").set_value(first.upper()).run()
    shown = table(at)
    assert 1 <= len(shown) < n and set(shown["full_name"]) == {first}
    assert matches(at).startswith(f"{len(shown)} of {n}")
    at.text_input(key="contacts_search").set_value("no such person anywhere").run()
    assert table(at).empty and matches(at).startswith(f"0 of {n}")
    assert any("No contact matches" in i.value for i in at.info)


def test_flag_and_closeness_filters(app, demo_store):
    at = app(CONTACTS)
    at.multiselect(key="contacts_flags").set_value(["hr_or_recruiting"]).run()
    hr = table(at)
    assert len(hr) and hr["flags"].str.contains("HR or recruiting").all()
    at.multiselect(key="contacts_flags").set_value(["none"]).run()
    assert (table(at)["flags"] == "").all()
    at.multiselect(key="contacts_flags").set_value([]).run()
    at.slider(key="contacts_min_closeness").set_value(0.5).run()
    assert (table(at)["closeness"] >= 0.5).all() and len(table(at)) < total(demo_store)


def test_saving_a_tie_strength_edit_goes_to_the_store(app, demo_store):
    at = app(CONTACTS)
    contact_id = int(table(at).index[0])
    before = int(table(at)["tie_strength"].iloc[0])
    new = 1 if before != 1 else 2
    edit(at, {0: {"tie_strength": new, "notes": "Coffee in May", "tags": ["mentor", "alumni"]}})
    assert not at.exception and not at.error
    assert "Saved changes to 1 contact." in [s.value for s in at.success]
    with Store(demo_store) as store:
        row = store.contacts().set_index("id").loc[contact_id]
    assert row["tie_strength"] == new and row["notes"] == "Coffee in May" and list(row["tags"]) == ["mentor", "alumni"]
    assert {"tie_strength", "notes", "tags"} <= set(row["manual_fields"])
    assert table(at).loc[contact_id, "tie_strength"] == new  # the table shows the stored value


def test_a_bad_tie_strength_saves_nothing_and_says_who(app, demo_store):
    at = app(CONTACTS)
    name = table(at)["full_name"].iloc[1]
    with Store(demo_store) as store:
        before = store.contacts()
    edit(at, {0: {"notes": "fine"}, 1: {"tie_strength": 9}})
    assert [e.value for e in at.error] == [f"Nothing saved. {name}: tie strength must be a whole number from 1 to 5, "
                                           "not 9"]
    assert not at.success
    with Store(demo_store) as store:
        pd.testing.assert_frame_equal(store.contacts(), before)


def test_the_detail_view_explains_the_chosen_contact(app, demo_store):
    at = app(CONTACTS)
    contact_id, name = int(table(at).index[5]), table(at)["full_name"].iloc[5]
    at.selectbox(key="contacts_detail").set_value(contact_id).run()
    text = explanation(at)
    assert f"**{name.split()[0]}" in text
    for part in ("Title words", "Job family", "Role similarity", "Target company", "Closeness", "Warmth",
                 "Seniority fit", "Status", "Priority"):
        assert part in text, part


def test_dismissing_and_restoring_a_flag_from_the_detail_view(app, demo_store):
    at = app(CONTACTS)
    at.multiselect(key="contacts_flags").set_value(["could_be_boss"]).run()
    contact_id = int(table(at).index[0])
    assert at.selectbox(key="contacts_detail").value == contact_id
    assert "Flag 'could be your boss' \\(active" in explanation(at)
    at.button(key=f"contacts_flag_{contact_id}_could_be_boss").click().run()
    assert not at.exception
    with Store(demo_store) as store:
        assert (contact_id, "could_be_boss") in store.dismissed_flags()
    assert contact_id not in table(at).index  # no longer an active flag of that kind

    at.multiselect(key="contacts_flags").set_value([]).run()
    at.selectbox(key="contacts_detail").set_value(contact_id).run()
    assert "Flag 'could be your boss' \\(dismissed" in explanation(at)
    at.button(key=f"contacts_flag_{contact_id}_could_be_boss").click().run()
    with Store(demo_store) as store:
        assert (contact_id, "could_be_boss") not in store.dismissed_flags()


def test_user_text_never_renders_as_markdown(app, db_path):
    with Store(db_path) as store:
        store.save_profile(demo_profile())
        store.add_contact(full_name="**Bold** <b>Tag</b>", title="[Data](javascript:x) Scientist", company="_Acme_",
                          tie_strength=3)
    at = app(CONTACTS)
    assert not at.exception
    text = explanation(at)
    assert "\\*\\*Bold\\*\\* \\<b\\>Tag\\</b\\>" in text and markdown_text("[Data](javascript:x)") in text
    assert "\\[Data\\]\\(javascript\\:" in text  # escaped (engine.inert also breaks the colon with a joiner)
    assert "<b>" not in text


def test_more_than_a_thousand_matches_show_the_first_thousand(app, db_path):
    with Store(db_path) as store:
        store.save_profile(demo_profile())
        many = pd.DataFrame({"full_name": [f"Person {i}" for i in range(1200)], "title": "Data Analyst",
                             "tie_strength": 2})
        store.write(lambda cur: (cur.register("many", many), cur.execute(
            "INSERT INTO contacts (full_name, title, tie_strength) SELECT * FROM many")))
    at = app(CONTACTS)
    assert not at.exception
    assert len(table(at)) == 1000
    assert matches(at).startswith("1,200 of 1,200 contacts match, showing the first 1,000")
    at.text_input(key="contacts_search").set_value("person 11").run()  # every word, anywhere
    assert len(table(at)) == sum("11" in str(i) for i in range(1200)) and "showing the first" not in matches(at)


def test_an_empty_store_says_so(app, db_path):
    with Store(db_path) as store:
        store.save_profile(demo_profile())
    at = app(CONTACTS)
    assert not at.exception
    assert "No contacts yet" in at.info[0].value and not at.data_editor


def test_without_a_profile_it_leads_to_the_profile_page(app, db_path):
    with Store(db_path) as store:
        store.add_contact(full_name="Ada Lovelace", title="Analyst", tie_strength=3)
    at = app(CONTACTS)
    assert "which career you are aiming for" in at.info[0].value and not at.data_editor


def test_a_contact_without_a_tie_strength_does_not_break_the_page(app, demo_store):
    with Store(demo_store) as store:
        store.add_contact(full_name="Ada Lovelace", title="Data Analyst")
    at = app(CONTACTS)
    assert not at.exception
