"""The per-family fit checks are replaced by the one work-style profile. Results saved by
them keep a full snapshot of what was asked and scored, so only the check tables go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_profile_results"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalFitStatement"),
        migrations.DeleteModel(name="HistoricalFitDimension"),
        migrations.DeleteModel(name="HistoricalFitCheck"),
        migrations.DeleteModel(name="FitStatement"),
        migrations.DeleteModel(name="FitDimension"),
        migrations.DeleteModel(name="FitCheck"),
    ]
