"""Taking the work-style profile: the questions as a sheet of steps, and the snapshot a
saved result keeps (what was asked, what was answered, and every role's profile then), so
its fits never change when the content does."""

from dataclasses import dataclass

from assessments.models import WorkCondition, WorkDimension, WorkItem, WorkProfile
from assessments.profile import profile_outcome
from assessments.profile_files import family_profile_at
from assessments.profile_load import family_work_profiles
from careers.models import Role

# Items per screen in the stepper: the file's order is kept (it mixes dimensions and sides
# on purpose), so each screen holds a mix too.
ITEMS_PER_STEP = 8


@dataclass(frozen=True)
class ProfileSheet:
    profile: WorkProfile
    dimensions: list[WorkDimension]
    items: list[WorkItem]
    conditions: list[WorkCondition]

    @property
    def minutes(self) -> int:
        """An estimate of about nine seconds to read and answer each question."""
        return max(1, round((len(self.items) + len(self.conditions)) * 9 / 60))


def profile_sheet() -> ProfileSheet | None:
    """The profile as it stands, or None before the catalog is loaded. Four queries."""
    profile = WorkProfile.objects.first()
    if profile is None:
        return None
    return ProfileSheet(
        profile=profile,
        dimensions=list(WorkDimension.objects.all()),
        items=list(WorkItem.objects.all()),
        conditions=list(WorkCondition.objects.all()),
    )


def sheet_steps(sheet: ProfileSheet, form) -> list[dict]:
    """The form's fields in screens: items in runs of ITEMS_PER_STEP, then the conditions."""
    steps = []
    for start in range(0, len(sheet.items), ITEMS_PER_STEP):
        chunk = sheet.items[start : start + ITEMS_PER_STEP]
        steps.append(
            {
                "heading": "How you like to work",
                "kind": "items",
                "fields": [(item, form[form.item_field(item.id)]) for item in chunk],
            }
        )
    steps.append(
        {
            "heading": "Working conditions",
            "kind": "conditions",
            "fields": [
                (condition, form[form.condition_field(condition.id)])
                for condition in sheet.conditions
            ],
        }
    )
    for number, step in enumerate(steps, start=1):
        step["number"] = number
    return steps


def published_roles() -> list[Role]:
    return list(
        Role.objects.published()
        .select_related("family", "level")
        .order_by("family__name", "level__track", "level__order")
    )


def profile_snapshot(
    *,
    sheet: ProfileSheet,
    item_answers: dict[int, int],
    condition_answers: dict[int, int],
    roles: list[Role],
    start: Role | None = None,
) -> dict:
    """Freeze the profile as the person saw it, their answers, and what every published
    role's work rewarded at that moment."""
    dimension_keys = {d.id: d.key for d in sheet.dimensions}
    return {
        "version": sheet.profile.version,
        "start": start.slug if start else "",
        "dimensions": [
            {
                "key": d.key,
                "name": d.name,
                "left": d.left,
                "right": d.right,
                "left_means": d.left_means,
                "right_means": d.right_means,
            }
            for d in sheet.dimensions
        ],
        "items": [
            {
                "key": item.key,
                "dimension": dimension_keys[item.dimension_id],
                "left": item.left,
                "right": item.right,
                "reverse": item.reverse,
                "answer": item_answers[item.id],
            }
            for item in sheet.items
        ],
        "conditions": [
            {
                "key": c.key,
                "question": c.question,
                "levels": list(c.levels),
                "answer": condition_answers[c.id],
            }
            for c in sheet.conditions
        ],
        "families": family_work_profiles({role.family_id for role in roles}),
        "roles": [
            {
                "slug": role.slug,
                "title": role.title,
                "family": role.family.slug,
                "level": role.level.key,
            }
            for role in roles
        ],
    }


def snapshot_role_profiles(snapshot: dict) -> list[dict]:
    """Every role's profile as the snapshot kept it ({slug, rewards, conditions})."""
    families = snapshot["families"]
    return [
        {"slug": role["slug"], **family_profile_at(families.get(role["family"], {}), role["level"])}
        for role in snapshot["roles"]
        if families.get(role["family"])
    ]


def snapshot_outcome(snapshot: dict) -> dict:
    """Score a snapshot. Pure: the same snapshot always gives the same outcome. The outcome
    also carries the names pages need (roles, families, dimensions), so a page that shows a
    fit never has to load the whole snapshot."""
    outcome = profile_outcome(snapshot, snapshot_role_profiles(snapshot))
    roles = {role["slug"]: role for role in snapshot["roles"]}
    for fit in outcome["fits"]:
        role = roles[fit["role"]]
        fit["title"] = role["title"]
        fit["family"] = role["family"]
    outcome["family_names"] = {
        slug: family["name"] for slug, family in snapshot["families"].items()
    }
    outcome["dimension_names"] = {
        d["key"]: {"name": d["name"], "left": d["left"], "right": d["right"]}
        for d in snapshot["dimensions"]
    }
    outcome["condition_levels"] = {c["key"]: c["levels"] for c in snapshot["conditions"]}
    return outcome
