"""Write the work-style profile's catalog files to the database, and read role profiles
back for scoring.

The same rule as the role catalog: files that have not changed since the last load leave
the database alone (editors' admin edits stay); when the files changed but so did the
content in admin, the load is refused as a conflict and nothing is written; `force`
replaces the content, deleting rows one by one so the history keeps the editors' version.
"""

import hashlib
import json
from pathlib import Path

from django.db import transaction

from assessments.models import (
    FamilyWorkCondition,
    FamilyWorkReward,
    WorkCondition,
    WorkDimension,
    WorkItem,
    WorkProfile,
)
from assessments.profile_files import (
    PROFILE_DIR,
    ProfileContent,
    family_profile_at,
    profile_content_read,
)
from careers.models import JobFamily, Level, Role


def _files_digest(directory: Path) -> str:
    digest = hashlib.sha256((directory / "profile.toml").read_bytes())
    for path in sorted((directory / "roles").glob("*.toml")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def work_profile_content_digest() -> str:
    """A digest of what the database holds, to notice edits made in admin."""
    content = {
        "profile": list(WorkProfile.objects.values_list("version", "intro")),
        "dimensions": list(
            WorkDimension.objects.values_list(
                "key", "name", "left", "right", "left_means", "right_means", "sources", "order"
            )
        ),
        "items": list(
            WorkItem.objects.values_list(
                "key", "dimension__key", "left", "right", "reverse", "order"
            )
        ),
        "conditions": list(WorkCondition.objects.values_list("key", "question", "levels", "order")),
        "rewards": list(
            FamilyWorkReward.objects.order_by("family__slug", "order").values_list(
                "family__slug", "level__key", "dimension__key", "pole", "importance", "why"
            )
        ),
        "family_conditions": list(
            FamilyWorkCondition.objects.order_by("family__slug", "order").values_list(
                "family__slug", "level__key", "condition__key", "required", "why"
            )
        ),
    }
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()


def _delete_one_by_one(queryset) -> None:
    for row in queryset:
        row.delete()  # per row, so the history records what was replaced


def _write(content: ProfileContent, data: dict) -> None:
    for model in (FamilyWorkReward, FamilyWorkCondition, WorkItem, WorkDimension, WorkCondition):
        _delete_one_by_one(model.objects.all())
    dimensions = {
        d["key"]: WorkDimension.objects.create(
            key=d["key"],
            name=d["name"],
            left=d["left"],
            right=d["right"],
            left_means=d["left_means"],
            right_means=d["right_means"],
            sources=d.get("sources", ""),
            order=order,
        )
        for order, d in enumerate(content.dimensions)
    }
    for order, item in enumerate(content.items):
        WorkItem.objects.create(
            key=item["key"],
            dimension=dimensions[item["dimension"]],
            left=item["left"],
            right=item["right"],
            reverse=item.get("reverse", False),
            order=order,
        )
    conditions = {
        c["key"]: WorkCondition.objects.create(
            key=c["key"], question=c["question"], levels=c["levels"], order=order
        )
        for order, c in enumerate(content.conditions)
    }
    families = {family.slug: family for family in JobFamily.objects.all()}
    levels = {level.key: level for level in Level.objects.all()}
    for slug, family_data in content.families.items():
        family = families.get(slug)
        if family is None:
            continue  # a family not (yet) in the role catalog
        entries = [(None, family_data)] + [
            (levels.get(key), adjustment)
            for key, adjustment in (family_data.get("levels") or {}).items()
        ]
        for level, entry in entries:
            for order, reward in enumerate(entry.get("rewards") or []):
                FamilyWorkReward.objects.create(
                    family=family,
                    level=level,
                    dimension=dimensions[reward["dimension"]],
                    pole=reward["pole"],
                    importance=reward["importance"],
                    why=reward["why"],
                    order=order,
                )
            for order, condition in enumerate(entry.get("conditions") or []):
                FamilyWorkCondition.objects.create(
                    family=family,
                    level=level,
                    condition=conditions[condition["key"]],
                    required=condition["level"],
                    why=condition["why"],
                    order=order,
                )
    profile = WorkProfile.objects.first() or WorkProfile()
    profile.version, profile.intro = data.get("version", 1), data.get("intro", "")
    profile.save()


def work_profile_load(directory: Path = PROFILE_DIR, *, force: bool = False) -> str:
    """ "unchanged", "loaded" or a conflict message."""
    import tomllib

    content = profile_content_read(directory)
    data = tomllib.loads((directory / "profile.toml").read_text(encoding="utf-8"))
    files_digest = _files_digest(directory)
    with transaction.atomic():
        profile = WorkProfile.objects.first()
        if not force and profile and profile.catalog_digest == files_digest:
            return "unchanged"
        if not force and profile and profile.content_digest != work_profile_content_digest():
            return (
                "CONFLICT: the work-style profile was edited in admin since the last load and "
                "its files changed too; the editors' version was kept (use --force to replace)"
            )
        _write(content, data)
        WorkProfile.objects.update(
            catalog_digest=files_digest, content_digest=work_profile_content_digest()
        )
    return "loaded"


def family_work_profiles(family_ids) -> dict[str, dict]:
    """Each family's profile in the files' shape, keyed by family slug:
    {name, rewards, conditions, levels: {level key: {rewards, conditions}}}. A saved result
    keeps exactly this, so its fits can always be recomputed. Two queries."""
    rewards = FamilyWorkReward.objects.filter(family_id__in=family_ids).select_related(
        "family", "level", "dimension"
    )
    conditions = FamilyWorkCondition.objects.filter(family_id__in=family_ids).select_related(
        "family", "level", "condition"
    )
    families: dict[str, dict] = {}

    def entries(row) -> dict:
        family = families.setdefault(
            row.family.slug,
            {"name": row.family.name, "rewards": [], "conditions": [], "levels": {}},
        )
        if row.level is None:
            return family
        return family["levels"].setdefault(row.level.key, {"rewards": [], "conditions": []})

    for reward in rewards:
        entries(reward)["rewards"].append(
            {
                "dimension": reward.dimension.key,
                "pole": reward.pole,
                "importance": reward.importance,
                "why": reward.why,
            }
        )
    for condition in conditions:
        entries(condition)["conditions"].append(
            {"key": condition.condition.key, "level": condition.required, "why": condition.why}
        )
    return families


def role_work_profiles(roles: list[Role]) -> list[dict]:
    """Each role's profile for scoring ({slug, title, rewards, conditions}): its family's
    entries, with its level's entries replacing them. Two queries whatever the number of
    roles (the roles must come with their family and level)."""
    families = family_work_profiles({role.family_id for role in roles})
    return [
        {
            "slug": role.slug,
            "title": role.title,
            **family_profile_at(families.get(role.family.slug, {}), role.level.key),
        }
        for role in roles
    ]
