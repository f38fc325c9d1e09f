"""Benchmark: full O*NET + BLS import, and search latency at full size.

Method
------
For each database (SQLite in a fresh temporary file; PostgreSQL in a fresh database
`truest_bench` on DATABASE_URL's server, default 127.0.0.1:5432):
1. migrate an empty database;
2. time `import_onet` (the 30.1 text release plus the 30.x Skills and Knowledge conversion)
   and `import_bls` (projections, OEWS wages, crosswalk) as subprocesses, wall clock;
3. time a second run of both (idempotent: nothing is written);
4. issue 40 searches (a fixed list of job titles, fragments and misspellings, each 5 times:
   200 requests) through Django's test client against /search/?q=…, the full view and
   template; report median and p95 in milliseconds, plus a minimal view (/healthz) timed
   the same way as a baseline for the ratio.
Targets: full import under 60 s; search p95 under 50 ms.

Usage: .venv/bin/python bench/landscape.py [--only sqlite|postgres]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
ONET_DIRS = [SHARED / "onet" / "db_30_1_text", SHARED / "onet" / "db_30_x_excel" / "converted_text"]
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
QUERIES = [
    "site reliability engineer",
    "software developer",
    "nurse",
    "data scientist",
    "teacher",
    "devops",
    "electrician",
    "truck driver",
    "accountant",
    "chef",
    "security analyst",
    "network engineer",
    "database administrator",
    "web developer",
    "product manager",
    "registered nurse",
    "plumber",
    "pharmacist",
    "machine learning",
    "cloud architect",
    "engineer",
    "manager",
    "analyst",
    "technician",
    "assistant",
    "sales",
    "designer",
    "mechanic",
    "cashier",
    "welder",
    "softwre developer",
    "reliabilty",
    "nurs",
    "qa",
    "data engineer",
    "support specialist",
    "architect",
    "economist",
    "lawyer",
    "pilot",
]
REPEATS = 5


def run(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


SEARCH_PROBE = """
import json, logging, statistics, sys, time
sys.path.insert(0, {repo!r})
import django; django.setup()
logging.disable(logging.CRITICAL)
from django.test import Client
client = Client(HTTP_HOST="localhost")
queries = json.loads(sys.argv[1]); repeats = int(sys.argv[2])
def timed(path):
    started = time.perf_counter(); response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return (time.perf_counter() - started) * 1000
for q in queries[:3]: timed("/search/?q=" + q)  # warm caches and connections
search = [timed("/search/?q=" + q.replace(" ", "+")) for _ in range(repeats) for q in queries]
baseline = [timed("/healthz") for _ in range(len(search))]
def p95(values): return statistics.quantiles(values, n=20)[18]
print(json.dumps({{"search_median": statistics.median(search), "search_p95": p95(search),
                  "healthz_median": statistics.median(baseline), "requests": len(search)}}))
"""


def bench(name: str, database_url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "truest.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
    }
    run(["migrate", "--noinput"], env)
    run(["collectstatic", "--noinput"], env)
    onet = run(["import_onet", *map(str, ONET_DIRS)], env)
    bls = run(["import_bls"], env)
    again = run(["import_onet", *map(str, ONET_DIRS)], env) + run(["import_bls"], env)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            SEARCH_PROBE.format(repo=str(REPO)),
            json.dumps(QUERIES),
            str(REPEATS),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    if probe.returncode:
        raise SystemExit(probe.stderr)
    result = {
        "database": name,
        "import_onet_s": onet,
        "import_bls_s": bls,
        "full_import_s": onet + bls,
        "second_run_s": again,
        **json.loads(probe.stdout),
    }
    result["search_over_healthz"] = result["search_median"] / result["healthz_median"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    options = parser.parse_args()
    results = []
    if options.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as scratch:
            results.append(bench("SQLite", f"sqlite:///{scratch}/bench.sqlite3"))
    if options.only in (None, "postgres"):
        subprocess.run(
            ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", "truest_bench"],
            check=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "truest_bench"], check=True
        )
        results.append(bench("PostgreSQL", f"{PG_SERVER}/truest_bench"))
    for r in results:
        print(
            f"{r['database']}: import {r['full_import_s']:.1f} s "
            f"(O*NET {r['import_onet_s']:.1f} s, "
            f"BLS {r['import_bls_s']:.1f} s), idempotent rerun {r['second_run_s']:.1f} s; "
            f"search median {r['search_median']:.1f} ms, p95 {r['search_p95']:.1f} ms over "
            f"{r['requests']} requests; /healthz median {r['healthz_median']:.2f} ms "
            f"(search/healthz {r['search_over_healthz']:.1f}x)"
        )


if __name__ == "__main__":
    main()
