from __future__ import annotations

import json

import pytest

from tests.utils import run_manage

# Runs the real health view in a fresh process whose settings point at a closed port,
# so the failure is a genuine refused connection, not a mock.
PROBE = (
    "from django.test.utils import setup_test_environment; setup_test_environment();"
    "from django.test import Client; import json;"
    "r = Client().get('/health/'); print(json.dumps({'status': r.status_code, 'body': r.json()}))"
)


def _probe(**env_overrides: str) -> dict:
    result = run_manage("shell", "-c", PROBE, SECRET_KEY="health-probe-not-secret", **env_overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_health_is_ok_when_everything_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}


def test_health_names_an_unreachable_database():
    outcome = _probe(DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere", DEBUG="true")
    assert outcome["status"] == 503
    assert outcome["body"]["checks"]["database"].startswith("error")
    assert outcome["body"]["checks"]["cache"] == "ok"


def test_health_names_an_unreachable_cache_and_broker():
    outcome = _probe(REDIS_URL="redis://127.0.0.1:1/0", DEBUG="true", CELERY_TASK_ALWAYS_EAGER="false")
    assert outcome["status"] == 503
    checks = outcome["body"]["checks"]
    assert checks["database"] == "ok"
    assert checks["cache"].startswith("error")
    assert checks["broker"].startswith("error")
