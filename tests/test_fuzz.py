"""Bad input never gives a 5xx (DESIGN §5): every form and query parameter the site reads,
fuzzed with hypothesis.

Values mix the real ones (so valid paths run too) with NUL, CR/LF, 10k+ strings, huge and
negative numbers, unicode digits and invalid UTF-8, sent once or several times under the
same key, with junk keys beside them, by GET and POST, with and without htmx headers.
Each example runs in its own savepoint, with an empty cache and a browser without cookies,
so what one example saves, signs in or rate-limits cannot hide a bug from the next.
Requests that only rediscover a known gap (see the end of the module) are skipped.
"""

import functools
import os
import uuid
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import InterestItem, Result, WorkCondition, WorkItem
from careers.forms import WAGE_LIMIT
from careers.landscape import GROWTH_BANDS, JOB_ZONES, SOC_MAJOR_GROUPS
from careers.models import InterviewQuestion, Role
from tests.assessments.helpers import interest_answers, old_fit_result, profile_answers
from tests.test_access_matrix import small_site
from truest.models import User

pytestmark = pytest.mark.django_db

ROLE = "senior-reliability-engineer"
DRAFT = "senior-platform-builder"
SLUGS = [ROLE, "junior-reliability-engineer", DRAFT]

# EXAMPLES requests per test keep the module near 30 s on SQLite (CI runs it twice, once
# per database); dig deeper locally with e.g. TRUEST_FUZZ_EXAMPLES=1000.
EXAMPLES = int(os.environ.get("TRUEST_FUZZ_EXAMPLES", "120"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\r\n",
        "x\r\nSet-Cookie: a=1",
        "-1",
        "0",
        "-0",
        "1.5",
        "1e309",
        "NaN",
        "inf",
        "٣",  # Arabic-Indic three: int() accepts it
        "１２",  # full-width digits
        "9" * 30,
        "-" + "9" * 30,
        "1" * 5000,  # beyond Python's int-string conversion limit
        "x" * 10_001,
        "é" * 12_000,
        "😀",
        "<script>alert(1)</script>",
        "'; DROP TABLE careers_role; --",
        "%00",
        "../../etc/passwd",
        "true",
        "None",
    ]
)
NUMBERS = st.integers(min_value=-(10**30), max_value=10**30).map(str)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
# Raw bytes, most of them not UTF-8: Django must decode them, not fail on them.
BYTES = st.binary(max_size=12)
JUNK_TEXT = st.one_of(NASTY, NUMBERS, TEXT)
JUNK = st.one_of(JUNK_TEXT, BYTES)


def values(valid, *, junk=JUNK) -> st.SearchStrategy:
    """A real value three times in four, else anything."""
    real = st.sampled_from(valid) if isinstance(valid, list | tuple) else valid
    return st.integers(0, 3).flatmap(lambda n: junk if n == 0 else real)


TAMPERINGS = ("junk value", "repeated key", "junk key", "left out")


def fields(
    spec: dict[str, st.SearchStrategy], *, always: bool = False, junk_keys=TEXT
) -> st.SearchStrategy:
    """Key/value pairs for a query string or form body: a real submission (each key with a
    real value; `always` every key, as a complete form sends them), then up to three
    tamperings — a junk value, a key repeated, a junk key beside them, a key left out —
    in any order."""

    @st.composite
    def build(draw):
        pairs = [(key, draw(real)) for key, real in spec.items() if always or draw(st.booleans())]
        for _ in range(draw(st.integers(0, 3))):
            tampering = draw(st.sampled_from(TAMPERINGS))
            key = draw(st.sampled_from(list(spec)))
            if tampering == "junk value":
                pairs = [pair for pair in pairs if pair[0] != key] + [(key, draw(JUNK))]
            elif tampering == "repeated key":
                value = draw(st.one_of(spec[key], JUNK))
                pairs += [(key, value)] * draw(st.integers(1, 3))
            elif tampering == "junk key":
                pairs.append((draw(junk_keys), draw(JUNK)))
            else:
                pairs = [pair for pair in pairs if pair[0] != key]
        return draw(st.permutations(pairs))

    return build()


