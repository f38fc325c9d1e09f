"""Who gets what from every URL the site serves, for every kind of visitor.

The patterns come from the URL resolver itself, so a new page cannot slip in untested: a
pattern that no entry in ROUTES (nor the admin rule) covers fails
`test_every_url_pattern_is_in_the_matrix`, naming it.
"""

import functools
import uuid
from dataclasses import dataclass, replace
from http.cookies import SimpleCookie
from io import StringIO
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from assessments.models import Result
from careers.models import Role
from tests.assessments.helpers import (
    PROFILE_URL,
    interest_answers,
    old_fit_result,
    profile_answers,
)
from truest.models import User

ROLE = "senior-reliability-engineer"
DRAFT = "senior-platform-builder"


def collect_patterns(patterns=None, prefix: str = "") -> set[str]:
    """Every URL pattern's full route string, e.g. "roles/<slug:slug>/", "admin/…"."""
    found: set[str] = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found |= collect_patterns(entry.url_patterns, route)
        else:
            assert isinstance(entry, URLPattern)
            found.add(route)
    return found


def small_site(tmp_dir) -> SimpleNamespace:
    """The small landscape and catalog of tests/landscape_fixtures.py, built once.

    Meant for a module-scoped fixture (see `site_data`): the function-scoped `catalog`
    fixture costs a fraction of a second, paid hundreds of times over by a matrix.
    """
    from tests.careers.catalog_factory import write_assessments, write_catalog
    from tests.landscape_fixtures import bls_files, write_onet

    # The fixture's own body (functools.wraps keeps it), so these files stay the same.
    bls = bls_files.__wrapped__(tmp_dir)
    call_command("import_onet", str(write_onet(tmp_dir / "onet")), stdout=StringIO())
    call_command(
        "import_bls",
        projections=bls["projections"],
        wages=bls["wages"],
        crosswalk=bls["crosswalk"],
        stdout=StringIO(),
    )
    call_command(
        "load_catalog",
        directory=write_catalog(tmp_dir / "catalog"),
        assessments=write_assessments(tmp_dir / "assessments", ["reliability", "platform"]),
        stdout=StringIO(),
    )
    call_command("sync_editors_group", stdout=StringIO())

    def person(email: str, **extra) -> User:
        user = User.objects.create_user(email=email, password="x-access-matrix-42", **extra)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    editor = person("editor@example.com", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return SimpleNamespace(
        owner=person("owner@example.com"),
        other=person("other@example.com"),
        staff=editor,
    )


VISITORS = ("anonymous", "owner", "other", "staff")
SIGNED_IN = VISITORS[1:]


@dataclass(frozen=True)
class Expect:
    """What a visitor gets: a status, for a redirect where it goes (the start of the
    Location header, host left off), and whether it must send Cache-Control: no-store."""

    status: int
    location: str = ""
    private: bool = False


OK = Expect(200)
PRIVATE = Expect(200, private=True)
NOT_FOUND = Expect(404)
FORBIDDEN = Expect(403)
NOT_ALLOWED = Expect(405)
BAD_REQUEST = Expect(400)
TO_LOGIN = Expect(302, "/accounts/login/?next=")
TO_ADMIN_LOGIN = Expect(302, "/admin/login/?next=")
TO_DASHBOARD = Expect(302, "/me/")


def everyone(expect: Expect) -> dict[str, Expect]:
    return dict.fromkeys(VISITORS, expect)


def signed_in(expect: Expect, *, anonymous: Expect = TO_LOGIN) -> dict[str, Expect]:
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, expect)}


def owner_only(expect: Expect = PRIVATE) -> dict[str, Expect]:
    """Another person's object does not exist for you: 404, staff included."""
    return {**everyone(NOT_FOUND), "owner": expect}


def staff_only(expect: Expect, *, others: Expect = NOT_FOUND) -> dict[str, Expect]:
    return {**everyone(others), "staff": expect}


@dataclass(frozen=True)
class Case:
    """One concrete URL for a pattern: `path` is formatted with the site's objects."""

    path: str
    expect: dict[str, Expect]
    label: str = ""


