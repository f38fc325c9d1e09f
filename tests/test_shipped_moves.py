"""The shipped catalog's ladders, routes and reach: no dead ends, no false promotions, the
routes people ask about exist, rungs that read differently, and the field covered."""

import pytest

from careers.models import Role, Transition
from careers.moves.graph import routes
from careers.moves.plan import move_graph

pytestmark = pytest.mark.django_db


def test_every_role_has_a_next_rung_or_written_next_steps(shipped_site):
    lacking = [
        role.slug
        for role in Role.objects.published()
        if not role.transitions_out.filter(kind=Transition.Kind.ADVANCEMENT).exists()
        and not role.next_steps.strip()
    ]
    assert lacking == []
    tops = Role.objects.published().exclude(next_steps="")
    assert tops.count() >= 12  # the staff, principal and director rungs at least


def test_no_advancement_goes_sideways_or_down_and_track_changes_stay_level(shipped_site):
    for move in Transition.objects.select_related("from_role__level", "to_role__level"):
        here, there = move.from_role.level, move.to_role.level
        if move.kind == Transition.Kind.ADVANCEMENT:
            assert there.band > here.band, str(move)
        if move.kind == Transition.Kind.TRACK_CHANGE:
            assert (there.band, there.track != here.track) == (here.band, True), str(move)


def test_the_routes_people_ask_about_exist(shipped_site):
    graph = move_graph().graph
    support_to_sre = routes(
        graph, "role:junior-technical-support-engineer", "role:senior-site-reliability-engineer"
    )
    assert support_to_sre, "no route from support into SRE"
    assert all(len(route.edges) <= 4 for route in support_to_sre)
    to_management = routes(
        graph, "role:senior-site-reliability-engineer", "role:engineering-manager"
    )
    assert to_management and len(to_management[0].edges) <= 2


def test_the_planner_and_the_role_page_show_the_ladder(shipped_site, client):
    page = client.get("/roles/staff-site-reliability-engineer/").content.decode()
    assert 'href="/roles/principal-site-reliability-engineer/"' in page  # the next rung
    assert "Lateral change of track" in page  # to senior engineering manager
    top = client.get("/roles/principal-site-reliability-engineer/").content.decode()
    assert "Where people go from here" in top  # written next steps at the top rung
    planned = client.get(
        "/moves/",
        {"from": "junior-technical-support-engineer", "to": "senior-site-reliability-engineer"},
    )
    assert planned.status_code == 200
    assert "Route 1:" in planned.content.decode()


def test_adjacent_rungs_read_as_different_pages(shipped_site):
    from careers.coverage import MAX_SHARED, adjacent_level_overlaps

    overlaps = adjacent_level_overlaps()
    assert len(overlaps) >= 40
    too_similar = [(o.lower, o.upper, round(o.share, 2)) for o in overlaps if o.share > MAX_SHARED]
    assert too_similar == []


def test_every_computer_occupation_is_covered_or_left_out_with_a_reason(shipped_site):
    from careers.coverage import MAX_LEFT_OUT, field_coverage

    report = field_coverage()
    assert report.missing == []
    assert len(report.left_out) <= MAX_LEFT_OUT
    assert all(len(reason.split()) >= 12 for reason in report.left_out.values())
    assert not any("not written" in reason.lower() for reason in report.left_out.values())
    for code in ("15-2051.00", "17-2061.00", "13-1082.00", "41-9031.00", "11-3021.00"):
        assert code in report.covered, code


ENGINEERING = {
    "backend-engineering",
    "frontend-engineering",
    "platform-engineering",
    "devops-engineering",
    "site-reliability-engineering",
    "data-engineering",
    "machine-learning-engineering",
    "mobile-engineering",
    "embedded-engineering",
    "ai-engineering",
    "security-engineering",
    "quality-engineering",
    "network-engineering",
    "database-administration",
}


# Families whose real interview loops test code or hands-on work at every level, beyond the
# engineering ones: SQL and notebooks, scripting, live investigation.
HANDS_ON = ENGINEERING | {
    "data-science",
    "data-analysis",
    "it-operations",
    "security-operations",
    "technical-support",
}


def test_engineering_interviews_match_real_loops(shipped_site):
    """Every role of a family whose interviews test code or hands-on work is asked a
    technical question at its own level; engineering roles from senior up also a
    system-design question; every question says what it probes and what a strong answer
    covers."""
    from careers.models import InterviewQuestion

    gaps = []
    for role in Role.objects.published().select_related("family", "level"):
        questions = list(InterviewQuestion.objects.filter(family=role.family, levels=role.level))
        assert all(q.probes.strip() and 3 <= len(q.strong_answer) <= 5 for q in questions)
        if role.family.slug not in HANDS_ON or role.level.track != "ic":
            continue
        kinds = {q.kind for q in questions}
        if "technical" not in kinds:
            gaps.append(f"{role.slug}: no technical round")
        senior_engineer = role.family.slug in ENGINEERING and role.level.band >= 3
        if senior_engineer and "system-design" not in kinds:
            gaps.append(f"{role.slug}: no system design")
    assert gaps == []
