from django.core.management.base import BaseCommand

from careers.content import LIST_RANGES, TEXT_RANGES, word_count
from careers.models import JobFamily
from careers.selectors.roles import role_sections


class Command(BaseCommand):
    help = (
        "List the catalog's families and roles with their status and the words (or items) "
        "in each section, and say which published roles are incomplete."
    )

    def handle(self, *args, **options):
        text_sections, list_sections = list(TEXT_RANGES), list(LIST_RANGES)
        incomplete = 0
        families = JobFamily.objects.prefetch_related("roles__level").order_by("name")
        header = ["role", "status", *text_sections, *list_sections, "complete"]
        self.stdout.write(" | ".join(header))
        for family in families:
            self.stdout.write(f"\n{family.name} ({family.slug})")
            for role in sorted(family.roles.all(), key=lambda r: (r.level.track, r.level.order)):
                sections, problems = role_sections(role)
                cells = [role.slug, role.status]
                cells += [str(word_count(sections[name])) for name in text_sections]
                cells += [str(len(sections[name])) for name in list_sections]
                cells.append("yes" if not problems else "NO: " + "; ".join(map(str, problems)))
                if problems and role.is_published:
                    incomplete += 1
                self.stdout.write("  " + " | ".join(cells))
        if incomplete:
            self.stdout.write(self.style.ERROR(f"\n{incomplete} published roles are incomplete."))
        else:
            self.stdout.write(self.style.SUCCESS("\nEvery published role is complete."))
