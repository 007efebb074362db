from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.health import broker_state, database_state
from config.outbox import outbox_enabled, outbox_messages


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "home.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_state()
    broker = broker_state()
    ok = database["ok"] and broker["ok"]
    return JsonResponse(
        {"status": "ok" if ok else "degraded", "database": database, "broker": broker},
        status=200 if ok else 503,
    )


@never_cache
@require_GET
def dev_outbox(request: HttpRequest) -> HttpResponse:
    """The demo's sent emails (DEBUG only): what `make run` used to print as raw MIME."""
    if not outbox_enabled():
        raise Http404
    return render(request, "dev/outbox.html", {"outbox": outbox_messages()})
