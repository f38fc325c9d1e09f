"""Every page type is valid HTML according to the Nu HTML Checker (vnu.jar).

All pages are rendered with the test client, written to one directory and checked by a
single run of the checker (one JVM start keeps this fast). htmx fragments are wrapped in
a minimal document first. The checker is found through TRUEST_VNU_JAR (CI sets it); outside
CI the jar that `npm install --prefix /work/tools/vnu vnu-jar` leaves is tried as well.
In CI a missing jar or Java runtime fails the test; locally it is skipped.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client

from assessments.models import Result
from careers.models import Role
from tests.assessments.helpers import (
    PROFILE_URL,
    ROLE,
    STEP_URL,
    interest_answers,
    old_fit_result,
    profile_answers,
)
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.html, pytest.mark.django_db]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LOCAL_JAR = Path("/work/tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
INSTALL_HINT = (
    "install it with `npm install --prefix <dir> vnu-jar` (and a Java runtime: "
    "`apt-get install -y default-jre-headless`), then set "
    "TRUEST_VNU_JAR=<dir>/node_modules/vnu-jar/build/dist/vnu.jar"
)
OTHER_ROLE = "senior-platform-builder"
DRAFT_ROLE = "junior-reliability-engineer"
OCCUPATION = "15-1252.00"
HTMX = {"HX-Request": "true"}
WAGES_REVERSED = {"wage_min": "90000", "wage_max": "10000"}  # a filter error
FRAGMENT_HEAD = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    "<title>fragment</title></head><body>\n"
)
FRAGMENT_TAIL = "\n</body></html>\n"


def _unavailable(message: str) -> None:
    message = f"Nu HTML Checker unavailable: {message}; {INSTALL_HINT}."
    if os.environ.get("CI"):
        pytest.fail(message)  # CI must check the HTML, never skip it.
    pytest.skip(message)


def _checker() -> list[str]:
    """The command that runs vnu.jar, or skip/fail when it cannot run here."""
    configured = os.environ.get("TRUEST_VNU_JAR")
    if configured:
        jar = Path(configured)
    elif os.environ.get("CI"):
        _unavailable("TRUEST_VNU_JAR is not set")
    else:
        jar = LOCAL_JAR
    if not jar.is_file():
        _unavailable(f"no vnu.jar at {jar}")
    java = shutil.which("java")
    if not java:
        _unavailable("no `java` on PATH")
    return [java, "-jar", str(jar)]


class Pages:
    """Collects rendered pages as files, each checked against its expected status."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.files: list[Path] = []

    def add(self, name: str, response, *, status: int = 200, fragment: bool = False) -> None:
        assert response.status_code == status, (
            f"{name}: expected {status}, got {response.status_code}"
        )
        self.write(name, response.content.decode(), fragment=fragment)

    def write(self, name: str, html: str, *, fragment: bool = False) -> None:
        if fragment:
            assert "<html" not in html, f"{name}: a fragment response was a whole document"
            html = FRAGMENT_HEAD + html + FRAGMENT_TAIL
        path = self.directory / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        self.files.append(path)


