"""Learning from outcomes: a model that finds a planted pattern and admits when there is none."""

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from engine import learning as L
from engine.charts import effects_chart
from engine.scoring import Flag
from engine.settings import STANDARD, read_settings

TODAY = date(2025, 6, 2)  # a Monday
WINDOW = L.window_from_rules(STANDARD.rules)  # business days an outreach waits for its answer


def bdays(day: date, n: int) -> date:
    """n business days after (n > 0) or before (n < 0) day."""
    return (pd.Timestamp(day) + pd.offsets.BDay(n)).date()


def scored_like(n: int, seed: int = 0, *, referred_share: float = 0.3) -> pd.DataFrame:
    """A frame shaped like score_contacts' output, with the columns learning reads and the ones apply keeps."""
    rng = np.random.default_rng(seed)
    referred = rng.random(n) < referred_share
    at_target = rng.random(n) < 0.2
    return pd.DataFrame({
        "id": np.arange(1, n + 1),
        "full_name": [f"Person {i}" for i in range(1, n + 1)],
        "closeness": rng.uniform(0, 1, n).round(3),
        "rank": rng.choice([1.0, 2.0, 3.0, 4.0, np.nan], n),
        "family": rng.choice(["data", "software_engineering", "product", "sales", "other"], n),
        "tie_strength": rng.choice([1, 2, 3, 4, 5], n).astype(float),
        "referred": referred,
        "at_target_company": at_target,
        "motivation": np.where(at_target, 0.8, 0.0),
        "connected_on": [TODAY - timedelta(days=int(d)) for d in rng.integers(100, 3000, n)],
        "priority": rng.uniform(20, 80, n).round(2),
        "eligible": True,
        "why": [["close to your target role"] for _ in range(n)],
        "flags": [(Flag("hr_or_recruiting", "works in HR"),) if i % 7 == 0 else () for i in range(n)],
    })


def history(scored: pd.DataFrame, reply_chance, seed: int = 0) -> pd.DataFrame:
    """One outreach per contact, 20 to 200 business days ago; a reply two days later with the given chance, else a
    closing after the follow-up window (or nothing at all, half the time: silence counts too)."""
    rng = np.random.default_rng(seed + 1000)
    chance = reply_chance(scored) if callable(reply_chance) else np.full(len(scored), reply_chance)
    rows = []
    for contact_id, p in zip(scored["id"], chance, strict=True):
        day = bdays(TODAY, -int(rng.integers(20, 200)))
        channel = str(rng.choice(["email", "linkedin", "event", "phone"]))
        rows.append((contact_id, "reached_out", channel, day))
        if rng.random() < p:
            rows.append((contact_id, "replied", channel, bdays(day, 2)))
        elif rng.random() < 0.5:
            rows.append((contact_id, "closed", None, bdays(day, 14)))
    return pd.DataFrame(rows, columns=["contact_id", "kind", "channel", "happened_on"])


def planted(n: int = 300, seed: int = 1):
    """Referrals reply 80% of the time, everyone else 10%."""
    scored = scored_like(n, seed)
    return scored, history(scored, lambda s: np.where(s["referred"], 0.8, 0.1), seed)


def learned_from(scored, events, **kwargs):
    X, y = L.training_set(events, scored, TODAY, WINDOW, target_level="mid")
    return L.fit(X, y, seed=0, **kwargs)


# -- labels ---------------------------------------------------------------------------------------------

def events(*rows):
    return pd.DataFrame(rows, columns=["contact_id", "kind", "channel", "happened_on"])


REACHED = bdays(TODAY, -30)


