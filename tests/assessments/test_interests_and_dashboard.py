import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Result
from tests.assessments.helpers import (
    PROFILE_URL,
    interest_answers,
    old_fit_result,
    profile_answers,
)
from tests.conftest import PASSWORD
from truest.models import User

pytestmark = pytest.mark.django_db


def test_interest_profile_form_has_sixty_items(client, catalog):
    page = client.get("/interests/").content.decode()
    assert page.count('<fieldset class="statement"') == 60
    assert "Strongly like" in page


def test_interest_result_ranks_occupations_and_roles_with_reasons(client, catalog):
    response = client.post("/interests/", interest_answers(strong_area="investigative"))
    assert response.status_code == 302
    result = Result.objects.get()
    assert result.outcome["sums"]["investigative"] == 50
    assert result.outcome["code"].startswith("I")
    page = client.get(result.get_absolute_url()).content.decode()
    # Software Developers (ICR) is the investigative occupation in the small landscape;
    # Registered Nurses (social) has an unrelated shape and is not called a match.
    assert "Software Developers" in page and "Registered Nurses" not in page
    assert "You and this work both lean towards Investigative" in page
    assert 'href="/roles/senior-reliability-engineer/"' in page


def test_interest_matches_filter_by_job_zone(client, catalog):
    client.post("/interests/", interest_answers(strong_area="social"))
    result = Result.objects.get()
    page = client.get(result.get_absolute_url(), {"zone": "3"}).content.decode()
    assert "Registered Nurses" in page and "Software Developers" not in page
    fragment = client.get(result.get_absolute_url(), {"zone": "4"}, headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="matches"')
    assert client.get(result.get_absolute_url(), {"zone": "9"}).status_code == 400


def test_flat_interest_profile_is_explained_not_ranked(client, catalog):
    client.post("/interests/", interest_answers(flat=True))
    page = client.get(Result.objects.get().get_absolute_url()).content.decode()
    assert "No ranking: your areas are too even" in page
    assert "Software Developers" not in page


@pytest.mark.parametrize("change", [{"token": "x"}, {"q1": "7"}, {"q999999": "3"}])
def test_bad_interest_input_is_400(client, catalog, change):
    data = {**interest_answers(), **change}
    response = client.post("/interests/", data)
    assert response.status_code == 400
    assert not Result.objects.exists()


def test_dashboard_lists_profiles_and_earlier_fit_checks(client, catalog, user):
    client.force_login(user)
    old_fit_result(owner=user)
    old_fit_result(owner=user)
    client.post(PROFILE_URL, profile_answers())
    page = client.get("/me/").content.decode()
    assert "Work-style profiles" in page and "best fits Reliability (" in page
    # The earlier per-family checks stay, grouped by role with their change over time.
    assert page.count("<h3>Senior Site Reliability Engineer fit check</h3>") == 1
    assert "first" in page and "no change" in page
    assert "Download all your data (JSON)" in page


def test_deleting_asks_first_then_can_be_undone_until_purged(client, catalog, user):
    client.force_login(user)
    client.post(PROFILE_URL, profile_answers())
    result = Result.objects.get()
    dashboard = client.get("/me/").content.decode()
    assert f'href="/results/{result.id}/delete/"' in dashboard  # a link, not a one-click form

    confirm = client.get(f"/results/{result.id}/delete/").content.decode()
    assert "You can undo this for 30 days" in confirm
    assert Result.objects.filter(pk=result.pk).exists()  # asking deletes nothing

    response = client.post(f"/results/{result.id}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == f"/results/{result.id}/deleted/"
    assert "Undo: restore it" in response.content.decode()
    assert not Result.objects.exists()  # gone from every page, list and export
    assert client.get(result.get_absolute_url()).status_code == 404
    assert str(result.id) not in client.get("/me/export/").content.decode()
    dashboard = client.get("/me/").content.decode()
    assert "Recently deleted" in dashboard and "restorable until" in dashboard

    restored = client.post(f"/results/{result.id}/restore/", follow=True)
    assert restored.redirect_chain[-1][0] == result.get_absolute_url()
    assert Result.objects.filter(pk=result.pk).exists()

    # Deleted again and left past the undo period: the purge removes it for good.
    client.post(f"/results/{result.id}/delete/")
    Result.all_objects.filter(pk=result.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    call_command("purge_deleted_results", stdout=StringIO())
    assert not Result.all_objects.filter(pk=result.pk).exists()
    assert client.post(f"/results/{result.id}/restore/").status_code == 404


def test_another_person_cannot_undo_or_see_a_deletion(client, catalog, user, make_user):
    client.force_login(user)
    client.post(PROFILE_URL, profile_answers())
    result = Result.objects.get()
    client.post(f"/results/{result.id}/delete/")
    client.force_login(make_user("other@example.com"))
    assert client.get(f"/results/{result.id}/deleted/").status_code == 404
    assert client.post(f"/results/{result.id}/restore/").status_code == 404
    assert not Result.objects.filter(pk=result.pk).exists()


def test_deleting_the_account_deletes_its_results(client, catalog, user):
    client.force_login(user)
    client.post(PROFILE_URL, profile_answers())
    client.post("/interests/", interest_answers())
    assert Result.objects.filter(owner=user).count() == 2
    client.post("/me/delete/", {"password": PASSWORD})
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Result.objects.exists()


def test_signup_claims_results_taken_before(client, catalog):
    client.post(PROFILE_URL, profile_answers())
    client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert Result.objects.get().owner.email == "new@example.com"


@pytest.mark.parametrize("count", [1, 20])
def test_dashboard_query_count_does_not_grow(
    client, catalog, user, count, django_assert_num_queries
):
    client.force_login(user)
    for _ in range(count):
        client.post(PROFILE_URL, profile_answers())
    client.post("/interests/", interest_answers())
    # The session (in the database, shared by every worker), the user, the results, then
    # the shortlist.
    with django_assert_num_queries(4):
        page = client.get("/me/")
    deletes = re.findall(r'href="/results/[0-9a-f-]+/delete/"', page.content.decode())
    assert len(deletes) == count  # a row per profile
    assert Result.objects.filter(owner=user).count() == count + 1


def test_dashboard_and_results_are_not_cached(client, catalog, user):
    client.force_login(user)
    assert "no-store" in client.get("/me/")["Cache-Control"]


def test_nothing_unrelated_is_called_a_match(client, catalog):
    from assessments.models import Result

    # A strongly Social profile against a landscape of computer occupations.
    client.post("/interests/", interest_answers(strong_area="social"))
    result = Result.objects.get()
    page = client.get(result.get_absolute_url()).content.decode()
    # Fits are named in words; no number, and nothing unrelated, is shown as a match.
    assert not re.search(r"match -?[0-9]", page)
    assert "Software Developers" not in page  # computing work has the opposite shape
    fits = re.findall(r"</a>: <strong>(\w+ fit)</strong>", page)
    assert fits and set(fits) <= {"best fit", "good fit", "some fit"}


def test_interest_items_edited_in_admin_survive_loading_the_catalog(catalog, assessments_dir):
    from io import StringIO

    from django.core.management import call_command

    from assessments.models import InterestItem

    def load() -> str:
        out = StringIO()
        call_command("load_catalog", directory=catalog, assessments=assessments_dir, stdout=out)
        return out.getvalue()

    item = InterestItem.objects.order_by("order").first()
    item.text = "Fix a squeaky door hinge"  # an editor's change in admin
    item.save()
    assert "interest profile items" not in load()  # the file has not changed: kept
    item.refresh_from_db()
    assert item.text == "Fix a squeaky door hinge"

    path = assessments_dir / "interests.toml"
    path.write_text(path.read_text().replace('text = "', 'text = "Try to ', 1))
    assert "CONFLICT" in load()  # the file changed too: reported, editors' version kept
    item.refresh_from_db()
    assert item.text == "Fix a squeaky door hinge"

    out = StringIO()
    call_command(
        "load_catalog", directory=catalog, assessments=assessments_dir, force=True, stdout=out
    )
    assert InterestItem.objects.order_by("order").first().text.startswith("Try to ")
