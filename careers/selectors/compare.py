"""Compare: up to four roles side by side."""

from dataclasses import dataclass
from itertools import combinations

from django.db.models import Q

from careers.models import Role, Variation
from careers.selectors.links import FigureBasis, figure_bases, figures_compare
from careers.selectors.skills import SkillNeed, role_skill_needs, skill_requirements_for
from careers.selectors.sources import DataSources
from careers.templatetags.figures import count, signed_percent, wage

COMPARE_MAX = 4


@dataclass
class ComparedRole:
    role: Role
    basis: FigureBasis
    skills: dict[int, SkillNeed]
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
    """The roles in the order asked for, with their effective skills and variations. Four
    queries whatever the number of roles or skills."""
    roles = {
        role.slug: role
        for role in Role.objects.visible_to(user).with_landscape().filter(slug__in=slugs)
    }
    ordered = [roles[slug] for slug in slugs if slug in roles]
    requirements = skill_requirements_for(ordered)
    bases = figure_bases(ordered)
    variations = list(
        Variation.objects.filter(
            Q(role_id__in=[role.id for role in ordered])
            | Q(family_id__in={role.family_id for role in ordered})
        )
    )
    return [
        ComparedRole(
            role=role,
            basis=bases[role.id],
            skills={need.skill.pk: need for need in role_skill_needs(requirements, role)},
            variations=Variation.effective_for(variations, role),
        )
        for role in ordered
    ]


def compare_rows(compared: list[ComparedRole], sources: DataSources) -> list[CompareRow]:
    """Key figures side by side, as text, each row with its source."""

    def figure(item: ComparedRole, name: str, formatter) -> str:
        figures = item.basis.bls
        return formatter(getattr(figures, name)) if figures else "not available"

    def figures_for(item: ComparedRole) -> str:
        basis = item.basis
        if basis.bls is None:
            return "no BLS figures"
        kind = " — an “all other” group" if basis.is_all_other else ""
        if not kind and basis.is_aggregate:
            kind = f" — a group of {basis.group_size} O*NET occupations"
        return basis.figure_title + kind

    return [
        CompareRow("Job family", [c.role.family.name for c in compared]),
        CompareRow(
            "Level",
            [f"{c.role.level.name} ({c.role.level.get_track_display().lower()})" for c in compared],
        ),
        CompareRow(
            "Typical experience", [f"{c.role.years_min}–{c.role.years_max} years" for c in compared]
        ),
        CompareRow(
            "O*NET occupation",
            [
                f"{c.role.occupation.title} ({c.role.get_occupation_match_display().split(':')[0]})"
                if c.role.occupation
                else "not linked"
                for c in compared
            ],
            source=sources.onet.citation if sources.onet else "",
        ),
        CompareRow("Figures below are for", [figures_for(c) for c in compared]),
        CompareRow(
            "Median wage",
            [wage(c.basis.bls, "median") if c.basis.bls else "not available" for c in compared],
            source=sources.wages.citation if sources.wages else "",
        ),
        CompareRow(
            "Projected growth",
            [figure(c, "change_percent", signed_percent) for c in compared],
            source=sources.projections.citation if sources.projections else "",
        ),
        CompareRow(
            "Openings a year",
            [figure(c, "annual_openings", count) for c in compared],
            source=sources.projections.citation if sources.projections else "",
        ),
        CompareRow(
            "Job Zone",
            [
                str(c.role.occupation.job_zone or "–") if c.role.occupation else "–"
                for c in compared
            ],
            source=sources.onet.citation if sources.onet else "",
        ),
        CompareRow(
            "Typical entry education",
            [
                (c.basis.bls.entry_education or "not published") if c.basis.bls else "not available"
                for c in compared
            ],
            source=sources.projections.citation if sources.projections else "",
        ),
    ]


def compare_figure_notes(compared: list[ComparedRole]) -> list[str]:
    """What a reader must know before reading a difference in the figures: roles that share
    one BLS figure, and comparisons that rest on an aggregate or a closest match."""
    notes = []
    caveats = []
    for first, second in combinations(compared, 2):
        comparison = figures_compare(first.basis, second.basis)
        if comparison.kind == "same":
            notes.append(
                f"{first.role.title} and {second.role.title}: BLS publishes one figure for "
                f"both ({first.basis.figure_title}), so the figures cannot tell them apart. "
                "BLS does not publish pay by level."
            )
        caveats += comparison.caveats
    if caveats:
        notes.append(
            "Differences in these figures are indicative only: "
            + "; ".join(dict.fromkeys(caveats))
            + ". Part of a difference may come from how the roles map to BLS codes."
        )
    return notes


def compare_skills(compared: list[ComparedRole]) -> list[tuple[str, list[int | None], bool]]:
    """Every skill any of the roles lists (on the shared vocabulary, so a synonym is the
    same skill): its importance in each (None: not listed), and whether all list it."""
    needs = {pk: need for item in compared for pk, need in item.skills.items()}
    ordered = sorted(
        needs,
        key=lambda pk: (
            -max(item.skills[pk].importance if pk in item.skills else 0 for item in compared),
            needs[pk].skill.name,
        ),
    )
    return [
        (
            needs[pk].skill.name,
            [item.skills[pk].importance if pk in item.skills else None for item in compared],
            all(pk in item.skills for item in compared),
        )
        for pk in ordered
    ]
