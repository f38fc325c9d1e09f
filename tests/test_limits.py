"""Limits that hold: login and admin login (with a lock-out that spares the owner's own
browser), result submissions, the password check before deleting an account."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LIMITS = {"login_failed": "10/m/ip,5/5m/key"}


@pytest.fixture
def limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = LIMITS


def log_in(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_admin_login_goes_through_the_rate_limited_site_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    # A password posted to the admin's own form is never checked there.
    posted = client.post("/admin/login/", {"username": "a@example.com", "password": "x"})
    assert posted.status_code == 302 and posted["Location"].startswith("/accounts/login/")


def test_an_account_under_attack_is_locked_but_not_for_its_owners_browser(limits_on, user, db):
    owner = Client()
    assert log_in(owner, user.email, PASSWORD).status_code == 302  # a known device now
    owner.post(reverse("account_logout"))

    attacker = Client()
    for _ in range(5):
        assert log_in(attacker, user.email, "wrong-guess").status_code == 200
    locked = log_in(attacker, user.email, PASSWORD)
    assert locked.status_code == 200  # the right password no longer works from there
    assert "Too many failed login attempts" in locked.content.decode()

    assert log_in(owner, user.email, PASSWORD).status_code == 302


def test_the_lock_out_follows_the_email_not_the_browser_session(limits_on, user, db):
    # Fresh clients (no cookies) each time: the count follows the email. Across worker
    # processes it holds because the cache is shared (bench/multiworker.py checks that).
    for _ in range(5):
        log_in(Client(), user.email, "wrong-guess")
    assert (
        "Too many failed login attempts" in log_in(Client(), user.email, PASSWORD).content.decode()
    )


@pytest.fixture
def our_limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = {**LIMITS, **settings.TRUEST_RATE_LIMITS}


def test_result_submissions_are_limited_per_browser_with_retry_after(
    our_limits_on, settings, catalog
):
    from tests.assessments.helpers import interest_answers

    per_session = int(settings.TRUEST_RATE_LIMITS["result_save"].split(",")[1].split("/")[0])
    browser = Client()
    statuses = [browser.post("/interests/", interest_answers()).status_code for _ in range(12)]
    assert statuses[:per_session] == [302] * per_session
    refused = browser.post("/interests/", interest_answers())
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Wait a few minutes" in refused.content.decode()
    # Another browser is not affected (the per-address limit is higher).
    assert Client().post("/interests/", interest_answers()).status_code == 302


def test_a_browser_without_an_account_holds_a_capped_number_of_results(settings, catalog):
    from assessments.models import Result
    from tests.assessments.helpers import interest_answers

    settings.ANONYMOUS_RESULTS_PER_SESSION = 3
    browser = Client()
    for _ in range(3):
        assert browser.post("/interests/", interest_answers()).status_code == 302
    refused = browser.post("/interests/", interest_answers())
    assert refused.status_code == 429
    assert "Sign up to keep them" in refused.content.decode()
    assert Result.objects.count() == 3


def test_the_password_check_before_deleting_an_account_is_limited(our_limits_on, client, user):
    client.force_login(user)
    for _ in range(5):
        assert client.post("/me/delete/", {"password": "wrong"}).status_code == 400
    refused = client.post("/me/delete/", {"password": PASSWORD})
    assert refused.status_code == 429
    assert "Retry-After" in refused
    user.refresh_from_db()  # still there


def test_deleting_an_account_ends_every_session_it_signed_in_with(client, user):
    from django.contrib.sessions.models import Session

    phone, laptop = Client(), Client()
    for browser in (phone, laptop):
        assert log_in(browser, user.email, PASSWORD).status_code == 302
    assert Session.objects.count() == 2
    assert phone.post("/me/delete/", {"password": PASSWORD}).status_code == 302
    assert not Session.objects.filter(session_data__contains=user.email).exists()
    assert laptop.get("/me/").status_code == 302  # signed out everywhere
    assert Session.objects.count() <= 1  # at most the phone's fresh anonymous session


def test_the_lock_out_does_not_multiply_with_host_names(limits_on, settings, user):
    settings.ALLOWED_HOSTS = ["truest.example.com", "www.truest.example.com"]
    for host in ["truest.example.com", "www.truest.example.com"] * 3:
        Client(HTTP_HOST=host).post(
            reverse("account_login"), {"login": user.email, "password": "wrong-guess"}
        )
    locked = Client(HTTP_HOST="truest.example.com").post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert "Too many failed login attempts" in locked.content.decode()


def test_a_lock_left_by_a_request_cut_off_mid_count_stops_blocking_within_seconds(db):
    import time

    from allauth.core.internal import ratelimit
    from django.core.cache import cache

    # What a request cut off by a database outage leaves behind: the lock, never released.
    cache.add("allauth:rl:test:lock", True, timeout=ratelimit.CACHE_LOCK_TIMEOUT)
    with ratelimit.cache_lock("allauth:rl:test") as locked:
        assert not locked  # while it lasts, counts on that key are refused
    time.sleep(2.1)
    with ratelimit.cache_lock("allauth:rl:test") as locked:
        assert locked
