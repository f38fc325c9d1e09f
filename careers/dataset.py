"""The compact landscape dataset shipped in the repository (careers/data/landscape.json.gz).

It holds facts and figures only — codes, titles, alternate and reported titles, numbers (with
O*NET's suppression flags and OEWS's top-coded and hourly-only wages), element and
technology names, related pairs, BLS figures and the releases they came from — so a fresh
machine has the whole landscape without the original files. It never holds O*NET
description or task sentences. Rebuild it with `make dataset` (see README).
"""

import gzip
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from careers.importing import (
    BLS_FIELDS,
    EDUCATION_FIELDS,
    TECHNOLOGY_FIELDS,
    WriteReport,
    bls_figures_write,
    onet_release_write,
)
from careers.landscape import RIASEC_AREAS, WAGE_PERCENTILES
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
    TechnologySkill,
)
from careers.onet import OnetRelease

# 2: reported titles, rating suppression flags, hourly-only and top-coded wages.
FORMAT = 2
DEFAULT_PATH = Path(settings.BASE_DIR) / "careers" / "data" / "landscape.json.gz"
ONET_TABLES = (
    "occupations",
    "job_zones",
    "interests",
    "alternate_titles",
    "reported_titles",
    "skills",
    "knowledge",
    "work_styles",
    "technology_skills",
    "education",
    "related",
)


DECIMAL_FIELDS = tuple(f"wage_hourly_{key}" for key in WAGE_PERCENTILES)


def dataset_build() -> dict:
    """Read the current landscape from the database into the dataset structure."""
    interest_fields = [f"interest_{area}" for area in RIASEC_AREAS]
    occupations = [
        [code, title, zone, *interests, interest_code, bls_code]
        for code, title, zone, *interests, interest_code, bls_code in Occupation.objects.order_by(
            "code"
        ).values_list("code", "title", "job_zone", *interest_fields, "interest_code", "bls__code")
    ]
    return {
        "format": FORMAT,
        "releases": list(
            DataRelease.objects.order_by("source").values(
                "source", "name", "published", "citation", "facts"
            )
        ),
        "occupations": occupations,
        "elements": list(map(list, Element.objects.values_list("element_id", "name", "domain"))),
        "ratings": sorted(
            map(
                list,
                ElementRating.objects.values_list(
                    "occupation__code",
                    "element__element_id",
                    "importance",
                    "level",
                    "importance_suppressed",
                    "level_suppressed",
                ),
            )
        ),
        "alternate_titles": sorted(
            map(
                list, AlternateTitle.objects.values_list("occupation__code", "title", "short_title")
            )
        ),
        "reported_titles": sorted(
            map(
                list,
                ReportedTitle.objects.values_list(
                    "occupation__code", "title", "shown_in_my_next_move"
                ),
            )
        ),
        "technology_skills": sorted(
            map(
                list,
                TechnologySkill.objects.values_list("occupation__code", *TECHNOLOGY_FIELDS),
            )
        ),
        "education": sorted(
            map(list, EducationShare.objects.values_list("occupation__code", *EDUCATION_FIELDS))
        ),
        "related": sorted(
            map(
                list,
                RelatedOccupation.objects.values_list(
                    "occupation__code", "related__code", "tier", "rank"
                ),
            )
        ),
        "bls": [
            # Hourly wages are exact cents: kept as text so JSON does not turn them into floats.
            [str(value) if isinstance(value, Decimal) else value for value in row]
            for row in BlsOccupation.objects.order_by("code").values_list("code", *BLS_FIELDS)
        ],
    }


def dataset_write(data: dict, path: Path = DEFAULT_PATH) -> int:
    """Write the dataset deterministically (same data → same bytes); returns its size."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out,
    ):
        out.write(payload.encode())
    return path.stat().st_size


def dataset_read(path: Path = DEFAULT_PATH) -> dict:
    from careers.importing import ImportDataError

    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise ImportDataError(path, None, "dataset file not found") from None
    except (OSError, json.JSONDecodeError, EOFError) as error:
        raise ImportDataError(path, None, f"not a readable dataset ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportDataError(path, None, f"unknown dataset format (expected {FORMAT})")
    return data


def dataset_load(data: dict, *, dry_run: bool = False) -> list[tuple[str, WriteReport]]:
    """Write a dataset through the same writers the importers use (idempotent)."""
    from django.db import transaction

    release = OnetRelease(found={table: Path("landscape.json.gz") for table in ONET_TABLES})
    onet = next((r for r in data["releases"] if r["source"] == DataRelease.Source.ONET), None)
    if onet:
        release.name, release.published = onet["name"], onet["published"]
    links = {}
    for code, title, zone, *rest in data["occupations"]:
        *interests, interest_code, bls_code = rest
        release.occupations[code] = {
            "title": title,
            "job_zone": zone,
            "interests": dict(zip(RIASEC_AREAS, interests, strict=True)),
            "interest_code": list(interest_code),
        }
        if bls_code:
            links[code] = bls_code
    release.elements = {element_id: (name, domain) for element_id, name, domain in data["elements"]}
    release.ratings = {(code, element): rest for code, element, *rest in data["ratings"]}
    release.alternate_titles = set(map(tuple, data["alternate_titles"]))
    release.reported_titles = {
        (code, title): shown for code, title, shown in data["reported_titles"]
    }
    release.technology_skills = set(map(tuple, data["technology_skills"]))
    release.education = set(map(tuple, data["education"]))
    release.related = set(map(tuple, data["related"]))
    records = {row[0]: dict(zip(BLS_FIELDS, row[1:], strict=True)) for row in data["bls"]}
    for values in records.values():
        for key in DECIMAL_FIELDS:
            if values[key] is not None:
                values[key] = Decimal(values[key])
    bls_releases = [r for r in data["releases"] if r["source"] != DataRelease.Source.ONET]
    with transaction.atomic():
        reports = [
            ("O*NET", onet_release_write(release=release, include_text=False)),
            ("BLS", bls_figures_write(records=records, links=links, releases=bls_releases)),
        ]
        if dry_run:
            transaction.set_rollback(True)
    return reports
