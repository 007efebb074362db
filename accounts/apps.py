from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from accounts import data_sections, lockout, two_step  # noqa: F401  (receivers, registry)

        authenticator_added.connect(two_step._on_authenticator_added)
        user_logged_in.connect(two_step._on_logged_in)
