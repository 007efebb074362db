"""The check-in page and the progress page of one objective (the owner's only: else 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.progress.forms import CheckInForm, FrequencyForm
from audits.progress.selectors import plan_items, progress_board
from audits.progress.services import check_in_create, schedule_set
from audits.selfaudit.selectors import objective_get_for_owner


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    objective = objective_get_for_owner(request.user, pk)
    plan = plan_items(objective)
    form = CheckInForm(request.POST or None, objective=objective, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_in_create(
                objective=objective,
                results=data["results"],
                introductions=data["introductions"],
                minutes=data["minutes"],
                note=data["note"],
                done=form.done_items(),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you: your check-in is recorded."))
            return redirect("audits:progress", pk=objective.pk)
    return render(
        request, "progress/check_in.html", {"objective": objective, "form": form, "plan": plan}
    )


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    objective = objective_get_for_owner(request.user, pk)
    board = progress_board(objective)
    return render(
        request,
        "progress/progress.html",
        {
            "objective": objective,
            "board": board,
            "figures": board.figures,
            # Every text in the SVG is escaped by audits.progress.chart.
            "chart": mark_safe(board.chart()),  # noqa: S308
            "frequency_form": FrequencyForm(initial={"frequency": board.frequency}),
        },
    )


@login_required
@require_POST
def frequency(request: HttpRequest, pk: int) -> HttpResponse:
    objective = objective_get_for_owner(request.user, pk)
    form = FrequencyForm(request.POST)
    if form.is_valid():
        schedule_set(objective=objective, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your check-in reminders are updated."))
    else:
        messages.error(request, _("Unknown frequency."))
    return redirect("audits:progress", pk=objective.pk)
