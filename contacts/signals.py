"""What the contacts app tells the rest of the site (it imports no other app of ours)."""

from django.dispatch import Signal

# A professional's network changed (an import finished, contacts were merged or deleted):
# whatever is computed from it must be recomputed. kwargs: owner (a User).
network_changed = Signal()
