"""The consultant's portfolio: every live client with cycles, score, change, what waits;
ended ones without data; filters; the CSV export; a fixed number of queries."""

import csv
import datetime
import io
import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audits.consulting import portfolio as portfolio_module
from audits.consulting.models import Engagement, Review
from audits.consulting.portfolio import Waiting, register_waiting_provider
from audits.consulting.services import engagement_revoke
from audits.scores.models import ScoreSnapshot
from audits.selfaudit.models import Audit
from tests.factories import AuditFactory, ConsultantFactory
from tests.helpers.consulting import engage

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def at(day: int) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, 9, 0, tzinfo=datetime.UTC)


def cycle(owner=None, *, started: int, submitted: int | None = None, score=None, level="low"):
    """One audit (a cycle) of `owner`, started and maybe submitted on those November days,
    compiled to `score` when given."""
    audit = AuditFactory(**({"objective__owner": owner} if owner else {}))
    Audit.objects.filter(pk=audit.pk).update(
        started_at=at(started),
        submitted_at=at(submitted) if submitted else None,
        status="submitted" if submitted else "in_progress",
    )
    if score is not None:
        ScoreSnapshot.objects.create(
            audit=audit, algorithm="t", inputs_hash=secrets.token_hex(8), overall=score,
            confidence=level, figures={},
        )  # fmt: skip
    return audit


def live_engagement(client_user, consultant) -> Engagement:
    # Made directly: going through invite and accept schedules compiles and mails per client.
    return Engagement.objects.create(
        client=client_user,
        consultant=consultant,
        invited_email=consultant.email,
        token_hash=secrets.token_hex(32),
        status=Engagement.Status.ACTIVE,
        expires_at=timezone.now() + 30 * DAY,
    )


def add_clients(consultant, n: int, start: int = 0) -> None:
    """n clients, each with two compiled cycles, the second submitted and unreviewed, and a
    draft review of the first: every column and every waiting item has something to read."""
    for i in range(start, start + n):
        first = cycle(started=1, submitted=2, score=50, level="medium")
        first.owner.full_name = f"Client {i:03d}"
        first.owner.save(update_fields=["full_name"])
        cycle(first.owner, started=10, submitted=12, score=62, level="high")
        cycle(first.owner, started=20)  # a new cycle, under way
        engagement = live_engagement(first.owner, consultant)
        Review.objects.create(engagement=engagement, audit=first)
    ended = cycle(started=1, submitted=2, score=80)
    engagement_revoke(engagement=live_engagement(ended.owner, consultant), client=ended.owner)


