"""Read the BLS workbooks (Employment Projections Table 1.2, OEWS national wages and the
O*NET-SOC → NEM crosswalk) with openpyxl into plain Python data.

Header rows are found by their column names, not by position, because BLS puts title rows
above them. Suppressed or unavailable values (`*`, `**`, `~`, `—`) become None, never 0.
OEWS's `#` (at or above its top code) becomes the top code, with the percentile flagged.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl

from careers.importing import ONET_CODE, SOC_CODE, ImportDataError
from careers.landscape import WAGE_PERCENTILES, WAGE_TOP_CODE_ANNUAL, WAGE_TOP_CODE_HOURLY

NOT_AVAILABLE = {"*", "**", "#", "~", "—", "–", "-", "", "n/a", "N/A"}


@dataclass
class BlsRelease:
    projections: dict[str, dict] = field(default_factory=dict)  # NEM code → figures
    all_occupations_change_percent: float | None = None
    wages: dict[str, dict] = field(default_factory=dict)  # OEWS code → percentiles
    crosswalk: dict[str, str] = field(default_factory=dict)  # O*NET-SOC code → NEM code
    crosswalk_as_of: str = ""
    projections_period: str = ""  # e.g. "2024–34", read from the column headers
    wages_period: str = ""  # e.g. "May 2025", read from the workbook's Field Descriptions
    # What OEWS's "#" stands for, read from the Field Descriptions notes when they state it.
    wage_top_code_annual: int = WAGE_TOP_CODE_ANNUAL
    wage_top_code_hourly: Decimal = Decimal(WAGE_TOP_CODE_HOURLY)


def _open_sheet(path: Path, sheet_name: str | None, *, prefer: str = ""):
    if not path.is_file():
        raise ImportDataError(path, None, "file not found")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook
        raise ImportDataError(path, None, f"not a readable .xlsx workbook ({error})") from None
    names = workbook.sheetnames
    if sheet_name:
        if sheet_name not in names:
            raise ImportDataError(
                path, None, f"no sheet {sheet_name!r} (sheets: {', '.join(names)})"
            )
        return workbook, workbook[sheet_name]
    chosen = next((name for name in names if name.startswith(prefer)), names[0])
    return workbook, workbook[chosen]


def _header_positions(cells: list[str], required: dict[str, str]) -> dict[str, int] | None:
    positions = {}
    for ours, pattern in required.items():
        # The first matching column not already taken: base and projected year share a pattern.
        index = next(
            (
                i
                for i, cell in enumerate(cells)
                if i not in positions.values() and re.fullmatch(pattern, cell)
            ),
            None,
        )
        if index is None:
            return None
        positions[ours] = index
    return positions


def _rows_with_header(path: Path, sheet, required: dict[str, str], *, found=None):
    """Yield (row number, {our name: cell}) after the row that holds every required header.

    `required` maps our names to regular expressions for the header text, so a new release
    that moves the years along ("Employment, 2025") still reads. `found(cells)` sees the
    header row.
    """
    positions: dict[str, int] | None = None
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if value is None else str(value).strip() for value in row]
        if positions is None:
            positions = _header_positions(cells, required)
            if positions is not None and found:
                found(cells)
            if positions is None and number > 20:
                break
            continue
        if not any(cells):
            continue
        yield (
            number,
            {ours: row[index] if index < len(row) else None for ours, index in positions.items()},
        )
    if positions is None:
        missing = ", ".join(pattern.replace("\\", "") for pattern in required.values())
        raise ImportDataError(path, None, f"unknown layout: no header row with {missing}")


def number_or_none(value, *, path: Path, line: int, column: str) -> float | None:
    """A BLS cell as a number, or None where BLS publishes a symbol instead of a value."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "")
    if text in NOT_AVAILABLE or text.startswith((">=", "≥")):
        return None  # suppressed, or top-coded (">=$239,200"): not a usable point value
    try:
        return float(text)
    except ValueError:
        raise ImportDataError(
            path, line, f"{column} is not a number or a BLS symbol: {value!r}"
        ) from None


def _thousands(value: float | None) -> int | None:
    return None if value is None else round(value * 1000)


def _text(value) -> str:
    text = "" if value is None else str(value).strip()
    return "" if text in NOT_AVAILABLE else text


def read_projections(path: Path, release: BlsRelease) -> None:
    workbook, sheet = _open_sheet(path, None, prefer="Table 1.2")
    try:
        columns = {
            "title": r"\d{4} National Employment Matrix title",
            "code": r"\d{4} National Employment Matrix code",
            "kind": r"Occupation type",
            "employment_base": r"Employment, \d{4}",
            "employment_projected": r"Employment, \d{4}",
            "change_percent": r"Employment change, percent, \d{4}[–-]\d{2}",
            "openings": r"Occupational openings, \d{4}[–-]\d{2} annual average",
            "median_wage": r"Median annual wage, dollars, \d{4}.*",
            "education": r"Typical education needed for entry",
            "experience": r"Work experience in a related occupation",
            "training": r"Typical on-the-job training needed to attain competency.*",
        }

        def found(cells: list[str]) -> None:
            years = [
                cell.removeprefix("Employment, ")
                for cell in cells
                if re.fullmatch(r"Employment, \d{4}", cell)
            ]
            if len(years) == 2:
                release.projections_period = f"{years[0]}–{years[1][2:]}"

        header_rows = _rows_with_header(path, sheet, columns, found=found)
        for line, row in header_rows:
            code = _text(row["code"])
            if not SOC_CODE.match(code):
                continue  # title, footnote and source rows

            def number(key: str, row=row, line=line) -> float | None:
                return number_or_none(row[key], path=path, line=line, column=columns[key])

            if code == "00-0000":
                release.all_occupations_change_percent = number("change_percent")
            if _text(row["kind"]) != "Line item":
                continue
            median = number("median_wage")
            release.projections[code] = {
                "title": _text(row["title"]),
                "employment_base": _thousands(number("employment_base")),
                "employment_projected": _thousands(number("employment_projected")),
                "change_percent": number("change_percent"),
                "annual_openings": _thousands(number("openings")),
                "median_wage_projections": None if median is None else round(median),
                "entry_education": _text(row["education"]),
                "work_experience": _text(row["experience"]),
                "job_training": _text(row["training"]),
            }
    finally:
        workbook.close()
    if not release.projections:
        raise ImportDataError(path, None, "no occupation rows found in the projections table")


