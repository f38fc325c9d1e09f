"""Search benchmark: the relevance set through the full view, against /healthz, on the full
dataset; and the plan PostgreSQL chooses for the full-text candidate query.

Method
------
1. The database is prepared as `make run` prepares it (`migrate`, `setup_site`): a scratch
   SQLite database by default, or the database in DATABASE_URL (for PostgreSQL, e.g.
   DATABASE_URL=postgres://postgres@127.0.0.1:5432/truest_bench; it must exist).
2. In one process (debug settings, so no static manifest is needed), Django's test client
   requests
   /healthz and then /search/?q=<query> for every query in
   tests/careers/search_relevance.toml, in rounds, interleaved, so both see the same
   machine. Each request is timed with time.perf_counter: the full view with middleware,
   the search and the template. The first round warms the per-version catalog and is not
   counted.
3. Reported: p50, p95 and max milliseconds for search and for /healthz, and search's p95
   as a multiple of /healthz's p95 (a ratio, because the machine is shared and noisy);
   the same for the as-you-type fragment /search/suggest/. The target is search p95 under
   25 ms.
4. On PostgreSQL, EXPLAIN of the candidate query for "nurse" and "site reliab", which must
   use the GIN index careers_searchentry_phrase_fts.

Usage: .venv/bin/python bench/search.py        (SQLite: about a minute, most of it the load)
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/truest_bench .venv/bin/python bench/search.py
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROUNDS = 6


def prepared_database() -> tuple[str, tempfile.TemporaryDirectory | None]:
    scratch = None
    url = os.environ.get("DATABASE_URL")
    if not url:
        scratch = tempfile.TemporaryDirectory(prefix="truest-search-")
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


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[int(len(ordered) * 0.95) - 1] * 1000,
        "max": ordered[-1] * 1000,
    }


def main() -> int:
    url, scratch = prepared_database()
    os.environ.update(
        DATABASE_URL=url,
        # Debug settings (static files without a collected manifest); debug's query log
        # costs both paths alike, and the ratio is what is compared.
        DJANGO_DEBUG="true",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="truest.settings",
    )
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from careers.search.engine import search
    from careers.search.index import Option, entry_candidates
    from careers.search.text import words

    queries = [
        case["q"]
        for case in tomllib.loads(
            (REPO / "tests" / "careers" / "search_relevance.toml").read_text(encoding="utf-8")
        )["query"]
    ]
    client = Client()
    timings = {"/healthz": [], "/search/": [], "/search/suggest/": []}
    for round_number in range(ROUNDS):
        for query in queries:
            for path in timings:
                started = time.perf_counter()
                response = client.get(path, {"q": query} if path != "/healthz" else None)
                elapsed = time.perf_counter() - started
                assert response.status_code == 200, (path, query, response.status_code)
                if round_number:
                    timings[path].append(elapsed)

    print(f"Search benchmark on {connection.vendor}, {len(queries)} queries × {ROUNDS - 1} rounds")
    health = summary(timings["/healthz"])
    for path, times in timings.items():
        figures = summary(times)
        ratio = figures["p95"] / health["p95"]
        print(
            f"  {path:<17} p50 {figures['p50']:6.2f} ms  p95 {figures['p95']:6.2f} ms  "
            f"max {figures['max']:6.2f} ms  p95 = {ratio:4.1f} × /healthz"
        )
    in_process = []
    for query in queries:
        started = time.perf_counter()
        search(query)
        in_process.append(time.perf_counter() - started)
    figures = summary(in_process)
    print(f"  search() alone    p50 {figures['p50']:6.2f} ms  p95 {figures['p95']:6.2f} ms")

    if connection.vendor == "postgresql":
        for typed in ("nurse", "site reliab"):
            found = words(typed)
            slots = [
                [Option((word,), prefix=index == len(found) - 1)]
                for index, word in enumerate(found)
            ]
            with connection.execute_wrapper(_explain_into(plans := [])):
                entry_candidates(slots, whole=[" ".join(found)])
            print(f"\nEXPLAIN (candidate query for {typed!r}):")
            print("\n".join(f"  {line}" for line in plans[0]))
    if scratch:
        scratch.cleanup()
    return 0


def _explain_into(plans: list):
    """An execute wrapper that asks PostgreSQL for the plan of the query it wraps."""

    def wrapper(execute, sql, params, many, context):
        with context["connection"].connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql, params)
            plans.append([row[0] for row in cursor.fetchall()])
        return execute(sql, params, many, context)

    return wrapper


if __name__ == "__main__":
    sys.exit(main())
