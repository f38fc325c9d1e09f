"""Occupation browse and the occupation page."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower

from careers.landscape import SOC_MAJOR_GROUPS
from careers.models import (
    AlternateTitle,
    EducationShare,
    ElementRating,
    Occupation,
    RelatedOccupation,
    Role,
)
from careers.selectors.sources import DataSources, data_sources, growth_band_filter

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
    strong_outlook: bool = False,
    sort: str = "title",
    average_change: float | None = None,
) -> QuerySet[Occupation]:
    """Rated occupations matching the filters. Wage filters and the wage sort use the annual
    median; a top-coded median counts as OEWS's top code (a lower bound), and hourly-only
    occupations have no annual median, so they fall outside wage filters and sort last."""
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
    if strong_outlook:
        occupations = occupations.filter(bls__strong_outlook=True)
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
    has_suppressed_ratings: bool  # among the skills and knowledge shown
    technology: list[tuple[str, list]]
    hot_technology: list
    in_demand_technology: list
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
        # A suppressed importance (O*NET: unreliable) must not buy a place in the top list.
        rated = [rating for rating in ratings if rating.element.domain == domain]
        return sorted(rated, key=lambda rating: rating.importance_suppressed)[:top]

    technology = sorted(
        occupation.technology_skills.all(),
        key=lambda t: (t.category, not t.in_demand, not t.hot, t.name.lower()),
    )
    skills, knowledge = top_of("skill"), top_of("knowledge")
    shares = list(occupation.education_shares.filter(scale__in=["RL", "RW"]))
    related = list(occupation.related.select_related("related").order_by("rank"))
    tier_order = [choice for choice, _ in RelatedOccupation.Tier.choices]
    return OccupationProfile(
        occupation=occupation,
        skills=skills,
        knowledge=knowledge,
        has_suppressed_ratings=any(
            rating.importance_suppressed or rating.level_suppressed for rating in skills + knowledge
        ),
        work_styles=sorted(
            (r for r in ratings if r.element.domain == "work_style" and r.importance is not None),
            key=lambda r: -r.importance,
        )[:6],
        technology=[
            (category, list(items))
            for category, items in groupby(technology, key=lambda t: t.category)
        ],
        hot_technology=sorted((t for t in technology if t.hot), key=lambda t: t.name.lower())[:30],
        in_demand_technology=sorted(
            (t for t in technology if t.in_demand), key=lambda t: t.name.lower()
        )[:30],
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
            .filter(Q(occupation=occupation) | Q(secondary_occupations__occupation=occupation))
            .distinct()
            .select_related("family", "level")
            .order_by("family__name", "level__track", "level__order")
        ),
    )
