"""Who may import what inside the apps: selectors read and never reach for services, and
no module borrows another module's private (underscored) names.

Read from the source with ``ast``, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("lms", "cms", "courses")


def _sources(*folders: str) -> list[Path]:
    return sorted(
        path
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    )


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, str | None, int]]:
    """(module, imported name or None, line) for every import in the file."""
    found = []
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            found += [(module, alias.name, node.lineno) for alias in node.names]
    return found


def test_selectors_import_nothing_from_services():
    offences = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _sources("courses/selectors")
        for module, name, line in _imports(path)
        if module == "courses.services"
        or module.startswith("courses.services.")
        or (module == "courses" and name == "services")
    ]
    assert offences == []


def test_no_module_imports_another_modules_private_names():
    offences = [
        f"{path.relative_to(ROOT)}:{line} imports {name} from {module}"
        for path in _sources(*APPS)
        for module, name, line in _imports(path)
        if name
        and name.startswith("_")
        and not name.startswith("__")
        and module.split(".")[0] in APPS
        and module != _module_name(path)
    ]
    assert offences == []