HEADERS = st.sampled_from(
    [
        {},
        {"HX-Request": "true"},
        {"HX-Request": "true", "HX-Boosted": "true"},
        {"HX-Request": "true", "HX-Current-URL": "http://[::1", "HX-Target": "<>"},
        {"HX-Request": "false"},
    ]
)


def encode(pairs) -> str:
    return urlencode([(key, value) for key, value in pairs])


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small site once for the module (see tests/test_access_matrix.py), with a draft
    role and the owner's two results; rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        data = small_site(tmp_path_factory.mktemp("fuzz"))
        Role.objects.filter(slug=DRAFT).update(status=Role.Status.DRAFT)
        owner = Client()
        owner.force_login(data.owner)
        owner.post("/fit/", profile_answers())
        owner.post("/interests/", interest_answers())
        data.profile_result = Result.objects.get(kind=Result.Kind.PROFILE)
        data.fit_result = old_fit_result(owner=data.owner)
        data.interest_result = Result.objects.get(kind=Result.Kind.INTEREST)
        data.profile_questions = {
            **{f"i{pk}": 6 for pk in WorkItem.objects.values_list("id", flat=True)},
            **{
                f"c{condition.id}": len(condition.levels) - 1
                for condition in WorkCondition.objects.all()
            },
        }
        data.item_ids = list(InterestItem.objects.values_list("id", flat=True))
        yield data
        transaction.set_rollback(True)


@contextmanager
def isolated():
    """One example: its own savepoint, rolled back, and an empty cache (rate limits)."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


VISITOR = st.sampled_from(["anonymous", "owner", "staff"])
# Pages that only answer GET get the other methods now and then (405, never a 5xx).
READ_METHODS = st.sampled_from(["get", "get", "get", "get", "post", "head", "options", "put"])
POSTS = st.sampled_from(["post", "post", "post", "post", "get", "put", "delete"])


@functools.cache
def shared_client() -> Client:
    """One client for the module: its handler loads the middleware (WhiteNoise scans the
    static files) once, as a server does, instead of once per example."""
    return Client()


def browser(site, visitor: str) -> Client:
    """A new browser: no cookies (session, CSRF), signed in as the visitor."""
    client = shared_client()
    client.cookies = SimpleCookie()
    if visitor != "anonymous":
        client.force_login(getattr(site, visitor))
    return client


def send(client: Client, method: str, path: str, pairs, headers: dict):
    """Send it and check it is not a 5xx; a view's exception fails the test with its
    traceback (the test client re-raises it)."""
    body = encode(pairs)
    if method in ("get", "head", "options"):
        response = client.generic(
            method.upper(), f"{path}?{body}" if body else path, headers=headers
        )
    else:
        response = client.generic(
            method.upper(),
            path,
            body,
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )
    assert response.status_code < 500, (
        f"{method.upper()} {path} {pairs!r} {headers}: {response.status_code}"
    )
    return response


def request(site, visitor: str, method: str, path: str, pairs, headers: dict):
    """One request from a fresh browser of this visitor."""
    return send(browser(site, visitor), method, path, pairs, headers)


# --- The landscape: lists, filters, search, compare, role pages --------------------------

LANDSCAPE_FILTERS = {
    "zone": st.sampled_from([str(zone) for zone in JOB_ZONES]),
    "growth": st.sampled_from(list(GROWTH_BANDS)),
    "wage_min": st.integers(0, WAGE_LIMIT).map(str),
    "wage_max": st.integers(0, WAGE_LIMIT).map(str),
    "page": st.one_of(st.integers(-2, 4), st.integers(-2, 10**6)).map(str),
}
OCCUPATION_FILTERS = {
    **LANDSCAPE_FILTERS,
    "group": st.sampled_from(list(SOC_MAJOR_GROUPS)),
    "strong": st.sampled_from(["on", "true", "1"]),
    "sort": st.sampled_from(["title", "growth", "wage", "openings"]),
}
ROLE_FILTERS = {
    **LANDSCAPE_FILTERS,
    "family": st.sampled_from(["reliability", "platform"]),
    "level": st.sampled_from(["junior", "senior", "staff", "manager"]),
    "track": st.sampled_from(["ic", "management"]),
    "sort": st.sampled_from(["family", "title", "level", "wage", "growth"]),
}


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of two, so the small landscape has several and the page links are drawn."""
    monkeypatch.setattr("careers.selectors.pages.OCCUPATION_PAGE_SIZE", 2)
    monkeypatch.setattr("careers.views.ROLE_PAGE_SIZE", 2)


