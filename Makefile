# The two commands of the README: `make setup` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEED   := kg/data/seed-000.txt

.PHONY: setup setup-browser test test-slow eval vocab clean-store

## setup: create .venv, install kg with its test extras, ingest the bundled seed article into
##        ./kg-data and ask who led "Tổ giám sát số 2".
setup: $(STAMP) setup-browser
	$(BIN)/kg ingest $(SEED)
	$(BIN)/kg who-led "Tổ giám sát số 2"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## setup-browser: the JavaScript `kg view` inlines (Cytoscape.js, pinned in tools/view, from the
##        npm registry, with playwright-core for the browser test) and Debian's chromium, which
##        that test drives (apt-get; as root, else through sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VIEW_JS := build/view/.installed

setup-browser: $(VIEW_JS)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

$(VIEW_JS): tools/view/package.json tools/view/package-lock.json tools/view/build.sh
	tools/view/build.sh
	touch $@

## test: the whole test suite (tests that need ../shared skip, with the reason, when it is absent).
test: $(STAMP)
	$(BIN)/python -m pytest -q

## test-slow: also ingest and validate the whole corpus (../shared/corpus).
test-slow: $(STAMP)
	$(BIN)/python -m pytest -q --slow tests/test_shared.py

## eval: extract the dev articles and score them with shared/eval/score.py, listing every
##       missed and spurious fact (DEV=… GOLD=… to score other files).
SHARED ?= ../shared
DEV    ?= $(SHARED)/eval/dev-articles.jsonl
GOLD   ?= $(SHARED)/eval/dev-gold.jsonl
eval: $(STAMP)
	$(BIN)/kg extract $(DEV) --out build/eval.pred.jsonl
	$(BIN)/kg eval $(GOLD) build/eval.pred.jsonl --scorer $(SHARED)/eval/score.py --diff

## vocab: regenerate kg/vocab.py from ontology/kg.ttl.
vocab: $(STAMP)
	$(BIN)/python -m kg.vocab_gen

clean-store:
	rm -rf kg-data

## chaos: bad input, SIGKILL mid-ingest and mid-load, Neo4j down / stopped / wrong password,
##        injection, kg cypher bypasses (tests/chaos, also part of `make test`); prints the
##        table scenario | expected | result, and writes it to build/chaos.md.
.PHONY: chaos
chaos: $(STAMP)
	mkdir -p build
	KG_CHAOS_TABLE=build/chaos.md $(BIN)/python -m pytest -q tests/chaos

## benchmarks: every benchmark of benchmarks/ with its same-run baseline, a table and issue 6's
##        targets (BENCH_ARGS="--sizes 1000,10000,30000 --neo4j-sizes 1000" to choose sizes).
BENCH_ARGS ?=
.PHONY: benchmarks
benchmarks: $(STAMP)
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)
