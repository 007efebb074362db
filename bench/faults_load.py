"""`make faults`, second half: faults injected under a peer load, figures in bench/results.json.

`python -m bench.faults_load` creates a throwaway test database (as bench/__main__.py does),
starts a private `redis-server` on a free loopback port (never the developer's Redis), a
gunicorn (bench.feedback_load's server: 2 workers x 4 threads, DEBUG off) and a Celery worker
(`--pool=prefork --concurrency=1`), both with that Redis as broker and cache and a private
queue. 10 client threads then run GET /f/<token>/ + POST an answer, fresh tokens each pair,
for ~10 s per scenario:

1. Redis outage: after ~3 s Redis gets SIGTERM, stays down ~3 s, is restarted on the same
   port, and the load goes on ~4 s. Failed requests are counted inside the outage window
   (any overlap with it) and outside it (target 0); answers acknowledged with the "recorded"
   page but missing from FeedbackResponse are lost (target 0). Then a
   sweep_audits_needing_scores is enqueued and the time until every audit is compiled (no
   needs_scoring flag, latest snapshot counts all its responses) is the catch-up time.
2. Worker killed: after ~4 s the worker's pool child gets SIGKILL and a second worker is
   started; same loss and catch-up figures (catch-up without a sweep first: acks_late and
   reject_on_worker_lost must redeliver; a sweep is sent only if that fails to catch up).

Bounded: tokens issued beforehand (BENCH_FAULTS_TOKENS per scenario), fixed durations,
everything on 127.0.0.1; gunicorn, the workers and Redis are stopped in `finally`.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from bench.feedback_load import log_tail

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
CLIENTS = 10
TOKENS = int(os.environ.get("BENCH_FAULTS_TOKENS", "1500"))
DEBOUNCE_SECONDS = os.environ.get("BENCH_FAULTS_DEBOUNCE", "2")
CATCH_UP_TIMEOUT = 30.0
QUEUE = f"bench-faults-{uuid.uuid4().hex[:8]}"


# --- processes ------------------------------------------------------------------------------


def start_redis(port: int, workdir: Path) -> subprocess.Popen:
    import redis

    log = (workdir / "redis.log").open("ab")
    process = subprocess.Popen(  # noqa: S603
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)
        try:
            if client.ping():
                return process
        except redis.RedisError:
            time.sleep(0.05)
        finally:
            client.close()
    process.kill()
    raise RuntimeError("faults load: redis-server did not start")


def stop_process(process: subprocess.Popen | None, sig=signal.SIGTERM, timeout=15) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def server_env(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": QUEUE,
        "SCORE_DEBOUNCE_SECONDS": DEBOUNCE_SECONDS,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "FEEDBACK_RATE_LIMIT": "1000000",
        "LOG_LEVEL": "WARNING",
        "DB_POOL": "0",
    }


def start_gunicorn(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    from gunicorn.config import KNOWN_SETTINGS

    from bench.feedback_load import THREADS, WORKERS

    command = [
        sys.executable, "-m", "gunicorn", "bench.feedback_load:wsgi_application()",
        f"--bind=127.0.0.1:{port}", f"--workers={WORKERS}", f"--threads={THREADS}",
        "--timeout=60", "--graceful-timeout=5",
    ]  # fmt: skip
    if Path("/dev/shm").is_dir():  # noqa: S108
        command.append("--worker-tmp-dir=/dev/shm")
    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        command.append("--no-control-socket")
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603


def start_worker(env: dict[str, str], log: Path, index: int, started: list) -> subprocess.Popen:
    """A worker, added to `started` at once (so that `finally` stops it even if not ready)."""
    from config.celery import app as celery_app

    name = f"{QUEUE}-{index}@{os.uname().nodename}"
    command = [
        sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork",
        "--concurrency=1", "--queues", QUEUE, "--hostname", name, "--without-gossip",
        "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    started.append(process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if celery_app.control.ping(destination=[name], timeout=1):
                return process
        except Exception:  # redis-py's ConnectionError: a stale pooled connection
            drop_connections()
    stop_process(process, signal.SIGKILL)
    raise RuntimeError(f"faults load: the worker did not start:\n{log.read_text()[-3000:]}")


def drop_connections() -> None:
    """Forget this process's broker connections (opened before Redis was restarted)."""
    from config.celery import app as celery_app

    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


# --- load -----------------------------------------------------------------------------------


