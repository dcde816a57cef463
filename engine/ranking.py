"""Whom to approach next, ranked the one way the app and the CLI share: score every contact with their outreach
history, learn from the user's own outcomes, and lean the priorities on what was learned while it beats guessing;
then apply the user's ratings (engine.ratings): score -> learn -> apply.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

import pandas as pd

from engine.learning import Learned, apply, learn
from engine.profile import Profile
from engine.ratings import RatingModel, apply_ratings, fit_ratings
from engine.readings import ReadingsStore, remembered
from engine.scoring import score_with_history
from engine.settings import Settings


class Ranking:
    """Every contact ranked for the user's target career, with the user's own rules: score, learn, apply.

    The scores are ready at once; what the outcomes teach is learned when first asked for, so a view that needs only
    closeness and flags (Progress) does not wait for the reply model. Treat the frames as read-only: the app keeps
    one Ranking per version of the store and hands the same one to every page.
    """

    def __init__(self, scored: pd.DataFrame, events: pd.DataFrame, profile: Profile, settings: Settings, today: date,
                 sources: pd.DataFrame, ratings: pd.DataFrame | None = None):
        self.scored = scored  # closeness, flags and priority from the rules and the outreach history
        self._learning = (events, profile.target_level, settings, today, sources)
        self._rating = (ratings, profile.target_level, profile.level_top)

    @cached_property
    def learned(self) -> Learned:
        """What the user's own outcomes teach, and how sure that is."""
        events, target_level, settings, today, sources = self._learning
        return learn(events, self.scored, today, target_level=target_level, settings=settings, sources=sources)

    @cached_property
    def _replies_applied(self) -> pd.DataFrame:
        _, target_level, _, today, sources = self._learning
        return apply(self.scored, self.learned, today, target_level=target_level, sources=sources)

    @cached_property
    def rated(self) -> RatingModel:
        """What the user's ratings teach (engine.ratings), measured against the list without them."""
        ratings, target_level, level_top = self._rating
        return fit_ratings(self._replies_applied, ratings, target_level=target_level, level_top=level_top)

    @cached_property
    def ranked(self) -> pd.DataFrame:
        """`scored` with the learned reply chances blended into priority (while they help), then the user's ratings
        applied (engine.ratings): `scored` itself while neither changes anything."""
        return apply_ratings(self._replies_applied, self.rated, self._rating[0])

    @property
    def learning_pending(self) -> bool:
        """Whether asking for `ranked` still has the reply model to fit (a moment with a long history)."""
        return "ranked" not in self.__dict__


def rank_contacts(contacts: pd.DataFrame, events: pd.DataFrame, profile: Profile, settings: Settings, today: date, *,
                  dismissed: set[tuple[int, str]], snoozed: set[int], sources: pd.DataFrame,
                  ratings: pd.DataFrame | None = None, industry_overrides: dict[str, str] | None = None,
                  readings: ReadingsStore | None = None, states: pd.DataFrame | None = None,
                  share_reading: bool = False) -> Ranking:
    """Score every contact with its history (engine.scoring), then learn and apply (engine.learning) on demand.

    `dismissed` holds the (contact id, flag code) pairs the user waved off, `snoozed` the ids put aside until later,
    `sources` which kind of file each contact came from (Store.source_formats()), `ratings` the user's thumbs-up
    (Store.ratings(): contact_id, rating), `industry_overrides` the industry the user said companies are in
    (Store.company_industries()), `readings` where how each title reads is remembered across runs (the Store:
    engine.readings; the ranking is the same without it, only slower the first time in a process), `states`
    engine.outreach.contact_states of these events, today and rules, when the caller has it already,
    `share_reading` whether many titles never read before are read with a helper process beside this one
    (engine.readings.remembered; the command line's choice).
    """
    titles = contacts["title"] if "title" in contacts else pd.Series(dtype=object)
    with remembered(readings, titles, share=share_reading):
        scored = score_with_history(contacts, events, profile, today, settings.rules, dismissed, snoozed,
                                    industry_overrides, states)
    return Ranking(scored, events, profile, settings, today, sources, ratings)


WARM_UP_PEOPLE = 10  # ranking a few people loads what ranking anyone loads; more would only add work


def warm_up(today: date) -> None:
    """Load, once in this process, what every ranking needs whatever the user's data: the title lexicons, the title
    vectors' tokenizer, the job families' prototypes, the learning code. It ranks a few people of the invented demo
    network (engine.demo), so whatever a ranking loads on first use is loaded here too, with no list to keep, and
    sets up the one-thread linear algebra the reply model fits with (a few people give it nothing to fit).
    The app's launcher (serve.py) calls it once the server is up, so the user's first page does not wait for it."""
    from engine.demo import demo_dataset, demo_profile
    from engine.logistic import one_thread
    from engine.settings import STANDARD

    demo = demo_dataset(today)
    contacts = demo["contacts"].head(WARM_UP_PEOPLE)
    events = demo["events"][demo["events"]["contact_id"].isin(contacts["id"])]
    sources = pd.DataFrame({"contact_id": pd.Series(dtype="int64"), "format": pd.Series(dtype=object)})
    ranking = rank_contacts(contacts, events, demo_profile(), STANDARD, today, dismissed=set(), snoozed=set(),
                            sources=sources)
    ranking.ranked  # noqa: B018  (asking for it runs the learning step)
    with one_thread():
        pass