def _render_every_page_type(pages: Pages, client: Client, make_user) -> None:
    # Anonymous: public pages, their htmx fragments and their error states.
    pages.add("home", client.get("/"))
    pages.add("role-list", client.get("/roles/"))
    pages.add("role-list-filtered", client.get("/roles/", {"track": "ic"}))
    pages.add(
        "role-list-fragment", client.get("/roles/", {"track": "ic"}, headers=HTMX), fragment=True
    )
    pages.add("role-list-400", client.get("/roles/", WAGES_REVERSED), status=400)
    pages.add(
        "role-list-400-fragment",
        client.get("/roles/", WAGES_REVERSED, headers=HTMX),
        status=400,
        fragment=True,
    )
    pages.add("role-detail", client.get(f"/roles/{ROLE}/"))
    pages.add(
        "role-detail-questions-fragment",
        client.get(f"/roles/{ROLE}/", {"kind": "technical"}, headers=HTMX),
        fragment=True,
    )
    pages.add("occupation-list", client.get("/occupations/"))
    pages.add(
        "occupation-list-fragment",
        client.get("/occupations/", {"zone": "4"}, headers=HTMX),
        fragment=True,
    )
    pages.add("occupation-list-400", client.get("/occupations/", WAGES_REVERSED), status=400)
    pages.add(
        "occupation-list-400-fragment",
        client.get("/occupations/", WAGES_REVERSED, headers=HTMX),
        status=400,
        fragment=True,
    )
    pages.add("occupation-detail", client.get(f"/occupations/{OCCUPATION}/"))
    pages.add("occupation-detail-hourly", client.get("/occupations/27-2011.00/"))
    pages.add("search", client.get("/search/", {"q": "reliability"}))
    pages.add("search-empty", client.get("/search/"))
    pages.add("search-no-results", client.get("/search/", {"q": "zzzz-nothing"}))
    pages.add("search-corrected", client.get("/search/", {"q": "registerd nurse"}))
    pages.add(
        "search-fragment",
        client.get("/search/", {"q": "software"}, headers=HTMX),
        fragment=True,
    )
    pages.add("compare-empty", client.get("/compare/"))
    pages.add("compare", client.get("/compare/", {"roles": f"{ROLE},{OTHER_ROLE}"}))
    pages.add(
        "compare-fragment",
        client.get("/compare/", {"roles": ROLE, "add": OTHER_ROLE}, headers=HTMX),
        fragment=True,
    )
    pages.add("compare-400", client.get("/compare/", {"roles": "no-such-role"}), status=400)
    pages.add(
        "compare-400-fragment",
        client.get("/compare/", {"roles": ROLE, "add": "Bad Slug"}, headers=HTMX),
        status=400,
        fragment=True,
    )
    junior = "junior-reliability-engineer"
    pages.add("moves", client.get("/moves/"))
    pages.add("moves-plan", client.get("/moves/", {"from": junior, "to": OTHER_ROLE}))
    pages.add("moves-to-occupation", client.get("/moves/", {"from": junior, "to": "15-1244.00"}))
    pages.add("moves-no-route", client.get("/moves/", {"from": OTHER_ROLE, "to": junior}))
    pages.add("moves-400", client.get("/moves/", {"from": junior, "to": junior}), status=400)
    pages.add("shortlist-empty", client.get("/shortlist/"))
    pages.add(
        "shortlist-button-fragment",
        client.post("/shortlist/", {"role": ROLE, "action": "add"}, headers=HTMX),
        fragment=True,
    )
    pages.add(
        "shortlist-400-fragment",
        client.post("/shortlist/", {"role": ROLE, "action": "x"}, headers=HTMX),
        status=400,
        fragment=True,
    )
    pages.add("shortlist-400", client.post("/shortlist/", {"role": ROLE}), status=400)
    client.post("/shortlist/", {"role": OTHER_ROLE, "action": "add"})
    pages.add("shortlist", client.get("/shortlist/"))
    pages.add("role-detail-shortlisted", client.get(f"/roles/{ROLE}/"))
    pages.add("profile", client.get(PROFILE_URL, {"start": ROLE}))
    pages.add("profile-400", client.post(PROFILE_URL, {}), status=400)
    pages.add(
        "profile-400-fragment",
        client.post(PROFILE_URL, {}, headers=HTMX),
        status=400,
        fragment=True,
    )
    answers = profile_answers()
    step = {"token": answers["token"], "version": answers["version"]}
    pages.add(
        "profile-step-fragment",
        client.post(STEP_URL, {**step, "current": "0", "goto": "1"}, headers=HTMX),
        fragment=True,
    )
    pages.add(
        "profile-step-errors-fragment",
        client.post(STEP_URL, {**step, "current": "1", "goto": "2"}, headers=HTMX),
        fragment=True,
    )
    pages.add("interests", client.get("/interests/"))
    pages.add("interests-400", client.post("/interests/", {}), status=400)
    pages.add("about-data", client.get("/about/data/"))
    pages.add("not-found-404", client.get("/roles/no-such-role/"), status=404)
    pages.add("bad-host-400", Client(HTTP_HOST="bad host").get("/"), status=400)
    csrf_client = Client(enforce_csrf_checks=True)
    pages.add("csrf-403", csrf_client.post("/accounts/login/", {}), status=403)
    failing = Client(raise_request_exception=False)
    pages.add("server-error-500", failing.get("/test/plain-bug/"), status=500)
    pages.add("unavailable-503", failing.get("/test/database-gone/"), status=503)
    # Every error page template, including those no request here reaches (403, 429 …).
    for template in sorted(TEMPLATES.glob("[0-9][0-9][0-9]*.html")):
        html = render_to_string(template.name, {"message": "An example message."})
        pages.write(f"template-{template.stem}", html)

    # allauth, signed out.
    user = make_user()
    pages.add("login", client.get("/accounts/login/"))
    pages.add(
        "login-errors", client.post("/accounts/login/", {"login": user.email, "password": "x"})
    )
    pages.add("signup", client.get("/accounts/signup/"))
    pages.add(
        "signup-errors",
        client.post("/accounts/signup/", {"email": "bad", "password1": "x", "password2": "y"}),
    )
    pages.add("password-reset", client.get("/accounts/password/reset/"))
    response = client.post("/accounts/password/reset/", {"email": user.email}, follow=True)
    pages.add("password-reset-done", response)
    reset_link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[-1].body)
    assert reset_link, mail.outbox[-1].body
    pages.add("password-reset-key", client.get(urlsplit(reset_link.group(0)).path, follow=True))
    client.post(
        "/accounts/signup/",
        {"email": "grace@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    pages.add("verification-sent", client.get("/accounts/confirm-email/"))
    confirm = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    assert confirm, mail.outbox[-1].body
    pages.add("confirm-email", client.get(urlsplit(confirm.group(0)).path))

    # Signed in: results (owner only), the dashboard and account pages.
    client.force_login(user)
    assert client.post(PROFILE_URL, profile_answers(start=ROLE)).status_code == 302
    assert client.post(PROFILE_URL, profile_answers(items={"*": 3})).status_code == 302
    assert client.post("/interests/", interest_answers()).status_code == 302
    profile, unranked = Result.objects.filter(owner=user, kind=Result.Kind.PROFILE).order_by(
        "created_at"
    )
    fit = old_fit_result(owner=user)
    interest = Result.objects.get(owner=user, kind=Result.Kind.INTEREST)
    pages.add("profile-result", client.get(profile.get_absolute_url()))
    pages.add("profile-result-unranked", client.get(unranked.get_absolute_url()))
    pages.add("role-with-fit", client.get(f"/roles/{ROLE}/"))
    pages.add("roles-by-fit", client.get("/roles/", {"sort": "fit"}))
    pages.add("fit-result", client.get(fit.get_absolute_url()))
    saved_plan = client.post("/moves/save/", {"from": junior, "to": OTHER_ROLE})
    assert saved_plan.status_code == 302
    pages.add("plan-result", client.get(saved_plan["Location"]))
    pages.add("interest-result", client.get(interest.get_absolute_url()))
    pages.add(
        "interest-result-fragment",
        client.get(interest.get_absolute_url(), {"zone": "4"}, headers=HTMX),
        fragment=True,
    )
    pages.add("role-detail-with-fit", client.get(f"/roles/{ROLE}/"))
    pages.add("compare-with-fit", client.get("/compare/", {"roles": f"{ROLE},{OTHER_ROLE}"}))
    pages.add("dashboard-empty-shortlist", client.get("/me/"))
    client.post("/shortlist/", {"role": ROLE, "action": "add"})
    pages.add("dashboard", client.get("/me/"))
    pages.add("shortlist-signed-in", client.get("/shortlist/"))
    pages.add("account-delete", client.get("/me/delete/"))
    pages.add("account-delete-400", client.post("/me/delete/", {"password": "x"}), status=400)
    pages.add("email", client.get("/accounts/email/"))
    pages.add("password-change", client.get("/accounts/password/change/"))
    pages.add("logout", client.get("/accounts/logout/"))

    # Staff: a draft role's preview.
    Role.objects.filter(slug=DRAFT_ROLE).update(status=Role.Status.DRAFT)
    client.force_login(make_user("editor@example.com", is_staff=True))
    pages.add("role-detail-draft-preview", client.get(f"/roles/{DRAFT_ROLE}/"))


def _errors(report: dict) -> list[str]:
    lines = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        name = Path(urlsplit(url).path).name if url else "?"
        line = message.get("lastLine", message.get("firstLine", "?"))
        extract = " ".join(message.get("extract", "").split())
        lines.append(f"{name}:{line}: {message.get('message', '')}  [{extract}]")
    return lines


def test_every_page_type_is_valid_html(client, catalog, make_user, settings, tmp_path):
    command = _checker()
    settings.ROOT_URLCONF = "tests.urls_failing"  # every real URL plus the failing views
    pages = Pages(tmp_path)
    _render_every_page_type(pages, client, make_user)

    run = subprocess.run(
        [*command, "--errors-only", "--format", "json", *map(str, pages.files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = run.stderr.strip() or run.stdout.strip()
    try:
        report = json.loads(output[output.index("{") :])
    except ValueError:
        pytest.fail(f"the checker gave no JSON report (exit {run.returncode}):\n{output}")
    errors = _errors(report)
    assert not errors, (
        f"{len(errors)} HTML validation errors in {len(pages.files)} pages "
        f"(files kept in {tmp_path}; a fragment's line 1 is its wrapper):\n" + "\n".join(errors)
    )
    assert run.returncode == 0, output
