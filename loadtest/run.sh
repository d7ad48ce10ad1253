#!/usr/bin/env bash
# `make loadtest`: gunicorn on PostgreSQL + Redis with the seed_scale dataset, Locust headless for a fixed
# number of users and time, figures written under var/loadtest/.
#   LOADTEST_SEED_ONLY=1 only creates, migrates and seeds the database.
#   LOADTEST_USERS (20) LOADTEST_TIME (90s) LOADTEST_SPAWN_RATE (1/s) LOADTEST_MEMBERS (10000) LOADTEST_WORKERS (3) may be overridden.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS=${LOADTEST_USERS:-20}
DURATION=${LOADTEST_TIME:-90s}
MEMBERS=${LOADTEST_MEMBERS:-10000}
WORKERS=${LOADTEST_WORKERS:-3}
PORT=${LOADTEST_PORT:-8765}
OUT=var/loadtest
VENV=var/loadtest-venv
export DATABASE_URL=${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ngn_scale}
export REDIS_URL=${LOADTEST_REDIS_URL:-redis://127.0.0.1:6379/9}
# A local benchmark over plain HTTP: production settings (DEBUG off) without TLS-only cookies.
export SECRET_KEY=loadtest-only-not-a-secret DEBUG=false ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$PORT

mkdir -p "$OUT"

database=${DATABASE_URL##*/}
psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$database'" | grep -q 1 \
	|| psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE $database"
.venv/bin/python manage.py migrate --noinput -v0
if ! .venv/bin/python manage.py shell -v 0 -c "from ngn_portal.scale import already_seeded; exit(0 if already_seeded() else 1)"; then
	.venv/bin/python manage.py seed_scale --members "$MEMBERS" --force
fi
# `LOADTEST_SEED_ONLY=1`: stop once the database is ready (what `make bench` needs).
[ "${LOADTEST_SEED_ONLY:-}" = 1 ] && exit 0
[ -x "$VENV/bin/locust" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q -r loadtest/requirements.txt; }
.venv/bin/python manage.py collectstatic --noinput -v0
# People who own activities in the current plan: their updates are the write part of the mix.
.venv/bin/python manage.py shell -v 0 -c "
from actionplan.models import ActionPlan, Activity
plan = ActionPlan.objects.current()
emails = Activity.objects.filter(objective__plan=plan, status__in=['not_started', 'in_progress', 'blocked'])
print('\n'.join(sorted(set(emails.values_list('owner__user__email', flat=True)))[:500]))
" > "$OUT/users.txt"

.venv/bin/gunicorn ngn_portal.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --log-level warning &
gunicorn_pid=$!
trap 'kill $gunicorn_pid 2>/dev/null; wait $gunicorn_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/" && break; sleep 0.2; done

SCALE_MEMBERS=$MEMBERS "$VENV/bin/locust" -f loadtest/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
	--users "$USERS" --spawn-rate "${LOADTEST_SPAWN_RATE:-1}" --run-time "$DURATION" --csv "$OUT/run" --html "$OUT/report.html" \
	--only-summary --loglevel WARNING || true

# p50/p95/p99, requests per second and errors of the whole run, from Locust's CSV.
"$VENV/bin/python" - "$OUT/run_stats.csv" <<'PY' | tee "$OUT/summary.txt"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{'request':<22} {'count':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'rps':>6}")
for r in rows:
    print(f"{r['Name']:<22} {r['Request Count']:>6} {r['Failure Count']:>5} {r['50%']:>6} {r['95%']:>6} "
          f"{r['99%']:>6} {float(r['Requests/s']):>6.1f}")
PY
