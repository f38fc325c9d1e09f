"""Read the role catalog (careers/catalog/*.toml), validate it, and write it to the database.

Loading is idempotent: a family whose file has not changed since it was last loaded is left
alone, so edits made in admin survive `make run`. A changed file replaces that family's
content (the repository is the source of the shipped text). Everything happens in one
transaction: a malformed file stops the load with the file and the problem named, and
nothing is half-written.
"""

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from careers.content import role_content_problems
from careers.models import (
    Element,
    InterviewQuestion,
    JobFamily,
    Level,
    Occupation,
    Role,
    Skill,
    Transition,
    Variation,
)

CATALOG_DIR = Path(settings.BASE_DIR) / "careers" / "catalog"
SHARED_KEYS = (
    "hardest_part",
    "thrives",
    "finds_hard",
    "category_changing",
    "background",
    "certifications",
    "tools",
    "skills",
    "variations",
)


class CatalogError(CommandError):
    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"{Path(path).name}: {problem}")


@dataclass
class FamilyFile:
    path: Path
    digest: str
    data: dict


@dataclass
class CatalogReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    roles: int = 0
    published: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


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


def _string_list(path: Path, where: str, value, *, required: bool = True) -> list[str] | None:
    items = _expect(path, where, value, list, required=required)
    for index, item in enumerate(items or []):
        _expect(path, f"{where}[{index}]", item, str)
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


def _skills_check(path: Path, where: str, skills) -> None:
    for index, skill in enumerate(_expect(path, where, skills, list)):
        item = f"{where}[{index}]"
        _expect(path, f"{item}.name", skill.get("name"), str)
        _expect(path, f"{item}.note", skill.get("note"), str)
        importance = _expect(path, f"{item}.importance", skill.get("importance"), int)
        if not 1 <= importance <= 5:
            raise CatalogError(path, f"{item}.importance: must be 1–5, not {importance}")
        _expect(path, f"{item}.onet_element", skill.get("onet_element"), str, required=False)


def _variations_check(path: Path, where: str, variations) -> None:
    for index, variation in enumerate(_expect(path, where, variations, list)):
        _expect(path, f"{where}[{index}].factor", variation.get("factor"), str)
        _expect(path, f"{where}[{index}].detail", variation.get("detail"), str)


def _tools_check(path: Path, where: str, tools) -> None:
    for category, names in _expect(path, where, tools, dict).items():
        _string_list(path, f"{where}.{category}", names)


