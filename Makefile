# Wijkveilig: `make run` sets everything up and serves the app; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test setup deps-base deps-test npm messages migrate demo chromium bench bench-scale lock clean

# The demo is served as production serves (DEBUG off, gunicorn, hashed static files; errors show the plain pages),
# with keys made once under var/ and SQLite (scripts/local_env.sh).
run: deps-base npm messages
	. scripts/local_env.sh && $(BIN)/python manage.py migrate --no-input -v 0 \
	  && $(BIN)/python manage.py demo_seed --allow-demo --volume \
	  && WIJKVEILIG_BIND=$(HOST):$(PORT) WIJKVEILIG_MIGRATE_ON_START=false bash scripts/serve.sh

# Production: the environment holds DATABASE_URL (PostgreSQL), the keys and the hosts (README, Configuration).
serve: deps-base npm messages
	bash scripts/serve.sh

test: deps-test npm messages chromium
	bash scripts/test.sh

setup: deps-test npm messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt 2>&1 | { grep -v "is ignored: it is neither" || true; }
	touch $@

$(VENV)/.test-installed: requirements/test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/test.txt 2>&1 | { grep -v "is ignored: it is neither" || true; }
	touch $@ $(VENV)/.base-installed

deps-base: $(VENV)/.base-installed
deps-test: $(VENV)/.test-installed

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

npm: node_modules/.package-lock.json

messages: deps-base
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: deps-base
	$(BIN)/python manage.py migrate --no-input -v 0

demo: migrate
	$(BIN)/python manage.py demo_seed

# Debian's chromium for the browser tests (never `playwright install`: browsers cannot be downloaded here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

bench: deps-test
	$(BIN)/python -m pytest -q -p no:randomly benchmarks --benchmark-only

# Re-pin requirements/*.txt with hashes from requirements/*.in (pip-tools in a venv of its own, not the app's).
lock:
	test -x var/piptools/bin/pip-compile || { $(PYTHON) -m venv var/piptools && var/piptools/bin/pip install --quiet pip-tools; }
	cd requirements && for name in base test; do ../var/piptools/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	  --no-strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host -o $$name.txt $$name.in; done

# National scale on a throwaway PostgreSQL: make bench-scale SIZE=10000 (docs/performance.md). Not in `make test`.
SIZE ?= 1000
LOG_ROWS ?=
LOG_ROWS_PER_CASE ?= 20
bench-scale: deps-test npm messages
	SIZE=$(SIZE) LOG_ROWS=$(LOG_ROWS) LOG_ROWS_PER_CASE=$(LOG_ROWS_PER_CASE) bash scripts/bench_scale.sh

clean:
	rm -rf $(VENV) node_modules var
