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
        steps = {kind: role.pop(kind, []) for kind in ("advancement", "track_change", "lateral")}
        if not steps["advancement"] and "next_steps" not in role:
            # The top of a ladder says where people go next (careers.catalog_files).
            role["next_steps"] = (
                "People go on to principal roles, into management or to consulting."
            )
        if not role.get("next_steps"):
            role.pop("next_steps", None)
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
        for step in steps["track_change"]:
            lines += [
                "[[roles.track_change]]",
                f'to = "{step}"',
                'what_changes = "Another track."',
                'what_it_takes = "Interest in it."',
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


# A small work-style profile for the test families: four trade-offs of three items each
# (the middle item of each has its sides swapped) and two conditions.
PROFILE_DIMENSIONS = ["focus", "build-run", "people-systems", "pace"]
PROFILE_REWARDS = {
    # family: [(dimension, pole, importance)], plus the senior rung's adjustment
    "reliability": [("focus", "right", 3), ("build-run", "right", 2), ("pace", "right", 1)],
    "platform": [("focus", "left", 3), ("build-run", "left", 2), ("people-systems", "right", 1)],
}
SENIOR_RELIABILITY = ("people-systems", "left", 3)


def profile_toml(*, version: int = 1) -> str:
    lines = [f"version = {version}", f"intro = {toml_value(words(40, 'intro'))}"]
    for key in PROFILE_DIMENSIONS:
        lines += [
            "[[dimensions]]",
            f'key = "{key}"',
            f'name = "{key.title()} trade-off"',
            f'left = "Left of {key}"',
            f'right = "Right of {key}"',
            f'left_means = "You like the left side of {key}."',
            f'right_means = "You like the right side of {key}."',
        ]
    for number in range(3):
        for key in PROFILE_DIMENSIONS:
            lines += [
                "[[items]]",
                f'key = "{key}-{number}"',
                f'dimension = "{key}"',
                f'left = "Option A{number} about {key}"',
                f'right = "Option B{number} about {key}"',
                f"reverse = {'true' if number == 1 else 'false'}",
            ]
    lines += [
        "[[conditions]]",
        'key = "night-pages"',
        'question = "How often could you be woken at night?"',
        'levels = ["Never", "A few times a year", "Once in an on-call week"]',
        "[[conditions]]",
        'key = "travel"',
        'question = "How much travel could you accept?"',
        'levels = ["None", "A few days a quarter"]',
    ]
    return "\n".join(lines) + "\n"


def family_profile_toml(family: str) -> str:
    lines = [f'family = "{family}"']
    for dimension, pole, importance in PROFILE_REWARDS.get(family, PROFILE_REWARDS["platform"]):
        lines += [
            "[[rewards]]",
            f'dimension = "{dimension}"',
            f'pole = "{pole}"',
            f"importance = {importance}",
            f'why = "The {family} page says {dimension} leans {pole}."',
        ]
    if family == "reliability":
        dimension, pole, importance = SENIOR_RELIABILITY
        lines += [
            "[[conditions]]",
            'key = "night-pages"',
            "level = 2",
            'why = "The page describes being woken about once in an on-call week."',
            "[[levels.senior.rewards]]",
            f'dimension = "{dimension}"',
            f'pole = "{pole}"',
            f"importance = {importance}",
            'why = "Senior engineers lead through people."',
        ]
    return "\n".join(lines) + "\n"


def write_assessments(directory: Path, families: list[str]) -> Path:
    (directory / "roles").mkdir(parents=True, exist_ok=True)
    (directory / "profile.toml").write_text(profile_toml())
    for family in families:
        (directory / "roles" / f"{family}.toml").write_text(family_profile_toml(family))
    shutil.copy(
        CATALOG_DIR.parent.parent / "assessments" / "catalog" / "interests.toml",
        directory / "interests.toml",
    )
    return directory
