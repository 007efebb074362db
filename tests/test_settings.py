"""Settings read from the environment; production values pass Django's deployment checks."""

from tests.helpers.settings import PRODUCTION_ENV, ROOT, manage  # noqa: F401


def test_check_deploy_is_clean_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_secret_key_is_required_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_a_malformed_boolean_is_reported_by_name():
    result = manage("check", env={**PRODUCTION_ENV, "DEBUG": "maybe"})

    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_development_needs_no_configuration_at_all():
    env = {"DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:", "REDIS_URL": ""}

    result = manage("check", env=env)

    assert result.returncode == 0, result.stderr


def test_a_release_batch_below_three_is_refused():
    result = manage("check", env={**PRODUCTION_ENV, "FEEDBACK_RELEASE_K": "2"})

    assert result.returncode != 0
    assert "FEEDBACK_RELEASE_K must be at least 3" in result.stderr
