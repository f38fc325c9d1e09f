"""Careers: the labour-market landscape (O*NET + BLS) and, on top of it, the role catalog."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.content import (
    LIST_RANGES,
    SHARED_WITH_FAMILY,
    STRONG_ANSWER_POINTS,
    ProficiencyValidator,
    TextListValidator,
    ToolsValidator,
    normalize_text,
)
from careers.landscape import SOC_MAJOR_GROUPS


class DataRelease(models.Model):
    """One public data release loaded into the site, shown on /about/data/."""

    class Source(models.TextChoices):
        ONET = "onet", "O*NET database"
        BLS_PROJECTIONS = "bls-projections", "BLS Employment Projections"
        BLS_OEWS = "bls-oews", "BLS Occupational Employment and Wage Statistics"
        BLS_CROSSWALK = "bls-crosswalk", "BLS O*NET-SOC to NEM crosswalk"

    source = models.CharField(max_length=32, choices=Source.choices, unique=True)
    name = models.CharField(max_length=200, help_text="e.g. O*NET 30.1 Database")
    published = models.CharField(max_length=100, help_text="e.g. December 2025")
    citation = models.CharField(max_length=300, help_text="Shown beside every figure it backs.")
    loaded_at = models.DateTimeField(auto_now=True)
    facts = models.JSONField(default=dict, blank=True, help_text="Release-wide figures and counts.")

    class Meta:
        ordering = ["source"]

    def __str__(self) -> str:
        return f"{self.name} ({self.published})"


class BlsOccupation(models.Model):
    """Figures BLS publishes for one National Employment Matrix occupation.

    Several O*NET occupations can share one BLS occupation (BLS aggregates some codes, e.g.
    15-1299 "Computer occupations, all other"), so pages say which BLS occupation a figure
    describes. A missing value means BLS did not publish it (suppressed or not collected);
    it is never stored as zero.
    """

    code = models.CharField(max_length=7, unique=True, help_text="NEM / SOC code, e.g. 15-1252")
    title = models.CharField(max_length=250)
    employment_base = models.PositiveIntegerField(null=True, blank=True)
    employment_projected = models.PositiveIntegerField(null=True, blank=True)
    change_percent = models.FloatField(null=True, blank=True)
    annual_openings = models.PositiveIntegerField(null=True, blank=True)
    median_wage_projections = models.PositiveIntegerField(
        null=True, blank=True, help_text="Median annual wage as published with the projections."
    )
    entry_education = models.CharField(max_length=120, blank=True)
    work_experience = models.CharField(max_length=120, blank=True)
    job_training = models.CharField(max_length=120, blank=True)
    strong_outlook = models.BooleanField(
        default=False,
        help_text="Truest's strong-outlook rule (careers/landscape.py), not O*NET's Bright "
        "Outlook.",
    )
    # Annual percentiles. Where OEWS prints "#" (at or above its top code) the top code is
    # stored, so filters and sorts still place the occupation, and the percentile is named in
    # wage_top_coded_percentiles so every display says "at least".
    wage_p10 = models.PositiveIntegerField(null=True, blank=True)
    wage_p25 = models.PositiveIntegerField(null=True, blank=True)
    wage_median = models.PositiveIntegerField(null=True, blank=True)
    wage_p75 = models.PositiveIntegerField(null=True, blank=True)
    wage_p90 = models.PositiveIntegerField(null=True, blank=True)
    wage_top_coded_percentiles = models.JSONField(
        default=list,
        blank=True,
        help_text='Percentiles OEWS top-codes ("#"), e.g. ["p75", "p90"]; their value is the '
        "top code, a lower bound.",
    )
    # OEWS publishes only hourly wages for some occupations (actors, dancers, musicians…);
    # those are kept as hourly figures rather than turned into made-up annual ones.
    wage_hourly_only = models.BooleanField(
        default=False, help_text="OEWS publishes only hourly wages for this occupation."
    )
    wage_hourly_p10 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    wage_hourly_p25 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    wage_hourly_median = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    wage_hourly_p75 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    wage_hourly_p90 = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    wage_code = models.CharField(max_length=7, blank=True, help_text="OEWS code the wages are from")

    class Meta:
        ordering = ["code"]
        verbose_name = "BLS occupation"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def has_projection(self) -> bool:
        return self.employment_base is not None or self.change_percent is not None

    @property
    def wage_top_coded(self) -> bool:
        return bool(self.wage_top_coded_percentiles)


class OccupationQuerySet(models.QuerySet):
    def with_ratings(self):
        """Occupations O*NET has rated (a Job Zone); the rest are taxonomy-only codes."""
        return self.filter(job_zone__isnull=False)

    def in_major_group(self, group: str):
        return self.filter(major_group=group)


class Occupation(models.Model):
    code = models.CharField("O*NET-SOC code", max_length=10, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(
        blank=True, help_text="O*NET's description; present only after importing a release."
    )
    major_group = models.CharField(max_length=2, db_index=True)
    job_zone = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    interest_realistic = models.FloatField(null=True, blank=True)
    interest_investigative = models.FloatField(null=True, blank=True)
    interest_artistic = models.FloatField(null=True, blank=True)
    interest_social = models.FloatField(null=True, blank=True)
    interest_enterprising = models.FloatField(null=True, blank=True)
    interest_conventional = models.FloatField(null=True, blank=True)
    interest_code = models.CharField(
        max_length=3, blank=True, help_text="High-point code, e.g. ICR (first to third)"
    )
    bls = models.ForeignKey(
        BlsOccupation, null=True, blank=True, on_delete=models.SET_NULL, related_name="occupations"
    )

    objects = OccupationQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("occupation_detail", args=[self.code])

    @property
    def major_group_title(self) -> str:
        return SOC_MAJOR_GROUPS.get(self.major_group, "Other")

    @property
    def interest_scores(self) -> dict[str, float | None]:
        return {
            "realistic": self.interest_realistic,
            "investigative": self.interest_investigative,
            "artistic": self.interest_artistic,
            "social": self.interest_social,
            "enterprising": self.interest_enterprising,
            "conventional": self.interest_conventional,
        }


class AlternateTitle(models.Model):
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="alternate_titles"
    )
    title = models.CharField(max_length=250, db_index=True)
    short_title = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["occupation", "title"])]

    def __str__(self) -> str:
        return self.title


class ReportedTitle(models.Model):
    """A job title O*NET's survey respondents reported for an occupation: evidence when we
    link a role to an occupation. `shown_in_my_next_move`: O*NET's pick of titles for its
    My Next Move site."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="reported_titles"
    )
    title = models.CharField(max_length=250)
    shown_in_my_next_move = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "title"], name="unique_reported_title")
        ]

    def __str__(self) -> str:
        return self.title


