"""Load the interest profile's items from assessments/catalog/interests.toml (format in
the catalog's README; the work-style profile has its own loader, profile_load.py).

Same rules as the role catalog: validated first, written in one transaction, and items
whose file has not changed are left as editors left them in admin.
"""

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction

from assessments.models import InterestItem
from careers.landscape import RIASEC_AREAS

ASSESSMENTS_DIR = Path(settings.BASE_DIR) / "assessments" / "catalog"
ITEMS_PER_AREA = 10


class AssessmentCatalogError(CommandError):
    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path.name}: {problem}")


@dataclass
class AssessmentReport:
    interests: str = "unchanged"

    @property
    def changed(self) -> bool:
        return self.interests == "loaded"


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
    interests_path = directory / "interests.toml"
    interest_items = interests_validate(interests_path, _read(interests_path)[0])
    with transaction.atomic():
        report.interests = _interests_write(interest_items, force=force)
        if dry_run:
            transaction.set_rollback(True)
    return report
