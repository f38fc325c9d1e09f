"""Two measures of the catalog that catalog_report prints and the tests hold to.

Level-specific pages: for each pair of adjacent rungs in a family, the share of the upper
rung's sentences (in the sections a reader takes as the rung's own: summary, scope, what
it's like, the hardest part, who thrives and who finds it hard, as the page shows them,
the family's text where the role has none) that appear word for word on the lower rung's
page. No pair may share more than MAX_SHARED.

Coverage of the field: every O*NET occupation in the computer occupations (codes starting
15-12) and the named neighbours in FIELD_EXTRA is the primary or a secondary occupation of
a published role, except at most MAX_LEFT_OUT left out with a reason in coverage.toml.
"""

import itertools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from careers.catalog_files import CATALOG_DIR
from careers.models import JobFamily, Occupation, Role, SecondaryOccupation
from careers.selectors.roles import role_sections

LEVEL_SECTIONS = ("summary", "scope", "what_its_like", "hardest_part", "thrives", "finds_hard")
MAX_SHARED = 0.30
FIELD_PREFIX = "15-12"
# Data Scientists, Computer Hardware Engineers, Project Management Specialists, Sales
# Engineers, Computer and Information Systems Managers.
FIELD_EXTRA = ("15-2051.00", "17-2061.00", "13-1082.00", "41-9031.00", "11-3021.00")
MAX_LEFT_OUT = 5
COVERAGE_FILE = CATALOG_DIR / "coverage.toml"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(sections: dict) -> set[str]:
    found = set()
    for name in LEVEL_SECTIONS:
        value = sections.get(name) or ""
        for text in value if isinstance(value, list) else [value]:
            for sentence in SENTENCE_END.split(str(text)):
                normal = " ".join(sentence.split()).strip().lower()
                if len(normal.split()) >= 4:
                    found.add(normal)
    return found


@dataclass(frozen=True)
class LevelOverlap:
    family: str
    lower: str
    upper: str
    shared: int
    total: int

    @property
    def share(self) -> float:
        return self.shared / self.total if self.total else 0.0


def adjacent_level_overlaps() -> list[LevelOverlap]:
    """Every pair of adjacent published rungs in each family (a few queries per role)."""
    overlaps = []
    for family in JobFamily.objects.order_by("name"):
        roles = sorted(
            family.roles.published().select_related("level", "family"),
            key=lambda role: (role.level.track, role.level.order),
        )
        text = {role.pk: sentences(role_sections(role)[0]) for role in roles}
        for lower, upper in itertools.pairwise(roles):
            if lower.level.track != upper.level.track:
                continue
            upper_text = text[upper.pk]
            overlaps.append(
                LevelOverlap(
                    family=family.slug,
                    lower=lower.slug,
                    upper=upper.slug,
                    shared=len(upper_text & text[lower.pk]),
                    total=len(upper_text),
                )
            )
    return overlaps


@dataclass(frozen=True)
class Coverage:
    covered: dict[str, list[str]]  # code → role slugs
    left_out: dict[str, str]  # code → reason
    missing: list[str]  # neither covered nor left out with a reason
    titles: dict[str, str]


def left_out_read(path: Path | None = None) -> dict[str, str]:
    path = path or COVERAGE_FILE
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {entry["code"]: entry["reason"].strip() for entry in data.get("left_out", [])}


def field_coverage() -> Coverage:
    field = dict(
        Occupation.objects.filter(code__startswith=FIELD_PREFIX).values_list("code", "title")
    )
    field |= dict(Occupation.objects.filter(code__in=FIELD_EXTRA).values_list("code", "title"))
    covered: dict[str, list[str]] = {}
    for code, slug in Role.objects.published().values_list("occupation__code", "slug"):
        covered.setdefault(code, []).append(slug)
    for code, slug in SecondaryOccupation.objects.filter(
        role__status=Role.Status.PUBLISHED
    ).values_list("occupation__code", "role__slug"):
        covered.setdefault(code, []).append(slug)
    left_out = left_out_read()
    return Coverage(
        covered={code: sorted(set(covered[code])) for code in field if code in covered},
        left_out={code: reason for code, reason in left_out.items() if code in field},
        missing=sorted(code for code in field if code not in covered and code not in left_out),
        titles=field,
    )
