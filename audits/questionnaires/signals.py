from django.db.models.signals import post_migrate


def ensure_default_questionnaire(sender, using, **kwargs) -> None:
    """Load the default questionnaire after every migrate (and flush): idempotent by version."""
    from audits.questionnaires.services import questionnaire_ensure_default

    questionnaire_ensure_default()


def connect(app_config) -> None:
    post_migrate.connect(ensure_default_questionnaire, sender=app_config)
