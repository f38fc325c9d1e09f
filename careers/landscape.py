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

# Bright Outlook, as Truest defines it from the BLS projections: employment projected to
# grow at least twice as fast as all occupations together, or at least this many openings a
# year. Both read from the loaded Employment Projections release.
BRIGHT_OUTLOOK_GROWTH_MULTIPLE = 2.0
BRIGHT_OUTLOOK_MIN_OPENINGS = 100_000

# Growth bands for filters and wording, relative to all occupations (percentage points).
GROWTH_BANDS: dict[str, str] = {
    "declining": "Declining",
    "slower": "Slower than average",
    "average": "About average",
    "faster": "Faster than average",
    "much-faster": "Much faster than average",
}

WAGE_TOP_CODE_ANNUAL = 239_200  # OEWS publishes "#" for annual wages at or above this
