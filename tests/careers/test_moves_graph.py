"""The route planner on small hand-made graphs with known answers."""

import time

import pytest

from careers.moves.graph import Edge, Graph, reachable, routes


def graph_of(*edges: tuple[str, str, float], kind: str = "advancement") -> Graph:
    graph = Graph()
    for source, target, cost in edges:
        graph.add(Edge(source, target, kind, cost))
    return graph


def places(route) -> str:
    return "".join(route.nodes)


def test_the_cheapest_route_comes_first_then_the_next_cheapest():
    graph = graph_of(
        ("A", "B", 1),
        ("B", "D", 1),  # A-B-D costs 2
        ("A", "C", 1),
        ("C", "D", 2),  # A-C-D costs 3
        ("A", "D", 5),  # direct but dear
    )
    found = routes(graph, "A", "D")
    assert [places(r) for r in found] == ["ABD", "ACD", "AD"]
    assert [r.cost for r in found] == [2, 3, 5]


def test_at_most_k_routes_and_at_most_four_steps():
    chain = graph_of(("A", "B", 1), ("B", "C", 1), ("C", "D", 1), ("D", "E", 1), ("E", "F", 1))
    assert [places(r) for r in routes(chain, "A", "E")] == ["ABCDE"]
    assert routes(chain, "A", "F") == []  # five moves away
    fan = graph_of(*[("A", x, 1) for x in "BCDEFG"], *[(x, "Z", n) for n, x in enumerate("BCDEFG")])
    found = routes(fan, "A", "Z", k=3)
    assert [places(r) for r in found] == ["ABZ", "ACZ", "ADZ"]


def test_cycles_never_hang_and_routes_never_revisit_a_place():
    graph = graph_of(("A", "B", 1), ("B", "A", 1), ("B", "C", 1), ("C", "B", 1), ("C", "A", 1))
    started = time.monotonic()
    assert routes(graph, "A", "Z") == []
    assert [places(r) for r in routes(graph, "A", "C")] == ["ABC"]
    assert time.monotonic() - started < 1


def test_same_start_and_goal_and_unknown_nodes_give_no_route():
    graph = graph_of(("A", "B", 1))
    assert routes(graph, "A", "A") == []
    assert routes(graph, "nowhere", "B") == []


def test_the_same_places_by_another_kind_of_move_count_once():
    graph = graph_of(("A", "B", 1), ("B", "C", 1))
    graph.add(Edge("A", "B", "lateral", 1.5))
    found = routes(graph, "A", "C")
    assert [places(r) for r in found] == ["ABC"]
    assert found[0].edges[0].kind == "advancement"  # the cheaper of the two


def test_adding_keeps_the_cheapest_edge_of_a_kind():
    graph = graph_of(("A", "B", 3))
    graph.add(Edge("A", "B", "advancement", 2))
    graph.add(Edge("A", "B", "advancement", 4))
    assert [edge.cost for edge in graph.out("A")] == [2]


def test_reachable_lists_costs_within_the_step_limit():
    graph = graph_of(("A", "B", 1), ("B", "C", 1), ("A", "C", 5), ("C", "D", 1))
    assert reachable(graph, "A", max_steps=2) == {"B": 1, "C": 2, "D": 6}


@pytest.mark.parametrize("size", [40])
def test_a_dense_graph_still_answers_quickly(size):
    nodes = [f"n{i}" for i in range(size)]
    graph = graph_of(
        *[
            (a, b, 1 + (i * j) % 7)
            for i, a in enumerate(nodes)
            for j, b in enumerate(nodes)
            if a != b and (i + j) % 3
        ]
    )
    started = time.monotonic()
    found = routes(graph, "n0", "n39")
    assert found and len(found) == 3
    assert all(len(route.edges) <= 4 for route in found)
    assert time.monotonic() - started < 2


def lateral(kind: str, share: float, **detail) -> Edge:
    return Edge("role:a", f"role:{kind}-{share}", kind, 1.0, {"share": share, **detail})


def test_one_score_ranks_laterals_from_all_three_sources():
    from careers.moves.build import lateral_score

    editors = lateral("lateral", 0.5)  # 0.5 + 0.2 for an editor's move
    computed = lateral("computed", 0.65)  # skills alone
    closest = lateral("related", 0.8, tier_key="Primary-Short")  # 0.75 × 0.8 + 0.1
    cheaper = lateral("computed", 0.9, pay={"much_less": True})  # 0.9 − 0.15
    scores = {edge.target: lateral_score(edge) for edge in (editors, computed, closest, cheaper)}
    assert scores == {
        editors.target: 0.7,
        computed.target: 0.65,
        closest.target: 0.7,
        cheaper.target: 0.75,
    }


@pytest.mark.parametrize(
    "text, kind, years",
    [
        ("typically 2–4 years", "advancement", 3.0),
        ("6–12 months", "lateral", 0.75),
        ("typically 2 years", "advancement", 2.0),
        ("", "lateral", 1.0),
        ("it varies", "advancement", 2.5),
    ],
)
def test_typical_time_reads_the_editors_words(text, kind, years):
    from careers.moves.build import typical_years

    assert typical_years(text, kind) == years
