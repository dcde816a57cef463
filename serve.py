"""Start Unstuck: `python serve.py [streamlit options]` is `streamlit run streamlit_app.py`, with the engine loading
in the background once the server is up, while the browser opens.

The first page a user opens would otherwise pay for loading the engine: importing pandas and DuckDB and reading the
title lexicons and vectors, 0.8-0.9 s of CPU on the 2-core machine bench/bench_pages.py measures, the same whatever
the data. Here a thread does that, so only the user's own data is read and scored on the first click. It waits for
Streamlit's server to answer first: both need the interpreter, and loading beside Streamlit's own start delayed the
server (and so the browser) by a second. Loading is the same code a page would run (engine.ranking.warm_up): a page
that runs meanwhile shares what is imported, and at worst reads a lexicon a second time.
"""

import sys
import threading
import time
from datetime import date
from pathlib import Path

APP = Path(__file__).resolve().parent / "streamlit_app.py"
SERVER_WAIT = 60.0  # seconds: a server that is not up by then has failed; load anyway


def server_started(timeout: float = SERVER_WAIT) -> bool:
    """Wait until Streamlit's runtime accepts sessions (its server answers); False if it did not within `timeout`."""
    from streamlit.runtime import Runtime, RuntimeState

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Runtime.exists() and Runtime.instance().state is not RuntimeState.INITIAL:
            return True
        time.sleep(0.05)
    return False


def load_engine() -> None:
    """Import what the pages import and load what every ranking needs."""
    import openpyxl  # noqa: F401  (engine.readers reads Excel files with it: 0.08 s at the first .xlsx previewed)

    import engine.store  # noqa: F401  (DuckDB; only engine.store may import it)
    from engine.ranking import warm_up

    warm_up(date.today())


def _load_when_up() -> None:
    server_started()
    load_engine()


def main() -> None:
    threading.Thread(target=_load_when_up, name="unstuck-load-engine", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
