import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import (
    AlternateTitle,
    BlsOccupation,
    DataRelease,
    ElementRating,
    Occupation,
    RelatedOccupation,
    ReportedTitle,
    Task,
    TechnologySkill,
)
from tests.landscape_fixtures import ONET_FILES, write_onet

pytestmark = pytest.mark.django_db


def import_onet(*directories, dry_run=False) -> str:
    out = StringIO()
    args = [str(d) for d in directories] + (["--dry-run"] if dry_run else [])
    call_command("import_onet", *args, stdout=out)
    return out.getvalue()


def import_bls(files, dry_run=False) -> str:
    out = StringIO()
    call_command(
        "import_bls",
        projections=files["projections"],
        wages=files["wages"],
        crosswalk=files["crosswalk"],
        dry_run=dry_run,
        stdout=out,
    )
    return out.getvalue()


def test_import_onet_reads_a_release(onet_dir):
    output = import_onet(onet_dir)
    developers = Occupation.objects.get(code="15-1252.00")
    assert developers.title == "Software Developers"
    assert developers.description == "Build software."
    assert developers.job_zone == 4
    assert developers.major_group == "15"
    assert developers.interest_investigative == pytest.approx(5.86)
    assert developers.interest_code == "ICR"
    assert set(developers.alternate_titles.values_list("title", flat=True)) == {
        "Site Reliability Engineer",
        "Software Engineer",
    }
    assert developers.alternate_titles.get(title="Site Reliability Engineer").short_title == "SRE"
    rating = ElementRating.objects.get(occupation=developers, element__name="Programming")
    assert (rating.importance, rating.level) == (4.0, 4.12)
    assert TechnologySkill.objects.get(occupation=developers, name="Python").hot is True
    assert developers.education_shares.get().label == "Bachelor's Degree"
    assert RelatedOccupation.objects.get(occupation=developers).related.code == "15-1244.00"
    assert Task.objects.get().text == "Write and test code."
    release = DataRelease.objects.get(source="onet")
    assert (release.name, release.published) == ("O*NET 30.1 Database", "December 2025")
    assert "O*NET occupations: 5 added" in output


def test_second_import_changes_nothing_and_says_so(onet_dir):
    import_onet(onet_dir)
    before = list(AlternateTitle.objects.order_by("pk").values_list("pk", "title"))
    output = import_onet(onet_dir)
    assert "nothing to change; the data is already current" in output
    assert list(AlternateTitle.objects.order_by("pk").values_list("pk", "title")) == before


def test_changed_release_updates_only_what_changed(onet_dir, tmp_path):
    import_onet(onet_dir)
    files = {**ONET_FILES}
    files["Alternate Titles.txt"] = [*ONET_FILES["Alternate Titles.txt"][:-1]]  # drop Staff Nurse
    files["Occupation Data.txt"] = [
        ["29-1141.00", "Registered Nurses (RN)", "Care for patients."]
        if row[0] == "29-1141.00"
        else row
        for row in ONET_FILES["Occupation Data.txt"]
    ]
    output = import_onet(write_onet(tmp_path / "next", files))
    assert "O*NET occupations: 0 added, 1 updated" in output
    assert "O*NET alternate titles: 0 added, 0 updated, 1 removed" in output
    assert Occupation.objects.get(code="29-1141.00").title == "Registered Nurses (RN)"


def test_malformed_row_stops_with_file_and_line_and_writes_nothing(tmp_path):
    files = {**ONET_FILES}
    files["Job Zones.txt"] = [
        *ONET_FILES["Job Zones.txt"],
        ["29-1141.00", "high", "08/2023", "Analyst"],
    ]
    with pytest.raises(
        CommandError, match=r"Job Zones.txt, line 7: Job Zone is not a whole number: 'high'"
    ):
        import_onet(write_onet(tmp_path / "bad", files))
    assert not Occupation.objects.exists()


