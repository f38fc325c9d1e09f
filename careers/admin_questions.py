"""Interview questions, edited on their own page and reached from each role they suit.

A question belongs to a family and suits some of its levels, so the role's form lists the
questions its readers see, each with a link to edit it and one to add another for that
level; saving brings the editor back to the role. Like every catalog edit, one that would
leave a published role incomplete is refused as a whole (deleting a question included)."""

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from simple_history.admin import SimpleHistoryAdmin

from careers.admin_fields import ListsAsLines, levels_as_checkboxes
from careers.admin_guards import KeepsPublishedRolesComplete, published_roles_problems
from careers.models import InterviewQuestion, Role

RETURN_TO = "next"


def role_questions_html(role: Role | None) -> str:
    """The role form's list: the questions this level's readers see, with edit links."""
    if role is None or role.pk is None:
        return "Save the role first; then its level's questions are listed here."
    back = reverse("admin:careers_role_change", args=[role.pk])
    add = reverse("admin:careers_interviewquestion_add")
    questions = InterviewQuestion.objects.filter(family=role.family_id, levels=role.level_id)
    rows = format_html_join(
        "",
        '<li><a href="{}?{}={}">{}</a> <span class="help">({})</span></li>',
        (
            (
                reverse("admin:careers_interviewquestion_change", args=[q.pk]),
                RETURN_TO,
                back,
                q.question,
                q.get_kind_display(),
            )
            for q in questions
        ),
    )
    return format_html(
        '<ul class="role-questions">{}</ul><p><a class="addlink" href="{}?family={}&amp;'
        'levels={}&amp;{}={}">Add a question for this level</a></p>',
        rows or format_html("<li>None yet.</li>"),
        add,
        role.family_id,
        role.level_id,
        RETURN_TO,
        back,
    )


@admin.register(InterviewQuestion)
class InterviewQuestionAdmin(ListsAsLines, KeepsPublishedRolesComplete, SimpleHistoryAdmin):
    list_display = ["question", "family", "kind"]
    list_filter = ["family", "kind", "levels"]
    search_fields = ["question", "probes"]
    list_select_related = ["family"]
    autocomplete_fields = ["family"]
    formfield_overrides = levels_as_checkboxes()
    fields = ["family", "kind", "levels", "question", "probes", "strong_answer", "order"]

    def published_problems(self, pk) -> dict[int, set[str]]:
        family = InterviewQuestion.objects.filter(pk=pk).values_list("family", flat=True).first()
        return published_roles_problems(Role.objects.filter(family=family))

    def response_add(self, request, obj, post_url_continue=None):
        return self._back_to_role(request) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        response = super().response_change(request, obj)  # refuses an incomplete result
        return self._back_to_role(request) or response

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            problems = self._problems_if_deleted(object_id)
            if problems:
                self.message_user(
                    request,
                    "Not deleted: without this question a published role would be "
                    "incomplete. " + "; ".join(problems),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path.removesuffix("delete/") + "change/")
        return super().delete_view(request, object_id, extra_context)

    def _problems_if_deleted(self, object_id) -> list[str]:
        question = InterviewQuestion.objects.filter(pk=object_id).first()
        if question is None:
            return []
        with transaction.atomic():
            before = self.published_problems(question.pk)
            question.delete()
            after = published_roles_problems(Role.objects.filter(pk__in=before))
            transaction.set_rollback(True)
        return sorted(p for pk, found in after.items() for p in found - before[pk])

    def _back_to_role(self, request) -> HttpResponseRedirect | None:
        """After a save started from a role's form, back to that role."""
        target = request.GET.get(RETURN_TO, "")
        if "_save" in request.POST and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return HttpResponseRedirect(target)
        return None
