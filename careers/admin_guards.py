"""Admin edits that cannot leave a published role incomplete, whichever form makes them
(the change form or the history's revert form)."""

from django.db import router, transaction

from careers.models import Role
from careers.selectors.roles import role_sections


class EditRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def published_role_problems(role: Role) -> set[str]:
    return {str(problem) for problem in role_sections(role)[1]}


def published_roles_problems(roles) -> dict[int, set[str]]:
    """For admins whose object holds several roles: each published role's problems, named
    with the role, by role."""
    roles = roles.published().select_related("family", "level")
    return {role.pk: {f"{role}: {p}" for p in published_role_problems(role)} for role in roles}


class KeepsPublishedRolesComplete:
    """An edit that would leave a published role incomplete is refused as a whole.

    The check needs the edit saved, inlines included, to see the role as its page would; so
    the view runs in a transaction, `response_change` (reached once everything is saved,
    before anything is answered) raises `EditRefused`, the transaction rolls back, and the
    view runs again with a form that lists the problems. Nothing is saved, the role stays
    published and its page keeps its text. Problems a role had before the edit do not block
    it (an edit may fix one of several). The change form and simple_history's revert form
    both go through here."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._refusing(super().changeform_view, request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        view = super().history_form_view
        return self._refusing(view, request, object_id, version_id, extra_context)

    def _refusing(self, view, request, *args):
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return view(request, *args)
        except EditRefused as refused:
            request.edit_refused = refused.problems
            return view(request, *args)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        problems = getattr(request, "edit_refused", None)
        if not problems:
            return form

        def clean(self):
            cleaned = super(refusing, self).clean()
            self.add_error(
                None,
                "Not saved: this edit would leave a published role incomplete. Fix the "
                "problems below, or return the role to draft first.",
            )
            for problem in problems:
                self.add_error(None, problem)
            return cleaned

        refusing = type(form.__name__, (form,), {"clean": clean})
        return refusing

    def save_model(self, request, obj, form, change) -> None:
        # Problems before the edit, read from the database before anything is saved.
        obj._published_problems = self.published_problems(obj.pk) if change else {}
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        # Everything is saved by now (the form, its inlines), and nothing is answered yet.
        before = getattr(obj, "_published_problems", {})
        after = self.published_problems(obj.pk)
        if any(after[role] - before.get(role, set()) for role in after):
            raise EditRefused(sorted(problem for found in after.values() for problem in found))
        return super().response_change(request, obj)

    def published_problems(self, pk) -> dict[int, set[str]]:
        """What keeps each published role this object holds from being complete, by role."""
        raise NotImplementedError
