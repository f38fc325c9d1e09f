"""The shortlist: kept in the session without an account and in the database with one,
claimed on login and sign-up, private to its owner, and a fixed number of queries."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments.models import ShortlistEntry
from assessments.shortlist import SESSION_SHORTLIST, SHORTLIST_MAX
from careers.models import JobFamily, Role
from careers.versioning import content_version_bump
from tests.conftest import PASSWORD, page_copies_drop
from truest.models import User

pytestmark = pytest.mark.django_db

URL = "/shortlist/"
SENIOR = "senior-reliability-engineer"
JUNIOR = "junior-reliability-engineer"
PLATFORM = "senior-platform-builder"
THREE = [SENIOR, JUNIOR, PLATFORM]
HTMX = {"HX-Request": "true"}


def add(client, slug, *, headers=None, **data):
    return client.post(URL, {"role": slug, "action": "add", **data}, headers=headers)


def remove(client, slug, *, headers=None, **data):
    return client.post(URL, {"role": slug, "action": "remove", **data}, headers=headers)


def session_slugs(client) -> list[str]:
    return client.session.get(SESSION_SHORTLIST, [])


def more_roles(count: int) -> list[str]:
    """`count` more published roles, each a senior role in a family of its own (a copy of
    the reliability family: a family has one role per level)."""
    base = Role.objects.select_related("family").get(slug=SENIOR)
    slugs = []
    for number in range(count):
        family = JobFamily.objects.get(pk=base.family.pk)
        family.pk = family.id = None
        family.slug, family.name = f"extra-{number}", f"Extra {number}"
        family.save()
        role = Role.objects.get(pk=base.pk)
        role.pk = role.id = None
        role.family = family
        role.slug, role.title = f"extra-{number}-senior", f"Senior Extra {number}"
        role.save()
        slugs.append(role.slug)
    return slugs


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Without an account


def test_anonymous_add_list_and_remove(client, catalog):
    assert "Your shortlist is empty" in client.get(URL).content.decode()
    for slug in THREE:
        response = add(client, slug)
        assert (response.status_code, response["Location"]) == (302, f"/roles/{slug}/")
    assert session_slugs(client) == THREE
    assert not ShortlistEntry.objects.exists()

    page = client.get(URL)
    assert "no-store" in page["Cache-Control"]
    text = page.content.decode()
    positions = [text.index(f'href="/roles/{slug}/"') for slug in THREE]
    assert positions == sorted(positions)  # in the order they were added
    assert "Reliability · Senior" in text and "Platform · Senior" in text
    assert text.count("Remove from shortlist") == 3

    response = remove(client, JUNIOR, next=URL)
    assert (response.status_code, response["Location"]) == (302, URL)
    assert session_slugs(client) == [SENIOR, PLATFORM]
    assert "Removed “Junior Reliability Engineer” from your shortlist." in (
        client.get(URL).content.decode()
    )


def test_adding_twice_keeps_one_entry(client, catalog):
    add(client, SENIOR)
    add(client, SENIOR)
    assert session_slugs(client) == [SENIOR]
    remove(client, SENIOR)
    remove(client, SENIOR)  # not on it any more: nothing to do
    assert session_slugs(client) == []


def test_the_role_page_shows_the_state(client, catalog):
    page = client.get(f"/roles/{SENIOR}/").content.decode()
    assert "Add to shortlist" in page and "Remove from shortlist" not in page
    add(client, SENIOR)
    page = client.get(f"/roles/{SENIOR}/").content.decode()
    assert "Remove from shortlist" in page and 'name="action" value="remove"' in page
    assert "Add to shortlist" in client.get(f"/roles/{JUNIOR}/").content.decode()


def test_roles_gone_since_they_were_added_do_not_count_against_the_limit(client, catalog):
    session = client.session
    session[SESSION_SHORTLIST] = [f"gone-{n}" for n in range(SHORTLIST_MAX - 1)] + [SENIOR]
    session.save()
    assert add(client, JUNIOR).status_code == 302
    assert session_slugs(client) == [SENIOR, JUNIOR]


def test_a_full_shortlist_refuses_with_a_message(client, catalog, user):
    extra = more_roles(SHORTLIST_MAX - 3 + 1)
    for slug in [*THREE, *extra[:-1]]:
        add(client, slug)
    assert len(session_slugs(client)) == SHORTLIST_MAX
    response = add(client, extra[-1])
    assert response.status_code == 400
    assert f"already holds {SHORTLIST_MAX} roles" in response.content.decode()
    assert extra[-1] not in session_slugs(client)
    fragment = add(client, extra[-1], headers=HTMX)
    assert fragment.status_code == 400  # htmx swaps it in: the button with the message
    assert "Remove one before adding another" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()

    signed_in = signed_in_client(user)
    for slug in [*THREE, *extra[:-1]]:
        add(signed_in, slug)
    assert add(signed_in, extra[-1]).status_code == 400
    assert ShortlistEntry.objects.filter(owner=user).count() == SHORTLIST_MAX


# Claiming


def test_login_claims_the_session_shortlist(client, catalog, user):
    signed_in = signed_in_client(user)
    add(signed_in, PLATFORM)  # already in the account: kept once, first
    add(client, SENIOR)
    add(client, PLATFORM)
    add(client, JUNIOR)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert list(ShortlistEntry.objects.filter(owner=user).values_list("role__slug", flat=True)) == [
        PLATFORM,
        SENIOR,
        JUNIOR,
    ]
    assert SESSION_SHORTLIST not in client.session
    page = client.get(URL).content.decode()
    assert page.index(PLATFORM) < page.index(SENIOR) < page.index(JUNIOR)


def test_login_claims_only_what_fits(client, catalog, user):
    extra = more_roles(SHORTLIST_MAX - 2)
    signed_in = signed_in_client(user)
    for slug in [*extra, SENIOR]:  # room for one more
        add(signed_in, slug)
    add(client, JUNIOR)
    add(client, PLATFORM)
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True
    )
    entries = ShortlistEntry.objects.filter(owner=user)
    assert entries.count() == SHORTLIST_MAX
    assert entries.filter(role__slug=JUNIOR).exists()  # the first added, kept
    assert "1 of the roles you added before signing in were not kept" in (response.content.decode())


def test_signup_claims_the_session_shortlist(client, catalog):
    add(client, SENIOR)
    add(client, JUNIOR)
    client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    entries = ShortlistEntry.objects.filter(owner__email="new@example.com")
    assert list(entries.values_list("role__slug", flat=True)) == [SENIOR, JUNIOR]


# Signed in


def test_signed_in_add_and_remove_are_saved(catalog, user):
    client = signed_in_client(user)
    add(client, SENIOR)
    add(client, JUNIOR)
    assert SESSION_SHORTLIST not in client.session
    assert list(ShortlistEntry.objects.filter(owner=user).values_list("role__slug", flat=True)) == [
        SENIOR,
        JUNIOR,
    ]
    remove(client, SENIOR)
    assert list(ShortlistEntry.objects.values_list("role__slug", flat=True)) == [JUNIOR]
    # Another browser signed in to the same account sees it.
    assert f"/roles/{JUNIOR}/" in signed_in_client(user).get(URL).content.decode()


def test_nobody_else_sees_a_shortlist(client, catalog, user, make_user):
    owner = signed_in_client(user)
    add(owner, SENIOR)
    add(client, JUNIOR)  # an anonymous browser's own list
    other = signed_in_client(make_user("other@example.com"))
    for visitor in (other, Client(), client):
        assert f"/roles/{SENIOR}/" not in visitor.get(URL).content.decode()
        assert "Remove from shortlist" not in visitor.get(f"/roles/{SENIOR}/").content.decode()
    # Removing from one's own (empty) list never touches someone else's.
    assert remove(other, SENIOR).status_code == 302
    assert ShortlistEntry.objects.filter(owner=user).count() == 1
    assert f"/roles/{JUNIOR}/" not in owner.get(URL).content.decode()


def test_the_shortlist_is_in_the_dashboard_and_the_export(catalog, user):
    client = signed_in_client(user)
    page = client.get("/me/").content.decode()
    assert "Your shortlist" in page and "No roles on your shortlist yet" in page
    add(client, PLATFORM)
    add(client, SENIOR)
    page = client.get("/me/").content.decode()
    assert page.index("Work-style profiles") < page.index("Your shortlist")
    assert page.index(f'href="/roles/{PLATFORM}/"') < page.index(f'href="/roles/{SENIOR}/"')
    data = json.loads(client.get("/me/export/").content)
    assert [item["role"] for item in data["shortlist"]] == [PLATFORM, SENIOR]
    assert all(item["added_at"] for item in data["shortlist"])


def test_deleting_the_account_deletes_its_shortlist(catalog, user):
    client = signed_in_client(user)
    add(client, SENIOR)
    client.post("/me/delete/", {"password": PASSWORD})
    assert not ShortlistEntry.objects.exists()


# Compare


def test_compare_takes_the_first_four(client, catalog):
    slugs = [*THREE, *more_roles(2)]
    for slug in slugs:
        add(client, slug)
    page = client.get(URL).content.decode()
    assert f'href="/compare/?roles={",".join(slugs[:4])}"' in page
    assert "takes the first 4" in page
    remove(client, slugs[0])
    page = client.get(URL).content.decode()
    assert f'href="/compare/?roles={",".join(slugs[1:])}"' in page
    assert "takes the first" not in page


def test_one_role_offers_to_add_another(client, catalog):
    add(client, SENIOR)
    page = client.get(URL).content.decode()
    assert "Compare these" not in page and "Add another role to compare" in page


# Bad input


@pytest.mark.parametrize("slug", ["no-such-role", PLATFORM])
def test_unknown_and_draft_roles_are_404(client, catalog, user, slug):
    Role.objects.filter(slug=PLATFORM).update(status=Role.Status.DRAFT)
    staff = signed_in_client(user)
    user.is_staff = True
    user.save()
    for visitor in (client, staff):
        assert add(visitor, slug).status_code == 404
        assert remove(visitor, slug).status_code == 404
    assert not session_slugs(client)
    assert not ShortlistEntry.objects.exists()


def test_a_role_unpublished_later_drops_out_of_the_list(client, catalog, user):
    signed_in = signed_in_client(user)
    for visitor in (client, signed_in):
        add(visitor, SENIOR)
        add(visitor, PLATFORM)
    Role.objects.filter(slug=PLATFORM).update(status=Role.Status.DRAFT)
    for visitor in (client, signed_in):
        page = visitor.get(URL).content.decode()
        assert f"/roles/{SENIOR}/" in page and f"/roles/{PLATFORM}/" not in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"role": SENIOR},
        {"role": SENIOR, "action": "toggle"},
        {"role": SENIOR, "action": "add\x00"},
        {"action": "add"},
        {"role": "", "action": "add"},
        {"role": "Senior Reliability", "action": "add"},
        {"role": f"{SENIOR}\x00", "action": "add"},
        {"role": "x" * 500, "action": "add"},
        {"role": "../admin", "action": "remove"},
    ],
)
def test_bad_input_is_400_and_saves_nothing(client, catalog, user, data):
    signed_in = signed_in_client(user)
    for visitor in (client, signed_in):
        response = visitor.post(URL, data)
        assert response.status_code == 400
        assert "nothing was saved" in response.content.decode()
        fragment = visitor.post(URL, data, headers=HTMX)
        assert fragment.status_code == 400
        assert 'role="alert"' in fragment.content.decode()
    assert not session_slugs(client)
    assert not ShortlistEntry.objects.exists()


def test_other_methods_are_refused(client, catalog):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_the_form_needs_its_csrf_token(catalog):
    browser = Client(enforce_csrf_checks=True)
    assert add(browser, SENIOR).status_code == 403
    assert not session_slugs(browser)


# Without JavaScript and with htmx


@pytest.mark.parametrize(
    "next_url, location",
    [
        ("/shortlist/", "/shortlist/"),
        ("/roles/?family=reliability", "/roles/?family=reliability"),
        ("https://evil.example.com/", f"/roles/{SENIOR}/"),
        ("//evil.example.com/", f"/roles/{SENIOR}/"),
        ("http://testserver/me/", "http://testserver/me/"),
        ("javascript:alert(1)", f"/roles/{SENIOR}/"),
        ("/shortlist/\x00", f"/roles/{SENIOR}/"),
        ("/me/\r\nSet-Cookie: x=1", f"/roles/{SENIOR}/"),
        ("", f"/roles/{SENIOR}/"),
    ],
)
def test_only_a_safe_next_is_followed(client, catalog, next_url, location):
    response = add(client, SENIOR, next=next_url)
    assert (response.status_code, response["Location"]) == (302, location)
    assert session_slugs(client) == [SENIOR]


def test_htmx_toggles_the_button_in_place(client, catalog):
    added = add(client, SENIOR, next=URL, headers=HTMX)
    assert added.status_code == 200
    html = added.content.decode()
    assert html.lstrip().startswith('<form class="inline-form shortlist-toggle"')
    assert "<html" not in html
    assert "Remove from shortlist" in html and 'value="remove"' in html
    assert 'data-hx-post="/shortlist/"' in html and 'data-hx-swap="outerHTML"' in html
    assert f'id="shortlist-{SENIOR}"' in html  # the same id: focus stays on the button
    assert 'name="next" value="/shortlist/"' in html
    assert session_slugs(client) == [SENIOR]

    removed = remove(client, SENIOR, headers=HTMX)
    assert "Add to shortlist" in removed.content.decode()
    assert session_slugs(client) == []
    # No "Added …" message waits for the next page: htmx already showed the change.
    assert "your shortlist." not in client.get(URL).content.decode()


def test_the_role_page_form_works_without_javascript(client, catalog):
    page = client.get(f"/roles/{SENIOR}/").content.decode()
    assert 'action="/shortlist/"' in page and 'method="post"' in page
    assert 'data-hx-post="/shortlist/"' in page
    # A draft's preview (staff) has no shortlist button: drafts cannot be shortlisted.
    Role.objects.filter(slug=PLATFORM).update(status=Role.Status.DRAFT)
    content_version_bump()  # as the admin's save does (a queryset update sends no signal)
    staff = Client()
    staff.force_login(User.objects.create_user(email="ed@example.com", is_staff=True))
    assert "Add to shortlist" not in staff.get(f"/roles/{PLATFORM}/").content.decode()


# Queries


@pytest.mark.parametrize("count", [1, 3, 10])
def test_shortlist_page_query_count_is_fixed(
    client, catalog, user, count, django_assert_num_queries
):
    slugs = [*THREE, *more_roles(7)][:count]
    signed_in = signed_in_client(user)
    for slug in slugs:
        add(client, slug)
        add(signed_in, slug)
    # The session, then the roles with their families and levels.
    with django_assert_num_queries(2):
        page = client.get(URL)
    assert page.content.decode().count("Remove from shortlist") == count
    # The session, the user, then the entries with their roles, families and levels.
    with django_assert_num_queries(3):
        page = signed_in.get(URL)
    assert page.content.decode().count("Remove from shortlist") == count


@pytest.mark.parametrize("count", [0, 3, 10])
def test_dashboard_query_count_with_a_shortlist(catalog, user, count, django_assert_num_queries):
    client = signed_in_client(user)
    slugs = [*THREE, *more_roles(7)][:count]
    for slug in slugs:
        add(client, slug)
    # The session, the user, the results, then the shortlist.
    with django_assert_num_queries(4):
        page = client.get("/me/")
    listed = [slug for slug in slugs if f'href="/roles/{slug}/"' in page.content.decode()]
    assert listed == slugs


def role_page_queries(client) -> int:
    """Queries for a role page, once the page's cached parts are built."""
    url = f"/roles/{SENIOR}/"
    client.get(url)
    page_copies_drop()  # a stranger's second visit would be the cached copy
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_role_page_reads_the_shortlist_in_at_most_one_query(client, catalog, user):
    page = role_page_queries(Client())  # no session: the page's own queries
    add(client, JUNIOR)
    # The session, read once for the fit panel and the shortlist.
    assert role_page_queries(client) == page + 1
    signed_in = signed_in_client(user)
    add(signed_in, JUNIOR)
    add(signed_in, PLATFORM)
    # The session, the user, the latest profile, then the shortlist.
    assert role_page_queries(signed_in) == page + 4