@pytest.mark.parametrize(
    "row, problem",
    [
        (["15-1252", "Site Reliability Engineer", "n/a", "08"], "not an O*NET-SOC code: '15-1252'"),
        (["15-1252.00", "Only two columns"], "expected 4 tab-separated columns, found 2"),
        (["99-9999.00", "Ghost", "n/a", "08"], "99-9999.00 is not in Occupation Data"),
        (["15-1252.00", "Nul\x00byte", "n/a", "08"], "contains a NUL byte"),
    ],
)
def test_malformed_rows_are_named(tmp_path, row, problem):
    files = {**ONET_FILES, "Alternate Titles.txt": [*ONET_FILES["Alternate Titles.txt"], row]}
    with pytest.raises(CommandError, match=re.escape("Alternate Titles.txt, line 7: " + problem)):
        import_onet(write_onet(tmp_path / "bad", files))
    assert not AlternateTitle.objects.exists()


def test_unknown_column_layout_is_refused(tmp_path):
    files = {**ONET_FILES}
    files["Job Zones.txt"] = [["Code", "Zone"], ["15-1252.00", "4"]]
    with pytest.raises(CommandError, match=r"Job Zones.txt, line 1: unknown column layout"):
        import_onet(write_onet(tmp_path / "bad", files))


def test_missing_optional_file_is_reported_and_skipped(tmp_path):
    files = {name: rows for name, rows in ONET_FILES.items() if name != "Technology Skills.txt"}
    output = import_onet(write_onet(tmp_path / "partial", files))
    assert "optional file not found, skipped: Technology Skills.txt / Software Skills.txt" in output
    assert Occupation.objects.count() == 5
    assert not TechnologySkill.objects.exists()


def test_missing_required_file_is_an_error(tmp_path):
    files = {name: rows for name, rows in ONET_FILES.items() if name != "Occupation Data.txt"}
    expected = re.escape("Occupation Data.txt: required file not found")
    with pytest.raises(CommandError, match=expected):
        import_onet(write_onet(tmp_path / "partial", files))


def test_files_can_come_from_a_second_directory(tmp_path):
    main = {name: rows for name, rows in ONET_FILES.items() if name != "Skills.txt"}
    extra = {"Skills.txt": ONET_FILES["Skills.txt"]}
    import_onet(write_onet(tmp_path / "release", main), write_onet(tmp_path / "excel", extra))
    assert ElementRating.objects.filter(element__domain="skill").count() == 3


def test_renamed_file_in_a_newer_release_is_found(tmp_path):
    files = {**ONET_FILES}
    files["Software Skills.txt"] = files.pop("Technology Skills.txt")
    import_onet(write_onet(tmp_path / "newer", files))
    assert TechnologySkill.objects.count() == 3


def test_dry_run_writes_nothing(onet_dir):
    output = import_onet(onet_dir, dry_run=True)
    assert "[dry run] Would change the O*NET data." in output
    assert not Occupation.objects.exists()
    assert not DataRelease.objects.exists()


def test_import_bls_joins_through_the_crosswalk(onet_dir, bls_files):
    import_onet(onet_dir)
    output = import_bls(bls_files)
    developers = Occupation.objects.select_related("bls").get(code="15-1252.00").bls
    assert developers.code == "15-1252"
    assert developers.employment_base == 1_693_800
    assert developers.employment_projected == 1_961_400
    assert developers.change_percent == 15.8
    assert developers.annual_openings == 115_200
    assert developers.entry_education == "Bachelor's degree"
    assert (developers.wage_p10, developers.wage_median, developers.wage_p90) == (
        82460,
        135980,
        214670,
    )
    # 15.8% is more than twice the all-occupations 3.1%: strong outlook (our rule).
    assert developers.strong_outlook is True
    assert "5 O*NET occupations have projections and 4 have wages (1 more only hourly" in output
    projections = DataRelease.objects.get(source="bls-projections")
    assert projections.published == "2024–34"
    assert projections.facts["all_occupations_change_percent"] == 3.1
    assert DataRelease.objects.get(source="bls-oews").published == "May 2025"


