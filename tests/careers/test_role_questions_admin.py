"""An editor reaches a role's interview questions from the role's form, edits or adds one,
and lands back on the role; a deletion that would leave a published role short is refused."""

import pytest

from careers.models import InterviewQuestion, Role
from tests.careers.admin_forms import ChangeForm

pytestmark = pytest.mark.django_db

SENIOR = "senior-reliability-engineer"


def role_form(client, role: Role) -> str:
    page = client.get(f"/admin/careers/role/{role.pk}/change/")
    assert page.status_code == 200
    return page.content.decode()


def test_the_role_form_lists_its_levels_questions_with_links_to_edit_them(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    page = role_form(client, role)
    back = f"/admin/careers/role/{role.pk}/change/"
    for question in InterviewQuestion.objects.filter(family=role.family, levels=role.level):
        url = f"/admin/careers/interviewquestion/{question.pk}/change/?next={back}"
        assert f'<a href="{url}">{question.question}</a>' in page
    assert (
        f"/admin/careers/interviewquestion/add/?family={role.family_id}&amp;"
        f"levels={role.level_id}&amp;next={back}"
    ) in page


def test_an_edit_started_from_the_role_saves_and_returns_to_the_role(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    question = InterviewQuestion.objects.filter(family=role.family, levels=role.level).first()
    back = f"/admin/careers/role/{role.pk}/change/"
    url = f"/admin/careers/interviewquestion/{question.pk}/change/?next={back}"
    data = ChangeForm(client.get(url).content.decode(), "interviewquestion_form").data
    data |= {"question": ["How would you cut the pager load of a noisy service?"]}
    data["_save"] = ["Save"]

    response = client.post(url, data)

    assert response.status_code == 302 and response["Location"] == back
    question.refresh_from_db()
    assert question.question == "How would you cut the pager load of a noisy service?"
    assert question.question in role_form(client, role)
    reader_page = client.get(f"/roles/{SENIOR}/").content.decode()
    assert "How would you cut the pager load of a noisy service?" in reader_page


def test_a_question_added_from_the_role_starts_with_its_family_and_level(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    back = f"/admin/careers/role/{role.pk}/change/"
    url = (
        f"/admin/careers/interviewquestion/add/?family={role.family_id}"
        f"&levels={role.level_id}&next={back}"
    )
    data = ChangeForm(client.get(url).content.decode(), "interviewquestion_form").data
    assert data["family"] == [str(role.family_id)] and data["levels"] == [str(role.level_id)]
    data |= {
        "kind": ["scenario"],
        "question": ["A deploy doubled p99 latency an hour ago. Where do you start?"],
        "probes": ["Whether they stop the bleeding before hunting the cause."],
        "strong_answer": ["Roll back first.\r\nCompare dashboards.\r\nWrite it up."],
        "order": ["20"],
        "_save": ["Save"],
    }

    response = client.post(url, data)

    assert response.status_code == 302 and response["Location"] == back
    added = InterviewQuestion.objects.get(question__startswith="A deploy doubled")
    assert list(added.levels.all()) == [role.level]
    assert added.strong_answer == ["Roll back first.", "Compare dashboards.", "Write it up."]
    assert "A deploy doubled p99 latency" in role_form(client, role)


def test_deleting_a_question_a_published_role_needs_is_refused(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    questions = list(InterviewQuestion.objects.filter(family=role.family, levels=role.level))
    assert len(questions) == 9  # the catalog's; a role needs 8 to 15

    first = client.post(
        f"/admin/careers/interviewquestion/{questions[0].pk}/delete/", {"post": "yes"}
    )
    assert first.status_code == 302
    second = client.post(
        f"/admin/careers/interviewquestion/{questions[1].pk}/delete/",
        {"post": "yes"},
        follow=True,
    )

    said = second.content.decode()
    assert "Not deleted: without this question a published role would be incomplete." in said
    assert "Interview questions: 7 items; it needs 8–15" in said
    assert InterviewQuestion.objects.filter(pk=questions[1].pk).exists()
    assert not InterviewQuestion.objects.filter(pk=questions[0].pk).exists()
