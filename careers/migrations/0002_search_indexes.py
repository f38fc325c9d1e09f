"""Search indexes for PostgreSQL: trigram (substring and typo matching) and full-text.

SQLite has neither; there the search falls back to case-insensitive substring matching,
which the table sizes keep fast.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES_INDEXES = [
    (
        "careers_occupation_title_trgm",
        "CREATE INDEX IF NOT EXISTS careers_occupation_title_trgm "
        "ON careers_occupation USING gin (UPPER(title) gin_trgm_ops)",
    ),
    (
        "careers_alternatetitle_title_trgm",
        "CREATE INDEX IF NOT EXISTS careers_alternatetitle_title_trgm "
        "ON careers_alternatetitle USING gin (UPPER(title) gin_trgm_ops)",
    ),
    (
        "careers_alternatetitle_title_trgm_plain",
        "CREATE INDEX IF NOT EXISTS careers_alternatetitle_title_trgm_plain "
        "ON careers_alternatetitle USING gin (title gin_trgm_ops)",
    ),
    (
        "careers_alternatetitle_title_fts",
        "CREATE INDEX IF NOT EXISTS careers_alternatetitle_title_fts "
        "ON careers_alternatetitle USING gin (to_tsvector('english'::regconfig, title))",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, statement in POSTGRES_INDEXES:
        schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in POSTGRES_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
