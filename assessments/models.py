"""Fit checks, the interest profile, and the results people save."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.models import JobFamily, Role


class FitCheck(models.Model):
    """A family's fit check. `version` goes up whenever statements change meaning; results
    keep a snapshot, so a later edit never changes what a saved result says."""

    family = models.OneToOneField(JobFamily, on_delete=models.CASCADE, related_name="fit_check")
    version = models.PositiveIntegerField(default=1)
    intro = models.TextField(help_text="Markdown. What the check looks at for this family.")
    catalog_digest = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["family__name"]

    def __str__(self) -> str:
        return f"{self.family.name} fit check (version {self.version})"


class FitDimension(models.Model):
    fit_check = models.ForeignKey(FitCheck, on_delete=models.CASCADE, related_name="dimensions")
    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    measures = models.CharField(max_length=300)
    weight = models.FloatField(
        default=1.0,
        help_text="Relative weight in the overall score.",
    )
    level_weights = models.JSONField(
        default=dict, blank=True, help_text='Weight at particular levels, e.g. {"staff": 1.5}.'
    )
    thrive = models.TextField(help_text="What a high score means in the job, with an example.")
    find_hard = models.TextField(help_text="What a low score means in the job, with an example.")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["fit_check", "key"], name="unique_dimension_key")
        ]

    def __str__(self) -> str:
        return self.name

    def weight_at(self, level_key: str) -> float:
        return float((self.level_weights or {}).get(level_key, self.weight))


class FitStatement(models.Model):
    fit_check = models.ForeignKey(FitCheck, on_delete=models.CASCADE, related_name="statements")
    dimension = models.ForeignKey(FitDimension, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(max_length=300)
    reverse_keyed = models.BooleanField(
        default=False, help_text="Agreeing points away from the role."
    )
    deal_breaker = models.BooleanField(
        default=False, help_text="A strong answer against the role is flagged, whatever the total."
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class InterestItem(models.Model):
    class Area(models.TextChoices):
        REALISTIC = "realistic", "Realistic"
        INVESTIGATIVE = "investigative", "Investigative"
        ARTISTIC = "artistic", "Artistic"
        SOCIAL = "social", "Social"
        ENTERPRISING = "enterprising", "Enterprising"
        CONVENTIONAL = "conventional", "Conventional"

    area = models.CharField(max_length=16, choices=Area.choices)
    text = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class ResultQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user) if user.is_authenticated else self.none()


class Result(models.Model):
    """A saved fit or interest result: an immutable snapshot of what was asked, what was
    answered and what it meant, independent of later edits to the check."""

    class Kind(models.TextChoices):
        FIT = "fit", "Fit check"
        INTEREST = "interest", "Interest profile"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="results",
    )
    # Anonymous results have no owner: the browser session that made them lists their ids
    # (server-side session data) until the person signs up or logs in and claims them.
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role_slug = models.CharField(max_length=120, blank=True, db_index=True)
    title = models.CharField(max_length=200, help_text="What was taken, as it was called then.")
    check_version = models.PositiveIntegerField(null=True, blank=True)
    idempotency_token = models.UUIDField(unique=True)
    snapshot = models.JSONField(help_text="Questions, keys, weights and answers as taken.")
    outcome = models.JSONField(help_text="Scores, band, flags and explanation as computed then.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("result_detail", args=[self.id])