# Every pattern the site serves outside /admin/, with what each visitor gets from a GET.
ROUTES: dict[str, list[Case]] = {
    "": [Case("/", everyone(OK))],
    "about/data/": [Case("/about/data/", everyone(OK))],
    # The probes answer before host checks and redirects, to anyone (truest/middleware.py).
    "healthz": [Case("/healthz", everyone(PRIVATE))],
    "readyz": [Case("/readyz", everyone(PRIVATE))],
    "me/": [Case("/me/", signed_in(PRIVATE))],
    "me/delete/": [Case("/me/delete/", signed_in(PRIVATE))],
    "me/export/": [Case("/me/export/", signed_in(PRIVATE))],
    "roles/": [
        Case("/roles/", everyone(OK)),
        Case("/roles/?family=reliability&sort=wage", everyone(OK), "filtered"),
    ],
    "roles/<slug:slug>/": [
        Case("/roles/{role}/", everyone(OK)),
        Case("/roles/{role}/?kind=technical", everyone(OK), "questions"),
        # Drafts are previews for editors, never stored by a cache on the way.
        Case("/roles/{draft}/", staff_only(PRIVATE), "draft"),
        Case("/roles/no-such-role/", everyone(NOT_FOUND), "unknown"),
    ],
    # The profile hands out a fresh idempotency token: a cached copy would share it.
    "fit/": [
        Case("/fit/", everyone(PRIVATE)),
        Case("/fit/?start={role}", everyone(PRIVATE), "from a role"),
        Case("/fit/?start={draft}", staff_only(PRIVATE), "from a draft"),
        Case("/fit/?start=no-such-role", everyone(NOT_FOUND), "from an unknown role"),
    ],
    "fit/step/": [Case("/fit/step/", everyone(NOT_ALLOWED))],
    # A role's "Does it fit you?" starts the one profile.
    "roles/<slug:slug>/fit/": [
        Case("/roles/{role}/fit/", everyone(Expect(302, "/fit/?start=", private=True))),
        Case(
            "/roles/{draft}/fit/",
            staff_only(Expect(302, "/fit/?start=", private=True)),
            "draft",
        ),
        Case("/roles/no-such-role/fit/", everyone(NOT_FOUND), "unknown"),
    ],
    "interests/": [Case("/interests/", everyone(PRIVATE))],
    "interests/step/": [Case("/interests/step/", everyone(NOT_ALLOWED))],
    # Each visitor sees their own (session or account); adding and removing are POSTs,
    # tested in tests/assessments/test_shortlist.py.
    "shortlist/": [Case("/shortlist/", everyone(PRIVATE))],
    # Planning is public content: the same for everyone, so it may be cached.
    "moves/": [
        Case("/moves/", everyone(OK)),
        Case("/moves/?from={junior}&to={role}", everyone(OK), "a plan"),
        Case("/moves/?from={role}&to=15-1244.00", everyone(OK), "to an occupation"),
        Case("/moves/?from={draft}&to={role}", everyone(NOT_FOUND), "from a draft"),
        Case("/moves/?from={role}&to={role}", everyone(BAD_REQUEST), "nowhere"),
    ],
    # Saving a plan is a POST for signed-in people (tests/assessments/test_plans.py).
    "moves/save/": [Case("/moves/save/", signed_in(Expect(405, private=True)))],
    "results/<uuid:result_id>/": [
        Case("/results/{profile_result}/", owner_only(), "profile"),
        Case("/results/{fit_result}/", owner_only(), "earlier fit check"),
        Case("/results/{interest_result}/", owner_only(), "interest"),
        Case("/results/{interest_result}/?zone=4", owner_only(), "interest zone"),
        Case("/results/{unknown_uuid}/", everyone(NOT_FOUND), "unknown"),
    ],
    # GET asks for confirmation; see test_only_the_owner_can_delete_a_result for the POSTs.
    "results/<uuid:result_id>/delete/": [
        Case("/results/{fit_result}/delete/", owner_only(), "confirm")
    ],
    # Only a deleted result has these pages; the site's results are not deleted, so 404.
    "results/<uuid:result_id>/deleted/": [
        Case("/results/{fit_result}/deleted/", everyone(NOT_FOUND), "not deleted")
    ],
    "results/<uuid:result_id>/restore/": [
        Case("/results/{fit_result}/restore/", everyone(Expect(405, private=True)))
    ],
    "occupations/": [
        Case("/occupations/", everyone(OK)),
        Case("/occupations/?group=15&sort=wage", everyone(OK), "filtered"),
    ],
    "occupations/<onet:code>/": [
        Case("/occupations/15-1252.00/", everyone(OK)),
        Case("/occupations/27-2011.00/", everyone(OK), "hourly wages only"),
        Case("/occupations/99-9999.99/", everyone(NOT_FOUND), "unknown"),
    ],
    "search/": [Case("/search/", everyone(OK)), Case("/search/?q=reliab", everyone(OK), "q")],
    "search/suggest/": [
        Case("/search/suggest/", everyone(OK)),
        Case("/search/suggest/?q=reliab", everyone(OK), "q"),
    ],
    "compare/": [
        Case("/compare/", everyone(OK)),
        Case("/compare/?roles={role},{junior}", everyone(OK), "two"),
        # A draft is in staff's comparisons only; to anyone else it does not exist.
        Case("/compare/?roles={role},{draft}", staff_only(OK, others=BAD_REQUEST), "draft"),
    ],
    # django-allauth
    "accounts/login/": [Case("/accounts/login/", signed_in(TO_DASHBOARD, anonymous=OK))],
    "accounts/logout/": [Case("/accounts/logout/", signed_in(OK, anonymous=Expect(302, "/")))],
    "accounts/inactive/": [Case("/accounts/inactive/", everyone(OK))],
    "accounts/signup/": [Case("/accounts/signup/", signed_in(TO_DASHBOARD, anonymous=OK))],
    "accounts/reauthenticate/": [Case("/accounts/reauthenticate/", signed_in(OK))],
    "accounts/reauthenticate/code/": [Case("/accounts/reauthenticate/code/", signed_in(OK))],
    "accounts/reauthenticate/code/confirm/": [
        Case(
            "/accounts/reauthenticate/code/confirm/",
            signed_in(Expect(302, "/accounts/reauthenticate/code/")),
        )
    ],
    "accounts/email/": [Case("/accounts/email/", signed_in(OK))],
    "accounts/confirm-email/": [Case("/accounts/confirm-email/", everyone(OK))],
    # A made-up key shows allauth's "this link is invalid or expired" page.
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": [
        Case("/accounts/confirm-email/not-a-real-key/", everyone(OK), "bad key")
    ],
    "accounts/password/change/": [Case("/accounts/password/change/", signed_in(OK))],
    "accounts/password/set/": [
        Case("/accounts/password/set/", signed_in(Expect(302, "/accounts/password/change/")))
    ],
    "accounts/password/reset/": [Case("/accounts/password/reset/", everyone(OK))],
    "accounts/password/reset/done/": [Case("/accounts/password/reset/done/", everyone(OK))],
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": [
        Case("/accounts/password/reset/key/1-not-a-real-key/", everyone(OK), "bad key")
    ],
    "accounts/password/reset/key/done/": [Case("/accounts/password/reset/key/done/", everyone(OK))],
    "accounts/login/code/confirm/": [
        Case(
            "/accounts/login/code/confirm/",
            signed_in(TO_DASHBOARD, anonymous=Expect(302, "/accounts/login/")),
        )
    ],
}

