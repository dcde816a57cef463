"""Reads free-text job titles into a seniority level, whether the person works in HR, and a job family.

The words live in data/titles.json (English, French, German, Spanish), data/titles_world.json (Italian,
Dutch, Portuguese, career ladders, more families), data/titles_levels.json (level rules), data/titles_roles.json
(roles by nature, HR words in seven languages), data/titles_ladders.json (ladders, clinical and context grades,
level inflections) and data/titles_languages.json (level and HR words of more languages, one block each), merged in
that order; this module compiles them once and keeps the rules that combine them
(README.md, "How titles are read", states the conventions):

- A title takes the level its words say, or the level its role has by nature (Cashier, Bank Teller, SDR: entry;
  Sous Chef: senior; Partner: founder_owner); a role with no level word ("Software Engineer", "Nurse") is
  unknown, never a default mid, and so is a title with no role at all (slogans, "Open to work", empty).
- Ladders and grades named by their world (context_grades: banks, strategy consulting, nonprofits, the army, the UK
  civil service, schools) and HR compounds ("Personal-" + a role word) are read as README.md states.
- Staff -> senior; Senior Staff, Principal -> lead; Distinguished -> director. Bank ladder: Analyst (entry),
  Investment Banking Associate (mid), AVP (senior), VP, MD. Academic: PhD candidate, postdoc, research and
  teaching fellow (entry), assistant professor and lecturer (mid), associate professor, senior lecturer and reader
  (senior), professor (lead: a plain Professor is a full professor); the head of a school leads an institution
  (c_level), a deputy head is a director.
- "Head of X", "X Head" -> director; a bare "Head" right before a person's role ("Head Waiter", "Head Gardener")
  -> lead. German "-leitung" names the post of its "-leiter" (Teamleitung = Teamleiter, lead; Leiter X = Head of
  X, director).
- Partner, Managing Partner, Socio -> founder_owner (co-owner of a partnership); Associate Partner ->
  director.
- "Consultant" and "Registrar" are grades only next to a healthcare role (clinical_grades); "Analyst", "Associate",
  "Principal" take a ladder's grade where the title or its employer names the ladder's world (context_grades).
- "Staff", "Qualified", "Reader", "Expert" say a level only before a role ("Bar Staff", "Meter Reader": none), and
  "Staff" only on the technical ladder; German "Senior-"/"Junior-" compounds split ("Seniorberaterin").
- "Talent" is not HR where the title names artists, models or athletes (hr.talent_traps); likewise "selection" of
  genes, seeds or wines and "benefits" of welfare claimants (hr.word_traps).
- A compound a family wildcard names and a level suffix grades takes the suffix's level ("Tischler-" + "-geselle":
  mid) where the two parts do not overlap ("projektleiter*" holds "-leiter": no level). "Junior" before a manager
  title ("Junior HR Manager") says a junior, not a manager of people. An abbreviation that is also a word ("vd",
  "dei") counts in capitals or alone in its clause.
- Founder with CEO -> founder_owner: ownership says more than the office. founder_owner ranks 8 like c_level.
- Managing Director, Geschäftsführer, Director General, President, board member -> c_level; General Manager,
  Chief of Staff, Associate Director -> director; Supervisor -> lead.
- Product, project, program, account... managers are roles, not people managers: mid unless another cue
  says so.
- An intern cue wins ("Product Manager Intern" is an intern); otherwise the highest level cue wins.
- Retired, aspiring/seeking, and student (without an internship) make their part of the title unknown, yet it
  still tells the family ("Aspiring Data Scientist" -> unknown, data).
- Text after at/@/chez/bei/bij/presso/hos/på/for/to names the employer or the boss, and "Ex-Google"/"former"
  fragments are history: neither sets the level nor HR; employer names only hint the family when the role has none.
- unknown ranks -1: it means "no information" and must never be read as junior.
- A title no family phrase names takes the family nearest in meaning (engine.families), as a guess (strength -1),
  or stays "other" when none is close.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from engine.memo import memoized
from engine.text import fold

if TYPE_CHECKING:  # imported where used: reading one title (engine.reading_helper's process) needs neither
    import numpy as np
    import pandas as pd

SENIORITY_LEVELS = (
    "intern", "entry", "mid", "senior", "lead", "manager", "director", "vp", "c_level", "founder_owner",
    "unknown",
)
SENIORITY_RANK: dict[str, int] = {level: rank for rank, level in enumerate(SENIORITY_LEVELS[:9])} | {
    "founder_owner": 8,
    "unknown": -1,
}


def level_gap(rank, low: int, high: int) -> np.ndarray:
    """Levels between a rank and the user's level range [low, high] (SENIORITY_RANK): negative below it, 0 anywhere
    inside it, positive above it; NaN for an unknown rank. Element-wise: the scoring, its explanation and the
    rating model all measure the distance so."""
    import numpy as np

    rank = np.asarray(rank, dtype=float)
    gap = np.where(rank < low, rank - low, np.where(rank > high, rank - high, 0.0))
    return np.where(np.isnan(rank), np.nan, gap)
FAMILIES = (
    "software_engineering", "data", "product", "design", "marketing", "sales", "finance", "hr",
    "operations", "consulting", "healthcare", "education", "legal", "research", "engineering", "trades",
    "public_sector", "media", "hospitality", "logistics", "social_services", "nonprofit", "other",
)
FAMILY_LABELS: dict[str, str] = {
    "software_engineering": "software engineering", "data": "data and analytics",
    "product": "product management", "design": "design", "marketing": "marketing", "sales": "sales",
    "finance": "finance", "hr": "HR and recruiting", "operations": "operations", "consulting": "consulting",
    "healthcare": "healthcare", "education": "education", "legal": "legal", "research": "research",
    "engineering": "engineering", "trades": "skilled trades and construction", "public_sector": "public sector",
    "media": "media and creative production", "hospitality": "hospitality and personal services",
    "logistics": "logistics and transport", "social_services": "social services",
    "nonprofit": "fundraising and nonprofit",
    "other": "other",
}
LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "titles.json"
WORLD_PATH = LEXICON_PATH.with_name("titles_world.json")  # merged into titles.json: lists appended, dicts joined
LEVELS_PATH = LEXICON_PATH.with_name("titles_levels.json")  # level rules, merged after titles_world.json
ROLES_PATH = LEXICON_PATH.with_name("titles_roles.json")  # roles by nature, HR in seven languages
LADDERS_PATH = LEXICON_PATH.with_name("titles_ladders.json")  # ladders, clinical grades, level inflections
LANGUAGES_PATH = LEXICON_PATH.with_name("titles_languages.json")  # more languages, one block each: merged last
SYNONYMS_PATH = LEXICON_PATH.with_name("role_synonyms.json")
SYNONYMS_WORLD_PATH = LEXICON_PATH.with_name("role_synonyms_world.json")

# founder_owner outranks c_level when both appear ("Founder & CEO"), though both rank 8.
_PRECEDENCE = {level: i for i, level in enumerate(SENIORITY_LEVELS[:10])}
_STRENGTHS = {"strong": 2, "weak": 1, "generic": 0}


@dataclass(frozen=True)
class TitleInfo:
    seniority: str
    is_hr: bool
    family: str
    evidence: tuple[str, ...]
    family_strength: int = -1  # how sure the family is: 2 a strong cue, 1 weak, 0 generic ("engineer"), -1 a guess


@dataclass
class _Cue:
    level: str | None = None
    hr: bool = False
    family: str | None = None
    strength: int = -1
    role: bool = False
    status: str | None = None
    clinical: str | None = None  # a grade only next to a healthcare role: "Consultant" Obstetrician, "Registrar"

    def merge(self, other: _Cue, phrase: str) -> None:
        """Fold another heading's effects into this phrase; contradictions are lexicon bugs."""
        for name in ("level", "status", "clinical"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine and theirs and mine != theirs:
                raise ValueError(f"lexicon: {phrase!r} is both {mine} and {theirs}")
            setattr(self, name, mine or theirs)
        if other.strength > self.strength:
            self.family, self.strength = other.family, other.strength
        elif other.strength == self.strength >= 0 and other.family != self.family:
            raise ValueError(f"lexicon: {phrase!r} is both {self.family} and {other.family}")
        self.hr |= other.hr
        self.role |= other.role


class _Matcher:
    """Greedy longest-phrase matching over folded tokens; '*' in a single-word phrase matches any letters."""

    def __init__(self, cues: dict[str, _Cue]):
        self.phrases: dict[tuple[str, ...], _Cue] = {}
        self.longest: dict[str, int] = {}
        wild: list[tuple[str, _Cue]] = []
        for phrase, cue in cues.items():
            words = tuple(phrase.split())
            if "*" in phrase:
                if len(words) != 1:
                    raise ValueError(f"lexicon: wildcard only inside one word: {phrase!r}")
                wild.append((phrase, cue))
                continue
            self.phrases[words] = cue
            self.longest[words[0]] = max(self.longest.get(words[0], 0), len(words))
        wild.sort(key=lambda item: -len(item[0].replace("*", "")))
        self.wild_cues = [cue for _, cue in wild]
        self.merged: dict[tuple[int, int], _Cue] = {}
        self.by_word: dict[str, _Cue | None] = {}
        # letters a wildcard fixes: a prefix "tischler*" and a suffix "*geselle" grade a word only where they meet
        # without overlapping ("Tischlergeselle"), not where the prefix holds the suffix ("projektleiter*")
        self.literal = [len(p) - 1 for p, _ in wild]
        # a word of digits ("2024", a number a title ends in) matches no phrase with a letter it would have to hold
        self.digits_match = not all(any(not c.isdigit() for c in p.replace("*", "")) for p, _ in wild)
        # "*leiter" (a suffix) is looked up by the word's ending, the rest through a regex; the earliest in this
        # order (longest literal first) wins either way
        self.suffixes = {p[1:]: i for i, (p, _) in reversed(list(enumerate(wild))) if p.startswith("*")
                         and p.count("*") == 1}
        self.suffix_sizes = sorted({len(s) for s in self.suffixes}, reverse=True)
        patterns = [(i, p[0], re.escape(p).replace(r"\*", r"[^\W_]*")) for i, (p, _) in enumerate(wild)
                    if p[1:] not in self.suffixes or not p.startswith("*")]
        # one regex per first letter, of the phrases starting with it or with "*" (in their order): a word is tried
        # against the few phrases that can match it, and the first of those to match is the first of all
        self.wild = {first: re.compile("|".join(f"(?P<w{i}>{p})" for i, f, p in patterns if f in (first, "*")))
                     for first in {f for _, f, _ in patterns}}

    def _wild_match(self, word: str) -> re.Match | None:
        """The first wildcard phrase of the regex that matches the whole word (_wild adds the suffixes)."""
        rx = self.wild.get(word[:1]) or self.wild.get("*")
        return rx.fullmatch(word) if rx else None

    def _wild(self, word: str) -> int | None:
        """Index in wild_cues of the first wildcard phrase matching the word, or None."""
        if word.isdigit() and not self.digits_match:
            return None
        best = int(m.lastgroup[1:]) if (m := self._wild_match(word)) else None
        if "&" not in word:
            for size in self.suffix_sizes:
                if size <= len(word) and (j := self.suffixes.get(word[-size:])) is not None:
                    return j if best is None or j < best else best
        return best

    def _graded_suffix(self, word: str, j: int) -> int | None:
        """Index in wild_cues of a suffix wildcard with a level that the word ends in ("*geselle") after the letters
        the prefix wildcard j fixes ("tischler*"), or None."""
        for size in self.suffix_sizes:
            if (size + self.literal[j] <= len(word) and (k := self.suffixes.get(word[-size:])) is not None
                    and self.wild_cues[k].level):
                return k
        return None

    def _merged_cue(self, j: int, k: int) -> _Cue:
        """The family wildcard j's cue with the level of the suffix wildcard k ("Tischler-" + "-geselle"), once."""
        if (cue := self.merged.get((j, k))) is None:
            cue = self.merged[(j, k)] = replace(self.wild_cues[j], level=self.wild_cues[k].level, role=True)
        return cue

    def _family_prefix(self, word: str, k: int) -> int | None:
        """Index in wild_cues of a family wildcard without a level ("maurer*") that the word starts with before the
        letters the level suffix wildcard k fixes ("*lehrling"), or None."""
        m = self._wild_match(word) if self.wild_cues[k].level else None
        if m is None or (p := int(m.lastgroup[1:])) == k:
            return None
        cue = self.wild_cues[p]
        return p if cue.family and not cue.level and self.literal[p] + self.literal[k] <= len(word) else None

    def _wild_cue(self, word: str) -> _Cue | None:
        """The cue of the wildcard phrases a word matches, graded by a level suffix where a family prefix names it;
        remembered per word (a title's words recur across titles)."""
        if (cue := self.by_word.get(word, self)) is not self:
            return cue
        cue = None
        if (j := self._wild(word)) is not None:
            cue = self.wild_cues[j]
            if not cue.level and (k := self._graded_suffix(word, j)) is not None:
                cue = self._merged_cue(j, k)
            elif cue.level and not cue.family and (p := self._family_prefix(word, j)) is not None:
                cue = self._merged_cue(p, j)  # "Maurer-" + "-lehrling": the longer level suffix won the lookup
        if len(self.by_word) >= 200_000:
            self.by_word.clear()
        self.by_word[word] = cue
        return cue

    def find(self, words: list[str]) -> list[tuple[int, int, _Cue]]:
        """(start, end, cue) for each phrase found, left to right, longest first."""
        found, i, n = [], 0, len(words)
        while i < n:
            size = min(self.longest.get(words[i], 0), n - i)
            while size > 0 and (cue := self.phrases.get(tuple(words[i : i + size]))) is None:
                size -= 1
            if size == 0 and self.wild_cues and (cue := self._wild_cue(words[i])) is not None:
                size = 1
            if size:
                found.append((i, i + size, cue))
                i += size
            else:
                i += 1
        return found


@dataclass(frozen=True)
class _Ladder:
    """A ladder's grades where the title or its employer names the ladder's world (one context_grades entry)."""
    context: re.Pattern  # the world's phrases, as whole words of the space-joined folded words
    grades: dict[str, str]  # grade word or phrase (folded) -> level
    alone: bool  # a grade counts only as the whole of its clause
    # what a title must hold for the ladder to change a hit, tested before the regex: the context can only match where
    # a phrase's first word is one of the title's words, and a hit takes a grade only if it ends in a grade's last word
    first_words: frozenset[str]
    grade_words: frozenset[str]


@dataclass(frozen=True)
class _Lexicon:
    cues: _Matcher
    hints: _Matcher
    abbreviations: dict[str, tuple[str, ...]]
    numerals: dict[str, str]
    terms: dict[str, str]
    upper_only: frozenset[str] = frozenset()  # abbreviations that are also words: "DEI" but Italian "dei"
    # (HR words, trap words): HR words are no HR beside a trap word: "talent" of artists, "selección genética"
    hr_traps: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = ()
    # (context phrases, {role word: level}): a ladder's grades where the title names its world ("Analyst, M&A")
    context_grades: tuple[_Ladder, ...] = ()
    context_words: frozenset[str] = frozenset()  # the last words of every context grade, to skip titles quickly
    hr_prefixes: tuple[str, ...] = ()  # HR compounds' first parts, longest first: Personal-, Lohn-, Henkilöstö-
    # a level word's compound form and the level word it stands for: Senior-, Junior-, Estonian Vanem- (senior)
    level_prefixes: tuple[tuple[str, str], ...] = ()
    level_starts: tuple[str, ...] = ()  # level_prefixes' prefixes alone, for a quick str.startswith


def _add(cues: dict[str, _Cue], phrases, phrase_cue: _Cue) -> None:
    for phrase in phrases:
        key = " ".join(fold(phrase).split())
        fresh = _Cue(**vars(phrase_cue))
        if key in cues:
            cues[key].merge(fresh, key)
        else:
            cues[key] = fresh


def _merged(base, more):
    """`more` folded into `base`: lists appended, dicts merged key by key, other values replaced."""
    if isinstance(base, dict) and isinstance(more, dict):
        return {k: _merged(base[k], v) if k in base else v for k, v in more.items()} | {
            k: v for k, v in base.items() if k not in more}
    if isinstance(base, list) and isinstance(more, list):
        return base + more
    return more


@lru_cache(maxsize=1)
def _base_lexicon() -> dict:
    """The five lexicon files of English and the languages with family phrases, merged, read once (manager heads,
    joiners and the family guesses of engine.families start from it). Read-only."""
    raw = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    raw = _merged(raw, json.loads(WORLD_PATH.read_text(encoding="utf-8")))
    raw = _merged(raw, json.loads(LEVELS_PATH.read_text(encoding="utf-8")))
    raw = _merged(raw, json.loads(ROLES_PATH.read_text(encoding="utf-8")))
    return _merged(raw, json.loads(LADDERS_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _raw_lexicon() -> dict:
    """The base lexicon with the level and HR words of more languages (titles_languages.json, one block a language),
    read once: what titles are read with. Read-only."""
    raw = _base_lexicon()
    for block in json.loads(LANGUAGES_PATH.read_text(encoding="utf-8"))["languages"].values():
        raw = _merged(raw, block)
    return raw


# Level words that do not make a longer phrase a level: "Product Manager", "People Partner", "Research Associate"
# are roles. Every other level word inside a family or HR phrase still counts ("HR Director", "Head of Talent").
_NOT_INHERITED = frozenset({"manager", "managerin", "partner", "partnerin", "associate", "staff", "chef", "jefe",
                            "jefa"})


_NO_FAMILY_FROM = frozenset({("chef",)})  # "Chef d'équipe" leads a team, in any trade


def _inherit_levels(cues: dict[str, _Cue], no_level: set[str], units: frozenset[tuple[str, ...]] = frozenset(),
                    ) -> None:
    """A family or HR phrase without a level of its own takes the level of a level phrase inside it, and a level
    phrase without a family takes the family of a phrase inside it ("Police Sergeant", "Associate Attorney").
    A phrase "X Manager" whose X is a team, department or place (people_units, all of X) manages people, as a bare
    manager word after X does (_thing_managers): "IT Manager", "Plant Manager", "Call Centre Manager"; not
    "Product Marketing Manager"."""
    levels = {tuple(k.split()): c.level for k, c in cues.items() if c.level and "*" not in k}
    families = {tuple(k.split()): c for k, c in cues.items() if c.family and c.strength >= 0 and "*" not in k}
    for key, cue in cues.items():
        words = key.split()
        if cue.status or len(words) < 2:
            continue
        spans = [(i, i + size) for size in range(len(words) - 1, 0, -1) for i in range(len(words) - size + 1)]
        if not cue.level and key not in no_level:
            for i, j in spans:
                level = levels.get(tuple(words[i:j]))
                if level and " ".join(words[i:j]) not in _NOT_INHERITED:
                    cue.level = level
                    break
            if not cue.level and words[-1] in _MANAGER_WORDS and tuple(words[:-1]) in units:
                cue.level = "manager"
        if cue.level and cue.strength < 0:
            found = [families[span] for i, j in spans if (span := tuple(words[i:j])) in families
                     and span not in _NO_FAMILY_FROM]
            if found:
                best = max(found, key=lambda c: c.strength)
                cue.family, cue.strength, cue.role = best.family, best.strength, True


def _ladder(spec: dict) -> _Ladder:
    phrases = [fold(p).split() for p in spec["context"]]
    if not all(phrases):
        raise ValueError(f"lexicon: an empty context phrase in {spec['context']!r}")
    grades = {fold(w): level for w, level in spec["grades"].items()}
    return _Ladder(_phrases_pattern(spec["context"]), grades, spec.get("alone", False),
                   frozenset(words[0] for words in phrases), frozenset(g.rpartition(" ")[2] for g in grades))


def _phrases_pattern(phrases) -> re.Pattern:
    """Any of the phrases as whole words of a space-joined folded word list."""
    keys = sorted({" ".join(fold(p).split()) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\S)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\S)")


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = _raw_lexicon()
    cues: dict[str, _Cue] = {}
    for level, phrases in raw["seniority"].items():
        _add(cues, phrases, _Cue(level=level, role=True))
    _add(cues, raw["no_level"] + raw["roles"], _Cue(role=True))
    for status, phrases in raw["status"].items():
        _add(cues, phrases, _Cue(status=status))
    hr = raw["hr"]
    for kind in ("strong", "weak"):
        _add(cues, hr[kind], _Cue(hr=True, family="hr", strength=_STRENGTHS[kind], role=True))
    _add(cues, hr["heads"], _Cue(status="hr_head"))
    for level, phrases in raw.get("clinical_grades", {}).items():
        _add(cues, phrases, _Cue(clinical=level, role=True))
    for phrase, family in hr["never"].items():
        _add(cues, [phrase], _Cue(family=family, strength=1 if family else -1, role=bool(family)))
    for family, spec in raw["families"].items():
        if family not in FAMILIES:
            raise ValueError(f"lexicon: unknown family {family!r}")
        for kind, strength in _STRENGTHS.items():
            _add(cues, spec.get(kind, ()), _Cue(family=family, strength=strength, role=True))
    units = frozenset(tuple(fold(p).split()) for p in raw["manager_heads"]["people_units"])
    _inherit_levels(cues, {" ".join(fold(p).split()) for p in raw["no_level"]}, units)
    hints: dict[str, _Cue] = {}
    for family, phrases in raw["company_hints"].items():
        _add(hints, phrases, _Cue(family=family, strength=0))
    return _Lexicon(
        cues=_Matcher(cues),
        hints=_Matcher(hints),
        abbreviations={fold(k): tuple(fold(v).split()) for k, v in raw["abbreviations"].items()},
        numerals=raw["numerals"],
        terms={family: spec.get("terms", "") for family, spec in raw["families"].items()},
        upper_only=frozenset(fold(w) for w in raw.get("abbreviations_upper_only", ())),
        hr_traps=(((("talent",), frozenset(fold(w) for w in hr.get("talent_traps", ()))),)
                  + tuple((tuple(fold(w) for w in trap["in"]), frozenset(fold(w) for w in trap["not_with"]))
                          for trap in hr.get("word_traps", ()))),
        context_grades=tuple(_ladder(spec) for spec in raw.get("context_grades", ())),
        context_words=frozenset(fold(w).split()[-1] for spec in raw.get("context_grades", ())
                                for w in spec["grades"]),
        hr_prefixes=tuple(sorted({fold(p) for p in hr.get("compound_prefixes", ())}, key=len, reverse=True)),
        level_prefixes=(level_prefixes := (("senior", "senior"), ("junior", "junior"), *(
            (fold(k), fold(v)) for k, v in raw.get("level_prefixes", {}).items()))),
        level_starts=tuple(prefix for prefix, _ in level_prefixes),
    )


@dataclass(frozen=True)
class _ManagerHeads:
    trailing: frozenset[tuple[str, ...]]
    leading: frozenset[tuple[str, ...]]
    skip: frozenset[str]  # joiners and level words: not what is managed
    units: frozenset[tuple[str, ...]]  # a team, department or place: whoever manages it manages people


@lru_cache(maxsize=1)
def _manager_heads() -> _ManagerHeads:
    spec = _raw_lexicon()["manager_heads"]
    lex = _lexicon()
    level_words = {k[0] for k, c in lex.cues.phrases.items() if len(k) == 1 and c.level} | set(_role_words()[2])
    folded = lambda phrases: frozenset(tuple(fold(p).split()) for p in phrases)  # noqa: E731
    return _ManagerHeads(folded(spec["trailing"]), folded(spec["leading"]),
                         frozenset(fold(w) for w in spec["joiners"]) | level_words, folded(spec["people_units"]))


_THING_MANAGER = _Cue(role=True)  # a manager of a thing: a role, with no level of its own
_MANAGER_WORDS = frozenset({"manager", "managerin"})


def _people_unit(head: list[str], units: frozenset[tuple[str, ...]]) -> bool:
    return any(tuple(head[i : i + n]) in units for n in (1, 2, 3) for i in range(len(head) - n + 1))


def _thing_managers(words: list[str], found: list[tuple[int, int, _Cue]], cut: int,
                    ) -> list[tuple[int, int, _Cue]]:
    """A bare manager word ("X Manager", "Responsable de X") keeps its level only when X is a team, department or
    place (data/titles_levels.json); otherwise X is a thing managed (a product, a programme, a subject) and the
    title has no level from that word. X is read in the title's words and in their English reading. After "Junior"
    ("Junior Marketing Manager") the manager word names the junior's field, not a manager of people."""
    heads = _manager_heads()
    out = []
    for start, end, cue in found:
        if cue.level != "manager":
            out.append((start, end, cue))
            continue
        key = tuple(words[start:end])
        if key[-1] in _MANAGER_WORDS and "junior" in words[:start]:
            cue = replace(cue, level=None)  # "Junior HR Manager": a junior in a department, no manager of people
        elif key in heads.trailing or key in heads.leading:
            span = words[:start] if key in heads.trailing else words[end:cut]
            head = [w for w in span if w not in heads.skip]
            if head and not _people_unit(head, heads.units):
                english = [w for w in canonical_role(" ".join(head)).split() if w not in heads.skip]
                if not _people_unit(english, heads.units):
                    cue = _THING_MANAGER
        out.append((start, end, cue))
    return out


@lru_cache(maxsize=1)
def _joiners() -> frozenset[str]:
    return frozenset(fold(w) for w in _raw_lexicon()["manager_heads"]["joiners"])


_HEAD_OF_ROLE = _Cue(level="lead", role=True)  # "Head Waiter": the first of the waiters


def _heads_of_roles(words: list[str], found: list[tuple[int, int, _Cue]], cut: int,
                    ) -> list[tuple[int, int, _Cue]]:
    """A bare "Head" right before a person's role ("Head Waiter", "Head Gardener", "Head Engineer") leads that
    role's team: lead, not director. Before a field or department ("Head Sales", "Head of Marketing") and after
    one ("Department Head") it stays director. A person's role is a bare job word with no level, or a strong or
    generic family cue with no level or an entry level by nature ("Waiter"), or, after a last "Head", a word the
    lexicon does not list that ends as English words for people do ("Brewer", "Groundsman"); a weak cue names a
    field."""
    if "head" not in words:
        return found
    out = list(found)
    for k, (start, end, _) in enumerate(found[:-1]):
        nxt = found[k + 1][2]
        person = (nxt.family is None and not nxt.level) or (nxt.strength in (0, 2) and nxt.level in (None, "entry"))
        if (words[start:end] == ["head"] and found[k + 1][0] == end and nxt.role and not nxt.status and person
                and words[end] not in _joiners()):  # "Head of People" heads a department
            out[k] = (start, end, _HEAD_OF_ROLE)
    if found and (last := found[-1])[2].level == "director" and words[last[0]:last[1]] == ["head"]:
        rest = words[last[1]:cut]  # "Head Brewer", "Head Groundsman": a person's word the lexicon does not list
        if rest and not set(rest) & _joiners() and _PERSON.search(rest[-1]) and rest[-1] not in _NOT_PERSONS:
            out[-1] = (last[0], last[1], _HEAD_OF_ROLE)
    return out


_NO_LEVEL_ROLE = _Cue(role=True)
# Words that are a person with a level by nature only as the role itself, and a thing or a programme before another
# role: "Server" but "Windows Server Technician", "Runner", "Apprenticeship" but "Apprenticeship Recruitment
# Coordinator".
_THINGS_BEFORE_ROLE = frozenset({"server", "runner", "apprenticeship", "apprenticeships", "internship",
                                 "internships"})
# Level words that say a level before a role and none after one: "Staff Engineer" but "Bar Staff", "Qualified
# Electrician" but "BASIS qualified", "Reader in Physics" but "Meter Reader", "Experte Steuern" but "Product Expert".
_LEVEL_ONLY_BEFORE = frozenset({"staff", "qualified", "reader", "expert"})
_PLACED_LEVEL_WORDS = _THINGS_BEFORE_ROLE | _LEVEL_ONLY_BEFORE  # what _staff_after_role reads by place
# The Staff ladder (Staff, Senior Staff, Principal) is the technical ladder of engineering, data, design, product and
# research; before a role of these fields "Staff" says nothing: "Staff Photographer", "Staff Technologist" (MRI).
_NOT_STAFF_LADDER = frozenset({"healthcare", "media", "legal", "public_sector", "hospitality", "trades", "education",
                               "social_services", "logistics", "nonprofit", "hr"})


def _staff_after_role(words: list[str], found: list[tuple[int, int, _Cue]], cut: int,
                      ) -> list[tuple[int, int, _Cue]]:
    """Level words of _LEVEL_ONLY_BEFORE at the end of a role ("Bar Staff", "JNC qualified", "Meter Reader",
    "Subject Matter Expert") say no level: the people of a place, a credential, a trade; and "Staff" says none alone
    nor before a role off the technical ladder (_NOT_STAFF_LADDER) or a word the lexicon does not know."""
    out = list(found)
    for k, (start, end, cue) in enumerate(found):
        if not cue.level or end - start != 1 or words[start] not in _PLACED_LEVEL_WORDS:
            continue
        key = words[start:end]
        nxt = found[k + 1][2] if k + 1 < len(found) and found[k + 1][0] == end else None  # the cue right after
        if key[0] in _THINGS_BEFORE_ROLE:  # before another role: a thing ("Server Technician")
            says_none = nxt is not None and nxt.role and not nxt.status
        else:  # after a role ("Bar Staff"), or "Staff" off the technical ladder
            says_none = (end == cut and start > 0) or (key == ["staff"] and (
                nxt is None or nxt.family in _NOT_STAFF_LADDER or nxt.level == "entry"))
        if says_none:
            out[k] = (start, end, _NO_LEVEL_ROLE)
    return out


def _context_grades(hits: list[_Hit], words: list[str], lex: _Lexicon) -> list[_Hit]:
    """A ladder's grades where the title or its employer names the ladder's world (data/titles_ladders.json
    context_grades): "Analyst, Investment Banking" entry, "Associate, Private Equity" mid, "Business Analyst at
    McKinsey" entry, "Principal, Lincoln High School" c_level (a grade marked alone counts only as the whole of its
    clause: not "Principal Engineer, School of Engineering"). A grade word with a level word of its own before it
    ("Senior Associate") keeps that level."""
    graded = [(i, h.key) for i, h in enumerate(hits) if h.key.rpartition(" ")[2] in lex.context_words
              and not h.cue.status]
    if not graded:
        return hits
    text = " ".join(words)
    present = set(text.split())  # the words as the context pattern sees them: whitespace apart
    graded_words = {folded.rpartition(" ")[2] for _, folded in graded}
    out = list(hits)
    for ladder in lex.context_grades:
        if (ladder.grade_words.isdisjoint(graded_words) or ladder.first_words.isdisjoint(present)
                or not ladder.context.search(text)):
            continue
        grades = ladder.grades
        for i, folded in graded:
            h, last = out[i], folded.rpartition(" ")[2]
            if (folded in grades or (last in grades and not h.cue.level)) and (h.alone or not ladder.alone):
                out[i] = replace(h, cue=replace(h.cue, level=grades[folded if folded in grades else last], role=True))
    return out


# English words for a person by their ending (brewer, groundsman, archivist, librarian, locksmith, greenkeeper),
# less common words of things with the same endings.
_PERSON = re.compile(r"(?:[a-z]{2}(?:er|or|ist|ian)|man|woman|smith|wright|keeper|herd)$")
_NOT_PERSONS = frozenset({
    "customer", "computer", "consumer", "center", "paper", "water", "power", "winter", "summer", "other", "cancer",
    "laser", "transfer", "counter", "order", "border", "chapter", "quarter", "cluster", "matter", "letter", "number",
    "timber", "rubber", "leather", "silver", "copper", "weather", "theater", "river", "sector", "floor", "interior",
    "labor", "behavior", "behaviour", "color", "colour", "motor", "indoor", "outdoor", "corridor", "tier", "career",
    "human", "german", "roman", "christian", "asian", "european", "canadian", "indian", "italian", "brazilian",
    "mister", "manager", "partner", "leader", "officer", "director",
})


# Gendered forms people write: Leiter/in, Reclutador/a, Chargé(e), Entwickler (m/w/d), Directeur·rice.
_GENDER = re.compile(
    r"\(\s*[mwfhdx]\s*(?:/\s*[mwfhdx]\s*)+\)"
    r"|\((?:e|es|ne|le|euse|rice|trice|in|innen|a|as)\)"
    r"|(?<=\w)(?:\s*/\s*|[·:*_])(?:in|innen|a|as|e|es|ne|euse|rice|trice)\b",
    re.IGNORECASE,
)
# A US federal grade written with its four-digit occupational series between: "GS-2210-12" is grade GS-12.
_GS_SERIES = re.compile(r"\bGS[- ]?\d{4}[- ](\d{1,2})\b", re.IGNORECASE)
_BINNEN_I = re.compile(r"(?<=[a-zäöüß])In(?:nen)?\b")
_GROUPS = re.compile(r"[|•·;▪►◆●★✦❖\n\r\t]+|\s//\s")
_CLAUSES = re.compile(r"[,()\[\]{}/:]|\s[-–—~]+\s|[–—]")
_EMPLOYER_JOINERS = ("at", "chez", "bei", "for", "pour", "para", "to", "bij", "presso", "hos", "på")
_EMPLOYER = re.compile(r"\s(" + "|".join(_EMPLOYER_JOINERS) + r")\s|(@)", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_]{1,3}&[^\W\d_]{1,3}(?![^\W_])|[^\W_]+|&")  # a word, "R&D", or "&" alone
_WORD = re.compile(r"[^\W_]+")  # _TOKEN's tokens in a text without "&"
# A character each regex needs to match at all (a title holding none of them skips the regex: most titles are
# plain words): _GENDER a bracket, a slash or a gender mark; _GROUPS a group mark (or "//"); _CLAUSES a clause mark.
_GENDER_NEEDS = frozenset("(/·:*_")
_GROUPS_NEED = frozenset("|•·;▪►◆●★✦❖\n\r\t/")
_CLAUSES_NEED = frozenset(",()[]{}/:-–—~")
_JOINER_WORDS = frozenset(_EMPLOYER_JOINERS)


def _ungendered(title: str, gap: str) -> str:
    """The title in NFKC with its gender marks (_GENDER, replaced by `gap`) and Binnen-I (_BINNEN_I) taken out."""
    text = unicodedata.normalize("NFKC", title)
    if not _GENDER_NEEDS.isdisjoint(text):
        text = _GENDER.sub(gap, text)
    return _BINNEN_I.sub("", text) if "In" in text else text


def _employer_split(clause: str) -> list[str]:
    """_EMPLOYER.split(clause, maxsplit=1): [role, joiner or None, "@" or None, employer], or [clause] alone. An ASCII
    clause skips the regex unless it holds "@" or a joiner as a word: there its case-blind match is plain lower case,
    and a joiner with whitespace either side is one of the clause's whitespace-split words."""
    if clause.isascii() and "@" not in clause and _JOINER_WORDS.isdisjoint(clause.lower().split()):
        return [clause]
    return _EMPLOYER.split(clause, maxsplit=1)


def _split(pattern: re.Pattern, needs: frozenset[str], text: str) -> list[str]:
    """pattern.split(text), without running the regex where the text holds no character it needs."""
    return [text] if needs.isdisjoint(text) else pattern.split(text)


def _listed(word: str, lex: _Lexicon) -> bool:
    return (word,) in lex.cues.phrases or lex.cues._wild(word) is not None


def _level_prefix(word: str, lex: _Lexicon) -> tuple[str, str] | None:
    """The level prefix a compound starts with ("senior", "junior", Estonian "vanem") when the rest is a role or
    family word of the lexicon ("Seniorentwickler", "Juniorprojektleiterin", "Vanemspetsialist"); not
    "Seniorenbetreuer" (Senioren-, Junioren-: the elderly, the youth) nor a word the lexicon lists whole
    ("Juniorprofessor"), with the level word it stands for."""
    for prefix, level_word in lex.level_prefixes:
        rest = word[len(prefix):]
        if (word.startswith(prefix) and len(rest) >= 4 and (word,) not in lex.cues.phrases and _listed(rest, lex)
                and not (rest.startswith("en") and _listed(rest[2:], lex))):
            return prefix, level_word
    return None


_HR_WORDS = ("human", "resources")  # what an HR compound's first part says ("Personal-": personnel)


def _hr_compound(word: str, lex: _Lexicon) -> str | None:
    """The HR part of a German, Dutch or Swedish compound ("Personaldienstleistungskaufmann", "Personalplanerin",
    "Lohnsachbearbeiter", "Lönespecialist") whose rest is, or ends in, a word of the lexicon; None for a word the
    lexicon lists whole as HR, a phrase it reads otherwise ("Personaltrainer" is a personal trainer) or a word
    that is no compound of a role ("Personalisierung")."""
    for prefix in lex.hr_prefixes:
        rest = word[len(prefix):]
        if not word.startswith(prefix) or len(rest) < 4 or (word,) in lex.cues.phrases:
            continue
        if (j := lex.cues._wild(word)) is not None and lex.cues.wild_cues[j].hr:
            return None
        if (cue := lex.cues.phrases.get((prefix, rest))) is not None and not cue.hr:
            return None
        if any(_listed(rest[i:], lex) for i in range(len(rest) - 3)):
            return prefix
    return None


def _words(text: str, lex: _Lexicon) -> tuple[list[str], list[str]]:
    """Folded words with abbreviations expanded, and the original token each word came from."""
    words, origin = [], []
    tokens = (_TOKEN if "&" in text else _WORD).findall(text)
    alone = len(tokens) == 1  # an abbreviation that is also a word is the abbreviation alone in its clause ("Vd")
    for token in tokens:
        read = _token_words(token, alone)
        words += read
        origin += [token] * len(read)
    return words, origin


@lru_cache(maxsize=200_000)
def _token_words(token: str, alone: bool) -> tuple[str, ...]:
    """The folded words one token of a clause reads as (_words; `alone`: the clause's only token), remembered per
    token: the lexicon is fixed, and a title's words recur across titles."""
    lex = _lexicon()
    folded = "and" if token == "&" else fold(token)
    if folded.endswith("leitung"):  # German names the post by its office: Teamleitung is the Teamleiter
        folded = folded[: -len("leitung")] + "leiter"
    if folded.startswith(lex.level_starts) and (found := _level_prefix(folded, lex)) is not None:
        return found[1], folded[len(found[0]):]  # "Seniorentwickler": senior, then the role
    if folded.startswith(lex.hr_prefixes) and (prefix := _hr_compound(folded, lex)) is not None:
        return (*_HR_WORDS, folded[len(prefix):])  # "Personaldienstleistungskaufmann": HR, then the role
    if folded in lex.upper_only and not token.isupper() and not alone:
        return (folded,)
    return lex.abbreviations.get(folded, (folded,))


@dataclass(slots=True)
class _Hit:
    cue: _Cue
    text: str
    group: int
    position: int
    alone: bool = False  # the only cue of its clause: "Principal" in "Principal, Lincoln High School"
    key: str = ""  # the phrase matched, in folded words


@lru_cache(maxsize=200_000)
def _parse(title: str) -> TitleInfo:
    lex = _lexicon()
    text = _ungendered(title, "")
    if "-" in text and (series := _GS_SERIES.search(text)):  # "GS-2210-12": the grade after the job series
        text = text[:series.start()] + f"GS-{series[1]}" + text[series.end():]
    level_hits: list[_Hit] = []
    hr_hits: list[_Hit] = []
    family_hits: list[_Hit] = []
    numeral_hits: list[_Hit] = []
    hint_words: list[str] = []
    has_role = False
    for group_index, group in enumerate(_split(_GROUPS, _GROUPS_NEED, text)):
        hits: list[_Hit] = []
        statuses: set[str] = set()
        heads: list[_Hit] = []
        numerals: list[_Hit] = []
        group_words: list[str] = []
        for clause in _split(_CLAUSES, _CLAUSES_NEED, group):
            role_text, *parts = _employer_split(clause)  # role, joiner ("for", "@"), employer
            joiner, employer = (fold(parts[0] or parts[1]), parts[2:]) if parts else ("|", [])
            words, origin = _words(role_text, lex)
            found = lex.cues.find(words)
            cut = len(words)
            if found:  # most clauses of a title hold one cue or none: the rules below only where there is one
                if any(c.status for *_, c in found):
                    cut = next((s for s, _, c in found if c.status in ("former", "drop_from")), cut)
                    if any(c.status == "drop_clause" for *_, c in found):
                        continue
                    found = [(s, e, c) for s, e, c in found if s < cut]
                found = _thing_managers(words, found, cut)
                found = _heads_of_roles(words, found, cut)
                found = _staff_after_role(words, found, cut)
            employer_words = _words(employer[0], lex)[0] if employer and cut == len(words) else []
            hint_words += [*words[:cut], "|", *employer_words, "|"]
            group_words += [*words[:cut], joiner if employer_words else "|", *employer_words, "|"]
            for start, end, cue in found:
                one = end - start == 1  # most phrases are one word: its token and word as they are
                hit = _Hit(cue, origin[start] if one else " ".join(dict.fromkeys(origin[start:end])), group_index,
                           len(hits), len(found) == 1, words[start] if one else " ".join(words[start:end]))
                if cue.status == "hr_head":
                    if end == cut:
                        heads.append(hit)
                elif cue.status:
                    statuses.add(cue.status)
                else:
                    hits.append(hit)
            last = words[cut - 1] if cut else ""
            # a numeral grades the role right before it ("Engineer II"), not a field word ("Basel III")
            if last in lex.numerals and found and found[-1][1] == cut - 1 and found[-1][2].strength != 1:
                numerals.append(_Hit(_Cue(level=lex.numerals[last]), origin[cut - 1], group_index, 0))
        # "Consultant", "Registrar": a grade only next to a healthcare role or specialty ("Consultant Obstetrician",
        # "Registrar in Anaesthetics"); a plain "Consultant" or a university "Registrar" says no level
        if not hits and not numerals:  # nothing read in this group (a slogan, an unknown word): nothing to add
            continue
        if any(h.cue.clinical for h in hits) and any(h.cue.family == "healthcare" and h.cue.strength >= 1
                                                     for h in hits):
            hits = [replace(h, cue=replace(h.cue, level=h.cue.clinical)) if h.cue.clinical and not h.cue.level else h
                    for h in hits]
        hits = _context_grades(hits, group_words, lex)
        # "people", "talent", "personal" mean HR only as what a level word or a bare job word heads: "VP People",
        # "Leiter Personal", "Referentin Personal".
        if heads and any(h.cue.level or (h.cue.role and h.cue.family is None) for h in hits):
            hits += [_Hit(_Cue(hr=True, family="hr", strength=1, role=True), h.text, group_index, h.position,
                          key=h.key)
                     for h in heads]
        family_hits += [h for h in hits if h.cue.family]
        interned = any(h.cue.level == "intern" for h in hits)
        if statuses & {"retired", "aspiring"} or ("student" in statuses and not interned):
            continue  # the family still counts: an aspiring data scientist is close to data roles
        level_hits += [h for h in hits if h.cue.level]
        numeral_hits += numerals
        hr_hits += [h for h in hits if h.cue.hr]
        has_role |= any(h.cue.role for h in hits)

    if hr_hits and _trapped(hr_hits, set(hint_words), lex):
        hr_hits = []  # "Talent Manager, music label", "Técnico de Selección Genética": not people at work
    evidence = []
    if interned_hits := [h for h in level_hits if h.cue.level == "intern"]:
        seniority = "intern"
        evidence.append(f"'{interned_hits[0].text}' -> intern")
    elif level_hits:
        seniority = max((h.cue.level for h in level_hits), key=_PRECEDENCE.__getitem__)
        evidence.append(f"'{next(h.text for h in level_hits if h.cue.level == seniority)}' -> {seniority}")
    elif has_role and numeral_hits:
        seniority = numeral_hits[0].cue.level
        evidence.append(f"'{numeral_hits[0].text}' -> {seniority}")
    else:  # a role without a level word, or no role at all: no information, never a default mid
        seniority = "unknown"
    if hr_hits:
        evidence.append(f"'{hr_hits[0].text}' -> HR")
    strength = -1
    if family_hits:
        best = max(family_hits, key=lambda h: (h.cue.strength, -h.group, h.position))
        family, strength = best.cue.family, best.cue.strength
        if not (family == "hr" and hr_hits and best.text == hr_hits[0].text):
            evidence.append(f"'{best.text}' -> {FAMILY_LABELS[family]}")
    elif seniority != "unknown" and (hints := lex.hints.find(hint_words)):
        family = hints[0][2].family
        evidence.append(f"'{' '.join(hint_words[hints[0][0] : hints[0][1]])}' -> {FAMILY_LABELS[family]}")
    else:
        family = "other"
    return TitleInfo(seniority, bool(hr_hits), family, tuple(evidence), strength)


def _trapped(hr_hits: list[_Hit], words: set[str], lex: _Lexicon) -> bool:
    """Whether every HR word of a title is one a trap word beside it makes no HR (hr.talent_traps, hr.word_traps):
    the talent of artists, the selection of genes, seeds or wines, the benefits of welfare claimants."""
    return any(all(any(stem in h.key for stem in stems) for h in hr_hits) and traps & words
               for stems, traps in lex.hr_traps)


_UNKNOWN = TitleInfo("unknown", False, "other", ())


def parse_title(title: str | None) -> TitleInfo:
    """Seniority, HR and family of one free-text title, e.g. 'VP Eng' -> vp, not HR, software engineering."""
    return _readings([title])[0]


# Each title's reading as parse_titles and parse_title return it (read_lexically, then _guess_families), remembered for
# the life of the process. A reading depends on the title's text, the lexicons and the embeddings alone, so
# engine.readings may seed this memo with readings a store remembers from an earlier run (and read it out).
_READINGS: dict[str, TitleInfo] = {}
_READINGS_SETTING: list[tuple] = []  # the guess setting the memo's readings were made under
READINGS_LIMIT = 200_000  # distinct titles kept; the memo starts afresh when full


def guess_setting() -> tuple:
    """What a family guess depends on besides the title and the files: the closeness it needs and whether the
    embeddings are there (tests and benches vary both in a process)."""
    from engine import embeddings, families
    return families.GUESS_MIN, embeddings.available()


def remembered_readings() -> dict[str, TitleInfo]:
    """The memo of readings (title -> TitleInfo), emptied first when the guess setting changed since it was filled."""
    setting = guess_setting()
    if not _READINGS_SETTING or _READINGS_SETTING[0] != setting:
        _READINGS.clear()
        _READINGS_SETTING[:] = [setting]
    return _READINGS


def _readings(titles: list) -> list[TitleInfo]:
    """The reading of each title, computing (in one batch, for the family guesses) only those not remembered."""
    memo = remembered_readings()
    known = {t: memo.get(t) for t in titles if isinstance(t, str)}  # a snapshot: another thread may clear the memo
    missing = [t for t, info in known.items() if info is None]
    if missing:
        known.update(remember_read(missing, [read_lexically(t) for t in missing]))
    return [known[t] if isinstance(t, str) else _UNKNOWN for t in titles]


def remember_read(titles: list[str], infos: list[TitleInfo]) -> dict[str, TitleInfo]:
    """Finish and remember the readings of titles read from the lexicons alone (read_lexically, here or in another
    process: engine.reading_helper): a family guessed from meaning where no phrase named one, in one batch, then
    into the memo of readings. Returns them (title -> TitleInfo)."""
    memo = remembered_readings()
    fresh = dict(zip(titles, _guess_families(titles, infos), strict=True))
    if len(memo) + len(fresh) > READINGS_LIMIT:
        memo.clear()
    memo.update(fresh)
    return fresh


def _guess_families(titles: list, infos: list[TitleInfo]) -> list[TitleInfo]:
    """The infos, with a family guessed from meaning (engine.families) where no lexicon cue named one."""
    from engine.families import guess_families
    unnamed = [i for i, info in enumerate(infos) if info.family == "other" and info.family_strength < 0
               and isinstance(titles[i], str) and titles[i].strip()]
    if not unnamed:
        return infos
    out = list(infos)
    for i, guess in zip(unnamed, guess_families([titles[i].strip()[:300] for i in unnamed]), strict=True):
        if guess is not None:
            family, _ = guess
            out[i] = replace(infos[i], family=family, evidence=(
                *infos[i].evidence, f"nearest in meaning: {FAMILY_LABELS[family]}"))
    return out


def read_lexically(title: str | None) -> TitleInfo:
    """parse_title from the lexicons alone (remember_read adds the guesses from meaning)."""
    if not isinstance(title, str) or not title.strip():
        return _UNKNOWN
    info = _parse(title.strip()[:300])
    if info.family_strength < 1 and (role := canonical_role(title)) and role != fold(title).strip():
        # "CRA II", "Studienkoordinatorin": the English role words may name the family the original did not
        english = _parse(role)
        if english.family_strength > info.family_strength:
            return replace(info, family=english.family, family_strength=english.family_strength,
                           evidence=(*info.evidence, f"'{role}' -> {FAMILY_LABELS[english.family]}"))
    return info


def parse_titles(titles: pd.Series) -> pd.DataFrame:
    """Columns seniority, is_hr, family, family_strength for a whole column, parsing each distinct title once."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(titles, use_na_sentinel=True)
    infos = _readings(list(uniques)) + [_UNKNOWN]  # code -1 (missing): last row
    seniority = np.array([i.seniority for i in infos], dtype=object)
    is_hr = np.array([i.is_hr for i in infos], dtype=bool)
    family = np.array([i.family for i in infos], dtype=object)
    strength = np.array([i.family_strength for i in infos], dtype=int)
    return pd.DataFrame({"seniority": seniority[codes], "is_hr": is_hr[codes], "family": family[codes],
                         "family_strength": strength[codes]}, index=titles.index)


def family_terms(family: str) -> str:
    """A short bag of words describing a family, to enrich titles before TF-IDF similarity."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    return _lexicon().terms.get(family, "")


_SEGMENTS = re.compile(r"\s*(?:[|,;•·]|\s[-–—]\s|\s@\s|\sat\s)\s*")
_SEGMENTS_NEED = frozenset("|,;•·-–—@")  # what _SEGMENTS needs, besides "at"


_ROLE_WORD = re.compile(r"[\w&]+")  # a word as canonical_role reads it
_PLAIN_WORDS = re.compile(r"[\w&]+(?: [\w&]+)*")  # such words one space apart
_A_LETTER = re.compile(r"\w")


@lru_cache(maxsize=1)
def _role_words() -> tuple[dict[tuple[str, ...], tuple[str, ...]], dict[str, int], frozenset[str]]:
    """(English words for each synonym phrase and abbreviation, as word tuples; the most words a phrase starting with
    each word has; the level words canonical_role drops)."""
    raw = _merged(json.loads(SYNONYMS_PATH.read_text(encoding="utf-8")),
                  json.loads(SYNONYMS_WORLD_PATH.read_text(encoding="utf-8")))
    lex = _lexicon()
    synonyms = {fold(k): v for k, v in raw["synonyms"].items()} | {
        k: " ".join(v) for k, v in lex.abbreviations.items() if k not in lex.upper_only}
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
    longest: dict[str, int] = {}
    for key, english in synonyms.items():
        if not _PLAIN_WORDS.fullmatch(key) or not _PLAIN_WORDS.fullmatch(english):
            raise ValueError(f"lexicon: a role synonym is words one space apart: {key!r} -> {english!r}")
        words = tuple(key.split(" "))
        phrases[words] = tuple(english.split(" "))
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return phrases, longest, frozenset(raw["level_words"])


def _synonyms_replaced(words: list[str]) -> tuple[list[str], bool]:
    """The words with each synonym phrase in English, left to right, the longest phrase first at each word (whole
    words only); and whether any was replaced."""
    phrases, longest, _ = _role_words()
    if longest.keys().isdisjoint(words):  # no phrase starts at any word (most titles in English)
        return words, False
    out: list[str] = []
    i, n, changed = 0, len(words), False
    while i < n:
        size = min(longest.get(words[i], 0), n - i)
        while size and (english := phrases.get(tuple(words[i : i + size]))) is None:
            size -= 1
        if size:
            out += english
            i += size
            changed = True
        else:
            out.append(words[i])
            i += 1
    return out, changed


@lru_cache(maxsize=1)
def _upper_abbreviations() -> tuple[re.Pattern, tuple[str, ...]]:
    """Abbreviations read only when written in capitals ("DEI", "AI"): in lower case they are words of a language.
    (The regex, and the capitals it looks for: a text holding none of them is left as it is without the regex.)"""
    words = [w.upper() for w in sorted(_lexicon().upper_only, key=len, reverse=True) or ["(?!)"]]
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b"), tuple(words)


def _upper_expanded(text: str) -> str:
    """The text with each abbreviation read only in capitals (_upper_abbreviations) written out in its words."""
    pattern, capitals = _upper_abbreviations()
    if not any(map(text.__contains__, capitals)):
        return text
    return pattern.sub(lambda m: " ".join(_lexicon().abbreviations[fold(m[0])]), text)


def _segments(text: str) -> list[str]:
    """_SEGMENTS.split(text), without the regex where no separator can be: each needs a mark or the letters "at"."""
    if _SEGMENTS_NEED.isdisjoint(text) and "at" not in text:
        return [text]
    return _SEGMENTS.split(text)


@memoized(200_000)  # engine.readings seeds it from the store
def canonical_role(title: str | None) -> str:
    """The role a title names, in plain English words without level words, for comparing titles word by word.

    >>> canonical_role("Sr. Científica de Datos | Fraud")
    'data scientist'
    """
    if not isinstance(title, str):
        return ""
    text = _ungendered(title[:300], " ")
    text = fold(_upper_expanded(text))
    segment = next((s for s in _segments(text.replace("(", " ").replace(")", " ")) if _A_LETTER.search(s)), "")
    words = _ROLE_WORD.findall(segment)
    for _ in range(2):  # an abbreviation may expand into words that have an English synonym ("RRHH")
        words, changed = _synonyms_replaced(words)
        if not changed:  # nothing replaced: a second pass would find nothing either
            break
    level_words = _role_words()[2]
    return " ".join(w for w in words if w not in level_words)
