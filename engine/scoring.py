"""Scoring: how close each contact is to the target career, which ones to avoid for now, and whom to approach next.

Everything here is a pure function of the contacts, the profile and the outreach states; the weights and flag
rules are the tables below, so a reader can check them at a glance and a test can pin them row by row.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import NamedTuple

import numpy as np
import pandas as pd

from engine import embeddings, families
from engine.coaching import responsiveness
from engine.industries import company_industry_hits
from engine.merge import normalise_companies
from engine.outreach import FollowUpRules, contact_states
from engine.profile import Profile
from engine.rolewords import english_role, generic_heads, head_and_field
from engine.text import fold
from engine.textsim import tfidf_similarity
from engine.titles import (
    FAMILY_LABELS,
    SENIORITY_RANK,
    canonical_role,
    family_terms,
    level_gap,
    parse_title,
    parse_titles,
)
from engine.words import FLAG_LABELS as _FLAG_WORDS

# How a contact's job family relates to the target's, beyond sharing words (symmetric; same family = 1).
FAMILY_AFFINITY = {
    frozenset({"data", "research"}): 0.6, frozenset({"data", "software_engineering"}): 0.5,
    frozenset({"data", "product"}): 0.35, frozenset({"data", "finance"}): 0.3,
    frozenset({"product", "design"}): 0.5, frozenset({"product", "software_engineering"}): 0.4,
    frozenset({"marketing", "sales"}): 0.5, frozenset({"marketing", "product"}): 0.3,
    frozenset({"finance", "consulting"}): 0.4, frozenset({"operations", "consulting"}): 0.4,
    frozenset({"hr", "operations"}): 0.3, frozenset({"healthcare", "research"}): 0.4,
    frozenset({"education", "research"}): 0.3, frozenset({"legal", "finance"}): 0.2,
    frozenset({"design", "marketing"}): 0.3,
    frozenset({"trades", "engineering"}): 0.5, frozenset({"logistics", "operations"}): 0.5,
    frozenset({"engineering", "software_engineering"}): 0.3, frozenset({"engineering", "research"}): 0.3,
    frozenset({"media", "design"}): 0.5, frozenset({"media", "marketing"}): 0.4,
    frozenset({"social_services", "healthcare"}): 0.4, frozenset({"social_services", "education"}): 0.3,
    frozenset({"nonprofit", "marketing"}): 0.3, frozenset({"nonprofit", "social_services"}): 0.4,
    frozenset({"public_sector", "legal"}): 0.3, frozenset({"public_sector", "social_services"}): 0.3,
    frozenset({"public_sector", "consulting"}): 0.3, frozenset({"hospitality", "operations"}): 0.2,
    frozenset({"logistics", "trades"}): 0.2, frozenset({"finance", "public_sector"}): 0.2,
    # back-office and financial sales work, and compliance and administration, sit next to each other (2 Dec 2026:
    # O*NET dev half related over unrelated 0.800 -> 0.807, ranking_v2-v5 unchanged)
    frozenset({"finance", "operations"}): 0.3, frozenset({"finance", "sales"}): 0.3,
    frozenset({"legal", "operations"}): 0.2,
}
FAMILY_CONFIDENCE = {2: 1.0, 1: 0.7, 0: 0.35, -1: 0.5}  # by the strength of the cue that named the family
# The target's own family counts by how sure it is too: a target no lexicon phrase names has a family guessed from
# meaning (engine.families), and a wrong guess ("Collections Curator" read as debt collection, finance) would lift
# every contact of that family. A guessed target family counts TARGET_GUESS_CONFIDENCE; a named one counts as a
# contact's would (FAMILY_CONFIDENCE): fully when a strong phrase names it, less when a weak cue or a generic word
# does ("Mastering Engineer" is read as software engineering from "engineer" alone, and would lift every developer
# above its own sound engineers' other titles). 2 Dec 2026, O*NET dev half, own occupation over another major group
# over every anchor: 0.8881 -> 0.8897 (seeds 0-6: each up 0.001-0.002); ranking_v4 dev closeness 0.951 -> 0.956,
# ranking_v3 and v5 held-out up by 0.002 on one target each, ranking_v2 dev unchanged.
TARGET_GUESS_CONFIDENCE = 0.5
ROLE_WEIGHTS = {"title": 0.45, "expanded": 0.25, "family": 0.3}
# When the target's head is a generic role word ("Claims Handler": head "handler", field "claims"; engine.rolewords),
# its field words carry the title match: a contact's title similarity is gated by how related its field words are to
# the target's (a Dog Handler shares only the head: a homonym), and a contact in the same field with another head
# ("Claims Supervisor") gets at least FIELD_CARRY × that relatedness. Relatedness is the better of the field words'
# TF-IDF and their meaning (embedding cosine / FIELD_MEANING_SCALE, capped at 1).
FIELD_GATE = 0.4
FIELD_CARRY = 0.3
FIELD_MEANING_SCALE = 0.5
# The other way round, when the target's head is a specific role word ("collections curator", "freight forwarder"):
# a contact in another role ("Collections Agent", "Freight Train Driver": the target's field words, another head) has
# its title similarity gated by how related its role is to the target's head (head_aware_similarity).
# HEAD_GATE 0.4 chosen on ranking_v2 + v3 + v4 + v5 together with the O*NET dev half (0.6, 0.4, 0.25 tried).
HEAD_GATE = 0.4
# A target of one word ("Sommelier") has no field words to tell a homonym by: a contact adding words of another,
# unrelated job family ("Data Sommelier") keeps OTHER_FIELD_GATE of its title similarity (one_word_similarity; the
# same value as HEAD_GATE, not tuned apart: 0.4 and 0.2 measured alike on ranking_v2-v5).
OTHER_FIELD_GATE = 0.4
MEANING_WEIGHT = 0.4   # share of role similarity from what the titles mean (engine.embeddings), the rest as above
# (0.3 -> 0.4 and MEANING_LOW 0.05 -> 0.15 on 2 Dec 2026: chosen on ranking_v2-v5 together and the O*NET dev half)
MEANING_LIFTS_ONLY = False  # measured on tests/data/ranking_v2/dev: blending beats lifting only (bench/eval_ranking.py)
MEANING_FLOOR = 0.35   # embedding cosines below this say little (unrelated titles sit around 0.1-0.3)...
MEANING_LOW = 0.15     # ...yet still order titles: below the floor, meaning rises from 0 to this at the floor
# Below the floor, half of meaning is kinship instead (KINSHIP_SHARE): how alike the two titles' leanings toward every
# job family are (engine.families.kinship: cosines with the families' centroids, the target's pulled toward the family
# a lexicon names for it). Two roles whose words and vectors share little may still sit in the same corner of work
# ("Orthodontist" and "Dental Hygienist"); above the floor the cosine alone speaks. 2 Dec 2026, O*NET dev half: own
# occupation 0.896 -> 0.903, related 0.807 -> 0.827; ranking_v2-v5 unchanged (blending kinship into all of meaning
# lifted O*NET as much but cost ranking_v2 held-out priority 0.988 -> 0.933).
KINSHIP_SHARE = 0.5
CLOSENESS_WEIGHTS = {"role": 0.7, "company": 0.15, "industry": 0.1, "keyword": 0.05}
ROLE_GATE = 0.3             # share of the company/industry/keyword weight that counts whatever the role
# a target company counts in closeness already: its pull in priority weighs 0.1 (was 0.15, closeness 0.55), so it
# orders people of similar closeness rather than lifting a related role there above the same role elsewhere
PRIORITY_WEIGHTS = {"closeness": 0.6, "warmth": 0.2, "company_pull": 0.1, "seniority_fit": 0.1}
# Warmth, company pull and seniority fit (everything but closeness) count fully for people close to the target and
# less for others: times BOOST_GATE + (1 - BOOST_GATE) × closeness. So they order people of similar closeness (a
# warm contact still beats a cold one well closer) without lifting someone far from the target above someone
# clearly closer. Measured on tests/data/ranking_v2 (bench/eval_ranking.py), with FLAG_PENALTY 0.7 and
# UNKNOWN_LEVEL_FIT 0.8 and the weights above: priority NDCG@10 dev 0.904 -> 0.917, held-out 0.815 -> 0.873. A lower
# gate (0.3) measured about the same but leaves far contacts so little priority that the user's ratings (a factor on
# it) can no longer lift them past closer ones (tests/engine/test_ratings.py).
BOOST_GATE = 0.6
UNKNOWN_LEVEL_FIT = 0.8     # seniority fit of a title that names no level: most are practitioners, near-peers
SAME_ROLE = 0.6             # title similarity from which the contact does "the same role as your target"
FLAG_PENALTY = 0.7          # a flagged contact keeps 70% of its priority: ranked down, not out...
FLAG_MARGIN = 0.05          # ...and stays below every unflagged contact whose closeness is at most this much lower
ABOVE_STEPS = 2             # "above your target level" from this many levels up (one level up is a near-peer)
ADJACENT = 0.85            # an adjacent role the user would also talk to counts this much of a target title
NEAR_FIELD = 0.45           # role similarity from which a contact counts as "in or near the target field"
BOSS_LEVELS = {"lead", "manager", "director", "vp"}
# points added to a priority (0..100) by where the contact stands in the outreach
STATE_BONUS = {"follow_up_due": 12.0, "drafting": 5.0, "colleague_silent": 8.0, "quick_colleague": 4.0}
ELIGIBLE = {"to_approach", "drafting"}  # plus contacts whose follow-up is due
FORMER_COLLEAGUE_WARMTH = 0.6  # worked where the user worked (engine.archive.former_colleagues): a warm contact


LEVEL_WORDS = {"intern": "intern", "entry": "entry", "mid": "mid", "senior": "senior", "lead": "a lead",
               "manager": "a manager", "director": "director-level", "vp": "VP-level", "c_level": "C-level",
               "founder_owner": "a founder or owner", "unknown": "unknown"}


@dataclass(frozen=True)
class Flag:
    code: str
    reason: str
    dismissed: bool = False


def _phrase_pattern(phrase: str) -> str:
    """Regex for a phrase's words, tolerant of word endings: 'Healthcare' also finds 'Health', 'Fintech' 'Fintechs'."""
    words = re.findall(r"\w+", fold(phrase))
    def word(w: str) -> str:
        if len(w) < 4:
            return re.escape(w)
        if len(w) < 6:
            return re.escape(w) + r"\w*"
        return "(?:" + re.escape(w) + r"\w*|" + "|".join(re.escape(w[:n]) for n in range(len(w) - 1, 4, -1)) + ")"
    return r"\W+".join(word(w) for w in words)


