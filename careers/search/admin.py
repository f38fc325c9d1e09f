"""Admin for what search reads from editors: the synonyms."""

from django import forms
from django.contrib import admin

from careers.search.engine import SYNONYM_MAX_WORDS
from careers.search.models import SearchSynonym
from careers.search.text import words


class SearchSynonymForm(forms.ModelForm):
    class Meta:
        model = SearchSynonym
        fields = ["term", "meaning"]

    def clean_term(self) -> str:
        term = self.cleaned_data["term"].strip()
        read = words(term)
        if not read:
            raise forms.ValidationError(
                "Use letters or digits: this is what people type, such as SRE."
            )
        if len(read) > SYNONYM_MAX_WORDS:
            raise forms.ValidationError(
                f"Keep it to {SYNONYM_MAX_WORDS} words or fewer; longer phrases are titles."
            )
        clash = SearchSynonym.objects.exclude(pk=self.instance.pk).filter(term__iexact=term)
        if clash.exists():
            raise forms.ValidationError("There is already a synonym for this term.")
        return term

    def clean_meaning(self) -> str:
        meaning = self.cleaned_data["meaning"].strip()
        if not words(meaning):
            raise forms.ValidationError("Give the words a matching job title contains.")
        return meaning


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """SRE → site reliability engineer: search looks for the title and the meaning, and
    tells the reader which it used. A change applies to the next search."""

    form = SearchSynonymForm
    list_display = ["term", "meaning"]
    search_fields = ["term", "meaning"]