TOP_CODE_NOTE = re.compile(
    r"#\s*=.*?\$([\d,]+\.\d{2})\s+per\s+hour\s+or\s+\$([\d,]+)\s+per\s+year", re.IGNORECASE
)


def _read_wage_notes(workbook, release: BlsRelease) -> None:
    """The release period and the top codes, from the sheet BLS ships beside the data."""
    if "Field Descriptions" not in workbook.sheetnames:
        return
    for row in workbook["Field Descriptions"].iter_rows(values_only=True):
        text = " ".join(str(cell) for cell in row if cell)
        period = re.search(r"(\w+ \d{4}) OEWS Estimates", text)
        if period and not release.wages_period:
            release.wages_period = period.group(1)
        top = TOP_CODE_NOTE.search(text)
        if top:
            release.wage_top_code_hourly = Decimal(top.group(1).replace(",", ""))
            release.wage_top_code_annual = int(top.group(2).replace(",", ""))


def _percentiles(row: dict, prefix: str, *, top_code, path: Path, line: int, convert):
    """({percentile: value or None}, [top-coded percentiles]) for the A_ or H_ columns."""
    values, top_coded = {}, []
    for key in WAGE_PERCENTILES:
        cell = row[prefix + key]
        if str(cell).strip() == "#":
            values[key] = top_code
            top_coded.append(key)
            continue
        value = number_or_none(cell, path=path, line=line, column=WAGE_COLUMNS[prefix + key])
        values[key] = None if value is None else convert(value)
    return values, top_coded


WAGE_COLUMNS = {
    "code": "OCC_CODE",
    "group": "O_GROUP",
    "area_type": "AREA_TYPE",
    **{
        f"a_{key}": f"A_{'MEDIAN' if key == 'median' else 'PCT' + key[1:]}"
        for key in WAGE_PERCENTILES
    },
    **{
        f"h_{key}": f"H_{'MEDIAN' if key == 'median' else 'PCT' + key[1:]}"
        for key in WAGE_PERCENTILES
    },
    "hourly_only": "HOURLY",
}


def read_wages(path: Path, release: BlsRelease) -> None:
    workbook, sheet = _open_sheet(path, None)
    _read_wage_notes(workbook, release)
    try:
        for line, row in _rows_with_header(path, sheet, WAGE_COLUMNS):
            code = _text(row["code"])
            if not SOC_CODE.match(code) or _text(row["area_type"]) not in ("1", "1.0"):
                continue
            annual, annual_top = _percentiles(
                row,
                "a_",
                top_code=release.wage_top_code_annual,
                path=path,
                line=line,
                convert=round,
            )
            figures = {**annual, "top_coded": annual_top, "hourly_only": False, "hourly": {}}
            # OEWS publishes only hourly wages for some occupations (actors, dancers,
            # musicians): HOURLY is TRUE and the annual columns are "*". Keep those hourly.
            if str(row["hourly_only"]).strip().upper() == "TRUE" or not any(annual.values()):
                hourly, hourly_top = _percentiles(
                    row,
                    "h_",
                    top_code=release.wage_top_code_hourly,
                    path=path,
                    line=line,
                    convert=lambda value: Decimal(f"{value:.2f}"),
                )
                if any(value is not None for value in hourly.values()):
                    figures.update(top_coded=hourly_top, hourly_only=True, hourly=hourly)
            existing = release.wages.get(code)
            # A code can appear as both a broad and a detailed group; keep the detailed one.
            if existing is None or _text(row["group"]) == "detailed":
                release.wages[code] = figures
    finally:
        workbook.close()
    if not release.wages:
        raise ImportDataError(path, None, "no national wage rows found")


def read_crosswalk(path: Path, release: BlsRelease) -> None:
    workbook, sheet = _open_sheet(path, None)
    columns = {"onet_code": r"O\*NET-SOC Code", "nem_code": r"NEM Code"}
    try:
        for row in sheet.iter_rows(min_row=1, max_row=6, values_only=True):
            text = " ".join(str(cell) for cell in row if cell)
            if text.startswith("As of "):
                release.crosswalk_as_of = text.removeprefix("As of ").strip()
        for line, row in _rows_with_header(path, sheet, columns):
            onet_code, nem_code = _text(row["onet_code"]), _text(row["nem_code"])
            if not onet_code and not nem_code:
                continue
            if not ONET_CODE.match(onet_code):
                raise ImportDataError(path, line, f"not an O*NET-SOC code: {onet_code!r}")
            if not SOC_CODE.match(nem_code):
                raise ImportDataError(path, line, f"not a NEM code: {nem_code!r}")
            release.crosswalk[onet_code] = nem_code
    finally:
        workbook.close()
    if not release.crosswalk:
        raise ImportDataError(path, None, "no crosswalk rows found")