SLUG_LISTS = st.lists(values(SLUGS, junk=JUNK_TEXT), max_size=6).map(",".join)


@fuzz
@given(
    pairs=fields(OCCUPATION_FILTERS),
    headers=HEADERS,
    visitor=VISITOR,
    method=READ_METHODS,
)
def test_occupation_list_filters(site, small_pages, pairs, headers, visitor, method):
    with isolated():
        request(site, visitor, method, "/occupations/", pairs, headers)


@fuzz
@given(
    pairs=fields(ROLE_FILTERS),
    headers=HEADERS,
    visitor=VISITOR,
    method=READ_METHODS,
)
def test_role_list_filters(site, small_pages, pairs, headers, visitor, method):
    with isolated():
        request(site, visitor, method, "/roles/", pairs, headers)


@fuzz
@given(
    pairs=fields(
        {"q": st.sampled_from(["reliab", "Software", "site reliability", "SRE", "15-1252"])}
    ),
    headers=HEADERS,
    visitor=VISITOR,
    method=READ_METHODS,
)
def test_search(site, pairs, headers, visitor, method):
    with isolated():
        request(site, visitor, method, "/search/", pairs, headers)


@fuzz
@given(
    pairs=fields({"roles": SLUG_LISTS, "add": st.sampled_from(SLUGS)}),
    headers=HEADERS,
    visitor=VISITOR,
    method=READ_METHODS,
)
def test_compare_roles_and_add(site, pairs, headers, visitor, method):
    with isolated():
        response = request(site, visitor, method, "/compare/", pairs, headers)
        if response.status_code == 302:
            assert response["Location"].startswith("/compare/?roles=")


@fuzz
@given(
    slug=values(SLUGS),
    pairs=fields({"kind": st.sampled_from(InterviewQuestion.Kind.values)}),
    headers=HEADERS,
    visitor=VISITOR,
    method=READ_METHODS,
)
def test_role_page_question_kind(site, slug, pairs, headers, visitor, method):
    with isolated():
        path = f"/roles/{quote(slug, safe='')}/"
        request(site, visitor, method, path, pairs, headers)


@fuzz
@given(
    prefix=st.sampled_from(["roles", "occupations", "results", "roles/x/fit", "admin/careers"]),
    segment=st.one_of(JUNK, values(["15-1252.00", "99-9999.99", str(uuid.UUID(int=0))])),
    suffix=st.sampled_from(["", "/", "/fit/", "/delete/", "/change/"]),
    visitor=VISITOR,
    method=st.sampled_from(["get", "post", "head", "delete"]),
)
def test_unknown_addresses(site, prefix, segment, suffix, visitor, method):
    """Made-up slugs, codes and ids in the path: 404 (or 405), never a 5xx."""
    with isolated():
        request(site, visitor, method, f"/{prefix}/{quote(segment, safe='')}{suffix}", [], {})


# --- Assessments: fit check, its steps, interests, results -----------------------------


def answer_sheet(questions: dict[str, int], *, lowest: int = 1) -> st.SearchStrategy:
    """A complete answer sheet (`lowest`…highest for each question, given as field name →
    highest answer, and a token; a profile sheet also its version and starting role), then
    tampered with: answers out of range, questions that are not on the sheet, repeated
    answers, a broken token, answers left out."""
    spec = {
        name: st.sampled_from([str(n) for n in range(lowest if name[0] != "c" else 0, top + 1)])
        for name, top in questions.items()
    }
    spec["token"] = st.uuids().map(str)
    prefixes = sorted({name[0] for name in questions})
    if prefixes != ["q"]:
        spec["version"] = st.just("1")
        spec["start"] = st.sampled_from(["", ROLE, DRAFT, "no-such-role", "../x"])
    unknown = st.one_of(
        *(NUMBERS.map(lambda n, p=prefix: f"{p}{n}") for prefix in prefixes),
        TEXT.map(lambda text: f"{prefixes[0]}{text}"),
        st.sampled_from(["q", "i-1", "c0", "q01", "i 1", "c١", "i" + "9" * 5000]),
    )
    return fields(spec, always=True, junk_keys=st.one_of(unknown, TEXT))


