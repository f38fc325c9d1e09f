import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from assessments.catalog import ASSESSMENTS_DIR, assessment_catalog_load
from assessments.profile_load import work_profile_load
from careers.catalog import CatalogReport, catalog_load
from careers.catalog_files import CATALOG_DIR
from careers.versioning import content_version_batch


def sections_describe(sections: list[str]) -> str:
    """`hardest_part`, `senior-x.summary` → "family: hardest_part; senior-x: summary"."""
    groups: dict[str, list[str]] = {}
    for section in sections:
        owner, _, name = section.rpartition(".")
        groups.setdefault(owner or "family", []).append(name)
    return "; ".join(f"{owner}: {', '.join(names)}" for owner, names in groups.items())


class Command(BaseCommand):
    conflicts = 0  # read by setup_site
    help = (
        "Load the editorial catalog shipped in the repository (careers/catalog/). Idempotent, "
        "and never overwrites editors' work: a family whose file changed after its content "
        "was edited in admin is reported as a conflict and left alone (--force overwrites it; "
        "the history keeps the editors' version)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=CATALOG_DIR)
        parser.add_argument("--assessments", type=Path, default=ASSESSMENTS_DIR)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write every file, even over content edited in admin (kept in the history).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report only.")

    @content_version_batch()  # one new content version for the whole run
    def handle(
        self, *args, directory: Path, assessments: Path, force: bool, dry_run: bool, **options
    ):
        started = time.monotonic()
        prefix = "[dry run] " if dry_run else ""
        # One transaction for all: the work-style profile needs the families, and a dry run
        # or a failure in any part leaves nothing behind.
        with transaction.atomic():
            report = catalog_load(directory, force=force)
            profile = work_profile_load(assessments, force=force)
            assessments = assessment_catalog_load(assessments, force=force)
            if dry_run:
                transaction.set_rollback(True)
        if assessments.interests != "unchanged":
            self.stdout.write(f"  {prefix}interest profile items: {assessments.interests}")
        profile_conflict = profile.startswith("CONFLICT")
        if profile_conflict:
            self.stdout.write(self.style.WARNING(f"  work-style profile: {profile}"))
        elif profile != "unchanged":
            self.stdout.write(f"  {prefix}work-style profile: {profile}")
        for label, slugs in (("added", report.created), ("updated", report.updated)):
            for slug in slugs:
                overwritten = (
                    " (replaced edits made in admin)" if slug in report.overwritten else ""
                )
                self.stdout.write(f"  {prefix}{slug}: {label}{overwritten}")
        if report.unchanged:
            self.stdout.write(f"  {len(report.unchanged)} families unchanged since the last load")
        if report.changed or assessments.changed or profile == "loaded":
            self.stdout.write(self.style.SUCCESS(f"{prefix}Catalog loaded."))
        elif not (report.conflicts or report.skill_conflicts):
            self.stdout.write("Catalog: nothing to change; the content is already current.")
        self.conflicts_write(report)
        self.conflicts += int(profile_conflict) + int(assessments.interests.startswith("CONFLICT"))
        self.stdout.write(
            f"{report.roles} roles, {report.published} published. "
            f"Done in {time.monotonic() - started:.1f} s."
        )

    def conflicts_write(self, report: CatalogReport) -> None:
        """Families (and skills) kept as editors left them although their file changed."""
        self.conflicts = len(report.conflicts) + len(report.skill_conflicts)
        if not self.conflicts:
            return
        warn = self.style.WARNING
        for conflict in report.conflicts:
            self.stdout.write(
                warn(f"  CONFLICT {conflict.slug}: not loaded, kept as edited in admin")
            )
            edited = sections_describe(conflict.edited) or (
                "unknown (last loaded before edits were tracked)"
            )
            self.stdout.write(f"    edited in admin, not in the file: {edited}")
            self.stdout.write(f"    changed in the file: {sections_describe(conflict.in_file)}")
        if report.skill_conflicts:
            self.stdout.write(
                warn(
                    "  CONFLICT skills.toml: kept as edited in admin: "
                    + ", ".join(report.skill_conflicts)
                )
            )
        self.stdout.write(
            warn(
                "Catalog conflicts: these files changed, but do not have edits made in admin "
                "since the last load; the database keeps the editors' version. Run "
                "`manage.py export_catalog` to write it into the files, merge and load again, "
                "or `manage.py load_catalog --force` to replace it with the files (the "
                "history keeps the editors' version)."
            )
        )
