"""The move graph, built from the catalog and the O*NET/BLS data once per content version.

Nodes are the published roles and the O*NET occupations related to their occupations.
Edges, each with what carries over, what is missing (ordered) and the pay basis:
- the editors' moves between published roles: advancement (a higher band), change of
  track (same band, the other track) and lateral moves;
- computed laterals: for each role, roles in other families at the same or an adjacent
  band whose skills (on the shared vocabulary) it brings most of;
- related occupations: O*NET's related occupations of the role's occupation, which may
  lie outside the catalog; their gap comes from O*NET's skill and knowledge ratings.

Cost of a move, in years-equivalent: its typical time (the middle of "typically 2–4
years"; a default per kind when none is written) plus GAP_YEARS per gap point, where a gap
point is one level short on a skill of importance 5 (importance × levels short / 5).

A move that rises a band costs at least what a promotion does (DEFAULT_YEARS["advancement"]
per band), whatever it is called.

Lateral ranking (one score for all three sources): the share of the target's skills the
person brings, plus a bonus for the source (an editor's move SOURCE_BONUS, O*NET's closest
tiers RELATED_BONUS), minus PAY_PENALTY when the move usually pays much less. A related
occupation's share comes from O*NET's broad ratings rather than the catalog's skill lists,
so it counts RELATED_SHARE_WEIGHT of itself.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from careers.models import ElementRating, Occupation, RelatedOccupation, Role, Transition
from careers.moves.graph import Edge, Graph
from careers.selectors.links import (
    OccupationBasis,
    bls_group_sizes,
    figure_bases,
    figures_compare,
)
from careers.selectors.skills import role_skill_needs, skill_gap, skill_requirements_for

GAP_YEARS = 0.1
DEFAULT_YEARS = {
    "advancement": 2.5,
    "track_change": 1.0,
    "lateral": 1.0,
    "computed": 1.0,
    "related": 1.5,
}
COMPUTED_PER_ROLE = 4
COMPUTED_MIN_SHARE = 0.5
RELATED_PER_ROLE = 6
RELATED_TIERS = (RelatedOccupation.Tier.PRIMARY_SHORT, RelatedOccupation.Tier.PRIMARY_LONG)
SOURCE_BONUS = 0.2
RELATED_BONUS = {
    RelatedOccupation.Tier.PRIMARY_SHORT: 0.1,
    RelatedOccupation.Tier.PRIMARY_LONG: 0.05,
}
PAY_PENALTY = 0.15
RELATED_SHARE_WEIGHT = 0.75
# "Usually pays much less": the target's median wage below this share of the source's.
MUCH_LESS = 0.85
# O*NET ratings: an element counts when it matters (importance ≥ 3 of 5); a level gap
# (0–7 scale) smaller than this is noise.
ELEMENT_IMPORTANT = 3.0
ELEMENT_LEVEL_GAP = 0.5
YEARS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:[–-]\s*(\d+(?:\.\d+)?))?\s*(year|month)")


def typical_years(text: str, kind: str) -> float:
    """ "typically 2–4 years" → 3.0; "6–12 months" → 0.75; nothing → the kind's default."""
    match = YEARS.search(text or "")
    if not match:
        return DEFAULT_YEARS[kind]
    low = float(match.group(1))
    high = float(match.group(2) or low)
    middle = (low + high) / 2
    return middle / 12 if match.group(3) == "month" else middle


def role_node(slug: str) -> str:
    return f"role:{slug}"


def role_slug(node: str) -> str:
    """The role slug of a role's node key (the inverse of role_node)."""
    return node.removeprefix("role:")


def occupation_node(code: str) -> str:
    return f"occupation:{code}"


@dataclass(frozen=True)
class NodeInfo:
    key: str
    title: str
    url: str
    kind: str  # "role" or "occupation"
    family: str = ""
    band: int = 0
    occupation_code: str = ""
    occupation_title: str = ""
    bls_id: int | None = None


def _pay(source_basis, target_basis) -> dict:
    comparison = figures_compare(source_basis, target_basis)
    pay = {"kind": comparison.kind, "caveats": comparison.caveats}
    if comparison.kind in ("direct", "indicative"):
        low, high = comparison.source.bls.wage_median, comparison.target.bls.wage_median
        pay |= {"from": low, "to": high}
        if low and high:
            pay["much_less"] = high < MUCH_LESS * low
    return pay


