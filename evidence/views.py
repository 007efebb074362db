from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from evidence.error_texts import file_error_text
from evidence.forms import ActivityUploadForm
from evidence.models import ActivityImport, ActivityNetwork
from evidence.selectors import activity_import_get_for_owner, own_data_networks, recent_imports
from evidence.services import (
    activity_import_create,
    activity_import_delete,
    excerpts_delete_all,
    limits,
    network_evidence_delete,
)
from evidence.services import (
    excerpt_delete as excerpt_delete_service,
)


def import_error_message(job: ActivityImport) -> str:
    if job.status != ActivityImport.Status.FAILED:
        return ""
    return file_error_text(job.error_code, job.error_file or job.original_name, limits=limits())


@login_required
def own_data(request: HttpRequest) -> HttpResponse:
    form = ActivityUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity_import_create(
                owner=request.user,
                upload=form.cleaned_data["file"],
                network=form.cleaned_data["network"],
            )
        except ValidationError as exc:  # the quota of files waiting to be read
            form.add_error(None, exc)
        else:
            messages.success(request, _("File received: it is being read."))
            return redirect("evidence:home")
    imports = recent_imports(request.user)
    for job in imports:
        job.error_message = import_error_message(job)
    return render(
        request,
        "evidence/home.html",
        {"form": form, "imports": imports, "networks": own_data_networks(request.user)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
@never_cache
def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = activity_import_get_for_owner(request.user, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "progress": job.progress,
            "finished": job.is_finished,
            "message": import_error_message(job),
        }
    )


@login_required
@require_POST
def import_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity_import_get_for_owner(request.user, pk)
    if activity_import_delete(owner=request.user, pk=pk):
        messages.success(request, _("Import removed from the list."))
    return redirect("evidence:home")


@login_required
@require_POST
def excerpt_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if not excerpt_delete_service(owner=request.user, pk=pk):
        raise Http404
    messages.success(request, _("Excerpt deleted."))
    return redirect("evidence:home")


@login_required
@require_POST
def excerpts_delete(request: HttpRequest) -> HttpResponse:
    network = request.POST.get("network", "")
    if network and network not in ActivityNetwork.values:
        raise Http404
    count = excerpts_delete_all(owner=request.user, network=network)
    messages.success(
        request,
        ngettext("%(count)d excerpt deleted.", "%(count)d excerpts deleted.", count)
        % {"count": count},
    )
    return redirect("evidence:home")


@login_required
@require_POST
def network_delete(request: HttpRequest, network: str) -> HttpResponse:
    if network not in ActivityNetwork.values:
        raise Http404
    if not network_evidence_delete(owner=request.user, network=network):
        raise Http404
    messages.success(
        request,
        _("Everything kept from your %(network)s export is deleted.")
        % {"network": ActivityNetwork(network).label},
    )
    return redirect("evidence:home")
