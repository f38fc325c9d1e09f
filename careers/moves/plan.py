"""Planning a move: the cached move graph, routes between two places, and a role's ranked
next steps, as the plain data the pages (and saved plans) show."""

from careers.moves.build import (
    MoveGraph,
    NodeInfo,
    lateral_score,
    move_graph_build,
    role_node,
)
from careers.moves.graph import MAX_STEPS, ROUTES, Edge, Graph, Route, reachable, routes
from careers.moves.present import bls_for, step_data
from careers.templatetags.skills import proficiency_name
from careers.versioning import per_content_version, per_content_version_by

NEAREST_SHOWN = 5
LEARN_FIRST = 8
LATERAL_SHOWN = 8

# The graph for the current content version, built once per version and process.
move_graph = per_content_version(move_graph_build)


def _with_occupation_goal(moves: MoveGraph, goal: NodeInfo) -> tuple[Graph, dict]:
    """Roles whose own occupation is the goal reach it at no cost (they are counted in it);
    the goal joins the nodes if no related-occupation move leads there already."""
    extra = {}
    for key, info in moves.nodes.items():
        if info.kind == "role" and info.occupation_code == goal.occupation_code:
            extra[key] = [*moves.graph.out(key), Edge(key, goal.key, "occupation", 0.0, {})]
    graph = Graph(edges={**moves.graph.edges, **extra})
    return graph, {goal.key: goal, **moves.nodes}


def _learn_first(route: Route) -> list[dict]:
    """One list for the whole route: each skill once, at the highest level any step needs,
    ordered by the step it is first needed in, then by weight."""
    merged: dict[str, dict] = {}
    for position, edge in enumerate(route.edges):
        for item in edge.detail.get("learn", []):
            known = merged.get(item["name"])
            if known is None:
                merged[item["name"]] = {**item, "step": position + 1}
            elif item["need"] > known["need"]:
                known["need"] = item["need"]
    ordered = sorted(
        merged.values(),
        key=lambda item: (item["step"], -item["importance"] * (item["need"] - item["have"])),
    )
    return ordered[:LEARN_FIRST]


def plan_move(
    moves: MoveGraph,
    start: str,
    goal: str,
    *,
    citation: str,
    occupation: NodeInfo | None = None,
) -> dict:
    """Routes from a role node to a role or an occupation node (keys as in build.py), as
    plain data: {"routes": [...], "nearest": [(title, url)]} (nearest only without a
    route). Three queries: the content version, the BLS rows of the moves shown, none more
    however large the catalog."""
    graph, nodes = moves.graph, moves.nodes
    if occupation:
        graph, nodes = _with_occupation_goal(moves, occupation)
    found = routes(graph, start, goal, k=ROUTES, max_steps=MAX_STEPS)
    bls = bls_for(nodes, [edge for route in found for edge in route.edges])
    planned = [
        {
            "steps": [step_data(nodes, edge, bls, citation) for edge in route.edges],
            "moves": len(route.edges),
            "years": round(sum(edge.detail.get("years", 0) for edge in route.edges), 1),
            "cost": round(route.cost, 1),
            "learn_first": [
                {
                    "name": item["name"],
                    "to": proficiency_name(max(1, round(item["need"]))),
                    "step": item["step"],
                }
                for item in _learn_first(route)
            ],
            "pays_much_less": any(
                edge.detail.get("pay", {}).get("much_less") for edge in route.edges
            ),
            "places": [nodes[key].title for key in route.nodes],
            "diagram": route_diagram([nodes[key].title for key in route.nodes]),
        }
        for route in found
    ]
    nearest = []
    if not planned:
        reach = reachable(graph, start)
        closest = sorted(
            (key for key in reach if moves.nodes[key].kind == "role"),
            key=lambda key: (*_distance_hint(moves, key, goal), reach[key]),
        )
        nearest = [
            (moves.nodes[key].title, moves.nodes[key].url) for key in closest[:NEAREST_SHOWN]
        ]
    return {"routes": planned, "nearest": nearest}


# The route diagram: stops down a line, one row each (SVG user units).
ROW = 44
TOP = 16


def route_diagram(places: list[str]) -> dict:
    """Geometry for the inline SVG of a route: a stop per place, joined by a line."""
    stops = [{"y": TOP + ROW * index, "title": title} for index, title in enumerate(places)]
    for stop in stops:
        stop["label_y"] = stop["y"] + 5
    return {"height": TOP * 2 + ROW * (len(places) - 1), "stops": stops, "end": stops[-1]["y"]}


def _distance_hint(moves: MoveGraph, key: str, goal: str) -> tuple:
    """Reachable roles closest to the goal: same family first, then nearest band."""
    node, target = moves.nodes[key], moves.nodes.get(goal)
    if target is None or target.kind != "role":
        return (0, 0)
    return (node.family != target.family, abs(node.band - target.band))


def role_moves(moves: MoveGraph, slug: str, *, citation: str) -> dict[str, list[dict]]:
    """A role's moves: advancement and changes of track as the editors wrote them, and
    every lateral (editors', computed, O*NET's related occupations) in one ranking."""
    out = moves.graph.out(role_node(slug))
    lateral = sorted(
        (e for e in out if e.kind in ("lateral", "computed", "related")),
        key=lambda e: (-lateral_score(e), moves.nodes[e.target].title),
    )[:LATERAL_SHOWN]
    chosen = [e for e in out if e.kind in ("advancement", "track_change")] + lateral
    bls = bls_for(moves.nodes, chosen)

    def data(edges):
        return [step_data(moves.nodes, edge, bls, citation) for edge in edges]

    return {
        "advancement": data(e for e in out if e.kind == "advancement"),
        "track_change": data(e for e in out if e.kind == "track_change"),
        "lateral": data(lateral),
    }


@per_content_version_by(lambda slug, *, citation: (slug, citation))
def role_moves_cached(slug: str, *, citation: str) -> dict[str, list[dict]]:
    """A published role's moves in the current version's graph, ranked once per version."""
    return role_moves(move_graph(), slug, citation=citation)
