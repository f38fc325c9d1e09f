"""Read the role catalog's files (careers/catalog/*.toml) and check their structure.

Three kinds of file: `levels.toml` (the ladders), `skills.toml` (the shared skill
vocabulary) and one file per job family. Everything here works on the files alone; checks
that need the database (O*NET titles behind a "titled" occupation match) happen when the
catalog is written (careers/catalog.py).
"""

import difflib
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from careers.content import (
    LIST_RANGES,
    ROLE_OPTIONAL_TEXT,
    STEP_KINDS,
    STRONG_ANSWER_POINTS,
    role_content_problems,
)
from careers.models import InterviewQuestion, Level, OccupationMatch, Role

CATALOG_DIR = Path(settings.BASE_DIR) / "careers" / "catalog"
NOT_FAMILIES = {"levels.toml", "skills.toml", "coverage.toml"}
SHARED_KEYS = (*Role.SHARED_WITH_FAMILY, "skills", "variations")
PROFICIENCY = range(1, 6)


class CatalogError(CommandError):
    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"{Path(path).name}: {problem}")


@dataclass
class FamilyFile:
    path: Path
    digest: str
    data: dict


@dataclass
class Vocabulary:
    """The shared skills by canonical name, and every name (canonical or synonym, lower
    case) that refers to one of them."""

    skills: dict[str, dict]
    names: dict[str, str]

    def canonical(self, path: Path, where: str, name: str) -> str:
        """The canonical name for `name`, or an error that suggests the nearest ones."""
        found = self.names.get(name.strip().lower())
        if found:
            return found
        nearest = difflib.get_close_matches(name.lower(), list(self.names), n=3, cutoff=0.5)
        hint = ", ".join(repr(self.names[n]) for n in nearest) if nearest else "none close"
        raise CatalogError(
            path, f"{where}: {name!r} is not in skills.toml (nearest: {hint}); add it there first"
        )


def _expect(path: Path, where: str, value, kind: type | tuple, *, required: bool = True):
    if value is None:
        if required:
            raise CatalogError(path, f"{where}: missing")
        return None
    if not isinstance(value, kind) or (isinstance(value, str) and required and not value.strip()):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise CatalogError(path, f"{where}: must be a non-empty {name}")
    if isinstance(value, str) and "\x00" in value:
        raise CatalogError(path, f"{where}: contains a NUL byte")
    return value


def _string_list(
    path: Path, where: str, value, *, required: bool = True, count: tuple[int, int] | None = None
) -> list[str] | None:
    items = _expect(path, where, value, list, required=required)
    for index, item in enumerate(items or []):
        _expect(path, f"{where}[{index}]", item, str)
    if items and count and not count[0] <= len(items) <= count[1]:
        raise CatalogError(path, f"{where}: {len(items)} items; it needs {count[0]}–{count[1]}")
    return items


