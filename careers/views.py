import copy

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from careers import charts
from careers.content import SLUG
from careers.forms import OccupationFilterForm, RoleFilterForm
from careers.landscape import (
    JOB_ZONES,
)
from careers.models import InterviewQuestion, JobFamily, Level, Occupation, Role
from careers.moves.plan import move_graph, role_moves_cached
from careers.moves.views import planner_choices
from careers.personal import NO_LENS, PersonalLens
from careers.search.engine import search as run_search
from careers.search.engine import search_kept
from careers.selectors.compare import (
    COMPARE_MAX,
    CompareRow,
    compare_figure_notes,
    compare_rows,
    compare_skills,
    roles_compare,
)
from careers.selectors.links import figure_bases
from careers.selectors.occupations import major_group_counts, occupation_browse, occupation_profile
from careers.selectors.roles import published_roles_by_slug, role_browse, role_profile_cached
from careers.selectors.sources import data_sources
from careers.versioning import content_version, per_content_version, per_content_version_by
from truest.page_cache import cached_for_strangers

PAGE_SIZE = 50
ROLE_PAGE_SIZE = 24


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.boosted


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
    page = Paginator(occupations, PAGE_SIZE).get_page(params.get("page"))
    page.object_list = list(page.object_list)  # read now: the page is kept
    return context | {"page": page}


@cached_for_strangers
@require_GET
def occupation_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.urlencode()
    context = {**occupation_list_page(query), "query": query, "content_version": content_version()}
    template = "careers/occupation_list.html"
    if wants_fragment(request):
        template += "#results"  # filter errors too: htmx swaps a 400 into the results
    return render(request, template, context, status=context.pop("status"))


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


@cached_for_strangers
@require_GET
def occupation_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = occupation_page(code)
    if page is None:
        raise Http404("No such occupation.")
    # The page is the same for every reader: its body is a fragment cached per version.
    context = {**page, "content_version": content_version()}
    return render(request, "careers/occupation_detail.html", context)


SUGGESTIONS_SHOWN = 8


@cached_for_strangers
@require_GET
def search(request: HtmxHttpRequest) -> HttpResponse:
    results = search_kept(request.GET.get("q", ""), user=request.user)
    template = "careers/search.html"
    if wants_fragment(request):
        template += "#results"
    return render(request, template, {"results": results, "query": results.query})


@require_GET
def search_suggest(request: HttpRequest) -> HttpResponse:
    """The header search's list of suggestions as the person types: a fragment for the
    combobox (static/js/search-combobox.js); without JavaScript the form goes to /search/."""
    # Each keystroke is a new query: found afresh, never kept.
    results = run_search(request.GET.get("q", ""), user=request.user, limit=SUGGESTIONS_SHOWN)
    return render(request, "careers/_search_suggestions.html", {"results": results})


ROLE_FILTERS = ("family", "level", "track", "zone", "growth", "wage_min", "wage_max", "sort")


def _browsed_roles(filters: tuple, user) -> list[Role]:
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
_published_browse = per_content_version_by(lambda filters: filters, limit=2000)(
    lambda filters: _browsed_roles(filters, AnonymousUser())
)
_family_choices = per_content_version(
    lambda: list(JobFamily.objects.order_by("name").values_list("slug", "name"))
)
_level_choices = per_content_version(
    lambda: [(level.key, str(level)) for level in Level.objects.all()]
)


@cached_for_strangers
@require_GET
def role_list(request: HtmxHttpRequest, lens: PersonalLens = NO_LENS) -> HttpResponse:
    families = _family_choices()
    fits = lens.role_fits(request)
    form = RoleFilterForm(
        request.GET or None, families=families, levels=_level_choices(), fit_sort=bool(fits)
    )
    sources = data_sources()
    context = {
        "form": form,
        "sources": sources,
        "families": families,
        "fits": fits,
        "content_version": content_version(),
        # How long the rendered filters and cards are kept for the next reader of this
        # address: never when they carry this reader's fit.
        "results_kept": 0 if fits else 86400,
    }
    template = "careers/role_list.html"
    if wants_fragment(request):
        template += "#results"  # filter errors too: htmx swaps a 400 into the results
    if request.GET and not form.is_valid():
        return render(request, template, context, status=400)
    cleaned = form.cleaned_data if request.GET else {}
    # "fit" is the reader's own order: the roles are found in the family order, then sorted.
    filters = tuple(
        (name, cleaned.get(name))
        for name in ROLE_FILTERS
        if not (name == "sort" and cleaned.get(name) == "fit")
    )
    if request.user.is_staff:
        roles = _browsed_roles(filters, request.user)  # drafts too, never shared
    else:
        roles = _published_browse(filters)
    if cleaned.get("sort") == "fit":
        # The person's fit, best first, as on their result: roles asking for a condition
        # they ruled out after the rest, roles their profile predates last.
        def by_fit(role):
            fit = fits.get(role.slug)
            return (2, 0) if fit is None else (int(fit.conflicted), -fit.score)

        roles = sorted(roles, key=by_fit)
    page = Paginator(roles, ROLE_PAGE_SIZE).get_page(request.GET.get("page"))
    if fits:
        # The shared roles are never changed: the reader's fit goes on copies.
        page.object_list = [_with_fit(role, fits.get(role.slug)) for role in page.object_list]
    context["page"] = page
    return render(request, template, context)


def _with_fit(role: Role, fit) -> Role:
    mine = copy.copy(role)
    mine.fit = fit
    return mine


