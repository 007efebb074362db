"""Consultants: invitations, the workspace, a client's aggregated audit, and reviews.

Clients: inviting and revoking consultants, reading a published review.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audits.consulting.access import (
    AccessEnded,
    client_audit,
    client_engagement,
    consultant_invitation,
)
from audits.consulting.forms import (
    ExplainedIndependenceForm,
    IndependenceForm,
    InviteConsultantForm,
    ReviewForm,
)
from audits.consulting.independence_services import (
    check_for,
    client_notices,
    consultant_notices,
    contact_names,
    independence_check,
)
from audits.consulting.merged_plan import merged_plan
from audits.consulting.models import Engagement, IndependenceCheck, Review
from audits.consulting.portfolio_views import portfolio_page
from audits.consulting.services import (
    engagement_accept,
    engagement_approve_independence,
    engagement_claim,
    engagement_decline,
    engagement_end,
    engagement_for_token,
    engagement_invite,
    engagement_revoke,
    engagement_share_contacts,
    review_acknowledge,
    review_for,
    review_mark_read,
    review_publish,
    review_save,
)
from audits.feedback.release import release_status
from audits.questionnaires.models import Pillar
from audits.scores.models import ScoreSnapshot
from audits.scores.selectors import score_board
from audits.selfaudit.models import Audit
from audits.selfaudit.selectors import audit_get_for_owner
from config.ids import int_id
from config.ratelimit import rate_limited
from contacts.map_search import map_search
from contacts.network_page import network_context
from contacts.selectors import (
    GROUPS,
    MAP_MIN_GROUP,
    map_cluster_contacts,
    map_clusters,
)


def consultant_required(view):
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_consultant:
            raise PermissionDenied
        try:
            return view(request, *args, **kwargs)
        except AccessEnded as ended:
            return render(
                request,
                "consulting/access_ended.html",
                {"engagement": ended.engagement},
                status=403,
            )

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


# --- The client's side ---------------------------------------------------------------------


@login_required
def consultants(request: HttpRequest) -> HttpResponse:
    form = InviteConsultantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            engagement_invite(client=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("audits:consultants")
    engagements = list(
        Engagement.objects.filter(client=request.user).select_related("consultant", "independence")
    )
    _client_independence(request.user, engagements)
    return render(
        request, "consulting/consultants.html", {"form": form, "engagements": engagements}
    )


def _client_independence(client, engagements: list[Engagement]) -> None:
    """Each engagement's independence notices and unread messages, in two queries in all."""
    from audits.consulting.channel import unread_counts

    checks = {e.pk: check_for(e) for e in engagements}
    names = contact_names(client.pk, checks.values())
    unread = unread_counts([e.pk for e in engagements], "client")
    for e in engagements:
        e.check = checks[e.pk]
        e.independence_matches, e.shared_employers = client_notices(e.check, names)
        e.unread_messages = unread.get(e.pk, 0)