class Element(models.Model):
    """An O*NET content-model descriptor: a skill, a knowledge area or a work style."""

    class Domain(models.TextChoices):
        SKILL = "skill", "Skill"
        KNOWLEDGE = "knowledge", "Knowledge"
        WORK_STYLE = "work_style", "Work style"

    element_id = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=150)
    domain = models.CharField(max_length=16, choices=Domain.choices, db_index=True)

    class Meta:
        ordering = ["element_id"]

    def __str__(self) -> str:
        return self.name


class ElementRating(models.Model):
    """How much an element matters in an occupation.

    Skills and knowledge: importance (IM, 1–5) and level (LV, 0–7). Work styles (O*NET 30.1):
    importance holds the impact rating (WI, −3 to 3) and level the distinctiveness rank (DR,
    0–10), the two scales O*NET now publishes for them.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="ratings")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="ratings")
    importance = models.FloatField(null=True, blank=True)
    level = models.FloatField(null=True, blank=True)
    # O*NET's "Recommend Suppress" = Y: the estimate is unreliable (low precision or too few
    # respondents), so pages must not present it as a plain figure.
    importance_suppressed = models.BooleanField(default=False)
    level_suppressed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "element"], name="unique_element_rating")
        ]
        ordering = ["-importance"]

    def __str__(self) -> str:
        return f"{self.element} in {self.occupation}"


class TechnologySkill(models.Model):
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="technology_skills"
    )
    name = models.CharField(max_length=250, db_index=True)
    category = models.CharField(max_length=250, help_text="O*NET commodity title")
    hot = models.BooleanField(
        default=False,
        help_text="O*NET Hot Technology: frequently named in employer job postings across all "
        "occupations.",
    )
    in_demand = models.BooleanField(
        default=False,
        help_text="O*NET In Demand: frequently named in job postings for this occupation.",
    )

    class Meta:
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name


class EducationShare(models.Model):
    """Share of workers (percent) reporting a level of education, experience or training."""

    class Scale(models.TextChoices):
        EDUCATION = "RL", "Required level of education"
        EXPERIENCE = "RW", "Related work experience"
        ON_SITE_TRAINING = "PT", "On-site or in-plant training"
        ON_THE_JOB_TRAINING = "OJ", "On-the-job training"

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="education_shares"
    )
    scale = models.CharField(max_length=2, choices=Scale.choices)
    category = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=400)
    percent = models.FloatField()

    class Meta:
        ordering = ["scale", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "scale", "category"], name="unique_education_share"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.percent}%"


class RelatedOccupation(models.Model):
    class Tier(models.TextChoices):
        PRIMARY_SHORT = "Primary-Short", "Most closely related"
        PRIMARY_LONG = "Primary-Long", "Closely related"
        SUPPLEMENTAL = "Supplemental", "Also related"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="related")
    related = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    tier = models.CharField(max_length=16, choices=Tier.choices)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "related"], name="unique_related_pair")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.related_id} ({self.tier} {self.rank})"


class Task(models.Model):
    """An O*NET task statement; imported from a release, never shipped in the repository."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="tasks")
    task_id = models.PositiveIntegerField()
    text = models.TextField()
    core = models.BooleanField(default=True)

    class Meta:
        ordering = ["-core", "task_id"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "task_id"], name="unique_task")
        ]

    def __str__(self) -> str:
        return self.text


