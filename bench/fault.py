"""Fault test: PostgreSQL stops for several seconds while signed-in people save results.

Method
------
1. A scratch database (`truest_fault`, or BENCH_FAULT_DATABASE) is created on DATABASE_URL's
   server, dropped first if a crashed run left it, and always dropped at the end. It is
   migrated and given the interest items (the interest profile needs nothing else) and
   verified users. The limits come from the app's settings in that same environment.
2. gunicorn serves it with production settings (bench/live.py: debug off, a fresh secret
   key, plain HTTP standing in for the TLS proxy, one trusted proxy hop).
3. Three threads act as signed-in people (logged in through /accounts/login/ with CSRF, a
   cookie jar each). Each repeatedly loads /interests/ (a fresh idempotency token in the
   form), pauses 0.1–0.4 s (answering) and posts it answered. An answer to a POST that
   redirects to /results/<uuid>/ is an acknowledged save (the person then opens it). On
   503 or no answer the person re-sends the same form (same token), as someone pressing
   the button again would, for up to 30 s. A fourth person loads the form before the
   outage and sends it 1 s into it, so at least one submission is always re-sent across
   the outage. Every sheet's first answers spell its serial number in base 5, so each
   stored row can be traced to the one submission that made it. People stay inside the
   result_save limits: each account saves fewer times than the per-account/per-address
   count, then the thread signs in as the next user from another address; a 429 is
   therefore an error.
4. Two probe processes (their timings never wait for this script's threads) GET /healthz
   every 0.1 s and /readyz every 0.5 s. gunicorn runs 6 sync workers, one per client, so
   nobody waits in a queue: latencies measure the app.
5. After 8 s of load: `pg_ctlcluster --skip-systemctl-redirect <version> main stop -m fast`,
   5 s without a database, then `start` (always, in a `finally`, also on SIGTERM), and the
   moment a new connection succeeds is "database back". Load continues for 10 s more.
6. The gap is [stop issued, database back + 3 s]. The 3 s grace is the reconnect window:
   each worker's psycopg pool must notice its dead connections and open new ones (Django
   checks a connection's health when taking it from the pool; the pool's own reconnect
   attempts back off exponentially from 1 s). The measured time from "database back" to
   the first acknowledged save is reported.

Assertions: the outage was seen (some 503s; /readyz reported the database unavailable);
every response that overlaps the gap is a success or a 503 carrying Retry-After; every 503
to a request sent during the gap came within 1.5 s, and requests already running when the
stop began were answered within 1.5 s of PostgreSQL having stopped; outside the gap every
response is a success (no 5xx, no 4xx, no connection errors); /healthz answered 200 within
1 s every time; saves were acknowledged before and after the outage; afterwards every
acknowledged result exists, belongs to the person who saved it and came from the
submission it was acknowledged for (0 lost), no submission produced two results (0
duplicated), and the form held across the outage was saved exactly once; no worker logged
a traceback. Prints one PASS/FAIL line per assertion and `N passed, N failed`; exits 1 on
any failure. About a minute in all.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/truest .venv/bin/python bench/fault.py
(PostgreSQL on this machine, run by pg_ctlcluster; the named database itself is untouched.)
"""

import itertools
import json
import os
import queue
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
from live import (
    PASSWORD,
    Client,
    Probe,
    Report,
    Server,
    acknowledged_id,
    interest_answers,
    percentile,
    production_env,
    rate_amount,
    scratch_directory,
    site_prepare,
    stop_on_sigterm,
    stored_results,
)

PEOPLE = 3
# One worker per client (people, the held form, two probes): nobody waits in a queue, so
# latencies measure the app.
WORKERS = PEOPLE + 3
USERS = 150
BEFORE = 8.0  # s of load before the database stops
OUTAGE = 5.0  # s between stop and start
GRACE = 3.0  # s after the database is back for the pools to reconnect
AFTER = 10.0  # s of load after the database is back
GAP_LATENCY = 1.5  # s: every answer during the gap
HEALTHZ_LATENCY = 1.0  # s
RETRY_FOR = 30.0  # s a person keeps re-sending one form
SUCCESS = {200, 302}


