"""Role pages, role browse, and what keeps a role from being publishable."""

from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from careers.content import role_content_problems
from careers.models import (
    InterviewQuestion,
    Role,
    SecondaryOccupation,
    TechnologySkill,
    Variation,
)
from careers.selectors.links import FigureBasis, figure_bases
from careers.selectors.skills import (
    SkillNeed,
    role_skill_needs,
    skill_requirements_for,
)
from careers.selectors.sources import DataSources, data_sources, growth_band_filter
from careers.versioning import per_content_version, per_content_version_by


def role_sections(role: Role) -> tuple[dict, list]:
    """A role's effective sections (its own or its family's) and what keeps it from being
    publishable. Used by the publish action and catalog_report; a few queries per role."""
    family = role.family
    skills = role_skill_needs(skill_requirements_for([role]) if role.pk else [], role)
    variations = Variation.effective_for(
        list(Variation.objects.filter(family=family))
        + (list(Variation.objects.filter(role=role)) if role.pk else []),
        role,
    )
    questions = list(InterviewQuestion.objects.filter(family=family, levels=role.level_id))
    sections = {
        "summary": role.summary,
        "scope": role.scope,
        "what_its_like": role.what_its_like,
        "hardest_part": role.shared("hardest_part"),
        "thrives": role.shared("thrives"),
        "finds_hard": role.shared("finds_hard"),
        "landscape_note": family.landscape_note,
        "category_changing": role.shared("category_changing"),
        "background": role.shared("background"),
        "skills": [f"{need.skill.name}: {need.note}" for need in skills],
        "variations": [f"{v.factor}: {v.detail}" for v in variations],
        "interview_questions": [q.question for q in questions],
    }
    return sections, role_content_problems(sections)


@dataclass
class RoleProfile:
    role: Role
    basis: FigureBasis
    secondary_occupations: list[SecondaryOccupation]
    skills: list[SkillNeed]
    variations: list[Variation]
    questions: list[InterviewQuestion]
    question_kinds: list[tuple[str, str, int]]
    kind: str
    tools: list[tuple[str, list[tuple[str, bool]]]]
    rising_technology: list[str]
    sources: DataSources
    hardest_part: str = ""
    thrives: list[str] = field(default_factory=list)
    finds_hard: list[str] = field(default_factory=list)
    category_changing: str = ""
    background: str = ""
    certifications: str = ""


def _tool_matches(tool: str, technology_names: dict[str, bool]) -> bool | None:
    """Whether O*NET lists a catalog tool for the occupation (None: not listed), and if it is
    in demand there. O*NET names often add a word ("Ansible software")."""
    key = tool.lower()
    for name, hot in technology_names.items():
        if name == key or name.startswith(key + " ") or name.startswith(key + ","):
            return hot
    return None


@per_content_version
def published_roles_by_slug() -> dict[str, Role]:
    """Every published role with what its page and its card need (its figure basis as
    `basis`), once per content version and process: one copy of each role serves every
    page, and a role page finds its role without a query."""
    roles = list(Role.objects.published().with_landscape())
    bases = figure_bases(roles)
    for role in roles:
        role.basis = bases[role.id]
    return {role.slug: role for role in roles}


def role_profile_cached(role: Role, *, kind: str = "") -> RoleProfile:
    """role_profile, built once per content version and process: a page's derived data
    (Markdown rendered, fall-backs resolved, skills ranked) is never built per request.
    Every edit, load and import raises the version, so a profile is never stale."""
    return _role_profile_of_this_version(role, kind=kind)


def role_profile(role: Role, *, kind: str = "") -> RoleProfile:
    """Everything the role page shows, in a fixed number of queries whatever the content.
    `role` comes from `Role.objects.with_landscape()`."""
    family = role.family
    requirements = skill_requirements_for([role])
    bases = figure_bases([role])
    variations = list(Variation.objects.filter(role=role) | Variation.objects.filter(family=family))
    questions = list(InterviewQuestion.objects.filter(family=family, levels=role.level))
    kinds = [
        (value, label, sum(1 for q in questions if q.kind == value))
        for value, label in InterviewQuestion.Kind.choices
    ]
    shown = [q for q in questions if not kind or q.kind == kind]

    # O*NET's "In Demand" flag: technologies frequently named in the occupation's job postings.
    in_demand: dict[str, bool] = {}
    rising: list[str] = []
    if role.occupation_id:
        for name, flagged in TechnologySkill.objects.filter(
            occupation_id=role.occupation_id
        ).values_list("name", "in_demand"):
            in_demand[name.lower()] = in_demand.get(name.lower(), False) or flagged
            if flagged:
                rising.append(name)
    tools = [
        (category, [(tool, _tool_matches(tool, in_demand)) for tool in names])
        for category, names in role.shared("tools").items()
    ]

    needs = role_skill_needs(requirements, role)

    return RoleProfile(
        role=role,
        basis=bases[role.id],
        secondary_occupations=list(
            role.secondary_occupations.select_related("occupation", "occupation__bls")
        ),
        skills=needs,
        variations=Variation.effective_for(variations, role),
        questions=shown,
        question_kinds=kinds,
        kind=kind,
        tools=tools,
        rising_technology=sorted(set(rising), key=str.lower),
        sources=data_sources(),
        **{name: role.shared(name) for name in Role.SHARED_WITH_FAMILY if name != "tools"},
    )


ROLE_SORTS = {
    "family": ("family__name", "level__track", "level__order"),
    "title": ("title",),
    "level": ("level__band", "family__name"),
}


_role_profile_of_this_version = per_content_version_by(lambda role, *, kind="": (role.pk, kind))(
    role_profile
)


def role_browse(
    *,
    user=None,
    family: str = "",
    level: str = "",
    track: str = "",
    job_zone: int | None = None,
    growth: str = "",
    wage_min: int | None = None,
    wage_max: int | None = None,
    sort: str = "family",
    average_change: float | None = None,
) -> QuerySet[Role]:
    roles = Role.objects.visible_to(user).with_landscape()
    if family:
        roles = roles.filter(family__slug=family)
    if level:
        roles = roles.filter(level__key=level)
    if track:
        roles = roles.filter(level__track=track)
    if job_zone:
        roles = roles.filter(occupation__job_zone=job_zone)
    if growth and average_change is not None:
        roles = roles.filter(
            growth_band_filter(growth, average_change, field="occupation__bls__change_percent")
        )
    if wage_min is not None:
        roles = roles.filter(occupation__bls__wage_median__gte=wage_min)
    if wage_max is not None:
        roles = roles.filter(occupation__bls__wage_median__lte=wage_max)
    if sort in ("wage", "growth"):
        field_name = {
            "wage": "occupation__bls__wage_median",
            "growth": "occupation__bls__change_percent",
        }[sort]
        return roles.order_by(F(field_name).desc(nulls_last=True), "family__name", "level__order")
    return roles.order_by(*ROLE_SORTS.get(sort, ROLE_SORTS["family"]))
