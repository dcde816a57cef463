"""Learning from the seeker's own outcomes: which contacts answer them, and how sure Unstuck is about it.

Every outreach whose follow-up window has passed (or whose outcome is known) becomes one labelled example; a
regularised logistic regression learns reply chances from what was known about the contact; cross-validation
against always guessing the average decides whether the ranking may use it. The factors, their words and the
thresholds are the tables below.
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from engine import logistic
from engine.logistic import Encoder, Fitted
from engine.outreach import FollowUpRules, business_days_between
from engine.scoring import learned_priority
from engine.settings import SETTINGS, Settings
from engine.titles import FAMILY_LABELS, SENIORITY_RANK

# what an outreach led to: any of these within the window is a reply; these others, or silence past it, are not
REPLIED = {"replied", "meeting_scheduled", "met", "referral_given"}
NO_REPLY = {"declined", "no_answer", "closed"}
# labelled outreaches needed before learning, overall and of each outcome, unless the user set their own
MIN_TOTAL, MIN_EACH = SETTINGS["learning_min_total"][0], SETTINGS["learning_min_each"][0]
NUMERIC = ("closeness", "seniority_gap", "seniority_unknown", "tie_strength", "referred", "at_target_company",
           "motivation", "years_connected", "connected_unknown")
CATEGORICAL = ("family", "source", "channel")
FEATURES = (*NUMERIC, *CATEGORICAL)
C = 0.1                 # inverse L2 strength on standardised features: shrinks toward the base rate with few rows
MIN_LEVEL_ROWS = 5      # a family, source or channel seen fewer times is grouped with the other rare ones
MIN_FACTOR_ROWS = 5     # a factor is described only when at least this many outreaches had it, and as many did not
BOOTSTRAP = 100         # refits on resampled outreaches behind each factor's uncertainty
EFFECT_ROWS = 2000      # rows the average effects are computed over (a seeded sample beyond that)
INTERVAL = (2.5, 97.5)  # percentiles of the bootstrap effects: a 95% interval
REPLY_WEIGHT = 0.5      # priority * (1 + REPLY_WEIGHT * (reply chance - base rate)): about 1 for a typical contact
WHY_MIN_EFFECT = 0.05   # a factor must move the reply chance by 5 points to be named in a contact's why

SOURCE_WORDS = {"linkedin": "your LinkedIn connections", "google": "your Google contacts",
                "outlook": "your Outlook contacts", "vcard": "your address book", "xlsx": "a spreadsheet you imported",
                "csv": "a CSV file you imported", "demo": "the demo", "by_hand": "people you added by hand"}
CHANNEL_WORDS = {"email": "by email", "linkedin": "on LinkedIn", "phone": "by phone", "in_person": "in person",
                 "event": "at events", "video call": "by video call", "other": "some other way"}
EFFECT_COLUMNS = ["factor", "label", "sentence_more", "sentence_less", "effect", "low", "high", "on_chance",
                  "off_chance", "n_on", "clear"]


@dataclass(frozen=True)
class Factor:
    """A human-readable factor: what it sets when on and off, who has it, and how to say it."""
    key: str
    subject: str                   # "people referred to you": the sentence's subject
    on: dict                       # raw feature -> value when the factor is on
    off: dict | None               # raw feature -> value when off; None: the other levels, as often as they occur
    has: tuple[tuple[str, str, object], ...]  # (feature, "eq" | "ge" | "le", value), all true: who has it
    for_ranking: bool = True       # the channel of a future outreach is unknown, so it never explains a contact

    def holds(self, frame: pd.DataFrame) -> np.ndarray:
        mask = np.ones(len(frame), dtype=bool)
        for feature, op, value in self.has:
            col = frame[feature]
            mask &= np.asarray(col == value if op == "eq" else col >= value if op == "ge" else col <= value)
        return mask


@dataclass(frozen=True, eq=False)
class Model:
    encoder: Encoder                # one-hot families, sources and channels (rare ones grouped), standardised numbers
    fitted: Fitted                  # the logistic regression over the encoded columns
    factors: tuple[Factor, ...]
    channel_mix: dict[str, float]   # how often each channel was used: a future outreach's channel is a mix

    @property
    def coef(self) -> np.ndarray:
        return self.fitted.coef

    @property
    def intercept(self) -> float:
        return self.fitted.intercept

    def chances(self, X: pd.DataFrame) -> np.ndarray:
        """The reply chance of each row of raw features (FEATURES)."""
        return self.fitted.chances(self.encoder.transform(X))


class _OnFirstUse:
    """A value computed the first time it is asked for, then kept; asked from two threads, it is computed once."""

    def __init__(self, compute: Callable[[], pd.DataFrame]):
        self._compute, self._value, self._lock = compute, None, threading.Lock()

    def get(self) -> pd.DataFrame:
        with self._lock:
            if self._compute is not None:
                self._value, self._compute = self._compute(), None  # and lets go of what computing needed
            return self._value


def _no_effects() -> _OnFirstUse:
    return _OnFirstUse(lambda: pd.DataFrame(columns=EFFECT_COLUMNS))


@dataclass(frozen=True, eq=False)
class Learned:
    """What the history taught: enough data or not (and why), cross-validated quality, and factor effects."""
    enough_data: bool
    reason: str
    n: int = 0
    replied: int = 0
    min_total: int = MIN_TOTAL
    min_each: int = MIN_EACH
    base_rate: float = math.nan
    folds: int = 0
    auc_mean: float = math.nan
    auc_std: float = math.nan
    brier_mean: float = math.nan
    brier_std: float = math.nan
    base_brier: float = math.nan
    beats_base_rate: bool = False
    model: Model | None = None
    # The bootstrap behind the effects refits the model a hundred times: it runs when the effects are first read
    # (What works, or a ranking the model leans), not for a ranking that does not use them.
    _effects: _OnFirstUse = field(default_factory=_no_effects, repr=False)

    @property
    def effects(self) -> pd.DataFrame:
        """Each factor's effect on the reply chance with its 95% bootstrap interval, largest first (EFFECT_COLUMNS)."""
        return self._effects.get()


