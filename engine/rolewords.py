"""A job title in English role words, for comparing titles across languages: the words engine.titles.canonical_role
reads (whole phrases mapped to English, level words dropped), then each remaining word of another language in
English (data/role_words.json), German and Dutch compounds split into known parts, and the head of a Romance title
put last, as English puts it.

- "Landschaftsarchitektin" -> "landscape architect" (a compound: landschaft-s + architekt-in, a feminine ending);
- "Architetto paesaggista" -> "landscape architect" (the head "architetto" moved after its field word);
- "Coördinator jongerenwerk" -> "youth work coordinator"; "Conducteur de train" -> "train driver".

An English word stays itself (the data's English words, heads and `english` list: "Marine" is no French "marin").

A word is read in English when it, or its base form (feminine and plural endings: -in, -a, -euse, -rice, -e, -s),
is listed; a word nobody listed stays as it is, so English titles keep their words. `head_and_field` splits an
English role into its head (what kind of role: "handler", "architect", a `heads` word of the data file, usually the
last word) and its field words ("claims", "landscape"), for the comparison in engine.scoring.

Each distinct title is read once per process (engine.memo), like canonical_role, or not at all where a store
remembers its reading from an earlier run (engine.readings).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from engine.memo import memoized
from engine.text import fold
from engine.titles import canonical_role

WORDS_PATH = Path(__file__).resolve().parents[1] / "data" / "role_words.json"
# little words of the six languages that join a head to its field ("de", "di", "van"): dropped. English ones stay.
_JOINERS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "el", "los", "las", "del", "di", "della",
                      "dello", "dei", "degli", "delle", "da", "do", "dos", "das", "em", "en", "et", "e", "y", "und",
                      "der", "het", "voor", "pour", "para", "per", "au", "aux", "im", "zum", "zur",
                      "nel", "nella", "na", "no"})
# feminine and plural endings, tried in this order: (ending, what the base form ends with instead)
_ENDINGS = (("innen", ""), ("in", ""), ("euse", "eur"), ("rice", "eur"), ("rice", "ore"), ("ienne", "ien"),
            ("ere", "er"), ("ee", "e"), ("ora", "or"), ("a", "o"), ("a", "e"), ("e", ""), ("es", ""), ("s", ""),
            ("ster", "er"))
_LINKS = ("", "s", "es", "en", "n", "e", "er")  # what German and Dutch put between a compound's parts
_MIN_PART = 3
_MIN_COMPOUND = 8


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], dict[tuple[str, ...], str], dict[str, str], frozenset[str]]:
    """(single foreign word -> English, foreign phrase -> English, compound part -> English, head words)."""
    raw = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for english, forms in raw["words"].items():
        for form in forms:
            key = tuple(re.findall(r"\w+", fold(form)))
            if len(key) == 1:
                words.setdefault(key[0], english)
            elif key:
                phrases.setdefault(key, english)
    english_words = {w for english in raw["words"] for w in english.split()} | {fold(w) for w in raw["english"]}
    english_words |= {fold(h) for h in raw["heads"]}
    for word in english_words:  # an English word is read as English, whatever another language means by it
        words[word] = word
    parts = {w: w for w in english_words} | words
    for english, forms in raw["parts"].items():  # inside a compound, "personal" is German for HR
        parts.update({fold(form): english for form in forms})
    return words, phrases, parts, frozenset(fold(h) for h in raw["heads"])


@lru_cache(maxsize=4)
def _surface(table_id: int) -> frozenset[str]:
    """Every form _listed could find in the table (`_tables()[table_id]`): its keys, and each key with a feminine or
    plural ending instead of its base's; a word outside it is looked up no further."""
    table = _tables()[table_id]
    forms = set(table)
    for key in table:
        for ending, base in _ENDINGS:
            if key.endswith(base) and len(key) >= 4:
                forms.add(key[: len(key) - len(base)] + ending)
    return frozenset(forms)


def _tables() -> tuple[dict[str, str], dict[str, str]]:
    words, _, parts, _ = _vocabulary()
    return words, parts


def _listed(word: str, table: dict[str, str]) -> str | None:
    """The English for a word or its base form (feminine or plural ending taken off), else None."""
    if word in table:
        return table[word]
    if word not in _surface(0 if table is _tables()[0] else 1):
        return None
    for ending, base in _ENDINGS:
        if (word.endswith(ending) and len(word) - len(ending) + len(base) >= 4
                and (found := table.get(word[: len(word) - len(ending)] + base)) is not None):
            return found
    return None


def _compound(word: str, depth: int = 0) -> str | None:
    """A German or Dutch compound read as its known parts in English ("landschaftsarchitekt" -> "landscape
    architect"), the longest known last part first; None unless every part is known."""
    _, _, parts, heads = _vocabulary()
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        last = _listed(word[cut:], parts)
        if last is None or len(word) - cut < 4 or (last == word[cut:] and last not in heads):
            continue  # an English last part must be a head: "greenskeeper", never "partner-ship"
        first_word = word[:cut]
        for link in _LINKS:
            stem = first_word[: len(first_word) - len(link)] if link else first_word
            if link and not first_word.endswith(link) or len(stem) < _MIN_PART:
                continue
            first = _listed(stem, parts)
            if first is None and depth == 0 and len(stem) >= _MIN_COMPOUND - 2:
                first = _compound(stem, 1)
            if first is not None:
                return f"{first} {last}"
    return None