def family_check(path: Path, data: dict, levels: dict[str, dict]) -> None:
    """Structure and types; content completeness is checked once roles are resolved."""
    slug = _expect(path, "slug", data.get("slug"), str)
    if slug != path.stem:
        raise CatalogError(path, f"slug {slug!r} must match the file name {path.stem!r}")
    for key in ("name", "track", "occupation", "description", "hardest_part", "landscape_note"):
        _expect(path, key, data.get(key), str)
    for key in ("category_changing", "background"):
        _expect(path, key, data.get(key), str)
    _expect(path, "certifications", data.get("certifications"), str, required=False)
    _string_list(path, "thrives", data.get("thrives"))
    _string_list(path, "finds_hard", data.get("finds_hard"))
    _tools_check(path, "tools", data.get("tools"))
    _skills_check(path, "skills", data.get("skills"))
    _variations_check(path, "variations", data.get("variations"))
    track = data["track"]
    if track not in Level.Track.values:
        raise CatalogError(path, f"track: must be one of {', '.join(Level.Track.values)}")
    track_levels = {key for key, level in levels.items() if level["track"] == track}
    for index, question in enumerate(
        _expect(path, "interview_questions", data.get("interview_questions"), list)
    ):
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
        _string_list(path, f"{where}.strong_answer", question.get("strong_answer"))
    seen_levels = set()
    for index, role in enumerate(_expect(path, "roles", data.get("roles"), list)):
        where = f"roles[{index}]"
        for key in ("level", "title", "slug", "status", "summary", "scope", "what_its_like"):
            _expect(path, f"{where}.{key}", role.get(key), str)
        where = f"roles[{index}] ({role['slug']})"
        if role["level"] not in track_levels:
            raise CatalogError(
                path, f"{where}.level: {role['level']!r} is not a level of the {track} track"
            )
        if role["level"] in seen_levels:
            raise CatalogError(path, f"{where}.level: two roles at level {role['level']!r}")
        seen_levels.add(role["level"])
        if role["status"] not in Role.Status.values:
            raise CatalogError(path, f"{where}.status: must be draft or published")
        low = _expect(path, f"{where}.years_min", role.get("years_min"), int)
        high = _expect(path, f"{where}.years_max", role.get("years_max"), int)
        if low > high:
            raise CatalogError(path, f"{where}: years_min is above years_max")
        for key in ("hardest_part", "category_changing", "background", "certifications"):
            _expect(path, f"{where}.{key}", role.get(key), str, required=False)
        for key in ("thrives", "finds_hard"):
            _string_list(path, f"{where}.{key}", role.get(key), required=False)
        if "tools" in role:
            _tools_check(path, f"{where}.tools", role["tools"])
        if "skills" in role:
            _skills_check(path, f"{where}.skills", role["skills"])
        if "variations" in role:
            _variations_check(path, f"{where}.variations", role["variations"])
        for kind, note_key, requirement_key in (
            ("advancement", "what_changes", "what_it_takes"),
            ("lateral", "carries_over", "missing"),
        ):
            for step_index, step in enumerate(
                _expect(path, f"{where}.{kind}", role.get(kind, []), list)
            ):
                step_where = f"{where}.{kind}[{step_index}]"
                for key in ("to", note_key, requirement_key):
                    _expect(path, f"{step_where}.{key}", step.get(key), str)
                _expect(
                    path,
                    f"{step_where}.typical_time",
                    step.get("typical_time"),
                    str,
                    required=False,
                )
                _string_list(
                    path, f"{step_where}.skills_to_grow", step.get("skills_to_grow"), required=False
                )


def effective_sections(family: dict, role: dict) -> dict:
    """A role's sections as the page shows them: its own, else the family's."""
    sections = {key: role.get(key) or family.get(key) for key in SHARED_KEYS}
    sections.update({key: role[key] for key in ("summary", "scope", "what_its_like")})
    sections["landscape_note"] = family.get("landscape_note", "")
    sections["interview_questions"] = [
        question
        for question in family.get("interview_questions", [])
        if role["level"] in question["levels"]
    ]
    return sections


def catalog_read(directory: Path = CATALOG_DIR) -> tuple[list[dict], list[FamilyFile]]:
    levels = levels_read(directory)
    levels_by_key = {level["key"]: level for level in levels}
    families = []
    for path in sorted(directory.glob("*.toml")):
        if path.name == "levels.toml":
            continue
        data, digest = _read_toml(path)
        family_check(path, data, levels_by_key)
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
    for family in families:
        for role in family.data["roles"]:
            for kind in ("advancement", "lateral"):
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
    return levels, families


def _skill_objects(
    path: Path, skills: list[dict], elements: dict[str, Element], **owner
) -> list[Skill]:
    objects = []
    for order, skill in enumerate(skills):
        element = None
        if skill.get("onet_element"):
            element = elements.get(skill["onet_element"].lower())
            if element is None:
                raise CatalogError(
                    path,
                    f"skill {skill['name']!r}: no O*NET element named {skill['onet_element']!r}",
                )
        objects.append(
            Skill(
                name=skill["name"],
                importance=skill["importance"],
                note=skill["note"],
                element=element,
                order=order,
                **owner,
            )
        )
    return objects


