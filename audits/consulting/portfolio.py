"""The consultant's portfolio: one row per client, with their cycles, score, change since the
previous cycle and what waits for the consultant (issue 20, item 4).

Reads only, in a fixed number of queries whatever the number of clients (one for the
engagements, one for every client's audits with their latest snapshot, one for the reviews,
plus one per registered waiting provider). A cycle is an Audit; a client's audits are ordered
by their start. Only a client with a live (ACTIVE) engagement shows data; a revoked or ended
engagement is listed as ended, with the client's name and nothing else.

Hook for the message channel (issue 20, item 3, built elsewhere): it calls
`register_waiting_provider(provider, kinds={"messages": _("Unread messages")})`, where
`provider(engagements)` gets the ACTIVE engagements of the page and returns, in ONE query,
{engagement id: [Waiting(...), ...]}. Its items then show in the "waiting" column, in the
CSV and in the waiting filter.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audits.consulting.models import Engagement, Review
from audits.scores.models import ScoreSnapshot
from audits.selfaudit.models import Audit

# The words of a confidence level: the same as templates/partials/confidence.html.
CONFIDENCE_WORDS = {
    "high": _("High confidence"),
    "medium": _("Medium confidence"),
    "low": _("Low confidence"),
}
NO_CONFIDENCE = _("No peer figure yet")

WAITING_KINDS: dict[str, Promise] = {
    "review": _("A review to publish"),
    "new_audit": _("A new audit submitted since your last review"),
    "new_cycle": _("A new cycle started"),
}
STATUS_FILTERS = {"active": _("Active"), "ended": _("Ended")}
ENDED = (Engagement.Status.REVOKED, Engagement.Status.ENDED)


@dataclass(frozen=True)
class Waiting:
    code: str
    label: str | Promise
    url: str = ""


@dataclass
class Row:
    engagement: Engagement
    client: User
    live: bool
    cycles: int = 0
    cycle_started: datetime | None = None
    cycle_submitted: datetime | None = None
    score: float | None = None
    confidence: str = ""
    change: float | None = None  # latest compiled cycle minus the one before it
    review: str = ""  # "draft", "published" or "" (none yet)
    waiting: list[Waiting] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.client.display_name

    @property
    def status_label(self) -> str | Promise:
        return STATUS_FILTERS["active"] if self.live else STATUS_FILTERS["ended"]

    @property
    def change_text(self) -> str:
        return "" if self.change is None else signed(self.change)

    @property
    def confidence_words(self) -> str | Promise:
        if self.score is None:
            return ""
        return CONFIDENCE_WORDS.get(self.confidence, NO_CONFIDENCE)


def signed(change: float, *, plus: bool = True) -> str:
    """ "+5", "−3" with a true minus sign, "0". The CSV passes plus=False: a cell starting
    with "+" or "-" is a formula to a spreadsheet (config/csv_safe.py would prefix it)."""
    points = round(change)
    if points > 0:
        return f"+{points}" if plus else str(points)
    return f"\u2212{-points}" if points < 0 else "0"


WaitingProvider = Callable[[list[Engagement]], Mapping[int, list[Waiting]]]
_providers: list[WaitingProvider] = []


def register_waiting_provider(
    provider: WaitingProvider, *, kinds: Mapping[str, Promise] | None = None
) -> None:
    if provider not in _providers:
        _providers.append(provider)
    WAITING_KINDS.update(kinds or {})


@dataclass
class Portfolio:
    invitations: list[Engagement]
    rows: list[Row]


def portfolio(consultant: User) -> Portfolio:
    engagements = list(
        Engagement.objects.filter(consultant=consultant)
        .exclude(status=Engagement.Status.DECLINED)
        .select_related("client")
        .order_by("-created_at", "-id")
    )
    invitations = [e for e in engagements if e.status == Engagement.Status.INVITED]
    # One row per client: the live engagement if any, else the latest one that ended.
    by_client: dict[int, Engagement] = {}
    for engagement in engagements:
        if engagement.status == Engagement.Status.INVITED:
            continue
        current = by_client.get(engagement.client_id)
        if current is None or (engagement.is_active and not current.is_active):
            by_client[engagement.client_id] = engagement
    live = [e for e in by_client.values() if e.is_active]
    rows = {
        e.client_id: Row(engagement=e, client=e.client, live=e.is_active)
        for e in by_client.values()
    }
    if live:
        _fill(rows, live)
    ordered = sorted(rows.values(), key=lambda r: (not r.live, r.name.casefold(), r.client.pk))
    return Portfolio(invitations=invitations, rows=ordered)


def _fill(rows: dict[int, Row], live: list[Engagement]) -> None:
    latest = ScoreSnapshot.objects.filter(audit=OuterRef("pk")).order_by("-computed_at", "-id")
    audits = (
        Audit.objects.filter(owner_id__in=[e.client_id for e in live])
        .annotate(
            snapshot_id=Subquery(latest.values("pk")[:1]),
            overall=Subquery(latest.values("overall")[:1]),
            confidence=Subquery(latest.values("confidence")[:1]),
        )
        .order_by("owner_id", "started_at", "id")
        .values(
            "pk", "owner_id", "status", "started_at", "submitted_at", "snapshot_id", "overall",
            "confidence",
        )
    )  # fmt: skip
    cycles: dict[int, list[dict]] = {}
    for audit in audits:
        cycles.setdefault(audit["owner_id"], []).append(audit)
    reviews: dict[int, list[dict]] = {}
    for review in Review.objects.filter(engagement__in=live).values(
        "engagement_id", "audit_id", "status", "published_at"
    ):
        reviews.setdefault(review["engagement_id"], []).append(review)
    for engagement in live:
        _fill_row(rows[engagement.client_id], cycles.get(engagement.client_id, []),
                  reviews.get(engagement.pk, []))  # fmt: skip
    by_engagement = {e.pk: rows[e.client_id] for e in live}
    for provider in _providers:
        for engagement_id, items in provider(live).items():
            if engagement_id in by_engagement:  # never a row the provider was not given
                by_engagement[engagement_id].waiting.extend(items)


def _fill_row(row: Row, audits: list[dict], reviews: list[dict]) -> None:
    client_id = row.client.pk
    row.cycles = len(audits)
    if audits:
        row.cycle_started, row.cycle_submitted = (
            audits[-1]["started_at"],
            audits[-1]["submitted_at"],
        )
    compiled = [a for a in audits if a["snapshot_id"] is not None]
    if compiled:
        row.score, row.confidence = compiled[-1]["overall"], compiled[-1]["confidence"] or ""
        if len(compiled) > 1 and None not in (compiled[-1]["overall"], compiled[-2]["overall"]):
            row.change = compiled[-1]["overall"] - compiled[-2]["overall"]
    drafts = [r for r in reviews if r["status"] == Review.Status.DRAFT]
    published = [r["published_at"] for r in reviews if r["status"] == Review.Status.PUBLISHED]
    row.review = "draft" if drafts else "published" if published else ""
    for draft in drafts[:1]:
        url = reverse("consulting:review", args=[client_id, draft["audit_id"]])
        row.waiting.append(Waiting("review", WAITING_KINDS["review"], url))
    reviewed = {r["audit_id"] for r in reviews}
    submitted = [a for a in audits if a["status"] == Audit.Status.SUBMITTED]
    if submitted and submitted[-1]["pk"] not in reviewed:
        url = reverse("consulting:client_score", args=[client_id, submitted[-1]["pk"]])
        row.waiting.append(Waiting("new_audit", WAITING_KINDS["new_audit"], url))
    last_published = max((p for p in published if p), default=None)
    if (
        len(audits) > 1
        and audits[-1]["status"] != Audit.Status.SUBMITTED
        and audits[-1]["pk"] not in reviewed
        and (last_published is None or audits[-1]["started_at"] > last_published)
    ):
        url = reverse("consulting:client", args=[client_id])
        row.waiting.append(Waiting("new_cycle", WAITING_KINDS["new_cycle"], url))


def filter_rows(rows: list[Row], *, status: str = "", waiting: str = "", q: str = "") -> list[Row]:
    """The rows that match the filters; an unknown filter value filters nothing."""
    if status == "active":
        rows = [r for r in rows if r.live]
    elif status == "ended":
        rows = [r for r in rows if not r.live]
    if waiting == "any":
        rows = [r for r in rows if r.waiting]
    elif waiting in WAITING_KINDS:
        rows = [r for r in rows if any(w.code == waiting for w in r.waiting)]
    needle = q.strip().casefold()[:100]
    if needle:
        rows = [r for r in rows if needle in r.name.casefold()]
    return rows
