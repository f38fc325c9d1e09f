"""The rules a published role's content must meet (from CONTENT.md), in one place.

The catalog loader, the admin publish action and `catalog_report` all apply them, to text
from the catalog files or from the database alike. Below them: a family's *content* in one
canonical form, and its digests, which tell the loader whether editors changed a family
since it was last loaded (`family_file_content` reads a file into it,
`careers.catalog_export.family_content` the database); and how catalog fields are stored
(text normalised, list fields validated), which the models apply.
"""

import hashlib
import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

WORD = re.compile(r"[\w'’-]+")

# Section → (minimum, maximum) words for text, or items for lists.
TEXT_RANGES: dict[str, tuple[int, int]] = {
    "summary": (40, 70),
    "scope": (40, 120),
    "what_its_like": (250, 450),
    "hardest_part": (100, 200),
    "category_changing": (120, 250),
}
LIST_RANGES: dict[str, tuple[int, int]] = {
    "thrives": (4, 6),
    "finds_hard": (4, 6),
    "skills": (8, 14),
    "variations": (5, 8),
    "interview_questions": (8, 15),
}
REQUIRED_TEXT = ("landscape_note", "background")
SECTION_LABELS = {
    "summary": "Summary",
    "scope": "Scope at this level",
    "what_its_like": "What it's like",
    "hardest_part": "The hardest part",
    "thrives": "Tends to thrive",
    "finds_hard": "Tends to find it hard",
    "landscape_note": "Where it sits in the landscape",
    "category_changing": "How the category is changing",
    "background": "Typical background",
    "skills": "Skills",
    "variations": "Things that vary",
    "interview_questions": "Interview questions",
}

BANNED_PHRASES = (
    "fast-paced environment",
    "wear many hats",
    "rockstar",
    "ninja",
    "synergy",
    "passionate about",
    "exciting opportunity",
    "dynamic",
    "leverage",
    "leverages",
    "leveraged",
    "leveraging",
    "it depends",
    "lorem ipsum",
)
BANNED = re.compile(r"\b(" + "|".join(re.escape(p) for p in BANNED_PHRASES) + r")\b", re.I)


def word_count(text: str) -> int:
    return len(WORD.findall(text or ""))


def banned_phrases_in(text: str) -> list[str]:
    return sorted({match.group(0).lower() for match in BANNED.finditer(text or "")})


@dataclass(frozen=True)
class Problem:
    section: str
    message: str

    def __str__(self) -> str:
        return f"{SECTION_LABELS.get(self.section, self.section)}: {self.message}"


def role_content_problems(sections: dict) -> list[Problem]:
    """What keeps a role from being published. `sections` holds each section's effective
    value (the role's own or the family's): text as str, lists as lists."""
    problems = []
    for name, (low, high) in TEXT_RANGES.items():
        count = word_count(sections.get(name, ""))
        if count == 0:
            problems.append(Problem(name, "missing"))
        elif not low <= count <= high:
            problems.append(Problem(name, f"{count} words; it needs {low}–{high}"))
    for name in REQUIRED_TEXT:
        if not (sections.get(name) or "").strip():
            problems.append(Problem(name, "missing"))
    for name, (low, high) in LIST_RANGES.items():
        count = len(sections.get(name) or [])
        if count == 0:
            problems.append(Problem(name, "missing"))
        elif not low <= count <= high:
            problems.append(Problem(name, f"{count} items; it needs {low}–{high}"))
    for name, value in sections.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            found = banned_phrases_in(text if isinstance(text, str) else str(text))
            if found:
                problems.append(Problem(name, f"uses banned wording: {', '.join(found)}"))
    return problems


# --- How catalog fields are stored (the models apply these; see careers/models.py) ------

STRONG_ANSWER_POINTS = (3, 5)


