"""Check before you post: a page (works without JavaScript) and its JSON twin (called as the
professional types, static/js/draft_check.js). Nothing pasted is stored: the text lives in
this request only, never in the database, the session, the cache, the messages framework or
a log line (tests/evidence/test_draft_check.py searches them all)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from config.ratelimit import rate_limited
from contacts.models import Contact, Relationship
from contacts.taxonomy import RoleCategory
from evidence.drafts.checks import Finding, check_draft
from evidence.drafts.forms import DraftCheckForm

NEW_CONTACT_DAYS = 30
CLIENT_NAMES = 2000  # enough for any professional's client list, bounded for the check's speed


def _limit() -> int:
    return settings.DRAFT_CHECK_RATE_LIMIT


def client_names(owner) -> list[str]:
    """The professional's own clients, people and companies (contacts marked "client")."""
    rows = Contact.objects.filter(owner=owner, relationship=Relationship.CLIENT).values_list(
        "full_name", "company"
    )[:CLIENT_NAMES]
    return sorted({name for row in rows for name in row if name})


def _is_new(contact: Contact) -> bool:
    """Never exchanged a message, and connected recently (or no date known)."""
    if contact.messages_sent or contact.messages_received:
        return False
    if contact.connected_on is None:
        return True
    return (timezone.localdate() - contact.connected_on).days <= NEW_CONTACT_DAYS


def _run(form: DraftCheckForm) -> list[Finding]:
    data = form.cleaned_data
    new_contact, executive = data["new_contact"], data["executive"]
    if form.recipient is not None:
        new_contact = new_contact or _is_new(form.recipient)
        executive = executive or form.recipient.role_category == RoleCategory.EXECUTIVE
    return check_draft(
        data["text"],
        kind=data["kind"],
        new_contact=new_contact,
        executive=executive,
        client_names=client_names(form.owner),
    )


def _as_dict(finding: Finding, language: str) -> dict:
    return {
        "code": finding.code,
        "title": finding.title[language],
        "tip": finding.tip[language],
        "excerpt": finding.excerpt,
        "seed": finding.seed,
    }


def _language() -> str:
    return "fr" if (get_language() or "").startswith("fr") else "en"


@never_cache
@login_required
@rate_limited("draft_check", _limit)
def check(request: HttpRequest) -> HttpResponse:
    form = DraftCheckForm(request.POST or None, owner=request.user)
    findings = None
    if request.method == "POST" and form.is_valid():
        findings = [_as_dict(f, _language()) for f in _run(form)]
    return render(
        request,
        "evidence/check.html",
        {"form": form, "findings": findings, "contacts": form.contact_choices()},
    )


@never_cache
@login_required
@require_POST
@rate_limited("draft_check", _limit)
def check_json(request: HttpRequest) -> JsonResponse:
    form = DraftCheckForm(request.POST, owner=request.user)
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse({"findings": [_as_dict(f, _language()) for f in _run(form)]})
