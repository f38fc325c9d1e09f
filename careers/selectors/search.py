"""One search over occupations (titles and alternate titles) and roles."""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from careers.models import AlternateTitle, Occupation, Role

SEARCH_MAX_QUERY = 100


@dataclass
class SearchHit:
    kind: str  # "occupation" or "role"
    title: str
    url: str
    code: str = ""  # an occupation's O*NET-SOC code
    family: str = ""  # a role's job family
    matched: str = ""  # the alternate title that matched, if any
    rank: int = 99


def search_query_clean(raw: str) -> str:
    cleaned = " ".join(raw.replace("\x00", " ").split())
    return cleaned[:SEARCH_MAX_QUERY]


def _match_rank(candidate: str, query: str, *, exact: int) -> int:
    """exact, exact + 2 for a prefix, exact + 4 for anywhere, 6 for a word-level match."""
    candidate, query = candidate.lower(), query.lower()
    if candidate == query:
        return exact
    if candidate.startswith(query):
        return exact + 2
    if query in candidate:
        return exact + 4
    return 6


def _fulltext_match(query: str) -> RawSQL | None:
    """PostgreSQL full-text match on alternate titles: stemmed, any word order, the last
    word as a prefix (so results appear while typing). The expression matches the GIN index
    in migration 0002 exactly, so the planner can use it."""
    words = re.findall(r"\w+", query.lower())
    if not words:
        return None
    terms = [f"{word}:*" if index == len(words) - 1 else word for index, word in enumerate(words)]
    return RawSQL(
        "to_tsvector('english'::regconfig, careers_alternatetitle.title) "
        "@@ to_tsquery('english'::regconfig, %s)",
        (" & ".join(terms),),
        output_field=BooleanField(),
    )


def occupation_search(*, query: str, limit: int = 20) -> list[SearchHit]:
    """Occupations whose title or an alternate title matches, best first.

    Rank: exact title (0), exact alternate title (1), title prefix (2), alternate prefix (3),
    title contains (4), alternate contains (5), and on PostgreSQL word matches that are not
    substrings, such as plurals or another word order (6). Two queries on either database.
    """
    query = search_query_clean(query)
    if len(query) < 2:
        return []
    hits: dict[str, SearchHit] = {}

    def add(code: str, title: str, rank: int, matched: str = "") -> None:
        current = hits.get(code)
        if current is None or rank < current.rank:
            hits[code] = SearchHit(
                kind="occupation",
                title=title,
                url=f"/occupations/{code}/",
                code=code,
                matched=matched,
                rank=rank,
            )

    for code, title in (
        Occupation.objects.filter(title__icontains=query)
        .order_by(Length("title"), "title")
        .values_list("code", "title")[: limit * 2]
    ):
        add(code, title, _match_rank(title, query, exact=0))

    alternates = AlternateTitle.objects.all()
    fulltext = _fulltext_match(query) if connection.vendor == "postgresql" else None
    if fulltext is not None:
        # Whole words (stemmed, the last one as a prefix) through the GIN index; a
        # substring scan of every alternate title would cost more than the whole page.
        alternates = alternates.filter(fulltext)
    else:
        alternates = alternates.filter(title__icontains=query)
    for code, title, matched in alternates.order_by(Length("title"), "title").values_list(
        "occupation__code", "occupation__title", "title"
    )[: limit * 10]:
        add(code, title, _match_rank(matched, query, exact=1), matched)
    ordered = sorted(hits.values(), key=lambda hit: (hit.rank, hit.title))
    return ordered[:limit]


def role_search(*, query: str, user=None, limit: int = 10) -> list[SearchHit]:
    """Roles whose title or family name matches; one query."""
    query = search_query_clean(query)
    if len(query) < 2:
        return []
    roles = (
        Role.objects.visible_to(user)
        .filter(Q(title__icontains=query) | Q(family__name__icontains=query))
        .select_related("family")
        .order_by(Length("title"), "title")[: limit * 3]
    )
    hits = [
        SearchHit(
            kind="role",
            title=role.title,
            url=role.get_absolute_url(),
            family=role.family.name,
            rank=_match_rank(role.title, query, exact=0),
        )
        for role in roles
    ]
    return sorted(hits, key=lambda hit: (hit.rank, hit.title))[:limit]
