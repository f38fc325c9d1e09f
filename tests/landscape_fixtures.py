"""Small O*NET and BLS releases written by the tests themselves, in the published layouts."""

from pathlib import Path

import openpyxl
import pytest

ONET_FILES: dict[str, list[list[str]]] = {
    "Occupation Data.txt": [
        ["O*NET-SOC Code", "Title", "Description"],
        ["15-1252.00", "Software Developers", "Build software."],
        ["15-1244.00", "Network and Computer Systems Administrators", "Keep networks up."],
        ["29-1141.00", "Registered Nurses", "Care for patients."],
        # OEWS publishes only hourly wages for actors; psychiatrists' wages are top-coded.
        ["27-2011.00", "Actors", "Play parts."],
        ["29-1223.00", "Psychiatrists", "Treat mental disorders."],
    ],
    "Job Zones.txt": [
        ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"],
        ["15-1252.00", "4", "08/2023", "Analyst"],
        ["15-1244.00", "4", "08/2023", "Analyst"],
        ["29-1141.00", "3", "08/2023", "Analyst"],
        ["27-2011.00", "2", "08/2023", "Analyst"],
        ["29-1223.00", "5", "08/2023", "Analyst"],
    ],
    "Sample of Reported Titles.txt": [
        ["O*NET-SOC Code", "Reported Job Title", "Shown in My Next Move"],
        ["15-1252.00", "Application Developer", "Y"],
        ["15-1252.00", "Software Engineer", "N"],
        ["29-1223.00", "Staff Psychiatrist", "Y"],
    ],
    "Interests.txt": [
        [
            "O*NET-SOC Code",
            "Element ID",
            "Element Name",
            "Scale ID",
            "Data Value",
            "Date",
            "Domain Source",
        ],
        *[
            ["15-1252.00", f"1.B.1.{letter}", name, "OI", value, "11/2023", "Machine Learning"]
            for letter, name, value in [
                ("a", "Realistic", "3.93"),
                ("b", "Investigative", "5.86"),
                ("c", "Artistic", "2.26"),
                ("d", "Social", "1.88"),
                ("e", "Enterprising", "1.87"),
                ("f", "Conventional", "5.46"),
            ]
        ],
        # Two more profiles: nursing leans Social, administration Conventional.
        *[
            [code, f"1.B.1.{letter}", name, "OI", value, "11/2023", "Machine Learning"]
            for code, values in [
                ("29-1141.00", ["2.30", "3.50", "1.70", "6.50", "2.50", "3.30"]),
                ("15-1244.00", ["4.10", "4.20", "1.50", "2.10", "2.30", "5.60"]),
            ]
            for (letter, name), value in zip(
                [
                    ("a", "Realistic"),
                    ("b", "Investigative"),
                    ("c", "Artistic"),
                    ("d", "Social"),
                    ("e", "Enterprising"),
                    ("f", "Conventional"),
                ],
                values,
                strict=True,
            )
        ],
        [
            "15-1252.00",
            "1.B.1.g",
            "First Interest High-Point",
            "IH",
            "2.00",
            "11/2023",
            "Machine Learning",
        ],
        [
            "15-1252.00",
            "1.B.1.h",
            "Second Interest High-Point",
            "IH",
            "6.00",
            "11/2023",
            "Machine Learning",
        ],
        [
            "15-1252.00",
            "1.B.1.i",
            "Third Interest High-Point",
            "IH",
            "1.00",
            "11/2023",
            "Machine Learning",
        ],
    ],
    "Alternate Titles.txt": [
        ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
        ["15-1252.00", "Site Reliability Engineer", "SRE", "08"],
        ["15-1252.00", "Software Engineer", "n/a", "08"],
        ["15-1244.00", "Systems Administrator", "n/a", "08"],
        ["15-1244.00", "Site Reliability Engineer Lead", "n/a", "08"],
        ["29-1141.00", "Staff Nurse", "n/a", "08"],
    ],
    "Skills.txt": [
        [
            "O*NET-SOC Code",
            "Element ID",
            "Element Name",
            "Scale ID",
            "Data Value",
            "N",
            "Standard Error",
            "Lower CI Bound",
            "Upper CI Bound",
            "Recommend Suppress",
            "Not Relevant",
            "Date",
            "Domain Source",
        ],
        [
            "15-1252.00",
            "2.B.3.e",
            "Programming",
            "IM",
            "4.00",
            "8",
            "0.1",
            "3.8",
            "4.2",
            "N",
            "n/a",
            "08/2023",
            "Analyst",
        ],
        [
            "15-1252.00",
            "2.B.3.e",
            "Programming",
            "LV",
            "4.12",
            "8",
            "0.1",
            "3.8",
            "4.2",
            "N",
            "N",
            "08/2023",
            "Analyst",
        ],
        [
            "15-1244.00",
            "2.B.3.l",
            "Troubleshooting",
            "IM",
            "3.88",
            "8",
            "0.1",
            "3.8",
            "4.2",
            "N",
            "n/a",
            "08/2023",
            "Analyst",
        ],
        # O*NET recommends suppressing this level estimate (imprecise): shown as unreliable.
        *[
            [
                *("29-1223.00", "2.A.1.a", "Reading Comprehension", scale, value, "8", "0.1"),
                *("3.8", "4.2", suppress, relevant, "08/2023", "Analyst"),
            ]
            for scale, value, suppress, relevant in [
                ("IM", "4.25", "N", "n/a"),
                ("LV", "5.37", "Y", "N"),
            ]
        ],
    ],
    "Technology Skills.txt": [
        [
            "O*NET-SOC Code",
            "Example",
            "Commodity Code",
            "Commodity Title",
            "Hot Technology",
            "In Demand",
        ],
        ["15-1252.00", "Python", "43232403", "Development environment software", "Y", "Y"],
        [
            "15-1244.00",
            "Ansible software",
            "43233403",
            "Configuration management software",
            "Y",
            "N",
        ],
        ["15-1252.00", "Git", "43232402", "Development environment software", "N", "Y"],
    ],
    "Education, Training, and Experience Categories.txt": [
        ["Element ID", "Element Name", "Scale ID", "Category", "Category Description"],
        ["2.D.1", "Required Level of Education", "RL", "6", "Bachelor's Degree"],
    ],
    "Education, Training, and Experience.txt": [
        [
            "O*NET-SOC Code",
            "Element ID",
            "Element Name",
            "Scale ID",
            "Category",
            "Data Value",
            "N",
            "Standard Error",
            "Lower CI Bound",
            "Upper CI Bound",
            "Recommend Suppress",
            "Date",
            "Domain Source",
        ],
        [
            "15-1252.00",
            "2.D.1",
            "Required Level of Education",
            "RL",
            "6",
            "85.00",
            "28",
            "4",
            "1",
            "2",
            "N",
            "08/2023",
            "Incumbent",
        ],
    ],
    "Related Occupations.txt": [
        ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
        ["15-1252.00", "15-1244.00", "Primary-Short", "1"],
        ["15-1244.00", "15-1252.00", "Primary-Short", "1"],
    ],
    "Task Statements.txt": [
        [
            "O*NET-SOC Code",
            "Task ID",
            "Task",
            "Task Type",
            "Incumbents Responding",
            "Date",
            "Domain Source",
        ],
        ["15-1252.00", "16987", "Write and test code.", "Core", "20", "08/2023", "Incumbent"],
    ],
}


