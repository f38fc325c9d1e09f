"""Read and check the work-style profile's catalog files (assessments/catalog/):
`profile.toml` (dimensions, trade-off items, conditions), `roles/<family>.toml` (what each
family's work rewards, with level adjustments) and `personas.toml` (people who check it).

Everything here works on the files alone and returns plain data that
`assessments.profile` scores.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

PROFILE_DIR = Path(settings.BASE_DIR) / "assessments" / "catalog"
ITEMS_PER_DIMENSION = 3
IMPORTANCE = range(1, 4)


class ProfileFileError(CommandError):
    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path.name}: {problem}")


@dataclass(frozen=True)
class ProfileContent:
    dimensions: list[dict]
    items: list[dict]
    conditions: list[dict]
    families: dict[str, dict]  # family slug → {rewards, conditions, levels}


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ProfileFileError(path, f"cannot be read: {error}") from None


def _text(path: Path, where: str, value) -> str:
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise ProfileFileError(path, f"{where}: must be non-empty text")
    return value


def profile_read(path: Path) -> tuple[list[dict], list[dict], list[dict]]:
    data = _load(path)
    dimensions = data.get("dimensions") or []
    keys = set()
    for index, dimension in enumerate(dimensions):
        for field in ("key", "name", "left", "right", "left_means", "right_means"):
            _text(path, f"dimensions[{index}].{field}", dimension.get(field))
        if dimension["key"] in keys:
            raise ProfileFileError(path, f"dimension {dimension['key']!r} is defined twice")
        keys.add(dimension["key"])
    items = data.get("items") or []
    seen = set()
    for index, item in enumerate(items):
        for field in ("key", "dimension", "left", "right"):
            _text(path, f"items[{index}].{field}", item.get(field))
        if item["dimension"] not in keys:
            raise ProfileFileError(path, f"{item['key']}: no dimension {item['dimension']!r}")
        if item["key"] in seen:
            raise ProfileFileError(path, f"item {item['key']!r} is defined twice")
        seen.add(item["key"])
        item.setdefault("reverse", False)
    for key in keys:
        own = [item for item in items if item["dimension"] == key]
        if len(own) < ITEMS_PER_DIMENSION:
            raise ProfileFileError(path, f"dimension {key!r} needs {ITEMS_PER_DIMENSION}+ items")
        if len({item["reverse"] for item in own}) < 2:
            raise ProfileFileError(
                path,
                f"dimension {key!r}: put its left pole on the left in some items and "
                "on the right in others (reverse = true)",
            )
    conditions = data.get("conditions") or []
    for index, condition in enumerate(conditions):
        _text(path, f"conditions[{index}].key", condition.get("key"))
        _text(path, f"conditions[{index}].question", condition.get("question"))
        levels = condition.get("levels")
        if not isinstance(levels, list) or len(levels) < 2:
            raise ProfileFileError(path, f"{condition['key']}: needs at least two levels")
    return dimensions, items, conditions


def _rewards_check(path: Path, where: str, rewards, dimensions: set[str]) -> None:
    for index, reward in enumerate(rewards):
        if reward.get("dimension") not in dimensions:
            raise ProfileFileError(path, f"{where}[{index}]: unknown dimension")
        if reward.get("pole") not in ("left", "right"):
            raise ProfileFileError(path, f"{where}[{index}]: pole must be left or right")
        if reward.get("importance") not in IMPORTANCE:
            raise ProfileFileError(path, f"{where}[{index}]: importance must be 1–3")
        _text(path, f"{where}[{index}].why", reward.get("why"))


def _conditions_check(path: Path, where: str, conditions, levels: dict[str, int]) -> None:
    for index, condition in enumerate(conditions):
        key = condition.get("key")
        if key not in levels:
            raise ProfileFileError(path, f"{where}[{index}]: unknown condition {key!r}")
        if not isinstance(condition.get("level"), int) or not 0 <= condition["level"] < levels[key]:
            raise ProfileFileError(path, f"{where}[{index}]: level out of range for {key}")
        _text(path, f"{where}[{index}].why", condition.get("why"))


def profile_content_read(directory: Path = PROFILE_DIR) -> ProfileContent:
    dimensions, items, conditions = profile_read(directory / "profile.toml")
    dimension_keys = {d["key"] for d in dimensions}
    condition_levels = {c["key"]: len(c["levels"]) for c in conditions}
    families = {}
    for path in sorted((directory / "roles").glob("*.toml")):
        data = _load(path)
        if data.get("family") != path.stem:
            raise ProfileFileError(path, "family must match the file name")
        _rewards_check(path, "rewards", data.get("rewards") or [], dimension_keys)
        _conditions_check(path, "conditions", data.get("conditions") or [], condition_levels)
        for level, adjustment in (data.get("levels") or {}).items():
            _rewards_check(
                path, f"levels.{level}.rewards", adjustment.get("rewards") or [], dimension_keys
            )
            _conditions_check(
                path,
                f"levels.{level}.conditions",
                adjustment.get("conditions") or [],
                condition_levels,
            )
        families[data["family"]] = data
    return ProfileContent(dimensions, items, conditions, families)


def family_profile_at(family: dict, level: str | int) -> dict:
    """A family's rewards and conditions at one level (its key in the files, its id for
    database rows): the level's adjustments replace the family's entry for the same
    dimension or condition, and add new ones."""
    adjustment = (family.get("levels") or {}).get(level, {})
    rewards = {r["dimension"]: r for r in family.get("rewards") or []}
    rewards.update({r["dimension"]: r for r in adjustment.get("rewards") or []})
    conditions = {c["key"]: c for c in family.get("conditions") or []}
    conditions.update({c["key"]: c for c in adjustment.get("conditions") or []})
    return {"rewards": list(rewards.values()), "conditions": list(conditions.values())}


def personas_read(path: Path, content: ProfileContent) -> list[dict]:
    """Personas with every item and condition answered, each answer with its reason."""
    items = {item["key"] for item in content.items}
    conditions = {c["key"]: len(c["levels"]) for c in content.conditions}
    personas = _load(path).get("personas") or []
    for persona in personas:
        key = persona.get("key", "?")
        if persona.get("family") not in content.families:
            raise ProfileFileError(path, f"{key}: unknown family")
        if persona.get("expect") not in ("thrives", "finds-hard"):
            raise ProfileFileError(path, f"{key}: expect must be thrives or finds-hard")
        answers = persona.get("answers") or {}
        if set(answers) != items:
            missing = sorted(items - set(answers))[:5]
            raise ProfileFileError(path, f"{key}: answer every item (missing {missing})")
        for item, (answer, reason) in answers.items():
            if answer not in range(1, 7) or not str(reason).strip():
                raise ProfileFileError(path, f"{key}.{item}: an answer 1–6 and a reason")
        for condition, (level, reason) in (persona.get("conditions") or {}).items():
            if condition not in conditions or not 0 <= level < conditions[condition]:
                raise ProfileFileError(path, f"{key}.{condition}: unknown or out of range")
            if not str(reason).strip():
                raise ProfileFileError(path, f"{key}.{condition}: give a reason")
    return personas
