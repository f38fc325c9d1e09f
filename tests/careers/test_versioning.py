"""Data kept per content version: built once per version, built again after any change,
and bounded."""

import pytest

from careers.versioning import content_version_bump, per_content_version_by

pytestmark = pytest.mark.django_db


def test_each_call_is_built_once_per_version_and_again_after_a_change():
    builds = []

    @per_content_version_by(lambda name: name)
    def greeting(name: str) -> str:
        builds.append(name)
        return f"hello {name} #{len(builds)}"

    first = greeting("ada")
    assert greeting("ada") == first and builds == ["ada"]
    greeting("grace")
    assert builds == ["ada", "grace"]
    content_version_bump()  # what every save, load and import does
    assert greeting("ada") != first
    assert builds == ["ada", "grace", "ada"]


def test_at_most_limit_results_are_kept_the_oldest_going_first():
    builds = []

    @per_content_version_by(lambda number: number, limit=2)
    def square(number: int) -> int:
        builds.append(number)
        return number * number

    for number in (1, 2, 3):
        square(number)
    square(3)
    square(2)
    assert builds == [1, 2, 3]  # 2 and 3 kept
    square(1)
    assert builds == [1, 2, 3, 1]  # 1 was dropped, so built again
