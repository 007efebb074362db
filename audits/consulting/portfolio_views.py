"""The consultant's home: the portfolio page and its CSV export (issue 20, item 4).

Plain functions of a request already checked to come from a consultant: the workspace view
(audits/consulting/views.py) and the URL configuration wrap them in `consultant_required`.
"""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audits.consulting.portfolio import (
    STATUS_FILTERS,
    WAITING_KINDS,
    Row,
    filter_rows,
    portfolio,
    signed,
)
from config.csv_safe import csv_rows


def _filters(request: HttpRequest) -> dict[str, str]:
    status = request.GET.get("status", "")
    waiting = request.GET.get("waiting", "")
    return {
        "status": status if status in STATUS_FILTERS else "",
        "waiting": waiting if waiting == "any" or waiting in WAITING_KINDS else "",
        "q": request.GET.get("q", "")[:100],
    }


def portfolio_page(request: HttpRequest) -> HttpResponse:
    book = portfolio(request.user)
    filters = _filters(request)
    rows = filter_rows(book.rows, **filters)
    return render(
        request,
        "consulting/workspace.html",
        {
            "invitations": book.invitations,
            "rows": rows,
            "total": len(book.rows),
            "filters": filters,
            "status_choices": STATUS_FILTERS.items(),
            "waiting_choices": WAITING_KINDS.items(),
            "query": request.GET.urlencode(),
        },
    )


def _date(moment) -> str:
    """ISO dates in the file: unambiguous in every spreadsheet's locale."""
    return timezone.localtime(moment).date().isoformat() if moment else ""


def _number(value: float | None) -> str:
    return "" if value is None else formats.number_format(round(value), 0)


def _csv_row(row: Row) -> list[str]:
    if not row.live:
        return [row.name, str(row.status_label), "", "", "", "", "", "", ""]
    change = "" if row.change is None else signed(row.change, plus=False)
    return [
        row.name,
        str(row.status_label),
        str(row.cycles),
        _date(row.cycle_started),
        _date(row.cycle_submitted),
        _number(row.score),
        str(row.confidence_words),
        change,
        " | ".join(str(w.label) for w in row.waiting),
    ]


def portfolio_csv(request: HttpRequest) -> StreamingHttpResponse:
    rows = filter_rows(portfolio(request.user).rows, **_filters(request))
    header = [
        _("Client"),
        _("Status"),
        _("Cycles"),
        _("Latest cycle started"),
        _("Latest cycle submitted"),
        _("Score"),
        _("Confidence"),
        _("Change since the previous cycle"),
        _("Waiting for you"),
    ]
    response = StreamingHttpResponse(
        csv_rows(header, (_csv_row(r) for r in rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="epratiques-portfolio.csv"'
    return response
