from django.core.management.base import BaseCommand

from audits.management.demo import seed_demo


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and their data (idempotent)."

    def handle(self, *args, **options) -> None:
        logins, link = seed_demo()
        for login, created in logins:
            state = "created" if created else "refreshed"
            self.stdout.write(f"{login.role:<13} {login.email:<32} {login.password}  ({state})")
        if link:
            self.stdout.write(f"peer link     {link}  (an unanswered feedback request)")