class Load:
    """CLIENTS threads doing GET + POST on fresh tokens; every request is timestamped."""

    def __init__(self, port: int, tokens: list[str]):
        self.port = port
        self.tokens = tokens
        self.lock = threading.Lock()
        self.failures: list[tuple[float, float, str]] = []
        self.ok = 0
        self.recorded = 0
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def request(self, client, method: str, url: str, body: bytes | None = None):
        from bench.feedback_load import Client  # noqa: F401 (type of client)

        start = time.monotonic()
        try:
            status, data = client.request(method, url, body)
        except OSError as exc:
            status, data = None, type(exc).__name__.encode()
        except Exception as exc:  # http.client errors
            status, data = None, type(exc).__name__.encode()
        return start, time.monotonic(), status, data

    def fail(self, start: float, end: float, reason: str) -> None:
        with self.lock:
            self.failures.append((start, end, reason))

    def loop(self) -> None:
        from bench.feedback_load import ANSWER, CSRF_INPUT, RECORDED, Client

        client = Client(self.port)
        try:
            while not self.stop.is_set():
                try:
                    token = self.tokens.pop()
                except IndexError:
                    return
                url = f"/f/{token}/"
                start, end, status, page = self.request(client, "GET", url)
                found = CSRF_INPUT.search(page) if status == 200 else None
                if found is None:
                    self.fail(start, end, f"GET {status or page.decode()}")
                    self.tokens.append(token)  # the token was not used: kept for a retry
                    time.sleep(0.05)  # a failing page is not hammered in a tight loop
                    continue
                body = urlencode({**ANSWER, "csrfmiddlewaretoken": found.group(1).decode()})
                start2, end2, status, page = self.request(client, "POST", url, body.encode())
                if status == 200 and RECORDED in page:
                    with self.lock:
                        self.ok += 2
                        self.recorded += 1
                else:
                    with self.lock:
                        self.ok += 1
                    self.fail(start2, end2, f"POST {status or page.decode()}")
                    time.sleep(0.05)
        finally:
            client.close()

    def start(self) -> None:
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(CLIENTS)]
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


# --- checks ---------------------------------------------------------------------------------


def stored_answers(audit_ids: list[int]) -> int:
    from audits.models import FeedbackResponse

    return FeedbackResponse.objects.filter(audit_id__in=audit_ids).count()


