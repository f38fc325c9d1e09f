"""The occupation side of search in the database: entries rebuilt from the imported titles,
the known words under their one-letter-short spellings, and the full-text query that finds
candidates through each database's own index (PostgreSQL GIN, SQLite FTS5)."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from careers.importing import rows_insert, statistics_refresh
from careers.models import AlternateTitle, Occupation, ReportedTitle
from careers.search.models import SearchEntry, SearchSpelling
from careers.search.synonyms import synonyms_seed_if_empty
from careers.search.text import TYPO_MIN_LENGTH, deletions, phrase

SPELLING_MAX = 60  # longer "words" are codes or run-ons, never typed


def search_index_rebuild() -> int:
    """Rebuild the entries and spellings from the occupation data; returns the entry count.
    Atomic: searches see the old index until the new one commits. Rows are written with
    plain multi-row inserts: model instances would triple the time of a full rebuild."""
    best: dict[tuple[int, str], tuple] = {}
    occupations = Occupation.objects.values_list("id", "code", "title", "bls__employment_base")
    weights = {}
    for occupation_id, code, title, employment in occupations:
        # The broad occupation before its specialisations, and neither a catch-all.
        broad = code.endswith(".00") and "all other" not in title.lower()
        weights[occupation_id] = (employment or 0, broad)
        _keep(best, occupation_id, title, SearchEntry.Source.TITLE, weights)
    for occupation_id, title, short in AlternateTitle.objects.values_list(
        "occupation_id", "title", "short_title"
    ):
        _keep(best, occupation_id, title, SearchEntry.Source.ALTERNATE, weights)
        if short:
            _keep(best, occupation_id, short, SearchEntry.Source.SHORT_TITLE, weights)
    for occupation_id, title in ReportedTitle.objects.values_list("occupation_id", "title"):
        _keep(best, occupation_id, title, SearchEntry.Source.REPORTED, weights)
    frequency = Counter(word for row in best.values() for word in set(row[1].split()))
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (SearchEntry, SearchSpelling):
            # Plain deletes: these tables have no signals or dependants worth a per-row pass.
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        rows_insert(
            SearchEntry,
            ("occupation", "phrase", "label", "source", "employment", "broad"),
            list(best.values()),
        )
        rows_insert(SearchSpelling, ("variant", "word", "frequency"), _spellings(frequency))
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO careers_searchentry_fts(careers_searchentry_fts) VALUES('rebuild')"
            )
    if connection.vendor == "postgresql":
        # A bulk insert leaves the new rows in the GIN index's pending list, which every
        # search would scan in full (15 ms instead of 0.1 ms) until a vacuum merges it.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list('careers_searchentry_phrase_fts'::regclass)"
            )
    statistics_refresh(SearchEntry, SearchSpelling)
    return len(best)


def search_index_refresh(command, *, changed: bool) -> None:
    """After an import or load: rebuild when the data changed, or when occupations exist but
    the index is empty (a database created before search had an index), and say so; and
    put the shipped synonyms back into an empty synonym table."""
    if changed or (not SearchEntry.objects.exists() and Occupation.objects.exists()):
        entries = search_index_rebuild()
        command.stdout.write(f"  search index rebuilt: {entries:,} names of occupations")
    if synonyms_seed_if_empty():
        command.stdout.write("  search synonyms: the shipped list written into an empty table")


def _keep(best, occupation_id: int, label: str, source: int, weights) -> None:
    indexed = phrase(label)[:250]
    if not indexed:
        return
    key = (occupation_id, indexed)
    current = best.get(key)
    # The most trusted source, then the plainest label ("Nurse" over "OR Nurse", both
    # "nurse" once "or" is dropped as a stopword).
    if current is None or (source, len(label)) < (current[3], len(current[2])):
        employment, broad = weights[occupation_id]
        best[key] = (occupation_id, indexed, label[:250], source, employment, broad)


def _spellings(frequency: Counter) -> list[tuple[str, str, int]]:
    rows = []
    for word, count in frequency.items():
        if len(word) > SPELLING_MAX:
            continue
        rows.append((word, word, count))
        if len(word) >= TYPO_MIN_LENGTH:
            rows += [(variant, word, count) for variant in deletions(word) - {word}]
    return rows


def spellings_near(words: Iterable[str]) -> list[tuple[str, str, int]]:
    """(variant, word, frequency) for every known word sharing a spelling with one of these
    typed words or their one-letter-short forms: the known words themselves, and every
    candidate one edit away (callers confirm the distance). One query."""
    variants = set()
    for word in words:
        variants.add(word)
        if len(word) >= TYPO_MIN_LENGTH:
            variants |= deletions(word)
    if not variants:
        return []
    return list(
        SearchSpelling.objects.filter(variant__in=sorted(variants)).values_list(
            "variant", "word", "frequency"
        )
    )


def known_prefix(start: str) -> bool:
    """Whether a known word begins with these letters. One query on the variant index: a
    binary range on SQLite, a pattern the text_pattern_ops index serves on PostgreSQL."""
    spellings = SearchSpelling.objects.all()
    if connection.vendor == "postgresql":
        spellings = spellings.filter(variant__startswith=start, word__startswith=start)
    else:
        spellings = spellings.filter(variant__gte=start, variant__lt=start + "~")
        spellings = spellings.filter(word__gte=start, word__lt=start + "~")
    return spellings.exists()


@dataclass(frozen=True)
class Option:
    """One way a part of the query can be met: all of these words in a title, the last one
    possibly only begun (as typed so far)."""

    words: tuple[str, ...]
    prefix: bool = False
    via: str = "typed"  # "typed", "corrected" or "synonym"


Slot = Sequence[Option]  # a part of the query: any one of its options meets it


@dataclass(frozen=True)
class EntryRow:
    phrase: str
    label: str
    source: int
    employment: int
    broad: bool
    code: str
    title: str


def entry_candidates(
    slots: Sequence[Slot], *, whole: Sequence[str], every_slot: bool = True, limit: int = 200
) -> list[EntryRow]:
    """Entries meeting every slot (or, with every_slot=False, any), through the full-text
    index. `whole` lists the phrases that would be an exact match; those come first, then
    the most trusted sources and the largest occupations, so `limit` cuts the least likely."""
    joiner = " & " if every_slot else " | "
    if connection.vendor == "postgresql":
        match = "to_tsvector('simple'::regconfig, e.phrase) @@ to_tsquery('simple'::regconfig, %s)"
        source_table = "careers_searchentry e"
        expression = joiner.join(_slot_tsquery(slot) for slot in slots)
    else:
        match = "careers_searchentry_fts MATCH %s"
        source_table = (
            "careers_searchentry_fts JOIN careers_searchentry e "
            "ON e.id = careers_searchentry_fts.rowid"
        )
        expression = (" AND " if every_slot else " OR ").join(_slot_fts5(slot) for slot in slots)
    exact = ", ".join(["%s"] * len(whole)) or "NULL"
    sql = (
        "SELECT e.phrase, e.label, e.source, e.employment, e.broad, o.code, o.title "  # noqa: S608
        f"FROM {source_table} JOIN careers_occupation o ON o.id = e.occupation_id "
        f"WHERE {match} "
        f"ORDER BY CASE WHEN e.phrase IN ({exact}) THEN 0 ELSE 1 END, "
        "e.source, e.employment DESC, e.broad DESC, length(e.phrase), e.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *whole, limit])
        return [EntryRow(*row) for row in cursor.fetchall()]


def _slot_tsquery(slot: Slot) -> str:
    options = []
    for option in slot:
        terms = list(option.words)
        if option.prefix:
            terms[-1] += ":*"
        options.append("(" + " & ".join(terms) + ")")
    return "(" + " | ".join(options) + ")"


def _slot_fts5(slot: Slot) -> str:
    options = []
    for option in slot:
        terms = [f'"{word}"' for word in option.words]
        if option.prefix:
            terms[-1] += "*"
        options.append("(" + " AND ".join(terms) + ")")
    return "(" + " OR ".join(options) + ")"