# -- settings -----------------------------------------------------------------------------------------------

def window_from_rules(rules: FollowUpRules) -> int:
    """Business days an outreach has to get a reply: until the seeker would close it after one follow-up."""
    return rules.follow_up_after + rules.close_after_follow_up


# -- the training set ---------------------------------------------------------------------------------------

def _days(values) -> np.ndarray:
    return pd.to_datetime(pd.Series(values), errors="coerce").to_numpy(dtype="datetime64[D]")


def _years(since, until) -> np.ndarray:
    """Years from `since` to `until` (NaN where `since` is unknown), never negative."""
    since, until = np.asarray(since, dtype="datetime64[D]"), np.asarray(until, dtype="datetime64[D]")
    days = np.where(np.isnat(since), np.nan, (until - since).astype(float))
    return np.clip(days / 365.25, 0, None)


def contact_features(scored: pd.DataFrame, *, target_level: str,
                     sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The learnable facts about each scored contact, indexed by contact id (channel and years come later)."""
    idx = pd.Index(scored["id"], name="contact_id")
    def col(name, default):
        return scored[name].to_numpy() if name in scored else np.full(len(scored), default, dtype=object)
    out = pd.DataFrame(index=idx)
    out["closeness"] = pd.to_numeric(pd.Series(col("closeness", 0.0)), errors="coerce").fillna(0.0).to_numpy()
    rank = pd.to_numeric(pd.Series(col("rank", np.nan)), errors="coerce")
    out["seniority_gap"] = (rank - SENIORITY_RANK.get(target_level, 2)).fillna(0.0).to_numpy()
    out["seniority_unknown"] = rank.isna().astype(float).to_numpy()
    tie = pd.to_numeric(pd.Series(col("tie_strength", np.nan)), errors="coerce")
    out["tie_strength"] = tie.fillna(1.5).clip(1, 5).to_numpy()  # unknown reads as a weak tie, as in scoring
    for name in ("referred", "at_target_company"):
        out[name] = pd.Series(col(name, False)).fillna(False).astype(bool).astype(float).to_numpy()
    out["motivation"] = pd.to_numeric(pd.Series(col("motivation", 0.0)), errors="coerce").fillna(0.0).to_numpy()
    out["family"] = pd.Series(col("family", "other")).fillna("other").astype(str).to_numpy()
    demo = pd.Series(col("is_demo", False)).fillna(False).astype(bool).to_numpy()
    source = np.where(demo, "demo", "by_hand").astype(object)
    if sources is not None and not sources.empty:
        first = sources.drop_duplicates("contact_id").set_index("contact_id")["format"]
        found = pd.Series(idx).map(first)
        source = np.where(found.notna(), found.astype(str), source)
    out["source"] = source
    out["connected_on"] = _days(col("connected_on", None))
    return out


def _outcomes(events: pd.DataFrame, today: date, window_days: int) -> pd.DataFrame:
    """Each reached_out event (indexed by its id, else its index label) with its label: 1 replied within the
    window, 0 not, NaN still waiting."""
    ev = events[["contact_id", "kind", "channel", "happened_on"]].copy()
    ev["day"] = _days(ev["happened_on"])
    ev["order"] = np.arange(len(ev))
    ev["event"] = events["id"].to_numpy() if "id" in events else events.index.to_numpy()
    ev["reach"] = ev["kind"] == "reached_out"
    ev = ev.sort_values(["contact_id", "day", "reach", "order"], ascending=[True, True, False, True], kind="stable")
    ev["attempt"] = ev.groupby("contact_id")["reach"].cumsum()  # an outcome belongs to the outreach before it
    ev = ev[ev["attempt"] > 0]
    reaches = ev[ev["reach"]].set_index(["contact_id", "attempt"])
    after = ev[~ev["reach"] & ev["kind"].isin(REPLIED | NO_REPLY)].join(
        reaches[["day"]].rename(columns={"day": "day_reached"}), on=["contact_id", "attempt"])
    in_window = business_days_between(after["day_reached"], after["day"]) <= window_days
    after = after[in_window]
    keys = ["contact_id", "attempt"]
    replied = after[after["kind"].isin(REPLIED)].groupby(keys).size().reindex(reaches.index).fillna(0) > 0
    answered = after.groupby(keys).size().reindex(reaches.index).fillna(0) > 0
    waited = business_days_between(reaches["day"], pd.Timestamp(today).date())
    known = answered.to_numpy() | (waited > window_days)
    out = reaches.reset_index()[["contact_id", "channel", "day", "order", "event"]]
    out["y"] = np.where(known, replied.to_numpy().astype(float), np.nan)
    return out.sort_values("order").set_index("event").drop(columns="order")


def training_set(events: pd.DataFrame, scored: pd.DataFrame, today: date, window_days: int, *,
                 target_level: str, sources: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """One row per labelled outreach (features in FEATURES) and its outcome (1: a reply within the window).

    An outreach is labelled once a reply, meeting, referral, decline or closing came within `window_days` business
    days, or once that window passed in silence. The features are the contact's as scored today (closeness,
    title, tie strength and target companies may have changed since the outreach: acceptable for a personal
    coach, and said here so nobody mistakes it for a point-in-time record); years connected and the channel are
    taken at the outreach. `sources` is contact_sources (contact_id, format); contacts without one count as
    "demo" or "by_hand".
    """
    empty = pd.DataFrame(columns=list(FEATURES)), pd.Series(dtype=float, name="replied")
    if events is None or events.empty or scored is None or scored.empty or not (events["kind"] == "reached_out").any():
        return empty
    outcomes = _outcomes(events, today, window_days)
    outcomes = outcomes[outcomes["y"].notna() & outcomes["contact_id"].isin(scored["id"])]
    if outcomes.empty:
        return empty
    reached = scored[scored["id"].isin(outcomes["contact_id"])]  # a network may hold a million people: only these
    people = contact_features(reached, target_level=target_level, sources=sources)
    X = people.loc[outcomes["contact_id"]].set_index(outcomes.index)
    years = _years(X["connected_on"], outcomes["day"])
    X["connected_unknown"] = np.isnan(years).astype(float)
    X["years_connected"] = np.nan_to_num(years, nan=0.0)
    X["channel"] = outcomes["channel"].map(_channel).to_numpy()
    X.index.name = None
    return X[list(FEATURES)], outcomes["y"].astype(int).rename("replied")


def _channel(value) -> str:
    return value.strip().lower() if isinstance(value, str) and value.strip() else "unknown"


# -- the model ----------------------------------------------------------------------------------------------

def _encoder(X: pd.DataFrame) -> Encoder:
    """One-hot for families, sources and channels (rare ones grouped), standardised numbers."""
    return Encoder.fit(X, CATEGORICAL, NUMERIC, MIN_LEVEL_ROWS)


def _fit(Z: np.ndarray, y: np.ndarray, start: Fitted | None = None) -> Fitted:
    # Plain logistic regression is fitted by minimising log loss, so its probabilities are calibrated in the large
    # (the unpenalised intercept makes the mean prediction equal the observed reply rate) and the L2 penalty only
    # pulls them toward that rate. A calibration step would refit on folds of 6-20 outreaches and fit a Platt curve
    # on even fewer: more variance, not better calibration. The cross-validated Brier score checks it. Newton steps
    # converge in a handful of iterations on a few dozen columns: the bootstrap's refits stay cheap.
    return logistic.fit(Z, y, C, start)


def _factors(X: pd.DataFrame) -> list[Factor]:
    """The factors this history can say something about: each seen on and off at least MIN_FACTOR_ROWS times."""
    candidates = [Factor("referred", "people referred to you", {"referred": 1.0}, {"referred": 0.0},
                         (("referred", "ge", 1.0),))]
    target = X["at_target_company"] > 0
    if target.any():
        motivation = float(X.loc[target, "motivation"].mean())
        candidates.append(Factor("target_company", "people at your target companies",
                                 {"at_target_company": 1.0, "motivation": motivation},
                                 {"at_target_company": 0.0, "motivation": 0.0}, (("at_target_company", "ge", 1.0),)))
    # as scoring says "you know them well" from a tie strength of 4; against 2, an acquaintance
    candidates.append(Factor("tie_strength", "people you know well", {"tie_strength": 4.0}, {"tie_strength": 2.0},
                             (("tie_strength", "ge", 4.0),)))
    low, high = X["closeness"].quantile([0.25, 0.75])  # relative to this network: the top quarter vs the bottom
    if high > low:
        candidates.append(Factor("closeness", "people closer to your target role", {"closeness": high},
                                 {"closeness": low}, (("closeness", "ge", high),)))
    known = X[X["connected_unknown"] == 0]["years_connected"]
    if len(known) >= 2 * MIN_FACTOR_ROWS and (q := known.quantile([0.25, 0.75])).iloc[1] > q.iloc[0]:
        candidates.append(Factor("years_connected", "people you have been connected with longer",
                                 {"years_connected": q.iloc[1], "connected_unknown": 0.0},
                                 {"years_connected": q.iloc[0], "connected_unknown": 0.0},
                                 (("years_connected", "ge", q.iloc[1]), ("connected_unknown", "eq", 0.0))))
    known_level = {"seniority_unknown": 0.0}
    candidates += [
        Factor("senior", "people more senior than the level you aim for", {"seniority_gap": 2.0, **known_level},
               {"seniority_gap": 0.0, **known_level}, (("seniority_gap", "ge", 1.0), ("seniority_unknown", "eq", 0))),
        Factor("junior", "people junior to the level you aim for", {"seniority_gap": -2.0, **known_level},
               {"seniority_gap": 0.0, **known_level}, (("seniority_gap", "le", -1.0), ("seniority_unknown", "eq", 0)))]
    words = {"family": lambda v: f"people in {FAMILY_LABELS.get(v, v)}",
             "source": lambda v: f"people from {SOURCE_WORDS.get(v, v)}" if v != "by_hand" else SOURCE_WORDS[v],
             "channel": lambda v: f"people you contact {CHANNEL_WORDS.get(v, v)}"}
    for feature in CATEGORICAL:
        for level in X[feature].value_counts().index:
            if level not in ("unknown", "other"):
                candidates.append(Factor(f"{feature}:{level}", words[feature](level), {feature: level}, None,
                                         ((feature, "eq", level),), for_ranking=feature != "channel"))
    factors = []
    for factor in candidates:
        on = factor.holds(X)
        if MIN_FACTOR_ROWS <= on.sum() <= len(X) - MIN_FACTOR_ROWS:
            factors.append(factor)
    return factors


Side = list[tuple[float, dict[str, np.ndarray]]]  # weighted variants: (share, feature -> encoded values)


def _sides(segment: Callable[[str, object], np.ndarray], factor: Factor, X: pd.DataFrame) -> tuple[Side, Side]:
    """The factor on and off as encoded values; off for a category is each other level, as often as it occurs."""
    def encoded(values: dict) -> dict[str, np.ndarray]:
        return {f: segment(f, v) for f, v in values.items()}
    if factor.off is not None:
        return [(1.0, encoded(factor.on))], [(1.0, encoded(factor.off))]
    feature, level = next(iter(factor.on.items()))
    others = X.loc[X[feature] != level, feature].value_counts(normalize=True)
    return [(1.0, encoded(factor.on))], [(share, encoded({feature: v})) for v, share in others.items()]


def _effects(Z: np.ndarray, coef: np.ndarray, intercept: float, plans, groups) -> np.ndarray:
    """Average reply chance over the rows with each factor set on and off (all else as it was): (factors, 2)."""
    logit = Z @ coef + intercept
    out = np.empty((len(plans), 2))
    for i, sides in enumerate(plans):
        for j, side in enumerate(sides):
            chance = 0.0
            for share, values in side:
                z = logit.copy()
                for feature, segment in values.items():
                    cols = groups[feature]
                    z += segment @ coef[cols] - Z[:, cols] @ coef[cols]
                chance += share * logistic.sigmoid(z).mean()
            out[i, j] = chance
    return out


def fit(X: pd.DataFrame, y: pd.Series, seed: int = 0, min_total: int = MIN_TOTAL, min_each: int = MIN_EACH,
        bootstrap: int = BOOTSTRAP) -> Learned:
    """Fit the reply model when there is enough history, with cross-validated quality, and factor effects computed
    when first read.

    `beats_base_rate` holds when the cross-validated ROC AUC minus its spread across folds exceeds 0.5 and the
    Brier score is below that of always predicting the training folds' reply rate.
    """
    y = pd.Series(y).astype(int).to_numpy()
    n, replied = len(y), int(y.sum())
    counts = dict(n=n, replied=replied, min_total=min_total, min_each=min_each,
                  base_rate=replied / n if n else math.nan)
    if n < min_total or min(replied, n - replied) < min_each:
        return Learned(False, _shortfall(n, replied, min_total, min_each), **counts)
    X = X[list(FEATURES)].reset_index(drop=True)
    encoder = _encoder(X)  # unsupervised (categories, means, spreads): fitting it on every row leaks no label
    Z = encoder.transform(X)
    with logistic.one_thread():
        quality = _cross_validate(Z, y, seed)
        model = _fit(Z, y)
    factors = _factors(X)

    def effects() -> pd.DataFrame:
        with logistic.one_thread():
            return _factor_effects(model, Z, y, X, encoder, factors, bootstrap, np.random.default_rng(seed))
    beats = quality["auc_mean"] - quality["auc_std"] > 0.5 and quality["brier_mean"] < quality["base_brier"]
    reason = ("better than guessing" if beats else
              "not enough signal yet: the model does not beat always guessing your average reply rate")
    channels = X["channel"].value_counts(normalize=True)
    return Learned(True, reason, **counts, **quality, beats_base_rate=beats, _effects=_OnFirstUse(effects),
                   model=Model(encoder, model, tuple(factors), channels.to_dict()))


def _cross_validate(Z: np.ndarray, y: np.ndarray, seed: int) -> dict:
    """Stratified k-fold ROC AUC and Brier score (mean, spread), and the Brier score of the training folds' rate."""
    k = max(2, min(5, int(y.sum()), int(len(y) - y.sum())))
    aucs, briers, base_briers = [], [], []
    for train, test in logistic.stratified_folds(y, k, seed):
        p = _fit(Z[train], y[train]).chances(Z[test])
        aucs.append(logistic.roc_auc(y[test], p))
        briers.append(logistic.brier(y[test], p))
        base_briers.append(logistic.brier(y[test], np.full(len(test), y[train].mean())))
    return {"folds": k, "auc_mean": float(np.mean(aucs)), "auc_std": float(np.std(aucs)),
            "brier_mean": float(np.mean(briers)), "brier_std": float(np.std(briers)),
            "base_brier": float(np.mean(base_briers))}


