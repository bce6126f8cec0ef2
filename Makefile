# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PIP_QUIET := --quiet --disable-pip-version-check
# `make run PORT=8001` when 8000 is taken: links in the e-mails the demo prints (while it
# is set up, and once it runs) point at that port too.
PORT ?= 8000
DEMO_ENV := DJANGO_DEBUG=true BOOMITY_DEMO=true \
	BOOMITY_SITE_URL=$${BOOMITY_SITE_URL:-http://127.0.0.1:$(PORT)}
# Exact versions with hashes, for the app and its `dev` extra; `make lock` rewrites it
# from the ranges in pyproject.toml.
LOCK := requirements/lock.txt
UV_COMPILE := pip compile pyproject.toml --extra dev --generate-hashes \
	--python-version 3.12 --python-platform x86_64-unknown-linux-gnu \
	--custom-compile-command "make lock" --output-file $(LOCK) --quiet
FILTER_PIP := { grep -v "WARNING: Location" || true; }

.PHONY: run test test-fast install lock migrate demo lint fmt screenshots bench clean messages

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12 or newer is needed (found " + sys.version.split()[0] + ")"'
	$(PYTHON) -m venv $(VENV)

# The lock decides every version; the project itself goes in without its dependencies.
# `pip check` then fails if pyproject.toml asks for something the lock doesn't give
# (edited pyproject.toml, forgot `make lock`).
$(STAMP): pyproject.toml $(LOCK) | $(PY)
	$(PY) -m pip install $(PIP_QUIET) --upgrade pip 2>&1 | $(FILTER_PIP)
	$(PY) -m pip install $(PIP_QUIET) --require-hashes -r $(LOCK) 2>&1 | $(FILTER_PIP)
	$(PY) -m pip install $(PIP_QUIET) --no-deps -e . 2>&1 | $(FILTER_PIP)
	$(PY) -m pip check 2>&1 | $(FILTER_PIP) || \
		{ echo "pyproject.toml asks for what $(LOCK) lacks: run 'make lock'." >&2; exit 1; }
	$(PY) -c 'import django, allauth, nh3, dj_database_url, pytest_django, qrcode, fido2'
	touch $(STAMP)

# The compiled catalogues (.mo) are built here from locale/*/LC_MESSAGES/django.po, never
# committed: every target that runs the app goes through `install`.
install: $(STAMP)
	@if compgen -G "locale/*/LC_MESSAGES/*.po" >/dev/null; then \
		command -v msgfmt >/dev/null || { echo "Compiling the translations needs GNU gettext (apt-get install gettext)." >&2; exit 1; }; \
		$(PY) manage.py compilemessages $(CATALOGUE_IGNORE) --verbosity 0; \
	fi

# The catalogues' languages: every one in locale/, and Spanish. `make messages` after
# changing words in templates or code (or `make messages LOCALES="es fr"` to start one),
# then translate the new entries in locale/<code>/LC_MESSAGES/django.po.
LOCALES ?= $(sort es $(patsubst locale/%/LC_MESSAGES/django.po,%,$(wildcard locale/*/LC_MESSAGES/django.po)))
# Not the site: tests, the benchmark tooling, and what is generated or installed.
CATALOGUE_IGNORE := --ignore='.*' --ignore=tests --ignore=bench --ignore=var --ignore=staticfiles --ignore=screenshots
messages: install
	$(PY) manage.py makemessages $(addprefix -l ,$(LOCALES)) --no-obsolete --add-location file $(CATALOGUE_IGNORE)
	$(PY) manage.py compilemessages $(CATALOGUE_IGNORE) --verbosity 0

# Refresh the lock after changing dependencies in pyproject.toml. Versions already in the
# lock are kept where they still fit; `make lock LOCK_ARGS=--upgrade` moves everything to
# the newest release in range (or `LOCK_ARGS="--upgrade-package django"` for one).
lock: | $(PY)
	@$(VENV)/bin/uv --version >/dev/null 2>&1 || \
		$(PY) -m pip install $(PIP_QUIET) 'uv>=0.13,<0.14' 2>&1 | $(FILTER_PIP)
	$(VENV)/bin/uv $(UV_COMPILE) $(LOCK_ARGS)

migrate: install
	@mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --no-input
	$(DEMO_ENV) $(PY) manage.py createcachetable

demo: migrate
	$(DEMO_ENV) $(PY) manage.py seed_demo --if-empty

run: demo
	@echo "Boomity is starting on http://127.0.0.1:$(PORT) (Ctrl+C to stop)."
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# Everything but the tests marked slow (browsers, races, the XSS corpus).
test-fast: install
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

fmt: install
	$(PY) -m ruff format .

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
