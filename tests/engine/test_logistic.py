"""engine.logistic against scikit-learn, the reference it replaces at run time: the same fits, encodings, ROC AUC,
Brier scores and folds that keep each class's share."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from engine import logistic


def data(seed: int, n: int = 150, p: int = 6, separable: bool = False):
    rng = np.random.default_rng(seed)
    Z = rng.normal(size=(n, p))
    signal = Z[:, 0] - 0.5 * Z[:, 1]
    y = (signal > 0 if separable else signal + rng.normal(size=n) > 0.4).astype(int)
    return Z, y


@pytest.mark.parametrize("C", [0.05, 0.1, 0.5, 10.0])
@pytest.mark.parametrize("seed", [0, 1])
def test_the_fit_is_scikit_learns_l2_logistic_regression(C, seed):
    Z, y = data(seed)
    ours = logistic.fit(Z, y, C)
    theirs = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-10, max_iter=200).fit(Z, y)
    assert ours.coef == pytest.approx(theirs.coef_[0], abs=1e-6)
    assert ours.intercept == pytest.approx(theirs.intercept_[0], abs=1e-6)
    assert ours.chances(Z) == pytest.approx(theirs.predict_proba(Z)[:, 1], abs=1e-7)


def test_separable_rows_and_a_far_start_still_reach_the_penalised_optimum():
    Z, y = data(2, separable=True)
    theirs = LogisticRegression(C=10.0, solver="lbfgs", tol=1e-10, max_iter=5000).fit(Z, y)
    far = logistic.Fitted(np.full(Z.shape[1], 40.0), -30.0)  # a step from here overshoots without the guard
    for start in (None, far):
        ours = logistic.fit(Z, y, 10.0, start)
        assert ours.coef == pytest.approx(theirs.coef_[0], abs=1e-4)


def test_the_intercept_makes_the_mean_chance_the_observed_rate():
    Z, y = data(3)
    assert logistic.fit(Z, y, 0.1).chances(Z).mean() == pytest.approx(y.mean(), abs=1e-9)


def test_roc_auc_and_brier_agree_with_scikit_learn_ties_included():
    rng = np.random.default_rng(4)
    y = rng.integers(0, 2, 300)
    score = np.round(rng.random(300) + 0.3 * y, 1)  # many ties
    assert logistic.roc_auc(y, score) == pytest.approx(roc_auc_score(y, score), abs=1e-12)
    chance = rng.random(300)
    assert logistic.brier(y, chance) == pytest.approx(brier_score_loss(y, chance), abs=1e-12)
    assert logistic.roc_auc(y, y) == 1.0 and logistic.roc_auc(y, -y) == 0.0
    assert np.isnan(logistic.roc_auc(np.ones(5), np.arange(5)))


def test_folds_cover_every_row_once_and_keep_each_class_share():
    y = np.array([1] * 13 + [0] * 29)
    folds = list(logistic.stratified_folds(y, 5, seed=7))
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(len(y)))
    for train, test in folds:
        assert set(train).isdisjoint(test) and len(train) + len(test) == len(y)
        assert int(y[test].sum()) in (2, 3) and int((1 - y[test]).sum()) in (5, 6)
        assert len(test) in (8, 9)
    again = [test.tolist() for _, test in logistic.stratified_folds(y, 5, seed=7)]
    other = [test.tolist() for _, test in logistic.stratified_folds(y, 5, seed=8)]
    assert again == [test.tolist() for _, test in folds] and other != again


def test_the_encoder_is_scikit_learns_one_hot_with_rare_levels_grouped_and_standard_scaler():
    X = pd.DataFrame({"family": ["eng"] * 6 + ["sales"] * 5 + ["hr", "legal", None],
                      "channel": ["email"] * 7 + ["linkedin"] * 7,
                      "tie": np.arange(14, dtype=float), "flat": np.ones(14)})
    ours = logistic.Encoder.fit(X, ["family", "channel"], ["tie", "flat"], min_frequency=5)
    fitted = X.fillna({"family": "missing"})
    onehot = {name: OneHotEncoder(min_frequency=5, handle_unknown="infrequent_if_exist", sparse_output=False)
              .fit(fitted[[name]]) for name in ("family", "channel")}
    scaler = StandardScaler().fit(X[["tie", "flat"]])
    new = pd.DataFrame({"family": ["eng", "legal", "never seen"], "channel": ["email", "linkedin", "phone"],
                        "tie": [0.0, 20.0, 3.0], "flat": [1.0, 2.0, 1.0]})
    theirs = np.hstack([onehot["family"].transform(new[["family"]]), onehot["channel"].transform(new[["channel"]]),
                        scaler.transform(new[["tie", "flat"]])])
    assert ours.transform(new) == pytest.approx(theirs)
    assert ours.transform(new)[2, 3:5].tolist() == [0.0, 0.0], "an unseen channel, with no rare ones: all zeros"
    groups = ours.groups()
    assert [groups[n].tolist() for n in ("family", "channel", "tie", "flat")] == [[0, 1, 2], [3, 4], [5], [6]]
    assert ours.segment("family", "legal").tolist() == [0.0, 0.0, 1.0]
    assert ours.segment("tie", 6.5).tolist() == [0.0]


def test_learning_and_ranking_never_import_scikit_learn_or_scipy_stats():
    """They cost 1.1 s of CPU to import: the first Today after the app starts and `unstuck rank` pay none of it."""
    script = """
import sys
from tests.engine.test_learning import L, TODAY, WINDOW, planted
scored, ev = planted()
X, y = L.training_set(ev, scored, TODAY, WINDOW, target_level="mid")
learned = L.fit(X, y)
assert learned.enough_data and len(learned.effects)
L.apply(scored, learned, TODAY, target_level="mid")
print(sorted(m for m in sys.modules if m.split(".")[0] == "sklearn" or m.startswith("scipy.stats")))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
