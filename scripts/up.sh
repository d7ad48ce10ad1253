#!/usr/bin/env bash
# The full stack on one machine: PostgreSQL and Redis on localhost, gunicorn, one Celery
# worker and exactly one Celery beat. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/fullstack-env.sh
source scripts/fullstack-env.sh
ensure_database

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_demo --force

trap 'trap - EXIT INT TERM; kill 0 2>/dev/null; wait' EXIT INT TERM
.venv/bin/gunicorn ngn_portal.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile - &
.venv/bin/celery -A ngn_portal worker --loglevel INFO --concurrency 2 &
# Exactly one beat: it reads its schedule from the database (django-celery-beat).
.venv/bin/celery -A ngn_portal beat --loglevel INFO --pidfile var/celerybeat.pid &
echo "NGN Portal (full stack): http://127.0.0.1:8000/  (Ctrl-C stops everything)"
wait -n
