"""The sector benchmark: hidden below 10 participants, exact percentiles above, opt-out
removes you, and nobody is named anywhere."""

import pytest

from audits.cycles.benchmark import benchmark_compute, benchmark_join, percentile_ranks
from audits.cycles.models import BenchmarkParticipation, SectorBenchmark
from tests.factories import AuditFactory, UserFactory
from tests.helpers.cycles import snapshot

pytestmark = pytest.mark.django_db

# Twelve professionals of one sector: (overall, strategy pillar score).
TWELVE = [(30, 70), (35, 65), (40, 60), (45, 55), (50, 50), (50, 45),
          (60, 40), (65, 35), (70, 30), (75, 25), (80, 20), (85, 15)]  # fmt: skip


def professional(sector: str, overall: float | None, strategy: float | None = None, **user):
    audit = AuditFactory(objective__owner=UserFactory(language="en", **user))
    if overall is not None:
        snapshot(audit, overall=overall, pillars={"strategy": {"score": strategy, "self": 1.0}})
    BenchmarkParticipation.objects.create(owner=audit.owner, sector=sector)
    return audit.owner


def test_percentile_ranks_are_the_share_of_others_strictly_below():
    ranks = percentile_ranks(dict(enumerate(o for o, _s in TWELVE)), minimum=10)
    assert [ranks[i] for i in range(12)] == [
        0.0, 9.1, 18.2, 27.3, 36.4, 36.4, 54.5, 63.6, 72.7, 81.8, 90.9, 100.0
    ]  # fmt: skip
    assert percentile_ranks({i: i for i in range(9)}, minimum=10) == {}


def test_twelve_professionals_get_exact_percentiles_and_see_only_their_own(client):
    owners = [
        professional("technology", o, s, full_name=f"Techie Number{i}")
        for i, (o, s) in enumerate(TWELVE)
    ]
    old_score = owners[0].audits.first()
    snapshot(old_score, overall=99.0, inputs_hash="older")  # an older compile does not count
    from audits.models import ScoreSnapshot

    ScoreSnapshot.objects.filter(inputs_hash="older").update(computed_at="2020-01-01T00:00Z")
    professional("technology", None, full_name="Without Score")  # not counted

    assert benchmark_compute() == {"technology": 12}

    rows = {p.owner_id: p for p in BenchmarkParticipation.objects.all()}
    assert rows[owners[6].pk].overall_percentile == 54.5
    assert rows[owners[6].pk].pillar_percentiles == {"strategy": 45.5}
    assert rows[owners[0].pk].overall_percentile == 0.0
    assert rows[owners[0].pk].pillar_percentiles == {"strategy": 100.0}
    assert rows[owners[11].pk].overall_percentile == 100.0
    assert SectorBenchmark.objects.get(sector="technology").participants == 12

    client.force_login(owners[6])
    page = client.get("/audits/benchmark/").content.decode()
    assert 'data-testid="overall-percentile"' in page
    assert "higher than that of 54.5% of the other participants" in page
    assert "Strategy: higher than 45.5% of the others" in page
    for i in range(12):
        if i != 6:
            assert f"Number{i}" not in page and owners[i].email not in page
    # The aggregate names nobody: a sector and a count.
    assert {f.name for f in SectorBenchmark._meta.concrete_fields} == {
        "id", "sector", "participants", "computed_at"
    }  # fmt: skip


def test_below_ten_the_page_says_how_many_more_are_needed(client):
    owners = [professional("finance", 40 + i) for i in range(9)]
    benchmark_compute()
    assert BenchmarkParticipation.objects.filter(overall_percentile__isnull=False).count() == 0
    client.force_login(owners[0])
    page = client.get("/audits/benchmark/").content.decode()
    assert 'data-testid="overall-percentile"' not in page
    assert "your sector counts 9 with a compiled score, one more is needed" in page

    owners.append(professional("finance", 90))
    benchmark_compute()
    page = client.get("/audits/benchmark/").content.decode()
    assert 'data-testid="overall-percentile"' in page  # ten: shown


def test_a_participant_without_a_score_is_told_so(client):
    for i in range(10):
        professional("health", 40 + i)
    newcomer = professional("health", None)
    benchmark_compute()
    client.force_login(newcomer)
    page = client.get("/audits/benchmark/").content.decode()
    assert 'data-testid="benchmark-no-score"' in page


def test_opting_out_removes_you_and_recomputes(client, django_capture_on_commit_callbacks):
    owners = [professional("legal", 40 + i) for i in range(10)]
    benchmark_compute()
    client.force_login(owners[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/audits/benchmark/leave/")
    assert response.status_code == 302
    assert not BenchmarkParticipation.objects.filter(owner=owners[0]).exists()
    assert SectorBenchmark.objects.get(sector="legal").participants == 9
    assert BenchmarkParticipation.objects.filter(overall_percentile__isnull=False).count() == 0
    page = client.get("/audits/benchmark/").content.decode()
    assert 'data-testid="benchmark"' not in page and "Take part" in page


def test_opting_in_through_the_page(client, django_capture_on_commit_callbacks):
    user = UserFactory(language="en")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/audits/benchmark/", {"sector": "technology"})
    participation = BenchmarkParticipation.objects.get(owner=user)
    assert participation.sector == "technology" and participation.computed_at is not None
    assert client.post("/audits/benchmark/", {"sector": "not-a-sector"}).status_code == 200
    participation.refresh_from_db()
    assert participation.sector == "technology"
    benchmark_join(owner=user, sector="finance")
    assert BenchmarkParticipation.objects.get(owner=user).sector == "finance"


def test_the_benchmark_job_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["compute-sector-benchmark"]
    assert entry["task"] == "audits.cycles.tasks.compute_sector_benchmark"
    from config.celery import app

    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
