"""Conditions that read what the professional's own data shows (Inputs.evidence): one finding
per network whose figure is on the bad side of its threshold (audits/scores/evidence_map.toml,
the one home of the thresholds). The finding's key is the network, so the page can open the
excerpts behind it."""

from __future__ import annotations

from audits.scores.conditions.base import Finding
from audits.scores.engine import Inputs, Reputation
from audits.scores.evidence import evidence_map, is_bad

NETWORK_NAMES = {"linkedin": "LinkedIn", "x": "X", "facebook": "Facebook"}


def _number(entry: dict, value) -> int | float:
    # Shares are shown as whole percentages (the texts carry the % sign).
    return round(value * 100) if entry["kind"] == "share" else value


def _rule(code: str):
    def condition(inputs: Inputs, reputation: Reputation) -> list[Finding]:
        findings = []
        for network in sorted(inputs.evidence):
            figures = inputs.evidence[network] or {}
            names, params = [], {"network": NETWORK_NAMES.get(network, network)}
            for entry in evidence_map():
                value = figures.get(entry["figure"])
                if entry["rule"] != code or value is None or not is_bad(entry, value):
                    continue
                names.append(entry["figure"])
                params[entry["figure"]] = _number(entry, value)
                if entry.get("base") and figures.get(entry["base"]) is not None:
                    params[entry["base"]] = figures[entry["base"]]
            if names:
                findings.append(Finding(network, params, tuple(names)))
        return findings

    condition.__name__ = code
    return condition


CONDITIONS = {
    code: _rule(code)
    for code in (
        "evidence_pitching",
        "evidence_heated",
        "evidence_leaks",
        "evidence_silence",
        "evidence_unanswered",
    )
}
