"""One search over roles and occupations: what the person typed becomes slots (a word, its
corrections, a synonym's meaning), candidates come from the catalog in memory and the
occupation index, and one ranking orders them all. The ranking is in Python, so both
databases give the same answers; the databases only find candidates, through their indexes.

Ranking, most important first:
1. How well the title matches: exactly what a synonym means ("PM" is a product manager
   before it is a title containing "PM"); exactly as typed; exactly once corrected; the
   title begins with the query; all words present; the last word only begun.
2. What matched: a role's own title or alias before an occupation's names (so a role comes
   before its occupation), an occupation's title before its alternate and reported titles,
   and a family's names after all of these.
3. The larger occupation (BLS employment), the broad O*NET code over its specialisations,
   the usual level of a ladder, then the title with the fewest other words.
"""

import itertools
from dataclasses import dataclass, field
from urllib.parse import quote

from django.urls import reverse

from careers.search.catalog import RoleEntry, RoleSource, SearchCatalog, search_catalog
from careers.search.index import (
    EntryRow,
    Option,
    Slot,
    entry_candidates,
    known_prefix,
    spellings_near,
)
from careers.search.models import SearchEntry
from careers.search.text import TYPO_MIN_LENGTH, deletions, one_edit_apart, words
from careers.versioning import per_content_version_by

SEARCH_MAX_QUERY = 100
CORRECTIONS_PER_WORD = 3
COMBINATIONS_MAX = 32
SYNONYM_MAX_WORDS = 3


class Tier:
    EXACT_MEANT = 0  # exactly what a synonym editors keep says the person means
    EXACT = 1
    EXACT_CORRECTED = 2
    STARTS = 3
    ALL_WORDS = 4
    BEGUN = 5  # the last word only begun
    SOME_WORDS = 6  # the fallback when no title has every word


@dataclass
class SearchHit:
    kind: str  # "role" or "occupation"
    title: str
    url: str
    code: str = ""  # an occupation's O*NET-SOC code
    family: str = ""  # a role's job family
    matched: str = ""  # the name that matched when it is not the title
    matched_source: str = ""  # what that name is ("also called", "family", ...)
    synonym: str = ""  # "SRE means site reliability engineer" when a synonym matched
    occupation_code: str = ""  # a role's primary occupation
    more_levels: int = 0  # other rungs of the family that matched only by its names
    family_url: str = ""
    key: tuple = ()  # the ranking key, kept for tests and the benchmark


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    corrected: str = ""  # the query as read, when a word was corrected
    partial: bool = False  # no title had every word; these have some
    suggestions: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    too_short: bool = False


def search_query_clean(raw: str) -> str:
    cleaned = " ".join(raw.replace("\x00", " ").split())
    return cleaned[:SEARCH_MAX_QUERY]


def search(raw: str, *, user=None, limit: int = 20) -> SearchResults:
    query = search_query_clean(raw)
    results = SearchResults(query=query)
    typed = words(query)
    if len(query) < 2 or not typed:
        results.too_short = bool(query)
        return results
    catalog = search_catalog()
    slots, corrected = _slots(typed, catalog)
    if corrected != typed:
        results.corrected = " ".join(corrected)
    show_drafts = bool(getattr(user, "is_staff", False))
    hits = _ranked(slots, catalog, every_slot=True, show_drafts=show_drafts, limit=limit)
    if not hits:
        hits = _ranked(slots, catalog, every_slot=False, show_drafts=show_drafts, limit=limit)
        results.partial = bool(hits)
    results.hits = hits
    if not results.hits:
        results.suggestions = [
            (name, reverse("role_list") + f"?family={quote(slug)}")
            for name, slug in catalog.families
        ]
    return results


# What a query finds is the same for every reader but staff (who also see drafts) until
# content changes: kept per content version and process.
search_kept = per_content_version_by(
    lambda raw, *, user=None, limit=20: (
        search_query_clean(raw),
        bool(getattr(user, "is_staff", False)),
        limit,
    ),
    limit=2000,
)(search)


