"""The apps depend one way, courses → cms → lms, in fact and not only in imports.

A lower app never imports an upper one (even lazily, inside a function), never names
one of its modules, models, tasks or URL names in a string, and its templates never
load an upper app's tag library, link to its URL names or include its templates. The
upper app registers into a registry the lower app owns instead (lms.personal_data,
lms.background, cms.registry), or the project settings name it.

Only the project wiring may know every app: ``lms/settings.py``, ``lms/urls.py``,
``lms/celery.py`` and ``lms/wsgi.py``.

Read from the source with ``ast`` and regular expressions, so nothing is imported.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Lowest first: an app may depend on the apps before it, never on those after it.
LAYERS = ("lms", "cms", "courses")
WIRING = frozenset({"lms/settings.py", "lms/urls.py", "lms/celery.py", "lms/wsgi.py"})

#: The URL namespaces each app defines (app_name in its urls.py).
URL_NAMESPACES = {
    "learn": "courses",
    "accounts": "lms",
    "cohorts": "courses",
    "library": "cms",
    "discussion": "courses",
    "evaluation": "courses",
    "evaluation_results": "courses",
}

#: Templates of the one tree (templates/), by the app that renders them. The shared
#: components/ folder holds fragments of several apps and is left out.
TEMPLATE_OWNERS = {
    "lms/": "lms",
    "emails/accounts/": "lms",
    "emails/invitations/": "lms",
    "emails/base.html": "lms",
    "cms/": "cms",
    "base.html": "cms",
    "404.html": "cms",
    "500.html": "cms",
    "courses/": "courses",
    "library/": "cms",  # cms.library: its pages, item card, lesson block, refusal
}

#: The one template arrow that still runs up, on purpose: lms's account pages are drawn
#: in the site's frame, ``base.html`` of the shell (cms), like every public page.
ALLOWED_TEMPLATE_ARROWS = frozenset({("lms", "base.html")})

# A whole string that names an upper app's module or model ("courses.tasks.x",
# "courses.CoursePage") or one of its URLs ("learn:dashboard").
DOTTED = re.compile(r"^(?P<app>[a-z_]+)\.[A-Za-z_][\w.*]*$")
URL_NAME = re.compile(r"^(?P<namespace>[a-z_]+):[a-z_]+$")

LOAD = re.compile(r"{%\s*load\s+(?P<libraries>[^%]*?)(?:\s+from\s+\S+)?\s*%}")
URL_TAG = re.compile(r"""{%\s*url\s+['"](?P<namespace>[a-z_]+):""")
INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+['"](?P<name>[^'"]+)['"]""")


def _layer(app: str) -> int:
    return LAYERS.index(app)


def _is_upper(app: str, than: str) -> bool:
    return app in LAYERS and _layer(app) > _layer(than)


def _modules() -> list[tuple[str, Path]]:
    """(app, path) of every module of the apps, migrations included, tests excluded."""
    return [
        (app, path)
        for app in LAYERS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "__pycache__" not in path.parts
    ]


def _imported_apps(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], node.lineno))
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _named_apps(tree: ast.AST) -> list[tuple[str, str, int]]:
    """(app, string, line) for every string constant that names an app's module or URL."""
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if id(node) in skip:
            continue
        if dotted := DOTTED.match(node.value):
            found.append((dotted["app"], node.value, node.lineno))
        elif url := URL_NAME.match(node.value):
            app = URL_NAMESPACES.get(url["namespace"])
            if app:
                found.append((app, node.value, node.lineno))
    return found


def _offences(check) -> list[str]:
    offences = []
    for app, path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        if relative in WIRING:
            continue
        tree = ast.parse(path.read_text(), relative)
        offences += [f"{relative}:{line} {what}" for what, line in check(app, tree)]
    return offences


def test_no_module_imports_an_app_above_its_own():
    def upward_imports(app, tree):
        return [
            (f"imports {imported}", line)
            for imported, line in _imported_apps(tree)
            if _is_upper(imported, app)
        ]

    assert _offences(upward_imports) == []


def test_no_module_names_an_app_above_its_own_in_a_string():
    def upward_names(app, tree):
        return [
            (f"names {string!r}", line)
            for named, string, line in _named_apps(tree)
            if _is_upper(named, app)
        ]

    assert _offences(upward_names) == []


def test_only_the_wiring_modules_are_allowed_to_know_every_app():
    # The allowance is for these four files only; each of them exists.
    assert all((ROOT / module).is_file() for module in WIRING)
    assert {module.split("/")[0] for module in WIRING} == {LAYERS[0]}


def _tag_libraries() -> dict[str, str]:
    """Tag library name → the app that defines it."""
    return {
        path.stem: app
        for app in LAYERS
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def _template_owner(name: str) -> str | None:
    for prefix, app in TEMPLATE_OWNERS.items():
        if name == prefix or (prefix.endswith("/") and name.startswith(prefix)):
            return app
    return None


def _template_offences(name: str, source: str, libraries: dict[str, str]) -> list[str]:
    app = _template_owner(name)
    if app is None:
        return []
    offences = []
    for match in LOAD.finditer(source):
        for library in match["libraries"].split():
            if _is_upper(libraries.get(library, ""), app):
                offences.append(f"{name} loads {library}")
    for match in URL_TAG.finditer(source):
        if _is_upper(URL_NAMESPACES.get(match["namespace"], ""), app):
            offences.append(f"{name} links to {match['namespace']}:…")
    for match in INCLUDE.finditer(source):
        if (app, match["name"]) in ALLOWED_TEMPLATE_ARROWS:
            continue
        if _is_upper(_template_owner(match["name"]) or "", app):
            offences.append(f"{name} includes {match['name']}")
    return offences


def test_templates_of_a_lower_app_use_nothing_of_an_upper_app():
    libraries = _tag_libraries()
    assert {"course_tags": "courses", "site_tags": "cms"}.items() <= libraries.items()
    templates = ROOT / "templates"
    offences = []
    for path in sorted(templates.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".txt"}:
            name = path.relative_to(templates).as_posix()
            offences += _template_offences(name, path.read_text(), libraries)
    assert offences == []


def test_the_template_check_finds_an_upward_load_a_link_and_an_include():
    libraries = _tag_libraries()
    source = (
        "{% load i18n course_tags %}<a href=\"{% url 'learn:dashboard' %}\">"
        '{% include "courses/shell/home_featured.html" %}'
    )
    assert _template_offences("base.html", source, libraries) == [
        "base.html loads course_tags",
        "base.html links to learn:…",
        "base.html includes courses/shell/home_featured.html",
    ]
    # The same template in courses may use all of it.
    assert _template_offences("courses/dashboard.html", source, libraries) == []


def test_the_import_check_finds_a_lazy_upward_import_and_a_named_task():
    tree = ast.parse(
        "def view():\n"
        "    from courses.selectors import catalogue\n"
        "TASK = 'courses.tasks.notifications_sweep_task'\n"
        "URL = 'learn:dashboard'\n"
    )
    assert [(app, line) for app, line in _imported_apps(tree)] == [("courses", 2)]
    assert [(app, line) for app, _string, line in _named_apps(tree)] == [
        ("courses", 3),
        ("courses", 4),
    ]
