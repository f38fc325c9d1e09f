import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from assessments.forms import WorkProfileForm
from assessments.interest_take import interest_page, step_after_move, step_of_first_error
from assessments.models import RESULT_UNDO_DAYS, Result
from assessments.profile import BANDS
from assessments.profile_results import profile_result_context
from assessments.profile_take import (
    profile_sheet,
    profile_snapshot,
    published_roles,
    sheet_steps,
    snapshot_outcome,
)
from assessments.selectors import (
    INTEREST_FITS,
    PREPARATION_CHOICES,
    interest_areas,
    interest_matches,
    result_visible,
)
from assessments.services import (
    SESSION_RESULTS,
    TokenReused,
    interest_outcome,
    interest_snapshot,
    result_save,
    session_result_remember,
)
from careers.models import Role
from careers.views import SLUG, HtmxHttpRequest, wants_fragment
from truest.limits import limit_consume, too_many


def _save_failed(request, template: str, context: dict, message: str) -> HttpResponse:
    context["form"].add_error(None, message)
    return render(request, template, context, status=400)


def _submitter_scope(request: HttpRequest) -> str:
    """Who is submitting: the account, or (without one) the browser session, created now
    if the visitor has none yet."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


def _save_refused(request: HttpRequest, scope: str) -> HttpResponse | None:
    """429 when this client or browser saves too often, or holds too many results taken
    without an account (each is kept until its session ends)."""
    if not limit_consume(request, action="result_save", key=scope):
        return too_many(
            "result_save",
            "You have saved a lot of results in a short time. Wait a few minutes and try again.",
        )
    if not request.user.is_authenticated and (
        len(request.session.get(SESSION_RESULTS, [])) >= settings.ANONYMOUS_RESULTS_PER_SESSION
    ):
        return too_many(
            "result_save",
            f"This browser already holds {settings.ANONYMOUS_RESULTS_PER_SESSION} results "
            "taken without an account. Sign up to keep them and take more, or delete some "
            "first.",
        )
    return None


@never_cache
@require_GET
def profile_start(request: HttpRequest, slug: str) -> HttpResponse:
    """A role's "Is it right for you?" starts the one profile, noting where it began."""
    role = get_object_or_404(Role.objects.visible_to(request.user), slug=slug)
    return redirect(f"{reverse('work_profile')}?start={role.slug}")


def _profile_page(request, *, data=None, step: int | None = None):
    """The sheet, its form and the page context; 404 for an unknown starting role."""
    sheet = profile_sheet()
    if sheet is None:
        raise Http404("The work-style profile is not loaded yet.")
    form = WorkProfileForm(
        data, items=sheet.items, conditions=sheet.conditions, version=sheet.profile.version
    )
    start_slug = (data or request.GET).get("start", "")
    start = None
    if start_slug and (data is None or SLUG.fullmatch(start_slug)):
        # A malformed name in a submitted sheet is a form error (400), below.
        start = Role.objects.visible_to(request.user).filter(slug=start_slug).first()
        if start is None:
            raise Http404("There is no role with that name.")
    steps = sheet_steps(sheet, form)
    context = {
        "sheet": sheet,
        "form": form,
        "steps": steps,
        "step": step,
        "step_count": len(steps),
        "start": start,
        "bands": BANDS,
        "dimension_count": len(sheet.dimensions),
    }
    return sheet, form, start, context


