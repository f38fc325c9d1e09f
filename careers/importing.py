"""Shared pieces of the data importers: errors that name file and line, value parsing."""

import re
from pathlib import Path

from django.core.management.base import CommandError

ONET_CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
SOC_CODE = re.compile(r"^\d{2}-\d{4}$")


class ImportDataError(CommandError):
    """Malformed input: says which file, which line and what is wrong."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path, self.line, self.problem = Path(path), line, problem
        where = f"{Path(path).name}, line {line}" if line else Path(path).name
        super().__init__(f"{where}: {problem}")


def parse_float(value: str, *, path: Path, line: int, column: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ImportDataError(path, line, f"{column} is not a number: {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ImportDataError(path, line, f"{column} is not a finite number: {value!r}")
    return number


def parse_int(value: str, *, path: Path, line: int, column: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ImportDataError(path, line, f"{column} is not a whole number: {value!r}") from None


def parse_onet_code(value: str, *, path: Path, line: int) -> str:
    code = value.strip()
    if not ONET_CODE.match(code):
        raise ImportDataError(path, line, f"not an O*NET-SOC code: {value!r}")
    return code
