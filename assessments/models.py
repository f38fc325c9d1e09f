"""The work-style profile, the interest profile, and the results people save."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.models import JobFamily, Level, Role


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
    catalog_digest = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Digest of the items as last loaded from interests.toml.",
    )

    history = HistoricalRecords(excluded_fields=["catalog_digest"])

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------------------------------
# The work-style profile: shared dimensions, trade-off items and conditions, and what each
# family's work rewards (assessments/catalog/profile.toml and roles/; see its README).
# ---------------------------------------------------------------------------------------


class WorkProfile(models.Model):
    """The profile as a whole: its version, introduction and what was last loaded."""

    version = models.PositiveIntegerField(default=1)
    intro = models.TextField(help_text="Markdown. What the profile is and how long it takes.")
    catalog_digest = models.CharField(max_length=64, blank=True, editable=False)
    content_digest = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["catalog_digest", "content_digest"])

    def __str__(self) -> str:
        return f"Work-style profile v{self.version}"


class WorkDimension(models.Model):
    """A trade-off in how people like to work; both poles are good ways to work."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    left = models.CharField(max_length=80, help_text="The left pole, in a few words.")
    right = models.CharField(max_length=80, help_text="The right pole, in a few words.")
    left_means = models.CharField(max_length=300)
    right_means = models.CharField(max_length=300)
    sources = models.CharField(max_length=300, blank=True, help_text="O*NET elements it draws on.")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class WorkItem(models.Model):
    """Two attractive options set against each other, answered 1 (left) to 6 (right)."""

    key = models.SlugField(max_length=60, unique=True)
    dimension = models.ForeignKey(WorkDimension, on_delete=models.CASCADE, related_name="items")
    left = models.CharField(max_length=200)
    right = models.CharField(max_length=200)
    reverse = models.BooleanField(
        default=False, help_text="The LEFT option expresses the dimension's RIGHT pole."
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.left} / {self.right}"


class WorkCondition(models.Model):
    """A fact about the work, asked plainly; levels run from least to most demanding."""

    key = models.SlugField(max_length=40, unique=True)
    question = models.CharField(max_length=300)
    levels = models.JSONField(help_text="Answer options, least demanding first.")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.key


class FamilyWorkReward(models.Model):
    """The pole of a dimension a family's work rewards, and how much it matters. With a
    level, it replaces the family's entry for that dimension at that rung."""

    class Pole(models.TextChoices):
        LEFT = "left", "Left"
        RIGHT = "right", "Right"

    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="work_rewards")
    level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    dimension = models.ForeignKey(WorkDimension, on_delete=models.CASCADE, related_name="+")
    pole = models.CharField(max_length=5, choices=Pole.choices)
    importance = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    why = models.CharField(max_length=400, help_text="One sentence from the role page.")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.family}: {self.dimension} → {self.pole}"


class FamilyWorkCondition(models.Model):
    """A condition a family's work carries, at the level its page describes."""

    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="work_conditions")
    level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    condition = models.ForeignKey(WorkCondition, on_delete=models.CASCADE, related_name="+")
    required = models.PositiveSmallIntegerField(help_text="Index into the condition's levels.")
    why = models.CharField(max_length=400, help_text="Quote the page's frequency.")
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.family}: {self.condition} ≥ {self.required}"


class FamilyWorkProfile(JobFamily):
    """One family as the admin shows it for the work-style profile: a page for what the
    family's work rewards (FamilyWorkReward) and the conditions it carries
    (FamilyWorkCondition). The family itself is edited in the careers admin; no table of
    its own."""

    class Meta:
        proxy = True
        verbose_name = "family work profile"


class ResultImmutable(Exception):
    """A saved result's content never changes; only its owner can (when it is claimed)."""


# What may change on a saved result: the owner (claimed on sign-up or login), and the role
# link falling to NULL when a role is deleted (the snapshot keeps what it was).
# Deleting is a mark for RESULT_UNDO_DAYS (so it can be undone), then the row goes.
RESULT_MUTABLE_FIELDS = {"owner", "owner_id", "deleted_at"}
RESULT_UNDO_DAYS = 30


class ResultQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def update(self, **kwargs):
        changing = set(kwargs) - RESULT_MUTABLE_FIELDS
        if changing:
            raise ResultImmutable(f"saved results cannot change: {', '.join(sorted(changing))}")
        return super().update(**kwargs)


class ActiveResultManager(models.Manager.from_queryset(ResultQuerySet)):
    """Results not deleted: what every page, list and export sees."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Result(models.Model):
    """A saved fit or interest result: an immutable snapshot of what was asked, what was
    answered and what it meant, independent of later edits to the check."""

    class Kind(models.TextChoices):
        FIT = "fit", "Fit check"  # one family's check, before the work-style profile
        INTEREST = "interest", "Interest profile"
        PROFILE = "profile", "Work-style profile"
        PLAN = "plan", "Plan of a move"

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
    # The form's token bound to who submitted it and to which form (see result_save), so a
    # replayed token never reaches someone else's result.
    idempotency_token = models.UUIDField(unique=True)
    session_key = models.CharField(
        max_length=40,
        blank=True,
        db_index=True,
        help_text="Taken without an account: the browser session that can see it, until "
        "claimed; unclaimed results go when that session does.",
    )
    snapshot = models.JSONField(help_text="Questions, keys, weights and answers as taken.")
    outcome = models.JSONField(help_text="Scores, band, flags and explanation as computed then.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Deleted by its owner: restorable until purged after RESULT_UNDO_DAYS.",
    )

    objects = ActiveResultManager()
    all_objects = ResultQuerySet.as_manager()  # deleted ones too: undo, purge, token replay

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.created_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        """Create once; afterwards only the owner may be written (save(update_fields=
        ["owner"])). On PostgreSQL a trigger refuses any other change as well."""
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and (
            update_fields is None or set(update_fields) - RESULT_MUTABLE_FIELDS
        ):
            raise ResultImmutable("saved results cannot be changed")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("result_detail", args=[self.id])

    @property
    def restorable_until(self):
        """The last moment a deletion can be undone; None while not deleted."""
        if self.deleted_at is None:
            return None
        return self.deleted_at + timedelta(days=RESULT_UNDO_DAYS)


class ShortlistEntry(models.Model):
    """A role a signed-in person saved to compare later. Without an account the shortlist
    is a list of slugs in the session (assessments/shortlist.py), moved here on sign-in."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlist"
    )
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "role"], name="shortlist_one_entry_per_role")
        ]
        verbose_name_plural = "shortlist entries"

    def __str__(self) -> str:
        return f"{self.owner_id}: {self.role_id}"
