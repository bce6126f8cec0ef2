# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIP_QUIET := --quiet --disable-pip-version-check
DEMO_ENV := DJANGO_DEBUG=true BOOMITY_DEMO=true

.PHONY: run test install migrate demo lint screenshots bench clean

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12 or newer is needed (found " + sys.version.split()[0] + ")"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install $(PIP_QUIET) --upgrade pip 2>&1 | { grep -v "WARNING: Location" || true; }
	$(PY) -m pip install $(PIP_QUIET) -e '.[dev]' 2>&1 | { grep -v "WARNING: Location" || true; }
	$(PY) -c 'import django, allauth, nh3, dj_database_url, pytest_django, qrcode, fido2'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	@mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --no-input
	$(DEMO_ENV) $(PY) manage.py createcachetable

demo: migrate
	$(DEMO_ENV) $(PY) manage.py seed_demo --if-empty

run: demo
	@echo "Boomity is starting on http://127.0.0.1:8000 (Ctrl+C to stop)."
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .

# Types of the app code (settings in pyproject.toml, [tool.mypy]).
.PHONY: typecheck
typecheck: install
	$(PY) -m mypy

# PNGs of the main pages, desktop and phone, in ./screenshots/ (ignored by git).
screenshots: install
	SCREENSHOTS_DIR=$(CURDIR)/screenshots $(PY) -m pytest tests/browser/test_screenshots.py -q -p no:cacheprovider

# Load figures on a large community in PostgreSQL, served by gunicorn (see docs/deploy.md).
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	DJANGO_DEBUG=true $(PY) manage.py bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache staticfiles
