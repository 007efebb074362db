"""End to end: a real LinkedIn export read by the importer reaches the score (the signal the
import sends recompiles the latest audit) with the figures the importer computed, and
deleting the network takes them out again."""

import pytest

from audits.scores.models import ScoreSnapshot
from audits.scores.services import audit_compile_scores
from evidence.models import NetworkEvidence
from evidence.services import activity_import_from_bytes, network_evidence_delete
from tests.factories import AuditFactory
from tests.helpers.evidence import zip_of
from tests.helpers.feedback import answer_requests

pytestmark = pytest.mark.django_db


def latest_evidence(audit) -> dict:
    snapshot = ScoreSnapshot.objects.filter(audit=audit).order_by("-computed_at", "-id").first()
    return (snapshot.figures.get("evidence") or {}).get("networks", {})


def test_an_import_recompiles_the_score_with_its_figures_and_a_deletion_removes_them(
    django_capture_on_commit_callbacks,
):
    audit = AuditFactory()
    answer_requests(audit, 3)
    audit_compile_scores(audit_id=audit.pk)  # compiled: the next change raises the flag again
    assert "linkedin" not in latest_evidence(audit)
    with django_capture_on_commit_callbacks(execute=True):
        job = activity_import_from_bytes(
            owner=audit.owner, name="Basic_LinkedInDataExport.zip", data=zip_of("linkedin")
        )
    assert job.status == "done", job.error_code
    stored = NetworkEvidence.objects.get(owner=audit.owner, network="linkedin").figures
    assert stored["posts_12m"] > 0
    seen = latest_evidence(audit)["linkedin"]
    assert {key: seen[key] for key in ("posts_12m", "active_weeks_12m")} == {
        key: stored[key] for key in ("posts_12m", "active_weeks_12m")
    }

    with django_capture_on_commit_callbacks(execute=True):
        network_evidence_delete(owner=audit.owner, network="linkedin")
    assert "linkedin" not in latest_evidence(audit)