def _slots(typed: tuple[str, ...], catalog: SearchCatalog) -> tuple[list[Slot], tuple[str, ...]]:
    """The query as slots, and the words as read (with corrections) for "showing results
    for". Synonyms are found first (longest first); every other word may be corrected."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(typed):
        for size in range(min(SYNONYM_MAX_WORDS, len(typed) - start), 0, -1):
            if typed[start : start + size] in catalog.synonyms:
                spans.append((start, start + size))
                start += size
                break
        else:
            spans.append((start, start + 1))
            start += 1
    last = len(typed) - 1
    near = _near_words(typed, catalog)
    slots: list[Slot] = []
    read: list[str] = []
    for begin, end in spans:
        span = typed[begin:end]
        begun = end - 1 == last  # the word being typed may be unfinished
        options = [Option(span, prefix=begun)]
        synonym = catalog.synonyms.get(span)
        if synonym is not None:
            meaning = words(synonym.meaning)
            if meaning and meaning != span:
                options.append(Option(meaning, via="synonym"))
            read.extend(span)
        else:
            word = span[0]
            corrections = near.get(word, [])
            if corrections and begun and _begins_a_word(word, catalog):
                corrections = []  # still being typed: "engin" is engineer, not engine
            options += [Option((fix,), via="corrected") for fix in corrections]
            read.append(corrections[0] if corrections else word)
        slots.append(options)
    return slots, tuple(read)


def _near_words(typed: tuple[str, ...], catalog: SearchCatalog) -> dict[str, list[str]]:
    """For each typed word that no title uses (and long enough to correct), the known words
    one edit away, most used first. A plural with a slip ("pharmacitss") is not read as a
    singular, so the word without its final "s" is tried as well."""
    forms = {word: _forms(word) for word in typed if len(word) >= TYPO_MIN_LENGTH}
    found = spellings_near({form for word_forms in forms.values() for form in word_forms})
    known = {word for _, word, _ in found} | set(catalog.frequency)
    corrections = {}
    for word, word_forms in forms.items():
        if word in known:
            continue
        candidates: dict[str, int] = {}
        pairs = [(candidate, frequency) for _, candidate, frequency in found]
        pairs += [
            (candidate, catalog.frequency[candidate])
            for form in word_forms
            for variant in {form} | deletions(form)
            for candidate in catalog.spellings.get(variant, ())
        ]
        for candidate, frequency in pairs:
            if any(one_edit_apart(form, candidate) for form in word_forms):
                candidates[candidate] = candidates.get(candidate, 0) + frequency
        if candidates:
            ranked = sorted(candidates, key=lambda c: (-candidates[c], c))
            corrections[word] = ranked[:CORRECTIONS_PER_WORD]
    return corrections


def _forms(word: str) -> list[str]:
    if word.endswith("s") and len(word) > TYPO_MIN_LENGTH:
        return [word, word[:-1]]
    return [word]


def _begins_a_word(start: str, catalog: SearchCatalog) -> bool:
    if catalog.words_beginning(start):
        return True
    return known_prefix(start)


def _combinations(slots: list[Slot]) -> list[tuple[tuple[str, ...], bool, int]]:
    """(words, last word begun, the tier of an exact match) for each way of choosing one
    option per slot, capped."""
    combos = []
    for choice in itertools.islice(itertools.product(*slots), COMBINATIONS_MAX):
        sequence = tuple(word for option in choice for word in option.words)
        vias = {option.via for option in choice}
        if "corrected" in vias:
            exact = Tier.EXACT_CORRECTED
        elif "synonym" in vias:
            exact = Tier.EXACT_MEANT
        else:
            exact = Tier.EXACT
        combos.append((sequence, choice[-1].prefix, exact))
    return combos


def _option_met(option: Option, entry_words: tuple[str, ...], present: set[str]) -> bool:
    *whole, last = option.words
    if not all(word in present for word in whole):
        return False
    if last in present:
        return True
    return option.prefix and any(word.startswith(last) for word in entry_words)


def _tier(
    entry_words: tuple[str, ...], slots: list[Slot], combos, *, every_slot: bool
) -> int | None:
    """How well an entry matches, or None when it does not."""
    present = set(entry_words)
    met = [any(_option_met(option, entry_words, present) for option in slot) for slot in slots]
    if not every_slot:
        return Tier.SOME_WORDS if any(met) else None
    if not all(met):
        return None
    best = Tier.BEGUN
    for sequence, begun, exact in combos:
        size = len(sequence)
        if entry_words == sequence:
            best = min(best, exact)
            continue
        starts = entry_words[:size] == sequence or (
            begun
            and entry_words[: size - 1] == sequence[:-1]
            and size <= len(entry_words)
            and entry_words[size - 1].startswith(sequence[-1])
        )
        if starts:
            best = min(best, Tier.STARTS)
        elif all(word in present for word in sequence):
            best = min(best, Tier.ALL_WORDS)
    return best


def _ranked(
    slots: list[Slot],
    catalog: SearchCatalog,
    *,
    every_slot: bool,
    show_drafts: bool,
    limit: int,
) -> list[SearchHit]:
    """The best `limit` hits. Candidates are ranked as (key, entry) pairs; only the ones
    shown become hits, since building a link costs more than ranking."""
    combos = _combinations(slots)
    best: dict[tuple[str, str], tuple[tuple, RoleEntry | EntryRow]] = {}

    def keep(ident: tuple[str, str], key: tuple, entry) -> None:
        current = best.get(ident)
        if current is None or key < current[0]:
            best[ident] = (key, entry)

    for entry in _role_candidates(slots, catalog, every_slot=every_slot):
        if not (entry.published or show_drafts):
            continue
        tier = _tier(entry.words, slots, combos, every_slot=every_slot)
        if tier is not None:
            keep(("role", entry.slug), _role_key(entry, tier, slots, combos, every_slot), entry)
    whole = sorted({" ".join(sequence) for sequence, _, _ in combos})
    for row in entry_candidates(slots, whole=whole, every_slot=every_slot):
        entry_words = tuple(row.phrase.split())
        tier = _tier(entry_words, slots, combos, every_slot=every_slot)
        if tier is not None:
            keep(("occupation", row.code), _occupation_key(row, entry_words, tier, slots), row)
    ordered = _roles_before_their_occupations(sorted(best.values(), key=lambda pair: pair[0]))
    shown, more_levels = _one_rung_per_family(ordered, slots, combos)
    hits = [_hit(entry, key, slots, combos) for key, entry in shown[:limit]]
    for hit, (_, entry) in zip(hits, shown, strict=False):
        if isinstance(entry, RoleEntry) and more_levels.get(entry.slug):
            hit.more_levels = more_levels[entry.slug]
            hit.family_url = reverse("role_list") + f"?family={quote(entry.family_slug)}"
    return hits


def _one_rung_per_family(ranked: list[tuple], slots, combos) -> tuple[list[tuple], dict]:
    """Rungs found only through their family's names ("software engineer" is an alias of
    the whole backend ladder) show as the family's best rung and a count of the others,
    so one ladder does not fill the page. A rung whose own title matches always shows."""
    shown, shown_for_family, more = [], {}, {}
    for key, entry in ranked:
        if isinstance(entry, RoleEntry) and entry.source >= RoleSource.FAMILY_ALIAS:
            own_title = _tier(entry.title_words, slots, combos, every_slot=True) is not None
            if not own_title:
                first = shown_for_family.setdefault(entry.family_slug, entry.slug)
                if first != entry.slug:
                    more[first] = more.get(first, 0) + 1
                    continue
        shown.append((key, entry))
    return shown, more  # more: the shown rung's slug → how many rungs it stands for


def _role_candidates(slots: list[Slot], catalog: SearchCatalog, *, every_slot: bool):
    """The catalog entries that contain a word of every slot (of any, with every_slot
    False), found through the catalog's word index rather than by testing each entry."""
    found: set[int] | None = None
    for slot in slots:
        in_slot: set[int] = set()
        for option in slot:
            first = option.words[0]
            if option.prefix and len(option.words) == 1:
                for word in catalog.words_beginning(first):
                    in_slot |= catalog.word_entries.get(word, set())
            else:
                in_slot |= catalog.word_entries.get(first, set())
        if found is None:
            found = in_slot
        elif every_slot:
            found &= in_slot
        else:
            found |= in_slot
    return [catalog.entries[index] for index in sorted(found or ())]


