from django.urls import path, register_converter

from careers import views
from careers.moves import views as moves_views
from careers.personal import NO_LENS, PersonalLens


class OnetCodeConverter:
    regex = r"\d{2}-\d{4}\.\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(OnetCodeConverter, "onet")


def career_urlpatterns(lens: PersonalLens = NO_LENS) -> list:
    """The career pages; those that can show the reader's own fit get `lens`."""
    personal = {"lens": lens}
    return [
        path("occupations/", views.occupation_list, name="occupation_list"),
        path("occupations/<onet:code>/", views.occupation_detail, name="occupation_detail"),
        path("search/", views.search, name="search"),
        path("search/suggest/", views.search_suggest, name="search_suggest"),
        path("roles/", views.role_list, personal, name="role_list"),
        path("compare/", views.compare, personal, name="compare"),
        path("moves/", moves_views.moves, name="moves"),
        path("roles/<slug:slug>/", views.role_detail, personal, name="role_detail"),
    ]