def page(client, **params):
    response = client.get(reverse("consulting:workspace"), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def rows_of(html: str) -> list[str]:
    return html.split('data-testid="portfolio-row"')[1:]


def test_the_portfolio_reads_as_many_queries_at_1_and_200_clients(client):
    consultant = ConsultantFactory()
    add_clients(consultant, 1)
    client.force_login(consultant)
    page(client)  # warm the session and the per-process caches

    with CaptureQueriesContext(connection) as one:
        html = page(client)
    with CaptureQueriesContext(connection) as one_csv:
        client.get(reverse("consulting:portfolio_csv")).getvalue()
    assert len(rows_of(html)) == 2

    add_clients(consultant, 199, start=1)
    with CaptureQueriesContext(connection) as many:
        html = page(client)
    with CaptureQueriesContext(connection) as many_csv:
        lines = client.get(reverse("consulting:portfolio_csv")).getvalue().decode().splitlines()

    assert len(rows_of(html)) == 202  # 200 live, and each call's revoked client
    assert len(lines) == 1 + 202
    assert len(many) == len(one), [q["sql"][:120] for q in many.captured_queries]
    assert len(many_csv) == len(one_csv)


def test_each_row_has_cycles_score_in_words_change_and_what_waits(client):
    consultant = ConsultantFactory()
    first = cycle(started=1, submitted=2, score=50, level="medium")
    owner = first.owner
    owner.full_name = "Lou Client"
    owner.save(update_fields=["full_name"])
    second = cycle(owner, started=10, submitted=12, score=62.4, level="high")
    engagement = live_engagement(owner, consultant)
    Review.objects.create(engagement=engagement, audit=first)
    client.force_login(consultant)

    (row,) = rows_of(page(client))

    assert "Lou Client" in row
    assert "2 cycles" in row
    assert "started 10 Nov 2026" in row and "submitted 12 Nov 2026" in row
    assert "62 <" in row and "(High confidence)" in row
    assert "(high)" not in row
    assert "+12" in row
    assert "A review to publish" in row
    assert reverse("consulting:review", args=[owner.pk, first.pk]) in row
    assert "A new audit submitted since your last review" in row
    assert reverse("consulting:client_score", args=[owner.pk, second.pk]) in row
    assert "A new cycle started" not in row  # the latest cycle is submitted


def test_a_new_cycle_and_a_fall_are_shown(client):
    consultant = ConsultantFactory()
    first = cycle(started=1, submitted=2, score=70)
    cycle(first.owner, started=10, submitted=12, score=64)
    engagement = live_engagement(first.owner, consultant)
    Review.objects.filter(pk=Review.objects.create(engagement=engagement, audit=first).pk).update(
        status="published", published_at=at(3)
    )
    Review.objects.create(
        engagement=engagement, audit=Audit.objects.get(owner=first.owner, started_at=at(10)),
        status="published", published_at=at(13),
    )  # fmt: skip
    cycle(first.owner, started=20)  # started after the last published review
    client.force_login(consultant)

    (row,) = rows_of(page(client))

    assert "\u22126" in row  # a true minus sign: 64 against 70
    assert "A new cycle started" in row
    assert "Review published" in row
    assert "A review to publish" not in row
    assert "A new audit submitted" not in row


def test_only_live_clients_show_data_ended_ones_are_listed_without(client):
    consultant = ConsultantFactory()
    live = cycle(started=1, submitted=2, score=55)
    revoked = cycle(started=1, submitted=2, score=91)
    revoked.owner.full_name = "Rex Revoked"
    revoked.owner.save(update_fields=["full_name"])
    engage(live.owner, consultant)
    engagement_revoke(engagement=engage(revoked.owner, consultant), client=revoked.owner)
    declined = AuditFactory()
    Engagement.objects.create(
        client=declined.owner, consultant=consultant, invited_email=consultant.email,
        token_hash=secrets.token_hex(32), status="declined", expires_at=timezone.now(),
    )  # fmt: skip
    stranger = cycle(started=1, score=33)
    engage(stranger.owner, ConsultantFactory())  # another consultant's client
    client.force_login(consultant)

    html = page(client)
    rows = rows_of(html)

    assert len(rows) == 2
    ended = next(r for r in rows if "Rex Revoked" in r)
    assert "Ended" in ended and "Access ended: no data is shown." in ended
    assert "91" not in ended and "cycle" not in ended
    assert reverse("consulting:client", args=[revoked.owner.pk]) not in html
    assert declined.owner.display_name not in html
    assert stranger.owner.display_name not in html


def test_a_client_re_engaged_after_a_revocation_has_one_live_row(client):
    consultant = ConsultantFactory()
    audit = cycle(started=1, submitted=2, score=55)
    engagement_revoke(engagement=engage(audit.owner, consultant), client=audit.owner)
    engage(audit.owner, consultant)
    client.force_login(consultant)

    (row,) = rows_of(page(client))

    assert "Active" in row and "55" in row


def test_the_filters_by_status_waiting_and_name(client):
    consultant = ConsultantFactory()
    add_clients(consultant, 3)
    quiet = cycle(started=1, score=40)
    quiet.owner.full_name = "Quiet Quentin"
    quiet.owner.save(update_fields=["full_name"])
    live_engagement(quiet.owner, consultant)
    client.force_login(consultant)

    assert len(rows_of(page(client))) == 5
    assert len(rows_of(page(client, status="active"))) == 4
    assert len(rows_of(page(client, status="ended"))) == 1
    assert len(rows_of(page(client, waiting="review"))) == 3
    assert len(rows_of(page(client, waiting="new_cycle"))) == 3
    assert len(rows_of(page(client, waiting="any"))) == 3
    (row,) = rows_of(page(client, q="quentin"))
    assert "Quiet Quentin" in row
    assert "No client matches these filters." in page(client, q="nobody at all")
    # Unknown or hostile values filter nothing and never fail.
    for params in ({"status": "x"}, {"waiting": "'; drop"}, {"q": "\x00" * 5000}):
        assert len(rows_of(page(client, **params))) in (0, 5)


def read_csv(response) -> list[list[str]]:
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_csv_export_holds_the_rows_and_is_formula_safe(client):
    consultant = ConsultantFactory()
    first = cycle(started=1, submitted=2, score=70, level="medium")
    first.owner.full_name = '=HYPERLINK("http://evil.example","x")'
    first.owner.save(update_fields=["full_name"])
    cycle(first.owner, started=10, submitted=12, score=64.2, level="medium")
    live_engagement(first.owner, consultant)
    ended = cycle(started=1, score=99)
    ended.owner.full_name = "+Rex"
    ended.owner.save(update_fields=["full_name"])
    engagement_revoke(engagement=live_engagement(ended.owner, consultant), client=ended.owner)
    client.force_login(consultant)

    response = client.get(reverse("consulting:portfolio_csv"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:3] == ["Client", "Status", "Cycles"]
    assert rows == [
        [
            '\'=HYPERLINK("http://evil.example","x")',
            "Active",
            "2",
            "2026-11-10",
            "2026-11-12",
            "64",
            "Medium confidence",
            "\u22126",
            "A new audit submitted since your last review",
        ],
        ["'+Rex", "Ended", "", "", "", "", "", "", ""],
    ]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))


