from django.apps import AppConfig


class TruestConfig(AppConfig):
    name = "truest"
    verbose_name = "Truest"

    def ready(self) -> None:
        from allauth.core.internal import ratelimit

        # allauth's limiter holds a cache lock for the few milliseconds it takes to count a
        # request. A request cut off by a database outage cannot release it, and until the
        # lock expires every login or save on that key waits and is refused as "too many".
        # Two seconds is ample for the count and keeps such a stale lock from outliving the
        # outage (allauth's default is ten).
        ratelimit.CACHE_LOCK_TIMEOUT = 2
        from django.contrib.auth.signals import user_logged_in

        from truest.adapter import remember_device
        from truest.services import remember_session_on_login

        user_logged_in.connect(remember_device, dispatch_uid="truest_remember_device")
        user_logged_in.connect(remember_session_on_login, dispatch_uid="truest_remember_session")
