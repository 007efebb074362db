"""Score compile and score dashboard against audits with 1,000 and 100,000 peer answers.

`measure()` builds two audits in the bench's throwaway database (AuditFactory, each with its
own owner), fills them with bulk_create, then times:

- compile_1k_ms / compile_100k_ms: `audit_compile_scores(audit_id=...)` as the Celery job
  calls it. The first compile stores the snapshot and the recommendations (printed, not a
  figure); the measured ones find their inputs unchanged and return that snapshot, but only
  after the whole aggregation, which is the cost that grows with the number of answers.
- dashboard_ms: GET /audits/<pk>/score/ for the 1,000-answer audit, logged in.
- dashboard_queries_1k / dashboard_queries_100k: that page's query count for each audit;
  the page must not depend on the number of answers, a warning is printed if they differ.

The data are random with a fixed seed: every answered request has its response (same
relationship), plus 25 % of silent requests still "sent" and not expired; appraisals are
weighted, perceptions cover the four pillars with some left out ("can't say"), weeks spread
over the last six months. On PostgreSQL both tables are ANALYZEd after loading, as
autovacuum would do in production, so that the plans are the ones a live database gets.
"""

import datetime
import random
import statistics
import time

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

SEED = 2026
BATCH = 5_000
SILENT_SHARE = 0.25  # requests sent and not answered, per answered one
COMPILE_ROUNDS_1K = 7
COMPILE_ROUNDS_100K = 3
DASHBOARD_ROUNDS = 30
PILLARS = ("strategy", "network", "engagement", "conduct")
RELATIONSHIPS = (
    ("client", 30),
    ("colleague", 25),
    ("manager", 8),
    ("former_colleague", 15),
    ("friend", 5),
    ("network", 12),
    ("other", 5),
)
APPRAISALS = (("positive", 62), ("neutral", 27), ("negative", 11))
# A perception is more likely high when the appraisal is good (1..5).
SCALE = {
    "positive": (2, 5, 18, 45, 30),
    "neutral": (6, 18, 42, 26, 8),
    "negative": (25, 35, 25, 12, 3),
}
MISSING = 0.15  # share of "can't say" per pillar
KEEP_DOING = (
    "",
    "Your posts about client cases are concrete and useful.",
    "Always answering quickly, and with a real opinion.",
    "Introducing people to each other without being asked.",
)
CHANGE = (
    "",
    "Post a little less often, and answer the comments under your posts.",
    "Say more clearly what you are looking for.",
    "",
)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...], k: int) -> list[str]:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights, k=k)


def populate(audit, *, answers: int, seed: int) -> None:
    """`answers` answered requests with their responses, plus the silent sent requests."""
    from audits.models import FeedbackRequest, FeedbackResponse

    rng = random.Random(seed)
    now = timezone.now()
    expires = now + datetime.timedelta(days=30)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    weeks = [monday - datetime.timedelta(weeks=n) for n in range(26)]
    silent = int(answers * SILENT_SHARE)
    relationships = _pick(rng, RELATIONSHIPS, answers + silent)
    status = FeedbackRequest.Status
    with transaction.atomic():
        for start in range(0, answers + silent, BATCH):
            FeedbackRequest.objects.bulk_create(
                [
                    FeedbackRequest(
                        audit_id=audit.pk,
                        name=f"Peer {n}",
                        relationship=relationships[n],
                        language="en",
                        delivery=FeedbackRequest.Delivery.LINK,
                        status=status.ANSWERED if n < answers else status.SENT,
                        sent_at=now,
                        expires_at=expires,
                    )
                    for n in range(start, min(start + BATCH, answers + silent))
                ],
                batch_size=BATCH,
            )
        for start in range(0, answers, BATCH):
            size = min(BATCH, answers - start)
            rows = []
            for relationship, appraisal in zip(
                relationships[start : start + size], _pick(rng, APPRAISALS, size), strict=True
            ):
                perceptions = {
                    pillar: rng.choices((1, 2, 3, 4, 5), weights=SCALE[appraisal])[0]
                    for pillar in PILLARS
                    if rng.random() >= MISSING
                }
                rows.append(
                    FeedbackResponse(
                        audit_id=audit.pk,
                        relationship=relationship,
                        appraisal=appraisal,
                        perceptions=perceptions,
                        keep_doing=rng.choice(KEEP_DOING),
                        change=rng.choice(CHANGE),
                        week=rng.choice(weeks),
                    )
                )
            FeedbackResponse.objects.bulk_create(rows, batch_size=BATCH)


