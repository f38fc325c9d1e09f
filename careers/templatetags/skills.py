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
