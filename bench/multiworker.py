"""Multi-worker test: shared state holds whichever gunicorn worker answers, in the default
configuration without Redis (SQLite file database, sessions in it, Django's DatabaseCache).

Method
------
1. A scratch SQLite file in a temporary directory is migrated; the interest items are loaded
   (the interest profile needs nothing else) with a few verified users, one of them staff.
   The limits are read from the app's settings in that same environment (allauth's
   effective ACCOUNT_RATE_LIMITS, TRUEST_RATE_LIMITS, ANONYMOUS_RESULTS_PER_SESSION), never
   hard-coded here.
2. gunicorn serves it with production settings (see bench/live.py: debug off, a fresh secret
   key, plain HTTP standing in for the TLS proxy, one trusted proxy hop so every simulated
   person has their own X-Forwarded-For address, which keeps one check's requests out of
   another check's per-address limits) and 3 sync workers. Its access log records the pid
   of the worker that answered each request and the check that sent it (user agent
   `truest-bench/<check>`).
3. Each check sends at least 30 requests, each on a new connection, so the kernel hands
   them to different workers; the reads are sent from 6 threads at once, which forces
   several workers to answer. Each check must be answered by at least 2 workers (the
   access log proves it) and all workers must have answered in the run.
   - logout: a signed-in session reads /me/ 30 times (all 200); after logout the old
     session cookie, replayed, gets a redirect to the login page on all of 30 requests.
   - anonymous results: an anonymous browser saves 3 interest results; each result page is
     read 10 times right after its save (all 200, read-your-writes on every worker);
     another browser gets 404 for them.
   - login limit per account: wrong passwords for one email from one client: exactly the
     configured per-key count (login_failed, capped by the per-address count) is checked
     and refused, every later attempt gets allauth's lock-out message, the right password
     included.
   - login limit per address: wrong logins for a different email each time from one
     address: exactly the per-address count is checked, then the lock-out.
   - admin: /admin/ leads to /admin/login/ which redirects to /accounts/login/?next=/admin/;
     staff sign in there (control); from another browser the staff email is locked out
     after exactly the per-key count, the admin's own login URL does not accept a
     password, and /admin/ stays closed.
   - submission limit: one anonymous browser submits the interest profile repeatedly:
     exactly min(result_save per key, per address, ANONYMOUS_RESULTS_PER_SESSION) saves are
     acknowledged, then 429 with Retry-After.
The script prints one PASS/FAIL line per assertion and `N passed, N failed`, exits 1 on any
failure, and always stops gunicorn. It takes about a minute.

Usage: .venv/bin/python bench/multiworker.py
"""

import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from live import (
    PASSWORD,
    Client,
    Report,
    Server,
    acknowledged_id,
    csrf_token,
    interest_submit,
    login_outcome,
    production_env,
    rate_amount,
    scratch_directory,
    site_prepare,
    stop_on_sigterm,
)

WORKERS = 3
READS = 30  # requests per repeated-read check
THREADS = 6
MIN_WORKERS_PER_CHECK = 2

MEMBER = "member@bench.test"
TARGET = "target@bench.test"
STAFF = "staff@bench.test"


def parallel(request, count: int) -> list:
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(lambda _: request(), range(count)))


def statuses(responses) -> str:
    counts: dict = {}
    for response in responses:
        key = response.status if response.status is not None else response.error
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{key}×{n}" for key, n in counts.items())


def workers_check(report: Report, server: Server, tag: str) -> None:
    pids = server.pids_for(tag)
    report.check(
        f"{tag}: answered by several workers",
        len(pids) >= MIN_WORKERS_PER_CHECK,
        f"{sum(pids.values())} requests answered by pids "
        + ", ".join(f"{pid} ({n})" for pid, n in sorted(pids.items())),
    )


def check_logout(report: Report, server: Server, cookie_name: str) -> None:
    browser = Client(server.base, tag="logout")
    signed_in = browser.login(MEMBER, PASSWORD)
    if not report.check(
        "logout: sign in", signed_in.status == 302, f"{signed_in.status} → {signed_in.location}"
    ):
        return
    before = parallel(lambda: browser.get("/me/"), READS)
    report.check(
        "logout: the session is recognised by every worker before logout",
        all(r.status == 200 for r in before),
        statuses(before),
    )
    cookie = browser.cookie(cookie_name)
    if not report.check("logout: the browser holds a session cookie", cookie is not None):
        return
    page = browser.get("/me/")
    logout = browser.post("/accounts/logout/", {"csrfmiddlewaretoken": csrf_token(page.body)})
    report.check("logout: log out", logout.status == 302, f"{logout.status} → {logout.location}")
    replay = Client(server.base, tag="logout-replay", address=browser.address)
    replay.jar.set_cookie(cookie)
    after = parallel(lambda: replay.get("/me/"), READS)
    refused = [r for r in after if r.status == 302 and r.location == "/accounts/login/"]
    report.check(
        "logout: the old session cookie is refused on every request",
        len(refused) == len(after),
        f"{len(refused)}/{len(after)} redirected to the login page ({statuses(after)})",
    )
    workers_check(report, server, "logout")
    workers_check(report, server, "logout-replay")