def _factor_effects(model: Fitted, Z, y, X, encoder: Encoder, factors, bootstrap: int, rng) -> pd.DataFrame:
    """Each factor's effect on the average reply chance (on minus off), with a bootstrap interval, largest first."""
    n = len(y)
    groups = encoder.groups()
    rows = rng.choice(n, EFFECT_ROWS, replace=False) if n > EFFECT_ROWS else np.arange(n)
    # each level of a category is the "off" side of every other level's factor: encode each once
    segment = functools.cache(encoder.segment)
    plans = [_sides(segment, f, X) for f in factors]
    point = _effects(Z[rows], model.coef, model.intercept, plans, groups)
    draws = []
    refit = model
    for _ in range(bootstrap):
        sample = rng.integers(0, n, n)
        if y[sample].min() == y[sample].max():
            continue
        refit = _fit(Z[sample], y[sample], start=refit)  # from the last fit: a few Newton steps each
        on_off = _effects(Z[rows], refit.coef, refit.intercept, plans, groups)
        draws.append(on_off[:, 0] - on_off[:, 1])
    low, high = np.percentile(np.array(draws), INTERVAL, axis=0) if draws else np.full((2, len(factors)), np.nan)
    subjects = [f.subject[0].upper() + f.subject[1:] for f in factors]
    effects = pd.DataFrame({
        "factor": [f.key for f in factors], "label": subjects,
        "sentence_more": [f"{s} reply more often to you" for s in subjects],
        "sentence_less": [f"{s} reply less often to you" for s in subjects],
        "effect": point[:, 0] - point[:, 1], "low": low, "high": high,
        "on_chance": point[:, 0], "off_chance": point[:, 1],
        "n_on": [int(f.holds(X).sum()) for f in factors]}, columns=EFFECT_COLUMNS[:-1])
    effects["clear"] = (effects["low"] > 0) | (effects["high"] < 0)
    order = effects["effect"].abs().sort_values(ascending=False, kind="stable").index
    return effects.loc[order].reset_index(drop=True)


