"""The private channel's pages: the thread (read, post) and an attachment's download, for the
client (under /audits/consultants/) and for the consultant (under /consultant/engagements/).
Both go through audits/consulting/access.py (client_thread, consultant_thread)."""

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from audits.consulting.access import ThreadAccess, client_thread, consultant_thread
from audits.consulting.attachments import too_large_message
from audits.consulting.channel import (
    MessageRateLimited,
    message_post,
    thread_mark_read,
    thread_messages,
)
from audits.consulting.forms import MessageForm
from audits.consulting.models import Message
from audits.consulting.views import consultant_required


def _urls(access: ThreadAccess) -> tuple[str, str]:
    """(the thread's URL, the attachment URL name) for the reader's side."""
    engagement_id = access.engagement.pk
    if access.role == Message.Role.CLIENT:
        return (
            reverse("audits:consultant_messages", args=[engagement_id]),
            "audits:consultant_message_attachment",
        )
    return reverse("consulting:messages", args=[engagement_id]), "consulting:message_attachment"


def _thread(request: HttpRequest, access: ThreadAccess) -> HttpResponse:
    """The thread views are csrf_exempt only so that a body far over the limit is refused
    before anything reads it (the CSRF check reads the body to find its token, and a file
    would reach the disk); every other request passes csrf_protect here, refusals change
    nothing."""
    if request.method == "POST" and _too_large(request):
        form = MessageForm(data={})
        form.add_error("attachment", too_large_message())
        return _render_thread(request, access, form, status=400)
    return csrf_protect(lambda request: _thread_checked(request, access))(request)


def _thread_checked(request: HttpRequest, access: ThreadAccess) -> HttpResponse:
    thread_url, _attachment_url = _urls(access)
    form = MessageForm()
    status = 200
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_post(
                    access=access,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    upload=form.cleaned_data["attachment"],
                )
            except MessageRateLimited as exc:
                form.add_error(None, exc)
                status = 429
            except ValidationError as exc:
                form.add_error("attachment" if form.cleaned_data["attachment"] else None, exc)
                status = 400
            else:
                flash.success(request, _("Message sent."))
                return redirect(thread_url + "#latest")
        else:
            status = 400
    return _render_thread(request, access, form, status=status)


def _render_thread(request, access: ThreadAccess, form, *, status: int) -> HttpResponse:
    thread_url, attachment_url = _urls(access)
    thread = thread_messages(access.engagement)
    thread_mark_read(access.engagement, access.role)
    for message in thread:
        message.mine = message.author_id == request.user.pk and message.author_role == access.role
        message.openable = bool(message.attachment) and access.can_open(message)
    return render(
        request,
        "consulting/thread.html",
        {
            "access": access,
            "engagement": access.engagement,
            "thread": thread,
            "form": form,
            "thread_url": thread_url,
            "attachment_url": attachment_url,
        },
        status=status,
    )


# Room for the text and the multipart framing around a file at the limit.
_ENVELOPE = 64 * 1024


def _too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.CONSULTING_ATTACHMENT_MAX_BYTES + _ENVELOPE


def _attachment(access: ThreadAccess, message_id: int) -> FileResponse:
    message = get_object_or_404(
        Message, pk=message_id, engagement=access.engagement, attachment__gt=""
    )
    if not access.can_open(message):
        raise Http404("attachment not available")
    try:
        handle = message.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404("attachment file missing") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=message.attachment_name or "attachment",
        content_type=message.attachment_type or "application/octet-stream",
    )
    # Downloaded, never rendered: not even a text file a browser would try to read as HTML.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@csrf_exempt  # see _thread: csrf_protect runs inside, once the body's size is known
@login_required
def client_messages(request: HttpRequest, engagement_id: int) -> HttpResponse:
    return _thread(request, client_thread(request.user, engagement_id))


@login_required
def client_message_attachment(
    request: HttpRequest, engagement_id: int, message_id: int
) -> FileResponse:
    return _attachment(client_thread(request.user, engagement_id), message_id)


@csrf_exempt  # see _thread
@consultant_required
def consultant_messages(request: HttpRequest, engagement_id: int) -> HttpResponse:
    return _thread(request, consultant_thread(request.user, engagement_id))


@consultant_required
def consultant_message_attachment(
    request: HttpRequest, engagement_id: int, message_id: int
) -> FileResponse:
    return _attachment(consultant_thread(request.user, engagement_id), message_id)
