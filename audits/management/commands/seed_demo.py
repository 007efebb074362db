from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from audits.management.demo import seed_demo


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and their data (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off (a demo instance): the README publishes the password.",
        )

    def handle(self, *args, **options) -> None:
        # The demo accounts' password is published in the README: never create them on a
        # production configuration by accident.
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "DEBUG is off: seed_demo would create accounts whose password is published in "
                "the README. Run it with --allow-production only on a demo instance."
            )
        logins, link = seed_demo()
        for login, created in logins:
            state = "created" if created else "refreshed"
            self.stdout.write(f"{login.role:<13} {login.email:<32} {login.password}  ({state})")
        if link:
            self.stdout.write(f"peer link     {link}  (an unanswered feedback request)")