@never_cache
@require_http_methods(["GET", "POST"])
def work_profile(request: HtmxHttpRequest) -> HttpResponse:
    """The work-style profile: one page without JavaScript, a stepper with htmx."""
    template = "assessments/work_profile.html"
    if request.method == "GET":
        sheet, form, start, context = _profile_page(request)
        form.initial = {
            "token": uuid.uuid4(),
            "version": sheet.profile.version,
            "start": start.slug if start else "",
        }
        return render(request, template, context)

    sheet, form, start, context = _profile_page(request, data=request.POST)
    if wants_fragment(request):
        template += "#sheet"
    if not form.is_valid():
        return render(request, template, context, status=400)
    scope = _submitter_scope(request)
    refused = _save_refused(request, scope)
    if refused:
        return refused
    snapshot = profile_snapshot(
        sheet=sheet,
        item_answers=form.item_answers(),
        condition_answers=form.condition_answers(),
        roles=published_roles(),
        start=start,
    )
    try:
        saved = result_save(
            kind=Result.Kind.PROFILE,
            token=form.cleaned_data["token"],
            scope=scope,
            session_key=request.session.session_key or "",
            owner=request.user,
            title="Work-style profile",
            snapshot=snapshot,
            outcome=snapshot_outcome(snapshot),
            check_version=sheet.profile.version,
        )
    except TokenReused:
        return _save_failed(
            request, template, context, "This form was already used. Reload the page."
        )
    if not request.user.is_authenticated:
        session_result_remember(request.session, saved.result)
    url = saved.result.get_absolute_url()
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@never_cache
@require_POST
def work_profile_step(request: HtmxHttpRequest) -> HttpResponse:
    """htmx: show one screen at a time. All answers so far travel with every request (the
    other screens are hidden, not removed), so going back keeps them."""
    try:
        current = int(request.POST.get("current", "0"))
        goto = int(request.POST.get("goto", "1"))
    except ValueError:
        return HttpResponse("Unknown step.", status=400)
    _sheet, form, _start, context = _profile_page(request, data=request.POST)
    steps = context["steps"]
    if not 1 <= goto <= len(steps) or not 0 <= current <= len(steps):
        return HttpResponse("Unknown step.", status=400)
    form.is_valid()  # binds the answers so far
    current_fields = (
        {field.name for _question, field in steps[current - 1]["fields"]} if current else set()
    )
    blocked = bool(current) and goto > current and bool(current_fields & set(form.errors))
    if blocked:
        goto = current
    # Each screen judges only its own questions, and only when the person tries to go on:
    # the first screen, going back and screens not reached yet show no errors.
    shown = current_fields if blocked else set()
    for name in list(form.errors):
        if name not in shown:
            del form.errors[name]
    context.update({"step": goto, "step_errors": blocked})
    return render(request, "assessments/work_profile.html#sheet", context)


@never_cache
@require_http_methods(["GET", "POST"])
def interests(request: HtmxHttpRequest) -> HttpResponse:
    """The interest profile: one page without JavaScript, a stepper with htmx."""
    template = "assessments/interests.html"
    if request.method == "GET":
        _sheet, form, context = interest_page()
        form.initial = {"token": uuid.uuid4()}
        return render(request, template, context)
    sheet, form, context = interest_page(request.POST)
    stepped = wants_fragment(request) and bool(request.POST.get("current"))
    if wants_fragment(request):
        template += "#sheet"
    if not form.is_valid():
        if stepped:  # the stepper's last screen: back to the first one missing an answer
            context.update(step=step_of_first_error(form, context["steps"]), step_errors=True)
        return render(request, template, context, status=400)
    scope = _submitter_scope(request)
    refused = _save_refused(request, scope)
    if refused:
        return refused
    snapshot = interest_snapshot(items=sheet.items, answers=form.answers())
    try:
        saved = result_save(
            kind=Result.Kind.INTEREST,
            token=form.cleaned_data["token"],
            scope=scope,
            session_key=request.session.session_key or "",
            owner=request.user,
            title="Interest profile",
            snapshot=snapshot,
            outcome=interest_outcome(snapshot),
        )
    except TokenReused:
        context["step"] = context["step_count"] if stepped else None
        return _save_failed(
            request, template, context, "This form was already used. Reload the page."
        )
    if not request.user.is_authenticated:
        session_result_remember(request.session, saved.result)
    url = saved.result.get_absolute_url()
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@never_cache
@require_POST
def interests_step(request: HtmxHttpRequest) -> HttpResponse:
    """htmx: show one screen of activities at a time. All answers so far travel with every
    request (the other screens are hidden, not removed), so going back keeps them."""
    try:
        current = int(request.POST.get("current", "0"))
        goto = int(request.POST.get("goto", "1"))
    except ValueError:
        return HttpResponse("Unknown step.", status=400)
    _sheet, form, context = interest_page(request.POST)
    steps = context["steps"]
    if not 1 <= goto <= len(steps) or not 0 <= current <= len(steps):
        return HttpResponse("Unknown step.", status=400)
    step, blocked = step_after_move(form, steps, current=current, goto=goto)
    context.update({"step": step, "step_errors": blocked})
    return render(request, "assessments/interests.html#sheet", context)


