"""Reads across relations for the careers pages: occupation browse and detail, search."""

import re
from dataclasses import dataclass, field
from itertools import groupby

from django.db import connection
from django.db.models import BooleanField, Count, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Lower

from careers.content import role_content_problems
from careers.landscape import GROWTH_BANDS, SOC_MAJOR_GROUPS
from careers.models import (
    AlternateTitle,
    DataRelease,
    EducationShare,
    ElementRating,
    InterviewQuestion,
    Occupation,
    RelatedOccupation,
    Role,
    Skill,
    TechnologySkill,
    Transition,
    Variation,
)
from careers.templatetags.figures import count, dollars, signed_percent

SEARCH_MAX_QUERY = 100


@dataclass(frozen=True)
class DataSources:
    """The loaded releases, for the "Source:" line beside each figure (one query)."""

    onet: DataRelease | None
    projections: DataRelease | None
    wages: DataRelease | None
    crosswalk: DataRelease | None

    @property
    def all_occupations_change(self) -> float | None:
        facts = self.projections.facts if self.projections else {}
        return (facts or {}).get("all_occupations_change_percent")


def data_sources() -> DataSources:
    releases = {release.source: release for release in DataRelease.objects.all()}
    return DataSources(
        onet=releases.get(DataRelease.Source.ONET),
        projections=releases.get(DataRelease.Source.BLS_PROJECTIONS),
        wages=releases.get(DataRelease.Source.BLS_OEWS),
        crosswalk=releases.get(DataRelease.Source.BLS_CROSSWALK),
    )


def growth_band_bounds(band: str, average: float) -> tuple[float | None, float | None]:
    """Growth bands relative to all occupations (`average`, percent over the decade).

    A band is [low, high): declining is below 0; slower is 0 up to one point below average;
    about average is within one point of it; faster is above that and below twice the
    average; much faster is twice the average or more. The occupations page states the rule.
    """
    return {
        "declining": (None, 0.0),
        "slower": (0.0, average - 1),
        "average": (average - 1, average + 1),
        "faster": (average + 1, 2 * average),
        "much-faster": (2 * average, None),
    }[band]


def growth_band_filter(band: str, average: float, *, field: str = "bls__change_percent") -> Q:
    """Rows whose projected change (at `field`) falls in the band."""
    low, high = growth_band_bounds(band, average)
    condition = Q(**{f"{field}__isnull": False})
    if low is not None:
        condition &= Q(**{f"{field}__gte": low})
    if high is not None:
        condition &= Q(**{f"{field}__lt": high})
    return condition


def growth_band_of(change: float | None, average: float | None) -> str | None:
    if change is None or average is None:
        return None
    for band in GROWTH_BANDS:
        low, high = growth_band_bounds(band, average)
        if (low is None or change >= low) and (high is None or change < high):
            return band
    return None


SORTS = {
    "title": "title",
    "growth": "bls__change_percent",
    "wage": "bls__wage_median",
    "openings": "bls__annual_openings",
}


def occupation_browse(
    *,
    group: str = "",
    job_zone: int | None = None,
    growth: str = "",
    wage_min: int | None = None,
    wage_max: int | None = None,
    bright: bool = False,
    sort: str = "title",
    average_change: float | None = None,
) -> QuerySet[Occupation]:
    occupations = Occupation.objects.with_ratings().select_related("bls")
    if group:
        occupations = occupations.in_major_group(group)
    if job_zone:
        occupations = occupations.filter(job_zone=job_zone)
    if growth and average_change is not None:
        occupations = occupations.filter(growth_band_filter(growth, average_change))
    if wage_min is not None:
        occupations = occupations.filter(bls__wage_median__gte=wage_min)
    if wage_max is not None:
        occupations = occupations.filter(bls__wage_median__lte=wage_max)
    if bright:
        occupations = occupations.filter(bls__bright_outlook=True)
    if sort in SORTS and sort != "title":
        # Highest first; occupations BLS publishes no figure for go last.
        return occupations.order_by(F(SORTS[sort]).desc(nulls_last=True), "title")
    return occupations.order_by("title")


def major_group_counts() -> list[tuple[str, str, int]]:
    counts = dict(
        Occupation.objects.with_ratings()
        .values_list("major_group")
        .annotate(total=Count("id"))
        .values_list("major_group", "total")
    )
    return [
        (code, title, counts[code]) for code, title in SOC_MAJOR_GROUPS.items() if code in counts
    ]


@dataclass
class OccupationProfile:
    occupation: Occupation
    skills: list[ElementRating]
    knowledge: list[ElementRating]
    work_styles: list[ElementRating]
    technology: list[tuple[str, list]]
    hot_technology: list
    technology_count: int
    education: list[EducationShare]
    experience: list[EducationShare]
    related: list[tuple[str, list[RelatedOccupation]]]
    alternate_titles: list[AlternateTitle]
    tasks: list
    sources: DataSources
    roles: list


