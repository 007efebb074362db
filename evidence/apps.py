from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """What the professional's own network data exports show (posts, comments, messages,
    invitations), read locally and kept only as aggregates and flagged excerpts."""

    name = "evidence"
    verbose_name = _("Own data")

    def ready(self) -> None:
        from evidence import personal_data  # noqa: F401  (registers the export and erasure)