@pytest.mark.parametrize("story, expected", [
    ([("replied", 3)], 1),
    ([("meeting_scheduled", 5)], 1),
    ([("met", 10)], 1),
    ([("declined", 1), ("referral_given", 1)], 1),        # a no with an introduction is an answer
    ([("follow_up", 7), ("replied", 9)], 1),              # answered after the one polite follow-up
    ([("declined", 2)], 0),
    ([("no_answer", 14)], 0),
    ([("follow_up", 7), ("closed", 14)], 0),
    ([], 0),                                              # silent, and the window passed long ago
    ([("replied", 20)], 0),                               # a reply after the window: not this outreach's reply
    ([("drafting", 1)], 0),                               # a draft is no answer
])
def test_each_outreach_is_labelled_by_what_came_within_the_window(story, expected):
    ev = events((1, "reached_out", "email", REACHED), *((1, kind, None, bdays(REACHED, d)) for kind, d in story))
    X, y = L.training_set(ev, scored_like(1), TODAY, WINDOW, target_level="mid")
    assert y.tolist() == [expected]


def test_outreaches_still_inside_their_window_wait_unless_the_answer_is_in():
    recent = bdays(TODAY, -5)
    ev = events((1, "reached_out", "email", recent), (2, "reached_out", "email", recent),
                (2, "replied", "email", bdays(recent, 1)), (3, "reached_out", "email", recent),
                (3, "declined", None, bdays(recent, 2)))
    X, y = L.training_set(ev, scored_like(3), TODAY, WINDOW, target_level="mid")
    assert y.tolist() == [1, 0] and len(X) == 2  # contact 1 may still answer: not labelled yet


def test_a_second_outreach_to_the_same_person_is_its_own_example():
    first, second = bdays(TODAY, -80), bdays(TODAY, -40)
    ev = events((1, "reached_out", "email", first), (1, "closed", None, bdays(first, 14)),
                (1, "reached_out", "phone", second), (1, "replied", "phone", bdays(second, 1)))
    X, y = L.training_set(ev.sample(frac=1, random_state=3), scored_like(1), TODAY, WINDOW, target_level="mid")
    assert y.tolist() == [0, 1] and X["channel"].tolist() == ["email", "phone"]


def test_outcomes_without_an_outreach_and_people_no_longer_in_the_contacts_are_left_out():
    ev = events((1, "replied", None, REACHED), (1, "reached_out", "email", bdays(REACHED, 1)),
                (99, "reached_out", "email", REACHED), (99, "replied", None, bdays(REACHED, 1)))
    X, y = L.training_set(ev, scored_like(1), TODAY, WINDOW, target_level="mid")
    assert y.tolist() == [0]  # the earlier reply belongs to no outreach; contact 99 was deleted


def test_features_are_what_was_known_about_the_person_and_the_outreach():
    scored = pd.DataFrame({"id": [1, 2, 3], "closeness": [0.7, 0.2, None], "rank": [4.0, np.nan, 1.0],
                           "family": ["data", None, "sales"], "tie_strength": [5, None, 2],
                           "referred": [True, False, False], "at_target_company": [True, False, False],
                           "motivation": [0.8, 0.0, 0.0], "is_demo": [False, False, True],
                           "connected_on": [REACHED - timedelta(days=730), None, REACHED]})
    ev = events((1, "reached_out", "LinkedIn ", REACHED), (2, "reached_out", None, REACHED),
                (3, "reached_out", "event", REACHED))
    sources = pd.DataFrame({"contact_id": [1, 1], "format": ["linkedin", "vcard"]})
    X, y = L.training_set(ev, scored, TODAY, WINDOW, target_level="senior", sources=sources)
    assert list(X.columns) == list(L.FEATURES)
    one, two, three = (X.iloc[i] for i in range(3))
    assert (one.seniority_gap, one.seniority_unknown, two.seniority_gap, two.seniority_unknown) == (1, 0, 0, 1)
    assert three.seniority_gap == -2
    assert (one.tie_strength, two.tie_strength) == (5, 1.5)      # unknown reads as a weak tie, as in scoring
    assert (one.referred, one.at_target_company, one.motivation) == (1, 1, 0.8)
    assert one.years_connected == pytest.approx(2, abs=0.01) and one.connected_unknown == 0
    assert (two.years_connected, two.connected_unknown) == (0, 1)
    assert X["family"].tolist() == ["data", "other", "sales"] and three.closeness == 0
    assert X["source"].tolist() == ["linkedin", "by_hand", "demo"]  # the first source; no source: typed or demo
    assert X["channel"].tolist() == ["linkedin", "unknown", "event"]


