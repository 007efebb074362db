"""The reputation dashboard of one audit: score, confidence, charts, recommendations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audits.feedback.release import release_status
from audits.scores.models import Recommendation
from audits.scores.selectors import score_board
from audits.scores.services import schedule_compile
from audits.selfaudit.selectors import audit_get_for_owner


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    board = score_board(audit)
    return render(
        request,
        "audits/score.html",
        {
            "audit": audit,
            "board": board,
            "chart": board.chart(),
            "release": release_status(audit.pk),
        },
    )


@login_required
@require_POST
def recompute(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    schedule_compile(audit_id=audit.pk, even_if_pending=True)
    # Tagged so that static/js/score_refresh.js takes the banner away once the update is done.
    messages.info(
        request,
        _("Your scores are being updated; refresh in a few seconds."),
        extra_tags="score-updating",
    )
    return redirect("audits:score", pk=audit.pk)


@login_required
@require_GET
def score_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Whether a compile is still pending and the latest snapshot, polled by the score page."""
    audit = audit_get_for_owner(request.user, pk)
    snapshot = audit.snapshots.order_by("-computed_at", "-id").values_list("pk", flat=True).first()
    return JsonResponse({"pending": audit.needs_scoring, "snapshot": snapshot})


@login_required
@require_POST
def recommendation_status(request: HttpRequest, pk: int, rec_id: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    recommendation = get_object_or_404(Recommendation, pk=rec_id, audit=audit)
    status = request.POST.get("status", "")
    if status not in Recommendation.Status.values:
        messages.error(request, _("Unknown status."))
    else:
        recommendation.status = status
        recommendation.save(update_fields=["status"])
    return redirect("audits:score", pk=audit.pk)
