# The NGN Portal's two commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

# The embedded default: no server to install. Anything in the caller's environment that
# would point the portal at a full stack is removed.
EMBEDDED := env -u DATABASE_URL -u REDIS_URL -u DEBUG -u SECRET_KEY -u CELERY_TASK_ALWAYS_EAGER -u EMAIL_HOST

# The test run: PostgreSQL and Redis on localhost (started by scripts/ensure-services.sh).
TEST_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngn_portal \
	REDIS_URL=redis://127.0.0.1:6379/15 \
	SECRET_KEY=test-only-not-a-secret DJANGO_SETTINGS_MODULE=tests.settings

.PHONY: help run test up backup restore-check screenshots loadtest bench install install-dev translations messages static services lint check pytest smoke clean

help:
	@echo "make run    serve the demo portal on http://127.0.0.1:8000 (SQLite, no servers needed)"
	@echo "make test   lint, checks, the full test suite on PostgreSQL + Redis, and a smoke pass"
	@echo "make up     the full stack on this machine: gunicorn, one Celery worker, one beat"
	@echo "make backup / make restore-check   pg_dump under var/backups/, then prove it restores"
	@echo "make loadtest / make bench          Locust and page-vs-floor timings at 10,000 members (docs/performance.md)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(PY)
	$(PIP) install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

# Test-only front-end tools (axe-core for the accessibility checks), from the npm registry.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	command -v npm >/dev/null || scripts/apt-install.sh nodejs npm
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

# Compile the committed catalogs (.po) into .mo files with Babel: no GNU gettext needed.
translations: $(RUN_STAMP)
	@for po in $$(find . -path ./$(VENV) -prune -o -path ./var -prune -o -name django.po -print); do \
		$(VENV)/bin/pybabel -q compile -i $$po -o $${po%.po}.mo >/dev/null; \
	done

# For developers: refresh the catalogs after changing strings (needs GNU gettext's xgettext).
# Each app keeps its own catalog in <app>/locale/; locale/ holds the portal's shared strings.
LOCAL_APPS := audit engagement members governance actionplan
messages: $(DEV_STAMP)
	command -v xgettext >/dev/null || scripts/apt-install.sh gettext
	for app in $(LOCAL_APPS); do \
		(cd $$app && $(EMBEDDED) ../$(PY) ../manage.py makemessages -l es -l en --no-obsolete -v0); \
	done
	$(EMBEDDED) $(PY) manage.py makemessages -l es -l en --no-obsolete -v0 \
		--ignore=.venv --ignore=var --ignore=tests --ignore='scripts/*' $(foreach app,$(LOCAL_APPS),--ignore='$(app)/*')
	for po in $$(find . -path ./$(VENV) -prune -o -path '*/locale/en/LC_MESSAGES/django.po' -print); do \
		$(PY) scripts/po_tool.py fill-en $$po; \
	done
	@for po in $$(find . -path ./$(VENV) -prune -o -path '*/locale/es/LC_MESSAGES/django.po' -print); do \
		$(PY) scripts/po_tool.py missing $$po || echo "^ still to translate in $$po"; \
	done

static: $(RUN_STAMP)
	$(EMBEDDED) $(PY) manage.py collectstatic --noinput -v0

run: $(RUN_STAMP) translations static
	$(EMBEDDED) $(PY) manage.py migrate --noinput -v0
	$(EMBEDDED) $(PY) manage.py load_demo
	@echo ""
	@echo "  NGN Portal: http://127.0.0.1:8000/"
	@echo "  Demo logins (password ngn-demo-2022):"
	@echo "    admin@ngn.example        administrator (Django admin)"
	@echo "    coordinator@ngn.example  organizing official"
	@echo "    member@ngn.example       member"
	@echo ""
	$(EMBEDDED) $(PY) manage.py runserver 127.0.0.1:8000

services:
	scripts/ensure-services.sh

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(DEV_STAMP) services
	$(TEST_ENV) $(PY) manage.py check --fail-level WARNING
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

pytest: $(DEV_STAMP) $(NODE_STAMP) translations services
	mkdir -p var/static
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

smoke: $(RUN_STAMP) translations
	$(EMBEDDED) $(PY) scripts/smoke.py

test: $(DEV_STAMP) translations services lint check pytest smoke
	@echo "make test: all green"

up: $(DEV_STAMP) translations services
	scripts/up.sh

# Load test: gunicorn on PostgreSQL + Redis with the seed_scale data, Locust headless (20 users, 90 s).
# Figures: var/loadtest/summary.txt (p50/p95/p99 ms, requests/s, failures), run_stats.csv, report.html.
loadtest: $(DEV_STAMP) services
	loadtest/run.sh

# Each main page's median time against a floor view, on the seed_scale database (created and seeded if needed),
# then 10,000 reminders scanned and sent to a local SMTP sink against a plain smtplib loop.
BENCH_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngn_scale REDIS_URL=redis://127.0.0.1:6379/9 \
	SECRET_KEY=bench-only-not-a-secret
bench: $(DEV_STAMP) services
	LOADTEST_SEED_ONLY=1 loadtest/run.sh
	$(BENCH_ENV) $(PY) bench/pages.py --runs 30
	$(BENCH_ENV) $(PY) bench/mail_throughput.py --count 10000

# Screenshots of the main pages at phone and desktop widths, for the README (docs/screenshots/).
screenshots: $(DEV_STAMP) translations services
	$(EMBEDDED) $(PY) scripts/screenshots.py

# Backups of the full stack's PostgreSQL database (the one `make up` uses, or DATABASE_URL).
backup: $(RUN_STAMP) services
	scripts/manage-fullstack.sh backup

restore-check: $(RUN_STAMP) services
	scripts/manage-fullstack.sh restore_check

clean:
	rm -rf var/static var/test-media
	find . -path ./$(VENV) -prune -o -name '*.mo' -print -delete
