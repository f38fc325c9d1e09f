"""Shared by the operations tests (bench/fault.py, bench/multiworker.py): a scratch site
served by gunicorn with production settings, browser-like HTTP clients, and a pass/fail
tally. Standard library only, so the tests need nothing beyond the project's venv.

Production-like means: DJANGO_DEBUG=false, a fresh secret key, ALLOWED_HOSTS=127.0.0.1,
static files from collectstatic's manifest, no Redis, and the site behind one trusted proxy
(DJANGO_TRUSTED_PROXY_COUNT=1): each simulated person sends their own X-Forwarded-For
address, as a TLS proxy would add it. Plain HTTP on 127.0.0.1 stands in for the proxy's
TLS hop, so DJANGO_SECURE_SSL_REDIRECT=false and the clients keep Secure cookies over it.
"""

import http.client
import http.cookiejar
import itertools
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
PASSWORD = "bench-" + secrets.token_urlsafe(16)
# The first answers of every submitted sheet spell the submission's serial number in base 5,
# so each stored result can be traced to the one submission that made it.
SERIAL_DIGITS = 8


def stop_on_sigterm() -> None:
    """CI stops a job with SIGTERM: turn it into SystemExit so `finally` blocks run (they
    stop gunicorn and restart PostgreSQL)."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_addresses = itertools.count(1)


def client_address() -> str:
    """A distinct documentation-range address (RFC 5737) for each simulated person."""
    n = next(_addresses)
    return f"198.51.{100 + n // 250}.{n % 250 + 1}"


def production_env(database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise RuntimeError(f"manage.py {args[0]} exited {done.returncode}")
    return done.stdout


# Runs inside `manage.py shell` against the scratch database: the interest items from the
# shipped catalog, validated as load_catalog does (the interest profile needs nothing
# else), verified users sharing one password hash (hashing once keeps setup fast), and the
# limits exactly as the server will read them.
_SETUP = r"""
import json, os, tomllib
from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.contrib.auth.hashers import make_password
from assessments.catalog import ASSESSMENTS_DIR, interests_validate
from assessments.models import InterestItem
from truest.models import User

spec = json.loads(os.environ["BENCH_SPEC"])
path = ASSESSMENTS_DIR / "interests.toml"
items = interests_validate(path, tomllib.loads(path.read_text()))
InterestItem.objects.bulk_create(
    InterestItem(area=item["area"], text=item["text"], order=order)
    for order, item in enumerate(items)
)
password = make_password(spec["password"])
users = User.objects.bulk_create(
    User(email=email, password=password, is_staff=email in spec["staff"])
    for email in spec["emails"]
)
EmailAddress.objects.bulk_create(
    EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users
)

def rates(value):
    return [
        {"amount": r.amount, "duration": r.duration, "per": r.per} for r in parse_rates(value)
    ]

limits = getattr(settings, "TRUEST_RATE_LIMITS", None) or {}
print(json.dumps({
    "account": {a: rates(v) for a, v in account_settings.RATE_LIMITS.items() if v},
    "truest": {a: rates(v) for a, v in limits.items()},
    "anonymous_results_per_session": getattr(settings, "ANONYMOUS_RESULTS_PER_SESSION", None),
    "session_cookie": settings.SESSION_COOKIE_NAME,
}))
"""


def site_prepare(env: dict[str, str], *, emails: list[str], staff: list[str] = ()) -> dict:
    """Migrate the scratch database, build static files, load what the interest profile
    needs and the users; return the limits the server will apply."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    spec = {"password": PASSWORD, "emails": emails, "staff": list(staff)}
    out = manage({**env, "BENCH_SPEC": json.dumps(spec)}, "shell", "-c", _SETUP)
    return json.loads(out.strip().splitlines()[-1])


def rate_amount(rates: list[dict], per: str) -> int | None:
    amounts = [r["amount"] for r in rates if r["per"] == per]
    return min(amounts) if amounts else None


# Reads every stored result back: who owns it, and which submission (serial) made it.
_RESULTS = r"""
import json
from assessments.models import Result
rows = []
for result in Result.objects.select_related("owner").iterator():
    items = sorted(result.snapshot.get("items", []), key=lambda item: item["id"])
    answers = [item["answer"] for item in items]
    rows.append({
        "id": str(result.id),
        "owner": result.owner.email if result.owner else "",
        "answers": answers,
    })
print(json.dumps(rows))
"""


def stored_results(env: dict[str, str]) -> list[dict]:
    out = manage(env, "shell", "-c", _RESULTS)
    rows = json.loads(out.strip().splitlines()[-1])
    for row in rows:
        row["serial"] = serial_decode(row.pop("answers"))
    return rows


