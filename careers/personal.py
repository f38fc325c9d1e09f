"""What the careers pages show about the person reading them.

careers holds content and public data; a person's results live in another app, which
careers never imports. The project joins them explicitly: truest/urls.py builds the career
pages with `career_urlpatterns(lens=...)`, passing the app that knows the person. Without a
lens the pages show nothing personal.
"""

from dataclasses import dataclass
from typing import Protocol

from django.http import HttpRequest


@dataclass(frozen=True)
class RoleFit:
    """The person's fit for one role, from their latest saved profile."""

    score: int
    band: str
    band_label: str
    conflicted: bool = False


class PersonalLens(Protocol):
    def role_fits(self, request: HttpRequest) -> dict[str, RoleFit]:
        """Role slug → the person's fit, or {} when they have none. At most one query."""

    def role_panel(self, request: HttpRequest, role) -> str:
        """HTML for the role page's "Is it right for you?": this person's fit, or ""."""

    def shortlisted(self, request: HttpRequest) -> set[str]:
        """Slugs of the roles on the person's shortlist. At most one query."""


class NoLens:
    def role_fits(self, request: HttpRequest) -> dict[str, RoleFit]:
        return {}

    def role_panel(self, request: HttpRequest, role) -> str:
        return ""

    def shortlisted(self, request: HttpRequest) -> set[str]:
        return set()


NO_LENS = NoLens()
