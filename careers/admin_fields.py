"""What editors get in admin beyond Django's defaults: lists typed one item per line
(never JSON), live word counts and a Markdown preview for the long texts."""

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from careers.content import TEXT_RANGES
from careers.markdown import markdown_render


class LinesField(forms.CharField):
    """A list of short texts, one per line in a textarea; blank lines are ignored. The
    model field's own validators (counts, lengths) still judge the list."""

    def __init__(self, *, rows: int = 5, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(map(str, value)) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)


class ListsAsLines:
    """An admin (or inline) mixin: every JSON list field of the model is edited as lines of
    text, so editors never see brackets and quotes or "Enter a valid JSON."."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField) and db_field.default is list:
            help_text = f"{db_field.help_text} One per line.".strip()
            return LinesField(
                label=capfirst(db_field.verbose_name),
                help_text=help_text,
                required=not db_field.blank,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class EditorAids:
    """An admin mixin for the catalog's long texts: a live word count against the
    section's range (careers.content.TEXT_RANGES) and, for Markdown fields, a preview
    rendered by the server exactly as the site renders it. static/js/admin-editor.js reads
    the data attributes set here; without JavaScript the form is unchanged."""

    # The preview's address is registered once, by the admin that sets this.
    serves_markdown_preview = False

    class Media:
        js = ["js/admin-editor.js"]  # its styles are in css/admin.css, on every admin page

    def get_urls(self):
        urls = super().get_urls()
        if not self.serves_markdown_preview:
            return urls
        preview = path(
            "markdown-preview/",
            self.admin_site.admin_view(markdown_preview),
            name="careers_markdown_preview",
        )
        return [preview, *urls]  # before the admin's catch-all object URLs

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None or not isinstance(db_field, models.TextField):
            return field
        attrs = field.widget.attrs
        if db_field.name in TEXT_RANGES:
            low, high = TEXT_RANGES[db_field.name]
            attrs["data-word-range"] = f"{low}-{high}"
        if db_field.help_text.startswith("Markdown"):
            attrs["data-markdown-preview"] = reverse("admin:careers_markdown_preview")
        return field


@staff_member_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The site's rendering of the posted Markdown, for the editor's preview."""
    text = request.POST.get("text", "")[:PREVIEW_MAX]
    return HttpResponse(markdown_render(text))


PREVIEW_MAX = 20_000


class LabelledInline:
    """A tabular inline whose inputs carry their column's name: a table's header is not a
    label, so without it a screen reader announces a bare "edit text" (WCAG 1.3.1)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        def add_fields(self, form, index):
            formset.add_fields(self, form, index)
            if "DELETE" in form.fields:
                form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this row"

        return type(formset.__name__, (formset,), {"add_fields": add_fields})


def levels_as_checkboxes() -> dict:
    """formfield_overrides for a choice of levels: a few checkboxes, each with its label,
    instead of the two-list chooser (whose script writes ARIA that screen readers reject)."""
    return {
        models.ManyToManyField: {
            "widget": forms.CheckboxSelectMultiple(attrs={"class": "levels-choice"})
        }
    }
