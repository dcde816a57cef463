"""The industry the user says a company is in: once for everyone there, used by the ranking, kept by backups."""

from datetime import date

import pytest

from engine.profile import make_profile
from engine.ranking import rank_contacts
from engine.settings import STANDARD
from engine.store import Store, StoreError


def test_one_answer_per_company_whatever_its_spelling(store):
    store.set_company_industry("Acme Widgets, Inc.", "Fintech")
    assert store.company_industries() == {"acme widgets": "Fintech"}
    store.set_company_industry("ACME WIDGETS", "  Payments  ")
    assert store.company_industries() == {"acme widgets": "Payments"}
    store.set_company_industry("Acme Widgets", "")
    assert store.company_industries() == {}


def test_a_name_without_letters_is_refused(store):
    with pytest.raises(StoreError, match="not a company name"):
        store.set_company_industry("  ", "Fintech")
    assert store.company_industries() == {}


def test_the_ranking_counts_what_the_user_said(store):
    store.save_profile(make_profile(target_role="Product Manager", industries="Fintech"))
    a = store.add_contact(full_name="A", title="Product Manager", company="Acme Widgets")
    b = store.add_contact(full_name="B", title="Product Manager", company="Other Co")

    def scored():
        ranking = rank_contacts(store.contacts(), store.events(), store.load_profile(), STANDARD, date(2026, 1, 5),
                                dismissed=set(), snoozed=set(), sources=store.source_formats(),
                                industry_overrides=store.company_industries())
        return ranking.scored.set_index("id")

    assert scored().loc[a, "closeness"] == scored().loc[b, "closeness"]
    store.set_company_industry("Acme Widgets", "neobank")
    after = scored()
    assert after.loc[a, "closeness"] > after.loc[b, "closeness"] and "in Fintech" in after.loc[a, "why"]


def test_answers_survive_backup_and_restore(store, tmp_path):
    store.add_contact(full_name="Someone", company="Acme Widgets")
    store.set_company_industry("Acme Widgets", "Healthcare")
    store.backup(tmp_path / "b.zip")
    with Store(tmp_path / "fresh.duckdb") as fresh:
        fresh.restore(tmp_path / "b.zip")
        assert fresh.company_industries() == {"acme widgets": "Healthcare"}
