"""Regularised logistic regression, the encoding in front of it and the measures around it, in NumPy.

The reply model (engine.learning) and the ratings model (engine.ratings) are small: a few dozen columns, tens to a few
thousand rows. scikit-learn fitted them well but cost more to import than to use: it loads SciPy's statistics module
while it starts, about 1.1 s of CPU, which was half of the first Today after the app starts and of `unstuck rank`.
The model is the one scikit-learn's LogisticRegression fits: log loss plus an L2 penalty on the coefficients
(C · Σ loss + ½‖w‖², the intercept unpenalised), minimised by Newton's method with a step-halving guard, so the
unpenalised intercept still makes the mean fitted chance equal the observed rate. tests/engine/test_logistic.py checks
the coefficients, the encoding, ROC AUC, Brier score and the folds against scikit-learn on the same data.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

INFREQUENT = object()  # the one column a feature's rare levels share


@cache
def _blas():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def one_thread():
    """Linear algebra on one thread inside: matrices of a few dozen columns run faster alone than split across
    cores that are busy (the app's server, the browser): a fit of 1,300 rows took 0.2 s on two threads of a loaded
    2-core machine and 2 ms on one."""
    with _blas().limit(limits=1):
        yield


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


@dataclass(frozen=True, eq=False)
class Fitted:
    """A fitted logistic regression: chance = sigmoid(Z @ coef + intercept)."""
    coef: np.ndarray
    intercept: float

    def chances(self, Z: np.ndarray) -> np.ndarray:
        return sigmoid(Z @ self.coef + self.intercept)


def fit(Z: np.ndarray, y: np.ndarray, C: float, start: Fitted | None = None, *, max_iter: int = 100,
        tol: float = 1e-6) -> Fitted:
    """Minimise C · Σ log loss + ½‖coef‖² (equivalently Σ loss + ‖coef‖² / 2C) over coef and an unpenalised
    intercept, from `start` when given (a refit on resampled rows takes a few steps from the full fit). Stops after
    the step taken where the largest gradient of the mean loss was under `tol` (scikit-learn's Newton solver stops
    at 1e-4): Newton steps converge quadratically, so that step leaves the coefficients exact to many digits."""
    Z, y = np.asarray(Z, dtype=float), np.asarray(y, dtype=float)
    n, p = Z.shape
    A = np.hstack([Z, np.ones((n, 1))])
    penalty = np.append(np.full(p, 1 / C), 0.0)
    w = np.zeros(p + 1) if start is None else np.append(start.coef, start.intercept).astype(float)
    z = A @ w
    loss = float(np.sum(np.logaddexp(0, z) - y * z) + 0.5 * np.sum(penalty * w * w))
    for _ in range(max_iter):
        chance = sigmoid(z)
        grad = A.T @ (chance - y) + penalty * w
        hessian = (A * (chance * (1 - chance))[:, None]).T @ A
        hessian[np.diag_indices_from(hessian)] += penalty
        hessian[-1, -1] += 1e-12  # all chances at 0 or 1 leave the intercept's curvature at zero
        try:
            step = np.linalg.solve(hessian, grad)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(hessian, grad, rcond=None)[0]
        shrink = 1.0
        while True:  # a full Newton step can overshoot far from the optimum: halve it until the loss falls
            trial = w - shrink * step
            z_trial = A @ trial
            trial_loss = float(np.sum(np.logaddexp(0, z_trial) - y * z_trial) + 0.5 * np.sum(penalty * trial * trial))
            if trial_loss <= loss + 1e-12 * abs(loss) or shrink < 1e-6:
                break
            shrink /= 2
        w, z, loss = trial, z_trial, trial_loss
        if np.max(np.abs(grad)) <= tol * n:  # the step from a point this close is the last one needed
            break
    return Fitted(w[:-1].copy(), float(w[-1]))


def stratified_folds(y: np.ndarray, k: int, seed: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """k (train, test) index splits, shuffled, each class spread evenly over the folds (fold sizes differ by at
    most one)."""
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    fold = np.empty(len(y), dtype=int)
    offset = 0
    for label in np.unique(y):
        rows = np.flatnonzero(y == label)
        rng.shuffle(rows)
        fold[rows] = (np.arange(len(rows)) + offset) % k
        offset = (offset + len(rows)) % k
    for i in range(k):
        yield np.flatnonzero(fold != i), np.flatnonzero(fold == i)


def roc_auc(y: np.ndarray, score: np.ndarray) -> float:
    """The chance that a random positive scores above a random negative (ties count half): the Mann-Whitney U."""
    y, score = np.asarray(y).astype(bool), np.asarray(score, dtype=float)
    positives, negatives = int(y.sum()), int((~y).sum())
    if not positives or not negatives:
        return float("nan")
    _, inverse, counts = np.unique(score, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    ranks = (ends - (counts - 1) / 2)[inverse]  # average rank of each tie group, from 1
    return float((ranks[y].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def brier(y: np.ndarray, chance: np.ndarray) -> float:
    return float(np.mean((np.asarray(chance, dtype=float) - np.asarray(y, dtype=float)) ** 2))


@dataclass(frozen=True, eq=False)
class Encoder:
    """Categories one-hot (levels seen fewer than `min_frequency` times share one column, which unseen levels join
    too; without rare levels, an unseen one is all zeros), then the numbers standardised (a constant column stays
    centred). Columns: each categorical feature's levels in sorted order (the shared one last), then the numbers."""
    categorical: tuple[str, ...]
    numeric: tuple[str, ...]
    levels: dict[str, tuple]           # feature -> its columns' levels (INFREQUENT for the shared one)
    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, X: pd.DataFrame, categorical: Sequence[str], numeric: Sequence[str],
            min_frequency: int) -> Encoder:
        levels = {}
        for name in categorical:
            counts = X[name].astype(object).value_counts(sort=False)
            frequent = sorted(v for v, n in counts.items() if n >= min_frequency)
            levels[name] = tuple(frequent) + ((INFREQUENT,) if len(frequent) < len(counts) else ())
        values = X[list(numeric)].to_numpy(dtype=float)
        scale = values.std(axis=0) if len(values) else np.ones(len(numeric))
        return cls(tuple(categorical), tuple(numeric), levels,
                   values.mean(axis=0) if len(values) else np.zeros(len(numeric)), np.where(scale > 0, scale, 1.0))

    def groups(self) -> dict[str, np.ndarray]:
        """For each raw feature, the columns of the encoded matrix it became."""
        out, at = {}, 0
        for name in self.categorical:
            out[name] = np.arange(at, at + len(self.levels[name]))
            at += len(self.levels[name])
        out.update({name: np.array([at + i]) for i, name in enumerate(self.numeric)})
        return out

    def _one_hot(self, name: str, values: np.ndarray) -> np.ndarray:
        levels = self.levels[name]
        column = {v: i for i, v in enumerate(levels)}
        unseen = column.get(INFREQUENT, -1)  # a level not seen in fitting: the rare levels' column, else none
        codes, distinct = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
        where = np.array([column.get(v, unseen) for v in distinct] + [-1], dtype=int)[codes]
        out = np.zeros((len(values), len(levels)))
        hit = np.flatnonzero(where >= 0)
        out[hit, where[hit]] = 1.0
        return out

    def transform(self, X: pd.DataFrame) -> np.ndarray:
        parts = [self._one_hot(name, X[name].to_numpy(dtype=object)) for name in self.categorical]
        parts.append((X[list(self.numeric)].to_numpy(dtype=float) - self.mean) / self.scale)
        return np.hstack(parts)

    def segment(self, feature: str, value) -> np.ndarray:
        """The encoded columns of one feature set to one value."""
        if feature in self.categorical:
            return self._one_hot(feature, np.array([value], dtype=object))[0]
        i = self.numeric.index(feature)
        return np.array([(float(value) - self.mean[i]) / self.scale[i]])
