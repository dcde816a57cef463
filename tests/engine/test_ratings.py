"""engine.ratings: rated people move at once; after a handful of ratings a model learns what the user means by a good
person for their target and re-ranks everyone else, but only while held-back ratings show it helps."""

import numpy as np
import pandas as pd
import pytest

from engine.profile import make_profile
from engine.ratings import (
    GOOD_LIFT,
    MIN_RATINGS,
    apply_ratings,
    fit_ratings,
    good_chances,
    rating_features,
    status_words,
)
from engine.scoring import priority, priority_steps, score_contacts

# After the issue's own example: the rules read words, so for a target written as "Instructor" they rank flight and
# yoga instructors above learning designers. This user means instructional design, and says so ten times.
# (For "Instructional Designer" the rules now rank the designers first themselves: bench/eval_ranking.py.)
RATED_GOOD = ["Learning Designer", "Learning Experience Designer", "Curriculum Developer", "Curriculum Designer",
              "Learning Designer II"]
RATED_NOT = ["Flight Instructor", "Driving Instructor", "Yoga Teacher", "Fitness Instructor", "Swim Teacher"]
UNRATED = ["Curriculum Designer II", "Curriculum Developer", "Ski Instructor", "Swimming Instructor"]
PROFILE = make_profile(target_role="Instructor", target_level="mid")


def scored_people(titles) -> pd.DataFrame:
    contacts = pd.DataFrame({"id": range(1, len(titles) + 1), "full_name": [f"Person {i}" for i in range(len(titles))],
                             "title": titles, "company": None})
    return score_contacts(contacts, PROFILE)


def ratings_of(pairs) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["contact_id", "rating"])


@pytest.fixture
def designers():
    scored = scored_people(RATED_GOOD + RATED_NOT + UNRATED)
    ratings = ratings_of([(i, "good") for i in range(1, 6)] + [(i, "not_relevant") for i in range(6, 11)])
    return scored, ratings


def test_without_ratings_the_list_is_left_as_it_was(designers):
    scored, _ = designers
    model = fit_ratings(scored, ratings_of([]))
    assert model.n == 0 and not model.leaning
    assert apply_ratings(scored, model, ratings_of([])) is scored
    assert "after 8 ratings" in status_words(model)


def test_a_few_ratings_move_only_the_rated_people(designers):
    scored, _ = designers
    ratings = ratings_of([(1, "good"), (6, "not_relevant")])
    model = fit_ratings(scored, ratings)
    assert (model.n, model.good, model.leaning) == (2, 1, False)
    assert "2 ratings so far (1 good, 1 not relevant)" in status_words(model)
    out = apply_ratings(scored, model, ratings).set_index("id")
    before = scored.set_index("id")["priority"]
    assert out.loc[6, "priority"] == 0 and out.loc[6, "rating"] == "not_relevant"
    assert out.loc[1, "priority"] == pytest.approx(round(before[1] * GOOD_LIFT, 2))
    others = [i for i in out.index if i not in (1, 6)]
    assert (out.loc[others, "priority"] == before[others]).all()
    assert out.loc[6, "why"][-1] == "you marked them not relevant"
    assert scored.set_index("id").loc[6, "why"][-1] != "you marked them not relevant", "the input is untouched"


def test_enough_ratings_teach_the_list_what_the_user_means(designers):
    scored, ratings = designers
    assert len(ratings) >= MIN_RATINGS
    model = fit_ratings(scored, ratings, target_level="mid")
    assert model.leaning, status_words(model)
    assert model.auc_without < 0.5 < model.auc_with  # the rules had it backwards; held back, the blend does not
    assert status_words(model).startswith("Leaning on your 10 ratings")
    out = apply_ratings(scored, model, ratings).set_index("id")
    unrated = out.loc[11:14, "priority"]
    # the unrated learning designer and curriculum developer now sit above the unrated ski and piano teachers
    assert min(unrated[11], unrated[12]) > max(unrated[13], unrated[14])
    base = scored.set_index("id")["priority"]
    assert max(base[11], base[12]) < min(base[13], base[14]), "the rules alone ranked them the other way"
    assert out.loc[11, "why"][-1] == "like the people you rated good for your target"
    assert out.loc[13, "why"][-1] == "like the people you marked not relevant"


def test_the_model_does_not_lean_when_the_list_already_agrees_with_the_ratings(designers):
    scored, _ = designers
    # the user agrees with the rules: the five the list puts first are good, the five it puts last not relevant
    first = scored[scored["id"] <= 10].sort_values(["priority", "id"], ascending=[False, True])["id"].tolist()
    ratings = ratings_of([(i, "good") for i in first[:5]] + [(i, "not_relevant") for i in first[5:]])
    model = fit_ratings(scored, ratings)
    assert model.n == 10 and not model.leaning
    assert model.auc_without >= 0.95
    assert status_words(model).startswith("Not leaning on your 10 ratings yet")
    out = apply_ratings(scored, model, ratings).set_index("id")
    assert (out.loc[11:14, "priority"] == scored.set_index("id").loc[11:14, "priority"]).all()


def test_ratings_of_one_kind_only_do_not_fit_a_model(designers):
    scored, _ = designers
    model = fit_ratings(scored, ratings_of([(i, "good") for i in range(1, 11)]))
    assert model.encoding is None and not model.leaning
    assert "at least 3 of each kind" in status_words(model)


def test_ratings_of_contacts_no_longer_there_are_ignored(designers):
    scored, ratings = designers
    model = fit_ratings(scored, pd.concat([ratings, ratings_of([(999, "good")])]))
    assert model.n == 10


def test_the_priority_explanation_still_adds_up(designers):
    scored, ratings = designers
    out = apply_ratings(scored, fit_ratings(scored, ratings), ratings)
    assert (priority(out) == out["priority"]).all()
    for _, row in out.iterrows():
        assert priority_steps(row)[-1][1] == row["priority"]


def test_the_model_predicts_a_million_rows_a_distinct_title_at_a_time(designers):
    scored, ratings = designers
    model = fit_ratings(scored, ratings)
    many = scored.loc[np.tile(scored.index, 3)].reset_index(drop=True)
    chances = good_chances(many, model)
    assert np.allclose(chances[: len(scored)], chances[len(scored): 2 * len(scored)])
    # the column-wise logit is the dense encoded matrix times the coefficients
    features = rating_features(scored, target_rank=2, top_rank=2)
    features["words"] = [set(__import__("re").findall(r"\w{2,}", t.lower())) for t in features["title"]]
    dense = model.encoding.matrix(features) @ model.coef + model.intercept
    assert np.allclose(good_chances(scored, model), 1 / (1 + np.exp(-dense)))
