"""Page benchmark: each page type's throughput as a share of /healthz's, on one server in
one run, with p50 and p99.

Method
------
1. A scratch site with production settings (bench/live.py: debug off, static files from
   the manifest) and the shipped data (`migrate`, `setup_site`, `collectstatic`): a scratch
   SQLite database by default, or `--postgres URL` (an existing, empty database) with Redis
   (`--redis URL`) as the cache and session store, as in production.
2. gunicorn with 4 sync workers. For each page, wrk (Debian package `wrk`) keeps
   CONNECTIONS connections busy for SECONDS seconds from 2 threads and reports requests/s
   and the latency distribution. Without wrk, CONNECTIONS Python client processes request
   it back to back (a new connection per request, timed from connect to last byte); they
   are far slower clients than wrk and take CPU from the server, so the figures say which
   client measured them.
   Pages are measured in turn, each right after /healthz (CEILING_SECONDS of it), and its
   share is of that neighbouring /healthz figure: the machine's speed drifts over a run,
   so a ceiling measured minutes away would not be fair. Every page is warmed first (one
   request, which fills the cache, then a second of load that is not counted, so each
   worker's start-up is not in the figures).
3. Each page is measured as a stranger (no cookies: the cached copy) and as a rendered
   page: anonymous with a session cookie that holds nothing (so the page cache is bypassed
   and the page is rendered as for anyone with a session), and the role page signed in.
4. Reported: requests/s, its share of /healthz's, p50 and p99 in ms. Ratios, because the
   machine is shared and noisy; the client processes share the two CPUs with the server.

Targets (issue "Fast pages"): anonymous home, role, occupation, role list and compare at
least 50 % of /healthz; search at least 25 %; signed-in role page at least 15 %; p99 under
50 ms at 8 connections for every page type.

Usage: .venv/bin/python bench/pages.py                       (SQLite, about 5 minutes)
       .venv/bin/python bench/pages.py --postgres postgres://postgres@127.0.0.1:5432/truest_pages \
           --redis redis://127.0.0.1:6379/7
"""

import argparse
import http.client
import multiprocessing
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live import Server, manage, percentile, production_env, scratch_directory

WRK = shutil.which("wrk")
CONNECTIONS = 8
SECONDS = 5.0
CEILING_SECONDS = 3.0
WORKERS = 4
ROLE = "/roles/senior-site-reliability-engineer/"
PAGES = [
    ("home", "/"),
    ("role", ROLE),
    ("occupation", "/occupations/15-1252.00/"),
    ("role list", "/roles/"),
    ("occupation list", "/occupations/"),
    ("compare", "/compare/?roles=site-reliability-engineer,senior-site-reliability-engineer"),
    ("search", "/search/?q=nurse"),
    ("moves", "/moves/?from=site-reliability-engineer&to=engineering-manager"),
    ("about", "/about/data/"),
]

# Runs in `manage.py shell`: a verified member and a signed-in session for them; prints the
# session cookie's name and value.
MEMBER_SESSION = r"""
from importlib import import_module
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from truest.models import User
user = User.objects.create_user(email="bench@example.com", password=None)
EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
print(settings.SESSION_COOKIE_NAME, store.session_key)
"""


def hammer(job: tuple[int, str, str, float]) -> list[float]:
    port, path, cookie, seconds = job
    headers = {"Host": "127.0.0.1", "X-Forwarded-For": "10.9.8.7"}
    if cookie:
        headers["Cookie"] = cookie
    times = []
    stop = time.perf_counter() + seconds
    while not times or time.perf_counter() < stop:  # at least one (the warm-up's)
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"{path}: status {response.status}")
        times.append(time.perf_counter() - started)
    return times


def measure(pool, port: int, path: str, cookie: str = "", seconds: float = SECONDS) -> dict:
    hammer((port, path, cookie, 0.0))  # fills the cache, builds per-version data
    if WRK:
        # Every worker's first requests (templates, connections, its own copies) are
        # start-up, not steady state: a second of load first, not counted.
        measure_wrk(port, path, cookie, seconds=1)
        return measure_wrk(port, path, cookie, seconds=seconds)
    runs = pool.map(hammer, [(port, path, cookie, seconds)] * CONNECTIONS)
    times = [t for run in runs for t in run]
    return {
        "rps": len(times) / seconds,
        "p50": percentile(times, 0.50) * 1000,
        "p99": percentile(times, 0.99) * 1000,
    }


def measure_wrk(port: int, path: str, cookie: str, seconds: float = SECONDS) -> dict:
    headers = ["-H", "X-Forwarded-For: 10.9.8.7"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    url = f"http://127.0.0.1:{port}{path}"
    out = subprocess.run(
        [WRK, "-t2", f"-c{CONNECTIONS}", f"-d{seconds:.0f}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{path}: wrk saw errors:\n{out}")
    latency = dict(re.findall(r"^\s*(50|99)%\s+([\d.]+[a-z]+)", out, re.M))
    if len(latency) < 2:
        raise RuntimeError(f"{path}: no latency distribution in wrk's output:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="an existing, empty PostgreSQL database URL")
    parser.add_argument("--redis", help="a Redis URL for the cache and sessions")
    options = parser.parse_args()
    directory = scratch_directory("truest-pages-")
    url = options.postgres or f"sqlite:///{directory.name}/db.sqlite3"
    env = production_env(url)
    if options.redis:
        env["REDIS_URL"] = options.redis
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "setup_site", timeout=900)
    manage(env, "collectstatic", "--noinput", "-v0")
    name, key = manage(env, "shell", "-c", MEMBER_SESSION).split()[-2:]
    signed_in = f"{name}={key}"
    # A session cookie for no session: anonymous, but never the strangers' copy.
    rendered = f"{name}={'z' * 32}"
    if options.redis:
        subprocess.run(["redis-cli", "-u", options.redis, "FLUSHDB"], check=True)

    rows = []
    with (
        Server(env, workers=WORKERS, directory=Path(directory.name)) as server,
        multiprocessing.Pool(CONNECTIONS) as pool,
    ):
        jobs = [(label, "stranger (cached)", path, "") for label, path in PAGES]
        jobs += [(label, "rendered", path, rendered) for label, path in PAGES]
        jobs.append(("role", "signed in", ROLE, signed_in))
        for label, who, path, cookie in jobs:
            # The ceiling is measured right before each page: the machine's speed drifts
            # over a run, and a share is only fair against its neighbour.
            ceiling = measure(pool, server.port, "/healthz", seconds=CEILING_SECONDS)
            rows.append((label, who, measure(pool, server.port, path, cookie), ceiling))
    database = "PostgreSQL + Redis" if options.postgres else "SQLite, database cache"
    client = "wrk" if WRK else "Python clients (no wrk)"
    print(f"{database}; gunicorn {WORKERS} workers; {client}, {CONNECTIONS} connections")
    print("| page | as | req/s | /healthz req/s | share of /healthz | p50 ms | p99 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, who, result, ceiling in rows:
        share = 100 * result["rps"] / ceiling["rps"]
        print(
            f"| {label} | {who} | {result['rps']:.0f} | {ceiling['rps']:.0f} | {share:.0f} % "
            f"| {result['p50']:.1f} | {result['p99']:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
