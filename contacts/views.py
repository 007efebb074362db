from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.activity import activity_record
from accounts.models import Activity
from config.csv_safe import csv_rows
from config.ids import int_id, int_ids
from contacts.absence_texts import import_error_message, row_error_text
from contacts.forms import (
    BulkEditForm,
    ContactFilterForm,
    ContactForm,
    ImportForm,
    MappingForm,
)
from contacts.importers.base import ImportFileError
from contacts.importers.generic_csv import guess_mapping, read_header
from contacts.introductions_page import zone_for, zone_label, zone_proposals, zones_and_objective
from contacts.map_search import map_search
from contacts.models import Contact, ContactImport
from contacts.network_page import network_context
from contacts.selectors import (
    GROUPS,
    contact_get_for_owner,
    contact_import_get_for_owner,
    contacts_for_owner,
    map_cluster_contacts,
    map_clusters,
    recent_imports,
)
from contacts.services.contacts import contact_update, contacts_bulk_update, contacts_delete
from contacts.services.imports import (
    contact_import_create,
    contact_import_fail,
    contact_import_queue,
    import_progress,
)
from contacts.services.introductions import (
    introduction_mark_obtained,
    introduction_record,
    introduction_send,
)
from contacts.services.uploads import waiting_uploads

PAGE_SIZE = 50


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    filter_form = ContactFilterForm(request.GET or None)
    contacts = contacts_for_owner(request.user, filter_form.to_filters())
    if request.method == "POST":
        posted = int_ids(request.POST.getlist("ids"))
        allowed = list(
            Contact.objects.filter(owner=request.user, pk__in=posted).values_list("pk", flat=True)
        )
        bulk = BulkEditForm(request.POST, allowed_ids=allowed)
        if bulk.is_valid() and request.POST.get("action") == "delete":
            count = contacts_delete(owner=request.user, ids=bulk.cleaned_data["ids"])
            activity_record(
                subject=request.user,
                actor=request.user,
                action=Activity.Action.CONTACTS_DELETED,
                detail=str(count),
            )
            messages.success(
                request,
                ngettext("%(count)d contact deleted.", "%(count)d contacts deleted.", count)
                % {"count": count},
            )
            return redirect(request.get_full_path())
        if bulk.is_valid():
            count = contacts_bulk_update(
                owner=request.user, ids=bulk.cleaned_data["ids"], changes=bulk.changes()
            )
            messages.success(
                request,
                ngettext("%(count)d contact updated.", "%(count)d contacts updated.", count)
                % {"count": count},
            )
            return redirect(request.get_full_path())
        for error in bulk.errors.get("ids", []):
            messages.error(request, error)
    page = Paginator(contacts.order_by("full_name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "contacts/list.html",
        {
            "page": page,
            "filter_form": filter_form,
            # Its own id prefix: the filter form above also has "sector" and "relationship",
            # and duplicate ids would tie the bulk form's labels to the filter's selects.
            "bulk_form": BulkEditForm(allowed_ids=[], auto_id="id_bulk_%s"),
            "query": query.urlencode(),
            "total": page.paginator.count,
        },
    )


@login_required
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_get_for_owner(request.user, pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        contact_update(contact=contact, **form.cleaned_data)
        messages.success(request, _("Contact saved."))
        return redirect("contacts:list")
    return render(request, "contacts/edit.html", {"form": form, "contact": contact})


@login_required
@require_GET
def contact_export(request: HttpRequest) -> StreamingHttpResponse:
    contacts = contacts_for_owner(request.user, ContactFilterForm(request.GET or None).to_filters())
    header = [
        "full_name",
        "email",
        "company",
        "position",
        "role_category",
        "sector",
        "relationship",
        "networks",
        "profile_url",
        "connected_on",
        "messages_sent",
        "messages_received",
    ]
    rows = contacts.order_by("full_name", "id").values_list(*header).iterator(chunk_size=2000)
    activity_record(
        subject=request.user, actor=request.user, action=Activity.Action.CONTACTS_EXPORT
    )
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="epratiques-contacts.csv"'
    return response


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = contact_import_create(
                owner=request.user,
                upload=form.cleaned_data["file"],
                fmt=form.cleaned_data["format"],
                network=form.cleaned_data["network"],
            )
        except ValidationError as exc:  # the quota of files waiting to be imported
            form.add_error(None, exc)
        else:
            if job.status == ContactImport.Status.MAPPING:
                return redirect("contacts:import_mapping", pk=job.pk)
            return redirect("contacts:import_detail", pk=job.pk)
    waiting = list(waiting_uploads(request.user))
    return render(
        request,
        "contacts/import.html",
        {
            "form": form,
            "imports": recent_imports(request.user),
            "waiting": waiting,
            "quota_reached": len(waiting) >= settings.CONTACT_IMPORT_PENDING_LIMIT,
            "abandoned_hours": settings.CONTACT_IMPORT_ABANDONED_HOURS,
        },
    )


@login_required
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = contact_import_get_for_owner(request.user, pk)
    if job.status != ContactImport.Status.MAPPING:
        return redirect("contacts:import_detail", pk=job.pk)
    try:
        with job.file.open("rb") as handle:
            header = read_header(handle.read())
    except ImportFileError as exc:
        # Nothing to map: the job fails here, with its reason, instead of waiting for ever.
        contact_import_fail(job=job, code=exc.code)
        return redirect("contacts:import_detail", pk=job.pk)
    form = MappingForm(request.POST or None, header=header, guessed=guess_mapping(header))
    if request.method == "POST" and form.is_valid():
        contact_import_queue(job=job, mapping=form.mapping())
        return redirect("contacts:import_detail", pk=job.pk)
    return render(request, "contacts/mapping.html", {"form": form, "job": job, "header": header})


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = contact_import_get_for_owner(request.user, pk)
    template = (
        "contacts/partials/import_status.html"
        if request.headers.get("HX-Request")
        else "contacts/import_detail.html"
    )
    done, total = import_progress(job)
    return render(
        request,
        template,
        {
            "job": job,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 0,
            "error_message": import_error_message(job.error_code) if job.error_code else "",
            "first_errors": [row_error_text(error) for error in job.errors[:20]],
        },
    )


@login_required
@require_GET
def import_errors(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    job = contact_import_get_for_owner(request.user, pk)
    rows = ((error["row"], row_error_text(error)) for error in job.errors)
    response = StreamingHttpResponse(csv_rows(["row", "message"], rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
    return response


@login_required
def network(request: HttpRequest) -> HttpResponse:
    """The network against the active objective: absence zones, champions, overlap."""
    return render(request, "contacts/network.html", network_context(request.user))


@login_required
def network_map(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("group", "category")
    if group not in GROUPS:
        group = "category"
    return render(
        request,
        "contacts/map.html",
        {
            "group": group,
            "data_url": reverse("contacts:map_data"),
            "search_url": reverse("contacts:map_search"),
            # The first drawing's data comes with the page (one round trip less before it).
            "clusters": {"group": group, "clusters": map_clusters(request.user, group)},
        },
    )


@login_required
@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    group = request.GET.get("group", "category")
    if group not in GROUPS:
        return JsonResponse({"error": _("Unknown grouping.")}, status=400)
    value = request.GET.get("value")
    if value is None:
        return JsonResponse({"group": group, "clusters": map_clusters(request.user, group)})
    focus = request.GET.get("focus", "")
    contacts = map_cluster_contacts(
        request.user,
        group,
        value,
        focus=int(focus) if focus.isdigit() and len(focus) < 12 else None,
    )
    return JsonResponse({"group": group, "value": value, "contacts": contacts})


# --- Introductions for each absence zone ---------------------------------------------------


@login_required
def introductions(request: HttpRequest) -> HttpResponse:
    """Every absent or thin zone of the active objective, each leading to its introducers."""
    objective, gaps = zones_and_objective(request.user)
    return render(
        request,
        "contacts/introductions.html",
        {"objective": objective, "zones": [(zone, zone_label(zone)) for zone in gaps]},
    )


@login_required
def introductions_zone(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    """The best five introducers for one zone, their reasons and a draft request for each."""
    objective, zone = zone_for(request.user, kind, code)
    if request.method == "POST":
        return _introduction_action(request, objective, zone)
    return render(
        request,
        "contacts/introductions_zone.html",
        {
            "objective": objective,
            "zone": zone,
            "label": zone_label(zone),
            "proposals": zone_proposals(request.user, objective, zone),
        },
    )


def _introduction_action(request: HttpRequest, objective, zone) -> HttpResponse:
    back = redirect("contacts:introductions_zone", kind=zone.kind, code=zone.code)
    contact_id = int_id(request.POST.get("contact", ""))
    contact = Contact.objects.filter(owner=request.user, pk=contact_id).first()
    if contact_id is None or contact is None:
        raise Http404
    action = request.POST.get("action", "")
    message = request.POST.get("message", "")[:4000]
    language = get_language() or settings.LANGUAGE_CODE
    common = {"owner": request.user, "contact": contact, "objective_id": objective.pk, "zone": zone}
    if action == "send":
        try:
            sent = introduction_send(**common, message=message, language=language)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return back
        if sent:
            messages.success(
                request, _("Your request to %(name)s is sent.") % {"name": contact.full_name}
            )
        else:
            messages.info(
                request,
                _("Your request to %(name)s was already sent: it is not sent twice.")
                % {"name": contact.full_name},
            )
    elif action == "asked":
        introduction_record(**common, message=message, language=language)
        messages.success(request, _("Noted: you asked %(name)s.") % {"name": contact.full_name})
    elif action == "obtained":
        introduction_mark_obtained(**common, language=language)
        messages.success(
            request,
            _("Introduction obtained through %(name)s: it counts towards your objective.")
            % {"name": contact.full_name},
        )
    else:
        messages.error(request, _("Unknown action."))
    return back


@login_required
@require_GET
def map_search_data(request: HttpRequest) -> JsonResponse:
    """Contacts whose name matches, with the group the map shows each one in."""
    group = request.GET.get("group", "category")
    if group not in GROUPS:
        return JsonResponse({"error": _("Unknown grouping.")}, status=400)
    return JsonResponse({"results": map_search(request.user, group, request.GET.get("q", ""))})
