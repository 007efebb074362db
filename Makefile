# ePratiques — every target installs what it needs first (uv creates .venv from uv.lock).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
PORT ?= 8000
TEST_WORKERS ?= 2
VENV := .venv
PY := $(VENV)/bin/python
# uv from the PATH when there is one, otherwise a pinned copy bootstrapped into .tools/.
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help install run test test-fast faults lint lint-imports format messages compilemessages vendor bench check-deploy prod-build prod-check

help:
	@echo "make run      install, migrate, load demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test     the whole test suite (uses DATABASE_URL / REDIS_URL when set)"
	@echo "make test-fast  the inner loop: no browser journeys, no real Celery worker"
	@echo "make bench    benchmarks, written to bench/results.json"
	@echo "make faults   the fault tests (broker down, worker killed) with a real Redis and workers"
	@echo "make lint     ruff check and format check, and the import contracts (lint-imports)"
	@echo "make messages / compilemessages   refresh / compile translations (fr, en)"
	@echo "make vendor   copy the pinned front-end libraries from npm into static/vendor/"
	@echo "make prod-build   the production build (scripts/build.sh, as the Dockerfile) into .venv-prod"
	@echo "make prod-check   that build served with DEBUG=0, a worker and beat, and a browser journey"

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

# manage.py needs a SECRET_KEY to start, though these two targets never use it.
compilemessages messages: export SECRET_KEY ?= insecure-key-for-messages-only
compilemessages: install
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=.tools; \
	else echo "gettext (msgfmt) not found: using the committed .mo files"; fi

messages: install
	$(PY) manage.py makemessages -l fr -l en --no-obsolete --ignore=.venv --ignore=.tools --ignore=node_modules --ignore=static/vendor --ignore=tests
	$(PY) manage.py makemessages -d djangojs -l fr -l en --no-obsolete --ignore=.venv --ignore=.tools --ignore=node_modules --ignore=static/vendor --ignore=staticfiles

run: export DEBUG ?= 1
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install compilemessages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	@echo
	@echo "ePratiques is starting on http://127.0.0.1:$(PORT) — log in with a demo account above."
	@echo "Emails (verification links, password resets) land in the outbox: http://127.0.0.1:$(PORT)/dev/outbox/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: export SECRET_KEY ?= insecure-key-for-tests-only
test: install compilemessages
	$(VENV)/bin/pytest -n $(TEST_WORKERS)

# The inner loop: everything but the browser journeys and the tests that start a real worker.
test-fast: export SECRET_KEY ?= insecure-key-for-tests-only
test-fast: install compilemessages
	$(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not e2e and not worker" --ignore=tests/e2e

# The fault tests alone (also part of `make test`): broker stopped while peers answer, then
# the sweep; a worker's pool process SIGKILLed mid-compile, then redelivery; the worker
# through a Redis restart; pooled connections a PostgreSQL restart killed; a compile meeting
# an answer in flight. Then faults under load (bench/faults_load.py). Needs REDIS_URL.
faults: export SECRET_KEY ?= insecure-key-for-tests-only
faults: install
	$(VENV)/bin/pytest -v tests/scores/test_faults.py tests/feedback/test_broker_down.py \
	  tests/test_db_restart.py tests/scores/test_compile_ordering.py
	@if command -v redis-server >/dev/null 2>&1; then $(PY) -m bench.faults_load; \
	else echo "faults load skipped: redis-server is not on PATH"; fi

lint: install lint-imports
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The allowed directions between apps and between the audits packages (pyproject.toml,
# docs/architecture.md).
lint-imports: install
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: export SECRET_KEY ?= insecure-key-for-bench-only
bench: install
	$(PY) -m bench

check-deploy: install
	DEBUG=0 SECRET_KEY="$$(head -c 48 /dev/urandom | base64)" ALLOWED_HOSTS=epratiques.example \
	  $(PY) manage.py check --deploy --fail-level WARNING

# The Dockerfile's build, natively: a --no-dev environment from uv.lock in .venv-prod,
# compiled translations, static files collected with the manifest (docs/deploy.md).
prod-build:
	./scripts/build.sh

# CI's production job: prod-build, then gunicorn (DEBUG=0, TLS), a Celery worker and beat on
# DATABASE_URL's PostgreSQL server (in a database of its own) and REDIS_URL, and the browser
# journey tests/e2e/test_production_journey.py through them. PROD_PORT (8640) to move it.
prod-check: export SECRET_KEY ?= insecure-key-for-tests-only
prod-check: install
	./scripts/prod_check.sh

vendor:
	./scripts/vendor.sh