def normalize_text(text: str) -> str:
    """Catalog text as it is stored: LF line endings, no spaces at the end of a line, no
    blank lines (or spaces) at either end. Browsers send CRLF and admin forms strip the
    ends, so storing text this way makes a re-save of the same words a no-op."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip(" \t") for line in lines).strip()


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


@deconstructible
class TextListValidator:
    """A JSON list of non-empty text items, optionally `low`–`high` of them. (An empty list
    is the field's blank value; `blank` on the field decides whether it is allowed.)"""

    def __init__(self, low: int | None = None, high: int | None = None):
        self.low, self.high = low, high

    def __call__(self, value) -> None:
        if not isinstance(value, list):
            raise ValidationError(
                'Enter a list of text items, such as ["First point", "Second point"].',
                code="not_a_list",
            )
        for index, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                raise ValidationError(
                    "Item %(index)s is empty or not text; every item must be non-empty text.",
                    code="not_text",
                    params={"index": index},
                )
        count = len(value)
        if self.high is not None and not self.low <= count <= self.high:
            raise ValidationError(
                "Enter %(low)s–%(high)s items, not %(count)s.",
                code="count",
                params={"low": self.low, "high": self.high, "count": _items(count)},
            )
        if self.low is not None and count < self.low:
            raise ValidationError(
                "Enter at least %(low)s.", code="count", params={"low": _items(self.low)}
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, TextListValidator) and (self.low, self.high) == (
            other.low,
            other.high,
        )


@deconstructible
class ToolsValidator:
    """Category → a list of tool names, e.g. {"Observability": ["Prometheus", "Grafana"]}."""

    def __call__(self, value) -> None:
        if not isinstance(value, dict):
            raise ValidationError(
                'Enter categories and tool names, such as {"Observability": ["Prometheus"]}.',
                code="not_a_mapping",
            )
        names = TextListValidator(low=1)
        for category, tools in value.items():
            if not category.strip():
                raise ValidationError("A category name is empty.", code="empty_category")
            try:
                names(tools)
            except ValidationError as error:
                raise ValidationError(
                    "%(category)s: %(problem)s",
                    code="tools",
                    params={"category": category, "problem": " ".join(error.messages)},
                ) from None

    def __eq__(self, other) -> bool:
        return isinstance(other, ToolsValidator)


@deconstructible
class ProficiencyValidator:
    """Level key → expected proficiency, 1 (aware) to 5 (expert), e.g. {"senior": 4}."""

    def __call__(self, value) -> None:
        if not isinstance(value, dict) or not all(
            isinstance(key, str) and key.strip() for key in value
        ):
            raise ValidationError(
                'Enter level keys and proficiencies, such as {"mid": 3, "senior": 4}.',
                code="not_a_mapping",
            )
        for key, proficiency in value.items():
            if isinstance(proficiency, bool) or proficiency not in range(1, 6):
                raise ValidationError(
                    "%(key)s: the proficiency must be a whole number from 1 to 5.",
                    code="proficiency",
                    params={"key": key},
                )

    def __eq__(self, other) -> bool:
        return isinstance(other, ProficiencyValidator)


# --- The family's content, in the one form the loader writes and the database reads back ---


def normalized(value):
    """`normalize_text` applied to every string in a JSON-like value: catalog content as it
    is compared (careers/catalog.py), whether read from a file or the database."""
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalized(item) for item in value]
    return value


def _canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_digest(content: dict) -> str:
    return hashlib.sha256(_canonical(content)).hexdigest()


def section_digest(section) -> str:
    return hashlib.sha256(_canonical(section)).hexdigest()[:16]


# A section that is still empty: a section a newer version added is not an editor's edit.
EMPTY_SECTIONS = {section_digest(""), section_digest([]), section_digest({})}


def content_sections(content: dict) -> dict[str, str]:
    """A short digest per section of a family's content: `hardest_part` for the family's,
    `<role slug>.summary` for a role's. Comparing two of these says which sections differ."""
    sections = {}
    for key, value in content.items():
        for slug, part in value.items() if key == "roles" else [("", {key: value})]:
            for name, section in part.items():
                sections[f"{slug}.{name}" if slug else name] = section_digest(section)
    return sections


