"""Load fit checks and interest items from assessments/catalog/ (format in its README).

Same rules as the role catalog: validated first, written in one transaction, and a fit
check whose file has not changed is left as editors left it in admin.
"""

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction

from assessments.models import FitCheck, FitDimension, FitStatement, InterestItem
from careers.landscape import RIASEC_AREAS
from careers.models import JobFamily

ASSESSMENTS_DIR = Path(settings.BASE_DIR) / "assessments" / "catalog"
STATEMENTS = (10, 16)
DIMENSIONS = (4, 6)
ITEMS_PER_AREA = 10


class AssessmentCatalogError(CommandError):
    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path.name}: {problem}")


@dataclass
class AssessmentReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    interests: str = "unchanged"

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated) or self.interests == "loaded"


def _read(path: Path) -> tuple[dict, str]:
    raw = path.read_bytes()
    try:
        return tomllib.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest()
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise AssessmentCatalogError(path, f"not valid TOML: {error}") from None


def _text(path: Path, where: str, value) -> str:
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise AssessmentCatalogError(path, f"{where}: must be non-empty text")
    return value


def fit_check_validate(path: Path, data: dict) -> None:
    if data.get("family") != path.stem:
        raise AssessmentCatalogError(path, "family must match the file name")
    if not isinstance(data.get("version"), int) or data["version"] < 1:
        raise AssessmentCatalogError(path, "version: must be a whole number from 1")
    _text(path, "intro", data.get("intro"))
    dimensions = data.get("dimensions") or []
    if not DIMENSIONS[0] <= len(dimensions) <= DIMENSIONS[1]:
        raise AssessmentCatalogError(path, f"needs 4–6 dimensions, has {len(dimensions)}")
    keys = set()
    for index, dimension in enumerate(dimensions):
        where = f"dimensions[{index}]"
        for key in ("key", "name", "measures", "thrive", "find_hard"):
            _text(path, f"{where}.{key}", dimension.get(key))
        if dimension["key"] in keys:
            raise AssessmentCatalogError(path, f"{where}.key: {dimension['key']!r} is used twice")
        keys.add(dimension["key"])
        weights = [dimension.get("weight", 1.0), *dict(dimension.get("level_weights", {})).values()]
        for weight in weights:
            if not isinstance(weight, int | float) or not 0.5 <= weight <= 2.0:
                raise AssessmentCatalogError(
                    path, f"{where}: weights must be 0.5–2.0, not {weight!r}"
                )
    statements = data.get("statements") or []
    if not STATEMENTS[0] <= len(statements) <= STATEMENTS[1]:
        raise AssessmentCatalogError(path, f"needs 10–16 statements, has {len(statements)}")
    for index, statement in enumerate(statements):
        where = f"statements[{index}]"
        _text(path, f"{where}.text", statement.get("text"))
        if statement.get("dimension") not in keys:
            raise AssessmentCatalogError(
                path, f"{where}.dimension: no dimension {statement.get('dimension')!r}"
            )
        for flag in ("reverse", "deal_breaker"):
            if not isinstance(statement.get(flag), bool):
                raise AssessmentCatalogError(path, f"{where}.{flag}: must be true or false")
    for key in keys:
        if not any(statement["dimension"] == key for statement in statements):
            raise AssessmentCatalogError(path, f"dimension {key!r} has no statements")


def interests_validate(path: Path, data: dict) -> list[dict]:
    items = data.get("items") or []
    for index, item in enumerate(items):
        if item.get("area") not in RIASEC_AREAS:
            raise AssessmentCatalogError(
                path, f"items[{index}].area: must be one of {', '.join(RIASEC_AREAS)}"
            )
        _text(path, f"items[{index}].text", item.get("text"))
    for area in RIASEC_AREAS:
        count = sum(1 for item in items if item["area"] == area)
        if count != ITEMS_PER_AREA:
            raise AssessmentCatalogError(path, f"{area}: {count} items, needs {ITEMS_PER_AREA}")
    return items


def _fit_check_write(data: dict, digest: str, family: JobFamily) -> None:
    check, _ = FitCheck.objects.update_or_create(
        family=family,
        defaults={"version": data["version"], "intro": data["intro"], "catalog_digest": digest},
    )
    check.statements.all().delete()
    check.dimensions.all().delete()
    dimensions = {}
    for order, item in enumerate(data["dimensions"]):
        dimensions[item["key"]] = FitDimension.objects.create(
            fit_check=check,
            key=item["key"],
            name=item["name"],
            measures=item["measures"],
            weight=item.get("weight", 1.0),
            level_weights=dict(item.get("level_weights", {})),
            thrive=item["thrive"],
            find_hard=item["find_hard"],
            order=order,
        )
    FitStatement.objects.bulk_create(
        FitStatement(
            fit_check=check,
            dimension=dimensions[item["dimension"]],
            text=item["text"],
            reverse_keyed=item["reverse"],
            deal_breaker=item["deal_breaker"],
            order=order,
        )
        for order, item in enumerate(data["statements"])
    )


def _items_digest(items: list[tuple[str, str]]) -> str:
    return hashlib.sha256(repr(items).encode("utf-8")).hexdigest()


def _interests_write(interest_items: list[dict], *, force: bool) -> str:
    """The file's items, unless editors changed the items in admin since the last load:
    then the file does not overwrite them (a conflict to resolve, or `--force`)."""
    wanted = [(item["area"], item["text"]) for item in interest_items]
    rows = list(InterestItem.objects.order_by("order", "id"))
    current = [(row.area, row.text) for row in rows]
    loaded = {row.catalog_digest for row in rows}
    if not force and loaded == {_items_digest(wanted)}:
        return "unchanged"  # the file is as last loaded: whatever editors changed stays
    if not force and current == wanted:
        InterestItem.objects.update(catalog_digest=_items_digest(wanted))
        return "unchanged"
    if not force and rows and loaded != {_items_digest(current)}:
        return (
            "CONFLICT: edited in admin since the last load and changed in interests.toml; "
            "the editors' version was kept (load with --force to replace it)"
        )
    InterestItem.objects.all().delete()
    InterestItem.objects.bulk_create(
        InterestItem(area=area, text=text, order=order, catalog_digest=_items_digest(wanted))
        for order, (area, text) in enumerate(wanted)
    )
    return "loaded"


def assessment_catalog_load(
    directory: Path = ASSESSMENTS_DIR, *, force: bool = False, dry_run: bool = False
) -> AssessmentReport:
    report = AssessmentReport()
    fit_files = []
    for path in sorted((directory / "fit").glob("*.toml")):
        data, digest = _read(path)
        fit_check_validate(path, data)
        fit_files.append((path, data, digest))
    interests_path = directory / "interests.toml"
    interest_items = interests_validate(interests_path, _read(interests_path)[0])
    with transaction.atomic():
        families = {family.slug: family for family in JobFamily.objects.all()}
        digests = dict(FitCheck.objects.values_list("family__slug", "catalog_digest"))
        for path, data, digest in fit_files:
            family = families.get(data["family"])
            if family is None:
                raise AssessmentCatalogError(
                    path, f"no job family {data['family']!r} (load the role catalog first)"
                )
            if not force and digests.get(family.slug) == digest:
                report.unchanged.append(family.slug)
                continue
            (report.updated if family.slug in digests else report.created).append(family.slug)
            _fit_check_write(data, digest, family)
        report.interests = _interests_write(interest_items, force=force)
        if dry_run:
            transaction.set_rollback(True)
    return report