@fuzz
@given(data=st.data(), headers=HEADERS, visitor=VISITOR, twice=st.booleans())
def test_profile_answers_and_token(site, data, headers, visitor, twice):
    """Sometimes submitted twice from the same browser with the same token (a double
    click, a retry): one result at most, whatever the answers."""
    pairs = data.draw(answer_sheet(site.profile_questions))
    with isolated():
        before = Result.objects.count()
        client = browser(site, visitor)
        send(client, "post", "/fit/", pairs, headers)
        if twice:
            send(client, "post", "/fit/", pairs, headers)
        assert Result.objects.count() - before <= 1


@fuzz
@given(
    data=st.data(),
    steps=fields(
        {"current": st.sampled_from(["0", "1", "2", "4"]), "goto": st.sampled_from(["1", "2", "4"])}
    ),
    headers=HEADERS,
    visitor=VISITOR,
)
def test_profile_steps(site, data, steps, headers, visitor):
    pairs = data.draw(answer_sheet(site.profile_questions)) + steps
    with isolated():
        request(site, visitor, "post", "/fit/step/", pairs, headers)


@fuzz
@given(data=st.data(), headers=HEADERS, visitor=VISITOR, twice=st.booleans())
def test_interest_answers_and_token(site, data, headers, visitor, twice):
    pairs = data.draw(answer_sheet({f"q{pk}": 5 for pk in site.item_ids}))
    with isolated():
        before = Result.objects.count()
        client = browser(site, visitor)
        send(client, "post", "/interests/", pairs, headers)
        if twice:
            send(client, "post", "/interests/", pairs, headers)
        assert Result.objects.count() - before <= 1


@fuzz
@given(
    which=st.sampled_from(["profile_result", "fit_result", "interest_result"]),
    pairs=fields({"zone": st.sampled_from([str(zone) for zone in JOB_ZONES])}),
    headers=HEADERS,
    method=READ_METHODS,
)
def test_result_job_zone_filter(site, which, pairs, headers, method):
    with isolated():
        request(site, "owner", method, f"/results/{getattr(site, which).pk}/", pairs, headers)


# --- Me: dashboard, export, deleting results and the account ----------------------------


@fuzz
@given(
    path=st.sampled_from(["/me/", "/me/export/", "/me/delete/"]),
    pairs=fields({"password": st.sampled_from(["wrong", "x-access-matrix-42"])}),
    headers=HEADERS,
    visitor=VISITOR,
    method=st.sampled_from(["get", "post"]),
)
def test_me_actions(site, path, pairs, headers, visitor, method):
    with isolated():
        response = request(site, visitor, method, path, pairs, headers)
        deleting = path == "/me/delete/" and method == "post" and visitor != "anonymous"
        if deleting and response.status_code != 302:
            # A refused deletion leaves the account and its results whole.
            assert User.objects.filter(pk=getattr(site, visitor).pk).exists()
            assert Result.objects.count() == 3


@fuzz
@given(
    which=st.sampled_from(["profile_result", "fit_result", "interest_result", "unknown"]),
    pairs=fields({"next": st.sampled_from(["/me/", "//evil.example/", "https://evil.example/"])}),
    headers=HEADERS,
    visitor=VISITOR,
)
def test_result_delete(site, which, pairs, headers, visitor):
    result_id = uuid.UUID(int=0) if which == "unknown" else getattr(site, which).pk
    with isolated():
        response = request(site, visitor, "post", f"/results/{result_id}/delete/", pairs, headers)
        if response.status_code == 302:
            assert visitor == "owner"
            assert response["Location"] == f"/results/{result_id}/deleted/"


