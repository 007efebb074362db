"""The audit report: what it shows (`report_context`) and its PDF (`render_report_pdf`).

The same context serves the printable page and the PDF, for the owner and for the engaged
consultant, in the language active for the request (the reader's). Every read goes through
the existing selectors, so the number of queries does not depend on the number of answers
or contacts. The PDF is rendered by WeasyPrint from the same template; it reads our static
files from disk and fetches nothing else (see `static_files_fetcher`).

Rendering takes most of a second of CPU, so `cached_report_pdf` keeps each PDF in the cache, keyed
by the score snapshot, the language, REPORT_TEMPLATE_VERSION and a digest of the page it is
made from (a published review or a recommendation marked done changes it), and at most
REPORT_PDF_CONCURRENCY renders run at once over all processes (`RendersBusy` beyond).
"""

import hashlib
import mimetypes
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from audits.consulting.merged_plan import merged_plan
from audits.consulting.models import Review
from audits.cycles.selectors import report_cycle_comparison
from audits.feedback.models import Relationship
from audits.scores.charts import SERIES_COLOURS, radar_svg, trend_svg
from audits.scores.selectors import score_board
from audits.selfaudit.models import Audit
from audits.selfaudit.results import self_results
from config.semaphore import Busy, cache_semaphore
from contacts.absence_texts import labelled_zones
from contacts.selectors import network_alignment

# Raise when the PDF's look changes in a way the page's HTML does not show (report.css, fonts,
# WeasyPrint options): cached PDFs of the previous version are then never served again.
REPORT_TEMPLATE_VERSION = 3
SEVERITY_LABELS = {
    "urgent": gettext_lazy("Urgent"),
    "high": gettext_lazy("Important"),
    "medium": gettext_lazy("Useful"),
    "low": gettext_lazy("To consider"),
}


def report_context(audit: Audit, *, request: HttpRequest | None = None) -> dict:
    board = score_board(audit)
    reputation, peer = board.reputation, board.peer
    names = board.pillar_names
    pillar_figures = reputation.get("pillars") or {}
    pillars = [
        {"code": code, "name": name, **(pillar_figures.get(code) or {})}
        for code, name in names.items()
    ]
    chart = board.chart()
    objective = audit.objective
    # The OWNER's network, never the reader's: a consultant reads the client's report.
    alignment = network_alignment(audit.owner, objective.needed_roles, objective.needed_sectors)
    relationships = dict(Relationship.choices)
    # The engaged consultant reads the client's report: "the client", never "me" or "your".
    for_consultant = _read_by_consultant(audit, request)
    return {
        "for_consultant": for_consultant,
        "audit": audit,
        "client": audit.owner,
        "objective": objective,
        "generated_at": timezone.now(),
        "snapshot": board.snapshot,
        "reputation": reputation,
        "peer": peer,
        "peer_groups": [
            (str(relationships.get(code, code)), figures)
            for code, figures in (peer.get("by_relationship") or {}).items()
        ],
        "pillars": pillars,
        "blind_spots": board.blind_spots,
        "hidden_strengths": board.hidden_strengths,
        "evidence": board.evidence,
        "evidence_gaps": board.evidence_gaps,
        "dimension_rows": board.dimension_rows,
        "silence_groups": board.silence_groups,
        "plan": board.plan,
        # Safe only because svg_charts escapes every text it writes (labels, names, colours):
        # pillar names come from the questionnaire and must not be able to inject markup.
        "radar_svg": mark_safe(  # noqa: S308
            radar_svg(
                chart["labels"],
                [
                    (
                        _("Client") if for_consultant else _("Me"),
                        chart["self"],
                        SERIES_COLOURS["self"],
                    ),
                    (_("Others"), chart["peers"], SERIES_COLOURS["peers"]),
                ],
                title=_("Radar of the pillars, self against peers"),
                empty_text=_("No data yet"),
                missing_text=_("no figure yet"),
                point_text=_point_text,
            )
        ),
        "trend_svg": mark_safe(  # noqa: S308
            trend_svg(
                board.trend,
                title=_("Reputation score over time"),
                empty_text=_("No data yet"),
                point_text=_point_text,
            )
        ),
        "alignment": alignment,
        "zones": labelled_zones(alignment),
        "recommendations": [
            (severity, SEVERITY_LABELS.get(severity, severity), items)
            for severity, items in board.recommendations.items()
        ],
        "self_results": self_results(audit),
        "review": _published_review(audit, names),
        # Then and now, when this audit follows an earlier cycle (audits/cycles).
        "cycles": report_cycle_comparison(audit),
        "pdf": False,
        "pdf_url": _pdf_url(audit, request),
    }