# ---------------------------------------------------------------------------------------
# The role catalog: editorial content, written in careers/catalog/ and edited in admin.
# ---------------------------------------------------------------------------------------

TEXT_ITEMS = TextListValidator()
FOUR_TO_SIX = TextListValidator(*LIST_RANGES["thrives"])


class NormalizedText:
    """Catalog text is stored normalised, whoever writes it (admin, the loader, a shell):
    `save()` passes every text field through `careers.content.normalize_text` (LF line
    endings, no trailing spaces, no blank lines at the ends). Re-saving the same words is
    then a no-op, so the history marks only the fields that really changed."""

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
                setattr(self, field.attname, normalize_text(value))
        super().save(*args, **kwargs)


class Level(NormalizedText, models.Model):
    """A rung on a ladder. `order` ranks levels within a track; `band` lines levels up
    across tracks (a manager sits beside a senior individual contributor)."""

    class Track(models.TextChoices):
        IC = "ic", "Individual contributor"
        MANAGEMENT = "management", "Management"

    key = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=60)
    track = models.CharField(max_length=16, choices=Track.choices)
    order = models.PositiveSmallIntegerField()
    band = models.PositiveSmallIntegerField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["track", "order"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_track_display().lower()})"


class JobFamily(NormalizedText, models.Model):
    """A kind of work (Site Reliability Engineering) and the content all its levels share."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    track = models.CharField(max_length=16, choices=Level.Track.choices)
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[TEXT_ITEMS],
        help_text="Other names people use for this work at every level, e.g. SRE.",
    )
    description = models.CharField(max_length=400, help_text="One or two sentences for listings.")
    hardest_part = models.TextField(help_text="Markdown. 100–200 words.")
    thrives = models.JSONField(
        default=list, validators=[FOUR_TO_SIX], help_text="4–6 items: tends to thrive."
    )
    finds_hard = models.JSONField(
        default=list, validators=[FOUR_TO_SIX], help_text="4–6 items: tends to find it hard."
    )
    landscape_note = models.TextField(help_text="Markdown. How to read the occupation figures.")
    category_changing = models.TextField(help_text="Markdown. 120–250 words.")
    background = models.TextField(help_text="Markdown. Typical education and background.")
    certifications = models.TextField(
        blank=True, help_text="Markdown. Only ones employers ask for."
    )
    tools = models.JSONField(
        default=dict, validators=[ToolsValidator()], help_text="Category → list of tool names."
    )
    catalog_digest = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Digest of the catalog file last loaded.",
    )
    # What the last load (or a load that found the database already matching its file)
    # wrote: a digest of the family's content (careers.catalog_export.family_content) and
    # one short digest per section, so a changed file never overwrites edits made since.
    content_digest = models.CharField(max_length=64, blank=True, editable=False)
    content_sections = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["content_digest", "content_sections"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "job families"

    def __str__(self) -> str:
        return self.name


class RoleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Role.Status.PUBLISHED)

    def visible_to(self, user):
        """Published roles for everyone; drafts too for staff, who preview them."""
        if getattr(user, "is_staff", False):
            return self
        return self.published()

    def with_landscape(self):
        return self.select_related("family", "level", "occupation", "occupation__bls")


class OccupationMatch(models.TextChoices):
    """How a role is tied to an O*NET occupation: by a title O*NET itself lists for it, or
    by an editor's judgement with a reason shown to readers."""

    TITLED = "titled", "Titled: O*NET lists the role's title"
    CLOSEST = "closest", "Closest: editors' choice"


