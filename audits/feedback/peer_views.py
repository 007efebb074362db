"""The peer's side: one page reached by a personal link, no account, no login."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from audits.feedback.forms import PeerAnswerForm
from audits.feedback.models import FeedbackRequest
from audits.feedback.peer_selectors import feedback_request_for_token, peer_items
from audits.feedback.release import release_k
from audits.feedback.services import feedback_answer, feedback_decline, feedback_mark_opened
from config.ratelimit import rate_limited

TOKEN_MAX_LENGTH = 100


def _limit() -> int:
    return settings.FEEDBACK_RATE_LIMIT


def _language(request: HttpRequest, feedback: FeedbackRequest | None) -> str:
    chosen = request.GET.get("lang") or request.POST.get("lang")
    if chosen in dict(settings.LANGUAGES):
        return chosen
    if feedback is not None:
        return feedback.language
    return translation.get_language() or settings.LANGUAGE_CODE


def _closed_page(request: HttpRequest, feedback: FeedbackRequest | None) -> HttpResponse | None:
    """A clear page for an unknown, expired, answered or declined link; None if usable."""
    if feedback is None:
        return render(request, "peer/link_invalid.html", status=404)
    if feedback.has_answer:
        return render(
            request,
            "peer/thanks.html",
            {"feedback": feedback, "again": True, "k": release_k()},
            status=410,
        )
    if feedback.status == FeedbackRequest.Status.DECLINED:
        return render(request, "peer/declined.html", {"feedback": feedback}, status=410)
    if feedback.is_expired():
        return render(request, "peer/expired.html", {"feedback": feedback}, status=410)
    return None


@never_cache
@rate_limited("peer", _limit)
@require_http_methods(["GET", "POST"])
def peer_page(request: HttpRequest, token: str) -> HttpResponse:
    feedback = feedback_request_for_token(token[:TOKEN_MAX_LENGTH])
    with translation.override(_language(request, feedback)):
        closed = _closed_page(request, feedback)
        if closed is not None:
            return closed

        items = peer_items(feedback.audit.questionnaire_id)

        def answer_form() -> PeerAnswerForm:
            return PeerAnswerForm(request.POST or None, items=items)

        if request.method == "POST":
            form = answer_form()
            if form.is_valid():
                stored = feedback_answer(
                    request=feedback,
                    appraisal=form.cleaned_data["appraisal"],
                    perceptions=form.perceptions(),
                    keep_doing=form.cleaned_data["keep_doing"],
                    change=form.cleaned_data["change"],
                )
                context = {"feedback": feedback, "again": not stored, "k": release_k()}
                return render(request, "peer/thanks.html", context)
        else:
            # The blank form is rendered once per process (templates/peer/answer.html):
            # it is built only when that cache is empty.
            form = SimpleLazyObject(answer_form)
        if request.method == "GET" and feedback.status != FeedbackRequest.Status.OPENED:
            feedback_mark_opened(request=feedback)
        return render(
            request,
            "peer/answer.html",
            {
                "feedback": feedback,
                "owner": feedback.audit.owner,
                "form": form,
                "refused": request.method == "POST",
                # The objective, in one line, where a statement asks about it.
                "objective": getattr(feedback, "objective_title", "")
                if any(item.states_objective for item in items)
                else "",
                "token": token,
                "k": release_k(),
                "other_language": "en" if translation.get_language() == "fr" else "fr",
            },
        )


@never_cache
@rate_limited("peer", _limit)
@require_POST
def peer_decline(request: HttpRequest, token: str) -> HttpResponse:
    feedback = feedback_request_for_token(token[:TOKEN_MAX_LENGTH])
    with translation.override(_language(request, feedback)):
        closed = _closed_page(request, feedback)
        if closed is not None:
            return closed
        opt_out = request.POST.get("opt_out") == "1"
        declined = feedback_decline(
            request=feedback, opt_out=opt_out, token=token[:TOKEN_MAX_LENGTH]
        )
        return render(
            request,
            "peer/declined.html",
            {"feedback": feedback, "owner": feedback.audit.owner, "declined": declined},
        )


def peer_root(request: HttpRequest) -> HttpResponse:
    return redirect("home")
