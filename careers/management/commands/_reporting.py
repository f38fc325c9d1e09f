"""How the data commands tell the operator what they did."""

from careers.importing import WriteReport


def report_write(command, title: str, report: WriteReport, *, dry_run: bool) -> None:
    prefix = "[dry run] " if dry_run else ""
    for table, change in report.tables.items():
        command.stdout.write(f"  {prefix}{title} {table}: {change}")
    for note in report.notes:
        command.stdout.write(f"  {note}")
    if report.changed:
        verb = "Would change" if dry_run else "Changed"
        command.stdout.write(command.style.SUCCESS(f"{prefix}{verb} the {title} data."))
    else:
        command.stdout.write(f"{prefix}{title}: nothing to change; the data is already current.")