@lru_cache(maxsize=100_000)
def _word(word: str) -> tuple[str, bool]:
    """(a word in English, whether it was read from another language)."""
    words, _, parts, _ = _vocabulary()
    if (found := _listed(word, words)) is not None:
        return found, found != word
    if word in parts or len(word) < _MIN_COMPOUND or not word.isalpha():
        return word, False
    split = _compound(word)
    return (split, True) if split else (word, False)


@memoized(200_000)  # engine.readings seeds it from the store
def english_role(title: str | None) -> str:
    """The role a title names in English words (see the module's note); "" when it names none.

    >>> english_role("Architetto paesaggista")
    'landscape architect'
    """
    role = canonical_role(title)
    if not role:
        return ""
    tokens = role.split()
    read = [_token(t) for t in tokens]
    heads = _vocabulary()[3]
    if any(translated or phrase for _, translated, phrase in read):
        out, foreign = _translated(tokens, read)
        out = [w for k, w in enumerate(out) if k == 0 or w != out[k - 1]]
    elif tokens[0] not in heads or tokens[-1] in heads:  # English words only, as most titles: kept as they are
        return role
    else:
        out, foreign = tokens, False
    lead = next((k for k, w in enumerate(out) if w not in heads), len(out))
    if 0 < lead < len(out) and out[-1] not in heads and (foreign or tokens[0] not in fold(title)):
        out = out[lead:] + out[:lead]  # a Romance head comes first: "architect landscape" is a landscape architect
    return " ".join(out)


def _translated(tokens: list[str], read: list[tuple[str, bool, bool]]) -> tuple[list[str], bool]:
    """(the tokens in English words, whether any was read from another language): phrases first, then word by
    word; joiners dropped."""
    phrases = _vocabulary()[1]
    out: list[str] = []
    foreign, i = False, 0
    while i < len(tokens):
        for size in (4, 3, 2) if i + 1 < len(tokens) and read[i][2] else ():
            key = tuple(tokens[i : i + size])
            if len(key) == size and (found := phrases.get(key) or phrases.get(tuple(_base(w) for w in key))):
                out.extend(found.split())
                foreign, i = True, i + size
                break
        else:
            out.extend(read[i][0].split())
            foreign |= read[i][1]
            i += 1
    return out, foreign


@lru_cache(maxsize=100_000)
def _token(word: str) -> tuple[str, bool, bool]:
    """(the word in English, "" for a joiner; whether it was read from another language or dropped; whether a listed
    phrase may start with it)."""
    if word in _JOINERS:
        return "", True, False
    english, translated = _word(word)
    return english, translated, _base(word) in _phrase_words()


@lru_cache(maxsize=100_000)
def _base(word: str) -> str:
    """A word's listed base form when it has one (for matching phrases), else the word."""
    known = _phrase_words()
    if word in known or word not in _phrase_surface():
        return word
    for ending, base in _ENDINGS:
        if word.endswith(ending) and (form := word[: len(word) - len(ending)] + base) in known:
            return form
    return word


@lru_cache(maxsize=1)
def _phrase_words() -> frozenset[str]:
    return frozenset(w for key in _vocabulary()[1] for w in key)


@lru_cache(maxsize=1)
def _phrase_surface() -> frozenset[str]:
    """The phrases' words with any feminine or plural ending instead of their base's (see _surface)."""
    return frozenset(w[: len(w) - len(base)] + ending for w in _phrase_words() for ending, base in _ENDINGS
                     if w.endswith(base))


@lru_cache(maxsize=1)
def generic_heads() -> frozenset[str]:
    """Head words used across many unrelated fields ("handler", "engineer", "driver"): a target with such a head is
    matched by its field words (engine.scoring.field_aware_similarity)."""
    raw = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    return frozenset(fold(h) for h in raw["generic_heads"])


def head_and_field(role: str) -> tuple[str, str]:
    """An English role's head (the kind of role: a listed head word at its end, "handler", "team leader") and its
    field words (the rest: "claims"), either possibly "". A role whose last word is no listed head ("Agronomist",
    "Sommelier") is all field: its words say the field and the role at once.

    >>> head_and_field("claims team leader")
    ('team leader', 'claims')
    """
    *_, heads = _vocabulary()
    words = role.split()
    for k, word in enumerate(words):  # "lecturer in midwifery": the head before "in", "of", "for" and its field after
        if word in ("in", "of", "for") and 0 < k < len(words) - 1 and words[k - 1] in heads:
            head, field = head_and_field(" ".join(words[:k]))
            return head, " ".join(filter(None, (field, *words[k + 1 :])))
    k = len(words)
    while k > 0 and words[k - 1] in heads:
        k -= 1
    return " ".join(words[k:]), " ".join(words[:k])
