"""The excerpts behind a figure of the score's third column: owner-only (a consultant reads
them through audits.consulting, only when the client shares their contacts)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from evidence.models import ActivityNetwork
from evidence.selectors import excerpts_in_group
from evidence.textflags import FLAG_GROUPS


def excerpts_context(owner, network: str, group: str) -> dict:
    if network not in ActivityNetwork.values or group not in FLAG_GROUPS:
        raise Http404("unknown network or flag")
    return {
        "network": ActivityNetwork(network).label,
        "group": group,
        "excerpts": excerpts_in_group(owner, network=network, group=group),
    }


@login_required
def excerpts(request: HttpRequest, network: str, group: str) -> HttpResponse:
    return render(request, "evidence/excerpts.html", excerpts_context(request.user, network, group))
