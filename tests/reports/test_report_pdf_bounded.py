"""PDF rendering is bounded: each PDF is cached until what it shows changes, and at most
REPORT_PDF_CONCURRENCY render at once; beyond, a clear 503 with Retry-After."""

import threading
from unittest import mock

import pytest
from django.urls import reverse

from accounts.models import Activity, User
from audits.reports import report
from config.semaphore import Busy, cache_semaphore
from tests.factories import ConsultantFactory
from tests.helpers.reports import ADVICE, FINDINGS, engage, pdf_text, scored_audit, write_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders():
    with mock.patch.object(report, "render_report_pdf", wraps=report.render_report_pdf) as spy:
        yield spy


def download(client, audit):
    return client.get(reverse("audits:report_pdf", args=[audit.pk]))


def test_a_second_download_of_the_same_report_is_not_rendered_again(client, renders):
    audit = scored_audit()
    client.force_login(audit.owner)

    first, second = download(client, audit), download(client, audit)

    assert first.status_code == second.status_code == 200
    assert second.content == first.content and first.content.startswith(b"%PDF")
    assert renders.call_count == 1
    downloads = Activity.objects.filter(action=Activity.Action.REPORT_DOWNLOAD)
    assert downloads.count() == 2  # each download is still in the client's activity log


def test_the_consultant_gets_their_own_wording_rendered_once(client, renders):
    # The consultant's report says "the client" where the owner's says "me": its own PDF,
    # rendered once and then served from the cache like the owner's.
    audit = scored_audit()
    consultant = ConsultantFactory(language=audit.owner.language)
    engage(audit, consultant)
    client.force_login(audit.owner)
    download(client, audit)

    client.force_login(consultant)
    url = reverse("consulting:client_report_pdf", args=[audit.owner_id, audit.pk])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert renders.call_count == 2


def test_a_review_published_after_a_download_is_in_the_next_pdf(client, renders):
    audit = scored_audit()
    client.force_login(audit.owner)
    assert FINDINGS not in pdf_text(download(client, audit))

    write_review(engage(audit, ConsultantFactory()), audit, FINDINGS, ADVICE)

    assert FINDINGS in pdf_text(download(client, audit))
    assert renders.call_count == 2


def test_each_language_has_its_own_pdf(client, renders):
    audit = scored_audit()
    client.force_login(audit.owner)
    english = pdf_text(download(client, audit))

    User.objects.filter(pk=audit.owner_id).update(language="fr")
    french = pdf_text(download(client, audit))

    assert "Reputation audit report" in english
    assert "Reputation audit report" not in french
    assert renders.call_count == 2


def test_the_cache_key_holds_the_snapshot_the_language_and_the_template_version(client):
    audit = scored_audit()
    context = report.report_context(audit)

    key = report.report_pdf_cache_key(context, "<html>")

    snapshot = context["snapshot"]
    assert key.startswith(f"report-pdf:v{report.REPORT_TEMPLATE_VERSION}:{audit.pk}:")
    assert f":{snapshot.pk}:" in key
    with mock.patch.object(report, "REPORT_TEMPLATE_VERSION", report.REPORT_TEMPLATE_VERSION + 1):
        assert report.report_pdf_cache_key(context, "<html>") != key


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Please try again in 10 seconds"), ("fr", "Réessayez dans 10")]
)
def test_when_every_render_slot_is_taken_a_download_is_a_503_with_retry_after(
    client, settings, renders, language, text
):
    settings.REPORT_PDF_CONCURRENCY = 1
    settings.REPORT_PDF_WAIT_SECONDS = 0
    audit = scored_audit()
    User.objects.filter(pk=audit.owner_id).update(language=language)
    client.force_login(audit.owner)

    with cache_semaphore("report-pdf", 1, lease_seconds=30):  # another request is rendering
        response = download(client, audit)

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert text in response.content.decode()
    assert renders.call_count == 0
    assert not Activity.objects.filter(action=Activity.Action.REPORT_DOWNLOAD).exists()
    assert download(client, audit).status_code == 200  # the slot is free again


def test_a_cached_pdf_is_served_even_while_every_slot_is_taken(client, settings):
    settings.REPORT_PDF_CONCURRENCY = 1
    settings.REPORT_PDF_WAIT_SECONDS = 0
    audit = scored_audit()
    client.force_login(audit.owner)
    download(client, audit)

    with cache_semaphore("report-pdf", 1, lease_seconds=30):
        assert download(client, audit).status_code == 200


def test_the_semaphore_lets_at_most_limit_holders_in_at_once():
    holding, release = threading.Barrier(3), threading.Event()
    outcomes = []

    def worker():
        try:
            with cache_semaphore("test-cap", 2, lease_seconds=30):
                outcomes.append("in")
                holding.wait(timeout=10)
                release.wait(timeout=10)
        except Busy:
            outcomes.append("busy")

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    holding.wait(timeout=10)  # both holders are inside
    late = [threading.Thread(target=worker) for _ in range(4)]
    for thread in late:
        thread.start()
        thread.join(timeout=10)
    release.set()
    for thread in threads:
        thread.join(timeout=10)

    assert sorted(outcomes) == ["busy"] * 4 + ["in"] * 2
    with cache_semaphore("test-cap", 2, lease_seconds=30):
        pass  # released: free again


def test_a_holder_that_died_frees_its_slot_when_the_lease_runs_out():
    import time

    from django.core.cache import cache

    cache.add("semaphore:test-lease:0", "dead process", timeout=1)
    with pytest.raises(Busy), cache_semaphore("test-lease", 1, lease_seconds=30):
        pass
    time.sleep(1.2)
    with cache_semaphore("test-lease", 1, lease_seconds=30) as slot:
        assert slot == 0
