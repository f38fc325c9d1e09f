"""The catalog side of search, held in memory per content version: every role under its
title, its aliases and its family's names, the synonyms editors keep, and the words all of
these use (so a role's words are known and can be corrected to, like the occupations')."""

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from careers.models import JobFamily, Role
from careers.search.models import SearchSynonym
from careers.search.text import TYPO_MIN_LENGTH, deletions, phrase, words
from careers.versioning import per_content_version

# Words that place a title on a ladder rather than name a job.
LEVEL_WORDS = frozenset({"junior", "associate", "mid", "senior", "staff", "principal", "lead"})


class RoleSource:
    # In the order a match on them is trusted. A family's names (and an alias that several
    # families share) describe the whole ladder, so they rank after occupations' titles.
    TITLE = 1
    ALIAS = 2
    FAMILY_ALIAS = 3
    FAMILY_NAME = 4
    SHARED_ALIAS = 5


@dataclass(frozen=True)
class RoleEntry:
    words: tuple[str, ...]
    label: str
    source: int
    slug: str
    title: str
    family: str
    family_slug: str
    published: bool
    employment: int
    occupation_code: str
    title_words: tuple[str, ...]
    job_words: tuple[str, ...]  # the title without its level ("Senior", "Staff", …)
    # How far the role's level is from the one an unqualified title means (mid-level, or a
    # track's first rung), so "UX designer" finds the product designer, not the staff one.
    level_distance: int


@dataclass
class SearchCatalog:
    entries: list[RoleEntry] = field(default_factory=list)
    frequency: Counter = field(default_factory=Counter)
    spellings: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    synonyms: dict[tuple[str, ...], SearchSynonym] = field(default_factory=dict)
    families: list[tuple[str, str]] = field(default_factory=list)  # (name, slug)
    word_entries: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    sorted_words: list[str] = field(default_factory=list)

    def words_beginning(self, start: str) -> list[str]:
        """The known catalog words that begin with these letters."""
        at = bisect.bisect_left(self.sorted_words, start)
        found = []
        while at < len(self.sorted_words) and self.sorted_words[at].startswith(start):
            found.append(self.sorted_words[at])
            at += 1
        return found


def _build() -> SearchCatalog:
    catalog = SearchCatalog()
    families = list(JobFamily.objects.order_by("name"))
    catalog.families = [(family.name, family.slug) for family in families]
    alias_families = Counter(
        phrase(alias) for family in families for alias in {phrase(a) for a in family.aliases}
    )
    roles = Role.objects.select_related("family", "level", "occupation__bls")
    for role in roles:
        level = role.level
        usual_order = 2 if level.track == "ic" else 1
        common = {
            "slug": role.slug,
            "title": role.title,
            "family": role.family.name,
            "family_slug": role.family.slug,
            "published": role.status == Role.Status.PUBLISHED,
            "employment": (role.occupation.bls.employment_base or 0)
            if role.occupation and role.occupation.bls
            else 0,
            "occupation_code": role.occupation.code if role.occupation else "",
            "title_words": words(role.title),
            "job_words": tuple(word for word in words(role.title) if word not in LEVEL_WORDS),
            "level_distance": abs(level.order - usual_order),
        }
        names = [(role.title, RoleSource.TITLE)]
        names += [(alias, RoleSource.ALIAS) for alias in role.aliases]
        names += [
            (
                alias,
                RoleSource.SHARED_ALIAS
                if alias_families[phrase(alias)] > 1
                else RoleSource.FAMILY_ALIAS,
            )
            for alias in role.family.aliases
        ]
        names.append((role.family.name, RoleSource.FAMILY_NAME))
        seen = set()
        for label, source in names:
            indexed = words(label)
            if indexed and indexed not in seen:
                seen.add(indexed)
                catalog.entries.append(RoleEntry(indexed, label, source, **common))
    for synonym in SearchSynonym.objects.all():
        term = words(synonym.term)
        if term:
            catalog.synonyms[term] = synonym
    texts = [entry.words for entry in catalog.entries]
    texts += [words(synonym.meaning) for synonym in catalog.synonyms.values()]
    for text in texts:
        for word in set(text):
            catalog.frequency[word] += 1
    for index, entry in enumerate(catalog.entries):
        for word in entry.words:
            catalog.word_entries[word].add(index)
    catalog.sorted_words = sorted(catalog.frequency)
    for word in catalog.frequency:
        catalog.spellings[word].add(word)
        if len(word) >= TYPO_MIN_LENGTH:
            for variant in deletions(word):
                catalog.spellings[variant].add(word)
    return catalog


search_catalog = per_content_version(_build)