def _shortfall(n: int, replied: int, min_total: int, min_each: int) -> str:
    if n and replied == n:
        return f"every one of your {n} labelled outreaches got a reply: nothing to compare yet"
    if n and replied == 0:
        return f"none of your {n} labelled outreaches got a reply yet: nothing to compare yet"
    return (f"{n} labelled outreach{'es' * (n != 1)} so far ({replied} answered, {n - replied} not); learning "
            f"needs at least {min_total}, with at least {min_each} answered and {min_each} not")


def learn(events: pd.DataFrame, scored: pd.DataFrame, today: date, *, target_level: str, settings: Settings,
          sources: pd.DataFrame | None = None, seed: int = 0) -> Learned:
    """training_set and fit in one call, with the user's thresholds and follow-up rules (engine.settings)."""
    X, y = training_set(events, scored, today, window_from_rules(settings.rules), target_level=target_level,
                        sources=sources)
    return fit(X, y, seed, settings.learning_min_total, settings.learning_min_each)


def nothing_learned(settings: Settings) -> Learned:
    """What the model knows before anything is scored (no target career yet): nothing, and how much it needs."""
    return fit(pd.DataFrame(columns=list(FEATURES)), pd.Series(dtype=int), 0, settings.learning_min_total,
               settings.learning_min_each)


