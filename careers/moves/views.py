"""/moves/: plan a move from one role to another role or to any O*NET occupation."""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from careers.content import SLUG
from careers.models import Occupation
from careers.moves.build import MoveGraph, NodeInfo, occupation_node, role_node
from careers.moves.plan import move_graph, plan_move
from careers.selectors.sources import data_sources
from careers.versioning import content_version, per_content_version, per_content_version_by
from truest.page_cache import cached_for_strangers

CODE = re.compile(r"\d{2}-\d{4}\.\d{2}")


def role_choices(moves: MoveGraph) -> list[tuple[str, list[tuple[str, str]]]]:
    """Published roles for the planner's menus, grouped by family, lowest band first (from
    the cached move graph: no query of its own)."""
    families: dict[str, list] = {}
    nodes = [n for n in moves.nodes.values() if n.kind == "role"]
    for node in sorted(nodes, key=lambda n: (n.family, n.band, n.title)):
        families.setdefault(node.family, []).append((node.key.removeprefix("role:"), node.title))
    return sorted(families.items())


class PlanProblem(Exception):
    """A request the planner cannot answer: the message to show and the status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def plan_resolve(moves: MoveGraph, start: str, goal: str) -> dict:
    """Check a planner request and name its ends; raises PlanProblem (400) for bad input,
    Http404 for a role or occupation that does not exist, PlanProblem when from = to."""
    if not start:
        raise PlanProblem("Choose the role you are starting from.")
    if not SLUG.fullmatch(start):
        raise PlanProblem("The starting role's name can only hold letters, digits and hyphens.")
    if not goal:
        raise PlanProblem(
            "Choose where you want to go: a role, or an O*NET-SOC code such as 15-1244.00."
        )
    if not (SLUG.fullmatch(goal) or CODE.fullmatch(goal)):
        raise PlanProblem(
            "Where you want to go must be a role's name or an O*NET-SOC code such as 15-1244.00."
        )
    nodes = moves.nodes
    start_node = role_node(start)
    if start_node not in nodes:
        raise Http404("There is no published role with that name.")
    ends = {
        "start_node": start_node,
        "start_title": nodes[start_node].title,
        "start_url": nodes[start_node].url,
        "occupation": None,
    }
    if CODE.fullmatch(goal):
        occupation = (
            Occupation.objects.filter(code=goal)
            .select_related("bls")
            .only("code", "title", "bls__id")
            .first()
        )
        if occupation is None:
            raise Http404("There is no O*NET occupation with that code.")
        node = occupation_node(goal)
        ends |= {
            "goal_node": node,
            "goal_title": occupation.title,
            "goal_url": f"/occupations/{goal}/",
            "occupation": nodes.get(node)
            or NodeInfo(
                key=node,
                title=occupation.title,
                url=f"/occupations/{goal}/",
                kind="occupation",
                occupation_code=goal,
                occupation_title=occupation.title,
                bls_id=occupation.bls_id,
            ),
        }
    else:
        goal_node = role_node(goal)
        if goal_node not in nodes:
            raise Http404("There is no published role with that name.")
        ends |= {
            "goal_node": goal_node,
            "goal_title": nodes[goal_node].title,
            "goal_url": nodes[goal_node].url,
        }
    if ends["goal_node"] == start_node:
        raise PlanProblem(
            f"You are already a {ends['goal_title']}: choose somewhere else to go, or see "
            "where this role leads on its page."
        )
    return ends


def plan_for(moves: MoveGraph, ends: dict, citation: str) -> dict:
    return plan_move(
        moves,
        ends["start_node"],
        ends["goal_node"],
        citation=citation,
        occupation=ends["occupation"],
    )


@per_content_version_by(lambda start, goal: (start, goal), limit=2000)
def planned(start: str, goal: str) -> dict:
    """A plan between two ends, or the problem with the request, once per content version
    and process: the same two ends get the same routes until content changes."""
    moves = move_graph()
    try:
        ends = plan_resolve(moves, start, goal)
    except PlanProblem as problem:
        return {"problem": problem.message, "status": problem.status}
    return {**ends, "plan": plan_for(moves, ends, data_sources().wages_citation)}


@cached_for_strangers
@require_GET
def moves(request: HttpRequest) -> HttpResponse:
    start = request.GET.get("from", "").strip()
    goal = request.GET.get("to", "").strip()
    context = {
        "start": start,
        "goal": goal,
        "choices": planner_choices(),
        "sources": data_sources(),
        # Keys the page's parts that are the same for every reader (the menus, the routes).
        "content_version": content_version(),
    }
    if "from" not in request.GET or "to" not in request.GET:
        # A link that names one end ("plan a move to this role") opens the form with that
        # end chosen; a submitted form always sends both, and is judged below.
        return render(request, "careers/moves.html", context)
    context |= planned(start, goal)
    return render(request, "careers/moves.html", context, status=context.pop("status", 200))


# The planner's menus, the same on every page that offers them.
planner_choices = per_content_version(lambda: role_choices(move_graph()))
