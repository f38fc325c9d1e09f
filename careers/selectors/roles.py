"""Role pages, role browse, and what keeps a role from being publishable."""

from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from careers.content import role_content_problems
from careers.models import (
    InterviewQuestion,
    RelatedOccupation,
    Role,
    SecondaryOccupation,
    TechnologySkill,
    Transition,
    Variation,
)
from careers.selectors.links import Comparison, FigureBasis, figure_bases, figures_compare
from careers.selectors.skills import (
    SkillGap,
    SkillNeed,
    role_skill_needs,
    skill_gap,
    skill_requirements_for,
)
from careers.selectors.sources import DataSources, data_sources, growth_band_filter


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
class Move:
    transition: Transition
    role: Role
    gap: SkillGap
    figures: Comparison
    related_tier: str = ""

    @property
    def is_change_of_track(self) -> bool:
        return self.role.level.track != self.transition.from_role.level.track


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
    advancement: list[Move]
    lateral: list[Move]
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


def role_profile(role: Role, *, kind: str = "") -> RoleProfile:
    """Everything the role page shows, in a fixed number of queries whatever the content.
    `role` comes from `Role.objects.with_landscape()`."""
    family = role.family
    transitions = list(
        role.transitions_out.select_related(
            "to_role__family", "to_role__level", "to_role__occupation__bls"
        ).filter(to_role__status=Role.Status.PUBLISHED)
    )
    for transition in transitions:
        transition.from_role = role  # already loaded; saves a query per move
    targets = [t.to_role for t in transitions]
    requirements = skill_requirements_for([role, *targets])
    bases = figure_bases([role, *targets])
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

    related_tiers = {}
    if role.occupation_id:
        related_tiers = dict(
            RelatedOccupation.objects.filter(
                occupation_id=role.occupation_id,
                related_id__in={t.occupation_id for t in targets},
            ).values_list("related_id", "tier")
        )
    needs = role_skill_needs(requirements, role)

    def move(transition: Transition) -> Move:
        target = transition.to_role
        tier = ""
        if target.occupation_id and target.occupation_id == role.occupation_id:
            tier = "same"
        elif target.occupation_id in related_tiers:
            tier = RelatedOccupation.Tier(related_tiers[target.occupation_id]).label
        return Move(
            transition=transition,
            role=target,
            gap=skill_gap(have=needs, need=role_skill_needs(requirements, target)),
            figures=figures_compare(bases[role.id], bases[target.id]),
            related_tier=tier,
        )

    moves = [move(t) for t in transitions]
    advancement = [m for m in moves if m.transition.kind == Transition.Kind.ADVANCEMENT]
    # Lateral moves: how much of the target's skill list you bring, then the editors' order.
    lateral = sorted(
        (m for m in moves if m.transition.kind == Transition.Kind.LATERAL),
        key=lambda m: (-m.gap.share_carried, m.transition.order),
    )
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
        advancement=advancement,
        lateral=lateral,
        sources=data_sources(),
        **{name: role.shared(name) for name in Role.SHARED_WITH_FAMILY if name != "tools"},
    )


ROLE_SORTS = {
    "family": ("family__name", "level__track", "level__order"),
    "title": ("title",),
    "level": ("level__band", "family__name"),
}


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
