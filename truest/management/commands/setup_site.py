from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load everything a fresh site needs that ships in the repository. Idempotent: "
        "running it again changes nothing that is already current."
    )

    # Each step is its own idempotent command; later steps depend on earlier ones.
    steps: list[str] = ["load_dataset", "load_catalog", "sync_editors_group"]

    def handle(self, *args, **options):
        for step in self.steps:
            call_command(step, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(self.style.SUCCESS("Site data is up to date."))
