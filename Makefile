# Kinerja — the two commands are `make run` and `make test`; the rest are their parts.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=
export DJANGO_SETTINGS_MODULE := kinerja.settings

.PHONY: run setup test test-suite lint fmt e2e bench browser check-python clean

run: setup ## Create everything on a fresh machine and serve on http://127.0.0.1:$(PORT)
	@$(MANAGE) load_demo
	@echo "Kinerja berjalan di http://127.0.0.1:$(PORT)  (Ctrl+C untuk berhenti)"
	@$(MANAGE) runserver 127.0.0.1:$(PORT)

setup: $(VENV)/.base-installed ## Virtualenv, dependencies, database, static files
	@mkdir -p var
	@$(MANAGE) migrate --noinput -v 0
	@$(MANAGE) createcachetable
	@$(MANAGE) collectstatic --noinput -v 0

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Kinerja needs Python 3.11 or newer")'

$(VENV)/.base-installed: requirements/base.txt | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip
	@$(PY) -m pip install -q -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.base-installed requirements/dev.txt
	@$(PY) -m pip install -q -r requirements/dev.txt
	@touch $@

browser: ## Debian's Chromium for the browser tests (installed when missing and we are root)
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Could not install chromium."; \
	  else echo "chromium is missing and this is not root: browser tests will be skipped (outside CI)."; fi; \
	fi

test: $(VENV)/.dev-installed browser lint test-suite ## Lint and the whole test suite

test-suite: $(VENV)/.dev-installed
	@mkdir -p var
	$(BIN)/pytest -n $${PYTEST_WORKERS:-2} --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy kinerja
	$(BIN)/djlint kinerja --lint
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run -v 0

fmt: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

e2e: $(VENV)/.dev-installed browser
	$(BIN)/pytest tests/e2e $(PYTEST_ARGS)

bench: $(VENV)/.dev-installed ## Benchmarks: PostgreSQL province; SCALE=small on SQLite; GROWTH=1 adds 1k–20k (bench/README.md)
	$(PY) bench/run.py $(if $(SCALE),--scale $(SCALE),) $(if $(GROWTH),--growth,)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