@login_required
@require_POST
def consultant_approve(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """The client approves the explanation of a consultant found in their contacts."""
    engagement = get_object_or_404(Engagement, pk=engagement_id, client=request.user)
    try:
        engagement_approve_independence(engagement=engagement, client=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Explanation approved: the consultant's access starts now."))
    return redirect("audits:consultants")


@login_required
@require_POST
def consultant_revoke(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = get_object_or_404(Engagement, pk=engagement_id, client=request.user)
    engagement_revoke(engagement=engagement, client=request.user)
    messages.success(request, _("Access revoked: the consultant no longer sees your audit."))
    return redirect("audits:consultants")


@login_required
@require_POST
def consultant_sharing(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = get_object_or_404(Engagement, pk=engagement_id, client=request.user)
    engagement_share_contacts(
        engagement=engagement, client=request.user, share=request.POST.get("share") == "1"
    )
    return redirect("audits:consultants")


@login_required
def review_read(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    reviews = list(
        Review.objects.filter(audit=audit, status=Review.Status.PUBLISHED)
        .select_related("engagement__consultant")
        .prefetch_related("pillars", "recommendations", "annotations")
    )
    if request.method == "POST":
        review = next((r for r in reviews if str(r.pk) == request.POST.get("review")), None)
        if review is None:
            return redirect("audits:review_read", pk=audit.pk)
        rec_id = int_id(request.POST.get("recommendation", ""))
        if rec_id is not None:
            review_acknowledge(review=review, recommendation_id=rec_id)
        return redirect("audits:review_read", pk=audit.pk)
    for review in reviews:
        review_mark_read(review=review)
        review.merged = merged_plan(review, audit)  # issue 20: the one plan, attributed
    names = {p.code: p.name for p in Pillar.objects.filter(questionnaire=audit.questionnaire_id)}
    return render(
        request,
        "consulting/review_read.html",
        {"audit": audit, "reviews": reviews, "pillar_names": names},
    )


# --- The consultant's side -----------------------------------------------------------------


@consultant_required
def workspace(request: HttpRequest) -> HttpResponse:
    """The consultant's home: their portfolio of clients (issue 20, portfolio_views.py)."""
    return portfolio_page(request)


@rate_limited("invitation", lambda: settings.FEEDBACK_RATE_LIMIT)
def invitation_link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link for a consultant who may not have an account yet."""
    engagement = engagement_for_token(token[:100])
    if engagement is None:
        return render(request, "consulting/invitation_invalid.html", status=404)
    if not request.user.is_authenticated:
        return render(request, "consulting/invitation.html", {"engagement": engagement})
    try:
        engagement_claim(engagement=engagement, consultant=request.user)
    except ValidationError as exc:
        return render(
            request,
            "consulting/invitation.html",
            {"engagement": engagement, "error": " ".join(exc.messages)},
            status=403,
        )
    return redirect("consulting:accept", engagement_id=engagement.pk)


@consultant_required
def accept(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = consultant_invitation(request.user, engagement_id)
    check = check_for(engagement)
    if check is not None and check.status == IndependenceCheck.Status.EXPLAINED:
        # Explained already: the client's approval is what waits.
        return render(
            request,
            "consulting/accept.html",
            {"engagement": engagement, "check": check, "waiting": True,
             **_consultant_independence(check)},
        )  # fmt: skip
    form = None
    if request.method == "POST":
        # The form the consultant was shown: with an explanation if a match was found.
        conflict = check is not None and check.blocks_access
        form = (ExplainedIndependenceForm if conflict else IndependenceForm)(request.POST)
        if form.is_valid():
            try:
                engagement_accept(
                    engagement=engagement, consultant=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if engagement.is_active:
                    messages.success(request, _("Engagement accepted. Your client has been told."))
                    return redirect("consulting:client", client_id=engagement.client_id)
                messages.success(
                    request,
                    _(
                        "Your explanation was sent to your client: you will see their audit "
                        "once they approve it."
                    ),
                )
                return redirect("consulting:workspace")
    # Checked again at every look, so that what the consultant reads is what accepting meets.
    check = independence_check(engagement)
    form_class = ExplainedIndependenceForm if check.blocks_access else IndependenceForm
    if form is None:
        form = form_class()
    elif type(form) is not form_class:  # a match appeared (or went) meanwhile
        form = form_class(request.POST)
    return render(
        request,
        "consulting/accept.html",
        {"engagement": engagement, "form": form, "check": check,
         **_consultant_independence(check)},
    )  # fmt: skip


def _consultant_independence(check) -> dict:
    matches, shared = consultant_notices(check)
    return {"independence_matches": matches, "shared_employers": shared}


@consultant_required
@require_POST
def decline(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = consultant_invitation(request.user, engagement_id)
    engagement_decline(engagement=engagement, consultant=request.user)
    return redirect("consulting:workspace")


@consultant_required
@require_POST
def end(request: HttpRequest, client_id: int) -> HttpResponse:
    engagement = client_engagement(request.user, client_id)
    engagement_end(engagement=engagement, consultant=request.user)
    messages.success(request, _("Engagement ended."))
    return redirect("consulting:workspace")


@consultant_required
def client(request: HttpRequest, client_id: int) -> HttpResponse:
    engagement = client_engagement(request.user, client_id)
    audits = list(
        Audit.objects.filter(owner_id=client_id)
        .select_related("objective")
        .annotate(
            latest_score=Subquery(
                ScoreSnapshot.objects.filter(audit=OuterRef("pk"))
                .order_by("-computed_at", "-id")
                .values("overall")[:1]
            )
        )
    )
    from audits.consulting.channel import unread_count

    return render(
        request,
        "consulting/client.html",
        {
            "engagement": engagement,
            "audits": audits,
            "unread_messages": unread_count(engagement, "consultant"),
        },
    )


@consultant_required
def client_score(request: HttpRequest, client_id: int, audit_id: int) -> HttpResponse:
    engagement, audit = client_audit(request.user, client_id, audit_id)
    board = score_board(audit)
    return render(
        request,
        "audits/score.html",
        {
            "audit": audit,
            "board": board,
            "chart": board.chart(),
            "release": release_status(audit.pk),
            "engagement": engagement,
            "read_only": True,
        },
    )


@consultant_required
def client_network(request: HttpRequest, client_id: int) -> HttpResponse:
    engagement = client_engagement(request.user, client_id)
    context = network_context(engagement.client, show_people=engagement.share_contacts)
    return render(request, "contacts/network.html", {**context, "engagement": engagement})


@consultant_required
def client_map(request: HttpRequest, client_id: int) -> HttpResponse:
    engagement = client_engagement(request.user, client_id)
    group = request.GET.get("group", "category")
    return render(
        request,
        "contacts/map.html",
        {
            "group": group if group in GROUPS else "category",
            "data_url": reverse("consulting:client_map_data", args=[client_id]),
            # Finding a contact by name names them: only when the client shares contacts.
            "search_url": (
                reverse("consulting:client_map_search", args=[client_id])
                if engagement.share_contacts
                else ""
            ),
            "engagement": engagement,
        },
    )


@consultant_required
@require_GET
def client_map_search(request: HttpRequest, client_id: int) -> JsonResponse:
    """The map's search over a client's contacts, for a consultant they share them with."""
    engagement = client_engagement(request.user, client_id)
    if not engagement.share_contacts:
        return JsonResponse({"error": _("Your client does not share their contacts.")}, status=403)
    group = request.GET.get("group", "category")
    if group not in GROUPS:
        return JsonResponse({"error": _("Unknown grouping.")}, status=400)
    return JsonResponse({"results": map_search(engagement.client, group, request.GET.get("q", ""))})


@consultant_required
@require_GET
def client_map_data(request: HttpRequest, client_id: int) -> JsonResponse:
    engagement = client_engagement(request.user, client_id)
    group = request.GET.get("group", "category")
    if group not in GROUPS:
        return JsonResponse({"error": _("Unknown grouping.")}, status=400)
    value = request.GET.get("value")
    if value is None:
        # Without shared contacts, small groups are not named (a company of one names them).
        min_size = 1 if engagement.share_contacts else MAP_MIN_GROUP
        clusters = map_clusters(engagement.client, group, min_size=min_size)
        return JsonResponse({"group": group, "clusters": clusters})
    if not engagement.share_contacts:
        return JsonResponse(
            {"group": group, "value": value, "contacts": [], "hidden": True}, status=200
        )
    focus = request.GET.get("focus", "")
    contacts = map_cluster_contacts(
        engagement.client,
        group,
        value,
        focus=int(focus) if focus.isdigit() and len(focus) < 12 else None,
    )
    return JsonResponse({"group": group, "value": value, "contacts": contacts})


@consultant_required
def review_edit(request: HttpRequest, client_id: int, audit_id: int) -> HttpResponse:
    engagement, audit = client_audit(request.user, client_id, audit_id)
    review = review_for(engagement=engagement, audit=audit)
    pillars = list(Pillar.objects.filter(questionnaire=audit.questionnaire_id))
    if request.method == "POST":
        form = ReviewForm(request.POST, pillars=pillars)
        if review.is_published:
            messages.error(request, _("A published review can no longer be changed."))
            return redirect("consulting:review", client_id=client_id, audit_id=audit_id)
        if form.is_valid():
            review_save(
                review=review,
                findings=form.cleaned_data["findings"],
                ratings=form.ratings(),
                recommendations=form.recommendations(),
            )
            if request.POST.get("action") == "publish":
                try:
                    review_publish(review=review)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                    return redirect("consulting:review", client_id=client_id, audit_id=audit_id)
                messages.success(request, _("Review published: your client has been told."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect("consulting:review", client_id=client_id, audit_id=audit_id)
    else:
        initial = {"findings": review.findings}
        for rating in review.pillars.all():
            initial[f"rating_{rating.pillar}"] = rating.rating
            initial[f"comment_{rating.pillar}"] = rating.comment
        for i, rec in enumerate(review.recommendations.all()):
            initial[f"recommendation_{i}"] = rec.text
        form = ReviewForm(initial=initial, pillars=pillars)
    return render(
        request,
        "consulting/review_form.html",
        {
            "engagement": engagement,
            "audit": audit,
            "review": review,
            "form": form,
            "board": score_board(audit),
        },
    )


# --- textflags: the excerpts behind a client's own-data figure ---
@consultant_required
def client_excerpts(request: HttpRequest, client_id: int, network: str, group: str) -> HttpResponse:
    """Figures are the consultant's to see; the excerpts only when the client shares their
    contacts with this engagement (they quote other people's words and names)."""
    from evidence.excerpt_views import excerpts_context

    engagement = client_engagement(request.user, client_id)
    if not engagement.share_contacts:
        raise PermissionDenied("the client does not share their contacts")
    context = excerpts_context(engagement.client, network, group)
    return render(request, "evidence/excerpts.html", {**context, "engagement": engagement})
