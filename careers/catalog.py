"""Write the role catalog (read and checked by careers/catalog_files.py) to the database.

The repository seeds the content; editors then keep it in admin, and the loader never
overwrites their work silently. Per family it records the digest of the file it last loaded
and of the content it wrote (careers.catalog_export.family_content, per section too):

- file unchanged since the last load: the family is left alone;
- file changed, and every section edited in admin since the last load has the same text in
  the file (none was edited, or the file was exported and merged): the file is written;
- otherwise a *conflict*: the family is left as editors left it and reported, with the
  sections each side changed. `force` writes the file anyway; rows are saved one by one,
  so the history keeps the editors' version.

Rows are updated in place and saved only when a value changes. The skill vocabulary follows
the same rule per skill. Everything happens in one transaction: a malformed file stops the
load with the file and the problem named, and nothing is half-written.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from careers.catalog_export import family_content
from careers.catalog_files import (
    CATALOG_DIR,
    CatalogError,
    FamilyFile,
    Vocabulary,
    catalog_read,
)
from careers.content import (
    EMPTY_SECTIONS,
    ROLE_OPTIONAL_TEXT,
    content_digest,
    content_sections,
    family_file_content,
    normalize_text,
)
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

FAMILY_FIELDS = (
    *("name", "track", "aliases", "description", "hardest_part", "thrives", "finds_hard"),
    *("landscape_note", "category_changing", "background", "certifications"),
)
ROLE_FIELDS = ("title", "aliases", "status", "years_min", "years_max", "summary", "scope")
ROLE_FIELDS += ("what_its_like", *ROLE_OPTIONAL_TEXT)
ROLE_FIELDS += tuple(key for key in Role.SHARED_WITH_FAMILY if key != "tools")


@dataclass
class Conflict:
    """A family whose file changed, and would undo sections editors changed in admin."""

    slug: str
    edited: list[str]  # sections edited in admin that the file does not have ([]: unknown)
    in_file: list[str]  # sections the file changed since the last load


@dataclass
class CatalogReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)  # with force, over admin edits
    skills_changed: int = 0
    skill_conflicts: list[str] = field(default_factory=list)
    roles: int = 0
    published: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.skills_changed)


# --- Saving rows one by one, only when something changed ------------------------------------


def _save(obj: models.Model, values: dict, reason: str) -> models.Model:
    changed = obj.pk is None
    for name, value in values.items():
        field = obj._meta.get_field(name)
        # Every database must refuse the same text: SQLite would store an over-long value
        # that PostgreSQL rejects, so the limit is checked here for both.
        limit = getattr(field, "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            raise CommandError(
                f"{obj._meta.verbose_name} “{obj}”: {name} has {len(value)} characters; "
                f"at most {limit} fit. Shorten it in the file."
            )
        attname = field.attname
        new = value.pk if isinstance(value, models.Model) else value
        if getattr(obj, attname) != new:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj._change_reason = reason
        obj.save()
    return obj


def _key(item, match: str):
    if isinstance(item, models.Model):
        return getattr(item, item._meta.get_field(match).attname)
    return getattr(item[match], "pk", item[match])


def _rows_sync(model, existing, desired: list[dict], match: str, owner: dict, reason: str) -> list:
    """Make the `existing` rows hold `desired`, in order. Rows are matched by the `match`
    field, rows left unmatched are reused in order, the rest deleted one by one (so the
    history records it)."""
    spare = list(existing)
    by_key = {}
    for row in spare:
        by_key.setdefault(_key(row, match), row)
    pairs = []
    for order, values in enumerate(desired):
        row = by_key.pop(_key(values, match), None)
        if row is not None:
            spare.remove(row)
        pairs.append((row, values | {"order": order}))
    pairs = [(row or (spare.pop(0) if spare else model(**owner)), v) for row, v in pairs]
    for row in spare:
        row._change_reason = reason
        row.delete()
    return [_save(row, values, reason) for row, values in pairs]


# --- The skill vocabulary -------------------------------------------------------------------


def _skill_digest(values: dict) -> str:
    element = values["element"].name if values["element"] else ""
    data = {key: values[key] for key in ("synonyms", "technologies")}
    data["definition"] = normalize_text(values["definition"])
    return hashlib.sha256(json.dumps([data, element], sort_keys=True).encode()).hexdigest()


def vocabulary_write(
    path: Path, vocabulary: Vocabulary, *, force: bool = False
) -> tuple[int, list[str]]:
    """Create or update the shared skills; returns how many changed and the skills edited in
    admin whose entry in the file changed too (left as editors left them). A skill dropped
    from the file is deleted only when nothing uses it and nobody edited it."""
    elements = {
        element.name.lower(): element
        for element in Element.objects.filter(domain__in=["skill", "knowledge"])
    }
    existing = {skill.name: skill for skill in Skill.objects.select_related("element")}
    changed, conflicts = 0, []
    for name, data in vocabulary.skills.items():
        element = None
        if data.get("onet_element"):
            element = elements.get(data["onet_element"].lower())
            if element is None:
                raise CatalogError(
                    path, f"skill {name!r}: no O*NET element named {data['onet_element']!r}"
                )
        values = {
            "definition": data["definition"],
            "synonyms": data.get("synonyms", []),
            "element": element,
            "technologies": data.get("technologies", []),
        }
        wanted = _skill_digest(values)
        skill = existing.get(name)
        current = _skill_digest(vars(skill) | {"element": skill.element}) if skill else ""
        if skill and current == wanted:
            if skill.catalog_digest != wanted:
                Skill.objects.filter(pk=skill.pk).update(catalog_digest=wanted)
            continue
        if skill and not force and skill.catalog_digest != current:
            if skill.catalog_digest != wanted:  # the file changed too
                conflicts.append(name)
            continue
        skill = skill or Skill(name=name)
        _save(
            skill,
            values | {"slug": slugify(name), "catalog_digest": wanted},
            f"Loaded from {path.name}",
        )
        changed += 1
    for skill in Skill.objects.exclude(name__in=vocabulary.skills).filter(
        requirements__isnull=True, catalog_digest__gt=""
    ):
        if skill.catalog_digest == _skill_digest(vars(skill) | {"element": skill.element}):
            skill._change_reason = f"Dropped from {path.name}"
            skill.delete()
    return changed, conflicts


# --- Families -------------------------------------------------------------------------------


def _link_fields(path: Path, where: str, link: dict, names: list[str]) -> dict:
    """A link's fields, after checking its evidence against the loaded O*NET titles."""
    occupation = Occupation.objects.filter(code=link["code"]).first()
    if occupation is None:
        raise CatalogError(path, f"{where}: occupation {link['code']} is not loaded")
    problems = occupation_link_problems(
        occupation=occupation,
        match=link["match"],
        title=link["title"],
        reason=link["reason"],
        names=names,
    )
    if problems:
        raise CatalogError(path, f"{where}: " + "; ".join(problems))
    return {
        "occupation": occupation,
        "occupation_match": link["match"],
        "occupation_title": link["title"],
        "occupation_reason": link["reason"],
    }


