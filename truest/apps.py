from django.apps import AppConfig


class TruestConfig(AppConfig):
    name = "truest"
    verbose_name = "Truest"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from truest.adapter import remember_device
        from truest.services import remember_session_on_login

        user_logged_in.connect(remember_device, dispatch_uid="truest_remember_device")
        user_logged_in.connect(remember_session_on_login, dispatch_uid="truest_remember_session")
