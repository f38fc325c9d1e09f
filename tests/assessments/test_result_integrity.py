"""Saved results are immutable: code cannot change them, and on PostgreSQL neither can SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from assessments.models import Result, ResultImmutable
from tests.assessments.helpers import PROFILE_URL, profile_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(client, catalog) -> Result:
    client.post(PROFILE_URL, profile_answers())
    return Result.objects.get()


def test_a_saved_result_cannot_be_saved_again_or_updated(result):
    result.title = "Edited"
    with pytest.raises(ResultImmutable):
        result.save()
    with pytest.raises(ResultImmutable):
        Result.objects.filter(pk=result.pk).update(outcome={"band": "strong"})
    result.refresh_from_db()
    assert result.title != "Edited"


def test_claiming_changes_only_the_owner(result, user):
    Result.objects.filter(pk=result.pk).update(owner=user)
    result.refresh_from_db()
    result.owner = None
    result.save(update_fields=["owner"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL trigger")
def test_postgresql_refuses_changes_made_with_raw_sql(result):
    with (
        pytest.raises(DatabaseError, match="saved results cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE assessments_result SET outcome = '{}'::jsonb WHERE id = %s", [result.pk]
        )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE assessments_result SET owner_id = NULL WHERE id = %s", [result.pk])