def check_anonymous_results(report: Report, server: Server) -> None:
    browser = Client(server.base, tag="anonymous")
    saved, reads = [], []
    for serial in range(3):
        page, response = interest_submit(browser, serial)
        response = response or page
        result_id = acknowledged_id(response)
        if not report.check(
            f"anonymous results: save {serial + 1}",
            result_id is not None,
            f"{response.status} → {response.location}",
        ):
            return
        saved.append(result_id)
        reads += parallel(lambda rid=result_id: browser.get(f"/results/{rid}/"), 10)
    report.check(
        "anonymous results: each new result is visible to its browser on every read",
        all(r.status == 200 for r in reads),
        f"{len(reads)} reads: {statuses(reads)}",
    )
    stranger = Client(server.base, tag="anonymous-stranger")
    other = [stranger.get(f"/results/{rid}/") for rid in saved for _ in range(3)]
    report.check(
        "anonymous results: another browser gets 404",
        all(r.status == 404 for r in other),
        statuses(other),
    )
    workers_check(report, server, "anonymous")


def failed_logins(browser: Client, emails: list[str], path: str) -> list[str]:
    """One wrong password per email, in order. Each attempt is sent while two other
    requests keep workers busy: sequential requests alone are often all taken by the worker
    that answered the last one, and the attempts must reach several workers to show that
    the limits hold whichever answers."""
    noise = Client(browser.base, tag="spread")
    outcomes = []
    with ThreadPoolExecutor(3) as pool:
        for email in emails:
            others = [pool.submit(noise.get, "/about/data/") for _ in range(2)]
            outcomes.append(login_outcome(browser.login(email, "wrong-" + email, path=path)))
            for other in others:
                other.result()
    return outcomes


def lockout_check(report: Report, name: str, outcomes: list[str], expected: int) -> None:
    wanted = ["refused"] * expected + ["locked"] * (len(outcomes) - expected)
    checked = outcomes.count("refused")
    sequence = " ".join(o[0] if o in ("refused", "locked") else o for o in outcomes)
    report.check(
        name,
        outcomes == wanted,
        f"{checked} of {len(outcomes)} attempts checked, expected exactly {expected}, then "
        f"lock-out; sequence: {sequence} (r = refused, l = locked)",
    )


def login_budget_ok(report: Report, name: str, posts: int, limits: dict) -> bool:
    login_rate = rate_amount(limits["account"].get("login", []), "ip")
    return report.check(
        f"{name}: test stays under allauth's per-address login rate",
        login_rate is None or posts <= login_rate,
        f"{posts} login POSTs from one address, 'login' limit {login_rate}",
    )


def check_login_limit(report: Report, server: Server, limits: dict) -> None:
    rates = limits["account"].get("login_failed", [])
    per_key, per_ip = rate_amount(rates, "key"), rate_amount(rates, "ip")
    if not report.check(
        "login limit: login_failed has a per-key limit",
        per_key is not None,
        f"ACCOUNT_RATE_LIMITS login_failed = {rates}",
    ):
        return
    expected = min(per_key, per_ip or per_key)
    attempts = expected + 10
    if not login_budget_ok(report, "login limit", attempts + 1, limits):
        return
    browser = Client(server.base, tag="login-limit")
    outcomes = failed_logins(browser, [TARGET] * attempts, "/accounts/login/")
    lockout_check(report, "login limit: per account, whatever worker answers", outcomes, expected)
    right = login_outcome(browser.login(TARGET, PASSWORD))
    report.check(
        "login limit: the right password is refused while locked", right == "locked", right
    )
    workers_check(report, server, "login-limit")

    if per_ip is None:
        return
    browser = Client(server.base, tag="login-ip-limit")
    started = time.monotonic()
    emails = [f"nobody-{n}@bench.test" for n in range(per_ip + 5)]
    if not login_budget_ok(report, "login limit per address", len(emails), limits):
        return
    outcomes = failed_logins(browser, emails, "/accounts/login/")
    elapsed = time.monotonic() - started
    window = min(r["duration"] for r in rates if r["per"] == "ip")
    lockout_check(
        report,
        "login limit: per address, different emails, whatever worker answers",
        outcomes,
        per_ip,
    )
    report.check(
        "login limit per address: attempts all fell within the limit's window",
        elapsed < window,
        f"{elapsed:.1f} s < {window} s",
    )
    workers_check(report, server, "login-ip-limit")


