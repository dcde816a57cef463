"""Industries that mean something (engine.industries): well-known employers, synonyms, the user's word per company."""

import json

import pandas as pd
import pytest

from engine.industries import REFERENCE_PATH, company_industry_hits, employer_industries, industries_named
from engine.profile import make_profile
from engine.scoring import company_keys, score_contacts


def hits(companies, industries, overrides=None):
    return company_industry_hits(company_keys(pd.Series(companies, dtype=object)), industries, overrides).tolist()


@pytest.mark.parametrize(("industry", "companies"), [
    ("Fintech", ["Stripe", "Revolut", "Klarna", "Monzo", "Nubank"]),
    ("Banking", ["JPMorgan Chase & Co.", "Bank of America", "Santander UK plc"]),
    ("Healthcare", ["Siemens Healthineers AG", "Mayo Clinic", "Bayfront Medical Center Hospital"]),
    ("Payments", ["Adyen", "Stripe, Inc."]),
])
def test_well_known_employers_count_for_the_industry_named(industry, companies):
    assert hits(companies, [industry]) == [industry] * len(companies)


def test_unknown_or_missing_companies_are_in_no_industry():
    assert hits(["Acme Widgets", None, ""], ["Fintech"]) == [None, None, None]
    assert hits(["Stripe"], []) == [None]


def test_synonyms_name_industries():
    assert industries_named("Neobank") == {"fintech"}
    assert "healthcare" in industries_named("health system")
    assert industries_named("basket weaving") == frozenset()


def test_the_users_word_for_a_company_wins_for_everyone_there():
    assert hits(["Acme", "ACME Inc.", "Stripe"], ["Fintech"], {"acme": "payments"}) == ["Fintech", "Fintech", "Fintech"]
    assert employer_industries("stripe", {"stripe": "Retail"}) == {"retail"}


def test_reference_data_is_well_formed_and_says_how_it_was_made():
    raw = json.loads(REFERENCE_PATH.read_text(encoding="utf-8"))
    assert "How the list was made" in " ".join(raw["about"])
    assert set(raw["employers"]) <= set(raw["industries"])
    assert len({name for names in raw["employers"].values() for name in names}) >= 300


def test_scoring_counts_the_employers_industry_with_its_reason():
    profile = make_profile(target_role="Product Manager", industries="Fintech")
    contacts = pd.DataFrame({"id": [1, 2], "full_name": ["A", "B"], "title": ["Product Manager"] * 2,
                             "company": ["Revolut", "Acme Widgets"]})
    s = score_contacts(contacts, profile).set_index("full_name")
    assert s.loc["A", "closeness"] > s.loc["B", "closeness"]
    assert "in Fintech" in s.loc["A", "why"] and "in Fintech" not in s.loc["B", "why"]
    overridden = score_contacts(contacts, profile, industry_overrides={"acme widgets": "neobank"})
    assert overridden.set_index("full_name").loc["B", "industry_hit"] == "Fintech"
