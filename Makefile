# NightCramps: `make run` serves the app, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint types docs unit wheel bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"

# Runtime dependencies only (what `make run` needs).
$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# Runtime plus the dev group (tests, lint, types, docs tools).
$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e . --group dev
	touch $@ $(VENV)/.run-installed

# JavaScript used only by the browser tests (axe-core for accessibility checks).
node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

## run: migrate the SQLite database in your data directory and serve http://127.0.0.1:$(PORT)
run: $(VENV)/.run-installed
	$(BIN)/nightcramps serve --host 127.0.0.1 --port $(PORT)

## demo: fill the demo database with 90 nights and serve it
demo: $(VENV)/.run-installed
	-$(BIN)/nightcramps demo
	$(BIN)/nightcramps serve --demo --host 127.0.0.1 --port $(PORT)

## test: lint, types, docs, the whole suite on SQLite and on PostgreSQL (with browser tests), wheel
test: lint types docs unit wheel

## lint: ruff check and ruff format --check
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests benchmarks scripts docs/_cli_reference.py docs/_claims.py
	$(BIN)/ruff format --check src tests benchmarks scripts docs/_cli_reference.py docs/_claims.py

## types: mypy --strict on src and tests
types: $(VENV)/.dev-installed
	$(BIN)/mypy

## docs: generated CLI reference and guidance claims tables are current (cog --check)
docs: $(VENV)/.dev-installed
	$(BIN)/cog --check docs/cli.md docs/guidance.md

## unit: pytest on SQLite, then again on a real PostgreSQL started by scripts/test-services.sh
unit: $(VENV)/.dev-installed node_modules/.installed
	$(eval PG_URL := $(shell scripts/test-services.sh))
	$(BIN)/pytest --cov --cov-report=term
	NIGHTCRAMPS_TEST_DATABASE_URL="$(PG_URL)" $(BIN)/pytest -q -p no:cacheprovider

## wheel: build the wheel and smoke-test the installed package (templates, static and data files)
wheel: $(VENV)/.dev-installed
	scripts/check-wheel.sh

# Dev plus the bench group (healthkit-to-sqlite, the Apple Health import's yardstick).
$(VENV)/.bench-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e . --group dev --group bench
	touch $@ $(VENV)/.dev-installed $(VENV)/.run-installed

## bench: run the benchmarks and print results for docs/performance.md
bench: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .coverage
