"""Moves in the words and figures pages show, as plain data: the same dictionaries render
a role page's next steps, the planner's routes and a saved plan (which keeps them as they
were, so later edits never change it)."""

from careers.models import BlsOccupation
from careers.moves.build import NodeInfo, role_slug
from careers.moves.graph import Edge
from careers.templatetags.figures import wage
from careers.templatetags.skills import proficiency_name

KIND_LABELS = {
    "advancement": "Advancement",
    "track_change": "Lateral change of track",
    "lateral": "Lateral move",
    "computed": "Lateral move: shared skills",
    "related": "Related occupation (O*NET)",
    "occupation": "Counted in this occupation",
}
SKILLS_SHOWN = 6
CARRIED_SHOWN = 6


def pay_sentence(
    pay: dict, source: BlsOccupation | None, target: BlsOccupation | None, citation: str
) -> str:
    """What the figures can honestly say about a move's pay (the honest-links rules)."""
    kind = pay.get("kind")
    if kind == "same" and target:
        return (
            f"BLS publishes one figure for both roles, for “{target.title}” ({target.code}): "
            f"median {wage(target, 'median')} ({citation}). BLS does not publish pay by level, "
            "so this figure cannot show a raise or a cut."
        )
    if kind in ("direct", "indicative") and source and target:
        sentence = (
            f"Median pay {wage(target, 'median')} in “{target.title}” ({target.code}), "
            f"against {wage(source, 'median')} in “{source.title}” ({source.code}) "
            f"({citation})."
        )
        if kind == "indicative":
            sentence = (
                f"Indicative only: {'; '.join(pay.get('caveats', []))}. {sentence} Part of "
                "any difference may come from how the work maps to BLS codes."
            )
        return sentence
    return "BLS publishes no comparable pay figures for this move."


def _learn(items: list[dict]) -> list[dict]:
    return [
        {
            "name": item["name"],
            "from": proficiency_name(round(item["have"])) if item["have"] else "",
            "to": proficiency_name(max(1, round(item["need"]))),
        }
        for item in items
    ]


def step_data(
    nodes: dict[str, NodeInfo], edge: Edge, bls: dict[int, BlsOccupation], citation: str
) -> dict:
    source, target = nodes[edge.source], nodes[edge.target]
    detail = edge.detail
    learn = detail.get("learn", [])
    band_change = ""
    if target.kind == "role" and source.kind == "role" and target.band != source.band:
        band_change = "up" if target.band > source.band else "down"
    return {
        "kind": edge.kind,
        "kind_label": KIND_LABELS[edge.kind],
        "source_title": source.title,
        "target_title": target.title,
        "target_url": target.url,
        "target_is_role": target.kind == "role",
        "target_slug": role_slug(target.key) if target.kind == "role" else "",
        "note": detail.get("note", ""),
        "requirements": detail.get("requirements", ""),
        "time_text": detail.get("time_text", ""),
        "years": detail.get("years", 0),
        "learn": _learn(learn[:SKILLS_SHOWN]),
        "learn_more": max(0, len(learn) - SKILLS_SHOWN),
        "carried": detail.get("carried", [])[:CARRIED_SHOWN],
        "share": round(100 * detail.get("share", 0)),
        "tier": detail.get("tier", ""),
        "source_occupation": source.occupation_title,
        "target_occupation": target.occupation_title,
        "band_change": band_change,
        "much_less": bool(detail.get("pay", {}).get("much_less")),
        "pay_text": (
            pay_sentence(
                detail.get("pay", {}),
                bls.get(source.bls_id),
                bls.get(target.bls_id),
                citation,
            )
            if edge.kind != "occupation"
            else ""
        ),
    }


def bls_for(nodes: dict[str, NodeInfo], edges: list[Edge]) -> dict[int, BlsOccupation]:
    """The BLS rows behind these moves' figures, in one query."""
    ids = {
        nodes[key].bls_id
        for edge in edges
        for key in (edge.source, edge.target)
        if key in nodes and nodes[key].bls_id
    }
    return BlsOccupation.objects.in_bulk(ids) if ids else {}
