"""An operator with SQL access, and the professional, try to link released answers to people.

The threat model is in docs/privacy.md. The peers here answer one by one, each in its own
committed transaction (as on the site), and the releases run as they do in production
(after the commit that makes k answers wait). Then every attack tries to say, for each
released response, which request it came from. An attacker who knows the batches (they
share one transaction id, on purpose) can only guess inside a batch of k = 3: chance is 1/3.
Each attack must do no better than chance: with 150 answers its accuracy stays below 0.55
(chance 0.33, standard deviation 0.04; an attack that worked would score 1.0).
"""

import re
import secrets
from collections import defaultdict

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import Activity
from accounts.personal_data import user_data
from audits.feedback.services import feedback_answer
from audits.models import FeedbackRequest, FeedbackResponse, PendingFeedbackAnswer
from tests.factories import AuditFactory
from tests.helpers.feedback import make_requests

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="system columns: PostgreSQL (as on CI)"
    ),
]

PEERS = 150
K = 3
BETTER_THAN_CHANCE = 0.55
# Relationships in a mix that exercises the "other" pooling of small groups.
MIX = ["client", "client", "friend", "colleague", "client", "manager", "colleague", "client"]


@pytest.fixture
def released(settings):
    """150 peers answered one by one; returns (audit, truth: marker -> request id, order)."""
    settings.SCORE_DEBOUNCE_SECONDS = 0
    settings.FEEDBACK_INVITATIONS_PER_DAY = PEERS
    audit = AuditFactory()
    requests = []
    for index in range(PEERS):
        requests += make_requests(audit, f"peer{index}@ex.com", relationship=MIX[index % len(MIX)])
    FeedbackRequest.objects.filter(audit=audit).update(status="sent")
    truth, order = {}, []
    for request in requests:
        request.refresh_from_db()
        marker = secrets.token_hex(6)  # only the test knows whose marker is whose
        truth[marker] = request.pk
        order.append(request.pk)
        assert feedback_answer(
            request=request,
            appraisal="positive",
            perceptions={"strategy": 3},
            keep_doing=f"keep {marker}",
            change="",
        )
    assert FeedbackResponse.objects.filter(audit=audit).count() == PEERS  # 50 releases
    assert not PendingFeedbackAnswer.objects.exists()
    return audit, truth, order


def rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def responses(audit) -> list[dict]:
    """Every response with its system columns, as an operator reads them."""
    table = FeedbackResponse._meta.db_table
    found = rows(
        f"SELECT id::text, xmin::text, xmax::text, cmin::text, ctid::text, week, relationship, "  # noqa: S608
        f"keep_doing FROM {table} WHERE audit_id = %s",
        [audit.pk],
    )
    keys = ("id", "xmin", "xmax", "cmin", "ctid", "week", "relationship", "keep_doing")
    return [dict(zip(keys, row, strict=True)) for row in found]


def requests_seen(audit) -> list[dict]:
    table = FeedbackRequest._meta.db_table
    found = rows(
        f"SELECT id, xmin::text, xmax::text, cmin::text, ctid::text, relationship, opened_at "  # noqa: S608
        f"FROM {table} WHERE audit_id = %s",
        [audit.pk],
    )
    keys = ("id", "xmin", "xmax", "cmin", "ctid", "relationship", "opened_at")
    return [dict(zip(keys, row, strict=True)) for row in found]


def ctid_key(ctid: str) -> tuple[int, int]:
    block, offset = ctid.strip("()").split(",")
    return int(block), int(offset)


def accuracy(guesses: dict[str, int | None], truth: dict[str, int]) -> float:
    """Share of responses (by marker) attributed to the right request."""
    return sum(guesses.get(marker) == pk for marker, pk in truth.items()) / len(truth)


def marker(response: dict) -> str:
    return response["keep_doing"].removeprefix("keep ")


def guess_by_equal_column(column, resp, reqs):
    """Candidates: the requests sharing the response's value; pick the first by id."""
    by_value = defaultdict(list)
    for r in reqs:
        by_value[r[column]].append(r["id"])
    guesses, sizes = {}, []
    for p in resp:
        candidates = sorted(by_value.get(p[column], []))
        sizes.append(len(candidates))
        guesses[marker(p)] = candidates[0] if candidates else None
    return guesses, sizes