def test_suppressed_bls_values_are_not_available_never_zero(onet_dir, bls_files):
    import_onet(onet_dir)
    import_bls(bls_files)
    admins = BlsOccupation.objects.get(code="15-1244")
    assert admins.median_wage_projections is None  # "—"
    assert admins.wage_p10 is None and admins.wage_p90 is None  # "*"
    assert admins.wage_median == 96800
    assert admins.wage_top_coded_percentiles == []
    assert admins.strong_outlook is False  # declining, few openings
    nurses = BlsOccupation.objects.get(code="29-1141")
    assert nurses.median_wage_projections is None  # ">=$239,200" is top-coded, not a value
    assert nurses.strong_outlook is True  # 189,100 openings a year


def test_import_bls_twice_changes_nothing(onet_dir, bls_files):
    import_onet(onet_dir)
    import_bls(bls_files)
    assert "BLS: nothing to change" in import_bls(bls_files)


def test_import_bls_needs_occupations_first(bls_files):
    with pytest.raises(CommandError, match=re.escape("import O*NET")):
        import_bls(bls_files)


def test_import_bls_refuses_a_workbook_without_the_table(onet_dir, bls_files, tmp_path):
    import_onet(onet_dir)
    from tests.landscape_fixtures import write_workbook

    broken = write_workbook(tmp_path / "broken.xlsx", "Table 1.2", [["nothing", "here"]])
    with pytest.raises(CommandError, match=re.escape("broken.xlsx: unknown layout")):
        import_bls({**bls_files, "projections": broken})
    assert not BlsOccupation.objects.exists()


def test_import_bls_refuses_a_file_that_is_not_a_workbook(onet_dir, bls_files, tmp_path):
    import_onet(onet_dir)
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    with pytest.raises(CommandError, match=re.escape("junk.xlsx: not a readable .xlsx workbook")):
        import_bls({**bls_files, "wages": junk})


def test_bad_number_in_a_workbook_names_the_row(onet_dir, bls_files, tmp_path):
    import_onet(onet_dir)
    from tests.landscape_fixtures import OEWS_HEADER, oews_row, write_workbook

    bad = write_workbook(
        tmp_path / "bad.xlsx",
        "national",
        [OEWS_HEADER, oews_row("15-1252", "Software", "detailed", [1, 2, "lots", 4, 5])],
    )
    with pytest.raises(CommandError, match=r"bad.xlsx, line 2: A_MEDIAN is not a number"):
        import_bls({**bls_files, "wages": bad})


def test_reported_titles_are_imported_idempotently(onet_dir):
    import_onet(onet_dir)
    developers = Occupation.objects.get(code="15-1252.00")
    assert set(developers.reported_titles.values_list("title", "shown_in_my_next_move")) == {
        ("Application Developer", True),
        ("Software Engineer", False),
    }
    assert ReportedTitle.objects.count() == 3
    before = list(ReportedTitle.objects.order_by("pk").values_list("pk", "title"))
    assert "nothing to change" in import_onet(onet_dir)
    assert list(ReportedTitle.objects.order_by("pk").values_list("pk", "title")) == before


def test_reported_titles_change_with_the_release(onet_dir, tmp_path):
    import_onet(onet_dir)
    files = {**ONET_FILES}
    files["Sample of Reported Titles.txt"] = [
        ["O*NET-SOC Code", "Reported Job Title", "Shown in My Next Move"],
        ["15-1252.00", "Application Developer", "N"],  # no longer shown in My Next Move
    ]
    output = import_onet(write_onet(tmp_path / "next", files))
    assert "O*NET reported titles: 1 added, 0 updated, 3 removed" in output
    assert list(ReportedTitle.objects.values_list("title", "shown_in_my_next_move")) == [
        ("Application Developer", False)
    ]


@pytest.mark.parametrize(
    "row, problem",
    [
        (["15-1252.00", "Coder", "maybe"], "Shown in My Next Move must be Y or N, not 'maybe'"),
        (["15-1252.00", "", "Y"], "the reported title is empty"),
        (["99-9999.00", "Ghost", "Y"], "99-9999.00 is not in Occupation Data"),
    ],
)
def test_malformed_reported_titles_are_named(tmp_path, row, problem):
    name = "Sample of Reported Titles.txt"
    files = {**ONET_FILES, name: [*ONET_FILES[name], row]}
    with pytest.raises(CommandError, match=re.escape(f"{name}, line 5: {problem}")):
        import_onet(write_onet(tmp_path / "bad", files))
    assert not ReportedTitle.objects.exists()


