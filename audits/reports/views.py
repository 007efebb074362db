"""The audit report, as a printable page and as a PDF (WeasyPrint), for the owner and for
the engaged consultant (their views are in audits/reports/consultant_views.py), in the
reader's language."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.activity import activity_record
from accounts.models import Activity
from audits.reports.report import RendersBusy, cached_report_pdf, report_context
from audits.selfaudit.selectors import audit_get_for_owner


@login_required
def report_html(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    return render(request, "reports/report.html", report_context(audit, request=request))


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    return report_pdf_response(request, audit)


def report_pdf_response(request: HttpRequest, audit) -> HttpResponse:
    try:
        pdf = cached_report_pdf(report_context(audit, request=request), request=request)
    except RendersBusy:
        # A clear page and a hint for the browser, not a 500 or a request left hanging.
        response = render(
            request, "errors/503.html", {"retry_after": settings.REPORT_PDF_RETRY_AFTER}, status=503
        )
        response["Retry-After"] = str(settings.REPORT_PDF_RETRY_AFTER)
        return response
    activity_record(
        subject=audit.owner,
        actor=request.user,
        action=Activity.Action.REPORT_DOWNLOAD,
        detail=f"audit {audit.pk}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="epratiques-audit-{audit.pk}.pdf"'
    return response
