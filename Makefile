# Two commands work on a fresh machine: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SHARED ?= ../shared

.PHONY: run test lint bench messages clean

$(BIN)/ospo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

# The platform on the embedded default: database, admin account (printed), demo estate (this project and
# generated example repositories), first scans, then http://127.0.0.1:8000 (Ctrl-C stops). OSPO_DATA_DIR moves it.
run: $(BIN)/ospo
	$(BIN)/ospo demo --serve --host 127.0.0.1 --port 8000

test: $(BIN)/ospo
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

lint: $(BIN)/ospo
	$(BIN)/ruff check src tests bench

bench: $(BIN)/ospo
	$(BIN)/python bench/run.py --shared $(SHARED) --write docs/benchmarks.md

# Refresh the platform's translation catalogs. Run from the platform package, or makemessages also collects
# strings from .venv; fill the new msgstr entries in es, pt_BR and fr, then compile.
messages: $(BIN)/ospo
	cd src/ospo/platform && ../../../$(BIN)/ospo manage makemessages -l es -l pt_BR -l fr --no-obsolete
	cd src/ospo/platform && ../../../$(BIN)/ospo manage compilemessages

clean:
	rm -rf $(VENV) out bench-peers .pytest_cache .hypothesis