def test_recommend_suppress_is_kept_per_scale(onet_dir):
    import_onet(onet_dir)
    reading = ElementRating.objects.get(occupation__code="29-1223.00")
    assert (reading.importance, reading.level) == (4.25, 5.37)
    assert (reading.importance_suppressed, reading.level_suppressed) == (False, True)
    programming = ElementRating.objects.get(element__name="Programming")
    assert not programming.importance_suppressed and not programming.level_suppressed


def test_top_coded_wages_store_the_top_code_and_flag_the_percentiles(onet_dir, bls_files):
    import_onet(onet_dir)
    import_bls(bls_files)
    psychiatrists = BlsOccupation.objects.get(code="29-1223")
    assert (psychiatrists.wage_p25, psychiatrists.wage_median, psychiatrists.wage_p90) == (
        210000,
        239200,  # the top code from the file's notes: a lower bound
        239200,
    )
    assert psychiatrists.wage_top_coded_percentiles == ["median", "p75", "p90"]
    nurses = BlsOccupation.objects.get(code="29-1141")
    assert nurses.wage_p90 == 239200 and nurses.wage_top_coded_percentiles == ["p90"]
    oews = DataRelease.objects.get(source="bls-oews")
    assert oews.facts == {"top_code_annual": 239200, "top_code_hourly": "115.00"}


def test_top_code_is_read_from_the_file_notes(onet_dir, bls_files, tmp_path):
    from tests.landscape_fixtures import OEWS_HEADER, oews_row, write_workbook

    import_onet(onet_dir)
    wages = write_workbook(
        tmp_path / "later.xlsx",
        "national",
        [OEWS_HEADER, oews_row("29-1223", "Psychiatrists", "detailed", [1, 2, "#", "#", "#"])],
        extra_sheets={
            "Field Descriptions": [
                ["May 2026 OEWS Estimates"],
                ["#  = indicates a wage equal to or greater than $120.00 per hour or $249,600"],
                ["per year"],  # split over two rows: not read, so the known codes stand
            ]
        },
    )
    import_bls({**bls_files, "wages": wages})
    assert BlsOccupation.objects.get(code="29-1223").wage_median == 239200
    wages = write_workbook(
        tmp_path / "later2.xlsx",
        "national",
        [OEWS_HEADER, oews_row("29-1223", "Psychiatrists", "detailed", [1, 2, "#", "#", "#"])],
        extra_sheets={
            "Field Descriptions": [
                ["# = a wage equal to or greater than $120.00 per hour or", "$249,600 per year"]
            ]
        },
    )
    import_bls({**bls_files, "wages": wages})
    assert BlsOccupation.objects.get(code="29-1223").wage_median == 249600


def test_hourly_only_wages_are_imported_as_hourly(onet_dir, bls_files):
    import_onet(onet_dir)
    import_bls(bls_files)
    actors = BlsOccupation.objects.get(code="27-2011")
    assert actors.wage_hourly_only is True
    assert actors.wage_median is None  # OEWS publishes no annual figure: none is invented
    assert (actors.wage_hourly_p10, actors.wage_hourly_median, actors.wage_hourly_p90) == (
        Decimal("16.50"),
        Decimal("29.05"),
        Decimal("143.68"),
    )
    developers = BlsOccupation.objects.get(code="15-1252")
    assert developers.wage_hourly_only is False and developers.wage_hourly_median is None


def test_strong_outlook_rule_uses_the_loaded_average(onet_dir, bls_files):
    import_onet(onet_dir)
    import_bls(bls_files)
    flags = dict(BlsOccupation.objects.values_list("code", "strong_outlook"))
    # 15.8% ≥ 2 × 3.1%; nurses 189,100 openings ≥ 100,000; psychiatrists +4.1%, 2,000 openings.
    assert flags == {
        "15-1252": True,
        "15-1244": False,
        "29-1141": True,
        "29-1223": False,
        "27-2011": False,
    }
