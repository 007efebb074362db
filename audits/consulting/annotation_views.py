"""The consultant annotates the automatic plan of one client's audit (issue 20, item 2).

Reached only through `client_audit` (an ACTIVE engagement with this client, an audit of
theirs); a recommendation id is looked up within that audit, so a forged or foreign id is a
404, never another client's row.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audits.consulting.access import client_audit
from audits.consulting.annotations import annotation_clear, annotation_save
from audits.consulting.forms import AnnotationForm
from audits.consulting.merged_plan import merged_plan
from audits.consulting.services import review_for
from audits.consulting.views import consultant_required
from audits.scores.models import Recommendation
from audits.scores.selectors import board_recommendations
from config.ids import int_id


def _prefix(rec: Recommendation) -> str:
    return f"r{rec.pk}"


@consultant_required
def plan_annotate(request: HttpRequest, client_id: int, audit_id: int) -> HttpResponse:
    engagement, audit = client_audit(request.user, client_id, audit_id)
    review = review_for(engagement=engagement, audit=audit)
    page = reverse("consulting:plan_annotate", args=[client_id, audit_id])
    bound: dict[int, AnnotationForm] = {}
    status = 200
    if request.method == "POST":
        if review.is_published:
            messages.error(request, _("A published review can no longer be changed."))
            return redirect(page)
        rec_id = int_id(request.POST.get("recommendation", ""))
        if rec_id is None:
            raise Http404("no such recommendation")
        rec = get_object_or_404(Recommendation, pk=rec_id, audit=audit, active=True)
        form = AnnotationForm(request.POST, prefix=_prefix(rec))
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"]:
                    annotation_save(
                        review=review,
                        recommendation=rec,
                        decision=data["decision"],
                        wording=data["wording"],
                        reason=data["reason"],
                    )
                else:
                    annotation_clear(review=review, recommendation=rec)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Annotation saved."))
                return redirect(f"{page}#rec-{rec.pk}")
        bound[rec.pk] = form
        status = 400
    plan, more, _closed = board_recommendations(audit)
    notes = {(a.code, a.key): a for a in review.annotations.all()}
    rows = []
    for rec in [*plan, *(r for items in more.values() for r in items)]:
        note = notes.get((rec.code, rec.key))
        initial = (
            {"decision": note.decision, "wording": note.wording, "reason": note.reason}
            if note
            else {}
        )
        form = bound.get(rec.pk) or AnnotationForm(initial=initial, prefix=_prefix(rec))
        rows.append({"rec": rec, "note": note, "form": form})
    return render(
        request,
        "consulting/plan_annotate.html",
        {
            "engagement": engagement,
            "audit": audit,
            "review": review,
            "rows": rows,
            "merged": merged_plan(review),
        },
        status=status,
    )
