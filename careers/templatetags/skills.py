from django import template

from careers.models import SkillRequirement

register = template.Library()


@register.filter
def proficiency(level) -> str:
    """A proficiency level (1–5) in words: "4 — Advanced"."""
    try:
        return f"{int(level)} — {SkillRequirement.Proficiency(int(level)).label}"
    except (TypeError, ValueError):
        return "not expected"


@register.filter
def proficiency_name(level) -> str:
    """A proficiency level (1–5) as its name in lower case: "advanced"."""
    try:
        return SkillRequirement.Proficiency(int(level)).label.lower()
    except (TypeError, ValueError):
        return "none"
