"""Route planner benchmark: plan every ordered pair of published roles.

Method
------
1. A scratch SQLite database in a temporary directory is migrated and loaded with the
   shipped dataset and catalog (`manage.py setup_site`), so the numbers describe exactly
   what ships. (Pass a DATABASE_URL to measure another database instead.)
2. The move graph is built once and timed (it is built once per content version and
   process on the site).
3. For every ordered pair (from, to) of distinct published roles, `plan_move` runs as the
   /moves/ page runs it: up to three routes of at most four moves, each step's skills, time
   and pay sentence, the combined "learn first" list, and one query for the BLS rows. Each
   plan is timed with time.perf_counter; the queries are real (SQLite).
4. Reported: p50, p95 and max milliseconds per plan (the target is p95 under 20 ms), the
   share of pairs with a route of four moves or fewer, how many routes each found, and the
   islands: roles no other role can reach, and roles that reach no other role.

Usage: .venv/bin/python bench/moves.py            (about a minute, most of it the load)
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def prepared_database() -> tuple[str, tempfile.TemporaryDirectory | None]:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"], None
    scratch = tempfile.TemporaryDirectory(prefix="truest-moves-")
    url = f"sqlite:///{scratch.name}/db.sqlite3"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "true"}
    for command in (["migrate", "--noinput", "-v0"], ["setup_site"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
        )
    return url, scratch


def main() -> int:
    url, scratch = prepared_database()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truest.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from careers.moves.build import move_graph_build
    from careers.moves.plan import plan_move

    started = time.perf_counter()
    moves = move_graph_build()
    build_ms = (time.perf_counter() - started) * 1000
    roles = sorted(key for key, node in moves.nodes.items() if node.kind == "role")
    edges = sum(len(out) for out in moves.graph.edges.values())
    print(
        f"graph: {len(moves.nodes)} nodes ({len(roles)} roles), {edges} moves, "
        f"built in {build_ms:.0f} ms"
    )

    timings, found, route_counts = [], 0, []
    reached_by: dict[str, int] = dict.fromkeys(roles, 0)
    reaches: dict[str, int] = dict.fromkeys(roles, 0)
    for start in roles:
        for goal in roles:
            if start == goal:
                continue
            began = time.perf_counter()
            plan = plan_move(moves, start, goal, citation="BLS OEWS")
            timings.append((time.perf_counter() - began) * 1000)
            if plan["routes"]:
                found += 1
                route_counts.append(len(plan["routes"]))
                reached_by[goal] += 1
                reaches[start] += 1
    timings.sort()
    pairs = len(timings)
    p95 = timings[int(0.95 * (pairs - 1))]
    print(
        f"plans: {pairs} ordered pairs; per plan p50 {statistics.median(timings):.2f} ms, "
        f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms (target p95 < 20 ms)"
    )
    average = statistics.mean(route_counts) if route_counts else 0
    print(
        f"routes: {found}/{pairs} pairs ({100 * found / pairs:.1f} %) have a route of four "
        f"moves or fewer; {average:.2f} routes per plan that has one"
    )
    unreachable = sorted(k.removeprefix("role:") for k, n in reached_by.items() if n == 0)
    stuck = sorted(k.removeprefix("role:") for k, n in reaches.items() if n == 0)
    print(f"islands: no role reaches {unreachable or 'none'}; {stuck or 'none'} reach no role")
    hardest = sorted(reached_by.items(), key=lambda item: item[1])[:5]
    print("hardest to reach:", ", ".join(f"{k.removeprefix('role:')} ({n})" for k, n in hardest))
    if scratch:
        scratch.cleanup()
    return 0 if p95 < 20 else 1


if __name__ == "__main__":
    sys.exit(main())
