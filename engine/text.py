"""Folding text for comparison: one rule for case and accents, in every script.

"Chloé" and "CHLOE" fold alike, "Geschäftsführer" to "geschaftsfuhrer", "Straße" to "strasse", and "Аналитик
данных" stays Cyrillic ("аналитик данных"): only accents are dropped, never letters. `fold` is for one text,
`fold_all` for many at once (one pyarrow pass); both give the same result, and a test holds them to it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the title readers (engine.reading_helper's process) need fold alone
    import numpy as np
    import pyarrow as pa

# The accents removed: combining diacritical marks (U+0300-U+036F) that NFKD splits off Latin, Greek and
# Cyrillic letters. Other scripts' combining signs (Japanese voicing marks, Indic vowel signs) are letters'
# parts and are kept.
_ACCENTS = "[\u0300-\u036f]"


def fold(text: str) -> str:
    """Lower case, accents dropped, every script's letters kept, recomposed (NFC)."""
    if text.isascii():  # most titles and names: nothing to decompose, and the same result far faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    return unicodedata.normalize("NFC", kept.replace("ß", "ss").replace("ς", "σ"))


def fold_all(texts: Sequence[str | None] | pa.Array) -> pa.Array:
    """`fold` of each text (None stays None), as one pyarrow string array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    a = texts if isinstance(texts, pa.Array) else pa.array(texts, pa.string())
    a = pc.utf8_normalize(pc.utf8_lower(a), "NFKD")
    a = pc.replace_substring(pc.replace_substring_regex(a, _ACCENTS, ""), "ß", "ss")
    a = pc.replace_substring(a, "ς", "σ")  # final sigma: str.lower() writes it by context, pyarrow never
    return pc.utf8_normalize(a, "NFC")


def numbered(stream: list[str]) -> tuple[dict[str, int], np.ndarray]:
    """({item: its number}, the number of each item of the stream): items numbered by first appearance."""
    import numpy as np

    index = {item: i for i, item in enumerate(dict.fromkeys(stream))}
    return index, np.fromiter(map(index.__getitem__, stream), dtype=np.int64, count=len(stream))
