"""Reads of the own-data figures, for the score, the report and the consultant."""

from evidence.models import FlaggedExcerpt, NetworkEvidence


def evidence_figures(owner) -> dict[str, dict]:
    """{network: figures} for every network the professional imported, e.g.
    {"linkedin": {"posts_12m": 52, "pitch_share": 0.38, ...}}."""
    return dict(NetworkEvidence.objects.filter(owner=owner).values_list("network", "figures"))


def excerpts_for(owner, *, network: str, flag: str):
    return FlaggedExcerpt.objects.filter(owner=owner, network=network, flag=flag)
