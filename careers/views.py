import copy

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from careers.content import SLUG
from careers.forms import RoleFilterForm
from careers.landscape import (
    JOB_ZONES,
)
from careers.models import InterviewQuestion, Role
from careers.moves.plan import move_graph, role_moves_cached
from careers.moves.views import planner_choices
from careers.personal import NO_LENS, PersonalLens
from careers.search.engine import search as run_search
from careers.search.engine import search_kept
from careers.selectors.compare import (
    COMPARE_MAX,
    CompareRow,
)
from careers.selectors.pages import (
    ROLE_FILTERS,
    browsed_roles,
    compare_choices,
    comparison_for,
    family_choices,
    level_choices,
    occupation_list_page,
    occupation_page,
    published_browse,
)
from careers.selectors.roles import published_roles_by_slug, role_profile_cached
from careers.selectors.sources import data_sources
from careers.versioning import content_version
from truest.page_cache import cached_for_strangers

ROLE_PAGE_SIZE = 24


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.boosted


@cached_for_strangers
@require_GET
def occupation_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.urlencode()
    context = {
        **occupation_list_page(request.GET),
        "query": query,  # keys the page's fragments, with the version
        "content_version": content_version(),
    }
    template = "careers/occupation_list.html"
    if wants_fragment(request):
        template += "#results"  # filter errors too: htmx swaps a 400 into the results
    return render(request, template, context, status=context.pop("status"))


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


@cached_for_strangers
@require_GET
def role_list(request: HtmxHttpRequest, lens: PersonalLens = NO_LENS) -> HttpResponse:
    families = family_choices()
    fits = lens.role_fits(request)
    form = RoleFilterForm(
        request.GET or None, families=families, levels=level_choices(), fit_sort=bool(fits)
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
        roles = browsed_roles(filters, request.user)  # drafts too, never shared
    else:
        roles = published_browse(filters)
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
    shared = None if problems else comparison_for(request.user, tuple(slugs))
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
        "choices": compare_choices(request.user, tuple(s for s in slugs if SLUG.fullmatch(s))),
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
