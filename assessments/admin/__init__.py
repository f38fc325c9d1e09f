"""Django admin for the assessments app, one module per purpose; importing them registers
them."""

from assessments.admin import family_profile, interests, work_profile  # noqa: F401
