"""What each public page shows, the same for every reader of the same address: built
once per content version and process (careers.versioning), so a page rendered for a
person only adds their own parts (fit, shortlist) to it. Staff, who also see drafts, get
theirs built afresh."""

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import QueryDict

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
from careers.selectors.roles import role_browse
from careers.selectors.sources import data_sources
from careers.versioning import per_content_version, per_content_version_by

OCCUPATION_PAGE_SIZE = 50


@per_content_version_by(lambda query: query, limit=1000)
def occupation_list_page(query: str) -> dict:
    """Everything the occupation list shows for one query string, the same for every
    reader: built once per content version and process. "status" is 400 for bad filters."""
    params = QueryDict(query)
    form = OccupationFilterForm(params or None)
    sources = data_sources()
    average = sources.all_occupations_change
    context = {
        "form": form,
        "sources": sources,
        "average_change": average,
        "groups": major_group_counts(),
        "status": 200,
    }
    if params and not form.is_valid():
        return context | {"status": 400}
    filters = form.cleaned_data if params else {}
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
    page = Paginator(occupations, OCCUPATION_PAGE_SIZE).get_page(params.get("page"))
    page.object_list = list(page.object_list)  # read now: the page is kept
    return context | {"page": page}


@per_content_version_by(lambda code: code, limit=500)
def occupation_page(code: str) -> dict | None:
    """Everything an occupation page shows, built once per content version and process;
    None for an unknown code."""
    occupation = Occupation.objects.select_related("bls").filter(code=code).first()
    if occupation is None:
        return None
    profile = occupation_profile(occupation)
    interest_bars = charts.interest_bars(occupation.interest_scores, occupation.interest_code)
    education_bars = charts.share_bars([(s.label, s.percent) for s in profile.education])
    return {
        "occupation": occupation,
        "profile": profile,
        "bls": occupation.bls,
        "sources": profile.sources,
        "job_zone": JOB_ZONES.get(occupation.job_zone) if occupation.job_zone else None,
        "interest_bars": interest_bars,
        "interest_height": charts.chart_height(interest_bars),
        "education_bars": education_bars,
        "education_height": charts.chart_height(education_bars),
        "chart_width": charts.CHART_WIDTH,
        "label_width": charts.LABEL_WIDTH,
    }


ROLE_FILTERS = ("family", "level", "track", "zone", "growth", "wage_min", "wage_max", "sort")


def browsed_roles(filters: tuple, user) -> list[Role]:
    """The roles a filter finds, each with the figure basis its card shows."""
    chosen = dict(filters)
    roles = list(
        role_browse(
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
    )
    bases = figure_bases(roles)
    for role in roles:
        role.basis = bases[role.id]
    return roles


# Readers see published roles only: each filter's roles are found once per content version.
published_browse = per_content_version_by(lambda filters: filters, limit=2000)(
    lambda filters: browsed_roles(filters, AnonymousUser())
)
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
published_comparison = per_content_version_by(lambda slugs: slugs, limit=2000)(
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