def _words_met(entry_words: tuple[str, ...], slots: list[Slot]) -> int:
    present = set(entry_words)
    return sum(any(_option_met(option, entry_words, present) for option in slot) for slot in slots)


def _synonym_used(entry_words: tuple[str, ...], slots: list[Slot]) -> str:
    present = set(entry_words)
    for slot in slots:
        typed, *others = slot
        if _option_met(typed, entry_words, present):
            continue
        for option in others:
            if option.via == "synonym" and _option_met(option, entry_words, present):
                return f"{' '.join(typed.words).upper()} means {' '.join(option.words)}"
    return ""


def _role_key(entry: RoleEntry, tier: int, slots, combos, every_slot: bool) -> tuple:
    # A role's own names and its family's own aliases rank before occupations' names; a
    # family's name and an alias several families share rank after them.
    kind_rank = 0 if entry.source <= RoleSource.FAMILY_ALIAS else 2
    # Of a family's rungs that its alias matched, the one whose title names a particular
    # job containing the query ("IT support" → IT Support Technician), else the usual level
    # ("SOC analyst" → the mid-level analyst, not the Junior SOC Analyst).
    job_tier = _tier(entry.job_words, slots, combos, every_slot=every_slot)
    own_title = job_tier is not None and job_tier >= Tier.STARTS
    return (
        tier,
        -_words_met(entry.words, slots) if not every_slot else 0,
        kind_rank,
        entry.source,
        0 if own_title else 1,
        entry.level_distance,
        -entry.employment,
        len(entry.title),
        entry.slug,
    )


