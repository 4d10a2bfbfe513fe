# Readmark: `make run` serves the app, `make test` runs every check. Both set themselves up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
NODE_STAMP := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/readmark
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test lint format test-sqlite test-postgres test-js check-chromium check-poppler clean help

help:
	@echo "make run   - set up and serve Readmark on http://127.0.0.1:8000 (PORT/HOST override)"
	@echo "make test  - set up and run lint and every test, browser tests included"

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Readmark needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml $(RUNTIME_STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: $(RUNTIME_STAMP)
	$(BIN)/readmark setup
	$(BIN)/readmark serve

check-chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Browser tests need Chromium at $(CHROMIUM). Install it with: sudo apt-get install chromium"; \
	  exit 1; \
	fi

# The PDF export tests draw page 1 with pdftoppm (Debian's poppler-utils).
check-poppler:
	@if command -v pdftoppm >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Debian's poppler-utils for the PDF export tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	else \
	  echo "PDF tests need pdftoppm. Install it with: sudo apt-get install poppler-utils"; \
	  exit 1; \
	fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	READMARK_ENV=production SECRET_KEY=check-deploy-only-$$(date +%s)-not-a-real-secret-value-xxxxxxxx \
	  ALLOWED_HOSTS=readmark.example $(BIN)/python manage.py check --deploy --fail-level WARNING

test-js: $(NODE_STAMP)
	node --test static/js/

# The whole suite twice: on SQLite, then on PostgreSQL + Redis (browser tests included: about
# 3 minutes more on 2 cores). Tests marked own_site start their own SQLite sites whatever the
# pass, so they run once; those marked postgres need the servers, so they run in that pass.
test-sqlite: $(DEV_STAMP) $(NODE_STAMP) check-chromium check-poppler
	$(BIN)/pytest -m "not postgres"

test-postgres: $(DEV_STAMP) $(NODE_STAMP) check-chromium check-poppler
	DATABASE_URL=$(PG_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest -m "not own_site"

test: lint test-js test-sqlite test-postgres

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules test-results
