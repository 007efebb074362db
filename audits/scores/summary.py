"""The documented score object (docs/scoring.md, "The score object"): what
`manage.py compile_scores AUDIT --json` prints, from a snapshot and its recommendations.

Exactly these keys; the peer-derived ones are null while fewer than k answers are released.
"""

from audits.scores.models import ScoreSnapshot
from audits.scores.plan import by_priority
from audits.scores.selectors import board_recommendations

KEYS = (
    "overall",
    "pillars",
    "dimensions",
    "confidence",
    "silence",
    "urgent",
    "blind_spots",
    "hidden_strengths",
    "plan",
    "recommendations",
    "evidence",
)


def score_object(snapshot: ScoreSnapshot) -> dict:
    reputation = snapshot.figures.get("reputation") or {}
    confidence = reputation.get("confidence_figures") or {}
    silence = reputation.get("silence") or {}
    plan, _more, _closed = board_recommendations(snapshot.audit)
    active = snapshot.audit.recommendations.filter(active=True)
    return {
        "overall": reputation.get("overall"),
        "pillars": {code: p.get("score") for code, p in (reputation.get("pillars") or {}).items()},
        "dimensions": {
            code: {"self": d.get("self"), "peers": d.get("peers")}
            for code, d in (reputation.get("dimensions") or {}).items()
        },
        "confidence": {
            "level": reputation.get("confidence"),
            "answers": confidence.get("answers", 0),
            "groups": confidence.get("groups"),
        },
        "silence": {"rate": silence.get("rate"), "by_group": silence.get("by_group") or {}},
        "urgent": reputation.get("urgent"),
        "blind_spots": _codes(reputation.get("blind_spots")),
        "hidden_strengths": _codes(reputation.get("hidden_strengths")),
        "plan": [rec.code for rec in plan],
        "recommendations": list(dict.fromkeys(rec.code for rec in by_priority(active))),
        # {network: figures}: what the own data showed at this compile ({} without any).
        "evidence": (snapshot.figures.get("evidence") or {}).get("networks") or {},
    }


def _codes(gaps: list[dict] | None) -> list[str] | None:
    return None if gaps is None else [gap["dimension"] for gap in gaps]
