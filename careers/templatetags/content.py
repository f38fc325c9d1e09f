from django import template
from django.utils.safestring import SafeString

from careers.markdown import markdown_inline, markdown_render

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Editorial Markdown, rendered and sanitised (see careers/markdown.py)."""
    return markdown_render(text)


@register.filter
def markdown_line(text: str) -> SafeString:
    """A summary's Markdown (emphasis, code, links) inside a paragraph that exists already."""
    return markdown_inline(text)
