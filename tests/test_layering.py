"""The apps depend on each other in one direction: truest's pages and URLs → assessments →
careers. careers holds content and public data and never reaches into a person's results;
where its pages show the reader's own fit, truest/urls.py hands it an implementation
(careers/personal.py). Shared helpers of the project (truest.limits …) may be used by all.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# app → the modules (and their submodules) it must never import
FORBIDDEN = {
    "careers": ("assessments", "truest.urls", "truest.views"),
    "assessments": ("truest.urls", "truest.views"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def forbidden_in(path: Path, prefixes: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name in imported_modules(path)
        if any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)
    )


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_never_imports_the_layers_above_it(app):
    offenders = {
        str(path.relative_to(ROOT)): forbidden_in(path, FORBIDDEN[app])
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and forbidden_in(path, FORBIDDEN[app])
    }
    assert not offenders, offenders


def test_the_check_sees_an_import_it_forbids(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("from assessments.personal import WORK_PROFILE_LENS\nimport truest.views\n")
    assert forbidden_in(module, FORBIDDEN["careers"]) == [
        "assessments.personal",
        "assessments.personal.WORK_PROFILE_LENS",
        "truest.views",
    ]


def test_settings_name_no_view_code_by_dotted_path():
    """Dotted paths in settings hide a dependency from every import check."""
    settings = (ROOT / "truest" / "settings.py").read_text(encoding="utf-8")
    assert "ROLE_PAGE_PANELS" not in settings and "ROLE_COMPARE_ROWS" not in settings
