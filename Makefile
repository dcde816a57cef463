# Unstuck: `make run` starts the app over the default store (with demo data on first run); `make test` runs
# every test, `make test-fast` only the engine's unit tests (not marked slow). All create .venv on first use and
# refresh it when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast check shots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/unstuck demo --if-empty
	$(BIN)/python serve.py --server.port $(PORT)

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# the tests to run every few minutes: the pure engine's unit tests, without store, CLI, fuzz, app and browser tests
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow"

# what CI does, from this checkout
check:
	CI=true bash .ci/run

shots: $(VENV)/.installed-test
	$(BIN)/python ../shared/tools/shoot_pages.py --out shots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .import_linter_cache shots
