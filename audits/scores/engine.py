"""Reputation score: peers, approval, self-assessment and network in one figure, with confidence.

Pure: no Django, no ORM. The inputs are the figures already stored on an audit (self scores,
peer summary) plus the network and objective figures; nothing here reads the database.
Formula and a worked example (checked by a test): docs/scoring.md, "Reputation score".
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from audits.selfaudit.scoring import round_half_away_from_zero

ALGORITHM = "reputation/1"

# What others say weighs most; the self-assessment least, since it is the figure the
# professional controls. Renormalised over the components that exist.
WEIGHTS = {
    "peers": Fraction(45, 100),
    "approval": Fraction(25, 100),
    "self": Fraction(10, 100),
    "network": Fraction(20, 100),
}
HIGH_CONFIDENCE = (10, 50)  # (at least this many responses, response rate % at least)
MEDIUM_CONFIDENCE = (5, 30)
NOTABLE_GAP = Fraction(1)  # on the 1..5 scale (DESIGN §5)


@dataclass(frozen=True)
class NetworkFigures:
    total_contacts: int
    coverage: float | None  # % of needed profiles covered (contacts.alignment)
    absent_roles: tuple[str, ...]  # needed role codes with nobody
    thin_roles: tuple[str, ...]  # needed role codes with 1..4 contacts
    absent_sectors: tuple[str, ...]
    champions: int  # contacts with at least one two-way conversation
    contacts_with_exchanges: int  # contacts with any message
    two_way_ratio: float | None  # % of conversations that are two-way; None without messages
    invitations_sent: int
    unsolicited_invitation_share: float | None  # % of sent invitations without a message


@dataclass(frozen=True)
class ObjectiveFigures:
    measurable: bool  # has a target quantity and a future deadline
    days_left: int | None


@dataclass(frozen=True)
class Inputs:
    self_scores: dict | None  # asdict(SelfScores), or None while the self-audit is not submitted
    answers: dict[str, object]  # raw self-audit answers by question code
    peer: dict | None  # asdict(FeedbackFigures), or None when no request was sent
    network: NetworkFigures
    objective: ObjectiveFigures


@dataclass(frozen=True)
class Gap:
    pillar: str
    self_on_five: float
    peers: float  # peers' mean perception, 1..5
    gap: float  # self_on_five - peers, 2 decimals


@dataclass(frozen=True)
class Reputation:
    overall: float | None  # 0..100, 1 decimal
    confidence: str  # "none" | "low" | "medium" | "high"
    components: dict[str, float | None]  # "peers", "approval", "self", "network": 0..100
    # pillar -> {"self": 0..100, "peers": 0..100, "self_on_five": 1..5, "peers_on_five": 1..5}
    pillars: dict[str, dict]
    blind_spots: tuple[Gap, ...]  # self above peers by >= 1 point, largest first
    hidden_strengths: tuple[Gap, ...]  # peers above self by >= 1 point, largest first
    urgent: bool  # negative + neutral appraisals outnumber positive ones


def compute_reputation(inputs: Inputs) -> Reputation:
    self_scores = inputs.self_scores or {}
    peer = inputs.peer or {}
    self_pillars: dict = self_scores.get("pillars") or {}
    peer_pillars: dict = (peer.get("overall") or {}).get("pillars") or {}

    pillars: dict[str, dict] = {}
    blind_spots: list[Gap] = []
    hidden_strengths: list[Gap] = []
    peer_values: list[Fraction] = []
    for code in [*self_pillars, *(c for c in peer_pillars if c not in self_pillars)]:
        own, mean = _exact(self_pillars.get(code)), _exact(peer_pillars.get(code))
        own_on_five = None if own is None else _round(1 + 4 * own / 100, 2)
        peers_value = None if mean is None else (mean - 1) / 4 * 100
        if peers_value is not None:
            peer_values.append(peers_value)
        pillars[code] = {
            "self": None if own is None else _round(own, 1),
            "peers": None if peers_value is None else _round(peers_value, 1),
            "self_on_five": own_on_five,
            "peers_on_five": None if mean is None else _round(mean, 2),
        }
        if own_on_five is None or mean is None:
            continue
        # The gap is taken between the figures as displayed (2 decimals), so a reader who
        # sees 4.0 against 3.0 always finds it flagged, and 4.0 against 3.01 never.
        gap = Fraction(str(own_on_five)) - mean
        entry = Gap(code, own_on_five, _round(mean, 2), _round(gap, 2))
        if gap >= NOTABLE_GAP:
            blind_spots.append(entry)
        elif -gap >= NOTABLE_GAP:
            hidden_strengths.append(entry)

    exact = {
        "peers": sum(peer_values, Fraction(0)) / len(peer_values) if peer_values else None,
        # Silence is not consent: positive answers over the requests SENT, not over responses.
        "approval": _exact(peer.get("approval_over_requests")),
        "self": _exact(self_scores.get("overall")),
        "network": _exact(inputs.network.coverage),
    }
    available = {name: value for name, value in exact.items() if value is not None}
    overall = None
    if available:
        total_weight = sum(WEIGHTS[name] for name in available)
        overall = sum(WEIGHTS[name] * value for name, value in available.items()) / total_weight

    return Reputation(
        overall=None if overall is None else _round(overall, 1),
        confidence=confidence_level(peer.get("responses") or 0, peer.get("response_rate")),
        components={name: None if v is None else _round(v, 1) for name, v in exact.items()},
        pillars=pillars,
        blind_spots=tuple(sorted(blind_spots, key=lambda g: (-g.gap, g.pillar))),
        hidden_strengths=tuple(sorted(hidden_strengths, key=lambda g: (g.gap, g.pillar))),
        urgent=bool(peer.get("urgent")),
    )


def confidence_level(responses: int, response_rate: float | None) -> str:
    """How far the peer figures can be trusted: from the number of answers and the rate."""
    if responses <= 0:
        return "none"
    rate = response_rate or 0
    for level, (at_least, rate_at_least) in (
        ("high", HIGH_CONFIDENCE),
        ("medium", MEDIUM_CONFIDENCE),
    ):
        if responses >= at_least and rate >= rate_at_least:
            return level
    return "low"


def _exact(value: float | int | None) -> Fraction | None:
    # Stored figures are decimals (58.3, 3.25): through str they count as written, so a
    # boundary such as a gap of exactly 1.0 is not lost to binary float noise.
    return None if value is None else Fraction(str(value))


def _round(value: Fraction, places: int) -> float:
    return round_half_away_from_zero(value, places)