# --- Accounts: the allauth forms the site shows -----------------------------------------

ACCOUNT_FORMS = {
    # path: who fills it in
    "/accounts/login/": "anonymous",
    "/accounts/signup/": "anonymous",
    "/accounts/password/reset/": "anonymous",
    "/accounts/email/": "owner",
    "/accounts/password/change/": "owner",
    "/accounts/reauthenticate/": "owner",
}
ACCOUNT_FIELDS = {
    "login": st.sampled_from(["owner@example.com", "nobody@example.com"]),
    "email": st.sampled_from(["new@example.com", "owner@example.com", "other@example.com"]),
    "password": st.sampled_from(["wrong-password-1", "x-access-matrix-42"]),
    "oldpassword": st.sampled_from(["wrong-password-1", "x-access-matrix-42"]),
    "password1": st.just("a-Long-enough-pass-9"),
    "password2": st.just("a-Long-enough-pass-9"),
    "remember": st.just("on"),
    "action_add": st.just(""),
    "action_primary": st.just(""),
    "action_send": st.just(""),
    "action_remove": st.just(""),
    "next": st.sampled_from(["/me/", "//evil.example/", "https://evil.example/"]),
}


@fuzz
@given(
    path=st.sampled_from(list(ACCOUNT_FORMS)),
    pairs=fields(ACCOUNT_FIELDS),
    headers=HEADERS,
    method=st.sampled_from(["get", "post", "post"]),
)
def test_account_forms(site, path, pairs, headers, method):
    with isolated():
        response = request(site, ACCOUNT_FORMS[path], method, path, pairs, headers)
        if response.status_code == 302:
            assert not response["Location"].startswith(("//", "http")), response["Location"]


# --- Cookies: a browser can send anything back --------------------------------------------

COOKIE_NAMES = [
    django_settings.SESSION_COOKIE_NAME,
    django_settings.CSRF_COOKIE_NAME,
    "messages",
    "truest_device",
]
# What a server can hand Django: header bytes, decoded as Latin-1 (WSGI's rule).
COOKIE_VALUES = st.one_of(
    NASTY.filter(lambda value: value.isascii()),
    NUMBERS,
    BYTES.map(lambda raw: raw.decode("latin-1")),
    st.text(st.characters(max_codepoint=0xFF), max_size=40),
)


@fuzz
@given(
    cookies=st.dictionaries(
        st.one_of(st.sampled_from(COOKIE_NAMES), st.from_regex(r"[a-z_]{1,12}", fullmatch=True)),
        COOKIE_VALUES,
        max_size=4,
    ),
    path=st.sampled_from(["/", "/me/", "/roles/", f"/roles/{ROLE}/", "/interests/"]),
    visitor=VISITOR,
    method=st.sampled_from(["get", "get", "post"]),
)
def test_tampered_cookies(site, cookies, path, visitor, method):
    """Tampered or stale cookies: a new session, a CSRF failure (403) — never a 5xx."""
    with isolated():
        client = browser(site, visitor)
        for name, value in cookies.items():
            client.cookies[name] = value
        client.handler.enforce_csrf_checks = method == "post"
        try:
            send(client, method, path, [], {})
        finally:
            client.handler.enforce_csrf_checks = False


# --- Admin: the query parameters of the editors' lists ----------------------------------

ADMIN_LISTS = [
    "careers/role",
    "careers/occupation",
    "careers/skill",
    "assessments/workdimension",
]


@fuzz
@given(
    model=st.sampled_from(ADMIN_LISTS),
    pairs=fields(
        {
            "q": st.sampled_from(["reliab", "Software", "15-1252"]),
            "o": st.sampled_from(["1", "-1", "2.1", "-3"]),
            "p": st.integers(0, 3).map(str),
            "status__exact": st.sampled_from(["draft", "published"]),
            "family__id__exact": st.integers(1, 3).map(str),
            "e": st.just("1"),
            "_popup": st.just("1"),
            "_to_field": st.just("id"),
            "all": st.just(""),
        }
    ),
    headers=HEADERS,
)
def test_admin_list_parameters(site, model, pairs, headers):
    with isolated():
        request(site, "staff", "get", f"/admin/{model}/", pairs, headers)


