"""Compare: up to four roles side by side."""

from dataclasses import dataclass

from django.db.models import Q

from careers.models import Role, Skill, Variation
from careers.selectors.sources import DataSources
from careers.templatetags.figures import count, dollars, signed_percent

COMPARE_MAX = 4


@dataclass
class ComparedRole:
    role: Role
    skills: dict[str, int]
    variations: list[Variation]


@dataclass
class CompareRow:
    label: str
    values: list[str]
    source: str = ""

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


def roles_compare(*, slugs: list[str], user) -> list[ComparedRole]:
    """The roles in the order asked for, with their effective skills and variations. Three
    queries whatever the number of roles or skills."""
    roles = {
        role.slug: role
        for role in Role.objects.visible_to(user).with_landscape().filter(slug__in=slugs)
    }
    ordered = [roles[slug] for slug in slugs if slug in roles]
    role_ids = [role.id for role in ordered]
    family_ids = {role.family_id for role in ordered}
    skills = list(Skill.objects.filter(Q(role_id__in=role_ids) | Q(family_id__in=family_ids)))
    variations = list(
        Variation.objects.filter(Q(role_id__in=role_ids) | Q(family_id__in=family_ids))
    )
    compared = []
    for role in ordered:
        own = [s for s in skills if s.role_id == role.id]
        effective = own or [s for s in skills if s.family_id == role.family_id]
        own_variations = [v for v in variations if v.role_id == role.id]
        compared.append(
            ComparedRole(
                role=role,
                skills={s.name: s.importance for s in effective},
                variations=own_variations
                or [v for v in variations if v.family_id == role.family_id],
            )
        )
    return compared


def compare_rows(compared: list[ComparedRole], sources: DataSources) -> list[CompareRow]:
    """Key figures side by side, as text, each row with its source."""

    def bls(item: ComparedRole):
        occupation = item.role.family.occupation
        return occupation.bls if occupation else None

    def figure(item: ComparedRole, name: str, formatter) -> str:
        figures = bls(item)
        return formatter(getattr(figures, name)) if figures else "not available"

    rows = [
        CompareRow("Job family", [c.role.family.name for c in compared]),
        CompareRow(
            "Level",
            [f"{c.role.level.name} ({c.role.level.get_track_display().lower()})" for c in compared],
        ),
        CompareRow(
            "Typical experience", [f"{c.role.years_min}–{c.role.years_max} years" for c in compared]
        ),
        CompareRow(
            "Broader occupation",
            [
                c.role.family.occupation.title if c.role.family.occupation else "not linked"
                for c in compared
            ],
        ),
        CompareRow(
            "Median wage of the occupation",
            [figure(c, "wage_median", dollars) for c in compared],
            source=sources.wages.citation if sources.wages else "",
        ),
        CompareRow(
            "Projected growth of the occupation",
            [figure(c, "change_percent", signed_percent) for c in compared],
            source=sources.projections.citation if sources.projections else "",
        ),
        CompareRow(
            "Openings a year in the occupation",
            [figure(c, "annual_openings", count) for c in compared],
            source=sources.projections.citation if sources.projections else "",
        ),
        CompareRow(
            "Job Zone",
            [
                str(c.role.family.occupation.job_zone or "–") if c.role.family.occupation else "–"
                for c in compared
            ],
            source=sources.onet.citation if sources.onet else "",
        ),
        CompareRow(
            "Typical entry education",
            [
                (bls(c).entry_education or "not published") if bls(c) else "not available"
                for c in compared
            ],
            source=sources.projections.citation if sources.projections else "",
        ),
    ]
    return rows


def compare_skills(compared: list[ComparedRole]) -> list[tuple[str, list[int | None], bool]]:
    """Every skill any of the roles lists: its importance in each (None: not listed), and
    whether all of them list it."""
    names = {name for item in compared for name in item.skills}
    ordered = sorted(
        names, key=lambda name: (-max(item.skills.get(name, 0) for item in compared), name)
    )
    return [
        (
            name,
            [item.skills.get(name) for item in compared],
            all(name in item.skills for item in compared),
        )
        for name in ordered
    ]