def test_the_csv_follows_the_filters_and_the_language(client):
    consultant = ConsultantFactory(language="fr")
    add_clients(consultant, 2)
    client.force_login(consultant)

    response = client.get(reverse("consulting:portfolio_csv"), {"status": "ended"})

    header, *rows = read_csv(response)
    assert header[0] == "Client"
    assert [r[1] for r in rows] == ["Terminé"]


def test_the_csv_is_for_consultants_only(client):
    owner = AuditFactory().owner
    client.force_login(owner)
    assert client.get(reverse("consulting:portfolio_csv")).status_code == 403
    client.logout()
    assert client.get(reverse("consulting:portfolio_csv")).status_code == 302


def test_a_registered_waiting_provider_adds_its_items_for_live_rows_only(client, monkeypatch):
    """The hook the message channel uses: one call per page, live engagements only."""
    monkeypatch.setattr(portfolio_module, "_providers", [])
    # Restored after the test: the registration below replaces this entry.
    monkeypatch.setitem(portfolio_module.WAITING_KINDS, "messages", "placeholder")
    consultant = ConsultantFactory()
    add_clients(consultant, 2)
    calls = []

    def unread(engagements):
        calls.append(sorted(e.pk for e in engagements))
        return {e.pk: [Waiting("messages", "2 unread messages", "/x/")] for e in engagements}

    register_waiting_provider(unread, kinds={"messages": "Unread messages"})
    client.force_login(consultant)

    html = page(client, waiting="messages")

    live = Engagement.objects.filter(consultant=consultant, status="active")
    assert calls == [sorted(live.values_list("pk", flat=True))]
    assert len(rows_of(html)) == 2
    assert html.count("2 unread messages") == 2
    assert "Unread messages" in html  # offered as a filter
