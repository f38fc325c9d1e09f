"""Formatting for labour-market figures: money, counts and signed percentages."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def dollars(value) -> str:
    if value is None or value == "":
        return "not available"
    return f"${intcomma(int(value))}"


@register.filter
def count(value) -> str:
    if value is None or value == "":
        return "not available"
    return intcomma(int(value))


@register.filter
def signed_percent(value) -> str:
    if value is None or value == "":
        return "not available"
    return f"{value:+.1f}%"


@register.filter
def one_decimal(value) -> str:
    if value is None or value == "":
        return "–"
    return f"{value:.1f}"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None or "" removes them)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