class OccupationLink(models.Model):
    """The evidence for tying a role to an occupation (shared by primary and secondary)."""

    occupation_match = models.CharField(
        "match", max_length=8, choices=OccupationMatch.choices, blank=True
    )
    occupation_title = models.CharField(
        "O*NET title",
        max_length=250,
        blank=True,
        help_text="Titled: the O*NET alternate or reported title that names this role.",
    )
    occupation_reason = models.CharField(
        "reason",
        max_length=300,
        blank=True,
        help_text="Closest: one sentence, shown to readers, on why this is the nearest occupation.",
    )

    class Meta:
        abstract = True


class Role(NormalizedText, OccupationLink):
    """A job family at a level: Site Reliability Engineering × Senior. Its primary occupation
    is the one whose figures its page shows; `occupation_*` fields hold the evidence."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="roles")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="roles")
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=120, unique=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[TEXT_ITEMS],
        help_text="Titles people use for this rung in particular.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    occupation = models.ForeignKey(
        Occupation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
        help_text="The O*NET occupation whose figures the role page shows.",
    )
    summary = models.TextField(help_text="40–70 words.")
    scope = models.TextField(help_text="Markdown. Scope, autonomy, who relies on you.")
    what_its_like = models.TextField(
        "What it's like", help_text="Markdown. 250–450 words: a realistic week."
    )
    next_steps = models.TextField(
        blank=True,
        help_text="Markdown. For the top rung of a ladder: where people really go next, "
        "including moves to roles the catalog does not have.",
    )
    rung_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="When this rung is rare (few companies have it), say so in one sentence.",
    )
    years_min = models.PositiveSmallIntegerField(help_text="Typical years of experience, from…")
    years_max = models.PositiveSmallIntegerField(help_text="…to.")
    # Overrides of the family's shared content; blank or empty means "use the family's".
    hardest_part = models.TextField(blank=True, help_text="Markdown. Blank: the family's text.")
    thrives = models.JSONField(
        default=list, blank=True, validators=[FOUR_TO_SIX], help_text="Empty: the family's list."
    )
    finds_hard = models.JSONField(
        default=list, blank=True, validators=[FOUR_TO_SIX], help_text="Empty: the family's list."
    )
    category_changing = models.TextField(blank=True, help_text="Blank: the family's text.")
    background = models.TextField(blank=True, help_text="Blank: the family's text.")
    certifications = models.TextField(blank=True, help_text="Blank: the family's text.")
    tools = models.JSONField(
        default=dict,
        blank=True,
        validators=[ToolsValidator()],
        help_text="Empty: the family's tools.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    SHARED_WITH_FAMILY = SHARED_WITH_FAMILY  # fields `shared` falls back for (content.py)

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["family__name", "level__track", "level__order"]
        constraints = [
            models.UniqueConstraint(fields=["family", "level"], name="one_role_per_family_level"),
            models.CheckConstraint(
                condition=models.Q(years_min__lte=models.F("years_max")),
                name="role_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("role_detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def shared(self, name: str):
        """This role's own value for a shared section, or the family's when it has none.
        The one place the role-over-family rule lives, for fields and (through
        `FamilyOrRoleContent.effective_for`) for rows."""
        return getattr(self, name) or getattr(self.family, name)

    @property
    def all_aliases(self) -> list[str]:
        return [*self.aliases, *self.family.aliases]


class SecondaryOccupation(NormalizedText, OccupationLink):
    """Another occupation the role is close to, shown beside the primary one."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="secondary_occupations")
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    # Kept so that restoring a role's earlier version brings its occupations back too.
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "occupation"], name="unique_secondary_occupation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} ~ {self.occupation}"


class FamilyOrRoleContent(NormalizedText, models.Model):
    """Content written once for a family, or for one role that needs its own: a role with
    any rows of its own uses only those, otherwise it shows the family's."""

    family = models.ForeignKey(
        JobFamily, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    role = models.ForeignKey(
        "Role", null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(family__isnull=False, role__isnull=True)
                | models.Q(family__isnull=True, role__isnull=False),
                name="%(class)s_belongs_to_family_or_role",
            )
        ]

    def applies_to(self, role: "Role") -> bool:
        """Whether a family row is part of this role's page (every level, by default)."""
        return True

    @classmethod
    def effective_for(cls, rows, role: "Role") -> list:
        """From rows fetched for a role and its family: the role's own rows if it has any,
        otherwise the family's rows that apply to its level."""
        own = [row for row in rows if row.role_id == role.id]
        if own:
            return own
        return [row for row in rows if row.family_id == role.family_id and row.applies_to(role)]


