from django.apps import AppConfig

# Tables derived from content, rebuilt in bulk: changing them is not a content change.
DERIVED_MODELS = {"ContentVersion", "SearchEntry", "SearchSpelling"}


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Careers"

    def ready(self) -> None:
        from careers.versioning import version_on_change

        # Every careers model is content or public data (history rows are written with
        # their model, so they need no receiver of their own).
        version_on_change(
            *(
                model
                for model in self.get_models()
                if model.__name__ not in DERIVED_MODELS
                and not model.__name__.startswith("Historical")
            )
        )