def check_admin_login(report: Report, server: Server, limits: dict) -> None:
    rates = limits["account"].get("login_failed", [])
    per_key, per_ip = rate_amount(rates, "key"), rate_amount(rates, "ip")
    staff = Client(server.base, tag="admin")
    index = staff.get("/admin/")
    login_page = staff.get("/admin/login/?next=/admin/")
    target = urllib.parse.urlsplit(login_page.location_full)
    through_allauth = (
        login_page.status == 302
        and target.path == "/accounts/login/"
        and urllib.parse.parse_qs(target.query).get("next") == ["/admin/"]
    )
    if not report.check(
        "admin: /admin/login/ redirects to /accounts/login/?next=/admin/",
        index.status == 302 and through_allauth,
        f"/admin/ → {index.status} {index.location_full}; /admin/login/?next=/admin/ → "
        f"{login_page.status} {login_page.location_full}",
    ):
        return
    signed_in = staff.login(STAFF, PASSWORD, path="/accounts/login/?next=/admin/")
    admin = staff.get("/admin/")
    report.check(
        "admin: staff sign in through allauth and reach /admin/",
        signed_in.status == 302 and signed_in.location == "/admin/" and admin.status == 200,
        f"login {signed_in.status} → {signed_in.location}; /admin/ {admin.status}",
    )
    if per_key is None:
        report.check("admin: login_failed has a per-key limit", False, f"{rates}")
        return
    expected = min(per_key, per_ip or per_key)
    attempts = expected + 10
    if not login_budget_ok(report, "admin", attempts + 2, limits):
        return
    attacker = Client(server.base, tag="admin")
    outcomes = []
    for _ in range(attempts):
        attacker.get("/admin/login/?next=/admin/")
        outcomes += failed_logins(attacker, [STAFF], "/accounts/login/?next=/admin/")
    lockout_check(
        report, "admin: staff login locked out after the configured count", outcomes, expected
    )
    right = login_outcome(attacker.login(STAFF, PASSWORD, path="/accounts/login/?next=/admin/"))
    report.check("admin: the right password is refused while locked", right == "locked", right)
    form = attacker.get("/accounts/login/?next=/admin/")
    direct = attacker.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": csrf_token(form.body),
            "username": STAFF,
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    after = attacker.get("/admin/")
    report.check(
        "admin: /admin/login/ takes no password; /admin/ stays closed",
        direct.status == 302
        and direct.location == "/accounts/login/"
        and after.status == 302
        and after.location != "/admin/",
        f"POST /admin/login/ → {direct.status} {direct.location}; /admin/ → {after.status} "
        f"{after.location}",
    )
    workers_check(report, server, "admin")


def check_submission_limit(report: Report, server: Server, limits: dict) -> None:
    rates = limits["truest"].get("result_save", [])
    if not report.check(
        "submission limit: TRUEST_RATE_LIMITS['result_save'] is configured",
        bool(rates),
        f"{rates}",
    ):
        return
    amounts = [rate_amount(rates, "key"), rate_amount(rates, "ip")]
    amounts.append(limits["anonymous_results_per_session"])
    expected = min(a for a in amounts if a is not None)
    browser = Client(server.base, tag="result-limit")
    outcomes = []
    for serial in range(max(expected + 5, 15)):
        page, response = interest_submit(browser, 1000 + serial)
        outcomes.append(response or page)
    saved = [r for r in outcomes if acknowledged_id(r)]
    refused = [r for r in outcomes[expected:] if r.status == 429 and r.headers.get("Retry-After")]
    report.check(
        "submission limit: exactly the configured number saved, whatever worker answers",
        len(saved) == expected and all(acknowledged_id(r) for r in outcomes[:expected]),
        f"{len(saved)} of {len(outcomes)} saved, expected {expected} "
        f"(per key {amounts[0]}, per address {amounts[1]}, per session {amounts[2]}); "
        f"{statuses(outcomes)}",
    )
    report.check(
        "submission limit: every later submission gets 429 with Retry-After",
        len(refused) == len(outcomes) - expected,
        f"{len(refused)} of {len(outcomes) - expected}",
    )
    workers_check(report, server, "result-limit")


def main() -> int:
    stop_on_sigterm()
    report = Report()
    started = time.monotonic()
    with scratch_directory("truest-multiworker-") as tmp:
        directory = Path(tmp)
        env = production_env(f"sqlite:///{directory}/db.sqlite3")
        env.pop("REDIS_URL", None)
        limits = site_prepare(env, emails=[MEMBER, TARGET, STAFF], staff=[STAFF])
        print(f"limits as configured: {limits}", flush=True)
        with Server(env, workers=WORKERS, directory=directory) as server:
            print(f"gunicorn on {server.base}, workers {sorted(server.worker_pids())}", flush=True)
            checks = {
                "logout": lambda: check_logout(report, server, limits["session_cookie"]),
                "anonymous results": lambda: check_anonymous_results(report, server),
                "login limit": lambda: check_login_limit(report, server, limits),
                "admin": lambda: check_admin_login(report, server, limits),
                "submission limit": lambda: check_submission_limit(report, server, limits),
            }
            try:
                for name, check in checks.items():
                    try:
                        check()
                    except Exception as error:  # one broken check must not hide the others
                        report.check(f"{name}: ran to the end", False, repr(error))
                answered = set(server.pids_for(None))
                report.check(
                    "every worker answered requests in this run",
                    server.worker_pids() <= answered,
                    f"workers {sorted(server.worker_pids())}, answered {sorted(answered)}",
                )
            finally:
                errors = [line for line in server.log_tail(400).splitlines() if "Traceback" in line]
                if errors or report.failed:
                    print("--- gunicorn log (tail) ---\n" + server.log_tail(), flush=True)
    print(f"took {time.monotonic() - started:.0f} s", flush=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
