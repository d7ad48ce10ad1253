#!/usr/bin/env bash
# The full stack on one machine: PostgreSQL and Redis on localhost, gunicorn, one Celery
# worker and exactly one Celery beat. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var

if [ ! -s var/secret_key ]; then
  .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
  chmod 600 var/secret_key
fi

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ngn_portal}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export SECRET_KEY_FILE="${SECRET_KEY_FILE:-$PWD/var/secret_key}"
export DEBUG="${DEBUG:-false}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain HTTP on this machine only: a real deployment sits behind TLS and keeps these on.
export SESSION_COOKIE_SECURE="${SESSION_COOKIE_SECURE:-false}"
export CSRF_COOKIE_SECURE="${CSRF_COOKIE_SECURE:-false}"
unset DJANGO_SETTINGS_MODULE

db_name="${DATABASE_URL##*/}"
if ! psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='${db_name}'" | grep -q 1; then
  psql "${DATABASE_URL%/*}/postgres" -c "CREATE DATABASE \"${db_name}\"" >/dev/null
fi

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