def test_the_training_set_does_not_depend_on_the_order_of_the_events():
    scored, ev = planted(80)
    X, y = L.training_set(ev, scored, TODAY, WINDOW, target_level="mid")
    for seed in range(3):
        X2, y2 = L.training_set(ev.sample(frac=1, random_state=seed), scored, TODAY, WINDOW, target_level="mid")
        pd.testing.assert_frame_equal(X2.sort_index(), X.sort_index())
        pd.testing.assert_series_equal(y2.sort_index(), y.sort_index())


def test_an_empty_history_gives_an_empty_training_set():
    for ev in (events(), events((1, "drafting", None, REACHED))):
        X, y = L.training_set(ev, scored_like(3), TODAY, WINDOW, target_level="mid")
        assert X.empty and y.empty and list(X.columns) == list(L.FEATURES)


# -- the model ------------------------------------------------------------------------------------------

def test_a_planted_pattern_is_found_beats_the_base_rate_and_moves_referred_contacts_up():
    scored, ev = planted()
    learned = learned_from(scored, ev)
    assert learned.enough_data and learned.beats_base_rate
    assert learned.auc_mean - learned.auc_std > 0.7 and learned.brier_mean < learned.base_brier - 0.03
    top = learned.effects.iloc[0]
    assert top.factor == "referred" and top.clear and top.effect > 0.5 and top.low > 0.4
    assert top.on_chance == pytest.approx(0.8, abs=0.1) and top.off_chance == pytest.approx(0.1, abs=0.07)

    ranked = L.apply(scored, learned, TODAY, target_level="mid")
    referred = ranked["referred"]
    assert ranked["reply_chance"][referred].mean() == pytest.approx(0.8, abs=0.1)   # calibrated, not just ordered
    assert ranked["reply_chance"][~referred].mean() == pytest.approx(0.1, abs=0.06)
    moved = ranked["priority"] / scored["priority"]
    assert moved[referred].median() > 1.2 and moved[referred].min() > 1.05 and moved[~referred].max() < 1.0
    assert all(why[-1] == "people referred to you reply more often to you" for why in ranked["why"][referred])
    assert all(why[:-1] == ["close to your target role"] for why in ranked["why"][referred])
    assert ranked["flags"].tolist() == scored["flags"].tolist()
    assert scored["why"].map(len).eq(1).all(), "the input's why lists are left alone"


def test_the_models_chances_average_to_the_reply_rate_and_match_scikit_learns_pipeline():
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    scored, ev = planted()
    X, y = L.training_set(ev, scored, TODAY, WINDOW, target_level="mid")
    learned = L.fit(X, y)
    chances = learned.model.chances(X)
    assert chances.mean() == pytest.approx(y.mean(), abs=0.005)  # calibrated in the large, as the docstring says
    # the same model scikit-learn fits: one-hot (rare levels grouped), standardised numbers, L2 logistic regression
    onehot = [(name, OneHotEncoder(min_frequency=L.MIN_LEVEL_ROWS, handle_unknown="infrequent_if_exist",
                                   sparse_output=False), [name]) for name in L.CATEGORICAL]
    reference = make_pipeline(ColumnTransformer([*onehot, ("numeric", StandardScaler(), list(L.NUMERIC))]),
                              LogisticRegression(C=L.C, solver="newton-cholesky", tol=1e-10)).fit(X, y)
    assert chances == pytest.approx(reference.predict_proba(X)[:, 1], abs=1e-6)


def test_a_referred_contact_overtakes_an_equal_unreferred_one_in_the_ranking():
    scored, ev = planted()
    learned = learned_from(scored, ev)
    pair = scored.iloc[[0, 1]].assign(id=[1001, 1002], referred=[False, True], priority=[50.0, 48.0])
    ranked = L.apply(pair, learned, TODAY, target_level="mid")
    assert ranked.sort_values("priority", ascending=False)["id"].tolist() == [1002, 1001]


