"""Test configuration: fast settings, real services, and fail (never skip) on CI.

With CI=true the suite must run against PostgreSQL and Redis: a missing service stops the run
with an error instead of skipping the tests that need it.
"""

import os
import uuid

import pytest
import redis
from django.conf import settings

from config.celery import app as celery_app

ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    # Fast and hermetic: MD5 hashing, plain static storage (no manifest), served by WhiteNoise
    # from the finders, no HTTPS redirect or secure-only cookies on the plain-HTTP test server.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    # Tests of other features log staff and consultants in with force_login; the tests of
    # two-step verification turn its requirement on (tests/accounts/test_two_step.py).
    settings.MFA_REQUIRED_FOR_STAFF = False
    settings.MFA_REQUIRED_FOR_CONSULTANTS = False
    # Each test process keeps its cache keys apart, so that clearing them never touches another
    # process (or the broker's keys in the same Redis database).
    settings.CACHES["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"

    if ON_CI:
        problems = []
        if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
            problems.append("DATABASE_URL must point at PostgreSQL on CI")
        redis_url = os.environ.get("REDIS_URL", "")
        if not redis_url:
            problems.append("REDIS_URL must be set on CI")
        elif not _redis_reachable(redis_url):
            problems.append(f"Redis is not reachable at {redis_url}")
        if problems:
            raise pytest.UsageError("CI=true but " + "; ".join(problems))


def _redis_reachable(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tasks run eagerly in tests unless a test asks for the real worker (see celery_worker)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _clean_cache():
    """allauth's rate limits live in the cache: every test starts with none spent."""
    yield
    _clear_own_cache_keys()


def _clear_own_cache_keys() -> None:
    from django.core.cache import cache

    options = settings.CACHES["default"]
    if options["BACKEND"].endswith("RedisCache"):
        client = redis.Redis.from_url(options["LOCATION"], socket_connect_timeout=2)
        try:
            keys = list(client.scan_iter(match=f"{options['KEY_PREFIX']}:*", count=500))
            if keys:
                client.delete(*keys)
        finally:
            client.close()
    else:
        cache.clear()


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url or not _redis_reachable(url):
        if ON_CI:
            pytest.fail("Redis is required on CI (REDIS_URL) and is not reachable")
        pytest.skip("needs Redis: set REDIS_URL")
    return url


pytest_plugins = ["tests.fixtures.worker"]


# Tests that start real processes (a Celery worker, a private Redis) are the slow part of the
# suite; they carry the "worker" mark whether or not they say so, for `make test-fast`.
_PROCESS_FIXTURES = {"celery_worker", "celery_worker_factory", "private_redis"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _PROCESS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.worker)
