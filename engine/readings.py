"""How each distinct title reads, remembered across runs: every process after the first skips reading the titles.

Reading a title (engine.titles.parse_titles: level, HR, family, with a family guessed from meaning where no lexicon
phrase names one; engine.titles.canonical_role; engine.rolewords.english_role) depends on nothing but the title's
text, the lexicon files, the code that reads them and the embeddings. It is most of what ranking 30,000 contacts
costs (about 1.7 s of 15,000 distinct titles), and a user's titles hardly change between runs. So:

- `export_readings(titles)` gives the readings this process computed for the titles (one row each, COLUMNS), and
  `seed_readings(rows)` puts such rows into the per-process memos of those three functions, which then return them
  without computing.
- `fingerprint()` names everything a reading depends on; a stored reading with another fingerprint is never used.
- `remembered(store, titles)` is the glue engine.ranking.rank_contacts runs scoring in (the CLI and the app both
  rank through it): before, the store's readings are loaded and seeded; after, the readings of titles the store
  did not hold are saved; the command line has it read many new titles with a helper process first
  (engine.reading_helper). The store's side (engine.store.readings) is a cache, not the user's data. A store that
  cannot be read or written only means the titles are read again: ranking never fails for it.

The family guess is cached per title like the rest: it depends on the title alone (its field words' vector against
the lexicon's phrases), whichever batch of titles it was computed in; a check over 15,681 titles found every guess
made in one batch equal to the guess made for the title alone.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import pandas as pd

from engine import embeddings, families
from engine.rolewords import english_role
from engine.titles import READINGS_LIMIT, TitleInfo, canonical_role, guess_setting, remember_read, remembered_readings

COLUMNS = ("title", "english_role", "canonical_role", "seniority", "is_hr", "family", "family_strength", "evidence")
DATA = Path(__file__).resolve().parents[1] / "data"
# what the readers load: every lexicon file of titles and role words (a file added later is covered by its name)
DATA_FILES = ("titles*.json", "role_*.json")
# the code that computes a reading: the readers, the family guesses, the embeddings, text folding, the memos
MODULES = ("engine.titles", "engine.rolewords", "engine.families", "engine.embeddings", "engine.text", "engine.memo")

SHARE_FROM = 2_000  # titles left to read: fewer take under 0.15 s here, about what starting a helper costs

log = logging.getLogger(__name__)


class ReadingsStore(Protocol):
    """Where readings are remembered (engine.store.Store)."""

    def title_readings(self, fingerprint: str) -> pd.DataFrame: ...

    def save_title_readings(self, fingerprint: str, rows: pd.DataFrame) -> int: ...


def fingerprint() -> str:
    """A digest of everything a reading depends on: the bytes of the lexicon files and of the modules that read them,
    the embeddings in use, the Unicode tables folding relies on, and the guess setting in force (which only a test
    or a bench changes)."""
    return hashlib.blake2b(f"{_files_fingerprint()}\0{guess_setting()!r}".encode(), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def _files_fingerprint() -> str:
    """The part of the fingerprint that cannot change while the process runs: computed once (a few milliseconds)."""
    digest = hashlib.blake2b(digest_size=16)
    files = sorted({p for pattern in DATA_FILES for p in DATA.glob(pattern)})
    files += [Path(importlib.util.find_spec(name).origin) for name in MODULES]
    for path in files:
        digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    digest.update(f"{embeddings.model_id()}\0unicode {unicodedata.unidata_version}".encode())
    return digest.hexdigest()


def _known(title: str, readings: dict[str, TitleInfo]) -> bool:
    return title in readings and title in english_role.memo and title in canonical_role.memo


def export_readings(titles: Iterable) -> pd.DataFrame:
    """The readings this process computed (or was given) for the titles, one row per distinct title (COLUMNS);
    titles not read yet, blank or not text are left out."""
    rows, readings = [], remembered_readings()
    for title in dict.fromkeys(titles):
        if isinstance(title, str) and title.strip() and _known(title, readings):
            info = readings[title]
            rows.append((title, english_role.memo[title], canonical_role.memo[title], info.seniority, info.is_hr,
                         info.family, info.family_strength, list(info.evidence)))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def seed_readings(rows: pd.DataFrame) -> int:
    """Put rows of export_readings (from this process or an earlier one) into the memos of parse_titles,
    english_role and canonical_role, which return them from then on without computing. Returns how many."""
    readings = remembered_readings()
    for title, english, canonical, seniority, is_hr, family, strength, evidence in zip(
            *(rows[c].tolist() for c in COLUMNS), strict=True):
        readings[title] = TitleInfo(seniority, bool(is_hr), family, tuple(evidence), int(strength))
        english_role.memo[title] = english
        canonical_role.memo[title] = canonical
    return len(rows)


def read_shared(titles: list[str]) -> None:
    """Read the titles into this process's memos (as parse_titles, canonical_role and english_role would), sharing
    the work with a helper process (engine.reading_helper)."""
    from engine.reading_helper import TitleHelper

    with TitleHelper() as helper:
        families.prepare()  # needed for the guesses below: loaded while the helper starts, not after the reading
        read = helper.read(titles)
    remember_read(titles, [info for info, _, _ in read])
    for title, (_, canonical, english) in zip(titles, read, strict=True):
        canonical_role.memo[title] = canonical
        english_role.memo[title] = english


def forget_process_readings() -> None:
    """Empty this process's memos of readings, as a new process starts (tests and benches)."""
    remembered_readings().clear()
    english_role.cache_clear()
    canonical_role.cache_clear()


def _unread(titles: pd.Series) -> list[str]:
    """The distinct titles whose readings this process does not have yet."""
    readings = remembered_readings()
    return [t for t in pd.unique(titles.dropna()) if isinstance(t, str) and t.strip() and not _known(t, readings)]


@contextmanager
def remembered(store: ReadingsStore | None, titles: pd.Series, share: bool = False) -> Iterator[None]:
    """Run the reading of `titles` (scoring) inside: the store's readings are seeded before, and the readings of the
    titles it lacked are saved after (only when there are any; not when scoring fails). Without a store, or when
    the store cannot be read or written, the titles are simply read: a warning, never an error.

    `share`: where at least SHARE_FROM titles are left to read, read them first with a helper process beside this
    one (engine.reading_helper: the same readings, on two cores). The command line shares; the app does not start
    processes."""
    unread = _unread(titles) if store is not None or share else []
    if len(unread) > READINGS_LIMIT:  # more than the memos keep: remembering them would only churn
        unread = []
    stored: set[str] = set()
    if unread and store is not None:
        try:
            rows = store.title_readings(fingerprint())
            seed_readings(rows)
            stored = set(rows["title"].tolist())
        except Exception as e:  # a cache: any failure only means reading the titles again
            log.warning("title readings not loaded from the store (%s): reading the titles again", e)
    left = [t for t in unread if t not in stored]
    if share and len(left) >= SHARE_FROM:
        read_shared(left)
    yield
    if left and store is not None:
        try:
            store.save_title_readings(fingerprint(), export_readings(left))
        except Exception as e:  # as above: the ranking stands without the cache
            log.warning("title readings not saved to the store (%s)", e)
