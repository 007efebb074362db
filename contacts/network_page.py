"""What the absence-zones page shows for one network owner, to the owner or their consultant."""

from accounts.models import User
from contacts.absence_texts import labelled_zones
from contacts.models import Network
from contacts.objectives import active_objective
from contacts.selectors import champions, network_alignment, network_overlap


def network_context(owner: User, *, show_people: bool = True) -> dict:
    """Absence zones for the owner's active objective, champions and network overlap.

    `show_people` is False for a consultant whose client does not share individual contacts:
    the champions' names are then left out.
    """
    objective = active_objective(owner)
    alignment = (
        network_alignment(owner, objective.needed_roles, objective.needed_sectors)
        if objective
        else None
    )
    overlap = network_overlap(owner)
    names = dict(Network.choices)
    return {
        "objective": objective,
        "alignment": alignment,
        "zones": labelled_zones(alignment) if alignment else [],
        "champions": champions(owner) if show_people else [],
        "champions_hidden": not show_people,
        "overlap": overlap,
        "overlap_rows": [(names.get(code, code), n) for code, n in overlap.per_network.items()],
    }
