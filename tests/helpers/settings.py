"""Helpers that start manage.py in a process of its own, with production-like settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-" + "x7Qp9Lm2Zr5Tb8Wc1Vn4Hs6Jd0Fg3Ky" * 2,
    "ALLOWED_HOSTS": "epratiques.example",
    "DATABASE_URL": "postgres://epratiques:secret@db.example:5432/epratiques",
    "REDIS_URL": "redis://redis.example:6379/0",
    "EMAIL_HOST": "smtp.example",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only what a deployment would have: none of the test run's own switches.
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
