"""A family for titles no lexicon phrase names (engine.families), and meaning that still orders unrelated roles
(engine.scoring.meaning_similarity). Titles here are written for these tests."""

import numpy as np
import pandas as pd
import pytest

from engine import embeddings, families, scoring
from engine.titles import parse_title, parse_titles, read_lexically

needs_model = pytest.mark.skipif(not embeddings.available(), reason="wordllama is a dependency; never missing in CI")


def test_field_words_drop_level_and_generic_role_words_but_keep_the_field():
    assert families.field_words("Senior Pastry Decorator") == "pastry decorator"
    assert families.field_words("Bricklaying Supervisor") == "bricklaying"
    assert families.field_words("Head of Beekeeping") == "beekeeping"
    assert families.field_words("Senior Manager") == ""
    assert families.field_words("Fundador y CEO") == ""  # one-letter words do not count


@needs_model
@pytest.mark.parametrize(("title", "family"), [
    ("Orthodontist", "healthcare"), ("Pastry Decorator", "hospitality"), ("Bricklaying Supervisor", "trades"),
])
def test_a_title_no_lexicon_phrase_names_takes_the_nearest_family_in_meaning(title, family):
    assert read_lexically(title).family == "other"  # the lexicons alone do not name it
    info = parse_title(title)
    assert info.family == family
    assert info.family_strength == -1  # a guess: scoring trusts it less than a lexicon cue
    assert any("nearest in meaning" in e for e in info.evidence)


@needs_model
@pytest.mark.parametrize("title", ["Senior Manager", "Director", "Fundador y CEO", "Open to work", "",
                                   "Helping small shops grow"])
def test_titles_without_field_words_stay_other(title):
    assert parse_title(title).family == "other"


@needs_model
def test_a_lexicon_cue_is_never_overridden_and_nothing_close_stays_other(monkeypatch):
    assert parse_title("Accounting Clerk").family == "finance"  # (payroll clerks are HR: README, "How titles are read")
    assert parse_title("Accounting Clerk").family_strength >= 0
    monkeypatch.setattr(families, "GUESS_MIN", 1.01)  # nothing is that close: no guess at all
    assert parse_title("Orthodontist").family == "other"


@needs_model
def test_the_column_and_the_single_title_agree_and_guesses_are_cached(monkeypatch):
    titles = pd.Series(["Orthodontist", "Pastry Decorator", None, "Orthodontist", "Senior Manager", "Payroll Clerk"])
    column = parse_titles(titles)
    assert column["family"].tolist() == [parse_title(t).family for t in titles]
    model = embeddings._model()
    calls = []
    original = model.embed
    monkeypatch.setattr(model, "embed", lambda texts, **kw: calls.append(list(texts)) or original(texts, **kw))
    parse_titles(titles)
    assert calls == []  # a rerun never recomputes a guess or a vector


@needs_model
def test_meaning_below_the_floor_still_orders_roles_and_stays_small(monkeypatch):
    monkeypatch.setattr(scoring, "KINSHIP_SHARE", 0.0)  # the cosines alone: kinship is tested below
    roles = pd.Series(["pastry decorator", "truck driver", "dental assistant"])
    cosine = embeddings.similarity(list(roles), "dental hygienist")
    meaning = scoring.meaning_similarity(roles, "dental hygienist")
    below = cosine < scoring.MEANING_FLOOR
    assert below[:2].all()  # two roles unrelated to the target by the floor...
    assert (meaning[below] <= scoring.MEANING_LOW).all() and (meaning[below] > 0).all()  # ...count a little
    assert np.argsort(meaning[below]).tolist() == np.argsort(cosine[below]).tolist()  # in the order they mean
    assert meaning[2] > scoring.MEANING_LOW  # a related role sits above every unrelated one


@needs_model
def test_family_profiles_are_unit_vectors_and_a_text_without_words_has_none():
    profiles = families.family_profiles(["welder", "", "orthodontist"])
    assert profiles.shape[0] == 3 and profiles.shape[1] == len(families._centroids())
    assert np.allclose(np.linalg.norm(profiles, axis=1), [1.0, 0.0, 1.0], atol=1e-5)


@needs_model
def test_kinship_reaches_roles_of_the_same_field_that_share_no_words():
    roles = ["orthodontist", "periodontist", "truck driver", "forklift operator"]
    kin = families.kinship(roles, "dental hygienist")
    assert min(kin[:2]) > max(kin[2:]) + 0.3  # dental roles lean the same way; driving ones do not
    assert ((kin >= 0) & (kin <= 1)).all()
    assert families.kinship([], "dental hygienist").shape == (0,)


@needs_model
def test_kinship_orders_unrelated_roles_below_the_floor_and_leaves_related_ones(monkeypatch):
    roles = pd.Series(["orthodontist", "truck driver", "orthodontist", "dental assistant"])
    cosine = embeddings.similarity(list(roles), "dental hygienist")
    assert (cosine[:3] < scoring.MEANING_FLOOR).all() and cosine[3] >= scoring.MEANING_FLOOR
    monkeypatch.setattr(scoring, "KINSHIP_SHARE", 0.0)
    alone = scoring.meaning_similarity(roles, "dental hygienist")
    monkeypatch.setattr(scoring, "KINSHIP_SHARE", 0.5)
    blended = scoring.meaning_similarity(roles, "dental hygienist")
    kin = families.kinship(list(roles), "dental hygienist", parse_title("dental hygienist").family)
    low = scoring.MEANING_LOW
    assert np.allclose(blended[:3], 0.5 * alone[:3] + 0.5 * low * kin[:3])  # below the floor: half kinship
    assert blended[3] == alone[3]  # above it the cosine alone speaks
    assert blended[0] > blended[1]  # a dental role above a driving one, though neither shares a word or a vector
    assert (blended[:3] <= low).all() and blended[0] == blended[2]  # still small; one value per distinct role


@needs_model
def test_a_named_target_family_pulls_the_target_profile_toward_it():
    # "development officer" by its words leans toward software; the lexicon reads it as fundraising (nonprofit)
    roles = ["fundraising manager", "backend developer"]
    plain = families.kinship(roles, "development officer")
    pulled = families.kinship(roles, "development officer", "nonprofit")
    assert pulled[0] > plain[0] and pulled[1] < plain[1]
    assert np.allclose(families.kinship(roles, "development officer", "no such family"), plain)


@needs_model
def test_the_explanation_says_a_family_from_meaning_is_a_guess():
    from engine.contacts_view import explain
    from engine.profile import make_profile
    from engine.scoring import score_contacts
    contacts = pd.DataFrame({"id": [1, 2], "full_name": ["Ana Lima", "Bo Berg"], "company": ["Smile Co", "Smile Co"],
                             "title": ["Orthodontist", "Dental Hygienist"]})
    profile = make_profile(target_role="Dental Hygienist", target_level="mid")
    scored = score_contacts(contacts, profile)
    guessed = "\n".join(explain(scored[scored["id"] == 1].iloc[0].to_dict(), profile))
    assert "Job family: healthcare (read from a guess: no listed words name it, and it is the family nearest in " \
           "meaning)" in guessed
    listed = "\n".join(explain(scored[scored["id"] == 2].iloc[0].to_dict(), profile))
    assert "Job family: healthcare (read from a clear cue)" in listed
