"""engine.rolewords: titles in English role words across languages, and the field-aware title match in scoring.

Every title here was written for these tests (none is a row of an evaluation set)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from engine import rolewords, scoring
from engine.rolewords import english_role, head_and_field
from engine.scoring import role_similarity, title_match
from engine.textsim import tfidf_similarity
from engine.titles import parse_titles


@pytest.mark.parametrize(("title", "english"), [
    ("Técnico de mantenimiento", "maintenance technician"),  # a word each, the joiner dropped, the head put last
    ("Ingegnera ambientale", "environment engineer"),  # a feminine form of a listed word
    ("Responsable de la maintenance", "maintenance manager"),
    ("Bauingenieurin", "civil engineer"),  # -in: the feminine ending
    ("Verkehrsplaner", "traffic planner"),  # a compound: Verkehr-s-planer
    ("Hondentrainer", "dog trainer"),  # Dutch: honden (a plural) + trainer
    ("Schadensachbearbeiterin", "claims handler"),
])
def test_titles_of_other_languages_read_in_english(title, english):
    assert english_role(title) == english


@pytest.mark.parametrize("title", ["Marine Biologist", "Partnership Manager", "Leadership Coach", "Medical Van Driver",
                                   "Kindergarten Teacher", "Labor Relations Specialist"])
def test_english_titles_keep_their_words(title):
    # "marine" is no French "marin", "partnership" no partner-ship, "van" no Dutch joiner, "labor" no German lab
    assert english_role(title) == " ".join(title.lower().split())


def test_a_compound_needs_every_part_known():
    assert english_role("Zzzquxarchitekt") == "zzzquxarchitekt"  # unknown first part: left as it is


def test_an_english_last_part_must_be_a_head():
    # "ship" is a listed word, yet an English compound ends in it: only a head word may close a compound
    assert rolewords._compound("craftsmanship") is None
    assert rolewords._compound("farmworker") == "farm worker"


def test_heads_and_fields():
    assert head_and_field("claims team leader") == ("team leader", "claims")
    assert head_and_field("lecturer in forestry") == ("lecturer", "forestry")
    assert head_and_field("agronomist") == ("", "agronomist")
    assert head_and_field("engineer") == ("engineer", "")


def test_each_title_read_once(monkeypatch):
    english_role.cache_clear()
    first = english_role("Ingegnere navale")
    assert english_role.memo == {"Ingegnere navale": first}
    monkeypatch.setattr(rolewords, "canonical_role", lambda title: pytest.fail("read again"))
    assert english_role("Ingegnere navale") == first


def test_data_file_keeps_one_english_per_form():
    raw = json.loads(rolewords.WORDS_PATH.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for english, forms in raw["words"].items():
        for form in forms:
            assert seen.setdefault(form, english) == english, f"{form!r} is both {seen[form]!r} and {english!r}"
    assert set(raw["generic_heads"]) <= set(raw["heads"])


def _title_sims(titles: list[str], target: str) -> dict[str, float]:
    column = pd.Series(titles)
    parsed = parse_titles(column)
    return dict(zip(titles, role_similarity(column, parsed["family"], target, (), parsed["family_strength"])[1],
                    strict=True))


def test_a_generic_head_in_another_field_is_a_homonym(monkeypatch):
    titles = ["Cargo Supervisor", "Snake Handler", "Cargo Handler"]
    sims = _title_sims(titles, "Cargo Handler")
    assert sims["Cargo Handler"] == pytest.approx(1.0)
    assert sims["Cargo Supervisor"] > sims["Snake Handler"]  # the field carries the match, not the shared head
    monkeypatch.setattr(scoring, "FIELD_GATE", 1.0)
    monkeypatch.setattr(scoring, "FIELD_CARRY", 0.0)
    plain = _title_sims(titles, "Cargo Handler")
    assert plain["Cargo Supervisor"] < plain["Snake Handler"]  # without the rule the homonym wins


def test_a_specific_head_or_an_all_field_target_keeps_the_plain_match():
    roles = pd.Series(["load planner", "wedding planner", "pastry chef"])
    for target in ("route planner", "sommelier"):  # "planner" is a head but not a generic one; no head at all
        plain = tfidf_similarity(list(roles), target)
        assert (title_match(roles, target, plain) == plain).all()


def test_a_translated_title_meets_its_english_target():
    sims = _title_sims(["Landschaftsarchitektin", "Software Architect"], "Landscape Architect")
    assert sims["Landschaftsarchitektin"] == pytest.approx(1.0)
    assert sims["Software Architect"] < 0.3


def test_a_translated_title_takes_the_family_its_english_words_name():
    column = pd.Series(["Kapitein binnenvaart", "Quality Engineer", "Hondentrainer"])
    roles = column.map(english_role)
    parsed = pd.DataFrame({"seniority": "unknown", "is_hr": False, "family": ["other", "engineering", "other"],
                           "family_strength": [-1, 2, -1]})
    out = scoring.families_in_english(column, parsed, roles)
    assert out.loc[1, "family"] == "engineering"  # read as it was: its English words are its own
    assert out.loc[2, "family"] != "other"  # "dog trainer": a family the original words did not name
    assert parsed.loc[2, "family"] == "other"  # the input is left as it was
