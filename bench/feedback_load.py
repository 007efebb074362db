"""Peer feedback page under gunicorn on loopback: throughput against a trivial view, p95.

`measure(audit=...)` issues link tokens in the bench's throwaway database, starts gunicorn
(3 workers x 2 threads as in production, DEBUG off) on a free 127.0.0.1 port against that
same database, and drives it from 20 client threads, each with its own keep-alive
connection and cookies:

- trivial: GET /__bench/trivial, an `HttpResponse("ok")` behind the full middleware stack;
- one query: GET /__bench/one-query, the same after one `SELECT 1` on the database (a
  reference: what a single database round trip costs here, reported as one_query_rps_ratio);
- peer: GET /f/<token>/ then POST a valid answer to it, a fresh token for every pair;
- floor (PostgreSQL only): the same pair on bench/peer_floor.py, the least work such a pair
  can do (one statement each, no templates): the ceiling of the ratio on this machine,
  reported as floor_rps_ratio.

Every phase is bounded in time (BENCH_FEEDBACK_SECONDS, 5 s) and the peer phase also by the
number of tokens issued beforehand (BENCH_FEEDBACK_TOKENS). Only successful requests count:
a 200 form with its CSRF token for the GET, the "recorded" thank-you page for the POST.

As in production, each answer only queues its compile: when REDIS_URL is set, the server
uses a Redis database of its own (BENCH_REDIS_DB, 15) as broker and cache, on a queue that
no worker reads, and that database is emptied before and after the run. Without REDIS_URL
the compile runs inside the request, which makes the figure pessimistic; tokens are spread
over audits of 100 requests so that this compile reads a realistic number of answers.
SQLite: the bench database lives in memory, so gunicorn gets a file copy of it (sqlite3
backup), deleted afterwards.

The module is also gunicorn's target: `bench.feedback_load:wsgi_application()` serves the
project's URLs plus the trivial view, nothing else changes in the project.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.http import HttpRequest, HttpResponse
from django.urls import path

from bench.http_load import Phase, get_ok_step, peer_step
from bench.supervision import free_port, log_tail, start_gunicorn, stop_process, wait_http_ready

# As GUNICORN_WORKERS and GUNICORN_THREADS default in the Dockerfile; the same variables
# change them here (e.g. GUNICORN_WORKERS=2 GUNICORN_THREADS=4 make bench).
WORKERS = int(os.environ.get("GUNICORN_WORKERS", "3"))
THREADS = int(os.environ.get("GUNICORN_THREADS", "2"))
SECONDS = float(os.environ.get("BENCH_FEEDBACK_SECONDS", "5"))
TOKENS = int(os.environ.get("BENCH_FEEDBACK_TOKENS", "2500"))
FLOOR_TOKENS = int(os.environ.get("BENCH_FLOOR_TOKENS", "5000"))
WARMUP_SECONDS = 1.5
WARMUP_TOKENS = 200
REQUESTS_PER_AUDIT = 100
TRIVIAL_URL = "/__bench/trivial"
ONE_QUERY_URL = "/__bench/one-query"
FLOOR_PREFIX = "/__bench/peer-floor/"
APP = "bench.feedback_load:wsgi_application()"  # gunicorn's target: this module


# --- gunicorn's side ------------------------------------------------------------------------


def trivial_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def one_query_view(request: HttpRequest) -> HttpResponse:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


def __getattr__(name: str):
    # This module is the server's ROOT_URLCONF: the project's URLs plus the trivial view,
    # built on first use (importing config.urls needs the app registry).
    if name == "urlpatterns":
        from bench.peer_floor import peer_floor_view
        from config.urls import urlpatterns

        return [
            path(TRIVIAL_URL.lstrip("/"), trivial_view),
            path(ONE_QUERY_URL.lstrip("/"), one_query_view),
            path(f"{FLOOR_PREFIX.lstrip('/')}<str:token>/", peer_floor_view),
            *urlpatterns,
        ]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def wsgi_application():
    """gunicorn's factory: config.wsgi's application, with this module as the URLconf."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.ROOT_URLCONF = __name__
    # No collectstatic in the bench: plain static URLs, as in the rest of the bench.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return get_wsgi_application()


