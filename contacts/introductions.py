"""Who could introduce the professional to a profile their objective lacks: the ranking.

Pure: no ORM. For one zone of relational absence (contacts.alignment.Zone: a role or a sector
that is absent or thin), every candidate contact gets the reasons that make them a plausible
introducer and the points of each (contacts/introductions.toml): a champion with two-way
exchanges (contacts.selectors.CHAMPION), someone already of that profile, someone working in a
sector the objective needs, someone whose role is close to the one sought, someone found on
several networks. The best `max_per_zone` are proposed, each with its reasons in words
(contacts/introduction_texts.py).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

RULES_FILE = Path(__file__).with_name("introductions.toml")


@dataclass(frozen=True)
class Rules:
    max_per_zone: int
    weights: dict[str, int]
    close_roles: dict[str, tuple[str, ...]]


@functools.cache
def rules(path: Path = RULES_FILE) -> Rules:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Rules(
        max_per_zone=int(data["max_per_zone"]),
        weights={key: int(value) for key, value in data["weights"].items()},
        close_roles={role: tuple(roles) for role, roles in data["close_roles"].items()},
    )


@dataclass(frozen=True)
class Candidate:
    id: int
    full_name: str
    role_category: str
    sector: str
    networks: tuple[str, ...]
    two_way: int = 0
    exchanges: int = 0


@dataclass(frozen=True)
class Reason:
    code: str  # champion, same_profile, target_sector, knows_the_profile, several_networks
    points: int
    detail: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    reasons: tuple[Reason, ...]

    @property
    def score(self) -> int:
        return sum(r.points for r in self.reasons)


def reasons_for(
    candidate: Candidate, *, zone_kind: str, zone_code: str, target_sectors: Sequence[str],
    book: Rules,
) -> list[Reason]:  # fmt: skip
    w = book.weights
    found: list[Reason] = []
    if candidate.two_way > 0:
        counted = min(candidate.two_way, w["two_way_cap"])
        found.append(
            Reason(
                "champion", w["champion"] + w["per_two_way"] * counted, {"count": candidate.two_way}
            )
        )
    if zone_kind == "role":
        if candidate.role_category == zone_code:
            found.append(Reason("same_profile", w["same_profile"], {"role": zone_code}))
        elif candidate.role_category in book.close_roles.get(zone_code, ()):
            found.append(
                Reason(
                    "knows_the_profile",
                    w["knows_the_profile"],
                    {"role": candidate.role_category, "zone": zone_code},
                )
            )
        if candidate.sector in target_sectors and candidate.sector != "other":
            found.append(Reason("target_sector", w["target_sector"], {"sector": candidate.sector}))
    elif zone_kind == "sector" and candidate.sector == zone_code:
        found.append(Reason("same_profile", w["same_profile"], {"sector": zone_code}))
    if len(candidate.networks) >= 2:
        extra = len(candidate.networks) - 2
        found.append(
            Reason(
                "several_networks",
                w["several_networks"] + w["per_extra_network"] * extra,
                {"networks": list(candidate.networks)},
            )
        )
    return found


def rank(
    candidates: Iterable[Candidate],
    *,
    zone_kind: str,
    zone_code: str,
    target_sectors: Sequence[str] = (),
    limit: int | None = None,
    book: Rules | None = None,
) -> list[Suggestion]:
    """The best introducers for one zone, best first, each with at least one reason."""
    book = book or rules()
    suggestions = []
    for candidate in candidates:
        reasons = reasons_for(
            candidate,
            zone_kind=zone_kind,
            zone_code=zone_code,
            target_sectors=target_sectors,
            book=book,
        )
        if reasons:
            suggestions.append(Suggestion(candidate, tuple(reasons)))
    suggestions.sort(
        key=lambda s: (
            -s.score,
            -s.candidate.two_way,
            -s.candidate.exchanges,
            s.candidate.full_name.casefold(),
            s.candidate.id,
        )
    )
    return suggestions[: book.max_per_zone if limit is None else limit]
