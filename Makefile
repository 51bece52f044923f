PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# make bench SIZES=small for a quick run (its results go to bench/tmp/results/); SIZES
# are PostgreSQL's, SQLITE_SIZES SQLite's. SCENARIOS=publishing measures only the reads
# while an editor publishes; BENCH_DATABASE_NAME names the PostgreSQL database the run
# drops and makes anew (one per checkout when several run at once).
SIZES ?= small,large
SQLITE_SIZES ?= small
DATABASES ?= postgresql,sqlite
SCENARIOS ?= endpoints,publishing
BENCH_DATABASE_NAME ?= samverkan_bench
EXAMPLE_PORT ?= 8001
# Test workers (pytest-xdist): one per core of the two-core machines the suite is timed on.
WORKERS ?= 2
PARALLEL = -n $(WORKERS) --dist loadfile --no-loadscope-reorder
# What make test-quick leaves out (the markers are described in pyproject.toml).
QUICK ?= not browser and not load and not fuzz and not slow

.PHONY: run test test-quick install install-dev demo check lint clean bench example translations-missing

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

demo: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py load_example_conferences
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py ensure_admin

# Scheduled publishing and the task worker run beside the server and stop with it.
run: demo
	trap 'kill 0' EXIT; \
	export TASKS_BACKEND=django_tasks_db.DatabaseBackend; \
	$(BIN)/python manage.py run_scheduled_publishing --interval 60 & \
	$(BIN)/python manage.py db_worker & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite, as CI runs it (docs/testing.md): on WORKERS workers, each test
# module on one worker and in pytest-django's order (the tests that commit after
# the others), the slowest 25 listed.
test: install-dev
	$(BIN)/python -m pytest $(PARALLEL) --durations=25

# The inner loop: the suite without the browser, load, fuzz and slow tests.
test-quick: install-dev
	$(BIN)/python -m pytest $(PARALLEL) -m "$(QUICK)"

# The example external site (examples/external-site/) on its own origin; it reads
# the API of make run, which allows this origin in development.
example:
	@echo "Example site: http://$(HOST):$(EXAMPLE_PORT)/?api=http://$(HOST):$(PORT) (start the API with make run)"
	$(PYTHON) -m http.server $(EXAMPLE_PORT) --bind $(HOST) --directory examples/external-site

check: install-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# The strings of Wagtail's and wagtail-localize's admin that Swedish or Norwegian
# does not translate with its own catalogs, per language and domain (run after a
# Wagtail upgrade; translate them in locales/admin/, see locales/GLOSSARY.md).
translations-missing: $(BIN)/python
	$(BIN)/python manage.py missing_translations

clean:
	rm -rf $(VENV) db.sqlite3 media static var .pytest_cache

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The API benchmark (bench/): on PostgreSQL and SQLite, seeds each size, serves it with
# gunicorn, loads it with wrk, and reads 50 hot URLs while an editor publishes.
bench: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	sh bench/ensure_wrk.sh
	$(BIN)/python -m bench.run --databases $(DATABASES) --sizes $(SIZES) \
		--sqlite-sizes $(SQLITE_SIZES) --scenarios $(SCENARIOS) --database-name $(BENCH_DATABASE_NAME)
