"""The work-style profile's files in the database: loaded with the catalog, kept when
editors change them in admin, and read back as role profiles that score like the files."""

import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from assessments.models import FamilyWorkReward, WorkCondition, WorkDimension, WorkItem
from assessments.profile_files import PROFILE_DIR, family_profile_at, profile_content_read
from assessments.profile_load import role_work_profiles
from careers.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    call_command("setup_site", stdout=StringIO())


def test_setup_site_loads_the_profile_and_roles_read_back_as_the_files_say(
    site, django_assert_num_queries
):
    content = profile_content_read()
    assert WorkDimension.objects.count() == len(content.dimensions)
    assert WorkItem.objects.count() == len(content.items)
    assert WorkCondition.objects.count() == len(content.conditions)
    roles = list(Role.objects.published().select_related("family", "level"))
    with django_assert_num_queries(2):
        profiles = role_work_profiles(roles)
    for role, profile in zip(roles, profiles, strict=True):
        expected = family_profile_at(content.families[role.family.slug], role.level.key)

        def by_key(entries, key):
            return sorted(entries, key=lambda entry: entry[key])

        assert by_key(profile["rewards"], "dimension") == by_key(expected["rewards"], "dimension")
        assert by_key(profile["conditions"], "key") == by_key(expected["conditions"], "key")


def load(assessments, **options) -> str:
    out = StringIO()
    call_command("load_catalog", assessments=assessments, stdout=out, **options)
    return out.getvalue()


def test_an_admin_edit_to_the_profile_survives_a_changed_file(site, tmp_path):
    directory = tmp_path / "assessments"
    shutil.copytree(PROFILE_DIR, directory)
    assert "work-style profile" not in load(directory)  # same files: nothing to do

    reward = FamilyWorkReward.objects.filter(family__slug="site-reliability-engineering").first()
    reward.why = "An editor's sharper sentence."
    reward.save()
    path = directory / "roles" / "site-reliability-engineering.toml"
    path.write_text(path.read_text().replace("importance = 3", "importance = 2", 1))
    assert "work-style profile: CONFLICT" in load(directory)
    reward.refresh_from_db()
    assert reward.why == "An editor's sharper sentence."

    assert "work-style profile: loaded" in load(directory, force=True)
    assert not FamilyWorkReward.objects.filter(why="An editor's sharper sentence.").exists()
    assert FamilyWorkReward.history.filter(why="An editor's sharper sentence.").exists()