def _family_write(
    family_file: FamilyFile, levels: dict[str, Level], elements: dict[str, Element]
) -> JobFamily:
    path, data = family_file.path, family_file.data
    occupation = Occupation.objects.filter(code=data["occupation"]).first()
    if occupation is None:
        raise CatalogError(
            path, f"occupation {data['occupation']} is not loaded (run load_dataset first)"
        )
    family, _ = JobFamily.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "track": data["track"],
            "occupation": occupation,
            "description": data["description"],
            "hardest_part": data["hardest_part"],
            "thrives": data["thrives"],
            "finds_hard": data["finds_hard"],
            "landscape_note": data["landscape_note"],
            "category_changing": data["category_changing"],
            "background": data["background"],
            "certifications": data.get("certifications", ""),
            "tools": data["tools"],
            "catalog_digest": family_file.digest,
        },
    )
    Skill.objects.filter(family=family).delete()
    Variation.objects.filter(family=family).delete()
    InterviewQuestion.objects.filter(family=family).delete()
    Skill.objects.bulk_create(_skill_objects(path, data["skills"], elements, family=family))
    Variation.objects.bulk_create(
        Variation(family=family, factor=v["factor"], detail=v["detail"], order=order)
        for order, v in enumerate(data["variations"])
    )
    for order, question in enumerate(data["interview_questions"]):
        created = InterviewQuestion.objects.create(
            family=family,
            kind=question["kind"],
            question=question["question"],
            probes=question["probes"],
            strong_answer=question["strong_answer"],
            order=order,
        )
        created.levels.set([levels[key] for key in question["levels"]])
    for role_data in data["roles"]:
        role = Role.objects.filter(slug=role_data["slug"]).first() or Role(slug=role_data["slug"])
        role.family = family
        role.level = levels[role_data["level"]]
        role.title = role_data["title"]
        role.status = role_data["status"]
        for key in ("summary", "scope", "what_its_like"):
            setattr(role, key, role_data[key])
        role.years_min, role.years_max = role_data["years_min"], role_data["years_max"]
        for key in ("hardest_part", "category_changing", "background", "certifications"):
            setattr(role, key, role_data.get(key, ""))
        role.thrives = role_data.get("thrives", [])
        role.finds_hard = role_data.get("finds_hard", [])
        role.tools = role_data.get("tools", {})
        if role.is_published and role.published_at is None:
            role.published_at = timezone.now()
        role.save()
        Skill.objects.filter(role=role).delete()
        Variation.objects.filter(role=role).delete()
        Skill.objects.bulk_create(
            _skill_objects(path, role_data.get("skills", []), elements, role=role)
        )
        Variation.objects.bulk_create(
            Variation(role=role, factor=v["factor"], detail=v["detail"], order=order)
            for order, v in enumerate(role_data.get("variations", []))
        )
    return family


def _transitions_write(family_file: FamilyFile, roles: dict[str, Role]) -> None:
    for role_data in family_file.data["roles"]:
        role = roles[role_data["slug"]]
        Transition.objects.filter(from_role=role).delete()
        steps = []
        for kind, note_key, requirement_key in (
            (Transition.Kind.ADVANCEMENT, "what_changes", "what_it_takes"),
            (Transition.Kind.LATERAL, "carries_over", "missing"),
        ):
            for order, step in enumerate(role_data.get(kind.value, [])):
                steps.append(
                    Transition(
                        from_role=role,
                        to_role=roles[step["to"]],
                        kind=kind,
                        note=step[note_key],
                        requirements=step[requirement_key],
                        typical_time=step.get("typical_time", ""),
                        skills_to_grow=step.get("skills_to_grow", []),
                        order=order,
                    )
                )
        Transition.objects.bulk_create(steps)


def catalog_load(
    directory: Path = CATALOG_DIR, *, force: bool = False, dry_run: bool = False
) -> CatalogReport:
    level_data, families = catalog_read(directory)
    report = CatalogReport()
    with transaction.atomic():
        for level in level_data:
            Level.objects.update_or_create(
                key=level["key"],
                defaults={
                    key: level[key] for key in ("name", "track", "order", "band", "description")
                },
            )
        levels = {level.key: level for level in Level.objects.all()}
        elements = {
            element.name.lower(): element
            for element in Element.objects.filter(domain__in=["skill", "knowledge"])
        }
        digests = dict(JobFamily.objects.values_list("slug", "catalog_digest"))
        written = []
        for family_file in families:
            slug = family_file.data["slug"]
            if not force and digests.get(slug) == family_file.digest:
                report.unchanged.append(slug)
                continue
            (report.updated if slug in digests else report.created).append(slug)
            _family_write(family_file, levels, elements)
            written.append(family_file)
        roles = {role.slug: role for role in Role.objects.all()}
        for family_file in written:
            _transitions_write(family_file, roles)
        report.roles = Role.objects.count()
        report.published = Role.objects.published().count()
        if dry_run:
            transaction.set_rollback(True)
    return report