def write_onet(directory: Path, files: dict[str, list[list[str]]] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in (files or ONET_FILES).items():
        text = "\r\n".join("\t".join(row) for row in rows) + "\r\n"
        (directory / name).write_text(text, encoding="utf-8")
    (directory / "Read Me.txt").write_text("O*NET 30.1 Database\r\nDecember 2025 Release\r\n")
    return directory


@pytest.fixture
def onet_dir(tmp_path) -> Path:
    return write_onet(tmp_path / "onet")


def write_workbook(path: Path, sheet: str, rows: list[list], *, extra_sheets=None) -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    for name, extra_rows in (extra_sheets or {}).items():
        other = workbook.create_sheet(name)
        for row in extra_rows:
            other.append(row)
    workbook.save(path)
    return path


PROJECTION_HEADER = [
    "2024 National Employment Matrix title",
    "2024 National Employment Matrix code",
    "Occupation type",
    "Employment, 2024",
    "Employment, 2034",
    "Employment distribution, percent, 2024",
    "Employment distribution, percent, 2034",
    "Employment change, numeric, 2024–34",
    "Employment change, percent, 2024–34",
    "Percent self employed, 2024",
    "Occupational openings, 2024–34 annual average",
    "Median annual wage, dollars, 2024[1]",
    "Typical education needed for entry",
    "Work experience in a related occupation",
    "Typical on-the-job training needed to attain competency in the occupation",
    "Related Occupational Outlook Handbook (OOH) content xlsx",
]
OEWS_HEADER = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "I_GROUP",
    "OWN_CODE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
    "PCT_TOTAL",
    "PCT_RPT",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
    "ANNUAL",
    "HOURLY",
]


def oews_row(code: str, title: str, group: str, wages: list, *, hourly: list | None = None) -> list:
    """A national OEWS row; `wages` are A_PCT10…A_PCT90, `hourly` H_PCT10…H_PCT90 (only
    given for hourly-only occupations, which get HOURLY = TRUE)."""
    return [
        "99",
        "U.S.",
        "1",
        "US",
        "000000",
        "Cross-industry",
        "cross-industry",
        "1235",
        code,
        title,
        group,
        1000,
        1,
        None,
        None,
        None,
        None,
        1,
        1,
        1,
        *(hourly or [1, 1, 1, 1, 1]),
        *wages,
        "",
        "TRUE" if hourly else "",
    ]


