"""Start Unstuck: `python serve.py [streamlit options]` is `streamlit run streamlit_app.py`, with the engine loading
in the background while the server starts and the browser opens.

The first page a user opens would otherwise pay for loading the engine: importing pandas and DuckDB and reading the
title lexicons and vectors, 0.8-0.9 s of CPU on the 2-core machine bench/bench_pages.py measures, the same whatever
the data. Here a thread does that as the process starts, so only the user's own data is read and scored on the first
click. Loading is the same code a page would run (engine.ranking.warm_up), so a page that asks first simply waits
for it: Python imports a module once and the loaders keep what they load.
"""

import sys
import threading
from datetime import date
from pathlib import Path

APP = Path(__file__).resolve().parent / "streamlit_app.py"


def load_engine() -> None:
    """Import what the pages import and load what every ranking needs."""
    import openpyxl  # noqa: F401  (engine.readers reads Excel files with it: 0.08 s at the first .xlsx previewed)

    import engine.store  # noqa: F401  (DuckDB; only engine.store may import it)
    from engine.ranking import warm_up

    warm_up(date.today())


def main() -> None:
    threading.Thread(target=load_engine, name="unstuck-load-engine", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
