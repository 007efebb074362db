"""`make bench`: measure the hot paths and write bench/results.json (figure name → value).

Runs against a throwaway test database on whatever DATABASE_URL points at (SQLite by default),
so it never touches real data. Figures are medians over repeated runs, units in the names.
"""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.standalone import (  # noqa: E402
    bench_settings,
    previous_results,
    throwaway_database,
    write_results,
)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def median_ms(call, rounds: int = ROUNDS) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 3)


def main() -> int:
    bench_settings()
    with throwaway_database():
        results = run()
    write_results(kept_fault_figures() | results)
    print(f"database: {connection.vendor}")
    print(json.dumps(results, indent=2, sort_keys=True))
    return 0


def kept_fault_figures() -> dict[str, float]:
    """The fault_* figures `make faults` wrote, kept so that one file holds both runs."""
    return {name: value for name, value in previous_results().items() if name.startswith("fault_")}


def run() -> dict[str, float]:
    from audits.management.demo import DEMO_LOGINS, seed_demo
    from audits.models import Audit
    from audits.questionnaires.services import questionnaire_ensure_default
    from audits.selfaudit.selectors import questionnaire_specs
    from audits.selfaudit.services import audit_compute_self_scores

    questionnaire_ensure_default()
    seed_demo()
    audit = Audit.objects.get(owner__email=DEMO_LOGINS[0].email)
    client = Client()
    client.login(email=DEMO_LOGINS[0].email, password=DEMO_LOGINS[0].password)

    def get(url: str):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return call

    specs = questionnaire_specs(audit.questionnaire_id)
    from audits.selfaudit.scoring import score_self_assessment

    answers = {
        a.question.code: a.raw_value(a.question.kind)
        for a in audit.answers.select_related("question", "choice")
    }
    answers = {k: v for k, v in answers.items() if v is not None}

    results = {
        "healthz_median_ms": median_ms(get("/healthz")),
        "home_page_logged_in_redirect_median_ms": median_ms(lambda: client.get("/")),
        "dashboard_median_ms": median_ms(get("/dashboard/")),
        "audit_section_page_median_ms": median_ms(get(f"/audits/{audit.pk}/section/2/")),
        "audit_results_page_median_ms": median_ms(get(f"/audits/{audit.pk}/results/")),
        "self_score_pure_58_questions_median_ms": median_ms(
            lambda: score_self_assessment(*specs, answers), rounds=200
        ),
        "self_score_with_database_median_ms": median_ms(
            lambda: audit_compute_self_scores(audit=audit)
        ),
        "report_pdf_median_ms": median_ms(get(f"/audits/{audit.pk}/report.pdf"), rounds=5),
    }
    results.update(contacts_30k())
    from bench import mixed_load  # before feedback_load adds its audits to the demo login

    results.update(mixed_load.measure(audit=audit))
    from bench.feedback_load import measure

    results.update(measure(audit=audit))
    from bench import scores_load

    results.update(scores_load.measure())
    from bench import draft_check

    settings.DRAFT_CHECK_RATE_LIMIT = 10_000  # 200 checks in a row from one address
    results.update(draft_check.measure())
    from bench import evidence_load  # own data: a 10-year LinkedIn export (issue 18)

    results.update(evidence_load.measure())
    return results


def contacts_30k() -> dict[str, float]:
    """A 30,000-row Connections.csv (LinkedIn's maximum) through the upload code path."""
    import tracemalloc

    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.services import user_ensure_verified
    from bench import map_draw
    from contacts.importers.linkedin import parse_connections
    from contacts.importers.samples import linkedin_connections_csv
    from contacts.models import Contact, ContactImport
    from contacts.services.imports import contact_import_create, contact_import_run
    from tests.factories import ObjectiveFactory

    data = linkedin_connections_csv(30_000, seed=30)
    parse_seconds = median_ms(lambda: list(parse_connections(data)), rounds=3) / 1000

    def run_import(email: str) -> ContactImport:
        user, _ = user_ensure_verified(email=email, password="bench-pass-2026", full_name="B")  # noqa: S106
        job = contact_import_create(
            owner=user, upload=SimpleUploadedFile("Connections.csv", data), fmt="linkedin_csv"
        )
        contact_import_run(import_id=job.pk)
        job.refresh_from_db()
        assert job.status == ContactImport.Status.DONE, job.error_code
        return job

    start = time.perf_counter()
    job = run_import("bench-import@example.com")
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run_import("bench-memory@example.com")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    owner = job.owner
    ObjectiveFactory(owner=owner, kind="financing", needed_roles=["investor", "mentor"])
    client = Client()
    client.force_login(owner)

    def get(url: str):
        def call():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return call

    return {
        "linkedin_parse_30k_seconds": round(parse_seconds, 2),
        "import_30k_seconds": round(seconds, 2),
        "import_30k_peak_mb": round(peak / 1024 / 1024, 1),
        "import_30k_contacts_created": job.created,
        "contacts_30k_in_database": Contact.objects.filter(owner=owner).count(),
        "contacts_list_30k_ms": median_ms(get("/contacts/"), rounds=15),
        "contacts_list_search_30k_ms": median_ms(get("/contacts/?q=dupont"), rounds=15),
        "network_map_30k_ms": median_ms(get("/contacts/map/data.json?group=category"), rounds=15),
        "network_map_company_30k_ms": median_ms(
            get("/contacts/map/data.json?group=company"), rounds=15
        ),
        "absence_zones_30k_ms": median_ms(get("/contacts/network/"), rounds=15),
        **map_draw.measure(owner),  # map_first_draw_ms: Chromium, budget 1 s at 30k
    }


if __name__ == "__main__":
    sys.exit(main())