@fuzz
@given(
    pairs=fields(
        {
            "term": st.sampled_from(["soft", "15-12", "Site"]),
            "app_label": st.sampled_from(["careers", "assessments", "auth"]),
            "model_name": st.sampled_from(["role", "skill", "jobfamily", "user"]),
            "field_name": st.sampled_from(["occupation", "family", "level", "skills"]),
            "page": st.integers(0, 3).map(str),
        },
        always=True,
    )
)
def test_admin_autocomplete(site, pairs):
    with isolated():
        request(site, "staff", "get", "/admin/autocomplete/", pairs, {})


# --- Regressions: examples worth keeping, whatever hypothesis draws next time -------------

MANY_FIELDS = urlencode([(f"k{index}", "1") for index in range(1_200)])


@pytest.mark.parametrize(
    "method, path, body, content_type",
    [
        # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, a body over the size limit.
        ("get", f"/roles/?{MANY_FIELDS}", "", ""),
        ("get", f"/occupations/?{MANY_FIELDS}", "", ""),
        ("post", "/interests/", MANY_FIELDS, "application/x-www-form-urlencoded"),
        ("post", "/interests/", "a=" + "x" * 3_000_000, "application/x-www-form-urlencoded"),
        # Broken multipart bodies and bodies that are not forms at all.
        ("post", "/interests/", b"--x\r\ngarbage", "multipart/form-data; boundary=x"),
        ("post", "/interests/", b"garbage", "multipart/form-data"),
        ("post", "/fit/", b"\xff\xfe", "text/plain"),
        ("post", "/fit/", b"{}", "application/json"),
    ],
    ids=[
        "many-fields-roles",
        "many-fields-occupations",
        "many-fields-post",
        "huge-body",
        "broken-multipart",
        "multipart-without-boundary",
        "not-a-form",
        "json",
    ],
)
def test_oversized_and_malformed_requests_are_400(site, method, path, body, content_type):
    with isolated():
        client = browser(site, "anonymous")
        if method == "get":
            response = client.get(path)
        else:
            response = client.post(path, body, content_type=content_type)
        assert response.status_code == 400
        assert Result.objects.count() == 3


@pytest.mark.parametrize("visitor", ["anonymous", "owner"])
def test_the_same_answers_twice_from_one_browser_save_one_result(site, visitor):
    """Found while writing the fuzzer: a replay must come from the same browser (session)
    to count as the same submission; from another browser it is a new result of its own."""
    sheet = list(profile_answers().items())
    with isolated():
        client = browser(site, visitor)
        first = send(client, "post", "/fit/", sheet, {})
        second = send(client, "post", "/fit/", sheet, {})
        assert first["Location"] == second["Location"]
        assert Result.objects.count() == 4


# --- Found by this module: 5xx on PostgreSQL (which refuses NUL in text) ----------------
# Fixed by truest.middleware.InputSanityMiddleware; kept as regression tests.


@pytest.mark.parametrize("path", ["/", "/roles/", "/me/"])
def test_a_session_cookie_with_a_nul_byte_starts_a_new_session(site, path):
    """`sessionid="abc\\000defghij"` (printable ASCII on the wire; the cookie parser
    unquotes the octal escape) used to reach the session lookup as a NUL: DataError, 500
    on PostgreSQL. A cookie that is not a key Django could have issued is no session."""
    with isolated():
        client = browser(site, "anonymous")
        client.cookies[django_settings.SESSION_COOKIE_NAME] = "abc\x00defghij"
        assert client.get(path).status_code in (200, 302)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/careers/role/?status__exact=%00",
        "/admin/autocomplete/?term=a%00&app_label=careers&model_name=role&field_name=occupation",
    ],
    ids=["list-filter", "autocomplete"],
)
def test_admin_refuses_a_nul_byte_in_its_parameters(site, url):
    """Admin's list filters and autocomplete passed a NUL straight to the query: DataError,
    500 for staff on PostgreSQL. Any query or form value with a NUL is now a 400."""
    with isolated():
        assert browser(site, "staff").get(url).status_code == 400