# A role's slug, as the catalog writes it and addresses carry it.
SLUG = re.compile(r"[a-z0-9-]{1,120}")
ROLE_TEXT = ("title", "summary", "scope", "what_its_like")
# A role's own optional text: where people go after a top rung (Markdown), and a note when
# the rung itself is rare.
ROLE_OPTIONAL_TEXT = ("next_steps", "rung_note")
# The kinds of move a role lists, with the names of their two texts in the catalog files:
# the next rung (always a higher band), a change between the individual-contributor and
# management tracks at the same band, and a lateral move to another kind of work.
STEP_KINDS = (
    ("advancement", "what_changes", "what_it_takes"),
    ("track_change", "what_changes", "what_it_takes"),
    ("lateral", "carries_over", "missing"),
)
FAMILY_TEXT = ("name", "description", "hardest_part", "landscape_note", "category_changing")
# Fields a role may leave empty to show its family's value (Role.shared): the one list.
SHARED_WITH_FAMILY = (
    "hardest_part",
    "thrives",
    "finds_hard",
    "category_changing",
    "background",
    "certifications",
    "tools",
)
SHARED_LISTS = ("thrives", "finds_hard")
SHARED_TEXT = tuple(key for key in SHARED_WITH_FAMILY if key not in (*SHARED_LISTS, "tools"))


def occupation_link(code: str, match: str, title: str = "", reason: str = "") -> dict:
    """A link's evidence as stored: the title only for "titled", the reason for "closest"."""
    return {
        "code": code,
        "match": match,
        "title": title if match == "titled" else "",  # careers.models.OccupationMatch
        "reason": reason if match == "closest" else "",
    }


def _link(link: dict) -> dict:
    return occupation_link(
        link["code"], link["match"], link.get("title", ""), link.get("reason", "")
    )


def _skills(items: list[dict], level: str | None = None) -> list[dict]:
    return [
        {key: item[key] for key in ("skill", "importance", "note")}
        | {"levels": {level: item["level"]} if level else item["levels"]}
        for item in items
    ]


def _variations(items: list[dict]) -> list[dict]:
    return [{"factor": item["factor"], "detail": item["detail"]} for item in items]


def _steps(items: list[dict], note_key: str, requirement_key: str) -> list[dict]:
    return [
        {"to": step["to"], "note": step[note_key], "requirements": step[requirement_key]}
        | {"typical_time": step.get("typical_time", "")}
        for step in items
    ]


def _role_file_content(family: dict, role: dict) -> dict:
    content = {key: role[key] for key in ("level", "status", "years_min", "years_max", *ROLE_TEXT)}
    content |= {key: role.get(key, "") for key in ROLE_OPTIONAL_TEXT}
    content |= {key: role.get(key, "") for key in SHARED_TEXT}
    content |= {key: role.get(key, []) for key in ("aliases", *SHARED_LISTS)}
    content["tools"] = role.get("tools", {})
    content["occupation"] = _link(role.get("occupation") or family["occupation"])
    secondary = role.get("secondary_occupations", family.get("secondary_occupations", []))
    content["secondary_occupations"] = [_link(link) for link in secondary]
    content["skills"] = _skills(role.get("skills", []), role["level"])
    content["variations"] = _variations(role.get("variations", []))
    for kind, note_key, requirement_key in STEP_KINDS:
        content[kind] = _steps(role.get(kind, []), note_key, requirement_key)
    return content


def family_file_content(data: dict) -> dict:
    """A checked family file (`catalog_read`) as the family's content: every value the
    loader writes, in the shape of `careers.catalog_export.family_content`."""
    content = {key: data[key] for key in ("slug", "track", *FAMILY_TEXT, "background", "tools")}
    content["certifications"] = data.get("certifications", "")
    content |= {key: data.get(key, []) for key in ("aliases", "thrives", "finds_hard")}
    content["skills"] = _skills(data["skills"])
    content["variations"] = _variations(data["variations"])
    content["interview_questions"] = [
        {key: question[key] for key in ("kind", "question", "probes", "strong_answer")}
        | {"levels": sorted(question["levels"])}
        for question in data["interview_questions"]
    ]
    content["roles"] = {role["slug"]: _role_file_content(data, role) for role in data["roles"]}
    return normalized(content)
