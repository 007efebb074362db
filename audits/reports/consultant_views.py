"""The client's report, for the engaged consultant (same page and PDF as the owner's)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from audits.consulting.access import client_audit
from audits.consulting.views import consultant_required
from audits.reports.report import report_context
from audits.reports.views import report_pdf_response


@consultant_required
def client_report_html(request: HttpRequest, client_id: int, audit_id: int) -> HttpResponse:
    _engagement, audit = client_audit(request.user, client_id, audit_id)
    return render(request, "reports/report.html", report_context(audit, request=request))


@consultant_required
def client_report_pdf(request: HttpRequest, client_id: int, audit_id: int) -> HttpResponse:
    _engagement, audit = client_audit(request.user, client_id, audit_id)
    return report_pdf_response(request, audit)
