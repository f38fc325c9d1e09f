"""Personas against the catalog: where a described person's answers place each family.
Used by the content tests and by bench/personas.py; files only, no database."""

import tomllib

from assessments.profile import dimension_positions, role_fit
from assessments.profile_files import ProfileContent, family_profile_at
from careers.catalog_files import CATALOG_DIR, NOT_FAMILIES


def catalog_levels(directory=CATALOG_DIR) -> dict[str, list[str]]:
    """Each family in the role catalog files and the levels of its roles, in file order."""
    return {
        data["slug"]: [role["level"] for role in data["roles"]]
        for data in (
            tomllib.loads(path.read_text(encoding="utf-8"))
            for path in sorted(directory.glob("*.toml"))
            if path.name not in NOT_FAMILIES
        )
    }


def persona_fits(persona: dict, content: ProfileContent, levels: dict[str, list[str]]):
    """The persona's mean score per family, and (level, Fit) for each level of its own."""
    items = {item["key"]: item for item in content.items}
    answered = [{**items[key], "answer": value[0]} for key, value in persona["answers"].items()]
    positions = dimension_positions(answered)
    accepted = {key: value[0] for key, value in (persona.get("conditions") or {}).items()}
    means, own = {}, []
    for family, family_levels in levels.items():
        fits = [
            (
                level,
                role_fit(
                    role={"slug": level, **family_profile_at(content.families[family], level)},
                    positions=positions,
                    accepted=accepted,
                ),
            )
            for level in family_levels
        ]
        means[family] = sum(fit.score for _, fit in fits) / len(fits)
        if family == persona["family"]:
            own = fits
    return means, own