# --- the bench's side -----------------------------------------------------------------------


def issue_tokens(*, audit, count: int) -> tuple[list[str], list[int]]:
    """`count` link-only requests with one fresh token each, on audits of 100 requests."""
    from audits.feedback.services import (
        Recipient,
        feedback_link_issue,
        feedback_requests_create,
    )
    from audits.selfaudit.services import audit_start

    tokens, audit_ids = [], []
    while len(tokens) < count:
        target = audit_start(owner=audit.owner, objective=audit.objective)
        audit_ids.append(target.pk)
        size = min(REQUESTS_PER_AUDIT, count - len(tokens))
        created = feedback_requests_create(
            audit=target,
            recipients=[Recipient(name=f"Bench peer {len(tokens) + i}") for i in range(size)],
            relationship="client",
            message="",
            language="en",
        ).created
        tokens += [feedback_link_issue(request=request) for request in created]
    return tokens, audit_ids


def server_database_url(workdir: Path) -> tuple[str, Path | None]:
    """A DATABASE_URL for the bench's test database (a file copy of it for SQLite)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        copy = workdir / "bench.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return f"sqlite:///{copy}", copy
    if connection.vendor == "postgresql":
        url = urlsplit(os.environ["DATABASE_URL"])
        name = connection.settings_dict["NAME"]
        return urlunsplit(url._replace(path=f"/{name}")), None
    raise RuntimeError(f"feedback load bench: unsupported database {connection.vendor}")


def answered_count(audit_ids: list[int], sqlite_copy: Path | None) -> int:
    """Requests answered in the database the server used: released, or waiting for it."""
    from audits.models import FeedbackRequest, PendingFeedbackAnswer

    answered = FeedbackRequest.Status.ANSWERED
    if sqlite_copy is None:
        return (
            FeedbackRequest.objects.filter(audit_id__in=audit_ids, status=answered).count()
            + PendingFeedbackAnswer.objects.filter(audit_id__in=audit_ids).count()
        )
    marks = ",".join("?" * len(audit_ids))
    with sqlite3.connect(sqlite_copy) as db:
        (count,) = db.execute(
            f"SELECT (SELECT COUNT(*) FROM {FeedbackRequest._meta.db_table} "  # noqa: S608
            f"WHERE status = ? AND audit_id IN ({marks})) + "
            f"(SELECT COUNT(*) FROM {PendingFeedbackAnswer._meta.db_table} "
            f"WHERE audit_id IN ({marks}))",
            [answered, *audit_ids, *audit_ids],
        ).fetchone()
    return count


BENCH_REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "15"))


def bench_redis_url() -> str:
    """The developer's Redis, on a database number kept for the bench (never their data)."""
    base = os.environ.get("REDIS_URL", "")
    if not base:
        return ""
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_REDIS_DB}", "", ""))


def flush_bench_redis() -> None:
    url = bench_redis_url()
    if url:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        try:
            client.flushdb()
        finally:
            client.close()


def start_server(*, port: int, database_url: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "FEEDBACK_RATE_LIMIT": "1000000",
        "LOG_LEVEL": "WARNING",
    }
    redis_url = bench_redis_url()
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CELERY_QUEUE"] = "bench-feedback-unconsumed"
        flush_bench_redis()
    else:
        env.pop("REDIS_URL", None)
    return start_gunicorn(app=APP, port=port, workers=WORKERS, threads=THREADS, env=env, log=log)


def wait_ready(server: subprocess.Popen, port: int, log: Path, timeout: float = 60) -> None:
    wait_http_ready(server, port, TRIVIAL_URL, log, timeout)


trivial_step = get_ok_step(TRIVIAL_URL)


