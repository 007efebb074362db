"""The network map's search: find a contact by name and the group the map shows it in.

One query, at most MAP_SEARCH_LIMIT rows, whatever the size of the network; the map then
drills into the group with the contact in focus (contacts.selectors.map_cluster_contacts).
"""

import re

from accounts.models import User
from contacts.models import Contact
from contacts.selectors import GROUPS
from contacts.taxonomy import RoleCategory, Sector

MAP_SEARCH_LIMIT = 10
MAP_SEARCH_MIN_LENGTH = 2
MAP_SEARCH_MAX_LENGTH = 100


# Control characters: no name holds one, and PostgreSQL refuses a NUL in a query.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def map_search(user: User, group: str, query: str) -> list[dict]:
    query = " ".join(_CONTROL.sub(" ", query).split())[:MAP_SEARCH_MAX_LENGTH]
    if len(query) < MAP_SEARCH_MIN_LENGTH:
        return []
    field = GROUPS[group]
    contacts = Contact.objects.filter(owner=user, full_name__icontains=query)
    if group == "company":
        contacts = contacts.exclude(company="")  # the map shows no group for them
    labels = dict(RoleCategory.choices) if group == "category" else dict(Sector.choices)
    rows = contacts.order_by("full_name", "id").values("id", "full_name", "company", field)
    return [
        {
            "id": row["id"],
            "label": row["full_name"],
            "company": row["company"],
            "value": row[field],
            "group_label": row[field] if group == "company" else str(labels.get(row[field], "")),
        }
        for row in rows[:MAP_SEARCH_LIMIT]
    ]
