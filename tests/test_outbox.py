"""The demo's in-app outbox: `make run` keeps emails readable at /dev/outbox/, not raw MIME."""

import importlib

import pytest
from django.core import mail
from django.core.mail import get_connection, send_mail
from django.urls import reverse

from config import settings as project_settings

pytestmark = pytest.mark.django_db

OUTBOX = "config.outbox.OutboxBackend"


@pytest.fixture
def outbox(settings, tmp_path):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = OUTBOX
    settings.OUTBOX_PATH = tmp_path / "outbox.jsonl"
    return settings.OUTBOX_PATH


def test_debug_without_a_mail_server_uses_the_outbox(monkeypatch):
    monkeypatch.setenv("DEBUG", "1")
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    try:
        fresh = importlib.reload(project_settings)
        assert fresh.EMAIL_BACKEND == OUTBOX
        # kombu warned "No hostname was supplied" for a bare memory:// broker.
        assert fresh.CELERY_BROKER_URL == "memory://localhost/"
        # In-process tasks log no line each at INFO.
        assert fresh.LOGGING["loggers"]["celery.app.trace"]["level"] == "WARNING"
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


def test_a_sent_email_is_readable_with_its_link_clickable(client, outbox):
    connection = get_connection(OUTBOX)
    send_mail(
        "Camille Martin vous invite à faire la revue de ses pratiques",
        "Bonjour,\n\nPour accepter : http://testserver/consultant/\n",
        "no-reply@epratiques.example",
        ["consultant@epratiques.example"],
        connection=connection,
    )

    page = client.get(reverse("dev_outbox")).content.decode()

    assert "Camille Martin vous invite à faire la revue de ses pratiques" in page
    assert "=?utf-8?" not in page
    assert "consultant@epratiques.example" in page
    assert '<a href="http://testserver/consultant/"' in page


def test_the_login_page_links_to_the_outbox_in_debug(client, outbox):
    page = client.get(reverse("account_login")).content.decode()

    assert f'href="{reverse("dev_outbox")}"' in page


def test_without_debug_there_is_no_outbox_page_nor_link(client, settings, outbox):
    settings.DEBUG = False

    assert client.get(reverse("dev_outbox")).status_code == 404
    assert reverse("dev_outbox") not in client.get(reverse("account_login")).content.decode()


def test_the_tests_themselves_keep_the_locmem_backend():
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_seed_demo_prints_the_logins_first_and_no_raw_email(outbox, capsys):
    from django.core.management import call_command

    call_command("seed_demo")

    printed = capsys.readouterr()
    lines = (printed.out + printed.err).strip().splitlines()
    assert lines[0].startswith("professional")
    assert lines[1].startswith("consultant")
    assert lines[2].startswith("peer link")
    assert "Content-Type" not in printed.out + printed.err
    assert outbox.read_text(encoding="utf-8").count("\n") >= 1