def _own_rows_write(owner: dict, content: dict, skills: dict[str, Skill], reason: str) -> None:
    """A family's skills and things that vary, or a role's own."""
    requirements = [
        {"skill": skills[item["skill"]], "importance": item["importance"], "note": item["note"]}
        | {"expected_levels": item["levels"]}
        for item in content["skills"]
    ]
    rows = SkillRequirement.objects.filter(**owner)
    _rows_sync(SkillRequirement, rows, requirements, "skill", owner, reason)
    rows = Variation.objects.filter(**owner)
    _rows_sync(Variation, rows, content["variations"], "factor", owner, reason)


def _role_write(path: Path, family: JobFamily, slug: str, data: dict, context: dict) -> Role:
    reason = context["reason"]
    role = Role.objects.filter(slug=slug).first() or Role(slug=slug)
    values = {key: data[key] for key in ROLE_FIELDS} | {"tools": dict(data["tools"])}
    values |= {"family": family, "level": context["levels"][data["level"]]}
    # A title that backs one rung may not be that rung's title or alias: checked per role.
    names = [data["title"], *data["aliases"], *family.aliases]
    values |= _link_fields(path, f"{slug}.occupation", data["occupation"], names)
    if data["status"] == Role.Status.PUBLISHED and role.published_at is None:
        values["published_at"] = timezone.now()
    _save(role, values, reason)
    secondary = [
        _link_fields(path, f"{slug}.secondary_occupations[{order}]", link, names)
        for order, link in enumerate(data["secondary_occupations"])
    ]
    rows = role.secondary_occupations.all()
    _rows_sync(SecondaryOccupation, rows, secondary, "occupation", {"role": role}, reason)
    _own_rows_write({"role": role}, data, context["skills"], reason)
    return role


def _family_write(path: Path, content: dict, context: dict) -> JobFamily:
    reason = context["reason"]
    family = JobFamily.objects.filter(slug=content["slug"]).first()
    values = {key: content[key] for key in FAMILY_FIELDS} | {"tools": dict(content["tools"])}
    family = _save(family or JobFamily(slug=content["slug"]), values, reason)
    _own_rows_write({"family": family}, content, context["skills"], reason)
    questions = content["interview_questions"]
    fields = ("kind", "question", "probes", "strong_answer")
    rows = _rows_sync(
        InterviewQuestion,
        family.questions.prefetch_related("levels"),
        [{key: question[key] for key in fields} for question in questions],
        "question",
        {"family": family},
        reason,
    )
    for row, question in zip(rows, questions, strict=True):
        wanted = {context["levels"][key].pk for key in question["levels"]}
        if {level.pk for level in row.levels.all()} != wanted:
            row.levels.set(wanted)
    for slug, data in content["roles"].items():
        _role_write(path, family, slug, data, context)
    return family


