"""The professional's side of feedback: ask people, follow the answers, copy links."""

import random

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.feedback.forms import MAX_RECIPIENTS, FeedbackRequestForm
from audits.feedback.models import FeedbackRequest
from audits.feedback.nudges import nudge_mark_sent, nudges_for_audit
from audits.feedback.release import feedback_round_close
from audits.feedback.selectors import feedback_tracking
from audits.feedback.services import (
    Recipient,
    feedback_link_issue,
    feedback_requests_create,
    feedback_resend,
    feedback_url,
)
from audits.selfaudit.selectors import audit_get_for_owner
from config.ids import int_ids
from contacts.forms import ContactFilterForm
from contacts.models import Contact
from contacts.selectors import contacts_for_owner


@login_required
def feedback_new(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    filter_form = ContactFilterForm(request.GET or None, auto_id="filter_%s")  # ids apart
    shown = contacts_for_owner(request.user, filter_form.to_filters())
    if request.GET.get("champions") == "1":
        shown = shown.filter(two_way_conversations__gt=0).order_by(
            "-two_way_conversations", "full_name"
        )
    else:
        shown = shown.order_by("full_name")
    shown = list(shown[:MAX_RECIPIENTS])
    if request.method == "POST":
        posted = int_ids(request.POST.getlist("contacts"))
        owned = Contact.objects.filter(owner=request.user, pk__in=posted)
        form = FeedbackRequestForm(
            request.POST, contact_choices=[(c.pk, c.full_name) for c in owned]
        )
        if form.is_valid():
            contacts = {c.pk: c for c in owned}
            recipients = [
                Recipient(email=contacts[i].email, name=contacts[i].full_name, contact=contacts[i])
                for i in form.cleaned_data["contacts"]
            ] + [Recipient(email=e) for e in form.cleaned_data["emails"]]
            result = feedback_requests_create(
                audit=audit,
                recipients=recipients,
                relationship=form.cleaned_data["relationship"],
                message=form.cleaned_data["message"].strip(),
                language=form.cleaned_data["language"],
            )
            _report(request, result)
            return redirect("audits:feedback", pk=audit.pk)
    else:
        form = FeedbackRequestForm(contact_choices=[], initial={"language": request.user.language})
    return render(
        request,
        "audits/feedback_new.html",
        {
            "audit": audit,
            "form": form,
            "filter_form": filter_form,
            "shown": shown,
            "max": MAX_RECIPIENTS,
        },
    )


def _report(request: HttpRequest, result) -> None:
    emailed = sum(r.delivery == FeedbackRequest.Delivery.EMAIL for r in result.created)
    linked = len(result.created) - emailed
    if emailed:
        messages.success(request, _("%(n)d requests are being emailed.") % {"n": emailed})
    if linked:
        messages.info(
            request,
            _(
                "%(n)d people have no email address: copy their personal link below and send it "
                "through LinkedIn or any other channel."
            )
            % {"n": linked},
        )
    if result.opted_out:
        messages.warning(
            request,
            _("Not asked, because they asked never to be asked again: %(list)s")
            % {"list": ", ".join(result.opted_out)},
        )
    if result.over_limit:
        messages.warning(
            request,
            _(
                "Not asked today: you may email at most %(limit)d new addresses a day, so that "
                "nobody can use ePratiques to write to strangers in bulk. Ask them again "
                "tomorrow: %(list)s"
            )
            % {
                "limit": settings.FEEDBACK_INVITATIONS_PER_DAY,
                "list": ", ".join(result.over_limit),
            },
        )
    if result.duplicates:
        messages.info(
            request,
            _("Already asked for this audit: %(list)s") % {"list": ", ".join(result.duplicates)},
        )


@login_required
def feedback_overview(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    tracking = feedback_tracking(audit)
    texts = list(tracking.texts)
    random.shuffle(texts)  # never in answer order: free text is shown without attribution
    nudges = nudges_for_audit(tracking.requests, owner=request.user)
    for feedback in tracking.requests:
        feedback.nudge = nudges.get(feedback.pk)
    return render(
        request,
        "audits/feedback.html",
        {"audit": audit, "tracking": tracking, "texts": texts, "nudges": nudges},
    )


@login_required
@require_POST
def feedback_nudged(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    """The professional sent the nudge offered for a copied link: offer the next one later."""
    audit = audit_get_for_owner(request.user, pk)
    feedback = get_object_or_404(FeedbackRequest, pk=request_id, audit=audit)
    if nudge_mark_sent(request=feedback):
        messages.success(request, _("Noted: the next reminder will be offered on its day."))
    else:
        messages.info(request, _("No reminder is due for this person today."))
    return redirect("audits:feedback", pk=audit.pk)


@login_required
@require_POST
def feedback_link(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    feedback = get_object_or_404(FeedbackRequest, pk=request_id, audit=audit)
    try:
        token = feedback_link_issue(request=feedback)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("audits:feedback", pk=audit.pk)
    return render(
        request,
        "audits/feedback_link.html",
        {"audit": audit, "feedback": feedback, "url": feedback_url(token)},
    )


@login_required
@require_POST
def feedback_send_again(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    """An emailed request is followed up by email, never by a copied link."""
    audit = audit_get_for_owner(request.user, pk)
    feedback = get_object_or_404(FeedbackRequest, pk=request_id, audit=audit)
    if feedback_resend(request=feedback):
        # The same words whether or not they answered: an answer not released must not show.
        messages.success(
            request,
            _("The request will be emailed again to %(email)s, unless they already answered.")
            % {"email": feedback.email},
        )
    else:
        messages.info(
            request,
            _(
                "Not sent again: at most one email a day, and at most %(n)d reminders per "
                "request, while it is open."
            )
            % {"n": len(settings.FEEDBACK_REMINDER_DAYS)},
        )
    return redirect("audits:feedback", pk=audit.pk)


@login_required
@require_POST
def feedback_close(request: HttpRequest, pk: int) -> HttpResponse:
    """End the round now: open requests expire; waiting answers are released or withheld."""
    audit = audit_get_for_owner(request.user, pk)
    closed = feedback_round_close(audit_id=audit.pk)
    messages.info(request, _("Round closed: %(n)d open requests expired.") % {"n": closed})
    return redirect("audits:feedback", pk=audit.pk)