def _gap_from_skills(gap) -> tuple[list[dict], list[str], float, float]:
    learn = [
        {
            "name": step.need.skill.name,
            "importance": step.need.importance,
            "have": step.have,
            "need": step.need.level,
        }
        for step in gap.to_learn
    ]
    points = sum(step.weight for step in gap.to_learn) / 5
    carried = [need.skill.name for need in gap.carries_over]
    return learn, carried, points, gap.share_carried


def _occupation_gap(
    source: dict, target: dict, names: dict
) -> tuple[list[dict], list[str], float, float]:
    """O*NET ratings (element id → (importance, level)) of two occupations."""
    important = {e: r for e, r in target.items() if r[0] >= ELEMENT_IMPORTANT}
    learn, carried = [], []
    for element, (importance, level) in important.items():
        held = source.get(element, (0, 0))[1]
        if level - held >= ELEMENT_LEVEL_GAP:
            # Levels run 0–7 in O*NET; expressed on the catalog's 1–5 scale for the weight.
            short = (level - held) * 5 / 7
            learn.append(
                {
                    "name": names[element],
                    "importance": round(importance),
                    "have": round(held * 5 / 7, 1),
                    "need": round(level * 5 / 7, 1),
                    "weight": importance * short,
                }
            )
        else:
            carried.append(names[element])
    learn.sort(key=lambda item: (-item["weight"], item["name"]))
    points = sum(item["weight"] for item in learn) / 5
    share = len(carried) / len(important) if important else 0.0
    return learn, sorted(carried), points, share


@dataclass
class MoveGraph:
    graph: Graph
    nodes: dict[str, NodeInfo]


