"""engine.text: one folding rule, the same one by one and in bulk, that keeps every script's letters."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.contacts_view import ContactFilter, filter_contacts
from engine.merge import normalise_companies
from engine.profile import make_profile
from engine.scoring import score_contacts
from engine.text import fold, fold_all
from engine.titles import canonical_role


@pytest.mark.parametrize("text, folded", [
    ("Chloé", "chloe"), ("GESCHÄFTSFÜHRER", "geschaftsfuhrer"), ("Straße", "strasse"), ("Zoë Müller", "zoe muller"),
    ("Аналитик данных", "аналитик данных"), ("ΣΊΣΥΦΟΣ", "σισυφοσ"), ("データアナリスト", "データアナリスト"),
    ("ガ", "ガ"), ("한국어", "한국어"), ("ﬁnance", "finance"), ("Łukasz", "łukasz"),
])
def test_fold_drops_accents_and_case_but_never_letters(text, folded):
    assert fold(text) == folded
    assert fold_all([text, None]).to_pylist() == [folded, None]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=("Cs", "Cn")), max_size=12), max_size=5))
def test_one_by_one_and_in_bulk_agree(texts):
    assert fold_all(texts).to_pylist() == [fold(t) for t in texts]


def test_a_keyword_in_cyrillic_is_credited_to_the_cyrillic_title_only():
    contacts = pd.DataFrame({"id": [1, 2, 3], "full_name": ["Ана", "Bob", "Eve"], "company": ["Yandex", "Acme", "Acme"],
                             "title": ["Аналитик данных", "Data Analyst", "Product Manager"]})
    scored = score_contacts(contacts, make_profile(target_role="Data Analyst", keywords="Аналитик"))
    assert scored.set_index("full_name")["keyword_hit"].notna().to_dict() == {"Ана": True, "Bob": False, "Eve": False}


def test_search_names_companies_and_titles_fold_the_same_way():
    contacts = pd.DataFrame({"id": [1, 2], "full_name": ["Chloé Dubois", "Ирина Петрова"],
                             "company": ["Société Générale", "Сбербанк"], "title": ["Analyste", "Аналитик"]})
    scored = score_contacts(contacts, make_profile(target_role="Analyst"))
    assert filter_contacts(scored, ContactFilter(query="CHLOE societe"))["full_name"].tolist() == ["Chloé Dubois"]
    assert filter_contacts(scored, ContactFilter(query="ирина СБЕРБАНК"))["full_name"].tolist() == ["Ирина Петрова"]
    assert normalise_companies(["Сбербанк", "СБЕРБАНК"])[0] == normalise_companies(["Сбербанк", "СБЕРБАНК"])[1]
    assert canonical_role("Geschäftsführer") == canonical_role("GESCHAFTSFUHRER")