@pytest.fixture
def bls_files(tmp_path) -> dict[str, Path]:
    bls = tmp_path / "bls"
    bls.mkdir()
    projections = write_workbook(
        bls / "occupation.xlsx",
        "Table 1.2",
        [
            ["Table 1.2 Occupational projections, 2024–2034 (Employment in thousands)"],
            PROJECTION_HEADER,
            [
                "Total, all occupations",
                "00-0000",
                "Summary",
                169956.1,
                175167.9,
                100,
                100,
                5211.8,
                3.1,
                5.8,
                18863.3,
                49500,
                "—",
                "—",
                "—",
                "—",
            ],
            [
                "Software developers",
                "15-1252",
                "Line item",
                1693.8,
                1961.4,
                1,
                1.1,
                267.7,
                15.8,
                1.6,
                115.2,
                133080,
                "Bachelor's degree",
                "None",
                "None",
                "OOH Content",
            ],
            [
                "Network and computer systems administrators",
                "15-1244",
                "Line item",
                320.4,
                309.3,
                0.2,
                0.2,
                -11.1,
                -3.5,
                1.1,
                15.1,
                "—",
                "Bachelor's degree",
                "None",
                "None",
                "OOH Content",
            ],
            [
                "Registered nurses",
                "29-1141",
                "Line item",
                3391.7,
                3568.4,
                2,
                2,
                176.7,
                5.2,
                1.1,
                189.1,
                ">=$239,200",
                "Bachelor's degree",
                "None",
                "None",
                "OOH Content",
            ],
            # +4.1% against +3.1% for all: one point above average, so faster than average.
            [
                *("Psychiatrists", "29-1223", "Line item", 28.2, 29.4, 0, 0, 1.2, 4.1, 10, 2.0),
                *(">=$239,200", "Doctoral or professional degree", "None", "Internship/residency"),
                "OOH Content",
            ],
            [
                *("Actors", "27-2011", "Line item", 68.9, 70.2, 0, 0, 1.3, 1.9, 22, 7.3, "—"),
                *("Some college, no degree", "None", "Long-term on-the-job training", "OOH"),
            ],
            ["Footnote: [1] wages are from May 2024"],
        ],
    )
    wages = write_workbook(
        bls / "national.xlsx",
        "national_M2025_dl",
        [
            OEWS_HEADER,
            oews_row(
                "15-1252",
                "Software Developers",
                "detailed",
                [82460, 105210, 135980, 171980, 214670],
            ),
            oews_row("15-1244", "Network Admins", "detailed", ["*", 75000, 96800, 125000, "*"]),
            oews_row(
                "29-1141", "Registered Nurses", "detailed", [66000, 78000, 93600, 120000, "#"]
            ),
            oews_row("29-1223", "Psychiatrists", "detailed", [150000, 210000, "#", "#", "#"]),
            oews_row(
                "27-2011",
                "Actors",
                "detailed",
                ["*", "*", "*", "*", "*"],
                hourly=[16.5, 20.1, 29.05, 55.4, 143.68],
            ),
        ],
        extra_sheets={
            "Field Descriptions": [
                ["May 2025 OEWS Estimates"],
                ["Notes:"],
                [
                    "#  = indicates a wage equal to or greater than $115.00 per hour or "
                    "$239,200 per year "
                ],
            ]
        },
    )
    crosswalk = write_workbook(
        bls / "crosswalk.xlsx",
        "ONET to SOC crosswalk",
        [
            ["Bureau of Labor Statistics O*NET-SOC to NEM crosswalk"],
            ["As of 9/6/2023"],
            [
                "Sort Order",
                "O*NET-SOC Code",
                "O*NET-SOC Title",
                "NEM Code",
                "National Employment Matrix Occupational Title",
            ],
            [1, "15-1252.00", "Software Developers", "15-1252", "Software developers"],
            [
                2,
                "15-1244.00",
                "Network and Computer Systems Administrators",
                "15-1244",
                "Network admins",
            ],
            [3, "29-1141.00", "Registered Nurses", "29-1141", "Registered nurses"],
            [4, "29-1223.00", "Psychiatrists", "29-1223", "Psychiatrists"],
            [5, "27-2011.00", "Actors", "27-2011", "Actors"],
        ],
    )
    return {"projections": projections, "wages": wages, "crosswalk": crosswalk}


@pytest.fixture
def landscape(onet_dir, bls_files):
    """The small O*NET and BLS releases above, imported with the real commands."""
    from io import StringIO

    from django.core.management import call_command

    call_command("import_onet", str(onet_dir), stdout=StringIO())
    call_command(
        "import_bls",
        projections=bls_files["projections"],
        wages=bls_files["wages"],
        crosswalk=bls_files["crosswalk"],
        stdout=StringIO(),
    )


@pytest.fixture
def catalog_dir(tmp_path) -> Path:
    from tests.careers.catalog_factory import write_catalog

    return write_catalog(tmp_path / "catalog")


@pytest.fixture
def assessments_dir(tmp_path) -> Path:
    from tests.careers.catalog_factory import write_assessments

    return write_assessments(tmp_path / "assessments", ["reliability", "platform"])


@pytest.fixture
def catalog(landscape, catalog_dir, assessments_dir):
    """The small landscape plus a small catalog (roles and fit checks) via load_catalog."""
    from io import StringIO

    from django.core.management import call_command

    call_command(
        "load_catalog", directory=catalog_dir, assessments=assessments_dir, stdout=StringIO()
    )
    return catalog_dir
