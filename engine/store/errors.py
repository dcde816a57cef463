"""What can go wrong with a store file, each said to the user as it is."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A store problem to show to the user as it is: the message names the file and what to do."""


class StoreLockedError(StoreError):
    pass


class StoreTooNewError(StoreError):
    pass


class StoreDamagedError(StoreError):
    """The file exists but DuckDB cannot open it; `copy` is the safety copy from before the last import, if any."""

    def __init__(self, message: str, copy: Path | None):
        super().__init__(message)
        self.copy = copy