def test_random_outcomes_do_not_beat_the_base_rate_and_leave_the_ranking_unchanged():
    scored = scored_like(300, seed=4)
    learned = learned_from(scored, history(scored, 0.35, seed=4))
    assert learned.enough_data and not learned.beats_base_rate
    assert learned.auc_mean - learned.auc_std <= 0.5 or learned.brier_mean >= learned.base_brier
    assert L.quality_words(learned).startswith("Not enough signal yet")
    assert L.apply(scored, learned, TODAY, target_level="mid") is scored


@pytest.mark.slow  # fits the model on hundreds of random histories
def test_random_histories_rarely_fool_it():
    """No pattern, twenty histories of 60 to 260 outreaches: the model may seem to beat guessing by chance now and
    then (measured on many more: about 10% at these sizes, 3% at 1,000); here 2 of 20 do."""
    fooled = 0
    for seed in range(20):
        scored = scored_like(60 + 40 * (seed % 6), seed=10 + seed)
        fooled += learned_from(scored, history(scored, 0.4, seed=10 + seed), bootstrap=0).beats_base_rate
    assert fooled <= 3


@pytest.mark.parametrize("replies, silences, reason", [
    (10, 19, "29 labelled outreaches so far (10 answered, 19 not); learning needs at least 30"),
    (4, 40, "44 labelled outreaches so far (4 answered, 40 not); learning needs at least 30, with at least 5"),
    (40, 4, "(40 answered, 4 not)"),
    (35, 0, "every one of your 35 labelled outreaches got a reply"),
    (0, 35, "none of your 35 labelled outreaches got a reply yet"),
    (0, 0, "0 labelled outreaches so far"),
])
def test_too_little_or_one_sided_history_learns_nothing_and_says_why(replies, silences, reason):
    n = replies + silences
    scored = scored_like(max(n, 1))
    ev = history(scored, lambda s: np.arange(len(s)) < replies) if n else events()
    learned = learned_from(scored, ev)
    assert not learned.enough_data and not learned.beats_base_rate and learned.model is None
    assert (learned.n, learned.replied) == (n, replies)
    assert reason in learned.reason and learned.effects.empty
    assert reason[1:] in L.quality_words(learned)
    assert L.apply(scored, learned, TODAY, target_level="mid") is scored
    assert L.factor_sentences(learned) == []


def test_the_thresholds_are_the_users_settings():
    scored = scored_like(24)
    ev = history(scored, lambda s: np.arange(len(s)) % 2 == 0)
    X, y = L.training_set(ev, scored, TODAY, WINDOW, target_level="mid")
    assert not L.fit(X, y).enough_data
    assert L.fit(X, y, min_total=20, min_each=5).enough_data
    assert not L.learn(ev, scored, TODAY, target_level="mid", settings=STANDARD).enough_data
    assert L.learn(ev, scored, TODAY, target_level="mid",
                   settings=read_settings({"learning_min_total": "20"})).enough_data


def test_nothing_learned_says_what_the_users_thresholds_wait_for():
    nothing = L.nothing_learned(read_settings({"learning_min_total": "40", "learning_min_each": "8"}))
    assert not nothing.enough_data and nothing.n == 0
    assert "needs at least 40, with at least 8 answered and 8 not" in nothing.reason


def test_the_same_seed_gives_the_same_answer():
    scored, ev = planted(120)
    a, b = learned_from(scored, ev), learned_from(scored, ev)
    pd.testing.assert_frame_equal(a.effects, b.effects)
    assert (a.auc_mean, a.brier_mean) == (b.auc_mean, b.brier_mean)