def serial_answers(serial: int, item_ids: list[int]) -> dict[str, str]:
    """Answers for every item: the serial in base 5 (answers 1–5) over the first items, then
    a fixed, varied pattern so no sheet is 'flat'."""
    answers = {}
    for position, item_id in enumerate(sorted(item_ids)):
        digit = (serial // 5**position) % 5 if position < SERIAL_DIGITS else (position * 7) % 5
        answers[f"q{item_id}"] = str(digit + 1)
    return answers


def serial_decode(answers: list[int]) -> int | None:
    if len(answers) < SERIAL_DIGITS:
        return None
    return sum(
        (answer - 1) * 5**position for position, answer in enumerate(answers[:SERIAL_DIGITS])
    )


class Server:
    """gunicorn serving the scratch site: sync workers, an access log naming the worker
    pid that answered each request and the client's user agent (each check tags its own)."""

    ACCESS_FORMAT = '%(p)s %(s)s %(m)s "%(U)s" "%(a)s" %(L)s'

    def __init__(self, env: dict[str, str], *, workers: int, directory: Path):
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.access_log = directory / "access.log"
        self.error_log = directory / "gunicorn.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        options = subprocess.run(
            [str(GUNICORN), "--help"], capture_output=True, text=True, timeout=30
        ).stdout
        # gunicorn ≥ 24 opens a control socket at one path per user; ours must not take
        # over another gunicorn's.
        private = ["--no-control-socket"] if "--no-control-socket" in options else []
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                *private,
                "truest.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                str(self.access_log),
                "--access-logformat",
                self.ACCESS_FORMAT,
                "--error-logfile",
                "-",
                "--graceful-timeout",
                "5",
            ],
            cwd=REPO,
            env=self.env,
            stdout=self.error_log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited {self.process.returncode}:\n{self.log_tail()}")
            booted = len(self.worker_pids())
            if booted >= self.workers and Client(self.base).get("/healthz").status == 200:
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start in 60 s:\n{self.log_tail()}")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # gunicorn's master stops its workers on SIGTERM
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group we started, by its id
            self.process.wait(timeout=5)

    def worker_pids(self) -> set[int]:
        text = self.error_log.read_text(errors="replace") if self.error_log.exists() else ""
        return {int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", text)}

    def log_tail(self, lines: int = 40) -> str:
        text = self.error_log.read_text(errors="replace") if self.error_log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def pids_for(self, tag: str | None) -> dict[int, int]:
        """Requests per worker pid among those whose user agent carries `tag` (None: all)."""
        counts: dict[int, int] = {}
        time.sleep(0.3)  # gunicorn writes the access line just after the response
        if not self.access_log.exists():
            return counts
        for line in self.access_log.read_text(errors="replace").splitlines():
            match = re.match(r"<?(\d+)>? \d+ \S+ \"[^\"]*\" \"([^\"]*)\"", line)
            if match and (tag is None or match.group(2).endswith(f"/{tag}")):
                pid = int(match.group(1))
                counts[pid] = counts.get(pid, 0) + 1
        return counts


class _KeepSecureCookies(http.cookiejar.DefaultCookiePolicy):
    """Send Secure cookies over the plain-HTTP hop that stands in for the TLS proxy."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Response:
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    headers: Message | dict
    body: str
    started: float  # time.monotonic()
    elapsed: float
    error: str = ""
    method: str = "GET"
    path: str = ""

    @property
    def location(self) -> str:
        return urllib.parse.urlsplit(self.headers.get("Location", "") or "").path

    @property
    def location_full(self) -> str:
        return self.headers.get("Location", "") or ""


@dataclass
class Client:
    """One person's browser: its own cookie jar and address; never follows redirects."""

    base: str
    tag: str = "probe"
    address: str = field(default_factory=client_address)
    timeout: float = 15

    def __post_init__(self):
        self.jar = http.cookiejar.CookieJar(policy=_KeepSecureCookies())
        self.opener = urllib.request.build_opener(
            _NoRedirects(), urllib.request.HTTPCookieProcessor(self.jar)
        )

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 — always http://127.0.0.1:<port>
            self.base + path,
            data=body,
            method=method,
            headers={"User-Agent": f"truest-bench/{self.tag}", "X-Forwarded-For": self.address},
        )
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                status, headers, content = answer.status, answer.headers, answer.read()
            error = ""
        except urllib.error.HTTPError as answer:
            status, headers, content, error = answer.code, answer.headers, answer.read(), ""
        except (OSError, http.client.HTTPException) as problem:
            status, headers, content, error = None, {}, b"", repr(problem)
        return Response(
            status=status,
            headers=headers,
            body=content.decode(errors="replace"),
            started=started,
            elapsed=time.monotonic() - started,
            error=error,
            method=method,
            path=path,
        )

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Response:
        return self.request("POST", path, data)

    def cookie(self, name: str) -> http.cookiejar.Cookie | None:
        return next((c for c in self.jar if c.name == name), None)

    def login(self, email: str, password: str, *, path: str = "/accounts/login/") -> Response:
        """GET the login form, POST it; returns the POST's response (302 when signed in)."""
        form = self.get(path)
        if form.status != 200:
            return form
        return self.post(
            path,
            {"csrfmiddlewaretoken": csrf_token(form.body), "login": email, "password": password},
        )


