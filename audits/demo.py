"""Demo data for `make run` and `seed_demo`: known logins, then (as features land) their data."""

from dataclasses import dataclass

from accounts.services import user_ensure_verified


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    full_name: str
    is_consultant: bool = False


DEMO_LOGINS = (
    DemoLogin("professional", "demo@epratiques.example", "demo-epratiques-2026", "Camille Martin"),
    DemoLogin(
        "consultant",
        "consultant@epratiques.example",
        "demo-epratiques-2026",
        "Dominique Leroy",
        is_consultant=True,
    ),
)


def seed_demo() -> list[tuple[DemoLogin, bool]]:
    """Idempotent: returns each demo login with whether its account was just created."""
    results = []
    for login in DEMO_LOGINS:
        _user, created = user_ensure_verified(
            email=login.email,
            password=login.password,
            full_name=login.full_name,
            is_consultant=login.is_consultant,
        )
        results.append((login, created))
    return results
