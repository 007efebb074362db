"""`make faults`, second half: faults injected under a mixed load, figures in bench/results.json.

`python -m bench.faults_load` starts everything it breaks itself, never the developer's
services: a private `redis-server` and, when the PostgreSQL binaries are there
(/usr/lib/postgresql/*/bin, or pg_ctl on PATH), a private PostgreSQL cluster (initdb in a
temporary directory, as the `postgres` user when run as root), both on free loopback ports.
The bench database is created and migrated there; without those binaries it falls back to a
throwaway test database on DATABASE_URL and skips the PostgreSQL scenario. Then gunicorn
(bench.feedback_load's server: 3 workers x 2 threads, DEBUG off, the psycopg pool on, as in
production) and one Celery worker (`--pool=prefork --concurrency=1`), supervised as compose
does (`restart: unless-stopped`: started again whenever it exits).

The load is bench.mixed_load's, on 10 client threads (ROLES): peers GET /f/<token>/ then POST
an answer (fresh tokens, on a bench user's audits), professionals browse the demo dashboard,
score, contacts, map data and absence zones, the consultant reads the client's score and HTML
report. Every request is timestamped; a request fails on a connection error or any status
other than 200 (with the form, or the "recorded" page for a peer's POST).

Scenarios, one after the other, each on tokens of its own:

1. Redis outage: after BEFORE s Redis gets SIGTERM, stays down OUTAGE s, is started again on
   the same port, the load goes on AFTER s.
2. PostgreSQL restart: same timing, `pg_ctl stop -m fast` then `pg_ctl start`; then a second
   restart while nothing runs, followed by IDLE_RESTART_LOAD s of load: every connection the
   pools kept idle is dead by then (`fault_pg_idle_restart_failed_after`, target 0).
3. Worker child killed: after BEFORE s the worker's pool child gets SIGKILL (the parent forks
   a new one; acks_late + reject_on_worker_lost redeliver its task).
4. Worker killed: after BEFORE s the whole worker (main process and child) gets SIGKILL, as
   `docker kill` or the OOM killer would; the supervisor starts it again.

Figures per scenario: failed requests whose time overlaps the outage window (from the stop
to the moment the service answers again) and outside it (target 0); answers lost, i.e.
acknowledged with the "recorded" page but stored neither as released (FeedbackResponse) nor
as waiting for a release (PendingFeedbackAnswer), per audit (target
0); the seconds from the end of the load until every audit is compiled (no needs_scoring
flag, latest snapshot counts all its responses). Compiles are first given DEBOUNCE + 3 s to
catch up by themselves; if they do not, a sweep_audits_needing_scores is sent, as beat does
every 2 minutes in production, and `*_sweep_needed` says so.

Bounded: tokens issued beforehand (BENCH_FAULTS_TOKENS per scenario), fixed durations,
everything on 127.0.0.1; gunicorn, the worker, Redis and PostgreSQL are stopped in `finally`.
BENCH_FAULTS_SCENARIOS=redis,pg,... runs some scenarios only; BENCH_FAULTS_KEEP=1 keeps the
logs (gunicorn, worker, Redis) in the temporary directory it prints.
"""

import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import suppress
from glob import glob
from pathlib import Path
from urllib.parse import urlencode

