import json
import time

import pytest
from django.core.management import CommandError, call_command

from contacts.importers.samples import linkedin_export_zip
from contacts.models import Contact, ContactImport
from contacts.services.imports import contact_import_sweep
from tests.factories import UserFactory
from tests.helpers.contacts import upload


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_upload_is_imported_by_a_real_celery_worker(celery_worker):
    from contacts.services.imports import contact_import_create

    owner = UserFactory()
    job = contact_import_create(owner=owner, upload=upload("export.zip", linkedin_export_zip(80)))

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.2)
    assert job.status == ContactImport.Status.DONE, job.error_code
    assert job.created == Contact.objects.filter(owner=owner).count() > 0


@pytest.mark.django_db
def test_a_pending_import_whose_enqueue_was_lost_is_picked_up_by_the_sweep(settings):
    owner = UserFactory()
    job = ContactImport.objects.create(
        owner=owner,
        original_name="export.zip",
        format="linkedin_zip",
        file=upload("export.zip", linkedin_export_zip(20)),
    )
    ContactImport.objects.filter(pk=job.pk).update(created_at=job.created_at.replace(year=2020))

    assert contact_import_sweep() == 1  # tasks run in-process in this test

    job.refresh_from_db()
    assert job.status == ContactImport.Status.DONE
    assert contact_import_sweep() == 0


@pytest.mark.django_db
def test_the_command_prints_a_json_summary(tmp_path, capsys):
    owner = UserFactory(email="cli@example.com")
    path = tmp_path / "export.zip"
    path.write_bytes(linkedin_export_zip(30, seed=5))

    call_command("import_contacts", "--owner", "CLI@example.com", str(path))
    first = json.loads(capsys.readouterr().out)
    call_command("import_contacts", "--owner", "cli@example.com", str(path))
    second = json.loads(capsys.readouterr().out)

    assert set(first) == {"created", "merged", "skipped", "errors"}
    assert first["created"] == Contact.objects.filter(owner=owner).count() > 0
    assert second["created"] == 0
    # Every readable row of the same file now matches a contact that exists.
    assert second["merged"] == first["created"] + first["skipped"] - len(first["errors"])
    assert Contact.objects.filter(owner=owner).count() == first["created"]


@pytest.mark.django_db
def test_the_command_words_the_rows_it_left_out_in_english(tmp_path, capsys):
    UserFactory(email="cli@example.com")
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ana,Lopes,,,Acme,CEO,15 Mar 2024\n"
        b",,,,Nameless Corp,,\n"
    )

    call_command("import_contacts", "--owner", "cli@example.com", str(path))

    (error,) = json.loads(capsys.readouterr().out)["errors"]
    assert error == {
        "row": 2,
        "code": "anonymous",
        "unit": "row",
        "message": "Row 2: no name, email or profile URL",
    }


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_owner_or_file(tmp_path):
    UserFactory(email="cli@example.com")
    with pytest.raises(CommandError, match="No account"):
        call_command("import_contacts", "--owner", "ghost@example.com", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="No file"):
        call_command("import_contacts", "--owner", "cli@example.com", str(tmp_path / "x.csv"))


@pytest.mark.django_db
def test_a_failed_file_through_the_command_says_why(tmp_path, capsys):
    UserFactory(email="cli@example.com")
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)

    with pytest.raises(CommandError, match="binary"):
        call_command(
            "import_contacts", "--owner", "cli@example.com", str(path), "--format", "linkedin_csv"
        )
    assert json.loads(capsys.readouterr().out)["failed"] == "binary"


@pytest.mark.django_db
def test_a_users_correction_survives_a_new_import(tmp_path, capsys):
    owner = UserFactory(email="cli@example.com")
    path = tmp_path / "export.zip"
    path.write_bytes(linkedin_export_zip(10, seed=9))
    call_command("import_contacts", "--owner", owner.email, str(path))
    contact = Contact.objects.filter(owner=owner).first()
    Contact.objects.filter(pk=contact.pk).update(role_category="mentor", category_set_by_user=True)

    call_command("import_contacts", "--owner", owner.email, str(path))

    contact.refresh_from_db()
    assert contact.role_category == "mentor"


@pytest.mark.django_db
def test_namesakes_with_different_profiles_stay_two_people():
    from contacts.importers import parse
    from contacts.services.imports import merge_into_network

    owner = UserFactory()
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Marie,Martin,https://www.linkedin.com/in/marie-martin-1,,Acme,CEO,15 Mar 2024\n"
        b"Marie,Martin,https://www.linkedin.com/in/marie-martin-2,,Acme,CFO,16 Mar 2024\n"
        b"Marie,Martin,https://www.linkedin.com/in/marie-martin-1,,Acme,CEO,15 Mar 2024\n"
    )
    parsed = parse(data, "linkedin_csv")

    summary = merge_into_network(owner=owner, parsed=parsed, items=list(parsed.items))

    assert summary["created"] == 2
    assert summary["skipped"] == 1
    assert Contact.objects.filter(owner=owner).count() == 2
