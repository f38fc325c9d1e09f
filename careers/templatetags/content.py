from django import template
from django.utils.safestring import SafeString

from careers.markdown import markdown_render

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Editorial Markdown, rendered and sanitised (see careers/markdown.py)."""
    return markdown_render(text)
