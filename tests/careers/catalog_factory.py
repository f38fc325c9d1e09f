"""Write small, valid catalog directories for tests (test data, not product content)."""

import shutil
from pathlib import Path

from careers.catalog_files import CATALOG_DIR


def words(count: int, word: str = "detail") -> str:
    return " ".join([word] * count)


SKILLS_TOML = "\n".join(
    [
        *(
            line
            for index in range(10)
            for line in (
                "[[skills]]",
                f'name = "Skill {index}"',
                f'definition = "What skill {index} is."',
                f'synonyms = ["Alias of skill {index}"]',
                'onet_element = "Programming"' if index == 0 else "",
            )
        ),
    ]
)


def family_toml(
    slug: str,
    *,
    occupation: str = "15-1252.00",
    match: str = "closest",
    evidence_title: str = "Site Reliability Engineer",
    roles: list[dict],
    skill_levels: str = "{ junior = 2, mid = 3, senior = 4, staff = 5 }",
    **overrides,
) -> str:
    family = {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "track": "ic",
        "description": f"Test family {slug}.",
        "hardest_part": words(120, "pager"),
        "thrives": ["You like a", "You like b", "You like c", "You like d"],
        "finds_hard": ["You mind a", "You mind b", "You mind c", "You mind d"],
        "landscape_note": "The occupation is broader than this family.",
        "category_changing": words(150, "change"),
        "background": "People arrive from many routes.",
        **overrides,
    }
    lines = []
    for key, value in family.items():
        lines.append(f"{key} = {toml_value(value)}")
    evidence = (
        f'title = "{evidence_title}"'
        if match == "titled"
        else 'reason = "The nearest occupation for this test family."'
    )
    lines += ["[occupation]", f'code = "{occupation}"', f'match = "{match}"', evidence]
    lines.append("[tools]")
    lines.append('"Observability" = ["Prometheus", "Grafana"]')
    for index in range(8):
        lines += [
            "[[skills]]",
            f'skill = "Skill {index}"',
            f"importance = {5 - index % 5}",
            'note = "Shows up daily."',
            f"levels = {skill_levels}",
        ]
    for index in range(5):
        lines += ["[[variations]]", f'factor = "Factor {index}"', 'detail = "It changes the job."']
    levels = [role["level"] for role in roles]
    for index in range(9):
        kind = ["technical", "system-design", "scenario", "behavioural"][index % 4]
        lines += [
            "[[interview_questions]]",
            f'kind = "{kind}"',
            f"levels = {toml_value(levels)}",
            f'question = "Question {index} for {slug}?"',
            f'probes = "Probe {index}."',
            'strong_answer = ["Point one.", "Point two.", "Point three."]',
        ]
    for role in roles:
        lines += ["[[roles]]"]
        role = {
            "status": "published",
            "years_min": 1,
            "years_max": 3,
            "summary": words(50, "summary"),
            "scope": words(60, "scope"),
            "what_its_like": words(300, "week"),
            **role,
        }
        steps = {kind: role.pop(kind, []) for kind in ("advancement", "lateral")}
        for key, value in role.items():
            lines.append(f"{key} = {toml_value(value)}")
        for step in steps["advancement"]:
            lines += [
                "[[roles.advancement]]",
                f'to = "{step}"',
                'what_changes = "More scope."',
                'what_it_takes = "Impact."',
                'typical_time = "typically 2 years"',
            ]
        for step in steps["lateral"]:
            lines += [
                "[[roles.lateral]]",
                f'to = "{step}"',
                'carries_over = "Ops skills."',
                'missing = "Product sense."',
            ]
    return "\n".join(lines) + "\n"


def toml_value(value) -> str:
    if isinstance(value, str):
        return '"""' + value.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '"""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(value)


def write_catalog(directory: Path, families: dict[str, str] | None = None) -> Path:
    """A catalog with two families: reliability (junior, senior) and platform (senior)."""
    directory.mkdir(parents=True, exist_ok=True)
    shutil.copy(CATALOG_DIR / "levels.toml", directory / "levels.toml")
    (directory / "skills.toml").write_text(SKILLS_TOML + "\n", encoding="utf-8")
    files = families or {
        "reliability": family_toml(
            "reliability",
            roles=[
                {
                    "level": "junior",
                    "title": "Junior Reliability Engineer",
                    "slug": "junior-reliability-engineer",
                    "advancement": ["senior-reliability-engineer"],
                    "lateral": ["senior-platform-builder"],
                },
                {
                    "level": "senior",
                    "title": "Senior Reliability Engineer",
                    "slug": "senior-reliability-engineer",
                    "years_min": 5,
                    "years_max": 9,
                    "lateral": ["senior-platform-builder"],
                },
            ],
        ),
        "platform": family_toml(
            "platform",
            occupation="15-1244.00",
            roles=[
                {
                    "level": "senior",
                    "title": "Senior Platform Builder",
                    "slug": "senior-platform-builder",
                }
            ],
        ),
    }
    for slug, text in files.items():
        (directory / f"{slug}.toml").write_text(text, encoding="utf-8")
    return directory


def fit_toml(family: str, *, version: int = 1, deal_breaker: bool = True) -> str:
    """A four-dimension, twelve-statement fit check; every third statement reverse-keyed."""
    lines = [
        f'family = "{family}"',
        f"version = {version}",
        f"intro = {toml_value(words(50, 'intro'))}",
    ]
    for index, key in enumerate(["pager", "systems", "automation", "pressure"]):
        lines += [
            "[[dimensions]]",
            f'key = "{key}"',
            f'name = "{key.title()}"',
            f'measures = "How you handle {key}."',
            f"weight = {1.5 if index == 0 else 1.0}",
            "level_weights = { senior = 2.0 }" if index == 1 else "",
            f'thrive = "High {key} means this."',
            f'find_hard = "Low {key} means that."',
        ]
    for index in range(12):
        key = ["pager", "systems", "automation", "pressure"][index % 4]
        lines += [
            "[[statements]]",
            f'dimension = "{key}"',
            f'text = "Statement {index} about {key}."',
            f"reverse = {'true' if index % 3 == 2 else 'false'}",
            f"deal_breaker = {'true' if deal_breaker and index == 0 else 'false'}",
        ]
    return "\n".join(lines) + "\n"


def write_assessments(directory: Path, families: list[str]) -> Path:
    (directory / "fit").mkdir(parents=True, exist_ok=True)
    for family in families:
        (directory / "fit" / f"{family}.toml").write_text(fit_toml(family))
    shutil.copy(
        CATALOG_DIR.parent.parent / "assessments" / "catalog" / "interests.toml",
        directory / "interests.toml",
    )
    return directory
