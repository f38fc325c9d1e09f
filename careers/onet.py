"""Read an O*NET text release (tab-delimited, header row, CRLF) into plain Python data.

Releases differ: files get renamed (Technology Skills → Software Skills), split or dropped,
and columns move. So each table is found by any of its known file names, columns are found
by header name (with known aliases), a missing optional file is reported and skipped, and an
unknown column layout or a malformed row stops the import with the file, line and problem.
"""

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from careers.importing import ImportDataError, parse_float, parse_int, parse_onet_code
from careers.landscape import RIASEC_AREAS

CODE_HEADERS = ("O*NET-SOC Code", "ONET-SOC Code", "O*NET-SOC 2019 Code")


@dataclass(frozen=True)
class TableSpec:
    key: str
    file_names: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]  # our name → accepted header names
    required: bool = False
    optional_columns: frozenset[str] = frozenset()  # read as "" when a release lacks them


TABLES: dict[str, TableSpec] = {
    spec.key: spec
    for spec in [
        TableSpec(
            "occupations",
            ("Occupation Data.txt",),
            {"code": CODE_HEADERS, "title": ("Title",), "description": ("Description",)},
            required=True,
        ),
        TableSpec(
            "job_zones",
            ("Job Zones.txt",),
            {"code": CODE_HEADERS, "job_zone": ("Job Zone",)},
        ),
        TableSpec(
            "interests",
            ("Interests.txt", "Career Interest Types.txt"),
            {
                "code": CODE_HEADERS,
                "element_id": ("Element ID",),
                "element_name": ("Element Name",),
                "scale": ("Scale ID",),
                "value": ("Data Value",),
            },
        ),
        TableSpec(
            "alternate_titles",
            ("Alternate Titles.txt",),
            {"code": CODE_HEADERS, "title": ("Alternate Title",), "short_title": ("Short Title",)},
        ),
        *[
            TableSpec(
                key,
                names,
                {
                    "code": CODE_HEADERS,
                    "element_id": ("Element ID",),
                    "element_name": ("Element Name",),
                    "scale": ("Scale ID",),
                    "value": ("Data Value",),
                    # Skills and Knowledge carry it; Work Styles (AI/expert ratings) do not.
                    "suppress": ("Recommend Suppress",),
                },
                optional_columns=frozenset({"suppress"}),
            )
            for key, names in [
                ("skills", ("Skills.txt", "Essential Skills.txt")),
                ("knowledge", ("Knowledge.txt",)),
                ("work_styles", ("Work Styles.txt",)),
            ]
        ],
        TableSpec(
            "reported_titles",
            ("Sample of Reported Titles.txt",),
            {
                "code": CODE_HEADERS,
                "title": ("Reported Job Title",),
                "shown": ("Shown in My Next Move",),
            },
        ),
        TableSpec(
            "technology_skills",
            ("Technology Skills.txt", "Software Skills.txt"),
            {
                "code": CODE_HEADERS,
                "name": ("Example", "Software"),
                "category": ("Commodity Title",),
                "hot": ("Hot Technology",),
                "in_demand": ("In Demand",),
            },
        ),
        TableSpec(
            "education",
            ("Education, Training, and Experience.txt",),
            {
                "code": CODE_HEADERS,
                "scale": ("Scale ID",),
                "category": ("Category",),
                "value": ("Data Value",),
                "suppress": ("Recommend Suppress",),
            },
        ),
        TableSpec(
            "education_categories",
            ("Education, Training, and Experience Categories.txt",),
            {
                "scale": ("Scale ID",),
                "category": ("Category",),
                "label": ("Category Description",),
            },
        ),
        TableSpec(
            "related",
            ("Related Occupations.txt",),
            {
                "code": CODE_HEADERS,
                "related_code": ("Related O*NET-SOC Code",),
                "tier": ("Relatedness Tier",),
                "rank": ("Index",),
            },
        ),
        TableSpec(
            "tasks",
            ("Task Statements.txt",),
            {
                "code": CODE_HEADERS,
                "task_id": ("Task ID",),
                "text": ("Task",),
                "task_type": ("Task Type",),
            },
        ),
    ]
}

RIASEC_BY_NAME = {area.capitalize(): area for area in RIASEC_AREAS}
RIASEC_LETTER = {area: area[0].upper() for area in RIASEC_AREAS}
RELATED_TIERS = {"Primary-Short", "Primary-Long", "Supplemental"}
EDUCATION_SCALES = {"RL", "RW", "PT", "OJ"}


@dataclass
class OnetRelease:
    name: str = "O*NET database"
    published: str = ""
    found: dict[str, Path] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    occupations: dict[str, dict] = field(default_factory=dict)
    elements: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, domain)
    # (code, element id) → [importance, level, importance suppressed, level suppressed]
    ratings: dict[tuple[str, str], list] = field(default_factory=dict)
    alternate_titles: set[tuple[str, str, str]] = field(default_factory=set)
    reported_titles: dict[tuple[str, str], bool] = field(default_factory=dict)  # → shown
    technology_skills: set[tuple[str, str, str, bool, bool]] = field(default_factory=set)
    education: set[tuple[str, str, int, str, float]] = field(default_factory=set)
    related: set[tuple[str, str, str, int]] = field(default_factory=set)
    tasks: set[tuple[str, int, str, bool]] = field(default_factory=set)


