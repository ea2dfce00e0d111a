# The front door: `make run` brings the site up with its content, `make test` runs the tests.
# Both set up what they need first and can be run again at any time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Local commands run with debug on (and its throwaway secret key) unless told otherwise.
LOCAL := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}
# `make test` measures branch coverage and fails under the floor in pyproject.toml; a run of
# a few files is not the whole suite, so `make test PYTEST_ARGS=tests/test_x.py COVERAGE=`.
COVERAGE ?= --cov --cov-report=term
# Tests run in parallel, one process per core, each with a test database of its own;
# `XDIST=` runs them in this process (for a debugger, or for a single test).
XDIST ?= -n auto

.PHONY: install run test test-fast test-postgres lint format migrations-check load dump reset-local-db \
	bench soak serve-production serve-tls screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install  ## Migrate, load the content and serve it on http://127.0.0.1:8000/
	$(LOCAL) $(BIN)/python manage.py migrate --no-input
	$(LOCAL) $(BIN)/python manage.py load_initial_content
	$(LOCAL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install  ## Lint, check migrations, then run the whole test suite with coverage
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(LOCAL) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(XDIST) $(COVERAGE) $(PYTEST_ARGS)

test-fast: install  ## Before each commit: all but the slow and browser tests, in parallel (< 60 s)
	$(BIN)/python -m pytest $(XDIST) -m "not slow and not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(LOCAL) $(BIN)/python manage.py makemigrations --check --dry-run

load: install  ## Reload every fixture on purpose: rows the fixtures name are overwritten
	@echo "Reloading fixtures/*.json: every row they name is overwritten, edits made in admin to those rows included."
	$(LOCAL) $(BIN)/python manage.py loaddata fixtures/*.json

dump: install  ## Dump all content as natural-key JSON to stdout
	@$(LOCAL) $(BIN)/python manage.py dump_content

reset-local-db: install
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	$(LOCAL) $(BIN)/python manage.py migrate --no-input
	$(LOCAL) $(BIN)/python manage.py loaddata fixtures/*.json

bench: install  ## Benchmark gunicorn as in production with wrk (apt-get install wrk); a report, not a test
	$(BIN)/python -m bench.run $(BENCH_ARGS)

soak: install  ## 60 s of checked concurrent readers while an editor saves a change every second
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

screenshots: install  ## Home, Django vs Flask, four frameworks, Django at 1366 and 390 px into docs/screenshots/
	$(BIN)/python -m bench.screenshots $(SCREENSHOTS_ARGS)

serve-production: install  ## migrate, collectstatic, gunicorn -c gunicorn.conf.py (needs DJANGO_SECRET_KEY)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input
	$(BIN)/gunicorn -c gunicorn.conf.py comparator.wsgi

serve-tls: install  ## The production stack locally: nginx on https://127.0.0.1:8443/ in front of gunicorn (apt-get install nginx)
	PYTHON=$(BIN)/python deploy/serve-tls
