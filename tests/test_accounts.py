from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD, confirmation_link
from truest.models import User


def test_signup_then_confirming_in_the_same_browser_signs_in_and_returns(client, db):
    next_path = "/roles/"
    response = client.post(
        reverse("account_signup") + f"?next={next_path}",
        {
            "email": "grace@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": next_path,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["grace@example.com"]
    assert mail.outbox[0].subject == "[Truest] Confirm your email address"
    user = User.objects.get(email="grace@example.com")
    assert not EmailAddress.objects.get(user=user).verified
    # Mandatory verification: signing up alone does not sign you in.
    assert "_auth_user_id" not in client.session

    confirm_path = urlsplit(confirmation_link(mail.outbox[0])).path
    page = client.get(confirm_path).content.decode()
    assert "Confirm that grace@example.com is your address" in page
    assert "is an email address for user" not in page
    response = client.post(confirm_path)
    assert EmailAddress.objects.get(user=user).verified
    # Signed in, and back where the sign-up started, with no second password entry.
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response.status_code == 302
    assert response["Location"] == next_path
    home = client.get("/")
    assert b"Signed in as <strong>grace@example.com</strong>" in home.content

    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1


def test_a_confirmation_link_opened_in_another_browser_signs_no_one_in(client, db):
    from django.test import Client

    client.post(
        reverse("account_signup"),
        {"email": "ada@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    confirm_path = urlsplit(confirmation_link(mail.outbox[0])).path
    stranger = Client()
    stranger.post(confirm_path)
    assert EmailAddress.objects.get(email="ada@example.com").verified
    assert "_auth_user_id" not in stranger.session


def test_one_vocabulary_log_in_and_sign_up(client, db):
    login = client.get(reverse("account_login")).content.decode()
    signup = client.get(reverse("account_signup")).content.decode()
    for page in (login, signup):
        assert "Sign In" not in page and "Sign in" not in page and "Sign Up" not in page
    assert "<h1>Log in</h1>" in login.replace("\n", "")
    assert ">Sign up</a>" in login
    assert ">Log in</a>" in signup


def test_unverified_email_cannot_log_in(client, make_user):
    make_user("unverified@example.com", verified=False)
    response = client.post(
        reverse("account_login"), {"login": "unverified@example.com", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    # A fresh verification email is sent instead.
    assert len(mail.outbox) == 1


def test_wrong_password_is_refused_with_a_message(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"not correct" in response.content


def test_password_reset_looks_the_same_for_known_and_unknown_email(client, user):
    known = client.post(reverse("account_reset_password"), {"email": user.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    # The known address gets a reset link; the unknown one is told no account exists, so
    # the page itself never reveals which addresses have accounts.
    assert [m.to for m in mail.outbox] == [[user.email], ["nobody@example.com"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_password_reset_link_sets_a_new_password(client, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = next(
        word for word in mail.outbox[0].body.split() if "/accounts/password/reset/key/" in word
    )
    form_page = client.get(urlsplit(link).path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": "a-brand-new-passphrase-7", "password2": "a-brand-new-passphrase-7"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-7")


def test_pages_that_need_an_account_redirect_to_login(client, db):
    for path in [
        "/me/",
        "/me/delete/",
        reverse("account_email"),
        reverse("account_change_password"),
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("account_login")), path


def test_dashboard_is_private_and_not_cached(client, user):
    client.force_login(user)
    response = client.get("/me/")
    assert response.status_code == 200
    assert user.email.encode() in response.content
    assert "no-store" in response["Cache-Control"]


def test_change_password(client, user):
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-passphrase-9",
            "password2": "another-long-passphrase-9",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-passphrase-9")


def test_account_deletion_needs_the_password_and_removes_everything(client, user):
    client.force_login(user)
    refused = client.post("/me/delete/", {"password": "wrong"})
    assert refused.status_code == 400
    assert b"not your current password" in refused.content
    assert User.objects.filter(pk=user.pk).exists()

    response = client.post("/me/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert "_auth_user_id" not in client.session


def test_email_is_the_identity(db):
    user = User.objects.create_user(email="Mixed@Example.COM", password=PASSWORD)
    assert user.email == "Mixed@example.com"
    assert not hasattr(user, "username")
    assert str(user) == "Mixed@example.com"
