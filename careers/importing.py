"""The landscape importers' shared half: errors that name file and line, value parsing, and
the idempotent writes of an O*NET or BLS release (read by careers/onet.py and careers/bls.py)
or of the shipped dataset (careers/dataset.py) into the database.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Model, Q

from careers.landscape import RIASEC_AREAS, WAGE_PERCENTILES, strong_outlook_of
from careers.models import (
    AlternateTitle,
    BlsOccupation,
    DataRelease,
    EducationShare,
    Element,
    ElementRating,
    Occupation,
    RelatedOccupation,
    ReportedTitle,
    Task,
    TechnologySkill,
)

if TYPE_CHECKING:  # the readers import this module for ImportDataError
    from careers.bls import BlsRelease
    from careers.onet import OnetRelease

ONET_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
SOC_CODE = re.compile(r"^\d{2}-\d{4}$")


class ImportDataError(CommandError):
    """Malformed input: says which file, which line and what is wrong."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path, self.line, self.problem = Path(path), line, problem
        where = f"{Path(path).name}, line {line}" if line else Path(path).name
        super().__init__(f"{where}: {problem}")


def parse_float(value: str, *, path: Path, line: int, column: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ImportDataError(path, line, f"{column} is not a number: {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ImportDataError(path, line, f"{column} is not a finite number: {value!r}")
    return number


def parse_int(value: str, *, path: Path, line: int, column: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ImportDataError(path, line, f"{column} is not a whole number: {value!r}") from None


def parse_onet_code(value: str, *, path: Path, line: int) -> str:
    code = value.strip()
    if not ONET_CODE.match(code):
        raise ImportDataError(path, line, f"not an O*NET-SOC code: {value!r}")
    return code


# ---------------------------------------------------------------------------------------
# Writes: an O*NET or BLS release (or the shipped dataset) into the database, idempotently.
# ---------------------------------------------------------------------------------------

BATCH_SIZE = 2000
INSERT_PARAMETERS = 30_000  # a statement's values: under SQLite's 32,766
DRIVER_TYPES = frozenset({str, int, float, bool, type(None)})  # passed to the driver as they are


def rows_insert(model: type[Model], fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert plain rows of `fields` values with multi-row INSERT statements.

    For the large derived and imported tables, whose models have no save() logic or signals:
    building and compiling a model instance per row would take three times as long. Fields
    left out get their model default; values pass through each field's database conversion.
    """
    if not rows:
        return
    given = [model._meta.get_field(name) for name in fields]
    defaults = [
        (field, field.get_default())
        for field in model._meta.concrete_fields
        if field not in given and not field.primary_key
    ]
    columns = [field.column for field in given] + [field.column for field, _ in defaults]
    fixed = [field.get_db_prep_save(value, connection) for field, value in defaults]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, INSERT_PARAMETERS // len(columns))
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            parameters = []
            for row in batch:
                parameters += [
                    value
                    if type(value) in DRIVER_TYPES
                    else field.get_db_prep_save(value, connection)
                    for field, value in zip(given, row, strict=True)
                ]
                parameters += fixed
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
                + ", ".join([placeholders] * len(batch)),
                parameters,
            )


@dataclass
class TableChange:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def __str__(self) -> str:
        if not self.changed:
            return "unchanged"
        return f"{self.created} added, {self.updated} updated, {self.deleted} removed"


@dataclass
class WriteReport:
    tables: dict[str, TableChange] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(change.changed for change in self.tables.values())


def rows_sync(
    model: type[Model], *, fields: tuple[str, ...], rows: set[tuple], scope: Q | None = None
) -> TableChange:
    """Make the rows of `model` within `scope` exactly `rows` (tuples of `fields` values).

    Rows already present are left alone, so a second run with the same data writes nothing.
    """
    existing: dict[tuple, list[int]] = {}
    for pk, *values in (
        model.objects.filter(scope or Q())
        .values_list("pk", *fields)
        .iterator(chunk_size=BATCH_SIZE)
    ):
        existing.setdefault(tuple(values), []).append(pk)
    stale = [pk for key, pks in existing.items() if key not in rows for pk in pks]
    # Exact duplicates beyond the first copy are stale too.
    stale += [pk for key, pks in existing.items() if key in rows for pk in pks[1:]]
    fresh = sorted(rows - existing.keys(), key=repr)  # a stable order: same ids on every load
    # Delete first: a changed row (same unique key, new flag) is a stale row plus a fresh one.
    for start in range(0, len(stale), BATCH_SIZE):
        model.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
    rows_insert(model, fields, fresh)
    return TableChange(created=len(fresh), deleted=len(stale))


def objects_upsert(
    model: type[Model], *, key: str, records: dict[str, dict], fields: Iterable[str]
) -> TableChange:
    """Create or update objects identified by `key`; only fields given are compared."""
    fields = list(fields)
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    created, changed = [], []
    for record_key, values in records.items():
        obj = existing.get(record_key)
        if obj is None:
            created.append(model(**{key: record_key, **values}))
            continue
        if any(getattr(obj, name) != values[name] for name in fields):
            for name in fields:
                setattr(obj, name, values[name])
            changed.append(obj)
    model.objects.bulk_create(created, batch_size=BATCH_SIZE)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
    return TableChange(created=len(created), updated=len(changed))


def release_record(*, source: str, name: str, published: str, citation: str, facts: dict) -> bool:
    values = {"name": name, "published": published, "citation": citation, "facts": facts}
    release = DataRelease.objects.filter(source=source).first()
    if release and all(getattr(release, key) == value for key, value in values.items()):
        return False
    DataRelease.objects.update_or_create(source=source, defaults=values)
    return True


def statistics_refresh(*models: type[Model]) -> None:
    """After bulk writes PostgreSQL's planner still sees the old (often empty) tables and
    would scan them instead of using the search indexes; ANALYZE tells it the new sizes."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


TECHNOLOGY_FIELDS = ("name", "category", "hot", "in_demand")
EDUCATION_FIELDS = ("scale", "category", "label", "percent")


def release_rows(release: "OnetRelease", key: str) -> set[tuple]:
    """A release table as (O*NET-SOC code, *values) tuples."""
    if key == "reported_titles":
        return {(code, title, shown) for (code, title), shown in release.reported_titles.items()}
    return getattr(release, key)


def onet_release_write(
    *, release: "OnetRelease", include_text: bool = True, dry_run: bool = False
) -> WriteReport:
    """Write an O*NET release. Tables whose file was absent are left as they are.

    `include_text=False` (the shipped dataset) leaves descriptions and tasks untouched, since
    the dataset deliberately carries no O*NET sentences.
    """
    report = WriteReport()
    with transaction.atomic():
        occupation_fields = ["title", "major_group"]
        if "job_zones" in release.found:
            occupation_fields.append("job_zone")
        if "interests" in release.found:
            occupation_fields += [f"interest_{area}" for area in RIASEC_AREAS] + ["interest_code"]
        if include_text:
            occupation_fields.append("description")
        records = {}
        for code, data in release.occupations.items():
            values = {
                "title": data["title"],
                "major_group": code[:2],
                "description": data.get("description", ""),
                "job_zone": data.get("job_zone"),
                "interest_code": "".join(data.get("interest_code", "")),
            }
            for area in RIASEC_AREAS:
                values[f"interest_{area}"] = data.get("interests", {}).get(area)
            records[code] = {name: values[name] for name in occupation_fields}
        report.tables["occupations"] = objects_upsert(
            Occupation, key="code", records=records, fields=occupation_fields
        )
        absent = Occupation.objects.exclude(code__in=release.occupations.keys()).count()
        if absent:
            report.notes.append(f"{absent} occupations are not in this release; left as they are")
        ids = dict(Occupation.objects.values_list("code", "id"))

        element_domains = {
            domain
            for key, domain in (
                ("skills", "skill"),
                ("knowledge", "knowledge"),
                ("work_styles", "work_style"),
            )
            if key in release.found
        }
        if element_domains:
            report.tables["elements"] = objects_upsert(
                Element,
                key="element_id",
                records={
                    element_id: {"name": name, "domain": domain}
                    for element_id, (name, domain) in release.elements.items()
                },
                fields=["name", "domain"],
            )
            element_ids = dict(Element.objects.values_list("element_id", "id"))
            report.tables["element ratings"] = rows_sync(
                ElementRating,
                fields=(
                    "occupation_id",
                    "element_id",
                    "importance",
                    "level",
                    "importance_suppressed",
                    "level_suppressed",
                ),
                rows={
                    (ids[code], element_ids[element], *rating)
                    for (code, element), rating in release.ratings.items()
                    if release.elements[element][1] in element_domains
                },
                scope=Q(element__domain__in=element_domains),
            )
        tables = [  # (release table, report label, model, fields after occupation, rows)
            ("alternate_titles", "alternate titles", AlternateTitle, ("title", "short_title")),
            (
                "reported_titles",
                "reported titles",
                ReportedTitle,
                ("title", "shown_in_my_next_move"),
            ),
            ("technology_skills", "technology skills", TechnologySkill, TECHNOLOGY_FIELDS),
            ("education", "education, training and experience", EducationShare, EDUCATION_FIELDS),
        ]
        if include_text:
            tables.append(("tasks", "tasks", Task, ("task_id", "text", "core")))
        for key, label, model, fields in tables:
            if key in release.found:
                report.tables[label] = rows_sync(
                    model,
                    fields=("occupation_id", *fields),
                    rows={(ids[code], *rest) for code, *rest in release_rows(release, key)},
                )
        if "related" in release.found:
            report.tables["related occupations"] = rows_sync(
                RelatedOccupation,
                fields=("occupation_id", "related_id", "tier", "rank"),
                rows={
                    (ids[code], ids[other], tier, rank)
                    for code, other, tier, rank in release.related
                },
            )
        rated = sum(1 for data in release.occupations.values() if data.get("job_zone"))
        if release_record(
            source=DataRelease.Source.ONET,
            name=release.name,
            published=release.published,
            citation=f"{release.name}, {release.published}".strip(", "),
            facts={"occupations": len(release.occupations), "rated_occupations": rated},
        ):
            report.tables["releases"] = TableChange(updated=1)
        if dry_run:
            transaction.set_rollback(True)
    if report.changed and not dry_run:
        statistics_refresh(
            Occupation, AlternateTitle, ReportedTitle, ElementRating, TechnologySkill
        )
    return report


PROJECTION_FIELDS = (
    "employment_base",
    "employment_projected",
    "change_percent",
    "annual_openings",
    "median_wage_projections",
)
PROJECTION_TEXT_FIELDS = ("entry_education", "work_experience", "job_training")
# The stored BLS figures, in the order the shipped dataset lists them. strong_outlook is
# not among them: it is worked out on every write from these figures (Truest's rule).
BLS_FIELDS = (
    "title",
    *PROJECTION_FIELDS,
    *PROJECTION_TEXT_FIELDS,
    *(f"wage_{key}" for key in WAGE_PERCENTILES),
    "wage_top_coded_percentiles",
    "wage_hourly_only",
    *(f"wage_hourly_{key}" for key in WAGE_PERCENTILES),
    "wage_code",
)


def bls_release_write(*, release: "BlsRelease", dry_run: bool = False) -> WriteReport:
    """Write BLS figures and link O*NET occupations to them through the crosswalk."""
    if not Occupation.objects.exists():
        raise CommandError("No occupations yet: import O*NET (or load the dataset) first.")
    onet_codes = set(Occupation.objects.values_list("code", flat=True))
    needed = {release.crosswalk[code] for code in onet_codes if code in release.crosswalk}
    records: dict[str, dict] = {}
    for code in sorted(needed):
        figures, wages = release.projections.get(code), release.wages.get(code)
        if figures is None and wages is None:
            continue
        figures, wages = figures or {}, wages or {}
        hourly = wages.get("hourly", {})
        records[code] = {
            "title": figures.get("title") or code,
            **{name: figures.get(name) for name in PROJECTION_FIELDS},
            **{name: figures.get(name, "") for name in PROJECTION_TEXT_FIELDS},
            **{f"wage_{key}": wages.get(key) for key in WAGE_PERCENTILES},
            "wage_top_coded_percentiles": wages.get("top_coded", []),
            "wage_hourly_only": wages.get("hourly_only", False),
            **{f"wage_hourly_{key}": hourly.get(key) for key in WAGE_PERCENTILES},
            "wage_code": code if wages else "",
        }
    period, wages_period = release.projections_period, release.wages_period
    releases = [
        {
            "source": DataRelease.Source.BLS_PROJECTIONS,
            "name": f"BLS Employment Projections {period}".strip(),
            "published": period,
            "citation": f"BLS Employment Projections {period}".strip(),
            "facts": {"all_occupations_change_percent": release.all_occupations_change_percent},
        },
        {
            "source": DataRelease.Source.BLS_OEWS,
            "name": "BLS Occupational Employment and Wage Statistics",
            "published": wages_period,
            "citation": f"BLS OEWS {wages_period}".strip(),
            "facts": {
                "top_code_annual": release.wage_top_code_annual,
                "top_code_hourly": str(release.wage_top_code_hourly),
            },
        },
        {
            "source": DataRelease.Source.BLS_CROSSWALK,
            "name": "BLS O*NET-SOC to National Employment Matrix crosswalk",
            "published": f"as of {release.crosswalk_as_of}" if release.crosswalk_as_of else "",
            "citation": "BLS O*NET-SOC to NEM crosswalk",
            "facts": {"pairs": len(release.crosswalk)},
        },
    ]
    return bls_figures_write(
        records=records, links=release.crosswalk, releases=releases, dry_run=dry_run
    )


def bls_figures_write(
    *, records: dict[str, dict], links: dict[str, str], releases: list[dict], dry_run: bool = False
) -> WriteReport:
    """Store BLS occupations, point each O*NET occupation at its BLS occupation (`links`:
    O*NET-SOC code → BLS code) and record the releases. Shared by the importer and the
    shipped-dataset loader. `records` hold BLS_FIELDS; strong_outlook is derived here."""
    projections = next(
        (r for r in releases if r["source"] == DataRelease.Source.BLS_PROJECTIONS), {}
    )
    all_change = projections.get("facts", {}).get("all_occupations_change_percent")
    for values in records.values():
        values["strong_outlook"] = strong_outlook_of(
            change_percent=values["change_percent"],
            annual_openings=values["annual_openings"],
            all_change=all_change,
        )
    report = WriteReport()
    with transaction.atomic():
        report.tables["BLS occupations"] = objects_upsert(
            BlsOccupation, key="code", records=records, fields=[*BLS_FIELDS, "strong_outlook"]
        )
        bls_ids = dict(BlsOccupation.objects.values_list("code", "id"))
        relinked = []
        for occupation in Occupation.objects.only("id", "code", "bls_id"):
            target = bls_ids.get(links.get(occupation.code, ""))
            if occupation.bls_id != target:
                occupation.bls_id = target
                relinked.append(occupation)
        Occupation.objects.bulk_update(relinked, ["bls"], batch_size=BATCH_SIZE)
        report.tables["occupation links"] = TableChange(updated=len(relinked))

        linked = Occupation.objects.filter(bls__isnull=False)
        with_projection = linked.filter(bls__employment_base__isnull=False).count()
        with_wages = linked.filter(bls__wage_median__isnull=False).count()
        hourly_only = linked.filter(bls__wage_hourly_only=True).count()
        report.notes.append(
            f"{with_projection} O*NET occupations have projections and {with_wages} have wages "
            f"({hourly_only} more only hourly wages; through {len(records)} BLS occupations)"
        )
        changed = False
        for values in releases:
            changed |= release_record(**values)
        if changed:
            report.tables["releases"] = TableChange(updated=1)
        if dry_run:
            transaction.set_rollback(True)
    return report
