from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Audits")

    def ready(self) -> None:
        # Celery's autodiscovery looks for `audits.tasks`; the tasks live in the packages.
        from audits.consulting import tasks as _consulting_tasks  # noqa: F401
        from audits.consulting.selectors import has_external_review
        from audits.feedback import tasks as _feedback_tasks  # noqa: F401
        from audits.questionnaires import signals
        from audits.scores import receivers as _receivers  # noqa: F401
        from audits.scores import tasks as _scores_tasks  # noqa: F401
        from audits.scores.services import register_external_review_provider
        from audits.selfaudit.selectors import active_objective
        from contacts.objectives import register_objective_provider

        signals.connect(self)
        # Each package registers its own share of the data-rights export and erasure.
        for package in ("questionnaires", "selfaudit", "feedback", "scores", "consulting"):
            import_module(f"audits.{package}.personal_data")
        register_objective_provider(active_objective)
        register_external_review_provider(has_external_review)
        # Objective progress: its tasks, its share of the registry, its dashboard card.
        from audits.progress import tasks as _progress_tasks  # noqa: F401
        from audits.progress.selectors import dashboard_context
        from audits.selfaudit.dashboard import register_dashboard_context

        import_module("audits.progress.personal_data")
        register_dashboard_context(dashboard_context)
        # Audit cycles and nudges (issue 19): dashboard panels and the benchmark's tasks.
        from audits.cycles import personal_data as _cycles_personal_data  # noqa: F401
        from audits.cycles import tasks as _cycles_tasks  # noqa: F401
        from audits.cycles.dashboard import cycle_panel
        from audits.feedback.dashboard import nudges_panel
        from audits.selfaudit.dashboard import register_panel

        register_panel(nudges_panel)
        register_panel(cycle_panel)
        # The consultant's portfolio shows the private channel's unread messages.
        from django.utils.translation import gettext_lazy

        from audits.consulting.channel import portfolio_waiting
        from audits.consulting.portfolio import register_waiting_provider

        register_waiting_provider(
            portfolio_waiting, kinds={"messages": gettext_lazy("Unread messages")}
        )