def occupation_profile(occupation: Occupation, *, top: int = 10) -> OccupationProfile:
    """Everything the occupation page shows, in a fixed number of queries."""
    ratings = list(
        occupation.ratings.select_related("element").order_by("-importance", "element__name")
    )

    def top_of(domain: str) -> list[ElementRating]:
        return [rating for rating in ratings if rating.element.domain == domain][:top]

    technology = sorted(
        occupation.technology_skills.all(), key=lambda t: (t.category, not t.hot, t.name.lower())
    )
    shares = list(occupation.education_shares.filter(scale__in=["RL", "RW"]))
    related = list(occupation.related.select_related("related").order_by("rank"))
    tier_order = [choice for choice, _ in RelatedOccupation.Tier.choices]
    return OccupationProfile(
        occupation=occupation,
        skills=top_of("skill"),
        knowledge=top_of("knowledge"),
        work_styles=sorted(
            (r for r in ratings if r.element.domain == "work_style" and r.importance is not None),
            key=lambda r: -r.importance,
        )[:6],
        technology=[
            (category, list(items))
            for category, items in groupby(technology, key=lambda t: t.category)
        ],
        hot_technology=sorted((t for t in technology if t.hot), key=lambda t: t.name.lower())[:30],
        technology_count=len(technology),
        education=[share for share in shares if share.scale == "RL"],
        experience=[share for share in shares if share.scale == "RW"],
        related=[
            (RelatedOccupation.Tier(tier).label, [r for r in related if r.tier == tier])
            for tier in tier_order
            if any(r.tier == tier for r in related)
        ],
        alternate_titles=list(occupation.alternate_titles.order_by(Lower("title"))),
        tasks=list(occupation.tasks.all()[:12]),
        sources=data_sources(),
        roles=list(
            Role.objects.published()
            .filter(family__occupation=occupation)
            .select_related("family", "level")
            .order_by("family__name", "level__track", "level__order")
        ),
    )


@dataclass
class SearchHit:
    kind: str  # "occupation" or "role"
    title: str
    url: str
    code: str = ""  # an occupation's O*NET-SOC code
    family: str = ""  # a role's job family
    matched: str = ""  # the alternate title that matched, if any
    rank: int = 99


def search_query_clean(raw: str) -> str:
    cleaned = " ".join(raw.replace("\x00", " ").split())
    return cleaned[:SEARCH_MAX_QUERY]


def _match_rank(candidate: str, query: str, *, exact: int) -> int:
    """exact, exact + 2 for a prefix, exact + 4 for anywhere, 6 for a word-level match."""
    candidate, query = candidate.lower(), query.lower()
    if candidate == query:
        return exact
    if candidate.startswith(query):
        return exact + 2
    if query in candidate:
        return exact + 4
    return 6


def _fulltext_match(query: str) -> RawSQL | None:
    """PostgreSQL full-text match on alternate titles: stemmed, any word order, the last
    word as a prefix (so results appear while typing). The expression matches the GIN index
    in migration 0002 exactly, so the planner can use it."""
    words = re.findall(r"\w+", query.lower())
    if not words:
        return None
    terms = [f"{word}:*" if index == len(words) - 1 else word for index, word in enumerate(words)]
    return RawSQL(
        "to_tsvector('english'::regconfig, careers_alternatetitle.title) "
        "@@ to_tsquery('english'::regconfig, %s)",
        (" & ".join(terms),),
        output_field=BooleanField(),
    )


def occupation_search(*, query: str, limit: int = 20) -> list[SearchHit]:
    """Occupations whose title or an alternate title matches, best first.

    Rank: exact title (0), exact alternate title (1), title prefix (2), alternate prefix (3),
    title contains (4), alternate contains (5), and on PostgreSQL word matches that are not
    substrings, such as plurals or another word order (6). Two queries on either database.
    """
    query = search_query_clean(query)
    if len(query) < 2:
        return []
    hits: dict[str, SearchHit] = {}

    def add(code: str, title: str, rank: int, matched: str = "") -> None:
        current = hits.get(code)
        if current is None or rank < current.rank:
            hits[code] = SearchHit(
                kind="occupation",
                title=title,
                url=f"/occupations/{code}/",
                code=code,
                matched=matched,
                rank=rank,
            )

    for code, title in (
        Occupation.objects.filter(title__icontains=query)
        .order_by(Length("title"), "title")
        .values_list("code", "title")[: limit * 2]
    ):
        add(code, title, _match_rank(title, query, exact=0))

    alternates = AlternateTitle.objects.all()
    fulltext = _fulltext_match(query) if connection.vendor == "postgresql" else None
    if fulltext is not None:
        # Whole words (stemmed, the last one as a prefix) through the GIN index; a
        # substring scan of every alternate title would cost more than the whole page.
        alternates = alternates.filter(fulltext)
    else:
        alternates = alternates.filter(title__icontains=query)
    for code, title, matched in alternates.order_by(Length("title"), "title").values_list(
        "occupation__code", "occupation__title", "title"
    )[: limit * 10]:
        add(code, title, _match_rank(matched, query, exact=1), matched)
    ordered = sorted(hits.values(), key=lambda hit: (hit.rank, hit.title))
    return ordered[:limit]


# ---------------------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------------------


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


def role_search(*, query: str, user=None, limit: int = 10) -> list[SearchHit]:
    """Roles whose title or family name matches; one query."""
    query = search_query_clean(query)
    if len(query) < 2:
        return []
    roles = (
        Role.objects.visible_to(user)
        .filter(Q(title__icontains=query) | Q(family__name__icontains=query))
        .select_related("family")
        .order_by(Length("title"), "title")[: limit * 3]
    )
    hits = [
        SearchHit(
            kind="role",
            title=role.title,
            url=role.get_absolute_url(),
            family=role.family.name,
            rank=_match_rank(role.title, query, exact=0),
        )
        for role in roles
    ]
    return sorted(hits, key=lambda hit: (hit.rank, hit.title))[:limit]


# ---------------------------------------------------------------------------------------
# Compare
# ---------------------------------------------------------------------------------------

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