def _transitions_write(content: dict, roles: dict[str, Role], reason: str) -> None:
    for slug, data in content["roles"].items():
        role = roles[slug]
        for kind in Transition.Kind:
            steps = [
                {"kind": kind, "to_role": roles[step["to"]]}
                | {key: step[key] for key in ("note", "requirements", "typical_time")}
                for step in data[kind.value]
            ]
            rows = role.transitions_out.filter(kind=kind)
            _rows_sync(Transition, rows, steps, "to_role", {"from_role": role}, reason)


def _record(family: JobFamily, file_digest: str, content: dict) -> None:
    """Remember what the database holds for this file (no history: bookkeeping only)."""
    JobFamily.objects.filter(pk=family.pk).update(
        catalog_digest=file_digest,
        content_digest=content_digest(content),
        content_sections=content_sections(content),
    )


def _differing(one: dict, other: dict) -> set[str]:
    return {key for key in one.keys() | other.keys() if one.get(key) != other.get(key)}


def _named(keys: set[str], one: dict, other: dict) -> list[str]:
    """Section keys for a report; a role on one side only is named once ("slug.whole role")."""
    roles = [{key.rpartition(".")[0] for key in side} - {""} for side in (one, other)]
    named = set()
    for key in keys:
        owner = key.rpartition(".")[0]
        named.add(f"{owner}.whole role" if owner in roles[0] ^ roles[1] else key)
    return sorted(named)


def _family_plan(family: JobFamily | None, family_file: FamilyFile, wanted: dict, force: bool):
    """What to do with one family file: "create", "unchanged", "update", "overwrite" (force
    over admin edits the file does not have) or a Conflict."""
    if family is None:
        return "create"
    if not force and family.catalog_digest == family_file.digest:
        if not family.content_digest:  # loaded before content digests were kept
            _record(family, family_file.digest, wanted)
        return "unchanged"
    current = family_content(family)
    if current == wanted:
        _record(family, family_file.digest, current)
        return "unchanged"
    # Sections edited in admin since the last load (all of them if that is not known), and
    # of those the ones the file does not carry: loading it would lose them.
    now, recorded, new = (
        content_sections(current),
        family.content_sections,
        content_sections(wanted),
    )
    edited = (
        {
            key
            for key in _differing(now, recorded)
            # A section added since the last load (a newer catalog format) and still empty
            # was not edited by anyone.
            if key in recorded or now.get(key) not in EMPTY_SECTIONS
        }
        if family.content_digest
        else now.keys() | new.keys()
    )
    lost = {key for key in edited if new.get(key) != now.get(key)}
    if not lost:
        return "update"
    if force:
        return "overwrite"
    return Conflict(
        slug=family.slug,
        edited=_named(lost, now, new) if family.content_digest else [],
        in_file=_named(_differing(new, recorded or now), new, recorded or now),
    )


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
        report.skills_changed, report.skill_conflicts = vocabulary_write(
            directory / "skills.toml", vocabulary, force=force
        )
        skills = {skill.name: skill for skill in Skill.objects.all()}
        existing = {family.slug: family for family in JobFamily.objects.all()}
        written = []
        for family_file in families:
            slug, wanted = family_file.data["slug"], family_file_content(family_file.data)
            plan = _family_plan(existing.get(slug), family_file, wanted, force)
            if isinstance(plan, Conflict):
                report.conflicts.append(plan)
                continue
            if plan == "unchanged":
                report.unchanged.append(slug)
                continue
            (report.created if plan == "create" else report.updated).append(slug)
            reason = f"Loaded from {family_file.path.name}"
            if plan == "overwrite":
                report.overwritten.append(slug)
                reason += " with --force, replacing edits made in admin"
            context = {"levels": levels, "skills": skills, "reason": reason}
            family = _family_write(family_file.path, wanted, context)
            written.append((family, family_file, wanted, reason))
        roles = {role.slug: role for role in Role.objects.all()}
        for _, _, wanted, reason in written:
            _transitions_write(wanted, roles, reason)
        for family, family_file, _, _ in written:
            _record(family, family_file.digest, family_content(family))
        report.roles = Role.objects.count()
        report.published = Role.objects.published().count()
        if dry_run:
            transaction.set_rollback(True)
    return report
