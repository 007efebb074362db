"""Reads of the own-data figures, for the page, the score, the report and the consultant.

Every object is reached through its owner: another account's ids are a 404. The consultant
side (audits.consulting) calls `evidence_for_consultant` with its own access decision, the
client's choice to share excerpts included: this app never imports audits.
"""

from __future__ import annotations

from collections import defaultdict

from django.shortcuts import get_object_or_404

from evidence.figure_texts import describe, flag_label
from evidence.models import ActivityImport, ActivityNetwork, FlaggedExcerpt, NetworkEvidence

RECENT_IMPORTS = 10


def evidence_figures(owner) -> dict[str, dict]:
    """{network: figures} for every network the professional imported, e.g.
    {"linkedin": {"posts_12m": 52, "pitch_share": 0.38, ...}}."""
    return dict(NetworkEvidence.objects.filter(owner=owner).values_list("network", "figures"))


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


def activity_import_get_for_owner(owner, pk: int) -> ActivityImport:
    return get_object_or_404(ActivityImport, owner=owner, pk=pk)


def recent_imports(owner) -> list[ActivityImport]:
    return list(ActivityImport.objects.filter(owner=owner)[:RECENT_IMPORTS])


def _grouped_excerpts(owner) -> dict[str, list[dict]]:
    """{network: [{"flag", "label", "excerpts": [FlaggedExcerpt...]}]}, in one query."""
    by_network: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for excerpt in FlaggedExcerpt.objects.filter(owner=owner).order_by(
        "network", "flag", "-occurred_on", "pk"
    ):
        by_network[excerpt.network][excerpt.flag].append(excerpt)
    return {
        network: [
            {"flag": flag, "label": flag_label(flag), "excerpts": excerpts}
            for flag, excerpts in sorted(flags.items())
        ]
        for network, flags in by_network.items()
    }


def own_data_networks(owner, *, include_excerpts: bool = True) -> list[dict]:
    """Per imported network: its label, period, figures in words and (if asked) excerpts."""
    labels = dict(ActivityNetwork.choices)
    excerpts = _grouped_excerpts(owner) if include_excerpts else {}
    return [
        {
            "network": evidence.network,
            "label": labels.get(evidence.network, evidence.network),
            "period_start": evidence.period_start,
            "period_end": evidence.period_end,
            "computed_at": evidence.computed_at,
            "figures": evidence.figures,
            "lines": describe(evidence.figures),
            "flags": excerpts.get(evidence.network, []),
        }
        for evidence in NetworkEvidence.objects.filter(owner=owner).order_by("network")
    ]


def evidence_for_consultant(client, *, include_excerpts: bool) -> list[dict]:
    """What a consultant may see of a client's own data: the figures always, the excerpts
    only when the client shares them (the caller decides, like Engagement.share_contacts)."""
    return own_data_networks(client, include_excerpts=include_excerpts)
