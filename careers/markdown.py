"""Editorial Markdown → safe HTML: a Markdown library, then an allow-list sanitizer.

Editors write Markdown in admin; whatever they paste (script tags, event handlers,
`javascript:` links) is removed by nh3 before the page shows it.
"""

import functools
import re

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


# An asterisk inside a word ("O*NET") is part of the word, never emphasis: without this,
# "O*NET … O*NET" in one paragraph would italicise everything between the two.
INWORD_ASTERISK = re.compile(r"(?<=\w)\*(?=\w)")


def _rendered(text: str, *, tags: set[str]) -> SafeString:
    """Markdown → HTML keeping only `tags` (with their allowed attributes and schemes)."""
    return _rendered_once(text or "", frozenset(tags))


# The same text always renders the same, so each distinct text is rendered once per
# process: pages (and their lists of roles) never run Markdown per request. A text that
# is edited is a new key; old ones fall out of the least-recently-used end.
@functools.lru_cache(maxsize=8192)
def _rendered_once(text: str, tags: frozenset[str]) -> SafeString:
    text = INWORD_ASTERISK.sub(r"\\*", text)
    html = markdown_library.markdown(text, extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=set(tags),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # Safe: nh3 has just removed every tag, attribute and URL scheme not allowed above.
    return mark_safe(cleaned)


def markdown_render(text: str) -> SafeString:
    return _rendered(text, tags=ALLOWED_TAGS)


INLINE_TAGS = {"em", "strong", "code", "a"}


def markdown_inline(text: str) -> SafeString:
    """A one-paragraph text (a summary) with emphasis, code and links but no blocks, for
    places that are already a paragraph or a list item."""
    # Stripping removes only whitespace from already-sanitised HTML.
    return mark_safe(_rendered(text, tags=INLINE_TAGS).strip())