def batches(resp, reqs):
    """What the attacker learns from xmin: which responses and requests were released together."""
    groups = defaultdict(lambda: ([], []))
    for p in resp:
        groups[p["xmin"]][0].append(p)
    for r in reqs:
        if r["xmin"] in groups:
            groups[r["xmin"]][1].append(r)
    return list(groups.values())


def pair_in_order(resp_key, req_key, resp, reqs):
    """Inside each batch, the i-th response (by resp_key) is taken for the i-th request."""
    guesses = {}
    for batch_resp, batch_reqs in batches(resp, reqs):
        for p, r in zip(
            sorted(batch_resp, key=resp_key), sorted(batch_reqs, key=req_key), strict=False
        ):
            guesses[marker(p)] = r["id"]
    return guesses


def test_no_column_order_or_page_links_a_released_answer_better_than_chance(released):
    audit, truth, order = released
    resp, reqs = responses(audit), requests_seen(audit)
    answered_at = {pk: rank for rank, pk in enumerate(order)}  # known from access logs
    results = {}

    # System columns: a join on each. xmin is shared by a whole batch (by design), never
    # narrower; xmax and cmin are equal for every row of a kind.
    for column in ("xmin", "xmax", "cmin"):
        guesses, sizes = guess_by_equal_column(column, resp, reqs)
        assert all(size == 0 or size >= K for size in sizes), column
        results[column] = accuracy(guesses, truth)

    # Physical order and ids, inside each batch, against arrival order and request order.
    results["ctid vs arrival"] = accuracy(
        pair_in_order(lambda p: ctid_key(p["ctid"]), lambda r: answered_at[r["id"]], resp, reqs),
        truth,
    )
    results["ctid vs request ctid"] = accuracy(
        pair_in_order(lambda p: ctid_key(p["ctid"]), lambda r: ctid_key(r["ctid"]), resp, reqs),
        truth,
    )
    results["id vs request id"] = accuracy(
        pair_in_order(lambda p: p["id"], lambda r: r["id"], resp, reqs), truth
    )
    table = FeedbackResponse._meta.db_table
    by_ctid = [
        row[0]
        for row in rows(
            f"SELECT keep_doing FROM {table} WHERE audit_id = %s ORDER BY ctid",  # noqa: S608
            [audit.pk],
        )
    ]
    results["ORDER BY ctid vs arrival"] = accuracy(
        {text.removeprefix("keep "): order[i] for i, text in enumerate(by_ctid)}, truth
    )

    # The week: a Monday, one for the whole batch, nothing finer.
    assert {p["week"].weekday() for p in resp} == {0}
    assert all(len({p["week"] for p in batch}) == 1 for batch, _reqs in batches(resp, reqs))
    weeks = {}
    for p in resp:
        candidates = sorted(
            r["id"] for r in reqs if r["opened_at"] is None or r["opened_at"].date() >= p["week"]
        )
        weeks[marker(p)] = candidates[0] if candidates else None
    results["week"] = accuracy(weeks, truth)

    # Relationship labels: inside a batch, a label is carried by 0 or at least k responses.
    relation = {}
    for batch_resp, batch_reqs in batches(resp, reqs):
        labels = defaultdict(int)
        for p in batch_resp:
            labels[p["relationship"]] += 1
        assert all(n >= K for n in labels.values())
        for p in batch_resp:
            same = sorted(r["id"] for r in batch_reqs if r["relationship"] == p["relationship"])
            relation[marker(p)] = (same or sorted(r["id"] for r in batch_reqs))[0]
    results["relationship"] = accuracy(relation, truth)

    # The professional's comments: their order on the tracking page against arrival order.
    owner = Client()
    owner.force_login(audit.owner)
    page = owner.get(reverse("audits:feedback", args=[audit.pk])).content.decode()
    shown = re.findall(r"keep ([0-9a-f]{12})", page)
    assert sorted(shown) == sorted(truth)
    results["comment order"] = accuracy(dict(zip(shown, order, strict=True)), truth)

    # The activity log: nothing about answers, so no time to match.
    assert not Activity.objects.filter(subject=audit.owner).exists()

    # The data export: no response, no comment, nothing per answer.
    exported = str(user_data(audit.owner))
    assert not any(m in exported for m in truth)

    failed = {name: score for name, score in results.items() if score >= BETTER_THAN_CHANCE}
    assert failed == {}, results
