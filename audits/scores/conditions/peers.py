"""Conditions that read what peers said, or did not say (released answers only)."""

from __future__ import annotations

from audits.scores.conditions.base import Finding, Signals, choice, one
from audits.scores.engine import MEDIUM_CONFIDENCE, Gap, Inputs, Reputation

MAJORITY_SILENT = 50  # response rate % below which most people asked said nothing (000)
SILENT_GROUP = 80  # % of a group's requests unanswered
GROUP_GAP = 25  # points of approval a group is below the whole
CLOSE_CIRCLE = 50  # % of answers from friends
Q_FEEDBACK_BALANCE = "engagement.listening.feedback_balance"


def urgent_change_practices(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    peer = inputs.peer or {}
    signals = Signals(inputs, reputation)
    if reputation.urgent:  # None below k answers: one answer never raises it
        counts = peer.get("overall") or {}
        signals.add(
            "counts",
            unfavourable=counts.get("neutral", 0) + counts.get("negative", 0),
            positive=counts.get("positive", 0),
        )
        # The cause: the behaviour peers rate lowest, if it is below "neither"...
        rated = [
            (figures["peers_on_five"], code)
            for code, figures in reputation.dimensions.items()
            if figures.get("peers_on_five") is not None
        ]
        lowest = min(rated) if rated else None
        variant = "no_cause"
        if lowest is not None and lowest[0] < 3:
            signals.add("lowest", dimension=lowest[1], peers=lowest[0])
            variant = ""
        # ...and the relationship group (of at least k answers) that sees them least well.
        overall_approval = peer.get("approval") or 0
        groups = [
            (figures["approval"], name)
            for name, figures in (peer.get("by_relationship") or {}).items()
            if figures.get("approval") is not None and figures["approval"] < overall_approval
        ]
        if groups and len(peer.get("by_relationship") or {}) > 1:
            approval, group = min(groups)
            signals.add("group", group=group, group_approval=approval)
        return signals.findings(variant=variant)
    if reputation.urgent is None and choice(inputs, Q_FEEDBACK_BALANCE) == "mostly_negative":
        signals.add("self_reported")
        return signals.findings(variant="self_reported")
    return []


def no_feedback_requested(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    if inputs.peer and inputs.peer.get("requests_sent"):
        return []
    return one("none")


def low_response_rate(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    peer = inputs.peer or {}
    rate = peer.get("response_rate")
    if rate is None or rate >= MAJORITY_SILENT:
        return []
    return one(
        "rate",
        responses=peer.get("responses", 0),
        sent=peer.get("requests_sent", 0),
        rate=rate,
        silent=peer.get("silent_rate") or 0.0,
    )


def silent_group(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    groups = (inputs.peer or {}).get("silence_by_group") or {}
    return [
        Finding(
            name,
            {"group": name, "silent": figures["silent_rate"], "requests": figures["requests"]},
            ("group",),
        )
        for name, figures in groups.items()
        if name != "other" and figures["silent_rate"] >= SILENT_GROUP
    ]


def too_few_responses(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    peer = inputs.peer or {}
    responses = peer.get("responses", 0)
    if not peer.get("requests_sent") or responses >= MEDIUM_CONFIDENCE[0]:
        return []
    signals = Signals(inputs, reputation)
    signals.add("few", responses=responses, needed=MEDIUM_CONFIDENCE[0])
    if responses < (peer.get("k") or 0):
        signals.add("waiting", k=peer["k"])
    return signals.findings()


def close_circle_answers(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    share = (inputs.peer or {}).get("close_circle_share")
    if share is None or share <= CLOSE_CIRCLE:
        return []
    return one("share", share=share)


def group_sees_less(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    peer = inputs.peer or {}
    groups = peer.get("by_relationship") or {}
    approval = peer.get("approval")
    if approval is None or len(groups) < 2:  # one group is the whole: nothing to compare
        return []
    return [
        Finding(
            name,
            {"group": name, "group_approval": figures["approval"], "approval": approval},
            ("gap",),
        )
        for name, figures in groups.items()
        if figures.get("approval") is not None and approval - figures["approval"] >= GROUP_GAP
    ]


def _gap_finding(gap: Gap) -> Finding:
    return Finding(
        gap.dimension,
        {
            "dimension": gap.dimension,
            "self": gap.self_on_five,
            "peers": gap.peers,
            "gap": abs(gap.gap),
        },
        ("gap",),
        pillar=gap.pillar or None,
        gap=abs(gap.gap) * 25,  # 1..4 points on the 1..5 scale, as 0..100
    )


def blind_spot(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    return [_gap_finding(gap) for gap in reputation.blind_spots or ()]


def hidden_strength(inputs: Inputs, reputation: Reputation) -> list[Finding]:
    return [_gap_finding(gap) for gap in reputation.hidden_strengths or ()]


CONDITIONS = {
    "urgent_change_practices": urgent_change_practices,
    "no_feedback_requested": no_feedback_requested,
    "low_response_rate": low_response_rate,
    "silent_group": silent_group,
    "too_few_responses": too_few_responses,
    "close_circle_answers": close_circle_answers,
    "group_sees_less": group_sees_less,
    "blind_spot": blind_spot,
    "hidden_strength": hidden_strength,
}