# Every allauth page, whoever asks and whatever it answers, is never stored: it shows the
# account's addresses or a form with secrets (truest.middleware.SecurityHeadersMiddleware).
ROUTES |= {
    route: [
        Case(case.path, {v: replace(e, private=True) for v, e in case.expect.items()}, case.label)
        for case in cases
    ]
    for route, cases in ROUTES.items()
    if route.startswith("accounts/")
}

# Admin: everyone but staff is sent to the admin login; what an editor (staff in the
# Editors group, see careers/management/commands/sync_editors_group.py) may do with each
# registered model. A newly registered model is in no row, so its URLs fail the coverage
# test until someone decides here what editors may do with it.
NONE, VIEW, CHANGE, EDIT = "none", "view", "change", "edit"
ADMIN_MODELS = {
    "auth/group": NONE,
    "truest/user": NONE,
    "account/emailaddress": NONE,
    "careers/datarelease": NONE,
    "careers/occupation": VIEW,
    "careers/element": VIEW,
    "careers/blsoccupation": VIEW,
    "careers/technologyskill": VIEW,
    "careers/level": VIEW,
    "careers/skill": EDIT,
    "careers/jobfamily": EDIT,
    "careers/role": EDIT,
    "careers/interviewquestion": EDIT,
    "careers/searchsynonym": EDIT,
    "assessments/interestitem": EDIT,
    "assessments/workdimension": EDIT,
    "assessments/workcondition": EDIT,
    # One profile, and one work profile per family: changed, never added or deleted here.
    "assessments/workprofile": CHANGE,
    "assessments/familyworkprofile": CHANGE,
}
ADMIN_APPS = {"careers": OK, "assessments": OK, "auth": NOT_FOUND}  # app index per editor
# What an editor gets from each admin page of a model, by their access to it.
ADMIN_ACTIONS = {
    "": {NONE: FORBIDDEN, VIEW: OK, CHANGE: OK, EDIT: OK},  # the change list
    "add/": {NONE: FORBIDDEN, VIEW: FORBIDDEN, CHANGE: FORBIDDEN, EDIT: OK},
    "{obj}/change/": {NONE: FORBIDDEN, VIEW: OK, CHANGE: OK, EDIT: OK},
    "{obj}/history/": {NONE: FORBIDDEN, VIEW: OK, CHANGE: OK, EDIT: OK},
    "{obj}/delete/": {NONE: FORBIDDEN, VIEW: FORBIDDEN, CHANGE: FORBIDDEN, EDIT: OK},
    "{obj}/password/": {NONE: FORBIDDEN, VIEW: FORBIDDEN, CHANGE: FORBIDDEN, EDIT: OK},
    "{history}/": {NONE: FORBIDDEN, VIEW: OK, CHANGE: OK, EDIT: OK},  # an old version
}
ADMIN_ROUTE_SHAPES = {
    "": "",
    "add/": "add/",
    "<path:object_id>/change/": "{obj}/change/",
    "<path:object_id>/history/": "{obj}/history/",
    "<path:object_id>/delete/": "{obj}/delete/",
    "<id>/password/": "{obj}/password/",
    "^([^/]+)/history/([^/]+)/$": "{history}/",
}
ADMIN_SITE_ROUTES = {
    "admin/": [Case("/admin/", staff_only(OK, others=TO_ADMIN_LOGIN))],
    # Staff sign in through the site's own login (allauth's limits and lock-out apply);
    # people who are signed in but not staff are refused.
    "admin/login/": [
        Case(
            "/admin/login/",
            {
                "anonymous": TO_LOGIN,
                "owner": FORBIDDEN,
                "other": FORBIDDEN,
                "staff": Expect(302, "/admin/"),
            },
        )
    ],
    # Logging out is a POST; a GET from someone not signed in to the admin goes to its index.
    "admin/logout/": [
        Case("/admin/logout/", staff_only(NOT_ALLOWED, others=Expect(302, "/admin/")))
    ],
    "admin/password_change/": [
        Case("/admin/password_change/", staff_only(OK, others=TO_ADMIN_LOGIN))
    ],
    "admin/password_change/done/": [
        Case("/admin/password_change/done/", staff_only(OK, others=TO_ADMIN_LOGIN))
    ],
    "admin/autocomplete/": [
        Case(
            "/admin/autocomplete/?term=soft&app_label=careers&model_name=role"
            "&field_name=occupation",
            staff_only(OK, others=TO_ADMIN_LOGIN),
        )
    ],
    "admin/jsi18n/": [Case("/admin/jsi18n/", staff_only(OK, others=TO_ADMIN_LOGIN))],
    # The editors' Markdown preview: POST only (see test_the_markdown_preview_is_for_staff).
    "admin/careers/role/markdown-preview/": [
        Case(
            "/admin/careers/role/markdown-preview/",
            staff_only(NOT_ALLOWED, others=TO_ADMIN_LOGIN),
        )
    ],
    "admin/r/<path:content_type_id>/<path:object_id>/": [
        Case(
            "/admin/r/{role_type}/{role_pk}/",
            staff_only(Expect(302, "/roles/{role}/"), others=TO_ADMIN_LOGIN),
            "view on site",
        )
    ],
    "admin/^(?P<app_label>auth|truest|careers|assessments|account)/$": [
        Case(f"/admin/{app}/", staff_only(expect, others=TO_ADMIN_LOGIN), app)
        for app, expect in ADMIN_APPS.items()
    ],
    "admin/(?P<url>.*)$": [
        Case("/admin/no-such-page/", staff_only(NOT_FOUND, others=TO_ADMIN_LOGIN), "unknown")
    ],
}