from bench.feedback_load import (
    ANSWER,
    CSRF_INPUT,
    RECORDED,
    REQUESTS_PER_AUDIT,
    Client,
    free_port,
    log_tail,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
ROLES = (("peer", 6), ("professional", 3), ("consultant", 1))  # 10 client threads
TOKENS = int(os.environ.get("BENCH_FAULTS_TOKENS", "2500"))
DEBOUNCE_SECONDS = int(os.environ.get("BENCH_FAULTS_DEBOUNCE", "2"))
BEFORE, OUTAGE, AFTER = 3.0, 3.0, 5.0
NATURAL_CATCH_UP = DEBOUNCE_SECONDS + 3.0
CATCH_UP_TIMEOUT = 40.0
IDLE_RESTART_LOAD = 2.0
SCENARIOS = os.environ.get("BENCH_FAULTS_SCENARIOS", "redis,pg,worker,worker_main").split(",")
QUEUE = f"bench-faults-{uuid.uuid4().hex[:8]}"


def now() -> float:
    return time.monotonic()


def say(message: str) -> None:
    print(f"faults load: {message}", flush=True)


# --- processes ------------------------------------------------------------------------------


def start_redis(port: int, workdir: Path) -> subprocess.Popen:
    import redis

    command = [
        shutil.which("redis-server") or "redis-server", "--port", str(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
        "--dir", str(workdir),
    ]  # fmt: skip
    with (workdir / "redis.log").open("ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    deadline = now() + 10
    while now() < deadline:
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


def postgres_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with pg_ctl, else pg_ctl's on PATH."""
    found = sorted(
        glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: int(re.sub(r"\D", "", Path(path).parent.parent.name) or 0),
    )
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free loopback port (never the developer's server).

    initdb and postgres refuse to run as root: as root, the cluster belongs to the `postgres`
    user (runuser), in a directory of its own.
    """

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.port = free_port()
        self.prefix: list[str] = []
        owner = None
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")  # KeyError: no such user, no private cluster
            runuser = shutil.which("runuser")
            if runuser is None:
                raise RuntimeError("running as root without runuser")
            self.prefix = [runuser, "-u", "postgres", "--"]
        self.root = Path(tempfile.mkdtemp(prefix="epratiques-faults-pg-"))
        if owner is not None:
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def command(self, program: str, *args: str, timeout: float = 60) -> None:
        subprocess.run(  # noqa: S603
            [*self.prefix, str(self.bindir / program), *args],
            check=True,
            capture_output=True,
            timeout=timeout,
            cwd=self.root,
        )

    def init(self) -> None:
        self.command(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--no-locale", "--no-sync",
        )  # fmt: skip
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self.command(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "30",
            "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.command("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def destroy(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop("immediate")
        except (subprocess.SubprocessError, OSError) as exc:
            say(f"private PostgreSQL did not stop: {exc}")
        shutil.rmtree(self.root, ignore_errors=True)


def server_env(database_url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": QUEUE,
        "SCORE_DEBOUNCE_SECONDS": str(DEBOUNCE_SECONDS),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "FEEDBACK_RATE_LIMIT": "1000000",
        "LOG_LEVEL": "WARNING",
        "DB_POOL": "1",  # as in production (this process itself runs without the pool)
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


class SupervisedWorker:
    """One `celery worker`, started again whenever it exits (compose: restart: unless-stopped).

    Each start logs to a file of its own; `exits` records when the process went away.
    """

    def __init__(self, env: dict[str, str], workdir: Path):
        self.env, self.workdir = env, workdir
        self.name = f"{QUEUE}@{os.uname().nodename}"
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.exits: list[float] = []
        self.ready_at: list[float] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.supervise, daemon=True)

    @property
    def log(self) -> Path:
        return self.workdir / f"worker-{self.starts}.log"

    def logs(self) -> str:
        return "".join(
            (self.workdir / f"worker-{n}.log").read_text(errors="replace")
            for n in range(1, self.starts + 1)
        )

    def spawn(self) -> None:
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=prefork",
            "--concurrency=1", "--queues", QUEUE, "--hostname", self.name, "--without-gossip",
            "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
        ]  # fmt: skip
        self.starts += 1
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        threading.Thread(target=self.watch_ready, args=(self.log,), daemon=True).start()

    def watch_ready(self, log: Path) -> None:
        deadline = now() + 90
        while now() < deadline and not self.stopping.is_set():
            if f"{self.name} ready." in log.read_text(errors="replace"):
                self.ready_at.append(now())
                return
            time.sleep(0.1)

    def start(self) -> None:
        with self.lock:
            self.spawn()
        self.thread.start()
        self.wait_ready(1)

    def wait_ready(self, count: int, timeout: float = 90) -> None:
        deadline = now() + timeout
        while len(self.ready_at) < count:
            if now() > deadline:
                raise RuntimeError(f"faults load: the worker did not start:\n{log_tail(self.log)}")
            time.sleep(0.1)

    def supervise(self) -> None:
        while not self.stopping.wait(0.2):
            with self.lock:
                if self.process is not None and self.process.poll() is not None:
                    self.exits.append(now())
                    say(f"worker exited ({self.process.returncode}), started again")
                    self.spawn()

    def kill_child(self) -> list[int]:
        with self.lock:
            killed = children(self.process.pid)
            for pid in killed:
                os.kill(pid, signal.SIGKILL)
        return killed

    def kill_all(self) -> None:
        """SIGKILL to the main process and its pool child at once, as `docker kill` does."""
        with self.lock:
            for pid in [self.process.pid, *children(self.process.pid)]:
                with suppress(ProcessLookupError):  # a child that exited meanwhile
                    os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        self.stopping.set()
        with self.lock:
            stop_process(self.process)


# --- load -----------------------------------------------------------------------------------


class Load:
    """ROLES threads, each request timestamped: (start, end, role, ok, reason)."""

    def __init__(self, port: int, tokens: dict[str, int], sessions: dict[str, str], audit):
        self.port = port
        self.tokens = list(tokens)
        self.token_audits = tokens
        self.sessions = sessions
        self.audit = audit
        self.lock = threading.Lock()
        self.requests: list[tuple[float, float, str, bool, str]] = []
        self.acknowledged: Counter[int] = Counter()  # audit id -> answers acknowledged
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def request(self, client: Client, method: str, url: str, body=None):
        start = now()
        try:
            status, data = client.request(method, url, body)
        except Exception as exc:  # OSError, http.client's errors: a failed request
            status, data = None, type(exc).__name__.encode()
        return start, now(), status, data

    def record(self, start: float, end: float, role: str, ok: bool, reason: str = "") -> None:
        with self.lock:
            self.requests.append((start, end, role, ok, reason))

    def peer(self) -> None:
        client = Client(self.port)
        try:
            while not self.stop.is_set():
                with self.lock:
                    if not self.tokens:
                        return
                    token = self.tokens.pop()
                url = f"/f/{token}/"
                start, end, status, page = self.request(client, "GET", url)
                found = CSRF_INPUT.search(page) if status == 200 else None
                if found is None:
                    self.record(start, end, "peer", False, f"GET {status or page.decode()}")
                    with self.lock:
                        self.tokens.append(token)  # not used: kept for a later try
                    time.sleep(0.05)  # a failing page is not hammered in a tight loop
                    continue
                self.record(start, end, "peer", True)
                body = urlencode({**ANSWER, "csrfmiddlewaretoken": found.group(1).decode()})
                start, end, status, page = self.request(client, "POST", url, body.encode())
                if status == 200 and RECORDED in page:
                    self.record(start, end, "peer", True)
                    with self.lock:
                        self.acknowledged[self.token_audits[token]] += 1
                else:
                    self.record(start, end, "peer", False, f"POST {status or page.decode()}")
                    time.sleep(0.05)
        finally:
            client.close()

    def browse(self, role: str, urls) -> None:
        from bench.mixed_load import SessionConnection

        client = Client(self.port)
        try:
            while not self.stop.is_set():
                if client.conn is None:
                    client.conn = SessionConnection(
                        self.sessions[role], "127.0.0.1", self.port, timeout=30
                    )
                url = next(urls)
                start, end, status, data = self.request(client, "GET", url)
                if status == 200:
                    self.record(start, end, role, True)
                else:
                    path = url.split("?")[0]
                    self.record(start, end, role, False, f"GET {status or data.decode()} {path}")
                    time.sleep(0.05)
        finally:
            client.close()

    def start(self) -> None:
        from bench.mixed_load import consultant_urls, professional_urls

        targets = []
        for role, count in ROLES:
            for number in range(count):
                if role == "peer":
                    targets.append((self.peer, ()))
                elif role == "professional":
                    targets.append((self.browse, (role, professional_urls(self.audit, number))))
                else:
                    targets.append((self.browse, (role, consultant_urls(self.audit))))
        self.threads = [threading.Thread(target=t, args=a, daemon=True) for t, a in targets]
        for thread in self.threads:
            thread.start()

    def finish(self) -> float:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        return now()

    # figures

    def ok(self) -> int:
        return sum(1 for request in self.requests if request[3])

    def failed(self, window: tuple[float, float] | None = None, inside: bool = True) -> list:
        failures = [request for request in self.requests if not request[3]]
        if window is None:
            return failures
        start, end = window
        return [r for r in failures if (r[0] <= end and r[1] >= start) == inside]

    def reasons(self) -> dict[str, int]:
        return dict(Counter(f"{r[2]} {r[4]}" for r in self.failed()).most_common(8))

    def per_role(self) -> str:
        counts = Counter((r[2], r[3]) for r in self.requests)
        return ", ".join(
            f"{role} {counts[(role, True)]} ok/{counts[(role, False)]} failed" for role, _ in ROLES
        )

    def timeline(self, origin: float) -> str:
        """Requests finished per second around `origin` (the fault): ok/failed."""
        seconds: dict[int, list[int]] = {}
        for _start, end, _role, ok, _reason in self.requests:
            second = int((end - origin) // 1)
            seconds.setdefault(second, [0, 0])[0 if ok else 1] += 1
        return " ".join(
            f"{s:+d}:{ok}/{bad}" for s, (ok, bad) in sorted(seconds.items()) if -4 < s < 12
        )


# --- checks ---------------------------------------------------------------------------------


def fresh_connection() -> None:
    from django.db import connection

    connection.close()


def stored_by_audit(audit_ids) -> Counter:
    from django.db.models import Count

    from audits.models import FeedbackResponse, PendingFeedbackAnswer

    fresh_connection()
    stored = Counter()
    for model in (FeedbackResponse, PendingFeedbackAnswer):  # released or waiting for it
        stored.update(
            dict(
                model.objects.filter(audit_id__in=list(audit_ids))
                .values_list("audit_id")
                .annotate(n=Count("pk"))
                .order_by()
            )
        )
    return stored


def answers_lost(load: Load) -> int:
    """Answers acknowledged to a peer but not stored, audit by audit."""
    stored = stored_by_audit(load.acknowledged)
    return sum(max(0, count - stored[audit]) for audit, count in load.acknowledged.items())


def pending_audits(audit_ids) -> list[int]:
    """Audits still flagged, or whose latest snapshot does not count all their responses."""
    from audits.models import Audit, ScoreSnapshot

    audit_ids = list(audit_ids)
    flagged = set(
        Audit.objects.filter(pk__in=audit_ids, needs_scoring=True).values_list("pk", flat=True)
    )
    behind = set()
    for audit_id, count in stored_by_audit(audit_ids).items():
        latest = ScoreSnapshot.objects.filter(audit_id=audit_id).order_by("-computed_at", "-id")
        snapshot = latest.first()
        peer = (snapshot.figures or {}).get("peer") or {} if snapshot else {}
        if peer.get("responses") != count:
            behind.add(audit_id)
    return sorted(flagged | behind)


def wait_caught_up(audit_ids, timeout: float) -> bool:
    deadline = now() + timeout
    while now() < deadline:
        try:
            if not pending_audits(audit_ids):
                return True
        except Exception as exc:  # the database may still be coming back
            say(f"check failed ({type(exc).__name__}), retried")
        time.sleep(0.25)
    return False


def send_sweep() -> None:
    from config.celery import app as celery_app

    for attempt in range(3):
        try:
            celery_app.send_task("audits.tasks.sweep_audits_needing_scores", queue=QUEUE)
            return
        except Exception:  # a pooled broker connection from before a restart
            drop_connections()
            if attempt == 2:
                raise


def drop_connections() -> None:
    """Forget this process's broker connections (opened before Redis was restarted)."""
    from config.celery import app as celery_app

    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def catch_up(load: Load, ended: float) -> tuple[float, int]:
    """Seconds from the end of the load until every audit answered is compiled; sweep sent?"""
    audits = set(load.acknowledged)
    if wait_caught_up(audits, NATURAL_CATCH_UP):
        return round(now() - ended, 2), 0
    say(f"pending after {NATURAL_CATCH_UP:.0f} s: {pending_audits(audits)}; sweep sent")
    send_sweep()
    if wait_caught_up(audits, CATCH_UP_TIMEOUT):
        return round(now() - ended, 2), 1
    say(f"still pending: {pending_audits(audits)}")
    return -1, 1


# --- scenarios ------------------------------------------------------------------------------


def outage(name: str, load: Load, stop, restart) -> tuple[tuple[float, float], float]:
    """Load; after BEFORE s stop(); OUTAGE s later restart(); AFTER s more of load."""
    load.start()
    time.sleep(BEFORE)
    down = now()
    stop()
    time.sleep(OUTAGE)
    restart()
    up = now()
    time.sleep(AFTER)
    ended = load.finish()
    say(f"{name}: down {up - down:.1f} s; per second from the stop (ok/failed): ")
    print(f"  {load.timeline(down)}", flush=True)
    return (down, up), ended


def report(name: str, load: Load, window, extra: str = "") -> None:
    during = len(load.failed(window, inside=True)) if window else 0
    outside = len(load.failed(window, inside=False)) if window else len(load.failed())
    say(
        f"{name}: {load.ok()} requests ok, {during} failed during the outage, {outside} "
        f"outside; {load.per_role()}; failures {load.reasons()}; acknowledged "
        f"{sum(load.acknowledged.values())}, {len(load.tokens)} tokens left{extra}"
    )
    if not load.tokens and load.acknowledged:
        say(f"{name}: peers used every token before the end (raise BENCH_FAULTS_TOKENS)")


def redis_outage(ctx: dict, load: Load) -> dict:
    worker: SupervisedWorker = ctx["worker"]
    exits = len(worker.exits)

    def stop():
        stop_process(ctx["redis"], signal.SIGTERM)

    def restart():
        ctx["redis"] = start_redis(ctx["redis_port"], ctx["workdir"])
        drop_connections()

    window, ended = outage("redis outage", load, stop, restart)
    lost = answers_lost(load)
    caught_up, swept = catch_up(load, ended)
    restarts = len(worker.exits) - exits
    report("redis outage", load, window, f"; worker restarts {restarts}")
    if restarts:
        print(log_tail(ctx["workdir"] / f"worker-{worker.starts - 1}.log", 15))
    return {
        "fault_redis_requests_ok": load.ok(),
        "fault_redis_requests_failed_during_outage": len(load.failed(window, inside=True)),
        "fault_redis_requests_failed_outside_outage": len(load.failed(window, inside=False)),
        "fault_redis_answers_lost": lost,
        "fault_redis_scores_caught_up_seconds": caught_up,
        "fault_redis_sweep_needed": swept,
        "fault_redis_worker_survived": int(restarts == 0),
    }


def postgres_restart(ctx: dict, load: Load) -> dict:
    postgres: PrivatePostgres = ctx["postgres"]
    window, ended = outage(
        "postgres restart", load, lambda: postgres.stop("fast"), lambda: postgres.start()
    )
    fresh_connection()
    lost = answers_lost(load)
    caught_up, swept = catch_up(load, ended)
    report("postgres restart", load, window)

    # Restarted while idle: no request holds a connection, so every connection the pools
    # keep is dead when the load comes back, after the outage.
    postgres.stop("fast")
    postgres.start()
    fresh_connection()
    tokens = {token: load.token_audits[token] for token in load.tokens}
    idle = Load(load.port, tokens, load.sessions, load.audit)
    idle.start()
    time.sleep(IDLE_RESTART_LOAD)
    idle.finish()
    idle_lost = answers_lost(idle)
    report("postgres restarted idle, then load", idle, None)
    return {
        "fault_pg_requests_ok": load.ok(),
        "fault_pg_failed_in_outage": len(load.failed(window, inside=True)),
        "fault_pg_failed_outside_outage": len(load.failed(window, inside=False)),
        "fault_pg_answers_lost": lost + idle_lost,
        "fault_pg_scores_caught_up_seconds": caught_up,
        "fault_pg_sweep_needed": swept,
        "fault_pg_idle_restart_failed_after": len(idle.failed()),
    }


def worker_child_killed(ctx: dict, load: Load) -> dict:
    worker: SupervisedWorker = ctx["worker"]
    log_before = len(worker.logs())
    load.start()
    time.sleep(BEFORE)
    killed = worker.kill_child()
    killed_at = now()
    time.sleep(AFTER + 1)
    ended = load.finish()
    print(f"  {load.timeline(killed_at)}", flush=True)
    lost = answers_lost(load)
    caught_up, swept = catch_up(load, ended)
    log = worker.logs()[log_before:]
    in_flight = int("WorkerLostError" in log or "signal 9" in log)
    report("worker child killed", load, None, f"; child {killed}, task in flight {in_flight}")
    return {
        "fault_worker_requests_ok": load.ok(),
        "fault_worker_requests_failed": len(load.failed()),
        "fault_worker_answers_lost": lost,
        "fault_worker_scores_caught_up_seconds": caught_up,
        "fault_worker_task_in_flight_at_kill": in_flight,
        "fault_worker_sweep_needed": swept,
    }


def worker_killed(ctx: dict, load: Load) -> dict:
    worker: SupervisedWorker = ctx["worker"]
    ready = len(worker.ready_at)
    load.start()
    time.sleep(BEFORE)
    worker.kill_all()
    killed_at = now()
    time.sleep(AFTER + 1)
    worker.wait_ready(ready + 1)
    back_in = worker.ready_at[ready] - killed_at
    ended = load.finish()
    print(f"  {load.timeline(killed_at)}", flush=True)
    lost = answers_lost(load)
    caught_up, swept = catch_up(load, ended)
    report("worker killed", load, None, f"; worker ready again {back_in:.1f} s after the kill")
    return {
        "fault_worker_main_requests_failed": len(load.failed()),
        "fault_worker_main_answers_lost": lost,
        "fault_worker_main_back_in_seconds": round(back_in, 1),
        "fault_worker_main_scores_caught_up_seconds": caught_up,
        "fault_worker_main_sweep_needed": swept,
    }


def run(ctx: dict) -> dict:
    from audits.management.demo import DEMO_LOGINS, seed_demo
    from audits.models import Audit
    from audits.questionnaires.services import questionnaire_ensure_default
    from bench.feedback_load import issue_tokens, server_database_url, wait_ready
    from bench.mixed_load import bench_users, session_for

    started = now()
    questionnaire_ensure_default()
    seed_demo()
    audit = Audit.objects.get(owner__email=DEMO_LOGINS[0].email)
    consultant, target = bench_users(audit)
    sessions = {"professional": session_for(audit.owner), "consultant": session_for(consultant)}
    scenarios = [
        ("redis", redis_outage),
        ("pg", postgres_restart),
        ("worker", worker_child_killed),
        ("worker_main", worker_killed),
    ]
    scenarios = [
        (name, scenario)
        for name, scenario in scenarios
        if name in SCENARIOS and (name != "pg" or ctx["postgres"] is not None)
    ]
    loads = {}
    for name, _scenario in scenarios:
        tokens, audit_ids = issue_tokens(audit=target, count=TOKENS)
        by_audit = {t: audit_ids[i // REQUESTS_PER_AUDIT] for i, t in enumerate(tokens)}
        loads[name] = Load(ctx["port"], by_audit, sessions, audit)
    say(f"demo data, sessions and {len(scenarios) * TOKENS} tokens in {now() - started:.1f} s")

    database_url, sqlite_copy = server_database_url(ctx["workdir"])
    if sqlite_copy is not None:
        raise RuntimeError("faults load: needs PostgreSQL (a shared database for the worker)")
    env = server_env(database_url, f"redis://127.0.0.1:{ctx['redis_port']}/0")
    log = ctx["workdir"] / "gunicorn.log"
    ctx["server"] = start_gunicorn(ctx["port"], env, log)
    ctx["worker"] = SupervisedWorker(env, ctx["workdir"])
    ctx["worker"].start()
    wait_ready(ctx["server"], ctx["port"], log)
    say(f"gunicorn and the worker up at {now() - started:.1f} s")

    results: dict = {}
    for name, scenario in scenarios:
        results.update(scenario(ctx, loads[name]))
        say(f"{name} done at {now() - started:.1f} s")
    gunicorn_log = log.read_text(errors="replace")
    say(f"gunicorn log, {gunicorn_log.count('Traceback')} tracebacks")
    errors = [line.strip() for line in gunicorn_log.splitlines() if "Error" in line]
    for line, count in Counter(errors).most_common(8):
        print(f"  {count:>4} x {line[:180]}")
    return results


def main() -> int:
    if not shutil.which("redis-server"):
        say("redis-server is not on PATH, skipped")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="epratiques-faults-"))
    ctx: dict = {
        "workdir": workdir,
        "redis_port": free_port(),
        "port": free_port(),
        "redis": None,
        "postgres": None,
        "server": None,
        "worker": None,
    }
    # Everything this process does with Redis (cache, Celery's broker) goes to the private one.
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{ctx['redis_port']}/0"
    os.environ["CELERY_QUEUE"] = QUEUE
    os.environ["SCORE_DEBOUNCE_SECONDS"] = str(DEBOUNCE_SECONDS)
    os.environ["DB_POOL"] = "0"  # this process only counts; the servers use the pool
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    started = now()
    results: dict = {}
    try:
        bindir = postgres_bindir()
        try:
            if bindir is None:
                raise RuntimeError("no PostgreSQL binaries (pg_ctl)")
            ctx["postgres"] = PrivatePostgres(bindir)
            ctx["postgres"].init()
            os.environ["DATABASE_URL"] = ctx["postgres"].url("epratiques_faults")
            say(f"private PostgreSQL ({bindir}) on port {ctx['postgres'].port}")
        except (RuntimeError, KeyError, OSError, subprocess.SubprocessError) as exc:
            if ctx["postgres"] is not None:
                ctx["postgres"].destroy()
                ctx["postgres"] = None
            say(f"no private PostgreSQL ({exc!r}): DATABASE_URL, PostgreSQL restart skipped")
        ctx["redis"] = start_redis(ctx["redis_port"], workdir)
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test.utils import setup_test_environment

        setup_test_environment()
        settings.ALLOWED_HOSTS = ["*"]
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        say(f"bench database migrated at {now() - started:.1f} s")
        try:
            results = run(ctx)
        finally:
            stop_process(ctx["server"])
            if ctx["worker"] is not None:
                ctx["worker"].stop()
            ctx["server"] = None
            connection.close()
            if ctx["postgres"] is None:  # a private cluster is deleted whole
                connection.creation.destroy_test_db(old_name, verbosity=0)
    finally:
        stop_process(ctx["server"])
        if ctx["worker"] is not None:
            ctx["worker"].stop()
        stop_process(ctx["redis"])
        if ctx["postgres"] is not None:
            ctx["postgres"].destroy()
        if os.environ.get("BENCH_FAULTS_KEEP"):
            say(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    say(f"done in {now() - started:.0f} s")
    print(json.dumps(results, indent=2, sort_keys=True))
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing.update(results)
    RESULTS.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
