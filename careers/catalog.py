"""Write the role catalog (read and checked by careers/catalog_files.py) to the database.

Loading is idempotent: a family whose file has not changed since it was last loaded is left
alone, so edits made in admin survive `make run`. A changed file replaces that family's
content (the repository is the source of the shipped text). Everything happens in one
transaction: a malformed file stops the load with the file and the problem named, and
nothing is half-written.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from careers.catalog_files import CATALOG_DIR, CatalogError, FamilyFile, Vocabulary, catalog_read
from careers.models import (
    Element,
    InterviewQuestion,
    JobFamily,
    Level,
    Occupation,
    Role,
    SecondaryOccupation,
    Skill,
    SkillRequirement,
    Transition,
    Variation,
)
from careers.selectors.links import occupation_link_problems


@dataclass
class CatalogReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skills_changed: int = 0
    roles: int = 0
    published: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.skills_changed)


def vocabulary_write(path: Path, vocabulary: Vocabulary) -> int:
    """Create or update the shared skills; returns how many changed. A skill dropped from
    the file is deleted only when no family or role still needs it."""
    elements = {
        element.name.lower(): element
        for element in Element.objects.filter(domain__in=["skill", "knowledge"])
    }
    existing = {skill.name: skill for skill in Skill.objects.all()}
    changed = 0
    for name, data in vocabulary.skills.items():
        element = None
        if data.get("onet_element"):
            element = elements.get(data["onet_element"].lower())
            if element is None:
                raise CatalogError(
                    path, f"skill {name!r}: no O*NET element named {data['onet_element']!r}"
                )
        values = {
            "slug": slugify(name),
            "definition": data["definition"],
            "synonyms": data.get("synonyms", []),
            "element": element,
            "technologies": data.get("technologies", []),
        }
        skill = existing.get(name) or Skill(name=name)
        if skill.pk and all(getattr(skill, key) == value for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(skill, key, value)
        skill.save()
        changed += 1
    Skill.objects.exclude(name__in=vocabulary.skills).filter(requirements__isnull=True).delete()
    return changed


def _requirements(skills: list[dict], vocabulary: dict[str, Skill], **owner):
    role = owner.get("role")
    for order, item in enumerate(skills):
        expected = {role.level.key: item["level"]} if role else item["levels"]
        yield SkillRequirement(
            skill=vocabulary[item["skill"]],
            importance=item["importance"],
            note=item["note"],
            expected_levels=expected,
            order=order,
            **owner,
        )


def _occupation_link(path: Path, where: str, link: dict, names: list[str]) -> dict:
    """The link's fields, after checking its evidence against the loaded O*NET titles."""
    occupation = Occupation.objects.filter(code=link["code"]).first()
    if occupation is None:
        raise CatalogError(path, f"{where}: occupation {link['code']} is not loaded")
    fields = {
        "occupation": occupation,
        "occupation_match": link["match"],
        "occupation_title": link.get("title", "") if link["match"] == "titled" else "",
        "occupation_reason": link.get("reason", "") if link["match"] == "closest" else "",
    }
    problems = occupation_link_problems(
        occupation=occupation,
        match=fields["occupation_match"],
        title=fields["occupation_title"],
        reason=fields["occupation_reason"],
        names=names,
    )
    if problems:
        raise CatalogError(path, f"{where}: " + "; ".join(problems))
    return fields


def _role_occupations_write(path: Path, family: dict, data: dict, role: Role) -> None:
    """The role's own occupation links, else the family's, checked for each role (a title
    that backs one rung may not be that rung's title or alias)."""
    names = [role.title, *data.get("aliases", []), *family.get("aliases", [])]
    primary = data.get("occupation") or family["occupation"]
    for key, value in _occupation_link(path, f"{role.slug}.occupation", primary, names).items():
        setattr(role, key, value)
    role.save()
    secondary = data.get("secondary_occupations", family.get("secondary_occupations", []))
    SecondaryOccupation.objects.filter(role=role).delete()
    SecondaryOccupation.objects.bulk_create(
        SecondaryOccupation(
            role=role,
            order=order,
            **_occupation_link(path, f"{role.slug}.secondary_occupations[{order}]", link, names),
        )
        for order, link in enumerate(secondary)
    )


def _family_write(
    family_file: FamilyFile, levels: dict[str, Level], vocabulary: dict[str, Skill]
) -> JobFamily:
    path, data = family_file.path, family_file.data
    family, _ = JobFamily.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "track": data["track"],
            "aliases": data.get("aliases", []),
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
    SkillRequirement.objects.filter(family=family).delete()
    Variation.objects.filter(family=family).delete()
    InterviewQuestion.objects.filter(family=family).delete()
    SkillRequirement.objects.bulk_create(_requirements(data["skills"], vocabulary, family=family))
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
        role.aliases = role_data.get("aliases", [])
        role.status = role_data["status"]
        for key in ("summary", "scope", "what_its_like"):
            setattr(role, key, role_data[key])
        role.years_min, role.years_max = role_data["years_min"], role_data["years_max"]
        for key in Role.SHARED_WITH_FAMILY:
            empty = Role._meta.get_field(key).get_default()
            setattr(role, key, role_data.get(key, empty))
        if role.is_published and role.published_at is None:
            role.published_at = timezone.now()
        _role_occupations_write(path, data, role_data, role)
        SkillRequirement.objects.filter(role=role).delete()
        Variation.objects.filter(role=role).delete()
        SkillRequirement.objects.bulk_create(
            _requirements(role_data.get("skills", []), vocabulary, role=role)
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
                        order=order,
                    )
                )
        Transition.objects.bulk_create(steps)


def catalog_load(
    directory: Path = CATALOG_DIR, *, force: bool = False, dry_run: bool = False
) -> CatalogReport:
    level_data, vocabulary, _, families = catalog_read(directory)
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
        report.skills_changed = vocabulary_write(directory / "skills.toml", vocabulary)
        skills = {skill.name: skill for skill in Skill.objects.all()}
        digests = dict(JobFamily.objects.values_list("slug", "catalog_digest"))
        written = []
        for family_file in families:
            slug = family_file.data["slug"]
            if not force and digests.get(slug) == family_file.digest:
                report.unchanged.append(slug)
                continue
            (report.updated if slug in digests else report.created).append(slug)
            _family_write(family_file, levels, skills)
            written.append(family_file)
        roles = {role.slug: role for role in Role.objects.all()}
        for family_file in written:
            _transitions_write(family_file, roles)
        report.roles = Role.objects.count()
        report.published = Role.objects.published().count()
        if dry_run:
            transaction.set_rollback(True)
    return report
