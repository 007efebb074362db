"""Reputation score: peers, approval, self-assessment and network in one figure, with confidence.

Pure: no Django, no ORM. The inputs are the figures already computed for an audit (self
scores, released peer figures) plus the network and objective figures.
Definitions, reasons, limits and a worked example (checked by a test): docs/scoring.md.

Two rules shape everything here:
- silence is a diagnosis shown beside the score, never a part of it: requests with no answer
  change no component, so asking people can never lower the score;
- nothing peer-derived exists below k released answers (k = settings.FEEDBACK_RELEASE_K).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from audits.feedback.aggregate import DEFAULT_K
from audits.selfaudit.scoring import round_half_away_from_zero

ALGORITHM = "reputation/2"

# What others say weighs most; the self-assessment least, since it is the figure the
# professional controls. Renormalised over the components that exist.
WEIGHTS = {
    "peers": Fraction(45, 100),
    "approval": Fraction(25, 100),
    "self": Fraction(10, 100),
    "network": Fraction(20, 100),
}
NOTABLE_GAP = Fraction(1)  # on the 1..5 scale (DESIGN §5)
MIN_INVITATIONS = 5  # invitations without a note count in the network from this many sent
CLOSE_CIRCLE_MAJORITY = 50  # % of answers from friends above which confidence drops a level
# Confidence: points for each of four signals (0, 1 or 2), then a level.
CONFIDENCE_POINTS = {
    "answers": (5, 10),  # 1 point from 5 answers, 2 from 10
    "response_rate": (30, 50),  # %
    "groups": (2, 3),  # relationship groups reached
    "agreement": (50, 75),  # % of answers giving the most common appraisal
}
HIGH_CONFIDENCE = (10, 6)  # (at least this many answers, at least this many points)
MEDIUM_CONFIDENCE = (5, 4)
LEVELS = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class NetworkFigures:
    total_contacts: int
    coverage: float | None  # % of needed profiles covered (contacts.alignment)
    absent_roles: tuple[str, ...]  # needed role codes with nobody
    thin_roles: tuple[str, ...]  # needed role codes with 1..4 contacts
    absent_sectors: tuple[str, ...]
    champions: int  # contacts with at least one two-way conversation (contacts.selectors)
    contacts_with_exchanges: int  # contacts with any message
    two_way_ratio: float | None  # % of conversations that are two-way; None without messages
    invitations_sent: int
    unsolicited_invitation_share: float | None  # % of sent invitations without a message
    champion_names: tuple[str, ...] = ()  # the first champions, most exchanges first


@dataclass(frozen=True)
class ObjectiveFigures:
    measurable: bool  # the objective record has a target quantity and a future deadline
    days_left: int | None
    kind: str = ""  # Objective.Kind
    deadline: str | None = None  # ISO date


@dataclass(frozen=True)
class Inputs:
    self_scores: dict | None  # asdict(SelfScores), or None while the self-audit is not submitted
    answers: dict[str, object]  # raw self-audit answers by question code
    peer: dict | None  # asdict(FeedbackFigures), or None when no request was sent
    network: NetworkFigures
    objective: ObjectiveFigures
    structure: dict[str, str] = field(default_factory=dict)  # dimension code -> pillar code
    external_review: bool = False  # an independent consultant is engaged on this audit
    today: str | None = None  # ISO date of the compile: suggested dates count from it
    # {network: figures} from the professional's own exports (evidence.selectors); read by the
    # evidence rules and shown beside the score, never a component of it (docs/scoring.md).
    evidence: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Gap:
    dimension: str
    pillar: str
    self_on_five: float
    peers: float  # peers' mean rating, 1..5
    gap: float  # self_on_five - peers, 2 decimals


@dataclass(frozen=True)
class Confidence:
    level: str  # "none" | "low" | "medium" | "high"
    answers: int
    groups: int | None
    response_rate: float | None
    agreement: float | None
    close_circle_share: float | None
    points: int


@dataclass(frozen=True)
class Reputation:
    overall: float | None  # 0..100, 1 decimal
    confidence: str
    confidence_figures: Confidence
    components: dict[str, float | None]  # "peers", "approval", "self", "network": 0..100
    # pillar -> {"score", "self", "peers": 0..100, "self_on_five", "peers_on_five": 1..5}
    pillars: dict[str, dict]
    # dimension -> {"pillar", "self", "peers": 0..100, "self_on_five", "peers_on_five"}
    dimensions: dict[str, dict]
    blind_spots: tuple[Gap, ...] | None  # self above peers by >= 1 point; None below k
    hidden_strengths: tuple[Gap, ...] | None
    urgent: bool | None  # negative + neutral > positive; None below k answers
    approval: dict[str, float | None]  # "share" (raw %), "lower" (Wilson 95 % lower bound)
    silence: dict  # "rate" (% of requests unanswered), "by_group" {group: rate}
    close_circle_notice: bool  # most answers come from friends


def compute_reputation(inputs: Inputs) -> Reputation:
    self_scores = inputs.self_scores or {}
    peer = inputs.peer or {}
    released = (peer.get("overall") or {}) if peer.get("overall") else {}
    peer_items: dict = released.get("items") or {}
    self_dims: dict = self_scores.get("dimensions") or {}
    self_dims_five: dict = self_scores.get("dimensions_on_five") or {}
    self_pillars: dict = self_scores.get("pillars") or {}
    structure = dict(inputs.structure) or {}

    dimensions: dict[str, dict] = {}
    gaps: list[Gap] = []
    for code in [*structure, *(c for c in self_dims if c not in structure)]:
        mean = _exact(peer_items.get(code))
        own_five = self_dims_five.get(code)
        dimensions[code] = {
            "pillar": structure.get(code, ""),
            "self": self_dims.get(code),
            "peers": None if mean is None else _round((mean - 1) / 4 * 100, 1),
            "self_on_five": own_five,
            "peers_on_five": None if mean is None else _round(mean, 2),
        }
        if own_five is None or mean is None:
            continue
        # The gap is taken between the figures as displayed (2 decimals), so a reader who
        # sees 4.0 against 3.0 always finds it flagged, and 4.0 against 3.01 never.
        gap = Fraction(str(own_five)) - mean
        gaps.append(Gap(code, structure.get(code, ""), own_five, _round(mean, 2), _round(gap, 2)))

    pillars: dict[str, dict] = {}
    peer_values: list[Fraction] = []
    pillar_codes = list(dict.fromkeys([*self_pillars, *structure.values()]))
    for code in pillar_codes:
        rated = [
            _exact(d["peers_on_five"])
            for d in dimensions.values()
            if d["pillar"] == code and d["peers_on_five"] is not None
        ]
        if not rated and peer_items.get(code) is not None:  # questionnaire v1: per pillar
            rated = [_exact(peer_items[code])]
        mean = sum(rated, Fraction(0)) / len(rated) if rated else None
        own = _exact(self_pillars.get(code))
        peers_value = None if mean is None else (mean - 1) / 4 * 100
        if peers_value is not None:
            peer_values.append(peers_value)
        pillars[code] = {
            "score": _pillar_score(own, peers_value),
            "self": None if own is None else _round(own, 1),
            "peers": None if peers_value is None else _round(peers_value, 1),
            "self_on_five": None if own is None else _round(1 + 4 * own / 100, 2),
            "peers_on_five": None if mean is None else _round(mean, 2),
        }

    exact = {
        "peers": sum(peer_values, Fraction(0)) / len(peer_values) if peer_values else None,
        # Approval that small numbers can prove: the Wilson lower bound, over ANSWERS. Silence
        # is shown beside it (silence.rate) and never counted as disapproval.
        "approval": _exact(peer.get("approval_lower")),
        "self": _exact(self_scores.get("overall")),
        "network": network_component(inputs.network),
    }
    available = {name: value for name, value in exact.items() if value is not None}
    overall = None
    if available:
        total_weight = sum(WEIGHTS[name] for name in available)
        overall = sum(WEIGHTS[name] * value for name, value in available.items()) / total_weight

    has_peers = bool(released)
    confidence = confidence_of(peer)
    return Reputation(
        overall=None if overall is None else _round(overall, 1),
        confidence=confidence.level,
        confidence_figures=confidence,
        components={name: None if v is None else _round(v, 1) for name, v in exact.items()},
        pillars=pillars,
        dimensions=dimensions,
        blind_spots=tuple(
            sorted((g for g in gaps if g.gap >= NOTABLE_GAP), key=lambda g: (-g.gap, g.dimension))
        )
        if has_peers
        else None,
        hidden_strengths=tuple(
            sorted((g for g in gaps if -g.gap >= NOTABLE_GAP), key=lambda g: (g.gap, g.dimension))
        )
        if has_peers
        else None,
        urgent=peer.get("urgent") if has_peers else None,
        approval={"share": peer.get("approval"), "lower": peer.get("approval_lower")},
        silence={
            "rate": peer.get("silent_rate"),
            "by_group": {
                group: figures["silent_rate"]
                for group, figures in (peer.get("silence_by_group") or {}).items()
            },
        },
        close_circle_notice=(peer.get("close_circle_share") or 0) > CLOSE_CIRCLE_MAJORITY,
    )


def network_component(network: NetworkFigures) -> Fraction | None:
    """Mean of what the network shows: coverage of the needed profiles, the share of two-way
    conversations and the share of invitations sent with a note (from MIN_INVITATIONS sent).
    Heads alone are not a network: 100 % coverage with 37 % two-way conversations and 61 %
    invitations without a note is 58.7, not 100."""
    signals = [_exact(network.coverage), _exact(network.two_way_ratio)]
    share = network.unsolicited_invitation_share
    if share is not None and network.invitations_sent >= MIN_INVITATIONS:
        signals.append(100 - _exact(share))
    known = [s for s in signals if s is not None]
    return sum(known, Fraction(0)) / len(known) if known else None


def confidence_of(peer: dict | None) -> Confidence:
    """How far the peer figures can be trusted: answers, groups, response rate, agreement."""
    peer = peer or {}
    answers = peer.get("responses") or 0
    k = peer.get("k") or DEFAULT_K
    values = {
        "answers": answers,
        "response_rate": peer.get("response_rate"),
        "groups": peer.get("groups"),
        "agreement": peer.get("agreement"),
    }
    points = sum(
        sum(1 for threshold in CONFIDENCE_POINTS[name] if (value or 0) >= threshold)
        for name, value in values.items()
    )
    if answers < k or not peer.get("overall"):
        level = "none"
    elif answers >= HIGH_CONFIDENCE[0] and points >= HIGH_CONFIDENCE[1]:
        level = "high"
    elif answers >= MEDIUM_CONFIDENCE[0] and points >= MEDIUM_CONFIDENCE[1]:
        level = "medium"
    else:
        level = "low"
    close = peer.get("close_circle_share")
    if level in ("medium", "high") and (close or 0) > CLOSE_CIRCLE_MAJORITY:
        level = LEVELS[LEVELS.index(level) - 1]  # friends are kind: one level less
    return Confidence(
        level=level,
        answers=answers,
        groups=values["groups"],
        response_rate=values["response_rate"],
        agreement=values["agreement"],
        close_circle_share=close,
        points=points,
    )


def _pillar_score(own: Fraction | None, peers: Fraction | None) -> float | None:
    # Self and peers in the same proportion as in the overall score (10 : 45).
    parts = [(WEIGHTS["self"], own), (WEIGHTS["peers"], peers)]
    known = [(w, v) for w, v in parts if v is not None]
    if not known:
        return None
    return _round(sum(w * v for w, v in known) / sum(w for w, _ in known), 1)


def _exact(value: float | int | Fraction | None) -> Fraction | None:
    # Stored figures are decimals (58.3, 3.25): through str they count as written, so a
    # boundary such as a gap of exactly 1.0 is not lost to binary float noise.
    if value is None or isinstance(value, Fraction):
        return value
    return Fraction(str(value))


def _round(value: Fraction, places: int) -> float:
    return round_half_away_from_zero(value, places)