def admin_cases(route: str) -> list[Case] | None:
    """The admin rule: a model's admin pages from ADMIN_MODELS; None if nothing covers it."""
    if route in ADMIN_SITE_ROUTES:
        return ADMIN_SITE_ROUTES[route]
    parts = route.split("/", 3)
    if len(parts) < 4 or parts[0] != "admin":
        return None
    model, rest = f"{parts[1]}/{parts[2]}", parts[3]
    access = ADMIN_MODELS.get(model)
    if access is None:
        return None
    if rest == "<path:object_id>/":  # the bare object address redirects to its change page
        to_change = Expect(302, f"/admin/{model}/{{obj}}/change/")
        return [Case(f"/admin/{model}/{{obj}}/", staff_only(to_change, others=TO_ADMIN_LOGIN))]
    action = ADMIN_ROUTE_SHAPES.get(rest)
    if action is None:
        return None
    path = f"/admin/{model}/{action}"
    return [Case(path, staff_only(ADMIN_ACTIONS[action][access], others=TO_ADMIN_LOGIN))]


def cases_for(route: str) -> list[Case] | None:
    return ROUTES.get(route) or admin_cases(route)


PATTERNS = sorted(collect_patterns())
MATRIX = [
    pytest.param(
        route,
        case,
        visitor,
        id=f"{route or '/'}{f' ({case.label})' if case.label else ''} as {visitor}",
    )
    for route in PATTERNS
    for case in cases_for(route) or []
    for visitor in VISITORS
]