def move_graph_build() -> MoveGraph:
    """Everything in a constant number of queries (about ten), whatever the catalog size."""
    roles = list(Role.objects.published().with_landscape())
    by_id = {role.id: role for role in roles}
    bases = figure_bases(roles)
    requirements = skill_requirements_for(roles)
    needs = {role.id: role_skill_needs(requirements, role) for role in roles}
    graph = Graph()
    nodes: dict[str, NodeInfo] = {}
    for role in roles:
        bls = bases[role.id].bls
        nodes[role_node(role.slug)] = NodeInfo(
            key=role_node(role.slug),
            title=role.title,
            url=role.get_absolute_url(),
            kind="role",
            family=role.family.name,
            band=role.level.band,
            occupation_code=role.occupation.code if role.occupation else "",
            occupation_title=role.occupation.title if role.occupation else "",
            bls_id=bls.pk if bls else None,
        )

    def role_edge(source: Role, target: Role, kind: str, *, time_text: str = "", texts=None):
        learn, carried, points, share = _gap_from_skills(
            skill_gap(have=needs[source.id], need=needs[target.id])
        )
        years = typical_years(time_text, kind)
        # Rising a band takes what a promotion takes, however the move is labelled.
        rise = target.level.band - source.level.band
        if rise > 0:
            years = max(years, DEFAULT_YEARS["advancement"] * rise)
        graph.add(
            Edge(
                role_node(source.slug),
                role_node(target.slug),
                kind,
                round(years + GAP_YEARS * points, 3),
                {
                    "learn": learn,
                    "carried": carried,
                    "share": round(share, 3),
                    "years": years,
                    "time_text": time_text,
                    "pay": _pay(bases[source.id], bases[target.id]),
                    **(texts or {}),
                },
            )
        )

    # O*NET's related occupations of each role's occupation, every tier: they also say how
    # closely O*NET relates the occupations behind a move between two roles.
    role_occupations = {role.occupation_id for role in roles if role.occupation_id}
    related = defaultdict(list)
    for row in RelatedOccupation.objects.filter(occupation_id__in=role_occupations).order_by(
        "rank"
    ):
        related[row.occupation_id].append(row)
    tiers = {(r.occupation_id, r.related_id): r.tier for rows in related.values() for r in rows}

    def tier_between(source: Role, target: Role) -> dict:
        tier = tiers.get((source.occupation_id, target.occupation_id))
        return {"tier": RelatedOccupation.Tier(tier).label} if tier else {}

    editorial = defaultdict(set)
    for move in Transition.objects.filter(from_role__in=by_id, to_role__in=by_id):
        source, target = by_id[move.from_role_id], by_id[move.to_role_id]
        editorial[source.id].add(target.id)
        role_edge(
            source,
            target,
            move.kind,
            time_text=move.typical_time,
            texts={"note": move.note, "requirements": move.requirements}
            | tier_between(source, target),
        )

    # Computed laterals: other families, same or adjacent band, most skills carried over.
    for source in roles:
        held = {need.skill.pk for need in needs[source.id]}
        scored = []
        for target in roles:
            if target.family_id == source.family_id or target.id in editorial[source.id]:
                continue
            if abs(target.level.band - source.level.band) > 1 or not needs[target.id]:
                continue
            wanted = needs[target.id]
            share = sum(n.importance for n in wanted if n.skill.pk in held) / sum(
                n.importance for n in wanted
            )
            if share >= COMPUTED_MIN_SHARE:
                scored.append((share, target.level.band, target.title, target))
        scored.sort(key=lambda item: (-item[0], abs(item[1] - source.level.band), item[2]))
        for _, _, _, target in scored[:COMPUTED_PER_ROLE]:
            role_edge(source, target, "computed", texts=tier_between(source, target))

    # Related occupations outside the catalog, from O*NET's closest tiers.
    related = {
        occupation: [row for row in rows if row.tier in RELATED_TIERS]
        for occupation, rows in related.items()
    }
    targets = {row.related_id for rows in related.values() for row in rows}
    occupations = {
        o.id: o
        for o in Occupation.objects.filter(id__in=targets | role_occupations).select_related("bls")
    }
    sizes = bls_group_sizes(o.bls_id for o in occupations.values())
    ratings: dict[int, dict] = defaultdict(dict)
    names = {}
    for occupation_id, element_id, name, importance, level in ElementRating.objects.filter(
        occupation_id__in=occupations,
        element__domain__in=("skill", "knowledge"),
        importance__isnull=False,
        level__isnull=False,
        importance_suppressed=False,
        level_suppressed=False,
    ).values_list("occupation_id", "element_id", "element__name", "importance", "level"):
        ratings[occupation_id][element_id] = (importance, level)
        names[element_id] = name
    mapped = {role.occupation_id for role in roles}
    for source in roles:
        rows = [r for r in related.get(source.occupation_id, []) if r.related_id not in mapped]
        for row in rows[:RELATED_PER_ROLE]:
            target = occupations[row.related_id]
            node = occupation_node(target.code)
            if node not in nodes:
                nodes[node] = NodeInfo(
                    key=node,
                    title=target.title,
                    url=f"/occupations/{target.code}/",
                    kind="occupation",
                    occupation_code=target.code,
                    occupation_title=target.title,
                    bls_id=target.bls_id,
                )
            learn, carried, points, share = _occupation_gap(
                ratings.get(source.occupation_id, {}), ratings.get(target.id, {}), names
            )
            years = DEFAULT_YEARS["related"]
            basis = OccupationBasis(target, sizes.get(target.bls_id, 1) if target.bls_id else 1)
            graph.add(
                Edge(
                    role_node(source.slug),
                    node,
                    "related",
                    round(years + GAP_YEARS * points, 3),
                    {
                        "learn": [{k: v for k, v in i.items() if k != "weight"} for i in learn],
                        "carried": carried,
                        "share": round(share, 3),
                        "years": years,
                        "time_text": "",
                        "tier": RelatedOccupation.Tier(row.tier).label,
                        "tier_key": row.tier,
                        "pay": _pay(bases[source.id], basis),
                    },
                )
            )
    return MoveGraph(graph=graph, nodes=nodes)


def lateral_score(edge: Edge) -> float:
    """One ranking for editors' laterals, computed laterals and related occupations."""
    detail = edge.detail
    score = detail.get("share", 0.0)
    if edge.kind == "lateral":
        score += SOURCE_BONUS
    elif edge.kind == "related":
        score = RELATED_SHARE_WEIGHT * score + RELATED_BONUS.get(detail.get("tier_key"), 0.0)
    if detail.get("pay", {}).get("much_less"):
        score -= PAY_PENALTY
    return round(score, 3)
