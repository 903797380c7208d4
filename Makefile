# Everything a new machine needs: `make demo` and `make test` create .venv and install into it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= communique.db
SEED := rt-2025-06-10-russia-africa

.PHONY: install demo test bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/communique ingest examples/ --db $(DB)
	$(BIN)/communique events --db $(DB) --article $(SEED)
	$(BIN)/communique quotes --db $(DB) --article $(SEED)
	$(BIN)/communique figures --db $(DB) --article $(SEED)
	$(BIN)/communique relations --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
