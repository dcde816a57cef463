"""A per-process memo of a one-argument function, kept in a plain dict that can be seeded.

functools.lru_cache hides its entries; the title readers (engine.titles.canonical_role, engine.rolewords.english_role)
keep theirs here instead, so that engine.readings can put in the readings a store remembers from earlier runs and
read out the ones this process computed. Only text arguments are remembered (anything else is computed each time:
None and NaN read as nothing at once). The memo is bounded: it starts afresh once it holds `limit` texts.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")


def memoized(limit: int) -> Callable[[Callable[[object], T]], Callable[[object], T]]:
    """Decorator: remember fn(text) per text in `wrapper.memo` (a dict; `wrapper.cache_clear()` empties it)."""
    def decorate(fn: Callable[[object], T]) -> Callable[[object], T]:
        memo: dict[str, T] = {}

        @wraps(fn)
        def wrapper(arg):
            if not isinstance(arg, str):
                return fn(arg)
            found = memo.get(arg, memo)
            if found is not memo:
                return found
            value = fn(arg)
            if len(memo) >= limit:
                memo.clear()
            memo[arg] = value
            return value

        wrapper.memo = memo
        wrapper.cache_clear = memo.clear
        return wrapper
    return decorate