def pending_audits(audit_ids: list[int]) -> list[int]:
    """Audits still flagged, or whose latest snapshot does not count all their responses."""
    from django.db.models import Count

    from audits.models import Audit, FeedbackResponse, ScoreSnapshot

    flagged = set(
        Audit.objects.filter(pk__in=audit_ids, needs_scoring=True).values_list("pk", flat=True)
    )
    counts = dict(
        FeedbackResponse.objects.filter(audit_id__in=audit_ids)
        .values_list("audit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    behind = set()
    for audit_id, count in counts.items():
        latest = ScoreSnapshot.objects.filter(audit_id=audit_id).order_by("-computed_at", "-id")
        snapshot = latest.first()
        peer = (snapshot.figures or {}).get("peer") or {} if snapshot else {}
        if peer.get("responses") != count:
            behind.add(audit_id)
    return sorted(flagged | behind)


def wait_caught_up(audit_ids: list[int], timeout: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if not pending_audits(audit_ids):
            return round(time.monotonic() - start, 2)
        time.sleep(0.25)
    return None


def send_sweep() -> None:
    from config.celery import app as celery_app

    celery_app.send_task("audits.tasks.sweep_audits_needing_scores", queue=QUEUE)


# --- scenarios ------------------------------------------------------------------------------


def redis_outage(port: int, redis_port: int, workdir: Path, state: dict, tokens, audit_ids):
    load = Load(port, tokens)
    load.start()
    time.sleep(3)
    outage_start = time.monotonic()
    stop_process(state["redis"], signal.SIGTERM)
    time.sleep(3)
    state["redis"] = start_redis(redis_port, workdir)
    drop_connections()
    outage_end = time.monotonic()
    worker_alive = state["workers"][0].poll() is None
    time.sleep(4)
    load.finish()

    during = [f for f in load.failures if f[0] <= outage_end and f[1] >= outage_start]
    outside = [f for f in load.failures if f not in during]
    stored = stored_answers(audit_ids)
    send_sweep()
    caught_up = wait_caught_up(audit_ids, CATCH_UP_TIMEOUT)
    reasons: dict[str, int] = {}
    for _s, _e, reason in load.failures:
        reasons[reason] = reasons.get(reason, 0) + 1
    print(
        f"faults load, redis outage ({outage_end - outage_start:.1f} s): "
        f"{load.ok} requests ok, failures {reasons}; acknowledged {load.recorded}, "
        f"stored {stored}; {len(tokens)} tokens left; pending {pending_audits(audit_ids)}; "
        f"worker alive after the outage: {worker_alive}"
    )
    if not worker_alive:
        print(log_tail(workdir / "worker-0.log", 15))
    return {
        "fault_redis_requests_ok": load.ok,
        "fault_redis_requests_failed_during_outage": len(during),
        "fault_redis_requests_failed_outside_outage": len(outside),
        "fault_redis_answers_lost": load.recorded - stored,
        "fault_redis_scores_caught_up_seconds": caught_up if caught_up is not None else -1,
        "fault_redis_worker_survived": int(worker_alive),
    }


def worker_killed(port: int, env: dict, workdir: Path, state: dict, tokens, audit_ids):
    load = Load(port, tokens)
    load.start()
    time.sleep(4)
    worker = state["workers"][0]
    if worker.poll() is not None:  # it did not survive the outage: a fresh one to kill
        worker = start_worker(env, workdir / "worker-0b.log", 2, state["workers"])
    killed = children(worker.pid)
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    killed_at = time.monotonic()
    start_worker(env, workdir / "worker-1.log", 1, state["workers"])
    restarted_in = time.monotonic() - killed_at
    time.sleep(max(0.0, 6 - restarted_in))
    load.finish()

    stored = stored_answers(audit_ids)
    caught_up = wait_caught_up(audit_ids, CATCH_UP_TIMEOUT / 2)
    swept = 0
    if caught_up is None:
        swept = 1
        send_sweep()
        caught_up = wait_caught_up(audit_ids, CATCH_UP_TIMEOUT / 2)
        if caught_up is not None:
            caught_up += CATCH_UP_TIMEOUT / 2
    log = (workdir / "worker-0.log").read_text(errors="replace")
    log += (
        (workdir / "worker-0b.log").read_text(errors="replace")
        if (workdir / "worker-0b.log").exists()
        else ""
    )
    in_flight = int("WorkerLostError" in log)
    print(
        f"faults load, worker killed (child {killed}, new worker up in {restarted_in:.1f} s): "
        f"{load.ok} requests ok, {len(load.failures)} failed; acknowledged {load.recorded}, "
        f"stored {stored}; task lost with the child: {bool(in_flight)}; sweep needed: "
        f"{bool(swept)}; pending {pending_audits(audit_ids)}"
    )
    return {
        "fault_worker_requests_ok": load.ok,
        "fault_worker_requests_failed": len(load.failures),
        "fault_worker_answers_lost": load.recorded - stored,
        "fault_worker_scores_caught_up_seconds": caught_up if caught_up is not None else -1,
        "fault_worker_task_in_flight_at_kill": in_flight,
        "fault_worker_sweep_needed": swept,
    }


def run(redis_port: int, workdir: Path, state: dict) -> dict:
    from audits.demo import DEMO_LOGINS, seed_demo
    from audits.models import Audit
    from audits.services.questionnaires import questionnaire_ensure_default
    from bench.feedback_load import free_port, issue_tokens, server_database_url, wait_ready

    questionnaire_ensure_default()
    seed_demo()
    audit = Audit.objects.get(owner__email=DEMO_LOGINS[0].email)
    started = time.monotonic()
    tokens_redis, audits_redis = issue_tokens(audit=audit, count=TOKENS)
    tokens_worker, audits_worker = issue_tokens(audit=audit, count=TOKENS)
    print(f"faults load: {2 * TOKENS} tokens issued in {time.monotonic() - started:.1f} s")

    database_url, sqlite_copy = server_database_url(workdir)
    if sqlite_copy is not None:
        raise RuntimeError("faults load: needs PostgreSQL (a shared database for the worker)")
    env = server_env(database_url, f"redis://127.0.0.1:{redis_port}/0")
    port = free_port()
    log = workdir / "gunicorn.log"
    state["server"] = start_gunicorn(port, env, log)
    start_worker(env, workdir / "worker-0.log", 0, state["workers"])
    wait_ready(state["server"], port, log)

    results = redis_outage(port, redis_port, workdir, state, tokens_redis, audits_redis)
    results.update(worker_killed(port, env, workdir, state, tokens_worker, audits_worker))
    gunicorn_log = log.read_text(errors="replace")
    print(f"faults load: gunicorn log, {gunicorn_log.count('Traceback')} tracebacks")
    errors = [line for line in gunicorn_log.splitlines() if "Error" in line]
    for line in sorted(set(errors))[:8]:
        print(f"  {line[:200]}")
    return results


def main() -> int:
    if not shutil.which("redis-server"):
        print("faults load: redis-server is not on PATH, skipped")
        return 0
    from bench.feedback_load import free_port

    workdir = Path(tempfile.mkdtemp(prefix="epratiques-faults-"))
    redis_port = free_port()
    state: dict = {"redis": None, "server": None, "workers": []}
    # Everything this process does with Redis (cache, Celery's broker) goes to the private one.
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    os.environ["CELERY_QUEUE"] = QUEUE
    os.environ["SCORE_DEBOUNCE_SECONDS"] = DEBOUNCE_SECONDS
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        state["redis"] = start_redis(redis_port, workdir)
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test.utils import setup_test_environment

        setup_test_environment()
        settings.ALLOWED_HOSTS = ["*"]
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            results = run(redis_port, workdir, state)
        finally:
            stop_process(state["server"])
            for worker in state["workers"]:
                stop_process(worker)
            state["server"], state["workers"] = None, []
            connection.close()
            connection.creation.destroy_test_db(old_name, verbosity=0)
    finally:
        stop_process(state["server"])
        for worker in state["workers"]:
            stop_process(worker)
        stop_process(state["redis"])
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(results, indent=2, sort_keys=True))
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing.update(results)
    RESULTS.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
