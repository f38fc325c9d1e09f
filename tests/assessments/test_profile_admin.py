"""The work-style profile's admin: editors change the profile, its dimensions and items,
its conditions and each family's rewards and conditions without typing JSON, and bad input
is a form error, never a 500 or a family left requiring an option that no longer exists."""

import shutil
import tomllib

import pytest
from django import forms
from django.utils.html import escape

from assessments.admin.work_profile import options_text
from assessments.models import (
    FamilyWorkCondition,
    FamilyWorkProfile,
    FamilyWorkReward,
    WorkCondition,
    WorkDimension,
    WorkProfile,
)
from assessments.profile_files import PROFILE_DIR
from assessments.profile_load import work_profile_load
from careers.models import JobFamily

pytestmark = pytest.mark.django_db


def reliability_toml(dimensions: list[str], condition: dict) -> str:
    """What the small catalog's "reliability" family (tests/careers/catalog_factory.py)
    rewards and carries: the condition's most demanding option, one less at senior."""
    top = len(condition["levels"]) - 1
    return "\n".join(
        [
            'family = "reliability"',
            *(
                line
                for dimension in dimensions
                for line in (
                    "[[rewards]]",
                    f'dimension = "{dimension}"',
                    'pole = "right"',
                    "importance = 2",
                    f'why = "The page says {dimension} leans right."',
                )
            ),
            "[[conditions]]",
            f'key = "{condition["key"]}"',
            f"level = {top}",
            'why = "The page says it is the most demanding."',
            "[levels.senior]",
            f'conditions = [{{ key = "{condition["key"]}", level = {top - 1}, why = "Less." }}]',
        ]
    )


@pytest.fixture
def profile(catalog, tmp_path):
    """The shipped profile's dimensions, items and conditions; the family rewards the
    first two dimensions and carries the first condition with three options or more."""
    directory = tmp_path / "profile"
    (directory / "roles").mkdir(parents=True)
    shutil.copy(PROFILE_DIR / "profile.toml", directory / "profile.toml")
    data = tomllib.loads((directory / "profile.toml").read_text(encoding="utf-8"))
    condition = next(c for c in data["conditions"] if len(c["levels"]) >= 3)
    dimensions = [d["key"] for d in data["dimensions"][:2]]
    (directory / "roles" / "reliability.toml").write_text(
        reliability_toml(dimensions, condition), encoding="utf-8"
    )
    assert work_profile_load(directory) == "loaded"
    return JobFamily.objects.get(slug="reliability")


def carried(family) -> WorkCondition:
    return FamilyWorkCondition.objects.get(family=family, level=None).condition


def reward(family, index: int = 0) -> FamilyWorkReward:
    return FamilyWorkReward.objects.filter(family=family, level=None).order_by("order")[index]


