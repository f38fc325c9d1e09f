"""What each page costs inside one process, without a server or a network: the time
Django takes to answer it, for a stranger (the cached copy), for a person with a session
(the page rendered for them) and for a signed-in member (the role page).

Method
------
1. A scratch site with production settings (bench/live.py: debug off, static files from
   the manifest) and the shipped data on SQLite, with Django's database cache as in a
   deployment without Redis.
2. In one `manage.py shell` process, Django's test client asks for each page: first to
   build what the page keeps per content version (its data and shared fragments, and the
   stranger's copy), then REPEAT times in a row, each request timed alone. The median is
   reported (the machine is shared: a median is steadier than a mean), with the fastest.
3. "stranger" sends no cookies; "session" sends a well-formed session cookie for no
   session (the page is rendered as for anyone with a session); "signed in" is a
   member's session.

Target (issue "Fast pages"): a role page rendered for a person under 5 ms.

Usage: .venv/bin/python bench/inprocess.py          (SQLite, about a minute)
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from live import manage, production_env, scratch_directory
from pages import MEMBER_SESSION, PAGES

REPEAT = 200

# Runs in `manage.py shell`; prints one Markdown table row per page and visitor.
_MEASURE = r"""
import json, os, statistics, time
from django.test import Client

spec = json.loads(os.environ["BENCH_SPEC"])
REPEAT = spec["repeat"]


def timed(path, cookie):
    client = Client(HTTP_HOST="127.0.0.1")
    headers = {"HTTP_COOKIE": cookie} if cookie else {}
    times = []
    for number in range(REPEAT + 2):  # the first two build and warm, not counted
        started = time.perf_counter()
        response = client.get(path, **headers)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (path, response.status_code)
        client.cookies.clear()  # each request as a new visitor with the same cookie
        if number >= 2:
            times.append(elapsed * 1000)
    return statistics.median(times), min(times)


healthz = timed("/healthz", "")
print(f"| /healthz | - | {healthz[0]:.2f} | {healthz[1]:.2f} |")
for label, path in spec["pages"]:
    for who, cookie in spec["visitors"].items():
        if who == "signed in" and label != "role":
            continue
        median, fastest = timed(path, cookie)
        print(f"| {label} | {who} | {median:.2f} | {fastest:.2f} |")
"""


def main() -> int:
    directory = scratch_directory("truest-inprocess-")
    env = production_env(f"sqlite:///{directory.name}/db.sqlite3")
    env["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "setup_site", timeout=900)
    manage(env, "collectstatic", "--noinput", "-v0")
    name, key = manage(env, "shell", "-c", MEMBER_SESSION).split()[-2:]
    env["BENCH_SPEC"] = json.dumps(
        {
            "repeat": REPEAT,
            "pages": PAGES,
            "visitors": {
                "stranger": "",
                "session": f"{name}={'z' * 32}",  # a session cookie for no session
                "signed in": f"{name}={key}",
            },
        }
    )
    out = manage(env, "shell", "-c", _MEASURE, timeout=900)
    print("In-process, SQLite with the database cache, production settings;")
    print(f"median and fastest of {REPEAT} requests each, in ms")
    print("| page | as | median ms | fastest ms |")
    print("|---|---|---:|---:|")
    print("\n".join(line for line in out.splitlines() if line.startswith("|")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