class Skill(NormalizedText, models.Model):
    """One entry of the shared skill vocabulary. Every role's skill list refers to these, so
    comparisons never depend on how a writer spelled a skill."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    definition = models.CharField(max_length=300, help_text="One sentence, true in every family.")
    synonyms = models.JSONField(
        default=list,
        blank=True,
        validators=[TEXT_ITEMS],
        help_text="Other names for the same skill; they match it.",
    )
    element = models.ForeignKey(
        Element,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalog_skills",
        help_text="The O*NET skill or knowledge element it corresponds to, if any.",
    )
    technologies = models.JSONField(
        default=list, blank=True, validators=[TEXT_ITEMS], help_text="Tools tied to it."
    )
    # Digest of the skill as the last load wrote it (careers.catalog.vocabulary_write): an
    # edit made in admin since then is not overwritten by a changed skills.toml.
    catalog_digest = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["catalog_digest"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SkillRequirement(FamilyOrRoleContent):
    """A vocabulary skill as one family or role needs it: how much it matters there and the
    proficiency expected at each level."""

    class Proficiency(models.IntegerChoices):
        AWARE = 1, "Aware"
        WORKING = 2, "Working"
        INDEPENDENT = 3, "Independent"
        ADVANCED = 4, "Advanced"
        EXPERT = 5, "Expert"

    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="requirements")
    importance = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (useful) to 5 (essential)",
    )
    note = models.CharField(max_length=300, help_text="How the skill shows up in this work.")
    expected_levels = models.JSONField(
        default=dict,
        validators=[ProficiencyValidator()],
        help_text="Level key → proficiency expected (1 aware … 5 expert). A family row applies "
        "only to the levels listed; a role's own row lists the role's level.",
    )

    history = HistoricalRecords()

    class Meta(FamilyOrRoleContent.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.skill} ({self.importance})"

    def applies_to(self, role: "Role") -> bool:
        return role.level.key in self.expected_levels

    def expected_for(self, role: "Role") -> int:
        return int(self.expected_levels.get(role.level.key, 0))


class Variation(FamilyOrRoleContent):
    """Something that differs between employers, and how it changes the job."""

    factor = models.CharField(max_length=120)
    detail = models.TextField()

    history = HistoricalRecords()

    class Meta(FamilyOrRoleContent.Meta):
        pass

    def __str__(self) -> str:
        return self.factor


class InterviewQuestion(NormalizedText, models.Model):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", "Technical"
        SYSTEM_DESIGN = "system-design", "System design"
        SCENARIO = "scenario", "Scenario"
        BEHAVIOURAL = "behavioural", "Behavioural"

    family = models.ForeignKey(JobFamily, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    levels = models.ManyToManyField(Level, related_name="questions", help_text="Levels it suits.")
    question = models.TextField()
    probes = models.TextField(help_text="What the question is really testing.")
    strong_answer = models.JSONField(
        default=list,
        validators=[TextListValidator(*STRONG_ANSWER_POINTS)],
        help_text="3–5 points a strong answer covers.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question[:80]


class Transition(NormalizedText, models.Model):
    """An editorial move from one role to another: the next rung (a higher band), a change
    between the individual-contributor and management tracks at the same band, or a lateral
    move to other work."""

    class Kind(models.TextChoices):
        ADVANCEMENT = "advancement", "Advancement"
        TRACK_CHANGE = "track_change", "Change of track"
        LATERAL = "lateral", "Lateral move"

    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="transitions_out")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="transitions_in")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    note = models.TextField(
        help_text="Advancement: what changes. Lateral: why the skills carry over."
    )
    requirements = models.TextField(
        help_text="Advancement: what it usually takes. Lateral: what is missing."
    )
    typical_time = models.CharField(max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_role", "to_role", "kind"], name="unique_transition"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_role=models.F("to_role")), name="transition_moves"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_role} → {self.to_role} ({self.get_kind_display()})"


class ContentVersion(models.Model):
    """One number that goes up whenever content or data change (an admin save, a catalog
    load, an import), so anything derived from them can be cached under it and never be
    served stale. See careers/versioning.py."""

    number = models.PositiveBigIntegerField(default=1)
    # A fresh random stamp with every raise: a number alone could repeat after a database
    # is restored (or a test's transaction rolled back) while the content differs.
    stamp = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"content version {self.number}"


# The search tables live beside the search code; importing them here registers them.
from careers.search.models import SearchEntry, SearchSpelling, SearchSynonym  # noqa: E402, F401
