"""The engine's pure modules import neither Streamlit nor DuckDB at run time (only engine/store/ may touch DuckDB);
`lint-imports` checks the same layers statically."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import engine

PURE = sorted(m.name for m in pkgutil.iter_modules(engine.__path__) if m.name not in {"store", "cli"})


def test_there_are_pure_modules_to_check():
    assert {"profile", "demo", "progress", "charts"} <= set(PURE)


@pytest.mark.slow  # a fresh interpreter imports every engine module
def test_pure_engine_modules_pull_in_neither_streamlit_nor_duckdb():
    code = ("import sys\n" + "".join(f"import engine.{m}\n" for m in PURE)
            + "print(sorted(m for m in ('streamlit', 'duckdb') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(engine.__file__).parents[1])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
