"""The search tables. Entries and spellings are derived from the imported occupation data
and rebuilt by careers.search.index; synonyms are content that editors keep in admin."""

from django.db import models


class SearchEntry(models.Model):
    """One name an occupation goes by, in the indexed form of careers.search.text.phrase.

    On PostgreSQL a GIN full-text index covers `phrase` (migration 0009); on SQLite an FTS5
    table mirrors it. Both are rebuilt with the rows, never edited one by one."""

    class Source(models.IntegerChoices):
        # In the order a match on them is trusted.
        TITLE = 1, "title"
        SHORT_TITLE = 2, "short title"
        ALTERNATE = 3, "alternate title"
        REPORTED = 4, "reported title"

    # No database constraint: the rows are derived and rebuilt wholesale after every import
    # (which is what removes entries of a deleted occupation), and checking 60,000 foreign
    # keys at the end of a load's transaction would cost more than the load itself.
    occupation = models.ForeignKey(
        "careers.Occupation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    phrase = models.CharField(max_length=250)
    label = models.CharField(max_length=250, help_text="The name as O*NET spells it.")
    source = models.PositiveSmallIntegerField(choices=Source.choices)
    # Copied from the occupation's BLS figures so candidates can be ordered in SQL.
    employment = models.PositiveIntegerField(default=0)
    broad = models.BooleanField(
        default=True, help_text="A code ending in .00 that is not an “all other” catch-all."
    )

    class Meta:
        app_label = "careers"
        indexes = [models.Index(fields=["phrase"], name="careers_searchentry_phrase")]
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.label


class SearchSpelling(models.Model):
    """A known word under each of its spellings with one letter removed (and under itself):
    a typed word meets the known words one edit away through a few index lookups, the same
    way on every database."""

    variant = models.CharField(max_length=60, db_index=True)
    word = models.CharField(max_length=60)
    frequency = models.PositiveIntegerField(help_text="How many entries use the word.")

    class Meta:
        app_label = "careers"

    def __str__(self) -> str:
        return f"{self.variant} → {self.word}"


class SearchSynonym(models.Model):
    """What people type for a job, and what they mean by it: SRE → site reliability
    engineer, sysadmin → systems administrator. Search looks for both."""

    term = models.CharField(
        max_length=60, unique=True, help_text="As people type it, e.g. SRE or sysadmin."
    )
    meaning = models.CharField(
        max_length=150, help_text="Words a matching title contains, e.g. site reliability engineer."
    )

    class Meta:
        app_label = "careers"
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.meaning}"
