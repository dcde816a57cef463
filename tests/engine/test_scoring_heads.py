"""Round 2 of closeness for careers nobody listed: a target's guessed family counts for less, and a target with a
specific head ("curator", "forwarder") is matched by that head (engine.scoring.head_aware_similarity). Titles
written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from engine import scoring
from engine.rolewords import english_role
from engine.titles import parse_title, parse_titles


def _title_sims(target: str, titles: list[str]) -> dict[str, float]:
    column = pd.Series(titles, dtype=object)
    roles = column.map(english_role)
    words = english_role(target)
    sims = scoring.title_match(roles, words, scoring._tfidf_similarity(roles, words))
    return dict(zip(titles, sims.tolist(), strict=True))


def test_another_role_in_the_target_field_falls_below_the_target_role_in_another_field(monkeypatch):
    titles = ["Archive Clerk", "Tapestry Curator", "Curator"]
    monkeypatch.setattr(scoring, "HEAD_GATE", 1.0)
    plain = _title_sims("Archive Curator", titles)
    assert plain["Archive Clerk"] > plain["Tapestry Curator"]  # the shared field word alone wins without the rule
    monkeypatch.setattr(scoring, "HEAD_GATE", 0.4)
    gated = _title_sims("Archive Curator", titles)
    assert gated["Tapestry Curator"] > gated["Archive Clerk"]
    assert gated["Archive Clerk"] == pytest.approx(plain["Archive Clerk"] * 0.4, abs=0.05)
    assert gated["Tapestry Curator"] == plain["Tapestry Curator"] and gated["Curator"] == plain["Curator"]


def test_a_role_naming_the_target_head_is_not_gated(monkeypatch):
    titles = ["Parcel Courier Driver", "Forwarding Agent", "Sea Freight Forwarder"]
    monkeypatch.setattr(scoring, "HEAD_GATE", 1.0)
    plain = _title_sims("Parcel Forwarder", titles)
    monkeypatch.setattr(scoring, "HEAD_GATE", 0.4)
    gated = _title_sims("Parcel Forwarder", titles)
    assert gated["Parcel Courier Driver"] < plain["Parcel Courier Driver"] * 0.6
    assert gated["Forwarding Agent"] == plain["Forwarding Agent"]  # "forwarding" names the head: no homonym
    assert gated["Sea Freight Forwarder"] == plain["Sea Freight Forwarder"]


def test_a_generic_head_target_keeps_the_field_rule_not_the_head_rule(monkeypatch):
    titles = ["Tapestry Handler", "Tapestry Curator"]
    monkeypatch.setattr(scoring, "HEAD_GATE", 1.0)
    plain = _title_sims("Tapestry Handler", titles)
    monkeypatch.setattr(scoring, "HEAD_GATE", 0.0)
    assert _title_sims("Tapestry Handler", titles) == plain


def test_a_guessed_target_family_counts_half():
    assert parse_title("Portfolio Curator").family_strength == -1  # a guess from meaning (finance)
    assert scoring.target_family_confidence(-1) == scoring.TARGET_GUESS_CONFIDENCE == 0.5
    assert scoring.target_family_confidence(2) == 1.0


def test_a_target_family_read_from_a_generic_word_counts_as_a_contacts_would(monkeypatch):
    # "engineer" alone reads as software engineering, a generic cue: it must not lift every developer as a named
    # family would, while a contact of another family is not touched
    assert parse_title("Mastering Engineer").family_strength == 0
    assert scoring.target_family_confidence(0) == scoring.FAMILY_CONFIDENCE[0] < 1.0
    assert scoring.target_family_confidence(1) == scoring.FAMILY_CONFIDENCE[1] < 1.0
    titles = pd.Series(["Backend Developer", "Sound Engineer"], dtype=object)
    parsed = parse_titles(titles)
    assert parsed["family"][0] == parse_title("Mastering Engineer").family != parsed["family"][1]

    def roles() -> list[float]:
        return scoring.role_similarity(titles, parsed["family"], "Mastering Engineer", (),
                                       parsed["family_strength"])[0].tolist()
    now = roles()
    monkeypatch.setattr(scoring, "target_family_confidence", lambda strength: 0.5 if strength < 0 else 1.0)
    trusted = roles()
    assert now[0] < trusted[0]
    assert now[1] == pytest.approx(trusted[1])


def test_a_wrong_family_guess_lifts_its_family_less(monkeypatch):
    titles = pd.Series(["Portfolio Accountant", "Tapestry Curator"], dtype=object)
    parsed = parse_titles(titles)

    def roles() -> list[float]:
        return scoring.role_similarity(titles, parsed["family"], "Portfolio Curator", (),
                                       parsed["family_strength"])[0].tolist()
    monkeypatch.setattr(scoring, "TARGET_GUESS_CONFIDENCE", 1.0)
    trusted = roles()
    monkeypatch.setattr(scoring, "TARGET_GUESS_CONFIDENCE", 0.5)
    halved = roles()
    assert parsed["family"][0] == parse_title("Portfolio Curator").family  # the accountant shares the guessed family
    assert halved[0] < trusted[0]
    assert halved[1] == pytest.approx(trusted[1])  # the curator, of another family, is not touched


@pytest.mark.parametrize(("title", "english"), [
    ("Transitaire", "freight forwarder"), ("Restauratorin", "conservator"), ("Curadora", "curator"),
    ("Maestro de obras", "site foreman"), ("Educadora de infância", "early years educator"),
])
def test_round_two_role_words(title, english):
    assert english_role(title) == english


def test_a_one_word_target_gates_added_words_of_another_family(monkeypatch):
    titles = ["Data Luthier", "Cello Luthier", "Luthier", "Luthier Apprentice"]
    monkeypatch.setattr(scoring, "OTHER_FIELD_GATE", 1.0)
    plain = _title_sims("Luthier", titles)
    monkeypatch.setattr(scoring, "OTHER_FIELD_GATE", 0.4)
    gated = _title_sims("Luthier", titles)
    assert gated["Data Luthier"] == pytest.approx(plain["Data Luthier"] * 0.4)  # "data" names an unrelated family
    assert gated["Data Luthier"] < gated["Cello Luthier"]
    for kept in ("Cello Luthier", "Luthier", "Luthier Apprentice"):  # no family named, or none added
        assert gated[kept] == plain[kept]


@pytest.mark.parametrize(("target", "near"), [("Loan Analyst", "operations"), ("Loan Analyst", "sales")])
def test_back_office_and_financial_sales_sit_next_to_finance(target, near, monkeypatch):
    assert parse_title(target).family == "finance"
    titles = pd.Series(["Quartermaster Aide", "Quartermaster Aide"], dtype=object)  # one title, two families
    families = pd.Series([near, "hospitality"], dtype=object)
    strengths = pd.Series([2, 2])
    key = frozenset({"finance", near})
    assert scoring.FAMILY_AFFINITY[key] == 0.3
    related = scoring.role_similarity(titles, families, target, (), strengths)[0]
    monkeypatch.setitem(scoring.FAMILY_AFFINITY, key, 0.0)
    unrelated = scoring.role_similarity(titles, families, target, (), strengths)[0]
    assert related[0] > unrelated[0] and related[1] == unrelated[1]