# -- using it -----------------------------------------------------------------------------------------------

def reply_chances(scored: pd.DataFrame, learned: Learned, today: date, *, target_level: str,
                  sources: pd.DataFrame | None = None) -> pd.Series:
    """Each contact's predicted reply chance for a next outreach, over the channels the user tends to use."""
    model = learned.model
    X = _apply_features(scored, today, target_level, sources, next(iter(model.channel_mix)))
    Z = model.encoder.transform(X)
    cols = model.encoder.groups()["channel"]
    with logistic.one_thread():
        rest = Z @ model.coef + model.intercept - Z[:, cols] @ model.coef[cols]
        chance = sum(share * logistic.sigmoid(rest + model.encoder.segment("channel", level) @ model.coef[cols])
                     for level, share in model.channel_mix.items())
    return pd.Series(chance, index=scored.index, name="reply_chance")


def _apply_features(scored, today, target_level, sources, channel) -> pd.DataFrame:
    X = contact_features(scored, target_level=target_level, sources=sources)
    years = _years(X["connected_on"], pd.Timestamp(today).date())
    X["connected_unknown"] = np.isnan(years).astype(float)
    X["years_connected"] = np.nan_to_num(years, nan=0.0)
    X["channel"] = channel
    return X[list(FEATURES)].reset_index(drop=True)


