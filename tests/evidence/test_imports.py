"""Activity imports through the service: all or nothing, the raw file deleted, limits."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from contacts.models import Contact, Relationship
from evidence.models import ActivityImport, FlaggedExcerpt, NetworkEvidence
from evidence.services import activity_import_create, activity_import_run, activity_import_sweep
from tests.factories import ObjectiveFactory, UserFactory
from tests.helpers.evidence import fixture_bytes, upload, zip_of

pytestmark = pytest.mark.django_db


def _stored_path(job: ActivityImport) -> Path:
    return Path(job.file.path)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """activity_import_create, with its on-commit enqueue run (the task runs in process)."""

    def create(owner, name, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            job = activity_import_create(owner=owner, upload=upload(name, data), **kwargs)
        job.refresh_from_db()
        return job

    return create


def test_an_upload_is_read_and_only_figures_and_excerpts_are_kept(run, linkedin_zip):
    owner = UserFactory()
    Contact.objects.create(
        owner=owner, full_name="Acme buyer", company="Acme Corp", relationship=Relationship.CLIENT
    )
    ObjectiveFactory(owner=owner, title="Find a CTO position", needed_roles=["recruiter"])
    job = run(owner, "export.zip", linkedin_zip)
    job.refresh_from_db()  # the task ran in process on commit
    assert job.status == ActivityImport.Status.DONE and job.progress == 100
    assert job.network == "linkedin"
    assert job.counts == {
        "posts": 5,
        "comments": 4,
        "reactions": 3,
        "messages": 8,
        "invitations": 4,
        "skipped": 1,
    }
    assert not job.file
    evidence = NetworkEvidence.objects.get(owner=owner, network="linkedin")
    assert evidence.figures["pitch_share"] == 0.25
    assert evidence.figures["leak_count"] == 1
    assert evidence.figures["headline_matches_objective"] is True
    assert FlaggedExcerpt.objects.filter(owner=owner, flag="client_name").count() == 1


def test_the_raw_file_is_deleted_once_read_on_success_and_on_failure(
    linkedin_zip, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    owner = UserFactory()
    for name, data in (("export.zip", linkedin_zip), ("broken.zip", b"PK\x03\x04 broken")):
        job = ActivityImport.objects.create(
            owner=owner, file=upload(name, data), original_name=name, size=len(data)
        )
        path = _stored_path(job)
        assert path.exists()
        activity_import_run(import_id=job.pk)
        job.refresh_from_db()
        assert not path.exists(), name
        assert not job.file
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_a_bad_file_leaves_the_previous_evidence_untouched(run, linkedin_zip):
    owner = UserFactory()
    run(owner, "export.zip", linkedin_zip)
    before = NetworkEvidence.objects.get(owner=owner).figures
    excerpts = list(FlaggedExcerpt.objects.filter(owner=owner).values_list("pk", flat=True))
    bad = zip_of("linkedin", only={"Shares.csv"}).replace(b"PK\x01\x02", b"PK\x01\x03", 1)
    job = run(owner, "again.zip", bad, network="linkedin")
    job.refresh_from_db()
    assert job.status == ActivityImport.Status.FAILED
    assert job.error_code == "bad_zip"
    assert NetworkEvidence.objects.get(owner=owner).figures == before
    assert list(FlaggedExcerpt.objects.filter(owner=owner).values_list("pk", flat=True)) == excerpts


def test_a_failure_while_writing_rolls_everything_back(run, linkedin_zip, monkeypatch):
    owner = UserFactory()
    run(owner, "export.zip", linkedin_zip)
    before = NetworkEvidence.objects.get(owner=owner).figures
    count = FlaggedExcerpt.objects.filter(owner=owner).count()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(FlaggedExcerpt.objects, "bulk_create", broken)
    job = run(owner, "again.zip", linkedin_zip)
    job.refresh_from_db()
    assert (job.status, job.error_code) == (ActivityImport.Status.FAILED, "internal")
    assert NetworkEvidence.objects.get(owner=owner).figures == before
    assert FlaggedExcerpt.objects.filter(owner=owner).count() == count  # the delete rolled back


def test_a_second_import_of_a_network_replaces_its_evidence(run, linkedin_zip):
    owner = UserFactory()
    run(owner, "export.zip", linkedin_zip)
    run(owner, "Shares.csv", fixture_bytes("linkedin/Shares.csv"))
    evidence = NetworkEvidence.objects.get(owner=owner, network="linkedin")
    assert "messages_12m" not in evidence.figures  # only Shares.csv this time
    assert not FlaggedExcerpt.objects.filter(owner=owner, kind="comment").exists()


def test_networks_are_kept_apart(run, linkedin_zip, x_zip):
    owner = UserFactory()
    run(owner, "export.zip", linkedin_zip)
    run(owner, "twitter.zip", x_zip)
    assert set(NetworkEvidence.objects.filter(owner=owner).values_list("network", flat=True)) == {
        "linkedin",
        "x",
    }


def test_the_quota_of_files_waiting(run, settings, linkedin_zip):
    settings.EVIDENCE_IMPORT_PENDING_LIMIT = 1
    owner = UserFactory()
    ActivityImport.objects.create(owner=owner, original_name="waiting.zip")
    with pytest.raises(ValidationError):
        run(owner, "export.zip", linkedin_zip)


def test_the_sweep_picks_up_a_lost_enqueue(linkedin_zip):
    owner = UserFactory()
    job = ActivityImport.objects.create(
        owner=owner, file=upload("e.zip", linkedin_zip), original_name="e.zip", size=1
    )
    ActivityImport.objects.filter(pk=job.pk).update(created_at=job.created_at.replace(year=2020))
    assert activity_import_sweep() == 1
    job.refresh_from_db()
    assert job.status == ActivityImport.Status.DONE


def test_a_finished_job_is_not_run_again(run, linkedin_zip):
    owner = UserFactory()
    job = run(owner, "export.zip", linkedin_zip)
    assert activity_import_run(import_id=job.pk) is None


# --- The command ------------------------------------------------------------------------------


def test_the_command_prints_its_json_summary(tmp_path, capsys):
    owner = UserFactory(email="cam@example.com")
    path = tmp_path / "export.zip"
    path.write_bytes(zip_of("linkedin"))
    call_command("import_activity", "--owner", "CAM@example.com", str(path))
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "network": "linkedin",
        "posts": 5,
        "comments": 4,
        "reactions": 3,
        "messages": 8,
        "invitations": 4,
        "skipped": 1,
        "errors": [
            {
                "file": "Basic_LinkedInDataExport/messages.csv",
                "code": "no_date",
                "line": 12,
                "message": "no date that could be read",
            }
        ],
    }
    assert path.exists()  # the operator's own file is left alone
    assert NetworkEvidence.objects.filter(owner=owner, network="linkedin").exists()


def test_the_command_detects_x_and_takes_a_forced_network(tmp_path, capsys):
    UserFactory(email="cam@example.com")
    path = tmp_path / "tweets.js"
    path.write_bytes(fixture_bytes("x/tweets.js"))
    call_command("import_activity", "--owner", "cam@example.com", str(path), "--network", "x")
    assert json.loads(capsys.readouterr().out)["network"] == "x"


def test_a_bad_file_exits_non_zero_with_the_pages_message(tmp_path, capsys):
    UserFactory(email="cam@example.com")
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(CommandError) as error:
        call_command("import_activity", "--owner", "cam@example.com", str(path))
    message = "export.zip is not a readable ZIP archive (damaged or incomplete)."
    assert str(error.value) == message
    assert error.value.returncode == 1  # manage.py exits with it
    summary = json.loads(capsys.readouterr().out)
    assert summary["errors"] == [{"code": "bad_zip", "message": message}]


def test_the_command_refuses_an_unknown_owner(tmp_path):
    path = tmp_path / "x.js"
    path.write_bytes(b"x")
    with pytest.raises(CommandError, match="No account"):
        call_command("import_activity", "--owner", "nobody@example.com", str(path))
