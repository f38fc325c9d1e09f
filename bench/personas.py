"""The work-style profile's personas against the shipped catalog, as a Markdown table.

Method
------
For every persona in assessments/catalog/personas.toml: its answers give a position on
each dimension (assessments/profile.py); every family's profile (assessments/catalog/roles/)
at each of the family's levels (careers/catalog/) gives a fit; a family's score is the mean
fit over its levels. Printed: the rank of the persona's own family among all families, and
its fit at each level of that family (band; "conflict" when a working condition the level
carries is beyond what the persona accepts). Files only: no database needed. The same rules
are asserted by tests/assessments/test_profile_content.py.

Usage: .venv/bin/python bench/personas.py > table.md
"""

import os
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truest.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")
    import django

    django.setup()
    from assessments.profile import dimension_positions, role_fit
    from assessments.profile_files import (
        PROFILE_DIR,
        family_profile_at,
        personas_read,
        profile_content_read,
    )
    from careers.catalog_files import CATALOG_DIR, NOT_FAMILIES

    content = profile_content_read()
    levels = {
        data["slug"]: [role["level"] for role in data["roles"]]
        for data in (
            tomllib.loads(path.read_text(encoding="utf-8"))
            for path in sorted(CATALOG_DIR.glob("*.toml"))
            if path.name not in NOT_FAMILIES
        )
    }
    items = {item["key"]: item for item in content.items}
    print("| persona | expect | own family's rank | fit by level |")
    print("|---|---|---|---|")
    for persona in personas_read(PROFILE_DIR / "personas.toml", content):
        answered = [{**items[k], "answer": v[0]} for k, v in persona["answers"].items()]
        positions = dimension_positions(answered)
        accepted = {k: v[0] for k, v in (persona.get("conditions") or {}).items()}
        means, own = {}, []
        for family, family_levels in levels.items():
            fits = [
                (
                    level,
                    role_fit(
                        role={"slug": level, **family_profile_at(content.families[family], level)},
                        positions=positions,
                        accepted=accepted,
                    ),
                )
                for level in family_levels
            ]
            means[family] = sum(fit.score for _, fit in fits) / len(fits)
            if family == persona["family"]:
                own = fits
        ranking = sorted(means, key=lambda family: -means[family])
        cells = ", ".join(
            f"{level} {fit.score} {fit.band}{' (conflict)' if fit.conflicts else ''}"
            for level, fit in own
        )
        rank = ranking.index(persona["family"]) + 1
        print(f"| {persona['key']} | {persona['expect']} | {rank} of {len(ranking)} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
