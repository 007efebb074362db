"""Reads for the cycle pages: a fixed number of queries whatever the data.

Peer figures come only from the cycles' score snapshots, which hold the released aggregates
of audits/feedback/release.py (nothing below k answers, nothing per peer): the comparison
never reads a request, a pending answer or a response.
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import User
from audits.cycles.comparison import NETWORK_FIGURES, Comparison, compare
from audits.questionnaires.models import Dimension, Pillar
from audits.scores.conditions.evidence import NETWORK_NAMES
from audits.scores.evidence import entry_for
from audits.scores.models import Recommendation, ScoreSnapshot
from audits.selfaudit.models import Audit
from audits.selfaudit.selectors import audit_get_for_owner, audits_for_owner


def cycle_figures(audit: Audit, snapshot: ScoreSnapshot | None) -> dict:
    """A cycle as audits/cycles/comparison.py reads it: its latest compile, or only its self
    scores while it has none."""
    if snapshot is not None:
        reputation = snapshot.figures.get("reputation") or {}
        network = snapshot.figures.get("network") or {}
        return {
            "overall": snapshot.overall,
            "confidence": snapshot.confidence,
            "pillars": reputation.get("pillars") or {},
            "dimensions": reputation.get("dimensions") or {},
            "network": {name: network.get(name) for name in NETWORK_FIGURES},
            "evidence": (snapshot.figures.get("evidence") or {}).get("networks") or {},
        }
    own = audit.self_scores or {}
    return {
        "overall": None,
        "confidence": "none",
        "pillars": {code: {"self": v} for code, v in (own.get("pillars") or {}).items()},
        "dimensions": {code: {"self": v} for code, v in (own.get("dimensions") or {}).items()},
        "network": {},
    }


@dataclass
class DoneAction:
    recommendation: Recommendation
    still_raised: bool  # the new cycle's rules still find it


@dataclass
class CycleComparison:
    then: Audit
    now: Audit
    comparison: Comparison
    names: dict[str, str]
    done: list[DoneAction]

    @property
    def evidence(self) -> list[dict]:
        """Own-data figures then and now, with their label and network in the reader's language."""
        language = (get_language() or "fr")[:2]
        rows = []
        for row in self.comparison.evidence:
            entry = entry_for(row.figure) or {"label": {}}
            rows.append(
                {
                    "label": entry["label"].get(language) or row.figure,
                    "network": NETWORK_NAMES.get(row.network, row.network),
                    "percent": row.kind == "share",
                    "row": row,
                }
            )
        return rows

    @property
    def pillars(self) -> list[dict]:
        """Each pillar's row with its name, and its dimensions' (name, row), for the pages."""
        return [
            {
                "name": self.names.get(row.code, row.code),
                "row": row,
                "dimensions": [(self.names.get(d.code, d.code), d) for d in row.dimensions],
            }
            for row in self.comparison.pillars
        ]


def _latest_snapshot(audit: Audit) -> ScoreSnapshot | None:
    return ScoreSnapshot.objects.filter(audit=audit).order_by("-computed_at", "-id").first()


def _structure(now: Audit, then: Audit) -> tuple[list[tuple[str, list[str]]], dict[str, str]]:
    """The current questionnaire's pillars and dimensions in order, then any only the earlier
    cycle's version had; names in the reader's language (the newer name wins). Two queries."""
    ids = [now.questionnaire_id, then.questionnaire_id]
    pillars = sorted(
        Pillar.objects.filter(questionnaire_id__in=ids),
        key=lambda p: (p.questionnaire_id != now.questionnaire_id, p.position, p.pk),
    )
    dimensions = sorted(
        Dimension.objects.filter(pillar__questionnaire_id__in=ids).select_related("pillar"),
        key=lambda d: (
            d.pillar.questionnaire_id != now.questionnaire_id,
            d.pillar.position,
            d.position,
            d.pk,
        ),
    )
    order: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for pillar in pillars:
        order.setdefault(pillar.code, [])
        names.setdefault(pillar.code, pillar.name)
    for dimension in dimensions:
        codes = order.setdefault(dimension.pillar.code, [])
        if dimension.code not in codes:
            codes.append(dimension.code)
        names.setdefault(dimension.code, dimension.name)
    return list(order.items()), names


def cycle_comparison(now: Audit) -> CycleComparison:
    """`now` against the cycle it follows (now.previous, loaded by the caller)."""
    then = now.previous
    if then is None:
        raise Http404
    structure, names = _structure(now, then)
    comparison = compare(
        cycle_figures(then, _latest_snapshot(then)),
        cycle_figures(now, _latest_snapshot(now)),
        structure,
    )
    raised_now = set(
        Recommendation.objects.filter(audit=now, active=True).values_list("code", "key")
    )
    done = [
        DoneAction(rec, (rec.code, rec.key) in raised_now)
        for rec in Recommendation.objects.filter(
            audit=then, status=Recommendation.Status.DONE
        ).order_by("code", "key", "pk")
    ]
    return CycleComparison(then=then, now=now, comparison=comparison, names=names, done=done)


def cycle_audit_for_owner(user: User, pk: int) -> Audit:
    """An audit of `user` that follows another of theirs; anything else is a 404."""
    audit = audit_get_for_owner(user, pk)
    if audit.previous_id is None:
        raise Http404
    previous = (
        audits_for_owner(user).filter(pk=audit.previous_id).select_related("questionnaire").first()
    )
    if previous is None:
        raise Http404
    audit.previous = previous
    return audit


def next_cycle_due(audit: Audit) -> bool:
    """The objective's deadline has passed on a submitted audit not yet followed."""
    return audit.is_submitted and audit.objective.deadline <= timezone.localdate()


def report_cycle_comparison(audit: Audit) -> CycleComparison | None:
    """The comparison for the printable report of `audit` (whoever may read that report
    may read the cycle it follows: the same owner's audit)."""
    if audit.previous_id is None:
        return None
    previous = (
        Audit.objects.filter(pk=audit.previous_id, owner_id=audit.owner_id)
        .select_related("questionnaire", "objective")
        .first()
    )
    if previous is None:
        return None
    audit.previous = previous
    return cycle_comparison(audit)
