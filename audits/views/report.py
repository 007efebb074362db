"""The audit report, as a printable page and as a PDF (WeasyPrint), for the owner and for
the engaged consultant, in the reader's language. (Being written: see audits/report.py.)"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.activity import activity_record
from accounts.models import Activity
from audits.access import client_audit
from audits.report import render_report_pdf, report_context
from audits.selectors import audit_get_for_owner
from audits.views.consulting import consultant_required


@login_required
def report_html(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    return render(request, "reports/report.html", report_context(audit, request=request))


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    return _pdf(request, audit)


@consultant_required
def client_report_html(request: HttpRequest, client_id: int, audit_id: int) -> HttpResponse:
    _engagement, audit = client_audit(request.user, client_id, audit_id)
    return render(request, "reports/report.html", report_context(audit, request=request))


@consultant_required
def client_report_pdf(request: HttpRequest, client_id: int, audit_id: int) -> HttpResponse:
    _engagement, audit = client_audit(request.user, client_id, audit_id)
    return _pdf(request, audit)


def _pdf(request: HttpRequest, audit) -> HttpResponse:
    activity_record(
        subject=audit.owner,
        actor=request.user,
        action=Activity.Action.REPORT_DOWNLOAD,
        detail=f"audit {audit.pk}",
    )
    pdf = render_report_pdf(report_context(audit, request=request), request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="epratiques-audit-{audit.pk}.pdf"'
    return response
