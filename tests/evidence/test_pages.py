"""The "What your own data shows" page: owner-only, deletions, progress, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.models import ActivityImport, FlaggedExcerpt, NetworkEvidence
from evidence.selectors import evidence_for_consultant
from tests.factories import UserFactory
from tests.helpers.evidence import upload, zip_of

pytestmark = pytest.mark.django_db
HOME = reverse("evidence:home")


@pytest.fixture
def imported(client, owner, linkedin_zip, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(HOME, {"file": upload("export.zip", linkedin_zip)})
    assert response.status_code == 302
    return ActivityImport.objects.get(owner=owner)


def _other_owners_evidence():
    other = UserFactory()
    NetworkEvidence.objects.create(owner=other, network="linkedin", figures={"posts_12m": 3})
    excerpt = FlaggedExcerpt.objects.create(
        owner=other, network="linkedin", kind="post", flag="pitch", excerpt="Buy our stuff"
    )
    job = ActivityImport.objects.create(owner=other, original_name="theirs.zip")
    return other, excerpt, job


def test_it_needs_a_login(client):
    assert client.get(HOME).status_code == 302


def test_the_page_shows_figures_in_words_and_excerpts(client, imported):
    page = client.get(HOME).content.decode()
    assert "4 posts in 12 months." in page
    assert "25% of your 4 posts read as a sales pitch." in page
    assert "Half of your 2 answers came within 14.0 hours." in page
    assert "Check out our new audit service" in page
    assert "5 posts, 4 comments, 8 messages read." in page


def test_the_page_in_french(client, owner, imported):
    type(owner).objects.filter(pk=owner.pk).update(language="fr")
    page = client.get(HOME).content.decode()
    assert "Ce que montrent vos propres données" in page


def test_a_bad_upload_shows_which_file_and_what_is_wrong(
    client, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(HOME, {"file": upload("export.zip", b"PK\x03\x04 broken")})
    page = client.get(HOME).content.decode()
    assert "Nothing was kept." in page
    assert "export.zip is not a readable ZIP archive (damaged or incomplete)." in page


def test_an_empty_upload_is_refused_by_the_form(client, owner):
    response = client.post(HOME, {"file": upload("empty.zip", b"")})
    assert response.status_code == 400
    assert not ActivityImport.objects.filter(owner=owner).exists()


def test_another_accounts_ids_are_404(client, owner):
    _, excerpt, job = _other_owners_evidence()
    assert client.get(reverse("evidence:import_status", args=[job.pk])).status_code == 404
    assert client.post(reverse("evidence:import_delete", args=[job.pk])).status_code == 404
    assert client.post(reverse("evidence:excerpt_delete", args=[excerpt.pk])).status_code == 404
    assert client.post(reverse("evidence:excerpt_delete", args=[10**9])).status_code == 404
    assert client.post(reverse("evidence:network_delete", args=["linkedin"])).status_code == 404
    assert client.post(reverse("evidence:network_delete", args=["myspace"])).status_code == 404
    client.post(reverse("evidence:excerpts_delete"))
    assert FlaggedExcerpt.objects.filter(pk=excerpt.pk).exists()
    assert NetworkEvidence.objects.filter(owner=excerpt.owner).exists()
    assert "Buy our stuff" not in client.get(HOME).content.decode()


def test_the_progress_endpoint_is_the_owners_only(client, owner):
    job = ActivityImport.objects.create(
        owner=owner, original_name="e.zip", status="running", progress=40
    )
    response = client.get(reverse("evidence:import_status", args=[job.pk]))
    assert response.json() == {
        "status": "running",
        "label": "reading",
        "progress": 40,
        "finished": False,
        "message": "",
    }
    assert "no-cache" in response["Cache-Control"]
    client.logout()
    assert client.get(reverse("evidence:import_status", args=[job.pk])).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("evidence:import_status", args=[job.pk])).status_code == 404


def test_delete_one_excerpt(client, owner, imported):
    excerpt = FlaggedExcerpt.objects.filter(owner=owner).first()
    total = FlaggedExcerpt.objects.filter(owner=owner).count()
    assert client.get(reverse("evidence:excerpt_delete", args=[excerpt.pk])).status_code == 405
    client.post(reverse("evidence:excerpt_delete", args=[excerpt.pk]))
    assert not FlaggedExcerpt.objects.filter(pk=excerpt.pk).exists()
    assert FlaggedExcerpt.objects.filter(owner=owner).count() == total - 1
    assert client.post(reverse("evidence:excerpt_delete", args=[excerpt.pk])).status_code == 404


def test_delete_all_excerpts_and_a_whole_network(client, owner, imported):
    other, excerpt, _ = _other_owners_evidence()
    client.post(reverse("evidence:excerpts_delete"))
    assert not FlaggedExcerpt.objects.filter(owner=owner).exists()
    assert NetworkEvidence.objects.filter(owner=owner).exists()  # figures stay
    client.post(reverse("evidence:network_delete", args=["linkedin"]))
    assert not NetworkEvidence.objects.filter(owner=owner).exists()
    assert FlaggedExcerpt.objects.filter(pk=excerpt.pk).exists()
    assert NetworkEvidence.objects.filter(owner=other).exists()


def test_delete_a_networks_excerpts_only(client, owner, imported):
    FlaggedExcerpt.objects.create(owner=owner, network="x", kind="post", flag="pitch", excerpt="x")
    client.post(reverse("evidence:excerpts_delete"), {"network": "linkedin"})
    assert list(FlaggedExcerpt.objects.filter(owner=owner).values_list("network", flat=True)) == [
        "x"
    ]
    assert client.post(reverse("evidence:excerpts_delete"), {"network": "bad"}).status_code == 404


def test_query_count_does_not_grow_with_the_data(client, owner):
    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(HOME).status_code == 200
        return len(context)

    NetworkEvidence.objects.create(owner=owner, network="linkedin", figures={"posts_12m": 1})
    ActivityImport.objects.create(owner=owner, original_name="a.zip", status="done")
    FlaggedExcerpt.objects.create(
        owner=owner, network="linkedin", kind="post", flag="pitch", excerpt="a"
    )
    small = count()
    for network in ("x", "facebook"):
        NetworkEvidence.objects.create(owner=owner, network=network, figures={"posts_12m": 1})
    ActivityImport.objects.bulk_create(
        ActivityImport(owner=owner, original_name=f"{i}.zip", status=s)
        for i, s in enumerate(["done", "failed", "running", "pending"] * 3)
    )
    FlaggedExcerpt.objects.bulk_create(
        FlaggedExcerpt(owner=owner, network=n, kind="post", flag=f, excerpt="b")
        for n in ("linkedin", "x", "facebook")
        for f in ("pitch", "heated", "client_name")
        for _ in range(5)
    )
    assert count() == small


def test_the_consultant_view_shows_excerpts_only_when_shared(owner, imported):
    without = evidence_for_consultant(owner, include_excerpts=False)
    assert without[0]["figures"]["posts_12m"] == 4
    assert without[0]["flags"] == []
    with_excerpts = evidence_for_consultant(owner, include_excerpts=True)
    assert {group["flag"] for group in with_excerpts[0]["flags"]} >= {"pitch", "heated"}


def test_the_data_export_lists_what_is_kept(owner, imported):
    from accounts.personal_data import user_data

    exported = user_data(owner)
    assert exported["network_evidence"][0]["figures"]["posts_12m"] == 4
    assert any("book a dem" in e["excerpt"] for e in exported["flagged_excerpts"])
    assert exported["activity_imports"][0]["original_name"] == "export.zip"


def test_the_navbar_links_the_page(client, owner):
    assert f'href="{HOME}"' in client.get(reverse("dashboard")).content.decode()


def test_an_x_archive_zip_through_the_page(
    client, owner, x_zip, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(HOME, {"file": upload("twitter.zip", x_zip)})
    page = client.get(HOME).content.decode()
    assert 'data-testid="network-x"' in page
    assert "3 posts in 12 months." in page


def test_a_facebook_zip_through_the_page(client, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(HOME, {"file": upload("facebook.zip", zip_of("facebook", prefix=""))})
    assert NetworkEvidence.objects.get(owner=owner).network == "facebook"
