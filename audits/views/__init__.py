"""Views by area: the self-audit, feedback requests (professional side) and the peer page."""
