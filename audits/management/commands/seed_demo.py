from django.core.management.base import BaseCommand

from audits.demo import seed_demo


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and their data (idempotent)."

    def handle(self, *args, **options) -> None:
        for login, created in seed_demo():
            state = "created" if created else "refreshed"
            self.stdout.write(f"{login.role:<13} {login.email:<32} {login.password}  ({state})")
