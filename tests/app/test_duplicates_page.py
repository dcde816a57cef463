import pandas as pd

from engine.store import Store

PAGE = "app_pages/duplicates.py"


def seed(db_path) -> tuple[int, int, int, int]:
    with Store(db_path) as store:
        tom = store.add_contact(full_name="Tom Nguyen", company="Stripe", email="tom@stripe.com")
        thomas = store.add_contact(full_name="Thomas Nguyen", company="Stripe Inc.", title="Engineer")
        nurse = store.add_contact(full_name="Michael Chen", company="St Mary's Hospital")
        boss = store.add_contact(full_name="Michael Chen", company="Acme Logistics")
        store.add_possible_duplicates(pd.DataFrame({"a": [tom, nurse], "b": [thomas, boss],
                                                    "evidence": ["Tom ~ Thomas, Stripe ~ Stripe Inc.", "same name"]}))
    return tom, thomas, nurse, boss


def test_the_queue_merges_keeps_apart_and_undoes(app, db_path):
    tom, thomas, nurse, boss = seed(db_path)
    at = app(PAGE)
    assert not at.exception
    assert "**2 pair(s) to review.**" in [m.value for m in at.markdown]
    assert any(c.value.startswith("Why they may be one person: Tom \\~ Thomas") for c in at.caption)

    at.button(key=f"duplicates_keep_{tom}_{thomas}").click().run()
    with Store(db_path) as store:
        people = store.contacts().set_index("id")
        assert thomas not in people.index and people.loc[tom, "title"] == "Engineer"
    assert "**1 pair(s) to review.**" in [m.value for m in at.markdown]

    at.button(key=f"duplicates_apart_{nurse}_{boss}").click().run()
    assert any("Nobody to review" in s.value for s in at.success)

    at.button(key="duplicates_undo_1").click().run()
    assert not at.exception
    with Store(db_path) as store:
        assert thomas in set(store.contacts()["id"]) and len(store.possible_duplicates()) == 1
        assert len(store.possible_duplicates("kept_apart")) == 1


def test_any_two_contacts_can_be_merged_by_hand(app, db_path):
    tom, thomas, *_ = seed(db_path)
    at = app(PAGE)
    assert at.button(key="duplicates_hand_merge").disabled
    at.selectbox(key="duplicates_hand_keep").set_value(thomas).run()
    at.selectbox(key="duplicates_hand_other").set_value(tom).run()
    at.button(key="duplicates_hand_merge").click().run()
    with Store(db_path) as store:
        people = store.contacts().set_index("id")
        assert tom not in people.index and people.loc[thomas, "email"] == "tom@stripe.com"
