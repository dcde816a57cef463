"""Scoring: how close each contact is to the target career, which ones to avoid for now, and whom to approach next.

Everything here is a pure function of the contacts, the profile and the outreach states; the weights and flag
rules are the tables below, so a reader can check them at a glance and a test can pin them row by row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from engine.coaching import responsiveness
from engine.merge import normalise_companies, normalise_company
from engine.outreach import FollowUpRules, contact_states
from engine.profile import Profile
from engine.titles import FAMILY_LABELS, SENIORITY_RANK, canonical_role, family_terms, parse_title, parse_titles

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
}
FAMILY_CONFIDENCE = {2: 1.0, 1: 0.7, 0: 0.35, -1: 0.5}  # by the strength of the cue that named the family
ROLE_WEIGHTS = {"title": 0.45, "expanded": 0.25, "family": 0.3}
CLOSENESS_WEIGHTS = {"role": 0.7, "company": 0.15, "industry": 0.1, "keyword": 0.05}
ROLE_GATE = 0.3             # share of the company/industry/keyword weight that counts whatever the role
PRIORITY_WEIGHTS = {"closeness": 0.55, "warmth": 0.2, "motivation": 0.15, "seniority_fit": 0.1}
SAME_ROLE = 0.6             # title similarity from which the contact does "the same role as your target"
FLAG_PENALTY = 0.5          # a flagged contact keeps half its priority: ranked down, not out
NEAR_FIELD = 0.45           # role similarity from which a contact counts as "in or near the target field"
BOSS_LEVELS = {"lead", "manager", "director", "vp"}
# points added to a priority (0..100) by where the contact stands in the outreach
STATE_BONUS = {"follow_up_due": 12.0, "drafting": 5.0, "colleague_silent": 8.0, "quick_colleague": 4.0}
ELIGIBLE = {"to_approach", "drafting"}  # plus contacts whose follow-up is due


LEVEL_WORDS = {"intern": "intern", "entry": "entry", "mid": "mid", "senior": "senior", "lead": "a lead",
               "manager": "a manager", "director": "director-level", "vp": "VP-level", "c_level": "C-level",
               "founder_owner": "a founder or owner", "unknown": "unknown"}


@dataclass(frozen=True)
class Flag:
    code: str
    reason: str
    dismissed: bool = False


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _phrase_pattern(phrase: str) -> str:
    """Regex for a phrase's words, tolerant of word endings: 'Healthcare' also finds 'Health', 'Fintech' 'Fintechs'."""
    words = re.findall(r"\w+", _fold(phrase))
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
    hits = [(m := pattern.search(_fold(text))) and phrases[int(m.lastgroup[1:])] for text in distinct]
    return pd.Series(np.array([h or None for h in hits] + [None], dtype=object)[codes], index=texts.index)


def company_keys(companies: pd.Series) -> pd.Series:
    """Normalised company names ("" when unknown), computed once per distinct name."""
    return pd.Series([k or "" for k in normalise_companies(companies.tolist())], index=companies.index, dtype=object)


def _tfidf_similarity(texts: pd.Series, target: str) -> np.ndarray:
    """Cosine similarity of each text to the target: mean of word (1-2 gram) and character (3-5 gram) TF-IDF."""
    unique = pd.Index(texts.unique())
    corpus = [*unique, target]
    sims = np.zeros(len(unique))
    for analyzer, ngrams in (("word", (1, 2)), ("char_wb", (3, 5))):
        matrix = TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True,
                                 strip_accents="unicode").fit_transform(corpus)
        sims += (matrix[:-1] @ matrix[-1].T).toarray().ravel() / 2
    return pd.Series(sims, index=unique).reindex(texts).to_numpy()


