import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts.activity import activity_record
from accounts.data_archive import archive_write
from accounts.forms import ConsultantProfileForm, EraseAccountForm, ProfileForm
from accounts.models import Activity, ConsultantProfile
from accounts.personal_data import user_data
from accounts.services import user_erase, user_set_language, user_update_profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    consultant_profile = None
    if user.is_consultant:
        consultant_profile, _created = ConsultantProfile.objects.get_or_create(user=user)

    if request.method == "POST":
        form = ProfileForm(request.POST)
        consultant_form = (
            ConsultantProfileForm(request.POST, instance=consultant_profile, prefix="consultant")
            if consultant_profile
            else None
        )
        if form.is_valid() and (consultant_form is None or consultant_form.is_valid()):
            user_update_profile(user=user, **form.cleaned_data)
            if consultant_form is not None:
                consultant_form.save()
            translation.activate(user.language)
            messages.success(request, _("Your profile has been saved."))
            response = redirect("accounts:profile")
            _set_language_cookie(request, response, user.language)
            return response
    else:
        form = ProfileForm(
            initial={
                "full_name": user.full_name,
                "language": user.language,
                "past_employers": user.past_employers,
            }
        )
        consultant_form = (
            ConsultantProfileForm(instance=consultant_profile, prefix="consultant")
            if consultant_profile
            else None
        )

    return render(
        request,
        "accounts/profile.html",
        {"form": form, "consultant_form": consultant_form},
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, plus saving the choice on the account of a logged-in user."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_set_language(user=request.user, language=language)
    return response


def _set_language_cookie(request: HttpRequest, response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Right of access and right to erasure, in one place."""
    form = EraseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user_erase(user=user)
        messages.success(request, _("Your account and all its data have been erased."))
        return redirect("home")
    return render(request, "accounts/my_data.html", {"form": form})


@login_required
def my_data_export(request: HttpRequest) -> JsonResponse:
    activity_record(
        subject=request.user, actor=request.user, action=Activity.Action.DATA_EXPORT, detail="JSON"
    )
    response = JsonResponse(
        user_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="epratiques-my-data.json"'
    return response


# Past this size the ZIP being built goes to a temporary file instead of memory.
ARCHIVE_MEMORY_BYTES = 5 * 1024 * 1024


@login_required
def my_data_export_csv(request: HttpRequest) -> FileResponse:
    """The JSON download's data as one CSV per section in a ZIP, with a README in their language."""
    # Not a context manager: FileResponse closes the file once it has been sent.
    archive = tempfile.SpooledTemporaryFile(max_size=ARCHIVE_MEMORY_BYTES)  # noqa: SIM115
    archive_write(user_data(request.user), archive)
    archive.seek(0)
    activity_record(
        subject=request.user, actor=request.user, action=Activity.Action.DATA_EXPORT, detail="CSV"
    )
    return FileResponse(
        archive,
        as_attachment=True,
        filename="epratiques-my-data.zip",
        content_type="application/zip",
    )


@login_required
def activity(request: HttpRequest) -> HttpResponse:
    entries = Activity.objects.filter(subject=request.user).select_related("actor")[:200]
    return render(request, "accounts/activity.html", {"entries": entries})
