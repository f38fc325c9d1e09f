"""The rules a published role's content must meet (from CONTENT.md), in one place.

The catalog loader, the admin publish action and `catalog_report` all apply them, to text
from the catalog files or from the database alike.
"""

import re
from dataclasses import dataclass

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
