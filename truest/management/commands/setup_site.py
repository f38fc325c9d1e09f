from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load everything a fresh site needs that ships in the repository. Idempotent: "
        "running it again changes nothing that is already current."
    )

    # Each step is its own idempotent command; later steps depend on earlier ones.
    steps: list[str] = ["load_dataset", "load_catalog", "sync_editors_group"]

    def handle(self, *args, **options):
        conflicts = 0
        for step in self.steps:
            command = load_command_class(get_commands()[step], step)
            call_command(command, stdout=self.stdout, stderr=self.stderr)
            # load_catalog reports catalog files it did not load over editors' changes.
            conflicts += getattr(command, "conflicts", 0)
        if conflicts:
            self.stdout.write(
                self.style.WARNING(
                    f"Site data is up to date, except {conflicts} catalog conflict(s) above: "
                    "the editors' versions were kept."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("Site data is up to date."))
