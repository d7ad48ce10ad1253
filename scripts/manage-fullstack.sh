#!/usr/bin/env bash
# Run one manage.py command against the full stack's database (see fullstack-env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/fullstack-env.sh
source scripts/fullstack-env.sh
ensure_database
exec .venv/bin/python manage.py "$@"