@cached_for_strangers
@require_GET
def role_detail(request: HtmxHttpRequest, slug: str, lens: PersonalLens = NO_LENS) -> HttpResponse:
    role = published_roles_by_slug().get(slug) or get_object_or_404(
        Role.objects.visible_to(request.user).with_landscape(), slug=slug
    )
    kind = request.GET.get("kind", "")
    if kind and kind not in InterviewQuestion.Kind.values:
        return render(
            request,
            "400.html",
            {"message": "Unknown kind of interview question."},
            status=400,
        )
    profile = role_profile_cached(role, kind=kind)
    # Drafts are not in the move graph: their page shows no moves until published.
    graph = move_graph() if role.is_published else None
    citation = profile.sources.wages_citation
    moves = role_moves_cached(role.slug, citation=citation) if graph else {}
    occupation = role.occupation
    bls = occupation.bls if occupation else None
    context = {
        "role": role,
        "family": role.family,
        "profile": profile,
        "fit_panel": lens.role_panel(request, role),
        "moves": moves,
        "plan_choices": planner_choices() if graph else [],
        "shortlisted": role.slug in lens.shortlisted(request),
        "occupation": occupation,
        "bls": bls,
        "sources": profile.sources,
        "job_zone": JOB_ZONES.get(occupation.job_zone)
        if occupation and occupation.job_zone
        else None,
        # Keys the page's cached fragments (the parts that are the same for every reader).
        "content_version": content_version(),
    }
    template = "careers/role_detail.html"
    if wants_fragment(request):
        template += "#questions"
    response = render(request, template, context)
    if not role.is_published:
        response["Cache-Control"] = "no-store"
    return response


def _compare_slugs(raw: str) -> list[str]:
    slugs: list[str] = []
    for part in raw.split(","):
        slug = part.strip()
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def _fit_row(fits: dict, compared) -> CompareRow | None:
    """The person's fit for each compared role, when they have a profile."""
    if not fits:
        return None
    values = [
        f"{fits[c.role.slug].band_label} ({fits[c.role.slug].score})"
        + (", asks for a condition you ruled out" if fits[c.role.slug].conflicted else "")
        if c.role.slug in fits
        else "not in your profile"
        for c in compared
    ]
    return CompareRow("Your work-style fit", values)


def _comparison(slugs: tuple[str, ...], user) -> dict:
    """What a comparison shows to everyone alike (the reader's fit row is added apart)."""
    compared = roles_compare(slugs=list(slugs), user=user)
    return {
        "compared": compared,
        "rows": compare_rows(compared, data_sources()),
        "skills": compare_skills(compared),
        "figure_notes": compare_figure_notes(compared),
    }


# Readers see published roles only: their comparisons are built once per content version.
_published_comparison = per_content_version_by(lambda slugs: slugs, limit=2000)(
    lambda slugs: _comparison(slugs, AnonymousUser())
)


def _comparison_for(user, slugs: tuple[str, ...]) -> dict:
    return _comparison(slugs, user) if user.is_staff else _published_comparison(slugs)


def _compare_choices(user, slugs: tuple[str, ...]) -> list[Role]:
    """The roles the "Add a role" menu offers: every role the reader may see but those
    compared."""
    if user.is_staff:
        return list(_choices_query(user).exclude(slug__in=slugs))
    return [role for role in _published_choices() if role.slug not in slugs]


def _choices_query(user):
    return (
        Role.objects.visible_to(user)
        .select_related("family", "level")
        .order_by("family__name", "level__track", "level__order")
    )


_published_choices = per_content_version(lambda: list(_choices_query(AnonymousUser())))


@cached_for_strangers
@require_GET
def compare(request: HtmxHttpRequest, lens: PersonalLens = NO_LENS) -> HttpResponse:
    slugs = _compare_slugs(request.GET.get("roles", ""))
    adding = request.GET.get("add", "").strip()
    if adding:
        # The "Add" form: fold the new role in. Without JavaScript, go to the canonical
        # address; with htmx, answer in place and put that address in the location bar.
        slugs = _compare_slugs(",".join([*slugs, adding]))
        canonical = f"{reverse('compare')}?roles={','.join(slugs)}"
        if not wants_fragment(request):
            return redirect(canonical)
    problems = []
    if any(not SLUG.fullmatch(slug) for slug in slugs):
        problems.append("Role names in the address can only contain letters, digits and hyphens.")
    if len(slugs) > COMPARE_MAX:
        problems.append(f"You can compare up to {COMPARE_MAX} roles at a time.")
    shared = None if problems else _comparison_for(request.user, tuple(slugs))
    compared = shared["compared"] if shared else []
    missing = [slug for slug in slugs if slug not in {c.role.slug for c in compared}]
    if not problems and missing:
        problems.append("There is no published role called " + ", ".join(missing) + ".")
    fit_row = None if problems else _fit_row(lens.role_fits(request), compared)
    context = {
        "slugs": slugs,
        "compared": compared,
        "rows": [] if problems else shared["rows"] + ([fit_row] if fit_row else []),
        "skills": shared["skills"] if shared else [],
        "figure_notes": [] if problems else shared["figure_notes"],
        # Only well-formed names reach the query (PostgreSQL refuses NUL in text).
        "choices": _compare_choices(request.user, tuple(s for s in slugs if SLUG.fullmatch(s))),
        "problems": problems,
        "full": len(slugs) >= COMPARE_MAX,
        "max_roles": COMPARE_MAX,
        "sources": data_sources(),
        "content_version": content_version(),
    }
    template = "careers/compare.html"
    if wants_fragment(request):
        template += "#comparison"
    response = render(request, template, context, status=400 if problems else 200)
    if adding and not problems:
        # Only a valid comparison's address goes into the location bar: a header cannot
        # carry the NUL or CR/LF a tampered "add" value may hold.
        response["HX-Push-Url"] = canonical
    return response
