#!/usr/bin/env bash
# The full stack's environment on this machine (PostgreSQL and Redis on localhost), shared by
# `make up`, `make backup` and `make restore-check`. Source it; every value can be overridden.
mkdir -p var
if [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ]; then
  if [ ! -s var/secret_key ]; then
    .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
    chmod 600 var/secret_key
  fi
  export SECRET_KEY_FILE="$PWD/var/secret_key"
fi
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ngn_portal}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DEBUG="${DEBUG:-false}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain HTTP on this machine only: a real deployment sits behind TLS and keeps these on.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export SESSION_COOKIE_SECURE="${SESSION_COOKIE_SECURE:-false}"
export CSRF_COOKIE_SECURE="${CSRF_COOKIE_SECURE:-false}"
unset DJANGO_SETTINGS_MODULE

ensure_database() {
  local db_name="${DATABASE_URL##*/}"
  if ! psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='${db_name}'" | grep -q 1; then
    psql "${DATABASE_URL%/*}/postgres" -c "CREATE DATABASE \"${db_name}\"" >/dev/null
  fi
}