def apply(scored: pd.DataFrame, learned: Learned, today: date, *, target_level: str,
          sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The scored contacts with reply chances blended into priority, while the model beats the base rate.

    Otherwise `scored` itself comes back unchanged. The blend multiplies priority by
    1 + REPLY_WEIGHT * (reply chance - base rate): a typical contact keeps its priority, one twice as likely to
    answer as average moves up. The learned factor that moves a contact most is added to its why.
    """
    if not learned.beats_base_rate or learned.model is None or scored.empty:
        return scored
    out = scored.copy()
    chance = reply_chances(scored, learned, today, target_level=target_level, sources=sources)
    out["reply_chance"] = chance.round(4)
    out["learned_factor"] = 1 + REPLY_WEIGHT * (chance - learned.base_rate)
    out["priority"] = learned_priority(out["priority"], out["learned_factor"])
    out["why"] = _learned_why(scored, learned, today, target_level, sources)
    return out


def _learned_why(scored, learned: Learned, today, target_level, sources) -> list[list[str]]:
    X = _apply_features(scored, today, target_level, sources, "unknown")
    factors = {f.key: f for f in learned.model.factors if f.for_ranking}
    said = np.full(len(scored), None, dtype=object)
    for row in learned.effects.itertuples():
        if row.factor not in factors or not row.clear or abs(row.effect) < WHY_MIN_EFFECT:
            continue
        factor = factors[row.factor]
        has = factor.holds(X) & pd.isna(said)
        said[has] = row.sentence_more if row.effect > 0 else row.sentence_less
    return [[*why, text[0].lower() + text[1:]] if text else list(why)
            for why, text in zip(scored["why"], said, strict=True)]


# -- words and chart ----------------------------------------------------------------------------------------

def _points(x: float) -> str:
    return f"{int(round(x * 100)):+d}"


# How much to trust what was learned, in one phrase, by the cross-validated ROC AUC once the model beats guessing:
# (lower bound, phrase), highest first. 0.5 is guessing, 1 would be telling every reply from every silence.
TRUST_WORDS = ((0.75, "A strong pattern"), (0.65, "A clear pattern"), (0.0, "A weak but real pattern"))


def trust_sentence(learned: Learned) -> str:
    """One sentence a job seeker reads first: how much to trust what Unstuck learned from their outcomes. The figures
    behind it (quality_words) are for whoever wants them."""
    if not learned.enough_data:
        return f"Too early to tell: {learned.reason}."
    if not learned.beats_base_rate:
        return (f"Too early to tell: your {learned.n} labelled outreaches do not yet show who answers you better "
                f"than your average rate of answers in time ({learned.base_rate:.0%}) does, so your ranking stays as "
                "it was.")
    phrase = next(words for low, words in TRUST_WORDS if learned.auc_mean >= low)
    how = {"A strong pattern": "clearly", "A clear pattern": "noticeably"}.get(phrase, "a little")
    return (f"{phrase}: from your {learned.n} labelled outreaches, Unstuck tells who is likelier to answer you "
            f"{how} better than your average rate of answers in time ({learned.base_rate:.0%}) would, and Today "
            "leans on it.")


def quality_words(learned: Learned) -> str:
    """The model's quality in plain words, or why there is no model yet."""
    if not learned.enough_data:
        return learned.reason[0].upper() + learned.reason[1:] + "."
    digits = 2 if round(learned.brier_mean, 2) != round(learned.base_brier, 2) else 3
    figures = (f"ROC AUC {learned.auc_mean:.2f} ± {learned.auc_std:.2f} over {learned.folds} folds; Brier "
               f"{learned.brier_mean:.{digits}f} vs {learned.base_brier:.{digits}f} for always guessing the average")
    if learned.beats_base_rate:
        return f"Better than guessing: {figures}."
    return (f"Not enough signal yet: {figures}. Your ranking stays as it was until your history shows a clearer "
            "pattern.")


def factor_sentences(learned: Learned, n: int = 3) -> list[str]:
    """Sentences for the n factors that move reply chances most, each with its uncertainty.

    While the model does not beat the base rate, even a factor whose interval excludes zero is only a hint: with a
    dozen factors, one or two look clear by chance. A clear change under WHY_MIN_EFFECT is called small.
    """
    out = []
    for row in learned.effects.head(n).itertuples():
        chances = f"about {row.on_chance:.0%} vs {row.off_chance:.0%}"
        interval = f"{_points(row.low)} to {_points(row.high)} points"
        said = row.sentence_more if row.effect >= 0 else row.sentence_less
        if not row.clear:
            out.append(f"{row.label}: no clear difference yet ({chances}; anywhere from {interval}, "
                       f"from {row.n_on} outreaches).")
        elif abs(row.effect) < WHY_MIN_EFFECT:
            out.append(f"{row.label}: only a small difference ({chances}, from {row.n_on} outreaches).")
        elif learned.beats_base_rate:
            out.append(f"{said}: {chances} (likely {interval}, from {row.n_on} outreaches).")
        else:
            out.append(f"A hint, not yet a pattern: {said[0].lower() + said[1:]} ({chances}, from {row.n_on} "
                       "outreaches), but the model as a whole cannot yet tell your replies from chance.")
    return out
