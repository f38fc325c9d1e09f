# Landscape labels that say what the sources say: our own "strong outlook" rule (not
# O*NET's Bright Outlook), OEWS hourly-only and top-coded wages, O*NET's suppression flags
# and its sample of reported titles. Reloading the dataset (`make data`) fills the new
# columns; the old wage_top_coded flag cannot say which percentile was top-coded, so it
# is dropped rather than converted.

import django.db.models.deletion
from django.db import migrations, models


def _hourly(name: str) -> migrations.AddField:
    return migrations.AddField(
        model_name="blsoccupation",
        name=name,
        field=models.DecimalField(blank=True, decimal_places=2, max_digits=6, null=True),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_catalog"),
    ]

    operations = [
        migrations.RenameField(
            model_name="blsoccupation", old_name="bright_outlook", new_name="strong_outlook"
        ),
        migrations.AlterField(
            model_name="blsoccupation",
            name="strong_outlook",
            field=models.BooleanField(
                default=False,
                help_text="Truest's strong-outlook rule (careers/landscape.py), not O*NET's "
                "Bright Outlook.",
            ),
        ),
        migrations.RemoveField(model_name="blsoccupation", name="wage_top_coded"),
        migrations.AddField(
            model_name="blsoccupation",
            name="wage_top_coded_percentiles",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='Percentiles OEWS top-codes ("#"), e.g. ["p75", "p90"]; their value '
                "is the top code, a lower bound.",
            ),
        ),
        migrations.AddField(
            model_name="blsoccupation",
            name="wage_hourly_only",
            field=models.BooleanField(
                default=False, help_text="OEWS publishes only hourly wages for this occupation."
            ),
        ),
        _hourly("wage_hourly_p10"),
        _hourly("wage_hourly_p25"),
        _hourly("wage_hourly_median"),
        _hourly("wage_hourly_p75"),
        _hourly("wage_hourly_p90"),
        migrations.AddField(
            model_name="elementrating",
            name="importance_suppressed",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="elementrating",
            name="level_suppressed",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name="technologyskill",
            name="hot",
            field=models.BooleanField(
                default=False,
                help_text="O*NET Hot Technology: frequently named in employer job postings "
                "across all occupations.",
            ),
        ),
        migrations.AlterField(
            model_name="technologyskill",
            name="in_demand",
            field=models.BooleanField(
                default=False,
                help_text="O*NET In Demand: frequently named in job postings for this occupation.",
            ),
        ),
        migrations.CreateModel(
            name="ReportedTitle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=250)),
                ("shown_in_my_next_move", models.BooleanField(default=False)),
                (
                    "occupation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reported_titles",
                        to="careers.occupation",
                    ),
                ),
            ],
            options={
                "ordering": ["title"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("occupation", "title"), name="unique_reported_title"
                    )
                ],
            },
        ),
    ]
