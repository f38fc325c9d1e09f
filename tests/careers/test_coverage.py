"""The catalog's two measures: how much adjacent rungs share, and coverage of the field."""

import pytest

from careers.coverage import adjacent_level_overlaps, field_coverage, left_out_read, sentences
from careers.models import Occupation, Role

pytestmark = pytest.mark.django_db


def test_sentences_split_prose_and_lists_and_ignore_short_fragments():
    found = sentences(
        {
            "summary": "You own services. You carry the pager!\nYou write postmortems often?",
            "thrives": ["You like a clear, calm incident channel.", "Short one."],
            "background": "Not a section the measure reads at all.",
        }
    )
    assert found == {
        "you carry the pager!",
        "you write postmortems often?",
        "you like a clear, calm incident channel.",
    }


def test_rungs_sharing_the_familys_text_are_measured_and_own_text_lowers_it(catalog):
    before = {(o.lower, o.upper): o.share for o in adjacent_level_overlaps()}
    pair = ("junior-reliability-engineer", "senior-reliability-engineer")
    # The factory's rungs share the family's hardest part and both lists.
    assert before[pair] > 0.3
    senior = Role.objects.get(slug=pair[1])
    senior.hardest_part = "Deciding which risks the whole team accepts is hard work indeed."
    senior.thrives = [f"You like senior thing number {n} very much indeed." for n in range(5)]
    senior.finds_hard = [f"You dislike senior thing number {n} very much indeed." for n in range(5)]
    senior.save()
    after = {(o.lower, o.upper): o for o in adjacent_level_overlaps()}
    assert after[pair].share < before[pair]
    assert after[pair].total > after[pair].shared


def test_coverage_lists_each_code_as_covered_left_out_or_missing(catalog, tmp_path, monkeypatch):
    codes = set(Occupation.objects.filter(code__startswith="15-12").values_list("code", flat=True))
    report = field_coverage()
    assert set(report.covered) | set(report.left_out) | set(report.missing) >= codes
    assert "15-1252.00" in report.covered  # the reliability roles' occupation
    assert report.covered["15-1252.00"][0] in {
        "junior-reliability-engineer",
        "senior-reliability-engineer",
    }
    assert not report.missing or report.missing == sorted(report.missing)
    Occupation.objects.create(code="15-1299.98", title="An occupation nobody covers")
    assert "15-1299.98" in field_coverage().missing
    missing = "15-1299.98"
    path = tmp_path / "coverage.toml"
    path.write_text(f'[[left_out]]\ncode = "{missing}"\nreason = "A real reason."\n')
    monkeypatch.setattr("careers.coverage.COVERAGE_FILE", path)
    assert left_out_read(path) == {missing: "A real reason."}
    assert missing not in field_coverage().missing
