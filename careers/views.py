import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from careers import charts
from careers.forms import OccupationFilterForm, RoleFilterForm
from careers.landscape import (
    JOB_ZONES,
)
from careers.models import InterviewQuestion, JobFamily, Level, Occupation, Role
from careers.selectors.compare import (
    COMPARE_MAX,
    compare_figure_notes,
    compare_rows,
    compare_skills,
    roles_compare,
)
from careers.selectors.links import figure_bases
from careers.selectors.occupations import major_group_counts, occupation_browse, occupation_profile
from careers.selectors.roles import role_browse, role_profile
from careers.selectors.search import occupation_search, role_search, search_query_clean
from careers.selectors.sources import data_sources

PAGE_SIZE = 50
SLUG = re.compile(r"[a-z0-9-]{1,120}")
ROLE_PAGE_SIZE = 24


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.boosted


@require_GET
def occupation_list(request: HtmxHttpRequest) -> HttpResponse:
    form = OccupationFilterForm(request.GET or None)
    sources = data_sources()
    average = sources.all_occupations_change
    context = {
        "form": form,
        "sources": sources,
        "average_change": average,
        "groups": major_group_counts(),
    }
    template = "careers/occupation_list.html"
    if wants_fragment(request):
        template += "#results"  # filter errors too: htmx swaps a 400 into the results
    if request.GET and not form.is_valid():
        return render(request, template, context, status=400)
    filters = form.cleaned_data if request.GET else {}
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
    page = Paginator(occupations, PAGE_SIZE).get_page(request.GET.get("page"))
    context["page"] = page
    return render(request, template, context)


@require_GET
def occupation_detail(request: HttpRequest, code: str) -> HttpResponse:
    occupation = get_object_or_404(Occupation.objects.select_related("bls"), code=code)
    profile = occupation_profile(occupation)
    bls = occupation.bls
    interest_bars = charts.interest_bars(occupation.interest_scores, occupation.interest_code)
    education_bars = charts.share_bars([(s.label, s.percent) for s in profile.education])
    context = {
        "occupation": occupation,
        "profile": profile,
        "bls": bls,
        "sources": profile.sources,
        "job_zone": JOB_ZONES.get(occupation.job_zone) if occupation.job_zone else None,
        "interest_bars": interest_bars,
        "interest_height": charts.chart_height(interest_bars),
        "education_bars": education_bars,
        "education_height": charts.chart_height(education_bars),
        "chart_width": charts.CHART_WIDTH,
        "label_width": charts.LABEL_WIDTH,
    }
    return render(request, "careers/occupation_detail.html", context)


@require_GET
def search(request: HtmxHttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    query = search_query_clean(raw)
    hits = (
        (role_search(query=query, user=request.user) + occupation_search(query=query))
        if query
        else []
    )
    context = {"query": query, "hits": hits, "too_short": 0 < len(query) < 2}
    template = "careers/search.html"
    if wants_fragment(request):
        template += "#results"
    return render(request, template, context)


@require_GET
def role_list(request: HtmxHttpRequest) -> HttpResponse:
    families = list(JobFamily.objects.order_by("name").values_list("slug", "name"))
    levels = [(level.key, str(level)) for level in Level.objects.all()]
    form = RoleFilterForm(request.GET or None, families=families, levels=levels)
    sources = data_sources()
    context = {"form": form, "sources": sources, "families": families}
    template = "careers/role_list.html"
    if wants_fragment(request):
        template += "#results"  # filter errors too: htmx swaps a 400 into the results
    if request.GET and not form.is_valid():
        return render(request, template, context, status=400)
    filters = form.cleaned_data if request.GET else {}
    roles = role_browse(
        user=request.user,
        family=filters.get("family") or "",
        level=filters.get("level") or "",
        track=filters.get("track") or "",
        job_zone=filters.get("zone"),
        growth=filters.get("growth") or "",
        wage_min=filters.get("wage_min"),
        wage_max=filters.get("wage_max"),
        sort=filters.get("sort") or "family",
        average_change=sources.all_occupations_change,
    )
    page = Paginator(roles, ROLE_PAGE_SIZE).get_page(request.GET.get("page"))
    bases = figure_bases(list(page.object_list))
    for role in page.object_list:
        role.basis = bases[role.id]
    context["page"] = page
    return render(request, template, context)


@require_GET
def role_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    role = get_object_or_404(Role.objects.visible_to(request.user).with_landscape(), slug=slug)
    kind = request.GET.get("kind", "")
    if kind and kind not in InterviewQuestion.Kind.values:
        return render(
            request,
            "400.html",
            {"message": "Unknown kind of interview question."},
            status=400,
        )
    profile = role_profile(role, kind=kind)
    panels = [import_string(path)(request, role) for path in settings.ROLE_PAGE_PANELS]
    occupation = role.occupation
    bls = occupation.bls if occupation else None
    context = {
        "role": role,
        "family": role.family,
        "profile": profile,
        "panels": [panel for panel in panels if panel],
        "occupation": occupation,
        "bls": bls,
        "sources": profile.sources,
        "job_zone": JOB_ZONES.get(occupation.job_zone)
        if occupation and occupation.job_zone
        else None,
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


@require_GET
def compare(request: HtmxHttpRequest) -> HttpResponse:
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
    compared = [] if problems else roles_compare(slugs=slugs, user=request.user)
    missing = [slug for slug in slugs if slug not in {c.role.slug for c in compared}]
    if not problems and missing:
        problems.append("There is no published role called " + ", ".join(missing) + ".")
    choices = list(
        Role.objects.visible_to(request.user)
        .select_related("family", "level")
        .exclude(slug__in=[slug for slug in slugs if SLUG.fullmatch(slug)])
        .order_by("family__name", "level__track", "level__order")
    )
    sources = data_sources()
    extra_rows = (
        []
        if problems
        else [
            import_string(path)(request, [c.role for c in compared])
            for path in settings.ROLE_COMPARE_ROWS
        ]
    )
    context = {
        "slugs": slugs,
        "compared": compared,
        "rows": []
        if problems
        else compare_rows(compared, sources) + [row for row in extra_rows if row],
        "skills": compare_skills(compared),
        "figure_notes": [] if problems else compare_figure_notes(compared),
        "choices": choices,
        "problems": problems,
        "full": len(slugs) >= COMPARE_MAX,
        "max_roles": COMPARE_MAX,
        "sources": sources,
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