def pg_cluster() -> list[str]:
    configured = os.environ.get("BENCH_PG_CLUSTER")  # e.g. "15 main"
    if configured:
        return configured.split()
    versions = sorted(os.listdir("/etc/postgresql"))
    return [versions[0], "main"]


def pg_ctl(action: str, *extra: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", *pg_cluster(), action, *extra],
        check=True,
        timeout=60,
        capture_output=True,
    )


def pg_connect(url: str, dbname: str = "postgres") -> psycopg.Connection:
    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password or ""),
        dbname=dbname,
        autocommit=True,
        connect_timeout=2,
    )


def pg_ready(url: str) -> bool:
    try:
        with pg_connect(url) as connection:
            connection.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def pg_ensure_running(url: str, timeout: float = 60) -> bool:
    """Start the cluster unless it answers; wait until it does."""
    if pg_ready(url):
        return True
    try:
        pg_ctl("start")
    except subprocess.CalledProcessError as error:
        print(f"pg_ctlcluster start: {error.stderr.decode(errors='replace')}", flush=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pg_ready(url):
            return True
        time.sleep(0.2)
    return False


class Run:
    """What the threads saw, shared between them."""

    def __init__(self, base: str, budget: int, users: list[str]):
        self.base = base
        self.budget = budget
        self.users: queue.Queue[str] = queue.Queue()
        for email in users:
            self.users.put(email)
        self.serials = itertools.count(1)
        self.outage = threading.Event()  # set when the database is being stopped
        self.stop = threading.Event()
        self.responses: list = []  # every request the people sent
        self.healthz: list = []
        self.readyz: list = []
        self.acks: list[dict] = []  # {"serial", "id", "email", "at"}
        self.submissions: list[dict] = []  # {"serial", "email", "posts", "acknowledged", "held"}
        self.problems: list[str] = []


def sign_in(run: Run) -> tuple[Client | None, str]:
    """The next unused account, signed in from its own address (retrying through 503s)."""
    try:
        email = run.users.get_nowait()
    except queue.Empty:
        run.problems.append("ran out of users (raise USERS)")
        return None, ""
    browser = Client(run.base, tag="fault")
    while not run.stop.is_set():
        signed_in = browser.login(email, PASSWORD)
        run.responses.append(signed_in)
        if signed_in.status == 302:
            return browser, email
        time.sleep(0.3)
    return None, ""


def form_load(run: Run, browser: Client) -> tuple[int, dict] | None:
    page = browser.get("/interests/")
    run.responses.append(page)
    if page.status != 200:
        return None
    serial = next(run.serials)
    return serial, interest_answers(page, serial)


def send(run: Run, browser: Client, email: str, form: tuple[int, dict], *, held=False) -> int:
    """POST an answered form until it is acknowledged: on 503 or no answer the person
    sends the same form (same token) again. Returns how many POSTs it took."""
    serial, data = form
    submission = {
        "serial": serial,
        "email": email,
        "posts": 0,
        "acknowledged": False,
        "held": held,
    }
    run.submissions.append(submission)
    started = time.monotonic()
    while True:
        response = browser.post("/interests/", data)
        run.responses.append(response)
        submission["posts"] += 1
        result_id = acknowledged_id(response)
        if result_id:
            submission["acknowledged"] = True
            run.acks.append(
                {"serial": serial, "id": result_id, "email": email, "at": time.monotonic()}
            )
            run.responses.append(browser.get(f"/results/{result_id}/"))
            break
        if response.status not in (503, None) or time.monotonic() - started > RETRY_FOR:
            break
        if run.stop.is_set():
            break
        time.sleep(0.3)
    return submission["posts"]


def person(run: Run, number: int) -> None:
    """Load the form, answer it (a short pause), send it; again and again. Each account
    saves fewer times than the result_save limits allow, then the next one signs in."""
    time.sleep(0.3 * number)  # people arrive one by one, not all hashing a password at once
    browser, email, posts = None, "", 0
    while not run.stop.is_set():
        if browser is None or posts >= run.budget - 2:
            (browser, email), posts = sign_in(run), 0
            if browser is None:
                return
        form = form_load(run, browser)
        if form is None:
            time.sleep(0.2)
            continue
        time.sleep(random.uniform(0.1, 0.4))  # noqa: S311 — reading and answering
        posts += send(run, browser, email, form)


def held_form(run: Run) -> None:
    """Someone who loaded the form before the outage and sends it 1 s into it: every
    request of theirs fails until the database is back, then the same form must be saved
    exactly once."""
    time.sleep(0.3 * PEOPLE)
    browser, email = sign_in(run)
    form = None
    while browser is not None and form is None and not run.stop.is_set():
        form = form_load(run, browser)
    if form is None or not run.outage.wait(timeout=BEFORE + 30):
        return
    time.sleep(1.0)
    send(run, browser, email, form, held=True)


def overlaps(response, start: float, end: float) -> bool:
    return response.started <= end and response.started + response.elapsed >= start


def moment(response, stop: float) -> str:
    """One response, placed on the timeline relative to the stop."""
    what = response.status or response.error[:80]
    retry = response.headers.get("Retry-After") if response.status else None
    return (
        f"{response.method} {response.path} {what}"
        + (f" (Retry-After {retry})" if retry else "")
        + f" sent {response.started - stop:+.1f} s from stop, took {response.elapsed:.2f} s"
    )


def names_database(response) -> bool:
    """/readyz's answer names the database as what is unavailable."""
    try:
        return json.loads(response.body).get("database") == "unavailable"
    except ValueError:
        return False


def describe(responses) -> str:
    counts: dict = {}
    for r in responses:
        key = f"{r.method} {r.status if r.status is not None else r.error[:60]}"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{key}×{n}" for key, n in sorted(counts.items())) or "none"


def load_with_outage(run: Run, url: str, timeline: dict[str, float]) -> None:
    """People save results; the database stops after BEFORE seconds, starts OUTAGE seconds
    later (whatever happens), and the load goes on for GRACE + AFTER seconds."""
    threads = [threading.Thread(target=person, args=(run, n)) for n in range(PEOPLE)]
    threads.append(threading.Thread(target=held_form, args=(run,)))
    for thread in threads:
        thread.daemon = True  # never keeps the process alive on its own
        thread.start()
    try:
        try:
            time.sleep(BEFORE)
            timeline["stop"] = time.monotonic()
            run.outage.set()
            pg_ctl("stop", "-m", "fast")
            timeline["stopped"] = time.monotonic()
            took = timeline["stopped"] - timeline["stop"]
            print(f"PostgreSQL stopped in {took:.1f} s", flush=True)
            time.sleep(OUTAGE)
        finally:
            back = pg_ensure_running(url)
            timeline["back"] = time.monotonic()
        if not back:
            raise RuntimeError("PostgreSQL did not come back")
        took = timeline["back"] - timeline["stop"]
        print(f"PostgreSQL back {took:.1f} s after stop", flush=True)
        time.sleep(GRACE + AFTER)
    finally:
        run.stop.set()
        for thread in threads:
            thread.join(timeout=RETRY_FOR + 15)


def main() -> int:
    stop_on_sigterm()
    report = Report()
    started = time.monotonic()
    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"} or parts.hostname not in {
        "127.0.0.1",
        "localhost",
    }:
        report.check(
            "DATABASE_URL names PostgreSQL on this machine", False, f"DATABASE_URL={url!r}"
        )
        return report.finish()
    name = os.environ.get("BENCH_FAULT_DATABASE", "truest_fault")
    scratch_url = urlunsplit(parts._replace(path=f"/{name}"))
    if not pg_ensure_running(url):
        report.check("PostgreSQL answers before the test", False, url)
        return report.finish()
    with pg_connect(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    timeline: dict[str, float] = {}
    try:
        with scratch_directory("truest-fault-") as tmp:
            env = production_env(scratch_url)
            users = [f"person-{n}@bench.test" for n in range(USERS)]
            limits = site_prepare(env, emails=users)
            rates = limits["truest"].get("result_save", [])
            amounts = [a for a in (rate_amount(rates, "key"), rate_amount(rates, "ip")) if a]
            budget = min(amounts) if amounts else 10**9
            print(f"result_save limits {rates}: each account saves at most {budget - 2}")
            with Server(env, workers=WORKERS, directory=Path(tmp)) as server:
                print(f"gunicorn on {server.base}, workers {sorted(server.worker_pids())}")
                run = Run(server.base, budget, users)
                with (
                    Probe(server.base, "/healthz", 0.1, Path(tmp)) as healthz,
                    Probe(server.base, "/readyz", 0.5, Path(tmp)) as readyz,
                ):
                    load_with_outage(run, url, timeline)
                run.healthz, run.readyz = healthz.responses(), readyz.responses()
                worker_tracebacks = server.log_tail(2000).count("Traceback")
            stored = stored_results(env)
            verify(report, run, timeline, stored, worker_tracebacks)
            if report.failed:
                print("--- gunicorn log (tail) ---\n" + server.log_tail(60))
    finally:
        if not pg_ensure_running(url):
            print("PostgreSQL is NOT running: start it by hand", flush=True)
        try:
            with pg_connect(url) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except psycopg.Error as error:
            print(f"could not drop {name}: {error}", flush=True)
    print(f"took {time.monotonic() - started:.0f} s", flush=True)
    return report.finish()


def verify(report: Report, run: Run, timeline: dict, stored: list[dict], tracebacks: int) -> None:
    gap_start, gap_end = timeline["stop"], timeline["back"] + GRACE
    in_gap = [r for r in run.responses if overlaps(r, gap_start, gap_end)]
    outside = [r for r in run.responses if not overlaps(r, gap_start, gap_end)]
    unavailable = [r for r in in_gap if r.status == 503]
    print(
        f"timeline: database stopped at +{BEFORE:.0f} s for "
        f"{timeline['back'] - timeline['stop']:.1f} s; gap {gap_end - gap_start:.1f} s "
        f"including the {GRACE:.0f} s reconnect window"
    )
    report.check(
        "the outage was seen by the site",
        bool(unavailable) and any(r.status == 503 and names_database(r) for r in run.readyz),
        f"{len(unavailable)} answers 503 during the gap; /readyz: {describe(run.readyz)}, "
        f"max {max((r.elapsed for r in run.readyz), default=0):.2f} s",
    )
    wrong = [
        r
        for r in in_gap
        if not (r.status in SUCCESS or (r.status == 503 and r.headers.get("Retry-After")))
    ]
    report.check(
        "during the gap: only successes or 503 with Retry-After",
        not wrong,
        f"{len(in_gap)} answers: {describe(in_gap)}"
        + "".join(f"; wrong: {moment(r, gap_start)}" for r in wrong[:5]),
    )
    sent_in_gap = [r for r in unavailable if r.started >= gap_start]
    latencies = [r.elapsed for r in sent_in_gap]
    report.check(
        f"during the gap: every 503 within {GAP_LATENCY} s",
        bool(latencies) and max(latencies) <= GAP_LATENCY,
        f"{len(latencies)} × 503 to requests sent during the gap: median "
        f"{percentile(latencies, 0.5):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
        f"max {max(latencies, default=0):.2f} s"
        + "".join(
            f"; slow: {moment(r, gap_start)}" for r in sent_in_gap if r.elapsed > GAP_LATENCY
        ),
    )
    # Requests already running when the stop began include work done before it: they must
    # be answered within the same bound after PostgreSQL finished stopping (no hanging on a
    # dead connection).
    in_flight = [r for r in in_gap if r.started < gap_start]
    deadline = timeline["stopped"] + GAP_LATENCY
    late = [r for r in in_flight if r.started + r.elapsed > deadline]
    last = max((r.started + r.elapsed for r in in_flight), default=timeline["stopped"])
    report.check(
        f"requests running when the database stopped: answered within {GAP_LATENCY} s of it",
        not late,
        f"{len(in_flight)} in flight ({describe(in_flight)}), the last answered "
        f"{last - gap_start:.2f} s after the stop began (stopping took "
        f"{timeline['stopped'] - gap_start:.2f} s)"
        + "".join(f"; late: {moment(r, gap_start)}" for r in late[:5]),
    )
    errors = [r for r in outside if r.status not in SUCCESS]
    report.check(
        "outside the gap: no errors (no 5xx, 4xx or connection failures)",
        not errors,
        f"{len(outside)} answers: {describe(outside)}"
        + "".join(f"; {moment(r, gap_start)}" for r in errors[:5]),
    )
    recovered = [a["at"] for a in run.acks if a["at"] > timeline["back"]]
    first = min(recovered, default=None)
    print(
        "first acknowledged save after the database was back: "
        + (f"{first - timeline['back']:.2f} s" if first else "none")
    )
    health = [r.elapsed for r in run.healthz]
    health_gap = [r.elapsed for r in run.healthz if overlaps(r, gap_start, gap_end)] or [0]
    report.check(
        f"/healthz: 200 within {HEALTHZ_LATENCY} s throughout",
        bool(run.healthz)
        and all(r.status == 200 for r in run.healthz)
        and max(health) <= HEALTHZ_LATENCY,
        f"{len(run.healthz)} probes: {describe(run.healthz)}; max "
        f"{max(health, default=0) * 1000:.0f} ms, "
        f"during the gap max {max(health_gap) * 1000:.0f} ms; slowest: "
        + (moment(max(run.healthz, key=lambda r: r.elapsed), gap_start) if run.healthz else "-"),
    )
    before = [a for a in run.acks if a["at"] < gap_start]
    after = [a for a in run.acks if a["at"] > gap_end]
    report.check(
        "saves acknowledged before and after the outage",
        bool(before) and bool(after) and not run.problems,
        f"{len(run.acks)} acknowledged: {len(before)} before, "
        f"{len(run.acks) - len(before) - len(after)} during the gap, {len(after)} after"
        + (f"; {run.problems[0]}" if run.problems else ""),
    )
    by_id = {row["id"]: row for row in stored}
    lost = [
        a
        for a in run.acks
        if a["id"] not in by_id
        or by_id[a["id"]]["serial"] != a["serial"]
        or by_id[a["id"]]["owner"] != a["email"]
    ]
    report.check(
        "0 acknowledged saves lost",
        not lost,
        f"{len(run.acks)} acknowledged, {len(lost)} missing or not as acknowledged",
    )
    rows_per_serial: dict = {}
    for row in stored:
        rows_per_serial[row["serial"]] = rows_per_serial.get(row["serial"], 0) + 1
    ids_per_serial: dict = {}
    for a in run.acks:
        ids_per_serial.setdefault(a["serial"], set()).add(a["id"])
    duplicated = [s for s, n in rows_per_serial.items() if n > 1]
    duplicated += [s for s, ids in ids_per_serial.items() if len(ids) > 1]
    submitted = {s["serial"] for s in run.submissions}
    strays = [s for s in rows_per_serial if s not in submitted]
    unacknowledged = [
        s for s in run.submissions if not s["acknowledged"] and s["serial"] in rows_per_serial
    ]
    report.check(
        "0 duplicated saves",
        not duplicated and not strays,
        f"{len(stored)} results stored for {len(run.submissions)} submissions; "
        f"{len(duplicated)} submissions with two results, {len(strays)} results from no "
        f"submission; {len(unacknowledged)} stored but never acknowledged (given up on)",
    )
    held = [s for s in run.submissions if s["held"]]
    resent = [s for s in run.submissions if s["posts"] > 1]
    report.check(
        "a form sent during the outage is saved exactly once when the database is back",
        bool(held)
        and all(s["acknowledged"] and rows_per_serial.get(s["serial"]) == 1 for s in held),
        f"held form: {held[0]['posts'] if held else 0} POSTs, "
        f"{'acknowledged' if held and held[0]['acknowledged'] else 'NOT acknowledged'}; "
        f"{len(resent)} submissions re-sent after 503 or no answer, "
        f"{sum(s['acknowledged'] for s in resent)} acknowledged, "
        f"{sum(rows_per_serial.get(s['serial'], 0) == 1 for s in resent)} stored once",
    )
    report.check(
        "gunicorn workers logged no tracebacks", tracebacks == 0, f"{tracebacks} tracebacks"
    )


if __name__ == "__main__":
    sys.exit(main())
