"""`draft_check_ms`: the median time of the draft check's JSON endpoint (the one called as the
professional types) over 200 drafts of the labelled samples, logged in, with 300 contacts of
which 50 clients. Run by `make bench`; `python -m bench.draft_check` runs it alone."""

import statistics
import time
import tomllib
from pathlib import Path

DRAFTS = 200
SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "evidence" / "data"


def drafts() -> list[str]:
    texts = []
    for language in ("fr", "en"):
        data = tomllib.loads((SAMPLES / f"labelled_{language}.toml").read_text("utf-8"))
        texts.extend(item["t"] for item in data["texts"])
    return texts[::2][:DRAFTS] if len(texts) >= 2 * DRAFTS else texts[:DRAFTS]


def measure() -> dict[str, float]:
    from django.test import Client

    from accounts.services import user_ensure_verified
    from contacts.models import Contact

    user, _ = user_ensure_verified(
        email="bench-drafts@example.com",
        password="bench-pass-2026",  # noqa: S106
        full_name="Bench Drafts",
    )
    Contact.objects.bulk_create(
        Contact(
            owner=user,
            full_name=f"Contact {n}",
            company=f"Company {n}",
            relationship="client" if n % 6 == 0 else "",
            networks="linkedin",
        )
        for n in range(300)
    )
    client = Client()
    client.force_login(user)
    timings = []
    kinds = ("post", "comment", "message", "invitation")
    for index, text in enumerate(drafts()):
        data = {"text": text, "kind": kinds[index % 4], "new_contact": "on"}
        start = time.perf_counter()
        response = client.post("/own-data/check/flags.json", data)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return {"draft_check_ms": round(statistics.median(timings), 3)}


if __name__ == "__main__":
    from bench.standalone import run_alone

    run_alone(measure, DRAFT_CHECK_RATE_LIMIT=10_000)  # 200 checks in a row from one address
