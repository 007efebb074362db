"""Reads of the own-data figures, for the score, the report and the consultant."""

from evidence.models import FlaggedExcerpt, NetworkEvidence


def evidence_figures(owner) -> dict[str, dict]:
    """{network: figures} for every network the professional imported, e.g.
    {"linkedin": {"posts_12m": 52, "pitch_share": 0.38, ...}}."""
    return dict(NetworkEvidence.objects.filter(owner=owner).values_list("network", "figures"))


def excerpts_for(owner, *, network: str, flag: str):
    return FlaggedExcerpt.objects.filter(owner=owner, network=network, flag=flag)


EXCERPTS_SHOWN = 100  # the most recent ones; a figure's examples, not an archive


def excerpts_in_group(owner, *, network: str, group: str) -> list[FlaggedExcerpt]:
    """The flagged excerpts behind one figure (evidence.textflags.FLAG_GROUPS), newest first.
    The caller has checked who may read them (the owner; a consultant only when the client
    shares their contacts)."""
    from evidence.textflags import FLAG_GROUPS

    return list(
        FlaggedExcerpt.objects.filter(
            owner=owner, network=network, flag__in=FLAG_GROUPS.get(group, ())
        ).only("kind", "flag", "occurred_on", "excerpt")[:EXCERPTS_SHOWN]
    )
