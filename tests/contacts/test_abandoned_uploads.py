"""Uploads left at the column step are purged with their file; an account keeps at most
CONTACT_IMPORT_PENDING_LIMIT files waiting, with a clear message beyond."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactImport
from contacts.services.uploads import abandoned_imports_purge
from contacts.tasks import purge_abandoned_imports
from tests.helpers.contacts import upload

pytestmark = pytest.mark.django_db

CSV = "Prénom;Nom;Société\nÉlodie;Garnier;Société Générale\n".encode()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files_in(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def upload_csv(client, name="export.csv"):
    return client.post(
        reverse("contacts:import"), {"file": upload(name, CSV), "format": "generic_csv"}
    )


def age(job, hours: float) -> None:
    ContactImport.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=hours)
    )


def test_an_upload_left_at_the_column_step_is_deleted_after_a_day(client, owner, media):
    upload_csv(client)
    job = ContactImport.objects.get(owner=owner)
    assert job.status == ContactImport.Status.MAPPING and len(files_in(media)) == 1

    age(job, 23)
    assert purge_abandoned_imports.delay().get() == 0
    assert len(files_in(media)) == 1
    age(job, 25)
    assert purge_abandoned_imports.delay().get() == 1

    job.refresh_from_db()
    assert (job.status, job.error_code, job.file.name) == ("failed", "abandoned", "")
    assert files_in(media) == []
    mapping = client.get(reverse("contacts:import_mapping", args=[job.pk]))
    assert mapping.status_code == 302  # nothing left to map
    detail = client.get(reverse("contacts:import_detail", args=[job.pk]))
    assert "never chosen, so the file was deleted" in detail.content.decode()
    assert abandoned_imports_purge() == 0  # run again: nothing more


def test_only_abandoned_uploads_are_purged(client, owner, media):
    upload_csv(client)
    job = ContactImport.objects.get(owner=owner)
    waiting = ContactImport.objects.create(
        owner=owner, original_name="queued.csv", format="google_csv", status="pending"
    )
    for other in (job, waiting):
        age(other, 48)
    ContactImport.objects.filter(pk=job.pk).update(status="running")

    assert abandoned_imports_purge() == 0
    assert len(files_in(media)) == 1


def test_the_purge_is_on_the_beat_schedule():
    from config.celery import app

    tasks = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert "contacts.tasks.purge_abandoned_imports" in tasks
    assert "contacts.tasks.purge_abandoned_imports" in app.tasks


def test_a_fourth_waiting_upload_is_refused_with_a_clear_message(client, owner, media, settings):
    settings.CONTACT_IMPORT_PENDING_LIMIT = 3
    for i in range(3):
        assert upload_csv(client, f"export-{i}.csv").status_code == 302

    response = upload_csv(client, "export-3.csv")

    assert response.status_code == 200
    body = response.content.decode()
    assert "You already have 3 files waiting to be imported" in body
    assert ContactImport.objects.filter(owner=owner).count() == 3
    assert len(files_in(media)) == 3  # the refused file was not stored
    page = client.get(reverse("contacts:import")).content.decode()
    assert 'data-testid="upload-quota"' in page
    for job in ContactImport.objects.filter(owner=owner):
        assert reverse("contacts:import_mapping", args=[job.pk]) in page


def test_the_quota_is_per_account_and_frees_once_a_file_is_imported(
    client, owner, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_IMPORT_PENDING_LIMIT = 1
    other = ContactImport.objects.create(
        owner=type(owner).objects.create(email="other@example.com"),
        original_name="theirs.csv",
        format="generic_csv",
        status="mapping",
    )
    upload_csv(client)
    job = ContactImport.objects.get(owner=owner)
    assert upload_csv(client).status_code == 200  # full

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("contacts:import_mapping", args=[job.pk]),
            {"first_name": "Prénom", "last_name": "Nom", "company": "Société"},
        )
    job.refresh_from_db()
    assert job.status == ContactImport.Status.DONE

    assert upload_csv(client).status_code == 302
    assert ContactImport.objects.get(pk=other.pk).status == "mapping"  # not theirs to count


def test_the_french_message_reads_well(client, owner, settings):
    settings.CONTACT_IMPORT_PENDING_LIMIT = 1
    type(owner).objects.filter(pk=owner.pk).update(language="fr")
    upload_csv(client)

    body = upload_csv(client).content.decode()

    assert "Vous avez déjà 1\u00a0fichier en attente d’import" in body


@pytest.mark.django_db(transaction=True)
def test_uploads_at_the_same_moment_cannot_both_take_the_last_place(settings):
    import threading

    from django.core.exceptions import ValidationError
    from django.db import connection

    from contacts.services.imports import contact_import_create
    from tests.factories import UserFactory

    settings.CONTACT_IMPORT_PENDING_LIMIT = 1
    owner = UserFactory()
    start = threading.Barrier(4)
    outcomes = []

    def send(i: int) -> None:
        start.wait(timeout=10)
        try:
            contact_import_create(
                owner=owner, upload=upload(f"at-once-{i}.csv", CSV), fmt="generic_csv"
            )
            outcomes.append("stored")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["refused"] * 3 + ["stored"]
    assert ContactImport.objects.filter(owner=owner).count() == 1
