from __future__ import annotations

from tests.utils import run_manage as _manage


def test_production_without_secret_key_refuses_to_start_with_one_clear_line():
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY" in lines[0]
    assert "Traceback" not in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("a-file-based-secret-for-the-test\n")
    result = _manage("check", DEBUG="false", SECRET_KEY_FILE=str(secret), ALLOWED_HOSTS="ngn.example")
    assert result.returncode == 0, result.stderr


def test_a_malformed_boolean_fails_loudly():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_embedded_default_needs_no_environment():
    result = _manage("check")
    assert result.returncode == 0, result.stderr
