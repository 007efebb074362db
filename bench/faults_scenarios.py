"""`make faults`: the scenarios bench.faults_load runs, one after the other, and their figures.

Each scenario breaks one service under a Load (bench.faults_traffic) and reports: requests
failed during the outage and outside it, answers acknowledged but not stored, and the
seconds until every audit answered is compiled (bench.faults_load's docstring has the
method; docs/performance.md the figures).
"""

import os
import signal
import time
import uuid
from collections import Counter
from time import monotonic as now

from bench.faults_traffic import Load
from bench.supervision import (
    PrivatePostgres,
    SupervisedWorker,
    drop_broker_connections,
    log_tail,
)

DEBOUNCE_SECONDS = int(os.environ.get("BENCH_FAULTS_DEBOUNCE", "2"))
BEFORE, OUTAGE, AFTER = 3.0, 3.0, 5.0
NATURAL_CATCH_UP = DEBOUNCE_SECONDS + 3.0
CATCH_UP_TIMEOUT = 40.0
IDLE_RESTART_LOAD = 2.0
QUEUE = f"bench-faults-{uuid.uuid4().hex[:8]}"


def say(message: str) -> None:
    print(f"faults load: {message}", flush=True)


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
            drop_broker_connections()
            if attempt == 2:
                raise


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
        ctx["redis"].stop(signal.SIGTERM)

    def restart():
        ctx["redis"].start()
        drop_broker_connections()

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


SCENARIOS = (
    ("redis", redis_outage),
    ("pg", postgres_restart),
    ("worker", worker_child_killed),
    ("worker_main", worker_killed),
)