def role_similarity(titles: pd.Series, families: pd.Series, target_role: str, keywords=(),
                    strengths: pd.Series | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(role, title) similarity of each contact's title to the target role, each 0..1.

    `title` compares the words alone; `role` blends it with the titles expanded by their job family's words
    (so "Machine Learning Engineer" meets "Data Scientist") and with how related the two families are.
    """
    target = parse_title(target_role)
    roles = titles.fillna("").astype(str).map(canonical_role)
    has_title = (roles.str.strip() != "").to_numpy()
    target_words = canonical_role(target_role) or target_role
    title_sim = _tfidf_similarity(roles, target_words)
    expanded = (roles + " " + families.map(family_terms)).where(has_title, "")
    expanded_sim = _tfidf_similarity(expanded, f"{target_words} {family_terms(target.family)} {' '.join(keywords)}")
    affinity = families.map(lambda f: 1.0 if f == target.family and f != "other"
                            else FAMILY_AFFINITY.get(frozenset({f, target.family}), 0.0)).to_numpy()
    if strengths is not None:  # a family read from a generic word ("Sound Engineer") counts for less
        affinity = affinity * strengths.map(FAMILY_CONFIDENCE).fillna(FAMILY_CONFIDENCE[-1]).to_numpy()
    role = np.clip(ROLE_WEIGHTS["title"] * title_sim + ROLE_WEIGHTS["expanded"] * expanded_sim
                   + ROLE_WEIGHTS["family"] * affinity, 0, 1)
    return role * has_title, title_sim * has_title


def _seniority_fit(rank: pd.Series, target_rank: int) -> pd.Series:
    """Peers and people a level or two below or one above the target tell the most, and ask the least."""
    diff = rank - target_rank
    fit = np.select([rank.isna(), diff.between(-2, 0), diff == 1, diff < -2], [0.6, 1.0, 0.8, 0.5], 0.3)
    return pd.Series(fit, index=rank.index)


def score_contacts(contacts: pd.DataFrame, profile: Profile, states: pd.DataFrame | None = None,
                   dismissed: set[tuple[int, str]] = frozenset(), snoozed: set[int] = frozenset(),
                   responsive: pd.Series | None = None) -> pd.DataFrame:
    """Score every contact: closeness, avoid-flags, priority, whether to approach now, and the why.

    `contacts` needs id, full_name, company, title (notes, tags, tie_strength, referred_by optional);
    `states` is engine.outreach.contact_states; `dismissed` holds (contact_id, flag code) the user waved off;
    `snoozed` the ids the user put aside for now (they leave the queue, nothing else changes); `responsive`
    labels contacts by how they answered (engine.coaching.responsiveness): colleagues of quick responders rank up.
    """
    df = contacts.reset_index(drop=True).copy()
    for col in ("company", "title", "notes", "referred_by", "tie_strength", "tags"):
        if col not in df:
            df[col] = None
    for col in ("full_name", "company", "title", "notes"):  # plain objects: row-wise steps below iterate them
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    df = pd.concat([df, parse_titles(df["title"].fillna("")).reset_index(drop=True)], axis=1)

    df["role"], df["title_sim"] = role_similarity(df["title"], df["family"], profile.target_role, profile.keywords,
                                                  df["family_strength"])
    targets = {normalise_company(c.name): c for c in profile.companies}
    company_key = company_keys(df["company"])
    target_company = company_key.map(lambda k: targets.get(k) if k else None)
    df["at_target_company"] = target_company.notna()
    df["motivation"] = target_company.map(lambda c: c.motivation / 5 if c else 0.0).astype(float)
    about = df["company"].fillna("") + " " + df["title"].fillna("") + " " + df["notes"].fillna("") + " " + \
        df["tags"].map(lambda t: " ".join(t) if isinstance(t, list | tuple | np.ndarray) else "")
    df["industry_hit"] = _contains_any(about, profile.industries)
    df["keyword_hit"] = _contains_any(df["title"].fillna("") + " " + df["notes"].fillna(""), profile.keywords)
    # company, industry and keyword count fully for people in the target role, and only a little for others
    gate = ROLE_GATE + (1 - ROLE_GATE) * df["role"]
    df["closeness"] = (CLOSENESS_WEIGHTS["role"] * df["role"]
                       + gate * (CLOSENESS_WEIGHTS["company"] * df["at_target_company"]
                                 + CLOSENESS_WEIGHTS["industry"] * df["industry_hit"].notna()
                                 + CLOSENESS_WEIGHTS["keyword"] * df["keyword_hit"].notna())).clip(0, 1).round(4)

    target_rank = SENIORITY_RANK[profile.target_level]
    rank = df["seniority"].map(SENIORITY_RANK).astype(float)
    df["rank"] = rank.where(rank >= 0)  # unknown (-1) is "no information", never junior
    df["seniority_fit"] = _seniority_fit(df["rank"], target_rank)
    tie = pd.to_numeric(df["tie_strength"], errors="coerce").astype(float).fillna(1.5).clip(1, 5)
    df["referred"] = df["referred_by"].notna()
    df["warmth"] = np.where(df["referred"], np.maximum((tie - 1) / 4, 0.9), (tie - 1) / 4)

    df["flags"] = pd.Series(_flags(df, profile, target_rank, dismissed), index=df.index, dtype=object)
    active = np.array([any(not f.dismissed for f in fs) if fs else False for fs in df["flags"]])
    base = sum(PRIORITY_WEIGHTS[k] * df[k] for k in PRIORITY_WEIGHTS) * 100
    df["priority"] = base * np.where(active, FLAG_PENALTY, 1.0)

    df = _apply_states(df, states, snoozed)
    df["quick_colleague"] = _quick_colleagues(df, responsive)
    df["priority"] += STATE_BONUS["quick_colleague"] * df["quick_colleague"].notna()
    names = dict(zip(contacts["id"], contacts["full_name"], strict=False))
    needed = ["follow_up_due", "snoozed", "status", "title_sim", "role", "family", "at_target_company", "company",
              "motivation", "industry_hit", "keyword_hit", "referred", "referred_by", "warmth", "colleague_silent",
              "quick_colleague", "flags"]
    df["why"] = [_why(row, profile, names) for row in df[needed].itertuples(index=False)]
    df["priority"] = df["priority"].round(2)
    return df


def score_with_history(contacts: pd.DataFrame, events: pd.DataFrame, profile: Profile, today,
                       rules: FollowUpRules, dismissed: set[tuple[int, str]] = frozenset(),
                       snoozed: set[int] = frozenset()) -> pd.DataFrame:
    """score_contacts with what the outreach history says: states (with the user's follow-up rules) and who
    answers quickly. engine.ranking.rank_contacts scores this way for the app and the CLI alike."""
    states = contact_states(events, today, rules)
    return score_contacts(contacts, profile, states, dismissed, snoozed, responsiveness(events, today))


def _flags(df: pd.DataFrame, profile: Profile, target_rank: int, dismissed) -> list[tuple[Flag, ...]]:
    """Each contact's avoid-flags; the rules are decided column-wise, words are only built for flagged rows."""
    aim = LEVEL_WORDS[profile.target_level]
    near = df["role"] >= NEAR_FIELD
    above = df["rank"].notna() & (df["rank"] > target_rank)
    hr = df["is_hr"].astype(bool) & (not profile.hr_target)
    boss = near & above & df["seniority"].isin(BOSS_LEVELS) & (df["rank"] - target_rank <= 3)
    too_senior = above & ~boss & (near | df["at_target_company"])
    out: list[tuple[Flag, ...]] = [()] * len(df)
    flagged = np.flatnonzero((hr | boss | too_senior).to_numpy())
    cols = df[["id", "title", "seniority", "at_target_company"]].to_numpy(dtype=object)
    for i in flagged:
        contact_id, title, seniority, at_target = cols[i]
        flags = []
        if hr.iat[i]:
            flags.append(Flag("hr_or_recruiting",
                              f"works in HR or recruiting ('{title}'): they sit in hiring processes, so talk to "
                              "people doing the work first (unless your target is HR itself)"))
        if boss.iat[i]:
            where = "at a target company" if at_target else "in your target field"
            flags.append(Flag("could_be_boss", f"{LEVEL_WORDS[seniority]} {where} ('{title}'): could "
                              "become your boss or sit on your hiring panel"))
        elif too_senior.iat[i]:
            flags.append(Flag("above_target_level", f"'{title}' is {LEVEL_WORDS[seniority]}, above the "
                              f"{aim} level you are aiming for: you risk being interviewed instead of asking "
                              "your own questions"))
        out[i] = tuple(Flag(f.code, f.reason, (contact_id, f.code) in dismissed) for f in flags)
    return out


def _apply_states(df: pd.DataFrame, states: pd.DataFrame | None, snoozed) -> pd.DataFrame:
    if states is None or states.empty:
        df["status"], df["follow_up_due"] = "to_approach", False
        df["colleague_silent"] = pd.Series([None] * len(df), index=df.index, dtype=object)
    else:
        st = states.reindex(df["id"])
        df["status"] = st["status"].fillna("to_approach").to_numpy()
        df["follow_up_due"] = st["follow_up_due"].fillna(False).astype(bool).to_numpy()
        silent = st["try_colleague"].fillna(False).astype(bool).to_numpy()
        # a colleague at the same company of someone silent for a few days is worth a try
        key = company_keys(df["company"])
        silent_at = dict(zip(key[silent], df.loc[silent, "full_name"], strict=False))
        silent_at.pop("", None)
        open_ = df["status"].isin(ELIGIBLE).to_numpy()  # only people one could still approach get the nudge
        colleague = pd.Series([silent_at.get(k) if o and not s else None
                               for k, s, o in zip(key, silent, open_, strict=True)], index=df.index, dtype=object)
        # only the next best person at that company, not everyone who works there
        has = colleague.notna()
        best = df.loc[has].assign(_key=key[has]).sort_values(["priority", "id"], ascending=[False, True])
        colleague[has & ~df.index.isin(best.drop_duplicates("_key").index)] = None
        df["colleague_silent"] = colleague
    df["snoozed"] = df["id"].isin(snoozed)
    df["eligible"] = (df["status"].isin(ELIGIBLE) | df["follow_up_due"]) & ~df["snoozed"]
    df["priority"] += (STATE_BONUS["follow_up_due"] * df["follow_up_due"]
                       + STATE_BONUS["drafting"] * (df["status"] == "drafting")
                       + STATE_BONUS["colleague_silent"] * df["colleague_silent"].notna())
    return df


def _quick_colleagues(df: pd.DataFrame, responsive: pd.Series | None) -> pd.Series:
    """For each contact one can still approach, a colleague who answered quickly, if any."""
    out = pd.Series([None] * len(df), index=df.index, dtype=object)
    if responsive is None or responsive.empty:
        return out
    quick = df["id"].isin(responsive.index[responsive == "quick"]).to_numpy()
    key = company_keys(df["company"])
    helpers = dict(zip(key[quick], df.loc[quick, "full_name"], strict=True))
    helpers.pop("", None)
    open_ = df["eligible"].to_numpy()
    return pd.Series([helpers.get(k) if o and not q else None for k, o, q in zip(key, open_, quick, strict=True)],
                     index=df.index, dtype=object)


def _why(row, profile: Profile, names: dict) -> list[str]:
    why = []
    if row.snoozed:
        why.append("snoozed: put aside for now")
    if row.follow_up_due:
        why.append("no reply for a week: follow up once, politely")
    if row.status == "drafting":
        why.append("you started a message: send it")
    if row.title_sim >= SAME_ROLE:
        why.append("same role as your target")
    elif row.role >= NEAR_FIELD:
        why.append(f"close to your target role ({FAMILY_LABELS.get(row.family, row.family)})")
    if row.at_target_company:
        why.append(f"works at a target company ({row.company}, {round(row.motivation * 5)}/5)")
    if isinstance(row.industry_hit, str):
        why.append(f"in {row.industry_hit}")
    if isinstance(row.keyword_hit, str):
        why.append(f"mentions {row.keyword_hit}")
    if row.referred:
        giver = names.get(row.referred_by)
        why.append(f"referred by {giver}" if giver else "a referral: a warm introduction")
    elif row.warmth >= 0.75:
        why.append("you know them well")
    if isinstance(row.colleague_silent, str):
        why.append(f"{row.colleague_silent} at {row.company} has not replied yet: try a colleague")
    if isinstance(row.quick_colleague, str):
        why.append(f"{row.quick_colleague} at {row.company} answered quickly: people there may too")
    for flag in row.flags:
        if not flag.dismissed:
            why.append(f"flagged: {FLAG_LABELS[flag.code]}")
    return why or ["no strong link to your target yet"]


FLAG_LABELS = {"hr_or_recruiting": "HR or recruiting", "could_be_boss": "could be your boss",
               "above_target_level": "above your target level"}


def next_contacts(scored: pd.DataFrame, n: int = 5, per_company: int = 2) -> pd.DataFrame:
    """The n contacts to approach next, best first, with at most `per_company` from one company."""
    pool = scored[scored["eligible"]].sort_values(["priority", "id"], ascending=[False, True], kind="stable")
    key = company_keys(pool["company"])
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
