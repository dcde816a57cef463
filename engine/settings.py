"""The user's settings, read once into one typed object: the follow-up rhythm, the long road's horizon, and how much
history the reply model waits for. The table below holds each setting's standard value and the range it may take.

Pages and the CLI read the store's settings once (read_settings) and hand the result down to every engine call that
depends on them, so no engine function quietly falls back to a standard value the user may have changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from engine.outreach import FollowUpRules

# setting -> (standard value, lowest, highest). The store keeps only what the user changed, as text.
SETTINGS: dict[str, tuple[int, int, int]] = {
    "try_colleague_after": (3, 1, 60),     # business days without reply: try the next person at the same company
    "follow_up_after": (7, 1, 60),         # business days without reply: one polite follow-up
    "close_after_follow_up": (7, 1, 60),   # business days after the follow-up: close and move on
    "drafting_nudge_after": (2, 1, 60),    # calendar days a draft may sit before "send it now"
    "horizon": (80, 1, 10_000),            # people on the long road: practitioners' estimate before an offer
    "learning_min_total": (30, 4, 10_000),  # labelled outreaches before the reply model learns
    "learning_min_each": (5, 2, 10_000),   # ...with at least this many answered, and as many not
}
RULES = tuple(f.name for f in fields(FollowUpRules))


@dataclass(frozen=True)
class Settings:
    rules: FollowUpRules       # when to try a colleague, follow up, close, and nudge a draft
    horizon: int               # people on the long road (Progress)
    learning_min_total: int    # the reply model's thresholds (What works, and the ranking's learned step)
    learning_min_each: int


def read_settings(stored: Mapping[str, object]) -> Settings:
    """The user's settings from the store's key/value pairs (Store.settings()): each one set to a whole number in
    its range counts, any other takes its standard value. read_settings({}) is what a new store starts with."""
    def value(key: str) -> int:
        standard, low, high = SETTINGS[key]
        raw = str(stored.get(key, "")).strip()
        return int(raw) if raw.isdigit() and low <= int(raw) <= high else standard

    return Settings(rules=FollowUpRules(**{name: value(name) for name in RULES}), horizon=value("horizon"),
                    learning_min_total=value("learning_min_total"), learning_min_each=value("learning_min_each"))


STANDARD = read_settings({})  # a new store's settings, for tests, benches and the CLI's help texts