@pytest.fixture
def admin_user(make_user):
    return make_user("admin@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def form_data(response) -> dict:
    """What the browser would submit for the change form as shown: the main form, and each
    inline's management form and rows."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if isinstance(field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
            else:
                data[bound.html_name] = "" if value is None else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def row_prefix(response, model, pk) -> str:
    """The form prefix of an inline's row for the object `pk`."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            for form in inline.formset.forms:
                if form.instance.pk == pk:
                    return form.prefix
    raise AssertionError(f"no {model.__name__} row {pk} on the page")


def url(model, action: str = "", pk=None) -> str:
    base = f"/admin/assessments/{model._meta.model_name}/"
    return base + (f"{pk}/" if pk is not None else "") + action


ADMINS = {
    "WorkProfile": (WorkProfile, lambda family: WorkProfile.objects.get()),
    "WorkDimension": (WorkDimension, lambda family: reward(family).dimension),
    "WorkCondition": (WorkCondition, carried),
    "FamilyWorkProfile": (FamilyWorkProfile, lambda family: family),
}


@pytest.mark.parametrize("name", ADMINS)
def test_an_admin_opens_every_profile_page(admin_client, profile, name):
    model, get = ADMINS[name]
    obj = get(profile)
    for path in (url(model), url(model, "change/", obj.pk), url(model, "history/", obj.pk)):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert escape(str(obj)) in response.content.decode(), path


def test_the_pages_show_what_editors_need(admin_client, profile):
    dimension = reward(profile).dimension
    page = admin_client.get(url(WorkDimension)).content.decode()
    assert escape(dimension.name) in page and escape(dimension.right) in page
    assert f'<td class="field-item_count">{dimension.items.count()}</td>' in page

    page = admin_client.get(url(WorkDimension, "change/", dimension.pk)).content.decode()
    assert "Tick when the LEFT option describes this dimension" in page
    assert escape(dimension.items.first().left) in page

    condition = carried(profile)
    page = admin_client.get(url(WorkCondition, "change/", condition.pk)).content.decode()
    assert escape("\n".join(condition.levels)) + "</textarea>" in page

    page = admin_client.get(url(FamilyWorkProfile, "change/", profile.pk)).content.decode()
    assert escape(reward(profile).why) in page
    assert escape(options_text(condition.levels)) in page  # the condition row's options
    assert 'name="name"' not in page  # the family's own fields are read-only here


def test_one_profile_and_families_only_from_the_catalog(admin_client, profile):
    assert admin_client.get(url(WorkProfile, "add/")).status_code == 403
    assert admin_client.get(url(FamilyWorkProfile, "add/")).status_code == 403
    assert admin_client.get(url(FamilyWorkProfile, "delete/", profile.pk)).status_code == 403


def test_condition_levels_typed_one_per_line_are_stored_as_a_list(admin_client, profile):
    condition = WorkCondition.objects.exclude(pk=carried(profile).pk).first()
    change = url(WorkCondition, "change/", condition.pk)
    data = form_data(admin_client.get(change))
    assert data["levels"] == "\n".join(condition.levels)

    data["levels"] = "  Daytime only \r\n\r\nSome early starts\nNights and weekends\n"
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    condition.refresh_from_db()
    assert condition.levels == ["Daytime only", "Some early starts", "Nights and weekends"]

    data["levels"] = "Only one option\n\n"
    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert "Give at least two answer options, one per line." in response.content.decode()
    condition.refresh_from_db()
    assert len(condition.levels) == 3


def test_removing_levels_a_family_still_requires_is_refused(admin_client, profile):
    condition = carried(profile)
    levels, top = list(condition.levels), len(condition.levels) - 1
    change = url(WorkCondition, "change/", condition.pk)
    data = form_data(admin_client.get(change))

    data["levels"] = "\n".join(levels[: top - 1])
    response = admin_client.post(change, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(f"Not saved: Reliability requires option {top} (“{levels[top]}”)") in page
    assert f"Reliability at Senior requires option {top - 1}" in page
    condition.refresh_from_db()
    assert condition.levels == levels

    # Keeping every option a family requires (rewording the last one) is fine.
    data["levels"] = "\n".join([*levels[:top], "Reworded by an editor"])
    assert admin_client.post(change, data).status_code == 302
    condition.refresh_from_db()
    assert condition.levels[top] == "Reworded by an editor"


def test_a_required_option_out_of_range_is_a_form_error(admin_client, profile):
    row = FamilyWorkCondition.objects.get(family=profile, level=None)
    levels = row.condition.levels
    change = url(FamilyWorkProfile, "change/", profile.pk)
    response = admin_client.get(change)
    data = form_data(response)
    data[f"{row_prefix(response, FamilyWorkCondition, row.pk)}-required"] = str(len(levels))

    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert (
        escape(
            f"“{row.condition.key}” has no option {len(levels)}. Its options are: "
            f"0 = {levels[0]}, 1 = {levels[1]}"
        )
        in response.content.decode()
    )
    row.refresh_from_db()
    assert row.required == len(levels) - 1


def test_the_same_dimension_twice_at_one_level_is_refused(admin_client, profile):
    first, second = reward(profile, 0), reward(profile, 1)
    change = url(FamilyWorkProfile, "change/", profile.pk)
    response = admin_client.get(change)
    data = form_data(response)
    data[f"{row_prefix(response, FamilyWorkReward, second.pk)}-dimension"] = first.dimension_id

    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert "is listed twice for every level" in response.content.decode()
    second.refresh_from_db()
    assert second.dimension_id != first.dimension_id


def test_a_dimension_keeps_items_on_both_sides(admin_client, profile):
    dimension = reward(profile).dimension
    change = url(WorkDimension, "change/", dimension.pk)
    data = {
        key: value
        for key, value in form_data(admin_client.get(change)).items()
        if not key.endswith("-reverse")
    }
    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert escape("Tick “reverse” on some items of this dimension") in response.content.decode()
    assert dimension.items.filter(reverse=True).exists()


def test_an_edited_reward_is_saved_and_in_the_history(admin_client, admin_user, profile):
    edited = reward(profile)
    old_why, family_versions = edited.why, profile.history.count()
    change = url(FamilyWorkProfile, "change/", profile.pk)
    response = admin_client.get(change)
    data = form_data(response)
    data[f"{row_prefix(response, FamilyWorkReward, edited.pk)}-why"] = "An editor's sentence."

    assert admin_client.post(change, data).status_code == 302
    edited.refresh_from_db()
    assert edited.why == "An editor's sentence."
    latest = edited.history.latest()
    assert (latest.why, latest.history_user) == ("An editor's sentence.", admin_user)
    assert profile.history.count() == family_versions  # the family itself is not saved

    page = admin_client.get(url(FamilyWorkProfile, "history/", profile.pk)).content.decode()
    assert escape(f"Reward: {edited.dimension.name}") in page
    assert escape(f"{old_why} → An editor's sentence.").replace("→", "&rarr;") in page
    assert admin_user.email in page
