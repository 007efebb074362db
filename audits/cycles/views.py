"""The cycle pages: start the next cycle, ask the same people again, compare, benchmark."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from audits.cycles.benchmark import benchmark_join, benchmark_leave, benchmark_view_for
from audits.cycles.forms import AskAgainForm, BenchmarkForm
from audits.cycles.selectors import cycle_audit_for_owner, cycle_comparison
from audits.cycles.services import (
    CycleRefused,
    cycle_ask_again,
    cycle_peer_proposals,
    cycle_start,
)
from audits.questionnaires.models import Pillar
from audits.questionnaires.services import questionnaire_current
from audits.selfaudit.selectors import audit_get_for_owner


@login_required
@require_POST
def cycle_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    previous = audit_get_for_owner(request.user, pk)
    try:
        audit = cycle_start(owner=request.user, previous=previous)
    except CycleRefused as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("dashboard")
    messages.success(
        request,
        _(
            "Cycle %(n)d started. Your previous answers are filled in: confirm or change each "
            "section."
        )
        % {"n": audit.cycle},
    )
    return redirect("audits:resume", pk=audit.pk)


@login_required
def cycle_ask_again_view(request: HttpRequest, pk: int) -> HttpResponse:
    audit = cycle_audit_for_owner(request.user, pk)
    proposals = cycle_peer_proposals(audit)
    form = AskAgainForm(
        request.POST or None,
        proposals=proposals,
        initial={"people": [p.key for p in proposals]},
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["people"])
        result = cycle_ask_again(
            audit=audit,
            proposals=[p for p in proposals if p.key in chosen],
            message=form.cleaned_data["message"].strip(),
        )
        count = len(result.created)
        messages.success(
            request,
            ngettext("%(n)d person asked again.", "%(n)d people asked again.", count)
            % {"n": count},
        )
        skipped = result.opted_out + result.duplicates + result.over_limit
        if skipped:
            messages.info(request, _("Not asked: %(list)s") % {"list": ", ".join(skipped)})
        return redirect("audits:feedback", pk=audit.pk)
    return render(
        request,
        "cycles/ask_again.html",
        {"audit": audit, "form": form, "proposals": proposals},
    )


@login_required
def cycle_compare(request: HttpRequest, pk: int) -> HttpResponse:
    audit = cycle_audit_for_owner(request.user, pk)
    return render(request, "cycles/compare.html", {"cycles": cycle_comparison(audit)})


@login_required
def benchmark(request: HttpRequest) -> HttpResponse:
    current = benchmark_view_for(request.user)
    form = BenchmarkForm(request.POST or None, instance=current.get("participation"))
    if request.method == "POST" and form.is_valid():
        benchmark_join(owner=request.user, sector=form.cleaned_data["sector"])
        messages.success(
            request,
            _("You take part in your sector's benchmark. You can leave it at any time."),
        )
        return redirect("audits:benchmark")
    questionnaire = questionnaire_current()
    pillars = list(Pillar.objects.filter(questionnaire=questionnaire)) if questionnaire else []
    participation = current.get("participation")
    ranks = participation.pillar_percentiles if participation else {}
    return render(
        request,
        "cycles/benchmark.html",
        {
            **current,
            "form": form,
            "pillar_ranks": [(p.name, ranks[p.code]) for p in pillars if p.code in ranks],
        },
    )


@login_required
@require_POST
def benchmark_leave_view(request: HttpRequest) -> HttpResponse:
    if benchmark_leave(owner=request.user):
        messages.success(request, _("You left the sector benchmark: you are no longer counted."))
    return redirect("audits:benchmark")
