from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


@pytest.fixture
def editor(make_user, catalog):
    """A member of the Editors group, with the small test catalog loaded."""
    call_command("sync_editors_group", stdout=StringIO())
    user = make_user("editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user
