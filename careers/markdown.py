"""Editorial Markdown → safe HTML: a Markdown library, then an allow-list sanitizer.

Editors write Markdown in admin; whatever they paste (script tags, event handlers,
`javascript:` links) is removed by nh3 before the page shows it.
"""

import markdown as markdown_library
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "a",
    "h3",
    "h4",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def markdown_render(text: str) -> SafeString:
    html = markdown_library.markdown(text or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # Safe: nh3 has just removed every tag, attribute and URL scheme not allowed above.
    return mark_safe(cleaned)
