"""What each public page shows, the same for every reader of the same address: built
once per content version and process (careers.versioning), so a page rendered for a
person only adds their own parts (fit, shortlist) to it. Staff, who also see drafts, get
theirs built afresh."""

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.functional import SimpleLazyObject

from careers import charts
from careers.forms import OccupationFilterForm
from careers.landscape import JOB_ZONES
from careers.models import JobFamily, Level, Occupation, Role
from careers.selectors.compare import (
    compare_figure_notes,
    compare_rows,
    compare_skills,
    roles_compare,
)
from careers.selectors.links import figure_bases
from careers.selectors.occupations import major_group_counts, occupation_browse, occupation_profile
from careers.selectors.roles import published_roles_by_slug, role_browse
from careers.selectors.sources import data_sources
from careers.versioning import per_content_version, per_content_version_by

OCCUPATION_PAGE_SIZE = 50


def occupation_list_page(params: QueryDict) -> dict:
    """What the occupation list shows for a query, the same for every reader; "status" is
    400 for bad filters. The groups and the page of occupations are read only when the
    page's fragments for this query and content version are not kept already."""
    form = OccupationFilterForm(params or None)
    sources = data_sources()
    average = sources.all_occupations_change
    context = {
        "form": form,
        "sources": sources,
        "average_change": average,
        "groups": SimpleLazyObject(major_group_counts),
        "status": 200,
    }
    if params and not form.is_valid():
        return context | {"status": 400}
    filters = form.cleaned_data if params else {}

    def page():
        occupations = occupation_browse(
            group=filters.get("group") or "",
            job_zone=filters.get("zone"),
            growth=filters.get("growth") or "",
            wage_min=filters.get("wage_min"),
            wage_max=filters.get("wage_max"),
            strong_outlook=bool(filters.get("strong")),
            sort=filters.get("sort") or "title",
            average_change=average,
        )
        return Paginator(occupations, OCCUPATION_PAGE_SIZE).get_page(params.get("page"))

    return context | {"page": SimpleLazyObject(page)}


@per_content_version_by(lambda code: code, limit=2000)
def occupation_by_code(code: str) -> Occupation | None:
    return Occupation.objects.select_related("bls").filter(code=code).first()


def occupation_page(code: str) -> dict | None:
    """What an occupation page shows, the same for every reader; None for an unknown code.
    The occupation is kept per content version; its profile and charts are built only when
    the page's fragment for this version is not kept already (they are large: keeping them
    for every occupation would hold hundreds of megabytes in each process)."""
    occupation = occupation_by_code(code)
    if occupation is None:
        return None
    profile = SimpleLazyObject(lambda: occupation_profile(occupation))
    interest_bars = charts.interest_bars(occupation.interest_scores, occupation.interest_code)
    education_bars = SimpleLazyObject(
        lambda: charts.share_bars([(s.label, s.percent) for s in profile.education])
    )
    return {
        "occupation": occupation,
        "profile": profile,
        "bls": occupation.bls,
        "sources": data_sources(),
        "job_zone": JOB_ZONES.get(occupation.job_zone) if occupation.job_zone else None,
        "interest_bars": interest_bars,
        "interest_height": charts.chart_height(interest_bars),
        "education_bars": education_bars,
        "education_height": SimpleLazyObject(lambda: charts.chart_height(education_bars)),
        "chart_width": charts.CHART_WIDTH,
        "label_width": charts.LABEL_WIDTH,
    }


ROLE_FILTERS = ("family", "level", "track", "zone", "growth", "wage_min", "wage_max", "sort")


def _browse_query(filters: tuple, user):
    chosen = dict(filters)
    return role_browse(
        user=user,
        family=chosen.get("family") or "",
        level=chosen.get("level") or "",
        track=chosen.get("track") or "",
        job_zone=chosen.get("zone"),
        growth=chosen.get("growth") or "",
        wage_min=chosen.get("wage_min"),
        wage_max=chosen.get("wage_max"),
        sort=chosen.get("sort") or "family",
        average_change=data_sources().all_occupations_change,
    )


def browsed_roles(filters: tuple, user) -> list[Role]:
    """The roles a filter finds (drafts too for staff), each with the figure basis its card
    shows, read afresh."""
    roles = list(_browse_query(filters, user))
    bases = figure_bases(roles)
    for role in roles:
        role.basis = bases[role.id]
    return roles


@per_content_version_by(lambda filters: filters, limit=2000)
def published_browse_slugs(filters: tuple) -> list[str]:
    """The published roles a filter finds, in order, once per content version."""
    return list(_browse_query(filters, AnonymousUser()).values_list("slug", flat=True))


def published_browse(filters: tuple) -> list[Role]:
    """Readers see published roles only: the one kept copy of each, in the filter's order."""
    roles = published_roles_by_slug()
    return [roles[slug] for slug in published_browse_slugs(filters)]


family_choices = per_content_version(
    lambda: list(JobFamily.objects.order_by("name").values_list("slug", "name"))
)
level_choices = per_content_version(
    lambda: [(level.key, str(level)) for level in Level.objects.all()]
)


def comparison(slugs: tuple[str, ...], user) -> dict:
    """What a comparison shows to everyone alike (the reader's fit row is added apart)."""
    compared = roles_compare(slugs=list(slugs), user=user)
    return {
        "compared": compared,
        "rows": compare_rows(compared, data_sources()),
        "skills": compare_skills(compared),
        "figure_notes": compare_figure_notes(compared),
    }


# Readers see published roles only: their comparisons are built once per content version.
published_comparison = per_content_version_by(lambda slugs: slugs, limit=200)(
    lambda slugs: comparison(slugs, AnonymousUser())
)


def comparison_for(user, slugs: tuple[str, ...]) -> dict:
    return comparison(slugs, user) if user.is_staff else published_comparison(slugs)


def compare_choices(user, slugs: tuple[str, ...]) -> list[Role]:
    """The roles the "Add a role" menu offers: every role the reader may see but those
    compared."""
    if user.is_staff:
        return list(choices_query(user).exclude(slug__in=slugs))
    return [role for role in published_choices() if role.slug not in slugs]


def choices_query(user):
    return (
        Role.objects.visible_to(user)
        .select_related("family", "level")
        .order_by("family__name", "level__track", "level__order")
    )


published_choices = per_content_version(lambda: list(choices_query(AnonymousUser())))
