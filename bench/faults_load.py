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
acknowledged with the "recorded" page but stored neither as released (FeedbackResponse) nor as
waiting for a release (PendingFeedbackAnswer), per audit (target
0); the seconds from the end of the load until every audit is compiled (no needs_scoring
flag, latest snapshot counts all its responses). Compiles are first given DEBOUNCE + 3 s to
catch up by themselves; if they do not, a sweep_audits_needing_scores is sent, as beat does
every 2 minutes in production, and `*_sweep_needed` says so.

This module sets up and runs; bench.faults_traffic is the load, bench.faults_scenarios the
scenarios and their figures, bench.supervision the processes (shared with the tests).

Bounded: tokens issued beforehand (BENCH_FAULTS_TOKENS per scenario), fixed durations,
everything on 127.0.0.1; gunicorn, the worker, Redis and PostgreSQL are stopped in `finally`.
BENCH_FAULTS_SCENARIOS=redis,pg,... runs some scenarios only; BENCH_FAULTS_KEEP=1 keeps the
logs (gunicorn, worker, Redis) in the temporary directory it prints.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from time import monotonic as now

from bench.faults_scenarios import DEBOUNCE_SECONDS, QUEUE, SCENARIOS, say
from bench.faults_traffic import Load
from bench.feedback_load import APP, REQUESTS_PER_AUDIT, THREADS, WORKERS
from bench.supervision import (
    PrivatePostgres,
    RedisServer,
    SupervisedWorker,
    free_port,
    postgres_bindir,
    start_gunicorn,
    stop_process,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
TOKENS = int(os.environ.get("BENCH_FAULTS_TOKENS", "2500"))
CHOSEN = os.environ.get("BENCH_FAULTS_SCENARIOS", "redis,pg,worker,worker_main").split(",")


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
        (name, scenario)
        for name, scenario in SCENARIOS
        if name in CHOSEN and (name != "pg" or ctx["postgres"] is not None)
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
    env = server_env(database_url, ctx["redis"].url)
    log = ctx["workdir"] / "gunicorn.log"
    ctx["server"] = start_gunicorn(
        app=APP, port=ctx["port"], workers=WORKERS, threads=THREADS, env=env, log=log
    )
    ctx["worker"] = SupervisedWorker(queue=QUEUE, env=env, workdir=ctx["workdir"])
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
        "port": free_port(),
        "redis": RedisServer(workdir),
        "postgres": None,
        "server": None,
        "worker": None,
    }
    # Everything this process does with Redis (cache, Celery's broker) goes to the private one.
    os.environ["REDIS_URL"] = ctx["redis"].url
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
        ctx["redis"].start()
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
        ctx["redis"].stop()
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