def _read_toml(path: Path) -> tuple[dict, str]:
    raw = path.read_bytes()
    try:
        return tomllib.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest()
    except UnicodeDecodeError as error:
        raise CatalogError(path, f"not UTF-8 text ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(path, f"not valid TOML: {error}") from None


def levels_read(directory: Path) -> list[dict]:
    path = directory / "levels.toml"
    if not path.is_file():
        raise CatalogError(path, "not found")
    data, _ = _read_toml(path)
    levels = _expect(path, "levels", data.get("levels"), list)
    for index, level in enumerate(levels):
        where = f"levels[{index}]"
        for key in ("key", "name", "track", "description"):
            _expect(path, f"{where}.{key}", level.get(key), str)
        for key in ("order", "band"):
            _expect(path, f"{where}.{key}", level.get(key), int)
        if level["track"] not in Level.Track.values:
            raise CatalogError(
                path, f"{where}.track: must be one of {', '.join(Level.Track.values)}"
            )
    return levels


def vocabulary_read(directory: Path) -> tuple[Vocabulary, str]:
    path = directory / "skills.toml"
    if not path.is_file():
        raise CatalogError(path, "not found")
    data, digest = _read_toml(path)
    skills: dict[str, dict] = {}
    names: dict[str, str] = {}
    for index, skill in enumerate(_expect(path, "skills", data.get("skills"), list)):
        where = f"skills[{index}]"
        name = _expect(path, f"{where}.name", skill.get("name"), str).strip()
        _expect(path, f"{where}.definition", skill.get("definition"), str)
        synonyms = _string_list(
            path, f"{where}.synonyms", skill.get("synonyms", []), required=False
        )
        _expect(path, f"{where}.onet_element", skill.get("onet_element"), str, required=False)
        _string_list(path, f"{where}.technologies", skill.get("technologies"), required=False)
        for alias in [name, *(synonyms or [])]:
            key = alias.strip().lower()
            if key in names:
                raise CatalogError(
                    path, f"{where}: {alias!r} already names the skill {names[key]!r}"
                )
            names[key] = name
        skills[name] = skill
    return Vocabulary(skills=skills, names=names), digest


def _occupation_check(path: Path, where: str, link) -> None:
    _expect(path, where, link, dict)
    _expect(path, f"{where}.code", link.get("code"), str)
    match = _expect(path, f"{where}.match", link.get("match"), str)
    if match not in OccupationMatch.values:
        raise CatalogError(path, f"{where}.match: must be titled or closest")
    if match == OccupationMatch.TITLED:
        _expect(path, f"{where}.title", link.get("title"), str)
    else:
        _expect(path, f"{where}.reason", link.get("reason"), str)


def _occupations_check(path: Path, where: str, data: dict) -> None:
    if "occupation" in data:
        _occupation_check(path, f"{where}occupation", data["occupation"])
    for index, link in enumerate(
        _expect(path, f"{where}secondary_occupations", data.get("secondary_occupations", []), list)
    ):
        _occupation_check(path, f"{where}secondary_occupations[{index}]", link)
    _string_list(path, f"{where}aliases", data.get("aliases", []), required=False)


def _skills_check(
    path: Path, where: str, skills, vocabulary: Vocabulary, *, levels: set[str] | None
) -> None:
    """Family skills carry `levels` (level key → proficiency); a role's own carry `level`.
    Names are resolved to the vocabulary in place."""
    seen = set()
    for index, skill in enumerate(_expect(path, where, skills, list)):
        item = f"{where}[{index}]"
        name = _expect(path, f"{item}.skill", skill.get("skill"), str)
        skill["skill"] = vocabulary.canonical(path, f"{item}.skill", name)
        if skill["skill"] in seen:
            raise CatalogError(path, f"{item}.skill: {skill['skill']!r} is listed twice")
        seen.add(skill["skill"])
        _expect(path, f"{item}.note", skill.get("note"), str)
        importance = _expect(path, f"{item}.importance", skill.get("importance"), int)
        if not 1 <= importance <= 5:
            raise CatalogError(path, f"{item}.importance: must be 1–5, not {importance}")
        if levels is None:
            level = _expect(path, f"{item}.level", skill.get("level"), int)
            if level not in PROFICIENCY:
                raise CatalogError(path, f"{item}.level: must be 1–5, not {level}")
            continue
        expected = _expect(path, f"{item}.levels", skill.get("levels"), dict)
        for key, proficiency in expected.items():
            if key not in levels:
                raise CatalogError(path, f"{item}.levels: {key!r} is not a level of this track")
            if not isinstance(proficiency, int) or proficiency not in PROFICIENCY:
                raise CatalogError(path, f"{item}.levels.{key}: must be 1–5")


def _variations_check(path: Path, where: str, variations) -> None:
    for index, variation in enumerate(_expect(path, where, variations, list)):
        _expect(path, f"{where}[{index}].factor", variation.get("factor"), str)
        _expect(path, f"{where}[{index}].detail", variation.get("detail"), str)


def _tools_check(path: Path, where: str, tools) -> None:
    for category, names in _expect(path, where, tools, dict).items():
        _string_list(path, f"{where}.{category}", names)


def _questions_check(path: Path, questions, track: str, track_levels: set[str]) -> None:
    for index, question in enumerate(_expect(path, "interview_questions", questions, list)):
        where = f"interview_questions[{index}]"
        kind = _expect(path, f"{where}.kind", question.get("kind"), str)
        if kind not in InterviewQuestion.Kind.values:
            raise CatalogError(
                path, f"{where}.kind: must be one of {', '.join(InterviewQuestion.Kind.values)}"
            )
        for level in _string_list(path, f"{where}.levels", question.get("levels")):
            if level not in track_levels:
                raise CatalogError(
                    path, f"{where}.levels: {level!r} is not a level of the {track} track"
                )
        for key in ("question", "probes"):
            _expect(path, f"{where}.{key}", question.get(key), str)
        _string_list(
            path,
            f"{where}.strong_answer",
            question.get("strong_answer"),
            count=STRONG_ANSWER_POINTS,
        )


def _role_check(
    path: Path, index: int, role: dict, track: str, track_levels: set[str], vocabulary
) -> None:
    where = f"roles[{index}]"
    for key in ("level", "title", "slug", "status", "summary", "scope", "what_its_like"):
        _expect(path, f"{where}.{key}", role.get(key), str)
    where = f"roles[{index}] ({role['slug']})"
    if role["level"] not in track_levels:
        raise CatalogError(
            path, f"{where}.level: {role['level']!r} is not a level of the {track} track"
        )
    if role["status"] not in Role.Status.values:
        raise CatalogError(path, f"{where}.status: must be draft or published")
    low = _expect(path, f"{where}.years_min", role.get("years_min"), int)
    high = _expect(path, f"{where}.years_max", role.get("years_max"), int)
    if low > high:
        raise CatalogError(path, f"{where}: years_min is above years_max")
    for key in ("hardest_part", "category_changing", "background", "certifications"):
        _expect(path, f"{where}.{key}", role.get(key), str, required=False)
    for key in ("thrives", "finds_hard"):
        _string_list(path, f"{where}.{key}", role.get(key), required=False, count=LIST_RANGES[key])
    _occupations_check(path, f"{where}.", role)
    if "tools" in role:
        _tools_check(path, f"{where}.tools", role["tools"])
    if "skills" in role:
        _skills_check(path, f"{where}.skills", role["skills"], vocabulary, levels=None)
    if "variations" in role:
        _variations_check(path, f"{where}.variations", role["variations"])
    for key in ROLE_OPTIONAL_TEXT:
        _expect(path, f"{where}.{key}", role.get(key), str, required=False)
    for kind, note_key, requirement_key in STEP_KINDS:
        for step_index, step in enumerate(
            _expect(path, f"{where}.{kind}", role.get(kind, []), list)
        ):
            step_where = f"{where}.{kind}[{step_index}]"
            for key in ("to", note_key, requirement_key):
                _expect(path, f"{step_where}.{key}", step.get(key), str)
            _expect(
                path, f"{step_where}.typical_time", step.get("typical_time"), str, required=False
            )


def ladder_check(families: list, levels: dict[str, dict]) -> list[tuple[Path, str]]:
    """Moves that would mislead: an advancement must reach a higher band, a change of track
    must stay at the same band on the other track, and a published role needs a next rung
    or, at the top of its ladder, written next steps."""
    roles = {
        role["slug"]: (family.path, role) for family in families for role in family.data["roles"]
    }
    problems = []
    for slug, (path, role) in roles.items():
        here = levels[role["level"]]
        for kind, _, _ in STEP_KINDS:
            for step in role.get(kind, []):
                if step.get("to") not in roles:
                    continue  # reported with its file below
                there = levels[roles[step["to"]][1]["level"]]
                if kind == "advancement" and there["band"] <= here["band"]:
                    problems.append(
                        (
                            path,
                            f"{slug}.advancement to {step['to']}: not a higher band "
                            f"({here['band']} → {there['band']}); use track_change or lateral",
                        )
                    )
                if kind == "track_change" and (
                    there["track"] == here["track"] or there["band"] != here["band"]
                ):
                    problems.append(
                        (
                            path,
                            f"{slug}.track_change to {step['to']}: must be the other "
                            f"track at the same band ({here['band']} → {there['band']})",
                        )
                    )
        if role["status"] == Role.Status.PUBLISHED and not (
            role.get("advancement") or role.get("next_steps", "").strip()
        ):
            problems.append(
                (
                    path,
                    f"{slug}: published without a next rung; add an advancement or, at "
                    "the top of the ladder, next_steps",
                )
            )
    return problems


def family_check(path: Path, data: dict, levels: dict[str, dict], vocabulary: Vocabulary) -> None:
    """Structure and types; content completeness is checked once roles are resolved."""
    slug = _expect(path, "slug", data.get("slug"), str)
    if slug != path.stem:
        raise CatalogError(path, f"slug {slug!r} must match the file name {path.stem!r}")
    for key in ("name", "track", "description", "hardest_part", "landscape_note"):
        _expect(path, key, data.get(key), str)
    for key in ("category_changing", "background"):
        _expect(path, key, data.get(key), str)
    _expect(path, "certifications", data.get("certifications"), str, required=False)
    for key in ("thrives", "finds_hard"):
        _string_list(path, key, data.get(key), count=LIST_RANGES[key])
    _occupations_check(path, "", data)
    _tools_check(path, "tools", data.get("tools"))
    track = data["track"]
    if track not in Level.Track.values:
        raise CatalogError(path, f"track: must be one of {', '.join(Level.Track.values)}")
    track_levels = {key for key, level in levels.items() if level["track"] == track}
    _skills_check(path, "skills", data.get("skills"), vocabulary, levels=track_levels)
    _variations_check(path, "variations", data.get("variations"))
    _questions_check(path, data.get("interview_questions"), track, track_levels)
    seen_levels = set()
    for index, role in enumerate(_expect(path, "roles", data.get("roles"), list)):
        _role_check(path, index, role, track, track_levels, vocabulary)
        if role["level"] in seen_levels:
            raise CatalogError(path, f"{role['slug']}.level: two roles at level {role['level']!r}")
        seen_levels.add(role["level"])
        if "occupation" not in role and "occupation" not in data:
            raise CatalogError(path, f"{role['slug']}: no occupation (for the role or family)")


def role_skills(family: dict, role: dict) -> list[dict]:
    """A role's skills as the page shows them: its own list, else the family's entries that
    list its level. (The same rule as `FamilyOrRoleContent.effective_for`.)"""
    if role.get("skills"):
        return role["skills"]
    return [skill for skill in family.get("skills", []) if role["level"] in skill["levels"]]


def effective_sections(family: dict, role: dict) -> dict:
    """A role's sections as the page shows them: its own, else the family's."""
    sections = {key: role.get(key) or family.get(key) for key in SHARED_KEYS}
    sections["skills"] = [f"{s['skill']}: {s['note']}" for s in role_skills(family, role)]
    sections.update({key: role[key] for key in ("summary", "scope", "what_its_like")})
    sections["landscape_note"] = family.get("landscape_note", "")
    sections["interview_questions"] = [
        question
        for question in family.get("interview_questions", [])
        if role["level"] in question["levels"]
    ]
    return sections


def catalog_read(
    directory: Path = CATALOG_DIR,
) -> tuple[list[dict], Vocabulary, str, list[FamilyFile]]:
    """Levels, the skill vocabulary (and its file's digest) and every family file, checked
    together: role slugs unique, moves pointing at real roles, published roles complete."""
    levels = levels_read(directory)
    levels_by_key = {level["key"]: level for level in levels}
    vocabulary, vocabulary_digest = vocabulary_read(directory)
    families = []
    for path in sorted(directory.glob("*.toml")):
        if path.name in NOT_FAMILIES:
            continue
        data, digest = _read_toml(path)
        family_check(path, data, levels_by_key, vocabulary)
        families.append(FamilyFile(path=path, digest=digest, data=data))
    if not families:
        raise CatalogError(directory, "no job family files found")
    slugs: dict[str, Path] = {}
    for family in families:
        for role in family.data["roles"]:
            if role["slug"] in slugs:
                raise CatalogError(
                    family.path,
                    f"role slug {role['slug']!r} is also used in {slugs[role['slug']].name}",
                )
            slugs[role["slug"]] = family.path
    ladder_problems = ladder_check(families, levels_by_key)
    if ladder_problems:
        raise CatalogError(
            ladder_problems[0][0], "; ".join(problem for _, problem in ladder_problems)
        )
    for family in families:
        for role in family.data["roles"]:
            for kind, _, _ in STEP_KINDS:
                for step in role.get(kind, []):
                    if step["to"] not in slugs:
                        raise CatalogError(
                            family.path,
                            f"{role['slug']}.{kind}: no role {step['to']!r} in the catalog",
                        )
                    if step["to"] == role["slug"]:
                        raise CatalogError(
                            family.path, f"{role['slug']}.{kind}: a role cannot move to itself"
                        )
            if role["status"] == Role.Status.PUBLISHED:
                problems = role_content_problems(effective_sections(family.data, role))
                if problems:
                    listed = "; ".join(str(problem) for problem in problems)
                    raise CatalogError(
                        family.path, f"{role['slug']} is published but incomplete: {listed}"
                    )
    return levels, vocabulary, vocabulary_digest, families
