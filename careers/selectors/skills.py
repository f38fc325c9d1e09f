"""Skills on the shared vocabulary: what a role needs, and the gap between two roles.

Because every role's skills point at one vocabulary entry, "do I have this skill?" never
depends on spelling: a synonym is the same skill. The gap is ordered by how much the
target needs each skill: its importance there (1–5) times the levels to climb (1–5).
"""

from dataclasses import dataclass, field

from django.db.models import Q

from careers.models import Role, Skill, SkillRequirement


@dataclass(frozen=True)
class SkillNeed:
    skill: Skill
    importance: int
    level: int
    note: str = ""
    element_name: str = ""


def skill_requirements_for(roles: list[Role]) -> list[SkillRequirement]:
    """The rows any of these roles may use (their own and their families'), one query."""
    return list(
        SkillRequirement.objects.filter(
            Q(role__in=[role.id for role in roles])
            | Q(family__in={role.family_id for role in roles})
        ).select_related("skill", "skill__element")
    )


def role_skill_needs(rows: list[SkillRequirement], role: Role) -> list[SkillNeed]:
    """The role's skills, most important first (role's own rows, else its family's that
    apply at its level)."""
    effective = SkillRequirement.effective_for(rows, role)
    needs = [
        SkillNeed(
            skill=row.skill,
            importance=row.importance,
            level=row.expected_for(role),
            note=row.note,
            element_name=row.skill.element.name if row.skill.element else "",
        )
        for row in sorted(effective, key=lambda row: (-row.importance, row.order))
    ]
    return needs


@dataclass(frozen=True)
class Step:
    """One skill to grow: the target's need and the level you bring (0: not at all)."""

    need: SkillNeed
    have: int

    @property
    def weight(self) -> int:
        return self.need.importance * (self.need.level - self.have)


@dataclass
class SkillGap:
    carries_over: list[SkillNeed] = field(default_factory=list)
    to_deepen: list[Step] = field(default_factory=list)
    missing: list[Step] = field(default_factory=list)

    @property
    def to_learn(self) -> list[Step]:
        """Everything to grow, the heaviest first."""
        return sorted(
            [*self.to_deepen, *self.missing],
            key=lambda step: (-step.weight, step.need.skill.name),
        )

    @property
    def share_carried(self) -> float:
        total = len(self.carries_over) + len(self.missing)
        return len(self.carries_over) / total if total else 0.0


def skill_gap(*, have: list[SkillNeed], need: list[SkillNeed]) -> SkillGap:
    """What of `need` the holder of `have` brings. A skill held at any level carries over
    (and is to deepen when the target expects more); one not held at all is missing."""
    held = {item.skill.pk: item.level for item in have}
    gap = SkillGap()
    for item in need:
        level = held.get(item.skill.pk)
        if level is None:
            gap.missing.append(Step(need=item, have=0))
            continue
        gap.carries_over.append(item)
        if level < item.level:
            gap.to_deepen.append(Step(need=item, have=level))
    gap.missing.sort(key=lambda step: (-step.weight, step.need.skill.name))
    gap.to_deepen.sort(key=lambda step: (-step.weight, step.need.skill.name))
    return gap