def measure(*, audit) -> dict[str, float]:
    """The peer page's figures, with its references (trivial, one query, floor).

    gunicorn is always stopped before returning."""
    started = time.perf_counter()
    warmup_tokens, warmup_audits = issue_tokens(audit=audit, count=WARMUP_TOKENS)
    tokens, audit_ids = issue_tokens(audit=audit, count=TOKENS)
    audit_ids += warmup_audits
    from django.db import connection

    floor_tokens: list[str] = []
    if connection.vendor == "postgresql":
        floor_tokens, floor_audits = issue_tokens(audit=audit, count=FLOOR_TOKENS)
        audit_ids += floor_audits
    issued_in = time.perf_counter() - started

    workdir = Path(tempfile.mkdtemp(prefix="epratiques-bench-"))
    log = workdir / "gunicorn.log"
    server = None
    try:
        database_url, sqlite_copy = server_database_url(workdir)
        port = free_port()
        server = start_server(port=port, database_url=database_url, log=log)
        wait_ready(server, port, log)

        warm = Phase(port, WARMUP_SECONDS).run(trivial_step)
        warm_peer = Phase(port, WARMUP_SECONDS).run(peer_step(warmup_tokens))
        trivial = Phase(port, SECONDS, server.pid).run(trivial_step)
        one_query = Phase(port, SECONDS, server.pid).run(get_ok_step(ONE_QUERY_URL))
        peer = Phase(port, SECONDS, server.pid).run(peer_step(tokens))
        floor = Phase(port, SECONDS, server.pid)
        if floor_tokens:
            floor.run(peer_step(floor_tokens, FLOOR_PREFIX))
        stop_process(server)

        answered = answered_count(audit_ids, sqlite_copy)
        expected_answers = (warm_peer.ok + peer.ok + floor.ok) // 2
        failures = (warm.failures + warm_peer.failures + trivial.failures + one_query.failures) + (
            peer.failures + floor.failures
        )
        print(
            f"feedback load: {TOKENS + WARMUP_TOKENS + FLOOR_TOKENS * bool(floor_tokens)} "
            f"tokens issued in {issued_in:.1f} s; "
            f"trivial {trivial.ok} requests in {trivial.elapsed:.2f} s, "
            f"peer {peer.ok} requests in {peer.elapsed:.2f} s "
            f"({len(tokens)} tokens left), floor {floor.ok} requests in {floor.elapsed:.2f} s "
            f"({len(floor_tokens)} tokens left); answers stored {answered}, "
            f"expected {expected_answers}"
        )
        if not tokens or (floor.ok and not floor_tokens):
            print("feedback load: every token was used before the deadline (raise TOKENS)")
        if failures or answered < expected_answers:
            print(f"feedback load: failures {dict(failures)}\n{log_tail(log)}")
        ratio = round(peer.rps / trivial.rps, 3) if trivial.rps else 0.0
        floor_ratio = round(floor.rps / trivial.rps, 3) if trivial.rps and floor.ok else -1.0
        return {
            "feedback_rps": round(peer.rps, 1),
            "trivial_rps": round(trivial.rps, 1),
            "feedback_rps_ratio": ratio,
            # The same pair doing the least it could (bench/peer_floor.py): what the ratio
            # could reach at best here, and how much of that the real page reaches.
            "floor_rps_ratio": floor_ratio,
            "feedback_share_of_floor": round(ratio / floor_ratio, 3) if floor_ratio > 0 else -1.0,
            "floor_server_cpu_ms": floor.cpu_ms_per_request("server"),
            "floor_postgres_cpu_ms": floor.cpu_ms_per_request("postgres"),
            "one_query_rps_ratio": round(one_query.rps / trivial.rps, 3) if trivial.rps else 0.0,
            "feedback_p95_ms": round(peer.p95_ms(), 1),
            # Where the ratio comes from: CPU per request in gunicorn and in PostgreSQL.
            "trivial_server_cpu_ms": trivial.cpu_ms_per_request("server"),
            "one_query_server_cpu_ms": one_query.cpu_ms_per_request("server"),
            "feedback_server_cpu_ms": peer.cpu_ms_per_request("server"),
            "feedback_postgres_cpu_ms": peer.cpu_ms_per_request("postgres"),
            "feedback_failed_requests": sum(peer.failures.values()),
        }
    finally:
        if server is not None:
            stop_process(server)
        flush_bench_redis()
        shutil.rmtree(workdir, ignore_errors=True)
