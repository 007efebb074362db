from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.selfaudit.dashboard import dashboard_context, dashboard_panels
from audits.selfaudit.forms import ObjectiveForm, SectionForm, initial_from_answers
from audits.selfaudit.results import self_results
from audits.selfaudit.selectors import (
    answers_for_questions,
    audit_get_for_owner,
    audit_pillars,
    audit_progress,
    audit_unanswered,
    audits_for_owner,
    objective_get_for_owner,
    objectives_for_owner,
    pillar_with_questions,
)
from audits.selfaudit.services import (
    audit_save_section,
    audit_start,
    audit_submit,
    objective_create,
    objective_update,
)
from config.ids import int_id


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    objectives = list(objectives_for_owner(request.user))
    audits = list(audits_for_owner(request.user))
    active_objective = audits[0].objective if audits else (objectives[0] if objectives else None)
    current = audits[0] if audits else None
    progress = None
    if current is not None and not current.is_submitted:
        progress = audit_progress(current, audit_pillars(current))
    return render(
        request,
        "audits/dashboard.html",
        {
            "objectives": objectives,
            "audits": audits,
            "active_objective": active_objective,
            "current": current,
            "progress": progress,
            **dashboard_context(request.user, active_objective),
            "panels": dashboard_panels(request.user),
        },
    )


@login_required
def objective_create_view(request: HttpRequest) -> HttpResponse:
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        objective = objective_create(owner=request.user, **form.cleaned_data)
        messages.success(request, _("Your objective is set. Now answer the self-audit."))
        if request.POST.get("start") == "1":
            return _start(request, objective.pk)
        return redirect("dashboard")
    return render(request, "audits/objective_form.html", {"form": form, "objective": None})


@login_required
def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    objective = objective_get_for_owner(request.user, pk)
    form = ObjectiveForm(request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        objective_update(objective=objective, **form.cleaned_data)
        messages.success(request, _("Your objective has been updated."))
        return redirect("dashboard")
    return render(request, "audits/objective_form.html", {"form": form, "objective": objective})


@login_required
@require_POST
def audit_start_view(request: HttpRequest) -> HttpResponse:
    objective_id = int_id(request.POST.get("objective", ""))
    if objective_id is None:
        raise Http404
    return _start(request, objective_id)


def _start(request: HttpRequest, objective_id: int) -> HttpResponse:
    objective = objective_get_for_owner(request.user, objective_id)
    try:
        audit = audit_start(owner=request.user, objective=objective)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("dashboard")
    return redirect("audits:section", pk=audit.pk, number=1)


@login_required
def audit_resume(request: HttpRequest, pk: int) -> HttpResponse:
    """Back where the professional left off: the first section with a required question
    unanswered; once none is left, where their last save led (a section or the review)."""
    audit = audit_get_for_owner(request.user, pk)
    if audit.is_submitted:
        return redirect("audits:results", pk=audit.pk)
    pillars = audit_pillars(audit)
    section = audit_progress(audit, pillars).first_incomplete()
    if section is not None:
        return redirect("audits:section", pk=audit.pk, number=pillars.index(section.pillar) + 1)
    last = request.session.get(_last_visited_key(audit.pk))
    if isinstance(last, int) and 1 <= last <= len(pillars):
        return redirect("audits:section", pk=audit.pk, number=last)
    return redirect("audits:review", pk=audit.pk)


def _last_visited_key(audit_id: int) -> str:
    return f"audit-{audit_id}-last-visited"


def _remember_visit(request: HttpRequest, audit_id: int, number: int) -> None:
    """The page (a section, 0: the review) a save led to, for "Resume". Recorded on saves
    only, and always written, so that no page costs more queries on a first visit."""
    request.session[_last_visited_key(audit_id)] = number
    request.session.modified = True


@login_required
def audit_section(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    pillars = audit_pillars(audit)
    if not 1 <= number <= len(pillars):
        raise Http404
    pillar = pillars[number - 1]
    dimensions = pillar_with_questions(pillar)
    prefilled_ids: set[int] = set()

    if request.method == "POST":
        if audit.is_submitted:
            messages.error(
                request, _("This audit has been submitted and can no longer be changed.")
            )
            return redirect("audits:results", pk=audit.pk)
        form = SectionForm(request.POST, dimensions=dimensions)
        if form.is_valid():
            audit_save_section(audit=audit, pillar=pillar, values=form.values())
            return _after_save(request, audit, number, len(pillars))
    else:
        form = SectionForm(dimensions=dimensions)
        answers = answers_for_questions(audit, [q.pk for q in form.questions.values()])
        form.initial = initial_from_answers(answers, form.questions)
        # Carried over from the previous cycle and not confirmed: marked on the page.
        prefilled_ids = {pk for pk, answer in answers.items() if answer.prefilled}

    progress = audit_progress(audit, pillars)
    return render(
        request,
        "audits/section.html",
        {
            "audit": audit,
            "pillar": pillar,
            "dimensions": dimensions,
            "form": form,
            "number": number,
            "count": len(pillars),
            "progress": progress,
            "read_only": audit.is_submitted,
            "prefilled_ids": prefilled_ids,
        },
    )


def _after_save(request: HttpRequest, audit, number: int, count: int) -> HttpResponse:
    action = request.POST.get("action", "next")
    if action == "leave":
        _remember_visit(request, audit.pk, number)
        messages.success(request, _("Your answers are saved. Come back whenever you like."))
        return redirect("dashboard")
    if action == "previous" and number > 1:
        _remember_visit(request, audit.pk, number - 1)
        return redirect("audits:section", pk=audit.pk, number=number - 1)
    if action == "next" and number < count:
        _remember_visit(request, audit.pk, number + 1)
        return redirect("audits:section", pk=audit.pk, number=number + 1)
    _remember_visit(request, audit.pk, 0)
    return redirect("audits:review", pk=audit.pk)


@login_required
def audit_review(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    if audit.is_submitted:
        return redirect("audits:results", pk=audit.pk)
    pillars = audit_pillars(audit)
    numbers = {p.pk: i for i, p in enumerate(pillars, start=1)}
    unanswered = [(q, numbers[q.dimension.pillar_id]) for q in audit_unanswered(audit)]
    return render(
        request,
        "audits/review.html",
        {
            "audit": audit,
            "progress": audit_progress(audit, pillars),
            "missing_required": [(q, n) for q, n in unanswered if q.required],
            "missing_optional": [(q, n) for q, n in unanswered if not q.required],
            "count": len(pillars),
        },
    )


@login_required
@require_POST
def audit_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    try:
        audit_submit(audit=audit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        if audit.is_submitted:
            return redirect("audits:results", pk=audit.pk)
        return redirect("audits:review", pk=audit.pk)
    messages.success(request, _("Your self-audit is submitted. Here are your self scores."))
    return redirect("audits:results", pk=audit.pk)


@login_required
def audit_results(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_get_for_owner(request.user, pk)
    if not audit.is_submitted:
        messages.info(request, _("Submit the self-audit to see your scores."))
        return redirect("audits:review", pk=audit.pk)
    return render(request, "audits/results.html", {"audit": audit, "results": self_results(audit)})