@never_cache
@require_GET
def result_detail(request: HtmxHttpRequest, result_id: uuid.UUID) -> HttpResponse:
    result = result_visible(result_id=result_id, user=request.user, session=request.session)
    context = {"result": result, "snapshot": result.snapshot, "outcome": result.outcome}
    if result.kind == Result.Kind.PLAN:
        return render(request, "assessments/plan_result.html", context)
    if result.kind == Result.Kind.PROFILE:
        context.update(profile_result_context(result), bands=BANDS)
        return render(request, "assessments/profile_result.html", context)
    if result.kind == Result.Kind.FIT:
        dimensions = {d["key"]: d for d in result.snapshot["dimensions"]}
        context["dimensions"] = [
            {**dimensions[score["key"]], **score} for score in result.outcome["dimensions"]
        ]
        context["bands"] = BANDS
        return render(request, "assessments/fit_result.html", context)
    zone_value = request.GET.get("zone", "")
    if zone_value and zone_value not in {str(zone) for zone in PREPARATION_CHOICES}:
        message = "Choose how much preparation you are open to from the list (1 to 5)."
        return render(request, "400.html", {"message": message}, status=400)
    job_zone = int(zone_value) if zone_value else None
    if not result.outcome["flat"]:
        context["occupations"], context["families"] = interest_matches(
            result.outcome["sums"], job_zone=job_zone
        )
    context.update(
        interest_areas(result.outcome),
        job_zone=job_zone,
        preparation_choices=PREPARATION_CHOICES,
        fits=INTEREST_FITS,
    )
    template = "assessments/interest_result.html"
    if wants_fragment(request):
        template += "#matches"
    return render(request, template, context)


@never_cache
@require_http_methods(["GET", "POST"])
def result_delete(request: HttpRequest, result_id: uuid.UUID) -> HttpResponse:
    """GET asks for confirmation (a page, so it works without JavaScript); POST marks the
    result deleted. It disappears everywhere at once and can be undone for RESULT_UNDO_DAYS,
    after which `purge_deleted_results` removes it for good."""
    result = result_visible(result_id=result_id, user=request.user, session=request.session)
    context = {"result": result, "undo_days": RESULT_UNDO_DAYS}
    if request.method == "GET":
        return render(request, "assessments/result_delete.html", context)
    Result.objects.filter(pk=result.pk).update(deleted_at=timezone.now())
    return redirect("result_deleted", result_id=result.id)


@never_cache
@require_GET
def result_deleted(request: HttpRequest, result_id: uuid.UUID) -> HttpResponse:
    result = result_visible(
        result_id=result_id, user=request.user, session=request.session, deleted=True
    )
    return render(
        request,
        "assessments/result_deleted.html",
        {"result": result, "undo_days": RESULT_UNDO_DAYS},
    )


@never_cache
@require_POST
def result_restore(request: HttpRequest, result_id: uuid.UUID) -> HttpResponse:
    result = result_visible(
        result_id=result_id, user=request.user, session=request.session, deleted=True
    )
    Result.all_objects.filter(pk=result.pk).update(deleted_at=None)
    messages.success(request, f"Restored “{result.title}” from {result.created_at:%-d %B %Y}.")
    return redirect(result.get_absolute_url())


@never_cache
@login_required
@require_GET
def data_export(request: HttpRequest) -> HttpResponse:
    user = request.user
    payload = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        },
        "results": [
            {
                "id": str(result.id),
                "kind": result.kind,
                "title": result.title,
                "role": result.role_slug,
                "check_version": result.check_version,
                "created_at": result.created_at.isoformat(),
                "snapshot": result.snapshot,
                "outcome": result.outcome,
            }
            for result in Result.objects.owned_by(user).order_by("created_at")
        ],
        "shortlist": [
            {"role": entry.role.slug, "added_at": entry.created_at.isoformat()}
            for entry in user.shortlist.select_related("role").order_by("created_at", "id")
        ],
    }
    response = JsonResponse(payload, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="truest-my-data.json"'
    return response