def _occupation_key(row: EntryRow, entry_words: tuple[str, ...], tier: int, slots) -> tuple:
    return (
        tier,
        -_words_met(entry_words, slots) if tier == Tier.SOME_WORDS else 0,
        1,
        row.source,
        0,
        0 if row.broad else 1,
        -row.employment,
        len(row.title),
        row.code,
    )


# Why a role matched when its own title does not say so.
_ROLE_MATCHED = {
    RoleSource.ALIAS: "also called",
    RoleSource.FAMILY_ALIAS: "its family's jobs are also called",
    RoleSource.SHARED_ALIAS: "its family's jobs are also called",
    RoleSource.FAMILY_NAME: "a rung of",
}


def _hit(entry: RoleEntry | EntryRow, key: tuple, slots, combos) -> SearchHit:
    if isinstance(entry, RoleEntry):
        own_title = _tier(entry.title_words, slots, combos, every_slot=True) is not None
        matched_source = "" if own_title else _ROLE_MATCHED.get(entry.source, "")
        return SearchHit(
            kind="role",
            title=entry.title,
            url=reverse("role_detail", args=[entry.slug]),
            family=entry.family,
            matched=entry.label if matched_source else "",
            matched_source=matched_source,
            synonym=_synonym_used(entry.words, slots),
            occupation_code=entry.occupation_code,
            key=key,
        )
    entry_words = tuple(entry.phrase.split())
    also_called = (
        entry.source != SearchEntry.Source.TITLE and entry.label.lower() != entry.title.lower()
    )
    return SearchHit(
        kind="occupation",
        title=entry.title,
        url=reverse("occupation_detail", args=[entry.code]),
        code=entry.code,
        matched=entry.label if also_called else "",
        matched_source="also called" if also_called else "",
        synonym=_synonym_used(entry_words, slots),
        key=key,
    )


def _roles_before_their_occupations(ranked: list[tuple]) -> list[tuple]:
    """A role ranks above its own occupation when both match as well (the same tier)
    through the role's own names."""
    ordered = list(ranked)
    for pair in ranked:
        key, entry = pair
        if not isinstance(entry, RoleEntry) or not entry.occupation_code or key[2] != 0:
            continue
        role_at = ordered.index(pair)
        occupation_at = next(
            (
                index
                for index, (_, other) in enumerate(ordered[:role_at])
                if isinstance(other, EntryRow) and other.code == entry.occupation_code
            ),
            None,
        )
        if occupation_at is not None and ordered[occupation_at][0][0] >= key[0]:
            ordered.insert(occupation_at, ordered.pop(role_at))
    return ordered