def _contains_any(texts: pd.Series, phrases) -> pd.Series:
    """For each text, the first phrase it mentions as whole words (case- and accent-insensitive), else None."""
    phrases = [p for p in phrases if re.search(r"\w", p)]
    if not phrases:
        return pd.Series([None] * len(texts), index=texts.index, dtype=object)
    pattern = re.compile("|".join(rf"\b(?P<p{i}>{_phrase_pattern(p)})\b" for i, p in enumerate(phrases)))
    codes, distinct = pd.factorize(texts.fillna("").astype(str))  # networks repeat titles and companies a lot
    hits = [(m := pattern.search(fold(text))) and phrases[int(m.lastgroup[1:])] for text in distinct]
    return pd.Series(np.array([h or None for h in hits] + [None], dtype=object)[codes], index=texts.index)


def _joined(tags) -> str:
    return " ".join(tags) if isinstance(tags, list | tuple | np.ndarray) else ""


def _tag_texts(tags: pd.Series) -> pd.Series:
    """Each contact's tags as one text, "" without any; only contacts that have tags are joined."""
    values = tags.to_numpy(dtype=object)
    try:
        sizes = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    except TypeError:  # a missing value among them: the plain way
        return tags.map(_joined)
    texts = np.full(len(values), "", dtype=object)
    tagged = np.flatnonzero(sizes)
    texts[tagged] = [_joined(values[i]) for i in tagged.tolist()]
    return pd.Series(texts, index=tags.index, dtype=object)


def _mentions(parts: list[pd.Series], phrases) -> pd.Series:
    """_contains_any over the parts joined by spaces (missing parts as ""), reading each distinct joined text once.

    A phrase's first word lies inside one part, so rows none of whose parts holds any phrase's first word need no
    search; the rest are searched as joined texts, as _contains_any would.
    """
    index = parts[0].index
    phrases = [p for p in phrases if re.search(r"\w", p)]
    firsts = [re.findall(r"\w+", fold(p)) for p in phrases]
    if not phrases or not all(firsts):
        return _contains_any(_join_parts(parts), phrases)
    first_word = re.compile("|".join(rf"\b{_phrase_pattern(words[0])}" for words in firsts))
    may = np.zeros(len(index), dtype=bool)
    for part in parts:
        part_codes, values = pd.factorize(part)  # missing values are -1: the False appended below
        may |= np.array([bool(first_word.search(fold(str(v)))) for v in values] + [False], dtype=bool)[part_codes]
    found = pd.Series([None] * len(index), index=index, dtype=object)
    if may.any():
        rows = np.flatnonzero(may)
        found.iloc[rows] = _contains_any(_join_parts([p.iloc[rows] for p in parts]), phrases).to_numpy()
    return found