@pytest.fixture(scope="module")
def site_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small site, once for the module, inside a transaction rolled back at the end.

    Each test still runs in its own savepoint (the `db` fixture), so nothing one test
    writes (a deleted result, a session) reaches the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        site = small_site(tmp_path_factory.mktemp("site"))
        Role.objects.filter(slug=DRAFT).update(status=Role.Status.DRAFT)
        owner = Client()
        owner.force_login(site.owner)
        owner.post(PROFILE_URL, profile_answers())
        owner.post("/interests/", interest_answers())
        old_fit_result(owner=site.owner)
        role = Role.objects.get(slug=ROLE)
        site.values = {
            "role": ROLE,
            "junior": "junior-reliability-engineer",
            "draft": DRAFT,
            "profile_result": Result.objects.get(kind=Result.Kind.PROFILE).pk,
            "fit_result": Result.objects.get(kind=Result.Kind.FIT).pk,
            "interest_result": Result.objects.get(kind=Result.Kind.INTEREST).pk,
            "unknown_uuid": uuid.UUID(int=0),
            "role_type": ContentType.objects.get_for_model(Role).pk,
            "role_pk": role.pk,
        }
        site.admin = {model: admin_values(model, site.owner) for model in ADMIN_MODELS}
        yield site
        transaction.set_rollback(True)


