"""Network against objective: which needed profiles the network holds, and where it is absent.

Pure computation on counts (no ORM). "Absent" means nobody of that profile; "thin" means too
few to count on (fewer than THIN_BELOW), which calls for proactive networking as well.
"""

from dataclasses import dataclass

THIN_BELOW = 5


@dataclass(frozen=True)
class Zone:
    kind: str  # "role" or "sector"
    code: str
    count: int
    level: str  # "absent", "thin" or "covered"

    @property
    def is_gap(self) -> bool:
        return self.level != "covered"


@dataclass(frozen=True)
class Alignment:
    zones: list[Zone]
    coverage: float | None  # share of the needed profiles that are covered, 0..100
    total_contacts: int

    @property
    def gaps(self) -> list[Zone]:
        return [z for z in self.zones if z.is_gap]


def level_for(count: int) -> str:
    if count == 0:
        return "absent"
    if count < THIN_BELOW:
        return "thin"
    return "covered"


def align(
    *,
    needed_roles: list[str],
    needed_sectors: list[str],
    role_counts: dict[str, int],
    sector_counts: dict[str, int],
    total_contacts: int,
) -> Alignment:
    zones = [Zone("role", code, role_counts.get(code, 0), "") for code in needed_roles]
    zones += [Zone("sector", code, sector_counts.get(code, 0), "") for code in needed_sectors]
    zones = [Zone(z.kind, z.code, z.count, level_for(z.count)) for z in zones]
    # Gaps first (absent before thin), then the best covered.
    order = {"absent": 0, "thin": 1, "covered": 2}
    zones.sort(key=lambda z: (order[z.level], z.count if z.level != "covered" else -z.count))
    coverage = (
        round(100 * sum(z.level == "covered" for z in zones) / len(zones), 1) if zones else None
    )
    return Alignment(zones=zones, coverage=coverage, total_contacts=total_contacts)
