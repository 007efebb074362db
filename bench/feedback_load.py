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

import http.client
import math
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.http import HttpRequest, HttpResponse
from django.urls import path
from gunicorn.config import KNOWN_SETTINGS

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 20
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
ANSWER = {
    "lang": "en",
    "appraisal": "positive",
    "pillar_strategy": "4",
    "pillar_network": "3",
    "pillar_engagement": "4",
    "pillar_conduct": "5",
    "keep_doing": "Sharing the case studies of your clients, they are concrete and useful.",
    "change": "Post a little less often, and answer the comments under your posts.",
}
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"(?:^|[\s,])csrftoken=([^;,\s]+)")
RECORDED = b"recorded anonymously"


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.feedback_load:wsgi_application()",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        f"--threads={THREADS}",
        "--timeout=60",
        "--graceful-timeout=5",
    ]
    if Path("/dev/shm").is_dir():  # noqa: S108 — as in the Dockerfile: heartbeats off disk
        command.append("--worker-tmp-dir=/dev/shm")
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        command.append("--no-control-socket")  # gunicorn >= 25.1 opens one in $HOME otherwise
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def wait_ready(server: subprocess.Popen, port: int, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", TRIVIAL_URL)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not come up:\n{log_tail(log)}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class Client:
    """One simulated browser: a keep-alive connection and its csrftoken cookie."""

    def __init__(self, port: int):
        self.port = port
        self.conn: http.client.HTTPConnection | None = None
        self.csrf_cookie = ""

    def request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if self.csrf_cookie:
            headers["Cookie"] = f"csrftoken={self.csrf_cookie}"
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.conn.request(method, url, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        # The cookie is Secure (DEBUG off) but this is plain loopback: kept by hand.
        for value in response.headers.get_all("Set-Cookie") or []:
            found = CSRF_COOKIE.search(value)
            if found:
                self.csrf_cookie = found.group(1)
        if response.will_close:
            self.close()
        return response.status, data

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def cpu_seconds(root_pid: int) -> dict[str, float]:
    """CPU time (user + system) used so far by gunicorn (`root_pid` and its workers) and by
    PostgreSQL's processes on this machine, read from /proc; empty where there is no /proc."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    totals = {"server": 0.0, "postgres": 0.0}
    proc = Path("/proc")
    if not proc.is_dir():
        return {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "comm").read_text().strip()
        except OSError:
            continue
        name_end = stat.rindex(")")
        fields = stat[name_end + 2 :].split()
        parent, used = int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks
        if int(entry.name) == root_pid or parent == root_pid:
            totals["server"] += used
        elif command.startswith("postgres"):
            totals["postgres"] += used
    return totals


class Phase:
    """CLIENTS threads running `step(client, phase)` until the deadline or no more work."""

    def __init__(self, port: int, seconds: float, server_pid: int | None = None):
        self.port = port
        self.seconds = seconds
        self.server_pid = server_pid
        self.cpu: dict[str, float] = {}
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.ok = 0
        self.failures: Counter[str] = Counter()
        self.elapsed = 0.0

    def timed(self, client: Client, method: str, url: str, body: bytes | None = None):
        start = time.perf_counter()
        try:
            status, data = client.request(method, url, body)
        except (OSError, http.client.HTTPException) as exc:
            self.fail(f"{method} {type(exc).__name__}")
            return None, b""
        latency = time.perf_counter() - start
        with self.lock:
            self.latencies.append(latency)
        return status, data

    def fail(self, reason: str) -> None:
        with self.lock:
            self.failures[reason] += 1

    def succeed(self, count: int = 1) -> None:
        with self.lock:
            self.ok += count

    def run(self, step) -> "Phase":
        barrier = threading.Barrier(CLIENTS + 1)
        ends: list[float] = []

        def worker():
            client = Client(self.port)
            barrier.wait()
            deadline = time.perf_counter() + self.seconds
            try:
                while time.perf_counter() < deadline and step(client, self):
                    pass
            finally:
                client.close()
                with self.lock:
                    ends.append(time.perf_counter())

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        cpu_before = cpu_seconds(self.server_pid) if self.server_pid else {}
        barrier.wait()
        start = time.perf_counter()
        for thread in threads:
            thread.join(timeout=self.seconds + 120)
        self.elapsed = max(ends, default=start) - start
        if cpu_before:
            after = cpu_seconds(self.server_pid)
            self.cpu = {name: after[name] - cpu_before[name] for name in cpu_before}
        return self

    def cpu_ms_per_request(self, name: str) -> float:
        """CPU milliseconds `name` (server, postgres) spent per successful request."""
        if name not in self.cpu or not self.ok:
            return -1.0
        return round(self.cpu[name] * 1000 / self.ok, 2)

    @property
    def rps(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0

    def p95_ms(self) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] * 1000


def get_ok_step(url: str):
    def step(client: Client, phase: Phase) -> bool:
        status, data = phase.timed(client, "GET", url)
        if status == 200 and data == b"ok":
            phase.succeed()
        elif status is not None:
            phase.fail(f"{url} {status}")
        return True

    return step


trivial_step = get_ok_step(TRIVIAL_URL)


def peer_step(tokens: list[str], prefix: str = "/f/"):
    def step(client: Client, phase: Phase) -> bool:
        try:
            token = tokens.pop()
        except IndexError:
            return False  # every token used: the phase ends early
        url = f"{prefix}{token}/"
        status, page = phase.timed(client, "GET", url)
        found = CSRF_INPUT.search(page) if status == 200 else None
        if found is None:
            if status is not None:
                phase.fail(f"GET {status}")
            return True
        phase.succeed()
        body = urlencode({**ANSWER, "csrfmiddlewaretoken": found.group(1).decode()}).encode()
        status, page = phase.timed(client, "POST", url, body)
        if status == 200 and RECORDED in page:
            phase.succeed()
        elif status is not None:
            phase.fail(f"POST {status}" if status != 200 else "POST 200 not recorded")
        return True

    return step


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
        stop_server(server)

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
            stop_server(server)
        flush_bench_redis()
        shutil.rmtree(workdir, ignore_errors=True)