def read_rows(path: Path, spec: TableSpec) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, {our column name: value}) for each data row of a release file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            header = next(reader)
        except StopIteration:
            raise ImportDataError(path, 1, "the file is empty (no header row)") from None
        positions: dict[str, int] = {}
        for ours, accepted in spec.columns.items():
            index = next((header.index(name) for name in accepted if name in header), None)
            if index is None and ours in spec.optional_columns:
                continue
            if index is None:
                raise ImportDataError(
                    path,
                    1,
                    f"unknown column layout: no {' / '.join(accepted)!s} column "
                    f"(header is {', '.join(header)})",
                )
            positions[ours] = index
        width = len(header)
        for row in reader:
            line = reader.line_num
            if not row or row == [""]:
                continue
            if "\x00" in "".join(row):
                raise ImportDataError(path, line, "contains a NUL byte")
            if len(row) != width:
                raise ImportDataError(
                    path, line, f"expected {width} tab-separated columns, found {len(row)}"
                )
            values = dict.fromkeys(spec.optional_columns, "")
            values.update((ours, row[index].strip()) for ours, index in positions.items())
            yield line, values


def find_file(directories: list[Path], spec: TableSpec) -> Path | None:
    for directory in directories:
        for name in spec.file_names:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def read_release_name(directories: list[Path]) -> tuple[str, str]:
    """Read "O*NET 30.1 Database, December 2025 Release" from the release's Read Me."""
    for directory in directories:
        readme = directory / "Read Me.txt"
        if readme.is_file():
            text = readme.read_text(encoding="utf-8", errors="replace")
            match = re.search(r"O\*NET (\d+\.\d+) Database[,\s]+(\w+ \d{4})", text)
            if match:
                return f"O*NET {match.group(1)} Database", match.group(2)
    return "O*NET database", ""


def read_release(
    directories: list[Path], *, progress: Callable[[str], None] = lambda message: None
) -> OnetRelease:
    release = OnetRelease()
    release.name, release.published = read_release_name(directories)
    for key, spec in TABLES.items():
        path = find_file(directories, spec)
        if path is None:
            if spec.required:
                names = " or ".join(spec.file_names)
                raise ImportDataError(
                    names, None, f"required file not found in {', '.join(map(str, directories))}"
                )
            release.missing.append(" / ".join(spec.file_names))
            continue
        release.found[key] = path
    categories: dict[tuple[str, int], str] = {}
    if "education_categories" in release.found:
        path = release.found["education_categories"]
        for line, row in read_rows(path, TABLES["education_categories"]):
            category = parse_int(row["category"], path=path, line=line, column="Category")
            categories[(row["scale"], category)] = row["label"]

    for key, path in release.found.items():
        if key == "education_categories":
            continue
        progress(f"reading {path.name}")
        reader = READERS[key]
        reader(release, path, TABLES[key], categories)
    return release


