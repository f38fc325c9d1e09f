from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db.models import Q

EDITORS = "Editors"
# Content editors may add, change, delete and view the catalog and the assessments' wording;
# they may look at (never change) the imported data the catalog links to; they have no rights
# over accounts or anyone's results.
CONTENT_MODELS = {
    "careers": [
        "jobfamily",
        "role",
        "skill",
        "skillrequirement",
        "secondaryoccupation",
        "variation",
        "interviewquestion",
        "transition",
        "searchsynonym",
    ],
    "assessments": [
        "interestitem",
        "workprofile",
        "workdimension",
        "workitem",
        "workcondition",
        "familyworkprofile",
        "familyworkreward",
        "familyworkcondition",
    ],
}
READ_ONLY_MODELS = {
    "careers": ["level", "occupation", "element", "technologyskill", "blsoccupation"],
}


def editor_permissions() -> list[Permission]:
    wanted = Q(pk__in=[])
    for app_label, models in CONTENT_MODELS.items():
        codenames = [
            f"{action}_{model}"
            for model in models
            for action in ("add", "change", "delete", "view")
        ]
        codenames += [f"view_historical{model}" for model in models]
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    for app_label, models in READ_ONLY_MODELS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=[f"view_{m}" for m in models])
    return list(Permission.objects.filter(wanted))


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
