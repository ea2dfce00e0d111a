"""Where things are: the apps' layering and the size of their modules.

frameworks (the content and the reader pages) is the lower app; corrections (change logs,
readers' reports) builds on it. An import the other way would tie the two together both ways.
"""

import ast
from pathlib import Path

from django.conf import settings

APPS = ("comparator", "corrections", "frameworks")
MAX_LINES = 500


def modules(app):
    return sorted(Path(settings.BASE_DIR, app).rglob("*.py"))


def imported_names(path):
    """Every module an `import` or `from … import` of the file names (absolute imports)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_module_of_frameworks_imports_corrections():
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {name}"
        for path in modules("frameworks")
        for name in imported_names(path)
        if name == "corrections" or name.startswith("corrections.")
    ]
    assert offenders == []


def test_the_import_check_sees_an_import_of_corrections(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from corrections.links import page_links\n", "utf-8")
    assert list(imported_names(module)) == ["corrections.links"]


def test_no_module_of_the_apps_is_over_500_lines_models_and_migrations_aside():
    too_long = {
        str(path.relative_to(settings.BASE_DIR)): lines
        for app in APPS
        for path in modules(app)
        if path.name != "models.py" and "migrations" not in path.parts
        if (lines := len(path.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
