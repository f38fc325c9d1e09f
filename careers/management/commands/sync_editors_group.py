from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

EDITORS = "Editors"
# Content editors may add, change, delete and view the catalog; they may look at (never
# change) the imported data the catalog links to; they have no rights over accounts.
CONTENT_MODELS = ["jobfamily", "role", "skill", "variation", "interviewquestion", "transition"]
READ_ONLY_MODELS = ["level", "occupation", "element", "technologyskill", "blsoccupation"]
HISTORY_MODELS = [f"historical{model}" for model in CONTENT_MODELS]


def editor_permissions() -> list[Permission]:
    codenames = [
        f"{action}_{model}"
        for model in CONTENT_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    codenames += [f"view_{model}" for model in READ_ONLY_MODELS + HISTORY_MODELS]
    return list(
        Permission.objects.filter(content_type__app_label="careers", codename__in=codenames)
    )


class Command(BaseCommand):
    help = "Create or update the Editors group with exactly the permissions to edit content."

    def handle(self, *args, **options):
        group, created = Group.objects.get_or_create(name=EDITORS)
        wanted = set(editor_permissions())
        current = set(group.permissions.all())
        if created or wanted != current:
            group.permissions.set(wanted)
            self.stdout.write(self.style.SUCCESS(f"Editors group: {len(wanted)} permissions set."))
        else:
            self.stdout.write("Editors group: nothing to change.")