class Probe:
    """GET one path every `every` seconds from a separate process (its timings never wait
    for the test's own threads), until stopped; each answer is a Response. Monotonic clock
    readings are comparable across processes."""

    def __init__(self, base: str, path: str, every: float, directory: Path):
        name = path.strip("/") or "root"
        self.out = directory / f"probe-{name}.jsonl"
        self.stop_file = directory / f"probe-{name}.stop"
        self.args = [base, path, str(every), str(self.out), str(self.stop_file)]
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Probe":
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import live; "
            "live.probe_loop(*sys.argv[2:])"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, str(Path(__file__).parent), *self.args]
        )
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.stop_file.touch()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def responses(self) -> list[Response]:
        if not self.out.exists():
            return []
        rows = [json.loads(line) for line in self.out.read_text().splitlines() if line]
        return [Response(**{**row, "headers": row["headers"]}) for row in rows]


def probe_loop(base: str, path: str, every: str, out: str, stop_file: str) -> None:
    client = Client(base, tag="probe", timeout=5)
    with open(out, "w") as lines:
        while not os.path.exists(stop_file):
            answer = client.get(path)
            row = {
                "status": answer.status,
                "headers": {"Retry-After": answer.headers.get("Retry-After", "")},
                "body": answer.body[:500],
                "started": answer.started,
                "elapsed": answer.elapsed,
                "error": answer.error,
                "method": answer.method,
                "path": answer.path,
            }
            lines.write(json.dumps(row) + "\n")
            lines.flush()
            time.sleep(float(every))


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def form_token(html: str) -> str:
    for tag in re.findall(r"<input[^>]*>", html):
        if 'name="token"' in tag:
            match = re.search(r'value="([^"]+)"', tag)
            return match.group(1) if match else ""
    return ""


def item_ids(html: str) -> list[int]:
    return sorted({int(n) for n in re.findall(r'name="q(\d+)"', html)})


def interest_answers(page: Response, serial: int) -> dict:
    """The interest form on `page`, answered (see serial_answers), ready to POST."""
    return {
        "csrfmiddlewaretoken": csrf_token(page.body),
        "token": form_token(page.body),
        **serial_answers(serial, item_ids(page.body)),
    }


def interest_submit(client: Client, serial: int) -> tuple[Response, Response | None]:
    """GET /interests/ and POST it back answered: (the GET, the POST or None when the form
    did not load)."""
    page = client.get("/interests/")
    if page.status != 200:
        return page, None
    return page, client.post("/interests/", interest_answers(page, serial))


RESULT_PATH = re.compile(r"^/results/([0-9a-f-]{36})/$")


def acknowledged_id(response: Response) -> str | None:
    """The saved result's id when the response is the redirect to it."""
    if response.status in (302, 303):
        match = RESULT_PATH.match(response.location)
        if match:
            return match.group(1)
    return None


def login_outcome(response: Response) -> str:
    """How the login form answered: signed-in, refused (a processed wrong password),
    locked (allauth's lock-out message), limited (429) or other."""
    text = response.body.lower()
    if response.status == 302:
        return "signed-in"
    if response.status == 429:
        return "limited"
    if "too many failed login attempts" in text:
        return "locked"
    if "are not correct" in text:
        return "refused"
    return f"other ({response.status})"


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed: list[str] = []
        self.lock = threading.Lock()

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        with self.lock:
            if ok:
                self.passed += 1
            else:
                self.failed.append(name)
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f": {detail}" if detail else ""), flush=True)
        return ok

    def finish(self) -> int:
        print(f"{self.passed} passed, {len(self.failed)} failed", flush=True)
        return 1 if self.failed else 0


def scratch_directory(prefix: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=prefix)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