def _published_review(audit: Audit, names: dict[str, str]) -> dict | None:
    """The latest PUBLISHED review; a draft is the consultant's work in progress, never shown."""
    review = (
        Review.objects.filter(audit=audit, status=Review.Status.PUBLISHED)
        .select_related("engagement__consultant")
        .prefetch_related("pillars", "recommendations", "annotations")
        .order_by("-published_at", "-id")
        .first()
    )
    if review is None:
        return None
    consultant = review.engagement.consultant
    order = {code: position for position, code in enumerate(names)}  # questionnaire order
    return {
        "consultant": consultant.display_name if consultant else review.engagement.invited_email,
        "published_at": review.published_at,
        "findings": review.findings,
        "pillars": [
            {"name": names.get(p.pillar, p.pillar), "rating": p.rating, "comment": p.comment}
            for p in sorted(review.pillars.all(), key=lambda p: order.get(p.pillar, len(order)))
            if p.rating or p.comment
        ],
        "recommendations": [r.text for r in review.recommendations.all()],
        # Issue 20: the automatic plan as the consultant annotated it, with their own items.
        "merged_plan": merged_plan(review, audit),
    }


def _point_text(label: str, value: float | None) -> str:
    """A chart point's tooltip in the reader's language ("Réseau : 68,3")."""
    shown = "–" if value is None else number_format(round(value, 1), decimal_pos=None)
    return _("%(label)s: %(value)s") % {"label": label, "value": shown}


def _read_by_consultant(audit: Audit, request: HttpRequest | None) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and user.pk != audit.owner_id


def _pdf_url(audit: Audit, request: HttpRequest | None) -> str:
    if _read_by_consultant(audit, request):
        return reverse("consulting:client_report_pdf", args=[audit.owner_id, audit.pk])
    return reverse("audits:report_pdf", args=[audit.pk])


class RendersBusy(Exception):
    """REPORT_PDF_CONCURRENCY renders are already running: try again in a few seconds."""


def cached_report_pdf(context: dict, *, request: HttpRequest | None = None) -> bytes:
    """The report's PDF, from the cache when nothing it shows has changed; raises RendersBusy
    rather than queue one more render behind REPORT_PDF_CONCURRENCY others."""
    # The key is made from the page without its "generated on" time, which alone differs
    # from one download to the next: a cached PDF keeps the time it was really made.
    page = render_to_string(
        "reports/report.html", {**context, "pdf": True, "generated_at": None}, request=request
    )
    key = report_pdf_cache_key(context, page)
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    try:
        with cache_semaphore(
            "report-pdf",
            settings.REPORT_PDF_CONCURRENCY,
            lease_seconds=settings.REPORT_PDF_LEASE_SECONDS,
            wait_seconds=settings.REPORT_PDF_WAIT_SECONDS,
        ):
            pdf = cache.get(key)  # rendered by another request while this one waited
            if pdf is None:
                pdf = render_report_pdf(context, request=request)
                cache.set(key, pdf, settings.REPORT_PDF_CACHE_SECONDS)
    except Busy as exc:
        raise RendersBusy from exc
    return pdf


def report_pdf_cache_key(context: dict, page: str) -> str:
    snapshot = context.get("snapshot")
    digest = hashlib.sha256(page.encode()).hexdigest()[:32]
    return (
        f"report-pdf:v{REPORT_TEMPLATE_VERSION}:{context['audit'].pk}:"
        f"{snapshot.pk if snapshot else 0}:{get_language()}:{digest}"
    )


def render_report_pdf(context: dict, *, request: HttpRequest | None = None) -> bytes:
    # Imported here: loading WeasyPrint (Pango, its CSS engine) takes over a second, which
    # only a PDF download should pay, not every process that imports the URL configuration.
    import weasyprint

    html = render_to_string("reports/report.html", {**context, "pdf": True}, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else settings.SITE_URL + "/"
    return weasyprint.HTML(
        string=html, base_url=base_url, url_fetcher=static_files_fetcher(base_url)
    ).write_pdf()


def static_files_fetcher(base_url: str):
    """A WeasyPrint URL fetcher that serves `/static/...` from disk and refuses all else.

    No network access and no running server are needed: the report renders in a worker or a
    test just as well. Any other URL (another host, a data or file URL, a path outside the
    static files) raises, and WeasyPrint leaves that resource out.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            path = static_file_for_url(url, base_url)
            if path is None:
                raise ValueError(f"the report reads only our static files, not {url[:200]}")
            with open(path, "rb") as file:
                body = file.read()
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticFilesFetcher()


def static_file_for_url(url: str, base_url: str) -> str | None:
    """The file on disk behind one of our static URLs, or None for any other URL."""
    prefix = urljoin(base_url, settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    name = unquote(urlsplit(url[len(prefix) :]).path)
    if not name or name.startswith("/") or "\\" in name:
        return None
    try:
        path = finders.find(name)
        if path is None and staticfiles_storage.exists(name):
            # In production {% static %} names the hashed copy written by collectstatic
            # (css/report.3f2a9c.css), which only the storage knows, not the finders.
            path = staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError, ValueError):
        return None
    return str(path) if path else None
