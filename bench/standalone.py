"""The throwaway database every bench runs on, and running one measure alone
(`python -m bench.draft_check`, `bench.evidence_load`, `bench.map_draw`): its figures are
merged into bench/results.json, keeping the others'."""

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def bench_settings(**overrides) -> None:
    """Django set up as `make bench` runs it: test environment, any host, plain static files."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.WHITENOISE_USE_FINDERS = True
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    for name, value in overrides.items():
        setattr(settings, name, value)


@contextlib.contextmanager
def throwaway_database():
    """A test database on whatever DATABASE_URL points at, destroyed afterwards."""
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def previous_results() -> dict:
    try:
        return json.loads(RESULTS.read_text())
    except (OSError, ValueError):
        return {}


def write_results(figures: dict) -> None:
    RESULTS.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")


def run_alone(measure: Callable[[], dict], **overrides) -> dict:
    """One measure on its own throwaway database; its figures merged into results.json."""
    bench_settings(**overrides)
    with throwaway_database():
        figures = measure()
    write_results(previous_results() | figures)
    print(json.dumps(figures, indent=2, sort_keys=True))
    return figures