def test_a_pattern_in_how_the_user_reaches_out_is_described_but_never_put_in_a_contacts_why():
    scored = scored_like(300, seed=2, referred_share=0)
    ev = history(scored, 0.15, seed=2)
    answered = set(ev.loc[ev["kind"] == "replied", "contact_id"])
    # people reached at events answer: plant it on the outreach, not the person
    at_events = ev[(ev["kind"] == "reached_out") & (ev["channel"] == "event")]
    extra = at_events[~at_events["contact_id"].isin(answered)].sample(frac=0.7, random_state=1)
    ev = pd.concat([ev[~((ev["kind"] == "closed") & ev["contact_id"].isin(extra["contact_id"]))],
                    extra.assign(kind="replied", happened_on=extra["happened_on"].map(lambda d: bdays(d, 1)))])
    learned = learned_from(scored, ev)
    assert learned.beats_base_rate
    top = learned.effects.iloc[0]
    assert top.factor == "channel:event" and top.clear and top.effect > 0.3
    assert L.factor_sentences(learned)[0].startswith("People you contact at events reply more often to you: about")
    ranked = L.apply(scored, learned, TODAY, target_level="mid")
    assert not any("events" in reason for why in ranked["why"] for reason in why)


def test_sentences_carry_the_uncertainty_and_hedge_while_there_is_no_signal():
    scored, ev = planted()
    learned = learned_from(scored, ev)
    first = L.factor_sentences(learned)[0]
    assert first.startswith("People referred to you reply more often to you: about 7") and "likely +" in first
    assert len(L.factor_sentences(learned, n=100)) == len(learned.effects)
    quiet = learned_from(scored_like(300, seed=4), history(scored_like(300, seed=4), 0.35, seed=4))
    for sentence in L.factor_sentences(quiet, n=100):
        assert any(hedge in sentence for hedge in ("no clear difference yet", "A hint, not yet a pattern",
                                                   "only a small difference")), sentence


def test_quality_words_give_the_figures_plainly():
    learned = learned_from(*planted())
    words = L.quality_words(learned)
    assert words.startswith("Better than guessing: ROC AUC 0.")
    assert f"over {learned.folds} folds; Brier 0." in words and "for always guessing the average" in words


def test_the_effects_chart_draws_bars_with_intervals():
    spec = effects_chart(learned_from(*planted()).effects).to_dict()
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks == ["bar", "rule", "rule"]
    assert spec["layer"][1]["encoding"]["x2"]["field"] == "high_points"


def test_the_bootstrap_runs_when_the_effects_are_first_read_and_only_then(monkeypatch):
    calls = []
    real = L._factor_effects
    monkeypatch.setattr(L, "_factor_effects", lambda *a: calls.append(1) or real(*a))
    scored, ev = planted(200)
    learned = learned_from(scored, ev)
    assert learned.enough_data and calls == [], "fitting and cross-validating need no refits"
    first = learned.effects
    assert calls == [1] and learned.effects is first and calls == [1]
    assert first.equals(learned_from(scored, ev).effects), "deferred, the effects are the same as at once"


def test_a_ranking_the_model_does_not_lean_never_runs_the_bootstrap(monkeypatch):
    calls = []
    real = L._factor_effects
    monkeypatch.setattr(L, "_factor_effects", lambda *a: calls.append(1) or real(*a))
    scored = scored_like(200, seed=4)
    learned = learned_from(scored, history(scored, 0.3, seed=4))  # replies at random: nothing to learn
    assert learned.enough_data and not learned.beats_base_rate
    assert L.apply(scored, learned, TODAY, target_level="mid") is scored and calls == []


def test_trust_comes_first_in_one_plain_sentence():
    planted_pattern = learned_from(*planted())
    scored = scored_like(300, seed=4)
    no_pattern = learned_from(scored, history(scored, 0.35, seed=4))
    too_few = learned_from(scored_like(10), history(scored_like(10), 0.5))
    assert L.trust_sentence(too_few).startswith("Too early to tell: ")
    assert L.trust_sentence(no_pattern).startswith("Too early to tell: your 300 labelled outreaches")
    words = L.trust_sentence(planted_pattern)
    expected = next(p for low, p in L.TRUST_WORDS if planted_pattern.auc_mean >= low)
    assert words.startswith(expected + ": ") and "Today leans on it" in words
    for sentence in (words, L.trust_sentence(no_pattern), L.trust_sentence(too_few)):
        assert "AUC" not in sentence and "Brier" not in sentence
