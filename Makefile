# Everything a new machine needs: `make demo` and `make test` create .venv and install into it, every
# package pinned by requirements.lock (made by `make lock` from pyproject.toml). `make demo` installs the
# core and the `web` extra (the demo, then `communique serve`), taking the lock's pins as constraints;
# `make test` installs the whole lock (every extra but `transformer`, and the development tools), then
# requirements-transformer.lock (the same pins plus torch, transformers, peft and the MiniLM weights).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.dev-stamp
TRANSFORMER_STAMP := $(VENV)/.transformer-stamp
DB ?= communique.db
SEED := rt-2025-06-10-russia-africa
CODE := src tests bench scripts

.PHONY: install demo test bench lint lock schema models models-transformer clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[web]'
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements.lock
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(DEV_STAMP)

$(TRANSFORMER_STAMP): $(DEV_STAMP) requirements-transformer.lock
	$(BIN)/python -m pip install --quiet -r requirements-transformer.lock
	touch $(TRANSFORMER_STAMP)

demo: $(STAMP)
	$(BIN)/communique ingest examples/ --db $(DB)
	$(BIN)/communique events --db $(DB) --article $(SEED)
	$(BIN)/communique quotes --db $(DB) --article $(SEED)
	$(BIN)/communique figures --db $(DB) --article $(SEED)
	$(BIN)/communique relations --db $(DB)
	@echo "Explore them in a browser: $(BIN)/communique serve --db $(DB)  (then http://127.0.0.1:8000/)"

lint: $(DEV_STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy

test: lint $(TRANSFORMER_STAMP)
	bash scripts/chromium-for-tests.sh
	$(BIN)/python -m pytest

bench: $(DEV_STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/long_articles.py
	$(BIN)/python bench/actor_precision.py
	$(BIN)/python bench/claims_share.py
	$(BIN)/python bench/components.py
	$(BIN)/python bench/html_pages.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/relations.py
	$(BIN)/python bench/dashboard.py

COMPILE = $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links
EXTRAS := --extra web --extra scale --extra postgres --extra dev
lock: $(DEV_STAMP)
	$(COMPILE) $(EXTRAS) --output-file requirements.lock pyproject.toml
	$(COMPILE) $(EXTRAS) --extra transformer --output-file requirements-transformer.lock pyproject.toml

schema: $(STAMP)
	$(BIN)/python scripts/write_schema.py

# The shipped event classifier, participant tagger and event decision, retrained exactly as they were made (seed 0;
# ../shared beside the repo): each prints its cross-validation first.
CONFLIBERT := --licence "GPL-3.0, eventdata/ConfliBERT (news sentences; none ship)"
STREAM := --licence "annotations: communique's stream_dev (MIT, as the package); texts: PolNeAR dev and Reuters-21578 (research use; none ship)"
models: $(STAMP)
	$(BIN)/communique train ../shared/devsets/conflibert_cameo_class_train.tsv $(CONFLIBERT) \
		--output src/communique/data/models/quad-classifier
	$(BIN)/communique train ../shared/devsets/conflibert_cameo_ner_train.txt $(CONFLIBERT) \
		--output src/communique/data/models/participants
	$(BIN)/communique train ../shared/devsets/stream_dev $(STREAM) --output src/communique/data/models/event-decision

# The optional transformer classifier (MiniLM + LoRA; about 40 minutes on two CPU cores, far less on a GPU).
models-transformer: $(TRANSFORMER_STAMP)
	$(BIN)/communique train ../shared/devsets/conflibert_cameo_class_train.tsv $(CONFLIBERT) \
		--backend transformer --output src/communique/data/models/quad-minilm

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .hypothesis