def _join_parts(parts: list[pd.Series]) -> pd.Series:
    text = parts[0].fillna("").astype(str)
    for part in parts[1:]:
        text = text + " " + part.fillna("").astype(str)
    return text


def company_keys(companies: pd.Series) -> pd.Series:
    """Normalised company names ("" when unknown), computed once per distinct name."""
    return pd.Series([k or "" for k in normalise_companies(companies.tolist())], index=companies.index, dtype=object)


def _tfidf_similarity(texts: pd.Series, target: str, suffixes: pd.Series | None = None) -> np.ndarray:
    """Cosine similarity of each text to the target: mean of word (1-2 gram) and character (3-5 gram) TF-IDF; with
    `suffixes`, of each `text + " " + suffix`, one doc per distinct such string (blank ones all one empty doc).
    Both calls pass tfidf_similarity the same distinct texts (twice those read in two families), so it counts their
    n-grams once for both."""
    if suffixes is None:
        codes, unique = pd.factorize(texts)
        return tfidf_similarity(list(unique), target)[codes]
    joined = texts + " " + suffixes
    codes, _ = pd.factorize(joined.where(joined.str.strip() != "", ""))
    first = np.unique(codes, return_index=True)[1]
    return tfidf_similarity(texts.iloc[first].tolist(), target, suffixes.iloc[first].tolist())[codes]


def role_similarity(titles: pd.Series, families: pd.Series, target_role: str, keywords=(),
                    strengths: pd.Series | None = None, meaning: np.ndarray | None = None,
                    ) -> tuple[np.ndarray, np.ndarray]:
    """(role, title) similarity of each contact's title to the target role, each 0..1.

    `title` compares the words alone; `role` blends it with the titles expanded by their job family's words
    (so "Machine Learning Engineer" meets "Data Scientist") and with how related the two families are, then
    (MEANING_WEIGHT) with how close the titles are in meaning (engine.embeddings), which reaches role words no
    lexicon lists. `meaning` may pass meaning_similarity of these titles when the caller computed it already.
    """
    target = parse_title(target_role)
    roles = titles.fillna("").astype(str).map(english_role)
    has_title = (roles.str.strip() != "").to_numpy()
    target_words = english_role(target_role) or target_role
    title_sim = title_match(roles, target_words, _tfidf_similarity(roles, target_words))
    expanded_sim = _tfidf_similarity(roles, f"{target_words} {family_terms(target.family)} {' '.join(keywords)}",
                                     suffixes=families.map(family_terms).where(has_title, ""))
    affinity = families.map(lambda f: family_relatedness(f, target.family)).to_numpy()
    if strengths is not None:  # a family read from a generic word ("Sound Engineer") counts for less
        affinity = affinity * strengths.map(FAMILY_CONFIDENCE).fillna(FAMILY_CONFIDENCE[-1]).to_numpy()
    affinity = affinity * target_family_confidence(target.family_strength)
    role = np.clip(ROLE_WEIGHTS["title"] * title_sim + ROLE_WEIGHTS["expanded"] * expanded_sim
                   + ROLE_WEIGHTS["family"] * affinity, 0, 1)
    if MEANING_WEIGHT and embeddings.available():
        if meaning is None:  # `meaning`: meaning_similarity of these titles, when the caller has it already
            meaning = meaning_similarity(roles, target_words)
        if MEANING_LIFTS_ONLY:  # what the titles mean can lift a role the lexicons missed, never lower one they know
            role = role + MEANING_WEIGHT * np.maximum(meaning - role, 0)
        else:
            role = (1 - MEANING_WEIGHT) * role + MEANING_WEIGHT * meaning
    return role * has_title, title_sim * has_title


def family_relatedness(family: str, target_family: str) -> float:
    """How related a contact's job family is to the target's: 1 for the same (but "other"), else FAMILY_AFFINITY."""
    if family == target_family and family != "other":
        return 1.0
    return FAMILY_AFFINITY.get(frozenset({family, target_family}), 0.0)


def target_family_confidence(strength: int) -> float:
    """How much the family match counts for a target whose family was read with this strength (see
    TARGET_GUESS_CONFIDENCE): as a contact's family counts (FAMILY_CONFIDENCE) when a lexicon cue named it,
    TARGET_GUESS_CONFIDENCE when it is a guess."""
    return TARGET_GUESS_CONFIDENCE if strength < 0 else FAMILY_CONFIDENCE[strength]


def field_relatedness(fields: pd.Series, target_field: str) -> np.ndarray:
    """How related each contact's field words are to the target's, 0..1: the better of their TF-IDF similarity and
    their meaning (embedding cosine / FIELD_MEANING_SCALE, capped at 1); each distinct field compared once."""
    codes, unique = pd.factorize(fields)
    related = tfidf_similarity(list(unique), target_field)
    if embeddings.available():
        related = np.maximum(related, embeddings.similarity(list(unique), target_field) / FIELD_MEANING_SCALE)
    return np.clip(related, 0, 1)[codes]


def title_match(roles: pd.Series, target_words: str, title_sim: np.ndarray) -> np.ndarray:
    """Title similarity (TF-IDF of the English role words) checked against the target's head and field words
    (engine.rolewords.head_and_field): a generic head ("claims handler") is matched by its field
    (field_aware_similarity), a specific head ("collections curator") by that head (head_aware_similarity, the last
    word standing for a head no list names), a target of one word by its family (one_word_similarity). A target whose
    words are all head ("curator") keeps title_sim."""
    head, field = head_and_field(target_words)
    if not field or not len(roles):
        return title_sim
    if set(head.split()) & generic_heads():
        return field_aware_similarity(roles, field, title_sim)
    words = target_words.split()
    if len(words) == 1:
        return one_word_similarity(roles, target_words, title_sim)
    return head_aware_similarity(roles, head or words[-1], title_sim)


def field_aware_similarity(roles: pd.Series, field: str, title_sim: np.ndarray) -> np.ndarray:
    """Title similarity for a target with a generic head, matched by its `field` words: a contact with field words of
    its own keeps title_sim × (FIELD_GATE + (1 - FIELD_GATE) × relatedness), at least FIELD_CARRY × relatedness (see
    FIELD_GATE); contacts without field words ("Handler") keep title_sim."""
    codes, unique = pd.factorize(roles)
    fields = pd.Series([head_and_field(r)[1] for r in unique], dtype=object)
    has_field = (fields != "").to_numpy()
    related = np.zeros(len(unique))
    if has_field.any():
        related[has_field] = field_relatedness(fields[has_field], field)
    gated = np.maximum(FIELD_GATE + (1 - FIELD_GATE) * related, 0) * title_sim[_first_rows(codes, len(unique))]
    gated = np.maximum(gated, FIELD_CARRY * related)
    return np.where(has_field[codes], gated[codes], title_sim)


