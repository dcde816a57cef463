"""The checkout's bytecode, written before a bench times whole processes, as any machine has it after a first run.

Python writes bytecode on a module's first import unless PYTHONDONTWRITEBYTECODE is set (as in the sandbox these
figures were taken in): then every measured process would compile the engine from source again, a cost of the
sandbox and not of Unstuck.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compile_checkout() -> None:
    """Write the bytecode of the engine, the pages, the app's entry point and its launcher (quietly; current files
    are skipped)."""
    for folder in ("engine", "app_pages"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    for entry in ("streamlit_app.py", "serve.py"):
        compileall.compile_file(ROOT / entry, quiet=1)
