"""The sector benchmark's periodic job (CELERY_BEAT_SCHEDULE "compute-sector-benchmark")."""

from celery import shared_task

from audits.cycles.benchmark import benchmark_compute


@shared_task(name="audits.cycles.tasks.compute_sector_benchmark", ignore_result=True)
def compute_sector_benchmark() -> int:
    """Idempotent: the same scores give the same ranks; returns how many sectors it counted."""
    return len(benchmark_compute())
