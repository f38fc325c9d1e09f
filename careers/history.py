"""Restoring a role's earlier version as a whole: its own fields come back through the
history admin's revert form; its links (moves out, skills, variations, secondary
occupations) are put back here, from their own histories, as they stood while that version
was current."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Model

from careers.models import Role, SecondaryOccupation, SkillRequirement, Transition, Variation

# (model, the field naming the role, how a reader would call the rows)
ROLE_LINKS: tuple[tuple[type[Model], str, str], ...] = (
    (Transition, "from_role", "moves"),
    (SkillRequirement, "role", "skills"),
    (Variation, "role", "things that vary"),
    (SecondaryOccupation, "role", "other occupations"),
)


@dataclass
class LinksRestored:
    """What a restore changed, by kind of link, and what it could not bring back."""

    changed: dict[str, int] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{label} ({count})" for label, count in self.changed.items() if count]
        said = "Links put back as they were: " + (", ".join(parts) if parts else "none changed")
        if self.missing:
            said += ". Not restored (what they pointed to is gone): " + "; ".join(self.missing)
        return said + "."


def version_ends(role: Role, history_id: int) -> datetime | None:
    """The last moment a historical version of the role was current: just before the next
    version was recorded. A load or an admin save records the role first and its links a
    moment later, so that moment includes the links saved with it. None for the latest
    version (it is still current: its links are the ones there now)."""
    version = role.history.get(history_id=history_id)
    later = (
        role.history.filter(history_date__gt=version.history_date)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    return later - timedelta(microseconds=1) if later else None


def role_links_restore(role: Role, as_of: datetime) -> LinksRestored:
    """Make the role's links what they were at `as_of`. A link added since is removed only
    when its own history shows it (rows that predate history tracking are left alone)."""
    restored = LinksRestored()
    for model, role_field, label in ROLE_LINKS:
        owner = {f"{role_field}_id": role.pk}
        then = {obj.pk: obj for obj in model.history.as_of(as_of).filter(**owner)}
        now = {obj.pk: obj for obj in model.objects.filter(**owner)}
        tracked = set(model.history.filter(id__in=now).values_list("id", flat=True))
        changes = 0
        for pk in now.keys() - then.keys():
            if pk in tracked:
                now[pk].delete()
                changes += 1
        for pk, obj in then.items():
            if pk in now and _values(now[pk]) == _values(obj):
                continue
            gone = _missing_target(obj)
            if gone:
                restored.missing.append(f"{label}: {gone}")
                continue
            try:
                with transaction.atomic():
                    obj.save()
            except IntegrityError:
                restored.missing.append(f"{label}: {obj} (clashes with a current one)")
                continue
            changes += 1
        restored.changed[label] = changes
    return restored


def _values(obj: Model) -> list:
    return [getattr(obj, f.attname) for f in obj._meta.concrete_fields]


def _missing_target(obj: Model) -> str:
    """Names a foreign key whose row no longer exists, else ''."""
    for f in obj._meta.concrete_fields:
        target = getattr(obj, f.attname) if f.is_relation else None
        if target is not None and not f.related_model._base_manager.filter(pk=target).exists():
            return f"{f.verbose_name} #{target}"
    return ""
