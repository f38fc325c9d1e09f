"""Routes between kinds of work: a weighted directed graph and the k cheapest routes.

Nodes are roles ("role:<slug>") and O*NET occupations ("occupation:<code>"). An edge is one
move a person can make, with its cost in years-equivalent (documented in
careers/moves/build.py: the typical time of the move plus the size of its skill gap). The
planner looks for the cheapest routes of at most MAX_STEPS moves, and never repeats a node,
so cycles in the graph cannot make it loop.

Pure: plain data in, plain data out, so tests can build small graphs with known answers.
"""

import heapq
from dataclasses import dataclass, field
from itertools import count

MAX_STEPS = 4
ROUTES = 3


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    cost: float
    detail: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Graph:
    edges: dict[str, list[Edge]] = field(default_factory=dict)

    def add(self, edge: Edge) -> None:
        """Keep the cheapest edge of each kind between two nodes."""
        out = self.edges.setdefault(edge.source, [])
        for index, existing in enumerate(out):
            if existing.target == edge.target and existing.kind == edge.kind:
                if edge.cost < existing.cost:
                    out[index] = edge
                return
        out.append(edge)

    def out(self, node: str) -> list[Edge]:
        return self.edges.get(node, [])


@dataclass(frozen=True)
class Route:
    edges: tuple[Edge, ...]

    @property
    def cost(self) -> float:
        return sum(edge.cost for edge in self.edges)

    @property
    def nodes(self) -> list[str]:
        return [self.edges[0].source, *(edge.target for edge in self.edges)]


def _cheapest(
    graph: Graph,
    start: str,
    goal: str,
    *,
    max_steps: int,
    banned_nodes: frozenset[str] = frozenset(),
    banned_edges: frozenset[tuple[str, str, str]] = frozenset(),
) -> tuple[Edge, ...] | None:
    """The cheapest simple path of at most `max_steps` edges (Dijkstra over (node, steps
    taken) states; a state is settled once, so the search always ends)."""
    tie = count()
    queue: list = [(0.0, next(tie), start, ())]
    settled: dict[tuple[str, int], float] = {}
    while queue:
        cost, _, node, path = heapq.heappop(queue)
        if node == goal:
            return path
        steps = len(path)
        if settled.get((node, steps), float("inf")) <= cost:
            continue
        settled[(node, steps)] = cost
        if steps == max_steps:
            continue
        visited = {start, *(edge.target for edge in path)}
        for edge in graph.out(node):
            if edge.target in visited or edge.target in banned_nodes:
                continue
            if (edge.source, edge.target, edge.kind) in banned_edges:
                continue
            heapq.heappush(queue, (cost + edge.cost, next(tie), edge.target, (*path, edge)))
    return None


def routes(
    graph: Graph, start: str, goal: str, *, k: int = ROUTES, max_steps: int = MAX_STEPS
) -> list[Route]:
    """Up to k cheapest routes from start to goal, cheapest first (Yen's algorithm, each
    search limited to max_steps moves). Routes that visit the same places in the same order
    by a different kind of move count once."""
    if start == goal:
        return []
    first = _cheapest(graph, start, goal, max_steps=max_steps)
    if first is None:
        return []
    found: list[tuple[Edge, ...]] = [first]
    candidates: list = []
    tie = count()
    seen_paths = {tuple(edge.target for edge in first)}
    while len(found) < k:
        previous = found[-1]
        for spur_index in range(len(previous)):
            root = previous[:spur_index]
            spur_node = root[-1].target if root else start
            banned_edges = {
                (path[spur_index].source, path[spur_index].target, path[spur_index].kind)
                for path in found
                if path[:spur_index] == root
            }
            banned_nodes = frozenset({start, *(edge.target for edge in root)} - {spur_node})
            spur = _cheapest(
                graph,
                spur_node,
                goal,
                max_steps=max_steps - len(root),
                banned_nodes=banned_nodes,
                banned_edges=frozenset(banned_edges),
            )
            if spur is None:
                continue
            path = (*root, *spur)
            places = tuple(edge.target for edge in path)
            if places in seen_paths:
                continue
            seen_paths.add(places)
            heapq.heappush(candidates, (sum(edge.cost for edge in path), next(tie), path))
        if not candidates:
            break
        found.append(heapq.heappop(candidates)[2])
    return [Route(path) for path in found]


def reachable(graph: Graph, start: str, *, max_steps: int = MAX_STEPS) -> dict[str, float]:
    """Every node reachable within max_steps moves, with the cheapest cost to it."""
    best = {start: 0.0}
    frontier = {start: 0.0}
    for _ in range(max_steps):
        following: dict[str, float] = {}
        for node, cost in frontier.items():
            for edge in graph.out(node):
                total = cost + edge.cost
                if total < best.get(edge.target, float("inf")):
                    best[edge.target] = total
                    following[edge.target] = total
        frontier = following
    best.pop(start)
    return best
