from django.apps import AppConfig


class TruestConfig(AppConfig):
    name = "truest"
    verbose_name = "Truest"
