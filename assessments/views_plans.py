"""Saving a planned move: signed-in people keep a plan as a result, an immutable snapshot
of the routes as they were planned (later content edits never change it)."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments.models import Result
from assessments.services import result_save
from careers.moves.plan import move_graph
from careers.moves.views import PlanProblem, plan_for, plan_resolve
from careers.selectors.sources import data_sources
from careers.versioning import content_version
from truest.limits import limit_consume, too_many


@never_cache
@login_required
@require_POST
def plan_save(request: HttpRequest) -> HttpResponse:
    start = request.POST.get("from", "").strip()
    goal = request.POST.get("to", "").strip()
    moves = move_graph()
    try:
        ends = plan_resolve(moves, start, goal)
    except PlanProblem as problem:
        return render(request, "400.html", {"message": problem.message}, status=problem.status)
    scope = f"user:{request.user.pk}"
    if not limit_consume(request, action="result_save", key=scope):
        return too_many(
            "result_save",
            "You have saved a lot in a short time. Wait a few minutes and try again.",
        )
    sources = data_sources()
    plan = plan_for(moves, ends, sources.wages_citation)
    if not plan["routes"]:
        return render(
            request,
            "400.html",
            {"message": "There is no route to save between these two; plan another move."},
            status=400,
        )
    version = content_version()
    snapshot = {
        "from": start,
        "to": goal,
        "start_title": ends["start_title"],
        "goal_title": ends["goal_title"],
        "content_version": version,
        "plan": plan,
    }
    # The same plan saved again under the same content is the same result (a double click).
    token = uuid.uuid5(uuid.NAMESPACE_URL, f"truest:plan:{start}:{goal}:{version}")
    saved = result_save(
        kind=Result.Kind.PLAN,
        token=token,
        scope=scope,
        owner=request.user,
        title=f"Plan: {ends['start_title']} to {ends['goal_title']}",
        snapshot=snapshot,
        outcome={
            "routes": len(plan["routes"]),
            "fewest_moves": min(route["moves"] for route in plan["routes"]),
        },
    )
    return redirect(saved.result.get_absolute_url())