def timed_ms(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def compile_ms(audit_id: int, rounds: int) -> tuple[float, float]:
    """(first compile, median of the next `rounds`), in ms."""
    from audits.scores.services import audit_compile_scores

    def call():
        assert audit_compile_scores(audit_id=audit_id) is not None

    first = timed_ms(call)
    return first, statistics.median(timed_ms(call) for _ in range(rounds))


def compile_parts_ms(audit) -> dict[str, float]:
    """Where a compile's time goes: the peer aggregation alone, then all the inputs."""
    from audits.models import Pillar
    from audits.scores.services import peer_groups, scoring_inputs

    pillars = list(
        Pillar.objects.filter(questionnaire_id=audit.questionnaire_id).values_list(
            "code", flat=True
        )
    )
    return {
        "peer_groups": round(timed_ms(lambda: peer_groups(audit.pk, pillars)), 1),
        "scoring_inputs": round(timed_ms(lambda: scoring_inputs(audit)), 1),
    }


def page_client(audit) -> Client:
    client = Client()
    client.force_login(audit.owner)
    return client


def dashboard_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries)


def measure() -> dict[str, float]:
    from audits.models import FeedbackRequest, FeedbackResponse, Pillar, ScoreSnapshot
    from tests.factories import AuditFactory

    started = time.perf_counter()
    small = AuditFactory()
    large = AuditFactory()
    codes = set(
        Pillar.objects.filter(questionnaire_id=small.questionnaire_id).values_list(
            "code", flat=True
        )
    )
    if codes != set(PILLARS):
        print(f"scores load: the questionnaire's pillars are {sorted(codes)}, not {PILLARS}")
    populate(small, answers=1_000, seed=SEED)
    populate(large, answers=100_000, seed=SEED + 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (FeedbackRequest, FeedbackResponse):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    loaded_in = time.perf_counter() - started

    first_1k, compile_1k = compile_ms(small.pk, COMPILE_ROUNDS_1K)
    first_100k, compile_100k = compile_ms(large.pk, COMPILE_ROUNDS_100K)
    parts = compile_parts_ms(large)
    snapshots = ScoreSnapshot.objects.filter(audit__in=[small, large]).count()

    small_client, large_client = page_client(small), page_client(large)
    small_url, large_url = f"/audits/{small.pk}/score/", f"/audits/{large.pk}/score/"
    for client, url in ((small_client, small_url), (large_client, large_url)):
        dashboard_queries(client, url)  # warm-up: templates, session, translations
    queries_1k = dashboard_queries(small_client, small_url)
    queries_100k = dashboard_queries(large_client, large_url)

    def get_small():
        response = small_client.get(small_url)
        assert response.status_code == 200, (small_url, response.status_code)

    dashboard = statistics.median(timed_ms(get_small) for _ in range(DASHBOARD_ROUNDS))

    print(
        f"scores load: 101,000 answers and 126,250 requests loaded in {loaded_in:.1f} s; "
        f"first compile 1k {first_1k:.1f} ms, 100k {first_100k:.1f} ms "
        f"({snapshots} snapshots for the two audits); 100k parts {parts}; "
        f"total {time.perf_counter() - started:.1f} s"
    )
    if queries_1k != queries_100k:
        print(
            f"scores load: WARNING the score dashboard runs {queries_1k} queries at 1,000 "
            f"answers and {queries_100k} at 100,000"
        )
    return {
        "compile_1k_ms": round(compile_1k, 1),
        "compile_100k_ms": round(compile_100k, 1),
        "dashboard_ms": round(dashboard, 3),
        "dashboard_queries_1k": queries_1k,
        "dashboard_queries_100k": queries_100k,
    }