def _occupations(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
    for line, row in read_rows(path, spec):
        code = parse_onet_code(row["code"], path=path, line=line)
        if not row["title"]:
            raise ImportDataError(path, line, "the title is empty")
        release.occupations[code] = {
            "title": row["title"],
            "description": row["description"],
            "job_zone": None,
            "interests": {},
            "interest_code": ["", "", ""],
        }


def _occupation(release: OnetRelease, code: str, path: Path, line: int) -> dict:
    try:
        return release.occupations[code]
    except KeyError:
        raise ImportDataError(path, line, f"{code} is not in Occupation Data") from None


def _job_zones(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
    for line, row in read_rows(path, spec):
        code = parse_onet_code(row["code"], path=path, line=line)
        zone = parse_int(row["job_zone"], path=path, line=line, column="Job Zone")
        if not 1 <= zone <= 5:
            raise ImportDataError(path, line, f"Job Zone must be 1–5, not {zone}")
        _occupation(release, code, path, line)["job_zone"] = zone


def _interests(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
    for line, row in read_rows(path, spec):
        code = parse_onet_code(row["code"], path=path, line=line)
        occupation = _occupation(release, code, path, line)
        value = parse_float(row["value"], path=path, line=line, column="Data Value")
        if row["scale"] == "OI":
            area = RIASEC_BY_NAME.get(row["element_name"])
            if area is None:
                raise ImportDataError(path, line, f"unknown interest area {row['element_name']!r}")
            if not 1 <= value <= 7:
                raise ImportDataError(path, line, f"interest score must be 1–7, not {value}")
            occupation["interests"][area] = value
        elif row["scale"] == "IH":
            # High points: First/Second/Third Interest High-Point; value 1–6 names the area,
            # 0 means there is no such high point.
            position = {"First": 0, "Second": 1, "Third": 2}.get(row["element_name"].split()[0])
            if position is None:
                raise ImportDataError(path, line, f"unknown high point {row['element_name']!r}")
            index = int(value)
            if not 0 <= index <= 6:
                raise ImportDataError(path, line, f"high point must be 0–6, not {value}")
            if index:
                occupation["interest_code"][position] = RIASEC_LETTER[RIASEC_AREAS[index - 1]]


def _element_reader(domain: str):
    # Importance-like and level-like scales; work styles moved from IM/LV to WI/DR in 30.1.
    importance_scales, level_scales = {"IM", "WI"}, {"LV", "DR"}

    def read(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
        for line, row in read_rows(path, spec):
            if row["scale"] not in importance_scales | level_scales:
                continue
            code = parse_onet_code(row["code"], path=path, line=line)
            _occupation(release, code, path, line)
            value = parse_float(row["value"], path=path, line=line, column="Data Value")
            release.elements[row["element_id"]] = (row["element_name"], domain)
            rating = release.ratings.setdefault(
                (code, row["element_id"]), [None, None, False, False]
            )
            position = 0 if row["scale"] in importance_scales else 1
            rating[position] = value
            # "Recommend Suppress" = Y: O*NET judges the estimate unreliable (low precision
            # or too few respondents). Kept, flagged, so pages can caveat or hide it.
            rating[position + 2] = row["suppress"] == "Y"

    return read


def _alternate_titles(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
    for line, row in read_rows(path, spec):
        code = parse_onet_code(row["code"], path=path, line=line)
        _occupation(release, code, path, line)
        if not row["title"]:
            raise ImportDataError(path, line, "the alternate title is empty")
        short = "" if row["short_title"] in ("", "n/a") else row["short_title"]
        release.alternate_titles.add((code, row["title"][:250], short[:100]))


def _reported_titles(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
    for line, row in read_rows(path, spec):
        code = parse_onet_code(row["code"], path=path, line=line)
        _occupation(release, code, path, line)
        if not row["title"]:
            raise ImportDataError(path, line, "the reported title is empty")
        shown = _yes_no(row["shown"], path=path, line=line, column="Shown in My Next Move")
        key = (code, row["title"][:250])
        release.reported_titles[key] = release.reported_titles.get(key, False) or shown


def _yes_no(value: str, *, path: Path, line: int, column: str) -> bool:
    if value not in ("Y", "N"):
        raise ImportDataError(path, line, f"{column} must be Y or N, not {value!r}")
    return value == "Y"


def _technology_skills(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
    for line, row in read_rows(path, spec):
        code = parse_onet_code(row["code"], path=path, line=line)
        _occupation(release, code, path, line)
        release.technology_skills.add(
            (
                code,
                row["name"][:250],
                row["category"][:250],
                _yes_no(row["hot"], path=path, line=line, column="Hot Technology"),
                _yes_no(row["in_demand"], path=path, line=line, column="In Demand"),
            )
        )


def _education(release: OnetRelease, path: Path, spec: TableSpec, categories) -> None:
    for line, row in read_rows(path, spec):
        if row["scale"] not in EDUCATION_SCALES or row["suppress"] == "Y":
            continue
        code = parse_onet_code(row["code"], path=path, line=line)
        _occupation(release, code, path, line)
        category = parse_int(row["category"], path=path, line=line, column="Category")
        percent = parse_float(row["value"], path=path, line=line, column="Data Value")
        if not 0 <= percent <= 100:
            raise ImportDataError(path, line, f"a share must be 0–100 percent, not {percent}")
        label = categories.get((row["scale"], category), f"Category {category}")
        release.education.add((code, row["scale"], category, label, percent))


def _related(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
    for line, row in read_rows(path, spec):
        code = parse_onet_code(row["code"], path=path, line=line)
        related = parse_onet_code(row["related_code"], path=path, line=line)
        _occupation(release, code, path, line)
        _occupation(release, related, path, line)
        if row["tier"] not in RELATED_TIERS:
            raise ImportDataError(path, line, f"unknown relatedness tier {row['tier']!r}")
        rank = parse_int(row["rank"], path=path, line=line, column="Index")
        release.related.add((code, related, row["tier"], rank))


def _tasks(release: OnetRelease, path: Path, spec: TableSpec, _categories) -> None:
    for line, row in read_rows(path, spec):
        code = parse_onet_code(row["code"], path=path, line=line)
        _occupation(release, code, path, line)
        task_id = parse_int(row["task_id"], path=path, line=line, column="Task ID")
        release.tasks.add((code, task_id, row["text"], row["task_type"] != "Supplemental"))


READERS = {
    "occupations": _occupations,
    "job_zones": _job_zones,
    "interests": _interests,
    "alternate_titles": _alternate_titles,
    "reported_titles": _reported_titles,
    "skills": _element_reader("skill"),
    "knowledge": _element_reader("knowledge"),
    "work_styles": _element_reader("work_style"),
    "technology_skills": _technology_skills,
    "education": _education,
    "related": _related,
    "tasks": _tasks,
}
