"""Role pages, role browse, and what keeps a role from being publishable."""

from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet

from careers.content import role_content_problems
from careers.models import (
    InterviewQuestion,
    RelatedOccupation,
    Role,
    Skill,
    TechnologySkill,
    Transition,
    Variation,
)
from careers.selectors.sources import DataSources, data_sources, growth_band_filter


def role_sections(role: Role) -> tuple[dict, list]:
    """A role's effective sections (its own or its family's) and what keeps it from being
    publishable. Used by the publish action and catalog_report; a few queries per role."""
    family = role.family
    own_skills = list(role.skills.all()) if role.pk else []
    own_variations = list(role.variations.all()) if role.pk else []
    skills = own_skills or list(family.skills.all())
    variations = own_variations or list(family.variations.all())
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
        "skills": [f"{s.name}: {s.note}" for s in skills],
        "variations": [f"{v.factor}: {v.detail}" for v in variations],
        "interview_questions": [q.question for q in questions],
    }
    return sections, role_content_problems(sections)


@dataclass
class Move:
    transition: Transition
    role: Role
    wages: dict
    shared_skills: list[str]
    missing_skills: list[str]
    related_tier: str = ""


@dataclass
class RoleProfile:
    role: Role
    skills: list[Skill]
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


def _effective(own: list, shared: list) -> list:
    return own or shared


def _wages(bls) -> dict:
    if bls is None:
        return {}
    return {"p25": bls.wage_p25, "median": bls.wage_median, "p90": bls.wage_p90, "title": bls.title}


def _tool_matches(tool: str, technology_names: dict[str, bool]) -> bool | None:
    """Whether O*NET lists a catalog tool for the occupation (None: not listed), and if it is
    in demand there. O*NET names often add a word ("Ansible software")."""
    key = tool.lower()
    for name, hot in technology_names.items():
        if name == key or name.startswith(key + " ") or name.startswith(key + ","):
            return hot
    return None


SHARED_TEXTS = (
    "hardest_part",
    "thrives",
    "finds_hard",
    "category_changing",
    "background",
    "certifications",
)


def role_profile(role: Role, *, kind: str = "") -> RoleProfile:
    """Everything the role page shows, in a fixed number of queries whatever the content."""
    family = role.family
    skills = list(Skill.objects.filter(Q(role=role) | Q(family=family)).select_related("element"))
    variations = list(Variation.objects.filter(Q(role=role) | Q(family=family)))
    questions = list(InterviewQuestion.objects.filter(family=family, levels=role.level))
    kinds = [
        (value, label, sum(1 for q in questions if q.kind == value))
        for value, label in InterviewQuestion.Kind.choices
    ]
    shown = [q for q in questions if not kind or q.kind == kind]
    own_skills = [s for s in skills if s.role_id == role.id]
    effective_skills = _effective(own_skills, [s for s in skills if s.family_id == family.id])

    # O*NET's "In Demand" flag: technologies frequently named in the occupation's job postings.
    in_demand: dict[str, bool] = {}
    rising: list[str] = []
    if family.occupation_id:
        for name, flagged in TechnologySkill.objects.filter(
            occupation_id=family.occupation_id
        ).values_list("name", "in_demand"):
            in_demand[name.lower()] = in_demand.get(name.lower(), False) or flagged
            if flagged:
                rising.append(name)
    tools = [
        (category, [(tool, _tool_matches(tool, in_demand)) for tool in names])
        for category, names in (role.tools or family.tools).items()
    ]

    transitions = list(
        role.transitions_out.select_related(
            "to_role__family__occupation__bls", "to_role__level"
        ).filter(to_role__status=Role.Status.PUBLISHED)
    )
    targets = [t.to_role for t in transitions]
    target_skills = list(
        Skill.objects.filter(
            Q(role__in=targets) | Q(family__in={target.family_id for target in targets})
        ).values_list("role_id", "family_id", "name", "importance")
    )
    related_tiers = {}
    if family.occupation_id:
        related_tiers = dict(
            RelatedOccupation.objects.filter(
                occupation_id=family.occupation_id,
                related_id__in={t.family.occupation_id for t in targets},
            ).values_list("related_id", "tier")
        )
    own_names = {s.name.lower() for s in effective_skills}

    def move(transition: Transition) -> Move:
        target = transition.to_role
        own = [(n, i) for r, f, n, i in target_skills if r == target.id]
        shared = [(n, i) for r, f, n, i in target_skills if f == target.family_id]
        needed = _effective(own, shared)
        occupation = target.family.occupation
        tier = ""
        if occupation and occupation.id == family.occupation_id:
            tier = "same"
        elif occupation:
            tier = (
                RelatedOccupation.Tier(related_tiers[occupation.id]).label
                if occupation.id in related_tiers
                else ""
            )
        return Move(
            transition=transition,
            role=target,
            wages=_wages(occupation.bls if occupation else None),
            shared_skills=sorted(n for n, _ in needed if n.lower() in own_names),
            missing_skills=[
                n
                for n, i in sorted(needed, key=lambda x: -x[1])
                if n.lower() not in own_names and i >= 4
            ],
            related_tier=tier,
        )

    moves = [move(t) for t in transitions]
    advancement = [m for m in moves if m.transition.kind == Transition.Kind.ADVANCEMENT]
    # Lateral moves: the editors' order, then how much of the target's skill list you bring.
    lateral = sorted(
        (m for m in moves if m.transition.kind == Transition.Kind.LATERAL),
        key=lambda m: (
            -len(m.shared_skills) / max(len(m.shared_skills) + len(m.missing_skills), 1),
            m.transition.order,
        ),
    )
    return RoleProfile(
        role=role,
        skills=sorted(effective_skills, key=lambda s: (-s.importance, s.order)),
        variations=_effective(
            [v for v in variations if v.role_id == role.id],
            [v for v in variations if v.family_id == family.id],
        ),
        questions=shown,
        question_kinds=kinds,
        kind=kind,
        tools=tools,
        rising_technology=sorted(set(rising), key=str.lower),
        advancement=advancement,
        lateral=lateral,
        sources=data_sources(),
        **{name: role.shared(name) for name in SHARED_TEXTS},
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
        roles = roles.filter(family__occupation__job_zone=job_zone)
    if growth and average_change is not None:
        roles = roles.filter(
            growth_band_filter(
                growth, average_change, field="family__occupation__bls__change_percent"
            )
        )
    if wage_min is not None:
        roles = roles.filter(family__occupation__bls__wage_median__gte=wage_min)
    if wage_max is not None:
        roles = roles.filter(family__occupation__bls__wage_median__lte=wage_max)
    if sort in ("wage", "growth"):
        field_name = {
            "wage": "family__occupation__bls__wage_median",
            "growth": "family__occupation__bls__change_percent",
        }[sort]
        return roles.order_by(F(field_name).desc(nulls_last=True), "family__name", "level__order")
    return roles.order_by(*ROLE_SORTS.get(sort, ROLE_SORTS["family"]))
