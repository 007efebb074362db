import threading

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_reports_a_usable_database_and_in_process_tasks(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"] == {"ok": True, "mode": "in-process"}


def test_it_reports_a_live_redis_broker(client, settings, redis_url):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json()["broker"] == {"ok": True, "mode": "redis"}


def test_it_reports_a_stopped_broker_without_hanging(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    result = {}

    def call() -> None:
        result["response"] = client.get(reverse("healthz"))

    caller = threading.Thread(target=call)
    caller.start()
    caller.join(timeout=15)

    assert not caller.is_alive(), "/healthz hung on a dead broker"
    response = result["response"]
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"]["ok"] is False
    assert response.json()["database"]["ok"] is True


def test_it_rejects_post(client):
    assert client.post(reverse("healthz")).status_code == 405