def head_aware_similarity(roles: pd.Series, head: str, title_sim: np.ndarray) -> np.ndarray:
    """Title similarity for a target with a specific `head` ("curator" of "collections curator", "forwarder"): a
    contact whose own head is another listed role word and whose role never names the target's head ("Collections
    Agent", "Freight Train Driver": the target's field words in another role) keeps title_sim × (HEAD_GATE + (1 -
    HEAD_GATE) × how related its role is to the target's head (as field_relatedness))."""
    if HEAD_GATE >= 1:
        return title_sim
    codes, unique = pd.factorize(roles)
    shares = np.flatnonzero(title_sim[_first_rows(codes, len(unique))] > 0)  # a gate changes nothing at 0
    stem = head[: max(len(head) - 3, 4)]
    other = shares[[bool(h := head_and_field(unique[i])[0]) and h != head and stem not in unique[i]
                    for i in shares.tolist()]] if len(shares) else shares
    if not len(other):
        return title_sim
    gate = np.ones(len(unique))
    gate[other] = HEAD_GATE + (1 - HEAD_GATE) * field_relatedness(pd.Series(unique[other], dtype=object), head)
    return title_sim * gate[codes]


def one_word_similarity(roles: pd.Series, target_word: str, title_sim: np.ndarray) -> np.ndarray:
    """Title similarity for a target of one word ("sommelier"): a contact who adds words naming another job family
    ("Data Sommelier": data) unrelated to the target's keeps title_sim × OTHER_FIELD_GATE; added words of no named
    family ("Beer Sommelier", "Sommelier AIS") or of a related one keep title_sim."""
    if OTHER_FIELD_GATE >= 1:
        return title_sim
    codes, unique = pd.factorize(roles)
    shares = np.flatnonzero(title_sim[_first_rows(codes, len(unique))] > 0)
    target_family = parse_title(target_word).family
    gate = np.ones(len(unique))
    for i in shares.tolist():
        extra = [w for w in unique[i].split() if w != target_word]
        if not extra or len(extra) == len(unique[i].split()):
            continue
        info = parse_title(" ".join(extra))
        if (info.family_strength >= 1 and info.family != "other"
                and family_relatedness(info.family, target_family) < 0.3):
            gate[i] = OTHER_FIELD_GATE
    return title_sim * gate[codes]