def admin_values(model: str, owner: User) -> dict[str, str]:
    """An object of the model for its admin pages, and an old version for simple-history."""
    model_class = apps.get_model(*model.split("/"))
    obj = owner if model_class is User else model_class.objects.order_by("pk").first()
    assert obj is not None, f"the small site has no {model} for its admin pages"
    values = {"obj": quote(obj.pk)}
    history = getattr(model_class, "history", None)
    if history is not None:
        obj.save()  # one version at least, whatever the loader did
        record = history.filter(**{model_class._meta.pk.attname: obj.pk}).latest("history_id")
        values["history"] = f"{quote(obj.pk)}/history/{record.history_id}"
    return values


def url_for(case: Case, site) -> tuple[str, dict[str, str]]:
    """The case's address with real ids; for a model's admin pages, that model's object."""
    values = dict(site.values)
    model = "/".join(case.path.split("/")[2:4])
    if case.path.startswith("/admin/") and model in site.admin:
        values |= site.admin[model]
    return case.path.format(**values), values


@functools.cache
def shared_client() -> Client:
    """One client for the module, so its handler loads the middleware once (WhiteNoise
    scans the static files on load), as a server does; each test resets its cookies."""
    return Client()


def visitor_client(visitor: str, site) -> Client:
    client = shared_client()
    client.cookies = SimpleCookie()
    if visitor != "anonymous":
        client.force_login(getattr(site, visitor))
    return client


def test_every_url_pattern_is_in_the_matrix():
    uncovered = [route for route in PATTERNS if not cases_for(route)]
    stale = sorted((set(ROUTES) | set(ADMIN_SITE_ROUTES)) - set(PATTERNS))
    assert not uncovered, (
        "URL patterns with no entry in the access matrix (add them to ROUTES, or a model "
        "to ADMIN_MODELS):\n  " + "\n  ".join(uncovered)
    )
    assert not stale, "matrix entries for patterns that no longer exist:\n  " + "\n  ".join(stale)
    unused_models = [
        m for m in ADMIN_MODELS if not any(p.startswith(f"admin/{m}/") for p in PATTERNS)
    ]
    assert not unused_models, f"ADMIN_MODELS names models the admin no longer has: {unused_models}"


@pytest.mark.django_db
@pytest.mark.parametrize("route, case, visitor", MATRIX)
def test_access(site_data, route, case, visitor):
    url, values = url_for(case, site_data)
    expect = case.expect[visitor]
    response = visitor_client(visitor, site_data).get(url)

    assert response.status_code < 500, f"GET {url} as {visitor}: {response.status_code}"
    assert response.status_code == expect.status, (
        f"GET {url} as {visitor}: {response.status_code}, expected {expect.status}"
    )
    if expect.location:
        location = urlsplit(response["Location"])
        target = location.path + (f"?{location.query}" if location.query else "")
        assert target.startswith(expect.location.format(**values)), target
    cache_control = response.get("Cache-Control", "")
    if expect.private:
        assert "no-store" in cache_control, f"GET {url} as {visitor}: {cache_control!r}"


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_only_the_owner_can_delete_a_result(site_data, visitor):
    result_id = site_data.values["fit_result"]
    response = visitor_client(visitor, site_data).post(f"/results/{result_id}/delete/")
    if visitor == "owner":
        assert (response.status_code, response["Location"]) == (
            302,
            f"/results/{result_id}/deleted/",
        )
        assert not Result.objects.filter(pk=result_id).exists()
        assert Result.all_objects.filter(pk=result_id).exists()  # until purged
    else:
        assert response.status_code == 404
        assert Result.objects.filter(pk=result_id).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", VISITORS)
def test_the_markdown_preview_is_for_staff(site_data, visitor):
    response = visitor_client(visitor, site_data).post(
        "/admin/careers/role/markdown-preview/", {"text": "**Bold** <script>x</script>"}
    )
    if visitor == "staff":
        assert response.status_code == 200
        assert response.content.decode() == "<p><strong>Bold</strong> </p>"
    else:
        assert response.status_code == 302
        assert "/login/" in response["Location"]
