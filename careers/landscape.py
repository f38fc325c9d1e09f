"""Fixed facts about the occupational classification and how we read the figures."""

# SOC 2018 major groups (the first two digits of an O*NET-SOC code).
SOC_MAJOR_GROUPS: dict[str, str] = {
    "11": "Management",
    "13": "Business and financial operations",
    "15": "Computer and mathematical",
    "17": "Architecture and engineering",
    "19": "Life, physical and social science",
    "21": "Community and social service",
    "23": "Legal",
    "25": "Educational instruction and library",
    "27": "Arts, design, entertainment, sports and media",
    "29": "Healthcare practitioners and technical",
    "31": "Healthcare support",
    "33": "Protective service",
    "35": "Food preparation and serving",
    "37": "Building and grounds cleaning and maintenance",
    "39": "Personal care and service",
    "41": "Sales and related",
    "43": "Office and administrative support",
    "45": "Farming, fishing and forestry",
    "47": "Construction and extraction",
    "49": "Installation, maintenance and repair",
    "51": "Production",
    "53": "Transportation and material moving",
    "55": "Military specific",
}

RIASEC_AREAS: tuple[str, ...] = (
    "realistic",
    "investigative",
    "artistic",
    "social",
    "enterprising",
    "conventional",
)

# Job Zones in our words: how much preparation the work usually needs.
JOB_ZONES: dict[int, tuple[str, str]] = {
    1: (
        "Little or no preparation",
        "You can usually start with a short demonstration or a few days of training; a "
        "high-school diploma may help but is often not asked for.",
    ),
    2: (
        "Some preparation",
        "Usually a high-school diploma and some months of on-the-job training or earlier "
        "experience in similar work.",
    ),
    3: (
        "Medium preparation",
        "Usually vocational training, an associate's degree or an apprenticeship, and a year or "
        "two of related experience.",
    ),
    4: (
        "Considerable preparation",
        "Usually a bachelor's degree or equivalent experience, and several years of related "
        "work before people trust you with the whole job.",
    ),
    5: (
        "Extensive preparation",
        "Usually a graduate degree or long specialised training, often with years of "
        "experience; many people in these occupations reached them mid-career.",
    ),
}

# "Strong outlook" is Truest's own rule, read from the loaded BLS Employment Projections:
# employment projected to grow at least twice as fast as all occupations together, or at
# least this many openings a year. It is deliberately not called Bright Outlook: O*NET
# publishes its Bright Outlook designation under different criteria, so borrowing the name
# would claim O*NET said something it did not.
STRONG_OUTLOOK_NAME = "Strong outlook"
STRONG_OUTLOOK_GROWTH_MULTIPLE = 2.0
STRONG_OUTLOOK_MIN_OPENINGS = 100_000


def strong_outlook_of(
    *, change_percent: float | None, annual_openings: int | None, all_change: float | None
) -> bool:
    """Whether BLS figures meet Truest's strong-outlook rule (see the constants above)."""
    fast = (
        change_percent is not None
        and all_change is not None
        and all_change > 0  # twice a decline is no bar at all
        and change_percent >= STRONG_OUTLOOK_GROWTH_MULTIPLE * all_change
    )
    many = annual_openings is not None and annual_openings >= STRONG_OUTLOOK_MIN_OPENINGS
    return fast or many


def strong_outlook_definition(all_change: float | None) -> str:
    """The rule in words, with the numbers it uses; shown wherever the label is."""
    multiple = f"{STRONG_OUTLOOK_GROWTH_MULTIPLE:g}"
    growth = f"at least {multiple} times as fast as all occupations together"
    if all_change is not None and all_change > 0:
        growth += (
            f" ({STRONG_OUTLOOK_GROWTH_MULTIPLE * all_change:+.1f}% or more, against "
            f"{all_change:+.1f}% for all occupations)"
        )
    return (
        f"{STRONG_OUTLOOK_NAME} is Truest's own rule, not O*NET's Bright Outlook: BLS projects "
        f"employment to grow {growth}, or at least {STRONG_OUTLOOK_MIN_OPENINGS:,} openings a "
        "year."
    )


# Growth bands for filters and wording, relative to all occupations (percentage points).
# The bounds live in careers/selectors/sources.py (growth_band_bounds); nothing else may
# put growth into words.
GROWTH_BANDS: dict[str, str] = {
    "declining": "Declining",
    "slower": "Slower than average",
    "average": "About average",
    "faster": "Faster than average",
    "much-faster": "Much faster than average",
}

# OEWS prints "#" for a wage at or above its top code. The importer reads the codes from the
# file's own notes; these are May 2025's, used when a file's notes do not state them.
WAGE_TOP_CODE_ANNUAL = 239_200
WAGE_TOP_CODE_HOURLY = "115.00"
WAGE_PERCENTILES: tuple[str, ...] = ("p10", "p25", "median", "p75", "p90")