def _first_rows(codes: np.ndarray, n: int) -> np.ndarray:
    """For each of n codes, the first row holding it."""
    first = np.full(n, len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    return first


def meaning_similarity(roles: pd.Series, target_words: str) -> np.ndarray:
    """How close each (canonical) role is to the target's in meaning, 0..1: embedding cosines from MEANING_FLOOR
    up stretched to MEANING_LOW..1, below it squeezed into 0..MEANING_LOW (they still tell a nearer unrelated role
    from a farther one), there blended with kinship (KINSHIP_SHARE); one vector per distinct role, cached across
    runs (engine.embeddings)."""
    codes, unique = pd.factorize(roles)
    texts = list(unique)
    vectors = embeddings.vectors(texts)  # read once, for the cosines and for kinship
    cosine = embeddings.similarity(texts, target_words, vectors)
    above = MEANING_LOW + (1 - MEANING_LOW) * np.clip((cosine - MEANING_FLOOR) / (1 - MEANING_FLOOR), 0, 1)
    below = MEANING_LOW * np.clip(cosine / MEANING_FLOOR, 0, 1)
    if KINSHIP_SHARE:  # below the floor, part is kinship: how alike the titles lean toward the job families
        aim = parse_title(target_words)
        kin = families.kinship(texts, target_words, aim.family if aim.family_strength >= 0 else None, vectors)
        below = (1 - KINSHIP_SHARE) * below + KINSHIP_SHARE * MEANING_LOW * kin
    return np.where(cosine >= MEANING_FLOOR, above, below)[codes]


def _rules_key() -> tuple:
    """What _title_columns' results depend on besides the titles and the target (tests and benches vary them)."""
    return (MEANING_WEIGHT, MEANING_FLOOR, MEANING_LOW, MEANING_LIFTS_ONLY, tuple(ROLE_WEIGHTS.items()),
            KINSHIP_SHARE, families.TARGET_FAMILY_PULL, embeddings.available(), families.GUESS_MIN,
            TARGET_GUESS_CONFIDENCE, FIELD_GATE, FIELD_CARRY, FIELD_MEANING_SCALE, HEAD_GATE, OTHER_FIELD_GATE)


def _collector_paused(fn):
    """fn, run with Python's cycle collector paused (and resumed after, if it ran before). Reading thousands of new
    titles allocates millions of small objects, none in a reference cycle, and each burst of them set off collections
    that walk the whole long-lived heap (lexicons, memos, the contacts): 1.0-1.3 s of a 6-7 s first scoring of 30,000
    never-seen titles (bench/bench_scoring.py). A cycle made meanwhile is collected once the collector runs again."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        running = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if running:
                gc.enable()
    return wrapper


@lru_cache(maxsize=4)
@_collector_paused
def _title_columns(distinct: tuple[str, ...], targets: tuple[tuple[str, float], ...], keywords: tuple[str, ...],
                   _rules: tuple) -> pd.DataFrame:
    """Per distinct title: how it reads (engine.titles) and how close it is to the user's target, as
    target_similarity computes it (the best over the target's titles and, weighted, the adjacent roles), with the
    meaning part of the best match on its own for the explanation. Kept for a few sets of titles: scoring the same
    network again for the same target (the app's next page, the next event logged) reuses it. Read-only."""
    column = pd.Series(distinct, dtype=object)
    roles = column.map(english_role)
    titles = families_in_english(column, parse_titles(column), roles)
    has_title = (roles.str.strip() != "").to_numpy()
    used = bool(MEANING_WEIGHT) and embeddings.available() and len(titles) > 0

    def compare(title: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        meaning = meaning_similarity(roles, english_role(title) or title) * has_title if used else None
        role, title_sim = role_similarity(column, titles["family"], title, keywords, titles["family_strength"],
                                          meaning=meaning)
        return role, title_sim, meaning if used else np.zeros(len(column))
    best_role, best_title, matched, best_meaning = _best_match(targets, compare, len(column))
    titles["role"], titles["title_sim"], titles["matched_target"] = best_role, best_title, matched
    titles["meaning_used"] = used
    titles["meaning"] = best_meaning
    return titles


def families_in_english(titles: pd.Series, parsed: pd.DataFrame, roles: pd.Series) -> pd.DataFrame:
    """`parsed` (parse_titles of `titles`) with the family its English reading (`roles`: english_role of each title)
    names where that reading names it more surely: a title of another language the lexicons do not list ("Sumiller",
    read "sommelier") takes the family of its English words, as engine.titles already does for canonical_role's.
    Only titles whose English reading goes beyond canonical_role's are read again."""
    beyond = (roles != titles.map(canonical_role)) & (roles.str.strip() != "")
    if not beyond.any():
        return parsed
    english = parse_titles(roles[beyond])
    mine = parsed.loc[beyond]
    better = (english["family_strength"] > mine["family_strength"]) | (
        (mine["family"] == "other") & (english["family"] != "other"))
    if not better.any():
        return parsed
    out = parsed.copy()
    rows = better.index[better]
    out.loc[rows, ["family", "family_strength"]] = english.loc[rows, ["family", "family_strength"]].to_numpy()
    return out


def target_similarity(titles: pd.Series, families: pd.Series, profile: Profile,
                      strengths: pd.Series | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(role, title, matched) similarity of each title to the user's target in their own words: the best of
    role_similarity over the target's titles, and over the adjacent roles times ADJACENT (a bit lower).
    `matched` names the target title or adjacent role that gave the best role similarity."""
    def compare(title: str) -> tuple[np.ndarray, np.ndarray, None]:
        return (*role_similarity(titles, families, title, profile.keywords, strengths), None)
    best_role, best_title, matched, _ = _best_match(_targets(profile), compare, len(titles))
    return best_role, best_title, matched


def _targets(profile: Profile) -> tuple[tuple[str, float], ...]:
    """The titles a contact is compared with, each with its weight: the target's titles, then the adjacent roles."""
    return tuple((t, 1.0) for t in profile.target_roles) + tuple((t, ADJACENT) for t in profile.adjacent_roles)


def _best_match(targets, compare, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, object]:
    """Over the weighted targets, per title: the best role similarity (compare(target) gives role, title similarity
    and a third column kept beside them), the title similarity and third column of that match, and which target."""
    best_role = best_title = best_extra = matched = None
    for title, weight in targets:
        role, title_sim, extra = compare(title)
        role, title_sim = role * weight, title_sim * weight
        if best_role is None:
            best_role, best_title, best_extra = role, title_sim, extra
            matched = np.full(n, title, dtype=object)
            continue
        better = role > best_role
        best_role, best_title = np.where(better, role, best_role), np.where(better, title_sim, best_title)
        matched = np.where(better, title, matched)
        if extra is not None:
            best_extra = np.where(better, extra, best_extra)
    return best_role, best_title, matched, best_extra


def _seniority_fit(rank: pd.Series, target_rank: int) -> pd.Series:
    """Peers and people a level or two below or one above the target tell the most, and ask the least."""
    diff = rank - target_rank
    fit = np.select([rank.isna(), diff.between(-2, 0), diff == 1, diff < -2], [UNKNOWN_LEVEL_FIT, 1.0, 0.8, 0.5],
                    0.3)
    return pd.Series(fit, index=rank.index)


def score_contacts(contacts: pd.DataFrame, profile: Profile, states: pd.DataFrame | None = None,
                   dismissed: set[tuple[int, str]] = frozenset(), snoozed: set[int] = frozenset(),
                   responsive: pd.Series | None = None, industry_overrides: dict[str, str] | None = None,
                   ) -> pd.DataFrame:
    """Score every contact: closeness, avoid-flags, priority, whether to approach now, and the why.

    `contacts` needs id, full_name, company, title (notes, tags, tie_strength, referred_by, former_colleague: the
    user's past employer they share, optional);
    `states` is engine.outreach.contact_states; `dismissed` holds (contact_id, flag code) the user waved off;
    `snoozed` the ids the user put aside for now (they leave the queue, nothing else changes); `responsive`
    labels contacts by how they answered (engine.coaching.responsiveness): colleagues of quick responders rank up;
    `industry_overrides` maps normalised company names to the industry the user said they are in.
    """
    df = contacts.reset_index(drop=True)  # copy on write: nothing below changes `contacts`
    for col in ("company", "title", "notes", "referred_by", "tie_strength", "tags", "former_colleague"):
        if col not in df:
            df[col] = None
    for col in ("full_name", "company", "title", "notes"):  # plain objects: row-wise steps below iterate them
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    # networks repeat titles heavily: each distinct title is read and compared with the target once
    title_codes, distinct = pd.factorize(df["title"].fillna(""))
    titles = _title_columns(tuple(distinct.tolist()), _targets(profile), tuple(profile.keywords), _rules_key())
    df = pd.concat([df, titles.take(title_codes).reset_index(drop=True)], axis=1)
    targets = {key: c for c, key in zip(profile.companies, normalise_companies([c.name for c in profile.companies]),
                                         strict=True) if key}
    company_key = df["company_key"] = company_keys(df["company"])  # kept: Today's one-or-two-per-company rule reads it
    key_codes, keys = pd.factorize(company_key)  # each distinct employer looked up once
    df["at_target_company"] = keys.isin(targets.keys())[key_codes]
    df["motivation"] = np.array([targets[k].motivation / 5 if k in targets else 0.0 for k in keys], dtype=float)[
        key_codes]
    tags = _tag_texts(df["tags"])
    df["industry_hit"] = _mentions([df["company"], df["title"], df["notes"], tags], profile.industries)
    # else the employer's known industry (data/employers.json, or the user's word for that company)
    known = company_industry_hits(company_key, profile.industries, industry_overrides)
    df["industry_hit"] = df["industry_hit"].where(df["industry_hit"].notna(), known)
    df["keyword_hit"] = _mentions([df["title"], df["notes"]], profile.keywords)
    gate = role_gate(df["role"])
    # a target company pulls people near the target role: its receptionist is not the next person to ask
    df["company_pull"] = (df["motivation"] * gate).round(4)
    df["closeness"] = (CLOSENESS_WEIGHTS["role"] * df["role"]
                       + gate * (CLOSENESS_WEIGHTS["company"] * df["at_target_company"]
                                 + CLOSENESS_WEIGHTS["industry"] * df["industry_hit"].notna()
                                 + CLOSENESS_WEIGHTS["keyword"] * df["keyword_hit"].notna())).clip(0, 1).round(4)

    target_rank = SENIORITY_RANK[profile.target_level]
    rank = titles["seniority"].map(SENIORITY_RANK).astype(float)  # per distinct title, then for each contact
    # unknown (-1) is "no information", never junior
    df["rank"] = pd.Series(rank.where(rank >= 0).to_numpy()[title_codes], index=df.index)
    # anywhere in the user's level range counts as their level: measured from its bottom below, its top above
    gap = level_gap(df["rank"], target_rank, SENIORITY_RANK[profile.level_top])
    df["seniority_fit"] = _seniority_fit(pd.Series(target_rank + gap, index=df.index), target_rank)
    tie = pd.to_numeric(df["tie_strength"], errors="coerce").astype(float).fillna(1.5).clip(1, 5)
    df["referred"] = df["referred_by"].notna()
    df["warmth"] = np.where(df["referred"], np.maximum((tie - 1) / 4, 0.9), (tie - 1) / 4)
    df["warmth"] = np.where(df["former_colleague"].notna(), np.maximum(df["warmth"], FORMER_COLLEAGUE_WARMTH),
                            df["warmth"])

    flags, active = _flags(df, profile, SENIORITY_RANK[profile.level_top], dismissed)  # the top of the range
    df["flags"] = pd.Series(flags, index=df.index, dtype=object)
    df["flag_active"] = active
    df["learned_factor"] = 1.0  # engine.learning.apply sets it once the user's own history is reliable
    df["rating_factor"] = 1.0  # engine.ratings.apply_ratings sets it from the user's ratings
    for key in STATE_BONUS:
        df[key] = False
    df["priority"] = priority(df)  # before the outreach states: which colleague is the next best one

    df = _apply_states(df, states, snoozed, company_key)
    df["quick_colleague"] = _quick_colleagues(df, responsive, company_key)
    referrers = set(df["referred_by"].dropna().tolist())  # only their names are needed
    names = {cid: name for cid, name in zip(contacts["id"].tolist(), contacts["full_name"].tolist(), strict=False)
             if cid in referrers} if referrers else {}
    df["why"] = _whys(df, names)
    df["priority"] = priority(df)
    return df


def priority_steps(x) -> list[tuple[str, object]]:
    """How a priority (0..100 and a little beyond) is reached, as (step, value so far) pairs.

    `x` is one scored contact (a row) or all of them (a frame, every value then a column): score_contacts and
    engine.learning.apply compute the priority with it, and the explanation shows these very steps, so what the
    user reads always adds up to the priority shown. Steps: the weighted sum, its parts other than closeness times
    boost_gate(closeness); for an active avoid-flag times FLAG_PENALTY and kept below every unflagged contact of
    similar closeness (flagged_priority); points for where the contact stands in the outreach (STATE_BONUS); times
    what the reply model learned; times what the user's ratings say.
    """
    boosts = sum(weight * x[k] for k, weight in PRIORITY_WEIGHTS.items() if k != "closeness")
    value = (PRIORITY_WEIGHTS["closeness"] * x["closeness"] + boost_gate(x["closeness"]) * boosts) * 100
    steps = [("weighted", value)]
    value = flagged_priority(value, x["closeness"], x["flag_active"])
    steps.append(("flag_active", value))
    for key, points in STATE_BONUS.items():
        value = value + points * _is_set(x[key])
        steps.append((key, value))
    steps.append(("learned_factor", learned_priority(np.round(value, 2), x["learned_factor"])))
    steps.append(("rating_factor", rated_priority(steps[-1][1], x.get("rating_factor", 1.0))))
    return steps


def role_gate(role):
    """How much company, industry and keyword count in closeness: fully for people in the target role, ROLE_GATE
    for someone in an unrelated one."""
    return ROLE_GATE + (1 - ROLE_GATE) * role


def boost_gate(closeness):
    """How much warmth, company pull and seniority fit count for a contact this close to the target (0..1):
    BOOST_GATE for someone unrelated, fully for the very closest."""
    return BOOST_GATE + (1 - BOOST_GATE) * closeness


def flagged_priority(value, closeness, flag_active):
    """The rule for flagged contacts, in one place: an active flag multiplies the priority by FLAG_PENALTY and caps
    it below PRIORITY_WEIGHTS["closeness"] × (closeness - FLAG_MARGIN) × 100, which is less than any unflagged
    contact with closeness at most FLAG_MARGIN lower can score (their closeness alone gives that much, the gated rest
    more). So a flagged person never sits above an unflagged person of similar closeness unless the flag is
    dismissed."""
    cap = PRIORITY_WEIGHTS["closeness"] * (closeness - FLAG_MARGIN) * 100
    flagged = np.minimum(value * FLAG_PENALTY, np.maximum(cap, 0))
    if isinstance(value, pd.Series):
        return value.where(~np.asarray(flag_active, dtype=bool), flagged)
    return flagged if flag_active else value


FLAG_RULE = ("People flagged as working in HR, above your target level or a possible boss are shown below everyone "
             f"of similar closeness (they keep {FLAG_PENALTY:.0%} of their priority) until you dismiss the flag.")
PRIORITY_RULE = ("Warmth, a target company and a level near yours count most among people of similar closeness; they "
                 "do not lift someone far from your target above someone clearly closer.")


def priority(x):
    """The priority of one scored contact or of every one, rounded to hundredths (see priority_steps)."""
    return np.round(priority_steps(x)[-1][1], 2)


def learned_priority(scored_priority, learned_factor):
    """The last step of a priority: the scored priority times what the reply model learned (1 until it is
    reliable), rounded to hundredths. engine.learning.apply takes this step on scores already made."""
    return np.round(scored_priority * learned_factor, 2)


def rated_priority(learned, rating_factor):
    """The very last step: times what the user's ratings say (engine.ratings: 0 for "not relevant", a lift for
    "good", the rating model's factor for others while it helps; 1 otherwise), rounded to hundredths."""
    return np.round(learned * rating_factor, 2)


def _is_set(value):
    """A bonus applies: a True flag, or a colleague's name (a column: element-wise)."""
    if isinstance(value, pd.Series):
        return value.notna() & value.astype(bool)
    return not pd.isna(value) and bool(value)


def score_with_history(contacts: pd.DataFrame, events: pd.DataFrame, profile: Profile, today,
                       rules: FollowUpRules, dismissed: set[tuple[int, str]] = frozenset(),
                       snoozed: set[int] = frozenset(), industry_overrides: dict[str, str] | None = None,
                       states: pd.DataFrame | None = None) -> pd.DataFrame:
    """score_contacts with what the outreach history says: states (with the user's follow-up rules) and who
    answers quickly. engine.ranking.rank_contacts scores this way for the app and the CLI alike. `states`:
    contact_states(events, today, rules), when the caller has it already."""
    if states is None:
        states = contact_states(events, today, rules)
    return score_contacts(contacts, profile, states, dismissed, snoozed, responsiveness(events, today),
                          industry_overrides)


def _flags(df: pd.DataFrame, profile: Profile, target_rank: int,
           dismissed) -> tuple[list[tuple[Flag, ...]], np.ndarray]:
    """Each contact's avoid-flags, and whether any of them is still active (not dismissed).

    The rules are decided column-wise; the words are built once per distinct flagged (title, level, place).
    """
    aim = LEVEL_WORDS[profile.level_top]
    # in or near the target field: a close role; for directors and above (unambiguous leaders, unlike the many
    # "managers" who manage a budget or a portfolio) also one of the target's own job families named by a real cue
    target_families = {parse_title(t).family for t in profile.target_roles} - {"other"}
    same_family = (df["family"].isin(target_families) & (df["family_strength"] >= 1)
                   & (df["rank"] >= SENIORITY_RANK["director"]))
    near = (df["role"] >= NEAR_FIELD) | same_family
    above = df["rank"].notna() & (df["rank"] > target_rank)
    hr = (df["is_hr"].astype(bool) & (not profile.hr_target)).to_numpy()
    boss = (near & above & df["seniority"].isin(BOSS_LEVELS) & (df["rank"] - target_rank <= 3)).to_numpy()
    far_above = df["rank"].notna() & (df["rank"] - target_rank >= ABOVE_STEPS)
    too_senior = (far_above & ~boss & (near | df["at_target_company"])).to_numpy()
    out: list[tuple[Flag, ...]] = [()] * len(df)
    active = hr | boss | too_senior
    flagged = np.flatnonzero(active)
    waved_off = {contact_id for contact_id, _ in dismissed}
    said: dict[tuple, tuple[Flag, ...]] = {}
    rows = zip(flagged.tolist(), df["id"].to_numpy()[flagged].tolist(), df["title"].to_numpy()[flagged].tolist(),
               df["seniority"].to_numpy()[flagged].tolist(), df["at_target_company"].to_numpy()[flagged].tolist(),
               hr[flagged].tolist(), boss[flagged].tolist(), too_senior[flagged].tolist(), strict=True)
    for i, contact_id, title, seniority, at_target, is_hr, is_boss, is_too_senior in rows:
        key = (title, seniority, at_target, is_hr, is_boss, is_too_senior)
        if (flags := said.get(key)) is None:
            found = []
            if is_hr:
                found.append(Flag("hr_or_recruiting",
                                  f"works in HR or recruiting ('{title}'): they sit in hiring processes, so talk to "
                                  "people doing the work first (unless your target is HR itself)"))
            if is_boss:
                where = "at a target company" if at_target else "in your target field"
                found.append(Flag("could_be_boss", f"{LEVEL_WORDS[seniority]} {where} ('{title}'): could "
                                  "become your boss or sit on your hiring panel"))
            elif is_too_senior:
                found.append(Flag("above_target_level", f"'{title}' is {LEVEL_WORDS[seniority]}, above the "
                                  f"{aim} level you are aiming for: you risk being interviewed instead of asking "
                                  "your own questions"))
            flags = said[key] = tuple(found)
        if contact_id in waved_off:
            flags = tuple(Flag(f.code, f.reason, (contact_id, f.code) in dismissed) for f in flags)
            active[i] = any(not f.dismissed for f in flags)
        out[i] = flags
    return out, active


def _apply_states(df: pd.DataFrame, states: pd.DataFrame | None, snoozed, key: pd.Series) -> pd.DataFrame:
    """Statuses, follow-ups, snoozes and the silent colleague's nudge; `key` holds company_keys(df["company"])."""
    if states is None or states.empty:
        df["status"], df["follow_up_due"] = "to_approach", False
        df["colleague_silent"] = pd.Series([None] * len(df), index=df.index, dtype=object)
    else:
        st = states.reindex(df["id"])
        df["status"] = st["status"].fillna("to_approach").to_numpy()
        df["follow_up_due"] = st["follow_up_due"].fillna(False).astype(bool).to_numpy()
        silent = st["try_colleague"].fillna(False).astype(bool).to_numpy()
        # a colleague at the same company of someone silent for a few days is worth a try
        silent_at = dict(zip(key[silent], df.loc[silent, "full_name"], strict=False))
        silent_at.pop("", None)
        open_ = df["status"].isin(ELIGIBLE).to_numpy()  # only people one could still approach get the nudge
        colleague = _colleague_named(key, silent_at, open_ & ~silent)
        # only the next best person at that company, not everyone who works there
        has = colleague.notna()
        best = df.loc[has, ["priority", "id"]].assign(_key=key[has]).sort_values(["priority", "id"],
                                                                                  ascending=[False, True])
        colleague[has & ~df.index.isin(best.drop_duplicates("_key").index)] = None
        df["colleague_silent"] = colleague
    df["snoozed"] = df["id"].isin(snoozed)
    df["eligible"] = (df["status"].isin(ELIGIBLE) | df["follow_up_due"]) & ~df["snoozed"]
    df["drafting"] = df["status"] == "drafting"
    return df


def _colleague_named(key: pd.Series, named: dict[str, str], wanted: np.ndarray) -> pd.Series:
    """For each contact where `wanted`, the colleague `named` at the same company, else None."""
    found = key.map(named).to_numpy(dtype=object) if named else np.full(len(key), None, dtype=object)
    return pd.Series(np.where(wanted & pd.notna(found), found, None), index=key.index, dtype=object)


def _quick_colleagues(df: pd.DataFrame, responsive: pd.Series | None, key: pd.Series) -> pd.Series:
    """For each contact one can still approach, a colleague who answered quickly, if any."""
    out = pd.Series([None] * len(df), index=df.index, dtype=object)
    if responsive is None or responsive.empty:
        return out
    quick = df["id"].isin(responsive.index[responsive == "quick"]).to_numpy()
    helpers = dict(zip(key[quick], df.loc[quick, "full_name"], strict=True))
    helpers.pop("", None)
    return _colleague_named(key, helpers, df["eligible"].to_numpy() & ~quick)


class _Reason(NamedTuple):
    """One reason over every contact: its wording `texts[codes[i]]` for contact i, none where codes[i] is -1."""
    codes: np.ndarray
    texts: list


def _is_text(values: np.ndarray) -> np.ndarray:
    """Whether each value is a str, asked once per distinct value."""
    codes, distinct = pd.factorize(values)
    return np.append(np.fromiter((isinstance(v, str) for v in distinct), dtype=bool, count=len(distinct)),
                     False)[codes]


def _whys(df: pd.DataFrame, names: dict) -> pd.Series:
    """Each contact's reasons, in this order: snoozed, follow-up due, drafting, role, target company, industry,
    keyword, referral or warmth, former colleague, silent colleague, quick colleague, active flags; or that there
    is no strong link.

    Built a reason at a time over the whole frame as codes, each distinct wording said once: a million contacts
    share a few thousand different lists of reasons, and each list is built once.
    """
    n = len(df)
    company = df["company"].to_numpy(dtype=object)

    def where(mask, text: str) -> _Reason:
        return _Reason(np.where(np.asarray(mask, dtype=bool), 0, -1), [text])

    def said(mask, columns: list[np.ndarray], say) -> _Reason:
        """say(*values) for the rows where mask holds, once per distinct combination of the columns' values."""
        codes = np.full(n, -1, dtype=np.int64)
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(rows):
            return _Reason(codes, [])
        group = np.zeros(len(rows), dtype=np.int64)
        for column in columns:
            part, distinct = pd.factorize(column[rows])
            if (part < 0).any():  # a missing value: said as it is, per row
                return _said_per_row(codes, rows, columns, say)
            group = pd.factorize(group * len(distinct) + part)[0]
        first = _first_rows(group, int(group.max()) + 1)
        codes[rows] = group
        return _Reason(codes, [say(*(c[rows[i]] for c in columns)) for i in first.tolist()])

    def either(mask, this: _Reason, that: _Reason) -> _Reason:
        """`this` where mask holds, else `that`."""
        that_codes = np.where(that.codes >= 0, that.codes + len(this.texts), -1)
        return _Reason(np.where(np.asarray(mask, dtype=bool), this.codes, that_codes), this.texts + that.texts)

    def text_hit(column: str, say) -> _Reason:
        values = df[column].to_numpy(dtype=object)
        return said(_is_text(values), [values], say)

    same_role = (df["title_sim"] >= SAME_ROLE).to_numpy()
    referred = df["referred"].to_numpy(dtype=bool)
    silent = df["colleague_silent"].to_numpy(dtype=object)
    quick = df["quick_colleague"].to_numpy(dtype=object)
    flags = df["flags"].to_numpy(dtype=object)
    reasons = [
        where(df["snoozed"], "snoozed: put aside for now"),
        where(df["follow_up_due"], "no reply for a week: follow up once, politely"),
        where(df["status"] == "drafting", "you started a message: send it"),
        either(same_role, where(same_role, "same role as your target"), said(
            ~same_role & (df["role"] >= NEAR_FIELD).to_numpy(), [df["family"].to_numpy(dtype=object)],
            lambda f: f"close to your target role ({FAMILY_LABELS.get(f, f)})")),
        said(df["at_target_company"], [company, df["motivation"].to_numpy()],
             lambda c, m: f"works at a target company ({c}, {round(m * 5)}/5)"),
        text_hit("industry_hit", lambda hit: f"in {hit}"),
        text_hit("keyword_hit", lambda hit: f"mentions {hit}"),
        either(referred, said(referred, [df["referred_by"].to_numpy(dtype=object)],
                              lambda giver: f"referred by {names[giver]}" if names.get(giver)
                              else "a referral: a warm introduction"),
               where(df["warmth"] >= 0.75, "you know them well")),
        text_hit("former_colleague", lambda employer: f"former colleague: you both worked at {employer}"),
        said(_is_text(silent), [silent, company], lambda s, c: f"{s} at {c} has not replied yet: try a colleague"),
        said(_is_text(quick), [quick, company], lambda q, c: f"{q} at {c} answered quickly: people there may too"),
    ]
    # _flags shares one tuple among contacts flagged alike: telling tuples apart by identity spares hashing Flags
    flag_codes, distinct = pd.factorize(np.fromiter(map(id, flags), dtype=np.int64, count=n))
    flag_words = np.empty(len(distinct), dtype=object)
    for k, row in enumerate(_first_rows(flag_codes, len(distinct)).tolist()):
        flag_words[k] = [f"flagged: {FLAG_LABELS[f.code]}" for f in flags[row] if not f.dismissed]
    # rows with the same reasons share one list, copied per row
    group = flag_codes.astype(np.int64)
    for reason in reasons:
        group = pd.factorize(group * (len(reason.texts) + 1) + reason.codes + 1)[0]
    lists = np.empty(int(group.max()) + 1 if n else 0, dtype=object)
    for g, row in enumerate(_first_rows(group, len(lists)).tolist()):
        why = [r.texts[r.codes[row]] for r in reasons if r.codes[row] >= 0] + flag_words[flag_codes[row]]
        lists[g] = why or ["no strong link to your target yet"]
    return pd.Series(_copy_lists(lists[group]), index=df.index, dtype=object)


def _said_per_row(codes: np.ndarray, rows: np.ndarray, columns: list[np.ndarray], say) -> _Reason:
    """_whys' said, row by row where a value is missing (None and NaN are said as themselves)."""
    texts: list[str] = []
    done: dict = {}
    for row in rows.tolist():
        values = tuple(c[row] for c in columns)
        if values not in done:
            done[values] = len(texts)
            texts.append(say(*values))
        codes[row] = done[values]
    return _Reason(codes, texts)


_copy_lists = np.frompyfunc(list, 1, 1)  # an object array of fresh copies, without pandas guessing at nested lists


FLAG_LABELS = _FLAG_WORDS  # the words live in engine.words, with every other code's


def next_contacts(scored: pd.DataFrame, n: int = 5, per_company: int = 2) -> pd.DataFrame:
    """The n contacts to approach next, best first, with at most `per_company` from one company."""
    pool = scored[scored["eligible"]].sort_values(["priority", "id"], ascending=[False, True], kind="stable")
    key = pool["company_key"] if "company_key" in pool else company_keys(pool["company"])
    taken: dict[str, int] = {}
    picks = []
    for idx, company in zip(pool.index, key, strict=False):
        if company and taken.get(company, 0) >= per_company:
            continue
        taken[company] = taken.get(company, 0) + 1
        picks.append(idx)
        if len(picks) == n:
            break
    return pool.loc[picks]


def ranked(scored: pd.DataFrame) -> pd.DataFrame:
    """Every contact in priority order: whom to approach first, then the rest (waiting, met, declined) after."""
    return scored.sort_values(["eligible", "priority", "id"], ascending=[False, False, True], kind="stable")
