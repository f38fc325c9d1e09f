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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truest.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")
    import django

    django.setup()
    from assessments.personas import catalog_levels, persona_fits
    from assessments.profile_files import PROFILE_DIR, personas_read, profile_content_read

    content = profile_content_read()
    levels = catalog_levels()
    print("| persona | expect | own family's rank | fit by level |")
    print("|---|---|---|---|")
    for persona in personas_read(PROFILE_DIR / "personas.toml", content):
        means, own = persona_fits(persona, content, levels)
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
